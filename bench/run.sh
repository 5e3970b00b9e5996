#!/bin/sh
# bench/run.sh — the benchmark behind `make bench` (see bench/README.md).
# Measures, side by side in one run, on a deterministic NUL-framed corpus:
# crawl-like (../shared/tools/crawl-corpus: each site's chrome in place,
# article lines new, as on a crawl) when that tool and ../shared/dev are
# there, else pages cycled: cat, LC_ALL=C grep -a -v -E -f (the default
# pack's line rules as EREs), cleaner -z -j 1 and -j 2; then the same on
# the cycled corpus of real pages (whose lines repeat, so the memo answers
# nearly all) and on the fixture corpus (whose articles end early) as
# further blocks. Prints medians, MB/s, peak RSS, the ratios the targets
# are stated in (to grep in CPU time), the memo's hit rate, instruction
# counts on a slice (valgrind), a scaling table, and whether the output
# equals an unoptimised (-O0) build's.
#   BENCH_MB (500)  BENCH_RUNS (5)  BENCH_SCALE ("64 256 1024")
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
BUILD=${BUILD:-build}
MB=${BENCH_MB:-500}
RUNS=${BENCH_RUNS:-5}
SCALE=${BENCH_SCALE:-64 256 1024}
corpus_dir=bench/corpus
out_dir=/dev/shm/cleaner-bench.$$
[ -d /dev/shm ] || out_dir=bench/out/run.$$
mkdir -p "$corpus_dir" "$out_dir"
trap 'rm -rf "$out_dir"' EXIT
run="$BUILD/cleaner-runcmd"
dev=${CLEANER_DEV:-../shared/dev}
fixture_pages=$(ls fixtures/seed-*.in.txt fixtures/layout-*.in.txt)
crawl_tool=${CLEANER_CRAWL_CORPUS:-$dev/../tools/crawl-corpus}
if [ -d "$dev/in" ]; then
    pages="$(ls fixtures/seed-*.in.txt) $(ls "$dev"/in/*.txt)"
    cycled=real
    which_pages="real pages: the 5 seeds and the $(ls "$dev"/in/*.txt | wc -l) pages of $dev/in"
else
    pages=$(ls fixtures/seed-*.in.txt)
    cycled=seeds
    which_pages="real pages: the 5 seeds only ($dev/in not found)"
fi
if [ -d "$dev/in" ] && [ -x "$crawl_tool" ]; then
    kind=crawl
    which_main="crawl-like: $crawl_tool over the seeds and $dev/in (chrome repeats per site, article lines new)"
else
    kind=$cycled
    which_main="cycled ($crawl_tool or $dev/in not found): $which_pages"
fi

corpus() { # corpus MB [KIND] -> path, made once
    k=${2:-$kind}
    f="$corpus_dir/corpus-$k-$1.nul"
    if [ ! -s "$f" ]; then
        case $k in
        fixtures) "$BUILD/cleaner-corpus" "$1" $fixture_pages > "$f" ;;
        crawl) "$crawl_tool" "$1" "$f" "$dev/in" "$dev/../seeds/in" > /dev/null ;;
        *) "$BUILD/cleaner-corpus" "$1" $pages > "$f" ;;
        esac
    fi
    echo "$f"
}

# The default pack's drop/cut/block rules as POSIX EREs for grep: \d and
# \s spelled out, Unicode classes approximated by byte classes, (?: made (.
sed -n 's/^[[:space:]]*\(drop\|cut\|block\)[[:space:]]\+[^[:space:]]\+[[:space:]]\+\/\(.*\)\/[a-z]*[[:space:]]*$/\2/p' \
    rules/*.rules |
  sed 's/\\d/[0-9]/g; s/\\s/[[:space:]]/g; s/\\p{L[ul]\{0,1\}}/[^ -@]/g; s/(?:/(/g' \
  > "$out_dir/patterns.ere"
npat=$(wc -l < "$out_dir/patterns.ere")
gwarn=$(LC_ALL=C grep -E -f "$out_dir/patterns.ere" < /dev/null 2>&1 > /dev/null | sort | uniq -c | sed 's/^ *//' | tr '\n' ';')

# Single-threaded tools run pinned to one CPU, the same for all, so their
# ratio is fair: on some VMs the CPUs differ in speed (on this one by 1.6x).
cpus=$(taskset -pc $$ 2>/dev/null | sed 's/.*: //' | tr ',' '\n' |
       awk -F- '{ if (NF == 2) for (i = $1; i <= $2; i++) print i; else print $1 }')
[ -n "$cpus" ] && command -v taskset > /dev/null || cpus=""
first_cpu=$(echo "$cpus" | head -1)
pin() { if [ -n "$first_cpu" ]; then echo "taskset -c $1"; fi; }

# The tools, each a function of INPUT printing "seconds rss_kib status";
# $P pins to the CPU being measured. A tool named NAME@CPU in rounds runs
# NAME pinned to that CPU.
tool_cat() { "$run" "$1" "$out_dir/cat.out" $P cat; }
# (grep's warnings about the patterns are said once, with their count)
tool_grep() { "$run" "$1" "$out_dir/grep.out" $P env LC_ALL=C grep -a -v -E -f "$out_dir/patterns.ere" 2> /dev/null; }
tool_j1() { "$run" "$1" "$out_dir/j1.out" $P "$BUILD/cleaner" -z -j 1; }
tool_nomemo() { "$run" "$1" "$out_dir/nomemo.out" $P "$BUILD/cleaner" -z -j 1 --no-memo; }
tool_j2() { "$run" "$1" "$out_dir/j2.out" "$BUILD/cleaner" -z -j 2; }
# Two -j 1 processes at once, one pinned to each of two CPUs, each on half
# of the main corpus (cut at a NUL): nothing shared, no threads. Each one's
# own time gives its CPU's speed while the other CPU is busy too; the time
# both together would take over the whole corpus (2 / (1/t1 + 1/t2)) is
# the most two CPUs give on this VM, the ceiling for -j 2.
tool_pair() {
    $pair_pin1 "$run" "$out_dir/main.half2" "$out_dir/pair2.out" "$BUILD/cleaner" -z -j 1 \
        > "$out_dir/pair.t2" &
    $pair_pin0 "$run" "$out_dir/main.half1" "$out_dir/pair1.out" "$BUILD/cleaner" -z -j 1 \
        > "$out_dir/pair.t1"
    wait
    cat "$out_dir/pair.t1" "$out_dir/pair.t2" |
        awk '{ s += 1 / $1; if ($2 > k) k = $2 } END { printf "%.4f %d 0\n", 2 / s, k }'
}
run_tool() { # run_tool NAME[@CPU] INPUT
    case $1 in
    *@*) P="taskset -c ${1#*@}"; "tool_${1%@*}" "$2";;
    *) "tool_$1" "$2";;
    esac
}

# rounds INPUT TOOL...: RUNS rounds, each tool once per round, in turn, so
# that a machine that speeds up or slows down mid-run (this VM does, by
# 20 % and more) moves every tool alike and the ratios stay fair. Leaves
# "median_seconds max_rss_kib" in $out_dir/res.TOOL, and each round's wall
# and CPU seconds in times.TOOL and cpu.TOOL.
rounds() {
    in=$1
    shift
    for t in "$@"; do : > "$out_dir/times.$t"; : > "$out_dir/cpu.$t"; echo 0 > "$out_dir/rss.$t"; done
    i=0
    while [ $i -lt "$RUNS" ]; do
        for t in "$@"; do
            r=$(run_tool "$t" "$in")
            echo "$r" | awk '{print $1}' >> "$out_dir/times.$t"
            echo "$r" | awk '{print ($4 != "") ? $4 : $1}' >> "$out_dir/cpu.$t"
            k=$(echo "$r" | awk '{print $2}')
            [ "$k" -gt "$(cat "$out_dir/rss.$t")" ] && echo "$k" > "$out_dir/rss.$t"
        done
        i=$((i + 1))
    done
    for t in "$@"; do
        m=$(sort -n "$out_dir/times.$t" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
        echo "$m $(cat "$out_dir/rss.$t")" > "$out_dir/res.$t"
    done
}
res() { cat "$out_dir/res.$1"; } # res TOOL -> "seconds rss"

main=$(corpus "$MB")
bytes=$(wc -c < "$main")
mbytes=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')
echo "corpus: $main ($mbytes MiB, $(tr -cd '\0' < "$main" | wc -c) pages; every 7th NFD, every 5th CRLF)"
echo "        $which_main"
echo "        $(tr '\0' '\n' < "$main" | sort -u | wc -l) distinct lines of $(tr '\0' '\n' < "$main" | wc -l);" \
     "the --no-memo row is the speed on lines never seen before"
echo "grep patterns: $npat (from rules/*.rules)${gwarn:+; grep says: $gwarn}"
echo "runs: $RUNS rounds, the tools in turn in each, median shown; single-threaded rows pinned to CPU ${first_cpu:-(none: no taskset)}"
echo
printf '%-30s %10s %10s %12s\n' tool seconds MB/s "peak RSS"
row() {
    printf '%-30s %10s %10s %9s MiB\n' "$1" "$2" \
        "$(awk -v b="$bytes" -v t="$2" 'BEGIN {printf "%.0f", b / 1048576 / t}')" \
        "$(awk -v k="$3" 'BEGIN {printf "%.1f", k / 1024}')"
}
# The halves for tool_pair, pinned to the first two CPUs.
python3 - "$main" "$out_dir/main.half1" "$out_dir/main.half2" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
cut = data.find(b"\0", len(data) // 2) + 1 or len(data)
open(sys.argv[2], "wb").write(data[:cut])
open(sys.argv[3], "wb").write(data[cut:])
PY
pair_pin0="" pair_pin1=""
if [ -n "$first_cpu" ] && [ "$(echo "$cpus" | wc -l)" -ge 2 ]; then
    pair_pin0="taskset -c $first_cpu" pair_pin1="taskset -c $(echo "$cpus" | sed -n 2p)"
fi
# Every single-threaded tool once on each CPU, in the same rounds as
# -j 2, which runs on all of them; -j 2 between CPU 0's -j 1 and the
# others', so that they bracket it in time.
if [ -n "$first_cpu" ]; then
    other_cpu_tools=$(for c in $(echo "$cpus" | tail -n +2); do printf ' j1@%s grep@%s' "$c" "$c"; done)
    rounds "$main" cat@"$first_cpu" grep@"$first_cpu" j1@"$first_cpu" j2 $other_cpu_tools \
        pair nomemo@"$first_cpu"
    g0=grep@$first_cpu j0=j1@$first_cpu cat0=cat@$first_cpu nm0=nomemo@$first_cpu
else
    rounds "$main" cat grep j1 j2 pair nomemo
    g0=grep j0=j1 cat0=cat nm0=nomemo
fi
P=$(pin "$first_cpu")
set -- $(res "$cat0"); row cat "$1" "$2"
set -- $(res "$g0"); t_grep=$1; row "grep -v -E -f" "$1" "$2"
set -- $(res "$j0"); t_j1=$1; rss_j1=$2; row "cleaner -z -j 1" "$1" "$2"
set -- $(res j2); t_j2=$1; row "cleaner -z -j 2 (both CPUs)" "$1" "$2"
set -- $(res pair); row "2 x -j 1 at once (ceiling)" "$1" "$2"
set -- $(res "$nm0"); row "cleaner -z -j 1 --no-memo" "$1" "$2"
cmp -s "$out_dir/j1.out" "$out_dir/j2.out" && same_j="yes" || same_j="NO"
cmp -s "$out_dir/j1.out" "$out_dir/nomemo.out" && same_memo="yes" || same_memo="NO"

# Ratios are taken per round (tools run close in time within a round, so
# a slow minute of the VM cancels out) and their median is shown.
# per_round TOOL... -> the median over rounds of the awk expression in
# $formula over the tools' times ($1, $2, ...).
median() { sort -n | awk '{v[NR]=$1} END {printf "%.2f", v[int((NR+1)/2)]}'; }
per_round() {
    files=""
    for t in "$@"; do files="$files $out_dir/${series:-times}.$t"; done
    paste $files | awk "{ v = $formula; print v }" | median
}
# The cleaner/grep ratio on every CPU; the target takes the worst. -j 2
# runs on every CPU, so its yardstick is -j 1's mean speed over them (on a
# VM whose CPUs differ in speed, CPU 0's alone would be unfair either way);
# the ratio to CPU 0's -j 1 is printed too.
worst="" per_cpu="" j1_tools=""
for c in ${cpus:-none}; do
    if [ "$c" = none ]; then gt=grep jt=j1; else gt=grep@$c jt=j1@$c; fi
    r=$(series=cpu formula='$1 / $2' per_round "$gt" "$jt")
    per_cpu="$per_cpu${per_cpu:+, }CPU $c: $r (grep $(sort -n "$out_dir/cpu.$gt" | median) s, cleaner $(sort -n "$out_dir/cpu.$jt" | median) s of CPU)"
    worst=$(awk -v a="${worst:-$r}" -v b="$r" 'BEGIN {print (b < a) ? b : a}')
    j1_tools="$j1_tools $jt"
done
ncpu=$(echo $j1_tools | wc -w)

echo
ratio_grep=$worst
# -j 2's time is $1, the CPUs' -j 1 times $2, $3, ...
j1_sum=$(echo $j1_tools | awk '{for (i = 1; i <= NF; i++) printf "%s1 / $%d", (i > 1 ? " + " : ""), i + 1}')
ratio_j2=$(formula="(1 / \$1) / (($j1_sum) / $ncpu)" per_round j2 $j1_tools)
ratio_j2_cpu0=$(formula='$2 / $1' per_round j2 "$j0")
ratio_j2_pair=$(formula='$2 / $1' per_round j2 pair)
ratio_pair=$(formula="(1 / \$1) / (($j1_sum) / $ncpu)" per_round pair $j1_tools)
rss_mb=$(awk -v k="$rss_j1" 'BEGIN {printf "%.1f", k / 1024}')
rss_j2_mb=$(res j2 | awk '{printf "%.1f", $2 / 1024}')
verdict() { awk -v v="$1" -v t="$2" 'BEGIN {print (v >= t) ? "met" : "NOT MET"}'; }
echo "targets:"
echo "  (each ratio the median of its per-round ratios)"
echo "  cleaner -j 1 speed / grep speed  = $ratio_grep   (target >= 1.0: $(verdict "$ratio_grep" 1.0); in CPU time, the worst CPU)"
echo "      per CPU: $per_cpu"
echo "  cleaner -j 2 speed / -j 1 speed  = $ratio_j2   (target >= 1.8: $(verdict "$ratio_j2" 1.8); -j 1's mean speed over the $ncpu CPUs;"
echo "                                            $ratio_j2_cpu0 against CPU ${first_cpu:-0}'s alone)"
echo "      two -j 1 at once / -j 1 = $ratio_pair   (what two CPUs gave in this run: the ceiling)"
echo "      -j 2 / two -j 1 at once = $ratio_j2_pair   (1.00: -j 2 at the ceiling)"
echo "  cleaner -j 1 peak RSS            = $rss_mb MiB   (target < 16: $(awk -v r="$rss_mb" 'BEGIN {print (r < 16) ? "met" : "NOT MET"}'))"
echo "  cleaner -j 2 peak RSS            = $rss_j2_mb MiB   (target < 32: $(awk -v r="$rss_j2_mb" 'BEGIN {print (r < 32) ? "met" : "NOT MET"}'))"
# The memo: how many of the lines it was asked for it knew (-j 1).
memo=$("$BUILD/cleaner" -z -j 1 --stats=json < "$main" 2>&1 > /dev/null | grep -o '"memo":{[^}]*}' | tr -c '0-9\n' ' ')
echo "  memo hit rate (-j 1)             = $(echo $memo | awk '{printf "%.1f %% of %d lookups", $1 ? 100 * $2 / $1 : 0, $1}')"
# Instructions (valgrind's callgrind, deterministic where the clock is
# not) for cleaner and grep on a slice of the corpus: the first documents
# up to 4 MiB.
if command -v valgrind > /dev/null; then
    python3 - "$main" "$out_dir/slice.nul" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
cut = data.find(b"\0", 4 << 20) + 1 or len(data)
open(sys.argv[2], "wb").write(data[:cut])
PY
    # (into a file: GNU grep stops at its first output line when writing
    # to /dev/null)
    instr() {
        LC_ALL=C valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" < "$out_dir/slice.nul" \
            2>&1 > "$out_dir/instr.out" | sed -n 's/.*refs: *//p' | tr -d ','
    }
    ic=$(instr "$BUILD/cleaner" -z -j 1)
    ig=$(instr grep -a -v -E -f "$out_dir/patterns.ere")
    echo "  instructions on a $(awk -v b="$(wc -c < "$out_dir/slice.nul")" 'BEGIN {printf "%.1f", b / 1048576}') MiB slice: cleaner -z -j 1 $(awk -v n="$ic" 'BEGIN {printf "%.0f M", n / 1e6}'), grep $(awk -v n="$ig" 'BEGIN {printf "%.0f M", n / 1e6}'): grep / cleaner = $(awk -v c="$ic" -v g="$ig" 'BEGIN {printf "%.2f", c ? g / c : 0}')"
else
    echo "  instructions: valgrind not installed, not counted"
fi
echo "  -j 2 output equals -j 1          = $same_j"
echo "  --no-memo output equals -j 1     = $same_memo"

# Output equal to an unoptimised build's, on the smallest scaling corpus.
first=$(echo "$SCALE" | awk '{print $1}')
small=$(corpus "$first")
make -s BUILD=build-O0 CFLAGS="-O0 -g" build-O0/cleaner > /dev/null
"$BUILD/cleaner" -z -j 1 < "$small" > "$out_dir/opt.out"
build-O0/cleaner -z -j 1 < "$small" > "$out_dir/O0.out"
cmp -s "$out_dir/opt.out" "$out_dir/O0.out" && same_o0="yes" || same_o0="NO"
echo "  output equals an -O0 build's     = $same_o0 (on the $first MiB corpus)"

# The same tools on pages cycled (every line repeats many times: the memo
# answers nearly all), when the main corpus is crawl-like.
if [ "$kind" = crawl ]; then
    cyc=$(corpus "$MB" "$cycled")
    cbytes=$(wc -c < "$cyc")
    echo
    echo "cycled corpus: $cyc ($(awk -v b="$cbytes" 'BEGIN {printf "%.1f", b / 1048576}') MiB; $which_pages, in turn)"
    rounds "$cyc" grep j1 j2
    for t in grep j1 j2; do
        case $t in grep) name="grep -v -E -f" ;; j1) name="cleaner -z -j 1" ;; j2) name="cleaner -z -j 2 (both CPUs)" ;; esac
        set -- $(res $t)
        printf '%-30s %10s %10s %9s MiB\n' "$name" "$1" \
            "$(awk -v b="$cbytes" -v t="$1" 'BEGIN {printf "%.0f", b / 1048576 / t}')" \
            "$(awk -v k="$2" 'BEGIN {printf "%.1f", k / 1024}')"
    done
    echo "  cleaner -j 1 / grep in CPU time = $(series=cpu formula='$1 / $2' per_round grep j1)"
fi

# The same tools on the fixture corpus, whose articles end early (a line
# after the article's end costs almost nothing): the last block.
fix=$(corpus "$MB" fixtures)
fbytes=$(wc -c < "$fix")
echo
echo "fixture corpus: $fix ($(awk -v b="$fbytes" 'BEGIN {printf "%.1f", b / 1048576}') MiB)"
frow() {
    printf '%-30s %10s %10s %9s MiB\n' "$1" "$2" \
        "$(awk -v b="$fbytes" -v t="$2" 'BEGIN {printf "%.0f", b / 1048576 / t}')" \
        "$(awk -v k="$3" 'BEGIN {printf "%.1f", k / 1024}')"
}
rounds "$fix" grep j1 j2
set -- $(res grep); frow "grep -v -E -f" "$1" "$2"
set -- $(res j1); frow "cleaner -z -j 1" "$1" "$2"
set -- $(res j2); frow "cleaner -z -j 2 (both CPUs)" "$1" "$2"

# Per-line cost before and after the article's end, on a 16 MiB real
# corpus: --explain says which lines come after the end; a copy of the
# corpus without them is timed too (in the same rounds), so the lines
# before the end cost (its time) / (their number), and the lines after
# (the difference) / (theirs).
small_real=$(corpus 16)
"$BUILD/cleaner" -z --explain < "$small_real" > "$out_dir/explain.tsv"
ends='^(article-end|second-article|teaser-lead|signature|old-news|other-news|same-topic|read-more|latest|most-read|may-interest|focus|comments|helpful|news-by-date|forum)'
python3 - "$small_real" "$out_dir/explain.tsv" "$ends" "$out_dir/before-end.nul" > "$out_dir/counts" <<'PY'
import re, sys
corpus, explain, ends, out = sys.argv[1:5]
end = re.compile(ends)
first_after = {}  # document -> its first line after the article's end
with open(explain, encoding="utf-8", errors="replace") as f:
    for row in f:
        doc, line, _, why = row.split("\t", 4)[:4]
        if end.match(why) and int(doc) not in first_after:
            first_after[int(doc)] = int(line)
docs = open(corpus, "rb").read().split(b"\0")
before = after = 0
with open(out, "wb") as f:
    for i, d in enumerate(docs[:-1] if docs and docs[-1] == b"" else docs, 1):
        lines = d.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        k = first_after.get(i, len(lines) + 1) - 1
        before += k
        after += len(lines) - k
        f.write(b"".join(l + b"\n" for l in lines[:k]) + b"\0")
print(before, after)
PY
set -- $(tail -1 "$out_dir/counts")
before=$1 after=$2
tool_whole() { "$run" "$1" "$out_dir/whole.out" $P "$BUILD/cleaner" -z -j 1; }
tool_cut() { "$run" "$out_dir/before-end.nul" "$out_dir/cut.out" $P "$BUILD/cleaner" -z -j 1; }
rounds "$small_real" whole cut
t_whole=$(res whole | awk '{print $1}')
t_cut=$(res cut | awk '{print $1}')
echo
echo "lines in the 16 MiB main corpus: $before before the article's end, $after after it;"
echo "  at -j 1: $(awk -v t="$t_cut" -v n="$before" 'BEGIN {printf "%.0f", t * 1e9 / n}') ns per line before the end," \
     "$(awk -v t="$t_whole" -v c="$t_cut" -v n="$after" 'BEGIN {d = t - c; if (d < 0) d = 0; printf "%.0f", d * 1e9 / n}') ns per line after it" \
     "($(awk -v t="$t_whole" -v n="$((before + after))" 'BEGIN {printf "%.0f", t * 1e9 / n}') on average)"

# -o DIR: the pages of the 16 MiB main corpus as files (on the output's
# file system: tmpfs where there is one), cleaned into a new folder; pages
# per second of CPU (user and system: the kernel's file creation counts),
# beside the same pages as one -z stream.
mkdir -p "$out_dir/pages"
python3 - "$small_real" "$out_dir/pages" <<'PY'
import os, sys
docs = open(sys.argv[1], "rb").read().split(b"\0")
n = 0
for d in docs:
    if d:
        n += 1
        open(os.path.join(sys.argv[2], "p%06d.txt" % n), "wb").write(d)
PY
npages=$(ls "$out_dir/pages" | wc -l)
tool_outdir() {
    rm -rf "$out_dir/o"
    case $BUILD in /*) b=$BUILD ;; *) b=$root/$BUILD ;; esac
    (cd "$out_dir" && "$b/cleaner-runcmd" /dev/null /dev/null $P "$b/cleaner" -j 1 -o o pages)
}
tool_stream() { "$run" "$small_real" "$out_dir/stream.out" $P "$BUILD/cleaner" -z -j 1; }
rounds "$small_real" outdir stream
rm -rf "$out_dir/o"
pps() { sort -n "$out_dir/cpu.$1" | median | awk -v n="$npages" '{printf "%.0f", n / $1}'; }
echo
echo "-o DIR: $npages pages of the 16 MiB main corpus as files in $out_dir (cleaner -j 1, CPU time, median):"
echo "  cleaner -j 1 -o DIR              = $(pps outdir) pages/s   (target >= 3000: $(verdict "$(pps outdir)" 3000))"
echo "  the same pages, -z (one stream)  = $(pps stream) pages/s"

echo
echo "scaling (cleaner -z -j 1, one run each):"
printf '%10s %10s %10s %12s\n' MiB seconds MB/s "peak RSS"
for s in $SCALE; do
    f=$(corpus "$s")
    r=$("$run" "$f" "$out_dir/scale.out" $P "$BUILD/cleaner" -z -j 1)
    t=$(echo "$r" | awk '{print $1}')
    k=$(echo "$r" | awk '{print $2}')
    printf '%10s %10s %10s %9s MiB\n' "$s" "$t" "$(awk -v m="$s" -v t="$t" 'BEGIN {printf "%.0f", m / t}')" \
        "$(awk -v k="$k" 'BEGIN {printf "%.1f", k / 1024}')"
done
