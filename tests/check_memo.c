/* Check suite for memo: lines found again byte for byte, two-way sets
 * that keep two colliding lines, the least recently used one replaced,
 * and the bounds (off, too long). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "memo.h"
#include "check_run.h"

/* Remember line s as the engine does, with words = its length. */
static void put(struct memo *m, const char *s)
{
    int hit;
    struct memo_slot *ms = memo_find(m, s, strlen(s), &hit);
    ck_assert_ptr_nonnull(ms);
    ck_assert(!hit);
    buf_set(&ms->raw, s, strlen(s));
    buf_set(&ms->norm, s, strlen(s));
    ms->f.words = (unsigned)strlen(s);
    ms->used = 1;
}

static int found(struct memo *m, const char *s)
{
    int hit;
    struct memo_slot *ms = memo_find(m, s, strlen(s), &hit);
    if (hit)
        ck_assert_uint_eq(ms->f.words, strlen(s));
    return hit;
}

START_TEST(a_line_is_found_again)
{
    struct memo m;
    memo_init(&m, 64, 100);
    ck_assert(!found(&m, "Trang chủ"));
    put(&m, "Trang chủ");
    ck_assert(found(&m, "Trang chủ"));
    ck_assert(!found(&m, "Trang chủ ")); /* other bytes: not the same line */
    ck_assert(!found(&m, "Trang ch"));
    memo_free(&m);
}
END_TEST

START_TEST(two_colliding_lines_both_stay)
{
    /* two slots: one set, so every line maps to it */
    struct memo m;
    memo_init(&m, 2, 100);
    ck_assert_uint_eq(m.n, 2);
    put(&m, "Thời sự");
    put(&m, "Kinh doanh");
    ck_assert(found(&m, "Thời sự"));
    ck_assert(found(&m, "Kinh doanh"));
    /* a third replaces the one used less recently: "Thời sự" */
    put(&m, "Thể thao");
    ck_assert(found(&m, "Kinh doanh"));
    ck_assert(found(&m, "Thể thao"));
    ck_assert(!found(&m, "Thời sự"));
    memo_free(&m);
}
END_TEST

START_TEST(off_and_long_lines_are_not_remembered)
{
    struct memo m;
    int hit = 1;
    memo_init(&m, 0, 100);
    ck_assert_ptr_null(memo_find(&m, "x", 1, &hit));
    ck_assert(!hit);
    memo_free(&m);
    memo_init(&m, 16, 4);
    ck_assert_ptr_null(memo_find(&m, "12345", 5, &hit));
    ck_assert_ptr_nonnull(memo_find(&m, "1234", 4, &hit));
    memo_free(&m);
}
END_TEST

START_TEST(many_lines_stay_bounded)
{
    /* more lines than slots: each is either found with its own value or
       not found; never another line's */
    struct memo m;
    memo_init(&m, 64, 100);
    char s[32];
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 1000; i++) {
            snprintf(s, sizeof s, "line %d", i);
            if (!found(&m, s))
                put(&m, s);
        }
    ck_assert_uint_eq(m.n, 64);
    memo_free(&m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("memo");
    TCase *core = tcase_create("core");
    tcase_add_test(core, a_line_is_found_again);
    tcase_add_test(core, two_colliding_lines_both_stay);
    tcase_add_test(core, off_and_long_lines_are_not_remembered);
    tcase_add_test(core, many_lines_stay_bounded);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return check_run(suite());
}
