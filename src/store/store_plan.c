/*
 * store_plan.c — plans parsed from their documents: the draft with its
 * outline, the names of units mapped to real orgs (remembered per region for
 * the next plan), and publishing, which turns nodes into tasks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* Plans are read by the government orgs of their region, never by enterprises. */
static int
bind_plan_scope(struct store *st, struct db_stmt *s, const struct scope *sc, struct error *e)
{
	return st_bindf(st, s, e, "tti", sc->region_lo, sc->region_hi,
			(int64_t)(sc->own_org_only ? 1 : 0));
}

static void
read_plan(struct store *st, struct db_stmt *s, struct plan_rec *p)
{
	const struct db_ops *ops = st->db->ops;

	memset(p, 0, sizeof(*p));
	p->id = ops->col_int(s, 0);
	st_col_copy(st, s, 1, p->title, sizeof(p->title));
	st_col_copy(st, s, 2, p->issuer, sizeof(p->issuer));
	st_col_copy(st, s, 3, p->doc_number, sizeof(p->doc_number));
	st_col_copy(st, s, 4, p->issued_on, sizeof(p->issued_on));
	st_col_copy(st, s, 5, p->region_code, sizeof(p->region_code));
	st_col_copy(st, s, 6, p->period_start, sizeof(p->period_start));
	st_col_copy(st, s, 7, p->period_end, sizeof(p->period_end));
	p->report_day = (int)ops->col_int(s, 8);
	p->status = ops->col_int(s, 9) == PLAN_PUBLISHED ? PLAN_PUBLISHED : PLAN_DRAFT;
	p->version = ops->col_int(s, 10);
	st_col_copy(st, s, 11, p->created_at, sizeof(p->created_at));
	p->nodes = ops->col_int(s, 12);
	p->tasks = ops->col_int(s, 13);
	st_col_copy(st, s, 14, p->year_report_day, sizeof(p->year_report_day));
}

int
store_plan_get(struct store *st, const struct scope *sc, int64_t id, struct plan_rec *out,
	       struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_PLAN_GET, e)) == NULL || bind_plan_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 4, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_plan(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no plan %lld", (long long)id);
	return 0;
}

static int
plan_audit(struct store *st, const struct actor *a, const char *action, const struct plan_rec *p,
	   struct error *e)
{
	struct sbuf b = { 0 };

	sbuf_kv(&b, "title", p->title);
	sbuf_kv(&b, "doc_number", p->doc_number);
	sbuf_kv(&b, "region_code", p->region_code);
	sbuf_kvi(&b, "status", p->status);
	sbuf_kvi(&b, "nodes", p->nodes);
	sbuf_kvi(&b, "tasks", p->tasks);
	sbuf_kvi(&b, "version", p->version);
	return st_audit_snap(st, a, p->region_code, action, "plan", p->id, &b, e);
}

int
store_plan_create(struct store *st, const struct actor *a, const struct scope *sc,
		  struct plan_rec *p, const char *source, const struct plan_node_row *nodes,
		  size_t n, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	char now[TIME_LEN];

	if (strcmp(p->region_code, sc->region_lo) < 0 || strcmp(p->region_code, sc->region_hi) > 0 ||
	    region_level_of(p->region_code) < 0)
		return err_set(e, ERR_INVALID, "region_code", "'%s' is not a region of yours",
			       p->region_code);
	store_now(now, sizeof(now));
	if (st_begin(st, e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_PLAN_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "tttttttitit", p->title, p->issuer, p->doc_number, p->issued_on,
		     p->region_code, p->period_start, p->period_end, (int64_t)p->report_day, source,
		     a ? a->user_id : (int64_t)0, now) != 0)
		goto out_rollback;
	if (ops->step(s, e) != DB_ROW) {
		ops->reset(s);
		goto out_rollback;
	}
	p->id = ops->col_int(s, 0);
	ops->reset(s);
	for (size_t i = 0; i < n; i++) {
		const struct plan_node_row *nd = &nodes[i];

		if ((s = st_stmt(st, STMT_PLAN_NODE_INSERT, e)) == NULL ||
		    st_bindf(st, s, e, "iiitttittttt", p->id, (int64_t)nd->seq, (int64_t)nd->parent,
			     nd->kind, nd->label, nd->title, (int64_t)nd->line, nd->deadline, nd->lead,
			     nd->co, nd->localities, nd->detail ? nd->detail : "{}") != 0 ||
		    st_exec(st, s, e) != 0)
			goto out_rollback;
	}
	if (store_plan_get(st, sc, p->id, p, e) != 0 || plan_audit(st, a, "plan.create", p, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_plan_list(struct store *st, const struct scope *sc, int64_t after_id, int limit,
		int (*cb)(const struct plan_rec *, void *), void *arg, int64_t *total, int *more,
		struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct plan_rec p;
	struct db_stmt *s;
	enum db_step r;
	int n = 0;

	if (more)
		*more = 0;
	if (total != NULL && ((s = st_stmt(st, STMT_PLAN_COUNT, e)) == NULL ||
			      bind_plan_scope(st, s, sc, e) != 0 || st_count(st, s, total, e) != 0))
		return -1;
	if ((s = st_stmt(st, STMT_PLAN_LIST, e)) == NULL || bind_plan_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 4, after_id, e) != 0 || ops->bind_int(s, 5, limit + 1, e) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		read_plan(st, s, &p);
		if (cb(&p, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

/* Walk the outline rows of a plan the caller already may see. */
static int
walk_nodes(struct store *st, int64_t id, int (*cb)(const struct plan_node_row *, void *),
	   void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct plan_node_row *nd = malloc(sizeof(*nd));
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int rc = -1;

	if (nd == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if ((s = st_stmt(st, STMT_PLAN_NODES, e)) == NULL || st_bindf(st, s, e, "i", id) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(nd, 0, sizeof(*nd));
		nd->seq = (int)ops->col_int(s, 0);
		nd->parent = (int)ops->col_int(s, 1);
		st_col_copy(st, s, 2, nd->kind, sizeof(nd->kind));
		st_col_copy(st, s, 3, nd->label, sizeof(nd->label));
		st_col_copy(st, s, 4, nd->title, sizeof(nd->title));
		nd->line = (int)ops->col_int(s, 5);
		st_col_copy(st, s, 6, nd->deadline, sizeof(nd->deadline));
		st_col_copy(st, s, 7, nd->lead, sizeof(nd->lead));
		st_col_copy(st, s, 8, nd->co, sizeof(nd->co));
		st_col_copy(st, s, 9, nd->localities, sizeof(nd->localities));
		nd->detail = ops->col_text(s, 10);
		if (cb(nd, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(nd);
	return rc;
}

int
store_plan_nodes(struct store *st, const struct scope *sc, int64_t id,
		 int (*cb)(const struct plan_node_row *, void *), void *arg, struct error *e)
{
	struct plan_rec p;

	if (store_plan_get(st, sc, id, &p, e) != 0)
		return -1;
	return walk_nodes(st, id, cb, arg, e);
}

int
store_unit_map(struct store *st, const struct actor *a, const struct scope *sc,
	       const char *region, const char *name, int64_t org_id, struct error *e)
{
	struct org o;
	struct db_stmt *s;
	struct sbuf b = { 0 };
	char chain[3];

	if (st_begin(st, e) != 0)
		return -1;
	if (store_org_get(st, sc, org_id, &o, e) != 0) {
		err_set(e, ERR_INVALID, "org_id", "no org %lld of yours", (long long)org_id);
		goto out_rollback;
	}
	if ((s = st_stmt(st, STMT_UNIT_MAPPING_SET, e)) == NULL ||
	    st_bindf(st, s, e, "tti", region, name, org_id) != 0 || st_exec(st, s, e) != 0)
		goto out_rollback;
	sbuf_kv(&b, "region_code", region);
	sbuf_kv(&b, "name", name);
	sbuf_kvi(&b, "org_id", org_id);
	st_chain_of(region, chain);
	if (st_audit(st, a, chain, "unit.map", "unit_mapping", name, sbuf_str(&b), e) != 0)
		goto out_rollback;
	sbuf_free(&b);
	return st_commit(st, e);
out_rollback:
	sbuf_free(&b);
	st_rollback(st);
	return -1;
}

int
store_unit_mappings(struct store *st, const char *region,
		    int (*cb)(const char *, int64_t, const char *, void *), void *arg,
		    struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_UNIT_MAPPINGS, e)) == NULL || st_bindf(st, s, e, "t", region) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW)
		if (cb(ops->col_text(s, 0), ops->col_int(s, 1), ops->col_text(s, 2), arg) != 0)
			break;
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

/* The mappings of a region, loaded once for publishing. */
struct mapping {
	char name[TEXT_SMALL];
	int64_t org_id;
};

struct mappings {
	struct mapping *v;
	size_t n, cap;
	int oom;
};

static int
add_mapping(const char *name, int64_t org_id, const char *org_name, void *arg)
{
	struct mappings *m = arg;
	struct mapping *nv;

	(void)org_name;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		if ((nv = realloc(m->v, m->cap * sizeof(*nv))) == NULL) {
			m->oom = 1;
			return 1;
		}
		m->v = nv;
	}
	snprintf(m->v[m->n].name, sizeof(m->v[m->n].name), "%s", name);
	m->v[m->n++].org_id = org_id;
	return 0;
}

static int64_t
mapped(const struct mappings *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			return m->v[i].org_id;
	return 0;
}

struct publish_ctx {
	struct store *st;
	const struct plan_rec *plan;
	const struct mappings *m;
	struct publish_result *r;
	struct plan_node_row *rows;
	size_t n, cap;
	int oom;
};

static int
collect_node(const struct plan_node_row *nd, void *arg)
{
	struct publish_ctx *c = arg;
	struct plan_node_row *nv;

	if (nd->lead[0] == '\0' && nd->co[0] == '\0' && nd->localities[0] == '\0')
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		if ((nv = realloc(c->rows, c->cap * sizeof(*nv))) == NULL) {
			c->oom = 1;
			return 1;
		}
		c->rows = nv;
	}
	c->rows[c->n] = *nd;
	c->rows[c->n++].detail = NULL;
	return 0;
}

/* One task per unit of a "、"-joined list that has an org. */
static int
publish_units(struct publish_ctx *c, const struct plan_node_row *nd, const char *list,
	      const char *role, int required, struct error *e)
{
	char buf[PLAN_UNITS_MAX], now[TIME_LEN];
	struct db_stmt *s = NULL;
	struct org o;
	struct scope all;
	char *name = buf, *sep;
	int64_t org;

	snprintf(buf, sizeof(buf), "%s", list);
	store_now(now, sizeof(now));
	st_scope_all(&all);
	while (name != NULL && *name != '\0') {
		if ((sep = strstr(name, "、")) != NULL)
			*sep = '\0';
		if ((org = mapped(c->m, name)) == 0) {
			if (required) {
				snprintf(c->r->unmapped, sizeof(c->r->unmapped), "%.*s", (int)sizeof(c->r->unmapped) - 1, name);
				return err_set(e, ERR_CONFLICT, "units",
					       "map the lead unit '%s' to an org before publishing", name);
			}
			c->r->skipped++;
		} else {
			if (store_org_get(c->st, &all, org, &o, e) != 0 ||
			    (s = st_stmt(c->st, STMT_TASK_INSERT, e)) == NULL ||
			    st_bindf(c->st, s, e, "iiitttt", c->plan->id, (int64_t)nd->seq, org,
				     o.region_code, role, nd->title, nd->deadline) != 0 ||
			    c->st->db->ops->bind_text(s, 8, now, e) != 0 ||
			    c->st->db->ops->step(s, e) == DB_ERROR) {
				if (s != NULL)
					c->st->db->ops->reset(s);
				return -1;
			}
			c->r->tasks += c->st->db->ops->changes(s);
			c->st->db->ops->reset(s);
		}
		name = sep ? sep + strlen("、") : NULL;
	}
	return 0;
}

int
store_plan_publish(struct store *st, const struct actor *a, const struct scope *sc, int64_t id,
		   int64_t version, struct publish_result *r, struct error *e)
{
	struct mappings m = { 0 };
	struct plan_rec p;
	struct publish_ctx c = { .st = st, .plan = &p, .m = &m, .r = r };
	struct db_stmt *s;
	char now[TIME_LEN];

	memset(r, 0, sizeof(*r));
	if (st_begin(st, e) != 0)
		return -1;
	if (store_plan_get(st, sc, id, &p, e) != 0)
		goto out_rollback;
	if (p.status != PLAN_DRAFT) {
		err_set(e, ERR_CONFLICT, "status", "the plan is published already");
		goto out_rollback;
	}
	if (p.version != version) {
		err_set(e, ERR_STALE, "version", "plan %lld is at version %lld, not %lld",
			(long long)id, (long long)p.version, (long long)version);
		goto out_rollback;
	}
	if (store_unit_mappings(st, p.region_code, add_mapping, &m, e) != 0 ||
	    walk_nodes(st, id, collect_node, &c, e) != 0)
		goto out_rollback;
	if (m.oom || c.oom) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_rollback;
	}
	for (size_t i = 0; i < c.n; i++)
		if (publish_units(&c, &c.rows[i], c.rows[i].lead, "lead", 1, e) != 0 ||
		    publish_units(&c, &c.rows[i], c.rows[i].co, "co", 0, e) != 0 ||
		    publish_units(&c, &c.rows[i], c.rows[i].localities, "locality", 0, e) != 0)
			goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_PLAN_PUBLISH, e)) == NULL ||
	    st_bindf(st, s, e, "iti", id, now, version) != 0 || st_exec_one(st, s, "the plan", e) != 0 ||
	    store_plan_get(st, sc, id, &p, e) != 0 || plan_audit(st, a, "plan.publish", &p, e) != 0)
		goto out_rollback;
	free(m.v);
	free(c.rows);
	return st_commit(st, e);
out_rollback:
	free(m.v);
	free(c.rows);
	st_rollback(st);
	return -1;
}

char *
store_plan_source_new(struct store *st, const struct scope *sc, int64_t id, struct error *e)
{
	struct db_stmt *s;
	enum db_step r;
	char *text = NULL;

	if ((s = st_stmt(st, STMT_PLAN_SOURCE, e)) == NULL || bind_plan_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 4, id, e) != 0)
		return NULL;
	if ((r = st->db->ops->step(s, e)) == DB_ROW &&
	    (text = strdup(st->db->ops->col_text(s, 0))) == NULL)
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
	st->db->ops->reset(s);
	if (r == DB_DONE)
		err_set(e, ERR_NOT_FOUND, "id", "no plan %lld", (long long)id);
	return text;
}

int
store_task_list(struct store *st, const struct scope *sc, int64_t plan_id, int64_t org_id,
		int overdue_only, const char *today, int64_t after_id, int limit,
		int (*cb)(const struct task_rec *, void *), void *arg, int64_t *total, int *more,
		struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct task_rec *t = malloc(sizeof(*t));
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int n = 0, rc = -1;

	if (more)
		*more = 0;
	if (t == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (total != NULL &&
	    ((s = st_stmt(st, STMT_TASK_COUNT, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	     ops->bind_int(s, 5, plan_id, e) != 0 || ops->bind_int(s, 6, org_id, e) != 0 ||
	     ops->bind_int(s, 7, overdue_only != 0, e) != 0 || ops->bind_text(s, 8, today, e) != 0 ||
	     st_count(st, s, total, e) != 0))
		goto out_free;
	if ((s = st_stmt(st, STMT_TASK_LIST, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    ops->bind_int(s, 5, plan_id, e) != 0 || ops->bind_int(s, 6, org_id, e) != 0 ||
	    ops->bind_int(s, 7, overdue_only != 0, e) != 0 || ops->bind_text(s, 8, today, e) != 0 ||
	    ops->bind_int(s, 9, after_id, e) != 0 || ops->bind_int(s, 10, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		memset(t, 0, sizeof(*t));
		t->id = ops->col_int(s, 0);
		t->plan_id = ops->col_int(s, 1);
		t->node_seq = (int)ops->col_int(s, 2);
		t->org_id = ops->col_int(s, 3);
		st_col_copy(st, s, 4, t->org_name, sizeof(t->org_name));
		st_col_copy(st, s, 5, t->role, sizeof(t->role));
		st_col_copy(st, s, 6, t->title, sizeof(t->title));
		st_col_copy(st, s, 7, t->deadline, sizeof(t->deadline));
		t->status = (int)ops->col_int(s, 8);
		t->version = ops->col_int(s, 9);
		t->percent = (int)ops->col_int(s, 10);
		if (cb(t, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(t);
	return rc;
}

/* ---- progress reports of tasks ---- */

static void
read_task(struct store *st, struct db_stmt *s, struct task_rec *t)
{
	const struct db_ops *ops = st->db->ops;

	memset(t, 0, sizeof(*t));
	t->id = ops->col_int(s, 0);
	t->plan_id = ops->col_int(s, 1);
	t->node_seq = (int)ops->col_int(s, 2);
	t->org_id = ops->col_int(s, 3);
	st_col_copy(st, s, 4, t->org_name, sizeof(t->org_name));
	st_col_copy(st, s, 5, t->role, sizeof(t->role));
	st_col_copy(st, s, 6, t->title, sizeof(t->title));
	st_col_copy(st, s, 7, t->deadline, sizeof(t->deadline));
	t->status = (int)ops->col_int(s, 8);
	t->version = ops->col_int(s, 9);
	t->percent = (int)ops->col_int(s, 10);
	t->report_day = (int)ops->col_int(s, 11);
	st_col_copy(st, s, 12, t->region_code, sizeof(t->region_code));
}

int
store_task_get(struct store *st, const struct scope *sc, int64_t id, struct task_rec *out,
	       struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_TASK_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_task(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no task %lld", (long long)id);
	return 0;
}

/* The due date of a month's report: the plan's report day, clipped to the
 * month, or its last day. -1 when period is not "YYYY-MM". */
static int
report_due(const char *period, int report_day, int32_t *due, int32_t *first)
{
	int y, m;

	if (period == NULL || strlen(period) != 7 || period[4] != '-' ||
	    sscanf(period, "%4d-%2d", &y, &m) != 2 || y < 2000 || y > 2100 || m < 1 || m > 12)
		return -1;
	*first = date_from_ymd(y, m, 1);
	*due = date_from_ymd(y, m, report_day > 0 && report_day <= date_month_days(y, m)
				       ? report_day : date_month_days(y, m));
	return 0;
}

/* store_task_report, stamped at (an instant) instead of now when at is not NULL. */
static int
task_report(struct store *st, const struct actor *a, const struct scope *sc, int64_t id,
	    int64_t user_org, const char *period, const char *text, int percent,
	    const struct task_actual *actuals, int nactuals, int32_t today, const char *at,
	    struct task_report *out, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct task_rec t;
	struct db_stmt *s;
	struct sbuf b = { 0 };
	int32_t due, first;
	char ddue[DATE_LEN], now[TIME_LEN];
	enum db_step r;

	if (report_due(period, 0, &due, &first) != 0)
		return err_set(e, ERR_INVALID, "period", "'%s' is not a month (YYYY-MM)", period);
	if (nactuals < 0 || nactuals > TASK_ACTUALS_MAX)
		return err_set(e, ERR_INVALID, "actuals", "at most %d actual values", TASK_ACTUALS_MAX);
	for (int i = 0; i < nactuals; i++)
		for (int j = 0; j < i; j++)
			if (actuals[i].target == actuals[j].target)
				return err_set(e, ERR_INVALID, "actuals", "target %d is given twice",
					       actuals[i].target);
	if (first > today)
		return err_set(e, ERR_INVALID, "period", "the month %s has not begun", period);
	if (st_begin(st, e) != 0)
		return -1;
	if (store_task_get(st, sc, id, &t, e) != 0)
		goto out_rollback;
	if (user_org != t.org_id) {
		err_set(e, ERR_FORBIDDEN, NULL, "only %s reports on its own task", t.org_name);
		goto out_rollback;
	}
	report_due(period, t.report_day, &due, &first);
	date_format(due, ddue);
	if (at != NULL)
		snprintf(now, sizeof(now), "%s", at);
	else
		store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_TASK_REPORT_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "ittitiit", id, period, text, (int64_t)percent, ddue,
		     (int64_t)(today > due), a ? a->user_id : (int64_t)0, now) != 0)
		goto out_rollback;
	if ((r = ops->step(s, e)) != DB_ROW) {
		ops->reset(s);
		if (r == DB_DONE)
			err_set(e, ERR_CONFLICT, "period", "the %s report of this task is in already", period);
		goto out_rollback;
	}
	out->id = ops->col_int(s, 0);
	ops->reset(s);
	for (int i = 0; i < nactuals; i++) {
		if ((s = st_stmt(st, STMT_TASK_ACTUAL_INSERT, e)) == NULL ||
		    st_bindf(st, s, e, "iid", out->id, (int64_t)actuals[i].target,
			     actuals[i].value) != 0 || st_exec(st, s, e) != 0)
			goto out_rollback;
		sbuf_addf(&b, "actual.%d=%.15g\n", actuals[i].target, actuals[i].value);
	}
	if ((s = st_stmt(st, STMT_TASK_PROGRESS, e)) == NULL ||
	    st_bindf(st, s, e, "iiit", id, (int64_t)percent, (int64_t)(percent >= 100 ? 2 : 1),
		     now) != 0 || st_exec(st, s, e) != 0)
		goto out_rollback;
	sbuf_kvi(&b, "task_id", id);
	sbuf_kv(&b, "period", period);
	sbuf_kvi(&b, "percent", percent);
	sbuf_kv(&b, "text", text);
	sbuf_kv(&b, "due", ddue);
	if (st_audit_snap(st, a, t.region_code, "task.report", "task_report", out->id, &b, e) != 0)
		goto out_rollback;
	out->task_id = id;
	snprintf(out->period, sizeof(out->period), "%s", period);
	snprintf(out->text, sizeof(out->text), "%s", text);
	out->percent = percent;
	memcpy(out->due, ddue, sizeof(out->due));
	out->late = today > due;
	memcpy(out->submitted_at, now, sizeof(out->submitted_at));
	snprintf(out->reporter, sizeof(out->reporter), "%s", a ? a->login : "");
	snprintf(out->org_name, sizeof(out->org_name), "%s", t.org_name);
	if (nactuals > 0)
		memcpy(out->actuals, actuals, (size_t)nactuals * sizeof(*actuals));
	out->nactuals = nactuals;
	return st_commit(st, e);
out_rollback:
	sbuf_free(&b);
	st_rollback(st);
	return -1;
}

int
store_task_report(struct store *st, const struct actor *a, const struct scope *sc, int64_t id,
		  int64_t user_org, const char *period, const char *text, int percent,
		  const struct task_actual *actuals, int nactuals, int32_t today,
		  struct task_report *out, struct error *e)
{
	return task_report(st, a, sc, id, user_org, period, text, percent, actuals, nactuals, today,
			   NULL, out, e);
}

int
store_task_report_at(struct store *st, const struct actor *a, const struct scope *sc, int64_t id,
		     int64_t user_org, const char *period, const char *text, int percent,
		     const char *at, struct task_report *out, struct error *e)
{
	int32_t on;

	if (at == NULL || date_of_instant(at, &on) != 0)
		return err_set(e, ERR_INVALID, "submitted_at", "'%s' is not an instant (YYYY-MM-DDTHH:MM:SSZ)",
			       at ? at : "");
	return task_report(st, a, sc, id, user_org, period, text, percent, NULL, 0, on, at, out, e);
}

/* The actual values of report r->id into r. */
static int
read_actuals(struct store *st, struct task_report *r, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step step;

	r->nactuals = 0;
	if ((s = st_stmt(st, STMT_TASK_ACTUALS, e)) == NULL || st_bindf(st, s, e, "i", r->id) != 0)
		return -1;
	while ((step = ops->step(s, e)) == DB_ROW && r->nactuals < TASK_ACTUALS_MAX) {
		r->actuals[r->nactuals].target = (int)ops->col_int(s, 0);
		r->actuals[r->nactuals++].value = ops->col_double(s, 1);
	}
	ops->reset(s);
	return step == DB_ERROR ? -1 : 0;
}

int
store_task_reports(struct store *st, const struct scope *sc, int64_t id,
		   int (*cb)(const struct task_report *, void *), void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct task_report *r = malloc(sizeof(*r));
	struct task_rec t;
	struct db_stmt *s;
	enum db_step step = DB_ERROR;
	int rc = -1;

	if (r == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_task_get(st, sc, id, &t, e) != 0 || (s = st_stmt(st, STMT_TASK_REPORTS, e)) == NULL ||
	    st_bindf(st, s, e, "i", id) != 0)
		goto out_free;
	while ((step = ops->step(s, e)) == DB_ROW) {
		memset(r, 0, sizeof(*r));
		r->id = ops->col_int(s, 0);
		r->task_id = ops->col_int(s, 1);
		st_col_copy(st, s, 2, r->period, sizeof(r->period));
		st_col_copy(st, s, 3, r->text, sizeof(r->text));
		r->percent = (int)ops->col_int(s, 4);
		st_col_copy(st, s, 5, r->due, sizeof(r->due));
		r->late = (int)ops->col_int(s, 6);
		st_col_copy(st, s, 7, r->submitted_at, sizeof(r->submitted_at));
		st_col_copy(st, s, 8, r->reporter, sizeof(r->reporter));
		st_col_copy(st, s, 9, r->org_name, sizeof(r->org_name));
		if (read_actuals(st, r, e) != 0 || st_task_report_files(st, r, e) != 0) {
			step = DB_ERROR;
			break;
		}
		if (cb(r, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = step == DB_ERROR ? -1 : 0;
out_free:
	free(r);
	return rc;
}

int
store_plan_reporting(struct store *st, const struct scope *sc, int64_t plan_id, const char *period,
		     int64_t after_id, int limit, int (*cb)(const struct reporting_row *, void *),
		     void *arg, int64_t *total, int64_t *reported, int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct reporting_row *row = malloc(sizeof(*row));
	struct plan_rec p;
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int n = 0, rc = -1;

	*more = 0;
	if (row == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_plan_get(st, sc, plan_id, &p, e) != 0 ||
	    (s = st_stmt(st, STMT_PLAN_REPORTING_COUNT, e)) == NULL ||
	    st_bind_scope(st, s, sc, e) != 0 || ops->bind_int(s, 5, plan_id, e) != 0 ||
	    ops->bind_text(s, 6, period, e) != 0)
		goto out_free;
	if ((r = ops->step(s, e)) == DB_ROW) {
		*total = ops->col_int(s, 0);
		*reported = ops->col_int(s, 1);
	}
	ops->reset(s);
	if (r == DB_ERROR || (s = st_stmt(st, STMT_PLAN_REPORTING, e)) == NULL ||
	    st_bind_scope(st, s, sc, e) != 0 || ops->bind_int(s, 5, plan_id, e) != 0 ||
	    ops->bind_text(s, 6, period, e) != 0 || ops->bind_int(s, 7, after_id, e) != 0 ||
	    ops->bind_int(s, 8, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			*more = 1;
			break;
		}
		memset(row, 0, sizeof(*row));
		row->task_id = ops->col_int(s, 0);
		st_col_copy(st, s, 1, row->title, sizeof(row->title));
		row->org_id = ops->col_int(s, 2);
		st_col_copy(st, s, 3, row->org_name, sizeof(row->org_name));
		st_col_copy(st, s, 4, row->deadline, sizeof(row->deadline));
		row->reported = (int)ops->col_int(s, 5);
		row->late = (int)ops->col_int(s, 6);
		row->percent = (int)ops->col_int(s, 7);
		st_col_copy(st, s, 8, row->submitted_at, sizeof(row->submitted_at));
		if (cb(row, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(row);
	return rc;
}
