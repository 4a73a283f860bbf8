/*
 * store_assess.c — what the assessment (考核) of a plan reads: its
 * configuration (stored per plan, the defaults until someone sets one),
 * the plan's tasks with their reports and the actual values reported, and
 * the hazard facts of an org's scope. Scoring is core/assess.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

int
store_assess_config_get(struct store *st, const struct scope *sc, int64_t plan_id,
			struct assess_config_rec *out, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct plan_rec p;
	struct db_stmt *s;
	enum db_step r;

	if (store_plan_get(st, sc, plan_id, &p, e) != 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->plan_id = plan_id;
	assess_config_default(&out->c);
	if ((s = st_stmt(st, STMT_ASSESS_CONFIG_GET, e)) == NULL ||
	    st_bindf(st, s, e, "i", plan_id) != 0)
		return -1;
	if ((r = ops->step(s, e)) == DB_ROW) {
		for (int i = 0; i < AI__MAX; i++)
			out->c.weight[i] = (int)ops->col_int(s, i);
		for (int g = 0; g < AG_FAIL; g++)
			out->c.band[g] = (int)ops->col_int(s, AI__MAX + g);
		out->c.veto_major_overdue = (int)ops->col_int(s, 8) != 0;
		out->c.veto_task_days = (int)ops->col_int(s, 9);
		out->c.veto_cap = (enum assess_grade)ops->col_int(s, 10);
		if (out->c.veto_cap < AG_EXCELLENT || out->c.veto_cap >= AG__MAX)
			out->c.veto_cap = AG_GOOD;
		out->version = ops->col_int(s, 11);
		st_col_copy(st, s, 12, out->updated_at, sizeof(out->updated_at));
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

/* The configuration's canonical text for the audit chain. */
static void
snap_config(const struct assess_config_rec *r, struct sbuf *b)
{
	sbuf_kvi(b, "plan_id", r->plan_id);
	for (int i = 0; i < AI__MAX; i++)
		sbuf_addf(b, "weight.%s=%d\n", assess_ind_names[i], r->c.weight[i]);
	for (int g = 0; g < AG_FAIL; g++)
		sbuf_addf(b, "band.%s=%d\n", assess_grade_names[g], r->c.band[g]);
	sbuf_kvi(b, "veto_major_overdue", r->c.veto_major_overdue);
	sbuf_kvi(b, "veto_task_days", r->c.veto_task_days);
	sbuf_kv(b, "veto_cap", assess_grade_names[r->c.veto_cap]);
	sbuf_kvi(b, "version", r->version);
}

int
store_assess_config_put(struct store *st, const struct actor *a, const struct scope *sc,
			int64_t plan_id, const struct assess_config *c, int64_t version,
			struct assess_config_rec *out, struct error *e)
{
	struct assess_config_rec cur;
	struct plan_rec p;
	struct db_stmt *s;
	struct sbuf b = { 0 };
	char now[TIME_LEN];
	int64_t by = a ? a->user_id : 0;

	if (assess_config_check(c, e) != 0)
		return -1;
	store_now(now, sizeof(now));
	if (st_begin(st, e) != 0)
		return -1;
	if (store_plan_get(st, sc, plan_id, &p, e) != 0 ||
	    store_assess_config_get(st, sc, plan_id, &cur, e) != 0)
		goto out_rollback;
	if (cur.version != version) {
		err_set(e, ERR_STALE, "version", "the configuration is at version %lld, not %lld",
			(long long)cur.version, (long long)version);
		goto out_rollback;
	}
	if ((s = st_stmt(st, version == 0 ? STMT_ASSESS_CONFIG_INSERT : STMT_ASSESS_CONFIG_UPDATE,
			 e)) == NULL ||
	    st_bindf(st, s, e, "iiiiiiiiiiiiit", plan_id, (int64_t)c->weight[AI_REPORT_ON_TIME],
		     (int64_t)c->weight[AI_TASK_COMPLETION], (int64_t)c->weight[AI_TARGETS],
		     (int64_t)c->weight[AI_MAJOR_CLOSURE], (int64_t)c->weight[AI_HAZARD_OVERDUE],
		     (int64_t)c->band[AG_EXCELLENT], (int64_t)c->band[AG_GOOD],
		     (int64_t)c->band[AG_PASS], (int64_t)(c->veto_major_overdue != 0),
		     (int64_t)c->veto_task_days, (int64_t)c->veto_cap, by, now) != 0 ||
	    (version != 0 && st->db->ops->bind_int(s, 15, version, e) != 0) ||
	    st_exec_one(st, s, "the configuration", e) != 0 ||
	    store_assess_config_get(st, sc, plan_id, out, e) != 0)
		goto out_rollback;
	snap_config(out, &b);
	if (st_audit_snap(st, a, p.region_code, "plan.assessment_config", "assess_config", plan_id,
			  &b, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	sbuf_free(&b);
	st_rollback(st);
	return -1;
}

int
store_assess_tasks(struct store *st, const struct scope *sc, int64_t plan_id,
		   int (*cb)(const struct assess_task_row *, void *), void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct assess_task_row *t = malloc(sizeof(*t));
	struct plan_rec p;
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int rc = -1;

	if (t == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_plan_get(st, sc, plan_id, &p, e) != 0 ||
	    (s = st_stmt(st, STMT_ASSESS_TASKS, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 5, plan_id, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		int kind = (int)ops->col_int(s, 3);

		memset(t, 0, sizeof(*t));
		t->task_id = ops->col_int(s, 0);
		t->org_id = ops->col_int(s, 1);
		st_col_copy(st, s, 2, t->org_name, sizeof(t->org_name));
		t->org_kind = kind >= 0 && kind < ORG_KIND__MAX ? (enum org_kind)kind : ORG_DEPARTMENT;
		st_col_copy(st, s, 4, t->org_region, sizeof(t->org_region));
		t->node_seq = (int)ops->col_int(s, 5);
		st_col_copy(st, s, 6, t->title, sizeof(t->title));
		st_col_copy(st, s, 7, t->deadline, sizeof(t->deadline));
		st_col_copy(st, s, 8, t->created_at, sizeof(t->created_at));
		t->status = (int)ops->col_int(s, 9);
		t->percent = (int)ops->col_int(s, 10);
		st_col_copy(st, s, 11, t->role, sizeof(t->role));
		if (cb(t, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(t);
	return rc;
}

int
store_assess_reports(struct store *st, const struct scope *sc, int64_t plan_id,
		     int (*cb)(const struct assess_report_row *, void *), void *arg,
		     struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct assess_report_row row;
	struct plan_rec p;
	struct db_stmt *s;
	enum db_step r;

	if (store_plan_get(st, sc, plan_id, &p, e) != 0 ||
	    (s = st_stmt(st, STMT_ASSESS_REPORTS, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 5, plan_id, e) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(&row, 0, sizeof(row));
		row.task_id = ops->col_int(s, 0);
		st_col_copy(st, s, 1, row.period, sizeof(row.period));
		row.late = (int)ops->col_int(s, 2);
		row.percent = (int)ops->col_int(s, 3);
		st_col_copy(st, s, 4, row.submitted_at, sizeof(row.submitted_at));
		if (cb(&row, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
store_assess_actuals(struct store *st, const struct scope *sc, int64_t plan_id,
		     int (*cb)(const struct assess_actual_row *, void *), void *arg,
		     struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct assess_actual_row row;
	struct plan_rec p;
	struct db_stmt *s;
	enum db_step r;

	if (store_plan_get(st, sc, plan_id, &p, e) != 0 ||
	    (s = st_stmt(st, STMT_ASSESS_ACTUALS, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 5, plan_id, e) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(&row, 0, sizeof(row));
		row.task_id = ops->col_int(s, 0);
		row.target = (int)ops->col_int(s, 1);
		row.value = ops->col_double(s, 2);
		st_col_copy(st, s, 3, row.period, sizeof(row.period));
		if (cb(&row, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
store_assess_hazards(struct store *st, enum org_kind kind, int64_t org_id, const char *region,
		     const char *from, const char *as_of, struct assess_input *in,
		     struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct scope sc;
	struct db_stmt *s;
	enum db_step r;

	/* The org's own scope, as its users' would be (model.c). */
	memset(&sc, 0, sizeof(sc));
	if (region_range(region, sc.region_lo, sc.region_hi) != 0)
		return err_set(e, ERR_INTERNAL, NULL, "org %lld has a bad region", (long long)org_id);
	sc.org_id = org_id;
	sc.by_industry = kind == ORG_DEPARTMENT;
	sc.own_org_only = kind == ORG_ENTERPRISE;
	if ((s = st_stmt(st, STMT_ASSESS_HAZARDS, e)) == NULL || st_bind_scope(st, s, &sc, e) != 0 ||
	    ops->bind_text(s, 5, from, e) != 0 || ops->bind_text(s, 6, as_of, e) != 0)
		return -1;
	if ((r = ops->step(s, e)) == DB_ROW) {
		in->den[AI_MAJOR_CLOSURE] += ops->col_int(s, 0);
		in->num[AI_MAJOR_CLOSURE] += ops->col_int(s, 1);
		in->den[AI_HAZARD_OVERDUE] += ops->col_int(s, 2);
		in->num[AI_HAZARD_OVERDUE] += ops->col_int(s, 3);
		in->major_overdue += ops->col_int(s, 4);
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}
