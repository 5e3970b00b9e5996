/* libFuzzer harness: the rule-file parser. Any bytes must load or fail
 * with a located error, never crash or leak. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <unistr.h>

#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rule_set rs;
    struct cleaner_err err = { 0 };
    rules_init(&rs);
    if (rules_load_string(&rs, "fuzz.rules", (const char *)data, size, &err) == 0) {
        rules_finish(&rs);
        struct rule_limits lim = { 10000, 1000, 1000 };
        struct rule_matcher m, g;
        rules_matcher_init(&m, &rs, &lim);
        rules_matcher_init(&g, &rs, &lim);
        m.gate_after = (unsigned long long)-1; /* the full alternations */
        g.gate_after = 0;                      /* gated by first character */
        /* match the rules against their own text, line by line (valid
           UTF-8 lines only, as cleaned lines are), and a fixed line: the
           gated matcher must pick the same rule, or both hit a limit */
        const char *fixed = "Tin liên quan";
        rules_match(&m, fixed, strlen(fixed));
        for (size_t i = 0, next; i <= size; i = next + 1) {
            const char *line = (const char *)data + i;
            const char *nl = memchr(line, '\n', size - i);
            next = nl ? (size_t)(nl - (const char *)data) : size;
            size_t n = next - i;
            if (n == 0 || u8_check((const uint8_t *)line, n))
                continue;
            unsigned long long limits = rules_matcher_limit_events(&m) + rules_matcher_limit_events(&g);
            const struct rule *a = rules_match(&m, line, n);
            const struct rule *b = rules_match(&g, line, n);
            if (a != b && rules_matcher_limit_events(&m) + rules_matcher_limit_events(&g) == limits)
                __builtin_trap();
        }
        rules_matcher_free(&m);
        rules_matcher_free(&g);
    } else if (!err.file || !err.msg) {
        __builtin_trap(); /* an error must say where and what */
    }
    cleaner_err_free(&err);
    rules_free(&rs);
    return 0;
}
