/* detect: the built-in detectors as a table (name, line function), their
 * settings as a table (detect_config.c: name.key, default, range, meaning)
 * and the word lists rule files give them. Rule files tune settings with
 * "detect NAME key=value ..." and switch detectors with "detect NAME off". */
#ifndef CLEANER_DETECT_H
#define CLEANER_DETECT_H

#include <stddef.h>

#include "buf.h"
#include "strset.h"

/* The detectors, in the order they run on each line; body runs last (it
 * is the phase machine that decides the article's extent). */
enum detector_id {
    DET_TIMESTAMP, /* a line that is only a date or a time */
    DET_BYLINE,    /* a person's name alone on a line */
    DET_TEASER,    /* doubled titles with "..." snippets or time stamps */
    DET_CAPTION,   /* alt text then caption, near the same: keep the second */
    DET_REPEAT,    /* a line that repeats the headline or a line just before */
    DET_SECOND,    /* a new headline whose alt text follows its lead (the
                      article's choice looks for it) */
    DET_ALT,       /* the headline or a nearby line again plus " - Hình 1" */
    DET_BODY,      /* headline, body, gap and end of the article */
    DET_COUNT
};

struct doc;
struct line_rec;

/* One entry per detector: its name in rule files, --disable and --explain,
 * and what it does on each line (NULL for body and second-article, which
 * the article's choice does: article.c). A line function may change the
 * verdicts of lines still in the window; it returns NULL. */
struct detector {
    const char *name;
    const char *(*line)(struct doc *d, struct line_rec *l);
    const char *summary;
};
extern const struct detector detectors[DET_COUNT];

/* A word list named in rule files ("stopwords WORD...", "datewords ...",
 * "durationwords ..."), lower case. */
struct word_list {
    struct strset set;
    size_t max_len; /* bytes of the longest, to skip lookups */
};

struct detect_config {
    int on[DET_COUNT];
    /* body */
    unsigned body_good_words;     /* words for a sentence-like line */
    unsigned body_long_words;     /* words for a good line without final stop */
    double body_stop_ratio;       /* stop words per word for such a line */
    unsigned body_gap;            /* non-body lines that end the article */
    unsigned body_confirm_chars;  /* body text that confirms the article */
    unsigned body_confirm_lines;  /* or this many good lines */
    unsigned body_headline_lookback; /* lines looked back for the headline */
    unsigned body_link_run;       /* title-like lines in a row that are links */
    unsigned body_tail_words;     /* a short last line kept after the body */
    unsigned body_tail_lines;     /* at most this many such lines */
    unsigned body_box_units;      /* title+snippet items that make a box */
    unsigned body_resume_lines;   /* after a cut, lines that confirm resumed text */
    unsigned body_title_min_words, body_title_max_words; /* a title's length */
    double body_best_share;       /* the core's share of the best block's text */
    double body_cohesion;         /* shared content words that carry the article over a box */
    unsigned body_box_lines;      /* most lines of a box inside the article */
    unsigned body_summary_items;  /* most items of a summary box */
    double body_tail_cohesion;    /* shared content words a last part after a break needs */
    /* teaser */
    unsigned teaser_min_words;
    unsigned teaser_run;          /* lines between two teasers that go too */
    /* caption */
    double caption_similarity;
    double caption_length_ratio;  /* shorter line's words over the longer's */
    unsigned caption_min_words, caption_max_words;
    unsigned caption_extra_words; /* words a caption may add to its alt text */
    /* repeat */
    unsigned repeat_lookback;
    /* alt-text */
    unsigned alt_suffix_words;
    unsigned alt_lookback;
    /* second-article */
    unsigned second_suffix_words;
    unsigned second_lookback;
    /* byline */
    unsigned byline_max_words;
    unsigned byline_max_chars;
    /* timestamp */
    unsigned timestamp_max_words;
    /* window (settings only) */
    unsigned window;              /* most lines held at once */
    /* suggest (settings only, for --suggest-rules) */
    unsigned suggest_cut_words;   /* a suggested tail header's most words */
    unsigned suggest_tail_lines;  /* lines looked at after a page's article */
    unsigned suggest_min_pages;   /* a shape must stand on this many pages */
    /* word lists from the rule files */
    struct word_list stopwords;     /* function words of running text */
    struct word_list datewords;     /* words a date or time line may hold */
    struct word_list durationwords; /* "7 ngày trước": a time ago */
};

void detect_config_init(struct detect_config *c);
void detect_config_free(struct detect_config *c);

/* The detector called name, or -1. */
int detect_find(const char *name);
/* Switch a detector on or off. Returns 0, or -1 if name is unknown. */
int detect_config_enable(struct detect_config *c, const char *name, int on);
/* Set name.key to the text value (name: a detector, "window" or
 * "suggest"). Returns 0, or -1 with a message in msg (at most msgsize
 * bytes, always terminated). */
int detect_config_set(struct detect_config *c, const char *name, const char *key,
                      const char *value, char *msg, size_t msgsize);
/* Whether name is a detector or a settings group. */
int detect_config_known(const char *name);
/* Write every setting as "name.key<TAB>default<TAB>range<TAB>meaning" lines
 * (the defaults of c): the table docs/rules.md is checked against. */
void detect_config_list(const struct detect_config *c, struct buf *out);
/* Add lower-cased words to a list. */
void word_list_add(struct word_list *w, const char *s, size_t n, struct buf *scratch);
int word_list_has(const struct word_list *w, const char *s, size_t n);
/* Add every word of src to dst. */
void word_list_merge(struct word_list *dst, const struct word_list *src);



/* Line features (words, stop words, shapes) of l->norm; sets LF_* shape
 * flags, keeping LF_PROTECTED and LF_RULE_HIT. */
void detect_features(const struct detect_config *c, struct line_rec *l, struct buf *scratch);
/* Normalise raw into l->norm and take its features in the same pass.
 * Returns the number of UTF-8 repairs. */
size_t detect_normalize(const struct detect_config *c, struct line_rec *l, const char *raw,
                        size_t len, struct buf *nfc_scratch, struct buf *scratch);

/* The per-line detectors of the table (see struct detector). */
const char *detect_timestamp(struct doc *d, struct line_rec *l);
const char *detect_byline(struct doc *d, struct line_rec *l);
const char *detect_teaser(struct doc *d, struct line_rec *l);
const char *detect_caption(struct doc *d, struct line_rec *l);
const char *detect_repeat(struct doc *d, struct line_rec *l);
const char *detect_alt(struct doc *d, struct line_rec *l);

/* Whether the text s[0..n) is only a date or a time ("22:25:06
 * 19/02/2025", "Thứ Ba, 25/12/2012 - 10:03", "7 ngày trước"): 2 for a
 * time ago, 1 for another, 0 for none; low is scratch space
 * (detect_line.c). */
int detect_timestamp_shape(const struct detect_config *c, const char *s, size_t n,
                           struct buf *low);

/* Whether s[0..n) (a normal form) is a person's name alone: a few
 * capitalised words, as the byline detector wants them. */
int detect_name_shape(const struct detect_config *c, const char *s, size_t n, struct buf *scratch);

/* Paragraph l of several lines, whose first line has l->head_words
 * words: where that head ends and the rest starts (*rest), when one space
 * stands between them, both start as a title does (a capital; the head
 * also a digit or a quote) and the head ends in a word that is not one of
 * c's stop words, as when the wrapping glued a title that filled the
 * width to the line under it. scratch is working space. */
int detect_head_split(const struct detect_config *c, const struct line_rec *l,
                      struct buf *scratch, size_t *head_end, size_t *rest);

/* Paragraph l is title-shaped (not good, no sentence end inside or at
 * its end) and is two titles glued by the wrapping: each of a title's
 * length (the whole is no longer than one may be), split as
 * detect_head_split says. Then it is LF_GLUED. */
void detect_glued_titles(const struct detect_config *c, struct line_rec *l, struct buf *scratch);

/* Stop words in line l (lower-cased first letters). */
unsigned detect_stopwords(const struct detect_config *c, const struct line_rec *l,
                          struct buf *scratch);
#endif
