/* text_class: what the parts of the text module share (text.c: repair and
 * the normal form; text_words.c: words and case; text_class.c: the class
 * table). Not for other modules: they see text.h. */
#ifndef CLEANER_TEXT_CLASS_H
#define CLEANER_TEXT_CLASS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <unitypes.h>

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

/* The table and a flag per block of 256 (text_class.c); read through
 * class_of(). */
extern unsigned char text_bmp_class[0x10000];
extern atomic_uchar text_block_ready[0x100];
/* The classes of uc, asked of libunistring. */
unsigned char text_classify(ucs4_t uc);
/* Fill block blk of the table (under a lock; once). */
void text_fill_block(unsigned blk);

static inline unsigned char class_of(ucs4_t uc)
{
    if (uc < 0x10000) {
        unsigned blk = (unsigned)(uc >> 8);
        if (!atomic_load_explicit(&text_block_ready[blk], memory_order_acquire))
            text_fill_block(blk);
        return text_bmp_class[uc];
    }
    return text_classify(uc);
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

/* The cheap word key of text_word_fn: length, first and last two bytes. */
static inline unsigned long long word_key(const uint8_t *w, size_t n)
{
    unsigned long long k = (unsigned long long)n * 0x9E3779B97F4A7C15ULL;
    k ^= ((unsigned long long)w[0] << 8 | w[n > 1]) * 0xC2B2AE3D27D4EB4FULL;
    k ^= ((unsigned long long)w[n - 1] << 8 | w[n > 1 ? n - 2 : 0]) * 0x165667B19E3779F9ULL;
    return k ^ (k >> 29);
}

struct buf;
/* A libunistring result of len bytes into b: r is b's own memory (it fit)
 * or a new allocation that b takes; NULL (out of memory) ends the program
 * (xalloc.h). */
void text_take_result(struct buf *b, uint8_t *r, size_t len);

#endif
