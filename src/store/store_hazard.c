/*
 * store_hazard.c — hazards: report, transitions through the core state
 * machine, lists with full text, history, and the notifications they raise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "store/store_int.h"

void
st_snap_hazard(const struct hazard *h, struct sbuf *b)
{
	sbuf_kv(b, "code", h->code);
	sbuf_kvi(b, "enterprise_id", h->enterprise_id);
	sbuf_kv(b, "region_code", h->region_code);
	sbuf_kvi(b, "industry_id", h->industry_id);
	sbuf_kv(b, "title", h->title);
	sbuf_kv(b, "description", h->description);
	sbuf_kv(b, "location", h->location);
	sbuf_kv(b, "category", hazard_category_names[h->category]);
	sbuf_kv(b, "grade", hazard_grade_names[h->grade]);
	sbuf_kv(b, "basis", h->basis);
	sbuf_kv(b, "source", hazard_source_names[h->source]);
	sbuf_kv(b, "found_at", h->found_at);
	sbuf_kvi(b, "found_by", h->found_by);
	sbuf_kv(b, "responsible", h->responsible);
	sbuf_kv(b, "measures", h->measures);
	if (h->has_funds)
		sbuf_addf(b, "funds=%.2f\n", h->funds);
	else
		sbuf_kv(b, "funds", "");
	sbuf_kv(b, "deadline", h->deadline);
	sbuf_kv(b, "original_deadline", h->original_deadline);
	sbuf_kv(b, "contingency", h->contingency);
	sbuf_kv(b, "status", hazard_status_names[h->status]);
	sbuf_kv(b, "evidence", h->evidence);
	sbuf_kvi(b, "extensions", h->extensions);
	sbuf_kvi(b, "rejections", h->rejections);
	sbuf_kv(b, "closed_on", h->closed_on);
	sbuf_kvi(b, "closed_on_time", h->closed_on_time);
	sbuf_kv(b, "listing_level", listing_level_names[h->listing_level]);
	sbuf_kvi(b, "listing_org", h->listing_org);
	sbuf_kv(b, "listed_on", h->listed_on);
	sbuf_kv(b, "listing_deadline", h->listing_deadline);
	sbuf_kv(b, "delisted_on", h->delisted_on);
	sbuf_kvi(b, "version", h->version);
}

static int
enum_col(struct store *st, struct db_stmt *s, int c, int max)
{
	int v = (int)st->db->ops->col_int(s, c);

	return v >= 0 && v < max ? v : 0;
}

void
st_read_hazard(struct store *st, struct db_stmt *s, struct hazard *h)
{
	const struct db_ops *ops = st->db->ops;

	memset(h, 0, sizeof(*h));
	h->id = ops->col_int(s, 0);
	st_col_copy(st, s, 1, h->code, sizeof(h->code));
	h->enterprise_id = ops->col_int(s, 2);
	st_col_copy(st, s, 3, h->enterprise_name, sizeof(h->enterprise_name));
	st_col_copy(st, s, 4, h->region_code, sizeof(h->region_code));
	h->industry_id = ops->col_int(s, 5);
	st_col_copy(st, s, 6, h->title, sizeof(h->title));
	st_col_copy(st, s, 7, h->description, sizeof(h->description));
	st_col_copy(st, s, 8, h->location, sizeof(h->location));
	h->category = (enum hazard_category)enum_col(st, s, 9, HC__MAX);
	h->grade = (enum hazard_grade)enum_col(st, s, 10, HG__MAX);
	st_col_copy(st, s, 11, h->basis, sizeof(h->basis));
	h->source = (enum hazard_source)enum_col(st, s, 12, HS__MAX);
	st_col_copy(st, s, 13, h->found_at, sizeof(h->found_at));
	h->found_by = ops->col_int(s, 14);
	st_col_copy(st, s, 15, h->responsible, sizeof(h->responsible));
	st_col_copy(st, s, 16, h->measures, sizeof(h->measures));
	h->has_funds = (int)ops->col_int(s, 17);
	h->funds = ops->col_double(s, 18);
	st_col_copy(st, s, 19, h->deadline, sizeof(h->deadline));
	st_col_copy(st, s, 20, h->original_deadline, sizeof(h->original_deadline));
	st_col_copy(st, s, 21, h->contingency, sizeof(h->contingency));
	h->status = (enum hazard_status)enum_col(st, s, 22, HZ_STATUS__MAX);
	st_col_copy(st, s, 23, h->evidence, sizeof(h->evidence));
	h->extensions = (int)ops->col_int(s, 24);
	h->rejections = (int)ops->col_int(s, 25);
	st_col_copy(st, s, 26, h->closed_on, sizeof(h->closed_on));
	h->closed_on_time = (int)ops->col_int(s, 27);
	h->listing_level = (enum listing_level)enum_col(st, s, 28, LIST__MAX);
	h->listing_org = ops->col_int(s, 29);
	st_col_copy(st, s, 30, h->listed_on, sizeof(h->listed_on));
	st_col_copy(st, s, 31, h->listing_deadline, sizeof(h->listing_deadline));
	st_col_copy(st, s, 32, h->delisted_on, sizeof(h->delisted_on));
	h->version = ops->col_int(s, 33);
	st_col_copy(st, s, 34, h->created_at, sizeof(h->created_at));
	st_col_copy(st, s, 35, h->updated_at, sizeof(h->updated_at));
}

static int
hazard_get(struct store *st, const struct scope *sc, int64_t id, struct hazard *out,
	   struct error *e)
{
	struct db_stmt *s;
	enum db_step r;

	if ((s = st_stmt(st, STMT_HAZARD_GET, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st->db->ops->bind_int(s, 5, id, e) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		st_read_hazard(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no hazard %lld", (long long)id);
	return 0;
}

int
store_hazard_get(struct store *st, const struct scope *sc, int64_t id, struct hazard *out,
		 struct error *e)
{
	return hazard_get(st, sc, id, out, e);
}

static int
hazard_audit(struct store *st, const struct actor *a, const char *action,
	     const struct hazard *h, struct error *e)
{
	struct sbuf b = { 0 };

	st_snap_hazard(h, &b);
	return st_audit_snap(st, a, h->region_code, action, "hazard", h->id, &b, e);
}

static int
event_insert(struct store *st, const struct actor *a, const struct hazard *h, const char *event,
	     enum hazard_status from, const struct hazard_tx *tx, struct error *e)
{
	struct db_stmt *s;
	char now[TIME_LEN];
	const char *deadline = "";

	if (tx != NULL)
		deadline = tx->event == HE_EXTEND ? tx->new_deadline
			   : tx->event == HE_PLAN ? tx->deadline : "";
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_HAZARD_EVENT_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "itittiitttt", h->id, now, a ? a->user_id : (int64_t)0,
		     a && a->login[0] ? a->login : "system", event, (int64_t)from, (int64_t)h->status,
		     tx && tx->comment ? tx->comment : "", tx && tx->reason ? tx->reason : "",
		     tx && tx->evidence ? tx->evidence : "", deadline ? deadline : "") != 0)
		return -1;
	return st_exec(st, s, e);
}

/* Write every changeable column of h, if its version is still `version`. */
static int
hazard_write(struct store *st, const struct hazard *h, int64_t version, struct error *e)
{
	struct db_stmt *s;
	char now[TIME_LEN];

	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_HAZARD_UPDATE, e)) == NULL ||
	    st_bindf(st, s, e, "itttiitttidtttitiitiitttt", h->id, h->title, h->description,
		     h->location, (int64_t)h->category, (int64_t)h->grade, h->basis, h->responsible,
		     h->measures, (int64_t)h->has_funds, h->funds, h->deadline, h->original_deadline,
		     h->contingency, (int64_t)h->status, h->evidence, (int64_t)h->extensions,
		     (int64_t)h->rejections, h->closed_on, (int64_t)h->closed_on_time,
		     (int64_t)h->listing_level, "", h->listed_on, h->listing_deadline,
		     h->delisted_on) != 0)
		return -1;
	/* listing_org ($22) is a nullable reference, bound on its own. */
	if ((h->listing_org ? st->db->ops->bind_int(s, 22, h->listing_org, e)
			    : st->db->ops->bind_null(s, 22, e)) != 0 ||
	    st->db->ops->bind_text(s, 26, now, e) != 0 ||
	    st->db->ops->bind_int(s, 27, version, e) != 0)
		return -1;
	if (st->db->ops->step(s, e) == DB_ERROR) {
		st->db->ops->reset(s);
		return -1;
	}
	if (st->db->ops->changes(s) != 1) {
		st->db->ops->reset(s);
		return err_set(e, ERR_STALE, "version", "hazard %lld was changed by someone else",
			       (long long)h->id);
	}
	st->db->ops->reset(s);
	return 0;
}

/* Orgs to tell about a major hazard: supervising departments and offices
 * whose region subtree holds the hazard's region. */
static int
notify_region(struct store *st, const struct hazard *h, const char *kind, const char *title,
	      const char *due, int64_t *raised, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;
	int64_t ids[1024];   /* departments and offices above one place: far fewer */
	int n = 0;
	char lo[REGION_CODE_LEN + 1], hi[REGION_CODE_LEN + 1], now[TIME_LEN];

	for (int pass = 0; pass < 2; pass++) {
		if ((s = st_stmt(st, pass == 0 ? STMT_SUPERVISORS_OF : STMT_OFFICES_OF, e)) == NULL)
			return -1;
		if ((pass == 0 ? st_bindf(st, s, e, "it", h->industry_id, h->region_code)
			       : st_bindf(st, s, e, "t", h->region_code)) != 0)
			return -1;
		while ((r = ops->step(s, e)) == DB_ROW)
			if (region_range(ops->col_text(s, 1), lo, hi) == 0 &&
			    strcmp(h->region_code, lo) >= 0 && strcmp(h->region_code, hi) <= 0 &&
			    n < (int)(sizeof(ids) / sizeof(ids[0])))
				ids[n++] = ops->col_int(s, 0);
		ops->reset(s);
		if (r == DB_ERROR)
			return -1;
	}
	store_now(now, sizeof(now));
	for (int i = 0; i < n; i++) {
		if ((s = st_stmt(st, STMT_NOTIFY_ORG, e)) == NULL ||
		    st_bindf(st, s, e, "itittt", ids[i], kind, h->id, title, due, now) != 0 ||
		    ops->step(s, e) == DB_ERROR) {
			if (s != NULL)
				ops->reset(s);
			return -1;
		}
		if (raised != NULL)
			*raised += ops->changes(s);
		ops->reset(s);
	}
	return 0;
}

static int
notify_major(struct store *st, const struct hazard *h, struct error *e)
{
	char title[NAME_MAX_BYTES];

	snprintf(title, sizeof(title), "重大事故隐患 %s：%.*s", h->code, (int)utf8_prefix(h->title, 200), h->title);
	return notify_region(st, h, "major_reported", title, "", NULL, e);
}

/* What the daily job needs of a hazard: a few columns, not the whole row. */
struct job_hazard {
	int64_t id, enterprise_id, industry_id;
	char code[40];
	char title[HZ_TITLE_MAX];
	char region_code[REGION_CODE_LEN + 1];
	char deadline[DATE_LEN];
	int major;
};

#define JOBS_PAGE 500

/* Tell one page of hazards, in its own short transaction. */
static int
jobs_page(struct store *st, const struct job_hazard *js, size_t n, int32_t today,
	  struct deadline_report *out, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s = NULL;
	char now[TIME_LEN], title[NAME_MAX_BYTES];
	struct hazard h;

	store_now(now, sizeof(now));
	if (st_begin(st, e) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct job_hazard *j = &js[i];
		int32_t dl;
		int overdue;

		if (date_parse(j->deadline, &dl) != 0)
			continue;
		overdue = today > dl;
		snprintf(title, sizeof(title), "%s %s：%.*s（期限 %s）",
			 overdue ? "隐患已逾期" : "隐患3日内到期", j->code,
			 (int)utf8_prefix(j->title, 200), j->title, j->deadline);
		if ((s = st_stmt(st, STMT_NOTIFY_ORG, e)) == NULL ||
		    st_bindf(st, s, e, "itittt", j->enterprise_id, overdue ? "overdue" : "due_soon",
			     j->id, title, j->deadline, now) != 0 || ops->step(s, e) == DB_ERROR)
			goto out_rollback;
		*(overdue ? &out->overdue : &out->due_soon) += ops->changes(s);
		ops->reset(s);
		if (overdue && j->major) {
			memset(&h, 0, sizeof(h));
			h.id = j->id;
			h.industry_id = j->industry_id;
			memcpy(h.region_code, j->region_code, sizeof(h.region_code));
			snprintf(title, sizeof(title), "重大事故隐患逾期未整改 %s：%.*s（期限 %s）",
				 j->code, (int)utf8_prefix(j->title, 200), j->title, j->deadline);
			if (notify_region(st, &h, "escalated", title, j->deadline, &out->escalated, e) != 0)
				goto out_rollback;
		}
	}
	return st_commit(st, e);
out_rollback:
	if (s != NULL)
		ops->reset(s);
	st_rollback(st);
	return -1;
}

int
store_jobs_deadlines(struct store *st, int32_t today, struct deadline_report *out,
		     struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct job_hazard *js = calloc(JOBS_PAGE, sizeof(*js));
	struct db_stmt *s;
	enum db_step r;
	char soon[DATE_LEN], now[DATE_LEN];
	int64_t after = 0;
	size_t n;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (js == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	date_format(today + 3, soon);
	date_format(today, now);
	/* Pages of a few hundred, each told in its own transaction: memory stays
	 * flat and writers wait for one page at most. */
	do {
		n = 0;
		if ((s = st_stmt(st, STMT_JOBS_DUE, e)) == NULL ||
		    st_bindf(st, s, e, "ttii", soon, now, after, (int64_t)JOBS_PAGE) != 0)
			goto out_free;
		while ((r = ops->step(s, e)) == DB_ROW) {
			struct job_hazard *j = &js[n++];

			j->id = ops->col_int(s, 0);
			st_col_copy(st, s, 1, j->code, sizeof(j->code));
			st_col_copy(st, s, 2, j->title, sizeof(j->title));
			j->enterprise_id = ops->col_int(s, 3);
			st_col_copy(st, s, 4, j->region_code, sizeof(j->region_code));
			j->industry_id = ops->col_int(s, 5);
			j->major = ops->col_int(s, 6) == HG_MAJOR;
			st_col_copy(st, s, 7, j->deadline, sizeof(j->deadline));
			after = j->id;
		}
		ops->reset(s);
		if (r == DB_ERROR || (n > 0 && jobs_page(st, js, n, today, out, e) != 0))
			goto out_free;
	} while (n == JOBS_PAGE);
	/* Then mark the hazards past their deadline lapsed, a page per
	 * transaction: the maintained counts call them overdue. */
	do {
		if (st_begin(st, e) != 0)
			goto out_free;
		if ((s = st_stmt(st, STMT_JOBS_LAPSE, e)) == NULL ||
		    st_bindf(st, s, e, "ti", now, (int64_t)JOBS_PAGE) != 0 ||
		    ops->step(s, e) == DB_ERROR) {
			if (s != NULL)
				ops->reset(s);
			st_rollback(st);
			goto out_free;
		}
		n = (size_t)ops->changes(s);
		ops->reset(s);
		if (st_commit(st, e) != 0)
			goto out_free;
		out->lapsed += (int64_t)n;
	} while (n == JOBS_PAGE);
	rc = 0;
out_free:
	free(js);
	return rc;
}

/*
 * The next code of a county and year: the year the hazard was entered
 * (Asia/Shanghai), or for imports the year it was found. Codes come from a
 * counter row in the same transaction: issued in order, never reused.
 */
static int
next_code(struct store *st, const char *region, const char *found_at, char *code, size_t n,
	  struct error *e)
{
	struct db_stmt *s;
	char prefix[32], now[TIME_LEN];
	int year, m, dd;
	int32_t d;
	int64_t seq;

	store_now(now, sizeof(now));
	if (found_at != NULL) {
		if (date_parse(found_at, &d) != 0)
			return err_set(e, ERR_INVALID, "found_at", "'%s' is not a date", found_at);
	} else if (date_of_instant(now, &d) != 0) {
		return err_set(e, ERR_INTERNAL, NULL, "bad clock");
	}
	date_to_ymd(d, &year, &m, &dd);
	snprintf(prefix, sizeof(prefix), "%.6s-%04d", region, year);
	if ((s = st_stmt(st, STMT_HAZARD_SEQ_NEXT, e)) == NULL || st_bindf(st, s, e, "t", prefix) != 0)
		return -1;
	if (st->db->ops->step(s, e) != DB_ROW) {
		st->db->ops->reset(s);
		return -1;
	}
	seq = st->db->ops->col_int(s, 0);
	st->db->ops->reset(s);
	hazard_code(region, year, seq, code, n);
	return 0;
}

int
store_hazard_create(struct store *st, const struct actor *a, const struct scope *sc,
		    const struct hazard_actor *who, int32_t today, struct hazard *h,
		    const struct hazard_tx *plan, struct error *e)
{
	struct db_stmt *s;
	struct org ent;
	struct scope all;
	char now[TIME_LEN];

	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		return -1;
	if (store_org_get(st, sc, h->enterprise_id, &ent, e) != 0 || ent.kind != ORG_ENTERPRISE) {
		if (e == NULL || e->code == ERR_NOT_FOUND || ent.kind != ORG_ENTERPRISE)
			err_set(e, ERR_NOT_FOUND, "enterprise_id", "no enterprise %lld",
				(long long)h->enterprise_id);
		goto out_rollback;
	}
	memcpy(h->region_code, ent.region_code, sizeof(h->region_code));
	h->industry_id = ent.industry_id;
	h->status = HZ_OPEN;
	if (hazard_check_new(h, who, today, e) != 0 ||
	    next_code(st, ent.region_code, NULL, h->code, sizeof(h->code), e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_HAZARD_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "tititttiititit", h->code, h->enterprise_id, h->region_code,
		     h->industry_id, h->title, h->description, h->location, (int64_t)h->category,
		     (int64_t)h->grade, h->basis, (int64_t)h->source, h->found_at, h->found_by,
		     now) != 0)
		goto out_rollback;
	if (h->industry_id == 0 && st->db->ops->bind_null(s, 4, e) != 0)
		goto out_rollback;
	if (st->db->ops->step(s, e) != DB_ROW) {
		st->db->ops->reset(s);
		goto out_rollback;
	}
	h->id = st->db->ops->col_int(s, 0);
	st->db->ops->reset(s);
	if (hazard_get(st, &all, h->id, h, e) != 0 || event_insert(st, a, h, "report", HZ_OPEN, NULL, e) != 0 ||
	    hazard_audit(st, a, "hazard.report", h, e) != 0)
		goto out_rollback;
	if (plan != NULL) {
		int64_t v = h->version;

		if (hazard_apply(h, plan, who, today, e) != 0 || hazard_write(st, h, v, e) != 0 ||
		    hazard_get(st, &all, h->id, h, e) != 0 ||
		    event_insert(st, a, h, "plan", HZ_OPEN, plan, e) != 0 ||
		    hazard_audit(st, a, "hazard.plan", h, e) != 0)
			goto out_rollback;
	}
	if (h->grade == HG_MAJOR && notify_major(st, h, e) != 0)
		goto out_rollback;
	if (h->grade == HG_MAJOR && st_risk_colour_refresh(st, h->enterprise_id, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
st_hazards_follow_org(struct store *st, const struct actor *a, int64_t org_id,
		      const char *to_region, int64_t to_industry, struct error *e)
{
	struct hazard *h = malloc(sizeof(*h));
	struct db_stmt *s;
	struct scope all;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = -1;

	st_scope_all(&all);
	if (h == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (st_ids_of(st, STMT_HAZARD_IDS_OF_ENTERPRISE, org_id, &ids, &n, e) != 0)
		goto out_free;
	for (size_t i = 0; i < n; i++) {
		if ((s = st_stmt(st, STMT_HAZARD_MOVE, e)) == NULL ||
		    st_bindf(st, s, e, "iti", ids[i], to_region, to_industry) != 0 ||
		    st_exec(st, s, e) != 0 || hazard_get(st, &all, ids[i], h, e) != 0 ||
		    hazard_audit(st, a, "hazard.follow_org", h, e) != 0)
			goto out_free;
	}
	rc = 0;
out_free:
	free(ids);
	free(h);
	return rc;
}

int
store_hazard_import(struct store *st, const struct actor *a, struct hazard *h, struct error *e)
{
	struct db_stmt *s;
	struct org ent;
	struct scope all;
	struct hazard final = *h;
	char now[TIME_LEN];

	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		return -1;
	if (store_org_get(st, &all, h->enterprise_id, &ent, e) != 0 || ent.kind != ORG_ENTERPRISE) {
		err_set(e, ERR_INVALID, "enterprise_id", "no enterprise %lld", (long long)h->enterprise_id);
		goto out_rollback;
	}
	memcpy(h->region_code, ent.region_code, sizeof(h->region_code));
	h->industry_id = ent.industry_id;
	if (next_code(st, ent.region_code, h->found_at, h->code, sizeof(h->code), e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_HAZARD_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "tititttiititit", h->code, h->enterprise_id, h->region_code,
		     h->industry_id, h->title, h->description, h->location, (int64_t)h->category,
		     (int64_t)h->grade, h->basis, (int64_t)h->source, h->found_at, h->found_by,
		     now) != 0)
		goto out_rollback;
	if (h->industry_id == 0 && st->db->ops->bind_null(s, 4, e) != 0)
		goto out_rollback;
	if (st->db->ops->step(s, e) != DB_ROW) {
		st->db->ops->reset(s);
		goto out_rollback;
	}
	final.id = h->id = st->db->ops->col_int(s, 0);
	st->db->ops->reset(s);
	memcpy(final.code, h->code, sizeof(final.code));
	memcpy(final.region_code, h->region_code, sizeof(final.region_code));
	final.industry_id = h->industry_id;
	if (hazard_write(st, &final, 1, e) != 0 || hazard_get(st, &all, h->id, h, e) != 0 ||
	    event_insert(st, a, h, "import", HZ_OPEN, NULL, e) != 0 ||
	    hazard_audit(st, a, "hazard.import", h, e) != 0 ||
	    (h->grade == HG_MAJOR && st_risk_colour_refresh(st, h->enterprise_id, e) != 0))
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

int
store_hazard_transition(struct store *st, const struct actor *a, const struct scope *sc,
			int64_t id, int64_t version, const struct hazard_tx *tx,
			const struct hazard_actor *who, int32_t today, struct hazard *out,
			struct error *e)
{
	struct scope all;
	enum hazard_status from;
	char action[48];

	st_scope_all(&all);
	if (st_begin(st, e) != 0)
		return -1;
	if (hazard_get(st, sc, id, out, e) != 0)
		goto out_rollback;
	if (out->version != version) {
		err_set(e, ERR_STALE, "version", "hazard %lld is at version %lld, not %lld",
			(long long)id, (long long)out->version, (long long)version);
		goto out_rollback;
	}
	from = out->status;
	if (hazard_apply(out, tx, who, today, e) != 0 || hazard_write(st, out, version, e) != 0 ||
	    hazard_get(st, &all, id, out, e) != 0 ||
	    event_insert(st, a, out, hazard_event_names[tx->event], from, tx, e) != 0)
		goto out_rollback;
	snprintf(action, sizeof(action), "hazard.%s", hazard_event_names[tx->event]);
	if (hazard_audit(st, a, action, out, e) != 0)
		goto out_rollback;
	/* A major hazard's opening and closing turn its enterprise red and back. */
	if (out->grade == HG_MAJOR && st_risk_colour_refresh(st, out->enterprise_id, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	st_rollback(st);
	return -1;
}

/* FTS5 query for text: one quoted phrase, quotes doubled. */
static void
fts_phrase(const char *q, char *out, size_t n)
{
	size_t k = 0;

	if (n < 3)
		return;
	out[k++] = '"';
	for (const char *p = q; *p && k + 3 < n; p++) {
		if (*p == '"')
			out[k++] = '"';
		out[k++] = *p;
	}
	out[k++] = '"';
	out[k] = '\0';
}

/* An ILIKE pattern matching q anywhere, its wildcards escaped. */
static void
like_pattern(const char *q, char *out, size_t n)
{
	size_t k = 0;

	out[k++] = '%';
	for (const char *p = q; *p && k + 4 < n; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			out[k++] = '\\';
		out[k++] = *p;
	}
	out[k++] = '%';
	out[k] = '\0';
}

static int
hazard_bind_filter(struct store *st, struct db_stmt *s, const struct scope *sc,
		   const struct hazard_filter *f, const char *text, struct error *e)
{
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";

	if (f->region[0] != '\0' && region_range(f->region, lo, hi) != 0)
		return err_set(e, ERR_INVALID, "region", "bad region code '%s'", f->region);
	if (st_bind_scope(st, s, sc, e) != 0)
		return -1;
	return st->db->ops->bind_int(s, 5, f->status, e) || st->db->ops->bind_int(s, 6, f->grade, e) ||
	       st->db->ops->bind_int(s, 7, f->source, e) ||
	       st->db->ops->bind_int(s, 8, f->industry_id, e) ||
	       st->db->ops->bind_text(s, 9, lo, e) || st->db->ops->bind_text(s, 10, hi, e) ||
	       st->db->ops->bind_int(s, 11, f->overdue_only != 0, e) ||
	       st->db->ops->bind_text(s, 12, f->today, e) ||
	       st->db->ops->bind_int(s, 13, f->listed_only != 0, e) ||
	       st->db->ops->bind_int(s, 14, f->enterprise_id, e) ||
	       st->db->ops->bind_text(s, 15, text, e) ? -1 : 0;
}

/* Statistics and totals from the maintained counts (below). */
struct lapse_row {
	char key[32];
	int64_t n;
};
static int stats_region(const struct scope *sc, const char *region, enum stats_group g,
			char *lo, char *hi, int *child_len, int *lvl, struct error *e);
static int unlapsed(struct store *st, const struct scope *sc, const char *region,
		    int64_t industry, const char *from, const char *to, const char *today,
		    enum stats_group g, struct lapse_row **rows, size_t *nrows, struct error *e);

/*
 * A list's total from the maintained counts, when its filters are ones they
 * keep (region, industry, and one of status, grade, source; or overdue
 * alone) and the scope is not one enterprise's: 0 with *total set; 1 when
 * the hazards must be counted (e untouched); -1 on error.
 */
static int
list_total_counted(struct store *st, const struct scope *sc, const struct hazard_filter *f,
		   int64_t *total, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct lapse_row *late = NULL;
	size_t nlate = 0;
	struct db_stmt *s;
	enum db_step r;
	char lo[REGION_CODE_LEN + 1], hi[REGION_CODE_LEN + 1];
	int child_len, lvl, kind = 0, key = -1;

	if (sc->own_org_only || f->q[0] != '\0' || f->enterprise_id != 0 || f->listed_only ||
	    (f->status >= 0) + (f->grade >= 0) + (f->source >= 0) > 1 ||
	    (f->overdue_only && (f->status >= 0 || f->grade >= 0 || f->source >= 0)))
		return 1;
	if (f->grade >= 0)
		kind = 1, key = f->grade;
	else if (f->source >= 0)
		kind = 2, key = f->source;
	else if (f->status >= 0)
		key = f->status;
	if (stats_region(sc, f->region, SG_TOTAL, lo, hi, &child_len, &lvl, e) != 0)
		return -1;
	if (f->overdue_only &&
	    unlapsed(st, sc, f->region, f->industry_id, "0000-01-01", "9999-12-31", f->today,
		     SG_TOTAL, &late, &nlate, e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_HAZARD_COUNTS_TOTAL, e)) == NULL || st_bind_scope(st, s, sc, e) != 0 ||
	    st_bindf(st, s, e, "----ttiiiii", lo, hi, f->industry_id, (int64_t)lvl, (int64_t)kind,
		     (int64_t)key, (int64_t)(f->overdue_only != 0)) != 0) {
		free(late);
		return -1;
	}
	r = ops->step(s, e);
	*total = r == DB_ROW ? ops->col_int(s, 0) : 0;
	ops->reset(s);
	for (size_t i = 0; i < nlate; i++)
		*total += late[i].n;
	free(late);
	return r == DB_ERROR ? -1 : 0;
}

int
store_hazard_list(struct store *st, const struct scope *sc, const struct hazard_filter *f,
		  int (*cb)(const struct hazard *, void *), void *arg, int64_t *total, int *more,
		  struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct hazard *h;
	enum db_step r = DB_DONE;
	enum stmt_id list = f->by_due ? STMT_HAZARD_LIST_DUE : STMT_HAZARD_LIST_NEWEST;
	enum stmt_id count = STMT_HAZARD_COUNT;
	char text[TEXT_SMALL * 2 + 8] = "";
	int n = 0, limit = f->limit > 0 && f->limit <= 500 ? f->limit : 50, rc = -1, counted = 1;
	int64_t matches = 0;

	if (more)
		*more = 0;
	if (f->q[0] != '\0') {
		if (st->db->kind == DB_PG)
			like_pattern(f->q, text, sizeof(text));
		else if (utf8_chars(f->q) >= 3 && !f->by_due) {
			/* The trigram index needs three characters. */
			fts_phrase(f->q, text, sizeof(text));
			list = STMT_HAZARD_LIST_FTS;
			count = STMT_HAZARD_COUNT_FTS;
		} else {
			snprintf(text, sizeof(text), "%s", f->q);
		}
	}
	if (f->status >= 0 && list != STMT_HAZARD_LIST_FTS) {
		list = f->by_due ? STMT_HAZARD_LIST_DUE_ST : STMT_HAZARD_LIST_NEWEST_ST;
		count = STMT_HAZARD_COUNT_ST;
	}
	if ((h = malloc(sizeof(*h))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	/* The counted total also decides the plan below, asked for or not. */
	if ((counted = list_total_counted(st, sc, f, total != NULL ? total : &matches, e)) < 0)
		goto out_free;
	if (total != NULL)
		matches = *total;
	if (total != NULL && counted > 0) {
		if ((s = st_stmt(st, count, e)) == NULL || hazard_bind_filter(st, s, sc, f, text, e) != 0)
			goto out_free;
		r = ops->step(s, e);
		*total = r == DB_ROW ? ops->col_int(s, 0) : 0;
		ops->reset(s);
		if (r == DB_ERROR)
			goto out_free;
	}
	if (cb == NULL) { /* a count only */
		rc = 0;
		goto out_free;
	}
	/* When at least one hazard in a thousand matches, walk the rows in the
	 * order asked (newest first, or a status by deadline) and stop at the
	 * page's end, rather than sort the whole scope first. */
	if (counted == 0 && f->q[0] == '\0' && (!f->by_due || f->status >= 0)) {
		int64_t max_id = 0;

		if ((s = st_stmt(st, STMT_HAZARD_MAX_ID, e)) == NULL || st_count(st, s, &max_id, e) != 0)
			goto out_free;
		if (matches * 1000 >= max_id)
			list = f->by_due ? STMT_HAZARD_LIST_DUE_WALK : STMT_HAZARD_LIST_WALK;
	}
	if ((s = st_stmt(st, list, e)) == NULL || hazard_bind_filter(st, s, sc, f, text, e) != 0)
		goto out_free;
	if (f->by_due) {
		if (ops->bind_text(s, 16, f->after_due[0] ? f->after_due : "", e) != 0 ||
		    ops->bind_int(s, 18, f->after_id, e) != 0)
			goto out_free;
	} else if (ops->bind_int(s, 16, f->after_id > 0 ? f->after_id : INT64_MAX, e) != 0) {
		goto out_free;
	}
	if (ops->bind_int(s, 17, limit + 1, e) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (n++ == limit) {
			if (more)
				*more = 1;
			break;
		}
		st_read_hazard(st, s, h);
		if (cb(h, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(h);
	return rc;
}

int
store_hazard_events(struct store *st, const struct scope *sc, int64_t id,
		    int (*cb)(const struct hazard_event_row *, void *), void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct hazard *h;
	struct hazard_event_row *ev;
	struct db_stmt *s;
	enum db_step r = DB_ERROR;
	int rc = -1;

	h = malloc(sizeof(*h));
	ev = malloc(sizeof(*ev));
	if (h == NULL || ev == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	if (hazard_get(st, sc, id, h, e) != 0)
		goto out_free;
	if ((s = st_stmt(st, STMT_HAZARD_EVENTS, e)) == NULL || st_bindf(st, s, e, "i", id) != 0)
		goto out_free;
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(ev, 0, sizeof(*ev));
		ev->id = ops->col_int(s, 0);
		st_col_copy(st, s, 1, ev->at, sizeof(ev->at));
		ev->actor_id = ops->col_int(s, 2);
		st_col_copy(st, s, 3, ev->actor, sizeof(ev->actor));
		st_col_copy(st, s, 4, ev->event, sizeof(ev->event));
		ev->from = (enum hazard_status)enum_col(st, s, 5, HZ_STATUS__MAX);
		ev->to = (enum hazard_status)enum_col(st, s, 6, HZ_STATUS__MAX);
		st_col_copy(st, s, 7, ev->comment, sizeof(ev->comment));
		st_col_copy(st, s, 8, ev->reason, sizeof(ev->reason));
		st_col_copy(st, s, 9, ev->evidence, sizeof(ev->evidence));
		st_col_copy(st, s, 10, ev->deadline, sizeof(ev->deadline));
		st_col_copy(st, s, 11, ev->actor_name, sizeof(ev->actor_name));
		st_col_copy(st, s, 12, ev->actor_org, sizeof(ev->actor_org));
		if (cb(ev, arg) != 0)
			break;
	}
	ops->reset(s);
	rc = r == DB_ERROR ? -1 : 0;
out_free:
	free(h);
	free(ev);
	return rc;
}

int
store_notifications(struct store *st, int64_t org_id, int limit,
		    int (*cb)(const struct notification *, void *), void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	struct notification n;
	enum db_step r;

	if ((s = st_stmt(st, STMT_NOTIFICATIONS, e)) == NULL ||
	    st_bindf(st, s, e, "ii", org_id, (int64_t)(limit > 0 ? limit : 50)) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(&n, 0, sizeof(n));
		n.id = ops->col_int(s, 0);
		st_col_copy(st, s, 1, n.kind, sizeof(n.kind));
		n.hazard_id = ops->col_int(s, 2);
		st_col_copy(st, s, 3, n.title, sizeof(n.title));
		st_col_copy(st, s, 4, n.due, sizeof(n.due));
		st_col_copy(st, s, 5, n.created_at, sizeof(n.created_at));
		st_col_copy(st, s, 6, n.read_at, sizeof(n.read_at));
		if (cb(&n, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

/*
 * The region range of the statistics, the prefix length of its children and
 * which maintained count rows answer group g: the coarsest level (2 per
 * city, 1 per county, 0 per region as recorded) whose units lie wholly
 * inside both the region counted and the scope, and, for the children's
 * breakdown, no coarser than the children.
 */
static int
stats_region(const struct scope *sc, const char *region, enum stats_group g, char *lo,
	     char *hi, int *child_len, int *lvl, struct error *e)
{
	static const int child_prefix[] = { 4, 6, 9, 12, 12 };
	int level, scope_level = sc->all ? -1 : region_level_of(sc->region_lo), deepest;

	memcpy(lo, "000000000000", REGION_CODE_LEN + 1);
	memcpy(hi, "999999999999", REGION_CODE_LEN + 1);
	if (region != NULL && region[0] != '\0') {
		if (region_range(region, lo, hi) != 0)
			return err_set(e, ERR_INVALID, "region", "bad region code '%s'", region);
		level = region_level_of(region);
	} else {
		level = scope_level; /* -1: the whole country, by province */
	}
	*child_len = level < 0 ? 2 : child_prefix[level];
	/* region levels: 0 province, 1 city, 2 county */
	deepest = level > scope_level ? level : scope_level;
	*lvl = deepest <= 1 ? 2 : deepest == 2 ? 1 : 0;
	if (g == SG_CHILD_REGION && *lvl > 0 && *child_len > 4)
		*lvl = *child_len == 6 ? 1 : 0;
	return 0;
}

/* Bind scope, region range and the date window ($1–$9) of the statistics. */
static int
stats_bind(struct store *st, struct db_stmt *s, const struct scope *sc, const char *region,
	   int64_t industry, const char *from, const char *to, int *child_len, struct error *e)
{
	char lo[REGION_CODE_LEN + 1], hi[REGION_CODE_LEN + 1];
	int len, lvl;

	if (stats_region(sc, region, SG_TOTAL, lo, hi, &len, &lvl, e) != 0 ||
	    st_bind_scope(st, s, sc, e) != 0)
		return -1;
	if (child_len != NULL)
		*child_len = len;
	return st_bindf(st, s, e, "----tttti", lo, hi, from, to, industry);
}

/* from..to is the whole calendar year *year. */
static int
whole_year(const char *from, const char *to, int *year)
{
	int32_t f, t;
	int y, m, d;

	if (date_parse(from, &f) != 0 || date_parse(to, &t) != 0)
		return 0;
	date_to_ymd(f, &y, &m, &d);
	*year = y;
	return m == 1 && d == 1 && t == date_from_ymd(y + 1, 1, 1) - 1;
}

/* Hazards past their deadline that the daily job has not marked yet. */
static int
unlapsed(struct store *st, const struct scope *sc, const char *region, int64_t industry,
	 const char *from, const char *to, const char *today, enum stats_group g,
	 struct lapse_row **rows, size_t *nrows, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;
	int child_len = 2;
	size_t cap = 0;

	*rows = NULL;
	*nrows = 0;
	if ((s = st_stmt(st, STMT_HAZARD_UNLAPSED_STATS, e)) == NULL ||
	    stats_bind(st, s, sc, region, industry, from, to, &child_len, e) != 0 ||
	    ops->bind_text(s, 10, today, e) != 0 || ops->bind_int(s, 11, g, e) != 0 ||
	    ops->bind_int(s, 12, child_len, e) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		if (*nrows == cap) {
			struct lapse_row *p = realloc(*rows, (cap = cap ? 2 * cap : 16) * sizeof(*p));

			if (p == NULL) {
				r = DB_ERROR;
				err_set(e, ERR_INTERNAL, NULL, "out of memory");
				break;
			}
			*rows = p;
		}
		st_col_copy(st, s, 0, (*rows)[*nrows].key, sizeof((*rows)[0].key));
		(*rows)[(*nrows)++].n = ops->col_int(s, 1);
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

/* The statistics of whole year `year` from the maintained counts. */
static int
stats_counted(struct store *st, const struct scope *sc, const char *region, int64_t industry,
	      int year, const char *today, enum stats_group g,
	      int (*cb)(const struct hazard_stats_row *, void *), void *arg, struct error *e)
{
	static const int kinds[SG__MAX] = {
		[SG_TOTAL] = 0, [SG_GRADE] = 1, [SG_SOURCE] = 2, [SG_INDUSTRY] = 0,
		[SG_CHILD_REGION] = 0, [SG_MONTH_FOUND] = 3, [SG_MONTH_CLOSED] = 4,
	};
	const struct db_ops *ops = st->db->ops;
	struct lapse_row *late = NULL;
	size_t nlate = 0;
	struct hazard_stats_row row;
	struct db_stmt *s;
	enum db_step r = DB_DONE;
	char from[DATE_LEN], to[DATE_LEN], lo[REGION_CODE_LEN + 1], hi[REGION_CODE_LEN + 1];
	int child_len = 2, lvl = 0, month = g == SG_MONTH_FOUND || g == SG_MONTH_CLOSED;

	date_format(date_from_ymd(year, 1, 1), from);
	date_format(date_from_ymd(year, 12, 31), to);
	if (!month && unlapsed(st, sc, region, industry, from, to, today, g, &late, &nlate, e) != 0)
		goto out;
	if ((s = st_stmt(st, STMT_HAZARD_COUNTS_STATS, e)) == NULL ||
	    stats_region(sc, region, g, lo, hi, &child_len, &lvl, e) != 0 ||
	    st_bind_scope(st, s, sc, e) != 0 ||
	    st_bindf(st, s, e, "----ttiiiiii", lo, hi, (int64_t)year, industry, (int64_t)kinds[g],
		     (int64_t)g, (int64_t)child_len, (int64_t)lvl) != 0)
		goto out_fail;
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(&row, 0, sizeof(row));
		st_col_copy(st, s, 0, row.key, sizeof(row.key));
		if (month)
			snprintf(row.key, sizeof(row.key), "%04u-%02u", (unsigned)year % 10000u,
				 (unsigned)atoi(row.key) % 100u);
		row.found = ops->col_int(s, 1);
		row.closed = ops->col_int(s, 2);
		row.open = ops->col_int(s, 3);
		row.overdue = ops->col_int(s, 4);
		row.closed_on_time = ops->col_int(s, 5);
		row.extended = ops->col_int(s, 6);
		row.days_to_close = ops->col_double(s, 7);
		row.major = ops->col_int(s, 8);
		for (size_t i = 0; i < nlate; i++)
			if (strcmp(late[i].key, row.key) == 0)
				row.overdue += late[i].n;
		if (row.found == 0 && row.closed == 0)
			continue;       /* a count row emptied by changes */
		if (cb(&row, arg) != 0)
			break;
	}
	ops->reset(s);
out:
	free(late);
	return r == DB_ERROR ? -1 : 0;
out_fail:
	free(late);
	return -1;
}

int
store_hazard_stats(struct store *st, const struct scope *sc, const char *region,
		   int64_t industry, const char *from, const char *to, const char *today,
		   enum stats_group g, int (*cb)(const struct hazard_stats_row *, void *),
		   void *arg, struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct hazard_stats_row row;
	struct db_stmt *s;
	enum db_step r;
	int child_len = 2, year;
	int32_t t;

	if (g < 0 || g >= SG__MAX)
		return err_set(e, ERR_INVALID, NULL, "no such statistics group");
	if (!sc->own_org_only) {
		if (g == SG_MONTH_CLOSED && date_parse(to, &t) == 0) {
			int m, d;

			date_to_ymd(t, &year, &m, &d);
			return stats_counted(st, sc, region, industry, year, today, g, cb, arg, e);
		}
		if (whole_year(from, to, &year))
			return stats_counted(st, sc, region, industry, year, today, g, cb, arg, e);
	}
	if ((s = st_stmt(st, STMT_HAZARD_STATS, e)) == NULL ||
	    stats_bind(st, s, sc, region, industry, from, to, &child_len, e) != 0 ||
	    ops->bind_text(s, 10, today, e) != 0 || ops->bind_int(s, 11, g, e) != 0 ||
	    ops->bind_int(s, 12, child_len, e) != 0)
		return -1;
	while ((r = ops->step(s, e)) == DB_ROW) {
		memset(&row, 0, sizeof(row));
		st_col_copy(st, s, 0, row.key, sizeof(row.key));
		row.found = ops->col_int(s, 1);
		row.closed = ops->col_int(s, 2);
		row.open = ops->col_int(s, 3);
		row.overdue = ops->col_int(s, 4);
		row.closed_on_time = ops->col_int(s, 5);
		row.extended = ops->col_int(s, 6);
		row.days_to_close = ops->col_double(s, 7);
		row.major = ops->col_int(s, 8);
		if (cb(&row, arg) != 0)
			break;
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
store_zero_clearance(struct store *st, const struct scope *sc, const char *region,
		     int64_t industry, const char *from, const char *to, struct zero_clearance *out,
		     struct error *e)
{
	const struct db_ops *ops = st->db->ops;
	struct db_stmt *s;
	enum db_step r;
	char lo[REGION_CODE_LEN + 1], hi[REGION_CODE_LEN + 1];
	int year, child_len, lvl;

	memset(out, 0, sizeof(*out));
	if (!sc->own_org_only && whole_year(from, to, &year)) {
		if ((s = st_stmt(st, STMT_HAZARD_COUNTS_ZERO, e)) == NULL ||
		    stats_region(sc, region, SG_TOTAL, lo, hi, &child_len, &lvl, e) != 0 ||
		    st_bind_scope(st, s, sc, e) != 0 ||
		    st_bindf(st, s, e, "----ttiii", lo, hi, (int64_t)year, industry,
			     (int64_t)lvl) != 0)
			return -1;
	} else if ((s = st_stmt(st, STMT_HAZARD_ZERO_CLEARANCE, e)) == NULL ||
		   stats_bind(st, s, sc, region, industry, from, to, NULL, e) != 0) {
		return -1;
	}
	if ((r = ops->step(s, e)) == DB_ROW) {
		out->carried_in = ops->col_int(s, 0);
		out->found = ops->col_int(s, 1);
		out->closed = ops->col_int(s, 2);
		out->still_open = ops->col_int(s, 3);
	}
	ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
store_hazard_counts_check(struct store *st, int64_t *mismatched, struct error *e)
{
	struct db_stmt *s;

	*mismatched = 0;
	if ((s = st_stmt(st, STMT_HAZARD_COUNTS_CHECK, e)) == NULL)
		return -1;
	return st_count(st, s, mismatched, e);
}
