/* test_inspect.c — inspection frequency by colour: calendar periods of N
 * months from 1 January (quarters, halves, years), leap days, the
 * Asia/Shanghai date at midnight, when an enterprise is next due, and the
 * configuration keys that set the frequencies (0 or a divisor of 12). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/date.h"
#include "core/inspect.h"

static int32_t
day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* The period of months holding today, as "start..end". */
static const char *
period(int months, const char *today)
{
	static char buf[32];
	char a[DATE_LEN], b[DATE_LEN];
	int32_t s, e;

	assert_int_equal(inspect_period(months, day(today), &s, &e), 0);
	date_format(s, a);
	date_format(e, b);
	snprintf(buf, sizeof(buf), "%s..%s", a, b);
	return buf;
}

static void
test_inspect_quarter_boundaries(void **state)
{
	(void)state;
	assert_string_equal(period(3, "2026-01-01"), "2026-01-01..2026-03-31");
	assert_string_equal(period(3, "2026-03-31"), "2026-01-01..2026-03-31");
	assert_string_equal(period(3, "2026-04-01"), "2026-04-01..2026-06-30");
	assert_string_equal(period(3, "2026-09-30"), "2026-07-01..2026-09-30");
	assert_string_equal(period(3, "2026-10-01"), "2026-10-01..2026-12-31");
	assert_string_equal(period(3, "2026-12-31"), "2026-10-01..2026-12-31");
}

static void
test_inspect_half_and_year_boundaries(void **state)
{
	(void)state;
	assert_string_equal(period(6, "2026-06-30"), "2026-01-01..2026-06-30");
	assert_string_equal(period(6, "2026-07-01"), "2026-07-01..2026-12-31");
	assert_string_equal(period(12, "2026-01-01"), "2026-01-01..2026-12-31");
	assert_string_equal(period(12, "2026-12-31"), "2026-01-01..2026-12-31");
	assert_string_equal(period(1, "2026-02-14"), "2026-02-01..2026-02-28");
	assert_string_equal(period(2, "2026-04-30"), "2026-03-01..2026-04-30");
	assert_string_equal(period(4, "2026-05-01"), "2026-05-01..2026-08-31");
}

static void
test_inspect_leap_days(void **state)
{
	(void)state;
	assert_string_equal(period(1, "2028-02-29"), "2028-02-01..2028-02-29");
	assert_string_equal(period(2, "2028-01-15"), "2028-01-01..2028-02-29");
	assert_string_equal(period(3, "2028-02-29"), "2028-01-01..2028-03-31");
	assert_string_equal(period(1, "2100-02-10"), "2100-02-01..2100-02-28");  /* not a leap year */
	assert_string_equal(period(1, "2000-02-10"), "2000-02-01..2000-02-29");  /* a leap year */
}

static void
test_inspect_zero_and_bad_months_have_no_period(void **state)
{
	int32_t s = 7, e = 7;

	(void)state;
	assert_int_equal(inspect_period(0, day("2026-05-05"), &s, &e), -1);
	assert_int_equal(inspect_period(5, day("2026-05-05"), &s, &e), -1);
	assert_int_equal(inspect_period(24, day("2026-05-05"), &s, &e), -1);
	assert_int_equal(inspect_period(-3, day("2026-05-05"), &s, &e), -1);
	assert_int_equal(s, 7);
	assert_int_equal(e, 7);
	assert_true(inspect_months_valid(0));
	assert_true(inspect_months_valid(6));
	assert_false(inspect_months_valid(5));
	assert_false(inspect_months_valid(7));
	assert_false(inspect_months_valid(13));
}

/* 2026-03-31T16:00:00Z is 1 April 00:00 in Shanghai: the second quarter. */
static void
test_inspect_period_follows_shanghai_midnight(void **state)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 2, .tm_mday = 31, .tm_hour = 15,
			 .tm_min = 59, .tm_sec = 59 };
	time_t before = timegm(&tm), after = before + 1;
	int32_t s, e;
	char a[DATE_LEN];

	(void)state;
	assert_int_equal(inspect_period(3, date_shanghai(before), &s, &e), 0);
	date_format(s, a);
	assert_string_equal(a, "2026-01-01");
	assert_int_equal(inspect_period(3, date_shanghai(after), &s, &e), 0);
	date_format(s, a);
	assert_string_equal(a, "2026-04-01");
	/* New Year's Eve 16:00 UTC is already next year in Shanghai. */
	tm = (struct tm){ .tm_year = 126, .tm_mon = 11, .tm_mday = 31, .tm_hour = 16 };
	assert_int_equal(inspect_period(12, date_shanghai(timegm(&tm)), &s, &e), 0);
	date_format(s, a);
	assert_string_equal(a, "2027-01-01");
}

static void
test_inspect_next_due_by_colour(void **state)
{
	struct inspect_freq f;
	int32_t start, due;
	char a[DATE_LEN];

	(void)state;
	inspect_freq_default(&f);
	/* Red, never inspected: due by the end of this quarter. */
	assert_int_equal(inspect_next_due(&f, RL_MAJOR, -1, day("2026-11-22"), &start, &due), 0);
	date_format(due, a);
	assert_string_equal(a, "2026-12-31");
	date_format(start, a);
	assert_string_equal(a, "2026-10-01");
	/* Red, inspected last quarter: still due this quarter. */
	assert_int_equal(inspect_next_due(&f, RL_MAJOR, day("2026-09-30"), day("2026-11-22"), NULL, &due), 0);
	date_format(due, a);
	assert_string_equal(a, "2026-12-31");
	/* Red, inspected this quarter: next due at the end of the next one, next year. */
	assert_int_equal(inspect_next_due(&f, RL_MAJOR, day("2026-10-01"), day("2026-11-22"), &start, &due), 0);
	date_format(due, a);
	assert_string_equal(a, "2027-03-31");
	date_format(start, a);
	assert_string_equal(a, "2027-01-01");
	/* Orange half-yearly, yellow yearly. */
	assert_int_equal(inspect_next_due(&f, RL_LARGER, day("2026-07-02"), day("2026-11-22"), NULL, &due), 0);
	date_format(due, a);
	assert_string_equal(a, "2027-06-30");
	assert_int_equal(inspect_next_due(&f, RL_GENERAL, day("2025-12-31"), day("2026-01-01"), NULL, &due), 0);
	date_format(due, a);
	assert_string_equal(a, "2026-12-31");
	/* Blue (0 months) and no colour are never due by frequency. */
	assert_int_equal(inspect_next_due(&f, RL_LOW, -1, day("2026-11-22"), NULL, &due), -1);
	assert_int_equal(inspect_next_due(&f, -1, -1, day("2026-11-22"), NULL, &due), -1);
	/* Configured: blue yearly after all. */
	f.months[RL_LOW] = 12;
	assert_int_equal(inspect_next_due(&f, RL_LOW, -1, day("2026-11-22"), NULL, &due), 0);
	date_format(due, a);
	assert_string_equal(a, "2026-12-31");
}

static void
test_inspect_config_defaults_and_keys(void **state)
{
	struct config c;
	char err[200];

	(void)state;
	config_defaults(&c);
	assert_int_equal(c.inspect.months[RL_MAJOR], 3);
	assert_int_equal(c.inspect.months[RL_LARGER], 6);
	assert_int_equal(c.inspect.months[RL_GENERAL], 12);
	assert_int_equal(c.inspect.months[RL_LOW], 0);
	assert_int_equal(config_set(&c, "inspect.red_months", "1", err, sizeof(err)), 0);
	assert_int_equal(config_set(&c, "inspect.blue_months", "12", err, sizeof(err)), 0);
	assert_int_equal(config_set(&c, "inspect.orange_months", "0", err, sizeof(err)), 0);
	assert_int_equal(c.inspect.months[RL_MAJOR], 1);
	assert_int_equal(c.inspect.months[RL_LOW], 12);
	assert_int_equal(c.inspect.months[RL_LARGER], 0);
	assert_int_equal(config_check(&c, err, sizeof(err)), 0);
}

static void
test_inspect_config_months_not_dividing_twelve_refused(void **state)
{
	static const char *const bad[] = { "5", "7", "13", "-3", "24", "", "3x", "99999999999999" };
	struct config c;
	char err[200];

	(void)state;
	config_defaults(&c);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(config_set(&c, "inspect.yellow_months", bad[i], err, sizeof(err)), -1);
		assert_non_null(strstr(err, "'inspect.yellow_months' must be 0"));
		assert_non_null(strstr(err, "divide 12"));
	}
	assert_int_equal(c.inspect.months[RL_GENERAL], 12);
	/* A value set around config_set is caught when the configuration is checked. */
	c.inspect.months[RL_LARGER] = 5;
	assert_int_equal(config_check(&c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'inspect.orange_months' must be 0 or divide 12"));
	assert_non_null(strstr(err, "not 5"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inspect_quarter_boundaries),
		cmocka_unit_test(test_inspect_half_and_year_boundaries),
		cmocka_unit_test(test_inspect_leap_days),
		cmocka_unit_test(test_inspect_zero_and_bad_months_have_no_period),
		cmocka_unit_test(test_inspect_period_follows_shanghai_midnight),
		cmocka_unit_test(test_inspect_next_due_by_colour),
		cmocka_unit_test(test_inspect_config_defaults_and_keys),
		cmocka_unit_test(test_inspect_config_months_not_dividing_twelve_refused),
	};

	return cmocka_run_group_tests_name("inspect", tests, NULL, NULL);
}
