/*
 * api_stats.c — hazard statistics (per region subtree, industry, year) with
 * 动态清零, and the workbench's to-dos. Every number is counted from the
 * hazards the caller may see; a rate with nothing to divide by is null.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/hazard.h"
#include "core/inspect.h"
#include "core/risk.h"
#include "core/utf8.h"
#include "core/plan_lists.h"
#include "http/http_int.h"

const struct field stats_query[] = {
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree (default: yours)", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	{ "year", F_INT, 0, 2000, 2100, NULL, 0, "year found (default: this year)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static json_t *
rate(int64_t num, int64_t den)
{
	return den > 0 ? json_real((double)num / (double)den) : json_null();
}

static json_t *
stats_json(const struct hazard_stats_row *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "found", json_integer(r->found));
	json_object_set_new(j, "closed", json_integer(r->closed));
	json_object_set_new(j, "open", json_integer(r->open));
	json_object_set_new(j, "overdue", json_integer(r->overdue));
	json_object_set_new(j, "closed_on_time", json_integer(r->closed_on_time));
	json_object_set_new(j, "extended", json_integer(r->extended));
	json_object_set_new(j, "major", json_integer(r->major));
	json_object_set_new(j, "closure_rate", rate(r->closed, r->found));
	json_object_set_new(j, "on_time_rate", rate(r->closed_on_time, r->closed));
	json_object_set_new(j, "mean_days_to_close",
			    r->closed > 0 ? json_real(r->days_to_close / (double)r->closed) : json_null());
	return j;
}

struct groups {
	struct req *r;
	enum stats_group g;
	json_t *arr;
	struct hazard_stats_row total;
	const char *year;      /* "YYYY" for the month groups */
};

static int
add_group(const struct hazard_stats_row *row, void *arg)
{
	struct groups *c = arg;
	json_t *j;
	struct industry ind;
	struct region reg;
	struct error e;
	char code[48];
	int i;

	switch (c->g) {
	case SG_TOTAL:
		c->total = *row;
		return 0;
	case SG_MONTH_FOUND:
	case SG_MONTH_CLOSED:
		/* One array of months, both counts: merged in api_stats_hazards. */
		if (strncmp(row->key, c->year, 4) != 0)
			return 0;
		j = json_pack("{s:s,s:I}", "month", row->key,
			      c->g == SG_MONTH_FOUND ? "found" : "closed",
			      (json_int_t)(c->g == SG_MONTH_FOUND ? row->found : row->closed));
		json_array_append_new(c->arr, j);
		return 0;
	default:
		break;
	}
	j = stats_json(row);
	if (c->g == SG_GRADE && (i = atoi(row->key)) >= 0 && i < HG__MAX)
		json_object_set_new(j, "key", json_string(hazard_grade_names[i]));
	else if (c->g == SG_SOURCE && (i = atoi(row->key)) >= 0 && i < HS__MAX)
		json_object_set_new(j, "key", json_string(hazard_source_names[i]));
	else if (c->g == SG_INDUSTRY) {
		int64_t id = strtoll(row->key, NULL, 10);

		json_object_set_new(j, "key", id ? json_integer(id) : json_null());
		json_object_set_new(j, "name", id && store_industry_get(c->r->st, id, &ind, &e) == 0
					       ? jstr(ind.name) : json_string("未分类"));
	} else if (c->g == SG_CHILD_REGION) {
		snprintf(code, sizeof(code), "%s000000000000", row->key);
		code[REGION_CODE_LEN] = '\0';
		json_object_set_new(j, "key", json_string(code));
		json_object_set_new(j, "name", store_region_get(c->r->st, code, &reg, &e) == 0
					       ? jstr(reg.name) : json_null());
	}
	json_array_append_new(c->arr, j);
	return 0;
}

/* Merge the found-by-month and closed-by-month arrays into twelve months. */
static json_t *
months(int year, json_t *found, json_t *closed)
{
	json_t *out = json_array(), *v;
	size_t i;
	char key[8];

	for (int m = 1; m <= 12; m++) {
		json_int_t f = 0, c = 0;

		snprintf(key, sizeof(key), "%04u-%02u", (unsigned)year % 10000u, (unsigned)m % 13u);
		json_array_foreach(found, i, v)
			if (strcmp(json_string_value(json_object_get(v, "month")), key) == 0)
				f = json_integer_value(json_object_get(v, "found"));
		json_array_foreach(closed, i, v)
			if (strcmp(json_string_value(json_object_get(v, "month")), key) == 0)
				c = json_integer_value(json_object_get(v, "closed"));
		json_array_append_new(out, json_pack("{s:s,s:I,s:I}", "month", key, "found", f,
						     "closed", c));
	}
	return out;
}

int
api_stats_hazards(struct req *r, struct error *e)
{
	static const struct { enum stats_group g; const char *name; } groups[] = {
		{ SG_GRADE, "by_grade" }, { SG_SOURCE, "by_source" },
		{ SG_INDUSTRY, "by_industry" }, { SG_CHILD_REGION, "by_region" },
	};
	const char *region = http_query(r, "region"), *v;
	int64_t industry = 0;
	int year, y, m, d;
	char from[DATE_LEN], to[DATE_LEN], today[DATE_LEN], ystr[8];
	struct groups c = { .r = r };
	struct zero_clearance zc;
	json_t *out = json_object(), *mf, *mc;
	int32_t t = http_today();

	date_format(t, today);
	date_to_ymd(t, &y, &m, &d);
	year = (v = http_query(r, "year")) ? atoi(v) : y;
	if (year < 2000 || year > 2100) {
		json_decref(out);
		return err_set(e, ERR_INVALID, "year", "year must be from 2000 to 2100");
	}
	if ((v = http_query(r, "industry")) != NULL && (industry = strtoll(v, NULL, 10)) <= 0) {
		json_decref(out);
		return err_set(e, ERR_INVALID, "industry", "industry must be an id");
	}
	if (region != NULL && region_level_of(region) < 0) {
		json_decref(out);
		return err_set(e, ERR_INVALID, "region", "region must be a 12-digit code");
	}
	snprintf(from, sizeof(from), "%04d-01-01", year % 10000);
	snprintf(to, sizeof(to), "%04d-12-31", year % 10000);
	snprintf(ystr, sizeof(ystr), "%04d", year % 10000);
	c.year = ystr;
	c.g = SG_TOTAL;
	/* one snapshot: the groups add up to the total */
	if (store_read_begin(r->st, e) != 0) {
		json_decref(out);
		return -1;
	}
	if (store_hazard_stats(r->st, &r->scope, region, industry, from, to, today, SG_TOTAL,
			       add_group, &c, e) != 0)
		goto out_fail;
	json_object_set_new(out, "year", json_integer(year));
	json_object_set_new(out, "region", region ? json_string(region) : json_null());
	json_object_set_new(out, "industry", industry ? json_integer(industry) : json_null());
	json_object_set_new(out, "as_of", json_string(today));
	json_object_set_new(out, "total", stats_json(&c.total));
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		c.g = groups[i].g;
		c.arr = json_array();
		json_object_set_new(out, groups[i].name, c.arr);
		if (store_hazard_stats(r->st, &r->scope, region, industry, from, to, today, c.g,
				       add_group, &c, e) != 0)
			goto out_fail;
	}
	/* Found per month among this year's; closed per month among all closed
	 * this year, whenever found. */
	mf = c.arr = json_array();
	c.g = SG_MONTH_FOUND;
	if (store_hazard_stats(r->st, &r->scope, region, industry, from, to, today, c.g, add_group,
			       &c, e) != 0) {
		json_decref(mf);
		goto out_fail;
	}
	mc = c.arr = json_array();
	c.g = SG_MONTH_CLOSED;
	if (store_hazard_stats(r->st, &r->scope, region, industry, "1900-01-01", to, today, c.g,
			       add_group, &c, e) != 0) {
		json_decref(mf);
		json_decref(mc);
		goto out_fail;
	}
	json_object_set_new(out, "by_month", months(year, mf, mc));
	json_decref(mf);
	json_decref(mc);
	if (store_zero_clearance(r->st, &r->scope, region, industry, from, to, &zc, e) != 0)
		goto out_fail;
	json_object_set_new(out, "zero_clearance",
			    json_pack("{s:I,s:I,s:I,s:I}", "carried_in", (json_int_t)zc.carried_in,
				      "found", (json_int_t)zc.found, "closed", (json_int_t)zc.closed,
				      "still_open", (json_int_t)zc.still_open));
	if (store_tx_commit(r->st, e) != 0) {
		json_decref(out);
		return -1;
	}
	r->out = out;
	return 0;
out_fail:
	store_tx_rollback(r->st);
	json_decref(out);
	return -1;
}

/* ---- workbench ---- */

/* At most this many to-dos in all, and of each kind drawn from the hazard
 * lists (overdue, due within three days, waiting for my acceptance): a
 * city's hundreds of overdue hazards must not push the other kinds out.
 * The counts, and the lists they open, give the rest. */
#define WB_ITEMS_MAX 100
#define WB_ITEMS_PER_KIND 10

struct todo_ctx {
	json_t *todos;
	const struct hazard_actor *who;
	int32_t today;
	int n;
	int kind_n;             /* to-dos of the hazard list being read */
};

static void
todo(struct todo_ctx *c, const char *kind, const char *severity, const struct hazard *h,
     const char *label)
{
	char title[NAME_MAX_BYTES + 64], link[48];

	snprintf(title, sizeof(title), "%s %s：%.*s", label, h->code, (int)utf8_prefix(h->title, 200),
		 h->title);
	snprintf(link, sizeof(link), "#/hazards/%lld", (long long)h->id);
	json_array_append_new(c->todos, json_pack("{s:s,s:o,s:o,s:s,s:s}", "kind", kind, "title",
		jstr(title), "due", h->deadline[0] ? jstr(h->deadline) : json_null(), "link", link,
		"severity", severity));
	c->n++;
	c->kind_n++;
}

/* Whether the hazard list being read has given all the to-dos it may. */
static int
todos_full(const struct todo_ctx *c)
{
	return c->n >= WB_ITEMS_MAX || c->kind_n >= WB_ITEMS_PER_KIND;
}

static int
todo_overdue(const struct hazard *h, void *arg)
{
	todo(arg, "overdue", "danger", h, "已逾期");
	return todos_full(arg);
}

/* Sorted by deadline: stop at the first beyond three days. */
static int
todo_due_soon(const struct hazard *h, void *arg)
{
	struct todo_ctx *c = arg;
	int32_t dl;

	if (date_parse(h->deadline, &dl) != 0 || dl > c->today + 3)
		return 1;
	if (dl >= c->today)
		todo(c, "due_soon", "warning", h, "3日内到期");
	return todos_full(c);
}

static int
todo_pending(const struct hazard *h, void *arg)
{
	struct todo_ctx *c = arg;

	if (hazard_allowed(h, c->who) & (1u << HE_ACCEPT))
		todo(c, "pending_acceptance", "info", h, "待验收");
	return todos_full(c);
}

static int
todo_notice(const struct notification *n, void *arg)
{
	struct todo_ctx *c = arg;
	char link[48];

	if (n->read_at[0] != '\0' || strcmp(n->kind, "notice") == 0)
		return 0;   /* notices are listed with their reply state below */
	/* the yearly risk report's reminders concern no hazard: they open the reports */
	if (n->hazard_id == 0 && strncmp(n->kind, "risk_report_", 12) == 0)
		snprintf(link, sizeof(link), "#/risks/reports");
	else
		snprintf(link, sizeof(link), "#/hazards/%lld", (long long)n->hazard_id);
	json_array_append_new(c->todos, json_pack("{s:s,s:o,s:o,s:s,s:s}", "kind", n->kind,
		"title", jstr(n->title), "due", n->due[0] ? jstr(n->due) : json_null(),
		"link", link, "severity", strcmp(n->kind, "risk_report_due_soon") == 0 ? "warning" : "danger"));
	return ++c->n >= WB_ITEMS_MAX;
}

/* Notices aimed at the user's org: listed, and a to-do while unreplied. */
struct notice_ctx {
	json_t *items;
	struct todo_ctx *todo;
};

static int
wb_notice(const struct notice *n, void *arg)
{
	struct notice_ctx *c = arg;
	char link[48], title[NAME_MAX_BYTES + NOTICE_CODE_MAX];
	int32_t due;
	int over = n->due_on[0] != '\0' && date_parse(n->due_on, &due) == 0 && c->todo->today > due;

	snprintf(link, sizeof(link), "#/notices/%lld", (long long)n->id);
	json_array_append_new(c->items, json_pack("{s:I,s:o,s:s,s:o,s:o,s:o,s:s,s:b}",
		"id", (json_int_t)n->id, "code", jstr(n->code), "kind", notice_kind_names[n->kind],
		"title", jstr(n->title), "issuer_name", jstr(n->issuer_name),
		"due_on", n->due_on[0] ? jstr(n->due_on) : json_null(),
		"my_reply", n->mine > 0 ? "replied" : "pending", "overdue", over && n->mine == 0));
	if (n->mine == 0 && n->kind == NOTICE_SUPERVISE && c->todo->n < WB_ITEMS_MAX) {
		snprintf(title, sizeof(title), "%s %s", n->code, n->title);
		json_array_append_new(c->todo->todos, json_pack("{s:s,s:o,s:o,s:s,s:s}", "kind", "notice",
			"title", jstr(title), "due", n->due_on[0] ? jstr(n->due_on) : json_null(),
			"link", link, "severity", over ? "danger" : "warning"));
		c->todo->n++;
	}
	return 0;
}

static int
count_hazards(struct req *r, int status, int overdue, int64_t *total, struct error *e)
{
	struct hazard_filter f;

	memset(&f, 0, sizeof(f));
	f.status = status;
	f.grade = f.source = -1;
	f.overdue_only = overdue;
	f.limit = 1;
	date_format(http_today(), f.today);
	return store_hazard_list(r->st, &r->scope, &f, NULL, NULL, total, NULL, e);
}

static int
count_only(const struct org *o, void *arg)
{
	(void)o;
	(void)arg;
	return 1;
}

/* The enterprises due for inspection this period (the regulators' due
 * list, DESIGN §3.3): how many in all, and a to-do while red ones are
 * among them, due by the end of red's period. */
static int
wb_inspections_due(struct req *r, struct todo_ctx *c, int64_t *total, struct error *e)
{
	const struct inspect_freq *freq = &r->cfg->inspect;
	struct due_filter f;
	int64_t counts[RL__MAX];
	int32_t start, end;
	char title[96], due[DATE_LEN];

	memset(&f, 0, sizeof(f));
	f.colour = f.after_colour = -1;
	f.limit = 1;
	if (store_inspection_due(r->st, &r->scope, freq, c->today, &f, NULL, NULL, counts, NULL,
				 e) != 0)
		return -1;
	*total = 0;
	for (int l = 0; l < RL__MAX; l++)
		*total += counts[l];
	if (counts[RL_MAJOR] == 0 || c->n >= WB_ITEMS_MAX ||
	    inspect_period(freq->months[RL_MAJOR], c->today, &start, &end) != 0)
		return 0;
	snprintf(title, sizeof(title), "红色（重大风险）企业 %lld 家本期尚未检查",
		 (long long)counts[RL_MAJOR]);
	date_format(end, due);
	json_array_append_new(c->todos, json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind", "inspections_due",
		"title", title, "due", due, "link", "#/inspections?tab=due&colour=red",
		"severity", "danger"));
	c->n++;
	return 0;
}

int
api_workbench(struct req *r, struct error *e)
{
	struct org_filter of = { .kind = -1, .limit = 1 };
	struct hazard_filter f;
	struct hazard_actor who;
	struct todo_ctx c = { json_array(), &who, http_today(), 0, 0 };
	json_t *notices = json_array();
	int64_t orgs = 0, enterprises = 0, open = 0, rect = 0, pending = 0, overdue = 0, due = 0;
	/* The due lists are the regulators' (api_inspections_due). */
	int inspects = r->user.role != ROLE_ENTERPRISE;

	http_hazard_actor(r, &who);
	memset(&f, 0, sizeof(f));
	f.grade = f.source = -1;
	f.limit = 100;
	date_format(c.today, f.today);
	if (r->user.org_id != 0 &&
	    store_notifications(r->st, r->user.org_id, 20, todo_notice, &c, e) != 0)
		goto out_fail;
	if (r->user.org_id != 0) {
		struct notice_ctx nc = { notices, &c };
		int64_t ntotal = 0;
		int nmore = 0;

		if (store_notice_list(r->st, &r->scope, r->user.org_id, -1, 0, r->user.org_id, 0, 20,
				      wb_notice, &nc, &ntotal, &nmore, e) != 0)
			goto out_fail;
	}
	/* Before the hazards, whose to-dos may fill the list. */
	if (inspects && wb_inspections_due(r, &c, &due, e) != 0)
		goto out_fail;
	/* Overdue ones newest first (by deadline, a city's tens of thousands
	 * would be sorted on every visit: seconds at a million hazards); due
	 * ones soonest first. */
	f.status = -1;
	f.overdue_only = 1;
	c.kind_n = 0;
	if (store_hazard_list(r->st, &r->scope, &f, todo_overdue, &c, &overdue, NULL, e) != 0)
		goto out_fail;
	f.overdue_only = 0;
	f.status = HZ_RECTIFYING;
	f.by_due = 1;
	c.kind_n = 0;
	if (store_hazard_list(r->st, &r->scope, &f, todo_due_soon, &c, &rect, NULL, e) != 0)
		goto out_fail;
	f.by_due = 0;
	f.status = HZ_PENDING_ACCEPTANCE;
	c.kind_n = 0;
	if (store_hazard_list(r->st, &r->scope, &f, todo_pending, &c, &pending, NULL, e) != 0)
		goto out_fail;
	if (count_hazards(r, HZ_OPEN, 0, &open, e) != 0 ||
	    store_org_list(r->st, &r->scope, &of, count_only, NULL, &orgs, NULL, e) != 0)
		goto out_fail;
	of.kind = ORG_ENTERPRISE;
	if (store_org_list(r->st, &r->scope, &of, count_only, NULL, &enterprises, NULL, e) != 0)
		goto out_fail;
	r->out = json_pack("{s:o,s:i,s:o,s:{s:I,s:I,s:I,s:I,s:I}}", "todos", c.todos,
			   "todos_per_kind", WB_ITEMS_PER_KIND, "notices", notices, "counts",
			   "orgs", (json_int_t)orgs, "enterprises", (json_int_t)enterprises,
			   "hazards_open", (json_int_t)(open + rect + pending),
			   "hazards_overdue", (json_int_t)overdue, "hazards_pending", (json_int_t)pending);
	if (inspects)
		json_object_set_new(json_object_get(r->out, "counts"), "inspections_due",
				    json_integer(due));
	return 0;
out_fail:
	json_decref(c.todos);
	json_decref(notices);
	return -1;
}
