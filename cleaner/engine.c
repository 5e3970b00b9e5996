/* engine: rules, detectors and the window for one document (engine.h). */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "text.h"
#include "xalloc.h"

void engine_init(struct engine *e, const struct rule_set *rs, struct rule_matcher *m,
                 engine_emit_fn emit, void *ctx)
{
    memset(e, 0, sizeof *e);
    e->rs = rs;
    e->m = m;
    e->emit = emit;
    e->emit_ctx = ctx;
    e->doc.cfg = &rs->det;
    for (int k = 0; k < DET_COUNT; k++)
        if (detectors[k].line && rs->det.on[k])
            e->line_fn[e->nline_fn++] = detectors[k].line;
    e->doc.win.cap = rs->det.window;
    size_t slots = 1;
    while (slots < e->doc.win.cap)
        slots *= 2;
    e->doc.win.mask = slots - 1;
    e->doc.win.slot = xcalloc(slots, sizeof *e->doc.win.slot);
}

void engine_free(struct engine *e)
{
    for (size_t i = 0; e->doc.win.slot && i <= e->doc.win.mask; i++) {
        buf_free(&e->doc.win.slot[i].raw);
        buf_free(&e->doc.win.slot[i].norm);
    }
    free(e->doc.win.slot);
    buf_free(&e->doc.headline);
    buf_free(&e->doc.scratch);
    free(e->doc.hashes);
    free(e->doc.words.key);
    free(e->doc.words.mark);
    buf_free(&e->scratch);
    memo_free(&e->memo);
    memset(e, 0, sizeof *e);
}

void engine_set_memo(struct engine *e, size_t slots)
{
    memo_free(&e->memo);
    if (e->m->profile || e->rs->has_site_rules)
        slots = 0;
    memo_init(&e->memo, slots, 1024);
}

void engine_begin(struct engine *e)
{
    struct doc *d = &e->doc;
    d->win.base = d->win.next = 0;
    d->phase = PHASE_PRE;
    d->end_why = NULL;
    d->block_active = 0;
    d->block_why = NULL;
    d->started = 0;
    d->last_text = 0;
    d->suffixed.seq1 = 0;
    d->has_headline = 0;
    d->headline.len = 0;
    memset(&d->body, 0, sizeof d->body);
    memset(&d->teaser, 0, sizeof d->teaser);
}

/* Hand out the oldest lines whose verdicts are final. */
static void emit_ready(struct engine *e, int all)
{
    struct doc *d = &e->doc;
    while (d->win.base < d->win.next) {
        struct line_rec *l = doc_line(d, d->win.base);
        if (!all) {
            if (l->v == V_PENDING || (l->flags & LF_HOLD))
                break;
            if (d->win.next - d->win.base - 1 < d->cfg->lookahead)
                break;
        }
        e->emit(e->emit_ctx, l);
        d->win.base++;
    }
}

static void apply_rule(struct doc *d, struct line_rec *l, const struct rule *r)
{
    doc_drop(l, r->name);
    int in_body = d->cfg->on[DET_BODY] ? d->phase == PHASE_BODY : d->started;
    if (r->action == ACTION_CUT && in_body) {
        if (d->cfg->on[DET_BODY]) {
            detect_body_cut(d, l, r->name);
        } else {
            d->phase = PHASE_ENDED;
            d->end_why = r->name;
        }
    } else if (r->action == ACTION_BLOCK && in_body) {
        d->block_active = 1;
        d->block_why = r->name;
    }
}

static void classify(struct engine *e, struct line_rec *l, const struct rule *r)
{
    struct doc *d = &e->doc;
    if (r && r->action == ACTION_KEEP)
        return;
    if (d->phase == PHASE_ENDED) {
        doc_drop(l, d->end_why);
        return;
    }
    if (r)
        apply_rule(d, l, r);
    if (d->phase == PHASE_ENDED)
        return;
    for (int k = 0; k < e->nline_fn; k++) {
        const char *end = e->line_fn[k](d, l);
        if (end) {
            detect_body_end(d, end);
            return;
        }
    }
    if (d->block_active) {
        if (l->v == V_PENDING && (l->flags & LF_GOOD))
            d->block_active = 0;
        else
            doc_drop(l, d->block_why);
    }
    detect_body_line(d, l);
}

/* A line after the end of the article with no keep rules in the set: it is
 * dropped whatever it says. Only blank lines are told apart; nothing is
 * normalised. */
static void ended_line(struct engine *e, struct line_rec *l, const char *raw)
{
    /* blank as the normal form would say (a line of NBSPs too), so the
       counts do not depend on --removed or --explain */
    int blank = text_is_blank(raw, l->raw.len);
    l->norm.len = 0;
    l->head = 0;
    l->flags = 0;
    memset(&l->f, 0, sizeof l->f);
    if (blank) {
        l->v = V_BLANK;
        l->why = "blank";
    } else {
        l->v = V_DROP;
        l->why = e->doc.end_why;
    }
}

void engine_push(struct engine *e, const char *line, size_t len)
{
    struct doc *d = &e->doc;
    if (d->win.next - d->win.base == d->win.cap) {
        detect_body_force(d, doc_line(d, d->win.base));
        struct line_rec *old = doc_line(d, d->win.base);
        e->emit(e->emit_ctx, old);
        d->win.base++;
    }
    unsigned long long seq = d->win.next++;
    struct line_rec *l = doc_line(d, seq);
    if (seq == 0 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
        line += 3;
        len -= 3;
    }
    l->seq = seq;
    l->prev = d->last_text;
    l->prev_rec = d->last_text_rec;
    /* the raw bytes are kept only for --keep-bytes; their length always */
    if (e->keep_raw)
        buf_set(&l->raw, line, len);
    l->raw.len = len;
    if (d->phase == PHASE_ENDED && !e->show_dropped && !e->all_rule_hits &&
        e->rs->first[ACTION_KEEP + 1] == e->rs->first[ACTION_KEEP]) {
        ended_line(e, l, line);
        if (l->v != V_BLANK) {
            d->last_text = seq + 1;
            d->last_text_rec = l;
        }
        emit_ready(e, 0);
        return;
    }
    l->flags = 0;
    l->why = NULL;
    int hit;
    struct memo_slot *ms = memo_find(&e->memo, line, len, &hit);
    const struct rule *r = NULL;
    if (hit) {
        /* the same bytes as a line before: the same normal form, shape and
           rule; only the rule's count moves */
        buf_set(&l->norm, ms->norm.p, ms->norm.len);
        l->f = ms->f;
        l->flags = ms->flags;
        e->utf8_repairs += ms->repairs;
        r = ms->rule;
        if (r)
            e->m->hits[r - e->rs->rules]++;
    } else {
        size_t repairs = detect_normalize(d->cfg, l, line, len, &e->scratch, &d->scratch);
        e->utf8_repairs += repairs;
        unsigned long long limits = e->m->limit_events;
        if (l->norm.len)
            r = rules_match(e->m, l->norm.p, l->norm.len);
        if (ms && e->m->limit_events == limits) {
            buf_set(&ms->raw, line, len);
            buf_set(&ms->norm, l->norm.p, l->norm.len);
            ms->f = l->f;
            ms->flags = l->flags;
            ms->repairs = repairs;
            ms->rule = r;
            ms->used = 1;
        } else if (ms) {
            ms->used = 0; /* a line that ran into a limit is matched each time */
        }
    }
    l->head = doc_head(l->norm.p, l->norm.len);
    if (l->norm.len == 0) {
        l->v = V_BLANK;
        l->why = "blank";
    } else {
        d->last_text = seq + 1;
        d->last_text_rec = l;
        if (seq == 0 || !doc_line(d, seq - 1) || doc_line(d, seq - 1)->v == V_BLANK)
            l->flags |= LF_AFTER_BLANK;
        l->v = V_PENDING;
        if (r && (r->action == ACTION_CAPTION || r->action == ACTION_LEAD)) {
            l->flags |= r->action == ACTION_CAPTION ? LF_CAPTION : LF_LEAD;
            r = NULL;
        }
        if (r && r->action != ACTION_KEEP)
            l->flags |= LF_RULE_HIT;
        if (r && r->action == ACTION_KEEP) {
            l->flags |= LF_PROTECTED;
            l->v = V_KEEP;
            l->why = r->name;
            d->started = 1;
        }
        classify(e, l, r);
    }
    emit_ready(e, 0);
}

void engine_push_text(struct engine *e, const char *text, size_t len)
{
    for (size_t i = 0, next; i < len; i += next)
        engine_push(e, text + i, io_line(text + i, len - i, &next));
}

void engine_end(struct engine *e)
{
    detect_body_finish(&e->doc);
    emit_ready(e, 1);
}
