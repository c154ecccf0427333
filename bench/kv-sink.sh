#!/usr/bin/env bash
# Benchmark: Workers KV as a store (the way back), pairs per second written into the sandbox.
#
# One data set (bench/lib/gen-kv.py: KEYS pairs of about 200 bytes, 1% binary, 10% with
# metadata, 10% expiring in 2100), in one run on this machine, each writer against its own fresh
# `landfall sandbox --rate-limit $RATE` (Cloudflare's default budget unless RATE is given), into
# an empty namespace:
#   landfall - `landfall import --from sqlite:DB --to 'cloudflare://…?namespace=BENCH&create=true'
#              --api-budget $RATE --json`: the process's wall time, from a SQLite store loaded
#              beforehand (not timed) from the same file. It reads the (empty) target first, then
#              sends bulk writes of up to 10,000 pairs (--batch, default 10000).
#   wrangler - the reference: test-peers' wrangler 4.86 `kv bulk put FILE --remote` of the very
#              same file, one process (it sends 1,000 pairs a request).
# Prints ONE line on stdout: pairs/s of each, requests each sent, 429s the sandbox served for
# its limit (must be 0), and the ratio landfall/wrangler. Progress goes to stderr. Loopback only.
# Needs: the jar (built once if missing), test-peers/ (`npm ci --prefix test-peers`), curl,
# python3, timeout. Knobs: KEYS (20000), RATE (1200/300s), RUNS (3; the fastest of each is
# reported), KEEP=1 keeps the work dir.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

keys="${KEYS:-20000}"
rate="${RATE:-1200/300s}"
runs="${RUNS:-3}"
wrangler="$root/test-peers/node_modules/.bin/wrangler"

work="$(mktemp -d "${TMPDIR:-/tmp}/kv-sink.XXXXXX")"
# Every process this script starts is one of its jobs; on exit the running ones are stopped by pid.
cleanup() {
  local p
  for p in $(jobs -pr); do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ "${KEEP:-}" == 1 ]]; then echo "kv-sink: work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
run() { "$@" & wait $!; }
log() { echo "kv-sink: $*" >&2; }
ms() { date +%s%3N; }
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export NO_PROXY='*' no_proxy='*'

[[ -f cli/target/landfall.jar ]] || bin/landfall --version >/dev/null
[[ -x "$wrangler" ]] || { echo "kv-sink: wrangler missing; run: npm ci --prefix test-peers" >&2; exit 2; }

# start_sandbox NAME: an empty sandbox at the budget; sets PID, BASE, TOKEN, ACCOUNT, PORT.
start_sandbox() {
  local name="$1" env="$work/$1.env" t
  bin/landfall sandbox --rate-limit "$rate" --env-file "$env" >/dev/null 2>"$work/$name.err" &
  PID=$!
  for t in $(seq 1200); do
    [[ -f "$env" && $(wc -l <"$env") -ge 3 ]] && break
    kill -0 "$PID" 2>/dev/null || { cat "$work/$name.err" >&2; echo "kv-sink: sandbox $name died" >&2; exit 1; }
    ((t < 1200)) || { echo "kv-sink: sandbox $name not ready in 120 s" >&2; exit 1; }
    sleep 0.1
  done
  BASE=$(sed -n 's/^CLOUDFLARE_API_BASE_URL=//p' "$env")
  TOKEN=$(sed -n 's/^CLOUDFLARE_API_TOKEN=//p' "$env")
  ACCOUNT=$(sed -n 's/^CLOUDFLARE_ACCOUNT_ID=//p' "$env")
  PORT=$(sed -E 's#^http://127\.0\.0\.1:([0-9]+)/.*#\1#' <<<"$BASE")
  [[ "$BASE" == http://127.0.0.1:* && "$PORT" =~ ^[0-9]+$ ]] || { echo "kv-sink: unexpected base URL $BASE" >&2; exit 1; }
}
stop_sandbox() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
stats() { curl -sf --noproxy '*' --max-time 10 "http://127.0.0.1:$1/__sandbox/stats"; }
# live: the keys of the sandbox's only namespace, listed over its API after the stats were taken.
live() {
  python3 - "$BASE" "$TOKEN" "$ACCOUNT" <<'PY'
import json, sys, urllib.request
base, token, account = sys.argv[1:]
def get(path):
    r = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(r))
ns = get(f"/accounts/{account}/storage/kv/namespaces")["result"][0]["id"]
n, cursor = 0, ""
while True:
    page = get(f"/accounts/{account}/storage/kv/namespaces/{ns}/keys" + (f"?cursor={cursor}" if cursor else ""))
    n += len(page["result"])
    cursor = page.get("result_info", {}).get("cursor") or ""
    if not cursor:
        break
print(n)
PY
}
limit429() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rate_limited"]["limit"])' "$1"; }
requests() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total_requests"])' "$1"; }

log "data: $keys pairs (bench/lib/gen-kv.py)"
python3 bench/lib/gen-kv.py "$keys" "$work/data" >/dev/null
items="$work/data/items.json"
db="sqlite:$work/new-side.db"
run bin/landfall import --from "wrangler:$items" --kv BENCH --to "$db" --json >/dev/null 2>"$work/load.err" \
  || { cat "$work/load.err" >&2; exit 1; }

lf_best= lf_req= lf_429=0 w_best= w_req= w_429=0
for r in $(seq "$runs"); do
  log "landfall $r/$runs: import --to cloudflare://…?namespace=BENCH&create=true --api-budget $rate"
  start_sandbox "landfall-$r"
  t0=$(ms)
  run env CLOUDFLARE_API_BASE_URL="$BASE" CLOUDFLARE_API_TOKEN="$TOKEN" CLOUDFLARE_ACCOUNT_ID="$ACCOUNT" \
    timeout 900 bin/landfall import --from "$db" --to "cloudflare://$ACCOUNT?namespace=BENCH&create=true" \
    --api-budget "$rate" --json >"$work/landfall-$r.json" 2>"$work/landfall-$r.err" \
    || { cat "$work/landfall-$r.err" >&2; echo "kv-sink: landfall import failed" >&2; exit 1; }
  t=$(($(ms) - t0))
  stats "$PORT" >"$work/landfall-$r-stats.json"
  n=$(live)
  stop_sandbox "$PID"
  ((n == keys)) || { echo "kv-sink: landfall left $n of $keys keys" >&2; exit 1; }
  lf_429=$((lf_429 + $(limit429 "$work/landfall-$r-stats.json")))
  if [[ -z "$lf_best" ]] || ((t < lf_best)); then lf_best=$t lf_req=$(requests "$work/landfall-$r-stats.json"); fi
  log "landfall $r/$runs: $t ms"

  log "wrangler $r/$runs: kv bulk put --remote"
  start_sandbox "wrangler-$r"
  mkdir -p "$work/w$r/tmp/update-check" "$work/w$r/xdg" "$work/w$r/wcache"
  echo '{"latest":"4.86.0","lastUpdate":99999999999999}' >"$work/w$r/tmp/update-check/wrangler-latest.json"
  ns=$(curl -sf --noproxy '*' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"title":"BENCH"}' "$BASE/accounts/$ACCOUNT/storage/kv/namespaces" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["id"])')
  t0=$(ms)
  # cloudflare-peers.md §2.2: nothing leaves 127.0.0.1.
  run env -i PATH="$PATH" HOME="$work/w$r" LANG=C.UTF-8 CLOUDFLARE_API_BASE_URL="$BASE" \
    CLOUDFLARE_API_TOKEN="$TOKEN" CLOUDFLARE_ACCOUNT_ID="$ACCOUNT" WRANGLER_SEND_METRICS=false \
    WRANGLER_SEND_ERROR_REPORTS=false WRANGLER_HIDE_BANNER=true CI=true CLOUDFLARE_CF_FETCH_ENABLED=false \
    WRANGLER_CACHE_DIR="$work/w$r/wcache" XDG_CONFIG_HOME="$work/w$r/xdg" TMPDIR="$work/w$r/tmp" \
    npm_registry=http://127.0.0.1:9/ timeout 900 "$wrangler" kv bulk put "$items" --namespace-id "$ns" --remote \
    </dev/null >"$work/wrangler-$r.out" 2>"$work/wrangler-$r.err" \
    || { tail -5 "$work/wrangler-$r.err" >&2; echo "kv-sink: wrangler kv bulk put failed" >&2; exit 1; }
  t=$(($(ms) - t0))
  stats "$PORT" >"$work/wrangler-$r-stats.json"
  n=$(live)
  stop_sandbox "$PID"
  ((n == keys)) || { echo "kv-sink: wrangler left $n of $keys keys" >&2; exit 1; }
  w_429=$((w_429 + $(limit429 "$work/wrangler-$r-stats.json")))
  if [[ -z "$w_best" ]] || ((t < w_best)); then w_best=$t w_req=$(requests "$work/wrangler-$r-stats.json"); fi
  log "wrangler $r/$runs: $t ms"
done

python3 - <<EOF
keys, lf, w = $keys, $lf_best / 1000, $w_best / 1000
print(f"kv-sink N={keys} budget $rate best of $runs | landfall import --to cloudflare://: {lf:.2f}s, "
      f"{keys / lf:.0f} pairs/s, $lf_req req (namespace list and create, reading the empty target, bulk writes), "
      f"429s $lf_429 | wrangler kv bulk put: {w:.2f}s, {keys / w:.0f} pairs/s, $w_req req (with the namespace"
      f" create), 429s $w_429 "
      f"| ratio landfall/wrangler {w / lf:.2f}x")
EOF
