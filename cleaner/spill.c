/* spill: a long line held on disk (see spill.h). */
#include "spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"
#include "xalloc.h"

struct spill {
    int keep;                /* hold the bytes, else count them */
    FILE *f;                 /* the temporary file, or NULL: in mem */
    struct buf mem;
    unsigned long long len;
    int write_failed;        /* the file failed: the rest went to mem */
};

/* An unlinked temporary file in $TMPDIR (else /tmp), or NULL. */
static FILE *temp_file(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    struct buf path = BUF_INIT;
    buf_append(&path, dir, strlen(dir));
    buf_append(&path, "/cleaner-line-XXXXXX", strlen("/cleaner-line-XXXXXX"));
    int fd = mkostemp(buf_cstr(&path), O_CLOEXEC);
    FILE *f = NULL;
    if (fd >= 0) {
        unlink(path.p);
        if (!(f = fdopen(fd, "w+b")))
            close(fd);
    }
    buf_free(&path);
    return f;
}

struct spill *spill_new(int keep)
{
    struct spill *s = xcalloc(1, sizeof *s);
    s->keep = keep;
    s->f = keep ? temp_file() : NULL;
    return s;
}

void spill_write(struct spill *s, const char *p, size_t n)
{
    s->len += n;
    if (!s->keep)
        return;
    if (s->f && !s->write_failed && fwrite(p, 1, n, s->f) != n)
        s->write_failed = 1; /* a full disk: what follows is kept in memory */
    if (!s->f || s->write_failed)
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
    int rc = 0;
    if (s->f) {
        fflush(s->f);
        rewind(s->f);
        enum { PIECE = 1 << 16 };
        buf_reserve(&piece, PIECE + 4);
        size_t carry = 0;
        for (;;) {
            size_t got = fread(piece.p + carry, 1, PIECE, s->f);
            size_t have = carry + got;
            if (got == 0) {
                if (ferror(s->f))
                    rc = -1;
                if (have)
                    put_piece(w, piece.p, have, &tmp); /* a broken end */
                break;
            }
            size_t cut = text_whole_chars(piece.p, have);
            put_piece(w, piece.p, cut, &tmp);
            carry = have - cut;
            memmove(piece.p, piece.p + cut, carry);
        }
    }
    if (s->mem.len)
        put_piece(w, s->mem.p, s->mem.len, &tmp);
    buf_free(&tmp);
    buf_free(&piece);
    if (rc < 0 && !errno)
        errno = EIO;
    return rc;
}

void spill_free(struct spill *s)
{
    if (!s)
        return;
    if (s->f)
        fclose(s->f);
    buf_free(&s->mem);
    free(s);
}
