// warc_read.mjs FILE — read a WARC file (plain or gzip, one member per
// record) with webrecorder's warcio, a reader this project did not write,
// and print one JSON line per record: its offset, type, target URI, block
// length, and its digest checked ("ok", "bad", or "none"): the
// WARC-Block-Digest, or for HTTP records the WARC-Payload-Digest.
// Exits 1 when the file cannot be read. NODE_PATH must reach warcio.
import fs from "node:fs";
import crypto from "node:crypto";
import { createRequire } from "node:module";
const require = createRequire(process.env.NODE_PATH.split(":")[0] + "/");
const { WARCParser } = require("warcio");

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function base32(buf) {
  let bits = 0, value = 0, out = "";
  for (const b of buf) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

const parser = new WARCParser(fs.createReadStream(process.argv[2]));
try {
  for await (const record of parser) {
    // warcio reads an HTTP record's headers itself and gives the payload:
    // its digest is the payload digest; other records' is the block's
    const block = await record.readFully(false);
    const http = record.httpHeaders ? true : false;
    const want = record.warcHeaders.headers.get(http ? "WARC-Payload-Digest" : "WARC-Block-Digest");
    let digest = "none";
    if (want) {
      const [algo, value] = want.split(":");
      const got = crypto.createHash(algo.replace("-", "")).update(block).digest();
      digest = base32(got) === value || got.toString("hex") === value ? "ok" : "bad";
    }
    console.log(JSON.stringify({
      offset: parser.offset, type: record.warcType,
      uri: record.warcTargetURI || null, length: block.length, digest,
    }));
  }
} catch (e) {
  console.error("warc_read: " + e.message);
  process.exit(1);
}
