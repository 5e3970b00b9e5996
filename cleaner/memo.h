/* memo: what a line's raw bytes alone decide -- its normal form, word
 * counts and shape flags, its layout shape, UTF-8 repairs and the rule
 * that matches it --
 * remembered for lines that repeat (menus, widgets and footers repeat from
 * page to page: more than half the lines of real pages). A fixed number of
 * slots, each holding one line, so memory is bounded: a hash of the raw
 * bytes picks a pair of slots (two-way set-associative; the line is
 * compared byte for byte), and a new line replaces the one of the pair
 * used less recently, so two lines that hash alike do not push each other
 * out.
 *
 * On a crawl most bytes are article text, new lines that never come again,
 * so the memo keeps its costs off them: the pairs' keys (a tag of the hash
 * and when each slot was used) stand in a compact table looked at before
 * any slot is touched, and a line longer than short_line bytes is taken in
 * only when seen a second time (a table of hash tags remembers what was
 * seen): a long line seen once is hashed and nothing more, neither copied
 * nor let push a short line out. At most n / 16 slots hold a long line, and
 * a slot a short line takes over from a long one gives its memory back, so
 * the memo's memory is bounded by its size whatever the text (8192 slots:
 * about 1 MiB of long lines and 3 MiB of short ones at the most). Per
 * engine, so per worker: no locking. */
#ifndef CLEANER_MEMO_H
#define CLEANER_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "doc.h"
#include "layout.h"
#include "rules.h"

struct memo_slot {
    struct buf raw, norm;
    struct line_feat f;
    unsigned flags;             /* shape flags from the features */
    size_t repairs;
    const struct rule *rule;    /* the matching rule, or NULL */
    size_t view;                /* the rules and word lists (the language)
                                   the shape and rule were found with */
    struct line_shape shape;    /* the layout's reading of the raw line */
    int has_shape;              /* shape is filled */
    int used;                   /* filled (the caller sets it) */
    int long_line;              /* holds (or last held) a long line */
};

/* A slot's key: its line's hash tag (0: empty) and when it was last used. */
struct memo_key {
    uint32_t tag, stamp;
};

struct memo {
    struct memo_slot *slot;
    struct memo_key *key;       /* per slot */
    uint32_t *seen;             /* tags of long lines seen once (n) */
    size_t n;                   /* slots: a power of two; 0: switched off */
    size_t short_line;          /* longer lines wait for a second sight */
    size_t max_line;            /* longer lines are not remembered */
    size_t longs, max_longs;    /* slots holding a long line, and the most */
    uint32_t clock;             /* lookups so far (wraps; only orders) */
    unsigned long long lookups, hits; /* memo_find calls and lines found,
                                         since the owner last took them */
};

void memo_init(struct memo *m, size_t slots, size_t short_line, size_t max_line);
void memo_free(struct memo *m);
/* The slot for raw[0..len): *hit set when it holds this very line;
 * otherwise the slot to fill with it. NULL when the memo is off, the line
 * too long to remember, or a long line seen for the first time. */
struct memo_slot *memo_find(struct memo *m, const char *raw, size_t len, int *hit);
/* The slot that holds raw[0..len), or NULL; takes nothing in. */
const struct memo_slot *memo_lookup(struct memo *m, const char *raw, size_t len);

#endif
