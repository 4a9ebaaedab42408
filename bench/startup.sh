#!/usr/bin/env bash
# Start-up benchmark: the commands a user runs cold on the example site, each run whole
# (the launcher, the JVM, the command), with the JDK AOT cache and without it
# (PORTOLAN_AOT=off), alternating, N runs each (default 7). Prints per command the median wall
# time and the median CPU time (user + sys), and the ratio. Usage: bench/startup.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-7}
./portolan --version >/dev/null               # build the jar if needed
for i in $(seq 1 120); do [ -f target/portolan.aot ] && [ target/portolan.aot -nt target/portolan.jar ] && break; sleep 1; done
[ -f target/portolan.aot ] || { echo "no AOT cache after 120 s" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
commands=(
  "--version"
  "catalog show zenworks"
  "plan examples/site.yaml"
  "doc examples/site.yaml"
  "compile examples/site.yaml --dialect iptables --partial -o $out/c"
  "report examples/site.yaml -o $out/r.html"
)
printf '%-55s %10s %10s %10s %10s %7s\n' command "wall aot" "wall jit" "cpu aot" "cpu jit" "cpu x"
for c in "${commands[@]}"; do
  : > "$out/aot.w"; : > "$out/aot.c"; : > "$out/jit.w"; : > "$out/jit.c"
  for i in $(seq 1 "$n"); do
    for mode in aot jit; do
      if [ $mode = aot ]; then env=(); else env=(PORTOLAN_AOT=off); fi
      /usr/bin/time -f "%e %U %S" -o "$out/t" env "${env[@]}" ./portolan $c >/dev/null 2>&1 || true
      read -r w u s < <(tail -n 1 "$out/t")
      echo "$w" >> "$out/$mode.w"; echo "$u $s" | awk '{print $1+$2}' >> "$out/$mode.c"
    done
  done
  wa=$(median < "$out/aot.w"); wj=$(median < "$out/jit.w"); ca=$(median < "$out/aot.c"); cj=$(median < "$out/jit.c")
  printf '%-55s %9ss %9ss %9ss %9ss %7s\n' "${c/$out/OUT}" "$wa" "$wj" "$ca" "$cj" "$(awk -v a="$ca" -v j="$cj" 'BEGIN {printf "%.2f", j/a}')"
done
