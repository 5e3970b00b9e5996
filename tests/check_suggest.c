/* Check suite for suggest (--suggest-rules): lines that recur on enough
 * pages become drop rules with digits generalised; a short line that
 * always opens the tail after the article becomes a cut rule; lines a rule
 * already drops, or rare ones, are not suggested. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "rules.h"
#include "suggest.h"
#include "check_run.h"

#define BODY1 "Thành phố vừa công bố kế hoạch mở rộng mạng lưới xe buýt điện trong năm tới cho người dân."
#define BODY2 "Theo kế hoạch, các tuyến mới sẽ kết nối trung tâm với những khu dân cư ở phía tây và phía nam."

START_TEST(recurring_lines_become_rules)
{
    struct rule_set rs;
    rules_init(&rs);
    struct cleaner_err err = { 0 };
    const char *pack = "stopwords của và là có được trong cho với các những một đã không\n"
                       "drop known /^Quảng cáo$/\n";
    ck_assert_int_eq(rules_load_string(&rs, "t.rules", pack, strlen(pack), &err), 0);
    rules_finish(&rs);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &lim);
    struct suggest_opts o = { 0.5, 2, "ex" };
    struct suggest *sg = suggest_new(&rs, &m, &o);
    for (int i = 1; i <= 4; i++) {
        char page[2048];
        int n = snprintf(page, sizeof page,
                         "Trang chủ Ví dụ\nQuảng cáo\nLượt xem: %d\nTiêu đề bài số %d về xe buýt\n"
                         "%s\n%s\nĐọc tiếp nhé\nBài viết khác số %d\n%s\n",
                         100 + i * 7, i, BODY1, BODY2, i, i == 1 ? "Một dòng hiếm" : "");
        suggest_add_page(sg, page, (size_t)n);
    }
    struct buf out = BUF_INIT;
    suggest_write(sg, &out);
    const char *s = buf_cstr(&out);
    ck_assert_ptr_nonnull(strstr(s, "from 4 pages"));
    ck_assert_ptr_nonnull(strstr(s, "drop  ex-trang-chu-vi-du /^Trang chủ Ví dụ$/"));
    ck_assert_ptr_nonnull(strstr(s, "/^Lượt xem: \\d+$/"));
    /* the first recurring line after the article on every page: a tail */
    ck_assert_ptr_nonnull(strstr(s, "cut   ex-doc-tiep-nhe /^Đọc tiếp nhé$/"));
    /* already dropped by a rule, or on one page only: not suggested */
    ck_assert_ptr_null(strstr(s, "Quảng cáo"));
    ck_assert_ptr_null(strstr(s, "hiếm"));
    buf_free(&out);
    suggest_free(sg);
    rules_matcher_free(&m);
    rules_free(&rs);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("suggest");
    TCase *t = tcase_create("core");
    tcase_add_test(t, recurring_lines_become_rules);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(suite());
}
