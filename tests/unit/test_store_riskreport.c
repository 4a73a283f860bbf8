/* test_store_riskreport.c — the yearly risk report in the store, on both
 * backends: the list it froze never changes when the risk points do; one
 * report per enterprise and year; late judged by the Asia/Shanghai date
 * around the due day; a submitted report is final; scope exactly as for
 * risk points; the board of who has not reported; the daily job's
 * reminders, once each; every change audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/date.h"
#include "core/risk.h"
#include "jobs/jobs.h"
#include "store_fixture.h"

struct world {
	int64_t ind_a, ind_b;
	int64_t ent_a;        /* 城关区, industry a */
	int64_t ent_b;        /* 城关区, industry b */
	int64_t ent_far;      /* 日喀则市, industry a */
	int64_t dept_a;       /* 拉萨市, supervises a */
	int64_t office;       /* 拉萨市 */
};

static struct world
make_world(struct fx *f)
{
	struct world w;
	struct org o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);

	memset(&w, 0, sizeof(w));
	fx_seed_regions(f);
	w.ind_a = fx_industry(f, 0);
	w.ind_b = fx_industry(f, 5);
	w.ent_a = fx_create_enterprise(f, "城关化工有限公司", FX_CHENGGUAN, w.ind_a, 1);
	w.ent_b = fx_create_enterprise(f, "城关建筑有限公司", FX_CHENGGUAN, w.ind_b, 2);
	w.ent_far = fx_create_enterprise(f, "日喀则化工有限公司", FX_SHIGATSE, w.ind_a, 3);
	w.dept_a = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, &w.ind_a, 1);
	w.office = fx_create_org(f, &o);
	return w;
}

static int32_t
day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* A risk point of ent assessed with LS (l × s) and made in the store. */
static struct risk_point *
ls_point(struct fx *f, const struct scope *s, int64_t ent, const char *name, int l, int sv)
{
	struct risk_point *rp = calloc(1, sizeof(*rp));
	struct risk_bands b;
	struct risk_score sc;
	struct error e = { 0 };

	assert_non_null(rp);
	risk_bands_default(&b);
	rp->enterprise_id = ent;
	snprintf(rp->name, sizeof(rp->name), "%s", name);
	rp->kind = RK_PLACE;
	rp->input.method = RM_LS;
	rp->input.l = l;
	rp->input.s = sv;
	assert_int_equal(risk_assess(&rp->input, &b, &sc, &e), 0);
	rp->score100 = sc.score100;
	rp->level = sc.level;
	rp->tier = CT_TEAM;
	snprintf(rp->responsible, sizeof(rp->responsible), "赵六");
	if (store_risk_create(f->st, &f->actor, s, rp, "初次辨识评估", &e) != 0)
		fail_msg("store_risk_create: %s", e.message);
	return rp;
}

/* A draft of ent for year, or fail. */
static struct risk_report *
draft(struct fx *f, const struct scope *s, int64_t ent, int year)
{
	struct risk_report *rr = calloc(1, sizeof(*rr));
	struct error e = { 0 };

	assert_non_null(rr);
	rr->enterprise_id = ent;
	rr->year = year;
	snprintf(rr->analysis, sizeof(rr->analysis), "%d年度风险总体可控，重大风险1处已落实管控。", year);
	snprintf(rr->principal, sizeof(rr->principal), "张三");
	if (store_risk_report_create(f->st, &f->actor, s, rr, &e) != 0)
		fail_msg("store_risk_report_create: %s (field %s)", e.message, e.field);
	return rr;
}

struct names {
	char name[8][RISK_NAME_MAX];
	enum risk_level level[8];
	int n;
};

static int
add_item(const struct risk_report_item *it, void *arg)
{
	struct names *c = arg;

	assert_true(c->n < 8);
	snprintf(c->name[c->n], sizeof(c->name[0]), "%s", it->name);
	c->level[c->n++] = it->level;
	return 0;
}

static void
test_risk_report_snapshot_unchanged_after_risk_points_change(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_point *red = ls_point(f, &s, w.ent_a, "液氯储罐区", 5, 5);     /* 25: 红 */
	struct risk_point *yellow = ls_point(f, &s, w.ent_a, "装卸作业", 3, 3);   /* 9: 黄 */
	struct risk_point *later;
	struct risk_report *rr = draft(f, &s, w.ent_a, 2026), got;
	struct names items = { 0 };
	struct error e = { 0 };

	/* a draft counts the live list: a point added now is counted */
	assert_int_equal(rr->status, REPORT_DRAFT);
	assert_int_equal(rr->n[RL_MAJOR], 1);
	assert_int_equal(rr->n[RL_GENERAL], 1);
	assert_int_equal(rr->total, 2);
	later = ls_point(f, &s, w.ent_a, "配电室", 1, 2);                          /* 2: 蓝 */
	assert_int_equal(store_risk_report_get(f->st, &s, rr->id, &got, &e), 0);
	assert_int_equal(got.total, 3);
	assert_int_equal(store_risk_report_items(f->st, &s, rr->id, add_item, &items, &e), 0);
	assert_int_equal(items.n, 0);
	assert_int_equal(store_risk_report_submit(f->st, &f->actor, &s, rr->id, got.version, NULL,
						  day("2026-12-20"), day("2026-12-01"), &got, &e), 0);
	assert_int_equal(got.status, REPORT_SUBMITTED);
	assert_int_equal(got.late, 0);
	assert_string_equal(got.due, "2026-12-20");
	assert_string_equal(got.principal, "张三");
	/* the list changes afterwards: renamed, retired, re-graded, a new point */
	snprintf(red->name, sizeof(red->name), "液氯储罐区（改）");
	assert_int_equal(store_risk_update(f->st, &f->actor, &s, red, &e), 0);
	later->active = 0;
	assert_int_equal(store_risk_update(f->st, &f->actor, &s, later, &e), 0);
	free(ls_point(f, &s, w.ent_a, "新建罐区", 4, 5));                         /* 20: 红 */
	assert_int_equal(store_risk_report_get(f->st, &s, rr->id, &got, &e), 0);
	assert_int_equal(got.n[RL_MAJOR], 1);
	assert_int_equal(got.n[RL_LARGER], 0);
	assert_int_equal(got.n[RL_GENERAL], 1);
	assert_int_equal(got.n[RL_LOW], 1);
	assert_int_equal(got.total, 3);
	assert_int_equal(store_risk_report_items(f->st, &s, rr->id, add_item, &items, &e), 0);
	assert_int_equal(items.n, 3);
	assert_string_equal(items.name[0], "液氯储罐区");     /* highest level first, the old name */
	assert_int_equal(items.level[0], RL_MAJOR);
	assert_string_equal(items.name[2], "配电室");         /* retired since: still reported */
	free(red);
	free(yellow);
	free(later);
	free(rr);
}

static void
test_risk_report_second_of_a_year_refused(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_report *rr = draft(f, &s, w.ent_a, 2026), *again = calloc(1, sizeof(*again));
	struct error e = { 0 };
	int64_t n = -1;
	struct risk_report_filter flt = { .year = 2026, .status = -1, .limit = 50 };

	assert_non_null(again);
	again->enterprise_id = w.ent_a;
	again->year = 2026;
	assert_int_equal(store_risk_report_create(f->st, &f->actor, &s, again, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "year");
	assert_int_equal(store_risk_report_list(f->st, &s, &flt, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 1);
	again->year = 2025;
	assert_int_equal(store_risk_report_create(f->st, &f->actor, &s, again, &e), 0);
	assert_int_not_equal(again->id, rr->id);
	free(rr);
	free(again);
}

/* Submit a fresh draft of ent for year as of the Shanghai date of t. */
static int
submit_at(struct fx *f, const struct scope *s, int64_t ent, int year, time_t t)
{
	struct risk_report *rr = draft(f, s, ent, year);
	struct error e = { 0 };
	int late;

	if (store_risk_report_submit(f->st, &f->actor, s, rr->id, rr->version, "李四",
				     date_from_ymd(year, 12, 20), date_shanghai(t), rr, &e) != 0)
		fail_msg("store_risk_report_submit: %s", e.message);
	late = rr->late;
	free(rr);
	return late;
}

static void
test_risk_report_late_after_the_due_day_in_shanghai(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	/* 2026-12-20T16:00:00Z is midnight of 12-21 in Shanghai */
	const time_t midnight = (time_t)1797782400;

	assert_int_equal(date_shanghai(midnight), day("2026-12-21"));
	assert_int_equal(submit_at(f, &s, w.ent_a, 2026, midnight - 1), 0);   /* 23:59:59 on 12-20 */
	assert_int_equal(submit_at(f, &s, w.ent_a, 2027, midnight - 1 + 365 * 86400), 0);
	assert_int_equal(submit_at(f, &s, w.ent_a, 2025, midnight - 365 * 86400), 1);
	assert_int_equal(submit_at(f, &s, w.ent_a, 2024, midnight - 731 * 86400 - 86400), 0);
	assert_int_equal(submit_at(f, &s, w.ent_a, 2028, midnight + 2 * 365 * 86400 + 86400), 1);
}

static void
test_risk_report_submitted_is_final_and_bad_submits_refused(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_report *rr = draft(f, &s, w.ent_a, 2026), got;
	struct error e = { 0 };
	int64_t events0, events, problems;
	int32_t due = day("2026-12-20"), today = day("2026-12-10");

	fx_audit(f, &events0, &problems);
	/* stale version */
	assert_int_equal(store_risk_report_update(f->st, &f->actor, &s, rr->id, rr->version + 1,
						  "改", NULL, &got, &e), -1);
	assert_int_equal(e.code, ERR_STALE);
	/* no principal, then no analysis */
	assert_int_equal(store_risk_report_update(f->st, &f->actor, &s, rr->id, rr->version, "", "",
						  &got, &e), 0);
	assert_int_equal(got.version, rr->version + 1);
	assert_int_equal(store_risk_report_submit(f->st, &f->actor, &s, rr->id, got.version, NULL, due,
						  today, &got, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "principal");
	assert_int_equal(store_risk_report_submit(f->st, &f->actor, &s, rr->id, got.version, "张三", due,
						  today, &got, &e), -1);
	assert_string_equal(e.field, "analysis");
	assert_int_equal(store_risk_report_get(f->st, &s, rr->id, &got, &e), 0);
	assert_int_equal(got.status, REPORT_DRAFT);
	assert_string_equal(got.principal, "");
	assert_int_equal(store_risk_report_update(f->st, &f->actor, &s, rr->id, got.version,
						  "年度风险分析：总体可控。", NULL, &got, &e), 0);
	assert_int_equal(store_risk_report_submit(f->st, &f->actor, &s, rr->id, got.version - 1, "张三",
						  due, today, &got, &e), -1);
	assert_int_equal(e.code, ERR_STALE);
	assert_int_equal(store_risk_report_submit(f->st, &f->actor, &s, rr->id, got.version, "张三", due,
						  today, &got, &e), 0);
	/* final: neither changed nor submitted again */
	assert_int_equal(store_risk_report_update(f->st, &f->actor, &s, rr->id, got.version, "改",
						  NULL, &got, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(store_risk_report_submit(f->st, &f->actor, &s, rr->id, got.version, "张三", due,
						  today, &got, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(store_risk_report_get(f->st, &s, rr->id, &got, &e), 0);
	assert_string_equal(got.analysis, "年度风险分析：总体可控。");
	/* create, three accepted changes: each one event, nothing amiss */
	fx_audit(f, &events, &problems);
	assert_int_equal(events - events0, 3);
	assert_int_equal(problems, 0);
	free(rr);
}

struct ids {
	int64_t id[8];
	int n;
};

static int
add_missing(const struct risk_report_missing *m, void *arg)
{
	struct ids *c = arg;

	assert_true(c->n < 8);
	c->id[c->n++] = m->enterprise_id;
	return 0;
}

static int
has(const struct ids *c, int64_t id)
{
	for (int i = 0; i < c->n; i++)
		if (c->id[i] == id)
			return 1;
	return 0;
}

static void
test_risk_report_scope_as_risk_points_and_missing_board(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope sa = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct scope sb = fx_scope(f, ROLE_ENTERPRISE, w.ent_b);
	struct scope dept = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct risk_report *ra = draft(f, &sa, w.ent_a, 2026), *rb = draft(f, &sb, w.ent_b, 2026), got;
	struct risk_report *other = calloc(1, sizeof(*other));
	struct risk_report_filter flt = { .year = 2026, .status = -1, .limit = 50 };
	struct ids board = { 0 };
	struct error e = { 0 };
	int64_t n = 0;

	assert_non_null(other);
	/* an enterprise reports for itself only */
	other->enterprise_id = w.ent_b;
	other->year = 2025;
	assert_int_equal(store_risk_report_create(f->st, &f->actor, &sa, other, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_string_equal(e.field, "enterprise_id");
	assert_int_equal(store_risk_report_get(f->st, &sa, rb->id, &got, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	/* the department: its industry in its region only */
	assert_int_equal(store_risk_report_get(f->st, &dept, ra->id, &got, &e), 0);
	assert_int_equal(store_risk_report_get(f->st, &dept, rb->id, &got, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(store_risk_report_list(f->st, &dept, &flt, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_risk_report_list(f->st, &office, &flt, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 2);
	flt.industry_id = w.ind_b;
	assert_int_equal(store_risk_report_list(f->st, &office, &flt, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 1);
	flt.industry_id = 0;
	/* the board: drafts do not count; another city's enterprise is not shown */
	if (store_risk_report_missing(f->st, &office, &flt, add_missing, &board, &n, NULL, &e) != 0)
		fail_msg("store_risk_report_missing: %s", e.message);
	assert_int_equal(n, 2);
	assert_true(has(&board, w.ent_a) && has(&board, w.ent_b) && !has(&board, w.ent_far));
	assert_int_equal(store_risk_report_submit(f->st, &f->actor, &sa, ra->id, ra->version, NULL,
						  day("2026-12-20"), day("2026-12-19"), &got, &e), 0);
	board.n = 0;
	assert_int_equal(store_risk_report_missing(f->st, &office, &flt, add_missing, &board, &n, NULL,
						   &e), 0);
	assert_int_equal(n, 1);
	assert_true(!has(&board, w.ent_a) && has(&board, w.ent_b));
	board.n = 0;
	assert_int_equal(store_risk_report_missing(f->st, &dept, &flt, add_missing, &board, &n, NULL,
						   &e), 0);
	assert_int_equal(n, 0);
	flt.status = REPORT_SUBMITTED;
	assert_int_equal(store_risk_report_list(f->st, &office, &flt, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 1);
	free(ra);
	free(rb);
	free(other);
}

struct told {
	int soon, late;
};

static int
count_told(const struct notification *nt, void *arg)
{
	struct told *c = arg;

	if (strcmp(nt->kind, "risk_report_due_soon") == 0)
		c->soon++;
	else if (strcmp(nt->kind, "risk_report_overdue") == 0)
		c->late++;
	return 0;
}

static struct told
told(struct fx *f, int64_t org)
{
	struct told c = { 0, 0 };
	struct error e = { 0 };

	assert_int_equal(store_notifications(f->st, org, 50, count_told, &c, &e), 0);
	return c;
}

static void
run_jobs(struct fx *f, const struct config *cfg, const char *today)
{
	struct error e = { 0 };

	if (jobs_run_daily(f->st, cfg, day(today), NULL, &e) != 0)
		fail_msg("jobs_run_daily: %s", e.message);
}

static void
test_risk_report_reminders_once_each_and_not_to_who_reported(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope sb = fx_scope(f, ROLE_ENTERPRISE, w.ent_b);
	struct risk_report *rb = draft(f, &sb, w.ent_b, 2026);
	struct config cfg;
	struct error e = { 0 };
	char err[128];

	config_defaults(&cfg);
	assert_int_equal(config_set(&cfg, "risk.report_day", "12-15", err, sizeof(err)), 0);
	assert_int_equal(store_risk_report_submit(f->st, &f->actor, &sb, rb->id, rb->version, NULL,
						  day("2026-12-15"), day("2026-11-30"), rb, &e), 0);
	run_jobs(f, &cfg, "2026-12-07");                 /* 8 days before: nothing */
	assert_int_equal(told(f, w.ent_a).soon, 0);
	run_jobs(f, &cfg, "2026-12-08");                 /* 7 days before */
	run_jobs(f, &cfg, "2026-12-08");
	run_jobs(f, &cfg, "2026-12-15");
	assert_int_equal(told(f, w.ent_a).soon, 1);
	assert_int_equal(told(f, w.ent_far).soon, 1);
	assert_int_equal(told(f, w.ent_a).late, 0);
	assert_int_equal(told(f, w.ent_b).soon, 0);      /* it has reported */
	assert_int_equal(told(f, w.dept_a).soon, 0);     /* enterprises only */
	run_jobs(f, &cfg, "2026-12-16");                 /* the day after */
	run_jobs(f, &cfg, "2026-12-17");
	assert_int_equal(told(f, w.ent_a).late, 1);
	assert_int_equal(told(f, w.ent_b).late, 0);
	/* 12-31 due: the day after it is next year's first */
	assert_int_equal(config_set(&cfg, "risk.report_day", "12-31", err, sizeof(err)), 0);
	run_jobs(f, &cfg, "2027-01-01");
	run_jobs(f, &cfg, "2027-01-01");
	assert_int_equal(told(f, w.ent_a).late, 2);
	free(rb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_risk_report_snapshot_unchanged_after_risk_points_change),
		FX_TEST(test_risk_report_second_of_a_year_refused),
		FX_TEST(test_risk_report_late_after_the_due_day_in_shanghai),
		FX_TEST(test_risk_report_submitted_is_final_and_bad_submits_refused),
		FX_TEST(test_risk_report_scope_as_risk_points_and_missing_board),
		FX_TEST(test_risk_report_reminders_once_each_and_not_to_who_reported),
	};

	return cmocka_run_group_tests_name(fx_group("store_riskreport"), tests, NULL, NULL);
}
