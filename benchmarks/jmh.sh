#!/usr/bin/env bash
# JMH suite: builds the benchmarks jar (never `mvn install`), runs every benchmark with the
# iterations set in the classes (2 forks, 2 x 5 s warm-up, 3 x 2 s measured), then writes the
# table (jmh-table.md) and the chart (chart.png) from the JSON result. Not part of `mvn verify`.
# Usage, from the repository root:  bash benchmarks/jmh.sh [extra JMH options, e.g. a regex]
# OUT (default benchmarks/results) is where results, jmh-table.md and chart.png go. RESULT (default
# jmh) names this run's files; a run named otherwise (a re-run of one group) is reported on top of
# $OUT/jmh.json, its figures replacing the same figures of the full run.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-benchmarks/results}
mkdir -p "$OUT"
mvn -B -q -DskipTests -Djacoco.skip=true package -pl benchmarks -am
RESULT=${RESULT:-jmh}
java -jar benchmarks/target/benchmarks.jar -rf json -rff "$OUT/$RESULT.json" "$@" | tee "$OUT/$RESULT.txt"
FILES=("$OUT/jmh.json")
[ "$RESULT" = jmh ] || FILES+=("$OUT/$RESULT.json")
java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar dev.portcullis.bench.Report \
  "${FILES[@]}" "$OUT"
cat "$OUT/jmh-table.md"
