/* rules_tail: the longest text a rule anchored at the end can match, so
 * that it is tried on a line's tail only (see rules_impl.h).
 *
 * A rule such as "(?<=\D[^\s\d\/])\d{1,2}\/\d{1,2}\/\d{4}$" can only match
 * the last characters of a line, yet PCRE2 tries it at every position of
 * the line: on long paragraphs these few rules cost as much as all the
 * others. When every branch of the pattern ends with "$" and the pattern
 * can match at most N characters, a match starts within the last N
 * characters, and matching from there (lookbehinds still see the text
 * before) answers the same. N is read from the pattern's text by a small
 * walk over the syntax that gives up (0) on anything it does not know.
 *
 * Lines are matched in their normal form, where white space is one
 * space: a "\s*" or " +" matches one character there. The bound counts it
 * so, and a line whose tail has other white space (text that did not come
 * through the normaliser) is matched whole. */
#include <stddef.h>
#include <string.h>

#include "rules_impl.h"

#define UNBOUNDED ((size_t)-1)

struct walk {
    const char *p;
    size_t i;
    int bad;   /* a construct the walk does not know */
    int ended; /* the last item of the top level was "$" (or \z, \Z) */
};

static size_t alternation(struct walk *w, int depth);

static size_t add(size_t a, size_t b)
{
    return a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : a + b;
}

static size_t mul(size_t a, size_t n)
{
    if (a == UNBOUNDED)
        return n ? UNBOUNDED : 0;
    if (n && a > UNBOUNDED / 2 / n)
        return UNBOUNDED;
    return a * n;
}

/* One UTF-8 character from p[i]: the index after it. */
static size_t skip_char(const char *p, size_t i)
{
    if (!p[i])
        return i; /* the end: stay on it */
    i++;
    while (((unsigned char)p[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* A "{...}" argument after \p, \x, \o: the index after its "}". */
static size_t skip_braces(struct walk *w, size_t i)
{
    const char *close = strchr(w->p + i, '}');
    if (!close) {
        w->bad = 1;
        return strlen(w->p);
    }
    return (size_t)(close - w->p) + 1;
}

/* An escape at w->i (the backslash): its length in characters (0 for an
 * assertion); *space set for \s and \h. */
static size_t escape(struct walk *w, int *space)
{
    char c = w->p[w->i + 1];
    size_t i = w->i + 2;
    size_t len = 1;
    switch (c) {
    case '\0':
        w->bad = 1;
        return 0;
    case 's': case 'h':
        *space = 1;
        break;
    case 'd': case 'D': case 'w': case 'W': case 'S': case 'H': case 'v': case 'V': case 'N':
        break;
    case 'b': case 'B': case 'A':
        len = 0;
        break;
    case 'z': case 'Z':
        len = 0;
        w->ended = 2; /* an end, confirmed when it is the last item */
        break;
    case 'R':
        len = 2; /* \r\n */
        break;
    case 'p': case 'P':
        i = w->p[i] == '{' ? skip_braces(w, i) : skip_char(w->p, i);
        break;
    case 'x': case 'o':
        if (w->p[i] == '{')
            i = skip_braces(w, i);
        else if (c == 'x')
            while (i < w->i + 4 && strchr("0123456789abcdefABCDEF", w->p[i]) && w->p[i])
                i++;
        else
            w->bad = 1;
        break;
    case 'c':
        if (!w->p[i])
            w->bad = 1;
        else
            i++;
        break;
    case '0':
        while (i < w->i + 4 && w->p[i] >= '0' && w->p[i] <= '7')
            i++;
        break;
    default:
        /* back references, \g \k, \K, \Q..\E, \X (a cluster of any
           length), \C, \G (the start offset itself): not walked */
        if ((c >= '1' && c <= '9') || strchr("gkKQEXCGLlUu", c))
            w->bad = 1;
        else if ((unsigned char)c >= 0x80)
            i = skip_char(w->p, w->i + 1);
    }
    w->i = i;
    return len;
}

/* A class at w->i (the "["): one character. */
static void char_class(struct walk *w)
{
    size_t i = w->i + 1;
    if (w->p[i] == '^')
        i++;
    if (w->p[i] == ']')
        i++;
    while (w->p[i] && w->p[i] != ']') {
        if (w->p[i] == '\\') {
            if (!w->p[i + 1] || w->p[i + 1] == 'Q' || w->p[i + 1] == 'E') {
                w->bad = 1;
                return;
            }
            i = skip_char(w->p, i + 1);
        } else if (w->p[i] == '[' && w->p[i + 1] == ':') {
            const char *close = strstr(w->p + i + 2, ":]");
            if (!close) {
                w->bad = 1;
                return;
            }
            i = (size_t)(close - w->p) + 2;
        } else {
            i = skip_char(w->p, i);
        }
    }
    if (!w->p[i]) {
        w->bad = 1; /* not closed: stay on the end */
        w->i = i;
        return;
    }
    w->i = i + 1;
}

/* A group at w->i (the "("): its length; 0 for a lookaround or an
 * option setting. */
static size_t group(struct walk *w, int depth)
{
    const char *g = w->p + w->i;
    int zero = 0;
    size_t open = 1;
    if (g[1] == '*') {
        w->bad = 1; /* verbs */
        return 0;
    }
    if (g[1] == '?') {
        char c = g[2];
        if (c == ':' || c == '|' || c == '>') {
            open = 3;
        } else if (c == '=' || c == '!') {
            open = 3;
            zero = 1;
        } else if (c == '<' && (g[3] == '=' || g[3] == '!')) {
            open = 4;
            zero = 1;
        } else if (c == '#') {
            const char *close = strchr(g, ')');
            if (!close) {
                w->bad = 1;
                return 0;
            }
            w->i = (size_t)(close - w->p) + 1;
            return 0;
        } else {
            /* option letters, then ")" (a setting) or ":" (a group);
               named groups, recursion, conditions: not walked */
            size_t k = 2;
            while (g[k] && strchr("imnsJU-^", g[k]))
                k++;
            if (k == 2 || (g[k] != ')' && g[k] != ':')) {
                w->bad = 1;
                return 0;
            }
            if (g[k] == ')') {
                w->i += k + 1;
                return 0;
            }
            open = k + 1;
        }
    }
    w->i += open;
    int ended = w->ended;
    size_t len = alternation(w, depth + 1);
    w->ended = ended; /* an end inside a group is not the pattern's */
    if (w->p[w->i] != ')') {
        w->bad = 1;
        return 0;
    }
    w->i++;
    return zero ? 0 : len;
}

/* A quantifier at w->i, if any: 1 with *hi its most repeats (UNBOUNDED:
 * no limit), 0 when there is none. */
static int quantifier(struct walk *w, size_t *hi)
{
    const char *q = w->p + w->i;
    size_t k = 1;
    if (*q == '?') {
        *hi = 1;
    } else if (*q == '*' || *q == '+') {
        *hi = UNBOUNDED;
    } else if (*q == '{') {
        /* {n}, {n,}, {n,m}; anything else is a literal "{", except {,m}
           (a quantifier since PCRE2 10.43): not walked */
        size_t a = 1, n = 0, m = 0;
        if (q[1] == ',')
            return w->bad = 1, 0;
        int digits = 0, comma = 0, mdigits = 0;
        while (q[a] >= '0' && q[a] <= '9') {
            n = n * 10 + (size_t)(q[a++] - '0');
            digits = 1;
            if (n > 100000)
                return w->bad = 1, 0;
        }
        if (q[a] == ',') {
            comma = 1;
            a++;
            while (q[a] >= '0' && q[a] <= '9') {
                m = m * 10 + (size_t)(q[a++] - '0');
                mdigits = 1;
                if (m > 100000)
                    return w->bad = 1, 0;
            }
        }
        if (!digits || q[a] != '}')
            return 0;
        k = a + 1;
        *hi = !comma ? n : mdigits ? m : UNBOUNDED;
    } else {
        return 0;
    }
    w->i += k;
    if (w->p[w->i] == '?' || w->p[w->i] == '+') /* lazy, possessive */
        w->i++;
    return 1;
}

/* Branches up to ")" or the end: the longest. */
static size_t alternation(struct walk *w, int depth)
{
    size_t best = 0, len = 0;
    for (;;) {
        char c = w->p[w->i];
        if (w->bad)
            return 0;
        if (!c || c == ')') {
            return len > best ? len : best;
        }
        if (c == '|') {
            if (depth == 0)
                w->bad = 1; /* every branch would need its own "$" */
            best = len > best ? len : best;
            len = 0;
            w->i++;
            continue;
        }
        size_t item;
        int space = 0, end = 0;
        if (c == '\\') {
            w->ended = 0;
            item = escape(w, &space);
            end = w->ended == 2;
        } else if (c == '[') {
            char_class(w);
            item = 1;
        } else if (c == '(') {
            item = group(w, depth);
        } else if (c == '^') {
            w->i++;
            item = 0;
        } else if (c == '$') {
            w->i++;
            item = 0;
            end = 1;
        } else {
            space = c == ' ';
            w->i = skip_char(w->p, w->i);
            item = 1;
        }
        size_t hi;
        if (w->bad)
            return 0;
        if (quantifier(w, &hi)) {
            end = 0;
            /* white space is one space in a normal form */
            item = space && hi == UNBOUNDED ? 1 : mul(item, hi);
        }
        if (depth == 0)
            w->ended = end;
        len = add(len, item);
    }
}

size_t rules_tail_chars(const char *pattern, unsigned flags)
{
    if (flags & (PCRE2_EXTENDED | PCRE2_LITERAL | PCRE2_MULTILINE))
        return 0;
    struct walk w = { pattern, 0, 0, 0 };
    size_t len = alternation(&w, 0);
    if (w.bad || w.p[w.i] || !w.ended || len == UNBOUNDED || len == 0)
        return 0;
    return len;
}

/* Whether the character of more than one byte that starts at s[i] is
 * white space, or may be: U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000,
 * told by their first two bytes (more is only slower: the tail grows). */
static inline int wide_white(const unsigned char *s, size_t i, size_t n)
{
    unsigned char c = s[i], d = i + 1 < n ? s[i + 1] : 0;
    return (c == 0xC2 && (d == 0x85 || d == 0xA0)) || (c == 0xE1 && d == 0x9A) ||
           (c == 0xE2 && (d == 0x80 || d == 0x81)) || (c == 0xE3 && d == 0x80);
}

size_t rules_tail_start(size_t chars, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    /* a line of up to twice the tail's bytes is matched whole: walking
       back over the tail costs about what matching it all does */
    if (n <= 2 * chars)
        return 0;
    /* back over chars characters, and one more for a run of white space
       across the tail's start: a control character, or white space next
       to white space, and the pattern's count (a run is one space) does
       not hold there: the whole line */
    size_t i = n, start = 0, k = 0;
    int white_after = 0;
    while (i > 0) {
        unsigned char c = p[--i];
        if ((c & 0xC0) == 0x80)
            continue; /* inside a character */
        int white;
        if (c > 0x20 && c < 0x7F)
            white = 0;
        else if (c < 0x20 || c == 0x7F)
            return 0;
        else
            white = c == ' ' || wide_white(p, i, n);
        if (white && white_after)
            return 0;
        white_after = white;
        if (++k == chars)
            start = i;
        else if (k > chars)
            return start;
    }
    return 0;
}
