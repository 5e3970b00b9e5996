#!/bin/sh
# run-dask.sh CLEANER — the cluster recipe, tested: a Dask scheduler and two
# workers on 127.0.0.1 (Debian's python3-distributed), examples/dask/
# clean_corpus.py cleaning a NUL, a JSON Lines and a WET corpus in small
# blocks across them; each result must equal a single run of cleaner. Every
# process is bounded in time and stopped at the end. Without Dask the test
# says "skipped" (make check); .ci/run installs it.
set -u
cleaner=${1:?usage: run-dask.sh CLEANER}
cleaner=$(cd "$(dirname "$cleaner")" && pwd)/$(basename "$cleaner")
cd "$(dirname "$0")/.." || exit 2
. tests/testlib.sh
# Debian's python3 has Debian's dask (a python3 earlier on PATH may not)
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import distributed' 2> /dev/null || ! command -v dask > /dev/null; then
    echo "dask: python3-distributed is not installed; the cluster test is skipped"
    echo "dask: 0 passed, 0 failed, 1 skipped"
    exit 0
fi
pids=""
stop() {
    for p in $pids; do kill "$p" 2> /dev/null; done
    for p in $pids; do wait "$p" 2> /dev/null; done
    rm -rf "$tmp"
}
trap stop EXIT
cd "$tmp" || exit 2
# port 0: the scheduler takes a free port and says where in sched.json
timeout 300 dask scheduler --host 127.0.0.1 --port 0 --no-dashboard --scheduler-file sched.json \
    > sched.log 2>&1 &
sched=$!
pids="$pids $sched"
for w in 1 2; do
    timeout 300 dask worker --scheduler-file sched.json --nworkers 1 --nthreads 1 --no-dashboard \
        --host 127.0.0.1 --name "w$w" > "worker$w.log" 2>&1 &
    pids="$pids $!"
done
# wait (at most 60 s, and not once the scheduler is gone) for both workers
ready=0 i=0
while [ $i -lt 60 ] && [ $ready -eq 0 ] && kill -0 "$sched" 2> /dev/null; do
    if [ -s sched.json ]; then
        "$py" - > /dev/null 2>&1 <<'PY' && ready=1
import sys
from distributed import Client
c = Client(scheduler_file="sched.json", timeout=2)
n = len(c.scheduler_info()["workers"])
c.close()
sys.exit(0 if n == 2 else 1)
PY
    fi
    [ $ready -eq 1 ] || sleep 1
    i=$((i + 1))
done
[ $ready -eq 1 ] || tail -n 5 sched.log worker1.log
addr=$(sed -n 's/.*"address": *"\([^"]*\)".*/\1/p' sched.json 2> /dev/null | head -n 1)
check "dask: a scheduler and two workers on 127.0.0.1 ($addr)" test $ready -eq 1
cd - > /dev/null || exit 2
if [ $ready -ne 1 ]; then finish dask; exit 1; fi

# the corpora: every fixture page as a NUL stream, JSON Lines, and WET
for f in fixtures/seed-*.in.txt fixtures/layout-*.in.txt; do
    cat "$f"; printf '\0'
done > "$tmp/c.nul"
awk 'BEGIN { RS = "\0" } { s = $0; gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s);
     gsub(/\r/, "\\r", s); gsub(/\n/, "\\n", s); printf "{\"id\":%d,\"text\":\"%s\"}\n", NR, s }' \
    "$tmp/c.nul" > "$tmp/c.jsonl"
"$py" tests/mkwet.py "$tmp/c.warc.wet.gz" fixtures/seed-*.in.txt fixtures/layout-*.in.txt
run() { # run FORMAT IN SINGLE-RUN-ARGS...
    fmt=$1 in=$2
    shift 2
    timeout 240 "$py" examples/dask/clean_corpus.py --scheduler "$addr" \
        --format "$fmt" --block-mb 0.02 --cleaner "$cleaner" "$in" "$tmp/dask.$fmt" \
        > "$tmp/run.$fmt.log" 2>&1
    check "dask ($fmt): the run succeeds" test $? -eq 0
    "$cleaner" "$@" "$in" > "$tmp/single.$fmt"
    check "dask ($fmt): blocks across two workers equal a single run" cmp -s "$tmp/dask.$fmt" "$tmp/single.$fmt"
}
run nul "$tmp/c.nul" -z -j 1
run jsonl "$tmp/c.jsonl" --jsonl -j 1
run warc "$tmp/c.warc.wet.gz" -j 1
# a broken record among good ones (issue 20.11): the run says what cleaner
# said, with the block it came from, and ends with cleaner's status 1; every
# record is still in the output
"$py" tests/mkwet.py "$tmp/a.warc" fixtures/seed-000.in.txt fixtures/seed-001.in.txt
"$py" tests/mkwet.py "$tmp/b.warc" fixtures/seed-002.in.txt fixtures/seed-003.in.txt
printf 'WARC/1.0\r\nWARC-Type: conversion\r\n\r\nno length\r\n\r\n' | cat "$tmp/a.warc" - "$tmp/b.warc" > "$tmp/broken.warc"
"$cleaner" -j 1 "$tmp/broken.warc" > "$tmp/single.broken" 2> /dev/null
check "a broken WARC record alone: exit 1" test $? -eq 1
timeout 240 "$py" examples/dask/clean_corpus.py --scheduler "$addr" --format warc --block-mb 0.005 \
    --cleaner "$cleaner" "$tmp/broken.warc" "$tmp/dask.broken" > "$tmp/run.broken.log" 2>&1
check "dask, a broken WARC record: exit 1, every record out, the message carried back" sh -c \
    "test $? -eq 1 && cmp -s '$tmp/dask.broken' '$tmp/single.broken' && grep -q '^clean_corpus: block [0-9]* (byte [0-9]*): cleaner: stdin: record [0-9]* at byte [0-9]*: no valid Content-Length; passed through\$' '$tmp/run.broken.log'"
# the blocks were spread over both workers
check "dask: both workers ran blocks" grep -q "blocks on 2 workers" "$tmp/run.nul.log"
# a task that fails makes the run fail loudly
timeout 120 "$py" examples/dask/clean_corpus.py --scheduler "$addr" \
    --format nul --cleaner /no/such/cleaner "$tmp/c.nul" "$tmp/fail.out" > "$tmp/fail.log" 2>&1
check "dask: a failing task fails the run" test $? -ne 0
finish dask
