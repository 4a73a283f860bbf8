/*
 * test_plan_dates.c — date phrases, recurrences and durations of plan
 * documents (DESIGN §5 "Dates"): every phrasing plans use, the year taken
 * from context, and the numbers that must not be read as dates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/plan.h"

/* The dates of s with context year y (0: none). */
static struct plan_dates *
scan(const char *s, int y)
{
	struct plan_date_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.year = y;
	return plan_dates_scan_new(s, strlen(s), &ctx);
}

static void
assert_date(const struct plan_deadline *d, const char *date, const char *start,
	    const char *kind, const char *phrase)
{
	char buf[11];

	plan_ymd_format(&d->date, buf);
	assert_string_equal(buf, date);
	if (start != NULL) {
		plan_ymd_format(&d->start, buf);
		assert_string_equal(buf, start);
	}
	assert_string_equal(plan_date_kind_name(d->kind), kind);
	if (phrase != NULL)
		assert_string_equal(d->phrase, phrase);
}

/* One date expected in s. */
static void
one(const char *s, int y, const char *date, const char *start,
    const char *kind, const char *phrase)
{
	struct plan_dates *d = scan(s, y);

	assert_int_equal(d->n, 1);
	assert_date(&d->v[0], date, start, kind, phrase);
	plan_dates_free(d);
}

static void
none(const char *s, int y)
{
	struct plan_dates *d = scan(s, y);

	if (d->n != 0)
		fail_msg("'%s' gave a date: '%s'", s, d->v[0].phrase);
	plan_dates_free(d);
}

static void
test_dates_year_end_before_is_a_deadline_on_its_last_day(void **state)
{
	(void)state;
	one("2022年底前全部完成", 2020, "2022-12-31", "2022-12-01", "by",
	    "2022年底前");
	one("2022年年底前完成", 2020, "2022-12-31", NULL, "by", "2022年年底前");
	one("到2022年底具有相关学历", 2020, "2022-12-31", NULL, "by",
	    "到2022年底");
	one("力争2022年底城乡重大风险明显减少", 2020, "2022-12-31", NULL, "by",
	    "力争2022年底");
}

static void
test_dates_month_without_day_resolves_to_its_last_day(void **state)
{
	(void)state;
	one("2020年10月底前完成自查", 0, "2020-10-31", "2020-10-01", "by",
	    "2020年10月底前");
	/* the period named is June: its last day */
	one("2021年6月前完成", 0, "2021-06-30", NULL, "by", "2021年6月前");
	one("2024年2月前", 0, "2024-02-29", NULL, "by", NULL);
}

static void
test_dates_full_date_keeps_its_prefix_in_the_phrase(void **state)
{
	(void)state;
	one("于2020年12月31日前报送", 0, "2020-12-31", "2020-12-31", "by",
	    "于2020年12月31日前");
}

static void
test_dates_day_without_year_takes_the_context_year(void **state)
{
	(void)state;
	one("于10月10日前报拉萨市安委会办公室", 2020, "2020-10-10", NULL, "by",
	    "于10月10日前");
}

static void
test_dates_without_year_and_without_context_are_left_out(void **state)
{
	(void)state;
	none("于10月10日前报送", 0);
}

static void
test_dates_deadline_before_the_issue_date_is_next_year(void **state)
{
	struct plan_date_ctx ctx;
	struct plan_dates *d;
	const char *s = "3月底前完成整改";

	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	ctx.year = 2020;
	ctx.not_before.y = 2020;
	ctx.not_before.m = 9;
	ctx.not_before.d = 17;
	d = plan_dates_scan_new(s, strlen(s), &ctx);
	assert_int_equal(d->n, 1);
	assert_date(&d->v[0], "2021-03-31", NULL, "by", "3月底前");
	plan_dates_free(d);
}

static void
test_dates_an_event_before_the_issue_date_stays_in_its_year(void **state)
{
	struct plan_date_ctx ctx;
	struct plan_dates *d;
	const char *s = "根据吴英杰书记4月1日在自治区党委常委会上的要求";

	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	ctx.year = 2020;
	ctx.not_before.y = 2020;
	ctx.not_before.m = 9;
	ctx.not_before.d = 17;
	d = plan_dates_scan_new(s, strlen(s), &ctx);
	assert_int_equal(d->n, 1);
	assert_date(&d->v[0], "2020-04-01", NULL, "on", "4月1日");
	plan_dates_free(d);
}

static void
test_dates_mid_month_is_days_eleven_to_twenty(void **state)
{
	(void)state;
	one("2020年10月中旬", 0, "2020-10-20", "2020-10-11", "during", NULL);
	one("2020年10月上旬前", 0, "2020-10-10", NULL, "by", NULL);
	one("2021年2月下旬", 0, "2021-02-28", "2021-02-21", "during", NULL);
}

static void
test_dates_periods_of_a_year(void **state)
{
	(void)state;
	one("(三)集中攻坚(2021全年)", 0, "2021-12-31", "2021-01-01", "during",
	    "2021全年");
	one("2020年上半年完成", 0, "2020-06-30", "2020-01-01", "during", NULL);
	one("2020年下半年", 0, "2020-12-31", "2020-07-01", "during", NULL);
	one("2020年内完成", 0, "2020-12-31", "2020-01-01", "during", "2020年内");
	one("2021年第三季度", 0, "2021-09-30", "2021-07-01", "during", NULL);
}

static void
test_dates_from_a_month_is_its_first_day(void **state)
{
	(void)state;
	one("自2020年5月起,对涉及重大危险源的企业", 0, "2020-05-01",
	    "2020-05-01", "from", "自2020年5月起");
	one("2020年起,每年将老城区改造纳入民生工程", 0, "2020-01-01", NULL,
	    "from", "2020年起");
}

static void
test_dates_ranges(void **state)
{
	(void)state;
	one("2021年至2022年分批实施", 0, "2022-12-31", "2021-01-01", "range",
	    "2021年至2022年");
	/* the second half borrows the year of the first */
	one("动员部署(2020年9月至10月中旬)", 0, "2020-10-20", "2020-09-01",
	    "range", "2020年9月至10月中旬");
	one("从2020年9月至2022年12月,分四个阶段进行", 0, "2022-12-31",
	    "2020-09-01", "range", "从2020年9月至2022年12月");
	/* the first year borrows the 年 of the second */
	one("三年行动方案(2024—2026年)", 0, "2026-12-31", "2024-01-01",
	    "range", "2024—2026年");
	one("2024年-2025年,开展一次辨识", 0, "2025-12-31", "2024-01-01",
	    "range", NULL);
}

static void
test_dates_staged_list_gives_one_deadline_each(void **state)
{
	struct plan_dates *d = scan("2020年、2021年、2022年底前分批分类督办整改", 0);

	(void)state;
	assert_int_equal(d->n, 3);
	assert_date(&d->v[0], "2020-12-31", NULL, "by", "2020年");
	assert_date(&d->v[1], "2021-12-31", NULL, "by", "2021年");
	assert_date(&d->v[2], "2022-12-31", NULL, "by", "2022年底前");
	plan_dates_free(d);
}

static void
test_dates_staged_list_of_bare_years(void **state)
{
	struct plan_dates *d = scan("每年依法组织整改一批,2020、2021、2022年底前逐年实施完成",
				    0);

	(void)state;
	assert_int_equal(d->n, 3);
	assert_date(&d->v[0], "2020-12-31", NULL, "by", "2020");
	assert_date(&d->v[2], "2022-12-31", NULL, "by", "2022年底前");
	assert_int_equal(d->v[0].faults, 0);
	plan_dates_free(d);
}

static void
test_dates_baseline_year_is_not_a_date(void **state)
{
	(void)state;
	none("事故起数较2019年下降10%", 0);
	none("与2019年相比下降", 0);
	none("以2019年为基数", 0);
}

static void
test_dates_recurrence_is_not_a_date(void **state)
{
	(void)state;
	none("于每年12月20日前报送自治区安委会办公室", 2020);
	none("每月25日前一并报送", 2020);
}

static void
test_dates_standard_and_phone_numbers_are_not_years(void **state)
{
	(void)state;
	none("《企业安全生产标准化基本规范》(GB/T 33000-2016)", 0);
	none("(AQ 90102019)", 0);
	none("发挥“12350”、“96119”等举报电话的作用", 0);
	none("联系电话:0991-5093211", 0);
	none("石油化工控制室抗爆设计规范(GB50779-2012)", 0);
}

static void
test_dates_inside_a_book_title_are_not_the_plans(void **state)
{
	(void)state;
	none("落实《城镇污水处理提质增效三年行动方案(2019—2021年)》", 0);
}

static void
test_dates_no_such_day_is_reported_not_dropped_silently(void **state)
{
	struct plan_dates *d = scan("2021年2月30日前完成", 0);

	(void)state;
	assert_int_equal(d->n, 1);
	assert_true(d->v[0].faults & PLAN_DATE_FAULT_INVALID);
	assert_int_equal(d->v[0].date.y, 0);
	plan_dates_free(d);
}

static void
test_dates_year_without_nian_is_read_and_flagged(void **state)
{
	struct plan_dates *d = scan("2020制定计划,2021年底前完成", 0);

	(void)state;
	assert_int_equal(d->n, 2);
	assert_date(&d->v[0], "2020-12-31", NULL, "during", "2020");
	assert_true(d->v[0].faults & PLAN_DATE_FAULT_BARE_YEAR);
	assert_int_equal(d->v[1].faults, 0);
	plan_dates_free(d);
}

static void
test_dates_quantities_are_not_years(void **state)
{
	(void)state;
	none("井深超过2000米的矿山", 0);
	none("2000余家企业", 0);
}

static void
test_dates_chinese_numeral_year(void **state)
{
	(void)state;
	one("二〇二二年底前", 0, "2022-12-31", NULL, "by", "二〇二二年底前");
}

static void
test_dates_spaces_inside_a_date(void **state)
{
	(void)state;
	one("力争在 2022 年前基本整改完毕", 0, "2022-12-31", NULL, "by",
	    "2022 年前");
	one("2020年 10 月 10 日召开", 0, "2020-10-10", NULL, "on", NULL);
}

static void
test_dates_empty_and_punctuation_only_text(void **state)
{
	(void)state;
	none("", 0);
	none("。;,、()《》", 2020);
	none("年月日前", 2020);
}

/* ---------------------------------------------------------- recurrence */

static struct plan_recurrences *
rec(const char *s)
{
	return plan_recurrences_scan_new(s, strlen(s));
}

static void
test_recurrence_monthly_day_is_a_deadline(void **state)
{
	struct plan_recurrences *r = rec("于每月25日前一并报自治区安委会办公室");

	(void)state;
	assert_int_equal(r->n, 1);
	assert_string_equal(plan_every_name(r->v[0].every), "month");
	assert_int_equal(r->v[0].day, 25);
	assert_true(r->v[0].by);
	assert_string_equal(r->v[0].phrase, "每月25日前");
	plan_recurrences_free(r);
}

static void
test_recurrence_yearly_with_month_and_day(void **state)
{
	struct plan_recurrences *r = rec("每年12月20日前报送;每年年底前报市安委会");

	(void)state;
	assert_int_equal(r->n, 2);
	assert_string_equal(plan_every_name(r->v[0].every), "year");
	assert_int_equal(r->v[0].month, 12);
	assert_int_equal(r->v[0].day, 20);
	assert_true(r->v[0].by);
	assert_int_equal(r->v[1].month, 12);
	assert_int_equal(r->v[1].day, 31);
	plan_recurrences_free(r);
}

static void
test_recurrence_week_of_the_month(void **state)
{
	struct plan_recurrences *r = rec("每月第三周在应急管理局集中办公");

	(void)state;
	assert_int_equal(r->n, 1);
	assert_int_equal(r->v[0].week, 3);
	assert_int_equal(r->v[0].day, 0);
	assert_false(r->v[0].by);
	plan_recurrences_free(r);
}

static void
test_recurrence_quarter_half_year_and_interval(void **state)
{
	struct plan_recurrences *r = rec("每季度组织一次;每半年通报;每两年评估一次");

	(void)state;
	assert_int_equal(r->n, 3);
	assert_string_equal(plan_every_name(r->v[0].every), "quarter");
	assert_string_equal(plan_every_name(r->v[1].every), "half_year");
	assert_string_equal(plan_every_name(r->v[2].every), "year");
	assert_int_equal(r->v[2].interval, 2);
	plan_recurrences_free(r);
}

static void
test_recurrence_every_place_is_not_a_recurrence(void **state)
{
	struct plan_recurrences *r = rec("排查每个部位、每个环节、每名员工、每栋高层建筑");

	(void)state;
	assert_int_equal(r->n, 0);
	plan_recurrences_free(r);
}

/* ------------------------------------------------------------ durations */

static void
test_duration_years_written_in_chinese(void **state)
{
	struct plan_durations *d;
	const char *s = "利用三年时间,分步完成三项任务;通过3年时间实现目标";

	(void)state;
	d = plan_durations_scan_new(s, strlen(s));
	assert_int_equal(d->n, 2);
	assert_int_equal(d->v[0].value, 3);
	assert_string_equal(plan_dur_unit_name(d->v[0].unit), "year");
	assert_string_equal(d->v[0].phrase, "利用三年时间");
	assert_string_equal(d->v[1].phrase, "通过3年时间");
	plan_durations_free(d);
}

static void
test_duration_needs_a_word_of_time(void **state)
{
	struct plan_durations *d;
	const char *s = "安全生产专项整治三年行动,连续15年无亡人事故,2020年内完成";

	(void)state;
	d = plan_durations_scan_new(s, strlen(s));
	assert_int_equal(d->n, 0);
	plan_durations_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_year_end_before_is_a_deadline_on_its_last_day),
		cmocka_unit_test(test_dates_month_without_day_resolves_to_its_last_day),
		cmocka_unit_test(test_dates_full_date_keeps_its_prefix_in_the_phrase),
		cmocka_unit_test(test_dates_day_without_year_takes_the_context_year),
		cmocka_unit_test(test_dates_without_year_and_without_context_are_left_out),
		cmocka_unit_test(test_dates_deadline_before_the_issue_date_is_next_year),
		cmocka_unit_test(test_dates_an_event_before_the_issue_date_stays_in_its_year),
		cmocka_unit_test(test_dates_mid_month_is_days_eleven_to_twenty),
		cmocka_unit_test(test_dates_periods_of_a_year),
		cmocka_unit_test(test_dates_from_a_month_is_its_first_day),
		cmocka_unit_test(test_dates_ranges),
		cmocka_unit_test(test_dates_staged_list_gives_one_deadline_each),
		cmocka_unit_test(test_dates_staged_list_of_bare_years),
		cmocka_unit_test(test_dates_baseline_year_is_not_a_date),
		cmocka_unit_test(test_dates_recurrence_is_not_a_date),
		cmocka_unit_test(test_dates_standard_and_phone_numbers_are_not_years),
		cmocka_unit_test(test_dates_inside_a_book_title_are_not_the_plans),
		cmocka_unit_test(test_dates_no_such_day_is_reported_not_dropped_silently),
		cmocka_unit_test(test_dates_year_without_nian_is_read_and_flagged),
		cmocka_unit_test(test_dates_quantities_are_not_years),
		cmocka_unit_test(test_dates_chinese_numeral_year),
		cmocka_unit_test(test_dates_spaces_inside_a_date),
		cmocka_unit_test(test_dates_empty_and_punctuation_only_text),
		cmocka_unit_test(test_recurrence_monthly_day_is_a_deadline),
		cmocka_unit_test(test_recurrence_yearly_with_month_and_day),
		cmocka_unit_test(test_recurrence_week_of_the_month),
		cmocka_unit_test(test_recurrence_quarter_half_year_and_interval),
		cmocka_unit_test(test_recurrence_every_place_is_not_a_recurrence),
		cmocka_unit_test(test_duration_years_written_in_chinese),
		cmocka_unit_test(test_duration_needs_a_word_of_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
