/* lang: the language of a document, recognised from its words: the
 * language pack (rules.h, "language CODE" files) whose own stop words make
 * the largest share of a sample of its words, as jusText picks a
 * stoplist. Function words are the most frequent words of running text in
 * every language and seldom shared between languages. */
#ifndef CLEANER_LANG_H
#define CLEANER_LANG_H

#include <stddef.h>

#include "buf.h"
#include "rules.h"

/* Words of the sample looked at, at most (a paragraph or two). */
enum { LANG_SAMPLE_WORDS = 400 };

struct lang_sample {
    unsigned words;
    unsigned hits[64]; /* per language pack: words that are its stop words */
};

/* Words read between two looks at whether the sample is clear. */
enum { LANG_CLEAR_STEP = 16 };

/* Count the words of a line (its normal form: single spaces) into the
 * sample, leaving out pieces shaped like addresses; stops early (at a
 * look every LANG_CLEAR_STEP words) once the sample is clear. Returns
 * whether the sample is clear (lang_sample_clear()). */
int lang_sample_add(const struct rule_set *rs, struct lang_sample *s, const char *text, size_t n,
                    struct buf *scratch);
/* Whether the sample already says which language it is: one pack with
 * many of its words and far more than any other. */
int lang_sample_clear(const struct rule_set *rs, const struct lang_sample *s);
/* The language pack the sample is in, or -1 when none has enough of its
 * words (or the set has no packs). */
int lang_pick(const struct rule_set *rs, const struct lang_sample *s);

#endif
