#!/usr/bin/env bash
# JMH suite: builds the benchmarks jar (never `mvn install`), runs every benchmark with the
# iterations set in the classes (2 forks, 2 x 5 s warm-up, 3 x 2 s measured), then writes the
# table (jmh-table.md) and the chart (chart.png) from the JSON result. Not part of `mvn verify`.
# Usage, from the repository root:  bash benchmarks/jmh.sh [extra JMH options, e.g. a regex]
# OUT (default benchmarks/results) is where jmh.json, jmh.txt, jmh-table.md and chart.png go.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-benchmarks/results}
mkdir -p "$OUT"
mvn -B -q -DskipTests -Djacoco.skip=true package -pl benchmarks -am
java -jar benchmarks/target/benchmarks.jar -rf json -rff "$OUT/jmh.json" "$@" | tee "$OUT/jmh.txt"
java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar dev.portcullis.bench.Report \
  "$OUT/jmh.json" "$OUT"
cat "$OUT/jmh-table.md"
