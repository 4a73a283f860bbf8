/*
 * store_lists.c — the campaign's two lists (问题隐患清单, 制度措施清单) of each
 * org in a plan, the notices (督办, 通报, 约谈, 曝光, 表扬) with their targets'
 * replies, and the yearly and final reports of a plan's orgs. Every change
 * is audited in its own transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan_lists.h"
#include "core/utf8.h"
#include "store/store_int.h"

/* The only org whose entries a reader sees, or 0 for every org in scope. */
static int64_t
reader_org(const struct scope *sc)
{
	if (sc->role == ROLE_ADMIN || sc->role == ROLE_OFFICE || sc->role == ROLE_LEADER)
		return 0;
	return sc->org_id > 0 ? sc->org_id : -1;
}

/* Whether org has a task in plan. */
static int
org_has_tasks(struct store *st, int64_t plan, int64_t org, int *yes, struct error *e)
{
	struct db_stmt *s;
	int64_t n = 0;

	if ((s = st_stmt(st, STMT_PLAN_ORG_TASKS, e)) == NULL || st_bindf(st, s, e, "ii", plan, org) != 0 ||
	    st_count(st, s, &n, e) != 0)
		return -1;
	*yes = n > 0;
	return 0;
}

/* The writer must be of an org with tasks in the plan. */
static int
check_writer(struct store *st, const struct scope *sc, int64_t plan_id, int64_t user_org,
	     struct plan_rec *p, struct error *e)
{
	int yes = 0;

	if (store_plan_get(st, sc, plan_id, p, e) != 0)
		return -1;
	if (user_org > 0 && org_has_tasks(st, plan_id, user_org, &yes, e) != 0)
		return -1;
	if (!yes)
		return err_set(e, ERR_FORBIDDEN, NULL, "only an org with tasks in the plan keeps its lists");
	return 0;
}

/* A cited task must be the org's own in this plan. */
static int
check_task(struct store *st, const struct scope *sc, int64_t task_id, int64_t plan_id,
	   int64_t org, struct error *e)
{
	struct task_rec t;

	if (task_id == 0)
		return 0;
	if (store_task_get(st, sc, task_id, &t, e) != 0 || t.plan_id != plan_id || t.org_id != org)
		return err_set(e, ERR_INVALID, "task_id", "no task %lld of your org in this plan",
			       (long long)task_id);
	return 0;
}

/* Bind an id, or NULL when it is 0. */
static int
bind_id_or_null(struct store *st, struct db_stmt *s, int i, int64_t v, struct error *e)
{
	return v ? st->db->ops->bind_int(s, i, v, e) : st->db->ops->bind_null(s, i, e);
}

/* ---- problems ---- */

static void
read_problem(struct store *st, struct db_stmt *s, struct plan_problem *p)
{
	const struct db_ops *ops = st->db->ops;

	memset(p, 0, sizeof(*p));
	p->id = ops->col_int(s, 0);
	p->plan_id = ops->col_int(s, 1);
	p->org_id = ops->col_int(s, 2);
	st_col_copy(st, s, 3, p->org_name, sizeof(p->org_name));
	st_col_copy(st, s, 4, p->region_code, sizeof(p->region_code));
	p->task_id = ops->col_int(s, 5);
	p->hazard_id = ops->col_int(s, 6);
	st_col_copy(st, s, 7, p->hazard_code, sizeof(p->hazard_code));
	st_col_copy(st, s, 8, p->hazard_title, sizeof(p->hazard_title));
	p->hazard_status = (int)ops->col_int(s, 9);
	st_col_copy(st, s, 10, p->description, sizeof(p->description));
	st_col_copy(st, s, 11, p->found_on, sizeof(p->found_on));
	st_col_copy(st, s, 12, p->measures, sizeof(p->measures));
	st_col_copy(st, s, 13, p->responsible, sizeof(p->responsible));
	st_col_copy(st, s, 14, p->deadline, sizeof(p->deadline));
	p->status = (enum problem_status)ops->col_int(s, 15);
	if ((int)p->status < 0 || p->status >= PROB_STATUS__MAX)
		p->status = PROB_OPEN;
	if (p->hazard_id != 0)
		p->status = problem_status_of_hazard(p->hazard_status);
	st_col_copy(st, s, 16, p->closed_on, sizeof(p->closed_on));
	p->version = ops->col_int(s, 17);
	st_col_copy(st, s, 18, p->created_at, sizeof(p->created_at));
	st_col_copy(st, s, 19, p->updated_at, sizeof(p->updated_at));
}

static int
problem_audit(struct store *st, const struct actor *a, const char *action,
	      const struct plan_problem *p, struct error *e)
{
	struct sbuf b = { 0 };

	sbuf_kvi(&b, "plan_id", p->plan_id);
	sbuf_kvi(&b, "org_id", p->org_id);
	sbuf_kvi(&b, "task_id", p->task_id);
	sbuf_kvi(&b, "hazard_id", p->hazard_id);
	sbuf_kv(&b, "description", p->description);
	sbuf_kv(&b, "found_on", p->found_on);
	sbuf_kv(&b, "measures", p->measures);
	sbuf_kv(&b, "responsible", p->responsible);
	sbuf_kv(&b, "deadline", p->deadline);
	sbuf_kv(&b, "status", problem_status_names[p->status]);
	sbuf_kv(&b, "closed_on", p->closed_on);
	sbuf_kvi(&b, "version", p->version);
	return st_audit_snap(st, a, p->region_code, action, "plan_problem", p->id, &b, e);
}

int
store_problem_get(struct store *st, const struct scope *sc, int64_t id, struct plan_problem *out,
		  struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_PROBLEM_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, reader_org(sc), e) != 0 ||
	    st->db->ops->bind_int(s, 6, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_problem(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no problem %lld", (long long)id);
	return 0;
}

int
store_problem_create(struct store *st, const struct actor *a, const struct scope *sc,
		     int64_t user_org, struct plan_problem *p, int32_t today, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct plan_rec plan;
	struct hazard *h = NULL;
	struct org org;
	struct db_stmt *s;
	char now[TIME_LEN];
	enum db_step r;

	if (st_begin(st, e) != 0)
		return -1;
	if (check_writer(st, sc, p->plan_id, user_org, &plan, e) != 0 ||
	    check_task(st, sc, p->task_id, p->plan_id, user_org, e) != 0)
		goto out_rollback;
	if (p->hazard_id != 0) {
		if ((h = malloc(sizeof(*h))) == NULL) {
			err_set(e, ERR_INTERNAL, NULL, "out of memory");
			goto out_rollback;
		}
		if (store_hazard_get(st, sc, p->hazard_id, h, e) != 0) {
			err_set(e, ERR_INVALID, "hazard_id", "no hazard %lld that you see",
				(long long)p->hazard_id);
			goto out_rollback;
		}
		if (p->description[0] == '\0')
			snprintf(p->description, sizeof(p->description), "%s", h->title);
		p->status = PROB_OPEN;
	}
	if (problem_check(NULL, p, today, e) != 0)
		goto out_rollback;
	{
		struct scope all;

		st_scope_all(&all);
		if (store_org_get(st, &all, user_org, &org, e) != 0)
			goto out_rollback;
	}
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_PROBLEM_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "iitiitttttitit", p->plan_id, user_org, org.region_code, p->task_id,
		     p->hazard_id, p->description, p->found_on, p->measures, p->responsible,
		     p->deadline, (int64_t)p->status, p->closed_on, a ? a->user_id : (int64_t)0,
		     now) != 0 ||
	    bind_id_or_null(st, s, 4, p->task_id, e) != 0 ||
	    bind_id_or_null(st, s, 5, p->hazard_id, e) != 0)
		goto out_rollback;
	if ((r = ops->step(s, e)) != DB_ROW) {
		ops->reset(s);
		goto out_rollback;
	}
	p->id = ops->col_int(s, 0);
	ops->reset(s);
	if (store_problem_get(st, sc, p->id, p, e) != 0 ||
	    problem_audit(st, a, "plan_problem.create", p, e) != 0)
		goto out_rollback;
	free(h);
	return st_commit(st, e);
out_rollback:
	free(h);
	st_rollback(st);
	return -1;
}

int
store_problem_update(struct store *st, const struct actor *a, const struct scope *sc,
		     int64_t user_org, int64_t id, int64_t version, struct plan_problem *p,
		     int32_t today, struct error *e)
{
	struct plan_problem *old = malloc(sizeof(*old));
	struct db_stmt *s;
	char now[TIME_LEN];

	if (old == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (st_begin(st, e) != 0) {
		free(old);
		return -1;
	}
	if (store_problem_get(st, sc, id, old, e) != 0)
		goto out_rollback;
	if (old->org_id != user_org) {
		err_set(e, ERR_FORBIDDEN, NULL, "only %s keeps its own list", old->org_name);
		goto out_rollback;
	}
	if (old->version != version) {
		err_set(e, ERR_STALE, "version", "problem %lld is at version %lld, not %lld",
			(long long)id, (long long)old->version, (long long)version);
		goto out_rollback;
	}
	p->id = id;
	p->plan_id = old->plan_id;
	p->org_id = old->org_id;
	p->hazard_id = old->hazard_id;
	if (old->hazard_id != 0 && p->status != old->status) {
		err_set(e, ERR_INVALID, "status", "a linked hazard's status follows the hazard");
		goto out_rollback;
	}
	if (check_task(st, sc, p->task_id, old->plan_id, old->org_id, e) != 0 ||
	    problem_check(old, p, today, e) != 0)
		goto out_rollback;
	if (old->hazard_id != 0)
		p->status = PROB_OPEN;  /* stored, never shown: the hazard's counts */
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_PROBLEM_UPDATE, e)) == NULL ||
	    st_bindf(st, s, e, "iitttttitti", id, p->task_id, p->description, p->found_on,
		     p->measures, p->responsible, p->deadline, (int64_t)p->status, p->closed_on, now,
		     version) != 0 ||
	    bind_id_or_null(st, s, 2, p->task_id, e) != 0 ||
	    st_exec_one(st, s, "the problem", e) != 0 || store_problem_get(st, sc, id, p, e) != 0 ||
	    problem_audit(st, a, "plan_problem.update", p, e) != 0)
		goto out_rollback;
	free(old);
	return st_commit(st, e);
out_rollback:
	free(old);
	st_rollback(st);
	return -1;
}

int
store_problem_list(struct store *st, const struct scope *sc, int64_t plan_id, int64_t org,
		   int64_t after_id, int limit, int (*cb)(const struct plan_problem *, void *),
		   void *arg, int64_t *total, int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct plan_problem *p = malloc(sizeof(*p));
	struct plan_rec plan;
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int n = 0, rc = -1;

	*more = 0;
	if (p == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_plan_get(st, sc, plan_id, &plan, e) != 0)
		goto out_free;
	if ((s = st_stmt(st, STMT_PROBLEM_COUNT, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 5, reader_org(sc), e) != 0 ||
	    ops->bind_int(s, 6, plan_id, e) != 0 || ops->bind_int(s, 7, org, e) != 0 ||
	    st_count(st, s, total, e) != 0)
		goto out_free;
	if ((s = st_stmt(st, STMT_PROBLEM_LIST, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 5, reader_org(sc), e) != 0 || ops->bind_int(s, 6, plan_id, e) != 0 ||
	    ops->bind_int(s, 7, org, e) != 0 || ops->bind_int(s, 8, after_id, e) != 0 ||
	    ops->bind_int(s, 9, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			*more = 1;
			break;
		}
		read_problem(st, s, p);
		if (cb(p, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(p);
	return rc;
}

/* ---- measures ---- */

static void
read_measure(struct store *st, struct db_stmt *s, struct plan_measure *m)
{
	const struct db_ops *ops = st->db->ops;

	memset(m, 0, sizeof(*m));
	m->id = ops->col_int(s, 0);
	m->plan_id = ops->col_int(s, 1);
	m->org_id = ops->col_int(s, 2);
	st_col_copy(st, s, 3, m->org_name, sizeof(m->org_name));
	st_col_copy(st, s, 4, m->region_code, sizeof(m->region_code));
	m->task_id = ops->col_int(s, 5);
	m->kind = (enum plan_measure_kind)ops->col_int(s, 6);
	if ((int)m->kind < 0 || m->kind >= MEAS_KIND__MAX)
		m->kind = MEAS_RULE;
	st_col_copy(st, s, 7, m->title, sizeof(m->title));
	st_col_copy(st, s, 8, m->description, sizeof(m->description));
	m->status = (enum measure_status)ops->col_int(s, 9);
	if ((int)m->status < 0 || m->status >= MEAS_STATUS__MAX)
		m->status = MEAS_PLANNED;
	st_col_copy(st, s, 10, m->doc_number, sizeof(m->doc_number));
	st_col_copy(st, s, 11, m->issued_on, sizeof(m->issued_on));
	m->version = ops->col_int(s, 12);
	st_col_copy(st, s, 13, m->created_at, sizeof(m->created_at));
	st_col_copy(st, s, 14, m->updated_at, sizeof(m->updated_at));
}

static int
measure_audit(struct store *st, const struct actor *a, const char *action,
	      const struct plan_measure *m, struct error *e)
{
	struct sbuf b = { 0 };

	sbuf_kvi(&b, "plan_id", m->plan_id);
	sbuf_kvi(&b, "org_id", m->org_id);
	sbuf_kvi(&b, "task_id", m->task_id);
	sbuf_kv(&b, "kind", plan_measure_kind_names[m->kind]);
	sbuf_kv(&b, "title", m->title);
	sbuf_kv(&b, "description", m->description);
	sbuf_kv(&b, "status", measure_status_names[m->status]);
	sbuf_kv(&b, "doc_number", m->doc_number);
	sbuf_kv(&b, "issued_on", m->issued_on);
	sbuf_kvi(&b, "version", m->version);
	return st_audit_snap(st, a, m->region_code, action, "plan_measure", m->id, &b, e);
}

int
store_measure_get(struct store *st, const struct scope *sc, int64_t id, struct plan_measure *out,
		  struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_MEASURE_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, reader_org(sc), e) != 0 ||
	    st->db->ops->bind_int(s, 6, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_measure(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no measure %lld", (long long)id);
	return 0;
}

int
store_measure_create(struct store *st, const struct actor *a, const struct scope *sc,
		     int64_t user_org, struct plan_measure *m, int32_t today, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct plan_rec plan;
	struct org org;
	struct scope all;
	struct db_stmt *s;
	char now[TIME_LEN];
	enum db_step r;

	if (st_begin(st, e) != 0)
		return -1;
	st_scope_all(&all);
	if (check_writer(st, sc, m->plan_id, user_org, &plan, e) != 0 ||
	    check_task(st, sc, m->task_id, m->plan_id, user_org, e) != 0 ||
	    measure_check(NULL, m, today, e) != 0 || store_org_get(st, &all, user_org, &org, e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_MEASURE_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "iitiittittit", m->plan_id, user_org, org.region_code, m->task_id,
		     (int64_t)m->kind, m->title, m->description, (int64_t)m->status, m->doc_number,
		     m->issued_on, a ? a->user_id : (int64_t)0, now) != 0 ||
	    bind_id_or_null(st, s, 4, m->task_id, e) != 0)
		goto out_rollback;
	if ((r = ops->step(s, e)) != DB_ROW) {
		ops->reset(s);
		goto out_rollback;
	}
	m->id = ops->col_int(s, 0);
	ops->reset(s);
	if (store_measure_get(st, sc, m->id, m, e) != 0 ||
	    measure_audit(st, a, "plan_measure.create", m, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_measure_update(struct store *st, const struct actor *a, const struct scope *sc,
		     int64_t user_org, int64_t id, int64_t version, struct plan_measure *m,
		     int32_t today, struct error *e)
{
	struct plan_measure *old = malloc(sizeof(*old));
	struct db_stmt *s;
	char now[TIME_LEN];

	if (old == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (st_begin(st, e) != 0) {
		free(old);
		return -1;
	}
	if (store_measure_get(st, sc, id, old, e) != 0)
		goto out_rollback;
	if (old->org_id != user_org) {
		err_set(e, ERR_FORBIDDEN, NULL, "only %s keeps its own list", old->org_name);
		goto out_rollback;
	}
	if (old->version != version) {
		err_set(e, ERR_STALE, "version", "measure %lld is at version %lld, not %lld",
			(long long)id, (long long)old->version, (long long)version);
		goto out_rollback;
	}
	m->id = id;
	m->plan_id = old->plan_id;
	m->org_id = old->org_id;
	if (check_task(st, sc, m->task_id, old->plan_id, old->org_id, e) != 0 ||
	    measure_check(old, m, today, e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_MEASURE_UPDATE, e)) == NULL ||
	    st_bindf(st, s, e, "iiittittti", id, m->task_id, (int64_t)m->kind, m->title,
		     m->description, (int64_t)m->status, m->doc_number, m->issued_on, now,
		     version) != 0 ||
	    bind_id_or_null(st, s, 2, m->task_id, e) != 0 ||
	    st_exec_one(st, s, "the measure", e) != 0 || store_measure_get(st, sc, id, m, e) != 0 ||
	    measure_audit(st, a, "plan_measure.update", m, e) != 0)
		goto out_rollback;
	free(old);
	return st_commit(st, e);
out_rollback:
	free(old);
	st_rollback(st);
	return -1;
}

int
store_measure_list(struct store *st, const struct scope *sc, int64_t plan_id, int64_t org,
		   int64_t after_id, int limit, int (*cb)(const struct plan_measure *, void *),
		   void *arg, int64_t *total, int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct plan_measure *m = malloc(sizeof(*m));
	struct plan_rec plan;
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int n = 0, rc = -1;

	*more = 0;
	if (m == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_plan_get(st, sc, plan_id, &plan, e) != 0)
		goto out_free;
	if ((s = st_stmt(st, STMT_MEASURE_COUNT, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 5, reader_org(sc), e) != 0 || ops->bind_int(s, 6, plan_id, e) != 0 ||
	    ops->bind_int(s, 7, org, e) != 0 || st_count(st, s, total, e) != 0)
		goto out_free;
	if ((s = st_stmt(st, STMT_MEASURE_LIST, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 5, reader_org(sc), e) != 0 || ops->bind_int(s, 6, plan_id, e) != 0 ||
	    ops->bind_int(s, 7, org, e) != 0 || ops->bind_int(s, 8, after_id, e) != 0 ||
	    ops->bind_int(s, 9, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			*more = 1;
			break;
		}
		read_measure(st, s, m);
		if (cb(m, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(m);
	return rc;
}

/* ---- notices ---- */

/* $1–$4 of the notice statements for a reader of org. */
static int
bind_notice_reader(struct store *st, struct db_stmt *s, const struct scope *sc, int64_t org,
		   struct error *e)
{
	return st_bindf(st, s, e, "ttii", sc->region_lo, sc->region_hi,
			(int64_t)(reader_org(sc) == 0), org);
}

static void
read_notice(struct store *st, struct db_stmt *s, struct notice *n)
{
	const struct db_ops *ops = st->db->ops;

	memset(n, 0, sizeof(*n));
	n->id = ops->col_int(s, 0);
	st_col_copy(st, s, 1, n->code, sizeof(n->code));
	n->kind = (enum notice_kind)ops->col_int(s, 2);
	if ((int)n->kind < 0 || n->kind >= NOTICE_KIND__MAX)
		n->kind = NOTICE_BULLETIN;
	n->issuer_org_id = ops->col_int(s, 3);
	st_col_copy(st, s, 4, n->issuer_name, sizeof(n->issuer_name));
	st_col_copy(st, s, 5, n->region_code, sizeof(n->region_code));
	n->plan_id = ops->col_int(s, 6);
	st_col_copy(st, s, 7, n->title, sizeof(n->title));
	st_col_copy(st, s, 8, n->body, sizeof(n->body));
	st_col_copy(st, s, 9, n->issued_on, sizeof(n->issued_on));
	st_col_copy(st, s, 10, n->due_on, sizeof(n->due_on));
	st_col_copy(st, s, 11, n->created_at, sizeof(n->created_at));
	n->targets = ops->col_int(s, 12);
	n->replied = ops->col_int(s, 13);
	n->mine = (int)ops->col_int(s, 14);
}

int
store_notice_get(struct store *st, const struct scope *sc, int64_t org, int64_t id,
		 struct notice *out, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_NOTICE_GET, e)) == NULL || bind_notice_reader(st, s, sc, org, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_notice(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no notice %lld", (long long)id);
	return 0;
}

static int
notice_audit(struct store *st, const struct actor *a, const struct notice *n,
	     const struct notice_input *in, struct error *e)
{
	struct sbuf b = { 0 };

	sbuf_kv(&b, "code", n->code);
	sbuf_kv(&b, "kind", notice_kind_names[n->kind]);
	sbuf_kvi(&b, "issuer_org_id", n->issuer_org_id);
	sbuf_kvi(&b, "plan_id", n->plan_id);
	sbuf_kv(&b, "title", n->title);
	sbuf_kv(&b, "body", n->body);
	sbuf_kv(&b, "issued_on", n->issued_on);
	sbuf_kv(&b, "due_on", n->due_on);
	for (size_t i = 0; i < in->ntargets; i++)
		sbuf_kvi(&b, "target", in->targets[i]);
	for (size_t i = 0; i < in->ntasks; i++)
		sbuf_kvi(&b, "task", in->tasks[i]);
	for (size_t i = 0; i < in->nhazards; i++)
		sbuf_kvi(&b, "hazard", in->hazards[i]);
	return st_audit_snap(st, a, n->region_code, "notice.issue", "notice", n->id, &b, e);
}

/* Check what a notice names, inside the transaction. */
static int
notice_refs_check(struct store *st, const struct scope *sc, const struct notice *n,
		  const struct notice_input *in, struct error *e)
{
	struct org *o = malloc(sizeof(*o));
	struct hazard *h = malloc(sizeof(*h));
	struct task_rec *t = malloc(sizeof(*t));
	struct plan_rec p;
	int rc = -1;

	if (o == NULL || h == NULL || t == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	if (n->plan_id != 0 && store_plan_get(st, sc, n->plan_id, &p, e) != 0) {
		err_set(e, ERR_INVALID, "plan_id", "no plan %lld that you see", (long long)n->plan_id);
		goto out_free;
	}
	for (size_t i = 0; i < in->ntargets; i++)
		if (store_org_get(st, sc, in->targets[i], o, e) != 0) {
			err_set(e, ERR_INVALID, "targets", "no org %lld that you see",
				(long long)in->targets[i]);
			goto out_free;
		}
	for (size_t i = 0; i < in->ntasks; i++)
		if (store_task_get(st, sc, in->tasks[i], t, e) != 0 ||
		    (n->plan_id != 0 && t->plan_id != n->plan_id)) {
			err_set(e, ERR_INVALID, "tasks", "no task %lld that you see%s",
				(long long)in->tasks[i], n->plan_id ? " in this plan" : "");
			goto out_free;
		}
	for (size_t i = 0; i < in->nhazards; i++)
		if (store_hazard_get(st, sc, in->hazards[i], h, e) != 0) {
			err_set(e, ERR_INVALID, "hazards", "no hazard %lld that you see",
				(long long)in->hazards[i]);
			goto out_free;
		}
	rc = 0;
out_free:
	free(o);
	free(h);
	free(t);
	return rc;
}

static int
insert_cites(struct store *st, int64_t id, const char *kind, const int64_t *ids, size_t n,
	     struct error *e)
{
	struct db_stmt *s;

	for (size_t i = 0; i < n; i++)
		if ((s = st_stmt(st, STMT_NOTICE_CITE_INSERT, e)) == NULL ||
		    st_bindf(st, s, e, "iti", id, kind, ids[i]) != 0 || st_exec(st, s, e) != 0)
			return -1;
	return 0;
}

int
store_notice_create(struct store *st, const struct actor *a, const struct scope *sc,
		    int64_t issuer, struct notice *n, const struct notice_input *in,
		    struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct org org;
	struct db_stmt *s;
	int32_t issued;
	int y, m, d;
	int64_t seq;
	char now[TIME_LEN], title[NAME_MAX_BYTES];
	enum db_step r;

	if ((int)n->kind < 0 || n->kind >= NOTICE_KIND__MAX)
		return err_set(e, ERR_INVALID, "kind", "unknown kind");
	if (date_parse(n->issued_on, &issued) != 0)
		return err_set(e, ERR_INVALID, "issued_on", "'issued_on' must be a date (YYYY-MM-DD)");
	if (n->due_on[0] != '\0') {
		int32_t due;

		if (date_parse(n->due_on, &due) != 0 || due < issued)
			return err_set(e, ERR_INVALID, "due_on", "the reply is due on or after issued_on");
	} else if (n->kind == NOTICE_SUPERVISE) {
		return err_set(e, ERR_INVALID, "due_on", "a 督办 says by when the targets reply");
	}
	if (in->ntargets == 0)
		return err_set(e, ERR_INVALID, "targets", "a notice is aimed at one org or more");
	date_to_ymd(issued, &y, &m, &d);
	if (st_begin(st, e) != 0)
		return -1;
	if (issuer <= 0 || store_org_get(st, sc, issuer, &org, e) != 0) {
		err_set(e, ERR_FORBIDDEN, NULL, "a notice is issued by an org");
		goto out_rollback;
	}
	if (notice_refs_check(st, sc, n, in, e) != 0)
		goto out_rollback;
	if ((s = st_stmt(st, STMT_NOTICE_SEQ_NEXT, e)) == NULL ||
	    st_bindf(st, s, e, "iii", issuer, (int64_t)n->kind, (int64_t)y) != 0)
		goto out_rollback;
	if ((r = ops->step(s, e)) != DB_ROW) {
		ops->reset(s);
		goto out_rollback;
	}
	seq = ops->col_int(s, 0);
	ops->reset(s);
	notice_code(n->kind, y, seq, n->code, sizeof(n->code));
	n->issuer_org_id = issuer;
	snprintf(n->region_code, sizeof(n->region_code), "%s", org.region_code);
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_NOTICE_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "tiitiiitttt", n->code, (int64_t)n->kind, issuer, org.region_code,
		     (int64_t)y, seq, n->plan_id, n->title, n->body, n->issued_on, n->due_on) != 0 ||
	    ops->bind_int(s, 12, a ? a->user_id : 0, e) != 0 || ops->bind_text(s, 13, now, e) != 0 ||
	    bind_id_or_null(st, s, 7, n->plan_id, e) != 0)
		goto out_rollback;
	if ((r = ops->step(s, e)) != DB_ROW) {
		ops->reset(s);
		goto out_rollback;
	}
	n->id = ops->col_int(s, 0);
	ops->reset(s);
	snprintf(title, sizeof(title), "%s：%.*s", n->code, (int)utf8_prefix(n->title, 200), n->title);
	for (size_t i = 0; i < in->ntargets; i++) {
		if ((s = st_stmt(st, STMT_NOTICE_TARGET_INSERT, e)) == NULL ||
		    st_bindf(st, s, e, "ii", n->id, in->targets[i]) != 0 || st_exec(st, s, e) != 0)
			goto out_rollback;
		if ((s = st_stmt(st, STMT_NOTIFY_ORG, e)) == NULL ||
		    st_bindf(st, s, e, "itnttt", in->targets[i], "notice", title, n->due_on, now) != 0 ||
		    st_exec(st, s, e) != 0)
			goto out_rollback;
	}
	if (insert_cites(st, n->id, "task", in->tasks, in->ntasks, e) != 0 ||
	    insert_cites(st, n->id, "hazard", in->hazards, in->nhazards, e) != 0 ||
	    notice_audit(st, a, n, in, e) != 0 || store_notice_get(st, sc, issuer, n->id, n, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_notice_list(struct store *st, const struct scope *sc, int64_t org, int kind, int64_t plan,
		  int64_t target, int64_t before_id, int limit,
		  int (*cb)(const struct notice *, void *), void *arg, int64_t *total, int *more,
		  struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct notice *n = malloc(sizeof(*n));
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int i = 0, rc = -1;

	*more = 0;
	if (n == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if ((s = st_stmt(st, STMT_NOTICE_COUNT, e)) == NULL ||
	    bind_notice_reader(st, s, sc, org, e) != 0 || ops->bind_int(s, 5, kind, e) != 0 ||
	    ops->bind_int(s, 6, plan, e) != 0 || ops->bind_int(s, 7, target, e) != 0 ||
	    st_count(st, s, total, e) != 0)
		goto out_free;
	if ((s = st_stmt(st, STMT_NOTICE_LIST, e)) == NULL ||
	    bind_notice_reader(st, s, sc, org, e) != 0 || ops->bind_int(s, 5, kind, e) != 0 ||
	    ops->bind_int(s, 6, plan, e) != 0 || ops->bind_int(s, 7, target, e) != 0 ||
	    ops->bind_int(s, 8, before_id, e) != 0 || ops->bind_int(s, 9, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (i++ == limit) {
			*more = 1;
			break;
		}
		read_notice(st, s, n);
		if (cb(n, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(n);
	return rc;
}

int
store_notice_targets(struct store *st, int64_t id, int (*cb)(const struct notice_target *, void *),
		     void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct notice_target *t = malloc(sizeof(*t));
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int rc = -1;

	if (t == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if ((s = st_stmt(st, STMT_NOTICE_TARGETS, e)) == NULL || st_bindf(st, s, e, "i", id) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(t, 0, sizeof(*t));
		t->org_id = ops->col_int(s, 0);
		st_col_copy(st, s, 1, t->org_name, sizeof(t->org_name));
		st_col_copy(st, s, 2, t->reply, sizeof(t->reply));
		st_col_copy(st, s, 3, t->replied_at, sizeof(t->replied_at));
		st_col_copy(st, s, 4, t->replied_by, sizeof(t->replied_by));
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
store_notice_cites(struct store *st, int64_t id, int (*cb)(const struct notice_cite *, void *),
		   void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct notice_cite c;
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_NOTICE_CITES, e)) == NULL || st_bindf(st, s, e, "i", id) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(&c, 0, sizeof(c));
		st_col_copy(st, s, 0, c.kind, sizeof(c.kind));
		c.id = ops->col_int(s, 1);
		st_col_copy(st, s, 2, c.title, sizeof(c.title));
		st_col_copy(st, s, 3, c.code, sizeof(c.code));
		if (cb(&c, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
store_notice_reply(struct store *st, const struct actor *a, const struct scope *sc, int64_t org,
		   int64_t id, const char *text, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct notice *n = malloc(sizeof(*n));
	struct db_stmt *s;
	struct sbuf b = { 0 };
	char now[TIME_LEN];

	if (n == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (st_begin(st, e) != 0) {
		free(n);
		return -1;
	}
	if (store_notice_get(st, sc, org, id, n, e) != 0)
		goto out_rollback;
	if (n->mine < 0) {
		err_set(e, ERR_FORBIDDEN, NULL, "only an org the notice is aimed at replies");
		goto out_rollback;
	}
	if (n->mine > 0) {
		err_set(e, ERR_CONFLICT, "id", "your org has replied to %s already", n->code);
		goto out_rollback;
	}
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_NOTICE_REPLY, e)) == NULL ||
	    st_bindf(st, s, e, "iitti", id, org, text, now, a ? a->user_id : (int64_t)0) != 0 ||
	    st_exec(st, s, e) != 0)
		goto out_rollback;
	if (ops->changes(s) != 1) {
		err_set(e, ERR_CONFLICT, "id", "your org has replied to %s already", n->code);
		goto out_rollback;
	}
	sbuf_kvi(&b, "notice_id", id);
	sbuf_kvi(&b, "org_id", org);
	sbuf_kv(&b, "reply", text);
	if (st_audit_snap(st, a, n->region_code, "notice.reply", "notice", id, &b, e) != 0)
		goto out_rollback;
	free(n);
	return st_commit(st, e);
out_rollback:
	free(n);
	st_rollback(st);
	return -1;
}

/* ---- yearly and final reports of a plan's orgs ---- */

int
plan_report_due(const struct plan_rec *p, const char *period, int32_t *due, struct error *e)
{
	int y, mm = 12, dd = 20, first = 0, last = 0, k;
	int32_t t;
	char tail;

	if (p->year_report_day[0] != '\0' &&
	    (sscanf(p->year_report_day, "%2d-%2d%c", &mm, &dd, &tail) != 2 || mm < 1 || mm > 12 ||
	     dd < 1 || dd > 31)) {
		mm = 12;
		dd = 20;
	}
	if (date_parse(p->period_start, &t) == 0)
		date_to_ymd(t, &first, &k, &k);
	if (date_parse(p->period_end, &t) == 0)
		date_to_ymd(t, &last, &k, &k);
	if (period != NULL && strcmp(period, "final") == 0) {
		if (last == 0)
			return err_set(e, ERR_INVALID, "period", "the plan has no end date for a final report");
		y = last;
	} else if (period == NULL || strlen(period) != 4 || sscanf(period, "%4d%c", &y, &tail) != 1 ||
		   y < 2000 || y > 2100) {
		return err_set(e, ERR_INVALID, "period", "'%.20s' is not a year (2026) or 'final'",
			       period ? period : "");
	} else if ((first != 0 && y < first) || (last != 0 && y > last)) {
		return err_set(e, ERR_INVALID, "period", "the plan runs from %d to %d", first, last);
	}
	if (dd > date_month_days(y, mm))
		dd = date_month_days(y, mm);
	*due = date_from_ymd(y, mm, dd);
	return 0;
}

int
store_plan_report(struct store *st, const struct actor *a, const struct scope *sc,
		  int64_t user_org, int64_t id, const char *period, const char *text,
		  int32_t today, struct plan_report_row *out, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct plan_rec p;
	struct org org;
	struct scope all;
	struct db_stmt *s;
	struct sbuf b = { 0 };
	int32_t due;
	char ddue[DATE_LEN], now[TIME_LEN];
	enum db_step r;

	if (st_begin(st, e) != 0)
		return -1;
	st_scope_all(&all);
	if (check_writer(st, sc, id, user_org, &p, e) != 0 || plan_report_due(&p, period, &due, e) != 0 ||
	    store_org_get(st, &all, user_org, &org, e) != 0)
		goto out_rollback;
	date_format(due, ddue);
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_PLAN_REPORT_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "iittttiit", id, user_org, org.region_code, period, text, ddue,
		     (int64_t)(today > due), a ? a->user_id : (int64_t)0, now) != 0)
		goto out_rollback;
	if ((r = ops->step(s, e)) != DB_ROW) {
		ops->reset(s);
		if (r == DB_DONE)
			err_set(e, ERR_CONFLICT, "period", "your org's %s report on this plan is in already",
				period);
		goto out_rollback;
	}
	memset(out, 0, sizeof(*out));
	out->report_id = ops->col_int(s, 0);
	ops->reset(s);
	sbuf_kvi(&b, "plan_id", id);
	sbuf_kvi(&b, "org_id", user_org);
	sbuf_kv(&b, "period", period);
	sbuf_kv(&b, "text", text);
	sbuf_kv(&b, "due", ddue);
	if (st_audit_snap(st, a, org.region_code, "plan.report", "plan_report", out->report_id, &b,
			  e) != 0)
		goto out_rollback;
	out->org_id = user_org;
	snprintf(out->org_name, sizeof(out->org_name), "%s", org.name);
	out->late = today > due;
	memcpy(out->submitted_at, now, sizeof(out->submitted_at));
	snprintf(out->text, sizeof(out->text), "%s", text);
	snprintf(out->reporter, sizeof(out->reporter), "%s", a ? a->login : "");
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_plan_report_board(struct store *st, const struct scope *sc, int64_t id, const char *period,
			int64_t after_id, int limit,
			int (*cb)(const struct plan_report_row *, void *), void *arg,
			int64_t *total, int64_t *reported, int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct plan_report_row *row = malloc(sizeof(*row));
	struct plan_rec p;
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int n = 0, rc = -1;

	*more = 0;
	if (row == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_plan_get(st, sc, id, &p, e) != 0 ||
	    (s = st_stmt(st, STMT_PLAN_REPORT_BOARD_COUNT, e)) == NULL ||
	    st_bind_scope(st, s, sc, e) != 0 || ops->bind_int(s, 5, id, e) != 0 ||
	    ops->bind_text(s, 6, period, e) != 0)
		goto out_free;
	if ((r = ops->step(s, e)) == DB_ROW) {
		*total = ops->col_int(s, 0);
		*reported = ops->col_int(s, 1);
	}
	ops->reset(s);
	if (r == DB_ERROR || (s = st_stmt(st, STMT_PLAN_REPORT_BOARD, e)) == NULL ||
	    st_bind_scope(st, s, sc, e) != 0 || ops->bind_int(s, 5, id, e) != 0 ||
	    ops->bind_text(s, 6, period, e) != 0 || ops->bind_int(s, 7, after_id, e) != 0 ||
	    ops->bind_int(s, 8, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			*more = 1;
			break;
		}
		memset(row, 0, sizeof(*row));
		row->org_id = ops->col_int(s, 0);
		st_col_copy(st, s, 1, row->org_name, sizeof(row->org_name));
		row->report_id = ops->col_int(s, 2);
		row->late = (int)ops->col_int(s, 3);
		st_col_copy(st, s, 4, row->submitted_at, sizeof(row->submitted_at));
		st_col_copy(st, s, 5, row->text, sizeof(row->text));
		st_col_copy(st, s, 6, row->reporter, sizeof(row->reporter));
		if (cb(row, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(row);
	return rc;
}

int
store_plan_set_days(struct store *st, const struct actor *a, const struct scope *sc, int64_t id,
		    int64_t version, int report_day, const char *year_day, struct error *e)
{
	struct plan_rec p;
	struct db_stmt *s;
	struct sbuf b = { 0 };
	char now[TIME_LEN];

	if (st_begin(st, e) != 0)
		return -1;
	if (store_plan_get(st, sc, id, &p, e) != 0)
		goto out_rollback;
	if (p.version != version) {
		err_set(e, ERR_STALE, "version", "plan %lld is at version %lld, not %lld",
			(long long)id, (long long)p.version, (long long)version);
		goto out_rollback;
	}
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_PLAN_SET_DAYS, e)) == NULL ||
	    st_bindf(st, s, e, "iitti", id, (int64_t)report_day, year_day, now, version) != 0 ||
	    st_exec_one(st, s, "the plan", e) != 0)
		goto out_rollback;
	sbuf_kvi(&b, "report_day", report_day);
	sbuf_kv(&b, "year_report_day", year_day);
	sbuf_kvi(&b, "version", version + 1);
	if (st_audit_snap(st, a, p.region_code, "plan.days", "plan", id, &b, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}
