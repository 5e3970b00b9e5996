#!/bin/sh
# run-hardening.sh CLEANER CORPUS-TOOL — bad input and faults, each with its
# exact expected behaviour: invalid UTF-8 of every kind, the same text in
# any line ending, BOM or normalisation form giving the same output, a line
# of hundreds of MB, millions of tiny lines, binary garbage, a catastrophic
# regex under the match limits, a full disk, a closed pipe, and running out
# of memory.
set -u
cleaner=${1:?usage: run-hardening.sh CLEANER CORPUS-TOOL}
gen=${2:?usage: run-hardening.sh CLEANER CORPUS-TOOL}
cd "$(dirname "$0")/.." || exit 2
. tests/testlib.sh
H="Thành phố mở rộng mạng lưới xe buýt điện"
P1="Ngày 12/9, chính quyền thành phố đã công bố kế hoạch mở rộng mạng lưới xe buýt điện trong năm tới."
P2="Theo kế hoạch, các tuyến mới sẽ kết nối trung tâm với những khu dân cư ở phía tây và phía nam."
P3="Người dân cho biết họ mong chờ việc đi lại thuận tiện hơn, nhất là vào giờ cao điểm buổi sáng."
printf '%s\n%s\n%s\n%s\n' "$H" "$P1" "$P2" "$P3" > "$tmp/page.txt"

# --- invalid UTF-8, every kind: each bad sequence becomes U+FFFD, the
# rest of the line is kept, the exit status is 0.
R=$(printf '\357\277\275')
utf8_case() { # NAME BYTES(printf) WANT(printf)
    printf '%s\n%s\n%s\n' "$H" "$P1" "$P2" > "$tmp/u.txt"
    printf "Người dân cho biết họ mong chờ $2 việc đi lại thuận tiện hơn, nhất là vào giờ cao điểm.\n" >> "$tmp/u.txt"
    printf '%s\n%s\n%s\n' "$H" "$P1" "$P2" > "$tmp/u.want"
    printf "Người dân cho biết họ mong chờ $3 việc đi lại thuận tiện hơn, nhất là vào giờ cao điểm.\n" >> "$tmp/u.want"
    "$cleaner" "$tmp/u.txt" > "$tmp/u.out" 2> "$tmp/u.err"
    rc=$?
    check "utf8 $1: exit 0" test $rc -eq 0
    check "utf8 $1: output" cmp -s "$tmp/u.out" "$tmp/u.want"
    check "utf8 $1: quiet" test ! -s "$tmp/u.err"
}
utf8_case stray-continuation '\200x' "${R}x"
utf8_case truncated-2 'x\303 y' "x$R y"
utf8_case truncated-3 'x\341\273 y' "x$R y"
utf8_case truncated-4 'x\360\237\230 y' "x$R y"
utf8_case overlong-2 '\300\257' "$R$R"
utf8_case overlong-3 '\340\200\257' "$R$R$R"
utf8_case surrogate '\355\240\200' "$R$R$R"
utf8_case above-10ffff '\364\220\200\200' "$R$R$R$R"
utf8_case invalid-f5 '\365' "$R"
utf8_case lone-ff 'a\377b' "a${R}b"

# --- the same text whatever its line endings, BOM or normalisation form
"$cleaner" "$tmp/page.txt" > "$tmp/want"
check "plain page is kept" test "$(wc -l < "$tmp/want")" -eq 4
sed 's/$/\r/' "$tmp/page.txt" > "$tmp/crlf.txt"
tr '\n' '\r' < "$tmp/page.txt" > "$tmp/cr.txt"
printf '\357\273\277' | cat - "$tmp/page.txt" > "$tmp/bom.txt"
printf '\357\273\277' | cat - "$tmp/crlf.txt" > "$tmp/bom-crlf.txt"
head -c -1 "$tmp/page.txt" > "$tmp/nofinal.txt"
for v in crlf cr bom bom-crlf nofinal; do
    "$cleaner" "$tmp/$v.txt" > "$tmp/$v.out"
    check "same output: $v" cmp -s "$tmp/$v.out" "$tmp/want"
done
"$gen" --nfd "$tmp/page.txt" > "$tmp/nfd.txt"
check "NFD input differs from NFC" test "$(wc -c < "$tmp/nfd.txt")" -gt "$(wc -c < "$tmp/page.txt")"
"$cleaner" "$tmp/nfd.txt" > "$tmp/nfd.out"
check "same output: NFD" cmp -s "$tmp/nfd.out" "$tmp/want"
# mixed: NFC and NFD lines in one document, CRLF and a BOM on top
{ printf '\357\273\277'; head -2 "$tmp/nfd.txt"; tail -2 "$tmp/page.txt"; } | sed 's/$/\r/' > "$tmp/mixed.txt"
"$cleaner" "$tmp/mixed.txt" > "$tmp/mixed.out"
check "same output: mixed NFC/NFD, CRLF, BOM" cmp -s "$tmp/mixed.out" "$tmp/want"
"$cleaner" --keep-bytes "$tmp/nfd.txt" > "$tmp/nfd.bytes"
check "--keep-bytes keeps NFD bytes" cmp -s "$tmp/nfd.bytes" "$tmp/nfd.txt"

# --- a line of hundreds of MB: judged in bounded memory (dropped as
# too-long, said in --explain and --stats), not truncated, exit 0
limit="ulimit -v 80000;"
if ldd "$cleaner" 2>/dev/null | grep -q 'libasan\|libubsan'; then
    limit="" # a sanitizer reserves terabytes of address space
fi
{ printf 'Tiêu đề\n\n'; head -c 200000000 /dev/zero | tr '\0' 'a'; printf ' kết thúc.\r\nCuối.\n'; } > "$tmp/huge.txt"
sh -c "$limit exec \"\$0\" --explain \"\$1\"" "$cleaner" "$tmp/huge.txt" > "$tmp/huge.out" 2> "$tmp/huge.err"
rc=$?
check "huge line: exit 0 in 80 MB of address space" test $rc -eq 0
check "huge line: quiet" test ! -s "$tmp/huge.err"
size=$(wc -c < "$tmp/huge.out")
check "huge line: whole line in --explain" test "$size" -gt 200000000
check "huge line: dropped as too-long, its text whole" sh -c \
    "grep -a '^1	3	drop	too-long	aaaa' '$tmp/huge.out' | grep -aq 'aaaa kết thúc\.\$'"
check "huge line: the lines around it as ever" sh -c \
    "grep -q '^1	1	.*	Tiêu đề\$' '$tmp/huge.out' && grep -q '^1	4	.*	Cuối\.\$' '$tmp/huge.out'"
sh -c "$limit exec \"\$0\" --stats \"\$1\"" "$cleaner" "$tmp/huge.txt" > /dev/null 2> "$tmp/huge.err"
check "huge line: counted in --stats" grep -q 'dropped by too-long  *1$' "$tmp/huge.err"
# files cleaned by workers (-j 2) are read as they are cleaned, not held:
# the same bound, the output of the files one by one
{ "$cleaner" "$tmp/huge.txt"; "$cleaner" "$tmp/page.txt"; } > "$tmp/huge1.out"
sh -c "$limit exec \"\$0\" -j 2 \"\$1\" \"\$2\"" "$cleaner" "$tmp/huge.txt" "$tmp/page.txt" > "$tmp/huge2.out" 2> "$tmp/huge.err"
check "huge line, -j 2 over files: exit 0 in 80 MB, as one by one" sh -c \
    "test $? -eq 0 && cmp -s '$tmp/huge1.out' '$tmp/huge2.out' && test ! -s '$tmp/huge.err'"
# the same line from memory (a NUL document held whole, -z -j 2 cutting
# chunks) and from a reader that streams it (-z -j 1): the same verdicts
{ head -c 1200000 /dev/zero | tr '\0' 'b'; printf '\nSau.\n\0'; } > "$tmp/long.nul"
"$cleaner" -z -j 1 --explain "$tmp/long.nul" > "$tmp/long1.out"
"$cleaner" -z -j 2 --explain "$tmp/long.nul" > "$tmp/long2.out"
check "a 1.2 MB line: too-long at -j 1 and -j 2 alike" sh -c \
    "cmp -s '$tmp/long1.out' '$tmp/long2.out' && grep -q '^1	1	drop	too-long	bbbb' '$tmp/long1.out'"
rm -f "$tmp/huge.txt" "$tmp/huge.out"

# --- millions of tiny lines: all read, none lost, bounded time
awk 'BEGIN { for (i = 0; i < 3000000; i++) print (i % 2) ? "a" : "" }' > "$tmp/tiny.txt"
"$cleaner" --stats=json "$tmp/tiny.txt" > /dev/null 2> "$tmp/tiny.stats"
check "tiny lines: all counted" grep -q '"lines_in": *3000000,' "$tmp/tiny.stats"

# --- binary garbage: exit 0, valid UTF-8 out, no empty line
"$gen" --garbage 4096 7 > "$tmp/garbage.bin"
"$cleaner" "$tmp/garbage.bin" > "$tmp/garbage.out" 2> "$tmp/garbage.err"
rc=$?
check "garbage: exit 0" test $rc -eq 0
check "garbage: quiet" test ! -s "$tmp/garbage.err"
check "garbage: no empty line" test -z "$(grep -n '^$' "$tmp/garbage.out" | head -1)"
"$cleaner" -z --explain < "$tmp/garbage.bin" > "$tmp/garbage.explain" 2>&1
check "garbage as NUL documents: exit 0" test $? -eq 0
"$cleaner" --jsonl < "$tmp/garbage.bin" > "$tmp/garbage.jsonl" 2> "$tmp/garbage.jsonl.err"
check "garbage as JSON Lines: passed through, exit 1" test $? -eq 1
# every input byte comes back, in order (a final LF may be added)
head -c "$(wc -c < "$tmp/garbage.bin")" "$tmp/garbage.jsonl" > "$tmp/garbage.head"
check "garbage as JSON Lines: nothing lost" cmp -s "$tmp/garbage.head" "$tmp/garbage.bin"

# --- only boilerplate: nothing out, exit 0
printf 'Trang chủ\nThời sự\nĐăng nhập\nNhỏ Bình thường Lớn\nTin liên quan\n' > "$tmp/chrome.txt"
"$cleaner" "$tmp/chrome.txt" > "$tmp/chrome.out"
check "only boilerplate: exit 0" test $? -eq 0
check "only boilerplate: empty output" test ! -s "$tmp/chrome.out"

# --- a catastrophic pattern: ends quickly, reported once with its place,
# treated as not matching, counted in --stats
printf '# evil\ndrop evil /^(a+)+$/\ndrop ok /^Trang chủ$/\n' > "$tmp/evil.rules"
{ cat "$tmp/page.txt"; head -c 5000 /dev/zero | tr '\0' 'a'; printf 'b\n'; head -c 3000 /dev/zero | tr '\0' 'a'; printf 'c\n'; } > "$tmp/evil.txt"
start=$(date +%s)
"$cleaner" --rules "$tmp/evil.rules" --stats=json "$tmp/evil.txt" > "$tmp/evil.out" 2> "$tmp/evil.err"
rc=$?
secs=$(( $(date +%s) - start ))
check "evil regex: exit 0" test $rc -eq 0
check "evil regex: quick" test $secs -lt 10
check "evil regex: reported once" test "$(grep -c "evil.rules:2: rule 'evil': match limit exceeded; treated as not matching\$" "$tmp/evil.err")" -eq 1
check "evil regex: counted at the end" grep -q "evil.rules:2: rule 'evil': .*(2 times in all, said at the first)" "$tmp/evil.err"
check "evil regex: counted" grep -q '"match_limit_hits": *2,' "$tmp/evil.err"
check "evil regex: text kept" cmp -s "$tmp/evil.out" "$tmp/want"

# the same rule hit in every document of a -z stream at -j 1 and -j 2
# (issue 20.14): said once, in input order with the other messages (not
# from a worker thread in the middle of the progress line), with the count
# at the end (two lines hit the limit in each of the six documents)
for i in 1 2 3 4 5 6; do cat "$tmp/evil.txt"; printf 'doc %d\n\0' $i; done > "$tmp/evil.nul"
for j in 1 2; do
    "$cleaner" --rules "$tmp/evil.rules" -z -j $j --progress "$tmp/evil.nul" > /dev/null 2> "$tmp/evilz.err"
    check "evil regex -z -j $j: exit 0" test $? -eq 0
    # the progress line ends in CR and erases with ESC [ K: each message
    # must stand on a line of its own once those are taken away
    tr '\r' '\n' < "$tmp/evilz.err" | sed 's/\x1b\[K//g' | grep -a 'rule .evil' > "$tmp/evilz.msgs"
    check "evil regex -z -j $j: said once, then counted" sh -c \
        "test \$(wc -l < '$tmp/evilz.msgs') -eq 2 && head -n 1 '$tmp/evilz.msgs' | grep -q '^cleaner: .*evil.rules:2: rule .evil.: match limit exceeded; treated as not matching\$' && tail -n 1 '$tmp/evilz.msgs' | grep -q '^cleaner: .*evil.rules:2: rule .evil.: .*(12 times in all, said at the first)\$'"
done

# --- rule files: thousands of rules load fast
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "drop r%d /^Menu item %d$/i\n", i, i }' > "$tmp/many.rules"
start=$(date +%s)
"$cleaner" --check-rules --rules "$tmp/many.rules" > "$tmp/many.out"
rc=$?
secs=$(( $(date +%s) - start ))
check "5000 rules: load" test $rc -eq 0
check "5000 rules: quickly" test $secs -lt 10
check "5000 rules: counted" grep -q ': 5000 rules ' "$tmp/many.out"

# --- a write error (a full disk): message, exit 1
if [ -w /dev/full ]; then
    "$cleaner" "$tmp/page.txt" > /dev/full 2> "$tmp/full.err"
    rc=$?
    check "/dev/full: exit 1" test $rc -eq 1
    check "/dev/full: message" grep -q '^cleaner: write error: No space left on device$' "$tmp/full.err"
    "$cleaner" -z -j 2 < "$tmp/page.txt" > /dev/full 2> "$tmp/full2.err"
    check "/dev/full -j 2: exit 1" test $? -eq 1
fi

# --- a closed pipe ends quietly
for i in $(seq 1 2000); do cat "$tmp/page.txt"; printf '\0'; done > "$tmp/many.nul"
"$cleaner" -z < "$tmp/many.nul" 2> "$tmp/pipe.err" | head -1 > /dev/null
check "closed pipe: quiet" test ! -s "$tmp/pipe.err"

# --- out of memory: a message and exit 1, never a crash. A sanitizer build
# reserves terabytes of address space, so it cannot run under ulimit -v.
if ldd "$cleaner" 2>/dev/null | grep -q 'libasan\|libubsan'; then
    echo "hardening: sanitizer build; the out-of-memory checks are skipped (they run in the plain build)"
else
(ulimit -v 120000 && exec "$cleaner" "$tmp/tiny.txt" "$tmp/chrome.txt") > /dev/null 2>&1
check "runs under a memory limit" test $? -eq 0
# (a JSON line is held whole to be parsed: a long line of plain text is
# not, see "huge line")
{ printf '{"text":"'; head -c 150000000 /dev/zero | tr '\0' 'x'; printf '"}\n'; } > "$tmp/big1.txt"
(ulimit -v 200000 && exec "$cleaner" --jsonl "$tmp/big1.txt") > /dev/null 2> "$tmp/oom.err"
rc=$?
check "out of memory: exit 1" test $rc -eq 1
check "out of memory: message" grep -q '^cleaner: out of memory$' "$tmp/oom.err"
fi

finish hardening
