/* Check suite for memo: lines found again byte for byte, two-way sets
 * that keep two colliding lines, the least recently used one replaced,
 * long lines taken in only when seen twice, lookups that take nothing in,
 * and the bounds (off, too long). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "memo.h"
#include "check_run.h"

/* A value that tells lines apart (FNV-1a of the text): what a slot holds
 * for a line is checked to be that line's, not another's of the same
 * length. */
static unsigned value_of(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Remember line s as the engine does, with words = its value. */
static void put(struct memo *m, const char *s)
{
    int hit;
    struct memo_slot *ms = memo_find(m, s, strlen(s), &hit);
    ck_assert_ptr_nonnull(ms);
    ck_assert(!hit);
    buf_set(&ms->raw, s, strlen(s));
    buf_set(&ms->norm, s, strlen(s));
    ms->f.words = value_of(s);
    ms->used = 1;
}

/* Find line s, or remember it in the slot the memo gives (one lookup,
 * as the engine does): whether it was found. */
static int found_or_put(struct memo *m, const char *s)
{
    int hit;
    struct memo_slot *ms = memo_find(m, s, strlen(s), &hit);
    ck_assert_ptr_nonnull(ms);
    if (hit) {
        ck_assert_uint_eq(ms->f.words, value_of(s));
        return 1;
    }
    buf_set(&ms->raw, s, strlen(s));
    ms->f.words = value_of(s);
    ms->used = 1;
    return 0;
}

static int found(struct memo *m, const char *s)
{
    int hit;
    struct memo_slot *ms = memo_find(m, s, strlen(s), &hit);
    if (hit)
        ck_assert_uint_eq(ms->f.words, value_of(s));
    return hit;
}

START_TEST(a_line_is_found_again)
{
    struct memo m;
    memo_init(&m, 64, 100, 100);
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
    memo_init(&m, 2, 100, 100);
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
    memo_init(&m, 0, 100, 100);
    ck_assert_ptr_null(memo_find(&m, "x", 1, &hit));
    ck_assert(!hit);
    memo_free(&m);
    memo_init(&m, 16, 4, 4);
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
    memo_init(&m, 64, 100, 100);
    char s[32];
    unsigned hits = 0;
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 1000; i++) {
            snprintf(s, sizeof s, "line %d", i);
            hits += (unsigned)found_or_put(&m, s);
        }
    /* 1,000 lines in turn through 64 slots: each line was pushed out
       before its turn came again */
    ck_assert_uint_eq(hits, 0);
    /* every slot holds one line, its own, and no more than that */
    size_t used = 0;
    for (size_t i = 0; i < m.n; i++) {
        const struct memo_slot *ms = &m.slot[i];
        if (!ms->used)
            continue;
        used++;
        ck_assert_uint_le(ms->raw.len, 100);
        ck_assert_uint_eq(ms->f.words, value_of(buf_cstr((struct buf *)&ms->raw)));
    }
    ck_assert_uint_eq(used, 64);
    /* the lines put last are still there */
    ck_assert(found(&m, "line 999"));
    ck_assert(found(&m, "line 998"));
    memo_free(&m);
}
END_TEST

START_TEST(long_lines_wait_for_a_second_sight)
{
    /* lines over 16 bytes (short_line) are taken in when seen again: a
       line of article text seen once costs a hash, no copy, and does not
       push a short line out */
    struct memo m;
    int hit;
    memo_init(&m, 2, 16, 100);
    put(&m, "Thời sự");
    put(&m, "Kinh doanh");
    const char *l1 = "Một câu dài của bài báo, chỉ có một lần.";
    const char *l2 = "Một câu dài khác của bài báo, cũng một lần.";
    ck_assert_ptr_null(memo_find(&m, l1, strlen(l1), &hit));
    ck_assert_ptr_null(memo_find(&m, l2, strlen(l2), &hit));
    ck_assert(found(&m, "Thời sự")); /* nothing pushed out */
    ck_assert(found(&m, "Kinh doanh"));
    /* the second sight: a slot to fill, then found */
    ck_assert(!found_or_put(&m, l1));
    ck_assert(found(&m, l1));
    memo_free(&m);
}
END_TEST

START_TEST(a_lookup_takes_nothing_in)
{
    struct memo m;
    int hit;
    memo_init(&m, 2, 16, 100);
    const char *l = "Một câu dài của bài báo, chỉ có một lần.";
    /* looked up (the language sample) any number of times: still a
       first sight for memo_find */
    ck_assert_ptr_null(memo_lookup(&m, l, strlen(l)));
    ck_assert_ptr_null(memo_lookup(&m, l, strlen(l)));
    ck_assert_ptr_null(memo_find(&m, l, strlen(l), &hit));
    put(&m, "Thời sự");
    const struct memo_slot *s = memo_lookup(&m, "Thời sự", strlen("Thời sự"));
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->f.words, value_of("Thời sự"));
    ck_assert_ptr_null(memo_lookup(&m, "Thời s", strlen("Thời s")));
    memo_free(&m);
}
END_TEST

START_TEST(long_lines_hold_at_most_a_sixteenth)
{
    /* 32 slots: two may hold a long line; a third long line seen twice is
       not taken in, and a short line that takes a long one's slot frees
       its memory */
    struct memo m;
    int hit;
    memo_init(&m, 32, 16, 100);
    char s[3][64];
    for (int k = 0; k < 3; k++) {
        snprintf(s[k], sizeof s[k], "Một câu dài thứ %d của bài báo, nhắc lại.", k);
        ck_assert_ptr_null(memo_find(&m, s[k], strlen(s[k]), &hit)); /* first sight */
    }
    ck_assert(!found_or_put(&m, s[0]));
    ck_assert(!found_or_put(&m, s[1]));
    ck_assert_ptr_null(memo_find(&m, s[2], strlen(s[2]), &hit)); /* no room */
    ck_assert(found(&m, s[0]));
    ck_assert(found(&m, s[1]));
    ck_assert_uint_eq(m.longs, 2);
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
    tcase_add_test(core, long_lines_wait_for_a_second_sight);
    tcase_add_test(core, a_lookup_takes_nothing_in);
    tcase_add_test(core, long_lines_hold_at_most_a_sixteenth);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return check_run(suite());
}
