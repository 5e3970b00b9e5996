/* layout_text: the text a reader sees of a paragraph: lynx's link marks
 * and Markdown's syntax taken out (see layout.h). */
#include <stdint.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "layout.h"
#include "layout_internal.h"
#include "text.h"

/* --- lynx link marks ----------------------------------------------------- */

unsigned layout_marked_text(const char *s, size_t n, struct buf *out)
{
    out->len = 0;
    unsigned marks = 0, groups = 0, words = 0;
    int starts_marked = 0, in_group = 0;
    for (size_t i = 0; i < n;) {
        /* a mark may stand right after a word: links side by side with
           no space between ("[121]News[122]Politics") */
        size_t k = s[i] == '[' ? layout_link_mark(s + i, n - i) : 0;
        /* a form's button, "(BUTTON) Show more": a control, as a link is */
        if (!k && (i == 0 || s[i - 1] == ' ') && n - i >= 8 && !memcmp(s + i, "(BUTTON)", 8)) {
            k = 8;
            while (i + k < n && s[i + k] == ' ')
                k++;
        }
        if (k) {
            marks++;
            starts_marked |= out->len == 0;
            /* ... which a reader sees apart */
            if (out->len && strchr(" #(", out->p[out->len - 1]) == NULL)
                buf_putc(out, ' ');
            in_group = 1;
            i += k;
            continue;
        }
        if (s[i] == ' ' && i + 1 < n && s[i + 1] != ' ')
            words++;
        buf_putc(out, s[i]);
        i++;
    }
    (void)in_group;
    (void)groups;
    if (!marks)
        return 0;
    words++;
    size_t e = out->len;
    while (e > 0 && strchr("\"')]*\xbb", out->p[e - 1]))
        e--;
    int sentence = e > 0 && strchr(".!?:;", out->p[e - 1]);
    unsigned flags = MDF_LINKS;
    /* "[4]Home", "[62]Hautnavigation anspringen [63]Hauptinhalt
       anspringen [64]Footer": a mark for every two or three words, or a
       short line that starts with one */
    if (starts_marked && (marks * 3 >= words || (words <= 8 && !sentence)))
        flags |= MDF_LINKS_ONLY;
    return flags;
}

/* --- Markdown ----------------------------------------------------------- */

/* The index just past the bracket that closes the one at s[i] (open,
 * close: "[]" or "()"), or 0 when it is not closed. */
static size_t closing(const char *s, size_t n, size_t i, char open, char close)
{
    int depth = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] == '\\' && k + 1 < n) {
            k++;
            continue;
        }
        if (s[k] == open)
            depth++;
        else if (s[k] == close && --depth == 0)
            return k + 1;
    }
    return 0;
}

struct md_out {
    struct buf *out;
    size_t text_chars;  /* letters and digits outside links */
    size_t link_chars;  /* inside link texts */
    unsigned links, images;
    int html_link; /* inside <a ...> ... </a> */
};

static void put_text(struct md_out *o, const char *s, size_t n, int in_link)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* emphasis marks: ** __ and a lone * or _ at a word's edge */
        if (c == '*' || c == '_') {
            int left = i == 0 || s[i - 1] == ' ';
            int right = i + 1 == n || s[i + 1] == ' ' || strchr(".,;:!?)", s[i + 1]);
            int double_mark = i + 1 < n && s[i + 1] == (char)c;
            if (double_mark || left != right) {
                if (double_mark)
                    i++;
                continue;
            }
        }
        /* an escaped mark (pandoc escapes any: \' \" \| \>); a backslash
           at the end or before a space is a hard line break */
        if (c == '\\' && (i + 1 == n || s[i + 1] == ' '))
            continue;
        if (c == '\\' && i + 1 < n && ispunct((unsigned char)s[i + 1])) {
            i++;
            c = (unsigned char)s[i];
        }
        buf_putc(o->out, (char)c);
        if (c >= 0x80 ? (c & 0xC0) != 0x80 : ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                                                 (c >= '0' && c <= '9')) {
            if (in_link)
                o->link_chars++;
            else
                o->text_chars++;
        }
    }
}

/* An attribute's key and its "=" at s[i] ("width=", "data-x=", ":class=",
 * "@click="): the index of the "=", or i when there is none. */
static size_t attribute_key(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-' || s[k] == '_' || s[k] == ':' ||
                     s[k] == '@'))
        k++;
    return k > i && k < n && s[k] == '=' ? k : i;
}

/* Pandoc's attributes at s[i] ("{#id .class key=value}", "{width=\"10\"}",
 * "{=html}", "{-}"): the index past them, or i when there are none. */
static size_t attributes(const char *s, size_t n, size_t i)
{
    if (i + 1 >= n || s[i] != '{')
        return i;
    if (!strchr(".#=-", s[i + 1]) && attribute_key(s, n, i + 1) == i + 1)
        return i;
    size_t end = closing(s, n, i, '{', '}');
    return end ? end : n; /* cut at the paragraph's end: all of it */
}

static void md_inline(struct md_out *o, const char *s, size_t n, int in_link)
{
    size_t i = 0, run = 0;
    while (i < n) {
        int image = s[i] == '!' && i + 1 < n && s[i + 1] == '[';
        size_t open = image ? i + 1 : i;
        if (s[open] == '[' && (open == 0 || s[open - 1] != '\\')) {
            size_t close = closing(s, n, open, '[', ']');
            if (close && close < n && s[close] == '(') {
                size_t end = closing(s, n, close, '(', ')');
                if (end) {
                    put_text(o, s + run, i - run, in_link);
                    if (image) {
                        o->images++;
                    } else {
                        o->links++;
                        md_inline(o, s + open + 1, close - open - 2, 1);
                    }
                    i = run = attributes(s, n, end);
                    continue;
                }
            }
            /* pandoc's span: "[text]{.class}" is its text */
            if (!image && close && close < n && attributes(s, n, close) > close) {
                put_text(o, s + run, i - run, in_link);
                md_inline(o, s + open + 1, close - open - 2, in_link);
                i = run = attributes(s, n, close);
                continue;
            }
        }
        /* HTML inside Markdown (pandoc -t gfm): a tag is syntax, an
           image's tag an image, the text of an <a> a link's */
        if (layout_tag_at(s, n, i)) {
            const char *gt = memchr(s + i, '>', n - i);
            size_t end = gt ? (size_t)(gt - s) + 1 : n;
            put_text(o, s + run, i - run, in_link || o->html_link);
            if (n - i >= 4 && !strncasecmp(s + i + 1, "img", 3) &&
                (i + 4 >= n || !isalpha((unsigned char)s[i + 4])))
                o->images++;
            if ((s[i + 1] == 'a' || s[i + 1] == 'A') && i + 2 < n && s[i + 2] == ' ') {
                o->links++;
                o->html_link = 1;
            } else if (s[i + 1] == '/' && i + 2 < n && (s[i + 2] == 'a' || s[i + 2] == 'A') &&
                       i + 3 < n && s[i + 3] == '>') {
                o->html_link = 0;
            }
            i = run = end;
            continue;
        }
        /* attributes after a heading's text, a code span or a fence */
        if (s[i] == '{' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '`') &&
            attributes(s, n, i) > i) {
            put_text(o, s + run, i - run, in_link);
            i = run = attributes(s, n, i);
            continue;
        }
        /* the end of a link opened in an earlier paragraph ("[", a blank
           line, the link's heading and image, then "](address)"): its
           address goes as syntax */
        if (!in_link && s[i] == ']' && i + 1 < n && s[i + 1] == '(') {
            size_t end = closing(s, n, i + 1, '(', ')');
            if (end && !memchr(s + i, ' ', end - i)) {
                put_text(o, s + run, i - run, in_link);
                o->links++;
                i = run = attributes(s, n, end);
                continue;
            }
        }
        if (s[i] == '<' && (n - i > 8) && (!strncmp(s + i + 1, "http", 4) || !strncmp(s + i + 1, "mailto:", 7))) {
            const char *gt = memchr(s + i, '>', n - i);
            if (gt) {
                put_text(o, s + run, i - run, in_link);
                o->links++;
                put_text(o, s + i + 1, (size_t)(gt - s - i - 1), 1);
                i = run = (size_t)(gt - s) + 1;
                continue;
            }
        }
        i++;
    }
    put_text(o, s + run, n - run, in_link || o->html_link);
}

unsigned layout_markdown_text(const char *s, size_t n, struct buf *out)
{
    out->len = 0;
    unsigned flags = 0;
    size_t i = 0;
    if (n && s[0] == '#') {
        while (i < n && s[i] == '#')
            i++;
        if (i < n && s[i] == ' ') {
            flags |= MDF_HEADING | (i == 1 ? MDF_TOP_HEADING : 0u);
            while (i < n && s[i] == ' ')
                i++;
        } else {
            i = 0;
        }
    }
    struct md_out o = { out, 0, 0, 0, 0, 0 };
    /* pandoc's fenced div: ":::", its class or attributes, nothing to read */
    if (n - i >= 3 && !memcmp(s + i, ":::", 3)) {
        while (i < n && s[i] == ':')
            i++;
        while (i < n && s[i] == ' ')
            i++;
        if (i < n && s[i] != '{')
            while (i < n && s[i] != ' ')
                i++;
    }
    /* a list marker stays as it is */
    enum md_kind k = layout_md_kind(s + i, n - i, 0);
    if (k == MD_LIST || k == MD_QUOTE) {
        size_t m = i;
        while (m < n && s[m] != ' ')
            m++;
        buf_append(out, s + i, m + 1 <= n ? m + 1 - i : n - i);
        i = m + 1 <= n ? m + 1 : n;
    }
    size_t body = out->len;
    md_inline(&o, s + i, n - i, 0);
    /* trailing heading marks ("## Title ##") and the spaces the removed
       syntax left behind */
    if (flags & MDF_HEADING)
        while (out->len > body && (out->p[out->len - 1] == '#' || out->p[out->len - 1] == ' '))
            out->len--;
    size_t w = 0;
    for (size_t r = 0; r < out->len; r++) {
        if (out->p[r] == ' ' && (w == 0 || out->p[w - 1] == ' '))
            continue;
        out->p[w++] = out->p[r];
    }
    while (w > 0 && out->p[w - 1] == ' ')
        w--;
    out->len = w;
    if (o.links)
        flags |= MDF_LINKS;
    if (o.links && o.text_chars == 0 && o.link_chars > 0)
        flags |= MDF_LINKS_ONLY;
    if (o.images && o.text_chars == 0 && o.link_chars == 0)
        flags |= MDF_IMAGE_ONLY;
    return flags;
}

/* The attributes at the start of s[0..n) that a line goes on with from
 * the line before it: ".class", "#id", key="value" and key=value tokens
 * (a quoted value may hold spaces, and go on to the line's end), up to
 * the "}" or ">" that closes them or the line's end. The index after them
 * (after the closer), 0 when the line does not start so. */
static size_t attribute_run(const char *s, size_t n)
{
    size_t i = 0;
    int tokens = 0;
    for (;;) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            return tokens ? n : 0;
        if (tokens && (s[i] == '}' || s[i] == '>'))
            return i + 1;
        if (tokens && s[i] == '/' && i + 1 < n && s[i + 1] == '>')
            return i + 2;
        if (s[i] == '.' || s[i] == '#') {
            size_t k = i + 1;
            while (k < n && s[k] != ' ' && s[k] != '}')
                k++;
            if (k == i + 1)
                return 0;
            i = k;
        } else {
            size_t k = attribute_key(s, n, i);
            if (k == i)
                return 0;
            k++;
            if (k < n && (s[k] == '"' || s[k] == '\'')) {
                /* to the closing quote (pandoc escapes one inside: \") */
                char quote = s[k++];
                while (k < n && (s[k] != quote || s[k - 1] == '\\'))
                    k++;
                i = k < n ? k + 1 : n;
            } else {
                while (k < n && s[k] != ' ' && s[k] != '}' && s[k] != '>')
                    k++;
                i = k;
            }
        }
        tokens++;
    }
}

int layout_markup_only(const char *s, size_t n, struct buf *scratch)
{
    while (n && s[0] == ' ')
        s++, n--;
    size_t from = attribute_run(s, n);
    layout_markdown_text(s + from, n - from, scratch);
    for (size_t i = 0; i < scratch->len; i++) {
        unsigned char c = (unsigned char)scratch->p[i];
        if (c >= 0x80 || isalnum(c))
            return 0;
    }
    return 1;
}

/* A byte that can be part of a word: a letter or digit, or any byte of a
 * multi-byte character. */
static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* t[i] is an underscore standing for a space: one underscore between two
 * other characters of a token, at least one of them part of a word
 * ("Jetzt_unterstützen", "Militär:_Bund"). */
static int joint_at(const char *t, size_t n, size_t i)
{
    if (t[i] != '_' || i == 0 || i + 1 >= n || t[i - 1] == '_' || t[i + 1] == '_')
        return 0;
    return word_byte((unsigned char)t[i - 1]) || word_byte((unsigned char)t[i + 1]);
}

/* In token t[0..n): an underscore standing for a space, not in an address
 * (a path, an e-mail, a query: "/", "@", "="). */
static int underscored_token(const char *t, size_t n)
{
    int joint = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '/' || t[i] == '@' || t[i] == '=')
            return 0;
        joint |= joint_at(t, n, i);
    }
    return joint;
}

/* The underscores of s[0..n) that stand for spaces; when out is not NULL,
 * out (a copy of s) gets spaces there. */
static size_t underscores(const char *s, size_t n, char *out)
{
    size_t k = 0;
    if (!memchr(s, '_', n))
        return 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (underscored_token(s + i, j - i)) {
            for (size_t m = i; m < j; m++)
                if (joint_at(s + i, j - i, m - i)) {
                    if (out)
                        out[m] = ' ';
                    k++;
                }
        }
        i = j + 1;
    }
    return k;
}

int layout_has_underscored(const char *s, size_t n)
{
    return underscores(s, n, NULL) > 0;
}

size_t layout_underscored_text(const char *s, size_t n, struct buf *out)
{
    buf_set(out, s, n);
    return underscores(s, n, out->p);
}
