/*
 * db_pg.c — the PostgreSQL backend of the db port, over libpq. The only file
 * that includes libpq-fe.h.
 *
 * Statements are prepared lazily, per connection, on their first execution,
 * with the parameter types bound that time (a NULL lets the server infer).
 * Parameters travel as text and results come back as text; the whole result
 * is fetched at once, so statements may be nested freely. A failed
 * statement inside a transaction aborts it on the server: rollback always
 * brings the connection back to idle. Backup and restore run pg_dump and
 * pg_restore, spawned directly (never through a shell).
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "store/db.h"

extern char **environ;

/* Parameter type OIDs (catalog/pg_type_d.h, which is server-side only). */
enum {
	PG_OID_INFER = 0,
	PG_OID_INT8 = 20,
	PG_OID_TEXT = 25,
	PG_OID_FLOAT8 = 701,
};

#define PG_PARAMS_MAX 64

struct db_stmt {
	struct db_pg *owner;
	enum stmt_id id;
	int nparams;                        /* highest $n in the text; -1 unknown */
	int prepared;
	char *values[PG_PARAMS_MAX];        /* owned; NULL is SQL NULL */
	Oid types[PG_PARAMS_MAX];
	PGresult *res;
	int executed;
	int row;                            /* current row, -1 before the first */
	int64_t changes;
};

struct db_pg {
	struct db base;                     /* first: the port */
	PGconn *conn;
	char *url;                          /* as given: pg_dump connects with it */
	char *url_shown;                    /* the URL without its password */
	struct db_stmt stmts[STMT__MAX];
};

static const char *
pg_text_of(enum stmt_id id)
{
	return stmt_texts[id].pg != NULL ? stmt_texts[id].pg : stmt_texts[id].sqlite;
}

/* Notices (e.g. "relation already exists, skipping") are not errors and must
 * not reach the caller's stderr. */
static void
pg_notice_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Copy a libpq message into buf on one line, without the trailing newline. */
static const char *
pg_one_line(const char *msg, char *buf, size_t len)
{
	size_t j = 0;

	if (msg == NULL || *msg == '\0')
		msg = "unknown error";
	for (size_t i = 0; msg[i] != '\0' && j + 1 < len; i++) {
		char c = msg[i];

		if (c == '\n' || c == '\t' || c == '\r')
			c = ' ';
		if (c == ' ' && (j == 0 || buf[j - 1] == ' '))
			continue;
		buf[j++] = c;
	}
	while (j > 0 && buf[j - 1] == ' ')
		j--;
	buf[j] = '\0';
	return buf;
}

/*
 * A copy of url fit for messages and logs: the password of a URI's user
 * info and any password=… parameter (URI query or key=value string) are
 * left out. Caller frees; NULL when out of memory.
 */
static char *
pg_url_redact(const char *url)
{
	size_t n = strlen(url), j = 0;
	char *out = malloc(n + 1);
	const char *p = url, *auth_end = NULL, *at = NULL;
	int uri = 0;

	if (out == NULL)
		return NULL;
	if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
		uri = 1;
		p = strstr(url, "://") + 3;
		auth_end = p + strcspn(p, "/?#");
		for (const char *q = p; q < auth_end; q++)
			if (*q == '@')
				at = q;
	}
	for (size_t i = 0; i < n;) {
		const char *c = url + i;
		int boundary = (i == 0 || url[i - 1] == '?' || url[i - 1] == '&' ||
				url[i - 1] == ' ');

		/* user:password@ → user@ */
		if (uri && at != NULL && c >= p && c < at && *c == ':') {
			i = (size_t)(at - url);
			continue;
		}
		if (boundary && strncmp(c, "password", 8) == 0) {
			size_t k = i + 8;

			while (k < n && url[k] == ' ')
				k++;
			if (k < n && url[k] == '=') {
				/* skip the key, the value and one separator */
				k++;
				while (k < n && url[k] == ' ')
					k++;
				if (!uri && k < n && url[k] == '\'') {
					for (k++; k < n && url[k] != '\''; k++)
						if (url[k] == '\\' && k + 1 < n)
							k++;
					if (k < n)
						k++;
				} else {
					while (k < n && url[k] != (uri ? '&' : ' ') && url[k] != '#')
						k++;
				}
				if (k < n && (url[k] == '&' || url[k] == ' '))
					k++;
				i = k;
				continue;
			}
		}
		out[j++] = url[i++];
	}
	while (j > 0 && (out[j - 1] == '&' || out[j - 1] == '?' || out[j - 1] == ' '))
		j--;
	out[j] = '\0';
	return out;
}

/* The error of a failed result (or of the connection when res is NULL):
 * SQLSTATE class 23, integrity constraint violation, is a conflict. */
static int
pg_err(struct db_pg *d, const PGresult *res, struct error *e, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	enum err_code code = ERR_STORE;
	char line[ERR_MESSAGE_MAX];

	if (state != NULL && strncmp(state, "23", 2) == 0)
		code = ERR_CONFLICT;
	if (msg == NULL)
		msg = res ? PQresultErrorMessage(res) : NULL;
	if (msg == NULL || *msg == '\0')
		msg = PQerrorMessage(d->conn);
	return err_set(e, code, NULL, "%s: %s", what, pg_one_line(msg, line, sizeof(line)));
}

/* Statements prepared on a connection that was lost are gone with it. */
static void
pg_forget_prepared(struct db_pg *d)
{
	for (int i = 0; i < STMT__MAX; i++)
		d->stmts[i].prepared = 0;
}

/* Session settings every connection needs; run after (re)connecting. */
static int
pg_session_setup(struct db_pg *d, struct error *e)
{
	PGresult *res;
	int rc = 0;

	PQsetNoticeProcessor(d->conn, pg_notice_quiet, NULL);
	if (PQsetClientEncoding(d->conn, "UTF8") != 0)
		return pg_err(d, NULL, e, "cannot set client encoding");
	/* Custom plans always: the named statements take optional filters as
	 * parameters ($4 = 0 OR …), and the generic plan PostgreSQL switches to
	 * after five executions reads whole tables for them (measured: city
	 * statistics 24 ms, then 9.4 s from the second request on). */
	res = PQexec(d->conn, "SET TIME ZONE 'UTC'; SET plan_cache_mode = force_custom_plan");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_err(d, res, e, "cannot set up the session");
	PQclear(res);
	return rc;
}

/*
 * Outside a transaction, a connection the server dropped (restart, idle
 * timeout) is re-established once; inside one there is nothing to save.
 */
static int
pg_ensure(struct db_pg *d, struct error *e)
{
	if (PQstatus(d->conn) == CONNECTION_OK)
		return 0;
	if (d->base.in_tx)
		return pg_err(d, NULL, e, "connection lost");
	pg_forget_prepared(d);
	PQreset(d->conn);
	if (PQstatus(d->conn) != CONNECTION_OK)
		return pg_err(d, NULL, e, "cannot reconnect");
	return pg_session_setup(d, e);
}

static int
pg_exec(struct db *db, const char *sql, struct error *e)
{
	struct db_pg *d = (struct db_pg *)db;
	PGresult *res;
	ExecStatusType st;
	int rc = 0;

	if (pg_ensure(d, e) != 0)
		return -1;
	res = PQexec(d->conn, sql);
	st = PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
		rc = pg_err(d, res, e, "cannot run sql");
	PQclear(res);
	return rc;
}

/* The highest $n in sql, outside quoted literals and identifiers. */
static int
pg_count_params(const char *sql)
{
	int max = 0;
	char quote = 0;

	for (const char *p = sql; *p != '\0'; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			continue;
		}
		if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			int n = 0;

			while (p[1] >= '0' && p[1] <= '9' && n < 1000)
				n = n * 10 + (*++p - '0');
			if (n > max)
				max = n;
		}
	}
	return max;
}

static void
pg_unbind(struct db_stmt *s)
{
	for (int i = 0; i < PG_PARAMS_MAX; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
		s->types[i] = PG_OID_INFER;
	}
}

static void
pg_reset(struct db_stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	s->executed = 0;
	s->row = -1;
}

static struct db_stmt *
pg_stmt(struct db *db, enum stmt_id id, struct error *e)
{
	struct db_pg *d = (struct db_pg *)db;
	struct db_stmt *s;

	assert((int)id >= 0 && id < STMT__MAX);
	s = &d->stmts[id];
	if (s->nparams < 0) {
		s->nparams = pg_count_params(pg_text_of(id));
		if (s->nparams > PG_PARAMS_MAX) {
			err_set(e, ERR_INTERNAL, NULL, "%s: more than %d parameters",
				stmt_texts[id].name, PG_PARAMS_MAX);
			s->nparams = -1;
			return NULL;
		}
	}
	pg_reset(s);
	pg_unbind(s);
	s->changes = 0;
	return s;
}

/* Take ownership of v (a malloc'd string, or NULL for SQL NULL) as $n. */
static int
pg_bind(struct db_stmt *s, int n, char *v, Oid type, int is_null, struct error *e)
{
	if (n <= 0 || n > s->nparams) {
		free(v);
		return err_set(e, ERR_INTERNAL, NULL, "%s: no parameter $%d",
			       stmt_texts[s->id].name, n);
	}
	if (v == NULL && !is_null)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	free(s->values[n - 1]);
	s->values[n - 1] = v;
	s->types[n - 1] = type;
	return 0;
}

static int
pg_bind_text(struct db_stmt *s, int n, const char *v, struct error *e)
{
	if (v == NULL)
		return pg_bind(s, n, NULL, PG_OID_TEXT, 1, e);
	return pg_bind(s, n, strdup(v), PG_OID_TEXT, 0, e);
}

static int
pg_bind_int(struct db_stmt *s, int n, int64_t v, struct error *e)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	return pg_bind(s, n, strdup(buf), PG_OID_INT8, 0, e);
}

static int
pg_bind_double(struct db_stmt *s, int n, double v, struct error *e)
{
	char buf[40];

	/* 17 significant digits read back as the same double */
	snprintf(buf, sizeof(buf), "%.17g", v);
	return pg_bind(s, n, strdup(buf), PG_OID_FLOAT8, 0, e);
}

static int
pg_bind_null(struct db_stmt *s, int n, struct error *e)
{
	return pg_bind(s, n, NULL, PG_OID_INFER, 1, e);
}

/* Prepare s under its name with the types bound now. */
static int
pg_prepare(struct db_stmt *s, struct error *e)
{
	struct db_pg *d = s->owner;
	PGresult *res;
	int rc = 0;

	res = PQprepare(d->conn, stmt_texts[s->id].name, pg_text_of(s->id),
			s->nparams, s->types);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_err(d, res, e, stmt_texts[s->id].name);
	else
		s->prepared = 1;
	PQclear(res);
	return rc;
}

static enum db_step
pg_execute(struct db_stmt *s, struct error *e)
{
	struct db_pg *d = s->owner;
	ExecStatusType st;
	const char *tuples;

	if (pg_ensure(d, e) != 0)
		return DB_ERROR;
	if (!s->prepared && pg_prepare(s, e) != 0)
		return DB_ERROR;
	s->res = PQexecPrepared(d->conn, stmt_texts[s->id].name, s->nparams,
				(const char *const *)s->values, NULL, NULL, 0);
	s->executed = 1;
	s->row = -1;
	st = PQresultStatus(s->res);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		pg_err(d, s->res, e, stmt_texts[s->id].name);
		pg_reset(s);
		s->executed = 1;
		return DB_ERROR;
	}
	tuples = PQcmdTuples(s->res);
	s->changes = (tuples != NULL && *tuples != '\0') ? strtoll(tuples, NULL, 10) : 0;
	return DB_DONE;
}

static enum db_step
pg_step(struct db_stmt *s, struct error *e)
{
	if (!s->executed) {
		if (pg_execute(s, e) != DB_DONE)
			return DB_ERROR;
	}
	if (s->res == NULL)
		return DB_DONE;
	if (s->row + 1 < PQntuples(s->res)) {
		s->row++;
		return DB_ROW;
	}
	s->row = PQntuples(s->res);
	return DB_DONE;
}

static int
pg_row_ok(const struct db_stmt *s, int c)
{
	return s->res != NULL && s->row >= 0 && s->row < PQntuples(s->res) &&
	       c >= 0 && c < PQnfields(s->res);
}

static int
pg_col_isnull(struct db_stmt *s, int c)
{
	return !pg_row_ok(s, c) || PQgetisnull(s->res, s->row, c);
}

static const char *
pg_col_text(struct db_stmt *s, int c)
{
	/* libpq gives "" for a NULL */
	return pg_row_ok(s, c) ? PQgetvalue(s->res, s->row, c) : "";
}

static int64_t
pg_col_int(struct db_stmt *s, int c)
{
	const char *t = pg_col_text(s, c);

	/* booleans, should a column ever be one, read as SQLite's 1/0 */
	if (t[0] == 't' && t[1] == '\0')
		return 1;
	return strtoll(t, NULL, 10);
}

static double
pg_col_double(struct db_stmt *s, int c)
{
	return strtod(pg_col_text(s, c), NULL);
}

static int
pg_col_count(struct db_stmt *s)
{
	return s->res != NULL ? PQnfields(s->res) : 0;
}

static int64_t
pg_changes(struct db_stmt *s)
{
	return s->changes;
}

/* Run one transaction-control command; its result is only its status. */
static int
pg_command(struct db_pg *d, const char *sql, const char *what, struct error *e)
{
	PGresult *res = PQexec(d->conn, sql);
	int rc = 0;

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_err(d, res, e, what);
	PQclear(res);
	return rc;
}

static int
pg_begin(struct db *db, int write, struct error *e)
{
	struct db_pg *d = (struct db_pg *)db;

	/* Writes: READ COMMITTED, as appends to an audit chain lock its head
	 * row (SELECT … FOR UPDATE in the statement text). Reads: one snapshot
	 * for every statement, so that numbers read together agree. */
	if (pg_ensure(d, e) != 0)
		return -1;
	if (PQtransactionStatus(d->conn) != PQTRANS_IDLE)
		return err_set(e, ERR_STORE, NULL,
			       "cannot begin: a transaction is already open");
	if (pg_command(d, write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
		       "cannot begin", e) != 0)
		return -1;
	db->in_tx = 1;
	return 0;
}

static void
pg_rollback(struct db *db)
{
	struct db_pg *d = (struct db_pg *)db;
	PGTransactionStatusType ts;

	for (int i = 0; i < STMT__MAX; i++)
		pg_reset(&d->stmts[i]);
	ts = PQtransactionStatus(d->conn);
	if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR)
		pg_command(d, "ROLLBACK", "cannot roll back", NULL);
	if (PQtransactionStatus(d->conn) != PQTRANS_IDLE) {
		/* the server cannot be reached or is mid-command: start over, and
		 * the server rolls the transaction back with the old session */
		pg_forget_prepared(d);
		PQreset(d->conn);
		if (PQstatus(d->conn) == CONNECTION_OK)
			pg_session_setup(d, NULL);
	}
	db->in_tx = 0;
}

static int
pg_commit(struct db *db, struct error *e)
{
	struct db_pg *d = (struct db_pg *)db;
	PGresult *res;
	int rc = 0;

	/* COMMIT of an aborted transaction "succeeds" as a ROLLBACK */
	if (PQtransactionStatus(d->conn) == PQTRANS_INERROR) {
		pg_rollback(db);
		return err_set(e, ERR_STORE, NULL,
			       "cannot commit: the transaction was aborted by an earlier error");
	}
	res = PQexec(d->conn, "COMMIT");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = pg_err(d, res, e, "cannot commit");
	else if (strcmp(PQcmdStatus(res), "COMMIT") != 0)
		rc = err_set(e, ERR_STORE, NULL, "cannot commit: the server rolled back");
	PQclear(res);
	if (rc != 0 || PQtransactionStatus(d->conn) != PQTRANS_IDLE)
		pg_rollback(db);
	db->in_tx = 0;
	return rc;
}

/*
 * Run argv[0] (looked up in PATH, no shell) with stdin from /dev/null and
 * stdout and stderr into a pipe, wait for it, and return 0 when it exits 0.
 * Otherwise fill e with what and the first line the program wrote.
 */
static int
pg_run(char *const argv[], const char *what, struct error *e)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int pfd[2], status = 0, rc = -1, err;
	char out[512], line[ERR_MESSAGE_MAX];
	size_t used = 0;
	ssize_t got;
	char sink[256];

	if (pipe2(pfd, O_CLOEXEC) != 0)
		return err_set(e, ERR_IO, NULL, "%s: cannot create a pipe: %s", what,
			       strerror(errno));
	if ((err = posix_spawn_file_actions_init(&fa)) != 0) {
		err_set(e, ERR_INTERNAL, NULL, "%s: %s", what, strerror(err));
		goto out_close_pipe;
	}
	if ((err = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)) != 0 ||
	    (err = posix_spawn_file_actions_adddup2(&fa, pfd[1], 1)) != 0 ||
	    (err = posix_spawn_file_actions_adddup2(&fa, pfd[1], 2)) != 0
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
	    /* the server's sockets and files are none of pg_dump's business */
	    || (err = posix_spawn_file_actions_addclosefrom_np(&fa, 3)) != 0
#endif
	    ) {
		err_set(e, ERR_INTERNAL, NULL, "%s: %s", what, strerror(err));
		goto out_destroy_fa;
	}
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	if (err != 0) {
		err_set(e, ERR_IO, NULL, "%s: cannot run %s: %s", what, argv[0], strerror(err));
		goto out_destroy_fa;
	}
	close(pfd[1]);
	pfd[1] = -1;
	/* keep the start of what it says; drain the rest so it never blocks */
	for (;;) {
		if (used + 1 < sizeof(out))
			got = read(pfd[0], out + used, sizeof(out) - 1 - used);
		else
			got = read(pfd[0], sink, sizeof(sink));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		if (used + 1 < sizeof(out))
			used += (size_t)got;
	}
	out[used] = '\0';
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			err_set(e, ERR_INTERNAL, NULL, "%s: cannot wait for %s: %s", what,
				argv[0], strerror(errno));
			goto out_destroy_fa;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		rc = 0;
	} else {
		out[strcspn(out, "\n")] = '\0';
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && used == 0)
			snprintf(out, sizeof(out), "%s not found", argv[0]);
		else if (used == 0)
			snprintf(out, sizeof(out), "%s %s %d", argv[0],
				 WIFEXITED(status) ? "exited" : "killed by signal",
				 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		err_set(e, ERR_STORE, NULL, "%s: %s", what, pg_one_line(out, line, sizeof(line)));
	}
out_destroy_fa:
	posix_spawn_file_actions_destroy(&fa);
out_close_pipe:
	close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
	return rc;
}

/* "--opt=value" in a buffer the caller frees; NULL when out of memory. */
static char *
pg_opt(const char *opt, const char *value)
{
	size_t n = strlen(opt) + strlen(value) + 1;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s%s", opt, value);
	return s;
}

static int
pg_backup(struct db *db, const char *path, struct error *e)
{
	struct db_pg *d = (struct db_pg *)db;
	char *file = pg_opt("--file=", path);
	char *dbname = pg_opt("--dbname=", d->url);
	char what[ERR_MESSAGE_MAX / 2];
	int rc = -1, fd;

	if (file == NULL || dbname == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	/* create it first: a path we cannot write is the caller's error, not
	 * the database's, and a backup holds password hashes (0600) */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		err_set(e, ERR_IO, "file", "cannot create '%s': %s", path, strerror(errno));
		goto out_free;
	}
	close(fd);
	{
		char *argv[] = { "pg_dump", "--format=custom", "--no-owner", file, dbname, NULL };

		snprintf(what, sizeof(what), "cannot back up to '%s'", path);
		rc = pg_run(argv, what, e);
	}
out_free:
	free(dbname);
	free(file);
	return rc;
}

static void
pg_close(struct db *db)
{
	struct db_pg *d = (struct db_pg *)db;

	if (d == NULL)
		return;
	for (int i = 0; i < STMT__MAX; i++) {
		pg_reset(&d->stmts[i]);
		pg_unbind(&d->stmts[i]);
	}
	PQfinish(d->conn);
	free(d->url_shown);
	free(d->url);
	free(d);
}

static const struct db_ops pg_ops = {
	.exec = pg_exec,
	.stmt = pg_stmt,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.bind_double = pg_bind_double,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_isnull = pg_col_isnull,
	.col_text = pg_col_text,
	.col_int = pg_col_int,
	.col_double = pg_col_double,
	.col_count = pg_col_count,
	.changes = pg_changes,
	.reset = pg_reset,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.backup = pg_backup,
	.close = pg_close,
};

/*
 * Connect to PostgreSQL at url (a URI or key=value string) in UTC and UTF-8.
 * The caller frees with ops->close. NULL with ERR_STORE, field "pg", when
 * the server cannot be reached; the message never shows the password.
 */
struct db *
db_pg_open(const char *url, struct error *e)
{
	/* url may be a URI or key=value string; expand_dbname parses either,
	 * and the client encoding given after it wins over one inside it */
	const char *const keys[] = { "dbname", "fallback_application_name",
				     "client_encoding", NULL };
	const char *const values[] = { url, "hazardnet", "UTF8", NULL };
	struct db_pg *d = calloc(1, sizeof(*d));
	char line[ERR_MESSAGE_MAX];

	if (d == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	d->base.ops = &pg_ops;
	d->base.kind = DB_PG;
	for (int i = 0; i < STMT__MAX; i++) {
		d->stmts[i].owner = d;
		d->stmts[i].id = (enum stmt_id)i;
		d->stmts[i].nparams = -1;
		d->stmts[i].row = -1;
	}
	d->url = strdup(url);
	d->url_shown = pg_url_redact(url);
	if (d->url == NULL || d->url_shown == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_fail;
	}
	d->conn = PQconnectdbParams(keys, values, 1);
	if (d->conn == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_fail;
	}
	if (PQstatus(d->conn) != CONNECTION_OK) {
		err_set(e, ERR_STORE, "pg", "cannot connect to '%s': %s", d->url_shown,
			pg_one_line(PQerrorMessage(d->conn), line, sizeof(line)));
		goto out_fail;
	}
	if (pg_session_setup(d, e) != 0)
		goto out_fail;
	return &d->base;
out_fail:
	pg_close(&d->base);
	return NULL;
}

/*
 * Replace the contents of the database at url with the pg_dump archive from
 * (made by the backup op), in one transaction: on failure nothing changed.
 * ERR_IO (field "file") when from cannot be read, ERR_INVALID when it is
 * not such an archive, ERR_STORE when pg_restore fails.
 */
int
db_pg_restore(const char *url, const char *from, struct error *e)
{
	char magic[5];
	char *dbname = NULL;
	char what[ERR_MESSAGE_MAX / 2];
	FILE *f;
	size_t got;
	int rc = -1;

	/* a custom-format archive starts with "PGDMP"; refuse anything else
	 * before pg_restore touches the database */
	if (access(from, R_OK) != 0 || (f = fopen(from, "rb")) == NULL)
		return err_set(e, ERR_IO, "file", "cannot read '%s': %s", from, strerror(errno));
	got = fread(magic, 1, sizeof(magic), f);
	fclose(f);
	if (got != sizeof(magic) || memcmp(magic, "PGDMP", sizeof(magic)) != 0)
		return err_set(e, ERR_INVALID, "file", "'%s' is not a hazardnet backup", from);
	if ((dbname = pg_opt("--dbname=", url)) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	{
		char *argv[] = { "pg_restore", "--clean", "--if-exists", "--no-owner",
				 "--single-transaction", dbname, "--", (char *)from, NULL };

		snprintf(what, sizeof(what), "cannot restore from '%s'", from);
		rc = pg_run(argv, what, e);
	}
	free(dbname);
	return rc;
}
