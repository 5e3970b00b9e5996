/* check_run: the main() every Check suite shares: run the suite, print
 * Check's summary, exit 1 if a test failed. */
#ifndef CLEANER_CHECK_RUN_H
#define CLEANER_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

static inline int check_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
