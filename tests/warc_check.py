#!/usr/bin/env python3
"""warc_check.py FILE [EXPECTED...] -- read a WARC file with nothing but
Python's standard library, as a second reader independent of cleaner: every
record must be "WARC/1.x" CRLF header lines, an empty line, exactly
Content-Length bytes of block, CRLF CRLF; prints one line per record
(type, target, block length); a conversion record's block and payload
digests, where present, must be the SHA-1 of its block. With EXPECTED files (one per conversion
record, in order) each conversion block must equal its file (the cleaned
text, without its final newline). Exit 1 on the first violation."""
import base64
import gzip
import hashlib
import sys


def fail(msg):
    print("warc_check: " + msg)
    sys.exit(1)


def main():
    path, expected = sys.argv[1], sys.argv[2:]
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    pos, n, conv = 0, 0, 0
    while pos < len(data):
        n += 1
        end = data.find(b"\r\n\r\n", pos)
        if end < 0:
            fail("record %d at byte %d: no end of header" % (n, pos))
        lines = data[pos:end].split(b"\r\n")
        if lines[0] not in (b"WARC/1.0", b"WARC/1.1"):
            fail("record %d at byte %d: version line %r" % (n, pos, lines[0]))
        fields = {}
        for line in lines[1:]:
            if b":" not in line:
                fail("record %d: header line without a colon: %r" % (n, line))
            k, v = line.split(b":", 1)
            fields[k.strip().lower().decode()] = v.strip().decode()
        try:
            length = int(fields["content-length"])
        except (KeyError, ValueError):
            fail("record %d: no valid Content-Length" % n)
        block = data[end + 4:end + 4 + length]
        if len(block) != length or data[end + 4 + length:end + 8 + length] != b"\r\n\r\n":
            fail("record %d: the block is not Content-Length bytes then CRLF CRLF" % n)
        kind = fields.get("warc-type", "?")
        print("%s %s %d" % (kind, fields.get("warc-target-uri", "-"), length))
        if kind == "conversion":
            for name in ("warc-block-digest", "warc-payload-digest"):
                if name in fields:
                    want = "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode()
                    if fields[name] != want:
                        fail("record %d: %s is not the SHA-1 of the block" % (n, name))
            block.decode("utf-8")
            if expected:
                if conv >= len(expected):
                    fail("more conversion records than expected files")
                with open(expected[conv], "rb") as e:
                    want = e.read()
                if want.endswith(b"\n"):
                    want = want[:-1]
                if block != want:
                    fail("record %d: the block differs from %s" % (n, expected[conv]))
            conv += 1
        pos = end + 8 + length
    if expected and conv != len(expected):
        fail("%d conversion records, %d expected" % (conv, len(expected)))
    print("warc_check: %d records, %d conversion" % (n, conv))


main()
