/* words: sets of a text's content words (lower case, stop words and
 * numbers left out, each cut to its first WORD_STEM characters, a rough
 * stem), to ask how much two texts speak of the same things:
 * a headline and its lead, an article and the block after a box inside
 * it. Words are kept as 64-bit hashes in an open-addressing table that
 * grows; a set is reused from text to text (word_set_clear keeps its
 * memory). */
#ifndef CLEANER_WORDS_H
#define CLEANER_WORDS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "detect.h"
#include "doc.h"

enum { WORD_STEM = 5 };

struct word_set {
    uint64_t *key;  /* hash | 1; 0: empty */
    size_t *used;   /* the slots filled, so that clearing costs what was put */
    size_t cap, count;
};

void word_set_clear(struct word_set *w);
void word_set_free(struct word_set *w);
/* The content words of line x: not stop words of c, not starting with a
 * digit, each the hash of its stem. Made on first use and kept with the
 * line until its text changes; n gets their number. scratch is working
 * space. */
const uint64_t *word_keys(struct line_rec *x, const struct detect_config *c, struct buf *scratch,
                          size_t *n);
/* The content words of text s[0..n), as word_keys() makes them, appended
 * to out (uint64_t each). */
void word_keys_of(const char *s, size_t n, const struct detect_config *c, struct buf *scratch,
                  struct buf *out);
/* Add keys k[0..n) (from word_keys). */
void word_set_add_keys(struct word_set *w, const uint64_t *k, size_t n);
int word_set_has(const struct word_set *w, uint64_t key);
/* Words of a that are in b. */
size_t word_set_shared(const struct word_set *a, const struct word_set *b);

#endif
