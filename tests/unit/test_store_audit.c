/*
 * test_store_audit.c — store conformance: the audit chain (one event per
 * change, none for a refused one, a clean verify), the digest, and backup
 * and restore round trips, on the backend named by HN_STORE. Tampering with
 * rows behind the store's back needs raw SQL and lives in the CLI suite.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>

#include "store_fixture.h"

static int64_t
events_now(struct fx *f)
{
	int64_t events = -1, problems = -1;

	fx_audit(f, &events, &problems);
	assert_int_equal(problems, 0);
	return events;
}

/* Some of everything: regions, an industry, orgs, users, an update. */
static void
populate(struct fx *f)
{
	struct scope s;
	struct error e = { 0 };
	struct industry in = { 0 };
	struct org o;
	int64_t ind, dept, ent, uid;
	struct user u;
	int locked;

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	snprintf(in.code, sizeof(in.code), "test_pasture");
	snprintf(in.name, sizeof(in.name), "测试牧区");
	assert_int_equal(store_industry_create(f->st, &f->actor, &in, &e), 0);
	ind = fx_industry(f, 0);
	dept = fx_create_department(f, "拉萨市应急管理局", FX_LHASA, &ind, 1);
	ent = fx_create_enterprise(f, "城关化工厂", FX_CHENGGUAN, ind, 1);
	o = fx_get_org(f, ent);
	o.has_coord = 1;
	o.lat = 29.6543219876;
	o.lon = 91.1234567891;
	snprintf(o.address, sizeof(o.address), "城关区 'quoted' \"路\" 1 号");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	fx_create_user(f, "root", ROLE_ADMIN, 0);
	fx_create_user(f, "dept.a", ROLE_REGULATOR, dept);
	uid = fx_create_user(f, "ent.a", ROLE_ENTERPRISE, ent);
	assert_int_equal(store_user_get(f->st, uid, &u, &e), 0);
	snprintf(u.phone, sizeof(u.phone), "13911112222");
	assert_int_equal(store_user_update(f->st, &f->actor, &u, &e), 0);
	assert_int_equal(store_user_login_failed(f->st, uid, 5, "2999-01-01T00:00:00Z",
						 &locked, &e), 0);
	assert_int_equal(store_session_create(f->st,
		"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", uid,
		"2999-01-01T00:00:00Z", &e), 0);
}

/* ---- the chain ---- */

static void
test_audit_fresh_store_verifies_clean(void **state)
{
	struct fx *f = *state;

	assert_true(events_now(f) >= 0);
}

static void
test_audit_one_event_per_change(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org o;
	struct user u;
	int64_t n0, n1, n2, n3, n4, n5;

	n0 = events_now(f);
	fx_seed_regions(f);              /* a batch is one event */
	n1 = events_now(f);
	assert_int_equal(n1, n0 + 1);
	s = fx_admin_scope(f);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	fx_create_org(f, &o);
	n2 = events_now(f);
	assert_int_equal(n2, n1 + 1);
	snprintf(o.phone, sizeof(o.phone), "0891-0000000");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	n3 = events_now(f);
	assert_int_equal(n3, n2 + 1);
	u.id = fx_create_user(f, "clerk", ROLE_OFFICE, o.id);
	n4 = events_now(f);
	assert_int_equal(n4, n3 + 1);
	assert_int_equal(store_user_get(f->st, u.id, &u, &e), 0);
	u.active = 0;
	assert_int_equal(store_user_update(f->st, &f->actor, &u, &e), 0);
	n5 = events_now(f);
	assert_int_equal(n5, n4 + 1);
}

static void
test_audit_refused_changes_leave_no_event(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org o, dup, stale;
	struct user u;
	int64_t before;

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	o = fx_get_org(f, fx_create_enterprise(f, "甲公司", FX_LHASA, fx_industry(f, 0), 1));
	fx_create_user(f, "taken", ROLE_ENTERPRISE, o.id);
	stale = o;
	snprintf(o.name, sizeof(o.name), "甲公司（新）");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	before = events_now(f);

	/* duplicate credit code */
	dup = fx_org(ORG_ENTERPRISE, "乙公司", FX_LHASA);
	snprintf(dup.credit_code, sizeof(dup.credit_code), "%s", o.credit_code);
	dup.industry_id = fx_industry(f, 0);
	assert_int_equal(store_org_create(f->st, &f->actor, &dup, &e), -1);
	/* unknown region */
	dup = fx_org(ORG_OFFICE, "丙", "540199000000");
	assert_int_equal(store_org_create(f->st, &f->actor, &dup, &e), -1);
	/* stale version */
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &stale, &e), -1);
	/* duplicate login */
	memset(&u, 0, sizeof(u));
	snprintf(u.login, sizeof(u.login), "taken");
	snprintf(u.name, sizeof(u.name), "重名");
	u.role = ROLE_ENTERPRISE;
	u.org_id = o.id;
	snprintf(u.pw_hash, sizeof(u.pw_hash), "%s", FX_PW_HASH);
	assert_int_equal(store_user_create(f->st, &f->actor, &u, &e), -1);

	assert_int_equal(events_now(f), before);
}

static void
test_audit_store_usable_after_refused_change(void **state)
{
	struct fx *f = *state;
	struct org dup, ok;
	struct error e = { 0 };
	char code[CREDIT_CODE_LEN + 1];

	/* on PostgreSQL a failed statement aborts its transaction: the next
	 * change must not inherit it */
	fx_seed_regions(f);
	fx_create_enterprise(f, "甲公司", FX_LHASA, fx_industry(f, 0), 1);
	fx_credit_code(code, 1);
	dup = fx_org(ORG_ENTERPRISE, "乙公司", FX_LHASA);
	snprintf(dup.credit_code, sizeof(dup.credit_code), "%s", code);
	dup.industry_id = fx_industry(f, 0);
	assert_int_equal(store_org_create(f->st, &f->actor, &dup, &e), -1);
	ok = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	fx_create_org(f, &ok);
	assert_true(ok.id > 0);
	assert_int_equal(fx_get_org(f, ok.id).id, ok.id);
	events_now(f);
}

static void
test_audit_login_bookkeeping_keeps_user_rows_verifying(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	int64_t uid, problems = -1, events = -1;
	int locked;

	/* failed_logins and locked_until change outside user updates: whether
	 * sign-ins are events is the store's choice, but the user row must
	 * still agree with its last audited snapshot */
	fx_seed_regions(f);
	uid = fx_create_user(f, "root", ROLE_ADMIN, 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_user_login_failed(f->st, uid, 3, "2999-01-01T00:00:00Z",
							 &locked, &e), 0);
	assert_int_equal(locked, 1);
	fx_audit(f, &events, &problems);
	assert_int_equal(problems, 0);
	assert_int_equal(store_user_login_ok(f->st, uid, &e), 0);
	assert_int_equal(store_session_create(f->st,
		"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", uid,
		"2999-01-01T00:00:00Z", &e), 0);
	fx_audit(f, &events, &problems);
	assert_int_equal(problems, 0);
}

static void
test_audit_verify_clean_after_many_changes(void **state)
{
	struct fx *f = *state;
	int64_t events;

	populate(f);
	events = events_now(f);
	assert_true(events >= 10);
}

/* ---- digest ---- */

static void
test_digest_is_64_hex_and_stable(void **state)
{
	struct fx *f = *state;
	char a[65], b[65];

	populate(f);
	fx_digest(f, a);
	fx_digest(f, b);
	assert_int_equal(strlen(a), 64);
	assert_int_equal(strspn(a, "0123456789abcdef"), 64);
	assert_string_equal(a, b);
}

static void
test_digest_changes_when_a_row_changes(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org o;
	char before[65], after[65];

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	fx_create_org(f, &o);
	fx_digest(f, before);
	snprintf(o.phone, sizeof(o.phone), "0891-1");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	fx_digest(f, after);
	assert_string_not_equal(before, after);
}

static void
test_digest_changes_when_a_row_is_added(void **state)
{
	struct fx *f = *state;
	struct region r = { "540104000000", "达孜区", REGION_COUNTY, FX_LHASA };
	struct error e = { 0 };
	char before[65], after[65];

	fx_seed_regions(f);
	fx_digest(f, before);
	assert_int_equal(store_region_import(f->st, &f->actor, &r, 1, &e), 0);
	fx_digest(f, after);
	assert_string_not_equal(before, after);
}

static void
test_digest_unchanged_by_refused_change(void **state)
{
	struct fx *f = *state;
	struct scope s;
	struct error e = { 0 };
	struct org o, stale;
	char before[65], after[65];

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	fx_create_org(f, &o);
	stale = o;
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	fx_digest(f, before);
	snprintf(stale.name, sizeof(stale.name), "不该写入");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &stale, &e), -1);
	assert_int_equal(e.code, ERR_STALE);
	fx_digest(f, after);
	assert_string_equal(before, after);
}

/* ---- backup and restore ---- */

/* Back f up, restore into to (a fresh location; migrated when migrate_first)
 * and check the copy says the same. */
static void
round_trip(struct fx *f, int migrate_first)
{
	struct fx to;
	struct error e = { 0 };
	char path[FX_PATH_MAX], before[65], after[65];
	int64_t events = events_now(f), events2 = -1, problems2 = -1;
	int version = -1, version2 = -1, applied = -1;

	fx_digest(f, before);
	assert_int_equal(store_schema_version(f->st, &version, &e), 0);
	fx_tmpfile(path, sizeof(path), "backup");
	if (store_backup(f->st, path, &e) != 0)
		fail_msg("store_backup: %s", e.message);

	assert_int_equal(migrate_first ? fx_new(&to) : fx_location(&to), 0);
	store_close(to.st);
	to.st = NULL;
	if (store_restore(&to.opts, path, &e) != 0)
		fail_msg("store_restore: %s", e.message);
	assert_int_equal(fx_open(&to), 0);
	fx_digest(&to, after);
	assert_string_equal(before, after);
	fx_audit(&to, &events2, &problems2);
	assert_int_equal(problems2, 0);
	assert_int_equal(events2, events);
	assert_int_equal(store_schema_version(to.st, &version2, &e), 0);
	assert_int_equal(version2, version);
	assert_int_equal(store_migrate(to.st, &applied, &e), 0);
	assert_int_equal(applied, 0);

	fx_free(&to);
	unlink(path);
}

static void
test_backup_restore_round_trip_into_migrated_store(void **state)
{
	struct fx *f = *state;

	populate(f);
	round_trip(f, 1);
}

static void
test_backup_restore_round_trip_into_empty_database(void **state)
{
	struct fx *f = *state;

	populate(f);
	round_trip(f, 0);
}

static void
test_backup_restore_round_trip_of_fresh_store(void **state)
{
	round_trip(*state, 1);
}

static void
test_restored_store_accepts_changes_with_clean_chain(void **state)
{
	struct fx *f = *state;
	struct fx to;
	struct error e = { 0 };
	struct org o;
	char path[FX_PATH_MAX];
	int64_t events;

	populate(f);
	fx_tmpfile(path, sizeof(path), "backup");
	assert_int_equal(store_backup(f->st, path, &e), 0);
	assert_int_equal(fx_location(&to), 0);
	assert_int_equal(store_restore(&to.opts, path, &e), 0);
	assert_int_equal(fx_open(&to), 0);
	events = events_now(&to);
	/* ids continue after the restored rows, on both backends */
	o = fx_org(ORG_AGENCY, "恢复后新建的机构", FX_LHASA);
	fx_create_org(&to, &o);
	assert_int_equal(events_now(&to), events + 1);
	assert_int_equal(fx_get_org(&to, o.id).id, o.id);
	fx_free(&to);
	unlink(path);
}

static void
test_backup_taken_before_a_change_does_not_contain_it(void **state)
{
	struct fx *f = *state;
	struct fx to;
	struct error e = { 0 };
	struct scope s;
	struct org o;
	char path[FX_PATH_MAX], before[65], later[65], restored[65];

	fx_seed_regions(f);
	s = fx_admin_scope(f);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	fx_create_org(f, &o);
	fx_digest(f, before);
	fx_tmpfile(path, sizeof(path), "backup");
	assert_int_equal(store_backup(f->st, path, &e), 0);
	snprintf(o.phone, sizeof(o.phone), "0891-2");
	assert_int_equal(store_org_update(f->st, &f->actor, &s, &o, &e), 0);
	fx_digest(f, later);
	assert_int_equal(fx_location(&to), 0);
	assert_int_equal(store_restore(&to.opts, path, &e), 0);
	assert_int_equal(fx_open(&to), 0);
	fx_digest(&to, restored);
	assert_string_equal(restored, before);
	assert_string_not_equal(restored, later);
	fx_free(&to);
	unlink(path);
}

static void
test_restore_missing_file_io_error(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	char path[FX_PATH_MAX], before[65], after[65];

	populate(f);
	fx_digest(f, before);
	fx_tmpfile(path, sizeof(path), "missing");
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_restore(&f->opts, path, &e), -1);
	assert_int_equal(e.code, ERR_IO);
	assert_string_equal(e.field, "file");
	assert_int_equal(fx_open(f), 0);
	fx_digest(f, after);
	assert_string_equal(before, after);
}

static void
test_restore_from_a_file_that_is_not_a_backup_refused(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	char path[FX_PATH_MAX], before[65], after[65];
	FILE *fp;

	populate(f);
	fx_digest(f, before);
	fx_tmpfile(path, sizeof(path), "junk");
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("this is not a backup of anything\n", fp);
	fclose(fp);
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_restore(&f->opts, path, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "file");
	assert_int_equal(fx_open(f), 0);
	fx_digest(f, after);
	assert_string_equal(before, after);
	unlink(path);
}

static void
test_backup_to_unwritable_path_refused(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	char path[FX_PATH_MAX];

	snprintf(path, sizeof(path), "%s/no-such-dir/backup", fx_tmp());
	assert_int_equal(store_backup(f->st, path, &e), -1);
	assert_int_not_equal(e.code, ERR_NONE);
	assert_int_equal(access(path, F_OK), -1);
	/* the store is still usable */
	fx_seed_regions(f);
}

/* ---- concurrent writers ---- */

#define WRITERS 4
#define WRITES 15

struct writer {
	struct store_pool *pool;
	const struct actor *actor;
	int n;                   /* which writer */
	int64_t industry;
	int failed;
	struct error e;
};

static void *
write_orgs(void *arg)
{
	struct writer *w = arg;
	struct store *st = store_pool_get(w->pool);

	for (int i = 0; i < WRITES && !w->failed; i++) {
		/* two writers on Tibet's chain, two on Sichuan's */
		struct org o = fx_org(ORG_ENTERPRISE, "并发企业",
				      w->n % 2 ? FX_LHASA : FX_CHENGDU);

		fx_credit_code(o.credit_code, (unsigned)(1000 + w->n * 100 + i));
		o.industry_id = w->industry;
		if (store_org_create(st, w->actor, &o, &w->e) != 0)
			w->failed = 1;
	}
	store_pool_put(w->pool, st);
	return NULL;
}

static int
ignore_org(const struct org *o, void *arg)
{
	(void)o;
	(void)arg;
	return 0;
}

static void
test_audit_concurrent_writers_keep_every_chain_intact(void **state)
{
	struct fx *f = *state;
	struct writer w[WRITERS];
	pthread_t th[WRITERS];
	struct error e = { 0 };
	struct store_pool *pool;
	struct scope s;
	struct org_filter flt;
	int64_t before, events = -1, problems = -1, total = -1;

	fx_seed_regions(f);
	before = events_now(f);
	pool = store_pool_new(&f->opts, WRITERS, &e);
	assert_non_null(pool);
	for (int i = 0; i < WRITERS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].pool = pool;
		w[i].actor = &f->actor;
		w[i].n = i;
		w[i].industry = fx_industry(f, 0);
		assert_int_equal(pthread_create(&th[i], NULL, write_orgs, &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++)
		pthread_join(th[i], NULL);
	store_pool_free(pool);
	for (int i = 0; i < WRITERS; i++)
		if (w[i].failed)
			fail_msg("writer %d: %s", i, w[i].e.message);

	fx_audit(f, &events, &problems);
	assert_int_equal(problems, 0);
	assert_int_equal(events, before + WRITERS * WRITES);
	s = fx_admin_scope(f);
	memset(&flt, 0, sizeof(flt));
	flt.kind = -1;
	flt.limit = 1;
	assert_int_equal(store_org_list(f->st, &s, &flt, ignore_org, NULL, &total, NULL, &e), 0);
	assert_int_equal(total, WRITERS * WRITES);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_audit_fresh_store_verifies_clean),
		FX_TEST(test_audit_one_event_per_change),
		FX_TEST(test_audit_refused_changes_leave_no_event),
		FX_TEST(test_audit_store_usable_after_refused_change),
		FX_TEST(test_audit_login_bookkeeping_keeps_user_rows_verifying),
		FX_TEST(test_audit_verify_clean_after_many_changes),
		FX_TEST(test_digest_is_64_hex_and_stable),
		FX_TEST(test_digest_changes_when_a_row_changes),
		FX_TEST(test_digest_changes_when_a_row_is_added),
		FX_TEST(test_digest_unchanged_by_refused_change),
		FX_TEST(test_backup_restore_round_trip_into_migrated_store),
		FX_TEST(test_backup_restore_round_trip_into_empty_database),
		FX_TEST(test_backup_restore_round_trip_of_fresh_store),
		FX_TEST(test_restored_store_accepts_changes_with_clean_chain),
		FX_TEST(test_backup_taken_before_a_change_does_not_contain_it),
		FX_TEST(test_restore_missing_file_io_error),
		FX_TEST(test_restore_from_a_file_that_is_not_a_backup_refused),
		FX_TEST(test_backup_to_unwritable_path_refused),
		FX_TEST(test_audit_concurrent_writers_keep_every_chain_intact),
	};

	return cmocka_run_group_tests_name(fx_group("store audit"), tests, NULL, NULL);
}
