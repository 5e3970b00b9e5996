/* article: the article's extent, chosen as a whole (see article.h). */
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xalloc.h"

void article_init(struct article *a)
{
    memset(a, 0, sizeof *a);
}

void article_free(struct article *a)
{
    buf_free(&a->headline);
    buf_free(&a->scratch);
    free(a->blocks);
    free(a->saved);
    word_set_free(&a->region);
    word_set_free(&a->other);
    word_set_free(&a->tmp);
    memset(a, 0, sizeof *a);
}

void article_begin(struct article *a)
{
    a->state = ART_NONE;
    a->end_why = NULL;
    a->has_headline = 0;
    a->headline.len = 0;
    a->gap = 0;
}

/* --- what a paragraph is ------------------------------------------------ */

static int good(const struct line_rec *x)
{
    return x->v == V_PENDING && (x->flags & LF_GOOD);
}

/* Shaped like a title, and not body text or a caption. */
static int title_like(const struct line_rec *x)
{
    return (x->flags & LF_TITLE) && !(x->flags & (LF_GOOD | LF_CAPTION));
}

/* The title of a link: title-shaped (a question or an exclamation is a
 * title too), no ";" inside (line-ups); a list item only when it is as
 * long as a headline (a list of links: "* Title of another article"),
 * not a short item of a list in the text. */
static int linkish(const struct line_rec *l)
{
    if (l->flags & LF_LINK)
        return 1;
    if (!(l->flags & LF_TITLE) || (l->flags & (LF_GOOD | LF_CAPTION)) ||
        memchr(l->norm.p, ';', l->norm.len))
        return 0;
    return !(l->flags & LF_LIST) || l->f.words >= 6;
}

/* A question as long as a sentence ("Thưa ông, ... ra sao?"): title-
 * shaped, but in an interview it is the text. */
static int long_question(const struct doc *d, const struct line_rec *x)
{
    return (x->flags & LF_TITLE) && x->norm.len && x->norm.p[x->norm.len - 1] == '?' &&
           x->f.words >= d->cfg->body_good_words;
}

/* Whether a paragraph that is not body text counts in a gap: captions,
 * alt text and protected lines are the article's own furniture. */
static int counts_in_gap(const struct line_rec *x)
{
    return x->v != V_BLANK && !(x->flags & (LF_PROTECTED | LF_CAPTION | LF_COPY)) && !good(x);
}

/* The held paragraph before (dir < 0) or after seq that is pending or
 * kept, skipping blank and dropped ones; NULL at the window's edge. */
static struct line_rec *live_near(struct doc *d, unsigned long long seq, int dir)
{
    for (unsigned long long s = seq;;) {
        if (dir < 0 ? s <= d->win.base : s + 1 >= d->win.next)
            return NULL;
        s = dir < 0 ? s - 1 : s + 1;
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_PENDING || x->v == V_KEEP)
            return x;
    }
}

/* The nearest non-blank paragraph before seq still held, or NULL. */
static struct line_rec *text_before(struct doc *d, unsigned long long seq)
{
    for (unsigned long long s = seq; s-- > d->win.base;)
        if (doc_line(d, s)->v != V_BLANK)
            return doc_line(d, s);
    return NULL;
}

/* A person's name alone, as a byline or a comment's signature: name-
 * shaped, or one said twice ("Jane Doe Jane Doe", the teaser detector's
 * self-doubled line). */
static int name_line(const struct doc *d, const struct line_rec *x)
{
    /* a word of three letters or fewer ("AP", "TT") is an agency */
    if (x->flags & LF_NAME)
        return x->f.words > 1 || x->f.chars > 3;
    return (x->flags & LF_TEASER) && x->f.upper == x->f.words && !x->f.digits &&
           x->f.words <= 2 * d->cfg->byline_max_words && x->f.words % 2 == 0;
}

/* --- content words ------------------------------------------------------ */

static void add_words(struct article *a, struct word_set *w, const struct doc *d,
                      struct line_rec *x)
{
    size_t n;
    const uint64_t *k = word_keys(x, d->cfg, &a->scratch, &n);
    word_set_add_keys(w, k, n);
}

/* Content words x and y share. */
static size_t shared_words(struct article *a, const struct doc *d, struct line_rec *x,
                           struct line_rec *y)
{
    word_set_clear(&a->other);
    word_set_clear(&a->tmp);
    add_words(a, &a->other, d, y);
    add_words(a, &a->tmp, d, x);
    return word_set_shared(&a->tmp, &a->other);
}

/* --- blocks --------------------------------------------------------------- */

static struct block *new_block(struct article *a, unsigned long long first)
{
    a->blocks = xgrow(a->blocks, &a->blocks_cap, a->nblocks + 1, sizeof *a->blocks);
    struct block *b = &a->blocks[a->nblocks++];
    memset(b, 0, sizeof *b);
    b->first = b->last = first;
    b->end = END_DOC;
    return b;
}

static int confirmed(const struct doc *d, const struct block *b)
{
    return b->adjacent > 0 &&
           (b->chars >= d->cfg->body_confirm_chars || b->goods >= d->cfg->body_confirm_lines);
}

/* Good paragraphs a and b with nothing pending or kept between them. */
static int adjacent(struct doc *d, unsigned long long a, unsigned long long b)
{
    for (unsigned long long s = a + 1; s < b; s++) {
        const struct line_rec *x = doc_line(d, s);
        /* a long question then its answer stand together (interviews) */
        if ((x->v == V_PENDING && !long_question(d, x)) || x->v == V_KEEP)
            return 0;
    }
    return 1;
}

/* A strong end inside a block that has body text: the paragraph where the
 * article ends, or NULL.
 *   signature  a time line under a name line ("Nam" / "-" / "7 ngày
 *              trước"): a comment, or the closing byline;
 *   metadata   a second time line under a time line ("Publisert ..." /
 *              "Oppdatert ..."): another article's header;
 *   lead       a lead marker ("(Site) - ") when the text had its own, or
 *              three paragraphs already: another article's lead; the end
 *              is at the title above it. */
static struct line_rec *strong_end(struct doc *d, const struct block *b, int lead_seen,
                                   struct line_rec *l, const char **why)
{
    if (l->flags & LF_TIMESTAMP) {
        if (!confirmed(d, b))
            return NULL;
        struct line_rec *p = text_before(d, l->seq);
        if (p && p->f.words == 0)
            p = text_before(d, p->seq);
        /* a comment's time: a time ago, or a clock time or a year; a
           bare day ("Mittwoch, 17. 7.") heads a live blog's entries */
        if (p && name_line(d, p) && (l->flags & (LF_META | LF_AGO))) {
            *why = "signature";
            return p;
        }
        if (p && (p->flags & LF_TIMESTAMP) && p->seq > b->last) {
            *why = "metadata";
            return p;
        }
        return NULL;
    }
    if ((l->flags & LF_LEAD) && l->v == V_PENDING && (lead_seen || b->goods >= 3)) {
        struct line_rec *t = live_near(d, l->seq, -1);
        *why = "teaser-lead";
        return t && t->v == V_PENDING && title_like(t) && t->seq > b->first ? t : l;
    }
    return NULL;
}

/* A paragraph dropped as the alt text of a new title inside the block,
 * with body text between them: a second article below the first; its
 * title, or NULL. */
static struct line_rec *second_article(struct doc *d, const struct block *b,
                                       const struct line_rec *l)
{
    if (!d->cfg->on[DET_SECOND] || !l->copy_of || !(l->flags & LF_SUFFIXED))
        return NULL;
    struct line_rec *x = doc_line(d, l->copy_of - 1);
    if (!x || x->seq <= b->first || x->v != V_PENDING)
        return NULL;
    for (unsigned long long s = x->seq + 1; s < l->seq; s++)
        if (good(doc_line(d, s)))
            return x;
    return NULL;
}

/* The block ends before paragraph end (a strong end found a little after
 * it): what it counted from there on is taken back. */
static void end_before(struct doc *d, struct block *b, unsigned long long end)
{
    while (b->last >= end && b->last > b->first) {
        const struct line_rec *x = doc_line(d, b->last);
        if (good(x)) {
            b->goods--;
            b->chars -= x->f.chars;
        }
        b->last--;
    }
    while (b->last > b->first && !good(doc_line(d, b->last)))
        b->last--;
}

/* The blocks of body text among the paragraphs from seq from on. */
static void find_blocks(struct article *a, struct doc *d, unsigned long long from)
{
    a->nblocks = 0;
    struct block *b = NULL;
    unsigned gap = 0;
    int lead_seen = 0;
    for (unsigned long long s = from; s < d->win.next; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_BLANK)
            continue;
        if (x->flags & LF_CUT) {
            if (b) {
                b->end = END_CUT;
                b->end_at = s;
                b->end_why = x->why;
                b = NULL;
            }
            continue;
        }
        const char *why = NULL;
        struct line_rec *end = NULL;
        if (b && (end = second_article(d, b, x)) != NULL)
            why = "second-article";
        else if (b)
            end = strong_end(d, b, lead_seen, x, &why);
        if (end) {
            b->end = END_STRONG;
            b->end_at = end->seq;
            b->end_why = why;
            end_before(d, b, end->seq);
            b = NULL;
            continue;
        }
        if (good(x)) {
            if (!b) {
                b = new_block(a, s);
                lead_seen = 0;
            } else if (adjacent(d, b->last, s)) {
                b->adjacent++; /* enough to confirm it; measure() counts them */
            }
            lead_seen |= (x->flags & LF_LEAD) != 0;
            b->last = s;
            b->goods++;
            b->chars += x->f.chars;
            gap = 0;
        } else if (b && counts_in_gap(x) && ++gap >= d->cfg->body_gap) {
            b->end = END_GAP;
            b->end_at = s;
            b->end_why = "article-end";
            b = NULL;
        }
    }
}

/* A block's good paragraphs that stand right next to another, and its
 * score: its body text, a paragraph that stands alone (a teaser's snippet
 * under its title, a caption) counting half. */
static void measure(struct doc *d, struct block *b)
{
    b->adjacent = 0;
    b->score = 0;
    unsigned long long prev = 0;
    int prev_next_to = 0, have_prev = 0;
    for (unsigned long long s = b->first; s <= b->last; s++) {
        const struct line_rec *x = doc_line(d, s);
        if (!good(x))
            continue;
        int next_to = have_prev && adjacent(d, prev, s);
        if (next_to && !prev_next_to) {
            b->adjacent++; /* the one before */
            b->score += (double)doc_line(d, prev)->f.chars * 0.5;
        }
        if (next_to)
            b->adjacent++;
        b->score += (double)x->f.chars * (next_to ? 1.0 : 0.5);
        prev = s;
        prev_next_to = next_to;
        have_prev = 1;
    }
}

/* --- choosing the core, extending it -------------------------------------- */

/* The core: the first confirmed block with at least body.best-share of the
 * best block's score (a small block before the article -- a channel blurb,
 * a subscription box, a comment above the article -- is passed over).
 * With none confirmed, the first block that a long gap did not end (a
 * false start is followed by one), else the last block. NULL: none. */
static struct block *choose(struct article *a, struct doc *d)
{
    double best = 0;
    for (size_t k = 0; k < a->nblocks; k++) {
        measure(d, &a->blocks[k]);
        if (confirmed(d, &a->blocks[k]) && a->blocks[k].score > best)
            best = a->blocks[k].score;
    }
    for (size_t k = 0; k < a->nblocks; k++)
        if (confirmed(d, &a->blocks[k]) && a->blocks[k].score >= d->cfg->body_best_share * best)
            return &a->blocks[k];
    for (size_t k = 0; k < a->nblocks; k++)
        if (a->blocks[k].end != END_GAP)
            return &a->blocks[k];
    return a->nblocks ? &a->blocks[a->nblocks - 1] : NULL;
}

/* The article's content words (its blocks so far and its headline), made
 * when a question needs them: most pages never ask. */
static const struct word_set *region_words(struct article *a, struct doc *d)
{
    if (a->rgn_built)
        return &a->region;
    /* the blocks added since the set was last made, at either end */
    int fresh = !a->built_lo || a->built_head != a->rgn_head;
    if (fresh) {
        word_set_clear(&a->region);
        a->built_lo = a->built_hi = NULL;
    }
    for (const struct block *b = a->rgn_lo; b && b <= a->rgn_hi; b++) {
        if (a->built_lo && b >= a->built_lo && b <= a->built_hi)
            continue;
        for (unsigned long long s = b->first; s <= b->last; s++)
            if (good(doc_line(d, s)))
                add_words(a, &a->region, d, doc_line(d, s));
    }
    if (fresh && a->rgn_head)
        add_words(a, &a->region, d, a->rgn_head);
    a->built_lo = a->rgn_lo;
    a->built_hi = a->rgn_hi;
    a->built_head = a->rgn_head;
    a->rgn_built = 1;
    return &a->region;
}

/* The share of block n's content words that the article has (0..1). */
static double cohesion(struct article *a, struct doc *d, const struct block *n)
{
    const struct word_set *region = region_words(a, d);
    word_set_clear(&a->other);
    for (unsigned long long s = n->first; s <= n->last; s++)
        if (good(doc_line(d, s)))
            add_words(a, &a->other, d, doc_line(d, s));
    if (a->other.count == 0)
        return 0;
    return (double)word_set_shared(&a->other, region) / (double)a->other.count;
}

/* Block b is part of the article. */
static void add_block_words(struct article *a, const struct block *b)
{
    if (!a->rgn_lo || b < a->rgn_lo)
        a->rgn_lo = b;
    if (!a->rgn_hi || b > a->rgn_hi)
        a->rgn_hi = b;
    a->rgn_built = 0;
}

/* Reads like an article: most of its paragraphs stand next to another
 * (a teaser list alternates titles and snippets). */
static int article_like(const struct block *b)
{
    return b->adjacent >= 2 && 2 * b->adjacent >= b->goods;
}

/* Between seq from and to (exclusive): a comment's signs (a name or a time
 * line), or another tail header. */
static int comment_or_tail(struct doc *d, unsigned long long from, unsigned long long to)
{
    for (unsigned long long s = from; s < to; s++) {
        const struct line_rec *x = doc_line(d, s);
        if (x->flags & (LF_NAME | LF_TIMESTAMP | LF_CUT))
            return 1;
    }
    return 0;
}

/* A comment's signature between seq from and to (exclusive): a time line
 * under a name line; or a tail header. */
static int signature_or_tail(struct doc *d, unsigned long long from, unsigned long long to)
{
    for (unsigned long long s = from; s < to; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->flags & LF_CUT)
            return 1;
        if (!(x->flags & LF_TIMESTAMP))
            continue;
        struct line_rec *p = text_before(d, s);
        if (p && p->f.words == 0)
            p = text_before(d, p->seq);
        if (p && p->seq >= from && name_line(d, p) && (x->flags & (LF_META | LF_AGO)))
            return 1;
    }
    return 0;
}

static unsigned pending_between(struct doc *d, unsigned long long a, unsigned long long b)
{
    unsigned k = 0;
    for (unsigned long long s = a + 1; s < b; s++)
        k += doc_line(d, s)->v == V_PENDING;
    return k;
}

static unsigned text_between(struct doc *d, unsigned long long from, unsigned long long to)
{
    unsigned k = 0;
    for (unsigned long long s = from; s < to; s++)
        k += doc_line(d, s)->v != V_BLANK;
    return k;
}

/* The text after a cut header is another article: a single title-shaped
 * line between the header and it, speaking of it as a headline of its
 * lead ("Tin khác", a title, its lead). */
static int new_article_after(struct article *a, struct doc *d, unsigned long long cut,
                             const struct line_rec *resume)
{
    struct line_rec *title = NULL;
    for (unsigned long long s = cut + 1; s < resume->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING || !title_like(x))
            continue;
        if (title)
            return 0;
        title = x;
    }
    return title && shared_words(a, d, title, doc_line(d, resume->seq)) >= 2;
}

/* Whether the article goes on in block n after block c. After a tail
 * header: body text resumes within body.gap lines, two paragraphs standing
 * together, no comment's signs, not another article. After a long gap (a
 * box: a paywall, ads, a table of contents): n reads like an article and
 * the box between is at most body.box-lines lines. Either way n speaks of
 * what the article speaks of. */
static int goes_on(struct article *a, struct doc *d, const struct block *c, const struct block *n)
{
    if (c->end == END_STRONG || c->end == END_DOC)
        return 0;
    if (c->end == END_CUT) {
        if (comment_or_tail(d, c->end_at + 1, n->first) ||
            text_between(d, c->end_at + 1, n->first) >= d->cfg->body_gap)
            return 0;
        /* the first two paragraphs after the header stand together, or
           with a sub-head between them and as long as paragraphs are (a
           teaser's snippet is a line or two) */
        unsigned long long second = n->first + 1;
        while (second <= n->last && !good(doc_line(d, second)))
            second++;
        if (second > n->last || doc_same_text(doc_line(d, n->first), doc_line(d, second)))
            return 0;
        if (!adjacent(d, n->first, second) &&
            !(pending_between(d, n->first, second) <= 1 &&
              doc_line(d, n->first)->f.chars + doc_line(d, second)->f.chars >=
                  d->cfg->body_confirm_chars))
            return 0;
        if (new_article_after(a, d, c->end_at, doc_line(d, n->first)))
            return 0;
        /* and a third one, or body.resume-lines lines with no comment's
           signature (a name, a time) after the pair */
        unsigned seen = 0;
        for (unsigned long long s = second + 1; s < d->win.next && seen < d->cfg->body_resume_lines; s++) {
            const struct line_rec *x = doc_line(d, s);
            if (good(x) || (x->flags & LF_CUT))
                break;
            if (x->flags & (LF_NAME | LF_TIMESTAMP))
                return 0;
            seen += x->v != V_BLANK;
        }
    } else {
        if (!article_like(n) || signature_or_tail(d, c->last + 1, n->first) ||
            text_between(d, c->last + 1, n->first) > d->cfg->body_box_lines)
            return 0;
    }
    return cohesion(a, d, n) >= d->cfg->body_cohesion;
}

/* A block before the core that the article starts in: the lead (and a
 * paragraph or two) that a box or a tail header ("Tin mới" inside the
 * article) set apart from the body, speaking of what the body speaks of.
 * A teaser box is not one: a title over each snippet. */
static int starts_before(struct article *a, struct doc *d, const struct block *p,
                         const struct block *c)
{
    if (p->end == END_STRONG || p->end == END_DOC)
        return 0;
    /* a teaser box is a few snippets, each under its title; a part of the
       article as long as three confirmations is not one (an interview's
       answers stand under its questions) */
    if (p->chars < 3 * d->cfg->body_confirm_chars) {
        if (p->goods > 2 && !article_like(p))
            return 0;
        for (unsigned long long s = p->first; s <= p->last; s++) {
            struct line_rec *x = doc_line(d, s), *t = live_near(d, s, -1);
            if (s > p->first && good(x) && t && t->seq > p->first && title_like(t))
                return 0;
        }
    }
    if (!goes_on(a, d, p, c))
        return 0;
    const struct word_set *region = region_words(a, d);
    word_set_clear(&a->other);
    for (unsigned long long s = p->first; s <= p->last; s++)
        if (good(doc_line(d, s)))
            add_words(a, &a->other, d, doc_line(d, s));
    return a->other.count &&
           (double)word_set_shared(&a->other, region) >= d->cfg->body_cohesion * (double)a->other.count;
}

/* --- where the article ends ------------------------------------------------ */

/* Between good paragraphs p and q: a break, a title-shaped line or a line
 * that went (a box's header, a widget's label). */
static int break_between(struct doc *d, unsigned long long p, unsigned long long q)
{
    for (unsigned long long s = p + 1; s < q; s++) {
        const struct line_rec *x = doc_line(d, s);
        if ((x->v == V_PENDING && title_like(x)) ||
            (x->v == V_DROP && !(x->flags & (LF_CAPTION | LF_COPY))))
            return 1;
    }
    return 0;
}

/* The article's last part after a break, when it is small and does not
 * speak of what the article before it speaks of: a widget in sentences
 * ("set us as your preferred source"), a donation appeal, the author's
 * bio. The article then ends before it; returns the new last good
 * paragraph (end itself when nothing is left out). */
static unsigned long long trim_tail(struct article *a, struct doc *d, struct line_rec *h,
                                    unsigned long long start, unsigned long long end)
{
    for (int round = 0; round < 3; round++) {
        /* the good paragraphs after the last break */
        unsigned long long t = end, prev = end;
        size_t tail_chars = 0, all_chars = 0;
        int found = 0;
        for (unsigned long long s = end + 1; s-- > start;) {
            if (!good(doc_line(d, s)))
                continue;
            all_chars += doc_line(d, s)->f.chars;
            if (found)
                continue;
            if (s != end && (found = break_between(d, s, prev)) != 0)
                continue;
            tail_chars += doc_line(d, s)->f.chars;
            t = s;
            prev = s;
        }
        /* a known language (its stop words out of the count), an article
           of some length, a part of it */
        if (!found || 3 * tail_chars > all_chars || all_chars < 3 * d->cfg->body_confirm_chars ||
            !d->cfg->stopwords.set.count)
            return end;
        word_set_clear(&a->other);
        word_set_clear(&a->tmp);
        if (h)
            add_words(a, &a->tmp, d, h);
        for (unsigned long long s = start; s <= end; s++)
            if (good(doc_line(d, s)))
                add_words(a, s < t ? &a->tmp : &a->other, d, doc_line(d, s));
        if ((a->other.count < 8 ||
            (double)word_set_shared(&a->other, &a->tmp) >= d->cfg->body_tail_cohesion * (double)a->other.count))
            return end;
        /* the article ends at the good paragraph before the break */
        unsigned long long e = t;
        while (e-- > start && !good(doc_line(d, e)))
            ;
        if (e < start || !good(doc_line(d, e)))
            return end;
        end = e;
    }
    return end;
}

/* --- where the article starts ----------------------------------------------- */

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
static unsigned long long after_teasers(struct article *a, struct doc *d, const struct block *b,
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
 * caption detector dropped it: alt text, then the headline again). */
static int headline_candidate(const struct line_rec *x)
{
    if (!(x->flags & LF_TITLE) || (x->flags & (LF_NAME | LF_ELLIPSIS | LF_META | LF_CAPTION)))
        return 0;
    if ((x->flags & LF_LINK) && !(x->flags & LF_HEADING))
        return 0;
    return x->v == V_PENDING || (x->v == V_DROP && (x->flags & LF_COPY) && x->why &&
                                 !strcmp(x->why, "caption"));
}

/* Whether x's text stands elsewhere in the window: the same line, the end
 * of another (a breadcrumb ending in the title), or the start of one with
 * the site's name after it ("Title - Site"). A headline is often repeated
 * so; a caption or a share bar is not. */
static int repeated(struct doc *d, const struct line_rec *x)
{
    size_t n = x->norm.len;
    for (unsigned long long s = d->win.base; s < d->win.next; s++) {
        const struct line_rec *y = doc_line(d, s);
        if (y == x || y->norm.len < n || y->v == V_BLANK)
            continue;
        if (y->norm.len == n ? doc_same_text(x, y)
                             : (!memcmp(y->norm.p + y->norm.len - n, x->norm.p, n) &&
                                y->norm.p[y->norm.len - n - 1] == ' ') ||
                                   (!memcmp(y->norm.p, x->norm.p, n) && y->norm.p[n] == ' ' &&
                                    y->norm.len > n + 2 && strchr("-|–—:", y->norm.p[n + 1])))
            return 1;
    }
    return 0;
}

/* A line shaped like a caption or a label, not a headline: two sentences
 * ("... nettsiden. Les mer"), a label in capitals first ("BESØK: ..."),
 * parts set apart by "|" (a date line, a share bar). */
static int not_a_title(const struct line_rec *x)
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

/* The headline of the text that starts at good paragraph g: among the
 * title-shaped lines held in the last body.headline-lookback lines before
 * it, the one that speaks most of g and the paragraph after it (shared
 * content words), is repeated elsewhere on the page (a breadcrumb, the
 * page's title) or marked as a heading, the nearest winning a tie and
 * each line further up counting against it. A standfirst under the title
 * shares more words than the title does: when the line chosen is long and
 * a shorter candidate stands right above it, that one is the headline and
 * the long one the lead (*lead). */
static struct line_rec *find_headline(struct article *a, struct doc *d, struct line_rec *g,
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
        if (!headline_candidate(x) || not_a_title(x) || nc == 64)
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
            sc += 3;
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
    return best;
}

static void set_headline(struct article *a, struct doc *d, struct line_rec *h)
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

/* --- inside the article ----------------------------------------------------- */

/* Paragraphs of this page stand apart (blank lines between them): then a
 * title glued to the text below it says "teaser card". */
static int paragraphs_apart(struct doc *d)
{
    unsigned apart = 0, tight = 0;
    for (unsigned long long s = d->win.base; s < d->win.next; s++) {
        const struct line_rec *x = doc_line(d, s);
        if (!(x->flags & LF_GOOD) || x->v == V_BLANK)
            continue;
        const struct line_rec *above = s > d->win.base ? doc_line(d, s - 1) : NULL;
        if (x->flags & LF_AFTER_BLANK)
            apart++;
        else if (!above || !title_like(above))
            tight++;
    }
    return apart >= 2 && apart > 2 * tight;
}

/* Good paragraph l is a teaser card's snippet: glued under a title-shaped
 * line that starts its block (after a blank line, or after a line that
 * went). Its title, or NULL. */
static struct line_rec *card_title(struct doc *d, struct line_rec *l)
{
    if ((l->flags & LF_AFTER_BLANK) || l->seq == 0 || l->seq <= d->win.base)
        return NULL;
    struct line_rec *t = doc_line(d, l->seq - 1);
    struct line_rec *above = t->seq > d->win.base ? doc_line(d, t->seq - 1) : NULL;
    int starts = (t->flags & LF_AFTER_BLANK) || (above && above->v == V_DROP);
    if (!starts || !title_like(t) || (t->flags & (LF_HEADLINE | LF_PROTECTED)) ||
        (t->v != V_PENDING && t->v != V_KEEP))
        return NULL;
    return t;
}

static void drop_card(struct line_rec *t, struct line_rec *n)
{
    t->flags |= LF_TEASER;
    n->flags |= LF_TEASER;
    doc_drop(t, "teaser-card");
    doc_drop(n, "teaser-card");
}

/* Two teaser cards in a row with nothing kept or pending between them go;
 * a single one at the end of the article goes too (see the tail). Returns
 * the last card's snippet still standing at the end, or NULL. */
static struct line_rec *teaser_cards(struct doc *d, unsigned long long start, unsigned long long end)
{
    if (!paragraphs_apart(d))
        return NULL;
    struct line_rec *last_t = NULL, *last_n = NULL;
    for (unsigned long long s = start; s <= end; s++) {
        struct line_rec *l = doc_line(d, s);
        if (!good(l) && !(l->v == V_KEEP && (l->flags & LF_GOOD)))
            continue;
        struct line_rec *t = card_title(d, l);
        if (!t)
            continue;
        int between = 0;
        for (unsigned long long k = last_n ? last_n->seq + 1 : s; last_n && k < t->seq; k++)
            between |= doc_line(d, k)->v == V_PENDING || doc_line(d, k)->v == V_KEEP;
        if (last_n && !between && last_n->v != V_BLANK) {
            drop_card(last_t, last_n);
            drop_card(t, l);
        }
        last_t = t;
        last_n = l;
    }
    return last_n && last_n->v != V_DROP ? last_n : NULL;
}

/* The pending lines in a gap inside the article (from, to): kept
 * (sub-heads, captions, list items), except runs of body.link-run or more
 * link titles; lines already decided neither count in a run nor break
 * it. After a box header (block rule), the lines up to the next body text
 * go with it. */
static void resolve_gap(struct doc *d, unsigned long long from, unsigned long long to,
                        const char **box)
{
    unsigned long long run_start = 0;
    unsigned run = 0;
    for (unsigned long long s = from; s <= to; s++) {
        struct line_rec *x = s < to ? doc_line(d, s) : NULL;
        if (x && (x->flags & LF_BLOCK))
            *box = x->why;
        /* one capitalised word between paragraphs is a sub-head, not a
           byline ("Selvstændighed") */
        if (x && x->v == V_DROP && (x->flags & LF_NAME) && x->f.words == 1 && !*box &&
            x->why && !strcmp(x->why, "byline")) {
            x->v = V_PENDING;
            x->why = NULL;
        }
        if (x && x->v != V_PENDING)
            continue;
        if (x && *box) {
            doc_drop(x, *box);
            continue;
        }
        if (x && linkish(x)) {
            if (run++ == 0)
                run_start = s;
            continue;
        }
        if (run >= d->cfg->body_link_run)
            for (unsigned long long k = run_start; k < s; k++)
                if (doc_line(d, k)->v == V_PENDING)
                    doc_drop(doc_line(d, k), "link-run");
        run = 0;
    }
    for (unsigned long long s = from; s < to; s++)
        if (doc_line(d, s)->v == V_PENDING)
            doc_keep(doc_line(d, s), "body");
}

/* A line held just before a tail header that the article resumes after:
 * a caption or a whole sentence stays; widget labels go with the header. */
static int before_cut_text(const struct doc *d, const struct line_rec *x)
{
    return (x->flags & LF_CAPTION) ||
           ((x->flags & LF_SENTENCE) && !(x->flags & (LF_ELLIPSIS | LF_META)) &&
            x->f.words >= d->cfg->body_tail_words);
}

/* The box between block c and the block after it that the article goes on
 * in: its lines go, for the tail header's rule or as a box. */
static void drop_box(struct doc *d, const struct block *c, const struct block *n)
{
    for (unsigned long long s = c->last + 1; s < n->first; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING)
            continue;
        if (c->end == END_CUT && s < c->end_at && before_cut_text(d, x))
            continue;
        doc_drop(x, c->end == END_CUT ? c->end_why : "box");
    }
}

/* A short last paragraph: long enough, or a whole short sentence ("Cảm ơn
 * Bộ trưởng."), and not a title, a name or a date. */
static int tail_line(struct article *a, struct doc *d, const struct line_rec *x,
                     int right_after_body)
{
    const struct detect_config *c = d->cfg;
    if (c->body_tail_words == 0 || (x->flags & (LF_NAME | LF_TIMESTAMP | LF_META | LF_LINK)))
        return 0;
    if ((x->flags & LF_SENTENCE) && !(x->flags & LF_ELLIPSIS) && x->f.words >= 2)
        return 1;
    if (x->f.words < c->body_tail_words)
        return 0;
    /* a tag line: no function word, no punctuation ("grønland
       selvstændighed samfund ...") */
    unsigned stops = detect_stopwords(c, x, &a->scratch);
    if (c->stopwords.set.count && stops == 0 && !memchr(x->norm.p, ',', x->norm.len) &&
        !memchr(x->norm.p, '.', x->norm.len))
        return 0;
    /* a title has few function words; a closing sentence with a smiley
       ("... cũng mê. :P") has as many as running text */
    return !(x->flags & LF_TITLE) ||
           (right_after_body && (double)stops >= c->body_stop_ratio * (double)x->f.words);
}

/* --- the whole ------------------------------------------------------------- */

/* Without the body detector: every pending line is kept; a cut header
 * after the first kept line ends the text, a box header drops the lines
 * after it up to the next body text. */
static void keep_all(struct article *a, struct doc *d, unsigned long long from)
{
    const char *box = NULL;
    for (unsigned long long s = from; s < d->win.next; s++) {
        struct line_rec *x = doc_line(d, s);
        if (a->state == ART_ENDED) {
            doc_drop(x, a->end_why);
            continue;
        }
        if ((x->flags & LF_CUT) && a->state == ART_OPEN) {
            a->state = ART_ENDED;
            a->end_why = x->why;
            continue;
        }
        if ((x->flags & LF_BLOCK) && a->state == ART_OPEN)
            box = x->why;
        if (x->v != V_PENDING) {
            if (x->v == V_KEEP)
                a->state = ART_OPEN;
            continue;
        }
        if (box && !(x->flags & LF_GOOD)) {
            doc_drop(x, box);
            continue;
        }
        box = NULL;
        doc_keep(x, "default");
        a->state = ART_OPEN;
    }
}

/* Copies of the headline inside the article: the same text ("repeat"),
 * or the text with a short suffix (" - Hình 1": "alt-text"). */
static void headline_copies(struct article *a, struct doc *d, unsigned long long from,
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

/* The article is the region [start, end] of the window, its headline h
 * (or NULL), made of blocks core .. last: decide every pending line. */
static void settle(struct article *a, struct doc *d, struct line_rec *h, unsigned long long start,
                   const struct block *core, const struct block *last, unsigned long long end,
                   const char *before_why)
{
    int trimmed = end != last->last;
    /* a short standfirst in a sentence right above the text, under the
       headline (its photo's caption and the byline may stand between) */
    for (unsigned long long s = start; h && s-- > h->seq + 1;) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_BLANK || x->v == V_DROP)
            continue;
        if (x->v == V_PENDING && (x->flags & LF_SENTENCE) && x->f.words >= 5 &&
            !(x->flags & (LF_META | LF_NAME | LF_TEASER | LF_CAPTION | LF_ELLIPSIS | LF_LINK |
                          LF_TITLE)))
            doc_keep(x, "lead");
        break;
    }
    for (unsigned long long s = d->win.base; s < start; s++) {
        struct line_rec *x = doc_line(d, s);
        /* the lead photo's caption, between the headline and the text */
        if (h && s > h->seq && x->v == V_PENDING && (x->flags & LF_CAPTION))
            doc_keep(x, "body");
        else if (x != h && x->v == V_PENDING)
            doc_drop(x, before_why);
    }
    if (h)
        set_headline(a, d, h);
    struct line_rec *card = teaser_cards(d, start, end);
    const char *box = NULL;
    unsigned long long from = start;
    for (const struct block *b = core; b <= last && b->first <= end; b++) {
        if (b > core) {
            drop_box(d, b - 1, b);
            box = NULL;
        }
        /* the good lines and the gaps between them */
        for (unsigned long long s = b == core ? from : b->first; s <= b->last && s <= end; s++) {
            struct line_rec *x = doc_line(d, s);
            if (!good(x))
                continue;
            resolve_gap(d, from, s, &box);
            box = NULL;
            doc_keep(x, "body");
            from = s + 1;
        }
    }
    headline_copies(a, d, start, end);
    /* the last paragraphs: up to body.tail-lines short lines right after
       the body, with nothing dropped between them; none after a teaser
       card, and after a tail header only the lines before it */
    int trailing = 0;
    if (card && card->v == V_KEEP) {
        trailing = 1;
        for (unsigned long long s = card->seq + 1; s <= end; s++)
            trailing &= doc_line(d, s)->v != V_KEEP;
        if (trailing)
            drop_card(doc_line(d, card->seq - 1), card);
    }
    unsigned tails = trailing || trimmed ? 0 : d->cfg->body_tail_lines;
    /* the last paragraph stands in the gap that ended the article, or
       before the header or the line that ended it */
    unsigned long long tail_end = last->end == END_DOC ? d->win.next
                                  : last->end == END_GAP ? last->end_at + 1
                                                         : last->end_at;
    int taken = 0, right_after_body = 1;
    const char *why = last->end_why && !trimmed ? last->end_why : "article-end";
    for (unsigned long long s = end + 1; s < d->win.next; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->flags & LF_BLOCK)
            tails = 0; /* a box's titles are not the article's last lines */
        if (x->v == V_DROP) {
            right_after_body = 0;
            if (taken)
                tails = 0;
        }
        if (x->v == V_KEEP)
            right_after_body = 1;
        if (x->v != V_PENDING)
            continue;
        if (tails && s < tail_end && tail_line(a, d, x, right_after_body)) {
            doc_keep(x, "body-tail");
            tails--;
            taken = 1;
        } else {
            doc_drop(x, why);
            tails = 0;
        }
    }
    a->end_why = why;
}

/* The verdicts of the lines from seq from on, as the rules and the line
 * detectors left them: a decision that is not final is taken back there. */
static void save(struct article *a, struct doc *d, unsigned long long from)
{
    size_t n = (size_t)(d->win.next - from);
    a->saved = xgrow(a->saved, &a->saved_cap, n ? n : 1, sizeof *a->saved);
    for (size_t i = 0; i < n; i++) {
        const struct line_rec *x = doc_line(d, from + i);
        a->saved[i].v = x->v;
        a->saved[i].why = x->why;
        a->saved[i].flags = x->flags;
    }
}

static void restore(struct article *a, struct doc *d, unsigned long long from)
{
    for (unsigned long long s = from; s < d->win.next; s++) {
        struct line_rec *x = doc_line(d, s);
        x->v = a->saved[s - from].v;
        x->why = a->saved[s - from].why;
        x->flags = a->saved[s - from].flags;
    }
}

unsigned long long article_decide(struct article *a, struct doc *d, int final)
{
    unsigned long long base = d->win.base, next = d->win.next;
    unsigned long long commit = final ? next : base + (next - base + 1) / 2;
    if (!final)
        save(a, d, commit);
    if (!d->cfg->on[DET_BODY]) {
        keep_all(a, d, base);
        return d->win.next;
    }
    if (a->state == ART_ENDED) {
        for (unsigned long long s = base; s < next; s++)
            doc_drop(doc_line(d, s), a->end_why);
        return next;
    }
    a->rgn_lo = a->rgn_hi = a->built_lo = a->built_hi = NULL;
    a->rgn_head = NULL;
    a->built_head = NULL;
    a->rgn_built = 0;
    find_blocks(a, d, base);
    struct block *core;
    struct line_rec *h = NULL, *lead = NULL;
    unsigned long long start;
    if (a->state == ART_OPEN) {
        /* the article goes on from the last window: its first block, if
           body text comes back soon enough */
        core = a->nblocks ? &a->blocks[0] : NULL;
        if (core)
            measure(d, core);
        if (!core || text_between(d, base, core->first) >= d->cfg->body_gap) {
            a->state = ART_ENDED;
            for (unsigned long long s = base; s < next; s++)
                doc_drop(doc_line(d, s), a->end_why ? a->end_why : "article-end");
            return next;
        }
        start = base;
    } else {
        core = choose(a, d);
        if (!core) {
            for (unsigned long long s = base; s < next; s++)
                doc_drop(doc_line(d, s), "chrome");
            if (!final)
                restore(a, d, commit);
            return commit;
        }
        add_block_words(a, core);
        while (core > a->blocks && starts_before(a, d, core - 1, core)) {
            core--;
            add_block_words(a, core);
        }
        start = after_teasers(a, d, core, &h);
        if (!h)
            h = find_headline(a, d, doc_line(d, start), base, &lead);
        a->rgn_head = h;
        a->rgn_built = 0;
    }
    if (a->state == ART_OPEN)
        add_block_words(a, core);
    const struct block *last = core;
    while (last + 1 < a->blocks + a->nblocks && goes_on(a, d, last, last + 1)) {
        last++;
        add_block_words(a, last);
    }
    /* what the article's start left out of its core block */
    for (unsigned long long s = core->first; s < start && a->state != ART_OPEN; s++)
        if (doc_line(d, s)->v == V_PENDING && doc_line(d, s) != h)
            doc_drop(doc_line(d, s), "teaser-box");
    if (lead)
        doc_keep(lead, "lead");
    unsigned long long end = final ? trim_tail(a, d, h, start, last->last) : last->last;
    settle(a, d, h, start, core, last, end, a->state == ART_OPEN ? "body" : "chrome");
    if (!final) {
        /* the part held back is decided again with what follows; the
           article goes on into it, ended before it, or is still to come */
        restore(a, d, commit);
        if (start < commit)
            a->state = last->last >= commit && last->end == END_DOC ? ART_OPEN : ART_ENDED;
    }
    return commit;
}
