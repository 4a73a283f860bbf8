/* test_store_risk.c — dual prevention in the store, on both backends: risk
 * points and their assessment history, the enterprise colour (levels and
 * open major hazards), check items, idempotent task generation, check
 * records that report hazards in the same transaction, missed checks,
 * scope exactly as for hazards, audit of every change, four-colour counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/risk.h"
#include "store_fixture.h"

struct world {
	int64_t ind_a, ind_b;
	int64_t ent_a;        /* 城关区, industry a */
	int64_t ent_b;        /* 城关区, industry b */
	int64_t ent_far;      /* 日喀则市, industry a */
	int64_t dept_a;       /* 拉萨市, supervises a */
	int64_t office;       /* 拉萨市 */
	int64_t user_a;       /* an enterprise user of ent_a */
};

static struct world
make_world(struct fx *f)
{
	struct world w;

	memset(&w, 0, sizeof(w));
	fx_seed_regions(f);
	w.ind_a = fx_industry(f, 0);
	w.ind_b = fx_industry(f, 5);
	w.ent_a = fx_create_enterprise(f, "城关化工有限公司", FX_CHENGGUAN, w.ind_a, 1);
	w.ent_b = fx_create_enterprise(f, "城关建筑有限公司", FX_CHENGGUAN, w.ind_b, 2);
	w.ent_far = fx_create_enterprise(f, "日喀则化工有限公司", FX_SHIGATSE, w.ind_a, 3);
	w.dept_a = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, &w.ind_a, 1);
	{
		struct org o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);

		w.office = fx_create_org(f, &o);
	}
	w.user_a = fx_create_user(f, "ent-a", ROLE_ENTERPRISE, w.ent_a);
	return w;
}

static int32_t
day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* A risk point assessed with LEC (l, e as written; c). */
static struct risk_point *
lec_point(int64_t ent, const char *name, double l, double e_, int c)
{
	struct risk_point *rp = calloc(1, sizeof(*rp));
	struct risk_bands b;
	struct risk_score s;
	struct error e = { 0 };

	assert_non_null(rp);
	risk_bands_default(&b);
	rp->enterprise_id = ent;
	snprintf(rp->name, sizeof(rp->name), "%s", name);
	rp->kind = RK_EQUIPMENT;
	snprintf(rp->hazard_factors, sizeof(rp->hazard_factors), "储罐泄漏、静电");
	rp->accident_types = (1u << 7) | (1u << 16);   /* 火灾, 容器爆炸 */
	rp->input.method = RM_LEC;
	rp->input.l10 = risk_tenths(l);
	rp->input.e10 = risk_tenths(e_);
	rp->input.c = c;
	assert_int_equal(risk_assess(&rp->input, &b, &s, &e), 0);
	rp->score100 = s.score100;
	rp->level = s.level;
	snprintf(rp->measures[MK_ENGINEERING], sizeof(rp->measures[0]), "可燃气体报警器联锁");
	snprintf(rp->measures[MK_EMERGENCY], sizeof(rp->measures[0]), "泄漏应急处置卡");
	rp->tier = CT_WORKSHOP;
	snprintf(rp->responsible, sizeof(rp->responsible), "王五");
	return rp;
}

static int64_t
create_point(struct fx *f, const struct scope *s, struct risk_point *rp)
{
	struct error e = { 0 };

	if (store_risk_create(f->st, &f->actor, s, rp, "初次辨识评估", &e) != 0)
		fail_msg("store_risk_create: %s (field %s)", e.message, e.field);
	return rp->id;
}

static char *
colour_of(struct fx *f, int64_t org)
{
	static char buf[8];
	struct org o = fx_get_org(f, org);

	snprintf(buf, sizeof(buf), "%s", o.risk_colour);
	return buf;
}

static void
test_risk_create_computes_level_and_colours_enterprise(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_point *rp = lec_point(w.ent_a, "1号储罐区", 3, 6, 7), got;  /* D 126: 一般 */
	struct error e = { 0 };

	assert_string_equal(colour_of(f, w.ent_a), "");
	create_point(f, &s, rp);
	assert_int_equal(rp->version, 1);
	assert_string_equal(rp->region_code, FX_CHENGGUAN);
	assert_int_equal(rp->industry_id, w.ind_a);
	assert_int_equal(store_risk_get(f->st, &s, rp->id, &got, &e), 0);
	assert_int_equal(got.score100, 12600);
	assert_int_equal(got.level, RL_GENERAL);
	assert_int_equal(got.accident_types, (1u << 7) | (1u << 16));
	assert_string_equal(got.measures[MK_ENGINEERING], "可燃气体报警器联锁");
	assert_string_equal(got.enterprise_name, "城关化工有限公司");
	assert_string_equal(colour_of(f, w.ent_a), "yellow");
	free(rp);
	rp = lec_point(w.ent_a, "装卸作业", 3, 3, 40);  /* D 360: 重大 */
	create_point(f, &s, rp);
	assert_string_equal(colour_of(f, w.ent_a), "red");
	assert_string_equal(colour_of(f, w.ent_b), "");
	free(rp);
}

static void
test_risk_for_unseen_enterprise_refused(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope own = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct scope dept = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct risk_point *rp = lec_point(w.ent_b, "塔吊", 3, 6, 15);
	struct error e = { 0 };
	int64_t n = -1;
	struct risk_filter all = { .level = -1, .kind = -1, .include_retired = 1, .limit = 10 };
	struct scope admin = fx_admin_scope(f);

	assert_int_equal(store_risk_create(f->st, &f->actor, &own, rp, "", &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_string_equal(e.field, "enterprise_id");
	rp->enterprise_id = w.ent_far;
	assert_int_equal(store_risk_create(f->st, &f->actor, &dept, rp, "", &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	rp->enterprise_id = w.dept_a;   /* not an enterprise */
	assert_int_equal(store_risk_create(f->st, &f->actor, &admin, rp, "", &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(store_risk_list(f->st, &admin, &all, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 0);
	assert_string_equal(colour_of(f, w.ent_b), "");
	free(rp);
}

struct ids {
	int64_t v[64];
	int n;
};

static int
collect_risk(const struct risk_point *rp, void *arg)
{
	struct ids *c = arg;

	c->v[c->n++] = rp->id;
	return 0;
}

static void
test_risk_scope_as_for_hazards(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct risk_point *a = lec_point(w.ent_a, "反应釜", 3, 6, 15);
	struct risk_point *b = lec_point(w.ent_b, "脚手架", 3, 6, 15);
	struct risk_point *far = lec_point(w.ent_far, "储罐", 3, 6, 15);
	struct risk_point got;
	struct risk_filter flt = { .level = -1, .kind = -1, .limit = 50 };
	struct error e = { 0 };
	struct {
		enum role role;
		int64_t org;
		int sees_a, sees_b, sees_far;
	} cases[] = {
		{ ROLE_ADMIN, 0, 1, 1, 1 },
		{ ROLE_OFFICE, 0, 1, 1, 0 },
		{ ROLE_REGULATOR, 0, 1, 0, 0 },
		{ ROLE_ENTERPRISE, 0, 1, 0, 0 },
	};

	cases[1].org = w.office;
	cases[2].org = w.dept_a;
	cases[3].org = w.ent_a;
	create_point(f, &admin, a);
	create_point(f, &admin, b);
	create_point(f, &admin, far);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct scope s = fx_scope(f, cases[i].role, cases[i].org);
		struct ids c = { .n = 0 };
		int64_t total = -1;
		int64_t want[3] = { a->id, b->id, far->id };
		int sees[3] = { cases[i].sees_a, cases[i].sees_b, cases[i].sees_far };

		assert_int_equal(store_risk_list(f->st, &s, &flt, collect_risk, &c, &total, NULL, &e), 0);
		assert_int_equal(total, c.n);
		assert_int_equal(c.n, sees[0] + sees[1] + sees[2]);
		for (int k = 0; k < 3; k++) {
			int rc = store_risk_get(f->st, &s, want[k], &got, &e);

			assert_int_equal(rc, sees[k] ? 0 : -1);
			if (!sees[k])
				assert_int_equal(e.code, ERR_NOT_FOUND);
		}
	}
	free(a);
	free(b);
	free(far);
}

static int
collect_assessment(const struct risk_assessment *ra, void *arg)
{
	struct risk_assessment *out = arg;

	out[out[0].id == 0 ? 0 : out[1].id == 0 ? 1 : 2] = *ra;
	return 0;
}

static void
test_reassessment_keeps_history_and_checks_version(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_point *rp = lec_point(w.ent_a, "液氨储罐", 3, 3, 40), *out = calloc(1, sizeof(*out));
	struct risk_input in = { .method = RM_LS, .l = 2, .s = 4 };
	struct risk_score sc;
	struct risk_bands b;
	struct risk_assessment hist[3];
	struct error e = { 0 };

	risk_bands_default(&b);
	create_point(f, &s, rp);
	assert_string_equal(colour_of(f, w.ent_a), "red");
	assert_int_equal(risk_assess(&in, &b, &sc, &e), 0);
	/* A stale version changes nothing. */
	assert_int_equal(store_risk_assess(f->st, &f->actor, &s, rp->id, rp->version + 1, &in, &sc,
					   "增设紧急切断", NULL, out, &e), -1);
	assert_int_equal(e.code, ERR_STALE);
	assert_int_equal(store_risk_assess(f->st, &f->actor, &s, rp->id, rp->version, &in, &sc,
					   "增设紧急切断", "2027-06-30", out, &e), 0);
	assert_int_equal(out->version, 2);
	assert_int_equal(out->input.method, RM_LS);
	assert_int_equal(out->score100, 800);
	assert_int_equal(out->level, RL_LOW);
	assert_string_equal(out->review_on, "2027-06-30");
	assert_string_equal(colour_of(f, w.ent_a), "blue");
	memset(hist, 0, sizeof(hist));
	assert_int_equal(store_risk_assessments(f->st, &s, rp->id, collect_assessment, hist, &e), 0);
	assert_int_equal(hist[0].level_before, -1);
	assert_int_equal(hist[0].level_after, RL_MAJOR);
	assert_string_equal(hist[0].reason, "初次辨识评估");
	assert_int_equal(hist[0].score100, 36000);
	assert_int_equal(hist[1].level_before, RL_MAJOR);
	assert_int_equal(hist[1].level_after, RL_LOW);
	assert_string_equal(hist[1].reason, "增设紧急切断");
	assert_int_equal(hist[1].input.l, 2);
	assert_int_equal(hist[2].id, 0);
	free(rp);
	free(out);
}

static void
test_update_stale_refused_and_retire_clears_colour(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_point *rp = lec_point(w.ent_a, "配电室", 1, 6, 15), *upd = calloc(1, sizeof(*upd));
	struct error e = { 0 };
	int64_t events = 0, problems = 0;

	create_point(f, &s, rp);
	assert_string_equal(colour_of(f, w.ent_a), "yellow");
	*upd = *rp;
	snprintf(upd->name, sizeof(upd->name), "1号配电室");
	upd->version = rp->version + 5;
	assert_int_equal(store_risk_update(f->st, &f->actor, &s, upd, &e), -1);
	assert_int_equal(e.code, ERR_STALE);
	upd->version = rp->version;
	assert_int_equal(store_risk_update(f->st, &f->actor, &s, upd, &e), 0);
	assert_string_equal(upd->name, "1号配电室");
	assert_int_equal(upd->level, RL_GENERAL);   /* the assessment is not touched */
	assert_int_equal(upd->version, 2);
	upd->active = 0;
	assert_int_equal(store_risk_update(f->st, &f->actor, &s, upd, &e), 0);
	assert_string_equal(colour_of(f, w.ent_a), "");
	fx_audit(f, &events, &problems);
	assert_int_equal(problems, 0);
	free(rp);
	free(upd);
}

static struct check_item
item_of(int64_t risk, const char *what, enum cadence c)
{
	struct check_item it;

	memset(&it, 0, sizeof(it));
	it.risk_id = risk;
	it.measure = MK_ENGINEERING;
	snprintf(it.what, sizeof(it.what), "%s", what);
	snprintf(it.how, sizeof(it.how), "现场查看、测试报警");
	it.cadence = c;
	it.tier = CT_TEAM;
	snprintf(it.responsible, sizeof(it.responsible), "班组长");
	return it;
}

static int
collect_task(const struct check_task *t, void *arg)
{
	struct check_task *out = arg;
	int i = 0;

	while (out[i].id != 0)
		i++;
	out[i] = *t;
	return 0;
}

static void
test_check_item_gets_its_task_and_generation_is_idempotent(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_point *rp = lec_point(w.ent_a, "储罐区", 3, 6, 7);
	struct check_item daily = item_of(0, "可燃气体报警器完好", CAD_DAILY);
	struct check_item monthly = item_of(0, "防雷接地检测", CAD_MONTHLY);
	struct check_task *tasks = calloc(16, sizeof(*tasks));
	struct check_task_filter tf = { .status = -1, .limit = 50 };
	struct check_generate_report rep;
	struct error e = { 0 };
	int64_t total = 0;

	create_point(f, &s, rp);
	daily.risk_id = monthly.risk_id = rp->id;
	assert_int_equal(store_check_item_create(f->st, &f->actor, &s, &daily, day("2028-02-29"), &e), 0);
	assert_int_equal(store_check_item_create(f->st, &f->actor, &s, &monthly, day("2028-02-29"), &e), 0);
	assert_int_equal(daily.enterprise_id, w.ent_a);
	assert_string_equal(daily.risk_name, "储罐区");
	assert_int_equal(store_check_task_list(f->st, &s, &tf, collect_task, tasks, &total, NULL, &e), 0);
	assert_int_equal(total, 2);
	assert_string_equal(tasks[0].period, "2028-02-29");
	assert_string_equal(tasks[0].due, "2028-02-29");
	assert_string_equal(tasks[1].period, "2028-02");
	assert_string_equal(tasks[1].start, "2028-02-01");
	assert_string_equal(tasks[1].due, "2028-02-29");
	/* The same day again: nothing new. */
	assert_int_equal(store_jobs_check_tasks(f->st, day("2028-02-29"), &rep, &e), 0);
	assert_int_equal(rep.created, 0);
	/* The next day: a new daily task and a new month. */
	assert_int_equal(store_jobs_check_tasks(f->st, day("2028-03-01"), &rep, &e), 0);
	assert_int_equal(rep.created, 2);
	assert_int_equal(store_jobs_check_tasks(f->st, day("2028-03-01"), &rep, &e), 0);
	assert_int_equal(rep.created, 0);
	assert_int_equal(store_jobs_check_tasks(f->st, day("2028-03-02"), &rep, &e), 0);
	assert_int_equal(rep.created, 1);
	/* Missed: the pending tasks due before today. */
	memset(tasks, 0, 16 * sizeof(*tasks));
	tf.missed_only = 1;
	snprintf(tf.today, sizeof(tf.today), "2028-03-02");
	assert_int_equal(store_check_task_list(f->st, &s, &tf, collect_task, tasks, &total, NULL, &e), 0);
	assert_int_equal(total, 3);   /* 02-29, 03-01 daily and February's monthly */
	/* A retired item makes no more tasks. */
	daily.active = 0;
	assert_int_equal(store_check_item_update(f->st, &f->actor, &s, &daily, &e), 0);
	assert_int_equal(store_jobs_check_tasks(f->st, day("2028-03-03"), &rep, &e), 0);
	assert_int_equal(rep.created, 0);
	free(rp);
	free(tasks);
}

/* The scheduler's pages are ranges of enterprises: however narrow, every
 * live item gets its one task of the day, and a rerun makes none. */
static void
test_generation_in_pages_of_enterprises(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	const int64_t ents[] = { w.ent_far, w.ent_a, w.ent_b };   /* items made out of id order */
	struct check_task *tasks = calloc(16, sizeof(*tasks));
	struct check_task_filter tf = { .status = -1, .limit = 15 };
	struct check_generate_report rep;
	struct error e = { 0 };
	int64_t total = 0;
	int per_ent[3] = { 0 };

	for (int i = 0; i < 3; i++) {
		struct risk_point *rp = lec_point(ents[i], "储罐区", 3, 6, 7);
		struct check_item daily = item_of(0, "呼吸阀完好", CAD_DAILY);
		struct check_item weekly = item_of(0, "静电接地检查", CAD_WEEKLY);

		create_point(f, &admin, rp);
		daily.risk_id = weekly.risk_id = rp->id;
		assert_int_equal(store_check_item_create(f->st, &f->actor, &admin, &daily,
							 day("2028-12-29"), &e), 0);
		assert_int_equal(store_check_item_create(f->st, &f->actor, &admin, &weekly,
							 day("2028-12-29"), &e), 0);
		free(rp);
	}
	/* A Monday in a new year: the daily and weekly items are due. */
	assert_int_equal(store_jobs_check_tasks_paged(f->st, day("2029-01-01"), 1, &rep, &e), 0);
	assert_int_equal(rep.created, 6);
	assert_int_equal(store_jobs_check_tasks_paged(f->st, day("2029-01-01"), 1, &rep, &e), 0);
	assert_int_equal(rep.created, 0);
	/* Each enterprise: its two tasks of the day they were made, and now
	 * the day's and the new week's. */
	assert_int_equal(store_check_task_list(f->st, &admin, &tf, collect_task, tasks, &total, NULL,
					       &e), 0);
	assert_int_equal(total, 12);
	for (int t = 0; t < 12; t++)
		for (int i = 0; i < 3; i++)
			if (tasks[t].enterprise_id == ents[i] && strcmp(tasks[t].start, "2029-01-01") == 0)
				per_ent[i]++;
	for (int i = 0; i < 3; i++)
		assert_int_equal(per_ent[i], 2);
	free(tasks);
}

/* A retired risk point's items make no tasks; active again, they get this period's at once. */
static void
test_retired_risk_point_stops_its_checks_until_revived(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_point *rp = lec_point(w.ent_a, "储罐区", 3, 6, 7);
	struct check_item it = item_of(0, "呼吸阀完好", CAD_DAILY);
	struct check_task *tasks = calloc(8, sizeof(*tasks));
	struct check_task_filter tf = { .status = -1, .limit = 50 };
	struct check_generate_report rep;
	int32_t today = date_shanghai(time(NULL));
	struct error e = { 0 };
	int64_t n = 0;

	create_point(f, &s, rp);
	it.risk_id = rp->id;
	assert_int_equal(store_check_item_create(f->st, &f->actor, &s, &it, today - 5, &e), 0);
	assert_int_equal(store_jobs_check_tasks(f->st, today - 5, &rep, &e), 0);
	rp->active = 0;
	assert_int_equal(store_risk_update(f->st, &f->actor, &s, rp, &e), 0);
	assert_int_equal(store_jobs_check_tasks(f->st, today - 4, &rep, &e), 0);
	assert_int_equal(rep.created, 0);
	assert_int_equal(store_check_task_list(f->st, &s, &tf, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 1);
	/* Revived: today's task at once, none for the days it was retired. */
	rp->active = 1;
	if (store_risk_update(f->st, &f->actor, &s, rp, &e) != 0)
		fail_msg("revive: %s (%s)", e.message, e.field);
	assert_int_equal(store_check_task_list(f->st, &s, &tf, collect_task, tasks, &n, NULL, &e), 0);
	assert_int_equal(n, 2);
	{
		char d[DATE_LEN];

		date_format(today, d);
		assert_string_equal(tasks[1].period, d);
	}
	free(rp);
	free(tasks);
}

static void
test_check_item_of_unseen_risk_refused(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct scope own = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_point *rp = lec_point(w.ent_b, "塔吊", 3, 6, 7);
	struct check_item it = item_of(0, "限位器", CAD_DAILY);
	struct check_item_filter cf = { .cadence = -1, .limit = 50 };
	struct error e = { 0 };
	int64_t n = -1;

	create_point(f, &admin, rp);
	it.risk_id = rp->id;
	assert_int_equal(store_check_item_create(f->st, &f->actor, &own, &it, day("2026-11-22"), &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_string_equal(e.field, "risk_id");
	assert_int_equal(store_check_item_list(f->st, &admin, &cf, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 0);
	free(rp);
}

static void
test_hazard_answer_reports_hazard_and_turns_enterprise_red(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct hazard_actor who = { ROLE_ENTERPRISE, 0 };
	struct risk_point *rp = lec_point(w.ent_a, "储罐区", 1, 6, 7);   /* D 42: 低 */
	struct check_item it = item_of(0, "可燃气体报警器完好", CAD_DAILY);
	struct check_task *task = calloc(1, sizeof(*task));
	struct check_task *tasks = calloc(4, sizeof(*tasks));
	struct check_task_filter tf = { .status = -1, .limit = 50 };
	struct hazard *h = calloc(1, sizeof(*h)), *got = calloc(1, sizeof(*got));
	struct check_answer ans = { .result = CR_HAZARD, .note = "2号探头无响应", .hazard = h, .who = &who };
	int32_t today = date_shanghai(time(NULL));
	struct error e = { 0 };
	int64_t events = 0, problems = 0;

	create_point(f, &s, rp);
	assert_string_equal(colour_of(f, w.ent_a), "blue");
	it.risk_id = rp->id;
	assert_int_equal(store_check_item_create(f->st, &f->actor, &s, &it, today, &e), 0);
	assert_int_equal(store_check_task_list(f->st, &s, &tf, collect_task, tasks, NULL, NULL, &e), 0);
	assert_true(tasks[0].id > 0);
	h->category = HC_UNSAFE_CONDITION;
	h->grade = HG_MAJOR;
	snprintf(h->basis, sizeof(h->basis), "判定标准第十一条");
	assert_int_equal(store_check_record(f->st, &f->actor, &s, tasks[0].id, &ans, today, task, &e), 0);
	assert_int_equal(task->status, CTS_DONE);
	assert_int_equal(task->result, CR_HAZARD);
	assert_true(task->hazard_id > 0);
	assert_int_equal(task->hazard_id, h->id);
	assert_int_equal(store_hazard_get(f->st, &s, task->hazard_id, got, &e), 0);
	assert_string_equal(got->title, "可燃气体报警器完好");
	assert_int_equal(got->source, HS_SELF_CHECK);
	assert_int_equal(got->enterprise_id, w.ent_a);
	assert_non_null(strstr(got->description, "储罐区"));
	/* An open major hazard makes the enterprise red. */
	assert_string_equal(colour_of(f, w.ent_a), "red");
	/* A second record of the same task is refused and reports nothing. */
	memset(h, 0, sizeof(*h));
	h->category = HC_UNSAFE_CONDITION;
	assert_int_equal(store_check_record(f->st, &f->actor, &s, tasks[0].id, &ans, today, task, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(h->id, 0);
	fx_audit(f, &events, &problems);
	assert_int_equal(problems, 0);
	free(rp);
	free(task);
	free(tasks);
	free(h);
	free(got);
}

static void
test_refused_hazard_answer_records_nothing(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct hazard_actor who = { ROLE_ENTERPRISE, 0 };
	struct risk_point *rp = lec_point(w.ent_a, "储罐区", 1, 6, 7);
	struct check_item it = item_of(0, "呼吸阀", CAD_WEEKLY);
	struct check_task *task = calloc(1, sizeof(*task)), *tasks = calloc(4, sizeof(*tasks));
	struct check_task_filter tf = { .status = -1, .limit = 50 };
	struct hazard *h = calloc(1, sizeof(*h));
	struct check_answer ans = { .result = CR_HAZARD, .hazard = h, .who = &who };
	struct hazard_filter hf = { .status = -1, .grade = -1, .source = -1, .limit = 10 };
	int32_t today = date_shanghai(time(NULL));
	struct error e = { 0 };
	int64_t n = -1;

	create_point(f, &s, rp);
	it.risk_id = rp->id;
	assert_int_equal(store_check_item_create(f->st, &f->actor, &s, &it, today, &e), 0);
	assert_int_equal(store_check_task_list(f->st, &s, &tf, collect_task, tasks, NULL, NULL, &e), 0);
	h->grade = HG_MAJOR;   /* major without its basis: the hazard rules refuse */
	assert_int_equal(store_check_record(f->st, &f->actor, &s, tasks[0].id, &ans, today, task, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_int_equal(store_check_task_get(f->st, &s, tasks[0].id, task, &e), 0);
	assert_int_equal(task->status, CTS_PENDING);
	assert_int_equal(store_hazard_list(f->st, &s, &hf, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 0);
	/* An ok answer is fine. */
	ans.result = CR_OK;
	ans.hazard = NULL;
	assert_int_equal(store_check_record(f->st, &f->actor, &s, tasks[0].id, &ans, today, task, &e), 0);
	assert_int_equal(task->result, CR_OK);
	assert_int_equal(task->hazard_id, 0);
	free(rp);
	free(task);
	free(tasks);
	free(h);
}

#define NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The rows of one group of a statistics call; the total's key becomes "*". */
struct collect {
	enum risk_stats_group g;
	struct risk_stats_row *out;
	int n, cap, calls[RSG__MAX];
};

static int
collect_stats(enum risk_stats_group g, const struct risk_stats_row *r, void *arg)
{
	struct collect *c = arg;

	c->calls[g]++;
	if (g != c->g)
		return 0;
	assert_true(c->n < c->cap);
	c->out[c->n] = *r;
	if (c->out[c->n].key[0] == '\0')
		snprintf(c->out[c->n].key, sizeof(c->out[0].key), "*");
	c->n++;
	return 0;
}

/* The rows of group g of the statistics s sees, into rows[cap] (zeroed). */
static int
stats_group(struct fx *f, const struct scope *s, const char *region, int64_t industry,
	    enum risk_stats_group g, struct risk_stats_row *rows, int cap)
{
	struct collect c = { .g = g, .out = rows, .cap = cap };
	struct error e = { 0 };
	int rc;

	memset(rows, 0, (size_t)cap * sizeof(*rows));
	rc = store_risk_stats(f->st, s, region, industry, collect_stats, &c, &e);
	if (rc == 0)
		assert_int_equal(c.calls[RSG_TOTAL], 1);   /* always exactly one total */
	return rc;
}

static void
test_four_colour_counts_by_region_and_industry(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct risk_stats_row rows[16];
	struct risk_point *p;
	char ind_a[24];

	p = lec_point(w.ent_a, "A1", 3, 3, 40); create_point(f, &admin, p); free(p);   /* red */
	p = lec_point(w.ent_a, "A2", 3, 6, 7);  create_point(f, &admin, p); free(p);   /* yellow */
	p = lec_point(w.ent_b, "B1", 10, 6, 3); create_point(f, &admin, p); free(p);   /* orange */
	p = lec_point(w.ent_far, "F1", 1, 1, 1); create_point(f, &admin, p); free(p);  /* blue */
	assert_int_equal(stats_group(f, &office, "", 0, RSG_TOTAL, rows, NROWS(rows)), 0);
	assert_string_equal(rows[0].key, "*");
	assert_int_equal(rows[0].n[RL_MAJOR], 1);
	assert_int_equal(rows[0].n[RL_LARGER], 1);
	assert_int_equal(rows[0].n[RL_GENERAL], 1);
	assert_int_equal(rows[0].n[RL_LOW], 0);       /* 日喀则 is not the office's */
	assert_int_equal(rows[0].enterprises[RL_MAJOR], 1);
	assert_int_equal(rows[0].enterprises[RL_LARGER], 1);
	assert_int_equal(rows[0].enterprises[RL_LOW], 0);
	assert_int_equal(stats_group(f, &admin, FX_TIBET, 0, RSG_CHILD_REGION, rows, NROWS(rows)), 0);
	assert_string_equal(rows[0].key, "5401");
	assert_int_equal(rows[0].n[RL_MAJOR] + rows[0].n[RL_LARGER] + rows[0].n[RL_GENERAL], 3);
	assert_string_equal(rows[1].key, "5402");
	assert_int_equal(rows[1].n[RL_LOW], 1);
	assert_int_equal(rows[1].enterprises[RL_LOW], 1);
	/* The same read sums every point into exactly one industry too. */
	assert_int_equal(stats_group(f, &admin, FX_TIBET, 0, RSG_INDUSTRY, rows, NROWS(rows)), 0);
	for (int i = 0, sum = 0; i <= NROWS(rows); i++) {
		if (i == NROWS(rows) || rows[i].key[0] == '\0') {
			assert_int_equal(sum, 4);
			break;
		}
		for (int k = 0; k < RL__MAX; k++)
			sum += (int)rows[i].n[k];
	}
	assert_int_equal(stats_group(f, &admin, FX_LHASA, w.ind_a, RSG_INDUSTRY, rows, NROWS(rows)), 0);
	snprintf(ind_a, sizeof(ind_a), "%lld", (long long)w.ind_a);
	assert_string_equal(rows[0].key, ind_a);
	assert_int_equal(rows[0].n[RL_MAJOR], 1);
	assert_int_equal(rows[0].n[RL_GENERAL], 1);
	assert_int_equal(rows[0].n[RL_LARGER], 0);
	assert_int_equal(rows[1].key[0], '\0');
}

/* The counts the statistics read follow re-assessments and retirements. */
static void
test_four_colour_counts_follow_reassessment_and_retirement(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct scope dept = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct scope own = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct risk_stats_row rows[4];
	struct risk_point *a = lec_point(w.ent_a, "A1", 3, 3, 40), *b = lec_point(w.ent_b, "B1", 10, 6, 3);
	struct risk_point *out = calloc(1, sizeof(*out));
	struct risk_input in = { .method = RM_LS, .l = 1, .s = 2 };
	struct risk_score sc;
	struct risk_bands bands;
	struct error e = { 0 };

	risk_bands_default(&bands);
	create_point(f, &admin, a);   /* red, industry a */
	create_point(f, &admin, b);   /* orange, industry b */
	assert_int_equal(stats_group(f, &admin, FX_LHASA, 0, RSG_TOTAL, rows, NROWS(rows)), 0);
	assert_int_equal(rows[0].n[RL_MAJOR], 1);
	assert_int_equal(rows[0].n[RL_LARGER], 1);
	/* A department counts only its industries' points. */
	assert_int_equal(stats_group(f, &dept, "", 0, RSG_TOTAL, rows, NROWS(rows)), 0);
	assert_int_equal(rows[0].n[RL_MAJOR], 1);
	assert_int_equal(rows[0].n[RL_LARGER], 0);
	assert_int_equal(risk_assess(&in, &bands, &sc, &e), 0);
	assert_int_equal(store_risk_assess(f->st, &f->actor, &own, a->id, a->version, &in, &sc, "复评", NULL,
					   out, &e), 0);
	b->active = 0;
	assert_int_equal(store_risk_update(f->st, &f->actor, &admin, b, &e), 0);
	assert_int_equal(stats_group(f, &admin, FX_LHASA, 0, RSG_TOTAL, rows, NROWS(rows)), 0);
	assert_int_equal(rows[0].n[RL_MAJOR], 0);
	assert_int_equal(rows[0].n[RL_LARGER], 0);
	assert_int_equal(rows[0].n[RL_LOW], 1);
	/* The enterprises' colours moved too: A blue, B none (not counted). */
	assert_int_equal(rows[0].enterprises[RL_MAJOR], 0);
	assert_int_equal(rows[0].enterprises[RL_LARGER], 0);
	assert_int_equal(rows[0].enterprises[RL_LOW], 1);
	/* The enterprise's own view counts its rows: the same. */
	assert_int_equal(stats_group(f, &own, "", 0, RSG_TOTAL, rows, NROWS(rows)), 0);
	assert_int_equal(rows[0].n[RL_LOW], 1);
	assert_int_equal(rows[0].n[RL_MAJOR], 0);
	assert_int_equal(rows[0].enterprises[RL_LOW], 1);
	free(a);
	free(b);
	free(out);
}

/* An enterprise that moves to another region and industry takes its risk
 * points, checks and hazards along: the old region's department and counts
 * lose them, the new region's have them, and the audit chain still agrees
 * with every row. */
static void
test_moved_enterprise_takes_its_rows_along(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct scope own = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct scope dept = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct hazard_actor who = { ROLE_ENTERPRISE, 0 };
	struct risk_point *rp = lec_point(w.ent_a, "储罐区", 1, 6, 7), *got = calloc(1, sizeof(*got));
	struct check_item it = item_of(0, "可燃气体报警器完好", CAD_DAILY);
	struct check_task *tasks = calloc(4, sizeof(*tasks));
	struct check_task_filter tf = { .status = -1, .limit = 4 };
	struct hazard *h = calloc(1, sizeof(*h));
	struct check_answer ans = { .result = CR_HAZARD, .note = "无响应", .hazard = h, .who = &who };
	struct risk_stats_row rows[8];
	int32_t today = date_shanghai(time(NULL));
	struct error e = { 0 };
	struct org o;
	int64_t mismatched = -1, events = 0, problems = 0;

	create_point(f, &own, rp);
	it.risk_id = rp->id;
	assert_int_equal(store_check_item_create(f->st, &f->actor, &own, &it, today, &e), 0);
	assert_int_equal(store_check_task_list(f->st, &own, &tf, collect_task, tasks, NULL, NULL, &e), 0);
	h->category = HC_UNSAFE_CONDITION;
	h->grade = HG_MAJOR;
	snprintf(h->basis, sizeof(h->basis), "判定标准第十一条");
	assert_int_equal(store_check_record(f->st, &f->actor, &own, tasks[0].id, &ans, today, tasks, &e), 0);
	assert_string_equal(colour_of(f, w.ent_a), "red");
	/* 城关区, industry a → 日喀则市, industry b. */
	o = fx_get_org(f, w.ent_a);
	snprintf(o.region_code, sizeof(o.region_code), "%s", FX_SHIGATSE);
	o.industry_id = w.ind_b;
	assert_int_equal(store_org_update(f->st, &f->actor, &admin, &o, &e), 0);
	assert_int_equal(store_risk_get(f->st, &admin, rp->id, got, &e), 0);
	assert_string_equal(got->region_code, FX_SHIGATSE);
	assert_int_equal(got->industry_id, w.ind_b);
	assert_int_equal(store_hazard_get(f->st, &admin, h->id, h, &e), 0);
	assert_string_equal(h->region_code, FX_SHIGATSE);
	assert_int_equal(h->industry_id, w.ind_b);
	memset(tasks, 0, 4 * sizeof(*tasks));
	assert_int_equal(store_check_task_list(f->st, &admin, &tf, collect_task, tasks, NULL, NULL, &e), 0);
	assert_string_equal(tasks[0].region_code, FX_SHIGATSE);
	/* 拉萨's department of industry a sees none of it any more. */
	assert_int_equal(store_risk_get(f->st, &dept, rp->id, got, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(store_hazard_get(f->st, &dept, h->id, h, &e), -1);
	/* The counts moved: 拉萨 has no point and no red enterprise left. */
	assert_int_equal(stats_group(f, &admin, FX_TIBET, 0, RSG_CHILD_REGION, rows, NROWS(rows)), 0);
	for (int i = 0; i < NROWS(rows) && rows[i].key[0] != '\0'; i++) {
		int lhasa = strcmp(rows[i].key, "5401") == 0;

		assert_int_equal(rows[i].n[RL_LOW], lhasa ? 0 : 1);
		assert_int_equal(rows[i].enterprises[RL_MAJOR], lhasa ? 0 : 1);
	}
	assert_int_equal(store_hazard_counts_check(f->st, &mismatched, &e), 0);
	assert_int_equal(mismatched, 0);
	fx_audit(f, &events, &problems);
	assert_int_equal(problems, 0);
	free(rp);
	free(got);
	free(tasks);
	free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_risk_create_computes_level_and_colours_enterprise),
		FX_TEST(test_risk_for_unseen_enterprise_refused),
		FX_TEST(test_risk_scope_as_for_hazards),
		FX_TEST(test_reassessment_keeps_history_and_checks_version),
		FX_TEST(test_update_stale_refused_and_retire_clears_colour),
		FX_TEST(test_check_item_gets_its_task_and_generation_is_idempotent),
		FX_TEST(test_check_item_of_unseen_risk_refused),
		FX_TEST(test_generation_in_pages_of_enterprises),
		FX_TEST(test_moved_enterprise_takes_its_rows_along),
		FX_TEST(test_retired_risk_point_stops_its_checks_until_revived),
		FX_TEST(test_hazard_answer_reports_hazard_and_turns_enterprise_red),
		FX_TEST(test_refused_hazard_answer_records_nothing),
		FX_TEST(test_four_colour_counts_by_region_and_industry),
		FX_TEST(test_four_colour_counts_follow_reassessment_and_retirement),
	};

	return cmocka_run_group_tests_name(fx_group("store risk"), tests, NULL, NULL);
}
