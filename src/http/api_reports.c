/*
 * api_reports.c — the enterprise's quarterly and yearly hazard statistics
 * reports (季报 due the 15th of the next quarter's first month, 年报 due
 * 31 January): the enterprise generates one from its data, checks it and
 * submits it; regulators list them, the late ones, and who has not reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/hazard.h"
#include "http/http_int.h"

static const char *const report_status_names[REPORT_STATUS__MAX] = { "draft", "submitted" };
static const char *const yesno[] = { "false", "true" };

const struct field report_create_fields[] = {
	{ "period", F_STRING, F_REQUIRED, 4, 7, NULL, 0, "2026-Q3 (季报) or 2026 (年报)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field report_submit_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you checked", NULL },
	{ "note", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "remarks", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field report_query[] = {
	{ "period", F_STRING, 0, 4, 7, NULL, 0, "2026-Q3 or 2026", NULL },
	{ "status", F_ENUM, 0, 0, 0, report_status_names, REPORT_STATUS__MAX, "draft or submitted", NULL },
	{ "late", F_ENUM, 0, 0, 0, yesno, 2, "only late ones", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static json_t *
json_report(const struct hazard_report *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(r->id));
	json_object_set_new(j, "enterprise_id", json_integer(r->enterprise_id));
	json_object_set_new(j, "enterprise_name", jstr(r->enterprise_name));
	json_object_set_new(j, "region_code", jstr(r->region_code));
	json_object_set_new(j, "period", jstr(r->period));
	json_object_set_new(j, "kind", json_string(strlen(r->period) == 4 ? "year" : "quarter"));
	json_object_set_new(j, "due", jstr(r->due));
	json_object_set_new(j, "counts", json_pack("{s:I,s:I,s:I,s:I,s:I,s:I}",
		"found", (json_int_t)r->found, "closed", (json_int_t)r->closed,
		"open", (json_int_t)r->open, "overdue", (json_int_t)r->overdue,
		"major_found", (json_int_t)r->major_found, "major_closed", (json_int_t)r->major_closed));
	json_object_set_new(j, "status", json_string(report_status_names[r->status]));
	json_object_set_new(j, "confirmed_by", r->confirmed_by ? json_integer(r->confirmed_by) : json_null());
	json_object_set_new(j, "submitted_at", r->submitted_at[0] ? jstr(r->submitted_at) : json_null());
	json_object_set_new(j, "late", json_boolean(r->late));
	json_object_set_new(j, "note", jstr(r->note));
	json_object_set_new(j, "version", json_integer(r->version));
	json_object_set_new(j, "created_at", jstr(r->created_at));
	return j;
}

/* The period asked for, or the last one that has ended (quarter). */
static int
query_period(struct req *r, char *out, size_t n, struct error *e)
{
	const char *p = http_query(r, "period");
	int32_t from, to, due, today = http_today();
	int y, m, d;

	if (p != NULL) {
		if (report_period(p, &from, &to, &due) != 0)
			return err_set(e, ERR_INVALID, "period", "'%.20s' is not a period (2026-Q3 or 2026)", p);
		snprintf(out, n, "%s", p);
		return 0;
	}
	date_to_ymd(today, &y, &m, &d);
	if (m <= 3)
		snprintf(out, n, "%04u-Q4", (unsigned)(y - 1) % 10000u);
	else
		snprintf(out, n, "%04u-Q%u", (unsigned)y % 10000u, (unsigned)(m - 1) / 3u % 5u);
	return 0;
}

int
api_reports_create(struct req *r, struct error *e)
{
	struct hazard_report rep;

	if (r->user.role != ROLE_ENTERPRISE)
		return err_set(e, ERR_FORBIDDEN, NULL, "an enterprise reports its own statistics");
	if (store_report_generate(r->st, &r->actor, &r->scope, r->user.org_id,
				  in_str(r->json, "period", ""), http_today(), &rep, e) != 0)
		return -1;
	r->out = json_report(&rep);
	r->status = 201;
	return 0;
}

int
api_reports_get(struct req *r, struct error *e)
{
	struct hazard_report rep;

	if (store_report_get(r->st, &r->scope, r->id, &rep, e) != 0)
		return -1;
	r->out = json_report(&rep);
	return 0;
}

int
api_reports_submit(struct req *r, struct error *e)
{
	struct hazard_report rep;

	if (r->user.role != ROLE_ENTERPRISE)
		return err_set(e, ERR_FORBIDDEN, NULL,
			       "the enterprise confirms and submits its own report");
	if (store_report_submit(r->st, &r->actor, &r->scope, r->id, in_int(r->json, "version", 0),
				in_str(r->json, "note", ""), http_today(), &rep, e) != 0)
		return -1;
	r->out = json_report(&rep);
	return 0;
}

struct rcollect {
	json_t *items;
	int64_t last;
};

static int
add_report(const struct hazard_report *rep, void *arg)
{
	struct rcollect *c = arg;

	json_array_append_new(c->items, json_report(rep));
	c->last = rep->id;
	return 0;
}

int
api_reports_list(struct req *r, struct error *e)
{
	struct rcollect c = { json_array(), 0 };
	char period[16];
	const char *v;
	int64_t after, total = 0;
	int limit, status = -1, late = 0, more = 0;

	if (http_page(r, &after, &limit, e) != 0 || query_period(r, period, sizeof(period), e) != 0)
		goto out_fail;
	if ((v = http_query(r, "status")) != NULL)
		status = model_lookup(report_status_names, REPORT_STATUS__MAX, v);
	if ((v = http_query(r, "late")) != NULL)
		late = model_lookup(yesno, 2, v) == 1;
	if (store_report_list(r->st, &r->scope, period, status, late, after, limit, add_report, &c,
			      &total, &more, e) != 0)
		goto out_fail;
	http_list(r, c.items, more, c.last, total);
	json_object_set_new(r->out, "period", json_string(period));
	return 0;
out_fail:
	json_decref(c.items);
	return -1;
}

static int
add_missing(int64_t id, const char *name, const char *region, void *arg)
{
	struct rcollect *c = arg;

	json_array_append_new(c->items, json_pack("{s:I,s:o,s:s}", "enterprise_id", (json_int_t)id,
						  "name", jstr(name), "region_code", region));
	c->last = id;
	return 0;
}

int
api_reports_missing(struct req *r, struct error *e)
{
	struct rcollect c = { json_array(), 0 };
	char period[16], due[DATE_LEN];
	int32_t from, to, d;
	int64_t after, total = 0;
	int limit, more = 0;

	if (http_page(r, &after, &limit, e) != 0 || query_period(r, period, sizeof(period), e) != 0 ||
	    store_report_missing(r->st, &r->scope, period, after, limit, add_missing, &c, &total,
				 &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	report_period(period, &from, &to, &d);
	date_format(d, due);
	http_list(r, c.items, more, c.last, total);
	json_object_set_new(r->out, "period", json_string(period));
	json_object_set_new(r->out, "due", json_string(due));
	json_object_set_new(r->out, "overdue", json_boolean(http_today() > d));
	return 0;
}
