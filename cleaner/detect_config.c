/* detect_config: defaults of the built-in detectors and the table that lets
 * rule files set them by name ("detect body gap=12"). */
#include "detect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const detect_names[] = {
    "body", "teaser", "caption", "alt-text", "second-article",
    "repeat", "byline", "timestamp", "window", NULL
};

void detect_config_init(struct detect_config *c)
{
    memset(c, 0, sizeof *c);
    c->body_on = 1;
    c->body_good_words = 10;
    c->body_long_words = 30;
    c->body_stop_ratio = 0.15;
    c->body_gap = 10;
    c->body_confirm_chars = 400;
    c->body_confirm_lines = 3;
    c->body_headline_lookback = 5;
    c->body_link_run = 3;
    c->body_tail_words = 8;
    c->body_tail_lines = 2;
    c->body_box_units = 3;
    c->teaser_on = 1;
    c->teaser_min_words = 3;
    c->teaser_run = 3;
    c->caption_on = 1;
    c->caption_similarity = 0.85;
    c->caption_max_words = 80;
    c->alt_on = 1;
    c->alt_suffix_words = 3;
    c->alt_lookback = 6;
    c->second_on = 1;
    c->repeat_on = 1;
    c->byline_on = 1;
    c->byline_max_words = 5;
    c->byline_max_chars = 40;
    c->timestamp_on = 1;
    c->lookahead = 32;
    c->window = 512;
}

void detect_config_free(struct detect_config *c)
{
    strset_free(&c->stopwords);
}

enum ptype { P_UINT, P_RATIO };

struct param {
    const char *detector;
    const char *key;
    enum ptype type;
    size_t offset;
    unsigned long min, max;
};

#define U(det, key, field, lo, hi) { det, key, P_UINT, offsetof(struct detect_config, field), lo, hi }
#define R(det, key, field) { det, key, P_RATIO, offsetof(struct detect_config, field), 0, 1 }

static const struct param params[] = {
    U("body", "good-words", body_good_words, 1, 1000),
    U("body", "long-words", body_long_words, 1, 10000),
    R("body", "stop-ratio", body_stop_ratio),
    U("body", "gap", body_gap, 1, 1000),
    U("body", "confirm-chars", body_confirm_chars, 0, 1000000),
    U("body", "confirm-lines", body_confirm_lines, 1, 1000),
    U("body", "headline-lookback", body_headline_lookback, 0, 100),
    U("body", "link-run", body_link_run, 2, 1000),
    U("body", "tail-words", body_tail_words, 0, 1000),
    U("body", "tail-lines", body_tail_lines, 0, 100),
    U("body", "box-units", body_box_units, 1, 1000),
    U("teaser", "min-words", teaser_min_words, 1, 100),
    U("teaser", "run", teaser_run, 0, 100),
    R("caption", "similarity", caption_similarity),
    U("caption", "max-words", caption_max_words, 1, 100000),
    U("alt-text", "suffix-words", alt_suffix_words, 0, 100),
    U("alt-text", "lookback", alt_lookback, 1, 100),
    U("byline", "max-words", byline_max_words, 1, 100),
    U("byline", "max-chars", byline_max_chars, 1, 1000),
    U("window", "lookahead", lookahead, 4, 4096),
    U("window", "lines", window, 16, 1u << 20),
};

static int *enable_flag(struct detect_config *c, const char *name)
{
    if (!strcmp(name, "body")) return &c->body_on;
    if (!strcmp(name, "teaser")) return &c->teaser_on;
    if (!strcmp(name, "caption")) return &c->caption_on;
    if (!strcmp(name, "alt-text")) return &c->alt_on;
    if (!strcmp(name, "second-article")) return &c->second_on;
    if (!strcmp(name, "repeat")) return &c->repeat_on;
    if (!strcmp(name, "byline")) return &c->byline_on;
    if (!strcmp(name, "timestamp")) return &c->timestamp_on;
    return NULL;
}

int detect_config_enable(struct detect_config *c, const char *name, int on)
{
    int *f = enable_flag(c, name);
    if (!f)
        return -1;
    *f = on;
    return 0;
}

int detect_config_set(struct detect_config *c, const char *name, const char *key,
                      const char *value, char *msg, size_t msgsize)
{
    int known_detector = enable_flag(c, name) != NULL || !strcmp(name, "window");
    if (!known_detector) {
        snprintf(msg, msgsize, "unknown detector '%s'", name);
        return -1;
    }
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
        const struct param *p = &params[i];
        if (strcmp(p->detector, name) || strcmp(p->key, key))
            continue;
        char *end;
        errno = 0;
        if (p->type == P_RATIO) {
            double v = strtod(value, &end);
            if (errno || end == value || *end || v < 0 || v > 1) {
                snprintf(msg, msgsize, "%s.%s wants a number from 0 to 1, not '%s'", name, key, value);
                return -1;
            }
            *(double *)((char *)c + p->offset) = v;
        } else {
            unsigned long v = strtoul(value, &end, 10);
            if (errno || end == value || *end || value[0] == '-' || v < p->min || v > p->max) {
                snprintf(msg, msgsize, "%s.%s wants a whole number from %lu to %lu, not '%s'",
                         name, key, p->min, p->max, value);
                return -1;
            }
            *(unsigned *)((char *)c + p->offset) = (unsigned)v;
        }
        return 0;
    }
    snprintf(msg, msgsize, "detector '%s' has no setting '%s'", name, key);
    return -1;
}
