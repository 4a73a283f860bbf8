/*
 * stmts.h — every SQL statement hazardnet runs, by name (openradtool's
 * STMT_* + stmts[]). The text lives in stmts.c, SQLite and PostgreSQL side
 * by side; parameters are $1, $2, … and always bound.
 *
 * Scoped statements take the scope as their first four parameters:
 * $1/$2 the inclusive region-code range, $3 the only org id visible (0: any),
 * $4 the department whose industries restrict enterprises (0: none).
 */
#ifndef HN_STMTS_H
#define HN_STMTS_H

enum stmt_id {
	STMT_MIGRATION_VERSION,
	STMT_MIGRATION_RECORD,
	STMT_REGION_UPSERT,
	STMT_REGION_GET,
	STMT_REGION_CHILDREN,
	STMT_REGION_COUNT,
	STMT_INDUSTRY_INSERT,
	STMT_INDUSTRY_GET,
	STMT_INDUSTRY_LIST,
	STMT_INDUSTRY_UPDATE,
	STMT_INDUSTRY_TAKEN,
	STMT_ORG_INSERT,
	STMT_ORG_GET,
	STMT_ORG_UPDATE,
	STMT_ORG_LIST,
	STMT_ORG_COUNT,
	STMT_ORG_ALL,
	STMT_ORG_CREDIT_TAKEN,
	STMT_ORG_INDUSTRIES,
	STMT_ORG_INDUSTRIES_CLEAR,
	STMT_ORG_INDUSTRY_ADD,
	STMT_USER_INSERT,
	STMT_USER_GET,
	STMT_USER_BY_LOGIN,
	STMT_USER_UPDATE,
	STMT_USER_LIST,
	STMT_USER_COUNT,
	STMT_USER_ALL,
	STMT_USER_LOGIN_FAILED,
	STMT_USER_LOGIN_OK,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_USER,
	STMT_SESSION_PURGE,
	STMT_AUDIT_HEAD_ENSURE,
	STMT_AUDIT_HEAD_GET,
	STMT_AUDIT_HEAD_SET,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_CHAINS,
	STMT_AUDIT_CHAIN_EVENTS,
	STMT_AUDIT_LATEST,
	STMT_HAZARD_SEQ_NEXT,
	STMT_HAZARD_INSERT,
	STMT_HAZARD_GET,
	STMT_HAZARD_UPDATE,
	STMT_HAZARD_LIST_NEWEST,
	STMT_HAZARD_LIST_DUE,
	STMT_HAZARD_LIST_FTS,
	STMT_HAZARD_COUNT,
	STMT_HAZARD_COUNT_FTS,
	STMT_HAZARD_ALL,
	STMT_HAZARD_EVENT_INSERT,
	STMT_HAZARD_EVENTS,
	STMT_SUPERVISORS_OF,
	STMT_OFFICES_OF,
	STMT_NOTIFY_ORG,
	STMT_NOTIFICATIONS,
	STMT_HAZARD_STATS,
	STMT_JOBS_DUE,
	STMT_ATTACHMENT_INSERT,
	STMT_ATTACHMENT_LIST,
	STMT_ATTACHMENT_GET,
	STMT_HAZARD_ZERO_CLEARANCE,
	/* Whole tables in a fixed order, for store_digest. */
	STMT_DIGEST_SCHEMA,
	STMT_DIGEST_REGIONS,
	STMT_DIGEST_INDUSTRIES,
	STMT_DIGEST_ORGS,
	STMT_DIGEST_ORG_INDUSTRIES,
	STMT_DIGEST_USERS,
	STMT_DIGEST_SESSIONS,
	STMT_DIGEST_AUDIT_HEADS,
	STMT_DIGEST_AUDIT_EVENTS,
	STMT_DIGEST_HAZARDS,
	STMT_DIGEST_HAZARD_EVENTS,
	STMT_DIGEST_NOTIFICATIONS,
	STMT__MAX
};

struct stmt_text {
	const char *name;    /* for logs and the PostgreSQL prepared name */
	const char *sqlite;
	const char *pg;      /* NULL: the SQLite text serves both */
};

extern const struct stmt_text stmt_texts[STMT__MAX];

/* The numbered schema migrations of each backend, oldest first. */
extern const char *const migrations_sqlite[];
extern const char *const migrations_pg[];
extern const int migrations_count;

#endif
