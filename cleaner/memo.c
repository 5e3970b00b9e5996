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
    size_t n = 1;
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
    struct memo_slot *s = &m->slot[strset_hash(raw, len) & (m->n - 1)];
    *hit = s->used && s->raw.len == len && !memcmp(s->raw.p, raw, len);
    return s;
}
