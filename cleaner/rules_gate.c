/* rules_gate: for the first character of a line, the rules anchored at
 * the start that can match a line beginning with it, joined per action
 * (see rules_impl.h).
 *
 * A rule is asked once per character, by partial matching against that
 * character alone (PCRE2_PARTIAL_HARD, by the interpreter): "no match"
 * there means that no subject starting with the character can match, so
 * the rule need not be tried on such lines. PCRE2 does the case folding,
 * the classes and the alternatives; nothing here reads the pattern text
 * except to set aside the constructs whose behaviour at the end of a
 * subject partial matching does not promise (lookaround, \b, \B, \G, \z,
 * \Z, back references): such a rule is in every set. A limit or an error
 * also counts as "can match". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "rules_impl.h"
#include "xalloc.h"

enum {
    GATE_MAX_CHARS = 4096, /* first characters remembered */
    GATE_MAX_SETS = 64     /* distinct sets of rules (compiled joins) */
};

#define NO_SET ((unsigned)-1) /* a character whose lines use the full joins */

struct gate_set {
    unsigned char *member;              /* per rule */
    pcre2_code *joined[ACTION_COUNT];   /* the members of each action
                                           joined; NULL: none */
    int jit[ACTION_COUNT];              /* that code was JIT-compiled */
    int failed;                         /* a join did not compile: this set
                                           uses the full alternations */
};

struct rule_gate {
    const struct rule_set *rs;
    unsigned char *gated;      /* per rule: a member of its action's
                                  anchored alternation, and safe to ask
                                  by partial matching */
    unsigned char *anchored;   /* per rule: in the anchored alternation */
    uint32_t *key;             /* first character + 1; 0 empty */
    unsigned *set_of;
    size_t cap, count;
    struct gate_set *sets;
    size_t nsets;
};

static int lookaround(const char *o)
{
    return o[1] == '?' && (o[2] == '=' || o[2] == '!' || o[2] == '<');
}

/* Whether partial matching can be trusted for the pattern (see above). */
static int partial_safe(const struct rule *r)
{
    if (r->flags & PCRE2_LITERAL)
        return 1;
    return !rules_pattern_has(r->pattern, "bBGzZgk", lookaround);
}

struct rule_gate *rules_gate_new(const struct rule_set *rs, const struct rule_view *v)
{
    struct rule_gate *g = xcalloc(1, sizeof *g);
    g->rs = rs;
    size_t n = rs->n ? rs->n : 1;
    g->gated = xcalloc(n, 1);
    g->anchored = xcalloc(n, 1);
    size_t any = 0;
    for (int a = 0; a < ACTION_COUNT; a++) {
        if (!v->combined[a][0])
            continue;
        for (size_t i = rs->first[a]; i < rs->first[a + 1]; i++) {
            if (!v->in[i] || v->standalone[i] || !rules_anchored(&rs->rules[i]))
                continue;
            g->anchored[i] = 1;
            g->gated[i] = partial_safe(&rs->rules[i]);
            any += g->gated[i];
        }
    }
    if (!any) { /* nothing to gate */
        rules_gate_free(g);
        return NULL;
    }
    return g;
}

void rules_gate_free(struct rule_gate *g)
{
    if (!g)
        return;
    for (size_t k = 0; k < g->nsets; k++) {
        free(g->sets[k].member);
        for (int a = 0; a < ACTION_COUNT; a++)
            pcre2_code_free(g->sets[k].joined[a]);
    }
    free(g->sets);
    free(g->key);
    free(g->set_of);
    free(g->gated);
    free(g->anchored);
    free(g);
}

/* The anchored rules that can match a line starting with uc, as a set
 * (interned: lines with different first characters often share one). */
static long intern(struct rule_gate *g, pcre2_match_data *md, pcre2_match_context *mctx,
                   uint32_t uc)
{
    const struct rule_set *rs = g->rs;
    uint8_t enc[6];
    int len = u8_uctomb(enc, uc, sizeof enc);
    if (len <= 0)
        return -1;
    unsigned char *member = xcalloc(rs->n, 1);
    for (size_t i = 0; i < rs->n; i++) {
        if (!g->anchored[i])
            continue;
        if (!g->gated[i]) {
            member[i] = 1;
            continue;
        }
        int rc = pcre2_match(rs->rules[i].code, enc, (size_t)len, 0,
                             PCRE2_PARTIAL_HARD | PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK, md, mctx);
        member[i] = rc != PCRE2_ERROR_NOMATCH;
    }
    for (size_t k = 0; k < g->nsets; k++)
        if (!memcmp(g->sets[k].member, member, rs->n)) {
            free(member);
            return (long)k;
        }
    if (g->nsets == GATE_MAX_SETS) {
        free(member);
        return -1;
    }
    g->sets = xrealloc(g->sets, (g->nsets + 1) * sizeof *g->sets);
    struct gate_set *set = &g->sets[g->nsets];
    memset(set, 0, sizeof *set);
    set->member = member;
    for (int a = 0; a < ACTION_COUNT; a++) {
        int some = 0;
        for (size_t i = rs->first[a]; i < rs->first[a + 1]; i++)
            some |= member[i];
        if (some && !(set->joined[a] = rules_join(rs, member, a, &set->jit[a])))
            set->failed = 1;
    }
    return (long)g->nsets++;
}

const struct gate_set *rules_gate_find(struct rule_gate *g, pcre2_match_data *md,
                                       pcre2_match_context *mctx, uint32_t uc)
{
    if (!g->cap) {
        g->cap = 2 * GATE_MAX_CHARS;
        g->key = xcalloc(g->cap, sizeof *g->key);
        g->set_of = xcalloc(g->cap, sizeof *g->set_of);
    }
    size_t i = (size_t)(uc * 0x9E3779B1u) & (g->cap - 1);
    while (g->key[i] && g->key[i] != uc + 1)
        i = (i + 1) & (g->cap - 1);
    if (!g->key[i]) {
        if (g->count == GATE_MAX_CHARS)
            return NULL;
        long k = intern(g, md, mctx, uc);
        g->key[i] = uc + 1;
        g->set_of[i] = k < 0 ? NO_SET : (unsigned)k; /* remembered either way */
        g->count++;
    }
    if (g->set_of[i] == NO_SET)
        return NULL;
    const struct gate_set *set = &g->sets[g->set_of[i]];
    return set->failed ? NULL : set;
}

pcre2_code *rules_gate_joined(const struct gate_set *set, int a, int *jit)
{
    *jit = set->jit[a];
    return set->joined[a];
}
