/* pack: find and load the rule pack (see pack.h). */
#include "pack.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int pack_load(const struct options *o, struct rule_set *rs)
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
    if (rc == 0 && (o->site_field || o->warc || o->warc_possible)) {
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


int pack_language(struct options *o, const struct rule_set *rs)
{
    if (!o->language || !strcmp(o->language, "auto"))
        return 0;
    if (!strcmp(o->language, "none")) {
        o->popts.lang = -1;
        return 0;
    }
    int k = rules_find_lang(rs, o->language);
    if (k >= 0) {
        o->popts.lang = k + 1;
        return 0;
    }
    fprintf(stderr, "cleaner: --language: no language pack is called '%s' (", o->language);
    for (size_t i = 0; i < rs->nlangs; i++)
        fprintf(stderr, "%s, ", rs->langs[i].code);
    fprintf(stderr, "auto, none)\n");
    return -1;
}
