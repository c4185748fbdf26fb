#!/usr/bin/env bash
# Soak (issue 6 benchmark 4). One command:
#
#   bench/soak.sh [--minutes 30] [--rate MSGS_PER_S] [--window 60] [--connections 1000] [--heap 1g]
#                 [--saturation-seconds 20] [--profile]
#
# The single-node platform (embedded QuestDB, acknowledging after durability, rollups on, -Xmx --heap, GC log)
# takes QoS 1 readings at 50 % of its saturation for --minutes: the saturation is measured first with a short
# closed-loop run (--connections connections, 10 in flight each, one 200-byte reading per message, as in
# bench/ingest-vs-mosquitto.sh), unless --rate gives the rate to hold. The load runs as consecutive load-generator
# runs of --window seconds (5 s warm-up each, in which the connections open), so every window has its own PUBACK
# latency percentiles. Between two windows, with no load, a full GC (jcmd GC.run) measures the live heap.
# Reported:
#   - heap after every GC over the run (from -Xlog:gc), and the live heap after each window's full GC, with their
#     least-squares slopes (MiB/min); the heap counts as flat when the live heap's trend over the whole run is at
#     most max(16 MiB, 10 % of its mean);
#   - p99 (and p50, p99.9) per window; p99 counts as stable when the median p99 of the second half of the windows
#     is at most 1.5 x that of the first half;
#   - achieved rate and errors per window.
# Readings of a meter are 15 minutes apart, as real meters report, each load-generator run in its own 30-day slot
# of the past, so the rollup job recomputes days of realistic size (see bench/ingest-vs-mosquitto.sh).
# --profile records a JFR profile of the whole run (platform.jfr, hottest methods in platform-profile.txt).
# Results: bench/results/soak-<time>/ (gc.log, windows.tsv, one load-generator report per window, summary.json).
# Everything started here is stopped by PID on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MINUTES=30 RATE="" WINDOW=60 CONNECTIONS=1000 HEAP=1g SATURATION=20 PROFILE=0 IN_FLIGHT=10 PAYLOAD=200
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --heap) HEAP=$2; shift 2 ;;
    --saturation-seconds) SATURATION=$2; shift 2 ;;
    --profile) PROFILE=1; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

bench_require jcmd
bench_trap
bench_raise_nofile
OUT=$(bench_results soak)
bench_machine "$OUT/machine.json"
say "results in $OUT"

REGISTRY="$OUT/bench-registry.json"
loadgen --make-registry "$CONNECTIONS" --out "$REGISTRY" >&2
bench_tempdir DATA platform
export JIENENG_DATA_DIR="$DATA" JIENENG_REGISTRY_FILE="$REGISTRY" JIENENG_BCRYPT_COST=4 \
  JIENENG_ADMIN_PASSWORD=bench-admin-password JIENENG_INGEST_MAX_MESSAGES_PER_SECOND=0
OPTS=(-Xmx"$HEAP" "-Xlog:gc:file=$OUT/gc.log:time,uptimemillis" ${BENCH_PLATFORM_JAVA_OPTS:-})
[ "$PROFILE" = 1 ] && OPTS+=("$(bench_jfr_opts "$OUT/platform.jfr")")
bench_platform "$OUT/platform.log" "${OPTS[@]}"
say "platform -Xmx$HEAP (pid $PLATFORM_PID) on MQTT 127.0.0.1:$PLATFORM_MQTT_PORT, GC log $OUT/gc.log"

# Every run's timestamps: 15-minute steps from the start of its own 30-day slot, the first run furthest back.
RUNS_TOTAL=$(( (MINUTES * 60 + WINDOW - 1) / WINDOW + 1 )) RUN_INDEX=0

# run NAME RATE DURATION: one load-generator run into NAME.json.
run() {
  RUN_INDEX=$((RUN_INDEX + 1))
  loadgen --host 127.0.0.1 --port "$PLATFORM_MQTT_PORT" --registry "$REGISTRY" --connections "$CONNECTIONS" \
    --ts-step-ms 900000 --ts-backlog-seconds $(( (RUNS_TOTAL - RUN_INDEX + 1) * 30 * 86400 )) \
    --source-addresses 127.0.0.1-127.0.0.10 --qos 1 --payload-bytes "$PAYLOAD" --readings-per-message 1 \
    --rate "$2" --max-in-flight "$IN_FLIGHT" --duration "$3" --warmup 5 --target-pid "$PLATFORM_PID" \
    --out "$OUT/$1.json" 2>> "$OUT/loadgen.log" | sed 's/^/    /' >&2 || true
  [ -s "$OUT/$1.json" ] || die "the load generator wrote no report for $1; see $OUT/loadgen.log"
  kill -0 "$PLATFORM_PID" 2>/dev/null || die "the platform died; see $OUT/platform.log"
}

if [ -z "$RATE" ]; then
  say "saturation: $CONNECTIONS connections, rate max, ${SATURATION}s ..."
  run saturation 0 "$SATURATION"
  SAT=$(json "$OUT/saturation.json" .messagesPerSecond)
  RATE=$(awk -v s="$SAT" 'BEGIN {printf "%.0f", s / 2}')
  say "saturation $(printf '%.0f' "$SAT") msg/s; the soak holds 50 %: $RATE msg/s"
else
  SAT=null
fi

live_heap_kib() {
  jcmd "$PLATFORM_PID" GC.run > /dev/null 2>&1 || true
  jcmd "$PLATFORM_PID" GC.heap_info 2>/dev/null | grep -m1 -oE 'used [0-9]+K' | grep -oE '[0-9]+'
}

WINDOWS=$(( (MINUTES * 60 + WINDOW - 1) / WINDOW ))
START_MS=$(date +%s%3N)
# GCs before this JVM uptime (start-up, the saturation run) are not part of the soak.
START_UPTIME_MS=$(jcmd "$PLATFORM_PID" VM.uptime 2>/dev/null | awk '/ s$/ {printf "%d", $1 * 1000}')
printf 'window\tendEpochMs\tmessagesPerSecond\tp50Ms\tp99Ms\tp999Ms\terrors\tliveHeapMiB\n' > "$OUT/windows.tsv"
say "soak: $WINDOWS windows of ${WINDOW}s at $RATE msg/s ($MINUTES min) ..."
for w in $(seq 1 "$WINDOWS"); do
  name=$(printf 'window-%03d' "$w")
  run "$name" "$RATE" "$WINDOW"
  heap=$(live_heap_kib)
  jq -r --arg w "$w" --arg now "$(date +%s%3N)" --arg heap "$heap" \
    '[$w, $now, (.messagesPerSecond | round), .latencyMs.p50Ms, .latencyMs.p99Ms, .latencyMs.p999Ms,
      .errorsTotal, (($heap | tonumber) / 1024 * 10 | round / 10)] | @tsv' "$OUT/$name.json" >> "$OUT/windows.tsv"
  tail -n 1 "$OUT/windows.tsv" | awk -F'\t' '{printf "[bench] window %s: %s msg/s, p50 %s ms, p99 %s ms, p99.9 %s ms, errors %s, live heap %s MiB\n", $1, $3, $4, $5, $6, $7, $8}' >&2
done
END_MS=$(date +%s%3N)

# Heap after every GC: "[<time>][<uptime>ms] GC(n) Pause ... 123M->45M(256M) 5.1ms" gives (uptime, 45).
awk -v from="${START_UPTIME_MS:-0}" '/->[0-9]+M\(/ {
       match($0, /\]\[[0-9]+ms\]/); up = substr($0, RSTART + 2, RLENGTH - 5)
       match($0, /->[0-9]+M\(/); after = substr($0, RSTART + 2, RLENGTH - 4)
       kind = ($0 ~ /Pause Full/) ? "full" : (($0 ~ /Pause Young/) ? "young" : "other")
       if (up + 0 >= from) printf "%s\t%s\t%s\n", up, after, kind }' "$OUT/gc.log" > "$OUT/heap-after-gc.tsv"

# Least-squares slope (MiB per minute) of column 2 against column 1 (ms), and the mean of column 2.
slope() {
  awk -F'\t' '{x = $1 / 60000; y = $2; n++; sx += x; sy += y; sxx += x * x; sxy += x * y}
    END {if (n < 2 || n * sxx == sx * sx) {print "null null " n} else {
           printf "%.4f %.2f %d\n", (n * sxy - sx * sy) / (n * sxx - sx * sx), sy / n, n}}'
}
read -r GC_SLOPE GC_MEAN GC_N < <(slope < "$OUT/heap-after-gc.tsv")
read -r LIVE_SLOPE LIVE_MEAN LIVE_N < <(awk -F'\t' -v s="$START_MS" 'NR > 1 {print ($2 - s) "\t" $8}' \
  "$OUT/windows.tsv" | slope)
RUN_MIN=$(awk -v a="$START_MS" -v b="$END_MS" 'BEGIN {printf "%.2f", (b - a) / 60000}')

jq -n --slurpfile machine "$OUT/machine.json" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --rawfile windows "$OUT/windows.tsv" --argjson sat "$SAT" --argjson rate "$RATE" --arg heap "$HEAP" \
  --argjson minutes "$MINUTES" --argjson window "$WINDOW" --argjson connections "$CONNECTIONS" \
  --arg gcSlope "$GC_SLOPE" --arg gcMean "$GC_MEAN" --argjson gcN "$GC_N" \
  --arg liveSlope "$LIVE_SLOPE" --arg liveMean "$LIVE_MEAN" --argjson liveN "$LIVE_N" --argjson runMin "$RUN_MIN" '
  def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
                     else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  ($windows | split("\n") | .[1:] | map(select(length > 0) | split("\t") | map(tonumber))) as $w
  | ($w | map(.[4])) as $p99 | ($p99 | length) as $n
  | ($p99[: ($n / 2 | floor)] | median) as $firstHalf | ($p99[($n / 2 | floor):] | median) as $secondHalf
  | ($liveSlope | tonumber? // null) as $ls | ($liveMean | tonumber? // null) as $lm
  | {benchmark: "soak", machine: $machine[0], loadAverageAtEnd: $load,
     settings: {minutes: $minutes, windowSeconds: $window, connections: $connections, qos: 1, heap: $heap,
                readingBytes: 200, warmupPerWindowSeconds: 5},
     saturationMessagesPerSecond: $sat, soakRate: $rate, runMinutes: $runMin,
     windows: ($w | map({window: .[0], messagesPerSecond: .[2], p50Ms: .[3], p99Ms: .[4], p999Ms: .[5],
                         errors: .[6], liveHeapMiB: .[7]})),
     heapAfterEveryGc: {samples: $gcN, slopeMiBPerMinute: ($gcSlope | tonumber? // null),
                        meanMiB: ($gcMean | tonumber? // null)},
     liveHeapAfterFullGc: {samples: $liveN, slopeMiBPerMinute: $ls, meanMiB: $lm,
                           trendOverRunMiB: (if $ls == null then null else $ls * $runMin * 10 | round / 10 end)},
     heapFlat: (if $ls == null then null else ($ls * $runMin) <= ([16, 0.1 * $lm] | max) end),
     p99Ms: {min: ($p99 | min), median: ($p99 | median), max: ($p99 | max), firstHalfMedian: $firstHalf,
             secondHalfMedian: $secondHalf},
     p99Stable: (if $n < 2 then null else $secondHalf <= 1.5 * $firstHalf end),
     errorsTotal: ($w | map(.[6]) | add)}' > "$OUT/summary.json"

say "--------------------------------------------------------------------------------"
jq -r '"soak: \(.runMinutes) min at \(.soakRate) msg/s (50 % of \(.saturationMessagesPerSecond // "the given rate") msg/s), \(.windows | length) windows, -Xmx\(.settings.heap)",
  "  heap after every GC: \(.heapAfterEveryGc.samples) GCs, mean \(.heapAfterEveryGc.meanMiB) MiB, slope \(.heapAfterEveryGc.slopeMiBPerMinute) MiB/min",
  "  live heap after full GC: mean \(.liveHeapAfterFullGc.meanMiB) MiB, slope \(.liveHeapAfterFullGc.slopeMiBPerMinute) MiB/min, trend over the run \(.liveHeapAfterFullGc.trendOverRunMiB) MiB: flat = \(.heapFlat)",
  "  p99 per window: min \(.p99Ms.min) / median \(.p99Ms.median) / max \(.p99Ms.max) ms; first half \(.p99Ms.firstHalfMedian), second half \(.p99Ms.secondHalfMedian): stable = \(.p99Stable)",
  "  errors: \(.errorsTotal)"' "$OUT/summary.json" >&2
say "load now: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$PROFILE" = 1 ]; then
  bench_stop "$PLATFORM_PID"
  bench_jfr_top "$OUT/platform.jfr" "$OUT"/window-*.json > "$OUT/platform-profile.txt"
  say "the platform's hottest methods in the windows (JFR; $OUT/platform-profile.txt):"
  awk 'NR <= 12 {print "    " $0}' "$OUT/platform-profile.txt" >&2
fi
say "summary: $OUT/summary.json"
