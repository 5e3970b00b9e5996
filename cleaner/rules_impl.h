/* rules_impl: what the rule modules share and nobody else sees: the
 * loader's state while files are read (the include stack, the site a pack
 * is for), the cursor over one rule-file line, and the entry points one
 * module gives another. rules.c: the set and its errors; rules_parse.c:
 * one file's text; rules_load.c: files, folders, includes, site packs;
 * rules_match.c: joined alternations and the matcher. */
#ifndef CLEANER_RULES_IMPL_H
#define CLEANER_RULES_IMPL_H

#include "rules.h"
#include "text.h"

/* One load: the files being read, innermost last (an include cycle is a
 * file already on the stack), and the site tag for the rules they hold. */
struct loader {
    struct rule_set *rs;
    char **stack;
    size_t depth, cap;
    const char *site;
};

/* A rule-file line being parsed. */
struct cursor {
    const char *file; /* display name */
    unsigned line;
    const char *s;    /* the line, without terminator */
    size_t n, i;
};

/* 1-based column (in characters) of byte offset byte of the line. */
static inline unsigned cursor_col(const struct cursor *c, size_t byte)
{
    return (unsigned)text_chars(c->s, byte) + 1;
}

/* Fill e (freed first) with a message printf-style; src is the line. */
void rules_set_err(struct cleaner_err *e, const char *file, unsigned line, unsigned col,
                   const char *src, size_t srclen, const char *fmt, ...);

/* A name that lives as long as the set (file names shown in messages). */
const char *rules_keep_name(struct rule_set *rs, const char *name);

/* Parse a rule file's text; dir is the folder its includes are relative
 * to, file_id the name its rules point at (rules_parse.c). */
int rules_parse_text(struct loader *ld, const char *shown, const char *dir, const char *file_id,
                     const char *text, size_t len, struct cleaner_err *err);

/* Load a file or folder; from is the include directive, or NULL for a
 * path from the command line (rules_load.c). */
int rules_load_path(struct loader *ld, const char *path, const char *shown,
                    const struct cursor *from, struct cleaner_err *err);

#endif
