/* Check suite for jsonl: the field is found and decoded, every other byte
 * of the line is kept when the cleaned string is spliced back, and the
 * URL host for site packs. */
#include <check.h>
#include <jansson.h>
#include <string.h>

#include "buf.h"
#include "jsonl.h"
#include "check_run.h"

static void splice(const char *line, const char *field, const char *clean, const char *want)
{
    struct jsonl_doc d = { BUF_INIT, BUF_INIT, 0, 0, 0 };
    struct buf msg = BUF_INIT, out = BUF_INIT;
    ck_assert_int_eq(jsonl_parse(line, strlen(line), field, NULL, &d, &msg), 0);
    jsonl_splice(line, &d, clean, strlen(clean), strlen(line), &out);
    ck_assert_str_eq(buf_cstr(&out), want);
    jsonl_doc_free(&d);
    buf_free(&msg);
    buf_free(&out);
}

START_TEST(splice_keeps_every_other_byte)
{
    splice("{\"id\":1,\"text\":\"a\\nb\",\"n\":0.10}", "text", "x", "{\"id\":1,\"text\":\"x\",\"n\":0.10}");
    /* spaces, escapes in other fields, key order, a duplicate key (the last wins) */
    splice("{ \"text\" : \"old\" , \"k\":\"\\u00e9\\/\", \"text\":\"z\" }", "text", "new",
           "{ \"text\" : \"old\" , \"k\":\"\\u00e9\\/\", \"text\":\"new\" }");
    /* an escaped key, quotes and control characters in the new text */
    splice("{\"te\\u0078t\":\"q\"}", "text", "say \"hi\"\n\t", "{\"te\\u0078t\":\"say \\\"hi\\\"\\n\\t\"}");
    /* a dotted path reaches into nested objects */
    splice("{\"m\":{\"text\":\"a\",\"u\":1},\"text\":\"b\"}", "m.text", "z",
           "{\"m\":{\"text\":\"z\",\"u\":1},\"text\":\"b\"}");
    /* nested objects before the field are skipped whole */
    splice("{\"meta\":{\"text\":\"inner\",\"a\":[1,{\"b\":\"}\"}]},\"text\":\"outer\"}", "text", "c",
           "{\"meta\":{\"text\":\"inner\",\"a\":[1,{\"b\":\"}\"}]},\"text\":\"c\"}");
}
END_TEST

START_TEST(spliced_line_parses_and_holds_the_new_string)
{
    const char *line = "{\"text\":\"\\u0000x\",\"u\":\"https://User@WWW.Example.vn:8080/a?b\"}";
    struct jsonl_doc d = { BUF_INIT, BUF_INIT, 0, 0, 0 };
    struct buf msg = BUF_INIT, out = BUF_INIT;
    ck_assert_int_eq(jsonl_parse(line, strlen(line), "text", "u", &d, &msg), 0);
    ck_assert_uint_eq(d.text.len, 2); /* the NUL and "x" */
    ck_assert_str_eq(buf_cstr(&d.host), "www.example.vn");
    ck_assert_int_eq(d.site_missing, 0);
    const char clean[] = "a\0b";
    jsonl_splice(line, &d, clean, 3, strlen(line), &out);
    json_t *j = json_loadb(out.p, out.len, JSON_ALLOW_NUL, NULL);
    ck_assert_ptr_nonnull(j);
    json_t *t = json_object_get(j, "text");
    ck_assert_uint_eq(json_string_length(t), 3);
    ck_assert(!memcmp(json_string_value(t), clean, 3));
    json_decref(j);
    /* a site field asked for and absent */
    const char *plain = "{\"text\":\"y\"}";
    ck_assert_int_eq(jsonl_parse(plain, strlen(plain), "text", "u", &d, &msg), 0);
    ck_assert_int_eq(d.site_missing, 1);
    jsonl_doc_free(&d);
    buf_free(&msg);
    buf_free(&out);
}
END_TEST

START_TEST(nul_in_another_field_is_kept)
{
    /* the fuzzer's line: a "\u0000" in the url, which is also the site
       field; the splice keeps it byte for byte and the line still parses */
    const char *line = "{\"url\":\"http ph\\u1ed1 c\\u0000f4ng s:/r/e.n/a\",\"text\":\"Th\u00e0nh!!\"}";
    struct jsonl_doc d = { BUF_INIT, BUF_INIT, 0, 0, 0 };
    struct buf msg = BUF_INIT, out = BUF_INIT;
    ck_assert_int_eq(jsonl_parse(line, strlen(line), "text", "url", &d, &msg), 0);
    jsonl_splice(line, &d, "x", 1, strlen(line), &out);
    ck_assert_str_eq(buf_cstr(&out),
                     "{\"url\":\"http ph\\u1ed1 c\\u0000f4ng s:/r/e.n/a\",\"text\":\"x\"}");
    json_t *j = json_loadb(out.p, out.len, JSON_ALLOW_NUL, NULL);
    ck_assert_ptr_nonnull(j);
    json_decref(j);
    jsonl_doc_free(&d);
    buf_free(&msg);
    buf_free(&out);
}
END_TEST

START_TEST(bad_lines_say_why)
{
    struct jsonl_doc d = { BUF_INIT, BUF_INIT, 0, 0, 0 };
    struct buf msg = BUF_INIT;
    const char *cases[][2] = {
        { "{\"text\":", "malformed JSON" },
        { "[1,2]", "not a JSON object" },
        { "{\"body\":\"x\"}", "no field 'text'" },
        { "{\"text\":3}", "field 'text' is not a string" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_int_eq(jsonl_parse(cases[i][0], strlen(cases[i][0]), "text", NULL, &d, &msg), -1);
        ck_assert_msg(strstr(buf_cstr(&msg), cases[i][1]) != NULL, "'%s': %s", cases[i][0], msg.p);
    }
    jsonl_doc_free(&d);
    buf_free(&msg);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("jsonl");
    TCase *t = tcase_create("core");
    tcase_add_test(t, splice_keeps_every_other_byte);
    tcase_add_test(t, spliced_line_parses_and_holds_the_new_string);
    tcase_add_test(t, nul_in_another_field_is_kept);
    tcase_add_test(t, bad_lines_say_why);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(suite());
}
