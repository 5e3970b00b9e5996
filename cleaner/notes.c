/* notes: messages said once, counted after (see notes.h). */
#include "notes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* A list holds entries: key NUL line NUL (neither holds a NUL: file names
 * and messages are C strings). */
void notes_add(struct buf *list, const char *key, size_t key_len, const char *line,
               size_t line_len)
{
    buf_append(list, key, key_len);
    buf_putc(list, '\0');
    buf_append(list, line, line_len);
    buf_putc(list, '\0');
}

void notes_add_message(struct buf *list, const char *name, const char *at, const char *msg)
{
    struct buf key = BUF_INIT, full = BUF_INIT;
    buf_append(&key, name, strlen(name));
    buf_append(&key, ": ", 2);
    buf_append(&key, msg, strlen(msg));
    buf_append(&full, "cleaner: ", 9);
    buf_append(&full, name, strlen(name));
    buf_append(&full, at, strlen(at));
    buf_append(&full, ": ", 2);
    buf_append(&full, msg, strlen(msg));
    buf_putc(&full, '\n');
    notes_add(list, key.p, key.len, full.p, full.len);
    buf_free(&key);
    buf_free(&full);
}

size_t notes_say(struct notes *s, const struct buf *list, struct io_writer *err)
{
    size_t said = 0;
    for (size_t i = 0; i < list->len;) {
        const char *key = list->p + i;
        size_t kn = strlen(key);
        const char *line = key + kn + 1;
        size_t ln = strlen(line);
        i += kn + 1 + ln + 1;
        size_t k;
        if (strset_get(&s->seen, key, kn, &k)) {
            s->count[k]++;
            continue;
        }
        s->count = xgrow(s->count, &s->cap, s->n + 1, sizeof *s->count);
        s->key = xrealloc(s->key, s->cap * sizeof *s->key);
        s->count[s->n] = 1;
        s->key[s->n] = xmemdup0(key, kn);
        strset_put(&s->seen, key, kn, s->n);
        s->n++;
        io_writer_put(err, line, ln);
        said++;
    }
    return said;
}

void notes_summary(struct notes *s, struct io_writer *err)
{
    for (size_t k = 0; k < s->n; k++) {
        if (err && s->count[k] > 1) {
            char tail[96];
            int t = snprintf(tail, sizeof tail, " (%zu times in all, said at the first)\n",
                             s->count[k]);
            io_writer_put(err, "cleaner: ", 9);
            io_writer_put(err, s->key[k], strlen(s->key[k]));
            io_writer_put(err, tail, (size_t)t);
        }
        free(s->key[k]);
    }
    strset_free(&s->seen);
    s->seen = (struct strset)STRSET_INIT;
    s->n = 0;
}

void notes_free(struct notes *s)
{
    notes_summary(s, NULL); /* nothing said: only freed */
    free(s->count);
    free(s->key);
    memset(s, 0, sizeof *s);
}
