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
source bench/frontline.sh

creation_database "$mode" frontline_bench

start_frontline
token=$(admin_token "$(admin_password "$work/server.log")")

echo "Scenario A, $mode: $(nproc) cores, load generator on the same machine, ${seconds}s per rate, load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
dotnet bench/Frontline.Load/bin/Release/net10.0/frontline-load.dll --url "$url" --token "$token" --rates "$rates" --seconds "$seconds" --label "$mode" --server-pid "$server_pid"
