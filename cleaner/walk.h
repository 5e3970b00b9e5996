/* walk: turn command-line paths into a list of files. A directory stands
 * for every regular file below it, in name order; a file stands for
 * itself. Each entry keeps the path as given, which is also the relative
 * name used under an output directory. Errors are collected, not printed. */
#ifndef CLEANER_WALK_H
#define CLEANER_WALK_H

#include <stddef.h>

struct walk_entry {
    char *path;   /* to open */
    int err;      /* errno if the path could not be listed or statted */
};

struct walk_list {
    struct walk_entry *v;
    size_t n, cap;
};

/* Append path, or the files below it; never fails (errors are entries). */
void walk_add(struct walk_list *w, const char *path);
void walk_free(struct walk_list *w);

/* The relative name for path under an output directory: leading "/" and
 * "./" removed, ".." parts made "__" so nothing lands outside it. Caller
 * frees. */
char *walk_relative(const char *path);

#endif
