/* api_users.c — user administration (admins only, by the route table). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "http/http_int.h"

const struct field user_create_fields[] = {
	{ "login", F_STRING, F_REQUIRED, 1, 63, NULL, 0, "letters, digits, . _ - @", NULL },
	{ "name", F_STRING, F_REQUIRED, 1, 100, NULL, 0, "full name", NULL },
	{ "phone", F_STRING, F_NULLABLE, 0, 31, NULL, 0, "phone", NULL },
	{ "password", F_STRING, F_REQUIRED, 1, AUTH_PASSWORD_MAX, NULL, 0, "at least 8 characters", NULL },
	{ "org_id", F_ID, F_NULLABLE, 0, 0, NULL, 0, "the user's org (all but admins)", NULL },
	{ "role", F_ENUM, F_REQUIRED, 0, 0, role_names, ROLE__MAX, "role", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field user_update_fields[] = {
	{ "name", F_STRING, 0, 1, 100, NULL, 0, "full name", NULL },
	{ "phone", F_STRING, F_NULLABLE, 0, 31, NULL, 0, "phone", NULL },
	{ "password", F_STRING, 0, 1, AUTH_PASSWORD_MAX, NULL, 0, "new password", NULL },
	{ "org_id", F_ID, F_NULLABLE, 0, 0, NULL, 0, "the user's org", NULL },
	{ "role", F_ENUM, 0, 0, 0, role_names, ROLE__MAX, "role", NULL },
	{ "active", F_BOOL, 0, 0, 0, NULL, 0, "may sign in", NULL },
	{ "version", F_INT, F_REQUIRED, 1, 1LL << 53, NULL, 0, "the version you read", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field user_query[] = {
	{ "org", F_ID, 0, 0, 0, NULL, 0, "org id", NULL },
	{ "role", F_ENUM, 0, 0, 0, role_names, ROLE__MAX, "role", NULL },
	{ "q", F_STRING, 0, 0, 100, NULL, 0, "login or name contains", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

/* Which org kinds each role's users belong to. */
static const unsigned role_org_kinds[ROLE__MAX] = {
	[ROLE_ADMIN] = 0x1f,
	[ROLE_OFFICE] = 1u << ORG_OFFICE | 1u << ORG_COMMITTEE,
	[ROLE_REGULATOR] = 1u << ORG_DEPARTMENT,
	[ROLE_INSPECTOR] = 1u << ORG_DEPARTMENT,
	[ROLE_ENTERPRISE] = 1u << ORG_ENTERPRISE,
	[ROLE_LEADER] = 1u << ORG_COMMITTEE | 1u << ORG_OFFICE | 1u << ORG_DEPARTMENT,
};

static int
login_ok(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-@", *s))
			return 0;
	return 1;
}

/* The role fits the org's kind, and non-admins have an org. */
static int
user_check(struct req *r, const struct user *u, struct error *e)
{
	struct org o;
	struct scope all;

	if (u->org_id == 0)
		return u->role == ROLE_ADMIN ? 0
		       : err_set(e, ERR_INVALID, "org_id", "a %s user needs an org", role_names[u->role]);
	store_scope_all(&all);
	if (store_org_get(r->st, &all, u->org_id, &o, e) != 0)
		return e->code == ERR_NOT_FOUND
			   ? err_set(e, ERR_INVALID, "org_id", "unknown org %lld", (long long)u->org_id)
			   : -1;
	if (!(role_org_kinds[u->role] & (1u << o.kind)))
		return err_set(e, ERR_INVALID, "role", "a %s user cannot belong to a %s",
			       role_names[u->role], org_kind_names[o.kind]);
	return 0;
}

int
api_users_create(struct req *r, struct error *e)
{
	struct user u = { 0 };
	const char *pw = in_str(r->json, "password", "");

	in_copy(r->json, "login", u.login, sizeof(u.login));
	if (!login_ok(u.login))
		return err_set(e, ERR_INVALID, "login", "a login has letters, digits and . _ - @ only");
	in_copy(r->json, "name", u.name, sizeof(u.name));
	in_copy(r->json, "phone", u.phone, sizeof(u.phone));
	u.org_id = in_int(r->json, "org_id", 0);
	u.role = (enum role)in_enum(r->json, "role", role_names, ROLE__MAX, ROLE_LEADER);
	u.active = 1;
	if (user_check(r, &u, e) != 0 || auth_password_acceptable(pw, e) != 0 ||
	    auth_password_hash(pw, r->cfg->password_cost, u.pw_hash, e) != 0 ||
	    store_user_create(r->st, &r->actor, &u, e) != 0)
		return -1;
	r->out = json_user(&u);
	r->status = 201;
	return 0;
}

int
api_users_get(struct req *r, struct error *e)
{
	struct user u;

	if (store_user_get(r->st, r->id, &u, e) != 0)
		return -1;
	r->out = json_user(&u);
	return 0;
}

int
api_users_update(struct req *r, struct error *e)
{
	struct user u;
	const char *pw = in_str(r->json, "password", NULL);

	if (store_user_get(r->st, r->id, &u, e) != 0)
		return -1;
	in_copy(r->json, "name", u.name, sizeof(u.name));
	in_copy(r->json, "phone", u.phone, sizeof(u.phone));
	if (in_has(r->json, "org_id"))
		u.org_id = in_int(r->json, "org_id", 0);
	if (in_has(r->json, "role"))
		u.role = (enum role)in_enum(r->json, "role", role_names, ROLE__MAX, u.role);
	if (in_has(r->json, "active"))
		u.active = (int)in_int(r->json, "active", 1);
	if (u.id == r->user.id && (!u.active || u.role != ROLE_ADMIN))
		return err_set(e, ERR_CONFLICT, in_has(r->json, "active") ? "active" : "role",
			       "you cannot disable or demote your own account");
	u.version = in_int(r->json, "version", 0);
	if (pw != NULL) {
		if (auth_password_acceptable(pw, e) != 0 ||
		    auth_password_hash(pw, r->cfg->password_cost, u.pw_hash, e) != 0)
			return -1;
		u.failed_logins = 0;
		u.locked_until[0] = '\0';
	}
	if (user_check(r, &u, e) != 0 || store_user_update(r->st, &r->actor, &u, e) != 0)
		return -1;
	r->out = json_user(&u);
	return 0;
}

struct collect {
	json_t *items;
	int64_t last;
};

static int
add_user(const struct user *u, void *arg)
{
	struct collect *c = arg;

	json_array_append_new(c->items, json_user(u));
	c->last = u->id;
	return 0;
}

int
api_users_list(struct req *r, struct error *e)
{
	struct user_filter f = { .role = -1 };
	struct collect c = { json_array(), 0 };
	const char *v;
	int64_t total = 0;
	int more = 0;

	if (http_page(r, &f.after_id, &f.limit, e) != 0)
		goto out_fail;
	if ((v = http_query(r, "org")) != NULL && (f.org_id = strtoll(v, NULL, 10)) <= 0) {
		err_set(e, ERR_INVALID, "org", "org must be an id");
		goto out_fail;
	}
	if ((v = http_query(r, "role")) != NULL && (f.role = model_lookup(role_names, ROLE__MAX, v)) < 0) {
		err_set(e, ERR_INVALID, "role", "unknown role '%.40s'", v);
		goto out_fail;
	}
	if ((v = http_query(r, "q")) != NULL)
		snprintf(f.q, sizeof(f.q), "%s", v);
	if (store_user_list(r->st, &f, add_user, &c, &total, &more, e) != 0)
		goto out_fail;
	http_list(r, c.items, more, c.last, total);
	return 0;
out_fail:
	json_decref(c.items);
	return -1;
}
