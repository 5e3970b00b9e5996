/* detect_body_start: where the article starts. The first good line starts
 * the body; its headline is the title-shaped line above that speaks of it;
 * a start that meets a long gap before it is confirmed was false; a box of
 * teasers (or a teaser title and its captioned photo) above the first two
 * good lines that stand together goes back to chrome. */
#include <string.h>

#include "detect_body_impl.h"

static void reanchor(struct doc *d, struct line_rec *first, struct line_rec *head);

int body_reanchor_after_box(struct doc *d, struct line_rec *first)
{
    unsigned units = 0;
    /* the body's first lines may have left the window already (a detector
       dropped them): look only at what is still held */
    unsigned long long from = d->body.body_start > d->win.base ? d->body.body_start : d->win.base;
    for (unsigned long long s = from; s < first->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_KEEP || !(x->flags & LF_GOOD))
            continue;
        struct line_rec *before = body_live_near(d, s, -1), *after = body_live_near(d, s, 1);
        if (before && body_title_like(before) && after && !(after->flags & LF_GOOD))
            units++;
    }
    if (units < d->cfg->body_box_units)
        return 0;
    struct line_rec *head = body_live_near(d, first->seq, -1);
    if (head && !(body_title_like(head) && head->seq >= d->body.body_start))
        head = NULL;
    reanchor(d, first, head);
    return 1;
}

/* The body so far is a teaser: a title and a captioned photo ("... Ảnh:
 * X."), and the first two good lines that stand together follow a title
 * that speaks of them: the article starts at that title. */
void body_reanchor_after_caption(struct doc *d, struct line_rec *first)
{
    struct line_rec *head = body_live_near(d, first->seq, -1);
    if (!head || !body_title_like(head) || head->seq <= d->body.body_start || (head->flags & LF_HEADLINE))
        return;
    unsigned long long from = d->body.body_start > d->win.base ? d->body.body_start : d->win.base;
    unsigned captions = 0;
    for (unsigned long long s = from; s < head->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_KEEP || !(x->flags & LF_GOOD))
            continue;
        if (!(x->flags & LF_CAPTION))
            return;
        captions++;
    }
    if (captions == 0 || detect_shared_words(d, head, first) < 2)
        return;
    reanchor(d, first, head);
}

/* The article starts at head (or at first when head is NULL): what the
 * body held before is a teaser box and goes back to chrome. */
static void reanchor(struct doc *d, struct line_rec *first, struct line_rec *head)
{
    unsigned long long from = d->body.body_start > d->win.base ? d->body.body_start : d->win.base;
    for (unsigned long long s = from; s < first->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x != head && (x->v == V_KEEP || x->v == V_PENDING)) {
            x->flags &= ~(unsigned)(LF_HOLD | LF_HEADLINE);
            doc_drop(x, "teaser-box");
        }
    }
    d->body.body_start = head ? head->seq : first->seq;
    d->has_headline = head != NULL;
    d->headline.len = 0;
    if (head) {
        head->flags |= LF_HEADLINE;
        d->headline_seq = head->seq;
        buf_set(&d->headline, head->norm.p, head->norm.len);
        body_keep(d, head, "headline");
    }
}

/* A held line that may be the headline. */
static int headline_candidate(const struct line_rec *x)
{
    return (x->flags & LF_TITLE) && !(x->flags & (LF_NAME | LF_ELLIPSIS | LF_META));
}

/* The headline of the text that starts at good line g: among the title-
 * shaped lines held in the last body.headline-lookback lines before it,
 * the one that shares the most content words with g (the lead speaks of
 * what the headline says; a share bar, a byline with a date or a section
 * label does not), the nearest on a tie. Lines with a clock time or a
 * dated day are metadata, never the headline. A single candidate is the
 * headline whatever words it shares: g's words are indexed only when a
 * second one gives a choice. */
static struct line_rec *find_headline(struct doc *d, struct line_rec *g)
{
    struct line_rec *nearest = NULL, *head = NULL;
    unsigned held = 0, candidates = 0, best = 0;
    for (unsigned long long s = g->seq; s-- > d->win.base && held < d->cfg->body_headline_lookback;) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING)
            continue;
        held++;
        if (!headline_candidate(x))
            continue;
        if (++candidates == 1) {
            nearest = x;
            continue;
        }
        if (candidates == 2) {
            detect_words_index(d, g);
            head = nearest;
            best = detect_words_shared(d, nearest);
        }
        unsigned shared = detect_words_shared(d, x);
        if (shared > best) {
            head = x;
            best = shared;
        }
    }
    return candidates < 2 ? nearest : head;
}

void body_start(struct doc *d, struct line_rec *g)
{
    struct line_rec *head = find_headline(d, g);
    for (unsigned long long s = d->win.base; s < g->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_PENDING && x != head)
            doc_drop(x, "chrome");
    }
    d->phase = PHASE_BODY;
    d->started = 1;
    d->body.gap_len = 0;
    d->body.good_chars = 0;
    d->body.good_lines = 0;
    d->body.confirmed = 0;
    d->body.adjacent_good = 0;
    d->body.body_start = head ? head->seq : g->seq;
    if (head) {
        head->flags |= LF_HEADLINE;
        d->has_headline = 1;
        d->headline_seq = head->seq;
        buf_set(&d->headline, head->norm.p, head->norm.len);
        body_keep(d, head, "headline");
    }
    body_keep(d, g, "body");
    d->body.lead_seen = (g->flags & LF_LEAD) != 0;
    body_count_good(d, g, 0);
}

/* A gap too long before the body was confirmed: what looked like the
 * article was chrome. The gap's lines are held again as PRE lines. */
void body_false_start(struct doc *d)
{
    for (unsigned long long s = d->win.base; s < d->win.next; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_KEEP && (x->flags & LF_HOLD)) {
            x->flags &= ~(unsigned)(LF_HOLD | LF_HEADLINE);
            x->v = V_DROP;
            x->why = "chrome";
        }
    }
    d->phase = PHASE_PRE;
    d->has_headline = 0;
    d->headline.len = 0;
    d->body.gap_len = 0;
}
