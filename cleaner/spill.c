/* spill: a long line held on disk (see spill.h). */
#include "spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"
#include "xalloc.h"

struct spill {
    int keep;                /* hold the bytes, else count them */
    int fd;                  /* the temporary file, or -1 */
    unsigned long long in_file; /* bytes in it; the rest is in mem */
    struct buf mem;
    unsigned long long len;
};

/* An unlinked temporary file in $TMPDIR (else /tmp), or -1. */
static int temp_file(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    struct buf path = BUF_INIT;
    buf_append(&path, dir, strlen(dir));
    buf_append(&path, "/cleaner-line-XXXXXX", strlen("/cleaner-line-XXXXXX"));
    int fd = mkostemp(buf_cstr(&path), O_CLOEXEC);
    if (fd >= 0)
        unlink(path.p);
    buf_free(&path);
    return fd;
}

struct spill *spill_new(int keep)
{
    struct spill *s = xcalloc(1, sizeof *s);
    s->keep = keep;
    s->fd = keep ? temp_file() : -1;
    return s;
}

void spill_write(struct spill *s, const char *p, size_t n)
{
    s->len += n;
    if (!s->keep)
        return;
    /* into the file while it takes them (unbuffered: a full disk is known
       at once); what it does not take, and all after it, into memory */
    while (s->fd >= 0 && !s->mem.len && n > 0) {
        ssize_t k = write(s->fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        s->in_file += (unsigned long long)k;
        p += k;
        n -= (size_t)k;
    }
    buf_append(&s->mem, p, n);
}

unsigned long long spill_len(const struct spill *s)
{
    return s->len;
}

static void put_piece(struct io_writer *w, const char *p, size_t n, struct buf *tmp)
{
    text_repair(p, n, tmp);
    for (size_t i = 0; i < tmp->len; i++)
        if ((unsigned char)tmp->p[i] < 0x20 || tmp->p[i] == 0x7F)
            tmp->p[i] = ' ';
    io_writer_put(w, tmp->p, tmp->len);
}

int spill_put_text(struct spill *s, struct io_writer *w)
{
    struct buf tmp = BUF_INIT, piece = BUF_INIT;
    int rc = 0, err = 0;
    enum { PIECE = 1 << 16 };
    buf_reserve(&piece, PIECE + 4);
    size_t carry = 0; /* the start of a character cut at a piece's end */
    for (unsigned long long at = 0; at < s->in_file;) {
        size_t want = s->in_file - at < PIECE ? (size_t)(s->in_file - at) : PIECE;
        ssize_t got = pread(s->fd, piece.p + carry, want, (off_t)at);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            err = got < 0 ? errno : EIO;
            rc = -1;
            break;
        }
        at += (unsigned long long)got;
        size_t have = carry + (size_t)got;
        /* the file's last piece is whole, unless memory goes on after it */
        int last = at >= s->in_file && !s->mem.len;
        size_t cut = last ? have : text_whole_chars(piece.p, have);
        put_piece(w, piece.p, cut, &tmp);
        carry = have - cut;
        memmove(piece.p, piece.p + cut, carry);
    }
    if (carry || s->mem.len) {
        /* the cut character's start, then what memory holds */
        piece.len = carry;
        buf_append(&piece, s->mem.p, s->mem.len);
        put_piece(w, piece.p, piece.len, &tmp);
    }
    buf_free(&tmp);
    buf_free(&piece);
    if (rc < 0)
        errno = err;
    return rc;
}

void spill_free(struct spill *s)
{
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    buf_free(&s->mem);
    free(s);
}
