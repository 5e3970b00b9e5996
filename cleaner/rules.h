/* rules: rule files parsed into a rule set, patterns compiled once with
 * PCRE2 (UTF, Unicode properties, JIT), and the matcher that finds the rule
 * deciding a line. Errors come back as a struct cleaner_err naming file,
 * line and column; nothing here prints or exits. */
#ifndef CLEANER_RULES_H
#define CLEANER_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stddef.h>

#include "detect.h"

enum rule_action {
    ACTION_KEEP,  /* protect the line from every rule and detector */
    ACTION_CUT,   /* the article ended: drop this line and the rest */
    ACTION_BLOCK, /* drop this line and what follows until body text */
    ACTION_SUMMARY, /* drop this line, a summary box's header ("Key
                       points"), and its items up to the button or note
                       that closes the box */
    ACTION_CREDIT, /* drop this line, a photo's credit ("Foto: X", "© X"):
                      the line before it is the photo's caption */
    ACTION_DROP,  /* drop this line */
    ACTION_CAPTION, /* decides nothing: the line is a photo caption, kept
                       inside the body, never a teaser or a link */
    ACTION_LEAD,    /* decides nothing: the line opens with a lead marker
                       ("(Site) - "); a second one inside the body starts
                       another article's teaser */
    ACTION_COUNT
};

extern const char *const rule_action_names[ACTION_COUNT];

struct rule {
    enum rule_action action;
    char *name;
    const char *file;   /* owned by the rule set's file list */
    unsigned line;
    char *pattern;
    unsigned flags;     /* PCRE2 options from the rule's flags */
    pcre2_code *code;
    int jit;            /* 1: code was JIT-compiled; -1: that failed (the
                           interpreter matches the same); 0: not yet
                           asked. Compiled when the first view that holds
                           the rule is made (under views_lock), so a run
                           compiles the packs of the languages it meets
                           only. */
    const char *site;   /* NULL, or the domain whose documents it is for */
    int lang;           /* -1, or the language pack (rule_set.langs) whose
                           documents it is for */
    int required;       /* -1, or a byte (not a letter) every match holds:
                           a line without it is not tried */
    int required_later; /* that byte is not the match's first */
    const uint8_t *first_bytes; /* NULL, or for a rule anchored at the
                           start the bytes a match can begin with (PCRE2's
                           bitmap, 256 bits, owned by code): a line that
                           begins otherwise is not tried */
    size_t tail;        /* 0, or the most characters a match spans, every
                           match ending at the line's end: the rule is
                           tried on the line's tail (rules_tail.c) */
};

/* A language pack: the rules, word lists and settings of a rule file that
 * says "language CODE", for the documents in that language (chosen per
 * document from its words: lang.h). */
struct lang_pack {
    char *code;                 /* "de" */
    struct detect_config det;   /* the settings and word lists its
                                   documents get: the generic ones with its
                                   own added (complete after rules_finish) */
    struct word_list own_stopwords; /* its own stop words: what language
                                       recognition counts */
    char **settings;            /* its "detect" directives, applied over the
                                   generic settings at rules_finish */
    size_t nsettings, settings_cap;
};

/* The rules one kind of document sees -- every rule with no language,
 * and those of one language pack -- ready to match: per action, the
 * combinable rules joined into alternations whose (*MARK) names the rule,
 * so one JIT match tells whether any of them matches. Rules anchored at
 * the start go in [a][0], the others in [a][1], so the anchored join still
 * fails at once on most lines. NULL where fewer than two rules would be
 * joined. */
struct rule_view {
    _Atomic int ready;         /* made (views other than 0 are made on first
                                  use: a run meets a few languages) */
    unsigned char *in;         /* per rule: seen by this view */
    pcre2_code *combined[ACTION_COUNT][2];
    unsigned char combined_jit[ACTION_COUNT][2]; /* JIT-compiled */
    unsigned char *standalone; /* per rule: not in its action's alternation */
    size_t *alone;             /* the standalone rules' indices, by action: */
    size_t alone_first[ACTION_COUNT + 1]; /* alone[alone_first[a] ..) */
    /* the same without site packs' rules, for documents with no site
       (they cannot apply there): alone[alone_nosite[a] ..) */
    size_t *alone_nosite;
    size_t alone_nosite_first[ACTION_COUNT + 1];
};

struct rule_set {
    struct rule *rules; /* grouped by action after rules_finish() */
    size_t n, cap;
    size_t first[ACTION_COUNT + 1]; /* rules[first[a] .. first[a+1]) */
    struct lang_pack *langs;
    size_t nlangs, langs_cap;
    /* after rules_finish: views[0] for documents of no known language,
       views[1 + k] for those in langs[k], each made when first asked for
       (rules_view: once, under views_lock, whatever thread asks) */
    struct rule_view *views;
    pthread_mutex_t views_lock;
    /* every language's own stop words, each with a bit per language that
       has it (language recognition: lang.h) */
    struct strset lang_words;
    struct detect_config det;
    char **files;       /* every file loaded, real paths, owned */
    size_t nfiles, files_cap;
    char **names;       /* display names rules point at, owned */
    size_t nnames, names_cap;
    int no_jit;               /* set before loading: interpreter only */
    int has_site_rules;
};

/* A rule-file error: file, 1-based line and column (0 when not known),
 * the message and the offending source line; all owned, freed by
 * cleaner_err_free(). */
struct cleaner_err {
    char *file;
    unsigned line, col;
    char *msg;
    char *source;
};

void cleaner_err_free(struct cleaner_err *e);

void rules_init(struct rule_set *rs);
/* Load a rule file, or every *.rules file of a directory in name order.
 * A file already loaded is skipped. Returns 0, or -1 with err filled. */
int rules_load(struct rule_set *rs, const char *path, struct cleaner_err *err);
/* Load every sites/DOMAIN.rules below dir with its rules tagged DOMAIN:
 * they then match only documents whose site (rule_matcher.site) is DOMAIN
 * or one of its subdomains. A missing sites folder is not an error. */
int rules_load_sites(struct rule_set *rs, const char *dir, struct cleaner_err *err);

/* Load rule text held in memory, named name in messages; for tests. */
int rules_load_string(struct rule_set *rs, const char *name, const char *text, size_t len,
                      struct cleaner_err *err);
/* Switch off the detector called name, or remove every rule of that name
 * (before rules_finish). Returns 0, or -1 if nothing is called name. */
int rules_disable(struct rule_set *rs, const char *name);
/* Order the rules by action; call once after the last load. */
void rules_finish(struct rule_set *rs);
void rules_free(struct rule_set *rs);

/* Per-worker matching state: match data, limits and counters. */
struct rule_gate;

struct rule_matcher {
    const struct rule_set *rs;
    size_t view;               /* the rules matched: rs->views[view] (0:
                                  no language; 1 + k: langs[k]) */
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    unsigned long *hits;       /* per rule */
    unsigned long *limit_hits; /* per rule: match limit reached */
    unsigned long *attempts;   /* per rule: lines tried on their own */
    unsigned long long *ns;    /* per rule: time matching (profile only) */
    unsigned long long limit_events; /* limits reached, all rules together */
    int profile;               /* match every rule on its own and time it */
    /* Called when a rule hits a match limit, the first time per rule (or
       every time: limit_every); may be NULL. */
    void (*on_limit)(void *ctx, const struct rule *r, int pcre_error);
    int limit_every;   /* on_limit for every limit event, not only a rule's
                          first in this matcher */
    void *on_limit_ctx;
    const char *site;          /* the current document's host, or NULL */
    struct rule_gate **gates;  /* per view (made on first use): per first
                                  character, the anchored rules that can
                                  match (rules_gate.c); NULL: none */
    unsigned char *gate_made;  /* per view: gates[view] was made */
    /* the line being matched: of the bytes rules require, those looked
       for (known) and those in it (seen), a bit a byte, so that rules
       requiring one byte look for it once */
    uint64_t req_known[4], req_seen[4];
    unsigned long long matched; /* lines matched: the gate is used once */
    unsigned long long gate_after; /* this many lines pay for building it */
};

struct rule_limits {
    uint32_t match_limit, depth_limit, heap_limit_kib;
};

#define RULE_LIMITS_DEFAULT { 1000000u, 10000u, 20000u }

void rules_matcher_init(struct rule_matcher *m, const struct rule_set *rs,
                        const struct rule_limits *lim);
void rules_matcher_free(struct rule_matcher *m);
/* Tell fn(ctx, rule, pcre2 error) when a rule runs into a match limit: the
 * first time per rule, or every time with every set. */
void rules_matcher_on_limit(struct rule_matcher *m,
                            void (*fn)(void *ctx, const struct rule *r, int pcre_error),
                            void *ctx, int every);
/* Match every rule on its own and time it (--profile). */
void rules_matcher_set_profile(struct rule_matcher *m, int profile);
int rules_matcher_profiling(const struct rule_matcher *m);
/* The rules of the current document: its view (0: no language; 1 + k:
 * language pack k) and its host (NULL: none; site packs then do not
 * match). */
void rules_matcher_set_view(struct rule_matcher *m, size_t view);
size_t rules_matcher_view(const struct rule_matcher *m);
void rules_matcher_set_site(struct rule_matcher *m, const char *site);
const char *rules_matcher_site(const struct rule_matcher *m);
/* Limits reached so far, all rules together: a line whose match ran into
 * one is not remembered. */
unsigned long long rules_matcher_limit_events(const struct rule_matcher *m);
/* A line decided by rule r without matching it again (the memo's answer):
 * r's count moves as if it had matched. */
void rules_matcher_count(struct rule_matcher *m, const struct rule *r);

/* What nm matchers counted of rule number rule, summed. */
struct rule_counts {
    unsigned long long hits, limit_hits, attempts, ns;
};
struct rule_counts rules_counts(struct rule_matcher *const *m, size_t nm, size_t rule);
/* What a rule that ran into a PCRE2 limit is told by: its place
 * ("FILE:LINE") in where and "rule 'NAME': ERROR; treated as not
 * matching" in msg (both overwritten, NUL-terminated). */
void rules_describe_limit(const struct rule *r, int pcre_error, struct buf *where,
                          struct buf *msg);

/* The view of the rules for documents of view v (0: no language; 1 + k:
 * langs[k]), made on first use. Thread-safe; the set must be finished. */
const struct rule_view *rules_view(const struct rule_set *rs, size_t v);

/* The language pack called code, or -1. */
int rules_find_lang(const struct rule_set *rs, const char *code);

/* Append p[0..n) to b with every regex metacharacter escaped, so that it
 * matches itself (also "#", for patterns with the x flag). */
void rules_escape(struct buf *b, const char *p, size_t n);

/* The rule that decides the line s[0..n) (valid UTF-8): the first keep
 * rule that matches, else the first cut, block, credit, drop, caption,
 * then lead rule; NULL if none does. A match that runs into a limit counts
 * as no match. */
const struct rule *rules_match(struct rule_matcher *m, const char *s, size_t n);

#endif
