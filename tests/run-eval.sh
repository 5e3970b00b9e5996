#!/bin/sh
# run-eval.sh [--check] CLEANER CLEANER-EVAL — quality report.
# Seeds: fixtures/seed-*.in.txt against their .expected.txt.
# Dev:   ../shared/dev/in/*.txt against ../shared/dev/gold/ (or $CLEANER_DEV),
#        skipped with a note when absent: those pages are not part of the repo.
# Prints per-page and micro line and token precision/recall/F1. With
# --check, fails when seeds' micro line F1 < 0.98, or dev's micro token F1
# < 0.97 or line F1 < 0.95.
set -u
check=0
[ "${1:-}" = "--check" ] && { check=1; shift; }
cleaner=${1:?usage: run-eval.sh [--check] CLEANER CLEANER-EVAL}
evaluate=${2:?usage: run-eval.sh [--check] CLEANER CLEANER-EVAL}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
status=0

# eval_set TITLE MIN_LINE MIN_TOKEN IN_GLOB_DIR SUFFIX GOLD_DIR GOLD_SUFFIX
run_set() {
    title=$1 min_line=$2 min_token=$3
    shift 3
    set --
    for pair in $pairs; do
        name=${pair%%=*} rest=${pair#*=}
        in=${rest%%=*} gold=${rest#*=}
        "$cleaner" "$in" > "$tmp/$title-$name.out" || return 2
        set -- "$@" "$name" "$tmp/$title-$name.out" "$gold"
    done
    if [ $check -eq 1 ]; then
        "$evaluate" --title "$title" --min-line-f1 "$min_line" --min-token-f1 "$min_token" "$@"
    else
        "$evaluate" --title "$title" "$@"
    fi
}

pairs=""
for in in "$root"/fixtures/seed-*.in.txt; do
    name=$(basename "$in" .in.txt)
    pairs="$pairs $name=$in=${in%.in.txt}.expected.txt"
done
echo "== seeds (fixtures/seed-*)"
run_set seeds 0.98 0 || status=1

dev=${CLEANER_DEV:-$root/../shared/dev}
if [ -d "$dev/in" ] && [ -d "$dev/gold" ]; then
    pairs=""
    for in in "$dev"/in/*.txt; do
        name=$(basename "$in" .txt)
        [ -f "$dev/gold/$name.txt" ] && pairs="$pairs $name=$in=$dev/gold/$name.txt"
    done
    echo "== dev ($dev)"
    run_set dev 0.95 0.97 || status=1
else
    echo "== dev: not found at $dev; skipped (set CLEANER_DEV to its folder)"
fi
if [ $status -eq 0 ]; then echo "eval: 1 passed, 0 failed"; else echo "eval: 0 passed, 1 failed"; fi
exit $status
