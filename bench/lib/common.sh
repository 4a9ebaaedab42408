# Shared by the bench/ scripts that generate their data with a Java benchmark class and time the
# CLI (sourced, not run; bench/all.sh runs only bench/*.sh). After bench_init: $cp (the test
# classes and the jar), $dir (a temporary directory removed on exit), $JAVA_HOME.
bench_init() {
  cd "$(dirname "${BASH_SOURCE[1]}")/.."
  . .mvn/jdk.sh && portolan_find_jdk
  ./mvnw -q -B -DskipTests package >/dev/null
  ./mvnw -q -B test-compile >/dev/null
  cp="target/test-classes:target/portolan.jar"
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
}

# bench_cli RUNS LABEL COMMAND...: runs the whole command RUNS times under /usr/bin/time (exit 1,
# "findings", counts as a run; its standard output goes to $BENCH_OUT, default /dev/null), one
# line per run, then the medians of wall time, CPU time
# (user + system) and peak RSS, and the load average when it ended.
bench_cli() {
  local runs=$1 label=$2 i t
  shift 2
  t=$(mktemp)
  for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -o "$t" -a -f "%e %U %S %M" "$@" >"${BENCH_OUT:-/dev/null}" || test $? -eq 1
    tail -1 "$t" | awk -v l="$label" -v i="$i" '{printf "%s run %d: wall %.2f s, cpu %.2f s, peak RSS %d MB\n", l, i, $1, $2 + $3, $4 / 1024}'
  done
  # /usr/bin/time also writes "Command exited with non-zero status 1" into the file: figures only
  grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$t" > "$t.n" && mv "$t.n" "$t"
  sort -n -k1 "$t" | awk -v l="$label" '{w[NR] = $1} END {printf "%s median wall %.2f s", l, w[int((NR + 1) / 2)]}'
  awk '{print $2 + $3}' "$t" | sort -n | awk '{c[NR] = $1} END {printf ", cpu %.2f s", c[int((NR + 1) / 2)]}'
  awk '{print $4}' "$t" | sort -n | awk '{m[NR] = $1} END {printf ", peak RSS %d MB", m[int((NR + 1) / 2)] / 1024}'
  echo " (of $runs; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  rm -f "$t"
}

# bench_versus RUNS LABEL_A "COMMAND A" LABEL_B "COMMAND B": runs the two whole commands
# alternately (A, B, A, B...), RUNS times each, under /usr/bin/time, one line per run, then each
# one's medians of wall, CPU (user + sys) and peak RSS, the ratios A/B, and the load average.
# Each command is one string, split on spaces (no quoting inside).
bench_versus() {
  local runs=$1 la=$2 ca=$3 lb=$4 cb=$5 i ta tb
  ta=$(mktemp); tb=$(mktemp)
  for ((i = 1; i <= runs; i++)); do
    for side in a b; do
      local t=$ta l=$la c=$ca
      [ $side = b ] && t=$tb l=$lb c=$cb
      # shellcheck disable=SC2086
      /usr/bin/time -o "$t" -a -f "%e %U %S %M" $c >"${BENCH_OUT:-/dev/null}" || test $? -eq 1
      grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$t" | tail -1 | awk -v l="$l" -v i="$i" -v ld="$(cut -d' ' -f1 /proc/loadavg)" \
        '{printf "%s run %d: wall %.2f s, cpu %.2f s, peak RSS %d MB (load %s)\n", l, i, $1, $2 + $3, $4 / 1024, ld}'
    done
  done
  for t in "$ta" "$tb"; do grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$t" > "$t.n"; mv "$t.n" "$t"; done
  med() { awk -v c="$2" '{print (c == "cpu") ? $2 + $3 : (c == "wall") ? $1 : $4 / 1024}' "$1" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
  local wa wb ca2 cb2 ma mb
  wa=$(med "$ta" wall); wb=$(med "$tb" wall); ca2=$(med "$ta" cpu); cb2=$(med "$tb" cpu); ma=$(med "$ta" rss); mb=$(med "$tb" rss)
  echo "$la median (of $runs): wall $wa s, cpu $ca2 s, peak RSS ${ma%.*} MB"
  echo "$lb median (of $runs): wall $wb s, cpu $cb2 s, peak RSS ${mb%.*} MB"
  awk -v wa="$wa" -v wb="$wb" -v ca="$ca2" -v cb="$cb2" -v ma="$ma" -v mb="$mb" -v la="$la" -v lb="$lb" -v ld="$(cut -d' ' -f1-3 /proc/loadavg)" \
    'BEGIN {printf "%s / %s: wall %.2fx, cpu %.2fx, peak RSS %.2fx (load average %s)\n", la, lb, wa / wb, ca / cb, ma / mb, ld}'
  rm -f "$ta" "$tb"
}
