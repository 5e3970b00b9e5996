/* engine: one document at a time, line by line. Lines are held until the
 * document's layout is known (layout.h: one block per line, hard-wrapped,
 * split at inline elements, Markdown); then the layout stage puts them
 * together into paragraphs, and each paragraph is normalised, matched
 * against the rules, run through the detectors and held in a bounded
 * window until its verdict is final. Then each of its lines is handed to
 * the emit callback, in input order, with the paragraph's verdict and
 * reason. */
#ifndef CLEANER_ENGINE_H
#define CLEANER_ENGINE_H

#include <stddef.h>

#include "article.h"
#include "doc.h"
#include "layout.h"
#include "memo.h"
#include "rules.h"
#include "spill.h"

/* A line longer than ENGINE_LONG_LINE bytes is too long to be a paragraph
 * of an article: it is dropped as "too-long", judged without being held.
 * Its first ENGINE_LONG_HEAD bytes stand for it (layout, language); the
 * whole line waits in a temporary file (spill.h) for --explain and
 * --removed. Memory then stays bounded whatever a line's length. */
enum { ENGINE_LONG_LINE = 1 << 20, ENGINE_LONG_HEAD = 1 << 16 };
/* A held line's buffers larger than this are given back once it is out. */
enum { ENGINE_SLOT_KEEP = 1 << 14 };

/* One physical line handed out: its place, the verdict and reason of the
 * paragraph it belongs to, its normal form and (with keep_raw) its bytes. */
struct line_out {
    unsigned long long seq;     /* line number in the document, from 0 */
    enum verdict v;
    const char *why;
    const char *text;           /* its normal form */
    size_t len;
    const char *raw;            /* as read (keep_raw), else NULL */
    size_t raw_len;             /* always its length as read */
    const struct line_rec *para; /* the paragraph; valid during the call */
    unsigned part;              /* a kept line's place among its paragraph's
                                   kept lines (0: the first), a dropped
                                   line's among all its lines */
    struct spill *spill;        /* a too-long line: its bytes (text and raw
                                   are empty); valid during the call */
};

/* Called once per input line, in order, when its verdict is final. */
typedef void (*engine_emit_fn)(void *ctx, const struct line_out *l);

/* A physical line held: as read, its shape, and its normal form once
 * made. */
struct phys_line {
    struct buf raw;
    struct buf norm;
    struct line_shape shape;
    int has_norm;               /* norm holds this line's normal form */
    size_t repairs;             /* UTF-8 repairs it needed (counted once) */
    struct spill *spill;        /* a too-long line: raw is its head */
    unsigned long long line_no; /* its number in the document, from 0 */
    unsigned long long folded;  /* empty lines after it that it stands for
                                   (it is empty too): a page of thousands
                                   of empty lines (BeautifulSoup's text)
                                   holds and decides as few lines */
};

/* What the caller asks of the engine beyond the verdicts (all 0 by
 * default). */
struct engine_settings {
    /* After the article has ended a line can only be kept by a keep rule,
       so it is not normalised, matched or measured unless these ask for it:
       dropped lines shown (--explain, --removed), or every rule's hits
       needed (--suggest-rules). */
    int show_dropped;
    int all_rule_hits;
    int keep_raw;       /* hand out each line's raw bytes (--keep-bytes) */
    enum layout_kind force_layout; /* LAYOUT_AUTO: recognise it */
    int force_lang;     /* 0: recognise the language; -1: none; 1 + k:
                           language pack k for every document */
};

struct engine {
    const struct rule_set *rs;
    struct rule_matcher *m;
    struct doc doc;
    struct article art;
    struct buf scratch, join;
    struct buf reading;          /* an emitted line read as a reader sees it */
    struct buf markup;           /* per line of the paragraph being emitted:
                                    nothing a reader sees (1) or text (0) */
    engine_emit_fn emit;
    void *emit_ctx;
    unsigned long long utf8_repairs; /* since the caller last took them */
    struct engine_settings set;
    int lang;           /* the current document's language pack, or -1 */
    struct memo memo;   /* repeated lines' normal form, shape and rule */
    /* the line functions of the detectors switched on, in run order */
    const char *(*line_fn[DET_COUNT])(struct doc *d, struct line_rec *l);
    int nline_fn;
    /* the physical lines held, [base, next), in a ring of window.lines
       slots; lines from para_from on are not in a paragraph yet. input
       counts the document's lines as read: empty lines in a row share a
       slot (folded), so line numbers are the slots' own */
    struct {
        struct phys_line *slot;
        size_t mask;
        unsigned long long base, next, para_from;
        unsigned long long input;
    } lines;
    struct layout layout;
    int layout_known;
    struct spill *filling;      /* the too-long line being pushed in parts */
    struct buf long_head;       /* and its first ENGINE_LONG_HEAD bytes */
};

/* The engine borrows rs and m; both must outlive it. */
void engine_init(struct engine *e, const struct rule_set *rs, struct rule_matcher *m,
                 engine_emit_fn emit, void *ctx);
void engine_free(struct engine *e);

/* Remember the context-free work of up to slots repeated lines (0: none,
 * the reference path). Off whatever slots says when rules are timed one
 * by one (--profile) or site packs make matching depend on the document. */
void engine_set_memo(struct engine *e, size_t slots);

/* Settings for the documents begun from now on. */
void engine_configure(struct engine *e, const struct engine_settings *s);
/* UTF-8 repairs made since the last call. */
unsigned long long engine_take_repairs(struct engine *e);
/* Lines the memo was asked for and lines it knew, since the last call. */
void engine_take_memo_counts(struct engine *e, unsigned long long *lookups,
                             unsigned long long *hits);

/* Start a document. */
void engine_begin(struct engine *e);
/* One line of the current document, without its terminator (or the last
 * part of a line pushed in parts). */
void engine_push(struct engine *e, const char *line, size_t len);
/* A part of a line that goes on (a reader's IO_PIECE): the line ends with
 * the next engine_push. A line in parts is longer than ENGINE_LONG_LINE. */
void engine_push_part(struct engine *e, const char *part, size_t len);
/* The lines of text[0..len), which end at LF, CRLF or a lone CR as
 * io_reader reads them; a last line without an end is a line too. */
void engine_push_text(struct engine *e, const char *text, size_t len);
/* End the document: decide and emit every line still held. */
void engine_end(struct engine *e);

/* The current document's layout, once known (for --explain). */
const struct layout *engine_layout(const struct engine *e);
/* The current document's language code, or NULL when none is known. */
const char *engine_language(const struct engine *e);

#endif
