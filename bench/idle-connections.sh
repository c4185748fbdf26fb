#!/usr/bin/env bash
# Idle connections (issue 3 "Performance", issue 6 benchmark 3). One command:
#
#   bench/idle-connections.sh [--connections 20000] [--hold 60] [--heap 512m] [--ramp 1000]
#
# The standalone ingest runs with -Xmx512m (JIENENG_STORE=influxdb against a local InfluxDB started here; idle
# connections write nothing) and N MQTT connections log in as N registry meters from 127.0.0.1-127.0.0.20, then
# only keep alive (PINGREQ every 60 s). Once all are connected, the ingest JVM is measured: heap used after a
# full GC (jcmd GC.run, then GC.heap_info), RSS (/proc), and the established sockets on its port (ss).
# Each connection costs a file descriptor on both sides: the script raises `ulimit -n` to the hard limit and, if
# that is below what N needs, says so, measures as many as fit, and reports the heap per connection. Results:
# bench/results/idle-connections-<time>/. Everything started here is stopped by PID on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONNECTIONS=20000 HOLD=60 HEAP=512m RAMP=1000 SOURCES=127.0.0.1-127.0.0.20
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) CONNECTIONS=$2; shift 2 ;;
    --hold) HOLD=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --ramp) RAMP=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

bench_require jcmd ss
bench_trap
bench_raise_nofile
OUT=$(bench_results idle-connections)
bench_machine "$OUT/machine.json"
say "results in $OUT"

# The ingest JVM needs one descriptor per connection plus a few hundred of its own (jars, epoll, the registry,
# InfluxDB); without CAP_SYS_RESOURCE the hard limit cannot be raised.
NOFILE=$(ulimit -n)
RESERVE=400
REQUESTED=$CONNECTIONS
if [ "$NOFILE" != unlimited ] && [ $((CONNECTIONS + RESERVE)) -gt "$NOFILE" ]; then
  CONNECTIONS=$((NOFILE - RESERVE))
  say "WARNING: the open-files hard limit is $NOFILE, so one process can hold at most ~$CONNECTIONS connections;"
  say "         measuring $CONNECTIONS instead of $REQUESTED (raise the hard limit, e.g. LimitNOFILE or"
  say "         /etc/security/limits.conf, to measure $REQUESTED)"
fi
# The load generator side splits into processes that each stay within the limit.
PER_LOADGEN=$CONNECTIONS
if [ "$NOFILE" != unlimited ] && [ $((NOFILE - RESERVE)) -lt "$CONNECTIONS" ]; then
  PER_LOADGEN=$((NOFILE - RESERVE))
fi

bench_influxdb "$OUT"
REGISTRY="$OUT/bench-registry.json"
bench_tempdir DATA ingest
loadgen --make-registry "$CONNECTIONS" --out "$REGISTRY" >&2
say "importing $CONNECTIONS meters (bcrypt cost 4) into the standalone ingest's registry ..."
JIENENG_DATA_DIR="$DATA" JIENENG_BCRYPT_COST=4 loadgen --import-registry "$REGISTRY" 2>> "$OUT/tools.log" >&2

bench_free_port MQTT_PORT
JIENENG_STORE=influxdb JIENENG_INFLUX_URL="$INFLUX_URL" JIENENG_INFLUX_DB=jieneng JIENENG_DATA_DIR="$DATA" \
  JIENENG_MQTT_PORT="$MQTT_PORT" JIENENG_MQTT_HOST=127.0.0.1 JIENENG_BCRYPT_COST=4 \
  java "$JUL_FORMAT" -Xmx"$HEAP" ${BENCH_INGEST_JAVA_OPTS:-} -cp "$INGEST_CP" io.jieneng.ingest.IngestMain \
  > "$OUT/ingest.log" 2>&1 &
INGEST_PID=$!
BENCH_PIDS+=("$INGEST_PID")
bench_await "the standalone ingest" 120 "$INGEST_PID" bench_port_open "$MQTT_PORT"
say "standalone ingest -Xmx$HEAP on MQTT 127.0.0.1:$MQTT_PORT (pid $INGEST_PID)"

heap_used_kib() { jcmd "$INGEST_PID" GC.heap_info 2>/dev/null | grep -m1 -oE 'used [0-9]+K' | grep -oE '[0-9]+'; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$INGEST_PID/status"; }
established() { ss -Htn state established "( sport = :$MQTT_PORT )" | wc -l; }
jcmd "$INGEST_PID" GC.run > /dev/null
BASE_HEAP=$(heap_used_kib)
BASE_RSS=$(rss_kib)
say "before connections: heap used after full GC $((BASE_HEAP / 1024)) MiB, RSS $((BASE_RSS / 1024)) MiB"

# Hold long enough to connect everything and then measure while every connection is still open.
CONNECT_SECONDS=$((CONNECTIONS / RAMP + 30))
LOADGENS=()
offset=0 k=0
while [ "$offset" -lt "$CONNECTIONS" ]; do
  n=$((CONNECTIONS - offset))
  [ "$n" -gt "$PER_LOADGEN" ] && n=$PER_LOADGEN
  loadgen --host 127.0.0.1 --port "$MQTT_PORT" --registry "$REGISTRY" --meter-offset "$offset" --connections "$n" \
    --source-addresses "$SOURCES" --idle --ramp "$RAMP" --keepalive 60 --duration $((HOLD + CONNECT_SECONDS)) \
    --target-pid "$INGEST_PID" --ready-file "$OUT/ready-$k.json" --out "$OUT/loadgen-$k.json" \
    > "$OUT/loadgen-$k.txt" 2> "$OUT/loadgen-$k.log" &
  LOADGENS+=($!)
  BENCH_PIDS+=($!)
  offset=$((offset + n))
  k=$((k + 1))
done
say "$k load generator process(es) opening $CONNECTIONS connections at $RAMP/s over $SOURCES ..."
for i in $(seq 0 $((k - 1))); do
  for _ in $(seq 1 $((CONNECT_SECONDS * 5))); do
    [ -s "$OUT/ready-$i.json" ] && break
    kill -0 "${LOADGENS[$i]}" 2>/dev/null || die "load generator $i exited early; see $OUT/loadgen-$i.log"
    sleep 0.2
  done
  [ -s "$OUT/ready-$i.json" ] || die "load generator $i did not finish connecting; see $OUT/loadgen-$i.log"
done
ESTABLISHED=$(jq -s 'map(.established) | add' "$OUT"/ready-*.json)
sleep 5
jcmd "$INGEST_PID" GC.run > /dev/null
sleep 1
HEAP_KIB=$(heap_used_kib)
RSS_KIB=$(rss_kib)
SOCKETS=$(established)
jcmd "$INGEST_PID" GC.heap_info > "$OUT/heap-info.txt" 2>&1 || true
jstat -gc "$INGEST_PID" > "$OUT/jstat-gc.txt" 2>&1 || true
say "with $ESTABLISHED connections ($SOCKETS sockets established on the ingest port):"
say "  heap used after full GC $((HEAP_KIB / 1024)) MiB (limit $HEAP), RSS $((RSS_KIB / 1024)) MiB"

for p in "${LOADGENS[@]}"; do wait "$p" || true; done
kill -0 "$INGEST_PID" 2>/dev/null && ALIVE=true || ALIVE=false
OPEN_AT_END=$(jq -s 'map(.connections.openAtEnd) | add' "$OUT"/loadgen-*.json)
ERRORS=$(jq -s 'map(.errors) | reduce .[] as $e ({}; reduce ($e | to_entries[]) as $x (.; .[$x.key] += $x.value))' \
  "$OUT"/loadgen-*.json)
PER_CONN=$(awk -v h="$HEAP_KIB" -v b="$BASE_HEAP" -v n="$ESTABLISHED" 'BEGIN {printf "%.2f", (n > 0 ? (h - b) / n : 0)}')
jq -n --slurpfile machine "$OUT/machine.json" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --argjson requested "$REQUESTED" --argjson measured "$CONNECTIONS" --argjson established "$ESTABLISHED" \
  --argjson sockets "$SOCKETS" --argjson openAtEnd "$OPEN_AT_END" --arg heap "$HEAP" --arg nofile "$NOFILE" \
  --argjson heapKib "$HEAP_KIB" --argjson rssKib "$RSS_KIB" --argjson baseHeapKib "$BASE_HEAP" \
  --argjson baseRssKib "$BASE_RSS" --argjson perConn "$PER_CONN" --argjson alive "$ALIVE" \
  --argjson errors "$ERRORS" --argjson hold "$HOLD" \
  '{benchmark: "idle-connections", machine: $machine[0], loadAverageAtEnd: $load,
    settings: {connectionsRequested: $requested, connectionsMeasured: $measured, maxHeap: $heap,
               openFilesLimit: $nofile, holdSeconds: $hold, keepAliveSeconds: 60, bcryptCost: 4},
    connectionsEstablished: $established, socketsEstablishedOnIngestPort: $sockets,
    connectionsOpenAtEnd: $openAtEnd, ingestAliveAtEnd: $alive,
    heapUsedAfterFullGcMiB: (($heapKib / 1024) * 10 | round / 10), rssMiB: (($rssKib / 1024) * 10 | round / 10),
    beforeConnections: {heapUsedAfterFullGcMiB: (($baseHeapKib / 1024) * 10 | round / 10),
                        rssMiB: (($baseRssKib / 1024) * 10 | round / 10)},
    heapKibPerConnection: $perConn, errors: $errors,
    meetsTarget: ($established >= $requested and $alive and $heapKib <= 512 * 1024)}' > "$OUT/summary.json"

say "--------------------------------------------------------------------------------"
say "idle connections: $ESTABLISHED established of $REQUESTED requested ($CONNECTIONS measured), $OPEN_AT_END open after ${HOLD}s"
say "ingest -Xmx$HEAP: heap used after full GC $((HEAP_KIB / 1024)) MiB (before: $((BASE_HEAP / 1024)) MiB;" \
    "$PER_CONN KiB per connection), RSS $((RSS_KIB / 1024)) MiB; alive at end: $ALIVE"
say "errors: $(jq -c . <<< "$ERRORS")"
say "load now: $(cut -d' ' -f1-3 /proc/loadavg)"
say "summary: $OUT/summary.json"
