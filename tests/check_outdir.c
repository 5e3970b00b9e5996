/* Check suite for outdir: the folders under -o DIR are made, a symbolic
 * link or a file in the way is refused (nothing made through it), and
 * walk_output_path joins DIR and the output's name. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outdir.h"
#include "walk.h"
#include "check_run.h"

static char root[64];

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/check_outdir.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(root));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    ck_assert_int_eq(system(cmd), 0);
}

static int is_dir(const char *fmt, const char *a)
{
    char p[256];
    struct stat st;
    snprintf(p, sizeof p, fmt, root, a);
    return lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

START_TEST(folders_are_made)
{
    char dir[128], why[160] = "";
    snprintf(dir, sizeof dir, "%s/new/out", root); /* DIR itself missing too */
    struct outdir *d = outdir_new(dir);
    char *dest = walk_output_path(dir, "a/b/c.txt", NULL);
    ck_assert_int_eq(outdir_prepare(d, dest, why, sizeof why), 0);
    ck_assert(is_dir("%s/new/out/a/%s", "b"));
    /* a second file in the same folder, and one straight in DIR */
    ck_assert_int_eq(outdir_prepare(d, dest, why, sizeof why), 0);
    free(dest);
    dest = walk_output_path(dir, "top.txt", ".gz");
    ck_assert_str_eq(dest + strlen(dir), "/top.txt.gz");
    ck_assert_int_eq(outdir_prepare(d, dest, why, sizeof why), 0);
    free(dest);
    outdir_free(d);
}
END_TEST

START_TEST(links_and_files_are_refused)
{
    char dir[128], p[256], why[160] = "";
    snprintf(dir, sizeof dir, "%s/out", root);
    snprintf(p, sizeof p, "%s/elsewhere", root);
    ck_assert_int_eq(mkdir(dir, 0777), 0);
    ck_assert_int_eq(mkdir(p, 0777), 0);
    snprintf(p, sizeof p, "%s/out/pages", root);
    ck_assert_int_eq(symlink("../elsewhere", p), 0);
    snprintf(p, sizeof p, "%s/out/file", root);
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    struct outdir *d = outdir_new(dir);
    char *dest = walk_output_path(dir, "pages/x/a.txt", NULL);
    ck_assert_int_eq(outdir_prepare(d, dest, why, sizeof why), ELOOP);
    ck_assert_ptr_nonnull(strstr(why, "/out/pages: a symbolic link"));
    ck_assert(!is_dir("%s/elsewhere/%s", "x")); /* nothing made through it */
    /* asked again: still refused (a refusal is not remembered as good) */
    ck_assert_int_eq(outdir_prepare(d, dest, why, sizeof why), ELOOP);
    free(dest);
    dest = walk_output_path(dir, "file/a.txt", NULL);
    ck_assert_int_eq(outdir_prepare(d, dest, why, sizeof why), ENOTDIR);
    free(dest);
    outdir_free(d);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("outdir");
    TCase *t = tcase_create("core");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, folders_are_made);
    tcase_add_test(t, links_and_files_are_refused);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(suite());
}
