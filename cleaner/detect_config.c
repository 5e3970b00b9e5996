/* detect_config: the table of detectors and the table of their settings,
 * one row per setting with its default, range and meaning: the single
 * source that rule files ("detect body gap=12"), --disable, the defaults
 * and the documentation (detect_config_list, checked against
 * docs/rules.md by the tests) all read. */
#include "detect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

const struct detector detectors[DET_COUNT] = {
    [DET_TIMESTAMP] = { "timestamp", detect_timestamp, "a line that is only a date or a time" },
    [DET_BYLINE] = { "byline", detect_byline, "a person's name alone on a line" },
    [DET_TEASER] = { "teaser", detect_teaser,
                     "teasers without a header: doubled titles, \"...\" snippets, time stamps" },
    [DET_CAPTION] = { "caption", detect_caption,
                      "alt text then a caption that says nearly the same: keep the second" },
    [DET_REPEAT] = { "repeat", detect_repeat, "the headline, or a line just before, again" },
    [DET_ALT] = { "alt-text", detect_alt, "the headline or a nearby line again plus a short suffix" },
    [DET_SECOND] = { "second-article", NULL,
                     "a new title inside the body whose alt text follows its lead" },
    [DET_BODY] = { "body", NULL, "the article's extent: headline, body, boxes, gap and end" },
};

enum ptype { P_UINT, P_RATIO };

struct param {
    const char *group; /* a detector's name, "window" or "suggest" */
    const char *key;
    enum ptype type;
    size_t offset;
    double min, max, def;
    const char *meaning;
};

#define U(g, k, field, lo, hi, d, m) \
    { g, k, P_UINT, offsetof(struct detect_config, field), lo, hi, d, m }
#define R(g, k, field, d, m) { g, k, P_RATIO, offsetof(struct detect_config, field), 0, 1, d, m }

static const struct param params[] = {
    U("body", "good-words", body_good_words, 1, 1000, 10,
      "words a line ending like a sentence needs to be body text"),
    U("body", "long-words", body_long_words, 1, 10000, 30,
      "words that make a line body text without a final stop, if rich in stop words or holding two sentences"),
    R("body", "stop-ratio", body_stop_ratio, 0.15, "stop words per word for such a line"),
    U("body", "gap", body_gap, 1, 1000, 10,
      "non-body lines in a row that end the article (and lines a cut waits for text)"),
    U("body", "confirm-chars", body_confirm_chars, 0, 1000000, 400,
      "body text that confirms the article"),
    U("body", "confirm-lines", body_confirm_lines, 1, 1000, 3, "or this many body lines"),
    U("body", "headline-lookback", body_headline_lookback, 0, 64, 12,
      "held lines looked back from the first body line for the headline"),
    U("body", "link-run", body_link_run, 2, 1000, 3,
      "title-shaped lines in a row inside the body that are a box of links"),
    U("body", "tail-words", body_tail_words, 0, 1000, 8,
      "words of a short last paragraph kept after the body (0: none)"),
    U("body", "tail-lines", body_tail_lines, 0, 100, 2, "at most this many such lines"),
    U("body", "box-units", body_box_units, 1, 1000, 3,
      "title and snippet items that make a teaser box above the article (or at its end on a page without blank lines)"),
    U("body", "resume-lines", body_resume_lines, 1, 100, 3,
      "lines with no signature that confirm text resuming after a cut"),
    U("body", "title-min-words", body_title_min_words, 1, 1000, 3, "fewest words of a title"),
    U("body", "title-max-words", body_title_max_words, 1, 1000, 40, "most words of a title"),
    R("body", "best-share", body_best_share, 0.3,
      "the article is the first block of body text with this share of the best block's text"),
    R("body", "cohesion", body_cohesion, 0.15,
      "share of a later block's content words the article must have for it to go on there"),
    U("body", "box-lines", body_box_lines, 1, 10000, 40,
      "most lines of a box (paywall, ads, contents) the article goes on after"),
    U("body", "summary-items", body_summary_items, 1, 100, 8,
      "most items of a summary box (a summary rule's header, its items, the line that closes it)"),
    R("body", "tail-cohesion", body_tail_cohesion, 0.1,
      "share of its content words a small last part after a break shares with the article, "
      "or it is left out (a widget, an appeal, a bio)"),
    U("teaser", "min-words", teaser_min_words, 1, 100, 3, "words of a doubled teaser title"),
    U("teaser", "run", teaser_run, 0, 100, 3,
      "lines between two teasers that belong to the same run"),
    R("caption", "similarity", caption_similarity, 0.85,
      "shared words over the longer line's words for alt text and caption"),
    R("caption", "length-ratio", caption_length_ratio, 0.75,
      "shorter line's words over the longer's, at least"),
    U("caption", "extra-words", caption_extra_words, 0, 100, 3,
      "words a caption may add to an alt text whose every word it holds"),
    U("caption", "min-words", caption_min_words, 1, 100000, 3, "fewest words of either line"),
    U("caption", "max-words", caption_max_words, 1, 100000, 80, "most words of either line"),
    U("repeat", "lookback", repeat_lookback, 1, 100, 6, "lines looked back for the same text"),
    U("alt-text", "suffix-words", alt_suffix_words, 0, 100, 3,
      "words of the suffix (\" - Hình 1\")"),
    U("alt-text", "lookback", alt_lookback, 1, 100, 6, "lines looked back for the text"),
    U("second-article", "suffix-words", second_suffix_words, 0, 100, 3,
      "words of the alt text's suffix"),
    U("second-article", "lookback", second_lookback, 1, 100, 6,
      "lines looked back for the new title"),
    U("byline", "max-words", byline_max_words, 1, 100, 5, "most words of a name"),
    U("byline", "max-chars", byline_max_chars, 1, 1000, 40, "most characters of a name"),
    U("timestamp", "max-words", timestamp_max_words, 1, 1000, 16,
      "most words of a date or time line"),
    U("window", "lines", window, 16, 1u << 20, 4096, "most lines held at once"),
    U("suggest", "cut-words", suggest_cut_words, 1, 100, 6,
      "most words of a suggested tail header (cut)"),
    U("suggest", "tail-lines", suggest_tail_lines, 1, 10000, 32,
      "lines after a page's article looked at for its tail header"),
    U("suggest", "min-pages", suggest_min_pages, 1, 100000, 2,
      "pages a line must stand on to be suggested"),
};

#define NPARAMS (sizeof params / sizeof params[0])

static void *field(struct detect_config *c, const struct param *p)
{
    return (char *)c + p->offset;
}

void detect_config_init(struct detect_config *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < DET_COUNT; i++)
        c->on[i] = 1;
    for (size_t i = 0; i < NPARAMS; i++) {
        if (params[i].type == P_RATIO)
            *(double *)field(c, &params[i]) = params[i].def;
        else
            *(unsigned *)field(c, &params[i]) = (unsigned)params[i].def;
    }
}

void detect_config_free(struct detect_config *c)
{
    strset_free(&c->stopwords.set);
    strset_free(&c->datewords.set);
    strset_free(&c->durationwords.set);
}

int detect_find(const char *name)
{
    for (int i = 0; i < DET_COUNT; i++)
        if (!strcmp(detectors[i].name, name))
            return i;
    return -1;
}

int detect_config_enable(struct detect_config *c, const char *name, int on)
{
    int id = detect_find(name);
    if (id < 0)
        return -1;
    c->on[id] = on;
    return 0;
}

int detect_config_known(const char *name)
{
    return detect_find(name) >= 0 || !strcmp(name, "window") || !strcmp(name, "suggest");
}

int detect_config_set(struct detect_config *c, const char *name, const char *key,
                      const char *value, char *msg, size_t msgsize)
{
    if (!detect_config_known(name)) {
        snprintf(msg, msgsize, "unknown detector '%s'", name);
        return -1;
    }
    for (size_t i = 0; i < NPARAMS; i++) {
        const struct param *p = &params[i];
        if (strcmp(p->group, name) || strcmp(p->key, key))
            continue;
        char *end;
        errno = 0;
        if (p->type == P_RATIO) {
            double v = strtod(value, &end);
            if (errno || end == value || *end || v < 0 || v > 1) {
                snprintf(msg, msgsize, "%s.%s wants a number from 0 to 1, not '%s'", name, key, value);
                return -1;
            }
            *(double *)field(c, p) = v;
        } else {
            unsigned long v = strtoul(value, &end, 10);
            if (errno || end == value || *end || value[0] == '-' || v < (unsigned long)p->min ||
                v > (unsigned long)p->max) {
                snprintf(msg, msgsize, "%s.%s wants a whole number from %lu to %lu, not '%s'",
                         name, key, (unsigned long)p->min, (unsigned long)p->max, value);
                return -1;
            }
            *(unsigned *)field(c, p) = (unsigned)v;
        }
        return 0;
    }
    snprintf(msg, msgsize, "detector '%s' has no setting '%s'", name, key);
    return -1;
}

void detect_config_list(const struct detect_config *c, struct buf *out)
{
    char line[512];
    for (size_t i = 0; i < NPARAMS; i++) {
        const struct param *p = &params[i];
        const void *v = (const char *)c + p->offset;
        int n;
        if (p->type == P_RATIO)
            n = snprintf(line, sizeof line, "%s.%s\t%g\t0-1\t%s\n", p->group, p->key,
                         *(const double *)v, p->meaning);
        else
            n = snprintf(line, sizeof line, "%s.%s\t%u\t%lu-%lu\t%s\n", p->group, p->key,
                         *(const unsigned *)v, (unsigned long)p->min, (unsigned long)p->max,
                         p->meaning);
        buf_append(out, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
}

void word_list_add(struct word_list *w, const char *s, size_t n, struct buf *scratch)
{
    text_lower(s, n, scratch);
    strset_add(&w->set, scratch->p, scratch->len);
    if (scratch->len > w->max_len)
        w->max_len = scratch->len;
}

void word_list_merge(struct word_list *dst, const struct word_list *src)
{
    for (size_t i = 0; i < src->set.cap; i++) {
        if (!src->set.keys[i])
            continue;
        strset_add(&dst->set, src->set.keys[i], src->set.lens[i]);
        if (src->set.lens[i] > dst->max_len)
            dst->max_len = src->set.lens[i];
    }
}

int word_list_has(const struct word_list *w, const char *s, size_t n)
{
    return w->set.count && n <= w->max_len && strset_has(&w->set, s, n);
}
