#!/usr/bin/env bash
# bench/sqlite2pg.sh SQLITE_DB PG_URL — copy a generated hazardnet data set
# from a SQLite database into a PostgreSQL database that `hazardnet init
# --pg` has just created, row for row (same ids, same audit chain).
#
# Why: `hazardnet gen --pg` goes through store_hazard_import, about fifteen
# round trips per hazard; on the 2-core bench machine that is ~140 hazards/s,
# two hours for a million. Copying what gen wrote to SQLite takes minutes and
# gives both backends the very same data, so their numbers compare. The
# server under test is not involved: only the data loading differs.
#
# The tables gen, init and region import write are emptied and refilled with
# COPY; identity sequences are moved past the copied ids. Tables only one
# side has, and columns only one side has, are left alone.
set -euo pipefail
db="${1:?usage: sqlite2pg.sh SQLITE_DB PG_URL}"
url="${2:?usage: sqlite2pg.sh SQLITE_DB PG_URL}"
[ -f "$db" ] || { echo "sqlite2pg: no database '$db'" >&2; exit 1; }

# Parents before children.
tables=(regions industries orgs org_industries users audit_heads audit_events
	hazards hazard_seq hazard_events notifications)

present=()
for t in "${tables[@]}"; do
	if [ -n "$(sqlite3 "$db" "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '$t'")" ] &&
	   [ "$(psql -Atq "$url" -c "SELECT to_regclass('public.$t') IS NOT NULL")" = t ]; then
		present+=("$t")
	fi
done
psql -q -v ON_ERROR_STOP=1 "$url" -c "TRUNCATE $(IFS=,; echo "${present[*]}") CASCADE"
# The maintained hazard counts are rebuilt once at the end, not row by row.
psql -q -v ON_ERROR_STOP=1 "$url" -c "ALTER TABLE hazards DISABLE TRIGGER USER"

for t in "${present[@]}"; do
	# The columns both sides have, in PostgreSQL's order.
	cols=""
	for c in $(psql -Atq "$url" -c "SELECT column_name FROM information_schema.columns
			WHERE table_schema = 'public' AND table_name = '$t' ORDER BY ordinal_position"); do
		if [ -n "$(sqlite3 "$db" "SELECT 1 FROM pragma_table_info('$t') WHERE name = '$c'")" ]; then
			cols="${cols:+$cols,}$c"
		fi
	done
	start=$(date +%s%N)
	# CSV: NULL is an empty field, the empty string is "" — both survive.
	sqlite3 -csv "$db" "SELECT $cols FROM $t" |
		psql -q -v ON_ERROR_STOP=1 "$url" -c "\\copy $t ($cols) FROM STDIN WITH (FORMAT csv)"
	if [ "$(psql -Atq "$url" -c "SELECT pg_get_serial_sequence('$t', 'id') IS NOT NULL" 2>/dev/null)" = t ]; then
		psql -Atq "$url" -c "SELECT setval(pg_get_serial_sequence('$t', 'id'), GREATEST(COALESCE(MAX(id), 0), 1)) FROM $t" >/dev/null
	fi
	printf 'sqlite2pg: %-16s %9s rows in %5.1f s\n' "$t" \
		"$(psql -Atq "$url" -c "SELECT COUNT(*) FROM $t")" \
		"$(echo "$start $(date +%s%N)" | awk '{print ($2 - $1) / 1e9}')" >&2
done
# Recount the hazards into hazard_counts (what migration 7 does), then let the
# triggers keep them again.
start=$(date +%s%N)
psql -q -v ON_ERROR_STOP=1 "$url" -c "TRUNCATE hazard_counts" \
	-c "INSERT INTO hazard_counts (lvl, kind, yr, region_code, industry_id, k, n, found, closed,
	    live, overdue, on_time, extended, major, days) SELECT lvl, kind, yr, region_code,
	    industry_id, k, SUM(n), SUM(found), SUM(closed), SUM(live), SUM(overdue), SUM(on_time),
	    SUM(extended), SUM(major), SUM(days) FROM hazard_count_rows
	    GROUP BY lvl, kind, yr, region_code, industry_id, k" \
	-c "ALTER TABLE hazards ENABLE TRIGGER USER"
printf 'sqlite2pg: %-16s %9s rows in %5.1f s\n' hazard_counts \
	"$(psql -Atq "$url" -c "SELECT COUNT(*) FROM hazard_counts")" \
	"$(echo "$start $(date +%s%N)" | awk '{print ($2 - $1) / 1e9}')" >&2
