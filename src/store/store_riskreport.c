/*
 * store_riskreport.c — the enterprise's yearly report of its risk list and
 * risk analysis to its regulators (DESIGN §3.2): a draft shows the live
 * counts; submitting freezes the list as it stands, so what was reported
 * never changes when the risk points do; who has not reported, for the
 * regulator; the daily job's reminders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/store_int.h"

static void
read_risk_report(struct store *st, struct db_stmt *s, struct risk_report *r)
{
	const struct db_ops *ops = st->db->ops;

	memset(r, 0, sizeof(*r));
	r->id = ops->col_int(s, 0);
	r->enterprise_id = ops->col_int(s, 1);
	st_col_copy(st, s, 2, r->enterprise_name, sizeof(r->enterprise_name));
	st_col_copy(st, s, 3, r->region_code, sizeof(r->region_code));
	r->industry_id = ops->col_int(s, 4);
	r->year = (int)ops->col_int(s, 5);
	r->status = ops->col_int(s, 6) == REPORT_SUBMITTED ? REPORT_SUBMITTED : REPORT_DRAFT;
	/* columns 7–10: red, orange, yellow, blue */
	for (int l = 0; l < RL__MAX; l++) {
		r->n[RL_MAJOR - l] = ops->col_int(s, 7 + l);
		r->total += r->n[RL_MAJOR - l];
	}
	st_col_copy(st, s, 11, r->analysis, sizeof(r->analysis));
	st_col_copy(st, s, 12, r->principal, sizeof(r->principal));
	st_col_copy(st, s, 13, r->due, sizeof(r->due));
	st_col_copy(st, s, 14, r->submitted_at, sizeof(r->submitted_at));
	r->submitted_by = ops->col_int(s, 15);
	r->late = (int)ops->col_int(s, 16);
	r->created_by = ops->col_int(s, 17);
	st_col_copy(st, s, 18, r->created_at, sizeof(r->created_at));
	st_col_copy(st, s, 19, r->updated_at, sizeof(r->updated_at));
	r->version = ops->col_int(s, 20);
}

/* The report as the audit chain keeps it; a submitted one with its list. */
static int
risk_report_audit(struct store *st, const struct actor *a, const char *action,
		  const struct risk_report *r, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct sbuf b = { 0 };
	struct db_stmt *s;
	enum db_step step = DB_DONE;

	sbuf_kvi(&b, "enterprise_id", r->enterprise_id);
	sbuf_kvi(&b, "year", r->year);
	sbuf_kvi(&b, "status", r->status);
	sbuf_kv(&b, "analysis", r->analysis);
	sbuf_kv(&b, "principal", r->principal);
	if (r->status == REPORT_SUBMITTED) {
		sbuf_addf(&b, "counts=%lld,%lld,%lld,%lld\n", (long long)r->n[RL_MAJOR],
			  (long long)r->n[RL_LARGER], (long long)r->n[RL_GENERAL], (long long)r->n[RL_LOW]);
		sbuf_kv(&b, "due", r->due);
		sbuf_kvi(&b, "late", r->late);
		if ((s = st_stmt(st, STMT_RISK_REPORT_ITEMS, e)) == NULL ||
		    st_bindf(st, s, e, "i", r->id) != 0) {
			sbuf_free(&b);
			return -1;
		}
		while ((step = ops->step(s, e)) == DB_ROW)
			sbuf_addf(&b, "item=%lld,%lld,%lld\n", (long long)ops->col_int(s, 0),
				  (long long)ops->col_int(s, 4), (long long)ops->col_int(s, 5));
		ops->reset(s);
		if (step == DB_ERROR) {
			sbuf_free(&b);
			return -1;
		}
	}
	sbuf_kvi(&b, "version", r->version);
	return st_audit_snap(st, a, r->region_code, action, "risk_report", r->id, &b, e);
}

int
store_risk_report_get(struct store *st, const struct scope *sc, int64_t id,
		      struct risk_report *out, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_RISK_REPORT_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_risk_report(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no risk report %lld", (long long)id);
	return 0;
}

int
store_risk_report_create(struct store *st, const struct actor *a, const struct scope *sc,
			 struct risk_report *rr, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct org ent;
	char now[TIME_LEN];
	enum db_step r;
	int64_t id;

	if (st_begin(st, e) != 0)
		return -1;
	if (store_org_get(st, sc, rr->enterprise_id, &ent, e) != 0 || ent.kind != ORG_ENTERPRISE) {
		if (e == NULL || e->code == ERR_NOT_FOUND || ent.kind != ORG_ENTERPRISE)
			err_set(e, ERR_NOT_FOUND, "enterprise_id", "no enterprise %lld",
				(long long)rr->enterprise_id);
		goto out_rollback;
	}
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_RISK_REPORT_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "itiittit", rr->enterprise_id, ent.region_code, ent.industry_id,
		     (int64_t)rr->year, rr->analysis, rr->principal, a ? a->user_id : (int64_t)0,
		     now) != 0 ||
	    (ent.industry_id == 0 && ops->bind_null(s, 3, e) != 0))
		goto out_rollback;
	if ((r = ops->step(s, e)) != DB_ROW) {
		ops->reset(s);
		if (r == DB_DONE)
			err_set(e, ERR_CONFLICT, "year", "the enterprise has a risk report for %d already",
				rr->year);
		goto out_rollback;
	}
	id = ops->col_int(s, 0);
	ops->reset(s);
	if (store_risk_report_get(st, sc, id, rr, e) != 0 ||
	    risk_report_audit(st, a, "risk_report.create", rr, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

/* Load draft id at version for a change: ERR_CONFLICT once submitted. */
static int
draft_at(struct store *st, const struct scope *sc, int64_t id, int64_t version,
	 struct risk_report *out, struct error *e)
{
	if (store_risk_report_get(st, sc, id, out, e) != 0)
		return -1;
	if (out->status == REPORT_SUBMITTED)
		return err_set(e, ERR_CONFLICT, "id", "the %d risk report was submitted already",
			       out->year);
	if (out->version != version)
		return err_set(e, ERR_STALE, "version", "risk report %lld is at version %lld, not %lld",
			       (long long)id, (long long)out->version, (long long)version);
	return 0;
}

int
store_risk_report_update(struct store *st, const struct actor *a, const struct scope *sc,
			 int64_t id, int64_t version, const char *analysis, const char *principal,
			 struct risk_report *out, struct error *e)
{
	struct db_stmt *s;
	char now[TIME_LEN];

	if (st_begin(st, e) != 0)
		return -1;
	if (draft_at(st, sc, id, version, out, e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_RISK_REPORT_UPDATE, e)) == NULL ||
	    st_bindf(st, s, e, "ittti", id, analysis ? analysis : out->analysis,
		     principal ? principal : out->principal, now, version) != 0 ||
	    st_exec_one(st, s, "the risk report", e) != 0 ||
	    store_risk_report_get(st, sc, id, out, e) != 0 ||
	    risk_report_audit(st, a, "risk_report.update", out, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_risk_report_submit(struct store *st, const struct actor *a, const struct scope *sc,
			 int64_t id, int64_t version, const char *principal, int32_t due,
			 int32_t today, struct risk_report *out, struct error *e)
{
	struct db_stmt *s;
	char now[TIME_LEN], dday[DATE_LEN], who[TEXT_SMALL];

	if (st_begin(st, e) != 0)
		return -1;
	if (draft_at(st, sc, id, version, out, e) != 0)
		goto out_rollback;
	snprintf(who, sizeof(who), "%s", principal != NULL ? principal : out->principal);
	if (who[0] == '\0') {
		err_set(e, ERR_INVALID, "principal", "the principal who confirms the report is missing");
		goto out_rollback;
	}
	if (out->analysis[0] == '\0') {
		err_set(e, ERR_INVALID, "analysis", "the report has no risk analysis yet");
		goto out_rollback;
	}
	store_now(now, sizeof(now));
	date_format(due, dday);
	if ((s = st_stmt(st, STMT_RISK_REPORT_SNAPSHOT, e)) == NULL ||
	    st_bindf(st, s, e, "ii", id, out->enterprise_id) != 0 || st_exec(st, s, e) != 0)
		goto out_rollback;
	if ((s = st_stmt(st, STMT_RISK_REPORT_SUBMIT, e)) == NULL ||
	    st_bindf(st, s, e, "ittiiti", id, who, now, a ? a->user_id : (int64_t)0,
		     (int64_t)(today > due), dday, version) != 0 ||
	    st_exec_one(st, s, "the risk report", e) != 0 ||
	    store_risk_report_get(st, sc, id, out, e) != 0 ||
	    risk_report_audit(st, a, "risk_report.submit", out, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_risk_report_items(struct store *st, const struct scope *sc, int64_t id,
			int (*cb)(const struct risk_report_item *, void *), void *arg,
			struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct risk_report *rr = malloc(sizeof(*rr));
	struct risk_report_item it;
	struct db_stmt *s;
	enum db_step r = DB_ERROR;

	if (rr == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	/* the scope is the report's: its items follow it */
	if (store_risk_report_get(st, sc, id, rr, e) != 0 ||
	    (s = st_stmt(st, STMT_RISK_REPORT_ITEMS, e)) == NULL || st_bindf(st, s, e, "i", id) != 0) {
		free(rr);
		return -1;
	}
	free(rr);
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(&it, 0, sizeof(it));
		it.risk_id = ops->col_int(s, 0);
		st_col_copy(st, s, 1, it.name, sizeof(it.name));
		it.kind = (enum risk_kind)(ops->col_int(s, 2) % RK__MAX);
		st_col_copy(st, s, 3, it.location, sizeof(it.location));
		it.level = (enum risk_level)(ops->col_int(s, 4) % RL__MAX);
		it.score100 = ops->col_int(s, 5);
		it.method = (enum risk_method)(ops->col_int(s, 6) % RM__MAX);
		it.tier = (enum control_tier)(ops->col_int(s, 7) % CT__MAX);
		st_col_copy(st, s, 8, it.responsible, sizeof(it.responsible));
		if (cb(&it, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

/*
 * Bind the scope and a filter's $5–$8 (year, region range, industry) and,
 * for the lists of reports, $9 its status.
 */
static int
bind_filter(struct store *st, struct db_stmt *s, const struct scope *sc,
	    const struct risk_report_filter *f, int with_status, struct error *e)
{
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";

	if (f->region[0] != '\0' && region_range(f->region, lo, hi) != 0)
		return err_set(e, ERR_INVALID, "region", "bad region code '%s'", f->region);
	if (st_bind_scope(st, s, sc, e) != 0)
		return -1;
	if (st_bindf(st, s, e, "----itti", (int64_t)f->year, lo, hi, f->industry_id) != 0)
		return -1;
	return with_status ? st->db->ops->bind_int(s, 9, f->status, e) : 0;
}

int
store_risk_report_list(struct store *st, const struct scope *sc,
		       const struct risk_report_filter *f,
		       int (*cb)(const struct risk_report *, void *), void *arg, int64_t *total,
		       int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct risk_report *rr;
	struct db_stmt *s;
	enum db_step r = DB_DONE;
	int n = 0, limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50, rc = -1;

	if (more)
		*more = 0;
	if (total != NULL && ((s = st_stmt(st, STMT_RISK_REPORT_COUNT, e)) == NULL ||
			      bind_filter(st, s, sc, f, 1, e) != 0 || st_count(st, s, total, e) != 0))
		return -1;
	if (cb == NULL)
		return 0;
	if ((rr = malloc(sizeof(*rr))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if ((s = st_stmt(st, STMT_RISK_REPORT_LIST, e)) == NULL || bind_filter(st, s, sc, f, 1, e) != 0 ||
	    ops->bind_int(s, 10, f->after_id, e) != 0 || ops->bind_int(s, 11, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		read_risk_report(st, s, rr);
		if (cb(rr, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(rr);
	return rc;
}

int
store_risk_report_missing(struct store *st, const struct scope *sc,
			  const struct risk_report_filter *f,
			  int (*cb)(const struct risk_report_missing *, void *), void *arg,
			  int64_t *total, int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct risk_report_missing m;
	struct db_stmt *s;
	enum db_step r;
	int n = 0, limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50;

	if (more)
		*more = 0;
	if (total != NULL &&
	    ((s = st_stmt(st, STMT_RISK_REPORT_MISSING_COUNT, e)) == NULL ||
	     bind_filter(st, s, sc, f, 0, e) != 0 || st_count(st, s, total, e) != 0))
		return -1;
	if (cb == NULL)
		return 0;
	/* the board has no status filter: $9 is the cursor */
	if ((s = st_stmt(st, STMT_RISK_REPORT_MISSING, e)) == NULL || bind_filter(st, s, sc, f, 0, e) != 0 ||
	    ops->bind_int(s, 9, f->after_id, e) != 0 || ops->bind_int(s, 10, limit + 1, e) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		m.enterprise_id = ops->col_int(s, 0);
		m.name = ops->col_text(s, 1);
		m.region_code = ops->col_text(s, 2);
		m.industry_id = ops->col_int(s, 3);
		m.draft_id = ops->col_int(s, 4);
		if (cb(&m, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
store_jobs_risk_report_notify(struct store *st, int year, const char *kind, const char *title,
			      const char *due, int64_t *told, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	char now[TIME_LEN];

	*told = 0;
	store_now(now, sizeof(now));
	if (st_begin(st, e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_RISK_REPORT_NOTIFY, e)) == NULL ||
	    st_bindf(st, s, e, "ittt", (int64_t)year, kind, title, due) != 0 ||
	    ops->bind_text(s, 5, now, e) != 0 || ops->step(s, e) == DB_ERROR) {
		if (s != NULL)
			ops->reset(s);
		goto out_rollback;
	}
	*told = ops->changes(s);
	ops->reset(s);
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}
