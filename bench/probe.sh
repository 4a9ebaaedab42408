#!/usr/bin/env bash
# Probe benchmark: `portolan probe` (whole process) against `nmap -sT` on the same namespace
# targets — five addresses in a network namespace this run makes and removes, 1,000 TCP flows,
# 20 % of them filtered by nft — alternating, with accuracy checked against the known truth
# (ProbeVsNmapBench; BENCHMARKS.md, Probe). Needs root (namespaces). Traffic stays inside the
# namespace pair (198.18.0.0/15). The CLI rows run the launcher as a user does (./portolan: the
# AOT cache for probe, whose training probes only its own 127.0.0.1 sockets; C1); five rounds,
# each tool once per round; wall and CPU (bash `times`) per run. Writes target/bench-probe.md
# and prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package >/dev/null
. bench/aot.sh
aot_ready probe --help   # the launcher's cache for probe
./mvnw -B test -Dtest=ProbeVsNmapBench -Dportolan.bench=true -Dsurefire.failIfNoSpecifiedTests=false | grep -E 'Tests run|FAIL|ERROR' || true
cat target/bench-probe.md
