/* layout: how the lines of a document were made, and which physical lines
 * make one paragraph. Scrapers write one block per line; lynx, w3m, pandoc,
 * html2text and fmt hard-wrap paragraphs at a width; BeautifulSoup's
 * get_text("\n") splits a paragraph at every link or bold span; Markdown
 * (python3 html2text, pandoc -t markdown) adds link, image, heading and
 * emphasis syntax, and is usually wrapped too. The layout is recognised per
 * document from the shapes of its first lines (layout_decide); the
 * paragraph assembler then asks, line by line, whether the next line goes
 * on with the paragraph (layout_continues). Decisions are made on
 * paragraphs; the lines stay as they came. No state between documents. */
#ifndef CLEANER_LAYOUT_H
#define CLEANER_LAYOUT_H

#include <stddef.h>

#include "buf.h"

enum layout_kind {
    LAYOUT_AUTO,     /* recognise it (the default) */
    LAYOUT_LINES,    /* one block per line: every line is a paragraph,
                        but for a sentence split at a link */
    LAYOUT_WRAPPED,  /* paragraphs hard-wrapped at a width */
    LAYOUT_SPLIT,    /* paragraphs split at inline elements (get_text("\n")) */
    LAYOUT_MARKDOWN, /* Markdown, wrapped or not */
    LAYOUT_COUNT
};

extern const char *const layout_names[LAYOUT_COUNT];
/* The layout called name ("auto", "lines", ...), or -1. */
int layout_find(const char *name);

/* What a Markdown line is, from its first characters. */
enum md_kind {
    MD_TEXT,
    MD_HEADING,   /* "# ..." */
    MD_LIST,      /* "* ...", "- ...", "+ ...", "1. ..." */
    MD_QUOTE,     /* "> ..." */
    MD_RULE,      /* "* * *", "---", "___" */
    MD_FENCE,     /* "```", and pandoc's fenced divs ":::" */
    MD_TABLE      /* "| a | b |" */
};

/* What the layout stage needs of one physical line, read from its raw bytes
 * (no normal form needed): widths in characters and bytes without the line
 * end and trailing white space, the indent, and the shape of its ends. */
struct line_shape {
    unsigned width;       /* characters (a tab counts as one) */
    unsigned bytes;       /* bytes */
    unsigned indent;      /* leading spaces and tabs */
    unsigned first_word;  /* characters of the first word */
    unsigned first_word_bytes;
    unsigned last_word;   /* characters after the last space */
    unsigned char blank;  /* only white space */
    unsigned char lead_space, trail_space; /* white space before / after the text */
    unsigned char hard_break;    /* ends in two spaces or more: in Markdown, a
                                    line break the page made (<br>) */
    unsigned char starts_lower;  /* the text starts with a lower-case letter */
    unsigned char starts_joiner; /* ... or with , . ; : ) ] » ” or a closing quote */
    unsigned char ends_stop;     /* ends like a sentence: . ! ? : ; … (quotes looked through) */
    unsigned char ends_hyphen;   /* ends with a letter and '-' */
    unsigned char ends_word;     /* ends with a letter or a digit */
    unsigned char md;            /* enum md_kind */
    unsigned char md_syntax;     /* holds "](", "![" or a "**"/"__" pair */
    unsigned char underline;     /* only = * - ~ or _ (a heading's underline) */
    unsigned char link_mark;     /* holds a lynx link mark: "[12]" before a word */
    unsigned char code;          /* markup let through as text: an
                                    attribute (=" or =') or two of { } $ */
    unsigned char attribute;     /* ... an attribute with its name right
                                    before it (class=", :name=", id=') */
    unsigned char star_open;     /* opens a starred heading it does not
                                    close ("**** Title that wraps") */
    unsigned char star_close;    /* closes one ("goes on here ****") */
    unsigned char link_head;     /* starts as lynx's list of <link>s: "#[1]" */
    unsigned char underscored;   /* words joined by underscores, not in an
                                    address (Debian html2text's links) */
    unsigned char open_bracket;  /* opens more "[" than it closes: a
                                    Markdown link's text goes on below */
    unsigned char script;        /* ... script: a comment, "===", "this.x"
                                    (also code) */
    unsigned char html_tag;      /* holds an HTML tag ("<a href", "</div>",
                                    "<!--"): Markdown with HTML in it */
    unsigned char open_tag;      /* leaves an HTML tag open ("<a" then
                                    href=... on the next line: pandoc -t
                                    gfm) */
    unsigned char long_word;     /* holds a word of more than 40 bytes (an
                                    address): the line could not be broken
                                    at the width */
    unsigned char open_brace;    /* opens more "{" than it closes: pandoc's
                                    attributes ({.class key="value"})
                                    wrapped onto the next line */
};

void layout_shape(const char *raw, size_t n, struct line_shape *s);

/* Whether s[i] starts an HTML tag ("<a ", "</div>", "<br/>", "<!--"), not
 * an address ("<https://...>") or a "<" in prose. */
int layout_tag_at(const char *s, size_t n, size_t i);

/* Whether s[0..n) is a heading as Debian html2text writes one ("******
 * Title ******"): then its title is s[*from .. *from + *len). */
int layout_starred_text(const char *s, size_t n, size_t *from, size_t *len);

struct layout {
    enum layout_kind kind;
    unsigned width;      /* the wrap width (WRAPPED, or a wrapped MARKDOWN) */
    unsigned least;      /* 0, or the wrapper balances its lines (fmt): a
                            line this long or longer is a wrapped one */
    int in_bytes;        /* the width counts bytes (fold, fmt), not characters */
    int link_marks;      /* links are marked "[12]text" (lynx -dump) */
    size_t head_lines;   /* lynx's list of the page's <link>s at the top
                            ("#[1]Feed [2]Comments Feed"): its lines, up to
                            the first blank one; 0 when there is none */
    int underscores;     /* links are written with their words joined by
                            underscores ("Read_more_here": Debian
                            html2text): the text is read without them */
    int forced;          /* the user named the layout: taken to the letter
                            (forced lines: every line is a paragraph) */
    int blank_blocks;    /* blank lines set blocks apart (one text line in
                            seven or more has one after it), as Markdown
                            writers do: a page with no width found may be
                            read to the blank line */
};

/* The layout of a document from the shapes of its first n lines (in order,
 * blank ones included). forced (not LAYOUT_AUTO) is taken as it is, its
 * width still measured. */
void layout_decide(struct layout *lay, const struct line_shape *const *lines, size_t n,
                   enum layout_kind forced);

/* Whether line b goes on with the paragraph whose last line is a (b comes
 * right after a, neither blank); first is the paragraph's first line and
 * lines the number it has so far. */
int layout_continues(const struct layout *lay, const struct line_shape *first,
                     const struct line_shape *a, const struct line_shape *b, unsigned lines);

/* Markdown: what a paragraph holds besides its text. */
enum md_flag {
    MDF_LINKS_ONLY = 1 << 0, /* nothing but links (and list markers, punctuation) */
    MDF_IMAGE_ONLY = 1 << 1, /* nothing but images */
    MDF_HEADING = 1 << 2,    /* a heading */
    MDF_LINKS = 1 << 3,      /* holds a link */
    MDF_TOP_HEADING = 1 << 4 /* a heading of the first level ("# ") */
};

/* The text of a Markdown paragraph (its lines joined, in the normal form)
 * as a reader sees it: [text](url) and <url> become their text, images go
 * (their alt text is not text of the page), heading marks, emphasis marks
 * and backslash escapes go; a list marker stays. out is overwritten.
 * Returns MDF_* flags. */
unsigned layout_markdown_text(const char *s, size_t n, struct buf *out);

/* Whether a line of a Markdown paragraph has nothing a reader sees: only
 * syntax, tags, attributes (pandoc's wrapped onto it from the line before:
 * ".in-text-link target="_blank"}"), an address. scratch is work space. */
int layout_markup_only(const char *s, size_t n, struct buf *scratch);

/* The text of a paragraph whose links are marked as lynx -dump marks them
 * ("[12]Home"), and its buttons ("(BUTTON) Search"): the marks go, a button
 * counting as a link. out is overwritten. Returns MDF_LINKS when
 * it has a mark, and MDF_LINKS_ONLY when it starts with one and is a few
 * words without a sentence's end, or every word group is a link. */
unsigned layout_marked_text(const char *s, size_t n, struct buf *out);

/* Whether s[0..n) holds a word joined to the next by an underscore
 * ("Jetzt_unterstützen"), outside an address or an e-mail (a token with
 * "/", "@" or "="). */
int layout_has_underscored(const char *s, size_t n);

/* The text of a paragraph whose links are written with their words joined
 * by underscores (Debian html2text), as a reader sees it: those
 * underscores become spaces; addresses keep theirs. out is overwritten.
 * Returns the underscores replaced. */
size_t layout_underscored_text(const char *s, size_t n, struct buf *out);

/* Describe the layout for --explain ("wrapped at 79 characters"). */
void layout_describe(const struct layout *lay, char *out, size_t size);

#endif
