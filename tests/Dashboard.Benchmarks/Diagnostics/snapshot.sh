#!/bin/bash
# A memory snapshot per circuit (FINDINGS-memory.md): runs the benchmark's live part on one server with 1, then 500
# headless overview circuits, holds each, and takes a gcdump and a heap dump's `dumpheap -stat` (exact sizes per type)
# of the server process. heapdiff.py then gives the difference per circuit by type.
#
#   tests/Dashboard.Benchmarks/Diagnostics/snapshot.sh OUTDIR [dashboard|baseline] [more benchmark options]
#   python3 tests/Dashboard.Benchmarks/Diagnostics/heapdiff.py OUTDIR/s1.txt OUTDIR/s500.txt 499
#
# Needs a Release build (dotnet build -c Release tests/Dashboard.Benchmarks) and the local tools (dotnet tool restore).
set -euo pipefail
out=$(realpath -m "${1:?output folder}")
server=${2:-dashboard}
shift $(( $# > 1 ? 2 : 1 ))
root=$(cd "$(dirname "$0")/../../.." && pwd)
mkdir -p "$out"
cd "$root"
dotnet tool restore > /dev/null
: > "$out/bench.log"
dotnet run -c Release --no-build --project tests/Dashboard.Benchmarks -- --only live --servers "$server" --circuits 1,500 \
    --rounds 3 --warmup 1 --browsers 0 --quiet-wait 0 --hold 100 --out "$out/results.md" "$@" > "$out/bench.log" 2>&1 &
bench=$!
taken=0
while kill -0 "$bench" 2> /dev/null; do
    line=$(grep -o 'holding [0-9]* circuits for [0-9]* s: server process [0-9]*' "$out/bench.log" | sed -n "$((taken + 1))p" || true)
    if [ -n "$line" ]; then
        circuits=$(echo "$line" | awk '{print $2}')
        pid=$(echo "$line" | awk '{print $NF}')
        sleep 2
        dotnet dotnet-gcdump collect -p "$pid" -o "$out/c$circuits.gcdump" > "$out/collect$circuits.log" 2>&1
        dotnet dotnet-gcdump report "$out/c$circuits.gcdump" > "$out/c$circuits.txt" 2>&1
        dotnet dotnet-dump collect -p "$pid" --type Heap -o "$out/d$circuits.dmp" >> "$out/collect$circuits.log" 2>&1
        dotnet dotnet-dump analyze "$out/d$circuits.dmp" -c "dumpheap -stat" -c exit > "$out/s$circuits.txt" 2>&1
        rm -f "$out/d$circuits.dmp"
        taken=$((taken + 1))
    fi
    sleep 1
done
wait "$bench"
grep -E '^\[.*\] [0-9]+:' "$out/bench.log"
