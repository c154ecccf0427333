"""Reads two Prometheus text scrapes of a follower and prints what changed between them.

usage: prom.py BEFORE AFTER SECONDS
Prints one JSON object: applied (changes), rate (changes/s), and p50/p99 of
landfall_follow_apply_delay_beyond_window_seconds over the changes applied between the scrapes,
interpolated within buckets as Prometheus's histogram_quantile does.
"""
import json
import re
import sys

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{le="([^"]+)"\})? (\S+)$')
HIST = "landfall_follow_apply_delay_beyond_window_seconds"


def scrape(path):
    out = {}
    with open(path) as f:
        for line in f:
            m = SAMPLE.match(line.strip())
            if m:
                name = m.group(1) + ("|" + m.group(3) if m.group(3) else "")
                out[name] = float(m.group(4))
    return out


def quantile(q, buckets):
    total = buckets[-1][1]
    if total <= 0:
        return None
    rank = q * total
    prev_le, prev_n = 0.0, 0.0
    for le, n in buckets:
        if n >= rank:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * ((rank - prev_n) / (n - prev_n) if n > prev_n else 0)
        prev_le, prev_n = le, n
    return prev_le


before, after, seconds = scrape(sys.argv[1]), scrape(sys.argv[2]), float(sys.argv[3])
applied = after.get("landfall_follow_changes_applied_total", 0) - before.get("landfall_follow_changes_applied_total", 0)
buckets = []
for key, value in after.items():
    if key.startswith(HIST + "_bucket|"):
        le = key.split("|", 1)[1]
        le = float("inf") if le == "+Inf" else float(le)
        buckets.append((le, value - before.get(key, 0)))
buckets.sort()
print(json.dumps({
    "applied": applied,
    "rate": applied / seconds,
    "p50": quantile(0.5, buckets),
    "p99": quantile(0.99, buckets),
    "lagChanges": after.get("landfall_follow_lag_changes"),
}))
