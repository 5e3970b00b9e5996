/* pack: the rule pack a run uses: the default pack ($CLEANER_RULES, the
 * rules/ folder next to the build, the installed one), --rules files and
 * folders, --site packs, the site packs --site-field chooses from, and
 * --disable; rule-file errors printed with file:line:col and a caret. */
#ifndef CLEANER_PACK_H
#define CLEANER_PACK_H

#include "options.h"
#include "rules.h"

/* Load and finish rs as the options say. Returns 0, or -1 after printing
 * why (the exit status is then 2). */
int pack_load(const struct options *o, struct rule_set *rs);

/* The language pack --language names, into o->popts.lang. Returns 0, or
 * -1 after printing why (the exit status is then 2). */
int pack_language(struct options *o, const struct rule_set *rs);

#endif
