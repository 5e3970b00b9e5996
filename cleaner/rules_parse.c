/* rules_parse: one rule file's text into rules, detector settings and
 * word lists. Grammar, one directive per line ("#" starts a comment line):
 *   drop|cut|block|keep|credit|caption|lead NAME /PATTERN/FLAGS
 *   include PATH
 *   detect DETECTOR on|off|KEY=VALUE ...
 *   stopwords|datewords|durationwords WORD ...
 * The pattern runs from the first "/" to the last "/" on the line, so it
 * needs no escaping; FLAGS are i (Unicode caseless), x (extended) and
 * l (literal text). Errors name file, line and column. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "buf.h"
#include "io.h"
#include "rules_impl.h"
#include "text.h"
#include "xalloc.h"

static void skip_space(struct cursor *c)
{
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t'))
        c->i++;
}

/* Next run of non-blank bytes; returns its length (0 at end). */
static size_t word(struct cursor *c, size_t *start)
{
    skip_space(c);
    *start = c->i;
    while (c->i < c->n && c->s[c->i] != ' ' && c->s[c->i] != '\t')
        c->i++;
    return c->i - *start;
}

static int fail(struct cursor *c, struct cleaner_err *err, size_t byte, const char *fmt,
                const char *arg)
{
    rules_set_err(err, c->file, c->line, cursor_col(c, byte), c->s, c->n, fmt, arg);
    return -1;
}

static int valid_name(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_' || ch == '.'))
            return 0;
    }
    return n > 0;
}

static const struct rule *find_rule(const struct rule_set *rs, const char *name, size_t n)
{
    for (size_t i = 0; i < rs->n; i++)
        if (strlen(rs->rules[i].name) == n && !memcmp(rs->rules[i].name, name, n))
            return &rs->rules[i];
    return NULL;
}

static int parse_rule(struct loader *ld, struct cursor *c, enum rule_action action,
                      const char *file_id, struct cleaner_err *err)
{
    struct rule_set *rs = ld->rs;
    size_t ns, nl = word(c, &ns);
    if (!nl)
        return fail(c, err, c->i, "%s: a rule needs a name and a /pattern/", rule_action_names[action]);
    if (!valid_name(c->s + ns, nl)) {
        char *bad = xmemdup0(c->s + ns, nl);
        int rc = fail(c, err, ns, "bad rule name '%s' (letters, digits, '-', '_', '.')", bad);
        free(bad);
        return rc;
    }
    const struct rule *dup = find_rule(rs, c->s + ns, nl);
    if (dup) {
        char where[PATH_MAX + 64];
        snprintf(where, sizeof where, "%.*s' (first defined at %s:%u", (int)nl, c->s + ns,
                 dup->file, dup->line);
        return fail(c, err, ns, "duplicate rule name '%s)", where);
    }
    skip_space(c);
    if (c->i >= c->n)
        return fail(c, err, c->i, "a rule needs a /pattern/ after its name%s", "");
    if (c->s[c->i] != '/')
        return fail(c, err, c->i, "a pattern must start with '/'%s", "");
    size_t ps = c->i + 1;
    size_t end = c->n;
    while (end > ps && (c->s[end - 1] == ' ' || c->s[end - 1] == '\t'))
        end--;
    size_t close = end;
    while (close > ps && c->s[close - 1] != '/')
        close--;
    if (close <= ps)
        return fail(c, err, c->i, "the pattern has no closing '/'%s", "");
    close--; /* at the closing slash */
    if (close == ps)
        return fail(c, err, c->i, "empty pattern%s", "");
    uint32_t opts = PCRE2_UTF | PCRE2_UCP;
    for (size_t k = close + 1; k < end; k++) {
        switch (c->s[k]) {
        case 'i': opts |= PCRE2_CASELESS; break;
        case 'x': opts |= PCRE2_EXTENDED; break;
        case 'l': opts |= PCRE2_LITERAL; break;
        default: {
            char f[8] = { 0 };
            size_t fl = 1;
            while (k + fl < end && ((unsigned char)c->s[k + fl] & 0xC0) == 0x80 && fl < 4)
                fl++;
            memcpy(f, c->s + k, fl);
            return fail(c, err, k, "unknown flag '%s' (flags are i, x and l)", f);
        }
        }
    }
    if ((opts & PCRE2_LITERAL) && (opts & PCRE2_EXTENDED))
        return fail(c, err, close + 1, "flags l and x cannot go together%s", "");
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)(c->s + ps), close - ps, opts, &ec, &eo, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return fail(c, err, ps + eo, "bad pattern: %s", (const char *)msg);
    }
    rs->rules = xgrow(rs->rules, &rs->cap, rs->n + 1, sizeof *rs->rules);
    struct rule *r = &rs->rules[rs->n++];
    r->jit = 0; /* JIT-compiled with the first view that holds it */
    r->action = action;
    r->name = xmemdup0(c->s + ns, nl);
    r->file = file_id;
    r->line = c->line;
    r->pattern = xmemdup0(c->s + ps, close - ps);
    r->flags = opts;
    r->code = code;
    r->required = rules_required_byte(code, &r->required_later);
    r->tail = rules_tail_chars(r->pattern, opts);
    r->first_bytes = rules_first_bytes(r);
    r->site = ld->site;
    r->lang = ld->lang;
    rs->has_site_rules |= r->site != NULL;
    return 0;
}

static int parse_detect(struct detect_config *det, struct cursor *c, struct cleaner_err *err)
{
    size_t ds, dl = word(c, &ds);
    if (!dl)
        return fail(c, err, c->i, "detect needs a detector name%s", "");
    char *name = xmemdup0(c->s + ds, dl);
    if (!detect_config_known(name)) {
        struct buf msg = BUF_INIT;
        buf_append(&msg, "unknown detector '%s' (", strlen("unknown detector '%s' ("));
        for (int k = 0; k < DET_COUNT; k++) {
            buf_append(&msg, detectors[k].name, strlen(detectors[k].name));
            buf_append(&msg, ", ", 2);
        }
        buf_append(&msg, "window, suggest)", strlen("window, suggest)") + 1);
        int rc = fail(c, err, ds, msg.p, name);
        buf_free(&msg);
        free(name);
        return rc;
    }
    size_t as, al;
    int rc = 0;
    while (rc == 0 && (al = word(c, &as)) > 0) {
        char *arg = xmemdup0(c->s + as, al);
        char *eq = strchr(arg, '=');
        if (!eq && (!strcmp(arg, "on") || !strcmp(arg, "off"))) {
            if (detect_config_enable(det, name, !strcmp(arg, "on")) < 0)
                rc = fail(c, err, as, "detector '%s' cannot be switched", name);
        } else if (!eq || eq == arg) {
            rc = fail(c, err, as, "expected on, off or KEY=VALUE, not '%s'", arg);
        } else {
            *eq = '\0';
            char msg[256];
            if (detect_config_set(det, name, arg, eq + 1, msg, sizeof msg) < 0)
                rc = fail(c, err, as, "%s", msg);
        }
        free(arg);
    }
    free(name);
    return rc;
}

int rules_apply_detect(struct detect_config *det, const char *text, size_t n,
                       struct cleaner_err *err)
{
    struct cursor c = { "(language settings)", 0, text, n, 0 };
    return parse_detect(det, &c, err);
}

/* "detect ..." in a language pack: checked now against a copy of the
 * settings, kept to be applied over the generic settings at the end
 * (rules_finish), whatever files come after. */
static int parse_lang_detect(struct loader *ld, struct cursor *c, struct cleaner_err *err)
{
    struct lang_pack *lp = &ld->rs->langs[ld->lang];
    struct detect_config scratch = ld->rs->det; /* settings only: no lists are changed */
    size_t from = c->i;
    if (parse_detect(&scratch, c, err) < 0)
        return -1;
    lp->settings = xgrow(lp->settings, &lp->settings_cap, lp->nsettings + 1, sizeof *lp->settings);
    lp->settings[lp->nsettings++] = xmemdup0(c->s + from, c->n - from);
    return 0;
}

/* "language CODE": the rules, word lists and settings from here to the end
 * of the file (and the files it includes) are for documents in language
 * CODE, recognised from their words. */
static int parse_language(struct loader *ld, struct cursor *c, struct cleaner_err *err)
{
    struct rule_set *rs = ld->rs;
    size_t cs, cl = word(c, &cs);
    if (!cl)
        return fail(c, err, c->i, "language needs a code (en, de, vi ...)%s", "");
    char *code = xmemdup0(c->s + cs, cl);
    int ok = cl <= 16;
    for (size_t k = 0; k < cl; k++)
        ok &= (code[k] >= 'a' && code[k] <= 'z') || code[k] == '-';
    if (!ok) {
        int rc = fail(c, err, cs, "bad language code '%s' (lower-case letters and '-')", code);
        free(code);
        return rc;
    }
    size_t es, el = word(c, &es);
    if (el) {
        free(code);
        return fail(c, err, es, "language takes one code%s", "");
    }
    int k = rules_find_lang(rs, code);
    if (k < 0) {
        if (rs->nlangs == 64) {
            free(code);
            return fail(c, err, cs, "more than 64 languages%s", "");
        }
        rs->langs = xgrow(rs->langs, &rs->langs_cap, rs->nlangs + 1, sizeof *rs->langs);
        struct lang_pack *lp = &rs->langs[rs->nlangs];
        memset(lp, 0, sizeof *lp);
        lp->code = code;
        k = (int)rs->nlangs++;
    } else {
        free(code);
    }
    ld->lang = k;
    return 0;
}

/* "stopwords WORD...", "datewords ...", "durationwords ...". */
static int parse_words(struct word_list *list, struct cursor *c)
{
    size_t ws, wl;
    struct buf low = BUF_INIT;
    while ((wl = word(c, &ws)) > 0)
        word_list_add(list, c->s + ws, wl, &low);
    buf_free(&low);
    return 0;
}

static int parse_include(struct loader *ld, struct cursor *c, const char *dir,
                         struct cleaner_err *err)
{
    skip_space(c);
    size_t ps = c->i, end = c->n;
    while (end > ps && (c->s[end - 1] == ' ' || c->s[end - 1] == '\t'))
        end--;
    if (end == ps)
        return fail(c, err, ps, "include needs a file name%s", "");
    char *rel = xmemdup0(c->s + ps, end - ps);
    char *full;
    if (rel[0] == '/') {
        full = rel;
    } else {
        full = xmalloc(strlen(dir) + strlen(rel) + 2);
        sprintf(full, "%s/%s", dir, rel);
        free(rel);
    }
    c->i = ps;
    int rc = rules_load_path(ld, full, full, c, err);
    free(full);
    return rc;
}

static int parse_line(struct loader *ld, struct cursor *c, const char *dir,
                      const char *file_id, struct cleaner_err *err)
{
    struct rule_set *rs = ld->rs;
    size_t ks, kl = word(c, &ks);
    if (!kl || c->s[ks] == '#')
        return 0;
    const char *k = c->s + ks;
    for (int a = 0; a < ACTION_COUNT; a++)
        if (kl == strlen(rule_action_names[a]) && !memcmp(k, rule_action_names[a], kl))
            return parse_rule(ld, c, (enum rule_action)a, file_id, err);
    if (kl == 7 && !memcmp(k, "include", 7))
        return parse_include(ld, c, dir, err);
    /* word lists and settings go to the language pack being read */
    struct detect_config *det = ld->lang < 0 ? &rs->det : &rs->langs[ld->lang].det;
    if (kl == 6 && !memcmp(k, "detect", 6))
        return ld->lang < 0 ? parse_detect(&rs->det, c, err) : parse_lang_detect(ld, c, err);
    if (kl == 8 && !memcmp(k, "language", 8))
        return parse_language(ld, c, err);
    if (kl == 9 && !memcmp(k, "stopwords", 9))
        return parse_words(&det->stopwords, c);
    if (kl == 9 && !memcmp(k, "datewords", 9))
        return parse_words(&det->datewords, c);
    if (kl == 13 && !memcmp(k, "durationwords", 13))
        return parse_words(&det->durationwords, c);
    char *w = xmemdup0(k, kl);
    int rc = fail(c, err, ks,
                  "unknown action '%s' (drop, cut, block, summary, keep, credit, caption, lead, "
                  "include, "
                  "detect, language, stopwords, datewords, durationwords)", w);
    free(w);
    return rc;
}

/* --- files and directories ------------------------------------------- */

static int parse_lines(struct loader *ld, const char *shown, const char *dir, const char *file_id,
                       const char *text, size_t len, struct cleaner_err *err);

int rules_parse_text(struct loader *ld, const char *shown, const char *dir, const char *file_id,
                     const char *text, size_t len, struct cleaner_err *err)
{
    /* a "language" directive holds to the end of its file */
    int lang = ld->lang;
    int rc = parse_lines(ld, shown, dir, file_id, text, len, err);
    ld->lang = lang;
    return rc;
}

static int parse_lines(struct loader *ld, const char *shown, const char *dir, const char *file_id,
                       const char *text, size_t len, struct cleaner_err *err)
{
    const uint8_t *bad = u8_check((const uint8_t *)text, len);
    unsigned lineno = 0;
    size_t i = 0;
    /* a byte-order mark some editors write is not part of the first line */
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        i = 3;
    for (size_t next; i < len; i += next) {
        size_t n = io_line(text + i, len - i, &next), e = i + n;
        lineno++;
        struct cursor c = { shown, lineno, text + i, n, 0 };
        if (bad && (const char *)bad >= text + i && (const char *)bad < text + e) {
            size_t off = (size_t)((const char *)bad - (text + i));
            rules_set_err(err, shown, lineno, (unsigned)off + 1, NULL, 0,
                    "not valid UTF-8 (byte 0x%02X)", (unsigned)*bad);
            err->col = (unsigned)text_chars(c.s, off) + 1;
            return -1;
        }
        const char *nul = memchr(c.s, '\0', n);
        if (nul) {
            size_t off = (size_t)(nul - c.s);
            rules_set_err(err, shown, lineno, (unsigned)text_chars(c.s, off) + 1, NULL, 0,
                    "NUL byte in rule file");
            return -1;
        }
        if (parse_line(ld, &c, dir, file_id, err) < 0)
            return -1;
    }
    return 0;
}

