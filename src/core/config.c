/* config.c — configuration keys as a table, with their parsers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/date.h"

enum ckind { CK_STR, CK_INT, CK_SIZE, CK_COST, CK_MONTHS, CK_MONTH_DAY };

struct ckey {
	const char *name;
	enum ckind kind;
	size_t off;
	size_t size;       /* for CK_STR: buffer size */
	long min, max;     /* for CK_INT / CK_SIZE */
};

#define STR(n, f) { n, CK_STR, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0, 0 }
#define INT(n, f, lo, hi) { n, CK_INT, offsetof(struct config, f), 0, lo, hi }
/* Months between inspections: 0 or a divisor of 12. */
#define MONTHS(n, f) { n, CK_MONTHS, offsetof(struct config, f), 0, 0, 12 }
#define MONTH_DAY(n, f) { n, CK_MONTH_DAY, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0, 0 }
#define SIZE(n, f, lo, hi) { n, CK_SIZE, offsetof(struct config, f), 0, lo, hi }

static const struct ckey ckeys[] = {
	STR("store.data", data_dir),
	STR("store.pg", pg_url),
	INT("store.pool", pool_size, 1, 256),
	STR("server.listen", listen),
	STR("server.web_root", web_root),
	INT("server.threads", threads, 1, 256),
	INT("server.secure_cookie", secure_cookie, 0, 1),
	INT("server.metrics_public", metrics_public, 0, 1),
	SIZE("server.body_limit", body_limit, 1024, 64L << 20),
	SIZE("server.upload_limit", upload_limit, 1024, 512L << 20),
	INT("auth.session_hours", session_hours, 1, 24 * 90),
	INT("auth.lockout_failures", lockout_failures, 1, 1000),
	INT("auth.lockout_minutes", lockout_minutes, 1, 24 * 60),
	INT("auth.login_rate_per_minute", login_rate_per_minute, 1, 100000),
	INT("risk.lec_red", risk.lec_red, 1, 100000),
	INT("risk.lec_orange", risk.lec_orange, 1, 100000),
	INT("risk.lec_yellow", risk.lec_yellow, 1, 100000),
	INT("risk.ls_red", risk.ls_red, 1, 25),
	INT("risk.ls_orange", risk.ls_orange, 1, 25),
	INT("risk.ls_yellow", risk.ls_yellow, 1, 25),
	MONTHS("inspect.red_months", inspect.months[RL_MAJOR]),
	MONTHS("inspect.orange_months", inspect.months[RL_LARGER]),
	MONTHS("inspect.yellow_months", inspect.months[RL_GENERAL]),
	MONTHS("inspect.blue_months", inspect.months[RL_LOW]),
	MONTH_DAY("risk.report_day", risk_report_day),
	{ "auth.password_cost", CK_COST, offsetof(struct config, password_cost), 0, 0, 0 },
};

static const char *const cost_names[PW_COST__MAX] = {
	[PW_COST_MIN] = "min",
	[PW_COST_INTERACTIVE] = "interactive",
	[PW_COST_MODERATE] = "moderate",
};

void
config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->data_dir, sizeof(cfg->data_dir), "./hazardnet-data");
	snprintf(cfg->listen, sizeof(cfg->listen), "127.0.0.1:8080");
	cfg->threads = 8;
	cfg->pool_size = 0; /* derived from threads when 0 */
	cfg->body_limit = 1 << 20;
	cfg->upload_limit = 10 << 20;
	cfg->session_hours = 12;
	cfg->lockout_failures = 5;
	cfg->lockout_minutes = 15;
	cfg->login_rate_per_minute = 20;
	cfg->password_cost = PW_COST_INTERACTIVE;
	risk_bands_default(&cfg->risk);
	inspect_freq_default(&cfg->inspect);
	snprintf(cfg->risk_report_day, sizeof(cfg->risk_report_day), "12-20");
}

int
config_check(const struct config *cfg, char *err, size_t errlen)
{
	struct error e;

	if (risk_bands_check(&cfg->risk, &e) != 0) {
		snprintf(err, errlen, "%s", e.message);
		return -1;
	}
	for (int l = 0; l < RL__MAX; l++)
		if (!inspect_months_valid(cfg->inspect.months[l])) {
			snprintf(err, errlen,
				 "'inspect.%s_months' must be 0 or divide 12 (1, 2, 3, 4, 6 or 12), not %d",
				 risk_colour_names[l], cfg->inspect.months[l]);
			return -1;
		}
	return 0;
}

int
config_set(struct config *cfg, const char *key, const char *value,
	   char *err, size_t errlen)
{
	const struct ckey *k = NULL;
	char *end;
	long v;

	for (size_t i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++)
		if (strcmp(ckeys[i].name, key) == 0)
			k = &ckeys[i];
	if (k == NULL) {
		snprintf(err, errlen, "unknown configuration key '%s'", key);
		return -1;
	}
	switch (k->kind) {
	case CK_STR:
		if (strlen(value) >= k->size) {
			snprintf(err, errlen, "value of '%s' is too long", key);
			return -1;
		}
		memcpy((char *)cfg + k->off, value, strlen(value) + 1);
		return 0;
	case CK_INT:
	case CK_SIZE:
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno != 0 || end == value || *end != '\0' || v < k->min || v > k->max) {
			snprintf(err, errlen, "'%s' must be a whole number from %ld to %ld, not '%s'",
				 key, k->min, k->max, value);
			return -1;
		}
		if (k->kind == CK_INT)
			*(int *)((char *)cfg + k->off) = (int)v;
		else
			*(size_t *)((char *)cfg + k->off) = (size_t)v;
		return 0;
	case CK_MONTHS:
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno != 0 || end == value || *end != '\0' || v < 0 || v > 12 ||
		    !inspect_months_valid((int)v)) {
			snprintf(err, errlen,
				 "'%s' must be 0 (random draw only) or divide 12 (1, 2, 3, 4, 6 or 12), "
				 "not '%s'", key, value);
			return -1;
		}
		*(int *)((char *)cfg + k->off) = (int)v;
		return 0;
	case CK_MONTH_DAY: {
		int m, d;

		if (date_month_day_parse(value, &m, &d) != 0) {
			snprintf(err, errlen, "'%s' must be a day of the year as MM-DD (e.g. 12-20), not '%s'",
				 key, value);
			return -1;
		}
		memcpy((char *)cfg + k->off, value, 6);
		return 0;
	}
	case CK_COST:
		for (int c = 0; c < PW_COST__MAX; c++)
			if (strcmp(value, cost_names[c]) == 0) {
				cfg->password_cost = (enum pw_cost)c;
				return 0;
			}
		snprintf(err, errlen, "'%s' must be min, interactive or moderate, not '%s'", key, value);
		return -1;
	}
	return -1;
}

const char *
config_key_name(size_t i)
{
	return i < sizeof(ckeys) / sizeof(ckeys[0]) ? ckeys[i].name : NULL;
}
