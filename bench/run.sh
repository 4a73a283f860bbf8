#!/usr/bin/env bash
# bench/run.sh [sqlite|pg] — load test of hazardnet against the issue's targets.
#
# Builds, makes a fresh store (SQLite data directory, or a database in a
# throw-away PostgreSQL cluster), fills it with `hazardnet gen`, serves it on
# a free 127.0.0.1 port and measures with wrk (bench/*.lua):
#   (a) POST /api/v1/hazards, 16 keep-alive connections: rate and non-201s;
#       then durability: count, kill -9 the server, restart, count again;
#   (b) GET /api/v1/hazards?status=rectifying&sort=deadline&limit=50, city-wide
#       and for one county: latency at 1 connection and at 16;
#   (c) GET /api/v1/stats/hazards for the city: the same;
#   (d) one GET /api/v1/exports/hazards.xlsx of >= 100,000 rows: time, unzip -t;
#   (e) the server's resident memory after all that (VmRSS, peak VmHWM).
# With BENCH_ANALYZE=1 (default) (b) and (c) run again after ANALYZE, which
# hazardnet does not run itself, to show what the planner statistics change.
#
# Environment (defaults in brackets):
#   BENCH_ENTERPRISES [20000]  BENCH_HAZARDS [1000000]  BENCH_SEED [1]
#   BENCH_DURATION [20]        seconds per wrk run
#   BENCH_THREADS [16]         HAZARDNET_SERVER_THREADS of the server
#   BENCH_WORK [mktemp]        work directory (data, logs, results.txt)
#   BENCH_CACHE [none]         a directory where generated SQLite databases
#                              are kept and reused (same sizes, seed and day;
#                              migrated by `init` when the schema moved on)
#   BENCH_PG_LOAD [copy]       pg: copy = gen into SQLite, then
#                              bench/sqlite2pg.sh; gen = `gen --pg` (slow)
#   BENCH_KEEP [0]             1: keep the data after the run
#   BENCH_PROBE_MAX [300]      seconds one read request may take
#   BENCH_EXPORT_MAX [900]     seconds the export may take
#   BENCH_ANALYZE [1]          0: skip the after-ANALYZE runs
#   BENCH_ONLY [all]           create: stop after the create run (no kill -9,
#                              reads, export), as bench/floor.sh uses it
#   BENCH_BIN [build/hazardnet] the server to measure; when given, the tree
#                              is not built
# Only processes this script starts are stopped, by their PID.
set -euo pipefail

backend="${1:-sqlite}"
case "$backend" in sqlite|pg) ;; *) echo "usage: bench/run.sh [sqlite|pg]" >&2; exit 2 ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${BENCH_BIN:-$root/build/hazardnet}"
E="${BENCH_ENTERPRISES:-20000}"
M="${BENCH_HAZARDS:-1000000}"
SEED="${BENCH_SEED:-1}"
DUR="${BENCH_DURATION:-20}"
THREADS="${BENCH_THREADS:-16}"
WORK="${BENCH_WORK:-$(mktemp -d /tmp/hazardnet-bench.XXXXXX)}"
mkdir -p "$WORK"
chmod 755 "$WORK" # the PostgreSQL cluster under it runs as the postgres user
ANALYZE="${BENCH_ANALYZE:-1}"
PROBE_MAX="${BENCH_PROBE_MAX:-300}"
EXPORT_MAX="${BENCH_EXPORT_MAX:-900}"
ADMIN_PW="bench-admin-password"
USER_PW="bench-user-password"
TODAY="$(TZ=Asia/Shanghai date +%F)"
mkdir -p "$WORK"
RESULTS="$WORK/results.txt"
: >"$RESULTS"
export BENCH_LUA="$root/bench" BENCH_OUT="$RESULTS" BENCH_TODAY="$TODAY"
export HAZARDNET_AUTH_PASSWORD_COST=min HAZARDNET_SERVER_THREADS="$THREADS"
unset HAZARDNET_DATA HAZARDNET_PG HAZARDNET_CONFIG

server_pid=""
pg_dir=""
say() { printf 'bench: %s\n' "$*" >&2; }
note() { printf '%s\n' "$*" | tee -a "$RESULTS" >&2; }

# Stop our server: SIGTERM, then SIGKILL when requests still running keep
# it from exiting within 30 s.
stop_server() {
	[ -n "$server_pid" ] || return 0
	kill "$server_pid" 2>/dev/null || true
	for _ in $(seq 1 300); do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$server_pid" 2>/dev/null || true
	wait "$server_pid" 2>/dev/null || true
	server_pid=""
}

cleanup() {
	stop_server

	if [ -n "$pg_dir" ]; then
		bash "$root/scripts/pg-test.sh" stop "$pg_dir" || true
	fi
	if [ "${BENCH_KEEP:-0}" != 1 ]; then
		rm -rf "$WORK/data" "$WORK/pg" "$WORK/export.xlsx"
	fi
}
trap cleanup EXIT
trap 'say "failed at line $LINENO: $BASH_COMMAND"' ERR

command -v wrk >/dev/null || { say "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
for t in curl jq unzip python3; do
	command -v "$t" >/dev/null || { say "needs $t"; exit 1; }
done

# ---- build (the tree is shared: a half-written file may break it for a minute)
for try in 1 2 3 4 5; do
	[ -z "${BENCH_BIN:-}" ] || break
	if make -C "$root" -s >"$WORK/make.log" 2>&1; then break; fi
	[ "$try" = 5 ] && { cat "$WORK/make.log" >&2; exit 1; }
	say "build failed (try $try), retrying in 60 s"; sleep 60
done

# ---- the store
cache=""
if [ -n "${BENCH_CACHE:-}" ]; then
	mkdir -p "$BENCH_CACHE"
	cache="$BENCH_CACHE/sqlite-e$E-h$M-s$SEED-$TODAY.db"
fi

# A generated SQLite data directory in $1: from the cache, or init + region
# import + gen (then kept in the cache).
make_sqlite_data() {
	local dir="$1"
	rm -rf "$dir"
	mkdir -p "$dir"
	if [ -n "$cache" ] && [ -f "$cache" ]; then
		say "reusing $cache"
		cp "$cache" "$dir/hazardnet.db"
		# Others may have added migrations since: bring the copy up to date.
		"$bin" --data "$dir" init </dev/null >"$WORK/init.log"
		printf '%s\n' "$ADMIN_PW" | "$bin" --data "$dir" user passwd admin --password-stdin >>"$WORK/init.log"
		gen_note="reused $cache ($(cat "$BENCH_CACHE/$(basename "$cache" .db).note" 2>/dev/null || true))"
		return
	fi
	printf '%s\n' "$ADMIN_PW" | "$bin" --data "$dir" init --password-stdin >"$WORK/init.log"
	"$bin" --data "$dir" region import --only 540100000000 >>"$WORK/init.log"
	say "gen --enterprises $E --hazards $M --seed $SEED into SQLite (log: $WORK/gen.log)"
	/usr/bin/time -f "gen_cpu_s=%U+%S gen_wall_s=%e gen_maxrss_kb=%M" -o "$WORK/gen.time" \
		"$bin" --data "$dir" gen --enterprises "$E" --hazards "$M" --seed "$SEED" >"$WORK/gen.log"
	gen_note="$(tail -n 1 "$WORK/gen.log"); $(cat "$WORK/gen.time")"
	if [ -n "$cache" ]; then
		cp "$dir/hazardnet.db" "$cache.tmp" && mv "$cache.tmp" "$cache"
		printf '%s\n' "$gen_note" >"$BENCH_CACHE/$(basename "$cache" .db).note"
	fi
}

if [ "$backend" = sqlite ]; then
	make_sqlite_data "$WORK/data"
	store=(--data "$WORK/data")
else
	pg_dir="$WORK/pg"
	url="$(bash "$root/scripts/pg-test.sh" start "$pg_dir")"
	store=(--pg "$url")
	printf '%s\n' "$ADMIN_PW" | "$bin" --pg "$url" init --password-stdin >"$WORK/init.log"
	if [ "${BENCH_PG_LOAD:-copy}" = copy ]; then
		# gen over PostgreSQL is ~15 round trips a hazard: generate into
		# SQLite and copy the very same rows (bench/sqlite2pg.sh).
		make_sqlite_data "$WORK/src"
		t=$(date +%s)
		bash "$root/bench/sqlite2pg.sh" "$WORK/src/hazardnet.db" "$url" 2>"$WORK/copy.log"
		gen_note="$gen_note; copied into PostgreSQL by bench/sqlite2pg.sh in $(( $(date +%s) - t )) s"
		rm -rf "$WORK/src"
	else
		"$bin" --pg "$url" region import --only 540100000000 >>"$WORK/init.log"
		say "gen --enterprises $E --hazards $M --seed $SEED into PostgreSQL (log: $WORK/gen.log)"
		/usr/bin/time -f "gen_cpu_s=%U+%S gen_wall_s=%e gen_maxrss_kb=%M" -o "$WORK/gen.time" \
			"$bin" --pg "$url" gen --enterprises "$E" --hazards "$M" --seed "$SEED" >"$WORK/gen.log"
		gen_note="$(tail -n 1 "$WORK/gen.log"); $(cat "$WORK/gen.time")"
	fi
fi
note "backend=$backend enterprises=$E hazards=$M seed=$SEED today=$TODAY threads=$THREADS"
note "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
note "data: $gen_note"
if [ "$backend" = sqlite ]; then
	note "database size: $(du -sh "$WORK/data" | cut -f1)"
else
	note "database size: $(psql -Atq "$url" -c 'SELECT pg_size_pretty(pg_database_size(current_database()))')"
fi

# ---- the server
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
# Start the server and wait until it answers and its start-up run of the
# daily jobs (a write transaction over every overdue hazard) has finished, so
# that the measurements do not include it; say how long that took.
start_server() {
	local jobs_before t up=0
	jobs_before="$(grep -c 'deadlines:' "$WORK/server.log" 2>/dev/null || true)"
	t=$(date +%s%N)
	# Not through hn(): $! must be the server itself, not a subshell.
	"$bin" "${store[@]}" serve --listen "127.0.0.1:$port" >>"$WORK/server.log" 2>&1 &
	server_pid=$!
	for _ in $(seq 1 6000); do
		kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
		if [ "$up" = 0 ] && curl -fs "$base/healthz" >/dev/null 2>&1; then up=1; fi
		if [ "$up" = 1 ] && [ "$(grep -c 'deadlines:' "$WORK/server.log")" -gt "${jobs_before:-0}" ]; then
			note "server up, start-up jobs done after $(( ($(date +%s%N) - t) / 1000000 )) ms: $(grep 'deadlines:' "$WORK/server.log" | tail -n 1)"
			return 0
		fi
		sleep 0.1
	done
	say "server did not come up (or its jobs did not finish) within 600 s"; exit 1
}
start_server
say "server pid $server_pid on $base"

login() {
	curl -fs -H 'Content-Type: application/json' \
		-d "$(jq -nc --arg l "$1" --arg p "$2" '{login: $l, password: $p}')" \
		"$base/api/v1/session" | jq -r .token
}
api() { # api TOKEN PATH
	curl -fs --max-time "$PROBE_MAX" -H "Authorization: Bearer $1" "$base$2"
}

# Users: an office user sees the whole city; a regulator of the 应急管理局
# reports hazards (an office may not) for the enterprises of its industries.
admin="$(login admin "$ADMIN_PW")"
[ -n "$admin" ] && [ "$admin" != null ] || { say "admin login failed"; exit 1; }
office_org="$(api "$admin" '/api/v1/orgs?kind=office&region=540100000000&limit=500' |
	jq -r '[.items[] | select(.region_code == "540100000000")][0].id')"
dept_org="$(api "$admin" "/api/v1/orgs?kind=department&region=540100000000&q=$(jq -rn --arg q 拉萨市应急管理局 '$q|@uri')&limit=500" |
	jq -r '[.items[] | select(.name == "拉萨市应急管理局")][0].id')"
for u in "bench-office office $office_org" "bench-regulator regulator $dept_org"; do
	set -- $u
	curl -s -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
		-d "$(jq -nc --arg l "$1" --arg r "$2" --argjson o "$3" --arg p "$USER_PW" \
			'{login: $l, name: "基准测试", role: $r, org_id: $o, password: $p}')" \
		"$base/api/v1/users"
done
office="$(login bench-office "$USER_PW")"
regulator="$(login bench-regulator "$USER_PW")"
[ "$office" != null ] && [ "$regulator" != null ] || { say "bench users cannot log in"; exit 1; }

# Enterprise ids the regulator may report for.
ids="$WORK/enterprise-ids.txt"
: >"$ids"
cursor=""
while [ "$(wc -l <"$ids")" -lt 5000 ]; do
	page="$(api "$regulator" "/api/v1/orgs?kind=enterprise&limit=500${cursor:+&cursor=$cursor}")"
	jq -r '.items[] | select(.status == "operating") | .id' <<<"$page" >>"$ids"
	cursor="$(jq -r '.next // empty' <<<"$page")"
	[ -n "$cursor" ] || break
done
say "$(wc -l <"$ids") enterprise ids for the regulator"
export BENCH_IDS="$ids"

count() { api "$office" '/api/v1/hazards?limit=1' | jq -r .total; }

run_wrk() { # run_wrk NAME TOKEN CONNECTIONS SCRIPT [PATH]
	local threads=2
	[ "$3" -ge 2 ] || threads=1
	BENCH_NAME="$1" BENCH_TOKEN="$2" BENCH_PATH="${5:-/}" \
		wrk -t"$threads" -c"$3" -d"${DUR}s" --timeout 30s -s "$root/bench/$4" "$base" \
		>"$WORK/wrk-$1.log" 2>&1 || { cat "$WORK/wrk-$1.log" >&2; exit 1; }
	grep '^RESULT' "$WORK/wrk-$1.log" >&2
}

# The group commit's counters from /metrics, one "name value" a line.
write_counters() {
	curl -fs "$base/metrics" | awk '/^hazardnet_write_/ {
		name = $1; sub(/\{stage="/, "_", name); sub(/"\}/, "", name); print name, $2 }'
}
# Where the creates' time went, from the counters' growth over the run:
# writes per batch, each write's wait for its batch to begin, and each
# batch's stages (writer = held back by the checkpointer), in ms.
write_stages() { # write_stages BEFORE_FILE AFTER_FILE
	awk 'NR == FNR { was[$1] = $2; next } { d[$1] = $2 - was[$1] }
	END {
		b = d["hazardnet_write_batches_total"]; n = d["hazardnet_write_requests_total"]
		if (b == 0) { print "WRITES none"; exit }
		printf "WRITES batches=%d writes=%d per_batch=%.2f failed=%d queue_ms=%.3f per batch: writer_ms=%.3f statements_ms=%.3f commit_ms=%.3f flush_ms=%.3f\n",
			b, n, n / b, d["hazardnet_write_failed_batches_total"],
			1000 * d["hazardnet_write_queue_seconds_total"] / n,
			1000 * d["hazardnet_write_batch_seconds_total_writer"] / b,
			1000 * d["hazardnet_write_batch_seconds_total_statements"] / b,
			1000 * d["hazardnet_write_batch_seconds_total_commit"] / b,
			1000 * d["hazardnet_write_batch_seconds_total_flush"] / b
	}' "$1" "$2"
}

# CPU time in clock ticks: the server's (all its threads, user + system),
# then the whole machine's busy and total.
cpu_ticks() {
	local own
	own="$(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")"
	awk -v own="$own" '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9
		print own, busy, busy + $5 + $6 }' /proc/stat
}
# Where the CPU went over a run, per write: the server's share, everything
# else's (wrk, mostly) and how busy the machine was.
cpu_per_write() { # cpu_per_write BEFORE AFTER WRITES
	awk -v hz="$(getconf CLK_TCK)" -v n="$3" -v a="$2" 'BEGIN { split(a, x, " ") }
	{ own = x[1] - $1; busy = x[2] - $2; total = x[3] - $3
	  printf "CPU writes=%d server_us_per_write=%.0f others_us_per_write=%.0f machine_busy=%.0f%%\n",
		n, own * 1e6 / hz / n, (busy - own) * 1e6 / hz / n, 100 * busy / total }' <<<"$1"
}

# ---- (a) creation, then durability
before="$(count)"
write_counters >"$WORK/writes-before"
cpu_before="$(cpu_ticks)"
run_wrk create "$regulator" 16 create.lua
cpu_after="$(cpu_ticks)"
sleep 1 # let requests still in flight when wrk stopped finish
write_counters >"$WORK/writes-after"
created="$(grep '^RESULT create ' "$RESULTS" | tail -n 1 | sed 's/.* ok=\([0-9]*\).*/\1/')"
note "$(write_stages "$WORK/writes-before" "$WORK/writes-after")"
note "$(cpu_per_write "$cpu_before" "$cpu_after" "$created")"
[ "${BENCH_ONLY:-all}" != create ] || exit 0
after="$(count)"
kill -9 "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
start_server
restarted="$(count)"
verdict="durable"
[ "$restarted" = "$after" ] || verdict="LOST $((after - restarted)) after kill -9"
[ "$restarted" -ge $((before + created)) ] || verdict="LOST: fewer than acknowledged"
note "DURABILITY before=$before acknowledged_201=$created counted=$after after_kill9_restart=$restarted unacknowledged_in_flight=$((restarted - before - created)) => $verdict"

# ---- (b) (c) reads
county="$(api "$office" '/api/v1/regions?parent=540100000000' | jq -r '.items[0].code')"
# Up to three sequential requests, timed, stopping at the first that takes
# more than a tenth of a run: a server that needs seconds a request would
# only pile up a backlog under wrk (it finishes requests whose clients have
# gone). Returns 0 when the endpoint is fast enough for the wrk runs.
probe() { # probe NAME TOKEN PATH
	local out code t times=""
	for i in 1 2 3; do
		out="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time "$PROBE_MAX" \
			-H "Authorization: Bearer $2" "$base$3" || true)"
		code="${out%% *}"; t="${out#* }"; times="$times $t"
		if [ "$code" != 200 ]; then
			note "PROBE $1 $3: status $code after $t s (limit $PROBE_MAX s) => not load-tested"
			return 1
		fi
		if awk -v t="$t" -v d="$DUR" 'BEGIN { exit !(t > d / 10) }'; then
			note "PROBE $1 $3: sequential seconds$times => too slow for a load test"
			return 1
		fi
	done
	note "PROBE $1 $3: sequential seconds$times"
}

reads() { # reads SUFFIX
	local list="/api/v1/hazards?status=rectifying&sort=deadline&limit=50"
	if probe "list-city$1" "$office" "$list"; then
		run_wrk "list-city-c1$1" "$office" 1 get.lua "$list"
		run_wrk "list-city-c16$1" "$office" 16 get.lua "$list"
	fi
	if probe "list-county$1" "$office" "$list&region=$county"; then
		run_wrk "list-county-c1$1" "$office" 1 get.lua "$list&region=$county"
		run_wrk "list-county-c16$1" "$office" 16 get.lua "$list&region=$county"
	fi
	if probe "stats-city$1" "$office" "/api/v1/stats/hazards"; then
		run_wrk "stats-city-c1$1" "$office" 1 get.lua "/api/v1/stats/hazards"
		run_wrk "stats-city-c16$1" "$office" 16 get.lua "/api/v1/stats/hazards"
	fi
}
reads ""

# ---- (d) export: the smallest county with at least 100,000 hazards, else the city
export_region=""
export_rows="$(count)"
for c in $(api "$office" '/api/v1/regions?parent=540100000000' | jq -r '.items[].code'); do
	# The time is curl's, from connecting to the last byte: not the
	# start-up of curl and jq, which took about 55 ms here.
	t="$(curl -fs -o "$WORK/count.json" -w '%{time_total}' --max-time "$PROBE_MAX" \
		-H "Authorization: Bearer $office" "$base/api/v1/hazards?region=$c&limit=1")"
	n="$(jq -r .total "$WORK/count.json")"
	note "COUNT region=$c total=$n in $(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }') ms (GET /api/v1/hazards?region=...&limit=1)"
	if [ "$n" -ge 100000 ] && [ "$n" -lt "$export_rows" ]; then export_region="$c"; export_rows="$n"; fi
done
xurl="/api/v1/exports/hazards.xlsx${export_region:+?region=$export_region}"
xout="$(curl -s -o "$WORK/export.xlsx" -w '%{http_code} %{time_total} %{size_download}' \
	--max-time "$EXPORT_MAX" -H "Authorization: Bearer $office" "$base$xurl" || true)"
set -- $xout
xcheck="unzip -t failed"
unzip -tq "$WORK/export.xlsx" >/dev/null 2>&1 && xcheck="unzip -t ok"
xrows="$(unzip -p "$WORK/export.xlsx" xl/worksheets/sheet1.xml 2>/dev/null | grep -o '<row ' | wc -l || true)"
note "EXPORT $xurl status=$1 seconds=$2 bytes=$3 expected_rows=$export_rows sheet_rows=$((xrows - 1)) $xcheck"

# ---- (e) memory
note "RSS $(awk '/VmRSS|VmHWM/ {printf "%s=%.0fMB ", $1, $2/1024}' "/proc/$server_pid/status")(after the load above)"

# ---- after ANALYZE
if [ "$ANALYZE" = 1 ]; then
	if [ "$backend" = sqlite ]; then
		stop_server
		t=$(date +%s%N); sqlite3 "$WORK/data/hazardnet.db" 'ANALYZE;'
		note "ANALYZE took $(( ($(date +%s%N) - t) / 1000000 )) ms (sqlite3 client; hazardnet has no command for it)"
		start_server
	else
		t=$(date +%s%N); psql -q "$url" -c 'ANALYZE;'
		note "ANALYZE took $(( ($(date +%s%N) - t) / 1000000 )) ms (psql)"
	fi
	reads "-analyzed"
fi
note "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
say "results in $RESULTS"
cat "$RESULTS"
