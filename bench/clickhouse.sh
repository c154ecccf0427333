#!/usr/bin/env bash
# Benchmark: `landfall import --from events:… --to clickhouse://…` beside ClickHouse's own client
# loading the same file (`INSERT … FORMAT JSONEachRow`) in the same run (issue 10).
#
# The data: EVENTS (1,000,000) Logpush-like HTTP request events, about 330 bytes a line
# (bench/lib/gen-events.py, deterministic). Both sides load it into a fresh MergeTree table of the
# same shape: landfall infers the columns from the file and creates its table; the native client
# loads into `CREATE TABLE … AS` that table, with date_time_input_format=best_effort so it can
# read the RFC 3339 timestamps at all. Landfall also checks every line before the table gets it
# (staging table, then RENAME).
#
# landfall runs as a fresh process with -Xmx256m; its wall time includes JVM start. Peak RSS comes
# from /usr/bin/time. Goal: ratio (landfall rate / native rate) >= 0.5. Prints one line on stdout.
#
# Needs: python3, clickhouse-client, /usr/bin/time, and the server of `bin/stores start
# clickhouse` (started here if not running, and then stopped again). Knobs: EVENTS, BENCH_DIR
# (where the data is cached between runs: /tmp/landfall-bench-clickhouse), GZ=1 (load a gzip'd
# copy: both sides then read the .gz; not GZIP, which gzip itself reads), KEEP=1 (keep the tables).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

events="${EVENTS:-1000000}"
data="${BENCH_DIR:-/tmp/landfall-bench-clickhouse}/$events"
work="$(mktemp -d "${TMPDIR:-/tmp}/clickhouse-bench.XXXXXX")"
stop_server=0
suffix="$$"
cleanup() {
  if [[ "${KEEP:-}" != 1 && -n "${db:-}" ]]; then
    ch -q "DROP TABLE IF EXISTS $db.bench_lf_$suffix" >/dev/null 2>&1 || true
    ch -q "DROP TABLE IF EXISTS $db.bench_ref_$suffix" >/dev/null 2>&1 || true
  fi
  [[ $stop_server == 1 ]] && bin/stores stop clickhouse >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "clickhouse-bench: $*" >&2; }

jar="$root/cli/target/landfall.jar"
[[ -f $jar ]] || bin/landfall --version >/dev/null

if ! curl -fsS --max-time 2 "http://127.0.0.1:${LANDFALL_CLICKHOUSE_PORT:-58123}/ping" >/dev/null 2>&1; then
  stop_server=1
fi
bin/stores start clickhouse >/dev/null
set -a; . "${LANDFALL_STORES_HOME:-/tmp/landfall-stores}/stores.env"; set +a
url="$LANDFALL_CLICKHOUSE_URL"
db="${url##*/}"
native_port="${LANDFALL_CLICKHOUSE_NATIVE_PORT:-59000}"
# The URI's user and password, for clickhouse-client too.
userinfo="${url#clickhouse://}"; userinfo="${userinfo%%@*}"
ch() { clickhouse-client --host 127.0.0.1 --port "$native_port" --user "${userinfo%%:*}" --password "${userinfo#*:}" "$@"; }

file="$data/events.ndjson"
if [[ ! -f $file ]]; then
  log "generating $events events in $data (once; cached)"
  mkdir -p "$data"
  python3 bench/lib/gen-events.py "$events" "$file.tmp" && mv "$file.tmp" "$file"
fi
if [[ "${GZ:-}" == 1 ]]; then
  [[ -f $file.gz ]] || gzip -k -1 "$file"
  file="$file.gz"
fi
read_cmd=(cat "$file")
[[ $file == *.gz ]] && read_cmd=(gzip -dc "$file")

secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }
rate() { python3 -c "print(f'{$events / $1:,.0f}')"; }

# landfall: infer, check, stage, rename.
/usr/bin/time -f '%e %M' -o "$work/time" java -Xmx256m -XX:+UseSerialGC -jar "$jar" import \
  --from "events:$file" --to "$url" --table "bench_lf_$suffix" --json >"$work/out" 2>"$work/err" \
  || { cat "$work/err" >&2; exit 1; }
read -r our_s kb <"$work/time"
rss=$((kb / 1024))
loaded=$(ch -q "SELECT count() FROM $db.bench_lf_$suffix")

# The native client into a table of the same shape.
ch -q "CREATE TABLE $db.bench_ref_$suffix AS $db.bench_lf_$suffix"
t0=$(date +%s.%N)
"${read_cmd[@]}" | ch --date_time_input_format=best_effort -q "INSERT INTO $db.bench_ref_$suffix FORMAT JSONEachRow"
t1=$(date +%s.%N)
ref_s=$(secs "$t0" "$t1")
ref_loaded=$(ch -q "SELECT count() FROM $db.bench_ref_$suffix")

[[ $loaded == "$events" && $ref_loaded == "$events" ]] \
  || { log "loaded: landfall $loaded, native $ref_loaded of $events"; exit 1; }
same=$(ch -q "SELECT (SELECT sum(cityHash64(*)) FROM $db.bench_lf_$suffix) = (SELECT sum(cityHash64(*)) FROM $db.bench_ref_$suffix)")
[[ $same == 1 ]] || { log "the two tables differ"; exit 1; }
printf 'clickhouse %s: landfall import %s events/s (%.2f s, peak RSS %d MiB, -Xmx256m) | clickhouse-client JSONEachRow %s events/s (%.2f s) | ratio %s | tables equal\n' \
  "$(ch -q 'SELECT version()')" "$(rate "$our_s")" "$our_s" "$rss" "$(rate "$ref_s")" "$ref_s" \
  "$(python3 -c "print(f'{$ref_s / $our_s:.2f}')")"
