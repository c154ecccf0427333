#!/usr/bin/env python3
"""Writes a deterministic NDJSON file of Cloudflare Logpush-like HTTP request events.

  gen-events.py COUNT OUT.ndjson

Each line is one event with the field names of Logpush's http_requests dataset: an RFC 3339
timestamp (one second apart), client IP and country, host, method, path, status, bytes, cache
status, a ray id, the origin's response time in seconds, and a bot score that is null for 10% of
events. About 330 bytes a line.
"""
import datetime
import json
import random
import sys

count = int(sys.argv[1])
rnd = random.Random(42)
hosts = ["api.example.com", "www.example.com", "static.example.com", "auth.example.com"]
methods = ["GET"] * 8 + ["POST", "PUT"]
paths = ["/v1/users", "/v1/orders", "/v1/items", "/login", "/", "/assets/app.js", "/health"]
statuses = [200] * 16 + [301, 304, 404, 500]
countries = ["us", "de", "gb", "fr", "jp", "br", "in", "au"]
cache = ["hit", "miss", "dynamic", "expired"]
start = 1764399600  # 2025-11-29T07:00:00Z
with open(sys.argv[2], "w") as out:
    for i in range(count):
        t = start + i
        ev = {
            "EdgeStartTimestamp": datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "RayID": "%016x" % rnd.getrandbits(64),
            "ClientIP": "%d.%d.%d.%d" % (rnd.randrange(1, 224), rnd.randrange(256), rnd.randrange(256), rnd.randrange(1, 255)),
            "ClientCountry": rnd.choice(countries),
            "ClientRequestHost": rnd.choice(hosts),
            "ClientRequestMethod": rnd.choice(methods),
            "ClientRequestPath": rnd.choice(paths) + ("?page=%d" % rnd.randrange(100) if rnd.random() < 0.3 else ""),
            "EdgeResponseStatus": rnd.choice(statuses),
            "EdgeResponseBytes": rnd.randrange(200, 200000),
            "CacheCacheStatus": rnd.choice(cache),
            "OriginResponseTime": round(rnd.random() * 0.8, 6),
            "BotScore": None if rnd.random() < 0.1 else rnd.randrange(1, 100),
        }
        out.write(json.dumps(ev, separators=(",", ":")) + "\n")
