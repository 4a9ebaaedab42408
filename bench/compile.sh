#!/usr/bin/env bash
# Compile benchmark: Portolan's compile against Capirca on a generated 2,000-flow site, iptables
# target (BENCHMARKS.md, Compile, says what is timed). Two parts, each alternating, N runs
# (default 9):
#  1. warm, in-process: CompileBenchmark (Portolan's Compiler.render after warm-up against
#     Capirca's ParsePolicy + Iptables inside Python);
#  2. cold, whole process, as a user runs them: `./portolan compile --flows flows.csv --dialect
#     iptables` (the launcher as it is, and without its AOT cache) against `aclgen` on the same
#     policy, with the median wall and CPU (user + sys) time of each.
# Usage: bench/compile.sh [FLOWS] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh && portolan_find_jdk
flows=${1:-2000}
n=${2:-9}
./mvnw -q -B -DskipTests package >/dev/null
./mvnw -q -B test-compile >/dev/null
"$JAVA_HOME/bin/java" -cp target/test-classes:target/portolan.jar org.portolan.compile.CompileBenchmark "$flows" "$n"
d=target/bench-compile
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
. bench/aot.sh
aot_ready compile --flows "$d/flows.csv" --dialect iptables -o "$out/o"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
modes=(portolan portolan-noaot aclgen)
for m in "${modes[@]}"; do : > "$out/$m.w"; : > "$out/$m.c"; done
echo "cold, whole process: load $(cut -d' ' -f1-3 /proc/loadavg) before, $n runs each, alternating"
for i in $(seq 1 "$n"); do
  for m in "${modes[@]}"; do
    rm -rf "$out/o"
    case $m in
      portolan) cmd=(./portolan compile --flows "$d/flows.csv" --dialect iptables -o "$out/o") ;;
      portolan-noaot) cmd=(env PORTOLAN_AOT=off ./portolan compile --flows "$d/flows.csv" --dialect iptables -o "$out/o") ;;
      aclgen) cmd=(aclgen --base_directory="$d/policies" --definitions_directory="$d/def" --output_directory="$out/o"
        --policy_file="$d/policies/bench.pol" --optimize --max_renderers=1) ;;
    esac
    /usr/bin/time -f "%e %U %S" -o "$out/t" "${cmd[@]}" >/dev/null 2>&1 || { echo "$m failed:"; "${cmd[@]}" 2>&1 | tail -5; exit 1; }
    read -r w u s < <(tail -n 1 "$out/t")
    echo "$w" >> "$out/$m.w"; echo "$u $s" | awk '{print $1+$2}' >> "$out/$m.c"
  done
done
for m in "${modes[@]}"; do
  printf '%-16s wall median %6ss   cpu median %6ss\n' "$m" "$(median < "$out/$m.w")" "$(median < "$out/$m.c")"
done
awk -v p="$(median < "$out/portolan.w")" -v a="$(median < "$out/aclgen.w")" -v pc="$(median < "$out/portolan.c")" -v ac="$(median < "$out/aclgen.c")" \
  'BEGIN {printf "ratio aclgen / portolan: wall %.2fx, cpu %.2fx\n", a/p, ac/pc}'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
