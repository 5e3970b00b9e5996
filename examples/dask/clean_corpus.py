#!/usr/bin/env python3
"""clean_corpus.py -- clean a corpus on a Dask cluster with cleaner.

    clean_corpus.py --scheduler tcp://HOST:PORT --format nul|jsonl|warc
                    [--block-mb N] [--cleaner PATH] [--] IN OUT [CLEANER-ARG...]

Reads IN (gzip or zstd compressed or not: cleaner decompresses, and this
script cuts the decompressed stream) in blocks of whole records -- NUL-ended
documents, JSON lines, or WARC records -- sends each block to a worker,
which pipes it through `cleaner` (-z -j 1, --jsonl -j 1, or --warc -j 1,
plus CLEANER-ARG), and writes the results to OUT in input order. Each
block's messages come back to this script's standard error, in input order,
prefixed with the block's number and first byte, and the exit status is
cleaner's: 0, or 1 when a block had trouble (a malformed record, passed
through and said: every record is still in OUT). A task whose cleaner fails
(exit status 2 or a signal, or 1 when --strict) raises, and so does this
script (status 2): nothing is lost silently.
`cleaner` must be on each worker's PATH, or give --cleaner with a path that
exists on every worker (and its rules next to it, or CLEANER_RULES set in
the workers' environment).
"""
import argparse
import gzip
import subprocess
import sys

from distributed import Client


def open_input(path):
    with open(path, "rb") as f:
        head = f.read(4)
    if head[:2] == b"\x1f\x8b":
        return gzip.open(path, "rb")
    if head == b"\x28\xb5\x2f\xfd":
        # zstd has no module in Python's standard library: let cleaner (or
        # zstd) decompress first; cut the plain stream it writes
        proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
        return proc.stdout
    return open(path, "rb")


def warc_records(stream):
    """Whole WARC records, cut by their Content-Length."""
    buf = b""
    while True:
        while b"\r\n\r\n" not in buf:
            more = stream.read(1 << 20)
            if not more:
                if buf:
                    yield buf  # a broken tail: cleaner reports it
                return
            buf += more
        end = buf.index(b"\r\n\r\n") + 4
        length = None
        for line in buf[:end].split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        if length is None:
            # not a record: up to the next line that starts one goes as it
            # is (cleaner reports it and passes it through)
            nxt = buf.find(b"\nWARC/1.", 1)
            while nxt < 0:
                more = stream.read(1 << 20)
                if not more:
                    yield buf
                    return
                buf += more
                nxt = buf.find(b"\nWARC/1.", 1)
            yield buf[:nxt + 1]
            buf = buf[nxt + 1:]
            continue
        need = end + length + 4
        while len(buf) < need:
            more = stream.read(max(need - len(buf), 1 << 20))
            if not more:
                yield buf
                return
            buf += more
        yield buf[:need]
        buf = buf[need:]


def separated(stream, sep):
    """Records ended by sep (the last may lack it)."""
    buf = b""
    while True:
        more = stream.read(1 << 20)
        if not more:
            if buf:
                yield buf
            return
        buf += more
        *whole, buf = buf.split(sep)
        for r in whole:
            yield r + sep


def blocks(records, size):
    """Blocks of whole records, each with the input offset it starts at."""
    block, n, at = [], 0, 0
    for r in records:
        block.append(r)
        n += len(r)
        if n >= size:
            yield at, b"".join(block)
            block, at, n = [], at + n, 0
    if block:
        yield at, b"".join(block)


def clean_block(block, argv, strict):
    """Run on a worker: one block through cleaner. Returns its output, its
    messages and its exit status (0 or 1: the output is complete)."""
    p = subprocess.run(argv, input=block, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode >= 2 or (strict and p.returncode != 0) or p.returncode < 0:
        raise RuntimeError("cleaner failed (status %d): %s" % (p.returncode, p.stderr.decode(errors="replace")))
    return p.stdout, p.stderr, p.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scheduler", required=True)
    ap.add_argument("--format", choices=["nul", "jsonl", "warc"], required=True)
    ap.add_argument("--block-mb", type=float, default=16)
    ap.add_argument("--cleaner", default="cleaner")
    ap.add_argument("--strict", action="store_true", help="a malformed record fails the run")
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("cleaner_args", nargs="*")
    a = ap.parse_args()
    mode = {"nul": ["-z"], "jsonl": ["--jsonl"], "warc": ["--warc"]}[a.format]
    argv = [a.cleaner] + mode + ["-j", "1"] + a.cleaner_args
    stream = open_input(a.input)
    records = (warc_records(stream) if a.format == "warc"
               else separated(stream, b"\0" if a.format == "nul" else b"\n"))
    client = Client(a.scheduler)
    starts, futures = [], []
    for at, b in blocks(records, int(a.block_mb * (1 << 20))):
        starts.append(at)
        futures.append(client.submit(clean_block, b, argv, a.strict, pure=False))
    status = 0
    with open(a.output, "wb") as out:
        for i, (at, f) in enumerate(zip(starts, futures)):
            try:  # in input order; a failed task raises here
                text, err, rc = f.result()
            except RuntimeError as e:
                print("clean_corpus: block %d (byte %d): %s" % (i + 1, at, e), file=sys.stderr)
                client.close()
                return 2
            out.write(text)
            # the block's messages, said where its records are
            for line in err.decode(errors="replace").splitlines():
                print("clean_corpus: block %d (byte %d): %s" % (i + 1, at, line), file=sys.stderr)
            status = max(status, rc)
    holders = client.who_has(futures)
    workers = {w for ws in holders.values() for w in ws}
    print("clean_corpus: %d blocks on %d workers" % (len(futures), len(workers)), file=sys.stderr)
    client.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
