/*
 * hazard.h — the hazard (隐患) and its state machine (DESIGN §3.1): a table
 * of (states, event, next state, roles, check) applied by one function.
 * Pure: no I/O. The store persists what hazard_apply decides.
 */
#ifndef HN_HAZARD_H
#define HN_HAZARD_H

#include <stdint.h>

#include "core/date.h"
#include "core/error.h"
#include "core/model.h"

enum hazard_status {
	HZ_OPEN,
	HZ_RECTIFYING,
	HZ_PENDING_ACCEPTANCE,
	HZ_CLOSED,
	HZ_VOID,
	HZ_STATUS__MAX
};

enum hazard_event {
	HE_PLAN,
	HE_FIX_NOW,
	HE_SUBMIT,
	HE_ACCEPT,
	HE_REJECT,
	HE_EXTEND,
	HE_VOID,
	HE_LIST,
	HE_DELIST,
	HE__MAX
};

enum hazard_grade { HG_GENERAL, HG_MAJOR, HG__MAX };
enum hazard_source { HS_SELF_CHECK, HS_INSPECTION, HS_SUPERVISION, HS_TIP_OFF, HS_OTHER, HS__MAX };
enum hazard_category {
	HC_UNSAFE_ACT,        /* 人的不安全行为 */
	HC_UNSAFE_CONDITION,  /* 物的不安全状态 */
	HC_ENVIRONMENT,       /* 环境因素 */
	HC_MANAGEMENT,        /* 管理缺陷 */
	HC__MAX
};
enum listing_level { LIST_NONE, LIST_PROVINCE, LIST_CITY, LIST_COUNTY, LIST__MAX };

extern const char *const hazard_status_names[HZ_STATUS__MAX];
extern const char *const hazard_event_names[HE__MAX];
extern const char *const hazard_grade_names[HG__MAX];
extern const char *const hazard_source_names[HS__MAX];
extern const char *const hazard_category_names[HC__MAX];
extern const char *const listing_level_names[LIST__MAX];   /* "" for none */

#define HZ_TITLE_MAX 384
#define HZ_TEXT_MAX 3072
#define HZ_SHORT_MAX 768

struct hazard {
	int64_t id;
	char code[40];
	int64_t enterprise_id;
	char enterprise_name[NAME_MAX_BYTES];  /* joined, read only */
	char region_code[REGION_CODE_LEN + 1];
	int64_t industry_id;
	char title[HZ_TITLE_MAX];
	char description[HZ_TEXT_MAX];
	char location[HZ_SHORT_MAX];
	enum hazard_category category;
	enum hazard_grade grade;
	char basis[HZ_SHORT_MAX];
	enum hazard_source source;
	char found_at[DATE_LEN];
	int64_t found_by;
	/* the five-point plan (五落实) */
	char responsible[TEXT_SMALL];
	char measures[HZ_TEXT_MAX];
	int has_funds;
	double funds;
	char deadline[DATE_LEN];          /* in force */
	char original_deadline[DATE_LEN]; /* as first planned */
	char contingency[HZ_SHORT_MAX];
	/* progress */
	enum hazard_status status;
	char evidence[HZ_TEXT_MAX];
	int extensions;
	int rejections;
	char closed_on[DATE_LEN];
	int closed_on_time;               /* closed by the deadline in force then */
	/* supervision listing (挂牌督办) */
	enum listing_level listing_level;
	int64_t listing_org;
	char listed_on[DATE_LEN];
	char listing_deadline[DATE_LEN];
	char delisted_on[DATE_LEN];
	int64_t version;
	char created_at[TIME_LEN];
	char updated_at[TIME_LEN];
};

/* What a transition carries beyond its event (validated JSON, borrowed). */
struct hazard_tx {
	enum hazard_event event;
	const char *comment;
	int has_plan;
	const char *responsible, *measures, *deadline, *contingency;
	int has_funds;
	double funds;
	const char *evidence;
	const char *new_deadline;        /* extend */
	const char *reason;              /* reject, extend, void */
	enum listing_level level;        /* list */
	const char *listing_deadline;    /* list */
	int64_t listing_org;             /* list: the caller's org */
};

/* Who acts, as far as the rules care (the store already checked scope). */
struct hazard_actor {
	enum role role;
	int supervises;   /* a regulator/inspector of a department supervising it */
};

/*
 * Check a new hazard before it is stored: grade, source, found date not in
 * the future, and — when a plan is given at once — the plan rules.
 * who may report: enterprise (own), regulator, inspector, admin.
 */
int hazard_check_new(const struct hazard *h, const struct hazard_actor *who, int32_t today,
		     struct error *e);

/*
 * Apply tx to h as of `today` (Asia/Shanghai): find the table row for h's
 * status and the event, check the actor's role and the row's rule, and
 * change h (status, plan, deadlines, counters, listing, closure). On any
 * refusal h is unchanged and e says why: ERR_CONFLICT when the state does not
 * allow the event, ERR_FORBIDDEN when the role may not, ERR_INVALID (with
 * the field) when input is missing or wrong.
 */
int hazard_apply(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
		 int32_t today, struct error *e);

/* Derived, never stored: not closed or void, and today is past the deadline. */
int hazard_overdue(const struct hazard *h, int32_t today);

/* The events `who` could apply to h now (bit i for event i), for the UI. */
unsigned hazard_allowed(const struct hazard *h, const struct hazard_actor *who);

/*
 * A statistics reporting period, "2026-Q3" (季报) or "2026" (年报): its first
 * and last day and its due date — the 15th of the next quarter's first
 * month, or 31 January of the next year (DESIGN §3.1). 0, or -1 when the
 * text is not a period.
 */
int report_period(const char *period, int32_t *from, int32_t *to, int32_t *due);

/* The hazard code "YH-<county>-<year>-<seq>" (buf ≥ 40). */
void hazard_code(const char *region_code, int year, int64_t seq, char *buf, size_t n);

#endif
