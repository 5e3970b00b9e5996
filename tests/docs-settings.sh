#!/bin/sh
# docs-settings.sh [--update] CLEANER — docs/rules.md's table of detectors
# and settings is made from `cleaner --list-settings` (the code's own
# table); this checks that the copy between the markers is current, or
# rewrites it with --update. The man page must name every detector.
set -u
update=0
[ "${1:-}" = "--update" ] && { update=1; shift; }
cleaner=${1:?usage: docs-settings.sh [--update] CLEANER}
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
doc=docs/rules.md
begin='<!-- settings: made by tests/docs-settings.sh --update; do not edit -->'
end='<!-- settings: end -->'

"$cleaner" --rules rules --list-settings > "$tmp/list" || exit 2
{
    echo "$begin"
    echo
    echo "| detector or setting | default | range | meaning |"
    echo "| --- | --- | --- | --- |"
    awk -F'\t' '{ r = $3 == "-" ? "on, off" : $3; printf "| `%s` | %s | %s | %s |\n", $1, $2, r, $4 }' "$tmp/list"
    echo
    echo "$end"
} > "$tmp/table"
awk -v b="$begin" -v e="$end" -v t="$tmp/table" '
    $0 == b { while ((getline l < t) > 0) print l; skip = 1; next }
    $0 == e { skip = 0; next }
    !skip { print }' "$doc" > "$tmp/doc"
grep -qxF "$begin" "$doc" || { echo "FAIL: $doc has no settings table markers"; exit 1; }
status=0
if [ $update -eq 1 ]; then
    cp "$tmp/doc" "$doc"
    echo "docs-settings: $doc updated"
elif ! cmp -s "$tmp/doc" "$doc"; then
    echo "FAIL: $doc's settings table is out of date (tests/docs-settings.sh --update):"
    diff "$doc" "$tmp/doc" | head -20
    status=1
fi
# a setting quoted with its value elsewhere ("`window.lines` (512)") must
# quote the current value
while IFS='	' read -r key value range meaning; do
    for f in README.md docs/rules.md; do
        for v in $(grep -o "\`$key\` ([0-9.]*)" "$f" | sed 's/.*(\(.*\))/\1/'); do
            [ "$v" = "$value" ] || { echo "FAIL: $f quotes $key as $v; it is $value"; status=1; }
        done
    done
done < "$tmp/list"
for name in $(cut -f1 "$tmp/list" | grep -v '\.'); do
    grep -q "fB$name\\\\fR" docs/cleaner-rules.5 || { echo "FAIL: docs/cleaner-rules.5 does not name detector $name"; status=1; }
done
# --help is made from the option table (options.c); the man page must
# describe every option in it
"$cleaner" --help > "$tmp/help" || exit 2
for opt in $(grep -o -- '--[a-z0-9][a-z0-9-]*' "$tmp/help" | sort -u); do
    grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" docs/cleaner.1 ||
        { echo "FAIL: docs/cleaner.1 does not describe $opt (in --help)"; status=1; }
done
if [ $status -eq 0 ]; then echo "docs: 1 passed, 0 failed"; else echo "docs: 0 passed, 1 failed"; fi
exit $status
