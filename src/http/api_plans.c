/*
 * api_plans.c — plan documents and their tasks: parse a text without
 * keeping it, store it as a draft, map the units it names to orgs, publish
 * it into tasks. The office (and admins) manage plans; government orgs of
 * the region read them; enterprises do not see them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "http/http_int.h"
#include "text/plan_rows.h"

#define PLAN_TEXT_MAX (1000 * 1000)

const struct field plan_parse_fields[] = {
	{ "text", F_STRING, F_REQUIRED, 1, PLAN_TEXT_MAX, NULL, 0, "the document as published (UTF-8)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field plan_create_fields[] = {
	{ "text", F_STRING, F_REQUIRED, 1, PLAN_TEXT_MAX, NULL, 0, "the document as published (UTF-8)", NULL },
	{ "region_code", F_REGION, 0, 0, 0, NULL, 0, "the plan's region (default: your org's)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field plan_unit_fields[] = {
	{ "name", F_STRING, F_REQUIRED, 1, TEXT_SMALL - 1, NULL, 0, "the unit as the plan names it", NULL },
	{ "org_id", F_ID, F_REQUIRED, 0, 0, NULL, 0, "the org it is", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field plan_publish_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you reviewed", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static const char *const yesno[] = { "false", "true" };

const struct field task_query[] = {
	{ "plan", F_ID, 0, 0, 0, NULL, 0, "plan id", NULL },
	{ "org", F_ID, 0, 0, 0, NULL, 0, "org id", NULL },
	{ "overdue", F_ENUM, 0, 0, 0, yesno, 2, "only overdue tasks", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static json_t *json_plan_base(const struct plan_rec *p);

static int
may_manage(const struct req *r, struct error *e)
{
	if (r->user.role != ROLE_OFFICE && r->user.role != ROLE_ADMIN)
		return err_set(e, ERR_FORBIDDEN, NULL, "plans are managed by the office");
	return 0;
}

static json_t *
json_plan(const struct plan_rec *p)
{
	json_t *j = json_plan_base(p);

	json_object_set_new(j, "year_report_day",
			    json_string(p->year_report_day[0] ? p->year_report_day : "12-20"));
	return j;
}

static json_t *
json_plan_base(const struct plan_rec *p)
{
	return json_pack("{s:I,s:o,s:o,s:o,s:o,s:s,s:{s:o,s:o},s:o,s:s,s:I,s:I,s:I,s:s}",
		"id", (json_int_t)p->id, "title", jstr(p->title), "issuer", jstr(p->issuer),
		"doc_number", jstr(p->doc_number),
		"issued_on", p->issued_on[0] ? jstr(p->issued_on) : json_null(),
		"region_code", p->region_code,
		"period", "start", p->period_start[0] ? jstr(p->period_start) : json_null(),
		"end", p->period_end[0] ? jstr(p->period_end) : json_null(),
		"report_day", p->report_day ? json_integer(p->report_day) : json_null(),
		"status", p->status == PLAN_PUBLISHED ? "published" : "draft",
		"nodes", (json_int_t)p->nodes, "tasks", (json_int_t)p->tasks,
		"version", (json_int_t)p->version, "created_at", p->created_at);
}

int
api_plans_parse(struct req *r, struct error *e)
{
	const char *text = in_str(r->json, "text", "");

	/* Open to every signed-in user: it reads and keeps nothing. */

	if ((r->out = plan_text_to_json(text, strlen(text), e)) == NULL)
		return -1;
	return 0;
}

int
api_plans_create(struct req *r, struct error *e)
{
	const char *text = in_str(r->json, "text", "");
	struct plan_rows rows;
	json_t *doc;
	int rc;

	if (may_manage(r, e) != 0 || (doc = plan_text_to_json(text, strlen(text), e)) == NULL)
		return -1;
	rc = plan_rows_from_json(doc, &rows, e);
	json_decref(doc);
	if (rc != 0)
		return -1;
	snprintf(rows.plan.region_code, sizeof(rows.plan.region_code), "%s",
		 in_str(r->json, "region_code", r->user.org_id ? r->org.region_code : ""));
	if (rows.plan.region_code[0] == '\0') {
		plan_rows_free(&rows);
		return err_set(e, ERR_INVALID, "region_code", "'region_code' is required");
	}
	rc = store_plan_create(r->st, &r->actor, &r->scope, &rows.plan, text, rows.nodes, rows.n, e);
	if (rc == 0) {
		r->out = json_plan(&rows.plan);
		r->status = 201;
	}
	plan_rows_free(&rows);
	return rc;
}

struct pcollect {
	json_t *items;
	int64_t last;
	json_t *units;   /* name → {lead, co, localities counts} */
};

static int
add_plan(const struct plan_rec *p, void *arg)
{
	struct pcollect *c = arg;

	json_array_append_new(c->items, json_plan(p));
	c->last = p->id;
	return 0;
}

int
api_plans_list(struct req *r, struct error *e)
{
	struct pcollect c = { json_array(), 0, NULL };
	int64_t after, total = 0;
	int limit, more = 0;

	if (http_page(r, &after, &limit, e) != 0 ||
	    store_plan_list(r->st, &r->scope, after, limit, add_plan, &c, &total, &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	http_list(r, c.items, more, c.last, total);
	return 0;
}

/* Count each unit name the outline uses, by the role it plays. */
static void
count_units(json_t *units, const char *list, const char *role)
{
	char buf[PLAN_UNITS_MAX], *name = buf, *sep;

	snprintf(buf, sizeof(buf), "%s", list);
	while (name != NULL && *name != '\0') {
		json_t *u;

		if ((sep = strstr(name, "、")) != NULL)
			*sep = '\0';
		if ((u = json_object_get(units, name)) == NULL) {
			u = json_pack("{s:i,s:i,s:i,s:n,s:n}", "lead", 0, "co", 0, "locality", 0,
				      "org_id", "org_name");
			json_object_set_new(units, name, u);
		}
		json_object_set_new(u, role, json_integer(json_integer_value(json_object_get(u, role)) + 1));
		name = sep ? sep + strlen("、") : NULL;
	}
}

static int
add_node(const struct plan_node_row *nd, void *arg)
{
	struct pcollect *c = arg;
	json_t *detail = json_loads(nd->detail, 0, NULL);

	json_array_append_new(c->items, detail ? detail : json_pack("{s:i}", "id", nd->seq));
	count_units(c->units, nd->lead, "lead");
	count_units(c->units, nd->co, "co");
	count_units(c->units, nd->localities, "locality");
	return 0;
}

static int
add_mapping(const char *name, int64_t org_id, const char *org_name, void *arg)
{
	json_t *u = json_object_get(arg, name);

	if (u != NULL) {
		json_object_set_new(u, "org_id", json_integer(org_id));
		json_object_set_new(u, "org_name", jstr(org_name));
	}
	return 0;
}

int
api_plans_get(struct req *r, struct error *e)
{
	struct plan_rec p;
	struct pcollect c = { json_array(), 0, json_object() };
	json_t *units = json_array(), *v;
	const char *name;

	if (store_plan_get(r->st, &r->scope, r->id, &p, e) != 0 ||
	    store_plan_nodes(r->st, &r->scope, r->id, add_node, &c, e) != 0 ||
	    store_unit_mappings(r->st, p.region_code, add_mapping, c.units, e) != 0) {
		json_decref(c.items);
		json_decref(c.units);
		json_decref(units);
		return -1;
	}
	json_object_foreach(c.units, name, v) {
		json_object_set_new(v, "name", json_string(name));
		json_array_append(units, v);
	}
	json_decref(c.units);
	r->out = json_plan(&p);
	json_object_set_new(r->out, "nodes", c.items);
	json_object_set_new(r->out, "units", units);
	return 0;
}

int
api_plans_source(struct req *r, struct error *e)
{
	if ((r->text = store_plan_source_new(r->st, &r->scope, r->id, e)) == NULL)
		return -1;
	r->text_type = "text/plain; charset=utf-8";
	return 0;
}

int
api_plans_map_unit(struct req *r, struct error *e)
{
	struct plan_rec p;

	if (may_manage(r, e) != 0 || store_plan_get(r->st, &r->scope, r->id, &p, e) != 0 ||
	    store_unit_map(r->st, &r->actor, &r->scope, p.region_code, in_str(r->json, "name", ""),
			   in_int(r->json, "org_id", 0), e) != 0)
		return -1;
	r->out = json_pack("{s:s,s:I}", "name", in_str(r->json, "name", ""), "org_id",
			   (json_int_t)in_int(r->json, "org_id", 0));
	return 0;
}

int
api_plans_publish(struct req *r, struct error *e)
{
	struct publish_result res;
	struct plan_rec p;

	if (may_manage(r, e) != 0)
		return -1;
	if (store_plan_publish(r->st, &r->actor, &r->scope, r->id, in_int(r->json, "version", 0),
			       &res, e) != 0)
		return -1;
	if (store_plan_get(r->st, &r->scope, r->id, &p, e) != 0)
		return -1;
	r->out = json_plan(&p);
	json_object_set_new(r->out, "published", json_pack("{s:I,s:I}", "tasks",
			    (json_int_t)res.tasks, "skipped_units", (json_int_t)res.skipped));
	return 0;
}

static json_t *
json_task(const struct task_rec *t)
{
	static const char *const st[] = { "not_started", "in_progress", "done" };

	return json_pack("{s:I,s:I,s:i,s:I,s:o,s:s,s:o,s:o,s:s,s:i,s:I}",
		"id", (json_int_t)t->id, "plan_id", (json_int_t)t->plan_id, "node", t->node_seq,
		"org_id", (json_int_t)t->org_id, "org_name", jstr(t->org_name), "role", t->role,
		"title", jstr(t->title), "deadline", t->deadline[0] ? jstr(t->deadline) : json_null(),
		"status", st[t->status >= 0 && t->status <= 2 ? t->status : 0],
		"percent", t->percent, "version", (json_int_t)t->version);
}

static int
add_task(const struct task_rec *t, void *arg)
{
	struct pcollect *c = arg;

	json_array_append_new(c->items, json_task(t));
	c->last = t->id;
	return 0;
}

static const struct field actual_fields[] = {
	{ "target", F_INT, F_REQUIRED, 0, TASK_ACTUALS_MAX - 1, NULL, 0,
	  "the target's index in the task node's targets", NULL },
	{ "value", F_NUMBER, F_REQUIRED, -1000000000LL, 1000000000LL, NULL, 0,
	  "the value reached (a decrease or increase: the percentage reached)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field task_report_fields[] = {
	{ "period", F_STRING, 0, 7, 7, NULL, 0, "YYYY-MM (default: this month)", NULL },
	{ "text", F_STRING, F_REQUIRED, 1, HZ_TEXT_MAX - 1, NULL, 0, "what was done", NULL },
	{ "percent", F_INT, F_REQUIRED, 0, 100, NULL, 0, "percent done", NULL },
	{ "actuals", F_OBJECT_LIST, 0, 0, TASK_ACTUALS_MAX, NULL, 0,
	  "actual values of the node's numeric targets", actual_fields },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field reporting_query[] = {
	{ "period", F_STRING, 0, 7, 7, NULL, 0, "YYYY-MM (default: this month)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static json_t *
json_task_report(const struct task_report *r)
{
	json_t *actuals = json_array();

	for (int i = 0; i < r->nactuals; i++)
		json_array_append_new(actuals, json_pack("{s:i,s:f}", "target", r->actuals[i].target,
							 "value", r->actuals[i].value));
	return json_pack("{s:I,s:I,s:s,s:o,s:i,s:s,s:b,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)r->id,
		"task_id", (json_int_t)r->task_id, "period", r->period, "text", jstr(r->text),
		"percent", r->percent, "due", r->due, "late", r->late, "submitted_at", r->submitted_at,
		"reporter", jstr(r->reporter), "org_name", jstr(r->org_name), "actuals", actuals,
		"attachments", json_task_report_files(r));
}

/* This month (Asia/Shanghai) as "YYYY-MM". */
static void
this_month(char out[8])
{
	char d[DATE_LEN];

	date_format(http_today(), d);
	memcpy(out, d, 7);
	out[7] = '\0';
}

int
api_tasks_get(struct req *r, struct error *e)
{
	struct task_rec t;

	if (store_task_get(r->st, &r->scope, r->id, &t, e) != 0)
		return -1;
	r->out = json_task(&t);
	return 0;
}

int
api_task_report_create(struct req *r, struct error *e)
{
	struct task_report *rep = calloc(1, sizeof(*rep));
	char month[8];
	const char *period = in_str(r->json, "period", NULL);
	struct task_actual actuals[TASK_ACTUALS_MAX];
	json_t *list = json_object_get(r->json, "actuals"), *item;
	size_t i;
	int rc = -1, n = 0;

	if (rep == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	json_array_foreach(list, i, item) {
		if (n == TASK_ACTUALS_MAX)
			break;
		actuals[n].target = (int)in_int(item, "target", 0);
		actuals[n++].value = json_number_value(json_object_get(item, "value"));
	}
	this_month(month);
	if (store_task_report(r->st, &r->actor, &r->scope, r->id, r->user.org_id,
			      period ? period : month, in_str(r->json, "text", ""),
			      (int)in_int(r->json, "percent", 0), actuals, n, http_today(), rep,
			      e) == 0) {
		snprintf(rep->reporter, sizeof(rep->reporter), "%s", r->user.name);
		r->out = json_task_report(rep);
		r->status = 201;
		rc = 0;
	}
	free(rep);
	return rc;
}

static int
add_task_report(const struct task_report *rep, void *arg)
{
	json_array_append_new((json_t *)arg, json_task_report(rep));
	return 0;
}

int
api_task_reports_list(struct req *r, struct error *e)
{
	json_t *items = json_array();

	if (store_task_reports(r->st, &r->scope, r->id, add_task_report, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	r->out = json_pack("{s:o,s:n,s:I}", "items", items, "next", "total",
			   (json_int_t)json_array_size(items));
	return 0;
}

static int
add_reporting(const struct reporting_row *row, void *arg)
{
	struct pcollect *c = arg;

	json_array_append_new(c->items, json_pack("{s:I,s:o,s:I,s:o,s:o,s:b,s:o,s:o,s:o}",
		"task_id", (json_int_t)row->task_id, "title", jstr(row->title),
		"org_id", (json_int_t)row->org_id, "org_name", jstr(row->org_name),
		"deadline", row->deadline[0] ? jstr(row->deadline) : json_null(),
		"reported", row->reported,
		"late", row->reported ? json_boolean(row->late) : json_null(),
		"percent", row->reported ? json_integer(row->percent) : json_null(),
		"submitted_at", row->reported ? jstr(row->submitted_at) : json_null()));
	c->last = row->task_id;
	return 0;
}

int
api_plans_reporting(struct req *r, struct error *e)
{
	struct pcollect c = { json_array(), 0, NULL };
	const char *period = http_query(r, "period");
	char month[8];
	int64_t after, total = 0, reported = 0;
	int limit, more = 0;

	this_month(month);
	if (period == NULL)
		period = month;
	{
		int y, m;
		char tail;

		if (strlen(period) != 7 || period[4] != '-' ||
		    sscanf(period, "%4d-%2d%c", &y, &m, &tail) != 2 || y < 2000 || m < 1 || m > 12)
			return err_set(e, ERR_INVALID, "period", "'%.20s' is not a month (YYYY-MM)", period);
	}
	if (http_page(r, &after, &limit, e) != 0 ||
	    store_plan_reporting(r->st, &r->scope, r->id, period, after, limit, add_reporting, &c,
				 &total, &reported, &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	http_list(r, c.items, more, c.last, total);
	json_object_set_new(r->out, "period", json_string(period));
	{
		struct plan_rec p;
		int y = 0, m = 0;
		char due[DATE_LEN] = "";

		/* Due on the plan's report day of the month, else its last day. */
		if (store_plan_get(r->st, &r->scope, r->id, &p, e) == 0 &&
		    sscanf(period, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12) {
			int last = date_month_days(y, m);

			date_format(date_from_ymd(y, m, p.report_day > 0 && p.report_day <= last
						  ? p.report_day : last), due);
		}
		json_object_set_new(r->out, "due", due[0] ? json_string(due) : json_null());
	}
	json_object_set_new(r->out, "reported", json_integer(reported));
	json_object_set_new(r->out, "missing", json_integer(total - reported));
	return 0;
}

int
api_tasks_list(struct req *r, struct error *e)
{
	struct pcollect c = { json_array(), 0, NULL };
	const char *v;
	char today[DATE_LEN];
	int64_t after, plan = 0, org = 0, total = 0;
	int limit, more = 0, overdue = 0;

	date_format(http_today(), today);
	if (http_page(r, &after, &limit, e) != 0)
		goto out_fail;
	if ((v = http_query(r, "plan")) != NULL && (plan = strtoll(v, NULL, 10)) <= 0) {
		err_set(e, ERR_INVALID, "plan", "plan must be an id");
		goto out_fail;
	}
	if ((v = http_query(r, "org")) != NULL && (org = strtoll(v, NULL, 10)) <= 0) {
		err_set(e, ERR_INVALID, "org", "org must be an id");
		goto out_fail;
	}
	if ((v = http_query(r, "overdue")) != NULL)
		overdue = model_lookup(yesno, 2, v) == 1;
	if (store_task_list(r->st, &r->scope, plan, org, overdue, today, after, limit, add_task, &c,
			    &total, &more, e) != 0)
		goto out_fail;
	http_list(r, c.items, more, c.last, total);
	return 0;
out_fail:
	json_decref(c.items);
	return -1;
}
