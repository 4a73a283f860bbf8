/*
 * store.c — opening, migrating and pooling stores; binding helpers; the
 * audit chain's append. Domain functions live in store_<object>.c.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "store/store_int.h"

/* The industry taxonomy a new database starts with (DESIGN §3). */
static const struct { const char *code, *name; } seed_industries[] = {
	{ "hazchem", "危险化学品" }, { "coal", "煤矿" }, { "noncoal", "非煤矿山" },
	{ "fire", "消防" }, { "road", "道路运输" }, { "construction", "建筑施工" },
	{ "urban", "城市建设" }, { "industry_trade", "工贸" }, { "special_equipment", "特种设备" },
	{ "gas", "燃气" }, { "campus", "校园" }, { "tourism", "旅游" },
	{ "forest_fire", "森林草原防火" }, { "aviation", "民航" }, { "railway", "铁路" },
	{ "postal", "邮政" }, { "waterway", "水上交通" }, { "fishing", "渔业船舶" },
	{ "industrial_park", "工业园区" }, { "hazwaste", "危险废物" }, { "power", "电力" },
	{ "sports", "体育高危项目" }, { "pastoral", "农牧区" },
};

void
store_now(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
st_sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void
st_scope_all(struct scope *s)
{
	memset(s, 0, sizeof(*s));
	s->role = ROLE_ADMIN;
	s->all = 1;
	memcpy(s->region_lo, "000000000000", 13);
	memcpy(s->region_hi, "999999999999", 13);
}

void
store_scope_all(struct scope *s)
{
	st_scope_all(s);
}

int
st_mkdir_p(const char *dir, struct error *e)
{
	char tmp[1024];
	size_t n = strlen(dir);

	if (n == 0 || n >= sizeof(tmp))
		return err_set(e, ERR_IO, "data", "bad data directory '%s'", dir);
	memcpy(tmp, dir, n + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0750) != 0 && errno != EEXIST)
			return err_set(e, ERR_IO, "data", "cannot create '%s': %s", tmp, strerror(errno));
		*p = '/';
	}
	if (mkdir(tmp, 0750) != 0 && errno != EEXIST)
		return err_set(e, ERR_IO, "data", "cannot create '%s': %s", tmp, strerror(errno));
	return 0;
}

struct store *
store_open(const struct store_opts *o, struct error *e)
{
	struct store *st;

	if (sodium_init() < 0) {
		err_set(e, ERR_INTERNAL, NULL, "cannot initialise libsodium");
		return NULL;
	}
	if ((st = calloc(1, sizeof(*st))) == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	if (o->pg_url != NULL && o->pg_url[0] != '\0') {
		snprintf(st->pg_url, sizeof(st->pg_url), "%s", o->pg_url);
		st->db = db_pg_open(o->pg_url, e);
	} else {
		const char *dir = o->data_dir && o->data_dir[0] ? o->data_dir : "./hazardnet-data";

		if (st_mkdir_p(dir, e) != 0)
			goto out_free;
		snprintf(st->dbpath, sizeof(st->dbpath), "%s/hazardnet.db", dir);
		st->db = db_sqlite_open(st->dbpath, e);
	}
	if (st->db == NULL)
		goto out_free;
	return st;
out_free:
	free(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->db != NULL)
		st->db->ops->close(st->db);
	free(st);
}

const char *
store_backend(const struct store *st)
{
	return st->db->kind == DB_PG ? "postgresql" : "sqlite";
}

struct db_stmt *
st_stmt(struct store *st, enum stmt_id id, struct error *e)
{
	return st->db->ops->stmt(st->db, id, e);
}

int
st_bindf(struct store *st, struct db_stmt *s, struct error *e, const char *fmt, ...)
{
	const struct db_ops *ops = st->db->ops;
	va_list ap;
	int rc = 0, n = 1;
	const char *t;

	va_start(ap, fmt);
	for (const char *f = fmt; *f != '\0' && rc == 0; f++, n++) {
		switch (*f) {
		case 't':
			t = va_arg(ap, const char *);
			rc = ops->bind_text(s, n, t ? t : "", e);
			break;
		case 'T':
			t = va_arg(ap, const char *);
			rc = t && *t ? ops->bind_text(s, n, t, e) : ops->bind_null(s, n, e);
			break;
		case 'i':
			rc = ops->bind_int(s, n, va_arg(ap, int64_t), e);
			break;
		case 'd':
			rc = ops->bind_double(s, n, va_arg(ap, double), e);
			break;
		case 'n':
			rc = ops->bind_null(s, n, e);
			break;
		case '-':
			break;
		default:
			rc = err_set(e, ERR_INTERNAL, NULL, "bad bind format '%c'", *f);
		}
	}
	va_end(ap);
	return rc;
}

int
st_bind_scope(struct store *st, struct db_stmt *s, const struct scope *sc, struct error *e)
{
	return st_bindf(st, s, e, "ttii", sc->region_lo, sc->region_hi,
			(int64_t)(sc->own_org_only ? sc->org_id : 0),
			(int64_t)(sc->by_industry ? sc->org_id : 0));
}

int
st_exec(struct store *st, struct db_stmt *s, struct error *e)
{
	enum db_step r = st->db->ops->step(s, e);

	st->db->ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

/*
 * Transactions nest: the outermost begin is a real transaction (a write
 * transaction, taken at once), inner ones are savepoints. That lets a group
 * of requests share one durable commit while each keeps its own all-or-
 * nothing (see http/group.c).
 */
int
st_count(struct store *st, struct db_stmt *s, int64_t *n, struct error *e)
{
	enum db_step r = st->db->ops->step(s, e);

	*n = r == DB_ROW ? st->db->ops->col_int(s, 0) : 0;
	st->db->ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
st_exec_one(struct store *st, struct db_stmt *s, const char *what, struct error *e)
{
	enum db_step r = st->db->ops->step(s, e);
	int64_t n = st->db->ops->changes(s);

	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (n != 1)
		return err_set(e, ERR_STALE, "version", "%s was changed by someone else; reload it", what);
	return 0;
}

int
st_begin(struct store *st, struct error *e)
{
	struct db *db = st->db;

	if (db->depth == 0 && db->ops->begin(db, 1, e) != 0)
		return -1;
	if (db->depth > 0 && db->ops->exec(db, "SAVEPOINT hn", e) != 0)
		return -1;
	db->depth++;
	return 0;
}

int
st_commit(struct store *st, struct error *e)
{
	struct db *db = st->db;

	if (db->depth == 0)
		return err_set(e, ERR_INTERNAL, NULL, "commit outside a transaction");
	if (--db->depth > 0)
		return db->ops->exec(db, "RELEASE SAVEPOINT hn", e);
	return db->ops->commit(db, e);
}

void
st_rollback(struct store *st)
{
	struct db *db = st->db;

	if (db->depth == 0)
		return;
	if (--db->depth > 0) {
		db->ops->exec(db, "ROLLBACK TO SAVEPOINT hn; RELEASE SAVEPOINT hn", NULL);
		return;
	}
	db->ops->rollback(db);
}

int
store_tx_begin(struct store *st, struct error *e)
{
	return st_begin(st, e);
}

int
store_read_begin(struct store *st, struct error *e)
{
	struct db *db = st->db;

	if (db->depth > 0)
		return st_begin(st, e);
	if (db->ops->begin(db, 0, e) != 0)
		return -1;
	db->depth++;
	return 0;
}

int
store_tx_commit(struct store *st, struct error *e)
{
	return st_commit(st, e);
}

void
store_tx_rollback(struct store *st)
{
	st_rollback(st);
}

/* The page cache of a bulk job (the scheduler's task generation): its
 * pages' indexes stay in memory between its transactions; back to the
 * connection's own size afterwards, which frees the pages. */
#define BULK_CACHE "PRAGMA cache_size=-65536"
#define NORMAL_CACHE "PRAGMA cache_size=" DB_SQLITE_CACHE

int
st_bulk_cache(struct store *st, int on, struct error *e)
{
	if (st->db->kind != DB_SQLITE)
		return 0;
	return st->db->ops->exec(st->db, on ? BULK_CACHE : NORMAL_CACHE, e);
}

int
st_ids_of(struct store *st, enum stmt_id which, int64_t of, int64_t **ids, size_t *n,
	  struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;
	size_t cap = 0;

	*ids = NULL;
	*n = 0;
	if ((s = st_stmt(st, which, e)) == NULL || st_bindf(st, s, e, "i", of) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (*n == cap) {
			int64_t *nv = realloc(*ids, (cap = cap ? cap * 2 : 64) * sizeof(*nv));

			if (nv == NULL) {
				ops->reset(s);
				free(*ids);
				*ids = NULL;
				*n = 0;
				return err_set(e, ERR_INTERNAL, NULL, "out of memory");
			}
			*ids = nv;
		}
		(*ids)[(*n)++] = ops->col_int(s, 0);
	}
	ops->reset(s);
	if (r == DB_ERROR) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int
store_tx_depth(const struct store *st)
{
	return st->db->depth;
}

void
st_col_copy(struct store *st, struct db_stmt *s, int c, char *buf, size_t n)
{
	snprintf(buf, n, "%s", st->db->ops->col_text(s, c));
}

void
st_chain_of(const char *region_code, char chain[3])
{
	if (region_code != NULL && strlen(region_code) >= 2 &&
	    region_code[0] >= '0' && region_code[0] <= '9' &&
	    region_code[1] >= '0' && region_code[1] <= '9') {
		chain[0] = region_code[0];
		chain[1] = region_code[1];
	} else {
		chain[0] = chain[1] = '0';
	}
	chain[2] = '\0';
}

void
st_audit_hash(const char *prev, const char *chain, int64_t seq, const char *at,
	      int64_t actor_id, const char *actor, const char *action,
	      const char *otype, const char *oid, const char *data, char out[65])
{
	struct sbuf b = { 0 };

	sbuf_adds(&b, prev);
	sbuf_kv(&b, "chain", chain);
	sbuf_kvi(&b, "seq", seq);
	sbuf_kv(&b, "at", at);
	sbuf_kvi(&b, "actor_id", actor_id);
	sbuf_kv(&b, "actor", actor);
	sbuf_kv(&b, "action", action);
	sbuf_kv(&b, "object_type", otype);
	sbuf_kv(&b, "object_id", oid);
	sbuf_kv(&b, "data", data);
	st_sha256_hex(sbuf_str(&b), b.len, out);
	sbuf_free(&b);
}

int
st_audit(struct store *st, const struct actor *a, const char *chain,
	 const char *action, const char *object_type, const char *object_id,
	 const char *data, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	char prev[65], hash[65], at[TIME_LEN];
	int64_t seq;
	int64_t actor_id = a ? a->user_id : 0;
	const char *actor = a && a->login[0] ? a->login : "system";

	if (!st->db->in_tx)
		return err_set(e, ERR_INTERNAL, NULL, "audit append outside a transaction");
	if ((s = st_stmt(st, STMT_AUDIT_HEAD_ENSURE, e)) == NULL ||
	    st_bindf(st, s, e, "tt", chain, ST_ZERO_HASH) != 0 || st_exec(st, s, e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_AUDIT_HEAD_GET, e)) == NULL ||
	    st_bindf(st, s, e, "t", chain) != 0)
		return -1;
	if (ops->step(s, e) != DB_ROW) {
		ops->reset(s);
		return err_set(e, ERR_STORE, NULL, "audit chain '%s' has no head", chain);
	}
	seq = ops->col_int(s, 0) + 1;
	st_col_copy(st, s, 1, prev, sizeof(prev));
	ops->reset(s);
	store_now(at, sizeof(at));
	st_audit_hash(prev, chain, seq, at, actor_id, actor, action, object_type,
		      object_id, data, hash);
	if ((s = st_stmt(st, STMT_AUDIT_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "titittttttt", chain, seq, at, actor_id, actor, action,
		     object_type, object_id, data, prev, hash) != 0 ||
	    st_exec(st, s, e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_AUDIT_HEAD_SET, e)) == NULL ||
	    st_bindf(st, s, e, "tit", chain, seq, hash) != 0 || st_exec(st, s, e) != 0)
		return -1;
	return 0;
}

int
store_schema_latest(void)
{
	return migrations_count;
}

int
st_audit_snap(struct store *st, const struct actor *a, const char *region, const char *action,
	      const char *object_type, int64_t id, struct sbuf *snap, struct error *e)
{
	char oid[32], chain[3];
	int rc;

	snprintf(oid, sizeof(oid), "%lld", (long long)id);
	st_chain_of(region, chain);
	rc = snap->oom ? err_set(e, ERR_INTERNAL, NULL, "out of memory")
		       : st_audit(st, a, chain, action, object_type, oid, sbuf_str(snap), e);
	sbuf_free(snap);
	return rc;
}

int
store_schema_version(struct store *st, int *version, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if (st->db->ops->exec(st->db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			      "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_MIGRATION_VERSION, e)) == NULL)
		return -1;
	r = st->db->ops->step(s, e);
	*version = r == DB_ROW ? (int)st->db->ops->col_int(s, 0) : 0;
	st->db->ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

static int
seed_taxonomy(struct store *st, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;
	int n = 0;
	struct industry ind;
	struct sbuf b = { 0 };
	char oid[32];

	if ((s = st_stmt(st, STMT_INDUSTRY_LIST, e)) == NULL)
		return -1;
	r = st->db->ops->step(s, e);
	st->db->ops->reset(s);
	if (r != DB_DONE)
		return r == DB_ERROR ? -1 : 0;
	if (st_begin(st, e) != 0)
		return -1;
	for (size_t i = 0; i < sizeof(seed_industries) / sizeof(seed_industries[0]); i++) {
		memset(&ind, 0, sizeof(ind));
		snprintf(ind.code, sizeof(ind.code), "%s", seed_industries[i].code);
		snprintf(ind.name, sizeof(ind.name), "%s", seed_industries[i].name);
		ind.active = 1;
		if ((s = st_stmt(st, STMT_INDUSTRY_INSERT, e)) == NULL ||
		    st_bindf(st, s, e, "tt", ind.code, ind.name) != 0 ||
		    st->db->ops->step(s, e) != DB_ROW)
			goto out_rollback;
		ind.id = st->db->ops->col_int(s, 0);
		st->db->ops->reset(s);
		sbuf_reset(&b);
		st_snap_industry(&ind, &b);
		snprintf(oid, sizeof(oid), "%lld", (long long)ind.id);
		if (st_audit(st, NULL, "00", "industry.create", "industry", oid, sbuf_str(&b), e) != 0)
			goto out_rollback;
		n++;
	}
	sbuf_free(&b);
	return st_commit(st, e);
out_rollback:
	sbuf_free(&b);
	st_rollback(st);
	return -1;
}

int
store_migrate(struct store *st, int *applied, struct error *e)
{
	const char *const *m = st->db->kind == DB_PG ? migrations_pg : migrations_sqlite;
	struct db_stmt *s;
	char now[TIME_LEN];
	int version, n = 0;

	if (applied)
		*applied = 0;
	if (store_schema_version(st, &version, e) != 0)
		return -1;
	if (version > migrations_count)
		return err_set(e, ERR_STORE, NULL,
			       "database schema %d is newer than this hazardnet (%d)",
			       version, migrations_count);
	for (int v = version + 1; v <= migrations_count; v++) {
		if (st_begin(st, e) != 0)
			return -1;
		if (store_schema_version(st, &version, e) != 0)
			goto out_rollback;
		if (version >= v) { /* another process migrated meanwhile */
			st_rollback(st);
			continue;
		}
		store_now(now, sizeof(now));
		if (st->db->ops->exec(st->db, m[v - 1], e) != 0 ||
		    (s = st_stmt(st, STMT_MIGRATION_RECORD, e)) == NULL ||
		    st_bindf(st, s, e, "it", (int64_t)v, now) != 0 || st_exec(st, s, e) != 0 ||
		    st_commit(st, e) != 0)
			goto out_rollback;
		n++;
	}
	if (applied)
		*applied = n;
	return seed_taxonomy(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

/* ---- pool ---- */

struct store_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n, nfree;
	struct store **all;
	struct store **free;
	struct store *writer;   /* the group commits' own connection */
	/* Held by whoever writes through the writer (a batch) and by the
	 * checkpointer while it finishes a checkpoint (see below). */
	pthread_mutex_t write_mu;
	/* SQLite: the thread that copies the WAL into the database file, so
	 * that the writer's commits never do it themselves. */
	struct store *ckpt;
	pthread_t ckpt_thread;
	int ckpt_running, ckpt_stop;
};

/* The page cache of the writer connection: the pages its commits dirty
 * (hazards, their indexes, the kept counts, the audit chain) stay in
 * memory between batches instead of being read back from the WAL; it
 * leaves checkpoints to the pool's checkpointer; and its commits do not
 * flush the WAL themselves: whoever commits through it flushes with
 * store_write_sync before answering (http/group.c), outside the writer,
 * so that the next batch runs while the disk confirms the last one. */
#define WRITER_SETUP "PRAGMA cache_size=-49152; PRAGMA wal_autocheckpoint=0; " \
	"PRAGMA synchronous=NORMAL"
/* How often the checkpointer looks (ms). */
#define CKPT_EVERY_MS 50
/* WAL length (frames of a page) past which the checkpointer makes the
 * writer start the WAL over (16 MB of 4 KiB pages). */
#define CKPT_RESTART_FRAMES 4096

/*
 * SQLite starts the WAL over from its beginning only when a write begins
 * while every frame has been copied into the database. Under a steady load
 * the writer always begins its next batch before the passive checkpoint
 * has caught up with the last one, so the WAL would grow for as long as
 * the load lasts (1.7 GB in 20 s of creates at 1 M hazards), each write
 * landing on new blocks of the file. So when the WAL is long the
 * checkpointer holds the writer back for a moment (write_mu) and copies
 * the last frames; the writer's next transaction then starts the WAL over,
 * unless a reader is still using its frames (then the next round tries).
 */
static void *
checkpointer(void *arg)
{
	struct store_pool *p = arg;
	struct timespec pause = { 0, CKPT_EVERY_MS * 1000000L };
	int frames;

	pthread_mutex_lock(&p->mu);
	while (!p->ckpt_stop) {
		pthread_mutex_unlock(&p->mu);
		/* A failed checkpoint leaves the WAL longer, nothing worse:
		 * the next one tries again. */
		if (db_sqlite_checkpoint(p->ckpt->db, &frames, NULL) == 0 &&
		    frames > CKPT_RESTART_FRAMES) {
			/* Passive checkpoints never reach the WAL's end under
			 * load, and SQLite flushes the database file only when
			 * one does: so flush what they copied now, and copy what
			 * came meanwhile, before holding the writer back; the
			 * last checkpoint then has little to copy or flush. */
			if (db_sqlite_sync_db(p->ckpt->dbpath, NULL) == 0 &&
			    db_sqlite_checkpoint(p->ckpt->db, &frames, NULL) == 0)
				db_sqlite_sync_db(p->ckpt->dbpath, NULL);
			pthread_mutex_lock(&p->write_mu);
			db_sqlite_checkpoint(p->ckpt->db, &frames, NULL);
			pthread_mutex_unlock(&p->write_mu);
		}
		nanosleep(&pause, NULL);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct store_pool *
store_pool_new(const struct store_opts *o, int n, struct error *e)
{
	struct store_pool *p = calloc(1, sizeof(*p));

	if (p == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_mutex_init(&p->write_mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if ((p->all = calloc((size_t)n, sizeof(*p->all))) == NULL ||
	    (p->free = calloc((size_t)n, sizeof(*p->free))) == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	for (int i = 0; i < n; i++) {
		if ((p->all[i] = store_open(o, e)) == NULL)
			goto out_free;
		p->free[p->nfree++] = p->all[i];
		p->n++;
	}
	if ((p->writer = store_open(o, e)) == NULL)
		goto out_free;
	p->writer->write_mu = &p->write_mu;
	if (p->writer->db->kind == DB_SQLITE) {
		if ((p->ckpt = store_open(o, e)) == NULL)
			goto out_free;
		if (pthread_create(&p->ckpt_thread, NULL, checkpointer, p) != 0) {
			err_set(e, ERR_INTERNAL, NULL, "cannot start the checkpoint thread");
			goto out_free;
		}
		p->ckpt_running = 1;
		if (p->writer->db->ops->exec(p->writer->db, WRITER_SETUP, e) != 0)
			goto out_free;
	}
	return p;
out_free:
	store_pool_free(p);
	return NULL;
}

struct store *
store_pool_get(struct store_pool *p)
{
	struct store *st;

	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	st = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return st;
}

struct store *
store_pool_writer(struct store_pool *p)
{
	return p->writer;
}

void
store_write_lock(struct store *st)
{
	if (st->write_mu != NULL)
		pthread_mutex_lock(st->write_mu);
}

void
store_write_unlock(struct store *st)
{
	if (st->write_mu != NULL)
		pthread_mutex_unlock(st->write_mu);
}

int
store_write_sync(struct store *st, struct error *e)
{
	/* Only a pool's SQLite writer leaves its flushes to this (WRITER_SETUP). */
	if (st->write_mu == NULL || st->db->kind != DB_SQLITE)
		return 0;
	return db_sqlite_sync_wal(st->dbpath, e);
}

void
store_pool_put(struct store_pool *p, struct store *st)
{
	while (st->db->depth > 0)
		st_rollback(st);
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = st;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

void
store_pool_free(struct store_pool *p)
{
	if (p == NULL)
		return;
	if (p->ckpt_running) {
		pthread_mutex_lock(&p->mu);
		p->ckpt_stop = 1;
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->ckpt_thread, NULL);
	}
	for (int i = 0; p->all && i < p->n; i++)
		store_close(p->all[i]);
	store_close(p->writer);
	store_close(p->ckpt);
	pthread_mutex_destroy(&p->mu);
	pthread_mutex_destroy(&p->write_mu);
	pthread_cond_destroy(&p->cv);
	free(p->all);
	free(p->free);
	free(p);
}
