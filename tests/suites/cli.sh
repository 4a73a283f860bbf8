#!/usr/bin/env bash
# The command line: exit codes, help, global options anywhere, configuration
# precedence, init idempotence, users, the audit chain against tampering, and
# backup/restore round trips — on SQLite and on PostgreSQL. Prints TAP.
set -u
: "${HN_BIN:?}" "${HN_ROOT:?}" "${HN_TMP:?}"
export HAZARDNET_AUTH_PASSWORD_COST=min
T="$HN_TMP/cli"
rm -rf "$T"; mkdir -p "$T"
n=0 fails=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/# /'; }
# check NAME EXPECTED_EXIT CMD... : runs CMD, compares its exit status
check() {
  local name="$1" want="$2"; shift 2
  local out rc
  out="$("$@" 2>&1)"; rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$name"; else nok "$name" "exit $rc, wanted $want: $out"; fi
  LAST="$out"
}
has() { # has NAME PATTERN : the last output matches
  if printf '%s' "$LAST" | grep -q -- "$2"; then ok "$1"; else nok "$1" "no '$2' in: $LAST"; fi
}

H="$HN_BIN"
D="$T/data"

check "no command exits 2" 2 "$H"
check "unknown command exits 2" 2 "$H" frobnicate
has "unknown command points to help" "hazardnet help"
check "help lists commands" 0 "$H" help
has "help names init" "init"
for c in init serve demo plan region user backup restore audit version; do
  check "$c --help exits 0" 0 "$H" "$c" --help
  has "$c --help shows usage" "usage: hazardnet $c"
done
check "help of an unknown command fails" 1 "$H" help nope
check "bad flag to init exits 2" 2 "$H" init --bogus --data "$D"
check "global option without value exits 2" 2 "$H" init --data
check "a command needing a database refuses an empty one" 1 "$H" user list --data "$T/empty"
has "and says to run init" "hazardnet init"

check "init creates the database and the first admin" 0 sh -c "printf 'first-pass-1\n' | '$H' init --password-stdin --data '$D'"
has "init names the admin" "created admin 'admin'"
check "init again is harmless" 0 "$H" init --data "$D"
has "init again applies nothing" "0 migrations applied"
if printf '%s' "$LAST" | grep -q "created admin"; then nok "init again creates no second admin"; else ok "init again creates no second admin"; fi
check "init with a too short admin password fails" 1 sh -c "printf 'short\n' | '$H' init --password-stdin --data '$T/d2'"

check "global options are accepted after command arguments" 0 sh -c "printf 'second-pass-2\n' | '$H' user add root2 --role admin --password-stdin --data '$D'"
check "--data=DIR form works" 0 "$H" user list --data="$D"
has "user list shows the new user" "root2"
check "user add refuses an unknown role" 2 sh -c "printf 'x-pass-123\n' | '$H' user add u1 --role boss --password-stdin --data '$D'"
check "user add refuses an enterprise user without org" 1 sh -c "printf 'x-pass-123\n' | '$H' user add u1 --role enterprise --password-stdin --data '$D'"
check "user add refuses a duplicate login" 1 sh -c "printf 'x-pass-123\n' | '$H' user add root2 --role admin --password-stdin --data '$D'"
has "and says the login is taken" "taken"
check "user add refuses a weak password" 1 sh -c "printf 'aaaaaaaaaa\n' | '$H' user add u2 --role admin --password-stdin --data '$D'"
check "user add needs --password-stdin" 2 "$H" user add u3 --role admin --data "$D"
check "user passwd changes a password" 0 sh -c "printf 'third-pass-3\n' | '$H' user passwd root2 --password-stdin --data '$D'"
check "user passwd of an unknown login fails" 1 sh -c "printf 'third-pass-3\n' | '$H' user passwd nobody --password-stdin --data '$D'"

# Configuration precedence: file < environment < flag.
mkdir -p "$T/cfg"
printf '[store]\ndata = %s\n' "$T/from-file" >"$T/cfg/a.ini"
check "config file sets the data directory" 0 "$H" init --config "$T/cfg/a.ini"
if [ -f "$T/from-file/hazardnet.db" ]; then ok "config file's data directory used"; else nok "config file's data directory used"; fi
check "environment overrides the file" 0 env HAZARDNET_DATA="$T/from-env" "$H" init --config "$T/cfg/a.ini"
if [ -f "$T/from-env/hazardnet.db" ]; then ok "environment's data directory used"; else nok "environment's data directory used"; fi
check "flag overrides the environment" 0 env HAZARDNET_DATA="$T/from-env" "$H" init --config "$T/cfg/a.ini" --data "$T/from-flag"
if [ -f "$T/from-flag/hazardnet.db" ]; then ok "flag's data directory used"; else nok "flag's data directory used"; fi
printf '[server]\nlisten = 1.2.3.4:80\nthreds = 4\n' >"$T/cfg/bad.ini"
check "a misspelt configuration key is refused" 1 "$H" init --config "$T/cfg/bad.ini"
has "naming the key" "server.threds"
check "a bad environment value is refused" 1 env HAZARDNET_SERVER_THREADS=lots "$H" init --data "$D"
check "a missing config file is refused" 1 "$H" init --config "$T/cfg/none.ini"
printf '[inspect]\nyellow_months = 7\n' >"$T/cfg/months.ini"
check "an inspection frequency that does not divide 12 is refused" 1 "$H" init --config "$T/cfg/months.ini"
has "naming the key and the rule" "'inspect.yellow_months' must be 0 .*divide 12"
check "and so is one from the environment" 1 env HAZARDNET_INSPECT_RED_MONTHS=5 "$H" init --data "$D"
has "naming that key" "'inspect.red_months'"
check "a frequency that divides 12 is taken" 0 env HAZARDNET_INSPECT_RED_MONTHS=1 HAZARDNET_INSPECT_BLUE_MONTHS=12 "$H" init --data "$D"

check "region import from a wrong directory fails" 1 "$H" region import --from "$T/nowhere" --data "$D"
check "region import of one city" 0 "$H" region import --only 540100000000 --data "$D"
check "demo data loads" 0 "$H" demo --no-serve --data "$D"
has "demo prints the logins" "Demo logins"
check "demo data loads only once" 0 "$H" demo --no-serve --data "$D"
has "second demo says so" "already loaded"
# The demo holds the 徐泾镇 plan, published, with months of progress reports.
demo_q() { sqlite3 "$D/hazardnet.db" "$1" 2>&1; }
v="$(demo_q "SELECT COUNT(*) FROM plans WHERE status = 1 AND title LIKE '徐泾镇安全生产治本攻坚三年行动方案%'")"
if [ "$v" = 1 ]; then ok "demo has the published 徐泾镇 plan"; else nok "demo has the published 徐泾镇 plan" "published plans: $v"; fi
v="$(demo_q "SELECT COUNT(*) FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.title LIKE '徐泾镇%'")"
if [ "${v:-0}" -gt 0 ] 2>/dev/null; then ok "demo plan has tasks"; else nok "demo plan has tasks" "tasks: $v"; fi
v="$(demo_q "SELECT COUNT(DISTINCT period) FROM task_reports")"
if [ "${v:-0}" -ge 2 ] 2>/dev/null; then ok "demo has progress reports in at least two months"; else nok "demo has progress reports in at least two months" "months: $v"; fi
v="$(demo_q "SELECT COUNT(*) FROM task_reports WHERE late = 1")"
if [ "${v:-0}" -gt 0 ] 2>/dev/null; then ok "demo has some late reports"; else nok "demo has some late reports" "late: $v"; fi
v="$(demo_q "SELECT COUNT(*) FROM tasks WHERE NOT EXISTS (SELECT 1 FROM task_reports r WHERE r.task_id = tasks.id)")"
if [ "${v:-0}" -gt 0 ] 2>/dev/null; then ok "demo has tasks never reported on"; else nok "demo has tasks never reported on" "unreported: $v"; fi
v="$(demo_q "SELECT COUNT(*) FROM plans")"
if [ "$v" = 1 ]; then ok "a second demo adds no second plan"; else nok "a second demo adds no second plan" "plans: $v"; fi
# Its hazards: three years of them in every state, and a few moved by its users.
v="$(demo_q "SELECT COUNT(DISTINCT status) || ' ' || MIN(found_at) || ' ' || MAX(found_at) FROM hazards")"
set -- $v
if [ "${1:-0}" = 5 ] && [[ "${2:-}" < "$(date -d '-2 years' +%F)" ]]; then ok "demo has hazards in every state over three years"; else nok "demo has hazards in every state over three years" "states, first, last found: $v"; fi
v="$(demo_q "SELECT group_concat(e.event || ':' || e.actor, ' ') FROM hazards h JOIN hazard_events e ON e.hazard_id = h.id WHERE h.grade = 1 AND h.status = 2 AND h.listing_level > 0 AND e.actor_id <> 0 GROUP BY h.id")"
if [ "$v" = "report:enterprise plan:enterprise list:regulator submit:enterprise" ]; then ok "demo has a listed major hazard its users moved to acceptance"; else nok "demo has a listed major hazard its users moved to acceptance" "events: $v"; fi
v="$(demo_q "SELECT COUNT(*) FROM hazards WHERE rejections > 0 AND status = 1 AND id IN (SELECT hazard_id FROM hazard_events WHERE event = 'reject' AND actor_id <> 0)")"
if [ "$v" = 1 ]; then ok "demo has a hazard its regulator sent back"; else nok "demo has a hazard its regulator sent back" "sent back: $v"; fi
v="$(demo_q "SELECT COUNT(*) FROM hazards")"
if [ "$v" = 2004 ]; then ok "a second demo adds no hazards"; else nok "a second demo adds no hazards" "hazards: $v"; fi
check "demo data passes audit verify" 0 "$H" audit verify --data "$D"

SEEDS="$HN_ROOT/../shared/seeds"
check "plan import keeps a seed plan as a draft" 0 "$H" plan import "$SEEDS/002_fcd541653ffc038f.txt" --region 540100000000 --data "$D"
has "plan import names the plan and its nodes" "徐泾镇安全生产治本攻坚三年行动方案.*nodes, draft"
check "plan import needs --region" 2 "$H" plan import "$SEEDS/002_fcd541653ffc038f.txt" --data "$D"
check "plan import refuses a malformed region" 2 "$H" plan import "$SEEDS/002_fcd541653ffc038f.txt" --region 5401 --data "$D"
check "plan import of a missing file fails" 1 "$H" plan import "$T/none.txt" --region 540100000000 --data "$D"
check "plan import into no database fails" 1 "$H" plan import "$SEEDS/002_fcd541653ffc038f.txt" --region 540100000000 --data "$T/nodb"
has "and says to run init" "hazardnet init"

# --- the audit chain ---------------------------------------------------
tamper_suite() { # BACKEND ARGS-FOR-HAZARDNET SQL-RUNNER...
  local be="$1" args="$2"; shift 2
  check "$be: audit verify passes on untouched data" 0 $H audit verify $args
  has "$be: verify counts events" "events verified"
  "$@" "UPDATE orgs SET name = name || 'X' WHERE id = (SELECT MIN(id) FROM orgs WHERE kind = 3)" >/dev/null 2>&1
  check "$be: verify fails after an org row is edited behind its back" 1 $H audit verify $args
  has "$be: verify names the edited row" "row edited outside hazardnet"
  "$@" "UPDATE orgs SET name = substr(name, 1, length(name) - 1) WHERE id = (SELECT MIN(id) FROM orgs WHERE kind = 3)" >/dev/null 2>&1
  check "$be: verify passes again once the row is put back" 0 $H audit verify $args
  "$@" "INSERT INTO hazard_counts (lvl, kind, yr, region_code, industry_id, k, n, found, closed, live, overdue, on_time, extended, major, days) VALUES (0, 0, 1999, '540102000000', 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0)" >/dev/null 2>&1
  check "$be: verify fails when a maintained hazard count is off" 1 $H audit verify $args
  has "$be: verify names the counts" "hazard counts: 1 count row disagree"
  "$@" "DELETE FROM hazard_counts WHERE lvl = 0 AND kind = 0 AND yr = 1999 AND region_code = '540102000000' AND industry_id = 0 AND k = 0" >/dev/null 2>&1
  check "$be: verify passes once the count is removed" 0 $H audit verify $args
  "$@" "UPDATE risk_points SET level = 0 WHERE id = (SELECT MIN(id) FROM risk_points)" >/dev/null 2>&1
  check "$be: verify fails after a risk point's level is edited behind its back" 1 $H audit verify $args
  has "$be: verify names the risk point" "risk_point.*row edited outside hazardnet"
  "$@" "UPDATE risk_points SET level = 3 WHERE id = (SELECT MIN(id) FROM risk_points)" >/dev/null 2>&1
  check "$be: verify passes again once the risk point is put back" 0 $H audit verify $args
  "$@" "UPDATE inspections SET summary = summary || 'X' WHERE id = (SELECT MIN(id) FROM inspections)" >/dev/null 2>&1
  check "$be: verify fails after an inspection is edited behind its back" 1 $H audit verify $args
  has "$be: verify names the inspection" "inspection.*row edited outside hazardnet"
  "$@" "UPDATE inspections SET summary = substr(summary, 1, length(summary) - 1) WHERE id = (SELECT MIN(id) FROM inspections)" >/dev/null 2>&1
  check "$be: verify passes again once the inspection is put back" 0 $H audit verify $args
  "$@" "UPDATE audit_events SET actor = 'mallory' WHERE seq = 3" >/dev/null 2>&1
  check "$be: verify fails after an audit event is edited" 1 $H audit verify $args
  has "$be: verify names the edited event" "hash mismatch"
  "$@" "UPDATE audit_events SET actor = 'system' WHERE seq = 3" >/dev/null 2>&1
  "$@" "DELETE FROM audit_events WHERE id = (SELECT MAX(id) FROM audit_events WHERE object_type = 'org')" >/dev/null 2>&1
  check "$be: verify fails after an audit event is removed" 1 $H audit verify $args
  has "$be: verify reports the removal" "removed"
}

sq() { sqlite3 "$D/hazardnet.db" "$1"; }
tamper_suite sqlite "--data $D" sq

# --- backup and restore ------------------------------------------------
B="$T/data2"
check "sqlite: init a second database" 0 sh -c "printf 'first-pass-1\n' | '$H' init --password-stdin --data '$B'"
check "sqlite: backup writes a file" 0 "$H" backup "$T/b1.db" --data "$B"
if [ -s "$T/b1.db" ]; then ok "sqlite: backup file is not empty"; else nok "sqlite: backup file is not empty"; fi
check "sqlite: a user added after the backup" 0 sh -c "printf 'later-pass-1\n' | '$H' user add later --role admin --password-stdin --data '$B'"
check "sqlite: restore succeeds" 0 "$H" restore "$T/b1.db" --data "$B"
check "sqlite: user list after restore" 0 "$H" user list --data "$B"
if printf '%s' "$LAST" | grep -q "later"; then nok "sqlite: restore brings back the state of the backup"; else ok "sqlite: restore brings back the state of the backup"; fi
check "sqlite: verify passes after restore" 0 "$H" audit verify --data "$B"
check "sqlite: restore of a missing file fails" 1 "$H" restore "$T/none.db" --data "$B"
printf 'not a database' >"$T/junk.db"
check "sqlite: restore of a non-backup fails" 1 "$H" restore "$T/junk.db" --data "$B"
check "sqlite: the database still works after a refused restore" 0 "$H" audit verify --data "$B"
check "backup needs a FILE" 2 "$H" backup --data "$B"

# --- PostgreSQL ---------------------------------------------------------
if [ -z "${HN_PG_URL:-}" ]; then
  nok "postgresql: a throw-away cluster is running" "HN_PG_URL is not set"
else
  PG="$(bash "$HN_ROOT/scripts/pg-test.sh" newdb "$HN_TMP/pg" hn_cli_test)"
  PG2="$(bash "$HN_ROOT/scripts/pg-test.sh" newdb "$HN_TMP/pg" hn_cli_restore)"
  check "postgresql: init" 0 sh -c "printf 'first-pass-1\n' | '$H' init --password-stdin --pg '$PG'"
  check "postgresql: init again is harmless" 0 "$H" init --pg "$PG"
  has "postgresql: init again applies nothing" "0 migrations applied"
  check "postgresql: region import of one city" 0 "$H" region import --only 540100000000 --pg "$PG"
  check "postgresql: demo data" 0 "$H" demo --no-serve --pg "$PG"
  has "postgresql: demo publishes its plan with reports" "demo plan: .*published with [1-9][0-9]* tasks; [1-9][0-9]* monthly reports"
  check "postgresql: backup" 0 "$H" backup "$T/pg.dump" --pg "$PG"
  check "postgresql: restore into another database" 0 "$H" restore "$T/pg.dump" --pg "$PG2"
  check "postgresql: users survive the round trip" 0 "$H" user list --pg "$PG2"
  has "postgresql: the office user is there" "office"
  pq() { psql -q -X -v ON_ERROR_STOP=1 "$PG" -c "$1"; }
  tamper_suite postgresql "--pg $PG" pq
fi

echo "1..$n"
[ "$fails" -eq 0 ]
