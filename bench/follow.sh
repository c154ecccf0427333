#!/usr/bin/env bash
# Benchmark: live migration's follower (issue 17), against the sandbox's captured writer.
#
# For each store (SQLite, PostgreSQL) and each writer rate (RATES, default "1000 3000" writes/s):
#   1. `landfall sandbox --seed-kv SESSIONS=20000 --writes R/s` (capture on, the writer writes
#      as a wrapped Worker would: record, then write);
#   2. `landfall migrate --via worker --follow --consistency-window 1s --status-addr …` into the
#      store: the full load, then following;
#   3. once following and caught up with the backlog the full load left (about one window of
#      writes waiting), /metrics is scraped, again SECONDS_EACH (30) seconds later: changes applied
#      per second beside the writer's rate (the reference: what the application writes), and the
#      p50/p99 of each change's delay from capture to commit beyond the consistency window
#      (landfall_follow_apply_delay_beyond_window_seconds), and the lag left.
# The writer's own rate is measured from its count (the sandbox prints it on stop).
#
# Goals (issue 17): follow >= 2,000 changes/s on this 2-core machine, lag p99 <= 2 s beyond the
# window at 1,000 writes/s. A shard keeps one change per key, so a busy key costs one change;
# the writer's keys are mostly distinct, so changes ~ writes.
#
# Needs python3, curl and, for PostgreSQL, the server of `bin/stores start postgres` (started
# here if needed and then stopped). Knobs: STORES ("sqlite postgres"), RATES, SECONDS_EACH (not
# SECONDS, which bash itself keeps), KEEP=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
stores="${STORES:-sqlite postgres}"
rates="${RATES:-1000 3000}"
seconds="${SECONDS_EACH:-30}"
work="$(mktemp -d "${TMPDIR:-/tmp}/follow-bench.XXXXXX")"
stop_servers=0
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  [[ $stop_servers == 1 ]] && bin/stores stop postgres >/dev/null 2>&1 || true
  if [[ "${KEEP:-}" == 1 ]]; then echo "follow-bench: work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
log() { echo "follow-bench: $*" >&2; }

jar="$root/cli/target/landfall.jar"
[[ -f $jar ]] || bin/landfall --version >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pg_url() {
  if [[ -z "${LANDFALL_PG_URL:-}" ]]; then
    if [[ ! -f /tmp/landfall-stores/stores.env ]] || ! grep -q LANDFALL_PG_URL /tmp/landfall-stores/stores.env; then
      bin/stores start postgres >/dev/null; stop_servers=1
    fi
    LANDFALL_PG_URL=$(grep '^LANDFALL_PG_URL=' /tmp/landfall-stores/stores.env | cut -d= -f2-)
  fi
  echo "$LANDFALL_PG_URL"
}

run_one() {
  local store=$1 rate=$2 dir="$work/$1-$2"
  mkdir -p "$dir"
  # A seed of its own per run: new namespace ids, so a PostgreSQL database shared with an earlier
  # run holds nothing of this one's scopes.
  java -jar "$jar" sandbox --seed-kv SESSIONS=20000 --writes "${rate}/s" --capture-capacity 10000000 \
    --rate-limit off --random-seed "$RANDOM$RANDOM" >"$dir/env" 2>"$dir/sandbox.err" &
  local sandbox=$!
  until [[ -f "$dir/env" && $(wc -l <"$dir/env") -ge 5 ]]; do sleep 0.05; done
  local target
  case $store in
    sqlite) target="sqlite:$dir/store.db" ;;
    postgres) target="$(pg_url)" ;;
  esac
  local port; port=$(free_port)
  (set -a; . "$dir/env"; set +a
   exec java -jar "$jar" migrate --from cloudflare:// --via worker --follow --consistency-window 1s \
     --to "$target" --run-dir "$dir/run" --status-addr "127.0.0.1:$port" >"$dir/migrate.out" 2>"$dir/migrate.err") &
  local follower=$!
  # Following has begun once a batch was committed.
  local t=0
  until curl -sf "http://127.0.0.1:$port/metrics" >"$dir/m0" 2>/dev/null \
      && grep -q '^landfall_follow_batches_applied_total [1-9]' "$dir/m0"; do
    sleep 0.5; t=$((t + 1))
    if (( t > 600 )) || ! kill -0 "$follower" 2>/dev/null; then
      log "$store $rate: following never began"; cat "$dir/migrate.err" >&2; exit 1
    fi
  done
  # The changes made during the full load wait as a backlog: measure once it is caught up, i.e.
  # what waits is about one consistency window of writes.
  t=0
  until python3 -c "import re,sys; m=re.search(r'^landfall_follow_lag_changes (\S+)', open(sys.argv[1]).read(), re.M); sys.exit(0 if m and float(m.group(1)) <= 1.5 * $rate else 1)" "$dir/m0"; do
    sleep 0.5; t=$((t + 1)); curl -sf "http://127.0.0.1:$port/metrics" >"$dir/m0"
    if (( t > 240 )); then log "$store $rate: the follower did not catch up with the backlog in 120 s"; break; fi
  done
  sleep "$seconds"
  curl -sf "http://127.0.0.1:$port/metrics" >"$dir/m1"
  kill -TERM "$follower"; wait "$follower" 2>/dev/null || true
  kill -TERM "$sandbox"; wait "$sandbox" 2>/dev/null || true
  local figures; figures=$(python3 bench/lib/prom.py "$dir/m0" "$dir/m1" "$seconds")
  python3 - "$store" "$rate" "$figures" <<'PY'
import json, sys
store, rate, f = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
p = lambda v: "n/a" if v is None else f"{v:.2f}"
print(f"{store:8} writer {rate:>5}/s  applied {f['rate']:>7,.0f} changes/s  ratio {f['rate'] / rate:.2f}  "
      f"delay beyond window p50 {p(f['p50'])} s  p99 {p(f['p99'])} s  lag left {f['lagChanges']:.0f} changes")
PY
  if [[ $store == postgres ]]; then :; fi
}

log "stores: $stores; writer rates: $rates/s; $seconds s each"
for store in $stores; do
  for rate in $rates; do
    run_one "$store" "$rate"
  done
done
