#!/usr/bin/env bash
# Planner benchmark: a generated site with N hosts (default 50,000) and all bundled products.
# Prints the in-process breakdown (median of 5) and the whole CLI's wall time and peak RSS
# (/usr/bin/time, 5 runs). With BEFORE.jar, that jar's CLI runs too, alternating with this
# tree's, both as plain `java -jar` (no AOT cache), and the medians of wall and CPU (user +
# sys) are printed side by side. JVM options for either side: BEFORE_OPTS, AFTER_OPTS (e.g. the
# launcher's -XX:TieredStopAtLevel=1 for plan). Usage: bench/plan.sh [HOSTS] [BEFORE.jar]
set -euo pipefail
cd "$(dirname "$0")/.."
hosts=${1:-50000}
before=${2:-}
. .mvn/jdk.sh && portolan_find_jdk
./mvnw -q -B -DskipTests package >/dev/null
./mvnw -q -B test-compile >/dev/null
cp="target/test-classes:target/portolan.jar"
site=$(mktemp --suffix=.yaml)
trap 'rm -f "$site" "$site.csv"' EXIT
"$JAVA_HOME/bin/java" -cp "$cp" org.portolan.bench.SiteGenerator "$hosts" "$site"
echo "site: $hosts hosts, $(wc -c < "$site") bytes of YAML"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" org.portolan.bench.PlanBenchmark "$site" 5
if [ -z "$before" ]; then
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "cli run $i: wall %e s, peak RSS %M KB" ./portolan plan "$site" --format csv -o "$site.csv"
  done
  exit 0
fi
t=$(mktemp -d)
trap 'rm -rf "$site" "$site.csv" "$t"' EXIT
for i in 1 2 3 4 5; do
  for k in before after; do
    jar=target/portolan.jar; opts=${AFTER_OPTS:-}; [ $k = before ] && jar=$before && opts=${BEFORE_OPTS:-}
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$t/x" "$JAVA_HOME/bin/java" $opts -jar "$jar" plan "$site" --format csv -o "$site.csv"
    read -r w u s m < "$t/x"
    echo "$w" >> "$t/$k.w"; awk -v u="$u" -v s="$s" 'BEGIN {print u+s}' >> "$t/$k.c"; echo "$m" >> "$t/$k.m"
    [ $k = before ] && cp "$site.csv" "$t/before.csv" || cmp -s "$site.csv" "$t/before.csv" || { echo "plan.sh: the CSVs differ" >&2; exit 1; }
    echo "cli $k run $i: wall $w s, cpu $u+$s s, peak RSS $m KB"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for k in before after; do echo "median $k: wall $(median < "$t/$k.w") s, cpu $(median < "$t/$k.c") s, peak RSS $(median < "$t/$k.m") KB"; done
