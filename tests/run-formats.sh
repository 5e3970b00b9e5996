#!/bin/sh
# run-formats.sh CLEANER — the formats corpus builders have: gzip (several
# members) and zstd input in every mode, giving what the plain input gives;
# broken compressed data reported; --compress output that decompresses to
# the plain output; WARC/WET files (made here from the seeds by
# tests/mkwet.py) cleaned into valid WARC, checked by a second, independent
# reader written with Python's standard library (tests/warc_check.py), and
# into JSON Lines; a broken record reported with its number and byte
# offset while the records after it are still cleaned; site packs by
# WARC-Target-URI.
set -u
cleaner=${1:?usage: run-formats.sh CLEANER}
cleaner=$(cd "$(dirname "$cleaner")" && pwd)/$(basename "$cleaner")
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
. tests/testlib.sh
seeds="fixtures/seed-000 fixtures/seed-001 fixtures/seed-002 fixtures/seed-003 fixtures/seed-004"

# --- compressed input in every mode -------------------------------------
mkdir -p "$tmp/plain" "$tmp/gz" "$tmp/zst"
for s in $seeds; do
    n=${s#fixtures/}
    cp "$s.in.txt" "$tmp/plain/$n.txt"
    gzip -c "$s.in.txt" > "$tmp/gz/$n.txt.gz"
    zstd -q -c "$s.in.txt" > "$tmp/zst/$n.txt.zst"
    cat "$s.in.txt" >> "$tmp/all.nul"; printf '\0' >> "$tmp/all.nul"
done
# several gzip members, one per document, as WET files are written
for s in $seeds; do { cat "$s.in.txt"; printf '\0'; } | gzip -c >> "$tmp/all.nul.gz"; done
zstd -q -c "$tmp/all.nul" > "$tmp/all.nul.zst"
awk 'BEGIN { RS = "\0" } { s = $0; gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s);
     gsub(/\r/, "\\r", s); gsub(/\n/, "\\n", s); printf "{\"meta\":{\"url\":\"https://a.vn/%d\"},\"text\":\"%s\"}\n", NR, s }' \
    "$tmp/all.nul" > "$tmp/all.jsonl"
gzip -c "$tmp/all.jsonl" > "$tmp/all.jsonl.gz"
zstd -q -c "$tmp/all.jsonl" > "$tmp/all.jsonl.zst"

b=seed-001
"$cleaner" "$tmp/plain/$b.txt" > "$tmp/want"
check "gzip FILE" sh -c "'$cleaner' '$tmp/gz/$b.txt.gz' | cmp -s - '$tmp/want'"
check "zstd FILE" sh -c "'$cleaner' '$tmp/zst/$b.txt.zst' | cmp -s - '$tmp/want'"
check "gzip on stdin" sh -c "'$cleaner' < '$tmp/gz/$b.txt.gz' | cmp -s - '$tmp/want'"
check "zstd on stdin" sh -c "'$cleaner' < '$tmp/zst/$b.txt.zst' | cmp -s - '$tmp/want'"
"$cleaner" -z -j 1 < "$tmp/all.nul" > "$tmp/z.want"
for j in 1 2; do
    check "-z -j $j: gzip members" sh -c "'$cleaner' -z -j $j '$tmp/all.nul.gz' | cmp -s - '$tmp/z.want'"
    check "-z -j $j: zstd on stdin" sh -c "'$cleaner' -z -j $j < '$tmp/all.nul.zst' | cmp -s - '$tmp/z.want'"
done
"$cleaner" --jsonl < "$tmp/all.jsonl" > "$tmp/j.want"
for j in 1 2; do
    check "--jsonl -j $j: gzip" sh -c "'$cleaner' --jsonl -j $j '$tmp/all.jsonl.gz' | cmp -s - '$tmp/j.want'"
    check "--jsonl -j $j: zstd" sh -c "'$cleaner' --jsonl -j $j < '$tmp/all.jsonl.zst' | cmp -s - '$tmp/j.want'"
done
(cd "$tmp" && "$cleaner" -o out-plain plain && "$cleaner" -o out-gz gz && "$cleaner" -j 1 -o out-zst zst)
same=1
for s in $seeds; do
    n=${s#fixtures/}
    cmp -s "$tmp/out-plain/plain/$n.txt" "$tmp/out-gz/gz/$n.txt" || same=0
    cmp -s "$tmp/out-plain/plain/$n.txt" "$tmp/out-zst/zst/$n.txt" || same=0
done
check "-o: compressed inputs give the plain results, named without .gz/.zst" test $same -eq 1
ls "$tmp"/gz/* > "$tmp/list"
"$cleaner" "$tmp"/plain/* > "$tmp/f.want"
check "--files-from: gzip files" sh -c "'$cleaner' --files-from '$tmp/list' | cmp -s - '$tmp/f.want'"
"$cleaner" --suggest-rules "$tmp/plain" > "$tmp/sug.plain"
"$cleaner" --suggest-rules "$tmp/gz" > "$tmp/sug.gz"
check "--suggest-rules: gzip pages" cmp -s "$tmp/sug.plain" "$tmp/sug.gz"

# broken compressed data: what was read is cleaned, the rest reported
head -c 300 "$tmp/gz/$b.txt.gz" > "$tmp/trunc.gz"
"$cleaner" "$tmp/trunc.gz" > /dev/null 2> "$tmp/err"
check "truncated gzip: exit 1" test $? -eq 1
check "truncated gzip: said" grep -q "trunc.gz: gzip: the data ends inside a member" "$tmp/err"
printf '\050\265\057\375garbage' > "$tmp/bad.zst"
"$cleaner" "$tmp/bad.zst" > /dev/null 2> "$tmp/err"
check "corrupt zstd: exit 1 and said" sh -c "test $? -eq 1 && grep -q 'bad.zst: zstd: ' '$tmp/err'"

# --compress: output that decompresses to the plain output
check "--compress gzip on stdout" sh -c "'$cleaner' --compress gzip '$tmp/plain/$b.txt' | gzip -dc | cmp -s - '$tmp/want'"
check "--compress zstd with -z -j 2" sh -c "'$cleaner' --compress zstd -z -j 2 < '$tmp/all.nul' | zstd -dc | cmp -s - '$tmp/z.want'"
(cd "$tmp" && "$cleaner" -o out-c --compress gzip gz)
check "--compress with -o: .gz names, gzip contents" \
    sh -c "gzip -dc '$tmp/out-c/gz/$b.txt.gz' | cmp -s - '$tmp/want'"

# --- WARC / WET ---------------------------------------------------------
set -- $(for s in $seeds; do echo "$s.in.txt"; done)
python3 tests/mkwet.py "$tmp/x.warc.wet.gz" "$@"
python3 tests/mkwet.py "$tmp/x.warc" "$@"
set -- $(for s in $seeds; do echo "$s.expected.txt"; done)
"$cleaner" "$tmp/x.warc.wet.gz" > "$tmp/y.warc" 2> "$tmp/err"
check "WET: exit 0" test $? -eq 0
python3 tests/warc_check.py "$tmp/y.warc" "$@" > "$tmp/check.out"
check "WET: valid WARC, blocks cleaned like the plain pages (Python reader)" test $? -eq 0
check "WET: warcinfo passed through byte for byte" cmp -s -n 200 "$tmp/x.warc" "$tmp/y.warc"
"$cleaner" "$tmp/y.warc" > "$tmp/y2.warc"
check "WET: cleaner reads its own WARC back (the same records)" cmp -s "$tmp/y.warc" "$tmp/y2.warc"
check "WET: -j 2 equals -j 1" sh -c "'$cleaner' -j 2 '$tmp/x.warc.wet.gz' | cmp -s - '$tmp/y.warc'"
check "WET: on stdin, detected" sh -c "gzip -dc '$tmp/x.warc.wet.gz' | '$cleaner' | cmp -s - '$tmp/y.warc'"
check "WET: --warc on a plain WARC file" sh -c "'$cleaner' --warc '$tmp/x.warc' | cmp -s - '$tmp/y.warc'"
"$cleaner" --to-jsonl "$tmp/x.warc.wet.gz" > "$tmp/y.jsonl"
python3 - "$tmp/y.jsonl" "$@" > "$tmp/json.err" 2>&1 <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == len(sys.argv) - 2, "one object per conversion record"
for line, exp in zip(lines, sys.argv[2:]):
    d = json.loads(line)
    assert d["text"] == open(exp, encoding="utf-8").read().rstrip("\n"), exp
    assert d["id"].startswith("<urn:uuid:") and d["url"].startswith("https://www.example")
    assert d["date"].startswith("2026-11-23T")
    assert d["metadata"]["WARC-Type"] == "conversion"
    assert "WARC-Refers-To" in d["metadata"] and "WARC-Block-Digest" not in d["metadata"]
PY
check "WET --to-jsonl: datatrove-shaped objects, text cleaned" test $? -eq 0
# a record whose Content-Length is wrong: reported, the rest still cleaned
awk 'BEGIN { n = 0 } /^Content-Length: / { n++; if (n == 3) { sub(/[0-9]+/, "17") } } { print }' \
    "$tmp/x.warc" > "$tmp/bad.warc"
"$cleaner" "$tmp/bad.warc" > "$tmp/bad.out" 2> "$tmp/err"
check "broken record: exit 1" test $? -eq 1
check "broken record: number and byte offset" grep -q "bad.warc: record 3 at byte [0-9][0-9]*: .*passed through" "$tmp/err"
check "broken record: the records after it are cleaned" sh -c \
    "grep -qxF \"\$(head -n 1 fixtures/seed-003.expected.txt)\" '$tmp/bad.out' && grep -qxF \"\$(head -n 1 fixtures/seed-004.expected.txt)\" '$tmp/bad.out' && test \$(grep -c '^WARC/1.0' '$tmp/bad.out') -eq 6"
# the site pack of each record's host (--warc loads the site packs)
P="Ngày 12/9, chính quyền thành phố đã công bố kế hoạch mở rộng mạng lưới xe buýt điện trong năm tới."
Q="Theo kế hoạch, các tuyến mới sẽ kết nối trung tâm với những khu dân cư ở phía tây và phía nam."
printf 'Thành phố mở rộng mạng lưới xe buýt điện\n%s\nƯu đãi độc quyền cho bạn đọc Ví Dụ\n%s\n%s\n' \
    "$P" "$Q" "$P" > "$tmp/site.txt"
python3 tests/mkwet.py "$tmp/site.warc" "$tmp/site.txt" "$tmp/site.txt"
sed -i 's|www.example1.vn|www.example.vn|' "$tmp/site.warc"
"$cleaner" --warc --rules fixtures/rules/sitebase --to-jsonl "$tmp/site.warc" > "$tmp/site.jsonl"
check "WARC site packs by WARC-Target-URI (the promo goes on example.vn only)" \
    sh -c "grep -c 'Ưu đãi' '$tmp/site.jsonl' | grep -qx 1"
"$cleaner" --rules fixtures/rules/sitebase --to-jsonl "$tmp/site.warc" > "$tmp/site2.jsonl"
check "WARC site packs for a WARC file told without --warc" cmp -s "$tmp/site.jsonl" "$tmp/site2.jsonl"
# the format is told per input (issue 20.7): a folder holding notes and a
# WARC file, a page then a gzip WET; each comes out as it would alone, in
# order, at -j 1 and -j 2, and with --compress gzip each WARC record is a
# member of its own between the pages' streams
mkdir -p "$tmp/mixed"
cp fixtures/seed-001.in.txt "$tmp/mixed/a-notes.txt"
cp "$tmp/x.warc" "$tmp/mixed/b.warc"
"$cleaner" "$tmp/mixed/a-notes.txt" > "$tmp/mixed.a"
"$cleaner" "$tmp/x.warc" > "$tmp/mixed.b"
cat "$tmp/mixed.a" "$tmp/mixed.b" > "$tmp/mixed.want"
cat "$tmp/mixed.b" "$tmp/mixed.a" "$tmp/mixed.b" > "$tmp/mixed.want2"
for j in 1 2; do
    "$cleaner" -j $j "$tmp/mixed" > "$tmp/mixed.out"
    check "notes and a WARC file in a folder -j $j: each as alone" sh -c \
        "test $? -eq 0 && cmp -s '$tmp/mixed.out' '$tmp/mixed.want'"
    "$cleaner" -j $j "$tmp/mixed/a-notes.txt" "$tmp/x.warc.wet.gz" > "$tmp/mixed.out"
    check "a page then a WET.gz -j $j: each as alone" sh -c \
        "test $? -eq 0 && cmp -s '$tmp/mixed.out' '$tmp/mixed.want'"
    "$cleaner" -j $j --compress gzip "$tmp/x.warc" "$tmp/mixed/a-notes.txt" "$tmp/x.warc" > "$tmp/mixed.gz"
    check "WARC, page, WARC --compress gzip -j $j: one decodable stream" sh -c \
        "gzip -dc '$tmp/mixed.gz' | cmp -s - '$tmp/mixed.want2'"
    "$cleaner" -j $j --to-jsonl "$tmp/mixed/a-notes.txt" "$tmp/x.warc" > "$tmp/mixed.jl"
    "$cleaner" -j $j --to-jsonl --compress gzip "$tmp/mixed/a-notes.txt" "$tmp/x.warc" > "$tmp/mixed.jl.gz"
    check "page, WARC --to-jsonl --compress gzip -j $j: decodes to the plain run" sh -c \
        "gzip -dc '$tmp/mixed.jl.gz' | cmp -s - '$tmp/mixed.jl'"
    check "WARC, page, WARC --compress gzip -j $j: a member per record" sh -c \
        "test \$(python3 -c 'import sys, zlib
d = open(sys.argv[1], \"rb\").read(); n = 0
while d:
    o = zlib.decompressobj(31); o.decompress(d); d = o.unused_data; n += 1
print(n)' '$tmp/mixed.gz') -ge 13"
done
# a FIFO as the first input, and a WARC one (issue 20.9): each opened once,
# so the writers are not cut off and nothing waits for ever
rm -f "$tmp/fifo1" "$tmp/fifo2"
mkfifo "$tmp/fifo1" "$tmp/fifo2"
for j in 1 2; do
    # (the writers give up after 30 s, so that a reader that never comes
    # cannot hang the test)
    (timeout 30 sh -c 'cat "$1" > "$2"' sh "$tmp/mixed/a-notes.txt" "$tmp/fifo1"; echo $? > "$tmp/w1") &
    (timeout 30 sh -c 'cat "$1" > "$2"' sh "$tmp/x.warc" "$tmp/fifo2"; echo $? > "$tmp/w2") &
    timeout 10 "$cleaner" -j $j "$tmp/fifo1" "$tmp/fifo2" > "$tmp/mixed.out"
    rc=$?
    wait
    check "FIFOs, a page and a WARC -j $j: exit 0, writers not cut off, each as alone" sh -c \
        "test $rc -eq 0 && test \$(cat '$tmp/w1') -eq 0 && test \$(cat '$tmp/w2') -eq 0 && cmp -s '$tmp/mixed.out' '$tmp/mixed.want'"
done
(cd "$tmp" && "$cleaner" -o wout x.warc) 2> "$tmp/err"
check "WARC file with -o: passed over, said, exit 1" sh -c "test $? -eq 1 && test ! -e '$tmp/wout/x.warc' && grep -q '^cleaner: x.warc: a WARC file is written as WARC, .*; passed over\$' '$tmp/err'"
(cd "$tmp" && "$cleaner" --warc -o wout x.warc) 2> "$tmp/err"
check "--warc with -o: refused before anything" sh -c "test $? -eq 2 && test ! -e '$tmp/wout' && grep -q '^cleaner: --warc: a WARC file is written as WARC' '$tmp/err'"

# a header value and a header name that are not UTF-8 (issue 20.1): every
# record still comes out, the bad bytes as U+FFFD, at -j 1 and -j 2
sed '0,/^WARC-Target-URI: /s//WARC-Target-URI: \xff/; 0,/^WARC-Refers-To: /s//X-\xfeName: v\r\nWARC-Refers-To: /' \
    "$tmp/x.warc" > "$tmp/u.warc"
for j in 1 2; do
    "$cleaner" -j $j --to-jsonl "$tmp/u.warc" > "$tmp/u.jsonl" 2> "$tmp/err"
    check "--to-jsonl -j $j: a header not in UTF-8: exit 0" test $? -eq 0
    python3 - "$tmp/u.jsonl" > "$tmp/json.err" 2>&1 <<'PY'
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(objs) == 5, len(objs)
first = [o for o in objs if o["url"].startswith("\ufffd")]
assert len(first) == 1 and first[0]["url"].startswith("\ufffdhttps://"), [o["url"] for o in objs]
meta = [o["metadata"] for o in objs if "X-\ufffdName" in o["metadata"]]
assert len(meta) == 1 and meta[0]["X-\ufffdName"] == "v", [list(o["metadata"]) for o in objs]
PY
    check "--to-jsonl -j $j: all records, bad bytes as U+FFFD in url and metadata" test $? -eq 0
done

# wget's own records (issue 20.3): its arguments and log are text/plain
# resources of a metadata:// address: passed byte for byte, not cleaned;
# a text/plain resource of a page is cleaned
python3 - "$tmp/wget.warc" fixtures/seed-002.in.txt <<'PY'
import sys
def rec(h, b):
    return ("WARC/1.0\r\n" + "".join("%s: %s\r\n" % kv for kv in h) + "Content-Length: %d\r\n\r\n" % len(b)).encode() + b + b"\r\n\r\n"
args = b'"wget" "--warc-file=x" "https://www.example.vn/"\n'
log = b"Opening WARC file 'x.warc.gz'.\n\n--2026-11-23 10:00:00--  https://www.example.vn/\nResolving www.example.vn... 192.0.2.1\nHTTP request sent, awaiting response... 200 OK\nLength: unspecified [text/html]\nSaving to: 'index.html'\n\n     0K .......... 100% 1.2M=0.01s\n"
page = open(sys.argv[2], "rb").read()
with open(sys.argv[1], "wb") as f:
    f.write(rec([("WARC-Type", "resource"), ("WARC-Record-ID", "<urn:uuid:1>"), ("WARC-Target-URI", "metadata://gnu.org/software/wget/warc/wget_arguments.txt"), ("Content-Type", "text/plain")], args))
    f.write(rec([("WARC-Type", "resource"), ("WARC-Record-ID", "<urn:uuid:2>"), ("WARC-Target-URI", "https://www.example.vn/a.txt"), ("Content-Type", "text/plain")], page))
    f.write(rec([("WARC-Type", "resource"), ("WARC-Record-ID", "<urn:uuid:3>"), ("WARC-Target-URI", "metadata://gnu.org/software/wget/warc/wget.log"), ("Content-Type", "text/plain")], log))
PY
"$cleaner" "$tmp/wget.warc" > "$tmp/wget.out" 2> "$tmp/err"
check "wget WARC: exit 0" test $? -eq 0
python3 - "$tmp/wget.warc" "$tmp/wget.out" fixtures/seed-002.expected.txt > "$tmp/json.err" 2>&1 <<'PY'
import sys
def recs(b):
    out = []
    while b:
        h, _, rest = b.partition(b"\r\n\r\n")
        n = int([l for l in h.split(b"\r\n") if l.lower().startswith(b"content-length:")][0].split(b":")[1])
        out.append(h + b"\r\n\r\n" + rest[:n + 4])
        b = rest[n + 4:]
    return out
a, b = recs(open(sys.argv[1], "rb").read()), recs(open(sys.argv[2], "rb").read())
assert len(a) == len(b) == 3, (len(a), len(b))
assert a[0] == b[0] and a[2] == b[2], "wget's arguments and log passed byte for byte"
assert b[1].split(b"\r\n\r\n", 1)[1] == open(sys.argv[3], "rb").read().rstrip(b"\n") + b"\r\n\r\n", "the page is cleaned"
PY
check "wget WARC: log and arguments byte for byte, the page cleaned" test $? -eq 0

# --explain and --removed on WARC (issue 20.16): each cleaned record's lines
# with their verdicts, numbered by the record's place in the file; the
# removed lines of every record
"$cleaner" --explain "$tmp/x.warc" > "$tmp/wx.out" 2> "$tmp/err"
check "WARC --explain: exit 0" test $? -eq 0
"$cleaner" --explain fixtures/seed-000.in.txt | sed 's/^1\t/2\t/' > "$tmp/wx.want"
check "WARC --explain: record 2 explained as its page" sh -c "awk -F '\t' '\$1 == 2' '$tmp/wx.out' | cmp -s - '$tmp/wx.want'"
check "WARC --explain: the five conversion records, no warcinfo" \
    sh -c "test \"\$(cut -f 1 '$tmp/wx.out' | uniq | tr '\n' ' ')\" = '2 3 4 5 6 '"
"$cleaner" --removed "$tmp/wr.txt" "$tmp/x.warc" > /dev/null
for s in $seeds; do "$cleaner" --removed "$tmp/one.rm" "$s.in.txt" > /dev/null; cut -f 2- "$tmp/one.rm"; done > "$tmp/wr.want.rest"
check "WARC --removed: the removed lines of every record (numbered by record)" \
    sh -c "cut -f 2- '$tmp/wr.txt' | cmp -s - '$tmp/wr.want.rest' && test \"\$(cut -f 1 '$tmp/wr.txt' | uniq | tr '\n' ' ')\" = '2 3 4 5 6 '"

# a WARC/1.0 target address in angle brackets, as wget writes it: the
# JSON url without them
sed '0,/^WARC-Target-URI: \(.*\)\r$/s//WARC-Target-URI: <\1>\r/' "$tmp/x.warc" > "$tmp/angle.warc"
"$cleaner" --to-jsonl "$tmp/angle.warc" > "$tmp/angle.jsonl"
check "--to-jsonl: <address> given as the address" \
    sh -c "head -n 1 '$tmp/angle.jsonl' | grep -q '\"url\":\"https://www.example0.vn/bai-0.html\"' && grep -c 'Target-URI: <' '$tmp/angle.warc' | grep -qx 1"

# a folded header field (issue 20.6): written back with its continuation,
# and unfolded in --to-jsonl's metadata
sed '0,/^WARC-Refers-To: /s//X-Note: first part\r\n\tsecond part\r\nWARC-Refers-To: /' "$tmp/x.warc" > "$tmp/fold.warc"
"$cleaner" "$tmp/fold.warc" > "$tmp/fold.out"
check "folded header: written back with its continuation" \
    sh -c "grep -c \"\$(printf 'X-Note: first part\r')\" '$tmp/fold.out' | grep -qx 1 && grep -c \"\$(printf '^\tsecond part\r')\" '$tmp/fold.out' | grep -qx 1"
"$cleaner" --to-jsonl "$tmp/fold.warc" > "$tmp/fold.jsonl"
check "folded header: one value in --to-jsonl" grep -q '"X-Note":"first part second part"' "$tmp/fold.jsonl"

# a WARC whose lines end in LF alone (issue 20.15): the real fault named,
# once, with the count at the end; the records passed through
sed 's/\r$//' "$tmp/x.warc" > "$tmp/lf.warc"
"$cleaner" "$tmp/lf.warc" > "$tmp/lf.out" 2> "$tmp/err"
check "LF-only WARC: exit 1, passed through" sh -c "test $? -eq 1 && cmp -s '$tmp/lf.out' '$tmp/lf.warc'"
check "LF-only WARC: the fault named once, then counted" sh -c \
    "test \$(wc -l < '$tmp/err') -eq 2 && grep -q 'record 1 at byte 0: its header lines end in LF, not CR LF' '$tmp/err' && grep -q 'CR LF as WARC requires; passed through (6 times in all, said at the first)' '$tmp/err'"
# bounded memory on any WARC (issue 20.8): a Content-Length of 2^49, 30 MB
# of garbage (a 10 MB line among them), six 9 MB image records and a 9 MB
# text record, among good records. Each broken or too-large part passes
# through byte for byte, the good records around them are cleaned, each
# fault is named once, and the whole run fits in 80 MB of address space
# (it held the rest of the input: out of memory, nothing written)
python3 tests/mkwarc_parts.py "$tmp" fixtures/seed-000.in.txt
( cd "$tmp" && cat good.warc badlen.warc good.warc garbage.bin images.warc bigtext.warc good.warc > big.warc )
"$cleaner" "$tmp/good.warc" > "$tmp/good.out"
( cd "$tmp" && cat good.out badlen.warc good.out garbage.bin images.warc bigtext.warc good.out > big.want )
limit="ulimit -v 80000;"
if ldd "$cleaner" 2>/dev/null | grep -q 'libasan\|libubsan'; then
    limit="" # a sanitizer reserves terabytes of address space
fi
for j in 1 2; do
    sh -c "$limit exec \"\$0\" -j $j \"\$1\"" "$cleaner" "$tmp/big.warc" > "$tmp/big.out" 2> "$tmp/err"
    check "large WARC -j $j: exit 1, every byte out, good records cleaned" sh -c \
        "test $? -eq 1 && cmp -s '$tmp/big.out' '$tmp/big.want'"
    check "large WARC -j $j: each fault named once" sh -c \
        "test \$(wc -l < '$tmp/err') -eq 3 && grep -q 'record 3 at byte 14170: Content-Length 562949953421312 is wrong: the next record starts at byte 21266; passed through' '$tmp/err' && grep -q 'record 6 at byte 35436: not a WARC/1.0 or WARC/1.1 record; passed through' '$tmp/err' && grep -q 'record 13 at byte [0-9]*: a text record larger than 8 MiB: not cleaned; passed through' '$tmp/err'"
done
# the last record's Content-Length runs past the end of the input
"$cleaner" "$tmp/badlen.warc" > "$tmp/big.out" 2> "$tmp/err"
check "Content-Length past the end: exit 1, passed through, said" sh -c \
    "test $? -eq 1 && cmp -s '$tmp/big.out' '$tmp/badlen.warc' && grep -q 'record 1 at byte 0: the input ends inside the block (truncated); passed through' '$tmp/err'"
( cd "$tmp" && rm -f good.* badlen.warc garbage.bin images.warc bigtext.warc big.* )

# a wrong --field (issue 20.13): said once with its first line, counted at
# the end, at any -j
for j in 1 2; do
    for i in $(seq 1 500); do echo '{"text":"a"}'; done > "$tmp/f.jsonl"
    "$cleaner" --jsonl -j $j --field txt "$tmp/f.jsonl" > "$tmp/f.out" 2> "$tmp/err"
    check "--field wrong -j $j: exit 1, lines passed through" sh -c "test $? -eq 1 && cmp -s '$tmp/f.out' '$tmp/f.jsonl'"
    check "--field wrong -j $j: two messages, not 500" sh -c \
        "test \$(wc -l < '$tmp/err') -eq 2 && grep -q 'f.jsonl:1: no field .txt.; passed through unchanged\$' '$tmp/err' && grep -q '(500 times in all, said at the first)' '$tmp/err'"
done

# --- nested JSON fields ----------------------------------------------------
printf '{"id":1,"meta":{"url":"https://www.example.vn/a","x":{"text":"no"}},"doc":{"text":"Thành phố mở rộng mạng lưới xe buýt điện\\n%s\\nƯu đãi độc quyền cho bạn đọc Ví Dụ\\n%s\\n%s"}}\n{"doc":{"text":"x"}}\n{"doc":{"text":"y"}}\n' \
    "$P" "$Q" "$P" > "$tmp/n.jsonl"
"$cleaner" --rules fixtures/rules/sitebase --jsonl --field doc.text --site-field meta.url \
    --stats=json "$tmp/n.jsonl" > "$tmp/n.out" 2> "$tmp/n.err"
check "nested --field: the nested string is cleaned in place" \
    sh -c "head -n 1 '$tmp/n.out' | grep -q '\"x\":{\"text\":\"no\"}},\"doc\":{\"text\":\"Thành phố'"
check "nested --site-field: the site pack of metadata's URL" sh -c "! grep -q 'Ưu đãi' '$tmp/n.out'"
check "missing --site-field: said once with its line" \
    sh -c "grep -c \"n.jsonl:2: no string field 'meta.url'\" '$tmp/n.err' | grep -qx 1"
check "missing --site-field: counted" grep -q '"no_site_field": *2' "$tmp/n.err"

finish formats
