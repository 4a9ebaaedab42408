#!/usr/bin/env bash
# Verify benchmark. Default: a generated 10,000-line iptables-save ruleset against 100,000
# flows; in-process medians (import, verdicts + excess, with rule analysis) and the whole CLI
# with its default options (rule analysis on): wall, CPU, peak RSS, 5 runs.
# 'frontends': the rulesets of issue #13, each against 100,000 flows with rule analysis —
# a Shorewall-compiled one (Shorewall's three-interfaces example plus 2,000 generated rules,
# compiled by Debian's shorewall inside a network namespace of its own), the 10,000-line
# ruleset with ipsets of 100,000 entries (--ipset), a 100,000-line ASA configuration and an
# nft set of 200,000 addresses; 3 CLI runs each, then one in-process run (import, verdicts,
# rule analysis timed apart).
# BEFORE=JAR (e.g. main's build): each CLI run is also made with that jar, alternating with this
# tree's, both started as the launcher starts verify (C1, the parallel collector with a fixed young
# generation, see ./portolan) with a verify AOT cache of their own, trained here by each jar's
# 'aot-training verify' as the launcher trains it, and both outputs are compared with cmp.
# AFTER_OPTS / BEFORE_OPTS override the options; the caches, trained with the launcher's options,
# are added to them.
# The build replaces the jar, so the launcher's own cache (target/aot/verify.aot) is trained here
# first too: no timed run races a training run in the background or runs without its cache.
# Usage: bench/verify.sh [RULES] [FLOWS] | bench/verify.sh frontends [FLOWS [CASE...]]
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
bench_init
bench() { "$JAVA_HOME/bin/java" -Xmx3g -cp "$cp" org.portolan.verify.VerifyBenchmark "$@"; }
verify_opts="-XX:TieredStopAtLevel=1 -XX:+UseParallelGC -Xmn128m -XX:-UseAdaptiveSizePolicy -XX:MaxTenuringThreshold=0"
# train JAR CACHE: the verify AOT cache of JAR, as the launcher makes it
train() { "$JAVA_HOME/bin/java" $verify_opts -XX:AOTCacheOutput="$2" -Xlog:disable -Xlog:all=error:stderr -jar "$1" aot-training verify >/dev/null 2>&1; }
mkdir -p target/aot && train target/portolan.jar target/aot/verify.aot
[ -z "${BEFORE:-}" ] || train "$BEFORE" "$dir/before.aot"
aot_log="-Xlog:disable -Xlog:all=warning:stderr"
after_java="$JAVA_HOME/bin/java ${AFTER_OPTS-$verify_opts} -XX:AOTCache=target/aot/verify.aot $aot_log -jar target/portolan.jar"
before_java="$JAVA_HOME/bin/java ${BEFORE_OPTS-$verify_opts} -XX:AOTCache=$dir/before.aot $aot_log -jar ${BEFORE:-}"
# versus RUNS LABEL ARGS...: this tree's jar against $BEFORE's, alternating, outputs compared
versus() {
  local runs=$1 label=$2
  shift 2
  [ -n "${BEFORE:-}" ] || return 0
  bench_versus "$runs" "$label before" "$before_java verify $* -o $dir/before.out" "$label after" "$after_java verify $* -o $dir/after.out"
  if cmp -s "$dir/before.out" "$dir/after.out"; then echo "$label: outputs identical (cmp)"; else echo "$label: OUTPUTS DIFFER"; fi
}

if [ "${1:-}" != frontends ]; then
  rules=${1:-10000}
  flows=${2:-100000}
  bench generate "$rules" "$flows" "$dir"
  echo "ruleset: $(wc -l < "$dir/ruleset.save") lines; flows: $(($(wc -l < "$dir/flows.csv") - 1))"
  bench run "$dir" 5
  bench_cli 5 "cli (default options)" ./portolan verify --ruleset "$dir/ruleset.save" --flows "$dir/flows.csv" --format json -o "$dir/out.json"
  for f in json table junit sarif; do versus "$([ $f = json ] && echo 5 || echo 1)" "$f" --ruleset "$dir/ruleset.save" --flows "$dir/flows.csv" --format $f; done
  exit 0
fi

flows=${2:-100000}
cases=("${@:3}")
[ ${#cases[@]} -eq 0 ] && cases=(shorewall ipset asa nft)

wants() { [[ " ${cases[*]} " == *" $1 "* ]]; }

# Shorewall: the compiler probes the kernel's capabilities with iptables, so it runs in a
# namespace of its own (its own netfilter tables), removed on exit; no Shorewall service runs.
# The compiled script holds the iptables-restore input of 'start' as here-documents (before
# stop_firewall, which has its own); they are taken out as they are (Shorewall's run-time
# chain-name checksums given fixed names).
if wants shorewall; then
ns="pvbench-sw-$$"
trap 'ip netns del "$ns" 2>/dev/null; rm -rf "$dir"' EXIT
sw="$dir/shorewall"
mkdir -p "$sw/cfg"
cp /usr/share/doc/shorewall/examples/three-interfaces/* "$sw/cfg/"
for f in "$sw"/cfg/*.gz; do [ -e "$f" ] && gunzip -f "$f"; done
bench generate-shorewall 2000 "$flows" "$sw"
cat "$sw/rules.generated" >> "$sw/cfg/rules"
ip netns add "$ns"
ip netns exec "$ns" shorewall compile "$sw/cfg" "$sw/firewall" >/dev/null
awk '/^stop_firewall\(\)/ {exit} /cat >&3 << __EOF__/ {on = 1; next} /^__EOF__/ {on = 0} on' "$sw/firewall" \
  | sed -e 's/\$g_sha1sum1/sha1sum1/; s/\$g_sha1sum2/sha1sum2/' > "$sw/ruleset.save"
ip netns del "$ns"
echo "shorewall: $(grep -c . "$sw/cfg/rules") lines of rules compiled to $(wc -l < "$sw/ruleset.save") lines of iptables-save"
fi

if wants ipset; then bench generate-ipset 10000 "$flows" 100000 "$dir/ipset"; fi
if wants asa; then bench generate-asa 100000 "$flows" "$dir/asa"; fi
if wants nft; then bench generate-nftset 200000 "$flows" "$dir/nft"; fi

for c in "${cases[@]}"; do
  d="$dir/$c"
  r=$(ls "$d"/ruleset.*)
  opts=()
  [ -f "$d/ipset.save" ] && opts+=(--ipset "$d/ipset.save")
  # Shorewall's FORWARD dispatches on interfaces: the flows go from loc (eth1) to dmz (eth2)
  [ $c = shorewall ] && opts+=(--in-interface eth1 --out-interface eth2)
  echo "== $c: $(wc -l < "$r") lines ($(du -h "$r" | cut -f1)), $(($(wc -l < "$d/flows.csv") - 1)) flows"
  if [ -n "${BEFORE:-}" ]; then
    versus "${RUNS:-1}" "$c" --ruleset "$r" --flows "$d/flows.csv" ${opts[@]+"${opts[@]}"} --format json
    continue
  fi
  bench_cli 3 "$c cli" ./portolan verify --ruleset "$r" --flows "$d/flows.csv" ${opts[@]+"${opts[@]}"} --format json -o "$d/out.json" || echo "$c: CLI failed"
  bench run "$d" 1 ${opts[@]+"${opts[@]}"} || echo "$c: in-process run failed"
done
