/* main: rule loading, choosing the mode (one stream, many files, framed
 * documents, rule mining), stats and exit status. With options.c the only
 * code that prints diagnostics or exits (apart from out of memory). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "options.h"
#include "pipeline.h"
#include "progress.h"
#include "rules.h"
#include "stats.h"
#include "suggest.h"
#include "walk.h"
#include "xalloc.h"

#ifndef CLEANER_DATADIR
#define CLEANER_DATADIR "/usr/local/share/cleaner"
#endif

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

/* The folder of the pack at base: base itself, or the folder a pack file
 * is in. Caller frees. */
static char *pack_dir(const char *base)
{
    if (is_dir(base))
        return xstrdup(base);
    const char *slash = strrchr(base, '/');
    return slash ? xmemdup0(base, (size_t)(slash - base)) : xstrdup(".");
}

/* sites/DOMAIN.rules in the pack's folder. Caller frees. */
static char *site_pack(const char *base, const char *domain)
{
    char *dir = pack_dir(base);
    size_t need = strlen(dir) + strlen(domain) + sizeof "/sites/.rules";
    char *p = xmalloc(need);
    snprintf(p, need, "%s/sites/%s.rules", dir, domain);
    free(dir);
    return p;
}

static int load_rules(const struct options *o, struct rule_set *rs)
{
    struct cleaner_err err = { 0 };
    char *def = o->nrules ? NULL : default_rules();
    int rc = 0;
    if (def)
        rc = rules_load(rs, def, &err);
    for (size_t i = 0; rc == 0 && i < o->nrules; i++)
        rc = rules_load(rs, o->rules[i], &err);
    for (size_t i = 0; rc == 0 && i < o->nsites; i++) {
        char *p = site_pack(def ? def : o->rules[0], o->sites[i]);
        rc = rules_load(rs, p, &err);
        free(p);
    }
    if (rc == 0 && o->site_field) {
        char *dir = pack_dir(def ? def : o->rules[0]);
        rc = rules_load_sites(rs, dir, &err);
        free(dir);
    }
    if (rc < 0)
        report_rule_error(&err);
    for (size_t i = 0; rc == 0 && i < o->ndisabled; i++) {
        rc = rules_disable(rs, o->disabled[i]);
        if (rc < 0)
            fprintf(stderr, "cleaner: --disable: no rule or detector is called '%s'\n", o->disabled[i]);
    }
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
    printf("cleaner: rules OK: %zu rules (keep %zu, cut %zu, block %zu, drop %zu, caption %zu, "
           "lead %zu) from %zu file%s\n",
           rs->n, rs->first[ACTION_KEEP + 1] - rs->first[ACTION_KEEP],
           rs->first[ACTION_CUT + 1] - rs->first[ACTION_CUT],
           rs->first[ACTION_BLOCK + 1] - rs->first[ACTION_BLOCK],
           rs->first[ACTION_DROP + 1] - rs->first[ACTION_DROP],
           rs->first[ACTION_CAPTION + 1] - rs->first[ACTION_CAPTION],
           rs->first[ACTION_LEAD + 1] - rs->first[ACTION_LEAD], rs->nfiles,
           rs->nfiles == 1 ? "" : "s");
}

/* The names in a file list: one per line (--files-from), or each ended by
 * a NUL byte (--files0-from, as find -print0 writes them). A NUL in a
 * line-list, or an empty name in a NUL-list, is an error naming the list
 * (status 2): the list is not what the option says. */
static int read_list(const struct options *o, struct walk_list *files)
{
    const char *name = o->files_from;
    struct buf list = BUF_INIT;
    int fd = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    int e = fd < 0 ? errno : io_read_all(fd, &list);
    if (fd > STDIN_FILENO)
        close(fd);
    if (e) {
        fprintf(stderr, "cleaner: %s: %s\n", name, strerror(e));
        buf_free(&list);
        return EXIT_TROUBLE;
    }
    if (!o->files_nul && list.len && memchr(list.p, '\0', list.len)) {
        fprintf(stderr, "cleaner: %s: the list holds NUL bytes: give it with --files0-from\n", name);
        buf_free(&list);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    unsigned long long no = 0;
    for (size_t i = 0, next; i < list.len && status == EXIT_OK; i += next) {
        const char *p = list.p + i, *end;
        size_t n;
        if (o->files_nul) {
            end = memchr(p, '\0', list.len - i);
            n = end ? (size_t)(end - p) : list.len - i;
            next = n + 1;
        } else {
            n = io_line(p, list.len - i, &next);
        }
        no++;
        if (!o->files_nul) {
            if (n == 0)
                continue; /* blank lines in a hand-written list */
        } else if (n == 0) {
            fprintf(stderr, "cleaner: %s:%llu: empty file name\n", name, no);
            status = EXIT_USAGE;
            break;
        }
        char *path = xmemdup0(p, n);
        walk_add(files, path);
        free(path);
    }
    buf_free(&list);
    return status;
}

/* The inputs: FILE arguments, folders walked, plus a file list; standard
 * input ("-") when there is neither. Entries that are passed over (notes:
 * a compressed file or a loop inside a walk) are reported and left out.
 * Returns an exit status. */
static int collect_inputs(const struct options *o, struct walk_list *files)
{
    files->follow_links = o->follow_links;
    for (int i = 0; i < o->ninputs; i++)
        walk_add(files, o->inputs[i]);
    if (o->files_from) {
        int st = read_list(o, files);
        if (st != EXIT_OK)
            return st;
    } else if (o->ninputs == 0) {
        walk_add(files, "-");
    }
    size_t k = 0;
    for (size_t i = 0; i < files->n; i++) {
        if (files->v[i].note) {
            fprintf(stderr, "cleaner: %s: %s\n", files->v[i].path, files->v[i].note);
            free(files->v[i].path);
            continue;
        }
        files->v[k++] = files->v[i];
    }
    files->n = k;
    return EXIT_OK;
}

/* -o: refuse before anything is written when two inputs would land on one
 * output, or an output would replace its own input (unless --overwrite). */
static int check_outputs(const struct options *o, const struct walk_list *files)
{
    size_t a, b;
    if (walk_collision(files, &a, &b)) {
        char *rel = walk_relative(files->v[a].path);
        fprintf(stderr, "cleaner: --output-dir: '%s' and '%s' would both be written to '%s/%s'\n",
                files->v[a].path, files->v[b].path, o->outdir, rel);
        free(rel);
        return EXIT_USAGE;
    }
    if (o->overwrite)
        return EXIT_OK;
    for (size_t i = 0; i < files->n; i++) {
        struct stat in, out;
        if (files->v[i].err || stat(files->v[i].path, &in) < 0)
            continue;
        char *rel = walk_relative(files->v[i].path);
        size_t need = strlen(o->outdir) + strlen(rel) + 2;
        char *dest = xmalloc(need);
        snprintf(dest, need, "%s/%s", o->outdir, rel);
        int same = stat(dest, &out) == 0 && out.st_dev == in.st_dev && out.st_ino == in.st_ino;
        if (same)
            fprintf(stderr, "cleaner: --output-dir: '%s' would replace its input '%s' (give "
                            "--overwrite to allow it)\n", dest, files->v[i].path);
        free(dest);
        free(rel);
        if (same)
            return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* --suggest-rules: every input (folders walked) is a page of one site. */
static int run_suggest(struct options *o, const struct rule_set *rs,
                       const struct walk_list *files)
{
    if (!o->ninputs && !o->files_from) {
        fprintf(stderr, "cleaner: --suggest-rules needs the pages: files or folders\n");
        return EXIT_USAGE;
    }
    if (o->sopts.min_share == 0)
        o->sopts.min_share = 0.5;
    if (o->sopts.min_pages == 0)
        o->sopts.min_pages = rs->det.suggest_min_pages;
    struct rule_matcher m;
    rules_matcher_init(&m, rs, &o->limits);
    m.on_limit = on_limit;
    int status = EXIT_OK;
    struct suggest *sg = suggest_new(rs, &m, &o->sopts);
    struct buf page = BUF_INIT;
    for (size_t i = 0; i < files->n; i++) {
        int e = files->v[i].err ? files->v[i].err : io_read_file(files->v[i].path, &page);
        if (e) {
            fprintf(stderr, "cleaner: %s: %s\n", files->v[i].path, strerror(e));
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
    rules_matcher_free(&m);
    return status;
}

static void print_stats(const struct buf *report)
{
    fwrite(report->p, 1, report->len, stderr);
}

static void tick(void *ctx, const struct stats *st)
{
    progress_tick(ctx, st->docs, st->bytes_in);
}

static unsigned long long total_size(const struct walk_list *files);

/* One document per input, streamed through one pipeline: the plain filter.
 * Memory stays bounded by the window whatever the input size. */
static int run_stream(const struct options *o, const struct rule_set *rs,
                      const struct walk_list *files, struct io_writer *out,
                      struct io_writer *removed)
{
    struct rule_matcher m;
    rules_matcher_init(&m, rs, &o->limits);
    m.on_limit = on_limit;
    m.profile = o->profile;
    struct pipeline p;
    pipeline_init(&p, &o->popts, rs, &m, out, removed);
    /* batch work (NUL documents, several files) shows progress too */
    struct progress prog;
    int batch = o->popts.nul_data || files->n > 1;
    progress_init(&prog, STDERR_FILENO,
                  o->progress < 0 ? batch && isatty(STDERR_FILENO) : o->progress,
                  total_size(files));
    p.on_doc = tick;
    p.on_doc_ctx = &prog;
    int status = EXIT_OK;
    for (size_t i = 0; i < files->n; i++) {
        const struct walk_entry *f = &files->v[i];
        /* a document's number is its place among the inputs */
        if (!o->popts.nul_data)
            p.doc_no = i;
        int fd = STDIN_FILENO;
        if (f->err || (strcmp(f->path, "-") && (fd = open(f->path, O_RDONLY | O_CLOEXEC)) < 0)) {
            fprintf(stderr, "cleaner: %s: %s\n", f->path, strerror(f->err ? f->err : errno));
            p.stats->errors++;
            status = EXIT_TROUBLE;
            continue;
        }
        int read_err = 0;
        int rc = pipeline_run_fd(&p, fd, &read_err);
        if (fd != STDIN_FILENO)
            close(fd);
        if (rc == -1) {
            fprintf(stderr, "cleaner: %s: %s\n", f->path, strerror(read_err));
            p.stats->errors++;
            status = EXIT_TROUBLE;
        } else if (rc == -2) {
            break;
        }
    }
    progress_done(&prog);
    if (o->stats || o->profile) {
        struct buf report = BUF_INIT;
        struct rule_matcher *mm = &m;
        if (o->stats)
            stats_format(p.stats, rs, &mm, 1, o->stats == 2, o->profile, &report);
        if (o->profile)
            stats_profile(rs, &mm, 1, &report);
        io_writer_flush(out);
        print_stats(&report);
        buf_free(&report);
    }
    pipeline_free(&p);
    rules_matcher_free(&m);
    return status;
}

static unsigned cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* Bytes to expect, for the progress line's ETA; 0 when not known. */
static unsigned long long total_size(const struct walk_list *files)
{
    struct stat st;
    unsigned long long t = 0;
    for (size_t i = 0; i < files->n; i++) {
        int std_in = !strcmp(files->v[i].path, "-");
        if (files->v[i].err)
            continue;
        if (std_in ? fstat(STDIN_FILENO, &st) : stat(files->v[i].path, &st))
            continue;
        if (std_in && !S_ISREG(st.st_mode))
            return 0;
        t += (unsigned long long)st.st_size;
    }
    return t;
}

static int run_batch(const struct options *o, const struct rule_set *rs,
                     const struct walk_list *files, int stream, struct io_writer *out,
                     struct io_writer *removed)
{
    struct io_writer err;
    io_writer_init(&err, STDERR_FILENO);
    struct batch_opts bo = { 0 };
    bo.input = !stream ? BATCH_FILES : o->jsonl ? BATCH_JSONL : BATCH_NUL;
    bo.jobs = o->jobs ? o->jobs : cores();
    bo.field = o->field;
    bo.site_field = o->site_field;
    bo.drop_empty = o->popts.drop_empty;
    bo.outdir = o->outdir;
    bo.popts = &o->popts;
    bo.progress = o->progress < 0 ? isatty(STDERR_FILENO) : o->progress;
    bo.total_bytes = total_size(files);
    bo.profile = o->profile;
    struct batch *b = batch_new(&bo, rs, &o->limits, on_limit);
    int rc = 0;
    if (!stream) {
        rc = batch_run_files(b, files, out, removed, &err);
    } else {
        for (size_t i = 0; i < files->n && rc != 2; i++) {
            bo.stream_name = strcmp(files->v[i].path, "-") ? files->v[i].path : "stdin";
            int fd = files->v[i].err ? -1 : strcmp(files->v[i].path, "-") ?
                     open(files->v[i].path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
            if (fd < 0) {
                fprintf(stderr, "cleaner: %s: %s\n", bo.stream_name,
                        strerror(files->v[i].err ? files->v[i].err : errno));
                rc = rc ? rc : 1;
                continue;
            }
            int r = batch_run_stream(b, fd, out, removed, &err);
            rc = r > rc ? r : rc;
            if (fd != STDIN_FILENO)
                close(fd);
        }
    }
    if (o->stats || o->profile) {
        struct buf report = BUF_INIT;
        if (o->stats)
            batch_report(b, o->stats == 2, o->profile, &report);
        if (o->profile)
            batch_profile(b, &report);
        io_writer_flush(out);
        print_stats(&report);
        buf_free(&report);
    }
    batch_free(b);
    io_writer_close(&err);
    return rc == 0 ? EXIT_OK : EXIT_TROUBLE;
}

/* Descriptors 0-2 made safe, as coreutils do: one that is closed is opened
 * on /dev/null, so that no file opened later (--removed, an -o output)
 * takes its number and receives what was meant for it. Returns a bit per
 * descriptor that was closed. */
static unsigned safe_std_fds(void)
{
    unsigned closed = 0;
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        closed |= 1u << fd;
        int n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (n >= 0 && n != fd)
            close(n); /* cannot happen: the lowest free number is fd */
    }
    return closed;
}

int main(int argc, char **argv)
{
    unsigned closed_fds = safe_std_fds();
    struct options o;
    memset(&o, 0, sizeof o);
    struct rule_limits def_limits = RULE_LIMITS_DEFAULT;
    o.limits = def_limits;
    parse_options(argc, argv, &o);
    if ((closed_fds & 2) && !o.outdir) {
        /* the output has nowhere to go: say so, as cat does */
        fprintf(stderr, "cleaner: write error: %s\n", strerror(EBADF));
        options_free(&o);
        return EXIT_TROUBLE;
    }

    struct rule_set rs;
    rules_init(&rs);
    rs.no_jit = o.no_jit;
    if (load_rules(&o, &rs) < 0) {
        rules_free(&rs);
        options_free(&o);
        return EXIT_USAGE;
    }
    if (o.list_settings) {
        struct buf t = BUF_INIT;
        for (int k = 0; k < DET_COUNT; k++) {
            buf_append(&t, detectors[k].name, strlen(detectors[k].name));
            const char *state = rs.det.on[k] ? "\ton\t-\t" : "\toff\t-\t";
            buf_append(&t, state, strlen(state));
            buf_append(&t, detectors[k].summary, strlen(detectors[k].summary));
            buf_putc(&t, '\n');
        }
        detect_config_list(&rs.det, &t);
        fwrite(t.p, 1, t.len, stdout);
        buf_free(&t);
        rules_free(&rs);
        options_free(&o);
        return fflush(stdout) ? EXIT_TROUBLE : EXIT_OK;
    }
    if (o.check_rules) {
        print_summary(&rs);
        rules_free(&rs);
        options_free(&o);
        return fflush(stdout) ? EXIT_TROUBLE : EXIT_OK;
    }
    struct walk_list files = { 0 };
    int st = collect_inputs(&o, &files);
    if (st == EXIT_OK && o.outdir)
        st = check_outputs(&o, &files);
    if (st != EXIT_OK) {
        walk_free(&files);
        rules_free(&rs);
        options_free(&o);
        return st;
    }
    if (o.suggest) {
        st = run_suggest(&o, &rs, &files);
        walk_free(&files);
        rules_free(&rs);
        options_free(&o);
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
            status = EXIT_TROUBLE;
        } else {
            io_writer_init(&removed, removed_fd);
        }
    }
    if (status == EXIT_OK) {
        unsigned jobs = o.jobs ? o.jobs : cores();
        int stream = o.jsonl || o.popts.nul_data;
        struct io_writer *rem = o.removed ? &removed : NULL;
        if (o.jsonl || (o.popts.nul_data && jobs > 1))
            status = run_batch(&o, &rs, &files, 1, &out, rem);
        else if (!stream && (o.outdir || (files.n > 1 && jobs > 1)))
            status = run_batch(&o, &rs, &files, 0, &out, rem);
        else
            status = run_stream(&o, &rs, &files, &out, rem);
    }
    io_writer_flush(&out);
    if (out.err) {
        /* a closed pipe ends quietly, as with SIGPIPE */
        if (out.err != EPIPE)
            fprintf(stderr, "cleaner: write error: %s\n", strerror(out.err));
        status = EXIT_TROUBLE;
    }
    if (removed_fd >= 0) {
        if (io_writer_close(&removed) < 0 || close(removed_fd) < 0) {
            fprintf(stderr, "cleaner: %s: %s\n", o.removed,
                    strerror(removed.err ? removed.err : errno));
            status = EXIT_TROUBLE;
        }
    }
    io_writer_close(&out);
    walk_free(&files);
    rules_free(&rs);
    options_free(&o);
    return status;
}
