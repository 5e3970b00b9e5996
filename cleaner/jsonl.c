/* jsonl: parse with jansson, splice the cleaned field back (see jsonl.h). */
#include "jsonl.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* White space as jansson reads it: it also passes over NUL bytes between
 * tokens. Every function here stops at n, whatever the bytes. */
static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\0'))
        i++;
    return i;
}

static int ends_scalar(char c)
{
    return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\r' ||
           c == '\n' || c == '\0';
}

/* End (one past the closing quote) of the string token starting at i. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n && s[i] != '"'; i++)
        if (s[i] == '\\')
            i++;
    return i < n ? i + 1 : n;
}

/* End of the value starting at i; the text is valid JSON. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return n;
    if (s[i] == '"')
        return skip_string(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < n) {
            char c = s[i];
            if (c == '"') {
                i = skip_string(s, n, i);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if (c == '}' || c == ']')
                if (--depth == 0)
                    return i + 1;
            i++;
        }
        return n;
    }
    while (i < n && !ends_scalar(s[i]))
        i++;
    return i;
}

/* Whether the key token s[a..b) (quotes included) decodes to field. */
static int key_is(const char *s, size_t a, size_t b, const char *field)
{
    size_t flen = strlen(field);
    if (!memchr(s + a, '\\', b - a))
        return b - a == flen + 2 && !memcmp(s + a + 1, field, flen);
    json_t *k = json_loadb(s + a, b - a, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    int same = k && json_is_string(k) && json_string_length(k) == flen &&
               !memcmp(json_string_value(k), field, flen);
    json_decref(k);
    return same;
}

/* The span of the last top-level member named field (jansson keeps the
 * last of duplicate keys too). Returns 0 if found. */
static int find_member(const char *s, size_t n, const char *field, size_t *vs, size_t *ve)
{
    int found = 0;
    size_t i = skip_ws(s, n, 0);
    if (i >= n || s[i] != '{')
        return -1;
    i++;
    for (;;) {
        i = skip_ws(s, n, i);
        if (i >= n || s[i] == '}')
            break;
        if (s[i] != '"')
            return -1; /* not where a key can be: give up, nothing is read */
        size_t ka = i, kb = skip_string(s, n, i);
        i = skip_ws(s, n, kb);
        if (i >= n || s[i] != ':')
            return -1;
        i = skip_ws(s, n, i + 1);
        size_t va = i, vb = skip_value(s, n, i);
        if (key_is(s, ka, kb, field)) {
            *vs = va;
            *ve = vb;
            found = 1;
        }
        i = skip_ws(s, n, vb);
        if (i < n && s[i] == ',')
            i++;
    }
    return found ? 0 : -1;
}

static void set_msg(struct buf *msg, const char *text)
{
    buf_set(msg, text, strlen(text));
}

void jsonl_url_host(const char *url, size_t n, struct buf *out)
{
    out->len = 0;
    const char *p = url, *end = url + n;
    for (const char *q = url; q + 2 < end; q++) {
        if (q[0] == ':' && q[1] == '/' && q[2] == '/') {
            p = q + 3;
            break;
        }
        if (*q == '/' || *q == '?' || *q == '#')
            break;
    }
    const char *h = p;
    while (p < end && *p != '/' && *p != '?' && *p != '#')
        p++;
    const char *at = memchr(h, '@', (size_t)(p - h));
    if (at)
        h = at + 1;
    const char *colon = memchr(h, ':', (size_t)(p - h));
    const char *he = colon ? colon : p;
    while (he > h && he[-1] == '.')
        he--;
    for (const char *c = h; c < he; c++)
        buf_putc(out, (*c >= 'A' && *c <= 'Z') ? (char)(*c + 32) : *c);
    buf_cstr(out);
}

/* The value at a dotted path ("metadata.url"): each part a member of the
 * object before it; NULL when a part is missing or not in an object. */
static json_t *get_path(json_t *root, const char *path)
{
    json_t *v = root;
    const char *p = path;
    char part[256];
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (!json_is_object(v) || n >= sizeof part)
            return NULL;
        memcpy(part, p, n);
        part[n] = '\0';
        v = json_object_get(v, part);
        if (!v || !dot)
            return v;
        p = dot + 1;
    }
}

/* The byte span of the value at a dotted path in the line: the member of
 * each object in turn. Returns 0 if found. */
static int find_path(const char *s, size_t n, const char *path, size_t *vs, size_t *ve)
{
    size_t base = 0, end = n;
    const char *p = path;
    char part[256];
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t k = dot ? (size_t)(dot - p) : strlen(p);
        if (k >= sizeof part)
            return -1;
        memcpy(part, p, k);
        part[k] = '\0';
        size_t a, b;
        if (find_member(s + base, end - base, part, &a, &b) < 0)
            return -1;
        a += base;
        b += base;
        if (!dot) {
            *vs = a;
            *ve = b;
            return 0;
        }
        base = a;
        end = b;
        p = dot + 1;
    }
}

int jsonl_parse(const char *line, size_t len, const char *field, const char *site_field,
                struct jsonl_doc *doc, struct buf *msg)
{
    json_error_t e;
    /* integers as reals: only validated, never written back, so big ones
       pass; "\u0000" in a string is a NUL byte, as any JSON library writes
       a scraped NUL */
    json_t *root = json_loadb(line, len, JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, &e);
    if (!root) {
        char m[256];
        snprintf(m, sizeof m, "malformed JSON at column %d: %s", e.column, e.text);
        set_msg(msg, m);
        return -1;
    }
    int rc = -1;
    if (!json_is_object(root)) {
        set_msg(msg, "not a JSON object");
    } else {
        json_t *v = get_path(root, field);
        if (!v) {
            char m[256];
            snprintf(m, sizeof m, "no field '%.200s'", field);
            set_msg(msg, m);
        } else if (!json_is_string(v)) {
            char m[256];
            snprintf(m, sizeof m, "field '%.200s' is not a string", field);
            set_msg(msg, m);
        } else if (find_path(line, len, field, &doc->value_start, &doc->value_end) < 0) {
            set_msg(msg, "field not found in the text"); /* cannot happen for valid JSON */
        } else {
            buf_set(&doc->text, json_string_value(v), json_string_length(v));
            doc->host.len = 0;
            json_t *u = site_field ? get_path(root, site_field) : NULL;
            doc->site_missing = site_field && !(u && json_is_string(u));
            if (u && json_is_string(u))
                jsonl_url_host(json_string_value(u), json_string_length(u), &doc->host);
            rc = 0;
        }
    }
    json_decref(root);
    return rc;
}

void jsonl_splice(const char *line, const struct jsonl_doc *doc, const char *clean, size_t n,
                  size_t len, struct buf *out)
{
    json_t *str = json_stringn_nocheck(clean, n);
    if (!str)
        xalloc_die_errno();
    buf_append(out, line, doc->value_start);
    jsonl_append_json(out, str, JSON_ENCODE_ANY | JSON_COMPACT);
    buf_append(out, line + doc->value_end, len - doc->value_end);
    json_decref(str);
}

static int append_chunk(const char *p, size_t n, void *out)
{
    buf_append(out, p, n);
    return 0;
}

void jsonl_append_json(struct buf *out, const json_t *value, size_t flags)
{
    if (json_dump_callback(value, append_chunk, out, flags) != 0)
        xalloc_die_errno();
}

void jsonl_doc_free(struct jsonl_doc *doc)
{
    buf_free(&doc->text);
    buf_free(&doc->host);
}
