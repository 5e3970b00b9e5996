/* text: UTF-8 repair and the normal form (see text.h); words and case
 * are in text_words.c, the class table in text_class.c. */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#include "text_class.h"
#include "xalloc.h"

static const char REPLACEMENT[3] = { (char)0xEF, (char)0xBF, (char)0xBD };

/* Length of the maximal subpart of an ill-formed sequence at s (Unicode
 * 3.9, table 3-8): a lead byte and the continuation bytes that could still
 * belong to it. Always at least 1. */
static size_t invalid_len(const uint8_t *s, size_t n)
{
    uint8_t b0 = s[0];
    if (b0 < 0xC2 || b0 > 0xF4)
        return 1;
    size_t need = b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : 3;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b0 == 0xE0)
        lo = 0xA0;
    else if (b0 == 0xED)
        hi = 0x9F;
    else if (b0 == 0xF0)
        lo = 0x90;
    else if (b0 == 0xF4)
        hi = 0x8F;
    if (n < 2 || s[1] < lo || s[1] > hi)
        return 1;
    size_t i = 2;
    while (i <= need && i < n && s[i] >= 0x80 && s[i] <= 0xBF)
        i++;
    return i;
}

/* Decode at s; on an ill-formed sequence return U+FFFD with *bad set. */
static size_t decode_or_repair(const uint8_t *s, size_t n, ucs4_t *uc, int *bad)
{
    int k = u8_mbtoucr(uc, s, n);
    if (k > 0) {
        *bad = 0;
        return (size_t)k;
    }
    *bad = 1;
    *uc = 0xFFFD;
    return invalid_len(s, n);
}

/* A well-formed two- or three-byte sequence at s: no overlong form, no
 * surrogate. Anything else (four bytes, or broken) answers 0. */
static inline int common_sequence(const uint8_t *s, size_t n)
{
    uint8_t b = s[0];
    if (b >= 0xC2 && b < 0xE0)
        return n >= 2 && (s[1] & 0xC0) == 0x80;
    if (b >= 0xE0 && b < 0xF0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
        return !(b == 0xE0 && s[1] < 0xA0) && !(b == 0xED && s[1] >= 0xA0);
    return 0;
}

/* The word scanner's state, fed the output as it is written. normalize()
 * keeps a copy in a local whose address never escapes, so the compiler can
 * hold it in registers: the output is written through a char pointer, and
 * a char store could alias anything reached through a pointer. */
struct scan {
    text_word_fn fn;
    void *ctx;
    const char *base;  /* out->p; refreshed when out grows */
    size_t start;
    unsigned words, chars, upper, digits;
    int in_word, w_upper, w_digit;
};

static inline void scan_end_word(struct scan *sc, size_t end)
{
    sc->in_word = 0;
    sc->words++;
    sc->upper += (unsigned)sc->w_upper;
    sc->digits += (unsigned)sc->w_digit;
    if (sc->fn)
        sc->fn(sc->ctx, sc->base + sc->start, end - sc->start,
               word_key((const uint8_t *)sc->base + sc->start, end - sc->start), sc->w_upper,
               sc->w_digit);
}

/* One code point of class cls at out position at. */
static inline void scan_char(struct scan *sc, ucs4_t uc, unsigned char cls, size_t at)
{
    sc->chars++;
    if (cls & C_WORD) {
        if (!sc->in_word) {
            sc->in_word = 1;
            sc->start = at;
            sc->w_upper = (cls & C_UPPER) != 0;
            sc->w_digit = uc >= '0' && uc <= '9';
        }
    } else if (sc->in_word) {
        scan_end_word(sc, at);
    }
}

/* The character an HTML character reference at s[0..n) (just after its
 * "&") stands for, and the reference's length after the "&" in *len; 0
 * when s holds none. Numeric references ("#39;", "#x27;") and the few
 * named ones tools leave in text (Debian html2text writes "&#x27;"); not
 * "<" or ">", which would make markup of text (Markdown escapes them so). */
static ucs4_t reference_at(const char *s, size_t n, size_t *len)
{
    static const struct {
        const char *name;
        ucs4_t uc;
    } named[] = { { "amp;", '&' }, { "quot;", '"' }, { "apos;", '\'' }, { "nbsp;", 0xA0 } };
    if (n >= 3 && s[0] == '#') {
        int hex = s[1] == 'x' || s[1] == 'X';
        size_t i = hex ? 2 : 1, digits = 0;
        ucs4_t uc = 0;
        for (; i < n && digits < 7; i++, digits++) {
            unsigned char c = (unsigned char)s[i];
            unsigned v = c >= '0' && c <= '9'             ? c - '0'
                         : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                          : 16;
            if (v >= (hex ? 16u : 10u))
                break;
            uc = uc * (hex ? 16 : 10) + v;
        }
        if (digits == 0 || i >= n || s[i] != ';' || uc == 0 || uc > 0x10FFFF ||
            (uc >= 0xD800 && uc <= 0xDFFF) || uc == '<' || uc == '>')
            return 0;
        *len = i + 1;
        return uc;
    }
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
        size_t m = strlen(named[k].name);
        if (n >= m && !memcmp(s, named[k].name, m)) {
            *len = m;
            return named[k].uc;
        }
    }
    return 0;
}

/* in[0..n) with its character references replaced by their characters
 * into out (amp: its first "&"); 0 when it holds none. The text gets no
 * longer. */
static int decode_references(const char *in, size_t n, const char *amp, struct buf *out)
{
    const char *p = in, *end = in + n;
    int any = 0;
    out->len = 0;
    for (const char *a = amp; a; a = memchr(p, '&', (size_t)(end - p))) {
        size_t len;
        ucs4_t uc = reference_at(a + 1, (size_t)(end - a - 1), &len);
        if (!uc) {
            buf_append(out, p, (size_t)(a + 1 - p));
            p = a + 1;
            continue;
        }
        buf_append(out, p, (size_t)(a - p));
        uint8_t enc[6];
        int w = u8_uctomb(enc, uc, sizeof enc);
        buf_append(out, enc, w > 0 ? (size_t)w : 0);
        p = a + 1 + len;
        any = 1;
    }
    buf_append(out, p, (size_t)(end - p));
    return any;
}

static size_t normalize(const char *in, size_t n, struct buf *out, struct buf *scratch,
                        struct scan *scan_out, struct text_words *tw)
{
    struct scan local, *sc = NULL;
    if (scan_out) {
        local = *scan_out;
        sc = &local;
    }
    text_init();
    /* character references a tool left in the text ("it&#x27;s") read as
       their characters: decoded into scratch, which the NFC step below
       reuses only once the input has been read */
    const char *amp = n ? memchr(in, '&', n) : NULL;
    if (amp && decode_references(in, n, amp, scratch)) {
        in = scratch->p;
        n = scratch->len;
    }
    const uint8_t *s = (const uint8_t *)in;
    size_t repairs = 0, i = 0;
    int space = 0, need_nfc = 0;
    /* Well-formed two- and three-byte sequences (all of Vietnamese) are
       decoded in the loop; the first byte that is anything else makes
       libunistring check the rest of the line, and a broken line takes the
       repairing path from there. */
    int valid = 1, checked = 0;
    out->len = 0;
    buf_reserve(out, n + 3);
    char *o = out->p;
    size_t olen = 0;
    /* the last code point written and where it starts, for composing a
       combining mark into it */
    ucs4_t last = 0;
    size_t last_at = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) {
            if (c <= 0x20 || c == 0x7F) {
                space = olen > 0;
            } else {
                if (space) {
                    if (sc)
                        scan_char(sc, ' ', 0, olen);
                    o[olen++] = ' ';
                    space = 0;
                }
                unsigned char cls = text_bmp_class[c];
                if (sc)
                    scan_char(sc, c, cls, olen);
                last = c; /* a pending space was written just before */
                last_at = olen;
                o[olen++] = (char)c;
                i++;
                if (cls & C_WORD)
                    goto word_goes_on;
                continue;
            }
            i++;
            continue;
        }
        ucs4_t uc;
        size_t k;
        int bad = 0;
        if (!checked && !(valid = common_sequence(s + i, n - i))) {
            valid = u8_check(s + i, n - i) == NULL;
            checked = 1;
        }
        if (valid)
            k = decode_valid(s + i, &uc);
        else
            k = decode_or_repair(s + i, n - i, &uc, &bad);
        unsigned char cls = class_of(uc);
        if (bad) {
            repairs++;
        } else if (cls & C_SPACE) {
            space = olen > 0;
            i += k;
            continue;
        } else if (cls & C_INVISIBLE) {
            i += k;
            continue;
        }
        /* A combining mark after a Latin letter (decomposed Vietnamese):
           when libunistring's uc_composition() gives a primary composite
           of the two, that composite is the NFC of the pair, and such a
           letter never composes with what precedes it, so it replaces the
           letter here and the line may still skip u8_normalize(). */
        if (!bad && !space && !need_nfc && olen > 0 && uc >= 0x300 && uc <= 0x36F &&
            uc != 0x34F && (class_of(last) & C_NFC_SAFE)) {
            ucs4_t r = uc_composition(last, uc);
            if (r && (class_of(r) & C_NFC_SAFE)) {
                olen = last_at;
                int w = u8_uctomb((uint8_t *)o + olen, r, 4);
                olen += w > 0 ? (size_t)w : 0;
                last = r;
                i += k;
                continue;
            }
        }
        /* Output never outgrows input except by a replacement (one byte in,
           three out): a character, or a space for the blanks before it,
           takes no more bytes than it came in, so the room reserved at the
           start (or at the last replacement) for a space and the rest of
           the input byte for byte still holds. Before a replacement, make
           that room again. */
        if (bad) {
            size_t need = olen + 1 + sizeof REPLACEMENT + (n - i - k) + 1;
            if (need > out->cap) {
                out->len = olen;
                buf_reserve(out, need - olen);
                o = out->p;
                if (sc)
                    sc->base = o;
            }
        }
        if (space) {
            if (sc)
                scan_char(sc, ' ', 0, olen);
            o[olen++] = ' ';
            space = 0;
        }
        last_at = olen;
        if (bad) {
            if (sc)
                scan_char(sc, 0xFFFD, class_of(0xFFFD), olen);
            memcpy(o + olen, REPLACEMENT, sizeof REPLACEMENT);
            olen += sizeof REPLACEMENT;
            last = 0xFFFD;
        } else {
            if (sc)
                scan_char(sc, uc, cls, olen);
            for (size_t j = 0; j < k; j++) /* 2 to 4 bytes: no call */
                o[olen++] = (char)s[i + j];
            last = uc;
        }
        if (!(cls & C_NFC_SAFE))
            need_nfc = 1;
        i += k;
        if (bad || !(cls & C_WORD))
            continue;
    word_goes_on:
        /* The rest of the word: its characters take the steps above with
           nothing to decide (no space before them, no repair, no mark to
           compose, the word scanner only counting), so they are copied
           here; anything else goes back to the steps above. */
        while (i < n) {
            uint8_t b = s[i];
            if (b < 0x80) {
                if (!(text_bmp_class[b] & C_WORD))
                    break;
                last = b;
                last_at = olen;
                o[olen++] = (char)b;
                i++;
            } else {
                if (checked ? !valid : !common_sequence(s + i, n - i))
                    break;
                ucs4_t w;
                size_t wk = decode_valid(s + i, &w);
                unsigned char wc = class_of(w);
                if ((wc & (C_WORD | C_SPACE | C_INVISIBLE)) != C_WORD || (w >= 0x300 && w <= 0x36F))
                    break;
                if (!(wc & C_NFC_SAFE))
                    need_nfc = 1;
                last = w;
                last_at = olen;
                for (size_t j = 0; j < wk; j++)
                    o[olen++] = (char)s[i + j];
                i += wk;
            }
            if (sc)
                sc->chars++;
        }
    }
    out->len = olen;
    if (sc && sc->in_word && !need_nfc)
        scan_end_word(sc, olen);
    if (sc && !need_nfc) {
        tw->words = sc->words;
        tw->chars = sc->chars;
        tw->upper = sc->upper;
        tw->digits = sc->digits;
    }
    if (need_nfc && out->len) {
        size_t len = scratch->cap;
        uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)out->p, out->len,
                                  (uint8_t *)scratch->p, &len);
        text_take_result(scratch, r, len);
        buf_set(out, scratch->p, scratch->len);
        if (sc) /* the text changed: count it again */
            text_scan_words(out->p, out->len, tw, sc->fn, sc->ctx);
    }
    return repairs;
}

size_t text_whole_chars(const char *s, size_t n)
{
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        unsigned char c = (unsigned char)s[n - back];
        if ((c & 0xC0) == 0x80)
            continue; /* a continuation byte: look further back */
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? n - back : n;
    }
    return n;
}

size_t text_repair(const char *in, size_t n, struct buf *out)
{
    const uint8_t *s = (const uint8_t *)in;
    const uint8_t *bad = u8_check(s, n);
    out->len = 0;
    if (!bad) {
        buf_set(out, in, n);
        return 0;
    }
    size_t repairs = 0, i = (size_t)(bad - s);
    buf_append(out, in, i);
    while (i < n) {
        ucs4_t uc;
        int ill;
        size_t k = decode_or_repair(s + i, n - i, &uc, &ill);
        if (ill) {
            buf_append(out, REPLACEMENT, sizeof REPLACEMENT);
            repairs++;
        } else {
            buf_append(out, in + i, k);
        }
        i += k;
    }
    return repairs;
}

size_t text_normalize(const char *in, size_t n, struct buf *out, struct buf *scratch)
{
    return normalize(in, n, out, scratch, NULL, NULL);
}

size_t text_normalize_scan(const char *in, size_t n, struct buf *out, struct buf *scratch,
                           struct text_words *tw, text_word_fn fn, void *ctx)
{
    memset(tw, 0, sizeof *tw);
    out->len = 0;
    buf_reserve(out, n + 3);
    struct scan sc = { fn, ctx, out->p, 0, 0, 0, 0, 0, 0, 0, 0 };
    return normalize(in, n, out, scratch, &sc, tw);
}

int text_is_blank(const char *s, size_t n)
{
    text_init();
    const uint8_t *p = (const uint8_t *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            if (p[i] > ' ' && p[i] != 0x7F)
                return 0;
            i++;
            continue;
        }
        ucs4_t uc;
        int bad;
        i += decode_or_repair(p + i, n - i, &uc, &bad);
        if (bad || !(class_of(uc) & (C_SPACE | C_INVISIBLE)))
            return 0;
    }
    return 1;
}

