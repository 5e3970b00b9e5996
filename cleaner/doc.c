/* doc: helpers on the shared per-document state (see doc.h). */
#include "doc.h"

struct line_rec *doc_prev(struct doc *d, unsigned long long seq)
{
    struct line_rec *at = doc_line(d, seq);
    if (at)
        return doc_before(d, at);
    while (seq-- > d->win.base) {
        struct line_rec *l = doc_line(d, seq);
        if (l->v != V_BLANK)
            return l;
    }
    return NULL;
}

void doc_drop(struct line_rec *l, const char *why)
{
    if (l->flags & LF_PROTECTED || l->v == V_BLANK)
        return;
    l->v = V_DROP;
    l->why = why;
    l->flags &= ~(unsigned)LF_HOLD;
}

void doc_keep(struct line_rec *l, const char *why)
{
    if (l->flags & LF_PROTECTED || l->v == V_BLANK)
        return;
    l->v = V_KEEP;
    l->why = why;
}
