#!/usr/bin/env bash
# Change benchmark: a generated 10,000-line iptables-save ruleset and 10,000 required flows
# (half open, half missing). Prints in-process medians (import, change, rendering the delta),
# the whole CLI's wall time and peak RSS (/usr/bin/time, 3 runs), and the naive way beside it:
# compile every required flow into a new policy and diff it against the existing ruleset
# (lines that differ), on rule count. Usage: bench/change.sh [RULES] [FLOWS]
set -euo pipefail
rules=${1:-10000}
flows=${2:-10000}
. "$(dirname "$0")/lib/common.sh"
bench_init
"$JAVA_HOME/bin/java" -cp "$cp" org.portolan.change.ChangeBenchmark generate "$rules" "$flows" "$dir"
echo "ruleset: $(wc -l < "$dir/ruleset.save") lines; flows: $(($(wc -l < "$dir/flows.csv") - 1))"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" org.portolan.change.ChangeBenchmark run "$dir" 3
BENCH_OUT="$dir/cli.iptables" bench_cli 3 "cli" ./portolan change --ruleset "$dir/ruleset.save" --flows "$dir/flows.csv" \
  --path forward --in-interface eth0 --out-interface eth1
echo "change (CLI): $(grep -c '^-[IA] ' "$dir/cli.iptables") lines to add, 0 to remove"
# the naive way: a complete new policy for every required flow, diffed against what runs today
./portolan compile --flows "$dir/flows.csv" --dialect iptables -o "$dir/compiled" >/dev/null
grep -h '^-A ' "$dir"/compiled/*.iptables | sort > "$dir/new.rules"
grep '^-A ' "$dir/ruleset.save" | sort > "$dir/old.rules"
echo "naive (compile + diff): $(grep -c . "$dir/new.rules") rules in the new policy; $(comm -13 "$dir/old.rules" "$dir/new.rules" | grep -c .) lines to add, $(comm -23 "$dir/old.rules" "$dir/new.rules" | grep -c .) to remove"
