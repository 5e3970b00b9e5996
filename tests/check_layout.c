/* Check suite for layout: a line's shape, the layout of a document (lines,
 * hard-wrapped by characters or bytes, balanced, split, Markdown, lynx link
 * marks, forced), which lines go on with a paragraph, and the text of
 * Markdown and lynx-marked paragraphs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "check_run.h"

static void shape(const char *s, struct line_shape *out)
{
    layout_shape(s, strlen(s), out);
}

/* The shape layout_shape gives line t. */
static struct line_shape shaped(const char *t)
{
    struct line_shape s;
    shape(t, &s);
    return s;
}

/* The Markdown kind layout_shape gives line t. */
static int md_of(const char *t)
{
    struct line_shape s;
    shape(t, &s);
    return s.md;
}

START_TEST(shape_of_a_line)
{
    struct line_shape s;
    shape("   Hello wörld, again.  ", &s);
    ck_assert_uint_eq(s.indent, 3);
    ck_assert_uint_eq(s.width, 3 + 19);
    ck_assert_uint_eq(s.bytes, 3 + 20);
    ck_assert_uint_eq(s.first_word, 5);
    ck_assert(s.lead_space && s.trail_space && s.ends_stop && !s.starts_lower);
    shape("  ", &s);
    ck_assert(s.blank);
    shape("và tiếp tục-", &s);
    ck_assert(s.starts_lower && s.ends_hyphen && !s.ends_stop);
    shape("» Quote «", &s);
    ck_assert(!s.ends_stop);
    ck_assert_int_eq(md_of("## Heading"), MD_HEADING);
    ck_assert_int_eq(md_of("****** Title ******"), MD_HEADING);
    shape("  * [Home](/)", &s);
    ck_assert_int_eq(s.md, MD_LIST);
    ck_assert(s.md_syntax);
    ck_assert_int_eq(md_of(">> Teaser title"), MD_QUOTE);
    ck_assert_int_eq(md_of(">>> x"), MD_QUOTE);
    ck_assert_int_eq(md_of(">x"), MD_TEXT);
    ck_assert_int_eq(md_of("12. item"), MD_LIST);
    ck_assert_int_eq(md_of("* * *"), MD_RULE);
    ck_assert_int_eq(md_of("     o Politika"), MD_LIST);
    ck_assert_int_eq(md_of("o que é isso"), MD_TEXT); /* a word, not html2text's bullet */
    ck_assert_int_eq(md_of("• Politika"), MD_LIST);
    ck_assert_int_eq(md_of("     •\u00A0  [242]Rettet die Reichen"), MD_LIST); /* elinks */
    ck_assert_int_eq(md_of("•Politika"), MD_TEXT);
    shape("=========", &s);
    ck_assert(s.underline);
    shape("   [12]Home [13]News", &s);
    ck_assert(s.link_mark);
    shape("in 2010.[1] more", &s);
    ck_assert(!s.link_mark); /* a mark follows a space, #, ( or the start */
    /* invalid UTF-8 is a character, not a crash */
    shape("\xff\xfe abc", &s);
    ck_assert_uint_eq(s.width, 6);
    /* markup let through: an attribute with its name is markup; a quote
       after "=" in prose ("x =\"y\"") or prices are code at most */
    shape("id=\"'ad_bin_' + id.replace('-', '_')\" class=\"ad_bin\">", &s);
    ck_assert(s.code && s.attribute);
    shape("  :name=\"id\" class=\"ad_zone", &s);
    ck_assert(s.code && s.attribute);
    shape("he wrote x =\"yes\" on the form", &s);
    ck_assert(s.code && !s.attribute);
    shape("from $5 to $10", &s);
    ck_assert(!s.attribute);
    /* a word with non-breaking spaces after it at a line's end is one
       word to a wrapper: "bestätigte.&nbsp;&nbsp;" */
    shape("best\xc3\xa4tigte.\xc2\xa0\xc2\xa0", &s);
    ck_assert_uint_eq(s.first_word, 13);
    ck_assert_uint_eq(s.width, 11);
    shape("word\xc2\xa0next more", &s);
    ck_assert_uint_eq(s.first_word, 9);
    /* Debian html2text's starred heading, whole or wrapped over lines */
    size_t from, len;
    ck_assert(layout_starred_text("****** A Title ******", 21, &from, &len));
    ck_assert_uint_eq(from, 7);
    ck_assert_uint_eq(len, 7);
    ck_assert(!layout_starred_text("**bold** text", 13, &from, &len));
    shape("**** Online-Vortr\xc3\xa4ge: Auch ein Forscher aus Aachen war im Ziel der", &s);
    ck_assert(s.star_open && !s.star_close && s.md != MD_HEADING);
    shape("China-Agenten ****", &s);
    ck_assert(s.star_close && !s.star_open);
    shape("**** Short ****", &s);
    ck_assert(!s.star_open && !s.star_close && s.md == MD_HEADING);
    shape("******", &s);
    ck_assert(s.star_close && !s.star_open && s.md == MD_RULE);
}
END_TEST

/* The layout of text (lines separated by \n). */
static struct layout decide(const char *text, enum layout_kind forced)
{
    struct line_shape *shapes = calloc(4096, sizeof *shapes);
    const struct line_shape **ptrs = calloc(4096, sizeof *ptrs);
    size_t n = 0;
    for (const char *p = text; *p && n < 4096;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        layout_shape(p, len, &shapes[n]);
        ptrs[n] = &shapes[n];
        n++;
        p += len + (e != NULL);
    }
    struct layout lay;
    layout_decide(&lay, ptrs, n, forced);
    free(shapes);
    free(ptrs);
    return lay;
}

/* A paragraph of running text wrapped greedily at width w (characters). */
/* Text's layout is kind, wrapped at lo to hi characters. */
static void expect_layout(const char *text, enum layout_kind kind, unsigned lo, unsigned hi)
{
    struct layout lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, kind);
    ck_assert_uint_ge(lay.width, lo);
    ck_assert_uint_le(lay.width, hi);
}

static void wrap(char *out, size_t size, const char *text, unsigned w)
{
    size_t o = 0, col = 0;
    const char *p = text;
    out[0] = '\0';
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (col && col + 1 + len > w) {
            o += (size_t)snprintf(out + o, size - o, "\n");
            col = 0;
        } else if (col) {
            o += (size_t)snprintf(out + o, size - o, " ");
            col++;
        }
        o += (size_t)snprintf(out + o, size - o, "%.*s", (int)len, p);
        col += len;
        p += len + (e != NULL);
    }
}

static const char *PARA =
    "the committee said on tuesday that the plan would be debated again next month after "
    "several members asked for more time to read the report and to hear from the people "
    "who live in the districts that the new line would cross on its way to the coast and "
    "who have complained about the noise and the cost of the works for a long time now";

/* n copies of PARA wrapped greedily at width w appended to text, each
 * followed by after. */
static void paras(char *text, unsigned w, int n, const char *after)
{
    char para[2048];
    wrap(para, sizeof para, PARA, w);
    for (int i = 0; i < n; i++) {
        strcat(text, para);
        strcat(text, after);
    }
}

START_TEST(one_block_per_line_is_lines)
{
    char text[8192] = "";
    for (int i = 0; i < 20; i++) {
        strcat(text, i % 3 ? "Menu item\n" : PARA);
        strcat(text, "\n\n");
    }
    struct layout lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_LINES);
    ck_assert_uint_eq(lay.width, 0);
}
END_TEST

START_TEST(hard_wrapped_text_is_wrapped)
{
    char text[32768] = "";
    paras(text, 72, 6, "\n\n");
    struct layout lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    ck_assert_uint_le(lay.width, 72);
    ck_assert_uint_ge(lay.width, 66);
    ck_assert_uint_eq(lay.least, 0); /* greedy: the exact test holds */
    char desc[128];
    layout_describe(&lay, desc, sizeof desc);
    ck_assert_ptr_nonnull(strstr(desc, "wrapped at"));
    /* lynx's list of link addresses below the text: lines longer than the
       width, each ended by a word no width holds; still wrapped */
    for (int i = 0; i < 12; i++) {
        char ref[256];
        snprintf(ref, sizeof ref,
                 "   %d. https://example.org/2024/09/13/a-long-address-of-one-article-page-number-%d/\n",
                 i + 1, i);
        strcat(text, ref);
    }
    lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    /* a script framework's attributes let through as text, short lines
       going on in lower case: markup, no evidence against the wrapping */
    for (int i = 0; i < 30; i++)
        strcat(text, "aria-expanded=\"expanded\">  Sport\nclick=\"expanded = !expanded\"> Menu\n");
    lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    struct line_shape s;
    shape("click=\"expanded = !expanded\"> Menu", &s);
    ck_assert(s.code);
    shape("The vote was 12 = 12, a tie.", &s);
    ck_assert(!s.code);
    shape("   3. https://example.org/a/b", &s);
    ck_assert_uint_eq(s.last_word, strlen("https://example.org/a/b"));
    shape("one", &s);
    ck_assert_uint_eq(s.last_word, 3);
}
END_TEST

START_TEST(forced_layout_is_taken)
{
    struct layout lay = decide("one\ntwo\n", LAYOUT_WRAPPED);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    ck_assert_uint_eq(lay.width, 80); /* no width to learn: 80 */
    lay = decide("one\ntwo\n", LAYOUT_LINES);
    ck_assert_int_eq(lay.kind, LAYOUT_LINES);
    ck_assert_int_eq(layout_find("markdown"), LAYOUT_MARKDOWN);
    ck_assert_int_eq(layout_find("nope"), -1);
}
END_TEST

START_TEST(a_line_past_the_width_does_not_hide_a_greedy_wrapper)
{
    /* lynx lets a line stand a character or two past its width now and
       then: the width is still the one under which every line broke where
       the next word did not fit, and the wrapper is still greedy */
    char text[32768] = "";
    paras(text, 72, 12, "\n\n");
    /* two lines a closing quote longer */
    char *nl = strchr(text, '\n');
    for (int k = 0; k < 2 && nl; k++) {
        memmove(nl + 2, nl, strlen(nl) + 1);
        nl[0] = '"';
        nl[1] = '"';
        nl = strchr(strchr(nl + 3, '\n') + 1, '\n');
    }
    struct layout lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    ck_assert_uint_le(lay.width, 72);
    ck_assert_uint_ge(lay.width, 70);
    ck_assert_uint_eq(lay.least, 0);
}
END_TEST

/* elinks wraps its paragraphs at one width and its headings and lists
 * a few columns wider, and lists each link's title on a line of its own
 * with its address under it: the width is the paragraphs', the wrapper
 * greedy, and the titles over addresses say nothing of the width. */
START_TEST(wider_blocks_and_addresses_do_not_hide_the_width)
{
    char text[65536] = "", line[512];
    paras(text, 74, 20, "\n\n");
    /* headings wrapped at 79, past the paragraphs' width */
    for (int i = 0; i < 2; i++)
        strcat(text, "   11.04 uhr: israelische drohne toetet offenbar einen libanesischen mann im ort\n"
                     "   und zwei weitere\n\n");
    struct layout lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    ck_assert_uint_ge(lay.width, 73); /* its longest line */
    ck_assert_uint_le(lay.width, 74);
    ck_assert_uint_eq(lay.least, 0);
    /* the list of links: a long title, its address on the next line */
    for (int i = 0; i < 3; i++) {
        snprintf(line, sizeof line,
                 "  %d. Mit doppelter Kraft gegen den Rechtsruck! Um Initiativen gegen Rechts "
                 "aktiv zu supporten, gehen 50 Prozent aller Einnahmen an das Netzwerk\n"
                 "\tfile:///Links-lesen-Rechts-bekaempfen/!v=5bbaed78-169d-4b9b-a6e3-%d/\n",
                 i + 1, i);
        strcat(text, line);
    }
    lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    ck_assert_uint_ge(lay.width, 73);
    ck_assert_uint_le(lay.width, 74);
    ck_assert_uint_eq(lay.least, 0);
}
END_TEST

/* A short page wrapped with no blank lines (Debian html2text, fold):
 * paragraphs that start in lower case under a short line ("di Giulia
 * Rossi") are no sign of a balancing wrapper; lines that end short of
 * the width while the next word would fit, near it, are (fmt). */
START_TEST(one_lower_case_paragraph_does_not_make_a_short_page_balanced)
{
    char para[2048], text[32768] = "";
    wrap(para, sizeof para, PARA, 72);
    strcat(text, para);
    strcat(text, "\nThe end of a short paragraph here\nby Jane Doe\n");
    strcat(text, para);
    strcat(text, "\n");
    struct layout lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    ck_assert_uint_eq(lay.least, 0);
    strcat(text, "Another short paragraph ends here\nand one more starts in lower case\n");
    lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    ck_assert_uint_eq(lay.least, 0);
    char shorter[2048];
    wrap(shorter, sizeof shorter, PARA, 64);
    strcat(text, shorter);
    strcat(text, "\n");
    strcat(text, shorter);
    strcat(text, "\n");
    lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_WRAPPED);
    ck_assert_uint_ne(lay.least, 0);
}
END_TEST

/* One block per line with many short lines (menus) and a few paragraphs:
 * a third of the long lines run past any width a few pieces suggest, so
 * the page is not wrapped. */
START_TEST(a_page_of_menus_and_long_paragraphs_is_not_wrapped)
{
    char text[32768] = "";
    for (int i = 0; i < 60; i++)
        strcat(text, "Menu item\n");
    for (int i = 0; i < 4; i++)
        strcat(text, "Some text of a line that is about fifty chars long\n"
                     "and then it goes on in lower case\n");
    for (int i = 0; i < 6; i++) {
        strcat(text, "So ");
        strcat(text, PARA);
        strcat(text, ".\n");
    }
    struct layout lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_LINES);
    ck_assert_uint_eq(lay.width, 0);
}
END_TEST

START_TEST(one_long_line_does_not_set_the_width)
{
    /* a short page's few wrapped lines, then lynx's list of addresses
       where one long address goes on in lower case: the width is the
       text's, not that line's */
    char text[8192] = "";
    paras(text, 72, 3, "\n\n");
    strcat(text, "References\n\n   1. https://example.org/\n"
                 "  264. mailto:?subject=A%20long%20subject%20line%20of%20the%20article%20page"
                 "&body=https%3A%2F%2Fexample.org%2F%2024 the article\n"
                 "https://example.org/2024/09/13/a-long-address-of-one-article-page/\n");
    expect_layout(text, LAYOUT_WRAPPED, 66, 72);
}
END_TEST

START_TEST(wrapped_markdown_with_long_addresses_is_wrapped)
{
    /* python3 html2text never breaks an address: a link's line ends early,
       before "](https://...)" that did not fit, and a page of program
       listings is mostly such lines; its prose still tells the width */
    char text[32768] = "";
    paras(text, 78, 3, "\n\n![A photo](https://example.org/a.jpg)\n\n");
    for (int i = 0; i < 30; i++)
        strcat(text, "* [10:35 Channel: TV Athletics: 100\n"
                     "mQualifying](https://tv.example.org/programmes/sport?utm_source=web&utm_content=x)\n");
    struct layout lay = decide(text, LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_MARKDOWN);
    ck_assert_uint_ge(lay.width, 72);
    ck_assert_uint_le(lay.width, 78);
}
END_TEST

START_TEST(markdown_and_split_are_recognised)
{
    struct layout lay = decide("* [Home](/)\n* [News](/news)\n\n# Title\n\n"
                               "Text with a [link](http://x) in it.\n\n![img](a.jpg)\n",
                               LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_MARKDOWN);
    lay = decide("Es gibt einen \nReferentenentwurf\n. Die Ministerien haben\n\n"
                 "Trái ngược với \nphân khúc bất\n động sản có\n\nLine \nthree\n and more\n",
                 LAYOUT_AUTO);
    ck_assert_int_eq(lay.kind, LAYOUT_SPLIT);
}
END_TEST

static int goes_on(const struct layout *lay, const char *first, const char *a, const char *b,
                   unsigned lines)
{
    struct line_shape f, x, y;
    shape(first, &f);
    shape(a, &x);
    shape(b, &y);
    return layout_continues(lay, &f, &x, &y, lines);
}

START_TEST(which_lines_go_on)
{
    struct layout e = { .kind = LAYOUT_WRAPPED, .width = 77, .least = 0 };
    /* an elinks list item's later lines stand under its text */
    const char *item = "     \u2022\u00A0  [242]M\u00F6gliche Garantie f\u00FCr Bankeinlagen: Rettet "
                       "die Reichen Von Ines";
    ck_assert(goes_on(&e, item, item, "       Z\u00F6ttl, Washington", 1));
    struct layout w = { .kind = LAYOUT_WRAPPED, .width = 40, .least = 0 };
    const char *full = "the committee said on tuesday that the"; /* 38 */
    ck_assert(goes_on(&w, full, full, "plan would", 1));        /* "plan" does not fit */
    ck_assert(!goes_on(&w, "short line.", "short line.", "Next", 1));
    ck_assert(!goes_on(&w, full, full, "* item", 1));           /* a list item starts a block */
    ck_assert(!goes_on(&w, full, full, ">> Another story", 1)); /* so does a quotation */
    ck_assert(goes_on(&w, "> the committee said on tuesday that it", "> the committee said on tuesday that it",
                      "> the plan", 1));                          /* inside one it goes on */
    ck_assert(!goes_on(&w, full, full, "", 1));
    ck_assert(!goes_on(&w, full, full, "    indented more", 2)); /* indent changes */
    struct layout bal = { .kind = LAYOUT_WRAPPED, .width = 40, .least = 30 };      /* fmt: balanced */
    ck_assert(goes_on(&bal, "a line of thirty two characters.", "a line of thirty two characters.",
                      "more", 1));
    ck_assert(!goes_on(&bal, "a short line, twenty", "a short line, twenty", "more", 1));
    /* read as balanced, a line the next word did not fit still goes on
       (a greedy wrapper read as a balancing one) */
    ck_assert(goes_on(&bal, "a short line, twenty", "a short line, twenty",
                      "Forschungseinrichtungen.", 1));
    /* a starred heading wrapped over two lines is one paragraph, and the
       text under it another */
    const char *open = "**** Online talks: a researcher from Aachen";
    ck_assert(goes_on(&w, open, open, "was a target ****", 1));
    ck_assert(!goes_on(&w, open, "was a target ****", "the text under it", 2));
    ck_assert(!goes_on(&w, full, full, "**** A heading that wraps", 1));
    /* a heading that fills the width: its closing stars alone below it;
       a line of stars under text is a rule, not a closing */
    const char *wide = "****** A title as long as the width is";
    ck_assert(goes_on(&w, wide, wide, "******", 1));
    ck_assert(!goes_on(&w, wide, "******", "the text under it", 2));
    ck_assert(!goes_on(&w, full, full, "******", 1));
    struct layout sp = { .kind = LAYOUT_SPLIT, .width = 0, .least = 0 };
    ck_assert(goes_on(&sp, "Es gibt einen ", "Es gibt einen ", "Referentenentwurf", 1));
    ck_assert(goes_on(&sp, "Trái ngược với", "Trái ngược với", "phân khúc", 1));
    ck_assert(goes_on(&sp, "a link", "a link", ", and more", 1));
    ck_assert(!goes_on(&sp, "Politik", "Politik", "Deutschland", 1));
    struct layout ln = { .kind = LAYOUT_LINES, .width = 0, .least = 0 };
    ck_assert(!goes_on(&ln, full, full, "plan would", 1));
    /* one block per line: lines are trimmed, so white space at a joint
       with the sentence going on in lower case is a split at a link */
    ck_assert(goes_on(&ln, "Der größte Kollaps einer Bank\xC2\xA0 ", "Der größte Kollaps einer Bank\xC2\xA0 ",
                      " seit der Finanzkrise", 1));
    ck_assert(goes_on(&ln, "USA", "USA", " und Europa geführt.", 1));
    ck_assert(!goes_on(&ln, "Paylaş ", "Paylaş ", "İstanbul'da, bir yasa", 1)); /* a button's label */
    ck_assert(!goes_on(&ln, "It ended. ", "It ended. ", " and then", 1));
    ck_assert(!goes_on(&ln, "a menu ", "a menu ", "* item", 1));
    struct layout forced = { .kind = LAYOUT_LINES, .forced = 1 }; /* --layout lines */
    ck_assert(!goes_on(&forced, "USA", "USA", " und Europa geführt.", 1));
    ck_assert(!goes_on(&w, full, full, "plan would", 200));     /* paragraphs are bounded */
    /* Markdown: two spaces at the end are a line break the page made
       (<br>: a teaser's title over its text), whatever the width says */
    struct layout mdw = { .kind = LAYOUT_MARKDOWN, .width = 40, .least = 0 };
    const char *br = "the committee said on tuesday that the  ";
    ck_assert(goes_on(&mdw, full, full, "plan would", 1));
    ck_assert(!goes_on(&mdw, br, br, "plan would", 1));
    ck_assert(goes_on(&mdw, "the committee said on tuesday that the ", "the committee said on tuesday that the ",
                      "plan would", 1));                          /* one space is not a break */
    /* a word alone before a hard break: the wrapper counted its two
       spaces with it (the line is 35 characters: "the" and the
       spaces did not fit in 40; "a" and its spaces did) */
    const char *four = "the committees said on tuesday that"; /* 35 */
    ck_assert(goes_on(&mdw, four, four, "the  ", 1));
    ck_assert(!goes_on(&mdw, four, four, "a  ", 1));
    ck_assert(!goes_on(&mdw, four, four, "the", 1));                /* no break: "the" fitted */
    /* a heading is one line, unless a wrapper broke a link's text in it */
    const char *head = "## [Kumiswe abaphathi beMUT ngezinsolo";
    ck_assert(goes_on(&mdw, head, head, "zenkohlakalo](https://x.za/kumiswe-", 1));
    ck_assert(!goes_on(&mdw, "## Ezisematheni ngezinsolo abaphathi be", "## Ezisematheni ngezinsolo abaphathi be",
                       "zenkohlakalo", 1));
    ck_assert(!goes_on(&w, head, head, "zenkohlakalo](https://x.za/kumiswe-", 1)); /* Markdown only */
    struct line_shape x;
    shape(br, &x);
    ck_assert_int_eq(x.hard_break, 1);
    ck_assert_uint_eq(x.width, 38);
    shape(head, &x);
    ck_assert_int_eq(x.open_bracket, 1);
    shape("[a](b) and [c](d)", &x);
    ck_assert_int_eq(x.open_bracket, 0);
}
END_TEST

static unsigned md(const char *in, const char *want)
{
    struct buf out = BUF_INIT;
    unsigned f = layout_markdown_text(in, strlen(in), &out);
    ck_assert_msg(out.len == strlen(want) && (out.len == 0 || !memcmp(out.p, want, out.len)), "'%s' -> '%.*s', want '%s'",
                  in, (int)out.len, out.p, want);
    buf_free(&out);
    return f;
}

START_TEST(markdown_text_as_a_reader_sees_it)
{
    ck_assert_uint_eq(md("Plain text.", "Plain text."), 0);
    ck_assert_uint_eq(md("A [link](http://x.y/a_(b)) here.", "A link here."), MDF_LINKS);
    ck_assert_uint_eq(md("* [Home](/) [News](/news \"News\")", "* Home News"),
                      MDF_LINKS | MDF_LINKS_ONLY);
    ck_assert_uint_eq(md("![alt text](a.jpg)", ""), MDF_IMAGE_ONLY);
    /* the end of a link opened in an earlier paragraph */
    ck_assert_uint_eq(md("![alt](a.jpg) ](https://x.y/a-b)", ""), MDF_IMAGE_ONLY | MDF_LINKS);
    ck_assert_uint_eq(md("](https://x.y/a-b)", ""), MDF_LINKS);
    ck_assert_uint_eq(md("see ](this and that)", "see ](this and that)"), 0); /* prose */
    ck_assert_uint_eq(md("## A **bold** _title_ ##", "A bold title"), MDF_HEADING);
    md("[![img](a.jpg)](/x) caption", "caption");
    md("snake_case and 2 * 3", "snake_case and 2 * 3");
    md("\\*not emphasis\\*", "*not emphasis*");
    md("see <https://example.com/x>", "see https://example.com/x");
    md("[unclosed](link", "[unclosed](link");
    md("[1]: not a link", "[1]: not a link");
}
END_TEST

START_TEST(pandoc_markdown_as_a_reader_sees_it)
{
    /* pandoc's extended Markdown: spans and attributes are syntax, a
       fenced div's line has nothing to read */
    ck_assert_uint_eq(md("[Kommentar von ]{.typo-name} [[Nicole Opitz]{.bold .link}](/a/){.teaser-link}",
                         "Kommentar von Nicole Opitz"),
                      MDF_LINKS);
    md("[[N]{.initial-letter .pl-xsmall}]{.outer} [a endlich! [Es gibt einen Entwurf](/x/){.link "
       ".in-text-link target=\"_blank\"}. Die Ministerien]{.is-inline}",
       "N a endlich! Es gibt einen Entwurf. Die Ministerien");
    md("## Die Überschrift {#die-uberschrift .title}", "Die Überschrift");
    md("::: {.column .is-12 pos=\"2\"}", "");
    md(":::", "");
    md("::: modal-background", "");
    ck_assert_uint_eq(md("![](a.jpg \"Foto\"){.image width=\"100\"}", ""), MDF_IMAGE_ONLY);
    ck_assert_uint_eq(md("![[Caption]{.c}[Getty Images]{.d}](a.jpg \"t\"){srcset=\"a.jpg 400w\" width=\"1200\"}", ""),
                      MDF_IMAGE_ONLY);
    /* braces in prose stay */
    md("a set {1, 2} and {x}", "a set {1, 2} and {x}");
    /* pandoc escapes any mark, and ends a line with a backslash for a
       hard line break */
    md("\\'Tự diễn biến\\' \\| 27/12/2012 \\>\\> Xả rác", "'Tự diễn biến' | 27/12/2012 >> Xả rác");
    md("gây ô nhiễm.\\", "gây ô nhiễm.");
    md("a \\\\ b", "a \\ b");
    md("[a] {b}", "[a] {b}");
}
END_TEST

START_TEST(pandoc_markdown_lines)
{
    ck_assert_int_eq(md_of("::: {.column .is-12}"), MD_FENCE);
    ck_assert_int_eq(md_of(":::"), MD_FENCE);
    /* a backslash at the end: a hard line break, and the text ends
       before it */
    ck_assert_int_eq(shaped("xưởng sản xuất xả trực tiếp ra môi trường gây ô nhiễm.\\").hard_break, 1);
    ck_assert_int_eq(shaped("xưởng sản xuất xả trực tiếp ra môi trường gây ô nhiễm.\\").ends_stop, 1);
    ck_assert_int_eq(shaped("a path C:\\\\").hard_break, 0);
    /* script in an attribute's value, kept with its line breaks */
    ck_assert_int_eq(shaped("reportid: '', // if report is clicked, the id of the comment").code, 1);
    ck_assert_int_eq(shaped("if (initialId === 'artikel_co' || initialId === 'co_mob_2') { return 'x' }").code, 1);
    ck_assert_int_eq(shaped("window.popToast('Danke für Ihren Kommentar. Er wartet nun auf Freischaltung.')").code, 1);
    ck_assert_int_eq(shaped("See https://example.org/a and the text that goes on here.").code, 0);
    /* a condition's block opening: script; pandoc's attributes after a
       bracket or a link's address, and prose in brackets, not */
    ck_assert_int_eq(shaped("if (marOtaz_de.isMobile() ){").script, 1);
    ck_assert_int_eq(shaped("if (typeof x !== 'undefined') {").script, 1);
    ck_assert_int_eq(shaped("### Mehr von David Vonplon (dvp) {#mehr-von-david .container__header}").script, 0);
    ck_assert_int_eq(shaped("[Logga in](https://id.example.se/login){.icon}").script, 0);
    ck_assert_int_eq(shaped("The plan (as the council said) was to start in May.").script, 0);
    /* an image's list of sizes: words too long to break at the width */
    ck_assert_int_eq(shaped("https://cdn.example.org/system/article/teaser_image/5481/photo.jpg?fit=min&w=100 100w,").long_word, 1);
    ck_assert_int_eq(shaped("A line of ordinary words that wraps at the width of the text.").long_word, 0);
    /* attributes wrapped onto the next line: it goes on there */
    ck_assert_int_eq(shaped("Selbstbestimmungsgesetz](/Einigung/!5931168/){.link").open_brace, 1);
    struct layout lay = { .kind = LAYOUT_MARKDOWN, .width = 72 };
    ck_assert(goes_on(&lay, "Selbstbestimmungsgesetz](/Einigung/){.link",
                      "Selbstbestimmungsgesetz](/Einigung/){.link",
                      ".in-text-link target=\"_blank\"}. Die Ministerien der Justiz", 1));
    /* no width found (a long page whose first window is menus): text
       lines go on to the blank line, as Markdown says; not after a hard
       break, not into a list item or a script's line */
    struct layout bare = { .kind = LAYOUT_MARKDOWN, .width = 0, .blank_blocks = 1 };
    ck_assert(goes_on(&bare, "Short line of a paragraph", "Short line of a paragraph",
                      "and its second line.", 1));
    /* but a sentence that ended stays apart, and so does every line of a
       page whose blocks no blank lines set apart (one paragraph a line) */
    ck_assert(!goes_on(&bare, "A sentence that ended.", "A sentence that ended.", "Another one.", 1));
    struct layout packed = { .kind = LAYOUT_MARKDOWN, .width = 0, .blank_blocks = 0 };
    ck_assert(!goes_on(&packed, "Short line of a paragraph", "Short line of a paragraph",
                       "and its second line.", 1));
    ck_assert(!goes_on(&bare, "A title  ", "A title  ", "Its text.", 1));
    ck_assert(!goes_on(&bare, "Text", "Text", "- an item", 1));
    ck_assert(!goes_on(&bare, "Text", "Text", "if (a === b) { go(); }", 1));
    /* a fence stands alone */
    ck_assert(!goes_on(&lay, "::: {.column .main-article-corpus .is-12 .pt-0 .mgt-xlarge .mgt-large}",
                       "::: {.column .main-article-corpus .is-12 .pt-0 .mgt-xlarge .mgt-large}",
                       "text", 1));
}
END_TEST

START_TEST(pandoc_markdown_is_wrapped_markdown)
{
    /* pandoc -t markdown at 72: prose between fences, a script's lines
       and an image's list of sizes, all longer than the width */
    char para[2048], text[32768] = "";
    wrap(para, sizeof para, PARA, 72);
    for (int i = 0; i < 4; i++) {
        strcat(text, "::: {.column .main-article-corpus .is-12 .pt-0 .mgt-xlarge .mgt-large-mobile}\n");
        strcat(text, para);
        strcat(text, ":::\n\n");
        strcat(text, "x-data=\"{ commentboxFocused: false, // If true, then cursor is within the comment box\n"
                     "avatar: false, reportid: '', // if report is clicked, the id of the reported comment\n"
                     "}\"}\n\n");
        strcat(text, "![](https://x.org/a.jpg){srcset=\"https://cdn.example.org/system/teaser_image/5481/a.jpg?w=100 100w,\n"
                     "https://cdn.example.org/system/teaser_image/5481/a.jpg?fit=min&w=116 116w,\n"
                     "https://cdn.example.org/system/teaser_image/5481/a.jpg?fit=min&w=135 135w\"}\n\n");
    }
    expect_layout(text, LAYOUT_MARKDOWN, 66, 72);
}
END_TEST

START_TEST(html_in_markdown_as_a_reader_sees_it)
{
    /* pandoc -t gfm writes what Markdown cannot say as HTML */
    md("<span style=\"font-weight: 400;\">Selten sind Ermittler so massiv vorgegangen.</span>",
       "Selten sind Ermittler so massiv vorgegangen.");
    ck_assert_uint_eq(md("von <a href=\"/team/till/\" class=\"x\">Till Eckert</a> , <a href=\"/m/\">Max</a>",
                         "von Till Eckert , Max"),
                      MDF_LINKS);
    ck_assert_uint_eq(md("<a href=\"/a/\">Title of another article</a>", "Title of another article"),
                      MDF_LINKS | MDF_LINKS_ONLY);
    ck_assert_uint_eq(md("<img src=\"a.jpg\" alt=\"A photo\" />", ""), MDF_IMAGE_ONLY);
    md("<div class=\"detail__wrapper\">", "");
    md("</div>", "");
    md("<!-- a comment -->", "");
    /* a "<" in prose is text */
    md("a < b and b > c", "a < b and b > c");
    md("<3 and 1 <2", "<3 and 1 <2");
}
END_TEST

START_TEST(html_in_markdown_lines)
{
    struct line_shape s;
    shape("<a", &s);
    ck_assert_int_eq(s.open_tag, 1);
    ck_assert_int_eq(s.html_tag, 1);
    shape("<span style=\"font-weight: 400;\">Selten sind Ermittler so massiv gegen", &s);
    ck_assert_int_eq(s.open_tag, 0);
    ck_assert_int_eq(s.attribute, 0); /* the tag's, not leaked markup */
    ck_assert_int_eq(s.code, 1);
    shape("click=\"open = !open\" x-cloak", &s);
    ck_assert_int_eq(s.attribute, 1);
    ck_assert_int_eq(s.html_tag, 0);
    shape("a < b and b > c", &s);
    ck_assert_int_eq(s.html_tag, 0);
    struct layout lay = { .kind = LAYOUT_MARKDOWN, .width = 72 };
    ck_assert(goes_on(&lay, "Vorname und Geschlechtseintrag geändert werden können. <a",
                      "Vorname und Geschlechtseintrag geändert werden können. <a",
                      "href=\"/Transrechte/\" class=\"link\">Bislang gilt das", 1));
    /* pages of such lines are Markdown */
    char text[8192] = "";
    for (int i = 0; i < 10; i++)
        strcat(text, "<div class=\"detail__content\">\n\n"
                     "<span style=\"font-weight: 400;\">Die Eheleute sind Deutsche mit chinesischen\n"
                     "Wurzeln. Von München aus sollen sie in den vergangenen Jahren Kontakte\n"
                     "zu Wissenschaftlern aufgebaut haben.</span>\n\n</div>\n\n");
    ck_assert_int_eq(decide(text, LAYOUT_AUTO).kind, LAYOUT_MARKDOWN);
}
END_TEST

static int markup_only(const char *line)
{
    struct buf b = BUF_INIT;
    int r = layout_markup_only(line, strlen(line), &b);
    buf_free(&b);
    return r;
}

START_TEST(lines_of_markup_only)
{
    /* lines of a Markdown paragraph with nothing a reader sees */
    ck_assert(markup_only(".cursor-pointer .text-inherit .no-underline .text-salemsfur"));
    ck_assert(markup_only("tracking=\"{\\\"action\\\":\\\"click\\\"}\" sctrack=\"BodyAnchor\"}"));
    ck_assert(markup_only("<a href=\"/archiv/debatte/\" class=\"link in-text-link\""));
    ck_assert(markup_only(".link}](/autoren/anna-beispiel/){.teaser-link}"));
    ck_assert(markup_only("](https://example.org/a-long-address-of-the-article),"));
    ck_assert(markup_only("   data-srcset=\"https://example.org/a.jpg 1x,"));
    /* and lines with text */
    ck_assert(!markup_only(".in-text-link target=\"_blank\"} über die Kosten"));
    ck_assert(!markup_only("target=\"_blank\">Zuvor hatte es eine lange Debatte</a> über"));
    ck_assert(!markup_only("Plain words of a paragraph."));
    ck_assert(!markup_only("[Zuvor hatte es eine lange Debatte](/archiv/debatte/){.link"));
    ck_assert(!markup_only("a=b is what the equation says"));
}
END_TEST

START_TEST(underscored_links_read_as_words)
{
    struct buf out = BUF_INIT;
    ck_assert(layout_has_underscored("Sind Sie dabei? Jetzt_unterstützen", 35));
    ck_assert(!layout_has_underscored("see https://x.org/a_b and a@b_c.de", 34));
    ck_assert(!layout_has_underscored("snake_ and _case __init__", 25));
    const char *in = "Sind Sie dabei? Jetzt_unterstützen https://x.org/a_b Militär:_Bund";
    ck_assert_uint_eq(layout_underscored_text(in, strlen(in), &out), 2);
    ck_assert_str_eq(buf_cstr(&out), "Sind Sie dabei? Jetzt unterstützen https://x.org/a_b Militär: Bund");
    buf_free(&out);
    /* a page whose links are underscored: three lines of a menu and more */
    struct line_shape sh[6];
    const struct line_shape *ls[6];
    const char *lines[6] = { "Mehr_Nachrichten Newsletter_bestellen", "Unser_Angebot", "Das_Archiv",
                             "The text of the page goes on here.", "", "More of it." };
    for (int i = 0; i < 6; i++) {
        shape(lines[i], &sh[i]);
        ls[i] = &sh[i];
    }
    struct layout lay;
    layout_decide(&lay, ls, 6, LAYOUT_AUTO);
    ck_assert_int_eq(lay.underscores, 1);
    layout_decide(&lay, ls + 3, 3, LAYOUT_AUTO);
    ck_assert_int_eq(lay.underscores, 0);
}
END_TEST

START_TEST(lynx_marks_go)
{
    struct buf out = BUF_INIT;
    const char *in = "[4]Home [5]News [6]Sport";
    unsigned f = layout_marked_text(in, strlen(in), &out);
    ck_assert_str_eq(buf_cstr(&out), "Home News Sport");
    ck_assert_uint_eq(f, MDF_LINKS | MDF_LINKS_ONLY);
    in = "The [5]minister said on Monday that the plan would go ahead next year.";
    f = layout_marked_text(in, strlen(in), &out);
    ck_assert_str_eq(buf_cstr(&out), "The minister said on Monday that the plan would go ahead next year.");
    ck_assert_uint_eq(f, MDF_LINKS);
    in = "No marks [x] here";
    ck_assert_uint_eq(layout_marked_text(in, strlen(in), &out), 0);
    /* links side by side, and a form's button */
    in = "[121]News[122]Politics[124]Government resigns";
    layout_marked_text(in, strlen(in), &out);
    ck_assert_str_eq(buf_cstr(&out), "News Politics Government resigns");
    in = "(BUTTON) Show more";
    f = layout_marked_text(in, strlen(in), &out);
    ck_assert_str_eq(buf_cstr(&out), "Show more");
    ck_assert_uint_eq(f, MDF_LINKS | MDF_LINKS_ONLY);
    in = "in 2010.[1] more";
    layout_marked_text(in, strlen(in), &out);
    ck_assert_str_eq(buf_cstr(&out), "in 2010.[1] more"); /* a mark is glued to its text */
    buf_free(&out);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("layout");
    TCase *core = tcase_create("core");
    tcase_add_test(core, shape_of_a_line);
    tcase_add_test(core, one_block_per_line_is_lines);
    tcase_add_test(core, hard_wrapped_text_is_wrapped);
    tcase_add_test(core, forced_layout_is_taken);
    tcase_add_test(core, a_line_past_the_width_does_not_hide_a_greedy_wrapper);
    tcase_add_test(core, wider_blocks_and_addresses_do_not_hide_the_width);
    tcase_add_test(core, one_long_line_does_not_set_the_width);
    tcase_add_test(core, a_page_of_menus_and_long_paragraphs_is_not_wrapped);
    tcase_add_test(core, one_lower_case_paragraph_does_not_make_a_short_page_balanced);
    tcase_add_test(core, wrapped_markdown_with_long_addresses_is_wrapped);
    tcase_add_test(core, markdown_and_split_are_recognised);
    tcase_add_test(core, which_lines_go_on);
    tcase_add_test(core, markdown_text_as_a_reader_sees_it);
    tcase_add_test(core, pandoc_markdown_as_a_reader_sees_it);
    tcase_add_test(core, pandoc_markdown_lines);
    tcase_add_test(core, pandoc_markdown_is_wrapped_markdown);
    tcase_add_test(core, html_in_markdown_as_a_reader_sees_it);
    tcase_add_test(core, html_in_markdown_lines);
    tcase_add_test(core, lines_of_markup_only);
    tcase_add_test(core, underscored_links_read_as_words);
    tcase_add_test(core, lynx_marks_go);
    suite_add_tcase(s, core);
    return s;
}

int main(void)
{
    return check_run(suite());
}
