/* detect_features: what the detectors know about one line on its own:
 * word and stop-word counts, capitals, and shapes (sentence end, ellipsis,
 * title, person's name, list item). Works on the normal form only. */
#include <stdint.h>
#include <string.h>

#include "doc.h"
#include "strset.h"
#include "text.h"

/* Closing quotes and brackets are looked through at the end of a line. */
static int is_closer(uint32_t uc)
{
    return uc == '"' || uc == '\'' || uc == ')' || uc == ']' || uc == 0x201D ||
           uc == 0x2019 || uc == 0xBB || uc == 0x201C || uc == '*';
}

/* Last code point before position end in valid UTF-8; moves *end to it. */
static uint32_t last_char(const char *s, size_t *end)
{
    size_t i = *end;
    if (i == 0)
        return 0;
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    uint32_t uc;
    text_decode(s + i, *end - i, &uc);
    *end = i;
    return uc;
}

static void end_shape(const char *s, size_t n, unsigned *flags)
{
    size_t e = n;
    uint32_t uc = last_char(s, &e);
    while (e > 0 && is_closer(uc))
        uc = last_char(s, &e);
    if (uc == 0x2026 || (uc == '.' && n >= 3 && e >= 2 && s[e - 1] == '.' && s[e - 2] == '.'))
        *flags |= LF_ELLIPSIS;
    if (uc == '.' || uc == '!' || uc == '?' || uc == 0x2026 || uc == ':' || uc == ';')
        *flags |= LF_SENTENCE;
}

/* Sentences that end inside the text: a full stop, a question or an
 * exclamation mark, a space, then a capital. A long paragraph that holds
 * two of them is running text whatever its last word (a phone number, a
 * link's words) and whether or not the language is known. */
static unsigned inner_sentences(const char *s, size_t n)
{
    unsigned k = 0;
    for (size_t i = 1; i + 2 < n && k < 2; i++) {
        if ((s[i] != '.' && s[i] != '?' && s[i] != '!') || s[i + 1] != ' ' || s[i - 1] == ' ' ||
            s[i - 1] == '.')
            continue;
        uint32_t uc; /* normal form: one space between words */
        text_decode(s + i + 2, n - i - 2, &uc);
        k += text_is_upper(uc);
    }
    return k;
}

/* The last word is an address ("… on our website: www.example.org",
 * "info@example.org"): a contact notice stops so, running text seldom. */
static int ends_in_address(const char *s, size_t n)
{
    size_t w = n;
    while (w > 0 && s[w - 1] != ' ')
        w--;
    return text_address_like(s + w, n - w);
}

static int list_marker(const char *s, size_t n)
{
    if (n >= 2 && (s[0] == '-' || s[0] == '+' || s[0] == '*') && s[1] == ' ')
        return 1;
    if (n >= 4 && !memcmp(s, "\xE2\x80\xA2", 3)) /* bullet */
        return 1;
    size_t i = 0;
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        i++;
    return i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

static int digit_at(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

/* A clock time ("00:15", "8:05") or a day with its year ("20-07-2026",
 * "24/12/12", "3.8.2011"): digits only, so any language. Headlines name
 * days ("ngày 18/7") but seldom the clock or the year of a date. */
static int meta_shape(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!digit_at(s, n, i) || (i > 0 && digit_at(s, n, i - 1)))
            continue;
        size_t a = i;
        while (digit_at(s, n, a))
            a++;
        if (a - i > 2 || a >= n)
            continue;
        if (s[a] == ':' && digit_at(s, n, a + 1) && digit_at(s, n, a + 2) && !digit_at(s, n, a + 3))
            return 1;
        char sep = s[a];
        if (sep != '/' && sep != '-' && sep != '.')
            continue;
        size_t b = a + 1;
        while (digit_at(s, n, b))
            b++;
        if (b - a - 1 < 1 || b - a - 1 > 2 || b >= n || s[b] != sep)
            continue;
        size_t c = b + 1;
        while (digit_at(s, n, c))
            c++;
        if ((c - b - 1 == 2 || c - b - 1 == 4) && !(c < n && s[c] == sep))
            return 1;
    }
    return 0;
}

/* The one lower-case word of a name line joins two names: a word of three
 * letters or fewer, not first or last ("og", "und", "and", "et", "y"). */
static int joined_names(const char *s, size_t n)
{
    size_t pos = 0, ws, wl, k = 0, at = 0, words = 0;
    while (text_next_word(s, n, &pos, &ws, &wl)) {
        uint32_t first;
        text_decode(s + ws, wl, &first);
        if (!text_is_upper(first)) {
            if (wl > 3)
                return 0;
            at = k;
        }
        k++;
        words++;
    }
    return at > 0 && at + 1 < words;
}

/* A person's name alone: a few capitalised words, letters only, joined by
 * spaces and at most "-", "&" or ",", with perhaps an agency in brackets
 * at the end. "XUÂN LONG", "Quang Phong - Tùng Nguyên", "Tâm Hằng (TTXVN)". */
static int name_shape(const char *s, size_t n, const struct line_feat *f,
                      const struct detect_config *c)
{
    if (f->words == 0 || f->words > c->byline_max_words || f->chars > c->byline_max_chars)
        return 0;
    /* one short lower-case word may join two names ("Jane Doe og John
       Roe", "A und B") */
    if (f->digits)
        return 0;
    if (f->upper != f->words && (f->words < 3 || f->upper + 1 != f->words || !joined_names(s, n)))
        return 0;
    if (n > 2 && s[n - 1] == ')') {
        const char *open = memchr(s, '(', n);
        if (!open || open == s || open[-1] != ' ' || memchr(open + 1, '(', (size_t)(s + n - open - 1)))
            return 0;
        n = (size_t)(open - s) - 1;
    }
    for (size_t i = 0; i < n;) {
        uint32_t uc;
        i += (size_t)text_decode(s + i, n - i, &uc);
        if (!(text_is_letter(uc) || uc == ' ' || uc == '-' || uc == '&' || uc == ',' ||
              uc == '.' || uc == 0x2013))
            return 0;
    }
    return 1;
}

int detect_name_shape(const struct detect_config *c, const char *s, size_t n, struct buf *scratch)
{
    struct text_words tw;
    (void)scratch;
    text_scan_words(s, n, &tw, NULL, NULL);
    struct line_feat f = { tw.words, tw.chars, 0, tw.upper, tw.digits, 0 };
    return name_shape(s, n, &f, c);
}

struct word_ctx {
    const struct detect_config *c;
    struct line_feat *f;
    struct buf *scratch;
};

static void on_word(void *ctx, const char *w, size_t n, unsigned long long h, int upper, int digit)
{
    struct word_ctx *x = ctx;
    x->f->sig |= 1ULL << (h >> 58);
    (void)w, (void)n, (void)upper, (void)digit;
}

/* Stop words are counted only where they decide something: a long line
 * that does not end like a sentence (body.long-words). */
static void count_stopword(void *ctx, const char *w, size_t n, unsigned long long key, int upper,
                           int digit)
{
    struct word_ctx *x = ctx;
    (void)key;
    if (digit || !x->c->stopwords.set.count || n > x->c->stopwords.max_len)
        return;
    if (upper) {
        /* stop words are lower case: lower the first letter (a sentence
           start); a stop word has no other capital */
        uint32_t first;
        size_t k = (size_t)text_decode(w, n, &first);
        text_lower_simple(w, k, x->scratch);
        buf_append(x->scratch, w + k, n - k);
        x->f->stopwords += word_list_has(&x->c->stopwords, x->scratch->p, x->scratch->len);
    } else {
        x->f->stopwords += word_list_has(&x->c->stopwords, w, n);
    }
}

unsigned detect_stopwords(const struct detect_config *c, const struct line_rec *l,
                          struct buf *scratch)
{
    struct line_feat f = { 0, 0, 0, 0, 0, 0 };
    struct word_ctx x = { c, &f, scratch };
    struct text_words tw;
    text_scan_words(l->norm.p, l->norm.len, &tw, count_stopword, &x);
    return f.stopwords;
}

static void shape(const struct detect_config *c, struct line_rec *l, struct line_feat f,
                  const struct text_words *tw, struct buf *scratch);

void detect_features(const struct detect_config *c, struct line_rec *l, struct buf *scratch)
{
    struct line_feat f = { 0, 0, 0, 0, 0, 0 };
    struct word_ctx x = { c, &f, scratch };
    struct text_words tw;
    text_scan_words(l->norm.p, l->norm.len, &tw, on_word, &x);
    shape(c, l, f, &tw, scratch);
}

size_t detect_normalize(const struct detect_config *c, struct line_rec *l, const char *raw,
                        size_t len, struct buf *nfc_scratch, struct buf *scratch)
{
    struct line_feat f = { 0, 0, 0, 0, 0, 0 };
    struct word_ctx x = { c, &f, scratch };
    struct text_words tw;
    size_t repairs = text_normalize_scan(raw, len, &l->norm, nfc_scratch, &tw, on_word, &x);
    shape(c, l, f, &tw, scratch);
    return repairs;
}

/* Counts into l->f and shape flags into l->flags. */
static void shape(const struct detect_config *c, struct line_rec *l, struct line_feat f,
                  const struct text_words *tw, struct buf *scratch)
{
    const char *s = l->norm.p;
    size_t n = l->norm.len;
    unsigned flags = l->flags & (LF_PROTECTED | LF_RULE_HIT);
    f.words = tw->words;
    f.chars = tw->chars;
    f.upper = tw->upper;
    f.digits = tw->digits;
    l->f = f;
    if (n)
        end_shape(s, n, &flags);
    if (list_marker(s, n))
        flags |= LF_LIST;
    int sentence = (flags & LF_SENTENCE) != 0;
    if (f.words >= c->body_good_words && sentence) {
        flags |= LF_GOOD;
    } else if (f.words >= c->body_long_words) {
        struct word_ctx x = { c, &f, scratch };
        struct text_words again;
        text_scan_words(s, n, &again, count_stopword, &x);
        if ((double)f.stopwords >= c->body_stop_ratio * (double)f.words ||
            (inner_sentences(s, n) >= 2 && !ends_in_address(s, n)))
            flags |= LF_GOOD;
    }
    /* A title: a few words, no final full stop (a question or exclamation
       mark is fine), starting with a capital, a digit or a quote. */
    if (f.words >= c->body_title_min_words && f.words <= c->body_title_max_words &&
        !(flags & LF_ELLIPSIS)) {
        size_t e = n;
        uint32_t last = last_char(s, &e);
        uint32_t first;
        /* a list item's text after its marker ("* Title", "1. Title") */
        size_t m = 0;
        if (flags & LF_LIST) {
            while (m < n && s[m] != ' ')
                m++;
            m = m < n ? m + 1 : 0;
        }
        text_decode(s + m, n - m, &first);
        int starts = text_is_upper(first) || (first >= '0' && first <= '9') ||
                     first == '"' || first == 0x201C || first == '\'' || first == 0x2018;
        if (starts && last != '.' && last != ':' && last != ';' && last != ',')
            flags |= LF_TITLE;
        /* a short question or exclamation is a title ("... ra sao?"), not
           running text: it waits like a sub-head */
        if ((flags & LF_TITLE) && (last == '?' || last == '!') && f.words < c->body_long_words)
            flags &= ~(unsigned)LF_GOOD;
    }
    if (name_shape(s, n, &f, c))
        flags |= LF_NAME;
    if (f.digits && meta_shape(s, n))
        flags |= LF_META;
    /* every date or time has a word that starts with a digit */
    if (f.digits && !(flags & LF_GOOD) && f.words <= c->timestamp_max_words) {
        int kind = detect_timestamp_shape(c, s, n, scratch);
        if (kind)
            flags |= LF_TIME_SHAPE;
        if (kind == 2)
            flags |= LF_AGO;
    }
    l->flags = flags;
}

/* A capital, or for a head also a digit or a quote, as a title starts. */
static int title_start(uint32_t c, int head)
{
    return text_is_upper(c) ||
           (head && ((c >= '0' && c <= '9') || c == '"' || c == 0x201C || c == '\'' || c == 0x2018));
}

int detect_head_split(const struct detect_config *c, const struct line_rec *l,
                      struct buf *scratch, size_t *head_end, size_t *rest)
{
    const char *t = l->norm.p;
    size_t n = l->norm.len, pos = 0, start = 0, len = 0, end = 0, last = 0;
    if (!l->head_words)
        return 0;
    for (unsigned w = 0; w < l->head_words; w++) {
        if (!text_next_word(t, n, &pos, &start, &len))
            return 0;
        last = start;
        end = start + len;
    }
    /* a title ends in a word that says something ("... the western
       districts"), a line of running text often in a function word */
    text_lower_simple(t + last, end - last, scratch);
    if (word_list_has(&c->stopwords, scratch->p, scratch->len))
        return 0;
    if (!text_next_word(t, n, &pos, &start, &len) || start != end + 1 || t[end] != ' ')
        return 0;
    uint32_t first, rest_first;
    text_decode(t, n, &first);
    text_decode(t + start, n - start, &rest_first);
    if (!title_start(first, 1) || !title_start(rest_first, 0))
        return 0;
    *head_end = end;
    *rest = start;
    return 1;
}

/* A sentence ends inside text s[0..n) (". ", "? ", "! "): running text,
 * not titles. */
static int sentence_inside(const char *s, size_t n)
{
    for (const char *p = memchr(s, ' ', n); p; p = memchr(p + 1, ' ', (size_t)(s + n - p - 1)))
        if (p > s && (p[-1] == '.' || p[-1] == '?' || p[-1] == '!'))
            return 1;
    return 0;
}

void detect_glued_titles(const struct detect_config *c, struct line_rec *l, struct buf *scratch)
{
    size_t head_end, rest;
    if ((l->flags & (LF_GOOD | LF_TITLE | LF_SENTENCE | LF_LIST | LF_ELLIPSIS | LF_PROTECTED)) !=
            LF_TITLE ||
        l->head_words < c->body_title_min_words || l->head_words >= l->f.words)
        return;
    unsigned tail_words = l->f.words - l->head_words;
    if (tail_words < c->body_title_min_words || sentence_inside(l->norm.p, l->norm.len) ||
        !detect_head_split(c, l, scratch, &head_end, &rest))
        return;
    l->flags |= LF_GLUED;
}
