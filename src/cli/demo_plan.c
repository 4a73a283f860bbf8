/*
 * demo_plan.c — the demo's three-year plan: the 徐泾镇 治本攻坚 plan (the
 * text embedded from data/demo/xujing-plan.txt) imported for 拉萨市, its
 * units mapped to the demo's office and departments, published, and three
 * months of progress reports filed before today. Everything goes through the
 * store functions the API uses; only the reports' times are given, by
 * store_task_report_at. Deterministic but for the months, which follow today.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli_int.h"
#include "core/data.h"
#include "core/date.h"
#include "text/plan_rows.h"

#define DEMO_PLAN_FILE "xujing-plan.txt"
#define DEMO_PLAN_MONTHS 3
#define DEMO_TASKS_MAX 256

/* DEMO_COMMITTEE and DEMO_OFFICE in org: the demo's 安委会 and 安委办. */
#define DEMO_COMMITTEE "安委会"
#define DEMO_OFFICE "安委办"

static const struct {
	const char *unit, *org;
} demo_units[] = {
	{ "镇安委会", DEMO_COMMITTEE },
	{ "镇安委办", DEMO_OFFICE },
	{ "规建办", "拉萨市住房和城乡建设局" },
	{ "城建中心", "拉萨市住房和城乡建设局" },
	{ "经发办", "拉萨市经济和信息化局" },
	{ "社发办", "拉萨市教育局" },
	{ "城运中心", "拉萨市应急管理局" },
	{ "综合整治办", "拉萨市应急管理局" },
	{ "综合行政执法队", "拉萨市应急管理局" },
	{ "文体中心", "拉萨市文化和旅游局" },
	{ "农服中心", "拉萨市农业农村局" },
	{ "徐泾市场所", "拉萨市市场监督管理局" },
	{ "交警支队机动一大队", "拉萨市交通运输局" },
	/* 社建办, 徐泾派出所, 水务所: no department of the demo fits; left unmapped */
};

/*
 * The document names a unit for one measure only (镇安委会, in 三、任务分工)
 * and lists the 工作专班's lead units in 二、(三) without saying who leads
 * which measure. The demo assigns the numbered measures 1–27 of 四、主要任务
 * to those units, as an office would, so that the plan has tasks to report
 * on. Units the parser found are kept.
 */
static const struct {
	const char *lead, *co;
} demo_measures[] = {
	[1] = { "镇安委办", NULL },
	[2] = { "镇安委办", NULL },
	[3] = { "经发办", NULL },
	[4] = { "镇安委办", "社建办" },
	[5] = { "镇安委办", NULL },
	[6] = { "城运中心", NULL },
	[7] = { "镇安委办", NULL },
	[8] = { "综合整治办", "交警支队机动一大队、徐泾派出所" },
	[9] = { "经发办", NULL },
	[10] = { "镇安委办", NULL },
	[11] = { "规建办", NULL },
	[12] = { "经发办", NULL },
	[13] = { "综合行政执法队", NULL },
	[14] = { "城运中心", NULL },
	[15] = { "城运中心", NULL },
	[16] = { "经发办", NULL },
	[17] = { "城建中心", "水务所" },
	[18] = { "规建办", NULL },
	[19] = { "社发办", NULL },
	[20] = { "社发办", NULL },
	[21] = { "社发办", "文体中心" },
	[22] = { "经发办", NULL },
	[23] = { "镇安委办", "社建办" },
	[24] = { "综合行政执法队", "徐泾市场所" },
	[25] = { "城运中心", NULL },
	[26] = { "综合行政执法队", NULL },
	[27] = { "文体中心", "农服中心" },
};

/* Progress texts; %d is a count. */
static const char *const demo_texts[] = {
	"已召开专题部署会，明确责任分工和时间节点，本月督导检查%d家单位。",
	"完成辖区重点企业排查%d家，发现的问题隐患已建立台账，正在督促整改。",
	"组织专题培训%d场，覆盖主要负责人和安全管理人员，培训考核全部合格。",
	"联合执法检查%d次，对发现的重大事故隐患挂牌督办，整改率稳步提升。",
	"修订完善工作制度%d项，形成长效机制，相关做法已在全市推广。",
	"开展宣传活动%d场，发放宣传资料，群众安全意识明显提高。",
	"推进信息化平台建设，已接入重点单位%d家，数据实时更新。",
	"对照年度目标逐项梳理，完成阶段性任务%d项，剩余工作按计划推进。",
};

struct demo_task {
	int64_t id, org_id;
};

struct task_list {
	struct demo_task v[DEMO_TASKS_MAX];
	int n;
};

static int
collect_task(const struct task_rec *t, void *arg)
{
	struct task_list *l = arg;

	if (l->n < DEMO_TASKS_MAX) {
		l->v[l->n].id = t->id;
		l->v[l->n++].org_id = t->org_id;
	}
	return 0;
}

static int64_t
org_of_unit(const struct demo_plan_orgs *o, const char *org)
{
	if (strcmp(org, DEMO_COMMITTEE) == 0)
		return o->committee;
	if (strcmp(org, DEMO_OFFICE) == 0)
		return o->office;
	for (size_t d = 0; d < o->ndept; d++)
		if (strcmp(o->dept[d].name, org) == 0)
			return o->dept[d].id;
	return 0;
}

/* Give the numbered measures of 四、主要任务 their units (see demo_measures). */
static void
assign_measures(struct plan_rows *rows)
{
	const size_t nm = sizeof(demo_measures) / sizeof(demo_measures[0]);

	for (size_t i = 0; i < rows->n; i++) {
		struct plan_node_row *nd = &rows->nodes[i];
		size_t len = strlen(nd->label);
		int k;

		if (strcmp(nd->kind, "task") != 0 || len < 2 || nd->label[len - 1] != '.' ||
		    sscanf(nd->label, "%d", &k) != 1 || k < 1 || (size_t)k >= nm)
			continue;
		if (nd->lead[0] == '\0' && demo_measures[k].lead != NULL)
			snprintf(nd->lead, sizeof(nd->lead), "%s", demo_measures[k].lead);
		if (nd->co[0] == '\0' && demo_measures[k].co != NULL)
			snprintf(nd->co, sizeof(nd->co), "%s", demo_measures[k].co);
	}
}

/*
 * File task i's reports for the DEMO_PLAN_MONTHS months before today's: a
 * few tasks never report, some skip a month, most report before the 26th,
 * some late; percent grows each month and a quarter of the tasks finish
 * in the last one.
 */
static int
file_reports(struct store *st, const struct scope *all, const struct demo_plan_orgs *o,
	     const struct demo_task *t, int i, int32_t today, int *filed, int *late,
	     struct error *e)
{
	struct actor who = { 0 };
	struct task_report rep;
	int y, m, d, percent = 5 + (i * 13) % 30;

	if (i % 7 == 3)
		return 0;
	if (t->org_id == o->office) {
		who.user_id = o->office_user;
		snprintf(who.login, sizeof(who.login), "office");
	} else if (o->ndept > 0 && t->org_id == o->dept[0].id) {
		who.user_id = o->regulator_user;
		snprintf(who.login, sizeof(who.login), "regulator");
	} else {
		snprintf(who.login, sizeof(who.login), "demo");
	}
	date_to_ymd(today, &y, &m, &d);
	for (int k = 0; k < DEMO_PLAN_MONTHS; k++) {
		int back = DEMO_PLAN_MONTHS - k, py = y, pm = m - back, is_late = (i + k) % 6 == 4;
		int32_t due, on;
		char period[8], at[TIME_LEN], text[256];

		while (pm < 1) {
			pm += 12;
			py--;
		}
		percent += 10 + (i % 3) * 8;
		if (percent > 95)
			percent = 95;
		if (i % 4 == 0 && k == DEMO_PLAN_MONTHS - 1)
			percent = 100;
		if ((i % 5 == 2 && k == 1) || (i % 6 == 5 && k == DEMO_PLAN_MONTHS - 1))
			continue;
		due = date_from_ymd(py, pm, 26 <= date_month_days(py, pm) ? 26 : date_month_days(py, pm));
		on = is_late ? due + 2 + (i % 3) : due - (i + k) % 9;
		if (on >= today)
			on = today - 1;
		date_to_ymd(on, &py, &pm, &d);
		snprintf(at, sizeof(at), "%04d-%02d-%02dT%02d:%02d:00Z", py, pm, d, 1 + (i + k) % 8,
			 (i * 7 + k * 11) % 60);
		date_to_ymd(due, &py, &pm, &d);
		snprintf(period, sizeof(period), "%04d-%02d", py, pm);
		snprintf(text, sizeof(text),
			 demo_texts[(size_t)(i + k) % (sizeof(demo_texts) / sizeof(demo_texts[0]))],
			 2 + (i * 3 + k * 5) % 17);
		if (store_task_report_at(st, &who, all, t->id, t->org_id, period, text, percent, at,
					 &rep, e) != 0)
			return -1;
		(*filed)++;
		*late += rep.late;
	}
	return 0;
}

int
cli_demo_plan(struct store *st, const struct actor *a, const struct demo_plan_orgs *o,
	      FILE *out, struct error *e)
{
	struct plan_rows rows = { 0 };
	struct publish_result pr;
	struct task_list *tasks = NULL;
	struct scope all;
	json_t *doc = NULL;
	const char *text;
	char today_s[DATE_LEN];
	size_t len = 0;
	int32_t today = date_shanghai(time(NULL));
	int filed = 0, late = 0, more = 0, rc = -1;
	int64_t total = 0;

	if ((text = hn_data(DEMO_PLAN_FILE, &len)) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "the binary lacks %s", DEMO_PLAN_FILE);
	store_scope_all(&all);
	if ((doc = plan_text_to_json(text, len, e)) == NULL ||
	    plan_rows_from_json(doc, &rows, e) != 0)
		goto out_free;
	snprintf(rows.plan.region_code, sizeof(rows.plan.region_code), "%s", o->region);
	assign_measures(&rows);
	for (size_t u = 0; u < sizeof(demo_units) / sizeof(demo_units[0]); u++) {
		int64_t org = org_of_unit(o, demo_units[u].org);

		if (org == 0) {
			err_set(e, ERR_INTERNAL, NULL, "the demo has no org '%s'", demo_units[u].org);
			goto out_free;
		}
		if (store_unit_map(st, a, &all, o->region, demo_units[u].unit, org, e) != 0)
			goto out_free;
	}
	if (store_plan_create(st, a, &all, &rows.plan, text, rows.nodes, rows.n, e) != 0 ||
	    store_plan_publish(st, a, &all, rows.plan.id, rows.plan.version, &pr, e) != 0)
		goto out_free;
	if ((tasks = calloc(1, sizeof(*tasks))) == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	date_format(today, today_s);
	if (store_task_list(st, &all, rows.plan.id, 0, 0, today_s, 0, DEMO_TASKS_MAX, collect_task,
			    tasks, &total, &more, e) != 0)
		goto out_free;
	for (int i = 0; i < tasks->n; i++)
		if (file_reports(st, &all, o, &tasks->v[i], i, today, &filed, &late, e) != 0)
			goto out_free;
	fprintf(out, "demo plan: %s, published with %lld tasks; %d monthly reports (%d late)\n",
		rows.plan.title, (long long)pr.tasks, filed, late);
	rc = 0;
out_free:
	free(tasks);
	plan_rows_free(&rows);
	json_decref(doc);
	return rc;
}
