/* api_session.c — sign in, who am I, sign out. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "http/http_int.h"

const struct field session_fields[] = {
	{ "login", F_STRING, F_REQUIRED, 1, 63, NULL, 0, "login name", NULL },
	{ "password", F_STRING, F_REQUIRED, 1, AUTH_PASSWORD_MAX, NULL, 0, "password", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

static void
time_plus(char *buf, size_t n, long seconds)
{
	time_t t = time(NULL) + seconds;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
api_session_create(struct req *r, struct error *e)
{
	const char *login = in_str(r->json, "login", ""), *pw = in_str(r->json, "password", "");
	struct user u;
	char now[TIME_LEN], until[TIME_LEN], token[AUTH_TOKEN_LEN + 1], hash[65];
	long ttl = (long)r->cfg->session_hours * 3600;
	int locked = 0;

	if (http_login_rate(r->ip, r->cfg->login_rate_per_minute) != 0)
		return err_set(e, ERR_RATE_LIMITED, NULL, "too many sign-in attempts; wait a minute");
	if (store_user_by_login(r->st, login, &u, e) != 0) {
		if (e->code != ERR_NOT_FOUND)
			return -1;
		auth_password_burn(pw, r->cfg->password_cost);
		return err_set(e, ERR_UNAUTHORIZED, "password", "wrong login or password");
	}
	store_now(now, sizeof(now));
	if (u.locked_until[0] != '\0' && strcmp(u.locked_until, now) > 0) {
		snprintf(r->locked_until, sizeof(r->locked_until), "%s", u.locked_until);
		return err_set(e, ERR_LOCKED, "login", "account locked until %s after repeated failures",
			       u.locked_until);
	}
	if (!auth_password_verify(u.pw_hash, pw) || !u.active) {
		if (u.active) {
			time_plus(until, sizeof(until), (long)r->cfg->lockout_minutes * 60);
			if (store_user_login_failed(r->st, u.id, r->cfg->lockout_failures, until,
						    &locked, e) != 0)
				return -1;
			if (locked) {
				snprintf(r->locked_until, sizeof(r->locked_until), "%s", until);
				return err_set(e, ERR_LOCKED, "login",
					       "account locked for %d minutes after repeated failures",
					       r->cfg->lockout_minutes);
			}
		}
		return err_set(e, ERR_UNAUTHORIZED, "password", "wrong login or password");
	}
	auth_token_new(token, hash);
	time_plus(until, sizeof(until), ttl);
	if (store_user_login_ok(r->st, u.id, e) != 0 ||
	    store_session_create(r->st, hash, u.id, until, e) != 0)
		return -1;
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "hn_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s", token, ttl,
		 r->cfg->secure_cookie ? "; Secure" : "");
	r->out = json_pack("{s:s,s:o,s:s}", "token", token, "user", json_user(&u),
			   "expires_at", until);
	memset(token, 0, sizeof(token));
	r->status = 200;
	return 0;
}

int
api_session_get(struct req *r, struct error *e)
{
	json_t *user = json_user(&r->user);

	(void)e;
	r->out = json_pack("{s:o,s:o}", "user", user, "org",
			   r->user.org_id ? json_org_of(r, &r->org) : json_null());
	return 0;
}

int
api_session_delete(struct req *r, struct error *e)
{
	if (store_session_delete(r->st, r->token_hash, e) != 0)
		return -1;
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "hn_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
		 r->cfg->secure_cookie ? "; Secure" : "");
	r->status = 204;
	return 0;
}
