#!/bin/sh
# valgrind-cleaner.sh ARGS... — run build/cleaner (or $CLEANER) under
# valgrind memcheck (PCRE2 JIT off: its code reads ahead on purpose): any error or leak makes the exit status 99 and leaves a
# report in $VALGRIND_LOGS (default build/valgrind/).
logs=${VALGRIND_LOGS:-build/valgrind}
mkdir -p "$logs"
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
    --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
    --log-file="$logs/vg.%p" "${CLEANER:-build/cleaner}" --no-jit "$@"
