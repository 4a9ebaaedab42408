#!/usr/bin/env bash
# Verify benchmark: a generated 10,000-line iptables-save ruleset against 100,000 flows.
# Prints in-process medians (import, verdicts + excess, with rule analysis) and the whole CLI's
# wall time and peak RSS (/usr/bin/time, 5 runs). Usage: bench/verify.sh [RULES] [FLOWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rules=${1:-10000}
flows=${2:-100000}
. .mvn/jdk.sh && portolan_find_jdk
./mvnw -q -B -DskipTests package >/dev/null
./mvnw -q -B test-compile >/dev/null
cp="target/test-classes:target/portolan.jar"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$JAVA_HOME/bin/java" -cp "$cp" org.portolan.verify.VerifyBenchmark generate "$rules" "$flows" "$dir"
echo "ruleset: $(wc -l < "$dir/ruleset.save") lines; flows: $(($(wc -l < "$dir/flows.csv") - 1))"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" org.portolan.verify.VerifyBenchmark run "$dir" 5
for i in 1 2 3 4 5; do
  /usr/bin/time -f "cli run $i: wall %e s, peak RSS %M KB" ./portolan verify --ruleset "$dir/ruleset.save" --flows "$dir/flows.csv" \
    --no-rule-analysis --format json -o "$dir/out.json" || test $? -eq 1
done
