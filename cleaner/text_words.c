/* text_words: words, case and character categories of valid UTF-8 (see
 * text.h). */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "text_class.h"
#include "xalloc.h"

int text_decode(const char *s, size_t n, uint32_t *uc)
{
    (void)n;
    ucs4_t u;
    int k = (int)decode_valid((const uint8_t *)s, &u);
    *uc = u;
    return k;
}

void text_scan_words(const char *str, size_t n, struct text_words *tw, text_word_fn fn, void *ctx)
{
    text_init();
    const uint8_t *s = (const uint8_t *)str;
    memset(tw, 0, sizeof *tw);
    size_t i = 0, start = 0;
    int in_word = 0, upper = 0, digit = 0;
    while (i < n) {
        ucs4_t uc;
        size_t k = s[i] < 0x80 ? (uc = s[i], 1) : decode_valid(s + i, &uc);
        unsigned char cls = class_of(uc);
        tw->chars++;
        if (cls & C_WORD) {
            if (!in_word) {
                in_word = 1;
                start = i;
                upper = (cls & C_UPPER) != 0;
                digit = uc >= '0' && uc <= '9';
            }
        } else if (in_word) {
            in_word = 0;
            tw->words++;
            tw->upper += upper;
            tw->digits += digit;
            if (fn)
                fn(ctx, str + start, i - start, word_key(s + start, i - start), upper, digit);
        }
        i += k;
    }
    if (in_word) {
        tw->words++;
        tw->upper += upper;
        tw->digits += digit;
        if (fn)
            fn(ctx, str + start, n - start, word_key(s + start, n - start), upper, digit);
    }
}

int text_next_word(const char *str, size_t n, size_t *pos, size_t *start, size_t *len)
{
    text_init();
    const uint8_t *s = (const uint8_t *)str;
    size_t i = *pos;
    ucs4_t uc;
    while (i < n) {
        size_t k = decode_valid(s + i, &uc);
        if (class_of(uc) & C_WORD)
            break;
        i += k;
    }
    if (i >= n) {
        *pos = n;
        return 0;
    }
    size_t b = i;
    while (i < n) {
        size_t k = decode_valid(s + i, &uc);
        if (!(class_of(uc) & C_WORD))
            break;
        i += k;
    }
    *start = b;
    *len = i - b;
    *pos = i;
    return 1;
}

typedef uint8_t *(*u8_mapper)(const uint8_t *, size_t, const char *, uninorm_t,
                              uint8_t *, size_t *);

static void map_into(u8_mapper f, const char *s, size_t n, struct buf *out)
{
    size_t len = out->cap;
    uint8_t *r = f((const uint8_t *)s, n, NULL, UNINORM_NFC, (uint8_t *)out->p, &len);
    text_take_result(out, r, len);
}

void text_take_result(struct buf *b, uint8_t *r, size_t len)
{
    if (!r)
        xalloc_die_errno();
    if (r != (uint8_t *)b->p) {
        free(b->p);
        b->p = (char *)r;
        b->cap = len;
    }
    b->len = len;
}

void text_casefold(const char *s, size_t n, struct buf *out)
{
    map_into(u8_casefold, s, n, out);
}

void text_lower(const char *s, size_t n, struct buf *out)
{
    map_into(u8_tolower, s, n, out);
}

size_t text_chars(const char *s, size_t n)
{
    /* every byte but the continuation bytes (10xxxxxx) starts a character;
       eight bytes at a time: a byte's bit 6 shifted under its bit 7 */
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, sizeof x);
        uint64_t m = (x & ~(x << 1) & 0x8080808080808080ULL) >> 7; /* 0 or 1 a byte */
        cont += (size_t)((m * 0x0101010101010101ULL) >> 56);
    }
    for (; i < n; i++)
        cont += ((uint8_t)s[i] & 0xC0) == 0x80;
    return n - cont;
}

int text_address_like(const char *t, size_t n)
{
    /* the bytes that make one (one load a byte: every word of the
       language sample passes here) */
    static const unsigned char address_byte[256] = {
        ['/'] = 1, ['='] = 1, ['&'] = 1, ['_'] = 1, ['@'] = 1,
        ['{'] = 1, ['}'] = 1, ['<'] = 1, ['>'] = 1,
    };
    /* markup too: pandoc's attributes and classes (".in-text-link}",
       "{.link"), a tag's pieces; and a host name written without its
       scheme */
    if (n && (t[0] == '.' || t[0] == '#'))
        return 1;
    if (n > 4 && !memcmp(t, "www.", 4))
        return 1;
    for (size_t i = 0; i < n; i++)
        if (address_byte[(unsigned char)t[i]])
            return 1;
    return 0;
}

int text_is_upper(uint32_t uc)
{
    text_init();
    return (class_of(uc) & C_UPPER) != 0;
}

int text_is_lower(uint32_t uc)
{
    text_init();
    return (class_of(uc) & C_LOWER) != 0;
}

int text_is_letter(uint32_t uc)
{
    text_init();
    return (class_of(uc) & C_LETTER) != 0;
}

/* Append the code point uc of class cls, encoded at s in k bytes, to out
 * lower-cased (simple mapping). */
static inline void put_lower(struct buf *out, const uint8_t *s, size_t k, ucs4_t uc,
                             unsigned char cls)
{
    if (k == 1) { /* ASCII: no library call */
        buf_putc(out, (char)(uc >= 'A' && uc <= 'Z' ? uc + ('a' - 'A') : uc));
    } else if (!(cls & C_HAS_LOWER)) { /* most letters: the same bytes */
        buf_reserve(out, k);
        for (size_t j = 0; j < k; j++)
            out->p[out->len++] = (char)s[j];
    } else {
        uint8_t enc[6];
        int w = u8_uctomb(enc, uc_tolower(uc), sizeof enc);
        buf_append(out, enc, w > 0 ? (size_t)w : 0);
    }
}

void text_lower_simple(const char *str, size_t n, struct buf *out)
{
    text_init();
    const uint8_t *s = (const uint8_t *)str;
    out->len = 0;
    buf_reserve(out, n + 4);
    for (size_t i = 0; i < n;) {
        ucs4_t uc;
        size_t k = decode_valid(s + i, &uc);
        put_lower(out, s + i, k, uc, class_of(uc));
        i += k;
    }
}

int text_next_word_lower(const char *str, size_t n, size_t *pos, struct buf *out)
{
    text_init();
    const uint8_t *s = (const uint8_t *)str;
    size_t i = *pos;
    ucs4_t uc;
    unsigned char cls = 0;
    size_t k = 0;
    while (i < n) {
        k = decode_valid(s + i, &uc);
        cls = class_of(uc);
        if (cls & C_WORD)
            break;
        i += k;
    }
    out->len = 0;
    if (i >= n) {
        *pos = n;
        return 0;
    }
    for (;;) {
        if (k == 1) { /* ASCII letters and digits: no decoding, no call */
            buf_reserve(out, 1);
            char *o = out->p;
            size_t len = out->len;
            do {
                uint8_t c = s[i++];
                o[len++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
                if (len == out->cap - 1) /* keep room for the next byte */
                    break;
            } while (i < n && s[i] < 0x80 && (text_bmp_class[s[i]] & C_WORD));
            out->len = len;
        } else {
            put_lower(out, s + i, k, uc, cls);
            i += k;
        }
        if (i >= n)
            break;
        k = decode_valid(s + i, &uc);
        cls = class_of(uc);
        if (!(cls & C_WORD))
            break;
    }
    *pos = i;
    return 1;
}

