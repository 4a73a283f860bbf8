/*
 * http_util.c — input validation against field tables (kcgi's kvalid),
 * typed reads, pagination, JSON output of the domain's objects, and the
 * per-address login rate limit.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/utf8.h"
#include "http/http_int.h"

static const char *const ftype_names[] = {
	[F_STRING] = "a string", [F_INT] = "a whole number", [F_NUMBER] = "a number",
	[F_BOOL] = "true or false", [F_ENUM] = "one of the listed values",
	[F_ID_LIST] = "a list of ids", [F_REGION] = "a 12-digit region code", [F_ID] = "an id",
	[F_DATE] = "a date (YYYY-MM-DD)", [F_OBJECT] = "an object",
	[F_OBJECT_LIST] = "a list of objects",
	[F_ENUM_LIST] = "a list of the listed values",
};

static int validate_obj(const json_t *obj, const struct field *spec, const char *prefix,
			struct error *e);

static int
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t' && *s != '\r')
			return 1;
	return 0;
}

static int
check_field(const json_t *v, const struct field *f, struct error *e)
{
	const char *s;
	json_int_t n;
	size_t i;
	json_t *item;

	if (json_is_null(v)) {
		if (f->flags & (F_NULLABLE))
			return 0;
		return err_set(e, ERR_INVALID, f->name, "'%s' may not be null", f->name);
	}
	switch (f->type) {
	case F_OBJECT:
		if (!json_is_object(v))
			break;
		return validate_obj(v, f->sub, f->name, e);
	case F_OBJECT_LIST:
		if (!json_is_array(v))
			break;
		if (f->max > 0 && json_array_size(v) > (size_t)f->max)
			return err_set(e, ERR_INVALID, f->name, "'%s' holds more than %lld items",
				       f->name, f->max);
		json_array_foreach(v, i, item) {
			if (!json_is_object(item))
				return err_set(e, ERR_INVALID, f->name, "'%s' must hold objects", f->name);
			if (validate_obj(item, f->sub, f->name, e) != 0)
				return -1;
		}
		return 0;
	case F_DATE: {
		int32_t d;

		if (!json_is_string(v))
			break;
		if (date_parse(json_string_value(v), &d) != 0)
			return err_set(e, ERR_INVALID, f->name, "'%s' must be a date (YYYY-MM-DD)", f->name);
		return 0;
	}
	case F_STRING:
	case F_REGION:
	case F_ENUM:
		if (!json_is_string(v))
			break;
		s = json_string_value(v);
		if (strlen(s) != json_string_length(v) || has_control(s))
			return err_set(e, ERR_INVALID, f->name, "'%s' holds control characters", f->name);
		if (f->type == F_REGION) {
			if (region_level_of(s) < 0)
				return err_set(e, ERR_INVALID, f->name, "'%s' must be a 12-digit region code",
					       f->name);
			return 0;
		}
		if (f->type == F_ENUM) {
			if (model_lookup(f->values, f->nvalues, s) < 0)
				return err_set(e, ERR_INVALID, f->name, "'%s' has an unknown value '%.40s'",
					       f->name, s);
			return 0;
		}
		if ((f->flags & F_REQUIRED) && f->min > 0 && utf8_chars(s) < (size_t)f->min)
			return err_set(e, ERR_INVALID, f->name, "'%s' must have at least %lld characters",
				       f->name, f->min);
		if (f->max > 0 && strlen(s) > (size_t)f->max)
			return err_set(e, ERR_INVALID, f->name, "'%s' is longer than %lld bytes",
				       f->name, f->max);
		return 0;
	case F_INT:
	case F_ID:
		if (!json_is_integer(v))
			break;
		n = json_integer_value(v);
		if (f->type == F_ID && n <= 0)
			return err_set(e, ERR_INVALID, f->name, "'%s' must be a positive id", f->name);
		if ((f->min != 0 || f->max != 0) && (n < f->min || n > f->max))
			return err_set(e, ERR_INVALID, f->name, "'%s' must be from %lld to %lld",
				       f->name, f->min, f->max);
		return 0;
	case F_NUMBER:
		if (!json_is_number(v) || !isfinite(json_number_value(v)))
			break;
		if ((f->min != 0 || f->max != 0) &&
		    (json_number_value(v) < (double)f->min || json_number_value(v) > (double)f->max))
			return err_set(e, ERR_INVALID, f->name, "'%s' must be from %lld to %lld",
				       f->name, f->min, f->max);
		return 0;
	case F_BOOL:
		if (!json_is_boolean(v))
			break;
		return 0;
	case F_ENUM_LIST:
		if (!json_is_array(v))
			break;
		if (f->max > 0 && json_array_size(v) > (size_t)f->max)
			return err_set(e, ERR_INVALID, f->name, "'%s' holds more than %lld items",
				       f->name, f->max);
		json_array_foreach(v, i, item) {
			if (!json_is_string(item) ||
			    model_lookup(f->values, f->nvalues, json_string_value(item)) < 0)
				return err_set(e, ERR_INVALID, f->name, "'%s' holds an unknown value",
					       f->name);
			for (size_t k = 0; k < i; k++)
				if (json_equal(json_array_get(v, k), item))
					return err_set(e, ERR_INVALID, f->name, "'%s' repeats a value",
						       f->name);
		}
		return 0;
	case F_ID_LIST:
		if (!json_is_array(v))
			break;
		if (f->max > 0 && json_array_size(v) > (size_t)f->max)
			return err_set(e, ERR_INVALID, f->name, "'%s' holds more than %lld items",
				       f->name, f->max);
		json_array_foreach(v, i, item)
			if (!json_is_integer(item) || json_integer_value(item) <= 0)
				return err_set(e, ERR_INVALID, f->name, "'%s' must hold positive ids",
					       f->name);
		return 0;
	}
	return err_set(e, ERR_INVALID, f->name, "'%s' must be %s", f->name, ftype_names[f->type]);
}

/* Field names inside objects are reported as "outer.inner". */
static int
validate_obj(const json_t *obj, const struct field *spec, const char *prefix, struct error *e)
{
	const char *key;
	json_t *v;
	char full[ERR_FIELD_MAX];

	json_object_foreach((json_t *)obj, key, v) {
		const struct field *f = NULL;

		for (const struct field *g = spec; g->name; g++)
			if (strcmp(g->name, key) == 0)
				f = g;
		snprintf(full, sizeof(full), "%s%s%.40s", prefix ? prefix : "", prefix ? "." : "", key);
		if (f == NULL)
			return err_set(e, ERR_INVALID, full, "unknown field '%s'", full);
		if (check_field(v, f, e) != 0) {
			if (prefix != NULL && strcmp(e->field, f->name) == 0)
				snprintf(e->field, sizeof(e->field), "%s", full);
			return -1;
		}
	}
	for (const struct field *g = spec; g->name; g++)
		if ((g->flags & F_REQUIRED) && json_object_get(obj, g->name) == NULL) {
			snprintf(full, sizeof(full), "%s%s%s", prefix ? prefix : "", prefix ? "." : "", g->name);
			return err_set(e, ERR_INVALID, full, "'%s' is required", full);
		}
	return 0;
}

int
http_check_query_value(const struct field *f, const char *v, struct error *e)
{
	char *end;
	long long n;
	int32_t d;

	switch (f->type) {
	case F_ID:
	case F_INT:
		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || (f->type == F_ID && n <= 0))
			return err_set(e, ERR_INVALID, f->name, "'%s' must be %s", f->name,
				       ftype_names[f->type]);
		if ((f->min != 0 || f->max != 0) && (n < f->min || n > f->max))
			return err_set(e, ERR_INVALID, f->name, "'%s' must be from %lld to %lld", f->name,
				       f->min, f->max);
		return 0;
	case F_ENUM:
		if (model_lookup(f->values, f->nvalues, v) < 0)
			return err_set(e, ERR_INVALID, f->name, "'%s' has an unknown value '%.40s'",
				       f->name, v);
		return 0;
	case F_REGION:
		if (region_level_of(v) < 0)
			return err_set(e, ERR_INVALID, f->name, "'%s' must be a 12-digit region code", f->name);
		return 0;
	case F_DATE:
		if (date_parse(v, &d) != 0)
			return err_set(e, ERR_INVALID, f->name, "'%s' must be a date (YYYY-MM-DD)", f->name);
		return 0;
	case F_STRING:
		if (!utf8_clean(v))
			return err_set(e, ERR_INVALID, f->name, "'%s' is not clean UTF-8 text", f->name);
		if (f->max > 0 && strlen(v) > (size_t)f->max)
			return err_set(e, ERR_INVALID, f->name, "'%s' is longer than %lld bytes", f->name,
				       f->max);
		return 0;
	default:
		return err_set(e, ERR_INTERNAL, f->name, "query field of a body type");
	}
}

int
http_validate(const json_t *obj, const struct field *spec, struct error *e)
{
	if (!json_is_object(obj))
		return err_set(e, ERR_MALFORMED, NULL, "the body must be a JSON object");
	return validate_obj(obj, spec, NULL, e);
}

const char *
in_str(const json_t *o, const char *k, const char *dflt)
{
	const json_t *v = o ? json_object_get(o, k) : NULL;

	return json_is_string(v) ? json_string_value(v) : dflt;
}

long long
in_int(const json_t *o, const char *k, long long dflt)
{
	const json_t *v = o ? json_object_get(o, k) : NULL;

	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_boolean(v))
		return json_is_true(v);
	return dflt;
}

int
in_has(const json_t *o, const char *k)
{
	return o != NULL && json_object_get(o, k) != NULL;
}

int
in_enum(const json_t *o, const char *k, const char *const *names, int n, int dflt)
{
	const char *s = in_str(o, k, NULL);
	int i;

	return s != NULL && (i = model_lookup(names, n, s)) >= 0 ? i : dflt;
}

void
in_copy(const json_t *o, const char *k, char *buf, size_t n)
{
	const char *s = in_str(o, k, NULL);

	if (s != NULL)
		snprintf(buf, n, "%s", s);
	else if (in_has(o, k))
		buf[0] = '\0'; /* explicit null clears */
}

int
http_page(struct req *r, int64_t *after, int *limit, struct error *e)
{
	const char *l = http_query(r, "limit"), *c = http_query(r, "cursor");
	char *end;
	long long v;

	*after = 0;
	*limit = 50;
	if (l != NULL) {
		errno = 0;
		v = strtoll(l, &end, 10);
		if (errno || *end || v < 1 || v > 500)
			return err_set(e, ERR_INVALID, "limit", "limit must be from 1 to 500");
		*limit = (int)v;
	}
	if (c != NULL && *c != '\0') {
		errno = 0;
		v = strtoll(c, &end, 10);
		if (errno || *end || v < 0)
			return err_set(e, ERR_INVALID, "cursor", "bad cursor");
		*after = v;
	}
	return 0;
}

void
http_list(struct req *r, json_t *items, int more, int64_t last_id, int64_t total)
{
	char next[32];

	snprintf(next, sizeof(next), "%lld", (long long)last_id);
	r->out = json_pack("{s:o,s:o,s:I}", "items", items, "next",
			   more ? json_string(next) : json_null(), "total", (json_int_t)total);
}

json_t *
jstr(const char *s)
{
	json_t *v = json_string(s ? s : "");

	/* Stored text passed validation; a failure here is a bug, not input. */
	return v ? v : json_string("");
}

static json_t *
jopt(const char *s)
{
	return s && *s ? jstr(s) : json_null();
}

json_t *
json_org(const struct org *o)
{
	json_t *j = json_object(), *ind = json_array();
	int ent = o->kind == ORG_ENTERPRISE;

	for (int i = 0; i < o->nindustries; i++)
		json_array_append_new(ind, json_integer(o->industries[i]));
	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "kind", jstr(org_kind_names[o->kind]));
	json_object_set_new(j, "name", jstr(o->name));
	json_object_set_new(j, "region_code", jstr(o->region_code));
	json_object_set_new(j, "region_name", jstr(o->region_name));
	json_object_set_new(j, "credit_code", jopt(o->credit_code));
	json_object_set_new(j, "industry", o->industry_id ? json_integer(o->industry_id) : json_null());
	json_object_set_new(j, "industry_name", jopt(o->industry_name));
	json_object_set_new(j, "industries", ind);
	json_object_set_new(j, "scale", ent ? jopt(org_scale_names[o->scale]) : json_null());
	json_object_set_new(j, "major_hazard_level", ent ? json_integer(o->major_hazard_level) : json_null());
	json_object_set_new(j, "standard_grade", ent ? json_integer(o->standard_grade) : json_null());
	json_object_set_new(j, "risk_colour", jopt(o->risk_colour));
	json_object_set_new(j, "status", jstr(org_status_names[o->status]));
	json_object_set_new(j, "address", jstr(o->address));
	json_object_set_new(j, "lat", o->has_coord ? json_real(o->lat) : json_null());
	json_object_set_new(j, "lon", o->has_coord ? json_real(o->lon) : json_null());
	json_object_set_new(j, "safety_director", jstr(o->safety_director));
	json_object_set_new(j, "phone", jstr(o->phone));
	json_object_set_new(j, "version", json_integer(o->version));
	json_object_set_new(j, "created_at", jstr(o->created_at));
	json_object_set_new(j, "updated_at", jstr(o->updated_at));
	return j;
}

json_t *
json_user(const struct user *u)
{
	char now[TIME_LEN];

	store_now(now, sizeof(now));
	return json_pack("{s:I,s:o,s:o,s:o,s:s,s:o,s:o,s:o,s:b,s:b,s:o,s:I}",
			 "id", (json_int_t)u->id, "login", jstr(u->login), "name", jstr(u->name),
			 "phone", jstr(u->phone), "role", role_names[u->role],
			 "org_id", u->org_id ? json_integer(u->org_id) : json_null(),
			 "org_name", jopt(u->org_name), "region_code", jopt(u->region_code),
			 "active", u->active,
			 "locked", u->locked_until[0] != '\0' && strcmp(u->locked_until, now) > 0,
			 "created_at", jstr(u->created_at), "version", (json_int_t)u->version);
}

json_t *
json_region(const struct region *g)
{
	return json_pack("{s:s,s:o,s:s,s:o}", "code", g->code, "name", jstr(g->name),
			 "level", region_level_names[g->level], "parent", jopt(g->parent));
}

json_t *
json_industry(const struct industry *i)
{
	return json_pack("{s:I,s:o,s:o,s:b}", "id", (json_int_t)i->id, "code", jstr(i->code),
			 "name", jstr(i->name), "active", i->active);
}

/* ---- login rate limit: a fixed table of per-address minute windows ---- */

#define RATE_SLOTS 4096

static struct {
	char ip[64];
	time_t window;
	int count;
} rate[RATE_SLOTS];
static pthread_mutex_t rate_mu = PTHREAD_MUTEX_INITIALIZER;

int
http_login_rate(const char *ip, int per_minute)
{
	unsigned h = 2166136261u;
	time_t now = time(NULL) / 60;
	int rc = 0;

	for (const char *p = ip; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	pthread_mutex_lock(&rate_mu);
	{
		size_t i = h % RATE_SLOTS;

		/* A colliding address shares the slot: stricter, never laxer. */
		if (rate[i].window != now || strcmp(rate[i].ip, ip) != 0) {
			if (rate[i].window != now) {
				snprintf(rate[i].ip, sizeof(rate[i].ip), "%s", ip);
				rate[i].window = now;
				rate[i].count = 0;
			}
		}
		if (++rate[i].count > per_minute)
			rc = -1;
	}
	pthread_mutex_unlock(&rate_mu);
	return rc;
}

int
http_ip_loopback(const char *ip)
{
	return strncmp(ip, "127.", 4) == 0 || strcmp(ip, "::1") == 0 ||
	       strncmp(ip, "::ffff:127.", 11) == 0;
}
