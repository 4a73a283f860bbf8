/* test_store_map.c — the four-colour map in the store, on both backends:
 * the coloured enterprises a scope sees, placed ones red first with the
 * colour orgs.risk_colour holds, the unplaced counted apart, the filters,
 * a limit that cuts the least severe and says so, a bad region refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/risk.h"
#include "store_fixture.h"

struct world {
	int64_t ind_a, ind_b;
	int64_t red;          /* 城关区, industry a, placed */
	int64_t orange;       /* 城关区, industry b, placed */
	int64_t yellow;       /* 堆龙德庆区, industry a, placed */
	int64_t blue_far;     /* 日喀则市, industry a, placed */
	int64_t unplaced;     /* 城关区, industry a, yellow, no coordinates */
	int64_t colourless;   /* 城关区, industry a, placed, no risk point */
	int64_t dept_a;       /* 拉萨市, supervises a */
	int64_t office;       /* 拉萨市 */
	int64_t red_point;    /* the risk point that makes `red` red */
};

static int64_t
enterprise(struct fx *f, const char *name, const char *region, int64_t industry, unsigned n,
	   double lat, double lon, int placed)
{
	struct org o = fx_org(ORG_ENTERPRISE, name, region);

	fx_credit_code(o.credit_code, n);
	o.industry_id = industry;
	o.scale = SCALE_ABOVE;
	o.has_coord = placed;
	o.lat = placed ? lat : 0;
	o.lon = placed ? lon : 0;
	return fx_create_org(f, &o);
}

/* A risk point of ent assessed with LEC l × e × c: its level colours ent. */
static int64_t
point(struct fx *f, int64_t ent, const char *name, double l, double e_, int c)
{
	struct risk_point *rp = calloc(1, sizeof(*rp));
	struct scope admin = fx_admin_scope(f);
	struct risk_bands b;
	struct risk_score s;
	struct error e = { 0 };
	int64_t id;

	assert_non_null(rp);
	risk_bands_default(&b);
	rp->enterprise_id = ent;
	snprintf(rp->name, sizeof(rp->name), "%s", name);
	rp->kind = RK_PLACE;
	rp->input.method = RM_LEC;
	rp->input.l10 = risk_tenths(l);
	rp->input.e10 = risk_tenths(e_);
	rp->input.c = c;
	assert_int_equal(risk_assess(&rp->input, &b, &s, &e), 0);
	rp->score100 = s.score100;
	rp->level = s.level;
	rp->tier = CT_COMPANY;
	snprintf(rp->responsible, sizeof(rp->responsible), "张三");
	if (store_risk_create(f->st, &f->actor, &admin, rp, "初次辨识评估", &e) != 0)
		fail_msg("store_risk_create: %s (field %s)", e.message, e.field);
	id = rp->id;
	free(rp);
	return id;
}

static struct world
make_world(struct fx *f)
{
	struct world w;

	memset(&w, 0, sizeof(w));
	fx_seed_regions(f);
	w.ind_a = fx_industry(f, 0);
	w.ind_b = fx_industry(f, 5);
	/* created blue first, red last: the order on the map is the colour's */
	w.blue_far = enterprise(f, "日喀则蓝色化工有限公司", FX_SHIGATSE, w.ind_a, 1, 29.27, 88.88, 1);
	w.yellow = enterprise(f, "堆龙黄色化工有限公司", FX_DUILONG, w.ind_a, 2, 29.65, 91.00, 1);
	w.orange = enterprise(f, "城关橙色建筑有限公司", FX_CHENGGUAN, w.ind_b, 3, 29.66, 91.14, 1);
	w.red = enterprise(f, "城关红色化工有限公司", FX_CHENGGUAN, w.ind_a, 4, 29.64, 91.13, 1);
	w.unplaced = enterprise(f, "城关无坐标化工有限公司", FX_CHENGGUAN, w.ind_a, 5, 0, 0, 0);
	w.colourless = enterprise(f, "城关未评估化工有限公司", FX_CHENGGUAN, w.ind_a, 6, 29.6, 91.1, 1);
	w.dept_a = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, &w.ind_a, 1);
	{
		struct org o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);

		w.office = fx_create_org(f, &o);
	}
	point(f, w.blue_far, "B1", 1, 1, 1);         /* D 1: 低 */
	point(f, w.yellow, "Y1", 3, 6, 7);           /* D 126: 一般 */
	point(f, w.orange, "O1", 10, 6, 3);          /* D 180: 较大 */
	w.red_point = point(f, w.red, "R1", 3, 3, 40); /* D 360: 重大 */
	point(f, w.unplaced, "U1", 3, 6, 7);
	return w;
}

#define MAX_POINTS 16

struct got {
	struct risk_map_point p[MAX_POINTS];
	char names[MAX_POINTS][NAME_MAX_BYTES];
	char regions[MAX_POINTS][REGION_CODE_LEN + 1];
	int n;
	int64_t unplaced;
	int more;
};

static int
collect(const struct risk_map_point *p, void *arg)
{
	struct got *g = arg;

	assert_true(g->n < MAX_POINTS);
	g->p[g->n] = *p;
	snprintf(g->names[g->n], sizeof(g->names[0]), "%s", p->name);
	g->p[g->n].name = g->names[g->n];
	snprintf(g->regions[g->n], sizeof(g->regions[0]), "%s", p->region_code);
	g->p[g->n].region_code = g->regions[g->n];
	g->n++;
	return 0;
}

/* The map as scope s sees it with filter f; fails the test on an error. */
static struct got *
map_of(struct fx *f, const struct scope *s, struct risk_map_filter flt)
{
	struct got *g = calloc(1, sizeof(*g));
	struct error e = { 0 };

	assert_non_null(g);
	if (flt.limit == 0)
		flt.limit = 50000;
	if (store_risk_map(f->st, s, &flt, collect, g, &g->unplaced, &g->more, &e) != 0)
		fail_msg("store_risk_map: %s (field %s)", e.message, e.field);
	return g;
}

static const struct risk_map_filter ANY = { .colour = -1 };

static void
test_map_lists_placed_coloured_enterprises_red_first(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct got *g = map_of(f, &admin, ANY);
	const int64_t want[] = { w.red, w.orange, w.yellow, w.blue_far };
	const enum risk_level colours[] = { RL_MAJOR, RL_LARGER, RL_GENERAL, RL_LOW };

	assert_int_equal(g->n, 4);   /* not the unplaced one, not the colourless one */
	for (int i = 0; i < 4; i++) {
		struct org o = fx_get_org(f, want[i]);

		assert_int_equal(g->p[i].id, want[i]);
		assert_int_equal(g->p[i].colour, colours[i]);
		/* the colour every other view shows */
		assert_string_equal(risk_colour_names[g->p[i].colour], o.risk_colour);
		assert_string_equal(g->p[i].name, o.name);
		assert_string_equal(g->p[i].region_code, o.region_code);
		assert_true(g->p[i].lat > o.lat - 1e-9 && g->p[i].lat < o.lat + 1e-9);
		assert_true(g->p[i].lon > o.lon - 1e-9 && g->p[i].lon < o.lon + 1e-9);
	}
	assert_int_equal(g->unplaced, 1);
	assert_int_equal(g->more, 0);
	free(g);
}

static void
test_map_scope_office_department_enterprise(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct scope dept = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct scope own = fx_scope(f, ROLE_ENTERPRISE, w.orange);
	struct scope far = fx_scope(f, ROLE_ENTERPRISE, w.blue_far);
	struct got *g;

	/* 拉萨's office: its city, every industry, not 日喀则 */
	g = map_of(f, &office, ANY);
	assert_int_equal(g->n, 3);
	assert_int_equal(g->p[0].id, w.red);
	assert_int_equal(g->p[1].id, w.orange);
	assert_int_equal(g->p[2].id, w.yellow);
	assert_int_equal(g->unplaced, 1);
	free(g);
	/* the department: its city and its industry only */
	g = map_of(f, &dept, ANY);
	assert_int_equal(g->n, 2);
	assert_int_equal(g->p[0].id, w.red);
	assert_int_equal(g->p[1].id, w.yellow);
	assert_int_equal(g->unplaced, 1);
	free(g);
	/* an enterprise: itself */
	g = map_of(f, &own, ANY);
	assert_int_equal(g->n, 1);
	assert_int_equal(g->p[0].id, w.orange);
	assert_int_equal(g->unplaced, 0);
	free(g);
	g = map_of(f, &far, ANY);
	assert_int_equal(g->n, 1);
	assert_int_equal(g->p[0].id, w.blue_far);
	free(g);
}

static void
test_map_filters_by_colour_region_and_industry(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct scope office = fx_scope(f, ROLE_OFFICE, w.office);
	struct risk_map_filter flt = ANY;
	struct got *g;

	flt.colour = RL_GENERAL;
	g = map_of(f, &admin, flt);
	assert_int_equal(g->n, 1);
	assert_int_equal(g->p[0].id, w.yellow);
	assert_int_equal(g->unplaced, 1);     /* the unplaced one is yellow too */
	free(g);
	flt.colour = RL_MAJOR;
	g = map_of(f, &admin, flt);
	assert_int_equal(g->n, 1);
	assert_int_equal(g->p[0].id, w.red);
	assert_int_equal(g->unplaced, 0);
	free(g);
	flt = ANY;
	flt.region = FX_CHENGGUAN;
	g = map_of(f, &admin, flt);
	assert_int_equal(g->n, 2);
	assert_int_equal(g->p[0].id, w.red);
	assert_int_equal(g->p[1].id, w.orange);
	free(g);
	flt = ANY;
	flt.industry = w.ind_b;
	g = map_of(f, &admin, flt);
	assert_int_equal(g->n, 1);
	assert_int_equal(g->p[0].id, w.orange);
	assert_int_equal(g->unplaced, 0);
	free(g);
	/* a region outside the scope adds nothing to it */
	flt = ANY;
	flt.region = FX_SHIGATSE;
	g = map_of(f, &office, flt);
	assert_int_equal(g->n, 0);
	assert_int_equal(g->unplaced, 0);
	free(g);
}

/* The limit cuts the least severe: red is never the one left out. */
static void
test_map_limit_keeps_most_severe_and_says_more(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct risk_map_filter flt = ANY;
	struct got *g;

	flt.limit = 2;
	g = map_of(f, &admin, flt);
	assert_int_equal(g->n, 2);
	assert_int_equal(g->p[0].id, w.red);
	assert_int_equal(g->p[1].id, w.orange);
	assert_int_equal(g->more, 1);
	assert_int_equal(g->unplaced, 1);
	free(g);
	flt.limit = 4;
	g = map_of(f, &admin, flt);
	assert_int_equal(g->n, 4);
	assert_int_equal(g->more, 0);
	free(g);
}

/* The map follows the colour: a retired risk point takes its enterprise off. */
static void
test_map_follows_colour_changes(void **state)
{
	struct fx *f = *state;
	struct world w = make_world(f);
	struct scope admin = fx_admin_scope(f);
	struct risk_point *rp = calloc(1, sizeof(*rp));
	struct error e = { 0 };
	struct got *g;

	assert_non_null(rp);
	assert_int_equal(store_risk_get(f->st, &admin, w.red_point, rp, &e), 0);
	rp->active = 0;
	assert_int_equal(store_risk_update(f->st, &f->actor, &admin, rp, &e), 0);
	assert_string_equal(fx_get_org(f, w.red).risk_colour, "");
	g = map_of(f, &admin, ANY);
	assert_int_equal(g->n, 3);
	assert_int_equal(g->p[0].id, w.orange);
	for (int i = 0; i < g->n; i++)
		assert_int_not_equal(g->p[i].id, w.red);
	free(g);
	free(rp);
}

static void
test_map_bad_region_refused(void **state)
{
	struct fx *f = *state;
	struct scope admin;
	struct risk_map_filter flt = ANY;
	struct got g;
	struct error e = { 0 };

	(void)make_world(f);
	admin = fx_admin_scope(f);
	memset(&g, 0, sizeof(g));
	flt.region = "54";
	flt.limit = 10;
	assert_int_equal(store_risk_map(f->st, &admin, &flt, collect, &g, &g.unplaced, &g.more, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "region");
	assert_int_equal(g.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_map_lists_placed_coloured_enterprises_red_first),
		FX_TEST(test_map_scope_office_department_enterprise),
		FX_TEST(test_map_filters_by_colour_region_and_industry),
		FX_TEST(test_map_limit_keeps_most_severe_and_says_more),
		FX_TEST(test_map_follows_colour_changes),
		FX_TEST(test_map_bad_region_refused),
	};

	return cmocka_run_group_tests_name(fx_group("store map"), tests, NULL, NULL);
}
