/* text_class: the character classes of the Basic Multilingual Plane (see
 * text_class.h). */
#include "text_class.h"

#include <pthread.h>
#include <unictype.h>
#include <unicase.h>

#include "text.h"

unsigned char text_bmp_class[0x10000];
atomic_uchar text_block_ready[0x100];
static pthread_mutex_t block_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;

unsigned char text_classify(ucs4_t uc)
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

void text_fill_block(unsigned blk)
{
    pthread_mutex_lock(&block_mu);
    if (!atomic_load_explicit(&text_block_ready[blk], memory_order_relaxed)) {
        for (ucs4_t uc = (ucs4_t)blk << 8; uc < ((ucs4_t)blk + 1) << 8; uc++)
            text_bmp_class[uc] = text_classify(uc);
        atomic_store_explicit(&text_block_ready[blk], 1, memory_order_release);
    }
    pthread_mutex_unlock(&block_mu);
}

static void fill_first_block(void)
{
    text_fill_block(0);
}

void text_init(void)
{
    pthread_once(&bmp_once, fill_first_block);
}
