/* doc: the per-document state the engine and the line detectors share:
 * the window of pending paragraphs ("lines": one or more physical lines
 * that the layout stage put together; one line each in the usual one
 * block per line text) with their features and verdicts. Detectors read
 * and change verdicts only through it; the article's extent is decided by
 * article.c, which keeps its own state. No global state, so documents can
 * be cleaned side by side. */
#ifndef CLEANER_DOC_H
#define CLEANER_DOC_H

#include <stddef.h>
#include <string.h>

#include "buf.h"
#include "detect.h"

enum verdict {
    V_PENDING, /* not decided yet: waits for context */
    V_KEEP,
    V_DROP,
    V_BLANK /* empty after normalisation; never written */
};

enum line_flag {
    LF_PROTECTED = 1 << 0,   /* a keep rule matched: never dropped */
    LF_GOOD = 1 << 1,        /* sentence-like body text */
    LF_TIMESTAMP = 1 << 2,   /* only a date or time */
    LF_DOUBLED = 1 << 3,     /* same text as the previous line */
    LF_TEASER = 1 << 4,      /* part of a teaser (title, snippet) */
    LF_HEADLINE = 1 << 5,    /* the article's headline */
    LF_CUT = 1 << 6,         /* a cut rule matched: a tail header */
    LF_TITLE = 1 << 7,       /* shaped like a title */
    LF_NAME = 1 << 8,        /* shaped like a person's name alone */
    LF_ELLIPSIS = 1 << 9,    /* ends in "..." or U+2026 */
    LF_SENTENCE = 1 << 10,   /* ends like a sentence */
    LF_LIST = 1 << 11,       /* starts with a list marker */
    LF_RULE_HIT = 1 << 12,   /* a drop/cut/block rule decided it */
    LF_META = 1 << 13,       /* holds a clock time or a dated day: metadata,
                                never the headline */
    LF_AFTER_BLANK = 1 << 14, /* the line before it is blank: a block starts */
    LF_CAPTION = 1 << 15,    /* a caption rule matched: a photo caption */
    LF_COPY = 1 << 16,       /* alt text and its caption: a photo's
                                furniture, not page chrome, so not part of
                                a gap (doubled teaser titles are chrome) */
    LF_LEAD = 1 << 17,       /* a lead rule matched: "(Site) - ..." */
    LF_TIME_SHAPE = 1 << 18, /* shaped like a date or time alone (the
                                timestamp detector's test, made once with
                                the other shapes, so the memo keeps it) */
    LF_LINK = 1 << 19,       /* nothing but links (Markdown, lynx marks) */
    LF_IMAGE = 1 << 20,      /* nothing but images (Markdown) */
    LF_HEADING = 1 << 21,    /* a heading (Markdown "#", html2text "***") */
    LF_BLOCK = 1 << 22,      /* a block rule matched: a box header */
    LF_SUFFIXED = 1 << 23,   /* copy_of names the line this one repeats with
                                a short suffix (" - Hình 1") */
    LF_AGO = 1 << 24,        /* a time ago ("7 ngày trước", "3 hours ago") */
    LF_TOO_LONG = 1 << 25,   /* longer than a paragraph can be (engine.h):
                                dropped as "too-long", never otherwise */
    LF_PIECES = 1 << 26,     /* glued from pieces the page split at inline
                                elements (the split layout): running text
                                with a link or a bold word in it, not one
                                link's title */
    LF_TOP_HEADING = 1 << 27, /* a heading of the first level (Markdown "# ",
                                html2text "******"): the page's title */
    LF_SUMMARY = 1 << 28,    /* a summary rule matched: a summary box's
                                header */
    LF_GLUED = 1 << 29,      /* two titles the wrapping glued into one
                                paragraph (a title that filled the width,
                                the next under it): two in a run of link
                                titles */
    LF_MARKUP = 1 << 30      /* markup a tool let through (attributes,
                                script): nothing a reader sees, no line of
                                text between two blocks */
};

struct line_feat {
    unsigned words;      /* word tokens */
    unsigned chars;      /* code points */
    unsigned stopwords;  /* words in the stop-word list (counted only on long
                            lines without a final stop, where it decides) */
    unsigned upper;      /* words that start with a capital */
    unsigned digits;     /* words that start with a digit */
    unsigned long long sig; /* one bit per word hash: a cheap word-set sketch */
};

struct line_rec {
    unsigned long long seq; /* position among the document's paragraphs */
    unsigned long long line0; /* its first physical line (from 0) */
    unsigned nlines;        /* physical lines it is made of */
    unsigned head_words;    /* in wrapped or Markdown text, a paragraph of
                               several lines: the words of its first line
                               as read (a title that filled the width is
                               glued to the line under it); 0: not known */
    unsigned long long prev; /* seq + 1 of the nearest non-blank line
                                before it; 0: none */
    struct line_rec *prev_rec; /* that line's slot, valid while
                                  prev - 1 is still in the window */
    struct buf norm;        /* the normal form (text_normalize) of its
                               lines joined, as a reader sees it (Markdown
                               syntax taken out): what rules and detectors
                               read */
    unsigned long long head; /* its first 8 bytes, zero-padded: lines told
                                apart without reading their text */
    struct line_feat f;
    unsigned flags;
    unsigned long long copy_of; /* seq + 1 of the line this one is a copy
                                   of: alt text and its caption (the
                                   caption detector), or a line with a
                                   suffix (alt-text); 0: none */
    enum verdict v;
    const char *why;        /* rule or detector that decided; static or
                               owned by the rule set, which outlives docs */
    struct buf words;       /* its content-word keys (uint64_t each), made
                               by word_keys() when first asked */
    int words_made;         /* words holds this text's keys */
};

/* Ring of line records for sequence numbers [base, next). Slots keep their
 * buffers between lines, so steady state allocates nothing. */
struct window {
    struct line_rec *slot;
    size_t cap;                 /* most lines held (window.lines) */
    size_t mask;                /* slots - 1: the slots are cap rounded up
                                   to a power of two, so that a line's slot
                                   is a mask away, not a division */
    unsigned long long base, next;
};

/* The teaser detector's state: the last teaser line, so that the lines
 * between two teasers close together go as one run. */
struct teaser_state {
    int has_teaser;
    unsigned long long last_teaser_seq;
};

struct doc {
    const struct detect_config *cfg;
    struct window win;
    unsigned long long last_text; /* seq + 1 of the last non-blank line */
    struct line_rec *last_text_rec; /* and its slot */
    /* the last answer of "which line does this one repeat with a short
       suffix": alt-text and second-article ask it of the same line */
    struct {
        unsigned long long seq1;   /* seq + 1 of the line asked about; 0: none */
        unsigned lookback, words;
        struct line_rec *x;
    } suffixed;
    struct teaser_state teaser; /* the teaser detector's own state */
    /* working space for detectors, reused line after line */
    struct buf scratch;
    unsigned long long *hashes;
    size_t hashes_cap;
};

static inline struct line_rec *doc_line(struct doc *d, unsigned long long seq)
{
    if (seq < d->win.base || seq >= d->win.next)
        return NULL;
    return &d->win.slot[seq & d->win.mask];
}

/* The first bytes of a normal form as line_rec.head holds them. */
static inline unsigned long long doc_head(const char *p, size_t n)
{
    unsigned long long h = 0;
    memcpy(&h, p, n < sizeof h ? n : sizeof h);
    return h;
}

/* The same normal form: the length and the first bytes decide most
 * pairs without a call to memcmp. */
static inline int doc_same_text(const struct line_rec *a, const struct line_rec *b)
{
    return a->norm.len == b->norm.len && a->head == b->head &&
           (a->norm.len <= sizeof a->head ||
            !memcmp(a->norm.p + sizeof a->head, b->norm.p + sizeof a->head,
                    a->norm.len - sizeof a->head));
}

/* The nearest non-blank line before line l still in the window, or
 * NULL: one step, whatever the blank lines between. */
static inline struct line_rec *doc_before(struct doc *d, const struct line_rec *l)
{
    unsigned long long p = l->prev;
    if (p == 0 || p - 1 < d->win.base)
        return NULL;
    return l->prev_rec;
}


/* Decide a line unless a keep rule protects it. */
void doc_drop(struct line_rec *l, const char *why);
void doc_keep(struct line_rec *l, const char *why);

#endif
