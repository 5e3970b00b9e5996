/* compress: gzip and zstd output (see compress.h). */
#include "compress.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "xalloc.h"

struct compressor {
    enum compress_kind kind;
    z_stream z;
    ZSTD_CStream *zs;
};

struct compressor *compressor_new(enum compress_kind kind)
{
    struct compressor *c = xcalloc(1, sizeof *c);
    c->kind = kind;
    if (kind == COMPRESS_GZIP) {
        /* 15 + 16: a gzip header and trailer around deflate */
        if (deflateInit2(&c->z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            xalloc_die_errno();
    } else if (kind == COMPRESS_ZSTD) {
        c->zs = ZSTD_createCStream();
        if (!c->zs)
            xalloc_die_errno();
        ZSTD_initCStream(c->zs, 3);
    }
    return c;
}

void compressor_free(struct compressor *c)
{
    if (!c)
        return;
    if (c->kind == COMPRESS_GZIP)
        deflateEnd(&c->z);
    if (c->zs)
        ZSTD_freeCStream(c->zs);
    free(c);
}

/* zlib counts input in uInt (32 bits): more than that goes in pieces,
 * each but the last without a flush. */
enum { GZIP_PIECE = 1u << 30 };

static void put_gzip_piece(struct compressor *c, const char *p, size_t n, int flush,
                           struct buf *out);

static void put_gzip(struct compressor *c, const char *p, size_t n, enum compress_step step,
                     struct buf *out)
{
    int flush = step == COMPRESS_END ? Z_FINISH : step == COMPRESS_FLUSH ? Z_SYNC_FLUSH : Z_NO_FLUSH;
    while (n > GZIP_PIECE) {
        put_gzip_piece(c, p, GZIP_PIECE, Z_NO_FLUSH, out);
        p += GZIP_PIECE;
        n -= GZIP_PIECE;
    }
    put_gzip_piece(c, p, n, flush, out);
}

static void put_gzip_piece(struct compressor *c, const char *p, size_t n, int flush,
                           struct buf *out)
{
    c->z.next_in = (Bytef *)p;
    c->z.avail_in = (uInt)n;
    for (;;) {
        buf_reserve(out, 65536);
        c->z.next_out = (Bytef *)out->p + out->len;
        c->z.avail_out = (uInt)(out->cap - out->len - 1);
        int rc = deflate(&c->z, flush);
        out->len = (size_t)((char *)c->z.next_out - out->p);
        if (rc == Z_STREAM_END || (c->z.avail_in == 0 && c->z.avail_out > 0 && flush != Z_FINISH))
            break;
        if (rc == Z_BUF_ERROR && c->z.avail_in == 0 && flush == Z_NO_FLUSH)
            break;
    }
}

static void put_zstd(struct compressor *c, const char *p, size_t n, enum compress_step step,
                     struct buf *out)
{
    ZSTD_EndDirective end = step == COMPRESS_END ? ZSTD_e_end
                          : step == COMPRESS_FLUSH ? ZSTD_e_flush : ZSTD_e_continue;
    ZSTD_inBuffer in = { p, n, 0 };
    for (;;) {
        buf_reserve(out, 65536);
        ZSTD_outBuffer o = { out->p + out->len, out->cap - out->len - 1, 0 };
        size_t left = ZSTD_compressStream2(c->zs, &o, &in, end);
        out->len += o.pos;
        if (ZSTD_isError(left))
            xalloc_die_errno(); /* only out of memory can fail here */
        if (end == ZSTD_e_continue ? in.pos == in.size : left == 0)
            break;
    }
}

void compressor_put(struct compressor *c, const char *p, size_t n, enum compress_step step,
                    struct buf *out)
{
    if (c->kind == COMPRESS_GZIP)
        put_gzip(c, p, n, step, out);
    else if (c->kind == COMPRESS_ZSTD)
        put_zstd(c, p, n, step, out);
    else
        buf_append(out, p, n);
}

const char *compress_suffix(enum compress_kind kind)
{
    return kind == COMPRESS_GZIP ? ".gz" : kind == COMPRESS_ZSTD ? ".zst" : "";
}

int compress_parse(const char *name)
{
    if (!strcmp(name, "gzip") || !strcmp(name, "gz"))
        return COMPRESS_GZIP;
    if (!strcmp(name, "zstd") || !strcmp(name, "zst"))
        return COMPRESS_ZSTD;
    if (!strcmp(name, "none"))
        return COMPRESS_NONE;
    return -1;
}
