#!/usr/bin/env bash
# Installs and starts the real servers (PostgreSQL, RabbitMQ from Debian), then runs every test of the solution.
# This is the README's test command; .ci/run calls it on a clean clone.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-servers.sh
export DAILYFEED_PG_CONNECTION="${DAILYFEED_PG_CONNECTION:-Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed}"

dotnet build Dailyfeed.sln -c Release
dotnet test Dailyfeed.sln -c Release --no-build --logger "console;verbosity=normal" "$@"
