/* walk: files from paths (see walk.h). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "xalloc.h"

static void push(struct walk_list *w, const char *path, int err)
{
    w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof *w->v);
    w->v[w->n].path = xstrdup(path);
    w->v[w->n].err = err;
    w->n++;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_dir(struct walk_list *w, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        push(w, dir, errno);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        names = xgrow(names, &cap, n + 1, sizeof *names);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = xmalloc(len);
        size_t dl = strlen(dir);
        memcpy(names[n], dir, dl);
        size_t k = dl;
        if (dl && dir[dl - 1] != '/')
            names[n][k++] = '/';
        strcpy(names[n] + k, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        walk_add(w, names[i]);
        free(names[i]);
    }
    free(names);
}

void walk_add(struct walk_list *w, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        add_dir(w, path);
        return;
    }
    /* a missing or unreadable file is reported when it is opened */
    push(w, path, 0);
}

void walk_free(struct walk_list *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i].path);
    free(w->v);
    memset(w, 0, sizeof *w);
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
