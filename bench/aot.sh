# Sourced by bench scripts: aot_ready ARGS... runs `./portolan ARGS` once (building the jar if
# needed, which starts the command's AOT training in the background) and waits, at most 300 s,
# until that command's cache is newer than the jar, so that timed runs use it.
aot_ready() {
  local key
  case "${1:-}" in
    "" | -h | --help | help) key=help ;;
    -V | --version) key=version ;;
    catalog | plan | doc | compile | verify | change | diagram | report | capture | demo | probe) key=$1 ;;
    *) key=all ;;
  esac
  ./portolan "$@" >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 300); do
    [ -f "target/aot/$key.aot" ] && [ "target/aot/$key.aot" -nt target/portolan.jar ] && return 0
    [ -d "target/aot/$key.aot.lock" ] || ./portolan "$@" >/dev/null 2>&1 || true
    sleep 1
  done
  echo "no AOT cache for '$key' after 300 s" >&2
  return 1
}
