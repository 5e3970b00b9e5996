/* main: command line, rule loading, input files, exit status. The only
 * module that prints diagnostics or exits (apart from out of memory). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pipeline.h"
#include "rules.h"
#include "suggest.h"
#include "walk.h"
#include "xalloc.h"

#ifndef CLEANER_VERSION
#define CLEANER_VERSION "0.1.0"
#endif
#ifndef CLEANER_DATADIR
#define CLEANER_DATADIR "/usr/local/share/cleaner"
#endif

enum { EXIT_OK = 0, EXIT_TROUBLE = 1, EXIT_USAGE = 2 };

struct options {
    const char **rules;
    size_t nrules;
    const char **sites;
    size_t nsites;
    int check_rules;
    const char *removed;
    struct pipeline_opts popts;
    struct rule_limits limits;
    int suggest;
    struct suggest_opts sopts;
};

static void usage(int status)
{
    if (status != EXIT_OK) {
        fprintf(stderr, "Usage: cleaner [OPTION]... [FILE]...\n"
                        "Try 'cleaner --help' for more information.\n");
        exit(status);
    }
    printf("Usage: cleaner [OPTION]... [FILE]...\n"
           "Keep the article body of scraped news-page text; drop menus, teasers, ads,\n"
           "widgets and everything after the article. Each FILE is one document; with no\n"
           "FILE, or when FILE is -, read standard input.\n"
           "\n"
           "Rules:\n"
           "  -r, --rules=PATH       use the rule file or directory PATH instead of the\n"
           "                         default pack (repeatable)\n"
           "      --site=DOMAIN      also load the site pack sites/DOMAIN.rules\n"
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
           "      --removed=FILE     also write every dropped line, as --explain does\n"
           "  -z, --null-data        documents are separated by NUL bytes, in and out\n"
           "\n"
           "Limits:\n"
           "      --match-limit=N    PCRE2 match limit per line and rule (default 1000000)\n"
           "      --depth-limit=N    PCRE2 backtracking depth limit (default 10000)\n"
           "      --heap-limit=KIB   PCRE2 heap limit in KiB (default 20000)\n"
           "\n"
           "  -h, --help             show this help and exit\n"
           "  -V, --version          show the version and exit\n"
           "\n"
           "The default pack is $CLEANER_RULES if set, else the rules/ folder next to the\n"
           "build, else %s/rules.\n"
           "\n"
           "Exit status: 0 if all went well, 1 if an input could not be read or output\n"
           "could not be written, 2 for a usage error or a bad rule file.\n",
           CLEANER_DATADIR);
    exit(EXIT_OK);
}

static unsigned long parse_count(const char *opt, const char *arg)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || end == arg || *end || arg[0] == '-' || v == 0 || v > UINT32_MAX) {
        fprintf(stderr, "cleaner: --%s wants a positive whole number, not '%s'\n", opt, arg);
        usage(EXIT_USAGE);
    }
    return v;
}

enum {
    OPT_SITE = 256, OPT_CHECK, OPT_EXPLAIN, OPT_KEEP_BYTES, OPT_REMOVED,
    OPT_MATCH_LIMIT, OPT_DEPTH_LIMIT, OPT_HEAP_LIMIT, OPT_SUGGEST, OPT_SUGGEST_SHARE,
    OPT_SUGGEST_PREFIX
};

static void parse_args(int argc, char **argv, struct options *o)
{
    static const struct option longs[] = {
        { "rules", required_argument, NULL, 'r' },
        { "site", required_argument, NULL, OPT_SITE },
        { "check-rules", no_argument, NULL, OPT_CHECK },
        { "explain", no_argument, NULL, OPT_EXPLAIN },
        { "keep-bytes", no_argument, NULL, OPT_KEEP_BYTES },
        { "removed", required_argument, NULL, OPT_REMOVED },
        { "null-data", no_argument, NULL, 'z' },
        { "match-limit", required_argument, NULL, OPT_MATCH_LIMIT },
        { "depth-limit", required_argument, NULL, OPT_DEPTH_LIMIT },
        { "heap-limit", required_argument, NULL, OPT_HEAP_LIMIT },
        { "suggest-rules", no_argument, NULL, OPT_SUGGEST },
        { "suggest-share", required_argument, NULL, OPT_SUGGEST_SHARE },
        { "suggest-prefix", required_argument, NULL, OPT_SUGGEST_PREFIX },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":r:zhV", longs, NULL)) != -1) {
        switch (c) {
        case 'r':
            o->rules = xrealloc(o->rules, (o->nrules + 1) * sizeof *o->rules);
            o->rules[o->nrules++] = optarg;
            break;
        case OPT_SITE:
            o->sites = xrealloc(o->sites, (o->nsites + 1) * sizeof *o->sites);
            o->sites[o->nsites++] = optarg;
            break;
        case OPT_CHECK: o->check_rules = 1; break;
        case OPT_EXPLAIN: o->popts.mode = OUT_EXPLAIN; break;
        case OPT_KEEP_BYTES: o->popts.mode = OUT_BYTES; break;
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
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The default rule pack: $CLEANER_RULES, the source tree's rules/ next to
 * the binary's build folder, or the installed data folder. Caller frees. */
static char *default_rules(void)
{
    const char *env = getenv("CLEANER_RULES");
    if (env && *env)
        return xstrdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            size_t need = strlen(exe) + sizeof "/../rules";
            char *cand = xmalloc(need);
            snprintf(cand, need, "%s/../rules", exe);
            if (is_dir(cand))
                return cand;
            free(cand);
        }
    }
    return xstrdup(CLEANER_DATADIR "/rules");
}

static void report_rule_error(const struct cleaner_err *e)
{
    if (e->line == 0) {
        fprintf(stderr, "cleaner: %s: %s\n", e->file, e->msg);
        return;
    }
    fprintf(stderr, "cleaner: %s:%u:%u: %s\n", e->file, e->line, e->col, e->msg);
    if (e->source) {
        fprintf(stderr, "    %s\n    ", e->source);
        /* the caret goes under column col, counting characters */
        unsigned col = 1;
        for (const unsigned char *s = (const unsigned char *)e->source; *s && col < e->col; s++) {
            if ((*s & 0xC0) == 0x80)
                continue;
            fputc(*s == '\t' ? '\t' : ' ', stderr);
            col++;
        }
        fputs("^\n", stderr);
    }
}

static int load_rules(const struct options *o, struct rule_set *rs)
{
    struct cleaner_err err = { 0 };
    char *def = NULL;
    int rc = 0;
    if (o->nrules == 0) {
        def = default_rules();
        rc = rules_load(rs, def, &err);
    }
    for (size_t i = 0; rc == 0 && i < o->nrules; i++)
        rc = rules_load(rs, o->rules[i], &err);
    for (size_t i = 0; rc == 0 && i < o->nsites; i++) {
        const char *base = o->nrules ? o->rules[0] : def;
        if (!is_dir(base)) {
            const char *slash = strrchr(base, '/');
            size_t len = slash ? (size_t)(slash - base) : 1;
            char *dir = xmemdup0(slash ? base : ".", len);
            size_t need = strlen(dir) + strlen(o->sites[i]) + sizeof "/sites/.rules";
            char *p = xmalloc(need);
            snprintf(p, need, "%s/sites/%s.rules", dir, o->sites[i]);
            rc = rules_load(rs, p, &err);
            free(p);
            free(dir);
        } else {
            size_t need = strlen(base) + strlen(o->sites[i]) + sizeof "/sites/.rules";
            char *p = xmalloc(need);
            snprintf(p, need, "%s/sites/%s.rules", base, o->sites[i]);
            rc = rules_load(rs, p, &err);
            free(p);
        }
    }
    if (rc < 0)
        report_rule_error(&err);
    cleaner_err_free(&err);
    free(def);
    if (rc == 0)
        rules_finish(rs);
    return rc;
}

static void on_limit(void *ctx, const struct rule *r, int pcre_error)
{
    (void)ctx;
    PCRE2_UCHAR msg[160];
    pcre2_get_error_message(pcre_error, msg, sizeof msg);
    fprintf(stderr, "cleaner: %s:%u: rule '%s': %s; treated as not matching\n", r->file,
            r->line, r->name, (const char *)msg);
}

static void print_summary(const struct rule_set *rs)
{
    printf("cleaner: rules OK: %zu rules (keep %zu, cut %zu, block %zu, drop %zu) from %zu file%s\n",
           rs->n, rs->first[ACTION_KEEP + 1] - rs->first[ACTION_KEEP],
           rs->first[ACTION_CUT + 1] - rs->first[ACTION_CUT],
           rs->first[ACTION_BLOCK + 1] - rs->first[ACTION_BLOCK],
           rs->first[ACTION_DROP + 1] - rs->first[ACTION_DROP], rs->nfiles,
           rs->nfiles == 1 ? "" : "s");
}

/* Read a whole file into b (overwritten). Returns 0 or an errno value. */
static int slurp(const char *path, struct buf *b)
{
    int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (fd < 0)
        return errno;
    b->len = 0;
    for (;;) {
        buf_reserve(b, 1 << 16);
        ssize_t n = read(fd, b->p + b->len, b->cap - b->len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            if (fd != STDIN_FILENO)
                close(fd);
            return e;
        }
        if (n == 0)
            break;
        b->len += (size_t)n;
    }
    if (fd != STDIN_FILENO)
        close(fd);
    return 0;
}

/* --suggest-rules: every FILE (folders walked) is a page of one site. */
static int run_suggest(struct options *o, const struct rule_set *rs, struct rule_matcher *m,
                       int nargs, char **args)
{
    if (nargs == 0) {
        fprintf(stderr, "cleaner: --suggest-rules needs the pages: files or folders\n");
        return EXIT_USAGE;
    }
    if (o->sopts.min_share == 0)
        o->sopts.min_share = 0.5;
    if (o->sopts.min_pages == 0)
        o->sopts.min_pages = 2;
    int status = EXIT_OK;
    struct walk_list files = { 0 };
    for (int i = 0; i < nargs; i++)
        walk_add(&files, args[i]);
    struct suggest *sg = suggest_new(rs, m, &o->sopts);
    struct buf page = BUF_INIT;
    for (size_t i = 0; i < files.n; i++) {
        int e = files.v[i].err ? files.v[i].err : slurp(files.v[i].path, &page);
        if (e) {
            fprintf(stderr, "cleaner: %s: %s\n", files.v[i].path, strerror(e));
            status = EXIT_TROUBLE;
            continue;
        }
        suggest_add_page(sg, page.p ? page.p : "", page.len);
    }
    struct buf out = BUF_INIT;
    suggest_write(sg, &out);
    if (fwrite(out.p, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fprintf(stderr, "cleaner: write error: %s\n", strerror(errno));
        status = EXIT_TROUBLE;
    }
    buf_free(&out);
    buf_free(&page);
    suggest_free(sg);
    walk_free(&files);
    return status;
}

int main(int argc, char **argv)
{
    struct options o;
    memset(&o, 0, sizeof o);
    struct rule_limits def_limits = RULE_LIMITS_DEFAULT;
    o.limits = def_limits;
    parse_args(argc, argv, &o);

    struct rule_set rs;
    rules_init(&rs);
    if (load_rules(&o, &rs) < 0) {
        rules_free(&rs);
        free(o.rules);
        free(o.sites);
        return EXIT_USAGE;
    }
    if (o.check_rules) {
        print_summary(&rs);
        rules_free(&rs);
        free(o.rules);
        free(o.sites);
        return EXIT_OK;
    }

    if (o.suggest) {
        struct rule_matcher sm;
        rules_matcher_init(&sm, &rs, &o.limits);
        sm.on_limit = on_limit;
        int st = run_suggest(&o, &rs, &sm, argc - optind, argv + optind);
        rules_matcher_free(&sm);
        rules_free(&rs);
        free(o.rules);
        free(o.sites);
        return st;
    }

    int status = EXIT_OK;
    struct io_writer out, removed;
    io_writer_init(&out, STDOUT_FILENO);
    int removed_fd = -1;
    if (o.removed) {
        removed_fd = open(o.removed, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (removed_fd < 0) {
            fprintf(stderr, "cleaner: %s: %s\n", o.removed, strerror(errno));
            io_writer_close(&out);
            rules_free(&rs);
            free(o.rules);
            free(o.sites);
            return EXIT_TROUBLE;
        }
        io_writer_init(&removed, removed_fd);
    }
    struct rule_matcher m;
    rules_matcher_init(&m, &rs, &o.limits);
    m.on_limit = on_limit;
    struct pipeline p;
    pipeline_init(&p, &o.popts, &rs, &m, &out, o.removed ? &removed : NULL);

    int nfiles = argc - optind;
    for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
        const char *name = nfiles ? argv[optind + i] : "-";
        int fd = STDIN_FILENO;
        if (strcmp(name, "-") != 0) {
            fd = open(name, O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                fprintf(stderr, "cleaner: %s: %s\n", name, strerror(errno));
                status = EXIT_TROUBLE;
                continue;
            }
        }
        int read_err = 0;
        int rc = pipeline_run_fd(&p, fd, &read_err);
        if (fd != STDIN_FILENO)
            close(fd);
        if (rc == -1) {
            fprintf(stderr, "cleaner: %s: %s\n", name, strerror(read_err));
            status = EXIT_TROUBLE;
        } else if (rc == -2) {
            break;
        }
    }
    io_writer_flush(&out);
    if (out.err) {
        if (out.err != EPIPE)
            fprintf(stderr, "cleaner: write error: %s\n", strerror(out.err));
        status = EXIT_TROUBLE;
    }
    if (o.removed) {
        if (io_writer_close(&removed) < 0 || close(removed_fd) < 0) {
            fprintf(stderr, "cleaner: %s: %s\n", o.removed, strerror(removed.err ? removed.err : errno));
            status = EXIT_TROUBLE;
        }
    }
    io_writer_close(&out);
    pipeline_free(&p);
    rules_matcher_free(&m);
    rules_free(&rs);
    free(o.rules);
    free(o.sites);
    return status;
}
