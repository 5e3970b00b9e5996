/* jsonl: one JSON object per line. jansson parses and validates the line
 * and decodes the field's string (escapes, \u escapes, surrogate pairs);
 * the object is written back with only that field's value replaced, every
 * other byte as it came in (numbers, escapes and key order untouched). */
#ifndef CLEANER_JSONL_H
#define CLEANER_JSONL_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

struct jsonl_doc {
    struct buf text;        /* the field's decoded string */
    struct buf host;        /* host of the URL in the site field, lower case */
    size_t value_start;     /* byte span of the field's value in the line */
    size_t value_end;
    int site_missing;       /* a site field was asked for and is not a string here */
};

/* Parse line[0..len) and find the string in field; with site_field set,
 * also the host of the URL in that field (empty when absent). Returns 0; or
 * -1 with a message in msg (overwritten) when the line is not a JSON
 * object or the field is missing or not a string. */
int jsonl_parse(const char *line, size_t len, const char *field, const char *site_field,
                struct jsonl_doc *doc, struct buf *msg);

/* The host of a URL ("https://user@www.Example.vn:8080/x" gives
 * "www.example.vn"; a bare "example.vn/x" gives "example.vn") into out. */
void jsonl_url_host(const char *url, size_t n, struct buf *out);

/* Append to out the line with the field's value replaced by the JSON
 * string for clean[0..n). */
void jsonl_splice(const char *line, const struct jsonl_doc *doc, const char *clean, size_t n,
                  size_t len, struct buf *out);

/* Append the JSON text of value (jansson dump flags) to out. */
void jsonl_append_json(struct buf *out, const json_t *value, size_t flags);

void jsonl_doc_free(struct jsonl_doc *doc);

#endif
