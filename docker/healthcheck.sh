#!/bin/bash
# Container health check without curl or wget: GET http://127.0.0.1:<port><path> over bash's /dev/tcp and succeed
# only on HTTP 200. Usage: healthcheck.sh PORT_VARIABLE DEFAULT_PORT PATH, e.g.
#   healthcheck.sh JIENENG_HTTP_PORT 8080 /q/health/ready
# The port is read from the named variable, so the check follows the JIENENG_* configuration of the container.
set -eu
port_variable=$1
default_port=$2
path=$3
port=${!port_variable:-$default_port}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
IFS=' ' read -r -t 5 _protocol status _rest <&3
[ "$status" = 200 ]
