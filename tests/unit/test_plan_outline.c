/*
 * test_plan_outline.c — the outline of plan documents (DESIGN §5 "Outline",
 * "Attachments", "Faults in the text"): labels, nesting, numbering faults
 * as diagnostics, attachments and their omissions, metadata, phases, and
 * the normalisation that comes before (UTF-8, NUL bytes, NFKC by line).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/plan.h"
#include "text/normalize.h"

/* ---------------------------------------------------------------- labels */

static int
block(const char *s, struct plan_label *l)
{
	return plan_label_block(s, strlen(s), l);
}

static void
test_label_block_styles(void **state)
{
	struct plan_label l;

	(void)state;
	assert_true(block("一、总体要求", &l));
	assert_int_equal(l.style, PLAN_LABEL_CN);
	assert_int_equal(l.value, 1);
	assert_true(block("(十二)工贸行业安全整治", &l));
	assert_int_equal(l.style, PLAN_LABEL_PAREN_CN);
	assert_int_equal(l.value, 12);
	assert_true(block("  20.完善从业人员培训", &l));
	assert_int_equal(l.style, PLAN_LABEL_NUM);
	assert_int_equal(l.value, 20);
	assert_int_equal(l.begin, 2);
	assert_true(block("3、加强规划", &l));
	assert_int_equal(l.style, PLAN_LABEL_NUM);
	assert_true(block("(3)细化措施", &l));
	assert_int_equal(l.style, PLAN_LABEL_PAREN_NUM);
	assert_int_equal(l.value, 3);
}

static void
test_label_block_numbers_that_are_not_labels(void **state)
{
	struct plan_label l;

	(void)state;
	assert_false(block("2024.04.16", &l));
	assert_false(block("2.5米以上", &l));
	assert_false(block("2020年9月17日", &l));
	assert_false(block("各县(区)人民政府", &l));
	assert_false(block("(2020)3号", &l));
	assert_false(block("一是加强领导", &l));
	assert_false(block("", &l));
	assert_false(block("(", &l));
	assert_false(block("(一", &l));
	assert_false(block("100.超过九十九的编号", &l));
}

static void
test_label_block_number_then_a_year_is_a_label(void **state)
{
	struct plan_label l;

	(void)state;
	assert_true(block("4.2024年底前完成存量清零", &l));
	assert_int_equal(l.value, 4);
	assert_int_equal(l.end, 2);
	assert_true(block("4. 2024 年底前", &l));
	assert_false(block("4.2024万元", &l));
}

static int
inl(const char *s, size_t from, struct plan_label *l)
{
	return plan_label_inline_next(s, strlen(s), from, l);
}

static void
test_label_inline_shi_up_to_the_teens(void **state)
{
	const char *s = "总体要求。一是加强领导;十二是强化考核。";
	struct plan_label l;

	(void)state;
	assert_true(inl(s, 0, &l));
	assert_int_equal(l.style, PLAN_LABEL_SHI);
	assert_int_equal(l.value, 1);
	assert_true(inl(s, l.end, &l));
	assert_int_equal(l.value, 12);
	assert_false(inl(s, l.end, &l));
}

static void
test_label_inline_needs_a_boundary(void **state)
{
	struct plan_label l;

	(void)state;
	assert_false(inl("坚持统一是原则,唯一要求", 0, &l));
	assert_false(inl("核查一是否到位", 0, &l));
	assert_false(inl("标准(GB/T 33000-2016)实施", 0, &l));
	assert_false(inl("高度达到。2.5米以上", 0, &l));
}

static void
test_label_inline_numbers_after_a_clause(void **state)
{
	const char *s = "(交通局牵头)2.组织隐患车辆专项整治。(1)细化措施";
	struct plan_label l;

	(void)state;
	assert_true(inl(s, 0, &l));
	assert_int_equal(l.style, PLAN_LABEL_NUM);
	assert_int_equal(l.value, 2);
	assert_true(inl(s, l.end, &l));
	assert_int_equal(l.style, PLAN_LABEL_PAREN_NUM);
	assert_int_equal(l.value, 1);
}

/* ------------------------------------------------------------- documents */

static struct plan_doc *
parse(const char *text)
{
	struct error e;
	struct plan_doc *d = plan_parse(text, strlen(text), NULL, &e);

	assert_non_null(d);
	return d;
}

static const struct plan_node *
node_at(const struct plan_doc *d, int line, const char *label)
{
	size_t k;

	for (k = 0; k < d->nnodes; k++)
		if (d->nodes[k].line == line &&
		    ((label == NULL && d->nodes[k].label == NULL) ||
		     (label != NULL && d->nodes[k].label != NULL &&
		      strcmp(d->nodes[k].label, label) == 0)))
			return &d->nodes[k];
	fail_msg("no node '%s' on line %d", label ? label : "(none)", line);
	return NULL;
}

/* The diagnostic on line whose message holds what; NULL when none. */
static const struct plan_diag *
diag_at(const struct plan_doc *d, int line, const char *what)
{
	size_t k;

	for (k = 0; k < d->ndiags; k++)
		if (d->diags[k].line == line && strstr(d->diags[k].message, what))
			return &d->diags[k];
	return NULL;
}

static void
test_outline_nesting_of_block_and_inline_labels(void **state)
{
	struct plan_doc *d = parse("某县安全生产专项整治三年行动方案\n"
				   "一、主要任务\n"
				   "(一)健全责任体系\n"
				   "1.落实党政责任。一是明确分工。1.细化清单。二是加强考核。\n"
				   "2.落实企业责任。\n"
				   "二、保障措施\n");
	const struct plan_node *sec = node_at(d, 2, "一、"),
			       *task = node_at(d, 3, "(一)"),
			       *one = node_at(d, 4, "1."), *shi = node_at(d, 4, "一是");

	(void)state;
	assert_string_equal(plan_kind_name(sec->kind), "section");
	assert_int_equal(sec->parent, 1);
	assert_int_equal(task->parent, sec->id);
	assert_int_equal(one->parent, task->id);
	assert_string_equal(plan_kind_name(shi->kind), "item");
	assert_int_equal(shi->parent, one->id);
	assert_int_equal(node_at(d, 4, "二是")->parent, one->id);
	assert_int_equal(node_at(d, 5, "2.")->parent, task->id);
	assert_int_equal(node_at(d, 6, "二、")->parent, 1);
	assert_string_equal(one->title, "落实党政责任");
	assert_int_equal(d->ndiags, 0);
	plan_doc_free(d);
}

static void
test_outline_skipped_and_repeated_numbers_are_diagnosed(void **state)
{
	struct plan_doc *d = parse("某县安全生产专项整治三年行动方案\n"
				   "一、主要任务\n"
				   "1.甲。\n"
				   "2.乙。\n"
				   "4.丁。\n"
				   "4.戊。\n"
				   "三、保障措施\n");
	const struct plan_diag *g;

	(void)state;
	g = diag_at(d, 5, "skips");
	assert_non_null(g);
	assert_int_equal(g->column, 1);
	assert_string_equal(plan_severity_name(g->severity), "warning");
	assert_non_null(diag_at(d, 6, "repeats"));
	assert_non_null(diag_at(d, 7, "skips"));
	/* the faults do not stop the outline */
	assert_int_equal(node_at(d, 6, "4.")->parent, node_at(d, 2, "一、")->id);
	plan_doc_free(d);
}

static void
test_outline_mixed_styles_stay_siblings(void **state)
{
	struct plan_doc *d = parse("某县安全生产专项整治三年行动方案\n"
				   "一、主要任务\n"
				   "(一)甲。\n"
				   "(2)乙。\n"
				   "(三)丙。\n"
				   "二、要求\n"
				   "(一)修订办法。一是甲。二要乙。三是丙。\n");
	int sec = node_at(d, 2, "一、")->id;

	(void)state;
	assert_int_equal(node_at(d, 4, "(2)")->parent, sec);
	assert_int_equal(node_at(d, 5, "(三)")->parent, sec);
	assert_non_null(diag_at(d, 4, "style"));
	assert_null(diag_at(d, 5, "skips"));
	assert_int_equal(node_at(d, 7, "二要")->parent, node_at(d, 7, "(一)")->id);
	assert_non_null(diag_at(d, 7, "'二要'"));
	plan_doc_free(d);
}

static void
test_outline_numbering_continued_across_groups_is_no_fault(void **state)
{
	struct plan_doc *d = parse("某镇安全生产治本攻坚三年行动方案\n"
				   "一、主要任务\n"
				   "(一)开展责任体系提升行动\n"
				   "1.强化党委政府责任。\n"
				   "2.落实部门监管责任。\n"
				   "(二)开展城市韧性安全能力提升行动\n"
				   "3.提升城市韧性安全能力。\n");

	(void)state;
	assert_null(diag_at(d, 7, "numbering"));
	plan_doc_free(d);
}

static void
test_outline_attachments_are_plans_under_the_root(void **state)
{
	struct plan_doc *d = parse(
		"某县安全生产专项整治三年行动计划\n"
		"一、总体要求\n"
		"附件: 1.学习宣传贯彻专题实施方案\n"
		"2.道路交通安全专项整治实施方案\n"
		"3.消防安全专项整治实施方案\n"
		"附件1:学习宣传贯彻专题实施方案\n"
		"一、工作目标\n"
		"附件2\n"
		"道路交通安全专项整治实施方案\n"
		"一、整治目标\n"
		"二、主要任务\n"
		"附件3:略\n");
	const struct plan_node *a1 = node_at(d, 6, "附件1"),
			       *a2 = node_at(d, 8, "附件2"),
			       *a3 = node_at(d, 12, "附件3");

	(void)state;
	assert_string_equal(plan_kind_name(a1->kind), "plan");
	assert_int_equal(a1->parent, 1);
	assert_string_equal(plan_category_name(a1->category), "topic");
	assert_string_equal(a2->title, "道路交通安全专项整治实施方案");
	assert_string_equal(plan_category_name(a2->category), "special");
	/* the outline restarts: 一、 again is no fault */
	assert_int_equal(node_at(d, 7, "一、")->parent, a1->id);
	assert_int_equal(node_at(d, 10, "一、")->parent, a2->id);
	assert_null(diag_at(d, 7, "numbering"));
	/* 略: the title comes from the list, the omission is reported */
	assert_string_equal(a3->title, "消防安全专项整治实施方案");
	assert_non_null(diag_at(d, 12, "omitted"));
	/* the list of attachments is not a list of tasks */
	assert_int_equal(node_at(d, 2, "一、")->parent, 1);
	assert_int_equal(d->nnodes, 8);
	plan_doc_free(d);
}

static void
test_outline_attachment_listed_but_missing_is_diagnosed(void **state)
{
	struct plan_doc *d = parse("某县安全生产专项整治三年行动计划\n"
				   "附件: 1.甲专项整治实施方案\n"
				   "2.乙专项整治实施方案\n"
				   "附件1:甲专项整治实施方案\n"
				   "一、主要任务\n");

	(void)state;
	assert_non_null(diag_at(d, 2, "乙专项整治实施方案"));
	plan_doc_free(d);
}

static void
test_outline_topics_and_specials_from_titles(void **state)
{
	struct plan_doc *d = parse("某县安全生产专项整治三年行动计划\n"
				   "一、主要任务\n"
				   "(一)学习宣传贯彻重要论述专题。一是组织学习。\n"
				   "(二)开展安全专项整治\n"
				   "1.危险化学品安全专项整治。一是排查。\n"
				   "2.道路运输安全整治。一是排查。\n");

	(void)state;
	assert_string_equal(plan_kind_name(node_at(d, 3, "(一)")->kind), "topic");
	assert_string_equal(plan_kind_name(node_at(d, 5, "1.")->kind), "special");
	assert_string_equal(plan_kind_name(node_at(d, 6, "2.")->kind), "special");
	/* a group of specials is a task */
	assert_string_equal(plan_kind_name(node_at(d, 4, "(二)")->kind), "task");
	plan_doc_free(d);
}

static void
test_outline_unmarked_sub_plan_title_opens_a_plan(void **state)
{
	struct plan_doc *d = parse("自治区安全生产专项整治三年行动实施方案主要内容\n"
				   "一、主要任务\n"
				   "(一)甲。\n"
				   "落实企业安全生产主体责任三年行动专题实施方案主要内容\n"
				   "一、重点任务\n");
	const struct plan_node *sub = node_at(d, 4, NULL);

	(void)state;
	assert_string_equal(d->title, "自治区安全生产专项整治三年行动实施方案");
	assert_string_equal(plan_kind_name(sub->kind), "plan");
	assert_string_equal(sub->title, "落实企业安全生产主体责任三年行动专题实施方案");
	assert_int_equal(node_at(d, 5, "一、")->parent, sub->id);
	assert_null(diag_at(d, 5, "numbering"));
	plan_doc_free(d);
}

static void
test_outline_metadata_of_a_notice(void **state)
{
	struct plan_doc *d = parse(
		"当前位置: 首页 / 政务公开\n"
		"某市安全生产委员会关于印发《某市安全生产专项整治三年行动计划》的通知\n"
		"某安委〔2020〕8号\n"
		"发布时间:2020-10-20 17:13\n"
		"各县(区)人民政府:\n"
		"一、强化领导\n"
		"各县(区)要于10月10日前报送方案。\n"
		"某市安全生产委员会\n"
		"2020年9月17日\n"
		"某市安全生产专项整治三年行动计划\n"
		"一、总体要求\n"
		"二、进度安排\n"
		"从2020年9月至2022年12月,分两个阶段进行。\n"
		"(一)动员部署(2020年9月至10月中旬)。部署。\n"
		"(二)集中攻坚(2021全年)。攻坚。\n");
	char b[11];

	(void)state;
	assert_string_equal(d->title, "某市安全生产专项整治三年行动计划");
	assert_string_equal(d->issuer, "某市安全生产委员会");
	assert_string_equal(d->doc_number, "某安委〔2020〕8号");
	plan_ymd_format(&d->issued_on, b);
	assert_string_equal(b, "2020-09-17");
	plan_ymd_format(&d->period_start, b);
	assert_string_equal(b, "2020-09-01");
	plan_ymd_format(&d->period_end, b);
	assert_string_equal(b, "2022-12-31");
	/* the plan's own title restarts the outline: no fault */
	assert_null(diag_at(d, 11, "numbering"));
	/* the year of 10月10日前 comes from the context */
	plan_ymd_format(&node_at(d, 6, "一、")->deadlines[0].date, b);
	assert_string_equal(b, "2020-10-10");
	assert_int_equal(d->nphases, 2);
	assert_string_equal(d->phases[0].name, "动员部署");
	plan_ymd_format(&d->phases[0].end, b);
	assert_string_equal(b, "2020-10-20");
	plan_ymd_format(&d->phases[1].start, b);
	assert_string_equal(b, "2021-01-01");
	assert_int_equal(d->phases[1].plan, 1);
	plan_doc_free(d);
}

static void
test_outline_notice_without_book_title_and_dated_in_chinese(void **state)
{
	struct plan_doc *d = parse("关于印发某市危险化学品安全专项整治实施方案的通知\n"
				   "某安办字〔2021〕第3号\n"
				   "一、主要任务\n"
				   "某市安全生产委员会办公室\n"
				   "二〇二一年三月五日\n");
	char b[11];

	(void)state;
	assert_string_equal(d->title, "某市危险化学品安全专项整治实施方案");
	assert_string_equal(d->doc_number, "某安办字〔2021〕第3号");
	assert_string_equal(d->issuer, "某市安全生产委员会办公室");
	plan_ymd_format(&d->issued_on, b);
	assert_string_equal(b, "2021-03-05");
	plan_doc_free(d);
}

static void
test_outline_unbalanced_bracket_has_its_column(void **state)
{
	struct plan_doc *d = parse("某县安全生产专项整治三年行动方案\n"
				   "一、主要任务\n"
				   "(一)按照《通知(全国计划〉》要求。(县应急局牵头\n");
	size_t k;
	int cols = 0;

	(void)state;
	/* the "(" closed by 〉 inside 《》, and the last one never closed */
	for (k = 0; k < d->ndiags; k++)
		if (d->diags[k].line == 3 &&
		    strstr(d->diags[k].message, "not closed") != NULL)
			cols += d->diags[k].column == 9 ? 1
				: d->diags[k].column == 19 ? 10
							    : 100;
	assert_int_equal(cols, 11);
	plan_doc_free(d);
}

static void
test_outline_empty_or_blank_plan_refused(void **state)
{
	struct error e;

	(void)state;
	err_clear(&e);
	assert_null(plan_parse("", 0, NULL, &e));
	assert_int_equal(e.code, ERR_INVALID);
	assert_null(plan_parse(" \n\r\n\t", 5, NULL, &e));
}

static void
test_outline_text_without_any_outline(void **state)
{
	struct plan_doc *d = parse("只是一段没有标题也没有编号的文字。");

	(void)state;
	assert_int_equal(d->nnodes, 1);
	assert_null(d->title);
	assert_string_equal(plan_kind_name(d->nodes[0].kind), "plan");
	plan_doc_free(d);
}

static void
test_outline_very_deep_and_long_input_does_not_overflow(void **state)
{
	size_t n = 4000, k, len = 0;
	char *s = malloc(n * 64 + 64);
	struct plan_doc *d;

	(void)state;
	for (k = 0; k < n; k++)
		len += (size_t)sprintf(s + len, "(%zu)甲(%s一是乙(((二是丙\n",
				       k % 120 + 1, k % 2 ? "" : ")");
	d = parse(s);
	assert_true(d->nnodes > n);
	plan_doc_free(d);
	free(s);
}

/* ---------------------------------------------------------- normalize */

static void
test_normalize_folds_full_width_and_keeps_lines(void **state)
{
	struct error e;
	size_t n;
	char *t = text_nfkc_new("（一）总体要求：\r\n１．落实；２０２２年\n", strlen("（一）总体要求：\r\n１．落实；２０２２年\n"), &n, &e);

	(void)state;
	assert_non_null(t);
	assert_string_equal(t, "(一)总体要求:\r\n1.落实;2022年\n");
	assert_int_equal(n, strlen(t));
	free(t);
}

static void
test_normalize_keeps_circled_numbers_for_labels(void **state)
{
	struct error e;
	size_t n;
	const char *in = "①全面排查（１）②建立台账";
	char *t = text_nfkc_new(in, strlen(in), &n, &e);
	struct plan_label l;

	(void)state;
	assert_string_equal(t, "①全面排查(1)②建立台账");
	assert_true(plan_label_block(t, n, &l));
	assert_int_equal(l.style, PLAN_LABEL_CIRCLED);
	assert_int_equal(l.value, 1);
	/* (1) right after a character is not a label; ② after ) is */
	assert_true(plan_label_inline_next(t, n, l.end, &l));
	assert_int_equal(l.style, PLAN_LABEL_CIRCLED);
	assert_int_equal(l.value, 2);
	free(t);
}

static void
test_normalize_drops_a_byte_order_mark(void **state)
{
	struct error e;
	size_t n;
	char *t = text_nfkc_new("\xef\xbb\xbf一、", 9, &n, &e);

	(void)state;
	assert_string_equal(t, "一、");
	free(t);
}

static void
test_normalize_refuses_nul_bytes_with_their_line(void **state)
{
	struct error e;
	size_t n;
	const char in[] = "一、\n二、\0三、";

	(void)state;
	err_clear(&e);
	assert_null(text_nfkc_new(in, sizeof(in) - 1, &n, &e));
	assert_int_equal(e.code, ERR_INVALID);
	assert_non_null(strstr(e.message, "nul byte"));
	assert_non_null(strstr(e.message, "line 2"));
}

static void
test_normalize_refuses_invalid_utf8_with_its_offset(void **state)
{
	struct error e;
	size_t n;
	const char *bad[] = {"abc\xff", "一\xe4\xb8", "\xc0\xaf", "\xed\xa0\x80"};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		err_clear(&e);
		assert_null(text_nfkc_new(bad[k], strlen(bad[k]), &n, &e));
		assert_non_null(strstr(e.message, "invalid utf-8"));
	}
	assert_non_null(strstr(e.message, "offset 0"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_label_block_styles),
		cmocka_unit_test(test_label_block_numbers_that_are_not_labels),
		cmocka_unit_test(test_label_block_number_then_a_year_is_a_label),
		cmocka_unit_test(test_label_inline_shi_up_to_the_teens),
		cmocka_unit_test(test_label_inline_needs_a_boundary),
		cmocka_unit_test(test_label_inline_numbers_after_a_clause),
		cmocka_unit_test(test_outline_nesting_of_block_and_inline_labels),
		cmocka_unit_test(test_outline_skipped_and_repeated_numbers_are_diagnosed),
		cmocka_unit_test(test_outline_mixed_styles_stay_siblings),
		cmocka_unit_test(test_outline_numbering_continued_across_groups_is_no_fault),
		cmocka_unit_test(test_outline_attachments_are_plans_under_the_root),
		cmocka_unit_test(test_outline_attachment_listed_but_missing_is_diagnosed),
		cmocka_unit_test(test_outline_topics_and_specials_from_titles),
		cmocka_unit_test(test_outline_unmarked_sub_plan_title_opens_a_plan),
		cmocka_unit_test(test_outline_metadata_of_a_notice),
		cmocka_unit_test(test_outline_notice_without_book_title_and_dated_in_chinese),
		cmocka_unit_test(test_outline_unbalanced_bracket_has_its_column),
		cmocka_unit_test(test_outline_empty_or_blank_plan_refused),
		cmocka_unit_test(test_outline_text_without_any_outline),
		cmocka_unit_test(test_outline_very_deep_and_long_input_does_not_overflow),
		cmocka_unit_test(test_normalize_folds_full_width_and_keeps_lines),
		cmocka_unit_test(test_normalize_keeps_circled_numbers_for_labels),
		cmocka_unit_test(test_normalize_drops_a_byte_order_mark),
		cmocka_unit_test(test_normalize_refuses_nul_bytes_with_their_line),
		cmocka_unit_test(test_normalize_refuses_invalid_utf8_with_its_offset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
