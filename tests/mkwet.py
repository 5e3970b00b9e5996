#!/usr/bin/env python3
"""mkwet.py OUT PAGE... -- write a WET file as Common Crawl does (WARC/1.0
records, CRLF header lines, the empty line, the block, CRLF CRLF; one gzip
member per record; OUT ending in .gz) or plain (any other name): a
warcinfo record, then one conversion record per PAGE with a target URI on
www.example0.vn or www.example1.vn, a date, a record ID, a refers-to ID and
the block's SHA-1 digest. Python's standard library only."""
import base64
import gzip
import hashlib
import sys
import uuid

def rec(headers, block):
    h = "WARC/1.0\r\n" + "".join("%s: %s\r\n" % kv for kv in headers) + "\r\n"
    return h.encode() + block + b"\r\n\r\n"
out = sys.argv[1]
recs = []
info = b"software: test\r\nformat: WARC File Format 1.0\r\n"
recs.append(rec([("WARC-Type","warcinfo"),("WARC-Date","2026-11-23T00:00:00Z"),("WARC-Record-ID","<urn:uuid:00000000-0000-0000-0000-000000000000>"),("Content-Type","application/warc-fields"),("Content-Length",str(len(info)))], info))
for i, p in enumerate(sys.argv[2:]):
    block = open(p,'rb').read()
    digest = "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode()
    recs.append(rec([("WARC-Type","conversion"),("WARC-Target-URI","https://www.example%d.vn/bai-%d.html" % (i % 2, i)),("WARC-Date","2026-11-23T00:00:%02dZ" % i),("WARC-Record-ID","<urn:uuid:%s>" % uuid.UUID(int=i+1)),("WARC-Refers-To","<urn:uuid:%s>" % uuid.UUID(int=1000+i)),("WARC-Block-Digest",digest),("Content-Type","text/plain"),("Content-Length",str(len(block)))], block))
with open(out, 'wb') as f:
    for r in recs:
        f.write(gzip.compress(r) if out.endswith(".gz") else r)
