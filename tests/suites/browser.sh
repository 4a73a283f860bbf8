#!/usr/bin/env bash
# Browser end-to-end suite: a fresh data directory with the demo data and a
# server on a free loopback port, then tests/browser/*.test.mjs in Debian's Chromium through
# playwright-core (web/node_modules). Prints TAP. Skips nothing: a missing
# browser, binary or npm package is a failure.
#
# Env: HN_BIN (server binary), HN_ROOT (repo root), HN_TMP (scratch dir),
#      HN_BROWSER_ONLY (optional, while developing: space-separated test
#      names, e.g. "inspections shell"; make test never sets it).
set -u
root="${HN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
bin="${HN_BIN:-$root/build/hazardnet}"
tmp="${HN_TMP:-${TMPDIR:-/tmp}}"
chromium=/usr/bin/chromium
password='secret-pass-1'

bail() { # message [log file]
  echo "1..1"
  echo "not ok 1 - browser suite set-up: $1"
  [ -n "${2:-}" ] && [ -f "$2" ] && tail -n 30 "$2" | sed 's/^/# /'
  exit 1
}

[ -x "$chromium" ] || bail "no $chromium (apt-get install chromium)"
command -v node >/dev/null 2>&1 || bail "no node"
command -v curl >/dev/null 2>&1 || bail "no curl"
[ -x "$bin" ] || bail "no server binary at $bin"
[ -f "$root/web/node_modules/playwright-core/package.json" ] \
  || bail "web/node_modules is missing: run 'make setup' (npm ci in web/)"

work="$(mktemp -d "$tmp/browser.XXXXXX")" || bail "cannot make a scratch directory in $tmp"
data="$work/data"
pid=""
stop_server() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  pid=""
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM

"$bin" init --data "$data" >"$work/init.log" 2>&1 || bail "hazardnet init failed" "$work/init.log"
"$bin" region import --data "$data" >"$work/region.log" 2>&1 || bail "hazardnet region import failed" "$work/region.log"
# `init` may already have made a first admin with a random password: then
# set the known password on it instead.
if ! printf '%s\n' "$password" | "$bin" user add admin --role admin --password-stdin --data "$data" >"$work/user.log" 2>&1; then
  printf '%s\n' "$password" | "$bin" user passwd admin --password-stdin --data "$data" >>"$work/user.log" 2>&1 \
    || bail "hazardnet user add / user passwd admin failed" "$work/user.log"
fi

# The demo data set (a city, its departments and enterprises, one user per
# role with the password hazardnet-demo) for the hazard pages' test. 'admin'
# exists already and keeps its password.
"$bin" demo --no-serve --data "$data" >"$work/demo.log" 2>&1 || bail "hazardnet demo --no-serve failed" "$work/demo.log"

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')" \
  || bail "cannot find a free port"
url="http://127.0.0.1:$port"

# The server runs from the repository root so that it finds web/ however it
# looks for it (relative path or its share directory).
(cd "$root" && exec "$bin" serve --data "$data" --listen "127.0.0.1:$port") >"$work/server.log" 2>&1 &
pid=$!

up=""
for _ in $(seq 150); do   # up to 30 s (ASan builds start slowly)
  kill -0 "$pid" 2>/dev/null || bail "server exited during start" "$work/server.log"
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/healthz")"
  if [ "$code" = "200" ]; then up=1; break; fi
  sleep 0.2
done
[ -n "$up" ] || bail "server did not answer GET /healthz with 200 within 30 s" "$work/server.log"

files=("$root"/tests/browser/*.test.mjs)
if [ -n "${HN_BROWSER_ONLY:-}" ]; then
  files=()
  for only in $HN_BROWSER_ONLY; do files+=("$root/tests/browser/$only.test.mjs"); done
fi
HN_URL="$url" HN_TMP="$tmp" HN_ADMIN_PASSWORD="$password" HN_DEMO_PASSWORD=hazardnet-demo PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
  node --test --test-reporter=tap "${files[@]}"
rc=$?
if [ "$rc" -ne 0 ]; then
  echo "# server log (last 30 lines):"
  tail -n 30 "$work/server.log" | sed 's/^/#   /'
fi
stop_server
exit "$rc"
