/*
 * api_notices.c — supervision records (督办, 通报, 约谈, 曝光, 表扬): the
 * office (and admins, in the name of an office) issues them to orgs citing
 * tasks and hazards; each target org replies once; a 督办's issuer sees who
 * has not replied by its due date. The office, admins and leaders read the
 * notices of their region; every org reads those aimed at it or issued by it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/plan_lists.h"
#include "http/http_int.h"

const struct field notice_create_fields[] = {
	{ "kind", F_ENUM, F_REQUIRED, 0, 0, notice_kind_names, NOTICE_KIND__MAX,
	  "supervise (督办), bulletin (通报), interview (约谈), expose (曝光), praise (表扬)", NULL },
	{ "title", F_STRING, F_REQUIRED, 1, LIST_TITLE_MAX - 1, NULL, 0, "its title", NULL },
	{ "body", F_STRING, F_REQUIRED, 1, LIST_TEXT_MAX - 1, NULL, 0, "its text", NULL },
	{ "targets", F_ID_LIST, F_REQUIRED, 0, NOTICE_TARGETS_MAX, NULL, 0, "the orgs it is aimed at (one or more)", NULL },
	{ "tasks", F_ID_LIST, 0, 0, NOTICE_CITES_MAX, NULL, 0, "tasks it cites", NULL },
	{ "hazards", F_ID_LIST, 0, 0, NOTICE_CITES_MAX, NULL, 0, "hazards it cites", NULL },
	{ "plan_id", F_ID, F_NULLABLE, 0, 0, NULL, 0, "the plan it belongs to", NULL },
	{ "issued_on", F_DATE, 0, 0, 0, NULL, 0, "default: today", NULL },
	{ "due_on", F_DATE, F_NULLABLE, 0, 0, NULL, 0, "reply deadline (required for 督办)", NULL },
	{ "issuer_org_id", F_ID, 0, 0, 0, NULL, 0, "the office it is issued by (default: yours; admins name one)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field notice_query[] = {
	{ "org", F_ID, 0, 0, 0, NULL, 0, "aimed at this org", NULL },
	{ "plan", F_ID, 0, 0, 0, NULL, 0, "of this plan", NULL },
	{ "kind", F_ENUM, 0, 0, 0, notice_kind_names, NOTICE_KIND__MAX, "of this kind", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field notice_reply_fields[] = {
	{ "text", F_STRING, F_REQUIRED, 1, LIST_TEXT_MAX - 1, NULL, 0, "the reply (整改落实情况, 收悉)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

/* Whether a 督办's reply deadline has passed. */
static int
past_due(const struct notice *n, int32_t today)
{
	int32_t d;

	return n->due_on[0] != '\0' && date_parse(n->due_on, &d) == 0 && today > d;
}

static json_t *
json_notice(const struct notice *n, int32_t today)
{
	json_t *j = json_object();
	int over = n->kind == NOTICE_SUPERVISE && past_due(n, today);

	json_object_set_new(j, "id", json_integer(n->id));
	json_object_set_new(j, "code", jstr(n->code));
	json_object_set_new(j, "kind", json_string(notice_kind_names[n->kind]));
	json_object_set_new(j, "issuer_org_id", json_integer(n->issuer_org_id));
	json_object_set_new(j, "issuer_name", jstr(n->issuer_name));
	json_object_set_new(j, "plan_id", n->plan_id ? json_integer(n->plan_id) : json_null());
	json_object_set_new(j, "title", jstr(n->title));
	json_object_set_new(j, "body", jstr(n->body));
	json_object_set_new(j, "issued_on", jstr(n->issued_on));
	json_object_set_new(j, "due_on", n->due_on[0] ? jstr(n->due_on) : json_null());
	json_object_set_new(j, "overdue", json_boolean(over));
	json_object_set_new(j, "targets_count", json_integer(n->targets));
	json_object_set_new(j, "replied_count", json_integer(n->replied));
	json_object_set_new(j, "my_reply", n->mine < 0 ? json_null() : json_string(n->mine ? "replied" : "pending"));
	json_object_set_new(j, "created_at", jstr(n->created_at));
	return j;
}

/* The ids of a validated id list. */
static int64_t *
ids_of(const json_t *o, const char *k, size_t *n)
{
	const json_t *a = json_object_get(o, k), *v;
	int64_t *ids;
	size_t i;

	*n = json_is_array(a) ? json_array_size(a) : 0;
	if ((ids = calloc(*n ? *n : 1, sizeof(*ids))) == NULL)
		return NULL;
	json_array_foreach(a, i, v)
		ids[i] = json_integer_value(v);
	return ids;
}

int
api_notices_create(struct req *r, struct error *e)
{
	struct notice *n = calloc(1, sizeof(*n));
	struct notice_input in = { 0 };
	int64_t *targets, *tasks, *hazards, issuer = r->user.org_id;
	int rc = -1;

	targets = ids_of(r->json, "targets", &in.ntargets);
	tasks = ids_of(r->json, "tasks", &in.ntasks);
	hazards = ids_of(r->json, "hazards", &in.nhazards);
	if (n == NULL || targets == NULL || tasks == NULL || hazards == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	in.targets = targets;
	in.tasks = tasks;
	in.hazards = hazards;
	if (r->user.role != ROLE_OFFICE && r->user.role != ROLE_ADMIN) {
		err_set(e, ERR_FORBIDDEN, NULL, "notices are issued by the office");
		goto out_free;
	}
	if (in_has(r->json, "issuer_org_id")) {
		int64_t want = in_int(r->json, "issuer_org_id", 0);
		struct org o;

		if (want != issuer && r->user.role != ROLE_ADMIN) {
			err_set(e, ERR_INVALID, "issuer_org_id", "you issue notices in your own org's name");
			goto out_free;
		}
		if (store_org_get(r->st, &r->scope, want, &o, e) != 0 ||
		    (o.kind != ORG_OFFICE && o.kind != ORG_COMMITTEE)) {
			err_set(e, ERR_INVALID, "issuer_org_id", "no office or committee %lld", (long long)want);
			goto out_free;
		}
		issuer = want;
	}
	if (issuer == 0) {
		err_set(e, ERR_INVALID, "issuer_org_id", "name the office the notice is issued by");
		goto out_free;
	}
	n->kind = in_enum(r->json, "kind", notice_kind_names, NOTICE_KIND__MAX, NOTICE_BULLETIN);
	in_copy(r->json, "title", n->title, sizeof(n->title));
	in_copy(r->json, "body", n->body, sizeof(n->body));
	if (in_has(r->json, "plan_id"))
		n->plan_id = in_int(r->json, "plan_id", 0);
	if (in_has(r->json, "issued_on"))
		in_copy(r->json, "issued_on", n->issued_on, sizeof(n->issued_on));
	else
		date_format(http_today(), n->issued_on);
	if (in_str(r->json, "due_on", NULL) != NULL)
		in_copy(r->json, "due_on", n->due_on, sizeof(n->due_on));
	if (store_notice_create(r->st, &r->actor, &r->scope, issuer, n, &in, e) != 0)
		goto out_free;
	r->out = json_notice(n, http_today());
	r->status = 201;
	rc = 0;
out_free:
	free(n);
	free(targets);
	free(tasks);
	free(hazards);
	return rc;
}

struct ncollect {
	json_t *items;
	int64_t last;
	int32_t today;
	int64_t viewer_org;
	int all;            /* the reader sees every target's reply */
};

static int
add_notice(const struct notice *n, void *arg)
{
	struct ncollect *c = arg;

	json_array_append_new(c->items, json_notice(n, c->today));
	c->last = n->id;
	return 0;
}

int
api_notices_list(struct req *r, struct error *e)
{
	struct ncollect c = { json_array(), 0, http_today(), 0, 0 };
	const char *v;
	int64_t before, plan = 0, org = 0, total = 0;
	int limit, more = 0, kind = -1;

	if (http_page(r, &before, &limit, e) != 0)
		goto out_fail;
	if ((v = http_query(r, "org")) != NULL)
		org = strtoll(v, NULL, 10);
	if ((v = http_query(r, "plan")) != NULL)
		plan = strtoll(v, NULL, 10);
	if ((v = http_query(r, "kind")) != NULL)
		kind = model_lookup(notice_kind_names, NOTICE_KIND__MAX, v);
	if (store_notice_list(r->st, &r->scope, r->user.org_id, kind, plan, org, before, limit,
			      add_notice, &c, &total, &more, e) != 0)
		goto out_fail;
	http_list(r, c.items, more, c.last, total);
	return 0;
out_fail:
	json_decref(c.items);
	return -1;
}

static int
add_target(const struct notice_target *t, void *arg)
{
	struct ncollect *c = arg;
	int replied = t->replied_at[0] != '\0';

	if (!c->all && t->org_id != c->viewer_org)
		return 0;
	json_array_append_new(c->items, json_pack("{s:I,s:o,s:b,s:o,s:o,s:o}",
		"org_id", (json_int_t)t->org_id, "org_name", jstr(t->org_name), "replied", replied,
		"reply", replied ? jstr(t->reply) : json_null(),
		"replied_at", replied ? jstr(t->replied_at) : json_null(),
		"replied_by", replied ? jstr(t->replied_by) : json_null()));
	return 0;
}

static int
add_cite(const struct notice_cite *ct, void *arg)
{
	json_array_append_new((json_t *)arg, json_pack("{s:s,s:I,s:o,s:o}", "kind", ct->kind,
		"id", (json_int_t)ct->id, "title", jstr(ct->title),
		"code", ct->code[0] ? jstr(ct->code) : json_null()));
	return 0;
}

int
api_notices_get(struct req *r, struct error *e)
{
	struct notice *n = calloc(1, sizeof(*n));
	struct ncollect c = { json_array(), 0, http_today(), r->user.org_id, 0 };
	json_t *cites = json_array();
	int rc = -1;

	if (n == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	if (store_notice_get(r->st, &r->scope, r->user.org_id, r->id, n, e) != 0)
		goto out_free;
	/* Who replied what is the issuer's and the region's overseers' to see;
	 * a target sees its own reply. */
	c.all = r->user.role == ROLE_ADMIN || r->user.role == ROLE_OFFICE ||
		r->user.role == ROLE_LEADER || n->issuer_org_id == r->user.org_id;
	if (store_notice_targets(r->st, r->id, add_target, &c, e) != 0 ||
	    store_notice_cites(r->st, r->id, add_cite, cites, e) != 0)
		goto out_free;
	r->out = json_notice(n, c.today);
	json_object_set_new(r->out, "targets", c.items);
	json_object_set_new(r->out, "cites", cites);
	c.items = cites = NULL;
	rc = 0;
out_free:
	json_decref(c.items);
	json_decref(cites);
	free(n);
	return rc;
}

int
api_notices_reply(struct req *r, struct error *e)
{
	if (store_notice_reply(r->st, &r->actor, &r->scope, r->user.org_id, r->id,
			       in_str(r->json, "text", ""), e) != 0)
		return -1;
	return api_notices_get(r, e) == 0 ? (r->status = 201, 0) : -1;
}
