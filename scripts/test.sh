#!/usr/bin/env bash
# Installs and starts the real servers (PostgreSQL, RabbitMQ, Redis from Debian), then runs every test of the solution,
# then checks the committed web client bundle against its source and runs the web client's end-to-end tests in
# headless Chromium. This is the README's test command; .ci/run calls it on a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-servers.sh
export DAILYFEED_PG_CONNECTION="${DAILYFEED_PG_CONNECTION:-Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed}"
export DAILYFEED_REDIS="${DAILYFEED_REDIS:-127.0.0.1:6379}"

dotnet build Dailyfeed.sln -c Release
# Every assembly runs in parallel: no test stops the shared RabbitMQ broker. The stream suite's outage tests stop a
# private RabbitMQ node of their own (tests/Dailyfeed.Streams.Tests/PrivateBroker.cs: free loopback ports, temp dir).
results="$(mktemp -d)"
if ! dotnet test Dailyfeed.sln -c Release --no-build --logger "console;verbosity=normal" \
    --logger trx --results-directory "$results" "$@"; then
  perl scripts/failed-tests.pl "$results"/*.trx
  exit 1
fi

# Web client: rebuild it from web/ and fail if the committed bundle in Gateway.Api/wwwroot is stale.
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build)
git diff --exit-code -- Gateway.Api/wwwroot
if [ -n "$(git status --porcelain -- Gateway.Api/wwwroot)" ]; then
  echo "Gateway.Api/wwwroot has files the committed bundle lacks: run 'cd web && npm run build' and commit." >&2
  git status --porcelain -- Gateway.Api/wwwroot >&2
  exit 1
fi

# End-to-end: the built gateway (embedded default) on a free 127.0.0.1 port, driven by playwright-core in /usr/bin/chromium.
(cd tests/web-e2e && npm ci --no-audit --no-fund --loglevel=error && npm test)
