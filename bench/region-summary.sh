#!/usr/bin/env bash
# The regional summary over a province (issue 5 "Regions"). One command:
#
#   bench/region-summary.sh [--institutions 10000] [--requests 20] [--cold-requests 5]
#                           [--store questdb|influxdb|both] [--quick]
#
# A generated registry (bench/region-registry.jq): one province, 13 cities, 104 counties, N institutions with 2.8
# meters each on average, quotas for 9 in 10 of them, official vehicles. For each store, the platform starts with
# that registry, and a year (2025) of DAILY ROLLUP ROWS of every meter is written straight into the store's
# energy_daily table (bench/region-rows.awk: 27,834 meters x 365 days = 10.2 M rows for 10,000 institutions), the
# rows the rollup job would have written. A year of 15-minute readings for that many meters would be about a billion
# readings and hours of ingest; the summary reads the rollups anyway, so this measures what the API does. Then
# GET /api/v1/regions/320000/summary is timed (curl, sequential):
#   cold     year=2025 with a different asOf each time (31 Dec, 30 Dec, ...), so no range is in the sum cache:
#            the grouped sum of the year in the store (plus the empty 2024 sums of the seasonal check);
#   warm     year=2025 again and again: the cached sums, the markers written since, and the roll-up itself;
#   current  year=2026 (asOf today): its first request (2025 whole and to the same day, 2026 to date) and then
#            repeated ones.
# The first answer is checked against the figures the generator implies (bench/region-expected.jq). Results:
# bench/results/region-summary-<time>/ (summary.json, the answers, the logs). Everything started here is stopped by
# PID on exit. The figures are only as good as the machine is quiet: the load average is recorded with them.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

INSTITUTIONS=10000 REQUESTS=20 COLD=5 STORES="questdb influxdb"
while [ $# -gt 0 ]; do
  case "$1" in
    --institutions) INSTITUTIONS=$2; shift 2 ;;
    --requests) REQUESTS=$2; shift 2 ;;
    --cold-requests) COLD=$2; shift 2 ;;
    --store) case "$2" in both) STORES="questdb influxdb" ;; questdb|influxdb) STORES=$2 ;;
             *) die "--store is questdb, influxdb or both" ;; esac; shift 2 ;;
    --quick) INSTITUTIONS=1000; REQUESTS=10; COLD=3; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

bench_require awk split
bench_trap
OUT=$(bench_results region-summary)
bench_machine "$OUT/machine.json"
say "results in $OUT"
HERE="$BENCH_ROOT/bench"
ADMIN_PASSWORD=bench-admin-password

REGISTRY="$OUT/bench-registry.json"
jq -n --argjson n "$INSTITUTIONS" -f "$HERE/region-registry.jq" > "$REGISTRY"
jq -n --argjson n "$INSTITUTIONS" -f "$HERE/region-expected.jq" > "$OUT/expected.json"
jq -r '(.institutions | map({(.id): .region}) | add) as $r | .meters[]
       | [.id, (.institution | ltrimstr("b")), .type, (.role // ""), .institution, $r[.institution]] | @tsv' \
  "$REGISTRY" > "$OUT/meters.tsv"
METERS=$(wc -l < "$OUT/meters.tsv")
ROWS=$((METERS * 365))
say "registry: $INSTITUTIONS institutions, $METERS meters; $ROWS daily rollup rows per store"

# start_platform STORE: the platform on free ports with the bench registry (bcrypt cost 4: 28,000 meter secrets at
# cost 10 would take minutes to hash); sets PLATFORM_PID, API and QDB_HTTP.
start_platform() {
  local store=$1 data http mqtt qhttp qpg
  bench_tempdir data "platform-$store"
  bench_free_port http
  bench_free_port mqtt
  bench_free_port qhttp
  bench_free_port qpg
  local influx=()
  [ "$store" = influxdb ] && influx=(JIENENG_INFLUX_URL="$INFLUX_URL" JIENENG_INFLUX_DB=jieneng_bench)
  # The alert engine stays off: its quota check sums 2025 (the seasonal projection of 2026) every minute, and a sum
  # taken while the rows below are still being written would be kept by the platform's range-sum cache, which
  # learns of changes from arrival markers only (docs/ROLLUPS.md); these rows come without markers.
  env "${influx[@]}" JIENENG_ALERTS_CRON=off JIENENG_STORE="$store" JIENENG_DATA_DIR="$data" JIENENG_REGISTRY_FILE="$REGISTRY" JIENENG_BCRYPT_COST=4 \
    JIENENG_HTTP_PORT="$http" JIENENG_MQTT_PORT="$mqtt" JIENENG_MQTT_HOST=127.0.0.1 \
    JIENENG_QUESTDB_HTTP_PORT="$qhttp" JIENENG_QUESTDB_PG_PORT="$qpg" JIENENG_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    java ${BENCH_PLATFORM_JAVA_OPTS:-} -jar "$ANALYTICS_JAR" > "$OUT/platform-$store.log" 2>&1 &
  PLATFORM_PID=$!
  BENCH_PIDS+=("$PLATFORM_PID")
  API="http://127.0.0.1:$http"
  QDB_HTTP="http://127.0.0.1:$qhttp"
  local t0=$SECONDS
  bench_await "the platform" 600 "$PLATFORM_PID" curl -fsS "$API/q/health/ready"
  # The rollup job's first run initialises the store (creating the rollup tables); until then queries would be
  # answered from raw readings, of which there are none here.
  bench_await "the first rollup run" 120 "$PLATFORM_PID" lag_known
  say "$store: platform ready in $((SECONDS - t0)) s, registry imported (pid $PLATFORM_PID)"
}

lag_known() { curl -fsS "$API/q/metrics" | grep -E '^jieneng_rollup_lag_seconds [0-9]' >/dev/null; }

stop_platform() {
  kill "$PLATFORM_PID" 2>/dev/null || true
  wait "$PLATFORM_PID" 2>/dev/null || true
}

# write_rows STORE URL: the daily rows in line protocol, 20,000 lines per POST. A busy InfluxDB may answer 500
# (write timeout); a retried batch only overwrites the same points.
write_rows() {
  local store=$1 url=$2 t0=$SECONDS
  export BENCH_WRITE_URL=$url
  awk -v store="$store" -v days=365 -f "$HERE/region-rows.awk" "$OUT/meters.tsv" \
    | split -l 20000 --filter 'curl -sS --fail-with-body --retry 5 --retry-delay 2 -XPOST --data-binary @- \
        "$BENCH_WRITE_URL" || exit 1' -
  WRITE_SECONDS=$((SECONDS - t0))
  say "$store: $ROWS rows written in $WRITE_SECONDS s"
}

URL_BASE=/api/v1/regions/320000/summary

# applied STORE: true once the store shows every row (QuestDB applies its write-ahead log after the commit).
applied() {
  [ "$1" = influxdb ] && return 0
  local q="select count() from energy_daily"
  [ "$(curl -fsS -G "$QDB_HTTP/exec" --data-urlencode "query=$q" | jq '.dataset[0][0]')" = "$ROWS" ]
}

# check_answer FILE: the 2025 answer equals what the generator implies.
check_answer() {
  jq -e --slurpfile e "$OUT/expected.json" '
    def near($a; $b): (($a - $b) | fabs) <= 1e-9 * ($b | fabs) + 1e-6;
    .institutions == $e[0].institutions and near(.totals.gridImportKwh; $e[0].gridImportKwh)
    and near(.totals.pvGenerationKwh; $e[0].pvGenerationKwh) and near(.totals.gasM3; $e[0].gasM3)
    and near(.totals.waterM3; $e[0].waterM3)' "$1" >/dev/null \
    || die "the summary in $1 does not match $OUT/expected.json"
}

# timed NAME QUERY...: one timed request per query string; the seconds go to $OUT/times-NAME.txt, the first answer
# to $OUT/answer-NAME.json.
timed() {
  local name=$1 q first=1
  shift
  : > "$OUT/times-$name.txt"
  for q in "$@"; do
    if [ "$first" = 1 ]; then
      curl -fsS -o "$OUT/answer-$name.json" -w '%{time_total}\n' -u "admin:$ADMIN_PASSWORD" "$API$URL_BASE?$q"
      first=0
    else
      curl -fsS -o /dev/null -w '%{time_total}\n' -u "admin:$ADMIN_PASSWORD" "$API$URL_BASE?$q"
    fi >> "$OUT/times-$name.txt"
  done
}

# percentile P FILE: nearest-rank percentile of the seconds in FILE, in ms.
percentile() { sort -g "$2" | awk -v p="$1" '{a[NR] = $1} END {r = int((p * NR + 99) / 100); print int(a[r] * 1000 + 0.5)}'; }

# record STORE NAME: appends the figures of $OUT/times-STORE-NAME.txt to RESULTS and prints them.
record() {
  local f="$OUT/times-$1-$2.txt" load p50 p95 max n
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  n=$(wc -l < "$f")
  p50=$(percentile 50 "$f")
  p95=$(percentile 95 "$f")
  max=$(percentile 100 "$f")
  say "$1 $2: p50 $p50 ms, p95 $p95 ms, max $max ms over $n requests (load average $load)"
  RESULTS=$(jq -c --arg store "$1" --arg name "$2" --argjson p50 "$p50" --argjson p95 "$p95" --argjson max "$max" \
    --arg load "$load" --argjson n "$n" --argjson write "$WRITE_SECONDS" \
    '. + [{store: $store, measurement: $name, requests: $n, p50Ms: $p50, p95Ms: $p95, maxMs: $max,
           loadAverage: $load, rowsWriteSeconds: $write}]' <<< "$RESULTS")
}

RESULTS="[]"
for store in $STORES; do
  if [ "$store" = influxdb ]; then
    bench_influxdb "$OUT"
    curl -fsS -XPOST "$INFLUX_URL/query" --data-urlencode 'q=CREATE DATABASE jieneng_bench' > /dev/null
  fi
  start_platform "$store"
  if [ "$store" = questdb ]; then write_rows questdb "$QDB_HTTP/write"; else write_rows influxdb "$INFLUX_URL/write?db=jieneng_bench"; fi
  bench_await "the rows to be applied" 900 "$PLATFORM_PID" applied "$store"
  cold=()
  for k in $(seq 0 $((COLD - 1))); do cold+=("year=2025&asOf=$(date -d "2025-12-31 - $k days" +%F)"); done
  timed "$store-cold" "${cold[@]}"
  check_answer "$OUT/answer-$store-cold.json"
  say "$store: the 2025 summary matches the expected totals"
  record "$store" cold
  warm=()
  for k in $(seq 1 "$REQUESTS"); do warm+=("year=2025&asOf=2025-12-31"); done
  timed "$store-warm" "${warm[@]}"
  check_answer "$OUT/answer-$store-warm.json"
  record "$store" warm
  timed "$store-current-first" "year=2026"
  record "$store" current-first
  current=()
  for k in $(seq 1 "$REQUESTS"); do current+=("year=2026"); done
  timed "$store-current" "${current[@]}"
  record "$store" current
  stop_platform
done
jq -n --argjson results "$RESULTS" --argjson institutions "$INSTITUTIONS" --argjson meters "$METERS" \
  --argjson rows "$ROWS" --slurpfile machine "$OUT/machine.json" \
  '{machine: $machine[0], institutions: $institutions, meters: $meters, dailyRowsPerStore: $rows,
    regions: {provinces: 1, cities: 13, counties: 104}, results: $results}' > "$OUT/summary.json"
say "summary: $OUT/summary.json"
jq -r '.results[] | "  \(.store) \(.measurement): p50 \(.p50Ms) ms, p95 \(.p95Ms) ms (load \(.loadAverage))"' \
  "$OUT/summary.json" >&2
