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
    int lang;         /* -1, or the language pack the file being read is for */
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

/* Apply the text of a "detect" directive (after the word) to det. Returns
 * 0, or -1 with err filled (rules_parse.c). */
int rules_apply_detect(struct detect_config *det, const char *text, size_t n,
                       struct cleaner_err *err);

/* Load a file or folder; from is the include directive, or NULL for a
 * path from the command line (rules_load.c). */
int rules_load_path(struct loader *ld, const char *path, const char *shown,
                    const struct cursor *from, struct cleaner_err *err);

/* Walk a pattern's text: 1 when it holds an escape \c with c in escapes
 * (a back reference \1-\9 or a trailing backslash always count), or a
 * "(" for which bad_group, given the text from the "(", says so
 * (rules_match.c). */
int rules_pattern_has(const char *p, const char *escapes, int (*bad_group)(const char *open));

/* Complete the language packs' settings and word lists from the generic
 * ones, and index their stop words for recognition (rules.c). */
void rules_langs_finish(struct rule_set *rs);
void rules_view_free(struct rule_view *v);

/* A byte that is not a letter and that every match of code holds (PCRE2's
 * first or last code unit), or -1 (rules_match.c). */
int rules_required_byte(const pcre2_code *code, int *later);

/* The most characters a match of pattern (compiled with flags) can span
 * when every match ends at the end of the line ("...$"), counting a run of
 * white space as one; 0 when it does not end so, has no such limit, or
 * uses syntax the count does not know (rules_tail.c). */
size_t rules_tail_chars(const char *pattern, unsigned flags);

/* Where in s[0..n) to start matching a rule whose matches span at most
 * chars characters and end at its end: chars characters before the end;
 * 0 when the line is that short, or when its tail has white space that
 * is not one space (a control character, a run), which the count assumes
 * (rules_tail.c). */
size_t rules_tail_start(size_t chars, const char *s, size_t n);

/* Whether the rule's pattern only matches at the start (rules_match.c). */
int rules_anchored(const struct rule *r);

/* For a rule anchored at the start, the bytes a match can begin with
 * (PCRE2's start bitmap: bit b of byte b / 8), or NULL when PCRE2 has none
 * or the rule is not anchored (rules_match.c). */
const uint8_t *rules_first_bytes(const struct rule *r);

/* The rules i of action a with member[i] set joined into one alternation
 * whose (*MARK) is the rule's index, JIT-compiled unless the set says no
 * (*jit says whether it was); NULL when there are none or it does not
 * compile (rules_match.c). */
pcre2_code *rules_join(const struct rule_set *rs, const unsigned char *member, int a, int *jit);

/* The gate (rules_gate.c): per first character of a line, the anchored
 * alternation members that can match such a line, joined per action.
 * rules_gate_new gives NULL when no rule can be gated. rules_gate_find
 * gives NULL when this character's lines must use the full alternations
 * (too many characters or sets seen, or a join did not compile); the
 * partial matches for a new character use the caller's md and mctx. */
struct rule_gate *rules_gate_new(const struct rule_set *rs, const struct rule_view *v);
void rules_gate_free(struct rule_gate *g);
const struct gate_set *rules_gate_find(struct rule_gate *g, pcre2_match_data *md,
                                       pcre2_match_context *mctx, uint32_t uc);
/* The joined members of action a in the set, or NULL when it has none;
 * *jit says whether the code was JIT-compiled. */
pcre2_code *rules_gate_joined(const struct gate_set *set, int a, int *jit);

#endif
