#!/usr/bin/env bash
# Start-up benchmark: every command a user runs cold on the example site, each run whole (the
# launcher, the JVM, the command), in four JVM set-ups, alternating, N runs each (default 5):
#   aot     the launcher as it is (its AOT cache for the command; C1 only where it says)
#   jit     PORTOLAN_AOT=off
#   aot-c1  the AOT cache and C1 only (-XX:TieredStopAtLevel=1 via PORTOLAN_JAVA_OPTS)
#   jit-c1  no cache, C1 only
# (for the commands the launcher runs with C1 already, aot = aot-c1 and jit = jit-c1).
# Prints per command the median wall and CPU (user + sys) time of each, so that the launcher's
# per-command choice of C1 can be checked.
# With BEFORE_DIR (another checkout with its jar built, e.g. main's), two set-ups instead, each
# the launcher as it is with its own AOT caches, alternating run by run: before (BEFORE_DIR's
# ./portolan) and after (this tree's). Usage: bench/startup.sh [N [BEFORE_DIR]]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
before=${2:-}
[ -z "$before" ] || before=$(cd "$before" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
. bench/aot.sh
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Inputs the later commands read: the core firewall's compiled ruleset, a small real capture.
./portolan compile examples/site.yaml --dialect iptables --partial -o "$out/rules" >/dev/null 2>&1 || true
cap=src/test/resources/capture/basic-pcap
commands=(
  "--version"
  "--help"
  "catalog list"
  "catalog show zenworks"
  "plan examples/site.yaml"
  "doc examples/site.yaml"
  "compile examples/site.yaml --dialect iptables --partial -o OUT/c"
  "verify examples/site.yaml --firewall core-fw --ruleset OUT/rules/core-fw.iptables"
  "change examples/site.yaml --firewall core-fw --ruleset OUT/rules/core-fw.iptables -o OUT/ch"
  "diagram examples/site.yaml -o OUT/d.dot"
  "capture $cap/input.pcap --flows $cap/flows.csv"
  "report examples/site.yaml -o OUT/r.html"
)
for c in "${commands[@]}"; do aot_ready ${c//OUT/$out}; done
modes=(aot jit aot-c1 jit-c1)
if [ -n "$before" ]; then
  for c in "${commands[@]}"; do (cd "$before" && aot_ready ${c//OUT/$out}); done
  modes=(before after)
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before; $n runs per command and mode, alternating"
printf '%-44s' command; for m in "${modes[@]}"; do printf ' %9s' "wall $m"; done; for m in "${modes[@]}"; do printf ' %9s' "cpu $m"; done; echo
for c in "${commands[@]}"; do
  c=${c//OUT/$out}
  for m in "${modes[@]}"; do : > "$out/$m.w"; : > "$out/$m.c"; done
  for i in $(seq 1 "$n"); do
    for m in "${modes[@]}"; do
      env=()
      case $m in jit | jit-c1) env+=(PORTOLAN_AOT=off) ;; esac
      case $m in *-c1) env+=(PORTOLAN_JAVA_OPTS=-XX:TieredStopAtLevel=1) ;; esac
      launcher=./portolan
      [ "$m" != before ] || launcher=$before/portolan
      /usr/bin/time -f "%e %U %S" -o "$out/t" env "${env[@]}" "$launcher" $c >/dev/null 2>&1 || true
      read -r w u s < <(tail -n 1 "$out/t")
      echo "$w" >> "$out/$m.w"; echo "$u $s" | awk '{print $1+$2}' >> "$out/$m.c"
    done
  done
  printf '%-44s' "$(echo "${c//$out/OUT}" | cut -c1-44)"
  for m in "${modes[@]}"; do printf ' %8ss' "$(median < "$out/$m.w")"; done
  for m in "${modes[@]}"; do printf ' %8ss' "$(median < "$out/$m.c")"; done
  echo
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
