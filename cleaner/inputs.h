/* inputs: the documents a run reads: FILE arguments (folders walked),
 * --files-from and --files0-from lists, standard input when there is
 * neither; and, for -o, the check that no output would land on another's
 * name or replace its own input. Problems are printed here. */
#ifndef CLEANER_INPUTS_H
#define CLEANER_INPUTS_H

#include "options.h"
#include "walk.h"

/* Fill files. Returns an exit status (EXIT_OK, or 1 or 2 after a message). */
int inputs_collect(const struct options *o, struct walk_list *files);

/* The inputs one by one, each opened once, whatever it is (a file, a FIFO,
 * a device, standard input): every mode reads through this. */
struct input {
    const char *path;       /* as listed: "-" is standard input */
    const char *name;       /* in messages: the path, or "stdin" */
    size_t index;           /* its place among the inputs, from 0 */
    int err;                /* errno when it could not be opened, else 0 */
    int fd;                 /* -1 when not open */
    struct source *src;     /* its bytes, decompressed (source.h) */
    int looked, warc;       /* its first bytes looked at; WARC or not */
};

struct inputs {
    const struct walk_list *files;
    size_t next;
    struct input cur;
};

void inputs_begin(struct inputs *it, const struct walk_list *files);
/* The next input, opened (or with err set); NULL after the last. The one
 * before is closed, unless it was taken (input_take). */
struct input *inputs_next(struct inputs *it);
/* Whether in starts like a WARC file: its first decoded bytes, read once
 * (waiting for them on a pipe) and kept for the reader. */
int input_is_warc(struct input *in);
/* The open input handed over: *fd and *src are the caller's to close and
 * free (fd is STDIN_FILENO for standard input: not to be closed). */
void input_take(struct input *in, int *fd, struct source **src);
/* Close the input it holds. */
void inputs_end(struct inputs *it);
/* Close an input handed over by input_take. */
void input_close(int fd, struct source *src);
/* With -o: EXIT_OK, or EXIT_USAGE after a message. */
int inputs_check_outputs(const struct options *o, const struct walk_list *files);

#endif
