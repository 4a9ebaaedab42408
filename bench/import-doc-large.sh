#!/usr/bin/env bash
# import-doc on 20 MB pages of the shapes users have, the whole process (./portolan's JVM
# options: C1 alone), before and after, alternating, median of RUNS runs, with `uptime` load;
# as a floor, `grep -Eo '[0-9]+'` over the same file (the simplest reader of numbers).
#   prose.txt     paragraphs of prose, each with a port, a version, a size and a URL
#   table.html    one HTML table of about 130,000 rows
#   sections.md   100,000 Markdown sections, each a sentence and a one-row table
#   digits.txt    "Open ports 1,1,1,…" (5 million) and a 10-million-digit run, one sentence
#   oneline.txt   prose on one 20 MB line, no newline
# Usage: bench/import-doc-large.sh BEFORE.jar [SHAPE...]   (RUNS=5 TIMEOUT=600 by default)
# BEFORE.jar: target/portolan.jar built at the branch point (git worktree or a saved copy).
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk.sh && portolan_find_jdk
before=${1:?usage: bench/import-doc-large.sh BEFORE.jar [SHAPE...]}
shift
shapes=("${@:-prose.txt}")
runs=${RUNS:-5}
limit=${TIMEOUT:-600}
./mvnw -q -B -DskipTests package >/dev/null
after=target/portolan.jar
dir=${BENCH_DIR:-/tmp/portolan-import-doc-large}
mkdir -p "$dir"
python3 - "$dir" <<'EOF'
import os, sys
d = sys.argv[1]; N = 20_000_000
def write(name, text):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        with open(p, "w") as f: f.write(text)
def fill(unit, head=""):
    out = [head]; n = len(head)
    while n < N: out.append(unit); n += len(unit)
    return "".join(out)
write("prose.txt", fill("The agent listens on TCP 8443 for the console; version 1.2.3 needs 4 GB. See https://example.com/a,b,c.\n\n", "Agent ports\n\n"))
rows = ["<!DOCTYPE html><html><head><title>Ports used by Agent</title></head><body><h1>Ports used by Agent</h1><table><thead><tr><th>Port</th>"
        "<th>Protocol</th><th>Direction</th><th>Description</th></tr></thead><tbody>\n"]
n = len(rows[0]); i = 0
while n < N:
    r = f"<tr><td>{1024 + i % 60000}</td><td>TCP</td><td>Inbound</td><td>Service component number {i} of the agent, used for replication and the management console.</td></tr>\n"
    rows.append(r); n += len(r); i += 1
write("table.html", "".join(rows) + "</tbody></table></body></html>\n")
md = ["# Ports used by Agent\n\n"]; n = len(md[0]); i = 0
while n < N:
    s = (f"## Component {i}\n\nThe component {i} listens on port {1024 + i % 60000}/tcp for its API. Open it in the firewall.\n\n"
         f"| Port | Protocol | Description |\n|---|---|---|\n| {2000 + i % 50000} | UDP | Discovery of component {i} |\n\n")
    md.append(s); n += len(s); i += 1
write("sections.md", "".join(md))
write("digits.txt", "Open ports " + "1," * (N // 4) + " and " + "9" * (N // 2) + " over TCP.\n")
write("oneline.txt", fill("The agent listens on TCP 8443 for the console; version 1.2.3 needs 4 GB, see https://example.com/a,b,c. ", "Agent ports: ").rstrip("\n"))
EOF
echo "machine: $(nproc) cores, $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for shape in "${shapes[@]}"; do
  f="$dir/$shape"
  : >"$dir/$shape.before" ; : >"$dir/$shape.after"; : >"$dir/$shape.grep"
  for ((r = 1; r <= runs; r++)); do
    for side in before after; do
      jar=$before; [ $side = after ] && jar=$after
      load=$(uptime | sed 's/.*load average: //')
      if /usr/bin/time -o "$dir/time.txt" -f "%e %U %S %M" timeout "$limit" "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -jar "$jar" import-doc "$f" \
        -o "$dir/$shape.$side.yaml" >/dev/null 2>&1; then
        read -r wall user sys rss <"$dir/time.txt"
        echo "$wall $(echo "$user + $sys" | bc) $rss" >>"$dir/$shape.$side"
        echo "$shape $side run $r: ${wall} s wall, $(echo "$user + $sys" | bc) s CPU, $((rss / 1024)) MB, load $load"
      else
        echo "$limit - -" >>"$dir/$shape.$side"
        echo "$shape $side run $r: over ${limit} s (stopped), load $load"
      fi
    done
    # Into a pipe, not /dev/null: GNU grep stops at the first match when its output is /dev/null.
    /usr/bin/time -f "%e" -o "$dir/$shape.grep.t" sh -c "grep -Eo '[0-9]+' '$f' | wc -l >/dev/null"; cat "$dir/$shape.grep.t" >>"$dir/$shape.grep"
  done
  if grep -q "^$limit -" "$dir/$shape.before"; then same="before stopped: drafts not compared"
  elif cmp -s "$dir/$shape.before.yaml" "$dir/$shape.after.yaml"; then same="same draft"
  else same="drafts DIFFER"; fi
  echo "RESULT | $shape | before median $(cut -d' ' -f1 "$dir/$shape.before" | median) s wall, $(cut -d' ' -f2 "$dir/$shape.before" | median) s CPU" \
    "| after median $(cut -d' ' -f1 "$dir/$shape.after" | median) s wall, $(cut -d' ' -f2 "$dir/$shape.after" | median) s CPU | grep -Eo median $(median <"$dir/$shape.grep") s | $same |"
done
