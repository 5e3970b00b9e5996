/* rules_match: the rules of each action joined into alternations whose
 * (*MARK) names the rule, one JIT match per action and line; the matcher
 * that finds the rule deciding a line under PCRE2's limits (see rules.h). */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "rules_impl.h"
#include "xalloc.h"

int rules_pattern_has(const char *p, const char *escapes, int (*bad_group)(const char *open))
{
    for (size_t i = 0; p[i]; i++) {
        if (p[i] == '\\') {
            char c = p[i + 1];
            if (!c || (c >= '1' && c <= '9') || strchr(escapes, c))
                return 1;
            i++;
        } else if (p[i] == '(' && bad_group(p + i)) {
            return 1;
        }
    }
    return 0;
}

/* A group that would change meaning inside a larger alternation: named or
 * numbered references and definitions, verbs, conditions, callouts,
 * recursion, options reset; a lookbehind is fine. */
static int uncombinable_group(const char *o)
{
    if (o[1] == '*')
        return 1;
    if (o[1] != '?')
        return 0;
    char c = o[2];
    if (c == '<' && (o[3] == '=' || o[3] == '!'))
        return 0;
    return c == '<' || c == 'P' || c == '\'' || c == '|' || c == '(' || c == 'C' || c == 'R' ||
           (c >= '0' && c <= '9') || c == '&' || c == '+';
}

/* Whether a pattern keeps its meaning inside a larger alternation: no
 * back references or named groups (numbering shifts), no verbs or \K, no
 * \Q that could run past its end, no x flag (a # comment would). */
static int combinable(const struct rule *r)
{
    if (r->flags & PCRE2_EXTENDED)
        return 0;
    if (r->flags & PCRE2_LITERAL)
        return 1;
    return !rules_pattern_has(r->pattern, "gkKQ", uncombinable_group);
}

void rules_escape(struct buf *b, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] && strchr("\\^$.|?*+()[]{}#", p[i]))
            buf_putc(b, '\\');
        buf_putc(b, p[i]);
    }
}

int rules_required_byte(const pcre2_code *code, int *later)
{
    uint32_t type = 0, unit = 0, first = 0;
    int has_first = pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 &&
                    type == 1 && pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &first) == 0;
    *later = 0;
    /* a letter may match in another case: only other bytes are sure */
    if (pcre2_pattern_info(code, PCRE2_INFO_LASTCODETYPE, &type) == 0 && type == 1 &&
        pcre2_pattern_info(code, PCRE2_INFO_LASTCODEUNIT, &unit) == 0 && unit < 256 &&
        !((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z') && unit != ' ') {
        *later = !has_first || unit != first;
        return (int)unit;
    }
    unit = first;
    if (has_first && unit < 256 && !((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z') && unit != ' ')
        return (int)unit;
    return -1;
}

int rules_anchored(const struct rule *r)
{
    uint32_t opts = 0;
    pcre2_pattern_info(r->code, PCRE2_INFO_ALLOPTIONS, &opts);
    return (opts & PCRE2_ANCHORED) != 0;
}

const uint8_t *rules_first_bytes(const struct rule *r)
{
    const uint8_t *map = NULL;
    if (!rules_anchored(r) || pcre2_pattern_info(r->code, PCRE2_INFO_FIRSTBITMAP, &map) != 0)
        return NULL;
    return map;
}

pcre2_code *rules_join(const struct rule_set *rs, const unsigned char *member, int a, int *jit)
{
    *jit = 0;
    struct buf b = BUF_INIT;
    size_t members = 0;
    for (size_t i = rs->first[a]; i < rs->first[a + 1]; i++) {
        const struct rule *r = &rs->rules[i];
        if (!member[i])
            continue;
        char head[48];
        snprintf(head, sizeof head, "%s(*MARK:%zu)(?%s:", members ? "|" : "", i,
                 (r->flags & PCRE2_CASELESS) ? "i" : "");
        buf_append(&b, head, strlen(head));
        if (r->flags & PCRE2_LITERAL)
            rules_escape(&b, r->pattern, strlen(r->pattern));
        else
            buf_append(&b, r->pattern, strlen(r->pattern));
        buf_putc(&b, ')');
        members++;
    }
    pcre2_code *code = NULL;
    if (members) {
        int ec;
        PCRE2_SIZE eo;
        code = pcre2_compile((PCRE2_SPTR)b.p, b.len, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
        if (code && !rs->no_jit)
            *jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    }
    buf_free(&b);
    return code;
}

/* Join the combinable rules of action a in view v that are (kind 0) or
 * are not (kind 1) anchored at the start. */
static void combine(const struct rule_set *rs, struct rule_view *v, int a, int kind)
{
    unsigned char *member = xcalloc(rs->n ? rs->n : 1, 1);
    size_t members = 0;
    for (size_t i = rs->first[a]; i < rs->first[a + 1]; i++) {
        member[i] = v->in[i] && !v->standalone[i] && rules_anchored(&rs->rules[i]) == (kind == 0);
        members += member[i];
    }
    int jit = 0;
    pcre2_code *code = members >= 2 ? rules_join(rs, member, a, &jit) : NULL;
    v->combined[a][kind] = code;
    v->combined_jit[a][kind] = (unsigned char)jit;
    if (!code) /* one rule, or the join did not compile: match on their own */
        for (size_t i = rs->first[a]; i < rs->first[a + 1]; i++)
            if (member[i])
                v->standalone[i] = 2;
    free(member);
}

/* The view of the rules for documents of language lang (-1: none). */
static void make_view(struct rule_set *rs, struct rule_view *v, int lang)
{
    size_t n = rs->n ? rs->n : 1;
    v->in = xcalloc(n, 1);
    v->standalone = xcalloc(n, 1);
    for (size_t i = 0; i < rs->n; i++) {
        v->in[i] = rs->rules[i].lang < 0 || rs->rules[i].lang == lang;
        /* the view's rules that no view made before holds: JIT failure is
           not an error, the interpreter matches the same (a rule of a
           view already made is only read here, so threads matching with
           that view never see it written) */
        struct rule *r = &rs->rules[i];
        if (v->in[i] && r->jit == 0)
            r->jit = !rs->no_jit && pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0 ? 1 : -1;
        v->standalone[i] = !combinable(&rs->rules[i]);
        /* an unanchored rule with a byte it needs is cheaper alone: most
           lines lack the byte and are not tried at all, while in a joined
           alternation every position of every line is. So is an anchored
           one whose byte is not its first: the gate looks at a line's
           first character only, and "^Name / Agency$" would otherwise be
           tried on every line that starts with a capital, across its
           first words, when few lines hold a "/" at all */
        if (rs->rules[i].required >= 0 &&
            (!rules_anchored(&rs->rules[i]) || rs->rules[i].required_later))
            v->standalone[i] = 1;
        /* a site pack's rule is tried alone, where it is asked whether it
           applies to the document's site: the joined alternations and the
           gate then hold for every document, with a site or without */
        if (rs->rules[i].site)
            v->standalone[i] = 1;
    }
    for (int a = 0; a < ACTION_COUNT; a++) {
        combine(rs, v, a, 0);
        combine(rs, v, a, 1);
    }
    v->alone = xcalloc(n, sizeof *v->alone);
    v->alone_nosite = xcalloc(n, sizeof *v->alone_nosite);
    size_t na = 0, nn = 0;
    for (int a = 0; a < ACTION_COUNT; a++) {
        v->alone_first[a] = na;
        v->alone_nosite_first[a] = nn;
        for (size_t i = rs->first[a]; i < rs->first[a + 1]; i++) {
            if (!v->in[i] || !v->standalone[i])
                continue;
            v->alone[na++] = i;
            if (!rs->rules[i].site)
                v->alone_nosite[nn++] = i;
        }
    }
    v->alone_first[ACTION_COUNT] = na;
    v->alone_nosite_first[ACTION_COUNT] = nn;
}

void rules_view_free(struct rule_view *v)
{
    if (!atomic_load(&v->ready))
        return;
    for (int a = 0; a < ACTION_COUNT; a++) {
        pcre2_code_free(v->combined[a][0]);
        pcre2_code_free(v->combined[a][1]);
    }
    free(v->in);
    free(v->standalone);
    free(v->alone);
    free(v->alone_nosite);
    memset(v, 0, sizeof *v);
}

void rules_finish(struct rule_set *rs)
{
    /* insertion sort keeps the order of definition within each action */
    for (size_t i = 1; i < rs->n; i++) {
        struct rule r = rs->rules[i];
        size_t j = i;
        while (j > 0 && rs->rules[j - 1].action > r.action) {
            rs->rules[j] = rs->rules[j - 1];
            j--;
        }
        rs->rules[j] = r;
    }
    size_t k = 0;
    for (int a = 0; a < ACTION_COUNT; a++) {
        rs->first[a] = k;
        while (k < rs->n && rs->rules[k].action == (enum rule_action)a)
            k++;
    }
    rs->first[ACTION_COUNT] = rs->n;
    rules_langs_finish(rs);
    rs->views = xcalloc(rs->nlangs + 1, sizeof *rs->views);
    pthread_mutex_init(&rs->views_lock, NULL);
    make_view(rs, &rs->views[0], -1);
    atomic_store_explicit(&rs->views[0].ready, 1, memory_order_release);
}

const struct rule_view *rules_view(const struct rule_set *rs, size_t v)
{
    struct rule_view *view = &rs->views[v];
    if (atomic_load_explicit(&view->ready, memory_order_acquire))
        return view;
    /* the set is shared read-only; only a view not yet made is written,
       once, under the lock */
    struct rule_set *w = (struct rule_set *)rs;
    pthread_mutex_lock(&w->views_lock);
    if (!atomic_load_explicit(&view->ready, memory_order_relaxed)) {
        make_view(w, view, (int)v - 1);
        atomic_store_explicit(&view->ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(&w->views_lock);
    return view;
}

/* --- matching --------------------------------------------------------- */

enum { GATE_AFTER_LINES = 2000 }; /* default matcher.gate_after */

void rules_matcher_init(struct rule_matcher *m, const struct rule_set *rs,
                        const struct rule_limits *lim)
{
    memset(m, 0, sizeof *m);
    m->rs = rs;
    m->md = pcre2_match_data_create(4, NULL);
    m->mctx = pcre2_match_context_create(NULL);
    if (!m->md || !m->mctx)
        xalloc_die_errno();
    pcre2_set_match_limit(m->mctx, lim->match_limit);
    pcre2_set_depth_limit(m->mctx, lim->depth_limit);
    pcre2_set_heap_limit(m->mctx, lim->heap_limit_kib);
    size_t n = rs->n ? rs->n : 1;
    m->hits = xcalloc(n, sizeof *m->hits);
    m->limit_hits = xcalloc(n, sizeof *m->limit_hits);
    m->attempts = xcalloc(n, sizeof *m->attempts);
    m->ns = xcalloc(n, sizeof *m->ns);
    m->gates = xcalloc(rs->nlangs + 1, sizeof *m->gates);
    m->gate_made = xcalloc(rs->nlangs + 1, 1);
    m->gate_after = GATE_AFTER_LINES;
}

void rules_matcher_free(struct rule_matcher *m)
{
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mctx);
    free(m->hits);
    free(m->limit_hits);
    free(m->attempts);
    free(m->ns);
    for (size_t v = 0; m->gates && v <= m->rs->nlangs; v++)
        rules_gate_free(m->gates[v]);
    free(m->gates);
    free(m->gate_made);
    memset(m, 0, sizeof *m);
}

void rules_matcher_on_limit(struct rule_matcher *m,
                            void (*fn)(void *ctx, const struct rule *r, int pcre_error),
                            void *ctx, int every)
{
    m->on_limit = fn;
    m->on_limit_ctx = ctx;
    m->limit_every = every;
}

void rules_matcher_set_profile(struct rule_matcher *m, int profile)
{
    m->profile = profile;
}

int rules_matcher_profiling(const struct rule_matcher *m)
{
    return m->profile;
}

void rules_matcher_set_view(struct rule_matcher *m, size_t view)
{
    m->view = view;
}

size_t rules_matcher_view(const struct rule_matcher *m)
{
    return m->view;
}

void rules_matcher_set_site(struct rule_matcher *m, const char *site)
{
    m->site = site;
}

const char *rules_matcher_site(const struct rule_matcher *m)
{
    return m->site;
}

unsigned long long rules_matcher_limit_events(const struct rule_matcher *m)
{
    return m->limit_events;
}

void rules_matcher_count(struct rule_matcher *m, const struct rule *r)
{
    m->hits[r - m->rs->rules]++;
}

struct rule_counts rules_counts(struct rule_matcher *const *m, size_t nm, size_t rule)
{
    struct rule_counts c = { 0, 0, 0, 0 };
    for (size_t k = 0; k < nm; k++) {
        c.hits += m[k]->hits[rule];
        c.limit_hits += m[k]->limit_hits[rule];
        c.attempts += m[k]->attempts[rule];
        c.ns += m[k]->ns[rule];
    }
    return c;
}

void rules_describe_limit(const struct rule *r, int pcre_error, struct buf *where,
                          struct buf *msg)
{
    PCRE2_UCHAR err[160];
    pcre2_get_error_message(pcre_error, err, sizeof err);
    char line[32];
    snprintf(line, sizeof line, ":%u", r->line);
    buf_set(where, r->file, strlen(r->file));
    buf_append(where, line, strlen(line));
    buf_cstr(where);
    buf_set(msg, "rule '", 6);
    buf_append(msg, r->name, strlen(r->name));
    buf_append(msg, "': ", 3);
    buf_append(msg, (const char *)err, strlen((const char *)err));
    buf_append(msg, "; treated as not matching", strlen("; treated as not matching"));
    buf_cstr(msg);
}

/* A rule tagged with a site applies to that site and its subdomains. */
static int site_applies(const char *tag, const char *host)
{
    if (!tag)
        return 1;
    if (!host)
        return 0;
    size_t t = strlen(tag), h = strlen(host);
    if (h == t)
        return !strcmp(tag, host);
    return h > t && host[h - t - 1] == '.' && !strcmp(host + h - t, tag);
}

/* One match of code against the line: straight into its JIT code when it
 * has some (pcre2_jit_match skips pcre2_match's checks of the options and
 * the subject, which a line always passes: valid UTF-8, no options; the
 * match limit applies the same), else by the interpreter. */
static int run_from(const struct rule_matcher *m, const pcre2_code *code, int jit, const char *s,
                    size_t n, size_t from)
{
    if (jit)
        return pcre2_jit_match(code, (PCRE2_SPTR)s, n, from, 0, m->md, m->mctx);
    return pcre2_match(code, (PCRE2_SPTR)s, n, from, PCRE2_NO_UTF_CHECK, m->md, m->mctx);
}

static int run(const struct rule_matcher *m, const pcre2_code *code, int jit, const char *s,
               size_t n)
{
    return run_from(m, code, jit, s, n, 0);
}

/* Where rule r is tried from on s: its tail when its matches end the line
 * and span a few characters (rules_tail.c), else the start. */
static size_t tail_start(const struct rule *r, const char *s, size_t n)
{
    return r->tail ? rules_tail_start(r->tail, s, n) : 0;
}

/* Whether byte b is in the line s[0..n) being matched (looked for once a
 * line). */
static int line_has(struct rule_matcher *m, const char *s, size_t n, uint8_t b)
{
    uint64_t bit = 1ULL << (b & 63);
    unsigned w = b >> 6;
    if (!(m->req_known[w] & bit)) {
        m->req_known[w] |= bit;
        if (memchr(s, b, n))
            m->req_seen[w] |= bit;
    }
    return (m->req_seen[w] & bit) != 0;
}

/* Rule i of view v on its own. */
static int try_rule(struct rule_matcher *m, const struct rule_view *v, size_t i, const char *s,
                    size_t n)
{
    const struct rule *r = &m->rs->rules[i];
    if (!v->in[i] || (r->site && !site_applies(r->site, m->site)))
        return 0;
    if (r->required >= 0 && !m->profile && !line_has(m, s, n, (uint8_t)r->required))
        return 0;
    if (r->first_bytes && !m->profile && n &&
        !(r->first_bytes[(uint8_t)s[0] >> 3] & (1u << ((uint8_t)s[0] & 7))))
        return 0;
    m->attempts[i]++;
    struct timespec t0, t1;
    if (m->profile)
        clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = run_from(m, r->code, r->jit > 0, s, n, tail_start(r, s, n));
    if (m->profile) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        m->ns[i] += (unsigned long long)((t1.tv_sec - t0.tv_sec) * 1000000000LL +
                                         (t1.tv_nsec - t0.tv_nsec));
    }
    if (rc >= 0) {
        m->hits[i]++;
        return 1;
    }
    if (rc != PCRE2_ERROR_NOMATCH) {
        m->limit_events++;
        if ((m->limit_hits[i]++ == 0 || m->limit_every) && m->on_limit)
            m->on_limit(m->on_limit_ctx, r, rc);
    }
    return 0;
}

/* Run one joined alternation: 1 with *marked set when a member matches,
 * 0 when none does, -1 when it hit a limit. */
static int try_joined(struct rule_matcher *m, const pcre2_code *code, int jit, const char *s,
                      size_t n, size_t *marked)
{
    int rc = run(m, code, jit, s, n);
    if (rc >= 0) {
        *marked = (size_t)strtoul((const char *)pcre2_get_mark(m->md), NULL, 10);
        return 1;
    }
    return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

/* The first rule of action a, in load order, that matches. The joined
 * alternations only say whether, and one rule that does; the rules before
 * that one are then asked on their own, so the answer is the same as
 * trying every rule in order. */
static const struct rule *match_action(struct rule_matcher *m, int a, const char *s, size_t n,
                                       const struct gate_set *gate)
{
    const struct rule_set *rs = m->rs;
    const struct rule_view *v = rules_view(rs, m->view);
    size_t lo = rs->first[a], hi = rs->first[a + 1];
    if (lo == hi)
        return NULL;
    int joined = !m->profile;
    size_t upto = hi, k;
    int limit = 0;
    for (int kind = 0; joined && kind < 2; kind++) {
        const pcre2_code *code = v->combined[a][kind];
        int jit = v->combined_jit[a][kind];
        if (!code)
            continue;
        /* the anchored rules that cannot start with this line's first
           character are left out; none left: nothing to run */
        if (kind == 0 && gate && !(code = rules_gate_joined(gate, a, &jit)))
            continue;
        int rc = try_joined(m, code, jit, s, n, &k);
        if (rc > 0 && k < upto)
            upto = k;
        limit |= rc < 0;
    }
    if (!joined || limit) {
        for (size_t i = lo; i < hi; i++)
            if (try_rule(m, v, i, s, n))
                return &rs->rules[i];
        return NULL;
    }
    /* rules before upto: the standalone ones, and joined ones that may
       also match; rule upto itself is known to match */
    if (upto == hi) {
        const size_t *alone = m->site ? v->alone : v->alone_nosite;
        const size_t *first = m->site ? v->alone_first : v->alone_nosite_first;
        for (size_t j = first[a]; j < first[a + 1]; j++)
            if (try_rule(m, v, alone[j], s, n))
                return &rs->rules[alone[j]];
        return NULL;
    }
    for (size_t i = lo; i < upto; i++)
        if (try_rule(m, v, i, s, n))
            return &rs->rules[i];
    if (upto < hi) {
        m->hits[upto]++;
        return &rs->rules[upto];
    }
    return NULL;
}

const struct rule *rules_match(struct rule_matcher *m, const char *s, size_t n)
{
    const struct gate_set *gate = NULL;
    memset(m->req_known, 0, sizeof m->req_known);
    memset(m->req_seen, 0, sizeof m->req_seen);
    /* partial matches and joins for every new first character cost more
       than a short run saves: a page or two go without the gate */
    if (m->matched++ >= m->gate_after && !m->profile && n > 0) {
        if (!m->gate_made[m->view]) {
            m->gates[m->view] = rules_gate_new(m->rs, rules_view(m->rs, m->view));
            m->gate_made[m->view] = 1;
        }
        if (m->gates[m->view]) {
            uint32_t first;
            text_decode(s, n, &first);
            gate = rules_gate_find(m->gates[m->view], m->md, m->mctx, first);
        }
    }
    for (int a = 0; a < ACTION_COUNT; a++) {
        const struct rule *r = match_action(m, a, s, n, gate);
        if (r)
            return r;
    }
    return NULL;
}
