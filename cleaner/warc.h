/* warc: WARC 1.0/1.1 records (Common Crawl WET files) in and out.
 *
 * Reading (warc_next): a record is a version line "WARC/1.x", header
 * lines "Name: value" ending in CR LF, an empty line, Content-Length bytes
 * of block, and CR LF CR LF. A record that breaks these rules is reported
 * with its number and byte offset, and the bytes up to the next line that
 * starts with "WARC/1." (where reading resyncs) pass through untouched:
 * nothing after it is lost. Memory stays bounded whatever the input: a
 * record over 8 MiB is passed through in pieces as it is read, not held
 * (and not cleaned: said when it holds a page's text); a record that starts
 * inside such a record's declared length (a wrong Content-Length) ends it
 * there; garbage is passed on in pieces as it is read.
 *
 * Rewriting (warc_write): a "conversion" record, or a "resource" or
 * "response" record whose Content-Type is text/plain and whose target is an
 * http(s):// address, gets its block cleaned; its headers are written back
 * in their order with Content-Length set to the new block's length, and
 * WARC-Block-Digest and WARC-Payload-Digest (where the record had them)
 * the SHA-1 of the new block, so that readers check them. Every other
 * record is written back byte for byte. With to_jsonl, a cleaned record becomes one JSON
 * object {"text", "id", "url", "date", "metadata"} as datatrove's WARC
 * reader gives documents, and other records are left out. */
#ifndef CLEANER_WARC_H
#define CLEANER_WARC_H

#include <stddef.h>

#include "buf.h"
#include "source.h"

/* Reading records from a source, one at a time. */
struct warc_reader {
    struct source *src;
    struct buf in;              /* decoded bytes read, not consumed */
    size_t pos;                 /* consumed up to here in in */
    int eof, err;               /* err: errno of a read error */
    unsigned long long offset;  /* bytes consumed since the start */
    unsigned long long records; /* records seen (good or bad) */
    /* a record too large to hold, being passed through */
    unsigned long long pass_left;   /* its bytes still to come */
    unsigned long long large_record, large_offset, large_length;
    int in_garbage;             /* passing on bytes that are not a record */
    int line_start;             /* ... and pos starts a line */
};

enum warc_event {
    WARC_RECORD, /* *p, *n: one whole record, as read */
    WARC_BAD,    /* *p, *n: bytes of a broken record, to pass through;
                    why says what is wrong, at record number / offset */
    WARC_PASS,   /* *p, *n: bytes to pass through that go on from the
                    event before (a large record, or garbage): nothing
                    more to say */
    WARC_END,
    WARC_ERROR   /* read error (reader->err) or corrupt compressed data */
};

void warc_reader_init(struct warc_reader *r, struct source *src);
void warc_reader_free(struct warc_reader *r);
/* The next record. p stays valid until the next call. For WARC_BAD, why
 * (at least 160 bytes) holds the reason, *record its number (from 1) and
 * *offset its byte offset. */
enum warc_event warc_next(struct warc_reader *r, const char **p, size_t *n, char *why,
                          unsigned long long *record, unsigned long long *offset);

/* Whether data starts like a WARC file ("WARC/1.0" or "WARC/1.1"). */
int warc_looks_like(const char *p, size_t n);

/* What a record is, read from its header. */
struct warc_record {
    const char *head;  /* header lines, version line included */
    size_t head_len;   /* up to and including the empty line's CR LF */
    const char *block;
    size_t block_len;
    int cleanable;     /* conversion, or resource/response text/plain of
                          an http(s):// page */
};

/* Split a whole record (from warc_next) into head and block. Returns 0, or
 * -1 if it is not one (cannot happen for WARC_RECORD). */
int warc_parse(const char *p, size_t n, struct warc_record *rec);
/* The value of header field name (case-insensitive) in rec's head, into
 * out (overwritten, NUL-terminated); returns 0 if there is no such field. */
int warc_field(const struct warc_record *rec, const char *name, struct buf *out);
/* WARC-Target-URI without the angle brackets WARC/1.0 writers (wget) put
 * around it; as warc_field. */
int warc_target_uri(const struct warc_record *rec, struct buf *out);

/* "sha1:" and the base32 SHA-1 of p[0..n) (RFC 4648, as WARC writers
 * give it), NUL-terminated. */
void warc_sha1(const char *p, size_t n, char out[48]);

/* Write rec to out with clean[0..n) as its block (see above), as WARC or
 * as a JSON line. */
void warc_write(const struct warc_record *rec, const char *clean, size_t n, int to_jsonl,
                struct buf *out);

#endif
