# Sourced by bench/run.sh when INSTANCES=2 (issue "Scale-out"): after the data is seeded and the API built.
# Starts Debian's redis-server and a streaming replica of the PostgreSQL cluster (pg_createcluster + pg_basebackup -R),
# two API processes sharing them (ConnectionStrings__Redis, ConnectionStrings__CmsReadOnly), and nginx round-robin in
# front, all on loopback. Runs S1, S4 and S7 through nginx with one instance behind it and with two, then measures
# write-to-visible-on-the-other-instance latency (bench/visibility.py) while S1 and S4 load both instances.
# On 2 cores two instances cannot double the throughput: the numbers say what they say; the point is correctness.

REDIS_PORT=${REDIS_PORT:-6391}
REPLICA_PORT=${REPLICA_PORT:-5437}
REPLICA_NAME=headlesscms_bench_replica
VISIBILITY_EDITS=${VISIBILITY_EDITS:-200}
INSTANCE_URLS=(http://127.0.0.1:5291 http://127.0.0.1:5292)
LB1_URL=http://127.0.0.1:5293 # nginx over instance A only
LB2_URL=http://127.0.0.1:5294 # nginx over A and B
REDIS_PID= NGINX_PID=
INSTANCE_PIDS=()

scaleout_cleanup() {
  for pid in "${INSTANCE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [[ -n "$NGINX_PID" ]]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  if [[ -n "$REDIS_PID" ]]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
  pg_dropcluster --stop "$PG_MAJOR" "$REPLICA_NAME" >/dev/null 2>&1 || true
}
trap scaleout_cleanup EXIT

for url in "${INSTANCE_URLS[@]}" "$LB1_URL" "$LB2_URL"; do
  if curl -s -o /dev/null "$url"; then echo "Something already listens on $url: stop it first." >&2; exit 1; fi
done
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || missing+=(nginx)
if (( ${#missing[@]} )); then
  log "Installing ${missing[*]}"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log "Redis on 127.0.0.1:$REDIS_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --protected-mode yes >"$OUT/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done
redis-cli -p "$REDIS_PORT" ping >/dev/null

log "Streaming replica of the $PG_MAJOR/$PG_CLUSTER cluster on port $REPLICA_PORT"
pg_dropcluster --stop "$PG_MAJOR" "$REPLICA_NAME" >/dev/null 2>&1 || true
pg_createcluster "$PG_MAJOR" "$REPLICA_NAME" -p "$REPLICA_PORT" --start-conf manual >/dev/null
REPLICA_DATA=/var/lib/postgresql/$PG_MAJOR/$REPLICA_NAME
rm -rf "$REPLICA_DATA"
PRIMARY_PORT=$(pg_lsclusters --no-header | awk -v v="$PG_MAJOR" -v c="$PG_CLUSTER" '$1 == v && $2 == c {print $3}')
as_postgres pg_basebackup -D "$REPLICA_DATA" -R -X stream -c fast -p "$PRIMARY_PORT"
pg_ctlcluster "$PG_MAJOR" "$REPLICA_NAME" start
for _ in $(seq 1 120); do pg_isready -q -h 127.0.0.1 -p "$REPLICA_PORT" && break; sleep 0.5; done
REPLICA_CS="Host=127.0.0.1;Port=$REPLICA_PORT;Database=$DB;Username=$ROLE;Password=$PASSWORD"

start_instance() { # $1 = index (0 = A, 1 = B)
  local url=${INSTANCE_URLS[$1]}
  (cd "$OUT/api" && exec env ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=Postgres ConnectionStrings__Cms="$CS" ConnectionStrings__CmsReadOnly="$REPLICA_CS" \
    ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" Database__MigrateOnStartup=false \
    Cms__SeedDemoContent=false Cms__CursorSigningKey="$SIGNING_KEY" \
    Cms__RateLimit__Enabled=false Cms__Caching__OutputCacheEnabled=true \
    ./HeadlessCms.Api --urls "$url") >"$OUT/api-instance-$1.log" 2>&1 &
  INSTANCE_PIDS[$1]=$!
  for _ in $(seq 1 6000); do
    curl -sf -o /dev/null "$url/health/ready" && return 0
    kill -0 "${INSTANCE_PIDS[$1]}" 2>/dev/null || { cat "$OUT/api-instance-$1.log"; echo "Instance $1 exited." >&2; exit 1; }
    sleep 0.01
  done
  echo "Instance $1 was not ready within 60 s." >&2; exit 1
}

log "Migrating once (the migrate command), then two API instances"
(cd "$OUT/api" && env Database__Provider=Postgres ConnectionStrings__Cms="$CS" Cms__SeedDemoContent=false \
  Cms__BootstrapAdminKey="$ADMIN_KEY" Cms__CursorSigningKey="$SIGNING_KEY" ./HeadlessCms.Api migrate) >"$OUT/migrate.log" 2>&1
start_instance 0
start_instance 1

log "nginx round-robin: $LB1_URL over A, $LB2_URL over A and B"
mkdir -p "$OUT/nginx"
cat >"$OUT/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx/body;
  proxy_temp_path $OUT/nginx/proxy;
  upstream one { server ${INSTANCE_URLS[0]#http://}; keepalive 32; }
  upstream two { server ${INSTANCE_URLS[0]#http://}; server ${INSTANCE_URLS[1]#http://}; keepalive 64; }
  map \$server_port \$pool { ${LB1_URL##*:} one; default two; }
  server {
    listen ${LB1_URL#http://};
    listen ${LB2_URL#http://};
    client_max_body_size 1m;
    location / {
      proxy_pass http://\$pool;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
    }
  }
}
EOF
nginx -t -c "$OUT/nginx/nginx.conf" -g 'daemon off;' >/dev/null 2>&1 || nginx -t -c "$OUT/nginx/nginx.conf" -g 'daemon off;'
nginx -c "$OUT/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 1 200); do curl -sf -o /dev/null "$LB2_URL/health/ready" && break; sleep 0.05; done

EDITOR_KEY=$(curl -sf -X POST -H "X-Api-Key: $ADMIN_KEY" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench editor $RUN_ID\",\"role\":\"editor\"}" "${INSTANCE_URLS[0]}/api/v1/manage/api-keys" | grep -o '"key":"[^"]*"' | cut -d'"' -f4)
export BENCH_EDITOR_KEY=$EDITOR_KEY
S1=/api/v1/articles?pageSize=20
check 200 "$LB1_URL$S1"; check 200 "$LB2_URL$S1"; check 200 "${INSTANCE_URLS[1]}/api/v1/articles/$S4_SLUG"

log "One instance behind nginx (Redis and the replica in use)"
SERVER_PID=${INSTANCE_PIDS[0]}
run_wrk "S1 first page, 1 instance" "$LB1_URL" get.lua "$S1"
run_wrk "S4 article by slug, 1 instance" "$LB1_URL" article.lua /
run_wrk "S7 create article, 1 instance" "$LB1_URL" create.lua /api/v1/manage/articles
log "Two instances behind nginx"
SERVER_PID="${INSTANCE_PIDS[*]}"
run_wrk "S1 first page, 2 instances" "$LB2_URL" get.lua "$S1"
run_wrk "S4 article by slug, 2 instances" "$LB2_URL" article.lua /
run_wrk "S7 create article, 2 instances" "$LB2_URL" create.lua /api/v1/manage/articles

log "Write on A, visible on B: $VISIBILITY_EDITS edits while S1 and S4 load both instances"
LOAD_SECONDS=$(( VISIBILITY_EDITS / 4 + 30 ))
wrk -t1 -c"$(( CONNECTIONS / 2 ))" -d"${LOAD_SECONDS}s" --timeout "$TIMEOUT" -s "$BENCH_WRK/get.lua" "$LB2_URL$S1" >"$OUT/wrk-visibility-s1.txt" 2>&1 &
LOAD1=$!
wrk -t1 -c"$(( CONNECTIONS / 2 ))" -d"${LOAD_SECONDS}s" --timeout "$TIMEOUT" -s "$BENCH_WRK/article.lua" "$LB2_URL/" >"$OUT/wrk-visibility-s4.txt" 2>&1 &
LOAD2=$!
sleep 2
VIS=$(python3 "$BENCH/visibility.py" --writer "${INSTANCE_URLS[0]}" --reader "${INSTANCE_URLS[1]}" --key "$EDITOR_KEY" \
  --count "$VISIBILITY_EDITS" --run "$RUN_ID" | grep '^RESULT')
VIS_LOAD_RUNNING=$(kill -0 "$LOAD1" 2>/dev/null && kill -0 "$LOAD2" 2>/dev/null && echo yes || echo no)
kill "$LOAD1" "$LOAD2" 2>/dev/null || true; wait "$LOAD1" "$LOAD2" 2>/dev/null || true
echo "   $VIS (load still running at the end: $VIS_LOAD_RUNNING)" >&2
eval "${VIS#RESULT }"

CREATED=$(sql "SELECT count(*) FROM \"Articles\" WHERE \"Title\" LIKE 'Bench s7 %'")
sql "DELETE FROM \"Articles\" WHERE \"Title\" LIKE 'Bench s7 %' OR \"Title\" LIKE 'Bench vis %'" >/dev/null
sql "DELETE FROM \"ApiKeys\" WHERE \"Name\" LIKE 'bench editor %'" >/dev/null

TOTAL_ERRORS=0
for name in "${ORDER[@]}"; do TOTAL_ERRORS=$((TOTAL_ERRORS + ERRS[$name])); done
CPU_MODEL=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
REPORT=$OUT/results-scaleout-$ARTICLES.md
{
  echo "### Two instances, $(printf "%'d" "$ARTICLES" 2>/dev/null || echo "$ARTICLES") articles — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($CPU_MODEL); PostgreSQL primary + streaming replica, redis-server, nginx round-robin, all on loopback." \
       "Output cache on (in Redis). Commit $COMMIT. wrk -t$THREADS -c$CONNECTIONS -d$DURATION through nginx;" \
       "server CPU is the API processes' (both, for two instances)."
  echo
  echo "| scenario | requests/s | p50 ms | p99 ms | errors | server CPU µs/request |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for name in "${ORDER[@]}"; do
    echo "| $name | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | ${ERRS[$name]} | ${CPU[$name]} |"
  done
  echo
  echo "Write on instance A, read on instance B until the new title shows, $count edits while S1 and S4 load both" \
       "instances through nginx: p50 $p50_ms ms, p99 $p99_ms ms, max $max_ms ms; $first_read visible on the first read after" \
       "the acknowledgement; reads that went back to an older title: $reverted; errors (5xx or never visible): $errors."
  echo "S7 created $CREATED draft articles (deleted afterwards). Errors over all scenarios: $TOTAL_ERRORS."
} >"$REPORT"

log "Results"
cat "$REPORT"
RESULTS=$BENCH/RESULTS.md
BEGIN_MARK="<!-- bench:scaleout:articles=$ARTICLES -->"
END_MARK="<!-- /bench:scaleout:articles=$ARTICLES -->"
if grep -qF "$BEGIN_MARK" "$RESULTS"; then
  awk -v begin="$BEGIN_MARK" -v end="$END_MARK" -v report="$REPORT" '
    $0 == begin { print; while ((getline line < report) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$RESULTS" >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
else
  { echo; echo "$BEGIN_MARK"; cat "$REPORT"; echo "$END_MARK"; } >>"$RESULTS"
fi
echo "Written to bench/RESULTS.md" >&2
