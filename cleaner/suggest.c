/* suggest: rule mining over a batch of pages (see suggest.h). */
#include "suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

#include "engine.h"
#include "strset.h"
#include "text.h"
#include "xalloc.h"

/* What the pages say about one line shape. */
struct shape {
    char *key;          /* normal form with digit runs as DIGITS */
    size_t key_len;
    char *sample;       /* first line seen with this shape */
    size_t sample_len;
    unsigned pages;     /* pages it stands on */
    unsigned after;     /* pages where it stands only after the kept text */
    unsigned kept;      /* pages where the current rules keep it */
    unsigned ruled;     /* pages where a rule already drops it */
    unsigned first_after; /* pages where it is the first recurring line
                             after the kept text */
    unsigned words;
};

struct page_line {
    char *key;
    size_t key_len;
    char *text;
    size_t len;
    int kept, rule_hit;
    unsigned words;
};

struct suggest {
    const struct suggest_opts *o;
    const struct rule_set *rs;
    struct engine eng;
    struct shape *shapes;
    size_t nshapes, cap;
    struct strset index;      /* shape key -> position in shapes */
    struct page_line *lines;  /* the page being read */
    size_t nlines, lines_cap;
    unsigned npages;
    /* per page, the first suggest.tail-lines shapes after the kept text,
       in order: -1 ends a page's list */
    long *after_ids;
    size_t nafter, after_cap;
};

/* Digit runs become one DIGITS byte, so "Bình luận (19)" and "Bình luận
 * (3)" meet. A control character never survives the normal form, so it
 * cannot be confused with the text's own bytes (a real "#" stays "#"). */
enum { DIGITS = '\x01' };

static char *shape_key(const char *s, size_t n, size_t *klen)
{
    char *k = xmalloc(n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (j == 0 || k[j - 1] != DIGITS)
                k[j++] = DIGITS;
        } else {
            k[j++] = s[i];
        }
    }
    k[j] = '\0';
    *klen = j;
    return k;
}

static void on_line(void *ctx, const struct line_out *out)
{
    struct suggest *s = ctx;
    const struct line_rec *l = out->para;
    if (l->v == V_BLANK || out->part > 0)
        return;
    s->lines = xgrow(s->lines, &s->lines_cap, s->nlines + 1, sizeof *s->lines);
    struct page_line *p = &s->lines[s->nlines++];
    p->key = shape_key(l->norm.p, l->norm.len, &p->key_len);
    p->text = xmemdup0(l->norm.p, l->norm.len);
    p->len = l->norm.len;
    p->kept = l->v == V_KEEP;
    p->rule_hit = (l->flags & LF_RULE_HIT) != 0;
    p->words = l->f.words;
}

struct suggest *suggest_new(const struct rule_set *rs, struct rule_matcher *m,
                            const struct suggest_opts *o)
{
    struct suggest *s = xcalloc(1, sizeof *s);
    s->o = o;
    s->rs = rs;
    engine_init(&s->eng, rs, m, on_line, s);
    struct engine_settings set = { .all_rule_hits = 1 };
    engine_configure(&s->eng, &set);
    return s;
}

static struct shape *find_shape(struct suggest *s, const char *key, size_t n)
{
    size_t i;
    return strset_get(&s->index, key, n, &i) ? &s->shapes[i] : NULL;
}

void suggest_add_page(struct suggest *s, const char *text, size_t len)
{
    s->nlines = 0;
    engine_begin(&s->eng);
    engine_push_text(&s->eng, text, len);
    engine_end(&s->eng);
    s->npages++;
    size_t last_kept = 0;
    int any_kept = 0;
    for (size_t k = 0; k < s->nlines; k++)
        if (s->lines[k].kept) {
            last_kept = k;
            any_kept = 1;
        }
    struct strset seen = STRSET_INIT;
    unsigned listed = 0;
    for (size_t k = 0; k < s->nlines; k++) {
        struct page_line *p = &s->lines[k];
        if (strset_add(&seen, p->key, p->key_len)) {
            struct shape *sh = find_shape(s, p->key, p->key_len);
            if (!sh) {
                s->shapes = xgrow(s->shapes, &s->cap, s->nshapes + 1, sizeof *s->shapes);
                sh = &s->shapes[s->nshapes++];
                memset(sh, 0, sizeof *sh);
                sh->key = xmemdup0(p->key, p->key_len);
                sh->key_len = p->key_len;
                sh->sample = xmemdup0(p->text, p->len);
                sh->sample_len = p->len;
                sh->words = p->words;
                strset_put(&s->index, p->key, p->key_len, s->nshapes - 1);
            }
            sh->pages++;
            sh->after += any_kept && k > last_kept;
            sh->kept += p->kept;
            sh->ruled += p->rule_hit;
            if (any_kept && k > last_kept && !p->rule_hit && listed < s->rs->det.suggest_tail_lines) {
                s->after_ids = xgrow(s->after_ids, &s->after_cap, s->nafter + 1, sizeof(long));
                s->after_ids[s->nafter++] = (long)(sh - s->shapes);
                listed++;
            }
        }
        free(p->key);
        free(p->text);
    }
    strset_free(&seen);
    s->after_ids = xgrow(s->after_ids, &s->after_cap, s->nafter + 1, sizeof(long));
    s->after_ids[s->nafter++] = -1;
}

/* An ASCII slug of the text for a rule name: diacritics dropped, đ as d. */
static void slug(const char *s, size_t n, struct buf *out)
{
    size_t dlen = 0;
    uint8_t *d = u8_normalize(UNINORM_NFD, (const uint8_t *)s, n, NULL, &dlen);
    if (!d)
        xalloc_die_errno();
    out->len = 0;
    int dash = 0;
    for (size_t i = 0; i < dlen && out->len < 32; i++) {
        unsigned char c = d[i];
        if (c == 0xC4 && i + 1 < dlen && (d[i + 1] == 0x91 || d[i + 1] == 0x90)) {
            c = 'd';
            i++;
        } else if (c >= 0x80) {
            continue;
        }
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            if (dash && out->len)
                buf_putc(out, '-');
            buf_putc(out, (char)(c | 0x20));
            dash = 0;
        } else if (c >= '0' && c <= '9') {
            if (dash && out->len)
                buf_putc(out, '-');
            buf_putc(out, (char)c);
            dash = 0;
        } else {
            dash = 1;
        }
    }
    free(d);
    if (!out->len)
        buf_append(out, "line", 4);
}

/* The regex for a shape: metacharacters escaped, DIGITS as \d+, anchored. */
static void pattern(const char *key, size_t n, struct buf *out)
{
    out->len = 0;
    buf_putc(out, '^');
    for (size_t i = 0; i < n;) {
        const char *d = memchr(key + i, DIGITS, n - i);
        size_t run = d ? (size_t)(d - (key + i)) : n - i;
        rules_escape(out, key + i, run);
        i += run;
        if (d) {
            buf_append(out, "\\d+", 3);
            i++;
        }
    }
    buf_putc(out, '$');
}

void suggest_write(struct suggest *s, struct buf *out)
{
    const struct suggest_opts *o = s->o;
    unsigned need = (unsigned)(o->min_share * s->npages + 0.999);
    if (need < o->min_pages)
        need = o->min_pages;
    char line[256];
    int n = snprintf(line, sizeof line,
                     "# Suggested by cleaner --suggest-rules from %u pages: lines on at least %u "
                     "of them\n# that no rule drops yet. Read before use: each rule drops every "
                     "line it matches.\n",
                     s->npages, need);
    buf_append(out, line, (size_t)n);
    /* which recurring shape opens the tail of each page */
    int found = 0;
    for (size_t i = 0; i < s->nafter; i++) {
        long id = s->after_ids[i];
        if (id < 0) {
            found = 0;
        } else if (!found && s->shapes[id].pages >= need) {
            s->shapes[id].first_after++;
            found = 1;
        }
    }
    struct strset names = STRSET_INIT;
    struct buf name = BUF_INIT, pat = BUF_INIT, sl = BUF_INIT;
    unsigned made = 0;
    for (size_t i = 0; i < s->nshapes; i++) {
        struct shape *sh = &s->shapes[i];
        if (sh->pages < need || sh->ruled)
            continue; /* rare, or a rule already drops it */
        int cut = sh->first_after > 0 && sh->after == sh->pages && sh->words <= s->rs->det.suggest_cut_words &&
                  sh->kept == 0;
        slug(sh->sample, sh->sample_len, &sl);
        name.len = 0;
        if (o->prefix && *o->prefix) {
            buf_append(&name, o->prefix, strlen(o->prefix));
            buf_putc(&name, '-');
        }
        buf_append(&name, sl.p, sl.len);
        size_t base = name.len;
        for (unsigned k = 2; !strset_add(&names, name.p, name.len); k++) {
            name.len = base;
            n = snprintf(line, sizeof line, "-%u", k);
            buf_append(&name, line, (size_t)n);
        }
        pattern(sh->key, sh->key_len, &pat);
        n = snprintf(line, sizeof line, "\n# seen on %u of %u pages", sh->pages, s->npages);
        buf_append(out, line, (size_t)n);
        if (cut) {
            n = snprintf(line, sizeof line, ", always after the article; first after it on %u",
                         sh->first_after);
            buf_append(out, line, (size_t)n);
        }
        if (sh->kept) {
            n = snprintf(line, sizeof line, "; kept by the current rules on %u", sh->kept);
            buf_append(out, line, (size_t)n);
        }
        buf_append(out, "\n", 1);
        buf_append(out, cut ? "cut   " : "drop  ", 6);
        buf_append(out, name.p, name.len);
        buf_putc(out, ' ');
        buf_putc(out, '/');
        buf_append(out, pat.p, pat.len);
        buf_append(out, "/\n", 2);
        made++;
    }
    if (!made)
        buf_append(out, "\n# no line recurs often enough\n", strlen("\n# no line recurs often enough\n"));
    strset_free(&names);
    buf_free(&name);
    buf_free(&pat);
    buf_free(&sl);
}

void suggest_free(struct suggest *s)
{
    if (!s)
        return;
    engine_free(&s->eng);
    for (size_t i = 0; i < s->nshapes; i++) {
        free(s->shapes[i].key);
        free(s->shapes[i].sample);
    }
    free(s->shapes);
    free(s->lines);
    free(s->after_ids);
    strset_free(&s->index);
    free(s);
}
