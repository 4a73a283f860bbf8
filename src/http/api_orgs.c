/*
 * api_orgs.c — orgs: committees, offices, departments, enterprises and
 * agencies. Who may create or change what:
 *   admin      anything
 *   office     any org in its region subtree
 *   regulator, inspector
 *              enterprises of its department's industries in its subtree
 *   enterprise its own record, but not its kind, region, credit code or
 *              industry (those are the regulator's to correct)
 *   leader     nothing (read only)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/inspect.h"
#include "http/http_int.h"

#define ORG_COMMON_FIELDS(req) \
	{ "kind", F_ENUM, req, 0, 0, org_kind_names, ORG_KIND__MAX, "committee, office, department, enterprise, agency", NULL }, \
	{ "name", F_STRING, req, 1, 300, NULL, 0, "full name", NULL }, \
	{ "region_code", F_REGION, req, 0, 0, NULL, 0, "12-digit region code", NULL }, \
	{ "credit_code", F_STRING, F_NULLABLE, 0, 18, NULL, 0, "unified social credit code (GB 32100)", NULL }, \
	{ "industry", F_ID, F_NULLABLE, 0, 0, NULL, 0, "an enterprise's industry id", NULL }, \
	{ "industries", F_ID_LIST, 0, 0, ORG_INDUSTRIES_MAX, NULL, 0, "a department's supervised industry ids", NULL }, \
	{ "scale", F_ENUM, F_NULLABLE, 0, 0, org_scale_names + 1, 2, "above or below designated size", NULL }, \
	{ "major_hazard_level", F_INT, F_NULLABLE, 0, 4, NULL, 0, "0 none, 1-4", NULL }, \
	{ "standard_grade", F_INT, F_NULLABLE, 0, 3, NULL, 0, "0 none, 1-3", NULL }, \
	{ "status", F_ENUM, 0, 0, 0, org_status_names, ORG_STATUS__MAX, "operating, suspended, closed", NULL }, \
	{ "address", F_STRING, F_NULLABLE, 0, 300, NULL, 0, "address", NULL }, \
	{ "lat", F_NUMBER, F_NULLABLE, -90, 90, NULL, 0, "latitude", NULL }, \
	{ "lon", F_NUMBER, F_NULLABLE, -180, 180, NULL, 0, "longitude", NULL }, \
	{ "safety_director", F_STRING, F_NULLABLE, 0, 100, NULL, 0, "safety director", NULL }, \
	{ "phone", F_STRING, F_NULLABLE, 0, 31, NULL, 0, "phone", NULL }

const struct field org_create_fields[] = {
	ORG_COMMON_FIELDS(F_REQUIRED),
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field org_update_fields[] = {
	ORG_COMMON_FIELDS(0),
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you read", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field org_query[] = {
	{ "kind", F_ENUM, 0, 0, 0, org_kind_names, ORG_KIND__MAX, "org kind", NULL },
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	{ "q", F_STRING, 0, 0, 100, NULL, 0, "name contains, or credit code", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

/* Fields an enterprise may not change about itself. */
static const char *const enterprise_locked[] = { "kind", "region_code", "credit_code", "industry",
	"industries", "status", "major_hazard_level", "standard_grade", "scale" };

/* Copy validated input over o (absent fields keep their value). */
static void
org_apply(struct org *o, const json_t *in)
{
	const json_t *ind = json_object_get(in, "industries"), *v;
	size_t i;

	if (in_has(in, "kind"))
		o->kind = (enum org_kind)in_enum(in, "kind", org_kind_names, ORG_KIND__MAX, o->kind);
	in_copy(in, "name", o->name, sizeof(o->name));
	in_copy(in, "region_code", o->region_code, sizeof(o->region_code));
	in_copy(in, "credit_code", o->credit_code, sizeof(o->credit_code));
	if (in_has(in, "industry"))
		o->industry_id = in_int(in, "industry", 0);
	if (ind != NULL) {
		o->nindustries = 0;
		json_array_foreach(ind, i, v)
			o->industries[o->nindustries++] = json_integer_value(v);
	}
	if (in_has(in, "scale"))
		o->scale = (enum org_scale)in_enum(in, "scale", org_scale_names, SCALE__MAX, SCALE_NONE);
	if (in_has(in, "major_hazard_level"))
		o->major_hazard_level = (int)in_int(in, "major_hazard_level", 0);
	if (in_has(in, "standard_grade"))
		o->standard_grade = (int)in_int(in, "standard_grade", 0);
	if (in_has(in, "status"))
		o->status = (enum org_status)in_enum(in, "status", org_status_names, ORG_STATUS__MAX,
						     o->status);
	in_copy(in, "address", o->address, sizeof(o->address));
	in_copy(in, "safety_director", o->safety_director, sizeof(o->safety_director));
	in_copy(in, "phone", o->phone, sizeof(o->phone));
	if (in_has(in, "lat") || in_has(in, "lon")) {
		const json_t *la = json_object_get(in, "lat"), *lo = json_object_get(in, "lon");

		o->has_coord = json_is_number(la) && json_is_number(lo);
		o->lat = o->has_coord ? json_number_value(la) : 0;
		o->lon = o->has_coord ? json_number_value(lo) : 0;
	}
}

/* What must hold of an org whatever its origin. */
static int
org_check(const struct org *o, const json_t *in, struct error *e)
{
	const json_t *la = json_object_get(in, "lat"), *lo = json_object_get(in, "lon");

	if (json_is_number(la) != json_is_number(lo))
		return err_set(e, ERR_INVALID, json_is_number(la) ? "lon" : "lat",
			       "give both lat and lon, or neither");
	if (o->name[0] == '\0')
		return err_set(e, ERR_INVALID, "name", "name is required");
	if (o->credit_code[0] != '\0' && !credit_code_valid(o->credit_code))
		return err_set(e, ERR_INVALID, "credit_code",
			       "'%s' is not a valid unified social credit code (GB 32100)", o->credit_code);
	if (o->kind == ORG_ENTERPRISE) {
		if (o->credit_code[0] == '\0')
			return err_set(e, ERR_INVALID, "credit_code", "an enterprise needs its credit code");
		if (o->industry_id == 0)
			return err_set(e, ERR_INVALID, "industry", "an enterprise needs its industry");
		if (o->nindustries > 0)
			return err_set(e, ERR_INVALID, "industries", "only a department supervises industries");
	} else {
		if (o->industry_id != 0)
			return err_set(e, ERR_INVALID, "industry", "only an enterprise has an industry");
		if (o->nindustries > 0 && o->kind != ORG_DEPARTMENT)
			return err_set(e, ERR_INVALID, "industries", "only a department supervises industries");
	}
	return 0;
}

/* May the caller hold an org like o (after the change)? */
static int
org_within_reach(const struct req *r, const struct org *o, struct error *e)
{
	const struct scope *s = &r->scope;

	if (s->all)
		return 0;
	if (strcmp(o->region_code, s->region_lo) < 0 || strcmp(o->region_code, s->region_hi) > 0)
		return err_set(e, ERR_INVALID, "region_code", "'%s' lies outside your region",
			       o->region_code);
	if (s->by_industry) {
		if (o->kind != ORG_ENTERPRISE)
			return err_set(e, ERR_FORBIDDEN, "kind", "a department manages enterprises only");
		for (int i = 0; i < r->org.nindustries; i++)
			if (r->org.industries[i] == o->industry_id)
				return 0;
		return err_set(e, ERR_INVALID, "industry", "your department does not supervise this industry");
	}
	return 0;
}

struct collect {
	json_t *items;
	int64_t last;
	const struct req *r;
};

/* json_org with an enterprise's inspection dates (http_int.h). */
json_t *
json_org_of(const struct req *r, const struct org *o)
{
	json_t *j = json_org(o);
	int32_t last = -1, due;
	int level;
	char d[DATE_LEN];

	if (o->kind != ORG_ENTERPRISE)
		return j;
	if (o->last_inspected_on[0] != '\0' && date_parse(o->last_inspected_on, &last) != 0)
		last = -1;
	json_object_set_new(j, "last_inspected_on", last >= 0 ? json_string(o->last_inspected_on) : json_null());
	level = model_lookup(risk_colour_names, RL__MAX, o->risk_colour);
	if (inspect_next_due(&r->cfg->inspect, level, last, http_today(), NULL, &due) != 0) {
		json_object_set_new(j, "next_inspection_due", json_null());
		return j;
	}
	date_format(due, d);
	json_object_set_new(j, "next_inspection_due", json_string(d));
	return j;
}

static int
add_org(const struct org *o, void *arg)
{
	struct collect *c = arg;

	json_array_append_new(c->items, json_org_of(c->r, o));
	c->last = o->id;
	return 0;
}

int
api_orgs_list(struct req *r, struct error *e)
{
	struct org_filter f = { .kind = -1 };
	struct collect c = { json_array(), 0, r };
	const char *v;
	int64_t total = 0;
	int more = 0;

	if (http_page(r, &f.after_id, &f.limit, e) != 0)
		goto out_fail;
	if ((v = http_query(r, "kind")) != NULL &&
	    (f.kind = model_lookup(org_kind_names, ORG_KIND__MAX, v)) < 0) {
		err_set(e, ERR_INVALID, "kind", "unknown org kind '%.40s'", v);
		goto out_fail;
	}
	if ((v = http_query(r, "region")) != NULL) {
		if (region_level_of(v) < 0) {
			err_set(e, ERR_INVALID, "region", "region must be a 12-digit code");
			goto out_fail;
		}
		snprintf(f.region, sizeof(f.region), "%s", v);
	}
	if ((v = http_query(r, "industry")) != NULL && (f.industry_id = strtoll(v, NULL, 10)) <= 0) {
		err_set(e, ERR_INVALID, "industry", "industry must be an id");
		goto out_fail;
	}
	if ((v = http_query(r, "q")) != NULL) {
		if (strlen(v) >= sizeof(f.q)) {
			err_set(e, ERR_INVALID, "q", "search text is too long");
			goto out_fail;
		}
		snprintf(f.q, sizeof(f.q), "%s", v);
	}
	if (store_org_list(r->st, &r->scope, &f, add_org, &c, &total, &more, e) != 0)
		goto out_fail;
	http_list(r, c.items, more, c.last, total);
	return 0;
out_fail:
	json_decref(c.items);
	return -1;
}

int
api_orgs_get(struct req *r, struct error *e)
{
	struct org o;

	if (store_org_get(r->st, &r->scope, r->id, &o, e) != 0)
		return -1;
	r->out = json_org_of(r, &o);
	return 0;
}

int
api_orgs_create(struct req *r, struct error *e)
{
	struct org o = { 0 };

	if (r->user.role == ROLE_ENTERPRISE)
		return err_set(e, ERR_FORBIDDEN, NULL, "an enterprise account cannot create orgs");
	o.status = ORG_OPERATING;
	org_apply(&o, r->json);
	if (org_check(&o, r->json, e) != 0 || org_within_reach(r, &o, e) != 0 ||
	    store_org_create(r->st, &r->actor, &o, e) != 0)
		return -1;
	r->out = json_org_of(r, &o);
	r->status = 201;
	return 0;
}

int
api_orgs_update(struct req *r, struct error *e)
{
	struct org o;

	if (store_org_get(r->st, &r->scope, r->id, &o, e) != 0)
		return -1;
	if (r->user.role == ROLE_ENTERPRISE)
		for (size_t i = 0; i < sizeof(enterprise_locked) / sizeof(enterprise_locked[0]); i++)
			if (in_has(r->json, enterprise_locked[i]))
				return err_set(e, ERR_FORBIDDEN, enterprise_locked[i],
					       "ask your regulator to change '%s'", enterprise_locked[i]);
	if (r->scope.by_industry && o.kind != ORG_ENTERPRISE)
		return err_set(e, ERR_FORBIDDEN, NULL, "a department manages enterprises only");
	org_apply(&o, r->json);
	o.version = in_int(r->json, "version", 0);
	if (org_check(&o, r->json, e) != 0 || org_within_reach(r, &o, e) != 0 ||
	    store_org_update(r->st, &r->actor, &r->scope, &o, e) != 0)
		return -1;
	r->out = json_org_of(r, &o);
	return 0;
}
