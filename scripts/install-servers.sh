#!/usr/bin/env bash
# Installs and starts the real servers the tests run against (Debian packages: PostgreSQL, RabbitMQ, Redis), then creates the
# test role and database. Idempotent: safe to run again on a machine that already has them.
set -euo pipefail

PG_USER="${DAILYFEED_PG_USER:-dailyfeed}"
PG_PASSWORD="${DAILYFEED_PG_PASSWORD:-dailyfeed}"
PG_DB="${DAILYFEED_PG_DB:-dailyfeed}"
# Test assemblies run in parallel and every silo of every test cluster keeps its own connection pool:
# PostgreSQL's default of 100 connections runs out.
PG_MAX_CONNECTIONS="${DAILYFEED_PG_MAX_CONNECTIONS:-500}"

need=()
command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /usr/lib/postgresql ] || need+=(postgresql postgresql-contrib)
command -v rabbitmq-server >/dev/null 2>&1 || need+=(rabbitmq-server)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)       # budgets shared by gateways (rate limits)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)   # promtool validates ops/prometheus/alerts.yml
[ -x /usr/bin/chromium ] || need+=(chromium)                   # the web client's end-to-end tests drive it
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: start the first installed cluster and wait until it accepts connections.
pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | grep -q "^${pg_version} main"; then
  pg_createcluster "${pg_version}" main >/dev/null
fi
pg_ctlcluster "${pg_version}" main start 2>/dev/null || true
for _ in $(seq 1 60); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p 5432

if [ "$(runuser -u postgres -- psql -tAc 'SHOW max_connections')" -lt "${PG_MAX_CONNECTIONS}" ]; then
  runuser -u postgres -- psql -qc "ALTER SYSTEM SET max_connections = ${PG_MAX_CONNECTIONS}"
  pg_ctlcluster "${pg_version}" main restart
  for _ in $(seq 1 60); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 0.5
  done
  pg_isready -h 127.0.0.1 -p 5432
fi

runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_USER}') THEN
    CREATE ROLE ${PG_USER} LOGIN PASSWORD '${PG_PASSWORD}' CREATEDB;
  END IF;
END \$\$;
SQL
if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='${PG_DB}'" | grep -q 1; then
  runuser -u postgres -- createdb -O "${PG_USER}" "${PG_DB}"
fi
runuser -u postgres -- psql -q -d "${PG_DB}" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm;"

# RabbitMQ: start the service and wait for the node to answer.
if ! rabbitmqctl -q status >/dev/null 2>&1; then
  service rabbitmq-server start >/dev/null 2>&1 || (rabbitmq-server -detached >/dev/null 2>&1 || true)
fi
for _ in $(seq 1 60); do
  rabbitmqctl -q status >/dev/null 2>&1 && break
  sleep 1
done
rabbitmqctl -q status >/dev/null
# A test run cut short while the broker tests had stopped the app would leave it stopped: start it (a no-op if running).
rabbitmqctl -q start_app >/dev/null
rabbitmqctl -q await_startup >/dev/null

# Redis: start the service (the init script; a daemon by hand where there is none) and wait for PONG.
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  service redis-server start >/dev/null 2>&1 || redis-server --bind 127.0.0.1 --port 6379 --daemonize yes >/dev/null
fi
for _ in $(seq 1 60); do
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
  sleep 0.5
done
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null

echo "PostgreSQL ${pg_version} on 127.0.0.1:5432 (db ${PG_DB}, user ${PG_USER}); RabbitMQ on 127.0.0.1:5672; Redis on 127.0.0.1:6379"
