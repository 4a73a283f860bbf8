/* test_config.c — configuration keys, values and their refusals; sbuf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/sbuf.h"

static void
test_config_defaults_are_loopback_and_interactive(void **state)
{
	struct config c;

	(void)state;
	config_defaults(&c);
	assert_string_equal(c.listen, "127.0.0.1:8080");
	assert_string_equal(c.data_dir, "./hazardnet-data");
	assert_int_equal(c.password_cost, PW_COST_INTERACTIVE);
	assert_int_equal(c.body_limit, 1 << 20);
}

static void
test_config_set_known_keys(void **state)
{
	struct config c;
	char err[128];

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "server.listen", "0.0.0.0:9000", err, sizeof(err)), 0);
	assert_string_equal(c.listen, "0.0.0.0:9000");
	assert_int_equal(config_set(&c, "server.threads", "4", err, sizeof(err)), 0);
	assert_int_equal(c.threads, 4);
	assert_int_equal(config_set(&c, "auth.password_cost", "min", err, sizeof(err)), 0);
	assert_int_equal(c.password_cost, PW_COST_MIN);
}

static void
test_config_unknown_key_refused(void **state)
{
	struct config c;
	char err[128];

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "server.lisen", "x", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown configuration key 'server.lisen'"));
}

static void
test_config_bad_numbers_refused_and_value_kept(void **state)
{
	struct config c;
	char err[128];

	(void)state;
	config_defaults(&c);
	assert_int_equal(config_set(&c, "server.threads", "0", err, sizeof(err)), -1);
	assert_int_equal(config_set(&c, "server.threads", "4x", err, sizeof(err)), -1);
	assert_int_equal(config_set(&c, "server.threads", "", err, sizeof(err)), -1);
	assert_int_equal(config_set(&c, "server.body_limit", "99999999999999", err, sizeof(err)), -1);
	assert_int_equal(config_set(&c, "auth.password_cost", "fast", err, sizeof(err)), -1);
	assert_int_equal(c.threads, 8);
	assert_int_equal(c.password_cost, PW_COST_INTERACTIVE);
}

static void
test_config_overlong_string_refused(void **state)
{
	struct config c;
	char err[128], big[2000];

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	config_defaults(&c);
	assert_int_equal(config_set(&c, "store.data", big, err, sizeof(err)), -1);
	assert_string_equal(c.data_dir, "./hazardnet-data");
}

static void
test_sbuf_canonical_form_escapes_separators(void **state)
{
	struct sbuf b = { 0 };

	(void)state;
	sbuf_kv(&b, "name", "a\nb\\c");
	sbuf_kvi(&b, "n", -42);
	assert_string_equal(sbuf_str(&b), "name=a\\nb\\\\c\nn=-42\n");
	/* A value holding "\n" and one holding a newline differ. */
	sbuf_reset(&b);
	sbuf_kv(&b, "k", "x\\ny");
	assert_string_not_equal(sbuf_str(&b), "k=x\\ny\n");
	sbuf_free(&b);
	assert_string_equal(sbuf_str(&b), "");
}

static void
test_config_risk_report_day_defaults_and_bad_days_refused(void **state)
{
	static const char *const bad[] = { "12-32", "02-29", "13-01", "1-20", "12/20", "12-20x",
					   "", "00-10", "12-00", "2026-12-20" };
	struct config c;
	char err[160];

	(void)state;
	config_defaults(&c);
	assert_string_equal(c.risk_report_day, "12-20");
	assert_int_equal(config_set(&c, "risk.report_day", "12-15", err, sizeof(err)), 0);
	assert_string_equal(c.risk_report_day, "12-15");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(config_set(&c, "risk.report_day", bad[i], err, sizeof(err)), -1);
		assert_non_null(strstr(err, "'risk.report_day' must be a day of the year as MM-DD"));
		assert_string_equal(c.risk_report_day, "12-15");
	}
	assert_int_equal(config_set(&c, "risk.report_day", "12-31", err, sizeof(err)), 0);
	assert_string_equal(c.risk_report_day, "12-31");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_risk_report_day_defaults_and_bad_days_refused),
		cmocka_unit_test(test_config_defaults_are_loopback_and_interactive),
		cmocka_unit_test(test_config_set_known_keys),
		cmocka_unit_test(test_config_unknown_key_refused),
		cmocka_unit_test(test_config_bad_numbers_refused_and_value_kept),
		cmocka_unit_test(test_config_overlong_string_refused),
		cmocka_unit_test(test_sbuf_canonical_form_escapes_separators),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
