/*
 * store_report.c — enterprises' quarterly and yearly hazard statistics
 * reports: computed from the hazards, confirmed and submitted by the
 * enterprise, late ones marked; who has not reported, for the regulator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

static void
read_report(struct store *st, struct db_stmt *s, struct hazard_report *r)
{
	const struct db_ops *ops = st->db->ops;

	memset(r, 0, sizeof(*r));
	r->id = ops->col_int(s, 0);
	r->enterprise_id = ops->col_int(s, 1);
	st_col_copy(st, s, 2, r->enterprise_name, sizeof(r->enterprise_name));
	st_col_copy(st, s, 3, r->region_code, sizeof(r->region_code));
	st_col_copy(st, s, 4, r->period, sizeof(r->period));
	st_col_copy(st, s, 5, r->due, sizeof(r->due));
	r->found = ops->col_int(s, 6);
	r->closed = ops->col_int(s, 7);
	r->open = ops->col_int(s, 8);
	r->overdue = ops->col_int(s, 9);
	r->major_found = ops->col_int(s, 10);
	r->major_closed = ops->col_int(s, 11);
	r->status = ops->col_int(s, 12) == REPORT_SUBMITTED ? REPORT_SUBMITTED : REPORT_DRAFT;
	r->confirmed_by = ops->col_int(s, 13);
	st_col_copy(st, s, 14, r->submitted_at, sizeof(r->submitted_at));
	r->late = (int)ops->col_int(s, 15);
	st_col_copy(st, s, 16, r->note, sizeof(r->note));
	r->version = ops->col_int(s, 17);
	st_col_copy(st, s, 18, r->created_at, sizeof(r->created_at));
}

int
store_report_get(struct store *st, const struct scope *sc, int64_t id, struct hazard_report *out,
		 struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_REPORT_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_report(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no report %lld", (long long)id);
	return 0;
}

static int
report_audit(struct store *st, const struct actor *a, const char *action,
	     const struct hazard_report *r, struct error *e)
{
	struct sbuf b = { 0 };

	sbuf_kvi(&b, "enterprise_id", r->enterprise_id);
	sbuf_kv(&b, "period", r->period);
	sbuf_addf(&b, "counts=%lld,%lld,%lld,%lld,%lld,%lld\n", (long long)r->found,
		  (long long)r->closed, (long long)r->open, (long long)r->overdue,
		  (long long)r->major_found, (long long)r->major_closed);
	sbuf_kvi(&b, "status", r->status);
	sbuf_kvi(&b, "late", r->late);
	sbuf_kvi(&b, "version", r->version);
	return st_audit_snap(st, a, r->region_code, action, "hazard_report", r->id, &b, e);
}

int
store_report_generate(struct store *st, const struct actor *a, const struct scope *sc,
		      int64_t enterprise_id, const char *period, int32_t today,
		      struct hazard_report *out, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct org ent;
	int32_t from, to, due;
	char dfrom[DATE_LEN], dto[DATE_LEN], ddue[DATE_LEN], now[TIME_LEN];
	int64_t c[6] = { 0 };
	enum db_step r;

	if (report_period(period, &from, &to, &due) != 0)
		return err_set(e, ERR_INVALID, "period", "'%s' is not a period (2026-Q3 or 2026)", period);
	if (today <= to)
		return err_set(e, ERR_INVALID, "period", "the period %s has not ended yet", period);
	date_format(from, dfrom);
	date_format(to, dto);
	date_format(due, ddue);
	if (st_begin(st, e) != 0)
		return -1;
	if (store_org_get(st, sc, enterprise_id, &ent, e) != 0 || ent.kind != ORG_ENTERPRISE) {
		if (e == NULL || e->code == ERR_NOT_FOUND || ent.kind != ORG_ENTERPRISE)
			err_set(e, ERR_NOT_FOUND, "enterprise_id", "no enterprise %lld",
				(long long)enterprise_id);
		goto out_rollback;
	}
	if ((s = st_stmt(st, STMT_REPORT_COUNTS, e)) == NULL ||
	    st_bindf(st, s, e, "itt", enterprise_id, dfrom, dto) != 0)
		goto out_rollback;
	if ((r = ops->step(s, e)) == DB_ROW)
		for (int i = 0; i < 6; i++)
			c[i] = ops->col_int(s, i);
	ops->reset(s);
	if (r == DB_ERROR)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_REPORT_UPSERT_DRAFT, e)) == NULL ||
	    st_bindf(st, s, e, "itittiiiiiit", enterprise_id, ent.region_code, ent.industry_id, period,
		     ddue, c[0], c[1], c[2], c[3], c[4], c[5], now) != 0)
		goto out_rollback;
	if (ent.industry_id == 0 && ops->bind_null(s, 3, e) != 0)
		goto out_rollback;
	if ((r = ops->step(s, e)) != DB_ROW) {
		ops->reset(s);
		if (r == DB_DONE)
			err_set(e, ERR_CONFLICT, "period", "the %s report was submitted already", period);
		goto out_rollback;
	}
	out->id = ops->col_int(s, 0);
	ops->reset(s);
	if (store_report_get(st, sc, out->id, out, e) != 0 ||
	    report_audit(st, a, "hazard_report.generate", out, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_report_submit(struct store *st, const struct actor *a, const struct scope *sc, int64_t id,
		    int64_t version, const char *note, int32_t today, struct hazard_report *out,
		    struct error *e)
{
	struct db_stmt *s;
	int32_t due;
	char now[TIME_LEN];

	if (st_begin(st, e) != 0)
		return -1;
	if (store_report_get(st, sc, id, out, e) != 0)
		goto out_rollback;
	if (out->status == REPORT_SUBMITTED) {
		err_set(e, ERR_CONFLICT, "id", "the report was submitted already");
		goto out_rollback;
	}
	if (out->version != version) {
		err_set(e, ERR_STALE, "version", "report %lld is at version %lld, not %lld",
			(long long)id, (long long)out->version, (long long)version);
		goto out_rollback;
	}
	if (date_parse(out->due, &due) != 0) {
		err_set(e, ERR_INTERNAL, NULL, "bad due date");
		goto out_rollback;
	}
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_REPORT_SUBMIT, e)) == NULL ||
	    st_bindf(st, s, e, "iititi", id, a ? a->user_id : (int64_t)0, now,
		     (int64_t)(today > due), note ? note : "", version) != 0 ||
	    st_exec_one(st, s, "the report", e) != 0 || store_report_get(st, sc, id, out, e) != 0 ||
	    report_audit(st, a, "hazard_report.submit", out, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_report_list(struct store *st, const struct scope *sc, const char *period, int status,
		  int late_only, int64_t after_id, int limit,
		  int (*cb)(const struct hazard_report *, void *), void *arg, int64_t *total,
		  int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct hazard_report *rep = malloc(sizeof(*rep));
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int n = 0;

	if (more)
		*more = 0;
	if (rep == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (total != NULL &&
	    ((s = st_stmt(st, STMT_REPORT_COUNT, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	     ops->bind_text(s, 5, period, e) != 0 || ops->bind_int(s, 6, status, e) != 0 ||
	     ops->bind_int(s, 7, late_only != 0, e) != 0 || st_count(st, s, total, e) != 0)) {
		free(rep);
		return -1;
	}
	if ((s = st_stmt(st, STMT_REPORT_LIST, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_text(s, 5, period, e) != 0 || ops->bind_int(s, 6, status, e) != 0 ||
	    ops->bind_int(s, 7, late_only != 0, e) != 0 || ops->bind_int(s, 8, after_id, e) != 0 ||
	    ops->bind_int(s, 9, limit + 1, e) != 0) {
		free(rep);
		return -1;
	}
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		read_report(st, s, rep);
		if (cb(rep, arg) != 0)
			break;
	}
	ops->reset(s);
	free(rep);
	return r == DB_ERROR ? -1 : 0;
}

int
store_report_missing(struct store *st, const struct scope *sc, const char *period, int64_t after_id,
		     int limit, int (*cb)(int64_t, const char *, const char *, void *), void *arg,
		     int64_t *total, int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;
	int n = 0;

	if (more)
		*more = 0;
	if (total != NULL &&
	    ((s = st_stmt(st, STMT_REPORT_MISSING_COUNT, e)) == NULL ||
	     st_bind_scope(st, s, sc, e) != 0 || ops->bind_text(s, 5, period, e) != 0 ||
	     st_count(st, s, total, e) != 0))
		return -1;
	if ((s = st_stmt(st, STMT_REPORT_MISSING, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_text(s, 5, period, e) != 0 || ops->bind_int(s, 6, after_id, e) != 0 ||
	    ops->bind_int(s, 7, limit + 1, e) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		if (cb(ops->col_int(s, 0), ops->col_text(s, 1), ops->col_text(s, 2), arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}
