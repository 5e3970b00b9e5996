/* spill: the bytes of one line too long to hold in memory (engine.h,
 * ENGINE_LONG_LINE), written to an unlinked temporary file as they are
 * read, and copied out from it when the line's turn comes (--explain,
 * --removed). When no temporary file can be made they are held in memory
 * instead: nothing is lost, only the bound on memory. */
#ifndef CLEANER_SPILL_H
#define CLEANER_SPILL_H

#include <stddef.h>

#include "buf.h"
#include "io.h"

struct spill;

/* A new line; with keep unset its bytes are only counted (nobody will
 * ask for them: the line is dropped and dropped lines are not shown). */
struct spill *spill_new(int keep);
/* Append p[0..n). */
void spill_write(struct spill *s, const char *p, size_t n);
/* The bytes written so far. */
unsigned long long spill_len(const struct spill *s);
/* Write the line to w as text: invalid UTF-8 repaired (text.h), tabs and
 * other control characters as spaces, so that a record of --explain stays
 * one line of tab-separated fields. Returns 0, or -1 when the temporary
 * file could not be read back (errno set; w gets what was read). */
int spill_put_text(struct spill *s, struct io_writer *w);
void spill_free(struct spill *s);

#endif
