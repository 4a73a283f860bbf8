/*
 * auth.h — passwords (argon2id through libsodium) and session tokens.
 */
#ifndef HN_AUTH_H
#define HN_AUTH_H

#include <stddef.h>

#include "core/config.h"
#include "core/error.h"

#define AUTH_HASH_MAX 160
#define AUTH_TOKEN_LEN 43     /* 32 random bytes, base64url without padding */
#define AUTH_PASSWORD_MIN 8
#define AUTH_PASSWORD_MAX 256

/* Initialise libsodium once; 0 or -1. */
int auth_init(struct error *e);

/*
 * Check a new password's length (in bytes, AUTH_PASSWORD_MIN–MAX) and that
 * it is not all one character; ERR_INVALID field "password" otherwise.
 */
int auth_password_acceptable(const char *pw, struct error *e);

/* Hash pw with argon2id at the configured cost into out (AUTH_HASH_MAX). */
int auth_password_hash(const char *pw, enum pw_cost cost, char *out, struct error *e);

/* True when pw matches the stored hash (constant time in libsodium). */
int auth_password_verify(const char *hash, const char *pw);

/*
 * Verify against a hash nobody has, so that an unknown login costs the
 * same time as a wrong password.
 */
void auth_password_burn(const char *pw, enum pw_cost cost);

/* A fresh random token (AUTH_TOKEN_LEN + 1 bytes) and its SHA-256 hex. */
void auth_token_new(char token[AUTH_TOKEN_LEN + 1], char hash[65]);

/* The SHA-256 hex of a presented token, for lookup. */
void auth_token_hash(const char *token, char hash[65]);

/* A random password of n characters from an unambiguous alphabet. */
void auth_random_password(char *out, size_t n);

#endif
