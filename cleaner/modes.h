/* modes: what a run does once the rules are loaded and the inputs known:
 * clean (one streamed pipeline, or the batch of workers for many files,
 * -z documents and JSON Lines), mine rules (--suggest-rules), or print the
 * rules' summary or settings. Each returns the exit status; diagnostics
 * and the --stats/--profile report go to standard error. */
#ifndef CLEANER_MODES_H
#define CLEANER_MODES_H

#include "options.h"
#include "rules.h"
#include "walk.h"

int modes_clean(const struct options *o, const struct rule_set *rs, const struct walk_list *files);
int modes_suggest(struct options *o, const struct rule_set *rs, const struct walk_list *files);
int modes_check_rules(const struct rule_set *rs);
int modes_list_settings(const struct rule_set *rs);

#endif
