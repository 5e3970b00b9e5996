/* memo: what a line's raw bytes alone decide -- its normal form, word
 * counts and shape flags, UTF-8 repairs and the rule that matches it --
 * remembered for lines that repeat (menus, widgets and footers repeat from
 * page to page: more than half the lines of real pages). A fixed number of
 * slots, each holding one line, so memory is bounded: a hash of the raw
 * bytes picks a pair of slots (two-way set-associative; the line is
 * compared byte for byte), and a new line replaces the one of the pair
 * used less recently, so two lines that hash alike do not push each other
 * out. Per engine, so per worker: no locking. */
#ifndef CLEANER_MEMO_H
#define CLEANER_MEMO_H

#include <stddef.h>

#include "buf.h"
#include "doc.h"
#include "rules.h"

struct memo_slot {
    struct buf raw, norm;
    struct line_feat f;
    unsigned flags;             /* shape flags from the features */
    size_t repairs;
    const struct rule *rule;    /* the matching rule, or NULL */
    size_t view;                /* the rules and word lists (the language)
                                   the shape and rule were found with */
    int used;
    unsigned long long touched; /* when last found or filled */
};

struct memo {
    struct memo_slot *slot;
    size_t n;                   /* a power of two; 0: switched off */
    size_t max_line;            /* longer lines are not remembered */
    unsigned long long clock;   /* lookups so far */
};

void memo_init(struct memo *m, size_t slots, size_t max_line);
void memo_free(struct memo *m);
/* The slot for raw[0..len): *hit set when it holds this very line;
 * otherwise the slot to fill with it. NULL when the memo is off or the
 * line too long to remember. */
struct memo_slot *memo_find(struct memo *m, const char *raw, size_t len, int *hit);

#endif
