#!/usr/bin/env bash
# Runs the pixel-route benchmark: wrk against the local stack's pixel route and against a bare
# JDK HttpServer serving the same GIF, then checks every answered hit was stored exactly once.
# Usage: bench/wrk/run.sh [--no-build] [PixelBench options, e.g. --breakdown or --help]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "bench/wrk/run.sh: wrk is not installed; install it with 'apt-get install wrk' (Debian/Ubuntu)." >&2
  exit 1
fi
command -v node >/dev/null 2>&1 || { echo "bench/wrk/run.sh: Node.js is needed for the local AWS emulators (apt-get install nodejs npm)." >&2; exit 1; }
if [ "$build" = 1 ]; then
  ./mvnw -q -pl local -am package -DskipTests
fi
jar="$root/local/target/glint-local.jar"
[ -f "$jar" ] || { echo "bench/wrk/run.sh: $jar is missing; run without --no-build." >&2; exit 1; }
# shellcheck source=../../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
glint_find_jdk || exit 1

echo "Machine: $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1), node $(node --version), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2); load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
export GLINT_EMULATORS_DIR="${GLINT_EMULATORS_DIR:-$root/local/emulators}"
exec "$JAVA_HOME/bin/java" ${GLINT_BENCH_JAVA_OPTS:-} -cp "$jar" dev.glint.local.bench.PixelBench \
  --script "$root/bench/wrk/pixel.lua" "$@"
