/* stats: what a run did, for --stats: documents, lines and bytes in and
 * out, lines decided per rule and detector, rule matches and match-limit
 * hits, UTF-8 repairs. One struct per worker, merged at the end. */
#ifndef CLEANER_STATS_H
#define CLEANER_STATS_H

#include "buf.h"
#include "rules.h"
#include "strset.h"

struct stats {
    unsigned long long docs, docs_empty;
    unsigned long long lines_in, lines_out, lines_blank;
    unsigned long long bytes_in, bytes_out;
    unsigned long long utf8_repairs;
    unsigned long long errors;       /* malformed records, unreadable files */
    struct strset kept_by, dropped_by; /* reason -> lines */
};

void stats_init(struct stats *s);
void stats_free(struct stats *s);
/* Count one line under its verdict and reason. */
void stats_count(struct stats *s, int kept, const char *why);
void stats_merge(struct stats *into, const struct stats *from);

/* Human-readable report (text) or one JSON object (json) into out, with
 * per-rule matches and limit hits summed over the matchers given. */
void stats_format(const struct stats *s, const struct rule_set *rs,
                  struct rule_matcher *const *m, size_t nm, int json, struct buf *out);

#endif
