/* article_blocks: the blocks of body text in the window, the core chosen
 * among them, and the blocks the article goes on in (see article.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article_internal.h"
#include "text.h"
#include "xalloc.h"

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
void art_find_blocks(struct article *a, struct doc *d, unsigned long long from)
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
                b->adjacent++; /* enough to confirm it; art_measure() counts them */
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
void art_measure(struct doc *d, struct block *b)
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

/* The core: the first confirmed block with at least body.best-share of the
 * best block's score (a small block before the article -- a channel blurb,
 * a subscription box, a comment above the article -- is passed over).
 * With none confirmed, the first block that a long gap did not end (a
 * false start is followed by one), else the last block. NULL: none. */
struct block *art_choose(struct article *a, struct doc *d)
{
    double best = 0;
    for (size_t k = 0; k < a->nblocks; k++) {
        art_measure(d, &a->blocks[k]);
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
void art_add_block(struct article *a, const struct block *b)
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
 * line), or another tail header. A name line a rule knows is not a
 * commenter's: a teaser's byline ("Von Ines Zöttl"), a button. */
static int comment_or_tail(struct doc *d, unsigned long long from, unsigned long long to)
{
    for (unsigned long long s = from; s < to; s++) {
        const struct line_rec *x = doc_line(d, s);
        if ((x->flags & (LF_TIMESTAMP | LF_CUT)) ||
            ((x->flags & LF_NAME) && !(x->flags & LF_RULE_HIT)))
            return 1;
    }
    return 0;
}

/* A comment's signature between seq from and to (exclusive): a time line
 * under a name line; or a tail header. Under a lead (the first paragraph
 * set apart above the body) a name over a time is the article's byline. */
static int signature_or_tail(struct doc *d, unsigned long long from, unsigned long long to,
                             int lead)
{
    for (unsigned long long s = from; s < to; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->flags & LF_CUT)
            return 1;
        if (lead || !(x->flags & LF_TIMESTAMP))
            continue;
        struct line_rec *p = text_before(d, s);
        if (p && p->f.words == 0)
            p = text_before(d, p->seq);
        if (p && p->seq >= from && name_line(d, p) && (x->flags & (LF_META | LF_AGO)))
            return 1;
    }
    return 0;
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
int art_goes_on(struct article *a, struct doc *d, const struct block *c, const struct block *n,
                int lead)
{
    if (c->end == END_STRONG || c->end == END_DOC)
        return 0;
    if (c->end == END_CUT) {
        if (comment_or_tail(d, c->end_at + 1, n->first) ||
            text_between(d, c->end_at + 1, n->first, 1) >= d->cfg->body_gap)
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
              chars_from_to(d, n->first, second) >= d->cfg->body_confirm_chars))
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
            /* a name-shaped line a rule knows ("Feedback", "Teilen") is a
               button, not a commenter's name; a time is a time */
            if ((x->flags & LF_TIMESTAMP) || ((x->flags & LF_NAME) && !(x->flags & LF_RULE_HIT)))
                return 0;
            seen += x->v != V_BLANK;
        }
    } else {
        if (!article_like(n) || signature_or_tail(d, c->last + 1, n->first, lead) ||
            text_between(d, c->last + 1, n->first, 0) > d->cfg->body_box_lines)
            return 0;
    }
    return cohesion(a, d, n) >= d->cfg->body_cohesion;
}

/* A block before the core that the article starts in: the lead (and a
 * paragraph or two) that a box or a tail header ("Tin mới" inside the
 * article) set apart from the body, speaking of what the body speaks of.
 * A teaser box is not one: a title over each snippet. */
int art_starts_before(struct article *a, struct doc *d, const struct block *p,
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
    if (!art_goes_on(a, d, p, c, p->goods == 1))
        return 0;
    const struct word_set *region = region_words(a, d);
    word_set_clear(&a->other);
    for (unsigned long long s = p->first; s <= p->last; s++)
        if (good(doc_line(d, s)))
            add_words(a, &a->other, d, doc_line(d, s));
    /* two words in common say nothing of a short block (a login box's
       "your account ... read more") */
    size_t shared = word_set_shared(&a->other, region);
    return shared >= 3 && (double)shared >= d->cfg->body_cohesion * (double)a->other.count;
}
