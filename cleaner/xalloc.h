/* xalloc: allocation that never returns NULL.
 * Out of memory is the one error that is reported where it happens: the
 * functions print "cleaner: out of memory" on stderr and exit with status 1,
 * so no caller has to carry an allocation failure up the stack. */
#ifndef CLEANER_XALLOC_H
#define CLEANER_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
/* Like realloc(); p may be NULL. Never returns NULL. */
void *xrealloc(void *p, size_t n);
/* Copy of the n bytes at p plus a terminating NUL; the caller frees it. */
char *xmemdup0(const char *p, size_t n);
char *xstrdup(const char *s);
/* Grow *cap (doubling, at least to need) and return the reallocated p. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);
/* For library calls that return NULL with errno set (ENOMEM mostly):
 * report out of memory and exit 1. */
_Noreturn void xalloc_die_errno(void);

#endif
