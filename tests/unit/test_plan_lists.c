/*
 * test_plan_lists.c — the rules of the campaign's two lists (forward-only
 * states, the dates and fields each state needs) and the codes of notices.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/plan_lists.h"

static int32_t
day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

#define TODAY day("2026-11-22")

static struct plan_problem
problem(void)
{
	struct plan_problem p;

	memset(&p, 0, sizeof(p));
	snprintf(p.description, sizeof(p.description), "消防通道堵塞");
	snprintf(p.found_on, sizeof(p.found_on), "2026-11-01");
	snprintf(p.responsible, sizeof(p.responsible), "张三");
	snprintf(p.deadline, sizeof(p.deadline), "2026-12-01");
	return p;
}

static void
refused(int rc, const struct error *e, enum err_code code, const char *field)
{
	assert_int_equal(rc, -1);
	assert_int_equal(e->code, code);
	assert_string_equal(e->field, field);
}

static void
test_problem_free_standing_needs_its_fields(void **state)
{
	struct plan_problem p;
	struct error e = { 0 };

	(void)state;
	p = problem();
	assert_int_equal(problem_check(NULL, &p, TODAY, &e), 0);
	p.description[0] = '\0';
	refused(problem_check(NULL, &p, TODAY, &e), &e, ERR_INVALID, "description");
	p = problem();
	p.responsible[0] = '\0';
	refused(problem_check(NULL, &p, TODAY, &e), &e, ERR_INVALID, "responsible");
	p = problem();
	p.deadline[0] = '\0';
	refused(problem_check(NULL, &p, TODAY, &e), &e, ERR_INVALID, "deadline");
	p = problem();
	snprintf(p.found_on, sizeof(p.found_on), "2026-11-23");
	refused(problem_check(NULL, &p, TODAY, &e), &e, ERR_INVALID, "found_on");
}

static void
test_problem_deadline_before_found_refused(void **state)
{
	struct plan_problem p = problem();
	struct error e = { 0 };

	(void)state;
	snprintf(p.deadline, sizeof(p.deadline), "2026-10-31");
	refused(problem_check(NULL, &p, TODAY, &e), &e, ERR_INVALID, "deadline");
}

static void
test_problem_closed_on_only_when_closed(void **state)
{
	struct plan_problem p = problem();
	struct error e = { 0 };

	(void)state;
	snprintf(p.closed_on, sizeof(p.closed_on), "2026-11-10");
	refused(problem_check(NULL, &p, TODAY, &e), &e, ERR_INVALID, "closed_on");
	p.status = PROB_CLOSED;
	assert_int_equal(problem_check(NULL, &p, TODAY, &e), 0);
	p.closed_on[0] = '\0';
	refused(problem_check(NULL, &p, TODAY, &e), &e, ERR_INVALID, "closed_on");
	snprintf(p.closed_on, sizeof(p.closed_on), "2026-10-01");
	refused(problem_check(NULL, &p, TODAY, &e), &e, ERR_INVALID, "closed_on");
}

static void
test_problem_moves_back_refused(void **state)
{
	struct plan_problem old = problem(), p = problem();
	struct error e = { 0 };

	(void)state;
	old.status = PROB_RECTIFYING;
	p.status = PROB_OPEN;
	refused(problem_check(&old, &p, TODAY, &e), &e, ERR_CONFLICT, "status");
	old.status = PROB_OPEN;
	p.status = PROB_CLOSED;
	snprintf(p.closed_on, sizeof(p.closed_on), "2026-11-05");
	assert_int_equal(problem_check(&old, &p, TODAY, &e), 0);
	old = p;
	snprintf(p.measures, sizeof(p.measures), "再改");
	refused(problem_check(&old, &p, TODAY, &e), &e, ERR_CONFLICT, "status");
}

static void
test_problem_linked_hazard_has_no_fields_of_its_own(void **state)
{
	struct plan_problem p;
	struct error e = { 0 };

	(void)state;
	memset(&p, 0, sizeof(p));
	p.hazard_id = 7;
	assert_int_equal(problem_check(NULL, &p, TODAY, &e), 0);
	snprintf(p.closed_on, sizeof(p.closed_on), "2026-11-05");
	refused(problem_check(NULL, &p, TODAY, &e), &e, ERR_INVALID, "closed_on");
	assert_int_equal(problem_status_of_hazard(HZ_OPEN), PROB_OPEN);
	assert_int_equal(problem_status_of_hazard(HZ_CLOSED), PROB_CLOSED);
	assert_int_equal(problem_status_of_hazard(HZ_VOID), PROB_CLOSED);
}

static void
test_measure_issued_needs_document_and_is_final(void **state)
{
	struct plan_measure m, old;
	struct error e = { 0 };

	(void)state;
	memset(&m, 0, sizeof(m));
	refused(measure_check(NULL, &m, TODAY, &e), &e, ERR_INVALID, "title");
	snprintf(m.title, sizeof(m.title), "安全风险研判制度");
	assert_int_equal(measure_check(NULL, &m, TODAY, &e), 0);
	old = m;
	m.status = MEAS_ISSUED;
	refused(measure_check(&old, &m, TODAY, &e), &e, ERR_INVALID, "doc_number");
	snprintf(m.doc_number, sizeof(m.doc_number), "拉应急发〔2026〕12号");
	refused(measure_check(&old, &m, TODAY, &e), &e, ERR_INVALID, "issued_on");
	snprintf(m.issued_on, sizeof(m.issued_on), "2026-11-23");
	refused(measure_check(&old, &m, TODAY, &e), &e, ERR_INVALID, "issued_on");
	snprintf(m.issued_on, sizeof(m.issued_on), "2026-11-22");
	assert_int_equal(measure_check(&old, &m, TODAY, &e), 0);
	old = m;
	m.status = MEAS_DRAFTING;
	m.issued_on[0] = '\0';
	refused(measure_check(&old, &m, TODAY, &e), &e, ERR_CONFLICT, "status");
	old.status = MEAS_DRAFTING;
	m.status = MEAS_PLANNED;
	refused(measure_check(&old, &m, TODAY, &e), &e, ERR_CONFLICT, "status");
}

static void
test_notice_codes_read_as_written(void **state)
{
	char code[NOTICE_CODE_MAX];

	(void)state;
	notice_code(NOTICE_SUPERVISE, 2026, 3, code, sizeof(code));
	assert_string_equal(code, "督办〔2026〕3号");
	notice_code(NOTICE_PRAISE, 2025, 12, code, sizeof(code));
	assert_string_equal(code, "表扬〔2025〕12号");
	notice_code(NOTICE_EXPOSE, 2026, 1, code, sizeof(code));
	assert_string_equal(code, "曝光〔2026〕1号");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problem_free_standing_needs_its_fields),
		cmocka_unit_test(test_problem_deadline_before_found_refused),
		cmocka_unit_test(test_problem_closed_on_only_when_closed),
		cmocka_unit_test(test_problem_moves_back_refused),
		cmocka_unit_test(test_problem_linked_hazard_has_no_fields_of_its_own),
		cmocka_unit_test(test_measure_issued_needs_document_and_is_final),
		cmocka_unit_test(test_notice_codes_read_as_written),
	};

	return cmocka_run_group_tests_name("plan lists", tests, NULL, NULL);
}
