/* Check suite for warc: the reader's events on good, broken and large
 * records (every byte comes back in order, memory stays bounded), and a
 * record's header read for what it is. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "source.h"
#include "warc.h"
#include "check_run.h"

static void record(struct buf *b, const char *type, const char *ctype, const char *uri,
                   size_t declared, const char *block, size_t n)
{
    char head[512];
    int k = snprintf(head, sizeof head,
                     "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\n"
                     "Content-Length: %zu\r\n\r\n", type, uri, ctype, declared);
    buf_append(b, head, (size_t)k);
    buf_append(b, block, n);
    buf_append(b, "\r\n\r\n", 4);
}

/* The events of reading data, one letter each (R record, B bad, P pass,
 * E error), into kinds; every byte they hand out, into back. */
struct reading {
    char kinds[64];
    size_t nkinds;
    struct buf back;
    size_t biggest;            /* the reader's buffer at its largest */
    char why[8][160];
    unsigned long long rec[8], off[8];
    size_t nbad;
};

static void read_all(const struct buf *data, struct reading *rd)
{
    memset(rd, 0, sizeof *rd);
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data->p, 1, data->len, f), data->len);
    fflush(f);
    rewind(f);
    struct source *src = source_new(fileno(f));
    struct warc_reader r;
    warc_reader_init(&r, src);
    for (;;) {
        const char *p;
        size_t n;
        char why[160];
        unsigned long long recno = 0, off = 0;
        enum warc_event ev = warc_next(&r, &p, &n, why, &recno, &off);
        if (ev == WARC_END)
            break;
        ck_assert_int_ne(ev, WARC_ERROR);
        char kind = ev == WARC_RECORD ? 'R' : ev == WARC_BAD ? 'B' : 'P';
        /* runs of pieces are counted as one letter */
        if (!(kind == 'P' && rd->nkinds && rd->kinds[rd->nkinds - 1] == 'P'))
            rd->kinds[rd->nkinds++] = kind;
        ck_assert_uint_lt(rd->nkinds, sizeof rd->kinds);
        if (ev == WARC_BAD && rd->nbad < 8) {
            snprintf(rd->why[rd->nbad], 160, "%s", why);
            rd->rec[rd->nbad] = recno;
            rd->off[rd->nbad++] = off;
        }
        buf_append(&rd->back, p, n);
        if (r.in.cap > rd->biggest)
            rd->biggest = r.in.cap;
    }
    warc_reader_free(&r);
    source_free(src);
    fclose(f);
}

/* Every byte read came back, in order; then both buffers are freed. */
static void all_back_and_free(struct reading *rd, struct buf *in)
{
    ck_assert_uint_eq(rd->back.len, in->len);
    ck_assert(!memcmp(rd->back.p, in->p, in->len));
    buf_free(in);
    buf_free(&rd->back);
}

START_TEST(good_records_come_whole)
{
    struct buf in = BUF_INIT;
    record(&in, "conversion", "text/plain", "https://a.example/", 5, "hello", 5);
    record(&in, "conversion", "text/plain", "https://a.example/2", 3, "abc", 3);
    struct reading rd;
    read_all(&in, &rd);
    ck_assert_str_eq(rd.kinds, "RR");
    all_back_and_free(&rd, &in);
}
END_TEST

START_TEST(a_wrong_huge_content_length_ends_at_the_next_record)
{
    struct buf in = BUF_INIT;
    record(&in, "conversion", "text/plain", "https://a.example/", 5, "hello", 5);
    size_t bad_at = in.len;
    record(&in, "conversion", "text/plain", "https://a.example/x", (size_t)1 << 49, "lost?", 5);
    size_t next_at = in.len;
    record(&in, "conversion", "text/plain", "https://a.example/2", 3, "abc", 3);
    struct reading rd;
    read_all(&in, &rd);
    ck_assert_str_eq(rd.kinds, "RBR");
    ck_assert_uint_eq(rd.rec[0], 2);
    ck_assert_uint_eq(rd.off[0], bad_at);
    char want[160];
    snprintf(want, sizeof want, "Content-Length %llu is wrong: the next record starts at byte %zu",
             1ULL << 49, next_at);
    ck_assert_str_eq(rd.why[0], want);
    all_back_and_free(&rd, &in);
}
END_TEST

START_TEST(garbage_passes_in_pieces)
{
    /* 20 MB with no newline, then a record: said once, passed through
       in pieces, never held whole */
    struct buf in = BUF_INIT;
    buf_reserve(&in, 21 << 20);
    memset(in.p, 'g', 20 << 20);
    in.len = 20 << 20;
    buf_putc(&in, '\n');
    record(&in, "conversion", "text/plain", "https://a.example/", 5, "hello", 5);
    struct reading rd;
    read_all(&in, &rd);
    ck_assert_str_eq(rd.kinds, "BPR");
    ck_assert_str_eq(rd.why[0], "not a WARC/1.0 or WARC/1.1 record");
    ck_assert_uint_lt(rd.biggest, 2 << 20);
    all_back_and_free(&rd, &in);
}
END_TEST

START_TEST(large_records_pass_in_pieces)
{
    /* a 9 MB image is passed through without a word; a 9 MB text is
       said not to be cleaned */
    size_t n = 9 << 20;
    char *block = malloc(n);
    ck_assert_ptr_nonnull(block);
    memset(block, 'i', n);
    struct buf in = BUF_INIT;
    record(&in, "resource", "image/jpeg", "https://a.example/i.jpg", n, block, n);
    record(&in, "conversion", "text/plain", "https://a.example/t", n, block, n);
    record(&in, "conversion", "text/plain", "https://a.example/2", 3, "abc", 3);
    free(block);
    struct reading rd;
    read_all(&in, &rd);
    ck_assert_str_eq(rd.kinds, "PBPR");
    ck_assert_str_eq(rd.why[0], "a text record larger than 8 MiB: not cleaned");
    ck_assert_uint_eq(rd.rec[0], 2);
    ck_assert_uint_lt(rd.biggest, 2 << 20);
    all_back_and_free(&rd, &in);
}
END_TEST

START_TEST(a_large_record_cut_short)
{
    struct buf in = BUF_INIT;
    record(&in, "resource", "image/jpeg", "https://a.example/i.jpg", 10 << 20, "short", 5);
    struct reading rd;
    read_all(&in, &rd);
    ck_assert_str_eq(rd.kinds, "PB");
    ck_assert_str_eq(rd.why[0], "the input ends inside the block (truncated)");
    all_back_and_free(&rd, &in);
}
END_TEST

START_TEST(what_a_record_is)
{
    struct buf in = BUF_INIT;
    record(&in, "resource", "text/plain", "<metadata://gnu.org/software/wget/log>", 3, "log", 3);
    struct warc_record rec;
    ck_assert_int_eq(warc_parse(in.p, in.len, &rec), 0);
    ck_assert_int_eq(rec.cleanable, 0); /* a tool's log, not a page */
    in.len = 0;
    record(&in, "response", "text/plain; charset=utf-8", "<https://a.example/>", 3, "abc", 3);
    ck_assert_int_eq(warc_parse(in.p, in.len, &rec), 0);
    ck_assert_int_eq(rec.cleanable, 1);
    ck_assert_uint_eq(rec.block_len, 3);
    struct buf v = BUF_INIT;
    ck_assert(warc_target_uri(&rec, &v));
    ck_assert_str_eq(v.p, "https://a.example/");
    buf_free(&v);
    buf_free(&in);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("warc");
    TCase *t = tcase_create("core");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, good_records_come_whole);
    tcase_add_test(t, a_wrong_huge_content_length_ends_at_the_next_record);
    tcase_add_test(t, garbage_passes_in_pieces);
    tcase_add_test(t, large_records_pass_in_pieces);
    tcase_add_test(t, a_large_record_cut_short);
    tcase_add_test(t, what_a_record_is);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(suite());
}
