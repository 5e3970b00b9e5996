/* detect_dupes: lines that repeat other lines. "caption": alt text then a
 * caption that says nearly the same (keep the second, fuller one);
 * "repeat": a line equal to a line shortly before; "alt-text": a nearby
 * line again with a short suffix ("... - Hình 1"). Copies of the headline
 * and a second article (such an alt text pointing back at a new title
 * inside the body) are the article's to find (article.c): these mark the
 * copy (line_rec.copy_of). */
#include <string.h>

#include "doc.h"
#include "strset.h"
#include "text.h"

/* Shared words over the longer line's words (multisets), 0..1: the first
 * line's word hashes go into a small open-addressing table with counts,
 * the second line's are taken out of it. */
static size_t common_words(struct doc *d, const struct line_rec *a, const struct line_rec *b)
{
    size_t cap = 16;
    while (cap < 2 * (size_t)a->f.words + 2)
        cap *= 2;
    d->hashes = xgrow(d->hashes, &d->hashes_cap, 2 * cap, sizeof *d->hashes);
    unsigned long long *key = d->hashes, *cnt = d->hashes + cap;
    memset(key, 0, 2 * cap * sizeof *key);
    size_t pos = 0, ws, wl, na = 0, nb = 0, common = 0;
    while (text_next_word(a->norm.p, a->norm.len, &pos, &ws, &wl)) {
        unsigned long long h = strset_hash(a->norm.p + ws, wl) | 1;  /* 0 marks empty */
        size_t i = (size_t)(h >> 7) & (cap - 1);
        while (key[i] && key[i] != h)
            i = (i + 1) & (cap - 1);
        key[i] = h;
        cnt[i]++;
        na++;
    }
    pos = 0;
    while (text_next_word(b->norm.p, b->norm.len, &pos, &ws, &wl)) {
        unsigned long long h = strset_hash(b->norm.p + ws, wl) | 1;
        size_t i = (size_t)(h >> 7) & (cap - 1);
        while (key[i] && key[i] != h)
            i = (i + 1) & (cap - 1);
        if (key[i] && cnt[i]) {
            cnt[i]--;
            common++;
        }
        nb++;
    }
    (void)na;
    (void)nb;
    return common;
}

static double similarity(struct doc *d, const struct line_rec *a, const struct line_rec *b)
{
    unsigned most = a->f.words > b->f.words ? a->f.words : b->f.words;
    return most ? (double)common_words(d, a, b) / (double)most : 0;
}

const char *detect_caption(struct doc *d, struct line_rec *l)
{
    const struct detect_config *c = d->cfg;
    if (l->v == V_DROP || l->f.words < c->caption_min_words || l->f.words > c->caption_max_words)
        return NULL;
    struct line_rec *p = doc_before(d, l);
    if (!p || p->v == V_DROP || p->f.words < c->caption_min_words ||
        p->f.words > c->caption_max_words ||
        doc_same_text(p, l))
        return NULL;
    unsigned lo = p->f.words < l->f.words ? p->f.words : l->f.words;
    unsigned hi = p->f.words < l->f.words ? l->f.words : p->f.words;
    if ((double)lo < c->caption_length_ratio * (double)hi)
        return NULL;
    /* the alt text, then the caption saying the same and a little more:
       every word of the first is in the second ("... Tràng Tiền. (Ảnh: X)"
       then "... Tràng Tiền sáng 12/9. (Ảnh: X)") */
    int contained = p->f.words < l->f.words && l->f.words - p->f.words <= c->caption_extra_words &&
                    !(p->f.sig & ~l->f.sig) && common_words(d, p, l) == p->f.words;
    if (!contained) {
        /* near-exact; the word sketches must overlap about as much as the
           words would */
        unsigned both = (unsigned)__builtin_popcountll(p->f.sig & l->f.sig);
        unsigned any = (unsigned)__builtin_popcountll(p->f.sig | l->f.sig);
        if ((double)both < c->caption_similarity * 0.8 * (double)any)
            return NULL;
        double sim = similarity(d, p, l);
        if (sim < c->caption_similarity)
            return NULL;
        /* two captions with their own credits ("... Ảnh: X") are two
           photos unless they differ by one word at most */
        if ((p->flags & LF_CAPTION) && (l->flags & LF_CAPTION) && sim < 1.0 - 1.0 / (double)hi)
            return NULL;
    }
    p->flags |= LF_COPY;
    l->flags |= LF_COPY;
    /* the first goes; if the article takes it for its headline, the
       second goes instead (article.c) */
    l->copy_of = p->seq + 1;
    if (p->flags & LF_PROTECTED)
        doc_drop(l, "alt-text");
    else
        doc_drop(p, "caption");
    return NULL;
}

const char *detect_repeat(struct doc *d, struct line_rec *l)
{
    if (l->v == V_DROP)
        return NULL;
    unsigned seen = 0;
    for (struct line_rec *x = doc_before(d, l); x && seen < d->cfg->repeat_lookback;
         x = doc_before(d, x)) {
        seen++;
        if (x->v != V_DROP && doc_same_text(x, l)) {
            doc_drop(l, "repeat");
            return NULL;
        }
    }
    return NULL;
}

/* l is x plus a short suffix: " - Hình 1", " | ảnh 2", " (ảnh minh họa)". */
static int with_suffix(const struct line_rec *l, const struct line_rec *x, unsigned max_words)
{
    size_t n = x->norm.len;
    /* the cheap tests first: most lines fail on the length, the space
       after the text or the first byte, without a call to memcmp */
    if (l->norm.len <= n + 1 || x->f.words < 3)
        return 0;
    if (n >= sizeof x->head ? l->head != x->head : l->norm.p[0] != x->norm.p[0])
        return 0;
    if (l->norm.p[n] != ' ' || memcmp(l->norm.p, x->norm.p, n))
        return 0;
    return l->f.words - x->f.words <= max_words;
}

/* l goes on from x in plain words ("... bên sân lò ở làng."), not with a
 * marker such as " - Hình 1", " | ảnh 2" or " (ảnh minh họa)": a letter
 * first and no digit. */
static int plain_suffix(const struct line_rec *l, const struct line_rec *x)
{
    const char *s = l->norm.p + x->norm.len + 1, *e = l->norm.p + l->norm.len;
    uint32_t first;
    text_decode(s, (size_t)(e - s), &first);
    if (!text_is_letter(first))
        return 0;
    for (const char *p = s; p < e; p++)
        if (*p >= '0' && *p <= '9')
            return 0;
    return 1;
}

/* The line l comes with a short suffix after an earlier line in the last
 * lookback lines: that line, or NULL. The answer does not depend on
 * verdicts, so the second detector to ask of a line gets the first's. */
static struct line_rec *suffixed_line(struct doc *d, struct line_rec *l, unsigned lookback,
                                      unsigned suffix_words)
{
    if (d->suffixed.seq1 == l->seq + 1 && d->suffixed.lookback == lookback &&
        d->suffixed.words == suffix_words)
        return d->suffixed.x;
    struct line_rec *found = NULL;
    unsigned seen = 0;
    for (struct line_rec *x = doc_before(d, l); x && seen < lookback; x = doc_before(d, x)) {
        seen++;
        if (with_suffix(l, x, suffix_words)) {
            found = x;
            break;
        }
    }
    d->suffixed.seq1 = l->seq + 1;
    d->suffixed.lookback = lookback;
    d->suffixed.words = suffix_words;
    d->suffixed.x = found;
    return found;
}

const char *detect_alt(struct doc *d, struct line_rec *l)
{
    const struct detect_config *c = d->cfg;
    if (l->v == V_DROP)
        return NULL;
    if (l->flags & LF_COPY)
        return NULL; /* the caption detector kept it as the fuller copy */
    struct line_rec *x = suffixed_line(d, l, c->alt_lookback, c->alt_suffix_words);
    if (x && plain_suffix(l, x)) {
        /* "alt text" then "alt text, continued.": the caption says more;
           the first is its alt text */
        x->flags |= LF_COPY;
        l->flags |= LF_COPY;
        if (x->v != V_DROP)
            doc_drop(x, "caption");
        return NULL;
    }
    if (x) {
        /* a photo's alt text ("title - Hình 1"); pointing back at a new
           title inside the body it starts another article (article.c) */
        l->flags |= LF_COPY | LF_SUFFIXED;
        l->copy_of = x->seq + 1;
        doc_drop(l, "alt-text");
    }
    return NULL;
}
