#!/usr/bin/env bash
# Benchmark: `landfall plan` of ENTRIES (1,000,000) bundle entries against a SQLite store holding
# the same data with 1% of the values changed, beside `comm -3` on two pre-sorted text dumps of the
# same keys and value hashes (the floor for a streaming merge), measured in the same run (issue 5).
#
# landfall runs as a fresh process with -Xmx256m (the goal: the plan fits in it, so peak heap is
# within 256 MiB whatever the size); its wall time includes JVM start and reading and verifying
# the gzip'd bundle. Peak RSS of both comes from /usr/bin/time. The dumps are made beforehand
# (not timed) with sqlite3's sha3() over each value, in key (byte) order, LC_ALL=C for comm.
#
# Prints one line of figures on stdout; progress goes to stderr.
# Needs: python3, sqlite3, comm, /usr/bin/time. Knobs: ENTRIES, BENCH_DIR (data cache shared with
# bench/import.sh: /tmp/landfall-bench-import), KEEP=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

entries="${ENTRIES:-1000000}"
data="${BENCH_DIR:-/tmp/landfall-bench-import}/$entries"
ns=0f2ac74b498b48028cb68387c421e279
work="$(mktemp -d "${TMPDIR:-/tmp}/plan-bench.XXXXXX")"
cleanup() { if [[ "${KEEP:-}" == 1 ]]; then echo "plan: work dir kept: $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT
log() { echo "plan-bench: $*" >&2; }
export LC_ALL=C

jar="$root/cli/target/landfall.jar"
[[ -f $jar ]] || bin/landfall --version >/dev/null
landfall() { java -Xmx256m -XX:+UseSerialGC -jar "$jar" "$@"; }

if [[ ! -f $data/bundle/manifest.json ]]; then
  log "generating $entries entries in $data (once; cached)"
  mkdir -p "$data"
  REDIS_PREFIX=bench-ref: python3 bench/lib/gen-kv.py "$entries" "$data"
  landfall import --from "wrangler:$data/items.json" --kv "$ns" --to "bundle:$data/bundle" --json >/dev/null
fi

log "loading the store and changing 1% of it"
db="$work/store.db"
landfall import --from "bundle:$data/bundle" --to "sqlite:$db" --json >/dev/null
# Keys end in _<n>: those with n divisible by 100 are 1% of them.
changed=$(sqlite3 "$db" "UPDATE landfall_kv SET value = value || X'2A' WHERE key LIKE '%00'; SELECT changes();")
log "changed $changed of $entries values"

log "dumping keys and value hashes for comm (not timed)"
sqlite3 "$db" "SELECT key || ' ' || hex(sha3(value)) FROM landfall_kv ORDER BY key" >"$work/store.txt"
sqlite3 "$db" "SELECT key || ' ' || hex(sha3(CASE WHEN key LIKE '%00' THEN substr(value, 1, length(value) - 1) ELSE value END)) FROM landfall_kv ORDER BY key" >"$work/source.txt"

/usr/bin/time -f '%e %M' -o "$work/comm.time" comm -3 "$work/source.txt" "$work/store.txt" >"$work/comm.out"
read -r comm_s comm_kb <"$work/comm.time"
comm_lines=$(wc -l <"$work/comm.out")
[[ $comm_lines == $((changed * 2)) ]] || { log "comm found $comm_lines lines, expected $((changed * 2))"; exit 1; }

/usr/bin/time -f '%e %M' -o "$work/plan.time" \
  java -Xmx256m -XX:+UseSerialGC -jar "$jar" plan --from "bundle:$data/bundle" --to "sqlite:$db" --format json >"$work/plan.json"
read -r plan_s plan_kb <"$work/plan.time"
updates=$(python3 -c "import json,sys; print(json.load(open('$work/plan.json'))['totals']['update'])")
[[ $updates == "$changed" ]] || { log "plan found $updates updates, expected $changed"; exit 1; }

python3 - "$entries" "$plan_s" "$plan_kb" "$comm_s" "$comm_kb" "$changed" <<'EOF'
import sys
n, ps, pk, cs, ck, changed = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
print(f"plan: landfall plan {n / ps:,.0f} entries/s ({ps:.2f} s, peak RSS {pk // 1024} MiB, heap capped at 256 MiB, "
      f"{changed:,} updates found) | comm -3 {n / max(cs, 0.01):,.0f} entries/s ({cs:.2f} s, peak RSS {ck // 1024} MiB) "
      f"| ratio {cs / ps:.2f}")
EOF
