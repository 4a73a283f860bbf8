/*
 * store_risk.c — dual prevention (双重预防, DESIGN §3.2): risk points and
 * their assessment history, the enterprise's colour, check items, the
 * check tasks the scheduler makes of them, check records (a "hazard"
 * answer reports a hazard in the same transaction), and the four-colour
 * statistics. Scope exactly as for hazards: every table carries its
 * enterprise's region, id and industry.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "store/store_int.h"

static int
enum_col(struct store *st, struct db_stmt *s, int c, int max)
{
	int v = (int)st->db->ops->col_int(s, c);

	return v >= 0 && v < max ? v : 0;
}

/* ---- snapshots (the audit chain's canonical text) ---- */

static void
snap_input(const struct risk_input *in, int64_t score100, struct sbuf *b)
{
	sbuf_kv(b, "method", risk_method_names[in->method]);
	if (in->method == RM_LEC)
		sbuf_addf(b, "inputs=l10:%d,e10:%d,c:%d\n", in->l10, in->e10, in->c);
	else
		sbuf_addf(b, "inputs=l:%d,s:%d\n", in->l, in->s);
	sbuf_kvi(b, "score100", score100);
}

static void
snap_risk(const struct risk_point *rp, struct sbuf *b)
{
	sbuf_kvi(b, "enterprise_id", rp->enterprise_id);
	sbuf_kv(b, "region_code", rp->region_code);
	sbuf_kvi(b, "industry_id", rp->industry_id);
	sbuf_kv(b, "name", rp->name);
	sbuf_kv(b, "kind", risk_kind_names[rp->kind]);
	sbuf_kv(b, "location", rp->location);
	sbuf_kv(b, "hazard_factors", rp->hazard_factors);
	sbuf_kvi(b, "accident_types", (int64_t)rp->accident_types);
	snap_input(&rp->input, rp->score100, b);
	sbuf_kv(b, "level", risk_level_names[rp->level]);
	for (int k = 0; k < MK__MAX; k++) {
		char key[32];

		snprintf(key, sizeof(key), "measure_%s", measure_kind_names[k]);
		sbuf_kv(b, key, rp->measures[k]);
	}
	sbuf_kv(b, "tier", control_tier_names[rp->tier]);
	sbuf_kv(b, "responsible", rp->responsible);
	sbuf_kv(b, "review_on", rp->review_on);
	sbuf_kvi(b, "active", rp->active);
	sbuf_kvi(b, "version", rp->version);
}

static void
snap_item(const struct check_item *it, struct sbuf *b)
{
	sbuf_kvi(b, "risk_id", it->risk_id);
	sbuf_kvi(b, "enterprise_id", it->enterprise_id);
	sbuf_kv(b, "measure", measure_kind_names[it->measure]);
	sbuf_kv(b, "what", it->what);
	sbuf_kv(b, "how", it->how);
	sbuf_kv(b, "cadence", cadence_names[it->cadence]);
	sbuf_kv(b, "tier", control_tier_names[it->tier]);
	sbuf_kv(b, "responsible", it->responsible);
	sbuf_kvi(b, "active", it->active);
	sbuf_kvi(b, "version", it->version);
}

/* ---- row readers (column lists of stmts.c) ---- */

static void
read_input(struct store *st, struct db_stmt *s, int c, struct risk_input *in)
{
	const struct db_ops *ops = st->db->ops;

	in->method = (enum risk_method)enum_col(st, s, c, RM__MAX);
	in->l10 = (int)ops->col_int(s, c + 1);
	in->e10 = (int)ops->col_int(s, c + 2);
	in->c = (int)ops->col_int(s, c + 3);
	in->l = (int)ops->col_int(s, c + 4);
	in->s = (int)ops->col_int(s, c + 5);
}

static void
read_risk(struct store *st, struct db_stmt *s, struct risk_point *rp)
{
	const struct db_ops *ops = st->db->ops;

	memset(rp, 0, sizeof(*rp));
	rp->id = ops->col_int(s, 0);
	rp->enterprise_id = ops->col_int(s, 1);
	st_col_copy(st, s, 2, rp->enterprise_name, sizeof(rp->enterprise_name));
	st_col_copy(st, s, 3, rp->region_code, sizeof(rp->region_code));
	rp->industry_id = ops->col_int(s, 4);
	st_col_copy(st, s, 5, rp->name, sizeof(rp->name));
	rp->kind = (enum risk_kind)enum_col(st, s, 6, RK__MAX);
	st_col_copy(st, s, 7, rp->location, sizeof(rp->location));
	st_col_copy(st, s, 8, rp->hazard_factors, sizeof(rp->hazard_factors));
	rp->accident_types = (uint32_t)ops->col_int(s, 9);
	read_input(st, s, 10, &rp->input);
	rp->score100 = ops->col_int(s, 16);
	rp->level = (enum risk_level)enum_col(st, s, 17, RL__MAX);
	for (int k = 0; k < MK__MAX; k++)
		st_col_copy(st, s, 18 + k, rp->measures[k], sizeof(rp->measures[k]));
	rp->tier = (enum control_tier)enum_col(st, s, 23, CT__MAX);
	st_col_copy(st, s, 24, rp->responsible, sizeof(rp->responsible));
	st_col_copy(st, s, 25, rp->review_on, sizeof(rp->review_on));
	rp->active = (int)ops->col_int(s, 26);
	rp->version = ops->col_int(s, 27);
	st_col_copy(st, s, 28, rp->created_at, sizeof(rp->created_at));
	st_col_copy(st, s, 29, rp->updated_at, sizeof(rp->updated_at));
}

static void
read_item(struct store *st, struct db_stmt *s, struct check_item *it)
{
	const struct db_ops *ops = st->db->ops;

	memset(it, 0, sizeof(*it));
	it->id = ops->col_int(s, 0);
	it->risk_id = ops->col_int(s, 1);
	st_col_copy(st, s, 2, it->risk_name, sizeof(it->risk_name));
	it->enterprise_id = ops->col_int(s, 3);
	st_col_copy(st, s, 4, it->region_code, sizeof(it->region_code));
	it->industry_id = ops->col_int(s, 5);
	it->measure = (enum measure_kind)enum_col(st, s, 6, MK__MAX);
	st_col_copy(st, s, 7, it->what, sizeof(it->what));
	st_col_copy(st, s, 8, it->how, sizeof(it->how));
	it->cadence = (enum cadence)enum_col(st, s, 9, CAD__MAX);
	it->tier = (enum control_tier)enum_col(st, s, 10, CT__MAX);
	st_col_copy(st, s, 11, it->responsible, sizeof(it->responsible));
	it->active = (int)ops->col_int(s, 12);
	it->version = ops->col_int(s, 13);
	st_col_copy(st, s, 14, it->created_at, sizeof(it->created_at));
}

static void
read_task(struct store *st, struct db_stmt *s, struct check_task *t)
{
	const struct db_ops *ops = st->db->ops;

	memset(t, 0, sizeof(*t));
	t->id = ops->col_int(s, 0);
	t->item_id = ops->col_int(s, 1);
	t->risk_id = ops->col_int(s, 2);
	t->enterprise_id = ops->col_int(s, 3);
	st_col_copy(st, s, 4, t->enterprise_name, sizeof(t->enterprise_name));
	st_col_copy(st, s, 5, t->risk_name, sizeof(t->risk_name));
	st_col_copy(st, s, 6, t->what, sizeof(t->what));
	st_col_copy(st, s, 7, t->how, sizeof(t->how));
	st_col_copy(st, s, 8, t->responsible, sizeof(t->responsible));
	t->cadence = (enum cadence)enum_col(st, s, 9, CAD__MAX);
	st_col_copy(st, s, 10, t->region_code, sizeof(t->region_code));
	st_col_copy(st, s, 11, t->period, sizeof(t->period));
	st_col_copy(st, s, 12, t->start, sizeof(t->start));
	st_col_copy(st, s, 13, t->due, sizeof(t->due));
	t->status = (enum check_task_status)enum_col(st, s, 14, CTS__MAX);
	t->result = (enum check_result)enum_col(st, s, 15, CR__MAX);
	st_col_copy(st, s, 16, t->note, sizeof(t->note));
	t->hazard_id = ops->col_int(s, 17);
	t->checked_by = ops->col_int(s, 18);
	st_col_copy(st, s, 19, t->checked_at, sizeof(t->checked_at));
	t->late = (int)ops->col_int(s, 20);
}

/* ---- the enterprise colour ---- */

/*
 * Recompute the colour of enterprise id inside the caller's transaction:
 * red while a major hazard is open, else the highest level of its active
 * risk points, else none. Derived data: not audited (it is recomputed
 * from audited rows). Called by the risk and the hazard functions.
 */
int
st_risk_colour_refresh(struct store *st, int64_t enterprise_id, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;
	int64_t level = -1, major_open = 0, industry = 0;
	char old[8] = "", region[REGION_CODE_LEN + 1] = "";
	const char *colour;

	if ((s = st_stmt(st, STMT_RISK_COLOUR_OF, e)) == NULL ||
	    st_bindf(st, s, e, "i", enterprise_id) != 0)
		return -1;
	if ((r = ops->step(s, e)) == DB_ROW) {
		level = ops->col_int(s, 0);
		major_open = ops->col_int(s, 1);
		st_col_copy(st, s, 2, old, sizeof(old));
		st_col_copy(st, s, 3, region, sizeof(region));
		industry = ops->col_int(s, 4);
	}
	ops->reset(s);
	if (r != DB_ROW)
		return r == DB_ERROR ? -1 : 0;
	colour = major_open ? risk_colour_names[RL_MAJOR]
		 : level >= 0 && level < RL__MAX ? risk_colour_names[level] : "";
	if (strcmp(old, colour) == 0)
		return 0;
	if ((s = st_stmt(st, STMT_ORG_SET_COLOUR, e)) == NULL ||
	    st_bindf(st, s, e, "it", enterprise_id, colour) != 0 || st_exec(st, s, e) != 0)
		return -1;
	/* The counts the statistics read: one fewer of the old colour, one
	 * more of the new (no colour is not counted). */
	for (int pass = 0; pass < 2; pass++) {
		const char *c = pass == 0 ? old : colour;

		if (c[0] == '\0')
			continue;
		if ((s = st_stmt(st, STMT_COLOUR_COUNT_ADD, e)) == NULL ||
		    st_bindf(st, s, e, "titi", region, industry, c, (int64_t)(pass == 0 ? -1 : 1)) != 0 ||
		    st_exec(st, s, e) != 0)
			return -1;
	}
	return 0;
}

static int items_follow(struct store *st, int64_t risk_id, int active, struct error *e);

/* One more (delta 1) or one fewer (-1) active risk point of level in its
 * region and industry, for the statistics (risk_counts). */
static int
count_add(struct store *st, const struct risk_point *rp, enum risk_level level, int delta,
	  struct error *e)
{
	struct db_stmt *s;

	if ((s = st_stmt(st, STMT_RISK_COUNT_ADD, e)) == NULL ||
	    st_bindf(st, s, e, "tiii", rp->region_code, rp->industry_id, (int64_t)level,
		     (int64_t)delta) != 0)
		return -1;
	return st_exec(st, s, e);
}

/* ---- risk points ---- */

static int
risk_get(struct store *st, const struct scope *sc, int64_t id, struct risk_point *out,
	 struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_RISK_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_risk(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no risk point %lld", (long long)id);
	return 0;
}

int
store_risk_get(struct store *st, const struct scope *sc, int64_t id, struct risk_point *out,
	       struct error *e)
{
	return risk_get(st, sc, id, out, e);
}

static int
risk_audit(struct store *st, const struct actor *a, const char *action,
	   const struct risk_point *rp, struct error *e)
{
	struct sbuf b = { 0 };

	snap_risk(rp, &b);
	return st_audit_snap(st, a, rp->region_code, action, "risk_point", rp->id, &b, e);
}

static int
assessment_insert(struct store *st, const struct actor *a, int64_t risk_id,
		  const struct risk_input *in, int64_t score100, int before, enum risk_level after,
		  const char *reason, struct error *e)
{
	struct db_stmt *s;
	char now[TIME_LEN];

	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_RISK_ASSESSMENT_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "itit" "iiiiiiiii" "t", risk_id, now, a ? a->user_id : (int64_t)0,
		     a && a->login[0] ? a->login : "system", (int64_t)in->method, (int64_t)in->l10,
		     (int64_t)in->e10, (int64_t)in->c, (int64_t)in->l, (int64_t)in->s, score100,
		     (int64_t)before, (int64_t)after, reason ? reason : "") != 0)
		return -1;
	return st_exec(st, s, e);
}

/* The enterprise id of s's scope, if s may see it and it is an enterprise. */
static int
visible_enterprise(struct store *st, const struct scope *sc, int64_t id, struct org *out,
		   struct error *e)
{
	if (store_org_get(st, sc, id, out, e) != 0 || out->kind != ORG_ENTERPRISE)
		return err_set(e, ERR_NOT_FOUND, "enterprise_id", "no enterprise %lld", (long long)id);
	return 0;
}

int
store_risk_create(struct store *st, const struct actor *a, const struct scope *sc,
		  struct risk_point *rp, const char *reason, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct org *ent = malloc(sizeof(*ent));
	struct scope all;
	char now[TIME_LEN];
	int rc = -1;

	if (ent == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		goto out_free;
	if (visible_enterprise(st, sc, rp->enterprise_id, ent, e) != 0)
		goto out_rollback;
	memcpy(rp->region_code, ent->region_code, sizeof(rp->region_code));
	rp->industry_id = ent->industry_id;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_RISK_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "itititti" "iiiiiiii" "ttttt" "ittt", rp->enterprise_id,
		     rp->region_code, rp->industry_id, rp->name, (int64_t)rp->kind, rp->location,
		     rp->hazard_factors, (int64_t)rp->accident_types, (int64_t)rp->input.method,
		     (int64_t)rp->input.l10, (int64_t)rp->input.e10, (int64_t)rp->input.c,
		     (int64_t)rp->input.l, (int64_t)rp->input.s, rp->score100, (int64_t)rp->level,
		     rp->measures[0], rp->measures[1], rp->measures[2], rp->measures[3],
		     rp->measures[4], (int64_t)rp->tier, rp->responsible, rp->review_on, now) != 0 ||
	    (rp->industry_id == 0 && ops->bind_null(s, 3, e) != 0))
		goto out_rollback;
	if (ops->step(s, e) != DB_ROW) {
		ops->reset(s);
		goto out_rollback;
	}
	rp->id = ops->col_int(s, 0);
	ops->reset(s);
	if (risk_get(st, &all, rp->id, rp, e) != 0 ||
	    assessment_insert(st, a, rp->id, &rp->input, rp->score100, -1, rp->level, reason, e) != 0 ||
	    risk_audit(st, a, "risk.create", rp, e) != 0 || count_add(st, rp, rp->level, 1, e) != 0 ||
	    st_risk_colour_refresh(st, rp->enterprise_id, e) != 0)
		goto out_rollback;
	rc = st_commit(st, e);
	goto out_free;
out_rollback:
	st_rollback(st);
out_free:
	free(ent);
	return rc;
}

int
store_risk_update(struct store *st, const struct actor *a, const struct scope *sc,
		  struct risk_point *rp, struct error *e)
{
	struct db_stmt *s;
	struct risk_point *cur = malloc(sizeof(*cur));
	struct scope all;
	char now[TIME_LEN];
	int rc = -1;

	if (cur == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		goto out_free;
	if (risk_get(st, sc, rp->id, cur, e) != 0)
		goto out_rollback;
	if (cur->version != rp->version) {
		err_set(e, ERR_STALE, "version", "risk point %lld is at version %lld, not %lld",
			(long long)rp->id, (long long)cur->version, (long long)rp->version);
		goto out_rollback;
	}
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_RISK_UPDATE, e)) == NULL ||
	    st_bindf(st, s, e, "ititti" "ttttt" "ittit", rp->id, rp->name, (int64_t)rp->kind, rp->location,
		     rp->hazard_factors, (int64_t)rp->accident_types, rp->measures[0],
		     rp->measures[1], rp->measures[2], rp->measures[3], rp->measures[4],
		     (int64_t)rp->tier, rp->responsible, rp->review_on, (int64_t)(rp->active != 0),
		     now) != 0 ||
	    st->db->ops->bind_int(s, 17, rp->version, e) != 0 ||
	    st_exec_one(st, s, "the risk point", e) != 0)
		goto out_rollback;
	if (risk_get(st, &all, rp->id, rp, e) != 0 ||
	    risk_audit(st, a, cur->active && !rp->active ? "risk.retire" : "risk.update", rp, e) != 0 ||
	    (cur->active != rp->active && (count_add(st, rp, rp->level, rp->active ? 1 : -1, e) != 0 ||
					   items_follow(st, rp->id, rp->active, e) != 0)) ||
	    st_risk_colour_refresh(st, rp->enterprise_id, e) != 0)
		goto out_rollback;
	rc = st_commit(st, e);
	goto out_free;
out_rollback:
	st_rollback(st);
out_free:
	free(cur);
	return rc;
}

int
store_risk_assess(struct store *st, const struct actor *a, const struct scope *sc, int64_t id,
		  int64_t version, const struct risk_input *in, const struct risk_score *score,
		  const char *reason, const char *review_on, struct risk_point *out,
		  struct error *e)
{
	struct db_stmt *s;
	struct scope all;
	char now[TIME_LEN], review[DATE_LEN];
	enum risk_level before;

	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		return -1;
	if (risk_get(st, sc, id, out, e) != 0)
		goto out_rollback;
	if (out->version != version) {
		err_set(e, ERR_STALE, "version", "risk point %lld is at version %lld, not %lld",
			(long long)id, (long long)out->version, (long long)version);
		goto out_rollback;
	}
	if (!out->active) {
		err_set(e, ERR_CONFLICT, "id", "risk point %lld is retired", (long long)id);
		goto out_rollback;
	}
	before = out->level;
	snprintf(review, sizeof(review), "%s", review_on != NULL ? review_on : out->review_on);
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_RISK_ASSESS, e)) == NULL ||
	    st_bindf(st, s, e, "iiiiiiiiitti", id, (int64_t)in->method, (int64_t)in->l10,
		     (int64_t)in->e10, (int64_t)in->c, (int64_t)in->l, (int64_t)in->s,
		     score->score100, (int64_t)score->level, review, now, version) != 0 ||
	    st_exec_one(st, s, "the risk point", e) != 0)
		goto out_rollback;
	if (risk_get(st, &all, id, out, e) != 0 ||
	    assessment_insert(st, a, id, in, score->score100, (int)before, score->level, reason, e) != 0 ||
	    risk_audit(st, a, "risk.assess", out, e) != 0 ||
	    (before != out->level &&
	     (count_add(st, out, before, -1, e) != 0 || count_add(st, out, out->level, 1, e) != 0)) ||
	    st_risk_colour_refresh(st, out->enterprise_id, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

static int
risk_bind_filter(struct store *st, struct db_stmt *s, const struct scope *sc,
		 const struct risk_filter *f, struct error *e)
{
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";

	if (f->region[0] != '\0' && region_range(f->region, lo, hi) != 0)
		return err_set(e, ERR_INVALID, "region", "bad region code '%s'", f->region);
	if (st_bind_scope(st, s, sc, e) != 0)
		return -1;
	return st->db->ops->bind_int(s, 5, f->enterprise_id, e) ||
	       st->db->ops->bind_int(s, 6, f->industry_id, e) ||
	       st->db->ops->bind_text(s, 7, lo, e) || st->db->ops->bind_text(s, 8, hi, e) ||
	       st->db->ops->bind_int(s, 9, f->level, e) || st->db->ops->bind_int(s, 10, f->kind, e) ||
	       st->db->ops->bind_int(s, 11, f->include_retired != 0, e) ||
	       st->db->ops->bind_text(s, 12, f->q, e) ? -1 : 0;
}

int
store_risk_list(struct store *st, const struct scope *sc, const struct risk_filter *f,
		int (*cb)(const struct risk_point *, void *), void *arg, int64_t *total, int *more,
		struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct risk_point *rp;
	enum db_step r = DB_DONE;
	int n = 0, limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50, rc = -1;

	if (more)
		*more = 0;
	if (total != NULL) {
		if ((s = st_stmt(st, STMT_RISK_COUNT, e)) == NULL || risk_bind_filter(st, s, sc, f, e) != 0 ||
		    st_count(st, s, total, e) != 0)
			return -1;
	}
	if (cb == NULL)
		return 0;
	if ((rp = malloc(sizeof(*rp))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if ((s = st_stmt(st, STMT_RISK_LIST, e)) == NULL || risk_bind_filter(st, s, sc, f, e) != 0 ||
	    ops->bind_int(s, 13, f->after_id, e) != 0 || ops->bind_int(s, 14, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		read_risk(st, s, rp);
		if (cb(rp, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(rp);
	return rc;
}

int
store_risk_assessments(struct store *st, const struct scope *sc, int64_t id,
		       int (*cb)(const struct risk_assessment *, void *), void *arg,
		       struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct risk_point *rp = malloc(sizeof(*rp));
	struct risk_assessment ra;
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int rc = -1;

	if (rp == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (risk_get(st, sc, id, rp, e) != 0 || (s = st_stmt(st, STMT_RISK_ASSESSMENTS, e)) == NULL ||
	    st_bindf(st, s, e, "i", id) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		int before;

		memset(&ra, 0, sizeof(ra));
		ra.id = ops->col_int(s, 0);
		ra.risk_id = ops->col_int(s, 1);
		st_col_copy(st, s, 2, ra.at, sizeof(ra.at));
		ra.actor_id = ops->col_int(s, 3);
		st_col_copy(st, s, 4, ra.actor, sizeof(ra.actor));
		read_input(st, s, 5, &ra.input);
		ra.score100 = ops->col_int(s, 11);
		before = (int)ops->col_int(s, 12);
		ra.level_before = before >= 0 && before < RL__MAX ? before : -1;
		ra.level_after = (enum risk_level)enum_col(st, s, 13, RL__MAX);
		st_col_copy(st, s, 14, ra.reason, sizeof(ra.reason));
		if (cb(&ra, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(rp);
	return rc;
}

/* ---- check items ---- */

static int
item_get(struct store *st, const struct scope *sc, int64_t id, struct check_item *out,
	 struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_CHECK_ITEM_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_item(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no check item %lld", (long long)id);
	return 0;
}

int
store_check_item_get(struct store *st, const struct scope *sc, int64_t id, struct check_item *out,
		     struct error *e)
{
	return item_get(st, sc, id, out, e);
}

static int
item_audit(struct store *st, const struct actor *a, const char *action,
	   const struct check_item *it, struct error *e)
{
	struct sbuf b = { 0 };

	snap_item(it, &b);
	return st_audit_snap(st, a, it->region_code, action, "check_item", it->id, &b, e);
}

/* The count of the enterprise's colour moves from one region and industry
 * to another (no colour is not counted). */
static int
colour_count_move(struct store *st, const char *colour, const char *from_region,
		  int64_t from_industry, const char *to_region, int64_t to_industry,
		  struct error *e)
{
	struct db_stmt *s;

	if (colour[0] == '\0')
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		if ((s = st_stmt(st, STMT_COLOUR_COUNT_ADD, e)) == NULL ||
		    st_bindf(st, s, e, "titi", pass == 0 ? from_region : to_region,
			     pass == 0 ? from_industry : to_industry, colour,
			     (int64_t)(pass == 0 ? -1 : 1)) != 0 ||
		    st_exec(st, s, e) != 0)
			return -1;
	}
	return 0;
}

/* Risk point id takes the enterprise's new region and industry; an active
 * one's count moves with it. rp is scratch. */
static int
risk_move(struct store *st, const struct actor *a, int64_t id, const char *to_region,
	  int64_t to_industry, struct risk_point *rp, struct error *e)
{
	struct db_stmt *s;
	struct scope all;

	st_scope_all(&all);
	if (risk_get(st, &all, id, rp, e) != 0 ||
	    (rp->active && count_add(st, rp, rp->level, -1, e) != 0) ||
	    (s = st_stmt(st, STMT_RISK_MOVE, e)) == NULL ||
	    st_bindf(st, s, e, "iti", id, to_region, to_industry) != 0 || st_exec(st, s, e) != 0 ||
	    risk_get(st, &all, id, rp, e) != 0 ||
	    (rp->active && count_add(st, rp, rp->level, 1, e) != 0))
		return -1;
	return risk_audit(st, a, "risk.follow_org", rp, e);
}

int
st_risks_follow_org(struct store *st, const struct actor *a, int64_t org_id,
		    const char *from_region, int64_t from_industry, const char *to_region,
		    int64_t to_industry, const char *colour, struct error *e)
{
	struct risk_point *rp = malloc(sizeof(*rp));
	struct check_item *it = malloc(sizeof(*it));
	struct db_stmt *s;
	struct scope all;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = -1;

	st_scope_all(&all);
	if (rp == NULL || it == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	if (st_ids_of(st, STMT_RISK_IDS_OF_ENTERPRISE, org_id, &ids, &n, e) != 0)
		goto out_free;
	for (size_t i = 0; i < n; i++)
		if (risk_move(st, a, ids[i], to_region, to_industry, rp, e) != 0)
			goto out_free;
	free(ids);
	if (st_ids_of(st, STMT_CHECK_ITEM_IDS_OF_ENTERPRISE, org_id, &ids, &n, e) != 0)
		goto out_free;
	for (size_t i = 0; i < n; i++) {
		if ((s = st_stmt(st, STMT_CHECK_ITEM_MOVE, e)) == NULL ||
		    st_bindf(st, s, e, "iti", ids[i], to_region, to_industry) != 0 ||
		    st_exec(st, s, e) != 0 || item_get(st, &all, ids[i], it, e) != 0 ||
		    item_audit(st, a, "check_item.follow_org", it, e) != 0)
			goto out_free;
	}
	if ((s = st_stmt(st, STMT_CHECK_TASKS_MOVE, e)) == NULL ||
	    st_bindf(st, s, e, "iti", org_id, to_region, to_industry) != 0 || st_exec(st, s, e) != 0 ||
	    colour_count_move(st, colour, from_region, from_industry, to_region, to_industry, e) != 0)
		goto out_free;
	rc = 0;
out_free:
	free(ids);
	free(rp);
	free(it);
	return rc;
}

/*
 * Make the tasks of cadence c's period holding today for the live items
 * that statement `which` picks: STMT_CHECK_TASKS_GENERATE those of the
 * enterprises with ids in (a, b], _RISK those of risk point a, _ITEM item
 * a. *made (may be NULL) grows by how many were new.
 */
static int
generate(struct store *st, enum cadence c, int32_t today, enum stmt_id which, int64_t a,
	 int64_t b, int64_t *made, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct check_period p;
	struct db_stmt *s;
	char start[DATE_LEN], due[DATE_LEN], now[TIME_LEN];

	check_period_of(c, today, &p);
	date_format(p.start, start);
	date_format(p.due, due);
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, which, e)) == NULL ||
	    st_bindf(st, s, e, which == STMT_CHECK_TASKS_GENERATE ? "ittttii" : "itttti", (int64_t)c,
		     p.key, start, due, now, a, b) != 0)
		return -1;
	if (ops->step(s, e) == DB_ERROR) {
		ops->reset(s);
		return -1;
	}
	if (made != NULL)
		*made += ops->changes(s);
	ops->reset(s);
	return 0;
}

/* Today in Asia/Shanghai by the store's clock. */
static int32_t
store_today(void)
{
	char now[TIME_LEN];
	int32_t d = 0;

	store_now(now, sizeof(now));
	date_of_instant(now, &d);
	return d;
}

/*
 * Risk point id became active (or retired): its items follow (live), and
 * once active again they get the tasks of the periods holding today, as a
 * new item does.
 */
static int
items_follow(struct store *st, int64_t risk_id, int active, struct error *e)
{
	struct db_stmt *s;

	if ((s = st_stmt(st, STMT_CHECK_ITEMS_LIVE, e)) == NULL ||
	    st_bindf(st, s, e, "ii", risk_id, (int64_t)(active != 0)) != 0 || st_exec(st, s, e) != 0)
		return -1;
	for (int c = 0; active && c < CAD__MAX; c++)
		if (generate(st, (enum cadence)c, store_today(), STMT_CHECK_TASKS_GENERATE_RISK,
			     risk_id, 0, NULL, e) != 0)
			return -1;
	return 0;
}

int
store_check_item_create(struct store *st, const struct actor *a, const struct scope *sc,
			struct check_item *it, int32_t today, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct risk_point *rp = malloc(sizeof(*rp));
	struct db_stmt *s;
	struct scope all;
	char now[TIME_LEN];
	int rc = -1;

	if (rp == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		goto out_free;
	if (risk_get(st, sc, it->risk_id, rp, e) != 0) {
		if (e != NULL && e->code == ERR_NOT_FOUND)
			snprintf(e->field, sizeof(e->field), "risk_id");
		goto out_rollback;
	}
	if (!rp->active) {
		err_set(e, ERR_CONFLICT, "risk_id", "risk point %lld is retired", (long long)rp->id);
		goto out_rollback;
	}
	it->enterprise_id = rp->enterprise_id;
	it->industry_id = rp->industry_id;
	memcpy(it->region_code, rp->region_code, sizeof(it->region_code));
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_CHECK_ITEM_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "iitiittiitt", it->risk_id, it->enterprise_id, it->region_code,
		     it->industry_id, (int64_t)it->measure, it->what, it->how, (int64_t)it->cadence,
		     (int64_t)it->tier, it->responsible, now) != 0 ||
	    (it->industry_id == 0 && ops->bind_null(s, 4, e) != 0))
		goto out_rollback;
	if (ops->step(s, e) != DB_ROW) {
		ops->reset(s);
		goto out_rollback;
	}
	it->id = ops->col_int(s, 0);
	ops->reset(s);
	if (item_get(st, &all, it->id, it, e) != 0 || item_audit(st, a, "check_item.create", it, e) != 0 ||
	    generate(st, it->cadence, today, STMT_CHECK_TASKS_GENERATE_ITEM, it->id, 0, NULL, e) != 0)
		goto out_rollback;
	rc = st_commit(st, e);
	goto out_free;
out_rollback:
	st_rollback(st);
out_free:
	free(rp);
	return rc;
}

int
store_check_item_update(struct store *st, const struct actor *a, const struct scope *sc,
			struct check_item *it, struct error *e)
{
	struct db_stmt *s;
	struct check_item cur;
	struct scope all;
	char now[TIME_LEN];

	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		return -1;
	if (item_get(st, sc, it->id, &cur, e) != 0)
		goto out_rollback;
	if (cur.version != it->version) {
		err_set(e, ERR_STALE, "version", "check item %lld is at version %lld, not %lld",
			(long long)it->id, (long long)cur.version, (long long)it->version);
		goto out_rollback;
	}
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_CHECK_ITEM_UPDATE, e)) == NULL ||
	    st_bindf(st, s, e, "iittiititi", it->id, (int64_t)it->measure, it->what, it->how,
		     (int64_t)it->cadence, (int64_t)it->tier, it->responsible,
		     (int64_t)(it->active != 0), now, it->version) != 0 ||
	    st_exec_one(st, s, "the check item", e) != 0)
		goto out_rollback;
	if (item_get(st, &all, it->id, it, e) != 0 ||
	    item_audit(st, a, cur.active && !it->active ? "check_item.retire" : "check_item.update",
		       it, e) != 0)
		goto out_rollback;
	/* Active again, or on another cadence: the task of the period holding
	 * today, as a new item gets. */
	if (it->active && (!cur.active || cur.cadence != it->cadence) &&
	    generate(st, it->cadence, store_today(), STMT_CHECK_TASKS_GENERATE_ITEM, it->id, 0, NULL, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_check_item_list(struct store *st, const struct scope *sc, const struct check_item_filter *f,
		      int (*cb)(const struct check_item *, void *), void *arg, int64_t *total,
		      int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct check_item *it;
	enum db_step r = DB_DONE;
	int n = 0, limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50, rc = -1;

	if (more)
		*more = 0;
	if (total != NULL &&
	    ((s = st_stmt(st, STMT_CHECK_ITEM_COUNT, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	     ops->bind_int(s, 5, f->risk_id, e) != 0 || ops->bind_int(s, 6, f->enterprise_id, e) != 0 ||
	     ops->bind_int(s, 7, f->cadence, e) != 0 ||
	     ops->bind_int(s, 8, f->include_inactive != 0, e) != 0 || st_count(st, s, total, e) != 0))
		return -1;
	if (cb == NULL)
		return 0;
	if ((it = malloc(sizeof(*it))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if ((s = st_stmt(st, STMT_CHECK_ITEM_LIST, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 5, f->risk_id, e) != 0 || ops->bind_int(s, 6, f->enterprise_id, e) != 0 ||
	    ops->bind_int(s, 7, f->cadence, e) != 0 ||
	    ops->bind_int(s, 8, f->include_inactive != 0, e) != 0 ||
	    ops->bind_int(s, 9, f->after_id, e) != 0 || ops->bind_int(s, 10, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		read_item(st, s, it);
		if (cb(it, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(it);
	return rc;
}

/* ---- check tasks and records ---- */

static int
task_get(struct store *st, const struct scope *sc, int64_t id, struct check_task *out,
	 struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_CHECK_TASK_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_task(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no check task %lld", (long long)id);
	return 0;
}

int
store_check_task_get(struct store *st, const struct scope *sc, int64_t id, struct check_task *out,
		     struct error *e)
{
	return task_get(st, sc, id, out, e);
}

static int
task_bind_filter(struct store *st, struct db_stmt *s, const struct scope *sc,
		 const struct check_task_filter *f, struct error *e)
{
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";

	if (f->region[0] != '\0' && region_range(f->region, lo, hi) != 0)
		return err_set(e, ERR_INVALID, "region", "bad region code '%s'", f->region);
	if (st_bind_scope(st, s, sc, e) != 0)
		return -1;
	return st->db->ops->bind_int(s, 5, f->enterprise_id, e) ||
	       st->db->ops->bind_int(s, 6, f->risk_id, e) ||
	       st->db->ops->bind_int(s, 7, f->item_id, e) || st->db->ops->bind_text(s, 8, lo, e) ||
	       st->db->ops->bind_text(s, 9, hi, e) || st->db->ops->bind_int(s, 10, f->status, e) ||
	       st->db->ops->bind_int(s, 11, f->missed_only != 0, e) ||
	       st->db->ops->bind_text(s, 12, f->today, e) ? -1 : 0;
}

int
store_check_task_list(struct store *st, const struct scope *sc, const struct check_task_filter *f,
		      int (*cb)(const struct check_task *, void *), void *arg, int64_t *total,
		      int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct check_task *t;
	enum db_step r = DB_DONE;
	int n = 0, limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50, rc = -1;

	if (more)
		*more = 0;
	if (total != NULL &&
	    ((s = st_stmt(st, STMT_CHECK_TASK_COUNT, e)) == NULL ||
	     task_bind_filter(st, s, sc, f, e) != 0 || st_count(st, s, total, e) != 0))
		return -1;
	if (cb == NULL)
		return 0;
	if ((t = malloc(sizeof(*t))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if ((s = st_stmt(st, STMT_CHECK_TASK_LIST, e)) == NULL || task_bind_filter(st, s, sc, f, e) != 0 ||
	    ops->bind_int(s, 13, f->after_id, e) != 0 || ops->bind_int(s, 14, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		read_task(st, s, t);
		if (cb(t, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(t);
	return rc;
}

/* Report the hazard of a "hazard" answer: found today by the checker. */
static int
record_hazard(struct store *st, const struct actor *a, const struct scope *sc,
	      const struct check_task *t, const struct check_answer *ans, int32_t today,
	      struct error *e)
{
	struct hazard *h = ans->hazard;
	struct sbuf b = { 0 };

	h->enterprise_id = t->enterprise_id;
	h->source = HS_SELF_CHECK;
	h->found_by = a ? a->user_id : 0;
	date_format(today, h->found_at);
	if (h->title[0] == '\0')
		snprintf(h->title, sizeof(h->title), "%.*s", (int)utf8_prefix(t->what, 300), t->what);
	/* The hazard says where it came from: the risk point and the check. */
	sbuf_adds(&b, h->description);
	if (h->description[0] != '\0')
		sbuf_adds(&b, "\n");
	sbuf_addf(&b, "排查发现：风险点「%.*s」，排查项「%.*s」（%s，排查任务 %lld）",
		  (int)utf8_prefix(t->risk_name, 600), t->risk_name, (int)utf8_prefix(t->what, 900),
		  t->what, t->period, (long long)t->id);
	snprintf(h->description, sizeof(h->description), "%.*s",
		 (int)utf8_prefix(sbuf_str(&b), sizeof(h->description) - 1), sbuf_str(&b));
	sbuf_free(&b);
	return store_hazard_create(st, a, sc, ans->who, today, h, NULL, e);
}

int
store_check_record(struct store *st, const struct actor *a, const struct scope *sc, int64_t id,
		   const struct check_answer *ans, int32_t today, struct check_task *out,
		   struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct scope all;
	struct sbuf b = { 0 };
	char now[TIME_LEN], today_s[DATE_LEN];
	int64_t hazard_id = 0, rec_id;
	int late;

	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		return -1;
	if (task_get(st, sc, id, out, e) != 0)
		goto out_rollback;
	if (out->status != CTS_PENDING) {
		err_set(e, ERR_CONFLICT, "id", "check task %lld is already recorded", (long long)id);
		goto out_rollback;
	}
	if (ans->result == CR_HAZARD) {
		if (ans->hazard == NULL) {
			err_set(e, ERR_INVALID, "hazard", "a 'hazard' answer needs the hazard");
			goto out_rollback;
		}
		if (record_hazard(st, a, sc, out, ans, today, e) != 0)
			goto out_rollback;
		hazard_id = ans->hazard->id;
	}
	date_format(today, today_s);
	late = strcmp(today_s, out->due) > 0;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_CHECK_RECORD_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "iitiiti", id, (int64_t)ans->result, ans->note ? ans->note : "",
		     hazard_id, a ? a->user_id : (int64_t)0, now, (int64_t)late) != 0 ||
	    (hazard_id == 0 && ops->bind_null(s, 4, e) != 0))
		goto out_rollback;
	if (ops->step(s, e) != DB_ROW) {
		ops->reset(s);
		if (e != NULL && e->code == ERR_NONE)
			err_set(e, ERR_CONFLICT, "id", "check task %lld is already recorded", (long long)id);
		goto out_rollback;
	}
	rec_id = ops->col_int(s, 0);
	ops->reset(s);
	if ((s = st_stmt(st, STMT_CHECK_TASK_DONE, e)) == NULL || st_bindf(st, s, e, "i", id) != 0 ||
	    st_exec_one(st, s, "the check task", e) != 0)
		goto out_rollback;
	if (task_get(st, &all, id, out, e) != 0)
		goto out_rollback;
	sbuf_kvi(&b, "task_id", id);
	sbuf_kvi(&b, "item_id", out->item_id);
	sbuf_kvi(&b, "risk_id", out->risk_id);
	sbuf_kv(&b, "period", out->period);
	sbuf_kv(&b, "result", check_result_names[out->result]);
	sbuf_kv(&b, "note", out->note);
	sbuf_kvi(&b, "hazard_id", out->hazard_id);
	sbuf_kvi(&b, "late", out->late);
	if (st_audit_snap(st, a, out->region_code, "check_task.record", "check_record", rec_id, &b, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

/* About this many items a page (one transaction): writers wait for one
 * page at most. */
#define GEN_PAGE 100000
#define GEN_JOB "check_tasks"

int
store_jobs_check_tasks(struct store *st, int32_t today, struct check_generate_report *out,
		       struct error *e)
{
	return store_jobs_check_tasks_paged(st, today, GEN_PAGE, out, e);
}

static int generate_pages(struct store *st, int32_t today, int64_t page,
			  struct check_generate_report *out, struct error *e);

int
store_jobs_check_tasks_paged(struct store *st, int32_t today, int64_t page,
			     struct check_generate_report *out, struct error *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (st_bulk_cache(st, 1, e) != 0)
		return -1;
	rc = generate_pages(st, today, page, out, e);
	st_bulk_cache(st, 0, NULL);
	return rc;
}

static int
generate_pages(struct store *st, int32_t today, int64_t page, struct check_generate_report *out,
	       struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct check_period now_p[CAD__MAX], last_p;
	struct db_stmt *s;
	enum db_step r;
	int64_t max_id = 0, max_ent = 0, width;
	int32_t last = -1;
	int due[CAD__MAX], any = 0;
	char day[DATE_LEN], last_s[DATE_LEN] = "";

	if ((s = st_stmt(st, STMT_CHECK_ITEM_MAX_ID, e)) == NULL)
		return -1;
	if ((r = ops->step(s, e)) == DB_ROW) {
		max_id = ops->col_int(s, 0);
		max_ent = ops->col_int(s, 1);
	}
	ops->reset(s);
	if (r == DB_ERROR || (s = st_stmt(st, STMT_CHECK_JOB_DAY, e)) == NULL ||
	    st_bindf(st, s, e, "t", GEN_JOB) != 0)
		return -1;
	if ((r = ops->step(s, e)) == DB_ROW)
		st_col_copy(st, s, 0, last_s, sizeof(last_s));
	ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (date_parse(last_s, &last) != 0)
		last = -1;
	date_format(today, day);
	/* A cadence whose period has not changed since the last run has
	 * nothing to make: every item had its task then, and items made or
	 * revived since got theirs. */
	for (int c = 0; c < CAD__MAX; c++) {
		check_period_of((enum cadence)c, today, &now_p[c]);
		due[c] = 1;
		if (last >= 0) {
			check_period_of((enum cadence)c, last, &last_p);
			due[c] = strcmp(now_p[c].key, last_p.key) != 0;
		}
		any |= due[c];
	}
	/* Pages of enterprises, each its own transaction with its audit event,
	 * every due cadence in it: the tasks of one page sit together in the
	 * tasks' enterprise index whatever order the items were made in, and a
	 * rerun (or a run after a crash) makes only what is still missing. The
	 * width assumes items spread evenly over the enterprise ids. */
	width = max_id > page ? max_ent * page / max_id : max_ent;
	if (width < 1)
		width = 1;
	for (int64_t after = 0; any && after < max_ent; after += width) {
		int64_t made = 0;
		struct sbuf b = { 0 };

		if (st_begin(st, e) != 0)
			return -1;
		sbuf_kv(&b, "day", day);
		sbuf_addf(&b, "enterprises=%lld-%lld\n", (long long)after + 1, (long long)(after + width));
		for (int c = 0; c < CAD__MAX; c++) {
			int64_t n = 0;

			if (!due[c])
				continue;
			if (generate(st, (enum cadence)c, today, STMT_CHECK_TASKS_GENERATE, after,
				     after + width, &n, e) != 0)
				goto out_rollback;
			if (n > 0)
				sbuf_addf(&b, "%s=%lld\n", now_p[c].key, (long long)n);
			made += n;
		}
		if (made > 0) {
			sbuf_kvi(&b, "created", made);
			if (st_audit_snap(st, NULL, "", "check_task.generate", "check_tasks",
					  after / width, &b, e) != 0)
				goto out_rollback;
		}
		sbuf_free(&b);
		if (st_commit(st, e) != 0)
			return -1;
		out->created += made;
		continue;
out_rollback:
		sbuf_free(&b);
		st_rollback(st);
		return -1;
	}
	if ((s = st_stmt(st, STMT_CHECK_JOB_DAY_SET, e)) == NULL || st_bindf(st, s, e, "tt", GEN_JOB, day) != 0)
		return -1;
	if (st_begin(st, e) != 0)
		return -1;
	if (st_exec(st, s, e) != 0) {
		st_rollback(st);
		return -1;
	}
	return st_commit(st, e);
}

/* ---- audit verify ---- */

int
st_risk_rows(struct store *st, const char *otype,
	     int (*cb)(int64_t id, const struct sbuf *snap, void *), void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	int risk = strcmp(otype, "risk_point") == 0;
	struct risk_point *rp = malloc(sizeof(*rp));
	struct check_item *it = malloc(sizeof(*it));
	struct sbuf b = { 0 };
	struct db_stmt *s;
	enum db_step r = DB_DONE;
	int64_t after = 0;
	int n, stop = 0, rc = -1;

	if (rp == NULL || it == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	do {
		n = 0;
		if ((s = st_stmt(st, risk ? STMT_RISK_ALL : STMT_CHECK_ITEM_ALL, e)) == NULL ||
		    st_bindf(st, s, e, "ii", after, (int64_t)1000) != 0)
			goto out_free;
		while (!stop && (r = ops->step(s, e)) == DB_ROW) {
			sbuf_reset(&b);
			if (risk) {
				read_risk(st, s, rp);
				snap_risk(rp, &b);
				after = rp->id;
			} else {
				read_item(st, s, it);
				snap_item(it, &b);
				after = it->id;
			}
			stop = cb(after, &b, arg) != 0;
			n++;
		}
		ops->reset(s);
		if (r == DB_ERROR)
			goto out_free;
	} while (!stop && n == 1000);
	rc = 0;
out_free:
	sbuf_free(&b);
	free(rp);
	free(it);
	return rc;
}

/* ---- four-colour statistics ---- */

/* The rows of one group, found by key; `last` remembers the previous hit,
 * since the counts arrive mostly in region order. */
struct stats_acc {
	struct risk_stats_row *rows;
	size_t n, cap, last;
};

static struct risk_stats_row *
stats_row(struct stats_acc *acc, const char *key)
{
	if (acc->last < acc->n && strcmp(acc->rows[acc->last].key, key) == 0)
		return &acc->rows[acc->last];
	for (size_t i = 0; i < acc->n; i++)
		if (strcmp(acc->rows[i].key, key) == 0)
			return &acc->rows[acc->last = i];
	if (acc->n == acc->cap) {
		size_t cap = acc->cap ? acc->cap * 2 : 32;
		struct risk_stats_row *nr = realloc(acc->rows, cap * sizeof(*nr));

		if (nr == NULL)
			return NULL;
		acc->rows = nr;
		acc->cap = cap;
	}
	memset(&acc->rows[acc->n], 0, sizeof(acc->rows[0]));
	snprintf(acc->rows[acc->n].key, sizeof(acc->rows[0].key), "%s", key);
	acc->last = acc->n;
	return &acc->rows[acc->n++];
}

/* Keys of equal-length digits compare as numbers: shorter ones first. */
static int
stats_key_cmp(const void *a, const void *b)
{
	const char *ka = ((const struct risk_stats_row *)a)->key;
	const char *kb = ((const struct risk_stats_row *)b)->key;
	size_t la = strlen(ka), lb = strlen(kb);

	return la != lb ? (la < lb ? -1 : 1) : strcmp(ka, kb);
}

/* The level a colour name counts under, or -1 (no colour yet). */
static int
colour_index(const char *name)
{
	for (int k = 0; k < RL__MAX; k++)
		if (strcmp(name, risk_colour_names[k]) == 0)
			return k;
	return -1;
}

/* Adds n at level k of the row for key in acc: n[] for risk points
 * (pass 0), enterprises[] for enterprises (pass 1). */
static int
stats_add(struct stats_acc *acc, const char *key, int pass, int k, int64_t n)
{
	struct risk_stats_row *row = stats_row(acc, key);

	if (row == NULL)
		return -1;
	if (pass == 0)
		row->n[k] += n;
	else
		row->enterprises[k] += n;
	return 0;
}

int
store_risk_stats(struct store *st, const struct scope *sc, const char *region, int64_t industry,
		 int (*cb)(enum risk_stats_group g, const struct risk_stats_row *, void *),
		 void *arg, struct error *e)
{
	static const int child_prefix[] = { 4, 6, 9, 12, 12 };
	const struct db_ops *ops = st->db->ops;
	struct stats_acc acc[RSG__MAX] = { { 0 } };
	struct db_stmt *s;
	enum db_step r = DB_DONE;
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";
	char child[REGION_CODE_LEN + 1], ind[24];
	int level, child_len, rc = -1;

	if (region != NULL && region[0] != '\0') {
		if (region_range(region, lo, hi) != 0)
			return err_set(e, ERR_INVALID, "region", "bad region code '%s'", region);
		level = region_level_of(region);
	} else {
		level = sc->all ? -1 : region_level_of(sc->region_lo);
	}
	child_len = level < 0 ? 2 : child_prefix[level];
	if (stats_row(&acc[RSG_TOTAL], "") == NULL)
		goto out_oom;
	/* Two reads: risk points by level, then enterprises by colour, each
	 * row (region, industry, level or colour, count) added to its total,
	 * child region and industry. */
	for (int pass = 0; pass < 2; pass++) {
		/* From the kept counts, but an enterprise's own from its rows
		 * (the counts know no enterprise). */
		enum stmt_id id = pass == 1 ? (sc->own_org_only ? STMT_RISK_STATS_ORGS_SCAN
							 : STMT_RISK_STATS_ORGS)
				  : sc->own_org_only ? STMT_RISK_STATS_SCAN : STMT_RISK_STATS;

		if ((s = st_stmt(st, id, e)) == NULL ||
		    st_bind_scope(st, s, sc, e) != 0 ||
		    ops->bind_text(s, 5, lo, e) != 0 ||
		    ops->bind_text(s, 6, hi, e) != 0 || ops->bind_int(s, 7, industry, e) != 0)
			goto out_free;
		while ((r = ops->step(s, e)) == DB_ROW) {
			int k = pass == 0 ? (int)ops->col_int(s, 2) : colour_index(ops->col_text(s, 2));
			int64_t n = ops->col_int(s, 3);

			if (k < 0 || k >= RL__MAX)
				continue;
			snprintf(child, sizeof(child), "%.*s", child_len, ops->col_text(s, 0));
			snprintf(ind, sizeof(ind), "%lld", (long long)ops->col_int(s, 1));
			if (stats_add(&acc[RSG_TOTAL], "", pass, k, n) != 0 ||
			    stats_add(&acc[RSG_CHILD_REGION], child, pass, k, n) != 0 ||
			    stats_add(&acc[RSG_INDUSTRY], ind, pass, k, n) != 0) {
				ops->reset(s);
				goto out_oom;
			}
		}
		ops->reset(s);
		if (r == DB_ERROR)
			goto out_free;
	}
	for (int g = 0; g < RSG__MAX; g++) {
		if (acc[g].n > 1)
			qsort(acc[g].rows, acc[g].n, sizeof(acc[g].rows[0]), stats_key_cmp);
		for (size_t i = 0; i < acc[g].n; i++)
			if (cb((enum risk_stats_group)g, &acc[g].rows[i], arg) != 0)
				goto done;
	}
done:
	rc = 0;
	goto out_free;
out_oom:
	err_set(e, ERR_INTERNAL, NULL, "out of memory");
out_free:
	for (int g = 0; g < RSG__MAX; g++)
		free(acc[g].rows);
	return rc;
}

/* ---- the four-colour map ---- */

int
store_risk_map(struct store *st, const struct scope *sc, const struct risk_map_filter *f,
	       int (*cb)(const struct risk_map_point *, void *), void *arg, int64_t *unplaced,
	       int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r = DB_DONE;
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";
	const char *colour = f->colour >= 0 && f->colour < RL__MAX ? risk_colour_names[f->colour] : "";
	int64_t n = 0;
	int stop = 0;

	*unplaced = 0;
	*more = 0;
	assert(f->limit > 0);
	if (f->region != NULL && f->region[0] != '\0' && region_range(f->region, lo, hi) != 0)
		return err_set(e, ERR_INVALID, "region", "bad region code '%s'", f->region);
	if ((s = st_stmt(st, STMT_RISK_MAP_UNPLACED, e)) == NULL ||
	    st_bind_scope(st, s, sc, e) != 0 ||
	    st_bindf(st, s, e, "----ttit", lo, hi, f->industry, colour) != 0 ||
	    st_count(st, s, unplaced, e) != 0)
		return -1;
	/* One more than the limit says whether there were more. */
	if ((s = st_stmt(st, STMT_RISK_MAP, e)) == NULL ||
	    st_bind_scope(st, s, sc, e) != 0 ||
	    st_bindf(st, s, e, "----ttiti", lo, hi, f->industry, colour, f->limit + 1) != 0)
		return -1;
	while (!stop && (r = ops->step(s, e)) == DB_ROW) {
		struct risk_map_point p;
		int c = model_lookup(risk_colour_names, RL__MAX, ops->col_text(s, 3));

		if (++n > f->limit) {
			*more = 1;
			break;
		}
		p.id = ops->col_int(s, 0);
		p.lat = ops->col_double(s, 1);
		p.lon = ops->col_double(s, 2);
		p.colour = c >= 0 ? (enum risk_level)c : RL_LOW;
		p.name = ops->col_text(s, 4);
		p.region_code = ops->col_text(s, 5);
		stop = cb(&p, arg) != 0;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}
