/*
 * assess.h — the assessment (考核) of the orgs responsible for a plan's
 * tasks: weighted indicators per org and period, a score from 0 to 100, a
 * grade band, a veto (一票否优) that caps the grade, and a rank. Pure: the
 * store gathers the facts, this computes; nothing is ever typed in.
 *
 * What a rate with nothing due means: the indicator does not apply to that
 * org in that period (its value is null, AI_NA). Its weight is then shared
 * among the indicators that do apply, in proportion to their weights, so
 * that an org is judged only on what was asked of it. An org to which no
 * indicator applies is not assessed: no total, no grade, no rank.
 *
 * Rounding: an indicator's score is its weight share times its rate, kept
 * unrounded; the total is their sum rounded half up to one decimal, and
 * grades and ranks read the rounded total (what people see is what ranks).
 * Ties share a rank and the next rank skips (1, 2, 2, 4).
 */
#ifndef HN_ASSESS_H
#define HN_ASSESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

enum assess_ind {
	AI_REPORT_ON_TIME,   /* monthly reports filed by their due day / reports due */
	AI_TASK_COMPLETION,  /* tasks done / tasks whose deadline has passed */
	AI_TARGETS,          /* numeric targets met by the values reported / targets due */
	AI_MAJOR_CLOSURE,    /* major hazards closed / major hazards found, in the org's scope */
	AI_HAZARD_OVERDUE,   /* 1 − hazards overdue / hazards live at the period's end */
	AI__MAX
};

enum assess_grade { AG_EXCELLENT, AG_GOOD, AG_PASS, AG_FAIL, AG__MAX };

/* Why a grade was capped (bits of assess_result.vetoed_by). */
enum assess_veto { AV_MAJOR_OVERDUE, AV_TASK_OVERDUE, AV__MAX };

/* Stable names ("report_on_time", "excellent", "major_hazard_overdue") and
 * what people read (按时报送率, 优秀, 存在逾期重大隐患). */
extern const char *const assess_ind_names[AI__MAX];
extern const char *const assess_ind_zh[AI__MAX];
extern const char *const assess_grade_names[AG__MAX];
extern const char *const assess_grade_zh[AG__MAX];
extern const char *const assess_veto_names[AV__MAX];
extern const char *const assess_veto_zh[AV__MAX];

/* A value of an indicator that does not apply. */
#define AI_NA (-1.0)

struct assess_config {
	int weight[AI__MAX];        /* 0–100 each, summing to 100; 0 leaves it out */
	int band[AG_FAIL];          /* lowest total of 优秀, 良好, 合格 (descending) */
	int veto_major_overdue;     /* any overdue major hazard vetoes */
	int veto_task_days;         /* a task overdue by more than this vetoes; 0 off */
	enum assess_grade veto_cap; /* the best grade a vetoed org may get */
};

/* The defaults: 30/30/10/15/15, bands 90/80/60, both vetoes (30 days), cap 良好. */
void assess_config_default(struct assess_config *c);

/*
 * Check a configuration: weights in 0–100 summing to 100 (field "weights"),
 * bands within 0–100 and strictly descending (field "bands"), veto days
 * 0–3650 (field "veto.task_overdue_days"). 0, or -1 with ERR_INVALID.
 */
int assess_config_check(const struct assess_config *c, struct error *e);

/*
 * A period: "2026" (a year), "2026-H1"/"2026-H2" (half-years), "2026-05"
 * (a month) into its first and last days. 0, or -1 when it is none.
 */
int assess_period(const char *s, int32_t *from, int32_t *to);

/* The facts of one org in one period: a rate is num / den. */
struct assess_input {
	int64_t num[AI__MAX], den[AI__MAX];
	int64_t major_overdue;      /* overdue major hazards at the period's end */
	int64_t task_overdue_days;  /* the longest any of its tasks is overdue */
	int64_t late_reports;       /* filed after the due day (for bulletins) */
	int64_t overdue_tasks;      /* not done by their deadline (for bulletins) */
};

/* A numeric target of a task's node, and what was reported against it. */
struct assess_target {
	double value;
	char comparator[12];        /* ">=", "<=", ">", "<", "decrease", "increase" */
	int32_t deadline;           /* 0: the task's */
	int has_actual;
	double actual;              /* the latest value reported */
};

/* One report of a task: its month (first day) and whether it was late. */
struct assess_report {
	int32_t month;
	int late;
};

/* One task of an org, with its reports (any order). */
struct assess_task {
	int32_t created;            /* the day it was published */
	int32_t deadline;           /* 0: none */
	int32_t done_on;            /* the day a report first said 100%; 0 not done */
	int report_day;             /* the plan's; 0 the month's last day */
	const struct assess_report *reports;
	size_t nreports;
	const struct assess_target *targets;
	size_t ntargets;
};

/*
 * Add one task's facts for the period [from, to] as of day as_of (the
 * period's end, or today while it runs) to in: the reports due in the
 * period's months whose due day has come (from the month it was published,
 * until the month after it was done), those filed on time; whether it is
 * done, if its deadline has passed; its targets due and met.
 */
void assess_add_task(struct assess_input *in, const struct assess_task *t, int32_t from,
		     int32_t as_of);

/* Whether actual meets a target of value under comparator. */
int assess_target_met(const char *comparator, double value, double actual);

struct assess_result {
	double value[AI__MAX];      /* rate 0–1, or AI_NA */
	double score[AI__MAX];      /* points earned (0 when AI_NA or weight 0) */
	int assessed;               /* some indicator applies */
	double total;               /* 0–100, one decimal */
	enum assess_grade grade;
	unsigned vetoed_by;         /* bits 1 << enum assess_veto */
	int rank;                   /* 1 = best; 0 when not assessed */
};

/* Score one org's facts under c. */
void assess_score(const struct assess_config *c, const struct assess_input *in,
		  struct assess_result *out);

/* Rank n results by total (competition ranking: ties share, then skip). */
void assess_rank(struct assess_result *const *rs, size_t n);

#endif
