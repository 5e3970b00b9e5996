/* detect_teaser: teasers for other articles without a header: a title that
 * stands twice (on two lines, or doubled on one line as "T T" or "TT")
 * followed by a snippet that ends in "..." or by a time stamp; a title
 * followed by such a snippet; and the lines between teasers of one run. */
#include <string.h>

#include "doc.h"

/* The line is one text written twice: "T T" or "TT", T of min_words. */
static int self_doubled(const struct line_rec *l, unsigned min_words)
{
    const char *s = l->norm.p;
    size_t n = l->norm.len;
    if (l->f.words < 2 * min_words)
        return 0;
    if (n % 2 == 1 && s[n / 2] == ' ' && !memcmp(s, s + n / 2 + 1, n / 2))
        return 1;
    return n % 2 == 0 && !memcmp(s, s + n / 2, n / 2);
}

/* Non-blank lines strictly between a and b. */
static unsigned between(struct doc *d, unsigned long long a, unsigned long long b)
{
    unsigned k = 0;
    for (unsigned long long s = a + 1; s < b; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x && x->v != V_BLANK)
            k++;
    }
    return k;
}

static void mark(struct doc *d, struct line_rec *l)
{
    l->flags |= LF_TEASER;
    if (l->v != V_DROP || !(l->flags & (LF_TIMESTAMP | LF_RULE_HIT)))
        doc_drop(l, "teaser");
    d->teaser.has_teaser = 1;
    d->teaser.last_teaser_seq = l->seq;
}

/* Whether a new teaser starting at line seq belongs to the last one's
 * run: at most teaser.run lines stand between them. */
static int in_run(struct doc *d, unsigned long long seq)
{
    return d->teaser.has_teaser && between(d, d->teaser.last_teaser_seq, seq) <= d->cfg->teaser_run;
}

/* A new teaser starting at line start close after the last teaser:
 * everything between belongs to the run (snippets that did not end in
 * "..."). */
static void extend_run(struct doc *d, unsigned long long start)
{
    if (!in_run(d, start))
        return;
    for (unsigned long long s = d->teaser.last_teaser_seq + 1; s < start; s++) {
        struct line_rec *x = doc_line(d, s);
        if (x && x->v != V_BLANK)
            mark(d, x);
    }
}

const char *detect_teaser(struct doc *d, struct line_rec *l)
{
    const struct detect_config *c = d->cfg;
    if ((l->v == V_DROP && !(l->flags & LF_TIMESTAMP)) || (l->flags & (LF_HEADLINE | LF_CAPTION)))
        return NULL;
    struct line_rec *p = doc_before(d, l);
    if (l->v != V_DROP && self_doubled(l, c->teaser_min_words)) {
        extend_run(d, l->seq);
        mark(d, l);
        return NULL;
    }
    if (!p || (p->flags & (LF_HEADLINE | LF_PROTECTED | LF_CAPTION)))
        return NULL;
    int tail = (l->flags & (LF_ELLIPSIS | LF_TIMESTAMP)) != 0;
    if (tail && (p->flags & (LF_DOUBLED | LF_TEASER)) && !(p->flags & LF_TIMESTAMP)) {
        struct line_rec *first = (p->flags & LF_DOUBLED) ? doc_before(d, p) : NULL;
        if (first)
            mark(d, first);
        mark(d, p);
        mark(d, l);
        return NULL;
    }
    /* a title, or a link (dropped as one), then a longer snippet in "..." */
    if ((l->flags & LF_ELLIPSIS) && l->f.words > p->f.words &&
        (((p->flags & LF_TITLE) && !(p->flags & LF_GOOD) && p->v != V_DROP) ||
         (p->flags & LF_LINK))) {
        mark(d, p);
        mark(d, l);
        return NULL;
    }
    if (l->v != V_DROP && l->f.words >= c->teaser_min_words && doc_same_text(p, l)) {
        l->flags |= LF_DOUBLED;
        doc_drop(p, "dup-line");
        /* the doubled title starts at p */
        if (in_run(d, p->seq)) {
            extend_run(d, p->seq);
            mark(d, p);
            mark(d, l);
        }
    }
    return NULL;
}
