/*
 * api_hazards.c — the hazard network: report, read, list, transitions and
 * history. The rules live in core/hazard.c; the scope in the store; this
 * file turns JSON into a hazard_tx and a hazard into JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/hazard.h"
#include "http/http_int.h"

static const struct field plan_fields[] = {
	{ "responsible", F_STRING, F_NULLABLE, 0, 120, NULL, 0, "responsible person", NULL },
	{ "measures", F_STRING, F_NULLABLE, 0, HZ_TEXT_MAX - 1, NULL, 0, "measures", NULL },
	{ "funds", F_NUMBER, F_NULLABLE, 0, 1000000000000LL, NULL, 0, "funds in yuan", NULL },
	{ "deadline", F_DATE, F_NULLABLE, 0, 0, NULL, 0, "deadline", NULL },
	{ "contingency", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "contingency plan", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field hazard_create_fields[] = {
	{ "enterprise_id", F_ID, 0, 0, 0, NULL, 0, "the enterprise (an enterprise user: its own)", NULL },
	{ "title", F_STRING, F_REQUIRED, 1, HZ_TITLE_MAX - 1, NULL, 0, "short title", NULL },
	{ "description", F_STRING, F_NULLABLE, 0, HZ_TEXT_MAX - 1, NULL, 0, "description", NULL },
	{ "location", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "where", NULL },
	{ "category", F_ENUM, F_REQUIRED, 0, 0, hazard_category_names, HC__MAX, "category", NULL },
	{ "grade", F_ENUM, F_REQUIRED, 0, 0, hazard_grade_names, HG__MAX, "general or major", NULL },
	{ "basis", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "the clause that makes it major", NULL },
	{ "source", F_ENUM, 0, 0, 0, hazard_source_names, HS__MAX, "how it was found", NULL },
	{ "found_at", F_DATE, F_REQUIRED, 0, 0, NULL, 0, "date found", NULL },
	{ "plan", F_OBJECT, 0, 0, 0, NULL, 0, "the rectification plan, at once", plan_fields },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field hazard_transition_fields[] = {
	{ "event", F_ENUM, F_REQUIRED, 0, 0, hazard_event_names, HE__MAX, "the event", NULL },
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you read", NULL },
	{ "comment", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "comment", NULL },
	{ "plan", F_OBJECT, 0, 0, 0, NULL, 0, "plan: the five points", plan_fields },
	{ "evidence", F_STRING, F_NULLABLE, 0, HZ_TEXT_MAX - 1, NULL, 0, "fix_now, submit", NULL },
	{ "deadline", F_DATE, 0, 0, 0, NULL, 0, "extend: the new deadline", NULL },
	{ "reason", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "reject, extend, void", NULL },
	{ "level", F_ENUM, 0, 0, 0, listing_level_names + 1, LIST__MAX - 1, "list: province, city, county", NULL },
	{ "listing_deadline", F_DATE, 0, 0, 0, NULL, 0, "list: the supervision deadline", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static const char *const sort_names[] = { "newest", "deadline" };
static const char *const bool_names[] = { "false", "true" };

const struct field hazard_query[] = {
	{ "status", F_ENUM, 0, 0, 0, hazard_status_names, HZ_STATUS__MAX, "status", NULL },
	{ "grade", F_ENUM, 0, 0, 0, hazard_grade_names, HG__MAX, "grade", NULL },
	{ "source", F_ENUM, 0, 0, 0, hazard_source_names, HS__MAX, "source", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	{ "enterprise", F_ID, 0, 0, 0, NULL, 0, "enterprise id", NULL },
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree", NULL },
	{ "overdue", F_ENUM, 0, 0, 0, bool_names, 2, "only overdue ones", NULL },
	{ "listed", F_ENUM, 0, 0, 0, bool_names, 2, "only listed for supervision", NULL },
	{ "q", F_STRING, 0, 0, 100, NULL, 0, "text in title or description", NULL },
	{ "sort", F_ENUM, 0, 0, 0, sort_names, 2, "newest (default) or deadline", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

int32_t
http_today(void)
{
	return date_shanghai(time(NULL));
}

/* What the rules know of the caller: its role, and whether its department
 * supervises the hazard (in scope, a regulator's department does). */
void
http_hazard_actor(const struct req *r, struct hazard_actor *who)
{
	who->role = r->user.role;
	who->supervises = r->scope.by_industry &&
			  (r->user.role == ROLE_REGULATOR || r->user.role == ROLE_INSPECTOR);
}

json_t *
json_hazard(const struct hazard *h, const struct hazard_actor *who, int32_t today)
{
	json_t *j = json_object(), *allowed = json_array();
	unsigned bits = who ? hazard_allowed(h, who) : 0;

	for (int ev = 0; ev < HE__MAX; ev++)
		if (bits & (1u << ev))
			json_array_append_new(allowed, json_string(hazard_event_names[ev]));
	json_object_set_new(j, "id", json_integer(h->id));
	json_object_set_new(j, "code", jstr(h->code));
	json_object_set_new(j, "enterprise_id", json_integer(h->enterprise_id));
	json_object_set_new(j, "enterprise_name", jstr(h->enterprise_name));
	json_object_set_new(j, "region_code", jstr(h->region_code));
	json_object_set_new(j, "industry", h->industry_id ? json_integer(h->industry_id) : json_null());
	json_object_set_new(j, "title", jstr(h->title));
	json_object_set_new(j, "description", jstr(h->description));
	json_object_set_new(j, "location", jstr(h->location));
	json_object_set_new(j, "category", jstr(hazard_category_names[h->category]));
	json_object_set_new(j, "grade", jstr(hazard_grade_names[h->grade]));
	json_object_set_new(j, "basis", jstr(h->basis));
	json_object_set_new(j, "source", jstr(hazard_source_names[h->source]));
	json_object_set_new(j, "found_at", jstr(h->found_at));
	json_object_set_new(j, "found_by", json_integer(h->found_by));
	json_object_set_new(j, "status", jstr(hazard_status_names[h->status]));
	json_object_set_new(j, "overdue", json_boolean(hazard_overdue(h, today)));
	json_object_set_new(j, "deadline", h->deadline[0] ? jstr(h->deadline) : json_null());
	json_object_set_new(j, "original_deadline",
			    h->original_deadline[0] ? jstr(h->original_deadline) : json_null());
	json_object_set_new(j, "extensions", json_integer(h->extensions));
	json_object_set_new(j, "rejections", json_integer(h->rejections));
	json_object_set_new(j, "evidence", jstr(h->evidence));
	json_object_set_new(j, "closed_on", h->closed_on[0] ? jstr(h->closed_on) : json_null());
	json_object_set_new(j, "closed_on_time",
			    h->status == HZ_CLOSED ? json_boolean(h->closed_on_time) : json_null());
	json_object_set_new(j, "plan", h->responsible[0] == '\0' ? json_null() :
		json_pack("{s:o,s:o,s:o,s:o,s:o}", "responsible", jstr(h->responsible),
			  "measures", jstr(h->measures),
			  "funds", h->has_funds ? json_real(h->funds) : json_null(),
			  "deadline", jstr(h->deadline), "contingency", jstr(h->contingency)));
	json_object_set_new(j, "listing", h->listing_level == LIST_NONE ? json_null() :
		json_pack("{s:s,s:o,s:o,s:o,s:o,s:b}", "level", listing_level_names[h->listing_level],
			  "org_id", h->listing_org ? json_integer(h->listing_org) : json_null(),
			  "listed_on", jstr(h->listed_on),
			  "deadline", h->listing_deadline[0] ? jstr(h->listing_deadline) : json_null(),
			  "delisted_on", h->delisted_on[0] ? jstr(h->delisted_on) : json_null(),
			  "active", h->delisted_on[0] == '\0'));
	json_object_set_new(j, "allowed", allowed);
	json_object_set_new(j, "version", json_integer(h->version));
	json_object_set_new(j, "created_at", jstr(h->created_at));
	json_object_set_new(j, "updated_at", jstr(h->updated_at));
	return j;
}

/* The plan part of a transaction from a validated "plan" object. */
static void
tx_plan(struct hazard_tx *tx, const json_t *plan)
{
	const json_t *funds;

	if (plan == NULL)
		return;
	tx->has_plan = 1;
	tx->responsible = in_str(plan, "responsible", NULL);
	tx->measures = in_str(plan, "measures", NULL);
	tx->deadline = in_str(plan, "deadline", NULL);
	tx->contingency = in_str(plan, "contingency", NULL);
	funds = json_object_get(plan, "funds");
	tx->has_funds = json_is_number(funds);
	tx->funds = tx->has_funds ? json_number_value(funds) : 0;
}

int
api_hazards_create(struct req *r, struct error *e)
{
	struct hazard *h = calloc(1, sizeof(*h));
	struct hazard_actor who;
	struct hazard_tx plan = { .event = HE_PLAN };
	const json_t *pj = json_object_get(r->json, "plan");
	int32_t today = http_today();
	int rc = -1;

	if (h == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	http_hazard_actor(r, &who);
	h->enterprise_id = in_int(r->json, "enterprise_id", 0);
	if (r->user.role == ROLE_ENTERPRISE) {
		if (h->enterprise_id != 0 && h->enterprise_id != r->user.org_id) {
			err_set(e, ERR_NOT_FOUND, "enterprise_id", "no enterprise %lld",
				(long long)h->enterprise_id);
			goto out_free;
		}
		h->enterprise_id = r->user.org_id;
	} else if (h->enterprise_id == 0) {
		err_set(e, ERR_INVALID, "enterprise_id", "'enterprise_id' is required");
		goto out_free;
	}
	in_copy(r->json, "title", h->title, sizeof(h->title));
	in_copy(r->json, "description", h->description, sizeof(h->description));
	in_copy(r->json, "location", h->location, sizeof(h->location));
	in_copy(r->json, "basis", h->basis, sizeof(h->basis));
	in_copy(r->json, "found_at", h->found_at, sizeof(h->found_at));
	h->category = (enum hazard_category)in_enum(r->json, "category", hazard_category_names, HC__MAX, 0);
	h->grade = (enum hazard_grade)in_enum(r->json, "grade", hazard_grade_names, HG__MAX, 0);
	h->source = (enum hazard_source)in_enum(r->json, "source", hazard_source_names, HS__MAX,
		r->user.role == ROLE_ENTERPRISE ? HS_SELF_CHECK : HS_INSPECTION);
	h->found_by = r->user.id;
	tx_plan(&plan, pj);
	if (store_hazard_create(r->st, &r->actor, &r->scope, &who, today, h, pj ? &plan : NULL, e) != 0)
		goto out_free;
	r->out = json_hazard(h, &who, today);
	r->status = 201;
	rc = 0;
out_free:
	free(h);
	return rc;
}

int
api_hazards_get(struct req *r, struct error *e)
{
	struct hazard *h = malloc(sizeof(*h));
	struct hazard_actor who;
	int rc = -1;

	if (h == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	http_hazard_actor(r, &who);
	if (store_hazard_get(r->st, &r->scope, r->id, h, e) == 0) {
		r->out = json_hazard(h, &who, http_today());
		rc = 0;
	}
	free(h);
	return rc;
}

int
api_hazards_transition(struct req *r, struct error *e)
{
	struct hazard *h = malloc(sizeof(*h));
	struct hazard_actor who;
	struct hazard_tx tx = { 0 };
	int32_t today = http_today();
	int rc = -1;

	if (h == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	http_hazard_actor(r, &who);
	tx.event = (enum hazard_event)in_enum(r->json, "event", hazard_event_names, HE__MAX, 0);
	tx.comment = in_str(r->json, "comment", NULL);
	tx.evidence = in_str(r->json, "evidence", NULL);
	tx.new_deadline = in_str(r->json, "deadline", NULL);
	tx.reason = in_str(r->json, "reason", NULL);
	tx.level = (enum listing_level)(in_has(r->json, "level")
		? in_enum(r->json, "level", listing_level_names, LIST__MAX, LIST_NONE) : LIST_NONE);
	tx.listing_deadline = in_str(r->json, "listing_deadline", NULL);
	tx.listing_org = r->user.org_id;
	tx_plan(&tx, json_object_get(r->json, "plan"));
	if (store_hazard_transition(r->st, &r->actor, &r->scope, r->id,
				    in_int(r->json, "version", 0), &tx, &who, today, h, e) == 0) {
		r->out = json_hazard(h, &who, today);
		rc = 0;
	}
	free(h);
	return rc;
}

struct hcollect {
	json_t *items;
	const struct hazard_actor *who;
	int32_t today;
	int64_t last_id;
	char last_due[DATE_LEN];
};

static int
add_hazard(const struct hazard *h, void *arg)
{
	struct hcollect *c = arg;

	json_array_append_new(c->items, json_hazard(h, c->who, c->today));
	c->last_id = h->id;
	snprintf(c->last_due, sizeof(c->last_due), "%s", h->deadline[0] ? h->deadline : "9999-12-31");
	return 0;
}

/* Parse ?cursor=: "ID" newest first; "YYYY-MM-DD.ID" by deadline. */
static int
hazard_cursor(const char *c, struct hazard_filter *f, struct error *e)
{
	char *end;
	const char *dot;

	if (c == NULL || c[0] == '\0')
		return 0;
	if (f->by_due) {
		int32_t d;

		if ((dot = strchr(c, '.')) == NULL || dot - c != 10)
			return err_set(e, ERR_INVALID, "cursor", "bad cursor");
		memcpy(f->after_due, c, 10);
		f->after_due[10] = '\0';
		if (date_parse(f->after_due, &d) != 0)
			return err_set(e, ERR_INVALID, "cursor", "bad cursor");
		c = dot + 1;
	}
	f->after_id = strtoll(c, &end, 10);
	if (*end != '\0' || f->after_id <= 0)
		return err_set(e, ERR_INVALID, "cursor", "bad cursor");
	return 0;
}

int
http_hazard_filter(struct req *r, struct hazard_filter *f, struct error *e)
{
	const char *v;
	char *end;
	int64_t dummy;

	memset(f, 0, sizeof(*f));
	f->status = f->grade = f->source = -1;
	date_format(http_today(), f->today);
	if (http_page(r, &dummy, &f->limit, e) != 0 && strcmp(e->field, "cursor") != 0)
		return -1;
	if ((v = http_query(r, "status")) != NULL &&
	    (f->status = model_lookup(hazard_status_names, HZ_STATUS__MAX, v)) < 0)
		return err_set(e, ERR_INVALID, "status", "unknown status '%.40s'", v);
	if ((v = http_query(r, "grade")) != NULL &&
	    (f->grade = model_lookup(hazard_grade_names, HG__MAX, v)) < 0)
		return err_set(e, ERR_INVALID, "grade", "unknown grade '%.40s'", v);
	if ((v = http_query(r, "source")) != NULL &&
	    (f->source = model_lookup(hazard_source_names, HS__MAX, v)) < 0)
		return err_set(e, ERR_INVALID, "source", "unknown source '%.40s'", v);
	if ((v = http_query(r, "industry")) != NULL &&
	    ((f->industry_id = strtoll(v, &end, 10)) <= 0 || *end))
		return err_set(e, ERR_INVALID, "industry", "industry must be an id");
	if ((v = http_query(r, "enterprise")) != NULL &&
	    ((f->enterprise_id = strtoll(v, &end, 10)) <= 0 || *end))
		return err_set(e, ERR_INVALID, "enterprise", "enterprise must be an id");
	if ((v = http_query(r, "region")) != NULL) {
		if (region_level_of(v) < 0)
			return err_set(e, ERR_INVALID, "region", "region must be a 12-digit code");
		snprintf(f->region, sizeof(f->region), "%s", v);
	}
	if ((v = http_query(r, "overdue")) != NULL &&
	    (f->overdue_only = model_lookup(bool_names, 2, v)) < 0)
		return err_set(e, ERR_INVALID, "overdue", "overdue is true or false");
	if ((v = http_query(r, "listed")) != NULL &&
	    (f->listed_only = model_lookup(bool_names, 2, v)) < 0)
		return err_set(e, ERR_INVALID, "listed", "listed is true or false");
	if ((v = http_query(r, "q")) != NULL) {
		if (strlen(v) >= sizeof(f->q))
			return err_set(e, ERR_INVALID, "q", "search text is too long");
		snprintf(f->q, sizeof(f->q), "%s", v);
	}
	if ((v = http_query(r, "sort")) != NULL &&
	    (f->by_due = model_lookup(sort_names, 2, v)) < 0)
		return err_set(e, ERR_INVALID, "sort", "sort is newest or deadline");
	return hazard_cursor(http_query(r, "cursor"), f, e);
}

int
api_hazards_list(struct req *r, struct error *e)
{
	struct hazard_filter f;
	struct hazard_actor who;
	struct hcollect c = { json_array(), &who, http_today(), 0, "" };
	int64_t total = 0;
	int more = 0;
	char next[48];

	http_hazard_actor(r, &who);
	if (http_hazard_filter(r, &f, e) != 0 ||
	    store_hazard_list(r->st, &r->scope, &f, add_hazard, &c, &total, &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	if (f.by_due)
		snprintf(next, sizeof(next), "%s.%lld", c.last_due, (long long)c.last_id);
	else
		snprintf(next, sizeof(next), "%lld", (long long)c.last_id);
	r->out = json_pack("{s:o,s:o,s:I}", "items", c.items, "next",
			   more ? json_string(next) : json_null(), "total", (json_int_t)total);
	return 0;
}

static int
add_event(const struct hazard_event_row *ev, void *arg)
{
	json_array_append_new((json_t *)arg,
		json_pack("{s:I,s:s,s:I,s:o,s:o,s:o,s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)ev->id,
			  "at", ev->at, "actor_id", (json_int_t)ev->actor_id, "actor", jstr(ev->actor),
			  "actor_name", jstr(ev->actor_name), "actor_org", jstr(ev->actor_org),
			  "event", ev->event, "from", hazard_status_names[ev->from],
			  "to", hazard_status_names[ev->to], "comment", jstr(ev->comment),
			  "reason", jstr(ev->reason), "evidence", jstr(ev->evidence),
			  "deadline", ev->deadline[0] ? jstr(ev->deadline) : json_null()));
	return 0;
}

int
api_hazards_events(struct req *r, struct error *e)
{
	json_t *items = json_array();

	if (store_hazard_events(r->st, &r->scope, r->id, add_event, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	r->out = json_pack("{s:o,s:n,s:I}", "items", items, "next", "total",
			   (json_int_t)json_array_size(items));
	return 0;
}
