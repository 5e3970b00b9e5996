/* inputs: what a run reads, and where -o writes it (see inputs.h). */
#include "inputs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "compress.h"
#include "io.h"
#include "source.h"
#include "warc.h"
#include "xalloc.h"

/* The names in a file list: one per line (--files-from), or each ended by
 * a NUL byte (--files0-from, as find -print0 writes them). A NUL in a
 * line-list, or an empty name in a NUL-list, is an error naming the list
 * (status 2): the list is not what the option says. */
static int read_list(const struct options *o, struct walk_list *files)
{
    const char *name = o->files_from;
    struct buf list = BUF_INIT;
    int fd = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    int e = fd < 0 ? errno : io_read_all(fd, &list);
    if (fd > STDIN_FILENO)
        close(fd);
    if (e) {
        fprintf(stderr, "cleaner: %s: %s\n", name, strerror(e));
        buf_free(&list);
        return EXIT_TROUBLE;
    }
    if (!o->files_nul && list.len && memchr(list.p, '\0', list.len)) {
        fprintf(stderr, "cleaner: %s: the list holds NUL bytes: give it with --files0-from\n", name);
        buf_free(&list);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    unsigned long long no = 0;
    for (size_t i = 0, next; i < list.len && status == EXIT_OK; i += next) {
        const char *p = list.p + i, *end;
        size_t n;
        if (o->files_nul) {
            end = memchr(p, '\0', list.len - i);
            n = end ? (size_t)(end - p) : list.len - i;
            next = n + 1;
        } else {
            n = io_line(p, list.len - i, &next);
        }
        no++;
        if (!o->files_nul) {
            if (n == 0)
                continue; /* blank lines in a hand-written list */
        } else if (n == 0) {
            fprintf(stderr, "cleaner: %s:%llu: empty file name\n", name, no);
            status = EXIT_USAGE;
            break;
        }
        char *path = xmemdup0(p, n);
        walk_add(files, path);
        free(path);
    }
    buf_free(&list);
    return status;
}

/* The inputs: FILE arguments, folders walked, plus a file list; standard
 * input ("-") when there is neither. Entries that are passed over (notes:
 * a compressed file or a loop inside a walk) are reported and left out.
 * Returns an exit status. */
int inputs_collect(const struct options *o, struct walk_list *files)
{
    files->follow_links = o->follow_links;
    for (int i = 0; i < o->ninputs; i++)
        walk_add(files, o->inputs[i]);
    if (o->files_from) {
        int st = read_list(o, files);
        if (st != EXIT_OK)
            return st;
    } else if (o->ninputs == 0) {
        walk_add(files, "-");
    }
    size_t k = 0;
    for (size_t i = 0; i < files->n; i++) {
        if (files->v[i].note) {
            fprintf(stderr, "cleaner: %s: %s\n", files->v[i].path, files->v[i].note);
            free(files->v[i].path);
            continue;
        }
        files->v[k++] = files->v[i];
    }
    files->n = k;
    return EXIT_OK;
}

/* An input's file identity, for finding an output that is an input. */
struct file_id {
    dev_t dev;
    ino_t ino;
    size_t input;
};

static int by_id(const void *pa, const void *pb)
{
    const struct file_id *a = pa, *b = pb;
    if (a->dev != b->dev)
        return a->dev < b->dev ? -1 : 1;
    if (a->ino != b->ino)
        return a->ino < b->ino ? -1 : 1;
    return a->input < b->input ? -1 : a->input > b->input;
}

/* -o: refuse before anything is written when two inputs would land on one
 * output, an output would replace another input (whose text would be gone
 * before, or after, it is read: never allowed), or its own input (unless
 * --overwrite: the result is written beside it and renamed over it once
 * it is read). */
int inputs_check_outputs(const struct options *o, const struct walk_list *files)
{
    size_t a, b;
    const char *suffix = compress_suffix(o->compress);
    if (walk_collision(files, suffix, &a, &b)) {
        char *rel = walk_output_name(files->v[a].path, suffix);
        fprintf(stderr, "cleaner: --output-dir: '%s' and '%s' would both be written to '%s/%s'\n",
                files->v[a].path, files->v[b].path, o->outdir, rel);
        free(rel);
        return EXIT_USAGE;
    }
    /* a folder that is not there yet holds no file, so no output can
       stand where an input is: two stat calls per file saved */
    struct stat dir;
    if (stat(o->outdir, &dir) != 0 && errno == ENOENT)
        return EXIT_OK;
    struct file_id *ids = xmalloc((files->n ? files->n : 1) * sizeof *ids);
    size_t nids = 0;
    for (size_t i = 0; i < files->n; i++) {
        struct stat in;
        if (!files->v[i].err && strcmp(files->v[i].path, "-") && stat(files->v[i].path, &in) == 0)
            ids[nids++] = (struct file_id){ in.st_dev, in.st_ino, i };
    }
    qsort(ids, nids, sizeof *ids, by_id);
    int status = EXIT_OK;
    for (size_t i = 0; i < files->n && status == EXIT_OK; i++) {
        struct stat out;
        char *dest = walk_output_path(o->outdir, files->v[i].path, suffix);
        if (stat(dest, &out) == 0) {
            struct file_id key = { out.st_dev, out.st_ino, 0 };
            size_t lo = 0, hi = nids; /* the first entry with this identity */
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (by_id(&ids[mid], &key) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t k = lo; k < nids && ids[k].dev == out.st_dev && ids[k].ino == out.st_ino;
                 k++) {
                size_t j = ids[k].input;
                if (j == i && o->overwrite)
                    continue;
                if (j == i)
                    fprintf(stderr, "cleaner: --output-dir: '%s' would replace its input '%s' "
                                    "(give --overwrite to allow it)\n", dest, files->v[i].path);
                else
                    fprintf(stderr, "cleaner: --output-dir: '%s', the result of '%s', would "
                                    "replace another input, '%s'\n",
                            dest, files->v[i].path, files->v[j].path);
                status = EXIT_USAGE;
                break;
            }
        }
        free(dest);
    }
    free(ids);
    return status;
}

void inputs_begin(struct inputs *it, const struct walk_list *files)
{
    memset(it, 0, sizeof *it);
    it->files = files;
    it->cur.fd = -1;
}

void input_close(int fd, struct source *src)
{
    source_free(src);
    if (fd > STDIN_FILENO)
        close(fd);
}

void inputs_end(struct inputs *it)
{
    input_close(it->cur.fd, it->cur.src);
    it->cur.fd = -1;
    it->cur.src = NULL;
}

struct input *inputs_next(struct inputs *it)
{
    inputs_end(it);
    if (it->next >= it->files->n)
        return NULL;
    const struct walk_entry *f = &it->files->v[it->next];
    struct input *in = &it->cur;
    memset(in, 0, sizeof *in);
    in->index = it->next++;
    in->path = f->path;
    int std_in = !strcmp(f->path, "-");
    in->name = std_in ? "stdin" : f->path;
    in->fd = -1;
    in->err = f->err;
    if (!in->err) {
        in->fd = std_in ? STDIN_FILENO : open(f->path, O_RDONLY | O_CLOEXEC);
        if (in->fd < 0)
            in->err = errno;
        else
            in->src = source_new(in->fd);
    }
    return in;
}

int input_is_warc(struct input *in)
{
    if (!in->looked && in->src) {
        char head[8];
        ssize_t n = source_peek(in->src, head, sizeof head);
        in->warc = n > 0 && warc_looks_like(head, (size_t)n);
        in->looked = 1;
    }
    return in->warc;
}

void input_take(struct input *in, int *fd, struct source **src)
{
    *fd = in->fd;
    *src = in->src;
    in->fd = -1;
    in->src = NULL;
}
