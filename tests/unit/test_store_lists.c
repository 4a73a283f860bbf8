/*
 * test_store_lists.c — store conformance for the campaign's two lists, its
 * notices and the yearly and final reports of a plan's orgs: the state
 * rules, who writes and who reads what, version checks, notice numbering
 * and the single reply, on the backend named by HN_STORE.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/date.h"
#include "store_fixture.h"

/*
 * Lhasa: office, dept_a (industry A), dept_b; Shigatse: office_sh, dept_sh.
 * A published plan of Lhasa with one task of dept_a and one of dept_b
 * (2020-05-01 to 2022-12-31), and one of Shigatse with a task of dept_sh.
 */
struct world {
	int64_t ind_a;
	int64_t office, dept_a, dept_b, office_sh, dept_sh;
	int64_t plan, plan_sh;
	int64_t task_a, task_b;
};

static int
first_task(const struct task_rec *t, void *arg)
{
	*(int64_t *)arg = t->id;
	return 1;
}

static int64_t
task_of(struct fx *f, int64_t plan, int64_t org)
{
	struct scope all = fx_admin_scope(f);
	struct error e = { 0 };
	int64_t id = 0, total;
	int more;

	if (store_task_list(f->st, &all, plan, org, 0, "2026-01-01", 0, 10, first_task, &id, &total,
			    &more, &e) != 0 || id == 0)
		fail_msg("no task of org %lld in plan %lld: %s", (long long)org, (long long)plan, e.message);
	return id;
}

static int64_t
published_plan(struct fx *f, const char *region, const char *names[2], const int64_t orgs[2])
{
	struct scope all = fx_admin_scope(f);
	struct plan_rec p;
	struct plan_node_row nodes[2];
	struct publish_result res;
	struct error e = { 0 };

	memset(&p, 0, sizeof(p));
	snprintf(p.title, sizeof(p.title), "安全生产专项整治三年行动实施方案");
	snprintf(p.region_code, sizeof(p.region_code), "%s", region);
	snprintf(p.period_start, sizeof(p.period_start), "2020-05-01");
	snprintf(p.period_end, sizeof(p.period_end), "2022-12-31");
	p.report_day = 25;
	memset(nodes, 0, sizeof(nodes));
	for (int i = 0; i < 2; i++) {
		nodes[i].seq = i + 1;
		snprintf(nodes[i].kind, sizeof(nodes[i].kind), "task");
		snprintf(nodes[i].label, sizeof(nodes[i].label), "（%d）", i + 1);
		snprintf(nodes[i].title, sizeof(nodes[i].title), "整治任务%d", i + 1);
		nodes[i].line = i + 3;
		snprintf(nodes[i].lead, sizeof(nodes[i].lead), "%s", names[i]);
		nodes[i].detail = "{}";
	}
	if (store_plan_create(f->st, &f->actor, &all, &p, "正文", nodes, 2, &e) != 0)
		fail_msg("store_plan_create: %s", e.message);
	for (int i = 0; i < 2; i++)
		if (store_unit_map(f->st, &f->actor, &all, region, names[i], orgs[i], &e) != 0)
			fail_msg("store_unit_map: %s", e.message);
	if (store_plan_get(f->st, &all, p.id, &p, &e) != 0 ||
	    store_plan_publish(f->st, &f->actor, &all, p.id, p.version, &res, &e) != 0)
		fail_msg("store_plan_publish: %s", e.message);
	return p.id;
}

static struct world
world(struct fx *f)
{
	struct world w;
	struct org o;
	const char *lhasa_units[2] = { "市应急管理局", "市住房和城乡建设局" };
	const char *sh_units[2] = { "日喀则市应急管理局", "日喀则市交通运输局" };
	int64_t orgs[2];

	memset(&w, 0, sizeof(w));
	fx_seed_regions(f);
	w.ind_a = fx_industry(f, 0);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	w.office = fx_create_org(f, &o);
	w.dept_a = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, &w.ind_a, 1);
	w.dept_b = fx_create_department(f, "拉萨市住房和城乡建设局", FX_LHASA, NULL, 0);
	o = fx_org(ORG_OFFICE, "日喀则市安委办", FX_SHIGATSE);
	w.office_sh = fx_create_org(f, &o);
	w.dept_sh = fx_create_department(f, "日喀则市应急管理局", FX_SHIGATSE, &w.ind_a, 1);
	orgs[0] = w.dept_a;
	orgs[1] = w.dept_b;
	w.plan = published_plan(f, FX_LHASA, lhasa_units, orgs);
	orgs[0] = orgs[1] = w.dept_sh;
	w.plan_sh = published_plan(f, FX_SHIGATSE, sh_units, orgs);
	w.task_a = task_of(f, w.plan, w.dept_a);
	w.task_b = task_of(f, w.plan, w.dept_b);
	return w;
}

static int32_t
day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

#define TODAY day("2026-11-22")

static struct plan_problem *
problem_new(int64_t plan)
{
	struct plan_problem *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	p->plan_id = plan;
	snprintf(p->description, sizeof(p->description), "重点企业自动化改造滞后");
	snprintf(p->found_on, sizeof(p->found_on), "2026-11-01");
	snprintf(p->responsible, sizeof(p->responsible), "张三");
	snprintf(p->deadline, sizeof(p->deadline), "2026-12-31");
	return p;
}

static void
expect_err(int rc, const struct error *e, enum err_code code, const char *field)
{
	assert_int_equal(rc, -1);
	assert_int_equal(e->code, code);
	if (field != NULL)
		assert_string_equal(e->field, field);
}

static void
test_lists_problem_moves_forward_only_and_closes_with_its_date(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct plan_problem *p = problem_new(w.plan);
	struct error e = { 0 };
	int64_t v;

	p->task_id = w.task_a;
	assert_int_equal(store_problem_create(f->st, &f->actor, &s, w.dept_a, p, TODAY, &e), 0);
	assert_int_equal(p->status, PROB_OPEN);
	assert_int_equal(p->version, 1);
	assert_int_equal(p->task_id, w.task_a);
	p->status = PROB_RECTIFYING;
	assert_int_equal(store_problem_update(f->st, &f->actor, &s, w.dept_a, p->id, 1, p, TODAY, &e), 0);
	assert_int_equal(p->status, PROB_RECTIFYING);
	v = p->version;
	p->status = PROB_OPEN;
	expect_err(store_problem_update(f->st, &f->actor, &s, w.dept_a, p->id, v, p, TODAY, &e), &e,
		   ERR_CONFLICT, "status");
	p->status = PROB_CLOSED;
	expect_err(store_problem_update(f->st, &f->actor, &s, w.dept_a, p->id, v, p, TODAY, &e), &e,
		   ERR_INVALID, "closed_on");
	snprintf(p->closed_on, sizeof(p->closed_on), "2026-10-01");
	expect_err(store_problem_update(f->st, &f->actor, &s, w.dept_a, p->id, v, p, TODAY, &e), &e,
		   ERR_INVALID, "closed_on");
	snprintf(p->closed_on, sizeof(p->closed_on), "2026-11-20");
	assert_int_equal(store_problem_update(f->st, &f->actor, &s, w.dept_a, p->id, v, p, TODAY, &e), 0);
	assert_int_equal(p->status, PROB_CLOSED);
	assert_string_equal(p->closed_on, "2026-11-20");
	v = p->version;
	snprintf(p->measures, sizeof(p->measures), "再改");
	expect_err(store_problem_update(f->st, &f->actor, &s, w.dept_a, p->id, v, p, TODAY, &e), &e,
		   ERR_CONFLICT, "status");
	free(p);
}

static void
test_lists_problem_stale_version_refused_and_unchanged(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_INSPECTOR, w.dept_a);
	struct plan_problem *p = problem_new(w.plan), *now = calloc(1, sizeof(*now));
	struct error e = { 0 };

	assert_non_null(now);
	assert_int_equal(store_problem_create(f->st, &f->actor, &s, w.dept_a, p, TODAY, &e), 0);
	snprintf(p->measures, sizeof(p->measures), "改");
	expect_err(store_problem_update(f->st, &f->actor, &s, w.dept_a, p->id, 2, p, TODAY, &e), &e,
		   ERR_STALE, "version");
	assert_int_equal(store_problem_get(f->st, &s, p->id, now, &e), 0);
	assert_int_equal(now->version, 1);
	assert_string_equal(now->measures, "");
	free(p);
	free(now);
}

static void
test_lists_problem_bad_fields_refused(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct plan_problem *p = problem_new(w.plan);
	struct error e = { 0 };
	int64_t total = -1;
	int more;

	p->description[0] = '\0';
	expect_err(store_problem_create(f->st, &f->actor, &s, w.dept_a, p, TODAY, &e), &e, ERR_INVALID, "description");
	free(p);
	p = problem_new(w.plan);
	snprintf(p->deadline, sizeof(p->deadline), "2026-10-01");
	expect_err(store_problem_create(f->st, &f->actor, &s, w.dept_a, p, TODAY, &e), &e, ERR_INVALID, "deadline");
	free(p);
	p = problem_new(w.plan);
	snprintf(p->found_on, sizeof(p->found_on), "2026-12-01");
	expect_err(store_problem_create(f->st, &f->actor, &s, w.dept_a, p, TODAY, &e), &e, ERR_INVALID, "found_on");
	free(p);
	/* a task of another org of the plan */
	p = problem_new(w.plan);
	p->task_id = w.task_b;
	expect_err(store_problem_create(f->st, &f->actor, &s, w.dept_a, p, TODAY, &e), &e, ERR_INVALID, "task_id");
	/* a hazard that does not exist */
	p->task_id = 0;
	p->hazard_id = 987654321;
	expect_err(store_problem_create(f->st, &f->actor, &s, w.dept_a, p, TODAY, &e), &e, ERR_INVALID, "hazard_id");
	assert_int_equal(store_problem_list(f->st, &s, w.plan, 0, 0, 50, NULL, NULL, &total, &more, &e), 0);
	assert_int_equal(total, 0);
	free(p);
}

static int
count_entry(const struct plan_problem *p, void *arg)
{
	(void)p;
	(*(int *)arg)++;
	return 0;
}

static void
test_lists_department_sees_only_its_own_office_reads_all_writes_none(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope a = fx_scope(f, ROLE_REGULATOR, w.dept_a), b = fx_scope(f, ROLE_REGULATOR, w.dept_b);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office), leader = fx_scope(f, ROLE_LEADER, w.office);
	struct scope sh = fx_scope(f, ROLE_OFFICE, w.office_sh);
	struct plan_problem *p = problem_new(w.plan), *q = problem_new(w.plan), *got = calloc(1, sizeof(*got));
	struct error e = { 0 };
	int64_t total = 0;
	int more, n = 0;

	assert_non_null(got);
	assert_int_equal(store_problem_create(f->st, &f->actor, &a, w.dept_a, p, TODAY, &e), 0);
	assert_int_equal(store_problem_create(f->st, &f->actor, &b, w.dept_b, q, TODAY, &e), 0);
	expect_err(store_problem_get(f->st, &b, p->id, got, &e), &e, ERR_NOT_FOUND, NULL);
	expect_err(store_problem_update(f->st, &f->actor, &b, w.dept_b, p->id, 1, q, TODAY, &e), &e,
		   ERR_NOT_FOUND, NULL);
	assert_int_equal(store_problem_get(f->st, &office, p->id, got, &e), 0);
	assert_int_equal(got->org_id, w.dept_a);
	expect_err(store_problem_update(f->st, &f->actor, &office, w.office, p->id, 1, got, TODAY, &e), &e,
		   ERR_FORBIDDEN, NULL);
	assert_int_equal(store_problem_list(f->st, &b, w.plan, 0, 0, 50, count_entry, &n, &total, &more, &e), 0);
	assert_int_equal(total, 1);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(store_problem_list(f->st, &leader, w.plan, 0, 0, 50, count_entry, &n, &total, &more, &e), 0);
	assert_int_equal(total, 2);
	assert_int_equal(store_problem_list(f->st, &office, w.plan, w.dept_b, 0, 50, count_entry, &n, &total, &more, &e), 0);
	assert_int_equal(total, 1);
	/* another city's office does not see the plan at all */
	expect_err(store_problem_list(f->st, &sh, w.plan, 0, 0, 50, count_entry, &n, &total, &more, &e), &e,
		   ERR_NOT_FOUND, NULL);
	expect_err(store_problem_get(f->st, &sh, p->id, got, &e), &e, ERR_NOT_FOUND, NULL);
	/* an org without tasks in the plan keeps no list */
	expect_err(store_problem_create(f->st, &f->actor, &office, w.office, q, TODAY, &e), &e, ERR_FORBIDDEN, NULL);
	free(p);
	free(q);
	free(got);
}

static void
test_lists_measure_issued_needs_its_document_and_is_final(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_b);
	struct plan_measure *m = calloc(1, sizeof(*m));
	struct error e = { 0 };
	int64_t v;

	assert_non_null(m);
	m->plan_id = w.plan;
	m->kind = MEAS_STANDARD;
	expect_err(store_measure_create(f->st, &f->actor, &s, w.dept_b, m, TODAY, &e), &e, ERR_INVALID, "title");
	snprintf(m->title, sizeof(m->title), "起重机械安全管理标准");
	m->task_id = w.task_b;
	assert_int_equal(store_measure_create(f->st, &f->actor, &s, w.dept_b, m, TODAY, &e), 0);
	assert_int_equal(m->status, MEAS_PLANNED);
	m->status = MEAS_ISSUED;
	expect_err(store_measure_update(f->st, &f->actor, &s, w.dept_b, m->id, 1, m, TODAY, &e), &e,
		   ERR_INVALID, "doc_number");
	snprintf(m->doc_number, sizeof(m->doc_number), "拉住建发〔2026〕8号");
	expect_err(store_measure_update(f->st, &f->actor, &s, w.dept_b, m->id, 1, m, TODAY, &e), &e,
		   ERR_INVALID, "issued_on");
	snprintf(m->issued_on, sizeof(m->issued_on), "2026-11-30");
	expect_err(store_measure_update(f->st, &f->actor, &s, w.dept_b, m->id, 1, m, TODAY, &e), &e,
		   ERR_INVALID, "issued_on");
	snprintf(m->issued_on, sizeof(m->issued_on), "2026-11-21");
	assert_int_equal(store_measure_update(f->st, &f->actor, &s, w.dept_b, m->id, 1, m, TODAY, &e), 0);
	assert_int_equal(m->status, MEAS_ISSUED);
	assert_string_equal(m->doc_number, "拉住建发〔2026〕8号");
	v = m->version;
	m->status = MEAS_DRAFTING;
	m->issued_on[0] = '\0';
	expect_err(store_measure_update(f->st, &f->actor, &s, w.dept_b, m->id, v, m, TODAY, &e), &e,
		   ERR_CONFLICT, "status");
	free(m);
}

static int
count_notice(const struct notice *n, void *arg)
{
	(void)n;
	(*(int *)arg)++;
	return 0;
}

static void
issue(struct fx *f, const struct scope *s, int64_t issuer, enum notice_kind kind, const char *on,
      const int64_t *targets, size_t n, struct notice *out)
{
	struct notice_input in = { targets, n, NULL, 0, NULL, 0 };
	struct error e = { 0 };

	memset(out, 0, sizeof(*out));
	out->kind = kind;
	snprintf(out->title, sizeof(out->title), "督办事项");
	snprintf(out->body, sizeof(out->body), "请按期整改");
	snprintf(out->issued_on, sizeof(out->issued_on), "%s", on);
	snprintf(out->due_on, sizeof(out->due_on), "%s", on);
	if (store_notice_create(f->st, &f->actor, s, issuer, out, &in, &e) != 0)
		fail_msg("store_notice_create: %s (%s)", e.message, e.field);
}

static void
test_notices_numbered_per_issuer_kind_and_year_never_reused(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct scope sh = fx_scope(f, ROLE_OFFICE, w.office_sh);
	struct notice *n = calloc(1, sizeof(*n));
	int64_t t[1] = { w.dept_a }, tsh[1] = { w.dept_sh };

	assert_non_null(n);
	issue(f, &office, w.office, NOTICE_SUPERVISE, "2026-11-01", t, 1, n);
	assert_string_equal(n->code, "督办〔2026〕1号");
	issue(f, &office, w.office, NOTICE_SUPERVISE, "2026-11-02", t, 1, n);
	assert_string_equal(n->code, "督办〔2026〕2号");
	issue(f, &office, w.office, NOTICE_SUPERVISE, "2025-12-02", t, 1, n);
	assert_string_equal(n->code, "督办〔2025〕1号");
	issue(f, &office, w.office, NOTICE_BULLETIN, "2026-11-02", t, 1, n);
	assert_string_equal(n->code, "通报〔2026〕1号");
	issue(f, &sh, w.office_sh, NOTICE_SUPERVISE, "2026-11-02", tsh, 1, n);
	assert_string_equal(n->code, "督办〔2026〕1号");
	issue(f, &office, w.office, NOTICE_SUPERVISE, "2026-11-03", t, 1, n);
	assert_string_equal(n->code, "督办〔2026〕3号");
	free(n);
}

static void
test_notices_target_replies_once_others_cannot(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct scope a = fx_scope(f, ROLE_REGULATOR, w.dept_a), b = fx_scope(f, ROLE_REGULATOR, w.dept_b);
	struct scope sh = fx_scope(f, ROLE_REGULATOR, w.dept_sh);
	struct notice *n = calloc(1, sizeof(*n)), *got = calloc(1, sizeof(*got));
	struct error e = { 0 };
	int64_t t[1] = { w.dept_a }, total = 0;
	int more, count = 0;

	assert_non_null(n);
	assert_non_null(got);
	issue(f, &office, w.office, NOTICE_SUPERVISE, "2026-11-01", t, 1, n);
	assert_int_equal(n->targets, 1);
	assert_int_equal(n->replied, 0);
	assert_int_equal(store_notice_get(f->st, &a, w.dept_a, n->id, got, &e), 0);
	assert_int_equal(got->mine, 0);
	/* a department not aimed at does not see it; another city's neither */
	expect_err(store_notice_get(f->st, &b, w.dept_b, n->id, got, &e), &e, ERR_NOT_FOUND, NULL);
	expect_err(store_notice_get(f->st, &sh, w.dept_sh, n->id, got, &e), &e, ERR_NOT_FOUND, NULL);
	expect_err(store_notice_reply(f->st, &f->actor, &b, w.dept_b, n->id, "收悉", &e), &e, ERR_NOT_FOUND, NULL);
	/* the issuer sees it but does not reply to itself */
	expect_err(store_notice_reply(f->st, &f->actor, &office, w.office, n->id, "收悉", &e), &e, ERR_FORBIDDEN, NULL);
	assert_int_equal(store_notice_reply(f->st, &f->actor, &a, w.dept_a, n->id, "已整改", &e), 0);
	expect_err(store_notice_reply(f->st, &f->actor, &a, w.dept_a, n->id, "再报", &e), &e, ERR_CONFLICT, NULL);
	assert_int_equal(store_notice_get(f->st, &office, w.office, n->id, got, &e), 0);
	assert_int_equal(got->replied, 1);
	assert_int_equal(store_notice_list(f->st, &a, w.dept_a, NOTICE_SUPERVISE, 0, w.dept_a, 0, 50, count_notice,
					   &count, &total, &more, &e), 0);
	assert_int_equal(total, 1);
	assert_int_equal(store_notice_list(f->st, &b, w.dept_b, -1, 0, 0, 0, 50, count_notice, &count, &total,
					   &more, &e), 0);
	assert_int_equal(total, 0);
	free(n);
	free(got);
}

static void
test_notices_out_of_scope_targets_refused(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct notice *n = calloc(1, sizeof(*n));
	struct notice_input in = { 0 };
	struct error e = { 0 };
	int64_t t[2] = { w.dept_a, w.dept_sh }, tasks[1] = { 987654321 }, total = -1;
	int more, count = 0;

	assert_non_null(n);
	n->kind = NOTICE_BULLETIN;
	snprintf(n->title, sizeof(n->title), "通报");
	snprintf(n->issued_on, sizeof(n->issued_on), "2026-11-01");
	in.targets = t;
	in.ntargets = 2;
	expect_err(store_notice_create(f->st, &f->actor, &office, w.office, n, &in, &e), &e, ERR_INVALID, "targets");
	in.ntargets = 1;
	in.tasks = tasks;
	in.ntasks = 1;
	expect_err(store_notice_create(f->st, &f->actor, &office, w.office, n, &in, &e), &e, ERR_INVALID, "tasks");
	in.ntasks = 0;
	n->kind = NOTICE_SUPERVISE;
	expect_err(store_notice_create(f->st, &f->actor, &office, w.office, n, &in, &e), &e, ERR_INVALID, "due_on");
	in.ntargets = 0;
	n->kind = NOTICE_PRAISE;
	expect_err(store_notice_create(f->st, &f->actor, &office, w.office, n, &in, &e), &e, ERR_INVALID, "targets");
	assert_int_equal(store_notice_list(f->st, &office, w.office, -1, 0, 0, 0, 50, count_notice, &count, &total,
					   &more, &e), 0);
	assert_int_equal(total, 0);
	free(n);
}

static int
count_board(const struct plan_report_row *r, void *arg)
{
	int *c = arg;

	c[0]++;
	if (r->report_id != 0)
		c[1]++;
	return 0;
}

static void
test_plan_reports_yearly_once_late_marked_and_final_due(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope a = fx_scope(f, ROLE_REGULATOR, w.dept_a), office = fx_scope(f, ROLE_OFFICE, w.office);
	struct scope all = fx_admin_scope(f);
	struct plan_report_row *row = calloc(1, sizeof(*row));
	struct plan_rec p;
	struct error e = { 0 };
	int64_t total = 0, reported = 0;
	int32_t due;
	int more, c[2] = { 0, 0 };
	char d[DATE_LEN];

	assert_non_null(row);
	assert_int_equal(store_plan_report(f->st, &f->actor, &a, w.dept_a, w.plan, "2021", "年度开展情况",
					   day("2021-12-20"), row, &e), 0);
	assert_int_equal(row->late, 0);
	expect_err(store_plan_report(f->st, &f->actor, &a, w.dept_a, w.plan, "2021", "再报", day("2021-12-21"),
				     row, &e), &e, ERR_CONFLICT, "period");
	assert_int_equal(store_plan_report(f->st, &f->actor, &a, w.dept_a, w.plan, "2020", "年度开展情况",
					   day("2020-12-21"), row, &e), 0);
	assert_int_equal(row->late, 1);
	expect_err(store_plan_report(f->st, &f->actor, &a, w.dept_a, w.plan, "2024", "x", TODAY, row, &e), &e,
		   ERR_INVALID, "period");
	expect_err(store_plan_report(f->st, &f->actor, &office, w.office, w.plan, "2021", "x", TODAY, row, &e),
		   &e, ERR_FORBIDDEN, NULL);
	assert_int_equal(store_plan_report_board(f->st, &office, w.plan, "2021", 0, 50, count_board, c, &total,
						 &reported, &more, &e), 0);
	assert_int_equal(total, 2);
	assert_int_equal(reported, 1);
	assert_int_equal(c[0], 2);
	assert_int_equal(c[1], 1);
	/* the final report is due on the yearly day of the plan's last year,
	 * which the office may move */
	assert_int_equal(store_plan_get(f->st, &all, w.plan, &p, &e), 0);
	assert_int_equal(plan_report_due(&p, "final", &due, &e), 0);
	date_format(due, d);
	assert_string_equal(d, "2022-12-20");
	expect_err(store_plan_set_days(f->st, &f->actor, &office, w.plan, p.version + 1, 25, "12-15", &e), &e,
		   ERR_STALE, "version");
	assert_int_equal(store_plan_set_days(f->st, &f->actor, &office, w.plan, p.version, 25, "12-15", &e), 0);
	assert_int_equal(store_plan_get(f->st, &all, w.plan, &p, &e), 0);
	assert_string_equal(p.year_report_day, "12-15");
	assert_int_equal(plan_report_due(&p, "final", &due, &e), 0);
	date_format(due, d);
	assert_string_equal(d, "2022-12-15");
	free(row);
}

static void
test_lists_every_change_is_in_the_audit_chain(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_a), office = fx_scope(f, ROLE_OFFICE, w.office);
	struct plan_problem *p = problem_new(w.plan);
	struct notice *n = calloc(1, sizeof(*n));
	struct error e = { 0 };
	int64_t t[1] = { w.dept_a }, before = 0, after = 0, problems = 0;

	assert_non_null(n);
	fx_audit(f, &before, &problems);
	assert_int_equal(problems, 0);
	assert_int_equal(store_problem_create(f->st, &f->actor, &s, w.dept_a, p, TODAY, &e), 0);
	p->status = PROB_RECTIFYING;
	assert_int_equal(store_problem_update(f->st, &f->actor, &s, w.dept_a, p->id, 1, p, TODAY, &e), 0);
	issue(f, &office, w.office, NOTICE_SUPERVISE, "2026-11-01", t, 1, n);
	assert_int_equal(store_notice_reply(f->st, &f->actor, &s, w.dept_a, n->id, "已整改", &e), 0);
	fx_audit(f, &after, &problems);
	assert_int_equal(problems, 0);
	assert_int_equal(after, before + 4);
	free(p);
	free(n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_lists_problem_moves_forward_only_and_closes_with_its_date),
		FX_TEST(test_lists_problem_stale_version_refused_and_unchanged),
		FX_TEST(test_lists_problem_bad_fields_refused),
		FX_TEST(test_lists_department_sees_only_its_own_office_reads_all_writes_none),
		FX_TEST(test_lists_measure_issued_needs_its_document_and_is_final),
		FX_TEST(test_notices_numbered_per_issuer_kind_and_year_never_reused),
		FX_TEST(test_notices_target_replies_once_others_cannot),
		FX_TEST(test_notices_out_of_scope_targets_refused),
		FX_TEST(test_plan_reports_yearly_once_late_marked_and_final_due),
		FX_TEST(test_lists_every_change_is_in_the_audit_chain),
	};

	return cmocka_run_group_tests_name(fx_group("store lists"), tests, NULL, NULL);
}
