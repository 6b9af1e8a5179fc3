#!/usr/bin/env bash
# A local production-shaped cluster: one write silo, one read silo and the gateway in cluster mode, as background
# processes on 127.0.0.1, against PostgreSQL, RabbitMQ and Redis from Debian (scripts/install-servers.sh).
#
#   scripts/cluster.sh up [--no-build]   starts the servers if they do not answer, builds the hosts (Release), starts the
#                                        three processes, waits until each is ready and prints the addresses and logs
#   scripts/cluster.sh status            each process (pid, readiness) and the cluster's membership (Batch cluster-status);
#                                        exits 0 only when all three are ready
#   scripts/cluster.sh down [--purge]    stops the processes (the servers keep running); --purge also drops the
#                                        cluster's schema and its uploaded images
#
# Settings (environment; defaults in brackets):
#   DAILYFEED_CLUSTER_DIR                  state: pid files, logs, images [<repo>/.cluster]
#   DAILYFEED_CLUSTER_NAME                 names the schema dailyfeed_<name>, the RabbitMQ stream queues and the
#                                          Redis keys, so clusters of different names share the servers [local]
#   DAILYFEED_CLUSTER_PORT                 gateway HTTP port [8080]
#   DAILYFEED_CLUSTER_WRITE_HTTP_PORT      write silo health and metrics [8081]
#   DAILYFEED_CLUSTER_READ_HTTP_PORT       read silo health and metrics [8082]
#   DAILYFEED_CLUSTER_WRITE_SILO_PORT      write silo's Orleans silo port [11111]
#   DAILYFEED_CLUSTER_WRITE_GATEWAY_PORT   write silo's Orleans gateway port [30000]
#   DAILYFEED_CLUSTER_READ_SILO_PORT       read silo's Orleans silo port [11112]
#   DAILYFEED_CLUSTER_READ_GATEWAY_PORT    read silo's Orleans gateway port [30001]
#   DAILYFEED_CLUSTER_CONFIGURATION        build configuration of the hosts [Release]
#   DAILYFEED_CLUSTER_READY_TIMEOUT        seconds each process may take to become ready [120]
#   DAILYFEED_CLUSTER_STOP_TIMEOUT         seconds a process may take to stop after SIGTERM before SIGKILL [30]
#   DAILYFEED_CLUSTER_DASHBOARD_USER       the Orleans Dashboard's administrator [admin]
#   DAILYFEED_CLUSTER_DASHBOARD_PASSWORD   its password [random, made once per state directory and kept in
#                                          <DAILYFEED_CLUSTER_DIR>/dashboard-password, readable by its owner only]
#   DAILYFEED_CLUSTER_MAX_LIFETIME         seconds after which each process is SIGKILLed whatever happens (tests bound
#                                          orphans with it) [unbounded]
#   DAILYFEED_PG_CONNECTION                [Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed]
#   DAILYFEED_RABBITMQ_HOST, _PORT, _USER, _PASSWORD   [127.0.0.1, 5672, guest, guest]
#   DAILYFEED_REDIS                        StackExchange.Redis configuration [127.0.0.1:6379]
# Any Dailyfeed__* variable already in the environment reaches all three processes as well.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"

NAME="${DAILYFEED_CLUSTER_NAME:-local}"
STATE_DIR="${DAILYFEED_CLUSTER_DIR:-$repo/.cluster}"
GATEWAY_HTTP_PORT="${DAILYFEED_CLUSTER_PORT:-8080}"
WRITE_HTTP_PORT="${DAILYFEED_CLUSTER_WRITE_HTTP_PORT:-8081}"
READ_HTTP_PORT="${DAILYFEED_CLUSTER_READ_HTTP_PORT:-8082}"
# Orleans' conventional ports for the first silo, the next ones up for the second: both run on one address.
WRITE_SILO_PORT="${DAILYFEED_CLUSTER_WRITE_SILO_PORT:-11111}"
WRITE_GATEWAY_PORT="${DAILYFEED_CLUSTER_WRITE_GATEWAY_PORT:-30000}"
READ_SILO_PORT="${DAILYFEED_CLUSTER_READ_SILO_PORT:-11112}"
READ_GATEWAY_PORT="${DAILYFEED_CLUSTER_READ_GATEWAY_PORT:-30001}"
CONFIGURATION="${DAILYFEED_CLUSTER_CONFIGURATION:-Release}"
# A cold .NET start, the schema migration and the first membership round on a busy 2-core machine take well under this.
READY_TIMEOUT="${DAILYFEED_CLUSTER_READY_TIMEOUT:-120}"
# The silo deactivates its grains and leaves membership on SIGTERM; the chart's grace period is 30 s as well.
STOP_TIMEOUT="${DAILYFEED_CLUSTER_STOP_TIMEOUT:-30}"
MAX_LIFETIME="${DAILYFEED_CLUSTER_MAX_LIFETIME:-}"
PG_CONNECTION="${DAILYFEED_PG_CONNECTION:-Host=127.0.0.1;Port=5432;Username=dailyfeed;Password=dailyfeed;Database=dailyfeed}"
RABBITMQ_HOST="${DAILYFEED_RABBITMQ_HOST:-127.0.0.1}"
RABBITMQ_PORT="${DAILYFEED_RABBITMQ_PORT:-5672}"
RABBITMQ_USER="${DAILYFEED_RABBITMQ_USER:-guest}"
RABBITMQ_PASSWORD="${DAILYFEED_RABBITMQ_PASSWORD:-guest}"
REDIS="${DAILYFEED_REDIS:-127.0.0.1:6379}"
DASHBOARD_USER="${DAILYFEED_CLUSTER_DASHBOARD_USER:-admin}"
DASHBOARD_PASSWORD_FILE="$STATE_DIR/dashboard-password"
# Random bytes for a generated dashboard password: 144 bits, 24 characters of base64.
DASHBOARD_PASSWORD_BYTES=18

READINESS_PATH=/healthcheck/ready
PROBE_INTERVAL=0.5
PROBE_TIMEOUT=5
LOG_TAIL_LINES=40
# Batch waits for a silo gateway this long; status should answer quickly when the cluster is down.
BATCH_CONNECT_TIMEOUT=00:00:10
BATCH_TIMEOUT=30

# Started in this order (the write silo migrates the schema before anyone else touches it), stopped in reverse.
COMPONENTS=(silo-write silo-read gateway)

die() {
  echo "cluster.sh: $*" >&2
  exit 1
}

[[ "$NAME" =~ ^[a-z0-9_]+$ ]] || die "DAILYFEED_CLUSTER_NAME must be lower-case letters, digits and '_' (it names a schema): '$NAME'"
SCHEMA="dailyfeed_${NAME}"

dll_of() {
  case "$1" in
    silo-write | silo-read) echo "$repo/Silo/bin/$CONFIGURATION/net10.0/Dailyfeed.Silo.dll" ;;
    gateway) echo "$repo/Gateway.Api/bin/$CONFIGURATION/net10.0/Dailyfeed.Gateway.Api.dll" ;;
  esac
}

project_dir_of() {
  case "$1" in
    silo-write | silo-read) echo "$repo/Silo" ;;
    gateway) echo "$repo/Gateway.Api" ;;
  esac
}

label_of() {
  case "$1" in
    silo-write) echo "write silo" ;;
    silo-read) echo "read silo" ;;
    gateway) echo "gateway" ;;
  esac
}

http_port_of() {
  case "$1" in
    silo-write) echo "$WRITE_HTTP_PORT" ;;
    silo-read) echo "$READ_HTTP_PORT" ;;
    gateway) echo "$GATEWAY_HTTP_PORT" ;;
  esac
}

# The dashboard password: the environment's, else the one this state directory keeps, else a new random one kept there
# (owner-only), so every up of one cluster logs in the same way and no password is ever committed.
dashboard_password() {
  if [ -n "${DAILYFEED_CLUSTER_DASHBOARD_PASSWORD:-}" ]; then
    echo "$DAILYFEED_CLUSTER_DASHBOARD_PASSWORD"
    return 0
  fi
  if [ ! -s "$DASHBOARD_PASSWORD_FILE" ]; then
    (umask 077 && head -c "$DASHBOARD_PASSWORD_BYTES" /dev/urandom | base64 | tr '+/' '-_' >"$DASHBOARD_PASSWORD_FILE")
  fi
  cat "$DASHBOARD_PASSWORD_FILE"
}

dashboard_login() {
  if [ -n "${DAILYFEED_CLUSTER_DASHBOARD_PASSWORD:-}" ]; then
    echo "user $DASHBOARD_USER, password from DAILYFEED_CLUSTER_DASHBOARD_PASSWORD"
  else
    echo "user $DASHBOARD_USER, password in $DASHBOARD_PASSWORD_FILE"
  fi
}

pid_file() { echo "$STATE_DIR/$1.pid"; }
url_file() { echo "$STATE_DIR/$1.url"; }
log_file() { echo "$STATE_DIR/$1.log"; }

# Alive and still the process we started: a pid can be reused, and an orphan that exited may linger as a zombie
# where nothing reaps it.
is_ours() {
  local pid=$1 component=$2 state
  [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed -E 's/^.*\) (.).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$state" != Z ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$(basename "$(dll_of "$component")")"
}

# The pid of a component's live process, or nothing (a stale pid file is removed).
running_pid() {
  local component=$1 file pid
  file=$(pid_file "$component")
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if [[ "$pid" =~ ^[0-9]+$ ]] && is_ours "$pid" "$component"; then
    echo "$pid"
  else
    rm -f "$file" "$(url_file "$component")"
  fi
}

# One value of an Npgsql connection string ("Key=Value;..."), keys compared without case and spaces.
connection_value() {
  local wanted=$1 pair key
  local -a pairs
  IFS=';' read -ra pairs <<<"$PG_CONNECTION"
  for pair in "${pairs[@]}"; do
    key=${pair%%=*}
    key=${key// /}
    if [ "${key,,}" = "$wanted" ]; then
      echo "${pair#*=}"
      return 0
    fi
  done
}

pg_host() { local v; v=$(connection_value host); echo "${v:-127.0.0.1}"; }
pg_port() { local v; v=$(connection_value port); echo "${v:-5432}"; }
pg_user() { local v; v=$(connection_value username); [ -n "$v" ] || v=$(connection_value userid); echo "$v"; }
redis_host() { local first=${REDIS%%,*}; echo "${first%%:*}"; }
redis_port() { local first=${REDIS%%,*}; [[ "$first" == *:* ]] && echo "${first##*:}" || echo 6379; }

# True when something accepts TCP connections on host:port (bash's /dev/tcp; no client tool needed).
answers() {
  (: <>"/dev/tcp/$1/$2") 2>/dev/null
}

servers_answer() {
  answers "$(pg_host)" "$(pg_port)" && answers "$RABBITMQ_HOST" "$RABBITMQ_PORT" && answers "$(redis_host)" "$(redis_port)"
}

ensure_servers() {
  if servers_answer; then
    echo "PostgreSQL, RabbitMQ and Redis answer"
    return 0
  fi
  # install-servers.sh installs Debian packages and starts services: that needs root.
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL, RabbitMQ or Redis does not answer: run 'sudo scripts/install-servers.sh' first"
  echo "PostgreSQL, RabbitMQ or Redis does not answer: running scripts/install-servers.sh"
  "$repo/scripts/install-servers.sh"
}

build_hosts() {
  local project
  for project in Silo/Dailyfeed.Silo.csproj Gateway.Api/Dailyfeed.Gateway.Api.csproj Batch/Dailyfeed.Batch.csproj; do
    echo "building $project ($CONFIGURATION)"
    dotnet build "$repo/$project" -c "$CONFIGURATION" -nologo -v quiet >/dev/null ||
      die "building $project failed: run 'dotnet build $project -c $CONFIGURATION' to see why"
  done
}

component_env() {
  local component=$1
  local -a common=(
    "Urls=http://127.0.0.1:$(http_port_of "$component")"
    "Dailyfeed__PostgreSql__ConnectionString=$PG_CONNECTION"
    "Dailyfeed__PostgreSql__Schema=$SCHEMA"
    # The silos collect the dashboard's statistics; the gateway serves it to the administrator only (HTTP Basic).
    "Dailyfeed__Dashboard__Enabled=true"
  )
  case "$component" in
    silo-write | silo-read)
      local pool=${component#silo-} silo_port gateway_port
      if [ "$pool" = write ]; then
        silo_port=$WRITE_SILO_PORT gateway_port=$WRITE_GATEWAY_PORT
      else
        silo_port=$READ_SILO_PORT gateway_port=$READ_GATEWAY_PORT
      fi
      printf '%s\n' "${common[@]}" \
        "Dailyfeed__Silo__Name=${NAME}-${pool}" \
        "Dailyfeed__Silo__Pools__0=${pool}" \
        "Dailyfeed__Silo__ListenAddress=127.0.0.1" \
        "Dailyfeed__Silo__Port=${silo_port}" \
        "Dailyfeed__Silo__GatewayPort=${gateway_port}" \
        "Dailyfeed__Silo__AcceptClients=$([ "$pool" = read ] && echo true || echo false)" \
        "Dailyfeed__RabbitMq__HostName=${RABBITMQ_HOST}" \
        "Dailyfeed__RabbitMq__Port=${RABBITMQ_PORT}" \
        "Dailyfeed__RabbitMq__UserName=${RABBITMQ_USER}" \
        "Dailyfeed__RabbitMq__Password=${RABBITMQ_PASSWORD}" \
        "Dailyfeed__RabbitMq__QueueNamePrefix=dailyfeed-${NAME}"
      ;;
    gateway)
      printf '%s\n' "${common[@]}" \
        "Dailyfeed__Gateway__Mode=Cluster" \
        "Dailyfeed__Dashboard__AdministratorUser=${DASHBOARD_USER}" \
        "Dailyfeed__Dashboard__AdministratorPassword=$(dashboard_password)" \
        "Dailyfeed__Redis__Configuration=${REDIS}" \
        "Dailyfeed__Redis__KeyPrefix=dailyfeed:${NAME}:" \
        "Dailyfeed__Images__StoragePath=${STATE_DIR}/images"
      ;;
  esac
}

start_component() {
  local component=$1 dll log
  local -a env_assignments wrapper=()
  dll=$(dll_of "$component")
  log=$(log_file "$component")
  mapfile -t env_assignments < <(component_env "$component")
  [ -z "$MAX_LIFETIME" ] || wrapper=(timeout --signal=KILL "${MAX_LIFETIME}s")
  (
    # The content root is the working directory: the project's, as with dotnet run, since the gateway serves the web
    # client from its wwwroot, which the build does not copy next to the dll (appsettings.json is the same in both).
    cd "$(project_dir_of "$component")"
    # setsid: its own session, so a Ctrl-C in this terminal does not reach it and down can signal its whole group.
    # The lock descriptor is closed so the process does not hold the state directory's lock for its lifetime.
    exec env "${env_assignments[@]}" setsid "${wrapper[@]}" dotnet "$dll" </dev/null >"$log" 2>&1 9>&-
  ) &
  echo $! >"$(pid_file "$component")"
  # Not a job of this shell: it outlives the script, and bash would otherwise report its death in the middle of output.
  disown "$!"
  echo "http://127.0.0.1:$(http_port_of "$component")" >"$(url_file "$component")"
  started+=("$component")
}

print_log_tail() {
  local component=$1
  echo "--- last $LOG_TAIL_LINES lines of $(log_file "$component")" >&2
  tail -n "$LOG_TAIL_LINES" "$(log_file "$component")" >&2 || true
}

wait_ready_or_fail() {
  local component=$1 pid url deadline began=$SECONDS
  pid=$(cat "$(pid_file "$component")")
  url="$(cat "$(url_file "$component")")$READINESS_PATH"
  deadline=$((SECONDS + READY_TIMEOUT))
  echo "$(label_of "$component"): pid $pid, waiting for $url"
  until curl -fsS -o /dev/null --max-time "$PROBE_TIMEOUT" "$url" 2>/dev/null; do
    if ! is_ours "$pid" "$component"; then
      echo "cluster.sh: the $(label_of "$component") exited before it was ready" >&2
      print_log_tail "$component"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "cluster.sh: the $(label_of "$component") was not ready within ${READY_TIMEOUT} s" >&2
      print_log_tail "$component"
      return 1
    fi
    sleep "$PROBE_INTERVAL"
  done
  echo "$(label_of "$component"): ready after $((SECONDS - began)) s"
}

# SIGTERM to the process group, then SIGKILL if it has not exited within the stop timeout.
stop_components() {
  local component pid deadline
  local -a signalled=()
  for component in "$@"; do
    pid=$(running_pid "$component")
    if [ -n "$pid" ]; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      signalled+=("$component:$pid")
    fi
  done
  deadline=$((SECONDS + STOP_TIMEOUT))
  for entry in "${signalled[@]}"; do
    component=${entry%%:*} pid=${entry##*:}
    while is_ours "$pid" "$component" && ((SECONDS < deadline)); do
      sleep "$PROBE_INTERVAL"
    done
    if is_ours "$pid" "$component"; then
      echo "$(label_of "$component"): still running after ${STOP_TIMEOUT} s, sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    else
      echo "$(label_of "$component"): stopped (pid $pid)"
    fi
  done
  for component in "$@"; do
    rm -f "$(pid_file "$component")" "$(url_file "$component")"
  done
}

print_addresses() {
  local gateway="http://127.0.0.1:$GATEWAY_HTTP_PORT" component
  # A cluster already running may have been started with other ports than this call's environment names.
  [ ! -f "$(url_file gateway)" ] || gateway=$(cat "$(url_file gateway)")
  echo
  echo "Dailyfeed cluster '$NAME' (schema $SCHEMA)"
  echo "  API and web client   $gateway"
  echo "  Orleans Dashboard    $gateway/dashboard/"
  echo "  dashboard login      $(dashboard_login)"
  echo "  health               $gateway$READINESS_PATH"
  for component in "${COMPONENTS[@]}"; do
    printf '  %-20s %s\n' "$(label_of "$component") log" "$(log_file "$component")"
  done
  echo "Stop it with scripts/cluster.sh down (PostgreSQL, RabbitMQ and Redis keep running)."
}

lock_state_dir() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  flock -n 9 || die "another cluster.sh is working on $STATE_DIR"
}

cmd_up() {
  local build=yes component port
  for arg in "$@"; do
    case "$arg" in
      --no-build) build=no ;;
      *) die "up: unknown option $arg" ;;
    esac
  done
  lock_state_dir

  local -a running=()
  for component in "${COMPONENTS[@]}"; do
    [ -z "$(running_pid "$component")" ] || running+=("$component")
  done
  if [ ${#running[@]} -eq ${#COMPONENTS[@]} ]; then
    echo "already running: nothing started"
    print_addresses
    return 0
  fi
  [ ${#running[@]} -eq 0 ] || die "partly running (${running[*]}): run scripts/cluster.sh down first"

  for port in "$GATEWAY_HTTP_PORT" "$WRITE_HTTP_PORT" "$READ_HTTP_PORT" "$WRITE_SILO_PORT" "$WRITE_GATEWAY_PORT" "$READ_SILO_PORT" "$READ_GATEWAY_PORT"; do
    ! answers 127.0.0.1 "$port" || die "port $port on 127.0.0.1 is taken: stop what holds it or choose other ports (see the top of $0)"
  done

  ensure_servers
  if [ "$build" = yes ]; then
    build_hosts
  fi
  for component in "${COMPONENTS[@]}"; do
    [ -f "$(dll_of "$component")" ] || die "$(dll_of "$component") is missing: run without --no-build, or dotnet build Dailyfeed.sln -c $CONFIGURATION"
  done

  mkdir -p "$STATE_DIR/images"
  echo "$SCHEMA" >"$STATE_DIR/schema"
  started=()
  # Whatever ends this function early (a failed wait, an error, Ctrl-C) stops what it started.
  trap 'stop_components "${started[@]}"' EXIT
  trap 'exit 130' INT TERM
  local began=$SECONDS
  # The write silo alone first: it creates the schema and Orleans' tables, so the others never race on the migration.
  # The gateway last: it is ready as soon as it reaches one silo, and should route to both pools from its first request.
  for component in "${COMPONENTS[@]}"; do
    start_component "$component"
    wait_ready_or_fail "$component" || exit 1
  done
  trap - EXIT INT TERM
  echo "up in $((SECONDS - began)) s"
  print_addresses
}

cmd_down() {
  local purge=no
  for arg in "$@"; do
    case "$arg" in
      --purge) purge=yes ;;
      *) die "down: unknown option $arg" ;;
    esac
  done
  lock_state_dir
  # The gateway first, so no request reaches a silo that is leaving; then both silos at once.
  stop_components gateway
  stop_components silo-read silo-write
  echo "no Dailyfeed process of $STATE_DIR runs; PostgreSQL, RabbitMQ and Redis keep running"
  if [ "$purge" = yes ]; then
    local schema="$SCHEMA"
    [ ! -f "$STATE_DIR/schema" ] || schema=$(cat "$STATE_DIR/schema")
    [[ "$schema" =~ ^[a-z0-9_]+$ ]] || die "unexpected schema name in $STATE_DIR/schema: '$schema'"
    PGPASSWORD="$(connection_value password)" PGOPTIONS="-c client_min_messages=warning" psql -h "$(pg_host)" -p "$(pg_port)" -U "$(pg_user)" \
      -d "$(connection_value database)" -v ON_ERROR_STOP=1 -qc "DROP SCHEMA IF EXISTS ${schema} CASCADE" ||
      die "dropping schema $schema failed"
    rm -rf "$STATE_DIR/images" "$STATE_DIR/schema"
    echo "dropped schema $schema and the uploaded images"
  fi
}

cmd_status() {
  local component pid url code all_ready=yes
  for component in "${COMPONENTS[@]}"; do
    pid=$(running_pid "$component")
    if [ -z "$pid" ]; then
      printf '%-12s stopped\n' "$(label_of "$component")"
      all_ready=no
      continue
    fi
    url="$(cat "$(url_file "$component")")"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time "$PROBE_TIMEOUT" "$url$READINESS_PATH" 2>/dev/null) || true
    if [ "$code" = 200 ]; then
      printf '%-12s pid %-8s ready      %s  log %s\n' "$(label_of "$component")" "$pid" "$url" "$(log_file "$component")"
    else
      printf '%-12s pid %-8s not ready  %s (readiness answered %s)  log %s\n' "$(label_of "$component")" "$pid" "$url" "${code:-nothing}" "$(log_file "$component")"
      all_ready=no
    fi
  done

  local batch="$repo/Batch/bin/$CONFIGURATION/net10.0/Dailyfeed.Batch.dll"
  local schema="$SCHEMA"
  [ ! -f "$STATE_DIR/schema" ] || schema=$(cat "$STATE_DIR/schema")
  if [ -f "$batch" ] && [ -n "$(running_pid silo-write)$(running_pid silo-read)" ]; then
    echo
    echo "membership (Batch cluster-status):"
    Dailyfeed__PostgreSql__ConnectionString="$PG_CONNECTION" Dailyfeed__PostgreSql__Schema="$schema" \
      Dailyfeed__Batch__ConnectTimeout="$BATCH_CONNECT_TIMEOUT" \
      timeout "$BATCH_TIMEOUT" dotnet "$batch" cluster-status || echo "(cluster-status failed)"
  fi
  [ "$all_ready" = yes ]
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) shift; cmd_status "$@" ;;
  *)
    echo "usage: $0 up [--no-build] | status | down [--purge]" >&2
    exit 2
    ;;
esac
