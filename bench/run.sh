#!/usr/bin/env bash
# Builds the benchmark jar and runs Glint's JMH benchmarks with modest settings, then prints each
# figure against its target. Extra arguments go to JMH, e.g. `bench/run.sh TokenBenchmark -i 10`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
./mvnw -q -pl bench -am package -DskipTests
# shellcheck source=../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
glint_find_jdk
shared_dir=${GLINT_SHARED_DIR:-$root/../shared}
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1); CPUs: $(nproc); corpus: $shared_dir/corpus/html-emails"
exec "$JAVA_HOME/bin/java" -Dglint.shared.dir="$shared_dir" -cp bench/target/glint-benchmarks.jar \
  dev.glint.bench.TargetReport -f 1 -wi 3 -i 5 -w 1s -r 1s "$@"
