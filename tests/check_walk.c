/* Check suite for walk: the -o mapping (walk_relative) never leaves the
 * output folder, collisions are found, and folder walks pass over loops,
 * hidden folders and compressed files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"
#include "check_run.h"

static void expect_rel(const char *path, const char *want)
{
    char *got = walk_relative(path);
    ck_assert_msg(!strcmp(got, want), "walk_relative(\"%s\") is \"%s\", not \"%s\"", path, got, want);
    free(got);
}

START_TEST(relative_names_stay_inside)
{
    expect_rel("a/b.txt", "a/b.txt");
    expect_rel("./a//b.txt", "a/b.txt");
    expect_rel("/abs/f", "abs/f");
    expect_rel("../x/f", "__/x/f");
    expect_rel("a/../../b", "a/__/__/b");
    expect_rel("..", "__");
    expect_rel("/", "stdin");
    expect_rel("", "stdin");
    expect_rel("a/./b/", "a/b");
    /* never a ".." part, never absolute */
    const char *odd[] = { "../../../etc/passwd", "/..", "a/..", "./../.", NULL };
    for (size_t i = 0; odd[i]; i++) {
        char *r = walk_relative(odd[i]);
        ck_assert(r[0] != '/');
        ck_assert_ptr_null(strstr(r, "../"));
        ck_assert(strcmp(r, "..") != 0);
        size_t n = strlen(r);
        ck_assert(!(n >= 3 && !strcmp(r + n - 3, "/..")));
        free(r);
    }
}
END_TEST

START_TEST(collisions_are_found)
{
    struct walk_list w = { 0 };
    walk_add(&w, "../x/f");
    walk_add(&w, "y/g");
    walk_add(&w, "__/x/f");
    size_t a = 9, b = 9;
    ck_assert_int_eq(walk_collision(&w, NULL, &a, &b), 1);
    ck_assert_uint_eq(a, 0);
    ck_assert_uint_eq(b, 2);
    walk_free(&w);
    /* the same path twice is one input, not a collision */
    walk_add(&w, "y/g");
    walk_add(&w, "y/g");
    ck_assert_int_eq(walk_collision(&w, NULL, &a, &b), 0);
    walk_free(&w);
}
END_TEST

START_TEST(output_names)
{
    char *n = walk_output_name("d/a.txt.gz", NULL);
    ck_assert_str_eq(n, "d/a.txt");
    free(n);
    n = walk_output_name("d/a.txt.gz", ".zst");
    ck_assert_str_eq(n, "d/a.txt.zst");
    free(n);
    n = walk_output_name("d/a.txt", ".gz");
    ck_assert_str_eq(n, "d/a.txt.gz");
    free(n);
    n = walk_output_name("d/.gz", NULL); /* a name that is only the ending stays */
    ck_assert_str_eq(n, "d/.gz");
    free(n);
    /* a.txt and a.txt.gz would both be a.txt */
    struct walk_list w = { 0 };
    walk_add(&w, "a.txt");
    walk_add(&w, "a.txt.gz");
    size_t a, b;
    ck_assert_int_eq(walk_collision(&w, NULL, &a, &b), 1);
    walk_free(&w);
}
END_TEST

START_TEST(walks_pass_over_loops_and_hidden_folders)
{
    char dir[] = "/tmp/check_walk.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char p[512];
    snprintf(p, sizeof p, "%s/sub", dir);
    ck_assert_int_eq(mkdir(p, 0777), 0);
    snprintf(p, sizeof p, "%s/.git", dir);
    ck_assert_int_eq(mkdir(p, 0777), 0);
    const char *files[] = { "a.txt", "sub/b.txt", ".git/c.txt", NULL };
    for (size_t i = 0; files[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        FILE *f = fopen(p, "w");
        ck_assert_ptr_nonnull(f);
        fputs("text\n", f);
        fclose(f);
    }
    snprintf(p, sizeof p, "%s/z.gz", dir);
    FILE *f = fopen(p, "wb");
    fwrite("\x1f\x8b\x08\x00\x00\x00", 1, 6, f);
    fclose(f);
    snprintf(p, sizeof p, "%s/sub/loop", dir);
    ck_assert_int_eq(symlink("..", p), 0);

    struct walk_list w = { 0 };
    walk_add(&w, dir);
    size_t files_n = 0, notes = 0;
    for (size_t i = 0; i < w.n; i++) {
        if (w.v[i].note)
            notes++;
        else
            files_n++;
        ck_assert_ptr_null(strstr(w.v[i].path, ".git"));
    }
    ck_assert_uint_eq(files_n, 3); /* a.txt, sub/b.txt, z.gz: the link is not followed */
    ck_assert_uint_eq(notes, 0);
    walk_free(&w);

    w.follow_links = 1;
    walk_add(&w, dir);
    notes = files_n = 0;
    for (size_t i = 0; i < w.n; i++) {
        if (w.v[i].note)
            notes++;
        else
            files_n++;
    }
    ck_assert_uint_eq(files_n, 3);
    ck_assert_uint_eq(notes, 1); /* the loop */
    walk_free(&w);

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("walk");
    TCase *t = tcase_create("core");
    tcase_add_test(t, relative_names_stay_inside);
    tcase_add_test(t, collisions_are_found);
    tcase_add_test(t, output_names);
    tcase_add_test(t, walks_pass_over_loops_and_hidden_folders);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(suite());
}
