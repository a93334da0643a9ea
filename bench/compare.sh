#!/usr/bin/env bash
# Compare commits on the database path, interleaved so that a noisy machine weighs on every commit alike.
#
#   COMMITS="5770cf1 fc7d2a2 HEAD" ARTICLES=100000 bench/compare.sh
#
# Each commit is built (Release, ReadyToRun) from its own detached worktree, gets its own database seeded by its own
# bench tool, and runs as its own API process (output cache off). Then, ROUNDS times, S1 (first page), S4 (article by
# slug) and S7 (create) run on each commit in turn for DURATION each. Reported per commit and scenario: the median over
# the rounds of requests/s, p50, p99 and the server's CPU time per request (user + system, from /proc: the figure least
# moved by other load), and each one's ratio to the first commit. Written to bench/out/compare-<ARTICLES>.md.
# Optional: ROUNDS (3), DURATION (10s), CONNECTIONS (32), THREADS (2), SCENARIOS ("S1 S4 S7"), POOL (30, each API's
# connection pool), CREATE_WARMUP (60s of S7 per commit before the rounds), RESEED=1.
set -euo pipefail

COMMITS=${COMMITS:-HEAD}
ARTICLES=${ARTICLES:-100000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SCENARIOS=${SCENARIOS:-S1 S4 S7}
# Several APIs share one PostgreSQL (max_connections 100 by default): cap each one's pool so none is refused a connection.
POOL=${POOL:-30}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/compare
mkdir -p "$OUT"
export BENCH_WRK=$ROOT/bench/wrk
ROLE=cms_bench; PASSWORD=cms_bench
SIGNING_KEY=headlesscms-bench-signing-key-0123456789abcdef
ADMIN_KEY=headlesscms-bench-admin-key-0123456789abcdef
export PGPASSWORD=$PASSWORD
log() { printf '\n== %s\n' "$*" >&2; }
as_postgres() { (cd /tmp && runuser -u postgres -- "$@"); }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }

read -r PG_MAJOR PG_CLUSTER < <(pg_lsclusters --no-header | awk 'NR==1 {print $1, $2}')
pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" start >/dev/null 2>&1 || true
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
as_postgres psql -qtA -v ON_ERROR_STOP=1 -c \
  "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'; END IF; END\$\$;"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

declare -a NAMES PIDS URLS DIRS
cleanup() { for pid in "${PIDS[@]:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

index=0
for commit in $COMMITS; do
  sha=$(git -C "$ROOT" rev-parse --short "$commit")
  dir=$OUT/$sha; tree=$dir/src
  db=headlesscms_bench_cmp_${sha}_$ARTICLES
  cs="Host=127.0.0.1;Port=5432;Database=$db;Username=$ROLE;Password=$PASSWORD;Maximum Pool Size=$POOL"
  log "$sha: build, seed $ARTICLES articles into $db"
  if [[ ! -d "$tree" ]]; then git -C "$ROOT" worktree add --detach "$tree" "$sha" >/dev/null; fi
  dotnet publish "$tree/src/HeadlessCms.Api" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$dir/api" -v quiet -nologo >/dev/null
  dotnet publish "$tree/bench/HeadlessCms.Bench" -c Release -o "$dir/bench" -v quiet -nologo >/dev/null
  if ! as_postgres psql -qtA -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then as_postgres createdb -O "$ROLE" "$db"; fi
  dotnet "$dir/bench/HeadlessCms.Bench.dll" seed --articles "$ARTICLES" --connection "$cs" ${RESEED:+--force} >&2
  dotnet "$dir/bench/HeadlessCms.Bench.dll" prepare --connection "$cs" --signing-key "$SIGNING_KEY" --out "$dir" >&2
  env=(ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres "ConnectionStrings__Cms=$cs" Cms__SeedDemoContent=false
       "Cms__BootstrapAdminKey=$ADMIN_KEY" "Cms__CursorSigningKey=$SIGNING_KEY" Cms__RateLimit__Enabled=false
       Cms__Caching__OutputCacheEnabled=false)
  # Commits that store rendered HTML render the seeded rows once, here, rather than during the first scenario.
  if grep -rqs '"articles render"' "$tree/src/HeadlessCms.Api"; then
    (cd "$dir/api" && env "${env[@]}" ./HeadlessCms.Api articles render >/dev/null 2>&1)
  fi
  url=http://127.0.0.1:$((5100 + index))
  (cd "$dir/api" && exec env "${env[@]}" ./HeadlessCms.Api --urls "$url") >"$dir/api.log" 2>&1 &
  PIDS[index]=$!; NAMES[index]=$sha; URLS[index]=$url; DIRS[index]=$dir
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$url/health/ready" && break; sleep 0.2; done
  curl -sf -o /dev/null "$url/health/ready" || { tail -30 "$dir/api.log"; echo "$sha did not become ready" >&2; exit 1; }
  index=$((index + 1))
done

log "Warm-up (JIT tiering) and editor keys"
for i in "${!NAMES[@]}"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d20s "${URLS[i]}/api/v1/articles?pageSize=20" >/dev/null
  key=$(curl -sf -X POST -H "X-Api-Key: $ADMIN_KEY" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench editor $(date +%s%N)\",\"role\":\"editor\"}" "${URLS[i]}/api/v1/manage/api-keys" | grep -o '"key":"[^"]*"' | cut -d'"' -f4)
  echo "$key" >"${DIRS[i]}/editor.key"
  # The create path is long (outbox, revision, audit) and tiered JIT keeps recompiling it for about a minute: measured
  # cold, S7 shows the compiler's work (CPU per create about twice the warm figure), not the path's.
  if [[ " $SCENARIOS " == *" S7 "* ]]; then
    BENCH_WRK=$BENCH_WRK BENCH_EDITOR_KEY=$key BENCH_RUN_ID="${NAMES[i]}-warm-$(date +%s%N)" \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${CREATE_WARMUP:-60s}" -s "$BENCH_WRK/create.lua" "${URLS[i]}/api/v1/manage/articles" >/dev/null
  fi
done

RAW=$OUT/raw.tsv; : >"$RAW"
measure() { # $1 = index, $2 = scenario, $3 = script, $4 = path
  local i=$1 pid=${PIDS[$1]} before output line requests rps p50_us p99_us status_errors socket_errors
  export BENCH_SLUGS=${DIRS[i]}/slugs.lua BENCH_EDITOR_KEY BENCH_RUN_ID="${NAMES[i]}-$(date +%s%N)"
  BENCH_EDITOR_KEY=$(cat "${DIRS[i]}/editor.key")
  before=$(cpu_ms "$pid")
  output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BENCH_WRK/$3" "${URLS[i]}$4")
  line=$(grep '^RESULT' <<<"$output"); eval "${line#RESULT }"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${NAMES[i]}" "$2" "$rps" "$p50_us" "$p99_us" \
    "$(awk -v c="$(( $(cpu_ms "$pid") - before ))" -v n="$requests" 'BEGIN {printf "%.0f", (n > 0 ? c * 1000 / n : 0)}')" \
    "$((status_errors + socket_errors))" | tee -a "$RAW" >&2
}
for round in $(seq 1 "$ROUNDS"); do
  log "Round $round of $ROUNDS"
  for scenario in $SCENARIOS; do
    for i in "${!NAMES[@]}"; do
      case $scenario in
        S1) measure "$i" S1 get.lua "/api/v1/articles?pageSize=20" ;;
        S4) measure "$i" S4 article.lua / ;;
        S7) measure "$i" S7 create.lua /api/v1/manage/articles ;;
      esac
    done
  done
done

REPORT=$OUT/../compare-$ARTICLES.md
{
  echo "### Commits compared at $ARTICLES articles — $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Medians of $ROUNDS interleaved rounds of wrk -t$THREADS -c$CONNECTIONS -d$DURATION per commit and scenario (output cache off)."
  echo
  echo "| scenario | commit | requests/s | p50 ms | p99 ms | server CPU µs/request | errors | req/s vs first | CPU vs first |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for scenario in $SCENARIOS; do
    first_rps=; first_cpu=
    for name in "${NAMES[@]}"; do
      read -r rps p50 p99 cpu errors < <(awk -F'\t' -v n="$name" -v s="$scenario" '
        $1 == n && $2 == s { r[++k] = $3; a[k] = $4; b[k] = $5; c[k] = $6; e += $7 }
        function median(x, m,   i, j, t) { for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
                                           return x[int((m + 1) / 2)] }
        END { printf "%.0f %.2f %.2f %.0f %d\n", median(r, k), median(a, k) / 1000, median(b, k) / 1000, median(c, k), e }' "$RAW")
      first_rps=${first_rps:-$rps}; first_cpu=${first_cpu:-$cpu}
      echo "| $scenario | $name | $rps | $p50 | $p99 | $cpu | $errors | $(awk -v a="$rps" -v b="$first_rps" 'BEGIN {printf "%.2f", a / b}') | $(awk -v a="$cpu" -v b="$first_cpu" 'BEGIN {printf "%.2f", a / b}') |"
    done
  done
} >"$REPORT"
cat "$REPORT"
