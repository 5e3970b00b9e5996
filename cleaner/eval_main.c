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

static void row(const char *name, const struct counts *c)
{
    double lp = ratio(c->hit_lines, c->pred_lines), lr = ratio(c->hit_lines, c->gold_lines);
    double tp = ratio(c->hit_tokens, c->pred_tokens), tr = ratio(c->hit_tokens, c->gold_tokens);
    printf("%-28s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f\n", name, lp, lr, f1(lp, lr), tp, tr,
           f1(tp, tr));
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

/* The site entry of page name, added when new. */
static struct site *site_of(struct site **sites, size_t *n, size_t *cap, const char *name)
{
    size_t sl = site_len(name);
    for (size_t k = 0; k < *n; k++)
        if (strlen((*sites)[k].name) == sl && !memcmp((*sites)[k].name, name, sl))
            return &(*sites)[k];
    *sites = xgrow(*sites, cap, *n + 1, sizeof **sites);
    struct site *s = &(*sites)[(*n)++];
    memset(s, 0, sizeof *s);
    s->name = xmemdup0(name, sl);
    return s;
}

/* Per-site rows (when sites group pages) and the micro average. */
static void print_totals(int tsv, const char *title, const struct counts *all,
                         const struct site *sites, size_t nsites, int grouped)
{
    if (tsv) {
        for (size_t k = 0; k < nsites; k++)
            printf("site\t%s\t%.4f\t%.4f\n", sites[k].name, line_f1(&sites[k].c), token_f1(&sites[k].c));
        printf("micro\t%s\t%.4f\t%.4f\n", title, line_f1(all), token_f1(all));
        return;
    }
    if (nsites > 1 && grouped) {
        printf("%-28s\n", "-- per site (pages)");
        for (size_t k = 0; k < nsites; k++) {
            char label[64];
            snprintf(label, sizeof label, "%.20s (%u)", sites[k].name, sites[k].pages);
            row(label, &sites[k].c);
        }
    }
    row(title, all);
}

int main(int argc, char **argv)
{
    const char *title = "micro";
    double min_line = 0, min_token = 0, min_page_line = 0;
    int tsv = 0;
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
        if (!strcmp(argv[i], "--title"))
            title = argv[i + 1];
        else if (!strcmp(argv[i], "--min-line-f1"))
            min_line = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--min-token-f1"))
            min_token = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--min-page-line-f1"))
            min_page_line = atof(argv[i + 1]);
        else
            break;
    }
    if (i >= argc || (argc - i) % 3 != 0) {
        fprintf(stderr, "usage: cleaner-eval [--title T] [--min-line-f1 X] [--min-token-f1 Y] "
                        "[--min-page-line-f1 Z] [--tsv] NAME PRED GOLD...\n"
                        "       cleaner-eval --normalize FILE\n");
        return 2;
    }
    if (!tsv)
        printf("%-28s %6s %6s %6s   %6s %6s %6s\n", "page", "lineP", "lineR", "lineF1", "tokP",
               "tokR", "tokF1");
    struct counts all = { 0, 0, 0, 0, 0, 0 };
    struct site *sites = NULL;
    size_t nsites = 0, sites_cap = 0;
    const char *worst = NULL;
    double worst_f1 = 2;
    int fail = 0;
    for (; i < argc; i += 3) {
        struct counts c;
        if (score_page(argv[i + 1], argv[i + 2], &c) < 0)
            return 2;
        if (!tsv)
            row(argv[i], &c);
        add_counts(&all, &c);
        struct site *site = site_of(&sites, &nsites, &sites_cap, argv[i]);
        add_counts(&site->c, &c);
        site->pages++;
        if (line_f1(&c) < worst_f1) {
            worst_f1 = line_f1(&c);
            worst = argv[i];
        }
        if (line_f1(&c) < min_page_line) {
            if (!tsv)
                printf("FAIL: %s line F1 %.4f is below %.4f\n", argv[i], line_f1(&c), min_page_line);
            fail = 1;
        }
    }
    print_totals(tsv, title, &all, sites, nsites, nsites < (size_t)(argc - 1) / 3);
    if (!tsv && worst)
        printf("worst page: %s (line F1 %.3f)\n", worst, worst_f1);
    for (size_t k = 0; k < nsites; k++)
        free(sites[k].name);
    free(sites);
    double lf = line_f1(&all), tf = token_f1(&all);
    if (lf < min_line) {
        printf("FAIL: %s line F1 %.4f is below %.4f\n", title, lf, min_line);
        fail = 1;
    }
    if (tf < min_token) {
        printf("FAIL: %s token F1 %.4f is below %.4f\n", title, tf, min_token);
        fail = 1;
    }
    return fail;
}
