#!/usr/bin/env bash
# Runs every Frontline test project against real parts: SQLite, a PostgreSQL server, Dovecot and Postfix
# (tests/mail-servers.sh) started here on loopback, and Debian's Chromium. Installs what is missing
# (apt-get, when run as root), cleans up after itself, and ends with one line: "N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")"

packages=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || packages+=(postgresql)
[[ -x /usr/bin/chromium ]] || packages+=(chromium)
[[ -x /usr/sbin/dovecot && -x /usr/lib/dovecot/imap && -x /usr/lib/dovecot/lmtp ]] || packages+=(dovecot-imapd dovecot-lmtpd)
[[ -x /usr/sbin/postfix ]] || packages+=(postfix)
if (( ${#packages[@]} > 0 )); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "test.sh: installing ${packages[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "test.sh: missing ${packages[*]}; install with: sudo apt-get install ${packages[*]}" >&2
    exit 1
  fi
fi

work=$(mktemp -d /tmp/frontline-test.XXXXXX)
chmod 755 "$work"
pg_data="$work/pg"
# PostgreSQL refuses to run as root; the Debian package made a 'postgres' user for this.
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  as_pg=(runuser -u postgres --)
  install -d -o postgres "$pg_data" "$work/pg-run"
else
  mkdir -p "$pg_data" "$work/pg-run"
fi

cleanup() {
  tests/mail-servers.sh stop "$work/mail" >/dev/null 2>&1 || true
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --no-locale >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
# fsync off: the suite's own databases are throwaway; crash tests kill Frontline, not PostgreSQL.
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg-run/server.log" -w \
  -o "-h 127.0.0.1 -p $pg_port -k $work/pg-run -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$work/pg-run/server.log" >&2; exit 1; }
export FRONTLINE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"

# Dovecot (IMAP) and Postfix (SMTP into Dovecot) on free loopback ports; the mail tests read where from the env file.
tests/mail-servers.sh start "$work/mail" >&2
# shellcheck disable=SC1091
. "$work/mail/env"

results="$work/results"
status=0
dotnet build Frontline.slnx -c Release -warnaserror >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "build failed"; status=1; }
if (( status == 0 )); then
  # One project at a time, each with its own results file: parallel runs on 2 cores gain little and
  # default result names (user, machine, second) can collide.
  for project in $(sed -n 's|.*<Project Path="\(tests/[^"]*\)".*|\1|p' Frontline.slnx); do
    name=$(basename "$project" .csproj)
    dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=$?
  done
fi

passed=0; failed=0; skipped=0; projects=0
for trx in "$results"/*.trx; do
  [[ -e "$trx" ]] || continue
  projects=$((projects + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
done
expected=$(grep -c '<Project Path="tests/' Frontline.slnx)
if (( projects < expected )); then
  echo "test.sh: only $projects of $expected test projects reported results" >&2
  failed=$((failed + expected - projects))
fi
summary="$passed passed, $failed failed"
(( skipped > 0 )) && summary+=", $skipped skipped"
echo "$summary"
(( failed == 0 && status == 0 ))
