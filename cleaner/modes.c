/* modes: clean, mine rules, or describe the rules (see modes.h). */
#include "modes.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "compress.h"
#include "inputs.h"
#include "io.h"
#include "notes.h"
#include "pipeline.h"
#include "progress.h"
#include "stats.h"
#include "suggest.h"
#include "xalloc.h"

/* A rule that ran into a PCRE2 limit, in a run on one thread: said at
 * once (after the progress line, if any) the first time, counted after
 * (notes.h). */
struct limit_notes {
    struct notes notes;
    struct progress *prog; /* or NULL */
    struct io_writer err;
};

static void on_limit(void *ctx, const struct rule *r, int pcre_error)
{
    struct limit_notes *ln = ctx;
    struct buf where = BUF_INIT, msg = BUF_INIT, list = BUF_INIT;
    rules_describe_limit(r, pcre_error, &where, &msg);
    notes_add_message(&list, where.p, "", msg.p);
    if (ln->prog)
        progress_done(ln->prog);
    notes_say(&ln->notes, &list, &ln->err);
    io_writer_flush(&ln->err);
    buf_free(&where);
    buf_free(&msg);
    buf_free(&list);
}

/* A matcher for a run on one thread, its limits said through ln. */
static void matcher_begin(struct rule_matcher *m, struct limit_notes *ln, const struct rule_set *rs,
                          const struct rule_limits *lim, int profile)
{
    rules_matcher_init(m, rs, lim);
    *ln = (struct limit_notes){ NOTES_INIT, NULL, { 0 } };
    io_writer_init(&ln->err, STDERR_FILENO);
    rules_matcher_on_limit(m, on_limit, ln, 1);
    rules_matcher_set_profile(m, profile);
}

static void limit_notes_end(struct limit_notes *ln)
{
    notes_summary(&ln->notes, &ln->err);
    io_writer_close(&ln->err); /* flushes, frees its buffer; stderr stays open */
    notes_free(&ln->notes);
}

int modes_check_rules(const struct rule_set *rs)
{
    printf("cleaner: rules OK: %zu rule%s (keep %zu, cut %zu, block %zu, summary %zu, credit %zu, "
           "drop %zu, caption %zu, lead %zu) from %zu file%s\n",
           rs->n, rs->n == 1 ? "" : "s", rs->first[ACTION_KEEP + 1] - rs->first[ACTION_KEEP],
           rs->first[ACTION_CUT + 1] - rs->first[ACTION_CUT],
           rs->first[ACTION_BLOCK + 1] - rs->first[ACTION_BLOCK],
           rs->first[ACTION_SUMMARY + 1] - rs->first[ACTION_SUMMARY],
           rs->first[ACTION_CREDIT + 1] - rs->first[ACTION_CREDIT],
           rs->first[ACTION_DROP + 1] - rs->first[ACTION_DROP],
           rs->first[ACTION_CAPTION + 1] - rs->first[ACTION_CAPTION],
           rs->first[ACTION_LEAD + 1] - rs->first[ACTION_LEAD], rs->nfiles,
           rs->nfiles == 1 ? "" : "s");
    if (rs->nlangs) {
        printf("cleaner: language packs:");
        for (size_t k = 0; k < rs->nlangs; k++) {
            size_t rules = 0;
            for (size_t i = 0; i < rs->n; i++)
                rules += rs->rules[i].lang == (int)k;
            printf(" %s (%zu rule%s, %zu stop words)", rs->langs[k].code, rules,
                   rules == 1 ? "" : "s", rs->langs[k].own_stopwords.set.count);
            printf(k + 1 < rs->nlangs ? "," : "\n");
        }
    }
    return fflush(stdout) ? EXIT_TROUBLE : EXIT_OK;
}

int modes_list_settings(const struct rule_set *rs)
{
    struct buf t = BUF_INIT;
    for (int k = 0; k < DET_COUNT; k++) {
        buf_append(&t, detectors[k].name, strlen(detectors[k].name));
        const char *state = rs->det.on[k] ? "\ton\t-\t" : "\toff\t-\t";
        buf_append(&t, state, strlen(state));
        buf_append(&t, detectors[k].summary, strlen(detectors[k].summary));
        buf_putc(&t, '\n');
    }
    detect_config_list(&rs->det, &t);
    fwrite(t.p, 1, t.len, stdout);
    buf_free(&t);
    return fflush(stdout) ? EXIT_TROUBLE : EXIT_OK;
}

/* --suggest-rules: every input (folders walked) is a page of one site. */
int modes_suggest(struct options *o, const struct rule_set *rs, const struct walk_list *files)
{
    if (!o->ninputs && !o->files_from) {
        fprintf(stderr, "cleaner: --suggest-rules needs the pages: files or folders\n");
        return EXIT_USAGE;
    }
    if (o->sopts.min_share == 0)
        o->sopts.min_share = 0.5;
    if (o->sopts.min_pages == 0)
        o->sopts.min_pages = rs->det.suggest_min_pages;
    struct rule_matcher m;
    struct limit_notes ln;
    matcher_begin(&m, &ln, rs, &o->limits, 0);
    int status = EXIT_OK;
    struct suggest *sg = suggest_new(rs, &m, &o->sopts);
    struct buf page = BUF_INIT;
    struct inputs it;
    inputs_begin(&it, files);
    for (struct input *in; (in = inputs_next(&it)) != NULL;) {
        char why[160];
        snprintf(why, sizeof why, "%s", strerror(in->err));
        int e = in->err ? in->err : io_read_source(in->src, &page, why, sizeof why);
        if (e) {
            fprintf(stderr, "cleaner: %s: %s\n", in->path, why);
            status = EXIT_TROUBLE;
            continue;
        }
        suggest_add_page(sg, page.p ? page.p : "", page.len);
    }
    struct buf out = BUF_INIT;
    suggest_write(sg, &out);
    if (fwrite(out.p, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fprintf(stderr, "cleaner: write error: %s\n", strerror(errno));
        status = EXIT_TROUBLE;
    }
    buf_free(&out);
    buf_free(&page);
    suggest_free(sg);
    limit_notes_end(&ln);
    rules_matcher_free(&m);
    return status;
}

/* The --stats and --profile report, on standard error after the output. */
static void report(const struct options *o, const struct stats *st, const struct rule_set *rs,
                   struct rule_matcher **m, unsigned nm, struct io_writer *out)
{
    if (!o->stats && !o->profile)
        return;
    struct buf text = BUF_INIT;
    if (o->stats)
        stats_format(st, rs, m, nm, o->stats == 2, o->profile, &text);
    if (o->profile)
        stats_profile(rs, m, nm, &text);
    io_writer_flush(out);
    fwrite(text.p, 1, text.len, stderr);
    buf_free(&text);
}

static void tick(void *ctx, const struct stats *st)
{
    progress_tick(ctx, st->docs, st->bytes_in);
}

static unsigned long long total_size(const struct walk_list *files);

static struct batch *new_batch(const struct options *o, const struct rule_set *rs,
                               const struct walk_list *files, enum batch_input input,
                               struct batch_opts *bo);
static const char *why_no_warc(const struct options *o);

/* The standard output, compressed as a stream (--compress) where it is
 * written as one; a WARC file's output is compressed by the batch instead
 * (a member per record, or per chunk of JSON lines), so the stream is ended
 * before it and started again after. */
struct output {
    struct io_writer w;
    int kind;                  /* enum compress_kind */
    struct compressor *comp;   /* the stream being written, or NULL */
};

static void output_stream(struct output *out)
{
    if (out->kind && !out->comp) {
        io_writer_flush(&out->w); /* what is buffered was written unpacked */
        out->comp = compressor_new(out->kind);
        io_writer_compress(&out->w, out->comp);
    }
}

static void output_unpacked(struct output *out)
{
    if (out->comp) {
        io_writer_end_compress(&out->w);
        compressor_free(out->comp);
        out->comp = NULL;
    }
}

/* One document per input, streamed through one pipeline: the plain filter.
 * Memory stays bounded by the window whatever the input size. A WARC file
 * among the inputs is read as records, in its place (batch.c, made when
 * the first one comes). */
static int run_stream(const struct options *o, const struct rule_set *rs,
                      const struct walk_list *files, struct output *out,
                      struct io_writer *removed)
{
    struct rule_matcher m;
    struct limit_notes ln;
    matcher_begin(&m, &ln, rs, &o->limits, o->profile);
    struct pipeline p;
    pipeline_init(&p, &o->popts, rs, &m, &out->w, removed);
    /* batch work (NUL documents, several files) shows progress too */
    struct progress prog;
    int batch = o->popts.nul_data || files->n > 1;
    int show = o->progress < 0 ? batch && isatty(STDERR_FILENO) : o->progress;
    progress_init(&prog, STDERR_FILENO, show, show ? total_size(files) : 0);
    pipeline_on_doc(&p, tick, &prog);
    ln.prog = &prog;
    struct batch_opts bo;
    struct batch *warc = NULL; /* for WARC files, made when one comes */
    const char *no_warc = why_no_warc(o);
    int status = EXIT_OK;
    struct inputs it;
    inputs_begin(&it, files);
    for (struct input *in; (in = inputs_next(&it)) != NULL;) {
        /* a document's number is its place among the inputs */
        if (!o->popts.nul_data)
            pipeline_number_next(&p, in->index + 1);
        if (in->err) {
            fprintf(stderr, "cleaner: %s: %s\n", in->path, strerror(in->err));
            p.stats->errors++;
            status = EXIT_TROUBLE;
            continue;
        }
        if (!o->popts.nul_data && (o->warc || input_is_warc(in))) {
            if (no_warc) {
                fprintf(stderr, "cleaner: %s: %s\n", in->path, no_warc);
                p.stats->errors++;
                status = EXIT_TROUBLE;
                continue;
            }
            if (!warc)
                warc = new_batch(o, rs, files, BATCH_FILES, &bo);
            progress_done(&prog);
            output_unpacked(out); /* the batch compresses its own output */
            struct io_writer err;
            io_writer_init(&err, STDERR_FILENO);
            int rc = batch_run_warc(warc, in->src, in->name, &out->w, removed, &err);
            io_writer_close(&err);
            if (rc)
                status = EXIT_TROUBLE;
            if (rc == 2)
                break;
            continue;
        }
        output_stream(out);
        char why[160];
        int rc = pipeline_run_source(&p, in->src, why, sizeof why);
        if (rc == -1) {
            fprintf(stderr, "cleaner: %s: %s\n", in->path, why);
            p.stats->errors++;
            status = EXIT_TROUBLE;
        } else if (rc == -2) {
            break;
        }
    }
    inputs_end(&it);
    progress_done(&prog);
    limit_notes_end(&ln);
    if (warc) { /* the report counts the WARC records too */
        struct stats all;
        stats_init(&all);
        stats_merge(&all, p.stats);
        struct rule_matcher **mm;
        unsigned nm;
        batch_totals(warc, &all, &mm, &nm);
        mm = xrealloc(mm, (nm + 1) * sizeof *mm);
        mm[nm++] = &m;
        report(o, &all, rs, mm, nm, &out->w);
        free(mm);
        stats_free(&all);
        batch_free(warc);
    } else {
        struct rule_matcher *mm = &m;
        report(o, p.stats, rs, &mm, 1, &out->w);
    }
    pipeline_free(&p);
    rules_matcher_free(&m);
    return status;
}

static unsigned cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* Bytes to expect, for the progress line's ETA; 0 when not known. */
static unsigned long long total_size(const struct walk_list *files)
{
    struct stat st;
    unsigned long long t = 0;
    for (size_t i = 0; i < files->n; i++) {
        int std_in = !strcmp(files->v[i].path, "-");
        if (files->v[i].err)
            continue;
        if (std_in ? fstat(STDIN_FILENO, &st) : stat(files->v[i].path, &st))
            continue;
        if (std_in && !S_ISREG(st.st_mode))
            return 0;
        t += (unsigned long long)st.st_size;
    }
    return t;
}

/* Why a WARC file met in this run cannot be cleaned, or NULL. */
static const char *why_no_warc(const struct options *o)
{
    if (o->outdir || o->popts.mode == OUT_BYTES || (o->popts.mode == OUT_EXPLAIN && o->to_jsonl))
        return "a WARC file is written as WARC, JSON Lines (--to-jsonl) or --explain lines: not "
               "with -o or --keep-bytes, nor --explain with --to-jsonl; passed over";
    return NULL;
}

/* The batch of a run: its settings in *bo, which must outlive it. */
static struct batch *new_batch(const struct options *o, const struct rule_set *rs,
                               const struct walk_list *files, enum batch_input input,
                               struct batch_opts *bo)
{
    memset(bo, 0, sizeof *bo);
    bo->input = input;
    bo->to_jsonl = o->to_jsonl;
    bo->warc = o->warc;
    bo->no_warc = why_no_warc(o);
    bo->jobs = o->jobs ? o->jobs : cores();
    bo->field = o->field;
    bo->site_field = o->site_field;
    bo->drop_empty = o->popts.drop_empty;
    bo->outdir = o->outdir;
    bo->compress = o->compress;
    bo->popts = &o->popts;
    bo->progress = o->progress < 0 ? isatty(STDERR_FILENO) : o->progress;
    bo->total_bytes = bo->progress ? total_size(files) : 0; /* a stat per file: only to show */
    bo->profile = o->profile;
    return batch_new(bo, rs, &o->limits);
}

/* Many documents by the workers of a batch, in order: files (each one
 * document, a WARC file read as records in its place), or framed documents
 * (-z, --jsonl) on each input. */
static int run_batch(const struct options *o, const struct rule_set *rs,
                     const struct walk_list *files, int framed, struct output *out,
                     struct io_writer *removed)
{
    struct io_writer err;
    io_writer_init(&err, STDERR_FILENO);
    struct batch_opts bo;
    struct batch *b = new_batch(o, rs, files, !framed ? BATCH_FILES : o->jsonl ? BATCH_JSONL
                                                                               : BATCH_NUL, &bo);
    int rc = 0;
    if (!framed) {
        /* files and WARC records are compressed one by one (batch.c) */
        struct inputs it;
        inputs_begin(&it, files);
        rc = batch_run_files(b, &it, &out->w, removed, &err);
    } else {
        output_stream(out);
        struct inputs it;
        inputs_begin(&it, files);
        for (struct input *in; rc != 2 && (in = inputs_next(&it)) != NULL;) {
            if (in->err) {
                fprintf(stderr, "cleaner: %s: %s\n", in->name, strerror(in->err));
                rc = rc ? rc : 1;
                continue;
            }
            int r = batch_run_stream(b, in->src, in->name, &out->w, removed, &err);
            rc = r > rc ? r : rc;
        }
        inputs_end(&it);
    }
    if (o->stats || o->profile) {
        struct stats all;
        stats_init(&all);
        struct rule_matcher **m;
        unsigned nm;
        batch_totals(b, &all, &m, &nm);
        report(o, &all, rs, m, nm, &out->w);
        free(m);
        stats_free(&all);
    }
    batch_free(b);
    io_writer_close(&err);
    return rc == 0 ? EXIT_OK : EXIT_TROUBLE;
}

int modes_clean(const struct options *o, const struct rule_set *rs, const struct walk_list *files)
{
    int status = EXIT_OK;
    struct output out = { .kind = o->outdir ? 0 : o->compress };
    io_writer_init(&out.w, STDOUT_FILENO);
    struct io_writer removed;
    int removed_fd = -1;
    if (o->removed) {
        removed_fd = open(o->removed, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (removed_fd < 0) {
            fprintf(stderr, "cleaner: %s: %s\n", o->removed, strerror(errno));
            status = EXIT_TROUBLE;
        } else {
            io_writer_init(&removed, removed_fd);
        }
    }
    if (status == EXIT_OK) {
        unsigned jobs = o->jobs ? o->jobs : cores();
        int framed = o->jsonl || o->popts.nul_data;
        struct io_writer *rem = o->removed ? &removed : NULL;
        if (o->warc && why_no_warc(o)) {
            fprintf(stderr, "cleaner: --warc: %s\n", why_no_warc(o));
            status = EXIT_USAGE;
        } else if (o->jsonl || (o->popts.nul_data && jobs > 1)) {
            status = run_batch(o, rs, files, 1, &out, rem);
        } else if (!framed && (o->outdir || (files->n > 1 && jobs > 1))) {
            status = run_batch(o, rs, files, 0, &out, rem);
        } else {
            status = run_stream(o, rs, files, &out, rem);
        }
    }
    io_writer_flush(&out.w);
    if (out.w.err) {
        /* a closed pipe ends quietly, as with SIGPIPE */
        if (out.w.err != EPIPE)
            fprintf(stderr, "cleaner: write error: %s\n", strerror(out.w.err));
        status = EXIT_TROUBLE;
    }
    if (removed_fd >= 0 && (io_writer_close(&removed) < 0 || close(removed_fd) < 0)) {
        fprintf(stderr, "cleaner: %s: %s\n", o->removed, strerror(removed.err ? removed.err : errno));
        status = EXIT_TROUBLE;
    }
    if (io_writer_close(&out.w) < 0 && status == EXIT_OK) {
        if (out.w.err != EPIPE)
            fprintf(stderr, "cleaner: write error: %s\n", strerror(out.w.err));
        status = EXIT_TROUBLE;
    }
    compressor_free(out.comp);
    return status;
}
