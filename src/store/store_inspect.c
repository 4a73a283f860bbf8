/*
 * store_inspect.c — inspections (DESIGN §3.4, the core: who inspected which
 * enterprise, when, how, with what summary) and the regulators' lists of
 * enterprises due for inspection by colour (§3.2). An inspection is never
 * updated or deleted; its enterprise's last inspection date moves forward
 * in the same transaction, and the due lists read that date through one
 * index (orgs_inspection_due). Scope exactly as for hazards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/store_int.h"

/* The audit chain's canonical text of an inspection. */
static void
snap_inspection(const struct inspection *in, struct sbuf *b)
{
	sbuf_kv(b, "code", in->code);
	sbuf_kvi(b, "enterprise_id", in->enterprise_id);
	sbuf_kv(b, "region_code", in->region_code);
	sbuf_kvi(b, "industry_id", in->industry_id);
	sbuf_kvi(b, "org_id", in->org_id);
	sbuf_kv(b, "date", in->date);
	sbuf_kv(b, "type", inspection_type_names[in->type]);
	sbuf_kv(b, "summary", in->summary);
	for (int i = 0; i < in->ninspectors; i++)
		sbuf_kvi(b, "inspector", in->inspectors[i].id);
	sbuf_kvi(b, "created_by", in->created_by);
}

static void
read_inspection(struct store *st, struct db_stmt *s, struct inspection *in)
{
	const struct db_ops *ops = st->db->ops;
	int t;

	memset(in, 0, sizeof(*in));
	in->id = ops->col_int(s, 0);
	st_col_copy(st, s, 1, in->code, sizeof(in->code));
	in->enterprise_id = ops->col_int(s, 2);
	st_col_copy(st, s, 3, in->enterprise_name, sizeof(in->enterprise_name));
	st_col_copy(st, s, 4, in->region_code, sizeof(in->region_code));
	in->industry_id = ops->col_int(s, 5);
	in->org_id = ops->col_int(s, 6);
	st_col_copy(st, s, 7, in->org_name, sizeof(in->org_name));
	st_col_copy(st, s, 8, in->date, sizeof(in->date));
	t = (int)ops->col_int(s, 9);
	in->type = t >= 0 && t < IT__MAX ? (enum inspection_type)t : IT_ROUTINE;
	st_col_copy(st, s, 10, in->summary, sizeof(in->summary));
	in->created_by = ops->col_int(s, 11);
	st_col_copy(st, s, 12, in->created_at, sizeof(in->created_at));
}

static void
read_inspector(struct store *st, struct db_stmt *s, struct inspector *u)
{
	int r = (int)st->db->ops->col_int(s, 3);

	memset(u, 0, sizeof(*u));
	u->id = st->db->ops->col_int(s, 0);
	st_col_copy(st, s, 1, u->login, sizeof(u->login));
	st_col_copy(st, s, 2, u->name, sizeof(u->name));
	u->role = r >= 0 && r < ROLE__MAX ? (enum role)r : ROLE_INSPECTOR;
}

static int
load_inspectors(struct store *st, struct inspection *in, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;

	in->ninspectors = 0;
	if ((s = st_stmt(st, STMT_INSPECTION_INSPECTORS, e)) == NULL ||
	    st_bindf(st, s, e, "i", in->id) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW)
		if (in->ninspectors < INSPECTORS_MAX)
			read_inspector(st, s, &in->inspectors[in->ninspectors++]);
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

static int
inspection_get(struct store *st, const struct scope *sc, int64_t id, struct inspection *out,
	       struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_INSPECTION_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_inspection(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no inspection %lld", (long long)id);
	return load_inspectors(st, out, e);
}

int
store_inspection_get(struct store *st, const struct scope *sc, int64_t id,
		     struct inspection *out, struct error *e)
{
	return inspection_get(st, sc, id, out, e);
}

/*
 * The inspectors of in: at least two, distinct, each an active inspector
 * or regulator of the inspecting org. Sorted by id for the audit text.
 */
static int
check_inspectors(struct store *st, struct inspection *in, struct error *e)
{
	struct user u;
	struct error ue;

	if (in->ninspectors < 2)
		return err_set(e, ERR_INVALID, "inspector_ids",
			       "an inspection needs at least two inspectors");
	for (int i = 1; i < in->ninspectors; i++)
		for (int j = i; j > 0 && in->inspectors[j - 1].id > in->inspectors[j].id; j--) {
			struct inspector t = in->inspectors[j];

			in->inspectors[j] = in->inspectors[j - 1];
			in->inspectors[j - 1] = t;
		}
	for (int i = 0; i < in->ninspectors; i++) {
		int64_t id = in->inspectors[i].id;

		if (i > 0 && in->inspectors[i - 1].id == id)
			return err_set(e, ERR_INVALID, "inspector_ids",
				       "inspector %lld is named twice", (long long)id);
		if (store_user_get(st, id, &u, &ue) != 0) {
			if (ue.code != ERR_NOT_FOUND)
				return err_set(e, ue.code, NULL, "%s", ue.message);
			return err_set(e, ERR_INVALID, "inspector_ids", "no user %lld of your org",
				       (long long)id);
		}
		if (u.org_id != in->org_id || !u.active ||
		    (u.role != ROLE_INSPECTOR && u.role != ROLE_REGULATOR))
			return err_set(e, ERR_INVALID, "inspector_ids",
				       "user %lld is not an active inspector or regulator of your org",
				       (long long)id);
	}
	return 0;
}

/* The next code of a county and year (the inspection's date), never reused. */
static int
next_code(struct store *st, const char *region, const char *date, char *code, size_t n,
	  struct error *e)
{
	struct db_stmt *s;
	char prefix[16];
	int64_t seq;

	snprintf(prefix, sizeof(prefix), "%.6s-%.4s", region, date);
	if ((s = st_stmt(st, STMT_INSPECTION_SEQ_NEXT, e)) == NULL || st_bindf(st, s, e, "t", prefix) != 0)
		return -1;
	if (st->db->ops->step(s, e) != DB_ROW) {
		st->db->ops->reset(s);
		return -1;
	}
	seq = st->db->ops->col_int(s, 0);
	st->db->ops->reset(s);
	snprintf(code, n, "JC-%.11s-%06lld", prefix, (long long)(seq % 100000000000LL));
	return 0;
}

int
store_inspection_create(struct store *st, const struct actor *a, const struct scope *sc,
			struct inspection *in, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct org *ent = malloc(sizeof(*ent));
	struct scope all;
	struct sbuf b = { 0 };
	char now[TIME_LEN];
	int32_t d;
	int rc = -1;

	if (ent == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (date_parse(in->date, &d) != 0) {
		err_set(e, ERR_INVALID, "date", "'%s' is not a date", in->date);
		goto out_free;
	}
	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		goto out_free;
	if (store_org_get(st, sc, in->enterprise_id, ent, e) != 0 || ent->kind != ORG_ENTERPRISE) {
		err_set(e, ERR_NOT_FOUND, "enterprise_id", "no enterprise %lld",
			(long long)in->enterprise_id);
		goto out_rollback;
	}
	if (check_inspectors(st, in, e) != 0)
		goto out_rollback;
	memcpy(in->region_code, ent->region_code, sizeof(in->region_code));
	in->industry_id = ent->industry_id;
	in->created_by = a ? a->user_id : 0;
	store_now(now, sizeof(now));
	if (next_code(st, in->region_code, in->date, in->code, sizeof(in->code), e) != 0 ||
	    (s = st_stmt(st, STMT_INSPECTION_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "titiititit", in->code, in->enterprise_id, in->region_code,
		     in->industry_id, in->org_id, in->date, (int64_t)in->type, in->summary,
		     in->created_by, now) != 0 ||
	    (in->industry_id == 0 && ops->bind_null(s, 4, e) != 0))
		goto out_rollback;
	if (ops->step(s, e) != DB_ROW) {
		ops->reset(s);
		goto out_rollback;
	}
	in->id = ops->col_int(s, 0);
	ops->reset(s);
	for (int i = 0; i < in->ninspectors; i++)
		if ((s = st_stmt(st, STMT_INSPECTION_INSPECTOR_ADD, e)) == NULL ||
		    st_bindf(st, s, e, "ii", in->id, in->inspectors[i].id) != 0 || st_exec(st, s, e) != 0)
			goto out_rollback;
	/* Derived data, like the colour: recomputable from the audited rows. */
	if ((s = st_stmt(st, STMT_ORG_INSPECTED, e)) == NULL ||
	    st_bindf(st, s, e, "it", in->enterprise_id, in->date) != 0 || st_exec(st, s, e) != 0)
		goto out_rollback;
	snap_inspection(in, &b);
	if (st_audit_snap(st, a, in->region_code, "inspection.create", "inspection", in->id, &b, e) != 0 ||
	    inspection_get(st, &all, in->id, in, e) != 0)
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
st_inspection_rows(struct store *st, int (*cb)(int64_t id, const struct sbuf *snap, void *),
		   void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct inspection *in = malloc(sizeof(*in));
	struct sbuf b = { 0 };
	struct db_stmt *s;
	enum db_step r = DB_DONE;
	int64_t after = 0;
	int n, stop = 0, t;

	if (in == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	do {
		n = 0;
		if ((s = st_stmt(st, STMT_INSPECTION_ALL, e)) == NULL ||
		    st_bindf(st, s, e, "ii", after, (int64_t)1000) != 0) {
			r = DB_ERROR;
			break;
		}
		while (!stop && (r = ops->step(s, e)) == DB_ROW) {
			const char *ids;
			char *end;

			memset(in, 0, sizeof(*in));
			in->id = ops->col_int(s, 0);
			st_col_copy(st, s, 1, in->code, sizeof(in->code));
			in->enterprise_id = ops->col_int(s, 2);
			st_col_copy(st, s, 3, in->region_code, sizeof(in->region_code));
			in->industry_id = ops->col_int(s, 4);
			in->org_id = ops->col_int(s, 5);
			st_col_copy(st, s, 6, in->date, sizeof(in->date));
			t = (int)ops->col_int(s, 7);
			in->type = t >= 0 && t < IT__MAX ? (enum inspection_type)t : IT_ROUTINE;
			st_col_copy(st, s, 8, in->summary, sizeof(in->summary));
			in->created_by = ops->col_int(s, 9);
			ids = ops->col_text(s, 10);
			while (ids != NULL && *ids != '\0' && in->ninspectors < INSPECTORS_MAX) {
				in->inspectors[in->ninspectors++].id = strtoll(ids, &end, 10);
				ids = *end == ',' ? end + 1 : end;
			}
			sbuf_reset(&b);
			snap_inspection(in, &b);
			after = in->id;
			n++;
			if (cb(in->id, &b, arg) != 0)
				stop = 1;
		}
		ops->reset(s);
	} while (!stop && r == DB_DONE && n == 1000);
	sbuf_free(&b);
	free(in);
	return r == DB_ERROR ? -1 : 0;
}

static int
list_bind(struct store *st, struct db_stmt *s, const struct scope *sc,
	  const struct inspection_filter *f, struct error *e)
{
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";

	if (f->region[0] != '\0' && region_range(f->region, lo, hi) != 0)
		return err_set(e, ERR_INVALID, "region", "bad region code '%s'", f->region);
	if (st_bind_scope(st, s, sc, e) != 0)
		return -1;
	return st_bindf(st, s, e, "----ittitt", f->enterprise_id, lo, hi, (int64_t)f->type, f->from,
			f->to);
}

int
store_inspection_list(struct store *st, const struct scope *sc, const struct inspection_filter *f,
		      int (*cb)(const struct inspection *, void *), void *arg, int64_t *total,
		      int *more, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct inspection *in;
	enum db_step r = DB_DONE;
	int n = 0, limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50, rc = -1;

	if (more)
		*more = 0;
	if (total != NULL &&
	    ((s = st_stmt(st, STMT_INSPECTION_COUNT, e)) == NULL || list_bind(st, s, sc, f, e) != 0 ||
	     st_count(st, s, total, e) != 0))
		return -1;
	if (cb == NULL)
		return 0;
	if ((in = malloc(sizeof(*in))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if ((s = st_stmt(st, STMT_INSPECTION_LIST, e)) == NULL || list_bind(st, s, sc, f, e) != 0 ||
	    st_bindf(st, s, e, "----------tii", f->after_date, f->after_id, (int64_t)limit + 1) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		read_inspection(st, s, in);
		if (cb(in, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(in);
	return rc;
}

int
store_inspectors_of_org(struct store *st, int64_t org_id,
			int (*cb)(const struct inspector *, void *), void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct inspector u;
	enum db_step r;

	if ((s = st_stmt(st, STMT_INSPECTORS_OF_ORG, e)) == NULL || st_bindf(st, s, e, "i", org_id) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		read_inspector(st, s, &u);
		if (cb(&u, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

/* ---- due for inspection ---- */

/* The order of the due list: red first. */
static const enum risk_level due_order[RL__MAX] = { RL_MAJOR, RL_LARGER, RL_GENERAL, RL_LOW };

/* Bind the due statements' $1–$9: scope, colour, period start, region, industry. */
static int
due_bind(struct store *st, struct db_stmt *s, const struct scope *sc, enum risk_level level,
	 const char *start, const char *lo, const char *hi, int64_t industry, struct error *e)
{
	if (st_bind_scope(st, s, sc, e) != 0)
		return -1;
	return st_bindf(st, s, e, "----tttti", risk_colour_names[level], start, lo, hi, industry);
}

/* Up to max rows of one colour after the cursor (last, id), to cb. */
static int
due_rows(struct store *st, const struct scope *sc, enum risk_level level, const char *start,
	 const char *end, const char *lo, const char *hi, const struct due_filter *f,
	 const char *after_last, int64_t after_id, int max, int *got, int *more,
	 int (*cb)(const struct due_row *, void *), void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct due_row *row = malloc(sizeof(*row));
	enum db_step r = DB_ERROR;
	int rc = -1;

	if (row == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if ((s = st_stmt(st, STMT_INSPECTION_DUE, e)) == NULL ||
	    due_bind(st, s, sc, level, start, lo, hi, f->industry_id, e) != 0 ||
	    st_bindf(st, s, e, "---------tii", after_last, after_id, (int64_t)max + 1) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (*got == max) {
			*more = 1;
			break;
		}
		memset(row, 0, sizeof(*row));
		row->id = ops->col_int(s, 0);
		st_col_copy(st, s, 1, row->name, sizeof(row->name));
		st_col_copy(st, s, 2, row->region_code, sizeof(row->region_code));
		st_col_copy(st, s, 3, row->region_name, sizeof(row->region_name));
		row->industry_id = ops->col_int(s, 4);
		st_col_copy(st, s, 5, row->industry_name, sizeof(row->industry_name));
		row->colour = level;
		st_col_copy(st, s, 7, row->last_inspected_on, sizeof(row->last_inspected_on));
		snprintf(row->period_start, sizeof(row->period_start), "%s", start);
		snprintf(row->due_by, sizeof(row->due_by), "%s", end);
		(*got)++;
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
store_inspection_due(struct store *st, const struct scope *sc, const struct inspect_freq *freq,
		     int32_t today, const struct due_filter *f,
		     int (*cb)(const struct due_row *, void *), void *arg,
		     int64_t counts[RL__MAX], int *more, struct error *e)
{
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";
	int limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50, got = 0, past = f->after_colour < 0;
	int more_rows = 0;

	if (more)
		*more = 0;
	if (counts != NULL)
		memset(counts, 0, sizeof(int64_t) * RL__MAX);
	if (f->region[0] != '\0' && region_range(f->region, lo, hi) != 0)
		return err_set(e, ERR_INVALID, "region", "bad region code '%s'", f->region);
	for (int k = 0; k < RL__MAX; k++) {
		enum risk_level level = due_order[k];
		char start[DATE_LEN], end[DATE_LEN];
		struct db_stmt *s;
		int32_t ps, pe;
		int at_cursor = !past && (int)level == f->after_colour;

		/* Colours before the cursor's were listed on earlier pages. */
		if (at_cursor)
			past = 1;
		if (inspect_period(freq->months[level], today, &ps, &pe) != 0)
			continue;   /* never due by frequency: random draw only */
		date_format(ps, start);
		date_format(pe, end);
		if (counts != NULL &&
		    ((s = st_stmt(st, STMT_INSPECTION_DUE_COUNT, e)) == NULL ||
		     due_bind(st, s, sc, level, start, lo, hi, f->industry_id, e) != 0 ||
		     st_count(st, s, &counts[level], e) != 0))
			return -1;
		if (!past || cb == NULL || more_rows || (f->colour >= 0 && (int)level != f->colour))
			continue;
		if (due_rows(st, sc, level, start, end, lo, hi, f, at_cursor ? f->after_last : "",
			     at_cursor ? f->after_id : 0, limit, &got, &more_rows, cb, arg, e) != 0)
			return -1;
	}
	if (more)
		*more = more_rows;
	return 0;
}
