/* tempfiles: output files written under a temporary name and published by
 * rename(), so that a SIGINT, SIGTERM or SIGHUP at any moment, with any
 * number of workers, leaves neither a temporary nor a partial output.
 *
 * tempfiles_start() blocks those signals in the calling thread (threads it
 * creates afterwards inherit the mask) and starts one thread that waits
 * for them. Creating a temporary (open + register) and publishing it
 * (rename + unregister) each happen under one lock; on a signal the
 * waiting thread takes that lock, so no temporary can appear or vanish
 * half-way, unlinks every registered one, and ends the process with the
 * signal's default action. tempfiles_stop() ends the waiting thread and
 * restores the signal mask. */
#ifndef CLEANER_TEMPFILES_H
#define CLEANER_TEMPFILES_H

#include <stddef.h>

struct tempfiles;

/* slots: how many temporaries may be open at once (one per worker). */
struct tempfiles *tempfiles_start(unsigned slots);
void tempfiles_stop(struct tempfiles *t);

/* Create and open for writing a new temporary beside dest in slot (a
 * name of dest + ".cleaner-tmp.PID.SLOT"). Returns the descriptor, or -1
 * with errno set. */
int tempfiles_create(struct tempfiles *t, unsigned slot, const char *dest);
/* Rename slot's temporary to dest. Returns 0 or an errno value; on error
 * the temporary is removed. */
int tempfiles_publish(struct tempfiles *t, unsigned slot, const char *dest);
/* Remove slot's temporary, if any. */
void tempfiles_discard(struct tempfiles *t, unsigned slot);

#endif
