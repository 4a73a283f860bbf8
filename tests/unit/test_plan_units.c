/*
 * test_plan_units.c — responsible units (DESIGN §5 "Responsibility"): every
 * form of responsibility parenthetical, the alias table, and how units are
 * given to the nodes of a document (own, carried to the items of a
 * paragraph, inherited, 下同 kept inside its own plan).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/plan.h"

/* The units of role r joined with 、, for comparisons. */
static const char *
joined(const struct plan_units *u, char *buf, size_t n)
{
	size_t k, off = 0;

	buf[0] = '\0';
	for (k = 0; k < u->n && off < n; k++)
		off += (size_t)snprintf(buf + off, n - off, "%s%s", k ? "、" : "",
					u->v[k]);
	return buf;
}

static void
assert_units(const struct plan_units *u, const char *want)
{
	char buf[1024];

	assert_string_equal(joined(u, buf, sizeof(buf)), want);
}

/* Parse a parenthetical's inside with the shipped aliases. */
static struct plan_resp *
resp(const char *s)
{
	struct error e;
	struct plan_aliases *a = plan_aliases_default_new(&e);
	struct plan_resp *r;

	assert_non_null(a);
	r = plan_resp_parse_new(s, strlen(s), a);
	plan_aliases_free(a);
	return r;
}

static void
check(const char *s, const char *lead, const char *co, const char *loc,
      const char *over)
{
	struct plan_resp *r = resp(s);

	assert_true(r->is_resp);
	assert_units(&r->role[PLAN_ROLE_LEAD], lead);
	assert_units(&r->role[PLAN_ROLE_CO], co);
	assert_units(&r->role[PLAN_ROLE_LOCALITY], loc);
	assert_units(&r->role[PLAN_ROLE_OVERSEER], over);
	plan_resp_free(r);
}

static void
test_resp_lead_and_cooperating_departments(void **state)
{
	(void)state;
	check("应急管理局牵头,市委组织部、市委宣传部、编办等部门按职责分工负责", "应急管理局",
	      "市委组织部、市委宣传部、机构编制委员会办公室", "", "");
}

static void
test_resp_division_of_labour_alone_has_no_lead(void **state)
{
	(void)state;
	check("市经信局、商务局、应急管理局等部门按各自职责分工落实", "",
	      "市经济和信息化局、商务局、应急管理局", "", "");
	check("教育局、应急管理局按职责分工负责", "", "教育局、应急管理局", "", "");
}

static void
test_resp_overall_lead_and_respective_leads(void **state)
{
	(void)state;
	check("住建局负总责,城管局、交通局等部门按职责分工负责", "住房和城乡建设局",
	      "城市管理局、交通运输局", "", "");
	check("教育局、民政局分别牵头,消防救援支队等部门按职责分工负责",
	      "教育局、民政局", "消防救援支队", "", "");
	check("交通运输局、公安局按职责分别牵头,应急管理局等部门按职责分工负责",
	      "交通运输局、公安局", "应急管理局", "", "");
	check("市教育局牵头负责", "市教育局", "", "", "");
}

static void
test_resp_cooperation_and_governments_in_the_list(void **state)
{
	(void)state;
	check("文物局牵头,各县(区)人民政府、宗教局、消防救援支队等部门配合", "文物局",
	      "宗教局、消防救援支队", "各县(区)人民政府", "");
}

static void
test_resp_labelled_clauses(void **state)
{
	(void)state;
	check("牵头单位:应急管理厅。责任单位:公安厅、生态环境厅等部门,各级党委和政府,中央驻疆企业、自治区企业",
	      "应急管理厅", "公安厅、生态环境厅、中央驻疆企业、自治区企业",
	      "各级党委和政府", "");
}

static void
test_resp_county_form_with_three_labels(void **state)
{
	(void)state;
	check("责任单位:各乡镇人民政府;县直牵头部门:县应急管理局;县直责任部门:县公安局、县交通局等按职责分工负责",
	      "县应急管理局", "县公安局、县交通运输局", "各乡镇人民政府", "");
}

static void
test_resp_territorial_clause_after_a_semicolon(void **state)
{
	(void)state;
	check("住建局牵头,城管局等部门按职责分工负责;各县(区)人民政府(管委会)负责",
	      "住房和城乡建设局", "城市管理局", "各县(区)人民政府(管委会)", "");
	/* 党委、政府 is one locality, not two units */
	check("市司法局负总责,市安委会相关成员单位按职责分工负责;县(区)党委、政府负责",
	      "市司法局", "市安委会相关成员单位", "县(区)党委、政府", "");
}

static void
test_resp_office_that_oversees(void **state)
{
	(void)state;
	check("县应急管理局牵头,县公安局等部门按职责分工负责;县安委办负责督促", "县应急管理局",
	      "县公安局", "", "县安委办");
}

static void
test_resp_names_with_their_own_parentheses(void **state)
{
	(void)state;
	check("住建局牵头,发改委(能源局)、市委宣传部(文明办)等部门按职责分工负责",
	      "住房和城乡建设局", "发展和改革委员会(能源局)、市委宣传部(文明办)", "",
	      "");
}

static void
test_resp_definition_marked_xiatong_is_not_a_responsibility(void **state)
{
	struct plan_resp *r = resp("法定代表人、实际控制人,下同");

	(void)state;
	assert_false(r->is_resp);
	plan_resp_free(r);
	r = resp("含尾矿库");
	assert_false(r->is_resp);
	plan_resp_free(r);
	r = resp("2020年9月至10月中旬");
	assert_false(r->is_resp);
	plan_resp_free(r);
	/* 负责人 is a person */
	r = resp("企业主要负责人");
	assert_false(r->is_resp);
	plan_resp_free(r);
}

static void
test_resp_inheritance_markers(void **state)
{
	struct plan_resp *r = resp("各乡镇人民政府负责,下同");

	(void)state;
	assert_true(r->is_resp);
	assert_true(r->inherit);
	assert_units(&r->role[PLAN_ROLE_LOCALITY], "各乡镇人民政府");
	plan_resp_free(r);
	r = resp("以下均需各乡镇人民政府负责,不再列出");
	assert_true(r->inherit);
	assert_units(&r->role[PLAN_ROLE_LOCALITY], "各乡镇人民政府");
	assert_int_equal(r->role[PLAN_ROLE_CO].n, 0);
	plan_resp_free(r);
}

static void
test_resp_xiatong_carries_only_its_own_clause(void **state)
{
	struct plan_resp *r = resp("县应急局牵头,县住建局等按职责分工负责;县安委办负责督促落实,下同");

	(void)state;
	assert_true(r->inherit);
	assert_units(&r->role[PLAN_ROLE_LEAD], "县应急管理局");
	assert_int_equal(r->carry[PLAN_ROLE_LEAD].n, 0);
	assert_int_equal(r->carry[PLAN_ROLE_CO].n, 0);
	assert_units(&r->carry[PLAN_ROLE_OVERSEER], "县安委办");
	plan_resp_free(r);
	/* a note (here: a typo) inside the carried clause */
	r = resp("牵头单位:X。责任单位:A、B;各县(区)人民政府负干责,市场督管局负责,下同");
	assert_true(r->inherit);
	assert_true(r->nnotes >= 1);
	plan_resp_free(r);
	/* one clause: all of it is carried */
	r = resp("县交通局牵头,县公安局等部门按职责分工负责,下同");
	assert_units(&r->carry[PLAN_ROLE_LEAD], "县交通运输局");
	assert_units(&r->carry[PLAN_ROLE_CO], "县公安局");
	plan_resp_free(r);
}

static void
test_resp_clause_for_one_numbered_item(void **state)
{
	struct plan_resp *r = resp("第七项内容由安委办牵头,住建局等部门按职责分工负责。");

	(void)state;
	assert_true(r->is_resp);
	assert_int_equal(r->item, 7);
	assert_units(&r->role[PLAN_ROLE_LEAD], "安委办");
	assert_units(&r->role[PLAN_ROLE_CO], "住房和城乡建设局");
	plan_resp_free(r);
}

static void
test_resp_garbled_list_recovers_its_units_and_is_noted(void **state)
{
	struct plan_resp *r = resp("住建局牵头,城管局、体育局按职、消防救援支队责分工负责");

	(void)state;
	assert_units(&r->role[PLAN_ROLE_CO], "城市管理局、体育局、消防救援支队");
	assert_true(r->nnotes >= 1);
	assert_non_null(strstr(r->notes[0].message, "garbled"));
	plan_resp_free(r);
}

static void
test_resp_empty_list_piece_is_skipped(void **state)
{
	(void)state;
	check("交通局、公安局、邮管局、等部门按职责分工负责", "",
	      "交通运输局、公安局、邮政管理局", "", "");
}

static void
test_resp_lead_list_run_on_is_noted(void **state)
{
	struct plan_resp *r = resp("牵头单位:住房和城乡建设厅,自然资源厅、教育厅等部门,各级党委和政府");

	(void)state;
	assert_units(&r->role[PLAN_ROLE_LEAD], "住房和城乡建设厅");
	assert_units(&r->role[PLAN_ROLE_CO], "自然资源厅、教育厅");
	assert_units(&r->role[PLAN_ROLE_LOCALITY], "各级党委和政府");
	assert_int_equal(r->nnotes, 1);
	plan_resp_free(r);
}

static void
test_resp_two_units_joined_by_ji(void **state)
{
	(void)state;
	/* 及 between two units splits; 和 inside a name does not */
	check("住建局牵头,经信局及移动拉萨分公司、人力资源和社会保障局等部门按职责分工负责",
	      "住房和城乡建设局", "经济和信息化局、移动拉萨分公司、人力资源和社会保障局", "", "");
}

static void
test_resp_unbalanced_and_empty_input(void **state)
{
	struct plan_resp *r = resp("");

	(void)state;
	assert_false(r->is_resp);
	plan_resp_free(r);
	r = resp("(((牵头");
	assert_true(r->is_resp);
	plan_resp_free(r);
	r = resp(",;。、:");
	assert_false(r->is_resp);
	plan_resp_free(r);
}

/* -------------------------------------------------------------- aliases */

static void
test_alias_keeps_the_administrative_prefix(void **state)
{
	struct error e;
	struct plan_aliases *a = plan_aliases_default_new(&e);
	char out[128];

	(void)state;
	assert_int_equal(plan_alias_canonical(a, "市交通局", strlen("市交通局"),
					      out, sizeof(out)),
			 1);
	assert_string_equal(out, "市交通运输局");
	/* 市场… is not 市 + 场…: the whole name is looked up first */
	plan_alias_canonical(a, "市场监督管理局", strlen("市场监督管理局"), out,
			     sizeof(out));
	assert_string_equal(out, "市场监管局");
	assert_int_equal(plan_alias_canonical(a, "县应急管理局",
					      strlen("县应急管理局"), out,
					      sizeof(out)),
			 0);
	assert_string_equal(out, "县应急管理局");
	plan_aliases_free(a);
}

static void
test_alias_typo_is_reported_as_such(void **state)
{
	struct error e;
	struct plan_aliases *a = plan_aliases_default_new(&e);
	char out[128];

	(void)state;
	assert_int_equal(plan_alias_canonical(a, "市场督管局", strlen("市场督管局"),
					      out, sizeof(out)),
			 2);
	assert_string_equal(out, "市场监管局");
	plan_aliases_free(a);
}

static void
test_alias_later_table_wins(void **state)
{
	struct error e;
	struct plan_aliases *a = plan_aliases_default_new(&e);
	const char *extra = "# local names\n交通局\t交通局\n拉萨市应急局\t拉萨市应急管理局\r\n";
	char out[128];

	(void)state;
	assert_int_equal(plan_aliases_load(a, extra, strlen(extra), &e), 0);
	plan_alias_canonical(a, "交通局", strlen("交通局"), out, sizeof(out));
	assert_string_equal(out, "交通局");
	plan_alias_canonical(a, "拉萨市应急局", strlen("拉萨市应急局"), out,
			     sizeof(out));
	assert_string_equal(out, "拉萨市应急管理局");
	plan_aliases_free(a);
}

static void
test_alias_malformed_line_refused_with_its_number(void **state)
{
	struct error e;
	const char *bad = "交通局\t交通运输局\n没有制表符\n";
	const char *third = "a\tb\tnot-typo\n";

	(void)state;
	err_clear(&e);
	assert_null(plan_aliases_new(bad, strlen(bad), &e));
	assert_int_equal(e.code, ERR_INVALID);
	assert_non_null(strstr(e.message, "line 2"));
	assert_null(plan_aliases_new(third, strlen(third), &e));
	assert_null(plan_aliases_new("\tx\n", 3, &e));
}

static void
test_alias_tiny_output_buffer(void **state)
{
	struct error e;
	struct plan_aliases *a = plan_aliases_default_new(&e);
	char out[4];

	(void)state;
	plan_alias_canonical(a, "市交通局", strlen("市交通局"), out, sizeof(out));
	assert_true(strlen(out) < sizeof(out));
	assert_int_equal(plan_alias_canonical(a, "x", 1, out, 0), 0);
	plan_aliases_free(a);
}

/* ------------------------------------------------------------ documents */

static struct plan_doc *
parse(const char *text)
{
	struct error e;
	struct plan_doc *d = plan_parse(text, strlen(text), NULL, &e);

	assert_non_null(d);
	return d;
}

/* The node with this label on this line. */
static const struct plan_node *
node_at(const struct plan_doc *d, int line, const char *label)
{
	size_t k;

	for (k = 0; k < d->nnodes; k++)
		if (d->nodes[k].line == line && d->nodes[k].label != NULL &&
		    strcmp(d->nodes[k].label, label) == 0)
			return &d->nodes[k];
	fail_msg("no node '%s' on line %d", label, line);
	return NULL;
}

static void
test_units_clause_ending_a_paragraph_belongs_to_all_its_items(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动方案\n"
		"一、主要任务\n"
		"(一)道路运输安全整治。一是健全责任体系。二是开展隐患排查。(县交通局牵头,县公安局等部门按职责分工负责)\n");

	(void)state;
	assert_units(&node_at(d, 3, "(一)")->role[PLAN_ROLE_LEAD], "县交通运输局");
	assert_units(&node_at(d, 3, "一是")->role[PLAN_ROLE_LEAD], "县交通运输局");
	assert_units(&node_at(d, 3, "二是")->role[PLAN_ROLE_CO], "县公安局");
	plan_doc_free(d);
}

static void
test_units_each_item_keeps_its_own_clause(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动方案\n"
		"一、主要任务\n"
		"(一)健全责任体系。一是落实党政责任。(县公安局牵头)二是落实企业责任。(县交通局牵头)三是加强宣传。(县应急局牵头)2021年底前完成评估。\n");
	const struct plan_node *t;

	(void)state;
	assert_units(&node_at(d, 3, "一是")->role[PLAN_ROLE_LEAD], "县公安局");
	assert_units(&node_at(d, 3, "二是")->role[PLAN_ROLE_LEAD], "县交通运输局");
	assert_units(&node_at(d, 3, "三是")->role[PLAN_ROLE_LEAD], "县应急管理局");
	/* the items disagree: the task has no units of its own, and the
	 * sentence after the last clause is the task's */
	t = node_at(d, 3, "(一)");
	assert_int_equal(t->role[PLAN_ROLE_LEAD].n, 0);
	assert_int_equal(t->ndeadlines, 1);
	assert_int_equal(node_at(d, 3, "三是")->ndeadlines, 0);
	plan_doc_free(d);
}

static void
test_units_item_without_clause_takes_the_next_ones(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动方案\n"
		"一、主要任务\n"
		"(一)健全责任体系。一是落实党政责任。(县公安局牵头)二是落实企业责任。三是加强宣传。(县应急局牵头)\n");

	(void)state;
	assert_units(&node_at(d, 3, "二是")->role[PLAN_ROLE_LEAD], "县应急管理局");
	plan_doc_free(d);
}

static void
test_units_xiatong_does_not_leak_into_the_next_attachment(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动计划\n"
		"附件1:某县道路交通安全专项整治实施方案\n"
		"一、主要任务\n"
		"(一)开展排查。(县交通局牵头;各乡镇人民政府负责,下同)\n"
		"(二)开展整治。(县公安局牵头)\n"
		"附件2:某县消防安全专项整治实施方案\n"
		"一、主要任务\n"
		"(一)打通生命通道。(县消防救援大队牵头)\n");

	(void)state;
	assert_units(&node_at(d, 5, "(二)")->role[PLAN_ROLE_LOCALITY],
		     "各乡镇人民政府");
	assert_units(&node_at(d, 5, "(二)")->role[PLAN_ROLE_LEAD], "县公安局");
	assert_int_equal(node_at(d, 8, "(一)")->role[PLAN_ROLE_LOCALITY].n, 0);
	plan_doc_free(d);
}

static void
test_units_yixia_junxu_sentence_inherits(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动方案\n"
		"一、主要任务\n"
		"以下各项任务均需各乡镇人民政府负责落实,不再列出。\n"
		"(一)开展排查。(县交通局牵头)\n"
		"(二)开展整治。(县公安局牵头)\n");

	(void)state;
	assert_units(&node_at(d, 4, "(一)")->role[PLAN_ROLE_LOCALITY],
		     "各乡镇人民政府");
	assert_units(&node_at(d, 5, "(二)")->role[PLAN_ROLE_LOCALITY],
		     "各乡镇人民政府");
	plan_doc_free(d);
}

static void
test_units_items_inherit_their_parents_clause(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动方案\n"
		"一、主要任务\n"
		"(一)健全责任体系\n"
		"(县应急局牵头,县公安局等部门按职责分工负责)一是落实党政责任。二是落实企业责任。\n");

	(void)state;
	assert_units(&node_at(d, 3, "(一)")->role[PLAN_ROLE_LEAD], "县应急管理局");
	assert_units(&node_at(d, 4, "二是")->role[PLAN_ROLE_LEAD], "县应急管理局");
	plan_doc_free(d);
}

static void
test_units_override_for_one_item(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动方案\n"
		"一、主要任务\n"
		"(一)城市建设安全整治。一是甲。二是乙。(住建局负总责,城管局等部门按职责分工负责)(第二项内容由安委办牵头,住建局等部门按职责分工负责。)\n");

	(void)state;
	assert_units(&node_at(d, 3, "一是")->role[PLAN_ROLE_LEAD], "住房和城乡建设局");
	assert_units(&node_at(d, 3, "二是")->role[PLAN_ROLE_LEAD], "安委办");
	assert_units(&node_at(d, 3, "(一)")->role[PLAN_ROLE_LEAD], "住房和城乡建设局");
	plan_doc_free(d);
}

static void
test_units_task_list_lines_name_units_and_deadline(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动任务清单\n"
		"一、重点任务\n"
		"(一)加强组织领导。各乡镇要成立领导小组。\n"
		"一是成立专班。\n"
		"1.开展燃气安全排查整治。\n"
		"牵头单位:县住建局\n"
		"配合单位:县公安局、各乡镇人民政府\n"
		"完成时限:2022年12月底前\n");
	const struct plan_node *t = node_at(d, 5, "1.");
	char b[11];

	(void)state;
	/* an item opening a paragraph belongs to the task above it */
	assert_int_equal(node_at(d, 4, "一是")->parent, node_at(d, 3, "(一)")->id);
	assert_units(&t->role[PLAN_ROLE_LEAD], "县住房和城乡建设局");
	assert_units(&t->role[PLAN_ROLE_CO], "县公安局");
	assert_units(&t->role[PLAN_ROLE_LOCALITY], "各乡镇人民政府");
	assert_int_equal(t->ndeadlines, 1);
	plan_ymd_format(&t->deadlines[0].date, b);
	assert_string_equal(b, "2022-12-31");
	plan_doc_free(d);
}

static void
test_units_written_as_a_sentence(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动方案\n"
		"一、主要任务\n"
		"(一)开展排查。由县应急局牵头,县公安局、县交通局等部门配合。\n"
		"(二)加强宣传。企业主要负责人要带头学习。镇安委办负责日常工作。\n");

	(void)state;
	assert_units(&node_at(d, 3, "(一)")->role[PLAN_ROLE_LEAD], "县应急管理局");
	assert_units(&node_at(d, 3, "(一)")->role[PLAN_ROLE_CO],
		     "县公安局、县交通运输局");
	/* 负责人 is a person; an office that is responsible oversees */
	assert_int_equal(node_at(d, 4, "(二)")->role[PLAN_ROLE_LEAD].n, 0);
	assert_units(&node_at(d, 4, "(二)")->role[PLAN_ROLE_OVERSEER], "镇安委办");
	plan_doc_free(d);
}

static void
test_units_typo_in_a_clause_is_a_diagnostic(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动方案\n"
		"一、主要任务\n"
		"(一)开展整治。(县住建局牵头,市场督管局等部门按职责分工负责)\n");
	size_t k;
	int found = 0;

	(void)state;
	assert_units(&node_at(d, 3, "(一)")->role[PLAN_ROLE_CO], "市场监管局");
	for (k = 0; k < d->ndiags; k++)
		if (d->diags[k].line == 3 && strstr(d->diags[k].message, "市场督管局"))
			found = 1;
	assert_true(found);
	plan_doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resp_lead_and_cooperating_departments),
		cmocka_unit_test(test_resp_division_of_labour_alone_has_no_lead),
		cmocka_unit_test(test_resp_overall_lead_and_respective_leads),
		cmocka_unit_test(test_resp_cooperation_and_governments_in_the_list),
		cmocka_unit_test(test_resp_labelled_clauses),
		cmocka_unit_test(test_resp_county_form_with_three_labels),
		cmocka_unit_test(test_resp_territorial_clause_after_a_semicolon),
		cmocka_unit_test(test_resp_office_that_oversees),
		cmocka_unit_test(test_resp_names_with_their_own_parentheses),
		cmocka_unit_test(test_resp_definition_marked_xiatong_is_not_a_responsibility),
		cmocka_unit_test(test_resp_inheritance_markers),
		cmocka_unit_test(test_resp_xiatong_carries_only_its_own_clause),
		cmocka_unit_test(test_resp_clause_for_one_numbered_item),
		cmocka_unit_test(test_resp_garbled_list_recovers_its_units_and_is_noted),
		cmocka_unit_test(test_resp_empty_list_piece_is_skipped),
		cmocka_unit_test(test_resp_lead_list_run_on_is_noted),
		cmocka_unit_test(test_resp_two_units_joined_by_ji),
		cmocka_unit_test(test_resp_unbalanced_and_empty_input),
		cmocka_unit_test(test_alias_keeps_the_administrative_prefix),
		cmocka_unit_test(test_alias_typo_is_reported_as_such),
		cmocka_unit_test(test_alias_later_table_wins),
		cmocka_unit_test(test_alias_malformed_line_refused_with_its_number),
		cmocka_unit_test(test_alias_tiny_output_buffer),
		cmocka_unit_test(test_units_clause_ending_a_paragraph_belongs_to_all_its_items),
		cmocka_unit_test(test_units_each_item_keeps_its_own_clause),
		cmocka_unit_test(test_units_item_without_clause_takes_the_next_ones),
		cmocka_unit_test(test_units_xiatong_does_not_leak_into_the_next_attachment),
		cmocka_unit_test(test_units_yixia_junxu_sentence_inherits),
		cmocka_unit_test(test_units_items_inherit_their_parents_clause),
		cmocka_unit_test(test_units_override_for_one_item),
		cmocka_unit_test(test_units_task_list_lines_name_units_and_deadline),
		cmocka_unit_test(test_units_written_as_a_sentence),
		cmocka_unit_test(test_units_typo_in_a_clause_is_a_diagnostic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
