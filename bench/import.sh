#!/usr/bin/env bash
# Times `frontline import servicenow-events` on the public ServiceNow event log into a fresh SQLite desk,
# then the re-run that must change nothing, and prints a Markdown table.
# Usage: bench/import.sh [path/to/incident_event_log.csv.gz]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
file="${1:-$root/../shared/data/incident_event_log.csv.gz}"
dotnet build "$root/src/Frontline/Frontline.csproj" -c Release --nologo -v quiet >/dev/null
frontline="$root/src/Frontline/bin/Release/net10.0/frontline"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

run() {
    local start end
    start=$(date +%s.%N)
    "$frontline" import servicenow-events "$file" --data "$data" >"$data/out.txt" 2>"$data/err.txt"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }'
}
first=$(run)
created=$(grep -o 'tickets created *[0-9,]*' "$data/out.txt" | grep -o '[0-9,]*$')
events=$(grep -o 'history events *[0-9,]*' "$data/out.txt" | grep -o '[0-9,]*$')
again=$(run)
skipped=$(grep -o 'already imported *[0-9,]*' "$data/out.txt" | grep -o '[0-9,]*$')

echo "| run | wall time (s) | tickets | history events |"
echo "| --- | ---: | ---: | ---: |"
echo "| first import, fresh SQLite | $first | $created created | $events |"
echo "| re-import (idempotent) | $again | $skipped already there | 0 |"
echo
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg). Each run includes process start and migrations."
