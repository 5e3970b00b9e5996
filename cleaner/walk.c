/* walk: files from paths (see walk.h). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "io.h"
#include "strset.h"
#include "xalloc.h"

static void push(struct walk_list *w, const char *path, int err, const char *note)
{
    w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof *w->v);
    w->v[w->n].path = xstrdup(path);
    w->v[w->n].err = err;
    w->v[w->n].note = note;
    w->n++;
}

/* The folders being walked, outermost first: a folder met again inside
 * itself (through a link or a bind mount) is a loop. */
struct ancestors {
    dev_t dev[64];
    ino_t ino[64];
    dev_t *more_dev;
    ino_t *more_ino;
    size_t n, cap;
};

static int seen_above(const struct ancestors *a, const struct stat *st)
{
    for (size_t i = 0; i < a->n; i++) {
        dev_t d = i < 64 ? a->dev[i] : a->more_dev[i - 64];
        ino_t n = i < 64 ? a->ino[i] : a->more_ino[i - 64];
        if (d == st->st_dev && n == st->st_ino)
            return 1;
    }
    return 0;
}

static void enter(struct ancestors *a, const struct stat *st)
{
    if (a->n < 64) {
        a->dev[a->n] = st->st_dev;
        a->ino[a->n] = st->st_ino;
    } else {
        size_t k = a->n - 64;
        if (k >= a->cap) {
            a->cap = a->cap ? 2 * a->cap : 64;
            a->more_dev = xrealloc(a->more_dev, a->cap * sizeof *a->more_dev);
            a->more_ino = xrealloc(a->more_ino, a->cap * sizeof *a->more_ino);
        }
        a->more_dev[k] = st->st_dev;
        a->more_ino[k] = st->st_ino;
    }
    a->n++;
}

static void add_dir(struct walk_list *w, const char *dir, struct ancestors *up);

/* One name met inside a walk. */
static void add_inside(struct walk_list *w, const char *path, const char *name,
                       struct ancestors *up)
{
    struct stat lst, st;
    if (io_name_type(name) == DT_REG) { /* the folder said so: no stat */
        push(w, path, 0, NULL);
        return;
    }
    if (lstat(path, &lst) < 0) {
        push(w, path, errno, NULL);
        return;
    }
    int link = S_ISLNK(lst.st_mode);
    if (link && stat(path, &st) < 0) {
        push(w, path, errno, NULL); /* a dangling link */
        return;
    }
    if (!link)
        st = lst;
    if (S_ISDIR(st.st_mode)) {
        if (name[0] == '.')
            return; /* hidden folders: .git, .cache */
        if (link && !w->follow_links)
            return; /* as grep -r: links to folders are not followed */
        if (seen_above(up, &st)) {
            push(w, path, 0, "recursive directory loop; passed over");
            return;
        }
        add_dir(w, path, up);
        return;
    }
    if (!S_ISREG(st.st_mode))
        return; /* sockets, fifos and devices inside a folder */
    push(w, path, 0, NULL);
}

static void add_dir(struct walk_list *w, const char *dir, struct ancestors *up)
{
    struct stat st;
    char **names;
    size_t n;
    int e = stat(dir, &st) < 0 ? errno : io_list_dir(dir, NULL, 0, &names, &n);
    if (e) {
        push(w, dir, e, NULL);
        return;
    }
    enter(up, &st);
    struct buf path = BUF_INIT;
    size_t dl = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        path.len = 0;
        buf_append(&path, dir, dl);
        if (dl && dir[dl - 1] != '/')
            buf_putc(&path, '/');
        buf_append(&path, names[i], strlen(names[i]));
        add_inside(w, buf_cstr(&path), names[i], up);
    }
    up->n--;
    buf_free(&path);
    io_names_free(names, n);
}

void walk_add(struct walk_list *w, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        struct ancestors up;
        memset(&up, 0, sizeof up);
        add_dir(w, path, &up);
        free(up.more_dev);
        free(up.more_ino);
        return;
    }
    /* a missing or unreadable file is reported when it is opened */
    push(w, path, 0, NULL);
}

void walk_free(struct walk_list *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i].path);
    free(w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

char *walk_relative(const char *path)
{
    struct buf b = BUF_INIT;
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 1 && p[0] == '.') {
            /* skip "." */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (b.len)
                buf_putc(&b, '/');
            buf_append(&b, "__", 2);
        } else if (n) {
            if (b.len)
                buf_putc(&b, '/');
            buf_append(&b, p, n);
        }
        p += n;
    }
    if (!b.len)
        buf_append(&b, "stdin", 5);
    return buf_cstr(&b);
}

char *walk_output_name(const char *path, const char *suffix)
{
    char *rel = walk_relative(path);
    size_t n = strlen(rel);
    static const char *const packed[] = { ".gz", ".zst", ".zstd", NULL };
    for (size_t i = 0; packed[i]; i++) {
        size_t k = strlen(packed[i]);
        if (n > k && !strcmp(rel + n - k, packed[i]) && rel[n - k - 1] != '/') {
            rel[n - k] = '\0'; /* the output is not what the name says */
            break;
        }
    }
    if (!suffix || !*suffix)
        return rel;
    size_t need = strlen(rel) + strlen(suffix) + 1;
    char *out = xmalloc(need);
    snprintf(out, need, "%s%s", rel, suffix);
    free(rel);
    return out;
}

char *walk_output_path(const char *dir, const char *path, const char *suffix)
{
    char *rel = walk_output_name(path, suffix);
    size_t need = strlen(dir) + strlen(rel) + 2;
    char *out = xmalloc(need);
    snprintf(out, need, "%s/%s", dir, rel);
    free(rel);
    return out;
}

int walk_collision(const struct walk_list *w, const char *suffix, size_t *a, size_t *b)
{
    struct strset seen = STRSET_INIT;
    int found = 0;
    for (size_t i = 0; i < w->n && !found; i++) {
        if (w->v[i].note || w->v[i].err)
            continue;
        char *rel = walk_output_name(w->v[i].path, suffix);
        size_t first;
        if (strset_get(&seen, rel, strlen(rel), &first)) {
            if (strcmp(w->v[first].path, w->v[i].path)) {
                *a = first;
                *b = i;
                found = 1;
            }
        } else {
            strset_put(&seen, rel, strlen(rel), i);
        }
        free(rel);
    }
    strset_free(&seen);
    return found;
}
