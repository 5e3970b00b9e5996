/* detect: the built-in detectors' settings and entry points. Each detector
 * has a name used in rule files ("detect NAME key=value ...") and in
 * --explain output. Defaults are in detect_config_init(); rule files tune
 * them through detect_config_set(). */
#ifndef CLEANER_DETECT_H
#define CLEANER_DETECT_H

#include <stddef.h>

#include "buf.h"
#include "strset.h"

struct detect_config {
    /* body: the main-text detector */
    int body_on;
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
    /* teaser: doubled titles with "..." snippets or time stamps */
    int teaser_on;
    unsigned teaser_min_words;
    unsigned teaser_run;          /* lines between two teasers that go too */
    /* caption: alt text then caption, near the same: keep the second */
    int caption_on;
    double caption_similarity;
    unsigned caption_max_words;
    /* alt-text: a line that repeats the headline or a nearby line plus a
       short suffix such as " - Hình 1" */
    int alt_on;
    unsigned alt_suffix_words;
    unsigned alt_lookback;
    /* second-article: a new headline whose alt text follows its lead */
    int second_on;
    /* repeat: a line that repeats the headline or a line in the window */
    int repeat_on;
    /* byline: a person's name alone on a line */
    int byline_on;
    unsigned byline_max_words;
    unsigned byline_max_chars;
    /* timestamp: a line that is only a date or time */
    int timestamp_on;
    /* window */
    unsigned lookahead;           /* lines held after a line before output */
    unsigned window;              /* most lines held at once */
    /* stop words for the body detector, lower case */
    struct strset stopwords;
    size_t stopword_max_len;      /* bytes of the longest, to skip lookups */
};

void detect_config_init(struct detect_config *c);
void detect_config_free(struct detect_config *c);

/* Switch a detector on or off. Returns 0, or -1 if name is unknown. */
int detect_config_enable(struct detect_config *c, const char *name, int on);
/* Set name.key to the text value. Returns 0, or -1 with a message in
 * msg (at most msgsize bytes, always terminated). */
int detect_config_set(struct detect_config *c, const char *name, const char *key,
                      const char *value, char *msg, size_t msgsize);
/* Names of all detectors, NULL-terminated, for help and error messages. */
extern const char *const detect_names[];

struct doc;
struct line_rec;

/* Line features (words, stop words, shapes) of l->norm; sets LF_* shape
 * flags, keeping LF_PROTECTED and LF_RULE_HIT. */
void detect_features(const struct detect_config *c, struct line_rec *l, struct buf *scratch);
/* Normalise raw into l->norm and take its features in the same pass.
 * Returns the number of UTF-8 repairs. */
size_t detect_normalize(const struct detect_config *c, struct line_rec *l, const char *raw,
                        size_t len, struct buf *nfc_scratch, struct buf *scratch);

/* Per-line detectors, run in this order as each line arrives. Each may
 * change the verdicts of earlier lines still in the window. */
void detect_timestamp(struct doc *d, struct line_rec *l);
void detect_byline(struct doc *d, struct line_rec *l);
void detect_teaser(struct doc *d, struct line_rec *l);
void detect_caption(struct doc *d, struct line_rec *l);
void detect_repeat(struct doc *d, struct line_rec *l);
void detect_alt(struct doc *d, struct line_rec *l);

/* Stop words in line l (lower-cased first letters). */
unsigned detect_stopwords(const struct detect_config *c, const struct line_rec *l,
                          struct buf *scratch);
/* Distinct content words of a that b holds too (lower-case, stop words
 * left out). */
unsigned detect_shared_words(struct doc *d, const struct line_rec *a, const struct line_rec *b);

/* The body detector: the phase machine. body_line runs last for each line;
 * body_finish at the end of the document (or a cut); body_force when the
 * window is full and its oldest line must be decided. */
void detect_body_line(struct doc *d, struct line_rec *l);
void detect_body_finish(struct doc *d);
void detect_body_force(struct doc *d, struct line_rec *oldest);
/* End the article now (second article), with why for the rest. */
void detect_body_end(struct doc *d, const char *why);
/* A cut rule (why) matched line l inside the body: the article ends there
 * unless body text resumes soon after (see detect_body.c). */
void detect_body_cut(struct doc *d, struct line_rec *l, const char *why);

#endif
