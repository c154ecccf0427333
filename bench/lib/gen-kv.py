#!/usr/bin/env python3
"""Writes one deterministic KV data set in the forms the import benchmark loads.

  gen-kv.py COUNT OUTDIR

OUTDIR/items.json    the array `wrangler kv bulk put` takes (landfall turns it into a bundle)
OUTDIR/sqlite.csv    namespace_id,key,value,metadata,expiration for sqlite3 .import
OUTDIR/postgres.tsv  the same rows in COPY text format (bytea as \\x hex) for psql \\copy
OUTDIR/redis.resp    the Redis layout of docs/stores/redis.md as RESP commands for redis-cli --pipe

Values are about 200 bytes; 1% are binary; 10% carry metadata; 10% expire (far in the future).
Keys look like API keys. Every file lists them in key order, the order a bundle holds them in,
so each native loader gets exactly the stream landfall reads.
"""
import base64
import csv
import json
import os
import random
import sys

NS = "0f2ac74b498b48028cb68387c421e279"
EXPIRY = 4102444800  # 2100-01-01


def resp(*parts):
    out = [b"*%d\r\n" % len(parts)]
    for p in parts:
        if isinstance(p, str):
            p = p.encode()
        out.append(b"$%d\r\n%s\r\n" % (len(p), p))
    return b"".join(out)


def main():
    count, outdir = int(sys.argv[1]), sys.argv[2]
    prefix = os.environ.get("REDIS_PREFIX", "bench-ref:")
    os.makedirs(outdir, exist_ok=True)
    rnd = random.Random(20261129)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    with open(f"{outdir}/items.json", "w") as items, \
            open(f"{outdir}/sqlite.csv", "w", newline="") as sq, \
            open(f"{outdir}/postgres.tsv", "w") as pg, \
            open(f"{outdir}/redis.resp", "wb") as rd:
        writer = csv.writer(sq)
        items.write("[\n")
        keys = sorted("ak_" + "".join(rnd.choice(alphabet) for _ in range(24)) + f"_{i}" for i in range(count))
        for i, key in enumerate(keys):
            binary = i % 100 == 0
            if binary:
                value = bytes(rnd.getrandbits(8) for _ in range(200))
            else:
                value = json.dumps({"owner": f"user-{i}", "scopes": ["read", "write"], "plan": "pro",
                                    "pad": "".join(rnd.choice(alphabet) for _ in range(120))}).encode()
            metadata = json.dumps({"v": i % 7, "tier": "gold"}) if i % 10 == 3 else None
            expiration = EXPIRY + i if i % 10 == 7 else None
            item = {"key": key}
            if binary:
                item["value"] = base64.b64encode(value).decode()
                item["base64"] = True
            else:
                item["value"] = value.decode()
            if expiration is not None:
                item["expiration"] = expiration
            if metadata is not None:
                item["metadata"] = json.loads(metadata)
            items.write(("," if i else "") + json.dumps(item, separators=(",", ":")) + "\n")
            text = value.decode("latin-1") if binary else value.decode()
            writer.writerow([NS, key, text, metadata or "", "" if expiration is None else expiration])
            pg.write("\t".join([NS, key, "\\\\x" + value.hex(), "\\N" if metadata is None else metadata.replace("\\", "\\\\"),
                                "\\N" if expiration is None else str(expiration)]) + "\n")
            base = f"{prefix}kv:{NS}:"
            if expiration is None:
                rd.write(resp("SET", base + "v:" + key, value))
            else:
                rd.write(resp("SET", base + "v:" + key, value, "PXAT", str(expiration * 1000)))
            if metadata is not None:
                rd.write(resp("SET", base + "m:" + key, metadata))
            rd.write(resp("ZADD", base + "idx", "0", key))
        items.write("]\n")


if __name__ == "__main__":
    main()
