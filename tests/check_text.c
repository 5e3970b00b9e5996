/* Check suite for text: repair, normal form, words, folding. */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "buf.h"
#include "text.h"
#include "check_run.h"

static struct buf out, scratch;

static void setup(void)
{
    memset(&out, 0, sizeof out);
    memset(&scratch, 0, sizeof scratch);
}

static void teardown(void)
{
    buf_free(&out);
    buf_free(&scratch);
}

static const char *norm(const char *s, size_t n, size_t *repairs)
{
    size_t r = text_normalize(s, n, &out, &scratch);
    if (repairs)
        *repairs = r;
    return buf_cstr(&out);
}

#define NORM(lit) norm(lit, sizeof lit - 1, NULL)

START_TEST(spaces_are_collapsed_and_trimmed)
{
    ck_assert_str_eq(NORM("  a \t b  "), "a b");
    ck_assert_str_eq(NORM("a\xC2\xA0\xC2\xA0" "b"), "a b");          /* NBSP */
    ck_assert_str_eq(NORM("a\xE2\x80\x83" "b\xE3\x80\x80"), "a b");   /* em space, ideographic */
    ck_assert_str_eq(NORM("\xE2\x80\xAF" "x"), "x");                   /* narrow NBSP leading */
    ck_assert_str_eq(NORM(""), "");
    ck_assert_str_eq(NORM(" \t "), "");
}
END_TEST

START_TEST(controls_and_nul_become_space)
{
    ck_assert_str_eq(norm("a\0b", 3, NULL), "a b");
    ck_assert_str_eq(NORM("a\x01\x1f" "b\x7f"), "a b");
    ck_assert_str_eq(NORM("a\xC2\x85" "b"), "a b"); /* NEL */
}
END_TEST

START_TEST(invisible_characters_are_removed)
{
    ck_assert_str_eq(NORM("a\xE2\x80\x8B" "b"), "ab");     /* ZWSP */
    ck_assert_str_eq(NORM("\xEF\xBB\xBF" "a"), "a");        /* BOM */
}
END_TEST

/* Character references a tool left in the text read as their characters
 * (Debian html2text writes "&#x27;"); anything else with "&" stays. */
START_TEST(character_references_are_decoded)
{
    ck_assert_str_eq(NORM("It&#x27;s &quot;new&quot; &amp; &#39;old&#39;"),
                     "It's \"new\" & 'old'");
    ck_assert_str_eq(NORM("a&nbsp;&nbsp;b"), "a b");     /* a space, collapsed */
    ck_assert_str_eq(NORM("&#x1F600;"), "\xF0\x9F\x98\x80");
    ck_assert_str_eq(NORM("&#xE9;t&#233;"), "\xC3\xA9t\xC3\xA9");
    ck_assert_str_eq(NORM("e&#x301;"), "\xC3\xA9");     /* then NFC */
    /* not references: kept as written */
    ck_assert_str_eq(NORM("AT&T &bogus; &#0; &#xD800; &#12 &# & &;"),
                     "AT&T &bogus; &#0; &#xD800; &#12 &# & &;");
    ck_assert_str_eq(NORM("&#99999999;"), "&#99999999;");
}
END_TEST

START_TEST(nfd_becomes_nfc)
{
    /* "Việt" decomposed: e + circumflex + dot below */
    ck_assert_str_eq(NORM("Vie\xCC\x82\xCC\xA3t"), "Vi\xE1\xBB\x87t");
    /* marks in the other order compose to the same */
    ck_assert_str_eq(NORM("Vie\xCC\xA3\xCC\x82t"), "Vi\xE1\xBB\x87t");
    /* already NFC passes unchanged */
    ck_assert_str_eq(NORM("Vi\xE1\xBB\x87t Nam"), "Vi\xE1\xBB\x87t Nam");
}
END_TEST

/* The fast composition of a base letter and combining marks must give
 * exactly what libunistring's u8_normalize(NFC) gives, for every Latin
 * base with every mark of U+0300..U+036F, and every pair of the marks
 * Vietnamese uses, in both orders. */
static void nfc_agrees(ucs4_t base, const ucs4_t *marks, size_t nmarks)
{
    uint8_t in[64];
    size_t n = 0;
    in[n++] = 'x';
    n += (size_t)u8_uctomb(in + n, base, 8);
    for (size_t i = 0; i < nmarks; i++)
        n += (size_t)u8_uctomb(in + n, marks[i], 8);
    in[n++] = 'y';
    size_t want_len = 0;
    uint8_t *want = u8_normalize(UNINORM_NFC, in, n, NULL, &want_len);
    ck_assert_ptr_nonnull(want);
    norm((const char *)in, n, NULL);
    ck_assert_msg(out.len == want_len && !memcmp(out.p, want, want_len),
                  "NFC differs for U+%04X + %zu marks (first U+%04X)", (unsigned)base, nmarks,
                  (unsigned)marks[0]);
    free(want);
}

START_TEST(fast_composition_matches_libunistring)
{
    static const ucs4_t vi[] = { 0x300, 0x301, 0x303, 0x309, 0x323, 0x302, 0x306, 0x31B };
    for (ucs4_t base = 0x41; base < 0x250; base++) {
        if (!(base >= 0x41 && base <= 0x7A) && base < 0xC0)
            continue;
        for (ucs4_t m = 0x300; m <= 0x36F; m++)
            nfc_agrees(base, &m, 1);
        for (size_t i = 0; i < 8; i++)
            for (size_t j = 0; j < 8; j++) {
                ucs4_t two[2] = { vi[i], vi[j] };
                nfc_agrees(base, two, 2);
            }
    }
    for (ucs4_t base = 0x1E00; base <= 0x1EFF; base++)
        for (size_t i = 0; i < 8; i++) {
            nfc_agrees(base, &vi[i], 1);
            for (size_t j = 0; j < 8; j++) {
                ucs4_t two[2] = { vi[i], vi[j] };
                nfc_agrees(base, two, 2);
            }
        }
}
END_TEST

START_TEST(invalid_utf8_is_repaired)
{
    size_t r;
    /* stray continuation byte */
    ck_assert_str_eq(norm("a\x80" "b", 3, &r), "a\xEF\xBF\xBD" "b");
    ck_assert_uint_eq(r, 1);
    /* overlong encoding of '/': C0 AF: two maximal subparts */
    ck_assert_str_eq(norm("\xC0\xAF", 2, &r), "\xEF\xBF\xBD\xEF\xBF\xBD");
    ck_assert_uint_eq(r, 2);
    /* UTF-16 surrogate encoded in UTF-8: ED A0 80 -> three */
    ck_assert_str_eq(norm("\xED\xA0\x80", 3, &r), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    ck_assert_uint_eq(r, 3);
    /* truncated three-byte sequence at the end: one subpart */
    ck_assert_str_eq(norm("x\xE1\xBB", 3, &r), "x\xEF\xBF\xBD");
    ck_assert_uint_eq(r, 1);
    /* above U+10FFFF: F4 90 80 80 -> four */
    norm("\xF4\x90\x80\x80", 4, &r);
    ck_assert_uint_eq(r, 4);
    /* F5 is never valid */
    norm("\xF5", 1, &r);
    ck_assert_uint_eq(r, 1);
}
END_TEST

START_TEST(repair_only_replaces_bad_bytes)
{
    struct buf o = BUF_INIT;
    /* spaces, tabs and a NUL stay as they are; only bad bytes change */
    ck_assert_uint_eq(text_repair("a  \t\0b\xFF\xC0\xAF" "c\xE1\xBB", 12, &o), 4);
    ck_assert_uint_eq(o.len, 6 + 3 * 3 + 1 + 3);
    ck_assert_int_eq(memcmp(o.p, "a  \t\0b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD", o.len), 0);
    /* valid text: the same bytes, nothing counted */
    ck_assert_uint_eq(text_repair("Vi\xE1\xBB\x87t", 6, &o), 0);
    ck_assert_uint_eq(o.len, 6);
    ck_assert_uint_eq(text_repair("", 0, &o), 0);
    ck_assert_uint_eq(o.len, 0);
    buf_free(&o);
}
END_TEST

START_TEST(replacements_then_ascii_fit)
{
    /* found by fuzzing: each bad byte becomes three, then plain ASCII
       follows; the output must grow, not overflow */
    char in[400];
    memset(in, 0xFF, 100);
    memset(in + 100, 'a', 300);
    size_t r;
    norm(in, sizeof in, &r);
    ck_assert_uint_eq(r, 100);
    ck_assert_uint_eq(out.len, 100 * 3 + 300);
    /* and the same after a valid multibyte character */
    char in2[404];
    memcpy(in2, "\xC3\xA0", 2);
    memset(in2 + 2, 0xFF, 100);
    memset(in2 + 102, 'b', 302);
    norm(in2, sizeof in2, &r);
    ck_assert_uint_eq(out.len, 2 + 100 * 3 + 302);
}
END_TEST

START_TEST(words_are_letters_digits_and_marks)
{
    const char *s = "Ông Kim-Jong 25/4, “xin chào”!";
    size_t pos = 0, st, len, n = strlen(s);
    const char *want[] = { "Ông", "Kim", "Jong", "25", "4", "xin", "chào" };
    for (size_t i = 0; i < 7; i++) {
        ck_assert(text_next_word(s, n, &pos, &st, &len));
        ck_assert_uint_eq(len, strlen(want[i]));
        ck_assert(!memcmp(s + st, want[i], len));
    }
    ck_assert(!text_next_word(s, n, &pos, &st, &len));
}
END_TEST

START_TEST(words_lowered_in_one_pass)
{
    /* ASCII, precomposed Vietnamese, a letter whose lower case is longer
       in UTF-8 (U+023A -> U+2C65) and one that has none (U+00DF) */
    const char *s = "ĐẠI học, Kim-JONG \xC8\xBA\xC3\x9F 25/4";
    const char *want[] = { "đại", "học", "kim", "jong", "\xE2\xB1\xA5\xC3\x9F", "25", "4" };
    size_t pos = 0, n = strlen(s);
    struct buf lower = BUF_INIT;
    for (size_t i = 0; i < 7; i++) {
        size_t p2 = pos, st, len;
        ck_assert(text_next_word(s, n, &p2, &st, &len));
        ck_assert(text_next_word_lower(s, n, &pos, &out));
        ck_assert_uint_eq(pos, p2); /* the same words as text_next_word */
        text_lower_simple(s + st, len, &lower);
        ck_assert_str_eq(buf_cstr(&out), want[i]);
        ck_assert_str_eq(buf_cstr(&lower), want[i]);
    }
    ck_assert(!text_next_word_lower(s, n, &pos, &out));
    ck_assert_uint_eq(out.len, 0);
    buf_free(&lower);
}
END_TEST

/* Every code point of the plane, classified by the table (filled a block
 * at a time on first use), against libunistring; from two threads at
 * once, in opposite orders, so that blocks are filled while the other
 * thread reads. */
static void *classify_all(void *arg)
{
    int down = arg != NULL;
    for (uint32_t k = 0; k < 0x10000; k++) {
        uint32_t uc = down ? 0xFFFF - k : k;
        if (uc >= 0xD800 && uc <= 0xDFFF)
            continue;
        if (text_is_letter(uc) != (uc_is_alpha(uc) != 0) ||
            text_is_upper(uc) != (uc_is_upper(uc) || uc_is_general_category(uc, UC_CATEGORY_Lt)))
            return (void *)(uintptr_t)(uc + 1);
    }
    return NULL;
}

START_TEST(classes_match_libunistring_from_two_threads)
{
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, classify_all, (void *)1), 0);
    void *mine = classify_all(NULL), *theirs;
    pthread_join(t, &theirs);
    ck_assert_msg(!mine && !theirs, "code point U+%04lX classified wrongly",
                  (unsigned long)((uintptr_t)(mine ? mine : theirs) - 1));
}
END_TEST

START_TEST(casefold_and_lower)
{
    text_casefold("ĐẠI HỌC Straße", strlen("ĐẠI HỌC Straße"), &out);
    ck_assert_str_eq(buf_cstr(&out), "đại học strasse");
    text_lower("TIN LIÊN QUAN", 13 + 1, &out);
    ck_assert_str_eq(buf_cstr(&out), "tin liên quan");
}
END_TEST

START_TEST(addresses_and_markup_are_no_words)
{
    const char *yes[] = { "https://www.nrk.no/sport/", "www.presscouncil.org.za", "info@example.org",
                          "utm_source=x&y=z", ".in-text-link}", "#anchor", "<span" };
    const char *no[] = { "www", "Kubonakala", "0800727272", "z.B.", "e-mail", "" };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        ck_assert_msg(text_address_like(yes[i], strlen(yes[i])), "'%s' is an address", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        ck_assert_msg(!text_address_like(no[i], strlen(no[i])), "'%s' is a word", no[i]);
}
END_TEST

START_TEST(chars_counts_code_points)
{
    ck_assert_uint_eq(text_chars("Việt", strlen("Việt")), 4);
    ck_assert_uint_eq(text_chars("", 0), 0);
    /* eight bytes at a time: characters across the chunks, every lead */
    const char *vi = "Hà Nội – thủ đô nước Cộng hoà xã hội chủ nghĩa Việt Nam 😀 ok";
    for (size_t off = 0; off < 9; off++) {
        size_t want = 0; /* a byte at a time */
        for (const char *p = vi + off; *p; p++)
            want += ((unsigned char)*p & 0xC0) != 0x80;
        ck_assert_uint_eq(text_chars(vi + off, strlen(vi + off)), want);
    }
    ck_assert_uint_eq(text_chars(vi, strlen(vi)), 60);
    ck_assert_uint_eq(text_chars("\xC3\xA0\xC3\xA0\xC3\xA0\xC3\xA0\xC3\xA0", 10), 5);
    ck_assert_uint_eq(text_chars("\x80\xBF\xC0\xFF\x7F\x40\x00\x80\x80", 9), 5);
}
END_TEST

START_TEST(huge_line_is_not_truncated)
{
    size_t n = 10u << 20;
    char *s = malloc(n);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < n; i++)
        s[i] = (i % 7 == 6) ? ' ' : 'a';
    s[n - 2] = 'a';
    s[n - 1] = ' ';
    text_normalize(s, n, &out, &scratch);
    ck_assert_uint_eq(out.len, n - 1); /* the last byte is a space, trimmed */
    free(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("text");
    TCase *core = tcase_create("core");
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core, spaces_are_collapsed_and_trimmed);
    tcase_add_test(core, controls_and_nul_become_space);
    tcase_add_test(core, invisible_characters_are_removed);
    tcase_add_test(core, character_references_are_decoded);
    tcase_add_test(core, nfd_becomes_nfc);
    tcase_add_test(core, fast_composition_matches_libunistring);
    tcase_add_test(core, words_are_letters_digits_and_marks);
    tcase_add_test(core, casefold_and_lower);
    tcase_add_test(core, words_lowered_in_one_pass);
    tcase_add_test(core, classes_match_libunistring_from_two_threads);
    tcase_add_test(core, chars_counts_code_points);
    tcase_add_test(core, addresses_and_markup_are_no_words);
    suite_add_tcase(s, core);
    TCase *bad = tcase_create("bad-input");
    tcase_add_checked_fixture(bad, setup, teardown);
    tcase_add_test(bad, invalid_utf8_is_repaired);
    tcase_add_test(bad, replacements_then_ascii_fit);
    tcase_add_test(bad, repair_only_replaces_bad_bytes);
    tcase_add_test(bad, huge_line_is_not_truncated);
    tcase_set_timeout(bad, 30);
    suite_add_tcase(s, bad);
    return s;
}

int main(void)
{
    return check_run(suite());
}
