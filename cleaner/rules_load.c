/* rules_load: rule files, folders of them, includes and site packs into a
 * rule set (see rules.h). The loader's state (the include stack, the site
 * a pack is for) lives only while a load runs. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "io.h"
#include "rules_impl.h"
#include "xalloc.h"

static int already_loaded(const struct rule_set *rs, const char *real)
{
    for (size_t i = 0; i < rs->nfiles; i++)
        if (!strcmp(rs->files[i], real))
            return 1;
    return 0;
}

static char *join(const char *dir, const char *name)
{
    size_t need = strlen(dir) + strlen(name) + 2;
    char *p = xmalloc(need);
    snprintf(p, need, "%s/%s", dir, name);
    return p;
}

/* Every *.rules file of a folder, in name order (not its subfolders). */
static int load_dir(struct loader *ld, const char *path, struct cleaner_err *err)
{
    char **names;
    size_t n;
    int e = io_list_dir(path, ".rules", 1, &names, &n);
    if (e) {
        rules_set_err(err, path, 0, 0, NULL, 0, "cannot read directory: %s", strerror(e));
        return -1;
    }
    int rc = 0;
    size_t files = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *full = join(path, names[i]);
        struct stat st;
        if (!(stat(full, &st) == 0 && S_ISDIR(st.st_mode))) {
            rc = rules_load_path(ld, full, full, NULL, err);
            files++;
        }
        free(full);
    }
    io_names_free(names, n);
    if (rc == 0 && files == 0) {
        /* quality would drop without a word: a pack is never empty */
        rules_set_err(err, path, 0, 0, NULL, 0, "no *.rules files in this folder%s", "");
        rc = -1;
    }
    return rc;
}

/* An error opening what an include directive (from) names is reported at
 * that directive; a top-level path is reported by its name. */
static void open_error(struct cleaner_err *err, const struct cursor *from, const char *path,
                       const char *shown, const char *what)
{
    if (from)
        rules_set_err(err, from->file, from->line, cursor_col(from, from->i), from->s, from->n,
                      "cannot include '%s': %s", path, what);
    else
        rules_set_err(err, shown, 0, 0, NULL, 0, "%s", what);
}

int rules_load_path(struct loader *ld, const char *path, const char *shown,
                    const struct cursor *from, struct cleaner_err *err)
{
    struct rule_set *rs = ld->rs;
    char *real = realpath(path, NULL);
    if (!real) {
        open_error(err, from, path, shown, strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < ld->depth; i++) {
        if (!strcmp(ld->stack[i], real)) {
            free(real);
            if (from)
                rules_set_err(err, from->file, from->line, cursor_col(from, from->i), from->s,
                              from->n, "include cycle: '%s' is already being loaded", path);
            else
                rules_set_err(err, shown, 0, 0, NULL, 0, "include cycle");
            return -1;
        }
    }
    if (already_loaded(rs, real)) {
        free(real);
        return 0;
    }
    struct stat st;
    if (stat(real, &st) == 0 && S_ISDIR(st.st_mode)) {
        free(real);
        if (from) {
            open_error(err, from, path, shown, "it is a directory");
            return -1;
        }
        return load_dir(ld, path, err);
    }
    /* the path as given: a rule file named "-" is a file, not stdin */
    struct buf file = BUF_INIT;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int e = fd < 0 ? errno : io_read_all(fd, &file);
    if (fd >= 0)
        close(fd);
    if (e) {
        buf_free(&file);
        open_error(err, from, path, shown, strerror(e));
        free(real);
        return -1;
    }
    rs->files = xgrow(rs->files, &rs->files_cap, rs->nfiles + 1, sizeof *rs->files);
    rs->files[rs->nfiles++] = real;
    const char *shown_copy = rules_keep_name(rs, shown);
    ld->stack = xgrow(ld->stack, &ld->cap, ld->depth + 1, sizeof *ld->stack);
    ld->stack[ld->depth++] = real;
    char *dir = xstrdup(shown);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        strcpy(dir, ".");
    int rc = rules_parse_text(ld, shown, dir, shown_copy, file.p, file.len, err);
    ld->depth--;
    free(dir);
    buf_free(&file);
    return rc;
}

int rules_load(struct rule_set *rs, const char *path, struct cleaner_err *err)
{
    struct loader ld = { rs, NULL, 0, 0, NULL, -1 };
    int rc = rules_load_path(&ld, path, path, NULL, err);
    free(ld.stack);
    return rc;
}

int rules_load_sites(struct rule_set *rs, const char *dir, struct cleaner_err *err)
{
    char *sites = join(dir, "sites");
    char **names;
    size_t n;
    int e = io_list_dir(sites, ".rules", 1, &names, &n);
    if (e) {
        free(sites);
        if (e == ENOENT)
            return 0;
        rules_set_err(err, dir, 0, 0, NULL, 0, "cannot read directory %s/sites: %s", dir, strerror(e));
        return -1;
    }
    struct loader ld = { rs, NULL, 0, 0, NULL, -1 };
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *path = join(sites, names[i]);
        names[i][strlen(names[i]) - strlen(".rules")] = '\0';
        ld.site = rules_keep_name(rs, names[i]);
        rc = rules_load_path(&ld, path, path, NULL, err);
        free(path);
    }
    free(ld.stack);
    io_names_free(names, n);
    free(sites);
    return rc;
}

int rules_load_string(struct rule_set *rs, const char *name, const char *text, size_t len,
                      struct cleaner_err *err)
{
    struct loader ld = { rs, NULL, 0, 0, NULL, -1 };
    int rc = rules_parse_text(&ld, name, ".", rules_keep_name(rs, name), text, len, err);
    free(ld.stack);
    return rc;
}
