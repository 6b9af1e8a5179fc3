#!/usr/bin/env bash
# The benchmark command (README "Benchmarks"): installs wrk, gcc and the servers from Debian, builds in Release, then runs
#   runtime  Orleans grain-call rates, client-to-silo latency over TCP, memory per activation -> bench/results/runtime-orleans.md
#   social   socfb-Reed98 through the public API: mixed workload, bare-Kestrel and pgbench anchors, fan-out -> bench/results/social.md
#   social serve   loads the graph, then holds the platform open for profiling (prints its pid and a wrk command)
#   social --cluster   home timeline in cluster mode (gateway, write silo, read silo as processes on PostgreSQL and
#                  RabbitMQ) beside the embedded default, same invocation -> bench/results/social-cluster.md
# Usage: scripts/bench.sh [runtime|social|all] [suite args]   (default: all). All traffic stays on 127.0.0.1 and every run
# stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

suite="${1:-all}"
shift || true
scripts/install-servers.sh
command -v wrk >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; }
# gcc builds bench/openloop/openloop.c, the C open-loop client of the social suite's half-load timeline run.
command -v gcc >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq gcc || { apt-get update -qq && apt-get install -y -qq gcc; }; }
export DAILYFEED_PG_CONNECTION="${DAILYFEED_PG_CONNECTION:-Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed}"

dotnet build Dailyfeed.sln -c Release
for s in runtime social; do
  if [ "$suite" = all ] || [ "$suite" = "$s" ]; then
    dotnet run -c Release --no-build --project bench/Dailyfeed.Bench -- "$s" "$@"
  fi
done
