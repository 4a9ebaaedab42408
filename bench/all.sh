#!/usr/bin/env bash
# Runs every benchmark script of bench/ once, in turn (never in parallel: each measures whole
# processes on a 2-core machine), with its default sizes, and keeps each one's output in
# target/bench/NAME.txt; prints the machine and its load before each, and which scripts failed.
# The figures go into BENCHMARKS.md by hand, with the command and the machine.
# Usage: bench/all.sh [SCRIPT...]   (default: every bench/*.sh but this one)
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
scripts=("$@")
if [ ${#scripts[@]} -eq 0 ]; then
  for s in bench/*.sh; do [ "$(basename "$s")" = all.sh ] || scripts+=("$s"); done
fi
failed=()
for s in "${scripts[@]}"; do
  name=$(basename "$s" .sh)
  {
    echo "== $s  $(date -u '+%Y-%m-%d %H:%M UTC')  $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "target/bench/$name.txt"
  if ! bash "$s" 2>&1 | tee -a "target/bench/$name.txt"; then failed+=("$name"); fi
done
echo "== done: ${#scripts[@]} scripts, failed: ${failed[*]:-none}; outputs in target/bench/"
[ ${#failed[@]} -eq 0 ]
