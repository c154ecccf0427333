#!/usr/bin/env bash
# Benchmark: how fast an operator gets a usable seeded Cloudflare stand-in.
#
# Measures, in one run on this machine, RUNS times each:
#   landfall  - `bin/landfall sandbox --seed-kv SESSIONS=20000` from exec until a curl with the
#               printed token has listed the first 1,000 keys (goal: under 3 s);
#   miniflare - the reference local Cloudflare runtime (test-peers/, real workerd): from exec of
#               node until an empty KV namespace answers a list through a Worker. It holds no
#               seeded keys, so the ratio flatters miniflare.
# Prints medians and the ratio landfall/miniflare. Needs: bin/test-all's `npm ci` (or
# `npm ci --prefix test-peers`), curl, python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"; kill $(jobs -p) 2>/dev/null || true' EXIT

[[ -f cli/target/landfall.jar ]] || bin/landfall --version >/dev/null
ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

landfall_once() {
  local env="$work/env" t0 t1
  rm -f "$env"
  t0=$(ms)
  bin/landfall sandbox --seed-kv SESSIONS=20000 >"$env" 2>/dev/null &
  local pid=$!
  until [[ -f "$env" && $(wc -l <"$env") -ge 3 ]]; do sleep 0.01; done
  # shellcheck disable=SC1090
  source <(sed 's/^/export /' "$env")
  local api="$CLOUDFLARE_API_BASE_URL/accounts/$CLOUDFLARE_ACCOUNT_ID/storage/kv/namespaces"
  local auth="Authorization: Bearer $CLOUDFLARE_API_TOKEN"
  local ns
  ns=$(curl -sf -H "$auth" "$api" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"][0]["id"])')
  local n
  n=$(curl -sf -H "$auth" "$api/$ns/keys" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["result"]))')
  t1=$(ms)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [[ "$n" == 1000 ]] || { echo "landfall sandbox listed $n keys, expected 1000" >&2; exit 1; }
  echo $((t1 - t0))
}

miniflare_once() {
  local script='import { Miniflare } from "miniflare";
const mf = new Miniflare({ modules: true, cf: false, host: "127.0.0.1", port: 0,
  script: `export default { async fetch(r, env) { const l = await env.KV.list({ limit: 1000 });
    return new Response(String(l.keys.length)); } }`,
  kvNamespaces: { KV: "bench" }, kvPersist: false });
const url = await mf.ready;
await (await fetch(url)).text();
await mf.dispose();'
  local t0 t1
  t0=$(ms)
  (cd "$root/test-peers" && node --input-type=module -e "$script" >/dev/null)
  t1=$(ms)
  echo $((t1 - t0))
}

echo "runs: $runs (2 cores; medians in ms)"
l=(); m=()
for _ in $(seq "$runs"); do l+=("$(landfall_once)"); done
if [[ -d test-peers/node_modules/miniflare ]]; then
  for _ in $(seq "$runs"); do m+=("$(miniflare_once)"); done
fi
lm=$(printf '%s\n' "${l[@]}" | median)
echo "landfall sandbox, 20,000 keys seeded, start to first 1,000 keys listed: ${lm} ms (goal < 3000 ms: $(python3 -c "print(f'{$lm/3000:.2f}')")x of the goal)"
if ((${#m[@]})); then
  mm=$(printf '%s\n' "${m[@]}" | median)
  echo "miniflare (reference), empty KV, start to first list: ${mm} ms"
  echo "ratio landfall/miniflare: $(python3 -c "print(f'{$lm/$mm:.2f}')")"
else
  echo "miniflare not installed (npm ci --prefix test-peers): no reference measured"
fi
