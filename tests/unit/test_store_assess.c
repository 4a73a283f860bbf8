/*
 * test_store_assess.c — store conformance for the assessment (考核): a
 * plan's configuration (defaults, versions, refusals that change nothing,
 * the audit chain, scope), the tasks, reports and actual values the
 * assessment reads, and the hazard facts of an org's own scope, on the
 * backend named by HN_STORE.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"
#include "store_fixture.h"

struct aw {
	int64_t ind_a, ind_b;
	int64_t office, dept_a, dept_b, office_cg, dept_cg, ent_a, ent_b;
	int64_t plan, task_a, task_cg;
};

static void
add_node(struct plan_node_row *n, int seq, const char *title, const char *lead,
	 const char *deadline, const char *detail)
{
	memset(n, 0, sizeof(*n));
	n->seq = seq;
	n->parent = 0;
	snprintf(n->kind, sizeof(n->kind), "task");
	snprintf(n->label, sizeof(n->label), "（%d）", seq);
	snprintf(n->title, sizeof(n->title), "%s", title);
	n->line = seq;
	snprintf(n->deadline, sizeof(n->deadline), "%s", deadline);
	snprintf(n->lead, sizeof(n->lead), "%s", lead);
	n->detail = detail;
}

/* 拉萨: an office, departments of industries A and B, an enterprise of each;
 * 城关: an office and a department of A. A published plan with a task of
 * dept_a (with a target) and one of 城关's department. */
static struct aw
aworld(struct fx *f)
{
	struct aw w;
	struct org o;
	struct plan_rec p;
	struct plan_node_row nodes[2];
	struct publish_result pr;
	struct scope all = fx_admin_scope(f);
	struct error e = { 0 };

	fx_seed_regions(f);
	w.ind_a = fx_industry(f, 0);
	w.ind_b = fx_industry(f, 1);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	w.office = fx_create_org(f, &o);
	w.dept_a = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, &w.ind_a, 1);
	w.dept_b = fx_create_department(f, "拉萨市住建局", FX_LHASA, &w.ind_b, 1);
	o = fx_org(ORG_OFFICE, "城关区安委办", FX_CHENGGUAN);
	w.office_cg = fx_create_org(f, &o);
	w.dept_cg = fx_create_department(f, "城关区应急管理局", FX_CHENGGUAN, &w.ind_a, 1);
	w.ent_a = fx_create_enterprise(f, "城关化工厂", FX_CHENGGUAN, w.ind_a, 1);
	w.ent_b = fx_create_enterprise(f, "城关建筑公司", FX_CHENGGUAN, w.ind_b, 2);

	memset(&p, 0, sizeof(p));
	snprintf(p.title, sizeof(p.title), "拉萨市三年行动方案");
	snprintf(p.region_code, sizeof(p.region_code), FX_LHASA);
	p.report_day = 25;
	add_node(&nodes[0], 1, "危险化学品整治", "市应急管理局", "2025-03-31",
		 "{\"targets\":[{\"value\":100,\"comparator\":\">=\"}]}");
	add_node(&nodes[1], 2, "城关区整治", "城关区应急管理局", "2025-06-30", "{}");
	if (store_plan_create(f->st, &f->actor, &all, &p, "text", nodes, 2, &e) != 0)
		fail_msg("store_plan_create: %s", e.message);
	w.plan = p.id;
	if (store_unit_map(f->st, &f->actor, &all, FX_LHASA, "市应急管理局", w.dept_a, &e) != 0 ||
	    store_unit_map(f->st, &f->actor, &all, FX_LHASA, "城关区应急管理局", w.dept_cg, &e) != 0 ||
	    store_plan_publish(f->st, &f->actor, &all, w.plan, p.version, &pr, &e) != 0)
		fail_msg("publish: %s", e.message);
	assert_int_equal(pr.tasks, 2);
	w.task_a = 0;
	w.task_cg = 0;
	return w;
}

struct rows {
	int64_t task_ids[8], org_ids[8];
	int n;
	char periods[8][8];
	int late[8], percent[8], nreports;
	int targets[8], nactuals;
	double values[8];
};

static int
take_task(const struct assess_task_row *t, void *arg)
{
	struct rows *r = arg;

	if (r->n < 8) {
		r->task_ids[r->n] = t->task_id;
		r->org_ids[r->n++] = t->org_id;
	}
	return 0;
}

static int
take_report(const struct assess_report_row *row, void *arg)
{
	struct rows *r = arg;

	if (r->nreports < 8) {
		snprintf(r->periods[r->nreports], 8, "%s", row->period);
		r->late[r->nreports] = row->late;
		r->percent[r->nreports++] = row->percent;
	}
	return 0;
}

static int
take_actual(const struct assess_actual_row *row, void *arg)
{
	struct rows *r = arg;

	if (r->nactuals < 8) {
		r->targets[r->nactuals] = row->target;
		r->values[r->nactuals++] = row->value;
	}
	return 0;
}

static int64_t
task_of(struct fx *f, int64_t plan, int64_t org)
{
	struct scope all = fx_admin_scope(f);
	struct rows r = { 0 };
	struct error e = { 0 };

	if (store_assess_tasks(f->st, &all, plan, take_task, &r, &e) != 0)
		fail_msg("store_assess_tasks: %s", e.message);
	for (int i = 0; i < r.n; i++)
		if (r.org_ids[i] == org)
			return r.task_ids[i];
	fail_msg("no task of org %lld", (long long)org);
	return 0;
}

static void
test_store_assess_config_defaults_then_versions(void **state)
{
	struct fx *f = *state;
	struct aw w = aworld(f);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct assess_config_rec rec, back;
	struct assess_config c;
	struct error e = { 0 };
	int64_t events0, events1, problems;

	assert_int_equal(store_assess_config_get(f->st, &office, w.plan, &rec, &e), 0);
	assert_int_equal(rec.version, 0);
	assert_int_equal(rec.c.weight[AI_REPORT_ON_TIME], 30);
	assert_int_equal(rec.c.band[AG_EXCELLENT], 90);
	fx_audit(f, &events0, &problems);
	c = rec.c;
	memset(c.weight, 0, sizeof(c.weight));
	c.weight[AI_TASK_COMPLETION] = 60;
	c.weight[AI_MAJOR_CLOSURE] = 40;
	c.veto_cap = AG_PASS;
	c.veto_task_days = 10;
	assert_int_equal(store_assess_config_put(f->st, &f->actor, &office, w.plan, &c, 0, &rec, &e), 0);
	assert_int_equal(rec.version, 1);
	assert_int_equal(store_assess_config_get(f->st, &office, w.plan, &back, &e), 0);
	assert_int_equal(back.version, 1);
	assert_int_equal(back.c.weight[AI_TASK_COMPLETION], 60);
	assert_int_equal(back.c.weight[AI_REPORT_ON_TIME], 0);
	assert_int_equal(back.c.veto_cap, AG_PASS);
	assert_int_equal(back.c.veto_task_days, 10);
	assert_true(back.updated_at[0] != '\0');
	fx_audit(f, &events1, &problems);
	assert_int_equal(events1, events0 + 1);
	assert_int_equal(problems, 0);
	/* the second change: from version 1 */
	c.weight[AI_TASK_COMPLETION] = 50;
	c.weight[AI_TARGETS] = 10;
	assert_int_equal(store_assess_config_put(f->st, &f->actor, &office, w.plan, &c, 1, &rec, &e), 0);
	assert_int_equal(rec.version, 2);
	assert_int_equal(rec.c.weight[AI_TARGETS], 10);
}

static void
test_store_assess_config_stale_or_invalid_refused_unchanged(void **state)
{
	struct fx *f = *state;
	struct aw w = aworld(f);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct assess_config_rec rec, back;
	struct assess_config c;
	struct error e = { 0 };
	int64_t events0, events1, problems;

	assess_config_default(&c);
	assert_int_equal(store_assess_config_put(f->st, &f->actor, &office, w.plan, &c, 0, &rec, &e), 0);
	fx_audit(f, &events0, &problems);
	c.weight[AI_REPORT_ON_TIME] = 40;
	c.weight[AI_TASK_COMPLETION] = 20;
	/* 0 is no longer current: stale */
	assert_int_equal(store_assess_config_put(f->st, &f->actor, &office, w.plan, &c, 0, &rec, &e), -1);
	assert_int_equal(e.code, ERR_STALE);
	assert_string_equal(e.field, "version");
	/* weights that do not add up to 100 */
	c.weight[AI_TARGETS] = 11;
	assert_int_equal(store_assess_config_put(f->st, &f->actor, &office, w.plan, &c, 1, &rec, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "weights");
	c.weight[AI_TARGETS] = 10;
	c.band[AG_PASS] = c.band[AG_GOOD];
	assert_int_equal(store_assess_config_put(f->st, &f->actor, &office, w.plan, &c, 1, &rec, &e), -1);
	assert_string_equal(e.field, "bands");
	assert_int_equal(store_assess_config_get(f->st, &office, w.plan, &back, &e), 0);
	assert_int_equal(back.version, 1);
	assert_int_equal(back.c.weight[AI_REPORT_ON_TIME], 30);
	fx_audit(f, &events1, &problems);
	assert_int_equal(events1, events0);
}

static void
test_store_assess_out_of_scope_plan_not_found(void **state)
{
	struct fx *f = *state;
	struct aw w = aworld(f);
	struct org o = fx_org(ORG_OFFICE, "日喀则市安委办", FX_SHIGATSE);
	int64_t other = fx_create_org(f, &o);
	struct scope sc = fx_scope(f, ROLE_OFFICE, other);
	struct scope ent = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct assess_config_rec rec;
	struct assess_config c;
	struct rows r = { 0 };
	struct error e = { 0 };

	assess_config_default(&c);
	assert_int_equal(store_assess_config_get(f->st, &sc, w.plan, &rec, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(store_assess_config_put(f->st, &f->actor, &sc, w.plan, &c, 0, &rec, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(store_assess_tasks(f->st, &ent, w.plan, take_task, &r, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(store_assess_config_get(f->st, &sc, 999999, &rec, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(r.n, 0);
}

static void
test_store_assess_rows_follow_the_scope(void **state)
{
	struct fx *f = *state;
	struct aw w = aworld(f);
	struct scope city = fx_scope(f, ROLE_OFFICE, w.office);
	struct scope county = fx_scope(f, ROLE_OFFICE, w.office_cg);
	struct task_actual act[2] = { { 0, 95.5 }, { 3, 2 } };
	struct task_report rep;
	struct rows r = { 0 }, rc = { 0 }, rr = { 0 }, ra = { 0 };
	struct error e = { 0 };
	int64_t task_a = task_of(f, w.plan, w.dept_a);

	assert_int_equal(store_task_report(f->st, &f->actor, &city, task_a, w.dept_a, "2025-01", "进展",
					   40, act, 2, date_from_ymd(2025, 1, 20), &rep, &e), 0);
	assert_int_equal(rep.nactuals, 2);
	assert_int_equal(store_task_report(f->st, &f->actor, &city, task_a, w.dept_a, "2025-02", "完成",
					   100, NULL, 0, date_from_ymd(2025, 2, 27), &rep, &e), 0);
	assert_int_equal(rep.late, 1);
	/* a target given twice is refused, nothing kept */
	act[1].target = 0;
	assert_int_equal(store_task_report(f->st, &f->actor, &city, task_a, w.dept_a, "2025-03", "x", 1,
					   act, 2, date_from_ymd(2025, 3, 2), &rep, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "actuals");

	assert_int_equal(store_assess_tasks(f->st, &city, w.plan, take_task, &r, &e), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(store_assess_tasks(f->st, &county, w.plan, take_task, &rc, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);   /* a county office does not see its city's plan */
	assert_int_equal(store_assess_reports(f->st, &city, w.plan, take_report, &rr, &e), 0);
	assert_int_equal(rr.nreports, 2);
	assert_string_equal(rr.periods[0], "2025-01");
	assert_int_equal(rr.late[0], 0);
	assert_string_equal(rr.periods[1], "2025-02");
	assert_int_equal(rr.late[1], 1);
	assert_int_equal(rr.percent[1], 100);
	assert_int_equal(store_assess_actuals(f->st, &city, w.plan, take_actual, &ra, &e), 0);
	assert_int_equal(ra.nactuals, 2);
	assert_int_equal(ra.targets[0], 0);
	assert_true(ra.values[0] > 95.4 && ra.values[0] < 95.6);
	assert_int_equal(ra.targets[1], 3);
}

static void
import_hazard(struct fx *f, int64_t ent, int64_t industry, enum hazard_grade g,
	      enum hazard_status st, const char *found, const char *deadline, const char *closed)
{
	struct hazard *h = calloc(1, sizeof(*h));
	struct error e = { 0 };

	assert_non_null(h);
	h->enterprise_id = ent;
	snprintf(h->region_code, sizeof(h->region_code), FX_CHENGGUAN);
	h->industry_id = industry;
	snprintf(h->title, sizeof(h->title), "隐患");
	h->category = HC_UNSAFE_CONDITION;
	h->grade = g;
	h->source = HS_INSPECTION;
	snprintf(h->found_at, sizeof(h->found_at), "%s", found);
	snprintf(h->deadline, sizeof(h->deadline), "%s", deadline);
	snprintf(h->original_deadline, sizeof(h->original_deadline), "%s", deadline);
	h->status = st;
	snprintf(h->closed_on, sizeof(h->closed_on), "%s", closed);
	if (store_hazard_import(f->st, &f->actor, h, &e) != 0)
		fail_msg("store_hazard_import: %s", e.message);
	free(h);
}

static void
test_store_assess_hazards_of_an_orgs_own_scope(void **state)
{
	struct fx *f = *state;
	struct aw w = aworld(f);
	struct assess_input in;
	struct error e = { 0 };

	/* industry A (dept_a's): a major one found last year, open, overdue; a
	 * major one found in the period and closed in it; a general one live
	 * and not overdue; one closed before the period; a void one. */
	import_hazard(f, w.ent_a, w.ind_a, HG_MAJOR, HZ_RECTIFYING, "2025-11-01", "2026-01-15", "");
	import_hazard(f, w.ent_a, w.ind_a, HG_MAJOR, HZ_CLOSED, "2026-02-01", "2026-03-01", "2026-02-20");
	import_hazard(f, w.ent_a, w.ind_a, HG_GENERAL, HZ_OPEN, "2026-03-01", "2026-12-31", "");
	import_hazard(f, w.ent_a, w.ind_a, HG_MAJOR, HZ_CLOSED, "2025-03-01", "2025-04-01", "2025-03-20");
	import_hazard(f, w.ent_a, w.ind_a, HG_MAJOR, HZ_VOID, "2026-03-01", "2026-03-02", "");
	/* industry B: one live major */
	import_hazard(f, w.ent_b, w.ind_b, HG_MAJOR, HZ_OPEN, "2026-03-01", "2026-04-01", "");

	memset(&in, 0, sizeof(in));
	assert_int_equal(store_assess_hazards(f->st, ORG_DEPARTMENT, w.dept_a, FX_LHASA, "2026-01-01",
					      "2026-06-30", &in, &e), 0);
	assert_int_equal(in.den[AI_MAJOR_CLOSURE], 2);
	assert_int_equal(in.num[AI_MAJOR_CLOSURE], 1);
	assert_int_equal(in.den[AI_HAZARD_OVERDUE], 2);
	assert_int_equal(in.num[AI_HAZARD_OVERDUE], 1);
	assert_int_equal(in.major_overdue, 1);

	/* the office sees both industries of its region */
	memset(&in, 0, sizeof(in));
	assert_int_equal(store_assess_hazards(f->st, ORG_OFFICE, w.office, FX_LHASA, "2026-01-01",
					      "2026-06-30", &in, &e), 0);
	assert_int_equal(in.den[AI_MAJOR_CLOSURE], 3);
	assert_int_equal(in.den[AI_HAZARD_OVERDUE], 3);
	assert_int_equal(in.num[AI_HAZARD_OVERDUE], 2);
	assert_int_equal(in.major_overdue, 2);

	/* as of a day before the deadline nothing was overdue yet */
	memset(&in, 0, sizeof(in));
	assert_int_equal(store_assess_hazards(f->st, ORG_DEPARTMENT, w.dept_a, FX_LHASA, "2026-01-01",
					      "2026-01-10", &in, &e), 0);
	assert_int_equal(in.major_overdue, 0);
	assert_int_equal(in.den[AI_MAJOR_CLOSURE], 1);

	/* another city's department of the same industry sees none of them */
	{
		int64_t other = fx_create_department(f, "日喀则市应急管理局", FX_SHIGATSE, &w.ind_a, 1);

		memset(&in, 0, sizeof(in));
		assert_int_equal(store_assess_hazards(f->st, ORG_DEPARTMENT, other, FX_SHIGATSE,
						      "2026-01-01", "2026-06-30", &in, &e), 0);
		assert_int_equal(in.den[AI_MAJOR_CLOSURE], 0);
		assert_int_equal(in.den[AI_HAZARD_OVERDUE], 0);
	}
}

/* The newest report of a task, as store_task_reports gives it. */
static int
take_newest(const struct task_report *r, void *arg)
{
	struct task_report *out = arg;

	if (out->id == 0)
		*out = *r;
	return 0;
}

static void
test_store_task_report_at_keeps_the_given_instant(void **state)
{
	struct fx *f = *state;
	struct aw w = aworld(f);
	struct scope city = fx_scope(f, ROLE_OFFICE, w.office);
	struct task_report *rep = calloc(2, sizeof(*rep));
	struct error e = { 0 };
	int64_t task_a = task_of(f, w.plan, w.dept_a);

	assert_non_null(rep);
	/* filed before the due day: on time, stamped at the given instant */
	assert_int_equal(store_task_report_at(f->st, &f->actor, &city, task_a, w.dept_a, "2025-01",
					      "进展", 30, "2025-01-20T02:00:00Z", &rep[0], &e), 0);
	assert_int_equal(rep[0].late, 0);
	assert_string_equal(rep[0].submitted_at, "2025-01-20T02:00:00Z");
	/* filed after it: late by that date, not by today's */
	assert_int_equal(store_task_report_at(f->st, &f->actor, &city, task_a, w.dept_a, "2025-02",
					      "完成", 100, "2025-03-02T01:00:00Z", &rep[0], &e), 0);
	assert_int_equal(rep[0].late, 1);
	assert_int_equal(store_task_reports(f->st, &city, task_a, take_newest, &rep[1], &e), 0);
	assert_string_equal(rep[1].period, "2025-02");
	assert_string_equal(rep[1].submitted_at, "2025-03-02T01:00:00Z");
	assert_int_equal(rep[1].late, 1);
	assert_int_equal(rep[1].percent, 100);
	/* a month that had not begun in Shanghai at that instant */
	assert_int_equal(store_task_report_at(f->st, &f->actor, &city, task_a, w.dept_a, "2025-05",
					      "x", 10, "2025-04-30T15:59:59Z", &rep[0], &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "period");
	/* not an instant */
	assert_int_equal(store_task_report_at(f->st, &f->actor, &city, task_a, w.dept_a, "2025-04",
					      "x", 10, "2025-04-03", &rep[0], &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "submitted_at");
	/* still by the task's own org only, and once a month */
	assert_int_equal(store_task_report_at(f->st, &f->actor, &city, task_a, w.dept_b, "2025-04",
					      "x", 10, "2025-04-20T02:00:00Z", &rep[0], &e), -1);
	assert_int_equal(e.code, ERR_FORBIDDEN);
	assert_int_equal(store_task_report_at(f->st, &f->actor, &city, task_a, w.dept_a, "2025-02",
					      "x", 10, "2025-02-20T02:00:00Z", &rep[0], &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	free(rep);
}

/* The audit events so far (the chain must verify). */
static int64_t
audit_events(struct fx *f)
{
	struct error e = { 0 };
	int64_t events = 0, problems = -1;

	assert_int_equal(store_audit_verify(f->st, NULL, NULL, &events, &problems, &e), 0);
	assert_int_equal(problems, 0);
	return events;
}

static struct attachment
file_of(char hexdigit, const char *name)
{
	struct attachment a;

	memset(&a, 0, sizeof(a));
	memset(a.sha256, hexdigit, 64);
	snprintf(a.mime, sizeof(a.mime), "image/png");
	snprintf(a.name, sizeof(a.name), "%s", name);
	a.size = 1234;
	a.uploaded_by = 1;
	return a;
}

static void
test_store_task_report_files_by_own_org_within_30_days_at_most_8(void **state)
{
	struct fx *f = *state;
	struct aw w = aworld(f);
	struct scope city = fx_scope(f, ROLE_OFFICE, w.office);
	struct scope cg = fx_scope(f, ROLE_OFFICE, w.office_cg);
	struct task_report *rep = calloc(2, sizeof(*rep));
	struct attachment a = file_of('a', "现场照片.png"), got;
	struct error e = { 0 };
	int64_t task_a = task_of(f, w.plan, w.dept_a), before;
	int32_t filed = date_from_ymd(2025, 1, 20);
	const char hex[] = "0123456789";

	assert_non_null(rep);
	assert_int_equal(store_task_report_at(f->st, &f->actor, &city, task_a, w.dept_a, "2025-01",
					      "进展", 30, "2025-01-20T02:00:00Z", &rep[0], &e), 0);
	before = audit_events(f);
	/* 30 days after filing: accepted, listed, one audit event */
	assert_int_equal(store_task_attachment_add(f->st, &f->actor, &city, rep[0].id, w.dept_a,
						   filed + 30, &a, &e), 0);
	assert_int_equal(audit_events(f), before + 1);
	/* the same file again: nothing new */
	assert_int_equal(store_task_attachment_add(f->st, &f->actor, &city, rep[0].id, w.dept_a,
						   filed, &a, &e), 0);
	assert_int_equal(audit_events(f), before + 1);
	assert_int_equal(store_task_reports(f->st, &city, task_a, take_newest, &rep[1], &e), 0);
	assert_int_equal(rep[1].nfiles, 1);
	assert_string_equal(rep[1].files[0].sha256, a.sha256);
	assert_string_equal(rep[1].files[0].name, "现场照片.png");
	assert_string_equal(rep[1].files[0].mime, "image/png");
	assert_int_equal(rep[1].files[0].size, 1234);
	assert_int_equal(store_task_attachment_get(f->st, &city, rep[0].id, a.sha256, &got, &e), 0);
	assert_string_equal(got.name, "现场照片.png");
	/* the 31st day, another org, out of scope: refused, nothing written */
	a = file_of('b', "b.png");
	assert_int_equal(store_task_attachment_add(f->st, &f->actor, &city, rep[0].id, w.dept_a,
						   filed + 31, &a, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(store_task_attachment_check(f->st, &city, rep[0].id, w.dept_a, filed + 31,
						     &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(store_task_attachment_add(f->st, &f->actor, &city, rep[0].id, w.dept_b,
						   filed, &a, &e), -1);
	assert_int_equal(e.code, ERR_FORBIDDEN);
	assert_int_equal(store_task_attachment_add(f->st, &f->actor, &cg, rep[0].id, w.dept_a,
						   filed, &a, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(store_task_attachment_get(f->st, &cg, rep[0].id, "a", &got, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(store_task_attachment_get(f->st, &city, rep[0].id, a.sha256, &got, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(audit_events(f), before + 1);
	/* at most 8 files */
	for (int i = 0; i < 7; i++) {
		a = file_of(hex[i], "p.png");
		assert_int_equal(store_task_attachment_add(f->st, &f->actor, &city, rep[0].id,
							   w.dept_a, filed, &a, &e), 0);
	}
	a = file_of('9', "p.png");
	assert_int_equal(store_task_attachment_add(f->st, &f->actor, &city, rep[0].id, w.dept_a,
						   filed, &a, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "file");
	assert_int_equal(audit_events(f), before + 8);
	free(rep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_store_assess_config_defaults_then_versions),
		FX_TEST(test_store_assess_config_stale_or_invalid_refused_unchanged),
		FX_TEST(test_store_assess_out_of_scope_plan_not_found),
		FX_TEST(test_store_assess_rows_follow_the_scope),
		FX_TEST(test_store_assess_hazards_of_an_orgs_own_scope),
		FX_TEST(test_store_task_report_at_keeps_the_given_instant),
		FX_TEST(test_store_task_report_files_by_own_org_within_30_days_at_most_8),
	};

	return cmocka_run_group_tests_name(fx_group("store assess"), tests, NULL, NULL);
}
