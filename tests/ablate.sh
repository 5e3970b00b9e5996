#!/bin/sh
# ablate.sh CLEANER CLEANER-EVAL — what each rule and detector is worth, site
# by site: the dev pages (../shared/dev or $CLEANER_DEV), the pages in other
# languages (../shared/dev-multi or $CLEANER_MULTI) and the seeds are
# cleaned once with the whole pack and once with each rule or detector
# switched off (--disable NAME), and once without the language packs
# (--language none: the row "language-packs"). A row per name that
# changes anything: the sites it helps (token F1 without it is lower) and
# the sites it hurts. A rule that helps one site only was likely written
# for that site: ask whether it would help on a site it was not written
# for. Prints; never fails.
set -u
cleaner=${1:?usage: ablate.sh CLEANER CLEANER-EVAL}
evaluate=${2:?usage: ablate.sh CLEANER CLEANER-EVAL}
root=$(cd "$(dirname "$0")/.." && pwd)
dev=${CLEANER_DEV:-$root/../shared/dev}
multi=${CLEANER_MULTI:-$root/../shared/dev-multi}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

pages=""
for in in "$root"/fixtures/seed-*.in.txt; do
    pages="$pages $(basename "$in" .in.txt)=$in=${in%.in.txt}.expected.txt"
done
for set in "$dev" "$multi"; do
    if [ -d "$set/in" ]; then
        for in in "$set"/in/*.txt; do
            name=$(basename "$in" .txt)
            [ -f "$set/gold/$name.txt" ] && pages="$pages $name=$in=$set/gold/$name.txt"
        done
    else
        echo "ablate: no page set at $set: left out"
    fi
done

# score OUT [CLEANER OPTION...]: per-site TSV of the whole set into OUT
score() {
    out=$1
    shift
    set -- "$@" --
    for p in $pages; do
        name=${p%%=*} rest=${p#*=}
        "$cleaner" "$@" "${rest%%=*}" > "$tmp/$name.out" 2>/dev/null
    done
    set --
    for p in $pages; do
        name=${p%%=*} rest=${p#*=}
        set -- "$@" "$name" "$tmp/$name.out" "${rest#*=}"
    done
    "$evaluate" --tsv "$@" > "$out"
}

score "$tmp/base.tsv"
names=$(sed -n 's/^[[:space:]]*\(drop\|cut\|block\|keep\|caption\|lead\|credit\)[[:space:]]\+\([^[:space:]]\+\).*/\2/p' \
        "$root"/rules/*.rules | sort -u)
detectors=$("$cleaner" --list-settings | cut -f1 | grep -v '\.')
printf '%-22s %8s  %s\n' "without" "micro" "sites it helps (token F1 lost without it) | sites it hurts"
for n in language-packs $detectors $names; do
    if [ "$n" = language-packs ]; then
        score "$tmp/off.tsv" --language none
    else
        score "$tmp/off.tsv" --disable "$n"
    fi
    awk -v name="$n" -F'\t' '
        NR == FNR { base[$1 "\t" $2] = $4; next }
        {
            d = base[$1 "\t" $2] - $4
            if ($1 == "micro") { micro = d; next }
            if (d > 0.00005) { helps = helps sprintf(" %s(+%.3f)", $2, d); nh++ }
            if (d < -0.00005) { hurts = hurts sprintf(" %s(%.3f)", $2, d); nu++ }
        }
        END {
            if (nh + nu == 0) { idle[name] = 1; print name > "/dev/stderr"; exit }
            flag = (nh == 1 && nu == 0) ? "  <- one site only" : ""
            printf "%-22s %+8.4f %s |%s%s\n", name, micro, helps, hurts, flag
        }' "$tmp/base.tsv" "$tmp/off.tsv" 2>>"$tmp/idle"
done
if [ -s "$tmp/idle" ]; then
    printf 'no change on these pages without: %s\n' "$(tr '\n' ' ' < "$tmp/idle")"
fi
