#!/usr/bin/env bash
# Planner benchmark: a generated site with N hosts (default 50,000) and all bundled products.
# Prints the in-process breakdown (median of 5) and the whole CLI's wall time and peak RSS
# (/usr/bin/time, 5 runs). Usage: bench/plan.sh [HOSTS]
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${1:-50000}
. .mvn/jdk.sh && portolan_find_jdk
./mvnw -q -B -DskipTests package >/dev/null
./mvnw -q -B test-compile >/dev/null
cp="target/test-classes:target/portolan.jar"
site=$(mktemp --suffix=.yaml)
trap 'rm -f "$site" "$site.csv"' EXIT
"$JAVA_HOME/bin/java" -cp "$cp" org.portolan.bench.SiteGenerator "$hosts" "$site"
echo "site: $hosts hosts, $(wc -c < "$site") bytes of YAML"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" org.portolan.bench.PlanBenchmark "$site" 5
for i in 1 2 3 4 5; do
  /usr/bin/time -f "cli run $i: wall %e s, peak RSS %M KB" ./portolan plan "$site" --format csv -o "$site.csv"
done
