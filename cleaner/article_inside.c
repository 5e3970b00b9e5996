/* article_inside: the lines inside the article (gaps, boxes, teaser cards)
 * and where it ends (a trailing part that speaks of other things, the last
 * short paragraphs) (see article.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article_internal.h"
#include "text.h"
#include "xalloc.h"

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
unsigned long long art_trim_tail(struct article *a, struct doc *d, struct line_rec *h,
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
 * went), and that is one piece (a title glued from pieces split at links
 * is the start of a sentence whose next piece starts with a name). Its
 * title, or NULL. */
static struct line_rec *card_title(struct doc *d, struct line_rec *l)
{
    if ((l->flags & LF_AFTER_BLANK) || l->seq == 0 || l->seq <= d->win.base)
        return NULL;
    struct line_rec *t = doc_line(d, l->seq - 1);
    struct line_rec *above = t->seq > d->win.base ? doc_line(d, t->seq - 1) : NULL;
    int starts = (t->flags & LF_AFTER_BLANK) || (above && above->v == V_DROP);
    if (!starts || !title_like(t) || (t->flags & (LF_HEADLINE | LF_PROTECTED | LF_PIECES)) ||
        (t->v != V_PENDING && t->v != V_KEEP))
        return NULL;
    return t;
}

/* Good paragraph l of wrapped text is a teaser card whose title filled
 * the width and was glued to its snippet by the wrapping: it starts its
 * block and is no longer than a snippet; its first physical line reads as
 * a title and the rest starts with a capital (detect_head_split), the
 * title has no comma (a sentence's clauses have), and the snippet says
 * again what the title says (a third of the title's content words, three
 * at least: a paragraph's first line shares a word or two with the rest, a
 * snippet most of its title's). scratch is working space. */
static int glued_card(struct doc *d, struct buf *scratch, const struct line_rec *l)
{
    const struct detect_config *c = d->cfg;
    if (!good(l) || !(l->flags & LF_AFTER_BLANK) || l->head_words < c->body_title_min_words ||
        l->head_words > c->body_title_max_words || l->f.chars > c->body_confirm_chars ||
        (l->flags & (LF_LIST | LF_HEADLINE | LF_PROTECTED | LF_PIECES)))
        return 0;
    const char *t = l->norm.p;
    size_t n = l->norm.len, head_end, start;
    if (!detect_head_split(c, l, scratch, &head_end, &start) || memmem(t, head_end, ", ", 2))
        return 0;
    struct buf keys = { 0 };
    struct word_set title = { 0 }, snippet = { 0 };
    word_keys_of(t, head_end, c, scratch, &keys);
    size_t nh = keys.len / sizeof(uint64_t);
    word_set_add_keys(&title, (const uint64_t *)(const void *)keys.p, nh);
    keys.len = 0;
    word_keys_of(t + start, n - start, c, scratch, &keys);
    word_set_add_keys(&snippet, (const uint64_t *)(const void *)keys.p, keys.len / sizeof(uint64_t));
    size_t shared = word_set_shared(&title, &snippet);
    buf_free(&keys);
    word_set_free(&title);
    word_set_free(&snippet);
    return shared >= 3 && 3 * shared >= nh;
}

void art_drop_card(struct line_rec *t, struct line_rec *n)
{
    t->flags |= LF_TEASER;
    n->flags |= LF_TEASER;
    doc_drop(t, "teaser-card");
    doc_drop(n, "teaser-card");
}

/* On a page whose paragraphs stand together (no blank line between them,
 * as Debian html2text writes), a title over one paragraph is a sub-head
 * as often as a teaser card. A run of them that ends the article, each
 * title over one short paragraph and under text, is a teaser box (a
 * section under a sub-head is rarely one short paragraph, and not
 * body.box-units times in a row as the article's last part, nor more
 * than the text above it): it goes, and the article ends above it. */
static void tight_card_run(struct doc *d, unsigned long long start, unsigned long long end)
{
    unsigned long long s = end;
    unsigned cards = 0;
    while (s >= start + 2) {
        const struct line_rec *l = doc_line(d, s), *t = doc_line(d, s - 1);
        if (!good(l) || l->f.chars > d->cfg->body_confirm_chars || t->v != V_PENDING ||
            !title_like(t) || (t->flags & (LF_HEADLINE | LF_PROTECTED | LF_PIECES)) ||
            !good(doc_line(d, s - 2)))
            break;
        cards++;
        s -= 2;
    }
    if (cards < d->cfg->body_box_units)
        return;
    /* and the box is the smaller part: an article of titled short
       sections (a list of tips) is not a box */
    size_t box_chars = 0, text_chars = 0;
    for (unsigned long long k = start; k <= end; k++) {
        const struct line_rec *x = doc_line(d, k);
        if (k > s)
            box_chars += x->f.chars;
        else if (good(x))
            text_chars += x->f.chars;
    }
    if (text_chars < box_chars)
        return;
    for (unsigned k = 0; k < cards; k++)
        art_drop_card(doc_line(d, end - 2 * k - 1), doc_line(d, end - 2 * k));
}

/* A line the author's name was dropped from: a signature ("Tâm Hằng
 * (TTXVN)"), not a one-word sub-head. */
static int signature(const struct line_rec *x)
{
    return x->v == V_DROP && (x->flags & LF_NAME) && x->f.words >= 2;
}

/* The article's last good paragraph, when it is short and stands under
 * the author's signature that follows the text (text, "Name (Agency)",
 * a teaser's title and snippet): the article ended at the signature, and
 * the paragraph (with a title right above it) goes as a teaser card. On
 * a page whose paragraphs stand together the title is often glued into
 * the snippet's paragraph; either way nothing after the author's name is
 * the article's. */
static void signed_card(struct doc *d, unsigned long long start, unsigned long long end)
{
    unsigned long long s = end;
    while (s > start && !good(doc_line(d, s)))
        s--;
    struct line_rec *l = doc_line(d, s);
    if (s < start + 2 || !good(l) || l->f.chars > d->cfg->body_confirm_chars)
        return;
    struct line_rec *t = text_before(d, s);
    int titled = t && t->v == V_PENDING && title_like(t) &&
                 !(t->flags & (LF_HEADLINE | LF_PROTECTED | LF_PIECES));
    struct line_rec *sig = titled ? text_before(d, t->seq) : t;
    if (!sig || sig->seq <= start || !signature(sig))
        return;
    struct line_rec *text = text_before(d, sig->seq);
    if (!text || text->seq < start || !good(text))
        return;
    if (titled) {
        art_drop_card(t, l);
    } else {
        l->flags |= LF_TEASER;
        doc_drop(l, "teaser-card");
    }
}

/* On a page whose paragraphs stand apart: two teaser cards in a row with
 * nothing kept or pending between them go (a card is a title over its
 * snippet, or one paragraph when the wrapping glued them). Returns the
 * last card's snippet, or NULL. */
static struct line_rec *card_pairs(struct article *a, struct doc *d, unsigned long long start,
                                   unsigned long long end)
{
    struct line_rec *last_t = NULL, *last_n = NULL;
    for (unsigned long long s = start; s <= end; s++) {
        struct line_rec *l = doc_line(d, s);
        if (!good(l) && !(l->v == V_KEEP && (l->flags & LF_GOOD)))
            continue;
        struct line_rec *t = card_title(d, l);
        if (!t && l->head_words && glued_card(d, &a->scratch, l))
            t = l;
        if (!t)
            continue;
        int between = 0;
        for (unsigned long long k = last_n ? last_n->seq + 1 : s; last_n && k < t->seq; k++)
            between |= doc_line(d, k)->v == V_PENDING || doc_line(d, k)->v == V_KEEP;
        /* two glued paragraphs alone are not enough: a title over a
           snippet beside it says the box is one of cards */
        if (last_n && !between && last_n->v != V_BLANK && (last_t != last_n || t != l)) {
            art_drop_card(last_t, last_n);
            art_drop_card(t, l);
        }
        last_t = t;
        last_n = l;
    }
    return last_n;
}

/* Two teaser cards in a row go, and a run of them that ends the article
 * on a page whose paragraphs stand together; a card under the author's
 * signature goes; a single card at the end of the article goes too (see
 * the tail). Returns the last card's snippet still standing, or NULL. */
struct line_rec *art_teaser_cards(struct article *a, struct doc *d, unsigned long long start,
                                  unsigned long long end)
{
    struct line_rec *last = NULL;
    if (paragraphs_apart(d))
        last = card_pairs(a, d, start, end);
    else
        tight_card_run(d, start, end);
    signed_card(d, start, end);
    return last && last->v != V_DROP ? last : NULL;
}

/* The pending lines in a gap inside the article (from, to): kept
 * (sub-heads, captions, list items), except runs of body.link-run or more
 * link titles; lines already decided neither count in a run nor break
 * it. After a box header (block rule), the lines up to the next body text
 * go with it. */
void art_resolve_gap(struct doc *d, unsigned long long from, unsigned long long to,
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
            if (run == 0)
                run_start = s;
            run += x->flags & LF_GLUED ? 2 : 1;
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
void art_drop_box(struct doc *d, const struct block *c, const struct block *n)
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
int art_tail_line(struct article *a, struct doc *d, const struct line_rec *x,
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

/* A summary box ("Key points", often written by a machine: it restates
 * the article): a summary rule's header, then at most body.summary-items
 * items standing together (no blank line between them), closed right
 * after them by a line with words that a rule dropped (a "Show more"
 * button, a note that a machine wrote it) or by a tail or box header.
 * The items go with the header; a header with no such close goes alone (a
 * sub-head that happens to read "Summary" keeps its text). */
void art_drop_summaries(struct doc *d, unsigned long long end)
{
    for (unsigned long long s = d->win.base; s <= end && s < d->win.next; s++) {
        struct line_rec *x = doc_line(d, s);
        if (!(x->flags & LF_SUMMARY))
            continue;
        unsigned items = 0;
        int closed = 0, after_blank = 0;
        unsigned long long k = s + 1;
        for (; k < d->win.next; k++) {
            const struct line_rec *y = doc_line(d, k);
            if (y->v == V_BLANK) {
                after_blank = items > 0;
                continue;
            }
            /* a number alone (a piece of an item split at a link) is
               neither an item nor a close */
            if (y->f.digits == y->f.words && !(y->flags & (LF_CUT | LF_BLOCK | LF_SUMMARY)))
                continue;
            if (y->flags & (LF_RULE_HIT | LF_CUT | LF_BLOCK | LF_SUMMARY)) {
                closed = !(y->flags & LF_SUMMARY);
                break;
            }
            /* the items stand together: after a blank line only the
               close may come */
            if (after_blank || ++items > d->cfg->body_summary_items)
                break;
        }
        if (!closed || !items)
            continue;
        for (unsigned long long j = s + 1; j < k; j++)
            doc_drop(doc_line(d, j), x->why);
        s = k - 1;
    }
}
