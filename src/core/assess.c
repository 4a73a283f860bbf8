/*
 * assess.c — scoring of the assessment (考核); see assess.h for what a
 * rate with nothing due means and how totals are rounded and ranked.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/assess.h"
#include "core/date.h"

const char *const assess_ind_names[AI__MAX] = {
	[AI_REPORT_ON_TIME] = "report_on_time", [AI_TASK_COMPLETION] = "task_completion",
	[AI_TARGETS] = "target_attainment", [AI_MAJOR_CLOSURE] = "major_closure",
	[AI_HAZARD_OVERDUE] = "hazard_overdue",
};
const char *const assess_ind_zh[AI__MAX] = {
	[AI_REPORT_ON_TIME] = "按时报送率", [AI_TASK_COMPLETION] = "任务完成率",
	[AI_TARGETS] = "目标达成率", [AI_MAJOR_CLOSURE] = "重大隐患整改率",
	[AI_HAZARD_OVERDUE] = "隐患未逾期率",
};
const char *const assess_grade_names[AG__MAX] = {
	[AG_EXCELLENT] = "excellent", [AG_GOOD] = "good", [AG_PASS] = "pass", [AG_FAIL] = "fail",
};
const char *const assess_grade_zh[AG__MAX] = {
	[AG_EXCELLENT] = "优秀", [AG_GOOD] = "良好", [AG_PASS] = "合格", [AG_FAIL] = "不合格",
};
const char *const assess_veto_names[AV__MAX] = {
	[AV_MAJOR_OVERDUE] = "major_hazard_overdue", [AV_TASK_OVERDUE] = "task_overdue",
};
const char *const assess_veto_zh[AV__MAX] = {
	[AV_MAJOR_OVERDUE] = "存在逾期未整改重大隐患", [AV_TASK_OVERDUE] = "任务逾期超过规定天数",
};

void
assess_config_default(struct assess_config *c)
{
	static const int w[AI__MAX] = { 30, 30, 10, 15, 15 };

	memset(c, 0, sizeof(*c));
	memcpy(c->weight, w, sizeof(w));
	c->band[AG_EXCELLENT] = 90;
	c->band[AG_GOOD] = 80;
	c->band[AG_PASS] = 60;
	c->veto_major_overdue = 1;
	c->veto_task_days = 30;
	c->veto_cap = AG_GOOD;
}

int
assess_config_check(const struct assess_config *c, struct error *e)
{
	int sum = 0;

	for (int i = 0; i < AI__MAX; i++) {
		if (c->weight[i] < 0 || c->weight[i] > 100)
			return err_set(e, ERR_INVALID, "weights", "the weight of '%s' must be from 0 to 100",
				       assess_ind_names[i]);
		sum += c->weight[i];
	}
	if (sum != 100)
		return err_set(e, ERR_INVALID, "weights", "the weights add up to %d, not 100", sum);
	for (int g = 0; g < AG_FAIL; g++) {
		if (c->band[g] < 0 || c->band[g] > 100)
			return err_set(e, ERR_INVALID, "bands", "the band of '%s' must be from 0 to 100",
				       assess_grade_names[g]);
		if (g > 0 && c->band[g] >= c->band[g - 1])
			return err_set(e, ERR_INVALID, "bands",
				       "the band of '%s' must be below that of '%s'",
				       assess_grade_names[g], assess_grade_names[g - 1]);
	}
	if (c->veto_task_days < 0 || c->veto_task_days > 3650)
		return err_set(e, ERR_INVALID, "veto.task_overdue_days",
			       "'veto.task_overdue_days' must be from 0 to 3650");
	if (c->veto_cap < AG_EXCELLENT || c->veto_cap >= AG__MAX)
		return err_set(e, ERR_INVALID, "veto.cap", "'veto.cap' is not a grade");
	return 0;
}

int
assess_period(const char *s, int32_t *from, int32_t *to)
{
	int y, m;
	char tail;

	if (s == NULL)
		return -1;
	if (strlen(s) == 4 && sscanf(s, "%4d%c", &y, &tail) == 1 && y >= 2000 && y <= 2100) {
		*from = date_from_ymd(y, 1, 1);
		*to = date_from_ymd(y, 12, 31);
		return 0;
	}
	if (strlen(s) == 7 && s[4] == '-' && s[0] >= '0' && s[0] <= '9') {
		if (sscanf(s, "%4d-H%1d%c", &y, &m, &tail) == 2 && y >= 2000 && y <= 2100 &&
		    (m == 1 || m == 2)) {
			*from = date_from_ymd(y, m == 1 ? 1 : 7, 1);
			*to = m == 1 ? date_from_ymd(y, 6, 30) : date_from_ymd(y, 12, 31);
			return 0;
		}
		if (s[5] >= '0' && s[5] <= '1' && s[6] >= '0' && s[6] <= '9' &&
		    sscanf(s, "%4d-%2d%c", &y, &m, &tail) == 2 && y >= 2000 && y <= 2100 && m >= 1 &&
		    m <= 12) {
			*from = date_from_ymd(y, m, 1);
			*to = date_from_ymd(y, m, date_month_days(y, m));
			return 0;
		}
	}
	return -1;
}

int
assess_target_met(const char *comparator, double value, double actual)
{
	if (strcmp(comparator, "<=") == 0)
		return actual <= value;
	if (strcmp(comparator, "<") == 0)
		return actual < value;
	if (strcmp(comparator, ">") == 0)
		return actual > value;
	/* ">=", and a decrease or increase reported as the percentage achieved */
	return actual >= value;
}

/* The first day of the month after `day`'s. */
static int32_t
next_month(int32_t day)
{
	return date_month_end(day) + 1;
}

void
assess_add_task(struct assess_input *in, const struct assess_task *t, int32_t from,
		int32_t as_of)
{
	int done = t->done_on != 0 && t->done_on <= as_of;
	int y, m, d;

	/* Monthly reports: due from the month of publication until the month
	 * in which the task was reported done. */
	for (int32_t first = from; first <= as_of; first = next_month(first)) {
		int32_t due;
		int filed = 0, late = 0;

		date_to_ymd(first, &y, &m, &d);
		due = date_from_ymd(y, m, t->report_day > 0 && t->report_day <= date_month_days(y, m)
						  ? t->report_day : date_month_days(y, m));
		if (due > as_of || t->created > due || (t->done_on != 0 && t->done_on < first))
			continue;
		for (size_t i = 0; i < t->nreports; i++)
			if (t->reports[i].month == first) {
				filed = 1;
				late = t->reports[i].late;
			}
		in->den[AI_REPORT_ON_TIME]++;
		if (filed && !late)
			in->num[AI_REPORT_ON_TIME]++;
		if (filed && late)
			in->late_reports++;
	}
	/* Completion: tasks whose deadline has come by as_of. */
	if (t->deadline != 0 && t->deadline <= as_of) {
		in->den[AI_TASK_COMPLETION]++;
		if (done)
			in->num[AI_TASK_COMPLETION]++;
	}
	if (t->deadline != 0 && t->deadline < as_of && !done) {
		in->overdue_tasks++;
		if (as_of - t->deadline > in->task_overdue_days)
			in->task_overdue_days = as_of - t->deadline;
	}
	for (size_t i = 0; i < t->ntargets; i++) {
		const struct assess_target *g = &t->targets[i];
		int32_t dl = g->deadline ? g->deadline : t->deadline;

		if (dl == 0 || dl > as_of)
			continue;
		in->den[AI_TARGETS]++;
		if (g->has_actual && assess_target_met(g->comparator, g->value, g->actual))
			in->num[AI_TARGETS]++;
	}
}

/* Round half up to one decimal, on tenths as integers so that 84.95 made
 * of binary fractions does not become 84.9. */
static double
round_tenth(double x)
{
	return floor(x * 10.0 + 0.5 + 1e-9) / 10.0;
}

void
assess_score(const struct assess_config *c, const struct assess_input *in,
	     struct assess_result *out)
{
	int applicable = 0;
	double sum = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < AI__MAX; i++) {
		if (in->den[i] <= 0) {
			out->value[i] = AI_NA;
			continue;
		}
		out->value[i] = (double)in->num[i] / (double)in->den[i];
		if (out->value[i] > 1)
			out->value[i] = 1;
		if (out->value[i] < 0)
			out->value[i] = 0;
		/* "hazard_overdue" counts what went wrong: its rate is what did not */
		if (i == AI_HAZARD_OVERDUE)
			out->value[i] = 1 - out->value[i];
		applicable += c->weight[i];
	}
	out->grade = AG_FAIL;
	if (applicable == 0)
		return;
	out->assessed = 1;
	for (int i = 0; i < AI__MAX; i++) {
		if (out->value[i] == AI_NA || c->weight[i] == 0)
			continue;
		out->score[i] = out->value[i] * c->weight[i] * 100.0 / applicable;
		sum += out->score[i];
	}
	out->total = round_tenth(sum);
	if (out->total > 100)
		out->total = 100;
	for (int g = AG_EXCELLENT; g < AG_FAIL; g++)
		if (out->total + 1e-9 >= c->band[g]) {
			out->grade = (enum assess_grade)g;
			break;
		}
	if (c->veto_major_overdue && in->major_overdue > 0)
		out->vetoed_by |= 1u << AV_MAJOR_OVERDUE;
	if (c->veto_task_days > 0 && in->task_overdue_days > c->veto_task_days)
		out->vetoed_by |= 1u << AV_TASK_OVERDUE;
	if (out->vetoed_by != 0 && out->grade < c->veto_cap)
		out->grade = c->veto_cap;
}

void
assess_rank(struct assess_result *const *rs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int better = 0;
		long long mine = llround(rs[i]->total * 10);

		if (!rs[i]->assessed) {
			rs[i]->rank = 0;
			continue;
		}
		for (size_t j = 0; j < n; j++)
			if (rs[j]->assessed && llround(rs[j]->total * 10) > mine)
				better++;
		rs[i]->rank = better + 1;
	}
}
