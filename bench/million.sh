#!/usr/bin/env bash
# Scenarios B-D: queue listing with its counts, text search and dashboards on a desk of N tickets.
#   bench/million.sh [sqlite|postgres] [tickets] [requests]   (FRONTLINE_BENCH_ROWS="row row …" for some rows only)
# Builds a fresh desk (import of the ServiceNow event log for the shapes, then `frontline generate`), starts
# the real server on it, and asks each read `requests` times from 4 clients; prints the generation time and one
# Markdown table. postgres needs FRONTLINE_BENCH_POSTGRES as for create-load.sh. FRONTLINE_BENCH_KEEP=DIR keeps
# (and on the next run reuses) the generated desk, as generating a million tickets takes minutes: a SQLite desk in
# DIR, a PostgreSQL one as the database named in DIR/database.txt on that server (DIR keeps its admin password too).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-sqlite}
count=${2:-1000000}
requests=${3:-200}
shared=${FRONTLINE_BENCH_DATA:-../shared/data}
source bench/frontline.sh

case "$mode" in
  sqlite) desk=${FRONTLINE_BENCH_KEEP:-$work/desk}; database=(--data "$desk" --sqlite-sync normal) ;;
  postgres)
    desk=${FRONTLINE_BENCH_KEEP:-$work}
    if [[ -n "${FRONTLINE_BENCH_KEEP:-}" ]]; then
      mkdir -p "$desk"
      if [[ ! -f "$desk/admin.txt" ]]; then
        # No finished desk here: a database left by a generation that failed is dropped, and a new one kept.
        [[ -f "$desk/database.txt" ]] && psql "${FRONTLINE_BENCH_POSTGRES%/}/postgres" -qc "DROP DATABASE IF EXISTS $(cat "$desk/database.txt") WITH (FORCE)" >/dev/null
        postgres_database frontline_scale
        echo "$pg_db" >"$desk/database.txt"
        pg_db=""  # kept, so the clean-up leaves it
      fi
      database=(--database "${FRONTLINE_BENCH_POSTGRES%/}/$(cat "$desk/database.txt")")
    else
      postgres_database frontline_scale
    fi ;;
  *) echo "million.sh: mode is sqlite or postgres" >&2; exit 2 ;;
esac

if [[ -f "$desk/admin.txt" ]]; then
  echo "Reusing the desk in $desk."
else
  start=$(date +%s)
  "${frontline[@]}" import servicenow-events "$shared/incident_event_log.csv.gz" "${database[@]}" >"$work/import.log" 2>&1
  "${frontline[@]}" generate "$count" --text "$shared/it_tickets_topics.csv.gz" "${database[@]}" >"$work/generate.log" 2>&1 \
    || { cat "$work/generate.log" >&2; exit 1; }
  grep '^Generated' "$work/generate.log"
  echo "Import and generation took $(( $(date +%s) - start )) s (load average $(cut -d' ' -f1-3 /proc/loadavg))."
  admin_password "$work/import.log" >"$desk/admin.txt"
fi

start_frontline
token=$(admin_token "$(cat "$desk/admin.txt")")
# The busiest group's open queue, as an agent of that group opens it.
group=$(curl -fs -H "Authorization: Bearer $token" "$url/api/v1/tickets?status=open&limit=50" | sed -n 's/.*"group":{"id":\([0-9]*\).*/\1/p')
tickets=$(curl -fs -H "Authorization: Bearer $token" "$url/api/v1/tickets/counts?status=open,resolved,closed,cancelled" | sed -n 's/^{"total":\([0-9]*\).*/\1/p')
# account NAME ROLE: a new account with that role, printed as "id token". (A kept desk gains these accounts each run.)
account() {
  local created
  created=$(curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$1\",\"email\":\"$1@example.com\",\"displayName\":\"$1\",\"roles\":[\"$2\"]}" "$url/api/v1/users")
  echo "$(sed -n 's/^{"user":{"id":"\([^"]*\)".*/\1/p' <<<"$created")" "$(curl -fs -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$1\",\"password\":\"$(sed -n 's/.*"initialPassword":"\([^"]*\)".*/\1/p' <<<"$created")\",\"name\":\"bench\"}" \
    "$url/api/v1/auth/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')"
}
# An agent of that group, who is no manager: their "All my queues" is their groups, the untriaged queue and their own work.
read -r agent agent_token <<<"$(account "bench-agent-$$" agent)"
[[ -n "${agent_token:-}" ]] || { echo "million.sh: no agent token" >&2; exit 1; }
curl -fs -X PUT -H "Authorization: Bearer $token" "$url/api/v1/groups/$group/members/$agent" >/dev/null
# A requester listing their open tickets through the API without naming themselves: what they asked for or watch.
read -r _ requester_token <<<"$(account "bench-requester-$$" requester)"
[[ -n "${requester_token:-}" ]] || { echo "million.sh: no requester token" >&2; exit 1; }

reads="
    desk-queue /api/v1/tickets?status=open&sort=-updated&limit=50
    desk-counts /api/v1/tickets/counts?status=open
    desk-all-counts /api/v1/tickets/counts?status=open,resolved,closed,cancelled
    group-queue /api/v1/tickets?status=open&group=$group&sort=-updated&limit=50
    group-counts /api/v1/tickets/counts?status=open&group=$group
    agent-all-my-queues /api/v1/tickets?status=open&sort=-updated&limit=50 $agent_token
    agent-all-my-counts /api/v1/tickets/counts?status=open $agent_token
    agent-closed /api/v1/tickets?status=closed&sort=-updated&limit=50 $agent_token
    agent-closed-counts /api/v1/tickets/counts?status=open,closed $agent_token
    requester-open /api/v1/tickets?status=open&sort=-updated&limit=50 $requester_token
    requester-counts /api/v1/tickets/counts?status=open $requester_token
    unowned-by-priority /api/v1/tickets?status=open&owner=none&sort=priority&limit=50
    all-newest /api/v1/tickets?limit=50
    search-words /api/v1/tickets?q=printer&limit=50
    search-two-words /api/v1/tickets?q=password%20reset&limit=50
    search-rare-word /api/v1/tickets?q=kubernetes&limit=50
    search-counts /api/v1/tickets/counts?q=printer&status=open,resolved,closed,cancelled
    search-open-counts /api/v1/tickets/counts?q=printer&status=open
    search-number /api/v1/tickets?q=INC0500000
    experience-30-days /api/v1/insights/experience?days=30
    demand-report /api/v1/insights/demand"
# FRONTLINE_BENCH_ROWS="agent-closed-counts search-counts" measures only those rows (and skips the discovery).
if [[ -n "${FRONTLINE_BENCH_ROWS:-}" ]]; then
  reads=$(grep -wE "^ *($(tr ' ' '|' <<<"$FRONTLINE_BENCH_ROWS")) " <<<"$reads")
fi
# The server's CPU time so far, in clock ticks (user and system).
server_ticks() { awk '{print $14+$15}' "/proc/$server_pid/stat"; }
load=(dotnet bench/Frontline.Load/bin/Release/net10.0/frontline-load.dll --url "$url" --token "$token" --label "$mode" --server-pid "$server_pid" --concurrency 4)

# Measure a desk as it runs, not as it starts: first every read once over (the JIT compiles the hot paths in the
# first tens of calls), then until the server's own start-up work is done (the pass that fills stored SLA outcomes
# reads every ticket: about 6 s of CPU at a million, which landed in the first rows). The SLA alarm round every 30 s
# still runs, as on any desk; a row it falls in shows it.
"${load[@]}" --requests 40 --reads "$reads" >/dev/null
quiet=$(( $(getconf CLK_TCK) / 5 ))  # CPU clock ticks in 2 s that mean under 0.1 s of CPU a second
for _ in $(seq 1 150); do
  used=$(server_ticks); sleep 2
  (( $(server_ticks) - used < quiet )) && break
done

echo "Scenarios B-D, $mode: $tickets tickets, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $requests requests per row from 4 clients."
echo
# The demand dashboard reads the patterns a discovery keeps: one discovery over the newest tickets, timed (on a kept
# desk, every run after the first rediscovers, keeping the patterns that match the last run's).
if [[ -z "${FRONTLINE_BENCH_ROWS:-}" ]]; then
  used=$(server_ticks)
  discovery=$(curl -fs -w ' %{time_total}' -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{}' "$url/api/v1/demand/discoveries")
  echo "Demand discovery: $(sed -n 's/.*"tickets":\([0-9]*\),"patterns":\([0-9]*\),"kept":\([0-9]*\).*} \(.*\)/\1 tickets, \2 patterns (\3 kept from the last run), answered in \4 s/p' <<<"$discovery"),\
 $(( ($(server_ticks) - used) * 1000 / $(getconf CLK_TCK) )) ms of server CPU."
  echo
fi
"${load[@]}" --requests "$requests" --reads "$reads"
