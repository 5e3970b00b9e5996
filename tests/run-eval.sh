#!/bin/sh
# run-eval.sh [--check] [--brief] CLEANER CLEANER-EVAL — quality report.
# Seeds:     fixtures/seed-*.in.txt against their .expected.txt (reported only:
#            the byte-exact fixture tests already hold them to the letter).
# Dev:       ../shared/dev (Vietnamese, one block per line; or $CLEANER_DEV),
#            per page and per site.
# Multi:     ../shared/dev-multi (or $CLEANER_DEV_MULTI): real pages in many
#            languages, per page and per language.
# Forms:     the pages of both sets as the tools users run make them (lynx,
#            w3m, elinks, Debian html2text, python3 html2text, pandoc, BeautifulSoup,
#            fold, fmt: tests/forms.py, cached in $CLEANER_FORMS or
#            build/forms), each page against the same page as one block per
#            line. A missing set or tool is reported as skipped.
# Prints per-page, per-group and micro line and token precision/recall/F1.
# With --check, fails when
#   dev:    micro token or line F1 < 0.99, or a page's token F1 < 0.95;
#   multi:  micro token F1 < 0.94, a page's token F1 < 0.60, or a language
#           of 3 pages or more < 0.87;
#   forms:  the dev pages as made by lynx, html2text, pyh2t, pandoc or bs4
#           (pandoc's Markdown and GitHub forms, pandoc-md and pandoc-gfm, too)
#           below 0.97 micro token F1 (within 0.03 of the pages as one block
#           per line); and for the first five, a page whose token F1 is more
#           than 0.03 below the same page as one block per line. Each page's
#           change against that form is printed.
# --brief prints the summary rows only.
set -u
check=0 brief=0
while :; do
    case "${1:-}" in
    --check) check=1; shift ;;
    --brief) brief=1; shift ;;
    *) break ;;
    esac
done
cleaner=${1:?usage: run-eval.sh [--check] [--brief] CLEANER CLEANER-EVAL}
evaluate=${2:?usage: run-eval.sh [--check] [--brief] CLEANER CLEANER-EVAL}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
failed=0 passed=0 skipped=0

# run_set TITLE DIR IN_DIR [EVAL OPTION...]: clean every page DIR/in/NAME.txt
# found as IN_DIR/NAME.txt, then evaluate against DIR/gold/NAME.txt
run_set() {
    title=$1 dir=$2 ins=$3
    shift 3
    mkdir -p "$tmp/$title"
    n=0
    for gold in "$dir"/gold/*.txt; do
        name=$(basename "$gold" .txt)
        [ -f "$ins/$name.txt" ] || continue
        "$cleaner" "$ins/$name.txt" > "$tmp/$title/$name.out" || return 2
        n=$((n + 1))
    done
    [ $n -gt 0 ] || return 3
    set -- "$@" --title "$title"
    for gold in "$dir"/gold/*.txt; do
        name=$(basename "$gold" .txt)
        [ -f "$ins/$name.txt" ] || continue
        set -- "$@" "$name" "$tmp/$title/$name.out" "$gold"
    done
    if [ $brief -eq 1 ]; then
        "$evaluate" "$@" > "$tmp/$title.eval"
        rc=$?
        grep -E "^($title |FAIL|worst)" "$tmp/$title.eval"
        return $rc
    fi
    "$evaluate" "$@"
}

# tally RC WHAT: count a checked set
tally() {
    [ $check -eq 1 ] || return 0
    case $1 in
    0) passed=$((passed + 1)) ;;
    3) skipped=$((skipped + 1)); echo "eval: $2: no pages (skipped)" ;;
    *) failed=$((failed + 1)); echo "eval: $2: FAILED" ;;
    esac
}

seeds=$tmp/seeds
mkdir -p "$seeds/in" "$seeds/gold"
for in in "$root"/fixtures/seed-*.in.txt; do
    name=$(basename "$in" .in.txt)
    cp "$in" "$seeds/in/$name.txt"
    cp "${in%.in.txt}.expected.txt" "$seeds/gold/$name.txt"
done
echo "== seeds (fixtures/seed-*; held byte for byte by the fixture tests)"
run_set seeds "$seeds" "$seeds/in" > "$tmp/seeds.report"
tally $? seeds
tail -2 "$tmp/seeds.report"

dev=${CLEANER_DEV:-$root/../shared/dev}
multi=${CLEANER_DEV_MULTI:-$root/../shared/dev-multi}
sets=""
if [ -d "$dev/in" ] && [ -d "$dev/gold" ]; then
    sets="$sets dev"
    echo "== dev ($dev)"
    if [ $check -eq 1 ]; then
        run_set dev "$dev" "$dev/in" --pages-out "$tmp/dev.pages" --min-token-f1 0.99 \
            --min-line-f1 0.99 --min-page-token-f1 0.95
    else
        run_set dev "$dev" "$dev/in" --pages-out "$tmp/dev.pages"
    fi
    tally $? dev
else
    echo "== dev: not found at $dev (set CLEANER_DEV to its folder): skipped"
    [ $check -eq 1 ] && skipped=$((skipped + 1))
fi
if [ -d "$multi/in" ] && [ -d "$multi/gold" ]; then
    sets="$sets multi"
    echo "== multi ($multi)"
    if [ $check -eq 1 ]; then
        run_set multi "$multi" "$multi/in" --group lang --pages-out "$tmp/multi.pages" \
            --min-token-f1 0.94 --min-page-token-f1 0.60 --min-group-token-f1 0.87
    else
        run_set multi "$multi" "$multi/in" --group lang --pages-out "$tmp/multi.pages"
    fi
    tally $? multi
else
    echo "== multi: not found at $multi (set CLEANER_DEV_MULTI to its folder): skipped"
    [ $check -eq 1 ] && skipped=$((skipped + 1))
fi

# The forms: made once, cached (tests/forms.py remakes what is older than
# its page).
forms=${CLEANER_FORMS:-$root/build/forms}
if [ -n "$sets" ]; then
    dirs=""
    for s in $sets; do
        [ "$s" = dev ] && dirs="$dirs $dev" || dirs="$dirs $multi"
    done
    py=/usr/bin/python3
    [ -x $py ] || py=python3
    # shellcheck disable=SC2086
    $py "$root/tests/forms.py" "$forms" $dirs 2> "$tmp/forms.err"
    sort -u "$tmp/forms.err" | sed 's/^/== /'
    for tool in lynx w3m elinks html2text pyh2t pandoc pandoc-md pandoc-gfm bs4 fold fmt; do
        [ -d "$forms/$tool" ] || continue
        for s in $sets; do
            [ "$s" = dev ] && dir=$dev || dir=$multi
            echo "== $s as made by $tool (change against the page as one block per line)"
            opts="--baseline $tmp/$s.pages"
            [ "$s" = multi ] && opts="$opts --group lang"
            case "$s/$tool" in
            dev/lynx|dev/html2text|dev/pyh2t|dev/pandoc|dev/bs4)
                [ $check -eq 1 ] && opts="$opts --min-token-f1 0.97 --max-drop 0.03" ;;
            dev/pandoc-md|dev/pandoc-gfm)
                [ $check -eq 1 ] && opts="$opts --min-token-f1 0.97" ;;
            esac
            # shellcheck disable=SC2086
            run_set "$s-$tool" "$dir" "$forms/$tool" $opts
            rc=$?
            case "$s/$tool" in
            dev/lynx|dev/html2text|dev/pyh2t|dev/pandoc|dev/pandoc-md|dev/pandoc-gfm|dev/bs4) tally $rc "dev as made by $tool" ;;
            esac
        done
    done
fi

[ $check -eq 1 ] || exit 0
echo "eval: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
