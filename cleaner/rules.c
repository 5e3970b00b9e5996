/* rules: parse rule files, compile patterns, match lines (see rules.h).
 *
 * Grammar, one directive per line ("#" starts a comment line):
 *   drop|cut|block|keep|caption|lead NAME /PATTERN/FLAGS
 *   include PATH
 *   detect DETECTOR on|off|KEY=VALUE ...
 *   stopwords|datewords|durationwords WORD ...
 * The pattern runs from the first "/" to the last "/" on the line, so it
 * needs no escaping; FLAGS are i (Unicode caseless), x (extended) and
 * l (literal text). */
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>

#include "buf.h"
#include "io.h"
#include "text.h"
#include "xalloc.h"

const char *const rule_action_names[ACTION_COUNT] = { "keep", "cut", "block", "drop", "caption", "lead" };

void cleaner_err_free(struct cleaner_err *e)
{
    free(e->file);
    free(e->msg);
    free(e->source);
    memset(e, 0, sizeof *e);
}

static void set_err(struct cleaner_err *e, const char *file, unsigned line, unsigned col,
                    const char *src, size_t srclen, const char *fmt, ...)
{
    cleaner_err_free(e);
    e->file = xstrdup(file);
    e->line = line;
    e->col = col;
    e->source = src ? xmemdup0(src, srclen) : NULL;
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    e->msg = xmalloc((size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(e->msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap2);
    va_end(ap2);
}

void rules_init(struct rule_set *rs)
{
    memset(rs, 0, sizeof *rs);
    detect_config_init(&rs->det);
}

int rules_disable(struct rule_set *rs, const char *name)
{
    if (detect_config_enable(&rs->det, name, 0) == 0)
        return 0;
    size_t k = 0, removed = 0;
    for (size_t i = 0; i < rs->n; i++) {
        struct rule *r = &rs->rules[i];
        if (!strcmp(r->name, name)) {
            free(r->name);
            free(r->pattern);
            pcre2_code_free(r->code);
            removed++;
            continue;
        }
        rs->rules[k++] = *r;
    }
    rs->n = k;
    return removed ? 0 : -1;
}

void rules_free(struct rule_set *rs)
{
    for (int a = 0; a < ACTION_COUNT; a++) {
        pcre2_code_free(rs->combined[a][0]);
        pcre2_code_free(rs->combined[a][1]);
    }
    free(rs->standalone);
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->rules[i].name);
        free(rs->rules[i].pattern);
        pcre2_code_free(rs->rules[i].code);
    }
    free(rs->rules);
    for (size_t i = 0; i < rs->nfiles; i++)
        free(rs->files[i]);
    free(rs->files);
    for (size_t i = 0; i < rs->nnames; i++)
        free(rs->names[i]);
    free(rs->names);
    free(rs->stack);
    detect_config_free(&rs->det);
    memset(rs, 0, sizeof *rs);
}

/* --- parsing one line ------------------------------------------------ */

struct cursor {
    const char *file; /* display name */
    unsigned line;
    const char *s;    /* the line, without terminator */
    size_t n, i;
};

static unsigned col_of(const struct cursor *c, size_t byte)
{
    return (unsigned)text_chars(c->s, byte) + 1;
}

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
    set_err(err, c->file, c->line, col_of(c, byte), c->s, c->n, fmt, arg);
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

static int parse_rule(struct rule_set *rs, struct cursor *c, enum rule_action action,
                      const char *file_id, struct cleaner_err *err)
{
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
    /* JIT failure is not an error: the interpreter matches the same. */
    if (!rs->no_jit)
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    rs->rules = xgrow(rs->rules, &rs->cap, rs->n + 1, sizeof *rs->rules);
    struct rule *r = &rs->rules[rs->n++];
    r->action = action;
    r->name = xmemdup0(c->s + ns, nl);
    r->file = file_id;
    r->line = c->line;
    r->pattern = xmemdup0(c->s + ps, close - ps);
    r->flags = opts;
    r->code = code;
    r->site = rs->loading_site;
    rs->has_site_rules |= r->site != NULL;
    return 0;
}

static int parse_detect(struct rule_set *rs, struct cursor *c, struct cleaner_err *err)
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
            if (detect_config_enable(&rs->det, name, !strcmp(arg, "on")) < 0)
                rc = fail(c, err, as, "detector '%s' cannot be switched", name);
        } else if (!eq || eq == arg) {
            rc = fail(c, err, as, "expected on, off or KEY=VALUE, not '%s'", arg);
        } else {
            *eq = '\0';
            char msg[256];
            if (detect_config_set(&rs->det, name, arg, eq + 1, msg, sizeof msg) < 0)
                rc = fail(c, err, as, "%s", msg);
        }
        free(arg);
    }
    free(name);
    return rc;
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

static int load_file(struct rule_set *rs, const char *path, const char *shown,
                     struct cursor *from, struct cleaner_err *err);

static int parse_include(struct rule_set *rs, struct cursor *c, const char *dir,
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
    int rc = load_file(rs, full, full, c, err);
    free(full);
    return rc;
}

static int parse_line(struct rule_set *rs, struct cursor *c, const char *dir,
                      const char *file_id, struct cleaner_err *err)
{
    size_t ks, kl = word(c, &ks);
    if (!kl || c->s[ks] == '#')
        return 0;
    const char *k = c->s + ks;
    for (int a = 0; a < ACTION_COUNT; a++)
        if (kl == strlen(rule_action_names[a]) && !memcmp(k, rule_action_names[a], kl))
            return parse_rule(rs, c, (enum rule_action)a, file_id, err);
    if (kl == 7 && !memcmp(k, "include", 7))
        return parse_include(rs, c, dir, err);
    if (kl == 6 && !memcmp(k, "detect", 6))
        return parse_detect(rs, c, err);
    if (kl == 9 && !memcmp(k, "stopwords", 9))
        return parse_words(&rs->det.stopwords, c);
    if (kl == 9 && !memcmp(k, "datewords", 9))
        return parse_words(&rs->det.datewords, c);
    if (kl == 13 && !memcmp(k, "durationwords", 13))
        return parse_words(&rs->det.durationwords, c);
    char *w = xmemdup0(k, kl);
    int rc = fail(c, err, ks,
                  "unknown action '%s' (drop, cut, block, keep, caption, lead, include, detect, "
                  "stopwords, datewords, durationwords)", w);
    free(w);
    return rc;
}

/* --- files and directories ------------------------------------------- */

static int parse_text(struct rule_set *rs, const char *shown, const char *dir,
                      const char *file_id, const char *text, size_t len,
                      struct cleaner_err *err)
{
    const uint8_t *bad = u8_check((const uint8_t *)text, len);
    unsigned lineno = 0;
    size_t i = 0;
    /* a byte-order mark some editors write is not part of the first line */
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        size_t n = e - i;
        if (n && text[i + n - 1] == '\r')
            n--;
        lineno++;
        struct cursor c = { shown, lineno, text + i, n, 0 };
        if (bad && (const char *)bad >= text + i && (const char *)bad < text + e) {
            size_t off = (size_t)((const char *)bad - (text + i));
            set_err(err, shown, lineno, (unsigned)off + 1, NULL, 0,
                    "not valid UTF-8 (byte 0x%02X)", (unsigned)*bad);
            err->col = (unsigned)text_chars(c.s, off) + 1;
            return -1;
        }
        const char *nul = memchr(c.s, '\0', n);
        if (nul) {
            size_t off = (size_t)(nul - c.s);
            set_err(err, shown, lineno, (unsigned)text_chars(c.s, off) + 1, NULL, 0,
                    "NUL byte in rule file");
            return -1;
        }
        if (parse_line(rs, &c, dir, file_id, err) < 0)
            return -1;
        i = nl ? e + 1 : len;
    }
    return 0;
}

/* A copy of a file's display name that lives as long as the rule set, so
 * rules can point at it. */
static const char *keep_name(struct rule_set *rs, const char *name)
{
    rs->names = xgrow(rs->names, &rs->names_cap, rs->nnames + 1, sizeof *rs->names);
    return rs->names[rs->nnames++] = xstrdup(name);
}

static int already_loaded(const struct rule_set *rs, const char *real)
{
    for (size_t i = 0; i < rs->nfiles; i++)
        if (!strcmp(rs->files[i], real))
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct rule_set *rs, const char *path, struct cleaner_err *err)
{
    DIR *d = opendir(path);
    if (!d) {
        set_err(err, path, 0, 0, NULL, 0, "cannot read directory: %s", strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 6 && !strcmp(e->d_name + l - 6, ".rules") && e->d_name[0] != '.') {
            names = xgrow(names, &cap, n + 1, sizeof *names);
            names[n] = xmalloc(strlen(path) + l + 2);
            sprintf(names[n], "%s/%s", path, e->d_name);
            n++;
        }
        errno = 0;
    }
    int rderr = errno;
    closedir(d);
    int rc = 0;
    if (rderr) {
        set_err(err, path, 0, 0, NULL, 0, "cannot read directory: %s", strerror(rderr));
        rc = -1;
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    size_t files = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
            continue;
        rc = load_file(rs, names[i], names[i], NULL, err);
        files++;
    }
    if (rc == 0 && files == 0) {
        /* quality would drop without a word: a pack is never empty */
        set_err(err, path, 0, 0, NULL, 0, "no *.rules files in this folder%s", "");
        rc = -1;
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* Load one file. from is the include directive that named it (NULL at the
 * top level): errors opening it are reported at that directive. */
static int load_file(struct rule_set *rs, const char *path, const char *shown,
                     struct cursor *from, struct cleaner_err *err)
{
    char *real = realpath(path, NULL);
    if (!real) {
        int e = errno;
        if (from)
            set_err(err, from->file, from->line, col_of(from, from->i), from->s, from->n,
                    "cannot include '%s': %s", path, strerror(e));
        else
            set_err(err, shown, 0, 0, NULL, 0, "%s", strerror(e));
        return -1;
    }
    for (size_t i = 0; i < rs->depth; i++) {
        if (!strcmp(rs->stack[i], real)) {
            free(real);
            if (from) {
                set_err(err, from->file, from->line, col_of(from, from->i), from->s, from->n,
                        "include cycle: '%s' is already being loaded", path);
            } else {
                set_err(err, shown, 0, 0, NULL, 0, "include cycle");
            }
            return -1;
        }
    }
    if (already_loaded(rs, real)) {
        free(real);
        return 0;
    }
    struct stat st;
    if (stat(real, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (from) {
            set_err(err, from->file, from->line, col_of(from, from->i), from->s, from->n,
                    "cannot include '%s': it is a directory", path);
            free(real);
            return -1;
        }
        free(real);
        return load_dir(rs, path, err);
    }
    /* the path as given: a rule file named "-" is a file, not stdin */
    struct buf file = BUF_INIT;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int e = fd < 0 ? errno : io_read_all(fd, &file);
    if (fd >= 0)
        close(fd);
    char *text = file.p;
    size_t len = file.len;
    if (e) {
        buf_free(&file);
        if (from)
            set_err(err, from->file, from->line, col_of(from, from->i), from->s, from->n,
                    "cannot include '%s': %s", path, strerror(e));
        else
            set_err(err, shown, 0, 0, NULL, 0, "%s", strerror(e));
        free(real);
        return -1;
    }
    rs->files = xgrow(rs->files, &rs->files_cap, rs->nfiles + 1, sizeof *rs->files);
    rs->files[rs->nfiles++] = real;
    const char *shown_copy = keep_name(rs, shown);
    size_t stack_cap = rs->depth;
    rs->stack = xgrow(rs->stack, &stack_cap, rs->depth + 1, sizeof *rs->stack);
    rs->stack[rs->depth++] = real;
    char *dir = xstrdup(shown);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        strcpy(dir, ".");
    int rc = parse_text(rs, shown, dir, shown_copy, text, len, err);
    rs->depth--;
    free(dir);
    free(text);
    return rc;
}

int rules_load(struct rule_set *rs, const char *path, struct cleaner_err *err)
{
    return load_file(rs, path, path, NULL, err);
}

int rules_load_sites(struct rule_set *rs, const char *dir, struct cleaner_err *err)
{
    size_t need = strlen(dir) + sizeof "/sites";
    char *sites = xmalloc(need);
    snprintf(sites, need, "%s/sites", dir);
    DIR *d = opendir(sites);
    if (!d) {
        int e = errno;
        free(sites);
        if (e == ENOENT)
            return 0;
        set_err(err, dir, 0, 0, NULL, 0, "cannot read directory %s/sites: %s", dir, strerror(e));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 6 && !strcmp(e->d_name + l - 6, ".rules") && e->d_name[0] != '.') {
            names = xgrow(names, &cap, n + 1, sizeof *names);
            names[n++] = xstrdup(e->d_name);
        }
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) {
            size_t pl = strlen(sites) + strlen(names[i]) + 2;
            char *path = xmalloc(pl);
            snprintf(path, pl, "%s/%s", sites, names[i]);
            names[i][strlen(names[i]) - 6] = '\0';
            rs->loading_site = keep_name(rs, names[i]);
            rc = load_file(rs, path, path, NULL, err);
            rs->loading_site = NULL;
            free(path);
        }
        free(names[i]);
    }
    free(names);
    free(sites);
    return rc;
}

int rules_load_string(struct rule_set *rs, const char *name, const char *text, size_t len,
                      struct cleaner_err *err)
{
    return parse_text(rs, name, ".", keep_name(rs, name), text, len, err);
}

/* Whether a pattern keeps its meaning inside a larger alternation: no
 * back references or named groups (numbering shifts), no verbs or \K, no
 * \Q that could run past its end, no x flag (a # comment would). */
static int combinable(const struct rule *r)
{
    if (r->flags & PCRE2_EXTENDED)
        return 0;
    if (r->flags & PCRE2_LITERAL)
        return 1;
    const char *p = r->pattern;
    for (size_t i = 0; p[i]; i++) {
        if (p[i] == '\\') {
            char c = p[i + 1];
            if ((c >= '1' && c <= '9') || c == 'g' || c == 'k' || c == 'K' || c == 'Q' || !c)
                return 0;
            i++;
        } else if (p[i] == '(' && (p[i + 1] == '*' || (p[i + 1] == '?' &&
                   (p[i + 2] == '<' || p[i + 2] == 'P' || p[i + 2] == '\'' || p[i + 2] == '|' ||
                    p[i + 2] == '(' || p[i + 2] == 'C' || p[i + 2] == 'R' ||
                    (p[i + 2] >= '0' && p[i + 2] <= '9') || p[i + 2] == '&' || p[i + 2] == '+')))) {
            if (p[i + 1] == '?' && p[i + 2] == '<' && (p[i + 3] == '=' || p[i + 3] == '!'))
                continue; /* lookbehind is fine */
            return 0;
        }
    }
    return 1;
}

static void append_literal(struct buf *b, const char *p)
{
    for (; *p; p++) {
        if (strchr("\\^$.|?*+()[]{}", *p))
            buf_putc(b, '\\');
        buf_putc(b, *p);
    }
}

static int anchored(const struct rule *r)
{
    uint32_t opts = 0;
    pcre2_pattern_info(r->code, PCRE2_INFO_ALLOPTIONS, &opts);
    return (opts & PCRE2_ANCHORED) != 0;
}

/* Join the combinable rules of action a that are (kind 0) or are not
 * (kind 1) anchored at the start. */
static void combine(struct rule_set *rs, int a, int kind)
{
    struct buf b = BUF_INIT;
    size_t members = 0;
    for (size_t i = rs->first[a]; i < rs->first[a + 1]; i++) {
        struct rule *r = &rs->rules[i];
        if (rs->standalone[i] || anchored(r) != (kind == 0))
            continue;
        char head[48];
        snprintf(head, sizeof head, "%s(*MARK:%zu)(?%s:", members ? "|" : "", i,
                 (r->flags & PCRE2_CASELESS) ? "i" : "");
        buf_append(&b, head, strlen(head));
        if (r->flags & PCRE2_LITERAL)
            append_literal(&b, r->pattern);
        else
            buf_append(&b, r->pattern, strlen(r->pattern));
        buf_putc(&b, ')');
        members++;
    }
    pcre2_code *code = NULL;
    if (members >= 2) {
        int ec;
        PCRE2_SIZE eo;
        code = pcre2_compile((PCRE2_SPTR)b.p, b.len, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
        if (code && !rs->no_jit)
            (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    }
    rs->combined[a][kind] = code;
    if (!code) /* one rule, or the join did not compile: match on their own */
        for (size_t i = rs->first[a]; i < rs->first[a + 1]; i++)
            if (!rs->standalone[i] && anchored(&rs->rules[i]) == (kind == 0))
                rs->standalone[i] = 2;
    buf_free(&b);
}

void rules_finish(struct rule_set *rs)
{
    /* insertion sort keeps the order of definition within each action */
    for (size_t i = 1; i < rs->n; i++) {
        struct rule r = rs->rules[i];
        size_t j = i;
        while (j > 0 && rs->rules[j - 1].action > r.action) {
            rs->rules[j] = rs->rules[j - 1];
            j--;
        }
        rs->rules[j] = r;
    }
    size_t k = 0;
    for (int a = 0; a < ACTION_COUNT; a++) {
        rs->first[a] = k;
        while (k < rs->n && rs->rules[k].action == (enum rule_action)a)
            k++;
    }
    rs->first[ACTION_COUNT] = rs->n;
    rs->standalone = xcalloc(rs->n ? rs->n : 1, 1);
    for (size_t i = 0; i < rs->n; i++)
        rs->standalone[i] = !combinable(&rs->rules[i]);
    for (int a = 0; a < ACTION_COUNT; a++) {
        combine(rs, a, 0);
        combine(rs, a, 1);
    }
}

/* --- matching --------------------------------------------------------- */

void rules_matcher_init(struct rule_matcher *m, const struct rule_set *rs,
                        const struct rule_limits *lim)
{
    memset(m, 0, sizeof *m);
    m->rs = rs;
    m->md = pcre2_match_data_create(4, NULL);
    m->mctx = pcre2_match_context_create(NULL);
    if (!m->md || !m->mctx)
        xalloc_die_errno();
    pcre2_set_match_limit(m->mctx, lim->match_limit);
    pcre2_set_depth_limit(m->mctx, lim->depth_limit);
    pcre2_set_heap_limit(m->mctx, lim->heap_limit_kib);
    size_t n = rs->n ? rs->n : 1;
    m->hits = xcalloc(n, sizeof *m->hits);
    m->limit_hits = xcalloc(n, sizeof *m->limit_hits);
    m->attempts = xcalloc(n, sizeof *m->attempts);
    m->ns = xcalloc(n, sizeof *m->ns);
}

void rules_matcher_free(struct rule_matcher *m)
{
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mctx);
    free(m->hits);
    free(m->limit_hits);
    free(m->attempts);
    free(m->ns);
    memset(m, 0, sizeof *m);
}

/* A rule tagged with a site applies to that site and its subdomains. */
static int site_applies(const char *tag, const char *host)
{
    if (!tag)
        return 1;
    if (!host)
        return 0;
    size_t t = strlen(tag), h = strlen(host);
    if (h == t)
        return !strcmp(tag, host);
    return h > t && host[h - t - 1] == '.' && !strcmp(host + h - t, tag);
}

static int try_rule(struct rule_matcher *m, size_t i, const char *s, size_t n)
{
    const struct rule *r = &m->rs->rules[i];
    if (r->site && !site_applies(r->site, m->site))
        return 0;
    m->attempts[i]++;
    struct timespec t0, t1;
    if (m->profile)
        clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = pcre2_match(r->code, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, m->md, m->mctx);
    if (m->profile) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        m->ns[i] += (unsigned long long)((t1.tv_sec - t0.tv_sec) * 1000000000LL +
                                         (t1.tv_nsec - t0.tv_nsec));
    }
    if (rc >= 0) {
        m->hits[i]++;
        return 1;
    }
    if (rc != PCRE2_ERROR_NOMATCH) {
        if (m->limit_hits[i]++ == 0 && m->on_limit)
            m->on_limit(m->on_limit_ctx, r, rc);
    }
    return 0;
}

/* Run one joined alternation: 1 with *marked set when a member matches,
 * 0 when none does, -1 when it hit a limit. */
static int try_joined(struct rule_matcher *m, const pcre2_code *code, const char *s, size_t n,
                      size_t *marked)
{
    int rc = pcre2_match(code, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, m->md, m->mctx);
    if (rc >= 0) {
        *marked = (size_t)strtoul((const char *)pcre2_get_mark(m->md), NULL, 10);
        return 1;
    }
    return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

/* The first rule of action a, in load order, that matches. The joined
 * alternations only say whether, and one rule that does; the rules before
 * that one are then asked on their own, so the answer is the same as
 * trying every rule in order. */
static const struct rule *match_action(struct rule_matcher *m, int a, const char *s, size_t n)
{
    const struct rule_set *rs = m->rs;
    size_t lo = rs->first[a], hi = rs->first[a + 1];
    if (lo == hi)
        return NULL;
    int joined = !m->profile && !rs->has_site_rules;
    size_t upto = hi, k;
    int limit = 0;
    for (int kind = 0; joined && kind < 2; kind++) {
        if (!rs->combined[a][kind])
            continue;
        int rc = try_joined(m, rs->combined[a][kind], s, n, &k);
        if (rc > 0 && k < upto)
            upto = k;
        limit |= rc < 0;
    }
    if (!joined || limit) {
        for (size_t i = lo; i < hi; i++)
            if (try_rule(m, i, s, n))
                return &rs->rules[i];
        return NULL;
    }
    /* rules before upto: the standalone ones, and joined ones that may
       also match; rule upto itself is known to match */
    for (size_t i = lo; i < upto; i++)
        if ((rs->standalone[i] || upto < hi) && try_rule(m, i, s, n))
            return &rs->rules[i];
    if (upto < hi) {
        m->hits[upto]++;
        return &rs->rules[upto];
    }
    return NULL;
}

const struct rule *rules_match(struct rule_matcher *m, const char *s, size_t n)
{
    for (int a = 0; a < ACTION_COUNT; a++) {
        const struct rule *r = match_action(m, a, s, n);
        if (r)
            return r;
    }
    return NULL;
}
