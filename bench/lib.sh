# Shared by the benchmarks in bench/ (sourced, not run). Everything a benchmark starts is recorded in BENCH_PIDS
# and stopped by PID when the script exits; nothing is ever stopped by name.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_VERSION=0.1.0-SNAPSHOT
SIMULATORS_JAR="$BENCH_ROOT/devices/simulators/target/jieneng-simulators-$BENCH_VERSION.jar"
SIMULATORS_CP="$SIMULATORS_JAR:$BENCH_ROOT/devices/simulators/target/lib/*"
INGEST_CP="$BENCH_ROOT/ingest/target/jieneng-ingest-$BENCH_VERSION.jar:$BENCH_ROOT/ingest/target/lib/*"
ANALYTICS_JAR="$BENCH_ROOT/analytics/target/quarkus-app/quarkus-run.jar"
# The same one-line log format as ./jieneng uses for the plain-Java tools.
JUL_FORMAT='-Djava.util.logging.SimpleFormatter.format=%1$tH:%1$tM:%1$tS %4$-7s [%3$s] %5$s%6$s%n'

BENCH_PIDS=()
BENCH_DIRS=()
BENCH_PORTS=()

say() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

bench_require() {
  local c
  for c in java jq curl "$@"; do
    command -v "$c" >/dev/null 2>&1 || die "$c is not installed (Debian: apt-get install -y $c)"
  done
  [ -f "$SIMULATORS_JAR" ] && [ -d "$BENCH_ROOT/devices/simulators/target/lib" ] \
    && [ -f "$BENCH_ROOT/ingest/target/jieneng-ingest-$BENCH_VERSION.jar" ] && [ -f "$ANALYTICS_JAR" ] \
    || die "build first: ./jieneng build (or mvn -q install -DskipTests)"
}

# bench_results NAME: a new directory bench/results/NAME-<timestamp>, printed.
bench_results() {
  local dir
  dir="$BENCH_ROOT/bench/results/$1-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$dir"
  echo "$dir"
}

# Prints the machine and writes it as JSON to $1.
bench_machine() {
  local model mem_kib load java_version
  model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  mem_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  java_version=$(java -version 2>&1 | head -n 1)
  say "date:    $(date -Is)"
  say "machine: $(nproc) cores, ${model:-unknown CPU}, $((mem_kib / 1024)) MiB memory, kernel $(uname -r)"
  say "java:    $java_version"
  say "load:    $load (1, 5, 15 min; other work on the machine skews every figure)"
  jq -n --arg date "$(date -Is)" --argjson cores "$(nproc)" --arg model "${model:-unknown}" \
    --argjson memMiB "$((mem_kib / 1024))" --arg kernel "$(uname -r)" --arg java "$java_version" \
    --arg load "$load" \
    '{date: $date, cores: $cores, cpuModel: $model, memoryMiB: $memMiB, kernel: $kernel, java: $java,
      loadAverageAtStart: $load}' > "$1"
}

# bench_free_port VAR: sets VAR to a free loopback port not handed out before in this run. (Not a $(...)
# function: a subshell would forget the ports it handed out, and two servers not yet listening could get one.)
bench_free_port() {
  local _bench_p _bench_u _bench_used
  for _ in $(seq 1 500); do
    # Below Linux's ephemeral range (32768-60999): a storm leaves thousands of client sockets there, and a
    # port one of them still holds cannot be bound by a listener, though nothing listens on it.
    _bench_p=$((20000 + RANDOM % 12000))
    _bench_used=0
    for _bench_u in "${BENCH_PORTS[@]:-}"; do
      if [ "$_bench_u" = "$_bench_p" ]; then _bench_used=1; fi
    done
    [ "$_bench_used" = 1 ] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$_bench_p") 2>/dev/null; then
      BENCH_PORTS+=("$_bench_p")
      printf -v "$1" '%s' "$_bench_p"
      return 0
    fi
  done
  die "found no free loopback port"
}

bench_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# bench_await NAME SECONDS PID COMMAND...: retry COMMAND until it succeeds; fail early if PID died.
bench_await() {
  local name=$1 secs=$2 pid=$3
  shift 3
  for _ in $(seq 1 $((secs * 5))); do
    kill -0 "$pid" 2>/dev/null || die "$name exited during start-up"
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  die "$name did not become ready within ${secs}s"
}

# bench_tempdir VAR NAME: sets VAR to a new temporary directory, removed on exit.
bench_tempdir() {
  local _bench_dir
  _bench_dir=$(mktemp -d "/tmp/jieneng-bench-$2.XXXXXX")
  BENCH_DIRS+=("$_bench_dir")
  printf -v "$1" '%s' "$_bench_dir"
}

bench_stop_all() {
  local p
  for p in "${BENCH_PIDS[@]:-}"; do
    if [ -n "$p" ]; then kill "$p" 2>/dev/null || true; fi
  done
  for p in "${BENCH_PIDS[@]:-}"; do
    if [ -n "$p" ]; then wait "$p" 2>/dev/null || true; fi
  done
  for p in "${BENCH_DIRS[@]:-}"; do
    if [ -n "$p" ]; then rm -rf "$p"; fi
  done
  return 0
}

# Stops everything on exit, keeping the script's own exit status.
bench_trap() {
  trap 'bench_rc=$?; bench_stop_all; exit $bench_rc' EXIT
  trap 'exit 130' INT TERM
}

# Raises the open-files limit to the hard limit (each connection is a file descriptor on both sides).
bench_raise_nofile() {
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  say "open files limit: $(ulimit -n) (hard $(ulimit -Hn))"
}

# loadgen ARGS...: the load generator in the foreground, as ./jieneng loadgen runs it.
loadgen() {
  java "$JUL_FORMAT" ${BENCH_LOADGEN_JAVA_OPTS:-} -cp "$SIMULATORS_CP" io.jieneng.devices.loadgen.LoadGenMain "$@"
}

# bench_mosquitto LOGDIR: starts Mosquitto on a free loopback port, anonymous, persistence off; sets
# MOSQUITTO_PORT and MOSQUITTO_PID.
bench_mosquitto() {
  local bin dir
  bin=$(command -v mosquitto 2>/dev/null || echo /usr/sbin/mosquitto)
  [ -x "$bin" ] || die "mosquitto is not installed (Debian: apt-get install -y mosquitto)"
  bench_tempdir dir mosquitto
  chmod 755 "$dir"
  bench_free_port MOSQUITTO_PORT
  # set_tcp_nodelay: ingest's Netty sockets have TCP_NODELAY; without it Mosquitto's PUBACKs would wait for Nagle.
  cat > "$dir/mosquitto.conf" <<CONF
listener $MOSQUITTO_PORT 127.0.0.1
allow_anonymous true
persistence false
set_tcp_nodelay true
max_connections -1
log_dest stdout
log_type error
log_type warning
CONF
  chmod 644 "$dir/mosquitto.conf"
  "$bin" -c "$dir/mosquitto.conf" > "$1/mosquitto.log" 2>&1 &
  MOSQUITTO_PID=$!
  BENCH_PIDS+=("$MOSQUITTO_PID")
  bench_await Mosquitto 30 "$MOSQUITTO_PID" bench_port_open "$MOSQUITTO_PORT"
  say "Mosquitto $("$bin" -h 2>/dev/null | head -n 1 | awk '{print $3}') on 127.0.0.1:$MOSQUITTO_PORT (pid $MOSQUITTO_PID)"
}

# bench_influxdb LOGDIR: starts InfluxDB 1.x with a temporary data directory; sets INFLUX_URL and INFLUX_PID.
# The write-ahead log is fsynced on every write (wal-fsync-delay 0s, the default), like a production install.
bench_influxdb() {
  command -v influxd >/dev/null 2>&1 || die "influxd is not installed (Debian: apt-get install -y influxdb)"
  local dir http rpc
  bench_tempdir dir influxdb
  bench_free_port http
  bench_free_port rpc
  cat > "$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  wal-fsync-delay = "0s"
  query-log-enabled = false
  max-series-per-database = 0
  max-values-per-tag = 0
[http]
  bind-address = "127.0.0.1:$http"
  log-enabled = false
  max-body-size = 0
[monitor]
  store-enabled = false
CONF
  influxd -config "$dir/influxdb.conf" > "$1/influxd.log" 2>&1 &
  INFLUX_PID=$!
  BENCH_PIDS+=("$INFLUX_PID")
  INFLUX_URL="http://127.0.0.1:$http"
  bench_await InfluxDB 60 "$INFLUX_PID" curl -fsS "$INFLUX_URL/ping"
  say "$(influxd version 2>/dev/null | head -n 1) at $INFLUX_URL (pid $INFLUX_PID, data $dir)"
}

# bench_influx_count DB: the number of stored energyKwh values in measurement readings.
bench_influx_count() {
  curl -fsS -G "$INFLUX_URL/query" --data-urlencode "db=$1" \
    --data-urlencode 'q=SELECT count(energyKwh) FROM readings' | jq '.results[0].series[0].values[0][1] // 0'
}

# bench_jfr_opts FILE: JVM options that record a JFR profile of the whole run into FILE (for --profile).
bench_jfr_opts() {
  echo "-XX:StartFlightRecording=filename=$1,settings=profile,dumponexit=true"
}

# bench_jfr_top FILE [REPORT.json...]: the 25 hottest methods (top frames of execution samples) of a JFR
# recording, in percent; with load-generator reports, only the samples inside their measured windows (so that
# start-up and the bcrypt of the CONNECTs do not drown the steady state).
bench_jfr_top() {
  local file=$1 windows=""
  shift
  if [ $# -gt 0 ]; then
    # JFR prints local wall-clock times (HH:MM:SS.mmm); the windows are converted to the same form.
    windows=$(for r in "$@"; do
      printf '%s-%s ' "$(date -d "$(jq -r .windowStart "$r")" +%H:%M:%S.%3N)" \
        "$(date -d "$(jq -r .windowEnd "$r")" +%H:%M:%S.%3N)"
    done)
  fi
  jfr print --events jdk.ExecutionSample "$file" 2>/dev/null | awk -v windows="$windows" '
    BEGIN {nw = split(windows, w, " ")}
    /jdk.ExecutionSample/ {top = 0; next}
    /startTime = / {
      t = $3; top = (nw == 0)
      for (i = 1; i <= nw; i++) {split(w[i], ft, "-"); if (t >= ft[1] && t <= ft[2]) top = 1}
      next
    }
    top && /^[[:space:]]+[A-Za-z_$][A-Za-z0-9_$.<>]*\(/ {sub(/^[[:space:]]+/, ""); sub(/\(.*/, ""); n[$0]++; total++; top = 0}
    END {for (m in n) printf "%5.1f%% %s\n", 100 * n[m] / total, m; printf "%d\n", total > "/dev/stderr"}' \
    2> "$file.samples" | sort -rn | awk 'NR <= 25' > "$file.top"
  # The sample count first: a profile of a few dozen samples shows only roughly where the time goes.
  echo "(top frames of $(cat "$file.samples" 2>/dev/null || echo '?') execution samples)"
  cat "$file.top"
  rm -f "$file.samples" "$file.top"
}

# json FILE FILTER: one value from a JSON file.
json() { jq -r "$2" "$1"; }

# ---------------------------------------------------------------- the analytics benchmarks' helpers

# The bench tools (YearLoader, QueryTimer) and the JMH benchmarks: the bench/jmh module jar and its classpath.
BENCH_TOOLS_CP="$BENCH_ROOT/bench/jmh/target/jieneng-bench-jmh-$BENCH_VERSION.jar:$BENCH_ROOT/bench/jmh/target/lib/*"

bench_require_tools() {
  [ -f "$BENCH_ROOT/bench/jmh/target/jieneng-bench-jmh-$BENCH_VERSION.jar" ] \
    && [ -d "$BENCH_ROOT/bench/jmh/target/lib" ] \
    || die "build first: mvn -q install -DskipTests (bench/jmh is a module of the build)"
}

# bench_tool CLASS ARGS...: one of io.jieneng.bench.tools in the foreground. The tools' classpath holds
# jboss-logmanager (through analytics), which must then be the JUL manager.
bench_tool() {
  local cls=$1
  shift
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager ${BENCH_TOOLS_JAVA_OPTS:-} \
    -cp "$BENCH_TOOLS_CP" "io.jieneng.bench.tools.$cls" "$@"
}

# bench_platform LOG [JVM-OPTION...]: starts the single-node platform (the analytics jar) with the caller's
# JIENENG_* environment on fresh free loopback ports and waits until it is ready; sets PLATFORM_PID,
# PLATFORM_URL and PLATFORM_MQTT_PORT.
bench_platform() {
  local log=$1 http mqtt qdb_http qdb_pg
  shift
  bench_free_port http
  bench_free_port mqtt
  bench_free_port qdb_http
  bench_free_port qdb_pg
  JIENENG_HTTP_PORT=$http JIENENG_MQTT_PORT=$mqtt JIENENG_MQTT_HOST=127.0.0.1 \
    JIENENG_QUESTDB_HTTP_PORT=$qdb_http JIENENG_QUESTDB_PG_PORT=$qdb_pg \
    java "$@" -jar "$ANALYTICS_JAR" > "$log" 2>&1 &
  PLATFORM_PID=$!
  BENCH_PIDS+=("$PLATFORM_PID")
  PLATFORM_URL="http://127.0.0.1:$http"
  PLATFORM_MQTT_PORT=$mqtt
  bench_await "the platform" 300 "$PLATFORM_PID" curl -fsS "$PLATFORM_URL/q/health/ready"
}

# bench_stop PID: stops one process started here and waits for it (a JVM writes its JFR recording on the way).
bench_stop() {
  local p keep=()
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  for p in "${BENCH_PIDS[@]:-}"; do
    if [ -n "$p" ] && [ "$p" != "$1" ]; then keep+=("$p"); fi
  done
  BENCH_PIDS=("${keep[@]:-}")
}

# bench_metrics URL: one sample of the platform's rollup and ingest meters (/q/metrics), tab-separated:
#   epochMs  lagSeconds  pendingMarkers  meterDaysTotal  runCount  runSecondsSum  ingestReadingsTotal
# lagSeconds is "NaN" until the job's first run. The watermark is epochMs - 1000 * lagSeconds.
bench_metrics() {
  local now
  now=$(date +%s%3N)
  curl -fsS --max-time 5 "$1/q/metrics" | awk -v now="$now" '
    BEGIN {lag = "NaN"; pending = 0; days = 0; runs = 0; runsum = 0; readings = 0}
    /^jieneng_rollup_lag_seconds[ {]/ {lag = $NF}
    /^jieneng_rollup_pending_markers[ {]/ {pending = $NF}
    /^jieneng_rollup_meter_days_total[ {]/ {days = $NF}
    /^jieneng_rollup_run_seconds_count[ {]/ {runs = $NF}
    /^jieneng_rollup_run_seconds_sum[ {]/ {runsum = $NF}
    /^jieneng_ingest_readings_total[ {]/ {readings += $NF}
    END {printf "%s\t%s\t%d\t%d\t%d\t%.3f\t%d\n", now, lag, pending, days, runs, runsum, readings}'
}

# bench_iso_now: the current time as ISO-8601 with milliseconds and offset (the form of the tools' windows).
bench_iso_now() { date +%Y-%m-%dT%H:%M:%S.%3N%:z; }

median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'
}

# bench_jfr_within FILE PATTERN [REPORT.json...]: the execution samples of a JFR recording whose stack contains a
# method matching PATTERN (e.g. RollupRun.run: the rollup job's thread), within the reports' windows as in
# bench_jfr_top: the 15 hottest top frames, then the 15 io.jieneng methods with the largest inclusive share (the
# sample was inside them). Tells where one activity's own CPU goes when other threads (a store's spinning
# workers) dominate the whole profile.
bench_jfr_within() {
  local file=$1 pattern=$2 windows=""
  shift 2
  if [ $# -gt 0 ]; then
    windows=$(for r in "$@"; do
      printf '%s-%s ' "$(date -d "$(jq -r .windowStart "$r")" +%H:%M:%S.%3N)" \
        "$(date -d "$(jq -r .windowEnd "$r")" +%H:%M:%S.%3N)"
    done)
  fi
  jfr print --stack-depth 96 --events jdk.ExecutionSample "$file" 2>/dev/null | awk -v windows="$windows" \
    -v pattern="$pattern" '
    BEGIN {nw = split(windows, w, " ")}
    function flush(   i, seen) {
      if (nf == 0 || !inwin || !matched) {nf = 0; return}
      total++; top[f[1]]++
      for (i = 1; i <= nf; i++) if (f[i] ~ /^io\.jieneng\./ && !((f[i]) in seen)) {seen[f[i]] = 1; incl[f[i]]++}
      nf = 0
    }
    /jdk.ExecutionSample/ {flush(); matched = 0; inwin = 0; next}
    /startTime = / {
      t = $3; inwin = (nw == 0)
      for (i = 1; i <= nw; i++) {split(w[i], ft, "-"); if (t >= ft[1] && t <= ft[2]) inwin = 1}
      next
    }
    /^[[:space:]]+[A-Za-z_$][A-Za-z0-9_$.<>]*\(/ {
      m = $0; sub(/^[[:space:]]+/, "", m); sub(/\(.*/, "", m); f[++nf] = m
      if (index(m, pattern) > 0) matched = 1
    }
    END {
      flush()
      printf "(%d execution samples with %s on the stack)\n", total, pattern
      print "top frames:"
      for (m in top) printf "%5.1f%% %s\n", 100 * top[m] / total, m | "sort -rn | head -15"
      close("sort -rn | head -15")
      print "inclusive (io.jieneng):"
      for (m in incl) printf "%5.1f%% %s\n", 100 * incl[m] / total, m | "sort -rn | head -15"
      close("sort -rn | head -15")
    }'
}
