#!/usr/bin/env bash
# Capture benchmark: generated 250 MB and 1 GB pcaps (in /tmp, deleted afterwards), Portolan's
# capture against `tshark -q -z conv,tcp`, whole processes, median of 3; BENCHMARKS.md, Capture.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package >/dev/null
. bench/aot.sh
aot_ready capture src/test/resources/capture/basic-pcap/input.pcap   # the launcher's cache for capture
./mvnw -B test -Dtest=CaptureBenchmark -Dportolan.bench=capture -Dsurefire.failIfNoSpecifiedTests=false | grep -v '^\[INFO\] \(Download\|---\|$\)'
