/* Check suite for batch: with several workers, documents of very
 * different sizes come out in input order, byte for byte as one worker
 * writes them; JSON Lines too. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "io.h"
#include "rules.h"
#include "stats.h"
#include "check_run.h"

static const char *PACK = "stopwords của và là có được trong cho với các những một đã không\n";

/* NUL-separated documents: document i is seed page i % 5 (a real page),
 * followed by i % 7 * 200 lines after its end, so some take longer. */
static void make_docs(struct buf *in, int n)
{
    struct buf page = BUF_INIT;
    for (int i = 0; i < n; i++) {
        char path[64];
        snprintf(path, sizeof path, "fixtures/seed-%03d.in.txt", i % 5);
        ck_assert_int_eq(io_read_file(path, &page, NULL, 0), 0);
        buf_append(in, page.p, page.len);
        for (int s = 0; s < (i % 7) * 200; s++)
            buf_append(in, "Liên hệ quảng cáo\n", strlen("Liên hệ quảng cáo\n"));
        buf_putc(in, '\0');
    }
    buf_free(&page);
}

static void run(const struct rule_set *rs, enum batch_input input, unsigned jobs,
                const struct buf *in, struct buf *out)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(in->p, 1, in->len, f), in->len);
    fflush(f);
    rewind(f);
    struct pipeline_opts po = { .mode = OUT_TEXT, .nul_data = input == BATCH_NUL };
    struct batch_opts bo;
    memset(&bo, 0, sizeof bo);
    bo.input = input;
    bo.jobs = jobs;
    bo.field = "text";
    bo.popts = &po;
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct batch *b = batch_new(&bo, rs, &lim);
    struct io_writer w, err;
    struct buf errs = BUF_INIT;
    out->len = 0;
    io_writer_init_mem(&w, out);
    io_writer_init_mem(&err, &errs);
    struct source *src = source_new(fileno(f));
    ck_assert_int_eq(batch_run_stream(b, src, "t", &w, NULL, &err), 0);
    source_free(src);
    io_writer_close(&w);
    io_writer_close(&err);
    ck_assert_uint_eq(errs.len, 0);
    batch_free(b);
    buf_free(&errs);
    fclose(f);
}

START_TEST(documents_come_out_in_input_order)
{
    struct rule_set rs;
    rules_init(&rs);
    struct cleaner_err e = { 0 };
    ck_assert_int_eq(rules_load_string(&rs, "t.rules", PACK, strlen(PACK), &e), 0);
    rules_finish(&rs);
    struct buf in = BUF_INIT, one = BUF_INIT, many = BUF_INIT;
    make_docs(&in, 60);
    run(&rs, BATCH_NUL, 1, &in, &one);
    run(&rs, BATCH_NUL, 4, &in, &many);
    ck_assert_uint_eq(one.len, many.len);
    ck_assert(!memcmp(one.p, many.p, one.len));
    /* and the order is the input's: result i is seed i % 5's */
    size_t start[61], k = 0;
    start[k++] = 0;
    for (size_t i = 0; i < one.len && k <= 60; i++)
        if (one.p[i] == '\0')
            start[k++] = i + 1;
    ck_assert_uint_eq(k, 61);
    for (int i = 0; i + 1 < 60; i++) {
        size_t len_i = start[i + 1] - start[i], len_next = start[i + 2] - start[i + 1];
        ck_assert(len_i != len_next || memcmp(one.p + start[i], one.p + start[i + 1], len_i));
        if (i + 5 < 60) {
            size_t len_5 = start[i + 6] - start[i + 5];
            ck_assert_uint_eq(len_i, len_5);
            ck_assert(!memcmp(one.p + start[i], one.p + start[i + 5], len_i));
        }
    }
    /* JSON Lines: the same, one object per line */
    struct buf jl = BUF_INIT;
    for (int i = 0; i < 200; i++) {
        char line[128];
        int w = snprintf(line, sizeof line, "{\"i\":%d,\"text\":\"Bài số %d\\n%s\"}\n", i, i,
                         i % 3 ? "Chính quyền thành phố đã công bố kế hoạch mở rộng mạng lưới."
                               : "x");
        buf_append(&jl, line, (size_t)w);
    }
    run(&rs, BATCH_JSONL, 1, &jl, &one);
    run(&rs, BATCH_JSONL, 3, &jl, &many);
    ck_assert_uint_eq(one.len, many.len);
    ck_assert(!memcmp(one.p, many.p, one.len));
    buf_free(&jl);
    buf_free(&in);
    buf_free(&one);
    buf_free(&many);
    rules_free(&rs);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("batch");
    TCase *t = tcase_create("core");
    tcase_add_test(t, documents_come_out_in_input_order);
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(suite());
}
