/* compress: output compressed with gzip (zlib) or zstd (libzstd) for
 * --compress: a stream that stdout's writer feeds (a flush makes all so far
 * decodable, as a reader downstream of a pipe needs), or a whole -o file. */
#ifndef CLEANER_COMPRESS_H
#define CLEANER_COMPRESS_H

#include <stddef.h>

#include "buf.h"

enum compress_kind { COMPRESS_NONE, COMPRESS_GZIP, COMPRESS_ZSTD };
enum compress_step { COMPRESS_MORE, COMPRESS_FLUSH, COMPRESS_END };

struct compressor;

struct compressor *compressor_new(enum compress_kind kind);
void compressor_free(struct compressor *c);
/* Compress p[0..n) into out (appended); FLUSH makes what was given
 * decodable, END ends the stream (a valid .gz or .zst). */
void compressor_put(struct compressor *c, const char *p, size_t n, enum compress_step step,
                    struct buf *out);
/* The file-name ending for kind: ".gz", ".zst", or "". */
const char *compress_suffix(enum compress_kind kind);
/* "gzip" or "zstd" into a kind; -1 for anything else. */
int compress_parse(const char *name);

#endif
