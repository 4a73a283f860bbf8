/*
 * model.h — the domain's plain data: roles, org kinds, regions, orgs, users,
 * and the scope a session sees. No I/O; the store fills these structs and
 * the HTTP layer turns them into JSON. String sizes are byte limits that the
 * input validators enforce before anything reaches the store.
 */
#ifndef HN_MODEL_H
#define HN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define REGION_CODE_LEN 12
#define NAME_MAX_BYTES 384      /* ~120 Chinese characters */
#define TEXT_SMALL 128
#define TIME_LEN 32             /* "2026-11-22T08:52:15Z" */
#define CREDIT_CODE_LEN 18
#define ORG_INDUSTRIES_MAX 32

enum role {
	ROLE_ADMIN,
	ROLE_OFFICE,
	ROLE_REGULATOR,
	ROLE_INSPECTOR,
	ROLE_ENTERPRISE,
	ROLE_LEADER,
	ROLE__MAX
};

enum org_kind {
	ORG_COMMITTEE,
	ORG_OFFICE,
	ORG_DEPARTMENT,
	ORG_ENTERPRISE,
	ORG_AGENCY,
	ORG_KIND__MAX
};

enum org_status { ORG_OPERATING, ORG_SUSPENDED, ORG_CLOSED, ORG_STATUS__MAX };
enum org_scale { SCALE_NONE, SCALE_ABOVE, SCALE_BELOW, SCALE__MAX };
enum region_level {
	REGION_PROVINCE, REGION_CITY, REGION_COUNTY, REGION_TOWN, REGION_VILLAGE,
	REGION_LEVEL__MAX
};

/* Stable names ("admin", "enterprise", "operating", "county", …). */
extern const char *const role_names[ROLE__MAX];
extern const char *const org_kind_names[ORG_KIND__MAX];
extern const char *const org_status_names[ORG_STATUS__MAX];
extern const char *const org_scale_names[SCALE__MAX];   /* "" for NONE */
extern const char *const region_level_names[REGION_LEVEL__MAX];

/* Index of name in a names table of n entries, or -1. */
int model_lookup(const char *const *names, int n, const char *name);

struct region {
	char code[REGION_CODE_LEN + 1];
	char name[TEXT_SMALL];
	enum region_level level;
	char parent[REGION_CODE_LEN + 1];  /* "" for a province */
};

struct industry {
	int64_t id;
	char code[32];
	char name[TEXT_SMALL];
	int active;
};

struct org {
	int64_t id;
	enum org_kind kind;
	char name[NAME_MAX_BYTES];
	char region_code[REGION_CODE_LEN + 1];
	char region_name[TEXT_SMALL];             /* joined, read only */
	char credit_code[CREDIT_CODE_LEN + 1];    /* enterprises; "" otherwise */
	int64_t industry_id;                      /* enterprises; 0 none */
	char industry_name[TEXT_SMALL];           /* joined, read only */
	int64_t industries[ORG_INDUSTRIES_MAX];   /* departments */
	int nindustries;
	enum org_scale scale;
	int major_hazard_level;                   /* 0 none, 1–4 */
	int standard_grade;                       /* 0 none, 1–3 */
	char risk_colour[8];                      /* derived; "" none */
	char last_inspected_on[11];               /* derived: YYYY-MM-DD of the latest
						   * inspection; "" never */
	enum org_status status;
	char address[NAME_MAX_BYTES];
	int has_coord;
	double lat, lon;
	char safety_director[TEXT_SMALL];
	char phone[32];
	int64_t version;
	char created_at[TIME_LEN];
	char updated_at[TIME_LEN];
};

struct user {
	int64_t id;
	char login[64];
	char name[TEXT_SMALL];
	char phone[32];
	enum role role;
	int64_t org_id;
	char org_name[NAME_MAX_BYTES];           /* joined, read only */
	char region_code[REGION_CODE_LEN + 1];   /* the org's, read only */
	int active;
	int failed_logins;
	char locked_until[TIME_LEN];             /* "" when not locked */
	char pw_hash[160];                       /* argon2id string; never output */
	char created_at[TIME_LEN];
	int64_t version;
};

/*
 * What one request may see, decided once from the session (scope_for_user)
 * and applied by the store to every query.
 */
struct scope {
	enum role role;
	int64_t user_id;
	int64_t org_id;        /* the user's org */
	int all;               /* admin: no region restriction */
	char region_lo[REGION_CODE_LEN + 1];  /* inclusive region-code range */
	char region_hi[REGION_CODE_LEN + 1];
	int by_industry;       /* regulator/inspector: enterprises of org_id's industries */
	int own_org_only;      /* enterprise: only org_id */
	int read_only;         /* leader */
};

/* Who did something, for the audit chain. */
struct actor {
	int64_t user_id;       /* 0 for the system or the command line */
	char login[64];
};

/*
 * The significant prefix length of a 12-digit region code: 2 province,
 * 4 city, 6 county, 9 town, 12 village; -1 when code is not 12 digits.
 */
int region_prefix_len(const char *code);

/* The level of a region code by its prefix length; -1 when malformed. */
int region_level_of(const char *code);

/*
 * Fill lo/hi (13 bytes each) with the inclusive code range of code's
 * subtree. Returns 0, or -1 when code is malformed.
 */
int region_range(const char *code, char *lo, char *hi);

/*
 * The scope of a user whose org is org (NULL for an admin without one).
 * Returns 0, or -1 when the combination cannot see anything sensible (a
 * non-admin without an org, or an org with a bad region code).
 */
int scope_for_user(const struct user *u, const struct org *org, struct scope *s);

/* True when GB 32100 accepts code: 18 chars, its alphabet, check character. */
int credit_code_valid(const char *code);

/*
 * Compute the GB 32100 check character for the first 17 characters of code;
 * returns it, or 0 when one of them is outside the alphabet.
 */
char credit_code_check_char(const char *code17);

#endif
