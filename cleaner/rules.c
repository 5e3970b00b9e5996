/* rules: the rule set, its errors, and switching rules off (see rules.h).
 * Reading rule files is rules_load.c and rules_parse.c; joining and
 * matching patterns is rules_match.c. */
#include "rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_impl.h"
#include "xalloc.h"

const char *const rule_action_names[ACTION_COUNT] = { "keep", "cut", "block", "summary", "credit",
                                                                "drop", "caption", "lead" };

void cleaner_err_free(struct cleaner_err *e)
{
    free(e->file);
    free(e->msg);
    free(e->source);
    memset(e, 0, sizeof *e);
}

void rules_set_err(struct cleaner_err *e, const char *file, unsigned line, unsigned col,
                   const char *src, size_t srclen, const char *fmt, ...)
{
    cleaner_err_free(e);
    e->file = xstrdup(file);
    e->line = line;
    e->col = col;
    e->source = src ? xmemdup0(src, srclen) : NULL;
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    e->msg = xmalloc((size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(e->msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap2);
    va_end(ap2);
}

void rules_init(struct rule_set *rs)
{
    memset(rs, 0, sizeof *rs);
    detect_config_init(&rs->det);
}

int rules_disable(struct rule_set *rs, const char *name)
{
    if (detect_config_enable(&rs->det, name, 0) == 0)
        return 0;
    size_t k = 0, removed = 0;
    for (size_t i = 0; i < rs->n; i++) {
        struct rule *r = &rs->rules[i];
        if (!strcmp(r->name, name)) {
            free(r->name);
            free(r->pattern);
            pcre2_code_free(r->code);
            removed++;
            continue;
        }
        rs->rules[k++] = *r;
    }
    rs->n = k;
    return removed ? 0 : -1;
}

int rules_find_lang(const struct rule_set *rs, const char *code)
{
    for (size_t k = 0; k < rs->nlangs; k++)
        if (!strcmp(rs->langs[k].code, code))
            return (int)k;
    return -1;
}

void rules_langs_finish(struct rule_set *rs)
{
    for (size_t k = 0; k < rs->nlangs; k++) {
        struct lang_pack *lp = &rs->langs[k];
        /* recognition counts the pack's own stop words only */
        word_list_merge(&lp->own_stopwords, &lp->det.stopwords);
        for (size_t i = 0; i < lp->own_stopwords.set.cap; i++) {
            const struct strset *w = &lp->own_stopwords.set;
            if (!w->keys[i])
                continue;
            size_t bits = 0;
            strset_get(&rs->lang_words, w->keys[i], w->lens[i], &bits);
            strset_put(&rs->lang_words, w->keys[i], w->lens[i], bits | ((size_t)1 << k));
        }
        /* its documents get the generic settings, then its own, and the
           generic word lists with its own */
        struct word_list stop = lp->det.stopwords, date = lp->det.datewords,
                         dur = lp->det.durationwords;
        lp->det = rs->det;
        lp->det.stopwords = stop;
        lp->det.datewords = date;
        lp->det.durationwords = dur;
        word_list_merge(&lp->det.stopwords, &rs->det.stopwords);
        word_list_merge(&lp->det.datewords, &rs->det.datewords);
        word_list_merge(&lp->det.durationwords, &rs->det.durationwords);
        for (size_t i = 0; i < lp->nsettings; i++) {
            struct cleaner_err err = { 0 };
            /* checked when the file was read: cannot fail here */
            rules_apply_detect(&lp->det, lp->settings[i], strlen(lp->settings[i]), &err);
            cleaner_err_free(&err);
        }
    }
}

void rules_free(struct rule_set *rs)
{
    for (size_t v = 0; rs->views && v <= rs->nlangs; v++)
        rules_view_free(&rs->views[v]);
    if (rs->views)
        pthread_mutex_destroy(&rs->views_lock);
    free(rs->views);
    for (size_t k = 0; k < rs->nlangs; k++) {
        struct lang_pack *lp = &rs->langs[k];
        free(lp->code);
        detect_config_free(&lp->det);
        strset_free(&lp->own_stopwords.set);
        for (size_t i = 0; i < lp->nsettings; i++)
            free(lp->settings[i]);
        free(lp->settings);
    }
    free(rs->langs);
    strset_free(&rs->lang_words);
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->rules[i].name);
        free(rs->rules[i].pattern);
        pcre2_code_free(rs->rules[i].code);
    }
    free(rs->rules);
    for (size_t i = 0; i < rs->nfiles; i++)
        free(rs->files[i]);
    free(rs->files);
    for (size_t i = 0; i < rs->nnames; i++)
        free(rs->names[i]);
    free(rs->names);
    detect_config_free(&rs->det);
    memset(rs, 0, sizeof *rs);
}

/* A copy of a file's display name that lives as long as the rule set, so
 * rules can point at it. */
const char *rules_keep_name(struct rule_set *rs, const char *name)
{
    rs->names = xgrow(rs->names, &rs->names_cap, rs->nnames + 1, sizeof *rs->names);
    return rs->names[rs->nnames++] = xstrdup(name);
}
