/* text: UTF-8 repair, normalisation, words and folding (see text.h). */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

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

size_t text_repair(const char *in, size_t n, struct buf *out)
{
    const uint8_t *s = (const uint8_t *)in;
    size_t repairs = 0, i = 0;
    while (i < n) {
        const uint8_t *valid_end = u8_check(s + i, n - i);
        if (!valid_end) {
            buf_append(out, s + i, n - i);
            break;
        }
        size_t good = (size_t)(valid_end - (s + i));
        buf_append(out, s + i, good);
        i += good;
        buf_append(out, REPLACEMENT, sizeof REPLACEMENT);
        i += invalid_len(s + i, n - i);
        repairs++;
    }
    return repairs;
}

/* Code points that can be copied without NFC: none of them decomposes or
 * combines. Latin up to U+02FF, Vietnamese precomposed letters (U+1E00 to
 * U+1EFF) and general punctuation cover almost all Vietnamese news text, so
 * most lines skip u8_normalize entirely. */
static int nfc_stable(ucs4_t uc)
{
    return uc < 0x300 || (uc >= 0x1E00 && uc <= 0x1EFF) ||
           (uc >= 0x2010 && uc <= 0x205E) || uc == 0xFFFD;
}

static int is_invisible(ucs4_t uc)
{
    return uc == 0x200B || uc == 0xFEFF || uc == 0x2060 || uc == 0x00AD;
}

size_t text_normalize(const char *in, size_t n, struct buf *out, struct buf *scratch)
{
    const uint8_t *s = (const uint8_t *)in;
    size_t repairs = 0, i = 0;
    int space = 0, need_nfc = 0;
    out->len = 0;
    buf_reserve(out, n);
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) {
            if (c <= 0x20 || c == 0x7F) {
                space = out->len > 0;
            } else {
                if (space) {
                    buf_putc(out, ' ');
                    space = 0;
                }
                buf_putc(out, (char)c);
            }
            i++;
            continue;
        }
        ucs4_t uc;
        int bad;
        size_t k = decode_or_repair(s + i, n - i, &uc, &bad);
        if (bad) {
            repairs++;
        } else if (uc_is_property_white_space(uc) || uc_is_cntrl(uc)) {
            space = out->len > 0;
            i += k;
            continue;
        } else if (is_invisible(uc)) {
            i += k;
            continue;
        }
        if (space) {
            buf_putc(out, ' ');
            space = 0;
        }
        if (bad)
            buf_append(out, REPLACEMENT, sizeof REPLACEMENT);
        else
            buf_append(out, s + i, k);
        if (!nfc_stable(uc))
            need_nfc = 1;
        i += k;
    }
    if (need_nfc && out->len) {
        size_t len = scratch->cap;
        uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)out->p, out->len,
                                  (uint8_t *)scratch->p, &len);
        if (!r)
            xalloc_die_errno();
        if (r != (uint8_t *)scratch->p) {
            free(scratch->p);
            scratch->p = (char *)r;
            scratch->cap = len;
        }
        scratch->len = len;
        buf_set(out, scratch->p, scratch->len);
    }
    return repairs;
}

int text_decode(const char *s, size_t n, uint32_t *uc)
{
    ucs4_t u;
    int k = u8_mbtoucr(&u, (const uint8_t *)s, n);
    if (k <= 0) {
        *uc = 0xFFFD;
        return 1;
    }
    *uc = u;
    return k;
}

static int is_word_char(ucs4_t uc)
{
    if (uc < 0x80)
        return (uc >= '0' && uc <= '9') || ((uc | 0x20) >= 'a' && (uc | 0x20) <= 'z');
    return uc_is_alnum(uc) || uc_is_general_category(uc, UC_CATEGORY_M);
}

int text_next_word(const char *s, size_t n, size_t *pos, size_t *start, size_t *len)
{
    size_t i = *pos;
    while (i < n) {
        uint32_t uc;
        int k = text_decode(s + i, n - i, &uc);
        if (is_word_char(uc))
            break;
        i += (size_t)k;
    }
    if (i >= n) {
        *pos = n;
        return 0;
    }
    size_t b = i;
    while (i < n) {
        uint32_t uc;
        int k = text_decode(s + i, n - i, &uc);
        if (!is_word_char(uc))
            break;
        i += (size_t)k;
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
    if (!r)
        xalloc_die_errno();
    if (r != (uint8_t *)out->p) {
        free(out->p);
        out->p = (char *)r;
        out->cap = len;
    }
    out->len = len;
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
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((uint8_t)s[i] & 0xC0) != 0x80;
    return c;
}

int text_is_upper(uint32_t uc)
{
    return uc_is_upper(uc) || uc_is_general_category(uc, UC_CATEGORY_Lt);
}

int text_is_letter(uint32_t uc)
{
    return uc_is_alpha(uc);
}

int text_is_punct(uint32_t uc)
{
    return uc_is_punct(uc);
}
