/* Check suite for notes: a message is said the first time its key comes,
 * later ones are counted and summed up at the end, in first-said order. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "notes.h"
#include "check_run.h"

static void add(struct buf *list, const char *key, const char *line)
{
    notes_add(list, key, strlen(key), line, strlen(line));
}

START_TEST(repeats_are_said_once_and_counted)
{
    struct notes s = NOTES_INIT;
    struct buf list = BUF_INIT, said = BUF_INIT;
    struct io_writer err;
    io_writer_init_mem(&err, &said);
    add(&list, "f: no field 'x'", "cleaner: f:1: no field 'x'\n");
    add(&list, "f: bad JSON", "cleaner: f:2: bad JSON\n");
    add(&list, "f: no field 'x'", "cleaner: f:3: no field 'x'\n");
    ck_assert_uint_eq(notes_say(&s, &list, &err), 2);
    list.len = 0;
    add(&list, "f: no field 'x'", "cleaner: f:4: no field 'x'\n");
    ck_assert_uint_eq(notes_say(&s, &list, &err), 0);
    notes_summary(&s, &err);
    io_writer_flush(&err);
    buf_putc(&said, '\0');
    ck_assert_str_eq(said.p, "cleaner: f:1: no field 'x'\n"
                             "cleaner: f:2: bad JSON\n"
                             "cleaner: f: no field 'x' (3 times in all, said at the first)\n");
    /* after the summary a key is new again */
    said.len = 0;
    ck_assert_uint_eq(notes_say(&s, &list, &err), 1);
    notes_free(&s);
    buf_free(&list);
    buf_free(&said);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("notes");
    TCase *t = tcase_create("core");
    tcase_add_test(t, repeats_are_said_once_and_counted);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(suite());
}
