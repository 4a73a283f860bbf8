/*
 * test_plan_targets.c — numeric targets of plan documents (DESIGN §5
 * "Targets"): the value with its unit, comparator, baseline and deadline,
 * staged targets, and the numbers that are not targets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/plan.h"

static struct plan_targets *
scan(const char *s)
{
	struct plan_date_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.year = 2020;
	return plan_targets_scan_new(s, strlen(s), &ctx);
}

static void
assert_target(const struct plan_target *t, double value, const char *unit,
	      const char *cmp, const char *deadline, int baseline)
{
	char buf[11];

	assert_true(t->value == value);
	assert_string_equal(t->unit, unit);
	assert_string_equal(plan_cmp_name(t->cmp), cmp);
	plan_ymd_format(&t->deadline, buf);
	assert_string_equal(buf, deadline);
	assert_int_equal(t->baseline_year, baseline);
}

static void
none(const char *s)
{
	struct plan_targets *t = scan(s);

	if (t->n != 0)
		fail_msg("'%s' gave a target: %g%s", s, t->v[0].value,
			 t->v[0].unit);
	plan_targets_free(t);
}

static void
test_target_reach_a_percentage_by_a_deadline(void **state)
{
	struct plan_targets *t = scan("2020年底前涉及“两重点一重大”的生产装置的上述系统装备和使用率必须达到100%。");

	(void)state;
	assert_int_equal(t->n, 1);
	assert_target(&t->v[0], 100, "%", ">=", "2020-12-31", 0);
	assert_non_null(strstr(t->v[0].text, "使用率必须达到100%"));
	plan_targets_free(t);
}

static void
test_target_not_lower_than_a_share_of_staff(void **state)
{
	/* 低于 inside 不低于 must not win */
	struct plan_targets *t = scan("到2022年底具有安全生产相关专业学历或实践经验的执法人员不低于在职人员的 75%。");

	(void)state;
	assert_int_equal(t->n, 1);
	assert_target(&t->v[0], 75, "%", ">=", "2022-12-31", 0);
	plan_targets_free(t);
}

static void
test_target_percentage_and_above(void **state)
{
	struct plan_targets *t = scan("2021年底前安排10%以上的重点岗位职工完成职业技能晋级培训");

	(void)state;
	assert_int_equal(t->n, 1);
	assert_target(&t->v[0], 10, "%", ">=", "2021-12-31", 0);
	plan_targets_free(t);
}

static void
test_target_decrease_against_a_baseline_year(void **state)
{
	struct plan_targets *t = scan("到2022年,生产安全事故死亡人数较2019年下降10%。");

	(void)state;
	assert_int_equal(t->n, 1);
	assert_target(&t->v[0], 10, "%", "decrease", "2022-12-31", 2019);
	plan_targets_free(t);
}

static void
test_target_increase_and_caps(void **state)
{
	struct plan_targets *t = scan("覆盖率增长5%;亡人事故控制在3起以内;超标率不超过0.5%");

	(void)state;
	assert_int_equal(t->n, 2);
	assert_target(&t->v[0], 5, "%", "increase", "", 0);
	assert_target(&t->v[1], 0.5, "%", "<=", "", 0);
	plan_targets_free(t);
}

static void
test_target_staged_values_get_their_own_deadlines(void **state)
{
	struct plan_targets *t = scan("2020年,达标率60%以上;2021年,达标率80%以上;2022年,达标率实现100%。");

	(void)state;
	assert_int_equal(t->n, 3);
	assert_target(&t->v[0], 60, "%", ">=", "2020-12-31", 0);
	assert_target(&t->v[1], 80, "%", ">=", "2021-12-31", 0);
	assert_target(&t->v[2], 100, "%", ">=", "2022-12-31", 0);
	plan_targets_free(t);
}

static void
test_target_list_shares_its_verb_and_baseline(void **state)
{
	struct plan_targets *t = scan("到2026年底,事故起数和死亡人数较2023年分别下降15%、10%以上,整改率达到100%");

	(void)state;
	assert_int_equal(t->n, 3);
	assert_target(&t->v[0], 15, "%", "decrease", "2026-12-31", 2023);
	assert_target(&t->v[1], 10, "%", "decrease", "2026-12-31", 2023);
	assert_target(&t->v[2], 100, "%", ">=", "2026-12-31", 0);
	plan_targets_free(t);
}

static void
test_target_several_values_in_one_clause(void **state)
{
	struct plan_targets *t = scan("县(市、区)城市道路、乡镇道路分别达到80%和70%以上");

	(void)state;
	assert_int_equal(t->n, 2);
	assert_target(&t->v[0], 80, "%", ">=", "", 0);
	assert_target(&t->v[1], 70, "%", ">=", "", 0);
	plan_targets_free(t);
}

static void
test_target_count_needs_a_comparator(void **state)
{
	struct plan_targets *t = scan("新入职人员培训时间不少于3个月,在职人员每年复训时间不少于2周。");

	(void)state;
	assert_int_equal(t->n, 2);
	assert_target(&t->v[0], 3, "个月", ">=", "", 0);
	assert_target(&t->v[1], 2, "周", ">=", "", 0);
	plan_targets_free(t);
	none("加快淘汰报废57座以上大客车及卧铺客车");
	none("以东郊老安居苑等10处第一批老旧小区改造工程为契机");
	none("培育发展2—3家区内有实力的安全技术服务机构");
}

static void
test_target_condition_is_not_a_target(void **state)
{
	(void)state;
	none("组织对入井人数超过30人或井深超过800米的金属非金属地下矿山逐一进行专家会诊");
}

static void
test_target_years_and_dates_are_not_counts(void **state)
{
	(void)state;
	none("至少2022年底前完成");
	none("2022年6月底前所有尾矿库建立完善在线安全监测系统");
}

static void
test_target_written_in_chinese(void **state)
{
	struct plan_targets *t = scan("覆盖率达到百分之七十;每年安排不少于一次专题学习");

	(void)state;
	assert_int_equal(t->n, 2);
	assert_target(&t->v[0], 70, "%", ">=", "", 0);
	assert_target(&t->v[1], 1, "次", ">=", "", 0);
	plan_targets_free(t);
}

static void
test_target_inside_a_book_title_is_not_the_plans(void **state)
{
	(void)state;
	none("开展寺庙文博单位《消防安全100%达标手册》宣贯");
}

static void
test_target_heading_date_governs_the_text(void **state)
{
	struct plan_targets *t = scan("2022年底前。工贸企业完成体系建设。专项整治对象3年时间执法检查覆盖面达100%");

	(void)state;
	assert_int_equal(t->n, 1);
	assert_target(&t->v[0], 100, "%", ">=", "2022-12-31", 0);
	plan_targets_free(t);
}

static void
test_target_later_unrelated_sentence_gets_no_deadline(void **state)
{
	struct plan_targets *t = scan("2022年底前执法人员达到在职人员的15%以上。新入职人员培训时间不少于3个月。");

	(void)state;
	assert_int_equal(t->n, 2);
	assert_target(&t->v[0], 15, "%", ">=", "2022-12-31", 0);
	assert_target(&t->v[1], 3, "个月", ">=", "", 0);
	plan_targets_free(t);
}

static void
test_target_numbers_next_to_nothing(void **state)
{
	(void)state;
	none("");
	none("%");
	none("达到%以上");
	none("1.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target_reach_a_percentage_by_a_deadline),
		cmocka_unit_test(test_target_not_lower_than_a_share_of_staff),
		cmocka_unit_test(test_target_percentage_and_above),
		cmocka_unit_test(test_target_decrease_against_a_baseline_year),
		cmocka_unit_test(test_target_increase_and_caps),
		cmocka_unit_test(test_target_staged_values_get_their_own_deadlines),
		cmocka_unit_test(test_target_list_shares_its_verb_and_baseline),
		cmocka_unit_test(test_target_several_values_in_one_clause),
		cmocka_unit_test(test_target_count_needs_a_comparator),
		cmocka_unit_test(test_target_condition_is_not_a_target),
		cmocka_unit_test(test_target_years_and_dates_are_not_counts),
		cmocka_unit_test(test_target_written_in_chinese),
		cmocka_unit_test(test_target_inside_a_book_title_is_not_the_plans),
		cmocka_unit_test(test_target_heading_date_governs_the_text),
		cmocka_unit_test(test_target_later_unrelated_sentence_gets_no_deadline),
		cmocka_unit_test(test_target_numbers_next_to_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
