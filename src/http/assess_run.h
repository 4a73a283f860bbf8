/*
 * assess_run.h — private to http/: one assessment run of a plan for a
 * period, gathered from the store and scored by core/assess.c. The API's
 * ranking, the half-yearly bulletin (通报) and the monthly statistics table
 * (统计表) all read the same run, so they can never disagree.
 */
#ifndef HN_ASSESS_RUN_H
#define HN_ASSESS_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "core/assess.h"
#include "core/date.h"
#include "store/store.h"

#define RUN_TARGET_TEXT 512

/* A numeric target of a task's node, with what was reported against it. */
struct run_target {
	int index;                      /* in the node's targets */
	char text[RUN_TARGET_TEXT];
	char unit[32];
	char deadline[DATE_LEN];        /* the target's, else the task's; "" none */
	int due, met;                   /* as of the run's day */
	struct assess_target t;
};

enum run_state { RUN_NOT_STARTED, RUN_IN_PROGRESS, RUN_DONE };

struct run_task {
	struct assess_task_row row;
	enum run_state state;           /* as of the run's day */
	int overdue;                    /* deadline passed, not done */
	int overdue_days;
	int reported_month;             /* a report for the run's last month is in */
	int late_month;                 /* … and it was late */
	struct assess_task facts;       /* arrays below are owned */
	struct assess_report *reports;
	struct run_target *targets;
	size_t ntargets;
};

struct run_org {
	int64_t org_id;
	char name[NAME_MAX_BYTES];
	enum org_kind kind;
	char region[REGION_CODE_LEN + 1];
	struct assess_input in;
	struct assess_result res;
	int64_t tasks, done, in_progress, not_started, overdue;
	int64_t month_due, month_filed, month_late;  /* reports of the run's last month */
};

struct assess_run {
	struct plan_rec plan;
	struct assess_config_rec cfg;
	char period[8];
	int32_t from, to, as_of;        /* as_of: the period's end, or today while it runs */
	char dfrom[DATE_LEN], dto[DATE_LEN], das_of[DATE_LEN];
	struct run_task *tasks;         /* by org, then id */
	size_t ntasks;
	struct run_org *orgs;           /* ranked: best first, the not assessed last */
	size_t norgs;
};

/*
 * Assess plan id (which s must see, else ERR_NOT_FOUND) for period
 * ("2026", "2026-H1", "2026-05"; else ERR_INVALID field `field`) as of
 * today. A period that has not begun is ERR_INVALID too. Free out with
 * assess_run_free (also after a failure).
 */
int assess_run(struct store *st, const struct scope *s, int64_t plan_id, const char *period,
	       const char *field, int32_t today, struct assess_run *out, struct error *e);
void assess_run_free(struct assess_run *run);

#endif
