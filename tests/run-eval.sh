#!/bin/sh
# run-eval.sh [--check] CLEANER CLEANER-EVAL — quality report.
# Seeds: fixtures/seed-*.in.txt against their .expected.txt (reported only:
#        the byte-exact fixture tests already hold them to the letter).
# Dev:   ../shared/dev/in/*.txt against ../shared/dev/gold/ (or $CLEANER_DEV),
#        skipped with a note when absent: those pages are not part of the repo.
# Prints per-page, per-site and micro line and token precision/recall/F1
# and the worst page. With --check, fails when dev's micro token F1 < 0.98,
# its line F1 < 0.97, or any dev page's line F1 < 0.90; a missing dev set
# is reported as skipped, never as passed.
set -u
check=0
[ "${1:-}" = "--check" ] && { check=1; shift; }
cleaner=${1:?usage: run-eval.sh [--check] CLEANER CLEANER-EVAL}
evaluate=${2:?usage: run-eval.sh [--check] CLEANER CLEANER-EVAL}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# run_set TITLE [EVAL OPTION...]: clean every page of $pairs, then evaluate
run_set() {
    title=$1
    shift
    opts="$*"
    set --
    for pair in $pairs; do
        name=${pair%%=*} rest=${pair#*=}
        in=${rest%%=*} gold=${rest#*=}
        "$cleaner" "$in" > "$tmp/$title-$name.out" || return 2
        set -- "$@" "$name" "$tmp/$title-$name.out" "$gold"
    done
    # shellcheck disable=SC2086
    "$evaluate" --title "$title" $opts "$@"
}

pairs=""
for in in "$root"/fixtures/seed-*.in.txt; do
    name=$(basename "$in" .in.txt)
    pairs="$pairs $name=$in=${in%.in.txt}.expected.txt"
done
echo "== seeds (fixtures/seed-*; held byte for byte by the fixture tests)"
run_set seeds | tail -2

dev=${CLEANER_DEV:-$root/../shared/dev}
if [ -d "$dev/in" ] && [ -d "$dev/gold" ]; then
    pairs=""
    for in in "$dev"/in/*.txt; do
        name=$(basename "$in" .txt)
        [ -f "$dev/gold/$name.txt" ] && pairs="$pairs $name=$in=$dev/gold/$name.txt"
    done
    echo "== dev ($dev)"
    if [ $check -eq 1 ]; then
        run_set dev --min-token-f1 0.98 --min-line-f1 0.97 --min-page-line-f1 0.90
    else
        run_set dev
    fi
    rc=$?
    [ $check -eq 1 ] || exit $rc
    if [ $rc -eq 0 ]; then echo "eval: 1 passed, 0 failed"; else echo "eval: 0 passed, 1 failed"; fi
    exit $rc
fi
echo "== dev: not found at $dev (set CLEANER_DEV to its folder)"
[ $check -eq 1 ] && echo "eval: 0 passed, 0 failed, 1 skipped"
exit 0
