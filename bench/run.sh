#!/usr/bin/env bash
# Builds the benchmark jar and runs Glint's JMH benchmarks with modest settings, then prints each
# figure against its target. Extra arguments go to JMH, e.g. `bench/run.sh TokenBenchmark -i 10`; an option
# given there replaces the default below (JMH refuses an option given twice).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
./mvnw -q -pl bench -am package -DskipTests
# shellcheck source=../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
glint_find_jdk
shared_dir=${GLINT_SHARED_DIR:-$root/../shared}
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1); CPUs: $(nproc); corpus: $shared_dir/corpus/html-emails"
defaults=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
options=()
for ((k = 0; k < ${#defaults[@]}; k += 2)); do
  given=0
  for arg in "$@"; do [ "$arg" = "${defaults[k]}" ] && given=1; done
  [ "$given" = 0 ] && options+=("${defaults[k]}" "${defaults[k + 1]}")
done
exec "$JAVA_HOME/bin/java" -Dglint.shared.dir="$shared_dir" -cp bench/target/glint-benchmarks.jar \
  dev.glint.bench.TargetReport "${options[@]}" "$@"
