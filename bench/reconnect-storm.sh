#!/usr/bin/env bash
# Reconnect storm (issue 12, item 6). One command:
#
#   bench/reconnect-storm.sh [--devices 10000] [--bogus-rate 200] [--max-pending 1000] [--heap 512m]
#
# Makes a registry of N electricity meters with distinct random secrets, imports it into a fresh standalone
# ingest's H2 registry (timed), starts that ingest (JIENENG_STORE=influxdb against a local InfluxDB started here)
# and, as soon as its port is open, lets every device connect at once from 127.0.1.1-127.0.1.10 while a flood of
# bogus CONNECTs (unknown ids, random passwords) comes from 127.0.0.2 at --bogus-rate a second, starting 2 s before
# the devices. Reports the time until all N are connected, the CONNACK latency (p50/p99), the devices' refusals,
# what became of the bogus CONNECTs (0x86 bad credentials, 0x9F throttled before any hash), and the CPU of ingest
# and of the load generator. Then, if mosquitto_pub is installed, --mosquitto devices (default 1000) each publish
# one reading with mosquitto_pub, 200 in parallel, timed (a client this project did not write).
# Results: bench/results/reconnect-storm-<time>/. Everything started here is stopped by PID on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEVICES=10000 BOGUS_RATE=200 MAX_PENDING=1000 HEAP=512m MOSQUITTO=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --devices) DEVICES=$2; shift 2 ;;
    --bogus-rate) BOGUS_RATE=$2; shift 2 ;;
    --max-pending) MAX_PENDING=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --mosquitto) MOSQUITTO=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

for c in java jq curl; do command -v "$c" >/dev/null 2>&1 || die "$c is not installed"; done
[ -f "$SIMULATORS_JAR" ] && [ -f "$BENCH_ROOT/ingest/target/jieneng-ingest-$BENCH_VERSION.jar" ] \
  || die "build first: mvn -q -pl ingest,devices/simulators -am -DskipTests package"
bench_trap
bench_raise_nofile
OUT=$(bench_results reconnect-storm)
bench_machine "$OUT/machine.json"
say "results in $OUT"

bench_influxdb "$OUT"
REGISTRY="$OUT/storm-registry.json"
bench_tempdir DATA ingest
loadgen --make-registry "$DEVICES" --out "$REGISTRY" >&2
# Distinct random secrets, 128 bits each, whatever the bench registry's own secrets are.
jq '.meters |= map(.secret = (input | rtrimstr("\n")))' "$REGISTRY" \
  <(od -An -v -N $((16 * DEVICES)) -tx1 /dev/urandom | tr -d ' \n' | fold -w 32 | jq -R .) \
  > "$REGISTRY.tmp" && mv "$REGISTRY.tmp" "$REGISTRY"
[ "$(jq '[.meters[].secret] | unique | length' "$REGISTRY")" = "$DEVICES" ] || die "the secrets are not distinct"
say "importing $DEVICES meters into the standalone ingest's registry ..."
IMPORT_START=$(date +%s.%N)
JIENENG_DATA_DIR="$DATA" loadgen --import-registry "$REGISTRY" 2>> "$OUT/tools.log" >&2
IMPORT_SECONDS=$(echo "$(date +%s.%N) - $IMPORT_START" | bc)
say "import took $IMPORT_SECONDS s (JVM start included)"

bench_free_port MQTT_PORT
bench_free_port OPS_PORT
JIENENG_STORE=influxdb JIENENG_INFLUX_URL="$INFLUX_URL" JIENENG_INFLUX_DB=jieneng JIENENG_DATA_DIR="$DATA" \
  JIENENG_MQTT_PORT="$MQTT_PORT" JIENENG_MQTT_HOST=0.0.0.0 JIENENG_INGEST_METRICS_PORT="$OPS_PORT" \
  java "$JUL_FORMAT" -Xmx"$HEAP" ${BENCH_INGEST_JAVA_OPTS:-} -cp "$INGEST_CP" io.jieneng.ingest.IngestMain \
  > "$OUT/ingest.log" 2>&1 &
INGEST_PID=$!
BENCH_PIDS+=("$INGEST_PID")
bench_await "the standalone ingest" 120 "$INGEST_PID" bench_port_open "$MQTT_PORT"
say "fresh standalone ingest -Xmx$HEAP on MQTT port $MQTT_PORT (pid $INGEST_PID); storm starts now"

set +e
loadgen --reconnect-storm --host 127.0.0.1 --port "$MQTT_PORT" --registry "$REGISTRY" \
  --source-addresses 127.0.1.1-127.0.1.10 --bogus-source 127.0.0.2 --bogus-rate "$BOGUS_RATE" \
  --max-pending "$MAX_PENDING" --target-pid "$INGEST_PID" --out "$OUT/storm.json" \
  > "$OUT/storm.txt" 2> "$OUT/storm.log"
STORM_RC=$?
set -e
[ -s "$OUT/storm.json" ] || die "the storm wrote no report; see $OUT/storm.log"

MOSQ='null'
if command -v mosquitto_pub >/dev/null 2>&1 && [ "$MOSQUITTO" -gt 0 ]; then
  say "mosquitto_pub: $MOSQUITTO devices, one QoS 1 reading each, 200 in parallel ..."
  jq -r --argjson n "$MOSQUITTO" '.meters[:$n][] | "\(.id) \(.secret)"' "$REGISTRY" > "$OUT/mosquitto-devices.txt"
  MOSQ_START=$(date +%s.%N)
  MOSQ_FAILED=$(xargs -P 200 -L 1 sh -c 'mosquitto_pub -h 127.0.0.1 -p "$0" -V mqttv5 -q 1 -i "$1" -u "$1" -P "$2" \
      -t "meters/$1/readings" -m "{\"ts\": $(date +%s)000, \"energyKwh\": 1}" >/dev/null 2>&1 || echo failed' \
      "$MQTT_PORT" < "$OUT/mosquitto-devices.txt" | wc -l)
  MOSQ_SECONDS=$(echo "$(date +%s.%N) - $MOSQ_START" | bc)
  MOSQ=$(jq -n --argjson n "$MOSQUITTO" --argjson failed "$MOSQ_FAILED" --arg s "$MOSQ_SECONDS" \
    '{devices: $n, parallel: 200, failed: $failed, seconds: ($s | tonumber)}')
  say "mosquitto_pub: $MOSQUITTO devices connected and published in $MOSQ_SECONDS s, $MOSQ_FAILED failed"
fi

curl -fsS "http://127.0.0.1:$OPS_PORT/metrics" > "$OUT/ingest-metrics.txt" 2>/dev/null || true
# What ingest itself counted: refused CONNECTs by reason (throttled ones never reached a hash).
REFUSED=$(grep -E '^jieneng_ingest_connect_refused_total' "$OUT/ingest-metrics.txt" \
  | sed -E 's/.*reason="([^"]+)".* ([0-9.eE+]+)$/\1 \2/' | jq -Rn '[inputs | split(" ") | {(.[0]): (.[1] | tonumber)}] | add // {}')
jq -n --slurpfile machine "$OUT/machine.json" --slurpfile storm "$OUT/storm.json" --argjson mosq "$MOSQ" \
  --argjson refused "$REFUSED" --arg importSecs "$IMPORT_SECONDS" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{benchmark: "reconnect-storm", machine: $machine[0], loadAverageAtEnd: $load,
    importSeconds: ($importSecs | tonumber), storm: $storm[0], ingestConnectRefused: $refused, mosquittoPub: $mosq,
    meetsTarget: ($storm[0].allConnected and $storm[0].connectSeconds <= 10)}' > "$OUT/summary.json"
say "--------------------------------------------------------------------------------"
jq -r '"storm: \(.storm.connected) of \(.storm.devices) devices connected in \(.storm.connectSeconds) s;" +
  " CONNACK p50 \(.storm.connackLatencyMs.p50Ms) ms, p99 \(.storm.connackLatencyMs.p99Ms) ms;" +
  " device refusals \(.storm.deviceRefusals | tojson); bogus during the storm \(.storm.bogus.sentDuringStorm)," +
  " outcomes \(.storm.bogus.outcomesTotal | tojson); CPU ingest \(.storm.serverCpuPercent) %," +
  " load generator \(.storm.loadgenCpuPercent) % (of one core); import \(.importSeconds) s;" +
  " ingest refused \(.ingestConnectRefused | tojson)"' "$OUT/summary.json" \
  | while read -r line; do say "$line"; done
say "summary: $OUT/summary.json"
exit "$STORM_RC"
