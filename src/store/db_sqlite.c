/*
 * db_sqlite.c — the SQLite backend of the db port: WAL, foreign keys,
 * synchronous=FULL so an acknowledged commit survives a crash of the
 * process or the machine (the server's writer connection alone sets
 * NORMAL and flushes with db_sqlite_sync_wal before it answers anyone).
 * The only file that includes sqlite3.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/db.h"

struct db_stmt {
	struct db_sqlite *owner;
	sqlite3_stmt *st;
	int nparams_mapped;
	int map[64];          /* $n → SQLite parameter index */
	int64_t changes;
};

struct db_sqlite {
	struct db base;       /* first: the port */
	sqlite3 *conn;
	struct db_stmt stmts[STMT__MAX];
};

static int
sq_err(struct db_sqlite *d, struct error *e, const char *what)
{
	int rc = sqlite3_extended_errcode(d->conn);
	enum err_code code = ERR_STORE;

	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		code = ERR_CONFLICT;
	else if ((rc & 0xff) == SQLITE_BUSY)
		code = ERR_STORE;
	return err_set(e, code, NULL, "%s: %s", what, sqlite3_errmsg(d->conn));
}

static int
sq_exec(struct db *db, const char *sql, struct error *e)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	char *msg = NULL;

	if (sqlite3_exec(d->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, ERR_STORE, NULL, "cannot run sql: %s", msg ? msg : "unknown error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static struct db_stmt *
sq_stmt(struct db *db, enum stmt_id id, struct error *e)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	struct db_stmt *s = &d->stmts[id];

	if (s->st == NULL) {
		if (sqlite3_prepare_v3(d->conn, stmt_texts[id].sqlite, -1,
				       SQLITE_PREPARE_PERSISTENT, &s->st, NULL) != SQLITE_OK) {
			sq_err(d, e, stmt_texts[id].name);
			s->st = NULL;
			return NULL;
		}
		s->owner = d;
		s->nparams_mapped = 0;
		memset(s->map, 0, sizeof(s->map));
	}
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->changes = 0;
	return s;
}

/* The SQLite index of $n, looked up once per statement. */
static int
sq_index(struct db_stmt *s, int n)
{
	char name[16];

	if (n <= 0 || n >= 64)
		return 0;
	if (s->map[n] == 0) {
		snprintf(name, sizeof(name), "$%d", n);
		s->map[n] = sqlite3_bind_parameter_index(s->st, name);
		if (s->map[n] == 0)
			s->map[n] = -1;
	}
	return s->map[n] > 0 ? s->map[n] : 0;
}

static int
sq_bind_rc(struct db_stmt *s, int rc, int n, struct error *e)
{
	if (rc != SQLITE_OK)
		return err_set(e, ERR_STORE, NULL, "cannot bind $%d: %s", n,
			       sqlite3_errmsg(s->owner->conn));
	return 0;
}

static int
sq_bind_text(struct db_stmt *s, int n, const char *v, struct error *e)
{
	int i = sq_index(s, n);

	if (i == 0)
		return err_set(e, ERR_INTERNAL, NULL, "no parameter $%d", n);
	return sq_bind_rc(s, sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT), n, e);
}

static int
sq_bind_int(struct db_stmt *s, int n, int64_t v, struct error *e)
{
	int i = sq_index(s, n);

	if (i == 0)
		return err_set(e, ERR_INTERNAL, NULL, "no parameter $%d", n);
	return sq_bind_rc(s, sqlite3_bind_int64(s->st, i, v), n, e);
}

static int
sq_bind_double(struct db_stmt *s, int n, double v, struct error *e)
{
	int i = sq_index(s, n);

	if (i == 0)
		return err_set(e, ERR_INTERNAL, NULL, "no parameter $%d", n);
	return sq_bind_rc(s, sqlite3_bind_double(s->st, i, v), n, e);
}

static int
sq_bind_null(struct db_stmt *s, int n, struct error *e)
{
	int i = sq_index(s, n);

	if (i == 0)
		return err_set(e, ERR_INTERNAL, NULL, "no parameter $%d", n);
	return sq_bind_rc(s, sqlite3_bind_null(s->st, i), n, e);
}

static enum db_step
sq_step(struct db_stmt *s, struct error *e)
{
	int rc = sqlite3_step(s->st);

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE) {
		s->changes = sqlite3_changes64(s->owner->conn);
		return DB_DONE;
	}
	sq_err(s->owner, e, sqlite3_sql(s->st) ? "statement failed" : "step");
	return DB_ERROR;
}

static int
sq_col_isnull(struct db_stmt *s, int c)
{
	return sqlite3_column_type(s->st, c) == SQLITE_NULL;
}

static const char *
sq_col_text(struct db_stmt *s, int c)
{
	const unsigned char *t = sqlite3_column_text(s->st, c);

	return t ? (const char *)t : "";
}

static int64_t
sq_col_int(struct db_stmt *s, int c)
{
	return sqlite3_column_int64(s->st, c);
}

static double
sq_col_double(struct db_stmt *s, int c)
{
	return sqlite3_column_double(s->st, c);
}

static int
sq_col_count(struct db_stmt *s)
{
	return sqlite3_column_count(s->st);
}

static int64_t
sq_changes(struct db_stmt *s)
{
	return s->changes;
}

static void
sq_reset(struct db_stmt *s)
{
	sqlite3_reset(s->st);
}

static int
sq_begin(struct db *db, int write, struct error *e)
{
	if (sq_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN", e) != 0)
		return -1;
	db->in_tx = 1;
	return 0;
}

static int
sq_commit(struct db *db, struct error *e)
{
	int rc = sq_exec(db, "COMMIT", e);

	if (rc != 0) {
		sq_exec(db, "ROLLBACK", NULL);
	}
	db->in_tx = 0;
	return rc;
}

static void
sq_rollback(struct db *db)
{
	struct db_sqlite *d = (struct db_sqlite *)db;

	for (int i = 0; i < STMT__MAX; i++)
		if (d->stmts[i].st != NULL)
			sqlite3_reset(d->stmts[i].st);
	if (!sqlite3_get_autocommit(d->conn))
		sq_exec(db, "ROLLBACK", NULL);
	db->in_tx = 0;
}

static int
sq_copy(sqlite3 *from, sqlite3 *to, struct error *e)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc;

	if (b == NULL)
		return err_set(e, ERR_STORE, NULL, "cannot start backup: %s", sqlite3_errmsg(to));
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(10);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return err_set(e, ERR_STORE, NULL, "backup failed: %s", sqlite3_errstr(rc));
	return 0;
}

static int
sq_backup(struct db *db, const char *path, struct error *e)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	sqlite3 *out = NULL;
	int rc = -1;

	unlink(path);
	if (sqlite3_open_v2(path, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err_set(e, ERR_IO, "file", "cannot create '%s': %s", path,
			out ? sqlite3_errmsg(out) : "out of memory");
		goto out_close;
	}
	rc = sq_copy(d->conn, out, e);
out_close:
	sqlite3_close(out);
	return rc;
}

static void
sq_close(struct db *db)
{
	struct db_sqlite *d = (struct db_sqlite *)db;

	if (d == NULL)
		return;
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(d->stmts[i].st);
	sqlite3_close(d->conn);
	free(d);
}

static const struct db_ops sqlite_ops = {
	.exec = sq_exec,
	.stmt = sq_stmt,
	.bind_text = sq_bind_text,
	.bind_int = sq_bind_int,
	.bind_double = sq_bind_double,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_isnull = sq_col_isnull,
	.col_text = sq_col_text,
	.col_int = sq_col_int,
	.col_double = sq_col_double,
	.col_count = sq_col_count,
	.changes = sq_changes,
	.reset = sq_reset,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.backup = sq_backup,
	.close = sq_close,
};

struct db *
db_sqlite_open(const char *path, struct error *e)
{
	struct db_sqlite *d = calloc(1, sizeof(*d));

	if (d == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	d->base.ops = &sqlite_ops;
	d->base.kind = DB_SQLITE;
	if (sqlite3_open_v2(path, &d->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err_set(e, ERR_STORE, "data", "cannot open '%s': %s", path,
			d->conn ? sqlite3_errmsg(d->conn) : "out of memory");
		goto out_fail;
	}
	sqlite3_busy_timeout(d->conn, 10000);
	if (sq_exec(&d->base, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
		    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
		    "PRAGMA cache_size=" DB_SQLITE_CACHE ";", e) != 0)
		goto out_fail;
	return &d->base;
out_fail:
	sq_close(&d->base);
	return NULL;
}

int
db_sqlite_checkpoint(struct db *db, int *frames, struct error *e)
{
	struct db_sqlite *d = (struct db_sqlite *)db;
	int log = 0;
	int rc = sqlite3_wal_checkpoint_v2(d->conn, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, NULL);

	*frames = 0;
	/* Busy: another checkpoint is running; it does the work. */
	if (rc == SQLITE_BUSY)
		return 0;
	if (rc != SQLITE_OK)
		return sq_err(d, e, "checkpoint");
	*frames = log > 0 ? log : 0;
	return 0;
}

/* Flush one file to disk through a descriptor of its own. Opened anew each
 * time: the descriptor is then always that of the file now at the path,
 * never of one SQLite has since replaced. */
static int
sync_file(const char *file, struct error *e)
{
	int fd, rc;

	if ((fd = open(file, O_RDWR | O_CLOEXEC)) < 0)
		return err_set(e, ERR_IO, NULL, "cannot open '%s' to flush it: %s", file,
			       strerror(errno));
	rc = fdatasync(fd);
	if (rc != 0)
		err_set(e, ERR_IO, NULL, "the disk did not confirm '%s': %s", file, strerror(errno));
	close(fd);
	return rc == 0 ? 0 : -1;
}

int
db_sqlite_sync_wal(const char *path, struct error *e)
{
	char wal[1200];

	snprintf(wal, sizeof(wal), "%s-wal", path);
	return sync_file(wal, e);
}

int
db_sqlite_sync_db(const char *path, struct error *e)
{
	return sync_file(path, e);
}

int
db_sqlite_restore(const char *path, const char *from, struct error *e)
{
	sqlite3 *src = NULL, *dst = NULL;
	int rc = -1;

	if (access(from, R_OK) != 0)
		return err_set(e, ERR_IO, "file", "cannot read '%s'", from);
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_exec(src, "PRAGMA quick_check", NULL, NULL, NULL) != SQLITE_OK) {
		err_set(e, ERR_INVALID, "file", "'%s' is not a hazardnet backup", from);
		goto out_close;
	}
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err_set(e, ERR_STORE, "data", "cannot open '%s'", path);
		goto out_close;
	}
	sqlite3_busy_timeout(dst, 10000);
	rc = sq_copy(src, dst, e);
out_close:
	sqlite3_close(dst);
	sqlite3_close(src);
	return rc;
}
