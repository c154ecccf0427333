#!/usr/bin/env bash
# Benchmark: `landfall import` of a bundle into each store, beside that store's own native loader
# on the same data in the same run (issue 4).
#
#   SQLite      landfall import --to sqlite:FILE        vs  sqlite3 FILE ".import --csv"
#   PostgreSQL  landfall import --to postgres://…       vs  psql "\copy landfall_kv FROM FILE"
#   Redis       landfall import --to redis://…          vs  redis-cli --pipe (same key layout)
#
# The data: ENTRIES (1,000,000) KV entries, values ~200 B, 1% binary, 10% with metadata, 10%
# expiring, keys in random order (bench/lib/gen-kv.py, deterministic). The bundle is made from it
# with `landfall import --from wrangler:…` first (not timed). Each native loader gets the same
# rows in its own format, into a table of the very shape landfall created (or, for Redis, the
# same commands landfall's layout needs), so both sides do the same work: landfall also reads and
# verifies the gzip'd bundle, compares with what the store holds, and batches transactions. The
# bundle is decoded once: into SQLite and PostgreSQL while the copy runs (the writes held in open
# transactions until the check has passed); into Redis by the check before the copy, which spools
# the decoded entries to java.io.tmpdir (about the bundle's uncompressed size) for the copy to read.
#
# landfall runs as a fresh process with -Xmx256m (the goal: the run fits in it); its wall time
# includes JVM start. Peak RSS comes from /usr/bin/time. PostgreSQL and Redis are written on the
# store URI's default writers=N connections (one per core, at most 4) unless WRITERS is set.
# Goals (issue 19): ratio >= 1.0 for PostgreSQL and Redis, >= 0.95 for SQLite. Prints one line of
# figures per store on stdout.
#
# Needs: python3, sqlite3, psql, redis-cli, /usr/bin/time, and the servers of `bin/stores start`
# (started here if not running, and then stopped again). Knobs: ENTRIES, STORES ("sqlite postgres
# redis"), WRITERS (the stores' writers=N), BENCH_DIR (where the data is cached between runs:
# /tmp/landfall-bench-import), KEEP=1, JAR (the landfall jar to time, default cli/target/landfall.jar:
# a copy of an earlier build gives a before/after pair in one sitting).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

entries="${ENTRIES:-1000000}"
stores="${STORES:-sqlite postgres redis}"
data="${BENCH_DIR:-/tmp/landfall-bench-import}/$entries"
ns=0f2ac74b498b48028cb68387c421e279
writers="${WRITERS:+&writers=$WRITERS}"
work="$(mktemp -d "${TMPDIR:-/tmp}/import-bench.XXXXXX")"
stop_servers=0
cleanup() {
  [[ $stop_servers == 1 ]] && bin/stores stop postgres redis >/dev/null 2>&1 || true
  if [[ "${KEEP:-}" == 1 ]]; then echo "import: work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
log() { echo "import-bench: $*" >&2; }

jar="${JAR:-$root/cli/target/landfall.jar}"
[[ -f $jar ]] || bin/landfall --version >/dev/null
landfall() { java -Xmx256m -XX:+UseSerialGC -jar "$jar" "$@"; }

# secs CMD...: runs CMD, prints its wall seconds; CMD's stdout goes to $work/out.
secs() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$work/out"
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1 - $t0:.3f}')"
}
# peak_rss_mib CMD...: runs CMD under /usr/bin/time, prints "seconds peakMiB".
timed() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; return 1; }
  read -r s kb <"$work/time"
  echo "$s $((kb / 1024))"
}
rate() { python3 -c "print(f'{$entries / $1:,.0f}')"; }
ratio() { python3 -c "print(f'{$2 / $1:.2f}')"; }

if [[ ! -f $data/bundle/manifest.json ]]; then
  log "generating $entries entries in $data (once; cached)"
  mkdir -p "$data"
  REDIS_PREFIX=bench-ref: python3 bench/lib/gen-kv.py "$entries" "$data"
  landfall import --from "wrangler:$data/items.json" --kv "$ns" --to "bundle:$data/bundle" --json >/dev/null
fi
# An empty namespace, to give the native loaders' tables the very shape landfall creates. (A
# directory with no manifest is no bundle: it is refused as "nothing to read there".)
echo '[]' > "$work/empty.json"
landfall import --from "wrangler:$work/empty.json" --kv "$ns" --to "bundle:$work/empty" >/dev/null
empty="bundle:$work/empty"

if [[ " $stores " == *" postgres "* || " $stores " == *" redis "* ]]; then
  if ! bin/stores env >/dev/null 2>&1 || ! redis-cli -p "${LANDFALL_REDIS_PORT:-56379}" ping >/dev/null 2>&1; then
    stop_servers=1
  fi
  bin/stores start postgres redis >/dev/null
  set -a; . "${LANDFALL_STORES_HOME:-/tmp/landfall-stores}/stores.env"; set +a
fi

for store in $stores; do
  case $store in
    sqlite)
      ref="$work/ref.db"; ours="$work/ours.db"
      landfall import --from "$empty" --to "sqlite:$ref" >/dev/null  # the same schema, empty
      ref_s=$(secs sqlite3 "$ref" ".import --csv $data/sqlite.csv landfall_kv")
      read -r our_s rss < <(timed java -Xmx256m -XX:+UseSerialGC -jar "$jar" import --from "bundle:$data/bundle" --to "sqlite:$ours" --json)
      loaded=$(sqlite3 "$ours" "SELECT count(*) FROM landfall_kv")
      native="sqlite3 .import"
      ;;
    postgres)
      pg="${LANDFALL_PG_URL%%\?*}"
      psql "$pg" -qc "DROP SCHEMA IF EXISTS bench_ref CASCADE; DROP SCHEMA IF EXISTS bench_lf CASCADE" 2>/dev/null
      landfall import --from "$empty" --to "$pg?schema=bench_ref" >/dev/null
      ref_s=$(secs psql "$pg" -qc "\\copy bench_ref.landfall_kv (namespace_id, key, value, metadata, expiration) FROM '$data/postgres.tsv'")
      read -r our_s rss < <(timed java -Xmx256m -XX:+UseSerialGC -jar "$jar" import --from "bundle:$data/bundle" --to "$pg?schema=bench_lf$writers" --json)
      loaded=$(psql "$pg" -Atc "SELECT count(*) FROM bench_lf.landfall_kv")
      psql "$pg" -qc "DROP SCHEMA IF EXISTS bench_ref CASCADE; DROP SCHEMA IF EXISTS bench_lf CASCADE" 2>/dev/null
      native="psql \\copy"
      ;;
    redis)
      rurl="${LANDFALL_REDIS_URL%/*}/3"
      rc=(redis-cli -u "$rurl" --no-auth-warning)
      "${rc[@]}" FLUSHDB >/dev/null
      ref_s=$(secs sh -c "redis-cli -u '$rurl' --no-auth-warning --pipe < '$data/redis.resp'")
      read -r our_s rss < <(timed java -Xmx256m -XX:+UseSerialGC -jar "$jar" import --from "bundle:$data/bundle" --to "$rurl?prefix=bench-lf:$writers" --json)
      loaded=$("${rc[@]}" ZCARD "bench-lf:kv:$ns:idx")
      "${rc[@]}" FLUSHDB >/dev/null
      native="redis-cli --pipe"
      ;;
    *) log "unknown store $store"; exit 2 ;;
  esac
  [[ $loaded == "$entries" ]] || { log "$store: landfall loaded $loaded of $entries entries"; exit 1; }
  printf '%s: landfall import %s entries/s (%.2f s, peak RSS %d MiB, -Xmx256m%s) | %s %s entries/s (%.2f s) | ratio %s\n' \
    "$store" "$(rate "$our_s")" "$our_s" "$rss" "$([[ $store == sqlite ]] || echo "${WRITERS:+, writers=$WRITERS}")" "$native" "$(rate "$ref_s")" "$ref_s" "$(ratio "$our_s" "$ref_s")"
done
