/* text: UTF-8 repair, normalisation, words and folding (see text.h). */
#include "text.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "xalloc.h"

static const char REPLACEMENT[3] = { (char)0xEF, (char)0xBF, (char)0xBD };

/* Character classes of the Basic Multilingual Plane, read from
 * libunistring into a table: the hot loops then classify with one load.
 * The table is filled a block of 256 code points at a time, the first
 * time a code point of the block is seen (a page uses a handful of
 * blocks; filling all 256 took most of a short run's time), under a lock,
 * with a flag per block published after its entries (release) and read
 * before them (acquire), so workers share it safely. Block 0 (ASCII and
 * Latin-1) is filled by text_init, and the ASCII paths read it directly.
 * Code points above U+FFFF ask libunistring directly. */
enum {
    C_WORD = 1, C_UPPER = 2, C_LETTER = 4, C_SPACE = 8, C_NFC_SAFE = 16, C_INVISIBLE = 32,
    C_HAS_LOWER = 64, /* uc_tolower() changes it */
    C_LOWER = 128
};

static unsigned char bmp_class[0x10000];
static atomic_uchar block_ready[0x100];
static pthread_mutex_t block_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;

static unsigned char classify(ucs4_t uc)
{
    unsigned char c = 0;
    if (uc_is_alnum(uc) || uc_is_general_category(uc, UC_CATEGORY_M))
        c |= C_WORD;
    if (uc_is_upper(uc) || uc_is_general_category(uc, UC_CATEGORY_Lt))
        c |= C_UPPER;
    if (uc_is_alpha(uc))
        c |= C_LETTER;
    if (uc_is_property_white_space(uc) || uc_is_cntrl(uc))
        c |= C_SPACE;
    /* copied without NFC: Latin up to U+02FF, Vietnamese precomposed
       letters (U+1E00..U+1EFF), general punctuation */
    if (uc < 0x300 || (uc >= 0x1E00 && uc <= 0x1EFF) || (uc >= 0x2010 && uc <= 0x205E) ||
        uc == 0xFFFD)
        c |= C_NFC_SAFE;
    if (uc == 0x200B || uc == 0xFEFF || uc == 0x2060 || uc == 0x00AD)
        c |= C_INVISIBLE;
    if (uc_tolower(uc) != uc)
        c |= C_HAS_LOWER;
    if (uc_is_lower(uc))
        c |= C_LOWER;
    return c;
}

static void fill_block(unsigned blk)
{
    pthread_mutex_lock(&block_mu);
    if (!atomic_load_explicit(&block_ready[blk], memory_order_relaxed)) {
        for (ucs4_t uc = (ucs4_t)blk << 8; uc < ((ucs4_t)blk + 1) << 8; uc++)
            bmp_class[uc] = classify(uc);
        atomic_store_explicit(&block_ready[blk], 1, memory_order_release);
    }
    pthread_mutex_unlock(&block_mu);
}

static void fill_first_block(void)
{
    fill_block(0);
}

static inline unsigned char class_of(ucs4_t uc)
{
    if (uc < 0x10000) {
        unsigned blk = (unsigned)(uc >> 8);
        if (!atomic_load_explicit(&block_ready[blk], memory_order_acquire))
            fill_block(blk);
        return bmp_class[uc];
    }
    return classify(uc);
}

void text_init(void)
{
    pthread_once(&bmp_once, fill_first_block);
}

/* Decode one code point of text known to be valid UTF-8. */
static inline size_t decode_valid(const uint8_t *s, ucs4_t *uc)
{
    uint8_t b = s[0];
    if (b < 0x80) {
        *uc = b;
        return 1;
    }
    if (b < 0xE0) {
        *uc = ((ucs4_t)(b & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (b < 0xF0) {
        *uc = ((ucs4_t)(b & 0x0F) << 12) | ((ucs4_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    *uc = ((ucs4_t)(b & 0x07) << 18) | ((ucs4_t)(s[1] & 0x3F) << 12) |
          ((ucs4_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
}

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

/* The cheap word key of text_word_fn: length, first and last two bytes. */
static inline unsigned long long word_key(const uint8_t *w, size_t n)
{
    unsigned long long k = (unsigned long long)n * 0x9E3779B97F4A7C15ULL;
    k ^= ((unsigned long long)w[0] << 8 | w[n > 1]) * 0xC2B2AE3D27D4EB4FULL;
    k ^= ((unsigned long long)w[n - 1] << 8 | w[n > 1 ? n - 2 : 0]) * 0x165667B19E3779F9ULL;
    return k ^ (k >> 29);
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

static size_t normalize(const char *in, size_t n, struct buf *out, struct buf *scratch,
                        struct scan *scan_out, struct text_words *tw)
{
    struct scan local, *sc = NULL;
    if (scan_out) {
        local = *scan_out;
        sc = &local;
    }
    text_init();
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
                if (sc)
                    scan_char(sc, c, bmp_class[c], olen);
                last = c; /* a pending space was written just before */
                last_at = olen;
                o[olen++] = (char)c;
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
        if (!r)
            xalloc_die_errno();
        if (r != (uint8_t *)scratch->p) {
            free(scratch->p);
            scratch->p = (char *)r;
            scratch->cap = len;
        }
        scratch->len = len;
        buf_set(out, scratch->p, scratch->len);
        if (sc) /* the text changed: count it again */
            text_scan_words(out->p, out->len, tw, sc->fn, sc->ctx);
    }
    return repairs;
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
            } while (i < n && s[i] < 0x80 && (bmp_class[s[i]] & C_WORD));
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

