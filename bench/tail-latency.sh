#!/usr/bin/env bash
# Issue 15's tail-latency target: S4 p99 <= 2x S1 p99 in three consecutive runs, on one API process.
#
#   ARTICLES=100000 bench/tail-latency.sh
#
# Uses what `bench/run.sh` left behind (its build in bench/out, the seeded database, slugs.lua): run that first with the
# same ARTICLES. Starts the API (Release, output cache off), warms it for WARMUP (60s), then RUNS (3) times measures S1
# then S4 for DURATION (15s) each, and prints each run's p99s, their ratio, and the GC counts of the API over the runs
# (dotnet-counters, when installed) so a tail caused by GC pauses shows. Optional: PORT (5090), CONNECTIONS (32).
set -euo pipefail

ARTICLES=${ARTICLES:-100000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-60s}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5090}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out
export BENCH_WRK=$ROOT/bench/wrk BENCH_SLUGS=$OUT/slugs.lua
[[ -x $OUT/api/HeadlessCms.Api && -f $BENCH_SLUGS ]] || { echo "Run ARTICLES=$ARTICLES bench/run.sh first (it builds bench/out)." >&2; exit 1; }

CS="Host=127.0.0.1;Port=5432;Database=headlesscms_bench_$ARTICLES;Username=cms_bench;Password=cms_bench;Maximum Pool Size=30"
URL=http://127.0.0.1:$PORT
(cd "$OUT/api" && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres "ConnectionStrings__Cms=$CS" \
  Cms__SeedDemoContent=false Cms__CursorSigningKey=headlesscms-bench-signing-key-0123456789abcdef Cms__RateLimit__Enabled=false \
  Cms__Caching__OutputCacheEnabled=false ./HeadlessCms.Api --urls "$URL") >"$OUT/tail-latency-api.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null "$URL/health/ready" && break; sleep 0.2; done
curl -sf -o /dev/null "$URL/health/ready" || { tail -20 "$OUT/tail-latency-api.log"; exit 1; }

wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "$URL/api/v1/articles?pageSize=20" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d20s -s "$BENCH_WRK/article.lua" "$URL/" >/dev/null

COUNTERS=
if command -v dotnet-counters >/dev/null || [[ -x $HOME/.dotnet/tools/dotnet-counters ]]; then
  COUNTERS=$(command -v dotnet-counters || echo "$HOME/.dotnet/tools/dotnet-counters")
  "$COUNTERS" collect -p "$PID" --counters 'System.Runtime[dotnet.gc.collections,dotnet.gc.pause.time]' --refresh-interval 5 \
    --format csv -o "$OUT/tail-latency-gc.csv" >/dev/null 2>&1 &
  COUNTERS_PID=$!
  sleep 2
fi

p99() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BENCH_WRK/$1" "$URL$2" | grep '^RESULT' | sed 's/.*p99_us=\([0-9]*\).*/\1/'; }
echo "| run | S1 p99 ms | S4 p99 ms | S4 / S1 |"
echo "| ---: | ---: | ---: | ---: |"
for run in $(seq 1 "$RUNS"); do
  s1=$(p99 get.lua "/api/v1/articles?pageSize=20")
  s4=$(p99 article.lua /)
  awk -v r="$run" -v a="$s1" -v b="$s4" 'BEGIN {printf "| %d | %.1f | %.1f | %.2f |\n", r, a / 1000, b / 1000, b / a}'
done

if [[ -n $COUNTERS ]]; then
  kill "$COUNTERS_PID" 2>/dev/null || true; wait "$COUNTERS_PID" 2>/dev/null || true
  # Per 5 s interval: gen0/1/2 collections and the time the GC paused the process.
  awk -F, '/gc.collections/ {split($3, g, "="); gen = substr(g[2], 1, 4); c[gen] += $5} /pause.time/ {p += $5}
    END {printf "\nGC over the runs: gen0 %d, gen1 %d, gen2 %d collections; %.0f ms paused in total.\n", c["gen0"], c["gen1"], c["gen2"], p * 1000}' \
    "$OUT/tail-latency-gc.csv"
fi
