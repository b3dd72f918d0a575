#!/usr/bin/env bash
# Where a ticket creation's server CPU goes: scenario A at one offered rate, with `perf record` on the server.
#   bench/create-profile.sh [sqlite-normal|sqlite-full|postgres] [rate] [seconds]
# Needs perf (apt-get install linux-perf). Writes perf.data to $PROFILE_OUT (default /tmp/frontline-profile) and
# prints the split by thread and library; `perf report -i $PROFILE_OUT/perf.data --children` names .NET methods,
# because the server writes its JIT map (DOTNET_PerfMapEnabled) with W^X off so perf can read it.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-sqlite-normal}
rate=${2:-200}
seconds=${3:-15}
out=${PROFILE_OUT:-/tmp/frontline-profile}
mkdir -p "$out"
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
source bench/frontline.sh

creation_database "$mode" frontline_profile

start_frontline
token=$(admin_token "$(admin_password "$work/server.log")")
load=(dotnet bench/Frontline.Load/bin/Release/net10.0/frontline-load.dll --url "$url" --token "$token" --rates "$rate" --server-pid "$server_pid")
"${load[@]}" --seconds 5 --label warm >/dev/null
perf record -F 499 -g -p "$server_pid" -o "$out/perf.data" -- sleep "$seconds" >/dev/null 2>&1 &
perf_pid=$!
"${load[@]}" --seconds "$seconds" --label "$mode" --warmup-seconds 0
wait "$perf_pid" || true
echo
perf report -i "$out/perf.data" --no-children --sort comm,dso --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15
