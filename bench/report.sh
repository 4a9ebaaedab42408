#!/usr/bin/env bash
# Report benchmark: `report examples/site.yaml` whole process (JVM, catalog, plan, the
# Graphviz layouts, HTML), an earlier jar against this tree's, alternating, N runs each
# (default 5), both as plain `java -jar` (no AOT cache, so neither is favoured). Prints the
# median wall and CPU (user + sys, Graphviz's processes included) of each, their ratio, and
# `plan` of the same site by this tree's jar: the floor a report cannot go below.
# Without BEFORE.jar (as bench/all.sh runs it) only this tree's report and plan are timed.
# Usage: bench/report.sh [BEFORE.jar [N]]
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:-}
n=${2:-5}
. .mvn/jdk.sh && portolan_find_jdk
./portolan --version >/dev/null               # build the jar if needed
after=target/portolan.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { # name jar args...
  local name=$1 jar=$2; shift 2
  /usr/bin/time -f "%e %U %S" -o "$out/t" "$JAVA_HOME/bin/java" -jar "$jar" "$@" >/dev/null 2>&1
  read -r w u s < <(tail -n 1 "$out/t")
  echo "$w" >> "$out/$name.w"; awk -v u="$u" -v s="$s" 'BEGIN {print u+s}' >> "$out/$name.c"
}
for i in $(seq 1 "$n"); do
  [ -z "$before" ] || run before "$before" report examples/site.yaml -o "$out/before.html"
  run after "$after" report examples/site.yaml -o "$out/after.html"
  run plan "$after" plan examples/site.yaml -o "$out/plan.txt"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
printf '%-28s %10s %10s\n' "" "wall" "cpu"
for k in before after plan; do [ -f "$out/$k.w" ] || continue; printf '%-28s %9ss %9ss\n' "$k" "$(median < "$out/$k.w")" "$(median < "$out/$k.c")"; done
[ -z "$before" ] || awk -v bw="$(median < "$out/before.w")" -v aw="$(median < "$out/after.w")" -v bc="$(median < "$out/before.c")" -v ac="$(median < "$out/after.c")" \
  'BEGIN {printf "before / after: wall %.2f×, cpu %.2f×\n", bw/aw, bc/ac}'
