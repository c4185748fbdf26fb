#!/bin/sh
# Starts Grafana with Jieneng's two organisations (docs/DEPLOY.md, "Grafana"):
#   1  the default organisation every OIDC user joins: the institution-facing dashboards, whose only datasource is
#      the REST API with the viewer's own token (dashboards/provisioning/*/institutions.yaml);
#   2  "Province operators": the InfluxQL/SQL/PromQL dashboards and their shared-credential datasources
#      (dashboards/provisioning/*/operators.yaml). Nobody is a member until an admin adds them.
# Grafana refuses to start while a provisioning file names an organisation that does not exist, and nothing but its
# HTTP API creates one. So Grafana starts with organisation 1's files only; once it answers, this script creates
# organisation 2 if it is missing, adds the operators' files and has Grafana reload its provisioning.
set -eu

SOURCE=${GRAFANA_PROVISIONING_SOURCE:-/etc/jieneng/provisioning}
STAGE=${GRAFANA_PROVISIONING_STAGE:-/tmp/jieneng-provisioning}
ENTRYPOINT=${GRAFANA_ENTRYPOINT:-/run.sh}
URL=${GRAFANA_LOCAL_URL:-http://127.0.0.1:3000}
OPERATORS_ORG="Province operators"
OPERATORS_ORG_ID=2

say() { printf '[jieneng-grafana] %s\n' "$*" >&2; }

# http METHOD PATH [JSON]: the answer's body on stdout; fails on a transport error or an HTTP error status.
http() {
  auth=$(printf '%s:%s' "${GF_SECURITY_ADMIN_USER:-admin}" "${GF_SECURITY_ADMIN_PASSWORD:?}" | base64 | tr -d '\n')
  if command -v curl >/dev/null 2>&1; then
    if [ $# -ge 3 ]; then
      curl -fsS -X "$1" -H "Authorization: Basic $auth" -H 'Content-Type: application/json' --data "$3" "$URL$2"
    else
      curl -fsS -X "$1" -H "Authorization: Basic $auth" "$URL$2"
    fi
  elif [ "$1" = GET ]; then
    wget -qO- --header "Authorization: Basic $auth" "$URL$2"
  else
    wget -qO- --header "Authorization: Basic $auth" --header 'Content-Type: application/json' \
      --post-data "${3:-}" "$URL$2"
  fi
}

rm -rf "$STAGE"
for kind in datasources dashboards plugins alerting; do
  mkdir -p "$STAGE/$kind"
done
cp "$SOURCE/datasources/institutions.yaml" "$STAGE/datasources/"
cp "$SOURCE/dashboards/institutions.yaml" "$STAGE/dashboards/"

GF_PATHS_PROVISIONING=$STAGE "$ENTRYPOINT" "$@" &
grafana=$!
trap 'kill "$grafana" 2>/dev/null || true' TERM INT

tries=0
until http GET /api/health >/dev/null 2>&1; do
  kill -0 "$grafana" 2>/dev/null || { say "Grafana exited during start-up"; wait "$grafana"; exit 1; }
  tries=$((tries + 1))
  [ "$tries" -le 180 ] || { say "Grafana did not answer within 180 s"; kill "$grafana"; exit 1; }
  sleep 1
done

org=$(http GET "/api/orgs/name/$(printf '%s' "$OPERATORS_ORG" | sed 's/ /%20/g')" 2>/dev/null || true)
if [ -z "$org" ]; then
  org=$(http POST /api/orgs "{\"name\":\"$OPERATORS_ORG\"}") || { say "could not create \"$OPERATORS_ORG\""; kill "$grafana"; exit 1; }
  id=$(printf '%s' "$org" | sed -n 's/.*"orgId":\([0-9][0-9]*\).*/\1/p')
  say "created the organisation \"$OPERATORS_ORG\" (id $id)"
else
  id=$(printf '%s' "$org" | sed -n 's/.*"id":\([0-9][0-9]*\).*/\1/p')
fi
if [ "$id" != "$OPERATORS_ORG_ID" ]; then
  # The operators' files say orgId 2: loading them into another organisation would show the shared-credential
  # datasources to whoever is in organisation 2. Stop instead.
  say "the organisation \"$OPERATORS_ORG\" has id ${id:-?}, but dashboards/provisioning/*/operators.yaml expect $OPERATORS_ORG_ID; not loading the operators' dashboards"
  kill "$grafana"
  exit 1
fi

cp "$SOURCE/datasources/operators.yaml" "$STAGE/datasources/"
cp "$SOURCE/dashboards/operators.yaml" "$STAGE/dashboards/"
http POST /api/admin/provisioning/datasources/reload '{}' >/dev/null
http POST /api/admin/provisioning/dashboards/reload '{}' >/dev/null
say "provisioned the operators' datasources and dashboards in organisation $OPERATORS_ORG_ID"
wait "$grafana"
