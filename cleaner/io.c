/* io: growing-buffer line reader and sticky-error buffered writer (io.h). */
#include "io.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "compress.h"
#include "source.h"
#include "xalloc.h"

enum { IO_CHUNK = 1 << 18 };

void io_reader_init(struct io_reader *r, int fd, int nul_docs)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->nul_docs = nul_docs;
    r->cap = IO_CHUNK;
    r->buf = xmalloc(r->cap);
    r->buf[0] = '\0'; /* the sentinel after the bytes read (find_terminator) */
    r->idle = NULL;
    r->idle_ctx = NULL;
}

void io_reader_set_source(struct io_reader *r, struct source *src)
{
    r->src = src;
}

void io_reader_set_max_line(struct io_reader *r, size_t n)
{
    r->max_line = n;
}

void io_reader_on_idle(struct io_reader *r, void (*fn)(void *ctx), void *ctx)
{
    r->idle = fn;
    r->idle_ctx = ctx;
}

void io_reader_unread(const struct io_reader *r, const char **p, size_t *n)
{
    *p = r->buf ? r->buf + r->start : "";
    *n = r->end - r->start;
}

void io_reader_prefill(struct io_reader *r, const char *p, size_t n)
{
    if (r->cap - r->end <= n)
        r->buf = xgrow(r->buf, &r->cap, r->end + n + 1, 1);
    memcpy(r->buf + r->end, p, n);
    r->end += n;
    r->buf[r->end] = '\0';
}

void io_reader_free(struct io_reader *r)
{
    free(r->buf);
    r->buf = NULL;
}

int io_readable(int fd, int timeout_ms)
{
    struct pollfd p = { fd, POLLIN, 0 };
    int n;
    while ((n = poll(&p, 1, timeout_ms)) < 0 && errno == EINTR)
        ;
    /* an error or a hang-up is "readable": read() then says what it is */
    return n != 0;
}

/* Read more bytes after end, compacting or growing the buffer first.
 * Returns 1 if bytes arrived, 0 at end of file, -1 on error. */
static int refill(struct io_reader *r)
{
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
        r->buf[r->end] = '\0';
    }
    if (r->cap - r->end < IO_CHUNK / 4)
        r->buf = xgrow(r->buf, &r->cap, r->cap + 1, 1);
    /* about to wait for a slow writer: what is decided goes out first */
    if (r->idle && !(r->src && source_buffered(r->src)) && !io_readable(r->fd, 0))
        r->idle(r->idle_ctx);
    for (;;) {
        /* one byte kept for the sentinel */
        ssize_t n = r->src ? source_read(r->src, r->buf + r->end, r->cap - r->end - 1)
                           : read(r->fd, r->buf + r->end, r->cap - r->end - 1);
        if (n > 0) {
            r->end += (size_t)n;
            r->buf[r->end] = '\0';
            r->bytes_read += (unsigned long long)n;
            return 1;
        }
        if (n == 0) {
            r->eof = 1;
            return 0;
        }
        if (errno == EINTR)
            continue;
        r->err = errno;
        return -1;
    }
}

/* Position of the first line or document terminator in [from, end), or
 * end. The bytes read are followed by a NUL, so one strcspn() finds the
 * first CR, LF or NUL (one vector scan instead of a memchr for each);
 * without nul_docs a NUL inside a line is passed over. */
static size_t find_terminator(const struct io_reader *r, size_t from)
{
    const char *b = r->buf + from;
    if (r->lf_only) {
        const char *lf = memchr(b, '\n', r->end - from);
        return lf ? (size_t)(lf - r->buf) : r->end;
    }
    size_t t = (size_t)(b - r->buf) + strcspn(b, "\r\n");
    if (t >= r->end || r->buf[t] != '\0' || r->nul_docs)
        return t < r->end ? t : r->end;
    /* a NUL byte inside a line of plain text, where strcspn stops: the
       rest is searched for CR and LF alone (a run of NULs would cost a
       call per byte) */
    const char *s = r->buf + t, *lf = memchr(s, '\n', r->end - t);
    const char *cr = memchr(s, '\r', (size_t)((lf ? lf : r->buf + r->end) - s));
    return (size_t)((cr ? cr : lf ? lf : r->buf + r->end) - r->buf);
}

enum io_event io_reader_next(struct io_reader *r, const char **line, size_t *len)
{
    if (r->doc_end_pending) {
        r->doc_end_pending = 0;
        return IO_DOC_END;
    }
    size_t scanned = r->start;
    for (;;) {
        size_t t = find_terminator(r, scanned);
        if (t < r->end) {
            char c = r->buf[t];
            if (c == '\r' && t + 1 == r->end && !r->eof) {
                /* CR at the end of the buffer: is an LF next? */
                size_t off = t - r->start;
                int got = refill(r);
                if (got < 0)
                    return IO_ERROR;
                t = r->start + off;
                scanned = t;
                if (got > 0)
                    continue;
            }
            *line = r->buf + r->start;
            *len = t - r->start;
            size_t next = t + 1;
            if (c == '\r' && next < r->end && r->buf[next] == '\n')
                next++;
            r->start = next;
            if (c == '\0') {
                if (*len == 0)
                    return IO_DOC_END;
                r->doc_end_pending = 1;
            }
            return IO_LINE;
        }
        if (r->max_line && r->end - r->start > r->max_line) {
            /* a line too long to hold: what is read of it so far (a CR
               at the end may start the terminator: it stays) */
            size_t n = r->end - r->start - (r->buf[r->end - 1] == '\r');
            *line = r->buf + r->start;
            *len = n;
            r->start += n;
            return IO_PIECE;
        }
        if (r->eof) {
            if (r->end > r->start) {
                *line = r->buf + r->start;
                *len = r->end - r->start;
                r->start = r->end;
                return IO_LINE;
            }
            return IO_EOF;
        }
        size_t off = r->end - r->start;
        int got = refill(r);
        if (got < 0)
            return IO_ERROR;
        scanned = r->start + off;
    }
}

void io_writer_init(struct io_writer *w, int fd)
{
    memset(w, 0, sizeof *w);
    w->fd = fd;
    w->cap = IO_CHUNK;
    w->buf = xmalloc(w->cap);
}

static ssize_t fd_read(void *ctx, char *p, size_t n)
{
    return read(*(const int *)ctx, p, n);
}

static ssize_t src_read(void *ctx, char *p, size_t n)
{
    return source_read(ctx, p, n);
}

/* Everything rd(ctx, ...) gives, into b (NUL-terminated): 0, or the errno
 * of the read that failed (b then holds what came before it). */
static int read_to_end(ssize_t (*rd)(void *ctx, char *p, size_t n), void *ctx, struct buf *b)
{
    b->len = 0;
    for (;;) {
        buf_reserve(b, IO_CHUNK);
        ssize_t n = rd(ctx, b->p + b->len, b->cap - b->len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : 0;
            buf_cstr(b);
            return e;
        }
        b->len += (size_t)n;
    }
}

int io_read_all(int fd, struct buf *b)
{
    return read_to_end(fd_read, &fd, b);
}

int io_read_source(struct source *s, struct buf *b, char *why, size_t whysize)
{
    int e = read_to_end(src_read, s, b);
    if (e && why)
        snprintf(why, whysize, "%s", e == EILSEQ ? source_error(s) : strerror(e));
    return e;
}

int io_read_file(const char *path, struct buf *b, char *why, size_t whysize)
{
    int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (fd < 0) {
        int e = errno;
        if (why)
            snprintf(why, whysize, "%s", strerror(e));
        return e;
    }
    struct source *s = source_new(fd);
    int e = io_read_source(s, b, why, whysize);
    source_free(s);
    if (fd != STDIN_FILENO)
        close(fd);
    return e;
}

void io_writer_init_mem(struct io_writer *w, struct buf *mem)
{
    memset(w, 0, sizeof *w);
    w->fd = -1;
    w->mem = mem;
}

static int write_raw(struct io_writer *w, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(w->fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            w->err = errno;
            return -1;
        }
        p += k;
        n -= (size_t)k;
        w->bytes_written += (unsigned long long)k;
    }
    return 0;
}

static int write_all(struct io_writer *w, const char *p, size_t n, enum compress_step step)
{
    if (w->mem) {
        buf_append(w->mem, p, n);
        w->bytes_written += n;
        return 0;
    }
    if (!w->comp)
        return write_raw(w, p, n);
    w->comp_pending = step == COMPRESS_MORE;
    w->zbuf->len = 0;
    compressor_put(w->comp, p, n, step, w->zbuf);
    return write_raw(w, w->zbuf->p, w->zbuf->len);
}

void io_writer_compress(struct io_writer *w, struct compressor *c)
{
    w->comp = c;
    if (!w->zbuf)
        w->zbuf = xcalloc(1, sizeof *w->zbuf);
}

int io_writer_end_compress(struct io_writer *w)
{
    if (!w->comp)
        return io_writer_flush(w);
    int rc = w->err ? -1 : write_all(w, w->buf, w->len, COMPRESS_END);
    w->len = 0;
    w->comp = NULL;
    w->comp_pending = 0;
    return rc;
}

int io_writer_flush(struct io_writer *w)
{
    if (w->err)
        return -1;
    if (w->len == 0 && !w->comp_pending)
        return 0;
    int rc = write_all(w, w->buf, w->len, COMPRESS_FLUSH);
    w->len = 0;
    return rc;
}

int io_writer_put(struct io_writer *w, const void *p, size_t n)
{
    if (w->err)
        return -1;
    if (n == 0)
        return 0;
    if (w->mem)
        return write_all(w, p, n, COMPRESS_MORE);
    if (w->len + n > w->cap) {
        /* a full buffer goes on without a flush point */
        int rc = write_all(w, w->buf, w->len, COMPRESS_MORE);
        w->len = 0;
        if (rc < 0)
            return -1;
    }
    if (n >= w->cap)
        return write_all(w, p, n, COMPRESS_MORE);
    memcpy(w->buf + w->len, p, n);
    w->len += n;
    return 0;
}

int io_writer_close(struct io_writer *w)
{
    int rc;
    if (w->comp && !w->err) {
        rc = write_all(w, w->buf, w->len, COMPRESS_END);
        w->len = 0;
        w->comp = NULL;
    } else {
        rc = io_writer_flush(w);
    }
    if (w->zbuf) {
        buf_free(w->zbuf);
        free(w->zbuf);
        w->zbuf = NULL;
    }
    free(w->buf);
    w->buf = NULL;
    w->cap = 0;
    return rc;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int io_list_dir(const char *dir, const char *suffix, int skip_hidden, char ***names, size_t *n)
{
    *names = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno;
    size_t cap = 0, sl = suffix ? strlen(suffix) : 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        size_t l = strlen(name);
        if (!strcmp(name, ".") || !strcmp(name, "..") || (skip_hidden && name[0] == '.') ||
            (suffix && (l <= sl || strcmp(name + l - sl, suffix)))) {
            errno = 0;
            continue;
        }
        *names = xgrow(*names, &cap, *n + 1, sizeof **names);
        char *copy = xmalloc(l + 2);
        memcpy(copy, name, l + 1);
        copy[l + 1] = (char)e->d_type; /* io_name_type */
        (*names)[(*n)++] = copy;
        errno = 0;
    }
    int err = errno;
    closedir(d);
    if (err) {
        io_names_free(*names, *n);
        *names = NULL;
        *n = 0;
        return err;
    }
    if (*n)
        qsort(*names, *n, sizeof **names, cmp_name);
    return 0;
}

unsigned char io_name_type(const char *name)
{
    return (unsigned char)name[strlen(name) + 1];
}

void io_names_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

size_t io_line(const char *p, size_t n, size_t *next)
{
    const char *lf = memchr(p, '\n', n);
    size_t i = lf ? (size_t)(lf - p) : n;
    const char *cr = memchr(p, '\r', i);
    if (cr)
        i = (size_t)(cr - p);
    size_t end = i;
    if (i < n && p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
        i++;
    *next = i < n ? i + 1 : n;
    return end;
}
