/* notes: messages about the input said once. A batch run's workers each
 * put their messages in their job; the main thread hands them here in
 * input order. A message that repeats with only its location changed (a
 * wrong --field on every JSON line, the same fault in every record) is
 * said at its first place; at the end of the input, how many times it
 * came in all. */
#ifndef CLEANER_NOTES_H
#define CLEANER_NOTES_H

#include <stddef.h>

#include "buf.h"
#include "io.h"
#include "strset.h"

struct notes {
    struct strset seen; /* key -> index into count */
    size_t *count;
    char **key;         /* in the order first said */
    size_t n, cap;
};

#define NOTES_INIT { STRSET_INIT, NULL, NULL, 0, 0 }

/* Append one message to a job's list: its key (the message without its
 * location) and the line to print (with it). */
void notes_add(struct buf *list, const char *key, size_t key_len, const char *line,
               size_t line_len);
/* The usual message: "cleaner: NAME" AT ": MSG", where AT is a place
 * (":12", ": record 3 at byte 9") or "", left out of its key. */
void notes_add_message(struct buf *list, const char *name, const char *at, const char *msg);
/* Say the messages of a list: each the first time its key comes, else
 * counted. Returns how many were said. */
size_t notes_say(struct notes *s, const struct buf *list, struct io_writer *err);
/* For each key that came more than once: "cleaner: KEY (N times in all,
 * said at the first)" (err NULL: nothing said). Then forget them all. */
void notes_summary(struct notes *s, struct io_writer *err);
void notes_free(struct notes *s);

#endif
