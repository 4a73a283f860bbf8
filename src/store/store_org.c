/* store_org.c — regions, industries and orgs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* ---- snapshots and row readers ---- */

void
st_snap_org(const struct org *o, struct sbuf *b)
{
	sbuf_kv(b, "kind", org_kind_names[o->kind]);
	sbuf_kv(b, "name", o->name);
	sbuf_kv(b, "region_code", o->region_code);
	sbuf_kv(b, "credit_code", o->credit_code);
	sbuf_kvi(b, "industry_id", o->industry_id);
	sbuf_adds(b, "industries=");
	for (int i = 0; i < o->nindustries; i++)
		sbuf_addf(b, "%s%lld", i ? "," : "", (long long)o->industries[i]);
	sbuf_adds(b, "\n");
	sbuf_kvi(b, "scale", o->scale);
	sbuf_kvi(b, "major_hazard_level", o->major_hazard_level);
	sbuf_kvi(b, "standard_grade", o->standard_grade);
	sbuf_kvi(b, "status", o->status);
	sbuf_kv(b, "address", o->address);
	if (o->has_coord)
		sbuf_addf(b, "coord=%.7f,%.7f\n", o->lat, o->lon);
	else
		sbuf_kv(b, "coord", "");
	sbuf_kv(b, "safety_director", o->safety_director);
	sbuf_kv(b, "phone", o->phone);
	sbuf_kvi(b, "version", o->version);
}

void
st_snap_industry(const struct industry *i, struct sbuf *b)
{
	sbuf_kv(b, "code", i->code);
	sbuf_kv(b, "name", i->name);
	sbuf_kvi(b, "active", i->active);
}

void
st_read_org(struct store *st, struct db_stmt *s, struct org *o)
{
	const struct db_ops *ops = st->db->ops;
	int k;

	memset(o, 0, sizeof(*o));
	o->id = ops->col_int(s, 0);
	k = (int)ops->col_int(s, 1);
	o->kind = k >= 0 && k < ORG_KIND__MAX ? (enum org_kind)k : ORG_ENTERPRISE;
	st_col_copy(st, s, 2, o->name, sizeof(o->name));
	st_col_copy(st, s, 3, o->region_code, sizeof(o->region_code));
	st_col_copy(st, s, 4, o->region_name, sizeof(o->region_name));
	st_col_copy(st, s, 5, o->credit_code, sizeof(o->credit_code));
	o->industry_id = ops->col_int(s, 6);
	st_col_copy(st, s, 7, o->industry_name, sizeof(o->industry_name));
	k = (int)ops->col_int(s, 8);
	o->scale = k >= 0 && k < SCALE__MAX ? (enum org_scale)k : SCALE_NONE;
	o->major_hazard_level = (int)ops->col_int(s, 9);
	o->standard_grade = (int)ops->col_int(s, 10);
	st_col_copy(st, s, 11, o->risk_colour, sizeof(o->risk_colour));
	k = (int)ops->col_int(s, 12);
	o->status = k >= 0 && k < ORG_STATUS__MAX ? (enum org_status)k : ORG_OPERATING;
	st_col_copy(st, s, 13, o->address, sizeof(o->address));
	o->has_coord = !ops->col_isnull(s, 14) && !ops->col_isnull(s, 15);
	o->lat = ops->col_double(s, 14);
	o->lon = ops->col_double(s, 15);
	st_col_copy(st, s, 16, o->safety_director, sizeof(o->safety_director));
	st_col_copy(st, s, 17, o->phone, sizeof(o->phone));
	o->version = ops->col_int(s, 18);
	st_col_copy(st, s, 19, o->created_at, sizeof(o->created_at));
	st_col_copy(st, s, 20, o->updated_at, sizeof(o->updated_at));
	st_col_copy(st, s, 21, o->last_inspected_on, sizeof(o->last_inspected_on));
}

void
st_read_industry(struct store *st, struct db_stmt *s, struct industry *i)
{
	memset(i, 0, sizeof(*i));
	i->id = st->db->ops->col_int(s, 0);
	st_col_copy(st, s, 1, i->code, sizeof(i->code));
	st_col_copy(st, s, 2, i->name, sizeof(i->name));
	i->active = (int)st->db->ops->col_int(s, 3);
}

static void
read_region(struct store *st, struct db_stmt *s, struct region *r)
{
	int l;

	memset(r, 0, sizeof(*r));
	st_col_copy(st, s, 0, r->code, sizeof(r->code));
	st_col_copy(st, s, 1, r->name, sizeof(r->name));
	l = (int)st->db->ops->col_int(s, 2);
	r->level = l >= 0 && l < REGION_LEVEL__MAX ? (enum region_level)l : REGION_VILLAGE;
	st_col_copy(st, s, 3, r->parent, sizeof(r->parent));
}

/* ---- regions ---- */

int
store_region_import(struct store *st, const struct actor *a, const struct region *rs,
		    size_t n, struct error *e)
{
	struct db_stmt *s;
	struct sbuf b = { 0 }, all = { 0 };
	char digest[65];

	if (st_begin(st, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct region parent;

		/* The level is the file's, not the code's zeros: 441900 (东莞市's
		 * county level) looks like a city code. */
		if (region_level_of(rs[i].code) < 0) {
			err_set(e, ERR_INVALID, "code", "'%s' is not a region code", rs[i].code);
			goto out_rollback;
		}
		if ((rs[i].parent[0] == '\0') != (rs[i].level == REGION_PROVINCE)) {
			err_set(e, ERR_INVALID, "parent", "region '%s' has a wrong parent", rs[i].code);
			goto out_rollback;
		}
		if (rs[i].parent[0] != '\0' && store_region_get(st, rs[i].parent, &parent, e) != 0) {
			if (e != NULL && e->code == ERR_NOT_FOUND)
				err_set(e, ERR_INVALID, "parent", "region '%s' names an unknown parent '%s'",
					rs[i].code, rs[i].parent);
			goto out_rollback;
		}
		if ((s = st_stmt(st, STMT_REGION_UPSERT, e)) == NULL ||
		    st_bindf(st, s, e, "ttit", rs[i].code, rs[i].name, (int64_t)rs[i].level,
			     rs[i].parent) != 0 || st_exec(st, s, e) != 0)
			goto out_rollback;
		sbuf_addf(&all, "%s\t%s\t%s\n", rs[i].code, rs[i].name, rs[i].parent);
	}
	st_sha256_hex(sbuf_str(&all), all.len, digest);
	sbuf_kvi(&b, "count", (int64_t)n);
	sbuf_kv(&b, "sha256", digest);
	if (st_audit(st, a, "00", "region.import", "region", n ? rs[0].code : "", sbuf_str(&b), e) != 0)
		goto out_rollback;
	sbuf_free(&b);
	sbuf_free(&all);
	return st_commit(st, e);
out_rollback:
	sbuf_free(&b);
	sbuf_free(&all);
	st_rollback(st);
	return -1;
}

int
store_region_get(struct store *st, const char *code, struct region *out, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_REGION_GET, e)) == NULL || st_bindf(st, s, e, "t", code) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_region(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "code", "no region '%s'", code);
	return 0;
}

int
store_region_children(struct store *st, const char *parent,
		      int (*cb)(const struct region *, void *), void *arg, struct error *e)
{
	struct db_stmt *s;
	struct region reg;
	enum db_step r;

	if ((s = st_stmt(st, STMT_REGION_CHILDREN, e)) == NULL ||
	    st_bindf(st, s, e, "t", parent ? parent : "") != 0)
		return -1;
	while ((r = st->db->ops->step(s, e)) == DB_ROW) {
		read_region(st, s, &reg);
		if (cb(&reg, arg) != 0)
			break;
	}
	st->db->ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
store_region_count(struct store *st, int64_t *n, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_REGION_COUNT, e)) == NULL)
		return -1;
	r = st->db->ops->step(s, e);
	*n = r == DB_ROW ? st->db->ops->col_int(s, 0) : 0;
	st->db->ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

/* ---- industries ---- */

int
store_industry_list(struct store *st, int (*cb)(const struct industry *, void *), void *arg,
		    struct error *e)
{
	struct db_stmt *s;
	struct industry ind;
	enum db_step r;

	if ((s = st_stmt(st, STMT_INDUSTRY_LIST, e)) == NULL)
		return -1;
	while ((r = st->db->ops->step(s, e)) == DB_ROW) {
		st_read_industry(st, s, &ind);
		if (cb(&ind, arg) != 0)
			break;
	}
	st->db->ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
store_industry_get(struct store *st, int64_t id, struct industry *out, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_INDUSTRY_GET, e)) == NULL || st_bindf(st, s, e, "i", id) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		st_read_industry(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no industry %lld", (long long)id);
	return 0;
}

/* ERR_CONFLICT naming the field when another industry has the code or name. */
static int
industry_taken(struct store *st, const struct industry *in, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;
	int code = 0, name = 0;

	if ((s = st_stmt(st, STMT_INDUSTRY_TAKEN, e)) == NULL ||
	    st_bindf(st, s, e, "tti", in->code, in->name, in->id) != 0)
		return -1;
	while ((r = st->db->ops->step(s, e)) == DB_ROW) {
		code |= st->db->ops->col_int(s, 0) != 0;
		name |= st->db->ops->col_int(s, 1) != 0;
	}
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (code)
		return err_set(e, ERR_CONFLICT, "code", "an industry coded '%s' exists", in->code);
	if (name)
		return err_set(e, ERR_CONFLICT, "name", "an industry named '%s' exists", in->name);
	return 0;
}

static int
industry_audit(struct store *st, const struct actor *a, const char *action,
	       const struct industry *ind, struct error *e)
{
	struct sbuf b = { 0 };

	st_snap_industry(ind, &b);
	return st_audit_snap(st, a, "", action, "industry", ind->id, &b, e);
}

int
store_industry_create(struct store *st, const struct actor *a, struct industry *in,
		      struct error *e)
{
	struct db_stmt *s;

	in->id = 0;
	if (st_begin(st, e) != 0)
		return -1;
	if (industry_taken(st, in, e) != 0 || (s = st_stmt(st, STMT_INDUSTRY_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "tt", in->code, in->name) != 0)
		goto out_rollback;
	if (st->db->ops->step(s, e) != DB_ROW) {
		st->db->ops->reset(s);
		goto out_rollback;
	}
	in->id = st->db->ops->col_int(s, 0);
	in->active = 1;
	st->db->ops->reset(s);
	if (industry_audit(st, a, "industry.create", in, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_industry_update(struct store *st, const struct actor *a, const struct industry *in,
		      struct error *e)
{
	struct db_stmt *s;
	struct industry now;

	if (st_begin(st, e) != 0)
		return -1;
	if (store_industry_get(st, in->id, &now, e) != 0)
		goto out_rollback;
	snprintf(now.name, sizeof(now.name), "%s", in->name);
	if (industry_taken(st, &now, e) != 0 || (s = st_stmt(st, STMT_INDUSTRY_UPDATE, e)) == NULL ||
	    st_bindf(st, s, e, "iti", in->id, in->name, (int64_t)(in->active != 0)) != 0)
		goto out_rollback;
	if (st->db->ops->step(s, e) == DB_ERROR) {
		st->db->ops->reset(s);
		goto out_rollback;
	}
	if (st->db->ops->changes(s) == 0) {
		st->db->ops->reset(s);
		err_set(e, ERR_NOT_FOUND, "id", "no industry %lld", (long long)in->id);
		goto out_rollback;
	}
	st->db->ops->reset(s);
	if (store_industry_get(st, in->id, &now, e) != 0 ||
	    industry_audit(st, a, "industry.update", &now, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

/* ---- orgs ---- */

int
st_org_load_industries(struct store *st, struct org *o, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	o->nindustries = 0;
	if ((s = st_stmt(st, STMT_ORG_INDUSTRIES, e)) == NULL || st_bindf(st, s, e, "i", o->id) != 0)
		return -1;
	while ((r = st->db->ops->step(s, e)) == DB_ROW)
		if (o->nindustries < ORG_INDUSTRIES_MAX)
			o->industries[o->nindustries++] = st->db->ops->col_int(s, 0);
	st->db->ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

static int
org_get_in_tx(struct store *st, const struct scope *sc, int64_t id, struct org *out,
	      struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_ORG_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		st_read_org(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no org %lld", (long long)id);
	return st_org_load_industries(st, out, e);
}

int
store_org_get(struct store *st, const struct scope *sc, int64_t id, struct org *out,
	      struct error *e)
{
	return org_get_in_tx(st, sc, id, out, e);
}

/* What the store can check of an org against the database, in a transaction. */
static int
org_check_refs(struct store *st, const struct org *o, struct error *e)
{
	struct region reg;
	struct industry ind;
	struct db_stmt *s;
	enum db_step r;

	if (store_region_get(st, o->region_code, &reg, e) != 0) {
		if (e == NULL || e->code != ERR_NOT_FOUND)
			return -1;
		return err_set(e, ERR_INVALID, "region_code", "unknown region '%s'", o->region_code);
	}
	if (o->industry_id != 0 && store_industry_get(st, o->industry_id, &ind, e) != 0)
		return err_set(e, ERR_INVALID, "industry", "unknown industry %lld",
			       (long long)o->industry_id);
	for (int i = 0; i < o->nindustries; i++)
		if (store_industry_get(st, o->industries[i], &ind, e) != 0)
			return err_set(e, ERR_INVALID, "industries", "unknown industry %lld",
				       (long long)o->industries[i]);
	if (o->credit_code[0] == '\0')
		return 0;
	if ((s = st_stmt(st, STMT_ORG_CREDIT_TAKEN, e)) == NULL ||
	    st_bindf(st, s, e, "ti", o->credit_code, o->id) != 0)
		return -1;
	r = st->db->ops->step(s, e);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_ROW)
		return err_set(e, ERR_CONFLICT, "credit_code",
			       "credit code '%s' belongs to another org", o->credit_code);
	return 0;
}

static int
org_write_industries(struct store *st, const struct org *o, struct error *e)
{
	struct db_stmt *s;

	if ((s = st_stmt(st, STMT_ORG_INDUSTRIES_CLEAR, e)) == NULL ||
	    st_bindf(st, s, e, "i", o->id) != 0 || st_exec(st, s, e) != 0)
		return -1;
	for (int i = 0; i < o->nindustries; i++)
		if ((s = st_stmt(st, STMT_ORG_INDUSTRY_ADD, e)) == NULL ||
		    st_bindf(st, s, e, "ii", o->id, o->industries[i]) != 0 ||
		    st_exec(st, s, e) != 0)
			return -1;
	return 0;
}

static int
org_audit(struct store *st, const struct actor *a, const char *action, const struct org *o,
	  struct error *e)
{
	struct sbuf b = { 0 };

	st_snap_org(o, &b);
	return st_audit_snap(st, a, o->region_code, action, "org", o->id, &b, e);
}

/* Bind an org's writable fields as $first… in the order of the statements. */
static int
org_bind_fields(struct store *st, struct db_stmt *s, int first, const struct org *o,
		struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	int n = first;

	if (ops->bind_int(s, n++, o->kind, e) || ops->bind_text(s, n++, o->name, e) ||
	    ops->bind_text(s, n++, o->region_code, e) || ops->bind_text(s, n++, o->credit_code, e) ||
	    (o->industry_id ? ops->bind_int(s, n++, o->industry_id, e) : ops->bind_null(s, n++, e)) ||
	    ops->bind_int(s, n++, o->scale, e) || ops->bind_int(s, n++, o->major_hazard_level, e) ||
	    ops->bind_int(s, n++, o->standard_grade, e) || ops->bind_int(s, n++, o->status, e) ||
	    ops->bind_text(s, n++, o->address, e) ||
	    (o->has_coord ? ops->bind_double(s, n++, o->lat, e) : ops->bind_null(s, n++, e)) ||
	    (o->has_coord ? ops->bind_double(s, n++, o->lon, e) : ops->bind_null(s, n++, e)) ||
	    ops->bind_text(s, n++, o->safety_director, e) || ops->bind_text(s, n++, o->phone, e))
		return -1;
	return 0;
}

int
store_org_create(struct store *st, const struct actor *a, struct org *o, struct error *e)
{
	struct db_stmt *s;
	struct scope all;
	char now[TIME_LEN];

	st_scope_all(&all);
	o->id = 0;
	if (st_begin(st, e) != 0)
		return -1;
	if (org_check_refs(st, o, e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_ORG_INSERT, e)) == NULL || org_bind_fields(st, s, 1, o, e) != 0 ||
	    st->db->ops->bind_text(s, 15, now, e) != 0)
		goto out_rollback;
	if (st->db->ops->step(s, e) != DB_ROW) {
		st->db->ops->reset(s);
		goto out_rollback;
	}
	o->id = st->db->ops->col_int(s, 0);
	st->db->ops->reset(s);
	if (org_write_industries(st, o, e) != 0 || org_get_in_tx(st, &all, o->id, o, e) != 0 ||
	    org_audit(st, a, "org.create", o, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_org_update(struct store *st, const struct actor *a, const struct scope *sc,
		 struct org *o, struct error *e)
{
	struct db_stmt *s;
	struct scope all;
	struct org cur;
	char now[TIME_LEN];

	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		return -1;
	if (org_get_in_tx(st, sc, o->id, &cur, e) != 0)
		goto out_rollback;
	if (cur.version != o->version) {
		err_set(e, ERR_STALE, "version", "org %lld is at version %lld, not %lld",
			(long long)o->id, (long long)cur.version, (long long)o->version);
		goto out_rollback;
	}
	if (org_check_refs(st, o, e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_ORG_UPDATE, e)) == NULL ||
	    st->db->ops->bind_int(s, 1, o->id, e) != 0 || org_bind_fields(st, s, 2, o, e) != 0 ||
	    st->db->ops->bind_text(s, 16, now, e) != 0 ||
	    st->db->ops->bind_int(s, 17, o->version, e) != 0 || st_exec_one(st, s, "the org", e) != 0)
		goto out_rollback;
	if (org_write_industries(st, o, e) != 0 || org_get_in_tx(st, &all, o->id, o, e) != 0 ||
	    org_audit(st, a, "org.update", o, e) != 0)
		goto out_rollback;
	/* An enterprise that moved takes its hazards, risk points and checks
	 * (which copy its region and industry) along. */
	if (cur.kind == ORG_ENTERPRISE &&
	    (strcmp(cur.region_code, o->region_code) != 0 || cur.industry_id != o->industry_id) &&
	    (st_hazards_follow_org(st, a, o->id, o->region_code, o->industry_id, e) != 0 ||
	     st_risks_follow_org(st, a, o->id, cur.region_code, cur.industry_id, o->region_code,
				 o->industry_id, cur.risk_colour, e) != 0))
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

/* Bind the scope and the filter ($1–$9) shared by the list and its count. */
static int
org_bind_filter(struct store *st, struct db_stmt *s, const struct scope *sc,
		const struct org_filter *f, struct error *e)
{
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";

	if (f->region[0] != '\0' && region_range(f->region, lo, hi) != 0)
		return err_set(e, ERR_INVALID, "region", "bad region code '%s'", f->region);
	if (st_bind_scope(st, s, sc, e) != 0)
		return -1;
	return st->db->ops->bind_int(s, 5, f->kind, e) || st->db->ops->bind_int(s, 6, f->industry_id, e) ||
	       st->db->ops->bind_text(s, 7, lo, e) || st->db->ops->bind_text(s, 8, hi, e) ||
	       st->db->ops->bind_text(s, 9, f->q, e) ? -1 : 0;
}

int
store_org_list(struct store *st, const struct scope *sc, const struct org_filter *f,
	       int (*cb)(const struct org *, void *), void *arg, int64_t *total, int *more,
	       struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct org *rows = NULL;
	enum db_step r = DB_DONE;
	int n = 0, limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50, rc = -1;

	if (more)
		*more = 0;
	if (total != NULL) {
		if ((s = st_stmt(st, STMT_ORG_COUNT, e)) == NULL || org_bind_filter(st, s, sc, f, e) != 0)
			goto out_free;
		r = ops->step(s, e);
		*total = r == DB_ROW ? ops->col_int(s, 0) : 0;
		ops->reset(s);
		if (r == DB_ERROR)
			goto out_free;
	}
	if ((s = st_stmt(st, STMT_ORG_LIST, e)) == NULL || org_bind_filter(st, s, sc, f, e) != 0 ||
	    ops->bind_int(s, 10, f->after_id, e) != 0 || ops->bind_int(s, 11, limit + 1, e) != 0)
		goto out_free;
	/* Rows are read first and called back after, so that the industries
	 * of each org can be loaded without a live cursor. */
	if ((rows = malloc(sizeof(*rows) * (size_t)(limit + 1))) == NULL) {
		ops->reset(s);
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	while (n <= limit && (r = ops->step(s, e)) == DB_ROW)
		st_read_org(st, s, &rows[n++]);
	ops->reset(s);
	if (r == DB_ERROR)
		goto out_free;
	if (n > limit) {
		n = limit;
		if (more)
			*more = 1;
	}
	rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		if (st_org_load_industries(st, &rows[i], e) != 0)
			rc = -1;
		else if (cb(&rows[i], arg) != 0)
			break;
	}
out_free:
	free(rows);
	return rc;
}
