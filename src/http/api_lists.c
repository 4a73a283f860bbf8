/*
 * api_lists.c — the two lists of a plan (问题隐患清单, 制度措施清单), the
 * yearly and final reports of its orgs, and its report days. An org's own
 * users keep its lists and file its reports; the office, admins and leaders
 * read those of every org they see, other roles their own org's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/plan_lists.h"
#include "http/http_int.h"

const struct field problem_create_fields[] = {
	{ "hazard_id", F_ID, 0, 0, 0, NULL, 0, "a hazard of the hazard network (instead of the fields below)", NULL },
	{ "task_id", F_ID, F_NULLABLE, 0, 0, NULL, 0, "the task of your org it concerns", NULL },
	{ "description", F_STRING, 0, 0, LIST_TEXT_MAX - 1, NULL, 0, "the problem", NULL },
	{ "found_on", F_DATE, 0, 0, 0, NULL, 0, "when it was found", NULL },
	{ "measures", F_STRING, 0, 0, LIST_TEXT_MAX - 1, NULL, 0, "the rectification measure", NULL },
	{ "responsible", F_STRING, 0, 0, TEXT_SMALL - 1, NULL, 0, "who is responsible", NULL },
	{ "deadline", F_DATE, 0, 0, 0, NULL, 0, "by when it is fixed", NULL },
	{ "status", F_ENUM, 0, 0, 0, problem_status_names, PROB_STATUS__MAX, "open, rectifying or closed", NULL },
	{ "closed_on", F_DATE, F_NULLABLE, 0, 0, NULL, 0, "when it was closed (closed only)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field problem_update_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you changed", NULL },
	{ "task_id", F_ID, F_NULLABLE, 0, 0, NULL, 0, "the task of your org it concerns", NULL },
	{ "description", F_STRING, 0, 0, LIST_TEXT_MAX - 1, NULL, 0, "the problem", NULL },
	{ "found_on", F_DATE, 0, 0, 0, NULL, 0, "when it was found", NULL },
	{ "measures", F_STRING, 0, 0, LIST_TEXT_MAX - 1, NULL, 0, "the rectification measure", NULL },
	{ "responsible", F_STRING, 0, 0, TEXT_SMALL - 1, NULL, 0, "who is responsible", NULL },
	{ "deadline", F_DATE, 0, 0, 0, NULL, 0, "by when it is fixed", NULL },
	{ "status", F_ENUM, 0, 0, 0, problem_status_names, PROB_STATUS__MAX, "forward only: open → rectifying → closed", NULL },
	{ "closed_on", F_DATE, F_NULLABLE, 0, 0, NULL, 0, "when it was closed (closed only)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field measure_create_fields[] = {
	{ "kind", F_ENUM, F_REQUIRED, 0, 0, plan_measure_kind_names, MEAS_KIND__MAX, "rule (制度), standard (标准) or mechanism (机制)", NULL },
	{ "title", F_STRING, F_REQUIRED, 1, LIST_TITLE_MAX - 1, NULL, 0, "its title", NULL },
	{ "description", F_STRING, 0, 0, LIST_TEXT_MAX - 1, NULL, 0, "what it settles", NULL },
	{ "task_id", F_ID, F_NULLABLE, 0, 0, NULL, 0, "the task of your org it serves", NULL },
	{ "status", F_ENUM, 0, 0, 0, measure_status_names, MEAS_STATUS__MAX, "planned, drafting or issued", NULL },
	{ "doc_number", F_STRING, 0, 0, TEXT_SMALL - 1, NULL, 0, "文号 of the issuing document (issued)", NULL },
	{ "issued_on", F_DATE, F_NULLABLE, 0, 0, NULL, 0, "when it was issued (issued)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field measure_update_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you changed", NULL },
	{ "kind", F_ENUM, 0, 0, 0, plan_measure_kind_names, MEAS_KIND__MAX, "rule, standard or mechanism", NULL },
	{ "title", F_STRING, 0, 1, LIST_TITLE_MAX - 1, NULL, 0, "its title", NULL },
	{ "description", F_STRING, 0, 0, LIST_TEXT_MAX - 1, NULL, 0, "what it settles", NULL },
	{ "task_id", F_ID, F_NULLABLE, 0, 0, NULL, 0, "the task of your org it serves", NULL },
	{ "status", F_ENUM, 0, 0, 0, measure_status_names, MEAS_STATUS__MAX, "forward only: planned → drafting → issued", NULL },
	{ "doc_number", F_STRING, 0, 0, TEXT_SMALL - 1, NULL, 0, "文号 of the issuing document (issued)", NULL },
	{ "issued_on", F_DATE, F_NULLABLE, 0, 0, NULL, 0, "when it was issued (issued)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field list_query[] = {
	{ "org", F_ID, 0, 0, 0, NULL, 0, "only this org's entries", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field plan_report_fields[] = {
	{ "period", F_STRING, F_REQUIRED, 4, 5, NULL, 0, "a year (2026, 年度报告) or final (总结报告)", NULL },
	{ "text", F_STRING, F_REQUIRED, 1, LIST_TEXT_MAX - 1, NULL, 0, "the report", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field plan_report_query[] = {
	{ "period", F_STRING, 0, 4, 5, NULL, 0, "a year or final (default: this year)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field plan_update_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you changed", NULL },
	{ "report_day", F_INT, F_NULLABLE, 1, 31, NULL, 0, "day of the month of the monthly reports (null: the month's end)", NULL },
	{ "year_report_day", F_STRING, 0, 5, 5, NULL, 0, "MM-DD of the yearly report (default 12-20)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static json_t *
opt_id(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *
opt_str(const char *s)
{
	return s[0] ? jstr(s) : json_null();
}

static json_t *
json_problem(const struct plan_problem *p)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(p->id));
	json_object_set_new(j, "plan_id", json_integer(p->plan_id));
	json_object_set_new(j, "org_id", json_integer(p->org_id));
	json_object_set_new(j, "org_name", jstr(p->org_name));
	json_object_set_new(j, "task_id", opt_id(p->task_id));
	json_object_set_new(j, "hazard", p->hazard_id == 0 ? json_null() :
		json_pack("{s:I,s:o,s:o}", "id", (json_int_t)p->hazard_id, "code", jstr(p->hazard_code),
			  "title", jstr(p->hazard_title)));
	json_object_set_new(j, "description", jstr(p->description));
	json_object_set_new(j, "found_on", opt_str(p->found_on));
	json_object_set_new(j, "measures", jstr(p->measures));
	json_object_set_new(j, "responsible", jstr(p->responsible));
	json_object_set_new(j, "deadline", opt_str(p->deadline));
	json_object_set_new(j, "status", json_string(problem_status_names[p->status]));
	json_object_set_new(j, "closed_on", opt_str(p->closed_on));
	json_object_set_new(j, "version", json_integer(p->version));
	json_object_set_new(j, "created_at", jstr(p->created_at));
	json_object_set_new(j, "updated_at", jstr(p->updated_at));
	return j;
}

static json_t *
json_measure(const struct plan_measure *m)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(m->id));
	json_object_set_new(j, "plan_id", json_integer(m->plan_id));
	json_object_set_new(j, "org_id", json_integer(m->org_id));
	json_object_set_new(j, "org_name", jstr(m->org_name));
	json_object_set_new(j, "task_id", opt_id(m->task_id));
	json_object_set_new(j, "kind", json_string(plan_measure_kind_names[m->kind]));
	json_object_set_new(j, "title", jstr(m->title));
	json_object_set_new(j, "description", jstr(m->description));
	json_object_set_new(j, "status", json_string(measure_status_names[m->status]));
	json_object_set_new(j, "doc_number", jstr(m->doc_number));
	json_object_set_new(j, "issued_on", opt_str(m->issued_on));
	json_object_set_new(j, "version", json_integer(m->version));
	json_object_set_new(j, "created_at", jstr(m->created_at));
	json_object_set_new(j, "updated_at", jstr(m->updated_at));
	return j;
}

/* Copy the fields the body has over p (a string field that is null clears). */
static void
body_str(const json_t *o, const char *k, char *buf, size_t n)
{
	if (!in_has(o, k))
		return;
	if (json_is_null(json_object_get(o, k)))
		buf[0] = '\0';
	else
		in_copy(o, k, buf, n);
}

static void
body_id(const json_t *o, const char *k, int64_t *v)
{
	if (in_has(o, k))
		*v = json_is_null(json_object_get(o, k)) ? 0 : in_int(o, k, 0);
}

static void
problem_from_body(const json_t *o, struct plan_problem *p)
{
	body_id(o, "task_id", &p->task_id);
	body_str(o, "description", p->description, sizeof(p->description));
	body_str(o, "found_on", p->found_on, sizeof(p->found_on));
	body_str(o, "measures", p->measures, sizeof(p->measures));
	body_str(o, "responsible", p->responsible, sizeof(p->responsible));
	body_str(o, "deadline", p->deadline, sizeof(p->deadline));
	body_str(o, "closed_on", p->closed_on, sizeof(p->closed_on));
	if (in_has(o, "status"))
		p->status = in_enum(o, "status", problem_status_names, PROB_STATUS__MAX, p->status);
}

static void
measure_from_body(const json_t *o, struct plan_measure *m)
{
	body_id(o, "task_id", &m->task_id);
	body_str(o, "title", m->title, sizeof(m->title));
	body_str(o, "description", m->description, sizeof(m->description));
	body_str(o, "doc_number", m->doc_number, sizeof(m->doc_number));
	body_str(o, "issued_on", m->issued_on, sizeof(m->issued_on));
	if (in_has(o, "kind"))
		m->kind = in_enum(o, "kind", plan_measure_kind_names, MEAS_KIND__MAX, m->kind);
	if (in_has(o, "status"))
		m->status = in_enum(o, "status", measure_status_names, MEAS_STATUS__MAX, m->status);
}

struct lcollect {
	json_t *items;
	int64_t last;
};

static int
add_problem(const struct plan_problem *p, void *arg)
{
	struct lcollect *c = arg;

	json_array_append_new(c->items, json_problem(p));
	c->last = p->id;
	return 0;
}

static int
add_measure(const struct plan_measure *m, void *arg)
{
	struct lcollect *c = arg;

	json_array_append_new(c->items, json_measure(m));
	c->last = m->id;
	return 0;
}

static int
query_org(struct req *r, int64_t *org, struct error *e)
{
	const char *v = http_query(r, "org");

	*org = 0;
	if (v != NULL && (*org = strtoll(v, NULL, 10)) <= 0)
		return err_set(e, ERR_INVALID, "org", "org must be an id");
	return 0;
}

int
api_problems_list(struct req *r, struct error *e)
{
	struct lcollect c = { json_array(), 0 };
	int64_t after, org, total = 0;
	int limit, more = 0;

	if (http_page(r, &after, &limit, e) != 0 || query_org(r, &org, e) != 0 ||
	    store_problem_list(r->st, &r->scope, r->id, org, after, limit, add_problem, &c, &total,
			       &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	http_list(r, c.items, more, c.last, total);
	return 0;
}

int
api_problems_create(struct req *r, struct error *e)
{
	struct plan_problem *p = calloc(1, sizeof(*p));
	int rc = -1;

	if (p == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	p->plan_id = r->id;
	body_id(r->json, "hazard_id", &p->hazard_id);
	problem_from_body(r->json, p);
	if (p->hazard_id != 0 && in_has(r->json, "status"))
		rc = err_set(e, ERR_INVALID, "status", "a linked hazard's status follows the hazard");
	else if (store_problem_create(r->st, &r->actor, &r->scope, r->user.org_id, p, http_today(),
				      e) == 0) {
		r->out = json_problem(p);
		r->status = 201;
		rc = 0;
	}
	free(p);
	return rc;
}

int
api_problems_update(struct req *r, struct error *e)
{
	struct plan_problem *p = calloc(1, sizeof(*p));
	int rc = -1;

	if (p == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	/* Start from the entry as it stands; the store checks it again under
	 * its lock with the version. */
	if (store_problem_get(r->st, &r->scope, r->id, p, e) == 0) {
		problem_from_body(r->json, p);
		if (store_problem_update(r->st, &r->actor, &r->scope, r->user.org_id, r->id,
					 in_int(r->json, "version", 0), p, http_today(), e) == 0) {
			r->out = json_problem(p);
			rc = 0;
		}
	}
	free(p);
	return rc;
}

int
api_measures_list(struct req *r, struct error *e)
{
	struct lcollect c = { json_array(), 0 };
	int64_t after, org, total = 0;
	int limit, more = 0;

	if (http_page(r, &after, &limit, e) != 0 || query_org(r, &org, e) != 0 ||
	    store_measure_list(r->st, &r->scope, r->id, org, after, limit, add_measure, &c, &total,
			       &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	http_list(r, c.items, more, c.last, total);
	return 0;
}

int
api_measures_create(struct req *r, struct error *e)
{
	struct plan_measure *m = calloc(1, sizeof(*m));
	int rc = -1;

	if (m == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	m->plan_id = r->id;
	measure_from_body(r->json, m);
	if (store_measure_create(r->st, &r->actor, &r->scope, r->user.org_id, m, http_today(), e) == 0) {
		r->out = json_measure(m);
		r->status = 201;
		rc = 0;
	}
	free(m);
	return rc;
}

int
api_measures_update(struct req *r, struct error *e)
{
	struct plan_measure *m = calloc(1, sizeof(*m));
	int rc = -1;

	if (m == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_measure_get(r->st, &r->scope, r->id, m, e) == 0) {
		measure_from_body(r->json, m);
		if (store_measure_update(r->st, &r->actor, &r->scope, r->user.org_id, r->id,
					 in_int(r->json, "version", 0), m, http_today(), e) == 0) {
			r->out = json_measure(m);
			rc = 0;
		}
	}
	free(m);
	return rc;
}

/* ---- yearly and final reports ---- */

static json_t *
json_plan_report(const struct plan_report_row *row)
{
	int filed = row->report_id != 0;

	return json_pack("{s:I,s:o,s:b,s:o,s:o,s:o,s:o}", "org_id", (json_int_t)row->org_id,
		"org_name", jstr(row->org_name), "reported", filed,
		"late", filed ? json_boolean(row->late) : json_null(),
		"submitted_at", filed ? jstr(row->submitted_at) : json_null(),
		"text", filed ? jstr(row->text) : json_null(),
		"reporter", filed ? jstr(row->reporter) : json_null());
}

int
api_plan_report_create(struct req *r, struct error *e)
{
	struct plan_report_row *row = calloc(1, sizeof(*row));
	const char *period = in_str(r->json, "period", "");
	int rc = -1;

	if (row == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_plan_report(r->st, &r->actor, &r->scope, r->user.org_id, r->id, period,
			      in_str(r->json, "text", ""), http_today(), row, e) == 0) {
		snprintf(row->reporter, sizeof(row->reporter), "%s", r->user.name);
		r->out = json_plan_report(row);
		json_object_set_new(r->out, "period", json_string(period));
		r->status = 201;
		rc = 0;
	}
	free(row);
	return rc;
}

static int
add_plan_report(const struct plan_report_row *row, void *arg)
{
	struct lcollect *c = arg;

	json_array_append_new(c->items, json_plan_report(row));
	c->last = row->org_id;
	return 0;
}

int
api_plan_reports_board(struct req *r, struct error *e)
{
	struct lcollect c = { json_array(), 0 };
	struct plan_rec p;
	const char *period = http_query(r, "period");
	char year[8], today[DATE_LEN], due[DATE_LEN];
	int32_t d;
	int64_t after, total = 0, reported = 0;
	int limit, more = 0;

	date_format(http_today(), today);
	snprintf(year, sizeof(year), "%.4s", today);
	if (period == NULL)
		period = year;
	if (http_page(r, &after, &limit, e) != 0 || store_plan_get(r->st, &r->scope, r->id, &p, e) != 0 ||
	    plan_report_due(&p, period, &d, e) != 0 ||
	    store_plan_report_board(r->st, &r->scope, r->id, period, after, limit, add_plan_report, &c,
				    &total, &reported, &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	date_format(d, due);
	http_list(r, c.items, more, c.last, total);
	json_object_set_new(r->out, "period", json_string(period));
	json_object_set_new(r->out, "due", json_string(due));
	json_object_set_new(r->out, "overdue", json_boolean(http_today() > d));
	json_object_set_new(r->out, "reported", json_integer(reported));
	json_object_set_new(r->out, "missing", json_integer(total - reported));
	return 0;
}

int
api_plans_update(struct req *r, struct error *e)
{
	struct plan_rec p;
	int report_day, mm, dd;
	char year_day[8];

	if (r->user.role != ROLE_OFFICE && r->user.role != ROLE_ADMIN)
		return err_set(e, ERR_FORBIDDEN, NULL, "plans are managed by the office");
	if (store_plan_get(r->st, &r->scope, r->id, &p, e) != 0)
		return -1;
	report_day = p.report_day;
	if (in_has(r->json, "report_day"))
		report_day = (int)in_int(r->json, "report_day", 0);
	snprintf(year_day, sizeof(year_day), "%s", p.year_report_day[0] ? p.year_report_day : "12-20");
	if (in_has(r->json, "year_report_day")) {
		const char *v = in_str(r->json, "year_report_day", "");

		if (date_month_day_parse(v, &mm, &dd) != 0)
			return err_set(e, ERR_INVALID, "year_report_day", "'year_report_day' must be MM-DD");
		snprintf(year_day, sizeof(year_day), "%s", v);
	}
	if (store_plan_set_days(r->st, &r->actor, &r->scope, r->id, in_int(r->json, "version", 0),
				report_day, year_day, e) != 0 ||
	    store_plan_get(r->st, &r->scope, r->id, &p, e) != 0)
		return -1;
	r->out = json_pack("{s:I,s:o,s:s,s:I}", "id", (json_int_t)p.id,
			   "report_day", p.report_day ? json_integer(p.report_day) : json_null(),
			   "year_report_day", p.year_report_day, "version", (json_int_t)p.version);
	return 0;
}
