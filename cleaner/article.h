/* article: the article's extent in one document, chosen as a whole.
 *
 * The engine hands it the paragraphs of the window once the document has
 * ended (or the window is full), each with its shape and what the rules
 * and the line detectors said of it. The article is then chosen, not
 * found on the way:
 *
 *   blocks    body text ("good" paragraphs) with short gaps between them
 *             makes a block; a long gap, a tail header (cut rule) or a
 *             strong end (a comment's signature, another article's lead or
 *             alt text, a metadata line inside the text) ends it;
 *   choose    the first block that is article-like and has a good share
 *             of the page's body text is the core: a small block before
 *             it (a blurb, a subscription box, a comment) is not taken;
 *   extend    a block after the core that speaks of the same things (shared
 *             content words) and reads like an article is part of it: the
 *             box between (paywall, ads, table of contents, a tail header
 *             whose box the text resumes after) is dropped; a trailing
 *             block that does not speak of them (a widget in sentences) is
 *             left out;
 *   headline  the title-shaped line above the core that speaks of its lead,
 *             nearest first, farther when a near one does not (a standfirst
 *             under the title is the lead);
 *   inside    short lines between body paragraphs are kept (sub-heads,
 *             captions), runs of link titles, boxes after a box header and
 *             teaser cards go; a short last paragraph is kept;
 *   after     everything else goes, with the reason that ended it.
 *
 * A document longer than the window is decided a window at a time: the
 * older half is decided and handed out, and what was decided (the article
 * goes on, or ended) carries into the next decision. All its state is
 * here; it reads and writes the paragraphs' verdicts in the doc window. */
#ifndef CLEANER_ARTICLE_H
#define CLEANER_ARTICLE_H

#include "buf.h"
#include "doc.h"
#include "words.h"

enum article_state {
    ART_NONE,   /* no article yet */
    ART_OPEN,   /* the article began and goes on past what was handed out */
    ART_ENDED   /* it ended: later lines are dropped */
};

/* What ended a block of body text. */
enum block_end { END_GAP, END_CUT, END_STRONG, END_DOC };

struct block {
    unsigned long long first, last;  /* its first and last good paragraph */
    unsigned goods;                  /* good paragraphs */
    unsigned adjacent;               /* good paragraphs right next to another */
    size_t chars;                    /* characters of body text */
    double score;
    enum block_end end;
    unsigned long long end_at;       /* the paragraph that ended it */
    const char *end_why;
};

struct article {
    enum article_state state;
    const char *end_why;        /* the reason given after the end */
    int has_headline;
    struct buf headline;        /* its text: copies of it are dropped */
    unsigned long long gap;     /* ART_OPEN: non-body paragraphs since the
                                   last body text handed out */
    struct block *blocks;
    size_t nblocks, blocks_cap;
    struct word_set region, other, tmp; /* content words: the article's, a block's */
    /* what region holds when rgn_built: the blocks rgn_lo .. rgn_hi and the
       headline */
    const struct block *rgn_lo, *rgn_hi, *built_lo, *built_hi;
    struct line_rec *rgn_head;
    const struct line_rec *built_head;
    int rgn_built;
    struct buf scratch;
    /* verdicts held back by a decision that is not final */
    struct saved_verdict {
        enum verdict v;
        const char *why;
        unsigned flags;
    } *saved;
    size_t saved_cap;
};

void article_init(struct article *a);
void article_free(struct article *a);
/* A new document. */
void article_begin(struct article *a);
/* Decide the paragraphs held in d's window. final: the document has
 * ended, every verdict is decided. Otherwise (the window is full) the
 * verdicts of the paragraphs before the returned seq are final, the rest
 * will be decided again with what follows. */
unsigned long long article_decide(struct article *a, struct doc *d, int final);

#endif
