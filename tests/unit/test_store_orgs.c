/*
 * test_store_orgs.c — store conformance: org create, get, update and list
 * (filters, keyset pagination), the checks the store owns (region,
 * industry, credit code, version), on the backend named by HN_STORE.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store_fixture.h"

#define MAX_IDS 64

struct listed {
	int64_t ids[MAX_IDS];
	int n;
};

static int
collect_org(const struct org *o, void *arg)
{
	struct listed *l = arg;

	if (l->n < MAX_IDS)
		l->ids[l->n] = o->id;
	l->n++;
	return 0;
}

static struct org_filter
filter_all(void)
{
	struct org_filter f;

	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.limit = 500;
	return f;
}

/* Runs the list; *total and *more as the store says. */
static struct listed
list(struct fx *f, const struct scope *s, const struct org_filter *flt, int64_t *total,
     int *more)
{
	struct listed l = { .n = 0 };
	struct error e = { 0 };
	int64_t t = -1;
	int m = -1;

	if (store_org_list(f->st, s, flt, collect_org, &l, &t, &m, &e) != 0)
		fail_msg("store_org_list: %s", e.message);
	if (total != NULL)
		*total = t;
	if (more != NULL)
		*more = m;
	return l;
}

static int
listed_has(const struct listed *l, int64_t id)
{
	for (int i = 0; i < l->n && i < MAX_IDS; i++)
		if (l->ids[i] == id)
			return 1;
	return 0;
}

static int64_t
org_total(struct fx *f)
{
	struct scope s = fx_admin_scope(f);
	struct org_filter flt = filter_all();
	int64_t total;

	list(f, &s, &flt, &total, NULL);
	return total;
}

/* ---- create and get ---- */

static void
test_org_create_fills_id_version_and_times(void **state)
{
	struct fx *f = *state;
	struct org o;

	fx_seed_regions(f);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	fx_create_org(f, &o);
	assert_true(o.id > 0);
	assert_int_equal(o.version, 1);
	assert_int_equal(strlen(o.created_at), 20);
	assert_string_equal(o.created_at, o.updated_at);
}

static void
test_org_enterprise_round_trip(void **state)
{
	struct fx *f = *state;
	int64_t ind = fx_industry(f, 0);
	struct org o, got;

	fx_seed_regions(f);
	o = fx_org(ORG_ENTERPRISE, "西藏高原化工有限公司（城关）", FX_CHENGGUAN);
	fx_credit_code(o.credit_code, 1);
	o.industry_id = ind;
	o.scale = SCALE_ABOVE;
	o.major_hazard_level = 2;
	o.standard_grade = 3;
	o.status = ORG_SUSPENDED;
	snprintf(o.address, sizeof(o.address), "拉萨市城关区金珠西路 1 号 O'Brien \"楼\"");
	o.has_coord = 1;
	o.lat = 29.65;
	o.lon = 91.1;
	snprintf(o.safety_director, sizeof(o.safety_director), "扎西");
	snprintf(o.phone, sizeof(o.phone), "0891-6330000");
	fx_create_org(f, &o);

	got = fx_get_org(f, o.id);
	assert_int_equal(got.id, o.id);
	assert_int_equal(got.kind, ORG_ENTERPRISE);
	assert_string_equal(got.name, "西藏高原化工有限公司（城关）");
	assert_string_equal(got.region_code, FX_CHENGGUAN);
	assert_string_equal(got.region_name, "城关区");
	assert_string_equal(got.credit_code, o.credit_code);
	assert_int_equal(got.industry_id, ind);
	assert_true(got.industry_name[0] != '\0');
	assert_int_equal(got.scale, SCALE_ABOVE);
	assert_int_equal(got.major_hazard_level, 2);
	assert_int_equal(got.standard_grade, 3);
	assert_int_equal(got.status, ORG_SUSPENDED);
	assert_string_equal(got.address, o.address);
	assert_int_equal(got.has_coord, 1);
	assert_true(got.lat == 29.65);
	assert_true(got.lon == 91.1);
	assert_string_equal(got.safety_director, "扎西");
	assert_string_equal(got.phone, "0891-6330000");
	assert_int_equal(got.version, 1);
	assert_string_equal(got.created_at, o.created_at);
}

static void
test_org_without_coordinates_reads_back_without(void **state)
{
	struct fx *f = *state;
	struct org o, got;

	fx_seed_regions(f);
	o = fx_org(ORG_COMMITTEE, "拉萨市安委会", FX_LHASA);
	fx_create_org(f, &o);
	got = fx_get_org(f, o.id);
	assert_int_equal(got.has_coord, 0);
	assert_int_equal(got.industry_id, 0);
	assert_string_equal(got.credit_code, "");
}

static void
test_org_department_industries_round_trip(void **state)
{
	struct fx *f = *state;
	int64_t a = fx_industry(f, 0), b = fx_industry(f, 1);
	const int64_t both[] = { a, b };
	struct org got;
	int64_t id;
	int seen_a = 0, seen_b = 0;

	fx_seed_regions(f);
	id = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, both, 2);
	got = fx_get_org(f, id);
	assert_int_equal(got.nindustries, 2);
	for (int i = 0; i < got.nindustries; i++) {
		seen_a |= got.industries[i] == a;
		seen_b |= got.industries[i] == b;
	}
	assert_true(seen_a && seen_b);
}

static void
test_org_create_unknown_region_invalid(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct org o;

	fx_seed_regions(f);
	o = fx_org(ORG_OFFICE, "不存在的安委办", "540199000000");
	assert_int_equal(store_org_create(f->st, &f->actor, &o, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "region_code");
	assert_int_equal(org_total(f), 0);
}

static void
test_org_create_unknown_industry_invalid(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct org o;

	fx_seed_regions(f);
	o = fx_org(ORG_ENTERPRISE, "无行业企业", FX_LHASA);
	fx_credit_code(o.credit_code, 2);
	o.industry_id = 987654321;
	assert_int_equal(store_org_create(f->st, &f->actor, &o, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "industry");
	assert_int_equal(org_total(f), 0);
}

static void
test_org_create_department_unknown_industry_invalid(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct org o;

	fx_seed_regions(f);
	o = fx_org(ORG_DEPARTMENT, "拉萨市某局", FX_LHASA);
	o.industries[0] = fx_industry(f, 0);
	o.industries[1] = 987654321;
	o.nindustries = 2;
	assert_int_equal(store_org_create(f->st, &f->actor, &o, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "industries");
	assert_int_equal(org_total(f), 0);
}

static void
test_org_create_duplicate_credit_code_conflict(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct org o;

	fx_seed_regions(f);
	fx_create_enterprise(f, "甲公司", FX_LHASA, fx_industry(f, 0), 3);
	o = fx_org(ORG_ENTERPRISE, "乙公司", FX_CHENGGUAN);
	fx_credit_code(o.credit_code, 3);
	o.industry_id = fx_industry(f, 0);
	assert_int_equal(store_org_create(f->st, &f->actor, &o, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "credit_code");
	assert_int_equal(org_total(f), 1);
}

static void
test_org_create_many_without_credit_code_allowed(void **state)
{
	struct fx *f = *state;
	struct org a, b;

	fx_seed_regions(f);
	a = fx_org(ORG_OFFICE, "甲安委办", FX_LHASA);
	b = fx_org(ORG_AGENCY, "乙评价机构", FX_LHASA);
	fx_create_org(f, &a);
	fx_create_org(f, &b);
	assert_int_equal(org_total(f), 2);
}

static void
test_org_get_unknown_not_found(void **state)
{
	struct fx *f = *state;
	struct scope s = fx_admin_scope(f);
	struct error e = { 0 };
	struct org o;

	assert_int_equal(store_org_get(f->st, &s, 987654321, &o, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

/* ---- update ---- */

static void
test_org_update_changes_fields_and_reloads_with_new_version(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org o, got;
	int64_t id;

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	id = fx_create_enterprise(f, "旧名称公司", FX_LHASA, fx_industry(f, 0), 4);
	o = fx_get_org(f, id);
	snprintf(o.name, sizeof(o.name), "新名称公司");
	snprintf(o.region_code, sizeof(o.region_code), "%s", FX_CHENGGUAN);
	o.industry_id = fx_industry(f, 1);
	o.status = ORG_CLOSED;
	o.has_coord = 1;
	o.lat = -12.5;
	o.lon = 130.25;
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	assert_int_equal(o.version, 2);
	assert_string_equal(o.region_name, "城关区");

	got = fx_get_org(f, id);
	assert_string_equal(got.name, "新名称公司");
	assert_string_equal(got.region_code, FX_CHENGGUAN);
	assert_int_equal(got.industry_id, fx_industry(f, 1));
	assert_int_equal(got.status, ORG_CLOSED);
	assert_true(got.lat == -12.5 && got.lon == 130.25);
	assert_int_equal(got.version, 2);
}

static void
test_org_update_keeps_its_own_credit_code(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org o;

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	o = fx_get_org(f, fx_create_enterprise(f, "甲公司", FX_LHASA, fx_industry(f, 0), 5));
	snprintf(o.phone, sizeof(o.phone), "0891-1234567");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	assert_int_equal(o.version, 2);
}

static void
test_org_update_stale_version_refused_and_unchanged(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org first, second, got;
	int64_t id;

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	id = fx_create_enterprise(f, "原名公司", FX_LHASA, fx_industry(f, 0), 6);
	first = fx_get_org(f, id);
	second = first;
	snprintf(first.name, sizeof(first.name), "第一次改名");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &first, &e), 0);

	snprintf(second.name, sizeof(second.name), "第二次改名");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &second, &e), -1);
	assert_int_equal(e.code, ERR_STALE);
	got = fx_get_org(f, id);
	assert_string_equal(got.name, "第一次改名");
	assert_int_equal(got.version, 2);
}

static void
test_org_update_credit_code_taken_conflict_and_unchanged(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org b, got;
	char taken[CREDIT_CODE_LEN + 1];

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	fx_create_enterprise(f, "甲公司", FX_LHASA, fx_industry(f, 0), 7);
	fx_credit_code(taken, 7);
	b = fx_get_org(f, fx_create_enterprise(f, "乙公司", FX_LHASA, fx_industry(f, 0), 8));
	snprintf(b.credit_code, sizeof(b.credit_code), "%s", taken);
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &b, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "credit_code");
	got = fx_get_org(f, b.id);
	assert_string_not_equal(got.credit_code, taken);
	assert_int_equal(got.version, 1);
}

static void
test_org_update_unknown_region_invalid_and_unchanged(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org o, got;

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	o = fx_get_org(f, fx_create_enterprise(f, "甲公司", FX_LHASA, fx_industry(f, 0), 9));
	snprintf(o.region_code, sizeof(o.region_code), "540199000000");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "region_code");
	got = fx_get_org(f, o.id);
	assert_string_equal(got.region_code, FX_LHASA);
	assert_int_equal(got.version, 1);
}

static void
test_org_update_unknown_industry_invalid_and_unchanged(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org o, got;
	int64_t ind = fx_industry(f, 0);

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	o = fx_get_org(f, fx_create_enterprise(f, "甲公司", FX_LHASA, ind, 10));
	o.industry_id = 987654321;
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "industry");
	got = fx_get_org(f, o.id);
	assert_int_equal(got.industry_id, ind);
	assert_int_equal(got.version, 1);
}

static void
test_org_update_unknown_id_not_found(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org o;

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	o = fx_org(ORG_OFFICE, "幽灵", FX_LHASA);
	o.id = 987654321;
	o.version = 1;
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(org_total(f), 0);
}

static void
test_org_update_department_replaces_industries(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	int64_t a = fx_industry(f, 0), b = fx_industry(f, 1);
	struct org o, got;

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	o = fx_get_org(f, fx_create_department(f, "拉萨市某局", FX_LHASA, &a, 1));
	o.industries[0] = b;
	o.nindustries = 1;
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	got = fx_get_org(f, o.id);
	assert_int_equal(got.nindustries, 1);
	assert_int_equal(got.industries[0], b);
}

/* ---- list ---- */

/* Three enterprises, a department, an office, an agency; ids in *ids. */
struct small_world {
	int64_t ent_cg_a, ent_cg_b, ent_shigatse_a, dept, office, agency;
	int64_t ind_a, ind_b;
};

static struct small_world
small_world(struct fx *f)
{
	struct small_world w;
	struct org o;

	fx_seed_regions(f);
	w.ind_a = fx_industry(f, 0);
	w.ind_b = fx_industry(f, 1);
	w.ent_cg_a = fx_create_enterprise(f, "城关化工厂", FX_CHENGGUAN, w.ind_a, 100);
	w.ent_cg_b = fx_create_enterprise(f, "城关建筑公司", FX_CHENGGUAN, w.ind_b, 101);
	w.ent_shigatse_a = fx_create_enterprise(f, "日喀则化工厂", FX_SHIGATSE, w.ind_a, 102);
	w.dept = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, &w.ind_a, 1);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	w.office = fx_create_org(f, &o);
	o = fx_org(ORG_AGENCY, "城关安全评价中心", FX_CHENGGUAN);
	w.agency = fx_create_org(f, &o);
	return w;
}

static void
test_org_list_all_in_id_order_with_total(void **state)
{
	struct fx *f = *state;
	struct small_world w = small_world(f);
	struct scope s = fx_admin_scope(f);
	struct org_filter flt = filter_all();
	int64_t total;
	int more;
	struct listed l = list(f, &s, &flt, &total, &more);

	assert_int_equal(l.n, 6);
	assert_int_equal(total, 6);
	assert_int_equal(more, 0);
	for (int i = 1; i < l.n; i++)
		assert_true(l.ids[i - 1] < l.ids[i]);
	assert_int_equal(l.ids[0], w.ent_cg_a);
}

static void
test_org_list_filter_by_kind(void **state)
{
	struct fx *f = *state;
	struct small_world w = small_world(f);
	struct scope s = fx_admin_scope(f);
	struct org_filter flt = filter_all();
	int64_t total;
	struct listed l;

	flt.kind = ORG_ENTERPRISE;
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(l.n, 3);
	assert_int_equal(total, 3);
	assert_false(listed_has(&l, w.dept));
	flt.kind = ORG_AGENCY;
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.ids[0], w.agency);
	flt.kind = ORG_COMMITTEE;
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(l.n, 0);
	assert_int_equal(total, 0);
}

static void
test_org_list_filter_by_industry(void **state)
{
	struct fx *f = *state;
	struct small_world w = small_world(f);
	struct scope s = fx_admin_scope(f);
	struct org_filter flt = filter_all();
	int64_t total;
	struct listed l;

	flt.industry_id = w.ind_a;
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 2);
	assert_true(listed_has(&l, w.ent_cg_a));
	assert_true(listed_has(&l, w.ent_shigatse_a));
	assert_false(listed_has(&l, w.ent_cg_b));
}

static void
test_org_list_filter_by_region_subtree(void **state)
{
	struct fx *f = *state;
	struct small_world w = small_world(f);
	struct scope s = fx_admin_scope(f);
	struct org_filter flt = filter_all();
	int64_t total;
	struct listed l;

	snprintf(flt.region, sizeof(flt.region), "%s", FX_LHASA);
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 5);
	assert_false(listed_has(&l, w.ent_shigatse_a));
	snprintf(flt.region, sizeof(flt.region), "%s", FX_CHENGGUAN);
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 3);
	assert_false(listed_has(&l, w.office));
	snprintf(flt.region, sizeof(flt.region), "%s", FX_SICHUAN);
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 0);
	assert_int_equal(l.n, 0);
}

static void
test_org_list_filter_by_name_substring(void **state)
{
	struct fx *f = *state;
	struct small_world w = small_world(f);
	struct scope s = fx_admin_scope(f);
	struct org_filter flt = filter_all();
	int64_t total;
	struct listed l;

	snprintf(flt.q, sizeof(flt.q), "化工");
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 2);
	assert_true(listed_has(&l, w.ent_cg_a) && listed_has(&l, w.ent_shigatse_a));
	snprintf(flt.q, sizeof(flt.q), "没有这个名字");
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 0);
}

static void
test_org_list_filter_by_exact_credit_code_only(void **state)
{
	struct fx *f = *state;
	struct small_world w = small_world(f);
	struct scope s = fx_admin_scope(f);
	struct org_filter flt = filter_all();
	int64_t total;
	struct listed l;
	char code[CREDIT_CODE_LEN + 1];

	fx_credit_code(code, 101);
	snprintf(flt.q, sizeof(flt.q), "%s", code);
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 1);
	assert_int_equal(l.ids[0], w.ent_cg_b);
	/* a credit code matches whole, not by prefix */
	code[10] = '\0';
	snprintf(flt.q, sizeof(flt.q), "%s", code);
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 0);
}

static void
test_org_list_filters_combine(void **state)
{
	struct fx *f = *state;
	struct small_world w = small_world(f);
	struct scope s = fx_admin_scope(f);
	struct org_filter flt = filter_all();
	int64_t total;
	struct listed l;

	flt.kind = ORG_ENTERPRISE;
	flt.industry_id = w.ind_a;
	snprintf(flt.region, sizeof(flt.region), "%s", FX_LHASA);
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 1);
	assert_int_equal(l.ids[0], w.ent_cg_a);
	snprintf(flt.q, sizeof(flt.q), "建筑");
	l = list(f, &s, &flt, &total, NULL);
	assert_int_equal(total, 0);
}

static void
test_org_list_keyset_pages_cover_all_once(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct org_filter flt = filter_all();
	struct listed page, seen = { .n = 0 };
	int64_t total, created[11];
	int more, pages = 0;

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	for (int i = 0; i < 11; i++) {
		char name[64];

		snprintf(name, sizeof(name), "企业%02d", i);
		created[i] = fx_create_enterprise(f, name, FX_LHASA, fx_industry(f, 0),
						  (unsigned)(200 + i));
	}
	flt.limit = 4;
	do {
		page = list(f, &s, &flt, &total, &more);
		assert_int_equal(total, 11);
		assert_true(page.n <= 4);
		assert_true(page.n > 0);
		for (int i = 0; i < page.n; i++) {
			assert_false(listed_has(&seen, page.ids[i]));
			seen.ids[seen.n++] = page.ids[i];
		}
		flt.after_id = page.ids[page.n - 1];
		pages++;
		assert_int_equal(more, pages < 3);
	} while (more && pages < 10);
	assert_int_equal(pages, 3);
	assert_int_equal(seen.n, 11);
	for (int i = 0; i < 11; i++)
		assert_int_equal(seen.ids[i], created[i]);
}

static void
test_org_list_limit_equal_to_rows_has_no_more(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct org_filter flt = filter_all();
	int64_t total;
	int more;
	struct listed l;

	small_world(f);
	s = fx_admin_scope(f);
	flt.limit = 6;
	l = list(f, &s, &flt, &total, &more);
	assert_int_equal(l.n, 6);
	assert_int_equal(more, 0);
	flt.limit = 5;
	l = list(f, &s, &flt, &total, &more);
	assert_int_equal(l.n, 5);
	assert_int_equal(more, 1);
	assert_int_equal(total, 6);
}

static void
test_org_list_after_last_id_is_empty(void **state)
{
	struct fx *f = *state;
	struct small_world w = small_world(f);
	struct scope s = fx_admin_scope(f);
	struct org_filter flt = filter_all();
	int64_t total;
	int more;
	struct listed l;

	flt.after_id = w.agency;
	l = list(f, &s, &flt, &total, &more);
	assert_int_equal(l.n, 0);
	assert_int_equal(more, 0);
	assert_int_equal(total, 6);
}

static void
test_org_list_total_and_more_may_be_null(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct org_filter flt = filter_all();
	struct listed l = { .n = 0 };
	struct error e = { 0 };

	small_world(f);
	s = fx_admin_scope(f);
	assert_int_equal(store_org_list(f->st, &s, &flt, collect_org, &l, NULL, NULL, &e), 0);
	assert_int_equal(l.n, 6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_org_create_fills_id_version_and_times),
		FX_TEST(test_org_enterprise_round_trip),
		FX_TEST(test_org_without_coordinates_reads_back_without),
		FX_TEST(test_org_department_industries_round_trip),
		FX_TEST(test_org_create_unknown_region_invalid),
		FX_TEST(test_org_create_unknown_industry_invalid),
		FX_TEST(test_org_create_department_unknown_industry_invalid),
		FX_TEST(test_org_create_duplicate_credit_code_conflict),
		FX_TEST(test_org_create_many_without_credit_code_allowed),
		FX_TEST(test_org_get_unknown_not_found),
		FX_TEST(test_org_update_changes_fields_and_reloads_with_new_version),
		FX_TEST(test_org_update_keeps_its_own_credit_code),
		FX_TEST(test_org_update_stale_version_refused_and_unchanged),
		FX_TEST(test_org_update_credit_code_taken_conflict_and_unchanged),
		FX_TEST(test_org_update_unknown_region_invalid_and_unchanged),
		FX_TEST(test_org_update_unknown_industry_invalid_and_unchanged),
		FX_TEST(test_org_update_unknown_id_not_found),
		FX_TEST(test_org_update_department_replaces_industries),
		FX_TEST(test_org_list_all_in_id_order_with_total),
		FX_TEST(test_org_list_filter_by_kind),
		FX_TEST(test_org_list_filter_by_industry),
		FX_TEST(test_org_list_filter_by_region_subtree),
		FX_TEST(test_org_list_filter_by_name_substring),
		FX_TEST(test_org_list_filter_by_exact_credit_code_only),
		FX_TEST(test_org_list_filters_combine),
		FX_TEST(test_org_list_keyset_pages_cover_all_once),
		FX_TEST(test_org_list_limit_equal_to_rows_has_no_more),
		FX_TEST(test_org_list_after_last_id_is_empty),
		FX_TEST(test_org_list_total_and_more_may_be_null),
	};

	return cmocka_run_group_tests_name(fx_group("store orgs"), tests, NULL, NULL);
}
