/* pipeline_opts: how a run writes what it keeps (the settings a pipeline
 * is made with), apart from the pipeline itself, so that option parsing
 * does not see the engine. */
#ifndef CLEANER_PIPELINE_OPTS_H
#define CLEANER_PIPELINE_OPTS_H

enum output_mode {
    OUT_TEXT,    /* kept lines in the normal form */
    OUT_BYTES,   /* kept lines exactly as read */
    OUT_EXPLAIN  /* every line: doc, line, verdict, reason, text */
};

struct pipeline_opts {
    enum output_mode mode;
    int paragraphs;             /* OUT_TEXT: each kept paragraph on one line */
    int layout;                 /* enum layout_kind: LAYOUT_AUTO recognises it */
    int lang;                   /* 0: recognise the language; -1: none; 1 + k:
                                   language pack k for every document */
    int nul_data;               /* -z: NUL separates documents in and out */
    int drop_empty;             /* -z: write nothing for an empty result */
    int no_memo;                /* --no-memo: every line normalised and matched */
};

#endif
