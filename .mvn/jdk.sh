# Sourced by ./mvnw and ./portolan: finds a JDK 25 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME when it is 25+, then the JDK under /usr/lib/jvm with the highest major
# version (of equal ones, the last by name). The major version comes from the JDK's 'release'
# file (every JDK image has one), read by bash itself: no process is started (each fork cost the
# launcher 10-20 ms on the loaded 2-core benchmark machine, and asking the JVM itself was a
# whole JVM start); the JVM is asked only when the file is missing.
# portolan_java_major DIR: sets portolan_major to DIR's major version (empty when unknown).
portolan_java_major() {
  portolan_major=
  local line v
  if [ -f "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=*)
          v=${line#JAVA_VERSION=}
          v=${v#\"}
          v=${v%%[!0-9]*}
          portolan_major=$v
          return 0 ;;
      esac
    done < "$1/release"
  fi
  [ -x "$1/bin/java" ] || return 0
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  portolan_major=${v%%.*}
}
portolan_find_jdk() {
  local candidate best= best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    portolan_java_major "$JAVA_HOME"
    if [ -n "$portolan_major" ] && [ "$portolan_major" -ge 25 ]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/*/; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    portolan_java_major "$candidate"
    if [ -n "$portolan_major" ] && [ "$portolan_major" -ge 25 ] && [ "$portolan_major" -ge "$best_major" ]; then
      best=$candidate
      best_major=$portolan_major
    fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best"
    return 0
  fi
  cat >&2 <<'MSG'
portolan: no JDK 25 or newer found (checked $JAVA_HOME and /usr/lib/jvm/*).
Install one, for example Eclipse Temurin 25 (package temurin-25-jdk from the Adoptium
Debian repository) or any OpenJDK 25 build, then set JAVA_HOME to it or install it
under /usr/lib/jvm.
MSG
  return 1
}
