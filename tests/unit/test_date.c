/* test_date.c — civil dates, Asia/Shanghai days, month ends, quarters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"

static void
test_date_round_trip_over_many_years(void **state)
{
	char buf[DATE_LEN];
	int32_t d, back;

	(void)state;
	for (d = date_from_ymd(1999, 12, 25); d < date_from_ymd(2031, 3, 1); d += 13) {
		date_format(d, buf);
		assert_int_equal(date_parse(buf, &back), 0);
		assert_int_equal(back, d);
	}
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	date_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
}

static void
test_date_leap_days(void **state)
{
	int32_t d;

	(void)state;
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(date_parse("2000-02-29", &d), 0);
	assert_int_equal(date_parse("2026-02-29", &d), -1);
	assert_int_equal(date_parse("1900-02-29", &d), -1);
	assert_int_equal(date_month_days(2024, 2), 29);
	assert_int_equal(date_month_days(2100, 2), 28);
}

static void
test_date_malformed_refused(void **state)
{
	int32_t d;

	(void)state;
	assert_int_equal(date_parse("2026-13-01", &d), -1);
	assert_int_equal(date_parse("2026-04-31", &d), -1);
	assert_int_equal(date_parse("2026-4-30", &d), -1);
	assert_int_equal(date_parse("2026/04/30", &d), -1);
	assert_int_equal(date_parse("20260430", &d), -1);
	assert_int_equal(date_parse("2026-04-30T", &d), -1);
	assert_int_equal(date_parse("", &d), -1);
	assert_int_equal(date_parse(NULL, &d), -1);
	assert_int_equal(date_parse("1899-12-31", &d), -1);
}

static void
test_shanghai_date_turns_at_16h_utc(void **state)
{
	int32_t d;
	char buf[DATE_LEN];

	(void)state;
	/* 2026-12-31T15:59:59Z is still 31 December in Shanghai; a second later it is 2027. */
	assert_int_equal(date_of_instant("2026-12-31T15:59:59Z", &d), 0);
	date_format(d, buf);
	assert_string_equal(buf, "2026-12-31");
	assert_int_equal(date_of_instant("2026-12-31T16:00:00Z", &d), 0);
	date_format(d, buf);
	assert_string_equal(buf, "2027-01-01");
	/* time_t of 2026-12-31T16:00:00Z */
	assert_int_equal(date_shanghai((time_t)1798732800), date_from_ymd(2027, 1, 1));
	assert_int_equal(date_shanghai((time_t)1798732799), date_from_ymd(2026, 12, 31));
	assert_int_equal(date_of_instant("2026-12-31 16:00:00", &d), -1);
}

static void
test_month_end_and_quarter(void **state)
{
	(void)state;
	assert_int_equal(date_month_end(date_from_ymd(2024, 2, 3)), date_from_ymd(2024, 2, 29));
	assert_int_equal(date_month_end(date_from_ymd(2026, 12, 31)), date_from_ymd(2026, 12, 31));
	assert_int_equal(date_quarter(date_from_ymd(2026, 3, 31)), 1);
	assert_int_equal(date_quarter(date_from_ymd(2026, 4, 1)), 2);
	assert_int_equal(date_quarter(date_from_ymd(2026, 12, 31)), 4);
}

static void
test_month_day_parse_strict(void **state)
{
	int m = 0, d = 0;

	(void)state;
	assert_int_equal(date_month_day_parse("12-20", &m, &d), 0);
	assert_int_equal(m, 12);
	assert_int_equal(d, 20);
	assert_int_equal(date_month_day_parse("02-28", &m, &d), 0);
	assert_int_equal(date_month_day_parse("02-29", &m, &d), -1);
	assert_int_equal(date_month_day_parse("04-31", &m, &d), -1);
	assert_int_equal(date_month_day_parse("12-20 ", &m, &d), -1);
	assert_int_equal(date_month_day_parse("1-20", &m, &d), -1);
	assert_int_equal(date_month_day_parse("+1-20", &m, &d), -1);
	assert_int_equal(date_month_day_parse(NULL, &m, &d), -1);
	assert_int_equal(m, 2);
	assert_int_equal(d, 28);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_round_trip_over_many_years),
		cmocka_unit_test(test_date_leap_days),
		cmocka_unit_test(test_date_malformed_refused),
		cmocka_unit_test(test_shanghai_date_turns_at_16h_utc),
		cmocka_unit_test(test_month_end_and_quarter),
		cmocka_unit_test(test_month_day_parse_strict),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
