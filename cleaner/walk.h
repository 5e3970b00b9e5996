/* walk: turn command-line paths into a list of files. A directory stands
 * for every regular file below it, in name order; a file stands for
 * itself. Like grep -r: symbolic links given as paths are followed, links
 * to folders met inside a walk are not (unless follow_links, like grep
 * -R, and then a (device, inode) guard stops loops); hidden folders
 * (".git") are passed over (compressed files are read decompressed). Each entry keeps the path as given. Errors and notes
 * are collected, not printed. */
#ifndef CLEANER_WALK_H
#define CLEANER_WALK_H

#include <stddef.h>

struct walk_entry {
    char *path;       /* to open */
    int err;          /* errno if the path could not be listed or statted */
    const char *note; /* not a file to clean: why it is passed over
                         (static text), or NULL */
};

struct walk_list {
    struct walk_entry *v;
    size_t n, cap;
    int follow_links; /* follow symbolic links to folders inside walks */
};

/* Append path, or the files below it; never fails (errors are entries). */
void walk_add(struct walk_list *w, const char *path);
void walk_free(struct walk_list *w);

/* The relative name for path under an output directory (the -o mapping):
 * "." parts and repeated or leading "/" removed, each ".." part made "__",
 * so the name never leaves the directory; "" becomes "stdin". Two inputs
 * can map to one name ("../f" and "__/f", "/x/f" and "x/f"): callers check
 * with walk_collisions. Caller frees. */
char *walk_relative(const char *path);

/* The output's name under DIR: walk_relative(path) less a ".gz", ".zst"
 * or ".zstd" ending (the output is plain text), plus suffix (".gz" with
 * --compress gzip, ".zst" with zstd; NULL for none). Caller frees. */
char *walk_output_name(const char *path, const char *suffix);
/* dir + "/" + walk_output_name(path, suffix): where -o DIR writes the
 * result of path. Caller frees. */
char *walk_output_path(const char *dir, const char *path, const char *suffix);

/* Index pairs of entries (no note, no error) whose output names (with
 * suffix) are the same but whose paths differ; the first such pair in *a,
 * *b. Returns 1 if there is one. */
int walk_collision(const struct walk_list *w, const char *suffix, size_t *a, size_t *b);

#endif
