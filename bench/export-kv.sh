#!/usr/bin/env bash
# Benchmark: `landfall export` of Workers KV at the API budget's ceiling, beside the real wrangler.
#
# In one run on this machine, each against its own fresh `landfall sandbox --seed-kv
# BENCH=$KEYS --rate-limit $RATE` (same seed, same data, so the budgets never interfere):
#   landfall - `bin/landfall export --to bundle:TMP --api-budget $RATE --json`: process wall
#              time against the theoretical minimum (the fewest requests the API allows, divided
#              by the budget's rate), requests per 1,000 keys, requests over that minimum, and
#              the 429s the sandbox served for its limit (must be 0).
#   wrangler - test-peers' wrangler 4.86, its own way: `kv namespace list`, `kv key list
#              --remote` (every key, one process), then `kv bulk get FILE --remote` for values.
#              wrangler sends a file's keys in ONE request and does not split it, and the API
#              takes at most 100 keys a call, so the keys go in files of 100, one process each,
#              WRANGLER_JOBS at a time. It has no client-side limiter and no retry: a failed
#              chunk is rerun after 1 s, as a shell loop around it would. Bulk get decodes binary
#              values lossily (U+FFFD); exporting them exactly takes one `kv key get` process per
#              key, so a sample of WRANGLER_SAMPLE of them is timed and the rest extrapolated
#              (labelled so). The whole wrangler part stops at WRANGLER_CAP seconds and then
#              reports "did not finish" with its progress and an extrapolation.
#
# The minimum for N keys of which B are binary ("base64":true lines in the bundle) is
#   ceil(N/1000) list calls + ceil((N-B)/100) bulk gets + B single reads.
# Goals (issue 3): efficiency = minimum time / wall time >= 0.90, requests within 2% of the
# minimum, faster than wrangler.
#
# Prints ONE line of figures on stdout; progress goes to stderr. Loopback only: the sandboxes
# listen on 127.0.0.1 and wrangler runs with cloudflare-peers.md §2.2's hermetic environment.
# Needs: the jar (built once if missing), test-peers/ (`npm ci --prefix test-peers`), curl,
# python3, timeout. Knobs: KEYS (50000), RATE (600/10s), WRANGLER_JOBS (nproc),
# WRANGLER_CAP (600 s), WRANGLER_SAMPLE (5), LANDFALL_RUNS (3; the fastest is reported),
# LANDFALL_CAP (900 s per export), KEEP=1 keeps the work dir.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

keys="${KEYS:-50000}"
rate="${RATE:-600/10s}"
wjobs="${WRANGLER_JOBS:-$(nproc)}"
wcap="${WRANGLER_CAP:-600}"
wsample="${WRANGLER_SAMPLE:-5}"
lcap="${LANDFALL_CAP:-900}"
lruns="${LANDFALL_RUNS:-3}"
wrangler="$root/test-peers/node_modules/.bin/wrangler"

work="$(mktemp -d "${TMPDIR:-/tmp}/export-kv.XXXXXX")"
# Every process this script starts is one of its jobs (sandboxes, exports, wrangler processes
# under `timeout`, which passes a TERM on to its process group); on exit the running ones are
# stopped by pid. Jobs that ended are never signalled: their pids may belong to others by then.
cleanup() {
  local p
  for p in $(jobs -pr); do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ "${KEEP:-}" == 1 ]]; then echo "export-kv: work dir kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# run CMD...: runs CMD as a job and waits for it, so an INT or TERM stops the script at once.
run() { "$@" & wait $!; }
running() { local live=" $(jobs -pr | tr '\n' ' ') " p n=0; for p in "$@"; do [[ "$live" == *" $p "* ]] && n=$((n + 1)); done; echo "$n"; }

log() { echo "export-kv: $*" >&2; }
ms() { date +%s%3N; }
# Loopback only: never through a proxy, whatever the environment says.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export NO_PROXY='*' no_proxy='*'

[[ -f cli/target/landfall.jar ]] || bin/landfall --version >/dev/null
[[ -x "$wrangler" ]] || { echo "export-kv: wrangler missing; run: npm ci --prefix test-peers" >&2; exit 2; }

# start_sandbox NAME: starts a seeded sandbox, waits for its env file, sets PID, BASE, TOKEN,
# ACCOUNT and PORT.
start_sandbox() {
  local name="$1" env="$work/$1.env" t
  bin/landfall sandbox --seed-kv "BENCH=$keys" --rate-limit "$rate" --env-file "$env" \
    >/dev/null 2>"$work/$name.err" &
  PID=$!
  for t in $(seq 1200); do
    [[ -f "$env" && $(wc -l <"$env") -ge 3 ]] && break
    kill -0 "$PID" 2>/dev/null || { cat "$work/$name.err" >&2; echo "export-kv: sandbox $name died" >&2; exit 1; }
    ((t < 1200)) || { echo "export-kv: sandbox $name not ready in 120 s" >&2; exit 1; }
    sleep 0.1
  done
  BASE=$(sed -n 's/^CLOUDFLARE_API_BASE_URL=//p' "$env")
  TOKEN=$(sed -n 's/^CLOUDFLARE_API_TOKEN=//p' "$env")
  ACCOUNT=$(sed -n 's/^CLOUDFLARE_ACCOUNT_ID=//p' "$env")
  PORT=$(sed -E 's#^http://127\.0\.0\.1:([0-9]+)/.*#\1#' <<<"$BASE")
  [[ "$BASE" == http://127.0.0.1:* && "$PORT" =~ ^[0-9]+$ ]] || { echo "export-kv: unexpected base URL $BASE" >&2; exit 1; }
}
stop_sandbox() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
stats() { curl -sf --noproxy '*' --max-time 10 "http://127.0.0.1:$1/__sandbox/stats"; }

# --- landfall -------------------------------------------------------------------------------
# LANDFALL_RUNS times, each against a fresh sandbox; the figures are the fastest run's (the
# machine is shared), the 429 check covers every run.
lf_times=() lf_429=0 lf_best=
for run in $(seq "$lruns"); do
  log "landfall $run/$lruns: sandbox with $keys keys, --rate-limit $rate"
  start_sandbox "landfall-$run"
  lf_pid=$PID lf_port=$PORT
  log "landfall $run/$lruns: export --api-budget $rate"
  t0=$(ms)
  set +e
  run env CLOUDFLARE_API_BASE_URL="$BASE" CLOUDFLARE_API_TOKEN="$TOKEN" CLOUDFLARE_ACCOUNT_ID="$ACCOUNT" \
    timeout "$lcap" bin/landfall export --to "bundle:$work/bundle-$run" --api-budget "$rate" --json \
    >"$work/landfall-$run.json" 2>"$work/landfall-$run.err"
  lf_rc=$?
  set -e
  t1=$(ms)
  stats "$lf_port" >"$work/landfall-$run-stats.json"
  stop_sandbox "$lf_pid"
  if ((lf_rc != 0)); then
    cat "$work/landfall-$run.err" >&2
    echo "export-kv: landfall export failed (exit $lf_rc)" >&2
    exit 1
  fi
  lf_times+=($((t1 - t0)))
  lf_429=$((lf_429 + $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rate_limited"]["limit"])' \
    "$work/landfall-$run-stats.json")))
  if [[ -z "$lf_best" ]] || ((t1 - t0 < lf_times[lf_best - 1])); then lf_best=$run; fi
  log "landfall $run/$lruns: done in $((t1 - t0)) ms"
done
lf_ms=${lf_times[lf_best - 1]}
cp "$work/landfall-$lf_best.json" "$work/landfall.json"
cp "$work/landfall-$lf_best-stats.json" "$work/landfall-stats.json"
# B: binary values, as the bundle holds them.
lf_b=0
for f in "$work/bundle-$lf_best"/scopes/*/part-*.ndjson.gz; do
  n=$(zcat "$f" | grep -c '"base64":true' || true)
  lf_b=$((lf_b + n))
done

# --- wrangler -------------------------------------------------------------------------------
log "wrangler: fresh sandbox with the same seed and --rate-limit $rate"
start_sandbox wrangler
w_pid=$PID w_port=$PORT
mkdir -p "$work/w/tmp/update-check" "$work/w/xdg" "$work/w/wcache" "$work/w/chunks"
echo '{"latest":"4.86.0","lastUpdate":99999999999999}' >"$work/w/tmp/update-check/wrangler-latest.json"
# cloudflare-peers.md §2.2: nothing leaves 127.0.0.1.
wenv=(env CLOUDFLARE_API_BASE_URL="$BASE" CLOUDFLARE_API_TOKEN="$TOKEN" CLOUDFLARE_ACCOUNT_ID="$ACCOUNT"
  WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false WRANGLER_HIDE_BANNER=true CI=true
  CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_CACHE_DIR="$work/w/wcache" XDG_CONFIG_HOME="$work/w/xdg"
  TMPDIR="$work/w/tmp" npm_registry=http://127.0.0.1:9/)

w0=$(ms)
deadline=$((w0 + wcap * 1000))
reserve=$((wsample * 4000 + 5000))   # time kept back for the per-key sample
left() { local s=$(((deadline - $(ms)) / 1000)); echo $((s > 1 ? s : 1)); }

run "${wenv[@]}" timeout "$(left)" "$wrangler" kv namespace list </dev/null >"$work/w/namespaces.json" 2>"$work/w/namespaces.err" \
  || { cat "$work/w/namespaces.err" >&2; echo "export-kv: wrangler kv namespace list failed" >&2; exit 1; }
ns=$(python3 -c 'import json,sys; print(next(n["id"] for n in json.load(open(sys.argv[1])) if n["title"]=="BENCH"))' \
  "$work/w/namespaces.json")
log "wrangler: kv key list --remote"
run "${wenv[@]}" timeout "$(left)" "$wrangler" kv key list --namespace-id "$ns" --remote </dev/null \
  >"$work/w/keys.json" 2>"$work/w/keys.err" \
  || { tail -5 "$work/w/keys.err" >&2; echo "export-kv: wrangler kv key list failed" >&2; exit 1; }
w_listed_ms=$(($(ms) - w0))
nchunks=$(python3 - "$work/w/keys.json" "$work/w/chunks" <<'EOF'
import json, sys
names = [k["name"] for k in json.load(open(sys.argv[1]))]
n = 0
for i in range(0, len(names), 100):  # the API's limit; wrangler 4.86 sends a file in one request
    json.dump(names[i:i + 100], open(f"{sys.argv[2]}/{n:05d}.json", "w"))
    n += 1
print(n)
EOF
)
log "wrangler: $nchunks x kv bulk get --remote (100 keys each, $wjobs at a time, cap ${wcap}s)"

# run_chunk I: one `kv bulk get` process for chunk I; rerun after 1 s on failure (5 tries). Runs
# in a background subshell: a TERM stops its wrangler too (timeout passes it to its process group).
run_chunk() {
  local i="$1" try child=
  trap '[[ -n "$child" ]] && kill "$child" 2>/dev/null; exit 143' TERM
  for try in 1 2 3 4 5; do
    "${wenv[@]}" timeout "$(left)" "$wrangler" kv bulk get "$work/w/chunks/$i.json" --namespace-id "$ns" \
      --remote </dev/null >"$work/w/chunks/$i.out" 2>"$work/w/chunks/$i.err" &
    child=$!
    if wait "$child"; then
      touch "$work/w/chunks/$i.ok"
      return 0
    fi
    echo x >>"$work/w/chunks/$i.failures"
    (($(left) > 2)) || return 1
    sleep 1
  done
  return 1
}
chunks=()   # pids of the chunk jobs started so far
next=0
done_chunks=0
while ((next < nchunks)) && (($(ms) < deadline - reserve)); do
  if (($(running "${chunks[@]}") >= wjobs)); then sleep 0.05; continue; fi
  run_chunk "$(printf '%05d' "$next")" &
  chunks+=($!)
  next=$((next + 1))
  if ((next % 50 == 0)); then log "wrangler: $next/$nchunks bulk gets started, $((($(ms) - w0) / 1000)) s"; fi
done
while (($(running "${chunks[@]}") > 0)); do
  if (($(ms) >= deadline - reserve)); then
    live=" $(jobs -pr | tr '\n' ' ') "
    for p in "${chunks[@]}"; do [[ "$live" == *" $p "* ]] && kill "$p" 2>/dev/null || true; done
    for p in "${chunks[@]}"; do wait "$p" 2>/dev/null || true; done
    break
  fi
  sleep 0.05
done
w_bulk_ms=$(($(ms) - w0))
done_chunks=$(find "$work/w/chunks" -name '*.ok' | wc -l)
log "wrangler: $done_chunks/$nchunks bulk gets done in $((w_bulk_ms / 1000)) s"

# Which values bulk get returned lossily (binary): wrangler's output prints them with U+FFFD.
python3 - "$work/w/chunks" >"$work/w/values.txt" <<'EOF'
import glob, json, os, sys
values = lossy = missing = 0
sample = []
for ok in sorted(glob.glob(sys.argv[1] + "/*.ok")):
    text = open(ok[:-3] + ".out", encoding="utf-8", errors="replace").read()
    got = json.loads(text[text.index("{"):text.rindex("}") + 1])
    for k, v in got.items():
        if v is None:
            missing += 1
            continue
        values += 1
        if "\ufffd" in v:
            lossy += 1
            if "\ufffd" not in k and "\n" not in k:
                sample.append(k)
print(values, lossy, missing)
for k in sample:
    print(k)
EOF
read -r w_values w_lossy w_missing <"$work/w/values.txt"
w_listed=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/w/keys.json")

# Per-key gets for a sample of the lossy (binary) values; the rest is extrapolated.
w_sample_n=0 w_sample_ms=0
while IFS= read -r key && ((w_sample_n < wsample)); do
  ((($(left)) > 5)) || break
  s0=$(ms)
  if run "${wenv[@]}" timeout "$(left)" "$wrangler" kv key get "$key" --namespace-id "$ns" --remote \
    </dev/null >/dev/null 2>"$work/w/get.err"; then
    w_sample_ms=$((w_sample_ms + $(ms) - s0))
    w_sample_n=$((w_sample_n + 1))
  fi
done < <(tail -n +2 "$work/w/values.txt")
w_end_ms=$(($(ms) - w0))
stats "$w_port" >"$work/wrangler-stats.json"
stop_sandbox "$w_pid"

# --- figures --------------------------------------------------------------------------------
python3 - "$work" <<EOF
import json, math, sys
work = sys.argv[1]
lf = json.load(open(f"{work}/landfall.json"))
ls = json.load(open(f"{work}/landfall-stats.json"))
ws = json.load(open(f"{work}/wrangler-stats.json"))
q, w = "$rate".split("/")
window = float(w.rstrip("smh")) * {"s": 1, "m": 60, "h": 3600}[w[-1]] if w[-1] in "smh" else float(w)
per_s = int(q) / window
n, b = lf["keys"], $lf_b
minimum = math.ceil(n / 1000) + math.ceil((n - b) / 100) + b
t_min = minimum / per_s
wall = $lf_ms / 1000
req = ls["total_requests"]
singles = sum(v for k, v in ls["requests_by_route"].items() if "/values/" in k)
eff = t_min / wall
runs = [t / 1000 for t in [$(IFS=,; echo "${lf_times[*]}")]]
line = (f"export-kv N={n} B={b} budget $rate | landfall: {wall:.1f}s (best of {len(runs)}: "
        f"{'/'.join(f'{t:.1f}' for t in runs)}; in-process {lf['seconds']:.1f}s; "
        f"min {t_min:.1f}s), {req} req (min {minimum}, {100 * (req - minimum) / minimum:+.1f}%; "
        f"{singles} single reads), {1000 * req / n:.1f} req/1k keys, efficiency {eff:.2f}, "
        f"429s {$lf_429} (all runs)")
if lf["api"]["requests"] != req:
    line += f" (client counted {lf['api']['requests']})"
nchunks, done = $nchunks, $done_chunks
bulk_s = ($w_bulk_ms - $w_listed_ms) / 1000
listed_s = $w_listed_ms / 1000
jobs = $wjobs
lossy = $w_lossy
per_get = ($w_sample_ms / $w_sample_n / 1000) if $w_sample_n else None
if done:
    lossy_all = round(lossy * nchunks / done)
else:
    lossy_all = b
gets_s = lossy_all * per_get / jobs if per_get else None
if done == nchunks:
    measured = $w_bulk_ms / 1000
    text = f"list+bulk get {measured:.1f}s ({$w_listed} keys listed, {nchunks} bulk gets)"
    total = measured + (gets_s or 0)
else:
    rate_c = done / bulk_s if done and bulk_s > 0 else None
    rest = (nchunks - done) / rate_c if rate_c else None
    text = (f"did not finish in {$w_end_ms / 1000:.0f}s ({$w_listed} keys listed in {listed_s:.1f}s, "
            f"{done}/{nchunks} bulk gets in {bulk_s:.0f}s"
            + (f"; extrapolated {rest:.0f}s more" if rest else "") + ")")
    total = ($w_bulk_ms / 1000) + (rest or 0) + (gets_s or 0)
if gets_s is not None:
    text += (f" + {lossy_all} binary values lossy in bulk get: {lossy_all} kv key get at "
             f"{per_get:.1f}s each ({$w_sample_n} timed), extrapolated {gets_s:.0f}s")
text += (f"; {ws['total_requests']} req, 429s {ws['rate_limited']['limit']}; "
         f"{jobs} process(es) at a time; total ~{total:.0f}s")
ratio = wall / total if total else float("nan")
print(f"{line} | wrangler: {text}, {ratio:.3f}x landfall's speed")
EOF
