# Real servers for the integration tests, sourced by `./jieneng test` (see docs/TESTING.md).
#
# Each server runs on a free loopback port with a temporary data directory and is stopped by its PID when the
# test run ends. The tests find them through the JIENENG_TEST_* variables exported here.

SERVER_PIDS=()
SERVER_DIRS=()
SERVER_PORTS=()
SERVERS_SUMMARY=""

_ts_say() { printf '[jieneng] %s\n' "$*" >&2; }
_ts_die() { printf '[jieneng] error: %s\n' "$*" >&2; exit 1; }

_pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

_mosquitto_bin() {
  command -v mosquitto 2>/dev/null || { [ -x /usr/sbin/mosquitto ] && echo /usr/sbin/mosquitto; }
}

servers_install_missing() {
  local missing=()
  command -v influxd >/dev/null 2>&1 || missing+=(influxdb)
  _pg_bin >/dev/null || missing+=(postgresql)
  _mosquitto_bin >/dev/null || missing+=(mosquitto)
  # mosquitto_pub: the ingest interoperability tests publish with the Mosquitto command-line client.
  command -v mosquitto_pub >/dev/null 2>&1 || missing+=(mosquitto-clients)
  # chromium: the audit report's html is checked in a real headless browser (AuditReportFormatsIT).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    _ts_say "installing missing test servers: ${missing[*]} (apt-get) ..."
    # Keep the packages' own services from starting on the default ports: the tests start their own.
    local policy=/usr/sbin/policy-rc.d added_policy=0
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && added_policy=1
    fi
    local rc=0
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } || rc=$?
    [ "$added_policy" = 1 ] && rm -f "$policy"
    [ "$rc" = 0 ] || _ts_die "apt-get could not install ${missing[*]}"
  else
    _ts_die "missing test servers: ${missing[*]}. Install them (Debian: apt-get install -y ${missing[*]}) or run as root on Debian so ./jieneng test installs them"
  fi
}

_free_port() {
  local p used
  for _ in $(seq 1 500); do
    p=$((20000 + RANDOM % 40000))
    used=0
    for u in "${SERVER_PORTS[@]:-}"; do [ "$u" = "$p" ] && used=1; done
    [ "$used" = 1 ] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      SERVER_PORTS+=("$p")
      echo "$p"
      return 0
    fi
  done
  _ts_die "found no free loopback port"
}

# _await NAME SECONDS COMMAND...: retry COMMAND until it succeeds.
_await() {
  local name=$1 secs=$2
  shift 2
  for _ in $(seq 1 $((secs * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  _ts_die "$name did not become ready within ${secs}s"
}

_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

_start_influxdb() {
  local dir http rpc
  dir=$(mktemp -d /tmp/jieneng-influxdb.XXXXXX)
  http=$(_free_port)
  rpc=$(_free_port)
  cat > "$dir/influxdb.conf" <<EOF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$http"
  log-enabled = false
[monitor]
  store-enabled = false
EOF
  influxd -config "$dir/influxdb.conf" > "$dir/influxd.log" 2>&1 &
  SERVER_PIDS+=($!)
  SERVER_DIRS+=("$dir")
  _await "InfluxDB" 60 curl -fsS "http://127.0.0.1:$http/ping"
  export JIENENG_TEST_INFLUX_URL="http://127.0.0.1:$http"
  local version
  version=$(influxd version 2>/dev/null | head -n 1 || true)
  SERVERS_SUMMARY+="${version:-InfluxDB} at $JIENENG_TEST_INFLUX_URL; "
  _ts_say "started ${version:-InfluxDB} at $JIENENG_TEST_INFLUX_URL (pid $!, data $dir)"
}

_start_postgresql() {
  local bin dir port as=()
  bin=$(_pg_bin)
  dir=$(mktemp -d /tmp/jieneng-postgresql.XXXXXX)
  port=$(_free_port)
  # PostgreSQL refuses to run as root: run it as the postgres user, in a directory that user owns.
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    as=(runuser -u postgres --)
  fi
  chmod 700 "$dir"
  "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 > "$dir/initdb.log" 2>&1 \
    || _ts_die "initdb failed; see $dir/initdb.log"
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start > /dev/null \
    || _ts_die "PostgreSQL did not start; see $dir/postgresql.log"
  local pid
  pid=$(head -n 1 "$dir/data/postmaster.pid")
  SERVER_PIDS+=("$pid")
  SERVER_DIRS+=("$dir")
  "${as[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE jieneng_test" > /dev/null \
    || _ts_die "could not create the test database"
  export JIENENG_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/jieneng_test"
  export JIENENG_TEST_PG_USER=postgres JIENENG_TEST_PG_PASSWORD=postgres
  local version
  version=$("$bin/postgres" --version)
  SERVERS_SUMMARY+="$version at 127.0.0.1:$port; "
  _ts_say "started $version at 127.0.0.1:$port (pid $pid, data $dir)"
}

_start_mosquitto() {
  local bin dir port
  bin=$(_mosquitto_bin)
  dir=$(mktemp -d /tmp/jieneng-mosquitto.XXXXXX)
  chmod 755 "$dir"
  port=$(_free_port)
  cat > "$dir/mosquitto.conf" <<EOF
listener $port 127.0.0.1
allow_anonymous true
persistence false
log_dest stdout
EOF
  chmod 644 "$dir/mosquitto.conf"
  "$bin" -c "$dir/mosquitto.conf" > "$dir/mosquitto.log" 2>&1 &
  SERVER_PIDS+=($!)
  SERVER_DIRS+=("$dir")
  _await "Mosquitto" 30 _port_open "$port"
  export JIENENG_TEST_MQTT_HOST=127.0.0.1 JIENENG_TEST_MQTT_PORT="$port"
  local version
  version=$("$bin" -h 2>/dev/null | head -n 1 || true)
  SERVERS_SUMMARY+="${version:-mosquitto} at 127.0.0.1:$port; "
  _ts_say "started ${version:-mosquitto} at 127.0.0.1:$port (pid $!, data $dir)"
}

# A second Mosquitto that refuses anonymous clients and applies docker/mosquitto/acl (the equivalent of the EMQX
# ACL of the scale-out deployment), with use_username_as_clientid so no client can take another's client id. Its
# users, all with one random password: the bridge user "jieneng-bridge" and the devices acl-meter-a, acl-meter-b.
_start_mosquitto_acl() {
  local bin dir port password user
  bin=$(_mosquitto_bin)
  dir=$(mktemp -d /tmp/jieneng-mosquitto-acl.XXXXXX)
  chmod 755 "$dir"
  port=$(_free_port)
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  : > "$dir/passwords"
  for user in jieneng-bridge acl-meter-a acl-meter-b; do
    mosquitto_passwd -b "$dir/passwords" "$user" "$password" > /dev/null || _ts_die "mosquitto_passwd failed"
  done
  cat > "$dir/mosquitto.conf" <<EOF
listener $port 127.0.0.1
allow_anonymous false
password_file $dir/passwords
acl_file $ROOT/docker/mosquitto/acl
use_username_as_clientid true
persistence false
log_dest stdout
EOF
  # Mosquitto drops root privileges to the mosquitto user, which must read both files.
  chmod 644 "$dir/mosquitto.conf" "$dir/passwords"
  "$bin" -c "$dir/mosquitto.conf" > "$dir/mosquitto.log" 2>&1 &
  SERVER_PIDS+=($!)
  SERVER_DIRS+=("$dir")
  _await "Mosquitto with the ACL" 30 _port_open "$port"
  export JIENENG_TEST_MQTT_ACL_PORT="$port" JIENENG_TEST_MQTT_ACL_PASSWORD="$password"
  export JIENENG_TEST_MQTT_ACL_DEVICES="acl-meter-a acl-meter-b"
  SERVERS_SUMMARY+="mosquitto with docker/mosquitto/acl at 127.0.0.1:$port; "
  _ts_say "started mosquitto with docker/mosquitto/acl at 127.0.0.1:$port (pid $!, data $dir)"
}

servers_start_all() {
  _start_influxdb
  _start_postgresql
  _start_mosquitto
  _start_mosquitto_acl
}

# Stops every server by its PID. Data directories are removed after a green run and kept (with their logs)
# after a red one, so the failure can be inspected.
servers_stop_all() {
  local rc=$?
  local pid
  for pid in "${SERVER_PIDS[@]:-}"; do
    # SIGINT is PostgreSQL's fast shutdown; InfluxDB and Mosquitto exit on it too.
    [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null || true
  done
  for pid in "${SERVER_PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ ${#SERVER_PIDS[@]} -gt 0 ]; then
    _ts_say "stopped the test servers (pids ${SERVER_PIDS[*]})"
  fi
  if [ "$rc" = 0 ]; then
    local d
    for d in "${SERVER_DIRS[@]:-}"; do [ -n "$d" ] && rm -rf "$d"; done
  elif [ ${#SERVER_DIRS[@]} -gt 0 ]; then
    _ts_say "test run failed; server logs kept in: ${SERVER_DIRS[*]}"
  fi
}
