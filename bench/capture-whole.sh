#!/usr/bin/env bash
# Capture, whole process, side by side (issue #18): one generated 1 GB pcap (in a temporary
# directory, removed afterwards), page cache warm; `./portolan capture FILE --format json` of this
# tree, optionally of a BEFORE tree (a directory with its own ./portolan and target/portolan.jar,
# e.g. main's build, for before/after), and `tshark -q -z conv,tcp -r FILE`, alternating, RUNS
# times; medians of wall and CPU (user + system), GB/s, ratios, the load average at each run,
# and the JSON of both trees compared with cmp. BENCHMARKS.md, "Capture: the whole process near
# its limit". Usage: bench/capture-whole.sh [BEFORE_DIR] [RUNS=5]
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
bench_init
before=${1:-}
runs=${2:-5}
. bench/aot.sh
capture_test=src/test/resources/capture/basic-pcap/input.pcap
aot_ready capture "$capture_test"
if [ -n "$before" ]; then (cd "$before" && aot_ready capture "$capture_test"); fi
file=$dir/bench-1gb.pcap
"$JAVA_HOME/bin/java" -cp "$cp" org.portolan.capture.CaptureBenchmark "$file" 1000
bytes=$(stat -c %s "$file")
cat "$file" >/dev/null # into the page cache
./portolan capture "$file" --format json >"$dir/after.json" || test $? -eq 1
if [ -n "$before" ]; then
  "$before/portolan" capture "$file" --format json >"$dir/before.json" || test $? -eq 1
  if cmp "$dir/before.json" "$dir/after.json"; then echo "output: byte-identical to BEFORE's ($(stat -c %s "$dir/after.json") bytes of JSON)"; else echo "output: DIFFERS from BEFORE's"; exit 1; fi
fi
times=$dir/times
one() { # LABEL COMMAND...: one timed run, appended as "LABEL wall cpu load1"
  local label=$1 t=$dir/t
  shift
  /usr/bin/time -o "$t" -f "%e %U %S" "$@" >/dev/null 2>&1 || true
  grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$t" | awk -v l="$label" -v load="$(cut -d' ' -f1 /proc/loadavg)" '{print l, $1, $2 + $3, load}' | tee -a "$times"
}
for ((i = 1; i <= runs; i++)); do
  one tshark tshark -q -z conv,tcp -r "$file"
  one portolan ./portolan capture "$file" --format json
  [ -z "$before" ] || one before "$before/portolan" capture "$file" --format json
done
median() { grep "^$1 " "$times" | awk -v f="$2" '{print $f}' | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo
echo "| tool | wall (median of $runs) | GB/s | CPU | tshark / tool, wall | tshark / tool, CPU | load during runs |"
echo "|---|---|---|---|---|---|---|"
tw=$(median tshark 2) tc=$(median tshark 3)
for tool in tshark portolan before; do
  grep -q "^$tool " "$times" || continue
  w=$(median $tool 2) c=$(median $tool 3)
  loads=$(grep "^$tool " "$times" | awk '{print $4}' | sort -n | sed -n '1p;$p' | paste -sd- -)
  awk -v t="$tool" -v w="$w" -v c="$c" -v tw="$tw" -v tc="$tc" -v b="$bytes" -v l="$loads" \
    'BEGIN {printf "| %s | %.2f s | %.2f | %.2f s | %.1f× | %.1f× | %s |\n", t, w, b / 1e9 / w, c, tw / w, tc / c, l}'
done
