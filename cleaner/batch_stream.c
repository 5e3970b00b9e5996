/* batch_stream: a stream of framed documents (NUL-separated, or JSON
 * Lines) cut by the main thread into chunks of whole records for the
 * ring (batch.c); a NUL-framed document larger than a chunk streamed
 * through whole, in its place. */
#include "batch_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "io.h"
#include "source.h"

/* a NUL-framed document larger than this is streamed, not buffered */
enum { CHUNK = 1 << 19 };

static unsigned long long count_byte(const char *p, size_t n, char c)
{
    unsigned long long k = 0;
    for (const char *e = p + n; (p = memchr(p, c, (size_t)(e - p))) != NULL; p++)
        k++;
    return k;
}

/* State of one stream being cut into chunks of whole records. */
struct cutter {
    struct source *src;        /* the input, decompressed */
    struct buf carry;          /* the start of a record not ended yet */
    unsigned long long doc_no, line_no;
    char sep;
};

/* Hand carry[0..cut) to a job; the rest stays in carry. */
static void submit_block(struct batch *b, struct cutter *c, size_t cut)
{
    struct job *j = batch_next_job(b);
    /* the job takes the block; the unfinished record moves to a new one */
    struct buf block = c->carry;
    c->carry = j->in;
    c->carry.len = 0;
    buf_append(&c->carry, block.p + cut, block.len - cut);
    block.len = cut;
    j->in = block;
    unsigned long long records = count_byte(block.p, cut, c->sep);
    if (cut && block.p[cut - 1] != c->sep)
        records++; /* the last record had no separator */
    j->line_no = c->line_no + 1;
    j->records = records;
    batch_submit(b, j, c->doc_no + 1);
    c->doc_no += records;
    c->line_no += records;
}

/* The input has nothing to read now: the whole records already read go to
 * work without waiting for a full chunk, and finished results are written
 * while the input stays quiet, so a document comes out soon after its
 * separator even when the writer keeps the pipe open. */
static void wait_for_input(struct batch *b, int fd, struct cutter *c)
{
    const char *last = c->carry.len ? memrchr(c->carry.p, c->sep, c->carry.len) : NULL;
    if (last)
        submit_block(b, c, (size_t)(last - c->carry.p) + 1);
    for (;;) {
        /* a job no worker has taken yet is run here meanwhile */
        int helped = batch_help(b);
        batch_flush(b, 0);
        io_writer_flush(b->run.out);
        if (b->run.removed)
            io_writer_flush(b->run.removed);
        if (b->run.failed || source_buffered(c->src) || io_readable(fd, helped ? 0 : 100))
            break;
    }
}

/* A NUL-framed document larger than a chunk: it is not buffered whole but
 * streamed, here in the main thread, once every job before it is written
 * (so the order holds): the bytes read of it so far, then the fd, line by
 * line, until its NUL. What was read past the NUL goes back to carry.
 * Memory stays at a window of lines whatever the document's size. Returns
 * -1 on a read error (reported). */
static int stream_large_doc(struct batch *b, int fd, struct cutter *c)
{
    while (b->next_flush < b->next_submit)
        batch_flush(b, 1);
    /* the workers are idle: worker 0's pipeline writes straight out */
    struct worker *w = &b->w[0];
    struct io_writer *out = b->run.out, *removed = b->run.removed;
    pipeline_set_writers(&w->p, out, removed);
    struct io_reader r;
    io_reader_init(&r, fd, 1);
    io_reader_set_source(&r, c->src);
    io_reader_set_max_line(&r, ENGINE_LONG_LINE);
    io_reader_prefill(&r, c->carry.p, c->carry.len);
    c->carry.len = 0;
    pipeline_number_next(&w->p, c->doc_no + 1);
    pipeline_doc_begin(&w->p);
    int rc = 0;
    for (;;) {
        const char *line;
        size_t len;
        enum io_event ev = io_reader_next(&r, &line, &len);
        if (ev == IO_LINE) {
            pipeline_doc_line(&w->p, line, len);
            continue;
        }
        if (ev == IO_PIECE) {
            pipeline_doc_line_part(&w->p, line, len);
            continue;
        }
        if (ev == IO_ERROR) {
            char msg[256];
            snprintf(msg, sizeof msg, "cleaner: %s: %s\n", b->stream_name,
                     r.err == EILSEQ ? source_error(c->src) : strerror(r.err));
            io_writer_put(b->run.err, msg, strlen(msg));
            b->run.trouble = 1;
            rc = -1;
        }
        break; /* the document's end, or the input's */
    }
    pipeline_doc_end(&w->p);
    int spill_err = pipeline_take_spill_error(&w->p);
    if (spill_err) {
        char msg[256];
        snprintf(msg, sizeof msg, "cleaner: %s: %s\n", b->stream_name, strerror(spill_err));
        io_writer_put(b->run.err, msg, strlen(msg));
        b->run.trouble = 1;
    }
    const char *rest;
    size_t rest_len;
    io_reader_unread(&r, &rest, &rest_len);
    buf_append(&c->carry, rest, rest_len);
    io_reader_free(&r);
    pipeline_set_writers(&w->p, &w->wout, removed ? &w->wrem : NULL);
    c->doc_no++;
    c->line_no++;
    b->done_docs++;
    if (out->err || (removed && removed->err))
        b->run.failed = 1;
    return rc;
}

int batch_run_stream(struct batch *b, struct source *src, const char *name, struct io_writer *out,
                     struct io_writer *removed, struct io_writer *err)
{
    b->stream_name = name;
    int fd = source_fd(src);
    batch_start(b, out, removed, err);
    /* The main thread only cuts the input into chunks of whole records at
       the last separator; the workers split them. */
    struct cutter c = { src, BUF_INIT, b->stream_docs, 0,
                        b->o->input == BATCH_JSONL ? '\n' : '\0' };
    b->site_missing_said = 0;
    int eof = 0;
    while (!eof && !b->run.failed) {
        buf_reserve(&c.carry, JOB_BYTES);
        if (!source_buffered(c.src) && !io_readable(fd, 0))
            wait_for_input(b, fd, &c);
        size_t room = c.carry.cap - c.carry.len - 1;
        ssize_t n = source_read(c.src, c.carry.p + c.carry.len, room < JOB_BYTES ? room : JOB_BYTES);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            char msg[256];
            snprintf(msg, sizeof msg, "cleaner: %s: %s\n", b->stream_name,
                     errno == EILSEQ ? source_error(c.src) : strerror(errno));
            io_writer_put(err, msg, strlen(msg));
            b->run.trouble = 1;
            eof = 1; /* what was read is still cleaned */
        } else if (n == 0) {
            eof = 1;
        }
        c.carry.len += n > 0 ? (size_t)n : 0;
        size_t cut;
        if (eof) {
            cut = c.carry.len;
        } else {
            if (c.carry.len < JOB_BYTES)
                continue;
            const char *last = memrchr(c.carry.p, c.sep, c.carry.len);
            if (!last && c.sep == '\0') {
                if (c.carry.len < CHUNK)
                    continue; /* a long document: read on */
                /* one document larger than a chunk: stream it */
                if (stream_large_doc(b, fd, &c) < 0)
                    eof = 1;
                continue;
            }
            if (!last)
                continue; /* one JSON line larger than a chunk: read on */
            cut = (size_t)(last - c.carry.p) + 1;
        }
        if (cut == 0)
            break;
        submit_block(b, &c, cut);
    }
    b->stream_docs = c.doc_no;
    buf_free(&c.carry);
    return batch_finish(b);
}
