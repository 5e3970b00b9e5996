/* detect_body_impl: what the three parts of the body detector share:
 * detect_body.c (the phase machine: good lines, gaps, the end),
 * detect_body_start.c (where the article starts: headline, false starts,
 * teaser boxes above it) and detect_body_boxes.c (what stands inside or
 * after it: a cut header suspending it, teaser cards, another lead, a
 * comment's signature). Nobody else includes it. */
#ifndef CLEANER_DETECT_BODY_IMPL_H
#define CLEANER_DETECT_BODY_IMPL_H

#include "doc.h"

/* detect_body.c */
void body_keep(struct doc *d, struct line_rec *l, const char *why);
void body_confirm(struct doc *d);
int body_title_like(const struct line_rec *x);
/* The held or kept line before (dir < 0) or after seq, or NULL. */
struct line_rec *body_live_near(struct doc *d, unsigned long long seq, int dir);
void body_count_good(struct doc *d, const struct line_rec *l, int after_gap);
int body_kept_since_good(struct doc *d, unsigned long long seq);
void body_resolve_gap(struct doc *d, unsigned long long upto);
int body_tail_line(struct doc *d, const struct line_rec *x, int right_after_body);
void body_end_article(struct doc *d, const char *why);

/* detect_body_start.c */
void body_start(struct doc *d, struct line_rec *g);
void body_false_start(struct doc *d);
int body_reanchor_after_box(struct doc *d, struct line_rec *first);
void body_reanchor_after_caption(struct doc *d, struct line_rec *first);

/* detect_body_boxes.c */
int body_teaser_card(struct doc *d, struct line_rec *l);
int body_trailing_card(struct doc *d);
void body_suspended_line(struct doc *d, struct line_rec *l);
int body_signature(struct doc *d, struct line_rec *l);
void body_another_lead(struct doc *d, struct line_rec *l);

#endif
