/* auth.c — argon2id password hashes and random session tokens. */
#include <pthread.h>
#include <string.h>

#include <sodium.h>

#include "auth/auth.h"

static const struct { unsigned long long ops; size_t mem; } costs[PW_COST__MAX] = {
	[PW_COST_MIN] = { crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN },
	[PW_COST_INTERACTIVE] = { crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE },
	[PW_COST_MODERATE] = { crypto_pwhash_argon2id_OPSLIMIT_MODERATE,
			       crypto_pwhash_argon2id_MEMLIMIT_MODERATE },
};

int
auth_init(struct error *e)
{
	if (sodium_init() < 0)
		return err_set(e, ERR_INTERNAL, NULL, "cannot initialise libsodium");
	return 0;
}

int
auth_password_acceptable(const char *pw, struct error *e)
{
	size_t n = strlen(pw);
	int same = 1;

	if (n < AUTH_PASSWORD_MIN)
		return err_set(e, ERR_INVALID, "password", "password must have at least %d characters",
			       AUTH_PASSWORD_MIN);
	if (n > AUTH_PASSWORD_MAX)
		return err_set(e, ERR_INVALID, "password", "password must have at most %d bytes",
			       AUTH_PASSWORD_MAX);
	for (size_t i = 1; i < n; i++)
		if (pw[i] != pw[0])
			same = 0;
	if (same)
		return err_set(e, ERR_INVALID, "password", "password must not repeat one character");
	return 0;
}

int
auth_password_hash(const char *pw, enum pw_cost cost, char *out, struct error *e)
{
	char h[crypto_pwhash_STRBYTES];

	if ((int)cost < 0 || cost >= PW_COST__MAX)
		cost = PW_COST_INTERACTIVE;
	if (crypto_pwhash_str_alg(h, pw, strlen(pw), costs[cost].ops, costs[cost].mem,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(e, ERR_INTERNAL, NULL, "cannot hash password: out of memory");
	if (strlen(h) >= AUTH_HASH_MAX)
		return err_set(e, ERR_INTERNAL, NULL, "password hash too long");
	memcpy(out, h, strlen(h) + 1);
	sodium_memzero(h, sizeof(h));
	return 0;
}

int
auth_password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || hash[0] == '\0')
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

static pthread_mutex_t dummy_mu = PTHREAD_MUTEX_INITIALIZER;
static char dummy_hash[PW_COST__MAX][AUTH_HASH_MAX];

void
auth_password_burn(const char *pw, enum pw_cost cost)
{
	char h[AUTH_HASH_MAX] = "";

	if ((int)cost < 0 || cost >= PW_COST__MAX)
		return;
	/* One verification, like a known login; the dummy hash is made once. */
	pthread_mutex_lock(&dummy_mu);
	if (dummy_hash[cost][0] == '\0' &&
	    auth_password_hash("hazardnet-no-such-user", cost, dummy_hash[cost], NULL) != 0)
		dummy_hash[cost][0] = '\0';
	memcpy(h, dummy_hash[cost], sizeof(h));
	pthread_mutex_unlock(&dummy_mu);
	if (h[0] != '\0')
		(void)auth_password_verify(h, pw);
}

void
auth_token_new(char token[AUTH_TOKEN_LEN + 1], char hash[65])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(token, AUTH_TOKEN_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	auth_token_hash(token, hash);
}

void
auth_token_hash(const char *token, char hash[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(hash, 65, h, sizeof(h));
}

void
auth_random_password(char *out, size_t n)
{
	static const char alpha[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

	for (size_t i = 0; i + 1 < n; i++)
		out[i] = alpha[randombytes_uniform(sizeof(alpha) - 1)];
	if (n > 0)
		out[n - 1] = '\0';
}
