/* strset: open-addressing string set (see strset.h). */
#include "strset.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Eight bytes at a time (multiply and fold), the tail as one load of the
 * last eight bytes, then a final mix: whole lines are hashed for the
 * memo, so this is on the hot path. */
uint64_t strset_hash(const char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = 1469598103934665603ULL ^ (n * k);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    uint64_t t = 0;
    if (i < n) {
        if (n >= 8) { /* the last eight bytes, overlapping the ones before */
            memcpy(&t, s + n - 8, 8);
        } else {
            for (size_t j = 0; i + j < n; j++)
                t |= (uint64_t)(unsigned char)s[i + j] << (8 * j);
        }
    }
    h = (h ^ t) * k;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ULL;
    h ^= h >> 32;
    return h;
}

static size_t slot_hashed(const struct strset *set, const char *s, size_t n, uint64_t h)
{
    size_t mask = set->cap - 1;
    size_t i = (size_t)h & mask;
    while (set->keys[i] && !(set->hashes[i] == h && set->lens[i] == n &&
                             memcmp(set->keys[i], s, n) == 0))
        i = (i + 1) & mask;
    return i;
}

static size_t slot_of(const struct strset *set, const char *s, size_t n)
{
    return slot_hashed(set, s, n, strset_hash(s, n));
}

static void rehash(struct strset *set, size_t cap)
{
    struct strset bigger = { xcalloc(cap, sizeof(char *)), xcalloc(cap, sizeof(size_t)),
                             xcalloc(cap, sizeof(size_t)), xcalloc(cap, sizeof(uint64_t)), cap,
                             set->count };
    for (size_t i = 0; i < set->cap; i++) {
        if (!set->keys[i])
            continue;
        size_t j = slot_of(&bigger, set->keys[i], set->lens[i]);
        bigger.keys[j] = set->keys[i];
        bigger.lens[j] = set->lens[i];
        bigger.vals[j] = set->vals[i];
        bigger.hashes[j] = set->hashes[i];
    }
    free(set->keys);
    free(set->lens);
    free(set->vals);
    free(set->hashes);
    *set = bigger;
}

int strset_add(struct strset *set, const char *s, size_t n)
{
    if ((set->count + 1) * 2 > set->cap)
        rehash(set, set->cap ? set->cap * 2 : 64);
    size_t i = slot_of(set, s, n);
    if (set->keys[i])
        return 0;
    set->keys[i] = xmemdup0(s, n);
    set->lens[i] = n;
    set->hashes[i] = strset_hash(s, n);
    set->count++;
    return 1;
}

int strset_has(const struct strset *set, const char *s, size_t n)
{
    return strset_has_hashed(set, s, n, strset_hash(s, n));
}

int strset_has_hashed(const struct strset *set, const char *s, size_t n, uint64_t h)
{
    if (!set->cap)
        return 0;
    return set->keys[slot_hashed(set, s, n, h)] != NULL;
}

void strset_put(struct strset *set, const char *s, size_t n, size_t value)
{
    strset_add(set, s, n);
    set->vals[slot_of(set, s, n)] = value;
}

int strset_get(const struct strset *set, const char *s, size_t n, size_t *value)
{
    if (!set->cap)
        return 0;
    size_t i = slot_of(set, s, n);
    if (!set->keys[i])
        return 0;
    *value = set->vals[i];
    return 1;
}

void strset_free(struct strset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->keys[i]);
    free(set->keys);
    free(set->lens);
    free(set->vals);
    free(set->hashes);
    set->keys = NULL;
    set->lens = NULL;
    set->vals = NULL;
    set->hashes = NULL;
    set->cap = set->count = 0;
}
