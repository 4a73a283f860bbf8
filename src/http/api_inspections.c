/*
 * api_inspections.c — inspections (DESIGN §3.4, the core) and the lists of
 * enterprises due for inspection by colour (§3.2: red quarterly, orange
 * half-yearly, yellow yearly, blue by random draw only; the configuration
 * decides). Inspectors and regulators record inspections of the
 * enterprises they supervise, with at least two inspectors of their own
 * department; every role reads the inspections of what its scope holds.
 * The due periods are computed by core/inspect.c from today in
 * Asia/Shanghai.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/inspect.h"
#include "http/http_int.h"

#define END { NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL }

const struct field inspection_create_fields[] = {
	{ "enterprise_id", F_ID, F_REQUIRED, 0, 0, NULL, 0, "the enterprise inspected", NULL },
	{ "date", F_DATE, F_REQUIRED, 0, 0, NULL, 0,
	  "the day of the inspection (Asia/Shanghai), not in the future", NULL },
	{ "type", F_ENUM, F_REQUIRED, 0, 0, inspection_type_names, IT__MAX,
	  "routine, random, special, unannounced (四不两直), cross_region (异地交叉) or expert", NULL },
	{ "inspector_ids", F_ID_LIST, F_REQUIRED, 0, INSPECTORS_MAX, NULL, 0,
	  "at least two distinct inspectors or regulators of your department", NULL },
	{ "summary", F_STRING, F_REQUIRED, 1, INSPECTION_SUMMARY_MAX - 1, NULL, 0,
	  "what was inspected and found", NULL },
	END,
};

const struct field inspection_query[] = {
	{ "enterprise", F_ID, 0, 0, 0, NULL, 0, "enterprise id", NULL },
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree", NULL },
	{ "type", F_ENUM, 0, 0, 0, inspection_type_names, IT__MAX, "inspection type", NULL },
	{ "from", F_DATE, 0, 0, 0, NULL, 0, "inspected on or after", NULL },
	{ "to", F_DATE, 0, 0, 0, NULL, 0, "inspected on or before", NULL },
	END,
};

const struct field inspection_due_query[] = {
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree (default: yours)", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	{ "colour", F_ENUM, 0, 0, 0, risk_colour_names, RL__MAX, "red, orange, yellow or blue", NULL },
	END,
};

/* ---- JSON ---- */

static json_t *
jdate(const char *s)
{
	return s && *s ? jstr(s) : json_null();
}

static json_t *
json_inspection(const struct inspection *in, int with_inspectors)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(in->id));
	json_object_set_new(j, "code", jstr(in->code));
	json_object_set_new(j, "enterprise_id", json_integer(in->enterprise_id));
	json_object_set_new(j, "enterprise_name", jstr(in->enterprise_name));
	json_object_set_new(j, "region_code", jstr(in->region_code));
	json_object_set_new(j, "industry", in->industry_id ? json_integer(in->industry_id) : json_null());
	json_object_set_new(j, "org_id", json_integer(in->org_id));
	json_object_set_new(j, "org_name", jstr(in->org_name));
	json_object_set_new(j, "date", jstr(in->date));
	json_object_set_new(j, "type", json_string(inspection_type_names[in->type]));
	json_object_set_new(j, "type_label", json_string(inspection_type_labels[in->type]));
	json_object_set_new(j, "summary", jstr(in->summary));
	if (with_inspectors) {
		json_t *a = json_array();

		for (int i = 0; i < in->ninspectors; i++)
			json_array_append_new(a, json_pack("{s:I,s:o,s:o,s:s}", "id",
							   (json_int_t)in->inspectors[i].id, "login",
							   jstr(in->inspectors[i].login), "name",
							   jstr(in->inspectors[i].name), "role",
							   role_names[in->inspectors[i].role]));
		json_object_set_new(j, "inspectors", a);
	}
	json_object_set_new(j, "created_by", json_integer(in->created_by));
	json_object_set_new(j, "created_at", jstr(in->created_at));
	return j;
}

/* ---- input ---- */

/* Recording is an inspector's or a regulator's, for its own department. */
static int
may_inspect(const struct req *r, struct error *e)
{
	if (r->user.role != ROLE_INSPECTOR && r->user.role != ROLE_REGULATOR)
		return err_set(e, ERR_FORBIDDEN, NULL, "only inspectors and regulators record inspections");
	if (r->user.org_id == 0 || r->org.kind != ORG_DEPARTMENT)
		return err_set(e, ERR_FORBIDDEN, NULL, "inspections are recorded by a department");
	return 0;
}

static int64_t
query_id(struct req *r, const char *k)
{
	const char *v = http_query(r, k);

	return v ? strtoll(v, NULL, 10) : 0;
}

static void
query_copy(struct req *r, const char *k, char *buf, size_t n)
{
	const char *v = http_query(r, k);

	snprintf(buf, n, "%s", v ? v : "");
}

/* ---- handlers ---- */

/* POST /inspections: record one by the caller's department (201), the date
 * not after today in Asia/Shanghai; the store checks scope and inspectors. */
int
api_inspections_create(struct req *r, struct error *e)
{
	struct inspection *in = calloc(1, sizeof(*in));
	const json_t *ids = json_object_get(r->json, "inspector_ids");
	char today[DATE_LEN];
	size_t i;
	json_t *v;
	int rc = -1;

	if (in == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (may_inspect(r, e) != 0)
		goto out_free;
	in->enterprise_id = in_int(r->json, "enterprise_id", 0);
	in->org_id = r->user.org_id;
	in_copy(r->json, "date", in->date, sizeof(in->date));
	in->type = (enum inspection_type)in_enum(r->json, "type", inspection_type_names, IT__MAX, 0);
	in_copy(r->json, "summary", in->summary, sizeof(in->summary));
	json_array_foreach(ids, i, v)
		if (in->ninspectors < INSPECTORS_MAX)   /* the field table bounds the list */
			in->inspectors[in->ninspectors++].id = json_integer_value(v);
	date_format(http_today(), today);
	if (strcmp(in->date, today) > 0) {
		err_set(e, ERR_INVALID, "date", "the inspection date %s is in the future", in->date);
		goto out_free;
	}
	if (store_inspection_create(r->st, &r->actor, &r->scope, in, e) != 0)
		goto out_free;
	r->out = json_inspection(in, 1);
	r->status = 201;
	rc = 0;
out_free:
	free(in);
	return rc;
}

/* GET /inspections/{id}: one inspection with its inspectors, within scope. */
int
api_inspections_get(struct req *r, struct error *e)
{
	struct inspection *in = malloc(sizeof(*in));
	int rc = -1;

	if (in == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_inspection_get(r->st, &r->scope, r->id, in, e) == 0) {
		r->out = json_inspection(in, 1);
		rc = 0;
	}
	free(in);
	return rc;
}

struct collect {
	json_t *items;
	char last_date[DATE_LEN];
	int64_t last_id;
};

static int
add_inspection(const struct inspection *in, void *arg)
{
	struct collect *c = arg;

	json_array_append_new(c->items, json_inspection(in, 0));
	snprintf(c->last_date, sizeof(c->last_date), "%s", in->date);
	c->last_id = in->id;
	return 0;
}

/* Parse ?cursor= of the inspection list: "YYYY-MM-DD.ID". */
static int
list_cursor(const char *c, struct inspection_filter *f, struct error *e)
{
	int32_t d;
	char *end;

	if (c == NULL || c[0] == '\0')
		return 0;
	if (strlen(c) < 12 || c[10] != '.')
		return err_set(e, ERR_INVALID, "cursor", "bad cursor");
	memcpy(f->after_date, c, 10);
	f->after_date[10] = '\0';
	f->after_id = strtoll(c + 11, &end, 10);
	if (date_parse(f->after_date, &d) != 0 || *end != '\0' || f->after_id <= 0)
		return err_set(e, ERR_INVALID, "cursor", "bad cursor");
	return 0;
}

/* GET /inspections: newest first, cursor "YYYY-MM-DD.ID". */
int
api_inspections_list(struct req *r, struct error *e)
{
	struct inspection_filter f;
	struct collect c = { .items = json_array() };
	const char *v;
	int64_t total = 0, dummy;
	int more = 0;
	char next[48];

	memset(&f, 0, sizeof(f));
	f.type = -1;
	if ((http_page(r, &dummy, &f.limit, e) != 0 && strcmp(e->field, "cursor") != 0) ||
	    list_cursor(http_query(r, "cursor"), &f, e) != 0)
		goto out_fail;
	f.enterprise_id = query_id(r, "enterprise");
	query_copy(r, "region", f.region, sizeof(f.region));
	if ((v = http_query(r, "type")) != NULL)
		f.type = model_lookup(inspection_type_names, IT__MAX, v);
	query_copy(r, "from", f.from, sizeof(f.from));
	query_copy(r, "to", f.to, sizeof(f.to));
	if (f.from[0] && f.to[0] && strcmp(f.from, f.to) > 0) {
		err_set(e, ERR_INVALID, "to", "'to' is before 'from'");
		goto out_fail;
	}
	if (store_inspection_list(r->st, &r->scope, &f, add_inspection, &c, &total, &more, e) != 0)
		goto out_fail;
	snprintf(next, sizeof(next), "%s.%lld", c.last_date, (long long)c.last_id);
	r->out = json_pack("{s:o,s:o,s:I}", "items", c.items, "next",
			   more ? json_string(next) : json_null(), "total", (json_int_t)total);
	return 0;
out_fail:
	json_decref(c.items);
	return -1;
}

static int
add_inspector(const struct inspector *u, void *arg)
{
	json_array_append_new((json_t *)arg, json_pack("{s:I,s:o,s:o,s:s}", "id", (json_int_t)u->id,
						       "login", jstr(u->login), "name", jstr(u->name),
						       "role", role_names[u->role]));
	return 0;
}

/* Who of the caller's department may be named as an inspector. */
int
api_inspections_inspectors(struct req *r, struct error *e)
{
	json_t *items;

	if (may_inspect(r, e) != 0)
		return -1;
	items = json_array();
	if (store_inspectors_of_org(r->st, r->user.org_id, add_inspector, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	r->out = json_pack("{s:o,s:n,s:I}", "items", items, "next", "total",
			   (json_int_t)json_array_size(items));
	return 0;
}

struct due_collect {
	json_t *items;
	int colour;
	char last[DATE_LEN];
	int64_t last_id;
};

static int
add_due(const struct due_row *d, void *arg)
{
	struct due_collect *c = arg;
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(d->id));
	json_object_set_new(j, "name", jstr(d->name));
	json_object_set_new(j, "region_code", jstr(d->region_code));
	json_object_set_new(j, "region_name", jstr(d->region_name));
	json_object_set_new(j, "industry", d->industry_id ? json_integer(d->industry_id) : json_null());
	json_object_set_new(j, "industry_name", jstr(d->industry_name));
	json_object_set_new(j, "colour", json_string(risk_colour_names[d->colour]));
	json_object_set_new(j, "last_inspected_on", jdate(d->last_inspected_on));
	json_object_set_new(j, "period_start", jstr(d->period_start));
	json_object_set_new(j, "due_by", jstr(d->due_by));
	json_array_append_new(c->items, j);
	c->colour = (int)d->colour;
	snprintf(c->last, sizeof(c->last), "%s", d->last_inspected_on);
	c->last_id = d->id;
	return 0;
}

/* Parse ?cursor= of the due list: "COLOUR.LAST.ID" (LAST empty: never inspected). */
static int
due_cursor(const char *c, struct due_filter *f, struct error *e)
{
	const char *d1, *d2;
	char colour[16], *end;
	int32_t d;

	f->after_colour = -1;
	if (c == NULL || c[0] == '\0')
		return 0;
	if ((d1 = strchr(c, '.')) == NULL || (d2 = strchr(d1 + 1, '.')) == NULL ||
	    (size_t)(d1 - c) >= sizeof(colour) || (d2 - d1 - 1 != 0 && d2 - d1 - 1 != 10))
		return err_set(e, ERR_INVALID, "cursor", "bad cursor");
	memcpy(colour, c, (size_t)(d1 - c));
	colour[d1 - c] = '\0';
	memcpy(f->after_last, d1 + 1, (size_t)(d2 - d1 - 1));
	f->after_last[d2 - d1 - 1] = '\0';
	f->after_colour = model_lookup(risk_colour_names, RL__MAX, colour);
	f->after_id = strtoll(d2 + 1, &end, 10);
	if (f->after_colour < 0 || *end != '\0' || f->after_id <= 0 ||
	    (f->after_last[0] != '\0' && date_parse(f->after_last, &d) != 0))
		return err_set(e, ERR_INVALID, "cursor", "bad cursor");
	return 0;
}

/*
 * GET /inspections/due: the enterprises due this period, red first, with
 * the counts per colour and the configured months. The due lists are the
 * supervisors': an enterprise is told its own next date on its org.
 */
int
api_inspections_due(struct req *r, struct error *e)
{
	struct due_filter f;
	struct due_collect c = { .items = json_array() };
	const struct inspect_freq *freq = &r->cfg->inspect;
	int64_t counts[RL__MAX], total = 0, dummy;
	const char *v;
	char next[64], today[DATE_LEN];
	int32_t t = http_today();
	int more = 0;
	json_t *jc, *jm;

	memset(&f, 0, sizeof(f));
	f.colour = -1;
	if (r->user.role == ROLE_ENTERPRISE) {
		err_set(e, ERR_FORBIDDEN, NULL, "the due lists are the regulators'");
		goto out_fail;
	}
	if ((http_page(r, &dummy, &f.limit, e) != 0 && strcmp(e->field, "cursor") != 0) ||
	    due_cursor(http_query(r, "cursor"), &f, e) != 0)
		goto out_fail;
	query_copy(r, "region", f.region, sizeof(f.region));
	f.industry_id = query_id(r, "industry");
	if ((v = http_query(r, "colour")) != NULL)
		f.colour = model_lookup(risk_colour_names, RL__MAX, v);
	if (store_inspection_due(r->st, &r->scope, freq, t, &f, add_due, &c, counts, &more,
				 e) != 0)
		goto out_fail;
	jc = json_object();
	jm = json_object();
	for (int l = RL__MAX - 1; l >= 0; l--) {
		json_object_set_new(jc, risk_colour_names[l], json_integer(counts[l]));
		json_object_set_new(jm, risk_colour_names[l], json_integer(freq->months[l]));
		if (f.colour < 0 || f.colour == l)
			total += counts[l];
	}
	snprintf(next, sizeof(next), "%s.%s.%lld", risk_colour_names[c.colour % RL__MAX], c.last,
		 (long long)c.last_id);
	date_format(t, today);
	r->out = json_pack("{s:o,s:o,s:I,s:o,s:o,s:s}", "items", c.items, "next",
			   more ? json_string(next) : json_null(), "total", (json_int_t)total,
			   "counts", jc, "months", jm, "today", today);
	return 0;
out_fail:
	json_decref(c.items);
	return -1;
}
