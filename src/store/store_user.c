/* store_user.c — users, login bookkeeping and sessions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

void
st_snap_user(const struct user *u, struct sbuf *b)
{
	char pw[65];

	/* The hash's digest, not the hash: the chain shows that the password
	 * changed without holding anything an attacker could crack. */
	st_sha256_hex(u->pw_hash, strlen(u->pw_hash), pw);
	sbuf_kv(b, "login", u->login);
	sbuf_kv(b, "name", u->name);
	sbuf_kv(b, "phone", u->phone);
	sbuf_kv(b, "role", role_names[u->role]);
	sbuf_kvi(b, "org_id", u->org_id);
	sbuf_kv(b, "password", pw);
	sbuf_kvi(b, "active", u->active);
	sbuf_kvi(b, "version", u->version);
}

void
st_read_user(struct store *st, struct db_stmt *s, struct user *u)
{
	const struct db_ops *ops = st->db->ops;
	int r;

	memset(u, 0, sizeof(*u));
	u->id = ops->col_int(s, 0);
	st_col_copy(st, s, 1, u->login, sizeof(u->login));
	st_col_copy(st, s, 2, u->name, sizeof(u->name));
	st_col_copy(st, s, 3, u->phone, sizeof(u->phone));
	r = (int)ops->col_int(s, 4);
	u->role = r >= 0 && r < ROLE__MAX ? (enum role)r : ROLE_LEADER;
	u->org_id = ops->col_int(s, 5);
	st_col_copy(st, s, 6, u->org_name, sizeof(u->org_name));
	st_col_copy(st, s, 7, u->region_code, sizeof(u->region_code));
	u->active = (int)ops->col_int(s, 8);
	u->failed_logins = (int)ops->col_int(s, 9);
	st_col_copy(st, s, 10, u->locked_until, sizeof(u->locked_until));
	st_col_copy(st, s, 11, u->pw_hash, sizeof(u->pw_hash));
	st_col_copy(st, s, 12, u->created_at, sizeof(u->created_at));
	u->version = ops->col_int(s, 13);
}

static int
user_audit(struct store *st, const struct actor *a, const char *action, const struct user *u,
	   struct error *e)
{
	struct sbuf b = { 0 };

	st_snap_user(u, &b);
	return st_audit_snap(st, a, u->region_code, action, "user", u->id, &b, e);
}

/* Run a statement that returns at most one user row. */
static int
user_one(struct store *st, struct db_stmt *s, struct user *out, const char *what,
	 struct error *e)
{
	enum db_step r;

	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		st_read_user(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no user %s", what);
	return 0;
}

int
store_user_get(struct store *st, int64_t id, struct user *out, struct error *e)
{
	struct db_stmt *s;
	char what[32];

	snprintf(what, sizeof(what), "%lld", (long long)id);
	if ((s = st_stmt(st, STMT_USER_GET, e)) == NULL || st_bindf(st, s, e, "i", id) != 0)
		return -1;
	return user_one(st, s, out, what, e);
}

int
store_user_by_login(struct store *st, const char *login, struct user *out, struct error *e)
{
	struct db_stmt *s;

	if ((s = st_stmt(st, STMT_USER_BY_LOGIN, e)) == NULL || st_bindf(st, s, e, "t", login) != 0)
		return -1;
	return user_one(st, s, out, login, e);
}

static int
user_check_org(struct store *st, const struct user *u, struct error *e)
{
	struct org o;
	struct scope all;

	if (u->org_id == 0)
		return 0;
	st_scope_all(&all);
	if (store_org_get(st, &all, u->org_id, &o, e) == 0)
		return 0;
	if (e != NULL && e->code != ERR_NOT_FOUND)
		return -1;
	return err_set(e, ERR_INVALID, "org_id", "unknown org %lld", (long long)u->org_id);
}

int
store_user_create(struct store *st, const struct actor *a, struct user *u, struct error *e)
{
	struct db_stmt *s;
	char now[TIME_LEN];
	enum db_step r;

	if (st_begin(st, e) != 0)
		return -1;
	if (user_check_org(st, u, e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_USER_INSERT, e)) == NULL)
		goto out_rollback;
	if (st_bindf(st, s, e, "tttiTtt", u->login, u->name, u->phone, (int64_t)u->role, "", u->pw_hash, now) != 0)
		goto out_rollback;
	if (u->org_id != 0 && st->db->ops->bind_int(s, 5, u->org_id, e) != 0)
		goto out_rollback;
	if ((r = st->db->ops->step(s, e)) != DB_ROW) {
		st->db->ops->reset(s);
		if (e != NULL && e->code == ERR_CONFLICT)
			err_set(e, ERR_CONFLICT, "login", "login '%s' is taken", u->login);
		goto out_rollback;
	}
	u->id = st->db->ops->col_int(s, 0);
	st->db->ops->reset(s);
	if (store_user_get(st, u->id, u, e) != 0 || user_audit(st, a, "user.create", u, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_user_update(struct store *st, const struct actor *a, struct user *u, struct error *e)
{
	struct db_stmt *s;
	struct user cur;
	char now[TIME_LEN];

	if (st_begin(st, e) != 0)
		return -1;
	if (store_user_get(st, u->id, &cur, e) != 0)
		goto out_rollback;
	if (cur.version != u->version) {
		err_set(e, ERR_STALE, "version", "user %lld is at version %lld, not %lld",
			(long long)u->id, (long long)cur.version, (long long)u->version);
		goto out_rollback;
	}
	if (user_check_org(st, u, e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_USER_UPDATE, e)) == NULL ||
	    st_bindf(st, s, e, "ittintiitti", u->id, u->name, u->phone, (int64_t)u->role,
		     u->pw_hash, (int64_t)(u->active != 0),
		     (int64_t)u->failed_logins, u->locked_until, now, u->version) != 0)
		goto out_rollback;
	/* org_id ($5) is NULL for none: re-bind it when there is one. */
	if (u->org_id != 0 && st->db->ops->bind_int(s, 5, u->org_id, e) != 0)
		goto out_rollback;
	if (st_exec_one(st, s, "the user", e) != 0)
		goto out_rollback;
	/* A disabled account or a new password ends every session. */
	if (!u->active || strcmp(cur.pw_hash, u->pw_hash) != 0) {
		if ((s = st_stmt(st, STMT_SESSION_DELETE_USER, e)) == NULL ||
		    st_bindf(st, s, e, "i", u->id) != 0 || st_exec(st, s, e) != 0)
			goto out_rollback;
	}
	if (store_user_get(st, u->id, u, e) != 0 || user_audit(st, a, "user.update", u, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

static int
user_bind_filter(struct store *st, struct db_stmt *s, const struct user_filter *f,
		 struct error *e)
{
	return st_bindf(st, s, e, "iit", f->org_id, (int64_t)f->role, f->q);
}

int
store_user_list(struct store *st, const struct user_filter *f,
		int (*cb)(const struct user *, void *), void *arg, int64_t *total, int *more,
		struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct user u;
	enum db_step r = DB_DONE;
	int n = 0, limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50;

	if (more)
		*more = 0;
	if (total != NULL) {
		if ((s = st_stmt(st, STMT_USER_COUNT, e)) == NULL || user_bind_filter(st, s, f, e) != 0)
			return -1;
		r = ops->step(s, e);
		*total = r == DB_ROW ? ops->col_int(s, 0) : 0;
		ops->reset(s);
		if (r == DB_ERROR)
			return -1;
	}
	if ((s = st_stmt(st, STMT_USER_LIST, e)) == NULL || user_bind_filter(st, s, f, e) != 0 ||
	    ops->bind_int(s, 4, f->after_id, e) != 0 || ops->bind_int(s, 5, limit + 1, e) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		st_read_user(st, s, &u);
		if (cb(&u, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

static int
login_event(struct store *st, int64_t id, const char *action, const char *data,
	    struct error *e)
{
	struct user u;
	struct actor a = { .user_id = id };
	char oid[32], chain[3];

	if (store_user_get(st, id, &u, e) != 0)
		return -1;
	snprintf(a.login, sizeof(a.login), "%s", u.login);
	snprintf(oid, sizeof(oid), "%lld", (long long)id);
	st_chain_of(u.region_code, chain);
	return st_audit(st, &a, chain, action, "session", oid, data, e);
}

int
store_user_login_failed(struct store *st, int64_t id, int max_failures, const char *lock_until,
			int *locked, struct error *e)
{
	struct db_stmt *s;
	struct sbuf b = { 0 };
	enum db_step r;
	int failures = 0;

	*locked = 0;
	if (st_begin(st, e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_USER_LOGIN_FAILED, e)) == NULL ||
	    st_bindf(st, s, e, "iit", id, (int64_t)max_failures, lock_until) != 0)
		goto out_rollback;
	if ((r = st->db->ops->step(s, e)) != DB_ROW) {
		st->db->ops->reset(s);
		if (r == DB_DONE)
			err_set(e, ERR_NOT_FOUND, "id", "no user %lld", (long long)id);
		goto out_rollback;
	}
	failures = (int)st->db->ops->col_int(s, 0);
	*locked = st->db->ops->col_text(s, 1)[0] != '\0';
	st->db->ops->reset(s);
	sbuf_kvi(&b, "failures", failures);
	sbuf_kvi(&b, "locked", *locked);
	if (login_event(st, id, "session.login_failed", sbuf_str(&b), e) != 0)
		goto out_rollback;
	sbuf_free(&b);
	return st_commit(st, e);
out_rollback:
	sbuf_free(&b);
	st_rollback(st);
	return -1;
}

int
store_user_login_ok(struct store *st, int64_t id, struct error *e)
{
	struct db_stmt *s;

	if (st_begin(st, e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_USER_LOGIN_OK, e)) == NULL || st_bindf(st, s, e, "i", id) != 0 ||
	    st_exec(st, s, e) != 0 || login_event(st, id, "session.login", "", e) != 0) {
		st_rollback(st);
		return -1;
	}
	return st_commit(st, e);
}

int
store_session_create(struct store *st, const char *token_hash, int64_t user_id,
		     const char *expires_at, struct error *e)
{
	struct db_stmt *s;
	char now[TIME_LEN];

	store_now(now, sizeof(now));
	if (st_begin(st, e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_SESSION_PURGE, e)) == NULL || st_bindf(st, s, e, "t", now) != 0 ||
	    st_exec(st, s, e) != 0 ||
	    (s = st_stmt(st, STMT_SESSION_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "titt", token_hash, user_id, now, expires_at) != 0 ||
	    st_exec(st, s, e) != 0) {
		st_rollback(st);
		return -1;
	}
	return st_commit(st, e);
}

int
store_session_user(struct store *st, const char *token_hash, struct user *out, struct error *e)
{
	struct db_stmt *s;
	char now[TIME_LEN];

	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_SESSION_GET, e)) == NULL ||
	    st_bindf(st, s, e, "tt", token_hash, now) != 0)
		return -1;
	if (user_one(st, s, out, "for this session", e) != 0)
		return e && e->code == ERR_NOT_FOUND
			   ? err_set(e, ERR_UNAUTHORIZED, NULL, "no live session")
			   : -1;
	return 0;
}

int
store_session_delete(struct store *st, const char *token_hash, struct error *e)
{
	struct db_stmt *s;

	if ((s = st_stmt(st, STMT_SESSION_DELETE, e)) == NULL ||
	    st_bindf(st, s, e, "t", token_hash) != 0)
		return -1;
	return st_exec(st, s, e);
}
