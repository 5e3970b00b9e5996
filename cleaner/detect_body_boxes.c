/* detect_body_boxes: what stands inside or right after the article. A
 * cut header suspends it until the text after the header is read (the
 * header and its box go if the article resumes); teaser cards (a title
 * glued to its snippet); a second lead marker; a comment's signature. */
#include <string.h>

#include "detect_body_impl.h"

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
int body_teaser_card(struct doc *d, struct line_rec *l)
{
    if ((l->flags & LF_AFTER_BLANK) || !paragraphs_apart(d) || l->seq == 0)
        return 0;
    struct line_rec *t = doc_line(d, l->seq - 1);
    struct line_rec *above = t && t->seq > 0 ? doc_line(d, t->seq - 1) : NULL;
    /* the title starts its block, or follows a line that went (a byline) */
    int starts = t && ((t->flags & LF_AFTER_BLANK) || (above && above->v == V_DROP));
    if (!t || !starts || !body_title_like(t) ||
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
int body_trailing_card(struct doc *d)
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

static void resume_after_cut(struct doc *d, struct line_rec *resume, unsigned long long upto)
{
    for (unsigned long long s = d->win.base; s < resume->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v == V_PENDING && (s > d->body.cut_seq || !before_cut_text(d, x)))
            doc_drop(x, d->body.cut_why);
    }
    d->body.suspended = 0;
    body_resolve_gap(d, resume->seq);
    body_keep(d, resume, "body");
    d->body.gap_len = 0;
    body_count_good(d, resume, 1);
    for (unsigned long long s = resume->seq + 1; s < upto; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING || !(x->flags & LF_GOOD))
            continue;
        int after_gap = body_kept_since_good(d, s);
        body_resolve_gap(d, s);
        body_keep(d, x, "body");
        body_count_good(d, x, after_gap);
    }
}

/* Whether the text that resumes after a cut is another article: a single
 * title-shaped line held between the header and resume, sharing words with
 * it as a headline does with its lead ("Tin khác", a title, its lead). A
 * list of titles or a widget between them is a box inside the article. */
static int new_article_after_cut(struct doc *d, struct line_rec *resume)
{
    struct line_rec *title = NULL;
    /* the header itself may have left the window already */
    unsigned long long from = d->body.cut_seq + 1 > d->win.base ? d->body.cut_seq + 1 : d->win.base;
    for (unsigned long long s = from; s < resume->seq; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x->v != V_PENDING || !body_title_like(x))
            continue;
        if (title)
            return 0;
        title = x;
    }
    return title && detect_shared_words(d, title, resume) >= 2;
}

/* The first good line of the text resuming after the cut, while it is
 * still held: a detector may have dropped it since (a teaser run), and
 * then it may have left the window. NULL (and no candidate) if not. */
static struct line_rec *resume_candidate(struct doc *d)
{
    struct line_rec *r = d->body.has_resume || d->body.resuming ? doc_line(d, d->body.resume_seq)
                                                                : NULL;
    if (!r || r->v != V_PENDING) {
        d->body.has_resume = 0;
        d->body.resuming = 0;
        return NULL;
    }
    return r;
}

/* A line while the article is suspended at a cut header. Two good lines
 * standing together (not one text twice, as comment lists show a comment)
 * are a candidate; it is taken when a third good line follows, or three
 * more lines with no name or time among them (a comment's signature). */
void body_suspended_line(struct doc *d, struct line_rec *l)
{
    if (l->flags & (LF_NAME | LF_TIMESTAMP))
        d->body.cut_comment = 1;
    int good = l->v == V_PENDING && (l->flags & LF_GOOD) && !(l->flags & LF_TEASER);
    struct line_rec *cand = resume_candidate(d);
    if (d->body.resuming && !d->body.cut_comment &&
        (good || ++d->body.resume_wait >= d->cfg->body_resume_lines)) {
        resume_after_cut(d, cand, l->seq);
        if (good) {
            int after_gap = body_kept_since_good(d, l->seq);
            body_resolve_gap(d, l->seq);
            body_keep(d, l, "body");
            body_count_good(d, l, after_gap);
        } else {
            /* the lines since the pair wait in the gap as usual */
            d->body.gap_len = d->body.resume_wait;
        }
        return;
    }
    if (good && !d->body.resuming && !d->body.cut_comment) {
        struct line_rec *first = d->body.has_resume ? cand : NULL;
        if (first && !doc_same_text(first, l) && !new_article_after_cut(d, first)) {
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
        body_end_article(d, d->body.cut_why);
}

void detect_body_cut(struct doc *d, struct line_rec *l, const char *why)
{
    if (d->phase != PHASE_BODY)
        return;
    struct line_rec *cand = d->body.suspended ? resume_candidate(d) : NULL;
    if (d->body.suspended && d->body.resuming) {
        /* the text after the last header was the article: take it, and
           suspend again at this one */
        resume_after_cut(d, cand, l->seq);
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
int body_signature(struct doc *d, struct line_rec *l)
{
    if (!(l->flags & LF_TIMESTAMP) || !d->body.confirmed)
        return 0;
    struct line_rec *p = doc_before(d, l);
    if (p && p->f.words == 0)
        p = doc_before(d, p);
    if (!p || !(p->flags & LF_NAME))
        return 0;
    detect_body_cut(d, p, "signature");
    d->body.cut_comment = 1;
    body_suspended_line(d, l);
    return 1;
}

/* A lead marker ("(Site) - ") inside a body that had its own lead, or
 * three body lines already: another article's lead, a teaser's snippet.
 * The article ends at the title just before it (or at the line itself);
 * nothing after it resumes the article. */
void body_another_lead(struct doc *d, struct line_rec *l)
{
    struct line_rec *t = body_live_near(d, l->seq, -1);
    if (!t || t->v != V_PENDING || !body_title_like(t))
        t = l;
    detect_body_cut(d, t, "teaser-lead");
    d->body.cut_comment = 1;
    doc_drop(t, "teaser-lead");
    body_suspended_line(d, l);
}
