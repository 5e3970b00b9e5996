/* pipeline: reader -> engine -> writers. Reads documents from a file
 * descriptor (the whole input, or NUL-separated documents) and writes the
 * kept lines, or with --explain every line and its verdict, and with
 * --removed every dropped line to a second writer. Prints nothing itself:
 * failures come back as return values with errno kept in the writers or
 * the reader. */
#ifndef CLEANER_PIPELINE_H
#define CLEANER_PIPELINE_H

#include "engine.h"
#include "pipeline_opts.h"
#include "io.h"
#include "source.h"
#include "rules.h"
#include "stats.h"

struct pipeline {
    const struct pipeline_opts *opts;
    struct engine eng;
    struct io_writer *out;
    struct io_writer *removed;  /* may be NULL */
    unsigned long long doc_no;  /* 1-based number of the current document */
    unsigned long long next_doc_no; /* the number the next document gets */
    unsigned long long doc_lines_out; /* kept lines of the current document */
    struct stats *stats;        /* counters, never NULL */
    int spill_err;              /* a too-long line's temporary file could
                                   not be read back (errno), else 0 */
    struct stats own_stats;
    /* called after each document (may be NULL): progress display */
    void (*on_doc)(void *ctx, const struct stats *st);
    void *on_doc_ctx;
};

void pipeline_init(struct pipeline *p, const struct pipeline_opts *o, const struct rule_set *rs,
                   struct rule_matcher *m, struct io_writer *out, struct io_writer *removed);
/* Call fn(ctx, counters so far) after each document (progress). */
void pipeline_on_doc(struct pipeline *p, void (*fn)(void *ctx, const struct stats *st), void *ctx);
/* Point the pipeline at other writers (a worker's per-document buffers). */
void pipeline_set_writers(struct pipeline *p, struct io_writer *out, struct io_writer *removed);
void pipeline_free(struct pipeline *p);

/* Documents are numbered 1, 2, ... in the order begun (--explain's first
 * column). A caller that frames documents or reads several inputs says
 * where numbering stands: the next document begun is doc_no, the one after
 * it doc_no + 1. */
void pipeline_number_next(struct pipeline *p, unsigned long long doc_no);

/* Clean everything readable from fd: one document, or with nul_data one
 * per NUL-terminated record. Returns 0; -1 on a read error (errno in
 * *read_err); -2 when a writer failed (its err field says why). */
int pipeline_run_fd(struct pipeline *p, int fd, int *read_err);
/* The same from a source (decompressing); on -1, why holds the message. */
int pipeline_run_source(struct pipeline *p, struct source *src, char *why, size_t whysize);

/* Clean one document held in memory, numbered doc_no; lines end at LF,
 * CRLF or CR. */
void pipeline_run_mem(struct pipeline *p, unsigned long long doc_no, const char *text, size_t len);

/* The errno of a too-long line's temporary file that could not be read
 * back for --explain/--removed since the last call (its text is short
 * there), or 0. */
int pipeline_take_spill_error(struct pipeline *p);

/* Hand one document to the engine line by line, as a caller that frames
 * documents itself does. */
void pipeline_doc_begin(struct pipeline *p);
void pipeline_doc_line(struct pipeline *p, const char *line, size_t len);
/* A part of a line that goes on (io.h IO_PIECE); the line ends with the
 * next pipeline_doc_line. */
void pipeline_doc_line_part(struct pipeline *p, const char *part, size_t len);
void pipeline_doc_end(struct pipeline *p);

#endif
