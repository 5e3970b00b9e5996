/* Check suite for io: line reader framing and the sticky-error writer. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "io.h"
#include "check_run.h"

/* A file descriptor that reads back the n bytes of s. */
static int fd_with(const char *s, size_t n)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(s, 1, n, f), n);
    fflush(f);
    int fd = dup(fileno(f));
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

/* Read everything, lines longer than max_line (0: none) in pieces; events
 * as "L:text|" (a line in pieces whole) and "D|" into out. *biggest: the
 * largest the reader's buffer grew. */
static void read_events_max(const char *s, size_t n, int nul_docs, size_t max_line,
                            struct buf *out, size_t *biggest)
{
    int fd = fd_with(s, n);
    struct io_reader r;
    io_reader_init(&r, fd, nul_docs);
    io_reader_set_max_line(&r, max_line);
    out->len = 0;
    struct buf pieces = BUF_INIT;
    *biggest = 0;
    for (;;) {
        const char *line;
        size_t len;
        enum io_event ev = io_reader_next(&r, &line, &len);
        if (r.cap > *biggest)
            *biggest = r.cap;
        if (ev == IO_EOF)
            break;
        ck_assert_int_ne(ev, IO_ERROR);
        if (ev == IO_PIECE) {
            ck_assert(max_line > 0 && len > 0);
            buf_append(&pieces, line, len);
        } else if (ev == IO_LINE) {
            buf_append(out, "L:", 2);
            buf_append(out, pieces.p, pieces.len);
            buf_append(out, line, len);
            buf_append(out, "|", 1);
            pieces.len = 0;
        } else {
            buf_append(out, "D|", 2);
        }
    }
    ck_assert_uint_eq(pieces.len, 0); /* every line in pieces ended */
    buf_free(&pieces);
    io_reader_free(&r);
    close(fd);
    buf_cstr(out);
}

static void read_events(const char *s, size_t n, int nul_docs, struct buf *out)
{
    size_t biggest;
    read_events_max(s, n, nul_docs, 0, out, &biggest);
}

#define EVENTS(lit, nul, want)                          \
    do {                                                \
        struct buf b_ = BUF_INIT;                       \
        read_events(lit, sizeof lit - 1, nul, &b_);     \
        ck_assert_str_eq(b_.p, want);                   \
        buf_free(&b_);                                  \
    } while (0)

START_TEST(line_endings)
{
    EVENTS("a\nb\n", 0, "L:a|L:b|");
    EVENTS("a\r\nb\r\n", 0, "L:a|L:b|");
    EVENTS("a\rb\r", 0, "L:a|L:b|");
    EVENTS("a\n\nb", 0, "L:a|L:|L:b|");
    EVENTS("a\r\rb", 0, "L:a|L:|L:b|");
    EVENTS("", 0, "");
    EVENTS("last", 0, "L:last|");
}
END_TEST

/* io_line over text in memory: the same lines as the reader gives. */
static void mem_lines(const char *s, size_t n, struct buf *out)
{
    out->len = 0;
    for (size_t i = 0, next; i < n; i += next) {
        size_t len = io_line(s + i, n - i, &next);
        buf_append(out, "L:", 2);
        buf_append(out, s + i, len);
        buf_append(out, "|", 1);
    }
    buf_cstr(out);
}

START_TEST(memory_lines_end_as_the_reader_says)
{
    const char *cases[] = { "a\nb\n", "a\r\nb\r\n", "a\rb\r", "a\n\nb", "a\r\rb", "", "last",
                            "x\r\n\ny\rz", NULL };
    for (size_t i = 0; cases[i]; i++) {
        struct buf a = BUF_INIT, b = BUF_INIT;
        mem_lines(cases[i], strlen(cases[i]), &a);
        read_events(cases[i], strlen(cases[i]), 0, &b);
        ck_assert_msg(!strcmp(a.p ? a.p : "", b.p ? b.p : ""), "case %zu: io_line %s, reader %s", i,
                      a.p, b.p);
        buf_free(&a);
        buf_free(&b);
    }
}
END_TEST

START_TEST(list_dir_sorted_and_filtered)
{
    char dir[] = "/tmp/check_io.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    const char *files[] = { "b.rules", "a.rules", ".h.rules", "c.txt", NULL };
    char p[256];
    for (size_t i = 0; files[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        close(open(p, O_WRONLY | O_CREAT, 0644));
    }
    char **names;
    size_t n;
    ck_assert_int_eq(io_list_dir(dir, ".rules", 1, &names, &n), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(names[0], "a.rules");
    ck_assert_str_eq(names[1], "b.rules");
    io_names_free(names, n);
    ck_assert_int_eq(io_list_dir(dir, NULL, 0, &names, &n), 0);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(names[0], ".h.rules");
    /* each name's type travels with it through the sort (a file system
       may not say: DT_UNKNOWN, and the walk then asks stat) */
    for (size_t i = 0; i < n; i++)
        ck_assert(io_name_type(names[i]) == DT_REG || io_name_type(names[i]) == DT_UNKNOWN);
    io_names_free(names, n);
    snprintf(p, sizeof p, "%s/sub", dir);
    ck_assert_int_eq(mkdir(p, 0755), 0);
    ck_assert_int_eq(io_list_dir(dir, NULL, 0, &names, &n), 0);
    ck_assert_uint_eq(n, 5);
    ck_assert_str_eq(names[4], "sub");
    ck_assert(io_name_type(names[4]) == DT_DIR || io_name_type(names[4]) == DT_UNKNOWN);
    ck_assert(io_name_type(names[3]) != DT_DIR);
    io_names_free(names, n);
    rmdir(p);
    ck_assert_int_eq(io_list_dir("/no/such/dir", NULL, 0, &names, &n), ENOENT);
    ck_assert_uint_eq(n, 0);
    for (size_t i = 0; files[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}
END_TEST

START_TEST(nul_is_text_without_nul_docs)
{
    struct buf b = BUF_INIT;
    read_events("a\0b\n", 4, 0, &b);
    ck_assert_uint_eq(b.len, strlen("L:a") + 1 + strlen("b|"));
    ck_assert(!memcmp(b.p, "L:a\0b|", 6));
    buf_free(&b);
}
END_TEST

/* The reader's framing written out simply: lines end at LF, CR LF or CR,
 * and with nul_docs a NUL ends the line and the document. */
static void reference_events(const char *s, size_t n, int nul_docs, struct buf *out)
{
    out->len = 0;
    size_t start = 0;
    int open = 0; /* a line has started since the last terminator */
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        open = 1;
        if (c != '\n' && c != '\r' && !(c == '\0' && nul_docs))
            continue;
        if (c == '\0' && i == start) { /* a NUL right after a line end */
            buf_append(out, "D|", 2);
        } else {
            buf_append(out, "L:", 2);
            buf_append(out, s + start, i - start);
            buf_append(out, "|", 1);
            if (c == '\0')
                buf_append(out, "D|", 2);
        }
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
            i++;
        start = i + 1;
        open = 0;
    }
    if (open || start < n) {
        buf_append(out, "L:", 2);
        buf_append(out, s + start, n - start);
        buf_append(out, "|", 1);
    }
    buf_cstr(out);
}

START_TEST(framing_matches_a_reference_on_random_bytes)
{
    /* lines of every length, across the reader's 256 KiB reads, made of
       text, CR, LF and NUL bytes in any order */
    const char alphabet[] = { 'a', 'b', '\r', '\n', '\0', ' ' };
    unsigned long long x = 88172645463325252ULL;
    for (int round = 0; round < 32; round++) {
        /* short inputs with many terminators; then two longer than a read,
           with lines of a few hundred bytes */
        int big = round >= 30;
        size_t n = big ? (size_t)600000 + (size_t)round : (size_t)(round * 37);
        char *s = malloc(n + 1);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            s[i] = x % (big ? 256 : 16) < (big ? 254 : 10) ? 'a' : alphabet[(x >> 8) % sizeof alphabet];
        }
        for (int nul_docs = 0; nul_docs < 2; nul_docs++) {
            struct buf got = BUF_INIT, want = BUF_INIT;
            read_events(s, n, nul_docs, &got);
            reference_events(s, n, nul_docs, &want);
            ck_assert_msg(got.len == want.len && !memcmp(got.p, want.p, got.len),
                          "round %d nul_docs %d: %zu bytes of events, want %zu", round, nul_docs,
                          got.len, want.len);
            buf_free(&got);
            buf_free(&want);
        }
        free(s);
    }
}
END_TEST

START_TEST(long_lines_in_pieces_frame_as_whole_lines)
{
    /* with a limit, lines longer than it come in pieces that make the same
       lines (CR LF split between pieces too), and the reader's buffer
       stays near the limit whatever the lines' length */
    const char alphabet[] = { 'a', '\r', '\n', '\0' };
    unsigned long long x = 2463534242ULL;
    size_t n = 6u << 20;
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        /* a terminator about every 2 MiB, so most lines are long */
        s[i] = x % (2u << 20) < 4 ? alphabet[1 + (x >> 32) % 3] : alphabet[0];
    }
    for (int nul_docs = 0; nul_docs < 2; nul_docs++)
        for (size_t max = 1000; max <= (1u << 20); max *= 1024) {
            struct buf got = BUF_INIT, want = BUF_INIT;
            size_t biggest;
            read_events_max(s, n, nul_docs, max, &got, &biggest);
            reference_events(s, n, nul_docs, &want);
            ck_assert_msg(got.len == want.len && !memcmp(got.p, want.p, got.len),
                          "nul_docs %d max %zu: %zu bytes of events, want %zu", nul_docs, max,
                          got.len, want.len);
            ck_assert_uint_le(biggest, max + (1u << 20));
            buf_free(&got);
            buf_free(&want);
        }
    free(s);
}
END_TEST

START_TEST(nul_separates_documents)
{
    EVENTS("a\nb\0c\n\0", 1, "L:a|L:b|D|L:c|D|");
    EVENTS("\0\0", 1, "D|D|");
    EVENTS("a\0b", 1, "L:a|D|L:b|");
}
END_TEST

START_TEST(crlf_split_across_reads)
{
    /* a pipe delivers "a\r" and "\nb" in two reads */
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    ck_assert_int_eq(write(p[1], "a\r", 2), 2);
    struct io_reader r;
    io_reader_init(&r, p[0], 0);
    const char *line;
    size_t len;
    pid_t pid = fork();
    if (pid == 0) {
        usleep(50000);
        if (write(p[1], "\nb\n", 3) != 3)
            _exit(1);
        _exit(0);
    }
    close(p[1]);
    ck_assert_int_eq(io_reader_next(&r, &line, &len), IO_LINE);
    ck_assert_uint_eq(len, 1);
    ck_assert_int_eq(io_reader_next(&r, &line, &len), IO_LINE);
    ck_assert_uint_eq(len, 1);
    ck_assert_int_eq(line[0], 'b');
    ck_assert_int_eq(io_reader_next(&r, &line, &len), IO_EOF);
    io_reader_free(&r);
    close(p[0]);
}
END_TEST

START_TEST(long_line_grows_the_buffer)
{
    size_t n = 3u << 20;
    char *s = malloc(n + 2);
    memset(s, 'x', n);
    s[n] = '\n';
    s[n + 1] = 'y';
    int fd = fd_with(s, n + 2);
    struct io_reader r;
    io_reader_init(&r, fd, 0);
    const char *line;
    size_t len;
    ck_assert_int_eq(io_reader_next(&r, &line, &len), IO_LINE);
    ck_assert_uint_eq(len, n);
    ck_assert_int_eq(io_reader_next(&r, &line, &len), IO_LINE);
    ck_assert_uint_eq(len, 1);
    io_reader_free(&r);
    close(fd);
    free(s);
}
END_TEST

START_TEST(read_error_is_reported)
{
    struct io_reader r;
    int fd = open("/", O_RDONLY); /* reading a directory fails: EISDIR */
    ck_assert_int_ge(fd, 0);
    io_reader_init(&r, fd, 0);
    const char *line;
    size_t len;
    ck_assert_int_eq(io_reader_next(&r, &line, &len), IO_ERROR);
    ck_assert_int_eq(r.err, EISDIR);
    io_reader_free(&r);
    close(fd);
}
END_TEST

START_TEST(read_all_reads_everything)
{
    size_t n = 700000; /* more than one read */
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)(i % 251); /* NUL bytes included */
    int fd = fd_with(s, n);
    struct buf b = BUF_INIT;
    ck_assert_int_eq(io_read_all(fd, &b), 0);
    ck_assert_uint_eq(b.len, n);
    ck_assert(!memcmp(b.p, s, n));
    ck_assert_int_eq(b.p[n], '\0');
    close(fd);
    ck_assert_int_eq(io_read_file("/", &b, NULL, 0), EISDIR);
    ck_assert_int_eq(io_read_file("/no/such/file", &b, NULL, 0), ENOENT);
    buf_free(&b);
    free(s);
}
END_TEST

START_TEST(writer_keeps_first_error)
{
    int fd = open("/dev/full", O_WRONLY);
    if (fd < 0)
        return; /* no /dev/full here */
    struct io_writer w;
    io_writer_init(&w, fd);
    ck_assert_int_eq(io_writer_put(&w, "abc", 3), 0); /* buffered */
    ck_assert_int_eq(io_writer_flush(&w), -1);
    ck_assert_int_eq(w.err, ENOSPC);
    ck_assert_int_eq(io_writer_put(&w, "x", 1), -1);
    ck_assert_int_eq(io_writer_close(&w), -1);
    close(fd);
}
END_TEST

START_TEST(writer_writes_everything)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    struct io_writer w;
    io_writer_init(&w, p[1]);
    io_writer_put(&w, "hello ", 6);
    io_writer_put(&w, "world", 5);
    ck_assert_int_eq(io_writer_close(&w), 0);
    close(p[1]);
    char got[32] = { 0 };
    ck_assert_int_eq(read(p[0], got, sizeof got), 11);
    ck_assert_str_eq(got, "hello world");
    ck_assert_uint_eq(w.bytes_written, 11);
    close(p[0]);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("io");
    TCase *reader = tcase_create("reader");
    tcase_add_test(reader, line_endings);
    tcase_add_test(reader, long_lines_in_pieces_frame_as_whole_lines);
    tcase_add_test(reader, memory_lines_end_as_the_reader_says);
    tcase_add_test(reader, list_dir_sorted_and_filtered);
    tcase_add_test(reader, nul_is_text_without_nul_docs);
    tcase_add_test(reader, nul_separates_documents);
    tcase_add_test(reader, framing_matches_a_reference_on_random_bytes);
    tcase_add_test(reader, crlf_split_across_reads);
    tcase_add_test(reader, long_line_grows_the_buffer);
    tcase_add_test(reader, read_error_is_reported);
    tcase_add_test(reader, read_all_reads_everything);
    suite_add_tcase(s, reader);
    TCase *writer = tcase_create("writer");
    tcase_add_test(writer, writer_keeps_first_error);
    tcase_add_test(writer, writer_writes_everything);
    suite_add_tcase(s, writer);
    return s;
}

int main(void)
{
    return check_run(suite());
}
