/*
 * store.h — hazardnet's storage port. An opaque struct store over one
 * database connection (SQLite file or PostgreSQL URL); every domain read
 * takes the caller's scope and never returns what lies outside it (such an
 * object reads as ERR_NOT_FOUND). Every change runs in one transaction with
 * its audit event. A struct store is used by one thread at a time; a server
 * keeps a pool of them (store_pool_*).
 */
#ifndef HN_STORE_H
#define HN_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/assess.h"
#include "core/error.h"
#include "core/hazard.h"
#include "core/inspect.h"
#include "core/model.h"
#include "core/plan_lists.h"
#include "core/risk.h"

struct store;

struct store_opts {
	const char *data_dir;   /* SQLite: DIR/hazardnet.db (DIR created) */
	const char *pg_url;     /* non-NULL and non-empty: PostgreSQL */
};

/* Open (creating the data directory or database file when absent). The
 * schema is not touched: call store_migrate. Caller frees with store_close. */
struct store *store_open(const struct store_opts *o, struct error *e);

/* Close and free st (NULL is fine). */
void store_close(struct store *st);

/* "sqlite" or "postgresql". */
const char *store_backend(const struct store *st);

/*
 * Bring the schema up to date: run the migrations not yet applied, each in
 * its own transaction, and seed the industry taxonomy when it is empty.
 * Idempotent. *applied (may be NULL) gets how many ran.
 */
int store_migrate(struct store *st, int *applied, struct error *e);

/* The schema version this build migrates to. */
int store_schema_latest(void);

/* The schema version applied, 0 for an empty database. */
int store_schema_version(struct store *st, int *version, struct error *e);

/*
 * Group several changes into one transaction: store functions called in
 * between nest inside it as savepoints. store_tx_rollback undoes the
 * innermost level only.
 */
int store_tx_begin(struct store *st, struct error *e);
/* A read-only transaction: every read until store_tx_commit sees one
 * snapshot (inside a transaction already open, a savepoint of it). */
int store_read_begin(struct store *st, struct error *e);
int store_tx_commit(struct store *st, struct error *e);
/* How many transactions and savepoints are open on st (0: none). */
int store_tx_depth(const struct store *st);
void store_tx_rollback(struct store *st);

/* A pool of n stores on the same database, for the server's threads. */
struct store_pool;
struct store_pool *store_pool_new(const struct store_opts *o, int n, struct error *e);
/* Borrow a store (waits while all are out); give it back with store_pool_put. */
struct store *store_pool_get(struct store_pool *p);
void store_pool_put(struct store_pool *p, struct store *st);
/* The one store every group commit writes through (never borrowed): only
 * whoever leads the current batch uses it (http/group.c). */
struct store *store_pool_writer(struct store_pool *p);
/* Whoever writes a batch through the writer holds it for the batch, so
 * that the pool's checkpointer can make the WAL start over in between
 * (no-ops on other stores). */
void store_write_lock(struct store *st);
void store_write_unlock(struct store *st);
/* The writer's commits (SQLite) do not flush the WAL: after a batch's
 * commit, and before anyone is told of it, this makes every commit so far
 * durable (any thread; 0 at once on other stores). */
int store_write_sync(struct store *st, struct error *e);
void store_pool_free(struct store_pool *p);

/* A scope that sees everything: the command line, the system's own reads. */
void store_scope_all(struct scope *s);

/* The current instant, UTC, "YYYY-MM-DDTHH:MM:SSZ" (buf ≥ TIME_LEN). */
void store_now(char *buf, size_t len);

/* ---- regions ---- */

/*
 * Insert or update a batch of regions in one transaction, with one audit
 * event for the batch. Parents must come before their children or already
 * exist.
 */
int store_region_import(struct store *st, const struct actor *a,
			const struct region *rs, size_t n, struct error *e);
/* The region of a 12-digit code, else ERR_NOT_FOUND. */
int store_region_get(struct store *st, const char *code, struct region *out,
		     struct error *e);
/* Children of parent ("" for the provinces), by code; cb returns non-zero to stop. */
int store_region_children(struct store *st, const char *parent,
			  int (*cb)(const struct region *, void *), void *arg,
			  struct error *e);
/* How many regions are imported (0: run `region import`). */
int store_region_count(struct store *st, int64_t *n, struct error *e);

/* ---- industries ---- */

/* Every industry in id order; cb returns non-zero to stop. */
int store_industry_list(struct store *st, int (*cb)(const struct industry *, void *),
			void *arg, struct error *e);
/* One industry, else ERR_NOT_FOUND. */
int store_industry_get(struct store *st, int64_t id, struct industry *out,
		       struct error *e);
/* Fills in->id. A duplicate code or name is ERR_CONFLICT (field "name"/"code"). */
int store_industry_create(struct store *st, const struct actor *a,
			  struct industry *in, struct error *e);
/* Updates name and active of in->id. */
int store_industry_update(struct store *st, const struct actor *a,
			  const struct industry *in, struct error *e);

/* ---- orgs ---- */

struct org_filter {
	int kind;                          /* -1: any */
	int64_t industry_id;               /* 0: any */
	char region[REGION_CODE_LEN + 1];  /* "": any; else this subtree */
	char q[TEXT_SMALL];                /* "": none; name contains, or credit code */
	int64_t after_id;                  /* keyset cursor: ids > after_id */
	int limit;                         /* 1–500 */
};

/*
 * Create an org (id, version, timestamps filled in). Checks what the store
 * can know: the region exists (ERR_INVALID field region_code), the industry
 * exists (field industry / industries), the credit code is not taken
 * (ERR_CONFLICT field credit_code). Field validation is the caller's.
 */
int store_org_create(struct store *st, const struct actor *a, struct org *o,
		     struct error *e);

/* The org id if s may see it, else ERR_NOT_FOUND. */
int store_org_get(struct store *st, const struct scope *s, int64_t id,
		  struct org *out, struct error *e);

/*
 * Replace the org's fields with o's, if s may see it (else ERR_NOT_FOUND)
 * and o->version is current (else ERR_STALE). On success o is reloaded.
 */
int store_org_update(struct store *st, const struct actor *a, const struct scope *s,
		     struct org *o, struct error *e);

/*
 * The orgs s may see that match f, in id order, one callback each (the org
 * is borrowed for the call). *total (may be NULL) gets the count of all
 * matches; *more is set when rows beyond the limit exist.
 */
int store_org_list(struct store *st, const struct scope *s, const struct org_filter *f,
		   int (*cb)(const struct org *, void *), void *arg,
		   int64_t *total, int *more, struct error *e);

/* ---- users and sessions ---- */

struct user_filter {
	int64_t org_id;     /* 0: any */
	int role;           /* -1: any */
	char q[TEXT_SMALL];
	int64_t after_id;
	int limit;
};

/* Create a user; pw_hash must already be an argon2id string. Duplicate
 * login: ERR_CONFLICT field login; unknown org: ERR_INVALID field org_id. */
int store_user_create(struct store *st, const struct actor *a, struct user *u,
		      struct error *e);
/* A user by id or by login, else ERR_NOT_FOUND (users are not scoped: only
 * admins and the sign-in path read them). */
int store_user_get(struct store *st, int64_t id, struct user *out, struct error *e);
int store_user_by_login(struct store *st, const char *login, struct user *out,
			struct error *e);
/* Replace name, phone, role, org, password hash, active (version checked). */
int store_user_update(struct store *st, const struct actor *a, struct user *u,
		      struct error *e);
/* Users matching f in id order; *total and *more as for store_org_list. */
int store_user_list(struct store *st, const struct user_filter *f,
		    int (*cb)(const struct user *, void *), void *arg,
		    int64_t *total, int *more, struct error *e);

/*
 * Count a failed login; lock the account until lock_until once failures
 * reach max_failures. *locked gets whether it is now locked.
 */
int store_user_login_failed(struct store *st, int64_t id, int max_failures,
			    const char *lock_until, int *locked, struct error *e);
/* A successful sign-in: the failure count and any lock are cleared. */
int store_user_login_ok(struct store *st, int64_t id, struct error *e);

/* Sessions are stored by the SHA-256 hex of their token, never the token. */
int store_session_create(struct store *st, const char *token_hash, int64_t user_id,
			 const char *expires_at, struct error *e);
/* The active user of a live session, else ERR_UNAUTHORIZED. */
int store_session_user(struct store *st, const char *token_hash, struct user *out,
		       struct error *e);
/* End one session (signing out). */
int store_session_delete(struct store *st, const char *token_hash, struct error *e);

/* ---- hazards ---- */

struct hazard_filter {
	int status, grade, source;          /* -1: any */
	int64_t industry_id, enterprise_id; /* 0: any */
	char region[REGION_CODE_LEN + 1];   /* "": any; else this subtree */
	int overdue_only, listed_only;
	char today[DATE_LEN];               /* for overdue: Asia/Shanghai today */
	char q[TEXT_SMALL];                 /* full text over title and description */
	int by_due;                         /* soonest deadline first; else newest first */
	int64_t after_id;                   /* cursor; with by_due also after_due */
	char after_due[DATE_LEN];
	int limit;                          /* 1–500 */
};

struct hazard_event_row {
	int64_t id;
	char at[TIME_LEN];
	int64_t actor_id;
	char actor[64];                     /* login */
	char actor_name[TEXT_SMALL];        /* the person, when a user */
	char actor_org[NAME_MAX_BYTES];
	char event[16];                     /* "report" or an event name */
	enum hazard_status from, to;
	char comment[HZ_SHORT_MAX];
	char reason[HZ_SHORT_MAX];
	char evidence[HZ_TEXT_MAX];
	char deadline[DATE_LEN];
};

struct notification {
	int64_t id;
	char kind[32];
	int64_t hazard_id;
	char title[NAME_MAX_BYTES];
	char due[DATE_LEN];
	char created_at[TIME_LEN];
	char read_at[TIME_LEN];
};

/*
 * Report a hazard of the enterprise h->enterprise_id, which s must see
 * (else ERR_NOT_FOUND field enterprise_id). Its code, region, industry,
 * status, version and timestamps are assigned here. plan (may be NULL) is
 * applied at once as a "plan" event. A major hazard notifies the departments
 * supervising the enterprise's industry and the offices of its region at once.
 */
int store_hazard_create(struct store *st, const struct actor *a, const struct scope *s,
			const struct hazard_actor *who, int32_t today, struct hazard *h,
			const struct hazard_tx *plan, struct error *e);

/*
 * Record a hazard as it already stands (a ledger migrated from another
 * system, or generated data): every field of h as given, status included,
 * with an "import" event and its audit entry. The code is issued from the
 * sequence of the year it was found. The enterprise must exist.
 */
int store_hazard_import(struct store *st, const struct actor *a, struct hazard *h,
			struct error *e);

/* The hazard id if s sees it, else ERR_NOT_FOUND. */
int store_hazard_get(struct store *st, const struct scope *s, int64_t id, struct hazard *out,
		     struct error *e);

/*
 * Apply tx to hazard id at the version the caller read (else ERR_STALE),
 * through hazard_apply, writing the change, its event and its audit entry in
 * one transaction. out gets the hazard as it now stands.
 */
int store_hazard_transition(struct store *st, const struct actor *a, const struct scope *s,
			    int64_t id, int64_t version, const struct hazard_tx *tx,
			    const struct hazard_actor *who, int32_t today, struct hazard *out,
			    struct error *e);

/* The hazards s sees that match f; cb gets each (borrowed for the call).
 * With cb NULL only *total is computed. */
int store_hazard_list(struct store *st, const struct scope *s, const struct hazard_filter *f,
		      int (*cb)(const struct hazard *, void *), void *arg, int64_t *total,
		      int *more, struct error *e);

/* The history of hazard id in order, if s sees it. */
int store_hazard_events(struct store *st, const struct scope *s, int64_t id,
			int (*cb)(const struct hazard_event_row *, void *), void *arg,
			struct error *e);

/* The newest notifications of org_id that still ask for something: of
 * those about a hazard, only while it is under way (not closed, not void),
 * and not the daily job's reminders of its deadline (kinds overdue and
 * due_soon), since the lists of overdue and due hazards show those. */
int store_notifications(struct store *st, int64_t org_id, int limit,
			int (*cb)(const struct notification *, void *), void *arg,
			struct error *e);

/* ---- attachments: content-addressed files under DATA/attachments ---- */

struct attachment {
	char sha256[65];
	char kind[16];          /* before, after, report */
	char mime[32];
	int64_t size;
	char name[256];
	int64_t uploaded_by;
	char at[TIME_LEN];
};

/*
 * Write bytes durably to DIR/attachments/<sha[0:2]>/<sha> (nothing happens
 * when the file exists: same content, same name) and fill sha.
 */
int store_blob_put(const char *data_dir, const void *bytes, size_t n, char sha[65],
		   struct error *e);

/* The path of a stored blob (buf of n bytes); -1 when sha is not 64 hex digits. */
int store_blob_path(const char *data_dir, const char *sha, char *buf, size_t n);

/* Record attachment a of hazard id (which s must see) with an audit event. */
int store_attachment_add(struct store *st, const struct actor *ac, const struct scope *s,
			 int64_t hazard_id, const struct attachment *a, struct error *e);

/* The attachments of hazard id, if s sees it. */
int store_attachment_list(struct store *st, const struct scope *s, int64_t hazard_id,
			  int (*cb)(const struct attachment *, void *), void *arg,
			  struct error *e);

/* One attachment of hazard id by its sha (and kind, when kind is not NULL),
 * if s sees the hazard. */
int store_attachment_get(struct store *st, const struct scope *s, int64_t hazard_id,
			 const char *sha, const char *kind, struct attachment *out,
			 struct error *e);

/* ---- enterprises' hazard statistics reports (季报, 年报) ---- */

enum report_status { REPORT_DRAFT, REPORT_SUBMITTED, REPORT_STATUS__MAX };

struct hazard_report {
	int64_t id;
	int64_t enterprise_id;
	char enterprise_name[NAME_MAX_BYTES];
	char region_code[REGION_CODE_LEN + 1];
	char period[8];           /* "2026-Q3" or "2026" */
	char due[DATE_LEN];
	int64_t found, closed, open, overdue, major_found, major_closed;
	enum report_status status;
	int64_t confirmed_by;
	char submitted_at[TIME_LEN];
	int late;
	char note[HZ_SHORT_MAX];
	int64_t version;
	char created_at[TIME_LEN];
};

/*
 * Compute the report of enterprise_id (which s must see) for period from its
 * hazards and keep it as a draft (a newer draft replaces an older one). A
 * submitted report is final: ERR_CONFLICT. ERR_INVALID field period for a
 * period that is not one, or has not ended by today.
 */
int store_report_generate(struct store *st, const struct actor *a, const struct scope *s,
			  int64_t enterprise_id, const char *period, int32_t today,
			  struct hazard_report *out, struct error *e);

/* Report id if s sees its enterprise, else ERR_NOT_FOUND. */
int store_report_get(struct store *st, const struct scope *s, int64_t id,
		     struct hazard_report *out, struct error *e);

/* Confirm and submit draft id at version; late when today is after its due date. */
int store_report_submit(struct store *st, const struct actor *a, const struct scope *s,
			int64_t id, int64_t version, const char *note, int32_t today,
			struct hazard_report *out, struct error *e);

/* Reports of period that s sees; status -1 any; late_only. Keyset by id. */
int store_report_list(struct store *st, const struct scope *s, const char *period, int status,
		      int late_only, int64_t after_id, int limit,
		      int (*cb)(const struct hazard_report *, void *), void *arg, int64_t *total,
		      int *more, struct error *e);

/* Operating enterprises s sees with no submitted report for period. */
int store_report_missing(struct store *st, const struct scope *s, const char *period,
			 int64_t after_id, int limit,
			 int (*cb)(int64_t id, const char *name, const char *region, void *),
			 void *arg, int64_t *total, int *more, struct error *e);

/* ---- plans (三年行动) and their tasks ---- */

enum plan_status { PLAN_DRAFT, PLAN_PUBLISHED, PLAN_STATUS__MAX };

struct plan_rec {
	int64_t id;
	char title[NAME_MAX_BYTES];
	char issuer[NAME_MAX_BYTES];
	char doc_number[TEXT_SMALL];
	char issued_on[DATE_LEN];
	char region_code[REGION_CODE_LEN + 1];
	char period_start[DATE_LEN], period_end[DATE_LEN];
	int report_day;                 /* of the month; 0 none */
	char year_report_day[8];        /* "MM-DD" of the yearly report; "" before it is read */
	enum plan_status status;
	int64_t version;
	char created_at[TIME_LEN];
	int64_t nodes, tasks;           /* counts, read only */
};

#define PLAN_UNITS_MAX 2048
#define PLAN_TITLE_MAX 1024

/* One outline node as stored; unit lists are joined with "、". */
struct plan_node_row {
	int seq, parent;
	char kind[16];
	char label[64];
	char title[PLAN_TITLE_MAX];
	int line;
	char deadline[DATE_LEN];        /* the first deadline, "" none */
	char lead[PLAN_UNITS_MAX], co[PLAN_UNITS_MAX], localities[PLAN_UNITS_MAX];
	const char *detail;             /* the node as the parser gave it (JSON text); borrowed */
};

struct publish_result {
	int64_t tasks;                  /* created */
	int64_t skipped;                /* co-operating or territorial units without an org */
	char unmapped[TEXT_SMALL];      /* the first unmapped lead unit when refused */
};

/*
 * Store a parsed plan as a draft with its outline. p->region_code must lie
 * in s (else ERR_INVALID field region_code). Fills p->id and the rest.
 */
int store_plan_create(struct store *st, const struct actor *a, const struct scope *s,
		      struct plan_rec *p, const char *source, const struct plan_node_row *nodes,
		      size_t n, struct error *e);
int store_plan_get(struct store *st, const struct scope *s, int64_t id, struct plan_rec *out,
		   struct error *e);
int store_plan_list(struct store *st, const struct scope *s, int64_t after_id, int limit,
		    int (*cb)(const struct plan_rec *, void *), void *arg, int64_t *total,
		    int *more, struct error *e);

/* The document text plan id was created from (caller frees), if s sees it. */
char *store_plan_source_new(struct store *st, const struct scope *s, int64_t id,
			    struct error *e);
/* The outline of plan id in document order (detail borrowed for the call). */
int store_plan_nodes(struct store *st, const struct scope *s, int64_t id,
		     int (*cb)(const struct plan_node_row *, void *), void *arg, struct error *e);

/* Remember that a unit name written in plans of region means org_id. */
int store_unit_map(struct store *st, const struct actor *a, const struct scope *s,
		   const char *region, const char *name, int64_t org_id, struct error *e);
int store_unit_mappings(struct store *st, const char *region,
			int (*cb)(const char *name, int64_t org_id, const char *org_name, void *),
			void *arg, struct error *e);

/*
 * Publish draft id at version: one task per node and unit with an org
 * (lead, cooperating, territorial). Every lead unit must be mapped to an
 * org first: ERR_CONFLICT naming the first that is not (in r->unmapped).
 */
int store_plan_publish(struct store *st, const struct actor *a, const struct scope *s,
		       int64_t id, int64_t version, struct publish_result *r, struct error *e);

struct task_rec {
	int64_t id, plan_id;
	int node_seq;
	int64_t org_id;
	char org_name[NAME_MAX_BYTES];
	char role[16];                  /* lead, co, locality */
	char title[PLAN_TITLE_MAX];
	char deadline[DATE_LEN];
	int status;                     /* 0 not started, 1 in progress, 2 done */
	int64_t version;
	int percent;                    /* as last reported */
	int report_day;                 /* the plan's, 0: the month's last day */
	char region_code[REGION_CODE_LEN + 1];
};

#define TASK_ACTUALS_MAX 16
#define TASK_REPORT_FILES_MAX 8   /* files attached to one progress report */
#define TASK_REPORT_FILES_DAYS 30 /* days after filing a report takes files */

/* The actual value a report gives for target (its index in the node's targets). */
struct task_actual {
	int target;
	double value;
};

struct task_report {
	int64_t id, task_id;
	char period[8];                 /* "YYYY-MM" */
	char text[HZ_TEXT_MAX];
	int percent;
	char due[DATE_LEN];
	int late;
	char submitted_at[TIME_LEN];
	char reporter[TEXT_SMALL];
	char org_name[NAME_MAX_BYTES];
	struct task_actual actuals[TASK_ACTUALS_MAX];
	int nactuals;
	struct attachment files[TASK_REPORT_FILES_MAX]; /* kind unused */
	int nfiles;
};

/* One task of an org s sees, else ERR_NOT_FOUND. */
int store_task_get(struct store *st, const struct scope *s, int64_t id, struct task_rec *out,
		   struct error *e);

/*
 * File the progress report of task id for period ("YYYY-MM", not after
 * today's month) by a user of the task's own org (else ERR_FORBIDDEN):
 * due on the plan's report day of that month (its last day when none), late
 * when today is after it; the task's percent and status follow. A second
 * report for the same month is ERR_CONFLICT. actuals (nactuals of them, at
 * most TASK_ACTUALS_MAX, distinct targets) are the values reached for the
 * node's numeric targets.
 */
int store_task_report(struct store *st, const struct actor *a, const struct scope *s,
		      int64_t id, int64_t user_org, const char *period, const char *text,
		      int percent, const struct task_actual *actuals, int nactuals, int32_t today,
		      struct task_report *out, struct error *e);

/*
 * store_task_report as if filed at instant at ("YYYY-MM-DDTHH:MM:SSZ"): late
 * and the task's updated time follow at's Asia/Shanghai date, not today's.
 * For loading history (the demo data, imports), never reachable from the
 * API, which always files at now. No actual values.
 */
int store_task_report_at(struct store *st, const struct actor *a, const struct scope *s,
			 int64_t id, int64_t user_org, const char *period, const char *text,
			 int percent, const char *at, struct task_report *out, struct error *e);

/*
 * Record file a (already stored by store_blob_put) on progress report id,
 * with an audit event: the report must be of a task s sees (else
 * ERR_NOT_FOUND), of user_org's own task (else ERR_FORBIDDEN), filed at most
 * TASK_REPORT_FILES_DAYS days before today and hold fewer than
 * TASK_REPORT_FILES_MAX files (else ERR_CONFLICT). The same file again
 * changes nothing.
 */
int store_task_attachment_add(struct store *st, const struct actor *ac, const struct scope *s,
			      int64_t report_id, int64_t user_org, int32_t today,
			      const struct attachment *a, struct error *e);

/* Whether store_task_attachment_add would accept a file now (nothing written). */
int store_task_attachment_check(struct store *st, const struct scope *s, int64_t report_id,
				int64_t user_org, int32_t today, struct error *e);

/* One file of progress report id by its sha, if s sees the report's task. */
int store_task_attachment_get(struct store *st, const struct scope *s, int64_t report_id,
			      const char *sha, struct attachment *out, struct error *e);

/* The reports of task id, newest first, with their files, if s sees the task. */
int store_task_reports(struct store *st, const struct scope *s, int64_t id,
		       int (*cb)(const struct task_report *, void *), void *arg, struct error *e);

struct reporting_row {
	int64_t task_id, org_id;
	char title[PLAN_TITLE_MAX];
	char org_name[NAME_MAX_BYTES];
	char deadline[DATE_LEN];
	int reported, late, percent;
	char submitted_at[TIME_LEN];
};

/* Who has reported for period on plan id (the tasks s sees). */
int store_plan_reporting(struct store *st, const struct scope *s, int64_t plan_id,
			 const char *period, int64_t after_id, int limit,
			 int (*cb)(const struct reporting_row *, void *), void *arg,
			 int64_t *total, int64_t *reported, int *more, struct error *e);

/* Tasks of the orgs s sees; plan/org 0 any; overdue_only as of today. */
int store_task_list(struct store *st, const struct scope *s, int64_t plan_id, int64_t org_id,
		    int overdue_only, const char *today, int64_t after_id, int limit,
		    int (*cb)(const struct task_rec *, void *), void *arg, int64_t *total,
		    int *more, struct error *e);

/* ---- the two lists, notices, yearly and final reports (store_lists.c) ---- */

/*
 * Who may read the lists' entries: office, admin and leader all those of
 * the orgs they see; every other role only its own org's. Entries are
 * written by their own org's users only, an org with tasks in the plan.
 */

/*
 * Add an entry to plan_id's problems list for org user_org (which must
 * have a task in the plan, else ERR_FORBIDDEN). A linked hazard must be one
 * s sees (else ERR_INVALID field hazard_id); a cited task must be one of
 * the org's in this plan (else ERR_INVALID field task_id). p->plan_id,
 * org, region, status of a link, version and times are set here; the rest
 * is checked by problem_check. Fills p.
 */
int store_problem_create(struct store *st, const struct actor *a, const struct scope *s,
			 int64_t user_org, struct plan_problem *p, int32_t today, struct error *e);
int store_problem_get(struct store *st, const struct scope *s, int64_t id,
		      struct plan_problem *out, struct error *e);
/*
 * Change problem id to what p says (description, found_on, measures,
 * responsible, deadline, status, closed_on, task_id) at version: ERR_STALE
 * when version is not current, ERR_FORBIDDEN for another org's entry.
 */
int store_problem_update(struct store *st, const struct actor *a, const struct scope *s,
			 int64_t user_org, int64_t id, int64_t version, struct plan_problem *p,
			 int32_t today, struct error *e);
/* The problems of plan_id (org 0: every org s may read), oldest first. */
int store_problem_list(struct store *st, const struct scope *s, int64_t plan_id, int64_t org,
		       int64_t after_id, int limit, int (*cb)(const struct plan_problem *, void *),
		       void *arg, int64_t *total, int *more, struct error *e);

/* The same four for the measures list. */
int store_measure_create(struct store *st, const struct actor *a, const struct scope *s,
			 int64_t user_org, struct plan_measure *m, int32_t today, struct error *e);
int store_measure_get(struct store *st, const struct scope *s, int64_t id,
		      struct plan_measure *out, struct error *e);
int store_measure_update(struct store *st, const struct actor *a, const struct scope *s,
			 int64_t user_org, int64_t id, int64_t version, struct plan_measure *m,
			 int32_t today, struct error *e);
int store_measure_list(struct store *st, const struct scope *s, int64_t plan_id, int64_t org,
		       int64_t after_id, int limit, int (*cb)(const struct plan_measure *, void *),
		       void *arg, int64_t *total, int *more, struct error *e);

struct notice {
	int64_t id;
	char code[NOTICE_CODE_MAX];
	enum notice_kind kind;
	int64_t issuer_org_id;
	char issuer_name[NAME_MAX_BYTES];
	char region_code[REGION_CODE_LEN + 1];  /* the issuer's */
	int64_t plan_id;                        /* 0 none */
	char title[LIST_TITLE_MAX];
	char body[LIST_TEXT_MAX];
	char issued_on[DATE_LEN];
	char due_on[DATE_LEN];                  /* "" none */
	char created_at[TIME_LEN];
	int64_t targets, replied;               /* counts, read only */
	int mine;                               /* the reader's org: -1 not a target, 0 not replied, 1 replied */
};

struct notice_input {
	const int64_t *targets;
	size_t ntargets;
	const int64_t *tasks;
	size_t ntasks;
	const int64_t *hazards;
	size_t nhazards;
};

struct notice_target {
	int64_t org_id;
	char org_name[NAME_MAX_BYTES];
	char reply[LIST_TEXT_MAX];
	char replied_at[TIME_LEN];              /* "" not replied */
	char replied_by[TEXT_SMALL];
};

struct notice_cite {
	char kind[8];                           /* "task" or "hazard" */
	int64_t id;
	char title[1024];
	char code[40];                          /* a hazard's */
};

/*
 * Issue notice n from org issuer (the caller's, which s's region holds):
 * every target org, cited task and hazard, and the plan must be ones s
 * sees (else ERR_INVALID naming targets, tasks, hazards or plan_id). Its
 * code (督办〔2026〕3号) is the next of the issuer, kind and year of
 * issued_on, never reused. Each target org is notified. Fills n.
 */
int store_notice_create(struct store *st, const struct actor *a, const struct scope *s,
			int64_t issuer, struct notice *n, const struct notice_input *in,
			struct error *e);
/* One notice the reader sees (org: the reader's org, 0 none). */
int store_notice_get(struct store *st, const struct scope *s, int64_t org, int64_t id,
		     struct notice *out, struct error *e);
/* Notices the reader sees, newest first; kind -1, plan 0, target 0: any. */
int store_notice_list(struct store *st, const struct scope *s, int64_t org, int kind,
		      int64_t plan, int64_t target, int64_t before_id, int limit,
		      int (*cb)(const struct notice *, void *), void *arg, int64_t *total,
		      int *more, struct error *e);
/* The targets and citations of notice id (the caller has checked it sees it). */
int store_notice_targets(struct store *st, int64_t id,
			 int (*cb)(const struct notice_target *, void *), void *arg,
			 struct error *e);
int store_notice_cites(struct store *st, int64_t id,
		       int (*cb)(const struct notice_cite *, void *), void *arg, struct error *e);
/*
 * The reply of org to notice id: ERR_FORBIDDEN unless org is a target,
 * ERR_CONFLICT when it has replied already.
 */
int store_notice_reply(struct store *st, const struct actor *a, const struct scope *s,
		       int64_t org, int64_t id, const char *text, struct error *e);

struct plan_report_row {
	int64_t org_id, report_id;
	char org_name[NAME_MAX_BYTES];
	int late;
	char submitted_at[TIME_LEN];
	char text[LIST_TEXT_MAX];
	char reporter[TEXT_SMALL];
};

/*
 * The due date of plan p's report of period: "YYYY" the yearly report, due
 * on the plan's year_report_day of that year; "final" the final report, due
 * on that day of the plan's last year (ERR_INVALID field period when the
 * period is malformed, outside the plan's years, or the plan has no end).
 */
int plan_report_due(const struct plan_rec *p, const char *period, int32_t *due, struct error *e);

/*
 * File org user_org's yearly or final report on plan id (the org must have
 * tasks in it, else ERR_FORBIDDEN; a second one is ERR_CONFLICT); late when
 * today is after its due date. Fills out (org_id, report_id, late, …).
 */
int store_plan_report(struct store *st, const struct actor *a, const struct scope *s,
		      int64_t user_org, int64_t id, const char *period, const char *text,
		      int32_t today, struct plan_report_row *out, struct error *e);
/* The orgs s sees with tasks in plan id and their report of period. */
int store_plan_report_board(struct store *st, const struct scope *s, int64_t id,
			    const char *period, int64_t after_id, int limit,
			    int (*cb)(const struct plan_report_row *, void *), void *arg,
			    int64_t *total, int64_t *reported, int *more, struct error *e);
/* Set plan id's monthly report day (0: the month's end) and its yearly
 * report day ("MM-DD") at version. */
int store_plan_set_days(struct store *st, const struct actor *a, const struct scope *s,
			int64_t id, int64_t version, int report_day, const char *year_day,
			struct error *e);
/* ---- assessment (考核) ---- */

/* A plan's assessment configuration as stored (version 0: the defaults). */
struct assess_config_rec {
	int64_t plan_id;
	struct assess_config c;
	int64_t version;
	char updated_at[TIME_LEN];
};

/* The configuration of plan id (which s must see): stored, or the defaults. */
int store_assess_config_get(struct store *st, const struct scope *s, int64_t plan_id,
			    struct assess_config_rec *out, struct error *e);

/*
 * Replace the configuration of plan id at the version the caller read
 * (0 while it has the defaults; else ERR_STALE), after assess_config_check
 * (ERR_INVALID naming the field), with its audit event. out gets it back.
 */
int store_assess_config_put(struct store *st, const struct actor *a, const struct scope *s,
			    int64_t plan_id, const struct assess_config *c, int64_t version,
			    struct assess_config_rec *out, struct error *e);

/* One task of a plan as the assessment reads it (its org's facts joined). */
struct assess_task_row {
	int64_t task_id, org_id;
	char org_name[NAME_MAX_BYTES];
	enum org_kind org_kind;
	char org_region[REGION_CODE_LEN + 1];
	int node_seq;
	char title[PLAN_TITLE_MAX];
	char role[16];
	char deadline[DATE_LEN];        /* "" none */
	char created_at[TIME_LEN];
	int status, percent;            /* as they stand now */
};

struct assess_report_row {
	int64_t task_id;
	char period[8];
	int late, percent;
	char submitted_at[TIME_LEN];
};

struct assess_actual_row {
	int64_t task_id;
	int target;
	double value;
	char period[8];
};

/*
 * The tasks of plan id whose orgs s sees (by org, then id), their reports
 * (by task and month) and the actual values reported (by task, month and
 * target); ERR_NOT_FOUND when s does not see the plan. Rows are borrowed
 * for the call.
 */
int store_assess_tasks(struct store *st, const struct scope *s, int64_t plan_id,
		       int (*cb)(const struct assess_task_row *, void *), void *arg,
		       struct error *e);
int store_assess_reports(struct store *st, const struct scope *s, int64_t plan_id,
			 int (*cb)(const struct assess_report_row *, void *), void *arg,
			 struct error *e);
int store_assess_actuals(struct store *st, const struct scope *s, int64_t plan_id,
			 int (*cb)(const struct assess_actual_row *, void *), void *arg,
			 struct error *e);

/*
 * Add the hazard facts of org (kind, id, region) to in, for the period
 * from `from` as of `as_of` (dates): of the hazards the org supervises (a
 * department: its industries in its region subtree; another government
 * org: its region subtree), major ones live at the start or found since and
 * of those closed; live ones at as_of and of those overdue; overdue major.
 */
int store_assess_hazards(struct store *st, enum org_kind kind, int64_t org_id,
			 const char *region, const char *from, const char *as_of,
			 struct assess_input *in, struct error *e);
/* ---- dual prevention (双重预防): risk points, check items, check tasks ---- */

#define RISK_NAME_MAX 384
#define RISK_TEXT_MAX 3072
#define RISK_MEASURE_MAX 2048

struct risk_point {
	int64_t id;
	int64_t enterprise_id;
	char enterprise_name[NAME_MAX_BYTES];  /* joined, read only */
	char region_code[REGION_CODE_LEN + 1]; /* the enterprise's */
	int64_t industry_id;                   /* the enterprise's */
	char name[RISK_NAME_MAX];
	enum risk_kind kind;
	char location[HZ_SHORT_MAX];
	char hazard_factors[RISK_TEXT_MAX];
	uint32_t accident_types;               /* bit i: accident_type_names[i] */
	struct risk_input input;               /* the assessment in force */
	int64_t score100;
	enum risk_level level;
	char measures[MK__MAX][RISK_MEASURE_MAX];
	enum control_tier tier;
	char responsible[TEXT_SMALL];
	char review_on[DATE_LEN];              /* next review; "" none */
	int active;                            /* 0: retired (kept, not counted) */
	int64_t version;
	char created_at[TIME_LEN];
	char updated_at[TIME_LEN];
};

struct risk_assessment {
	int64_t id, risk_id;
	char at[TIME_LEN];
	int64_t actor_id;
	char actor[64];
	struct risk_input input;
	int64_t score100;
	int level_before;                      /* -1: the first assessment */
	enum risk_level level_after;
	char reason[HZ_SHORT_MAX];
};

struct risk_filter {
	int64_t enterprise_id, industry_id;    /* 0: any */
	char region[REGION_CODE_LEN + 1];      /* "": any; else this subtree */
	int level, kind;                       /* -1: any */
	int include_retired;
	char q[TEXT_SMALL];                    /* "": none; name contains */
	int64_t after_id;
	int limit;                             /* 1–500 */
};

/*
 * Identify a risk point of enterprise rp->enterprise_id, which s must see
 * (else ERR_NOT_FOUND field enterprise_id). rp->input, score100 and level
 * are the assessment as core/risk.c computed it; the first assessment is
 * kept in the history with reason. Region, industry, id, version and times
 * are filled here; the enterprise's colour follows.
 */
int store_risk_create(struct store *st, const struct actor *a, const struct scope *s,
		      struct risk_point *rp, const char *reason, struct error *e);

/* Risk point id if s sees it, else ERR_NOT_FOUND. */
int store_risk_get(struct store *st, const struct scope *s, int64_t id, struct risk_point *out,
		   struct error *e);

/*
 * Replace what describes risk point rp->id (name, kind, location, factors,
 * accident types, measures, tier, responsible, review date, active) if s
 * sees it and rp->version is current (else ERR_STALE). The assessment is
 * not touched here (store_risk_assess). rp is reloaded.
 */
int store_risk_update(struct store *st, const struct actor *a, const struct scope *s,
		      struct risk_point *rp, struct error *e);

/*
 * Re-assess risk point id at version: the new inputs, score and level,
 * with the level before and the reason in the history, and optionally a
 * new review date (review_on NULL keeps it). out gets the point as it now
 * stands; the enterprise's colour follows.
 */
int store_risk_assess(struct store *st, const struct actor *a, const struct scope *s, int64_t id,
		      int64_t version, const struct risk_input *in, const struct risk_score *sc,
		      const char *reason, const char *review_on, struct risk_point *out,
		      struct error *e);

/* Risk points s sees matching f, in id order; *total, *more as for orgs. */
int store_risk_list(struct store *st, const struct scope *s, const struct risk_filter *f,
		    int (*cb)(const struct risk_point *, void *), void *arg, int64_t *total,
		    int *more, struct error *e);

/* The assessments of risk point id, oldest first, if s sees it. */
int store_risk_assessments(struct store *st, const struct scope *s, int64_t id,
			   int (*cb)(const struct risk_assessment *, void *), void *arg,
			   struct error *e);

#define CHECK_TEXT_MAX 1536

struct check_item {
	int64_t id, risk_id;
	char risk_name[RISK_NAME_MAX];         /* joined, read only */
	int64_t enterprise_id;
	char region_code[REGION_CODE_LEN + 1];
	int64_t industry_id;
	enum measure_kind measure;             /* the control measure it checks */
	char what[CHECK_TEXT_MAX];             /* 查什么 */
	char how[CHECK_TEXT_MAX];              /* 怎么查 */
	enum cadence cadence;
	enum control_tier tier;
	char responsible[TEXT_SMALL];
	int active;
	int64_t version;
	char created_at[TIME_LEN];
};

struct check_item_filter {
	int64_t risk_id, enterprise_id;        /* 0: any */
	int cadence;                           /* -1: any */
	int include_inactive;
	int64_t after_id;
	int limit;
};

/*
 * Add a check item to risk point it->risk_id (s must see it, else
 * ERR_NOT_FOUND field risk_id) and give it at once its task of the period
 * that holds today. Enterprise, region and industry come from the point.
 */
int store_check_item_create(struct store *st, const struct actor *a, const struct scope *s,
			    struct check_item *it, int32_t today, struct error *e);
int store_check_item_get(struct store *st, const struct scope *s, int64_t id,
			 struct check_item *out, struct error *e);
/* Replace what, how, cadence, tier, responsible, active (version checked). */
int store_check_item_update(struct store *st, const struct actor *a, const struct scope *s,
			    struct check_item *it, struct error *e);
int store_check_item_list(struct store *st, const struct scope *s,
			  const struct check_item_filter *f,
			  int (*cb)(const struct check_item *, void *), void *arg, int64_t *total,
			  int *more, struct error *e);

enum check_task_status { CTS_PENDING, CTS_DONE, CTS__MAX };

struct check_task {
	int64_t id, item_id, risk_id, enterprise_id;
	char enterprise_name[NAME_MAX_BYTES];  /* joined */
	char risk_name[RISK_NAME_MAX];         /* joined */
	char what[CHECK_TEXT_MAX];             /* joined: the item's */
	char how[CHECK_TEXT_MAX];              /* joined */
	char responsible[TEXT_SMALL];          /* joined */
	enum cadence cadence;                  /* joined */
	char region_code[REGION_CODE_LEN + 1];
	char period[12];
	char start[DATE_LEN], due[DATE_LEN];
	enum check_task_status status;
	/* the record, once done */
	enum check_result result;
	char note[HZ_SHORT_MAX];
	int64_t hazard_id;                     /* a "hazard" answer's hazard */
	int64_t checked_by;
	char checked_at[TIME_LEN];
	int late;                              /* recorded after its due date */
};

struct check_task_filter {
	int64_t enterprise_id, risk_id, item_id; /* 0: any */
	char region[REGION_CODE_LEN + 1];
	int status;                            /* -1: any */
	int missed_only;                       /* pending and due before today */
	char today[DATE_LEN];
	int64_t after_id;
	int limit;
};

/* What a check record says. With CR_HAZARD, hazard holds the hazard to
 * report (title, description, location, category, grade, basis). */
struct check_answer {
	enum check_result result;
	const char *note;
	struct hazard *hazard;
	const struct hazard_actor *who;
};

int store_check_task_get(struct store *st, const struct scope *s, int64_t id,
			 struct check_task *out, struct error *e);
int store_check_task_list(struct store *st, const struct scope *s,
			  const struct check_task_filter *f,
			  int (*cb)(const struct check_task *, void *), void *arg, int64_t *total,
			  int *more, struct error *e);

/*
 * Record the check of task id (s must see it): a pending task only (else
 * ERR_CONFLICT). A "hazard" answer reports the hazard in ans->hazard through
 * store_hazard_create in the same transaction, found today by the checker,
 * source self_check, its description naming the risk point and the check;
 * the record keeps its id. out gets the task as it now stands.
 */
int store_check_record(struct store *st, const struct actor *a, const struct scope *s, int64_t id,
		       const struct check_answer *ans, int32_t today, struct check_task *out,
		       struct error *e);

struct check_generate_report {
	int64_t created;                       /* tasks newly made */
};

/*
 * The daily generation of check tasks as of today: every active item gets
 * the task of its cadence's period that holds today, once (reruns make
 * nothing new). Items are taken in pages, each page its own transaction
 * with its audit event.
 */
int store_jobs_check_tasks(struct store *st, int32_t today, struct check_generate_report *out,
			   struct error *e);
/* The same in pages of about page items (store_jobs_check_tasks: 100,000),
 * each page a range of enterprises and its own transaction. */
int store_jobs_check_tasks_paged(struct store *st, int32_t today, int64_t page,
				 struct check_generate_report *out, struct error *e);

/* ---- the yearly risk report (风险清单及年度风险分析, DESIGN §3.2) ---- */

#define RISK_ANALYSIS_MAX 16384   /* bytes of the analysis, NUL included */

/*
 * An enterprise's yearly report of its risk list to its regulators. While
 * a draft its counts are the enterprise's live ones; submitting freezes the
 * list (store_risk_report_items) and the counts, judged late against due.
 */
struct risk_report {
	int64_t id;
	int64_t enterprise_id;
	char enterprise_name[NAME_MAX_BYTES];  /* joined, read only */
	char region_code[REGION_CODE_LEN + 1]; /* the enterprise's when made */
	int64_t industry_id;                   /* the enterprise's when made; 0 none */
	int year;
	enum report_status status;
	int64_t n[RL__MAX];                    /* risk points by level */
	int64_t total;
	char analysis[RISK_ANALYSIS_MAX];      /* 年度风险分析 */
	char principal[TEXT_SMALL];            /* the principal who confirms it */
	char due[DATE_LEN];                    /* the due day it was judged by; "" draft */
	char submitted_at[TIME_LEN];
	int64_t submitted_by;
	int late;
	int64_t created_by;
	char created_at[TIME_LEN];
	char updated_at[TIME_LEN];
	int64_t version;
};

/* One risk point as a submitted report froze it. */
struct risk_report_item {
	int64_t risk_id;
	char name[RISK_NAME_MAX];
	enum risk_kind kind;
	char location[HZ_SHORT_MAX];
	enum risk_level level;
	int64_t score100;
	enum risk_method method;
	enum control_tier tier;
	char responsible[TEXT_SMALL];
};

struct risk_report_filter {
	int year;
	char region[REGION_CODE_LEN + 1];      /* "": any; else this subtree */
	int64_t industry_id;                   /* 0: any */
	int status;                            /* -1: any (the missing board ignores it) */
	int64_t after_id;
	int limit;                             /* 1–500 */
};

/* An enterprise on the board of those that have not reported a year. */
struct risk_report_missing {
	int64_t enterprise_id;
	const char *name, *region_code;        /* borrowed for the callback */
	int64_t industry_id;
	int64_t draft_id;                      /* its draft of the year, or 0 */
};

/*
 * Make the draft report of rr->enterprise_id (an enterprise s sees, else
 * ERR_NOT_FOUND field enterprise_id) for rr->year with rr->analysis and
 * rr->principal; ERR_CONFLICT field year when the enterprise has one for
 * that year already. rr is reloaded.
 */
int store_risk_report_create(struct store *st, const struct actor *a, const struct scope *s,
			     struct risk_report *rr, struct error *e);

/* Report id if s sees it, else ERR_NOT_FOUND. */
int store_risk_report_get(struct store *st, const struct scope *s, int64_t id,
			  struct risk_report *out, struct error *e);

/*
 * Change the analysis and principal of draft id at version (NULL keeps a
 * value): ERR_CONFLICT once submitted, ERR_STALE for another version.
 */
int store_risk_report_update(struct store *st, const struct actor *a, const struct scope *s,
			     int64_t id, int64_t version, const char *analysis,
			     const char *principal, struct risk_report *out, struct error *e);

/*
 * Submit draft id at version, confirmed by principal (NULL keeps the
 * draft's): in one transaction the enterprise's active risk points are
 * copied into the report's items and its counts fixed from them; late when
 * today is after due. ERR_INVALID field principal or analysis when the
 * report lacks one; ERR_CONFLICT once submitted; ERR_STALE.
 */
int store_risk_report_submit(struct store *st, const struct actor *a, const struct scope *s,
			     int64_t id, int64_t version, const char *principal, int32_t due,
			     int32_t today, struct risk_report *out, struct error *e);

/* The frozen risk list of report id (none while a draft), highest level first. */
int store_risk_report_items(struct store *st, const struct scope *s, int64_t id,
			    int (*cb)(const struct risk_report_item *, void *), void *arg,
			    struct error *e);

/* Reports s sees of f->year matching f, in id order; *total, *more as for
 * orgs; cb NULL only counts. */
int store_risk_report_list(struct store *st, const struct scope *s,
			   const struct risk_report_filter *f,
			   int (*cb)(const struct risk_report *, void *), void *arg, int64_t *total,
			   int *more, struct error *e);

/* Operating enterprises s sees without a submitted report of f->year. */
int store_risk_report_missing(struct store *st, const struct scope *s,
			      const struct risk_report_filter *f,
			      int (*cb)(const struct risk_report_missing *, void *), void *arg,
			      int64_t *total, int *more, struct error *e);

/*
 * The daily job's reminder: tell every operating enterprise without a
 * submitted report of year (notification kind, title, due day), once per
 * kind and due day however often it runs; *told gets how many were told now.
 */
int store_jobs_risk_report_notify(struct store *st, int year, const char *kind,
				  const char *title, const char *due, int64_t *told,
				  struct error *e);

/* Four-colour counts: one row per group, n[level] risk points. */
enum risk_stats_group { RSG_TOTAL, RSG_CHILD_REGION, RSG_INDUSTRY, RSG__MAX };

struct risk_stats_row {
	char key[32];                          /* "" total; region prefix; industry id */
	int64_t n[RL__MAX];                    /* active risk points by level */
	int64_t enterprises[RL__MAX];          /* enterprises by colour */
};

/*
 * The active risk points s sees in region (a subtree; "" = the scope's) of
 * industry (0 any), counted by level and by enterprise colour: cb gets the
 * total (RSG_TOTAL, always, key ""), then each child region (key: its code
 * prefix, in code order), then each industry (key: its id, 0 = none, in id
 * order). One read of the maintained counts serves all three groups.
 */
int store_risk_stats(struct store *st, const struct scope *s, const char *region,
		     int64_t industry,
		     int (*cb)(enum risk_stats_group g, const struct risk_stats_row *, void *),
		     void *arg, struct error *e);

/* The four-colour map: which enterprises, and at most how many placed. */
struct risk_map_filter {
	const char *region;                    /* a subtree; NULL or "": the scope's */
	int64_t industry;                      /* 0: any */
	int colour;                            /* enum risk_level of the colour; -1: any */
	int64_t limit;                         /* placed enterprises at most (> 0) */
};

/* One enterprise on the map, with the colour orgs.risk_colour holds. */
struct risk_map_point {
	int64_t id;
	double lat, lon;
	enum risk_level colour;
	const char *name;                      /* borrowed for the callback */
	const char *region_code;               /* borrowed for the callback */
};

/*
 * The enterprises with a colour that s sees, filtered by f: cb gets each
 * one with coordinates, red first, then orange, yellow, blue (by id within
 * a colour), at most f->limit of them; *more is set when there were more.
 * *unplaced counts the matching enterprises without coordinates. cb
 * returns non-zero to stop. 0, or -1 with e filled (ERR_INVALID field
 * region for a bad region code).
 */
int store_risk_map(struct store *st, const struct scope *s, const struct risk_map_filter *f,
		   int (*cb)(const struct risk_map_point *, void *), void *arg, int64_t *unplaced,
		   int *more, struct error *e);

/* ---- inspections (DESIGN §3.4: the core; findings, documents and
 * penalties come later) ---- */

#define INSPECTORS_MAX 16
#define INSPECTION_SUMMARY_MAX 4096

struct inspector {
	int64_t id;
	char login[64];
	char name[TEXT_SMALL];
	enum role role;
};

struct inspection {
	int64_t id;
	char code[40];                         /* JC-540102-2026-000001 */
	int64_t enterprise_id;
	char enterprise_name[NAME_MAX_BYTES];  /* joined, read only */
	char region_code[REGION_CODE_LEN + 1]; /* the enterprise's */
	int64_t industry_id;                   /* the enterprise's; 0 none */
	int64_t org_id;                        /* the inspecting department */
	char org_name[NAME_MAX_BYTES];         /* joined, read only */
	char date[DATE_LEN];                   /* inspected on, Asia/Shanghai */
	enum inspection_type type;
	char summary[INSPECTION_SUMMARY_MAX];
	struct inspector inspectors[INSPECTORS_MAX];
	int ninspectors;
	int64_t created_by;
	char created_at[TIME_LEN];
};

struct inspection_filter {
	int64_t enterprise_id;                 /* 0: any */
	char region[REGION_CODE_LEN + 1];      /* "": any; else this subtree */
	int type;                              /* -1: any */
	char from[DATE_LEN], to[DATE_LEN];     /* "": open */
	char after_date[DATE_LEN];             /* cursor: "" the start */
	int64_t after_id;
	int limit;                             /* 1–500 */
};

/*
 * Record inspection in (its enterprise_id, org_id, date, type, summary and
 * inspectors[].id filled by the caller; everything else here): the
 * enterprise must be one s sees (else ERR_NOT_FOUND field enterprise_id);
 * the inspectors at least two distinct active users of org_id with role
 * inspector or regulator (else ERR_INVALID field inspector_ids). The code
 * comes from a counter per county and year of the date, never reused; the
 * enterprise's last inspection date moves forward (never back); the audit
 * event is in the same transaction. in is reloaded.
 */
int store_inspection_create(struct store *st, const struct actor *a, const struct scope *s,
			    struct inspection *in, struct error *e);

/* Inspection id with its inspectors, if s sees its enterprise; else ERR_NOT_FOUND. */
int store_inspection_get(struct store *st, const struct scope *s, int64_t id,
			 struct inspection *out, struct error *e);

/*
 * The inspections s sees matching f, newest date first (then newest id),
 * one callback each (borrowed for the call; inspectors not loaded).
 * *total, *more as for store_org_list.
 */
int store_inspection_list(struct store *st, const struct scope *s,
			  const struct inspection_filter *f,
			  int (*cb)(const struct inspection *, void *), void *arg,
			  int64_t *total, int *more, struct error *e);

/* Who of org org_id may inspect (active inspectors and regulators), by id. */
int store_inspectors_of_org(struct store *st, int64_t org_id,
			    int (*cb)(const struct inspector *, void *), void *arg,
			    struct error *e);

struct due_filter {
	char region[REGION_CODE_LEN + 1];      /* "": the scope's */
	int64_t industry_id;                   /* 0: any */
	int colour;                            /* risk level of the colour; -1 any */
	int after_colour;                      /* cursor: -1 the start; else a level */
	char after_last[DATE_LEN];             /* with after_colour: last inspected ("" never) */
	int64_t after_id;
	int limit;                             /* 1–500 */
};

struct due_row {
	int64_t id;
	char name[NAME_MAX_BYTES];
	char region_code[REGION_CODE_LEN + 1];
	char region_name[TEXT_SMALL];
	int64_t industry_id;
	char industry_name[TEXT_SMALL];
	enum risk_level colour;
	char last_inspected_on[DATE_LEN];      /* "" never */
	char period_start[DATE_LEN], due_by[DATE_LEN];
};

/*
 * The enterprises s sees that are due for inspection on `today` under the
 * frequencies freq: of a colour with a period (months > 0), not closed,
 * and not inspected since the start of the colour's current period. Red
 * first, then orange, yellow, blue; within a colour the oldest last
 * inspection (never first), then id. counts[level] (may be NULL) gets how
 * many are due of each colour under f's region and industry, whatever
 * f's colour; *more is set when rows beyond the limit exist.
 */
int store_inspection_due(struct store *st, const struct scope *s, const struct inspect_freq *freq,
			 int32_t today, const struct due_filter *f,
			 int (*cb)(const struct due_row *, void *), void *arg,
			 int64_t counts[RL__MAX], int *more, struct error *e);

/* ---- daily jobs ---- */

struct deadline_report {
	int64_t due_soon, overdue, escalated;   /* notifications newly raised */
	int64_t lapsed;                         /* live hazards newly marked past deadline */
};

/*
 * The daily deadline pass as of `today`: the enterprise of every live
 * hazard due in three days or overdue is told (once per deadline), and an
 * overdue major hazard is escalated to its supervising departments and the
 * offices of its region. Live hazards past their deadline are marked
 * lapsed, which the maintained counts read as overdue. Idempotent: running
 * it twice raises nothing new.
 */
int store_jobs_deadlines(struct store *st, int32_t today, struct deadline_report *out,
			 struct error *e);

/* ---- hazard statistics ---- */

enum stats_group {
	SG_TOTAL, SG_GRADE, SG_SOURCE, SG_INDUSTRY, SG_CHILD_REGION, SG_MONTH_FOUND,
	SG_MONTH_CLOSED, SG__MAX
};

struct hazard_stats_row {
	char key[32];            /* "" total; grade/source/industry number; region prefix; "YYYY-MM" */
	int64_t found, closed, open, overdue, closed_on_time, extended, major;
	double days_to_close;    /* summed over closed ones */
};

struct zero_clearance {
	int64_t carried_in, found, closed, still_open;
};

/*
 * Counts of the hazards s sees in region (a subtree; "" = the scope's),
 * of industry (0 any), found from `from` to `to` (dates), grouped by g, as
 * of today. cb gets one row per group.
 */
int store_hazard_stats(struct store *st, const struct scope *s, const char *region,
		       int64_t industry, const char *from, const char *to, const char *today,
		       enum stats_group g, int (*cb)(const struct hazard_stats_row *, void *),
		       void *arg, struct error *e);

/*
 * Whole calendar years (from YYYY-01-01 to YYYY-12-31) outside an
 * enterprise's own scope are read from the maintained counts; any other
 * window or scope counts the hazards themselves. SG_MONTH_CLOSED gives the
 * hazards closed in the year of `to` by month, whenever found (`from` is
 * ignored).
 */

/*
 * Compare the maintained hazard counts with a recount from the hazards;
 * *mismatched is the number of count rows that disagree (0: all agree).
 */
int store_hazard_counts_check(struct store *st, int64_t *mismatched, struct error *e);

/* 动态清零 of the major hazards for the year from..to. */
int store_zero_clearance(struct store *st, const struct scope *s, const char *region,
			 int64_t industry, const char *from, const char *to,
			 struct zero_clearance *out, struct error *e);

/* ---- audit ---- */

struct audit_problem {
	const char *chain;
	int64_t seq;            /* 0 when the problem is a row, not an event */
	const char *object_type;
	const char *object_id;
	const char *what;       /* "hash mismatch", "row edited", "row removed", … */
};

/*
 * Check every chain link and that each audited row still says what its last
 * audit event says. cb is called for each problem found (it returns non-zero
 * to stop). *events gets the number of events checked. Returns 0 when the
 * check ran (problems or not), -1 when it could not run.
 */
int store_audit_verify(struct store *st, int (*cb)(const struct audit_problem *, void *),
		       void *arg, int64_t *events, int64_t *problems, struct error *e);

/* ---- backup ---- */

/* A consistent copy of the whole database in file path, online. */
int store_backup(struct store *st, const char *path, struct error *e);

/* Replace the database of o with the backup in path (server stopped). */
int store_restore(const struct store_opts *o, const char *path, struct error *e);

/*
 * A digest of every row of every table, in a fixed order, as 64 hex chars:
 * equal digests mean equal contents (used by the backup round-trip test).
 */
int store_digest(struct store *st, char out[65], struct error *e);

#endif
