/* stats: what a run did, for --stats: documents, lines and bytes in and
 * out, lines decided per rule and detector, rule matches and match-limit
 * hits, UTF-8 repairs. One struct per worker, merged at the end. */
#ifndef CLEANER_STATS_H
#define CLEANER_STATS_H

#include "buf.h"
#include "rules.h"
#include "strset.h"

/* Lines per reason, keyed by the reason's address: reasons are rule names
 * owned by the rule set or static detector names, so one address is one
 * name and counting costs no string hashing. */
struct reason_count {
    const char *why;
    unsigned long long kept, dropped;
};

struct stats {
    unsigned long long docs, docs_empty;
    unsigned long long lines_in, lines_out, lines_blank;
    unsigned long long bytes_in, bytes_out;
    unsigned long long utf8_repairs;
    unsigned long long memo_lookups, memo_hits; /* the line memo: asked, knew */
    unsigned long long errors;       /* malformed records, unreadable files */
    unsigned long long no_site_field; /* JSON lines without the --site-field */
    struct reason_count *reasons;    /* open addressing by address */
    size_t cap, count;
    const char *last_why;            /* the reason counted last and its */
    size_t last_slot;                /* slot: runs of lines share one */
};

void stats_init(struct stats *s);
void stats_free(struct stats *s);
/* Count one line under its verdict and reason. */
void stats_count(struct stats *s, int kept, const char *why);
void stats_merge(struct stats *into, const struct stats *from);

/* Human-readable report (text) or one JSON object (json) into out, with
 * per-rule matches and limit hits summed over the matchers given; with
 * profile, also each rule's attempts and time. */
void stats_format(const struct stats *s, const struct rule_set *rs,
                  struct rule_matcher *const *m, size_t nm, int json, int profile,
                  struct buf *out);

/* The --profile report: rules by time spent matching, most first. */
void stats_profile(const struct rule_set *rs, struct rule_matcher *const *m, size_t nm,
                   struct buf *out);

#endif
