/*
 * api_riskreports.c — the enterprise's yearly report of its risk list and
 * risk analysis to its regulators (风险清单及年度风险分析, DESIGN §3.2),
 * due each year on the configured day (risk.report_day, default 12-20):
 * the enterprise drafts it (the counts live), writes the analysis and the
 * principal who confirms it, and submits it, which freezes the list;
 * regulators list the reports of a year and who has not reported, and read
 * a submitted one as XLSX. Only an enterprise user writes, its own only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/risk.h"
#include "export/export.h"
#include "http/http_int.h"

#define END { NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL }

static const char *const rr_status_names[REPORT_STATUS__MAX] = { "draft", "submitted" };

#define RR_TEXT_FIELDS \
	{ "analysis", F_STRING, F_NULLABLE, 0, RISK_ANALYSIS_MAX - 1, NULL, 0, \
	  "年度风险分析: the year's risk analysis (required to submit)", NULL }, \
	{ "principal", F_STRING, F_NULLABLE, 0, TEXT_SMALL - 1, NULL, 0, \
	  "the enterprise principal who confirms the report (required to submit)", NULL }

const struct field risk_report_create_fields[] = {
	{ "enterprise_id", F_ID, 0, 0, 0, NULL, 0, "your enterprise (default: it)", NULL },
	{ "year", F_INT, F_REQUIRED, 2000, 9999, NULL, 0, "the year reported (not a future one)", NULL },
	RR_TEXT_FIELDS,
	END,
};

const struct field risk_report_update_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you read", NULL },
	RR_TEXT_FIELDS,
	END,
};

const struct field risk_report_submit_fields[] = {
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you checked", NULL },
	{ "principal", F_STRING, F_NULLABLE, 0, TEXT_SMALL - 1, NULL, 0,
	  "the principal who confirms it (default: the draft's)", NULL },
	END,
};

const struct field risk_report_query[] = {
	{ "year", F_INT, 0, 2000, 9999, NULL, 0, "the year (default: this year)", NULL },
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	{ "status", F_ENUM, 0, 0, 0, rr_status_names, REPORT_STATUS__MAX, "draft or submitted", NULL },
	END,
};

const struct field risk_report_missing_query[] = {
	{ "year", F_INT, 0, 2000, 9999, NULL, 0, "the year (default: this year)", NULL },
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	END,
};

/* The configured due day of year's report (the default when it will not parse). */
static int32_t
due_of(const struct req *r, int year)
{
	int m = 12, d = 20;

	if (date_month_day_parse(r->cfg->risk_report_day, &m, &d) != 0) {
		m = 12;
		d = 20;
	}
	return date_from_ymd(year, m, d);
}

static int
this_year(void)
{
	int y, m, d;

	date_to_ymd(http_today(), &y, &m, &d);
	return y;
}

static json_t *
json_risk_report(const struct req *r, const struct risk_report *rr)
{
	json_t *j = json_object();
	char due[DATE_LEN];
	int32_t d = due_of(r, rr->year);

	/* a submitted report keeps the due day it was judged by */
	if (rr->status == REPORT_SUBMITTED && rr->due[0] != '\0')
		snprintf(due, sizeof(due), "%s", rr->due);
	else
		date_format(d, due);
	json_object_set_new(j, "id", json_integer(rr->id));
	json_object_set_new(j, "enterprise_id", json_integer(rr->enterprise_id));
	json_object_set_new(j, "enterprise_name", jstr(rr->enterprise_name));
	json_object_set_new(j, "region_code", jstr(rr->region_code));
	json_object_set_new(j, "industry", rr->industry_id ? json_integer(rr->industry_id) : json_null());
	json_object_set_new(j, "year", json_integer(rr->year));
	json_object_set_new(j, "status", json_string(rr_status_names[rr->status]));
	json_object_set_new(j, "counts", json_pack("{s:I,s:I,s:I,s:I,s:I}",
		"red", (json_int_t)rr->n[RL_MAJOR], "orange", (json_int_t)rr->n[RL_LARGER],
		"yellow", (json_int_t)rr->n[RL_GENERAL], "blue", (json_int_t)rr->n[RL_LOW],
		"total", (json_int_t)rr->total));
	json_object_set_new(j, "analysis", jstr(rr->analysis));
	json_object_set_new(j, "principal", jstr(rr->principal));
	json_object_set_new(j, "due", jstr(due));
	json_object_set_new(j, "submitted_at", rr->submitted_at[0] ? jstr(rr->submitted_at) : json_null());
	json_object_set_new(j, "submitted_by", rr->submitted_by ? json_integer(rr->submitted_by) : json_null());
	json_object_set_new(j, "late", json_boolean(rr->late));
	json_object_set_new(j, "overdue", json_boolean(rr->status == REPORT_DRAFT && http_today() > d));
	json_object_set_new(j, "version", json_integer(rr->version));
	json_object_set_new(j, "created_by", json_integer(rr->created_by));
	json_object_set_new(j, "created_at", jstr(rr->created_at));
	json_object_set_new(j, "updated_at", jstr(rr->updated_at));
	return j;
}

static int
add_item(const struct risk_report_item *it, void *arg)
{
	json_t *items = arg, *j = json_object();
	char text[24];

	risk_score_text(it->score100, text, sizeof(text));
	json_object_set_new(j, "risk_id", json_integer(it->risk_id));
	json_object_set_new(j, "name", jstr(it->name));
	json_object_set_new(j, "kind", json_string(risk_kind_names[it->kind]));
	json_object_set_new(j, "location", jstr(it->location));
	json_object_set_new(j, "method", json_string(risk_method_names[it->method]));
	json_object_set_new(j, "score", it->score100 % 100 == 0 ? json_integer(it->score100 / 100)
							       : json_real((double)it->score100 / 100.0));
	json_object_set_new(j, "score_text", json_string(text));
	json_object_set_new(j, "level", json_string(risk_level_names[it->level]));
	json_object_set_new(j, "colour", json_string(risk_colour_names[it->level]));
	json_object_set_new(j, "tier", json_string(control_tier_names[it->tier]));
	json_object_set_new(j, "responsible", jstr(it->responsible));
	json_array_append_new(items, j);
	return 0;
}

/* The report as JSON in r->out, with its frozen list once submitted. */
static int
reply_report(struct req *r, const struct risk_report *rr, struct error *e)
{
	json_t *items = json_array();

	if (rr->status == REPORT_SUBMITTED &&
	    store_risk_report_items(r->st, &r->scope, rr->id, add_item, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	r->out = json_risk_report(r, rr);
	json_object_set_new(r->out, "items", items);
	return 0;
}

static int
enterprise_only(const struct req *r, struct error *e)
{
	if (r->user.role != ROLE_ENTERPRISE)
		return err_set(e, ERR_FORBIDDEN, NULL, "an enterprise reports its own risk list");
	return 0;
}

int
api_risk_reports_create(struct req *r, struct error *e)
{
	struct risk_report *rr;
	int rc = -1;

	if (enterprise_only(r, e) != 0)
		return -1;
	if (in_int(r->json, "year", 0) > this_year())
		return err_set(e, ERR_INVALID, "year", "%lld has not begun yet",
			       (long long)in_int(r->json, "year", 0));
	if ((rr = calloc(1, sizeof(*rr))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	rr->enterprise_id = in_int(r->json, "enterprise_id", r->user.org_id);
	rr->year = (int)in_int(r->json, "year", 0);
	in_copy(r->json, "analysis", rr->analysis, sizeof(rr->analysis));
	in_copy(r->json, "principal", rr->principal, sizeof(rr->principal));
	if (store_risk_report_create(r->st, &r->actor, &r->scope, rr, e) == 0 &&
	    reply_report(r, rr, e) == 0) {
		r->status = 201;
		rc = 0;
	}
	free(rr);
	return rc;
}

int
api_risk_reports_get(struct req *r, struct error *e)
{
	struct risk_report *rr = malloc(sizeof(*rr));
	int rc;

	if (rr == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	rc = store_risk_report_get(r->st, &r->scope, r->id, rr, e) == 0 ? reply_report(r, rr, e) : -1;
	free(rr);
	return rc;
}

/* A text of the body, NULL when absent or null (keep the stored one). */
static const char *
text_or_keep(const struct req *r, const char *k)
{
	const json_t *v = json_object_get(r->json, k);

	return v != NULL && json_is_string(v) ? json_string_value(v) : NULL;
}

int
api_risk_reports_update(struct req *r, struct error *e)
{
	struct risk_report *rr;
	int rc = -1;

	if (enterprise_only(r, e) != 0)
		return -1;
	if ((rr = malloc(sizeof(*rr))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_risk_report_update(r->st, &r->actor, &r->scope, r->id, in_int(r->json, "version", 0),
				     text_or_keep(r, "analysis"), text_or_keep(r, "principal"), rr,
				     e) == 0)
		rc = reply_report(r, rr, e);
	free(rr);
	return rc;
}

int
api_risk_reports_submit(struct req *r, struct error *e)
{
	struct risk_report *rr;
	int rc = -1;

	if (enterprise_only(r, e) != 0)
		return -1;
	if ((rr = malloc(sizeof(*rr))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	/* the due day of the report's year: read the report first (scoped) */
	if (store_risk_report_get(r->st, &r->scope, r->id, rr, e) == 0 &&
	    store_risk_report_submit(r->st, &r->actor, &r->scope, r->id,
				     in_int(r->json, "version", 0), text_or_keep(r, "principal"),
				     due_of(r, rr->year), http_today(), rr, e) == 0)
		rc = reply_report(r, rr, e);
	free(rr);
	return rc;
}

/* The filter of the query string: year (default this one), region, industry, status. */
static int
filter_of(struct req *r, struct risk_report_filter *f, struct error *e)
{
	const char *v;

	memset(f, 0, sizeof(*f));
	f->status = -1;
	if (http_page(r, &f->after_id, &f->limit, e) != 0)
		return -1;
	f->year = (v = http_query(r, "year")) != NULL ? atoi(v) : this_year();
	if ((v = http_query(r, "region")) != NULL)
		snprintf(f->region, sizeof(f->region), "%s", v);
	if ((v = http_query(r, "industry")) != NULL)
		f->industry_id = strtoll(v, NULL, 10);
	if ((v = http_query(r, "status")) != NULL)
		f->status = model_lookup(rr_status_names, REPORT_STATUS__MAX, v);
	return 0;
}

struct collect {
	const struct req *r;
	json_t *items;
	int64_t last;
	int overdue;
};

static int
add_report(const struct risk_report *rr, void *arg)
{
	struct collect *c = arg;

	json_array_append_new(c->items, json_risk_report(c->r, rr));
	c->last = rr->id;
	return 0;
}

/* Year, due day and whether it has passed, on a list's body. */
static void
set_year(struct req *r, int year)
{
	char due[DATE_LEN];
	int32_t d = due_of(r, year);

	date_format(d, due);
	json_object_set_new(r->out, "year", json_integer(year));
	json_object_set_new(r->out, "due", json_string(due));
	json_object_set_new(r->out, "overdue", json_boolean(http_today() > d));
}

int
api_risk_reports_list(struct req *r, struct error *e)
{
	struct risk_report_filter f;
	struct collect c = { r, json_array(), 0, 0 };
	int64_t total = 0;
	int more = 0;

	if (filter_of(r, &f, e) != 0 ||
	    store_risk_report_list(r->st, &r->scope, &f, add_report, &c, &total, &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	http_list(r, c.items, more, c.last, total);
	set_year(r, f.year);
	return 0;
}

static int
add_missing(const struct risk_report_missing *m, void *arg)
{
	struct collect *c = arg;

	json_array_append_new(c->items, json_pack("{s:I,s:o,s:o,s:o,s:o,s:b}",
		"enterprise_id", (json_int_t)m->enterprise_id, "name", jstr(m->name),
		"region_code", jstr(m->region_code),
		"industry", m->industry_id ? json_integer(m->industry_id) : json_null(),
		"draft_id", m->draft_id ? json_integer(m->draft_id) : json_null(),
		"overdue", c->overdue));
	c->last = m->enterprise_id;
	return 0;
}

int
api_risk_reports_missing(struct req *r, struct error *e)
{
	struct risk_report_filter f;
	struct collect c = { r, json_array(), 0, 0 };
	int64_t total = 0;
	int more = 0;

	if (filter_of(r, &f, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	c.overdue = http_today() > due_of(r, f.year);
	if (store_risk_report_missing(r->st, &r->scope, &f, add_missing, &c, &total, &more, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	http_list(r, c.items, more, c.last, total);
	set_year(r, f.year);
	return 0;
}

/* ---- the submitted report as XLSX ---- */

static const char *const item_cols[] = { "序号", "风险点名称", "类型", "位置", "评价方法", "风险值",
	"风险等级", "风险颜色", "管控层级", "责任人" };
static const int item_widths[] = { 6, 30, 10, 20, 8, 8, 10, 8, 8, 12 };

struct xitems {
	struct exporter *x;
	int64_t n;
	int failed;
};

static int
write_item(const struct risk_report_item *it, void *arg)
{
	struct xitems *c = arg;
	char score[24];
	int rc;

	risk_score_text(it->score100, score, sizeof(score));
	c->n++;
	rc = export_number(c->x, (double)c->n) | export_text(c->x, it->name) |
	     export_text(c->x, risk_kind_labels[it->kind]) | export_text(c->x, it->location) |
	     export_text(c->x, it->method == RM_LEC ? "LEC" : "LS") | export_text(c->x, score) |
	     export_text(c->x, risk_level_labels[it->level]) |
	     export_text(c->x, risk_colour_labels[it->level]) |
	     export_text(c->x, control_tier_labels[it->tier]) | export_text(c->x, it->responsible) |
	     export_end_row(c->x);
	if (rc != 0)
		c->failed = 1;
	return rc != 0;
}

/* One "label, value" row of the summary sheet. */
static int
summary_row(struct exporter *x, const char *label, const char *value)
{
	return export_text(x, label) | export_text(x, value) | export_end_row(x);
}

static int
write_summary(struct exporter *x, const struct risk_report *rr)
{
	static const char *const cols[] = { "项目", "内容" };
	static const int widths[] = { 16, 80 };
	char year[16], n[RL__MAX + 1][24];
	int rc;

	snprintf(year, sizeof(year), "%d年度", rr->year);
	for (int l = 0; l < RL__MAX; l++)
		snprintf(n[l], sizeof(n[l]), "%lld", (long long)rr->n[l]);
	snprintf(n[RL__MAX], sizeof(n[RL__MAX]), "%lld", (long long)rr->total);
	rc = export_header(x, cols, widths, 2) | summary_row(x, "企业", rr->enterprise_name) |
	     summary_row(x, "年度", year) | summary_row(x, "重大风险（红）", n[RL_MAJOR]) |
	     summary_row(x, "较大风险（橙）", n[RL_LARGER]) |
	     summary_row(x, "一般风险（黄）", n[RL_GENERAL]) | summary_row(x, "低风险（蓝）", n[RL_LOW]) |
	     summary_row(x, "合计", n[RL__MAX]) | summary_row(x, "主要负责人", rr->principal) |
	     summary_row(x, "报送时间", rr->submitted_at) | summary_row(x, "报送期限", rr->due) |
	     summary_row(x, "是否逾期", rr->late ? "逾期报送" : "按时报送") |
	     summary_row(x, "年度风险分析", rr->analysis);
	return rc;
}

int
api_export_risk_report(struct req *r, struct error *e)
{
	struct risk_report *rr = malloc(sizeof(*rr));
	struct xitems c = { 0 };
	char path[EXPORT_PATH_MAX];
	int rc = -1;

	if (rr == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_risk_report_get(r->st, &r->scope, r->id, rr, e) != 0)
		goto out_free;
	if (rr->status != REPORT_SUBMITTED) {
		err_set(e, ERR_CONFLICT, "id", "the %d risk report is a draft: submit it first", rr->year);
		goto out_free;
	}
	if (export_tmp(path, e) != 0)
		goto out_free;
	if ((c.x = export_open(EXPORT_XLSX, path, "年度风险报告", e)) == NULL)
		goto out_unlink;
	if (write_summary(c.x, rr) != 0 || export_sheet(c.x, "风险清单") != 0 ||
	    export_header(c.x, item_cols, item_widths, (int)(sizeof(item_cols) / sizeof(item_cols[0]))) != 0) {
		err_set(e, ERR_IO, NULL, "cannot write the export file");
		goto out_close;
	}
	if (store_risk_report_items(r->st, &r->scope, rr->id, write_item, &c, e) != 0)
		goto out_close;
	if (c.failed) {
		err_set(e, ERR_IO, NULL, "cannot write the export file");
		goto out_close;
	}
	if (export_close(c.x, e) != 0)
		goto out_unlink;
	snprintf(r->file_path, sizeof(r->file_path), "%s", path);
	snprintf(r->file_type, sizeof(r->file_type), "%s", export_mime(EXPORT_XLSX));
	snprintf(r->file_name, sizeof(r->file_name), "risk-report-%d-%lld.xlsx", rr->year,
		 (long long)rr->enterprise_id);
	r->file_unlink = 1;
	free(rr);
	return 0;
out_close:
	export_close(c.x, NULL);
out_unlink:
	unlink(path);
out_free:
	free(rr);
	return rc;
}
