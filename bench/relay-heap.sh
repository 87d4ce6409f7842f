#!/usr/bin/env bash
# Peak heap of the relay for a large message (default 25 MB), in fresh JVMs: RelayHeapReport with
# -Xmx256m, then the smallest -Xmx (to 4 MiB) with which each mode still relays 20 copies: writeCopy,
# copy (byte[]), and ses (copy handed to SesMailSender over a stub HTTP client, no network).
# Usage: bench/relay-heap.sh [--no-build] [--mb 25] [--xmx 256m]; JVM flags in $RELAY_HEAP_JAVA_OPTS.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=1 mb=25 xmx=256m
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --mb) mb=$2; shift ;;
    --xmx) xmx=$2; shift ;;
    *) echo "usage: bench/relay-heap.sh [--no-build] [--mb 25] [--xmx 256m]" >&2; exit 2 ;;
  esac
  shift
done
[ "$build" = 1 ] && ./mvnw -q -pl bench -am package -DskipTests
# shellcheck source=../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
glint_find_jdk
# shellcheck disable=SC2206
opts=(${RELAY_HEAP_JAVA_OPTS:-})
run() { # run MAX_HEAP ARGS...: RelayHeapReport in a fresh JVM with -Xmx MAX_HEAP
  "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx"$1" -cp bench/target/glint-benchmarks.jar dev.glint.bench.RelayHeapReport "${@:2}"
}
file=$(mktemp --suffix=.eml)
trap 'rm -f "$file"' EXIT
run 512m --write "$file" --mb "$mb"
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1); CPUs: $(nproc); JVM flags: ${opts[*]:-(defaults)} -Xmx$xmx"
run "$xmx" --file "$file"
for mode in writeCopy copy ses; do
  low=4 high=512 failed="" # MiB: succeeds at high (checked); fails at low when $failed is set
  if ! run ${high}m --file "$file" --only "$mode" >/dev/null 2>&1; then
    echo "smallest -Xmx for $mode: over ${high} MiB"; continue
  fi
  while [ $((high - low)) -gt 4 ]; do
    mid=$(((low + high) / 2))
    if run ${mid}m --file "$file" --only "$mode" >/dev/null 2>&1; then high=$mid; else low=$mid failed=1; fi
  done
  below="not tried lower"
  [ -n "$failed" ] && below="fails at ${low} MiB"
  echo "smallest -Xmx for $mode of a $(stat -c %s "$file")-byte message, 20 copies: ${high} MiB ($below)"
done
