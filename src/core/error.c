/* error.c — struct error helpers. */
#include <stdio.h>
#include <string.h>

#include "core/error.h"

static const char *const err_names[ERR__MAX] = {
	[ERR_NONE] = "none",
	[ERR_MALFORMED] = "malformed",
	[ERR_UNAUTHORIZED] = "unauthorized",
	[ERR_LOCKED] = "account_locked",
	[ERR_FORBIDDEN] = "forbidden",
	[ERR_NOT_FOUND] = "not_found",
	[ERR_METHOD] = "method_not_allowed",
	[ERR_CONFLICT] = "conflict",
	[ERR_STALE] = "stale_version",
	[ERR_TOO_LARGE] = "too_large",
	[ERR_MEDIA_TYPE] = "unsupported_media_type",
	[ERR_INVALID] = "invalid",
	[ERR_RATE_LIMITED] = "rate_limited",
	[ERR_IO] = "io_error",
	[ERR_STORE] = "store_error",
	[ERR_INTERNAL] = "internal",
};

int
err_set(struct error *e, enum err_code code, const char *field,
	const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->code = code;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	return -1;
}

void
err_clear(struct error *e)
{
	if (e == NULL)
		return;
	e->code = ERR_NONE;
	e->message[0] = '\0';
	e->field[0] = '\0';
}

const char *
err_code_name(enum err_code code)
{
	if ((int)code < 0 || code >= ERR__MAX || err_names[code] == NULL)
		return "internal";
	return err_names[code];
}
