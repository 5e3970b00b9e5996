/* detect_body: the main-text detector, a phase machine over the window
 * (with detect_body_start.c and detect_body_boxes.c).
 *
 * PRE   lines are held; the first sentence-like ("good") line starts the
 *       body, the title-like line above it that speaks of it is the
 *       headline, everything else held is page chrome.
 * BODY  good lines are kept; shorter lines wait in a gap, kept when body
 *       text follows (sub-heads, captions), unless several title-like
 *       lines stand in a row (a box of links). A gap of body.gap lines ends
 *       the article; until body.confirm-chars of text (or confirm-lines
 *       good lines) confirm it, such an end is a false start and the lines
 *       go back to chrome.
 *       A cut header suspends the article until the text after it is read.
 * ENDED everything left is dropped (site tails, comments, second article).
 * Memory: only the window; a line waits for at most body.gap lines (plus
 * the lookahead before it is written). */
#include <string.h>

#include "detect_body_impl.h"

void body_keep(struct doc *d, struct line_rec *l, const char *why)
{
    doc_keep(l, why);
    if (!d->body.confirmed && l->v == V_KEEP)
        l->flags |= LF_HOLD;
}

void body_confirm(struct doc *d)
{
    d->body.confirmed = 1;
    for (unsigned long long s = d->win.base; s < d->win.next; s++)
        doc_line(d, s)->flags &= ~(unsigned)LF_HOLD;
}

int body_title_like(const struct line_rec *x)
{
    return (x->flags & LF_TITLE) && !(x->flags & (LF_GOOD | LF_CAPTION));
}

/* The undecided-or-kept line before or after seq, skipping blank and
 * dropped ones; NULL at the window's edge. */
struct line_rec *body_live_near(struct doc *d, unsigned long long seq, int dir)
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

/* The body is confirmed by enough text, and by two good lines standing
 * together: a box of teasers alternates titles and one-line snippets and
 * never has two snippets side by side, while articles do. */
void body_count_good(struct doc *d, const struct line_rec *l, int after_gap)
{
    d->body.good_chars += l->f.chars;
    d->body.good_lines++;
    if (!d->body.adjacent_good && !after_gap && d->body.good_lines > 1) {
        d->body.adjacent_good = 1;
        struct line_rec *first = body_live_near(d, l->seq, -1);
        if (first && !d->body.confirmed && !body_reanchor_after_box(d, first))
            body_reanchor_after_caption(d, first);
    }
    if (!d->body.confirmed && d->body.adjacent_good &&
        (d->body.good_chars >= d->cfg->body_confirm_chars ||
         d->body.good_lines >= d->cfg->body_confirm_lines))
        body_confirm(d);
}

/* Whether a line waits between the last good line and seq (a sub-head, a
 * caption or a title): then seq does not stand right after good text. */
/* A question as long as a sentence ("Thưa ông, ... ra sao?"): title-shaped,
 * so it waits like a sub-head, but in an interview it is the text. */
static int long_question(const struct doc *d, const struct line_rec *x)
{
    return (x->flags & LF_TITLE) && x->norm.len && x->norm.p[x->norm.len - 1] == '?' &&
           x->f.words >= d->cfg->body_good_words;
}

int body_kept_since_good(struct doc *d, unsigned long long seq)
{
    for (unsigned long long s = seq; s-- > d->win.base;) {
        struct line_rec *x = doc_line(d, s);
        /* a long question then its answer still stand together (interviews) */
        if (x->v == V_PENDING && !long_question(d, x))
            return 1;
        if (x->v == V_KEEP && (x->flags & LF_GOOD))
            return 0;
    }
    return 0;
}

/* A line that may be the title of a link: title-shaped (a question or an
 * exclamation is a title too), not a list item, not running text, and no
 * ";" inside (line-ups, enumerations). */
static int linkish(const struct line_rec *l)
{
    return (l->flags & LF_TITLE) && !(l->flags & (LF_LIST | LF_GOOD | LF_CAPTION)) &&
           !memchr(l->norm.p, ';', l->norm.len);
}

/* The lines waiting in the gap before seq are inside the body: keep them,
 * except runs of body.link-run or more title-like lines (related links).
 * Lines already decided neither count in a run nor break it. */
void body_resolve_gap(struct doc *d, unsigned long long upto)
{
    /* no line before the last upto is pending any more (only a new line
       is), so the scan starts there */
    unsigned long long from = d->body.resolved > d->win.base ? d->body.resolved : d->win.base;
    unsigned long long run_start = 0;
    unsigned run = 0;
    for (unsigned long long s = from; s <= upto; s++) {
        struct line_rec *x = s < upto ? doc_line(d, s) : NULL;
        if (x && x->v != V_PENDING)
            continue;
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
        if (x && x->v == V_PENDING)
            body_keep(d, x, "body");
    }
    for (unsigned long long s = from; s < upto; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING)
            continue;
        body_keep(d, x, "body");
        if (x->v == V_KEEP && long_question(d, x)) {
            /* an interview's question counts as its text */
            d->body.good_chars += x->f.chars;
            d->body.good_lines++;
        }
    }
    if (upto > d->body.resolved)
        d->body.resolved = upto;
}

/* A short last paragraph: long enough, or a whole short sentence ("Cảm ơn
 * Bộ trưởng."), and not a title, a name or a date. */
int body_tail_line(struct doc *d, const struct line_rec *x, int right_after_body)
{
    const struct detect_config *c = d->cfg;
    if (c->body_tail_words == 0 || (x->flags & (LF_NAME | LF_TIMESTAMP | LF_META)))
        return 0;
    if ((x->flags & LF_SENTENCE) && !(x->flags & LF_ELLIPSIS) && x->f.words >= 2)
        return 1;
    if (x->f.words < c->body_tail_words)
        return 0;
    /* a title has few function words; a closing sentence with a smiley
       ("... cũng mê. :P") has as many as running text */
    return !(x->flags & LF_TITLE) ||
           (right_after_body &&
            (double)detect_stopwords(c, x, &d->scratch) >= c->body_stop_ratio * (double)x->f.words);
}

/* The article ends: the first waiting line may be a short last paragraph;
 * the rest of the gap is chrome. */
void body_end_article(struct doc *d, const char *why)
{
    /* the last paragraphs: up to body.tail-lines short lines right after
       the body, with nothing dropped between them */
    unsigned tails = d->phase == PHASE_BODY && !body_trailing_card(d) ? d->cfg->body_tail_lines : 0;
    /* after a cut, only a line before the header can be the last paragraph */
    unsigned long long tail_end = d->body.suspended ? d->body.cut_seq : d->win.next;
    int taken = 0, right_after_body = 1;
    for (unsigned long long s = d->win.base; s < d->win.next; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_DROP) {
            right_after_body = 0;
            if (taken)
                tails = 0;
        }
        if (x->v == V_KEEP)
            right_after_body = 1;
        if (x->v != V_PENDING)
            continue;
        if (tails && s < tail_end && body_tail_line(d, x, right_after_body)) {
            doc_keep(x, "body-tail");
            tails--;
            taken = 1;
        } else {
            doc_drop(x, d->phase == PHASE_PRE ? "chrome" : why);
            tails = 0;
        }
    }
    if (!d->body.confirmed)
        body_confirm(d);
    d->phase = PHASE_ENDED;
    d->end_why = why;
    d->body.suspended = 0;
}

void detect_body_line(struct doc *d, struct line_rec *l)
{
    const struct detect_config *c = d->cfg;
    if (!c->on[DET_BODY]) {
        if (l->v == V_PENDING)
            doc_keep(l, "default");
        d->started |= l->v == V_KEEP;
        return;
    }
    if (l->v == V_PENDING && (l->flags & LF_GOOD)) {
        /* a snippet glued under a title is a card, not a sign of layout */
        struct line_rec *above = l->seq > 0 ? doc_line(d, l->seq - 1) : NULL;
        if (l->flags & LF_AFTER_BLANK)
            d->body.good_after_blank++;
        else if (!above || !body_title_like(above))
            d->body.good_tight++;
    }
    switch (d->phase) {
    case PHASE_PRE:
        if (l->v == V_PENDING && (l->flags & LF_GOOD))
            body_start(d, l);
        break;
    case PHASE_BODY:
        if (d->body.suspended) {
            if (l->seq != d->body.cut_seq)
                body_suspended_line(d, l);
        } else if (body_signature(d, l)) {
            /* ended */
        } else if ((l->flags & LF_LEAD) && l->v == V_PENDING &&
                   (d->body.lead_seen || d->body.good_lines >= 3)) {
            body_another_lead(d, l);
        } else if (l->v == V_PENDING && (l->flags & LF_GOOD) && body_teaser_card(d, l)) {
            d->body.gap_len = 0;
        } else if (l->v == V_PENDING && (l->flags & LF_GOOD)) {
            d->body.lead_seen |= (l->flags & LF_LEAD) != 0;
            int after_gap = body_kept_since_good(d, l->seq);
            body_resolve_gap(d, l->seq);
            body_keep(d, l, "body");
            d->body.gap_len = 0;
            body_count_good(d, l, after_gap);
        } else if (!(l->flags & (LF_PROTECTED | LF_CAPTION | LF_COPY)) &&
                   ++d->body.gap_len >= c->body_gap) {
            if (d->body.confirmed)
                body_end_article(d, "article-end");
            else
                body_false_start(d);
        }
        break;
    case PHASE_ENDED:
        doc_drop(l, d->end_why);
        break;
    }
}

void detect_body_end(struct doc *d, const char *why)
{
    if (d->phase == PHASE_ENDED)
        return;
    body_end_article(d, why);
}

void detect_body_finish(struct doc *d)
{
    if (!d->cfg->on[DET_BODY]) {
        for (unsigned long long s = d->win.base; s < d->win.next; s++)
            if (doc_line(d, s)->v == V_PENDING)
                doc_keep(doc_line(d, s), "default");
        return;
    }
    if (d->phase != PHASE_ENDED)
        body_end_article(d, d->body.suspended ? d->body.cut_why : "article-end");
}

void detect_body_force(struct doc *d, struct line_rec *oldest)
{
    if (d->body.suspended && d->phase == PHASE_BODY)
        body_end_article(d, d->body.cut_why);
    if (oldest->flags & LF_HOLD)
        body_confirm(d);
    if (oldest->v == V_PENDING)
        doc_drop(oldest, d->phase == PHASE_PRE ? "chrome" : "article-end");
}
