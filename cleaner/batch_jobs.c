/* batch_jobs: what a worker does with one job of the batch (see
 * batch_internal.h): a file read whole and cleaned (and written under -o),
 * a chunk of NUL-framed documents or JSON lines, or a chunk of WARC
 * entries; each job's output, removed lines and messages go into its own
 * buffers, written out in order by the ring (batch.c). */
#include "batch_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compress.h"
#include "inputs.h"
#include "outdir.h"
#include "tempfiles.h"
#include "warc.h"

/* --- output files ------------------------------------------------------- */

/* Write data to outdir/rel(path) through a temporary name (tempfiles.h:
 * no signal leaves one behind). Returns 0 or an errno value, with the
 * output's name in *dest (caller frees). */
static int write_output(struct worker *w, const char *path, const struct buf *data, char **dest,
                        char *why, size_t why_size)
{
    struct batch *b = w->b;
    *dest = walk_output_path(b->o->outdir, path, compress_suffix(b->o->compress));
    int e = outdir_prepare(b->outdir, *dest, why, why_size);
    int fd = -1;
    if (!e && (fd = tempfiles_create(b->temps, w->id, *dest)) < 0) {
        e = errno;
        snprintf(why, why_size, "%s", strerror(e));
    }
    if (b->o->compress) {
        /* the whole file compressed at once */
        struct compressor *c = compressor_new(b->o->compress);
        w->packed.len = 0;
        compressor_put(c, data->p ? data->p : "", data->len, COMPRESS_END, &w->packed);
        compressor_free(c);
        data = &w->packed;
    }
    for (size_t off = 0; !e && off < data->len;) {
        ssize_t n = write(fd, data->p + off, data->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            e = errno;
        else
            off += (size_t)n;
    }
    if (fd >= 0 && close(fd) < 0 && !e)
        e = errno;
    if (fd >= 0 && !e)
        e = tempfiles_publish(b->temps, w->id, *dest);
    else if (fd >= 0)
        tempfiles_discard(b->temps, w->id);
    if (e && fd >= 0)
        snprintf(why, why_size, "%s", strerror(e));
    return e;
}

/* --- one document ------------------------------------------------------- */

void batch_job_error(struct job *j, const char *name, unsigned long long line, const char *msg)
{
    char at[32] = "";
    if (line)
        snprintf(at, sizeof at, ":%llu", line);
    notes_add_message(&j->err, name, at, msg);
    j->trouble = 1;
}

static void pack_record(struct worker *w, struct job *j, size_t start);

/* A file is read as it is cleaned, not held whole (a line over 1 MiB is
 * then not held either, engine.h); a read error ends the document with
 * what was read, and is said. */
static void run_file(struct worker *w, struct job *j)
{
    char why[160];
    unsigned long long before = w->p.stats->bytes_in;
    pipeline_number_next(&w->p, j->doc_no);
    int rc = pipeline_run_source(&w->p, j->src, why, sizeof why);
    j->bytes = w->p.stats->bytes_in - before;
    input_close(j->fd, j->src);
    atomic_fetch_sub(&w->b->held, 1);
    j->fd = -1;
    j->src = NULL;
    if (rc == -1)
        batch_job_error(j, j->path, 0, why);
    if (w->b->o->compress && !w->b->o->outdir)
        pack_record(w, j, 0);
    if (w->b->o->outdir) {
        char *dest = NULL, fault[160];
        int e = write_output(w, j->path, &j->out, &dest, fault, sizeof fault);
        j->out.len = 0;
        if (e) {
            /* name the output that is lost, and its input */
            struct buf m = BUF_INIT;
            buf_append(&m, fault, strlen(fault));
            buf_append(&m, " (the result of ", strlen(" (the result of "));
            buf_append(&m, j->path, strlen(j->path));
            buf_append(&m, " is not written)", strlen(" is not written)"));
            batch_job_error(j, dest, 0, buf_cstr(&m));
            buf_free(&m);
        }
        free(dest);
    }
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r", s[i]))
            return 0;
    return 1;
}

/* One JSON line, document number doc_no, line line_no of its input, into
 * j->out and j->err. A line passed through keeps every byte, a CR before
 * its LF too; a cleaned line keeps its CR LF ending, and a byte-order mark
 * opening the input stays in front of it. */
static void run_jsonl(struct worker *w, struct job *j, const char *line, size_t full,
                      unsigned long long doc_no, unsigned long long line_no)
{
    const struct batch_opts *o = w->b->o;
    if (line_no == 1 && full >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
        buf_append(&j->out, line, 3);
        line += 3;
        full -= 3;
    }
    int crlf = full && line[full - 1] == '\r';
    size_t len = crlf ? full - 1 : full;
    if (blank(line, len)) {
        buf_append(&j->out, line, full);
        buf_putc(&j->out, '\n');
        return;
    }
    if (jsonl_parse(line, len, o->field, o->site_field, &w->jd, &w->msg) < 0) {
        buf_append(&w->msg, "; passed through unchanged", strlen("; passed through unchanged"));
        batch_job_error(j, w->b->stream_name, line_no, buf_cstr(&w->msg));
        buf_append(&j->out, line, full);
        buf_putc(&j->out, '\n');
        return;
    }
    if (w->jd.site_missing) {
        if (!j->site_missing)
            j->site_missing = line_no;
        w->p.stats->no_site_field++;
    }
    rules_matcher_set_site(&w->m, w->jd.host.len ? w->jd.host.p : NULL);
    if (w->b->popts.mode == OUT_EXPLAIN) {
        pipeline_run_mem(&w->p, doc_no, w->jd.text.p ? w->jd.text.p : "", w->jd.text.len);
        return;
    }
    w->text.len = 0;
    io_writer_init_mem(&w->wout, &w->text);
    pipeline_run_mem(&w->p, doc_no, w->jd.text.p ? w->jd.text.p : "", w->jd.text.len);
    io_writer_init_mem(&w->wout, &j->out);
    if (w->text.len && w->text.p[w->text.len - 1] == '\n')
        w->text.len--;
    if (w->text.len == 0 && o->drop_empty)
        return;
    jsonl_splice(line, &w->jd, w->text.p ? w->text.p : "", w->text.len, len, &j->out);
    if (crlf)
        buf_putc(&j->out, '\r');
    buf_putc(&j->out, '\n');
}

void batch_put_entry(struct buf *b, char type, const char *p, size_t n)
{
    char head[BATCH_ENTRY_HEAD];
    head[0] = type;
    for (int i = 0; i < 8; i++)
        head[1 + i] = (char)((unsigned long long)n >> (8 * i));
    buf_append(b, head, BATCH_ENTRY_HEAD);
    buf_append(b, p, n);
}

/* One WARC record: cleaned and rewritten when it holds page text, passed
 * through otherwise (see warc.h). */
static void run_warc_record(struct worker *w, struct job *j, const char *p, size_t n,
                            unsigned long long doc_no)
{
    const struct batch_opts *o = w->b->o;
    struct warc_record rec;
    int explain = w->b->popts.mode == OUT_EXPLAIN;
    if (warc_parse(p, n, &rec) < 0 || !rec.cleanable) {
        if (!o->to_jsonl && !explain)
            buf_append(&j->out, p, n);
        return;
    }
    /* the site pack of the record's URL, as --site-field does */
    w->jd.host.len = 0;
    if (warc_target_uri(&rec, &w->msg))
        jsonl_url_host(w->msg.p, w->msg.len, &w->jd.host);
    rules_matcher_set_site(&w->m, w->jd.host.len ? w->jd.host.p : NULL);
    if (explain) { /* the record's lines, each with its verdict */
        pipeline_run_mem(&w->p, doc_no, rec.block, rec.block_len);
        return;
    }
    w->text.len = 0;
    io_writer_init_mem(&w->wout, &w->text);
    pipeline_run_mem(&w->p, doc_no, rec.block, rec.block_len);
    io_writer_init_mem(&w->wout, &j->out);
    if (w->text.len && w->text.p[w->text.len - 1] == '\n')
        w->text.len--;
    if (w->text.len == 0 && o->drop_empty)
        return;
    warc_write(&rec, w->text.p ? w->text.p : "", w->text.len, o->to_jsonl, &j->out);
}

/* --compress, on files and WARC written to one stream: what was just
 * written (from start on) as one gzip member or zstd frame of its own: a
 * WARC record by itself, as WARC readers expect (they seek to a record by
 * its offset), a file's text, or a chunk of JSON lines. */
static void pack_record(struct worker *w, struct job *j, size_t start)
{
    if (j->out.len == start)
        return;
    struct compressor *c = compressor_new(w->b->o->compress);
    w->packed.len = 0;
    compressor_put(c, j->out.p + start, j->out.len - start, COMPRESS_END, &w->packed);
    compressor_free(c);
    j->out.len = start;
    buf_append(&j->out, w->packed.p, w->packed.len);
}

static void run_warc_chunk(struct worker *w, struct job *j)
{
    const char *p = j->in.p ? j->in.p : "";
    unsigned long long doc_no = j->doc_no;
    int per_record = w->b->o->compress && !w->b->o->to_jsonl;
    for (size_t i = 0; i + BATCH_ENTRY_HEAD <= j->in.len;) {
        unsigned long long n = 0;
        for (int k = 0; k < 8; k++)
            n |= (unsigned long long)(unsigned char)p[i + 1 + k] << (8 * k);
        const char *data = p + i + BATCH_ENTRY_HEAD;
        size_t start = j->out.len;
        if (p[i] == 'R')
            run_warc_record(w, j, data, (size_t)n, doc_no++);
        else if (!w->b->o->to_jsonl && w->b->popts.mode != OUT_EXPLAIN)
            buf_append(&j->out, data, (size_t)n);
        if (per_record)
            pack_record(w, j, start);
        i += BATCH_ENTRY_HEAD + (size_t)n;
    }
    if (w->b->o->compress && w->b->o->to_jsonl)
        pack_record(w, j, 0); /* JSON lines: the chunk as one member */
}

/* A chunk of whole records (documents ending in NUL, or JSON lines ending
 * in LF; the last may lack its separator at the end of the input). */
static void run_chunk(struct worker *w, struct job *j)
{
    char sep = w->b->o->input == BATCH_JSONL ? '\n' : '\0';
    const char *p = j->in.p ? j->in.p : "";
    size_t n = j->in.len, i = 0;
    unsigned long long doc_no = j->doc_no, line_no = j->line_no;
    while (i < n) {
        const char *e = memchr(p + i, sep, n - i);
        size_t len = e ? (size_t)(e - (p + i)) : n - i;
        if (sep == '\n') {
            run_jsonl(w, j, p + i, len, doc_no++, line_no++);
        } else {
            pipeline_run_mem(&w->p, doc_no++, p + i, len);
        }
        i += len + 1;
    }
}

void batch_job_run(struct worker *w, struct job *j)
{
    if (j->failed_early)
        return;
    io_writer_init_mem(&w->wout, &j->out);
    io_writer_init_mem(&w->wrem, &j->removed);
    w->cur = j;
    if (j->kind == JOB_FILE)
        run_file(w, j);
    else if (j->kind == JOB_WARC)
        run_warc_chunk(w, j);
    else
        run_chunk(w, j);
    int e = pipeline_take_spill_error(&w->p);
    if (e)
        batch_job_error(j, j->path ? j->path : w->b->stream_name, 0, strerror(e));
    w->cur = NULL;
}

