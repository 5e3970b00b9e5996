/* words: content-word sets (see words.h). */
#include "words.h"

#include <stdlib.h>
#include <string.h>

#include "strset.h"
#include "text.h"
#include "xalloc.h"

void word_set_clear(struct word_set *w)
{
    for (size_t i = 0; i < w->count; i++)
        w->key[w->used[i]] = 0;
    w->count = 0;
}

void word_set_free(struct word_set *w)
{
    free(w->key);
    free(w->used);
    memset(w, 0, sizeof *w);
}

static size_t slot(const struct word_set *w, uint64_t key)
{
    size_t i = (size_t)(key >> 7) & (w->cap - 1);
    while (w->key[i] && w->key[i] != key)
        i = (i + 1) & (w->cap - 1);
    return i;
}

static void put(struct word_set *w, uint64_t key)
{
    if (2 * (w->count + 1) > w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 64;
        uint64_t *old = w->key;
        size_t old_cap = w->cap;
        w->key = xcalloc(cap, sizeof *w->key);
        w->used = xrealloc(w->used, cap / 2 * sizeof *w->used);
        w->cap = cap;
        w->count = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i]) {
                size_t j = slot(w, old[i]);
                w->key[j] = old[i];
                w->used[w->count++] = j;
            }
        free(old);
    }
    size_t i = slot(w, key);
    if (!w->key[i]) {
        w->key[i] = key;
        w->used[w->count++] = i;
    }
}

/* The bytes of a word's first WORD_STEM characters: inflected forms of one
 * word ("försvann", "försvunnen") mostly share them. */
static size_t stem_len(const char *w, size_t n)
{
    size_t chars = 0, i = 0;
    while (i < n && chars < WORD_STEM) {
        i++;
        while (i < n && ((unsigned char)w[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    return i;
}

void word_keys_of(const char *s, size_t n, const struct detect_config *c, struct buf *scratch,
                  struct buf *out)
{
    size_t pos = 0;
    while (text_next_word_lower(s, n, &pos, scratch)) {
        if (scratch->len == 0 || (scratch->p[0] >= '0' && scratch->p[0] <= '9'))
            continue;
        /* one hash for the stop word's question and the key, when the
           word is no longer than its stem */
        size_t stem = stem_len(scratch->p, scratch->len);
        uint64_t h = strset_hash(scratch->p, stem);
        const struct word_list *stop = &c->stopwords;
        if (stop->set.count && scratch->len <= stop->max_len &&
            strset_has_hashed(&stop->set, scratch->p, scratch->len,
                              stem == scratch->len ? h : strset_hash(scratch->p, scratch->len)))
            continue;
        uint64_t key = h | 1;
        buf_append(out, &key, sizeof key);
    }
}

const uint64_t *word_keys(struct line_rec *x, const struct detect_config *c, struct buf *scratch,
                          size_t *n)
{
    if (!x->words_made) {
        x->words.len = 0;
        word_keys_of(x->norm.p, x->norm.len, c, scratch, &x->words);
        x->words_made = 1;
    }
    *n = x->words.len / sizeof(uint64_t);
    return (const uint64_t *)(const void *)x->words.p;
}

void word_set_add_keys(struct word_set *w, const uint64_t *k, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(w, k[i]);
}

int word_set_has(const struct word_set *w, uint64_t key)
{
    return w->cap && w->key[slot(w, key)] == key;
}

size_t word_set_shared(const struct word_set *a, const struct word_set *b)
{
    size_t k = 0;
    for (size_t i = 0; i < a->count; i++)
        k += word_set_has(b, a->key[a->used[i]]);
    return k;
}
