#!/usr/bin/env bash
# End-to-end benchmark: the sample WAR and the MP-JWT anchor WAR in ONE Payara Micro on loopback,
# loaded with wrk. Not part of `mvn verify`. Usage, from the repository root:
#
#   bash benchmarks/e2e.sh
#
# Settings (environment): PORT (default: a free port), DURATION (measured run per endpoint, 20s),
# WARMUP (unmeasured run of every endpoint first, 15s each), CONNECTIONS (16), THREADS (wrk threads, 2),
# OUT (results directory, benchmarks/results). Installs the Debian package wrk when it is missing.
# Writes $OUT/e2e.csv and $OUT/e2e.md; stops the Payara it started.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
OUT=${OUT:-benchmarks/results}
WORK=benchmarks/target/e2e
PAYARA_VERSION=6.2025.10
BASE=http://127.0.0.1:$PORT
ISS=$BASE/demo-issuer
API_KEY=pc_ec1903ce1d43aa67_x4KAVCkXNzQ9xRSIDuZyqh882eJ7vldJFvy0Az7coek   # the README's demo key

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
mkdir -p "$WORK" "$OUT"

echo "== build"
mvn -B -q -DskipTests package -pl sample-war,benchmarks/mp-jwt-war -am
mvn -B -q -N dependency:copy -Dartifact=fish.payara.extras:payara-micro:$PAYARA_VERSION \
  -DoutputDirectory="$WORK" -Dmdep.stripVersion=true
cp sample-war/target/sample-war.war "$WORK/ROOT.war"        # context root /
cp benchmarks/mp-jwt-war/target/mpjwt.war "$WORK/mpjwt.war"  # context root /mpjwt

echo "== start Payara Micro on port $PORT"
java -Xms512m -Xmx512m \
  -DPORTCULLIS_DEMO_ISSUER=true -DPORTCULLIS_DEMO_ISSUER_URL="$ISS" \
  -DPORTCULLIS_JWT_ISSUER="$ISS" -DPORTCULLIS_INTROSPECTION_URI="$ISS/introspect" \
  -Dmp.jwt.verify.publickey.location="$ISS/jwks" -Dmp.jwt.verify.issuer="$ISS" \
  -Dmp.jwt.verify.audiences=portcullis-sample -Ddisable.type.verification=true \
  -jar "$WORK/payara-micro.jar" --nocluster --port "$PORT" \
  --deploy "$WORK/ROOT.war" --deploy "$WORK/mpjwt.war" > "$WORK/payara.log" 2>&1 &
PAYARA=$!
trap 'kill $PAYARA 2>/dev/null || true; wait $PAYARA 2>/dev/null || true' EXIT

for _ in $(seq 1 180); do
  curl -fs "$BASE/api/public/ping" >/dev/null 2>&1 && curl -s -o /dev/null "$BASE/mpjwt/me" && break
  kill -0 $PAYARA 2>/dev/null || { tail -50 "$WORK/payara.log"; exit 1; }
  sleep 1
done
curl -fs "$BASE/api/public/ping" >/dev/null

token() { curl -fs "$@" "$ISS/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'; }
JWT=$(token -d sub=alice -d 'scope=orders:read orders:write' -d roles=admin)
OPAQUE=$(token -d sub=alice -d 'scope=orders:read orders:write' -d roles=admin -d format=opaque)

# name | path | header
TARGETS=(
  "unauthenticated (same shape)|/api/public/me|Authorization: Bearer $JWT"
  "unauthenticated ping|/api/public/ping|X-None: none"
  "apiKey|/api/me|X-API-Key: $API_KEY"
  "jwt (cached)|/api/me|Authorization: Bearer $JWT"
  "opaque (cached)|/api/me|Authorization: Bearer $OPAQUE"
  "MP-JWT (Payara)|/mpjwt/me|Authorization: Bearer $JWT"
)

echo "== check every endpoint answers 200"
for t in "${TARGETS[@]}"; do
  IFS='|' read -r name path header <<<"$t"
  status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "$header" "$BASE$path")
  if [ "$status" != 200 ]; then
    echo "$name $path answered $status: $(cat "$WORK/body")"; tail -30 "$WORK/payara.log"; exit 1
  fi
done

# wrk latency figures come as 1.23ms / 456.78us / 1.02s; print microseconds
to_us() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); print v} else if (v ~ /ms$/) {sub(/ms/,"",v); print v*1000} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000000}}' <<<"$1"; }

echo "== warm-up: every endpoint for $WARMUP (JIT, caches, connection pools), nothing measured"
for t in "${TARGETS[@]}"; do
  IFS='|' read -r name path header <<<"$t"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$header" "$BASE$path" >/dev/null
done

CSV="$OUT/e2e.csv"
echo "endpoint,path,requests_per_s,p50_us,p90_us,p99_us" > "$CSV"
for t in "${TARGETS[@]}"; do
  IFS='|' read -r name path header <<<"$t"
  echo "== $name: $DURATION"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$header" "$BASE$path" > "$WORK/wrk.txt"
  grep -E 'Requests/sec|Non-2xx|Socket errors' "$WORK/wrk.txt" || true
  if grep -q 'Non-2xx' "$WORK/wrk.txt"; then echo "non-2xx answers for $name"; exit 1; fi
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  p50=$(to_us "$(awk '$1=="50%" {print $2}' "$WORK/wrk.txt")")
  p90=$(to_us "$(awk '$1=="90%" {print $2}' "$WORK/wrk.txt")")
  p99=$(to_us "$(awk '$1=="99%" {print $2}' "$WORK/wrk.txt")")
  echo "$name,$path,$rps,$p50,$p90,$p99" >> "$CSV"
done

{
  echo "| endpoint | path | requests/s | vs unauthenticated | p50 | p90 | p99 |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  awk -F, 'NR==2 {base=$3} NR>1 {printf "| %s | `%s` | %.0f | %.0f%% | %.2f ms | %.2f ms | %.2f ms |\n", $1, $2, $3, 100*$3/base, $4/1000, $5/1000, $6/1000}' "$CSV"
} > "$OUT/e2e.md"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after $WARMUP of warm-up per endpoint), port $PORT, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/e2e.md"
cat "$OUT/e2e.md"
