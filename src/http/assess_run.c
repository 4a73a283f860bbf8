/*
 * assess_run.c — gather one plan's facts for a period and score them:
 * tasks and their reports (store), the numeric targets of their nodes (the
 * parser's JSON kept with each node), the hazards of each org's scope.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "http/assess_run.h"

struct task_index;

/* The targets of each node, by node seq. */
struct node_targets {
	struct run_target *v;
	size_t n;
};

struct gather {
	struct assess_run *run;
	struct node_targets *nodes;     /* index: node seq */
	size_t nnodes;
	int oom;
	size_t cap;
	struct task_index *index;       /* tasks by id */
};

static int
grow(void **v, size_t *cap, size_t need, size_t size)
{
	void *nv;
	size_t c = *cap ? *cap : 16;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if ((nv = realloc(*v, c * size)) == NULL)
		return -1;
	*v = nv;
	*cap = c;
	return 0;
}

static int
add_node(const struct plan_node_row *nd, void *arg)
{
	struct gather *g = arg;
	json_t *doc, *targets, *t;
	size_t i, k = 0;
	struct node_targets *nt;

	if (nd->seq < 0 || nd->seq > 1000000 || nd->detail == NULL)
		return 0;
	if ((doc = json_loads(nd->detail, 0, NULL)) == NULL)
		return 0;
	targets = json_object_get(doc, "targets");
	if (json_array_size(targets) == 0) {
		json_decref(doc);
		return 0;
	}
	if ((size_t)nd->seq >= g->nnodes) {
		size_t n = (size_t)nd->seq + 1;
		struct node_targets *nv = realloc(g->nodes, n * sizeof(*nv));

		if (nv == NULL) {
			json_decref(doc);
			g->oom = 1;
			return 1;
		}
		memset(nv + g->nnodes, 0, (n - g->nnodes) * sizeof(*nv));
		g->nodes = nv;
		g->nnodes = n;
	}
	nt = &g->nodes[nd->seq];
	if ((nt->v = calloc(json_array_size(targets), sizeof(*nt->v))) == NULL) {
		json_decref(doc);
		g->oom = 1;
		return 1;
	}
	json_array_foreach(targets, i, t) {
		struct run_target *rt = &nt->v[k];
		json_t *v = json_object_get(t, "value");
		const char *dl = json_string_value(json_object_get(t, "deadline"));
		int32_t d;

		if (!json_is_number(v) || i >= TASK_ACTUALS_MAX)
			continue;
		rt->index = (int)i;
		rt->t.value = json_number_value(v);
		snprintf(rt->text, sizeof(rt->text), "%s",
			 json_string_value(json_object_get(t, "text")) ? json_string_value(json_object_get(t, "text")) : "");
		snprintf(rt->unit, sizeof(rt->unit), "%s",
			 json_string_value(json_object_get(t, "unit")) ? json_string_value(json_object_get(t, "unit")) : "");
		snprintf(rt->t.comparator, sizeof(rt->t.comparator), "%s",
			 json_string_value(json_object_get(t, "comparator")) ? json_string_value(json_object_get(t, "comparator")) : ">=");
		if (dl != NULL && date_parse(dl, &d) == 0) {
			rt->t.deadline = d;
			snprintf(rt->deadline, sizeof(rt->deadline), "%s", dl);
		}
		k++;
	}
	nt->n = k;
	json_decref(doc);
	return 0;
}

static int
add_task(const struct assess_task_row *row, void *arg)
{
	struct gather *g = arg;
	struct assess_run *run = g->run;
	struct run_task *t;

	if (grow((void **)&run->tasks, &g->cap, run->ntasks + 1, sizeof(*run->tasks)) != 0) {
		g->oom = 1;
		return 1;
	}
	t = &run->tasks[run->ntasks++];
	memset(t, 0, sizeof(*t));
	t->row = *row;
	if (date_of_instant(row->created_at, &t->facts.created) != 0)
		t->facts.created = run->from;
	if (row->deadline[0] == '\0' || date_parse(row->deadline, &t->facts.deadline) != 0)
		t->facts.deadline = 0;
	t->facts.report_day = run->plan.report_day;
	if ((size_t)row->node_seq < g->nnodes && g->nodes[row->node_seq].n > 0) {
		const struct node_targets *nt = &g->nodes[row->node_seq];

		if ((t->targets = calloc(nt->n, sizeof(*t->targets))) == NULL) {
			g->oom = 1;
			return 1;
		}
		memcpy(t->targets, nt->v, nt->n * sizeof(*t->targets));
		t->ntargets = nt->n;
		for (size_t i = 0; i < nt->n; i++)
			if (t->targets[i].deadline[0] == '\0')
				snprintf(t->targets[i].deadline, sizeof(t->targets[i].deadline), "%s",
					 row->deadline);
	}
	return 0;
}

struct task_index {
	int64_t id;
	size_t i;
};

static int
by_id(const void *a, const void *b)
{
	const struct task_index *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static struct run_task *
task_by_id(struct gather *g, int64_t id)
{
	struct task_index key = { id, 0 }, *hit;

	hit = bsearch(&key, g->index, g->run->ntasks, sizeof(*g->index), by_id);
	return hit ? &g->run->tasks[hit->i] : NULL;
}

static int
index_tasks(struct gather *g)
{
	if (g->run->ntasks == 0)
		return 0;
	if ((g->index = calloc(g->run->ntasks, sizeof(*g->index))) == NULL)
		return -1;
	for (size_t i = 0; i < g->run->ntasks; i++) {
		g->index[i].id = g->run->tasks[i].row.task_id;
		g->index[i].i = i;
	}
	qsort(g->index, g->run->ntasks, sizeof(*g->index), by_id);
	return 0;
}

/* The first day of a "YYYY-MM" month; 0 when malformed. */
static int32_t
month_first(const char *period)
{
	int y, m;

	if (strlen(period) != 7 || sscanf(period, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return 0;
	return date_from_ymd(y, m, 1);
}

static int
add_report(const struct assess_report_row *row, void *arg)
{
	struct gather *g = arg;
	struct assess_run *run = g->run;
	struct run_task *t = task_by_id(g, row->task_id);
	struct assess_report *nv;
	int32_t month = month_first(row->period), on;

	if (t == NULL || month == 0 || month > run->as_of)
		return 0;
	if (date_of_instant(row->submitted_at, &on) != 0)
		on = month;
	if (on > run->as_of)
		return 0;   /* not in yet on the run's day */
	if ((nv = realloc(t->reports, (t->facts.nreports + 1) * sizeof(*nv))) == NULL) {
		g->oom = 1;
		return 1;
	}
	t->reports = nv;
	nv[t->facts.nreports].month = month;
	nv[t->facts.nreports++].late = row->late;
	if (row->percent >= 100 && (t->facts.done_on == 0 || on < t->facts.done_on))
		t->facts.done_on = on;
	if (t->state == RUN_NOT_STARTED)
		t->state = RUN_IN_PROGRESS;
	return 0;
}

static int
add_actual(const struct assess_actual_row *row, void *arg)
{
	struct gather *g = arg;
	struct run_task *t = task_by_id(g, row->task_id);
	int32_t month = month_first(row->period);

	if (t == NULL || month == 0 || month > g->run->as_of)
		return 0;
	for (size_t i = 0; i < t->ntargets; i++)
		if (t->targets[i].index == row->target) {
			/* rows come by month: the latest wins */
			t->targets[i].t.has_actual = 1;
			t->targets[i].t.actual = row->value;
		}
	return 0;
}

static int
by_rank(const void *a, const void *b)
{
	const struct run_org *x = a, *y = b;

	if (x->res.assessed != y->res.assessed)
		return x->res.assessed ? -1 : 1;
	if (x->res.rank != y->res.rank)
		return x->res.rank < y->res.rank ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Per org: add each task's facts, then the hazards of its scope; score, rank. */
static int
score_orgs(struct store *st, struct assess_run *run, struct error *e)
{
	struct assess_result **rs;
	int32_t last_month = date_month_end(run->as_of);
	int y, m, d;

	date_to_ymd(last_month, &y, &m, &d);
	last_month = date_from_ymd(y, m, 1);

	for (size_t i = 0; i < run->ntasks; i++)
		if (i == 0 || run->tasks[i].row.org_id != run->tasks[i - 1].row.org_id)
			run->norgs++;
	if (run->norgs > 0 && (run->orgs = calloc(run->norgs, sizeof(*run->orgs))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	for (size_t i = 0, k = 0; i < run->ntasks; i++) {
		struct run_task *t = &run->tasks[i];
		struct run_org *o;
		struct assess_input before;

		if (i > 0 && t->row.org_id != run->tasks[i - 1].row.org_id)
			k++;
		o = &run->orgs[k];
		if (o->org_id == 0) {
			o->org_id = t->row.org_id;
			snprintf(o->name, sizeof(o->name), "%s", t->row.org_name);
			o->kind = t->row.org_kind;
			snprintf(o->region, sizeof(o->region), "%s", t->row.org_region);
		}
		{
			struct assess_target *tg = NULL;

			if (t->ntargets > 0 && (tg = calloc(t->ntargets, sizeof(*tg))) == NULL)
				return err_set(e, ERR_INTERNAL, NULL, "out of memory");
			for (size_t j = 0; j < t->ntargets; j++)
				tg[j] = t->targets[j].t;
			t->facts.targets = tg;
			t->facts.ntargets = t->ntargets;
		}
		t->facts.reports = t->reports;
		before = o->in;
		assess_add_task(&o->in, &t->facts, run->from, run->as_of);
		for (size_t j = 0; j < t->ntargets; j++) {
			int32_t dl = t->targets[j].t.deadline ? t->targets[j].t.deadline : t->facts.deadline;

			t->targets[j].due = dl != 0 && dl <= run->as_of;
			t->targets[j].met = t->targets[j].t.has_actual &&
				assess_target_met(t->targets[j].t.comparator, t->targets[j].t.value,
						  t->targets[j].t.actual);
		}
		if (t->facts.done_on != 0 && t->facts.done_on <= run->as_of)
			t->state = RUN_DONE;
		t->overdue = o->in.overdue_tasks > before.overdue_tasks;
		if (t->overdue && t->facts.deadline != 0)
			t->overdue_days = run->as_of - t->facts.deadline;
		for (size_t j = 0; j < t->facts.nreports; j++)
			if (t->reports[j].month == last_month) {
				t->reported_month = 1;
				t->late_month = t->reports[j].late;
			}
		o->tasks++;
		o->done += t->state == RUN_DONE;
		o->in_progress += t->state == RUN_IN_PROGRESS;
		o->not_started += t->state == RUN_NOT_STARTED;
		o->overdue += t->overdue;
		{
			/* this month's report: due when the one-month run says so */
			struct assess_input mo = { 0 };

			assess_add_task(&mo, &t->facts, last_month, run->as_of);
			o->month_due += mo.den[AI_REPORT_ON_TIME];
			o->month_filed += mo.den[AI_REPORT_ON_TIME] > 0 && t->reported_month;
			o->month_late += mo.den[AI_REPORT_ON_TIME] > 0 && t->reported_month && t->late_month;
		}
	}
	for (size_t k = 0; k < run->norgs; k++) {
		struct run_org *o = &run->orgs[k];

		if (store_assess_hazards(st, o->kind, o->org_id, o->region, run->dfrom, run->das_of,
					 &o->in, e) != 0)
			return -1;
		assess_score(&run->cfg.c, &o->in, &o->res);
	}
	if (run->norgs > 0) {
		if ((rs = calloc(run->norgs, sizeof(*rs))) == NULL)
			return err_set(e, ERR_INTERNAL, NULL, "out of memory");
		for (size_t k = 0; k < run->norgs; k++)
			rs[k] = &run->orgs[k].res;
		assess_rank(rs, run->norgs);
		free(rs);
		qsort(run->orgs, run->norgs, sizeof(*run->orgs), by_rank);
	}
	return 0;
}

int
assess_run(struct store *st, const struct scope *sc, int64_t plan_id, const char *period,
	   const char *field, int32_t today, struct assess_run *run, struct error *e)
{
	struct gather g = { .run = run };
	int rc = -1;

	memset(run, 0, sizeof(*run));
	if (period == NULL || assess_period(period, &run->from, &run->to) != 0)
		return err_set(e, ERR_INVALID, field,
			       "'%.20s' is not a period (2026, 2026-H1, 2026-H2 or 2026-05)",
			       period ? period : "");
	if (run->from > today)
		return err_set(e, ERR_INVALID, field, "the period %s has not begun", period);
	snprintf(run->period, sizeof(run->period), "%s", period);
	run->as_of = run->to < today ? run->to : today;
	date_format(run->from, run->dfrom);
	date_format(run->to, run->dto);
	date_format(run->as_of, run->das_of);
	if (store_plan_get(st, sc, plan_id, &run->plan, e) != 0 ||
	    store_assess_config_get(st, sc, plan_id, &run->cfg, e) != 0 ||
	    store_plan_nodes(st, sc, plan_id, add_node, &g, e) != 0 || g.oom ||
	    store_assess_tasks(st, sc, plan_id, add_task, &g, e) != 0 || g.oom ||
	    (g.oom = index_tasks(&g) != 0) ||
	    store_assess_reports(st, sc, plan_id, add_report, &g, e) != 0 || g.oom ||
	    store_assess_actuals(st, sc, plan_id, add_actual, &g, e) != 0 || g.oom)
		goto out;
	rc = score_orgs(st, run, e);
out:
	if (g.oom)
		rc = err_set(e, ERR_INTERNAL, NULL, "out of memory");
	for (size_t i = 0; i < g.nnodes; i++)
		free(g.nodes[i].v);
	free(g.nodes);
	free(g.index);
	return rc;
}

void
assess_run_free(struct assess_run *run)
{
	for (size_t i = 0; i < run->ntasks; i++) {
		free(run->tasks[i].reports);
		free(run->tasks[i].targets);
		free((void *)run->tasks[i].facts.targets);
	}
	free(run->tasks);
	free(run->orgs);
	memset(run, 0, sizeof(*run));
}
