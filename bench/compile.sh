#!/usr/bin/env bash
# Compile benchmark: Portolan's compile against Capirca's aclgen on a generated 2,000-flow site,
# iptables target, alternating, N runs (default 9); BENCHMARKS.md, Compile, says what is timed.
# Usage: bench/compile.sh [FLOWS] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh && portolan_find_jdk
./mvnw -q -B -DskipTests package >/dev/null
./mvnw -q -B test-compile >/dev/null
"$JAVA_HOME/bin/java" -cp target/test-classes:target/portolan.jar org.portolan.compile.CompileBenchmark "${1:-2000}" "${2:-9}"
