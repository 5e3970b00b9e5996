/* doc: helpers on the shared per-document state (see doc.h). */
#include "doc.h"

void doc_drop(struct line_rec *l, const char *why)
{
    if (l->flags & (LF_PROTECTED | LF_TOO_LONG) || l->v == V_BLANK)
        return;
    l->v = V_DROP;
    l->why = why;
}

void doc_keep(struct line_rec *l, const char *why)
{
    if (l->flags & (LF_PROTECTED | LF_TOO_LONG) || l->v == V_BLANK)
        return;
    l->v = V_KEEP;
    l->why = why;
}
