/* article_internal.h: what the article's files share (article.c decides,
 * article_blocks.c finds and joins the blocks of body text,
 * article_headline.c finds the headline and the start, article_inside.c
 * settles the lines inside the article and its end). Not for other
 * modules: article.h is the article's interface. */
#ifndef CLEANER_ARTICLE_INTERNAL_H
#define CLEANER_ARTICLE_INTERNAL_H

#include <string.h>

#include "article.h"
#include "detect.h"

/* --- what a paragraph is -------------------------------------------------- */

static inline int good(const struct line_rec *x)
{
    return x->v == V_PENDING && (x->flags & LF_GOOD);
}

/* Shaped like a title, and not body text or a caption. */
static inline int title_like(const struct line_rec *x)
{
    return (x->flags & LF_TITLE) && !(x->flags & (LF_GOOD | LF_CAPTION));
}

/* The title of a link: title-shaped (a question or an exclamation is a
 * title too), no ";" inside (line-ups); a list item only when it is as
 * long as a headline (a list of links: "* Title of another article"),
 * not a short item of a list in the text. */
static inline int linkish(const struct line_rec *l)
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
static inline int long_question(const struct doc *d, const struct line_rec *x)
{
    return (x->flags & LF_TITLE) && x->norm.len && x->norm.p[x->norm.len - 1] == '?' &&
           x->f.words >= d->cfg->body_good_words;
}

/* Whether a paragraph that is not body text counts in a gap: captions,
 * alt text and protected lines are the article's own furniture. */
static inline int counts_in_gap(const struct line_rec *x)
{
    return x->v != V_BLANK && !(x->flags & (LF_PROTECTED | LF_CAPTION | LF_COPY)) && !good(x);
}

/* The held paragraph before (dir < 0) or after seq that is pending or
 * kept, skipping blank and dropped ones; NULL at the window's edge. */
static inline struct line_rec *live_near(struct doc *d, unsigned long long seq, int dir)
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
static inline struct line_rec *text_before(struct doc *d, unsigned long long seq)
{
    for (unsigned long long s = seq; s-- > d->win.base;)
        if (doc_line(d, s)->v != V_BLANK)
            return doc_line(d, s);
    return NULL;
}

/* A person's name alone, as a byline or a comment's signature: name-
 * shaped, or one said twice ("Jane Doe Jane Doe", the teaser detector's
 * self-doubled line). */
static inline int name_line(const struct doc *d, const struct line_rec *x)
{
    /* a word of three letters or fewer ("AP", "TT") is an agency */
    if (x->flags & LF_NAME)
        return x->f.words > 1 || x->f.chars > 3;
    return (x->flags & LF_TEASER) && x->f.upper == x->f.words && !x->f.digits &&
           x->f.words <= 2 * d->cfg->byline_max_words && x->f.words % 2 == 0;
}

static inline void add_words(struct article *a, struct word_set *w, const struct doc *d,
                      struct line_rec *x)
{
    size_t n;
    const uint64_t *k = word_keys(x, d->cfg, &a->scratch, &n);
    word_set_add_keys(w, k, n);
}

/* Content words x and y share. */
static inline size_t shared_words(struct article *a, const struct doc *d, struct line_rec *x,
                           struct line_rec *y)
{
    word_set_clear(&a->other);
    word_set_clear(&a->tmp);
    add_words(a, &a->other, d, y);
    add_words(a, &a->tmp, d, x);
    return word_set_shared(&a->tmp, &a->other);
}

/* Good paragraphs a and b with nothing pending or kept between them. */
static inline int adjacent(struct doc *d, unsigned long long a, unsigned long long b)
{
    for (unsigned long long s = a + 1; s < b; s++) {
        const struct line_rec *x = doc_line(d, s);
        /* a long question then its answer stand together (interviews) */
        if ((x->v == V_PENDING && !long_question(d, x)) || x->v == V_KEEP)
            return 0;
    }
    return 1;
}

static inline unsigned pending_between(struct doc *d, unsigned long long a, unsigned long long b)
{
    unsigned k = 0;
    for (unsigned long long s = a + 1; s < b; s++)
        k += doc_line(d, s)->v == V_PENDING;
    return k;
}

/* The characters of the paragraphs still standing from seq a to b, both
 * included (a piece of a sentence split at a link between two paragraphs
 * counts with them). */
static inline size_t chars_from_to(struct doc *d, unsigned long long a, unsigned long long b)
{
    size_t k = 0;
    for (unsigned long long s = a; s <= b; s++) {
        const struct line_rec *x = doc_line(d, s);
        k += x->v == V_PENDING || x->v == V_KEEP || s == a || s == b ? x->f.chars : 0;
    }
    return k;
}

/* The paragraphs of text from seq from to to (exclusive), blank ones left
 * out; with seen_only, markup a tool let through too (a reader sees none
 * of it, however many lines a card's HTML takes). */
static inline unsigned text_between(struct doc *d, unsigned long long from, unsigned long long to,
                                    int seen_only)
{
    unsigned k = 0;
    const struct line_rec *last = NULL;
    for (unsigned long long s = from; s < to; s++) {
        const struct line_rec *x = doc_line(d, s);
        if (x->v == V_BLANK || (seen_only && (x->flags & LF_MARKUP)))
            continue;
        /* a box's entry given twice (an image's title, then the title) is
           one entry */
        k += !last || !doc_same_text(last, x);
        last = x;
    }
    return k;
}

/* The comments at each definition say more. */

/* --- article_blocks.c: blocks of body text, the core, its extent ----------- */

/* Find the blocks of body text from paragraph from on (into a->blocks). */
void art_find_blocks(struct article *a, struct doc *d, unsigned long long from);
/* Count a block's adjacent good paragraphs and score it. */
void art_measure(struct doc *d, struct block *b);
/* The core block, or NULL when there is none. */
struct block *art_choose(struct article *a, struct doc *d);
/* Block b is part of the article: its words join the article's. */
void art_add_block(struct article *a, const struct block *b);
/* The article goes on from block c into block n; lead: c is one
 * paragraph above the core n (its byline and date may stand between). */
int art_goes_on(struct article *a, struct doc *d, const struct block *c, const struct block *n,
                int lead);
/* The article starts in block p, before its core c. */
int art_starts_before(struct article *a, struct doc *d, const struct block *p,
                      const struct block *c);

/* --- article_headline.c: where the article starts, its headline ------------ */

/* Where the article starts in block b after a teaser box (*head: the
 * title over it, or NULL). */
unsigned long long art_after_teasers(struct article *a, struct doc *d, const struct block *b,
                                     struct line_rec **head);
/* The headline above good paragraph g, no higher than floor, or NULL
 * (*lead: a standfirst under it). */
struct line_rec *art_find_headline(struct article *a, struct doc *d, struct line_rec *g,
                                   unsigned long long floor, struct line_rec **lead);
/* Shaped like a caption or a label, not a title: two sentences, a label
 * in capitals and a colon first, parts set apart by "|". */
int art_not_a_title(const struct line_rec *x);
/* Title-shaped x reads as running text (a standfirst written without a
 * final stop): body.good-words words or more, as rich in stop words as
 * body text (body.stop-ratio), one sentence, no label. */
int art_running_text(struct article *a, struct doc *d, const struct line_rec *x);
/* Keep h as the headline; its copies are then dropped. */
void art_set_headline(struct article *a, struct doc *d, struct line_rec *h);
/* Drop copies of the headline among paragraphs from..to. */
void art_headline_copies(struct article *a, struct doc *d, unsigned long long from,
                         unsigned long long to);

/* --- article_inside.c: inside the article, where it ends ------------------- */

/* The article's new last good paragraph when its trailing part speaks of
 * other things; end when it does not. */
unsigned long long art_trim_tail(struct article *a, struct doc *d, struct line_rec *h,
                                 unsigned long long start, unsigned long long end);
/* Drop title t and snippet n as a teaser card. */
void art_drop_card(struct line_rec *t, struct line_rec *n);
/* Drop teaser cards in a row between start and end; the last one standing. */
struct line_rec *art_teaser_cards(struct article *a, struct doc *d, unsigned long long start,
                                  unsigned long long end);
/* Drop the summary boxes (a summary rule's header, its items, closed by a
 * line a rule dropped) up to end. */
void art_drop_summaries(struct doc *d, unsigned long long end);
/* Decide the pending lines of a gap inside the article. */
void art_resolve_gap(struct doc *d, unsigned long long from, unsigned long long to,
                     const char **box);
/* Drop the box between blocks c and n. */
void art_drop_box(struct doc *d, const struct block *c, const struct block *n);
/* x may be the article's short last paragraph. */
int art_tail_line(struct article *a, struct doc *d, const struct line_rec *x,
                  int right_after_body);

#endif
