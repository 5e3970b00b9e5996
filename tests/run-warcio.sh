#!/bin/sh
# run-warcio.sh CLEANER NPM_DIR — cleaner's WARC output read back by a
# reader this project did not write: webrecorder's warcio (npm), run by
# Debian's nodejs through tests/warc_read.mjs. Plain and --compress gzip
# output (one gzip member per record, each record found at its offset),
# every record, digests checked where present; and a real wget WARC (wget
# crawling a local http.server) round-tripped: the records cleaner does not
# clean come back byte for byte, the file reads as before. warcio is
# installed into NPM_DIR from npm the first time (needs the network once).
set -u
cleaner=${1:?usage: run-warcio.sh CLEANER NPM_DIR}
npm_dir=${2:?usage: run-warcio.sh CLEANER NPM_DIR}
cleaner=$(cd "$(dirname "$cleaner")" && pwd)/$(basename "$cleaner")
cd "$(dirname "$0")/.." || exit 2
. tests/testlib.sh
WARCIO_VERSION=2.4.11
# Without npm's registry (offline, or a proxy whose certificate npm does
# not trust) the warcio checks are said "skipped" and the others still
# run; CI sets CLEANER_REQUIRE_WARCIO=1, and then that is a failure.
have_warcio=1
if [ ! -f "$npm_dir/node_modules/warcio/package.json" ]; then
    if ! command -v npm > /dev/null; then
        echo "warcio: npm is missing (./bootstrap installs it)"
        have_warcio=0
    else
        mkdir -p "$npm_dir"
        npm install --prefix "$npm_dir" --no-audit --no-fund "warcio@$WARCIO_VERSION" > "$tmp/npm.log" 2>&1 ||
            { grep -i 'npm error' "$tmp/npm.log" | head -3
              echo "warcio: npm could not fetch warcio@$WARCIO_VERSION"; have_warcio=0; }
    fi
fi
if [ $have_warcio -eq 0 ]; then
    echo "warcio: the read-back checks by warcio are SKIPPED"
    [ "${CLEANER_REQUIRE_WARCIO:-0}" = 1 ] && fail=$((fail + 1))
    read_warc() { return 0; }
    check() { case $1 in *warcio*) ;; *) name=$1; shift; if "$@"; then ok; else bad "$name"; fi ;; esac; }
else
    NODE_PATH=$(cd "$npm_dir" && pwd)/node_modules
    export NODE_PATH
    read_warc() { node tests/warc_read.mjs "$1"; }
fi

# --- WET made here, cleaned, read back ---------------------------------------
set -- fixtures/seed-000.in.txt fixtures/seed-001.in.txt fixtures/seed-002.in.txt \
       fixtures/seed-003.in.txt fixtures/seed-004.in.txt
python3 tests/mkwet.py "$tmp/x.warc" "$@"
"$cleaner" "$tmp/x.warc" > "$tmp/y.warc"
read_warc "$tmp/y.warc" > "$tmp/y.idx"
check "warcio reads the WARC output: every record" sh -c "test $? -eq 0 && test \$(wc -l < '$tmp/y.idx') -eq 6"
check "warcio: the cleaned records' digests are right" \
    sh -c "test \$(grep -c '\"type\":\"conversion\".*\"digest\":\"ok\"' '$tmp/y.idx') -eq 5"
"$cleaner" --compress gzip "$tmp/x.warc" > "$tmp/y.warc.gz"
read_warc "$tmp/y.warc.gz" > "$tmp/gz.idx"
check "warcio reads --compress gzip output: every record" sh -c "test $? -eq 0 && test \$(wc -l < '$tmp/gz.idx') -eq 6"
check "--compress gzip: warcio finds the same records and digests as in plain" \
    sh -c "sed 's/\"offset\":[0-9]*,//' '$tmp/gz.idx' > '$tmp/a' && sed 's/\"offset\":[0-9]*,//' '$tmp/y.idx' > '$tmp/b' && cmp -s '$tmp/a' '$tmp/b'"
python3 - "$tmp/y.warc.gz" "$tmp/gz.idx" > "$tmp/gz.err" 2>&1 <<'PY'
import json, sys, zlib
data = open(sys.argv[1], "rb").read()
offsets = [json.loads(l)["offset"] for l in open(sys.argv[2])]
assert offsets == sorted(set(offsets)) and offsets[0] == 0, offsets
ends = offsets[1:] + [len(data)]
for a, b in zip(offsets, ends):
    z = zlib.decompressobj(31)
    rec = z.decompress(data[a:b])
    assert z.eof and not z.unused_data, "one gzip member per record, ending where the next starts"
    assert rec.startswith(b"WARC/1.0\r\n") and rec.endswith(b"\r\n\r\n"), a
PY
check "--compress gzip: one member per record, at warcio's offsets" test $? -eq 0

# --- a real wget WARC ----------------------------------------------------------
if command -v wget > /dev/null; then
    mkdir -p "$tmp/site"
    cp fixtures/seed-000.in.txt "$tmp/site/page.txt"
    printf '<html><body><p>Hello</p><a href="page.txt">page</a></body></html>\n' > "$tmp/site/index.html"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    (cd "$tmp/site" && exec python3 -m http.server "$port" --bind 127.0.0.1 > /dev/null 2>&1) &
    server=$!
    for i in 1 2 3 4 5 6 7 8 9 10; do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2> /dev/null && break
        sleep 0.3
    done
    (cd "$tmp" && wget -q -r -l 1 --warc-file=crawl --no-warc-compression -P dl "http://127.0.0.1:$port/")
    kill "$server" 2> /dev/null
    "$cleaner" "$tmp/crawl.warc" > "$tmp/crawl.out" 2> "$tmp/err"
    check "wget WARC: exit 0, nothing said" sh -c "test $? -eq 0 && test ! -s '$tmp/err'"
    check "wget WARC: request, response, metadata and resource records byte for byte" cmp -s "$tmp/crawl.warc" "$tmp/crawl.out"
    read_warc "$tmp/crawl.out" > "$tmp/crawl.idx"
    check "wget WARC: warcio reads every record, no digest wrong" \
        sh -c "test $? -eq 0 && test \$(wc -l < '$tmp/crawl.idx') -ge 9 && ! grep -q '\"digest\":\"bad\"' '$tmp/crawl.idx' && grep -q 'wget_arguments.txt' '$tmp/crawl.idx'"
    "$cleaner" --compress gzip "$tmp/crawl.warc" > "$tmp/crawl.warc.gz"
    read_warc "$tmp/crawl.warc.gz" > "$tmp/crawl.gz.idx"
    check "wget WARC --compress gzip: warcio reads the same records" \
        sh -c "sed 's/\"offset\":[0-9]*,//' '$tmp/crawl.gz.idx' > '$tmp/a' && sed 's/\"offset\":[0-9]*,//' '$tmp/crawl.idx' > '$tmp/b' && cmp -s '$tmp/a' '$tmp/b'"
else
    echo "warcio: wget not found: the wget WARC round trip is not run (./bootstrap installs wget)"
    fail=$((fail + 1))
fi
finish warcio
