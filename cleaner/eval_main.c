/* cleaner-eval: quality of cleaned output against gold.
 *
 *   cleaner-eval [--title T] [--min-line-f1 X] [--min-token-f1 Y]
 *                [--min-page-line-f1 Z] [--tsv] NAME PRED GOLD [NAME PRED GOLD ...]
 *   cleaner-eval --normalize FILE
 *
 * Both sides are put in the normal form first. Line figures match lines as
 * multisets, weighted by characters; token figures match case-folded
 * Unicode words as multisets. Prints one row per page, one per site (a
 * page NAME_NN belongs to site NAME), the micro average and the worst
 * page; exits 1 when the micro figures or any page's line F1 fall below
 * the thresholds. --tsv prints "site<TAB>NAME<TAB>lineF1<TAB>tokenF1"
 * rows for sites and the micro average only (for tests/ablate.sh). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "io.h"
#include "text.h"
#include "xalloc.h"

struct item {
    char *s;
    size_t n;
    size_t weight;
};

struct bag {
    struct item *v;
    size_t n, cap;
    size_t total;
};

struct counts {
    size_t pred_lines, gold_lines, hit_lines;
    size_t pred_tokens, gold_tokens, hit_tokens;
};

static void bag_add(struct bag *b, const char *s, size_t n, size_t w)
{
    b->v = xgrow(b->v, &b->cap, b->n + 1, sizeof *b->v);
    b->v[b->n].s = xmemdup0(s, n);
    b->v[b->n].n = n;
    b->v[b->n].weight = w;
    b->n++;
    b->total += w;
}

static void bag_free(struct bag *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->v[i].s);
    free(b->v);
    memset(b, 0, sizeof *b);
}

static int cmp_item(const void *a, const void *b)
{
    const struct item *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, m);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Weight of the multiset intersection. */
static size_t overlap(struct bag *a, struct bag *b)
{
    qsort(a->v, a->n, sizeof *a->v, cmp_item);
    qsort(b->v, b->n, sizeof *b->v, cmp_item);
    size_t i = 0, j = 0, w = 0;
    while (i < a->n && j < b->n) {
        int c = cmp_item(&a->v[i], &b->v[j]);
        if (c == 0) {
            w += a->v[i].weight;
            i++;
            j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    return w;
}

/* Read path into lines (normal form, non-empty) and tokens. */
static int load(const char *path, struct bag *lines, struct bag *tokens)
{
    struct buf file = BUF_INIT;
    char why[160];
    int e = io_read_file(path, &file, why, sizeof why);
    if (e) {
        fprintf(stderr, "cleaner-eval: %s: %s\n", path, why);
        buf_free(&file);
        return -1;
    }
    struct buf norm = BUF_INIT, scratch = BUF_INIT, fold = BUF_INIT;
    for (size_t i = 0, next; i < file.len; i += next) {
        size_t n = io_line(file.p + i, file.len - i, &next);
        text_normalize(file.p + i, n, &norm, &scratch);
        if (!norm.len)
            continue;
        bag_add(lines, norm.p, norm.len, text_chars(norm.p, norm.len));
        text_casefold(norm.p, norm.len, &fold);
        size_t pos = 0, ws, wl;
        while (text_next_word(fold.p, fold.len, &pos, &ws, &wl))
            bag_add(tokens, fold.p + ws, wl, 1);
    }
    buf_free(&file);
    buf_free(&norm);
    buf_free(&scratch);
    buf_free(&fold);
    return 0;
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 1.0;
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static double line_f1(const struct counts *c)
{
    return f1(ratio(c->hit_lines, c->pred_lines), ratio(c->hit_lines, c->gold_lines));
}

static double token_f1(const struct counts *c)
{
    return f1(ratio(c->hit_tokens, c->pred_tokens), ratio(c->hit_tokens, c->gold_tokens));
}

/* One row; suffix (may be empty) is printed at its end. */
static void row(const char *name, const struct counts *c, const char *suffix)
{
    double lp = ratio(c->hit_lines, c->pred_lines), lr = ratio(c->hit_lines, c->gold_lines);
    double tp = ratio(c->hit_tokens, c->pred_tokens), tr = ratio(c->hit_tokens, c->gold_tokens);
    printf("%-28s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f%s\n", name, lp, lr, f1(lp, lr), tp, tr,
           f1(tp, tr), suffix);
}

static void add_counts(struct counts *to, const struct counts *c)
{
    to->pred_lines += c->pred_lines;
    to->gold_lines += c->gold_lines;
    to->hit_lines += c->hit_lines;
    to->pred_tokens += c->pred_tokens;
    to->gold_tokens += c->gold_tokens;
    to->hit_tokens += c->hit_tokens;
}

/* The site of a page: its name less a final "_NN" ("dantri_04" -> "dantri"). */
static size_t site_len(const char *name)
{
    const char *u = strrchr(name, '_');
    if (!u || !u[1] || u == name)
        return strlen(name);
    for (const char *p = u + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return strlen(name);
    return (size_t)(u - name);
}

struct site {
    char *name;
    struct counts c;
    unsigned pages;
};

static int normalize_file(const char *path)
{
    struct buf file = BUF_INIT, norm = BUF_INIT, scratch = BUF_INIT;
    char why[160];
    int e = io_read_file(path, &file, why, sizeof why);
    if (e) {
        fprintf(stderr, "cleaner-eval: %s: %s\n", path, why);
        buf_free(&file);
        return 1;
    }
    for (size_t i = 0, next; i < file.len; i += next) {
        size_t n = io_line(file.p + i, file.len - i, &next);
        text_normalize(file.p + i, n, &norm, &scratch);
        if (norm.len) {
            fwrite(norm.p, 1, norm.len, stdout);
            putchar('\n');
        }
    }
    buf_free(&file);
    buf_free(&norm);
    buf_free(&scratch);
    return fflush(stdout) ? 1 : 0;
}

/* The counts of one page: predicted lines and tokens against gold. */
static int score_page(const char *pred, const char *gold, struct counts *c)
{
    struct bag pl = { 0 }, pt = { 0 }, gl = { 0 }, gt = { 0 };
    int rc = load(pred, &pl, &pt) < 0 || load(gold, &gl, &gt) < 0 ? -1 : 0;
    if (rc == 0) {
        struct counts k = { pl.total, gl.total, overlap(&pl, &gl), pt.total, gt.total,
                            overlap(&pt, &gt) };
        *c = k;
    }
    bag_free(&pl);
    bag_free(&pt);
    bag_free(&gl);
    bag_free(&gt);
    return rc;
}

/* The group of a page: its site (name less a final "_NN"), or its language
 * (the name up to the first "_": "de_at_DiePresse_2025_06_05" -> "de"). */
static size_t group_len(const char *name, int by_lang)
{
    if (by_lang) {
        const char *u = strchr(name, '_');
        return u && u != name ? (size_t)(u - name) : strlen(name);
    }
    return site_len(name);
}

/* The group entry of page name, added when new. */
static struct site *site_of(struct site **sites, size_t *n, size_t *cap, const char *name,
                            int by_lang)
{
    size_t sl = group_len(name, by_lang);
    for (size_t k = 0; k < *n; k++)
        if (strlen((*sites)[k].name) == sl && !memcmp((*sites)[k].name, name, sl))
            return &(*sites)[k];
    *sites = xgrow(*sites, cap, *n + 1, sizeof **sites);
    struct site *s = &(*sites)[(*n)++];
    memset(s, 0, sizeof *s);
    s->name = xmemdup0(name, sl);
    return s;
}

/* Per-group rows (when groups gather pages) and the micro average. */
static void print_totals(int tsv, const char *title, const struct counts *all,
                         const struct site *sites, size_t nsites, int grouped, int by_lang)
{
    if (tsv) {
        for (size_t k = 0; k < nsites; k++)
            printf("site\t%s\t%.4f\t%.4f\n", sites[k].name, line_f1(&sites[k].c), token_f1(&sites[k].c));
        printf("micro\t%s\t%.4f\t%.4f\n", title, line_f1(all), token_f1(all));
        return;
    }
    if (nsites > 1 && grouped) {
        printf("%-28s\n", by_lang ? "-- per language (pages)" : "-- per site (pages)");
        for (size_t k = 0; k < nsites; k++) {
            char label[64];
            snprintf(label, sizeof label, "%.20s (%u)", sites[k].name, sites[k].pages);
            row(label, &sites[k].c, "");
        }
    }
    row(title, all, "");
}

/* Per-page token F1 of an earlier run ("NAME<TAB>tokenF1" lines, as
 * --pages-out writes them). */
struct baseline {
    char **name;
    double *f1;
    size_t n, cap, fcap;
};

static int baseline_load(struct baseline *b, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cleaner-eval: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        b->name = xgrow(b->name, &b->cap, b->n + 1, sizeof *b->name);
        b->f1 = xgrow(b->f1, &b->fcap, b->n + 1, sizeof *b->f1);
        b->name[b->n] = xstrdup(line);
        b->f1[b->n] = atof(tab + 1);
        b->n++;
    }
    fclose(f);
    return 0;
}

static int baseline_find(const struct baseline *b, const char *name, double *f1)
{
    for (size_t k = 0; k < b->n; k++)
        if (!strcmp(b->name[k], name)) {
            *f1 = b->f1[k];
            return 1;
        }
    return 0;
}

static void baseline_free(struct baseline *b)
{
    for (size_t k = 0; k < b->n; k++)
        free(b->name[k]);
    free(b->name);
    free(b->f1);
}

static const char usage_text[] =
    "usage: cleaner-eval [OPTION]... NAME PRED GOLD [NAME PRED GOLD]...\n"
    "       cleaner-eval --normalize FILE\n"
    "  --title T               name of the micro row\n"
    "  --group site|lang       gather pages by site (NAME less \"_NN\", the default) or\n"
    "                          by language (NAME up to the first \"_\")\n"
    "  --min-line-f1 X         fail when the micro line F1 is below X\n"
    "  --min-token-f1 X        fail when the micro token F1 is below X\n"
    "  --min-page-line-f1 X    fail when any page's line F1 is below X\n"
    "  --min-page-token-f1 X   fail when any page's token F1 is below X\n"
    "  --min-group-token-f1 X  fail when a group of --group-pages pages or more\n"
    "                          (default 3) has a token F1 below X\n"
    "  --group-pages N\n"
    "  --pages-out FILE        write \"NAME<TAB>tokenF1\" per page to FILE\n"
    "  --baseline FILE         such a file from another run: print each page's\n"
    "                          change, and with --max-drop X fail when a page's\n"
    "                          token F1 is more than X below its baseline\n"
    "  --max-drop X\n"
    "  --tsv                   site and micro rows only, tab-separated\n";

int main(int argc, char **argv)
{
    const char *title = "micro", *pages_out = NULL, *baseline_path = NULL;
    double min_line = 0, min_token = 0, min_page_line = 0, min_page_token = 0;
    double min_group_token = 0, max_drop = -1;
    unsigned group_pages = 3;
    int tsv = 0, by_lang = 0;
    int i = 1;
    if (argc == 3 && !strcmp(argv[1], "--normalize"))
        return normalize_file(argv[2]);
    for (; i < argc && !strncmp(argv[i], "--", 2); i += 2) {
        if (!strcmp(argv[i], "--tsv")) {
            tsv = 1;
            i--;
            continue;
        }
        if (i + 1 >= argc)
            break;
        const char *v = argv[i + 1];
        if (!strcmp(argv[i], "--title"))
            title = v;
        else if (!strcmp(argv[i], "--group") && (!strcmp(v, "lang") || !strcmp(v, "site")))
            by_lang = !strcmp(v, "lang");
        else if (!strcmp(argv[i], "--min-line-f1"))
            min_line = atof(v);
        else if (!strcmp(argv[i], "--min-token-f1"))
            min_token = atof(v);
        else if (!strcmp(argv[i], "--min-page-line-f1"))
            min_page_line = atof(v);
        else if (!strcmp(argv[i], "--min-page-token-f1"))
            min_page_token = atof(v);
        else if (!strcmp(argv[i], "--min-group-token-f1"))
            min_group_token = atof(v);
        else if (!strcmp(argv[i], "--group-pages"))
            group_pages = (unsigned)atoi(v);
        else if (!strcmp(argv[i], "--pages-out"))
            pages_out = v;
        else if (!strcmp(argv[i], "--baseline"))
            baseline_path = v;
        else if (!strcmp(argv[i], "--max-drop"))
            max_drop = atof(v);
        else
            break;
    }
    if (i >= argc || (argc - i) % 3 != 0) {
        fputs(usage_text, stderr);
        return 2;
    }
    struct baseline base = { 0 };
    if (baseline_path && baseline_load(&base, baseline_path) < 0)
        return 2;
    FILE *po = NULL;
    if (pages_out && !(po = fopen(pages_out, "w"))) {
        fprintf(stderr, "cleaner-eval: %s: %s\n", pages_out, strerror(errno));
        baseline_free(&base);
        return 2;
    }
    if (!tsv)
        printf("%-28s %6s %6s %6s   %6s %6s %6s%s\n", "page", "lineP", "lineR", "lineF1", "tokP",
               "tokR", "tokF1", baseline_path ? "   base  change" : "");
    struct counts all = { 0, 0, 0, 0, 0, 0 };
    struct site *sites = NULL;
    size_t nsites = 0, sites_cap = 0;
    const char *worst = NULL, *worst_tok = NULL;
    double worst_f1 = 2, worst_tok_f1 = 2;
    int fail = 0, rc = 0;
    for (; i < argc; i += 3) {
        struct counts c;
        if (score_page(argv[i + 1], argv[i + 2], &c) < 0) {
            rc = 2;
            break;
        }
        double tf = token_f1(&c), bf;
        if (!tsv) {
            char change[32] = "";
            if (baseline_path && baseline_find(&base, argv[i], &bf))
                snprintf(change, sizeof change, "   %6.3f %+6.3f", bf, tf - bf);
            row(argv[i], &c, change);
        }
        if (po)
            fprintf(po, "%s\t%.4f\n", argv[i], tf);
        add_counts(&all, &c);
        struct site *site = site_of(&sites, &nsites, &sites_cap, argv[i], by_lang);
        add_counts(&site->c, &c);
        site->pages++;
        if (line_f1(&c) < worst_f1) {
            worst_f1 = line_f1(&c);
            worst = argv[i];
        }
        if (tf < worst_tok_f1) {
            worst_tok_f1 = tf;
            worst_tok = argv[i];
        }
        if (line_f1(&c) < min_page_line) {
            printf("FAIL: %s line F1 %.4f is below %.4f\n", argv[i], line_f1(&c), min_page_line);
            fail = 1;
        }
        if (tf < min_page_token) {
            printf("FAIL: %s token F1 %.4f is below %.4f\n", argv[i], tf, min_page_token);
            fail = 1;
        }
        if (max_drop >= 0 && baseline_find(&base, argv[i], &bf) && tf < bf - max_drop) {
            printf("FAIL: %s token F1 %.4f is more than %.2f below its baseline %.4f\n", argv[i],
                   tf, max_drop, bf);
            fail = 1;
        }
    }
    if (po && fclose(po) != 0) {
        fprintf(stderr, "cleaner-eval: %s: %s\n", pages_out, strerror(errno));
        rc = 2;
    }
    if (rc == 0) {
        print_totals(tsv, title, &all, sites, nsites, nsites < (size_t)(argc - 1) / 3, by_lang);
        if (!tsv && worst)
            printf("worst page: %s (line F1 %.3f); by tokens: %s (token F1 %.3f)\n", worst,
                   worst_f1, worst_tok, worst_tok_f1);
        for (size_t k = 0; k < nsites; k++)
            if (min_group_token > 0 && sites[k].pages >= group_pages &&
                token_f1(&sites[k].c) < min_group_token) {
                printf("FAIL: %s (%u pages) token F1 %.4f is below %.4f\n", sites[k].name,
                       sites[k].pages, token_f1(&sites[k].c), min_group_token);
                fail = 1;
            }
        double lf = line_f1(&all), tf = token_f1(&all);
        if (lf < min_line) {
            printf("FAIL: %s line F1 %.4f is below %.4f\n", title, lf, min_line);
            fail = 1;
        }
        if (tf < min_token) {
            printf("FAIL: %s token F1 %.4f is below %.4f\n", title, tf, min_token);
            fail = 1;
        }
    }
    for (size_t k = 0; k < nsites; k++)
        free(sites[k].name);
    free(sites);
    baseline_free(&base);
    return rc ? rc : fail;
}
