/*
 * test_store_regions.c — store conformance: region import, lookup,
 * children and count, on the backend named by HN_STORE.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store_fixture.h"

struct codes {
	char code[8][REGION_CODE_LEN + 1];
	int n;
	int stop_after;     /* 0: never stop */
};

static int
collect_code(const struct region *r, void *arg)
{
	struct codes *c = arg;

	if (c->n < 8)
		snprintf(c->code[c->n], sizeof(c->code[0]), "%s", r->code);
	c->n++;
	return c->stop_after != 0 && c->n >= c->stop_after;
}

static int64_t
region_count(struct fx *f)
{
	struct error e = { 0 };
	int64_t n = -1;

	assert_int_equal(store_region_count(f->st, &n, &e), 0);
	return n;
}

static void
test_region_count_zero_before_import(void **state)
{
	struct fx *f = *state;

	assert_int_equal(region_count(f), 0);
}

static void
test_region_import_then_get_round_trip(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct region r;

	fx_seed_regions(f);
	assert_int_equal(region_count(f), (int64_t)FX_NREGIONS);
	assert_int_equal(store_region_get(f->st, FX_CHENGGUAN, &r, &e), 0);
	assert_string_equal(r.code, FX_CHENGGUAN);
	assert_string_equal(r.name, "城关区");
	assert_int_equal(r.level, REGION_COUNTY);
	assert_string_equal(r.parent, FX_LHASA);
	assert_int_equal(store_region_get(f->st, FX_TIBET, &r, &e), 0);
	assert_int_equal(r.level, REGION_PROVINCE);
	assert_string_equal(r.parent, "");
}

static void
test_region_get_unknown_not_found(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct region r;

	fx_seed_regions(f);
	assert_int_equal(store_region_get(f->st, "540199000000", &r, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

static void
test_region_reimport_updates_name_without_duplicates(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct region r = { FX_LHASA, "拉萨", REGION_CITY, FX_TIBET };
	struct region got;

	fx_seed_regions(f);
	assert_int_equal(store_region_import(f->st, &f->actor, &r, 1, &e), 0);
	assert_int_equal(region_count(f), (int64_t)FX_NREGIONS);
	assert_int_equal(store_region_get(f->st, FX_LHASA, &got, &e), 0);
	assert_string_equal(got.name, "拉萨");
	/* importing the whole set again changes nothing */
	fx_seed_regions(f);
	assert_int_equal(region_count(f), (int64_t)FX_NREGIONS);
}

static void
test_region_children_of_root_are_provinces_in_code_order(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct codes c = { .n = 0 };

	fx_seed_regions(f);
	assert_int_equal(store_region_children(f->st, "", collect_code, &c, &e), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.code[0], FX_SICHUAN);
	assert_string_equal(c.code[1], FX_TIBET);
}

static void
test_region_children_of_city_are_its_counties_only(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct codes c = { .n = 0 };

	fx_seed_regions(f);
	assert_int_equal(store_region_children(f->st, FX_LHASA, collect_code, &c, &e), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.code[0], FX_CHENGGUAN);
	assert_string_equal(c.code[1], FX_DUILONG);
}

static void
test_region_children_of_leaf_or_unknown_none(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct codes c = { .n = 0 };

	fx_seed_regions(f);
	assert_int_equal(store_region_children(f->st, FX_CHENGGUAN, collect_code, &c, &e), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(store_region_children(f->st, "999900000000", collect_code, &c, &e), 0);
	assert_int_equal(c.n, 0);
}

static void
test_region_children_stops_when_callback_says_so(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct codes c = { .n = 0, .stop_after = 1 };

	fx_seed_regions(f);
	store_region_children(f->st, FX_LHASA, collect_code, &c, &e);
	assert_int_equal(c.n, 1);
}

static void
test_region_import_orphan_refused_and_batch_not_applied(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct region r;
	const struct region batch[] = {
		{ "620000000000", "甘肃省", REGION_PROVINCE, "" },
		{ "620100000000", "兰州市", REGION_CITY, "620000000000" },
		/* parent never imported */
		{ "630102000000", "城东区", REGION_COUNTY, "630100000000" },
	};

	fx_seed_regions(f);
	assert_int_equal(store_region_import(f->st, &f->actor, batch, 3, &e), -1);
	assert_int_not_equal(e.code, ERR_NONE);
	assert_int_equal(region_count(f), (int64_t)FX_NREGIONS);
	assert_int_equal(store_region_get(f->st, "620000000000", &r, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

static void
test_region_import_child_before_parent_refused(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	const struct region batch[] = {
		{ "620100000000", "兰州市", REGION_CITY, "620000000000" },
		{ "620000000000", "甘肃省", REGION_PROVINCE, "" },
	};

	assert_int_equal(store_region_import(f->st, &f->actor, batch, 2, &e), -1);
	assert_int_equal(region_count(f), 0);
}

static void
test_region_import_of_parent_already_stored_accepted(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct region r = { "540104000000", "达孜区", REGION_COUNTY, FX_LHASA };
	struct codes c = { .n = 0 };

	fx_seed_regions(f);
	assert_int_equal(store_region_import(f->st, &f->actor, &r, 1, &e), 0);
	assert_int_equal(store_region_children(f->st, FX_LHASA, collect_code, &c, &e), 0);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.code[2], "540104000000");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_region_count_zero_before_import),
		FX_TEST(test_region_import_then_get_round_trip),
		FX_TEST(test_region_get_unknown_not_found),
		FX_TEST(test_region_reimport_updates_name_without_duplicates),
		FX_TEST(test_region_children_of_root_are_provinces_in_code_order),
		FX_TEST(test_region_children_of_city_are_its_counties_only),
		FX_TEST(test_region_children_of_leaf_or_unknown_none),
		FX_TEST(test_region_children_stops_when_callback_says_so),
		FX_TEST(test_region_import_orphan_refused_and_batch_not_applied),
		FX_TEST(test_region_import_child_before_parent_refused),
		FX_TEST(test_region_import_of_parent_already_stored_accepted),
	};

	return cmocka_run_group_tests_name(fx_group("store regions"), tests, NULL, NULL);
}
