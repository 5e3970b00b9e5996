#!/bin/sh
# run-batch.sh CLEANER — batch modes end to end: -o mirrors an input tree,
# -j N output equals -j 1 byte for byte (files, -z, --jsonl), unreadable
# files are reported and the rest still cleaned, --stats=json counts,
# --removed, SIGTERM leaves no partial output file, and GNU parallel
# --pipe over JSON Lines equals a single run (when parallel is installed).
set -u
cleaner=${1:?usage: run-batch.sh CLEANER RUNCMD}
runcmd=${2:?usage: run-batch.sh CLEANER RUNCMD}
cleaner=$(cd "$(dirname "$cleaner")" && pwd)/$(basename "$cleaner")
runcmd=$(cd "$(dirname "$runcmd")" && pwd)/$(basename "$runcmd")
cd "$(dirname "$0")/.." || exit 2
. tests/testlib.sh

# A corpus made of the fixtures' inputs: a tree, a NUL stream, JSON Lines.
mkdir -p "$tmp/tree/a/b" "$tmp/tree/c"
i=0
for f in fixtures/seed-*.in.txt fixtures/layout-*.in.txt; do
    i=$((i + 1))
    case $((i % 3)) in
        0) cp "$f" "$tmp/tree/a/b/$i.txt" ;;
        1) cp "$f" "$tmp/tree/c/$i.txt" ;;
        *) cp "$f" "$tmp/tree/$i.txt" ;;
    esac
    cat "$f" >> "$tmp/all.nul"
    printf '\0' >> "$tmp/all.nul"
done
# JSON Lines: each page as {"id":N,"text":...}, written with cleaner-eval-free
# tools only: awk turns each NUL record into one JSON string.
awk 'BEGIN { RS = "\0"; n = 0 }
     { s = $0; gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s);
       gsub(/\r/, "\\r", s); gsub(/\n/, "\\n", s); n++;
       printf "{\"id\":%d,\"lang\":\"vi\",\"text\":\"%s\",\"n\":1.50}\n", n, s }' \
    "$tmp/all.nul" > "$tmp/all.jsonl"
for k in 1 2 3 4 5 6; do cat "$tmp/all.jsonl"; done > "$tmp/big.jsonl"

# --explain numbers the documents: a file's place among the inputs (an
# unreadable one keeps its number), NUL documents one after another across
# inputs, at any -j, also past a document too large to be held (streamed).
p0=fixtures/seed-000.in.txt p1=fixtures/seed-001.in.txt
"$cleaner" --explain "$p0" "$tmp/none.txt" "$p1" 2> /dev/null | cut -f1 | uniq > "$tmp/num.got"
check "--explain numbers files by place: 1 3" test "$(tr '\n' ' ' < "$tmp/num.got")" = "1 3 "
{ cat "$p0"; printf '\0'; cat "$p1"; printf '\0'; } > "$tmp/two.nul"
{ awk 'BEGIN { for (i = 0; i < 9000; i++) print "Dòng " i " của một tài liệu rất dài, không có gì." }'
  printf '\0'; cat "$p0"; printf '\0'; } > "$tmp/long.nul"
for j in 1 2; do
    "$cleaner" -z -j $j --explain "$tmp/two.nul" "$tmp/long.nul" | cut -f1 | uniq > "$tmp/num.got"
    check "-z -j $j --explain: documents 1 to 4 across inputs and a streamed one" \
        test "$(tr '\n' ' ' < "$tmp/num.got")" = "1 2 3 4 "
done

# -o mirrors the tree, one output per input, each equal to a plain run.
(cd "$tmp" && "$cleaner" -o out tree) > "$tmp/o.stdout" 2> "$tmp/o.err"
check "-o exit status" test $? -eq 0
check "-o writes nothing to stdout" test ! -s "$tmp/o.stdout"
(cd "$tmp/tree" && find . -type f | sort) > "$tmp/in.list"
(cd "$tmp/out/tree" && find . -type f | sort) > "$tmp/out.list"
check "-o mirrors the tree" cmp -s "$tmp/in.list" "$tmp/out.list"
same=1
while read -r f; do
    "$cleaner" "$tmp/tree/$f" | cmp -s - "$tmp/out/tree/$f" || same=0
done < "$tmp/in.list"
check "-o files equal single runs" test $same -eq 1
check "-o leaves no temporary files" test -z "$(find "$tmp/out" -name '*.cleaner-tmp.*')"

# -j N equals -j 1.
find "$tmp/tree" -type f | sort > "$tmp/files.list"
"$cleaner" -j 1 --files-from "$tmp/files.list" > "$tmp/f1"
"$cleaner" -j 2 --files-from "$tmp/files.list" > "$tmp/f2"
"$cleaner" -j 5 --files-from "$tmp/files.list" > "$tmp/f5"
check "files: -j 2 equals -j 1" cmp -s "$tmp/f1" "$tmp/f2"
check "files: -j 5 equals -j 1" cmp -s "$tmp/f1" "$tmp/f5"
"$cleaner" -z -j 1 < "$tmp/all.nul" > "$tmp/z1"
"$cleaner" -z -j 2 < "$tmp/all.nul" > "$tmp/z2"
check "-z: -j 2 equals -j 1" cmp -s "$tmp/z1" "$tmp/z2"
"$cleaner" --jsonl -j 1 < "$tmp/big.jsonl" > "$tmp/j1"
"$cleaner" --jsonl -j 2 < "$tmp/big.jsonl" > "$tmp/j2"
"$cleaner" --jsonl -j 7 < "$tmp/big.jsonl" > "$tmp/j7"
check "jsonl: -j 2 equals -j 1" cmp -s "$tmp/j1" "$tmp/j2"
check "jsonl: -j 7 equals -j 1" cmp -s "$tmp/j1" "$tmp/j7"
# Many more jobs than the ring holds (six per worker, 128 KiB each), so
# the main thread waits for free slots and cleans jobs itself: -z and
# JSON Lines at -j 2 and -j 3 equal -j 1 (make tsan runs this file under
# ThreadSanitizer).
for k in $(seq 160); do cat "$tmp/all.nul"; done > "$tmp/many.nul"
for k in $(seq 24); do cat "$tmp/big.jsonl"; done > "$tmp/many.jsonl"
"$cleaner" -z -j 1 < "$tmp/many.nul" > "$tmp/m1"
"$cleaner" --jsonl -j 1 < "$tmp/many.jsonl" > "$tmp/mj1"
for n in 2 3; do
    "$cleaner" -z -j $n < "$tmp/many.nul" > "$tmp/m$n"
    check "-z, $(($(wc -c < "$tmp/many.nul") / 1024)) KiB: -j $n equals -j 1" cmp -s "$tmp/m1" "$tmp/m$n"
    "$cleaner" --jsonl -j $n < "$tmp/many.jsonl" > "$tmp/mj$n"
    check "jsonl, $(($(wc -c < "$tmp/many.jsonl") / 1024)) KiB: -j $n equals -j 1" cmp -s "$tmp/mj1" "$tmp/mj$n"
done
check "jsonl: one object per input line" test "$(wc -l < "$tmp/j1")" -eq "$(wc -l < "$tmp/big.jsonl")"
check "jsonl: other fields kept" test "$(grep -c '"lang":"vi","text":' "$tmp/j1")" -eq "$(wc -l < "$tmp/big.jsonl")"

# The memo of repeated lines changes nothing: output, --explain and
# --stats equal the reference path (--no-memo) on every fixture, the dev
# pages when present, pages repeated (so the memo is used) and garbage.
dev=${CLEANER_DEV:-../shared/dev}
{ cat "$tmp/all.nul" "$tmp/all.nul" "$tmp/all.nul"
  for f in fixtures/*.in.txt "$dev"/in/*.txt; do [ -f "$f" ] && { cat "$f"; printf '\0'; }; done
  head -c 300000 /dev/urandom | tr '\0' 'x'; printf '\0'; } > "$tmp/memo.nul"
same=1
for mode in "" "--explain" "--stats=json"; do
    "$cleaner" -z -j 1 $mode < "$tmp/memo.nul" > "$tmp/m1" 2> "$tmp/m1.err"
    "$cleaner" -z -j 1 --no-memo $mode < "$tmp/memo.nul" > "$tmp/m2" 2> "$tmp/m2.err"
    # the memo's own counts are the one difference --stats may show
    sed 's/,"memo":{[^}]*}//' "$tmp/m1.err" > "$tmp/m1.cut"
    sed 's/,"memo":{[^}]*}//' "$tmp/m2.err" > "$tmp/m2.cut"
    cmp -s "$tmp/m1" "$tmp/m2" && cmp -s "$tmp/m1.cut" "$tmp/m2.cut" || { same=0; echo "memo differs with '$mode'"; }
done
check "memo: the same output, --explain and --stats as --no-memo" test $same -eq 1

# Unreadable files: reported, the rest cleaned, exit status 1.
cp fixtures/seed-000.in.txt "$tmp/locked.txt"
chmod 000 "$tmp/locked.txt"
if [ -r "$tmp/locked.txt" ]; then  # root reads anything: use a missing file
    rm -f "$tmp/locked.txt"
fi
for j in 1 2; do
    "$cleaner" -j $j fixtures/seed-001.in.txt "$tmp/locked.txt" fixtures/seed-002.in.txt \
        > "$tmp/u.out" 2> "$tmp/u.err"
    rc=$?
    check "unreadable (-j $j): exit 1" test $rc -eq 1
    check "unreadable (-j $j): named on stderr" grep -q "^cleaner: $tmp/locked.txt: " "$tmp/u.err"
    cat fixtures/seed-001.expected.txt fixtures/seed-002.expected.txt > "$tmp/u.want"
    check "unreadable (-j $j): the rest cleaned" cmp -s "$tmp/u.out" "$tmp/u.want"
done

# --stats=json: the counts add up.
"$cleaner" --stats=json -j 2 -z < "$tmp/all.nul" > /dev/null 2> "$tmp/stats.json"
docs=$(tr -cd '\0' < "$tmp/all.nul" | wc -c)
check "stats: one JSON object" test "$(wc -l < "$tmp/stats.json")" -eq 1
check "stats: documents" grep -q "\"documents\": *$docs," "$tmp/stats.json"
check "stats: per-rule counts" grep -q '"old-news": *{"action": *"cut", *"matches": *[1-9]' "$tmp/stats.json"
check "stats: detectors" grep -q '"teaser": *[1-9]' "$tmp/stats.json"
out_lines=$(tr -d '\0' < "$tmp/z1" | wc -l)
check "stats: lines out" grep -q "\"lines_out\": *$out_lines," "$tmp/stats.json"
# the memo's counts: the pages of all.nul three times over at -j 1 look up
# three times the lines of one copy, and every line of the third copy is
# found (a long line is taken in on its second sight); none with --no-memo
memo_counts() { "$cleaner" --stats=json -j 1 -z 2>&1 > /dev/null | grep -o '"memo":{[^}]*}' | tr -c '0-9\n' ' '; }
set -- $(memo_counts < "$tmp/all.nul") $(cat "$tmp/all.nul" "$tmp/all.nul" "$tmp/all.nul" | memo_counts)
check "stats: memo lookups and hits, the third copy found whole" \
    test "$#" -eq 4 -a "$3" -eq $(($1 * 3)) -a "$4" -ge $(($1 + $2)) -a "$4" -lt "$3"
"$cleaner" --stats=json -j 1 -z --no-memo < "$tmp/memo.nul" > /dev/null 2> "$tmp/memo.json"
check "stats: --no-memo looks nothing up" grep -q '"memo":{"lookups":0,"hits":0}' "$tmp/memo.json"

# -j 0 is all cores (as zstd -T0, parallel -j 0): the same output
"$cleaner" -z -j 0 < "$tmp/all.nul" > "$tmp/j0" 2> "$tmp/j0.err"
check "-j 0: accepted, the output of -j 1" sh -c "test $? -eq 0 && cmp -s '$tmp/j0' '$tmp/z1'"
"$cleaner" -j -1 < "$tmp/all.nul" > /dev/null 2> "$tmp/j0.err"
check "-j -1: usage error" sh -c "test $? -eq 2 && grep -q 'non-negative whole number' '$tmp/j0.err'"
# counts of one are singular
printf 'drop x /^x$/\n' > "$tmp/one.rules"
"$cleaner" --check-rules --rules "$tmp/one.rules" > "$tmp/one.out"
check "--check-rules: 1 rule, not 1 rules" grep -q 'rules OK: 1 rule (keep' "$tmp/one.out"
printf 'one\0' | "$cleaner" --progress -z -j 1 > /dev/null 2> "$tmp/prog.one"
check "progress: 1 document, not 1 documents" grep -q 'cleaner: 1 document, ' "$tmp/prog.one"

# --progress forced on (stderr is not a terminal here): a line that counts
# documents and MB, erased at the end; the output is unchanged.
"$cleaner" --progress -z -j 2 < "$tmp/all.nul" > "$tmp/prog.out" 2> "$tmp/prog.err"
check "progress: output unchanged" cmp -s "$tmp/prog.out" "$tmp/z1"
check "progress: a progress line" grep -q 'cleaner: [0-9]* documents\{0,1\}, [0-9.]* MB, [0-9.]* MB/s' "$tmp/prog.err"
check "progress: erased at the end" test "$(tail -c 4 "$tmp/prog.err" | od -An -c | tr -d ' ')" = '\r033[K'
"$cleaner" --progress -z -j 1 < "$tmp/all.nul" > "$tmp/prog1.out" 2> "$tmp/prog1.err"
check "progress -j 1: a progress line" grep -q 'cleaner: [0-9]* documents\{0,1\}, ' "$tmp/prog1.err"
check "progress -j 1: output unchanged" cmp -s "$tmp/prog1.out" "$tmp/z1"
"$cleaner" -z -j 2 < "$tmp/all.nul" > /dev/null 2> "$tmp/noprog.err"
check "progress: off when stderr is not a terminal" test ! -s "$tmp/noprog.err"

# --profile: every rule timed, the costliest first
"$cleaner" --profile -z -j 2 < "$tmp/all.nul" > "$tmp/prof.out" 2> "$tmp/prof.err"
check "profile: output unchanged" cmp -s "$tmp/prof.out" "$tmp/z1"
check "profile: header" grep -q '^cleaner: rule cost (--profile), .* ms in all, most first:$' "$tmp/prof.err"
nrules=$("$cleaner" --check-rules | head -1 | sed 's/.*: \([0-9]*\) rules .*/\1/')
check "profile: a row per rule" test "$(grep -c ' ([^ ]*\.rules:[0-9]*)$' "$tmp/prof.err")" -eq "$nrules"

# --removed: every dropped line, tab-separated, with its reason.
"$cleaner" --removed "$tmp/removed.tsv" fixtures/seed-000.in.txt > /dev/null
check "removed: reasons" grep -q "	old-news	Tin cũ hơn$" "$tmp/removed.tsv"
check "removed: only drops" test -z "$(cut -f3 "$tmp/removed.tsv" | grep -v '^drop$')"

# SIGTERM in -o mode leaves no partial output behind.
mkdir -p "$tmp/sig"
head -c 30000000 /dev/zero | tr '\0' 'a' > "$tmp/sig/huge.txt"
"$cleaner" -o "$tmp/sigout" "$tmp/sig" 2>/dev/null &
pid=$!
sleep 0.3
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
check "SIGTERM: no temporary file left" test -z "$(find "$tmp/sigout" -name '*.cleaner-tmp.*' 2>/dev/null)"

# Latency: with the writer keeping the pipe open, a document's result comes
# out within a second of its NUL (or its JSON line's LF), at -j 1 and -j 2.
for mode in "-z -j 1" "-z -j 2" "--jsonl -j 2"; do
    rm -f "$tmp/lat.out"
    if [ "$mode" = "--jsonl -j 2" ]; then
        first=$(head -n 1 "$tmp/all.jsonl")
        (printf '%s\n' "$first"; sleep 3) | "$cleaner" $mode > "$tmp/lat.out" &
    else
        (cat fixtures/seed-001.in.txt; printf '\0'; sleep 3) | "$cleaner" $mode > "$tmp/lat.out" &
    fi
    sleep 1
    size=$(wc -c < "$tmp/lat.out")
    wait
    check "latency ($mode): result out while stdin stays open" test "$size" -gt 0
    check "latency ($mode): and complete at the end" test "$(wc -c < "$tmp/lat.out")" -eq "$size"
done

# Memory: a document larger than a chunk is streamed at -j 2, not held
# whole: peak RSS on a 120 MB document is within 48 MB of a small input's
# (0.1 held the whole document).
{ cat fixtures/seed-001.in.txt; printf '\0'
  yes 'Chính quyền thành phố đã công bố kế hoạch mở rộng mạng lưới xe buýt điện.' | head -n 1500000
  printf '\0'; cat fixtures/seed-002.in.txt; printf '\0'; } > "$tmp/bigdoc.z"
small=$("$runcmd" fixtures/seed-001.in.txt "$tmp/small.out" "$cleaner" -z -j 2 | cut -d' ' -f2)
big=$("$runcmd" "$tmp/bigdoc.z" "$tmp/big2.out" "$cleaner" -z -j 2 | cut -d' ' -f2)
"$cleaner" -z -j 1 < "$tmp/bigdoc.z" > "$tmp/big1.out"
check "memory: a large document at -j 2 is streamed ($big KiB vs $small KiB)" \
    test "$big" -lt $((small + 49152))
check "memory: and cleaned as at -j 1" cmp -s "$tmp/big1.out" "$tmp/big2.out"
rm -f "$tmp/bigdoc.z"

# Documents around the sizes the batch reader cuts at (128 KiB jobs, 512
# KiB before a document is streamed): smaller, between and larger, in
# every order, cleaned at -j 2 as at -j 1; the same as JSON Lines.
python3 - "$tmp/sizes.z" "$tmp/sizes.jsonl" <<'PY'
import json, sys
para = "Chính quyền thành phố đã công bố kế hoạch mở rộng mạng lưới xe buýt điện."
docs = []
for kib in (3, 70, 9, 130, 500, 20, 600, 129, 128, 1, 300):
    lines = ["Tin mới", "Xe buýt điện phủ kín nội đô"]
    while sum(len(l.encode()) + 1 for l in lines) < kib * 1024:
        lines.append(para)
    lines.append("Tin liên quan")
    docs.append("\n".join(lines) + "\n")
with open(sys.argv[1], "wb") as f:
    f.write(b"\0".join(d.encode() for d in docs) + b"\0")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for d in docs:
        f.write(json.dumps({"text": d}, ensure_ascii=False) + "\n")
PY
"$cleaner" -z -j 1 < "$tmp/sizes.z" > "$tmp/sizes1.out"
"$cleaner" -z -j 2 < "$tmp/sizes.z" > "$tmp/sizes2.out"
check "documents of 1 KiB to 600 KiB: -z -j 2 equals -j 1" cmp -s "$tmp/sizes1.out" "$tmp/sizes2.out"
check "and the documents all came out" test "$(tr -cd '\0' < "$tmp/sizes2.out" | wc -c)" -eq 11
"$cleaner" --jsonl -j 1 < "$tmp/sizes.jsonl" > "$tmp/sizes1.jl"
"$cleaner" --jsonl -j 2 < "$tmp/sizes.jsonl" > "$tmp/sizes2.jl"
check "the same as JSON Lines: -j 2 equals -j 1" cmp -s "$tmp/sizes1.jl" "$tmp/sizes2.jl"
check "and every line came out" test "$(wc -l < "$tmp/sizes2.jl")" -eq 11

# many files at -j 16 under a small descriptor limit: the main thread
# opens each input once and hands it to a worker, but never holds more
# open than the limit allows (it said "Too many open files" and lost them)
mkdir -p "$tmp/manyfiles"
for i in $(seq 1 120); do cp fixtures/seed-00$((i % 5)).in.txt "$tmp/manyfiles/p$i.txt"; done
"$cleaner" -j 1 "$tmp/manyfiles" > "$tmp/many1"
sh -c 'ulimit -n 40 && exec "$0" -j 16 "$1"' "$cleaner" "$tmp/manyfiles" > "$tmp/many16" 2> "$tmp/many.err"
check "120 files -j 16 under ulimit -n 40: exit 0, as -j 1, nothing said" sh -c \
    "test $? -eq 0 && cmp -s '$tmp/many16' '$tmp/many1' && test ! -s '$tmp/many.err'"

# GNU parallel --pipe over JSON Lines equals a single run.
if command -v parallel > /dev/null; then
    parallel --will-cite --pipe -k --block 200k --halt now,fail=1 "$cleaner" --jsonl -j 1 \
        < "$tmp/big.jsonl" > "$tmp/par"
    check "parallel --pipe equals a single run" cmp -s "$tmp/par" "$tmp/j1"
    # the --sshlogin recipe, with ':' (this machine) as the only host
    parallel --will-cite --pipe -k --block 200k --halt now,fail=1 --sshlogin : "$cleaner" --jsonl -j 1 \
        < "$tmp/big.jsonl" > "$tmp/par-ssh"
    check "parallel --sshlogin : equals a single run" cmp -s "$tmp/par-ssh" "$tmp/j1"
    # NUL-framed documents, blocks ending at a NUL
    parallel --will-cite --pipe -k --block 20k --recend '\0' --halt now,fail=1 "$cleaner" -z -j 1 \
        < "$tmp/all.nul" > "$tmp/par-z"
    check "parallel --recend '\\0' -z equals a single run" cmp -s "$tmp/par-z" "$tmp/z1"
    # the README's recipe (issue 20.12): exit 1 is trouble with every
    # record still in the output (a malformed line passed through, and
    # said), so it does not halt the run; 2 and above halt it
    awk 'NR == 10 { print "{\"text\": broken" } { print }' "$tmp/big.jsonl" > "$tmp/bad.jsonl"
    "$cleaner" --jsonl -j 1 < "$tmp/bad.jsonl" > "$tmp/bad1" 2> /dev/null
    check "a malformed line alone: exit 1" test $? -eq 1
    parallel --will-cite --pipe -k --block 200k --halt now,fail=1 \
        "'$cleaner' --jsonl -j 1 || [ \$? -eq 1 ]" < "$tmp/bad.jsonl" > "$tmp/par-bad" 2> "$tmp/par-err"
    check "parallel recipe, a malformed line: exit 0, every line out, said" sh -c \
        "test $? -eq 0 && cmp -s '$tmp/par-bad' '$tmp/bad1' && grep -q 'stdin:10: ' '$tmp/par-err'"
    parallel --will-cite --pipe -k --block 200k --halt now,fail=1 \
        "sh -c 'cat > /dev/null; exit 2' || [ \$? -eq 1 ]" < "$tmp/big.jsonl" > /dev/null 2>&1
    check "parallel recipe: a block with status 2 fails the run" test $? -ne 0
    # a block that fails stops the run with a failure
    parallel --will-cite --pipe -k --block 200k --halt now,fail=1 sh -c 'cat > /dev/null; exit 3' \
        < "$tmp/big.jsonl" > /dev/null 2>&1
    check "parallel --halt now,fail=1: a failed block fails the run" test $? -ne 0
else
    echo "batch: GNU parallel not installed; the parallel --pipe check is skipped"
fi

finish batch
