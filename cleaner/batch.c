/* batch: ordered parallel cleaning of many documents (see batch.h): the
 * ring of jobs and its workers, and the main thread feeding it files and
 * WARC records; framed streams are cut in batch_stream.c, and what a job
 * does is in batch_jobs.c. */
#include "batch_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inputs.h"
#include "outdir.h"
#include "source.h"
#include "tempfiles.h"
#include "warc.h"
#include "xalloc.h"

/* --- workers and the ring ------------------------------------------------ */

/* Whether a finished job should wake the main thread (under the lock):
 * only when it can write a batch -- half the ring done from the oldest on
 * -- or when no job is left to take (it must read more, or finish). Woken
 * for every job, on two cores it took a core from a worker 4,000 times
 * per 500 MiB. */
static int worth_waking(const struct batch *b)
{
    if (b->next_take == b->next_submit)
        return 1;
    size_t done = 0;
    for (unsigned long long s = b->next_flush;
         s < b->next_submit && b->ring[s % b->k].state == JOB_DONE; s++)
        done++;
    return done >= (b->k + 1) / 2;
}

/* Take the oldest job not taken yet (there must be one) and run it on w;
 * called with the lock held, returns with it held. */
static void run_next(struct batch *b, struct worker *w)
{
    struct job *j = &b->ring[b->next_take++ % b->k];
    j->state = JOB_TAKEN;
    pthread_mutex_unlock(&b->mu);
    batch_job_run(w, j);
    pthread_mutex_lock(&b->mu);
    j->state = JOB_DONE;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct batch *b = w->b;
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (!b->stop && b->next_take == b->next_submit)
            pthread_cond_wait(&b->ready, &b->mu);
        if (b->next_take == b->next_submit)
            break;
        run_next(b, w);
        if (worth_waking(b))
            pthread_cond_broadcast(&b->done);
    }
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

/* A rule that ran into a PCRE2 limit in a worker: said with the job's
 * other messages, in input order, once per rule and counted (notes.h). */
static void worker_limit(void *ctx, const struct rule *r, int pcre_error)
{
    struct worker *w = ctx;
    if (!w->cur)
        return;
    struct buf where = BUF_INIT, msg = BUF_INIT;
    rules_describe_limit(r, pcre_error, &where, &msg);
    notes_add_message(&w->cur->err, where.p, "", msg.p);
    buf_free(&where);
    buf_free(&msg);
}

struct batch *batch_new(const struct batch_opts *o, const struct rule_set *rs,
                        const struct rule_limits *lim)
{
    struct batch *b = xcalloc(1, sizeof *b);
    b->o = o;
    b->popts = *o->popts;
    b->popts.nul_data = o->input == BATCH_NUL;
    b->nw = o->jobs ? o->jobs : 1;
    b->k = (size_t)b->nw * 6;
    struct rlimit fds;
    b->max_held = (unsigned)b->k;
    if (getrlimit(RLIMIT_NOFILE, &fds) == 0 && fds.rlim_cur != RLIM_INFINITY &&
        fds.rlim_cur / 2 < b->max_held)
        b->max_held = fds.rlim_cur / 2 > 1 ? (unsigned)(fds.rlim_cur / 2) : 1;
    atomic_init(&b->held, 0);
    b->ring = xcalloc(b->k, sizeof *b->ring);
    b->w = xcalloc(b->nw, sizeof *b->w);
    stats_init(&b->stats);
    for (unsigned i = 0; i < b->nw; i++) {
        struct worker *w = &b->w[i];
        w->b = b;
        w->id = i;
        rules_matcher_init(&w->m, rs, lim);
        rules_matcher_on_limit(&w->m, worker_limit, w, 1);
        rules_matcher_set_profile(&w->m, o->profile);
        pipeline_init(&w->p, &b->popts, rs, &w->m, &w->wout, NULL);
    }
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->ready, NULL);
    pthread_cond_init(&b->done, NULL);
    return b;
}

/* A run begins: its writers, nothing failed yet, the workers started. */
void batch_start(struct batch *b, struct io_writer *out, struct io_writer *removed,
                          struct io_writer *err)
{
    b->run = (struct batch_run){ out, removed, err, 0, 0 };
    for (unsigned i = 0; i < b->nw; i++)
        pipeline_set_writers(&b->w[i].p, &b->w[i].wout, removed ? &b->w[i].wrem : NULL);
    progress_init(&b->prog, STDERR_FILENO, b->o->progress, b->o->total_bytes);
    /* before any worker starts: they inherit the blocked signals */
    if (b->o->outdir) {
        b->temps = tempfiles_start(b->nw);
        b->outdir = outdir_new(b->o->outdir);
    }
    b->threads = 0;
    /* a second input (several JSONL or NUL files) starts the workers again:
       a stop left from the first would let them quit before any job */
    b->stop = 0;
    if (b->nw < 2)
        return;
    /* worker 0 is the main thread: between reading and writing it runs
       jobs too (help_one), so -j N keeps N threads busy, not N + 1 on N
       cores */
    unsigned started = 0;
    for (unsigned i = 1; i < b->nw; i++) {
        b->w[i].started = pthread_create(&b->w[i].thread, NULL, worker_main, &b->w[i]) == 0;
        started += (unsigned)b->w[i].started;
    }
    /* fewer threads still work: the ones that started take the jobs the
       main thread leaves; with none, the jobs run inline */
    b->threads = started > 0;
}

/* The main thread runs the oldest job no worker has taken yet, if any
 * (called with the lock held; returns with it held). Returns whether it
 * ran one. */
static int help_one(struct batch *b)
{
    if (!b->threads || b->next_take == b->next_submit)
        return 0;
    run_next(b, &b->w[0]);
    return 1;
}

/* The main thread waits for input: it runs a job no worker has taken yet,
 * if any. Returns whether it ran one. */
int batch_help(struct batch *b)
{
    pthread_mutex_lock(&b->mu);
    int helped = help_one(b);
    pthread_mutex_unlock(&b->mu);
    return helped;
}

/* Write out the finished jobs at the head of the ring, in order. With
 * wait set, wait for the oldest job if it is not finished. */
void batch_flush(struct batch *b, int wait)
{
    struct io_writer *out = b->run.out, *removed = b->run.removed, *err = b->run.err;
    pthread_mutex_lock(&b->mu);
    for (;;) {
        if (b->next_flush == b->next_submit)
            break;
        struct job *j = &b->ring[b->next_flush % b->k];
        if (j->state != JOB_DONE) {
            if (!wait)
                break;
            if (!help_one(b))
                pthread_cond_wait(&b->done, &b->mu);
            continue;
        }
        pthread_mutex_unlock(&b->mu);
        io_writer_put(out, j->out.p, j->out.len);
        if (removed)
            io_writer_put(removed, j->removed.p, j->removed.len);
        if (j->err.len) {
            progress_done(&b->prog);
            notes_say(&b->notes, &j->err, err);
            io_writer_flush(err);
        }
        if (j->trouble) {
            b->run.trouble = 1;
            b->stats.errors++;
        }
        if (j->site_missing && !b->site_missing_said) {
            /* said once per input, at the first such line */
            char m[512];
            snprintf(m, sizeof m, "cleaner: %s:%llu: no string field '%.200s' (here and maybe on "
                     "later lines): no site pack for such lines\n", b->stream_name,
                     j->site_missing, b->o->site_field);
            progress_done(&b->prog);
            io_writer_put(err, m, strlen(m));
            io_writer_flush(err);
            b->site_missing_said = 1;
        }
        b->done_docs += j->records; /* documents, not chunks */
        b->done_bytes += j->kind == JOB_FILE ? j->bytes : j->in.len;
        progress_tick(&b->prog, b->done_docs, b->done_bytes);
        pthread_mutex_lock(&b->mu);
        j->state = JOB_FREE;
        b->next_flush++;
        wait = 0; /* one job written: the caller's slot may be free now */
    }
    pthread_mutex_unlock(&b->mu);
    if (out->err || (removed && removed->err))
        b->run.failed = 1;
}

/* A free job for the next document; writes out finished ones to make room. */
struct job *batch_next_job(struct batch *b)
{
    struct job *j = &b->ring[b->next_submit % b->k];
    /* only this thread frees a job, but workers write the state: read it
       under the lock */
    for (;;) {
        pthread_mutex_lock(&b->mu);
        int free_now = j->state == JOB_FREE;
        pthread_mutex_unlock(&b->mu);
        if (free_now)
            break;
        batch_flush(b, 1);
    }
    j->in.len = j->out.len = j->removed.len = j->err.len = 0;
    j->bytes = 0;
    j->trouble = 0;
    j->failed_early = 0;
    j->site_missing = 0;
    j->path = NULL;
    j->fd = -1;
    j->src = NULL;
    j->kind = JOB_FRAMED;
    return j;
}

void batch_submit(struct batch *b, struct job *j, unsigned long long doc_no)
{
    j->doc_no = doc_no;
    if (!b->threads) {
        j->state = JOB_DONE;
        b->next_submit++;
        b->next_take++;
        batch_job_run(&b->w[0], j);
        return;
    }
    pthread_mutex_lock(&b->mu);
    j->state = JOB_READY;
    b->next_submit++;
    pthread_cond_signal(&b->ready);
    pthread_mutex_unlock(&b->mu);
}

int batch_finish(struct batch *b)
{
    batch_flush(b, 1);
    while (b->next_flush < b->next_submit)
        batch_flush(b, 1);
    if (b->notes.n)
        progress_done(&b->prog);
    notes_summary(&b->notes, b->run.err);
    io_writer_flush(b->run.err);
    if (b->threads) {
        pthread_mutex_lock(&b->mu);
        b->stop = 1;
        pthread_cond_broadcast(&b->ready);
        pthread_mutex_unlock(&b->mu);
        for (unsigned i = 0; i < b->nw; i++)
            if (b->w[i].started)
                pthread_join(b->w[i].thread, NULL);
        b->threads = 0;
    }
    progress_done(&b->prog);
    tempfiles_stop(b->temps);
    b->temps = NULL;
    outdir_free(b->outdir);
    b->outdir = NULL;
    if (b->run.failed)
        return 2;
    return b->run.trouble ? 1 : 0;
}

static void feed_warc(struct batch *b, struct source *src);

int batch_run_files(struct batch *b, struct inputs *it, struct io_writer *out,
                    struct io_writer *removed, struct io_writer *err)
{
    batch_start(b, out, removed, err);
    /* a document's number is its place among the inputs, read or not */
    struct input *in;
    for (;;) {
        /* files wait open in the ring: no more of them than the process
           may have descriptors for (each job run closes its own) */
        while (!b->run.failed && atomic_load(&b->held) >= b->max_held && b->next_flush < b->next_submit)
            batch_flush(b, 1);
        if (b->run.failed || (in = inputs_next(it)) == NULL)
            break;
        if (!in->err && (b->o->warc || input_is_warc(in))) {
            /* a WARC file among them: its records, in order, then on */
            if (!b->o->no_warc) {
                b->stream_name = in->name;
                feed_warc(b, in->src);
                continue;
            }
        }
        struct job *j = batch_next_job(b);
        j->kind = JOB_FILE;
        j->path = in->path;
        j->records = 1;
        if (in->err) {
            batch_job_error(j, j->path, 0, strerror(in->err));
            j->failed_early = 1;
        } else if (in->warc) {
            batch_job_error(j, j->path, 0, b->o->no_warc);
            j->failed_early = 1;
        } else {
            input_take(in, &j->fd, &j->src);
            atomic_fetch_add(&b->held, 1);
        }
        batch_submit(b, j, in->index + 1);
    }
    inputs_end(it);
    return batch_finish(b);
}


/* WARC: the main thread reads whole records (warc.h) and hands chunks of
 * them to the workers; a broken record is reported and its bytes pass
 * through in their place. */
static void feed_warc(struct batch *b, struct source *src)
{
    struct warc_reader r;
    warc_reader_init(&r, src);
    struct buf chunk = BUF_INIT, notes = BUF_INIT;
    unsigned long long doc_no = b->stream_docs, docs = 0;
    for (;;) {
        const char *p;
        size_t n;
        char why[160];
        unsigned long long rec = 0, off = 0;
        enum warc_event ev = warc_next(&r, &p, &n, why, &rec, &off);
        if (ev == WARC_RECORD) {
            batch_put_entry(&chunk, 'R', p, n);
            docs++;
        } else if (ev == WARC_BAD) {
            /* said with the chunk that passes the record through, in
               order, once per kind of fault */
            char at[96], msg[200];
            snprintf(at, sizeof at, ": record %llu at byte %llu", rec, off);
            snprintf(msg, sizeof msg, "%s; passed through", why);
            notes_add_message(&notes, b->stream_name, at, msg);
            b->run.trouble = 1;
            batch_put_entry(&chunk, 'P', p, n);
        } else if (ev == WARC_PASS) {
            batch_put_entry(&chunk, 'P', p, n);
        } else if (ev == WARC_ERROR) {
            notes_add_message(&notes, b->stream_name, "",
                              r.err == EILSEQ ? source_error(src) : strerror(r.err));
            b->run.trouble = 1;
        }
        int done = ev == WARC_END || ev == WARC_ERROR;
        if (chunk.len && (done || chunk.len >= JOB_BYTES)) {
            struct job *j = batch_next_job(b);
            j->kind = JOB_WARC;
            struct buf t = j->in;
            j->in = chunk;
            chunk = t;
            chunk.len = 0;
            buf_append(&j->err, notes.p, notes.len);
            notes.len = 0;
            j->records = docs;
            batch_submit(b, j, doc_no + 1);
            doc_no += docs;
            docs = 0;
        }
        if (done || b->run.failed)
            break;
    }
    b->stream_docs = doc_no;
    if (notes.len) { /* not handed out with a chunk: said after them all */
        while (b->next_flush < b->next_submit)
            batch_flush(b, 1);
        notes_say(&b->notes, &notes, b->run.err);
    }
    buf_free(&chunk);
    buf_free(&notes);
    warc_reader_free(&r);
}

int batch_run_warc(struct batch *b, struct source *src, const char *name, struct io_writer *out,
                   struct io_writer *removed, struct io_writer *err)
{
    b->stream_name = name;
    batch_start(b, out, removed, err);
    feed_warc(b, src);
    return batch_finish(b);
}


void batch_totals(struct batch *b, struct stats *all, struct rule_matcher ***m, unsigned *n)
{
    stats_merge(all, &b->stats);
    *m = xcalloc(b->nw, sizeof **m);
    for (unsigned i = 0; i < b->nw; i++) {
        stats_merge(all, b->w[i].p.stats);
        (*m)[i] = &b->w[i].m;
    }
    *n = b->nw;
}

void batch_free(struct batch *b)
{
    if (!b)
        return;
    notes_free(&b->notes);
    for (unsigned i = 0; i < b->nw; i++) {
        struct worker *w = &b->w[i];
        pipeline_free(&w->p);
        rules_matcher_free(&w->m);
        jsonl_doc_free(&w->jd);
        buf_free(&w->text);
        buf_free(&w->msg);
        buf_free(&w->packed);
    }
    for (size_t i = 0; i < b->k; i++) {
        buf_free(&b->ring[i].in);
        buf_free(&b->ring[i].out);
        buf_free(&b->ring[i].removed);
        buf_free(&b->ring[i].err);
    }
    pthread_mutex_destroy(&b->mu);
    pthread_cond_destroy(&b->ready);
    pthread_cond_destroy(&b->done);
    stats_free(&b->stats);
    free(b->ring);
    free(b->w);
    free(b);
}
