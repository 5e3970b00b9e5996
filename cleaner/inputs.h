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
/* Whether the first input is a regular file that starts like a WARC file
 * (its first decoded bytes; standard input is told later, in modes.c). */
int inputs_first_is_warc(const struct walk_list *files);
/* With -o: EXIT_OK, or EXIT_USAGE after a message. */
int inputs_check_outputs(const struct options *o, const struct walk_list *files);

#endif
