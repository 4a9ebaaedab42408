# Sourced by ./mvnw and ./portolan: finds a JDK 25 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME when it is 25+, then every JDK under /usr/lib/jvm (newest first).
# The major version from the JDK's 'release' file (every JDK image has one; reading it costs
# nothing, while asking the JVM itself was a whole JVM start on every ./portolan command, about
# a third of a second on the loaded benchmark machine); the JVM is asked only without the file.
portolan_java_major() {
  local v
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
    if [ -n "$v" ]; then echo "$v"; return 0; fi
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}
portolan_find_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(portolan_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(portolan_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  cat >&2 <<'MSG'
portolan: no JDK 25 or newer found (checked $JAVA_HOME and /usr/lib/jvm/*).
Install one, for example Eclipse Temurin 25 (package temurin-25-jdk from the Adoptium
Debian repository) or any OpenJDK 25 build, then set JAVA_HOME to it or install it
under /usr/lib/jvm.
MSG
  return 1
}
