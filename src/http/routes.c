/*
 * routes.c — the route table (cgit's cmd.c): method, pattern, handler,
 * flags checked before the handler runs, and the accepted input, which
 * also generates /api/v1/openapi.json. Adding an endpoint is one line here.
 */
#include "http/http_int.h"

const struct route routes[] = {
	{ M_GET, "/healthz", api_healthz, R_PUBLIC, "liveness and database check", NULL, NULL },
	{ M_GET, "/metrics", api_metrics, R_PUBLIC, "Prometheus metrics", NULL, NULL },
	{ M_GET, "/api/v1/openapi.json", api_openapi, R_PUBLIC, "this API's description", NULL, NULL },

	{ M_POST, "/api/v1/session", api_session_create, R_PUBLIC, "sign in", session_fields, NULL },
	{ M_GET, "/api/v1/session", api_session_get, 0, "the signed-in user", NULL, NULL },
	{ M_DELETE, "/api/v1/session", api_session_delete, 0, "sign out", NULL, NULL },
	{ M_GET, "/api/v1/workbench", api_workbench, 0, "the user's to-dos and counts", NULL, NULL },

	{ M_GET, "/api/v1/regions", api_regions_list, 0, "regions under ?parent=", NULL, region_query },
	{ M_GET, "/api/v1/regions/{id}", api_regions_get, 0, "one region by its 12-digit code", NULL, NULL },

	{ M_GET, "/api/v1/industries", api_industries_list, 0, "the industry taxonomy", NULL, NULL },
	{ M_POST, "/api/v1/industries", api_industries_create, R_WRITE | R_ADMIN, "add an industry",
	  industry_create_fields, NULL },
	{ M_PATCH, "/api/v1/industries/{id}", api_industries_update, R_WRITE | R_ADMIN,
	  "rename or (de)activate an industry", industry_update_fields, NULL },

	{ M_GET, "/api/v1/orgs", api_orgs_list, 0, "orgs in scope", NULL, org_query },
	{ M_POST, "/api/v1/orgs", api_orgs_create, R_WRITE, "create an org", org_create_fields, NULL },
	{ M_GET, "/api/v1/orgs/{id}", api_orgs_get, 0, "one org", NULL, NULL },
	{ M_PATCH, "/api/v1/orgs/{id}", api_orgs_update, R_WRITE, "change an org (version checked)",
	  org_update_fields, NULL },

	{ M_GET, "/api/v1/users", api_users_list, R_ADMIN, "users", NULL, user_query },
	{ M_POST, "/api/v1/users", api_users_create, R_WRITE | R_ADMIN, "create a user",
	  user_create_fields, NULL },
	{ M_GET, "/api/v1/users/{id}", api_users_get, R_ADMIN, "one user", NULL, NULL },
	{ M_PATCH, "/api/v1/users/{id}", api_users_update, R_WRITE | R_ADMIN,
	  "change a user (version checked)", user_update_fields, NULL },

	{ M_GET, "/api/v1/hazards", api_hazards_list, 0, "hazards in scope", NULL, hazard_query },
	{ M_POST, "/api/v1/hazards", api_hazards_create, R_WRITE, "report a hazard",
	  hazard_create_fields, NULL },
	{ M_GET, "/api/v1/hazards/{id}", api_hazards_get, 0, "one hazard", NULL, NULL },
	{ M_POST, "/api/v1/hazards/{id}/transitions", api_hazards_transition, R_WRITE,
	  "plan, fix_now, submit, accept, reject, extend, void, list, delist (version checked)",
	  hazard_transition_fields, NULL },
	{ M_GET, "/api/v1/hazards/{id}/events", api_hazards_events, 0, "a hazard's history", NULL, NULL },
	{ M_GET, "/api/v1/hazards/{id}/attachments", api_attachments_list, 0,
	  "a hazard's photos and reports", NULL, NULL },
	{ M_POST, "/api/v1/hazards/{id}/attachments", api_attachments_create, R_WRITE | R_UPLOAD,
	  "attach a JPEG, PNG or PDF (multipart: kind, file)", NULL, NULL },
	{ M_GET, "/api/v1/hazards/{id}/attachments/{sha}", api_attachments_get, 0,
	  "an attachment's bytes", NULL, NULL },
	{ M_GET, "/api/v1/exports/hazards.csv", api_export_hazards, 0,
	  "the filtered hazard list as CSV", NULL, hazard_query },
	{ M_GET, "/api/v1/exports/hazards.xlsx", api_export_hazards, 0,
	  "the filtered hazard list as XLSX", NULL, hazard_query },
	{ M_GET, "/api/v1/exports/major-ledger.csv", api_export_ledger, 0,
	  "重大事故隐患台账 as CSV", NULL, hazard_query },
	{ M_GET, "/api/v1/exports/major-ledger.xlsx", api_export_ledger, 0,
	  "重大事故隐患台账 as XLSX", NULL, hazard_query },
	{ M_GET, "/api/v1/exports/listed.csv", api_export_listed, 0,
	  "挂牌督办清单 as CSV", NULL, hazard_query },
	{ M_GET, "/api/v1/exports/listed.xlsx", api_export_listed, 0,
	  "挂牌督办清单 as XLSX", NULL, hazard_query },
	{ M_GET, "/api/v1/hazard-reports", api_reports_list, 0,
	  "quarterly and yearly hazard statistics reports of a period", NULL, report_query },
	{ M_GET, "/api/v1/hazard-reports/missing", api_reports_missing, 0,
	  "enterprises that have not submitted the report of a period", NULL, report_query },
	{ M_POST, "/api/v1/hazard-reports", api_reports_create, R_WRITE,
	  "generate the enterprise's report of a period from its data (a draft)",
	  report_create_fields, NULL },
	{ M_GET, "/api/v1/hazard-reports/{id}", api_reports_get, 0, "one report", NULL, NULL },
	{ M_POST, "/api/v1/hazard-reports/{id}/submit", api_reports_submit, R_WRITE,
	  "confirm and submit a draft report (version checked)", report_submit_fields, NULL },
	{ M_GET, "/api/v1/stats/hazards", api_stats_hazards, 0,
	  "hazard statistics and 动态清零 of a region, industry and year", NULL, stats_query },
};
const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
