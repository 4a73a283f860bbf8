#!/usr/bin/env bash
# Runs every test suite against the binaries of each BUILD directory given
# (default: build; a directory named *asan* runs with the sanitizers' options)
# and ends with one line: "N passed, N failed". Every suite speaks TAP: cmocka
# unit binaries, the store conformance binaries (on SQLite and on a
# throw-away PostgreSQL cluster this script starts and always stops), and
# the scripts in tests/suites/ (CLI, API over real HTTP, parser goldens,
# browser). A suite that exits non-zero without reporting a failure counts
# as one failure.
set -u
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -gt 0 ] || set -- build
# A developer's subset (tests/suites/api.sh) never narrows the whole run.
unset HN_API_ONLY
export HN_ROOT="$root"
export HN_TMP="$(mktemp -d /tmp/hn-test.XXXXXX)"
chmod 755 "$HN_TMP"
log="$HN_TMP/tap.log"
passed=0 failed=0 failures=()

cleanup() {
  bash "$root/scripts/pg-test.sh" stop "$HN_TMP/pg" >/dev/null 2>&1 || true
  rm -rf "$HN_TMP"
}
trap cleanup EXIT INT TERM

run_suite() { # name, command...
  local name="$1"; shift
  local out="$HN_TMP/suite.out"
  echo "# suite: $name"
  "$@" >"$out" 2>&1
  local rc=$?
  cat "$out" >>"$log"
  local ok nok
  ok=$(grep -cE '^ok [0-9]+' "$out")
  nok=$(grep -cE '^not ok [0-9]+' "$out")
  grep -E '^(not ok|# fail|Bail out)' "$out" | sed 's/^/  /'
  if [ "$rc" -ne 0 ] && [ "$nok" -eq 0 ]; then
    nok=1
    echo "  not ok - $name exited $rc without a failing test:"; tail -n 20 "$out" | sed 's/^/    /'
  fi
  if [ "$ok" -eq 0 ] && [ "$nok" -eq 0 ]; then
    nok=1; echo "  not ok - $name ran no test"; tail -n 20 "$out" | sed 's/^/    /'
  fi
  echo "  $ok passed, $nok failed"
  passed=$((passed + ok)); failed=$((failed + nok))
  [ "$nok" -eq 0 ] || failures+=("$name")
}

# PostgreSQL: a real server, never skipped.
if HN_PG_URL="$(bash "$root/scripts/pg-test.sh" start "$HN_TMP/pg")"; then
  export HN_PG_URL
else
  echo "not ok - cannot start the throw-away PostgreSQL cluster"
  failed=$((failed + 1)); failures+=("postgresql")
fi

run_build() { # BUILD-DIR LABEL
  local build="$1" label="$2"
  export HN_BUILD="$build" HN_BIN="$build/hazardnet"
  if [ "$label" = asan ]; then
    export HN_SANITIZED=1
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
    export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}"
  else
    unset HN_SANITIZED
  fi
  export CMOCKA_MESSAGE_OUTPUT=TAP
  for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    name="$(basename "$t") [$label]"
    case "$name" in
      test_store_*)
        run_suite "$name (sqlite)" env HN_STORE=sqlite "$t"
        if [ -n "${HN_PG_URL:-}" ]; then
          run_suite "$name (postgresql)" env HN_STORE=pg "$t"
        else
          failed=$((failed + 1)); failures+=("$name (postgresql)")
        fi ;;
      *) run_suite "$name" "$t" ;;
    esac
  done
  unset CMOCKA_MESSAGE_OUTPUT
  for s in "$root"/tests/suites/*.sh; do
    [ -f "$s" ] || continue
    run_suite "$(basename "$s" .sh) [$label]" bash "$s"
  done
}

for b in "$@"; do
  case "$b" in /*) ;; *) b="$root/$b" ;; esac
  case "$(basename "$b")" in *asan*) run_build "$b" asan ;; *) run_build "$b" plain ;; esac
done

if [ ${#failures[@]} -gt 0 ]; then
  echo "# failing suites: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
