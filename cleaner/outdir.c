/* outdir: the folders under -o DIR, made once, never through a link (see
 * outdir.h). */
#include "outdir.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strset.h"
#include "xalloc.h"

struct outdir {
    char *dir;
    size_t dir_len;
    int dir_made;
    pthread_mutex_t mu;
    struct strset ready; /* folders (as prefixes of dest) known good */
};

struct outdir *outdir_new(const char *dir)
{
    struct outdir *d = xcalloc(1, sizeof *d);
    d->dir = xstrdup(dir);
    d->dir_len = strlen(dir);
    pthread_mutex_init(&d->mu, NULL);
    d->ready = (struct strset)STRSET_INIT;
    return d;
}

void outdir_free(struct outdir *d)
{
    if (!d)
        return;
    strset_free(&d->ready);
    pthread_mutex_destroy(&d->mu);
    free(d->dir);
    free(d);
}

/* The folder path: a folder that is not a link, made when missing. */
static int one_folder(const char *path, char *why, size_t why_size)
{
    for (int tries = 0; tries < 2; tries++) {
        struct stat st;
        if (lstat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                return 0;
            int e = S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR;
            snprintf(why, why_size, "%s: %s", path,
                     e == ELOOP ? "a symbolic link inside the output folder, not followed "
                                  "(nothing is written outside it)"
                                : strerror(e));
            return e;
        }
        if (errno != ENOENT)
            break;
        if (mkdir(path, 0777) == 0)
            return 0;
        if (errno != EEXIST)
            break;
        /* made meanwhile by another process: look again */
    }
    int e = errno;
    snprintf(why, why_size, "%s", strerror(e));
    return e;
}

/* DIR itself and the folders above it, made when missing (links followed:
 * the user named this path). */
static int make_dir(struct outdir *d, char *why, size_t why_size)
{
    for (char *p = d->dir + 1;; p++) {
        if (*p && *p != '/')
            continue;
        char c = *p;
        *p = '\0';
        int rc = mkdir(d->dir, 0777), e = errno;
        *p = c;
        if (rc < 0 && e != EEXIST) {
            snprintf(why, why_size, "%s", strerror(e));
            return e;
        }
        if (!c)
            return 0;
    }
}

int outdir_prepare(struct outdir *d, const char *dest, char *why, size_t why_size)
{
    const char *slash = strrchr(dest, '/');
    size_t folder = slash ? (size_t)(slash - dest) : 0;
    if (folder < d->dir_len || strncmp(dest, d->dir, d->dir_len))
        return 0; /* not under DIR: nothing to make */
    int e = 0;
    pthread_mutex_lock(&d->mu);
    if (!d->dir_made && !(e = make_dir(d, why, why_size)))
        d->dir_made = 1;
    if (!e && folder > d->dir_len && !strset_has(&d->ready, dest, folder)) {
        char *path = xmemdup0(dest, folder);
        /* each folder below DIR, outermost first */
        for (size_t i = d->dir_len + 1; !e && i <= folder; i++) {
            if (i < folder && path[i] != '/')
                continue;
            if (strset_has(&d->ready, path, i))
                continue;
            char c = path[i];
            path[i] = '\0';
            e = one_folder(path, why, why_size);
            path[i] = c;
            if (!e)
                strset_add(&d->ready, path, i);
        }
        free(path);
    }
    pthread_mutex_unlock(&d->mu);
    return e;
}
