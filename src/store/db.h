/*
 * db.h — the storage backends' port (private to store/). A backend embeds
 * struct db first and fills the ops vtable; the store's domain functions are
 * written once against it (lwan's database.c). Statements are named by enum
 * stmt_id (stmts.h) and prepared once per connection; parameters are always
 * bound, numbered from 1 as $1, $2, … in the SQL text of both dialects.
 */
#ifndef HN_DB_H
#define HN_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "store/stmts.h"

struct db;
struct db_stmt;

enum db_kind { DB_SQLITE, DB_PG };

enum db_step { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1 };

struct db_ops {
	/* Run a script of one or more statements with no parameters (migrations). */
	int (*exec)(struct db *db, const char *sql, struct error *e);
	/* The prepared statement for id, reset and with no bindings. */
	struct db_stmt *(*stmt)(struct db *db, enum stmt_id id, struct error *e);
	int (*bind_text)(struct db_stmt *s, int n, const char *v, struct error *e);
	int (*bind_int)(struct db_stmt *s, int n, int64_t v, struct error *e);
	int (*bind_double)(struct db_stmt *s, int n, double v, struct error *e);
	int (*bind_null)(struct db_stmt *s, int n, struct error *e);
	/* Execute on the first call; then one row per call. */
	enum db_step (*step)(struct db_stmt *s, struct error *e);
	/* Columns of the current row, numbered from 0. Text is borrowed until
	 * the next step/reset; NULL reads as "" / 0. */
	int (*col_isnull)(struct db_stmt *s, int c);
	const char *(*col_text)(struct db_stmt *s, int c);
	int64_t (*col_int)(struct db_stmt *s, int c);
	double (*col_double)(struct db_stmt *s, int c);
	int (*col_count)(struct db_stmt *s);
	/* Rows changed by the last completed statement. */
	int64_t (*changes)(struct db_stmt *s);
	/* Done with s: release its result, keep it prepared. */
	void (*reset)(struct db_stmt *s);
	/* write != 0 takes the write lock at once (SQLite BEGIN IMMEDIATE). */
	int (*begin)(struct db *db, int write, struct error *e);
	int (*commit)(struct db *db, struct error *e);
	void (*rollback)(struct db *db);
	/* Write a consistent copy of the whole database to path. */
	int (*backup)(struct db *db, const char *path, struct error *e);
	void (*close)(struct db *db);
};

struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	int in_tx;
	int depth;     /* nesting: 1 = the transaction, more = savepoints */
};

/* Open a SQLite database file (created when absent), WAL, FULL sync. */
/* The page cache of a SQLite connection (PRAGMA cache_size: negative, KiB). */
#define DB_SQLITE_CACHE "-16000"
struct db *db_sqlite_open(const char *path, struct error *e);

/* Connect to PostgreSQL at a libpq URL. */
struct db *db_pg_open(const char *url, struct error *e);

/* Restore: replace the database at path (SQLite) from a backup file. */
int db_sqlite_restore(const char *path, const char *from, struct error *e);

/* Copy what the WAL holds into the database file as far as readers allow,
 * without waiting for anyone (a passive checkpoint). *frames is then the
 * WAL's length in pages (0 when another checkpoint was running). */
int db_sqlite_checkpoint(struct db *db, int *frames, struct error *e);

/* Flush the WAL of the SQLite database at path to disk, through a
 * descriptor of its own (any thread, while others write): every commit
 * that returned before the call is durable when it returns 0. For a
 * connection set to synchronous=NORMAL, whose commits do not flush. */
int db_sqlite_sync_wal(const char *path, struct error *e);

/* Flush the SQLite database file at path itself (what checkpoints have
 * copied into it), the same way. */
int db_sqlite_sync_db(const char *path, struct error *e);

/* Restore a PostgreSQL database from a backup file made by its backup op. */
int db_pg_restore(const char *url, const char *from, struct error *e);

#endif
