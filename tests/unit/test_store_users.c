/*
 * test_store_users.c — store conformance: users, login failure counting and
 * lock-out, sessions, on the backend named by HN_STORE.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store_fixture.h"

/* 64 hex chars, as the SHA-256 of a session token would be. */
#define TOKEN_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define TOKEN_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define FUTURE "2999-01-01T00:00:00Z"
#define PAST "2000-01-01T00:00:00Z"

struct people {
	int64_t office, ent;
	int64_t admin, clerk, boss, guard;
};

static struct people
people(struct fx *f)
{
	struct people p;
	struct org o;

	fx_seed_regions(f);
	o = fx_org(ORG_OFFICE, "拉萨市安委办", FX_LHASA);
	p.office = fx_create_org(f, &o);
	p.ent = fx_create_enterprise(f, "城关化工厂", FX_CHENGGUAN, fx_industry(f, 0), 1);
	p.admin = fx_create_user(f, "root", ROLE_ADMIN, 0);
	p.clerk = fx_create_user(f, "office.clerk", ROLE_OFFICE, p.office);
	p.boss = fx_create_user(f, "office.boss", ROLE_LEADER, p.office);
	p.guard = fx_create_user(f, "ent.guard", ROLE_ENTERPRISE, p.ent);
	return p;
}

static struct user
get_user(struct fx *f, int64_t id)
{
	struct error e = { 0 };
	struct user u;

	if (store_user_get(f->st, id, &u, &e) != 0)
		fail_msg("store_user_get %lld: %s", (long long)id, e.message);
	return u;
}

struct listed {
	int64_t ids[32];
	int n;
};

static int
collect_user(const struct user *u, void *arg)
{
	struct listed *l = arg;

	if (l->n < 32)
		l->ids[l->n++] = u->id;
	return 0;
}

static struct user_filter
filter_all(void)
{
	struct user_filter flt;

	memset(&flt, 0, sizeof(flt));
	flt.role = -1;
	flt.limit = 500;
	return flt;
}

static struct listed
list(struct fx *f, const struct user_filter *flt, int64_t *total, int *more)
{
	struct listed l = { .n = 0 };
	struct error e = { 0 };
	int64_t t = -1;
	int m = -1;

	if (store_user_list(f->st, flt, collect_user, &l, &t, &m, &e) != 0)
		fail_msg("store_user_list: %s", e.message);
	if (total)
		*total = t;
	if (more)
		*more = m;
	return l;
}

static int64_t
user_total(struct fx *f)
{
	struct user_filter flt = filter_all();
	int64_t total;

	list(f, &flt, &total, NULL);
	return total;
}

/* ---- users ---- */

static void
test_user_create_get_round_trip(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct user u = get_user(f, p.clerk);

	assert_int_equal(u.id, p.clerk);
	assert_string_equal(u.login, "office.clerk");
	assert_string_equal(u.name, "用户 office.clerk");
	assert_string_equal(u.phone, "13800000000");
	assert_int_equal(u.role, ROLE_OFFICE);
	assert_int_equal(u.org_id, p.office);
	assert_string_equal(u.org_name, "拉萨市安委办");
	assert_string_equal(u.region_code, FX_LHASA);
	assert_int_equal(u.active, 1);
	assert_int_equal(u.failed_logins, 0);
	assert_string_equal(u.locked_until, "");
	assert_string_equal(u.pw_hash, FX_PW_HASH);
	assert_int_equal(u.version, 1);
	assert_int_equal(strlen(u.created_at), 20);
}

static void
test_user_without_org_reads_back_without(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct user u = get_user(f, p.admin);

	assert_int_equal(u.org_id, 0);
	assert_string_equal(u.org_name, "");
	assert_string_equal(u.region_code, "");
}

static void
test_user_by_login_finds_the_same_user(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;

	assert_int_equal(store_user_by_login(f->st, "ent.guard", &u, &e), 0);
	assert_int_equal(u.id, p.guard);
	assert_int_equal(u.org_id, p.ent);
}

static void
test_user_by_login_unknown_not_found(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct user u;

	people(f);
	assert_int_equal(store_user_by_login(f->st, "nobody", &u, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	/* a login matches whole */
	assert_int_equal(store_user_by_login(f->st, "office", &u, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

static void
test_user_get_unknown_not_found(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct user u;

	assert_int_equal(store_user_get(f->st, 987654321, &u, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

static void
test_user_create_duplicate_login_conflict(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;
	int64_t before = user_total(f);

	memset(&u, 0, sizeof(u));
	snprintf(u.login, sizeof(u.login), "office.clerk");
	snprintf(u.name, sizeof(u.name), "冒名者");
	u.role = ROLE_OFFICE;
	u.org_id = p.office;
	snprintf(u.pw_hash, sizeof(u.pw_hash), "%s", FX_PW_HASH);
	assert_int_equal(store_user_create(f->st, &f->actor, &u, &e), -1);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_string_equal(e.field, "login");
	assert_int_equal(user_total(f), before);
	assert_string_equal(get_user(f, p.clerk).name, "用户 office.clerk");
}

static void
test_user_create_unknown_org_invalid(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct user u;

	people(f);
	memset(&u, 0, sizeof(u));
	snprintf(u.login, sizeof(u.login), "orphan");
	snprintf(u.name, sizeof(u.name), "无单位");
	u.role = ROLE_OFFICE;
	u.org_id = 987654321;
	snprintf(u.pw_hash, sizeof(u.pw_hash), "%s", FX_PW_HASH);
	assert_int_equal(store_user_create(f->st, &f->actor, &u, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "org_id");
	assert_int_equal(store_user_by_login(f->st, "orphan", &u, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

static void
test_user_update_changes_fields_and_version(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u = get_user(f, p.clerk), got;

	snprintf(u.name, sizeof(u.name), "新名字");
	snprintf(u.phone, sizeof(u.phone), "13900000000");
	u.role = ROLE_LEADER;
	u.active = 0;
	snprintf(u.pw_hash, sizeof(u.pw_hash), "$argon2id$v=19$m=65536,t=2,p=1$bmV3$bmV3");
	assert_int_equal(store_user_update(f->st, &f->actor, &u, &e), 0);
	got = get_user(f, p.clerk);
	assert_string_equal(got.name, "新名字");
	assert_string_equal(got.phone, "13900000000");
	assert_int_equal(got.role, ROLE_LEADER);
	assert_int_equal(got.active, 0);
	assert_string_equal(got.pw_hash, "$argon2id$v=19$m=65536,t=2,p=1$bmV3$bmV3");
	assert_int_equal(got.version, 2);
	assert_string_equal(got.login, "office.clerk");
}

static void
test_user_update_moves_to_another_org(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u = get_user(f, p.clerk);

	u.org_id = p.ent;
	u.role = ROLE_ENTERPRISE;
	assert_int_equal(store_user_update(f->st, &f->actor, &u, &e), 0);
	assert_int_equal(get_user(f, p.clerk).org_id, p.ent);
	assert_string_equal(get_user(f, p.clerk).region_code, FX_CHENGGUAN);
}

static void
test_user_update_stale_version_refused_and_unchanged(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user first = get_user(f, p.clerk), second = first, got;

	snprintf(first.name, sizeof(first.name), "第一次");
	assert_int_equal(store_user_update(f->st, &f->actor, &first, &e), 0);
	snprintf(second.name, sizeof(second.name), "第二次");
	assert_int_equal(store_user_update(f->st, &f->actor, &second, &e), -1);
	assert_int_equal(e.code, ERR_STALE);
	got = get_user(f, p.clerk);
	assert_string_equal(got.name, "第一次");
	assert_int_equal(got.version, 2);
}

static void
test_user_update_unknown_org_invalid_and_unchanged(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u = get_user(f, p.clerk), got;

	u.org_id = 987654321;
	assert_int_equal(store_user_update(f->st, &f->actor, &u, &e), -1);
	assert_int_equal(e.code, ERR_INVALID);
	assert_string_equal(e.field, "org_id");
	got = get_user(f, p.clerk);
	assert_int_equal(got.org_id, p.office);
	assert_int_equal(got.version, 1);
}

static void
test_user_update_unknown_id_not_found(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u = get_user(f, p.clerk);

	u.id = 987654321;
	assert_int_equal(store_user_update(f->st, &f->actor, &u, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

static void
test_user_list_all_in_id_order(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct user_filter flt = filter_all();
	int64_t total;
	int more;
	struct listed l = list(f, &flt, &total, &more);

	assert_int_equal(l.n, 4);
	assert_int_equal(total, 4);
	assert_int_equal(more, 0);
	assert_int_equal(l.ids[0], p.admin);
	assert_int_equal(l.ids[3], p.guard);
}

static void
test_user_list_filter_by_org(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct user_filter flt = filter_all();
	int64_t total;
	struct listed l;

	flt.org_id = p.office;
	l = list(f, &flt, &total, NULL);
	assert_int_equal(total, 2);
	assert_int_equal(l.ids[0], p.clerk);
	assert_int_equal(l.ids[1], p.boss);
}

static void
test_user_list_filter_by_role(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct user_filter flt = filter_all();
	int64_t total;
	struct listed l;

	flt.role = ROLE_ENTERPRISE;
	l = list(f, &flt, &total, NULL);
	assert_int_equal(total, 1);
	assert_int_equal(l.ids[0], p.guard);
	flt.role = ROLE_INSPECTOR;
	l = list(f, &flt, &total, NULL);
	assert_int_equal(total, 0);
	assert_int_equal(l.n, 0);
}

static void
test_user_list_filter_by_text_in_login_or_name(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct user_filter flt = filter_all();
	int64_t total;
	struct listed l;

	snprintf(flt.q, sizeof(flt.q), "office.");
	l = list(f, &flt, &total, NULL);
	assert_int_equal(total, 2);
	snprintf(flt.q, sizeof(flt.q), "用户 ent");
	l = list(f, &flt, &total, NULL);
	assert_int_equal(total, 1);
	assert_int_equal(l.ids[0], p.guard);
	snprintf(flt.q, sizeof(flt.q), "nobody");
	l = list(f, &flt, &total, NULL);
	assert_int_equal(total, 0);
}

static void
test_user_list_keyset_pages(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct user_filter flt = filter_all();
	int64_t total;
	int more;
	struct listed l;

	flt.limit = 3;
	l = list(f, &flt, &total, &more);
	assert_int_equal(l.n, 3);
	assert_int_equal(total, 4);
	assert_int_equal(more, 1);
	flt.after_id = l.ids[2];
	l = list(f, &flt, &total, &more);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.ids[0], p.guard);
	assert_int_equal(total, 4);
	assert_int_equal(more, 0);
}

/* ---- login bookkeeping ---- */

static void
test_login_failures_counted_below_max_not_locked(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;
	int locked = -1;

	assert_int_equal(store_user_login_failed(f->st, p.clerk, 3, FUTURE, &locked, &e), 0);
	assert_int_equal(locked, 0);
	assert_int_equal(store_user_login_failed(f->st, p.clerk, 3, FUTURE, &locked, &e), 0);
	assert_int_equal(locked, 0);
	u = get_user(f, p.clerk);
	assert_int_equal(u.failed_logins, 2);
	assert_string_equal(u.locked_until, "");
}

static void
test_login_failures_reaching_max_lock_until_given_time(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;
	int locked = -1;

	for (int i = 0; i < 3; i++)
		assert_int_equal(store_user_login_failed(f->st, p.clerk, 3, FUTURE, &locked, &e), 0);
	assert_int_equal(locked, 1);
	u = get_user(f, p.clerk);
	assert_int_equal(u.failed_logins, 3);
	assert_string_equal(u.locked_until, FUTURE);
	/* other users are untouched */
	assert_int_equal(get_user(f, p.boss).failed_logins, 0);
}

static void
test_login_failures_do_not_bump_version(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user before = get_user(f, p.clerk);
	int locked;

	assert_int_equal(store_user_login_failed(f->st, p.clerk, 5, FUTURE, &locked, &e), 0);
	/* an admin's edit made from the page read before still applies */
	snprintf(before.phone, sizeof(before.phone), "13700000000");
	assert_int_equal(store_user_update(f->st, &f->actor, &before, &e), 0);
}

static void
test_login_ok_clears_failures_and_lock(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;
	int locked;

	for (int i = 0; i < 3; i++)
		store_user_login_failed(f->st, p.clerk, 3, FUTURE, &locked, &e);
	assert_int_equal(store_user_login_ok(f->st, p.clerk, &e), 0);
	u = get_user(f, p.clerk);
	assert_int_equal(u.failed_logins, 0);
	assert_string_equal(u.locked_until, "");
}

static void
test_login_failed_unknown_user_refused(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	int locked = -1;

	people(f);
	assert_int_equal(store_user_login_failed(f->st, 987654321, 3, FUTURE, &locked, &e), -1);
	assert_int_equal(e.code, ERR_NOT_FOUND);
}

/* ---- sessions ---- */

static void
test_session_lookup_gives_its_user(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;

	assert_int_equal(store_session_create(f->st, TOKEN_A, p.guard, FUTURE, &e), 0);
	assert_int_equal(store_session_user(f->st, TOKEN_A, &u, &e), 0);
	assert_int_equal(u.id, p.guard);
	assert_string_equal(u.login, "ent.guard");
	assert_int_equal(u.role, ROLE_ENTERPRISE);
	assert_int_equal(u.org_id, p.ent);
	assert_string_equal(u.region_code, FX_CHENGGUAN);
}

static void
test_session_unknown_token_unauthorized(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;

	assert_int_equal(store_session_create(f->st, TOKEN_A, p.guard, FUTURE, &e), 0);
	assert_int_equal(store_session_user(f->st, TOKEN_B, &u, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
}

static void
test_session_expired_unauthorized(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;

	assert_int_equal(store_session_create(f->st, TOKEN_A, p.guard, PAST, &e), 0);
	assert_int_equal(store_session_user(f->st, TOKEN_A, &u, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
}

static void
test_session_deleted_unauthorized_others_kept(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;

	assert_int_equal(store_session_create(f->st, TOKEN_A, p.guard, FUTURE, &e), 0);
	assert_int_equal(store_session_create(f->st, TOKEN_B, p.guard, FUTURE, &e), 0);
	assert_int_equal(store_session_delete(f->st, TOKEN_A, &e), 0);
	assert_int_equal(store_session_user(f->st, TOKEN_A, &u, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
	assert_int_equal(store_session_user(f->st, TOKEN_B, &u, &e), 0);
	assert_int_equal(u.id, p.guard);
}

static void
test_session_of_deactivated_user_unauthorized(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u, got;

	assert_int_equal(store_session_create(f->st, TOKEN_A, p.guard, FUTURE, &e), 0);
	u = get_user(f, p.guard);
	u.active = 0;
	assert_int_equal(store_user_update(f->st, &f->actor, &u, &e), 0);
	assert_int_equal(store_session_user(f->st, TOKEN_A, &got, &e), -1);
	assert_int_equal(e.code, ERR_UNAUTHORIZED);
}

static void
test_session_for_unknown_user_refused(void **state)
{
	struct fx *f = *state;
	struct error e = { 0 };
	struct user u;

	people(f);
	assert_int_equal(store_session_create(f->st, TOKEN_A, 987654321, FUTURE, &e), -1);
	assert_int_not_equal(e.code, ERR_NONE);
	assert_int_equal(store_session_user(f->st, TOKEN_A, &u, &e), -1);
}

static void
test_session_duplicate_token_refused(void **state)
{
	struct fx *f = *state;
	struct people p = people(f);
	struct error e = { 0 };
	struct user u;

	assert_int_equal(store_session_create(f->st, TOKEN_A, p.guard, FUTURE, &e), 0);
	assert_int_equal(store_session_create(f->st, TOKEN_A, p.clerk, FUTURE, &e), -1);
	assert_int_equal(store_session_user(f->st, TOKEN_A, &u, &e), 0);
	assert_int_equal(u.id, p.guard);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_user_create_get_round_trip),
		FX_TEST(test_user_without_org_reads_back_without),
		FX_TEST(test_user_by_login_finds_the_same_user),
		FX_TEST(test_user_by_login_unknown_not_found),
		FX_TEST(test_user_get_unknown_not_found),
		FX_TEST(test_user_create_duplicate_login_conflict),
		FX_TEST(test_user_create_unknown_org_invalid),
		FX_TEST(test_user_update_changes_fields_and_version),
		FX_TEST(test_user_update_moves_to_another_org),
		FX_TEST(test_user_update_stale_version_refused_and_unchanged),
		FX_TEST(test_user_update_unknown_org_invalid_and_unchanged),
		FX_TEST(test_user_update_unknown_id_not_found),
		FX_TEST(test_user_list_all_in_id_order),
		FX_TEST(test_user_list_filter_by_org),
		FX_TEST(test_user_list_filter_by_role),
		FX_TEST(test_user_list_filter_by_text_in_login_or_name),
		FX_TEST(test_user_list_keyset_pages),
		FX_TEST(test_login_failures_counted_below_max_not_locked),
		FX_TEST(test_login_failures_reaching_max_lock_until_given_time),
		FX_TEST(test_login_failures_do_not_bump_version),
		FX_TEST(test_login_ok_clears_failures_and_lock),
		FX_TEST(test_login_failed_unknown_user_refused),
		FX_TEST(test_session_lookup_gives_its_user),
		FX_TEST(test_session_unknown_token_unauthorized),
		FX_TEST(test_session_expired_unauthorized),
		FX_TEST(test_session_deleted_unauthorized_others_kept),
		FX_TEST(test_session_of_deactivated_user_unauthorized),
		FX_TEST(test_session_for_unknown_user_refused),
		FX_TEST(test_session_duplicate_token_refused),
	};

	return cmocka_run_group_tests_name(fx_group("store users"), tests, NULL, NULL);
}
