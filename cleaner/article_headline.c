/* article_headline: where the article starts inside its first block (after
 * a teaser box) and its headline above it (see article.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article_internal.h"
#include "text.h"
#include "xalloc.h"

/* The first good paragraph of block b that stands right after another:
 * the first of the two, or NULL. */
static struct line_rec *first_pair(struct doc *d, const struct block *b)
{
    unsigned long long prev = 0;
    int have = 0;
    for (unsigned long long s = b->first; s <= b->last; s++) {
        if (!good(doc_line(d, s)))
            continue;
        if (have && adjacent(d, prev, s))
            return doc_line(d, prev);
        prev = s;
        have = 1;
    }
    return NULL;
}

/* Whether the good paragraphs of block b before paragraph first speak of
 * what the rest of the block speaks of: an article whose paragraphs
 * alternate with sub-heads from the start, not a box of other teasers. */
static int speaks_of_rest(struct article *a, struct doc *d, const struct block *b,
                          const struct line_rec *first)
{
    word_set_clear(&a->other);
    word_set_clear(&a->tmp);
    for (unsigned long long s = b->first; s <= b->last; s++) {
        struct line_rec *x = doc_line(d, s);
        if (good(x))
            add_words(a, s < first->seq ? &a->other : &a->tmp, d, x);
    }
    return a->other.count &&
           (double)word_set_shared(&a->other, &a->tmp) >= d->cfg->body_cohesion * (double)a->other.count;
}

/* A teaser box above the article inside its block: before the first two
 * paragraphs that stand together, body.box-units good paragraphs each
 * under a title and over a line that is not body text (title, snippet),
 * or a teaser's title and its captioned photo followed by a title that
 * speaks of that pair. The article starts at the title over the pair (or
 * at the pair): the new start, and *head the title (or NULL). */
unsigned long long art_after_teasers(struct article *a, struct doc *d, const struct block *b,
                                     struct line_rec **head)
{
    *head = NULL;
    struct line_rec *first = first_pair(d, b);
    if (!first)
        return b->first;
    unsigned units = 0, captions = 0, others = 0;
    for (unsigned long long s = b->first; s < first->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (!good(x))
            continue;
        struct line_rec *before = live_near(d, s, -1), *after = live_near(d, s, 1);
        if (before && title_like(before) && after && !good(after))
            units++;
        if (x->flags & LF_CAPTION)
            captions++;
        else
            others++;
    }
    struct line_rec *t = live_near(d, first->seq, -1);
    int title = t && title_like(t) && t->v == V_PENDING;
    if (units >= d->cfg->body_box_units && !speaks_of_rest(a, d, b, first)) {
        *head = title && t->seq >= b->first ? t : NULL;
        return *head ? (*head)->seq : first->seq;
    }
    /* a captioned photo of a teaser, then the article's title and lead */
    if (captions && !others && title && t->seq > b->first && shared_words(a, d, t, first) >= 2) {
        *head = t;
        return t->seq;
    }
    return b->first;
}

/* A line that may be the headline: title-shaped, not a name, a snippet, a
 * date or a caption; pending, or the first of a photo's two captions (the
 * caption detector dropped it: alt text, then the headline again), or a
 * heading that repeats a line above it (the last item of a breadcrumb). */
static int headline_candidate(const struct line_rec *x)
{
    /* a top heading ("# ..." in Markdown) of text, not of links (a logo),
       is the page's title even when it is a quotation ending in a stop */
    int top = (x->flags & LF_TOP_HEADING) && !(x->flags & LF_LINK);
    if ((!(x->flags & LF_TITLE) && !top) ||
        (x->flags & (LF_NAME | LF_ELLIPSIS | LF_META | LF_CAPTION)))
        return 0;
    if ((x->flags & LF_LINK) && !(x->flags & LF_HEADING))
        return 0;
    if (x->v == V_PENDING)
        return 1;
    return x->v == V_DROP && x->why &&
           (((x->flags & LF_COPY) && !strcmp(x->why, "caption")) ||
            ((x->flags & LF_HEADING) && !strcmp(x->why, "repeat")));
}

/* Whether x's text stands elsewhere in the window: the same line once, the
 * end of another (a breadcrumb ending in the title), or the start of one
 * with the site's name after it ("Title - Site"). A headline is often
 * repeated so; a caption or a share bar is not. */
static int repeated(struct doc *d, const struct line_rec *x)
{
    size_t n = x->norm.len;
    unsigned same = 0, framed = 0;
    for (unsigned long long s = d->win.base; s < d->win.next; s++) {
        const struct line_rec *y = doc_line(d, s);
        if (y == x || y->norm.len < n || y->v == V_BLANK)
            continue;
        if (y->norm.len == n)
            same += doc_same_text(x, y);
        else
            framed += (!memcmp(y->norm.p + y->norm.len - n, x->norm.p, n) &&
                       y->norm.p[y->norm.len - n - 1] == ' ') ||
                      (!memcmp(y->norm.p, x->norm.p, n) && y->norm.p[n] == ' ' &&
                       y->norm.len > n + 2 && strchr("-|–—:", y->norm.p[n + 1]));
    }
    /* the same line three times or more is a label of a list ("Channel:
       TV" over every entry of a schedule), not a title */
    return same < 2 && same + framed > 0;
}

/* A line shaped like a caption or a label, not a headline: two sentences
 * ("... nettsiden. Les mer"), a label in capitals first ("BESØK: ..."),
 * parts set apart by "|" (a date line, a share bar). */
int art_not_a_title(const struct line_rec *x)
{
    const char *p = x->norm.p;
    size_t n = x->norm.len;
    if (memchr(p, '|', n))
        return 1;
    /* a capitalised label and a colon */
    size_t k = 0, caps = 0;
    while (k < n && p[k] != ' ' && p[k] != ':') {
        caps += (p[k] >= 'A' && p[k] <= 'Z') || ((unsigned char)p[k] >= 0xC0);
        k++;
    }
    if (k >= 3 && k < n && p[k] == ':' && caps == k)
        return 1;
    /* a full stop inside, after a word of four letters or more and a first
       sentence of four words or more, then a capital: two sentences (a
       kicker before the title, "Niemcy. ...", is one or two words) */
    unsigned words = 1;
    for (size_t i = 4; i + 2 < n; i++) {
        words += p[i] == ' ';
        if (p[i] == '.' && p[i + 1] == ' ' && p[i + 2] >= 'A' && p[i + 2] <= 'Z' && words >= 4 &&
            p[i - 1] != ' ' && p[i - 2] != ' ' && p[i - 3] != ' ' && p[i - 4] != ' ' &&
            !(p[i - 1] >= '0' && p[i - 1] <= '9'))
            return 1;
    }
    return 0;
}

int art_running_text(struct article *a, struct doc *d, const struct line_rec *x)
{
    const struct detect_config *c = d->cfg;
    return x->f.words >= c->body_good_words && c->stopwords.set.count && !art_not_a_title(x) &&
           (double)detect_stopwords(c, x, &a->scratch) >= c->body_stop_ratio * (double)x->f.words;
}

/* The headline of the text that starts at good paragraph g: among the
 * title-shaped lines held in the last body.headline-lookback lines before
 * it, the one that speaks most of g and the paragraph after it (shared
 * content words), is repeated elsewhere on the page (a breadcrumb, the
 * page's title) or marked as a heading, the nearest winning a tie and
 * each line further up counting against it. A standfirst under the title
 * shares more words than the title does: when the line chosen is long and
 * a shorter candidate stands right above it, that one is the headline and
 * the long one the lead (*lead). */
struct line_rec *art_find_headline(struct article *a, struct doc *d, struct line_rec *g,
                                   unsigned long long floor, struct line_rec **lead)
{
    *lead = NULL;
    struct line_rec *after = live_near(d, g->seq, 1);
    struct line_rec *best = NULL, *prev_best = NULL;
    double best_score = 0;
    unsigned held = 0;
    struct line_rec *cand[64];
    double score[64];
    unsigned rank[64], nc = 0;
    for (unsigned long long s = g->seq; s-- > floor && held < d->cfg->body_headline_lookback;) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING && !headline_candidate(x))
            continue;
        held++;
        /* a title with a full stop inside ("Government resigns. What
           now") is one when a breadcrumb or the page's title repeats it */
        if (!headline_candidate(x) || nc == 64 ||
            (art_not_a_title(x) && !repeated(d, x) && !(x->flags & LF_TOP_HEADING)))
            continue;
        if (nc == 0) {
            /* the lead's words, and the next paragraph's, indexed once */
            word_set_clear(&a->other);
            add_words(a, &a->other, d, g);
            word_set_clear(&a->region);
            a->rgn_built = 0;
            a->built_lo = a->built_hi = NULL;
            if (after && good(after))
                add_words(a, &a->region, d, after);
        }
        word_set_clear(&a->tmp);
        add_words(a, &a->tmp, d, x);
        size_t shared = word_set_shared(&a->tmp, &a->other);
        shared += word_set_shared(&a->tmp, &a->region) > 0;
        double sc = 2.0 * (double)shared - 0.5 * (double)(held - 1);
        if (repeated(d, x))
            sc += 3;
        if (x->flags & LF_HEADING)
            sc += (x->flags & LF_TOP_HEADING) ? 4 : 3;
        cand[nc] = x;
        score[nc] = sc;
        rank[nc++] = held;
        if (!best || sc > best_score) {
            prev_best = best;
            best = x;
            best_score = sc;
        }
    }
    (void)prev_best;
    if (!best)
        return NULL;
    /* far up with nothing for it: no headline rather than a stray line */
    size_t bi = 0;
    while (cand[bi] != best)
        bi++;
    if (best_score <= 0 && rank[bi] > 2)
        return NULL;
    /* the title over its standfirst: the standfirst is a long line, the
       title a shorter one right above it that speaks of the same */
    if (best->f.chars >= 110)
        for (size_t k = bi + 1; k < nc && rank[k] <= rank[bi] + 2; k++)
            if (cand[k]->f.chars * 3 <= best->f.chars * 2 && score[k] > 0 &&
                shared_words(a, d, cand[k], best) >= 2) {
                *lead = best;
                return cand[k];
            }
    /* or a standfirst written without a final stop: running text half as
       long again as body.good-words or more, right under a title of five
       words or more (a kicker is shorter) that is a fair candidate,
       shorter, and not a copy of it (the page's title over the headline
       shares most of its words) */
    struct line_rec *above = bi + 1 < nc && rank[bi + 1] == rank[bi] + 1 ? cand[bi + 1] : NULL;
    if (above && score[bi + 1] > 0 && above->f.words >= 5 &&
        2 * best->f.words >= 3 * d->cfg->body_good_words &&
        4 * best->f.chars >= 5 * above->f.chars && art_running_text(a, d, best)) {
        size_t n_above;
        word_keys(above, d->cfg, &a->scratch, &n_above);
        if (2 * shared_words(a, d, above, best) < n_above) {
            *lead = best;
            return above;
        }
    }
    return best;
}

void art_set_headline(struct article *a, struct doc *d, struct line_rec *h)
{
    h->flags |= LF_HEADLINE;
    if (h->v == V_DROP) {
        /* the headline, then its photo's caption saying the same: the
           caption goes as alt text instead */
        for (unsigned long long s = h->seq + 1; s < d->win.next; s++) {
            struct line_rec *x = doc_line(d, s);
            if (x->copy_of == h->seq + 1 && !(x->flags & LF_SUFFIXED)) {
                doc_drop(x, "alt-text");
                break;
            }
        }
        h->v = V_PENDING;
    }
    doc_keep(h, "headline");
    a->has_headline = 1;
    buf_set(&a->headline, h->norm.p, h->norm.len);
}

/* Copies of the headline inside the article: the same text ("repeat"),
 * or the text with a short suffix (" - Hình 1": "alt-text"). */
void art_headline_copies(struct article *a, struct doc *d, unsigned long long from,
                         unsigned long long to)
{
    if (!a->has_headline)
        return;
    const char *h = a->headline.p;
    size_t n = a->headline.len;
    for (unsigned long long s = from; s <= to && s < d->win.next; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_BLANK || x->v == V_DROP || (x->flags & LF_HEADLINE))
            continue;
        if (d->cfg->on[DET_REPEAT] && x->norm.len == n && !memcmp(x->norm.p, h, n)) {
            doc_drop(x, "repeat");
            continue;
        }
        if (!d->cfg->on[DET_ALT] || (x->flags & LF_COPY) || x->norm.len <= n + 1 ||
            memcmp(x->norm.p, h, n) || x->norm.p[n] != ' ')
            continue;
        unsigned extra = 0;
        size_t pos = n, ws, wl;
        while (text_next_word(x->norm.p, x->norm.len, &pos, &ws, &wl))
            extra++;
        if (extra <= d->cfg->alt_suffix_words) {
            x->flags |= LF_COPY;
            doc_drop(x, "alt-text");
        }
    }
}
