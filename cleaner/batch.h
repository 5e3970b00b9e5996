/* batch: many documents cleaned by N workers and written in input order:
 * files (each its own document, optionally mirrored into an output
 * directory), NUL-separated documents or JSON Lines on a stream. The
 * calling thread is worker 0: between reading input and writing output it
 * runs jobs no other worker has taken, so N workers are N threads. With
 * one job the same code runs inline, so output is identical for any -j. Memory
 * is bounded by the jobs in flight (six per worker, so a slower worker
 * does not stall a faster one behind the ordered output), each about
 * 128 KiB of whole documents or one file, never by the input as a whole:
 * a NUL-framed document longer than 512 KiB is streamed line by line in
 * order (a JSON line of any length is still held whole). Diagnostics are
 * written, in input order, to the err writer main hands in. */
#ifndef CLEANER_BATCH_H
#define CLEANER_BATCH_H

#include "io.h"
#include "pipeline.h"
#include "rules.h"
#include "source.h"
#include "walk.h"

/* files (each one document; a WARC file among them is read as records),
 * or documents framed on a stream */
enum batch_input { BATCH_FILES, BATCH_NUL, BATCH_JSONL };

struct batch_opts {
    enum batch_input input;
    unsigned jobs;
    const char *field;              /* JSONL: the field to clean */
    const char *site_field;         /* JSONL: URL field choosing site rules */
    int drop_empty;                 /* JSONL: leave out empty results */
    const char *outdir;             /* files: write results under here */
    int compress;                   /* -o files, and WARC records written
                                       as WARC: enum compress_kind */
    int to_jsonl;                   /* WARC: write cleaned records as JSON */
    int warc;                       /* files: every one is WARC (--warc);
                                       else those that start like it */
    const char *no_warc;            /* files: why a WARC file cannot be
                                       written in this run (said for each
                                       one met, exit 1), or NULL */
    const struct pipeline_opts *popts;
    int progress;
    int profile;                    /* time every rule (--profile) */
    unsigned long long total_bytes; /* for the ETA; 0 if unknown */
};

struct batch;

/* A rule that runs into a PCRE2 limit is said with the other messages, in
 * input order, once per rule with a count at the end. */
struct batch *batch_new(const struct batch_opts *o, const struct rule_set *rs,
                        const struct rule_limits *lim);
/* Run over files (each input opened once, inputs.h; a WARC file is read
 * as records, in its place) or a stream. Returns 0, 1 when some document
 * had trouble (reported on err), or 2 when writing out or removed failed. */
struct inputs;
int batch_run_files(struct batch *b, struct inputs *it, struct io_writer *out,
                    struct io_writer *removed, struct io_writer *err);
/* src: the input (decompressing, source.h; not freed); name: its name in
 * messages ("stdin" or its path). */
int batch_run_stream(struct batch *b, struct source *src, const char *name, struct io_writer *out,
                     struct io_writer *removed, struct io_writer *err);
/* The same for a WARC stream: whole records cleaned by the workers, the
 * rest passed through (warc.h). */
int batch_run_warc(struct batch *b, struct source *src, const char *name, struct io_writer *out,
                   struct io_writer *removed, struct io_writer *err);
/* The counts of all workers merged into all (stats_init'ed by the caller),
 * and the workers' matchers (*m, *n; the array is the caller's to free). */
void batch_totals(struct batch *b, struct stats *all, struct rule_matcher ***m, unsigned *n);
void batch_free(struct batch *b);

#endif
