#!/usr/bin/env bash
# Loopback load test of the sample WAR on Payara Micro with wrk: a mixed workload of valid and
# invalid API keys, JWTs and opaque tokens (RELIABILITY.md, "Load"). Every response's status is
# compared with the status its credential must get; the run fails on any wrong decision, any 5xx,
# any socket error, or retained heap growing by more than HEAP_LIMIT_MB.
#
#   scripts/load.sh                        # build, start Payara Micro on a free port, 60 s of load
#   DURATION=120s THREADS=8 PORT=18080 SKIP_BUILD=1 scripts/load.sh
#
# Needs a JDK 17, Maven and curl; installs the Debian package wrk when it is missing. Tokens from
# the demo issuer live 300 s, so DURATION stays below 240 s. Stops the Payara it started.
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION=${DURATION:-60s}
THREADS=${THREADS:-4}
HEAP_LIMIT_MB=${HEAP_LIMIT_MB:-64}
WORK=$(mktemp -d /tmp/portcullis-load.XXXXXX)
PAYARA_PID=

cleanup() {
  if [[ -n "$PAYARA_PID" ]] && kill -0 "$PAYARA_PID" 2>/dev/null; then
    kill "$PAYARA_PID"
    wait "$PAYARA_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}
PORT=${PORT:-$(free_port)}
BASE=http://localhost:$PORT

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)"
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "Building sample-war"
  mvn -B -q -DskipTests verify -pl sample-war -am
fi
WAR=sample-war/target/sample-war.war
MICRO=sample-war/target/payara-micro.jar

echo "Starting Payara Micro on port $PORT (log: $WORK/payara.log)"
PORTCULLIS_DEMO_ISSUER=true \
PORTCULLIS_DEMO_ISSUER_URL=$BASE/demo-issuer \
PORTCULLIS_JWT_ISSUER=$BASE/demo-issuer \
PORTCULLIS_INTROSPECTION_URI=$BASE/demo-issuer/introspect \
  java -Xms256m -Xmx512m -jar "$MICRO" --deploy "$WAR" --contextroot / --port "$PORT" \
  --nocluster >"$WORK/payara.log" 2>&1 &
PAYARA_PID=$!
for _ in $(seq 1 240); do
  if curl -fs "$BASE/api/public/ping" >/dev/null 2>&1; then
    break
  fi
  kill -0 "$PAYARA_PID" 2>/dev/null || { tail -20 "$WORK/payara.log"; exit 1; }
  sleep 1
done
curl -fs "$BASE/api/public/ping" >/dev/null

mint() { # sub scope roles format -> access token
  curl -fs -d "sub=$1" --data-urlencode "scope=$2" -d "roles=$3" -d "format=$4" \
    "$BASE/demo-issuer/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

ALICE_KEY=pc_ec1903ce1d43aa67_x4KAVCkXNzQ9xRSIDuZyqh882eJ7vldJFvy0Az7coek
BOB_KEY=pc_89d90fd1c3a42432_yAyVAEoP48S1oS-dD3YKMe_Wxvg03mH6swX4XQjWVFk
CAROL_REVOKED=pc_3d0e436378c51b6d_5E992Tylhg8yPIjXySpZIjZuoJI-smtaJ4C3W0p3u_o
CASES=$WORK/cases.tsv
case_line() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$CASES"; }

echo "Minting tokens from the demo issuer"
: >"$CASES"
for i in $(seq 1 40); do
  JWT=$(mint "alice$i" "orders:read orders:write" admin jwt)
  OPAQUE=$(mint "bob$i" "orders:read" "" opaque)
  READER=$(mint "carol$i" "profile" "" jwt)
  HEADER=${JWT%%.*}
  REST=${JWT#*.}
  PAYLOAD=${REST%%.*}
  # a random kid the JWKS does not have, the real payload, a signature of the right length
  KID_HEADER=$(printf '{"alg":"RS256","typ":"at+jwt","kid":"load-%s"}' "$(head -c 9 /dev/urandom | base64 | tr '+/' '-_')" | base64 -w0 | tr '+/' '-_' | tr -d '=')
  case_line 200 GET /api/me Authorization "Bearer $JWT"
  case_line 200 GET /api/admin Authorization "Bearer $JWT"
  case_line 201 POST /api/orders Authorization "Bearer $JWT"
  case_line 401 GET /api/me Authorization "Bearer ${JWT%?}$([[ ${JWT: -1} == A ]] && echo B || echo A)"
  case_line 401 GET /api/me Authorization "Bearer $KID_HEADER.$PAYLOAD.${REST#*.}"
  case_line 403 GET /api/orders Authorization "Bearer $READER"
  case_line 200 GET /api/orders Authorization "Bearer $OPAQUE"
  case_line 403 POST /api/orders Authorization "Bearer $OPAQUE"
  case_line 401 GET /api/me Authorization "Bearer $(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
done
for i in $(seq 1 10); do
  case_line 200 GET /api/me X-API-Key "$ALICE_KEY"
  case_line 200 GET /api/orders Authorization "ApiKey $BOB_KEY"
  case_line 403 POST /api/orders X-API-Key "$BOB_KEY"
  case_line 403 GET /api/admin X-API-Key "$BOB_KEY"
  case_line 401 GET /api/me X-API-Key "$CAROL_REVOKED"
  case_line 401 GET /api/me X-API-Key @randomkey
  case_line 401 GET /api/me Authorization "ApiKey @randomkey"
  case_line 400 GET /api/me Authorization "Bearer two tokens"
  case_line 401 GET /api/me - -
  case_line 200 GET /api/public/ping - -
done
echo "$(wc -l <"$CASES") cases"

heap_mb() { # used heap after a full collection, in MB
  jcmd "$PAYARA_PID" GC.run >/dev/null
  jcmd "$PAYARA_PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K", "", v); print int(v / 1024); exit } }'
}

export LOAD_CASES=$CASES
echo "Warm-up: 15 s"
wrk -t "$THREADS" -c "$THREADS" -d 15s -s scripts/load.lua "$BASE" >"$WORK/warmup.txt"
HEAP_BEFORE=$(heap_mb)
echo "Load: $DURATION, $THREADS threads, one connection each"
wrk -t "$THREADS" -c "$THREADS" -d "$DURATION" --latency -s scripts/load.lua "$BASE" | tee "$WORK/wrk.txt"
HEAP_AFTER=$(heap_mb)
echo "Heap used after full GC: before ${HEAP_BEFORE} MB, after ${HEAP_AFTER} MB (limit +${HEAP_LIMIT_MB} MB)"

RESULT=$(grep '^RESULT' "$WORK/wrk.txt")
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<" $RESULT"; }
FAIL=0
[[ "$(field wrong_decisions)" == 0 ]] || { echo "FAIL: wrong decisions"; FAIL=1; }
[[ "$(field status_5xx)" == 0 ]] || { echo "FAIL: 5xx responses"; FAIL=1; }
[[ "$(field socket_errors)" == 0 && "$(field timeouts)" == 0 ]] || { echo "FAIL: socket errors"; FAIL=1; }
[[ "$(field responses)" == "$(field checked)" ]] || { echo "FAIL: unchecked responses"; FAIL=1; }
(( HEAP_AFTER - HEAP_BEFORE <= HEAP_LIMIT_MB )) || { echo "FAIL: heap grew"; FAIL=1; }
echo "Payara log lines with SEVERE or Exception: $(grep -c 'SEVERE\|Exception' "$WORK/payara.log" || true)"
[[ $FAIL == 0 ]] && echo "PASS" || exit 1
