/* test_assess.c — the assessment's scoring: weights, rounding, vetoes,
 * ties in rank, indicators with nothing due, periods, task facts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/assess.h"
#include "core/date.h"

static void
in_rate(struct assess_input *in, enum assess_ind i, int64_t num, int64_t den)
{
	in->num[i] = num;
	in->den[i] = den;
}

static void
test_assess_full_marks_score_100_excellent(void **state)
{
	struct assess_config c;
	struct assess_input in = { 0 };
	struct assess_result r;

	(void)state;
	assess_config_default(&c);
	for (int i = 0; i < AI__MAX; i++)
		in_rate(&in, i, i == AI_HAZARD_OVERDUE ? 0 : 4, 4);
	assess_score(&c, &in, &r);
	assert_true(r.assessed);
	assert_true(r.total == 100.0);
	assert_int_equal(r.grade, AG_EXCELLENT);
	assert_int_equal(r.vetoed_by, 0);
	assert_true(r.score[AI_REPORT_ON_TIME] == 30.0);
	assert_true(r.value[AI_HAZARD_OVERDUE] == 1.0);
}

static void
test_assess_weights_apply_to_rates(void **state)
{
	struct assess_config c;
	struct assess_input in = { 0 };
	struct assess_result r;

	(void)state;
	assess_config_default(&c);
	in_rate(&in, AI_REPORT_ON_TIME, 1, 2);    /* 0.5 × 30 = 15 */
	in_rate(&in, AI_TASK_COMPLETION, 3, 4);   /* 0.75 × 30 = 22.5 */
	in_rate(&in, AI_TARGETS, 0, 1);           /* 0 × 10 */
	in_rate(&in, AI_MAJOR_CLOSURE, 1, 1);     /* 15 */
	in_rate(&in, AI_HAZARD_OVERDUE, 1, 5);    /* 0.8 × 15 = 12 */
	assess_score(&c, &in, &r);
	assert_true(r.total == 64.5);
	assert_int_equal(r.grade, AG_PASS);
	assert_true(r.score[AI_TASK_COMPLETION] == 22.5);
	assert_true(r.value[AI_HAZARD_OVERDUE] > 0.79 && r.value[AI_HAZARD_OVERDUE] < 0.81);
}

static void
test_assess_nothing_due_shares_its_weight(void **state)
{
	struct assess_config c;
	struct assess_input in = { 0 };
	struct assess_result r;

	(void)state;
	assess_config_default(&c);
	/* Only reports (30) and tasks (30) apply: each now counts half. */
	in_rate(&in, AI_REPORT_ON_TIME, 1, 1);
	in_rate(&in, AI_TASK_COMPLETION, 0, 3);
	assess_score(&c, &in, &r);
	assert_true(r.assessed);
	assert_true(r.value[AI_TARGETS] == AI_NA);
	assert_true(r.value[AI_MAJOR_CLOSURE] == AI_NA);
	assert_true(r.score[AI_TARGETS] == 0);
	assert_true(r.total == 50.0);
	assert_int_equal(r.grade, AG_FAIL);
}

static void
test_assess_nothing_due_at_all_is_not_assessed_nor_ranked(void **state)
{
	struct assess_config c;
	struct assess_input none = { 0 }, some = { 0 };
	struct assess_result a, b;
	struct assess_result *rs[] = { &a, &b };

	(void)state;
	assess_config_default(&c);
	assess_score(&c, &none, &a);
	assert_false(a.assessed);
	for (int i = 0; i < AI__MAX; i++)
		assert_true(a.value[i] == AI_NA);
	in_rate(&some, AI_REPORT_ON_TIME, 0, 1);
	assess_score(&c, &some, &b);
	assert_true(b.assessed);
	assert_true(b.total == 0.0);
	assess_rank(rs, 2);
	assert_int_equal(a.rank, 0);
	assert_int_equal(b.rank, 1);
}

static void
test_assess_weight_zero_leaves_indicator_out(void **state)
{
	struct assess_config c;
	struct assess_input in = { 0 };
	struct assess_result r;

	(void)state;
	assess_config_default(&c);
	memset(c.weight, 0, sizeof(c.weight));
	c.weight[AI_REPORT_ON_TIME] = 100;
	in_rate(&in, AI_REPORT_ON_TIME, 2, 3);
	in_rate(&in, AI_TASK_COMPLETION, 0, 3); /* weighs nothing */
	assess_score(&c, &in, &r);
	assert_true(r.total == 66.7);        /* 66.666… rounds half up to one decimal */
	assert_true(r.score[AI_TASK_COMPLETION] == 0);
	/* an org with only weight-0 indicators due is not assessed */
	memset(&in, 0, sizeof(in));
	in_rate(&in, AI_TASK_COMPLETION, 1, 3);
	assess_score(&c, &in, &r);
	assert_false(r.assessed);
}

static void
test_assess_rounding_half_up_on_tenths(void **state)
{
	struct assess_config c;
	struct assess_input in = { 0 };
	struct assess_result r;

	(void)state;
	assess_config_default(&c);
	memset(c.weight, 0, sizeof(c.weight));
	c.weight[AI_REPORT_ON_TIME] = 100;
	in_rate(&in, AI_REPORT_ON_TIME, 1699, 2000);  /* 84.95 */
	assess_score(&c, &in, &r);
	assert_true(r.total == 85.0);
	in_rate(&in, AI_REPORT_ON_TIME, 1, 3);        /* 33.33… */
	assess_score(&c, &in, &r);
	assert_true(r.total == 33.3);
}

static void
test_assess_bands_edges(void **state)
{
	struct assess_config c;
	struct assess_input in = { 0 };
	struct assess_result r;

	(void)state;
	assess_config_default(&c);
	memset(c.weight, 0, sizeof(c.weight));
	c.weight[AI_TASK_COMPLETION] = 100;
	in_rate(&in, AI_TASK_COMPLETION, 9, 10);
	assess_score(&c, &in, &r);
	assert_int_equal(r.grade, AG_EXCELLENT);  /* exactly 90 */
	in_rate(&in, AI_TASK_COMPLETION, 899, 1000);
	assess_score(&c, &in, &r);
	assert_true(r.total == 89.9);
	assert_int_equal(r.grade, AG_GOOD);
	in_rate(&in, AI_TASK_COMPLETION, 599, 1000);
	assess_score(&c, &in, &r);
	assert_int_equal(r.grade, AG_FAIL);
	c.band[AG_EXCELLENT] = 95;
	c.band[AG_GOOD] = 85;
	c.band[AG_PASS] = 50;
	assess_score(&c, &in, &r);
	assert_int_equal(r.grade, AG_PASS);       /* configured bands apply */
}

static void
test_assess_veto_major_overdue_caps_excellent(void **state)
{
	struct assess_config c;
	struct assess_input in = { 0 };
	struct assess_result r;

	(void)state;
	assess_config_default(&c);
	in_rate(&in, AI_REPORT_ON_TIME, 1, 1);
	in.major_overdue = 1;
	assess_score(&c, &in, &r);
	assert_true(r.total == 100.0);           /* the score stands */
	assert_int_equal(r.grade, AG_GOOD);      /* the grade is capped */
	assert_int_equal(r.vetoed_by, 1u << AV_MAJOR_OVERDUE);
	c.veto_major_overdue = 0;
	assess_score(&c, &in, &r);
	assert_int_equal(r.grade, AG_EXCELLENT);
	assert_int_equal(r.vetoed_by, 0);
}

static void
test_assess_veto_never_raises_a_grade(void **state)
{
	struct assess_config c;
	struct assess_input in = { 0 };
	struct assess_result r;

	(void)state;
	assess_config_default(&c);
	c.veto_cap = AG_PASS;
	in_rate(&in, AI_REPORT_ON_TIME, 1, 5);
	in.task_overdue_days = 31;
	assess_score(&c, &in, &r);
	assert_int_equal(r.vetoed_by, 1u << AV_TASK_OVERDUE);
	assert_int_equal(r.grade, AG_FAIL);
	in.task_overdue_days = 30;               /* not more than 30 days */
	assess_score(&c, &in, &r);
	assert_int_equal(r.vetoed_by, 0);
	c.veto_task_days = 0;                    /* off */
	in.task_overdue_days = 999;
	assess_score(&c, &in, &r);
	assert_int_equal(r.vetoed_by, 0);
}

static void
test_assess_ties_share_a_rank_and_skip(void **state)
{
	struct assess_result a = { .assessed = 1, .total = 90.0 },
			     b = { .assessed = 1, .total = 95.5 },
			     c = { .assessed = 1, .total = 90.0 },
			     d = { .assessed = 1, .total = 70.2 },
			     z = { .assessed = 0 };
	struct assess_result *rs[] = { &a, &b, &c, &z, &d };

	(void)state;
	assess_rank(rs, 5);
	assert_int_equal(b.rank, 1);
	assert_int_equal(a.rank, 2);
	assert_int_equal(c.rank, 2);
	assert_int_equal(d.rank, 4);
	assert_int_equal(z.rank, 0);
}

static void
test_assess_config_refused(void **state)
{
	struct assess_config c;
	struct error e;

	(void)state;
	assess_config_default(&c);
	assert_int_equal(assess_config_check(&c, &e), 0);
	c.weight[AI_TARGETS] = 11;
	assert_int_equal(assess_config_check(&c, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "weights");
	assess_config_default(&c);
	c.weight[AI_TARGETS] = -5;
	c.weight[AI_REPORT_ON_TIME] = 45;
	assert_int_equal(assess_config_check(&c, &e), -1);
	assert_string_equal(e.field, "weights");
	assess_config_default(&c);
	c.band[AG_GOOD] = 90;                    /* not below 优秀 */
	assert_int_equal(assess_config_check(&c, &e), -1);
	assert_string_equal(e.field, "bands");
	assess_config_default(&c);
	c.band[AG_EXCELLENT] = 101;
	assert_int_equal(assess_config_check(&c, &e), -1);
	assert_string_equal(e.field, "bands");
	assess_config_default(&c);
	c.veto_task_days = -1;
	assert_int_equal(assess_config_check(&c, &e), -1);
	assert_string_equal(e.field, "veto.task_overdue_days");
}

static void
test_assess_periods(void **state)
{
	int32_t f, t;

	(void)state;
	assert_int_equal(assess_period("2026", &f, &t), 0);
	assert_int_equal(f, date_from_ymd(2026, 1, 1));
	assert_int_equal(t, date_from_ymd(2026, 12, 31));
	assert_int_equal(assess_period("2026-H1", &f, &t), 0);
	assert_int_equal(t, date_from_ymd(2026, 6, 30));
	assert_int_equal(assess_period("2026-H2", &f, &t), 0);
	assert_int_equal(f, date_from_ymd(2026, 7, 1));
	assert_int_equal(assess_period("2026-02", &f, &t), 0);
	assert_int_equal(t, date_from_ymd(2026, 2, 28));
	const char *bad[] = { "", "26", "2026-H3", "2026-13", "2026-00", "2026-5", "2026-Q1",
			      "2026-05x", "abcd", "1999", "2026-H0", NULL };
	for (int i = 0; bad[i]; i++)
		assert_int_equal(assess_period(bad[i], &f, &t), -1);
	assert_int_equal(assess_period(NULL, &f, &t), -1);
}

static void
test_assess_task_reports_due_on_time_late_missing(void **state)
{
	/* Published 2026-02-10, report day 25, done in April: reports due for
	 * Feb, Mar, Apr (May is after it was done), as of 2026-06-30. */
	struct assess_report reps[] = {
		{ date_from_ymd(2026, 2, 1), 0 }, { date_from_ymd(2026, 4, 1), 1 },
	};
	struct assess_task t = {
		.created = date_from_ymd(2026, 2, 10), .deadline = date_from_ymd(2026, 5, 31),
		.done_on = date_from_ymd(2026, 4, 28), .report_day = 25, .reports = reps, .nreports = 2,
	};
	struct assess_input in = { 0 };

	(void)state;
	assess_add_task(&in, &t, date_from_ymd(2026, 1, 1), date_from_ymd(2026, 6, 30));
	assert_int_equal(in.den[AI_REPORT_ON_TIME], 3);
	assert_int_equal(in.num[AI_REPORT_ON_TIME], 1);
	assert_int_equal(in.late_reports, 1);
	assert_int_equal(in.den[AI_TASK_COMPLETION], 1);
	assert_int_equal(in.num[AI_TASK_COMPLETION], 1);
	assert_int_equal(in.overdue_tasks, 0);
}

static void
test_assess_task_published_after_report_day_owes_nothing_that_month(void **state)
{
	struct assess_task t = { .created = date_from_ymd(2026, 5, 26), .report_day = 25 };
	struct assess_input in = { 0 };

	(void)state;
	assess_add_task(&in, &t, date_from_ymd(2026, 5, 1), date_from_ymd(2026, 5, 31));
	assert_int_equal(in.den[AI_REPORT_ON_TIME], 0);
	assert_int_equal(in.den[AI_TASK_COMPLETION], 0);   /* no deadline: never due */
	/* while the month runs, a report is not due before its day */
	t.created = date_from_ymd(2026, 4, 1);
	assess_add_task(&in, &t, date_from_ymd(2026, 5, 1), date_from_ymd(2026, 5, 24));
	assert_int_equal(in.den[AI_REPORT_ON_TIME], 0);
	assess_add_task(&in, &t, date_from_ymd(2026, 5, 1), date_from_ymd(2026, 5, 25));
	assert_int_equal(in.den[AI_REPORT_ON_TIME], 1);
	assert_int_equal(in.num[AI_REPORT_ON_TIME], 0);    /* missing */
}

static void
test_assess_task_overdue_days_and_targets(void **state)
{
	struct assess_target g[] = {
		{ .value = 100, .comparator = ">=", .has_actual = 1, .actual = 100 },
		{ .value = 80, .comparator = ">=", .has_actual = 1, .actual = 79.5 },
		{ .value = 5, .comparator = "<=", .has_actual = 1, .actual = 3 },
		{ .value = 10, .comparator = ">=", .has_actual = 0 },
		{ .value = 90, .comparator = ">=", .deadline = date_from_ymd(2027, 12, 31),
		  .has_actual = 1, .actual = 95 },        /* not due yet */
	};
	struct assess_task t = {
		.created = date_from_ymd(2026, 1, 5), .deadline = date_from_ymd(2026, 3, 31),
		.targets = g, .ntargets = 5,
	};
	struct assess_input in = { 0 };

	(void)state;
	assess_add_task(&in, &t, date_from_ymd(2026, 1, 1), date_from_ymd(2026, 6, 30));
	assert_int_equal(in.overdue_tasks, 1);
	assert_int_equal(in.task_overdue_days, 91);
	assert_int_equal(in.den[AI_TASK_COMPLETION], 1);
	assert_int_equal(in.num[AI_TASK_COMPLETION], 0);
	assert_int_equal(in.den[AI_TARGETS], 4);
	assert_int_equal(in.num[AI_TARGETS], 2);
	assert_true(assess_target_met("decrease", 10, 12));
	assert_false(assess_target_met("<", 5, 5));
	assert_true(assess_target_met(">", 5, 5.5));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assess_full_marks_score_100_excellent),
		cmocka_unit_test(test_assess_weights_apply_to_rates),
		cmocka_unit_test(test_assess_nothing_due_shares_its_weight),
		cmocka_unit_test(test_assess_nothing_due_at_all_is_not_assessed_nor_ranked),
		cmocka_unit_test(test_assess_weight_zero_leaves_indicator_out),
		cmocka_unit_test(test_assess_rounding_half_up_on_tenths),
		cmocka_unit_test(test_assess_bands_edges),
		cmocka_unit_test(test_assess_veto_major_overdue_caps_excellent),
		cmocka_unit_test(test_assess_veto_never_raises_a_grade),
		cmocka_unit_test(test_assess_ties_share_a_rank_and_skip),
		cmocka_unit_test(test_assess_config_refused),
		cmocka_unit_test(test_assess_periods),
		cmocka_unit_test(test_assess_task_reports_due_on_time_late_missing),
		cmocka_unit_test(test_assess_task_published_after_report_day_owes_nothing_that_month),
		cmocka_unit_test(test_assess_task_overdue_days_and_targets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
