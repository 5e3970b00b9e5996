/* strset: a set of byte strings (open addressing, FNV-1a), each with a
 * size_t value, so it also serves as a small map. Owns copies of the
 * strings it holds; strset_free() releases them. */
#ifndef CLEANER_STRSET_H
#define CLEANER_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct strset {
    char **keys;
    size_t *lens;
    size_t *vals;
    uint64_t *hashes;
    size_t cap, count;
};

#define STRSET_INIT { NULL, NULL, NULL, NULL, 0, 0 }

uint64_t strset_hash(const char *s, size_t n);
/* Add a copy of s; returns 1 if added, 0 if it was there already. */
int strset_add(struct strset *set, const char *s, size_t n);
int strset_has(const struct strset *set, const char *s, size_t n);
/* The same, with h = strset_hash(s, n) known. */
int strset_has_hashed(const struct strset *set, const char *s, size_t n, uint64_t h);
/* Set the value of s (added if absent). */
void strset_put(struct strset *set, const char *s, size_t n, size_t value);
/* The value of s in *value; returns 0 if s is absent. */
int strset_get(const struct strset *set, const char *s, size_t n, size_t *value);
void strset_free(struct strset *set);

#endif
