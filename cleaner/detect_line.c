/* detect_line: detectors that judge a line by its own text: a line that is
 * only a date or a time ("timestamp"), and a person's name alone on a line
 * ("byline"). */
#include <string.h>

#include "doc.h"
#include "text.h"

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/* "10h30", "8h": hours written with an h. */
static int hour_word(const char *w, size_t n)
{
    size_t k = 0;
    while (k < n && w[k] >= '0' && w[k] <= '9')
        k++;
    if (k == 0 || k >= n || (w[k] | 0x20) != 'h')
        return 0;
    return k + 1 == n || all_digits(w + k + 1, n - k - 1);
}

/* The word that ends at s[end] is a label: a colon right after it, then
 * a number. */
static int date_label(const char *s, size_t n, size_t end)
{
    return end + 2 < n && s[end] == ':' && s[end + 1] == ' ' && s[end + 2] >= '0' &&
           s[end + 2] <= '9';
}

/* Only a date or time: numbers, date words and separators, with at least
 * one number and either a d/m, h:m, d-m or d.m shape, a date word between
 * two numbers ("21. Mai 2026") or a duration word ("7 ngày trước"); up to
 * two words of any language may label a date ("Updated: 3.8.2011").
 * "22:25:06 19/02/2025", "Thứ Ba, 25/12/2012 - 10:03". Returns 2 for a
 * time ago, 1 for another date or time, 0 when it is not one. */
int detect_timestamp_shape(const struct detect_config *c, const char *s, size_t n,
                           struct buf *low)
{
    int numbers = 0, shaped = 0, dated = 0, ago = 0, labels = 0;
    size_t pos = 0, ws, wl, prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80 || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
            continue;
        if (!strchr(" /:-.,|()+", ch))
            return 0;
    }
    while (text_next_word(s, n, &pos, &ws, &wl)) {
        if (all_digits(s + ws, wl)) {
            numbers++;
            char before = ws > 0 ? s[ws - 1] : ' ';
            if (ws > prev_end && numbers > 1 &&
                (before == '/' || before == ':' ||
                 ((before == '-' || before == '.') && ws >= 2 && s[ws - 2] != ' ')))
                shaped = 1;
        } else {
            text_lower_simple(s + ws, wl, low);
            if (!word_list_has(&c->datewords, low->p, low->len)) {
                /* a label over the date, in any language: "Aktualizacja:
                   02.02.2025 23:49 Publikacja: ...", "Giriş: 03.07.2024" */
                if (date_label(s, n, ws + wl) && ++labels <= 2) {
                    prev_end = ws + wl;
                    continue;
                }
                if (!hour_word(s + ws, wl))
                    return 0;
                numbers++;
                shaped = 1;
            } else if (word_list_has(&c->durationwords, low->p, low->len)) {
                shaped |= numbers > 0;
                ago |= numbers > 0;
            } else {
                dated = 1; /* a month, a day, "Uhr": "21. Mai 2026" */
            }
        }
        prev_end = ws + wl;
    }
    if (!(numbers > 0 && (shaped || (dated && numbers >= 2))))
        return 0;
    return ago ? 2 : 1;
}

const char *detect_timestamp(struct doc *d, struct line_rec *l)
{
    (void)d;
    /* the shape was judged with the line's other shapes (detect_features) */
    if (l->v == V_DROP || !(l->flags & LF_TIME_SHAPE))
        return NULL;
    l->flags |= LF_TIMESTAMP;
    doc_drop(l, "timestamp");
    return NULL;
}

/* A name then a date or time: "David Vonplon 04.07.2024 6 min", "Jane Doe
 * | Published 1 day ago", "Minh Vũ, Theo Tiền Phong 01:00 20/07/2026". The
 * name ends before the first word that starts with a digit, or at a "|". */
static int name_then_date(struct doc *d, const struct line_rec *l)
{
    const char *s = l->norm.p;
    size_t n = l->norm.len, split = n, pos = 0, ws, wl;
    const char *bar = memchr(s, '|', n);
    while (text_next_word(s, n, &pos, &ws, &wl))
        if (s[ws] >= '0' && s[ws] <= '9') {
            split = ws;
            break;
        }
    if (bar && (size_t)(bar - s) < split)
        split = (size_t)(bar - s);
    size_t head = split, tail = split;
    while (head > 0 && strchr(" ,|-\xc2\xb7", s[head - 1]))
        head--;
    while (tail < n && strchr(" ,|-", s[tail]))
        tail++;
    if (head == 0 || tail >= n)
        return 0;
    return detect_name_shape(d->cfg, s, head, &d->scratch) &&
           detect_timestamp_shape(d->cfg, s + tail, n - tail, &d->scratch);
}

const char *detect_byline(struct doc *d, struct line_rec *l)
{
    if (l->v == V_DROP || (l->flags & (LF_GOOD | LF_HEADLINE)))
        return NULL;
    if ((l->flags & LF_NAME) ||
        (l->f.digits && l->f.words <= d->cfg->byline_max_words + d->cfg->timestamp_max_words &&
         name_then_date(d, l)))
        doc_drop(l, "byline");
    return NULL;
}
