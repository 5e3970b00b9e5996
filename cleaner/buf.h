/* buf: a growable byte buffer. Not NUL-terminated unless buf_cstr() is used.
 * A struct buf owns p; buf_free() releases it and leaves an empty buffer.
 * Growth goes through xalloc, so these calls cannot fail. */
#ifndef CLEANER_BUF_H
#define CLEANER_BUF_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct buf {
    char *p;
    size_t len;
    size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

static inline void buf_reserve(struct buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap)
        b->p = xgrow(b->p, &b->cap, b->len + extra + 1, 1);
}

static inline void buf_append(struct buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
}

static inline void buf_putc(struct buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->len++] = c;
}

static inline void buf_set(struct buf *b, const void *p, size_t n)
{
    b->len = 0;
    buf_append(b, p, n);
}

/* NUL-terminate without changing len; returns b->p (never NULL). */
static inline char *buf_cstr(struct buf *b)
{
    buf_reserve(b, 0);
    b->p[b->len] = '\0';
    return b->p;
}

static inline void buf_free(struct buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

#endif
