/* layout: the layout of a document's lines, paragraphs from physical
 * lines (see layout.h). */
#include "layout.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "layout_internal.h"
#include "text.h"
#include "xalloc.h"

const char *const layout_names[LAYOUT_COUNT] = {
    [LAYOUT_AUTO] = "auto",         [LAYOUT_LINES] = "lines", [LAYOUT_WRAPPED] = "wrapped",
    [LAYOUT_SPLIT] = "split",       [LAYOUT_MARKDOWN] = "markdown",
};

int layout_find(const char *name)
{
    for (int k = 0; k < LAYOUT_COUNT; k++)
        if (!strcmp(layout_names[k], name))
            return k;
    return -1;
}

/* --- one line ----------------------------------------------------------- */

/* The code point at s[i..n), invalid bytes as U+FFFD one at a time. */
static size_t decode_any(const char *s, size_t n, size_t i, uint32_t *uc)
{
    ucs4_t u;
    int k = u8_mbtoucr(&u, (const uint8_t *)s + i, n - i);
    if (k <= 0) {
        *uc = 0xFFFD;
        return 1;
    }
    *uc = u;
    return (size_t)k;
}

static int space_char(uint32_t uc)
{
    return uc == ' ' || uc == '\t' || uc == '\f' || uc == '\v' || uc == '\r' || uc == 0xA0 ||
           uc == 0x3000 || (uc >= 0x2000 && uc <= 0x200B) || uc == 0xFEFF;
}

/* Closing quotes and brackets, looked through at the end of a line. */
static int closer(uint32_t uc)
{
    return uc == '"' || uc == '\'' || uc == ')' || uc == ']' || uc == '*' || uc == '_' ||
           uc == 0xBB || uc == 0xAB || uc == 0x201C || uc == 0x201D || uc == 0x2019 ||
           uc == 0x201E;
}

/* A character that goes on from the text before it: , . ; : ! ? ) ] and
 * closing quotes (a link ended the line before it). */
static int joiner(uint32_t uc)
{
    return uc == ',' || uc == '.' || uc == ';' || uc == ':' || uc == '!' || uc == '?' ||
           uc == ')' || uc == ']' || uc == 0xBB || uc == 0x201D || uc == 0x2019 || uc == '%';
}

/* The Markdown kind of a line (see layout_internal.h). */
enum md_kind layout_md_kind(const char *s, size_t n, unsigned indent)
{
    if (n == 0)
        return MD_TEXT;
    size_t i = 0;
    if (s[0] == '#') {
        while (i < n && i < 6 && s[i] == '#')
            i++;
        if (i < n && s[i] == ' ')
            return MD_HEADING;
        return MD_TEXT;
    }
    if (n >= 3 && (!memcmp(s, "```", 3) || !memcmp(s, "~~~", 3) || !memcmp(s, ":::", 3)))
        return MD_FENCE;
    /* a rule: three or more of one of * - _ and spaces only */
    if (s[0] == '*' || s[0] == '-' || s[0] == '_') {
        size_t marks = 0, k;
        for (k = 0; k < n && (s[k] == s[0] || s[k] == ' '); k++)
            marks += s[k] == s[0];
        if (k == n && marks >= 3)
            return MD_RULE;
    }
    if ((s[0] == '*' || s[0] == '-' || s[0] == '+') && n >= 2 && s[1] == ' ')
        return MD_LIST;
    /* a bullet, then a space or a no-break space (elinks: "•\u00A0  ") */
    if (n >= 4 && !memcmp(s, "\xE2\x80\xA2", 3) &&
        (s[3] == ' ' || (n >= 5 && !memcmp(s + 3, "\xC2\xA0", 2))))
        return MD_LIST;
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ')
        return MD_LIST;
    /* "> quoted", ">> nested" (and the ">> title" of a teaser link) */
    for (i = 0; i < n && i < 4 && s[i] == '>'; i++)
        ;
    if (i > 0 && (i == n || s[i] == ' '))
        return MD_QUOTE;
    /* Debian html2text's bullets below the first level: "o", "+", "#" */
    if (indent >= 2 && (s[0] == 'o' || s[0] == '#') && n >= 2 && s[1] == ' ')
        return MD_LIST;
    if (s[0] == '|')
        return MD_TABLE;
    return MD_TEXT;
}

int layout_tag_at(const char *s, size_t n, size_t i)
{
    if (s[i] != '<' || i + 1 >= n)
        return 0;
    size_t k = i + 1;
    if (s[k] == '!')
        return k + 2 < n && s[k + 1] == '-' && s[k + 2] == '-';
    if (s[k] == '/')
        k++;
    size_t name = k;
    while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-'))
        k++;
    /* a name that starts with a letter, then the tag goes on or ends (an
       address "<https://...>" has a ":") */
    return k > name && isalpha((unsigned char)s[name]) &&
           (k == n || s[k] == ' ' || s[k] == '>' || s[k] == '/');
}

/* Whether the word that ends at t[i] (exclusive) is w, standing alone
 * before it. */
static int word_before(const char *t, size_t i, const char *w)
{
    size_t len = strlen(w);
    return i >= len && !memcmp(t + i - len, w, len) &&
           (i == len || !isalnum((unsigned char)t[i - len - 1]));
}

/* Whether the context at t[i] (one of the bytes script_at looks at) is
 * script: a comment, a comparison, a call, a property of an object, a
 * flag in an object literal; nothing prose holds. */
static int script_at(const char *t, size_t n, size_t i)
{
    char c = t[i], d = i + 1 < n ? t[i + 1] : 0;
    switch (c) {
    case '=': /* "===", "!==", "=>" */
        return d == '>' || (d == '=' && i + 2 < n && t[i + 2] == '=') ||
               (d == '=' && i > 0 && t[i - 1] == '!');
    case '&':
    case '|': /* "&&", "||" */
        return d == c;
    case '(': { /* "();", or a condition's block opening: "if (x) {" (not
                   a Markdown link's address with pandoc's attributes after
                   it: "](url){.icon}") */
        if (d == ')' && i + 2 < n && t[i + 2] == ';')
            return 1;
        if (i > 0 && t[i - 1] == ']')
            return 0;
        size_t look = n - i - 1 < 200 ? n - i - 1 : 200; /* no search per "(" over a long line */
        const char *close = memchr(t + i + 1, ')', look);
        if (!close)
            return 0;
        size_t k = (size_t)(close - t) + 1;
        while (k < n && (t[k] == ' ' || t[k] == ')'))
            k++;
        /* a block ends the line or goes on after a space; pandoc's
           attributes follow their brace ("(dvp) {#id .class}") */
        return k < n && t[k] == '{' && (k + 1 == n || t[k + 1] == ' ');
    }
    case '/': /* a comment: "//" at the start or after a space (an address
                 has ":" before it) */
        return d == '/' && (i == 0 || t[i - 1] == ' ');
    case '.': /* "this.name", "window.name": an object's property (a
                 sentence run on, "this.The", goes on in a capital) */
        return islower((unsigned char)d) &&
               (word_before(t, i, "this") || word_before(t, i, "document") ||
                word_before(t, i, "window"));
    default:
        return 0;
    }
}

/* What a tool let through, read from a line: script (pandoc keeps an
 * attribute's value with its line breaks: x-data="{ ... }"), and a word
 * of more than 40 bytes (an address) that no wrapper could break. */
static void scan_markup(const char *t, size_t n, struct line_shape *s)
{
    /* the bytes it can start at are rare in prose: looked for one by one
       (memchr reads many bytes an instruction); "!==" is found at its
       "==", "();" at its "(", and "this.x" where a call is */
    static const char rare[] = "=&|/(";
    for (const char *r = rare; *r && !s->script; r++)
        for (const char *c = memchr(t, *r, n); c && !s->script;
             c = memchr(c + 1, *r, (size_t)(t + n - c - 1)))
            s->script = (unsigned char)script_at(t, n, (size_t)(c - t));
    if (!s->script && memchr(t, '(', n))
        for (const char *c = memchr(t, '.', n); c && !s->script;
             c = memchr(c + 1, '.', (size_t)(t + n - c - 1)))
            s->script = (unsigned char)script_at(t, n, (size_t)(c - t));
    /* an object literal's line: "avatar: false," */
    if (!s->script && n > 6 && t[n - 1] == ',')
        s->script = (n >= 7 && !memcmp(t + n - 7, ": true,", 7)) ||
                    (n >= 8 && !memcmp(t + n - 8, ": false,", 8)) ||
                    (n >= 7 && !memcmp(t + n - 7, ": null,", 7));
    /* a long word: 41 bytes in a row without a space, looked for a
       window at a time from the last space in it */
    for (size_t i = 0; i + 40 < n;) {
        const char *sp = memrchr(t + i, ' ', 41);
        if (!sp) {
            s->long_word = 1;
            break;
        }
        i = (size_t)(sp - t) + 1;
    }
}

/* Debian html2text's headings: "****** Title ******". */
static int starred_heading(const char *s, size_t n)
{
    size_t from, len;
    return layout_starred_text(s, n, &from, &len);
}

int layout_starred_text(const char *s, size_t n, size_t *from, size_t *len)
{
    size_t a = 0, b = 0;
    while (a < n && s[a] == '*')
        a++;
    while (b < n && s[n - 1 - b] == '*')
        b++;
    if (!(a >= 3 && b >= 3 && a + b + 2 < n && s[a] == ' ' && s[n - 1 - b] == ' '))
        return 0;
    *from = a + 1;
    *len = n - b - 1 - *from;
    return 1;
}

/* The length of a lynx link mark "[123]" at s (glued to a word), or 0. */
size_t layout_link_mark(const char *s, size_t n)
{
    if (n < 4 || s[0] != '[')
        return 0;
    size_t i = 1;
    while (i < n && i < 6 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 1 || i + 1 >= n || s[i] != ']' || s[i + 1] == ' ')
        return 0;
    return i + 1;
}

static const char *link_mark_at(const char *s, size_t n)
{
    for (const char *p = memchr(s, '[', n); p; p = memchr(p + 1, '[', (size_t)(s + n - p - 1)))
        if ((p == s || p[-1] == ' ' || p[-1] == '#' || p[-1] == '(') &&
            layout_link_mark(p, (size_t)(s + n - p)))
            return p;
    return NULL;
}

void layout_shape(const char *raw, size_t n, struct line_shape *s)
{
    memset(s, 0, sizeof *s);
    size_t i = 0, end = n;
    uint32_t uc = 0;
    /* leading white space */
    while (i < n) {
        size_t k = decode_any(raw, n, i, &uc);
        if (!space_char(uc) && uc >= 0x20)
            break;
        s->indent++;
        i += k;
    }
    if (i >= n) {
        s->blank = 1;
        return;
    }
    s->lead_space = i > 0;
    /* trailing white space; two plain spaces or more end a Markdown line
       on purpose (a hard line break: <br> in the page) */
    unsigned spaces = 0;
    while (end > i) {
        size_t b = end - 1;
        while (b > i && ((unsigned char)raw[b] & 0xC0) == 0x80)
            b--;
        decode_any(raw, end, b, &uc);
        if (!space_char(uc) && uc >= 0x20)
            break;
        s->trail_space = 1;
        spaces += uc == ' ';
        end = b;
    }
    s->hard_break = spaces >= 2;
    const char *t = raw + i;
    size_t tn = end - i;
    /* pandoc's hard line break: a backslash at the end (an odd number of
       them: "\\" is a backslash written); the text ends before it */
    size_t slashes = 0;
    while (slashes < tn && t[tn - 1 - slashes] == '\\')
        slashes++;
    size_t text_end = tn - (slashes % 2);
    s->hard_break |= slashes % 2;
    s->bytes = (unsigned)end;
    s->width = s->indent + (unsigned)text_chars(t, tn);
    uint32_t first;
    decode_any(t, tn, 0, &first);
    s->starts_lower = text_is_lower(first);
    s->starts_joiner = joiner(first);
    /* the first word, with the non-breaking spaces glued to it (a wrapper
       does not break there: "word.&nbsp;&nbsp;" at a line's end is one) */
    for (size_t k = 0; i + k < n;) {
        size_t step = decode_any(t, n - i, k, &uc);
        if ((space_char(uc) && uc != 0xA0 && uc != 0x2007 && uc != 0x202F) || uc < 0x20)
            break;
        s->first_word++;
        s->first_word_bytes += (unsigned)step;
        k += step;
    }
    /* the last word (after the last space): an address is longer than
       any width */
    const char *sp = memrchr(t, ' ', tn);
    s->last_word = sp ? (unsigned)text_chars(sp + 1, (size_t)(t + tn - sp - 1))
                      : s->width - s->indent;
    /* the end: the last character, quotes and brackets looked through */
    size_t e = text_end;
    uint32_t last = 0, before = 0;
    for (int looked = 0; e > 0 && looked < 4; looked++) {
        size_t b = e - 1;
        while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80)
            b--;
        decode_any(t, e, b, &last);
        e = b;
        if (!closer(last))
            break;
    }
    if (e > 0) {
        size_t b = e - 1;
        while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80)
            b--;
        decode_any(t, e, b, &before);
    }
    s->ends_stop = last == '.' || last == '!' || last == '?' || last == ':' || last == ';' ||
                   last == 0x2026;
    s->ends_hyphen = last == '-' && text_is_letter(before);
    s->ends_word = text_is_letter(last) || (last >= '0' && last <= '9');
    s->md = (unsigned char)layout_md_kind(t, tn, s->indent);
    if (starred_heading(t, tn)) {
        s->md = MD_HEADING;
    } else if (tn >= 5 && (t[0] == '*' || t[tn - 1] == '*')) {
        /* a starred heading wrapped over lines */
        size_t a = 0, b = 0;
        while (a < tn && t[a] == '*')
            a++;
        while (b < tn && t[tn - 1 - b] == '*')
            b++;
        s->star_open = a >= 3 && a < tn && t[a] == ' ' && b == 0;
        /* the closing stars, after the text or alone on the line (the
           heading filled the width: "****** Title" / "******") */
        s->star_close = (b >= 3 && b < tn && t[tn - 1 - b] == ' ' && a == 0) || a == tn;
    }
    /* "](" or "![" (Markdown links and images), "[12]" (lynx's marks): a
       line without "[" has none */
    if (memchr(t, '[', tn)) {
        s->md_syntax = memmem(t, tn, "](", 2) != NULL || memmem(t, tn, "![", 2) != NULL;
        s->link_mark = link_mark_at(t, tn) != NULL;
        s->link_head = tn >= 4 && t[0] == '#' && layout_link_mark(t + 1, tn - 1) > 0;
        unsigned open = 0, close = 0;
        for (size_t k = 0; k < tn; k++) {
            open += t[k] == '[';
            close += t[k] == ']';
        }
        s->open_bracket = open > close;
    }
    if (memchr(t, '{', tn)) {
        unsigned open = 0, close = 0;
        for (size_t k = 0; k < tn; k++) {
            open += t[k] == '{';
            close += t[k] == '}';
        }
        s->open_brace = open > close;
    }
    s->underscored = (unsigned char)layout_has_underscored(t, tn);
    /* markup a tool let through as text (attributes of a page's script
       framework: click="open = !open" x-cloak): not prose, no evidence of
       how prose was wrapped */
    const char *eq = memchr(t, '=', tn);
    while (eq && eq + 1 < t + tn && eq[1] != '"' && eq[1] != '\'')
        eq = memchr(eq + 1, '=', (size_t)(t + tn - eq - 1));
    /* a tag of HTML inside Markdown (pandoc -t gfm): "<span class="x">"
       on this line, or "<a" left open for the next */
    const char *tag = NULL;
    for (const char *lt = memchr(t, '<', tn); lt; lt = memchr(lt + 1, '<', (size_t)(t + tn - lt - 1))) {
        if (layout_tag_at(t, tn, (size_t)(lt - t))) {
            if (!tag)
                tag = lt;
            s->html_tag = 1;
            s->open_tag = !memchr(lt, '>', (size_t)(t + tn - lt));
        }
    }
    if (eq && eq + 1 < t + tn) {
        s->code = 1; /* an attribute: =" or =' (an address has no quote) */
        char c = eq > t ? eq[-1] : ' ';
        /* inside a tag it is the tag's; left alone, leaked markup */
        s->attribute = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '@') &&
                       !(tag && tag < eq);
    } else if (memchr(t, '$', tn) || memchr(t, '{', tn)) {
        unsigned marks = 0;
        for (size_t k = 0; k < tn && marks < 2; k++)
            marks += t[k] == '{' || t[k] == '}' || t[k] == '$';
        s->code = marks >= 2;
    }
    scan_markup(t, tn, s);
    s->code |= s->script;
    /* an underline: one of = - ~ * _ repeated, nothing else */
    if (tn >= 3 && strchr("=-~*_", t[0])) {
        size_t k = 1;
        while (k < tn && t[k] == t[0])
            k++;
        s->underline = k == tn;
    }
}

/* --- the layout of a document ----------------------------------------- */

/* A line that is one word (a link's address) or holds Markdown link
 * syntax: its width says nothing of the wrap width. */
static int unbreakable(const struct line_shape *a)
{
    return a->md_syntax || a->md == MD_FENCE || a->code || a->long_word ||
           a->first_word + a->indent >= a->width;
}

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

/* The wrap width of the lines, in characters or in bytes (fold and fmt
 * count bytes), learnt from the lines that certainly go on in the next
 * one (it starts in lower case): a wrapped line comes up to the width and
 * the next line's first word did not fit. Fills w (0: not wrapped) with
 * the width, the least width of a wrapped line (a wrapper that balances
 * its lines, as fmt does, ends them well before the width) and how well
 * the lines fit the width (0..1). */
struct wrap_guess {
    unsigned width, least;
    double fit, exact;
};

static void wrap_width(const struct line_shape *const *l, size_t n, int bytes,
                       struct wrap_guess *g)
{
    memset(g, 0, sizeof *g);
    unsigned *w = xmalloc((n ? n : 1) * 3 * sizeof *w);
    unsigned *pw = w + (n ? n : 1), *pn = pw + (n ? n : 1); /* each pair, unsorted */
    size_t pairs = 0, text = 0, longish = 0, beyond = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        const struct line_shape *a = l[i], *b = l[i + 1];
        unsigned aw = bytes ? a->bytes : a->width;
        if (!a->blank)
            text++;
        /* the lines that could be wrapped ones (menus and labels left
           out: a one-block page of short lines has few long ones) */
        if (!a->blank && aw >= 25)
            longish++;
        if (a->blank || b->blank || !b->starts_lower || b->md != MD_TEXT || a->md == MD_HEADING ||
            a->underline || aw < 25 || unbreakable(a) || a->code || b->code)
            continue;
        /* a next line that starts with a word no width could hold (an
           address under its link's title in elinks's list of links) was
           put there whatever the width: the line above says nothing of
           it */
        if (b->first_word_bytes > 40)
            continue;
        pw[pairs] = aw;
        pn[pairs] = bytes ? b->first_word_bytes : b->first_word;
        w[pairs++] = aw;
    }
    if (pairs < 2) {
        free(w);
        return;
    }
    qsort(w, pairs, sizeof *w, cmp_unsigned);
    /* the width: the longest such line, a few outliers (a word longer than
       the width) left out; the least: the shortest, likewise */
    size_t top = pairs - 1 - pairs / 50;
    /* a few lines far longer than the rest (lynx's list of addresses,
       where one wraps): not the width the text was wrapped at */
    while (top > 0 && 10 * top >= 9 * (pairs - 1) && w[top] > w[top - 1] + 20)
        top--;
    unsigned width = w[top];
    /* a greedy wrapper that lets a line or two stand a character or two
       past its width (lynx), or wraps a few blocks wider than the text
       (elinks: headings and lists a few columns past the paragraphs): the
       width up to eight below the top, with at most one line in ten past
       it, under which nearly every continued line was broken where the
       next word did not fit */
    for (unsigned k = 0; k <= 8 && width >= 40 + k; k++) {
        unsigned cw = width - k;
        size_t fit = 0, above = 0;
        for (size_t j = 0; j < pairs; j++) {
            above += pw[j] > cw;
            fit += pw[j] <= cw && pw[j] + 1 + pn[j] > cw;
        }
        if (above * 10 > pairs)
            break;
        /* two below the top at most, every pair counted (lynx); further
           down, the lines past the width left out and the longest line
           under it at the width (a wrapper fills some lines to it) */
        if (k <= 2 ? fit * 20 >= pairs * 19
                   : fit * 20 >= (pairs - above) * 19 && w[pairs - 1 - above] == cw) {
            width = cw;
            break;
        }
    }
    unsigned least = w[pairs / 10];
    size_t near = 0, exact = 0, considered = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        const struct line_shape *a = l[i], *b = l[i + 1];
        unsigned aw = bytes ? a->bytes : a->width;
        /* a line longer than the width counts against wrapping unless a
           word too long to break ends it (lynx's list of addresses) */
        if (!a->blank && aw > width + 1 && !a->md_syntax && !unbreakable(a) &&
            2 * a->last_word < width)
            beyond++;
        if (a->blank || b->blank || !b->starts_lower || b->md != MD_TEXT || aw > width || aw < 25 ||
            unbreakable(a) || a->code || b->code)
            continue;
        unsigned next = bytes ? b->first_word_bytes : b->first_word;
        int fits_not = aw + 1 + next > width;
        /* a line ended far short of the width, then one in lower case: a
           paragraph that starts so ("di Giulia Rossi" under the text), no
           sign of a wrapper that balances its lines (they end near it) */
        if (fits_not || 3 * aw >= 2 * width) {
            considered++;
            exact += fits_not;
        }
        /* near the width, or as full as it could be before a word of more
           than 20 characters (an address, a Markdown link's "](address)") */
        if (a->md != MD_HEADING && !a->underline)
            near += aw + 20 >= width || (fits_not && next > 20);
    }
    free(w);
    /* lines past the width: more than one in ten, or a third of the long
       ones (a page of menus and a few paragraphs, one block per line) */
    if (width < 40 || width > 180 || near * 10 < pairs * 7 || beyond * 10 > text ||
        beyond * 3 > longish)
        return;
    g->width = width;
    g->least = least;
    g->fit = (double)near / (double)pairs;
    g->exact = (double)exact / (double)pairs;
    /* a greedy wrapper (lynx, pandoc, html2text, fold) breaks a line only
       where the next word does not fit: then the exact test holds for
       (nearly) every continued line, and is used */
    if (exact * 20 >= considered * 19)
        g->least = 0;
}

/* Line b goes on with the sentence of line a across an inline element (a
 * link, a bold span that a tool put on a line of its own): white space at
 * the joint, a lower-case or punctuation start, no stop before it. */
static int split_joint(const struct line_shape *a, const struct line_shape *b)
{
    return !a->blank && !b->blank && a->md != MD_HEADING && (a->trail_space || b->lead_space) &&
           (b->starts_lower || b->starts_joiner) && !a->ends_stop;
}

/* Lines that go on from the line before them across an inline element. */
static unsigned split_evidence(const struct line_shape *const *l, size_t n)
{
    unsigned k = 0;
    for (size_t i = 0; i + 1 < n; i++)
        k += (unsigned)split_joint(l[i], l[i + 1]);
    return k;
}

void layout_decide(struct layout *lay, const struct line_shape *const *lines, size_t n,
                   enum layout_kind forced)
{
    memset(lay, 0, sizeof *lay);
    unsigned text = 0, md = 0, marks = 0, unders = 0, ends = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i]->blank)
            continue;
        text++;
        ends += i + 1 < n && lines[i + 1]->blank;
        md += lines[i]->md_syntax || lines[i]->html_tag ||
              (lines[i]->md == MD_HEADING && lines[i]->width > 2);
        marks += lines[i]->link_mark;
        unders += lines[i]->underscored;
    }
    lay->link_marks = marks >= 5 && marks * 20 >= text;
    lay->blank_blocks = ends * 7 >= text;
    lay->underscores = unders >= 3 && unders * 50 >= text;
    size_t first = 0;
    while (first < n && lines[first]->blank)
        first++;
    if (lay->link_marks && first < n && lines[first]->link_head) {
        lay->head_lines = first;
        while (lay->head_lines < n && !lines[lay->head_lines]->blank)
            lay->head_lines++;
    }
    struct wrap_guess gc, gb;
    wrap_width(lines, n, 0, &gc);
    wrap_width(lines, n, 1, &gb);
    /* fold and fmt count bytes, the other tools characters: the count
       under which more lines were broken where the next word did not fit
       is the one (then the one they fit better) */
    const struct wrap_guess *g =
        gb.width && (!gc.width || gb.exact > gc.exact + 0.02 ||
                     (gb.exact > gc.exact - 0.02 && gb.fit > gc.fit))
            ? &gb
            : &gc;
    lay->width = g->width;
    lay->least = g->least;
    lay->in_bytes = g == &gb;
    if (forced != LAYOUT_AUTO) {
        lay->kind = forced;
        lay->forced = 1;
        if (forced == LAYOUT_LINES) {
            lay->link_marks = 0;
            lay->underscores = 0;
            lay->head_lines = 0;
        }
        if (forced == LAYOUT_WRAPPED && !lay->width)
            lay->width = 80;
        if (forced != LAYOUT_WRAPPED && forced != LAYOUT_MARKDOWN)
            lay->width = 0;
        return;
    }
    if (md >= 3 && md * 40 >= text) {
        lay->kind = LAYOUT_MARKDOWN;
    } else if (lay->width) {
        lay->kind = LAYOUT_WRAPPED;
    } else {
        unsigned split = split_evidence(lines, n);
        lay->kind = split >= 3 && split * 50 >= text ? LAYOUT_SPLIT : LAYOUT_LINES;
    }
}

/* Lines that start a block of their own. */
static int starts_block(const struct line_shape *b)
{
    return b->md == MD_HEADING || b->md == MD_LIST || b->md == MD_RULE || b->md == MD_FENCE ||
           b->md == MD_TABLE || b->underline || b->star_open;
}

/* A line that fills the width: the next line's first word did not fit. */
static int full_line(const struct layout *lay, const struct line_shape *a,
                     const struct line_shape *b)
{
    unsigned w = lay->in_bytes ? a->bytes : a->width;
    unsigned next = lay->in_bytes ? b->first_word_bytes : b->first_word;
    /* a word alone before a Markdown hard break ("word  "): the wrapper
       counted the two spaces with it */
    if (b->hard_break && b->trail_space && b->indent + b->first_word == b->width)
        next += 2;
    /* the next word did not fit; or, after a balancing wrapper, any line
       as long as its wrapped lines are */
    return w + 1 + next > lay->width || (lay->least && w >= lay->least);
}

static int wrapped_goes_on(const struct layout *lay, const struct line_shape *first,
                           const struct line_shape *a, const struct line_shape *b, unsigned lines)
{
    /* a Markdown heading is one line, unless a wrapper broke the text of
       a link in it ("## [Title that" / "wraps](/url)") */
    int heading_goes_on = a->md == MD_HEADING && a->open_bracket && lay->kind == LAYOUT_MARKDOWN;
    /* a starred heading's closing stars alone on the next line */
    if (first->star_open && !a->star_close && b->star_close && b->md == MD_RULE && lines < 4 &&
        b->indent == a->indent)
        return 1;
    if (starts_block(b) || (a->md == MD_HEADING && !heading_goes_on) || a->underline ||
        a->md == MD_RULE || a->md == MD_FENCE || b->star_open || a->star_close)
        return 0;
    /* pandoc's attributes or an HTML tag wrapped onto the next line
       ("{.link" / ".in-text-link}. The text goes on", "<a" / "href=...>") */
    if ((a->open_brace || a->open_tag) && lay->kind == LAYOUT_MARKDOWN)
        return 1;
    /* a starred heading goes on to the line that closes it */
    if (first->star_open)
        return lines < 4 && b->indent == a->indent;
    /* a quotation starts under a paragraph that is not one */
    if (b->md == MD_QUOTE && first->md != MD_QUOTE)
        return 0;
    /* a list item's later lines are indented under its text; a paragraph's
       lines all start at one indent */
    unsigned want = first->indent;
    if (first->md == MD_LIST)
        want = first->indent + 2;
    if (lines > 1 && b->indent != a->indent)
        return 0;
    if (lines == 1 && b->indent != want && b->indent != first->indent &&
        !(first->md == MD_LIST && b->indent > first->indent))
        return 0;
    return full_line(lay, a, b);
}

static int split_goes_on(const struct line_shape *a, const struct line_shape *b)
{
    if (a->md == MD_HEADING || starts_block(b))
        return 0;
    if (b->starts_joiner)
        return 1;
    if (b->starts_lower)
        return !a->ends_stop || a->trail_space || b->lead_space;
    /* "Es gibt einen " then the link "Referentenentwurf": a sentence stopped
       at white space, the next part starting with a capital */
    return a->trail_space && a->ends_word && !a->ends_stop;
}

int layout_continues(const struct layout *lay, const struct line_shape *first,
                     const struct line_shape *a, const struct line_shape *b, unsigned lines)
{
    if (a->blank || b->blank || lines >= 200)
        return 0;
    switch (lay->kind) {
    case LAYOUT_WRAPPED:
        return wrapped_goes_on(lay, first, a, b, lines);
    case LAYOUT_MARKDOWN:
        if (a->hard_break)
            return 0;
        if (lay->width)
            return wrapped_goes_on(lay, first, a, b, lines);
        /* not wrapped, or the width not found (a long page whose first
           window is all menus): on a page whose blocks blank lines set
           apart, a paragraph goes on to the blank line, as Markdown says,
           where both lines are text and the sentence goes on (a page of
           one paragraph a line, each ending in a stop, stays apart) */
        return lay->blank_blocks && a->md == MD_TEXT && b->md == MD_TEXT && !a->underline &&
               !b->underline && b->indent == a->indent && !a->code && !b->code &&
               (!a->ends_stop || b->starts_lower);
    case LAYOUT_SPLIT:
        return split_goes_on(a, b);
    case LAYOUT_LINES:
        /* a scraper writing one block per line trims its lines: white
           space at a joint with the sentence going on in lower case is a
           split at a link, on a page with too few of them to be read as
           split text (a long menu's page); a capital there may as well be
           a button's label over the text ("Share " / "Istanbul ...") */
        return !lay->forced && split_joint(a, b) && !starts_block(b);
    default:
        return 0;
    }
}

void layout_describe(const struct layout *lay, char *out, size_t size)
{
    if (lay->kind == LAYOUT_WRAPPED)
        snprintf(out, size, "wrapped at %u %s%s", lay->width, lay->in_bytes ? "bytes" : "characters",
                 lay->least ? ", balanced" : "");
    else if (lay->kind == LAYOUT_MARKDOWN && lay->width)
        snprintf(out, size, "markdown, wrapped at %u %s", lay->width,
                 lay->in_bytes ? "bytes" : "characters");
    else
        snprintf(out, size, "%s", layout_names[lay->kind]);
}
