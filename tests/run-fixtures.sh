#!/bin/sh
# run-fixtures.sh CLEANER — byte-exact fixture tests.
# For each fixtures/NAME.in.txt: run CLEANER with the arguments in NAME.args
# (one line, shell words; default none) on NAME.in.txt as standard input,
# from the repository root. stdout must equal NAME.expected.txt byte for
# byte; stderr must equal NAME.err (empty when there is none); the exit
# status must equal NAME.rc (0 when there is none).
set -u
cleaner=${1:?usage: run-fixtures.sh CLEANER}
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for in in fixtures/*.in.txt; do
    name=${in%.in.txt}
    args=""
    [ -f "$name.args" ] && args=$(cat "$name.args")
    want_rc=0
    [ -f "$name.rc" ] && want_rc=$(cat "$name.rc")
    eval "set -- $args"
    "$cleaner" "$@" < "$in" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    bad=""
    [ "$rc" = "$want_rc" ] || bad="$bad exit status $rc, expected $want_rc;"
    if [ -f "$name.expected.txt" ]; then
        cmp -s "$tmp/out" "$name.expected.txt" || bad="$bad stdout differs;"
    else
        bad="$bad no $name.expected.txt;"
    fi
    if [ -f "$name.err" ]; then
        cmp -s "$tmp/err" "$name.err" || bad="$bad stderr differs;"
    elif [ -s "$tmp/err" ]; then
        bad="$bad unexpected stderr;"
    fi
    if [ -n "$bad" ]; then
        fail=$((fail + 1))
        echo "FAIL: ${name#fixtures/}:$bad"
        if [ -f "$name.expected.txt" ]; then diff "$name.expected.txt" "$tmp/out" | head -20; fi
        if [ -f "$name.err" ]; then diff "$name.err" "$tmp/err" | head -10; else head -5 "$tmp/err"; fi
    else
        pass=$((pass + 1))
    fi
done
echo "fixtures: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
