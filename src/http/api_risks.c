/*
 * api_risks.c — dual prevention (双重预防): risk points and their
 * re-assessments, check items, check tasks and their records, the
 * four-colour statistics and the enterprise's risk list (一企一清单).
 * Scores and levels come from core/risk.c with the configured bands, never
 * from the client. Enterprise users write their own enterprise's data (the
 * admin any); every other role reads what its scope holds.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/hazard.h"
#include "core/risk.h"
#include "core/sbuf.h"
#include "export/export.h"
#include "http/http_int.h"

static const char *const yesno[] = { "false", "true" };
static const char *const task_status_names[CTS__MAX] = { "pending", "done" };

#define END { NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL }

static const struct field assessment_fields[] = {
	{ "method", F_ENUM, F_REQUIRED, 0, 0, risk_method_names, RM__MAX, "lec or ls", NULL },
	{ "l", F_NUMBER, F_REQUIRED, 0, 100, NULL, 0,
	  "LEC: 10, 6, 3, 1, 0.5, 0.2, 0.1; LS: 1–5 (likelihood)", NULL },
	{ "e", F_NUMBER, 0, 0, 100, NULL, 0, "LEC only: 10, 6, 3, 2, 1, 0.5 (exposure)", NULL },
	{ "c", F_NUMBER, 0, 0, 100, NULL, 0, "LEC only: 100, 40, 15, 7, 3, 1 (consequence)", NULL },
	{ "s", F_NUMBER, 0, 0, 100, NULL, 0, "LS only: 1–5 (severity)", NULL },
	END,
};

static const struct field measure_fields[] = {
	{ "engineering", F_STRING, F_NULLABLE, 0, RISK_MEASURE_MAX - 1, NULL, 0, "工程技术措施", NULL },
	{ "management", F_STRING, F_NULLABLE, 0, RISK_MEASURE_MAX - 1, NULL, 0, "管理措施", NULL },
	{ "training", F_STRING, F_NULLABLE, 0, RISK_MEASURE_MAX - 1, NULL, 0, "培训教育措施", NULL },
	{ "ppe", F_STRING, F_NULLABLE, 0, RISK_MEASURE_MAX - 1, NULL, 0, "个体防护措施", NULL },
	{ "emergency", F_STRING, F_NULLABLE, 0, RISK_MEASURE_MAX - 1, NULL, 0, "应急处置措施", NULL },
	END,
};

#define RISK_DESCRIBING(req) \
	{ "name", F_STRING, req, 1, RISK_NAME_MAX - 1, NULL, 0, "风险点名称", NULL }, \
	{ "kind", F_ENUM, req, 0, 0, risk_kind_names, RK__MAX, "equipment, operation or place", NULL }, \
	{ "location", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "where", NULL }, \
	{ "hazard_factors", F_STRING, F_NULLABLE, 0, RISK_TEXT_MAX - 1, NULL, 0, "危险有害因素", NULL }, \
	{ "accident_types", F_ENUM_LIST, 0, 0, ACCIDENT_TYPES, accident_type_names, ACCIDENT_TYPES, \
	  "possible accident types (GB 6441)", NULL }, \
	{ "measures", F_OBJECT, 0, 0, 0, NULL, 0, "control measures by kind", measure_fields }, \
	{ "tier", F_ENUM, req, 0, 0, control_tier_names, CT__MAX, "company, workshop, team or post", NULL }, \
	{ "responsible", F_STRING, req, 1, TEXT_SMALL - 1, NULL, 0, "the person responsible", NULL }, \
	{ "review_on", F_DATE, F_NULLABLE, 0, 0, NULL, 0, "next review date", NULL }

const struct field risk_create_fields[] = {
	{ "enterprise_id", F_ID, 0, 0, 0, NULL, 0, "the enterprise (an enterprise user: its own)", NULL },
	RISK_DESCRIBING(F_REQUIRED),
	{ "assessment", F_OBJECT, F_REQUIRED, 0, 0, NULL, 0, "the method and its inputs", assessment_fields },
	{ "reason", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "a note on the first assessment", NULL },
	END,
};

const struct field risk_update_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you read", NULL },
	RISK_DESCRIBING(0),
	{ "active", F_BOOL, 0, 0, 0, NULL, 0, "false retires the risk point (kept, not counted)", NULL },
	END,
};

const struct field risk_assess_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you read", NULL },
	{ "assessment", F_OBJECT, F_REQUIRED, 0, 0, NULL, 0, "the method and its inputs", assessment_fields },
	{ "reason", F_STRING, F_REQUIRED, 1, HZ_SHORT_MAX - 1, NULL, 0, "why it is re-assessed", NULL },
	{ "review_on", F_DATE, F_NULLABLE, 0, 0, NULL, 0, "next review date", NULL },
	END,
};

const struct field risk_query[] = {
	{ "enterprise", F_ID, 0, 0, 0, NULL, 0, "enterprise id", NULL },
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	{ "level", F_ENUM, 0, 0, 0, risk_level_names, RL__MAX, "low, general, larger, major", NULL },
	{ "kind", F_ENUM, 0, 0, 0, risk_kind_names, RK__MAX, "kind", NULL },
	{ "retired", F_ENUM, 0, 0, 0, yesno, 2, "also retired ones", NULL },
	{ "q", F_STRING, 0, 0, 100, NULL, 0, "name contains", NULL },
	END,
};

const struct field risk_export_query[] = {
	{ "enterprise", F_ID, 0, 0, 0, NULL, 0, "the enterprise (default: all you see)", NULL },
	END,
};

const struct field risk_stats_query[] = {
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree (default: yours)", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	END,
};

const struct field risk_map_query[] = {
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree (default: yours)", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	{ "colour", F_ENUM, 0, 0, 0, risk_colour_names, RL__MAX, "blue, yellow, orange or red", NULL },
	END,
};

#define ITEM_FIELDS(req) \
	{ "measure", F_ENUM, req, 0, 0, measure_kind_names, MK__MAX, "the control measure it checks", NULL }, \
	{ "what", F_STRING, req, 1, CHECK_TEXT_MAX - 1, NULL, 0, "查什么", NULL }, \
	{ "how", F_STRING, F_NULLABLE, 0, CHECK_TEXT_MAX - 1, NULL, 0, "怎么查", NULL }, \
	{ "cadence", F_ENUM, req, 0, 0, cadence_names, CAD__MAX, "daily … yearly", NULL }, \
	{ "tier", F_ENUM, req, 0, 0, control_tier_names, CT__MAX, "who checks: company … post", NULL }, \
	{ "responsible", F_STRING, req, 1, TEXT_SMALL - 1, NULL, 0, "the person responsible", NULL }

const struct field check_item_create_fields[] = {
	{ "risk_id", F_ID, F_REQUIRED, 0, 0, NULL, 0, "the risk point", NULL },
	ITEM_FIELDS(F_REQUIRED),
	END,
};

const struct field check_item_update_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you read", NULL },
	ITEM_FIELDS(0),
	{ "active", F_BOOL, 0, 0, 0, NULL, 0, "false: no more tasks", NULL },
	END,
};

const struct field check_item_query[] = {
	{ "risk", F_ID, 0, 0, 0, NULL, 0, "risk point id", NULL },
	{ "enterprise", F_ID, 0, 0, 0, NULL, 0, "enterprise id", NULL },
	{ "cadence", F_ENUM, 0, 0, 0, cadence_names, CAD__MAX, "cadence", NULL },
	{ "inactive", F_ENUM, 0, 0, 0, yesno, 2, "also retired items", NULL },
	END,
};

const struct field check_task_query[] = {
	{ "enterprise", F_ID, 0, 0, 0, NULL, 0, "enterprise id", NULL },
	{ "risk", F_ID, 0, 0, 0, NULL, 0, "risk point id", NULL },
	{ "item", F_ID, 0, 0, 0, NULL, 0, "check item id", NULL },
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree", NULL },
	{ "status", F_ENUM, 0, 0, 0, task_status_names, CTS__MAX, "pending or done", NULL },
	{ "missed", F_ENUM, 0, 0, 0, yesno, 2, "only missed ones: pending after their due date", NULL },
	END,
};

static const struct field record_hazard_fields[] = {
	{ "title", F_STRING, F_NULLABLE, 0, HZ_TITLE_MAX - 1, NULL, 0, "default: the item's 查什么", NULL },
	{ "description", F_STRING, F_NULLABLE, 0, HZ_TEXT_MAX - 1024, NULL, 0, "description", NULL },
	{ "location", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "where", NULL },
	{ "category", F_ENUM, F_REQUIRED, 0, 0, hazard_category_names, HC__MAX, "category", NULL },
	{ "grade", F_ENUM, F_REQUIRED, 0, 0, hazard_grade_names, HG__MAX, "general or major", NULL },
	{ "basis", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "the clause that makes it major", NULL },
	END,
};

const struct field check_record_fields[] = {
	{ "result", F_ENUM, F_REQUIRED, 0, 0, check_result_names, CR__MAX, "ok, na or hazard", NULL },
	{ "note", F_STRING, F_NULLABLE, 0, HZ_SHORT_MAX - 1, NULL, 0, "what was seen", NULL },
	{ "hazard", F_OBJECT, 0, 0, 0, NULL, 0, "with result hazard: the hazard to report", record_hazard_fields },
	END,
};

/* ---- JSON ---- */

static json_t *
jdate(const char *s)
{
	return s && *s ? jstr(s) : json_null();
}

/* A table value (tenths) as a JSON number: 0.5, 10. */
static json_t *
jtenths(int t)
{
	return t % 10 == 0 ? json_integer(t / 10) : json_real(t / 10.0);
}

static json_t *
json_input(const struct risk_input *in, int64_t score100)
{
	char text[24];
	json_t *j;

	if (in->method == RM_LEC)
		j = json_pack("{s:s,s:o,s:o,s:i}", "method", "lec", "l", jtenths(in->l10),
			      "e", jtenths(in->e10), "c", in->c);
	else
		j = json_pack("{s:s,s:i,s:i}", "method", "ls", "l", in->l, "s", in->s);
	risk_score_text(score100, text, sizeof(text));
	json_object_set_new(j, "score", score100 % 100 == 0 ? json_integer(score100 / 100)
							    : json_real((double)score100 / 100.0));
	json_object_set_new(j, "score_text", json_string(text));
	return j;
}

static json_t *
json_risk(const struct risk_point *rp)
{
	json_t *j = json_object(), *types = json_array(), *m = json_object();
	char text[24];

	for (int i = 0; i < ACCIDENT_TYPES; i++)
		if (rp->accident_types & (1u << i))
			json_array_append_new(types, json_string(accident_type_names[i]));
	for (int k = 0; k < MK__MAX; k++)
		json_object_set_new(m, measure_kind_names[k], jstr(rp->measures[k]));
	risk_score_text(rp->score100, text, sizeof(text));
	json_object_set_new(j, "id", json_integer(rp->id));
	json_object_set_new(j, "enterprise_id", json_integer(rp->enterprise_id));
	json_object_set_new(j, "enterprise_name", jstr(rp->enterprise_name));
	json_object_set_new(j, "region_code", jstr(rp->region_code));
	json_object_set_new(j, "industry", rp->industry_id ? json_integer(rp->industry_id) : json_null());
	json_object_set_new(j, "name", jstr(rp->name));
	json_object_set_new(j, "kind", json_string(risk_kind_names[rp->kind]));
	json_object_set_new(j, "location", jstr(rp->location));
	json_object_set_new(j, "hazard_factors", jstr(rp->hazard_factors));
	json_object_set_new(j, "accident_types", types);
	json_object_set_new(j, "assessment", json_input(&rp->input, rp->score100));
	json_object_set(j, "score", json_object_get(json_object_get(j, "assessment"), "score"));
	json_object_set_new(j, "score_text", json_string(text));
	json_object_set_new(j, "level", json_string(risk_level_names[rp->level]));
	json_object_set_new(j, "colour", json_string(risk_colour_names[rp->level]));
	json_object_set_new(j, "measures", m);
	json_object_set_new(j, "tier", json_string(control_tier_names[rp->tier]));
	json_object_set_new(j, "responsible", jstr(rp->responsible));
	json_object_set_new(j, "review_on", jdate(rp->review_on));
	json_object_set_new(j, "active", json_boolean(rp->active));
	json_object_set_new(j, "version", json_integer(rp->version));
	json_object_set_new(j, "created_at", jstr(rp->created_at));
	json_object_set_new(j, "updated_at", jstr(rp->updated_at));
	return j;
}

static json_t *
json_item(const struct check_item *it)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(it->id));
	json_object_set_new(j, "risk_id", json_integer(it->risk_id));
	json_object_set_new(j, "risk_name", jstr(it->risk_name));
	json_object_set_new(j, "enterprise_id", json_integer(it->enterprise_id));
	json_object_set_new(j, "region_code", jstr(it->region_code));
	json_object_set_new(j, "measure", json_string(measure_kind_names[it->measure]));
	json_object_set_new(j, "what", jstr(it->what));
	json_object_set_new(j, "how", jstr(it->how));
	json_object_set_new(j, "cadence", json_string(cadence_names[it->cadence]));
	json_object_set_new(j, "tier", json_string(control_tier_names[it->tier]));
	json_object_set_new(j, "responsible", jstr(it->responsible));
	json_object_set_new(j, "active", json_boolean(it->active));
	json_object_set_new(j, "version", json_integer(it->version));
	json_object_set_new(j, "created_at", jstr(it->created_at));
	return j;
}

static json_t *
json_task(const struct check_task *t, const char *today)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(t->id));
	json_object_set_new(j, "item_id", json_integer(t->item_id));
	json_object_set_new(j, "risk_id", json_integer(t->risk_id));
	json_object_set_new(j, "risk_name", jstr(t->risk_name));
	json_object_set_new(j, "enterprise_id", json_integer(t->enterprise_id));
	json_object_set_new(j, "enterprise_name", jstr(t->enterprise_name));
	json_object_set_new(j, "region_code", jstr(t->region_code));
	json_object_set_new(j, "what", jstr(t->what));
	json_object_set_new(j, "how", jstr(t->how));
	json_object_set_new(j, "responsible", jstr(t->responsible));
	json_object_set_new(j, "cadence", json_string(cadence_names[t->cadence]));
	json_object_set_new(j, "period", jstr(t->period));
	json_object_set_new(j, "start", jstr(t->start));
	json_object_set_new(j, "due", jstr(t->due));
	json_object_set_new(j, "status", json_string(task_status_names[t->status]));
	json_object_set_new(j, "missed", json_boolean(t->status == CTS_PENDING &&
						      strcmp(t->due, today) < 0));
	json_object_set_new(j, "record", t->status != CTS_DONE ? json_null() :
		json_pack("{s:s,s:o,s:o,s:I,s:s,s:b}", "result", check_result_names[t->result],
			  "note", jstr(t->note),
			  "hazard_id", t->hazard_id ? json_integer(t->hazard_id) : json_null(),
			  "checked_by", (json_int_t)t->checked_by, "checked_at", t->checked_at,
			  "late", t->late));
	return j;
}

/* ---- input ---- */

/* Only enterprise users (their own) and the admin write dual prevention data. */
static int
may_write(const struct req *r, struct error *e)
{
	if (r->user.role != ROLE_ENTERPRISE && r->user.role != ROLE_ADMIN)
		return err_set(e, ERR_FORBIDDEN, NULL,
			       "an enterprise keeps its own risk points and checks");
	return 0;
}

/* A table value given as a JSON number in whole units (C, L and S of LS): -1 when not whole. */
static int
whole(const json_t *o, const char *k)
{
	int t = risk_tenths(json_number_value(json_object_get(o, k)));

	return t >= 0 && t % 10 == 0 ? t / 10 : -1;
}

/* The assessment object (validated) as core input, scored with the configured bands. */
static int
read_assessment(const struct req *r, const json_t *a, struct risk_input *in,
		struct risk_score *sc, struct error *e)
{
	const char *const lec_only[] = { "e", "c" };

	memset(in, 0, sizeof(*in));
	in->method = (enum risk_method)in_enum(a, "method", risk_method_names, RM__MAX, RM_LEC);
	if (in->method == RM_LEC) {
		if (in_has(a, "s"))
			return err_set(e, ERR_INVALID, "assessment.s", "LEC has no 's'");
		for (int i = 0; i < 2; i++)
			if (!in_has(a, lec_only[i]))
				return err_set(e, ERR_INVALID, i ? "assessment.c" : "assessment.e",
					       "LEC needs '%s'", lec_only[i]);
		in->l10 = risk_tenths(json_number_value(json_object_get(a, "l")));
		in->e10 = risk_tenths(json_number_value(json_object_get(a, "e")));
		in->c = whole(a, "c");
	} else {
		for (int i = 0; i < 2; i++)
			if (in_has(a, lec_only[i]))
				return err_set(e, ERR_INVALID, i ? "assessment.c" : "assessment.e",
					       "the LS matrix has no '%s'", lec_only[i]);
		if (!in_has(a, "s"))
			return err_set(e, ERR_INVALID, "assessment.s", "the LS matrix needs 's'");
		in->l = whole(a, "l");
		in->s = whole(a, "s");
	}
	if (risk_assess(in, &r->cfg->risk, sc, e) != 0) {
		char f[ERR_FIELD_MAX];

		snprintf(f, sizeof(f), "assessment.%.40s", e->field);
		snprintf(e->field, sizeof(e->field), "%s", f);
		return -1;
	}
	return 0;
}

/* The describing fields present in a validated body, onto rp. */
static void
read_describing(const json_t *j, struct risk_point *rp)
{
	const json_t *types = json_object_get(j, "accident_types"), *m = json_object_get(j, "measures");
	size_t i;
	json_t *v;

	in_copy(j, "name", rp->name, sizeof(rp->name));
	if (in_has(j, "kind"))
		rp->kind = (enum risk_kind)in_enum(j, "kind", risk_kind_names, RK__MAX, 0);
	in_copy(j, "location", rp->location, sizeof(rp->location));
	in_copy(j, "hazard_factors", rp->hazard_factors, sizeof(rp->hazard_factors));
	if (json_is_array(types)) {
		rp->accident_types = 0;
		json_array_foreach(types, i, v) {
			int t = accident_type_index(json_string_value(v));

			if (t >= 0) /* the field table let only known names through */
				rp->accident_types |= 1u << t;
		}
	}
	if (json_is_object(m))
		for (int k = 0; k < MK__MAX; k++)
			in_copy(m, measure_kind_names[k], rp->measures[k], sizeof(rp->measures[k]));
	if (in_has(j, "tier"))
		rp->tier = (enum control_tier)in_enum(j, "tier", control_tier_names, CT__MAX, 0);
	in_copy(j, "responsible", rp->responsible, sizeof(rp->responsible));
	in_copy(j, "review_on", rp->review_on, sizeof(rp->review_on));
}

/* A query id (validated by the route's table), 0 when absent. */
static int64_t
query_id(struct req *r, const char *k)
{
	const char *v = http_query(r, k);

	return v ? strtoll(v, NULL, 10) : 0;
}

static int
query_flag(struct req *r, const char *k)
{
	const char *v = http_query(r, k);

	return v != NULL && strcmp(v, "true") == 0;
}

/* ---- the methods ---- */

/*
 * The methods' tables, the configured bands and GB 6441's list, so that a
 * form can offer the values and show the level as it will be graded.
 */
int
api_risk_methods(struct req *r, struct error *e)
{
	static const int l10[] = { 100, 60, 30, 10, 5, 2, 1 }, e10[] = { 100, 60, 30, 20, 10, 5 };
	static const int c[] = { 100, 40, 15, 7, 3, 1 };
	const struct risk_bands *b = &r->cfg->risk;
	json_t *jl = json_array(), *je = json_array(), *jc = json_array(), *types = json_array();

	(void)e;
	for (size_t i = 0; i < sizeof(l10) / sizeof(l10[0]); i++)
		json_array_append_new(jl, jtenths(l10[i]));
	for (size_t i = 0; i < sizeof(e10) / sizeof(e10[0]); i++)
		json_array_append_new(je, jtenths(e10[i]));
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		json_array_append_new(jc, json_integer(c[i]));
	for (int i = 0; i < ACCIDENT_TYPES; i++)
		json_array_append_new(types, json_string(accident_type_names[i]));
	r->out = json_pack("{s:{s:o,s:o,s:o,s:{s:i,s:i,s:i}},s:{s:[i,i,i,i,i],s:[i,i,i,i,i],s:{s:i,s:i,s:i}},s:o}",
			   "lec", "l", jl, "e", je, "c", jc, "bands", "red", b->lec_red, "orange",
			   b->lec_orange, "yellow", b->lec_yellow,
			   "ls", "l", 5, 4, 3, 2, 1, "s", 5, 4, 3, 2, 1, "bands", "red", b->ls_red,
			   "orange", b->ls_orange, "yellow", b->ls_yellow, "accident_types", types);
	return 0;
}

/* ---- risk points ---- */

int
api_risks_create(struct req *r, struct error *e)
{
	struct risk_point *rp = calloc(1, sizeof(*rp));
	struct risk_score sc;
	int rc = -1;

	if (rp == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (may_write(r, e) != 0)
		goto out_free;
	rp->enterprise_id = in_int(r->json, "enterprise_id", 0);
	if (r->user.role == ROLE_ENTERPRISE) {
		if (rp->enterprise_id != 0 && rp->enterprise_id != r->user.org_id) {
			err_set(e, ERR_NOT_FOUND, "enterprise_id", "no enterprise %lld",
				(long long)rp->enterprise_id);
			goto out_free;
		}
		rp->enterprise_id = r->user.org_id;
	} else if (rp->enterprise_id == 0) {
		err_set(e, ERR_INVALID, "enterprise_id", "'enterprise_id' is required");
		goto out_free;
	}
	read_describing(r->json, rp);
	if (read_assessment(r, json_object_get(r->json, "assessment"), &rp->input, &sc, e) != 0)
		goto out_free;
	rp->score100 = sc.score100;
	rp->level = sc.level;
	rp->active = 1;
	if (store_risk_create(r->st, &r->actor, &r->scope, rp, in_str(r->json, "reason", ""), e) != 0)
		goto out_free;
	r->out = json_risk(rp);
	r->status = 201;
	rc = 0;
out_free:
	free(rp);
	return rc;
}

int
api_risks_get(struct req *r, struct error *e)
{
	struct risk_point *rp = malloc(sizeof(*rp));
	int rc = -1;

	if (rp == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_risk_get(r->st, &r->scope, r->id, rp, e) == 0) {
		r->out = json_risk(rp);
		rc = 0;
	}
	free(rp);
	return rc;
}

int
api_risks_update(struct req *r, struct error *e)
{
	struct risk_point *rp = malloc(sizeof(*rp));
	int rc = -1;

	if (rp == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (may_write(r, e) != 0 || store_risk_get(r->st, &r->scope, r->id, rp, e) != 0)
		goto out_free;
	read_describing(r->json, rp);
	if (in_has(r->json, "active"))
		rp->active = (int)in_int(r->json, "active", 1);
	rp->version = in_int(r->json, "version", 0);
	if (store_risk_update(r->st, &r->actor, &r->scope, rp, e) != 0)
		goto out_free;
	r->out = json_risk(rp);
	rc = 0;
out_free:
	free(rp);
	return rc;
}

int
api_risks_assess(struct req *r, struct error *e)
{
	struct risk_point *rp = malloc(sizeof(*rp));
	struct risk_input in;
	struct risk_score sc;
	int rc = -1;

	if (rp == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	/* Scope first: an id outside it is 404 whatever the body says. */
	if (may_write(r, e) != 0 || store_risk_get(r->st, &r->scope, r->id, rp, e) != 0 ||
	    read_assessment(r, json_object_get(r->json, "assessment"), &in, &sc, e) != 0 ||
	    store_risk_assess(r->st, &r->actor, &r->scope, r->id, in_int(r->json, "version", 0), &in,
			      &sc, in_str(r->json, "reason", ""), in_str(r->json, "review_on", NULL),
			      rp, e) != 0)
		goto out_free;
	r->out = json_risk(rp);
	r->status = 201;
	rc = 0;
out_free:
	free(rp);
	return rc;
}

static int
add_assessment(const struct risk_assessment *ra, void *arg)
{
	json_t *j = json_pack("{s:I,s:s,s:I,s:o,s:o,s:o,s:s,s:o}", "id", (json_int_t)ra->id,
			      "at", ra->at, "actor_id", (json_int_t)ra->actor_id, "actor", jstr(ra->actor),
			      "assessment", json_input(&ra->input, ra->score100),
			      "level_before", ra->level_before >= 0
					      ? json_string(risk_level_names[ra->level_before]) : json_null(),
			      "level_after", risk_level_names[ra->level_after], "reason", jstr(ra->reason));

	json_array_append_new((json_t *)arg, j);
	return 0;
}

int
api_risks_assessments(struct req *r, struct error *e)
{
	json_t *items = json_array();

	if (store_risk_assessments(r->st, &r->scope, r->id, add_assessment, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	r->out = json_pack("{s:o,s:n,s:I}", "items", items, "next", "total",
			   (json_int_t)json_array_size(items));
	return 0;
}

struct collect {
	json_t *items;
	int64_t last_id;
	char today[DATE_LEN];
};

static int
add_risk(const struct risk_point *rp, void *arg)
{
	struct collect *c = arg;

	json_array_append_new(c->items, json_risk(rp));
	c->last_id = rp->id;
	return 0;
}

static int
risk_filter_of(struct req *r, struct risk_filter *f, struct error *e)
{
	const char *v;

	memset(f, 0, sizeof(*f));
	f->level = f->kind = -1;
	if (http_page(r, &f->after_id, &f->limit, e) != 0)
		return -1;
	f->enterprise_id = query_id(r, "enterprise");
	f->industry_id = query_id(r, "industry");
	if ((v = http_query(r, "region")) != NULL)
		snprintf(f->region, sizeof(f->region), "%s", v);
	if ((v = http_query(r, "level")) != NULL)
		f->level = model_lookup(risk_level_names, RL__MAX, v);
	if ((v = http_query(r, "kind")) != NULL)
		f->kind = model_lookup(risk_kind_names, RK__MAX, v);
	f->include_retired = query_flag(r, "retired");
	if ((v = http_query(r, "q")) != NULL)
		snprintf(f->q, sizeof(f->q), "%s", v);
	return 0;
}

int
api_risks_list(struct req *r, struct error *e)
{
	struct risk_filter f;
	struct collect c = { .items = json_array() };
	int64_t total = 0;
	int more = 0;

	if (risk_filter_of(r, &f, e) != 0 ||
	    store_risk_list(r->st, &r->scope, &f, add_risk, &c, &total, &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	http_list(r, c.items, more, c.last_id, total);
	return 0;
}

/* ---- check items ---- */

static void
read_item_fields(const json_t *j, struct check_item *it)
{
	if (in_has(j, "measure"))
		it->measure = (enum measure_kind)in_enum(j, "measure", measure_kind_names, MK__MAX, 0);
	in_copy(j, "what", it->what, sizeof(it->what));
	in_copy(j, "how", it->how, sizeof(it->how));
	if (in_has(j, "cadence"))
		it->cadence = (enum cadence)in_enum(j, "cadence", cadence_names, CAD__MAX, 0);
	if (in_has(j, "tier"))
		it->tier = (enum control_tier)in_enum(j, "tier", control_tier_names, CT__MAX, 0);
	in_copy(j, "responsible", it->responsible, sizeof(it->responsible));
}

int
api_check_items_create(struct req *r, struct error *e)
{
	struct check_item *it = calloc(1, sizeof(*it));
	int rc = -1;

	if (it == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (may_write(r, e) != 0)
		goto out_free;
	it->risk_id = in_int(r->json, "risk_id", 0);
	read_item_fields(r->json, it);
	if (store_check_item_create(r->st, &r->actor, &r->scope, it, http_today(), e) != 0)
		goto out_free;
	r->out = json_item(it);
	r->status = 201;
	rc = 0;
out_free:
	free(it);
	return rc;
}

int
api_check_items_get(struct req *r, struct error *e)
{
	struct check_item *it = malloc(sizeof(*it));
	int rc = -1;

	if (it == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_check_item_get(r->st, &r->scope, r->id, it, e) == 0) {
		r->out = json_item(it);
		rc = 0;
	}
	free(it);
	return rc;
}

int
api_check_items_update(struct req *r, struct error *e)
{
	struct check_item *it = malloc(sizeof(*it));
	int rc = -1;

	if (it == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (may_write(r, e) != 0 || store_check_item_get(r->st, &r->scope, r->id, it, e) != 0)
		goto out_free;
	read_item_fields(r->json, it);
	if (in_has(r->json, "active"))
		it->active = (int)in_int(r->json, "active", 1);
	it->version = in_int(r->json, "version", 0);
	if (store_check_item_update(r->st, &r->actor, &r->scope, it, e) != 0)
		goto out_free;
	r->out = json_item(it);
	rc = 0;
out_free:
	free(it);
	return rc;
}

/* DELETE retires: the item makes no more tasks; it and its tasks are kept. */
int
api_check_items_delete(struct req *r, struct error *e)
{
	struct check_item *it = malloc(sizeof(*it));
	int rc = -1;

	if (it == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (may_write(r, e) != 0 || store_check_item_get(r->st, &r->scope, r->id, it, e) != 0)
		goto out_free;
	if (!it->active) {
		err_set(e, ERR_CONFLICT, "id", "check item %lld is already retired", (long long)r->id);
		goto out_free;
	}
	it->active = 0;
	if (store_check_item_update(r->st, &r->actor, &r->scope, it, e) != 0)
		goto out_free;
	r->status = 204;
	rc = 0;
out_free:
	free(it);
	return rc;
}

static int
add_item(const struct check_item *it, void *arg)
{
	struct collect *c = arg;

	json_array_append_new(c->items, json_item(it));
	c->last_id = it->id;
	return 0;
}

int
api_check_items_list(struct req *r, struct error *e)
{
	struct check_item_filter f = { .cadence = -1 };
	struct collect c = { .items = json_array() };
	const char *v;
	int64_t total = 0;
	int more = 0;

	if (http_page(r, &f.after_id, &f.limit, e) != 0)
		goto out_fail;
	f.risk_id = query_id(r, "risk");
	f.enterprise_id = query_id(r, "enterprise");
	if ((v = http_query(r, "cadence")) != NULL)
		f.cadence = model_lookup(cadence_names, CAD__MAX, v);
	f.include_inactive = query_flag(r, "inactive");
	if (store_check_item_list(r->st, &r->scope, &f, add_item, &c, &total, &more, e) != 0)
		goto out_fail;
	http_list(r, c.items, more, c.last_id, total);
	return 0;
out_fail:
	json_decref(c.items);
	return -1;
}

/* ---- check tasks ---- */

static int
add_task(const struct check_task *t, void *arg)
{
	struct collect *c = arg;

	json_array_append_new(c->items, json_task(t, c->today));
	c->last_id = t->id;
	return 0;
}

int
api_check_tasks_list(struct req *r, struct error *e)
{
	struct check_task_filter f = { .status = -1 };
	struct collect c = { .items = json_array() };
	const char *v;
	int64_t total = 0;
	int more = 0;

	date_format(http_today(), c.today);
	if (http_page(r, &f.after_id, &f.limit, e) != 0)
		goto out_fail;
	f.enterprise_id = query_id(r, "enterprise");
	f.risk_id = query_id(r, "risk");
	f.item_id = query_id(r, "item");
	if ((v = http_query(r, "region")) != NULL)
		snprintf(f.region, sizeof(f.region), "%s", v);
	if ((v = http_query(r, "status")) != NULL)
		f.status = model_lookup(task_status_names, CTS__MAX, v);
	f.missed_only = query_flag(r, "missed");
	memcpy(f.today, c.today, sizeof(f.today));
	if (store_check_task_list(r->st, &r->scope, &f, add_task, &c, &total, &more, e) != 0)
		goto out_fail;
	http_list(r, c.items, more, c.last_id, total);
	return 0;
out_fail:
	json_decref(c.items);
	return -1;
}

int
api_check_tasks_get(struct req *r, struct error *e)
{
	struct check_task *t = malloc(sizeof(*t));
	char today[DATE_LEN];
	int rc = -1;

	if (t == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	date_format(http_today(), today);
	if (store_check_task_get(r->st, &r->scope, r->id, t, e) == 0) {
		r->out = json_task(t, today);
		rc = 0;
	}
	free(t);
	return rc;
}

int
api_check_records_create(struct req *r, struct error *e)
{
	struct check_task *t = malloc(sizeof(*t));
	struct hazard *h = calloc(1, sizeof(*h));
	struct hazard_actor who;
	struct check_answer ans = { 0 };
	const json_t *hj = json_object_get(r->json, "hazard");
	int32_t today = http_today();
	char day[DATE_LEN];
	int rc = -1;

	if (t == NULL || h == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	if (may_write(r, e) != 0 || store_check_task_get(r->st, &r->scope, r->id, t, e) != 0)
		goto out_free;
	http_hazard_actor(r, &who);
	ans.result = (enum check_result)in_enum(r->json, "result", check_result_names, CR__MAX, CR_OK);
	ans.note = in_str(r->json, "note", "");
	ans.who = &who;
	if (ans.result == CR_HAZARD) {
		if (!json_is_object(hj)) {
			err_set(e, ERR_INVALID, "hazard", "a 'hazard' answer needs the hazard");
			goto out_free;
		}
		in_copy(hj, "title", h->title, sizeof(h->title));
		in_copy(hj, "description", h->description, sizeof(h->description));
		in_copy(hj, "location", h->location, sizeof(h->location));
		in_copy(hj, "basis", h->basis, sizeof(h->basis));
		h->category = (enum hazard_category)in_enum(hj, "category", hazard_category_names, HC__MAX, 0);
		h->grade = (enum hazard_grade)in_enum(hj, "grade", hazard_grade_names, HG__MAX, 0);
		ans.hazard = h;
	} else if (hj != NULL && !json_is_null(hj)) {
		err_set(e, ERR_INVALID, "hazard", "only a 'hazard' answer reports a hazard");
		goto out_free;
	}
	if (store_check_record(r->st, &r->actor, &r->scope, r->id, &ans, today, t, e) != 0)
		goto out_free;
	date_format(today, day);
	r->out = json_task(t, day);
	r->status = 201;
	rc = 0;
out_free:
	free(t);
	free(h);
	return rc;
}

/* ---- four-colour statistics ---- */

struct stats_ctx {
	struct req *r;
	json_t *total, *by_region, *by_industry;
};

static json_t *
colour_counts(const struct risk_stats_row *row)
{
	json_t *risks = json_object(), *ents = json_object();

	for (int l = RL__MAX - 1; l >= 0; l--) {
		json_object_set_new(risks, risk_colour_names[l], json_integer(row->n[l]));
		json_object_set_new(ents, risk_colour_names[l], json_integer(row->enterprises[l]));
	}
	return json_pack("{s:o,s:o}", "risks", risks, "enterprises", ents);
}

static int
add_stats(enum risk_stats_group g, const struct risk_stats_row *row, void *arg)
{
	struct stats_ctx *c = arg;
	json_t *j = colour_counts(row);
	struct industry ind;
	struct region reg;
	struct error e;
	char code[48];

	if (g == RSG_TOTAL) {
		json_decref(c->total);
		c->total = j;
		return 0;
	}
	if (g == RSG_INDUSTRY) {
		int64_t id = strtoll(row->key, NULL, 10);

		json_object_set_new(j, "key", id ? json_integer(id) : json_null());
		json_object_set_new(j, "name", id && store_industry_get(c->r->st, id, &ind, &e) == 0
					       ? jstr(ind.name) : json_string("未分类"));
		json_array_append_new(c->by_industry, j);
	} else {
		snprintf(code, sizeof(code), "%s000000000000", row->key);
		code[REGION_CODE_LEN] = '\0';
		json_object_set_new(j, "key", json_string(code));
		json_object_set_new(j, "name", store_region_get(c->r->st, code, &reg, &e) == 0
					       ? jstr(reg.name) : json_null());
		json_array_append_new(c->by_region, j);
	}
	return 0;
}

/*
 * The four-colour distribution: risk points by colour and enterprises by
 * colour, in total, by child region and by industry, from one read of the
 * store's kept counts.
 */
int
api_stats_risks(struct req *r, struct error *e)
{
	const char *region = http_query(r, "region");
	int64_t industry = query_id(r, "industry");
	json_t *out = json_object(), *by_region = json_array(), *by_industry = json_array();
	struct stats_ctx c = { .r = r, .by_region = by_region, .by_industry = by_industry };
	char today[DATE_LEN];

	date_format(http_today(), today);
	json_object_set_new(out, "region", region ? json_string(region) : json_null());
	json_object_set_new(out, "industry", industry ? json_integer(industry) : json_null());
	json_object_set_new(out, "as_of", json_string(today));
	json_object_set_new(out, "by_region", by_region);
	json_object_set_new(out, "by_industry", by_industry);
	if (store_risk_stats(r->st, &r->scope, region, industry, add_stats, &c, e) != 0) {
		json_decref(c.total);
		json_decref(out);
		return -1;
	}
	json_object_set_new(out, "total", c.total);
	r->out = out;
	return 0;
}

/* ---- the four-colour map ---- */

/* A city has some 20,000 enterprises; a province's map stops here. */
#define MAP_MAX_ENTERPRISES 50000

/* The enterprises of one child region, for its label at their centroid. */
struct map_region {
	char code[REGION_CODE_LEN + 1];
	double sum_lat, sum_lon;
	int64_t n;
};

struct map_ctx {
	struct sbuf b;
	json_t *name;               /* one string, reset for each row's name */
	char buf[4 * NAME_MAX_BYTES + 8]; /* its escaped form */
	int64_t n;
	double min_lat, min_lon, max_lat, max_lon;
	size_t child_len;           /* digits that name a child region */
	struct map_region *regions;
	size_t nregions, cap;
	int oom;
};

/* Count p in its child region's centroid. */
static void
map_region_add(struct map_ctx *c, const struct risk_map_point *p)
{
	char code[REGION_CODE_LEN + 1];
	struct map_region *g = NULL;
	size_t k = strnlen(p->region_code, c->child_len);

	memcpy(code, p->region_code, k);
	memset(code + k, '0', REGION_CODE_LEN - k);
	code[REGION_CODE_LEN] = '\0';
	/* the latest region first: rows of a region often follow each other */
	for (size_t i = c->nregions; i-- > 0;)
		if (strcmp(c->regions[i].code, code) == 0) {
			g = &c->regions[i];
			break;
		}
	if (g == NULL) {
		if (c->nregions == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 32;
			struct map_region *nr = realloc(c->regions, cap * sizeof(*nr));

			if (nr == NULL) {
				c->oom = 1;
				return;
			}
			c->regions = nr;
			c->cap = cap;
		}
		g = &c->regions[c->nregions++];
		memset(g, 0, sizeof(*g));
		memcpy(g->code, code, sizeof(g->code));
	}
	g->sum_lat += p->lat;
	g->sum_lon += p->lon;
	g->n++;
}

static int
map_region_cmp(const void *a, const void *b)
{
	return strcmp(((const struct map_region *)a)->code, ((const struct map_region *)b)->code);
}

/* "regions": [[code, name, lat, lon, n], …] by code; the name null when
 * the region is unknown. */
static void
map_regions_write(struct req *r, struct map_ctx *c)
{
	struct region reg;
	struct error e;

	if (c->nregions > 0)
		qsort(c->regions, c->nregions, sizeof(c->regions[0]), map_region_cmp);
	sbuf_adds(&c->b, ",\"regions\":[");
	for (size_t i = 0; i < c->nregions; i++) {
		const struct map_region *g = &c->regions[i];
		size_t len = 0;

		if (store_region_get(r->st, g->code, &reg, &e) == 0 &&
		    json_string_set(c->name, reg.name) == 0)
			len = json_dumpb(c->name, c->buf, sizeof(c->buf), JSON_ENCODE_ANY);
		if (len == 0 || len >= sizeof(c->buf)) {
			memcpy(c->buf, "null", 4);
			len = 4;
		}
		sbuf_addf(&c->b, "%s[\"%s\",", i ? "," : "", g->code);
		sbuf_add(&c->b, c->buf, len);
		sbuf_addf(&c->b, ",%.6f,%.6f,%lld]", g->sum_lat / (double)g->n, g->sum_lon / (double)g->n,
			  (long long)g->n);
	}
	sbuf_adds(&c->b, "]");
}

static int
add_map_point(const struct risk_map_point *p, void *arg)
{
	struct map_ctx *c = arg;
	size_t len = 0;

	if (json_string_set(c->name, p->name) == 0)
		len = json_dumpb(c->name, c->buf, sizeof(c->buf), JSON_ENCODE_ANY);
	if (len == 0 || len >= sizeof(c->buf)) {
		/* stored names passed validation: this is a bug, not input */
		memcpy(c->buf, "\"\"", 2);
		len = 2;
	}
	sbuf_addf(&c->b, "%s[%lld,%.6f,%.6f,\"%s\",", c->n ? "," : "", (long long)p->id, p->lat,
		  p->lon, risk_colour_names[p->colour]);
	sbuf_add(&c->b, c->buf, len);
	sbuf_adds(&c->b, "]");
	if (c->n == 0 || p->lat < c->min_lat)
		c->min_lat = p->lat;
	if (c->n == 0 || p->lat > c->max_lat)
		c->max_lat = p->lat;
	if (c->n == 0 || p->lon < c->min_lon)
		c->min_lon = p->lon;
	if (c->n == 0 || p->lon > c->max_lon)
		c->max_lon = p->lon;
	c->n++;
	map_region_add(c, p);
	return c->b.oom || c->oom;
}

/*
 * The enterprises of the four-colour map as compact rows [id, lat, lon,
 * colour, name], the bounds of those placed, the child regions of the map's
 * region with the centroid and count of their rows (labels: we ship no
 * outlines), how many have no coordinates, and whether the limit cut the
 * list (red ones last of all). Written as text: 50,000 rows as JSON
 * objects would cost tens of megabytes.
 */
int
api_stats_risks_map(struct req *r, struct error *e)
{
	const char *colour = http_query(r, "colour");
	struct risk_map_filter f = {
		.region = http_query(r, "region"),
		.industry = query_id(r, "industry"),
		.colour = colour ? model_lookup(risk_colour_names, RL__MAX, colour) : -1,
		.limit = MAP_MAX_ENTERPRISES,
	};
	static const size_t child_len[] = { 4, 6, 9, 12, 12 };  /* by region level */
	struct map_ctx *c = calloc(1, sizeof(*c));
	int64_t unplaced = 0;
	int more = 0, level, rc = -1;

	if (c == NULL || (c->name = json_string("")) == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	level = f.region != NULL ? region_level_of(f.region)
		: r->scope.all ? -1 : region_level_of(r->scope.region_lo);
	c->child_len = level < 0 ? 2 : child_len[level];
	sbuf_adds(&c->b, "{\"enterprises\":[");
	if (store_risk_map(r->st, &r->scope, &f, add_map_point, c, &unplaced, &more, e) != 0)
		goto out_free;
	if (c->n > 0)
		sbuf_addf(&c->b, "],\"bounds\":[[%.6f,%.6f],[%.6f,%.6f]]", c->min_lat, c->min_lon,
			  c->max_lat, c->max_lon);
	else
		sbuf_adds(&c->b, "],\"bounds\":null");
	map_regions_write(r, c);
	sbuf_addf(&c->b, ",\"without_coordinates\":%lld,\"truncated\":%s}", (long long)unplaced,
		  more ? "true" : "false");
	if (c->b.oom || c->oom) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	r->text = c->b.buf;
	r->text_type = "application/json";
	c->b.buf = NULL;
	rc = 0;
out_free:
	if (c != NULL) {
		json_decref(c->name);
		sbuf_free(&c->b);
		free(c->regions);
	}
	free(c);
	return rc;
}

/* ---- 一企一清单 ---- */

static const char *const list_cols[] = { "序号", "企业", "风险点名称", "类型", "位置",
	"危险有害因素", "可能导致的事故类型", "评价方法", "评价参数", "风险值", "风险等级", "风险颜色",
	"工程技术措施", "管理措施", "培训教育措施", "个体防护措施", "应急处置措施", "管控层级", "责任人",
	"下次评审日期" };
static const int list_widths[] = { 6, 30, 28, 10, 20, 36, 28, 8, 18, 8, 10, 8, 36, 36, 30, 30, 36,
	8, 10, 12 };

struct xrow {
	struct exporter *x;
	int64_t n, last_id;
	int failed;
};

static int
write_risk(const struct risk_point *rp, void *arg)
{
	struct xrow *c = arg;
	char types[512] = "", params[64], score[24];
	size_t k = 0;
	int rc;

	for (int i = 0; i < ACCIDENT_TYPES; i++)
		if (rp->accident_types & (1u << i))
			k += (size_t)snprintf(types + k, k < sizeof(types) ? sizeof(types) - k : 0, "%s%s",
					      k ? "、" : "", accident_type_names[i]);
	if (rp->input.method == RM_LEC) {
		char l[12], ev[12];

		risk_score_text((int64_t)rp->input.l10 * 10, l, sizeof(l));
		risk_score_text((int64_t)rp->input.e10 * 10, ev, sizeof(ev));
		snprintf(params, sizeof(params), "L=%s E=%s C=%d", l, ev, rp->input.c);
	} else {
		snprintf(params, sizeof(params), "L=%d S=%d", rp->input.l, rp->input.s);
	}
	risk_score_text(rp->score100, score, sizeof(score));
	c->n++;
	c->last_id = rp->id;
	rc = export_number(c->x, (double)c->n) | export_text(c->x, rp->enterprise_name) |
	     export_text(c->x, rp->name) | export_text(c->x, risk_kind_labels[rp->kind]) |
	     export_text(c->x, rp->location) | export_text(c->x, rp->hazard_factors) |
	     export_text(c->x, types) | export_text(c->x, rp->input.method == RM_LEC ? "LEC" : "LS") |
	     export_text(c->x, params) | export_text(c->x, score) |
	     export_text(c->x, risk_level_labels[rp->level]) |
	     export_text(c->x, risk_colour_labels[rp->level]);
	for (int m = 0; m < MK__MAX; m++)
		rc |= export_text(c->x, rp->measures[m]);
	rc |= export_text(c->x, control_tier_labels[rp->tier]) | export_text(c->x, rp->responsible) |
	      export_text(c->x, rp->review_on) | export_end_row(c->x);
	if (rc != 0)
		c->failed = 1;
	return rc != 0;
}

int
api_export_risks(struct req *r, struct error *e)
{
	struct risk_filter f;
	struct xrow c = { 0 };
	struct org ent;
	char path[EXPORT_PATH_MAX];
	int more = 1;

	memset(&f, 0, sizeof(f));
	f.level = f.kind = -1;
	f.limit = 500;
	f.enterprise_id = query_id(r, "enterprise");
	if (r->user.role == ROLE_ENTERPRISE && f.enterprise_id == 0)
		f.enterprise_id = r->user.org_id;
	/* An enterprise outside the scope is not found, not an empty list. */
	if (f.enterprise_id != 0 &&
	    (store_org_get(r->st, &r->scope, f.enterprise_id, &ent, e) != 0 || ent.kind != ORG_ENTERPRISE))
		return err_set(e, ERR_NOT_FOUND, "enterprise", "no enterprise %lld",
			       (long long)f.enterprise_id);
	if (export_tmp(path, e) != 0)
		return -1;
	if ((c.x = export_open(EXPORT_XLSX, path, "风险分级管控清单", e)) == NULL)
		goto out_unlink;
	if (export_header(c.x, list_cols, list_widths, (int)(sizeof(list_cols) / sizeof(list_cols[0]))) != 0)
		goto out_close;
	while (more) {
		if (store_risk_list(r->st, &r->scope, &f, write_risk, &c, NULL, &more, e) != 0)
			goto out_close;
		if (c.failed) {
			err_set(e, ERR_IO, NULL, "cannot write the export file");
			goto out_close;
		}
		f.after_id = c.last_id;
	}
	if (export_close(c.x, e) != 0)
		goto out_unlink;
	snprintf(r->file_path, sizeof(r->file_path), "%s", path);
	snprintf(r->file_type, sizeof(r->file_type), "%s", export_mime(EXPORT_XLSX));
	snprintf(r->file_name, sizeof(r->file_name), "risks.xlsx");
	r->file_unlink = 1;
	return 0;
out_close:
	export_close(c.x, NULL);
out_unlink:
	unlink(path);
	return -1;
}
