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
           "folder: every file below it); with no FILE, or when FILE is -, read\n"
           "standard input.\n"
           "\n"
           "Rules:\n"
           "  -r, --rules=PATH       use the rule file or directory PATH instead of the\n"
           "                         default pack (repeatable)\n"
           "      --site=DOMAIN      also load the site pack sites/DOMAIN.rules\n"
           "      --disable=NAME     switch off the rule or detector NAME (repeatable):\n"
           "                         what does it do on my pages without it?\n"
           "      --list-settings    print every detector and setting with its value\n"
           "                         (after the rules are loaded) and meaning, exit\n"
           "      --check-rules      load and check the rules, print a summary, exit\n"
           "      --suggest-rules    read FILEs and folders as pages of one site and print\n"
           "                         candidate rules for lines that recur on them\n"
           "      --suggest-share=X  share of the pages a line must be on (default 0.5)\n"
           "      --suggest-prefix=P prefix for the suggested rule names\n"
           "\n"
           "Output:\n"
           "      --explain          print every line as DOC, LINE, VERDICT, REASON, TEXT\n"
           "                         (tab-separated) instead of the cleaned text\n"
           "      --keep-bytes       write kept lines exactly as read, not normalised\n"
           "      --paragraphs       write each kept paragraph on one line, as read:\n"
           "                         wrapped lines joined, Markdown link, image and\n"
           "                         emphasis syntax and lynx link marks taken out\n"
           "      --removed=FILE     also write every dropped line, as --explain does\n"
           "  -z, --null-data        documents are separated by NUL bytes, in and out\n"
           "      --drop-empty       leave out documents whose result is empty (-z, --jsonl)\n"
           "\n"
           );
    printf("Input:\n"
           "      --layout=KIND      how the text was made: auto (recognise it, the\n"
           "                         default), lines (one block per line: scrapers,\n"
           "                         trafilatura), wrapped (hard-wrapped paragraphs: lynx,\n"
           "                         w3m, html2text, pandoc, fmt), split (a paragraph\n"
           "                         split at links and bold: BeautifulSoup\n"
           "                         get_text(\"\\n\")), markdown (python3 html2text)\n"
           "      --language=CODE    the language pack for every document: a pack's\n"
           "                         code (en, de, vi ...), none, or auto (recognise it\n"
           "                         from each document's words, the default)\n"
           "\n"
           );
    printf("Batches:\n"
           "  -o, --output-dir=DIR   write each FILE's result to DIR under the same name\n"
           "      --files-from=LIST  read the FILEs from LIST, one per line (- for stdin)\n"
           "      --files0-from=LIST read the FILEs from LIST, each ended by a NUL byte\n"
           "                         (find -print0)\n"
           "      --overwrite        let -o replace a file that is one of the inputs\n"
           "      --warc             the input is WARC (WET) records: clean the page text\n"
           "                         records, pass the others through (also when the\n"
           "                         input starts with WARC/1.0 or WARC/1.1)\n"
           "      --to-jsonl         write cleaned WARC records as JSON Lines\n"
           "                         {\"text\", \"id\", \"url\", \"date\", \"metadata\"}\n"
           "      --compress=KIND    write gzip or zstd (to stdout, and -o files, whose\n"
           "                         names get .gz or .zst); input is read compressed or\n"
           "                         not, whatever this says\n"
           "  -R, --dereference-recursive  follow symbolic links to folders when\n"
           "                         walking a folder (links given as FILE always are)\n"
           "      --jsonl            input and output are JSON Lines: clean one field\n"
           "      --field=NAME       the JSON field to clean (default: text)\n"
           "      --site-field=NAME  use the site pack of the host of the URL in NAME,\n"
           "                         document by document (--jsonl)\n"
           "  -j, --jobs=N           N workers for many files, -z and --jsonl\n"
           "                         (default, and 0: the number of cores)\n"
           "      --stats[=json]     counts and hits per rule and detector, on stderr\n"
           "      --profile          time every rule and report the costliest first,\n"
           "                         on stderr (rules are then matched one by one)\n"
           "      --progress, --no-progress  progress line on stderr (default: on a\n"
           "                         terminal, in batch modes)\n"
           "\n");
    printf("Limits:\n"
           "      --match-limit=N    PCRE2 match limit per line and rule (default 1000000)\n"
           "      --depth-limit=N    PCRE2 backtracking depth limit (default 10000)\n"
           "      --heap-limit=KIB   PCRE2 heap limit in KiB (default 20000)\n"
           "      --no-jit           match with the PCRE2 interpreter, not JIT code\n"
           "      --no-memo          normalise and match every line, also lines seen\n"
           "                         before (the reference path; same output)\n"
           "\n"
           "  -h, --help             show this help and exit\n"
           "  -V, --version          show the version and exit\n"
           "\n"
           "The default pack is $CLEANER_RULES if set, else the rules/ folder next to the\n"
           "build, else %s/rules.\n"
           "\n"
           "Exit status: 0 if all went well, 1 if an input could not be read, a JSON\n"
           "line was malformed (it is passed through) or output could not be written,\n"
           "2 for a usage error or a bad rule file.\n",
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

enum {
    OPT_FILES_FROM = 300, OPT_JSONL, OPT_FIELD, OPT_DROP_EMPTY, OPT_STATS, OPT_PROGRESS,
    OPT_NO_PROGRESS, OPT_SITE_FIELD, OPT_NO_JIT, OPT_PROFILE, OPT_FILES0_FROM, OPT_OVERWRITE,
    OPT_DEREF, OPT_COMPRESS, OPT_WARC, OPT_TO_JSONL, OPT_NO_MEMO, OPT_LAYOUT, OPT_LANGUAGE,
    OPT_PARAGRAPHS
};

enum {
    OPT_SITE = 256, OPT_CHECK, OPT_EXPLAIN, OPT_KEEP_BYTES, OPT_REMOVED,
    OPT_MATCH_LIMIT, OPT_DEPTH_LIMIT, OPT_HEAP_LIMIT, OPT_SUGGEST, OPT_SUGGEST_SHARE,
    OPT_SUGGEST_PREFIX, OPT_DISABLE, OPT_LIST_SETTINGS
};

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
    static const struct option longs[] = {
        { "rules", required_argument, NULL, 'r' },
        { "site", required_argument, NULL, OPT_SITE },
        { "disable", required_argument, NULL, OPT_DISABLE },
        { "list-settings", no_argument, NULL, OPT_LIST_SETTINGS },
        { "check-rules", no_argument, NULL, OPT_CHECK },
        { "explain", no_argument, NULL, OPT_EXPLAIN },
        { "keep-bytes", no_argument, NULL, OPT_KEEP_BYTES },
        { "paragraphs", no_argument, NULL, OPT_PARAGRAPHS },
        { "layout", required_argument, NULL, OPT_LAYOUT },
        { "language", required_argument, NULL, OPT_LANGUAGE },
        { "removed", required_argument, NULL, OPT_REMOVED },
        { "null-data", no_argument, NULL, 'z' },
        { "match-limit", required_argument, NULL, OPT_MATCH_LIMIT },
        { "depth-limit", required_argument, NULL, OPT_DEPTH_LIMIT },
        { "heap-limit", required_argument, NULL, OPT_HEAP_LIMIT },
        { "suggest-rules", no_argument, NULL, OPT_SUGGEST },
        { "suggest-share", required_argument, NULL, OPT_SUGGEST_SHARE },
        { "suggest-prefix", required_argument, NULL, OPT_SUGGEST_PREFIX },
        { "output-dir", required_argument, NULL, 'o' },
        { "files-from", required_argument, NULL, OPT_FILES_FROM },
        { "files0-from", required_argument, NULL, OPT_FILES0_FROM },
        { "overwrite", no_argument, NULL, OPT_OVERWRITE },
        { "compress", required_argument, NULL, OPT_COMPRESS },
        { "warc", no_argument, NULL, OPT_WARC },
        { "to-jsonl", no_argument, NULL, OPT_TO_JSONL },
        { "dereference-recursive", no_argument, NULL, OPT_DEREF },
        { "jsonl", no_argument, NULL, OPT_JSONL },
        { "field", required_argument, NULL, OPT_FIELD },
        { "site-field", required_argument, NULL, OPT_SITE_FIELD },
        { "no-jit", no_argument, NULL, OPT_NO_JIT },
        { "no-memo", no_argument, NULL, OPT_NO_MEMO },
        { "profile", no_argument, NULL, OPT_PROFILE },
        { "drop-empty", no_argument, NULL, OPT_DROP_EMPTY },
        { "jobs", required_argument, NULL, 'j' },
        { "stats", optional_argument, NULL, OPT_STATS },
        { "progress", no_argument, NULL, OPT_PROGRESS },
        { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    opterr = 0;
    o->field = "text";
    o->progress = -1;
    int c;
    int explain = 0, keep_bytes = 0;
    while ((c = getopt_long(argc, argv, ":r:zo:j:hVR", longs, NULL)) != -1) {
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
        case 'R': case OPT_DEREF: o->follow_links = 1; break;
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
