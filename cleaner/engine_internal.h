/* engine_internal.h: what engine.c (lines held, paragraphs made, the
 * window) and engine_text.c (a paragraph's text, shape and rule) share.
 * Not for other modules: engine.h is the engine's interface. */
#ifndef CLEANER_ENGINE_INTERNAL_H
#define CLEANER_ENGINE_INTERNAL_H

#include "engine.h"

/* The physical line seq, held in the ring. */
static inline struct phys_line *phys_at(struct engine *e, unsigned long long seq)
{
    return &e->lines.slot[seq & e->lines.mask];
}

/* The normal form of physical line p into p->norm (the memo's copy when
 * it holds the line); once. */
void engine_normalize_line(struct engine *e, struct phys_line *p);
/* Paragraph l of the physical lines from..to: its normal form, shape and
 * flags, and the rule that matches it (NULL: none). */
const struct rule *engine_para_text(struct engine *e, struct line_rec *l, unsigned long long from,
                                    unsigned long long to);

#endif
