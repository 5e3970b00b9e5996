/* pipeline: documents in, cleaned text out (see pipeline.h). */
#include "pipeline.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char *verdict_name(enum verdict v)
{
    switch (v) {
    case V_KEEP: return "keep";
    case V_DROP: return "drop";
    case V_BLANK: return "blank";
    default: return "pending";
    }
}

/* "DOC<TAB>LINE<TAB>VERDICT<TAB>REASON<TAB>TEXT\n" */
static void put_record(struct pipeline *p, struct io_writer *w, const struct line_rec *l)
{
    char head[96];
    int n = snprintf(head, sizeof head, "%llu\t%llu\t%s\t", p->doc_no, l->seq + 1,
                     verdict_name(l->v));
    io_writer_put(w, head, (size_t)n);
    const char *why = l->why ? l->why : "-";
    io_writer_put(w, why, strlen(why));
    io_writer_put(w, "\t", 1);
    io_writer_put(w, l->norm.p, l->norm.len);
    io_writer_put(w, "\n", 1);
}

static void on_line(void *ctx, const struct line_rec *l)
{
    struct pipeline *p = ctx;
    p->lines_in++;
    if (p->removed && l->v == V_DROP)
        put_record(p, p->removed, l);
    switch (p->opts->mode) {
    case OUT_EXPLAIN:
        put_record(p, p->out, l);
        return;
    case OUT_BYTES:
        if (l->v != V_KEEP)
            return;
        io_writer_put(p->out, l->raw.p, l->raw.len);
        break;
    case OUT_TEXT:
        if (l->v != V_KEEP)
            return;
        io_writer_put(p->out, l->norm.p, l->norm.len);
        break;
    }
    io_writer_put(p->out, "\n", 1);
    p->lines_out++;
    p->bytes_out_text += l->norm.len + 1;
}

void pipeline_init(struct pipeline *p, const struct pipeline_opts *o, const struct rule_set *rs,
                   struct rule_matcher *m, struct io_writer *out, struct io_writer *removed)
{
    memset(p, 0, sizeof *p);
    p->opts = o;
    p->out = out;
    p->removed = removed;
    engine_init(&p->eng, rs, m, on_line, p);
}

void pipeline_free(struct pipeline *p)
{
    engine_free(&p->eng);
    buf_free(&p->line);
}

void pipeline_doc_begin(struct pipeline *p)
{
    p->doc_no++;
    engine_begin(&p->eng);
}

void pipeline_doc_line(struct pipeline *p, const char *line, size_t len)
{
    engine_push(&p->eng, line, len);
}

void pipeline_doc_end(struct pipeline *p)
{
    engine_end(&p->eng);
    if (p->opts->nul_data)
        io_writer_put(p->out, "", 1);
}

static int writers_failed(const struct pipeline *p)
{
    return p->out->err || (p->removed && p->removed->err);
}

int pipeline_run_fd(struct pipeline *p, int fd, int *read_err)
{
    struct io_reader r;
    io_reader_init(&r, fd, p->opts->nul_data);
    int open = 0, any = 0, rc = 0;
    for (;;) {
        const char *s = NULL;
        size_t n = 0;
        enum io_event ev = io_reader_next(&r, &s, &n);
        if (ev == IO_ERROR) {
            *read_err = r.err;
            rc = -1;
            break;
        }
        if (ev == IO_EOF)
            break;
        if (!open) {
            pipeline_doc_begin(p);
            open = any = 1;
        }
        if (ev == IO_LINE) {
            pipeline_doc_line(p, s, n);
        } else {
            pipeline_doc_end(p);
            open = 0;
        }
        if (writers_failed(p)) {
            rc = -2;
            break;
        }
    }
    /* A document cut short by a read error is still finished, so what was
       read is not lost. Plain input is one document even when empty. */
    if (open || (!p->opts->nul_data && !any && rc != -2)) {
        if (!open)
            pipeline_doc_begin(p);
        pipeline_doc_end(p);
    }
    io_reader_free(&r);
    if (rc == 0 && writers_failed(p))
        rc = -2;
    return rc;
}
