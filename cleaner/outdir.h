/* outdir: the folders that -o DIR writes results into. Each folder under
 * DIR is looked at, and made if missing, once per run (not once per
 * file), and never through a symbolic link: a link inside DIR (to a
 * folder elsewhere, or anywhere) is refused, so that nothing is written
 * outside DIR. DIR itself may be a link; the user named it. Shared by the
 * workers (a lock inside). */
#ifndef CLEANER_OUTDIR_H
#define CLEANER_OUTDIR_H

#include <stddef.h>

struct outdir;

struct outdir *outdir_new(const char *dir);
void outdir_free(struct outdir *d);

/* Make ready the folders of dest, a path dir + "/" + relative name (as
 * walk_output_path gives it). Returns 0, or an errno value with a message
 * in why (ELOOP: a symbolic link in the way, ENOTDIR: a file). */
int outdir_prepare(struct outdir *d, const char *dest, char *why, size_t why_size);

#endif
