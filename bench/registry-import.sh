#!/usr/bin/env bash
# Registry import, 10,000 meters (issue 12, item 6: "import of a 10,000-meter registry <= 10 s"). One command:
#
#   bench/registry-import.sh [--meters 10000]
#
# Makes a bench registry (./jieneng loadgen --make-registry: N electricity meters, each with its own 128-bit
# secret, ten per institution) and imports it with ./jieneng loadgen --import-registry, the same
# RegistryStore.importDocument that analytics runs for PUT /api/v1/registry, twice into each database:
#   - a fresh H2 file (a single-node deployment's registry), then the same document again (nothing changes);
#   - a fresh PostgreSQL started here on a free loopback port (scale-out), then again.
# Each figure is the import as the tool measures it (parse, validate, hash every device secret, write, commit),
# the whole command including the JVM start, and its CPU seconds. Needs the simulators built (./jieneng build) and PostgreSQL's
# server binaries (Debian: apt-get install -y postgresql). Results: bench/results/registry-import-<time>/.
# Everything started here is stopped by PID on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$BENCH_ROOT/.ci/test-servers.sh"

METERS=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --meters) METERS=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

[ -f "$SIMULATORS_JAR" ] && [ -d "$BENCH_ROOT/devices/simulators/target/lib" ] \
  || die "build first: ./jieneng build (or mvn -q -pl devices/simulators -am package -DskipTests)"
command -v jq >/dev/null || die "jq is not installed (Debian: apt-get install -y jq)"
[ -x /usr/bin/time ] || die "/usr/bin/time is not installed (Debian: apt-get install -y time)"
trap 'rc=$?; servers_stop_all; bench_stop_all; exit $rc' EXIT
trap 'exit 130' INT TERM

OUT=$(bench_results registry-import)
bench_machine "$OUT/machine.json"
say "results in $OUT"

loadgen() {
  java "$JUL_FORMAT" -cp "$SIMULATORS_CP" io.jieneng.devices.loadgen.LoadGenMain "$@"
}

loadgen --make-registry "$METERS" --out "$OUT/registry.json" >&2

# import NAME: imports the document with the JIENENG_DB_* of the environment; prints the tool's seconds, the whole
# command's and its CPU seconds (user + system: on a machine shared with other work, wall time waits for a core,
# CPU time does not), and appends them to results.jsonl.
import() {
  local line seconds wall cpu load
  load=$(cut -d' ' -f1 /proc/loadavg)
  line=$(/usr/bin/time -f 'time %e %U %S' -o "$OUT/time.txt" java "$JUL_FORMAT" -cp "$SIMULATORS_CP" \
    io.jieneng.devices.loadgen.LoadGenMain --import-registry "$OUT/registry.json" 2>>"$OUT/import.log" \
    | tee -a "$OUT/import.log" | grep '^imported ')
  seconds=$(sed -E 's/.* in ([0-9.]+) s:.*/\1/' <<<"$line")
  wall=$(awk '/^time / {print $2}' "$OUT/time.txt")
  cpu=$(awk '/^time / {printf "%.1f", $3 + $4}' "$OUT/time.txt")
  say "$1: import ${seconds} s (whole command ${wall} s, ${cpu} CPU s; load average ${load} at the start)"
  jq -cn --arg run "$1" --argjson meters "$METERS" --argjson importSeconds "$seconds" \
    --argjson commandSeconds "$wall" --argjson cpuSeconds "$cpu" --arg load "$load" \
    '{run: $run, meters: $meters, importSeconds: $importSeconds, commandSeconds: $commandSeconds,
      cpuSeconds: $cpuSeconds, loadAverage1min: $load}' >> "$OUT/results.jsonl"
}

bench_tempdir H2_DIR registry-h2
JIENENG_DATA_DIR=$H2_DIR import "h2, first import"
JIENENG_DATA_DIR=$H2_DIR import "h2, same document again"

_start_postgresql
JIENENG_DB_URL=$JIENENG_TEST_PG_URL JIENENG_DB_USER=$JIENENG_TEST_PG_USER \
  JIENENG_DB_PASSWORD=$JIENENG_TEST_PG_PASSWORD import "postgresql, first import"
JIENENG_DB_URL=$JIENENG_TEST_PG_URL JIENENG_DB_USER=$JIENENG_TEST_PG_USER \
  JIENENG_DB_PASSWORD=$JIENENG_TEST_PG_PASSWORD import "postgresql, same document again"

say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$OUT/results.jsonl"
