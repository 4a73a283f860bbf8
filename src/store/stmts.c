/*
 * stmts.c — the SQL of hazardnet, SQLite and PostgreSQL side by side, and
 * the numbered migrations. Nothing here is ever built from input.
 */
#include <stddef.h>

#include "store/stmts.h"

/* The scope predicate over orgs aliased `o` (see stmts.h for $1–$4). */
#define SCOPE_ORG \
	"o.region_code BETWEEN $1 AND $2 AND ($3 = 0 OR o.id = $3) " \
	"AND ($4 = 0 OR o.kind <> 3 OR o.industry_id IN " \
	"(SELECT industry_id FROM org_industries WHERE org_id = $4))"

/* The coloured enterprises of the four-colour map (STMT_RISK_MAP). */
#define RISK_MAP_WHERE \
	"FROM orgs o WHERE " SCOPE_ORG " AND o.kind = 3 AND o.risk_colour <> '' " \
	"AND o.region_code BETWEEN $5 AND $6 AND ($7 = 0 OR o.industry_id = $7) " \
	"AND ($8 = '' OR o.risk_colour = $8) "

#define ORG_COLS \
	"o.id, o.kind, o.name, o.region_code, COALESCE(r.name, ''), o.credit_code, " \
	"COALESCE(o.industry_id, 0), COALESCE(i.name, ''), o.scale, " \
	"o.major_hazard_level, o.standard_grade, o.risk_colour, o.status, o.address, " \
	"o.lat, o.lon, o.safety_director, o.phone, o.version, o.created_at, o.updated_at, " \
	"o.last_inspected_on"

#define ORG_FROM \
	" FROM orgs o LEFT JOIN regions r ON r.code = o.region_code " \
	"LEFT JOIN industries i ON i.id = o.industry_id "

/* Filters of the org list after the scope: $5 kind (-1 any), $6 industry
 * (0 any), $7/$8 region range of the filter, $9 text ('' none). */
#define ORG_FILTER_SQLITE \
	" AND ($5 < 0 OR o.kind = $5) AND ($6 = 0 OR o.industry_id = $6) " \
	"AND o.region_code BETWEEN $7 AND $8 " \
	"AND ($9 = '' OR instr(o.name, $9) > 0 OR o.credit_code = $9)"
#define ORG_FILTER_PG \
	" AND ($5 < 0 OR o.kind = $5) AND ($6 = 0 OR o.industry_id = $6) " \
	"AND o.region_code BETWEEN $7 AND $8 " \
	"AND ($9 = '' OR strpos(o.name, $9) > 0 OR o.credit_code = $9)"

#define PROBLEM_COLS \
	"x.id, x.plan_id, x.org_id, o.name, x.region_code, COALESCE(x.task_id, 0), " \
	"COALESCE(x.hazard_id, 0), COALESCE(h.code, ''), COALESCE(h.title, ''), " \
	"COALESCE(h.status, -1), x.description, x.found_on, x.measures, x.responsible, " \
	"x.deadline, x.status, x.closed_on, x.version, x.created_at, x.updated_at"
#define PROBLEM_FROM \
	" FROM plan_problems x JOIN orgs o ON o.id = x.org_id LEFT JOIN hazards h ON h.id = x.hazard_id "
#define MEASURE_COLS \
	"x.id, x.plan_id, x.org_id, o.name, x.region_code, COALESCE(x.task_id, 0), x.kind, " \
	"x.title, x.description, x.status, x.doc_number, x.issued_on, x.version, x.created_at, " \
	"x.updated_at"
#define MEASURE_FROM " FROM plan_measures x JOIN orgs o ON o.id = x.org_id "
#define NOTICE_COLS \
	"n.id, n.code, n.kind, n.issuer_org_id, io.name, n.region_code, COALESCE(n.plan_id, 0), " \
	"n.title, n.body, n.issued_on, n.due_on, n.created_at, " \
	"(SELECT COUNT(*) FROM notice_targets c WHERE c.notice_id = n.id), " \
	"(SELECT COUNT(*) FROM notice_targets c WHERE c.notice_id = n.id AND c.replied_at <> ''), " \
	"COALESCE((SELECT CASE WHEN m.replied_at = '' THEN 0 ELSE 1 END FROM notice_targets m " \
	"WHERE m.notice_id = n.id AND m.org_id = $4), -1)"
#define NOTICE_VIS \
	"((n.region_code BETWEEN $1 AND $2 AND $3 = 1) OR n.issuer_org_id = $4 OR EXISTS " \
	"(SELECT 1 FROM notice_targets v WHERE v.notice_id = n.id AND v.org_id = $4))"
/* $5 kind (-1 any), $6 plan (0 any), $7 target org (0 any). */
#define NOTICE_FILTER \
	" AND ($5 < 0 OR n.kind = $5) AND ($6 = 0 OR n.plan_id = $6) AND ($7 = 0 OR EXISTS " \
	"(SELECT 1 FROM notice_targets f WHERE f.notice_id = n.id AND f.org_id = $7))"

#define USER_COLS \
	"u.id, u.login, u.name, u.phone, u.role, COALESCE(u.org_id, 0), " \
	"COALESCE(o.name, ''), COALESCE(o.region_code, ''), u.active, " \
	"u.failed_logins, u.locked_until, u.pw_hash, u.created_at, u.version"
#define USER_FROM " FROM users u LEFT JOIN orgs o ON o.id = u.org_id "

#define USER_FILTER_SQLITE \
	" WHERE ($1 = 0 OR u.org_id = $1) AND ($2 < 0 OR u.role = $2) " \
	"AND ($3 = '' OR instr(u.login, $3) > 0 OR instr(u.name, $3) > 0)"
#define USER_FILTER_PG \
	" WHERE ($1 = 0 OR u.org_id = $1) AND ($2 < 0 OR u.role = $2) " \
	"AND ($3 = '' OR strpos(u.login, $3) > 0 OR strpos(u.name, $3) > 0)"


/* The scope predicate over hazards aliased `h` (see stmts.h for $1–$4). */
#define SCOPE_HAZARD \
	"h.region_code BETWEEN $1 AND $2 AND ($3 = 0 OR h.enterprise_id = $3) " \
	"AND ($4 = 0 OR h.industry_id IN " \
	"(SELECT industry_id FROM org_industries WHERE org_id = $4))"

#define HZ_COLS \
	"h.id, h.code, h.enterprise_id, COALESCE(o.name, ''), h.region_code, " \
	"COALESCE(h.industry_id, 0), h.title, h.description, h.location, h.category, h.grade, " \
	"h.basis, h.source, h.found_at, h.found_by, h.responsible, h.measures, h.has_funds, " \
	"h.funds, h.deadline, h.original_deadline, h.contingency, h.status, h.evidence, " \
	"h.extensions, h.rejections, h.closed_on, h.closed_on_time, h.listing_level, " \
	"COALESCE(h.listing_org, 0), h.listed_on, h.listing_deadline, h.delisted_on, h.version, " \
	"h.created_at, h.updated_at"

#define HZ_FROM " FROM hazards h LEFT JOIN orgs o ON o.id = h.enterprise_id "

/* Filters after the scope: $5 status, $6 grade, $7 source (-1 any), $8 industry
 * (0 any), $9/$10 region range, $11 overdue only (0/1) as of $12 (today),
 * $13 listed only (0/1), $14 enterprise (0 any), $15 text: '' none; SQLite: a
 * substring, PostgreSQL: an ILIKE pattern. */
#define HZ_FILTER_BASE \
	" AND ($5 < 0 OR h.status = $5)" HZ_FILTER_REST
/* With a status given it is an equality, so that the (status, due, id)
 * index can drive the query (an OR with a parameter defeats the planner). */
#define HZ_FILTER_ST_BASE " AND h.status = $5" HZ_FILTER_REST
#define HZ_FILTER_REST \
	" AND ($6 < 0 OR h.grade = $6) " \
	"AND ($7 < 0 OR h.source = $7) AND ($8 = 0 OR h.industry_id = $8) " \
	"AND h.region_code BETWEEN $9 AND $10 " \
	"AND ($11 = 0 OR (h.status < 3 AND h.deadline <> '' AND h.deadline < $12)) " \
	"AND ($13 = 0 OR (h.listing_level > 0 AND h.delisted_on = '')) " \
	"AND ($14 = 0 OR h.enterprise_id = $14) "
#define HZ_FILTER_SQLITE HZ_FILTER_BASE \
	"AND ($15 = '' OR instr(h.title || ' ' || h.description, $15) > 0)"
#define HZ_FILTER_PG HZ_FILTER_BASE \
	"AND ($15 = '' OR (h.title || ' ' || h.description) ILIKE $15)"
#define HZ_FILTER_ST_SQLITE HZ_FILTER_ST_BASE \
	"AND ($15 = '' OR instr(h.title || ' ' || h.description, $15) > 0)"
#define HZ_FILTER_ST_PG HZ_FILTER_ST_BASE \
	"AND ($15 = '' OR (h.title || ' ' || h.description) ILIKE $15)"
/* SQLite with a query of three characters or more: the trigram index. */
#define HZ_FILTER_FTS HZ_FILTER_BASE \
	"AND h.id IN (SELECT rowid FROM hazards_fts WHERE hazards_fts MATCH $15)"

#define HZ_WRITABLE \
	"title = $2, description = $3, location = $4, category = $5, grade = $6, basis = $7, " \
	"responsible = $8, measures = $9, has_funds = $10, funds = $11, deadline = $12, " \
	"due = CASE WHEN $12 = '' THEN '9999-12-31' ELSE $12 END, original_deadline = $13, " \
	"contingency = $14, status = $15, evidence = $16, extensions = $17, rejections = $18, " \
	"closed_on = $19, closed_on_time = $20, listing_level = $21, listing_org = $22, " \
	"listed_on = $23, listing_deadline = $24, delisted_on = $25, updated_at = $26, " \
	"lapsed = CASE WHEN deadline = $12 THEN lapsed ELSE 0 END"

/*
 * Maintained hazard counts (migration 7). hazard_count_rows says what one
 * hazard adds to which count row: kind 0 by status, 1 by grade, 2 by source,
 * 3 by month found (all keyed by the year found), 4 by month closed (keyed
 * by the year closed, closed ones only), 5 the major ones by the year closed
 * (0 while live), for 动态清零. Triggers subtract a hazard's rows before an
 * update or delete and add them after an insert or update, in the writing
 * transaction; the statistics read the sums. `overdue` counts live hazards
 * the daily job has marked lapsed (past their deadline); the ones that
 * lapsed since its last run are counted from hazards_unlapsed. Each hazard
 * is counted three times: under its region as recorded (lvl 0), its county
 * (lvl 1) and its city (lvl 2), so that wide regions read few rows.
 */
#define HC_VIEW(days) \
	"CREATE VIEW hazard_count_rows AS SELECT h.id, x.lvl, CASE x.lvl" \
	" WHEN 1 THEN substr(h.region_code, 1, 6) || '000000'" \
	" WHEN 2 THEN substr(h.region_code, 1, 4) || '00000000' ELSE h.region_code END AS region_code," \
	" COALESCE(h.industry_id, 0) AS industry_id, x.kind," \
	" CASE x.kind WHEN 4 THEN CAST(substr(h.closed_on, 1, 4) AS INTEGER)" \
	" ELSE CAST(substr(h.found_at, 1, 4) AS INTEGER) END AS yr," \
	" CASE x.kind WHEN 0 THEN h.status WHEN 1 THEN h.grade WHEN 2 THEN h.source" \
	" WHEN 3 THEN CAST(substr(h.found_at, 6, 2) AS INTEGER)" \
	" WHEN 4 THEN CAST(substr(h.closed_on, 6, 2) AS INTEGER)" \
	" WHEN 5 THEN CASE WHEN h.status = 3 THEN CAST(substr(h.closed_on, 1, 4) AS INTEGER)" \
	" ELSE 0 END END AS k," \
	" 1 AS n, CASE WHEN h.status <> 4 THEN 1 ELSE 0 END AS found," \
	" CASE WHEN h.status = 3 THEN 1 ELSE 0 END AS closed," \
	" CASE WHEN h.status < 3 THEN 1 ELSE 0 END AS live," \
	" CASE WHEN h.status < 3 AND h.lapsed = 1 THEN 1 ELSE 0 END AS overdue," \
	" CASE WHEN h.status = 3 AND h.closed_on_time = 1 THEN 1 ELSE 0 END AS on_time," \
	" CASE WHEN h.status <> 4 AND h.extensions > 0 THEN 1 ELSE 0 END AS extended," \
	" CASE WHEN h.status <> 4 AND h.grade = 1 THEN 1 ELSE 0 END AS major," \
	" CASE WHEN h.status = 3 THEN " days " ELSE 0 END AS days" \
	" FROM hazards h, hazard_count_kinds x WHERE x.kind < 4" \
	" OR (x.kind = 4 AND h.status = 3) OR (x.kind = 5 AND h.grade = 1 AND h.status <> 4);"

#define HC_TABLE(opts) \
	"CREATE TABLE hazard_count_kinds (lvl INTEGER NOT NULL, kind INTEGER NOT NULL," \
	" PRIMARY KEY (lvl, kind));" \
	"INSERT INTO hazard_count_kinds (lvl, kind) VALUES (0, 0), (0, 1), (0, 2), (0, 3), (0, 4)," \
	" (0, 5), (1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (2, 0), (2, 1), (2, 2), (2, 3)," \
	" (2, 4), (2, 5);" \
	"CREATE TABLE hazard_counts (lvl INTEGER NOT NULL, kind INTEGER NOT NULL, yr INTEGER NOT NULL," \
	" region_code TEXT NOT NULL, industry_id BIGINT NOT NULL, k INTEGER NOT NULL," \
	" n BIGINT NOT NULL, found BIGINT NOT NULL, closed BIGINT NOT NULL, live BIGINT NOT NULL," \
	" overdue BIGINT NOT NULL, on_time BIGINT NOT NULL, extended BIGINT NOT NULL," \
	" major BIGINT NOT NULL, days BIGINT NOT NULL," \
	" PRIMARY KEY (lvl, kind, yr, region_code, industry_id, k))" opts ";"

#define HC_COLS "lvl, kind, yr, region_code, industry_id, k, n, found, closed, live, overdue, " \
	"on_time, extended, major, days"

/* Add (sign "") or subtract (sign "-") the rows of hazard `id`. */
#define HC_APPLY(sign, id) \
	"INSERT INTO hazard_counts (" HC_COLS ") SELECT lvl, kind, yr, region_code, industry_id, k, " \
	sign "n, " sign "found, " sign "closed, " sign "live, " sign "overdue, " sign "on_time, " \
	sign "extended, " sign "major, " sign "days FROM hazard_count_rows WHERE id = " id \
	" ON CONFLICT (lvl, kind, yr, region_code, industry_id, k) DO UPDATE SET" \
	" n = hazard_counts.n + excluded.n, found = hazard_counts.found + excluded.found," \
	" closed = hazard_counts.closed + excluded.closed, live = hazard_counts.live + excluded.live," \
	" overdue = hazard_counts.overdue + excluded.overdue," \
	" on_time = hazard_counts.on_time + excluded.on_time," \
	" extended = hazard_counts.extended + excluded.extended," \
	" major = hazard_counts.major + excluded.major, days = hazard_counts.days + excluded.days;"

#define HC_FILL \
	"INSERT INTO hazard_counts (" HC_COLS ") SELECT lvl, kind, yr, region_code, industry_id, k," \
	" SUM(n), SUM(found), SUM(closed), SUM(live), SUM(overdue), SUM(on_time), SUM(extended)," \
	" SUM(major), SUM(days) FROM hazard_count_rows" \
	" GROUP BY lvl, kind, yr, region_code, industry_id, k;"

/* The columns whose change moves a hazard between count rows. */
#define HC_COLUMNS "status, grade, source, region_code, industry_id, found_at, closed_on, " \
	"closed_on_time, extensions, lapsed"
#define HC_CHANGED(ne) \
	"OLD.status " ne " NEW.status OR OLD.grade " ne " NEW.grade OR OLD.source " ne " NEW.source" \
	" OR OLD.region_code " ne " NEW.region_code OR OLD.industry_id " ne " NEW.industry_id" \
	" OR OLD.found_at " ne " NEW.found_at OR OLD.closed_on " ne " NEW.closed_on" \
	" OR OLD.closed_on_time " ne " NEW.closed_on_time OR OLD.extensions " ne " NEW.extensions" \
	" OR OLD.lapsed " ne " NEW.lapsed"

/* SQLite's triggers that keep hazard_counts (migrations 7 and 15). */
#define HC_TRIGGERS_SQLITE \
	"CREATE TRIGGER hazard_counts_insert AFTER INSERT ON hazards BEGIN " \
	HC_APPLY("", "NEW.id") " END;" \
	"CREATE TRIGGER hazard_counts_delete BEFORE DELETE ON hazards BEGIN " \
	HC_APPLY("-", "OLD.id") " END;" \
	"CREATE TRIGGER hazard_counts_update_old BEFORE UPDATE OF " HC_COLUMNS " ON hazards" \
	" WHEN " HC_CHANGED("IS NOT") " BEGIN " HC_APPLY("-", "OLD.id") " END;" \
	"CREATE TRIGGER hazard_counts_update_new AFTER UPDATE OF " HC_COLUMNS " ON hazards" \
	" WHEN " HC_CHANGED("IS NOT") " BEGIN " HC_APPLY("", "NEW.id") " END;"

/*
 * Migration 15 keys hazard_counts (lvl, yr, region_code, industry_id, kind,
 * k): the rows one hazard moves (a kind each) then sit together, one page a
 * level instead of one a kind, which was a third of the pages every group
 * commit wrote; the statistics still read one index range (level, year,
 * region range) and skip the other kinds.
 */
#define HC_REKEY_COLS \
	"(lvl INTEGER NOT NULL, kind INTEGER NOT NULL, yr INTEGER NOT NULL," \
	" region_code TEXT NOT NULL, industry_id BIGINT NOT NULL, k INTEGER NOT NULL," \
	" n BIGINT NOT NULL, found BIGINT NOT NULL, closed BIGINT NOT NULL, live BIGINT NOT NULL," \
	" overdue BIGINT NOT NULL, on_time BIGINT NOT NULL, extended BIGINT NOT NULL," \
	" major BIGINT NOT NULL, days BIGINT NOT NULL," \
	" PRIMARY KEY (lvl, yr, region_code, industry_id, kind, k))"

#define HC_UNLAPSED \
	"CREATE INDEX hazards_unlapsed ON hazards (due, region_code, found_at, grade, source," \
	" industry_id, enterprise_id) WHERE status < 3 AND lapsed = 0;"

/* Statistics from hazard_counts: the group key ($10), sums, scope. */
#define HCS_KEY(len) \
	"CASE $10 WHEN 1 THEN CAST(c.k AS TEXT) WHEN 2 THEN CAST(c.k AS TEXT) " \
	"WHEN 3 THEN CAST(c.industry_id AS TEXT) WHEN 4 THEN substr(c.region_code, 1, " len ") " \
	"WHEN 5 THEN CAST(c.k AS TEXT) WHEN 6 THEN CAST(c.k AS TEXT) ELSE '' END"
#define HCS_SUMS(cast) \
	"COALESCE(SUM(c.found), 0)" cast ", COALESCE(SUM(c.closed), 0)" cast ", " \
	"COALESCE(SUM(c.live), 0)" cast ", COALESCE(SUM(c.overdue), 0)" cast ", " \
	"COALESCE(SUM(c.on_time), 0)" cast ", COALESCE(SUM(c.extended), 0)" cast ", " \
	"COALESCE(SUM(c.days), 0)" cast ", COALESCE(SUM(c.major), 0)" cast
#define HCS_SCOPE \
	"$3 = 0 AND c.region_code BETWEEN $1 AND $2 AND ($4 = 0 OR c.industry_id IN " \
	"(SELECT industry_id FROM org_industries WHERE org_id = $4))"
#define HCS_ORDER "ORDER BY CASE WHEN $10 IN (1, 2, 5, 6) THEN MIN(c.k) ELSE 0 END, 1"
#define HCU_KEY(len) \
	"CASE $11 WHEN 1 THEN CAST(h.grade AS TEXT) WHEN 2 THEN CAST(h.source AS TEXT) " \
	"WHEN 3 THEN CAST(COALESCE(h.industry_id, 0) AS TEXT) " \
	"WHEN 4 THEN substr(h.region_code, 1, " len ") ELSE '' END"
#define HCZ_SUMS(cast) \
	"COALESCE(SUM(c.found) FILTER (WHERE c.yr < $7 AND (c.k = 0 OR c.k >= $7)), 0)" cast ", " \
	"COALESCE(SUM(c.found) FILTER (WHERE c.yr = $7), 0)" cast ", " \
	"COALESCE(SUM(c.found) FILTER (WHERE c.k = $7), 0)" cast ", " \
	"COALESCE(SUM(c.found) FILTER (WHERE c.k = 0 AND c.yr <= $7), 0)" cast
#define HCT_YEARS \
	"WITH RECURSIVE y (v) AS (SELECT CAST(substr(MIN(found_at), 1, 4) AS INTEGER) FROM hazards " \
	"UNION ALL SELECT v + 1 FROM y WHERE v < " \
	"(SELECT CAST(substr(MAX(found_at), 1, 4) AS INTEGER) FROM hazards)) "
#define HCT_FROM \
	"FROM y CROSS JOIN hazard_counts c WHERE c.lvl = $8 AND c.kind = $9 AND c.yr = y.v " \
	"AND " HCS_SCOPE " AND c.region_code BETWEEN $5 AND $6 AND ($7 = 0 OR c.industry_id = $7) " \
	"AND ($10 < 0 OR c.k = $10)"
#define HC_RECOUNT \
	"SELECT lvl, kind, yr, region_code, industry_id, k, SUM(n), SUM(found), SUM(closed), " \
	"SUM(live), SUM(overdue), SUM(on_time), SUM(extended), SUM(major), SUM(days) " \
	"FROM hazard_count_rows GROUP BY lvl, kind, yr, region_code, industry_id, k"

/* The scope predicate over any table aliased a that carries its enterprise's
 * region_code, enterprise_id and industry_id, as hazards do (stmts.h: $1–$4). */
#define SCOPE_ENT(a) \
	a ".region_code BETWEEN $1 AND $2 AND ($3 = 0 OR " a ".enterprise_id = $3) " \
	"AND ($4 = 0 OR " a ".industry_id IN " \
	"(SELECT industry_id FROM org_industries WHERE org_id = $4))"

#define RISK_COLS \
	"r.id, r.enterprise_id, COALESCE(o.name, ''), r.region_code, COALESCE(r.industry_id, 0), " \
	"r.name, r.kind, r.location, r.hazard_factors, r.accident_types, r.method, r.l10, r.e10, " \
	"r.c, r.l, r.s, r.score100, r.level, r.m_engineering, r.m_management, r.m_training, " \
	"r.m_ppe, r.m_emergency, r.tier, r.responsible, r.review_on, r.active, r.version, " \
	"r.created_at, r.updated_at"
#define RISK_FROM " FROM risk_points r LEFT JOIN orgs o ON o.id = r.enterprise_id "
/* After the scope: $5 enterprise, $6 industry (0 any), $7/$8 region range,
 * $9 level, $10 kind (-1 any), $11 retired too (0/1), $12 name contains ('' none). */
#define RISK_FILTER \
	" AND ($5 = 0 OR r.enterprise_id = $5) AND ($6 = 0 OR r.industry_id = $6) " \
	"AND r.region_code BETWEEN $7 AND $8 AND ($9 < 0 OR r.level = $9) " \
	"AND ($10 < 0 OR r.kind = $10) AND ($11 = 1 OR r.active = 1) "
#define RISK_FILTER_SQLITE RISK_FILTER "AND ($12 = '' OR instr(r.name, $12) > 0)"
#define RISK_FILTER_PG RISK_FILTER "AND ($12 = '' OR strpos(r.name, $12) > 0)"

#define CI_COLS \
	"c.id, c.risk_id, COALESCE(r.name, ''), c.enterprise_id, c.region_code, " \
	"COALESCE(c.industry_id, 0), c.measure, c.what, c.how, c.cadence, c.tier, c.responsible, " \
	"c.active, c.version, c.created_at"
#define CI_FROM " FROM check_items c LEFT JOIN risk_points r ON r.id = c.risk_id "
/* After the scope: $5 risk point, $6 enterprise (0 any), $7 cadence (-1 any),
 * $8 inactive too (0/1). */
#define CI_FILTER \
	" AND ($5 = 0 OR c.risk_id = $5) AND ($6 = 0 OR c.enterprise_id = $6) " \
	"AND ($7 < 0 OR c.cadence = $7) AND ($8 = 1 OR c.active = 1)"

#define CT_COLS \
	"t.id, t.item_id, t.risk_id, t.enterprise_id, COALESCE(o.name, ''), COALESCE(r.name, ''), " \
	"c.what, c.how, c.responsible, c.cadence, t.region_code, t.period, t.start_on, t.due, " \
	"t.status, COALESCE(k.result, 0), COALESCE(k.note, ''), COALESCE(k.hazard_id, 0), " \
	"COALESCE(k.checked_by, 0), COALESCE(k.checked_at, ''), COALESCE(k.late, 0)"
#define CT_FROM \
	" FROM check_tasks t JOIN check_items c ON c.id = t.item_id " \
	"LEFT JOIN risk_points r ON r.id = t.risk_id LEFT JOIN orgs o ON o.id = t.enterprise_id " \
	"LEFT JOIN check_records k ON k.task_id = t.id "
/* After the scope: $5 enterprise, $6 risk point, $7 item (0 any), $8/$9
 * region range, $10 status (-1 any), $11 missed only (0/1) as of $12 (today). */
#define CT_FILTER \
	" AND ($5 = 0 OR t.enterprise_id = $5) AND ($6 = 0 OR t.risk_id = $6) " \
	"AND ($7 = 0 OR t.item_id = $7) AND t.region_code BETWEEN $8 AND $9 " \
	"AND ($10 < 0 OR t.status = $10) AND ($11 = 0 OR (t.status = 0 AND t.due < $12))"

#define INSP_COLS \
	"x.id, x.code, x.enterprise_id, COALESCE(o.name, ''), x.region_code, " \
	"COALESCE(x.industry_id, 0), x.org_id, COALESCE(d.name, ''), x.inspected_on, x.type, " \
	"x.summary, x.created_by, x.created_at"
#define INSP_FROM \
	" FROM inspections x LEFT JOIN orgs o ON o.id = x.enterprise_id " \
	"LEFT JOIN orgs d ON d.id = x.org_id "
/* After the scope: $5 enterprise (0 any), $6/$7 region range, $8 type (-1
 * any), $9 from and $10 to (dates, '' open). */
#define INSP_FILTER \
	" AND ($5 = 0 OR x.enterprise_id = $5) AND x.region_code BETWEEN $6 AND $7 " \
	"AND ($8 < 0 OR x.type = $8) AND ($9 = '' OR x.inspected_on >= $9) " \
	"AND ($10 = '' OR x.inspected_on <= $10)"
/* Enterprises of colour $5 in the scope not inspected since $6 (the start
 * of the colour's current period), not closed, in region range $7/$8 and
 * industry $9 (0 any). Never inspected is '' and sorts first; the index
 * orgs_inspection_due holds every column read here. */
#define INSP_DUE_WHERE \
	" WHERE " SCOPE_ORG " AND o.kind = 3 AND o.risk_colour = $5 AND o.last_inspected_on < $6 " \
	"AND o.region_code BETWEEN $7 AND $8 AND o.status <> 2 AND ($9 = 0 OR o.industry_id = $9)"
/* A yearly risk report r: its counts by level are the enterprise's live
 * ones while it is a draft, its snapshot's once submitted. */
#define RR_LIVE(lvl) \
	"(SELECT COUNT(*) FROM risk_points p WHERE p.enterprise_id = r.enterprise_id " \
	"AND p.active = 1 AND p.level = " lvl ")"
#define RR_COUNT(lvl, col) "CASE WHEN r.status = 0 THEN " RR_LIVE(lvl) " ELSE r." col " END"
#define RR_COLS \
	"r.id, r.enterprise_id, COALESCE(o.name, ''), r.region_code, COALESCE(r.industry_id, 0), " \
	"r.year, r.status, " RR_COUNT("3", "n_red") ", " RR_COUNT("2", "n_orange") ", " \
	RR_COUNT("1", "n_yellow") ", " RR_COUNT("0", "n_blue") ", r.analysis, r.principal, r.due, " \
	"r.submitted_at, COALESCE(r.submitted_by, 0), r.late, r.created_by, r.created_at, " \
	"r.updated_at, r.version"
#define RR_FROM " FROM risk_reports r LEFT JOIN orgs o ON o.id = r.enterprise_id "
#define RR_ITEMS(lvl) \
	"(SELECT COUNT(*) FROM risk_report_items i WHERE i.report_id = $1 AND i.level = " lvl ")"
/* After the scope: $5 year, $6/$7 region range, $8 industry (0 any), $9
 * status (-1 any). */
#define RR_FILTER \
	" AND r.year = $5 AND r.region_code BETWEEN $6 AND $7 AND ($8 = 0 OR r.industry_id = $8) " \
	"AND ($9 < 0 OR r.status = $9)"
#define RR_MISSING \
	" AND o.kind = 3 AND o.status = 0 AND o.region_code BETWEEN $6 AND $7 " \
	"AND ($8 = 0 OR o.industry_id = $8) AND NOT EXISTS (SELECT 1 FROM risk_reports s " \
	"WHERE s.enterprise_id = o.id AND s.year = $5 AND s.status = 1)"

const struct stmt_text stmt_texts[STMT__MAX] = {
	[STMT_MIGRATION_VERSION] = { "migration_version",
		"SELECT COALESCE(MAX(version), 0) FROM schema_migrations", NULL },
	[STMT_MIGRATION_RECORD] = { "migration_record",
		"INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", NULL },

	[STMT_REGION_UPSERT] = { "region_upsert",
		"INSERT INTO regions (code, name, level, parent) VALUES ($1, $2, $3, $4) "
		"ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
		"level = excluded.level, parent = excluded.parent", NULL },
	[STMT_REGION_GET] = { "region_get",
		"SELECT code, name, level, parent FROM regions WHERE code = $1", NULL },
	[STMT_REGION_CHILDREN] = { "region_children",
		"SELECT code, name, level, parent FROM regions WHERE parent = $1 ORDER BY code", NULL },
	[STMT_REGION_COUNT] = { "region_count", "SELECT COUNT(*) FROM regions", NULL },

	[STMT_INDUSTRY_INSERT] = { "industry_insert",
		"INSERT INTO industries (code, name, active, version) VALUES ($1, $2, 1, 1) "
		"RETURNING id", NULL },
	[STMT_INDUSTRY_GET] = { "industry_get",
		"SELECT id, code, name, active FROM industries WHERE id = $1", NULL },
	[STMT_INDUSTRY_LIST] = { "industry_list",
		"SELECT id, code, name, active FROM industries ORDER BY id", NULL },
	[STMT_INDUSTRY_UPDATE] = { "industry_update",
		"UPDATE industries SET name = $2, active = $3, version = version + 1 "
		"WHERE id = $1", NULL },

	/* Which of code ($1) and name ($2) another industry ($3) already has. */
	[STMT_INDUSTRY_TAKEN] = { "industry_taken",
		"SELECT code = $1, name = $2 FROM industries WHERE (code = $1 OR name = $2) "
		"AND id <> $3",
		"SELECT CASE WHEN code = $1 THEN 1 ELSE 0 END, CASE WHEN name = $2 THEN 1 ELSE 0 END "
		"FROM industries WHERE (code = $1 OR name = $2) AND id <> $3" },

	[STMT_ORG_INSERT] = { "org_insert",
		"INSERT INTO orgs (kind, name, region_code, credit_code, industry_id, scale, "
		"major_hazard_level, standard_grade, risk_colour, status, address, lat, lon, "
		"safety_director, phone, version, created_at, updated_at) VALUES ($1, $2, $3, "
		"$4, $5, $6, $7, $8, '', $9, $10, $11, $12, $13, $14, 1, $15, $15) RETURNING id",
		NULL },
	[STMT_ORG_GET] = { "org_get",
		"SELECT " ORG_COLS ORG_FROM "WHERE " SCOPE_ORG " AND o.id = $5", NULL },
	[STMT_ORG_UPDATE] = { "org_update",
		"UPDATE orgs SET kind = $2, name = $3, region_code = $4, credit_code = $5, "
		"industry_id = $6, scale = $7, major_hazard_level = $8, standard_grade = $9, "
		"status = $10, address = $11, lat = $12, lon = $13, safety_director = $14, "
		"phone = $15, updated_at = $16, version = version + 1 "
		"WHERE id = $1 AND version = $17", NULL },
	[STMT_ORG_LIST] = { "org_list",
		"SELECT " ORG_COLS ORG_FROM "WHERE " SCOPE_ORG ORG_FILTER_SQLITE
		" AND o.id > $10 ORDER BY o.id LIMIT $11",
		"SELECT " ORG_COLS ORG_FROM "WHERE " SCOPE_ORG ORG_FILTER_PG
		" AND o.id > $10 ORDER BY o.id LIMIT $11" },
	[STMT_ORG_COUNT] = { "org_count",
		"SELECT COUNT(*)" ORG_FROM "WHERE " SCOPE_ORG ORG_FILTER_SQLITE,
		"SELECT COUNT(*)" ORG_FROM "WHERE " SCOPE_ORG ORG_FILTER_PG },
	[STMT_ORG_ALL] = { "org_all",
		"SELECT " ORG_COLS ORG_FROM "WHERE o.id > $1 ORDER BY o.id LIMIT $2", NULL },
	[STMT_ORG_CREDIT_TAKEN] = { "org_credit_taken",
		"SELECT id FROM orgs WHERE credit_code = $1 AND id <> $2", NULL },
	[STMT_ORG_INDUSTRIES] = { "org_industries",
		"SELECT industry_id FROM org_industries WHERE org_id = $1 ORDER BY industry_id",
		NULL },
	[STMT_ORG_INDUSTRIES_CLEAR] = { "org_industries_clear",
		"DELETE FROM org_industries WHERE org_id = $1", NULL },
	[STMT_ORG_INDUSTRY_ADD] = { "org_industry_add",
		"INSERT INTO org_industries (org_id, industry_id) VALUES ($1, $2) "
		"ON CONFLICT DO NOTHING", NULL },

	[STMT_USER_INSERT] = { "user_insert",
		"INSERT INTO users (login, name, phone, role, org_id, pw_hash, active, "
		"failed_logins, locked_until, version, created_at, updated_at) "
		"VALUES ($1, $2, $3, $4, $5, $6, 1, 0, '', 1, $7, $7) RETURNING id", NULL },
	[STMT_USER_GET] = { "user_get",
		"SELECT " USER_COLS USER_FROM "WHERE u.id = $1", NULL },
	[STMT_USER_BY_LOGIN] = { "user_by_login",
		"SELECT " USER_COLS USER_FROM "WHERE u.login = $1", NULL },
	[STMT_USER_UPDATE] = { "user_update",
		"UPDATE users SET name = $2, phone = $3, role = $4, org_id = $5, pw_hash = $6, "
		"active = $7, failed_logins = $8, locked_until = $9, updated_at = $10, "
		"version = version + 1 WHERE id = $1 AND version = $11", NULL },
	[STMT_USER_LIST] = { "user_list",
		"SELECT " USER_COLS USER_FROM USER_FILTER_SQLITE
		" AND u.id > $4 ORDER BY u.id LIMIT $5",
		"SELECT " USER_COLS USER_FROM USER_FILTER_PG
		" AND u.id > $4 ORDER BY u.id LIMIT $5" },
	[STMT_USER_COUNT] = { "user_count",
		"SELECT COUNT(*)" USER_FROM USER_FILTER_SQLITE,
		"SELECT COUNT(*)" USER_FROM USER_FILTER_PG },
	[STMT_USER_ALL] = { "user_all",
		"SELECT " USER_COLS USER_FROM "WHERE u.id > $1 ORDER BY u.id LIMIT $2", NULL },
	/* Login bookkeeping is not audited content: it never changes what the
	 * user record says, only whether it may sign in now. */
	[STMT_USER_LOGIN_FAILED] = { "user_login_failed",
		"UPDATE users SET failed_logins = failed_logins + 1, "
		"locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END "
		"WHERE id = $1 RETURNING failed_logins, locked_until", NULL },
	[STMT_USER_LOGIN_OK] = { "user_login_ok",
		"UPDATE users SET failed_logins = 0, locked_until = '' WHERE id = $1", NULL },

	[STMT_SESSION_INSERT] = { "session_insert",
		"INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
		"VALUES ($1, $2, $3, $4)", NULL },
	[STMT_SESSION_GET] = { "session_get",
		"SELECT " USER_COLS " FROM sessions s JOIN users u ON u.id = s.user_id "
		"LEFT JOIN orgs o ON o.id = u.org_id "
		"WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1", NULL },
	[STMT_SESSION_DELETE] = { "session_delete",
		"DELETE FROM sessions WHERE token_hash = $1", NULL },
	[STMT_SESSION_DELETE_USER] = { "session_delete_user",
		"DELETE FROM sessions WHERE user_id = $1", NULL },
	[STMT_SESSION_PURGE] = { "session_purge",
		"DELETE FROM sessions WHERE expires_at <= $1", NULL },

	[STMT_AUDIT_HEAD_ENSURE] = { "audit_head_ensure",
		"INSERT INTO audit_heads (chain, seq, hash) VALUES ($1, 0, $2) "
		"ON CONFLICT (chain) DO NOTHING", NULL },
	/* FOR UPDATE serialises appends to one chain on PostgreSQL; SQLite's
	 * BEGIN IMMEDIATE already serialises every writer. */
	[STMT_AUDIT_HEAD_GET] = { "audit_head_get",
		"SELECT seq, hash FROM audit_heads WHERE chain = $1",
		"SELECT seq, hash FROM audit_heads WHERE chain = $1 FOR UPDATE" },
	[STMT_AUDIT_HEAD_SET] = { "audit_head_set",
		"UPDATE audit_heads SET seq = $2, hash = $3 WHERE chain = $1", NULL },
	[STMT_AUDIT_INSERT] = { "audit_insert",
		"INSERT INTO audit_events (chain, seq, at, actor_id, actor, action, "
		"object_type, object_id, data, prev_hash, hash) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", NULL },
	[STMT_AUDIT_CHAINS] = { "audit_chains",
		"SELECT chain, seq, hash FROM audit_heads ORDER BY chain", NULL },
	[STMT_AUDIT_CHAIN_EVENTS] = { "audit_chain_events",
		"SELECT seq, at, actor_id, actor, action, object_type, object_id, data, "
		"prev_hash, hash FROM audit_events WHERE chain = $1 ORDER BY seq", NULL },
	[STMT_AUDIT_LATEST] = { "audit_latest",
		"SELECT object_type, object_id, data FROM audit_events "
		"WHERE object_type = $1 ORDER BY object_id, id", NULL },

	/* The next number of a code prefix ("540102-2026"), never reused. */
	[STMT_HAZARD_SEQ_NEXT] = { "hazard_seq_next",
		"INSERT INTO hazard_seq (prefix, last) VALUES ($1, 1) "
		"ON CONFLICT (prefix) DO UPDATE SET last = hazard_seq.last + 1 RETURNING last", NULL },
	[STMT_HAZARD_INSERT] = { "hazard_insert",
		"INSERT INTO hazards (code, enterprise_id, region_code, industry_id, title, description, "
		"location, category, grade, basis, source, found_at, found_by, status, version, "
		"created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
		"0, 1, $14, $14) RETURNING id", NULL },
	[STMT_HAZARD_GET] = { "hazard_get",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD " AND h.id = $5", NULL },
	[STMT_HAZARD_UPDATE] = { "hazard_update",
		"UPDATE hazards SET " HZ_WRITABLE ", version = version + 1 "
		"WHERE id = $1 AND version = $27", NULL },
	[STMT_HAZARD_LIST_NEWEST] = { "hazard_list_newest",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_SQLITE
		" AND h.id < $16 ORDER BY h.id DESC LIMIT $17",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_PG
		" AND h.id < $16 ORDER BY h.id DESC LIMIT $17" },
	/* Soonest deadline first (no deadline last); keyset ($16 due, $18 id). */
	[STMT_HAZARD_LIST_DUE] = { "hazard_list_due",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_SQLITE
		" AND (h.due > $16 OR (h.due = $16 AND h.id > $18)) ORDER BY h.due, h.id LIMIT $17",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_PG
		" AND (h.due > $16 OR (h.due = $16 AND h.id > $18)) ORDER BY h.due, h.id LIMIT $17" },
	[STMT_HAZARD_LIST_DUE_ST] = { "hazard_list_due_st",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_ST_SQLITE
		" AND (h.due > $16 OR (h.due = $16 AND h.id > $18)) ORDER BY h.due, h.id LIMIT $17",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_ST_PG
		" AND (h.due > $16 OR (h.due = $16 AND h.id > $18)) ORDER BY h.due, h.id LIMIT $17" },
	[STMT_HAZARD_LIST_NEWEST_ST] = { "hazard_list_newest_st",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_ST_SQLITE
		" AND h.id < $16 ORDER BY h.id DESC LIMIT $17",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_ST_PG
		" AND h.id < $16 ORDER BY h.id DESC LIMIT $17" },
	[STMT_HAZARD_COUNT_ST] = { "hazard_count_st",
		"SELECT COUNT(*)" " FROM hazards h " "WHERE " SCOPE_HAZARD HZ_FILTER_ST_SQLITE,
		"SELECT COUNT(*)" " FROM hazards h " "WHERE " SCOPE_HAZARD HZ_FILTER_ST_PG },
	[STMT_HAZARD_LIST_FTS] = { "hazard_list_fts",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_FTS
		" AND h.id < $16 ORDER BY h.id DESC LIMIT $17", NULL },
	[STMT_HAZARD_COUNT] = { "hazard_count",
		"SELECT COUNT(*)" " FROM hazards h " "WHERE " SCOPE_HAZARD HZ_FILTER_SQLITE,
		"SELECT COUNT(*)" " FROM hazards h " "WHERE " SCOPE_HAZARD HZ_FILTER_PG },
	[STMT_HAZARD_COUNT_FTS] = { "hazard_count_fts",
		"SELECT COUNT(*)" " FROM hazards h " "WHERE " SCOPE_HAZARD HZ_FILTER_FTS, NULL },
	[STMT_HAZARD_ALL] = { "hazard_all",
		"SELECT " HZ_COLS HZ_FROM "WHERE h.id > $1 ORDER BY h.id LIMIT $2", NULL },
	[STMT_HAZARD_EVENT_INSERT] = { "hazard_event_insert",
		"INSERT INTO hazard_events (hazard_id, at, actor_id, actor, event, from_status, "
		"to_status, comment, reason, evidence, deadline) VALUES ($1, $2, $3, $4, $5, $6, $7, "
		"$8, $9, $10, $11)", NULL },
	[STMT_HAZARD_EVENTS] = { "hazard_events",
		"SELECT e.id, e.at, e.actor_id, e.actor, e.event, e.from_status, e.to_status, "
		"e.comment, e.reason, e.evidence, e.deadline, COALESCE(u.name, e.actor), "
		"COALESCE(o.name, '') FROM hazard_events e LEFT JOIN users u ON u.id = e.actor_id "
		"LEFT JOIN orgs o ON o.id = u.org_id WHERE e.hazard_id = $1 ORDER BY e.id", NULL },
	/* Candidates to notify: departments supervising industry $1 and offices,
	 * in the province of region $2 at or above it; the store keeps those
	 * whose region subtree holds $2. */
	[STMT_SUPERVISORS_OF] = { "supervisors_of",
		"SELECT o.id, o.region_code FROM orgs o JOIN org_industries oi ON oi.org_id = o.id "
		"WHERE o.kind = 2 AND oi.industry_id = $1 AND o.region_code <= $2 "
		"AND substr(o.region_code, 1, 2) = substr($2, 1, 2)", NULL },
	[STMT_OFFICES_OF] = { "offices_of",
		"SELECT o.id, o.region_code FROM orgs o WHERE o.kind = 1 AND o.region_code <= $1 "
		"AND substr(o.region_code, 1, 2) = substr($1, 1, 2)", NULL },
	[STMT_NOTIFY_ORG] = { "notify_org",
		"INSERT INTO notifications (org_id, kind, hazard_id, title, due, created_at) "
		"VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING", NULL },
	[STMT_NOTIFICATIONS] = { "notifications",
		"SELECT n.id, n.kind, COALESCE(n.hazard_id, 0), n.title, n.due, n.created_at, n.read_at "
		"FROM notifications n LEFT JOIN hazards h ON h.id = n.hazard_id "
		"WHERE n.org_id = $1 AND (n.hazard_id IS NULL OR "
		"(h.status < 3 AND n.kind NOT IN ('overdue', 'due_soon'))) "
		"ORDER BY n.id DESC LIMIT $2", NULL },

	/* Counts per group over the hazards found in [$7, $8] ($5/$6 region
	 * range, $9 industry or 0, $10 today). $11 picks the grouping: 0 none,
	 * 1 grade, 2 source, 3 industry, 4 child region (prefix length $12),
	 * 5 month found, 6 month closed. Void hazards were recorded in error: not counted. */
	[STMT_HAZARD_STATS] = { "hazard_stats",
		"SELECT CASE $11 WHEN 1 THEN CAST(h.grade AS TEXT) WHEN 2 THEN CAST(h.source AS TEXT) "
		"WHEN 3 THEN CAST(COALESCE(h.industry_id, 0) AS TEXT) "
		"WHEN 4 THEN substr(h.region_code, 1, $12) WHEN 5 THEN substr(h.found_at, 1, 7) "
		"WHEN 6 THEN substr(h.closed_on, 1, 7) ELSE '' END AS k, "
		"COUNT(*) FILTER (WHERE h.status <> 4), COUNT(*) FILTER (WHERE h.status = 3), "
		"COUNT(*) FILTER (WHERE h.status < 3), "
		"COUNT(*) FILTER (WHERE h.status < 3 AND h.deadline <> '' AND h.deadline < $10), "
		"COUNT(*) FILTER (WHERE h.status = 3 AND h.closed_on_time = 1), "
		"COUNT(*) FILTER (WHERE h.status <> 4 AND h.extensions > 0), "
		"COALESCE(SUM(CASE WHEN h.status = 3 THEN julianday(h.closed_on) - julianday(h.found_at) "
		"END), 0), COUNT(*) FILTER (WHERE h.status <> 4 AND h.grade = 1) "
		"FROM hazards h WHERE " SCOPE_HAZARD " AND h.region_code BETWEEN $5 AND $6 "
		"AND h.found_at BETWEEN $7 AND $8 AND ($9 = 0 OR h.industry_id = $9) "
		"GROUP BY 1 ORDER BY 1",
		"SELECT CASE $11 WHEN 1 THEN CAST(h.grade AS TEXT) WHEN 2 THEN CAST(h.source AS TEXT) "
		"WHEN 3 THEN CAST(COALESCE(h.industry_id, 0) AS TEXT) "
		"WHEN 4 THEN substr(h.region_code, 1, $12::int) WHEN 5 THEN substr(h.found_at, 1, 7) "
		"WHEN 6 THEN substr(h.closed_on, 1, 7) ELSE '' END AS k, "
		"COUNT(*) FILTER (WHERE h.status <> 4), COUNT(*) FILTER (WHERE h.status = 3), "
		"COUNT(*) FILTER (WHERE h.status < 3), "
		"COUNT(*) FILTER (WHERE h.status < 3 AND h.deadline <> '' AND h.deadline < $10), "
		"COUNT(*) FILTER (WHERE h.status = 3 AND h.closed_on_time = 1), "
		"COUNT(*) FILTER (WHERE h.status <> 4 AND h.extensions > 0), "
		"COALESCE(SUM(CASE WHEN h.status = 3 THEN h.closed_on::date - h.found_at::date "
		"END), 0), COUNT(*) FILTER (WHERE h.status <> 4 AND h.grade = 1) "
		"FROM hazards h WHERE " SCOPE_HAZARD " AND h.region_code BETWEEN $5 AND $6 "
		"AND h.found_at BETWEEN $7 AND $8 AND ($9 = 0 OR h.industry_id = $9) "
		"GROUP BY 1 ORDER BY 1" },
	/* 动态清零 of year [$7, $8]: major hazards carried in (found before and
	 * not closed before the year), found in it, closed in it, open now. */
	[STMT_HAZARD_ZERO_CLEARANCE] = { "hazard_zero_clearance",
		"SELECT COUNT(*) FILTER (WHERE h.found_at < $7 AND (h.status < 3 OR "
		"(h.status = 3 AND h.closed_on >= $7))), "
		"COUNT(*) FILTER (WHERE h.found_at BETWEEN $7 AND $8), "
		"COUNT(*) FILTER (WHERE h.status = 3 AND h.closed_on BETWEEN $7 AND $8), "
		"COUNT(*) FILTER (WHERE h.status < 3 AND h.found_at <= $8) "
		"FROM hazards h WHERE " SCOPE_HAZARD " AND h.region_code BETWEEN $5 AND $6 "
		"AND h.grade = 1 AND h.status <> 4 AND ($9 = 0 OR h.industry_id = $9)", NULL },

	/* The same sums from the maintained counts of year $7 ($3 must be 0:
	 * an enterprise's own scope counts its hazards); $9 kind, $10 group as
	 * in STMT_HAZARD_STATS, $11 the child region's prefix length, $12 the
	 * level of the rows (see stats_region). */
	[STMT_HAZARD_COUNTS_STATS] = { "hazard_counts_stats",
		"SELECT " HCS_KEY("$11") ", " HCS_SUMS("") " FROM hazard_counts c WHERE c.lvl = $12 "
		"AND c.kind = $9 AND c.yr = $7 AND " HCS_SCOPE " AND c.region_code BETWEEN $5 AND $6 "
		"AND ($8 = 0 OR c.industry_id = $8) GROUP BY 1 " HCS_ORDER,
		"SELECT " HCS_KEY("$11::int") ", " HCS_SUMS("::bigint") " FROM hazard_counts c "
		"WHERE c.lvl = $12 AND c.kind = $9 AND c.yr = $7 AND " HCS_SCOPE " AND c.region_code BETWEEN $5 AND $6 "
		"AND ($8 = 0 OR c.industry_id = $8) GROUP BY 1 " HCS_ORDER },
	/* Live hazards past their deadline ($10) that the daily job has not yet
	 * marked lapsed, grouped as STMT_HAZARD_STATS ($11 group, $12 prefix). */
	[STMT_HAZARD_UNLAPSED_STATS] = { "hazard_unlapsed_stats",
		"SELECT " HCU_KEY("$12") ", COUNT(*) FROM hazards h INDEXED BY hazards_unlapsed "
		"WHERE h.status < 3 AND h.lapsed = 0 AND h.due < $10 "
		/* SCOPE_HAZARD with the region terms made unusable for the index
		 * (unary +): after ANALYZE SQLite would rather skip-scan every
		 * deadline for the region range than read the few past ones */
		"AND +h.region_code BETWEEN $1 AND $2 AND ($3 = 0 OR h.enterprise_id = $3) "
		"AND ($4 = 0 OR h.industry_id IN (SELECT industry_id FROM org_industries WHERE org_id = $4)) "
		"AND +h.region_code BETWEEN $5 AND $6 AND h.found_at BETWEEN $7 AND $8 "
		"AND ($9 = 0 OR h.industry_id = $9) GROUP BY 1",
		"SELECT " HCU_KEY("$12::int") ", COUNT(*) FROM hazards h WHERE h.status < 3 "
		"AND h.lapsed = 0 AND h.due < $10 AND " SCOPE_HAZARD " AND h.region_code BETWEEN $5 "
		"AND $6 AND h.found_at BETWEEN $7 AND $8 AND ($9 = 0 OR h.industry_id = $9) GROUP BY 1" },
	/* 动态清零 of year $7 from kind 5: yr is the year found, k the year
	 * closed (0 while live). */
	[STMT_HAZARD_COUNTS_ZERO] = { "hazard_counts_zero",
		/* region terms kept from the index (unary +): after ANALYZE SQLite
		 * would skip-scan the whole table for the region range */
		"SELECT " HCZ_SUMS("") " FROM hazard_counts c WHERE c.lvl = $9 AND c.kind = 5 AND $3 = 0 "
		"AND +c.region_code BETWEEN $1 AND $2 AND ($4 = 0 OR c.industry_id IN "
		"(SELECT industry_id FROM org_industries WHERE org_id = $4)) "
		"AND +c.region_code BETWEEN $5 AND $6 AND ($8 = 0 OR c.industry_id = $8) AND c.yr <= $7",
		"SELECT " HCZ_SUMS("::bigint") " FROM hazard_counts c WHERE c.lvl = $9 AND c.kind = 5 AND " HCS_SCOPE
		" AND c.region_code BETWEEN $5 AND $6 AND ($8 = 0 OR c.industry_id = $8) AND c.yr <= $7" },
	/* Count rows that differ from a recount, both ways (empty rows aside). */
	[STMT_HAZARD_COUNTS_CHECK] = { "hazard_counts_check",
		"SELECT (SELECT COUNT(*) FROM (SELECT " HC_COLS " FROM hazard_counts WHERE n <> 0 "
		"EXCEPT " HC_RECOUNT ") a) + (SELECT COUNT(*) FROM (" HC_RECOUNT " EXCEPT SELECT "
		HC_COLS " FROM hazard_counts WHERE n <> 0) b)", NULL },
	/* A list's total from the maintained counts: the rows of level $8 and
	 * kind $9 (key $10, -1 any) of every year found, one index seek a year
	 * (CROSS JOIN keeps the years outside, whatever ANALYZE says);
	 * $11 = 1 counts the lapsed ones only. */
	[STMT_HAZARD_COUNTS_TOTAL] = { "hazard_counts_total",
		HCT_YEARS "SELECT COALESCE(SUM(CASE WHEN $11 = 1 THEN c.overdue ELSE c.n END), 0) "
		HCT_FROM,
		HCT_YEARS "SELECT COALESCE(SUM(CASE WHEN $11 = 1 THEN c.overdue ELSE c.n END), 0)::bigint "
		HCT_FROM },
	/* Newest first when most hazards match: SQLite walks the table from
	 * the newest row instead of sorting all the scope's rows first. */
	[STMT_HAZARD_LIST_WALK] = { "hazard_list_walk",
		"SELECT " HZ_COLS " FROM hazards h NOT INDEXED LEFT JOIN orgs o ON o.id = h.enterprise_id "
		"WHERE " SCOPE_HAZARD HZ_FILTER_SQLITE " AND h.id < $16 ORDER BY h.id DESC LIMIT $17",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_PG
		" AND h.id < $16 ORDER BY h.id DESC LIMIT $17" },
	/* A status by deadline when most hazards match: SQLite walks the
	 * (status, due, id) index instead of sorting the scope's rows. */
	[STMT_HAZARD_LIST_DUE_WALK] = { "hazard_list_due_walk",
		"SELECT " HZ_COLS " FROM hazards h INDEXED BY hazards_status_due "
		"LEFT JOIN orgs o ON o.id = h.enterprise_id WHERE " SCOPE_HAZARD HZ_FILTER_ST_SQLITE
		" AND (h.due > $16 OR (h.due = $16 AND h.id > $18)) ORDER BY h.due, h.id LIMIT $17",
		"SELECT " HZ_COLS HZ_FROM "WHERE " SCOPE_HAZARD HZ_FILTER_ST_PG
		" AND (h.due > $16 OR (h.due = $16 AND h.id > $18)) ORDER BY h.due, h.id LIMIT $17" },
	[STMT_HAZARD_MAX_ID] = { "hazard_max_id", "SELECT COALESCE(MAX(id), 0) FROM hazards", NULL },
	/* Mark up to $2 live hazards past their deadline ($1 today) lapsed. */
	[STMT_JOBS_LAPSE] = { "jobs_lapse",
		"UPDATE hazards SET lapsed = 1 WHERE id IN (SELECT id FROM hazards "
		"WHERE status < 3 AND lapsed = 0 AND due < $1 LIMIT $2)", NULL },
	[STMT_RISK_INSERT] = { "risk_insert",
		"INSERT INTO risk_points (enterprise_id, region_code, industry_id, name, kind, location, "
		"hazard_factors, accident_types, method, l10, e10, c, l, s, score100, level, "
		"m_engineering, m_management, m_training, m_ppe, m_emergency, tier, responsible, "
		"review_on, active, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
		"$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, 1, 1, "
		"$25, $25) RETURNING id", NULL },
	[STMT_RISK_GET] = { "risk_get",
		"SELECT " RISK_COLS RISK_FROM "WHERE " SCOPE_ENT("r") " AND r.id = $5", NULL },
	[STMT_RISK_UPDATE] = { "risk_update",
		"UPDATE risk_points SET name = $2, kind = $3, location = $4, hazard_factors = $5, "
		"accident_types = $6, m_engineering = $7, m_management = $8, m_training = $9, "
		"m_ppe = $10, m_emergency = $11, tier = $12, responsible = $13, review_on = $14, "
		"active = $15, updated_at = $16, version = version + 1 WHERE id = $1 AND version = $17",
		NULL },
	[STMT_RISK_ASSESS] = { "risk_assess",
		"UPDATE risk_points SET method = $2, l10 = $3, e10 = $4, c = $5, l = $6, s = $7, "
		"score100 = $8, level = $9, review_on = $10, updated_at = $11, version = version + 1 "
		"WHERE id = $1 AND version = $12", NULL },
	[STMT_RISK_LIST] = { "risk_list",
		"SELECT " RISK_COLS RISK_FROM "WHERE " SCOPE_ENT("r") RISK_FILTER_SQLITE
		" AND r.id > $13 ORDER BY r.id LIMIT $14",
		"SELECT " RISK_COLS RISK_FROM "WHERE " SCOPE_ENT("r") RISK_FILTER_PG
		" AND r.id > $13 ORDER BY r.id LIMIT $14" },
	[STMT_RISK_COUNT] = { "risk_count",
		"SELECT COUNT(*) FROM risk_points r WHERE " SCOPE_ENT("r") RISK_FILTER_SQLITE,
		"SELECT COUNT(*) FROM risk_points r WHERE " SCOPE_ENT("r") RISK_FILTER_PG },
	[STMT_RISK_ASSESSMENT_INSERT] = { "risk_assessment_insert",
		"INSERT INTO risk_assessments (risk_id, at, actor_id, actor, method, l10, e10, c, l, s, "
		"score100, level_before, level_after, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		"$9, $10, $11, $12, $13, $14)", NULL },
	[STMT_RISK_ASSESSMENTS] = { "risk_assessments",
		"SELECT id, risk_id, at, actor_id, actor, method, l10, e10, c, l, s, score100, "
		"level_before, level_after, reason FROM risk_assessments WHERE risk_id = $1 ORDER BY id",
		NULL },
	/* An enterprise's colour: the highest level of its active risk points
	 * (-1 none) and whether a major hazard of it is open. */
	[STMT_RISK_COLOUR_OF] = { "risk_colour_of",
		"SELECT COALESCE((SELECT MAX(level) FROM risk_points WHERE enterprise_id = $1 "
		"AND active = 1), -1), CASE WHEN EXISTS (SELECT 1 FROM hazards WHERE enterprise_id = $1 "
		"AND grade = 1 AND status < 3) THEN 1 ELSE 0 END, o.risk_colour, o.region_code, "
		"COALESCE(o.industry_id, 0) FROM orgs o WHERE o.id = $1", NULL },
	/* One more (or, with $4 = -1, one fewer) enterprise of colour $3 in a
	 * region ($1) and industry ($2, 0 none). */
	[STMT_COLOUR_COUNT_ADD] = { "colour_count_add",
		"INSERT INTO colour_counts (region_code, industry_id, colour, n) VALUES ($1, $2, $3, $4) "
		"ON CONFLICT (region_code, industry_id, colour) DO UPDATE SET n = colour_counts.n + excluded.n",
		NULL },
	[STMT_ORG_SET_COLOUR] = { "org_set_colour",
		"UPDATE orgs SET risk_colour = $2 WHERE id = $1 AND risk_colour <> $2", NULL },
	/* Active risk points by region, industry and level in region range
	 * $5/$6 and industry $7 (0 any), from the counts kept by the writes
	 * (risk_counts): the store sums them into every group in one pass.
	 * The counts know no enterprise: an enterprise's own scope ($3) reads
	 * its rows (the _SCAN statements, same columns). */
	[STMT_RISK_STATS] = { "risk_stats",
		"SELECT k.region_code, k.industry_id, k.level, k.n FROM risk_counts k "
		"WHERE k.region_code BETWEEN $1 AND $2 AND $3 = 0 "
		"AND ($4 = 0 OR k.industry_id IN (SELECT industry_id FROM org_industries WHERE org_id = $4)) "
		"AND k.region_code BETWEEN $5 AND $6 AND ($7 = 0 OR k.industry_id = $7) AND k.n <> 0",
		NULL },
	/* One more (or, with $4 = -1, one fewer) active risk point of a level
	 * ($3) in a region ($1) and industry ($2, 0 none). */
	/* An enterprise moved (org update): the rows that copy its region and
	 * industry ($2, $3: 0 none) follow, one by one for the audit. */
	[STMT_RISK_IDS_OF_ENTERPRISE] = { "risk_ids_of_enterprise",
		"SELECT id FROM risk_points WHERE enterprise_id = $1 ORDER BY id", NULL },
	[STMT_RISK_MOVE] = { "risk_move",
		"UPDATE risk_points SET region_code = $2, industry_id = NULLIF($3, 0) WHERE id = $1", NULL },
	[STMT_CHECK_ITEM_IDS_OF_ENTERPRISE] = { "check_item_ids_of_enterprise",
		"SELECT id FROM check_items WHERE enterprise_id = $1 ORDER BY id", NULL },
	[STMT_CHECK_ITEM_MOVE] = { "check_item_move",
		"UPDATE check_items SET region_code = $2, industry_id = NULLIF($3, 0) WHERE id = $1", NULL },
	[STMT_CHECK_TASKS_MOVE] = { "check_tasks_move",
		"UPDATE check_tasks SET region_code = $2, industry_id = NULLIF($3, 0) "
		"WHERE enterprise_id = $1", NULL },
	[STMT_HAZARD_IDS_OF_ENTERPRISE] = { "hazard_ids_of_enterprise",
		"SELECT id FROM hazards WHERE enterprise_id = $1 ORDER BY id", NULL },
	/* (the kept hazard counts follow through their triggers) */
	[STMT_HAZARD_MOVE] = { "hazard_move",
		"UPDATE hazards SET region_code = $2, industry_id = NULLIF($3, 0) WHERE id = $1", NULL },
	[STMT_RISK_COUNT_ADD] = { "risk_count_add",
		"INSERT INTO risk_counts (region_code, industry_id, level, n) VALUES ($1, $2, $3, $4) "
		"ON CONFLICT (region_code, industry_id, level) DO UPDATE SET n = risk_counts.n + excluded.n",
		NULL },
	[STMT_RISK_STATS_SCAN] = { "risk_stats_scan",
		"SELECT r.region_code, COALESCE(r.industry_id, 0), r.level, COUNT(*) "
		"FROM risk_points r WHERE " SCOPE_ENT("r") " AND r.region_code BETWEEN $5 AND $6 "
		"AND ($7 = 0 OR r.industry_id = $7) AND r.active = 1 GROUP BY 1, 2, 3",
		NULL },
	/* Enterprises by region, industry and colour, the same way. */
	[STMT_RISK_STATS_ORGS] = { "risk_stats_orgs",
		"SELECT k.region_code, k.industry_id, k.colour, k.n FROM colour_counts k "
		"WHERE k.region_code BETWEEN $1 AND $2 AND $3 = 0 "
		"AND ($4 = 0 OR k.industry_id IN (SELECT industry_id FROM org_industries WHERE org_id = $4)) "
		"AND k.region_code BETWEEN $5 AND $6 AND ($7 = 0 OR k.industry_id = $7) AND k.n <> 0",
		NULL },
	[STMT_RISK_STATS_ORGS_SCAN] = { "risk_stats_orgs_scan",
		"SELECT o.region_code, COALESCE(o.industry_id, 0), o.risk_colour, COUNT(*) "
		"FROM orgs o WHERE " SCOPE_ORG " AND o.kind = 3 AND o.region_code BETWEEN $5 AND $6 "
		"AND ($7 = 0 OR o.industry_id = $7) GROUP BY 1, 2, 3",
		NULL },

	[STMT_CHECK_ITEM_INSERT] = { "check_item_insert",
		"INSERT INTO check_items (risk_id, enterprise_id, region_code, industry_id, measure, what, "
		"how, cadence, tier, responsible, active, version, created_at, updated_at) VALUES ($1, $2, "
		"$3, $4, $5, $6, $7, $8, $9, $10, 1, 1, $11, $11) RETURNING id", NULL },
	[STMT_CHECK_ITEM_GET] = { "check_item_get",
		"SELECT " CI_COLS CI_FROM "WHERE " SCOPE_ENT("c") " AND c.id = $5", NULL },
	[STMT_CHECK_ITEM_UPDATE] = { "check_item_update",
		"UPDATE check_items SET measure = $2, what = $3, how = $4, cadence = $5, tier = $6, "
		"responsible = $7, active = $8, live = CASE WHEN $8 = 1 AND (SELECT r.active FROM "
		"risk_points r WHERE r.id = check_items.risk_id) = 1 THEN 1 ELSE 0 END, updated_at = $9, "
		"version = version + 1 WHERE id = $1 AND version = $10", NULL },
	[STMT_CHECK_ITEM_LIST] = { "check_item_list",
		"SELECT " CI_COLS CI_FROM "WHERE " SCOPE_ENT("c") CI_FILTER
		" AND c.id > $9 ORDER BY c.id LIMIT $10", NULL },
	[STMT_CHECK_ITEM_COUNT] = { "check_item_count",
		"SELECT COUNT(*) FROM check_items c WHERE " SCOPE_ENT("c") CI_FILTER, NULL },
	/* How far the enterprises of check items reach, and how many items
	 * there are at most: the scheduler's page width. */
	[STMT_CHECK_ITEM_MAX_ID] = { "check_item_max_id",
		"SELECT (SELECT COALESCE(MAX(id), 0) FROM check_items), "
		"(SELECT COALESCE(MAX(enterprise_id), 0) FROM check_items)", NULL },
	/* The tasks of cadence $1's period $2 (from $3, due $4, made at $5) for
	 * its live items of the enterprises with ids in ($6, $7], enterprise by
	 * enterprise: a page then touches one stretch of the tasks' enterprise
	 * index however the items' ids are spread. One per item and period, so
	 * a rerun makes only what is missing. */
	[STMT_CHECK_TASKS_GENERATE] = { "check_tasks_generate",
		"INSERT INTO check_tasks (item_id, risk_id, enterprise_id, region_code, industry_id, "
		"period, start_on, due, status, created_at) SELECT c.id, c.risk_id, c.enterprise_id, "
		"c.region_code, c.industry_id, $2, $3, $4, 0, $5 FROM check_items c "
		"WHERE c.enterprise_id > $6 AND c.enterprise_id <= $7 AND c.cadence = $1 AND c.live = 1 "
		"ORDER BY c.enterprise_id, c.id ON CONFLICT (item_id, period) DO NOTHING", NULL },
	/* The same for item $6 when it is live and of cadence $1. */
	[STMT_CHECK_TASKS_GENERATE_ITEM] = { "check_tasks_generate_item",
		"INSERT INTO check_tasks (item_id, risk_id, enterprise_id, region_code, industry_id, "
		"period, start_on, due, status, created_at) SELECT c.id, c.risk_id, c.enterprise_id, "
		"c.region_code, c.industry_id, $2, $3, $4, 0, $5 FROM check_items c "
		"WHERE c.id = $6 AND c.cadence = $1 AND c.live = 1 "
		"ON CONFLICT (item_id, period) DO NOTHING", NULL },
	/* The same for the live items of cadence $1 of risk point $6. */
	[STMT_CHECK_TASKS_GENERATE_RISK] = { "check_tasks_generate_risk",
		"INSERT INTO check_tasks (item_id, risk_id, enterprise_id, region_code, industry_id, "
		"period, start_on, due, status, created_at) SELECT c.id, c.risk_id, c.enterprise_id, "
		"c.region_code, c.industry_id, $2, $3, $4, 0, $5 FROM check_items c "
		"WHERE c.cadence = $1 AND c.live = 1 AND c.risk_id = $6 "
		"ON CONFLICT (item_id, period) DO NOTHING", NULL },
	/* Risk point $1 (re)activated ($2 = 1) or retired: its items follow. */
	[STMT_CHECK_ITEMS_LIVE] = { "check_items_live",
		"UPDATE check_items SET live = CASE WHEN active = 1 AND $2 = 1 THEN 1 ELSE 0 END "
		"WHERE risk_id = $1", NULL },
	[STMT_CHECK_JOB_DAY] = { "check_job_day",
		"SELECT day FROM check_job_days WHERE name = $1", NULL },
	[STMT_CHECK_JOB_DAY_SET] = { "check_job_day_set",
		"INSERT INTO check_job_days (name, day) VALUES ($1, $2) "
		"ON CONFLICT (name) DO UPDATE SET day = excluded.day", NULL },
	[STMT_CHECK_TASK_GET] = { "check_task_get",
		"SELECT " CT_COLS CT_FROM "WHERE " SCOPE_ENT("t") " AND t.id = $5", NULL },
	[STMT_CHECK_TASK_LIST] = { "check_task_list",
		"SELECT " CT_COLS CT_FROM "WHERE " SCOPE_ENT("t") CT_FILTER
		" AND t.id > $13 ORDER BY t.id LIMIT $14", NULL },
	[STMT_CHECK_TASK_COUNT] = { "check_task_count",
		"SELECT COUNT(*) FROM check_tasks t WHERE " SCOPE_ENT("t") CT_FILTER, NULL },
	[STMT_CHECK_RECORD_INSERT] = { "check_record_insert",
		"INSERT INTO check_records (task_id, result, note, hazard_id, checked_by, checked_at, late) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (task_id) DO NOTHING RETURNING id", NULL },
	[STMT_CHECK_TASK_DONE] = { "check_task_done",
		"UPDATE check_tasks SET status = 1 WHERE id = $1 AND status = 0", NULL },
	/* Every row in id order, a page after id $1 of $2: audit verify. */
	[STMT_RISK_ALL] = { "risk_all",
		"SELECT " RISK_COLS RISK_FROM "WHERE r.id > $1 ORDER BY r.id LIMIT $2", NULL },
	[STMT_CHECK_ITEM_ALL] = { "check_item_all",
		"SELECT " CI_COLS CI_FROM "WHERE c.id > $1 ORDER BY c.id LIMIT $2", NULL },
	/* The enterprises of the four-colour map: those with a colour that s
	 * sees in region range $5/$6, industry $7 (0 any), colour $8 ('' any),
	 * placed ones most severe first (red are never the ones a limit, $9,
	 * cuts), and the count of those without coordinates. The region index
	 * reads the range; the sort is of the rows returned. */
	[STMT_RISK_MAP] = { "risk_map",
		"SELECT o.id, o.lat, o.lon, o.risk_colour, o.name, o.region_code " RISK_MAP_WHERE
		"AND o.lat IS NOT NULL AND o.lon IS NOT NULL ORDER BY CASE o.risk_colour "
		"WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 ELSE 3 END, o.id LIMIT $9",
		NULL },
	[STMT_RISK_MAP_UNPLACED] = { "risk_map_unplaced",
		"SELECT COUNT(*) " RISK_MAP_WHERE "AND (o.lat IS NULL OR o.lon IS NULL)", NULL },

	/* ---- the enterprises' yearly risk reports (风险清单及年度风险分析) ---- */
	[STMT_RISK_REPORT_INSERT] = { "risk_report_insert",
		"INSERT INTO risk_reports (enterprise_id, region_code, industry_id, year, status, "
		"analysis, principal, created_by, created_at, updated_at, version) "
		"VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $8, 1) "
		"ON CONFLICT (enterprise_id, year) DO NOTHING RETURNING id", NULL },
	[STMT_RISK_REPORT_GET] = { "risk_report_get",
		"SELECT " RR_COLS RR_FROM "WHERE " SCOPE_ENT("r") " AND r.id = $5", NULL },
	[STMT_RISK_REPORT_UPDATE] = { "risk_report_update",
		"UPDATE risk_reports SET analysis = $2, principal = $3, updated_at = $4, "
		"version = version + 1 WHERE id = $1 AND version = $5 AND status = 0", NULL },
	/* The enterprise's ($2) current risk list, copied into report $1. A
	 * concurrent submit of the same draft (PostgreSQL) copies nothing twice:
	 * it then fails on the version and rolls back. */
	[STMT_RISK_REPORT_SNAPSHOT] = { "risk_report_snapshot",
		"INSERT INTO risk_report_items (report_id, risk_id, name, kind, location, level, "
		"score100, method, tier, responsible) SELECT $1, p.id, p.name, p.kind, p.location, "
		"p.level, p.score100, p.method, p.tier, p.responsible FROM risk_points p "
		"WHERE p.enterprise_id = $2 AND p.active = 1 "
		"ON CONFLICT (report_id, risk_id) DO NOTHING", NULL },
	/* Submit draft $1 at version $7: the counts from its snapshot. */
	[STMT_RISK_REPORT_SUBMIT] = { "risk_report_submit",
		"UPDATE risk_reports SET status = 1, principal = $2, submitted_at = $3, submitted_by = $4, "
		"late = $5, due = $6, n_red = " RR_ITEMS("3") ", n_orange = " RR_ITEMS("2")
		", n_yellow = " RR_ITEMS("1") ", n_blue = " RR_ITEMS("0") ", n_total = "
		"(SELECT COUNT(*) FROM risk_report_items i WHERE i.report_id = $1), updated_at = $3, "
		"version = version + 1 WHERE id = $1 AND version = $7 AND status = 0", NULL },
	[STMT_RISK_REPORT_ITEMS] = { "risk_report_items",
		"SELECT i.risk_id, i.name, i.kind, i.location, i.level, i.score100, i.method, i.tier, "
		"i.responsible FROM risk_report_items i WHERE i.report_id = $1 "
		"ORDER BY i.level DESC, i.risk_id", NULL },
	[STMT_RISK_REPORT_LIST] = { "risk_report_list",
		"SELECT " RR_COLS RR_FROM "WHERE " SCOPE_ENT("r") RR_FILTER
		" AND r.id > $10 ORDER BY r.id LIMIT $11", NULL },
	[STMT_RISK_REPORT_COUNT] = { "risk_report_count",
		"SELECT COUNT(*) FROM risk_reports r WHERE " SCOPE_ENT("r") RR_FILTER, NULL },
	/* Operating enterprises in scope without a submitted report of year $5
	 * ($6/$7 region range, $8 industry or 0), with their draft's id or 0. */
	[STMT_RISK_REPORT_MISSING] = { "risk_report_missing",
		"SELECT o.id, o.name, o.region_code, COALESCE(o.industry_id, 0), "
		"COALESCE((SELECT d.id FROM risk_reports d WHERE d.enterprise_id = o.id "
		"AND d.year = $5), 0) FROM orgs o WHERE " SCOPE_ORG RR_MISSING
		" AND o.id > $9 ORDER BY o.id LIMIT $10", NULL },
	[STMT_RISK_REPORT_MISSING_COUNT] = { "risk_report_missing_count",
		"SELECT COUNT(*) FROM orgs o WHERE " SCOPE_ORG RR_MISSING, NULL },
	/* Tell every operating enterprise without a submitted report of year
	 * $1 (kind $2, title $3, due $4), once: not those told already. */
	[STMT_RISK_REPORT_NOTIFY] = { "risk_report_notify",
		"INSERT INTO notifications (org_id, kind, hazard_id, title, due, created_at) "
		"SELECT o.id, $2, NULL, $3, $4, $5 FROM orgs o WHERE o.kind = 3 AND o.status = 0 "
		"AND NOT EXISTS (SELECT 1 FROM risk_reports r WHERE r.enterprise_id = o.id "
		"AND r.year = $1 AND r.status = 1) AND NOT EXISTS (SELECT 1 FROM notifications n "
		"WHERE n.org_id = o.id AND n.kind = $2 AND n.due = $4)", NULL },

	[STMT_ATTACHMENT_INSERT] = { "attachment_insert",
		"INSERT INTO attachments (hazard_id, sha256, kind, mime, size, name, uploaded_by, at) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (hazard_id, sha256, kind) DO NOTHING",
		NULL },
	[STMT_ATTACHMENT_LIST] = { "attachment_list",
		"SELECT sha256, kind, mime, size, name, uploaded_by, at FROM attachments "
		"WHERE hazard_id = $1 ORDER BY id", NULL },
	[STMT_ATTACHMENT_GET] = { "attachment_get",
		"SELECT sha256, kind, mime, size, name, uploaded_by, at FROM attachments "
		"WHERE hazard_id = $1 AND sha256 = $2 ORDER BY id LIMIT 1", NULL },
	[STMT_ATTACHMENT_GET_KIND] = { "attachment_get_kind",
		"SELECT sha256, kind, mime, size, name, uploaded_by, at FROM attachments "
		"WHERE hazard_id = $1 AND sha256 = $2 AND kind = $3", NULL },
	/* The task and month of progress report $1, and its filing instant. */
	[STMT_TASK_REPORT_OF] = { "task_report_of",
		"SELECT task_id, period, submitted_at FROM task_reports WHERE id = $1", NULL },
	[STMT_TASK_ATTACHMENT_INSERT] = { "task_attachment_insert",
		"INSERT INTO task_report_attachments (report_id, sha256, mime, size, name, uploaded_by, "
		"at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (report_id, sha256) DO NOTHING",
		NULL },
	[STMT_TASK_ATTACHMENT_COUNT] = { "task_attachment_count",
		"SELECT COUNT(*) FROM task_report_attachments WHERE report_id = $1", NULL },
	[STMT_TASK_ATTACHMENT_LIST] = { "task_attachment_list",
		"SELECT sha256, mime, size, name, uploaded_by, at FROM task_report_attachments "
		"WHERE report_id = $1 ORDER BY id", NULL },
	[STMT_TASK_ATTACHMENT_GET] = { "task_attachment_get",
		"SELECT sha256, mime, size, name, uploaded_by, at FROM task_report_attachments "
		"WHERE report_id = $1 AND sha256 = $2", NULL },

	/* Live hazards due exactly on $1 (today + 3), or overdue (before $2,
	 * today) and not yet told so; a page after id $3 of at most $4. The
	 * status list and `due` let the (status, due) index answer it. */
	[STMT_JOBS_DUE] = { "jobs_due",
		"SELECT h.id, h.code, h.title, h.enterprise_id, h.region_code, "
		"COALESCE(h.industry_id, 0), h.grade, h.deadline FROM hazards h "
		"WHERE h.status IN (0, 1, 2) AND (h.due = $1 OR (h.due < $2 AND NOT EXISTS "
		"(SELECT 1 FROM notifications n WHERE n.hazard_id = h.id AND n.kind = 'overdue' "
		"AND n.due = h.deadline))) AND h.id > $3 ORDER BY h.id LIMIT $4", NULL },

#define HR_COLS \
	"r.id, r.enterprise_id, COALESCE(o.name, ''), r.region_code, r.period, r.due, r.found, " \
	"r.closed, r.open, r.overdue, r.major_found, r.major_closed, r.status, " \
	"COALESCE(r.confirmed_by, 0), r.submitted_at, r.late, r.note, r.version, r.created_at"
	/* An enterprise's ($1) counts for the period [$2, $3]: found, closed in
	 * it, open at its end, of those overdue, major found, major closed. */
	[STMT_REPORT_COUNTS] = { "report_counts",
		"SELECT COUNT(*) FILTER (WHERE h.found_at BETWEEN $2 AND $3 AND h.status <> 4), "
		"COUNT(*) FILTER (WHERE h.status = 3 AND h.closed_on BETWEEN $2 AND $3), "
		"COUNT(*) FILTER (WHERE h.status <> 4 AND h.found_at <= $3 AND "
		"(h.status < 3 OR h.closed_on > $3)), "
		"COUNT(*) FILTER (WHERE h.status <> 4 AND h.found_at <= $3 AND "
		"(h.status < 3 OR h.closed_on > $3) AND h.deadline <> '' AND h.deadline < $3), "
		"COUNT(*) FILTER (WHERE h.grade = 1 AND h.status <> 4 AND h.found_at BETWEEN $2 AND $3), "
		"COUNT(*) FILTER (WHERE h.grade = 1 AND h.status = 3 AND h.closed_on BETWEEN $2 AND $3) "
		"FROM hazards h WHERE h.enterprise_id = $1", NULL },
	[STMT_REPORT_UPSERT_DRAFT] = { "report_upsert_draft",
		"INSERT INTO hazard_reports (enterprise_id, region_code, industry_id, period, due, "
		"found, closed, open, overdue, major_found, major_closed, status, version, created_at, "
		"updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, 1, $12, $12) "
		"ON CONFLICT (enterprise_id, period) DO UPDATE SET found = excluded.found, "
		"closed = excluded.closed, open = excluded.open, overdue = excluded.overdue, "
		"major_found = excluded.major_found, major_closed = excluded.major_closed, "
		"updated_at = excluded.updated_at, version = hazard_reports.version + 1 "
		"WHERE hazard_reports.status = 0 RETURNING id", NULL },
	[STMT_REPORT_GET] = { "report_get",
		"SELECT " HR_COLS " FROM hazard_reports r JOIN orgs o ON o.id = r.enterprise_id "
		"WHERE " SCOPE_ORG " AND r.id = $5", NULL },
	[STMT_REPORT_SUBMIT] = { "report_submit",
		"UPDATE hazard_reports SET status = 1, confirmed_by = $2, submitted_at = $3, late = $4, "
		"note = $5, updated_at = $3, version = version + 1 "
		"WHERE id = $1 AND version = $6 AND status = 0", NULL },
	[STMT_REPORT_LIST] = { "report_list",
		"SELECT " HR_COLS " FROM hazard_reports r JOIN orgs o ON o.id = r.enterprise_id "
		"WHERE " SCOPE_ORG " AND r.period = $5 AND ($6 < 0 OR r.status = $6) "
		"AND ($7 = 0 OR r.late = 1) AND r.id > $8 ORDER BY r.id LIMIT $9", NULL },
	/* Enterprises in scope with no submitted report for the period. */
	[STMT_REPORT_MISSING] = { "report_missing",
		"SELECT o.id, o.name, o.region_code FROM orgs o WHERE " SCOPE_ORG " AND o.kind = 3 "
		"AND o.status = 0 AND NOT EXISTS (SELECT 1 FROM hazard_reports r WHERE "
		"r.enterprise_id = o.id AND r.period = $5 AND r.status = 1) AND o.id > $6 "
		"ORDER BY o.id LIMIT $7", NULL },

	/* Plans are seen by the orgs of their region subtree ($1/$2); an
	 * enterprise sees none ($3 <> 0 excludes). */
	[STMT_PLAN_INSERT] = { "plan_insert",
		"INSERT INTO plans (title, issuer, doc_number, issued_on, region_code, period_start, "
		"period_end, report_day, source, status, created_by, version, created_at, updated_at) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, 1, $11, $11) RETURNING id", NULL },
	[STMT_PLAN_NODE_INSERT] = { "plan_node_insert",
		"INSERT INTO plan_nodes (plan_id, seq, parent_seq, kind, label, title, line, deadline, "
		"lead, co, localities, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
		NULL },
	[STMT_PLAN_GET] = { "plan_get",
		"SELECT p.id, p.title, p.issuer, p.doc_number, p.issued_on, p.region_code, "
		"p.period_start, p.period_end, p.report_day, p.status, p.version, p.created_at, "
		"(SELECT COUNT(*) FROM plan_nodes n WHERE n.plan_id = p.id), "
		"(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id), p.year_report_day FROM plans p "
		"WHERE p.id = $4 AND $3 = 0 AND p.region_code BETWEEN $1 AND $2", NULL },
	[STMT_PLAN_LIST] = { "plan_list",
		"SELECT p.id, p.title, p.issuer, p.doc_number, p.issued_on, p.region_code, "
		"p.period_start, p.period_end, p.report_day, p.status, p.version, p.created_at, "
		"(SELECT COUNT(*) FROM plan_nodes n WHERE n.plan_id = p.id), "
		"(SELECT COUNT(*) FROM tasks t WHERE t.plan_id = p.id), p.year_report_day FROM plans p "
		"WHERE $3 = 0 AND p.region_code BETWEEN $1 AND $2 AND p.id > $4 ORDER BY p.id LIMIT $5",
		NULL },
	[STMT_PLAN_NODES] = { "plan_nodes",
		"SELECT seq, parent_seq, kind, label, title, line, deadline, lead, co, localities, detail "
		"FROM plan_nodes WHERE plan_id = $1 ORDER BY seq", NULL },
	[STMT_PLAN_PUBLISH] = { "plan_publish",
		"UPDATE plans SET status = 1, version = version + 1, updated_at = $2 "
		"WHERE id = $1 AND version = $3 AND status = 0", NULL },
	[STMT_UNIT_MAPPING_SET] = { "unit_mapping_set",
		"INSERT INTO unit_mappings (region_code, name, org_id) VALUES ($1, $2, $3) "
		"ON CONFLICT (region_code, name) DO UPDATE SET org_id = excluded.org_id", NULL },
	[STMT_UNIT_MAPPINGS] = { "unit_mappings",
		"SELECT m.name, m.org_id, o.name FROM unit_mappings m JOIN orgs o ON o.id = m.org_id "
		"WHERE m.region_code = $1 ORDER BY m.name", NULL },
	[STMT_TASK_INSERT] = { "task_insert",
		"INSERT INTO tasks (plan_id, node_seq, org_id, region_code, role, title, deadline, status, "
		"version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 1, $8, $8) "
		"ON CONFLICT (plan_id, node_seq, org_id) DO NOTHING", NULL },
	/* Tasks of the orgs s sees (SCOPE_ORG over the task's org). */
	[STMT_TASK_COUNT] = { "task_count",
		"SELECT COUNT(*) FROM tasks t JOIN orgs o ON o.id = t.org_id WHERE " SCOPE_ORG
		" AND ($5 = 0 OR t.plan_id = $5) AND ($6 = 0 OR t.org_id = $6) "
		"AND ($7 = 0 OR (t.status < 2 AND t.deadline <> '' AND t.deadline < $8))", NULL },
	[STMT_PLAN_COUNT] = { "plan_count",
		"SELECT COUNT(*) FROM plans p WHERE $3 = 0 AND p.region_code BETWEEN $1 AND $2", NULL },
	[STMT_PLAN_SOURCE] = { "plan_source",
		"SELECT p.source FROM plans p WHERE p.id = $4 AND $3 = 0 "
		"AND p.region_code BETWEEN $1 AND $2", NULL },
	[STMT_REPORT_COUNT] = { "report_count",
		"SELECT COUNT(*) FROM hazard_reports r JOIN orgs o ON o.id = r.enterprise_id "
		"WHERE " SCOPE_ORG " AND r.period = $5 AND ($6 < 0 OR r.status = $6) "
		"AND ($7 = 0 OR r.late = 1)", NULL },
	[STMT_REPORT_MISSING_COUNT] = { "report_missing_count",
		"SELECT COUNT(*) FROM orgs o WHERE " SCOPE_ORG " AND o.kind = 3 "
		"AND o.status = 0 AND NOT EXISTS (SELECT 1 FROM hazard_reports r WHERE "
		"r.enterprise_id = o.id AND r.period = $5 AND r.status = 1)", NULL },
	[STMT_TASK_LIST] = { "task_list",
		"SELECT t.id, t.plan_id, t.node_seq, t.org_id, o.name, t.role, t.title, t.deadline, "
		"t.status, t.version, t.percent FROM tasks t JOIN orgs o ON o.id = t.org_id WHERE " SCOPE_ORG
		" AND ($5 = 0 OR t.plan_id = $5) AND ($6 = 0 OR t.org_id = $6) "
		"AND ($7 = 0 OR (t.status < 2 AND t.deadline <> '' AND t.deadline < $8)) "
		"AND t.id > $9 ORDER BY t.id LIMIT $10", NULL },

	/* One task of an org s sees, with its plan's report day. */
	[STMT_TASK_GET] = { "task_get",
		"SELECT t.id, t.plan_id, t.node_seq, t.org_id, o.name, t.role, t.title, t.deadline, "
		"t.status, t.version, t.percent, p.report_day, t.region_code FROM tasks t "
		"JOIN orgs o ON o.id = t.org_id JOIN plans p ON p.id = t.plan_id "
		"WHERE " SCOPE_ORG " AND t.id = $5", NULL },
	[STMT_TASK_REPORT_INSERT] = { "task_report_insert",
		"INSERT INTO task_reports (task_id, period, text, percent, due, late, reporter_id, "
		"submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
		"ON CONFLICT (task_id, period) DO NOTHING RETURNING id", NULL },
	[STMT_TASK_PROGRESS] = { "task_progress",
		"UPDATE tasks SET percent = $2, status = $3, updated_at = $4, version = version + 1 "
		"WHERE id = $1", NULL },
	[STMT_TASK_REPORTS] = { "task_reports",
		"SELECT r.id, r.task_id, r.period, r.text, r.percent, r.due, r.late, r.submitted_at, "
		"COALESCE(u.name, ''), o.name FROM task_reports r JOIN tasks t ON t.id = r.task_id "
		"JOIN orgs o ON o.id = t.org_id LEFT JOIN users u ON u.id = r.reporter_id "
		"WHERE r.task_id = $1 ORDER BY r.id DESC", NULL },
	/* The office's board: every task of plan $5 that s sees, with its report
	 * of period $6 if any; keyset after task $7, $8 rows. */
	[STMT_PLAN_REPORTING] = { "plan_reporting",
		"SELECT t.id, t.title, t.org_id, o.name, t.deadline, "
		"CASE WHEN r.id IS NULL THEN 0 ELSE 1 END, COALESCE(r.late, 0), COALESCE(r.percent, 0), "
		"COALESCE(r.submitted_at, '') FROM tasks t JOIN orgs o ON o.id = t.org_id "
		"LEFT JOIN task_reports r ON r.task_id = t.id AND r.period = $6 "
		"WHERE " SCOPE_ORG " AND t.plan_id = $5 AND t.id > $7 ORDER BY t.id LIMIT $8", NULL },
	[STMT_PLAN_REPORTING_COUNT] = { "plan_reporting_count",
		"SELECT COUNT(*), COUNT(r.id) FROM tasks t JOIN orgs o ON o.id = t.org_id "
		"LEFT JOIN task_reports r ON r.task_id = t.id AND r.period = $6 "
		"WHERE " SCOPE_ORG " AND t.plan_id = $5", NULL },

	/* ---- the two lists, notices, yearly and final reports (store_lists.c) ---- */
	/* Entries of the orgs s sees ($1–$4); $5 the only org a reader may see
	 * (0: any — office, admin, leader). */
	[STMT_PROBLEM_INSERT] = { "problem_insert",
		"INSERT INTO plan_problems (plan_id, org_id, region_code, task_id, hazard_id, description, "
		"found_on, measures, responsible, deadline, status, closed_on, created_by, version, "
		"created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
		"1, $14, $14) RETURNING id", NULL },
	[STMT_PROBLEM_GET] = { "problem_get",
		"SELECT " PROBLEM_COLS PROBLEM_FROM "WHERE " SCOPE_ORG " AND ($5 = 0 OR x.org_id = $5) "
		"AND x.id = $6", NULL },
	[STMT_PROBLEM_UPDATE] = { "problem_update",
		"UPDATE plan_problems SET task_id = $2, description = $3, found_on = $4, measures = $5, "
		"responsible = $6, deadline = $7, status = $8, closed_on = $9, updated_at = $10, "
		"version = version + 1 WHERE id = $1 AND version = $11", NULL },
	[STMT_PROBLEM_LIST] = { "problem_list",
		"SELECT " PROBLEM_COLS PROBLEM_FROM "WHERE " SCOPE_ORG " AND ($5 = 0 OR x.org_id = $5) "
		"AND x.plan_id = $6 AND ($7 = 0 OR x.org_id = $7) AND x.id > $8 ORDER BY x.id LIMIT $9",
		NULL },
	[STMT_PROBLEM_COUNT] = { "problem_count",
		"SELECT COUNT(*) FROM plan_problems x JOIN orgs o ON o.id = x.org_id WHERE " SCOPE_ORG
		" AND ($5 = 0 OR x.org_id = $5) AND x.plan_id = $6 AND ($7 = 0 OR x.org_id = $7)", NULL },
	[STMT_MEASURE_INSERT] = { "measure_insert",
		"INSERT INTO plan_measures (plan_id, org_id, region_code, task_id, kind, title, "
		"description, status, doc_number, issued_on, created_by, version, created_at, updated_at) "
		"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12) RETURNING id", NULL },
	[STMT_MEASURE_GET] = { "measure_get",
		"SELECT " MEASURE_COLS MEASURE_FROM "WHERE " SCOPE_ORG " AND ($5 = 0 OR x.org_id = $5) "
		"AND x.id = $6", NULL },
	[STMT_MEASURE_UPDATE] = { "measure_update",
		"UPDATE plan_measures SET task_id = $2, kind = $3, title = $4, description = $5, "
		"status = $6, doc_number = $7, issued_on = $8, updated_at = $9, version = version + 1 "
		"WHERE id = $1 AND version = $10", NULL },
	[STMT_MEASURE_LIST] = { "measure_list",
		"SELECT " MEASURE_COLS MEASURE_FROM "WHERE " SCOPE_ORG " AND ($5 = 0 OR x.org_id = $5) "
		"AND x.plan_id = $6 AND ($7 = 0 OR x.org_id = $7) AND x.id > $8 ORDER BY x.id LIMIT $9",
		NULL },
	[STMT_MEASURE_COUNT] = { "measure_count",
		"SELECT COUNT(*) FROM plan_measures x JOIN orgs o ON o.id = x.org_id WHERE " SCOPE_ORG
		" AND ($5 = 0 OR x.org_id = $5) AND x.plan_id = $6 AND ($7 = 0 OR x.org_id = $7)", NULL },
	[STMT_PLAN_ORG_TASKS] = { "plan_org_tasks",
		"SELECT COUNT(*) FROM tasks WHERE plan_id = $1 AND org_id = $2", NULL },
	[STMT_NOTICE_SEQ_NEXT] = { "notice_seq_next",
		"INSERT INTO notice_seq (issuer_org_id, kind, year, last) VALUES ($1, $2, $3, 1) "
		"ON CONFLICT (issuer_org_id, kind, year) DO UPDATE SET last = notice_seq.last + 1 "
		"RETURNING last", NULL },
	[STMT_NOTICE_INSERT] = { "notice_insert",
		"INSERT INTO notices (code, kind, issuer_org_id, region_code, year, seq, plan_id, title, "
		"body, issued_on, due_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		"$9, $10, $11, $12, $13) RETURNING id", NULL },
	[STMT_NOTICE_TARGET_INSERT] = { "notice_target_insert",
		"INSERT INTO notice_targets (notice_id, org_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
		NULL },
	[STMT_NOTICE_CITE_INSERT] = { "notice_cite_insert",
		"INSERT INTO notice_cites (notice_id, kind, ref_id) VALUES ($1, $2, $3) "
		"ON CONFLICT DO NOTHING", NULL },
	/* Notices a reader sees: $1/$2 the region range of those it sees all of
	 * when $3 = 1 (office, admin, leader); always those its org $4 issued or
	 * is a target of. */
	[STMT_NOTICE_GET] = { "notice_get",
		"SELECT " NOTICE_COLS " FROM notices n JOIN orgs io ON io.id = n.issuer_org_id WHERE "
		NOTICE_VIS " AND n.id = $5", NULL },
	[STMT_NOTICE_LIST] = { "notice_list",
		"SELECT " NOTICE_COLS " FROM notices n JOIN orgs io ON io.id = n.issuer_org_id WHERE "
		NOTICE_VIS NOTICE_FILTER " AND ($8 = 0 OR n.id < $8) ORDER BY n.id DESC LIMIT $9", NULL },
	[STMT_NOTICE_COUNT] = { "notice_count",
		"SELECT COUNT(*) FROM notices n WHERE " NOTICE_VIS NOTICE_FILTER, NULL },
	[STMT_NOTICE_TARGETS] = { "notice_targets",
		"SELECT x.org_id, o.name, x.reply, x.replied_at, COALESCE(u.name, '') "
		"FROM notice_targets x JOIN orgs o ON o.id = x.org_id "
		"LEFT JOIN users u ON u.id = x.replied_by WHERE x.notice_id = $1 ORDER BY x.org_id", NULL },
	[STMT_NOTICE_CITES] = { "notice_cites",
		"SELECT c.kind, c.ref_id, COALESCE(t.title, h.title, ''), COALESCE(h.code, '') "
		"FROM notice_cites c LEFT JOIN tasks t ON c.kind = 'task' AND t.id = c.ref_id "
		"LEFT JOIN hazards h ON c.kind = 'hazard' AND h.id = c.ref_id "
		"WHERE c.notice_id = $1 ORDER BY c.kind DESC, c.ref_id", NULL },
	[STMT_NOTICE_TARGET_GET] = { "notice_target_get",
		"SELECT replied_at FROM notice_targets WHERE notice_id = $1 AND org_id = $2", NULL },
	[STMT_NOTICE_REPLY] = { "notice_reply",
		"UPDATE notice_targets SET reply = $3, replied_at = $4, replied_by = $5 "
		"WHERE notice_id = $1 AND org_id = $2 AND replied_at = ''", NULL },
	[STMT_PLAN_REPORT_INSERT] = { "plan_report_insert",
		"INSERT INTO plan_reports (plan_id, org_id, region_code, period, text, due, late, "
		"reporter_id, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
		"ON CONFLICT (plan_id, org_id, period) DO NOTHING RETURNING id", NULL },
	/* The orgs s sees that have tasks in plan $5, with their report of
	 * period $6 if any; keyset after org $7, $8 rows. */
	[STMT_PLAN_REPORT_BOARD] = { "plan_report_board",
		"SELECT o.id, o.name, COALESCE(r.id, 0), COALESCE(r.late, 0), "
		"COALESCE(r.submitted_at, ''), COALESCE(r.text, ''), COALESCE(u.name, '') FROM orgs o "
		"LEFT JOIN plan_reports r ON r.plan_id = $5 AND r.org_id = o.id AND r.period = $6 "
		"LEFT JOIN users u ON u.id = r.reporter_id WHERE " SCOPE_ORG
		" AND o.id IN (SELECT t.org_id FROM tasks t WHERE t.plan_id = $5) AND o.id > $7 "
		"ORDER BY o.id LIMIT $8", NULL },
	[STMT_PLAN_REPORT_BOARD_COUNT] = { "plan_report_board_count",
		"SELECT COUNT(*), COUNT(r.id) FROM orgs o "
		"LEFT JOIN plan_reports r ON r.plan_id = $5 AND r.org_id = o.id AND r.period = $6 "
		"WHERE " SCOPE_ORG " AND o.id IN (SELECT t.org_id FROM tasks t WHERE t.plan_id = $5)",
		NULL },
	[STMT_PLAN_SET_DAYS] = { "plan_set_days",
		"UPDATE plans SET report_day = $2, year_report_day = $3, version = version + 1, "
		"updated_at = $4 WHERE id = $1 AND version = $5", NULL },
	/* The assessment's configuration of plan $1 (none: the defaults). */
	[STMT_ASSESS_CONFIG_GET] = { "assess_config_get",
		"SELECT w_report, w_tasks, w_targets, w_major, w_overdue, band_excellent, band_good, "
		"band_pass, veto_major_overdue, veto_task_days, veto_cap, version, updated_at "
		"FROM assess_configs WHERE plan_id = $1", NULL },
	[STMT_ASSESS_CONFIG_INSERT] = { "assess_config_insert",
		"INSERT INTO assess_configs (plan_id, w_report, w_tasks, w_targets, w_major, w_overdue, "
		"band_excellent, band_good, band_pass, veto_major_overdue, veto_task_days, veto_cap, "
		"version, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
		"$12, 1, $13, $14) ON CONFLICT (plan_id) DO NOTHING", NULL },
	[STMT_ASSESS_CONFIG_UPDATE] = { "assess_config_update",
		"UPDATE assess_configs SET w_report = $2, w_tasks = $3, w_targets = $4, w_major = $5, "
		"w_overdue = $6, band_excellent = $7, band_good = $8, band_pass = $9, "
		"veto_major_overdue = $10, veto_task_days = $11, veto_cap = $12, updated_by = $13, "
		"updated_at = $14, version = version + 1 WHERE plan_id = $1 AND version = $15", NULL },
	/* The tasks of plan $5 whose orgs s sees, by org. */
	[STMT_ASSESS_TASKS] = { "assess_tasks",
		"SELECT t.id, t.org_id, o.name, o.kind, o.region_code, t.node_seq, t.title, t.deadline, "
		"t.created_at, t.status, t.percent, t.role FROM tasks t JOIN orgs o ON o.id = t.org_id "
		"WHERE " SCOPE_ORG " AND t.plan_id = $5 ORDER BY t.org_id, t.id", NULL },
	[STMT_ASSESS_REPORTS] = { "assess_reports",
		"SELECT r.task_id, r.period, r.late, r.percent, r.submitted_at FROM task_reports r "
		"JOIN tasks t ON t.id = r.task_id JOIN orgs o ON o.id = t.org_id "
		"WHERE " SCOPE_ORG " AND t.plan_id = $5 ORDER BY r.task_id, r.period", NULL },
	[STMT_ASSESS_ACTUALS] = { "assess_actuals",
		"SELECT r.task_id, a.target, a.value, r.period FROM task_report_actuals a "
		"JOIN task_reports r ON r.id = a.report_id JOIN tasks t ON t.id = r.task_id "
		"JOIN orgs o ON o.id = t.org_id WHERE " SCOPE_ORG " AND t.plan_id = $5 "
		"ORDER BY r.task_id, r.period, a.target", NULL },
	/* The hazards of an org's scope ($1–$4) as of $6 for a period from $5:
	 * major ones live at its start or found in it, of those closed in it;
	 * hazards live at $6, of those overdue; overdue major ones. */
	[STMT_ASSESS_HAZARDS] = { "assess_hazards",
		"SELECT COUNT(*) FILTER (WHERE h.grade = 1 AND h.found_at <= $6 AND "
		"(h.status < 3 OR h.closed_on >= $5)), "
		"COUNT(*) FILTER (WHERE h.grade = 1 AND h.found_at <= $6 AND h.status = 3 AND "
		"h.closed_on BETWEEN $5 AND $6), "
		"COUNT(*) FILTER (WHERE h.found_at <= $6 AND (h.status < 3 OR h.closed_on > $6)), "
		"COUNT(*) FILTER (WHERE h.found_at <= $6 AND (h.status < 3 OR h.closed_on > $6) "
		"AND h.deadline <> '' AND h.deadline < $6), "
		"COUNT(*) FILTER (WHERE h.grade = 1 AND h.found_at <= $6 AND (h.status < 3 OR "
		"h.closed_on > $6) AND h.deadline <> '' AND h.deadline < $6) "
		"FROM hazards h WHERE " SCOPE_HAZARD " AND h.status <> 4", NULL },
	[STMT_TASK_ACTUAL_INSERT] = { "task_actual_insert",
		"INSERT INTO task_report_actuals (report_id, target, value) VALUES ($1, $2, $3)", NULL },
	[STMT_TASK_ACTUALS] = { "task_actuals",
		"SELECT target, value FROM task_report_actuals WHERE report_id = $1 ORDER BY target",
		NULL },

	/* ---- inspections (DESIGN §3.4) ---- */
	/* The next number of a code prefix ("540102-2026"), never reused. */
	[STMT_INSPECTION_SEQ_NEXT] = { "inspection_seq_next",
		"INSERT INTO inspection_seq (prefix, last) VALUES ($1, 1) "
		"ON CONFLICT (prefix) DO UPDATE SET last = inspection_seq.last + 1 RETURNING last", NULL },
	[STMT_INSPECTION_INSERT] = { "inspection_insert",
		"INSERT INTO inspections (code, enterprise_id, region_code, industry_id, org_id, "
		"inspected_on, type, summary, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
		"$7, $8, $9, $10) RETURNING id", NULL },
	[STMT_INSPECTION_INSPECTOR_ADD] = { "inspection_inspector_add",
		"INSERT INTO inspection_inspectors (inspection_id, user_id) VALUES ($1, $2)", NULL },
	/* The enterprise's last inspection only moves forward. */
	[STMT_ORG_INSPECTED] = { "org_inspected",
		"UPDATE orgs SET last_inspected_on = $2 WHERE id = $1 AND last_inspected_on < $2", NULL },
	[STMT_INSPECTION_GET] = { "inspection_get",
		"SELECT " INSP_COLS INSP_FROM "WHERE " SCOPE_ENT("x") " AND x.id = $5", NULL },
	[STMT_INSPECTION_INSPECTORS] = { "inspection_inspectors",
		"SELECT u.id, u.login, u.name, u.role FROM inspection_inspectors k "
		"JOIN users u ON u.id = k.user_id WHERE k.inspection_id = $1 ORDER BY u.id", NULL },
	/* Newest first; $11/$12 the (date, id) cursor ('' and 0: the start), $13 limit. */
	[STMT_INSPECTION_LIST] = { "inspection_list",
		"SELECT " INSP_COLS INSP_FROM "WHERE " SCOPE_ENT("x") INSP_FILTER
		" AND ($11 = '' OR x.inspected_on < $11 OR (x.inspected_on = $11 AND x.id < $12)) "
		"ORDER BY x.inspected_on DESC, x.id DESC LIMIT $13", NULL },
	[STMT_INSPECTION_COUNT] = { "inspection_count",
		"SELECT COUNT(*) FROM inspections x WHERE " SCOPE_ENT("x") INSP_FILTER, NULL },
	/* Oldest last inspection first; $10/$11 the (last, id) cursor ('' and 0:
	 * the start), $12 limit. */
	[STMT_INSPECTION_DUE] = { "inspection_due",
		"SELECT o.id, o.name, o.region_code, COALESCE(r.name, ''), COALESCE(o.industry_id, 0), "
		"COALESCE(i.name, ''), o.risk_colour, o.last_inspected_on FROM orgs o "
		"LEFT JOIN regions r ON r.code = o.region_code LEFT JOIN industries i ON i.id = o.industry_id"
		INSP_DUE_WHERE " AND (o.last_inspected_on > $10 OR (o.last_inspected_on = $10 AND o.id > $11)) "
		"ORDER BY o.last_inspected_on, o.id LIMIT $12", NULL },
	[STMT_INSPECTION_DUE_COUNT] = { "inspection_due_count",
		"SELECT COUNT(*) FROM orgs o" INSP_DUE_WHERE, NULL },
	/* Who of org $1 may inspect: its active inspectors and regulators. */
	[STMT_INSPECTORS_OF_ORG] = { "inspectors_of_org",
		"SELECT id, login, name, role FROM users WHERE org_id = $1 AND role IN (2, 3) "
		"AND active = 1 ORDER BY id", NULL },
	/* Inspections after id $1 with their inspectors' ids ("3,4"), $2 at
	 * most, for audit verify. */
	[STMT_INSPECTION_ALL] = { "inspection_all",
		"SELECT x.id, x.code, x.enterprise_id, x.region_code, COALESCE(x.industry_id, 0), "
		"x.org_id, x.inspected_on, x.type, x.summary, x.created_by, "
		"COALESCE((SELECT group_concat(user_id, ',') FROM (SELECT k.user_id FROM "
		"inspection_inspectors k WHERE k.inspection_id = x.id ORDER BY k.user_id)), '') "
		"FROM inspections x WHERE x.id > $1 ORDER BY x.id LIMIT $2",
		"SELECT x.id, x.code, x.enterprise_id, x.region_code, COALESCE(x.industry_id, 0), "
		"x.org_id, x.inspected_on, x.type, x.summary, x.created_by, "
		"COALESCE((SELECT string_agg(CAST(k.user_id AS TEXT), ',' ORDER BY k.user_id) FROM "
		"inspection_inspectors k WHERE k.inspection_id = x.id), '') "
		"FROM inspections x WHERE x.id > $1 ORDER BY x.id LIMIT $2" },

	[STMT_DIGEST_SCHEMA] = { "digest_schema",
		"SELECT version, applied_at FROM schema_migrations ORDER BY version", NULL },
	[STMT_DIGEST_REGIONS] = { "digest_regions",
		"SELECT code, name, level, parent FROM regions ORDER BY code", NULL },
	[STMT_DIGEST_INDUSTRIES] = { "digest_industries",
		"SELECT id, code, name, active, version FROM industries ORDER BY id", NULL },
	[STMT_DIGEST_ORGS] = { "digest_orgs",
		"SELECT id, kind, name, region_code, credit_code, industry_id, scale, "
		"major_hazard_level, standard_grade, risk_colour, status, address, lat, lon, "
		"safety_director, phone, version, created_at, updated_at FROM orgs ORDER BY id",
		NULL },
	[STMT_DIGEST_ORG_INDUSTRIES] = { "digest_org_industries",
		"SELECT org_id, industry_id FROM org_industries ORDER BY org_id, industry_id", NULL },
	[STMT_DIGEST_USERS] = { "digest_users",
		"SELECT id, login, name, phone, role, org_id, pw_hash, active, failed_logins, "
		"locked_until, version, created_at, updated_at FROM users ORDER BY id", NULL },
	[STMT_DIGEST_SESSIONS] = { "digest_sessions",
		"SELECT token_hash, user_id, created_at, expires_at FROM sessions "
		"ORDER BY token_hash", NULL },
	[STMT_DIGEST_AUDIT_HEADS] = { "digest_audit_heads",
		"SELECT chain, seq, hash FROM audit_heads ORDER BY chain", NULL },
	[STMT_DIGEST_AUDIT_EVENTS] = { "digest_audit_events",
		"SELECT id, chain, seq, at, actor_id, actor, action, object_type, object_id, "
		"data, prev_hash, hash FROM audit_events ORDER BY id", NULL },
	[STMT_DIGEST_HAZARDS] = { "digest_hazards", "SELECT * FROM hazards ORDER BY id", NULL },
	[STMT_DIGEST_HAZARD_EVENTS] = { "digest_hazard_events",
		"SELECT * FROM hazard_events ORDER BY id", NULL },
	[STMT_DIGEST_NOTIFICATIONS] = { "digest_notifications",
		"SELECT * FROM notifications ORDER BY id", NULL },
	[STMT_DIGEST_REPORTS] = { "digest_reports",
		"SELECT * FROM hazard_reports ORDER BY id", NULL },
	[STMT_DIGEST_PLANS] = { "digest_plans", "SELECT * FROM plans ORDER BY id", NULL },
	[STMT_DIGEST_PLAN_NODES] = { "digest_plan_nodes", "SELECT * FROM plan_nodes ORDER BY id", NULL },
	[STMT_DIGEST_TASKS] = { "digest_tasks", "SELECT * FROM tasks ORDER BY id", NULL },
	[STMT_DIGEST_TASK_REPORTS] = { "digest_task_reports",
		"SELECT * FROM task_reports ORDER BY id", NULL },
	[STMT_DIGEST_PLAN_PROBLEMS] = { "digest_plan_problems",
		"SELECT * FROM plan_problems ORDER BY id", NULL },
	[STMT_DIGEST_PLAN_MEASURES] = { "digest_plan_measures",
		"SELECT * FROM plan_measures ORDER BY id", NULL },
	[STMT_DIGEST_NOTICES] = { "digest_notices", "SELECT * FROM notices ORDER BY id", NULL },
	[STMT_DIGEST_NOTICE_TARGETS] = { "digest_notice_targets",
		"SELECT * FROM notice_targets ORDER BY notice_id, org_id", NULL },
	[STMT_DIGEST_NOTICE_CITES] = { "digest_notice_cites",
		"SELECT * FROM notice_cites ORDER BY notice_id, kind, ref_id", NULL },
	[STMT_DIGEST_NOTICE_SEQ] = { "digest_notice_seq",
		"SELECT * FROM notice_seq ORDER BY issuer_org_id, kind, year", NULL },
	[STMT_DIGEST_PLAN_REPORTS] = { "digest_plan_reports",
		"SELECT * FROM plan_reports ORDER BY id", NULL },
	[STMT_DIGEST_ASSESS_CONFIGS] = { "digest_assess_configs",
		"SELECT * FROM assess_configs ORDER BY plan_id", NULL },
	[STMT_DIGEST_TASK_ACTUALS] = { "digest_task_actuals",
		"SELECT * FROM task_report_actuals ORDER BY report_id, target", NULL },
	[STMT_DIGEST_RISK_POINTS] = { "digest_risk_points", "SELECT * FROM risk_points ORDER BY id", NULL },
	[STMT_DIGEST_RISK_ASSESSMENTS] = { "digest_risk_assessments",
		"SELECT * FROM risk_assessments ORDER BY id", NULL },
	[STMT_DIGEST_CHECK_ITEMS] = { "digest_check_items", "SELECT * FROM check_items ORDER BY id", NULL },
	[STMT_DIGEST_CHECK_TASKS] = { "digest_check_tasks", "SELECT * FROM check_tasks ORDER BY id", NULL },
	[STMT_DIGEST_CHECK_RECORDS] = { "digest_check_records",
		"SELECT * FROM check_records ORDER BY id", NULL },
	[STMT_DIGEST_TASK_ATTACHMENTS] = { "digest_task_attachments",
		"SELECT * FROM task_report_attachments ORDER BY id", NULL },
	[STMT_DIGEST_INSPECTIONS] = { "digest_inspections",
		"SELECT * FROM inspections ORDER BY id", NULL },
	[STMT_DIGEST_INSPECTION_INSPECTORS] = { "digest_inspection_inspectors",
		"SELECT * FROM inspection_inspectors ORDER BY inspection_id, user_id", NULL },
	[STMT_DIGEST_INSPECTION_SEQ] = { "digest_inspection_seq",
		"SELECT * FROM inspection_seq ORDER BY prefix", NULL },
	[STMT_DIGEST_RISK_REPORTS] = { "digest_risk_reports",
		"SELECT * FROM risk_reports ORDER BY id", NULL },
	[STMT_DIGEST_RISK_REPORT_ITEMS] = { "digest_risk_report_items",
		"SELECT * FROM risk_report_items ORDER BY id", NULL },
};

/*
 * Migrations: append only. A released migration is never edited; the
 * schema_migrations table records which have run.
 */
const char *const migrations_sqlite[] = {
	/* 1: foundation */
	"CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL,"
	" level INTEGER NOT NULL, parent TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX regions_parent ON regions (parent, code);"
	"CREATE TABLE industries (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL UNIQUE, active INTEGER NOT NULL DEFAULT 1,"
	" version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE orgs (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,"
	" name TEXT NOT NULL, region_code TEXT NOT NULL REFERENCES regions (code),"
	" credit_code TEXT NOT NULL DEFAULT '', industry_id INTEGER REFERENCES industries (id),"
	" scale INTEGER NOT NULL DEFAULT 0, major_hazard_level INTEGER NOT NULL DEFAULT 0,"
	" standard_grade INTEGER NOT NULL DEFAULT 0, risk_colour TEXT NOT NULL DEFAULT '',"
	" status INTEGER NOT NULL DEFAULT 0, address TEXT NOT NULL DEFAULT '', lat REAL, lon REAL,"
	" safety_director TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
	" version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE UNIQUE INDEX orgs_credit ON orgs (credit_code) WHERE credit_code <> '';"
	"CREATE INDEX orgs_region ON orgs (region_code, id);"
	"CREATE INDEX orgs_industry ON orgs (industry_id, region_code);"
	"CREATE TABLE org_industries (org_id INTEGER NOT NULL REFERENCES orgs (id),"
	" industry_id INTEGER NOT NULL REFERENCES industries (id),"
	" PRIMARY KEY (org_id, industry_id));"
	"CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL, phone TEXT NOT NULL DEFAULT '', role INTEGER NOT NULL,"
	" org_id INTEGER REFERENCES orgs (id), pw_hash TEXT NOT NULL,"
	" active INTEGER NOT NULL DEFAULT 1, failed_logins INTEGER NOT NULL DEFAULT 0,"
	" locked_until TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX users_org ON users (org_id);"
	"CREATE TABLE sessions (token_hash TEXT PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES users (id),"
	" created_at TEXT NOT NULL, expires_at TEXT NOT NULL);"
	"CREATE INDEX sessions_user ON sessions (user_id);"
	"CREATE TABLE audit_heads (chain TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
	" hash TEXT NOT NULL);"
	"CREATE TABLE audit_events (id INTEGER PRIMARY KEY, chain TEXT NOT NULL,"
	" seq INTEGER NOT NULL, at TEXT NOT NULL, actor_id INTEGER NOT NULL,"
	" actor TEXT NOT NULL, action TEXT NOT NULL, object_type TEXT NOT NULL,"
	" object_id TEXT NOT NULL, data TEXT NOT NULL, prev_hash TEXT NOT NULL,"
	" hash TEXT NOT NULL, UNIQUE (chain, seq));"
	"CREATE INDEX audit_object ON audit_events (object_type, object_id, id);",
	/* 2: the hazard network */
	"CREATE TABLE hazards (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" enterprise_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id INTEGER REFERENCES industries (id), title TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '', location TEXT NOT NULL DEFAULT '',"
	" category INTEGER NOT NULL, grade INTEGER NOT NULL, basis TEXT NOT NULL DEFAULT '',"
	" source INTEGER NOT NULL, found_at TEXT NOT NULL, found_by INTEGER NOT NULL,"
	" responsible TEXT NOT NULL DEFAULT '', measures TEXT NOT NULL DEFAULT '',"
	" has_funds INTEGER NOT NULL DEFAULT 0, funds REAL NOT NULL DEFAULT 0,"
	" deadline TEXT NOT NULL DEFAULT '', due TEXT NOT NULL DEFAULT '9999-12-31',"
	" original_deadline TEXT NOT NULL DEFAULT '', contingency TEXT NOT NULL DEFAULT '',"
	" status INTEGER NOT NULL, evidence TEXT NOT NULL DEFAULT '',"
	" extensions INTEGER NOT NULL DEFAULT 0, rejections INTEGER NOT NULL DEFAULT 0,"
	" closed_on TEXT NOT NULL DEFAULT '', closed_on_time INTEGER NOT NULL DEFAULT 0,"
	" listing_level INTEGER NOT NULL DEFAULT 0, listing_org INTEGER,"
	" listed_on TEXT NOT NULL DEFAULT '', listing_deadline TEXT NOT NULL DEFAULT '',"
	" delisted_on TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX hazards_region ON hazards (region_code, id);"
	"CREATE INDEX hazards_status_due ON hazards (status, due, id);"
	"CREATE INDEX hazards_enterprise ON hazards (enterprise_id, id);"
	"CREATE INDEX hazards_industry ON hazards (industry_id, region_code);"
	"CREATE INDEX hazards_found ON hazards (found_at);"
	"CREATE TABLE hazard_seq (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);"
	"CREATE TABLE hazard_events (id INTEGER PRIMARY KEY,"
	" hazard_id INTEGER NOT NULL REFERENCES hazards (id), at TEXT NOT NULL,"
	" actor_id INTEGER NOT NULL, actor TEXT NOT NULL, event TEXT NOT NULL,"
	" from_status INTEGER NOT NULL, to_status INTEGER NOT NULL,"
	" comment TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',"
	" evidence TEXT NOT NULL DEFAULT '', deadline TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX hazard_events_hazard ON hazard_events (hazard_id, id);"
	"CREATE TABLE attachments (id INTEGER PRIMARY KEY, hazard_id INTEGER NOT NULL REFERENCES hazards (id),"
	" sha256 TEXT NOT NULL, kind TEXT NOT NULL, mime TEXT NOT NULL, size INTEGER NOT NULL,"
	" name TEXT NOT NULL, uploaded_by INTEGER NOT NULL, at TEXT NOT NULL,"
	" UNIQUE (hazard_id, sha256, kind));"
	"CREATE TABLE notifications (id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES orgs (id),"
	" kind TEXT NOT NULL, hazard_id INTEGER REFERENCES hazards (id), title TEXT NOT NULL,"
	" due TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, read_at TEXT NOT NULL DEFAULT '',"
	" UNIQUE (org_id, kind, hazard_id, due));"
	"CREATE INDEX notifications_org ON notifications (org_id, id);"
	"CREATE VIRTUAL TABLE hazards_fts USING fts5 (title, description, content='hazards',"
	" content_rowid='id', tokenize='trigram');"
	"CREATE TRIGGER hazards_fts_ai AFTER INSERT ON hazards BEGIN"
	" INSERT INTO hazards_fts (rowid, title, description) VALUES (new.id, new.title, new.description); END;"
	"CREATE TRIGGER hazards_fts_au AFTER UPDATE OF title, description ON hazards BEGIN"
	" INSERT INTO hazards_fts (hazards_fts, rowid, title, description)"
	" VALUES ('delete', old.id, old.title, old.description);"
	" INSERT INTO hazards_fts (rowid, title, description) VALUES (new.id, new.title, new.description); END;"
	"CREATE TRIGGER hazards_fts_ad AFTER DELETE ON hazards BEGIN"
	" INSERT INTO hazards_fts (hazards_fts, rowid, title, description)"
	" VALUES ('delete', old.id, old.title, old.description); END;",
	/* 3: enterprises' quarterly and yearly hazard statistics reports */
	"CREATE TABLE hazard_reports (id INTEGER PRIMARY KEY,"
	" enterprise_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id INTEGER, period TEXT NOT NULL, due TEXT NOT NULL,"
	" found INTEGER NOT NULL, closed INTEGER NOT NULL, open INTEGER NOT NULL,"
	" overdue INTEGER NOT NULL, major_found INTEGER NOT NULL, major_closed INTEGER NOT NULL,"
	" status INTEGER NOT NULL, confirmed_by INTEGER, submitted_at TEXT NOT NULL DEFAULT '',"
	" late INTEGER NOT NULL DEFAULT 0, note TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (enterprise_id, period));"
	"CREATE INDEX hazard_reports_period ON hazard_reports (period, region_code);",
	/* 4: plans, their outline, unit mappings and tasks */
	"CREATE TABLE plans (id INTEGER PRIMARY KEY, title TEXT NOT NULL, issuer TEXT NOT NULL DEFAULT '',"
	" doc_number TEXT NOT NULL DEFAULT '', issued_on TEXT NOT NULL DEFAULT '',"
	" region_code TEXT NOT NULL, period_start TEXT NOT NULL DEFAULT '',"
	" period_end TEXT NOT NULL DEFAULT '', report_day INTEGER NOT NULL DEFAULT 0,"
	" source TEXT NOT NULL, status INTEGER NOT NULL, created_by INTEGER NOT NULL,"
	" version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX plans_region ON plans (region_code, id);"
	"CREATE TABLE plan_nodes (id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans (id),"
	" seq INTEGER NOT NULL, parent_seq INTEGER NOT NULL, kind TEXT NOT NULL,"
	" label TEXT NOT NULL, title TEXT NOT NULL, line INTEGER NOT NULL,"
	" deadline TEXT NOT NULL DEFAULT '', lead TEXT NOT NULL DEFAULT '',"
	" co TEXT NOT NULL DEFAULT '', localities TEXT NOT NULL DEFAULT '',"
	" detail TEXT NOT NULL, UNIQUE (plan_id, seq));"
	"CREATE TABLE unit_mappings (region_code TEXT NOT NULL, name TEXT NOT NULL,"
	" org_id INTEGER NOT NULL REFERENCES orgs (id), PRIMARY KEY (region_code, name));"
	"CREATE TABLE tasks (id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans (id),"
	" node_seq INTEGER NOT NULL, org_id INTEGER NOT NULL REFERENCES orgs (id),"
	" region_code TEXT NOT NULL, role TEXT NOT NULL, title TEXT NOT NULL,"
	" deadline TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL DEFAULT 0,"
	" version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" UNIQUE (plan_id, node_seq, org_id));"
	"CREATE INDEX tasks_org ON tasks (org_id, plan_id);"
	"CREATE INDEX tasks_region ON tasks (region_code, id);",
	/* 5: the daily job asks whether a hazard was told it is overdue; counts
	 * of a status in a region subtree read an index, not the table */
	"CREATE INDEX notifications_hazard ON notifications (hazard_id, kind, due);"
	"CREATE INDEX hazards_status_region ON hazards (status, region_code);",
	/* 6: monthly progress reports of tasks */
	"ALTER TABLE tasks ADD COLUMN percent INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE task_reports (id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES tasks (id),"
	" period TEXT NOT NULL, text TEXT NOT NULL, percent INTEGER NOT NULL, due TEXT NOT NULL,"
	" late INTEGER NOT NULL, reporter_id INTEGER NOT NULL, submitted_at TEXT NOT NULL,"
	" UNIQUE (task_id, period));"
	"CREATE INDEX task_reports_task ON task_reports (task_id, id);",
	/* 7: maintained hazard counts for statistics and totals (see HC_VIEW) */
	"ALTER TABLE hazards ADD COLUMN lapsed INTEGER NOT NULL DEFAULT 0;"
	HC_UNLAPSED
	HC_TABLE(" WITHOUT ROWID")
	HC_VIEW("CAST(julianday(h.closed_on) - julianday(h.found_at) AS INTEGER)")
	HC_FILL
	HC_TRIGGERS_SQLITE,
	/* 8: the two lists (problems, measures), notices and their replies,
	 * yearly and final reports of a plan's orgs */
	"ALTER TABLE plans ADD COLUMN year_report_day TEXT NOT NULL DEFAULT '12-20';"
	"CREATE TABLE plan_problems (id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans (id),"
	" org_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" task_id INTEGER REFERENCES tasks (id), hazard_id INTEGER REFERENCES hazards (id),"
	" description TEXT NOT NULL DEFAULT '', found_on TEXT NOT NULL DEFAULT '',"
	" measures TEXT NOT NULL DEFAULT '', responsible TEXT NOT NULL DEFAULT '',"
	" deadline TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL,"
	" closed_on TEXT NOT NULL DEFAULT '', created_by INTEGER NOT NULL, version INTEGER NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX plan_problems_plan ON plan_problems (plan_id, org_id, id);"
	"CREATE TABLE plan_measures (id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans (id),"
	" org_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" task_id INTEGER REFERENCES tasks (id), kind INTEGER NOT NULL, title TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL,"
	" doc_number TEXT NOT NULL DEFAULT '', issued_on TEXT NOT NULL DEFAULT '',"
	" created_by INTEGER NOT NULL, version INTEGER NOT NULL, created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX plan_measures_plan ON plan_measures (plan_id, org_id, id);"
	"CREATE TABLE notice_seq (issuer_org_id INTEGER NOT NULL, kind INTEGER NOT NULL,"
	" year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (issuer_org_id, kind, year));"
	"CREATE TABLE notices (id INTEGER PRIMARY KEY, code TEXT NOT NULL, kind INTEGER NOT NULL,"
	" issuer_org_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" year INTEGER NOT NULL, seq INTEGER NOT NULL, plan_id INTEGER REFERENCES plans (id),"
	" title TEXT NOT NULL, body TEXT NOT NULL, issued_on TEXT NOT NULL,"
	" due_on TEXT NOT NULL DEFAULT '', created_by INTEGER NOT NULL, created_at TEXT NOT NULL,"
	" UNIQUE (issuer_org_id, kind, year, seq));"
	"CREATE INDEX notices_region ON notices (region_code, id);"
	"CREATE TABLE notice_targets (notice_id INTEGER NOT NULL REFERENCES notices (id),"
	" org_id INTEGER NOT NULL REFERENCES orgs (id), reply TEXT NOT NULL DEFAULT '',"
	" replied_at TEXT NOT NULL DEFAULT '', replied_by INTEGER, PRIMARY KEY (notice_id, org_id));"
	"CREATE INDEX notice_targets_org ON notice_targets (org_id, notice_id);"
	"CREATE TABLE notice_cites (notice_id INTEGER NOT NULL REFERENCES notices (id),"
	" kind TEXT NOT NULL, ref_id INTEGER NOT NULL, PRIMARY KEY (notice_id, kind, ref_id));"
	"CREATE TABLE plan_reports (id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans (id),"
	" org_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" period TEXT NOT NULL, text TEXT NOT NULL, due TEXT NOT NULL, late INTEGER NOT NULL,"
	" reporter_id INTEGER NOT NULL, submitted_at TEXT NOT NULL, UNIQUE (plan_id, org_id, period));",
	/* 9: the assessment's configuration of a plan, and the actual values
	 * a progress report gives for its task's numeric targets */
	"CREATE TABLE assess_configs (plan_id INTEGER PRIMARY KEY REFERENCES plans (id),"
	" w_report INTEGER NOT NULL, w_tasks INTEGER NOT NULL, w_targets INTEGER NOT NULL,"
	" w_major INTEGER NOT NULL, w_overdue INTEGER NOT NULL, band_excellent INTEGER NOT NULL,"
	" band_good INTEGER NOT NULL, band_pass INTEGER NOT NULL,"
	" veto_major_overdue INTEGER NOT NULL, veto_task_days INTEGER NOT NULL,"
	" veto_cap INTEGER NOT NULL, version INTEGER NOT NULL, updated_by INTEGER NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE TABLE task_report_actuals (report_id INTEGER NOT NULL REFERENCES task_reports (id),"
	" target INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (report_id, target));",
	/* 10: dual prevention: risk points and their assessments, check items,
	 * the tasks the scheduler makes of them, and the records of checks */
	"CREATE TABLE risk_points (id INTEGER PRIMARY KEY,"
	" enterprise_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id INTEGER REFERENCES industries (id), name TEXT NOT NULL, kind INTEGER NOT NULL,"
	" location TEXT NOT NULL DEFAULT '', hazard_factors TEXT NOT NULL DEFAULT '',"
	" accident_types INTEGER NOT NULL DEFAULT 0, method INTEGER NOT NULL,"
	" l10 INTEGER NOT NULL DEFAULT 0, e10 INTEGER NOT NULL DEFAULT 0, c INTEGER NOT NULL DEFAULT 0,"
	" l INTEGER NOT NULL DEFAULT 0, s INTEGER NOT NULL DEFAULT 0, score100 INTEGER NOT NULL,"
	" level INTEGER NOT NULL, m_engineering TEXT NOT NULL DEFAULT '',"
	" m_management TEXT NOT NULL DEFAULT '', m_training TEXT NOT NULL DEFAULT '',"
	" m_ppe TEXT NOT NULL DEFAULT '', m_emergency TEXT NOT NULL DEFAULT '',"
	" tier INTEGER NOT NULL, responsible TEXT NOT NULL DEFAULT '',"
	" review_on TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1,"
	" version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX risk_points_enterprise ON risk_points (enterprise_id, id);"
	"CREATE INDEX risk_points_region ON risk_points (region_code, level, industry_id, active);"
	/* Active risk points per region, industry (0 none) and level, kept by
	 * every write: the four-colour statistics read these, not the rows. */
	"CREATE TABLE risk_counts (region_code TEXT NOT NULL, industry_id INTEGER NOT NULL,"
	" level INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (region_code, industry_id, level))"
	" WITHOUT ROWID;"
	"CREATE TABLE risk_assessments (id INTEGER PRIMARY KEY,"
	" risk_id INTEGER NOT NULL REFERENCES risk_points (id), at TEXT NOT NULL,"
	" actor_id INTEGER NOT NULL, actor TEXT NOT NULL, method INTEGER NOT NULL,"
	" l10 INTEGER NOT NULL, e10 INTEGER NOT NULL, c INTEGER NOT NULL, l INTEGER NOT NULL,"
	" s INTEGER NOT NULL, score100 INTEGER NOT NULL, level_before INTEGER NOT NULL,"
	" level_after INTEGER NOT NULL, reason TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX risk_assessments_risk ON risk_assessments (risk_id, id);"
	"CREATE TABLE check_items (id INTEGER PRIMARY KEY,"
	" risk_id INTEGER NOT NULL REFERENCES risk_points (id),"
	" enterprise_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id INTEGER REFERENCES industries (id), measure INTEGER NOT NULL,"
	" what TEXT NOT NULL, how TEXT NOT NULL DEFAULT '', cadence INTEGER NOT NULL,"
	" tier INTEGER NOT NULL, responsible TEXT NOT NULL DEFAULT '',"
	" active INTEGER NOT NULL DEFAULT 1, live INTEGER NOT NULL DEFAULT 1,"
	" version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX check_items_risk ON check_items (risk_id, id);"
	/* live = the item and its risk point are active: the scheduler's items
	 * of a cadence are one range of this index (by enterprise since 12) */
	"CREATE INDEX check_items_cadence ON check_items (cadence, live, id);"
	/* The last day the scheduler made check tasks for: a cadence whose
	 * period has not changed since has nothing new to make. */
	"CREATE TABLE check_job_days (name TEXT PRIMARY KEY, day TEXT NOT NULL);"
	"CREATE INDEX check_items_enterprise ON check_items (enterprise_id, id);"
	"CREATE TABLE check_tasks (id INTEGER PRIMARY KEY,"
	" item_id INTEGER NOT NULL REFERENCES check_items (id), risk_id INTEGER NOT NULL,"
	" enterprise_id INTEGER NOT NULL, region_code TEXT NOT NULL, industry_id INTEGER,"
	" period TEXT NOT NULL, start_on TEXT NOT NULL, due TEXT NOT NULL,"
	" status INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, UNIQUE (item_id, period));"
	"CREATE INDEX check_tasks_enterprise ON check_tasks (enterprise_id, status, due);"
	"CREATE INDEX check_tasks_due ON check_tasks (status, due, region_code);"
	"CREATE TABLE check_records (id INTEGER PRIMARY KEY,"
	" task_id INTEGER NOT NULL UNIQUE REFERENCES check_tasks (id), result INTEGER NOT NULL,"
	" note TEXT NOT NULL DEFAULT '', hazard_id INTEGER REFERENCES hazards (id),"
	" checked_by INTEGER NOT NULL, checked_at TEXT NOT NULL, late INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE colour_counts (region_code TEXT NOT NULL, industry_id INTEGER NOT NULL,"
	" colour TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (region_code, industry_id, colour))"
	" WITHOUT ROWID;"
	/* Enterprises with an open major hazard are red from now on, and
	 * counted by colour (the statistics read these counts). */
	"UPDATE orgs SET risk_colour = 'red' WHERE id IN (SELECT enterprise_id FROM hazards"
	" WHERE grade = 1 AND status < 3);"
	"INSERT INTO colour_counts (region_code, industry_id, colour, n) SELECT region_code,"
	" COALESCE(industry_id, 0), risk_colour, COUNT(*) FROM orgs WHERE kind = 3 AND risk_colour <> ''"
	" GROUP BY region_code, COALESCE(industry_id, 0), risk_colour;",
	/* 11: the files attached to a task's progress report (content-addressed
	 * like the hazards' attachments) */
	"CREATE TABLE task_report_attachments (id INTEGER PRIMARY KEY,"
	" report_id INTEGER NOT NULL REFERENCES task_reports (id), sha256 TEXT NOT NULL,"
	" mime TEXT NOT NULL, size INTEGER NOT NULL, name TEXT NOT NULL,"
	" uploaded_by INTEGER NOT NULL, at TEXT NOT NULL, UNIQUE (report_id, sha256));",
	/* 12: the scheduler walks each cadence's live items enterprise by
	 * enterprise (STMT_CHECK_TASKS_GENERATE) */
	"DROP INDEX check_items_cadence;"
	"CREATE INDEX check_items_cadence ON check_items (cadence, live, enterprise_id, id);",
	/* 13: inspections (DESIGN §3.4), the core only: enterprise, inspecting
	 * department, date, type, summary and at least two inspectors, with a
	 * code per county and year. Findings, documents and penalties will
	 * refer to inspections (id). Never updated or deleted. Each
	 * enterprise keeps the date of its last inspection, moved forward in
	 * the transaction of the insert, for the due lists: the index serves
	 * them by colour and region without reading the table. */
	"CREATE TABLE inspections (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" enterprise_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id INTEGER REFERENCES industries (id), org_id INTEGER NOT NULL REFERENCES orgs (id),"
	" inspected_on TEXT NOT NULL, type INTEGER NOT NULL, summary TEXT NOT NULL,"
	" created_by INTEGER NOT NULL, created_at TEXT NOT NULL);"
	"CREATE INDEX inspections_enterprise ON inspections (enterprise_id, inspected_on, id);"
	"CREATE INDEX inspections_region ON inspections (region_code, inspected_on, id);"
	"CREATE TABLE inspection_inspectors (inspection_id INTEGER NOT NULL REFERENCES inspections (id),"
	" user_id INTEGER NOT NULL REFERENCES users (id), PRIMARY KEY (inspection_id, user_id));"
	"CREATE TABLE inspection_seq (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);"
	"ALTER TABLE orgs ADD COLUMN last_inspected_on TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX orgs_inspection_due ON orgs (kind, risk_colour, region_code,"
	" last_inspected_on, industry_id, status);",
	/* 14: the enterprises' yearly risk reports to their regulators
	 * (风险清单及年度风险分析) and the risk list each one froze when it
	 * was submitted */
	"CREATE TABLE risk_reports (id INTEGER PRIMARY KEY,"
	" enterprise_id INTEGER NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id INTEGER REFERENCES industries (id), year INTEGER NOT NULL,"
	" status INTEGER NOT NULL, n_red INTEGER NOT NULL DEFAULT 0, n_orange INTEGER NOT NULL DEFAULT 0,"
	" n_yellow INTEGER NOT NULL DEFAULT 0, n_blue INTEGER NOT NULL DEFAULT 0,"
	" n_total INTEGER NOT NULL DEFAULT 0, analysis TEXT NOT NULL DEFAULT '',"
	" principal TEXT NOT NULL DEFAULT '', due TEXT NOT NULL DEFAULT '',"
	" submitted_at TEXT NOT NULL DEFAULT '', submitted_by INTEGER, late INTEGER NOT NULL DEFAULT 0,"
	" created_by INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" version INTEGER NOT NULL, UNIQUE (enterprise_id, year));"
	"CREATE INDEX risk_reports_year ON risk_reports (year, region_code);"
	"CREATE TABLE risk_report_items (id INTEGER PRIMARY KEY,"
	" report_id INTEGER NOT NULL REFERENCES risk_reports (id), risk_id INTEGER NOT NULL,"
	" name TEXT NOT NULL, kind INTEGER NOT NULL, location TEXT NOT NULL DEFAULT '',"
	" level INTEGER NOT NULL, score100 INTEGER NOT NULL, method INTEGER NOT NULL,"
	" tier INTEGER NOT NULL, responsible TEXT NOT NULL DEFAULT '',"
	" UNIQUE (report_id, risk_id));",
	/* 15: hazard_counts re-keyed (see HC_REKEY_COLS); its triggers are
	 * dropped while the table is rebuilt and made again as they were */
	"DROP TRIGGER hazard_counts_insert; DROP TRIGGER hazard_counts_delete;"
	"DROP TRIGGER hazard_counts_update_old; DROP TRIGGER hazard_counts_update_new;"
	"CREATE TABLE hazard_counts_rekeyed " HC_REKEY_COLS " WITHOUT ROWID;"
	"INSERT INTO hazard_counts_rekeyed (" HC_COLS ") SELECT " HC_COLS " FROM hazard_counts;"
	"DROP TABLE hazard_counts;"
	"ALTER TABLE hazard_counts_rekeyed RENAME TO hazard_counts;"
	HC_TRIGGERS_SQLITE,
};

const char *const migrations_pg[] = {
	/* 1: foundation */
	"CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL,"
	" level INTEGER NOT NULL, parent TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX regions_parent ON regions (parent, code);"
	"CREATE TABLE industries (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" code TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,"
	" active INTEGER NOT NULL DEFAULT 1, version BIGINT NOT NULL DEFAULT 1);"
	"CREATE TABLE orgs (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" kind INTEGER NOT NULL, name TEXT NOT NULL,"
	" region_code TEXT NOT NULL REFERENCES regions (code),"
	" credit_code TEXT NOT NULL DEFAULT '', industry_id BIGINT REFERENCES industries (id),"
	" scale INTEGER NOT NULL DEFAULT 0, major_hazard_level INTEGER NOT NULL DEFAULT 0,"
	" standard_grade INTEGER NOT NULL DEFAULT 0, risk_colour TEXT NOT NULL DEFAULT '',"
	" status INTEGER NOT NULL DEFAULT 0, address TEXT NOT NULL DEFAULT '',"
	" lat DOUBLE PRECISION, lon DOUBLE PRECISION,"
	" safety_director TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
	" version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE UNIQUE INDEX orgs_credit ON orgs (credit_code) WHERE credit_code <> '';"
	"CREATE INDEX orgs_region ON orgs (region_code, id);"
	"CREATE INDEX orgs_industry ON orgs (industry_id, region_code);"
	"CREATE TABLE org_industries (org_id BIGINT NOT NULL REFERENCES orgs (id),"
	" industry_id BIGINT NOT NULL REFERENCES industries (id),"
	" PRIMARY KEY (org_id, industry_id));"
	"CREATE TABLE users (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" login TEXT NOT NULL UNIQUE, name TEXT NOT NULL, phone TEXT NOT NULL DEFAULT '',"
	" role INTEGER NOT NULL, org_id BIGINT REFERENCES orgs (id), pw_hash TEXT NOT NULL,"
	" active INTEGER NOT NULL DEFAULT 1, failed_logins INTEGER NOT NULL DEFAULT 0,"
	" locked_until TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX users_org ON users (org_id);"
	"CREATE TABLE sessions (token_hash TEXT PRIMARY KEY,"
	" user_id BIGINT NOT NULL REFERENCES users (id),"
	" created_at TEXT NOT NULL, expires_at TEXT NOT NULL);"
	"CREATE INDEX sessions_user ON sessions (user_id);"
	"CREATE TABLE audit_heads (chain TEXT PRIMARY KEY, seq BIGINT NOT NULL,"
	" hash TEXT NOT NULL);"
	"CREATE TABLE audit_events (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" chain TEXT NOT NULL, seq BIGINT NOT NULL, at TEXT NOT NULL,"
	" actor_id BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
	" object_type TEXT NOT NULL, object_id TEXT NOT NULL, data TEXT NOT NULL,"
	" prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (chain, seq));"
	"CREATE INDEX audit_object ON audit_events (object_type, object_id, id);",
	/* 2: the hazard network */
	"CREATE TABLE hazards (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" enterprise_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id BIGINT REFERENCES industries (id), title TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '', location TEXT NOT NULL DEFAULT '',"
	" category INTEGER NOT NULL, grade INTEGER NOT NULL, basis TEXT NOT NULL DEFAULT '',"
	" source INTEGER NOT NULL, found_at TEXT NOT NULL, found_by BIGINT NOT NULL,"
	" responsible TEXT NOT NULL DEFAULT '', measures TEXT NOT NULL DEFAULT '',"
	" has_funds INTEGER NOT NULL DEFAULT 0, funds DOUBLE PRECISION NOT NULL DEFAULT 0,"
	" deadline TEXT NOT NULL DEFAULT '', due TEXT NOT NULL DEFAULT '9999-12-31',"
	" original_deadline TEXT NOT NULL DEFAULT '', contingency TEXT NOT NULL DEFAULT '',"
	" status INTEGER NOT NULL, evidence TEXT NOT NULL DEFAULT '',"
	" extensions INTEGER NOT NULL DEFAULT 0, rejections INTEGER NOT NULL DEFAULT 0,"
	" closed_on TEXT NOT NULL DEFAULT '', closed_on_time INTEGER NOT NULL DEFAULT 0,"
	" listing_level INTEGER NOT NULL DEFAULT 0, listing_org BIGINT,"
	" listed_on TEXT NOT NULL DEFAULT '', listing_deadline TEXT NOT NULL DEFAULT '',"
	" delisted_on TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX hazards_region ON hazards (region_code, id);"
	"CREATE INDEX hazards_status_due ON hazards (status, due, id);"
	"CREATE INDEX hazards_enterprise ON hazards (enterprise_id, id);"
	"CREATE INDEX hazards_industry ON hazards (industry_id, region_code);"
	"CREATE INDEX hazards_found ON hazards (found_at);"
	"CREATE TABLE hazard_seq (prefix TEXT PRIMARY KEY, last BIGINT NOT NULL);"
	"CREATE TABLE hazard_events (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" hazard_id BIGINT NOT NULL REFERENCES hazards (id), at TEXT NOT NULL,"
	" actor_id BIGINT NOT NULL, actor TEXT NOT NULL, event TEXT NOT NULL,"
	" from_status INTEGER NOT NULL, to_status INTEGER NOT NULL,"
	" comment TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',"
	" evidence TEXT NOT NULL DEFAULT '', deadline TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX hazard_events_hazard ON hazard_events (hazard_id, id);"
	"CREATE TABLE attachments (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, hazard_id BIGINT NOT NULL REFERENCES hazards (id),"
	" sha256 TEXT NOT NULL, kind TEXT NOT NULL, mime TEXT NOT NULL, size BIGINT NOT NULL,"
	" name TEXT NOT NULL, uploaded_by BIGINT NOT NULL, at TEXT NOT NULL,"
	" UNIQUE (hazard_id, sha256, kind));"
	"CREATE TABLE notifications (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, org_id BIGINT NOT NULL REFERENCES orgs (id),"
	" kind TEXT NOT NULL, hazard_id BIGINT REFERENCES hazards (id), title TEXT NOT NULL,"
	" due TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, read_at TEXT NOT NULL DEFAULT '',"
	" UNIQUE (org_id, kind, hazard_id, due));"
	"CREATE INDEX notifications_org ON notifications (org_id, id);"
	"CREATE EXTENSION IF NOT EXISTS pg_trgm;"
	"CREATE INDEX hazards_text_trgm ON hazards USING gin ((title || ' ' || description) gin_trgm_ops);",
	/* 3: enterprises' quarterly and yearly hazard statistics reports */
	"CREATE TABLE hazard_reports (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" enterprise_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id BIGINT, period TEXT NOT NULL, due TEXT NOT NULL,"
	" found BIGINT NOT NULL, closed BIGINT NOT NULL, open BIGINT NOT NULL,"
	" overdue BIGINT NOT NULL, major_found BIGINT NOT NULL, major_closed BIGINT NOT NULL,"
	" status INTEGER NOT NULL, confirmed_by BIGINT, submitted_at TEXT NOT NULL DEFAULT '',"
	" late INTEGER NOT NULL DEFAULT 0, note TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (enterprise_id, period));"
	"CREATE INDEX hazard_reports_period ON hazard_reports (period, region_code);",
	/* 4: plans, their outline, unit mappings and tasks */
	"CREATE TABLE plans (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title TEXT NOT NULL, issuer TEXT NOT NULL DEFAULT '',"
	" doc_number TEXT NOT NULL DEFAULT '', issued_on TEXT NOT NULL DEFAULT '',"
	" region_code TEXT NOT NULL, period_start TEXT NOT NULL DEFAULT '',"
	" period_end TEXT NOT NULL DEFAULT '', report_day INTEGER NOT NULL DEFAULT 0,"
	" source TEXT NOT NULL, status INTEGER NOT NULL, created_by BIGINT NOT NULL,"
	" version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX plans_region ON plans (region_code, id);"
	"CREATE TABLE plan_nodes (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, plan_id BIGINT NOT NULL REFERENCES plans (id),"
	" seq INTEGER NOT NULL, parent_seq INTEGER NOT NULL, kind TEXT NOT NULL,"
	" label TEXT NOT NULL, title TEXT NOT NULL, line INTEGER NOT NULL,"
	" deadline TEXT NOT NULL DEFAULT '', lead TEXT NOT NULL DEFAULT '',"
	" co TEXT NOT NULL DEFAULT '', localities TEXT NOT NULL DEFAULT '',"
	" detail TEXT NOT NULL, UNIQUE (plan_id, seq));"
	"CREATE TABLE unit_mappings (region_code TEXT NOT NULL, name TEXT NOT NULL,"
	" org_id BIGINT NOT NULL REFERENCES orgs (id), PRIMARY KEY (region_code, name));"
	"CREATE TABLE tasks (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, plan_id BIGINT NOT NULL REFERENCES plans (id),"
	" node_seq INTEGER NOT NULL, org_id BIGINT NOT NULL REFERENCES orgs (id),"
	" region_code TEXT NOT NULL, role TEXT NOT NULL, title TEXT NOT NULL,"
	" deadline TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL DEFAULT 0,"
	" version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" UNIQUE (plan_id, node_seq, org_id));"
	"CREATE INDEX tasks_org ON tasks (org_id, plan_id);"
	"CREATE INDEX tasks_region ON tasks (region_code, id);",
	/* 5: the daily job asks whether a hazard was told it is overdue; counts
	 * of a status in a region subtree read an index, not the table */
	"CREATE INDEX notifications_hazard ON notifications (hazard_id, kind, due);"
	"CREATE INDEX hazards_status_region ON hazards (status, region_code);",
	/* 6: monthly progress reports of tasks */
	"ALTER TABLE tasks ADD COLUMN percent INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE task_reports (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, task_id BIGINT NOT NULL REFERENCES tasks (id),"
	" period TEXT NOT NULL, text TEXT NOT NULL, percent INTEGER NOT NULL, due TEXT NOT NULL,"
	" late INTEGER NOT NULL, reporter_id BIGINT NOT NULL, submitted_at TEXT NOT NULL,"
	" UNIQUE (task_id, period));"
	"CREATE INDEX task_reports_task ON task_reports (task_id, id);",
	/* 7: maintained hazard counts for statistics and totals (see HC_VIEW) */
	"ALTER TABLE hazards ADD COLUMN lapsed INTEGER NOT NULL DEFAULT 0;"
	HC_UNLAPSED
	HC_TABLE("")
	HC_VIEW("(h.closed_on::date - h.found_at::date)")
	HC_FILL
	/* `found` is also PL/pgSQL's FOUND: the columns win */
	"CREATE FUNCTION hazard_counts_old() RETURNS trigger LANGUAGE plpgsql AS $hc$"
	" #variable_conflict use_column\n BEGIN "
	HC_APPLY("-", "OLD.id")
	" IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $hc$;"
	"CREATE FUNCTION hazard_counts_new() RETURNS trigger LANGUAGE plpgsql AS $hc$"
	" #variable_conflict use_column\n BEGIN "
	HC_APPLY("", "NEW.id") " RETURN NULL; END $hc$;"
	"CREATE TRIGGER hazard_counts_insert AFTER INSERT ON hazards"
	" FOR EACH ROW EXECUTE FUNCTION hazard_counts_new();"
	"CREATE TRIGGER hazard_counts_delete BEFORE DELETE ON hazards"
	" FOR EACH ROW EXECUTE FUNCTION hazard_counts_old();"
	"CREATE TRIGGER hazard_counts_update_old BEFORE UPDATE OF " HC_COLUMNS " ON hazards"
	" FOR EACH ROW WHEN (" HC_CHANGED("IS DISTINCT FROM") ")"
	" EXECUTE FUNCTION hazard_counts_old();"
	"CREATE TRIGGER hazard_counts_update_new AFTER UPDATE OF " HC_COLUMNS " ON hazards"
	" FOR EACH ROW WHEN (" HC_CHANGED("IS DISTINCT FROM") ")"
	" EXECUTE FUNCTION hazard_counts_new();",
	/* 8: the two lists (problems, measures), notices and their replies,
	 * yearly and final reports of a plan's orgs */
	"ALTER TABLE plans ADD COLUMN year_report_day TEXT NOT NULL DEFAULT '12-20';"
	"CREATE TABLE plan_problems (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, plan_id BIGINT NOT NULL REFERENCES plans (id),"
	" org_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" task_id BIGINT REFERENCES tasks (id), hazard_id BIGINT REFERENCES hazards (id),"
	" description TEXT NOT NULL DEFAULT '', found_on TEXT NOT NULL DEFAULT '',"
	" measures TEXT NOT NULL DEFAULT '', responsible TEXT NOT NULL DEFAULT '',"
	" deadline TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL,"
	" closed_on TEXT NOT NULL DEFAULT '', created_by BIGINT NOT NULL, version BIGINT NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX plan_problems_plan ON plan_problems (plan_id, org_id, id);"
	"CREATE TABLE plan_measures (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, plan_id BIGINT NOT NULL REFERENCES plans (id),"
	" org_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" task_id BIGINT REFERENCES tasks (id), kind INTEGER NOT NULL, title TEXT NOT NULL,"
	" description TEXT NOT NULL DEFAULT '', status INTEGER NOT NULL,"
	" doc_number TEXT NOT NULL DEFAULT '', issued_on TEXT NOT NULL DEFAULT '',"
	" created_by BIGINT NOT NULL, version BIGINT NOT NULL, created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX plan_measures_plan ON plan_measures (plan_id, org_id, id);"
	"CREATE TABLE notice_seq (issuer_org_id BIGINT NOT NULL, kind INTEGER NOT NULL,"
	" year INTEGER NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (issuer_org_id, kind, year));"
	"CREATE TABLE notices (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code TEXT NOT NULL, kind INTEGER NOT NULL,"
	" issuer_org_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" year INTEGER NOT NULL, seq BIGINT NOT NULL, plan_id BIGINT REFERENCES plans (id),"
	" title TEXT NOT NULL, body TEXT NOT NULL, issued_on TEXT NOT NULL,"
	" due_on TEXT NOT NULL DEFAULT '', created_by BIGINT NOT NULL, created_at TEXT NOT NULL,"
	" UNIQUE (issuer_org_id, kind, year, seq));"
	"CREATE INDEX notices_region ON notices (region_code, id);"
	"CREATE TABLE notice_targets (notice_id BIGINT NOT NULL REFERENCES notices (id),"
	" org_id BIGINT NOT NULL REFERENCES orgs (id), reply TEXT NOT NULL DEFAULT '',"
	" replied_at TEXT NOT NULL DEFAULT '', replied_by BIGINT, PRIMARY KEY (notice_id, org_id));"
	"CREATE INDEX notice_targets_org ON notice_targets (org_id, notice_id);"
	"CREATE TABLE notice_cites (notice_id BIGINT NOT NULL REFERENCES notices (id),"
	" kind TEXT NOT NULL, ref_id BIGINT NOT NULL, PRIMARY KEY (notice_id, kind, ref_id));"
	"CREATE TABLE plan_reports (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, plan_id BIGINT NOT NULL REFERENCES plans (id),"
	" org_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" period TEXT NOT NULL, text TEXT NOT NULL, due TEXT NOT NULL, late INTEGER NOT NULL,"
	" reporter_id BIGINT NOT NULL, submitted_at TEXT NOT NULL, UNIQUE (plan_id, org_id, period));",
	/* 9: the assessment's configuration of a plan, and the actual values
	 * a progress report gives for its task's numeric targets */
	"CREATE TABLE assess_configs (plan_id BIGINT PRIMARY KEY REFERENCES plans (id),"
	" w_report INTEGER NOT NULL, w_tasks INTEGER NOT NULL, w_targets INTEGER NOT NULL,"
	" w_major INTEGER NOT NULL, w_overdue INTEGER NOT NULL, band_excellent INTEGER NOT NULL,"
	" band_good INTEGER NOT NULL, band_pass INTEGER NOT NULL,"
	" veto_major_overdue INTEGER NOT NULL, veto_task_days INTEGER NOT NULL,"
	" veto_cap INTEGER NOT NULL, version BIGINT NOT NULL, updated_by BIGINT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE TABLE task_report_actuals (report_id BIGINT NOT NULL REFERENCES task_reports (id),"
	" target INTEGER NOT NULL, value DOUBLE PRECISION NOT NULL, PRIMARY KEY (report_id, target));",
	/* 10: dual prevention: risk points and their assessments, check items,
	 * the tasks the scheduler makes of them, and the records of checks */
	"CREATE TABLE risk_points (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" enterprise_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id BIGINT REFERENCES industries (id), name TEXT NOT NULL, kind INTEGER NOT NULL,"
	" location TEXT NOT NULL DEFAULT '', hazard_factors TEXT NOT NULL DEFAULT '',"
	" accident_types INTEGER NOT NULL DEFAULT 0, method INTEGER NOT NULL,"
	" l10 INTEGER NOT NULL DEFAULT 0, e10 INTEGER NOT NULL DEFAULT 0, c INTEGER NOT NULL DEFAULT 0,"
	" l INTEGER NOT NULL DEFAULT 0, s INTEGER NOT NULL DEFAULT 0, score100 BIGINT NOT NULL,"
	" level INTEGER NOT NULL, m_engineering TEXT NOT NULL DEFAULT '',"
	" m_management TEXT NOT NULL DEFAULT '', m_training TEXT NOT NULL DEFAULT '',"
	" m_ppe TEXT NOT NULL DEFAULT '', m_emergency TEXT NOT NULL DEFAULT '',"
	" tier INTEGER NOT NULL, responsible TEXT NOT NULL DEFAULT '',"
	" review_on TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1,"
	" version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX risk_points_enterprise ON risk_points (enterprise_id, id);"
	"CREATE INDEX risk_points_region ON risk_points (region_code, level, industry_id, active);"
	/* Active risk points per region, industry (0 none) and level, kept by
	 * every write: the four-colour statistics read these, not the rows. */
	"CREATE TABLE risk_counts (region_code TEXT NOT NULL, industry_id BIGINT NOT NULL,"
	" level INTEGER NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (region_code, industry_id, level));"
	"CREATE TABLE risk_assessments (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" risk_id BIGINT NOT NULL REFERENCES risk_points (id), at TEXT NOT NULL,"
	" actor_id BIGINT NOT NULL, actor TEXT NOT NULL, method INTEGER NOT NULL,"
	" l10 INTEGER NOT NULL, e10 INTEGER NOT NULL, c INTEGER NOT NULL, l INTEGER NOT NULL,"
	" s INTEGER NOT NULL, score100 BIGINT NOT NULL, level_before INTEGER NOT NULL,"
	" level_after INTEGER NOT NULL, reason TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX risk_assessments_risk ON risk_assessments (risk_id, id);"
	"CREATE TABLE check_items (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" risk_id BIGINT NOT NULL REFERENCES risk_points (id),"
	" enterprise_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id BIGINT REFERENCES industries (id), measure INTEGER NOT NULL,"
	" what TEXT NOT NULL, how TEXT NOT NULL DEFAULT '', cadence INTEGER NOT NULL,"
	" tier INTEGER NOT NULL, responsible TEXT NOT NULL DEFAULT '',"
	" active INTEGER NOT NULL DEFAULT 1, live INTEGER NOT NULL DEFAULT 1,"
	" version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX check_items_risk ON check_items (risk_id, id);"
	/* live = the item and its risk point are active: the scheduler's items
	 * of a cadence are one range of this index (by enterprise since 12) */
	"CREATE INDEX check_items_cadence ON check_items (cadence, live, id);"
	/* The last day the scheduler made check tasks for: a cadence whose
	 * period has not changed since has nothing new to make. */
	"CREATE TABLE check_job_days (name TEXT PRIMARY KEY, day TEXT NOT NULL);"
	"CREATE INDEX check_items_enterprise ON check_items (enterprise_id, id);"
	"CREATE TABLE check_tasks (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" item_id BIGINT NOT NULL REFERENCES check_items (id), risk_id BIGINT NOT NULL,"
	" enterprise_id BIGINT NOT NULL, region_code TEXT NOT NULL, industry_id BIGINT,"
	" period TEXT NOT NULL, start_on TEXT NOT NULL, due TEXT NOT NULL,"
	" status INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, UNIQUE (item_id, period));"
	"CREATE INDEX check_tasks_enterprise ON check_tasks (enterprise_id, status, due);"
	"CREATE INDEX check_tasks_due ON check_tasks (status, due, region_code);"
	"CREATE TABLE check_records (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" task_id BIGINT NOT NULL UNIQUE REFERENCES check_tasks (id), result INTEGER NOT NULL,"
	" note TEXT NOT NULL DEFAULT '', hazard_id BIGINT REFERENCES hazards (id),"
	" checked_by BIGINT NOT NULL, checked_at TEXT NOT NULL, late INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE colour_counts (region_code TEXT NOT NULL, industry_id BIGINT NOT NULL,"
	" colour TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (region_code, industry_id, colour));"
	/* Enterprises with an open major hazard are red from now on, and
	 * counted by colour (the statistics read these counts). */
	"UPDATE orgs SET risk_colour = 'red' WHERE id IN (SELECT enterprise_id FROM hazards"
	" WHERE grade = 1 AND status < 3);"
	"INSERT INTO colour_counts (region_code, industry_id, colour, n) SELECT region_code,"
	" COALESCE(industry_id, 0), risk_colour, COUNT(*) FROM orgs WHERE kind = 3 AND risk_colour <> ''"
	" GROUP BY region_code, COALESCE(industry_id, 0), risk_colour;",
	/* 11: the files attached to a task's progress report (content-addressed
	 * like the hazards' attachments) */
	"CREATE TABLE task_report_attachments (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" report_id BIGINT NOT NULL REFERENCES task_reports (id), sha256 TEXT NOT NULL,"
	" mime TEXT NOT NULL, size BIGINT NOT NULL, name TEXT NOT NULL,"
	" uploaded_by BIGINT NOT NULL, at TEXT NOT NULL, UNIQUE (report_id, sha256));",
	/* 12: the scheduler walks each cadence's live items enterprise by
	 * enterprise (STMT_CHECK_TASKS_GENERATE) */
	"DROP INDEX check_items_cadence;"
	"CREATE INDEX check_items_cadence ON check_items (cadence, live, enterprise_id, id);",
	/* 13: inspections (DESIGN §3.4), the core only: enterprise, inspecting
	 * department, date, type, summary and at least two inspectors, with a
	 * code per county and year. Findings, documents and penalties will
	 * refer to inspections (id). Never updated or deleted. Each
	 * enterprise keeps the date of its last inspection, moved forward in
	 * the transaction of the insert, for the due lists: the index serves
	 * them by colour and region without reading the table. */
	"CREATE TABLE inspections (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	" enterprise_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id BIGINT REFERENCES industries (id), org_id BIGINT NOT NULL REFERENCES orgs (id),"
	" inspected_on TEXT NOT NULL, type INTEGER NOT NULL, summary TEXT NOT NULL,"
	" created_by BIGINT NOT NULL, created_at TEXT NOT NULL);"
	"CREATE INDEX inspections_enterprise ON inspections (enterprise_id, inspected_on, id);"
	"CREATE INDEX inspections_region ON inspections (region_code, inspected_on, id);"
	"CREATE TABLE inspection_inspectors (inspection_id BIGINT NOT NULL REFERENCES inspections (id),"
	" user_id BIGINT NOT NULL REFERENCES users (id), PRIMARY KEY (inspection_id, user_id));"
	"CREATE TABLE inspection_seq (prefix TEXT PRIMARY KEY, last BIGINT NOT NULL);"
	"ALTER TABLE orgs ADD COLUMN last_inspected_on TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX orgs_inspection_due ON orgs (kind, risk_colour, region_code,"
	" last_inspected_on, industry_id, status);",
	/* 14: the enterprises' yearly risk reports to their regulators
	 * (风险清单及年度风险分析) and the risk list each one froze when it
	 * was submitted */
	"CREATE TABLE risk_reports (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" enterprise_id BIGINT NOT NULL REFERENCES orgs (id), region_code TEXT NOT NULL,"
	" industry_id BIGINT REFERENCES industries (id), year INTEGER NOT NULL,"
	" status INTEGER NOT NULL, n_red BIGINT NOT NULL DEFAULT 0, n_orange BIGINT NOT NULL DEFAULT 0,"
	" n_yellow BIGINT NOT NULL DEFAULT 0, n_blue BIGINT NOT NULL DEFAULT 0,"
	" n_total BIGINT NOT NULL DEFAULT 0, analysis TEXT NOT NULL DEFAULT '',"
	" principal TEXT NOT NULL DEFAULT '', due TEXT NOT NULL DEFAULT '',"
	" submitted_at TEXT NOT NULL DEFAULT '', submitted_by BIGINT, late INTEGER NOT NULL DEFAULT 0,"
	" created_by BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" version BIGINT NOT NULL, UNIQUE (enterprise_id, year));"
	"CREATE INDEX risk_reports_year ON risk_reports (year, region_code);"
	"CREATE TABLE risk_report_items (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" report_id BIGINT NOT NULL REFERENCES risk_reports (id), risk_id BIGINT NOT NULL,"
	" name TEXT NOT NULL, kind INTEGER NOT NULL, location TEXT NOT NULL DEFAULT '',"
	" level INTEGER NOT NULL, score100 BIGINT NOT NULL, method INTEGER NOT NULL,"
	" tier INTEGER NOT NULL, responsible TEXT NOT NULL DEFAULT '',"
	" UNIQUE (report_id, risk_id));",
	/* 15: hazard_counts re-keyed (see HC_REKEY_COLS) */
	"ALTER TABLE hazard_counts DROP CONSTRAINT hazard_counts_pkey;"
	"ALTER TABLE hazard_counts ADD PRIMARY KEY (lvl, yr, region_code, industry_id, kind, k);",
};

const int migrations_count = (int)(sizeof(migrations_sqlite) / sizeof(migrations_sqlite[0]));
_Static_assert(sizeof(migrations_sqlite) == sizeof(migrations_pg),
	       "each backend has the same numbered migrations");
