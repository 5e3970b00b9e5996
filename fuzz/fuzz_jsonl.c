/* libFuzzer harness: the JSON Lines reader and splicer. A line that parses
 * must still parse after its "text" field is replaced, and the field must
 * then hold exactly the new string. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct jsonl_doc doc = { BUF_INIT, BUF_INIT, 0, 0 };
    struct buf msg = BUF_INIT, out = BUF_INIT;
    static const char clean[] = "Dòng đã làm sạch \"x\" \\ \n hết";
    if (jsonl_parse((const char *)data, size, "text", "url", &doc, &msg) == 0) {
        jsonl_splice((const char *)data, &doc, clean, sizeof clean - 1, size, &out);
        /* as the reader parses: "\u0000" allowed (found by this harness:
           a NUL in another field made the check, not the splice, fail) */
        json_t *back = json_loadb(out.p, out.len, JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, NULL);
        if (!back)
            __builtin_trap();
        json_t *t = json_object_get(back, "text");
        if (!t || !json_is_string(t) || json_string_length(t) != sizeof clean - 1 ||
            memcmp(json_string_value(t), clean, sizeof clean - 1))
            __builtin_trap();
        json_decref(back);
    } else if (!msg.len) {
        __builtin_trap();
    }
    jsonl_doc_free(&doc);
    buf_free(&msg);
    buf_free(&out);
    return 0;
}
