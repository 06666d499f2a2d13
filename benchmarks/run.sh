#!/usr/bin/env bash
# Runs the benchmark suite on a private redis-server and writes the Markdown report.
#
# Usage: benchmarks/run.sh [REPORT]        (REPORT defaults to docs/benchmarks.md)
#
# Settings (environment variables, defaults in brackets; the defaults run 104 benchmarks, one JVM fork each,
# in about 20 minutes on 2 idle cores):
#   BENCHMARKS         JMH include regex [CacheOperations|Invoke|NearCacheReads|LargeValues]
#   THREADS            thread counts, one JMH run each [1 4]
#   WARMUP_ITERATIONS  [2]    WARMUP_TIME     [1s]
#   ITERATIONS         [3]    ITERATION_TIME  [1500ms]
#   FORKS              [1]
#   JMH_ARGS           extra JMH options, e.g. "-p value=pojo1k" []
#   JVM_ARGS           options for the benchmark JVMs, e.g. "-Djcacheredis.timeoutMillis=3000" []
#   FOOTPRINT          1 to measure bytes in Redis per entry, 0 to skip [1]
#   SKIP_BUILD         1 to reuse benchmarks/target/benchmarks.jar [0]
#   MVN_ARGS           extra Maven options for the build, e.g. -o []
#   RUN_LABEL          a line printed at the top of the report, e.g. "Smoke run: not a measurement" []
# Raw results (JMH JSON and logs) stay in benchmarks/target/results/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
report=${1:-docs/benchmarks.md}

BENCHMARKS=${BENCHMARKS:-'CacheOperations|Invoke|NearCacheReads|LargeValues'}
THREADS=${THREADS:-'1 4'}
WARMUP_ITERATIONS=${WARMUP_ITERATIONS:-2}
WARMUP_TIME=${WARMUP_TIME:-1s}
ITERATIONS=${ITERATIONS:-3}
ITERATION_TIME=${ITERATION_TIME:-1500ms}
FORKS=${FORKS:-1}
JMH_ARGS=${JMH_ARGS:-}
JVM_ARGS=${JVM_ARGS:-}
FOOTPRINT=${FOOTPRINT:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
MVN_ARGS=${MVN_ARGS:-}
RUN_LABEL=${RUN_LABEL:-}

command -v redis-server >/dev/null || { echo "run.sh: redis-server is not on the PATH" >&2; exit 1; }
command -v python3 >/dev/null || { echo "run.sh: python3 is needed to write the report" >&2; exit 1; }

jar=benchmarks/target/benchmarks.jar
if [ "$SKIP_BUILD" != 1 ]; then
  # shellcheck disable=SC2086
  ./mvnw -q $MVN_ARGS -pl benchmarks -am package -DskipTests
fi

results=benchmarks/target/results
rm -rf "$results"
mkdir -p "$results"

# A private Redis on a free port, gone when this script exits however it exits.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$results" \
  >"$results/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null; true' EXIT
for _ in $(seq 1 50); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -p "$port" ping >/dev/null
export REDIS_URL="redis://127.0.0.1:$port"
echo "run.sh: redis-server $(redis-cli -p "$port" info server | sed -n 's/^redis_version:\(.*\)\r$/\1/p') on port $port"

{
  echo "date:          $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit:        $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "cpus:          $(nproc)"
  echo "cpu model:     $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "memory:        $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "os:            $(uname -sr)"
  echo "java:          $(java -version 2>&1 | sed -n 2p)"
  echo "redis:         $(redis-server --version)"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min; other processes on the machine skew results)"
  echo "versions:      JMH 1.37, Redisson 4.7.0 (raw and JCache), jcache-redis $(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)"
  echo "jmh options:   $BENCHMARKS -wi $WARMUP_ITERATIONS -w $WARMUP_TIME -i $ITERATIONS -r $ITERATION_TIME -f $FORKS -t {$THREADS} -prof gc $JMH_ARGS${JVM_ARGS:+ -jvmArgsAppend '$JVM_ARGS'}"
} >"$results/machine.txt"

jvm_args=()
[ -n "$JVM_ARGS" ] && jvm_args=(-jvmArgsAppend "$JVM_ARGS")
jmh_files=()
log_args=()
for threads in $THREADS; do
  out="$results/jmh-t$threads.json"
  # shellcheck disable=SC2086
  java -jar "$jar" "$BENCHMARKS" -wi "$WARMUP_ITERATIONS" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$ITERATION_TIME" \
    -f "$FORKS" -t "$threads" -prof gc -rf json -rff "$out" "${jvm_args[@]}" $JMH_ARGS 2>&1 \
    | tee "$results/jmh-t$threads.log"
  jmh_files+=("$out")
  log_args+=(--log "$results/jmh-t$threads.log")
done

footprint_args=()
if [ "$FOOTPRINT" = 1 ]; then
  # shellcheck disable=SC2086
  java $JVM_ARGS -cp "$jar" io.github.jcacheredis.benchmarks.Footprint >"$results/footprint.json"
  footprint_args=(--footprint "$results/footprint.json")
fi


command_line="BENCHMARKS='$BENCHMARKS' THREADS='$THREADS' WARMUP_ITERATIONS=$WARMUP_ITERATIONS WARMUP_TIME=$WARMUP_TIME"
command_line+=" ITERATIONS=$ITERATIONS ITERATION_TIME=$ITERATION_TIME FORKS=$FORKS"
[ -n "$JMH_ARGS" ] && command_line+=" JMH_ARGS='$JMH_ARGS'"
[ -n "$JVM_ARGS" ] && command_line+=" JVM_ARGS='$JVM_ARGS'"
[ "$FOOTPRINT" != 1 ] && command_line+=" FOOTPRINT=$FOOTPRINT"
command_line+=" benchmarks/run.sh $report"

mkdir -p "$(dirname "$report")"
python3 benchmarks/report.py "${footprint_args[@]}" "${log_args[@]}" --machine "$results/machine.txt" --command "$command_line" \
  --label "$RUN_LABEL" "${jmh_files[@]}" >"$report"
echo "run.sh: wrote $report"
