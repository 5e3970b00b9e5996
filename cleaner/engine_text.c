/* engine_text: a paragraph's normal form, shape and rule (see
 * engine_internal.h): from the memo when its line was seen before, joined
 * from its lines, and with what a reader does not see taken out (Markdown
 * syntax, lynx's link marks, the bullets tools add). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "detect.h"
#include "engine.h"
#include "engine_internal.h"
#include "text.h"

/* The normal form of physical line p into p->norm (the memo's copy when
 * it holds the line). */
void engine_normalize_line(struct engine *e, struct phys_line *p)
{
    if (p->has_norm)
        return;
    const struct memo_slot *ms = memo_lookup(&e->memo, p->raw.p, p->raw.len);
    if (ms) {
        buf_set(&p->norm, ms->norm.p, ms->norm.len);
        p->repairs = ms->repairs;
    } else {
        p->repairs = text_normalize(p->raw.p, p->raw.len, &p->norm, &e->scratch);
    }
    e->utf8_repairs += p->repairs;
    p->has_norm = 1;
}

/* A paragraph made of one line: its normal form, shape and rule, from the
 * memo when the line was seen before. */
static const struct rule *fill_one(struct engine *e, struct line_rec *l, struct phys_line *p)
{
    struct doc *d = &e->doc;
    int hit = 0;
    /* a line's rule depends on the site where site packs are loaded: the
       memo answers only for documents without one (plain files), so that
       a verdict never crosses from one site to another */
    struct memo_slot *ms = e->rs->has_site_rules && rules_matcher_site(e->m)
                               ? NULL
                               : memo_find(&e->memo, p->raw.p, p->raw.len, &hit);
    const struct rule *r = NULL;
    if (hit && ms->view == rules_matcher_view(e->m)) {
        /* the same bytes as a line before, in a document of the same
           language: the same normal form, shape and rule; only the rule's
           count moves */
        buf_set(&l->norm, ms->norm.p, ms->norm.len);
        l->f = ms->f;
        l->flags = ms->flags;
        if (!p->has_norm) /* else counted when it was normalised */
            e->utf8_repairs += ms->repairs;
        r = ms->rule;
        if (r)
            rules_matcher_count(e->m, r);
        return r;
    }
    size_t repairs = 0;
    if (p->has_norm) { /* normalised already (the language sample) */
        buf_set(&l->norm, p->norm.p, p->norm.len);
        l->flags = 0;
        detect_features(d->cfg, l, &d->scratch);
        repairs = hit ? ms->repairs : p->repairs;
    } else {
        repairs = detect_normalize(d->cfg, l, p->raw.p, p->raw.len, &e->scratch, &d->scratch);
        e->utf8_repairs += repairs;
    }
    unsigned long long limits = rules_matcher_limit_events(e->m);
    if (l->norm.len)
        r = rules_match(e->m, l->norm.p, l->norm.len);
    if (ms && rules_matcher_limit_events(e->m) == limits) {
        buf_set(&ms->raw, p->raw.p, p->raw.len);
        buf_set(&ms->norm, l->norm.p, l->norm.len);
        ms->f = l->f;
        ms->flags = l->flags;
        ms->repairs = repairs;
        ms->rule = r;
        ms->view = rules_matcher_view(e->m);
        ms->shape = p->shape;
        ms->has_shape = 1;
        ms->used = 1;
    } else if (ms) {
        ms->used = 0; /* a line that ran into a limit is matched each time */
    }
    return r;
}

/* A paragraph of several lines: each line's normal form (kept for the
 * output), the paragraph's joined, then its shape and rule. */
static const struct rule *fill_joined(struct engine *e, struct line_rec *l)
{
    struct doc *d = &e->doc;
    l->norm.len = 0;
    for (unsigned k = 0; k < l->nlines; k++) {
        struct phys_line *p = phys_at(e, l->line0 + k);
        engine_normalize_line(e, p);
        if (!p->norm.len)
            continue;
        /* a word the wrapper broke after its hyphen goes on without a
           space (python html2text breaks at hyphens) */
        int glue = k > 0 && l->norm.len && e->layout.kind == LAYOUT_MARKDOWN &&
                   phys_at(e, l->line0 + k - 1)->shape.ends_hyphen;
        if (l->norm.len && !glue)
            buf_putc(&l->norm, ' ');
        buf_append(&l->norm, p->norm.p, p->norm.len);
    }
    l->flags = 0;
    detect_features(d->cfg, l, &d->scratch);
    return l->norm.len ? rules_match(e->m, l->norm.p, l->norm.len) : NULL;
}

/* Paragraph l's text becomes t[0..n) (what a reader sees of it: t is
 * e->join, or a later part of l's own text); a paragraph of one line keeps
 * its own normal form for the output. Its shape is measured again: of
 * its flags those in keep stay, add comes on top, and a line of nothing
 * but links or images is not body text. Returns the rule of the new
 * text. */
static const struct rule *retext(struct engine *e, struct line_rec *l, const char *t, size_t n,
                                 unsigned keep, unsigned add)
{
    struct doc *d = &e->doc;
    struct phys_line *p = phys_at(e, l->line0);
    if (l->nlines == 1 && !p->has_norm) {
        buf_set(&p->norm, l->norm.p, l->norm.len);
        p->has_norm = 1;
    }
    if (t >= l->norm.p && t <= l->norm.p + l->norm.len) {
        memmove(l->norm.p, t, n);
        l->norm.len = n;
    } else {
        buf_set(&l->norm, t, n);
    }
    keep &= l->flags;
    l->flags = 0;
    detect_features(d->cfg, l, &d->scratch);
    l->flags |= keep | add;
    if (l->flags & (LF_LINK | LF_IMAGE))
        l->flags &= ~(unsigned)LF_GOOD;
    return l->norm.len ? rules_match(e->m, l->norm.p, l->norm.len) : NULL;
}

/* The line flags a text's Markdown (or link mark) flags say. */
static unsigned markup_flags(unsigned md)
{
    return (md & MDF_LINKS_ONLY ? LF_LINK : 0u) | (md & MDF_IMAGE_ONLY ? LF_IMAGE : 0u) |
           (md & MDF_HEADING ? LF_HEADING : 0u) | (md & MDF_TOP_HEADING ? LF_TOP_HEADING : 0u);
}

/* Markdown: the paragraph's text without link, image and emphasis syntax
 * (its lines keep their own normal form for the output). */
static const struct rule *markdown_text(struct engine *e, struct line_rec *l,
                                        const struct rule *r)
{
    unsigned md = layout_markdown_text(l->norm.p, l->norm.len, &e->join);
    if (md == 0 && e->join.len == l->norm.len)
        return r;
    return retext(e, l, e->join.p, e->join.len, LF_PROTECTED | LF_RULE_HIT | LF_HEADING | LF_TOP_HEADING,
                  markup_flags(md));
}

/* lynx -dump: the text without its link marks ("[12]Home" is "Home"). */
static const struct rule *marked_text(struct engine *e, struct line_rec *l, const struct rule *r)
{
    unsigned md = layout_marked_text(l->norm.p, l->norm.len, &e->join);
    if (md == 0)
        return r;
    return retext(e, l, e->join.p, e->join.len, LF_PROTECTED | LF_RULE_HIT | LF_HEADING | LF_TOP_HEADING,
                  markup_flags(md));
}

/* A list item that a tool bulleted ("* Title", "o Nam", "- 7 ngày
 * trước"): its text without the bullet, so that a name, a date or a rule
 * is seen as it would be on a line of its own; still a list item. In one
 * block per line text the marker is the page's own and stays. */
static const struct rule *unbulleted(struct engine *e, struct line_rec *l, const struct rule *r)
{
    const char *p = l->norm.p;
    size_t n = l->norm.len, k;
    if (n >= 3 && strchr("*+-o#", p[0]) && p[1] == ' ')
        k = 2;
    else if (n >= 5 && !memcmp(p, "\xE2\x80\xA2 ", 4)) /* a bullet */
        k = 4;
    else
        return r;
    return retext(e, l, p + k, n - k,
                  LF_PROTECTED | LF_RULE_HIT | LF_LINK | LF_IMAGE | LF_HEADING | LF_TOP_HEADING,
                  LF_LIST);
}

/* Whether paragraph text t[0..n) is a link as Debian html2text writes one:
 * its words joined by underscores ("Trotz_Spionage-Risiko:_Bundeswehr"),
 * over most of the text. */
static int underlined(const char *t, size_t n)
{
    size_t chars = 0, joined = 0, unders = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        unsigned u = 0;
        while (j < n && t[j] != ' ') {
            /* an underscore between two letters or digits, not at an end */
            if (t[j] == '_' && j > i && j + 1 < n && t[j + 1] != ' ' && t[j + 1] != '_' &&
                t[j - 1] != '_')
                u++;
            j++;
        }
        chars += j - i;
        if (u) {
            joined += j - i;
            unders += u;
        }
        i = j + 1;
    }
    return unders >= 2 && joined * 10 >= chars * 7;
}

/* Whether paragraph text t[0..n) is an image as lynx and Debian html2text
 * write one without its alt text: its file's name in brackets
 * ("[97e2.jpeg?fl=cro,0,213]", "[https://x.org/logo.svg]"). */
static int bracketed_image(const char *t, size_t n)
{
    static const char *const ext[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif" };
    if (n < 6 || t[0] != '[' || t[n - 1] != ']' || memchr(t, ' ', n))
        return 0;
    for (size_t e = 0; e < sizeof ext / sizeof *ext; e++) {
        size_t k = strlen(ext[e]);
        for (size_t i = 1; i + k < n; i++)
            if (!strncasecmp(t + i, ext[e], k) && !isalnum((unsigned char)t[i + k]))
                return 1;
    }
    return 0;
}

/* A heading Debian html2text starred ("****** Title ******"): its title,
 * a heading (six stars: of the first level). */
static const struct rule *unstarred(struct engine *e, struct line_rec *l, const struct rule *r)
{
    size_t from, len;
    if (!layout_starred_text(l->norm.p, l->norm.len, &from, &len))
        return r;
    unsigned top = from >= 7 ? LF_TOP_HEADING : 0u;
    return retext(e, l, l->norm.p + from, len, LF_PROTECTED | LF_RULE_HIT, LF_HEADING | top);
}

/* The words of the head of paragraph [from, to], read as the paragraph
 * is (lynx's link marks, Markdown syntax taken out): its first line, or in
 * Markdown, which joins a paragraph's lines whatever their width, the
 * lines up to one that ends far short of the width before the last. */
static unsigned head_words(struct engine *e, unsigned long long from, unsigned long long to)
{
    unsigned long long last = from;
    if (e->layout.kind == LAYOUT_MARKDOWN && e->layout.width)
        for (unsigned long long k = from; k < to; k++)
            if (3 * phys_at(e, k)->shape.width < 2 * e->layout.width) {
                last = k;
                break;
            }
    struct buf *head = &e->scratch;
    head->len = 0;
    for (unsigned long long k = from; k <= last; k++) {
        const struct phys_line *p = phys_at(e, k);
        if (!p->has_norm)
            return 0;
        if (head->len && p->norm.len)
            buf_putc(head, ' ');
        buf_append(head, p->norm.p, p->norm.len);
    }
    const char *t = head->p;
    size_t n = head->len;
    if (e->layout.kind == LAYOUT_MARKDOWN) {
        layout_markdown_text(t, n, &e->join);
        t = e->join.p;
        n = e->join.len;
    } else if (e->layout.link_marks && layout_marked_text(t, n, &e->join)) {
        t = e->join.p;
        n = e->join.len;
    }
    struct text_words tw;
    text_scan_words(t, n, &tw, NULL, NULL);
    return tw.words;
}

const struct rule *engine_para_text(struct engine *e, struct line_rec *l, unsigned long long from,
                                    unsigned long long to)
{
    const struct rule *r = from == to ? fill_one(e, l, phys_at(e, from)) : fill_joined(e, l);
    if (e->layout.kind != LAYOUT_LINES && l->norm.len)
        r = unstarred(e, l, r);
    if (e->layout.kind == LAYOUT_MARKDOWN && l->norm.len)
        r = markdown_text(e, l, r);
    else if (e->layout.link_marks && l->norm.len)
        r = marked_text(e, l, r);
    if (e->layout.kind != LAYOUT_LINES && l->norm.len)
        r = unbulleted(e, l, r);
    /* Debian html2text writes a link's words joined by underscores: a
       paragraph that is one is a link; one inside text is read as its
       words ("Sind Sie dabei? Jetzt_unterstützen"), for the rules and the
       shape, on a page written so */
    if (l->norm.len && memchr(l->norm.p, '_', l->norm.len)) {
        if (underlined(l->norm.p, l->norm.len)) {
            l->flags |= LF_LINK;
            l->flags &= ~(unsigned)LF_GOOD;
        } else if (e->layout.underscores && layout_underscored_text(l->norm.p, l->norm.len, &e->join)) {
            r = retext(e, l, e->join.p, e->join.len,
                       LF_PROTECTED | LF_RULE_HIT | LF_LINK | LF_IMAGE | LF_HEADING | LF_TOP_HEADING |
                           LF_LIST,
                       0);
        }
    }
    if (e->layout.kind != LAYOUT_LINES && bracketed_image(l->norm.p, l->norm.len))
        l->flags |= LF_IMAGE;
    /* the head of a paragraph that may be glued titles or a glued card
       (title-shaped, or good and no longer than a snippet); a wrapper
       that balances its lines breaks them anywhere: no head */
    unsigned maybe_glued = (l->flags & LF_GOOD) ? l->f.chars <= e->doc.cfg->body_confirm_chars
                                                : (l->flags & LF_TITLE) != 0;
    if (to > from && maybe_glued &&
        (e->layout.kind == LAYOUT_WRAPPED || e->layout.kind == LAYOUT_MARKDOWN) &&
        !e->layout.least && l->norm.len) {
        l->head_words = head_words(e, from, to);
        detect_glued_titles(e->doc.cfg, l, &e->doc.scratch);
    }
    return r;
}
