/* source: the bytes of an input, decompressed when they are compressed.
 * The first bytes read tell: gzip (1F 8B; several members one after the
 * other, as Common Crawl writes WET files, are read as one stream) with
 * zlib, zstd (28 B5 2F FD; several frames too) with libzstd, or plain
 * bytes passed through. Reads never block longer than the fd does, so a
 * slow pipe can still be waited on (source_buffered). */
#ifndef CLEANER_SOURCE_H
#define CLEANER_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

struct source;

/* A source over fd (not closed by it). */
struct source *source_new(int fd);
void source_free(struct source *s);

/* Up to n decoded bytes into buf: their count, 0 at the end, or -1 on a
 * read error (errno) or corrupt data (errno EILSEQ; source_error says
 * what). */
ssize_t source_read(struct source *s, char *buf, size_t n);
/* Up to n decoded bytes from the start, into buf, without consuming them
 * (the next reads return them again). Returns their count, or -1. */
ssize_t source_peek(struct source *s, char *buf, size_t n);
/* What is wrong with corrupt data, for messages ("gzip: invalid ..."). */
const char *source_error(const struct source *s);
/* Whether decoded or undecoded bytes wait in the source, so a read would
 * not wait on the fd. */
int source_buffered(const struct source *s);
/* "plain", "gzip" or "zstd" once the first bytes are read. */
const char *source_kind(const struct source *s);
int source_fd(const struct source *s);

#endif
