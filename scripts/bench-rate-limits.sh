#!/usr/bin/env bash
# The timeline's throughput with in-process rate limits and with budgets shared through Redis, on one embedded
# gateway (Release build), with budgets high enough that nothing is refused: what is measured is the limiter's
# cost (a local lease spend per request, a Redis lease every LeaseSize requests per partition), not 429s.
# Both gateways run side by side (one idles while the other is measured); wrk on 127.0.0.1, ROUNDS rounds of DURATION
# per mode, alternating, so a change in the shared machine's load hits both. Needs wrk and a running redis-server.
# MEMBERS=N (N > 1) is the production shape instead: N readers, each under the production per-member budget
# (MEMBER_LIMIT, 100/s), wrk cycling their tokens, so every member's partition leases LeaseSize permits from Redis at
# a time: one Redis command per ten reads of a member, the realistic cost. Only the per-IP budget is lifted (every
# client here shares 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
FEED_POSTS="${FEED_POSTS:-20}"
MEMBERS="${MEMBERS:-1}"
MEMBER_LIMIT="${MEMBER_LIMIT:-100}"
REDIS="${DAILYFEED_REDIS:-127.0.0.1:6379}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
dotnet build Gateway.Api -c Release -v quiet -nologo >/dev/null
bin="$PWD/Gateway.Api/bin/Release/net10.0"
work=$(mktemp -d)
declare -A url token pid
trap 'for p in "${pid[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_gateway MODE: "local" (no Redis) or "redis"; sets url[MODE] and token[MODE].
start_gateway() {
  local port; port=$(free_port)
  local address="http://127.0.0.1:${port}"
  local redis_setting=""
  local member_limit=1000000000
  [ "$MEMBERS" -gt 1 ] && member_limit="$MEMBER_LIMIT"
  [ "$1" = redis ] && redis_setting="$REDIS"
  (cd "$bin" && exec env Dailyfeed__Sqlite__DataSource="$work/$1.db" Dailyfeed__Silo__Port=0 \
      Dailyfeed__RateLimiting__PerIpPermitLimit=1000000000 Dailyfeed__RateLimiting__PerMemberPermitLimit="$member_limit" \
      Dailyfeed__Members__PasswordHashIterations=1000 \
      Dailyfeed__Redis__Configuration="$redis_setting" Dailyfeed__Redis__KeyPrefix="bench:$$:" \
      Logging__LogLevel__Default=Warning dotnet Dailyfeed.Gateway.Api.dll --urls "$address" >"$work/$1.log" 2>&1) &
  pid[$1]=$!
  for _ in $(seq 1 120); do curl -fs "$address/healthcheck/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  local unique; unique=$(date +%s%N | tail -c 10)
  curl -fs -X POST "$address/api/authentication/signup" -H 'Content-Type: application/json' \
    -d "{\"email\":\"b${unique}@example.com\",\"password\":\"Str0ng!Pass\",\"memberName\":\"Bench\",\"handle\":\"b_${unique}\"}" >/dev/null
  local bearer; bearer=$(curl -fsi -X POST "$address/api/authentication/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"b${unique}@example.com\",\"password\":\"Str0ng!Pass\"}" | tr -d '\r' | sed -n 's/^[Aa]uthorization: Bearer //p')
  [ -n "$bearer" ] || { echo "login failed" >&2; cat "$work/$1.log" >&2; exit 1; }
  # A feed of FEED_POSTS posts by one followed author, so a read renders a page as the social bench's timeline does.
  local author_bearer; author_bearer=$(signup_and_login "$address" "a${unique}")
  local author_id; author_id=$(curl -fs "$address/api/members/summary" -H "Authorization: Bearer ${author_bearer}" | sed -n 's/.*"memberId":\([0-9]*\).*/\1/p')
  curl -fs -X POST "$address/api/members/follow/${author_id}" -H "Authorization: Bearer ${bearer}" >/dev/null
  local text; text=$(printf 'x%.0s' $(seq 1 256))
  for i in $(seq 1 "$FEED_POSTS"); do
    curl -fs -X POST "$address/api/posts" -H "Authorization: Bearer ${author_bearer}" -H 'Content-Type: application/json' \
      -d "{\"content\":\"${i} ${text}\"}" >/dev/null
  done
  url[$1]=$address
  token[$1]=$bearer
  : >"$work/$1.tokens"
  for i in $(seq 2 "$MEMBERS"); do
    local reader; reader=$(signup_and_login "$address" "r${i}_${unique}")
    curl -fs -X POST "$address/api/members/follow/${author_id}" -H "Authorization: Bearer ${reader}" >/dev/null
    echo "$reader" >>"$work/$1.tokens"
  done
  [ "$MEMBERS" -gt 1 ] && echo "$bearer" >>"$work/$1.tokens"
  return 0
}

# signup_and_login URL NAME: prints the access token of a new member.
signup_and_login() {
  curl -fs -X POST "$1/api/authentication/signup" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2@example.com\",\"password\":\"Str0ng!Pass\",\"memberName\":\"Bench\",\"handle\":\"$2\"}" >/dev/null
  curl -fsi -X POST "$1/api/authentication/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2@example.com\",\"password\":\"Str0ng!Pass\"}" | tr -d '\r' | sed -n 's/^[Aa]uthorization: Bearer //p'
}

# With MEMBERS > 1, each request carries the next reader's token (wrk's Lua hook), spreading reads over every budget.
cat >"$work/members.lua" <<'LUA'
local tokens, next_token = {}, 0
function init(args) for line in io.lines(args[1]) do tokens[#tokens + 1] = line end end
function request()
  next_token = next_token % #tokens + 1
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[next_token] })
end
LUA
read_timeline() {
  if [ "$MEMBERS" -gt 1 ]; then
    wrk -t1 -c"$CONNECTIONS" -d"$2" -s "$work/members.lua" "${url[$1]}/api/timeline/posts/followings" -- "$work/$1.tokens"
  else
    wrk -t1 -c"$CONNECTIONS" -d"$2" -H "Authorization: Bearer ${token[$1]}" "${url[$1]}/api/timeline/posts/followings"
  fi
}

# CPU seconds (user + system) the gateway process has used so far, from /proc: the machine is shared, so throughput
# alone swings with its load, while CPU spent per read does not.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }

# Commands the Redis server has processed so far (the idle gateway's and the monitor's own are a handful per round).
redis_commands() { redis-cli -h "${REDIS%%:*}" -p "${REDIS##*:}" info stats | tr -d '\r' | awk -F: '/^total_commands_processed/ {print $2}'; }

declare -A results cpu
for mode in local redis; do
  start_gateway "$mode"
  # Warm-up: JIT, the member's activations, the Redis connection.
  read_timeline "$mode" 5s >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  for mode in local redis; do
    before=$(cpu_seconds "${pid[$mode]}")
    commands_before=$(redis_commands)
    out=$(read_timeline "$mode" "$DURATION")
    after=$(cpu_seconds "${pid[$mode]}")
    commands=$(( $(redis_commands) - commands_before ))
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    reads=$(echo "$out" | awk '/requests in/ {print $1}')
    us=$(awk -v b="$before" -v a="$after" -v n="$reads" 'BEGIN {printf "%.1f", (a - b) / n * 1e6}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    results[$mode]+="$rps "
    cpu[$mode]+="$us "
    per_read=$(awk -v c="$commands" -v n="$reads" 'BEGIN {printf "%.3f", c / n}')
    echo "$mode round $round: $rps reads/s, ${us} us gateway CPU per read, ${per_read} Redis commands per read${non2xx:+ (non-2xx: $non2xx)}"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
local_median=$(echo "${results[local]}" | median)
redis_median=$(echo "${results[redis]}" | median)
echo "median reads/s: in-process ${local_median}, shared through Redis ${redis_median}," \
  "cost $(awk -v l="$local_median" -v r="$redis_median" 'BEGIN {printf "%.1f%%", (l - r) / l * 100}')"
local_cpu=$(echo "${cpu[local]}" | median)
redis_cpu=$(echo "${cpu[redis]}" | median)
echo "median gateway CPU per read: in-process ${local_cpu} us, shared through Redis ${redis_cpu} us," \
  "cost $(awk -v l="$local_cpu" -v r="$redis_cpu" 'BEGIN {printf "%.1f%%", (r - l) / l * 100}')"
