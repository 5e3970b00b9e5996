/* detect_body: the main-text detector, a phase machine over the window.
 *
 * PRE   lines are held; the first sentence-like ("good") line starts the
 *       body, the nearest title-like line just before it is the headline,
 *       everything else held is page chrome.
 * BODY  good lines are kept; shorter lines wait in a gap, kept when body
 *       text follows (sub-heads, captions), unless several title-like
 *       lines stand in a row (a box of links). A gap of body.gap lines ends
 *       the article; until body.confirm-chars of text (or confirm-lines
 *       good lines) confirm it, such an end is a false start and the lines
 *       go back to chrome.
 * ENDED everything left is dropped (site tails, comments, second article).
 * Memory: only the window; a line waits for at most body.gap lines. */
#include <string.h>

#include "doc.h"

static void keep_body(struct doc *d, struct line_rec *l, const char *why)
{
    doc_keep(l, why);
    if (!d->body.confirmed && l->v == V_KEEP)
        l->flags |= LF_HOLD;
}

static void confirm(struct doc *d)
{
    d->body.confirmed = 1;
    for (unsigned long long s = d->win.base; s < d->win.next; s++)
        doc_line(d, s)->flags &= ~(unsigned)LF_HOLD;
}

static int title_like(const struct line_rec *x)
{
    return (x->flags & LF_TITLE) && !(x->flags & (LF_GOOD | LF_CAPTION));
}

/* The undecided-or-kept line before or after seq, skipping blank and
 * dropped ones; NULL at the window's edge. */
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

/* Two good lines stand together for the first time, at first and first's
 * successor. If what the body held before was a box of teasers (at least
 * body.box-units items of a title and a one-line snippet), the article
 * starts at the title just before first: the box goes back to chrome. */
static void reanchor(struct doc *d, struct line_rec *first, struct line_rec *head);

static int reanchor_after_box(struct doc *d, struct line_rec *first)
{
    unsigned units = 0;
    /* the body's first lines may have left the window already (a detector
       dropped them): look only at what is still held */
    unsigned long long from = d->body.body_start > d->win.base ? d->body.body_start : d->win.base;
    for (unsigned long long s = from; s < first->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_KEEP || !(x->flags & LF_GOOD))
            continue;
        struct line_rec *before = live_near(d, s, -1), *after = live_near(d, s, 1);
        if (before && title_like(before) && after && !(after->flags & LF_GOOD))
            units++;
    }
    if (units < d->cfg->body_box_units)
        return 0;
    struct line_rec *head = live_near(d, first->seq, -1);
    if (head && !(title_like(head) && head->seq >= d->body.body_start))
        head = NULL;
    reanchor(d, first, head);
    return 1;
}

/* The body so far is a teaser: a title and a captioned photo ("... Ảnh:
 * X."), and the first two good lines that stand together follow a title
 * that speaks of them: the article starts at that title. */
static void reanchor_after_caption(struct doc *d, struct line_rec *first)
{
    struct line_rec *head = live_near(d, first->seq, -1);
    if (!head || !title_like(head) || head->seq <= d->body.body_start || (head->flags & LF_HEADLINE))
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
        keep_body(d, head, "headline");
    }
}

/* The body is confirmed by enough text, and by two good lines standing
 * together: a box of teasers alternates titles and one-line snippets and
 * never has two snippets side by side, while articles do. */
static void count_good(struct doc *d, const struct line_rec *l, int after_gap)
{
    d->body.good_chars += l->f.chars;
    d->body.good_lines++;
    if (!d->body.adjacent_good && !after_gap && d->body.good_lines > 1) {
        d->body.adjacent_good = 1;
        struct line_rec *first = live_near(d, l->seq, -1);
        if (first && !d->body.confirmed && !reanchor_after_box(d, first))
            reanchor_after_caption(d, first);
    }
    if (!d->body.confirmed && d->body.adjacent_good &&
        (d->body.good_chars >= d->cfg->body_confirm_chars ||
         d->body.good_lines >= d->cfg->body_confirm_lines))
        confirm(d);
}

/* Whether a line waits between the last good line and seq (a sub-head, a
 * caption or a title): then seq does not stand right after good text. */
static int kept_since_good(struct doc *d, unsigned long long seq)
{
    for (unsigned long long s = seq; s-- > d->win.base;) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_PENDING)
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
static void resolve_gap(struct doc *d, unsigned long long upto)
{
    unsigned long long run_start = 0;
    unsigned run = 0;
    for (unsigned long long s = d->win.base; s <= upto; s++) {
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
            keep_body(d, x, "body");
    }
    for (unsigned long long s = d->win.base; s < upto; s++)
        if (doc_line(d, s)->v == V_PENDING)
            keep_body(d, doc_line(d, s), "body");
}

/* The headline of the text that starts at good line g: among the title-
 * shaped lines held in the last body.headline-lookback lines before it,
 * the one that shares the most content words with g (the lead speaks of
 * what the headline says; a share bar, a byline with a date or a section
 * label does not), the nearest on a tie. Lines with a clock time or a
 * dated day are metadata, never the headline. */
static struct line_rec *find_headline(struct doc *d, struct line_rec *g)
{
    struct line_rec *head = NULL;
    unsigned seen = 0, best = 0;
    for (unsigned long long s = g->seq; s-- > d->win.base && seen < d->cfg->body_headline_lookback;) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING)
            continue;
        seen++;
        if (!(x->flags & LF_TITLE) || (x->flags & (LF_NAME | LF_ELLIPSIS | LF_META)))
            continue;
        unsigned shared = detect_shared_words(d, x, g);
        if (!head || shared > best) {
            head = x;
            best = shared;
        }
    }
    return head;
}

static void start_body(struct doc *d, struct line_rec *g)
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
        keep_body(d, head, "headline");
    }
    keep_body(d, g, "body");
    d->body.lead_seen = (g->flags & LF_LEAD) != 0;
    count_good(d, g, 0);
}

/* Paragraphs of this page stand apart (blank lines between them). Only
 * then does a title glued to the text below it say "teaser card". */
static int paragraphs_apart(const struct doc *d)
{
    return d->body.good_after_blank >= 2 && d->body.good_after_blank > 2 * d->body.good_tight;
}

/* Nothing kept or held between seq a and b (exclusive). */
static int nothing_between(struct doc *d, unsigned long long a, unsigned long long b)
{
    for (unsigned long long s = a + 1; s < b; s++) {
        struct line_rec *x = doc_line(d, s);
        if (!x || x->v == V_PENDING || x->v == V_KEEP)
            return 0;
    }
    return 1;
}

static void drop_card(struct doc *d, unsigned long long title, unsigned long long snippet)
{
    struct line_rec *t = doc_line(d, title), *n = doc_line(d, snippet);
    if (!t || !n)
        return;
    t->flags &= ~(unsigned)LF_HOLD;
    n->flags &= ~(unsigned)LF_HOLD;
    t->flags |= LF_TEASER;
    n->flags |= LF_TEASER;
    doc_drop(t, "teaser-card");
    doc_drop(n, "teaser-card");
}

/* Good line l, glued under a title-shaped line that starts its block: a
 * teaser card (related articles: title, one-line snippet). Two cards in a
 * row are a teaser run and go; a single one stays unless it is the last
 * thing of the article (end_article). Returns 1 if l was dropped. */
static int teaser_card(struct doc *d, struct line_rec *l)
{
    if ((l->flags & LF_AFTER_BLANK) || !paragraphs_apart(d) || l->seq == 0)
        return 0;
    struct line_rec *t = doc_line(d, l->seq - 1);
    struct line_rec *above = t && t->seq > 0 ? doc_line(d, t->seq - 1) : NULL;
    /* the title starts its block, or follows a line that went (a byline) */
    int starts = t && ((t->flags & LF_AFTER_BLANK) || (above && above->v == V_DROP));
    if (!t || !starts || !title_like(t) ||
        (t->flags & (LF_HEADLINE | LF_PROTECTED)) || (t->v != V_PENDING && t->v != V_KEEP))
        return 0;
    if (d->body.has_card && doc_line(d, d->body.card_snippet) && nothing_between(d, d->body.card_snippet, t->seq)) {
        drop_card(d, d->body.card_title, d->body.card_snippet);
        drop_card(d, t->seq, l->seq);
        d->body.card_title = t->seq;
        d->body.card_snippet = l->seq;
        return 1;
    }
    d->body.has_card = 1;
    d->body.card_title = t->seq;
    d->body.card_snippet = l->seq;
    return 0;
}

/* The article ends right after a teaser card: the card is not its text. */
static int trailing_card(struct doc *d)
{
    if (!d->body.has_card || !doc_line(d, d->body.card_title))
        return 0;
    struct line_rec *n = doc_line(d, d->body.card_snippet);
    if (n->v != V_KEEP)
        return 0;
    for (unsigned long long s = n->seq + 1; s < d->win.next; s++)
        if (doc_line(d, s)->v == V_KEEP)
            return 0;
    drop_card(d, d->body.card_title, d->body.card_snippet);
    return 1;
}

/* A short last paragraph: long enough, or a whole short sentence ("Cảm ơn
 * Bộ trưởng."), and not a title, a name or a date. */
static int tail_line(struct doc *d, const struct line_rec *x, int right_after_body)
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
static void end_article(struct doc *d, const char *why)
{
    /* the last paragraphs: up to body.tail-lines short lines right after
       the body, with nothing dropped between them */
    unsigned tails = d->phase == PHASE_BODY && !trailing_card(d) ? d->cfg->body_tail_lines : 0;
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
        if (tails && s < tail_end && tail_line(d, x, right_after_body)) {
            doc_keep(x, "body-tail");
            tails--;
            taken = 1;
        } else {
            doc_drop(x, d->phase == PHASE_PRE ? "chrome" : why);
            tails = 0;
        }
    }
    if (!d->body.confirmed)
        confirm(d);
    d->phase = PHASE_ENDED;
    d->end_why = why;
    d->body.suspended = 0;
}

/* A gap too long before the body was confirmed: what looked like the
 * article was chrome. The gap's lines are held again as PRE lines. */
static void false_start(struct doc *d)
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

/* The body goes on after a cut: resume is the first of two good lines that
 * stand together after the header. Lines held before the header that are
 * not a last paragraph, the header's box and everything up to resume are
 * dropped for the header's rule; the gap before resume is then resolved
 * as usual, and so are the good lines held after it, up to upto. */
/* A line held just before a header that the body then resumes after: a
 * caption or a whole sentence stays, widget labels ("Giá hiện tại",
 * "Mã cổ phiếu:") go with the header. */
static int before_cut_text(const struct doc *d, const struct line_rec *x)
{
    return (x->flags & LF_CAPTION) ||
           ((x->flags & LF_SENTENCE) && !(x->flags & (LF_ELLIPSIS | LF_META)) &&
            x->f.words >= d->cfg->body_tail_words);
}

static int same_text(const struct line_rec *a, const struct line_rec *b)
{
    return a->norm.len == b->norm.len && !memcmp(a->norm.p, b->norm.p, a->norm.len);
}

static void resume_after_cut(struct doc *d, struct line_rec *resume, unsigned long long upto)
{
    for (unsigned long long s = d->win.base; s < resume->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_PENDING && (s > d->body.cut_seq || !before_cut_text(d, x)))
            doc_drop(x, d->body.cut_why);
    }
    d->body.suspended = 0;
    resolve_gap(d, resume->seq);
    keep_body(d, resume, "body");
    d->body.gap_len = 0;
    count_good(d, resume, 1);
    for (unsigned long long s = resume->seq + 1; s < upto; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING || !(x->flags & LF_GOOD))
            continue;
        int after_gap = kept_since_good(d, s);
        resolve_gap(d, s);
        keep_body(d, x, "body");
        count_good(d, x, after_gap);
    }
}

/* Whether the text that resumes after a cut is another article: a single
 * title-shaped line held between the header and resume, sharing words with
 * it as a headline does with its lead ("Tin khác", a title, its lead). A
 * list of titles or a widget between them is a box inside the article. */
static int new_article_after_cut(struct doc *d, struct line_rec *resume)
{
    struct line_rec *title = NULL;
    for (unsigned long long s = d->body.cut_seq + 1; s < resume->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING || !title_like(x))
            continue;
        if (title)
            return 0;
        title = x;
    }
    return title && detect_shared_words(d, title, resume) >= 2;
}

/* A line while the article is suspended at a cut header. Two good lines
 * standing together (not one text twice, as comment lists show a comment)
 * are a candidate; it is taken when a third good line follows, or three
 * more lines with no name or time among them (a comment's signature). */
static void suspended_line(struct doc *d, struct line_rec *l)
{
    if (l->flags & (LF_NAME | LF_TIMESTAMP))
        d->body.cut_comment = 1;
    int good = l->v == V_PENDING && (l->flags & LF_GOOD) && !(l->flags & LF_TEASER);
    if (d->body.resuming && !d->body.cut_comment && (good || ++d->body.resume_wait >= d->cfg->body_resume_lines)) {
        resume_after_cut(d, doc_line(d, d->body.resume_seq), l->seq);
        if (good) {
            int after_gap = kept_since_good(d, l->seq);
            resolve_gap(d, l->seq);
            keep_body(d, l, "body");
            count_good(d, l, after_gap);
        } else {
            /* the lines since the pair wait in the gap as usual */
            d->body.gap_len = d->body.resume_wait;
        }
        return;
    }
    if (good && !d->body.resuming && !d->body.cut_comment) {
        struct line_rec *first = d->body.has_resume ? doc_line(d, d->body.resume_seq) : NULL;
        if (first && !same_text(first, l) && !new_article_after_cut(d, first)) {
            d->body.resuming = 1;
            d->body.resume_wait = 0;
            return;
        }
        d->body.has_resume = 1;
        d->body.resume_seq = l->seq;
    } else if (l->v == V_PENDING && !d->body.resuming) {
        d->body.has_resume = 0;
    }
    if (d->body.cut_comment || (++d->body.cut_lines >= d->cfg->body_gap && !d->body.has_resume && !d->body.resuming))
        end_article(d, d->body.cut_why);
}

void detect_body_cut(struct doc *d, struct line_rec *l, const char *why)
{
    if (d->phase != PHASE_BODY)
        return;
    if (d->body.suspended && d->body.resuming) {
        /* the text after the last header was the article: take it, and
           suspend again at this one */
        resume_after_cut(d, doc_line(d, d->body.resume_seq), l->seq);
        d->body.gap_len = d->body.resume_wait;
    } else if (d->body.suspended) {
        /* a second tail header before any text: the page's tail (a forum's
           "Quote" and "Re: title" lines, "Tin mới" then "Đọc nhiều") */
        d->body.cut_comment = 1;
        return;
    }
    d->body.suspended = 1;
    d->body.cut_seq = l->seq;
    d->body.cut_why = why;
    d->body.cut_lines = 0;
    d->body.cut_comment = 0;
    d->body.has_resume = 0;
    d->body.resuming = 0;
}

/* A time line right under a name line (one line without letters may stand
 * between): a comment's signature ("Nam" / "-" / "7 ngày trước"), or the
 * author and date closing the article. Either way the article is over: it
 * ends at the name. */
static int signature(struct doc *d, struct line_rec *l)
{
    if (!(l->flags & LF_TIMESTAMP) || !d->body.confirmed)
        return 0;
    struct line_rec *p = doc_prev(d, l->seq);
    if (p && p->f.words == 0)
        p = doc_prev(d, p->seq);
    if (!p || !(p->flags & LF_NAME))
        return 0;
    detect_body_cut(d, p, "signature");
    d->body.cut_comment = 1;
    suspended_line(d, l);
    return 1;
}

/* A lead marker ("(Site) - ") inside a body that had its own lead, or
 * three body lines already: another article's lead, a teaser's snippet.
 * The article ends at the title just before it (or at the line itself);
 * nothing after it resumes the article. */
static void another_lead(struct doc *d, struct line_rec *l)
{
    struct line_rec *t = live_near(d, l->seq, -1);
    if (!t || t->v != V_PENDING || !title_like(t))
        t = l;
    detect_body_cut(d, t, "teaser-lead");
    d->body.cut_comment = 1;
    doc_drop(t, "teaser-lead");
    suspended_line(d, l);
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
        else if (!above || !title_like(above))
            d->body.good_tight++;
    }
    switch (d->phase) {
    case PHASE_PRE:
        if (l->v == V_PENDING && (l->flags & LF_GOOD))
            start_body(d, l);
        break;
    case PHASE_BODY:
        if (d->body.suspended) {
            if (l->seq != d->body.cut_seq)
                suspended_line(d, l);
        } else if (signature(d, l)) {
            /* ended */
        } else if ((l->flags & LF_LEAD) && l->v == V_PENDING &&
                   (d->body.lead_seen || d->body.good_lines >= 3)) {
            another_lead(d, l);
        } else if (l->v == V_PENDING && (l->flags & LF_GOOD) && teaser_card(d, l)) {
            d->body.gap_len = 0;
        } else if (l->v == V_PENDING && (l->flags & LF_GOOD)) {
            d->body.lead_seen |= (l->flags & LF_LEAD) != 0;
            int after_gap = kept_since_good(d, l->seq);
            resolve_gap(d, l->seq);
            keep_body(d, l, "body");
            d->body.gap_len = 0;
            count_good(d, l, after_gap);
        } else if (!(l->flags & (LF_PROTECTED | LF_CAPTION | LF_COPY)) &&
                   ++d->body.gap_len >= c->body_gap) {
            if (d->body.confirmed)
                end_article(d, "article-end");
            else
                false_start(d);
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
    end_article(d, why);
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
        end_article(d, d->body.suspended ? d->body.cut_why : "article-end");
}

void detect_body_force(struct doc *d, struct line_rec *oldest)
{
    if (d->body.suspended && d->phase == PHASE_BODY)
        end_article(d, d->body.cut_why);
    if (oldest->flags & LF_HOLD)
        confirm(d);
    if (oldest->v == V_PENDING)
        doc_drop(oldest, d->phase == PHASE_PRE ? "chrome" : "article-end");
}
