/* libFuzzer harness: the rule-file parser. Any bytes must load or fail
 * with a located error, never crash or leak. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
        struct rule_matcher m;
        rules_matcher_init(&m, &rs, &lim);
        /* match the rules against their own text, line by line */
        rules_match(&m, "Tin liên quan", strlen("Tin liên quan"));
        rules_matcher_free(&m);
    } else if (!err.file || !err.msg) {
        __builtin_trap(); /* an error must say where and what */
    }
    cleaner_err_free(&err);
    rules_free(&rs);
    return 0;
}
