#!/usr/bin/env bash
# Benchmark: `landfall verify latency` beside wrk on the same local server in the same run (issues 8, 19).
#
# 1. Highest sustained paired rate: landfall runs against one local nginx (two ports, so baseline
#    and candidate are the same fast server) at rising rates (RATES, pairs/s); a rate is sustained
#    when the pairs finished per second reach 97% of it and the p50 stays under 5 ms: a client that
#    falls behind builds a queue, and since latency counts from the intended send time, the queue
#    lifts the median. Each line also prints the generator's own lateness p99 (how late requests
#    went out compared with their intended time), and "(late)" when the report warned that it
#    distorts the tail. Goal: >= 8,000 pairs/s (16,000 requests/s) on 2 cores.
# 2. Overhead at the same rate: at COMPARE_RATE (5,000 pairs/s; the highest sustained rate when
#    that was not reached), wrk sends about the same request rate (2x, both of landfall's sides
#    together) to the same nginx with a per-connection delay (wrk is closed-loop; its Lua delay()
#    paces it), and its p50/p99 are set beside landfall's.
#    Goal: landfall's p50 within 2x of wrk's and its p99 within 3x.
#
# Everything (nginx, wrk, landfall) shares this machine's cores, as an operator's laptop would.
# landfall runs through bin/landfall, with the JVM options the launcher gives `verify latency`.
# Prints one line per rate and a summary on stdout; progress goes to stderr.
# Needs: Java 17, nginx, wrk (installed with apt-get when missing and root), python3.
# Knobs: RATES ("1000 2000 3000 4000 5000 6000 7000 8000 10000"), COMPARE_RATE (5000),
# DURATION (10s), WARMUP (3s), CONNECTIONS (16), KEEP=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
log() { echo "verify-latency-bench: $*" >&2; }

rates="${RATES:-1000 2000 3000 4000 5000 6000 7000 8000 10000}"
duration="${DURATION:-10s}"
warmup="${WARMUP:-3s}"
connections="${CONNECTIONS:-16}"
compare_rate="${COMPARE_RATE:-5000}"

for tool in nginx wrk; do
  if ! command -v "$tool" >/dev/null 2>&1 && ! [[ -x /usr/sbin/$tool ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      log "installing $tool from Debian's packages"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$tool" >/dev/null
    else
      log "$tool is missing: apt-get install $tool"; exit 2
    fi
  fi
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d "${TMPDIR:-/tmp}/verify-latency-bench.XXXXXX")"
nginx_pid=""
cleanup() {
  if [[ -n $nginx_pid ]]; then kill "$nginx_pid" 2>/dev/null || true; fi
  if [[ "${KEEP:-}" == 1 ]]; then log "work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port_a=$(port)
port_b=$(port)
cat >"$work/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  server {
    listen 127.0.0.1:$port_a;
    listen 127.0.0.1:$port_b;
    location / { default_type application/json; return 200 '{"ok":true,"service":"bench"}'; }
  }
}
EOF
"$nginx_bin" -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 50); do
  if python3 -c "import socket; socket.create_connection(('127.0.0.1',$port_b),1)" 2>/dev/null; then break; fi
  sleep 0.1
done

jar="$root/cli/target/landfall.jar"
[[ -f $jar ]] || bin/landfall --version >/dev/null
for i in $(seq 0 99); do echo "{\"path\":\"/v1/keys/key-$i\"}"; done >"$work/requests.ndjson"

landfall_at() {
  # Through the launcher, so the run gets the JVM options operators' runs of this command get.
  "$root/bin/landfall" verify latency \
    --baseline "http://127.0.0.1:$port_a" --candidate "http://127.0.0.1:$port_b" \
    --requests "$work/requests.ndjson" --rate "$1" --duration "$duration" --warmup "$warmup" \
    --connections "$connections" --noise-samples 0 --slo 'errors<=0%' --json >"$work/landfall-$1.json" || true
  python3 - "$work/landfall-$1.json" "$1" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1])); rate = float(sys.argv[2])
b, c = j["baseline"], j["candidate"]
p50 = max(b["p50Ms"] or 1e9, c["p50Ms"] or 1e9); p99 = max(b["p99Ms"] or 1e9, c["p99Ms"] or 1e9)
late = j["generator"]["latenessP99Ms"]
ok = j["load"]["achievedRps"] >= 0.97 * rate and p50 < 5 and b["errors"] + c["errors"] == 0
print(f'{j["load"]["achievedRps"]:.0f} {p50:.3f} {p99:.3f} {"-" if late is None else f"{late:.3f}"} '
      f'{"yes" if ok else "no"}{"" if j["generator"]["warning"] is None else "(late)"}')
EOF
}

best=0
best_p50=0
best_p99=0
best_late=0
cmp_rate=0
echo "landfall paired rate (pairs/s): achieved  p50_ms  p99_ms  lateness_p99_ms  sustained"
for r in $rates; do
  log "landfall at $r pairs/s for $duration after $warmup"
  read -r achieved p50 p99 late ok < <(landfall_at "$r")
  printf '  %6s: %8s  %6s  %6s  %15s  %s\n' "$r" "$achieved" "$p50" "$p99" "$late" "$ok"
  if [[ $ok == yes* ]]; then best=$r; best_p50=$p50; best_p99=$p99; best_late=$late; else break; fi
  if [[ $r == "$compare_rate" ]]; then cmp_rate=$r; cmp_p50=$p50; cmp_p99=$p99; cmp_late=$late; fi
done
if [[ $best == 0 ]]; then log "no rate was sustained"; exit 1; fi
if [[ $cmp_rate == 0 ]]; then
  log "$compare_rate pairs/s was not sustained (or not in RATES): comparing with wrk at $best"
  cmp_rate=$best; cmp_p50=$best_p50; cmp_p99=$best_p99; cmp_late=$best_late
fi

# wrk: closed-loop, so pace it: each of C connections waits delay_ms between requests. Aim at
# 2 x COMPARE_RATE requests/s in total (what landfall's two sides send together).
target=$((cmp_rate * 2))
wrk_conn=$(( target * 5 / 1000 ))
(( wrk_conn < 2 )) && wrk_conn=2
cat >"$work/pace.lua" <<'EOF'
function delay() return 5 end
EOF
wrk_run() {
  wrk -t 2 -c "$1" -d "$2" --latency -s "$work/pace.lua" "http://127.0.0.1:$port_a/v1/keys/key-1" >"$work/wrk.txt"
  python3 - "$work/wrk.txt" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
p = {m.group(1): ms(m.group(2), m.group(3)) for m in re.finditer(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", t, re.M)}
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
print(f"{rps:.0f} {p['50']:.3f} {p['99']:.3f}")
EOF
}
# Calibrate: a short run tells the rate per connection this machine gives, then the measured run
# uses as many connections as that rate needs.
log "wrk calibration: $wrk_conn connections, 5 ms apart each"
read -r cal_rps _ _ < <(wrk_run "$wrk_conn" 3s)
wrk_conn=$(python3 -c "print(max(2, round($wrk_conn * $target / max(1.0, $cal_rps))))")
log "wrk at about $target requests/s: $wrk_conn connections"
read -r wrk_rps wrk_p50 wrk_p99 < <(wrk_run "$wrk_conn" "$duration")
echo "wrk at ${wrk_rps} requests/s (landfall sent $target at $cmp_rate pairs/s): p50 ${wrk_p50} ms, p99 ${wrk_p99} ms"
python3 - "$best" "$best_late" "$cmp_rate" "$cmp_p50" "$cmp_p99" "$wrk_p50" "$wrk_p99" "$cmp_late" <<'EOF'
import sys
best, best_late, rate = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
lp50, lp99, wp50, wp99 = map(float, sys.argv[4:8])
late = sys.argv[8]
print(f"summary: highest sustained {best} pairs/s ({2*best} requests/s; goal >= 8000 pairs/s: "
      f"{'met' if best >= 8000 else 'NOT met'}; generator lateness p99 there {best_late} ms); "
      f"at {rate} pairs/s landfall p50 {lp50:.3f} ms vs wrk {wp50:.3f} ms "
      f"= {lp50 / wp50:.2f}x (goal <= 2x: {'met' if lp50 <= 2 * wp50 else 'NOT met'}), "
      f"p99 {lp99:.3f} ms vs {wp99:.3f} ms = {lp99 / wp99:.2f}x (goal <= 3x: {'met' if lp99 <= 3 * wp99 else 'NOT met'}), "
      f"generator lateness p99 {late} ms")
EOF
