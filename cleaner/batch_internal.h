/* batch_internal: what batch.c (the ordered ring of jobs, and the main
 * thread feeding it files and WARC records), batch_stream.c (framed
 * streams cut into jobs) and batch_jobs.c (what a worker does with one
 * job) share. Not for other modules: they see batch.h. */
#ifndef CLEANER_BATCH_INTERNAL_H
#define CLEANER_BATCH_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "batch.h"
#include "jsonl.h"
#include "notes.h"
#include "progress.h"
#include "stats.h"

struct outdir;
struct tempfiles;

enum job_state { JOB_FREE, JOB_READY, JOB_TAKEN, JOB_DONE };
/* what a job holds: a file to read whole, framed documents (NUL or JSON
 * Lines), or WARC entries */
enum job_kind { JOB_FILE, JOB_FRAMED, JOB_WARC };

struct job {
    enum job_state state;
    enum job_kind kind;
    unsigned long long doc_no;
    unsigned long long line_no;  /* streams: the chunk's first record, counted
                                    from 1 in its own input (for messages) */
    unsigned long long site_missing; /* JSONL: first line here without the
                                        site field, 0 if none */
    unsigned long long records;  /* documents in it (1 for a file) */
    unsigned long long bytes;    /* a file: the bytes read (in is empty) */
    const char *path;          /* files: borrowed from the walk list */
    int fd;                    /* files: the input, opened by the main
                                  thread (inputs.h), closed when read */
    struct source *src;
    struct buf in;             /* the document, or the JSON line */
    struct buf out, removed, err;
    int trouble;
    int failed_early;          /* already reported: nothing to run */
};

struct worker {
    struct batch *b;
    unsigned id;
    pthread_t thread;
    int started;               /* the thread is running */
    struct rule_matcher m;
    struct pipeline p;
    struct io_writer wout, wrem;
    struct jsonl_doc jd;
    struct buf text, msg;
    struct buf packed;         /* a compressed -o file */
    struct job *cur;           /* the job being run (its messages) */
};

/* One run (batch_run_files, _stream or _warc): where it writes, and what
 * went wrong so far. */
struct batch_run {
    struct io_writer *out, *removed, *err;
    int trouble;               /* something was reported: exit 1 */
    int failed;                /* an output failed: exit 2, stop */
};

struct batch {
    const struct batch_opts *o;
    struct pipeline_opts popts; /* the caller's, adjusted per input */
    struct worker *w;
    unsigned nw;
    struct job *ring;
    size_t k;
    pthread_mutex_t mu;
    pthread_cond_t ready, done;
    unsigned long long next_submit, next_take, next_flush;
    int stop, threads;
    struct stats stats;
    unsigned long long done_docs, done_bytes;
    unsigned long long stream_docs; /* records numbered so far, across streams */
    int site_missing_said;     /* the missing site field was reported for
                                  this input */
    const char *stream_name;   /* the input being read, in messages */
    struct batch_run run;
    struct progress prog;
    struct tempfiles *temps;   /* -o: the outputs being written */
    struct outdir *outdir;     /* -o: its folders */
    struct notes notes;        /* messages said so far in this run */
    /* files: inputs opened by the main thread and not yet read by a
       worker, and how many may be (half the descriptors the process may
       have, at most the ring's size) */
    atomic_uint held;
    unsigned max_held;
};

enum {
    /* bytes of whole records handed to a worker at a time: small enough
       that a job's input and output stay in the core's cache, large
       enough that handing jobs over costs little (on the benchmark corpus
       -j 2 took 0.24 s with 512 KiB, 0.22 s with 64 KiB, 0.19 s with 128
       or 256 KiB) */
    JOB_BYTES = 1 << 17
};

/* --- the ring (batch.c), for the feeders: only the main thread calls these */

/* A run begins: where it writes; the workers start. */
void batch_start(struct batch *b, struct io_writer *out, struct io_writer *removed,
                 struct io_writer *err);
/* A free job for the next document; writes out finished ones to make
 * room. */
struct job *batch_next_job(struct batch *b);
/* Hand job j (its first document numbered doc_no) to the workers. */
void batch_submit(struct batch *b, struct job *j, unsigned long long doc_no);
/* Write out the finished jobs at the head of the ring, in order; with
 * wait, wait for the oldest. A failed output sets b->run.failed. */
void batch_flush(struct batch *b, int wait);
/* Run one job no worker has taken yet, if any; whether it ran one. */
int batch_help(struct batch *b);
/* The run ends: everything written, the workers stopped. Its exit status
 * (0, 1 trouble, 2 an output failed). */
int batch_finish(struct batch *b);

/* --- the jobs (batch_jobs.c) --------------------------------------------- */

/* Run job j on worker w (any thread): its output, removed lines and
 * messages go into the job's buffers. */
void batch_job_run(struct worker *w, struct job *j);
/* A message for j, said in input order when it is written out; marks it
 * as trouble. line 0: no line number. */
void batch_job_error(struct job *j, const char *name, unsigned long long line, const char *msg);

/* A WARC chunk (j->in of a JOB_WARC) holds entries: a type byte ('R' a
 * record to rewrite, 'P' bytes to pass through), 8 length bytes, the
 * bytes. */
enum { BATCH_ENTRY_HEAD = 9 };
void batch_put_entry(struct buf *b, char type, const char *p, size_t n);

#endif
