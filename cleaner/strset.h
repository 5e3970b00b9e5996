/* strset: a set of byte strings (open addressing, FNV-1a). Owns copies of
 * the strings it holds; strset_free() releases them. */
#ifndef CLEANER_STRSET_H
#define CLEANER_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct strset {
    char **keys;
    size_t *lens;
    size_t cap, count;
};

#define STRSET_INIT { NULL, NULL, 0, 0 }

uint64_t strset_hash(const char *s, size_t n);
/* Add a copy of s; returns 1 if added, 0 if it was there already. */
int strset_add(struct strset *set, const char *s, size_t n);
int strset_has(const struct strset *set, const char *s, size_t n);
void strset_free(struct strset *set);

#endif
