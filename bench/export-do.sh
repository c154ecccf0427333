#!/usr/bin/env bash
# Benchmark: `landfall export` of Durable Objects through the real export Worker in workerd, and
# of Workers KV through that Worker (--via worker) against the REST API at Cloudflare's rate.
#
# In one run on this machine:
#   workerd  - Miniflare (test-peers/miniflare-peer.mjs, cf:false, fresh persist dir) runs the
#              shipped export Worker with the exporters test app (a wrapped KV-backed class).
#              OBJECTS objects of ENTRIES small structured entries each are seeded, and KV_KEYS
#              keys in its KV namespace CACHE.
#   sandbox  - `landfall sandbox --external-do KvStore=IDS --seed-kv CACHE=KV_KEYS --rate-limit
#              RATE`: its REST API lists workerd's object ids, and serves the same number of KV
#              keys for the REST path.
#   DO       - `landfall export --do KvStore --export-worker URL`: objects/s and entries/s.
#   KV       - `landfall export --via worker --kv CACHE` (keys and values through the Worker) vs
#              `landfall export --kv CACHE --api-budget RATE` (the REST API): keys/s of each and
#              their ratio. Goal (issue 6): worker-assisted KV export >= 10x the REST path.
#
# RATE defaults to 40/10s: Cloudflare's default budget (1,200 per 5 minutes) is 4 requests a
# second; the shorter window makes the REST path run at that rate from the first request instead
# of spending a 1,200-request burst first, so a short run measures the sustained rate.
#
# Prints ONE line of figures on stdout (with the DO export's CPU seconds, user + system, which a
# busy shared machine disturbs less than its wall time); progress goes to stderr. Loopback only.
# Needs: the jar (built once if missing), test-peers/ (`npm ci --prefix test-peers`), node, curl,
# python3, /usr/bin/time. Knobs: OBJECTS (200), ENTRIES (500), KV_KEYS (20000), RATE (40/10s),
# KEEP=1, JAR (the landfall jar the exports run, default cli/target/landfall.jar: a copy of an
# earlier build gives a before/after pair in one sitting; it runs through the release launcher,
# cli/src/dist/bin/landfall, with its per-command JVM options and LANDFALL_JAVA_OPTS, as
# bin/landfall runs the clone's jar).
# Issue 19 (DO export): >= 3x the objects/s of 7a96254 (16.1 objects/s there for 200 x 500, one
# noisy run on 2 shared cores); report 2,000 x 50 too: OBJECTS=2000 ENTRIES=50.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

objects="${OBJECTS:-200}"
entries="${ENTRIES:-500}"
kv_keys="${KV_KEYS:-20000}"
rate="${RATE:-40/10s}"
secret="bench-export-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

work="$(mktemp -d "${TMPDIR:-/tmp}/export-do.XXXXXX")"
# Every process this script starts is one of its jobs; on exit the running ones are stopped by pid.
cleanup() {
  local p
  for p in $(jobs -pr); do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ "${KEEP:-}" == 1 ]]; then echo "export-do: work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log() { echo "export-do: $*" >&2; }
now() { date +%s.%N; }
[[ -d test-peers/node_modules/miniflare ]] || { echo "export-do: run npm ci --prefix test-peers first" >&2; exit 2; }

# --- workerd with the export Worker and the test app --------------------------------------------
app="$work/app"
mkdir -p "$app/worker" "$work/persist"
cp exporters/src/main/resources/dev/landfall/cloudflare/worker/*.mjs "$app/worker/"
cp exporters/src/test/resources/dev/landfall/cloudflare/worker/test-app.mjs "$app/"
printf 'export const vectors = [];\nexport const unencodable = [];\n' >"$app/vectors.mjs"
cat >"$work/miniflare.json" <<EOF
{"scriptPath": "$app/test-app.mjs", "persistDir": "$work/persist",
 "kvNamespaces": {"CACHE": "cache-namespace-id"},
 "durableObjects": {"KV_STORE": {"className": "KvStore"}},
 "vars": {"LANDFALL_DO_CLASSES": "KV_STORE=KvStore"}}
EOF
mkfifo "$work/mf.in"
LANDFALL_EXPORT_SECRET="$secret" node test-peers/miniflare-peer.mjs "$work/miniflare.json" \
  <"$work/mf.in" >"$work/mf.out" 2>"$work/mf.err" &
mf_pid=$!
exec 3>"$work/mf.in" # holds the launcher's stdin open; it stops when this closes
for t in $(seq 600); do
  [[ -s "$work/mf.out" ]] && break
  kill -0 "$mf_pid" 2>/dev/null || { cat "$work/mf.err" >&2; echo "export-do: miniflare died" >&2; exit 1; }
  ((t < 600)) || { echo "export-do: miniflare not ready in 60 s" >&2; exit 1; }
  sleep 0.1
done
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/mf.out")
log "workerd at $url; seeding $objects objects x $entries entries and $kv_keys KV keys"
t0=$(now)
# Eight seeding requests at once (each object is its own Durable Object), each answer to a file.
mkdir "$work/seeded"
seq "$objects" | xargs -P 8 -I{} curl -sf --noproxy '*' -o "$work/seeded/{}.json" \
  "${url}test/seed-bulk/KV_STORE/bench-{}?n=$entries"
python3 -c 'import json,glob,sys; [print(json.load(open(f))["id"]) for f in glob.glob(sys.argv[1] + "/*.json")]' \
  "$work/seeded" >"$work/ids.txt"
[[ $(wc -l <"$work/ids.txt") == "$objects" ]] || { echo "export-do: seeding failed" >&2; exit 1; }
curl -sf --noproxy '*' --max-time 600 "${url}test/seed-kv?n=$kv_keys" >/dev/null
kv_total=$((kv_keys + 3)) # the seed also writes three special keys
log "seeded in $(python3 -c "print(round($(now) - $t0, 1))") s"

# --- the sandbox: REST API listing workerd's objects, and the REST path's KV --------------------
env_file="$work/sandbox.env"
bin/landfall sandbox --external-do "KvStore=$work/ids.txt" --seed-kv "CACHE=$kv_total" \
  --rate-limit "$rate" --env-file "$env_file" >/dev/null 2>"$work/sandbox.err" &
sb_pid=$!
for t in $(seq 1200); do
  [[ -f "$env_file" && $(wc -l <"$env_file") -ge 5 ]] && break
  kill -0 "$sb_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; echo "export-do: sandbox died" >&2; exit 1; }
  ((t < 1200)) || { echo "export-do: sandbox not ready in 120 s" >&2; exit 1; }
  sleep 0.1
done
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
export LANDFALL_EXPORT_SECRET="$secret" # workerd's, not the sandbox's
unset LANDFALL_EXPORT_WORKER_URL

# The exports run JAR, when set, through the release launcher laid out as the archive has it.
landfall=bin/landfall
if [[ -n "${JAR:-}" ]]; then
  [[ -f "$JAR" ]] || { echo "export-do: JAR=$JAR is not a file; name a landfall jar" >&2; exit 2; }
  mkdir -p "$work/release/bin" "$work/release/lib"
  cp cli/src/dist/bin/landfall "$work/release/bin/"
  ln -s "$(readlink -f "$JAR")" "$work/release/lib/landfall.jar"
  landfall="$work/release/bin/landfall"
fi

# timed NAME ARGS...: runs `landfall export ARGS --json`, sets SECS, CPU (its user + system
# seconds: on a shared machine a steadier figure than the wall time) and OUT (its JSON)
timed() {
  local name="$1" start end
  shift
  start=$(now)
  /usr/bin/time -f '%U %S' -o "$work/$name.cpu" "$landfall" export "$@" --json >"$work/$name.json" 2>"$work/$name.err" \
    || { cat "$work/$name.err" >&2; echo "export-do: $name failed" >&2; exit 1; }
  end=$(now)
  SECS=$(python3 -c "print($end - $start)")
  CPU=$(python3 -c 'import sys; print(sum(map(float, open(sys.argv[1]).read().split()[-2:])))' "$work/$name.cpu")
  OUT="$work/$name.json"
}
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); [d:=d[k] for k in sys.argv[2].split(".")]; print(d)' "$1" "$2"; }

log "DO: landfall export --do KvStore ($objects objects)"
timed do --do KvStore --export-worker "$url" --concurrency 8 --to "bundle:$work/do"
do_secs=$SECS
do_cpu=$CPU
do_objects=$(field "$OUT" durableObjects.objects)
do_entries=$(field "$OUT" durableObjects.entries)
[[ "$do_objects" == "$objects" && "$do_entries" == "$((objects * entries))" ]] \
  || { echo "export-do: exported $do_objects objects / $do_entries entries, expected $objects / $((objects * entries))" >&2; exit 1; }

log "KV via worker: landfall export --via worker --kv CACHE ($kv_total keys)"
timed kvw --via worker --kv CACHE --export-worker "$url" --concurrency 8 --to "bundle:$work/kvw"
w_secs=$SECS
w_keys=$(field "$OUT" keys)
w_requests=$(field "$OUT" api.requests)

log "KV via REST: landfall export --kv CACHE --api-budget $rate ($kv_total keys)"
timed kvr --kv CACHE --api-budget "$rate" --to "bundle:$work/kvr"
r_secs=$SECS
r_keys=$(field "$OUT" keys)
r_requests=$(field "$OUT" api.requests)

python3 - "$objects" "$do_entries" "$do_secs" "$do_cpu" "$w_keys" "$w_secs" "$w_requests" "$r_keys" "$r_secs" "$r_requests" "$rate" <<'EOF'
import sys
objects, entries, do_s, do_cpu, wk, ws, wr, rk, rs, rr, rate = sys.argv[1:]
objects, entries, wk, rk, wr, rr = map(int, (objects, entries, wk, rk, wr, rr))
do_s, do_cpu, ws, rs = map(float, (do_s, do_cpu, ws, rs))
w_rate, r_rate = wk / ws, rk / rs
ratio = w_rate / r_rate
print(f"do: {objects} objects x {entries // objects} entries in {do_s:.1f} s = {objects / do_s:.1f} objects/s, "
      f"{entries / do_s:.0f} entries/s, exporter CPU {do_cpu:.1f} s | kv via worker: {wk} keys in {ws:.1f} s = {w_rate:.0f} keys/s "
      f"({wr} API requests) | kv via REST at {rate}: {rk} keys in {rs:.1f} s = {r_rate:.0f} keys/s ({rr} requests) "
      f"| worker/REST = {ratio:.1f}x (goal >= 10x: {'met' if ratio >= 10 else 'NOT met'})")
EOF
