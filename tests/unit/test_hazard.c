/* test_hazard.c — the hazard state machine: every rule of DESIGN §3.1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/hazard.h"

static const struct hazard_actor ENTERPRISE = { ROLE_ENTERPRISE, 0 };
static const struct hazard_actor REGULATOR = { ROLE_REGULATOR, 1 };
static const struct hazard_actor INSPECTOR = { ROLE_INSPECTOR, 1 };
static const struct hazard_actor OFFICE = { ROLE_OFFICE, 0 };
static const struct hazard_actor ADMIN = { ROLE_ADMIN, 0 };
static const struct hazard_actor LEADER = { ROLE_LEADER, 0 };

static int32_t
day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static struct hazard
new_hazard(enum hazard_grade g)
{
	struct hazard h;

	memset(&h, 0, sizeof(h));
	h.grade = g;
	h.status = HZ_OPEN;
	snprintf(h.title, sizeof(h.title), "储罐区可燃气体报警器失效");
	snprintf(h.found_at, sizeof(h.found_at), "2026-11-01");
	if (g == HG_MAJOR)
		snprintf(h.basis, sizeof(h.basis), "化工和危险化学品生产经营单位重大生产安全事故隐患判定标准 第十一条");
	return h;
}

static struct hazard_tx
full_plan(const char *deadline)
{
	struct hazard_tx tx = { .event = HE_PLAN, .has_plan = 1, .responsible = "张三",
				.measures = "更换报警器并联锁", .has_funds = 1, .funds = 12000,
				.deadline = deadline, .contingency = "停用储罐，设置警戒" };
	return tx;
}

static void
expect(int rc, struct error *e, enum err_code code, const char *field)
{
	assert_int_equal(rc, -1);
	assert_int_equal(e->code, code);
	if (field != NULL)
		assert_string_equal(e->field, field);
}

static void
test_major_plan_without_all_five_points_refused(void **state)
{
	struct hazard h = new_hazard(HG_MAJOR), before;
	struct hazard_tx tx;
	struct error e = { 0 };
	const char *missing[] = { "plan.responsible", "plan.measures", "plan.funds", "plan.deadline",
				  "plan.contingency" };

	(void)state;
	for (int i = 0; i < 5; i++) {
		tx = full_plan("2026-12-31");
		if (i == 0) tx.responsible = "";
		if (i == 1) tx.measures = "  ";
		if (i == 2) tx.has_funds = 0;
		if (i == 3) tx.deadline = NULL;
		if (i == 4) tx.contingency = NULL;
		before = h;
		expect(hazard_apply(&h, &tx, &ENTERPRISE, day("2026-11-02"), &e), &e, ERR_INVALID, missing[i]);
		assert_memory_equal(&h, &before, sizeof(h));
	}
	tx = full_plan("2026-12-31");
	tx.funds = -1;
	expect(hazard_apply(&h, &tx, &ENTERPRISE, day("2026-11-02"), &e), &e, ERR_INVALID, "plan.funds");
	tx = full_plan("2026-12-31");
	assert_int_equal(hazard_apply(&h, &tx, &ENTERPRISE, day("2026-11-02"), &e), 0);
	assert_int_equal(h.status, HZ_RECTIFYING);
	assert_string_equal(h.deadline, "2026-12-31");
	assert_string_equal(h.original_deadline, "2026-12-31");
}

static void
test_general_plan_needs_responsible_and_deadline_only(void **state)
{
	struct hazard h = new_hazard(HG_GENERAL);
	struct hazard_tx tx = { .event = HE_PLAN, .has_plan = 1, .responsible = "李四",
				.deadline = "2026-11-10" };
	struct error e = { 0 };

	(void)state;
	assert_int_equal(hazard_apply(&h, &tx, &ENTERPRISE, day("2026-11-02"), &e), 0);
	assert_int_equal(h.status, HZ_RECTIFYING);
}

static void
test_plan_deadline_before_found_date_refused(void **state)
{
	struct hazard h = new_hazard(HG_GENERAL);
	struct hazard_tx tx = { .event = HE_PLAN, .has_plan = 1, .responsible = "李四",
				.deadline = "2026-10-31" };
	struct error e = { 0 };

	(void)state;
	expect(hazard_apply(&h, &tx, &ENTERPRISE, day("2026-11-02"), &e), &e, ERR_INVALID, "plan.deadline");
	tx.deadline = "2026-11-31";
	expect(hazard_apply(&h, &tx, &ENTERPRISE, day("2026-11-02"), &e), &e, ERR_INVALID, "plan.deadline");
	assert_int_equal(h.status, HZ_OPEN);
}

/* Walk a hazard to pending_acceptance. */
static void
to_pending(struct hazard *h, const char *deadline)
{
	struct hazard_tx tx = full_plan(deadline), sub = { .event = HE_SUBMIT, .evidence = "已更换，见照片" };
	struct error e = { 0 };

	assert_int_equal(hazard_apply(h, &tx, &ENTERPRISE, day("2026-11-02"), &e), 0);
	assert_int_equal(hazard_apply(h, &sub, &ENTERPRISE, day("2026-11-05"), &e), 0);
	assert_int_equal(h->status, HZ_PENDING_ACCEPTANCE);
}

static void
test_major_close_by_enterprise_refused(void **state)
{
	struct hazard h = new_hazard(HG_MAJOR), before;
	struct hazard_tx acc = { .event = HE_ACCEPT };
	struct error e = { 0 };

	(void)state;
	to_pending(&h, "2026-12-31");
	before = h;
	expect(hazard_apply(&h, &acc, &ENTERPRISE, day("2026-11-06"), &e), &e, ERR_FORBIDDEN, "event");
	expect(hazard_apply(&h, &acc, &ADMIN, day("2026-11-06"), &e), &e, ERR_FORBIDDEN, "event");
	expect(hazard_apply(&h, &acc, &OFFICE, day("2026-11-06"), &e), &e, ERR_FORBIDDEN, "event");
	assert_memory_equal(&h, &before, sizeof(h));
	assert_int_equal(hazard_apply(&h, &acc, &REGULATOR, day("2026-11-06"), &e), 0);
	assert_int_equal(h.status, HZ_CLOSED);
	assert_string_equal(h.closed_on, "2026-11-06");
	assert_true(h.closed_on_time);
}

static void
test_major_accept_by_non_supervising_regulator_refused(void **state)
{
	struct hazard h = new_hazard(HG_MAJOR);
	struct hazard_actor other = { ROLE_REGULATOR, 0 };
	struct hazard_tx acc = { .event = HE_ACCEPT };
	struct error e = { 0 };

	(void)state;
	to_pending(&h, "2026-12-31");
	expect(hazard_apply(&h, &acc, &other, day("2026-11-06"), &e), &e, ERR_FORBIDDEN, "event");
	assert_int_equal(hazard_apply(&h, &acc, &INSPECTOR, day("2026-11-06"), &e), 0);
}

static void
test_general_accepted_by_enterprise(void **state)
{
	struct hazard h = new_hazard(HG_GENERAL);
	struct hazard_tx acc = { .event = HE_ACCEPT };
	struct error e = { 0 };

	(void)state;
	to_pending(&h, "2026-11-04");
	assert_int_equal(hazard_apply(&h, &acc, &ENTERPRISE, day("2026-11-06"), &e), 0);
	assert_int_equal(h.status, HZ_CLOSED);
	assert_false(h.closed_on_time); /* closed after its deadline */
}

static void
test_reject_needs_reason_and_counts(void **state)
{
	struct hazard h = new_hazard(HG_MAJOR);
	struct hazard_tx rej = { .event = HE_REJECT };
	struct error e = { 0 };

	(void)state;
	to_pending(&h, "2026-12-31");
	expect(hazard_apply(&h, &rej, &REGULATOR, day("2026-11-06"), &e), &e, ERR_INVALID, "reason");
	expect(hazard_apply(&h, &(struct hazard_tx){ .event = HE_REJECT, .reason = "照片不清" },
			    &ENTERPRISE, day("2026-11-06"), &e), &e, ERR_FORBIDDEN, "event");
	rej.reason = "联锁未测试";
	assert_int_equal(hazard_apply(&h, &rej, &REGULATOR, day("2026-11-06"), &e), 0);
	assert_int_equal(h.status, HZ_RECTIFYING);
	assert_int_equal(h.rejections, 1);
}

static void
test_fix_now_general_with_evidence(void **state)
{
	struct hazard h = new_hazard(HG_GENERAL);
	struct hazard_tx fix = { .event = HE_FIX_NOW };
	struct error e = { 0 };

	(void)state;
	expect(hazard_apply(&h, &fix, &ENTERPRISE, day("2026-11-01"), &e), &e, ERR_INVALID, "evidence");
	fix.evidence = "当场关闭阀门并挂牌";
	assert_int_equal(hazard_apply(&h, &fix, &ENTERPRISE, day("2026-11-01"), &e), 0);
	assert_int_equal(h.status, HZ_CLOSED);
	assert_true(h.closed_on_time);
}

static void
test_fix_now_major_by_enterprise_refused(void **state)
{
	struct hazard h = new_hazard(HG_MAJOR);
	struct hazard_tx fix = { .event = HE_FIX_NOW, .evidence = "已处理" };
	struct error e = { 0 };

	(void)state;
	expect(hazard_apply(&h, &fix, &ENTERPRISE, day("2026-11-01"), &e), &e, ERR_FORBIDDEN, "event");
	assert_int_equal(h.status, HZ_OPEN);
	assert_int_equal(hazard_apply(&h, &fix, &REGULATOR, day("2026-11-01"), &e), 0);
}

static void
test_extend_keeps_original_deadline_and_counts(void **state)
{
	struct hazard h = new_hazard(HG_MAJOR);
	struct hazard_tx plan = full_plan("2026-11-20"), ext = { .event = HE_EXTEND,
		.new_deadline = "2026-12-20", .reason = "设备到货延迟" };
	struct error e = { 0 };

	(void)state;
	assert_int_equal(hazard_apply(&h, &plan, &ENTERPRISE, day("2026-11-02"), &e), 0);
	expect(hazard_apply(&h, &ext, &ENTERPRISE, day("2026-11-10"), &e), &e, ERR_FORBIDDEN, "event");
	ext.new_deadline = "2026-11-19";
	expect(hazard_apply(&h, &ext, &REGULATOR, day("2026-11-10"), &e), &e, ERR_INVALID, "deadline");
	ext.new_deadline = "2026-12-20";
	ext.reason = NULL;
	expect(hazard_apply(&h, &ext, &REGULATOR, day("2026-11-10"), &e), &e, ERR_INVALID, "reason");
	ext.reason = "设备到货延迟";
	assert_int_equal(hazard_apply(&h, &ext, &REGULATOR, day("2026-11-10"), &e), 0);
	assert_string_equal(h.deadline, "2026-12-20");
	assert_string_equal(h.original_deadline, "2026-11-20");
	assert_int_equal(h.extensions, 1);
	assert_int_equal(h.status, HZ_RECTIFYING);
}

static void
test_on_time_uses_deadline_in_force_at_closure(void **state)
{
	struct hazard h = new_hazard(HG_MAJOR);
	struct hazard_tx ext = { .event = HE_EXTEND, .new_deadline = "2026-12-20", .reason = "延期" };
	struct hazard_tx sub = { .event = HE_SUBMIT, .evidence = "完成" }, acc = { .event = HE_ACCEPT };
	struct hazard_tx plan = full_plan("2026-11-20");
	struct error e = { 0 };

	(void)state;
	assert_int_equal(hazard_apply(&h, &plan, &ENTERPRISE, day("2026-11-02"), &e), 0);
	assert_int_equal(hazard_apply(&h, &ext, &REGULATOR, day("2026-11-19"), &e), 0);
	assert_int_equal(hazard_apply(&h, &sub, &ENTERPRISE, day("2026-12-01"), &e), 0);
	assert_int_equal(hazard_apply(&h, &acc, &REGULATOR, day("2026-12-02"), &e), 0);
	assert_true(h.closed_on_time);
	assert_int_equal(h.extensions, 1);
}

static void
test_void_needs_reason_and_never_from_closed(void **state)
{
	struct hazard h = new_hazard(HG_GENERAL);
	struct hazard_tx v = { .event = HE_VOID };
	struct hazard_tx fix = { .event = HE_FIX_NOW, .evidence = "ok" };
	struct error e = { 0 };

	(void)state;
	expect(hazard_apply(&h, &v, &OFFICE, day("2026-11-02"), &e), &e, ERR_INVALID, "reason");
	v.reason = "重复录入";
	expect(hazard_apply(&h, &v, &ENTERPRISE, day("2026-11-02"), &e), &e, ERR_FORBIDDEN, "event");
	struct hazard h2 = h;
	assert_int_equal(hazard_apply(&h2, &v, &OFFICE, day("2026-11-02"), &e), 0);
	assert_int_equal(h2.status, HZ_VOID);
	expect(hazard_apply(&h2, &fix, &REGULATOR, day("2026-11-02"), &e), &e, ERR_CONFLICT, "event");
	assert_int_equal(hazard_apply(&h, &fix, &ENTERPRISE, day("2026-11-02"), &e), 0);
	expect(hazard_apply(&h, &v, &OFFICE, day("2026-11-02"), &e), &e, ERR_CONFLICT, "event");
}

static void
test_illegal_events_for_state_conflict(void **state)
{
	struct hazard h = new_hazard(HG_GENERAL);
	struct error e = { 0 };

	(void)state;
	expect(hazard_apply(&h, &(struct hazard_tx){ .event = HE_SUBMIT, .evidence = "x" }, &ENTERPRISE,
			    day("2026-11-02"), &e), &e, ERR_CONFLICT, "event");
	expect(hazard_apply(&h, &(struct hazard_tx){ .event = HE_ACCEPT }, &REGULATOR,
			    day("2026-11-02"), &e), &e, ERR_CONFLICT, "event");
	expect(hazard_apply(&h, &(struct hazard_tx){ .event = HE_EXTEND, .new_deadline = "2027-01-01",
			    .reason = "x" }, &REGULATOR, day("2026-11-02"), &e), &e, ERR_CONFLICT, "event");
	expect(hazard_apply(&h, &(struct hazard_tx){ .event = (enum hazard_event)99 }, &REGULATOR,
			    day("2026-11-02"), &e), &e, ERR_INVALID, "event");
}

static void
test_leader_may_do_nothing(void **state)
{
	struct hazard h = new_hazard(HG_GENERAL);
	struct error e = { 0 };

	(void)state;
	assert_int_equal(hazard_allowed(&h, &LEADER), 0);
	expect(hazard_apply(&h, &(struct hazard_tx){ .event = HE_VOID, .reason = "x" }, &LEADER,
			    day("2026-11-02"), &e), &e, ERR_FORBIDDEN, "event");
	expect(hazard_check_new(&h, &LEADER, day("2026-11-02"), &e), &e, ERR_FORBIDDEN, NULL);
	expect(hazard_check_new(&h, &OFFICE, day("2026-11-02"), &e), &e, ERR_FORBIDDEN, NULL);
}

static void
test_listing_only_major_and_delisting_only_closed(void **state)
{
	struct hazard g = new_hazard(HG_GENERAL), h = new_hazard(HG_MAJOR);
	struct hazard_tx list = { .event = HE_LIST, .level = LIST_CITY, .listing_org = 5 };
	struct hazard_tx delist = { .event = HE_DELIST };
	struct error e = { 0 };

	(void)state;
	expect(hazard_apply(&g, &list, &OFFICE, day("2026-11-02"), &e), &e, ERR_CONFLICT, "event");
	list.level = LIST_NONE;
	expect(hazard_apply(&h, &list, &OFFICE, day("2026-11-02"), &e), &e, ERR_INVALID, "level");
	list.level = LIST_CITY;
	assert_int_equal(hazard_apply(&h, &list, &OFFICE, day("2026-11-02"), &e), 0);
	assert_int_equal(h.listing_level, LIST_CITY);
	assert_string_equal(h.listed_on, "2026-11-02");
	expect(hazard_apply(&h, &list, &OFFICE, day("2026-11-03"), &e), &e, ERR_CONFLICT, "event");
	expect(hazard_apply(&h, &delist, &OFFICE, day("2026-11-03"), &e), &e, ERR_CONFLICT, "event");
	expect(hazard_apply(&h, &list, &ENTERPRISE, day("2026-11-03"), &e), &e, ERR_FORBIDDEN, "event");
	to_pending(&h, "2026-12-31");
	assert_int_equal(hazard_apply(&h, &(struct hazard_tx){ .event = HE_ACCEPT }, &REGULATOR,
				      day("2026-11-07"), &e), 0);
	assert_true(hazard_allowed(&h, &OFFICE) & (1u << HE_DELIST));
	assert_int_equal(hazard_apply(&h, &delist, &OFFICE, day("2026-11-08"), &e), 0);
	assert_string_equal(h.delisted_on, "2026-11-08");
	assert_false(hazard_allowed(&h, &OFFICE) & (1u << HE_DELIST));
}

static void
test_overdue_is_derived_from_today(void **state)
{
	struct hazard h = new_hazard(HG_GENERAL);
	struct hazard_tx plan = { .event = HE_PLAN, .has_plan = 1, .responsible = "王五",
				  .deadline = "2026-11-10" };
	struct error e = { 0 };

	(void)state;
	assert_false(hazard_overdue(&h, day("2030-01-01"))); /* no deadline yet */
	assert_int_equal(hazard_apply(&h, &plan, &ENTERPRISE, day("2026-11-02"), &e), 0);
	assert_false(hazard_overdue(&h, day("2026-11-10")));
	assert_true(hazard_overdue(&h, day("2026-11-11")));
	h.status = HZ_CLOSED;
	assert_false(hazard_overdue(&h, day("2026-11-11")));
}

static void
test_new_hazard_checks(void **state)
{
	struct hazard h = new_hazard(HG_MAJOR);
	struct error e = { 0 };

	(void)state;
	assert_int_equal(hazard_check_new(&h, &ENTERPRISE, day("2026-11-02"), &e), 0);
	h.basis[0] = '\0';
	expect(hazard_check_new(&h, &ENTERPRISE, day("2026-11-02"), &e), &e, ERR_INVALID, "basis");
	h = new_hazard(HG_GENERAL);
	expect(hazard_check_new(&h, &ENTERPRISE, day("2026-10-31"), &e), &e, ERR_INVALID, "found_at");
	h.source = HS_INSPECTION;
	expect(hazard_check_new(&h, &ENTERPRISE, day("2026-11-02"), &e), &e, ERR_INVALID, "source");
	assert_int_equal(hazard_check_new(&h, &INSPECTOR, day("2026-11-02"), &e), 0);
	h.title[0] = '\0';
	expect(hazard_check_new(&h, &INSPECTOR, day("2026-11-02"), &e), &e, ERR_INVALID, "title");
}

static void
test_allowed_events_follow_role_and_grade(void **state)
{
	struct hazard h = new_hazard(HG_MAJOR);

	(void)state;
	assert_int_equal(hazard_allowed(&h, &ENTERPRISE), 1u << HE_PLAN);
	assert_int_equal(hazard_allowed(&h, &OFFICE), (1u << HE_VOID) | (1u << HE_LIST));
	to_pending(&h, "2026-12-31");
	assert_int_equal(hazard_allowed(&h, &ENTERPRISE), 0);
	assert_true(hazard_allowed(&h, &REGULATOR) & (1u << HE_ACCEPT));
}

static void
test_report_periods_and_due_dates(void **state)
{
	int32_t from, to, due;
	char a[DATE_LEN], b[DATE_LEN], c[DATE_LEN];

	(void)state;
	assert_int_equal(report_period("2026-Q3", &from, &to, &due), 0);
	date_format(from, a); date_format(to, b); date_format(due, c);
	assert_string_equal(a, "2026-07-01");
	assert_string_equal(b, "2026-09-30");
	assert_string_equal(c, "2026-10-15");
	assert_int_equal(report_period("2024-Q1", &from, &to, &due), 0);
	date_format(to, b);
	assert_string_equal(b, "2024-03-31");
	assert_int_equal(report_period("2026-Q4", &from, &to, &due), 0);
	date_format(due, c);
	assert_string_equal(c, "2027-01-15");
	assert_int_equal(report_period("2026", &from, &to, &due), 0);
	date_format(due, c);
	assert_string_equal(c, "2027-01-31");
	assert_int_equal(report_period("2026-Q5", &from, &to, &due), -1);
	assert_int_equal(report_period("2026Q1", &from, &to, &due), -1);
	assert_int_equal(report_period("26-Q1", &from, &to, &due), -1);
	assert_int_equal(report_period("1999", &from, &to, &due), -1);
	assert_int_equal(report_period(NULL, &from, &to, &due), -1);
}

static void
test_hazard_code_format(void **state)
{
	char code[40];

	(void)state;
	hazard_code("540102001000", 2026, 123, code, sizeof(code));
	assert_string_equal(code, "YH-540102-2026-000123");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_major_plan_without_all_five_points_refused),
		cmocka_unit_test(test_general_plan_needs_responsible_and_deadline_only),
		cmocka_unit_test(test_plan_deadline_before_found_date_refused),
		cmocka_unit_test(test_major_close_by_enterprise_refused),
		cmocka_unit_test(test_major_accept_by_non_supervising_regulator_refused),
		cmocka_unit_test(test_general_accepted_by_enterprise),
		cmocka_unit_test(test_reject_needs_reason_and_counts),
		cmocka_unit_test(test_fix_now_general_with_evidence),
		cmocka_unit_test(test_fix_now_major_by_enterprise_refused),
		cmocka_unit_test(test_extend_keeps_original_deadline_and_counts),
		cmocka_unit_test(test_on_time_uses_deadline_in_force_at_closure),
		cmocka_unit_test(test_void_needs_reason_and_never_from_closed),
		cmocka_unit_test(test_illegal_events_for_state_conflict),
		cmocka_unit_test(test_leader_may_do_nothing),
		cmocka_unit_test(test_listing_only_major_and_delisting_only_closed),
		cmocka_unit_test(test_overdue_is_derived_from_today),
		cmocka_unit_test(test_new_hazard_checks),
		cmocka_unit_test(test_allowed_events_follow_role_and_grade),
		cmocka_unit_test(test_report_periods_and_due_dates),
		cmocka_unit_test(test_hazard_code_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
