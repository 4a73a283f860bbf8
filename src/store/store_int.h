/*
 * store_int.h — private declarations shared by the store's files.
 */
#ifndef HN_STORE_INT_H
#define HN_STORE_INT_H

#include <pthread.h>

#include "core/sbuf.h"
#include "store/db.h"
#include "store/store.h"

struct store {
	struct db *db;
	char dbpath[1100];   /* SQLite file; "" for PostgreSQL */
	char pg_url[1024];
	pthread_mutex_t *write_mu; /* the pool's writer: see store_write_lock */
};

/*
 * Bind parameters $1… from a format: 't' text (const char *), 'i' int64_t,
 * 'd' double, 'n' null (no argument), 'T' text or null when "" / NULL,
 * '-' leaves that parameter alone (no argument; bound otherwise).
 */
int st_bindf(struct store *st, struct db_stmt *s, struct error *e, const char *fmt, ...);

/* Bind a scope as $1–$4 (see stmts.h). */
int st_bind_scope(struct store *st, struct db_stmt *s, const struct scope *sc,
		  struct error *e);

/* Prepared statement id, or NULL with e filled. */
struct db_stmt *st_stmt(struct store *st, enum stmt_id id, struct error *e);

/* Run s to completion expecting no rows; 0 or -1. */
int st_exec(struct store *st, struct db_stmt *s, struct error *e);

/*
 * Run a version-checked UPDATE: ERR_STALE (field version) unless exactly
 * one row changed — under PostgreSQL's READ COMMITTED a concurrent writer
 * can win between our read and our write.
 */
int st_exec_one(struct store *st, struct db_stmt *s, const char *what, struct error *e);

/* Run a bound COUNT(*) statement into *n (left 0 on failure). */
int st_count(struct store *st, struct db_stmt *s, int64_t *n, struct error *e);

/* Begin a write transaction / commit / roll back. */
int st_begin(struct store *st, struct error *e);
int st_commit(struct store *st, struct error *e);
void st_rollback(struct store *st);

/* Create dir and its parents (mode 0750); 0, or -1 with ERR_IO. */
int st_mkdir_p(const char *dir, struct error *e);

/* Copy a column's text into buf of size n (truncating safely). */
void st_col_copy(struct store *st, struct db_stmt *s, int c, char *buf, size_t n);

/* The audit chain of a region code: its province ("54"), or "00". */
void st_chain_of(const char *region_code, char chain[3]);

/*
 * Append an event to chain inside the current transaction: action such as
 * "org.create", the object it concerns, and its canonical data (the row as
 * it now stands, for objects whose rows verify checks).
 */
int st_audit(struct store *st, const struct actor *a, const char *chain,
	     const char *action, const char *object_type, const char *object_id,
	     const char *data, struct error *e);

/* An empty chain's previous hash. */
#define ST_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* The hash of one audit event: SHA-256 of prev and the event's canonical
 * text (store.c); verify recomputes it the same way. */
void st_audit_hash(const char *prev, const char *chain, int64_t seq, const char *at,
		   int64_t actor_id, const char *actor, const char *action,
		   const char *otype, const char *oid, const char *data, char out[65]);

/* A bigger page cache for a bulk job (on = 1) and back (SQLite; PostgreSQL
 * has nothing to do). */
int st_bulk_cache(struct store *st, int on, struct error *e);

/*
 * Append the event of an object whose canonical text is in snap (freed
 * here, whatever happens) to the chain of region ("" for national data).
 */
int st_audit_snap(struct store *st, const struct actor *a, const char *region,
		  const char *action, const char *object_type, int64_t id, struct sbuf *snap,
		  struct error *e);

/* Canonical snapshots, the same at write time and at verify time. */
void st_snap_org(const struct org *o, struct sbuf *b);
void st_snap_user(const struct user *u, struct sbuf *b);
void st_snap_industry(const struct industry *i, struct sbuf *b);
void st_snap_hazard(const struct hazard *h, struct sbuf *b);

/* Row readers for the column lists of stmts.c. */
void st_read_org(struct store *st, struct db_stmt *s, struct org *o);
void st_read_user(struct store *st, struct db_stmt *s, struct user *u);
void st_read_industry(struct store *st, struct db_stmt *s, struct industry *i);
void st_read_hazard(struct store *st, struct db_stmt *s, struct hazard *h);

/*
 * Recompute the risk colour of enterprise id (store_risk.c) inside the
 * caller's transaction: red while a major hazard is open, else the highest
 * level of its active risk points, else none.
 */
int st_risk_colour_refresh(struct store *st, int64_t enterprise_id, struct error *e);

/* The ids statement `which` lists for its one parameter $1 (an id), into a
 * malloc'ed *ids of *n (free it; NULL when none). */
int st_ids_of(struct store *st, enum stmt_id which, int64_t of, int64_t **ids, size_t *n,
	      struct error *e);

/*
 * An org update moved enterprise org_id from (from_region, from_industry)
 * to its new region and industry (to_*; industry 0 none). The rows that
 * copy an enterprise's region and industry for scope and counts follow,
 * in the update's transaction: its hazards (the kept counts follow by
 * their triggers), risk points (risk_counts), check items and tasks, and
 * the count of the enterprise's colour (colour_counts); each hazard, risk
 * point and item is audited in its new state.
 */
int st_hazards_follow_org(struct store *st, const struct actor *a, int64_t org_id,
			  const char *to_region, int64_t to_industry, struct error *e);
int st_risks_follow_org(struct store *st, const struct actor *a, int64_t org_id,
			const char *from_region, int64_t from_industry, const char *to_region,
			int64_t to_industry, const char *colour, struct error *e);

/*
 * Every risk point (otype "risk_point") or check item ("check_item") in id
 * order with its canonical snapshot, for audit verify; cb returns non-zero
 * to stop. The snapshot is borrowed for the call.
 */
int st_risk_rows(struct store *st, const char *otype,
		 int (*cb)(int64_t id, const struct sbuf *snap, void *), void *arg, struct error *e);

/*
 * Every inspection in id order with its canonical snapshot (inspectors
 * included), for audit verify; cb returns non-zero to stop. The snapshot
 * is borrowed for the call.
 */
int st_inspection_rows(struct store *st, int (*cb)(int64_t id, const struct sbuf *snap, void *),
		       void *arg, struct error *e);

/* Load o->industries from org_industries. */
int st_org_load_industries(struct store *st, struct org *o, struct error *e);

/* SHA-256 hex (65 bytes with NUL) of n bytes. */
void st_sha256_hex(const void *p, size_t n, char out[65]);
/* The files of progress report r->id into r. */
int st_task_report_files(struct store *st, struct task_report *r, struct error *e);

/* A scope that sees everything (verify, the command line). */
void st_scope_all(struct scope *s);

#endif
