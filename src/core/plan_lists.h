/*
 * plan_lists.h — the campaign's two lists (两个清单) and its notices: the
 * problems and hazards an org finds while carrying out a plan, the rules,
 * standards and mechanisms (制度措施) it makes, and the supervision records
 * (督办, 通报, 约谈, 曝光, 表扬) the office aims at orgs. Pure data and rules:
 * the state tables, the checks of an entry, the human-readable notice code.
 */
#ifndef HN_PLAN_LISTS_H
#define HN_PLAN_LISTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/error.h"
#include "core/hazard.h"
#include "core/model.h"

enum problem_status { PROB_OPEN, PROB_RECTIFYING, PROB_CLOSED, PROB_STATUS__MAX };
enum plan_measure_kind { MEAS_RULE, MEAS_STANDARD, MEAS_MECHANISM, MEAS_KIND__MAX };
enum measure_status { MEAS_PLANNED, MEAS_DRAFTING, MEAS_ISSUED, MEAS_STATUS__MAX };
enum notice_kind {
	NOTICE_SUPERVISE,   /* 督办: the targets reply by due_on */
	NOTICE_BULLETIN,    /* 通报 */
	NOTICE_INTERVIEW,   /* 约谈 */
	NOTICE_EXPOSE,      /* 曝光 */
	NOTICE_PRAISE,      /* 表扬 */
	NOTICE_KIND__MAX
};

/* Stable names ("open", "rule", "issued", "supervise", …). */
extern const char *const problem_status_names[PROB_STATUS__MAX];
extern const char *const plan_measure_kind_names[MEAS_KIND__MAX];
extern const char *const measure_status_names[MEAS_STATUS__MAX];
extern const char *const notice_kind_names[NOTICE_KIND__MAX];
/* The word a notice's code starts with: 督办, 通报, 约谈, 曝光, 表扬. */
extern const char *const notice_kind_words[NOTICE_KIND__MAX];

#define LIST_TEXT_MAX HZ_TEXT_MAX
#define LIST_TITLE_MAX HZ_TITLE_MAX
#define NOTICE_TARGETS_MAX 100
#define NOTICE_CITES_MAX 50
#define NOTICE_CODE_MAX 64

/*
 * One entry of the problems list: either a link to a hazard of the hazard
 * network (hazard_id, whose own record carries the details and the status)
 * or a free-standing problem with its rectification.
 */
struct plan_problem {
	int64_t id, plan_id, org_id;
	char org_name[NAME_MAX_BYTES];          /* joined, read only */
	char region_code[REGION_CODE_LEN + 1];  /* the org's */
	int64_t task_id;                        /* 0: none cited */
	int64_t hazard_id;                      /* 0: free-standing */
	char hazard_code[40];                   /* joined, read only */
	char hazard_title[HZ_TITLE_MAX];        /* joined, read only */
	int hazard_status;                      /* joined, read only; -1 none */
	char description[LIST_TEXT_MAX];
	char found_on[DATE_LEN];
	char measures[LIST_TEXT_MAX];           /* the rectification measure */
	char responsible[TEXT_SMALL];
	char deadline[DATE_LEN];
	enum problem_status status;
	char closed_on[DATE_LEN];
	int64_t version;
	char created_at[TIME_LEN], updated_at[TIME_LEN];
};

/* One entry of the measures list (制度措施). */
struct plan_measure {
	int64_t id, plan_id, org_id;
	char org_name[NAME_MAX_BYTES];
	char region_code[REGION_CODE_LEN + 1];
	int64_t task_id;
	enum plan_measure_kind kind;
	char title[LIST_TITLE_MAX];
	char description[LIST_TEXT_MAX];
	enum measure_status status;
	char doc_number[TEXT_SMALL];            /* 文号 of the issuing document */
	char issued_on[DATE_LEN];
	int64_t version;
	char created_at[TIME_LEN], updated_at[TIME_LEN];
};

/*
 * Check a problem as it would stand (new) against what it was (old, NULL on
 * creation) as of today: the fields a free-standing problem needs, the
 * dates' order, closed_on exactly when closed, and the move of its status
 * (forward only: open → rectifying → closed, or open → closed). A linked
 * hazard's entry has no status of its own. Returns 0, or -1 with ERR_INVALID
 * (a field) or ERR_CONFLICT (a closed entry, a move backwards).
 */
int problem_check(const struct plan_problem *old, const struct plan_problem *new_,
		  int32_t today, struct error *e);

/*
 * The same for a measure: a title, status planned → drafting → issued
 * (forward only), and issued needs its document: doc_number and issued_on,
 * not after today. An issued measure is final (ERR_CONFLICT).
 */
int measure_check(const struct plan_measure *old, const struct plan_measure *new_,
		  int32_t today, struct error *e);

/* The status a linked hazard's entry shows: open, rectifying or closed. */
enum problem_status problem_status_of_hazard(int hazard_status);

/*
 * The code of the seq-th notice of kind an org issued in year, e.g.
 * "督办〔2026〕3号", into out (n bytes, NOTICE_CODE_MAX is enough).
 */
void notice_code(enum notice_kind kind, int year, int64_t seq, char *out, size_t n);

#endif
