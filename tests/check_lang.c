/* Check suite for language packs: "language CODE" files, a document's
 * language from its stop words, rules and settings seen only by the
 * documents of their language, and the errors of the directive. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "lang.h"
#include "rules.h"
#include "check_run.h"

static const char *PACKS =
    "drop any-lang /^Menu$/\n"
    "stopwords zz\n"
    "language de\n"
    "stopwords der die und das ist nicht ein eine mit von zu den\n"
    "drop de-share /^Artikel teilen$/\n"
    "detect body gap=7\n"
    "language en\n"
    "stopwords the and of to is a in that it for with was\n"
    "drop en-share /^Share this article$/\n";

static struct rule_set rs;

static void load(const char *text)
{
    rules_init(&rs);
    struct cleaner_err err = { 0 };
    ck_assert_int_eq(rules_load_string(&rs, "t.rules", text, strlen(text), &err), 0);
    rules_finish(&rs);
}

static int pick(const char *text)
{
    struct lang_sample s;
    memset(&s, 0, sizeof s);
    struct buf scratch = BUF_INIT;
    lang_sample_add(&rs, &s, text, strlen(text), &scratch);
    buf_free(&scratch);
    return lang_pick(&rs, &s);
}

START_TEST(packs_are_read)
{
    load(PACKS);
    ck_assert_uint_eq(rs.nlangs, 2);
    int de = rules_find_lang(&rs, "de"), en = rules_find_lang(&rs, "en");
    ck_assert_int_eq(de, 0);
    ck_assert_int_eq(en, 1);
    ck_assert_int_eq(rules_find_lang(&rs, "fr"), -1);
    /* settings and word lists: the generic ones with the pack's own */
    ck_assert_uint_eq(rs.langs[de].det.body_gap, 7);
    ck_assert_uint_eq(rs.langs[en].det.body_gap, rs.det.body_gap);
    ck_assert(word_list_has(&rs.langs[de].det.stopwords, "zz", 2));
    ck_assert(word_list_has(&rs.langs[de].det.stopwords, "und", 3));
    ck_assert(!word_list_has(&rs.langs[en].det.stopwords, "und", 3));
    ck_assert(!word_list_has(&rs.det.stopwords, "und", 3));
    /* recognition counts a pack's own words only */
    ck_assert(!word_list_has(&rs.langs[de].own_stopwords, "zz", 2));
    rules_free(&rs);
}
END_TEST

START_TEST(language_from_words)
{
    load(PACKS);
    ck_assert_int_eq(pick("Der Minister ist mit den Plänen nicht zufrieden und will das Gesetz "
                          "von Grund auf ändern, sagte eine Sprecherin."),
                     0);
    ck_assert_int_eq(pick("The minister is not happy with the plans and wants to change the law, "
                          "a spokeswoman said in a statement on Monday."),
                     1);
    ck_assert_int_eq(pick("Startseite Politik Sport Kultur Wetter"), -1); /* too few */
    /* the words of addresses do not count: "the", "and", "it", "is" */
    ck_assert_int_eq(pick("Der Minister ist mit den Plänen nicht zufrieden und will das Gesetz "
                          "https://x.org/the/and/of/to/is/a/in/that/it/for/with/was/the/and/of "
                          "the_and_of_to_is=1&a=in&that=it&for=with the@and.of.to.is.a.in.that.it"),
                     0);
    rules_free(&rs);
}
END_TEST

/* A long paragraph is not read to its end once the sample is clear: the
   sample stops at the first look (every LANG_CLEAR_STEP words) that finds
   it clear, and says so. */
START_TEST(a_clear_sample_stops_early)
{
    load(PACKS);
    char text[4096] = "";
    for (int k = 0; k < 40; k++)
        strcat(text, "the law and the plans of the minister, ");
    struct lang_sample s;
    memset(&s, 0, sizeof s);
    struct buf scratch = BUF_INIT;
    ck_assert_int_eq(lang_sample_add(&rs, &s, text, strlen(text), &scratch), 1);
    /* clear after 20 hits: at the look after word 32 (the first at 16
       has 10), not after all 320 words or the 400 of the sample */
    ck_assert_uint_eq(s.words, 2 * LANG_CLEAR_STEP);
    ck_assert_int_eq(lang_pick(&rs, &s), 1);
    /* a short line that is not clear says so */
    memset(&s, 0, sizeof s);
    ck_assert_int_eq(lang_sample_add(&rs, &s, "the law and the plans", 21, &scratch), 0);
    ck_assert_uint_eq(s.words, 5);
    buf_free(&scratch);
    rules_free(&rs);
}
END_TEST

START_TEST(rules_of_a_language_see_its_documents_only)
{
    load(PACKS);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &lim);
    const char *de = "Artikel teilen", *en = "Share this article", *menu = "Menu";
    for (size_t v = 0; v <= rs.nlangs; v++) {
        rules_matcher_set_view(&m, v);
        const struct rule *r = rules_match(&m, de, strlen(de));
        ck_assert(v == 1 ? r && !strcmp(r->name, "de-share") : r == NULL);
        r = rules_match(&m, en, strlen(en));
        ck_assert(v == 2 ? r && !strcmp(r->name, "en-share") : r == NULL);
        r = rules_match(&m, menu, strlen(menu));
        ck_assert(r && !strcmp(r->name, "any-lang"));
    }
    rules_matcher_free(&m);
    rules_free(&rs);
}
END_TEST

static struct buf got;

static void on_line(void *ctx, const struct line_out *l)
{
    (void)ctx;
    buf_append(&got, l->v == V_KEEP ? "k|" : "d|", 2);
}

START_TEST(the_engine_picks_and_forces_the_language)
{
    load(PACKS);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &lim);
    struct engine e;
    memset(&got, 0, sizeof got);
    engine_init(&e, &rs, &m, on_line, NULL);
    const char *doc = "Artikel teilen\nDer Minister ist mit den Plänen nicht zufrieden und will "
                      "das Gesetz ändern.\nDie Opposition ist dagegen und nennt das einen "
                      "Fehler der Regierung.\n";
    engine_begin(&e);
    engine_push_text(&e, doc, strlen(doc));
    engine_end(&e);
    ck_assert_str_eq(engine_language(&e), "de");
    ck_assert_str_eq(buf_cstr(&got), "d|k|k|");
    /* forced to no pack: the German rule does not apply */
    got.len = 0;
    struct engine_settings none = { .force_lang = -1 };
    engine_configure(&e, &none);
    engine_begin(&e);
    engine_push_text(&e, doc, strlen(doc));
    engine_end(&e);
    ck_assert_ptr_null(engine_language(&e));
    ck_assert_uint_eq(got.len, 6);
    engine_free(&e);
    rules_matcher_free(&m);
    rules_free(&rs);
    buf_free(&got);
}
END_TEST

START_TEST(bad_language_directives)
{
    static const struct {
        const char *text, *msg;
    } cases[] = {
        { "language\n", "language needs a code" },
        { "language DE\n", "bad language code 'DE'" },
        { "language de en\n", "language takes one code" },
        { "language de\ndetect body gap=x\n", "body.gap wants a whole number" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rules_init(&rs);
        struct cleaner_err err = { 0 };
        ck_assert_int_eq(rules_load_string(&rs, "t.rules", cases[i].text, strlen(cases[i].text), &err), -1);
        ck_assert_msg(strstr(err.msg, cases[i].msg), "'%s': %s", cases[i].text, err.msg);
        cleaner_err_free(&err);
        rules_free(&rs);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("lang");
    TCase *core = tcase_create("core");
    tcase_add_test(core, packs_are_read);
    tcase_add_test(core, language_from_words);
    tcase_add_test(core, a_clear_sample_stops_early);
    tcase_add_test(core, rules_of_a_language_see_its_documents_only);
    tcase_add_test(core, the_engine_picks_and_forces_the_language);
    tcase_add_test(core, bad_language_directives);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return check_run(suite());
}
