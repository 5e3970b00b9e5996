/* Check suite for rules: parsing, errors with file:line:col, matching
 * order, Unicode caseless flags, match limits, detector settings; and
 * strset, the set the stop words live in. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "rules_impl.h"
#include "strset.h"
#include "check_run.h"

static struct rule_set rs;
static struct cleaner_err err;

static void setup(void)
{
    rules_init(&rs);
    memset(&err, 0, sizeof err);
}

static void teardown(void)
{
    rules_free(&rs);
    cleaner_err_free(&err);
}

static int load(const char *text)
{
    int rc = rules_load_string(&rs, "t.rules", text, strlen(text), &err);
    if (rc == 0)
        rules_finish(&rs);
    return rc;
}

/* Expect text to fail at line:col with a message starting with msg. */
static void expect_error(const char *text, unsigned line, unsigned col, const char *msg)
{
    rules_free(&rs);
    rules_init(&rs);
    ck_assert_int_eq(load(text), -1);
    ck_assert_str_eq(err.file, "t.rules");
    ck_assert_uint_eq(err.line, line);
    ck_assert_uint_eq(err.col, col);
    ck_assert_msg(!strncmp(err.msg, msg, strlen(msg)), "message '%s' does not start with '%s'",
                  err.msg, msg);
}

START_TEST(parses_all_directives)
{
    ck_assert_int_eq(load("# comment\n"
                          "\n"
                          "  drop  ad   /^Quảng cáo/i\n"
                          "cut end /^HẾT$/\n"
                          "block box /^Tin liên quan$/\n"
                          "keep note /^Ghi chú:/\n"
                          "detect body gap=7 stop-ratio=0.3\n"
                          "detect teaser off\n"
                          "stopwords Của và\n"), 0);
    ck_assert_uint_eq(rs.n, 4);
    /* grouped by action: keep, cut, block, drop */
    ck_assert_str_eq(rs.rules[0].name, "note");
    ck_assert_str_eq(rs.rules[3].name, "ad");
    ck_assert_uint_eq(rs.rules[3].line, 3);
    ck_assert_uint_eq(rs.det.body_gap, 7);
    ck_assert(rs.det.body_stop_ratio > 0.29 && rs.det.body_stop_ratio < 0.31);
    ck_assert_int_eq(rs.det.on[DET_TEASER], 0);
    ck_assert(word_list_has(&rs.det.stopwords, "của", strlen("của")));
    ck_assert(word_list_has(&rs.det.stopwords, "và", strlen("và")));
}
END_TEST

START_TEST(pattern_may_contain_slashes)
{
    ck_assert_int_eq(load("drop date /^\\d+/\\d+/\\d{4}$/\n"), 0);
    ck_assert_str_eq(rs.rules[0].pattern, "^\\d+/\\d+/\\d{4}$");
}
END_TEST

START_TEST(errors_name_line_and_column)
{
    expect_error("drop x /(a/\n", 1, 11, "bad pattern: missing closing parenthesis");
    expect_error("\n\nfrobnicate x /a/\n", 3, 1, "unknown action 'frobnicate'");
    expect_error("drop a /x/\ndrop a /y/\n", 2, 6, "duplicate rule name 'a'");
    expect_error("drop a /x/z\n", 1, 11, "unknown flag 'z'");
    expect_error("drop a //\n", 1, 8, "empty pattern");
    expect_error("drop a x\n", 1, 8, "a pattern must start with '/'");
    expect_error("drop a /abc\n", 1, 8, "the pattern has no closing '/'");
    expect_error("drop\n", 1, 5, "drop: a rule needs a name");
    expect_error("drop bad!name /a/\n", 1, 6, "bad rule name");
    expect_error("detect nosuch on\n", 1, 8, "unknown detector 'nosuch'");
    expect_error("detect body gap=-1\n", 1, 13, "body.gap wants a whole number");
    expect_error("detect body wibble=1\n", 1, 13, "detector 'body' has no setting 'wibble'");
    expect_error("detect body sideways\n", 1, 13, "expected on, off or KEY=VALUE");
    expect_error("drop é /\xff/\n", 1, 9, "not valid UTF-8");
    /* columns count characters, not bytes */
    expect_error("drop vn /tiếng(/\n", 1, 16, "bad pattern");
}
END_TEST

START_TEST(missing_file_and_cycle)
{
    ck_assert_int_eq(rules_load(&rs, "/no/such/dir/x.rules", &err), -1);
    ck_assert_uint_eq(err.line, 0);
    ck_assert_str_eq(err.msg, "No such file or directory");
    cleaner_err_free(&err);
    ck_assert_int_eq(load("include /no/such/file.rules\n"), -1);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.col, 9);
    ck_assert(strstr(err.msg, "cannot include") != NULL);
}
END_TEST

START_TEST(match_order_keep_cut_block_drop)
{
    ck_assert_int_eq(load("drop d /a/\nblock b /a/\ncut c /a/\nkeep k /ab/\n"), 0);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &lim);
    ck_assert_str_eq(rules_match(&m, "xab", 3)->name, "k");
    ck_assert_str_eq(rules_match(&m, "xa", 2)->name, "c");
    ck_assert_ptr_null(rules_match(&m, "zz", 2));
    rules_matcher_free(&m);
}
END_TEST

START_TEST(caption_rules_come_last_and_word_lists_load)
{
    ck_assert_int_eq(load("caption credit /Ảnh: \\S+$/\ndrop ad /^Quảng cáo/\n"
                          "datewords Thứ Hai\ndurationwords TRƯỚC\n"), 0);
    ck_assert_uint_eq(rs.first[ACTION_CAPTION + 1] - rs.first[ACTION_CAPTION], 1);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &lim);
    const char *both = "Quảng cáo. Ảnh: X", *cap = "Cầu mới. Ảnh: X";
    ck_assert_str_eq(rules_match(&m, both, strlen(both))->name, "ad");
    ck_assert_int_eq(rules_match(&m, cap, strlen(cap))->action, ACTION_CAPTION);
    rules_matcher_free(&m);
    ck_assert(word_list_has(&rs.det.datewords, "thứ", strlen("thứ")));
    ck_assert(word_list_has(&rs.det.datewords, "hai", 3));
    ck_assert(word_list_has(&rs.det.durationwords, "trước", strlen("trước")));
    ck_assert(!word_list_has(&rs.det.stopwords, "hai", 3));
}
END_TEST

START_TEST(disable_removes_rules_and_switches_detectors)
{
    ck_assert_int_eq(rules_load_string(&rs, "t.rules", "drop a /x/\ndrop b /y/\n", 22, &err), 0);
    ck_assert_int_eq(rules_disable(&rs, "a"), 0);
    ck_assert_int_eq(rules_disable(&rs, "second-article"), 0);
    ck_assert_int_eq(rules_disable(&rs, "nosuch"), -1);
    rules_finish(&rs);
    ck_assert_uint_eq(rs.n, 1);
    ck_assert_str_eq(rs.rules[0].name, "b");
    ck_assert_int_eq(rs.det.on[DET_SECOND], 0);
    ck_assert_int_eq(rs.det.on[DET_ALT], 1);
}
END_TEST

START_TEST(settings_table_lists_every_default)
{
    struct buf t = BUF_INIT;
    detect_config_list(&rs.det, &t);
    const char *s = buf_cstr(&t);
    ck_assert_ptr_nonnull(strstr(s, "body.gap\t10\t1-1000\t"));
    ck_assert_ptr_nonnull(strstr(s, "caption.similarity\t0.85\t0-1\t"));
    ck_assert_ptr_nonnull(strstr(s, "window.lines\t4096\t"));
    char msg[256];
    ck_assert_int_eq(detect_config_set(&rs.det, "suggest", "cut-words", "4", msg, sizeof msg), 0);
    ck_assert_uint_eq(rs.det.suggest_cut_words, 4);
    ck_assert_int_eq(detect_config_set(&rs.det, "window", "lines", "8", msg, sizeof msg), -1);
    ck_assert_str_eq(msg, "window.lines wants a whole number from 16 to 1048576, not '8'");
    buf_free(&t);
}
END_TEST

/* A small deterministic generator (xorshift), so a failure repeats. */
static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* A random pattern over a small alphabet: literals (some Vietnamese),
 * classes, groups with alternation, quantifiers, anchors. */
static void random_pattern(struct buf *b)
{
    static const char *const atoms[] = { "a", "b", "tin", "Tin", "đ", "ữ", "[ab]", "\\d", "\\s",
                                         "\\p{Lu}", ".", "(a|b)", "(tin|bài)", "(?:x|y)", "\\.",
                                         " ", "k", "Đọc", "\\w", "[^\\p{L}]" };
    /* assertions take no quantifier */
    static const char *const asserts[] = { "\\b", "(?=a)", "(?!b)", "\\B" };
    static const char *const quant[] = { "", "", "", "*", "+", "?", "{1,2}" };
    b->len = 0;
    if (rnd(2))
        buf_putc(b, '^');
    unsigned n = 1 + rnd(4);
    for (unsigned i = 0; i < n; i++) {
        if (rnd(6) == 0) {
            const char *t = asserts[rnd(sizeof asserts / sizeof asserts[0])];
            buf_append(b, t, strlen(t));
        }
        const char *a = atoms[rnd(sizeof atoms / sizeof atoms[0])];
        buf_append(b, a, strlen(a));
        const char *q = quant[rnd(sizeof quant / sizeof quant[0])];
        buf_append(b, q, strlen(q));
    }
    if (rnd(3) == 0)
        buf_putc(b, '$');
}

/* A line of fewer than most pieces drawn from parts[0..n). */
static void random_text(struct buf *b, const char *const *parts, size_t n, unsigned most)
{
    b->len = 0;
    unsigned k = rnd(most);
    for (unsigned i = 0; i < k; i++) {
        const char *p = parts[rnd((unsigned)n)];
        buf_append(b, p, strlen(p));
    }
    buf_cstr(b);
}

static void random_line(struct buf *b)
{
    static const char *const parts[] = { "a", "b", "tin", "Tin", "bài", "đ", "ữ", "1", "42", " ",
                                         ".", "x", "y", "Đọc", "ĐỌC", "k", "K",
                                         "\xE2\x84\xAA" /* KELVIN SIGN, caseless k */ };
    random_text(b, parts, sizeof parts / sizeof parts[0], 8);
}

START_TEST(joined_and_separate_matching_agree)
{
    /* the joined alternations (one JIT match per action) must pick the
       same rule as trying every rule on its own, in order */
    struct buf text = BUF_INIT, pat = BUF_INIT, line = BUF_INIT;
    unsigned matched = 0, joined_sets = 0, gates = 0;
    static const char *const actions[] = { "drop", "cut", "block", "keep", "caption", "lead" };
    for (int set = 0; set < 20; set++) {
        text.len = 0;
        for (int r = 0; r < 40; r++) {
            random_pattern(&pat);
            char head[64];
            int n = snprintf(head, sizeof head, "%s r%d_%d /", actions[rnd(6)], set, r);
            buf_append(&text, head, (size_t)n);
            buf_append(&text, pat.p, pat.len);
            const char *end = rnd(4) ? "/\n" : "/i\n";
            buf_append(&text, end, strlen(end));
        }
        rules_free(&rs);
        rules_init(&rs);
        ck_assert_int_eq(rules_load_string(&rs, "t.rules", text.p, text.len, &err), 0);
        rules_finish(&rs);
        struct rule_limits lim = RULE_LIMITS_DEFAULT;
        struct rule_matcher joined, gated, separate;
        rules_matcher_init(&joined, &rs, &lim);
        rules_matcher_init(&gated, &rs, &lim);
        rules_matcher_init(&separate, &rs, &lim);
        joined.gate_after = (unsigned long long)-1; /* the full alternations only */
        gated.gate_after = 0; /* by the first character from the first line */
        separate.profile = 1; /* every rule on its own */
        for (int k = 0; k < 300; k++) {
            random_line(&line);
            const struct rule *a = rules_match(&joined, line.p, line.len);
            const struct rule *g = rules_match(&gated, line.p, line.len);
            const struct rule *b = rules_match(&separate, line.p, line.len);
            ck_assert_msg(a == b, "line '%s': joined %s, separate %s", line.p, a ? a->name : "none",
                          b ? b->name : "none");
            ck_assert_msg(g == b, "line '%s': gated %s, separate %s", line.p, g ? g->name : "none",
                          b ? b->name : "none");
            matched += a != NULL;
        }
        joined_sets += rs.views[0].combined[ACTION_DROP][0] || rs.views[0].combined[ACTION_DROP][1];
        gates += gated.gates[0] != NULL;
        rules_matcher_free(&joined);
        rules_matcher_free(&gated);
        rules_matcher_free(&separate);
    }
    /* not vacuous: many lines match, and the sets were joined */
    ck_assert_uint_gt(matched, 600);
    ck_assert_uint_ge(joined_sets, 15);
    ck_assert_uint_ge(gates, 15);
    buf_free(&text);
    buf_free(&pat);
    buf_free(&line);
}
END_TEST

START_TEST(tail_counts_the_longest_match)
{
    static const struct {
        const char *pattern;
        size_t chars;
    } cases[] = {
        { "(?<=\\D[^\\s\\d\\/])\\d{1,2}\\/\\d{1,2}\\/\\d{4}$", 10 },
        { "^No (data|videos? available|results?)\\.?$", 20 },
        { "(?<=\\s)©\\s*[^.!?:©]{1,40}$", 42 }, /* a run of white space is one */
        { "x\\s{0,5}$", 6 },
        { "a{2,3}$", 3 },
        { "(?i)abc$", 3 },
        { "(?i:ab|c)d$", 3 },
        { "(?=x)abc$", 3 },
        { "\\x{41}\\x41\\o{101}$", 3 },
        { "\\101$", 0 }, /* a back reference or octal: not walked */
        { "[]x]é{3}$", 4 },
        { "[[:alpha:]]{2}\\pL\\p{Lu}$", 4 },
        { "(?#note)ab\\z", 2 },
        { "a\\Z", 1 },
        { "a{x}$", 4 }, /* "{x}" is no quantifier: three characters */
        /* not known, or not ending every match at the end: 0 */
        { "a$|b$", 0 },
        { "ab", 0 },
        { "a$b", 0 },
        { "a$\\s*", 0 },
        { "a.*$", 0 },
        { "a+$", 0 },
        { "a{2,}$", 0 },
        { "a{,3}$", 0 },
        { "(a)\\1$", 0 },
        { "\\Ga$", 0 },
        { "\\Qa$\\E", 0 },
        { "(?<n>a)$", 0 },
        { "(?x)a b$", 0 },
        { "(*UTF)a$", 0 },
        { "\\Xa$", 0 },
        { "(a$", 0 },
        { "[a$", 0 },
        { "$", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(rules_tail_chars(cases[i].pattern, 0) == cases[i].chars, "%s: %zu, not %zu",
                      cases[i].pattern, rules_tail_chars(cases[i].pattern, 0), cases[i].chars);
    ck_assert_uint_eq(rules_tail_chars("a$", PCRE2_EXTENDED), 0);
    ck_assert_uint_eq(rules_tail_chars("a$", PCRE2_LITERAL), 0);
    /* the tail: three characters before the end; a line of up to twice
       that, or with white space that is not one space in the tail, is
       matched whole */
    ck_assert_uint_eq(rules_tail_start(3, "abcdefgh", 8), 5);
    ck_assert_uint_eq(rules_tail_start(2, "abcdé", 6), 3);
    ck_assert_uint_eq(rules_tail_start(6, "abcdef", 6), 0);
    ck_assert_uint_eq(rules_tail_start(5, "abcdefghij", 10), 0); /* twice the tail or less */
    ck_assert_uint_eq(rules_tail_start(3, "a  b cdef", 9), 6);
    ck_assert_uint_eq(rules_tail_start(4, "ab cd  ef", 9), 0);
    ck_assert_uint_eq(rules_tail_start(3, "abcdef  ", 8), 0);
    ck_assert_uint_eq(rules_tail_start(3, "abcd\tef", 7), 0);
    ck_assert_uint_eq(rules_tail_start(3, "abcdef\n", 7), 0);
    ck_assert_uint_eq(rules_tail_start(3, "abcd\xC2\xA0 ef", 9), 0);
    ck_assert_uint_eq(rules_tail_start(2, "abcde \xC2\xA0", 8), 0); /* across its start */
}
END_TEST

/* A line for tail matching: words, single spaces, and now and then white
 * space a normal form does not have. */
static void tail_line(struct buf *b)
{
    static const char *const parts[] = { "a", "b", "tin", "Đọc", "1", "42", "/", " ", " ", " ",
                                         ".", "x", ":", "©", "  ", "\t", "\xC2\xA0", "ữ" };
    random_text(b, parts, sizeof parts / sizeof parts[0], 24);
}

START_TEST(tail_matching_agrees_with_whole_lines)
{
    /* a rule whose matches end the line, tried on the tail only, says
       what it says tried on the whole line */
    struct buf pat = BUF_INIT, line = BUF_INIT;
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    unsigned tried = 0, matched = 0, tails = 0;
    for (int k = 0; k < 3000; k++) {
        random_pattern(&pat);
        if (!pat.len || pat.p[pat.len - 1] != '$')
            buf_putc(&pat, '$');
        buf_cstr(&pat);
        size_t chars = rules_tail_chars(pat.p, 0);
        if (!chars)
            continue;
        int ec;
        PCRE2_SIZE eo;
        uint32_t opts = PCRE2_UTF | PCRE2_UCP | (rnd(3) ? 0 : PCRE2_CASELESS);
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat.p, pat.len, opts, &ec, &eo, NULL);
        if (!code)
            continue;
        tried++;
        for (int j = 0; j < 100; j++) {
            tail_line(&line);
            size_t from = rules_tail_start(chars, line.p, line.len);
            tails += from > 0;
            int whole = pcre2_match(code, (PCRE2_SPTR)line.p, line.len, 0, 0, md, NULL);
            int tail = pcre2_match(code, (PCRE2_SPTR)line.p, line.len, from, 0, md, NULL);
            ck_assert_msg((whole >= 0) == (tail >= 0), "/%s/ on '%s' (tail from %zu): %d, %d",
                          pat.p, line.p, from, whole, tail);
            matched += whole >= 0;
        }
        pcre2_code_free(code);
    }
    /* not vacuous: many patterns have a tail, lines are cut, some match */
    ck_assert_uint_gt(tried, 500);
    ck_assert_uint_gt(tails, 20000);
    ck_assert_uint_gt(matched, 1000);
    pcre2_match_data_free(md);
    buf_free(&pat);
    buf_free(&line);
}
END_TEST

START_TEST(a_rule_alone_is_tried_on_lines_it_can_begin)
{
    /* a rule alone in its action, anchored: lines that begin with a byte
       no match begins with are not tried; the answers are those of trying
       every line (caseless and Unicode: "K", "k" and the Kelvin sign) */
    ck_assert_int_eq(load("credit copyright /^(©|\\(c\\)|Copyright\\b)/i\n"
                          "drop kelvin /^kelvin$/i\n"),
                     0);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct rule_matcher m, all;
    rules_matcher_init(&m, &rs, &lim);
    rules_matcher_init(&all, &rs, &lim);
    all.profile = 1;
    static const char *const lines[] = { "© 2024 Stadtanzeiger", "COPYRIGHT 2024", "(C) x",
                                         "copyright", "Text © 2024", "Kelvin", "kELVIN",
                                         "\xE2\x84\xAA" "elvin", "x kelvin", "", NULL };
    static const char *const want[] = { "copyright", "copyright", "copyright", "copyright", NULL,
                                        "kelvin", "kelvin", "kelvin", NULL, NULL };
    unsigned filtered = 0;
    for (int i = 0; lines[i]; i++) {
        const struct rule *a = rules_match(&m, lines[i], strlen(lines[i]));
        const struct rule *b = rules_match(&all, lines[i], strlen(lines[i]));
        ck_assert_msg(a == b, "'%s'", lines[i]);
        ck_assert_str_eq(a ? a->name : "none", want[i] ? want[i] : "none");
    }
    for (size_t r = 0; r < rs.n; r++)
        filtered += rs.rules[r].first_bytes != NULL;
    ck_assert_uint_ge(filtered, 1); /* not vacuous: a bitmap was there */
    rules_matcher_free(&m);
    rules_matcher_free(&all);
}
END_TEST

START_TEST(a_byte_needed_later_puts_a_rule_alone)
{
    /* "^Name / Agency": anchored, needs a "/" after its start: tried alone,
       behind a memchr, not in the anchored alternation every capital
       letter runs; "^(c)" needs its first byte: the gate sees to it */
    ck_assert_int_eq(load("credit agency /^\\p{Lu}\\w*\\s*\\/\\s*\\w+$/\n"
                          "credit paren /^\\(c\\) \\w+/\n"
                          "credit nav /^(Home|Menu)$/\n"),
                     0);
    ck_assert_int_eq(rs.rules[0].required, '/');
    ck_assert_int_eq(rs.rules[0].required_later, 1);
    ck_assert_int_eq(rs.rules[1].required, '(');
    ck_assert_int_eq(rs.rules[1].required_later, 0);
    ck_assert_int_eq(rs.rules[2].required, -1);
    const struct rule_view *v = rules_view(&rs, 0);
    ck_assert_int_eq(v->standalone[0], 1);
    ck_assert_int_eq(v->standalone[1], 0);
    ck_assert_int_eq(v->standalone[2], 0);
    ck_assert_ptr_nonnull(v->combined[ACTION_CREDIT][0]);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &lim);
    m.gate_after = 0;
    const char *yes = "Ammar / AP", *no = "Ammar Awad / AP", *paren = "(c) Reuters";
    ck_assert_ptr_eq(rules_match(&m, yes, strlen(yes)), &rs.rules[0]);
    ck_assert_ptr_null(rules_match(&m, no, strlen(no)));
    ck_assert_ptr_eq(rules_match(&m, paren, strlen(paren)), &rs.rules[1]);
    ck_assert_ptr_eq(rules_match(&m, "Menu", 4), &rs.rules[2]);
    rules_matcher_free(&m);
}
END_TEST

START_TEST(gate_keeps_what_can_match)
{
    /* caseless rules meet upper-case and other-script first letters; a
       rule with a look-ahead or \b is never left out; lines whose first
       letter no rule starts with run nothing anchored */
    ck_assert_int_eq(load("cut read-more /^đọc thêm$/i\n"
                          "drop kelvin /^kelvin$/i\n"
                          "drop ahead /^(?=Tin)\\w+ mới$/\n"
                          "drop word /^\\bBài\\b/\n"
                          "drop digits /^\\d+$/\n"),
                     0);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &lim);
    m.gate_after = 0;
    static const struct {
        const char *line, *rule;
    } cases[] = {
        { "ĐỌC THÊM", "read-more" },   { "Đọc thêm", "read-more" },
        { "\xE2\x84\xAA" "elvin", "kelvin" }, { "KELVIN", "kelvin" },
        { "Tin mới", "ahead" },         { "Bài viết", "word" },
        { "2026", "digits" },           { "Xin chào", NULL },
        { "đọc thêm nữa", NULL },       { "Ảnh: X", NULL },
    };
    for (int round = 0; round < 2; round++) /* the second time from the cache */
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            const struct rule *r = rules_match(&m, cases[i].line, strlen(cases[i].line));
            ck_assert_msg(cases[i].rule ? r && !strcmp(r->name, cases[i].rule) : !r,
                          "'%s': %s, want %s", cases[i].line, r ? r->name : "none",
                          cases[i].rule ? cases[i].rule : "none");
        }
    ck_assert_ptr_nonnull(m.gates[0]); /* made on the first line */
    rules_matcher_free(&m);
}
END_TEST

START_TEST(caseless_is_unicode)
{
    ck_assert_int_eq(load("cut related /^tin liên quan$/i\ndrop exact /^Đọc thêm$/\n"), 0);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &lim);
    const char *up = "TIN LIÊN QUAN";
    ck_assert_ptr_nonnull(rules_match(&m, up, strlen(up)));
    const char *low = "đọc thêm";
    ck_assert_ptr_null(rules_match(&m, low, strlen(low)));
    struct rule_matcher *one = &m;
    ck_assert_uint_eq(rules_counts(&one, 1, 0).hits, 1);
    rules_matcher_free(&m);
}
END_TEST

static int limit_calls;
static void on_limit(void *ctx, const struct rule *r, int code)
{
    (void)ctx;
    (void)code;
    ck_assert_str_eq(r->name, "evil");
    limit_calls++;
}

START_TEST(match_limit_means_no_match)
{
    ck_assert_int_eq(load("drop evil /^(a+)+$/\n"), 0);
    struct rule_limits lim = { 10000, 1000, 1000 };
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &lim);
    rules_matcher_on_limit(&m, on_limit, NULL, 0);
    char line[4096];
    memset(line, 'a', sizeof line - 1);
    line[sizeof line - 1] = 'b';
    limit_calls = 0;
    ck_assert_ptr_null(rules_match(&m, line, sizeof line));
    ck_assert_ptr_null(rules_match(&m, line, sizeof line));
    ck_assert_int_eq(limit_calls, 1); /* reported once */
    struct rule_matcher *one = &m;
    ck_assert_uint_eq(rules_counts(&one, 1, 0).limit_hits, 2);
    rules_matcher_free(&m);
}
END_TEST

START_TEST(thousands_of_rules_load)
{
    struct buf b = BUF_INIT;
    char line[64];
    for (int i = 0; i < 3000; i++) {
        int n = snprintf(line, sizeof line, "drop r%d /^word%d\\b/i\n", i, i);
        buf_append(&b, line, (size_t)n);
    }
    ck_assert_int_eq(rules_load_string(&rs, "many", b.p, b.len, &err), 0);
    ck_assert_uint_eq(rs.n, 3000);
    buf_free(&b);
}
END_TEST

START_TEST(strset_adds_once)
{
    struct strset s = STRSET_INIT;
    char key[16];
    for (int i = 0; i < 1000; i++) {
        int n = snprintf(key, sizeof key, "k%d", i);
        ck_assert_int_eq(strset_add(&s, key, (size_t)n), 1);
    }
    ck_assert_int_eq(strset_add(&s, "k7", 2), 0);
    ck_assert(strset_has(&s, "k999", 4));
    ck_assert(!strset_has(&s, "k1000", 5));
    ck_assert(strset_has(&s, "k1\0", 2));
    ck_assert_uint_eq(s.count, 1000);
    strset_free(&s);
    ck_assert(!strset_has(&s, "k1", 2));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("rules");
    TCase *core = tcase_create("core");
    tcase_add_checked_fixture(core, setup, teardown);
    tcase_add_test(core, parses_all_directives);
    tcase_add_test(core, pattern_may_contain_slashes);
    tcase_add_test(core, match_order_keep_cut_block_drop);
    tcase_add_test(core, caseless_is_unicode);
    tcase_add_test(core, a_byte_needed_later_puts_a_rule_alone);
    tcase_add_test(core, a_rule_alone_is_tried_on_lines_it_can_begin);
    tcase_add_test(core, gate_keeps_what_can_match);
    tcase_add_test(core, joined_and_separate_matching_agree);
    tcase_add_test(core, tail_counts_the_longest_match);
    tcase_add_test(core, tail_matching_agrees_with_whole_lines);
    tcase_add_test(core, caption_rules_come_last_and_word_lists_load);
    tcase_add_test(core, disable_removes_rules_and_switches_detectors);
    tcase_add_test(core, settings_table_lists_every_default);
    tcase_add_test(core, strset_adds_once);
    suite_add_tcase(s, core);
    TCase *errors = tcase_create("errors");
    tcase_add_checked_fixture(errors, setup, teardown);
    tcase_add_test(errors, errors_name_line_and_column);
    tcase_add_test(errors, missing_file_and_cycle);
    suite_add_tcase(s, errors);
    TCase *limits = tcase_create("limits");
    tcase_add_checked_fixture(limits, setup, teardown);
    tcase_add_test(limits, match_limit_means_no_match);
    tcase_add_test(limits, thousands_of_rules_load);
    tcase_set_timeout(limits, 30);
    suite_add_tcase(s, limits);
    return s;
}

int main(void)
{
    return check_run(suite());
}
