#!/usr/bin/env bash
# The delivery-API benchmark, end to end (issue "Performance"): PostgreSQL, data, the API in Release, wrk.
#
#   bench/run.sh                      # 1,000,000 articles (seeded once, ~15+ min the first time on 2 cores)
#   ARTICLES=100000 bench/run.sh      # the quick run
#   bench/run.sh INSTANCES=2          # scale-out: S1, S4, S7 with one and two instances behind nginx, with Redis and a
#                                     # replica, and write-to-visible-on-the-other-instance latency (bench/scaleout.sh)
#
# Optional: PORT_BASE (5080; the API, then the two baselines on the next ports), RESEED=1 (seed again even if seeded), DURATION (15s), CONNECTIONS (32), THREADS (2), WARMUP (3s), CREATE_WARMUP (60s of S7 before the scenarios), TIMEOUT (5s; a slower response counts as an error). Run as root on our machines (it may start
# PostgreSQL and install wrk). Prints a table and writes it, with the machine's description, to bench/RESULTS.md.
set -euo pipefail

# Settings may also be given as arguments: bench/run.sh INSTANCES=2 ARTICLES=100000
for arg in "$@"; do
  if [[ "$arg" == [A-Z_]*=* ]]; then export "${arg?}"; else echo "Unknown argument: $arg" >&2; exit 2; fi
done
INSTANCES=${INSTANCES:-1}
ARTICLES=${ARTICLES:-1000000}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-3s}
TIMEOUT=${TIMEOUT:-5s}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
OUT=$BENCH/out
mkdir -p "$OUT"
export BENCH_WRK=$BENCH/wrk

DB=headlesscms_bench_$ARTICLES
ROLE=cms_bench
PASSWORD=cms_bench
CS="Host=127.0.0.1;Port=5432;Database=$DB;Username=$ROLE;Password=$PASSWORD"
PORT_BASE=${PORT_BASE:-5080}
API_URL=http://127.0.0.1:$PORT_BASE
BASELINE_URL=http://127.0.0.1:$((PORT_BASE + 1))
MEMORY_URL=http://127.0.0.1:$((PORT_BASE + 2))
SIGNING_KEY=headlesscms-bench-signing-key
ADMIN_KEY=headlesscms-bench-admin-key-0123456789
RUN_ID=$(date +%s)

log() { printf '\n== %s\n' "$*" >&2; }

[[ "$INSTANCES" == 1 || "$INSTANCES" == 2 ]] || { echo "INSTANCES is 1 or 2." >&2; exit 2; }
for url in "$API_URL" "$BASELINE_URL" "$MEMORY_URL"; do
  if curl -s -o /dev/null "$url"; then echo "Something already listens on $url: stop it first." >&2; exit 1; fi
done

# ---- PostgreSQL, role and database -------------------------------------------------------------------------
log "PostgreSQL"
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
read -r PG_MAJOR PG_CLUSTER < <(pg_lsclusters --no-header | awk 'NR==1 {print $1, $2}')
pg_ctlcluster "$PG_MAJOR" "$PG_CLUSTER" start >/dev/null 2>&1 || true
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
pg_isready -h 127.0.0.1
as_postgres() { (cd /tmp && runuser -u postgres -- "$@"); }
as_postgres psql -qtA -v ON_ERROR_STOP=1 -c \
  "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'; END IF; END\$\$;"
if ! as_postgres psql -qtA -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  as_postgres createdb -O "$ROLE" "$DB"
fi
export PGPASSWORD=$PASSWORD
sql() { psql -h 127.0.0.1 -U "$ROLE" -d "$DB" -qtA -v ON_ERROR_STOP=1 -c "$1"; }

# ---- wrk ---------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "Installing wrk"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

# ---- Build -------------------------------------------------------------------------------------------------
log "Building the API and the bench tool (Release)"
# ReadyToRun, as the Dockerfile publishes it: precompiled code starts ~1.4 s sooner than JIT-only on this machine.
dotnet publish "$ROOT/src/HeadlessCms.Api" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$OUT/api" -v quiet -nologo >/dev/null
dotnet publish "$BENCH/HeadlessCms.Bench" -c Release -o "$OUT/bench" -v quiet -nologo >/dev/null
tool() { dotnet "$OUT/bench/HeadlessCms.Bench.dll" "$@"; }

# ---- Data --------------------------------------------------------------------------------------------------
log "Data: $ARTICLES articles in $DB"
tool seed --articles "$ARTICLES" --connection "$CS" ${RESEED:+--force}
# Leftovers of an interrupted S7 would only add drafts, but keep every run on the same data.
sql "DELETE FROM \"Articles\" WHERE \"Title\" LIKE 'Bench s7 %'" >/dev/null
tool prepare --connection "$CS" --signing-key "$SIGNING_KEY" --out "$OUT"
# shellcheck disable=SC1091
source "$OUT/scenario.env"
export BENCH_SLUGS=$OUT/slugs.lua BENCH_RUN_ID=$RUN_ID

# ---- The API -----------------------------------------------------------------------------------------------
API_PID=
READY_MS=
stop_api() {
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID"; wait "$API_PID" 2>/dev/null || true
  fi
  API_PID=
}
BASELINE_PID=
cleanup() {
  stop_api
  if [[ -n "$BASELINE_PID" ]]; then kill "$BASELINE_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

start_api() { # $1 = output cache on (true/false)
  local started
  started=$(date +%s%N)
  # From its own folder, as deployed: the content root (appsettings.json, so Warning-level request logging) is the
  # working directory.
  (cd "$OUT/api" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=Postgres ConnectionStrings__Cms="$CS" \
    Cms__SeedDemoContent=false Cms__BootstrapAdminKey="$ADMIN_KEY" Cms__CursorSigningKey="$SIGNING_KEY" \
    Cms__RateLimit__Enabled=false Cms__Caching__OutputCacheEnabled="$1" \
    ./HeadlessCms.Api --urls "$API_URL") >"$OUT/api-cache-$1.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 6000); do
    if curl -sf -o /dev/null "$API_URL/health/ready"; then
      READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
      READY_CPU_MS=$(cpu_ms "$API_PID")
      return 0
    fi
    kill -0 "$API_PID" 2>/dev/null || { cat "$OUT/api-cache-$1.log"; echo "The API exited." >&2; exit 1; }
    sleep 0.01
  done
  echo "The API was not ready within 60 s." >&2; exit 1
}

# User + system CPU time of processes so far (a space-separated list of ids): unlike wall time, barely affected by
# other load on the machine.
cpu_ms() {
  local files=() pid
  for pid in $1; do files+=("/proc/$pid/stat"); done
  awk -v hz="$(getconf CLK_TCK)" '{t += $14 + $15} END {printf "%d", t * 1000 / hz}' "${files[@]}"
}
peak_rss_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
# What RSS is made of: anonymous (GC heap, runtime), file-backed (mapped assemblies) and shared (the runtime's second
# mapping of JIT-compiled code): only the first grows with load.
rss_parts() { awk '/RssAnon/ {a = $2} /RssFile/ {f = $2} /RssShmem/ {s = $2} END {printf "anonymous %.0f + file %.0f + shared %.0f MB", a / 1024, f / 1024, s / 1024}' "/proc/$1/status"; }
# The API logs where its start-up time went once ("Start-up phases (ms): ..."); keep that line for the report.
startup_phases() { grep -ao 'Start-up phases[^"]*' "$OUT/api-cache-$1.log" | head -1 | tr -d '\r' || true; }

# ---- Scenarios ---------------------------------------------------------------------------------------------
declare -A RPS P50 P99 ERRS CPU
ORDER=()

check() { # $1 = expected status, $2.. = curl arguments
  local expected=$1; shift
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  [[ "$status" == "$expected" ]] || echo "   warning: expected $expected, got $status for: $*" >&2
}

run_wrk() { # $1 = name, $2 = base URL, $3 = script, $4 = path, then extra wrk arguments
  local name=$1 base=$2 script=$3 path=$4; shift 4
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout "$TIMEOUT" -s "$BENCH_WRK/$script" "$@" "$base$path" >/dev/null
  local output cpu_before
  cpu_before=$(cpu_ms "$SERVER_PID")
  output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$BENCH_WRK/$script" "$@" "$base$path")
  local cpu_used=$(( $(cpu_ms "$SERVER_PID") - cpu_before ))
  echo "$output" > "$OUT/wrk-$name.txt"
  local line
  line=$(grep '^RESULT' <<<"$output")
  local requests rps p50_us p99_us status_errors socket_errors
  eval "${line#RESULT }"
  RPS[$name]=$rps
  P50[$name]=$(awk -v u="$p50_us" 'BEGIN {printf "%.2f", u / 1000}')
  P99[$name]=$(awk -v u="$p99_us" 'BEGIN {printf "%.2f", u / 1000}')
  ERRS[$name]=$((status_errors + socket_errors))
  CPU[$name]=$(awk -v c="$cpu_used" -v n="$requests" 'BEGIN {printf "%.0f", (n > 0 ? c * 1000 / n : 0)}')
  ORDER+=("$name")
  printf '   %-34s %9s req/s  p50 %8s ms  p99 %8s ms  errors %-5s server CPU %6s us/req\n' \
    "$name" "$rps" "${P50[$name]}" "${P99[$name]}" "${ERRS[$name]}" "${CPU[$name]}" >&2
}

if [[ "$INSTANCES" == 2 ]]; then
  # shellcheck source=bench/scaleout.sh
  source "$BENCH/scaleout.sh"
  exit 0
fi

log "API with the output cache off (the database path)"
start_api false
SERVER_PID=$API_PID
READY_MS_OFF=$READY_MS; READY_CPU_OFF=$READY_CPU_MS
echo "   ready in $READY_MS_OFF ms (API CPU time by then: $READY_CPU_OFF ms)" >&2
# Idle: settled after start-up (background jobs have had their first poll), before any load.
sleep "${IDLE_SETTLE:-3}"
IDLE_RSS=$(rss_mb "$API_PID"); IDLE_PARTS=$(rss_parts "$API_PID")
PHASES_OFF=$(startup_phases false)
echo "   idle RSS $IDLE_RSS MB; ${PHASES_OFF:-no start-up phases logged}" >&2
# Tiered JIT keeps recompiling hot code for several seconds after start; without this the first scenario (S1) pays
# for it and looks ~3x costlier per request than it is once warm.
GLOBAL_WARMUP=${GLOBAL_WARMUP:-60s}
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$GLOBAL_WARMUP" "$API_URL/api/v1/articles?pageSize=20" >/dev/null
EDITOR_KEY=$(curl -sf -X POST -H "X-Api-Key: $ADMIN_KEY" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench editor $RUN_ID\",\"role\":\"editor\"}" "$API_URL/api/v1/manage/api-keys" | grep -o '"key":"[^"]*"' | cut -d'"' -f4)
export BENCH_EDITOR_KEY=$EDITOR_KEY
# The create path (outbox, revision, audit) keeps the tiered JIT busy for about a minute; S7's own 3 s warm-up is not
# enough, and measured cold it costs about twice the CPU per create that it does once warm.
BENCH_RUN_ID="$RUN_ID-warm" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${CREATE_WARMUP:-60s}" -s "$BENCH_WRK/create.lua" "$API_URL/api/v1/manage/articles" >/dev/null
ETAG=$(curl -sf -D - -o /dev/null "$API_URL/api/v1/articles/$S4_SLUG" | awk 'tolower($1) == "etag:" {sub(/\r$/, ""); print $2}')

S1=/api/v1/articles?pageSize=20
S2="/api/v1/articles?pageSize=20&cursor=$S2_CURSOR"
S3="/api/v1/articles?page=2000&pageSize=20"
S5=/api/v1/summaries
S6="/api/v1/articles?q=$Q_WORD"
S6R="/api/v1/articles?q=$Q_RARE_WORD"
S9="/api/v1/categories/$SECTION_SLUG/articles?pageSize=20"
check 200 "$API_URL$S1"; check 200 "$API_URL$S2"; check 200 "$API_URL$S3"; check 200 "$API_URL/api/v1/articles/$S4_SLUG"
check 200 "$API_URL$S5"; check 200 "$API_URL$S6"; check 200 "$API_URL$S6R"; check 200 "$API_URL$S9"; check 304 -H "If-None-Match: $ETAG" "$API_URL/api/v1/articles/$S4_SLUG"
check 201 -X POST -H "X-Api-Key: $EDITOR_KEY" -H 'Content-Type: application/json' \
  -d '{"title":"Bench s7 check","body":"Check.","categoryId":1}' "$API_URL/api/v1/manage/articles"

run_wrk "S1 first page" "$API_URL" get.lua "$S1"
run_wrk "S2 cursor page $S2_DEPTH deep" "$API_URL" get.lua "$S2"
run_wrk "S3 numbered page 2000" "$API_URL" get.lua "$S3"
run_wrk "S4 article by slug" "$API_URL" article.lua /
run_wrk "S5 summaries feed" "$API_URL" get.lua "$S5"
run_wrk "S6 search q=$Q_WORD" "$API_URL" get.lua "$S6"
S6RN="S6r search, rare q=$Q_RARE_WORD ($Q_RARE_MATCHES matches)"
run_wrk "$S6RN" "$API_URL" get.lua "$S6R"
S9N="S9 section page ($SECTION_ARTICLES articles)"
run_wrk "$S9N" "$API_URL" get.lua "$S9"
run_wrk "S7 create article" "$API_URL" create.lua /api/v1/manage/articles
run_wrk "S8 conditional GET (304)" "$API_URL" get.lua "/api/v1/articles/$S4_SLUG" -H "If-None-Match: $ETAG"
RSS_OFF=$(peak_rss_mb "$API_PID"); LOADED_PARTS=$(rss_parts "$API_PID")
stop_api
CREATED=$(sql "SELECT count(*) FROM \"Articles\" WHERE \"Title\" LIKE 'Bench s7 %'")
sql "DELETE FROM \"Articles\" WHERE \"Title\" LIKE 'Bench s7 %'" >/dev/null
sql "DELETE FROM \"ApiKeys\" WHERE \"Name\" LIKE 'bench editor %'" >/dev/null
sql "VACUUM \"Articles\"" >/dev/null

log "API with the output cache on"
start_api true
SERVER_PID=$API_PID
READY_MS_ON=$READY_MS; READY_CPU_ON=$READY_CPU_MS
echo "   ready in $READY_MS_ON ms (API CPU time by then: $READY_CPU_ON ms)" >&2
# The same warm-up as the cache-off API had: measured right after start, S1 cached paid for the tiered JIT (253 µs of
# CPU per hit in the first record run, 70 µs once warm).
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$GLOBAL_WARMUP" "$API_URL$S1" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$BENCH_WRK/article.lua" "$API_URL/" >/dev/null
run_wrk "S1 first page, cached" "$API_URL" get.lua "$S1"
run_wrk "S4 article by slug, cached" "$API_URL" article.lua /
RSS_ON=$(peak_rss_mb "$API_PID")
# S1's exact bytes, for the memory baseline below.
curl -sf -o "$OUT/s1-body.json" "$API_URL$S1"
stop_api

log "Baseline: S1's SQL with raw Npgsql on bare Kestrel"
dotnet "$OUT/bench/HeadlessCms.Bench.dll" baseline --connection "$CS" --urls "$BASELINE_URL" >"$OUT/baseline.log" 2>&1 &
BASELINE_PID=$!
SERVER_PID=$BASELINE_PID
for _ in $(seq 1 1000); do curl -sf -o /dev/null "$BASELINE_URL$S1" && break; sleep 0.02; done
check 200 "$BASELINE_URL$S1"
run_wrk "baseline (raw Npgsql, S1 SQL)" "$BASELINE_URL" get.lua "$S1"
kill "$BASELINE_PID" 2>/dev/null || true; wait "$BASELINE_PID" 2>/dev/null || true; BASELINE_PID=

log "Baseline for the cached path: S1's bytes from memory on bare Kestrel"
dotnet "$OUT/bench/HeadlessCms.Bench.dll" memory --body "$OUT/s1-body.json" --urls "$MEMORY_URL" >"$OUT/memory.log" 2>&1 &
BASELINE_PID=$!
SERVER_PID=$BASELINE_PID
for _ in $(seq 1 1000); do curl -sf -o /dev/null "$MEMORY_URL$S1" && break; sleep 0.02; done
check 200 "$MEMORY_URL$S1"
MEMN="baseline (S1's bytes from memory)"
run_wrk "$MEMN" "$MEMORY_URL" get.lua "$S1"
kill "$BASELINE_PID" 2>/dev/null || true; wait "$BASELINE_PID" 2>/dev/null || true; BASELINE_PID=

# ---- Report ------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
verdict() { awk -v v="$1" -v limit="$2" -v op="$3" 'BEGIN {ok = (op == "<=" ? v <= limit : v >= limit); print (ok ? "met" : "**missed**")}'; }

S1N="S1 first page"; S2N="S2 cursor page $S2_DEPTH deep"; S3N="S3 numbered page 2000"; S4N="S4 article by slug"
BASE="baseline (raw Npgsql, S1 SQL)"
R_BASE=$(ratio "${RPS[$S1N]}" "${RPS[$BASE]}")
R_S2=$(ratio "${P50[$S2N]}" "${P50[$S1N]}")
R_S3=$(ratio "${P50[$S3N]}" "${P50[$S1N]}")
R_S4=$(ratio "${P99[$S4N]}" "${P99[$S1N]}")
S6N="S6 search q=$Q_WORD"
R_S6=$(ratio "${P50[$S6N]}" "${P50[$S1N]}")
R_S6R=$(ratio "${P50[$S6RN]}" "${P50[$S1N]}")
R_S9=$(ratio "${P50[$S9N]}" "${P50[$S1N]}")
R_S1C=$(ratio "${RPS[S1 first page, cached]}" "${RPS[$MEMN]}")
R_S4C=$(ratio "${RPS[S4 article by slug, cached]}" "${RPS[$MEMN]}")
TOTAL_ERRORS=0
for name in "${ORDER[@]}"; do TOTAL_ERRORS=$((TOTAL_ERRORS + ERRS[$name])); done
PEAK_RSS=$(( RSS_OFF > RSS_ON ? RSS_OFF : RSS_ON ))
READY_WORST=$(( READY_MS_OFF > READY_MS_ON ? READY_MS_OFF : READY_MS_ON ))

CPU=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
RAM=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
PG_VERSION=$(sql "SHOW server_version")
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)

REPORT=$OUT/results-$ARTICLES.md
{
  echo "### $(printf "%'d" "$ARTICLES" 2>/dev/null || echo "$ARTICLES") articles — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($CPU), $RAM RAM, PostgreSQL $PG_VERSION (stock settings), .NET $(dotnet --version) SDK;" \
       "load average at the end $(cut -d' ' -f1-3 /proc/loadavg). Commit $COMMIT." \
       "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT on loopback after a $WARMUP warm-up per scenario;" \
       "$VISIBLE_ARTICLES visible articles; search word '$Q_WORD' matches $Q_MATCHES articles, '$Q_RARE_WORD' $Q_RARE_MATCHES;" \
       "section '$SECTION_SLUG' (with its subsections) holds $SECTION_ARTICLES visible articles."
  echo
  echo "| scenario | requests/s | p50 ms | p99 ms | errors | server CPU µs/request |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for name in "${ORDER[@]}"; do
    echo "| $name | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | ${ERRS[$name]} | ${CPU[$name]} |"
  done
  echo
  echo "| target | measured | limit | |"
  echo "| --- | ---: | ---: | --- |"
  echo "| S1 throughput / baseline | $R_BASE | ≥ 0.8 | $(verdict "$R_BASE" 0.8 ">=") |"
  echo "| S2 p50 / S1 p50 | $R_S2 | ≤ 1.5 | $(verdict "$R_S2" 1.5 "<=") |"
  echo "| S3 p50 / S1 p50 | $R_S3 | ≤ 3 | $(verdict "$R_S3" 3 "<=") |"
  echo "| S4 p99 / S1 p99 | $R_S4 | ≤ 2 | $(verdict "$R_S4" 2 "<=") |"
  echo "| S6 p50 / S1 p50 (common word) | $R_S6 | ≤ 3 | $(verdict "$R_S6" 3 "<=") |"
  echo "| S6r p50 / S1 p50 (rare word) | $R_S6R | ≤ 3 | $(verdict "$R_S6R" 3 "<=") |"
  echo "| S9 p50 / S1 p50 (section page) | $R_S9 | ≤ 2 | $(verdict "$R_S9" 2 "<=") |"
  echo "| S1 cached / memory baseline (req/s) | $R_S1C | ≥ 0.7 | $(verdict "$R_S1C" 0.7 ">=") |"
  echo "| S4 cached / memory baseline (req/s) | $R_S4C | ≥ 0.7 | $(verdict "$R_S4C" 0.7 ">=") |"
  echo "| errors, all scenarios | $TOTAL_ERRORS | 0 | $(verdict "$TOTAL_ERRORS" 0 "<=") |"
  echo "| API idle RSS after start (VmRSS) | $IDLE_RSS MB | ≤ 100 MB | $(verdict "$IDLE_RSS" 100 "<=") |"
  echo "| API peak RSS under load, cache off (VmHWM) | $RSS_OFF MB | ≤ 160 MB | $(verdict "$RSS_OFF" 160 "<=") |"
  echo "| API peak RSS, cache on (VmHWM) | $RSS_ON MB | < 200 MB | $(verdict "$RSS_ON" 199 "<=") |"
  echo "| process start to /health/ready 200 (cache off / on) | $READY_MS_OFF / $READY_MS_ON ms (CPU $READY_CPU_OFF / $READY_CPU_ON ms) | < 1000 ms | $(verdict "$READY_WORST" 999 "<=") |"
  echo "| S1 server CPU (database path) | ${CPU[$S1N]} µs/request | ≤ 400 | $(verdict "${CPU[$S1N]}" 400 "<=") |"
  echo "| S4 server CPU (database path) | ${CPU[$S4N]} µs/request | ≤ 600 | $(verdict "${CPU[$S4N]}" 600 "<=") |"
  if [[ "$SEED_SECONDS" != unknown ]]; then
    echo "| seeding $ARTICLES articles (last seed of this database) | $SEED_SECONDS s | < 120 s at 1,000,000 | $( [[ $ARTICLES -ge 1000000 ]] && verdict "$SEED_SECONDS" 120 "<=" || echo "n/a at this size") |"
  fi
  echo
  [[ -z "$PHASES_OFF" ]] || { echo; echo "$PHASES_OFF (cache-off start)."; }
  echo; echo "RSS idle: $IDLE_PARTS; after the cache-off scenarios: $LOADED_PARTS."
  echo
  echo "S7 created $CREATED draft articles (deleted afterwards). Server CPU µs/request is the server process's user +" \
       "system CPU time during the measured run divided by its requests (PostgreSQL's share not included)."
} >"$REPORT"

log "Results"
cat "$REPORT"

# Replace this size's block in bench/RESULTS.md (or append it); the analysis around the blocks is kept.
RESULTS=$BENCH/RESULTS.md
[[ -f "$RESULTS" ]] || printf '# Benchmark results\n\nWritten by `bench/run.sh`; see the README.\n' >"$RESULTS"
BEGIN_MARK="<!-- bench:articles=$ARTICLES -->"
END_MARK="<!-- /bench:articles=$ARTICLES -->"
if grep -qF "$BEGIN_MARK" "$RESULTS"; then
  awk -v begin="$BEGIN_MARK" -v end="$END_MARK" -v report="$REPORT" '
    $0 == begin { print; while ((getline line < report) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$RESULTS" >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
else
  { echo; echo "$BEGIN_MARK"; cat "$REPORT"; echo "$END_MARK"; } >>"$RESULTS"
fi
echo "Written to bench/RESULTS.md" >&2
