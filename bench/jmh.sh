#!/usr/bin/env bash
# JMH for the hot paths (issue 6 benchmark 5). One command:
#
#   bench/jmh.sh [--forks 3] [--warmup-iterations 5] [--iterations 5] [--time 2] [--quick] [--profile]
#                [-- JMH-ARGS...]
#
# Runs the benchmarks of bench/jmh (io.jieneng.bench.jmh), each in 3 forked JVMs with 5 warm-up and 5 measured
# iterations of 2 s, and reports the average time per operation with its 99.9 % confidence interval:
#   DecodeBenchmark        ReadingDecoder.decode of one reading and of a 500-reading array (per message)
#   SinkEncodingBenchmark  the InfluxDB sink's point building + line protocol, and the QuestDB Sender's row
#                          encoding, of a 5,000-reading batch with its arrival markers, no network (per reading)
#   ApportionBenchmark     EnergyApportioner.apportion and RawMeterEnergy.compute of a year of 15-minute readings
#                          over hour, day and month grids (per meter-year)
# --profile adds JMH's GC profiler (allocation per operation). Arguments after -- go to JMH as they are, e.g.
# `bench/jmh.sh -- 'Decode.*'` runs one class, `-- -lprof` lists profilers. Results: bench/results/jmh-<time>/
# (jmh.json in JMH's format, jmh.txt its console output, summary.txt). The JMH process is stopped by PID on exit.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FORKS=3 WI=5 ITER=5 TIME=2 PROFILE=0
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --forks) FORKS=$2; shift 2 ;;
    --warmup-iterations) WI=$2; shift 2 ;;
    --iterations) ITER=$2; shift 2 ;;
    --time) TIME=$2; shift 2 ;;
    --quick) FORKS=1; WI=2; ITER=3; TIME=1; shift ;;
    --profile) PROFILE=1; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

JMH_JAR="$BENCH_ROOT/bench/jmh/target/jieneng-bench-jmh-$BENCH_VERSION.jar"
[ -f "$JMH_JAR" ] && [ -d "$BENCH_ROOT/bench/jmh/target/lib" ] \
  || die "build first: mvn -q install -DskipTests (builds bench/jmh with the rest)"
command -v jq >/dev/null 2>&1 || die "jq is not installed (Debian: apt-get install -y jq)"
bench_trap
OUT=$(bench_results jmh)
bench_machine "$OUT/machine.json"
say "results in $OUT"

ARGS=(-f "$FORKS" -wi "$WI" -w "${TIME}s" -i "$ITER" -r "${TIME}s" -rf json -rff "$OUT/jmh.json")
[ "$PROFILE" = 1 ] && ARGS+=(-prof gc)
say "JMH: $FORKS fork(s) x ($WI warm-up + $ITER measured iterations of ${TIME}s) per benchmark ..."
# In the background and waited for, so that an interrupted run stops JMH (and with it its forks) by PID.
java -cp "$JMH_JAR:$BENCH_ROOT/bench/jmh/target/lib/*" org.openjdk.jmh.Main "${ARGS[@]}" "${EXTRA[@]}" \
  > "$OUT/jmh.txt" 2>&1 &
JMH_PID=$!
BENCH_PIDS+=("$JMH_PID")
wait "$JMH_PID" || die "JMH failed; see $OUT/jmh.txt"
[ -s "$OUT/jmh.json" ] || die "JMH wrote no results; see $OUT/jmh.txt"

# One line per benchmark: score ± error (99.9 % CI) and unit; secondary (GC) metrics with --profile.
jq -r --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" '
  ["benchmark", "params", "score", "error", "unit", "forks x iterations"],
  (.[] | [(.benchmark | sub("^io\\.jieneng\\.bench\\.jmh\\."; "")),
          ((.params // {}) | to_entries | map("\(.key)=\(.value)") | join(",")),
          (.primaryMetric.score | . * 1000 | round / 1000 | tostring),
          ("± " + (.primaryMetric.scoreError | . * 1000 | round / 1000 | tostring)),
          .primaryMetric.scoreUnit, "\(.forks) x \(.measurementIterations)"]),
  (.[] | select(.secondaryMetrics["gc.alloc.rate.norm"] != null)
       | ["  " + (.benchmark | sub("^io\\.jieneng\\.bench\\.jmh\\."; "")) + " allocation",
          ((.params // {}) | to_entries | map("\(.key)=\(.value)") | join(",")),
          (.secondaryMetrics["gc.alloc.rate.norm"].score | round | tostring), "", "B/op", ""])
  | @tsv' "$OUT/jmh.json" | column -t -s $'\t' > "$OUT/summary.txt"
say "--------------------------------------------------------------------------------"
sed 's/^/    /' "$OUT/summary.txt" >&2
say "per reading: decodeArray500 / 500; the sink benchmarks are already per reading (5,000 per batch)"
say "load now: $(cut -d' ' -f1-3 /proc/loadavg)"
say "results: $OUT/jmh.json"
