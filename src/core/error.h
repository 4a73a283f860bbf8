/*
 * error.h — the one error type of hazardnet.
 *
 * Functions that can fail return 0 (or a valid pointer) on success and -1
 * (or NULL) on failure, filling a caller-provided struct error. The HTTP
 * layer maps codes to statuses through one table (err_status[] in
 * http/server.c).
 */
#ifndef HN_ERROR_H
#define HN_ERROR_H

#include <stdarg.h>

enum err_code {
	ERR_NONE = 0,
	ERR_MALFORMED,   /* 400: not JSON, not UTF-8, bad syntax */
	ERR_UNAUTHORIZED,/* 401: no or bad session, bad credentials */
	ERR_LOCKED,      /* 401: account locked after repeated failures */
	ERR_FORBIDDEN,   /* 403: in scope, but not this role's to do */
	ERR_NOT_FOUND,   /* 404: absent or outside the caller's scope */
	ERR_METHOD,      /* 405 */
	ERR_CONFLICT,    /* 409: the state does not allow it, or a duplicate */
	ERR_STALE,       /* 409: stale version */
	ERR_TOO_LARGE,   /* 413 */
	ERR_MEDIA_TYPE,  /* 415 */
	ERR_INVALID,     /* 422: valid JSON, invalid content */
	ERR_RATE_LIMITED,/* 429 */
	ERR_IO,          /* 500: file system */
	ERR_STORE,       /* 500: database */
	ERR_INTERNAL,    /* 500: a bug */
	ERR__MAX
};

#define ERR_MESSAGE_MAX 256
#define ERR_FIELD_MAX 64

struct error {
	enum err_code code;
	char message[ERR_MESSAGE_MAX];
	char field[ERR_FIELD_MAX];
};

/*
 * Fill e (may be NULL) with code, the field it concerns (may be NULL) and a
 * printf-style message. Always returns -1 so callers can `return err_set()`.
 */
int err_set(struct error *e, enum err_code code, const char *field,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reset e to ERR_NONE with empty message and field. */
void err_clear(struct error *e);

/* The stable machine-readable name of a code ("not_found", "invalid", …). */
const char *err_code_name(enum err_code code);

#endif
