/* article: the article's extent, chosen as a whole (see article.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article_internal.h"
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

/* Pending line x, above the text and under headline h, is the
 * standfirst: a sentence of five words or more; or, standing right under
 * the headline, running text of body.good-words words or more without a
 * final stop (many sites write their standfirst so): as rich in function
 * words as body text, one sentence, no label ("BESØK: ... Foto: X"). Not
 * a name, a date, a teaser, a caption or a credit, a link or a list item (a
 * summary's bullet). */
static int standfirst(struct article *a, struct doc *d, const struct line_rec *h,
                      const struct line_rec *x)
{
    if (x->flags & (LF_META | LF_NAME | LF_TEASER | LF_CAPTION | LF_ELLIPSIS | LF_LINK | LF_LIST))
        return 0;
    /* names set apart by " / ": a photo's credit ("Name / Photographer /
       Agency"), a breadcrumb */
    if (memmem(x->norm.p, x->norm.len, " / ", 3))
        return 0;
    if (!(x->flags & LF_TITLE))
        return (x->flags & LF_SENTENCE) && x->f.words >= 5;
    return text_before(d, x->seq) == h && art_running_text(a, d, x);
}

/* The article is the region [start, end] of the window, its headline h
 * (or NULL), made of blocks core .. last: decide every pending line. */
static void settle(struct article *a, struct doc *d, struct line_rec *h, unsigned long long start,
                   const struct block *core, const struct block *last, unsigned long long end,
                   const char *before_why)
{
    int trimmed = end != last->last;
    /* a short standfirst right above the text, under the headline (its
       photo's caption and the byline may stand between) */
    unsigned skipped = 0;
    for (unsigned long long s = start; h && s-- > h->seq + 1;) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_BLANK || x->v == V_DROP || (x->v == V_PENDING && (x->flags & LF_CAPTION)))
            continue;
        if (x->v == V_PENDING && standfirst(a, d, h, x)) {
            doc_keep(x, "lead");
            break;
        }
        /* a byline or a dateline no rule knew ("Jane Doe Environment
           editor", "Madrid - 04 feb 2025 - 12:45 CET"): a few short lines
           that are no sentence */
        if (x->v != V_PENDING || (x->flags & LF_SENTENCE) ||
            x->f.words >= d->cfg->body_good_words || ++skipped > 3)
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
        art_set_headline(a, d, h);
    struct line_rec *card = art_teaser_cards(a, d, start, end);
    const char *box = NULL;
    unsigned long long from = start;
    for (const struct block *b = core; b <= last && b->first <= end; b++) {
        if (b > core) {
            art_drop_box(d, b - 1, b);
            box = NULL;
        }
        /* the good lines and the gaps between them */
        for (unsigned long long s = b == core ? from : b->first; s <= b->last && s <= end; s++) {
            struct line_rec *x = doc_line(d, s);
            if (!good(x))
                continue;
            art_resolve_gap(d, from, s, &box);
            box = NULL;
            doc_keep(x, "body");
            from = s + 1;
        }
    }
    art_drop_summaries(d, end);
    art_headline_copies(a, d, start, end);
    /* the last paragraphs: up to body.tail-lines short lines right after
       the body, with nothing dropped between them; none after a teaser
       card, and after a tail header only the lines before it */
    int trailing = 0;
    if (card && card->v == V_KEEP) {
        trailing = 1;
        for (unsigned long long s = card->seq + 1; s <= end; s++)
            trailing &= doc_line(d, s)->v != V_KEEP;
        if (trailing)
            art_drop_card(doc_line(d, card->seq - 1), card);
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
        if (tails && s < tail_end && art_tail_line(a, d, x, right_after_body)) {
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
    art_find_blocks(a, d, base);
    struct block *core, *chosen;
    struct line_rec *h = NULL, *lead = NULL;
    unsigned long long start;
    if (a->state == ART_OPEN) {
        /* the article goes on from the last window: its first block, if
           body text comes back soon enough */
        core = a->nblocks ? &a->blocks[0] : NULL;
        if (core)
            art_measure(d, core);
        if (!core || text_between(d, base, core->first, 0) >= d->cfg->body_gap) {
            a->state = ART_ENDED;
            for (unsigned long long s = base; s < next; s++)
                doc_drop(doc_line(d, s), a->end_why ? a->end_why : "article-end");
            return next;
        }
        start = base;
        chosen = core;
    } else {
        core = art_choose(a, d);
        if (!core) {
            for (unsigned long long s = base; s < next; s++)
                doc_drop(doc_line(d, s), "chrome");
            if (!final)
                restore(a, d, commit);
            return commit;
        }
        art_add_block(a, core);
        chosen = core;
        while (core > a->blocks && art_starts_before(a, d, core - 1, core)) {
            core--;
            art_add_block(a, core);
        }
        start = art_after_teasers(a, d, core, &h);
        if (!h)
            h = art_find_headline(a, d, doc_line(d, start), base, &lead);
        a->rgn_head = h;
        a->rgn_built = 0;
    }
    if (a->state == ART_OPEN)
        art_add_block(a, core);
    /* the blocks from the start to the chosen core are in already */
    const struct block *last = chosen;
    while (last + 1 < a->blocks + a->nblocks && art_goes_on(a, d, last, last + 1, 0)) {
        last++;
        art_add_block(a, last);
    }
    /* what the article's start left out of its core block */
    for (unsigned long long s = core->first; s < start && a->state != ART_OPEN; s++)
        if (doc_line(d, s)->v == V_PENDING && doc_line(d, s) != h)
            doc_drop(doc_line(d, s), "teaser-box");
    if (lead)
        doc_keep(lead, "lead");
    unsigned long long end = final ? art_trim_tail(a, d, h, start, last->last) : last->last;
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
