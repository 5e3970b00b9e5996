/* memo: repeated lines' context-free work remembered (see memo.h). */
#include "memo.h"

#include <stdlib.h>
#include <string.h>

#include "strset.h"
#include "xalloc.h"

void memo_init(struct memo *m, size_t slots, size_t max_line)
{
    memset(m, 0, sizeof *m);
    if (slots == 0)
        return;
    size_t n = 2; /* at least one pair */
    while (n < slots)
        n *= 2;
    m->slot = xcalloc(n, sizeof *m->slot);
    m->n = n;
    m->max_line = max_line;
}

void memo_free(struct memo *m)
{
    for (size_t i = 0; i < m->n; i++) {
        buf_free(&m->slot[i].raw);
        buf_free(&m->slot[i].norm);
    }
    free(m->slot);
    memset(m, 0, sizeof *m);
}

struct memo_slot *memo_find(struct memo *m, const char *raw, size_t len, int *hit)
{
    *hit = 0;
    if (m->n == 0 || len > m->max_line)
        return NULL;
    size_t i = (size_t)strset_hash(raw, len) & (m->n - 1);
    struct memo_slot *pair[2] = { &m->slot[i & ~(size_t)1], &m->slot[i | 1] };
    m->clock++;
    for (int k = 0; k < 2; k++) {
        struct memo_slot *s = pair[k];
        if (s->used && s->raw.len == len && !memcmp(s->raw.p, raw, len)) {
            *hit = 1;
            s->touched = m->clock;
            return s;
        }
    }
    struct memo_slot *victim = !pair[0]->used ? pair[0]
                               : !pair[1]->used ? pair[1]
                               : pair[0]->touched <= pair[1]->touched ? pair[0] : pair[1];
    victim->touched = m->clock;
    return victim;
}
