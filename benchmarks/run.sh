#!/usr/bin/env bash
# Runs the benchmark suite on a private redis-server and writes the Markdown report.
#
# Usage: benchmarks/run.sh [REPORT]        (REPORT defaults to docs/benchmarks.md)
#
# Order of the run, on a private redis-server started here and stopped on exit:
#   1. ROUNDS interleaved rounds of the main suite: in each round, for each thread count, one JMH invocation of
#      BENCHMARKS over every provider, so ours and the baselines of one workload run back to back within the
#      round (the providers' order rotates from round to round, so none always goes first). report.py takes the
#      ratio ours / baseline within each round and shows the median across rounds with its min-max spread:
#      a disturbance of the machine then skews one round's ratio, not the result.
#   2. The extras, once: one JMH invocation of EXTRAS at EXTRAS_THREADS.
#   3. The latency harness (io.github.jcacheredis.benchmarks.Latency): fixed-rate requests from one thread,
#      percentiles corrected for coordinated omission, providers interleaved over LATENCY_ROUNDS rounds.
#   4. Footprint: bytes in Redis per entry.
#
# Settings (environment variables, defaults in brackets):
#   ROUNDS               interleaved rounds of the main suite [3]
#   BENCHMARKS           JMH include regex of the main suite [CacheOperations|Invoke]
#   PROVIDERS            providers of the main suite (JMH's -p provider), rotated each round
#                        [ours raw-redisson redisson-jcache]
#   THREADS              thread counts, one JMH invocation each per round [1 4]
#   WARMUP_ITERATIONS    [1]    WARMUP_TIME     [1s]      per fork, main suite and extras alike
#   ITERATIONS           [2]    ITERATION_TIME  [1s]
#   FORKS                JVM forks per benchmark and parameter set [1]
#   EXTRAS               JMH include regex run once after the rounds; '' skips them
#                        [NearCacheReads|LargeValues|Signing\.|SigningCodec|LoadMisses|CodecCost]
#   EXTRAS_THREADS       thread count of the extras [1]
#   LATENCY              1 to run the latency harness, 0 to skip [1]
#   WIRE                 1 to count commands and bytes per operation (WireCost) and run redis-benchmark's
#                        single-client GET, 0 to skip [1]
#   LATENCY_RATE         single-key requests per second (get, put, invoke) [1000]
#   LATENCY_GETALL_RATE  getAll calls (100 keys each) per second [100]
#   LATENCY_WARMUP       paced warm-up before each measurement [2s]
#   LATENCY_DURATION     one measurement: one operation on one provider in one round [10s]
#   LATENCY_ROUNDS       rounds of the latency harness [2]
#   FOOTPRINT            1 to measure bytes in Redis per entry, 0 to skip [1]
#   JMH_ARGS             extra JMH options for the main suite and the extras, e.g. "-p value=pojo1k" []
#   JVM_ARGS             options for every benchmark JVM, e.g. "-Djcacheredis.timeoutMillis=3000" []
#   SKIP_BUILD           1 to reuse benchmarks/target/benchmarks.jar [0]
#   MVN_ARGS             extra Maven options for the build, e.g. -o []
#   RUN_LABEL            a line printed at the top of the report, e.g. "Smoke run: not a measurement" []
#
# Duration of the defaults on 2 idle cores, about 35 minutes:
#   main suite   270 forks: 45 per invocation (CacheOperations: 7 workloads x 3 providers x 2 values = 42;
#                Invoke: 3), x 2 thread counts x 3 rounds. A fork is 3 s of warm-up and measurement plus about
#                3 s of JVM start, connecting, writing 10,000 entries per cache and closing (measured on this
#                machine: 3.2 s per fork with 0.2 s iterations): 270 x 6 s = 27 min
#   extras       25 forks (NearCacheReads 3, LargeValues 4, Signing 4, SigningCodec 4, LoadMisses 2,
#                CodecCost 8) x ~6 s = 2.5 min
#   latency      4 operations x 3 providers x 2 rounds x (2 s + 10 s) = 4.8 min, plus filling the caches
#   footprint    about 30 s; the build about 30 s
# Raw results stay in benchmarks/target/results/: jmh-r{round}-t{threads}.json/.log, jmh-extras.json/.log,
# latency.json/.log, footprint.json, machine.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
report=${1:-docs/benchmarks.md}

ROUNDS=${ROUNDS:-3}
BENCHMARKS=${BENCHMARKS:-'CacheOperations|Invoke'}
PROVIDERS=${PROVIDERS:-'ours raw-redisson redisson-jcache'}
THREADS=${THREADS:-'1 4'}
WARMUP_ITERATIONS=${WARMUP_ITERATIONS:-1}
WARMUP_TIME=${WARMUP_TIME:-1s}
ITERATIONS=${ITERATIONS:-2}
ITERATION_TIME=${ITERATION_TIME:-1s}
FORKS=${FORKS:-1}
EXTRAS=${EXTRAS-'NearCacheReads|LargeValues|Signing\.|SigningCodec|LoadMisses|CodecCost'}
EXTRAS_THREADS=${EXTRAS_THREADS:-1}
LATENCY=${LATENCY:-1}
WIRE=${WIRE:-1}
LATENCY_RATE=${LATENCY_RATE:-1000}
LATENCY_GETALL_RATE=${LATENCY_GETALL_RATE:-100}
LATENCY_WARMUP=${LATENCY_WARMUP:-2s}
LATENCY_DURATION=${LATENCY_DURATION:-10s}
LATENCY_ROUNDS=${LATENCY_ROUNDS:-2}
FOOTPRINT=${FOOTPRINT:-1}
JMH_ARGS=${JMH_ARGS:-}
JVM_ARGS=${JVM_ARGS:-}
SKIP_BUILD=${SKIP_BUILD:-0}
MVN_ARGS=${MVN_ARGS:-}
RUN_LABEL=${RUN_LABEL:-}

command -v redis-server >/dev/null || { echo "run.sh: redis-server is not on the PATH" >&2; exit 1; }
command -v python3 >/dev/null || { echo "run.sh: python3 is needed to write the report" >&2; exit 1; }
[ "$ROUNDS" -ge 1 ] 2>/dev/null || { echo "run.sh: ROUNDS must be a positive number, was '$ROUNDS'" >&2; exit 1; }

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

jmh_options="-wi $WARMUP_ITERATIONS -w $WARMUP_TIME -i $ITERATIONS -r $ITERATION_TIME -f $FORKS -prof gc"
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
  echo "versions:      JMH 1.37, Redisson 4.7.0 (raw and JCache), jcache-redis $(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1), HdrHistogram 2.2.2"
  echo "main suite:    rounds: $ROUNDS, threads {$THREADS}: '$BENCHMARKS' -p provider={$PROVIDERS} (rotated) $jmh_options $JMH_ARGS${JVM_ARGS:+ -jvmArgsAppend '$JVM_ARGS'}"
  if [ -n "$EXTRAS" ]; then
    echo "extras:        once: '$EXTRAS' -t $EXTRAS_THREADS $jmh_options $JMH_ARGS"
  fi
  if [ "$LATENCY" = 1 ]; then
    echo "latency:       rounds: $LATENCY_ROUNDS, $LATENCY_RATE/s (getAll $LATENCY_GETALL_RATE/s), warm-up $LATENCY_WARMUP, $LATENCY_DURATION per operation and provider"
  fi
} >"$results/machine.txt"
cat "$results/machine.txt"

jvm_args=()
if [ -n "$JVM_ARGS" ]; then jvm_args=(-jvmArgsAppend "$JVM_ARGS"); fi

# One JMH invocation (JSON and console log to the given files). JMH refuses to start while another JMH run on this
# machine holds its lock; this waits for that run to end rather than measure beside it.
run_jmh() {
  local json=$1 log=$2
  shift 2
  while true; do
    local status=0
    java -jar "$jar" "$@" -rf json -rff "$json" 2>&1 | tee "$log" || status=$?
    grep -q 'Unable to acquire the JMH lock' "$log" || return "$status"
    echo "run.sh: another JMH run holds its lock; waiting 30 s" >&2
    sleep 30
  done
}

# The providers in round $1's order: the list rotated left by round - 1.
providers_of_round() {
  local -a list
  read -r -a list <<<"$PROVIDERS"
  local offset=$(( ($1 - 1) % ${#list[@]} ))
  local rotated=("${list[@]:$offset}" "${list[@]:0:$offset}")
  local IFS=,
  echo "${rotated[*]}"
}

main_files=()
log_args=()
for round in $(seq 1 "$ROUNDS"); do
  for threads in $THREADS; do
    name="jmh-r$round-t$threads"
    echo "run.sh: round $round of $ROUNDS, $threads threads, providers $(providers_of_round "$round")"
    # shellcheck disable=SC2086
    run_jmh "$results/$name.json" "$results/$name.log" "$BENCHMARKS" -p provider="$(providers_of_round "$round")" \
      $jmh_options -t "$threads" "${jvm_args[@]}" $JMH_ARGS
    main_files+=("$results/$name.json")
    log_args+=(--log "$results/$name.log")
  done
done

extras_args=()
if [ -n "$EXTRAS" ]; then
  echo "run.sh: extras, $EXTRAS_THREADS threads"
  # shellcheck disable=SC2086
  run_jmh "$results/jmh-extras.json" "$results/jmh-extras.log" "$EXTRAS" $jmh_options -t "$EXTRAS_THREADS" \
    "${jvm_args[@]}" $JMH_ARGS
  extras_args=(--extras "$results/jmh-extras.json")
  log_args+=(--log "$results/jmh-extras.log")
fi

latency_args=()
if [ "$LATENCY" = 1 ]; then
  echo "run.sh: latency harness"
  # shellcheck disable=SC2086
  java $JVM_ARGS -Dlatency.rate="$LATENCY_RATE" -Dlatency.getAllRate="$LATENCY_GETALL_RATE" \
    -Dlatency.warmup="$LATENCY_WARMUP" -Dlatency.duration="$LATENCY_DURATION" -Dlatency.rounds="$LATENCY_ROUNDS" \
    -cp "$jar" io.github.jcacheredis.benchmarks.Latency >"$results/latency.json" 2> >(tee "$results/latency.log" >&2)
  latency_args=(--latency "$results/latency.json")
fi

footprint_args=()
if [ "$FOOTPRINT" = 1 ]; then
  echo "run.sh: footprint"
  # shellcheck disable=SC2086
  java $JVM_ARGS -cp "$jar" io.github.jcacheredis.benchmarks.Footprint >"$results/footprint.json"
  footprint_args=(--footprint "$results/footprint.json")
fi

wire_args=()
if [ "$WIRE" = 1 ]; then
  echo "run.sh: wire cost and redis-benchmark"
  # shellcheck disable=SC2086
  java $JVM_ARGS -cp "$jar" io.github.jcacheredis.benchmarks.WireCost >"$results/wire.json"
  wire_args=(--wire "$results/wire.json")
  # The wire's own limit for one client: redis-benchmark's GET of a value as large as ours, no pipelining.
  rb=$(redis-benchmark -p "$port" -c 1 -n 50000 -t get -d 1002 -q 2>/dev/null | tr '\r' '\n' | grep -o 'GET: [0-9.,]* requests per second' | tail -n 1)
  echo "redis-benchmark -c 1 -t get -d 1002: ${rb:-not measured}" >>"$results/machine.txt"
fi

command_line="ROUNDS=$ROUNDS BENCHMARKS='$BENCHMARKS' PROVIDERS='$PROVIDERS' THREADS='$THREADS'"
command_line+=" WARMUP_ITERATIONS=$WARMUP_ITERATIONS WARMUP_TIME=$WARMUP_TIME ITERATIONS=$ITERATIONS"
command_line+=" ITERATION_TIME=$ITERATION_TIME FORKS=$FORKS EXTRAS='$EXTRAS' EXTRAS_THREADS=$EXTRAS_THREADS"
if [ "$LATENCY" = 1 ]; then
  command_line+=" LATENCY_RATE=$LATENCY_RATE LATENCY_GETALL_RATE=$LATENCY_GETALL_RATE"
  command_line+=" LATENCY_WARMUP=$LATENCY_WARMUP LATENCY_DURATION=$LATENCY_DURATION LATENCY_ROUNDS=$LATENCY_ROUNDS"
else
  command_line+=" LATENCY=$LATENCY"
fi
if [ "$FOOTPRINT" != 1 ]; then command_line+=" FOOTPRINT=$FOOTPRINT"; fi
if [ "$WIRE" != 1 ]; then command_line+=" WIRE=$WIRE"; fi
if [ -n "$JMH_ARGS" ]; then command_line+=" JMH_ARGS='$JMH_ARGS'"; fi
if [ -n "$JVM_ARGS" ]; then command_line+=" JVM_ARGS='$JVM_ARGS'"; fi
command_line+=" benchmarks/run.sh $report"

echo "load at end:   $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.txt"
mkdir -p "$(dirname "$report")"
python3 benchmarks/report.py "${footprint_args[@]}" "${wire_args[@]}" "${latency_args[@]}" "${extras_args[@]}" "${log_args[@]}" \
  --machine "$results/machine.txt" --command "$command_line" --label "$RUN_LABEL" "${main_files[@]}" >"$report"
echo "run.sh: wrote $report"
