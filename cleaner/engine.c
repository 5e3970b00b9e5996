/* engine: layout, paragraphs, rules, detectors and the window for one
 * document (engine.h). */
#include "engine.h"
#include "engine_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "lang.h"
#include "text.h"
#include "xalloc.h"

static size_t ring_slots(size_t cap)
{
    size_t slots = 1;
    while (slots < cap)
        slots *= 2;
    return slots;
}

void engine_init(struct engine *e, const struct rule_set *rs, struct rule_matcher *m,
                 engine_emit_fn emit, void *ctx)
{
    memset(e, 0, sizeof *e);
    e->rs = rs;
    e->m = m;
    e->emit = emit;
    e->emit_ctx = ctx;
    e->doc.cfg = &rs->det;
    e->lang = -1;
    e->doc.win.cap = rs->det.window;
    size_t slots = ring_slots(e->doc.win.cap);
    e->doc.win.mask = slots - 1;
    e->doc.win.slot = xcalloc(slots, sizeof *e->doc.win.slot);
    e->lines.mask = slots - 1;
    e->lines.slot = xcalloc(slots, sizeof *e->lines.slot);
    article_init(&e->art);
}

void engine_free(struct engine *e)
{
    for (size_t i = 0; e->doc.win.slot && i <= e->doc.win.mask; i++) {
        buf_free(&e->doc.win.slot[i].norm);
        buf_free(&e->doc.win.slot[i].words);
    }
    for (size_t i = 0; e->lines.slot && i <= e->lines.mask; i++) {
        buf_free(&e->lines.slot[i].raw);
        buf_free(&e->lines.slot[i].norm);
        spill_free(e->lines.slot[i].spill);
    }
    spill_free(e->filling);
    buf_free(&e->long_head);
    free(e->doc.win.slot);
    free(e->lines.slot);
    buf_free(&e->doc.scratch);
    free(e->doc.hashes);
    article_free(&e->art);
    buf_free(&e->scratch);
    buf_free(&e->join);
    buf_free(&e->reading);
    buf_free(&e->markup);
    memo_free(&e->memo);
    memset(e, 0, sizeof *e);
}

void engine_set_memo(struct engine *e, size_t slots)
{
    memo_free(&e->memo);
    if (rules_matcher_profiling(e->m))
        slots = 0;
    memo_init(&e->memo, slots, 120, 1024);
}

void engine_configure(struct engine *e, const struct engine_settings *s)
{
    e->set = *s;
}

unsigned long long engine_take_repairs(struct engine *e)
{
    unsigned long long k = e->utf8_repairs;
    e->utf8_repairs = 0;
    return k;
}

void engine_take_memo_counts(struct engine *e, unsigned long long *lookups,
                             unsigned long long *hits)
{
    *lookups = e->memo.lookups;
    *hits = e->memo.hits;
    e->memo.lookups = e->memo.hits = 0;
}

void engine_begin(struct engine *e)
{
    struct doc *d = &e->doc;
    spill_free(e->filling); /* a line in parts that never ended */
    e->filling = NULL;
    d->win.base = d->win.next = 0;
    d->last_text = 0;
    d->suffixed.seq1 = 0;
    memset(&d->teaser, 0, sizeof d->teaser);
    article_begin(&e->art);
    e->lines.base = e->lines.next = e->lines.para_from = 0;
    e->lines.input = 0;
    e->layout_known = 0;
    memset(&e->layout, 0, sizeof e->layout);
    e->lang = -1;
    d->cfg = &e->rs->det;
    rules_matcher_set_view(e->m, 0);
}

const struct layout *engine_layout(const struct engine *e)
{
    return &e->layout;
}

const char *engine_language(const struct engine *e)
{
    return e->lang >= 0 ? e->rs->langs[e->lang].code : NULL;
}


/* A buffer of a slot that is used again and again gives back memory a
 * rare long line made it take: the window's memory then stays near the
 * window times the usual line, not times the longest line ever held. */
static void trim_buf(struct buf *b)
{
    if (b->cap > ENGINE_SLOT_KEEP)
        buf_free(b);
}

/* Which lines of kept Markdown paragraph l have nothing a reader sees
 * (byte k of the result set, in e->markup): the syntax, tags and
 * attributes pandoc and python3 html2text wrap onto lines of their own.
 * None when no line would be left. */
static const unsigned char *markup_lines(struct engine *e, const struct line_rec *l)
{
    e->markup.len = 0;
    buf_reserve(&e->markup, l->nlines);
    unsigned char *markup = (unsigned char *)e->markup.p;
    unsigned left = 0;
    for (unsigned k = 0; k < l->nlines; k++) {
        const struct phys_line *p = phys_at(e, l->line0 + k);
        markup[k] = !p->spill && layout_markup_only(p->raw.p, p->raw.len, &e->reading);
        left += !markup[k];
    }
    if (!left)
        memset(markup, 0, l->nlines);
    return markup;
}

/* Hand out the lines of paragraph l. */
static void emit_para(struct engine *e, struct line_rec *l)
{
    /* a kept Markdown paragraph's lines of syntax only are dropped */
    int check = l->v == V_KEEP && l->nlines > 1 && e->layout.kind == LAYOUT_MARKDOWN;
    const unsigned char *markup = check ? markup_lines(e, l) : NULL;
    unsigned kept = 0;
    for (unsigned k = 0; k < l->nlines; k++) {
        struct phys_line *p = phys_at(e, l->line0 + k);
        struct line_out o;
        o.seq = p->line_no;
        o.v = l->v;
        o.why = l->why;
        if (check && markup[k]) {
            o.v = V_DROP;
            o.why = "markup";
        }
        /* a paragraph with nothing a reader sees (Markdown syntax only, an
           image's address, invisible characters) stands as a blank line
           for the article's choice, but its lines had text: dropped */
        if (l->v == V_BLANK && !p->shape.blank) {
            o.v = V_DROP;
            o.why = "no-text";
        }
        o.text = p->has_norm ? p->norm.p : l->norm.p;
        o.len = p->has_norm ? p->norm.len : l->norm.len;
        o.raw = e->set.keep_raw ? p->raw.p : NULL;
        o.raw_len = p->raw.len;
        o.para = l;
        o.part = o.v == V_KEEP ? kept++ : k; /* the first kept line is part 0 */
        o.spill = p->spill;
        if (p->spill) {
            o.text = o.raw = "";
            o.len = 0;
            o.raw_len = (size_t)spill_len(p->spill);
        }
        e->emit(e->emit_ctx, &o);
        for (unsigned long long f = 1; f <= p->folded; f++) { /* the same empty line */
            o.seq = p->line_no + f;
            e->emit(e->emit_ctx, &o);
        }
        spill_free(p->spill);
        p->spill = NULL;
        trim_buf(&p->raw);
        trim_buf(&p->norm);
    }
    e->lines.base = l->line0 + l->nlines;
}

/* Hand out the paragraphs before seq upto (their verdicts are final). */
static void emit_upto(struct engine *e, unsigned long long upto)
{
    struct doc *d = &e->doc;
    while (d->win.base < upto && d->win.base < d->win.next) {
        emit_para(e, doc_line(d, d->win.base));
        d->win.base++;
    }
}

/* What the rules say of line l (r matched it): a drop rule drops it; a cut
 * or block rule drops it and marks it as a tail or box header for the
 * article's choice. Then the line detectors run. */
static void classify(struct engine *e, struct line_rec *l, const struct rule *r)
{
    struct doc *d = &e->doc;
    if (r && r->action == ACTION_KEEP)
        return;
    if (r) {
        doc_drop(l, r->name);
        if (r->action == ACTION_CUT) {
            l->flags |= LF_CUT;
        } else if (r->action == ACTION_BLOCK) {
            l->flags |= LF_BLOCK;
        } else if (r->action == ACTION_SUMMARY) {
            l->flags |= LF_SUMMARY;
        } else if (r->action == ACTION_CREDIT) {
            /* the photo's caption stands right above its credit (a
               heading there is the title over a photo with no caption;
               an address there is the photo itself, as Debian html2text
               writes one with no alt text: "[//host/a.jpeg]") */
            struct line_rec *p = doc_before(d, l);
            if (p && p->v == V_PENDING && p->seq + 3 > l->seq && !(p->flags & LF_HEADING) &&
                !memmem(p->norm.p, p->norm.len, "//", 2))
                p->flags |= LF_CAPTION;
        }
    }
    for (int k = 0; k < e->nline_fn; k++)
        e->line_fn[k](d, l);
}

/* Whether the lines [from, to] are blank: a blank paragraph. */
static int blank_lines(struct engine *e, unsigned long long from, unsigned long long to)
{
    for (unsigned long long s = from; s <= to; s++)
        if (!phys_at(e, s)->shape.blank)
            return 0;
    return 1;
}


/* After the end of the article (in an earlier window) with no keep rules
 * in the set a line is dropped whatever it says: it is not normalised. */
static int fast_ended(const struct engine *e)
{
    return e->art.state == ART_ENDED && !e->set.show_dropped && !e->set.all_rule_hits &&
           e->rs->first[ACTION_KEEP + 1] == e->rs->first[ACTION_KEEP];
}

/* The physical lines [from, to] as the next paragraph. */
static void make_para(struct engine *e, unsigned long long from, unsigned long long to)
{
    struct doc *d = &e->doc;
    unsigned long long seq = d->win.next++;
    struct line_rec *l = doc_line(d, seq);
    /* the slot's last paragraph is gone (a later line may still look back
       at a paragraph handed out, so its text is kept until now) */
    trim_buf(&l->norm);
    trim_buf(&l->words);
    l->seq = seq;
    l->line0 = from;
    l->nlines = (unsigned)(to - from + 1);
    l->head_words = 0;
    l->prev = d->last_text;
    l->prev_rec = d->last_text_rec;
    l->flags = 0;
    l->why = NULL;
    l->words_made = 0;
    if (blank_lines(e, from, to)) {
        l->norm.len = 0;
        l->head = 0;
        memset(&l->f, 0, sizeof l->f);
        l->v = V_BLANK;
        l->why = "blank";
        return;
    }
    if (from == to && phys_at(e, from)->spill) { /* judged without its text */
        l->norm.len = 0;
        l->head = 0;
        memset(&l->f, 0, sizeof l->f);
        l->v = V_DROP;
        l->why = "too-long";
        l->flags = LF_TOO_LONG;
        d->last_text = seq + 1;
        d->last_text_rec = l;
        return;
    }
    if (fast_ended(e)) {
        l->norm.len = 0;
        l->head = 0;
        memset(&l->f, 0, sizeof l->f);
        l->v = V_DROP;
        l->why = e->art.end_why;
        d->last_text = seq + 1;
        d->last_text_rec = l;
        return;
    }
    const struct rule *r = engine_para_text(e, l, from, to);
    if (e->layout.kind == LAYOUT_SPLIT && to > from)
        l->flags |= LF_PIECES;
    l->head = doc_head(l->norm.p, l->norm.len);
    if (l->norm.len == 0) {
        l->v = V_BLANK;
        l->why = "blank";
        return;
    }
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
    }
    /* an image, or nothing but links (a menu, a teaser's title; a heading
       may be a link to the article itself); markup a tool let through,
       starting with an attribute ("id='ad_' + id" class="ad_zone">) or
       script ("reportid: '', // the comment's id") */
    if ((phys_at(e, from)->shape.attribute || phys_at(e, from)->shape.script) &&
        !(l->flags & LF_PROTECTED)) {
        doc_drop(l, "markup");
        l->flags |= LF_MARKUP;
    }
    else if (from < e->layout.head_lines && !(l->flags & LF_PROTECTED))
        doc_drop(l, "link"); /* lynx's list of the page's <link>s */
    else if (l->flags & LF_IMAGE)
        doc_drop(l, "image");
    else if ((l->flags & LF_LINK) && !(l->flags & LF_HEADING))
        doc_drop(l, "link");
    classify(e, l, r);
}

/* Put the lines read so far into paragraphs: a paragraph is closed when
 * the line after it does not go on with it (or at the end: all). */
static void assemble(struct engine *e, int all)
{
    unsigned long long from = e->lines.para_from, next = e->lines.next;
    unsigned long long start = from;
    for (unsigned long long s = from; s < next; s++) {
        if (s == start)
            continue;
        const struct line_shape *a = &phys_at(e, s - 1)->shape, *b = &phys_at(e, s)->shape;
        /* a too-long line stands alone */
        if (phys_at(e, s - 1)->spill || phys_at(e, s)->spill ||
            !layout_continues(&e->layout, &phys_at(e, start)->shape, a, b, (unsigned)(s - start))) {
            make_para(e, start, s - 1);
            start = s;
        }
    }
    /* the last paragraph stays open for a line that may go on with it,
       unless it is blank or the document ends */
    if (start < next && (all || phys_at(e, next - 1)->shape.blank)) {
        make_para(e, start, next - 1);
        start = next;
    }
    e->lines.para_from = start;
}

/* The language of the document from the words of the lines held: long
 * lines first (running text), then the others if those are too few.
 * Markdown is read as a reader sees it (a link's address has "www" and
 * "no" in it). */
static int recognise_language(struct engine *e)
{
    struct lang_sample s;
    memset(&s, 0, sizeof s);
    for (int pass = 0; pass < 2 && s.words < LANG_SAMPLE_WORDS / 8; pass++)
        for (unsigned long long i = e->lines.base; i < e->lines.next && s.words < LANG_SAMPLE_WORDS; i++) {
            struct phys_line *p = phys_at(e, i);
            int long_line = p->shape.width >= 40;
            if (p->shape.blank || p->shape.code || long_line != (pass == 0))
                continue;
            engine_normalize_line(e, p);
            const char *t = p->norm.p;
            size_t tn = p->norm.len;
            if (e->layout.kind == LAYOUT_MARKDOWN) { /* as read: no addresses */
                layout_markdown_text(t, tn, &e->join);
                t = e->join.p;
                tn = e->join.len;
            }
            if (lang_sample_add(e->rs, &s, t, tn, &e->scratch))
                return lang_pick(e->rs, &s);
        }
    return lang_pick(e->rs, &s);
}

/* How the document was made and what language it is in: read from the
 * lines held, before any of them is put into a paragraph. */
static void decide_layout(struct engine *e)
{
    size_t n = (size_t)(e->lines.next - e->lines.base);
    const struct line_shape **shapes = xmalloc((n ? n : 1) * sizeof *shapes);
    for (size_t i = 0; i < n; i++)
        shapes[i] = &phys_at(e, e->lines.base + i)->shape;
    layout_decide(&e->layout, shapes, n, e->set.force_layout);
    if (e->layout.head_lines) /* counted from the first line held */
        e->layout.head_lines += (size_t)e->lines.base;
    free(shapes);
    e->layout_known = 1;
    if (e->set.force_lang)
        e->lang = e->set.force_lang < 0 ? -1 : e->set.force_lang - 1;
    else
        e->lang = e->rs->nlangs ? recognise_language(e) : -1;
    e->doc.cfg = e->lang >= 0 ? &e->rs->langs[e->lang].det : &e->rs->det;
    rules_matcher_set_view(e->m, (size_t)(e->lang + 1));
    /* a language pack may switch detectors on or off */
    e->nline_fn = 0;
    for (int k = 0; k < DET_COUNT; k++)
        if (detectors[k].line && e->doc.cfg->on[k])
            e->line_fn[e->nline_fn++] = detectors[k].line;
}

/* The window is full: the older half is decided now and handed out. */
static void make_room(struct engine *e)
{
    struct doc *d = &e->doc;
    if (!e->layout_known)
        decide_layout(e);
    assemble(e, 0);
    if (d->win.base == d->win.next)
        assemble(e, 1); /* a paragraph as long as the window: closed here */
    emit_upto(e, article_decide(&e->art, d, 0));
}

void engine_push_part(struct engine *e, const char *part, size_t len)
{
    if (!e->filling) {
        e->filling = spill_new(e->set.show_dropped);
        e->long_head.len = 0;
        if (e->lines.next == 0 && len >= 3 && !memcmp(part, "\xEF\xBB\xBF", 3)) {
            part += 3;
            len -= 3;
        }
    }
    size_t room = ENGINE_LONG_HEAD - e->long_head.len;
    buf_append(&e->long_head, part, len < room ? len : room);
    spill_write(e->filling, part, len);
}

/* The next physical line: its bytes (for a too-long line, its head) and,
 * for a too-long line, where all of it is. */
static void push_line(struct engine *e, const char *line, size_t len, struct spill *spill)
{
    /* an empty line after an empty line still held: the same line again
       (nothing reads how many: blank lines end paragraphs, and one does) */
    if (len == 0 && !spill && e->lines.next > e->lines.base) {
        struct phys_line *prev = phys_at(e, e->lines.next - 1);
        if (prev->raw.len == 0 && !prev->spill && prev->shape.blank) {
            prev->folded++;
            e->lines.input++;
            return;
        }
    }
    if (e->lines.next - e->lines.base == e->doc.win.cap)
        make_room(e);
    unsigned long long seq = e->lines.next++;
    struct phys_line *p = phys_at(e, seq);
    if (seq == 0 && !spill && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
        line += 3;
        len -= 3;
    }
    buf_set(&p->raw, line, len);
    p->line_no = e->lines.input++;
    p->folded = 0;
    p->has_norm = 0;
    p->repairs = 0;
    p->spill = spill;
    /* a line seen before: its shape from the memo (menus, footers) */
    const struct memo_slot *ms = len ? memo_lookup(&e->memo, line, len) : NULL;
    if (ms && ms->has_shape)
        p->shape = ms->shape;
    else
        layout_shape(line, len, &p->shape);
    /* the layout and the language are decided on the whole document, or
       on as much of it as the window holds */
    if (!e->layout_known)
        return;
    assemble(e, 0);
}

void engine_push(struct engine *e, const char *line, size_t len)
{
    if (!e->filling && len <= ENGINE_LONG_LINE) {
        push_line(e, line, len, NULL);
        return;
    }
    /* a too-long line (in parts, or whole from memory: the same verdict
       either way) */
    engine_push_part(e, line, len);
    struct spill *s = e->filling;
    e->filling = NULL;
    push_line(e, e->long_head.p, text_whole_chars(e->long_head.p, e->long_head.len), s);
}

void engine_push_text(struct engine *e, const char *text, size_t len)
{
    for (size_t i = 0, next; i < len; i += next)
        engine_push(e, text + i, io_line(text + i, len - i, &next));
}

void engine_end(struct engine *e)
{
    if (e->filling) /* the input ended inside a line in parts */
        engine_push(e, "", 0);
    if (!e->layout_known)
        decide_layout(e);
    assemble(e, 1);
    emit_upto(e, article_decide(&e->art, &e->doc, 1));
}
