/* options: command-line parsing, usage and help (see options.h). */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compress.h"
#include "layout.h"
#include "xalloc.h"

#ifndef CLEANER_VERSION
#define CLEANER_VERSION "0.1.0"
#endif
#ifndef CLEANER_DATADIR
#define CLEANER_DATADIR "/usr/local/share/cleaner"
#endif

enum {
    OPT_FILES_FROM = 300, OPT_JSONL, OPT_FIELD, OPT_DROP_EMPTY, OPT_STATS, OPT_PROGRESS,
    OPT_NO_PROGRESS, OPT_SITE_FIELD, OPT_NO_JIT, OPT_PROFILE, OPT_FILES0_FROM, OPT_OVERWRITE,
    OPT_COMPRESS, OPT_WARC, OPT_TO_JSONL, OPT_NO_MEMO, OPT_LAYOUT, OPT_LANGUAGE,
    OPT_PARAGRAPHS
};

enum {
    OPT_SITE = 256, OPT_CHECK, OPT_EXPLAIN, OPT_KEEP_BYTES, OPT_REMOVED,
    OPT_MATCH_LIMIT, OPT_DEPTH_LIMIT, OPT_HEAP_LIMIT, OPT_SUGGEST, OPT_SUGGEST_SHARE,
    OPT_SUGGEST_PREFIX, OPT_DISABLE, OPT_LIST_SETTINGS
};

/* Every option, in the order --help shows them: how getopt_long knows it
 * and what --help says of it, from one table so that the two cannot
 * drift apart. */
struct option_doc {
    const char *section; /* starts a part of the help: its title, "" for a
                            blank line only, or NULL */
    const char *name;    /* the long name */
    int has_arg;         /* no_argument, required_argument, optional_argument */
    int val;             /* the short letter, or an OPT_ code */
    const char *arg;     /* as --help writes the argument ("=PATH"), or "" */
    const char *help;    /* its lines, '\n' between */
};

static const struct option_doc option_docs[] = {
    { "Rules:", "rules", required_argument, 'r', "=PATH",
      "use the rule file or directory PATH instead of the\ndefault pack (repeatable)" },
    { NULL, "site", required_argument, OPT_SITE, "=DOMAIN", "also load the site pack sites/DOMAIN.rules" },
    { NULL, "disable", required_argument, OPT_DISABLE, "=NAME",
      "switch off the rule or detector NAME (repeatable):\nwhat does it do on my pages without it?" },
    { NULL, "list-settings", no_argument, OPT_LIST_SETTINGS, "",
      "print every detector and setting with its value\n(after the rules are loaded) and meaning, exit" },
    { NULL, "check-rules", no_argument, OPT_CHECK, "", "load and check the rules, print a summary, exit" },
    { NULL, "suggest-rules", no_argument, OPT_SUGGEST, "",
      "read FILEs and folders as pages of one site and print\ncandidate rules for lines that recur on them" },
    { NULL, "suggest-share", required_argument, OPT_SUGGEST_SHARE, "=X",
      "share of the pages a line must be on (default 0.5)" },
    { NULL, "suggest-prefix", required_argument, OPT_SUGGEST_PREFIX, "=P",
      "prefix for the suggested rule names" },
    { "Output:", "explain", no_argument, OPT_EXPLAIN, "",
      "print every line as DOC, LINE, VERDICT, REASON, TEXT\n(tab-separated) instead of the cleaned text" },
    { NULL, "keep-bytes", no_argument, OPT_KEEP_BYTES, "", "write kept lines exactly as read, not normalised" },
    { NULL, "paragraphs", no_argument, OPT_PARAGRAPHS, "",
      "write each kept paragraph on one line, as read:\nwrapped lines joined, Markdown link, image and\n"
      "emphasis syntax and lynx link marks taken out" },
    { NULL, "removed", required_argument, OPT_REMOVED, "=FILE",
      "also write every dropped line, as --explain does" },
    { NULL, "null-data", no_argument, 'z', "", "documents are separated by NUL bytes, in and out" },
    { NULL, "drop-empty", no_argument, OPT_DROP_EMPTY, "",
      "leave out documents whose result is empty\n(-z, --jsonl)" },
    { "Input:", "layout", required_argument, OPT_LAYOUT, "=KIND",
      "how the text was made: auto (recognise it, the\ndefault), lines (one block per line: scrapers,\n"
      "trafilatura), wrapped (hard-wrapped paragraphs: lynx,\nw3m, html2text, pandoc, fmt), split (a paragraph\n"
      "split at links and bold: BeautifulSoup\nget_text(\"\\n\")), markdown (python3 html2text)" },
    { NULL, "language", required_argument, OPT_LANGUAGE, "=CODE",
      "the language pack for every document: a pack's\ncode (en, de, vi ...), none, or auto (recognise it\n"
      "from each document's words, the default)" },
    { "Batches:", "output-dir", required_argument, 'o', "=DIR",
      "write each FILE's result to DIR under the same name" },
    { NULL, "files-from", required_argument, OPT_FILES_FROM, "=LIST",
      "read the FILEs from LIST, one per line (- for stdin)" },
    { NULL, "files0-from", required_argument, OPT_FILES0_FROM, "=LIST",
      "read the FILEs from LIST, each ended by a NUL byte\n(find -print0)" },
    { NULL, "overwrite", no_argument, OPT_OVERWRITE, "", "let -o replace a file that is one of the inputs" },
    { NULL, "warc", no_argument, OPT_WARC, "",
      "every input is WARC (WET) records: clean the page text\nrecords, pass the others through (without it,\n"
      "each input that starts with WARC/1.0 or WARC/1.1 is)" },
    { NULL, "to-jsonl", no_argument, OPT_TO_JSONL, "",
      "write cleaned WARC records as JSON Lines\n{\"text\", \"id\", \"url\", \"date\", \"metadata\"}" },
    { NULL, "compress", required_argument, OPT_COMPRESS, "=KIND",
      "write gzip or zstd (to stdout, and -o files, whose\nnames get .gz or .zst); input is read compressed or\n"
      "not, whatever this says" },
    { NULL, "dereference-recursive", no_argument, 'R', "",
      "follow symbolic links to folders when\nwalking a folder (links given as FILE always are)" },
    { NULL, "jsonl", no_argument, OPT_JSONL, "", "input and output are JSON Lines: clean one field" },
    { NULL, "field", required_argument, OPT_FIELD, "=NAME", "the JSON field to clean (default: text)" },
    { NULL, "site-field", required_argument, OPT_SITE_FIELD, "=NAME",
      "use the site pack of the host of the URL in NAME,\ndocument by document (--jsonl)" },
    { NULL, "jobs", required_argument, 'j', "=N",
      "N workers for many files, -z, --jsonl and WARC\n(default, and 0: the number of cores)" },
    { NULL, "stats", optional_argument, OPT_STATS, "[=json]",
      "counts and hits per rule and detector, on stderr" },
    { NULL, "profile", no_argument, OPT_PROFILE, "",
      "time every rule and report the costliest first,\non stderr (rules are then matched one by one)" },
    { NULL, "progress", no_argument, OPT_PROGRESS, "",
      "progress line on stderr (default: on a terminal,\nin batch modes)" },
    { NULL, "no-progress", no_argument, OPT_NO_PROGRESS, "", "no progress line" },
    { "Limits:", "match-limit", required_argument, OPT_MATCH_LIMIT, "=N",
      "PCRE2 match limit per line and rule (default 1000000)" },
    { NULL, "depth-limit", required_argument, OPT_DEPTH_LIMIT, "=N",
      "PCRE2 backtracking depth limit (default 10000)" },
    { NULL, "heap-limit", required_argument, OPT_HEAP_LIMIT, "=KIB",
      "PCRE2 heap limit in KiB (default 20000)" },
    { NULL, "no-jit", no_argument, OPT_NO_JIT, "", "match with the PCRE2 interpreter, not JIT code" },
    { NULL, "no-memo", no_argument, OPT_NO_MEMO, "",
      "normalise and match every line, also lines seen\nbefore (the reference path; same output)" },
    { "", "help", no_argument, 'h', "", "show this help and exit" },
    { NULL, "version", no_argument, 'V', "", "show the version and exit" },
};

enum { NOPTIONS = sizeof option_docs / sizeof option_docs[0], HELP_COLUMN = 25 };

/* One option's lines of help: "  -r, --rules=PATH" (or six spaces where
 * it has no short form), its text from column 25 (two spaces after a
 * longer name), each further line indented to the column. */
static void print_option_help(const struct option_doc *d)
{
    int n = d->val < 256 ? printf("  -%c, --%s%s", d->val, d->name, d->arg)
                         : printf("      --%s%s", d->name, d->arg);
    printf("%*s", n < HELP_COLUMN - 1 ? HELP_COLUMN - n : 2, "");
    for (const char *h = d->help, *e; *h; h = e + 1) {
        e = strchr(h, '\n');
        if (!e) {
            printf("%s\n", h);
            break;
        }
        printf("%.*s\n%*s", (int)(e - h), h, HELP_COLUMN, "");
    }
}

void usage(int status)
{
    if (status != EXIT_OK) {
        fprintf(stderr, "Usage: cleaner [OPTION]... [FILE]...\n"
                        "Try 'cleaner --help' for more information.\n");
        exit(status);
    }
    printf("Usage: cleaner [OPTION]... [FILE]...\n"
           "Keep the article body of scraped news-page text; drop menus, teasers, ads,\n"
           "widgets and everything after the article. Each FILE is one document (a\n"
           "folder: every file below it; a WARC file: its records); with no FILE, or\n"
           "when FILE is -, read standard input.\n");
    for (size_t i = 0; i < NOPTIONS; i++) {
        if (option_docs[i].section)
            printf("\n%s%s", option_docs[i].section, *option_docs[i].section ? "\n" : "");
        print_option_help(&option_docs[i]);
    }
    printf("\n"
           "The default pack is $CLEANER_RULES if set, else the rules/ folder next to the\n"
           "build, else %s/rules.\n"
           "\n"
           "Exit status: 0 if all went well; 1 if there was trouble, said on stderr (an\n"
           "input could not be read, a JSON line or WARC record was malformed: it is\n"
           "passed through; output could not be written); 2 for a usage error or a bad\n"
           "rule file.\n",
           CLEANER_DATADIR);
    exit(EXIT_OK);
}

/* A host name as --site takes it: labels of letters, digits and '-'
 * joined by single dots; nothing that could name a path elsewhere. */
static int domain_name(const char *s)
{
    size_t label = 0;
    for (const char *p = s;; p++) {
        if (*p == '.' || !*p) {
            if (label == 0)
                return 0;
            if (!*p)
                return 1;
            label = 0;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || *p == '-') {
            label++;
        } else {
            return 0;
        }
    }
}

/* A whole number of at least least (0 or 1) for option --opt. */
static unsigned long parse_number(const char *opt, const char *arg, unsigned long least)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || end == arg || *end || arg[0] == '-' || v < least || v > UINT32_MAX) {
        fprintf(stderr, "cleaner: --%s wants a %s whole number, not '%s'\n", opt,
                least ? "positive" : "non-negative", arg);
        usage(EXIT_USAGE);
    }
    return v;
}

static unsigned long parse_count(const char *opt, const char *arg)
{
    return parse_number(opt, arg, 1);
}

/* Options that cannot go together, or that need another: usage errors. */
static void check_combinations(const struct options *o, int explain_and_keep_bytes)
{
    if (o->jobs > 1024) {
        fprintf(stderr, "cleaner: --jobs: at most 1024\n");
        usage(EXIT_USAGE);
    }
    if (o->jsonl && o->popts.nul_data) {
        fprintf(stderr, "cleaner: --jsonl and --null-data cannot go together\n");
        usage(EXIT_USAGE);
    }
    if (o->site_field && !o->jsonl) {
        fprintf(stderr, "cleaner: --site-field needs --jsonl\n");
        usage(EXIT_USAGE);
    }
    if (o->outdir && (o->jsonl || o->popts.nul_data)) {
        fprintf(stderr, "cleaner: --output-dir works on files, not with --jsonl or --null-data\n");
        usage(EXIT_USAGE);
    }
    if (o->warc && (o->jsonl || o->popts.nul_data)) {
        fprintf(stderr, "cleaner: --warc cannot go with --jsonl or --null-data\n");
        usage(EXIT_USAGE);
    }
    if (o->popts.paragraphs && o->popts.mode != OUT_TEXT) {
        fprintf(stderr, "cleaner: --paragraphs cannot go with --explain or --keep-bytes\n");
        usage(EXIT_USAGE);
    }
    if (explain_and_keep_bytes) {
        fprintf(stderr, "cleaner: --explain and --keep-bytes cannot go together\n");
        usage(EXIT_USAGE);
    }
    if (o->outdir && !o->ninputs && !o->files_from) {
        fprintf(stderr, "cleaner: --output-dir needs FILE arguments or a file list: standard "
                        "input has no name to write under\n");
        usage(EXIT_USAGE);
    }
    for (int i = 0; o->outdir && i < o->ninputs; i++)
        if (!strcmp(o->inputs[i], "-")) {
            fprintf(stderr, "cleaner: --output-dir: '-' (standard input) has no name to write under\n");
            usage(EXIT_USAGE);
        }
}

void parse_options(int argc, char **argv, struct options *o)
{
    struct option longs[NOPTIONS + 1];
    char shorts[2 * NOPTIONS + 2] = ":";
    size_t nshort = 1;
    for (size_t i = 0; i < NOPTIONS; i++) {
        const struct option_doc *d = &option_docs[i];
        longs[i] = (struct option){ d->name, d->has_arg, NULL, d->val };
        if (d->val < 256) {
            shorts[nshort++] = (char)d->val;
            if (d->has_arg == required_argument)
                shorts[nshort++] = ':';
        }
    }
    shorts[nshort] = '\0';
    longs[NOPTIONS] = (struct option){ NULL, 0, NULL, 0 };
    opterr = 0;
    o->field = "text";
    o->progress = -1;
    int c;
    int explain = 0, keep_bytes = 0;
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case 'r':
            o->rules = xrealloc(o->rules, (o->nrules + 1) * sizeof *o->rules);
            o->rules[o->nrules++] = optarg;
            break;
        case OPT_DISABLE:
            o->disabled = xrealloc(o->disabled, (o->ndisabled + 1) * sizeof *o->disabled);
            o->disabled[o->ndisabled++] = optarg;
            break;
        case OPT_SITE:
            if (!domain_name(optarg)) {
                fprintf(stderr, "cleaner: --site: '%s' is not a domain name (letters, digits, "
                                "'-' and '.' between labels)\n", optarg);
                usage(EXIT_USAGE);
            }
            o->sites = xrealloc(o->sites, (o->nsites + 1) * sizeof *o->sites);
            o->sites[o->nsites++] = optarg;
            break;
        case OPT_CHECK: o->check_rules = 1; break;
        case OPT_LIST_SETTINGS: o->list_settings = 1; break;
        case OPT_EXPLAIN: o->popts.mode = OUT_EXPLAIN; explain = 1; break;
        case OPT_KEEP_BYTES: o->popts.mode = OUT_BYTES; keep_bytes = 1; break;
        case OPT_PARAGRAPHS: o->popts.paragraphs = 1; break;
        case OPT_LAYOUT: {
            int k = layout_find(optarg);
            if (k < 0) {
                fprintf(stderr, "cleaner: --layout takes auto, lines, wrapped, split or markdown, "
                                "not '%s'\n", optarg);
                usage(EXIT_USAGE);
            }
            o->popts.layout = k;
            break;
        }
        case OPT_LANGUAGE: o->language = optarg; break;
        case OPT_REMOVED: o->removed = optarg; break;
        case 'z': o->popts.nul_data = 1; break;
        case OPT_MATCH_LIMIT: o->limits.match_limit = (uint32_t)parse_count("match-limit", optarg); break;
        case OPT_DEPTH_LIMIT: o->limits.depth_limit = (uint32_t)parse_count("depth-limit", optarg); break;
        case OPT_HEAP_LIMIT: o->limits.heap_limit_kib = (uint32_t)parse_count("heap-limit", optarg); break;
        case OPT_SUGGEST: o->suggest = 1; break;
        case OPT_SUGGEST_SHARE: {
            char *end;
            double v = strtod(optarg, &end);
            if (end == optarg || *end || v <= 0 || v > 1) {
                fprintf(stderr, "cleaner: --suggest-share wants a number above 0 and at most 1, not '%s'\n", optarg);
                usage(EXIT_USAGE);
            }
            o->sopts.min_share = v;
            break;
        }
        case OPT_SUGGEST_PREFIX: o->sopts.prefix = optarg; break;
        case 'o':
            if (!*optarg) {
                fprintf(stderr, "cleaner: --output-dir: the folder name is empty\n");
                usage(EXIT_USAGE);
            }
            o->outdir = optarg;
            break;
        case OPT_FILES_FROM: o->files_from = optarg; o->files_nul = 0; break;
        case OPT_FILES0_FROM: o->files_from = optarg; o->files_nul = 1; break;
        case OPT_OVERWRITE: o->overwrite = 1; break;
        case OPT_WARC: o->warc = 1; break;
        case OPT_TO_JSONL: o->to_jsonl = 1; break;
        case OPT_COMPRESS:
            o->compress = compress_parse(optarg);
            if (o->compress < 0) {
                fprintf(stderr, "cleaner: --compress takes gzip or zstd, not '%s'\n", optarg);
                usage(EXIT_USAGE);
            }
            break;
        case 'R': o->follow_links = 1; break;
        case OPT_JSONL: o->jsonl = 1; break;
        case OPT_FIELD: o->field = optarg; break;
        case OPT_SITE_FIELD: o->site_field = optarg; break;
        case OPT_NO_JIT: o->no_jit = 1; break;
        case OPT_NO_MEMO: o->popts.no_memo = 1; break;
        case OPT_PROFILE: o->profile = 1; break;
        case OPT_DROP_EMPTY: o->popts.drop_empty = 1; break;
        case 'j': o->jobs = (unsigned)parse_number("jobs", optarg, 0); break; /* 0: cores */
        case OPT_STATS:
            if (!optarg || !strcmp(optarg, "text")) {
                o->stats = 1;
            } else if (!strcmp(optarg, "json")) {
                o->stats = 2;
            } else {
                fprintf(stderr, "cleaner: --stats takes 'text' or 'json', not '%s'\n", optarg);
                usage(EXIT_USAGE);
            }
            break;
        case OPT_PROGRESS: o->progress = 1; break;
        case OPT_NO_PROGRESS: o->progress = 0; break;
        case 'h': usage(EXIT_OK); break;
        case 'V':
            printf("cleaner %s\n", CLEANER_VERSION);
            exit(EXIT_OK);
        case ':':
            fprintf(stderr, "cleaner: option '%s' needs an argument\n", argv[optind - 1]);
            usage(EXIT_USAGE);
            break;
        default:
            if (optopt)
                fprintf(stderr, "cleaner: unknown option '-%c'\n", optopt);
            else
                fprintf(stderr, "cleaner: unknown option '%s'\n", argv[optind - 1]);
            usage(EXIT_USAGE);
        }
    }
    o->inputs = argv + optind;
    o->ninputs = argc - optind;
    check_combinations(o, explain && keep_bytes);

}

void options_free(struct options *o)
{
    free(o->rules);
    free(o->sites);
    free(o->disabled);
    o->rules = NULL;
    o->sites = NULL;
}
