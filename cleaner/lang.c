/* lang: a document's language from its words (see lang.h). */
#include "lang.h"

#include <string.h>

#include "text.h"

int lang_sample_add(const struct rule_set *rs, struct lang_sample *s, const char *text, size_t n,
                    struct buf *scratch)
{
    unsigned next_look = s->words + LANG_CLEAR_STEP;
    for (size_t at = 0; at < n && s->words < LANG_SAMPLE_WORDS;) {
        /* a long paragraph need not be read to its end once the sample
           is clear */
        if (s->words >= next_look) {
            if (lang_sample_clear(rs, s))
                return 1;
            next_look = s->words + LANG_CLEAR_STEP;
        }
        const char *sp = memchr(text + at, ' ', n - at);
        size_t end = sp ? (size_t)(sp - text) : n;
        const char *t = text + at;
        size_t tn = end - at, pos = 0;
        at = end + 1;
        if (text_address_like(t, tn))
            continue;
        while (s->words < LANG_SAMPLE_WORDS && text_next_word_lower(t, tn, &pos, scratch)) {
            s->words++;
            size_t bits;
            if (!strset_get(&rs->lang_words, scratch->p, scratch->len, &bits))
                continue;
            for (size_t k = 0; bits; k++, bits >>= 1)
                s->hits[k] += bits & 1;
        }
    }
    return lang_sample_clear(rs, s);
}

int lang_pick(const struct rule_set *rs, const struct lang_sample *s)
{
    int best = -1;
    for (size_t k = 0; k < rs->nlangs && k < 64; k++)
        if (best < 0 || s->hits[k] > s->hits[best])
            best = (int)k;
    /* running text is a third or more stop words; a few hits in a list of
       names or a menu say nothing */
    if (best < 0 || s->hits[best] < 5 || s->hits[best] * 100 < s->words * 6)
        return -1;
    return best;
}

int lang_sample_clear(const struct rule_set *rs, const struct lang_sample *s)
{
    unsigned best = 0, second = 0;
    for (size_t k = 0; k < rs->nlangs && k < 64; k++) {
        if (s->hits[k] > best) {
            second = best;
            best = s->hits[k];
        } else if (s->hits[k] > second) {
            second = s->hits[k];
        }
    }
    return best >= 20 && best >= 3 * second && best * 100 >= s->words * 15;
}
