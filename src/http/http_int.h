/*
 * http_int.h — private to http/: the request as handlers see it, the route
 * table, input validation by field tables, and JSON output helpers.
 * Handlers never see SQL or libmicrohttpd; they read typed input and set
 * a status and a JSON body.
 */
#ifndef HN_HTTP_INT_H
#define HN_HTTP_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/config.h"
#include "core/error.h"
#include "core/model.h"
#include "store/store.h"

enum http_method { M_GET, M_POST, M_PATCH, M_PUT, M_DELETE, M__MAX };
extern const char *const http_method_names[M__MAX];

struct req {
	/* input */
	enum http_method method;
	const char *path;
	const char *body;           /* NUL-terminated; may be "" */
	size_t body_len;
	json_t *json;               /* parsed body of a JSON request, else NULL */
	int64_t id;                 /* {id} in the route, 0 when absent */
	char sha[65];               /* {sha} in the route, "" when absent */
	void *conn;                 /* the connection, for query/header lookups in server.c */
	const struct config *cfg;
	struct store *st;
	struct store *writer;       /* the group commits' store (store_pool_writer) */
	char ip[64];
	/* the session, when there is one */
	int authed;
	int by_cookie;
	struct user user;
	struct org org;             /* the user's org, when it has one */
	struct scope scope;
	struct actor actor;
	char token_hash[65];
	/* output */
	int status;
	json_t *out;                /* owned; serialised by the server */
	char *text;                 /* owned; sent as is instead of out */
	const char *text_type;      /* its Content-Type */
	char set_cookie[256];
	char file_path[1400];       /* when set: send this file instead */
	char file_type[96];
	char file_name[300];        /* Content-Disposition attachment name, or "" */
	int file_unlink;            /* remove the file once it is open (exports) */
	char locked_until[TIME_LEN];/* with ERR_LOCKED: until when */
};

/* Route flags, checked by the server before any handler runs. */
#define R_PUBLIC    0x01   /* no session needed */
#define R_WRITE     0x02   /* changes something: refused to read-only roles */
#define R_ADMIN     0x04   /* admin only (403 for other roles) */
#define R_UPLOAD    0x08   /* multipart body up to upload_limit, not JSON */
#define R_SOLO      0x10   /* slow work (argon2id, files): its own transaction, not a group commit */

struct route {
	enum http_method method;
	const char *pattern;        /* "/api/v1/orgs/{id}" */
	int (*fn)(struct req *r, struct error *e);
	unsigned flags;
	const char *summary;        /* for openapi.json */
	const struct field *body;   /* accepted JSON body, or NULL */
	const struct field *query;  /* accepted query parameters, or NULL */
};

extern const struct route routes[];
extern const size_t nroutes;

/* ---- input ---- */

enum ftype { F_STRING, F_INT, F_NUMBER, F_BOOL, F_ENUM, F_ID_LIST, F_REGION, F_ID, F_DATE, F_OBJECT,
	     F_OBJECT_LIST,
	     F_ENUM_LIST /* an array of distinct values of the table, at most max */ };

#define F_REQUIRED 0x1
#define F_NULLABLE 0x2

struct field {
	const char *name;
	enum ftype type;
	unsigned flags;
	long long min, max;             /* string: bytes; numbers: value; list: items */
	const char *const *values;      /* F_ENUM */
	int nvalues;
	const char *doc;
	const struct field *sub;         /* F_OBJECT, F_OBJECT_LIST: the object's fields */
};

/*
 * Check a JSON object against a NULL-terminated field table: not an object
 * → ERR_MALFORMED; unknown key, wrong type, out of range, missing required
 * → ERR_INVALID naming the field.
 */
int http_validate(const json_t *obj, const struct field *spec, struct error *e);

/* Check one query value against its field (typed like a body field). */
int http_check_query_value(const struct field *f, const char *v, struct error *e);

/* Check the query string against a field table the same way. */
int http_validate_query(struct req *r, const struct field *spec, struct error *e);

/* One part of a multipart/form-data body. */
struct http_part {
	char name[64];
	char filename[256];         /* "" for plain fields */
	char type[64];
	char *data;                 /* owned, NUL-terminated */
	size_t len;
};

#define HTTP_PARTS_MAX 8

/*
 * Split a multipart/form-data body into at most HTTP_PARTS_MAX parts in
 * parts[], their count in *n; the caller frees them with http_parts_free
 * (also after a failure). ERR_MEDIA_TYPE when the body is not multipart.
 */
int http_multipart(struct req *r, struct http_part *parts, int *n, struct error *e);
void http_parts_free(struct http_part *parts, int n);

/* A query parameter's value, or NULL. Borrowed for the request. */
const char *http_query(struct req *r, const char *name);

/* Typed reads of validated input (absent → dflt). */
const char *in_str(const json_t *o, const char *k, const char *dflt);
long long in_int(const json_t *o, const char *k, long long dflt);
int in_has(const json_t *o, const char *k);
int in_enum(const json_t *o, const char *k, const char *const *names, int n, int dflt);

/* Copy a validated string into a buffer (it fits: the spec bounded it). */
void in_copy(const json_t *o, const char *k, char *buf, size_t n);

/* Pagination from ?limit= and ?cursor= (a decimal id); ERR_INVALID on junk. */
int http_page(struct req *r, int64_t *after, int *limit, struct error *e);

/* Set {"items": items, "next": cursor-or-null, "total": total} as the body. */
void http_list(struct req *r, json_t *items, int more, int64_t last_id, int64_t total);

/* ---- output ---- */

/* The API's JSON of the domain's objects; new references, never NULL for
 * valid input. */
json_t *json_org(const struct org *o);
json_t *json_user(const struct user *u);
json_t *json_region(const struct region *g);
json_t *json_industry(const struct industry *i);
/*
 * An org as the API shows it to r's caller: json_org, and for an enterprise
 * its last inspection and when it is next due under the configured
 * frequency of its colour (null: never due by frequency).
 */
json_t *json_org_of(const struct req *r, const struct org *o);

/* json_string that never fails on the strings hazardnet stores. */
json_t *jstr(const char *s);

/* Whether a client address (as in req.ip) is this host's loopback. */
int http_ip_loopback(const char *ip);

/* ---- shared state ---- */

/*
 * Run fn(r, e) as part of the next group commit (group.c): returns fn's
 * result once the transaction holding its change is durable, or -1 when
 * that commit failed.
 */
int http_group_run(struct req *r, int (*fn)(struct req *, struct error *), struct error *e);
/* Append the group commit's counters to a /metrics text. */
struct sbuf;
void http_group_metrics(struct sbuf *b);

/* Login attempts per client address in the last minute; 0 allowed, -1 refused. */
int http_login_rate(const char *ip, int per_minute);

/* Metrics: record one request of route index ri (or -1 for unmatched). */
void metrics_observe(int ri, int status, double seconds);
/* The Prometheus text of all metrics; caller frees. */
char *metrics_render(void);

/* The OpenAPI document of the route table; caller decrefs. */
json_t *openapi_document(void);

/* Hazards: today in Asia/Shanghai, the caller as the rules see it, JSON. */
struct hazard;
struct hazard_actor;
struct hazard_filter;
int32_t http_today(void);
void http_hazard_actor(const struct req *r, struct hazard_actor *who);
json_t *json_hazard(const struct hazard *h, const struct hazard_actor *who, int32_t today);
/* The hazard filter of the query string (shared by lists and exports). */
int http_hazard_filter(struct req *r, struct hazard_filter *f, struct error *e);

/* Handlers */
int api_healthz(struct req *r, struct error *e);
int api_metrics(struct req *r, struct error *e);
int api_openapi(struct req *r, struct error *e);
int api_session_create(struct req *r, struct error *e);
int api_session_get(struct req *r, struct error *e);
int api_session_delete(struct req *r, struct error *e);
int api_workbench(struct req *r, struct error *e);
int api_regions_list(struct req *r, struct error *e);
int api_regions_get(struct req *r, struct error *e);
int api_industries_list(struct req *r, struct error *e);
int api_industries_create(struct req *r, struct error *e);
int api_industries_update(struct req *r, struct error *e);
int api_orgs_list(struct req *r, struct error *e);
int api_orgs_create(struct req *r, struct error *e);
int api_orgs_get(struct req *r, struct error *e);
int api_orgs_update(struct req *r, struct error *e);
int api_users_list(struct req *r, struct error *e);
int api_users_create(struct req *r, struct error *e);
int api_users_get(struct req *r, struct error *e);
int api_users_update(struct req *r, struct error *e);
int api_hazards_create(struct req *r, struct error *e);
int api_hazards_list(struct req *r, struct error *e);
int api_hazards_get(struct req *r, struct error *e);
int api_hazards_transition(struct req *r, struct error *e);
int api_hazards_events(struct req *r, struct error *e);
int api_stats_hazards(struct req *r, struct error *e);
int api_attachments_create(struct req *r, struct error *e);
int api_attachments_list(struct req *r, struct error *e);
int api_attachments_get(struct req *r, struct error *e);
int api_task_attachments_create(struct req *r, struct error *e);
int api_task_attachments_get(struct req *r, struct error *e);
/*
 * Check an uploaded part file (present, not empty, JPEG, PNG or PDF by its
 * content, a clean UTF-8 name) and fill a's mime, name, size and uploader,
 * for the hazards' and the progress reports' files alike; -1 with the error
 * (field "file") when it will not do.
 */
int http_attachment_part(const struct req *r, const struct http_part *file,
			 struct attachment *a, struct error *e);
/* The files of a progress report as [{sha256, name, mime, size}] (a new reference). */
json_t *json_task_report_files(const struct task_report *rep);
int api_export_hazards(struct req *r, struct error *e);
int api_export_stats(struct req *r, struct error *e);
int api_reports_create(struct req *r, struct error *e);
int api_plans_parse(struct req *r, struct error *e);
int api_plans_create(struct req *r, struct error *e);
int api_plans_list(struct req *r, struct error *e);
int api_plans_get(struct req *r, struct error *e);
int api_plans_map_unit(struct req *r, struct error *e);
int api_plans_source(struct req *r, struct error *e);
int api_plans_publish(struct req *r, struct error *e);
int api_tasks_list(struct req *r, struct error *e);
int api_tasks_get(struct req *r, struct error *e);
int api_task_report_create(struct req *r, struct error *e);
int api_task_reports_list(struct req *r, struct error *e);
int api_plans_reporting(struct req *r, struct error *e);
int api_reports_get(struct req *r, struct error *e);
int api_reports_submit(struct req *r, struct error *e);
int api_reports_list(struct req *r, struct error *e);
int api_reports_missing(struct req *r, struct error *e);
int api_export_ledger(struct req *r, struct error *e);
int api_export_listed(struct req *r, struct error *e);
int api_problems_list(struct req *r, struct error *e);
int api_problems_create(struct req *r, struct error *e);
int api_problems_update(struct req *r, struct error *e);
int api_measures_list(struct req *r, struct error *e);
int api_measures_create(struct req *r, struct error *e);
int api_measures_update(struct req *r, struct error *e);
int api_plan_report_create(struct req *r, struct error *e);
int api_plan_reports_board(struct req *r, struct error *e);
int api_plans_update(struct req *r, struct error *e);
int api_notices_create(struct req *r, struct error *e);
int api_notices_list(struct req *r, struct error *e);
int api_notices_get(struct req *r, struct error *e);
int api_notices_reply(struct req *r, struct error *e);
int api_assess_config_get(struct req *r, struct error *e);
int api_assess_config_put(struct req *r, struct error *e);
int api_assess_get(struct req *r, struct error *e);
int api_export_bulletin(struct req *r, struct error *e);
int api_export_statistics(struct req *r, struct error *e);

/* A new empty temporary file for an export (api_exports.c); its path in path. */
#define EXPORT_PATH_MAX 64
int export_tmp(char path[EXPORT_PATH_MAX], struct error *e);

/* The assessment (api_assess.c): who reads it, its JSON, this half-year. */
struct assess_config_rec;
struct assess_run;
struct run_org;
int assess_may_read(const struct req *r, struct error *e);
json_t *json_assess_config(const struct assess_config_rec *rec);
json_t *json_assess_org(const struct assess_run *run, const struct run_org *o);
void assess_this_half(char out[8]);
int api_risk_methods(struct req *r, struct error *e);
int api_risks_list(struct req *r, struct error *e);
int api_risks_create(struct req *r, struct error *e);
int api_risk_reports_list(struct req *r, struct error *e);
int api_risk_reports_missing(struct req *r, struct error *e);
int api_risk_reports_create(struct req *r, struct error *e);
int api_risk_reports_get(struct req *r, struct error *e);
int api_risk_reports_update(struct req *r, struct error *e);
int api_risk_reports_submit(struct req *r, struct error *e);
int api_export_risk_report(struct req *r, struct error *e);
int api_risks_get(struct req *r, struct error *e);
int api_risks_update(struct req *r, struct error *e);
int api_risks_assess(struct req *r, struct error *e);
int api_risks_assessments(struct req *r, struct error *e);
int api_check_items_list(struct req *r, struct error *e);
int api_check_items_create(struct req *r, struct error *e);
int api_check_items_get(struct req *r, struct error *e);
int api_check_items_update(struct req *r, struct error *e);
int api_check_items_delete(struct req *r, struct error *e);
int api_check_tasks_list(struct req *r, struct error *e);
int api_check_tasks_get(struct req *r, struct error *e);
int api_check_records_create(struct req *r, struct error *e);
int api_stats_risks(struct req *r, struct error *e);
int api_stats_risks_map(struct req *r, struct error *e);
int api_export_risks(struct req *r, struct error *e);
int api_export_risk_card(struct req *r, struct error *e);
int api_export_risk_cards(struct req *r, struct error *e);
int api_inspections_create(struct req *r, struct error *e);
int api_inspections_list(struct req *r, struct error *e);
int api_inspections_get(struct req *r, struct error *e);
int api_inspections_due(struct req *r, struct error *e);
int api_inspections_inspectors(struct req *r, struct error *e);

/* Field tables used by the route table (for validation and openapi). */
extern const struct field org_create_fields[];
extern const struct field org_update_fields[];
extern const struct field org_query[];
extern const struct field user_create_fields[];
extern const struct field user_update_fields[];
extern const struct field user_query[];
extern const struct field session_fields[];
extern const struct field industry_create_fields[];
extern const struct field industry_update_fields[];
extern const struct field region_query[];
extern const struct field hazard_create_fields[];
extern const struct field hazard_transition_fields[];
extern const struct field hazard_query[];
extern const struct field stats_query[];
extern const struct field stats_export_query[];
extern const struct field report_create_fields[];
extern const struct field report_submit_fields[];
extern const struct field report_query[];
extern const struct field plan_parse_fields[];
extern const struct field plan_create_fields[];
extern const struct field plan_unit_fields[];
extern const struct field plan_publish_fields[];
extern const struct field task_query[];
extern const struct field task_report_fields[];
extern const struct field reporting_query[];
extern const struct field problem_create_fields[];
extern const struct field problem_update_fields[];
extern const struct field measure_create_fields[];
extern const struct field measure_update_fields[];
extern const struct field list_query[];
extern const struct field plan_report_fields[];
extern const struct field plan_report_query[];
extern const struct field plan_update_fields[];
extern const struct field notice_create_fields[];
extern const struct field notice_query[];
extern const struct field notice_reply_fields[];
extern const struct field assess_config_fields[];
extern const struct field assess_query[];
extern const struct field bulletin_query[];
extern const struct field statistics_query[];
extern const struct field risk_create_fields[];
extern const struct field risk_update_fields[];
extern const struct field risk_assess_fields[];
extern const struct field risk_query[];
extern const struct field risk_export_query[];
extern const struct field risk_report_create_fields[];
extern const struct field risk_report_update_fields[];
extern const struct field risk_report_submit_fields[];
extern const struct field risk_report_query[];
extern const struct field risk_report_missing_query[];
extern const struct field risk_cards_query[];
extern const struct field risk_stats_query[];
extern const struct field risk_map_query[];
extern const struct field check_item_create_fields[];
extern const struct field check_item_update_fields[];
extern const struct field check_item_query[];
extern const struct field check_task_query[];
extern const struct field check_record_fields[];
extern const struct field inspection_create_fields[];
extern const struct field inspection_query[];
extern const struct field inspection_due_query[];

#endif
