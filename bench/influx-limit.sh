#!/usr/bin/env bash
# End to end into InfluxDB against InfluxDB's own limit (issue 3 "Performance", issue 6 benchmark 2). One command:
#
#   bench/influx-limit.sh [--connections 100] [--readings-per-message 500] [--duration 30] [--warmup 10]
#                         [--raw-threads 4] [--runs 3] [--quick] [--profile]
#
# In one run against one local InfluxDB 1.x (started here, temporary directory, WAL fsynced on every write):
#   1. InfluxDB's raw batched write rate: --raw-threads HTTP clients POST 5,000-point line-protocol batches shaped
#      like ingest's points (same measurement, tags, fields and series count) to /write, for a fixed time;
#   2. the sustained readings/s of the standalone ingest (JIENENG_STORE=influxdb) fed by the load generator with
#      many readings per message, QoS 1, as fast as the acknowledgements allow.
# Reported: both rates and their ratio (target >= 0.8), and a count of what InfluxDB holds against what ingest
# acknowledged. --profile records a JFR profile of the ingest JVM (ingest.jfr, hottest methods in
# ingest-profile.txt). Results: bench/results/influx-limit-<time>/. Everything started here is stopped by PID on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONNECTIONS=100 RPM=500 READING_BYTES=120 DURATION=30 WARMUP=10 RAW_THREADS=4 BATCH=5000 IN_FLIGHT=2 RUNS=1
PROFILE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) CONNECTIONS=$2; shift 2 ;;
    --readings-per-message) RPM=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --raw-threads) RAW_THREADS=$2; shift 2 ;;
    --max-in-flight) IN_FLIGHT=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --quick) DURATION=10; WARMUP=5; RUNS=1; shift ;;
    --profile) PROFILE=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

bench_require
bench_trap
bench_raise_nofile
OUT=$(bench_results influx-limit)
bench_machine "$OUT/machine.json"
say "results in $OUT"
bench_influxdb "$OUT"

# The standalone ingest reads the registry database but imports no files: the bench registry is imported first
# into a temporary H2 registry with the same RegistryStore.importDocument the platform uses, at bcrypt cost 4
# (the CONNECTs are outside the measured window; at cost 10 they would only take longer).
REGISTRY="$OUT/bench-registry.json"
bench_tempdir DATA ingest
loadgen --make-registry "$CONNECTIONS" --out "$REGISTRY" >&2
JIENENG_DATA_DIR="$DATA" JIENENG_BCRYPT_COST=4 loadgen --import-registry "$REGISTRY" 2>> "$OUT/tools.log" >&2

bench_free_port MQTT_PORT
INGEST_OPTS=${BENCH_INGEST_JAVA_OPTS:-}
[ "$PROFILE" = 1 ] && INGEST_OPTS="$INGEST_OPTS $(bench_jfr_opts "$OUT/ingest.jfr")"
# Exactly what ./jieneng ingest runs (the same classpath and main class), without its build check.
JIENENG_STORE=influxdb JIENENG_INFLUX_URL="$INFLUX_URL" JIENENG_INFLUX_DB=jieneng JIENENG_DATA_DIR="$DATA" \
  JIENENG_MQTT_PORT="$MQTT_PORT" JIENENG_MQTT_HOST=127.0.0.1 JIENENG_BCRYPT_COST=4 \
  java "$JUL_FORMAT" $INGEST_OPTS -cp "$INGEST_CP" io.jieneng.ingest.IngestMain > "$OUT/ingest.log" 2>&1 &
INGEST_PID=$!
BENCH_PIDS+=("$INGEST_PID")
bench_await "the standalone ingest" 120 "$INGEST_PID" bench_port_open "$MQTT_PORT"
say "standalone ingest on MQTT 127.0.0.1:$MQTT_PORT writing to InfluxDB (pid $INGEST_PID)"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

RAW=() INGEST=()
for r in $(seq 1 "$RUNS"); do
  say "raw-$r: $RAW_THREADS writers, $BATCH-point batches over $CONNECTIONS meters, ${WARMUP}s + ${DURATION}s ..."
  loadgen --influx-write "$INFLUX_URL" --db "raw$r" --threads "$RAW_THREADS" --batch "$BATCH" \
    --meters "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" --target-pid "$INFLUX_PID" \
    --out "$OUT/raw-$r.json" 2>> "$OUT/tools.log" | sed 's/^/    /' >&2 || true
  [ -s "$OUT/raw-$r.json" ] || die "the raw writer wrote no report; see $OUT/tools.log"
  RAW+=("$(json "$OUT/raw-$r.json" .pointsPerSecond)")

  say "ingest-$r: $CONNECTIONS connections, $RPM readings of ${READING_BYTES} B per message, QoS 1, max rate ..."
  # Each run's timestamps start an hour later than the previous run's (a meter's clock advances 1 ms per
  # reading, up to a few hundred seconds per run), so no run resends another's (meter, ts) and the count of what
  # InfluxDB holds can be compared with what ingest acknowledged.
  loadgen --host 127.0.0.1 --port "$MQTT_PORT" --registry "$REGISTRY" --connections "$CONNECTIONS" --qos 1 \
    --readings-per-message "$RPM" --payload-bytes "$READING_BYTES" --rate 0 --max-in-flight "$IN_FLIGHT" \
    --ts-backlog-seconds "$(( (RUNS - r + 1) * 3600 ))" \
    --duration "$DURATION" --warmup "$WARMUP" --drain 30 --target-pid "$INGEST_PID" \
    --out "$OUT/ingest-$r.json" 2>> "$OUT/loadgen.log" | sed 's/^/    /' >&2 || true
  [ -s "$OUT/ingest-$r.json" ] || die "the load generator wrote no report; see $OUT/loadgen.log"
  INGEST+=("$(json "$OUT/ingest-$r.json" .readingsPerSecond)")
done

# A diagnostic, not the target: the same raw writes from one writer thread, one synchronous request at a time,
# which is how ingest's single batch writer talks to InfluxDB. It tells a writer-bound ingest from a slow InfluxDB.
say "raw-one-writer: 1 writer, $BATCH-point batches, ${WARMUP}s + ${DURATION}s (diagnostic) ..."
loadgen --influx-write "$INFLUX_URL" --db rawone --threads 1 --batch "$BATCH" --meters "$CONNECTIONS" \
  --duration "$DURATION" --warmup "$WARMUP" --target-pid "$INFLUX_PID" --out "$OUT/raw-one-writer.json" \
  2>> "$OUT/tools.log" | sed 's/^/    /' >&2 || true
RAW_ONE=$(json "$OUT/raw-one-writer.json" .pointsPerSecond 2>/dev/null || echo 0)

# Every acknowledged reading must be in InfluxDB: count what is there against what ingest acknowledged.
ACKED=$(jq -s 'map(.readingsCompletedTotal) | add' "$OUT"/ingest-*.json)
STORED=$(bench_influx_count jieneng)
RAW_MED=$(median "${RAW[@]}")
INGEST_MED=$(median "${INGEST[@]}")
FRACTION=$(awk -v i="$INGEST_MED" -v r="$RAW_MED" 'BEGIN {printf "%.3f", (r > 0 ? i / r : 0)}')
jq -n --slurpfile machine "$OUT/machine.json" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --argjson connections "$CONNECTIONS" --argjson rpm "$RPM" --argjson bytes "$READING_BYTES" \
  --argjson duration "$DURATION" --argjson warmup "$WARMUP" --argjson rawThreads "$RAW_THREADS" \
  --argjson batch "$BATCH" --argjson inFlight "$IN_FLIGHT" --argjson runs "$RUNS" \
  --argjson raw "$RAW_MED" --argjson ingest "$INGEST_MED" --argjson fraction "$FRACTION" \
  --argjson acked "$ACKED" --argjson stored "$STORED" --argjson rawOne "$RAW_ONE" \
  --slurpfile rawRun "$OUT/raw-1.json" --slurpfile ingestRun "$OUT/ingest-1.json" \
  '{benchmark: "influx-limit", machine: $machine[0], loadAverageAtEnd: $load,
    settings: {meters: $connections, readingsPerMessage: $rpm, readingBytes: $bytes, qos: 1,
               maxInFlightPerConnection: $inFlight, rawWriterThreads: $rawThreads, rawBatchPoints: $batch,
               warmupSeconds: $warmup, measuredSeconds: $duration, runs: $runs, bcryptCost: 4},
    influxRawPointsPerSecond: $raw, ingestReadingsPerSecond: $ingest, fraction: $fraction, target: 0.8,
    influxRawPointsPerSecondOneWriter: $rawOne,
    meetsTarget: ($fraction >= 0.8),
    ingestErrors: $ingestRun[0].errors, ingestCpuPercent: $ingestRun[0].target.cpuPercent,
    influxCpuPercentRaw: $rawRun[0].target.cpuPercent, loadgenCpuPercent: $ingestRun[0].loadgenCpuPercent,
    readingsAcknowledged: $acked, readingsStoredInInflux: $stored,
    everyAcknowledgedReadingStored: ($stored >= $acked)}' > "$OUT/summary.json"

say "--------------------------------------------------------------------------------"
say "InfluxDB raw batched writes: $(printf '%.0f' "$RAW_MED") points/s ($RAW_THREADS threads, $BATCH-point batches)"
say "  one writer (diagnostic):  $(printf '%.0f' "$RAW_ONE") points/s"
say "ingest -> InfluxDB:          $(printf '%.0f' "$INGEST_MED") readings/s ($CONNECTIONS connections, $RPM readings/message)"
say "fraction:                    $FRACTION (target >= 0.8), median of $RUNS"
say "acknowledged $ACKED readings, InfluxDB holds $STORED"
say "load now: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$PROFILE" = 1 ]; then
  kill "$INGEST_PID" 2>/dev/null || true
  wait "$INGEST_PID" 2>/dev/null || true
  bench_jfr_top "$OUT/ingest.jfr" "$OUT"/ingest-[0-9]*.json > "$OUT/ingest-profile.txt"
  say "ingest's hottest methods (JFR, measured windows; $OUT/ingest-profile.txt):"
  awk 'NR <= 12 {print "    " $0}' "$OUT/ingest-profile.txt" >&2
fi
say "summary: $OUT/summary.json"
