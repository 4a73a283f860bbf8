/*
 * api_assess.c — the assessment (考核) of a plan: its configuration
 * (indicator weights, grade bands, the veto) and the ranking of the orgs
 * responsible for its tasks in a month, half-year or year, computed from
 * the stored data by core/assess.c. The office and admins configure; they
 * and leaders read.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/assess_run.h"
#include "http/http_int.h"

static const struct field weight_fields[] = {
	{ "report_on_time", F_INT, F_REQUIRED, 0, 100, NULL, 0, "按时报送率: reports filed by the due day / reports due", NULL },
	{ "task_completion", F_INT, F_REQUIRED, 0, 100, NULL, 0, "任务完成率: tasks done / tasks past their deadline", NULL },
	{ "target_attainment", F_INT, F_REQUIRED, 0, 100, NULL, 0, "目标达成率: numeric targets met / targets due", NULL },
	{ "major_closure", F_INT, F_REQUIRED, 0, 100, NULL, 0, "重大隐患整改率 in the org's scope", NULL },
	{ "hazard_overdue", F_INT, F_REQUIRED, 0, 100, NULL, 0, "隐患未逾期率: 1 − overdue / live hazards in the org's scope", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static const struct field band_fields[] = {
	{ "excellent", F_INT, F_REQUIRED, 0, 100, NULL, 0, "lowest total of 优秀", NULL },
	{ "good", F_INT, F_REQUIRED, 0, 100, NULL, 0, "lowest total of 良好", NULL },
	{ "pass", F_INT, F_REQUIRED, 0, 100, NULL, 0, "lowest total of 合格 (below: 不合格)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static const struct field veto_fields[] = {
	{ "major_hazard_overdue", F_BOOL, F_REQUIRED, 0, 0, NULL, 0, "an overdue major hazard in the org's scope vetoes", NULL },
	{ "task_overdue_days", F_INT, F_REQUIRED, 0, 3650, NULL, 0, "a task overdue by more than this many days vetoes (0: off)", NULL },
	{ "cap", F_ENUM, F_REQUIRED, 0, 0, assess_grade_names, AG__MAX, "the best grade a vetoed org may get", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field assess_config_fields[] = {
	{ "weights", F_OBJECT, F_REQUIRED, 0, 0, NULL, 0, "weight of each indicator (they add up to 100)", weight_fields },
	{ "bands", F_OBJECT, F_REQUIRED, 0, 0, NULL, 0, "grade bands (descending)", band_fields },
	{ "veto", F_OBJECT, F_REQUIRED, 0, 0, NULL, 0, "一票否优", veto_fields },
	{ "version", F_INT, F_REQUIRED, 0, 1LL << 53, NULL, 0, "the version you read (0: the defaults)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field assess_query[] = {
	{ "period", F_STRING, 0, 4, 7, NULL, 0, "2026 (a year), 2026-H1 / 2026-H2 (half-years) or 2026-05 (a month); default: this half-year", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

/* 0 when the caller may read plan r->id's assessment: ERR_NOT_FOUND when the
 * plan is not in scope, ERR_FORBIDDEN for a role other than office, admin
 * and leader. */
int
assess_may_read(const struct req *r, struct error *e)
{
	struct plan_rec p;

	/* A plan out of scope is not found, whoever asks; in scope, the role decides. */
	if (store_plan_get(r->st, &r->scope, r->id, &p, e) != 0)
		return -1;
	if (r->user.role != ROLE_OFFICE && r->user.role != ROLE_ADMIN && r->user.role != ROLE_LEADER)
		return err_set(e, ERR_FORBIDDEN, NULL, "the assessment is read by the office and leaders");
	return 0;
}

/* The API's JSON of a configuration (a new reference). */
json_t *
json_assess_config(const struct assess_config_rec *rec)
{
	json_t *w = json_object(), *b = json_object(), *names = json_array();

	for (int i = 0; i < AI__MAX; i++) {
		json_object_set_new(w, assess_ind_names[i], json_integer(rec->c.weight[i]));
		json_array_append_new(names, json_pack("{s:s,s:s}", "key", assess_ind_names[i], "name",
						       assess_ind_zh[i]));
	}
	for (int g = 0; g < AG_FAIL; g++)
		json_object_set_new(b, assess_grade_names[g], json_integer(rec->c.band[g]));
	return json_pack("{s:I,s:o,s:o,s:{s:b,s:i,s:s},s:I,s:o,s:b,s:o}",
		"plan_id", (json_int_t)rec->plan_id, "weights", w, "bands", b,
		"veto", "major_hazard_overdue", rec->c.veto_major_overdue,
		"task_overdue_days", rec->c.veto_task_days, "cap", assess_grade_names[rec->c.veto_cap],
		"version", (json_int_t)rec->version,
		"updated_at", rec->updated_at[0] ? jstr(rec->updated_at) : json_null(),
		"default", rec->version == 0, "indicators", names);
}

int
api_assess_config_get(struct req *r, struct error *e)
{
	struct assess_config_rec rec;

	if (assess_may_read(r, e) != 0 || store_assess_config_get(r->st, &r->scope, r->id, &rec, e) != 0)
		return -1;
	r->out = json_assess_config(&rec);
	return 0;
}

int
api_assess_config_put(struct req *r, struct error *e)
{
	struct assess_config c;
	struct assess_config_rec rec;
	json_t *w = json_object_get(r->json, "weights"), *b = json_object_get(r->json, "bands"),
	       *v = json_object_get(r->json, "veto");

	if (assess_may_read(r, e) != 0)
		return -1;
	if (r->user.role != ROLE_OFFICE && r->user.role != ROLE_ADMIN)
		return err_set(e, ERR_FORBIDDEN, NULL, "the assessment is configured by the office");
	memset(&c, 0, sizeof(c));
	for (int i = 0; i < AI__MAX; i++)
		c.weight[i] = (int)in_int(w, assess_ind_names[i], 0);
	for (int g = 0; g < AG_FAIL; g++)
		c.band[g] = (int)in_int(b, assess_grade_names[g], 0);
	c.veto_major_overdue = json_is_true(json_object_get(v, "major_hazard_overdue"));
	c.veto_task_days = (int)in_int(v, "task_overdue_days", 0);
	c.veto_cap = (enum assess_grade)in_enum(v, "cap", assess_grade_names, AG__MAX, AG_GOOD);
	if (store_assess_config_put(r->st, &r->actor, &r->scope, r->id, &c,
				    in_int(r->json, "version", 0), &rec, e) != 0)
		return -1;
	r->out = json_assess_config(&rec);
	return 0;
}

/* A rate or score for JSON: rounded, so that the output reads cleanly. */
static json_t *
jround(double v, double unit)
{
	return json_real(round(v / unit) * unit);
}

/* One ranked org of a run as the API shows it (a new reference). */
json_t *
json_assess_org(const struct assess_run *run, const struct run_org *o)
{
	json_t *inds = json_array(), *vetoes = json_array();

	for (int i = 0; i < AI__MAX; i++)
		json_array_append_new(inds, json_pack("{s:s,s:s,s:i,s:o,s:o,s:I,s:I}",
			"key", assess_ind_names[i], "name", assess_ind_zh[i],
			"weight", run->cfg.c.weight[i],
			"value", o->res.value[i] == AI_NA ? json_null() : jround(o->res.value[i], 0.0001),
			"score", o->res.value[i] == AI_NA ? json_null() : jround(o->res.score[i], 0.01),
			"num", (json_int_t)o->in.num[i], "den", (json_int_t)o->in.den[i]));
	for (int v = 0; v < AV__MAX; v++)
		if (o->res.vetoed_by & (1u << v))
			json_array_append_new(vetoes, json_string(assess_veto_names[v]));
	return json_pack("{s:{s:I,s:o,s:s,s:s},s:o,s:o,s:o,s:o,s:o,s:o,s:{s:I,s:I,s:I,s:I,s:I,s:I,s:I}}",
		"org", "id", (json_int_t)o->org_id, "name", jstr(o->name), "kind", org_kind_names[o->kind],
		"region_code", o->region,
		"indicators", inds,
		"total", o->res.assessed ? jround(o->res.total, 0.1) : json_null(),
		"grade", o->res.assessed ? json_string(assess_grade_names[o->res.grade]) : json_null(),
		"grade_name", o->res.assessed ? json_string(assess_grade_zh[o->res.grade]) : json_null(),
		"vetoed_by", vetoes,
		"rank", o->res.rank ? json_integer(o->res.rank) : json_null(),
		"facts", "tasks", (json_int_t)o->tasks, "done", (json_int_t)o->done,
		"overdue_tasks", (json_int_t)o->in.overdue_tasks,
		"late_reports", (json_int_t)o->in.late_reports,
		"major_overdue", (json_int_t)o->in.major_overdue,
		"task_overdue_days", (json_int_t)o->in.task_overdue_days,
		"reports_due", (json_int_t)o->in.den[AI_REPORT_ON_TIME]);
}

/* This half-year (Asia/Shanghai), as "2026-H1", into out (8 bytes). */
void
assess_this_half(char out[8])
{
	int y, m, d;

	date_to_ymd(http_today(), &y, &m, &d);
	snprintf(out, 8, "%04u-H%u", (unsigned)y % 10000u, m <= 6 ? 1u : 2u);
}

int
api_assess_get(struct req *r, struct error *e)
{
	struct assess_run run;
	const char *period = http_query(r, "period");
	char half[8];
	json_t *items;

	if (assess_may_read(r, e) != 0)
		return -1;
	assess_this_half(half);
	if (assess_run(r->st, &r->scope, r->id, period ? period : half, "period", http_today(), &run,
		       e) != 0) {
		assess_run_free(&run);
		return -1;
	}
	items = json_array();
	for (size_t i = 0; i < run.norgs; i++)
		json_array_append_new(items, json_assess_org(&run, &run.orgs[i]));
	r->out = json_pack("{s:I,s:o,s:s,s:s,s:s,s:s,s:o,s:o,s:I}", "plan_id", (json_int_t)r->id,
		"plan_title", jstr(run.plan.title), "period", run.period, "from", run.dfrom, "to", run.dto,
		"as_of", run.das_of, "config", json_assess_config(&run.cfg), "items", items,
		"total", (json_int_t)run.norgs);
	assess_run_free(&run);
	return 0;
}
