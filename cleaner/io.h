/* io: a line reader with no line-length limit and a buffered writer that keeps
 * the first write error. Lines end at LF, CRLF or a lone CR; with nul_docs set,
 * a NUL byte also ends the line and the document (as grep -z reads records).
 * Neither half prints anything: errors are returned as errno values. */
#ifndef CLEANER_IO_H
#define CLEANER_IO_H

#include <stddef.h>

enum io_event {
    IO_LINE,    /* *line, *len hold one line without its terminator (or
                   the last part of a long line: see IO_PIECE) */
    IO_PIECE,   /* a part of a line longer than max_line; more follow, the
                   line's last part comes as IO_LINE */
    IO_DOC_END, /* a NUL byte ended the current document (nul_docs only) */
    IO_EOF,     /* no more input */
    IO_ERROR    /* read error; errno value in reader->err */
};

struct io_reader {
    int fd;
    int nul_docs;
    int lf_only;     /* only LF ends a line (JSON Lines); CR stays in it */
    int eof;
    int err;
    int doc_end_pending;
    char *buf;
    size_t cap, start, end;
    unsigned long long bytes_read;
    /* called before a read that would wait (a pipe with nothing in it
       yet), so that output already decided can be written first */
    void (*idle)(void *ctx);
    void *idle_ctx;
    /* when set, bytes come from it (decompressed) instead of from fd */
    struct source *src;
    size_t max_line;   /* 0, or longer lines come in pieces (IO_PIECE) */
};

/* Whether fd has input (or an end or error) within timeout_ms
 * milliseconds (0: now, -1: wait). */
int io_readable(int fd, int timeout_ms);

/* Start reading fd (not closed by the reader). */
void io_reader_init(struct io_reader *r, int fd, int nul_docs);
/* Put n bytes in front of what the reader will read from its fd (bytes
 * already read by someone else). Call before the first io_reader_next. */
void io_reader_prefill(struct io_reader *r, const char *p, size_t n);
/* Read from src (decompressed) instead of from fd. */
void io_reader_set_source(struct io_reader *r, struct source *src);
/* Hand out a line longer than n bytes in pieces (IO_PIECE), so that the
 * reader holds about n bytes whatever the line's length. */
void io_reader_set_max_line(struct io_reader *r, size_t n);
/* Call fn(ctx) before a read that would wait. */
void io_reader_on_idle(struct io_reader *r, void (*fn)(void *ctx), void *ctx);
/* The bytes read from the input and not handed out yet (valid until the
 * next call). */
void io_reader_unread(const struct io_reader *r, const char **p, size_t *n);
/* Next event. A returned line stays valid until the next call. */
enum io_event io_reader_next(struct io_reader *r, const char **line, size_t *len);
void io_reader_free(struct io_reader *r);

struct buf;

/* Read everything left on fd into b (overwritten, NUL-terminated after
 * len). Returns 0, or the errno of a failed read (b holds what was read). */
int io_read_all(int fd, struct buf *b);

/* Open path ("-" is standard input, not closed) and read it whole,
 * decompressed when it is gzip or zstd (source.h). Returns 0 or an errno
 * value, with a message in why (when not NULL) on error. */
int io_read_file(const char *path, struct buf *b, char *why, size_t whysize);
/* The same for an input already open (source.h), read to its end. */
struct source;
int io_read_source(struct source *s, struct buf *b, char *why, size_t whysize);

/* The names in folder dir (not "." and ".."), sorted by strcmp: only
 * those ending in suffix when it is not NULL, and none starting with "."
 * when skip_hidden. *names is an array the caller frees with
 * io_names_free. Returns 0 or an errno value (then *n is 0). */
int io_list_dir(const char *dir, const char *suffix, int skip_hidden, char ***names, size_t *n);
/* The type of entry name of io_list_dir as the folder said it (DT_REG,
 * DT_DIR, DT_LNK ... of <dirent.h>; DT_UNKNOWN when the file system does
 * not say): a walk need not stat a regular file. */
unsigned char io_name_type(const char *name);
void io_names_free(char **names, size_t n);

/* The line that starts at p (n bytes left): its length without the line
 * end, and in *next the bytes up to the next line. A line ends at LF, CR
 * LF or a lone CR, as the reader's lines do; the last may have no end. */
size_t io_line(const char *p, size_t n, size_t *next);

struct compressor;

struct io_writer {
    int fd;             /* -1 when writing to mem */
    struct buf *mem;    /* not owned; used instead of fd when set */
    struct compressor *comp; /* not owned: bytes pass through it to fd */
    struct buf *zbuf;   /* its output, owned */
    int comp_pending;   /* given to it since its last flush point */
    int err; /* first errno of a failed write; later writes are skipped */
    char *buf;
    size_t len, cap;
    unsigned long long bytes_written;
};

void io_writer_init(struct io_writer *w, int fd);
/* A writer that appends to mem (not owned) instead of a file. */
void io_writer_init_mem(struct io_writer *w, struct buf *mem);
/* Append n bytes; returns 0, or -1 once a write has failed (w->err set). */
int io_writer_put(struct io_writer *w, const void *p, size_t n);
/* Write out what is buffered; 0 or -1 (w->err set). */
int io_writer_flush(struct io_writer *w);
/* Flush and release the buffer (the fd stays open); 0 or -1. With a
 * compressor, the compressed stream is ended first. */
int io_writer_close(struct io_writer *w);
/* Send what is written through c (compress.h) on its way to the fd. */
void io_writer_compress(struct io_writer *w, struct compressor *c);
/* End the compressed stream (what is buffered, then its end) and write on
 * uncompressed; the compressor is the caller's to free. 0 or -1. */
int io_writer_end_compress(struct io_writer *w);

#endif
