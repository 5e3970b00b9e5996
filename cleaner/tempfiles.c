/* tempfiles: temporaries that a signal never leaves behind (tempfiles.h). */
#include "tempfiles.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

struct tempfiles {
    pthread_mutex_t mu;
    char **name;        /* per slot: the temporary's path, "" when none */
    unsigned slots;
    sigset_t caught, old_mask;
    pthread_t waiter;
    int waiting;        /* the waiting thread runs */
    long pid;           /* in every temporary's name */
};

static void *wait_for_signal(void *arg)
{
    struct tempfiles *t = arg;
    int sig = 0;
    while (sigwait(&t->caught, &sig) != 0)
        ;
    /* no temporary is created or published from here on */
    pthread_mutex_lock(&t->mu);
    for (unsigned i = 0; i < t->slots; i++)
        if (t->name[i][0])
            unlink(t->name[i]);
    /* die of the signal, as if there had been no handler */
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
    _exit(128 + sig);
}

struct tempfiles *tempfiles_start(unsigned slots)
{
    struct tempfiles *t = xcalloc(1, sizeof *t);
    pthread_mutex_init(&t->mu, NULL);
    t->slots = slots ? slots : 1;
    t->pid = (long)getpid();
    t->name = xcalloc(t->slots, sizeof *t->name);
    for (unsigned i = 0; i < t->slots; i++)
        t->name[i] = xcalloc(PATH_MAX, 1);
    sigemptyset(&t->caught);
    sigaddset(&t->caught, SIGINT);
    sigaddset(&t->caught, SIGTERM);
    sigaddset(&t->caught, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &t->caught, &t->old_mask);
    t->waiting = pthread_create(&t->waiter, NULL, wait_for_signal, t) == 0;
    if (!t->waiting)
        pthread_sigmask(SIG_SETMASK, &t->old_mask, NULL); /* no guard: plain signals */
    return t;
}

void tempfiles_stop(struct tempfiles *t)
{
    if (!t)
        return;
    if (t->waiting) {
        /* take the lock so the waiter is not half-way through a cleanup */
        pthread_mutex_lock(&t->mu);
        pthread_cancel(t->waiter);
        pthread_mutex_unlock(&t->mu);
        pthread_join(t->waiter, NULL);
        pthread_sigmask(SIG_SETMASK, &t->old_mask, NULL);
    }
    for (unsigned i = 0; i < t->slots; i++)
        free(t->name[i]);
    free(t->name);
    pthread_mutex_destroy(&t->mu);
    free(t);
}

int tempfiles_create(struct tempfiles *t, unsigned slot, const char *dest)
{
    pthread_mutex_lock(&t->mu);
    char *name = t->name[slot];
    int fd = -1;
    if (snprintf(name, PATH_MAX, "%s.cleaner-tmp.%ld.%u", dest, t->pid, slot) >= PATH_MAX) {
        name[0] = '\0';
        errno = ENAMETOOLONG;
    } else {
        /* a name taken is a leftover of a killed run with our pid */
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno == EEXIST && unlink(name) == 0)
            fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0)
            name[0] = '\0';
    }
    int e = errno;
    pthread_mutex_unlock(&t->mu);
    errno = e;
    return fd;
}

int tempfiles_publish(struct tempfiles *t, unsigned slot, const char *dest)
{
    pthread_mutex_lock(&t->mu);
    char *name = t->name[slot];
    int e = rename(name, dest) < 0 ? errno : 0;
    if (e)
        unlink(name);
    name[0] = '\0';
    pthread_mutex_unlock(&t->mu);
    return e;
}

void tempfiles_discard(struct tempfiles *t, unsigned slot)
{
    pthread_mutex_lock(&t->mu);
    if (t->name[slot][0])
        unlink(t->name[slot]);
    t->name[slot][0] = '\0';
    pthread_mutex_unlock(&t->mu);
}
