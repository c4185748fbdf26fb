#!/usr/bin/env bash
# Consumption query latency with rollups and the naive way, the report latency, and rollup throughput (issue 4
# "Performance", issue 6 benchmark 6). One command:
#
#   bench/consumption-query.sh [--stores questdb,influxdb] [--requests 40] [--naive-requests 20] [--warmup 3]
#                              [--report-requests 10] [--live-seconds 90] [--connections 1000] [--quick] [--profile]
#
# For each store (the platform's embedded QuestDB; InfluxDB 1.x started here), in one run:
#  1. the platform starts with a registry of one institution of 50 electricity main meters (bench-year) plus the
#     load generator's 1,000 meters. A year (2025, Asia/Shanghai) of 15-minute readings of the 50 meters, 1.75 M,
#     goes in through ingest's MQTT endpoint (bench tool YearLoader: arrays of 500 readings, QoS 1, one connection
#     per meter), so ingest writes the arrival markers the rollup job works from, as in production;
#  2. backfill rollup: the script waits until jieneng_rollup_pending_markers is 0 and the watermark has passed the
#     end of the load, and reports the job's meter-days/s and readings/s per second of its own run time;
#  3. GET /api/v1/institutions/bench-year/consumption?from=2025-01-01&to=2026-01-01&interval=month, --requests
#     times after --warmup (bench tool QueryTimer), with rollups (JIENENG_ROLLUPS_ENABLED=true): p50/p95; every
#     month's gridImportKwh is checked against the loaded registers (1e-9 relative);
#  4. the report latency: GET /api/v1/reports/audit/bench-year?year=2025 in json and in html (the printable page
#     with its charts), --report-requests times each, the same way (the report reads the year twice, for this
#     year and the previous one, plus quota, alerts and vehicles);
#  5. live rollup throughput: the load generator at saturation, as in bench/ingest-vs-mosquitto.sh (--connections
#     connections, QoS 1, 10 in flight each, one 200-byte reading per message, rate 0) for --live-seconds, while
#     jieneng_rollup_lag_seconds and the job's counters are sampled every second; then how long the job needs to
#     catch up once the load stops (at most 10 minutes). The job only takes markers older than its 30 s safety
#     margin, so it works on the live load for about --live-seconds - 25 s while the load runs. Each meter's
#     readings are 15 minutes apart, as real meters report, starting 200 days back: the job recomputes a touched
#     meter-day whole, so the load generator's default 1 ms spacing (~80 readings/s per meter) would make days
#     no meter ever produces;
#  6. the naive way: the platform restarts on the same data with JIENENG_ROLLUPS_ENABLED=false, so every answer is
#     computed from the raw readings (a scan of the year per request), and the same query runs --naive-requests
#     times.
# Reported: p50/p95 of both ways and their ratio (target p95 <= 200 ms with rollups, on each store), the report
# latency, and the rollup throughput with the lag over the live load. --profile records a JFR profile of each
# platform run (hottest methods per phase in <store>-*-profile.txt). Results:
# bench/results/consumption-query-<time>/. Everything started here is stopped by PID on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STORES=questdb,influxdb REQUESTS=40 NAIVE_REQUESTS=20 REPORT_REQUESTS=10 WARMUP=3 LIVE=90 CONNECTIONS=1000 PROFILE=0
INSTITUTION=bench-year YEAR=2025 ADMIN_PASSWORD=bench-admin-password CATCH_UP_LIMIT=600
while [ $# -gt 0 ]; do
  case "$1" in
    --stores) STORES=$2; shift 2 ;;
    --requests) REQUESTS=$2; shift 2 ;;
    --naive-requests) NAIVE_REQUESTS=$2; shift 2 ;;
    --report-requests) REPORT_REQUESTS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --live-seconds) LIVE=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --quick) REQUESTS=10; NAIVE_REQUESTS=5; REPORT_REQUESTS=3; WARMUP=2; LIVE=45; shift ;;
    --profile) PROFILE=1; shift ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

bench_require
bench_require_tools
bench_trap
bench_raise_nofile
OUT=$(bench_results consumption-query)
bench_machine "$OUT/machine.json"
say "results in $OUT"

# The registry: the load generator's meters (for the live phase) and the 50-meter institution of the year.
REGISTRY="$OUT/bench-registry.json"
loadgen --make-registry "$CONNECTIONS" --out "$OUT/loadgen-registry.json" >&2
jq --arg inst "$INSTITUTION" '
  .institutions += [{id: $inst, name: "基准测试年度单位", region: "320100", category: "government",
                     floorAreaM2: 20000, occupants: 500}]
  | .meters += [range(1; 51) as $i
      | {id: ("\($inst)-e-" + ($i | tostring | if length < 2 then "0" + . else . end)), institution: $inst,
         type: "electricity", role: "main", secret: "\($inst)-secret-\($i)", intervalSeconds: 900,
         commissioned: "2020-01-01"}]' "$OUT/loadgen-registry.json" > "$REGISTRY"

CONSUMPTION_PATH="/api/v1/institutions/$INSTITUTION/consumption?from=$YEAR-01-01&to=$((YEAR + 1))-01-01&interval=month"
REPORT_PATH="/api/v1/reports/audit/$INSTITUTION?year=$YEAR"

# platform_env STORE DATA ROLLUPS: the environment of one platform run.
platform_env() {
  export JIENENG_STORE=$1 JIENENG_DATA_DIR=$2 JIENENG_ROLLUPS_ENABLED=$3 JIENENG_REGISTRY_FILE="$REGISTRY" \
    JIENENG_BCRYPT_COST=4 JIENENG_ADMIN_PASSWORD="$ADMIN_PASSWORD" JIENENG_INGEST_MAX_MESSAGES_PER_SECOND=0 \
    JIENENG_TIMEZONE=Asia/Shanghai
  if [ "$1" = influxdb ]; then
    export JIENENG_INFLUX_URL="$INFLUX_URL" JIENENG_INFLUX_DB=jieneng
  fi
}

# start NAME: the platform with the current environment, profiled with --profile.
start() {
  local opts=(${BENCH_PLATFORM_JAVA_OPTS:-})
  [ "$PROFILE" = 1 ] && opts+=("$(bench_jfr_opts "$OUT/$1.jfr")")
  bench_platform "$OUT/$1.log" "${opts[@]}"
  say "$1: platform pid $PLATFORM_PID, HTTP $PLATFORM_URL, MQTT $PLATFORM_MQTT_PORT"
}

# sampler FILE: samples the platform's meters every second into FILE until stopped; sets SAMPLER_PID.
sampler() {
  ( while :; do bench_metrics "$PLATFORM_URL" >> "$1" 2>/dev/null || true; sleep 1; done ) &
  SAMPLER_PID=$!
  BENCH_PIDS+=("$SAMPLER_PID")
}

# await_rollups SINCE_MS LIMIT_S FILE: waits until no marker is pending and the watermark has passed SINCE_MS;
# prints the last sample. Fails after LIMIT_S seconds (the caller decides whether that is fatal).
await_rollups() {
  local since=$1 limit=$2 file=$3 line
  for _ in $(seq 1 "$limit"); do
    line=$(bench_metrics "$PLATFORM_URL" 2>/dev/null || true)
    if [ -n "$line" ]; then
      echo "$line" >> "$file"
      if awk -v s="$since" -F'\t' '$2 != "NaN" && $3 == 0 && $1 - 1000 * $2 >= s {ok = 1} END {exit !ok}' \
          <<< "$line"; then
        echo "$line"
        return 0
      fi
    fi
    sleep 1
  done
  echo "$line"
  return 1
}

# time_query NAME PATH REQUESTS: QueryTimer on PATH; NAME.json and NAME-body.json in $OUT.
time_query() {
  bench_tool QueryTimer --url "$PLATFORM_URL$2" --user admin --password "$ADMIN_PASSWORD" --requests "$3" \
    --warmup "$WARMUP" --timeout-seconds 300 --out "$OUT/$1.json" --body "$OUT/$1-body.json" \
    2>> "$OUT/tools.log" >&2 || die "$1: the query failed; see $OUT/tools.log"
}

# answer_ok BODY LOAD: true when every month's gridImportKwh equals the loaded registers' to 1e-9 relative.
answer_ok() {
  jq -n --slurpfile b "$1" --slurpfile e "$2" '
    ($e[0].expectedGridImportKwhByMonth) as $want
    | ($b[0].buckets | length) == ($want | length)
      and ([range(0; $want | length) as $i
            | (($b[0].buckets[$i].gridImportKwh - $want[$i].kwh) / $want[$i].kwh) | if . < 0 then -. else . end]
           | max <= 1e-9)'
}

# profile NAME JFR PATTERN REPORT...: the hottest methods of JFR within the reports' windows, of all threads into
# NAME-profile.txt, and of the samples with PATTERN on the stack (the activity measured: the rollup job, a query)
# into NAME-thread-profile.txt, which is what is shown.
profile() {
  local name=$1 jfr=$2 pattern=$3
  shift 3
  [ "$PROFILE" = 1 ] && [ -s "$jfr" ] || return 0
  bench_jfr_top "$jfr" "$@" > "$OUT/$name-profile.txt"
  bench_jfr_within "$jfr" "$pattern" "$@" > "$OUT/$name-thread-profile.txt"
  say "$name: where the samples with $pattern on the stack go (JFR; $OUT/$name-thread-profile.txt):"
  awk '/^inclusive/ {inc = 1; print "    " $0; next} !inc && NR <= 11 {print "    " $0} inc && ++k <= 14 {print "    " $0}' \
    "$OUT/$name-thread-profile.txt" >&2
}

# window FILE START END: a {windowStart, windowEnd} file, for profile().
window() { jq -n --arg s "$2" --arg e "$3" '{windowStart: $s, windowEnd: $e}' > "$1"; }

run_store() {
  local store=$1 data load_start load_end iso_load_end iso_live_start first last caught
  bench_tempdir data "platform-$store"
  platform_env "$store" "$data" true
  start "$store-rollups"

  # 1. The year through ingest.
  say "$store: loading a year of 15-minute readings of 50 meters through MQTT ..."
  sampler "$OUT/$store-backfill-metrics.tsv"
  first=$(bench_metrics "$PLATFORM_URL")
  load_start=$(date +%s%3N)
  bench_tool YearLoader --port "$PLATFORM_MQTT_PORT" --registry "$REGISTRY" --institution "$INSTITUTION" \
    --from "$YEAR-01-01" --to "$((YEAR + 1))-01-01" --out "$OUT/$store-load.json" 2>> "$OUT/tools.log" >&2 \
    || die "$store: loading the year failed; see $OUT/tools.log"
  load_end=$(date +%s%3N)
  iso_load_end=$(bench_iso_now)
  say "$store: $(jq -r '"\(.readings) readings in \(.seconds) s (\(.readingsPerSecond)/s, \(.reconnects) reconnects)"' \
    "$OUT/$store-load.json")"

  # 2. The backfill rolled up.
  say "$store: waiting for the rollup job to roll the year up ..."
  last=$(await_rollups "$load_end" 1800 "$OUT/$store-backfill-metrics.tsv") \
    || die "$store: the rollup job did not catch up within 30 minutes (last sample: $last)"
  caught=$(date +%s%3N)
  bench_stop "$SAMPLER_PID"
  window "$OUT/$store-backfill-window.json" "$iso_load_end" "$(bench_iso_now)"
  jq -n --argjson readings "$(jq .readings "$OUT/$store-load.json")" --arg first "$first" --arg last "$last" \
    --argjson loadStart "$load_start" --argjson loadEnd "$load_end" --argjson caught "$caught" '
    ($first | split("\t") | map(tonumber? // null)) as $a | ($last | split("\t") | map(tonumber? // null)) as $b
    | ($b[3] - $a[3]) as $days | ($b[5] - $a[5]) as $busy
    | {readings: $readings, meterDays: $days, jobRuns: ($b[4] - $a[4]), jobBusySeconds: $busy,
       meterDaysPerJobSecond: (if $busy > 0 then $days / $busy else null end | . * 10 | round / 10),
       readingsPerJobSecond: (if $busy > 0 then $readings / $busy else null end | round),
       loadSeconds: (($loadEnd - $loadStart) / 1000),
       rolledUpSecondsAfterLoadEnd: (($caught - $loadEnd) / 1000)}' > "$OUT/$store-backfill.json"
  say "$store: backfill rolled up: $(jq -r '"\(.meterDays) meter-days in \(.jobBusySeconds) s of job time: \(.meterDaysPerJobSecond) meter-days/s, \(.readingsPerJobSecond) readings/s; complete \(.rolledUpSecondsAfterLoadEnd) s after the load ended"' "$OUT/$store-backfill.json")"

  # 3. The query with rollups.
  say "$store: consumption query with rollups, $REQUESTS requests after $WARMUP warm-up ..."
  time_query "$store-rollups-query" "$CONSUMPTION_PATH" "$REQUESTS"
  answer_ok "$OUT/$store-rollups-query-body.json" "$OUT/$store-load.json" > "$OUT/$store-rollups-answer-ok" \
    || echo false > "$OUT/$store-rollups-answer-ok"

  # 4. The audit report, json and html.
  say "$store: audit report, $REPORT_REQUESTS requests each in json and html ..."
  time_query "$store-report" "$REPORT_PATH&format=json" "$REPORT_REQUESTS"
  time_query "$store-report-html" "$REPORT_PATH&format=html" "$REPORT_REQUESTS"

  # 5. Live rollup throughput under ingest at saturation.
  say "$store: rollups under live load: $CONNECTIONS connections at saturation for ${LIVE}s ..."
  sampler "$OUT/$store-live-metrics.tsv"
  first=$(bench_metrics "$PLATFORM_URL")
  iso_live_start=$(bench_iso_now)
  loadgen --host 127.0.0.1 --port "$PLATFORM_MQTT_PORT" --registry "$OUT/loadgen-registry.json" \
    --connections "$CONNECTIONS" --source-addresses 127.0.0.1-127.0.0.10 --qos 1 --payload-bytes 200 \
    --readings-per-message 1 --rate 0 --max-in-flight 10 --duration "$LIVE" --warmup 5 \
    --ts-step-ms 900000 --ts-backlog-seconds $((200 * 86400)) \
    --target-pid "$PLATFORM_PID" --out "$OUT/$store-live-loadgen.json" 2>> "$OUT/loadgen.log" \
    | sed 's/^/    /' >&2 || true
  [ -s "$OUT/$store-live-loadgen.json" ] || die "$store: the load generator wrote no report; see $OUT/loadgen.log"
  load_end=$(date +%s%3N)
  local at_end caught_ok=true
  at_end=$(bench_metrics "$PLATFORM_URL")
  say "$store: load stopped; waiting up to ${CATCH_UP_LIMIT}s for the rollup job to catch up ..."
  last=$(await_rollups "$load_end" "$CATCH_UP_LIMIT" "$OUT/$store-live-metrics.tsv") || caught_ok=false
  caught=$(date +%s%3N)
  bench_stop "$SAMPLER_PID"
  live_summary "$store" "$first" "$at_end" "$last" "$load_end" "$caught" "$caught_ok"

  bench_stop "$PLATFORM_PID"
  profile "$store-rollups-backfill" "$OUT/$store-rollups.jfr" RollupRun.run "$OUT/$store-backfill-window.json"
  profile "$store-rollups-query" "$OUT/$store-rollups.jfr" ConsumptionService.consumption \
    "$OUT/$store-rollups-query.json"
  window "$OUT/$store-live-window.json" "$iso_live_start" "$(bench_iso_now)"
  profile "$store-live" "$OUT/$store-rollups.jfr" RollupRun.run "$OUT/$store-live-window.json"

  # 6. The naive way: the same data, rollups off.
  platform_env "$store" "$data" false
  start "$store-naive"
  say "$store: consumption query from raw readings (JIENENG_ROLLUPS_ENABLED=false), $NAIVE_REQUESTS requests ..."
  time_query "$store-naive-query" "$CONSUMPTION_PATH" "$NAIVE_REQUESTS"
  answer_ok "$OUT/$store-naive-query-body.json" "$OUT/$store-load.json" > "$OUT/$store-naive-answer-ok" \
    || echo false > "$OUT/$store-naive-answer-ok"
  bench_stop "$PLATFORM_PID"
  profile "$store-naive-query" "$OUT/$store-naive.jfr" ConsumptionService.consumption "$OUT/$store-naive-query.json"
  store_summary "$store"
}

# live_summary STORE FIRST AT_END LAST LOAD_END CAUGHT CAUGHT_OK: the live phase in STORE-live.json.
live_summary() {
  local store=$1
  jq -n --slurpfile lg "$OUT/$store-live-loadgen.json" --arg first "$2" --arg atEnd "$3" --arg last "$4" \
    --argjson loadEnd "$5" --argjson caught "$6" --argjson caughtUp "$7" \
    --rawfile samples "$OUT/$store-live-metrics.tsv" '
    def row: split("\t") | map(tonumber? // null);
    ($first | row) as $a | ($atEnd | row) as $e | ($last | row) as $b
    | ($samples | split("\n") | map(select(length > 0) | row)) as $s
    | ($s | map(select(.[0] <= $loadEnd and .[1] != null) | .[1])) as $lagDuring
    | ($b[3] - $a[3]) as $days | ($b[5] - $a[5]) as $busy | ($b[6] - $a[6]) as $readings
    | {ingestMessagesPerSecond: ($lg[0].messagesPerSecond | round), ingestP99Ms: $lg[0].latencyMs.p99Ms,
       ingestErrors: $lg[0].errorsTotal, platformCpuPercent: $lg[0].target.cpuPercent,
       readingsIngested: $readings, meterDays: $days, jobRuns: ($b[4] - $a[4]), jobBusySeconds: $busy,
       meterDaysPerJobSecond: (if $busy > 0 then $days / $busy * 10 | round / 10 else null end),
       readingsPerJobSecond: (if $busy > 0 then $readings / $busy | round else null end),
       jobBusyFractionDuringLoad: (if ($e[0] - $a[0]) > 0 then ($e[5] - $a[5]) / (($e[0] - $a[0]) / 1000)
                                   * 100 | round / 100 else null end),
       jobBusyFractionOverall: (if ($b[0] - $a[0]) > 0 then $busy / (($b[0] - $a[0]) / 1000) * 100 | round / 100
                                else null end),
       lagSecondsMaxDuringLoad: ($lagDuring | max), lagSecondsAtLoadEnd: $e[1],
       caughtUp: $caughtUp, catchUpSecondsAfterLoadEnd: (($caught - $loadEnd) / 1000),
       keepsUp: ($caughtUp and $busy > 0 and ($readings / $busy) >= $lg[0].readingsPerSecond)}' \
    > "$OUT/$store-live.json"
}

store_summary() {
  local store=$1
  jq -n --slurpfile r "$OUT/$store-rollups-query.json" --slurpfile n "$OUT/$store-naive-query.json" \
    --slurpfile load "$OUT/$store-load.json" --slurpfile backfill "$OUT/$store-backfill.json" \
    --slurpfile live "$OUT/$store-live.json" --slurpfile report "$OUT/$store-report.json" \
    --slurpfile reportHtml "$OUT/$store-report-html.json" \
    --argjson rOk "$(cat "$OUT/$store-rollups-answer-ok")" --argjson nOk "$(cat "$OUT/$store-naive-answer-ok")" '
    {load: ($load[0] | {readings, seconds, readingsPerSecond, reconnects}),
     rollups: {p50Ms: $r[0].latency.p50Ms, p95Ms: $r[0].latency.p95Ms, maxMs: $r[0].latency.maxMs,
               requests: $r[0].latency.count, answerMatchesReadings: $rOk},
     naive: {p50Ms: $n[0].latency.p50Ms, p95Ms: $n[0].latency.p95Ms, maxMs: $n[0].latency.maxMs,
             requests: $n[0].latency.count, answerMatchesReadings: $nOk,
             how: "a second platform run on the same data with JIENENG_ROLLUPS_ENABLED=false"},
     ratioNaiveToRollupsP50: ($n[0].latency.p50Ms / $r[0].latency.p50Ms * 10 | round / 10),
     ratioNaiveToRollupsP95: ($n[0].latency.p95Ms / $r[0].latency.p95Ms * 10 | round / 10),
     targetP95Ms: 200, meetsTarget: ($r[0].latency.p95Ms <= 200 and $rOk),
     report: {json: {p50Ms: $report[0].latency.p50Ms, p95Ms: $report[0].latency.p95Ms,
                      requests: $report[0].latency.count},
              html: {p50Ms: $reportHtml[0].latency.p50Ms, p95Ms: $reportHtml[0].latency.p95Ms,
                     requests: $reportHtml[0].latency.count}},
     backfillRollup: $backfill[0], liveRollup: $live[0]}' > "$OUT/$store-summary.json"
}

IFS=, read -r -a STORE_LIST <<< "$STORES"
for s in "${STORE_LIST[@]}"; do
  case "$s" in
    questdb) ;;
    influxdb) [ -n "${INFLUX_URL:-}" ] || bench_influxdb "$OUT" ;;
    *) die "unknown store $s (questdb, influxdb)" ;;
  esac
done
for s in "${STORE_LIST[@]}"; do
  run_store "$s"
done

jq -n --slurpfile machine "$OUT/machine.json" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  --argjson requests "$REQUESTS" --argjson naive "$NAIVE_REQUESTS" --argjson warmup "$WARMUP" \
  --argjson live "$LIVE" --argjson connections "$CONNECTIONS" --arg institution "$INSTITUTION" \
  --argjson year "$YEAR" --arg query "$CONSUMPTION_PATH" \
  '{benchmark: "consumption-query", machine: $machine[0], loadAverageAtEnd: $load,
    settings: {institution: $institution, meters: 50, year: $year, intervalSeconds: 900, query: $query,
               requestsWithRollups: $requests, requestsNaive: $naive, warmupRequests: $warmup,
               liveSeconds: $live, liveConnections: $connections, bcryptCost: 4,
               rollupIntervalSeconds: 10, rollupSafetySeconds: 30},
    stores: {}}' > "$OUT/summary.json"
for s in "${STORE_LIST[@]}"; do
  jq --arg s "$s" --slurpfile x "$OUT/$s-summary.json" '.stores[$s] = $x[0]' "$OUT/summary.json" > "$OUT/summary.tmp"
  mv "$OUT/summary.tmp" "$OUT/summary.json"
done

say "--------------------------------------------------------------------------------"
say "consumption of $INSTITUTION (50 meters, 15-minute readings) for $YEAR by month; p50 / p95 (requests)"
for s in "${STORE_LIST[@]}"; do
  jq -r --arg s "$s" '.stores[$s] as $x | "  \($s):",
    "    with rollups:  \($x.rollups.p50Ms | . * 10 | round / 10) / \($x.rollups.p95Ms | . * 10 | round / 10) ms (\($x.rollups.requests)), answer matches the readings: \($x.rollups.answerMatchesReadings)",
    "    naive (raw):   \($x.naive.p50Ms | round) / \($x.naive.p95Ms | round) ms (\($x.naive.requests)), answer matches: \($x.naive.answerMatchesReadings)",
    "    ratio naive / rollups: p50 \($x.ratioNaiveToRollupsP50), p95 \($x.ratioNaiveToRollupsP95); target p95 <= 200 ms: \(if $x.meetsTarget then "met" else "NOT met" end)",
    "    audit report:  json \($x.report.json.p50Ms | round) / \($x.report.json.p95Ms | round) ms, html \($x.report.html.p50Ms | round) / \($x.report.html.p95Ms | round) ms",
    "    load:          \($x.load.readings) readings in \($x.load.seconds) s through MQTT (\($x.load.readingsPerSecond)/s)",
    "    backfill rollup: \($x.backfillRollup.meterDaysPerJobSecond) meter-days/s, \($x.backfillRollup.readingsPerJobSecond) readings/s of job time; done \($x.backfillRollup.rolledUpSecondsAfterLoadEnd) s after the load",
    "    live rollup:   ingest \($x.liveRollup.ingestMessagesPerSecond) readings/s; job \($x.liveRollup.readingsPerJobSecond) readings/s and \($x.liveRollup.meterDaysPerJobSecond) meter-days/s of job time, busy \($x.liveRollup.jobBusyFractionDuringLoad) of the load",
    "                   lag max \($x.liveRollup.lagSecondsMaxDuringLoad) s during the load, \($x.liveRollup.lagSecondsAtLoadEnd) s at its end; caught up: \($x.liveRollup.caughtUp) \($x.liveRollup.catchUpSecondsAfterLoadEnd) s after; keeps up: \($x.liveRollup.keepsUp)"' \
    "$OUT/summary.json" >&2
done
say "load now: $(cut -d' ' -f1-3 /proc/loadavg)"
say "summary: $OUT/summary.json"
