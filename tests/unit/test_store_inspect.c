/* test_store_inspect.c — inspections and the due-for-inspection lists in the
 * store, on both backends: codes per county and year never reused, at
 * least two inspectors of the inspecting department, out-of-scope
 * enterprises refused and nothing written, the enterprise's last
 * inspection date only moving forward, the due lists by colour and period
 * (red first, oldest first, counts per colour, pages across colours), and
 * scope exactly as for hazards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/inspect.h"
#include "core/risk.h"
#include "store_fixture.h"

struct world {
	int64_t ind_a, ind_b;
	int64_t ent_a;        /* 城关区, industry a */
	int64_t ent_a2;       /* 堆龙德庆区, industry a */
	int64_t ent_b;        /* 城关区, industry b */
	int64_t ent_far;      /* 日喀则市, industry a */
	int64_t dept_a;       /* 拉萨市, supervises a */
	int64_t dept_b;       /* 拉萨市, supervises b */
	int64_t office;       /* 拉萨市 */
	int64_t insp1, reg1;  /* of dept_a */
	int64_t insp_b;       /* of dept_b */
	int64_t off_user;     /* of the office */
	int64_t ent_user;     /* of ent_a */
};

static struct world
make_world(struct fx *f)
{
	struct world w;
	struct org o;

	memset(&w, 0, sizeof(w));
	fx_seed_regions(f);
	w.ind_a = fx_industry(f, 0);
	w.ind_b = fx_industry(f, 5);
	w.ent_a = fx_create_enterprise(f, "城关化工有限公司", FX_CHENGGUAN, w.ind_a, 1);
	w.ent_a2 = fx_create_enterprise(f, "堆龙化工有限公司", FX_DUILONG, w.ind_a, 2);
	w.ent_b = fx_create_enterprise(f, "城关建筑有限公司", FX_CHENGGUAN, w.ind_b, 3);
	w.ent_far = fx_create_enterprise(f, "日喀则化工有限公司", FX_SHIGATSE, w.ind_a, 4);
	w.dept_a = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, &w.ind_a, 1);
	w.dept_b = fx_create_department(f, "拉萨市住建局", FX_LHASA, &w.ind_b, 1);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	w.office = fx_create_org(f, &o);
	w.insp1 = fx_create_user(f, "insp1", ROLE_INSPECTOR, w.dept_a);
	w.reg1 = fx_create_user(f, "reg1", ROLE_REGULATOR, w.dept_a);
	w.insp_b = fx_create_user(f, "insp-b", ROLE_INSPECTOR, w.dept_b);
	w.off_user = fx_create_user(f, "office1", ROLE_OFFICE, w.office);
	w.ent_user = fx_create_user(f, "ent1", ROLE_ENTERPRISE, w.ent_a);
	return w;
}

static int32_t
day(const char *s)
{
	int32_t d = 0;

	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

/* Give enterprise ent the colour of one risk point assessed LEC l × e × c. */
static void
colour(struct fx *f, int64_t ent, double l, double e_, int c)
{
	struct risk_point *rp = calloc(1, sizeof(*rp));
	struct scope admin = fx_admin_scope(f);
	struct risk_bands b;
	struct risk_score s;
	struct error e = { 0 };

	assert_non_null(rp);
	risk_bands_default(&b);
	rp->enterprise_id = ent;
	snprintf(rp->name, sizeof(rp->name), "风险点");
	rp->input.method = RM_LEC;
	rp->input.l10 = risk_tenths(l);
	rp->input.e10 = risk_tenths(e_);
	rp->input.c = c;
	assert_int_equal(risk_assess(&rp->input, &b, &s, &e), 0);
	rp->score100 = s.score100;
	rp->level = s.level;
	rp->tier = CT_COMPANY;
	snprintf(rp->responsible, sizeof(rp->responsible), "张三");
	if (store_risk_create(f->st, &f->actor, &admin, rp, "", &e) != 0)
		fail_msg("store_risk_create: %s", e.message);
	free(rp);
}

#define RED(f, ent) colour(f, ent, 3, 3, 40)      /* D 360 */
#define ORANGE(f, ent) colour(f, ent, 3, 6, 15)   /* D 270 */
#define YELLOW(f, ent) colour(f, ent, 3, 6, 7)    /* D 126 */
#define BLUE(f, ent) colour(f, ent, 1, 1, 1)      /* D 1 */

static struct inspection *
inspection(int64_t ent, int64_t org, const char *date, int64_t i1, int64_t i2)
{
	struct inspection *in = calloc(1, sizeof(*in));

	assert_non_null(in);
	in->enterprise_id = ent;
	in->org_id = org;
	snprintf(in->date, sizeof(in->date), "%s", date);
	in->type = IT_ROUTINE;
	snprintf(in->summary, sizeof(in->summary), "检查了储罐区和装卸作业");
	in->inspectors[0].id = i1;
	in->inspectors[1].id = i2;
	in->ninspectors = i2 ? 2 : 1;
	return in;
}

/* Record an inspection of ent by dept_a on date, failing the test when refused. */
static int64_t
inspect(struct fx *f, const struct world *w, int64_t ent, const char *date)
{
	struct scope s = fx_scope(f, ROLE_INSPECTOR, w->dept_a);
	struct inspection *in = inspection(ent, w->dept_a, date, w->insp1, w->reg1);
	struct error e = { 0 };
	int64_t id;

	if (store_inspection_create(f->st, &f->actor, &s, in, &e) != 0)
		fail_msg("store_inspection_create: %s (field %s)", e.message, e.field);
	id = in->id;
	free(in);
	return id;
}

static const char *
last_of(struct fx *f, int64_t ent)
{
	static char buf[DATE_LEN];
	struct org o = fx_get_org(f, ent);

	snprintf(buf, sizeof(buf), "%s", o.last_inspected_on);
	return buf;
}

static int64_t
count_all(struct fx *f)
{
	struct scope admin = fx_admin_scope(f);
	struct inspection_filter flt = { .type = -1, .limit = 50 };
	struct error e = { 0 };
	int64_t n = -1;

	assert_int_equal(store_inspection_list(f->st, &admin, &flt, NULL, NULL, &n, NULL, &e), 0);
	return n;
}

static void
test_inspection_create_issues_codes_and_audits(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct inspection *in = inspection(w.ent_a, w.dept_a, "2026-03-05", w.reg1, w.insp1), *got;
	struct error e = { 0 };
	int64_t events = 0, problems = -1;

	in->type = IT_UNANNOUNCED;
	assert_int_equal(store_inspection_create(f->st, &f->actor, &s, in, &e), 0);
	assert_string_equal(in->code, "JC-540102-2026-000001");
	assert_string_equal(in->region_code, FX_CHENGGUAN);
	assert_int_equal(in->industry_id, w.ind_a);
	assert_string_equal(in->enterprise_name, "城关化工有限公司");
	assert_string_equal(in->org_name, "拉萨市应急管理局");
	assert_int_equal(in->ninspectors, 2);
	assert_int_equal(in->inspectors[0].id, w.insp1);   /* by id */
	assert_int_equal(in->inspectors[1].id, w.reg1);
	assert_string_equal(last_of(f, w.ent_a), "2026-03-05");
	/* The counter is per county and year of the date; never reused. */
	assert_int_equal(store_inspection_create(f->st, &f->actor, &s, in, &e), 0);
	assert_string_equal(in->code, "JC-540102-2026-000002");
	snprintf(in->date, sizeof(in->date), "2025-12-30");
	assert_int_equal(store_inspection_create(f->st, &f->actor, &s, in, &e), 0);
	assert_string_equal(in->code, "JC-540102-2025-000001");
	in->enterprise_id = w.ent_a2;
	assert_int_equal(store_inspection_create(f->st, &f->actor, &s, in, &e), 0);
	assert_string_equal(in->code, "JC-540103-2025-000001");
	got = malloc(sizeof(*got));
	assert_non_null(got);
	assert_int_equal(store_inspection_get(f->st, &s, in->id, got, &e), 0);
	assert_string_equal(got->code, in->code);
	assert_int_equal(got->type, IT_UNANNOUNCED);
	assert_string_equal(got->summary, "检查了储罐区和装卸作业");
	assert_int_equal(got->ninspectors, 2);
	assert_string_equal(got->inspectors[1].login, "reg1");
	assert_int_equal(got->inspectors[1].role, ROLE_REGULATOR);
	fx_audit(f, &events, &problems);
	assert_int_equal(problems, 0);
	assert_true(events > 4);
	free(got);
	free(in);
}

static void
test_last_inspected_only_moves_forward(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);

	assert_string_equal(last_of(f, w.ent_a), "");
	inspect(f, &w, w.ent_a, "2026-06-10");
	assert_string_equal(last_of(f, w.ent_a), "2026-06-10");
	inspect(f, &w, w.ent_a, "2026-02-01");  /* recorded late, earlier date */
	assert_string_equal(last_of(f, w.ent_a), "2026-06-10");
	inspect(f, &w, w.ent_a, "2026-06-10");
	assert_string_equal(last_of(f, w.ent_a), "2026-06-10");
	inspect(f, &w, w.ent_a, "2026-06-11");
	assert_string_equal(last_of(f, w.ent_a), "2026-06-11");
	assert_string_equal(last_of(f, w.ent_a2), "");
	assert_int_equal(count_all(f), 4);
}

static void
test_inspectors_must_be_two_of_the_department(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_INSPECTOR, w.dept_a);
	struct {
		int64_t i1, i2;
		const char *why;
	} bad[] = {
		{ w.insp1, 0, "one inspector" },
		{ w.insp1, w.insp1, "the same inspector twice" },
		{ w.insp1, w.insp_b, "an inspector of another department" },
		{ w.insp1, w.off_user, "an office user" },
		{ w.insp1, w.ent_user, "an enterprise user" },
		{ w.insp1, 987654, "no such user" },
	};
	struct error e = { 0 };
	int64_t events = 0, problems = 0, events_after = 0;

	fx_audit(f, &events, &problems);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct inspection *in = inspection(w.ent_a, w.dept_a, "2026-03-05", bad[i].i1, bad[i].i2);

		memset(&e, 0, sizeof(e));
		if (store_inspection_create(f->st, &f->actor, &s, in, &e) != -1)
			fail_msg("accepted: %s", bad[i].why);
		assert_int_equal(e.code, ERR_INVALID);
		assert_string_equal(e.field, "inspector_ids");
		free(in);
	}
	assert_int_equal(count_all(f), 0);
	assert_string_equal(last_of(f, w.ent_a), "");
	fx_audit(f, &events_after, &problems);
	assert_int_equal(events_after, events);
}

static void
test_inspection_of_unseen_enterprise_refused(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope s = fx_scope(f, ROLE_INSPECTOR, w.dept_a);
	int64_t targets[] = { w.ent_b /* another industry */, w.ent_far /* another city */,
			      w.office /* not an enterprise */, 987654 };
	struct error e = { 0 };

	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		struct inspection *in = inspection(targets[i], w.dept_a, "2026-03-05", w.insp1, w.reg1);

		assert_int_equal(store_inspection_create(f->st, &f->actor, &s, in, &e), -1);
		assert_int_equal(e.code, ERR_NOT_FOUND);
		assert_string_equal(e.field, "enterprise_id");
		free(in);
	}
	assert_int_equal(count_all(f), 0);
	assert_string_equal(last_of(f, w.ent_b), "");
	assert_string_equal(last_of(f, w.ent_far), "");
}

struct due_seen {
	int64_t id[32];
	enum risk_level colour[32];
	char last[32][DATE_LEN], due_by[32][DATE_LEN], start[32][DATE_LEN];
	int n;
};

static int
collect_due(const struct due_row *d, void *arg)
{
	struct due_seen *c = arg;

	assert_true(c->n < 32);
	c->id[c->n] = d->id;
	c->colour[c->n] = d->colour;
	snprintf(c->last[c->n], DATE_LEN, "%s", d->last_inspected_on);
	snprintf(c->due_by[c->n], DATE_LEN, "%s", d->due_by);
	snprintf(c->start[c->n], DATE_LEN, "%s", d->period_start);
	c->n++;
	return 0;
}

static struct due_seen
due(struct fx *f, const struct scope *s, const struct inspect_freq *fr, const char *today,
    const struct due_filter *flt, int64_t counts[RL__MAX], int *more)
{
	struct due_seen c;
	struct error e = { 0 };

	memset(&c, 0, sizeof(c));
	if (store_inspection_due(f->st, s, fr, day(today), flt, collect_due, &c, counts, more, &e) != 0)
		fail_msg("store_inspection_due: %s", e.message);
	return c;
}

static void
test_due_list_by_colour_and_period(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct inspect_freq fr;
	struct due_filter flt = { .colour = -1, .after_colour = -1, .limit = 50 };
	int64_t counts[RL__MAX], red2, yellow2, blue;
	struct due_seen c;
	int more = -1;

	inspect_freq_default(&fr);
	red2 = fx_create_enterprise(f, "城关炼化有限公司", FX_CHENGGUAN, w.ind_a, 11);
	yellow2 = fx_create_enterprise(f, "城关涂料有限公司", FX_CHENGGUAN, w.ind_a, 12);
	blue = fx_create_enterprise(f, "城关贸易有限公司", FX_CHENGGUAN, w.ind_a, 13);
	RED(f, w.ent_a);       /* inspected last quarter: due */
	RED(f, red2);          /* inspected this quarter: not due */
	ORANGE(f, w.ent_a2);   /* never inspected: due */
	YELLOW(f, w.ent_b);    /* inspected last year: due */
	YELLOW(f, yellow2);    /* inspected this year: not due */
	BLUE(f, blue);         /* random draw only: never due */
	inspect(f, &w, w.ent_a, "2026-09-30");
	inspect(f, &w, red2, "2026-10-01");
	inspect(f, &w, yellow2, "2026-01-01");
	{
		struct scope sb = fx_scope(f, ROLE_INSPECTOR, w.dept_b);
		struct inspection *in = inspection(w.ent_b, w.dept_b, "2025-12-31", w.insp_b, 0);
		struct error e = { 0 };
		int64_t reg_b = fx_create_user(f, "reg-b", ROLE_REGULATOR, w.dept_b);

		in->inspectors[1].id = reg_b;
		in->ninspectors = 2;
		assert_int_equal(store_inspection_create(f->st, &f->actor, &sb, in, &e), 0);
		free(in);
	}
	c = due(f, &admin, &fr, "2026-11-22", &flt, counts, &more);
	assert_int_equal(more, 0);
	/* ent_far has no colour: never due. Red first, then orange, then yellow. */
	assert_int_equal(c.n, 3);
	assert_int_equal(c.id[0], w.ent_a);
	assert_int_equal(c.colour[0], RL_MAJOR);
	assert_string_equal(c.last[0], "2026-09-30");
	assert_string_equal(c.start[0], "2026-10-01");
	assert_string_equal(c.due_by[0], "2026-12-31");
	assert_int_equal(c.id[1], w.ent_a2);
	assert_string_equal(c.last[1], "");
	assert_string_equal(c.start[1], "2026-07-01");
	assert_int_equal(c.id[2], w.ent_b);
	assert_string_equal(c.start[2], "2026-01-01");
	assert_int_equal(counts[RL_MAJOR], 1);
	assert_int_equal(counts[RL_LARGER], 1);
	assert_int_equal(counts[RL_GENERAL], 1);
	assert_int_equal(counts[RL_LOW], 0);
	/* A new quarter: red2 is due again; the new year: yellow2 too. */
	c = due(f, &admin, &fr, "2027-01-01", &flt, counts, NULL);
	assert_int_equal(counts[RL_MAJOR], 2);
	assert_int_equal(counts[RL_GENERAL], 2);
	assert_int_equal(c.id[0], w.ent_a);    /* 2026-09-30 before 2026-10-01 */
	assert_int_equal(c.id[1], red2);
	assert_int_equal(c.id[2], w.ent_a2);
	/* Oldest last inspection first within a colour: 2025-12-31 before 2026-01-01. */
	assert_int_equal(c.id[3], w.ent_b);
	assert_int_equal(c.id[4], yellow2);
	/* Blue configured yearly; orange off. */
	fr.months[RL_LOW] = 12;
	fr.months[RL_LARGER] = 0;
	c = due(f, &admin, &fr, "2026-11-22", &flt, counts, NULL);
	assert_int_equal(counts[RL_LOW], 1);
	assert_int_equal(counts[RL_LARGER], 0);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.id[2], blue);
	/* A colour filter keeps the counts of every colour. */
	flt.colour = RL_GENERAL;
	c = due(f, &admin, &fr, "2026-11-22", &flt, counts, NULL);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.id[0], w.ent_b);
	assert_int_equal(counts[RL_MAJOR], 1);
	/* Inspecting a due enterprise takes it off the list. */
	flt.colour = -1;
	inspect(f, &w, w.ent_a, "2026-11-22");
	c = due(f, &admin, &fr, "2026-11-22", &flt, counts, NULL);
	assert_int_equal(counts[RL_MAJOR], 0);
	assert_int_not_equal(c.id[0], w.ent_a);
}

static void
test_due_list_pages_across_colours(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct inspect_freq fr;
	struct due_filter flt = { .colour = -1, .after_colour = -1, .limit = 2 };
	int64_t ents[5];
	struct due_seen all = { .n = 0 }, c;
	int more = 0, pages = 0;

	inspect_freq_default(&fr);
	for (int i = 0; i < 5; i++) {
		char name[64];

		snprintf(name, sizeof(name), "城关企业%d", i);
		ents[i] = fx_create_enterprise(f, name, FX_CHENGGUAN, w.ind_a, 20 + (unsigned)i);
		if (i < 3)
			RED(f, ents[i]);
		else
			YELLOW(f, ents[i]);
	}
	inspect(f, &w, ents[0], "2026-05-01");   /* red, oldest of the inspected */
	inspect(f, &w, ents[1], "2026-08-01");
	do {
		c = due(f, &admin, &fr, "2026-11-22", &flt, NULL, &more);
		assert_true(c.n <= 2);
		for (int i = 0; i < c.n; i++) {
			all.id[all.n] = c.id[i];
			all.colour[all.n++] = c.colour[i];
		}
		if (more) {
			flt.after_colour = (int)c.colour[c.n - 1];
			snprintf(flt.after_last, sizeof(flt.after_last), "%s", c.last[c.n - 1]);
			flt.after_id = c.id[c.n - 1];
		}
	} while (more && ++pages < 10);
	assert_int_equal(all.n, 5);
	assert_int_equal(all.id[0], ents[2]);   /* never inspected first */
	assert_int_equal(all.id[1], ents[0]);
	assert_int_equal(all.id[2], ents[1]);
	assert_int_equal(all.id[3], ents[3]);
	assert_int_equal(all.id[4], ents[4]);
	assert_int_equal(all.colour[2], RL_MAJOR);
	assert_int_equal(all.colour[3], RL_GENERAL);
}

static void
test_due_list_and_inspections_scoped_as_hazards(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope dept = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct scope own = fx_scope(f, ROLE_ENTERPRISE, w.ent_a);
	struct scope admin = fx_admin_scope(f);
	struct inspect_freq fr;
	struct due_filter flt = { .colour = -1, .after_colour = -1, .limit = 50 };
	struct inspection_filter lf = { .type = -1, .limit = 50 };
	struct inspection *got = malloc(sizeof(*got));
	struct error e = { 0 };
	int64_t counts[RL__MAX], n = -1, id_a;
	struct due_seen c;

	assert_non_null(got);
	inspect_freq_default(&fr);
	RED(f, w.ent_a);
	RED(f, w.ent_b);
	RED(f, w.ent_far);
	/* The department sees its industry in its city; the office its whole city. */
	c = due(f, &dept, &fr, "2026-11-22", &flt, counts, NULL);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.id[0], w.ent_a);
	c = due(f, &office, &fr, "2026-11-22", &flt, counts, NULL);
	assert_int_equal(c.n, 2);
	assert_int_equal(counts[RL_MAJOR], 2);
	c = due(f, &admin, &fr, "2026-11-22", &flt, counts, NULL);
	assert_int_equal(counts[RL_MAJOR], 3);
	/* A region filter narrows within the scope; an industry filter too. */
	snprintf(flt.region, sizeof(flt.region), "%s", FX_SHIGATSE);
	c = due(f, &office, &fr, "2026-11-22", &flt, counts, NULL);
	assert_int_equal(c.n, 0);
	flt.region[0] = '\0';
	flt.industry_id = w.ind_b;
	c = due(f, &office, &fr, "2026-11-22", &flt, counts, NULL);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.id[0], w.ent_b);
	/* Inspections: the enterprise sees its own only, get and list alike. */
	id_a = inspect(f, &w, w.ent_a, "2026-11-02");
	{
		struct scope sb = fx_scope(f, ROLE_INSPECTOR, w.dept_b);
		struct inspection *in = inspection(w.ent_b, w.dept_b, "2026-11-03", w.insp_b, 0);
		int64_t reg_b = fx_create_user(f, "reg-b", ROLE_REGULATOR, w.dept_b);

		in->inspectors[1].id = reg_b;
		in->ninspectors = 2;
		assert_int_equal(store_inspection_create(f->st, &f->actor, &sb, in, &e), 0);
		assert_int_equal(store_inspection_get(f->st, &own, in->id, got, &e), -1);
		assert_int_equal(e.code, ERR_NOT_FOUND);
		assert_int_equal(store_inspection_get(f->st, &dept, in->id, got, &e), -1);
		assert_int_equal(e.code, ERR_NOT_FOUND);
		assert_int_equal(store_inspection_get(f->st, &office, in->id, got, &e), 0);
		free(in);
	}
	assert_int_equal(store_inspection_get(f->st, &own, id_a, got, &e), 0);
	assert_int_equal(store_inspection_list(f->st, &own, &lf, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_inspection_list(f->st, &office, &lf, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 2);
	lf.type = IT_EXPERT;
	assert_int_equal(store_inspection_list(f->st, &office, &lf, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 0);
	lf.type = -1;
	snprintf(lf.from, sizeof(lf.from), "2026-11-03");
	assert_int_equal(store_inspection_list(f->st, &office, &lf, NULL, NULL, &n, NULL, &e), 0);
	assert_int_equal(n, 1);
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_inspection_create_issues_codes_and_audits),
		FX_TEST(test_last_inspected_only_moves_forward),
		FX_TEST(test_inspectors_must_be_two_of_the_department),
		FX_TEST(test_inspection_of_unseen_enterprise_refused),
		FX_TEST(test_due_list_by_colour_and_period),
		FX_TEST(test_due_list_pages_across_colours),
		FX_TEST(test_due_list_and_inspections_scoped_as_hazards),
	};

	return cmocka_run_group_tests_name(fx_group("store inspect"), tests, NULL, NULL);
}
