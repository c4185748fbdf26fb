#!/bin/bash
# Runs once, when the PostgreSQL container initialises an empty data directory: the login role of Grafana's
# registry datasource. What it may read is granted after analytics has created the tables (the grafana-grants
# service runs dashboards/sql/grafana-reader.sql), so the role never sees the credential tables.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v password="$GRAFANA_REGISTRY_PASSWORD" <<'SQL'
CREATE ROLE grafana_reader LOGIN PASSWORD :'password';
SQL
