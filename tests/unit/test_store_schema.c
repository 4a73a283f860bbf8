/*
 * test_store_schema.c — store conformance: opening, migrations, the seeded
 * industry taxonomy, industries, pools. Runs on the backend named by
 * HN_STORE (see store_fixture.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "core/date.h"
#include "core/hazard.h"
#include "store_fixture.h"

static int
count_industry(const struct industry *in, void *arg)
{
	(void)in;
	(*(int *)arg)++;
	return 0;
}

static int
industry_count(struct fx *f)
{
	struct error e = { 0 };
	int n = 0;

	assert_int_equal(store_industry_list(f->st, count_industry, &n, &e), 0);
	return n;
}

static void
test_backend_is_the_one_asked_for(void **state)
{
	struct fx *f = *state;

	assert_string_equal(store_backend(f->st), fx_is_pg() ? "postgresql" : "sqlite");
}

static void
test_fresh_store_has_schema_version_zero(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	int version = -1;

	assert_int_equal(store_schema_version(f->st, &version, &e), 0);
	assert_int_equal(version, 0);
}

static void
test_migrate_twice_second_applies_nothing(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	int applied = -1, version = -1, again = -1, version2 = -1;

	assert_int_equal(store_migrate(f->st, &applied, &e), 0);
	assert_true(applied > 0);
	assert_int_equal(store_schema_version(f->st, &version, &e), 0);
	assert_int_equal(version, applied);

	assert_int_equal(store_migrate(f->st, &again, &e), 0);
	assert_int_equal(again, 0);
	assert_int_equal(store_schema_version(f->st, &version2, &e), 0);
	assert_int_equal(version2, version);
}

static void
test_migrate_after_reopen_applies_nothing(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	int applied = -1, version = -1, again = -1, version2 = -1;

	assert_int_equal(store_migrate(f->st, &applied, &e), 0);
	assert_int_equal(store_schema_version(f->st, &version, &e), 0);
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(fx_open(f), 0);
	assert_int_equal(store_migrate(f->st, &again, &e), 0);
	assert_int_equal(again, 0);
	assert_int_equal(store_schema_version(f->st, &version2, &e), 0);
	assert_int_equal(version2, version);
}

static void
test_migrate_seeds_industries_once(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	int n;

	assert_int_equal(store_migrate(f->st, NULL, &e), 0);
	n = industry_count(f);
	assert_true(n > 0);
	assert_int_equal(store_migrate(f->st, NULL, &e), 0);
	assert_int_equal(industry_count(f), n);
}

static int
check_industry(const struct industry *in, void *arg)
{
	(void)arg;
	assert_true(in->id > 0);
	assert_true(in->code[0] != '\0');
	assert_true(in->name[0] != '\0');
	assert_int_equal(in->active, 1);
	return 0;
}

static void
test_seeded_industries_have_code_name_and_are_active(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };

	assert_int_equal(store_industry_list(f->st, check_industry, NULL, &e), 0);
}

static int
stop_at_first(const struct industry *in, void *arg)
{
	(void)in;
	(*(int *)arg)++;
	return 1;
}

static void
test_industry_list_stops_when_callback_says_so(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	int calls = 0;

	store_industry_list(f->st, stop_at_first, &calls, &e);
	assert_int_equal(calls, 1);
}

static void
test_industry_create_get_round_trip(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct industry in = { 0 }, out = { 0 };
	int before = industry_count(f);

	snprintf(in.code, sizeof(in.code), "test_mining");
	snprintf(in.name, sizeof(in.name), "测试矿山");
	in.active = 1;
	assert_int_equal(store_industry_create(f->st, &f->actor, &in, &e), 0);
	assert_true(in.id > 0);
	assert_int_equal(store_industry_get(f->st, in.id, &out, &e), 0);
	assert_int_equal(out.id, in.id);
	assert_string_equal(out.code, "test_mining");
	assert_string_equal(out.name, "测试矿山");
	assert_int_equal(out.active, 1);
	assert_int_equal(industry_count(f), before + 1);
}

static void
test_industry_create_duplicate_code_conflict(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct industry in = { 0 }, dup = { 0 };
	int before;

	snprintf(in.code, sizeof(in.code), "test_a");
	snprintf(in.name, sizeof(in.name), "测试甲");
	assert_int_equal(store_industry_create(f->st, &f->actor, &in, &e), 0);
	before = industry_count(f);
	snprintf(dup.code, sizeof(dup.code), "test_a");
	snprintf(dup.name, sizeof(dup.name), "测试乙");
	assert_int_equal(store_industry_create(f->st, &f->actor, &dup, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "code");
	assert_int_equal(industry_count(f), before);
}

static void
test_industry_create_duplicate_name_conflict(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct industry in = { 0 }, dup = { 0 };
	int before;

	snprintf(in.code, sizeof(in.code), "test_a");
	snprintf(in.name, sizeof(in.name), "测试甲");
	assert_int_equal(store_industry_create(f->st, &f->actor, &in, &e), 0);
	before = industry_count(f);
	snprintf(dup.code, sizeof(dup.code), "test_b");
	snprintf(dup.name, sizeof(dup.name), "测试甲");
	assert_int_equal(store_industry_create(f->st, &f->actor, &dup, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "name");
	assert_int_equal(industry_count(f), before);
}

static void
test_industry_update_changes_name_and_active(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct industry in = { 0 }, out = { 0 };

	in.id = fx_industry(f, 0);
	assert_int_equal(store_industry_get(f->st, in.id, &in, &e), 0);
	snprintf(in.name, sizeof(in.name), "改名后的行业");
	in.active = 0;
	assert_int_equal(store_industry_update(f->st, &f->actor, &in, &e), 0);
	assert_int_equal(store_industry_get(f->st, in.id, &out, &e), 0);
	assert_string_equal(out.name, "改名后的行业");
	assert_int_equal(out.active, 0);
}

static void
test_industry_get_unknown_not_found(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct industry out;

	assert_int_equal(store_industry_get(f->st, 987654321, &out, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

static void
test_industry_update_unknown_not_found(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct industry in = { 0 };

	in.id = 987654321;
	snprintf(in.code, sizeof(in.code), "nope");
	snprintf(in.name, sizeof(in.name), "无");
	assert_int_equal(store_industry_update(f->st, &f->actor, &in, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

static void
test_store_now_is_utc_iso8601(void **state)
{
	char buf[TIME_LEN];

	(void)state;
	store_now(buf, sizeof(buf));
	assert_int_equal(strlen(buf), 20);
	assert_int_equal(buf[4], '-');
	assert_int_equal(buf[10], 'T');
	assert_int_equal(buf[19], 'Z');
}

static void
test_open_unreachable_pg_refused_without_password_in_message(void **state)
{
	struct store_opts o = { 0 };
	struct error e = { 0 };
	struct store *st;

	(void)state;
	/* port 1 on loopback: nothing listens there */
	o.pg_url = "postgresql://hazardnet:s3cr3tpw@127.0.0.1:1/nothing?connect_timeout=5";
	st = store_open(&o, &e);
	assert_null(st);
	assert_int_equal(e.code, ERR_STORE);
	assert_null(strstr(e.message, "s3cr3tpw"));
	assert_non_null(strstr(e.message, "127.0.0.1"));
}

static void
test_open_sqlite_under_a_file_refused(void **state)
{
	struct store_opts o = { 0 };
	struct error e = { 0 };
	char file[FX_PATH_MAX], dir[FX_PATH_MAX + 8];
	FILE *fp;

	(void)state;
	fx_tmpfile(file, sizeof(file), "plain");
	fp = fopen(file, "w");
	assert_non_null(fp);
	fclose(fp);
	snprintf(dir, sizeof(dir), "%s/data", file);
	o.data_dir = dir;
	assert_null(store_open(&o, &e));
	assert_int_not_equal(e.code, ERR_NONE);
	unlink(file);
}

static void
test_pool_stores_share_one_database(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct store_pool *p;
	struct store *a, *b;
	struct region r;
	int64_t n = -1;

	fx_seed_regions(f);
	p = store_pool_new(&f->opts, 2, &e);
	assert_non_null(p);
	a = store_pool_get(p);
	b = store_pool_get(p);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	assert_int_equal(store_region_get(a, FX_LHASA, &r, &e), 0);
	assert_string_equal(r.name, "拉萨市");
	assert_int_equal(store_region_count(b, &n, &e), 0);
	assert_int_equal(n, (int64_t)FX_NREGIONS);
	store_pool_put(p, b);
	store_pool_put(p, a);
	store_pool_free(p);
}

static off_t
file_size(const char *dir, const char *name)
{
	char path[FX_PATH_MAX + 32];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &sb) == 0 ? sb.st_size : 0;
}

/*
 * Batches written through the pool's writer one after another, each
 * flushed with store_write_sync as the group commit does: the WAL starts
 * over from its beginning instead of growing with everything written.
 * Proof: far more new pages went into the database than the WAL file has
 * ever been long. On PostgreSQL the same calls just write.
 */
static void
test_writer_wal_starts_over_under_a_steady_load(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct store_pool *p;
	struct store *w;
	struct scope sc = fx_admin_scope(f);
	struct hazard_actor who = { ROLE_ADMIN, 0 };
	struct hazard *h = calloc(1, sizeof(*h));
	int32_t today = date_shanghai(time(NULL));
	int64_t ent;
	off_t db0, wal_max = 0;

	assert_non_null(h);
	fx_seed_regions(f);
	ent = fx_create_enterprise(f, "持续写入测试有限公司", FX_CHENGGUAN, fx_industry(f, 0), 71);
	p = store_pool_new(&f->opts, 1, &e);
	assert_non_null(p);
	w = store_pool_writer(p);
	db0 = file_size(f->dir, "hazardnet.db");
	for (int batch = 0; batch < 1000; batch++) {
		store_write_lock(w);
		assert_int_equal(store_tx_begin(w, &e), 0);
		for (int i = 0; i < 10; i++) {
			memset(h, 0, sizeof(*h));
			h->enterprise_id = ent;
			snprintf(h->title, sizeof(h->title), "第%d批第%d条：配电箱防护装置缺失", batch, i);
			/* ~3 KB of text a hazard, so that each batch writes pages */
			for (size_t n = 0; n < 3000 && n + 64 < sizeof(h->description);
			     n += strlen(h->description + n))
				snprintf(h->description + n, sizeof(h->description) - n,
					 "现场检查发现配电箱门锁损坏（%04d-%02d）", batch, i);
			date_format(today, h->found_at);
			h->source = HS_INSPECTION;
			if (store_hazard_create(w, &f->actor, &sc, &who, today, h, NULL, &e) != 0)
				fail_msg("create %d/%d: %s", batch, i, e.message);
		}
		assert_int_equal(store_tx_commit(w, &e), 0);
		store_write_unlock(w);
		assert_int_equal(store_write_sync(w, &e), 0);
		if (!fx_is_pg() && file_size(f->dir, "hazardnet.db-wal") > wal_max)
			wal_max = file_size(f->dir, "hazardnet.db-wal");
	}
	store_pool_free(p);
	if (!fx_is_pg()) {
		off_t grown = file_size(f->dir, "hazardnet.db") - db0;

		/* The pool's last close copies the WAL in: every page is there. */
		if (grown < 2 * wal_max)
			fail_msg("the database grew by %lld bytes but the WAL reached %lld",
				 (long long)grown, (long long)wal_max);
	}
	free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST_RAW(test_fresh_store_has_schema_version_zero),
		FX_TEST_RAW(test_migrate_twice_second_applies_nothing),
		FX_TEST_RAW(test_migrate_after_reopen_applies_nothing),
		FX_TEST_RAW(test_migrate_seeds_industries_once),
		FX_TEST(test_backend_is_the_one_asked_for),
		FX_TEST(test_seeded_industries_have_code_name_and_are_active),
		FX_TEST(test_industry_list_stops_when_callback_says_so),
		FX_TEST(test_industry_create_get_round_trip),
		FX_TEST(test_industry_create_duplicate_code_conflict),
		FX_TEST(test_industry_create_duplicate_name_conflict),
		FX_TEST(test_industry_update_changes_name_and_active),
		FX_TEST(test_industry_get_unknown_not_found),
		FX_TEST(test_industry_update_unknown_not_found),
		cmocka_unit_test(test_store_now_is_utc_iso8601),
		cmocka_unit_test(test_open_unreachable_pg_refused_without_password_in_message),
		cmocka_unit_test(test_open_sqlite_under_a_file_refused),
		FX_TEST(test_pool_stores_share_one_database),
		FX_TEST(test_writer_wal_starts_over_under_a_steady_load),
	};

	return cmocka_run_group_tests_name(fx_group("store schema"), tests, NULL, NULL);
}
