/* test_risk.c — LEC and LS at every band edge, refused inputs, configured
 * bands, GB 6441's list, and the check scheduler across month ends, leap
 * days, week-years and year ends (DESIGN §3.2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/date.h"
#include "core/risk.h"

static int32_t
day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static struct risk_bands
defaults(void)
{
	struct risk_bands b;

	risk_bands_default(&b);
	return b;
}

/* LEC with L and E as written in the tables (tenths via risk_tenths). */
static int
lec(double l, double e_, int c, const struct risk_bands *b, struct risk_score *out,
    struct error *e)
{
	struct risk_input in = { .method = RM_LEC, .l10 = risk_tenths(l), .e10 = risk_tenths(e_), .c = c };

	return risk_assess(&in, b, out, e);
}

/* Each band's first value and the value just below it, with default bands. */
static void
test_lec_exact_edges(void **state)
{
	struct risk_bands b = defaults();
	struct risk_score s;
	struct error e = { 0 };
	static const struct { double l, e; int c; int64_t d100; enum risk_level want; } cases[] = {
		/* No product of the tables is 320 or 160: the nearest on each side. */
		{ 3, 3, 40, 36000, RL_MAJOR },       /* 360: the smallest D at or above 320 */
		{ 10, 10, 3, 30000, RL_LARGER },     /* 300: the largest below 320 */
		{ 6, 0.5, 100, 30000, RL_LARGER },
		{ 10, 6, 3, 18000, RL_LARGER },      /* 180: the smallest at or above 160 */
		{ 10, 1, 15, 15000, RL_GENERAL },    /* 150: the largest below 160 */
		{ 10, 1, 7, 7000, RL_GENERAL },      /* 70 exactly: yellow starts here */
		{ 1, 10, 7, 7000, RL_GENERAL },
		{ 3, 3, 7, 6300, RL_LOW },           /* 63: the largest below 70 */
		{ 0.5, 0.5, 100, 2500, RL_LOW },
		{ 0.1, 0.5, 1, 5, RL_LOW },          /* the smallest D: 0.05 */
		{ 10, 10, 100, 1000000, RL_MAJOR },  /* the largest: 10000 */
		{ 10, 1, 40, 40000, RL_MAJOR },      /* 400 */
		{ 0.2, 10, 100, 20000, RL_LARGER },  /* 200 */
		{ 0.5, 10, 15, 7500, RL_GENERAL },   /* 75 */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(lec(cases[i].l, cases[i].e, cases[i].c, &b, &s, &e), 0);
		assert_int_equal(s.score100, cases[i].d100);
		assert_int_equal(s.level, cases[i].want);
	}
}

/* Bands set so that table products land exactly on and beside each limit. */
static void
test_lec_configured_bands_edges(void **state)
{
	struct risk_bands b = defaults();
	struct risk_score s;
	struct error e = { 0 };

	(void)state;
	b.lec_red = 300;
	b.lec_orange = 150;
	b.lec_yellow = 90;
	assert_int_equal(risk_bands_check(&b, &e), 0);
	assert_int_equal(lec(10, 3, 1, &b, &s, &e), 0); /* D = 30 */
	assert_int_equal(s.level, RL_LOW);
	assert_int_equal(lec(1, 6, 15, &b, &s, &e), 0); /* D = 90: yellow's first */
	assert_int_equal(s.level, RL_GENERAL);
	assert_int_equal(lec(1, 2, 40, &b, &s, &e), 0); /* D = 80: below 90 */
	assert_int_equal(s.level, RL_LOW);
	assert_int_equal(lec(10, 1, 15, &b, &s, &e), 0); /* D = 150: orange's first */
	assert_int_equal(s.level, RL_LARGER);
	assert_int_equal(lec(6, 6, 3, &b, &s, &e), 0);   /* D = 108 */
	assert_int_equal(s.level, RL_GENERAL);
	assert_int_equal(lec(10, 3, 10, &b, &s, &e), -1); /* C = 10 is not in the table */
	assert_string_equal(e.field, "c");
	assert_int_equal(lec(1, 3, 100, &b, &s, &e), 0); /* D = 300: red's first */
	assert_int_equal(s.level, RL_MAJOR);
	assert_int_equal(lec(6, 1, 40, &b, &s, &e), 0);  /* D = 240 */
	assert_int_equal(s.level, RL_LARGER);
}

static void
test_lec_values_outside_tables_refused(void **state)
{
	struct risk_bands b = defaults();
	struct risk_score s = { 0 };
	struct error e = { 0 };
	struct risk_input in = { .method = RM_LEC, .l10 = 10, .e10 = 10, .c = 1 };

	(void)state;
	assert_int_equal(risk_assess(&in, &b, &s, &e), 0);
	in.l10 = 20;   /* L = 2 */
	assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "l");
	in.l10 = 10;
	in.e10 = 60 + 1;
	assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
	assert_string_equal(e.field, "e");
	in.e10 = 1;    /* E = 0.1: an L value, not an E value */
	assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
	assert_string_equal(e.field, "e");
	in.e10 = 10;
	in.c = 0;
	assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
	assert_string_equal(e.field, "c");
	in.c = 50;
	assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
	assert_string_equal(e.field, "c");
	in.c = 1;
	in.l10 = -10;
	assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
	assert_string_equal(e.field, "l");
	in.l10 = 0;
	assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
	assert_string_equal(e.field, "l");
	in.method = RM__MAX;
	assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
	assert_string_equal(e.field, "method");
}

static void
test_tenths_are_exact_or_refused(void **state)
{
	(void)state;
	assert_int_equal(risk_tenths(0.5), 5);
	assert_int_equal(risk_tenths(0.1), 1);
	assert_int_equal(risk_tenths(0.2), 2);
	assert_int_equal(risk_tenths(10), 100);
	assert_int_equal(risk_tenths(0.1 + 0.2), 3);   /* 0.30000000000000004 is 3 tenths */
	assert_int_equal(risk_tenths(0.25), -1);
	assert_int_equal(risk_tenths(0.15), -1);
	assert_int_equal(risk_tenths(-1), -1);
	assert_int_equal(risk_tenths(1e9), -1);
	assert_int_equal(risk_tenths(0.0 / 0.0), -1);
}

static void
test_score_text_is_exact(void **state)
{
	char buf[24];

	(void)state;
	risk_score_text(32000, buf, sizeof(buf));
	assert_string_equal(buf, "320");
	risk_score_text(5, buf, sizeof(buf));
	assert_string_equal(buf, "0.05");
	risk_score_text(10, buf, sizeof(buf));
	assert_string_equal(buf, "0.1");
	risk_score_text(1260, buf, sizeof(buf));
	assert_string_equal(buf, "12.6");
	risk_score_text(2500, buf, sizeof(buf));
	assert_string_equal(buf, "25");
}

static enum risk_level
ls_level(int l, int s_)
{
	struct risk_bands b = defaults();
	struct risk_input in = { .method = RM_LS, .l = l, .s = s_ };
	struct risk_score s;
	struct error e = { 0 };

	assert_int_equal(risk_assess(&in, &b, &s, &e), 0);
	assert_int_equal(s.score100, l * s_ * 100);
	return s.level;
}

static void
test_ls_every_cell_of_the_matrix(void **state)
{
	(void)state;
	/* Every product of 1–5 × 1–5 lands in the band DESIGN names. */
	for (int l = 1; l <= 5; l++)
		for (int s = 1; s <= 5; s++) {
			int r = l * s;
			enum risk_level want = r >= 20 ? RL_MAJOR : r >= 15 ? RL_LARGER
					     : r >= 9 ? RL_GENERAL : RL_LOW;

			assert_int_equal(ls_level(l, s), want);
		}
	/* The edges by name: 20 red, 16 and 15 orange, 12 and 9 yellow, 8 blue. */
	assert_int_equal(ls_level(4, 5), RL_MAJOR);
	assert_int_equal(ls_level(5, 5), RL_MAJOR);
	assert_int_equal(ls_level(4, 4), RL_LARGER);
	assert_int_equal(ls_level(3, 5), RL_LARGER);
	assert_int_equal(ls_level(3, 4), RL_GENERAL);
	assert_int_equal(ls_level(3, 3), RL_GENERAL);
	assert_int_equal(ls_level(2, 4), RL_LOW);
	assert_int_equal(ls_level(1, 1), RL_LOW);
}

static void
test_ls_values_outside_matrix_refused(void **state)
{
	struct risk_bands b = defaults();
	struct risk_input in = { .method = RM_LS, .l = 3, .s = 3 };
	struct risk_score s;
	struct error e = { 0 };
	static const int bad[] = { 0, 6, -1, 25 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		in.l = bad[i];
		in.s = 3;
		assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
		assert_int_equal(e.code, ERR_INVALID);
		assert_string_equal(e.field, "l");
		in.l = 3;
		in.s = bad[i];
		assert_int_equal(risk_assess(&in, &b, &s, &e), -1);
		assert_string_equal(e.field, "s");
	}
}

static void
test_ls_configured_bands(void **state)
{
	struct risk_bands b = defaults();
	struct risk_input in = { .method = RM_LS, .l = 4, .s = 4 };
	struct risk_score s;
	struct error e = { 0 };

	(void)state;
	b.ls_red = 16;
	b.ls_orange = 10;
	b.ls_yellow = 5;
	assert_int_equal(risk_bands_check(&b, &e), 0);
	assert_int_equal(risk_assess(&in, &b, &s, &e), 0);
	assert_int_equal(s.level, RL_MAJOR);     /* 16 = red's first */
	in.l = 3; in.s = 5;
	assert_int_equal(risk_assess(&in, &b, &s, &e), 0);
	assert_int_equal(s.level, RL_LARGER);    /* 15 */
	in.l = 2; in.s = 5;
	assert_int_equal(risk_assess(&in, &b, &s, &e), 0);
	assert_int_equal(s.level, RL_LARGER);    /* 10 = orange's first */
	in.l = 3; in.s = 3;
	assert_int_equal(risk_assess(&in, &b, &s, &e), 0);
	assert_int_equal(s.level, RL_GENERAL);   /* 9 */
	in.l = 1; in.s = 5;
	assert_int_equal(risk_assess(&in, &b, &s, &e), 0);
	assert_int_equal(s.level, RL_GENERAL);   /* 5 = yellow's first */
	in.l = 2; in.s = 2;
	assert_int_equal(risk_assess(&in, &b, &s, &e), 0);
	assert_int_equal(s.level, RL_LOW);       /* 4 */
}

static void
test_bands_out_of_order_refused(void **state)
{
	struct risk_bands b = defaults();
	struct error e = { 0 };

	(void)state;
	assert_int_equal(risk_bands_check(&b, &e), 0);
	b.lec_orange = 320;
	assert_int_equal(risk_bands_check(&b, &e), -1);
	assert_string_equal(e.field, "risk.lec_red");
	b = defaults();
	b.lec_yellow = 160;
	assert_int_equal(risk_bands_check(&b, &e), -1);
	assert_string_equal(e.field, "risk.lec_orange");
	b = defaults();
	b.ls_red = 26;
	assert_int_equal(risk_bands_check(&b, &e), -1);
	assert_string_equal(e.field, "risk.ls_red");
	b = defaults();
	b.ls_yellow = 15;
	assert_int_equal(risk_bands_check(&b, &e), -1);
	assert_string_equal(e.field, "risk.ls_orange");
}

static void
test_bands_are_configuration_keys(void **state)
{
	struct config c;
	char err[160];

	(void)state;
	config_defaults(&c);
	assert_int_equal(c.risk.lec_red, 320);
	assert_int_equal(c.risk.lec_orange, 160);
	assert_int_equal(c.risk.lec_yellow, 70);
	assert_int_equal(c.risk.ls_red, 20);
	assert_int_equal(c.risk.ls_orange, 15);
	assert_int_equal(c.risk.ls_yellow, 9);
	assert_int_equal(config_check(&c, err, sizeof(err)), 0);
	assert_int_equal(config_set(&c, "risk.lec_red", "400", err, sizeof(err)), 0);
	assert_int_equal(c.risk.lec_red, 400);
	assert_int_equal(config_set(&c, "risk.ls_red", "26", err, sizeof(err)), -1);
	assert_int_equal(config_set(&c, "risk.lec_orange", "500", err, sizeof(err)), 0);
	assert_int_equal(config_check(&c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "risk.lec_red"));
}

static void
test_accident_types_are_gb6441s_twenty(void **state)
{
	(void)state;
	assert_string_equal(accident_type_names[0], "物体打击");
	assert_string_equal(accident_type_names[7], "火灾");
	assert_string_equal(accident_type_names[18], "中毒和窒息");
	assert_string_equal(accident_type_names[19], "其它伤害");
	assert_int_equal(accident_type_index("瓦斯爆炸"), 14);
	assert_int_equal(accident_type_index("其他伤害"), -1); /* 它, as the standard writes it */
	assert_int_equal(accident_type_index(""), -1);
	assert_int_equal(accident_type_index(NULL), -1);
	for (int i = 0; i < ACCIDENT_TYPES; i++)
		assert_int_equal(accident_type_index(accident_type_names[i]), i);
}

static void
expect_period(enum cadence c, const char *on, const char *key, const char *start, const char *due)
{
	struct check_period p;
	char s[DATE_LEN], d[DATE_LEN];

	check_period_of(c, day(on), &p);
	date_format(p.start, s);
	date_format(p.due, d);
	assert_string_equal(p.key, key);
	assert_string_equal(s, start);
	assert_string_equal(d, due);
}

static void
test_scheduler_daily_and_month_ends(void **state)
{
	(void)state;
	expect_period(CAD_DAILY, "2026-11-30", "2026-11-30", "2026-11-30", "2026-11-30");
	expect_period(CAD_DAILY, "2026-12-01", "2026-12-01", "2026-12-01", "2026-12-01");
	expect_period(CAD_MONTHLY, "2026-01-31", "2026-01", "2026-01-01", "2026-01-31");
	expect_period(CAD_MONTHLY, "2026-02-01", "2026-02", "2026-02-01", "2026-02-28");
	expect_period(CAD_MONTHLY, "2026-04-30", "2026-04", "2026-04-01", "2026-04-30");
	expect_period(CAD_MONTHLY, "2026-12-31", "2026-12", "2026-12-01", "2026-12-31");
	expect_period(CAD_QUARTERLY, "2026-03-31", "2026-Q1", "2026-01-01", "2026-03-31");
	expect_period(CAD_QUARTERLY, "2026-04-01", "2026-Q2", "2026-04-01", "2026-06-30");
	expect_period(CAD_QUARTERLY, "2026-09-30", "2026-Q3", "2026-07-01", "2026-09-30");
	expect_period(CAD_QUARTERLY, "2026-10-01", "2026-Q4", "2026-10-01", "2026-12-31");
}

static void
test_scheduler_leap_days(void **state)
{
	(void)state;
	expect_period(CAD_DAILY, "2028-02-29", "2028-02-29", "2028-02-29", "2028-02-29");
	expect_period(CAD_MONTHLY, "2028-02-01", "2028-02", "2028-02-01", "2028-02-29");
	expect_period(CAD_MONTHLY, "2028-02-29", "2028-02", "2028-02-01", "2028-02-29");
	expect_period(CAD_MONTHLY, "2028-03-01", "2028-03", "2028-03-01", "2028-03-31");
	expect_period(CAD_QUARTERLY, "2028-02-29", "2028-Q1", "2028-01-01", "2028-03-31");
	expect_period(CAD_YEARLY, "2028-02-29", "2028", "2028-01-01", "2028-12-31");
	/* 2028-02-29 is a Tuesday: its week runs from Monday 28 to Sunday 5 March. */
	expect_period(CAD_WEEKLY, "2028-02-29", "2028-W09", "2028-02-28", "2028-03-05");
	/* 2100 is not a leap year. */
	expect_period(CAD_MONTHLY, "2100-02-10", "2100-02", "2100-02-01", "2100-02-28");
	expect_period(CAD_MONTHLY, "2000-02-10", "2000-02", "2000-02-01", "2000-02-29");
}

static void
test_scheduler_weeks_and_year_ends(void **state)
{
	(void)state;
	/* 2026-11-22 is a Sunday: the last day of ISO week 47. */
	expect_period(CAD_WEEKLY, "2026-11-22", "2026-W47", "2026-11-16", "2026-11-22");
	expect_period(CAD_WEEKLY, "2026-11-23", "2026-W48", "2026-11-23", "2026-11-29");
	/* 2026 begins on a Thursday, so it has 53 ISO weeks; 2027-01-01 (a Friday)
	 * still belongs to 2026-W53, which ends on Sunday 2027-01-03. */
	expect_period(CAD_WEEKLY, "2026-12-31", "2026-W53", "2026-12-28", "2027-01-03");
	expect_period(CAD_WEEKLY, "2027-01-01", "2026-W53", "2026-12-28", "2027-01-03");
	expect_period(CAD_WEEKLY, "2027-01-04", "2027-W01", "2027-01-04", "2027-01-10");
	/* 2024-12-30 (a Monday) already belongs to 2025-W01. */
	expect_period(CAD_WEEKLY, "2024-12-30", "2025-W01", "2024-12-30", "2025-01-05");
	expect_period(CAD_WEEKLY, "2025-01-01", "2025-W01", "2024-12-30", "2025-01-05");
	expect_period(CAD_YEARLY, "2026-12-31", "2026", "2026-01-01", "2026-12-31");
	expect_period(CAD_YEARLY, "2027-01-01", "2027", "2027-01-01", "2027-12-31");
	expect_period(CAD_DAILY, "2026-12-31", "2026-12-31", "2026-12-31", "2026-12-31");
	expect_period(CAD_QUARTERLY, "2026-12-31", "2026-Q4", "2026-10-01", "2026-12-31");
	expect_period(CAD_QUARTERLY, "2027-01-01", "2027-Q1", "2027-01-01", "2027-03-31");
}

/* The day is Asia/Shanghai's: 2026-12-31T16:00Z is already 2027 there. */
static void
test_scheduler_day_is_shanghai_date(void **state)
{
	int32_t d;
	struct check_period p;

	(void)state;
	assert_int_equal(date_of_instant("2026-12-31T16:00:00Z", &d), 0);
	check_period_of(CAD_YEARLY, d, &p);
	assert_string_equal(p.key, "2027");
	assert_int_equal(date_of_instant("2026-12-31T15:59:59Z", &d), 0);
	check_period_of(CAD_MONTHLY, d, &p);
	assert_string_equal(p.key, "2026-12");
	assert_int_equal(date_of_instant("2028-02-28T16:00:00Z", &d), 0);
	check_period_of(CAD_DAILY, d, &p);
	assert_string_equal(p.key, "2028-02-29");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lec_exact_edges),
		cmocka_unit_test(test_lec_configured_bands_edges),
		cmocka_unit_test(test_lec_values_outside_tables_refused),
		cmocka_unit_test(test_tenths_are_exact_or_refused),
		cmocka_unit_test(test_score_text_is_exact),
		cmocka_unit_test(test_ls_every_cell_of_the_matrix),
		cmocka_unit_test(test_ls_values_outside_matrix_refused),
		cmocka_unit_test(test_ls_configured_bands),
		cmocka_unit_test(test_bands_out_of_order_refused),
		cmocka_unit_test(test_bands_are_configuration_keys),
		cmocka_unit_test(test_accident_types_are_gb6441s_twenty),
		cmocka_unit_test(test_scheduler_daily_and_month_ends),
		cmocka_unit_test(test_scheduler_leap_days),
		cmocka_unit_test(test_scheduler_weeks_and_year_ends),
		cmocka_unit_test(test_scheduler_day_is_shanghai_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
