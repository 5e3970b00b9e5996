/* options: the command line parsed into struct options; usage and help.
 * parse_options() exits with status 2 on a usage error and 0 after --help
 * or --version, as a Unix filter does; nothing else here exits. */
#ifndef CLEANER_OPTIONS_H
#define CLEANER_OPTIONS_H

#include <stddef.h>

#include "pipeline_opts.h"
#include "rules.h"
#include "suggest.h"

enum exit_status { EXIT_OK = 0, EXIT_TROUBLE = 1, EXIT_USAGE = 2 };

struct options {
    const char **rules;       /* --rules, in order */
    size_t nrules;
    const char **sites;       /* --site */
    size_t nsites;
    const char **disabled;    /* --disable: rule or detector names */
    size_t ndisabled;
    const char *language;     /* --language, NULL: recognise it */
    int check_rules;
    int list_settings;        /* --list-settings */
    int no_jit;
    const char *removed;
    struct pipeline_opts popts;
    struct rule_limits limits;
    int suggest;
    struct suggest_opts sopts;
    /* batch */
    const char *outdir;       /* -o */
    const char *files_from;   /* --files-from or --files0-from */
    int files_nul;            /* --files0-from: names end in NUL */
    int overwrite;            /* --overwrite: -o may replace an input */
    int follow_links;         /* -R: follow symlinked folders in walks */
    int compress;             /* --compress: enum compress_kind */
    int warc;                 /* --warc: WARC records in */
    int warc_possible;        /* set by main: a WARC file may come (its
                                 records choose site packs: all loaded) */
    int to_jsonl;             /* --to-jsonl: WARC records out as JSON Lines */
    int jsonl;
    const char *field;        /* --field, default "text" */
    const char *site_field;   /* --site-field */
    unsigned jobs;            /* -j; 0 = number of cores */
    int stats;                /* 0 off, 1 text, 2 json */
    int profile;              /* --profile: per-rule cost report */
    int progress;             /* -1 auto, 0 off, 1 on */
    char **inputs;            /* FILE arguments (argv, not owned) */
    int ninputs;
};

/* Fill o from argv. */
void parse_options(int argc, char **argv, struct options *o);
void options_free(struct options *o);
void usage(int status);

#endif
