#!/usr/bin/env bash
# Fleet benchmark: `portolan fleet probe` (real ansible-playbook over real SSH into network
# namespaces, each with its own sshd) for the test fleet (6 hosts) and a larger one (24 by
# default), against the sum of the single-host `portolan probe --as HOST` times run one after
# the other in the same namespaces. Needs root, ansible-core, openssh-server, python3.
# Usage: bench/fleet.sh [LARGE_HOSTS] [FORKS,FORKS…]
set -euo pipefail
cd "$(dirname "$0")/.."
large=${1:-24}
forks=${2:-5,10,25}
. .mvn/jdk.sh && portolan_find_jdk
./mvnw -q -B -DskipTests package >/dev/null
./mvnw -q -B test-compile >/dev/null
# the shared test Lab uses JUnit assumptions: put the test class path on
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath >/dev/null
cp="target/test-classes:target/portolan.jar:$(cat target/test.classpath)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; $(ansible-playbook --version 2>/dev/null | sed -n 1p); $(ssh -V 2>&1)"
for n in 6 "$large"; do
  "$JAVA_HOME/bin/java" -cp "$cp" org.portolan.fleet.FleetBench "$n" "$forks" target/portolan.jar src/test/resources/fleet/catalog
done
