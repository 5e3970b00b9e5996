/* pipeline: documents in, cleaned text out (see pipeline.h). */
#include "pipeline.h"

#include <errno.h>
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
static void put_record(struct pipeline *p, struct io_writer *w, const struct line_out *l)
{
    char head[96];
    int n = snprintf(head, sizeof head, "%llu\t%llu\t%s\t", p->doc_no, l->seq + 1,
                     verdict_name(l->v));
    io_writer_put(w, head, (size_t)n);
    const char *why = l->why ? l->why : "-";
    io_writer_put(w, why, strlen(why));
    io_writer_put(w, "\t", 1);
    if (l->spill) {
        if (spill_put_text(l->spill, w) < 0)
            p->spill_err = errno;
    } else {
        io_writer_put(w, l->text, l->len);
    }
    io_writer_put(w, "\n", 1);
}

/* "DOC<TAB>0<TAB>doc<TAB>LAYOUT<TAB>details\n": how the document was read,
 * before its first line. */
static void put_doc_record(struct pipeline *p, struct io_writer *w)
{
    const struct layout *lay = engine_layout(&p->eng);
    char rec[256];
    char how[128];
    layout_describe(lay, how, sizeof how);
    const char *lang = engine_language(&p->eng);
    int n = snprintf(rec, sizeof rec, "%llu\t0\tdoc\t%s\tlayout: %s; language: %s\n", p->doc_no,
                     layout_names[lay->kind], how, lang ? lang : "not known");
    io_writer_put(w, rec, (size_t)n < sizeof rec ? (size_t)n : sizeof rec - 1);
}

static void on_line(void *ctx, const struct line_out *l)
{
    struct pipeline *p = ctx;
    struct stats *st = p->stats;
    st->lines_in++;
    st->bytes_in += l->raw_len + 1;
    if (l->v == V_BLANK)
        st->lines_blank++;
    else
        stats_count(st, l->v == V_KEEP, l->why);
    if (p->removed && l->v == V_DROP)
        put_record(p, p->removed, l);
    switch (p->opts->mode) {
    case OUT_EXPLAIN:
        if (l->seq == 0)
            put_doc_record(p, p->out);
        put_record(p, p->out, l);
        return;
    case OUT_BYTES:
        if (l->v != V_KEEP)
            return;
        io_writer_put(p->out, l->raw, l->raw_len);
        break;
    case OUT_TEXT:
        if (l->v != V_KEEP)
            return;
        if (p->opts->paragraphs) {
            /* the paragraph once, on one line, as it was read */
            if (l->part > 0)
                return;
            io_writer_put(p->out, l->para->norm.p, l->para->norm.len);
            io_writer_put(p->out, "\n", 1);
            st->lines_out++;
            st->bytes_out += l->para->norm.len + 1;
            p->doc_lines_out++;
            return;
        }
        /* output has no empty lines */
        if (l->len == 0)
            return;
        io_writer_put(p->out, l->text, l->len);
        break;
    }
    io_writer_put(p->out, "\n", 1);
    st->lines_out++;
    st->bytes_out += (p->opts->mode == OUT_BYTES ? l->raw_len : l->len) + 1;
    p->doc_lines_out++;
}

void pipeline_init(struct pipeline *p, const struct pipeline_opts *o, const struct rule_set *rs,
                   struct rule_matcher *m, struct io_writer *out, struct io_writer *removed)
{
    memset(p, 0, sizeof *p);
    p->opts = o;
    p->out = out;
    p->removed = removed;
    stats_init(&p->own_stats);
    p->stats = &p->own_stats;
    p->next_doc_no = 1;
    engine_init(&p->eng, rs, m, on_line, p);
    engine_set_memo(&p->eng, o->no_memo ? 0 : 8192);
    pipeline_set_writers(p, out, removed);
}

void pipeline_on_doc(struct pipeline *p, void (*fn)(void *ctx, const struct stats *st), void *ctx)
{
    p->on_doc = fn;
    p->on_doc_ctx = ctx;
}

void pipeline_set_writers(struct pipeline *p, struct io_writer *out, struct io_writer *removed)
{
    p->out = out;
    p->removed = removed;
    struct engine_settings s = { .show_dropped = p->opts->mode == OUT_EXPLAIN || removed != NULL,
                                 .keep_raw = p->opts->mode == OUT_BYTES,
                                 .force_layout = (enum layout_kind)p->opts->layout,
                                 .force_lang = p->opts->lang };
    engine_configure(&p->eng, &s);
}

void pipeline_free(struct pipeline *p)
{
    engine_free(&p->eng);
    stats_free(&p->own_stats);
}

void pipeline_number_next(struct pipeline *p, unsigned long long doc_no)
{
    p->next_doc_no = doc_no;
}

void pipeline_doc_begin(struct pipeline *p)
{
    p->doc_no = p->next_doc_no++;
    p->doc_lines_out = 0;
    engine_begin(&p->eng);
}

void pipeline_doc_line(struct pipeline *p, const char *line, size_t len)
{
    engine_push(&p->eng, line, len);
}

int pipeline_take_spill_error(struct pipeline *p)
{
    int e = p->spill_err;
    p->spill_err = 0;
    return e;
}

void pipeline_doc_line_part(struct pipeline *p, const char *part, size_t len)
{
    engine_push_part(&p->eng, part, len);
}

void pipeline_doc_end(struct pipeline *p)
{
    engine_end(&p->eng);
    p->stats->utf8_repairs += engine_take_repairs(&p->eng);
    unsigned long long lookups, hits;
    engine_take_memo_counts(&p->eng, &lookups, &hits);
    p->stats->memo_lookups += lookups;
    p->stats->memo_hits += hits;
    p->stats->docs++;
    if (p->doc_lines_out == 0)
        p->stats->docs_empty++;
    /* --explain writes tab-separated lines whose first column numbers the
       documents: no NUL between them, which line tools would see glued to
       the next document's first record */
    if (p->opts->nul_data && p->opts->mode != OUT_EXPLAIN &&
        !(p->opts->drop_empty && p->doc_lines_out == 0)) {
        io_writer_put(p->out, "", 1);
        p->stats->bytes_out++;
    }
    if (p->on_doc)
        p->on_doc(p->on_doc_ctx, p->stats);
}

void pipeline_run_mem(struct pipeline *p, unsigned long long doc_no, const char *text, size_t len)
{
    pipeline_number_next(p, doc_no);
    pipeline_doc_begin(p);
    engine_push_text(&p->eng, text, len);
    pipeline_doc_end(p);
}

static int writers_failed(const struct pipeline *p)
{
    return p->out->err || (p->removed && p->removed->err);
}

/* Input is slow: what is decided is written now, not when the buffer
 * fills, so a reader at the other end of a pipe sees each document (and
 * each settled line) as soon as it is ready. */
static void flush_writers(void *ctx)
{
    struct pipeline *p = ctx;
    io_writer_flush(p->out);
    if (p->removed)
        io_writer_flush(p->removed);
}

static int run_reader(struct pipeline *p, int fd, struct source *src, int *read_err)
{
    struct io_reader r;
    io_reader_init(&r, fd, p->opts->nul_data);
    io_reader_set_source(&r, src);
    io_reader_set_max_line(&r, ENGINE_LONG_LINE);
    io_reader_on_idle(&r, flush_writers, p);
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
        } else if (ev == IO_PIECE) {
            pipeline_doc_line_part(p, s, n);
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
    int spill_err = pipeline_take_spill_error(p);
    if (rc == 0 && spill_err) { /* a too-long line was not read back */
        *read_err = spill_err;
        rc = -1;
    }
    return rc;
}

int pipeline_run_fd(struct pipeline *p, int fd, int *read_err)
{
    return run_reader(p, fd, NULL, read_err);
}

int pipeline_run_source(struct pipeline *p, struct source *src, char *why, size_t whysize)
{
    int err = 0;
    int rc = run_reader(p, source_fd(src), src, &err);
    if (rc == -1)
        snprintf(why, whysize, "%s", err == EILSEQ ? source_error(src) : strerror(err));
    return rc;
}
