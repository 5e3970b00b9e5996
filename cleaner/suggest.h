/* suggest: mine candidate rules from many pages of one site. Each page is
 * cleaned with the current rules; lines that recur on many pages (digits
 * generalised, so dates and counters match) and that no rule drops yet
 * become drop rules, short headers that always stand after the article
 * become cut rules. The result is rule-file text with a comment on each
 * rule saying on how many pages it was seen. */
#ifndef CLEANER_SUGGEST_H
#define CLEANER_SUGGEST_H

#include <stddef.h>

#include "buf.h"
#include "rules.h"

struct suggest_opts {
    double min_share;   /* share of pages a line must be on (0..1) */
    unsigned min_pages; /* and at least this many pages */
    const char *prefix; /* rule-name prefix, e.g. the site's name */
};

struct suggest;

struct suggest *suggest_new(const struct rule_set *rs, struct rule_matcher *m,
                            const struct suggest_opts *o);
/* Add one page held in memory. */
void suggest_add_page(struct suggest *s, const char *text, size_t len);
/* Append the rule file to out. */
void suggest_write(struct suggest *s, struct buf *out);
void suggest_free(struct suggest *s);

#endif
