/* warc: WARC records in and out (see warc.h). */
#include "warc.h"

#include <errno.h>
#include <jansson.h>
#include <nettle/sha1.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonl.h"
#include "text.h"
#include "xalloc.h"

/* READ: bytes asked of the source at a time; MAX_HEAD: the longest header
 * block; HOLD: the largest record held whole (to be cleaned); PIECE: the
 * most bytes of garbage held while looking for the next record (passed on
 * in pieces of about this size). */
enum { READ = 1 << 16, MAX_HEAD = 1 << 20, HOLD = 8 << 20, PIECE = 1 << 18 };

void warc_reader_init(struct warc_reader *r, struct source *src)
{
    memset(r, 0, sizeof *r);
    r->src = src;
}

void warc_reader_free(struct warc_reader *r)
{
    buf_free(&r->in);
}

/* Read more: 1 if bytes came, 0 at the end, -1 on error. */
static int more(struct warc_reader *r)
{
    if (r->eof)
        return 0;
    if (r->pos > 0 && r->pos >= r->in.len / 2) {
        memmove(r->in.p, r->in.p + r->pos, r->in.len - r->pos);
        r->in.len -= r->pos;
        r->pos = 0;
    }
    buf_reserve(&r->in, READ);
    ssize_t n = source_read(r->src, r->in.p + r->in.len, r->in.cap - r->in.len - 1);
    if (n < 0) {
        r->err = errno;
        return -1;
    }
    if (n == 0) {
        r->eof = 1;
        return 0;
    }
    r->in.len += (size_t)n;
    return 1;
}

/* At least k bytes after pos: 1, or 0 if the input ends first, -1. */
static int need(struct warc_reader *r, size_t k)
{
    while (r->in.len - r->pos < k) {
        int m = more(r);
        if (m <= 0)
            return m;
    }
    return 1;
}

int warc_looks_like(const char *p, size_t n)
{
    return n >= 8 && (!memcmp(p, "WARC/1.0", 8) || !memcmp(p, "WARC/1.1", 8));
}

/* The first "\r\n\r\n" in p[0..n), or NULL. */
static const char *head_end(const char *p, size_t n)
{
    return memmem(p, n, "\r\n\r\n", 4);
}

/* Content-Length of a header block; -1 when missing or not a number. */
static long long content_length(const char *head, size_t n)
{
    for (const char *l = head; l < head + n;) {
        const char *e = memmem(l, (size_t)(head + n - l), "\r\n", 2);
        size_t len = e ? (size_t)(e - l) : (size_t)(head + n - l);
        if (len > 15 && !strncasecmp(l, "Content-Length:", 15)) {
            const char *v = l + 15, *end = l + len;
            while (v < end && (*v == ' ' || *v == '\t'))
                v++;
            long long x = 0;
            const char *d = v;
            while (d < end && *d >= '0' && *d <= '9' && x < (1LL << 50))
                x = x * 10 + (*d++ - '0');
            while (d < end && (*d == ' ' || *d == '\t'))
                d++;
            return d > v && d == end ? x : -1;
        }
        if (!e)
            break;
        l = e + 2;
    }
    return -1;
}

/* Whether a record holds a page's text to clean, from its header alone:
 * a conversion, or a resource or response of text/plain from an http(s)
 * address. */
static int head_cleanable(const struct warc_record *rec)
{
    struct buf v = BUF_INIT;
    int cleanable = 0;
    if (warc_field(rec, "WARC-Type", &v)) {
        if (!strcasecmp(v.p, "conversion")) {
            cleanable = 1;
        } else if (!strcasecmp(v.p, "resource") || !strcasecmp(v.p, "response")) {
            /* plain text of a web page: not a tool's own log or arguments
               (wget keeps them as text/plain resources of a metadata://
               address) */
            if (warc_field(rec, "Content-Type", &v) && !strncasecmp(v.p, "text/plain", 10) &&
                warc_target_uri(rec, &v) &&
                (!strncasecmp(v.p, "http://", 7) || !strncasecmp(v.p, "https://", 8)))
                cleanable = 1;
        }
    }
    buf_free(&v);
    return cleanable;
}

/* Bytes that are not a record, from pos: passed through up to the next
 * line that starts a record, about PIECE bytes at a time, so that garbage
 * of any length is never held whole. ev is WARC_BAD for the first piece
 * (why, *record and *offset say what is wrong and where) and WARC_PASS for
 * the pieces after it. */
static enum warc_event skip(struct warc_reader *r, const char **p, size_t *n,
                            enum warc_event ev)
{
    size_t from = r->pos;
    for (;;) {
        const char *hit = NULL, *q = r->in.p + from, *stop = r->in.p + r->in.len;
        while (q < stop) {
            const char *nl = memchr(q, '\n', (size_t)(stop - q));
            if (!nl)
                break;
            if ((size_t)(stop - (nl + 1)) < 8) {
                q = nl; /* not enough bytes to tell: read more first */
                break;
            }
            if (warc_looks_like(nl + 1, 8)) {
                hit = nl + 1;
                break;
            }
            q = nl + 1;
        }
        *p = r->in.p + r->pos;
        if (hit) {
            *n = (size_t)(hit - *p);
            r->in_garbage = 0;
            break;
        }
        if (r->in.len - r->pos > PIECE) {
            /* no record start yet: pass this much on and read on; the
               last 8 bytes stay (a record may start in them) */
            *n = r->in.len - r->pos - 8;
            r->in_garbage = 1;
            r->line_start = (*p)[*n - 1] == '\n';
            break;
        }
        from = q < stop ? (size_t)(q - r->in.p) : r->in.len;
        size_t keep = r->pos;
        int m = more(r);
        from -= keep - r->pos; /* more() may have moved the bytes */
        if (m < 0)
            return WARC_ERROR;
        if (m == 0) {
            *n = r->in.len - r->pos;
            r->in_garbage = 0;
            break;
        }
    }
    r->pos += *n;
    r->offset += *n;
    return ev;
}

/* The broken record at pos: report it and pass through its bytes up to
 * the next line that starts a record. */
static enum warc_event bad(struct warc_reader *r, const char **p, size_t *n, char *why,
                           const char *reason, unsigned long long *record,
                           unsigned long long *offset)
{
    snprintf(why, 160, "%s", reason);
    *record = ++r->records;
    *offset = r->offset;
    return skip(r, p, n, WARC_BAD);
}

/* The next piece of a record too large to hold (r->pass_left bytes of it
 * still to come): passed through as it is read. A record that starts
 * inside its declared length ("\r\n\r\nWARC/1." with the version line
 * before that end) means the Content-Length is wrong: the record ends
 * there and reading goes on with the next one. */
static enum warc_event pass_large(struct warc_reader *r, const char **p, size_t *n, char *why,
                                  unsigned long long *record, unsigned long long *offset)
{
    static const char next[] = "\r\n\r\nWARC/1.";
    enum { NEXT = sizeof next - 1 };
    while (r->in.len - r->pos < NEXT + (size_t)READ && r->in.len - r->pos < r->pass_left + NEXT) {
        int m = more(r);
        if (m < 0)
            return WARC_ERROR;
        if (m == 0)
            break;
    }
    size_t avail = r->in.len - r->pos;
    *p = r->in.p + r->pos;
    *record = r->large_record;
    *offset = r->large_offset;
    if (avail == 0) {
        snprintf(why, 160, "the input ends inside the block (truncated)");
        r->pass_left = 0;
        *n = 0;
        return WARC_BAD;
    }
    /* a record start whose version line begins before the declared end */
    size_t scan = avail;
    if (scan > r->pass_left + NEXT - 1)
        scan = (size_t)r->pass_left + NEXT - 1;
    const char *hit = memmem(*p, scan, next, NEXT);
    if (hit && (unsigned long long)(hit + 4 - *p) < r->pass_left) {
        *n = (size_t)(hit + 4 - *p);
        snprintf(why, 160, "Content-Length %llu is wrong: the next record starts at byte %llu",
                 r->large_length, r->offset + *n);
        r->pass_left = 0;
        r->pos += *n;
        r->offset += *n;
        return WARC_BAD;
    }
    /* the last bytes stay until more is read, in case the next record's
       start is cut in two */
    size_t k = avail;
    if (k > r->pass_left)
        k = (size_t)r->pass_left;
    else if (!r->eof && k > NEXT)
        k -= NEXT;
    *n = k;
    r->pass_left -= k;
    r->pos += k;
    r->offset += k;
    return WARC_PASS;
}

enum warc_event warc_next(struct warc_reader *r, const char **p, size_t *n, char *why,
                          unsigned long long *record, unsigned long long *offset)
{
    if (r->pass_left)
        return pass_large(r, p, n, why, record, offset);
    int got = need(r, 1);
    if (got < 0)
        return WARC_ERROR;
    if (got == 0)
        return WARC_END;
    if (need(r, 8) < 0)
        return WARC_ERROR;
    if (r->in_garbage) {
        /* bytes that are not a record, passed on in pieces: the rest */
        if (!(r->line_start && warc_looks_like(r->in.p + r->pos, r->in.len - r->pos)))
            return skip(r, p, n, WARC_PASS);
        r->in_garbage = 0;
    }
    if (!warc_looks_like(r->in.p + r->pos, r->in.len - r->pos))
        return bad(r, p, n, why, "not a WARC/1.0 or WARC/1.1 record", record, offset);
    const char *end;
    size_t scanned = r->pos;
    while (!(end = head_end(r->in.p + scanned, r->in.len - scanned))) {
        /* an empty line of LF alone where CR LF CR LF should end the
           header: the file's lines were converted (or written so) */
        const char *lf = memmem(r->in.p + r->pos, r->in.len - r->pos, "\n\n", 2);
        if (lf && !memmem(r->in.p + r->pos, (size_t)(lf - (r->in.p + r->pos)), "\r\n", 2))
            return bad(r, p, n, why, "its header lines end in LF, not CR LF as WARC requires",
                       record, offset);
        if (r->in.len - r->pos > MAX_HEAD)
            return bad(r, p, n, why, "a header block without its end", record, offset);
        scanned = r->in.len > r->pos + 3 ? r->in.len - 3 : r->pos;
        size_t before = r->pos;
        int m = more(r);
        scanned -= before - r->pos;
        if (m < 0)
            return WARC_ERROR;
        if (m == 0)
            return bad(r, p, n, why, "the input ends inside the header (truncated)", record, offset);
    }
    size_t head = (size_t)(end - (r->in.p + r->pos)) + 4;
    long long cl = content_length(r->in.p + r->pos, head);
    if (cl < 0)
        return bad(r, p, n, why, "no valid Content-Length", record, offset);
    if ((unsigned long long)cl > HOLD) {
        /* too large to hold: passed through in pieces as it is read */
        struct warc_record rec = { r->in.p + r->pos, head, NULL, 0, 0 };
        r->large_record = ++r->records;
        r->large_offset = r->offset;
        r->large_length = (unsigned long long)cl;
        r->pass_left = head + (unsigned long long)cl + 4;
        if (head_cleanable(&rec)) {
            /* a page's text, not cleaned: said (a large image or video
               record is passed through as any other record) */
            enum warc_event ev = pass_large(r, p, n, why, record, offset);
            if (ev == WARC_PASS) {
                snprintf(why, 160, "a text record larger than %d MiB: not cleaned",
                         HOLD >> 20);
                ev = WARC_BAD;
            }
            return ev;
        }
        return pass_large(r, p, n, why, record, offset);
    }
    size_t total = head + (size_t)cl + 4;
    got = need(r, total);
    if (got < 0)
        return WARC_ERROR;
    if (got == 0)
        return bad(r, p, n, why, "the input ends inside the block (truncated)", record, offset);
    if (memcmp(r->in.p + r->pos + head + cl, "\r\n\r\n", 4))
        return bad(r, p, n, why, "the block is not followed by CR LF CR LF (wrong Content-Length?)",
                   record, offset);
    *p = r->in.p + r->pos;
    *n = total;
    r->pos += total;
    r->offset += total;
    r->records++;
    return WARC_RECORD;
}

int warc_parse(const char *p, size_t n, struct warc_record *rec)
{
    const char *end = head_end(p, n);
    if (!end)
        return -1;
    rec->head = p;
    rec->head_len = (size_t)(end - p) + 4;
    long long cl = content_length(p, rec->head_len);
    if (cl < 0 || rec->head_len + (size_t)cl > n)
        return -1;
    rec->block = p + rec->head_len;
    rec->block_len = (size_t)cl;
    rec->cleanable = head_cleanable(rec);
    return 0;
}

/* Calls fn for each header field (not the version line): its name, its
 * value unfolded (a line that starts with a space or a tab goes on with
 * the field above it, as the WARC grammar allows; each fold is read as
 * one space) and trimmed, and its lines as they stand (for writing back
 * untouched, continuations included, without the last CR LF). */
static void each_field(const struct warc_record *rec,
                       void (*fn)(void *, const char *, size_t, const char *, size_t, const char *,
                                  size_t),
                       void *ctx)
{
    const char *l = rec->head, *stop = rec->head + rec->head_len;
    const char *e = memmem(l, (size_t)(stop - l), "\r\n", 2);
    if (!e)
        return;
    l = e + 2; /* past the version line */
    struct buf value = BUF_INIT;
    while (l < stop) {
        e = memmem(l, (size_t)(stop - l), "\r\n", 2);
        if (!e || e == l)
            break;
        /* the field's last line: continuations after it */
        const char *last = e;
        while (last + 2 < stop && (last[2] == ' ' || last[2] == '\t')) {
            const char *next = memmem(last + 2, (size_t)(stop - last - 2), "\r\n", 2);
            if (!next)
                break;
            last = next;
        }
        const char *colon = memchr(l, ':', (size_t)(e - l));
        if (colon) {
            value.len = 0;
            for (const char *v = colon + 1; v < last; v++) {
                if (*v == '\r' && v + 1 < last && v[1] == '\n') {
                    buf_putc(&value, ' '); /* a fold */
                    v++;
                    while (v + 1 < last && (v[1] == ' ' || v[1] == '\t'))
                        v++;
                } else {
                    buf_putc(&value, *v);
                }
            }
            size_t a = 0, b = value.len;
            while (a < b && (value.p[a] == ' ' || value.p[a] == '\t'))
                a++;
            while (b > a && (value.p[b - 1] == ' ' || value.p[b - 1] == '\t'))
                b--;
            fn(ctx, l, (size_t)(colon - l), value.p ? value.p + a : "", b - a, l,
               (size_t)(last - l));
        } else { /* not a field: no name, but written back all the same */
            fn(ctx, l, 0, "", 0, l, (size_t)(last - l));
        }
        l = last + 2;
    }
    buf_free(&value);
}

struct find {
    const char *name;
    struct buf *out;
    int found;
};

static void find_one(void *ctx, const char *name, size_t nl, const char *v, size_t vl,
                     const char *line, size_t ll)
{
    struct find *f = ctx;
    (void)line, (void)ll;
    if (!f->found && nl && strlen(f->name) == nl && !strncasecmp(name, f->name, nl)) {
        buf_set(f->out, v, vl);
        buf_cstr(f->out);
        f->found = 1;
    }
}

int warc_field(const struct warc_record *rec, const char *name, struct buf *out)
{
    struct find f = { name, out, 0 };
    each_field(rec, find_one, &f);
    return f.found;
}

int warc_target_uri(const struct warc_record *rec, struct buf *out)
{
    if (!warc_field(rec, "WARC-Target-URI", out))
        return 0;
    /* WARC/1.0's grammar put the address in angle brackets (wget writes
       them); 1.1 dropped them */
    if (out->len >= 2 && out->p[0] == '<' && out->p[out->len - 1] == '>') {
        memmove(out->p, out->p + 1, out->len - 2);
        out->len -= 2;
        buf_cstr(out);
    }
    return 1;
}

static int named(const char *name, size_t n, const char *want)
{
    return strlen(want) == n && !strncasecmp(name, want, n);
}

struct rewrite {
    struct buf *out;
    size_t block_len;
    const char *digest; /* "sha1:BASE32" of the new block */
    json_t *meta;
    struct buf key, val; /* working space */
};

/* A JSON string of bytes that may not be UTF-8: ill-formed parts become
 * U+FFFD (JSON has no way to carry them); tmp is working space. */
static json_t *json_bytes(const char *p, size_t n, struct buf *tmp)
{
    text_repair(p, n, tmp);
    return json_stringn_nocheck(tmp->p ? tmp->p : "", tmp->len);
}

static void copy_field(void *ctx, const char *name, size_t nl, const char *v, size_t vl,
                       const char *line, size_t ll)
{
    struct rewrite *w = ctx;
    (void)v, (void)vl;
    if (named(name, nl, "WARC-Block-Digest") || named(name, nl, "WARC-Payload-Digest")) {
        /* of the new block: a cleaned record's block is plain text, its
           payload the same bytes */
        buf_append(w->out, name, nl);
        buf_append(w->out, ": ", 2);
        buf_append(w->out, w->digest, strlen(w->digest));
        buf_append(w->out, "\r\n", 2);
        return;
    }
    if (named(name, nl, "Content-Length")) {
        char line2[64];
        int k = snprintf(line2, sizeof line2, "Content-Length: %zu\r\n", w->block_len);
        buf_append(w->out, line2, (size_t)k);
        return;
    }
    buf_append(w->out, line, ll);
    buf_append(w->out, "\r\n", 2);
}

static void meta_field(void *ctx, const char *name, size_t nl, const char *v, size_t vl,
                       const char *line, size_t ll)
{
    struct rewrite *w = ctx;
    (void)line, (void)ll;
    if (!nl || named(name, nl, "WARC-Record-ID") || named(name, nl, "WARC-Target-URI") ||
        named(name, nl, "WARC-Date") || named(name, nl, "WARC-Block-Digest") ||
        named(name, nl, "WARC-Payload-Digest"))
        return; /* top-level keys, or digests of the old block */
    text_repair(name, nl, &w->key);
    json_object_setn_new_nocheck(w->meta, w->key.p ? w->key.p : "", w->key.len,
                                 json_bytes(v, vl, &w->val));
}

void warc_sha1(const char *p, size_t n, char out[48])
{
    static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    struct sha1_ctx ctx;
    uint8_t d[SHA1_DIGEST_SIZE];
    sha1_init(&ctx);
    sha1_update(&ctx, n, (const uint8_t *)p);
    sha1_digest(&ctx, sizeof d, d);
    /* 20 bytes are 160 bits: 32 base32 letters, no padding */
    char *o = out + 5;
    memcpy(out, "sha1:", 5);
    unsigned long long acc = 0;
    int bits = 0;
    for (size_t i = 0; i < sizeof d; i++) {
        acc = acc << 8 | d[i];
        bits += 8;
        while (bits >= 5) {
            *o++ = b32[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    *o = '\0';
}

void warc_write(const struct warc_record *rec, const char *clean, size_t n, int to_jsonl,
                struct buf *out)
{
    if (!to_jsonl) {
        char digest[48];
        warc_sha1(clean, n, digest);
        struct rewrite w = { out, n, digest, NULL, BUF_INIT, BUF_INIT };
        const char *nl = memmem(rec->head, rec->head_len, "\r\n", 2);
        buf_append(out, rec->head, (size_t)(nl - rec->head) + 2); /* the version line */
        each_field(rec, copy_field, &w);
        buf_append(out, "\r\n", 2);
        buf_append(out, clean, n);
        buf_append(out, "\r\n\r\n", 4);
        return;
    }
    struct buf v = BUF_INIT, tmp = BUF_INIT;
    json_t *o = json_object();
    json_object_set_new(o, "text", json_bytes(clean, n, &tmp));
    json_object_set_new(o, "id", warc_field(rec, "WARC-Record-ID", &v)
                                     ? json_bytes(v.p, v.len, &tmp) : json_null());
    json_object_set_new(o, "url", warc_target_uri(rec, &v) ? json_bytes(v.p, v.len, &tmp)
                                                           : json_null());
    json_object_set_new(o, "date", warc_field(rec, "WARC-Date", &v)
                                       ? json_bytes(v.p, v.len, &tmp) : json_null());
    struct rewrite w = { out, n, NULL, json_object(), BUF_INIT, BUF_INIT };
    each_field(rec, meta_field, &w);
    json_object_set_new(o, "metadata", w.meta);
    jsonl_append_json(out, o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    buf_putc(out, '\n');
    json_decref(o);
    buf_free(&v);
    buf_free(&tmp);
    buf_free(&w.key);
    buf_free(&w.val);
}
