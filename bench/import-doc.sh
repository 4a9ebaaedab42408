#!/usr/bin/env bash
# Import time per page of the import-doc corpus (and the seeds): one JVM, warm-up, then median
# of timed imports per page (ImportDocBench). No peer tool does this import: no ratio.
# Usage: bench/import-doc.sh   (writes the table to standard output)
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh && portolan_find_jdk
./mvnw -q -B -DskipTests test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt
"$JAVA_HOME/bin/java" -cp "target/classes:target/test-classes:$(cat target/cp.txt)" org.portolan.docimport.ImportDocBench
