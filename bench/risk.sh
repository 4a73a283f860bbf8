#!/usr/bin/env bash
# bench/risk.sh — dual prevention at the issue's scale, on SQLite:
# 20,000 enterprises (hazardnet gen), 1,000,000 risk points with one check
# item each (loaded with sqlite3: gen has no risk points yet), then
#   (a) `hazardnet jobs run --today D`: the day's check tasks, a first day
#       (every item's period is new: 1,000,000 tasks) and the next day (the
#       daily items only, and the weekly ones when it is a Monday);
#   (b) GET /api/v1/stats/risks for the city as 拉萨市安委办 (sees the city):
#       BENCH_REQUESTS sequential requests, p50 and p99.
#
# Environment: BENCH_ENTERPRISES [20000], BENCH_PER [50] risk points per
# enterprise, BENCH_ORDER [enterprise|interleaved], BENCH_REQUESTS [200],
# BENCH_WORK [mktemp], BENCH_KEEP [0].
# Only the server this script starts is stopped, by its PID.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/build/hazardnet"
E="${BENCH_ENTERPRISES:-20000}"
PER="${BENCH_PER:-50}"
REQS="${BENCH_REQUESTS:-200}"
# enterprise: each enterprise's points and items have neighbouring ids, as
# when an enterprise enters its list; interleaved: every enterprise's first
# point, then every second one … (the worst order for the task indexes).
case "${BENCH_ORDER:-enterprise}" in
	enterprise) ORDER="o.id, k" ;;
	interleaved) ORDER="k, o.id" ;;
	*) echo "BENCH_ORDER is enterprise or interleaved" >&2; exit 2 ;;
esac
WORK="${BENCH_WORK:-$(mktemp -d /tmp/hazardnet-risk-bench.XXXXXX)}"
data="$WORK/data"
db="$data/hazardnet.db"
ADMIN_PW="bench-admin-password"
DAY1="2026-11-23"   # a Monday: every cadence's period is new on a first run
DAY2="2026-11-24"
export HAZARDNET_AUTH_PASSWORD_COST=min
unset HAZARDNET_DATA HAZARDNET_PG HAZARDNET_CONFIG
server_pid=""
say() { printf 'bench: %s\n' "$*" >&2; }
note() { printf '%s\n' "$*" | tee -a "$WORK/results.txt" >&2; }
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$data"
}
trap cleanup EXIT
ms() { date +%s%3N; }

make -C "$root" -j2 >/dev/null
mkdir -p "$WORK"
: >"$WORK/results.txt"
printf '%s\n' "$ADMIN_PW" | "$bin" --data "$data" init --password-stdin >/dev/null
"$bin" --data "$data" region import --only 540100000000 >/dev/null </dev/null
say "gen: $E enterprises"
"$bin" --data "$data" gen --enterprises "$E" --hazards 0 --seed 1 >"$WORK/gen.log"

say "loading $((E * PER)) risk points and as many check items"
t0=$(ms)
sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
BEGIN;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $PER)
INSERT INTO risk_points (enterprise_id, region_code, industry_id, name, kind, location, hazard_factors,
  accident_types, method, l10, e10, c, l, s, score100, level, tier, responsible, review_on, active,
  version, created_at, updated_at)
SELECT o.id, o.region_code, o.industry_id, '风险点' || k, k % 3, '', '', 128, 0, 30, 60, c, 0, 0,
  30 * 60 * c, CASE WHEN 18 * c >= 320 THEN 3 WHEN 18 * c >= 160 THEN 2 WHEN 18 * c >= 70 THEN 1 ELSE 0 END,
  k % 4, '责任人', '', 1, 1, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'
FROM orgs o, (SELECT k, CASE WHEN k % 50 = 0 THEN 40 WHEN k % 10 = 0 THEN 15 WHEN k % 3 = 0 THEN 7 ELSE 3 END AS c FROM n) AS n
WHERE o.kind = 3 ORDER BY $ORDER;
INSERT INTO check_items (risk_id, enterprise_id, region_code, industry_id, measure, what, how, cadence,
  tier, responsible, active, version, created_at, updated_at)
SELECT id, enterprise_id, region_code, industry_id, id % 5, '排查内容' || id, '', 
  CASE WHEN id % 10 < 4 THEN 0 WHEN id % 10 < 7 THEN 1 WHEN id % 10 < 9 THEN 2 WHEN id % 50 < 49 THEN 3 ELSE 4 END,
  id % 4, '责任人', 1, 1, created_at, created_at FROM risk_points;
INSERT INTO risk_counts (region_code, industry_id, level, n)
SELECT region_code, COALESCE(industry_id, 0), level, COUNT(*) FROM risk_points WHERE active = 1 GROUP BY 1, 2, 3;
UPDATE orgs SET risk_colour = CASE (SELECT MAX(level) FROM risk_points r WHERE r.enterprise_id = orgs.id)
  WHEN 3 THEN 'red' WHEN 2 THEN 'orange' WHEN 1 THEN 'yellow' WHEN 0 THEN 'blue' ELSE '' END WHERE kind = 3;
INSERT INTO colour_counts (region_code, industry_id, colour, n)
SELECT region_code, COALESCE(industry_id, 0), risk_colour, COUNT(*) FROM orgs WHERE kind = 3 AND risk_colour <> '' GROUP BY 1, 2, 3;
COMMIT;
ANALYZE;
SQL
note "load: $(sqlite3 "$db" 'SELECT COUNT(*) FROM risk_points') risk points, $(sqlite3 "$db" 'SELECT COUNT(*) FROM check_items') items in $(( ($(ms) - t0) / 1000 )) s"

for day in "$DAY1" "$DAY1" "$DAY2"; do
	t0=$(ms)
	out="$("$bin" --data "$data" jobs run --today "$day" | grep 'check tasks')"
	note "jobs run --today $day: $(( $(ms) - t0 )) ms ($out)"
done

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"$bin" --data "$data" serve --listen "127.0.0.1:$port" >"$WORK/server.out" 2>"$WORK/server.err" </dev/null &
server_pid=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
# The server's start-up run of the daily jobs (for the real today) first.
for _ in $(seq 1 1200); do grep -q 'check tasks:' "$WORK/server.out" 2>/dev/null && break; sleep 0.5; done
note "server start-up jobs: $(grep 'check tasks:' "$WORK/server.out" || echo 'not finished')"
BASE="http://127.0.0.1:$port" PW="$ADMIN_PW" REQS="$REQS" node - <<'JS' | tee -a "$WORK/results.txt" >&2
const base = process.env.BASE;
const j = async (method, path, body, token) => {
  const r = await fetch(base + '/api/v1' + path, { method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return r.json();
};
const admin = (await j('POST', '/session', { login: 'admin', password: process.env.PW })).token;
const offices = (await j('GET', '/orgs?kind=office&region=540100000000&limit=50', null, admin)).items;
const office = offices.find((o) => o.region_code === '540100000000');
await j('POST', '/users', { login: 'bench-office', name: '安委办', password: 'bench-user-password', role: 'office', org_id: office.id }, admin);
const token = (await j('POST', '/session', { login: 'bench-office', password: 'bench-user-password' })).token;
const times = [];
let last;
for (let i = 0; i < Number(process.env.REQS); i++) {
  const t = performance.now();
  const r = await fetch(base + '/api/v1/stats/risks?region=540100000000', { headers: { Authorization: 'Bearer ' + token } });
  last = await r.json();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
const t = last.total.risks;
console.log(`stats/risks city (${t.red + t.orange + t.yellow + t.blue} risk points): ${times.length} sequential requests, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
JS
say "results in $WORK/results.txt"
