/* text: UTF-8 repair, the normal form lines are matched and written in, word
 * scanning and case folding, all on (pointer, length) strings that may hold
 * NUL bytes. Built on libunistring; no state between calls. */
#ifndef CLEANER_TEXT_H
#define CLEANER_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The normal form: HTML character references a tool left in the text
 * ("&#x27;", "&#233;", "&amp;", "&quot;", "&apos;", "&nbsp;"; not "<"
 * or ">") read as their characters; invalid UTF-8 repaired to U+FFFD;
 * every Unicode white space and control character (NUL, tab, NBSP,
 * U+2000..U+200A, ...) made a plain space; zero-width spaces and stray
 * BOMs removed; runs of spaces collapsed; leading and trailing space
 * trimmed; NFC. out is overwritten;
 * scratch is working space (both keep their capacity for reuse).
 * Returns the number of invalid UTF-8 subparts replaced. */
size_t text_normalize(const char *in, size_t n, struct buf *out, struct buf *scratch);

/* s[0..n) into out (overwritten) with every ill-formed UTF-8 subpart
 * replaced by U+FFFD and nothing else changed; NUL bytes stay. Returns
 * the number of replacements. */
size_t text_repair(const char *s, size_t n, struct buf *out);
/* The length of s[0..n) without an incomplete UTF-8 sequence at its end
 * (a piece of a longer text cut there: the sequence goes on after it). */
size_t text_whole_chars(const char *s, size_t n);

/* Start of the next word at or after *pos in s[0..n): a word is a run of
 * letters, digits and combining marks. Sets *len and moves *pos past it.
 * Returns 0 when there is no further word. s must be valid UTF-8. */
int text_next_word(const char *s, size_t n, size_t *pos, size_t *start, size_t *len);
/* The same, with the word lower-cased as text_lower_simple does it into
 * out (overwritten) in the same pass. */
int text_next_word_lower(const char *s, size_t n, size_t *pos, struct buf *out);

/* Full Unicode case folding of valid UTF-8 into out (overwritten), NFC. */
void text_casefold(const char *s, size_t n, struct buf *out);

/* Lower-case of valid UTF-8 into out (overwritten). */
void text_lower(const char *s, size_t n, struct buf *out);

/* Number of code points in valid UTF-8. */
size_t text_chars(const char *s, size_t n);

/* Counts of one pass over a line's words (see text_scan_words). */
struct text_words {
    unsigned words, chars, upper, digits;
};

/* Called for each word: its bytes, a cheap key (equal words have equal
 * keys; built from the length and the first and last bytes, not a full
 * hash), and whether it starts with a capital or a digit. */
typedef void (*text_word_fn)(void *ctx, const char *w, size_t n, unsigned long long hash,
                             int upper, int digit);

/* One pass over valid UTF-8: code points, words (as text_next_word finds
 * them), words starting with a capital or a digit; fn (may be NULL) sees
 * every word. */
void text_scan_words(const char *s, size_t n, struct text_words *tw, text_word_fn fn, void *ctx);

/* text_normalize() and text_scan_words() over the result in one pass (the
 * scan is redone only when NFC changed the text). */
size_t text_normalize_scan(const char *in, size_t n, struct buf *out, struct buf *scratch,
                           struct text_words *tw, text_word_fn fn, void *ctx);

/* Build the character-class tables (done on first use too; thread-safe). */
void text_init(void);

/* Simple (one-to-one) lower-case mapping of valid UTF-8 into out
 * (overwritten): cheaper than text_lower, enough for word lookups. */
void text_lower_simple(const char *s, size_t n, struct buf *out);

/* Whether the normal form of s[0..n) (any bytes) is empty: only white
 * space, control and invisible characters. */
int text_is_blank(const char *s, size_t n);
/* Decode the code point at s (valid UTF-8, n > 0); returns its length. */
int text_decode(const char *s, size_t n, uint32_t *uc);

/* A piece of text between spaces that is an address, a file name, markup
 * or code ("https://www.nrk.no/sport/", "www.example.org", "a@b.c",
 * "utm_source=x&y=z", ".in-text-link}"): no word of a language. */
int text_address_like(const char *t, size_t n);

/* Code point category helpers (Unicode, via libunistring). */
int text_is_upper(uint32_t uc);
int text_is_letter(uint32_t uc);
int text_is_lower(uint32_t uc);

#endif
