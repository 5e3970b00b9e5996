#!/bin/sh
# run-safety.sh CLEANER — nothing is lost or overwritten by mistake: the
# -o mapping (empty or same folder, collisions, no FILE), file lists
# (--files-from with NUL bytes, --files0-from, an empty list), folder walks
# (symlink loops, hidden folders, compressed files), closed standard
# descriptors, signals at any moment with -o and -j, JSON Lines edge cases
# (\u0000, per-file line numbers, a byte-order mark, CRLF, a missing site
# field, several inputs at -j 2), a rule file with a byte-order mark, an
# empty rule folder, conflicting or unsafe options, --explain -z framing,
# --suggest-rules and "#", --stats and a line of NBSPs after the end.
# Every case is hand-written here; each failed on cleaner 0.1.
set -u
cleaner=${1:?usage: run-safety.sh CLEANER}
cleaner=$(cd "$(dirname "$cleaner")" && pwd)/$(basename "$cleaner")
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
. tests/testlib.sh
page=$root/fixtures/seed-001.in.txt
want=$root/fixtures/seed-001.expected.txt

# --- the -o mapping -----------------------------------------------------
mkdir -p "$tmp/o" && cd "$tmp/o" || exit 2
cp "$page" p.txt
"$cleaner" -o '' p.txt > out 2> err
check "-o '': usage error" test $? -eq 2
check "-o '': says why" grep -q 'output-dir: the folder name is empty' err
check "-o '': input intact" cmp -s p.txt "$page"
"$cleaner" -o . p.txt 2> err
check "-o . over its input: usage error" test $? -eq 2
check "-o . over its input: named" grep -q "would replace its input 'p.txt'" err
check "-o . over its input: input intact" cmp -s p.txt "$page"
"$cleaner" -o . --overwrite p.txt 2> err
check "-o . --overwrite: allowed" test $? -eq 0
check "-o . --overwrite: replaced by its result" cmp -s p.txt "$want"
mkdir -p x d/__/x abs
cp "$page" x/f && cp "$page" d/__/x/f && cp "$page" abs/f
(cd d && "$cleaner" -o ../out1 ../x/f __/x/f) 2> err
check "-o ../x/f and __/x/f: usage error" test $? -eq 2
check "-o collision: both inputs named" grep -q "'../x/f' and '__/x/f' would both be written" err
check "-o collision: nothing written" test ! -e out1
# "/P/abs/f" and "P/abs/f" (relative to /) map to the same name
(cd / && "$cleaner" -o "$tmp/o/out2" "$tmp/o/abs/f" "${tmp#/}/o/abs/f") 2> err
check "-o /abs/f and abs/f: usage error" test $? -eq 2
check "-o /abs/f and abs/f: nothing written" test ! -e out2
"$cleaner" -o out3 < "$page" 2> err
check "-o with standard input: usage error" test $? -eq 2
check "-o with standard input: says why" grep -q 'standard input has no name' err
"$cleaner" -o out3 - < "$page" 2> err
check "-o with '-': usage error" test $? -eq 2
"$cleaner" -o out4 x/f abs/f 2> err
check "-o: two distinct outputs" test $? -eq 0 -a -f out4/x/f -a -f out4/abs/f
# a write that fails names the output that is lost, and its input
mkdir -p out5 && : > out5/x
"$cleaner" -o out5 x/f 2> err
check "-o write error: exit 1" test $? -eq 1
check "-o write error: names the lost output" grep -q "^cleaner: out5/x/f: .*the result of x/f is not written" err
# an output that is another input (issue 20.2): refused before anything is
# written, --overwrite or not; its text intact
mkdir -p o6/x && cp "$page" o6/a && cp "$root/fixtures/seed-002.in.txt" o6/x/a && cp o6/x/a o6/x.keep
(cd o6 && "$cleaner" -o x a x/a) 2> err
check "-o x a x/a: usage error" test $? -eq 2
check "-o x a x/a: says which input it would replace" grep -q "'x/a', the result of 'a', would replace another input, 'x/a'" err
check "-o x a x/a: the other input intact" cmp -s o6/x/a o6/x.keep
(cd o6 && "$cleaner" -o x --overwrite a x/a) 2> err
check "-o x --overwrite a x/a: refused too" sh -c "test $? -eq 2 && cmp -s o6/x/a o6/x.keep"
# the same when the output folder is among the arguments (a second run of
# cleaner -o out *)
mkdir -p o7 && cp "$page" o7/p.txt && (cd o7 && "$cleaner" -o out p.txt && cp out/p.txt keep)
(cd o7 && "$cleaner" -o out out p.txt) 2> err
check "-o out out p.txt: refused" sh -c "test $? -eq 2 && grep -q 'would replace another input' err && cmp -s o7/out/p.txt o7/keep"
# a folder inside the output folder that is a symbolic link (issue 20.5):
# not followed, nothing written outside, the result named as not written
mkdir -p o8/in/pages o8/elsewhere o8/out && cp "$page" o8/in/pages/p.txt && ln -s ../elsewhere o8/out/in
(cd o8 && "$cleaner" -o out in) 2> err
check "-o: a symlinked folder inside DIR: exit 1" test $? -eq 1
check "-o: the link is named, the result not written" grep -q "out/in: a symbolic link inside the output folder, not followed.*the result of in/pages/p.txt is not written" err
check "-o: nothing written through the link" test -z "$(ls o8/elsewhere)"
# the output folder itself may be a link (the user named it)
mkdir -p o9/real && ln -s real o9/link && cp "$page" o9/p.txt
(cd o9 && "$cleaner" -o link p.txt) 2> err
check "-o LINK: written into the folder it names" sh -c "test $? -eq 0 && cmp -s o9/real/p.txt '$want'"

# --- file lists -----------------------------------------------------------
mkdir -p "$tmp/l/pages" && cd "$tmp/l" || exit 2
for i in 1 2 3; do cp "$root/fixtures/seed-00$i.in.txt" "pages/p $i.txt"; done
find pages -type f -print0 | sort -z > list0
"$cleaner" --files-from list0 > out 2> err
check "--files-from with NUL bytes: usage error" test $? -eq 2
check "--files-from with NUL bytes: names the list" grep -q '^cleaner: list0: the list holds NUL bytes' err
check "--files-from with NUL bytes: no output" test ! -s out
"$cleaner" --files0-from list0 > out 2> err
check "--files0-from: exit 0" test $? -eq 0
cat "$root/fixtures/seed-001.expected.txt" "$root/fixtures/seed-002.expected.txt" \
    "$root/fixtures/seed-003.expected.txt" > want
check "--files0-from: every file, in list order" cmp -s out want
printf 'pages/p 1.txt\0\0' > list0bad
"$cleaner" --files0-from list0bad > out 2> err
check "--files0-from empty name: usage error" test $? -eq 2
check "--files0-from empty name: line number" grep -q '^cleaner: list0bad:2: empty file name' err
: > empty.list
echo "Nội dung từ đầu vào chuẩn không được đọc khi danh sách rỗng, vì danh sách đã được cho." \
    | "$cleaner" --files-from empty.list > out 2> err
check "empty --files-from: exit 0" test $? -eq 0
check "empty --files-from: standard input is not read" test ! -s out

# --- folder walks ---------------------------------------------------------
mkdir -p "$tmp/w/pages/sub" "$tmp/w/pages/.git" && cd "$tmp/w" || exit 2
cp "$page" pages/a.txt
cp "$page" pages/sub/b.txt
cp "$page" pages/.git/config
ln -s . pages/loop
ln -s .. pages/sub/up
gzip -c "$page" > pages/c.txt.gz
timeout 20 "$cleaner" --explain pages > out 2> err
check "walk: ends quickly with symlink loops" test $? -eq 0
check "walk: each file once (the compressed one read decompressed)" test "$(cut -f1 out | sort -u | wc -l)" -eq 3
check "walk: nothing to report" test ! -s err
check "walk: .git not read" test "$(cat err out | grep -c 'config')" -eq 0
timeout 20 "$cleaner" -R --explain pages > out 2> err
check "walk -R: ends" test $? -eq 0
check "walk -R: the loop is reported" grep -q 'recursive directory loop' err
check "walk -R: each file once" test "$(cut -f1 out | sort -u | wc -l)" -eq 3
mkdir -p "$tmp/w/linked" && ln -s "$tmp/w/linked" pages/sub/elsewhere
cp "$page" linked/d.txt
timeout 20 "$cleaner" -R --explain pages > out 2> /dev/null
check "walk -R: follows links to other folders" test "$(cut -f1 out | sort -u | wc -l)" -eq 4

# --- closed descriptors ---------------------------------------------------
cd "$tmp" || exit 2
"$cleaner" --removed rem.tsv "$page" >&- 2> err
check "stdout closed: exit 1" test $? -eq 1
check "stdout closed: write error" grep -q '^cleaner: write error: Bad file descriptor' err
check "stdout closed: --removed gets no cleaned text" test ! -s rem.tsv
"$cleaner" "$page" <&- > out 2> err
check "stdin closed: files still cleaned" cmp -s out "$want"
"$cleaner" -o oc "$page" >&- 2> err
check "stdout closed with -o: fine" test $? -eq 0 -a -s "oc/${page#/}"

# --- signals at any moment with -o and -j ---------------------------------
mkdir -p "$tmp/s/tree" && cd "$tmp/s" || exit 2
i=0
while [ $i -lt 600 ]; do
    i=$((i + 1))
    cp "$root/fixtures/seed-00$((i % 5)).in.txt" "tree/p$i.txt"
done
"$cleaner" -o ref tree
leftover=0 partial=0 k=0
while [ $k -lt 20 ]; do
    k=$((k + 1))
    rm -rf out
    "$cleaner" -j 3 -o out tree 2>/dev/null &
    pid=$!
    # a pseudo-random moment between 0 and 0.19 s
    sleep "0.$(( (k * 37 + $$) % 20 / 10 ))$(( (k * 37 + $$) % 10 ))"
    kill -TERM $pid 2>/dev/null
    wait $pid 2>/dev/null
    leftover=$((leftover + $(find out -name '*.cleaner-tmp.*' 2>/dev/null | wc -l)))
    if [ -d out/tree ]; then
        for f in out/tree/*; do
            [ -e "$f" ] || continue # an empty folder: nothing published yet
            cmp -s "$f" "ref/tree/${f##*/}" || partial=$((partial + 1))
        done
    fi
done
check "SIGTERM at 20 moments, -j 3: no temporary left" test $leftover -eq 0
check "SIGTERM at 20 moments, -j 3: no partial output" test $partial -eq 0

# --- JSON Lines -----------------------------------------------------------
cd "$tmp" || exit 2
body="Thành phố vừa công bố kế hoạch mở rộng mạng lưới xe buýt điện trong năm tới cho người dân."
printf '{"id":1,"text":"Trang chủ\\u0000\\nTiêu đề bài báo về xe buýt điện\\n%s\\n%s"}\n' "$body" "$body" > nul.jsonl
"$cleaner" --jsonl nul.jsonl > out 2> err
check 'jsonl \u0000: exit 0' test $? -eq 0
check 'jsonl \u0000: cleaned, not passed through' grep -q '"text":"Tiêu đề' out
printf '{"text":"a"}\n{"text":\n' > a.jsonl
printf '{"text":\n{"text":"b"}\n' > b.jsonl
"$cleaner" --jsonl a.jsonl b.jsonl > out 2> err
check "jsonl: line numbers per file (a)" grep -q '^cleaner: a.jsonl:2: malformed JSON' err
check "jsonl: line numbers per file (b)" grep -q '^cleaner: b.jsonl:1: malformed JSON' err
hung=0 n=0
while [ $n -lt 30 ]; do
    n=$((n + 1))
    timeout 10 "$cleaner" --jsonl -j 2 a.jsonl b.jsonl > /dev/null 2>&1
    [ $? -eq 124 ] && hung=$((hung + 1))
done
check "jsonl: several inputs at -j 2 never hang (30 runs)" test $hung -eq 0
printf '\357\273\277{"text":"%s"}\n' "$body" > bom.jsonl
"$cleaner" --jsonl bom.jsonl > out 2> err
check "jsonl BOM: exit 0" test $? -eq 0
check "jsonl BOM: line 1 cleaned, BOM kept" test "$(head -c 11 out | od -An -c | tr -d ' \n')" = '357273277{"text":'
printf '{"text":"%s"}\r\n{"text":"x"}\r\n{"bad\r\n' "$body" > crlf.jsonl
"$cleaner" --jsonl crlf.jsonl > out 2> /dev/null
check "jsonl CRLF: every line keeps CR LF" test "$(grep -c "$(printf '\r')\$" out)" -eq 3
printf '{"text":"x","url":"https://a.vn/1"}\n{"text":"y"}\n{"text":"z"}\n' > site.jsonl
"$cleaner" --jsonl --site-field url site.jsonl > out 2> err
check "--site-field missing: exit 0" test $? -eq 0
check "--site-field missing: said once, with the line" test "$(grep -c "^cleaner: site.jsonl:2: no string field 'url'" err)" -eq 1 -a "$(wc -l < err)" -eq 1

# --- rule files and options -----------------------------------------------
printf '\357\273\277drop x /^x$/\n' > bom.rules
"$cleaner" -r bom.rules --check-rules > out 2> err
check "rule file BOM: loads" test $? -eq 0
mkdir -p norules
"$cleaner" -r norules "$page" > out 2> err
check "-r DIR with no rules: usage error" test $? -eq 2
check "-r DIR with no rules: says so" grep -q 'no \*.rules files' err
"$cleaner" --site ../../x "$page" > out 2> err
check "--site ../../x: usage error" test $? -eq 2
check "--site ../../x: not a domain name" grep -q "site: '../../x' is not a domain name" err
"$cleaner" --site example.vn --check-rules > /dev/null 2> err
check "--site DOMAIN without a pack: still an error" test $? -eq 2
"$cleaner" --keep-bytes --explain "$page" > out 2> err
check "--keep-bytes --explain: usage error" test $? -eq 2
printf '%s\0%s\0' "$(cat "$page")" "$(cat "$page")" | "$cleaner" --explain -z > out
check "--explain -z: no NUL bytes" test "$(tr -cd '\0' < out | wc -c)" -eq 0
check "--explain -z: documents numbered" test "$(cut -f1 out | sort -u | tr '\n' ' ')" = "1 2 "

# --suggest-rules: a real "#" is not a digit
mkdir -p sug
for i in 1 2 3; do
    printf 'Mục #%s\nMục %s\n%s\n' "$i" "$i" "$body" > "sug/p$i.txt"
done
"$cleaner" --suggest-rules sug > out 2> err
check "suggest: '#' kept literally" grep -q '\^Mục \\#\\d+\$' out
check "suggest: digits as \\d+" grep -q '\^Mục \\d+\$' out

# --stats: a line of NBSPs after the end counts as blank, with or without --removed
printf 'Tiêu đề bài báo về xe buýt điện\n%s\n%s\nTin khác\n\302\240\302\240\n' "$body" "$body" > nbsp.txt
"$cleaner" --stats=json nbsp.txt > /dev/null 2> s1
"$cleaner" --stats=json --removed rem2.tsv nbsp.txt > /dev/null 2> s2
check "stats: NBSP line blank after the end" grep -q '"lines_blank": *1,' s1
check "stats: same counts with --removed" cmp -s s1 s2

finish safety
