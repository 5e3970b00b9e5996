/* libFuzzer harness: the whole line engine over one document, with the
 * default rule pack. The first byte picks the output mode. Checks that the
 * cleaned text is valid UTF-8 with no empty line, and that --explain
 * writes one record per input line after the document's own record. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "pipeline.h"
#include "rules.h"

#ifndef FUZZ_RULES
#define FUZZ_RULES "rules"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rule_set rs;
/* one matcher, and one pipeline per output mode, for the run, like the
   rules: the first-character gate (on from the first line) and the memo
   fill as inputs come, as in a long real run, and an input costs no 2 MiB
   memo to set up and tear down */
static struct rule_matcher m;
static struct pipeline_opts opts[3];
static struct pipeline pipes[3];
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!loaded) {
        struct cleaner_err err = { 0 };
        rules_init(&rs);
        const char *path = getenv("CLEANER_RULES") ? getenv("CLEANER_RULES") : FUZZ_RULES;
        if (rules_load(&rs, path, &err) < 0)
            abort();
        rules_finish(&rs);
        struct rule_limits lim = RULE_LIMITS_DEFAULT;
        rules_matcher_init(&m, &rs, &lim);
        m.gate_after = 0;
        for (int k = 0; k < 3; k++) {
            opts[k].mode = (enum output_mode)k;
            pipeline_init(&pipes[k], &opts[k], &rs, &m, NULL, NULL);
        }
        loaded = 1;
    }
    if (size == 0)
        return 0;
    struct pipeline *p = &pipes[data[0] % 3];
    enum output_mode mode = p->opts->mode;
    data++;
    size--;
    struct buf text = BUF_INIT, removed = BUF_INIT;
    struct io_writer out, rem;
    io_writer_init_mem(&out, &text);
    io_writer_init_mem(&rem, &removed);
    pipeline_set_writers(p, &out, &rem);
    unsigned long long lines_before = p->stats->lines_in;
    pipeline_run_mem(p, 1, (const char *)data, size);
    if (mode == OUT_TEXT) {
        if (text.len && u8_check((const uint8_t *)text.p, text.len))
            __builtin_trap();
        for (size_t i = 0; i < text.len; i++)
            if (text.p[i] == '\n' && (i == 0 || text.p[i - 1] == '\n'))
                __builtin_trap(); /* an empty line */
    }
    if (mode == OUT_EXPLAIN) {
        size_t records = 0;
        for (size_t i = 0; i < text.len; i++)
            records += text.p[i] == '\n';
        unsigned long long lines = p->stats->lines_in - lines_before;
        if (records != lines + (lines > 0))
            __builtin_trap();
    }
    pipeline_set_writers(p, NULL, NULL);
    buf_free(&text);
    buf_free(&removed);
    return 0;
}
