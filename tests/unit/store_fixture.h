/*
 * store_fixture.h — a fresh, empty, migrated store for each conformance test,
 * on the backend named by HN_STORE ("sqlite", the default, or "pg"), plus
 * the small world most tests build on. Header-only: every function is
 * static inline so a test file uses what it needs without warnings.
 *
 * SQLite: a new directory from mkdtemp under $HN_TMP (or /tmp), removed at
 * teardown. PostgreSQL: a new database in the throw-away cluster that
 * tests/run-all.sh started under $HN_TMP/pg, made by
 * `scripts/pg-test.sh newdb`; the cluster goes away with $HN_TMP.
 *
 * Include after <cmocka.h> and its prerequisites.
 */
#ifndef HN_STORE_FIXTURE_H
#define HN_STORE_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/model.h"
#include "store/store.h"

#define FX_PATH_MAX 1024

struct fx {
	struct store *st;
	struct store_opts opts;
	char dir[FX_PATH_MAX];     /* SQLite data directory; "" on PostgreSQL */
	char url[FX_PATH_MAX];     /* PostgreSQL URL; "" on SQLite */
	struct actor actor;        /* who the tests' changes are by */
};

static inline int
fx_is_pg(void)
{
	const char *b = getenv("HN_STORE");

	return b != NULL && (strcmp(b, "pg") == 0 || strcmp(b, "postgresql") == 0);
}

static inline const char *
fx_tmp(void)
{
	const char *t = getenv("HN_TMP");

	return t != NULL && *t != '\0' ? t : "/tmp";
}

/* A database name unique to this process and call. */
static inline void
fx_unique_name(char *buf, size_t len)
{
	static unsigned counter;

	snprintf(buf, len, "hn_%ld_%u", (long)getpid(), counter++);
}

/*
 * A fresh location for a store in f->opts (nothing opened). On PostgreSQL
 * the shell of popen expands HN_ROOT and HN_TMP itself, quoted, so nothing
 * from the environment is pasted into the command text.
 */
static inline int
fx_location(struct fx *f)
{
	memset(f, 0, sizeof(*f));
	f->actor.user_id = 0;
	snprintf(f->actor.login, sizeof(f->actor.login), "conformance");
	if (fx_is_pg()) {
		char name[64], cmd[256];
		FILE *p;
		size_t n;
		int rc;

		fx_unique_name(name, sizeof(name));
		snprintf(cmd, sizeof(cmd),
			 "bash \"${HN_ROOT:-.}/scripts/pg-test.sh\" newdb \"${HN_TMP:-/tmp}/pg\" %s",
			 name);
		if ((p = popen(cmd, "r")) == NULL) {
			fprintf(stderr, "# cannot run pg-test.sh newdb\n");
			return -1;
		}
		if (fgets(f->url, sizeof(f->url), p) == NULL)
			f->url[0] = '\0';
		rc = pclose(p);
		n = strcspn(f->url, "\r\n");
		f->url[n] = '\0';
		if (rc != 0 || n == 0) {
			fprintf(stderr, "# pg-test.sh newdb %s failed (%d)\n", name, rc);
			return -1;
		}
		f->opts.pg_url = f->url;
		return 0;
	}
	snprintf(f->dir, sizeof(f->dir), "%s/store.XXXXXX", fx_tmp());
	if (mkdtemp(f->dir) == NULL) {
		fprintf(stderr, "# cannot create '%s'\n", f->dir);
		return -1;
	}
	f->opts.data_dir = f->dir;
	return 0;
}

static inline int
fx_open(struct fx *f)
{
	struct error e = { 0 };

	f->st = store_open(&f->opts, &e);
	if (f->st == NULL) {
		fprintf(stderr, "# store_open: %s\n", e.message);
		return -1;
	}
	return 0;
}

/* A fresh store, opened but not migrated. */
static inline int
fx_new_raw(struct fx *f)
{
	if (fx_location(f) != 0)
		return -1;
	return fx_open(f);
}

/* A fresh store, opened and migrated. */
static inline int
fx_new(struct fx *f)
{
	struct error e = { 0 };

	if (fx_new_raw(f) != 0)
		return -1;
	if (store_migrate(f->st, NULL, &e) != 0) {
		fprintf(stderr, "# store_migrate: %s\n", e.message);
		return -1;
	}
	return 0;
}

static inline int
fx_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static inline void
fx_free(struct fx *f)
{
	store_close(f->st);
	f->st = NULL;
	if (f->dir[0] != '\0')
		nftw(f->dir, fx_rm_one, 8, FTW_DEPTH | FTW_PHYS);
	f->dir[0] = '\0';
}

/* cmocka setup/teardown: *state is a fresh migrated struct fx. */
static inline int
fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	*state = f;
	return fx_new(f);
}

/* The same, not migrated. */
static inline int
fx_setup_raw(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	*state = f;
	return fx_new_raw(f);
}

static inline int
fx_teardown(void **state)
{
	struct fx *f = *state;

	if (f != NULL) {
		fx_free(f);
		free(f);
	}
	*state = NULL;
	return 0;
}

/* A conformance test on a fresh migrated store, or on an unmigrated one. */
#define FX_TEST(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)
#define FX_TEST_RAW(t) cmocka_unit_test_setup_teardown(t, fx_setup_raw, fx_teardown)

/* The name of a suite run, with the backend: "store orgs (pg)". */
static inline const char *
fx_group(const char *what)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s (%s)", what, fx_is_pg() ? "pg" : "sqlite");
	return buf;
}

/* A file path under the test's temporary directory, unique per call. */
static inline void
fx_tmpfile(char *buf, size_t len, const char *what)
{
	char name[64];

	fx_unique_name(name, sizeof(name));
	snprintf(buf, len, "%s/%s.%s", fx_tmp(), name, what);
}

/* ---- the small world ---- */

#define FX_TIBET     "540000000000"
#define FX_LHASA     "540100000000"
#define FX_CHENGGUAN "540102000000"
#define FX_DUILONG   "540103000000"
#define FX_SHIGATSE  "540200000000"
#define FX_SICHUAN   "510000000000"
#define FX_CHENGDU   "510100000000"

static const struct region fx_regions[] = {
	{ FX_TIBET, "西藏自治区", REGION_PROVINCE, "" },
	{ FX_LHASA, "拉萨市", REGION_CITY, FX_TIBET },
	{ FX_CHENGGUAN, "城关区", REGION_COUNTY, FX_LHASA },
	{ FX_DUILONG, "堆龙德庆区", REGION_COUNTY, FX_LHASA },
	{ FX_SHIGATSE, "日喀则市", REGION_CITY, FX_TIBET },
	{ FX_SICHUAN, "四川省", REGION_PROVINCE, "" },
	{ FX_CHENGDU, "成都市", REGION_CITY, FX_SICHUAN },
};
#define FX_NREGIONS (sizeof(fx_regions) / sizeof(fx_regions[0]))

static inline void
fx_seed_regions(struct fx *f)
{
	struct error e = { 0 };

	if (store_region_import(f->st, &f->actor, fx_regions, FX_NREGIONS, &e) != 0)
		fail_msg("store_region_import: %s", e.message);
}

struct fx_ids {
	int64_t ids[16];
	int n;
};

static inline int
fx_collect_industry(const struct industry *in, void *arg)
{
	struct fx_ids *c = arg;

	if (c->n < (int)(sizeof(c->ids) / sizeof(c->ids[0])))
		c->ids[c->n++] = in->id;
	return 0;
}

/* The id of the i-th seeded industry (by id), failing the test when absent. */
static inline int64_t
fx_industry(struct fx *f, int i)
{
	struct fx_ids c = { .n = 0 };
	struct error e = { 0 };

	if (store_industry_list(f->st, fx_collect_industry, &c, &e) != 0)
		fail_msg("store_industry_list: %s", e.message);
	if (i >= c.n)
		fail_msg("fewer than %d industries seeded", i + 1);
	return c.ids[i];
}

/* A valid GB 32100 credit code, distinct for each n < 100000. */
static inline void
fx_credit_code(char out[CREDIT_CODE_LEN + 1], unsigned n)
{
	snprintf(out, CREDIT_CODE_LEN + 1, "915401000000%05u", n % 100000);
	out[17] = credit_code_check_char(out);
	out[18] = '\0';
}

/* An org of kind in region, named name, ready for store_org_create. */
static inline struct org
fx_org(enum org_kind kind, const char *name, const char *region)
{
	struct org o;

	memset(&o, 0, sizeof(o));
	o.kind = kind;
	snprintf(o.name, sizeof(o.name), "%s", name);
	snprintf(o.region_code, sizeof(o.region_code), "%s", region);
	o.status = ORG_OPERATING;
	return o;
}

static inline int64_t
fx_create_org(struct fx *f, struct org *o)
{
	struct error e = { 0 };

	if (store_org_create(f->st, &f->actor, o, &e) != 0)
		fail_msg("store_org_create '%s': %s (field %s)", o->name, e.message, e.field);
	return o->id;
}

/* An enterprise with a fresh credit code and industry. */
static inline int64_t
fx_create_enterprise(struct fx *f, const char *name, const char *region,
		     int64_t industry, unsigned code_n)
{
	struct org o = fx_org(ORG_ENTERPRISE, name, region);

	fx_credit_code(o.credit_code, code_n);
	o.industry_id = industry;
	o.scale = SCALE_ABOVE;
	return fx_create_org(f, &o);
}

/* A department supervising the n industries given. */
static inline int64_t
fx_create_department(struct fx *f, const char *name, const char *region,
		     const int64_t *industries, int n)
{
	struct org o = fx_org(ORG_DEPARTMENT, name, region);

	for (int i = 0; i < n; i++)
		o.industries[i] = industries[i];
	o.nindustries = n;
	return fx_create_org(f, &o);
}

/* The org id as the admin sees it. */
static inline struct org
fx_get_org(struct fx *f, int64_t id)
{
	struct user admin;
	struct scope s;
	struct org o;
	struct error e = { 0 };

	memset(&admin, 0, sizeof(admin));
	admin.role = ROLE_ADMIN;
	if (scope_for_user(&admin, NULL, &s) != 0)
		fail_msg("no admin scope");
	if (store_org_get(f->st, &s, id, &o, &e) != 0)
		fail_msg("store_org_get %lld: %s", (long long)id, e.message);
	return o;
}

/* The scope of a user of role belonging to org id (0: an admin without one). */
static inline struct scope
fx_scope(struct fx *f, enum role role, int64_t org_id)
{
	struct user u;
	struct org o;
	struct scope s;

	memset(&u, 0, sizeof(u));
	memset(&o, 0, sizeof(o));
	u.id = 1000 + org_id;
	u.role = role;
	u.org_id = org_id;
	if (org_id != 0)
		o = fx_get_org(f, org_id);
	if (scope_for_user(&u, org_id != 0 ? &o : NULL, &s) != 0)
		fail_msg("no scope for role %s of org %lld", role_names[role], (long long)org_id);
	return s;
}

static inline struct scope
fx_admin_scope(struct fx *f)
{
	return fx_scope(f, ROLE_ADMIN, 0);
}

/* An argon2id-shaped hash; the store never checks passwords. */
#define FX_PW_HASH "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo"

static inline int64_t
fx_create_user(struct fx *f, const char *login, enum role role, int64_t org_id)
{
	struct user u;
	struct error e = { 0 };

	memset(&u, 0, sizeof(u));
	snprintf(u.login, sizeof(u.login), "%s", login);
	snprintf(u.name, sizeof(u.name), "用户 %s", login);
	snprintf(u.phone, sizeof(u.phone), "13800000000");
	u.role = role;
	u.org_id = org_id;
	snprintf(u.pw_hash, sizeof(u.pw_hash), "%s", FX_PW_HASH);
	if (store_user_create(f->st, &f->actor, &u, &e) != 0)
		fail_msg("store_user_create '%s': %s (field %s)", login, e.message, e.field);
	return u.id;
}

static inline int
fx_print_problem(const struct audit_problem *p, void *arg)
{
	(void)arg;
	fprintf(stderr, "# audit problem: chain %s seq %lld %s %s: %s\n",
		p->chain ? p->chain : "", (long long)p->seq,
		p->object_type ? p->object_type : "", p->object_id ? p->object_id : "",
		p->what ? p->what : "");
	return 0;
}

/* Events and problems of a full audit check (problems shown on stderr). */
static inline void
fx_audit(struct fx *f, int64_t *events, int64_t *problems)
{
	struct error e = { 0 };

	if (store_audit_verify(f->st, fx_print_problem, NULL, events, problems, &e) != 0)
		fail_msg("store_audit_verify: %s", e.message);
}

static inline void
fx_digest(struct fx *f, char out[65])
{
	struct error e = { 0 };

	if (store_digest(f->st, out, &e) != 0)
		fail_msg("store_digest: %s", e.message);
}

#endif
