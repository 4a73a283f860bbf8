/* test_model.c — region codes, scope rules and the credit-code checksum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"

static void
test_credit_code_known_valid_accepted(void **state)
{
	(void)state;
	/* The textbook example of GB 32100, and codes whose check characters
	 * were computed by an independent implementation. */
	assert_true(credit_code_valid("91350100M000100Y43"));
	assert_true(credit_code_valid("91110000100003155R"));
	assert_true(credit_code_valid("91320000134767081Q"));
}

static void
test_credit_code_wrong_check_char_refused(void **state)
{
	(void)state;
	assert_false(credit_code_valid("91350100M000100Y44"));
	assert_false(credit_code_valid("91110000100003155M"));
}

static void
test_credit_code_bad_alphabet_or_length_refused(void **state)
{
	(void)state;
	assert_false(credit_code_valid(""));
	assert_false(credit_code_valid(NULL));
	assert_false(credit_code_valid("91350100M000100Y4"));   /* 17 chars */
	assert_false(credit_code_valid("91350100M000100Y433")); /* 19 chars */
	assert_false(credit_code_valid("91350100I000100Y43"));  /* I is not in the alphabet */
	assert_false(credit_code_valid("91350100m000100Y43"));  /* lower case */
	assert_int_equal(credit_code_check_char("9135010OM000100Y4"), 0); /* O */
}

static void
test_credit_code_computed_check_char_round_trips(void **state)
{
	char code[19] = "91540102MA6T0ABCD";

	(void)state;
	code[17] = credit_code_check_char(code);
	code[18] = '\0';
	assert_true(credit_code_valid(code));
	code[17] = code[17] == '0' ? '1' : '0';
	assert_false(credit_code_valid(code));
}

static void
test_region_levels_by_trailing_zeros(void **state)
{
	(void)state;
	assert_int_equal(region_level_of("540000000000"), REGION_PROVINCE);
	assert_int_equal(region_level_of("540100000000"), REGION_CITY);
	assert_int_equal(region_level_of("540102000000"), REGION_COUNTY);
	assert_int_equal(region_level_of("540102001000"), REGION_TOWN);
	assert_int_equal(region_level_of("540102001001"), REGION_VILLAGE);
}

static void
test_region_malformed_codes_refused(void **state)
{
	(void)state;
	assert_int_equal(region_level_of("5401"), -1);
	assert_int_equal(region_level_of("54010000000a"), -1);
	assert_int_equal(region_level_of("000000000000"), -1);
	assert_int_equal(region_level_of("001200000000"), -1);
	assert_int_equal(region_level_of("5401000000000"), -1);
	assert_int_equal(region_level_of(NULL), -1);
}

static void
test_region_range_covers_subtree_only(void **state)
{
	char lo[13], hi[13];

	(void)state;
	assert_int_equal(region_range("540100000000", lo, hi), 0);
	assert_string_equal(lo, "540100000000");
	assert_string_equal(hi, "540199999999");
	assert_true(strcmp("540102001001", lo) >= 0 && strcmp("540102001001", hi) <= 0);
	assert_true(strcmp("540200000000", hi) > 0);
	assert_int_equal(region_range("540102001000", lo, hi), 0);
	assert_string_equal(hi, "540102001999");
	assert_int_equal(region_range("bad", lo, hi), -1);
}

static void
test_scope_office_is_its_subtree(void **state)
{
	struct user u = { .id = 7, .role = ROLE_OFFICE, .org_id = 3 };
	struct org o = { .id = 3, .kind = ORG_OFFICE, .region_code = "540102000000" };
	struct scope s;

	(void)state;
	assert_int_equal(scope_for_user(&u, &o, &s), 0);
	assert_false(s.all);
	assert_string_equal(s.region_lo, "540102000000");
	assert_string_equal(s.region_hi, "540102999999");
	assert_false(s.by_industry);
	assert_false(s.own_org_only);
	assert_false(s.read_only);
}

static void
test_scope_regulator_needs_a_department(void **state)
{
	struct user u = { .id = 7, .role = ROLE_REGULATOR, .org_id = 3 };
	struct org o = { .id = 3, .kind = ORG_ENTERPRISE, .region_code = "540100000000" };
	struct scope s;

	(void)state;
	assert_int_equal(scope_for_user(&u, &o, &s), -1);
	o.kind = ORG_DEPARTMENT;
	assert_int_equal(scope_for_user(&u, &o, &s), 0);
	assert_true(s.by_industry);
}

static void
test_scope_enterprise_sees_itself_only(void **state)
{
	struct user u = { .id = 7, .role = ROLE_ENTERPRISE, .org_id = 9 };
	struct org o = { .id = 9, .kind = ORG_ENTERPRISE, .region_code = "540102000000" };
	struct scope s;

	(void)state;
	assert_int_equal(scope_for_user(&u, &o, &s), 0);
	assert_true(s.own_org_only);
	assert_int_equal(s.org_id, 9);
	o.kind = ORG_OFFICE;
	assert_int_equal(scope_for_user(&u, &o, &s), -1);
}

static void
test_scope_leader_read_only_and_orgless_user_refused(void **state)
{
	struct user u = { .id = 7, .role = ROLE_LEADER, .org_id = 1 };
	struct org o = { .id = 1, .kind = ORG_COMMITTEE, .region_code = "540100000000" };
	struct scope s;

	(void)state;
	assert_int_equal(scope_for_user(&u, &o, &s), 0);
	assert_true(s.read_only);
	assert_int_equal(scope_for_user(&u, NULL, &s), -1);
	u.role = ROLE_ADMIN;
	assert_int_equal(scope_for_user(&u, NULL, &s), 0);
	assert_true(s.all);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_credit_code_known_valid_accepted),
		cmocka_unit_test(test_credit_code_wrong_check_char_refused),
		cmocka_unit_test(test_credit_code_bad_alphabet_or_length_refused),
		cmocka_unit_test(test_credit_code_computed_check_char_round_trips),
		cmocka_unit_test(test_region_levels_by_trailing_zeros),
		cmocka_unit_test(test_region_malformed_codes_refused),
		cmocka_unit_test(test_region_range_covers_subtree_only),
		cmocka_unit_test(test_scope_office_is_its_subtree),
		cmocka_unit_test(test_scope_regulator_needs_a_department),
		cmocka_unit_test(test_scope_enterprise_sees_itself_only),
		cmocka_unit_test(test_scope_leader_read_only_and_orgless_user_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
