# Sourced by the bench scripts: a work folder, a Release frontline on a free port, a token for the first admin,
# and on exit the server stopped, the PostgreSQL database (if any) dropped and the folder removed.

dotnet build src/Frontline/Frontline.csproj -c Release -v q -nologo >/dev/null
dotnet build bench/Frontline.Load/Frontline.Load.csproj -c Release -v q -nologo >/dev/null
frontline=(dotnet src/Frontline/bin/Release/net10.0/frontline.dll)

work=$(mktemp -d /tmp/frontline-bench.XXXXXX)
server_pid=""
pg_db=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n "$pg_db" ]] && psql "${FRONTLINE_BENCH_POSTGRES%/}/postgres" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Creates a fresh database on FRONTLINE_BENCH_POSTGRES and points database=(…) at it.
postgres_database() {
  : "${FRONTLINE_BENCH_POSTGRES:?set FRONTLINE_BENCH_POSTGRES=postgres://user@host:port}"
  pg_db="$1_$$"
  psql "${FRONTLINE_BENCH_POSTGRES%/}/postgres" -qc "CREATE DATABASE $pg_db" >/dev/null
  database=(--database "${FRONTLINE_BENCH_POSTGRES%/}/$pg_db")
}

# Points database=(…) at a fresh database for a creation scenario mode: sqlite-normal, sqlite-full or postgres.
creation_database() {
  case "$1" in
    sqlite-normal) database=(--data "$work" --sqlite-sync normal) ;;
    sqlite-full) database=(--data "$work" --sqlite-sync full) ;;
    postgres) postgres_database "$2" ;;
    *) echo "$0: mode is sqlite-normal, sqlite-full or postgres" >&2; exit 2 ;;
  esac
}

# Starts frontline on "${database[@]}" with request logging off (a benchmark measures the desk, not the
# console); sets url and server_pid and waits until it is healthy. FRONTLINE_BENCH_SERVER_ENV="NAME=value …" adds
# variables to the server's environment alone (the runtime's knobs, such as DOTNET_TieredCompilation=0), not to the
# build's or the load generator's.
start_frontline() {
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port"
  Logging__LogLevel__Default=Warning SignInAttemptsPerMinute=1000 \
    env ${FRONTLINE_BENCH_SERVER_ENV:-} "${frontline[@]}" --urls "$url" "${database[@]}" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    curl -fs "$url/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
  done
}

# The first admin's password as frontline printed it in the given log.
admin_password() {
  sed -n 's/.*password:[[:space:]]*\([^[:space:]]*\).*/\1/p' "$1" | head -n 1
}

# Prints a personal access token of the first admin, taken as a script would.
admin_token() {
  local token
  token=$(curl -fs -H 'Content-Type: application/json' -d "{\"userName\":\"admin\",\"password\":\"$1\",\"name\":\"bench\"}" \
    "$url/api/v1/auth/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [[ -n "$token" ]] || { echo "bench: no token" >&2; cat "$work/server.log" >&2; exit 1; }
  echo "$token"
}
