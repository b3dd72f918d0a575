#!/usr/bin/env bash
# Scenario A: ticket creation throughput and latency at fixed offered loads (open loop).
#   bench/create-load.sh [sqlite-normal|sqlite-full|postgres] [rates] [seconds]
# Starts a Release frontline on a fresh temporary database, issues a token as the first admin, runs
# bench/Frontline.Load and prints one Markdown table. postgres needs FRONTLINE_BENCH_POSTGRES, a URL of a
# user allowed to create databases (postgres://postgres@127.0.0.1:5432); a fresh database is made and dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-sqlite-normal}
rates=${2:-250,500,1000,2000}
seconds=${3:-10}

dotnet build src/Frontline/Frontline.csproj -c Release -v q -nologo >/dev/null
dotnet build bench/Frontline.Load/Frontline.Load.csproj -c Release -v q -nologo >/dev/null

work=$(mktemp -d /tmp/frontline-bench.XXXXXX)
server_pid=""
pg_db=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$pg_db" ]] && psql "${FRONTLINE_BENCH_POSTGRES%/}/postgres" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

case "$mode" in
  sqlite-normal) database=(--data "$work" --sqlite-sync normal) ;;
  sqlite-full) database=(--data "$work" --sqlite-sync full) ;;
  postgres)
    : "${FRONTLINE_BENCH_POSTGRES:?set FRONTLINE_BENCH_POSTGRES=postgres://user@host:port}"
    pg_db="frontline_bench_$$"
    psql "${FRONTLINE_BENCH_POSTGRES%/}/postgres" -qc "CREATE DATABASE $pg_db" >/dev/null
    database=(--database "${FRONTLINE_BENCH_POSTGRES%/}/$pg_db") ;;
  *) echo "create-load.sh: mode is sqlite-normal, sqlite-full or postgres" >&2; exit 2 ;;
esac

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
# Request logging off: a benchmark measures the desk, not the console.
Logging__LogLevel__Default=Warning SignInAttemptsPerMinute=1000 \
  dotnet src/Frontline/bin/Release/net10.0/frontline.dll --urls "$url" "${database[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  curl -fs "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
password=$(sed -n 's/.*password:[[:space:]]*\([^[:space:]]*\).*/\1/p' "$work/server.log" | head -n 1)
token=$(curl -fs -H 'Content-Type: application/json' -d "{\"userName\":\"admin\",\"password\":\"$password\",\"name\":\"bench\"}" \
  "$url/api/v1/auth/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n "$token" ]] || { echo "create-load.sh: no token" >&2; cat "$work/server.log" >&2; exit 1; }

echo "Scenario A, $mode: $(nproc) cores, load generator on the same machine, ${seconds}s per rate."
echo
dotnet bench/Frontline.Load/bin/Release/net10.0/frontline-load.dll --url "$url" --token "$token" --rates "$rates" --seconds "$seconds" --label "$mode" --server-pid "$server_pid"
