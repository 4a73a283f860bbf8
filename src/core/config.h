/*
 * config.h — hazardnet's configuration: defaults, then an INI file, then
 * HAZARDNET_* environment variables, then command-line flags (later wins).
 * The values are plain data; loading from files and the environment lives in
 * cli/config_load.c so that core stays free of I/O.
 */
#ifndef HN_CONFIG_H
#define HN_CONFIG_H

#include <stddef.h>

#include "core/inspect.h"
#include "core/risk.h"

#define CFG_PATH_MAX 1024

enum pw_cost { PW_COST_MIN, PW_COST_INTERACTIVE, PW_COST_MODERATE, PW_COST__MAX };

struct config {
	char data_dir[CFG_PATH_MAX];    /* [store] data = ./hazardnet-data */
	char pg_url[CFG_PATH_MAX];      /* [store] pg = (empty: SQLite) */
	char config_file[CFG_PATH_MAX]; /* where the file values came from */
	char listen[128];               /* [server] listen = 127.0.0.1:8080 */
	char web_root[CFG_PATH_MAX];    /* [server] web_root = (auto) */
	int threads;                    /* [server] threads = 8: requests run at once */
	size_t body_limit;              /* [server] body_limit = 1048576 */
	size_t upload_limit;            /* [server] upload_limit = 10485760 */
	int secure_cookie;              /* [server] secure_cookie = 0 (1: behind HTTPS) */
	int metrics_public;             /* [server] metrics_public = 0 (loopback only) */
	int session_hours;              /* [auth] session_hours = 12 */
	int lockout_failures;           /* [auth] lockout_failures = 5 */
	int lockout_minutes;            /* [auth] lockout_minutes = 15 */
	int login_rate_per_minute;      /* [auth] login_rate_per_minute = 20 */
	enum pw_cost password_cost;     /* [auth] password_cost = interactive */
	int pool_size;                  /* [store] pool = threads + 2 */
	struct risk_bands risk;         /* [risk] lec_red = 320, lec_orange = 160, lec_yellow = 70,
					 * ls_red = 20, ls_orange = 15, ls_yellow = 9 */
	struct inspect_freq inspect;    /* [inspect] red_months = 3, orange_months = 6,
					 * yellow_months = 12, blue_months = 0 (never due:
					 * random draw only); each 0 or a divisor of 12 */
	char risk_report_day[6];        /* [risk] report_day = 12-20: MM-DD the yearly
					 * risk report (风险清单及年度风险分析) is due */
};

/* Fill cfg with the built-in defaults. */
void config_defaults(struct config *cfg);

/*
 * Set one value by its "section.key" name (e.g. "server.listen") from text.
 * Returns 0, or -1 with a message in err (size errlen) for an unknown key or
 * a value that does not parse.
 */
int config_set(struct config *cfg, const char *key, const char *value,
	       char *err, size_t errlen);


/*
 * Check what single keys cannot: the risk bands rise from yellow to red;
 * and that every inspection frequency is 0 or divides 12.
 * 0, or -1 with a message in err.
 */
int config_check(const struct config *cfg, char *err, size_t errlen);

/* The name of the i-th configuration key ("server.listen"), NULL past the end. */
const char *config_key_name(size_t i);
#endif
