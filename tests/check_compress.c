/* Check suite for compress: gzip and zstd output decode to the input, one
 * stream per COMPRESS_END; a single piece of more than 4 GiB (zlib counts
 * in 32 bits) is compressed whole. */
#include <check.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <zlib.h>
#include <zstd.h>

#include "buf.h"
#include "compress.h"
#include "check_run.h"

/* Inflate all gzip members in p[0..n): total size out, the last 8 bytes
 * in tail; returns the number of members. */
static int gunzip_count(const char *p, size_t n, uint64_t *total, char tail[8])
{
    static unsigned char win[1 << 16];
    int members = 0;
    *total = 0;
    while (n) {
        z_stream z;
        memset(&z, 0, sizeof z);
        ck_assert_int_eq(inflateInit2(&z, 31), Z_OK);
        z.next_in = (Bytef *)p;
        z.avail_in = (uInt)n;
        int rc;
        do {
            z.next_out = win;
            z.avail_out = sizeof win;
            rc = inflate(&z, Z_NO_FLUSH);
            ck_assert(rc == Z_OK || rc == Z_STREAM_END);
            size_t got = sizeof win - z.avail_out;
            *total += got;
            if (got >= 8)
                memcpy(tail, win + got - 8, 8);
        } while (rc != Z_STREAM_END);
        size_t used = n - z.avail_in;
        p += used;
        n -= used;
        inflateEnd(&z);
        members++;
    }
    return members;
}

START_TEST(gzip_and_zstd_decode_to_the_input)
{
    const char *text = "Hà Nội\nmột dòng nữa\n";
    struct buf out = BUF_INIT;
    struct compressor *c = compressor_new(COMPRESS_GZIP);
    compressor_put(c, text, 10, COMPRESS_FLUSH, &out);
    compressor_put(c, text + 10, strlen(text) - 10, COMPRESS_END, &out);
    compressor_free(c);
    uint64_t total;
    char tail[8];
    ck_assert_int_eq(gunzip_count(out.p, out.len, &total, tail), 1);
    ck_assert_uint_eq(total, strlen(text));
    out.len = 0;
    c = compressor_new(COMPRESS_ZSTD);
    compressor_put(c, text, strlen(text), COMPRESS_END, &out);
    compressor_free(c);
    char back[64];
    size_t k = ZSTD_decompress(back, sizeof back, out.p, out.len);
    ck_assert(!ZSTD_isError(k));
    ck_assert_uint_eq(k, strlen(text));
    ck_assert_int_eq(memcmp(back, text, k), 0);
    buf_free(&out);
}
END_TEST

START_TEST(gzip_of_more_than_4_gib_in_one_piece)
{
    /* 4 GiB + 4 KiB of zero pages (not backed until written) and a tail */
    size_t n = ((size_t)1 << 32) + 4096;
    char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    ck_assert(p != MAP_FAILED);
    memcpy(p + n - 8, "the end!", 8);
    struct buf out = BUF_INIT;
    struct compressor *c = compressor_new(COMPRESS_GZIP);
    compressor_put(c, p, n, COMPRESS_END, &out);
    compressor_free(c);
    munmap(p, n);
    uint64_t total;
    char tail[8] = "";
    ck_assert_int_eq(gunzip_count(out.p, out.len, &total, tail), 1);
    ck_assert_uint_eq(total, n);
    ck_assert_int_eq(memcmp(tail, "the end!", 8), 0);
    buf_free(&out);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("compress");
    TCase *t = tcase_create("core");
    tcase_add_test(t, gzip_and_zstd_decode_to_the_input);
    tcase_add_test(t, gzip_of_more_than_4_gib_in_one_piece);
    tcase_set_timeout(t, 600);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(suite());
}
