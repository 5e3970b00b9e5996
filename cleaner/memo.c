/* memo: repeated lines' context-free work remembered (see memo.h). */
#include "memo.h"

#include <stdlib.h>
#include <string.h>

#include "strset.h"
#include "xalloc.h"

void memo_init(struct memo *m, size_t slots, size_t short_line, size_t max_line)
{
    memset(m, 0, sizeof *m);
    if (slots == 0)
        return;
    size_t n = 2; /* at least one pair */
    while (n < slots)
        n *= 2;
    m->slot = xcalloc(n, sizeof *m->slot);
    m->key = xcalloc(n, sizeof *m->key);
    m->seen = xcalloc(n, sizeof *m->seen);
    m->n = n;
    m->short_line = short_line < max_line ? short_line : max_line;
    m->max_line = max_line;
    m->max_longs = n / 16 ? n / 16 : 1;
}

void memo_free(struct memo *m)
{
    for (size_t i = 0; i < m->n; i++) {
        buf_free(&m->slot[i].raw);
        buf_free(&m->slot[i].norm);
    }
    free(m->slot);
    free(m->key);
    free(m->seen);
    memset(m, 0, sizeof *m);
}

/* The line's pair of slots (its first) and its tag, never 0. */
static size_t pair_of(const struct memo *m, const char *raw, size_t len, uint32_t *tag)
{
    uint64_t h = strset_hash(raw, len);
    *tag = (uint32_t)(h >> 32) | 1u;
    return (size_t)h & (m->n - 2);
}

static int holds(const struct memo *m, size_t i, uint32_t tag, const char *raw, size_t len)
{
    const struct memo_slot *s = &m->slot[i];
    return m->key[i].tag == tag && s->used && s->raw.len == len && !memcmp(s->raw.p, raw, len);
}

const struct memo_slot *memo_lookup(struct memo *m, const char *raw, size_t len)
{
    if (m->n == 0 || len > m->max_line)
        return NULL;
    uint32_t tag;
    size_t i = pair_of(m, raw, len, &tag);
    for (size_t k = i; k < i + 2; k++)
        if (holds(m, k, tag, raw, len))
            return &m->slot[k];
    return NULL;
}

struct memo_slot *memo_find(struct memo *m, const char *raw, size_t len, int *hit)
{
    *hit = 0;
    if (m->n == 0 || len > m->max_line)
        return NULL;
    uint32_t tag;
    size_t i = pair_of(m, raw, len, &tag);
    m->clock++;
    m->lookups++;
    for (size_t k = i; k < i + 2; k++)
        if (holds(m, k, tag, raw, len)) {
            *hit = 1;
            m->hits++;
            m->key[k].stamp = m->clock;
            return &m->slot[k];
        }
    int long_line = len > m->short_line;
    if (long_line) {
        /* a long line: taken in the second time it is seen */
        uint32_t *seen = &m->seen[(size_t)(tag >> 1) & (m->n - 1)];
        if (*seen != tag) {
            *seen = tag;
            return NULL;
        }
    }
    /* the slot of the pair empty or used less recently (by how long ago,
       so that the clock may wrap) */
    struct memo_key *a = &m->key[i], *b = &m->key[i + 1];
    size_t v = !a->tag                                       ? i
               : !b->tag                                     ? i + 1
               : m->clock - a->stamp >= m->clock - b->stamp ? i
                                                             : i + 1;
    struct memo_slot *s = &m->slot[v];
    if (long_line && !s->long_line) {
        if (m->longs == m->max_longs)
            return NULL; /* as many long lines as may be held */
        m->longs++;
    } else if (!long_line && s->long_line) {
        m->longs--;
        buf_free(&s->raw); /* a short line: the long one's memory back */
        buf_free(&s->norm);
    }
    s->long_line = long_line;
    m->key[v].tag = tag;
    m->key[v].stamp = m->clock;
    s->used = 0; /* until the caller fills it */
    return s;
}
