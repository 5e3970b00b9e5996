/* stats: run counters and their report (see stats.h). */
#include "stats.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "xalloc.h"

void stats_init(struct stats *s)
{
    memset(s, 0, sizeof *s);
}

void stats_free(struct stats *s)
{
    free(s->reasons);
    s->reasons = NULL;
    s->cap = s->count = 0;
    s->last_why = NULL;
}

static size_t slot(const struct reason_count *v, size_t cap, const char *why)
{
    size_t i = ((uintptr_t)why >> 3) * 0x9E3779B97F4A7C15ULL >> 7 & (cap - 1);
    while (v[i].why && v[i].why != why)
        i = (i + 1) & (cap - 1);
    return i;
}

static struct reason_count *entry(struct stats *s, const char *why)
{
    if (why == s->last_why && s->last_why)
        return &s->reasons[s->last_slot];
    if ((s->count + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        struct reason_count *v = xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < s->cap; i++)
            if (s->reasons[i].why)
                v[slot(v, cap, s->reasons[i].why)] = s->reasons[i];
        free(s->reasons);
        s->reasons = v;
        s->cap = cap;
    }
    size_t i = slot(s->reasons, s->cap, why);
    struct reason_count *r = &s->reasons[i];
    if (!r->why) {
        r->why = why;
        s->count++;
    }
    s->last_why = why;
    s->last_slot = i;
    return r;
}

void stats_count(struct stats *s, int kept, const char *why)
{
    struct reason_count *r = entry(s, why ? why : "-");
    if (kept)
        r->kept++;
    else
        r->dropped++;
}

void stats_merge(struct stats *into, const struct stats *from)
{
    into->docs += from->docs;
    into->docs_empty += from->docs_empty;
    into->lines_in += from->lines_in;
    into->lines_out += from->lines_out;
    into->lines_blank += from->lines_blank;
    into->bytes_in += from->bytes_in;
    into->bytes_out += from->bytes_out;
    into->utf8_repairs += from->utf8_repairs;
    into->memo_lookups += from->memo_lookups;
    into->memo_hits += from->memo_hits;
    into->errors += from->errors;
    into->no_site_field += from->no_site_field;
    for (size_t i = 0; i < from->cap; i++) {
        const struct reason_count *r = &from->reasons[i];
        if (!r->why)
            continue;
        struct reason_count *t = entry(into, r->why);
        t->kept += r->kept;
        t->dropped += r->dropped;
    }
}

struct pair {
    const char *key;
    size_t n;
};

static int by_name(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    return strcmp(x->key, y->key);
}

/* Kept (or dropped) lines per reason name, in name order: the same name
 * may sit at two addresses (a detector's literal in two places), so counts
 * are summed by name. */
static struct pair *sorted(const struct stats *s, int kept, size_t *n)
{
    struct pair *v = xcalloc(s->count ? s->count : 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < s->cap; i++) {
        const struct reason_count *r = &s->reasons[i];
        unsigned long long c = kept ? r->kept : r->dropped;
        if (r->why && c) {
            v[k].key = r->why;
            v[k].n = (size_t)c;
            k++;
        }
    }
    qsort(v, k, sizeof *v, by_name);
    size_t out = 0;
    for (size_t i = 0; i < k; i++) {
        if (out && !strcmp(v[out - 1].key, v[i].key))
            v[out - 1].n += v[i].n;
        else
            v[out++] = v[i];
    }
    *n = out;
    return v;
}

static json_t *reasons_json(const struct stats *s, int kept)
{
    json_t *o = json_object();
    size_t n;
    struct pair *v = sorted(s, kept, &n);
    for (size_t i = 0; i < n; i++)
        json_object_set_new(o, v[i].key, json_integer((json_int_t)v[i].n));
    free(v);
    return o;
}

static void appendf(struct buf *out, const char *fmt, unsigned long long a, const char *s)
{
    char line[512];
    int k = s ? snprintf(line, sizeof line, fmt, s, a) : snprintf(line, sizeof line, fmt, a);
    if (k > 0)
        buf_append(out, line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1);
}

struct cost {
    size_t rule;
    unsigned long long ns, tries, hits;
};

static int by_time(const void *a, const void *b)
{
    const struct cost *x = a, *y = b;
    if (x->ns != y->ns)
        return x->ns < y->ns ? 1 : -1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

void stats_profile(const struct rule_set *rs, struct rule_matcher *const *m, size_t nm,
                   struct buf *out)
{
    struct cost *c = xcalloc(rs->n ? rs->n : 1, sizeof *c);
    unsigned long long total = 0;
    for (size_t r = 0; r < rs->n; r++) {
        c[r].rule = r;
        struct rule_counts rc = rules_counts(m, nm, r);
        c[r].ns = rc.ns;
        c[r].tries = rc.attempts;
        c[r].hits = rc.hits;
        total += c[r].ns;
    }
    qsort(c, rs->n, sizeof *c, by_time);
    char line[512];
    int n = snprintf(line, sizeof line,
                     "cleaner: rule cost (--profile), %.1f ms in all, most first:\n"
                     "cleaner: %10s %12s %9s %10s  %s\n",
                     (double)total / 1e6, "ms", "tries", "ns/try", "matches", "rule");
    buf_append(out, line, (size_t)n);
    for (size_t i = 0; i < rs->n; i++) {
        const struct rule *r = &rs->rules[c[i].rule];
        n = snprintf(line, sizeof line, "cleaner: %10.2f %12llu %9.0f %10llu  %s (%s:%u)\n",
                     (double)c[i].ns / 1e6, c[i].tries,
                     c[i].tries ? (double)c[i].ns / (double)c[i].tries : 0.0, c[i].hits,
                     r->name, r->file, r->line);
        if (n > 0)
            buf_append(out, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
    free(c);
}

void stats_format(const struct stats *s, const struct rule_set *rs,
                  struct rule_matcher *const *m, size_t nm, int json, int profile,
                  struct buf *out)
{
    unsigned long long limit_total = 0;
    for (size_t r = 0; r < rs->n; r++)
        limit_total += rules_counts(m, nm, r).limit_hits;
    if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "documents", json_integer((json_int_t)s->docs));
        json_object_set_new(o, "documents_empty", json_integer((json_int_t)s->docs_empty));
        json_object_set_new(o, "lines_in", json_integer((json_int_t)s->lines_in));
        json_object_set_new(o, "lines_out", json_integer((json_int_t)s->lines_out));
        json_object_set_new(o, "lines_blank", json_integer((json_int_t)s->lines_blank));
        json_object_set_new(o, "bytes_in", json_integer((json_int_t)s->bytes_in));
        json_object_set_new(o, "bytes_out", json_integer((json_int_t)s->bytes_out));
        json_object_set_new(o, "utf8_repairs", json_integer((json_int_t)s->utf8_repairs));
        json_object_set_new(o, "match_limit_hits", json_integer((json_int_t)limit_total));
        json_object_set_new(o, "errors", json_integer((json_int_t)s->errors));
        json_object_set_new(o, "no_site_field", json_integer((json_int_t)s->no_site_field));
        json_t *memo = json_object();
        json_object_set_new(memo, "lookups", json_integer((json_int_t)s->memo_lookups));
        json_object_set_new(memo, "hits", json_integer((json_int_t)s->memo_hits));
        json_object_set_new(o, "memo", memo);
        json_object_set_new(o, "kept_by", reasons_json(s, 1));
        json_object_set_new(o, "dropped_by", reasons_json(s, 0));
        json_t *rules = json_object();
        for (size_t r = 0; r < rs->n; r++) {
            struct rule_counts rc = rules_counts(m, nm, r);
            json_t *one = json_object();
            json_object_set_new(one, "action", json_string(rule_action_names[rs->rules[r].action]));
            json_object_set_new(one, "matches", json_integer((json_int_t)rc.hits));
            json_object_set_new(one, "limit_hits", json_integer((json_int_t)rc.limit_hits));
            if (profile) {
                json_object_set_new(one, "attempts", json_integer((json_int_t)rc.attempts));
                json_object_set_new(one, "time_ns", json_integer((json_int_t)rc.ns));
            }
            json_object_set_new(rules, rs->rules[r].name, one);
        }
        json_object_set_new(o, "rules", rules);
        jsonl_append_json(out, o, JSON_COMPACT);
        buf_putc(out, '\n');
        json_decref(o);
        return;
    }
    appendf(out, "cleaner: documents        %llu\n", s->docs, NULL);
    appendf(out, "cleaner: documents empty  %llu\n", s->docs_empty, NULL);
    appendf(out, "cleaner: lines in         %llu\n", s->lines_in, NULL);
    appendf(out, "cleaner: lines out        %llu\n", s->lines_out, NULL);
    appendf(out, "cleaner: bytes in         %llu\n", s->bytes_in, NULL);
    appendf(out, "cleaner: bytes out        %llu\n", s->bytes_out, NULL);
    appendf(out, "cleaner: UTF-8 repairs    %llu\n", s->utf8_repairs, NULL);
    appendf(out, "cleaner: match-limit hits %llu\n", limit_total, NULL);
    appendf(out, "cleaner: errors           %llu\n", s->errors, NULL);
    if (s->no_site_field)
        appendf(out, "cleaner: no site field    %llu\n", s->no_site_field, NULL);
    appendf(out, "cleaner: memo lookups     %llu\n", s->memo_lookups, NULL);
    appendf(out, "cleaner: memo hits        %llu\n", s->memo_hits, NULL);
    const char *titles[2] = { "kept by", "dropped by" };
    for (int k = 0; k < 2; k++) {
        size_t n;
        struct pair *v = sorted(s, k == 0, &n);
        for (size_t i = 0; i < n; i++) {
            char head[64];
            /* one column for the counts, whether kept or dropped */
            snprintf(head, sizeof head, "cleaner: %-10s ", titles[k]);
            buf_append(out, head, strlen(head));
            appendf(out, "%-24s %llu\n", v[i].n, v[i].key);
        }
        free(v);
    }
}
