#!/usr/bin/env bash
# Ingest against Mosquitto (issue 3 "Performance", issue 6 benchmark 1). One command:
#
#   bench/ingest-vs-mosquitto.sh [--connections 1000] [--duration 30] [--warmup 10] [--max-in-flight 10]
#                                [--runs 3] [--quick] [--profile]
#
# In one run, with the same load generator, QoS 1 publishes of 200-byte readings over N connections go
#   (i)  to ingest: the single-node platform (embedded QuestDB, acknowledging after durability), and
#   (ii) to a local Mosquitto with persistence off.
# For each, the saturation throughput is the completed (acknowledged) messages/s at maximum rate with a bounded
# in-flight window per connection; then PUBACK latency is measured at 50 % of that rate. With --runs R each
# figure is the median of R runs. --profile records a JFR profile of the platform JVM (platform.jfr, hottest
# methods in platform-profile.txt). Results: bench/results/ingest-vs-mosquitto-<time>/ (summary.json and one
# JSON per load-generator run). Everything started here is stopped by PID on exit.
#
# The platform is the default single node, rollup job included. Its meters' readings are 15 minutes apart, as real
# meters report (--ts-step-ms 900000), each ingest run in its own 60-day slot of the past, so the rollup job
# recomputes days of realistic size. With 1 ms apart (the load generator's default) the ~40 readings/s each meter
# sends here would put hundreds of thousands of readings into one meter-day, which the job recomputes whole: it
# took most of the CPU and kept working during the Mosquitto runs that followed (docs/PERFORMANCE.md). Before
# every measured run the script also waits until the platform is idle (under 10 % of a core over 2 s, at most
# 300 s), so that neither server is measured while the platform still works off the previous load.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONNECTIONS=1000 DURATION=30 WARMUP=10 IN_FLIGHT=10 RUNS=1 PAYLOAD=200 MQTT_VERSION=5 RAMP=500 PROFILE=0
TS_STEP_MS=900000 TS_SLOT_DAYS=60
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) CONNECTIONS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --max-in-flight) IN_FLIGHT=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --mqtt-version) MQTT_VERSION=$2; shift 2 ;;
    --quick) DURATION=8; WARMUP=4; RUNS=1; shift ;;
    --profile) PROFILE=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

bench_require
bench_trap
bench_raise_nofile
OUT=$(bench_results ingest-vs-mosquitto)
bench_machine "$OUT/machine.json"
say "results in $OUT"

# The bench registry: one electricity main meter per connection. Its secrets are hashed at bcrypt cost 4
# (JIENENG_BCRYPT_COST) instead of 10: at cost 10, 1,000 CONNECTs cost ~70 s of CPU on this machine. The connect
# phase is outside every measured window either way; cost 4 only makes each run start in seconds.
REGISTRY="$OUT/bench-registry.json"
loadgen --make-registry "$CONNECTIONS" --out "$REGISTRY" >&2

bench_mosquitto "$OUT"

bench_tempdir DATA platform
bench_free_port HTTP_PORT
bench_free_port MQTT_PORT
bench_free_port QDB_HTTP_PORT
bench_free_port QDB_PG_PORT
export JIENENG_DATA_DIR="$DATA" JIENENG_REGISTRY_FILE="$REGISTRY" JIENENG_BCRYPT_COST=4 \
  JIENENG_HTTP_PORT="$HTTP_PORT" JIENENG_MQTT_PORT="$MQTT_PORT" JIENENG_MQTT_HOST=127.0.0.1 \
  JIENENG_QUESTDB_HTTP_PORT="$QDB_HTTP_PORT" JIENENG_QUESTDB_PG_PORT="$QDB_PG_PORT" \
  JIENENG_ADMIN_PASSWORD=bench-admin-password JIENENG_INGEST_MAX_MESSAGES_PER_SECOND=0
PLATFORM_OPTS=${BENCH_PLATFORM_JAVA_OPTS:-}
[ "$PROFILE" = 1 ] && PLATFORM_OPTS="$PLATFORM_OPTS $(bench_jfr_opts "$OUT/platform.jfr")"
java $PLATFORM_OPTS -jar "$ANALYTICS_JAR" > "$OUT/platform.log" 2>&1 &
PLATFORM_PID=$!
BENCH_PIDS+=("$PLATFORM_PID")
bench_await "the platform" 240 "$PLATFORM_PID" curl -fsS "http://127.0.0.1:$HTTP_PORT/q/health/ready"
say "platform (ingest + embedded QuestDB) on MQTT 127.0.0.1:$JIENENG_MQTT_PORT (pid $PLATFORM_PID, data $DATA)"

# cpu_ticks PID: the process's user + system CPU time so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# settle: waits until the platform uses under 10 % of a core over 2 s (at most 300 s), and says how long it took.
settle() {
  local start=$SECONDS a b hz
  hz=$(getconf CLK_TCK)
  while [ $((SECONDS - start)) -lt 300 ]; do
    a=$(cpu_ticks "$PLATFORM_PID")
    sleep 2
    b=$(cpu_ticks "$PLATFORM_PID")
    [ $(((b - a) * 100 / (2 * hz))) -lt 10 ] && break
  done
  [ $((SECONDS - start)) -gt 2 ] && say "  (waited $((SECONDS - start)) s for the platform to go idle)"
  return 0
}

# ingest_ts N: the timestamp arguments of the N-th ingest run (1 .. 2 x RUNS): 15-minute steps from the start of
# its own slot of TS_SLOT_DAYS days (the first run furthest back), so no run resends another's (meter, ts).
ingest_ts() {
  echo "--ts-step-ms $TS_STEP_MS --ts-backlog-seconds $(( (2 * RUNS - $1 + 1) * TS_SLOT_DAYS * 86400 ))"
}

# run NAME PORT PID RATE [extra loadgen args]: one load-generator run, its JSON in $OUT/NAME.json.
run() {
  local name=$1 port=$2 pid=$3 rate=$4
  shift 4
  settle
  say "$name: $CONNECTIONS connections, rate ${rate/#0/max}, ${WARMUP}s warm-up + ${DURATION}s measured ..."
  loadgen --host 127.0.0.1 --port "$port" --connections "$CONNECTIONS" --source-addresses 127.0.0.1-127.0.0.10 \
    --qos 1 --mqtt-version "$MQTT_VERSION" --payload-bytes "$PAYLOAD" --readings-per-message 1 \
    --rate "$rate" --max-in-flight "$IN_FLIGHT" --ramp "$RAMP" --duration "$DURATION" --warmup "$WARMUP" \
    --target-pid "$pid" --out "$OUT/$name.json" "$@" 2>> "$OUT/loadgen.log" | sed 's/^/    /' >&2 || true
  # A run that completed nothing still wrote its report (with its errors): that is a result, not a crash.
  [ -s "$OUT/$name.json" ] || die "the load generator wrote no report for $name; see $OUT/loadgen.log"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

MOSQ_SAT=() INGEST_SAT=()
for r in $(seq 1 "$RUNS"); do
  run "mosquitto-saturation-$r" "$MOSQUITTO_PORT" "$MOSQUITTO_PID" 0
  MOSQ_SAT+=("$(json "$OUT/mosquitto-saturation-$r.json" .messagesPerSecond)")
  # shellcheck disable=SC2046
  run "ingest-saturation-$r" "$JIENENG_MQTT_PORT" "$PLATFORM_PID" 0 --registry "$REGISTRY" $(ingest_ts "$r")
  INGEST_SAT+=("$(json "$OUT/ingest-saturation-$r.json" .messagesPerSecond)")
done
MOSQ=$(median "${MOSQ_SAT[@]}")
INGEST=$(median "${INGEST_SAT[@]}")
MOSQ_HALF=$(awk -v s="$MOSQ" 'BEGIN {printf "%.0f", s / 2}')
INGEST_HALF=$(awk -v s="$INGEST" 'BEGIN {printf "%.0f", s / 2}')

MOSQ_P50=() MOSQ_P99=() INGEST_P50=() INGEST_P99=()
for r in $(seq 1 "$RUNS"); do
  run "mosquitto-half-$r" "$MOSQUITTO_PORT" "$MOSQUITTO_PID" "$MOSQ_HALF"
  MOSQ_P50+=("$(json "$OUT/mosquitto-half-$r.json" .latencyMs.p50Ms)")
  MOSQ_P99+=("$(json "$OUT/mosquitto-half-$r.json" .latencyMs.p99Ms)")
  # shellcheck disable=SC2046
  run "ingest-half-$r" "$JIENENG_MQTT_PORT" "$PLATFORM_PID" "$INGEST_HALF" --registry "$REGISTRY" \
    $(ingest_ts $((RUNS + r)))
  INGEST_P50+=("$(json "$OUT/ingest-half-$r.json" .latencyMs.p50Ms)")
  INGEST_P99+=("$(json "$OUT/ingest-half-$r.json" .latencyMs.p99Ms)")
done

RATIO=$(awk -v i="$INGEST" -v m="$MOSQ" 'BEGIN {printf "%.3f", (m > 0 ? i / m : 0)}')
errors() { jq -s 'map(.errorsTotal) | add' "$OUT"/"$1"-*.json; }
jq -n --slurpfile machine "$OUT/machine.json" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --argjson connections "$CONNECTIONS" --argjson duration "$DURATION" --argjson warmup "$WARMUP" \
  --argjson inFlight "$IN_FLIGHT" --argjson runs "$RUNS" --arg mqtt "$MQTT_VERSION" --argjson payload "$PAYLOAD" \
  --argjson mosq "$MOSQ" --argjson ingest "$INGEST" --argjson ratio "$RATIO" \
  --argjson mosqHalf "$MOSQ_HALF" --argjson ingestHalf "$INGEST_HALF" \
  --argjson mosqP50 "$(median "${MOSQ_P50[@]}")" --argjson mosqP99 "$(median "${MOSQ_P99[@]}")" \
  --argjson ingestP50 "$(median "${INGEST_P50[@]}")" --argjson ingestP99 "$(median "${INGEST_P99[@]}")" \
  --argjson mosqErrors "$(errors mosquitto)" --argjson ingestErrors "$(errors ingest)" \
  --slurpfile mosqSat "$OUT/mosquitto-saturation-1.json" --slurpfile ingestSat "$OUT/ingest-saturation-1.json" \
  --argjson perRun "$(for r in $(seq 1 "$RUNS"); do
      jq -n --slurpfile i "$OUT/ingest-saturation-$r.json" --slurpfile m "$OUT/mosquitto-saturation-$r.json" \
        '$i[0].messagesPerSecond / $m[0].messagesPerSecond * 1000 | round / 1000'; done | jq -s -c .)" \
  '{benchmark: "ingest-vs-mosquitto", machine: $machine[0], loadAverageAtEnd: $load,
    settings: {connections: $connections, qos: 1, mqttVersion: $mqtt, readingBytes: $payload,
               maxInFlightPerConnection: $inFlight, warmupSeconds: $warmup, measuredSeconds: $duration,
               runs: $runs, bcryptCost: 4, ingestTimestampStepMs: 900000},
    mosquitto: {saturationMessagesPerSecond: $mosq, halfRate: $mosqHalf, p50Ms: $mosqP50, p99Ms: $mosqP99,
                errors: $mosqErrors, cpuPercentAtSaturation: $mosqSat[0].target.cpuPercent,
                loadgenCpuPercentAtSaturation: $mosqSat[0].loadgenCpuPercent},
    ingest: {saturationMessagesPerSecond: $ingest, halfRate: $ingestHalf, p50Ms: $ingestP50, p99Ms: $ingestP99,
             errors: $ingestErrors, cpuPercentAtSaturation: $ingestSat[0].target.cpuPercent,
             maxRssMiB: $ingestSat[0].target.maxRssMiB,
             loadgenCpuPercentAtSaturation: $ingestSat[0].loadgenCpuPercent},
    ratioIngestToMosquitto: $ratio, ratiosPerRun: $perRun, target: 1.0,
    meetsTarget: ($ratio >= 1.0)}' > "$OUT/summary.json"

say "--------------------------------------------------------------------------------"
say "ingest vs Mosquitto, QoS 1, $CONNECTIONS connections, ${PAYLOAD}-byte readings, MQTT $MQTT_VERSION (median of $RUNS)"
say "  saturation:  Mosquitto $(printf '%.0f' "$MOSQ") msg/s, ingest $(printf '%.0f' "$INGEST") msg/s, ratio ingest/Mosquitto $RATIO (target >= 1.0)"
say "  at 50 %:     Mosquitto p50 $(median "${MOSQ_P50[@]}") ms p99 $(median "${MOSQ_P99[@]}") ms at $MOSQ_HALF msg/s;" \
    "ingest p50 $(median "${INGEST_P50[@]}") ms p99 $(median "${INGEST_P99[@]}") ms at $INGEST_HALF msg/s"
say "  errors:      Mosquitto $(errors mosquitto), ingest $(errors ingest) (by kind in each run's JSON)"
say "  load now:    $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$PROFILE" = 1 ]; then
  kill "$PLATFORM_PID" 2>/dev/null || true
  wait "$PLATFORM_PID" 2>/dev/null || true
  bench_jfr_top "$OUT/platform.jfr" "$OUT"/ingest-saturation-*.json > "$OUT/platform-profile.txt"
  say "the platform's hottest methods at saturation (JFR, measured windows; $OUT/platform-profile.txt):"
  awk 'NR <= 12 {print "    " $0}' "$OUT/platform-profile.txt" >&2
fi
say "summary: $OUT/summary.json"
