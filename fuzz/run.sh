#!/bin/sh
# fuzz/run.sh SECONDS [HARNESS...] — run as `make fuzz` (which passes PKGS).
# Builds the libFuzzer harnesses with clang (ASan + UBSan) into build-fuzz/
# and runs each for SECONDS, seeded from fixtures/ and rules/. A crash is
# saved in fuzz/findings/ and fails the run; turn it into a fixture or unit
# test before fixing it.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
harnesses=${*:-rules engine jsonl}
B=build-fuzz
CC=${FUZZ_CC:-clang}
FLAGS="-g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
# The Makefile passes its own package list, so the two never drift apart.
PKGS=${PKGS:?"run through make fuzz (PKGS names the pkg-config packages)"}
CFLAGS_ALL="-std=c11 -D_GNU_SOURCE -Icleaner $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lunistring -lpthread"
mkdir -p $B/obj fuzz/findings
for src in cleaner/*.c; do
    case $src in */main.c|*/eval_main.c|*/options.c) continue ;; esac
    obj=$B/obj/$(basename "$src" .c).o
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find cleaner -name '*.h' -newer "$obj")" ]; then
        $CC $FLAGS -fsanitize=fuzzer-no-link $CFLAGS_ALL -c "$src" -o "$obj"
    fi
done
status=0
for h in $harnesses; do
    $CC $FLAGS -fsanitize=fuzzer $CFLAGS_ALL -DFUZZ_RULES="\"$(pwd)/rules\"" \
        fuzz/fuzz_$h.c $B/obj/*.o $LIBS -o $B/fuzz_$h
    corpus=$B/corpus-$h
    mkdir -p "$corpus"
    case $h in
        rules)  cp rules/*.rules fixtures/rules/*.rules rules/sites/*.rules "$corpus"/ 2>/dev/null || true ;;
        engine) for f in fixtures/*.in.txt; do printf '\000' | cat - "$f" > "$corpus/$(basename "$f")"; done ;;
        jsonl)  i=0; cat fixtures/jsonl-*.in.txt | while IFS= read -r line; do
                    i=$((i + 1)); printf '%s' "$line" > "$corpus/line-$i.json"; done ;;
    esac
    echo "== fuzz_$h: $secs s"
    if ! (cd fuzz/findings && ../../$B/fuzz_$h -max_total_time="$secs" -max_len=65536 \
            -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ../../"$corpus" 2>&1 |
            grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|.*(crash|leak|timeout)-)" ); then
        :
    fi
    if find fuzz/findings -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' |
            grep -q .; then
        echo "fuzz_$h: FOUND A PROBLEM, see fuzz/findings/"
        status=1
    fi
done
exit $status
