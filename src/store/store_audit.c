/*
 * store_audit.c — verifying the audit chain against itself and against the
 * rows it describes; backup, restore and the whole-database digest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/store_int.h"


struct verify {
	int (*cb)(const struct audit_problem *, void *);
	void *arg;
	int64_t events, problems;
	int stop;
};

static void
problem(struct verify *v, const char *chain, int64_t seq, const char *otype,
	const char *oid, const char *what)
{
	struct audit_problem p = { chain, seq, otype, oid, what };

	v->problems++;
	if (!v->stop && v->cb != NULL && v->cb(&p, v->arg) != 0)
		v->stop = 1;
}

/* Walk one chain from its start: sequence, links, hashes, and the head. */
static int
verify_chain(struct store *st, struct verify *v, const char *chain, int64_t head_seq,
	     const char *head_hash, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;
	char prev[65] = ST_ZERO_HASH, hash[65];
	int64_t expect = 1;

	if ((s = st_stmt(st, STMT_AUDIT_CHAIN_EVENTS, e)) == NULL ||
	    st_bindf(st, s, e, "t", chain) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		int64_t seq = ops->col_int(s, 0);
		const char *oid = ops->col_text(s, 6);

		v->events++;
		if (seq != expect)
			problem(v, chain, seq, ops->col_text(s, 5), oid,
				seq > expect ? "event removed before this one" : "sequence repeated");
		if (strcmp(ops->col_text(s, 8), prev) != 0)
			problem(v, chain, seq, ops->col_text(s, 5), oid, "link to previous event broken");
		st_audit_hash(ops->col_text(s, 8), chain, seq, ops->col_text(s, 1),
			      ops->col_int(s, 2), ops->col_text(s, 3), ops->col_text(s, 4),
			      ops->col_text(s, 5), oid, ops->col_text(s, 7), hash);
		if (strcmp(hash, ops->col_text(s, 9)) != 0)
			problem(v, chain, seq, ops->col_text(s, 5), oid, "event edited (hash mismatch)");
		snprintf(prev, sizeof(prev), "%s", ops->col_text(s, 9));
		expect = seq + 1;
	}
	ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (expect - 1 != head_seq || strcmp(prev, head_hash) != 0)
		problem(v, chain, head_seq, "", "", "last events removed (head does not match)");
	return 0;
}

struct snap {
	int64_t id;
	char *data;
};

static int
snap_cmp(const void *a, const void *b)
{
	const struct snap *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

struct snaps {
	struct snap *v;
	size_t n, cap;
};

/* The last audited snapshot of every object of a type, sorted by id. */
static int
load_snaps(struct store *st, const char *otype, struct snaps *out, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_AUDIT_LATEST, e)) == NULL || st_bindf(st, s, e, "t", otype) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		int64_t id = strtoll(ops->col_text(s, 1), NULL, 10);
		char *d = strdup(ops->col_text(s, 2));

		if (d == NULL)
			goto out_oom;
		/* Events of one object come in id order: keep the last. */
		if (out->n > 0 && out->v[out->n - 1].id == id) {
			free(out->v[out->n - 1].data);
			out->v[out->n - 1].data = d;
			continue;
		}
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 256;
			struct snap *nv = realloc(out->v, cap * sizeof(*nv));

			if (nv == NULL) {
				free(d);
				goto out_oom;
			}
			out->v = nv;
			out->cap = cap;
		}
		out->v[out->n].id = id;
		out->v[out->n++].data = d;
	}
	ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (out->n > 0)
		qsort(out->v, out->n, sizeof(*out->v), snap_cmp);
	return 0;
out_oom:
	ops->reset(s);
	return err_set(e, ERR_INTERNAL, NULL, "out of memory");
}

static void
snaps_free(struct snaps *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].data);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static struct snap *
snaps_find(struct snaps *s, int64_t id)
{
	struct snap key = { id, NULL };

	return s->n == 0 ? NULL : bsearch(&key, s->v, s->n, sizeof(*s->v), snap_cmp);
}

/* Compare one current row's snapshot with its last audited one. */
static void
check_row(struct verify *v, struct snaps *sn, const char *otype, int64_t id,
	  const struct sbuf *now, char *seen)
{
	struct snap *p = snaps_find(sn, id);
	char oid[32];

	snprintf(oid, sizeof(oid), "%lld", (long long)id);
	if (p == NULL) {
		problem(v, "", 0, otype, oid, "row not in the audit chain");
		return;
	}
	seen[p - sn->v] = 1;
	if (strcmp(p->data, sbuf_str(now)) != 0)
		problem(v, "", 0, otype, oid, "row edited outside hazardnet");
}

static void
report_removed(struct verify *v, struct snaps *sn, const char *otype, const char *seen)
{
	char oid[32];

	for (size_t i = 0; i < sn->n; i++)
		if (!seen[i]) {
			snprintf(oid, sizeof(oid), "%lld", (long long)sn->v[i].id);
			problem(v, "", 0, otype, oid, "row removed outside hazardnet");
		}
}

struct rowcheck {
	struct store *st;
	struct verify *v;
	struct snaps sn;
	char *seen;
	struct sbuf b;
	int64_t last_id;   /* of the last row seen, for paging */
	const char *otype;
	struct error *e;
};

static int
check_industry(const struct industry *i, void *arg)
{
	struct rowcheck *rc = arg;

	sbuf_reset(&rc->b);
	st_snap_industry(i, &rc->b);
	check_row(rc->v, &rc->sn, "industry", i->id, &rc->b, rc->seen);
	return 0;
}

static int
check_org(const struct org *o, void *arg)
{
	struct rowcheck *rc = arg;

	sbuf_reset(&rc->b);
	st_snap_org(o, &rc->b);
	rc->last_id = o->id;
	check_row(rc->v, &rc->sn, "org", o->id, &rc->b, rc->seen);
	return 0;
}

static int
check_user(const struct user *u, void *arg)
{
	struct rowcheck *rc = arg;

	sbuf_reset(&rc->b);
	st_snap_user(u, &rc->b);
	rc->last_id = u->id;
	check_row(rc->v, &rc->sn, "user", u->id, &rc->b, rc->seen);
	return 0;
}

static int
check_hazard_rows(struct store *st, struct rowcheck *rc, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct hazard *h = malloc(sizeof(*h));
	struct db_stmt *s;
	enum db_step r = DB_DONE;
	int64_t after = 0;
	int n;

	if (h == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	do {
		n = 0;
		if ((s = st_stmt(st, STMT_HAZARD_ALL, e)) == NULL ||
		    st_bindf(st, s, e, "ii", after, (int64_t)1000) != 0) {
			free(h);
			return -1;
		}
		while ((r = ops->step(s, e)) == DB_ROW) {
			st_read_hazard(st, s, h);
			sbuf_reset(&rc->b);
			st_snap_hazard(h, &rc->b);
			check_row(rc->v, &rc->sn, "hazard", h->id, &rc->b, rc->seen);
			after = h->id;
			n++;
		}
		ops->reset(s);
	} while (r == DB_DONE && n == 1000);
	free(h);
	return r == DB_ERROR ? -1 : 0;
}

/* A risk point, check item or inspection against its last audited snapshot. */
static int
check_risk_row(int64_t id, const struct sbuf *snap, void *arg)
{
	struct rowcheck *rc = arg;

	check_row(rc->v, &rc->sn, rc->otype, id, snap, rc->seen);
	return 0;
}

static int
verify_rows(struct store *st, struct verify *v, const char *otype, struct error *e)
{
	struct rowcheck rc = { .st = st, .v = v, .otype = otype, .e = e };
	struct scope all;
	int more = 1, rv = -1;

	st_scope_all(&all);
	if (load_snaps(st, otype, &rc.sn, e) != 0)
		goto out_free;
	if ((rc.seen = calloc(rc.sn.n + 1, 1)) == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	if (strcmp(otype, "industry") == 0) {
		if (store_industry_list(st, check_industry, &rc, e) != 0)
			goto out_free;
	} else if (strcmp(otype, "org") == 0) {
		struct org_filter f = { .kind = -1, .limit = 500 };

		for (; more; f.after_id = rc.last_id)
			if (store_org_list(st, &all, &f, check_org, &rc, NULL, &more, e) != 0)
				goto out_free;
	} else if (strcmp(otype, "hazard") == 0) {
		if (check_hazard_rows(st, &rc, e) != 0)
			goto out_free;
	} else if (strcmp(otype, "risk_point") == 0 || strcmp(otype, "check_item") == 0) {
		if (st_risk_rows(st, otype, check_risk_row, &rc, e) != 0)
			goto out_free;
	} else if (strcmp(otype, "inspection") == 0) {
		if (st_inspection_rows(st, check_risk_row, &rc, e) != 0)
			goto out_free;
	} else {
		struct user_filter f = { .role = -1, .limit = 500 };

		for (; more; f.after_id = rc.last_id)
			if (store_user_list(st, &f, check_user, &rc, NULL, &more, e) != 0)
				goto out_free;
	}
	report_removed(v, &rc.sn, otype, rc.seen);
	rv = 0;
out_free:
	sbuf_free(&rc.b);
	free(rc.seen);
	snaps_free(&rc.sn);
	return rv;
}

int
store_audit_verify(struct store *st, int (*cb)(const struct audit_problem *, void *), void *arg,
		   int64_t *events, int64_t *problems, struct error *e)
{
	static const char *const audited[] = { "industry", "org", "user", "hazard", "risk_point",
						"check_item", "inspection" };
	const struct db_ops *ops = st->db->ops;
	struct verify v = { .cb = cb, .arg = arg };
	struct db_stmt *s;
	enum db_step r;
	struct head { char chain[16]; int64_t seq; char hash[65]; } *heads = NULL;
	size_t nheads = 0, cap = 0;
	int rc = -1;

	if ((s = st_stmt(st, STMT_AUDIT_CHAINS, e)) == NULL)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (nheads == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct head *nh = realloc(heads, nc * sizeof(*nh));

			if (nh == NULL) {
				ops->reset(s);
				err_set(e, ERR_INTERNAL, NULL, "out of memory");
				goto out_free;
			}
			heads = nh;
			cap = nc;
		}
		st_col_copy(st, s, 0, heads[nheads].chain, sizeof(heads[nheads].chain));
		heads[nheads].seq = ops->col_int(s, 1);
		st_col_copy(st, s, 2, heads[nheads].hash, sizeof(heads[nheads].hash));
		nheads++;
	}
	ops->reset(s);
	if (r == DB_ERROR)
		goto out_free;
	for (size_t i = 0; i < nheads; i++)
		if (verify_chain(st, &v, heads[i].chain, heads[i].seq, heads[i].hash, e) != 0)
			goto out_free;
	for (size_t i = 0; i < sizeof(audited) / sizeof(audited[0]); i++)
		if (verify_rows(st, &v, audited[i], e) != 0)
			goto out_free;
	rc = 0;
out_free:
	free(heads);
	if (events)
		*events = v.events;
	if (problems)
		*problems = v.problems;
	return rc;
}

/* ---- backup, restore, digest ---- */

int
store_backup(struct store *st, const char *path, struct error *e)
{
	return st->db->ops->backup(st->db, path, e);
}

int
store_restore(const struct store_opts *o, const char *path, struct error *e)
{
	char dbpath[1100];
	const char *dir = o->data_dir && o->data_dir[0] ? o->data_dir : "./hazardnet-data";

	if (o->pg_url != NULL && o->pg_url[0] != '\0')
		return db_pg_restore(o->pg_url, path, e);
	snprintf(dbpath, sizeof(dbpath), "%s/hazardnet.db", dir);
	return db_sqlite_restore(dbpath, path, e);
}

int
store_digest(struct store *st, char out[65], struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	crypto_hash_sha256_state h;
	unsigned char bin[crypto_hash_sha256_BYTES];
	struct db_stmt *s;
	enum db_step r;

	crypto_hash_sha256_init(&h);
	/* The digest statements are the last of the enum. */
	for (int id = STMT_DIGEST_SCHEMA; id < STMT__MAX; id++) {
		if ((s = st_stmt(st, (enum stmt_id)id, e)) == NULL)
			return -1;
		crypto_hash_sha256_update(&h, (const unsigned char *)stmt_texts[id].name,
					  strlen(stmt_texts[id].name) + 1);
		while ((r = ops->step(s, e)) == DB_ROW) {
			int nc = ops->col_count(s);

			for (int c = 0; c < nc; c++) {
				const char *t = ops->col_isnull(s, c) ? "\x01NULL" : ops->col_text(s, c);

				crypto_hash_sha256_update(&h, (const unsigned char *)t, strlen(t) + 1);
			}
			crypto_hash_sha256_update(&h, (const unsigned char *)"\n", 1);
		}
		ops->reset(s);
		if (r == DB_ERROR)
			return -1;
	}
	crypto_hash_sha256_final(&h, bin);
	sodium_bin2hex(out, 65, bin, sizeof(bin));
	return 0;
}
