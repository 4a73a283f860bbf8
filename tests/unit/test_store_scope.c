/*
 * test_store_scope.c — store conformance: what each role's scope (built by
 * scope_for_user) sees of the orgs, and that what lies outside it reads as
 * not found and cannot be changed, on the backend named by HN_STORE.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store_fixture.h"

/*
 * Tibet / Lhasa / Chengguan, Shigatse, and Sichuan / Chengdu, with two
 * industries A and B:
 *   committee, office, dept_a (A), dept_ab (A+B), dept_none in Lhasa
 *   office_cg, agency_cg, ent_cg_a, ent_cg_b in Chengguan
 *   ent_lhasa_a in Lhasa, ent_shigatse_a in Shigatse, ent_chengdu_a in Chengdu
 */
struct world {
	int64_t ind_a, ind_b;
	int64_t committee, office, dept_a, dept_ab, dept_none;
	int64_t office_cg, agency_cg, ent_cg_a, ent_cg_b;
	int64_t ent_lhasa_a, ent_shigatse_a, ent_chengdu_a;
};

#define WORLD_ORGS 12

static struct world
world(struct fx *f)
{
	struct world w;
	struct org o;
	int64_t ab[2];

	fx_seed_regions(f);
	w.ind_a = fx_industry(f, 0);
	w.ind_b = fx_industry(f, 1);
	ab[0] = w.ind_a;
	ab[1] = w.ind_b;
	o = fx_org(ORG_COMMITTEE, "拉萨市安委会", FX_LHASA);
	w.committee = fx_create_org(f, &o);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	w.office = fx_create_org(f, &o);
	w.dept_a = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, &w.ind_a, 1);
	w.dept_ab = fx_create_department(f, "拉萨市综合执法局", FX_LHASA, ab, 2);
	w.dept_none = fx_create_department(f, "拉萨市新设局", FX_LHASA, NULL, 0);
	o = fx_org(ORG_OFFICE, "城关区安委办", FX_CHENGGUAN);
	w.office_cg = fx_create_org(f, &o);
	o = fx_org(ORG_AGENCY, "城关安全评价中心", FX_CHENGGUAN);
	w.agency_cg = fx_create_org(f, &o);
	w.ent_cg_a = fx_create_enterprise(f, "城关化工厂", FX_CHENGGUAN, w.ind_a, 1);
	w.ent_cg_b = fx_create_enterprise(f, "城关建筑公司", FX_CHENGGUAN, w.ind_b, 2);
	w.ent_lhasa_a = fx_create_enterprise(f, "拉萨化工厂", FX_LHASA, w.ind_a, 3);
	w.ent_shigatse_a = fx_create_enterprise(f, "日喀则化工厂", FX_SHIGATSE, w.ind_a, 4);
	w.ent_chengdu_a = fx_create_enterprise(f, "成都化工厂", FX_CHENGDU, w.ind_a, 5);
	return w;
}

static int64_t
all_ids(const struct world *w, int i)
{
	const int64_t ids[WORLD_ORGS] = {
		w->committee, w->office, w->dept_a, w->dept_ab, w->dept_none, w->office_cg,
		w->agency_cg, w->ent_cg_a, w->ent_cg_b, w->ent_lhasa_a, w->ent_shigatse_a,
		w->ent_chengdu_a,
	};

	return ids[i];
}

static int
visible_by_get(struct fx *f, const struct scope *s, int64_t id)
{
	struct error e = { 0 };
	struct org o;

	if (store_org_get(f->st, s, id, &o, &e) == 0) {
		assert_int_equal(o.id, id);
		return 1;
	}
	assert_int_equal(e.code, ERR_NOT_FOUND);
	return 0;
}

struct seen {
	int64_t ids[64];
	int n;
};

static int
collect(const struct org *o, void *arg)
{
	struct seen *s = arg;

	if (s->n < 64)
		s->ids[s->n++] = o->id;
	return 0;
}

static int
seen_has(const struct seen *s, int64_t id)
{
	for (int i = 0; i < s->n; i++)
		if (s->ids[i] == id)
			return 1;
	return 0;
}

/*
 * s sees exactly the orgs of expect (n ids), both by get and by list, and
 * the list's total agrees.
 */
static void
assert_sees_exactly(struct fx *f, const struct world *w, const struct scope *s,
		    const int64_t *expect, int n)
{
	struct org_filter flt;
	struct seen seen = { .n = 0 };
	struct error e = { 0 };
	int64_t total = -1;
	int more = -1;

	memset(&flt, 0, sizeof(flt));
	flt.kind = -1;
	flt.limit = 500;
	assert_int_equal(store_org_list(f->st, s, &flt, collect, &seen, &total, &more, &e), 0);
	assert_int_equal(seen.n, n);
	assert_int_equal(total, n);
	assert_int_equal(more, 0);
	for (int i = 0; i < WORLD_ORGS; i++) {
		int64_t id = all_ids(w, i);
		int want = 0;

		for (int j = 0; j < n; j++)
			want |= expect[j] == id;
		if (visible_by_get(f, s, id) != want)
			fail_msg("org %lld: get %s, expected %s", (long long)id,
				 want ? "not found" : "found", want ? "found" : "not found");
		if (seen_has(&seen, id) != want)
			fail_msg("org %lld: list %s it, expected %s", (long long)id,
				 want ? "omits" : "includes", want ? "included" : "omitted");
	}
}

static void
test_scope_admin_sees_everything(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_admin_scope(f);
	int64_t expect[WORLD_ORGS];

	for (int i = 0; i < WORLD_ORGS; i++)
		expect[i] = all_ids(&w, i);
	assert_sees_exactly(f, &w, &s, expect, WORLD_ORGS);
}

static void
test_scope_admin_with_an_org_still_sees_everything(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_ADMIN, w.office_cg);
	int64_t expect[WORLD_ORGS];

	for (int i = 0; i < WORLD_ORGS; i++)
		expect[i] = all_ids(&w, i);
	assert_sees_exactly(f, &w, &s, expect, WORLD_ORGS);
}

static void
test_scope_city_office_sees_only_its_subtree(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_OFFICE, w.office);
	const int64_t expect[] = {
		w.committee, w.office, w.dept_a, w.dept_ab, w.dept_none, w.office_cg,
		w.agency_cg, w.ent_cg_a, w.ent_cg_b, w.ent_lhasa_a,
	};

	assert_sees_exactly(f, &w, &s, expect, 10);
}

static void
test_scope_county_office_does_not_see_its_city(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_OFFICE, w.office_cg);
	const int64_t expect[] = { w.office_cg, w.agency_cg, w.ent_cg_a, w.ent_cg_b };

	assert_sees_exactly(f, &w, &s, expect, 4);
}

static void
test_scope_regulator_sees_only_its_industries_enterprises(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	/* non-enterprise orgs of the subtree, and A's enterprises in it */
	const int64_t expect[] = {
		w.committee, w.office, w.dept_a, w.dept_ab, w.dept_none, w.office_cg,
		w.agency_cg, w.ent_cg_a, w.ent_lhasa_a,
	};

	assert_sees_exactly(f, &w, &s, expect, 9);
}

static void
test_scope_regulator_of_two_industries_sees_both(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_ab);
	const int64_t expect[] = {
		w.committee, w.office, w.dept_a, w.dept_ab, w.dept_none, w.office_cg,
		w.agency_cg, w.ent_cg_a, w.ent_cg_b, w.ent_lhasa_a,
	};

	assert_sees_exactly(f, &w, &s, expect, 10);
}

static void
test_scope_regulator_without_industries_sees_no_enterprise(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_none);
	const int64_t expect[] = {
		w.committee, w.office, w.dept_a, w.dept_ab, w.dept_none, w.office_cg,
		w.agency_cg,
	};

	assert_sees_exactly(f, &w, &s, expect, 7);
}

static void
test_scope_inspector_sees_as_its_department(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_INSPECTOR, w.dept_a);
	const int64_t expect[] = {
		w.committee, w.office, w.dept_a, w.dept_ab, w.dept_none, w.office_cg,
		w.agency_cg, w.ent_cg_a, w.ent_lhasa_a,
	};

	assert_sees_exactly(f, &w, &s, expect, 9);
}

static void
test_scope_enterprise_sees_only_itself(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_cg_a);
	const int64_t expect[] = { w.ent_cg_a };

	assert_sees_exactly(f, &w, &s, expect, 1);
}

static void
test_scope_leader_sees_its_subtree(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_LEADER, w.committee);
	const int64_t expect[] = {
		w.committee, w.office, w.dept_a, w.dept_ab, w.dept_none, w.office_cg,
		w.agency_cg, w.ent_cg_a, w.ent_cg_b, w.ent_lhasa_a,
	};

	assert_sees_exactly(f, &w, &s, expect, 10);
}

static void
test_scope_filter_region_outside_scope_lists_nothing(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_OFFICE, w.office);
	struct org_filter flt;
	struct seen seen = { .n = 0 };
	struct error e = { 0 };
	int64_t total = -1;

	memset(&flt, 0, sizeof(flt));
	flt.kind = -1;
	flt.limit = 500;
	snprintf(flt.region, sizeof(flt.region), "%s", FX_SHIGATSE);
	assert_int_equal(store_org_list(f->st, &s, &flt, collect, &seen, &total, NULL, &e), 0);
	assert_int_equal(seen.n, 0);
	assert_int_equal(total, 0);
}

static void
test_scope_filter_by_credit_code_outside_scope_finds_nothing(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_cg_a);
	struct org_filter flt;
	struct seen seen = { .n = 0 };
	struct error e = { 0 };
	int64_t total = -1;

	memset(&flt, 0, sizeof(flt));
	flt.kind = -1;
	flt.limit = 500;
	fx_credit_code(flt.q, 2); /* ent_cg_b's */
	assert_int_equal(store_org_list(f->st, &s, &flt, collect, &seen, &total, NULL, &e), 0);
	assert_int_equal(seen.n, 0);
	assert_int_equal(total, 0);
}

/* An update of id under s is refused as not found and changes nothing. */
static void
assert_update_not_found(struct fx *f, const struct scope *s, int64_t id)
{
	struct error e = { 0 };
	struct org o = fx_get_org(f, id), after;
	char before[65], now[65];

	fx_digest(f, before);
	snprintf(o.name, sizeof(o.name), "越权改名");
	assert_int_equal(store_org_update(f->st, &f->actor, s, &o, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	after = fx_get_org(f, id);
	assert_string_not_equal(after.name, "越权改名");
	assert_int_equal(after.version, o.version);
	fx_digest(f, now);
	assert_string_equal(before, now);
}

static void
test_scope_office_update_outside_subtree_not_found(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_OFFICE, w.office_cg);

	assert_update_not_found(f, &s, w.ent_shigatse_a);
	assert_update_not_found(f, &s, w.office);
}

static void
test_scope_regulator_update_other_industry_not_found(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_a);

	assert_update_not_found(f, &s, w.ent_cg_b);
	assert_update_not_found(f, &s, w.ent_chengdu_a);
}

static void
test_scope_enterprise_update_of_another_not_found(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_cg_a);

	assert_update_not_found(f, &s, w.ent_cg_b);
	assert_update_not_found(f, &s, w.office_cg);
}

static void
test_scope_enterprise_updates_itself(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_cg_a);
	struct error e = { 0 };
	struct org o = fx_get_org(f, w.ent_cg_a);

	snprintf(o.safety_director, sizeof(o.safety_director), "次仁");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	assert_string_equal(fx_get_org(f, w.ent_cg_a).safety_director, "次仁");
}

static void
test_scope_regulator_updates_enterprise_of_its_industry(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_REGULATOR, w.dept_a);
	struct error e = { 0 };
	struct org o = fx_get_org(f, w.ent_lhasa_a);

	o.major_hazard_level = 1;
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	assert_int_equal(fx_get_org(f, w.ent_lhasa_a).major_hazard_level, 1);
}

static void
test_scope_unknown_id_and_out_of_scope_id_read_the_same(void **state)
{
	struct fx *f = *state;
	struct world w = world(f);
	struct scope s = fx_scope(f, ROLE_ENTERPRISE, w.ent_cg_a);
	struct error hidden = { 0 }, absent = { 0 };
	struct org o;

	assert_int_equal(store_org_get(f->st, &s, w.ent_cg_b, &o, &hidden), -1);
	assert_int_equal(store_org_get(f->st, &s, 987654321, &o, &absent), -1);
	assert_int_equal(hidden.code, ERR_NOT_FOUND);
	assert_int_equal(absent.code, ERR_NOT_FOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_scope_admin_sees_everything),
		FX_TEST(test_scope_admin_with_an_org_still_sees_everything),
		FX_TEST(test_scope_city_office_sees_only_its_subtree),
		FX_TEST(test_scope_county_office_does_not_see_its_city),
		FX_TEST(test_scope_regulator_sees_only_its_industries_enterprises),
		FX_TEST(test_scope_regulator_of_two_industries_sees_both),
		FX_TEST(test_scope_regulator_without_industries_sees_no_enterprise),
		FX_TEST(test_scope_inspector_sees_as_its_department),
		FX_TEST(test_scope_enterprise_sees_only_itself),
		FX_TEST(test_scope_leader_sees_its_subtree),
		FX_TEST(test_scope_filter_region_outside_scope_lists_nothing),
		FX_TEST(test_scope_filter_by_credit_code_outside_scope_finds_nothing),
		FX_TEST(test_scope_office_update_outside_subtree_not_found),
		FX_TEST(test_scope_regulator_update_other_industry_not_found),
		FX_TEST(test_scope_enterprise_update_of_another_not_found),
		FX_TEST(test_scope_enterprise_updates_itself),
		FX_TEST(test_scope_regulator_updates_enterprise_of_its_industry),
		FX_TEST(test_scope_unknown_id_and_out_of_scope_id_read_the_same),
	};

	return cmocka_run_group_tests_name(fx_group("store scope"), tests, NULL, NULL);
}
