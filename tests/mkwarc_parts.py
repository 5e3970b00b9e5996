#!/usr/bin/env python3
"""mkwarc_parts.py DIR PAGE -- the parts of a WARC file that must be read in
bounded memory (issue 20.8), each in its own file under DIR, so that a test
can glue them together and know what each part must come out as:
  good.warc     two conversion records of PAGE (cleaned)
  badlen.warc   a conversion record of PAGE whose Content-Length says 2^49
  garbage.bin   30 MB that is not WARC (lines of 'x', a few long ones)
  images.warc   six 9 MB image/jpeg resource records (passed through)
  bigtext.warc  one 9 MB text/plain conversion record (too large to clean)
Python's standard library only."""
import os
import sys

def rec(headers, block):
    h = "WARC/1.0\r\n" + "".join("%s: %s\r\n" % kv for kv in headers) + "\r\n"
    return h.encode() + block + b"\r\n\r\n"

def conversion(i, block, length=None):
    return rec([("WARC-Type", "conversion"),
                ("WARC-Target-URI", "https://www.example.org/page-%d.html" % i),
                ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-%012d>" % i),
                ("Content-Type", "text/plain"),
                ("Content-Length", str(len(block) if length is None else length))], block)

out, page = sys.argv[1], open(sys.argv[2], "rb").read()
def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
write("good.warc", conversion(1, page) + conversion(2, page))
write("badlen.warc", conversion(3, page, 1 << 49))
line = b"x" * 99 + b"\n"
write("garbage.bin", line * 100000 + b"y" * 10_000_000 + b"\n" + line * 100000)
img = bytes(range(256)) * (9 * 4096)
write("images.warc", b"".join(rec([("WARC-Type", "resource"),
                                   ("WARC-Target-URI", "https://www.example.org/%d.jpg" % i),
                                   ("Content-Type", "image/jpeg"),
                                   ("Content-Length", str(len(img)))], img) for i in range(6)))
text = (b"A long line of text in a record far too large to be a page.\n") * 160000
write("bigtext.warc", conversion(4, text))
