/* source: transparent decompression of inputs (see source.h). */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "xalloc.h"

enum kind { K_UNKNOWN, K_PLAIN, K_GZIP, K_ZSTD };

enum { RAW = 1 << 17 };

struct source {
    int fd;
    enum kind kind;
    unsigned char *raw;     /* bytes read from fd, not consumed yet */
    size_t raw_start, raw_end;
    int eof;                /* fd said end of file */
    z_stream z;
    int z_open, z_member_done;
    ZSTD_DStream *zs;
    size_t zs_hint;         /* libzstd's: 0 when a frame is complete */
    char *back;             /* decoded bytes peeked at, read again first */
    size_t back_start, back_end;
    char error[128];
};

struct source *source_new(int fd)
{
    struct source *s = xcalloc(1, sizeof *s);
    s->fd = fd;
    s->raw = xmalloc(RAW);
    return s;
}

void source_free(struct source *s)
{
    if (!s)
        return;
    if (s->z_open)
        inflateEnd(&s->z);
    if (s->zs)
        ZSTD_freeDStream(s->zs);
    free(s->raw);
    free(s->back);
    free(s);
}

int source_fd(const struct source *s)
{
    return s->fd;
}

const char *source_error(const struct source *s)
{
    return s->error[0] ? s->error : "corrupt data";
}

const char *source_kind(const struct source *s)
{
    return s->kind == K_GZIP ? "gzip" : s->kind == K_ZSTD ? "zstd" : "plain";
}

int source_buffered(const struct source *s)
{
    return s->raw_end > s->raw_start || s->back_end > s->back_start;
}

/* More raw bytes after the unread ones: 1, 0 at end of file, -1 on error. */
static int fill(struct source *s)
{
    if (s->raw_start > 0) {
        memmove(s->raw, s->raw + s->raw_start, s->raw_end - s->raw_start);
        s->raw_end -= s->raw_start;
        s->raw_start = 0;
    }
    if (s->eof || s->raw_end == RAW)
        return s->raw_end == RAW ? 1 : 0;
    for (;;) {
        ssize_t n = read(s->fd, s->raw + s->raw_end, RAW - s->raw_end);
        if (n > 0) {
            s->raw_end += (size_t)n;
            return 1;
        }
        if (n == 0) {
            s->eof = 1;
            return 0;
        }
        if (errno != EINTR)
            return -1;
    }
}

static ssize_t corrupt(struct source *s, const char *what, const char *detail)
{
    snprintf(s->error, sizeof s->error, "%s: %s", what, detail ? detail : "corrupt data");
    errno = EILSEQ;
    return -1;
}

/* Tell the kind from the first bytes (as many as there are, up to 4). */
static int sniff(struct source *s)
{
    while (s->raw_end - s->raw_start < 4 && !s->eof)
        if (fill(s) < 0)
            return -1;
    const unsigned char *m = s->raw + s->raw_start;
    size_t n = s->raw_end - s->raw_start;
    if (n >= 2 && m[0] == 0x1F && m[1] == 0x8B) {
        s->kind = K_GZIP;
        if (inflateInit2(&s->z, 15 + 16) != Z_OK)
            xalloc_die_errno();
        s->z_open = 1;
    } else if (n >= 4 && m[0] == 0x28 && m[1] == 0xB5 && m[2] == 0x2F && m[3] == 0xFD) {
        s->kind = K_ZSTD;
        s->zs = ZSTD_createDStream();
        if (!s->zs)
            xalloc_die_errno();
        ZSTD_initDStream(s->zs);
    } else {
        s->kind = K_PLAIN;
    }
    return 0;
}

/* Compressed bytes to decode: 1 when there are some, else what the
 * decoder returns: 0 at a clean end (complete is set: the last member or
 * frame ended), -1 on a read error or a truncated stream. */
static int have_input(struct source *s, int complete, const char *what, const char *truncated,
                      ssize_t *ret)
{
    if (s->raw_end > s->raw_start)
        return 1;
    int f = fill(s);
    if (f > 0)
        return 1;
    *ret = f < 0 ? -1 : complete ? 0 : corrupt(s, what, truncated);
    return 0;
}

static ssize_t read_gzip(struct source *s, char *buf, size_t n)
{
    for (;;) {
        ssize_t end;
        if (!have_input(s, s->z_member_done, "gzip", "the data ends inside a member (truncated)",
                        &end))
            return end;
        if (s->z_member_done) {
            /* another member follows (a WET file is one per record) */
            if (s->raw[s->raw_start] != 0x1F)
                return corrupt(s, "gzip", "bytes after the last member are not gzip");
            inflateReset(&s->z);
            s->z_member_done = 0;
        }
        s->z.next_in = s->raw + s->raw_start;
        s->z.avail_in = (uInt)(s->raw_end - s->raw_start);
        s->z.next_out = (Bytef *)buf;
        s->z.avail_out = (uInt)(n > (1u << 30) ? 1u << 30 : n);
        int rc = inflate(&s->z, Z_NO_FLUSH);
        size_t used = (size_t)(s->z.next_in - (s->raw + s->raw_start));
        size_t got = (size_t)((char *)s->z.next_out - buf);
        s->raw_start += used;
        if (rc == Z_STREAM_END)
            s->z_member_done = 1;
        else if (rc != Z_OK && rc != Z_BUF_ERROR)
            return corrupt(s, "gzip", s->z.msg);
        if (got > 0)
            return (ssize_t)got;
    }
}

static ssize_t read_zstd(struct source *s, char *buf, size_t n)
{
    for (;;) {
        ssize_t end;
        if (!have_input(s, s->zs_hint == 0, "zstd", "the data ends inside a frame (truncated)",
                        &end))
            return end;
        ZSTD_inBuffer in = { s->raw + s->raw_start, s->raw_end - s->raw_start, 0 };
        ZSTD_outBuffer out = { buf, n, 0 };
        size_t rc = ZSTD_decompressStream(s->zs, &out, &in);
        s->raw_start += in.pos;
        if (ZSTD_isError(rc))
            return corrupt(s, "zstd", ZSTD_getErrorName(rc));
        s->zs_hint = rc;
        if (out.pos > 0)
            return (ssize_t)out.pos;
    }
}

static ssize_t decode(struct source *s, char *buf, size_t n);

/* Copies up to n of the pending bytes from[pos, end) to buf; returns how
 * many (the caller consumes them, or not for a peek). */
static size_t copy_pending(const void *from, size_t pos, size_t end, char *buf, size_t n)
{
    size_t k = end - pos;
    if (k > n)
        k = n;
    memcpy(buf, (const char *)from + pos, k);
    return k;
}

ssize_t source_read(struct source *s, char *buf, size_t n)
{
    if (n == 0)
        return 0;
    if (s->back_end > s->back_start) {
        size_t k = copy_pending(s->back, s->back_start, s->back_end, buf, n);
        s->back_start += k;
        return (ssize_t)k;
    }
    return decode(s, buf, n);
}

ssize_t source_peek(struct source *s, char *buf, size_t n)
{
    if (!s->back) {
        s->back = xmalloc(n);
        while (s->back_end < n) {
            ssize_t k = decode(s, s->back + s->back_end, n - s->back_end);
            if (k < 0)
                return -1;
            if (k == 0)
                break;
            s->back_end += (size_t)k;
        }
    }
    return (ssize_t)copy_pending(s->back, s->back_start, s->back_end, buf, n);
}

static ssize_t decode(struct source *s, char *buf, size_t n)
{
    if (s->kind == K_UNKNOWN && sniff(s) < 0)
        return -1;
    switch (s->kind) {
    case K_GZIP:
        return read_gzip(s, buf, n);
    case K_ZSTD:
        return read_zstd(s, buf, n);
    default:
        break;
    }
    if (s->raw_end > s->raw_start) {
        size_t k = copy_pending(s->raw, s->raw_start, s->raw_end, buf, n);
        s->raw_start += k;
        return (ssize_t)k;
    }
    for (;;) {
        ssize_t r = read(s->fd, buf, n);
        if (r >= 0 || errno != EINTR)
            return r;
    }
}
