#!/usr/bin/env bash
# Cluster benchmark of rate limits (BENCHMARKS.md, "Rate limits across two nodes (wrk)"): TWO
# Payara Micro nodes with the sample WAR, clustered over TCP/IP on loopback with the options of
# sample-war's PayaraCluster, loaded by one wrk whose threads alternate between the nodes
# (benchmarks/cluster.lua). A cached API-key request to /api/me is measured in three
# configurations, each on a freshly started pair of nodes:
#   none   no rate limit                                  (grid=jcache, PORTCULLIS_RATE_LIMIT unset)
#   local  rate limit, buckets on each node               (grid=local)
#   grid   rate limit, buckets in the Hazelcast JCache    (grid=jcache)
# and each with one key for every connection and with KEYS keys in turn (about half of the buckets
# owned by the other node). The limit (1000000000/1s) never runs out: every answer must be 200.
# Around each run it reads, on both nodes, the gauge portcullis_rateLimit_gridOperations and the
# apiKey decisions counter from /metrics, and the TCP counters (ss) of the connections between the
# two data-grid ports. Not part of `mvn verify`. Usage, from the repository root:
#
#   bash benchmarks/cluster.sh
#   DURATION=3s WARMUP=2s bash benchmarks/cluster.sh     # smoke test
#
# Settings (environment): DURATION (measured run per configuration and key count, 20s), WARMUP
# (unmeasured load on each fresh pair of nodes, 15s), CONNECTIONS (wrk connections in all, half per
# node, 32), THREADS (wrk threads, even, 2), KEYS (keys of the many-keys run, 32), TIMEOUT (wrk's
# answer timeout, counted as a socket error, 10s), SKIP_BUILD (set: reuse the built WAR), OUT
# (results directory, benchmarks/results). Fails when any answer was not 200 or any socket failed. Installs the Debian package wrk
# when it is missing. Writes $OUT/cluster.csv and $OUT/cluster.md; stops the nodes it started.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
KEYS=${KEYS:-32}
TIMEOUT=${TIMEOUT:-10s}
OUT=${OUT:-benchmarks/results}
WORK=$PWD/benchmarks/target/cluster
PAYARA_VERSION=6.2025.10
LIMIT=1000000000/1s
GAUGE=portcullis_rateLimit_gridOperations
PIDS=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
stop_nodes() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap stop_nodes EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
rm -rf "$WORK" && mkdir -p "$WORK" "$OUT"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "== build"
  mvn -B -q -DskipTests package -pl sample-war -am
fi
mvn -B -q -N dependency:copy -Dartifact=fish.payara.extras:payara-micro:$PAYARA_VERSION \
  -DoutputDirectory="$WORK" -Dmdep.stripVersion=true
cp sample-war/target/sample-war.war "$WORK/ROOT.war"

# KEYS fresh API keys in the sample's key file format (hash only); the keys themselves for wrk
python3 - "$KEYS" "$WORK" <<'EOF'
import base64, hashlib, os, sys
n, work = int(sys.argv[1]), sys.argv[2]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
keys, lines = [], []
for i in range(n):
    kid = os.urandom(8).hex()
    key = f"pc_{kid}_{b64(os.urandom(32))}"
    keys.append(key)
    lines.append(f"{kid}=hash=sha256:{b64(hashlib.sha256(key.encode()).digest())};principal=bench{i};scopes=orders:read;roles=")
open(f"{work}/api-keys.properties", "w").write("\n".join(lines) + "\n")
open(f"{work}/many.keys", "w").write("\n".join(keys) + "\n")
open(f"{work}/one.keys", "w").write(keys[0] + "\n")
EOF

# start_nodes <label> <grid> <limit or empty>: two clustered nodes (PayaraCluster's options); waits
# until both answer and both data grids count two members
start_nodes() {
  local label=$1 grid=$2 limit=$3 name=portcullis-bench-$RANDOM$RANDOM i
  G=("$(free_port)" "$(free_port)")
  P=("$(free_port)" "$(free_port)")
  for i in 0 1; do
    mkdir -p "$WORK/$label/node$i"
    PORTCULLIS_RATE_LIMIT=$limit PORTCULLIS_API_KEYS_FILE=$WORK/api-keys.properties \
      java -Xms512m -Xmx512m -Dportcullis.portcullis.grid="$grid" \
      -jar "$WORK/payara-micro.jar" --deploy "$WORK/ROOT.war" --contextroot / --port "${P[$i]}" \
      --clustermode "tcpip:127.0.0.1:${G[0]},127.0.0.1:${G[1]}" --clustername "$name" \
      --interfaces 127.0.0.1 --startport "${G[$i]}" --nohostaware --name "node$i" \
      > "$WORK/$label/node$i/payara.log" 2>&1 &
    PIDS+=($!)
  done
  for i in 0 1; do
    local log=$WORK/$label/node$i/payara.log
    for _ in $(seq 1 300); do
      [[ "$(grep -o 'DG Size: [0-9]*' "$log" | tail -1)" == "DG Size: 2" ]] \
        && curl -fs "http://127.0.0.1:${P[$i]}/api/public/ping" >/dev/null 2>&1 && break
      kill -0 "${PIDS[$i]}" 2>/dev/null || { tail -40 "$log"; exit 1; }
      sleep 1
    done
    curl -fs "http://127.0.0.1:${P[$i]}/api/public/ping" >/dev/null || { tail -40 "$log"; exit 1; }
  done
}

# sample: per node the grid-operations gauge and the apiKey requests admitted, then the grid TCP totals
sample() {
  local i
  for i in 0 1; do
    curl -fs "http://127.0.0.1:${P[$i]}/metrics" > "$WORK/metrics"
    awk -v g="$GAUGE" 'index($0, g) == 1 {v = $NF} END {print "ops" n, v + 0}' n=$i "$WORK/metrics"
    awk '/^portcullis_decisions_total/ && /mechanism="apiKey"/ && /outcome="authenticated"/ {s += $NF} END {print "req" n, s + 0}' n=$i "$WORK/metrics"
  done
  # the accepting end of every connection between the members: both directions, counted once
  ss -tinH state established "( sport = :${G[0]} or sport = :${G[1]} )" | tr ' ' '\n' | awk -F: '
    $1 == "bytes_acked" || $1 == "bytes_received" {bytes += $2}
    $1 == "data_segs_out" || $1 == "data_segs_in" {segs += $2}
    END {print "bytes", bytes + 0; print "segs", segs + 0}'
}

to_us() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v} else if (v ~ /ms$/) {sub(/ms/,"",v); print v*1000} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000000}}' <<<"$1"; }
run_wrk() { # <keys file> <duration> <output>
  NODE0_PORT=${P[0]} NODE1_PORT=${P[1]} KEYS=$1 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout "$TIMEOUT" --latency \
    -s benchmarks/cluster.lua "http://127.0.0.1:${P[0]}/api/me" > "$3"
}

CSV=$OUT/cluster.csv
echo "config,keys,requests_per_s,p50_us,p90_us,p99_us,non200,socket_errors,requests_node0,requests_node1,grid_ops_node0,grid_ops_node1,grid_ops_per_request,grid_tcp_segments_per_request,grid_tcp_bytes_per_request" > "$CSV"
for config in "none|jcache|" "local|local|$LIMIT" "grid|jcache|$LIMIT"; do
  IFS='|' read -r label grid limit <<<"$config"
  echo "== $label: starting two nodes (grid=$grid, PORTCULLIS_RATE_LIMIT=${limit:-unset})"
  start_nodes "$label" "$grid" "$limit"
  for i in 0 1; do
    while read -r key; do
      status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "X-API-Key: $key" "http://127.0.0.1:${P[$i]}/api/me")
      [[ "$status" == 200 ]] || { echo "node$i answered $status: $(cat "$WORK/body")"; exit 1; }
    done < "$WORK/many.keys"
  done
  echo "   warm-up $WARMUP"
  run_wrk "$WORK/many.keys" "$WARMUP" "$WORK/warmup.txt"
  for keys in one many; do
    sample > "$WORK/before"
    run_wrk "$WORK/$keys.keys" "$DURATION" "$WORK/wrk.txt"
    sample > "$WORK/after"
    cp "$WORK/wrk.txt" "$WORK/$label-$keys.wrk.txt"
    non200=$(awk -F'[= ]' '/^non2xx=/ {print $2}' "$WORK/wrk.txt")
    errors=$(awk -F'[= ]' '/^non2xx=/ {print $4}' "$WORK/wrk.txt")
    rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
    p50=$(to_us "$(awk '$1=="50%" {print $2}' "$WORK/wrk.txt")")
    p90=$(to_us "$(awk '$1=="90%" {print $2}' "$WORK/wrk.txt")")
    p99=$(to_us "$(awk '$1=="99%" {print $2}' "$WORK/wrk.txt")")
    d() { echo $(( $(awk -v k="$1" '$1 == k {print $2}' "$WORK/after") - $(awk -v k="$1" '$1 == k {print $2}' "$WORK/before") )); }
    r0=$(d req0) r1=$(d req1) o0=$(d ops0) o1=$(d ops1) bytes=$(d bytes) segs=$(d segs)
    nkeys=$(wc -l < "$WORK/$keys.keys")
    echo "   $nkeys key(s): $rps requests/s, p50 ${p50}us, non-200 $non200, socket errors $errors; admitted $r0 + $r1, grid operations $o0 + $o1, grid TCP $segs segments / $bytes bytes"
    awk -v c="$label" -v k="$nkeys" -v rps="$rps" -v p50="$p50" -v p90="$p90" -v p99="$p99" -v bad="$non200" -v err="$errors" \
      -v r0="$r0" -v r1="$r1" -v o0="$o0" -v o1="$o1" -v segs="$segs" -v bytes="$bytes" 'BEGIN {
        n = r0 + r1; printf "%s,%d,%s,%s,%s,%s,%d,%d,%d,%d,%d,%d,%.3f,%.3f,%.1f\n", c, k, rps, p50, p90, p99, bad, err, r0, r1, o0, o1,
          n ? (o0 + o1) / n : 0, n ? segs / n : 0, n ? bytes / n : 0}' >> "$CSV"
  done
  stop_nodes
done

{
  echo "| configuration | keys | requests/s | p50 | p90 | p99 | non-200 / socket errors | grid ops / request (node0, node1) | grid TCP segments / request | grid TCP bytes / request |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F, 'NR > 1 {
    name = $1 == "none" ? "no rate limit" : $1 == "local" ? "rate limit, local buckets" : "rate limit, grid buckets"
    printf "| %s | %d | %.0f | %.2f ms | %.2f ms | %.2f ms | %d / %d | %.3f (%s, %s) | %.2f | %.0f |\n",
      name, $2, $3, $4 / 1000, $5 / 1000, $6 / 1000, $7, $8, $13, $9 ? sprintf("%.3f", $11 / $9) : "-",
      $10 ? sprintf("%.3f", $12 / $10) : "-", $14, $15}' "$CSV"
  echo
  echo "Cost per request of grid buckets over no rate limit (1/throughput difference, whole machine; p50 difference):"
  echo
  awk -F, 'NR > 1 {rps[$1 "," $2] = $3; p50[$1 "," $2] = $4; keys[$2] = 1}
    END {for (k in keys) if (rps["none," k] && rps["grid," k])
      printf "- %d key(s): %.1f us per request of throughput, %+.0f us at p50 (local buckets: %.1f us, %+.0f us)\n", k,
        1e6 / rps["grid," k] - 1e6 / rps["none," k], p50["grid," k] - p50["none," k],
        1e6 / rps["local," k] - 1e6 / rps["none," k], p50["local," k] - p50["none," k]}' "$CSV" | sort -n -k2
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT --latency -s benchmarks/cluster.lua (threads alternate between the nodes; after $WARMUP of warm-up on each fresh pair of nodes), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/cluster.md"
cat "$OUT/cluster.md"
bad=$(awk -F, 'NR > 1 {s += $7 + $8} END {print s + 0}' "$CSV")
[[ "$bad" == 0 ]] || { echo "$bad answers were not 200 or failed (see $WORK/*.wrk.txt)"; exit 1; }
