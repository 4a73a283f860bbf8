/* plan_lists.c — the rules of the two lists and the codes of notices. */
#include <stdio.h>
#include <string.h>

#include "core/plan_lists.h"

const char *const problem_status_names[PROB_STATUS__MAX] = {
	[PROB_OPEN] = "open", [PROB_RECTIFYING] = "rectifying", [PROB_CLOSED] = "closed",
};
const char *const plan_measure_kind_names[MEAS_KIND__MAX] = {
	[MEAS_RULE] = "rule", [MEAS_STANDARD] = "standard", [MEAS_MECHANISM] = "mechanism",
};
const char *const measure_status_names[MEAS_STATUS__MAX] = {
	[MEAS_PLANNED] = "planned", [MEAS_DRAFTING] = "drafting", [MEAS_ISSUED] = "issued",
};
const char *const notice_kind_names[NOTICE_KIND__MAX] = {
	[NOTICE_SUPERVISE] = "supervise", [NOTICE_BULLETIN] = "bulletin",
	[NOTICE_INTERVIEW] = "interview", [NOTICE_EXPOSE] = "expose", [NOTICE_PRAISE] = "praise",
};
const char *const notice_kind_words[NOTICE_KIND__MAX] = {
	[NOTICE_SUPERVISE] = "督办", [NOTICE_BULLETIN] = "通报", [NOTICE_INTERVIEW] = "约谈",
	[NOTICE_EXPOSE] = "曝光", [NOTICE_PRAISE] = "表扬",
};

/* The moves a status may make (staying where it is is always allowed). */
struct step {
	int from, to;
};

static const struct step problem_steps[] = {
	{ PROB_OPEN, PROB_RECTIFYING },
	{ PROB_OPEN, PROB_CLOSED },        /* 立查立改: fixed on the spot */
	{ PROB_RECTIFYING, PROB_CLOSED },
};

static const struct step measure_steps[] = {
	{ MEAS_PLANNED, MEAS_DRAFTING },
	{ MEAS_PLANNED, MEAS_ISSUED },     /* registered once it is out */
	{ MEAS_DRAFTING, MEAS_ISSUED },
};

static int
step_allowed(const struct step *t, size_t n, int from, int to)
{
	if (from == to)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (t[i].from == from && t[i].to == to)
			return 1;
	return 0;
}

/* A date field: "" when optional and absent, else a date not after today. */
static int
check_date(const char *v, const char *field, int required, int32_t today, int32_t *out,
	   struct error *e)
{
	*out = 0;
	if (v[0] == '\0')
		return required ? err_set(e, ERR_INVALID, field, "'%s' is required", field) : 0;
	if (date_parse(v, out) != 0)
		return err_set(e, ERR_INVALID, field, "'%s' must be a date (YYYY-MM-DD)", field);
	if (today > 0 && *out > today && strcmp(field, "deadline") != 0)
		return err_set(e, ERR_INVALID, field, "'%s' is after today", field);
	return 0;
}

enum problem_status
problem_status_of_hazard(int hazard_status)
{
	switch (hazard_status) {
	case HZ_OPEN:
		return PROB_OPEN;
	case HZ_CLOSED:
	case HZ_VOID:
		return PROB_CLOSED;
	default:
		return PROB_RECTIFYING;
	}
}

int
problem_check(const struct plan_problem *old, const struct plan_problem *p, int32_t today,
	      struct error *e)
{
	int32_t found, due, closed;

	if ((int)p->status < 0 || p->status >= PROB_STATUS__MAX)
		return err_set(e, ERR_INVALID, "status", "unknown status");
	if (old != NULL && old->hazard_id == 0 && old->status == PROB_CLOSED)
		return err_set(e, ERR_CONFLICT, "status", "the problem is closed");
	if (p->hazard_id != 0) {
		/* The hazard's own record carries what was found and how it is fixed. */
		if (p->closed_on[0] != '\0')
			return err_set(e, ERR_INVALID, "closed_on",
				       "a linked hazard closes in the hazard network");
		return 0;
	}
	if (p->description[0] == '\0')
		return err_set(e, ERR_INVALID, "description", "'description' is required");
	if (check_date(p->found_on, "found_on", 1, today, &found, e) != 0)
		return -1;
	if (p->responsible[0] == '\0')
		return err_set(e, ERR_INVALID, "responsible", "'responsible' is required");
	if (check_date(p->deadline, "deadline", 1, today, &due, e) != 0)
		return -1;
	if (due < found)
		return err_set(e, ERR_INVALID, "deadline", "the deadline is before the problem was found");
	if (old != NULL && !step_allowed(problem_steps, sizeof(problem_steps) / sizeof(problem_steps[0]),
					  old->status, p->status))
		return err_set(e, ERR_CONFLICT, "status", "a problem cannot go back from %s to %s",
			       problem_status_names[old->status], problem_status_names[p->status]);
	if (p->status != PROB_CLOSED) {
		if (p->closed_on[0] != '\0')
			return err_set(e, ERR_INVALID, "closed_on", "only a closed problem has 'closed_on'");
		return 0;
	}
	if (check_date(p->closed_on, "closed_on", 1, today, &closed, e) != 0)
		return -1;
	if (closed < found)
		return err_set(e, ERR_INVALID, "closed_on", "closed before it was found");
	return 0;
}

int
measure_check(const struct plan_measure *old, const struct plan_measure *m, int32_t today,
	      struct error *e)
{
	int32_t issued;

	if ((int)m->kind < 0 || m->kind >= MEAS_KIND__MAX)
		return err_set(e, ERR_INVALID, "kind", "unknown kind");
	if ((int)m->status < 0 || m->status >= MEAS_STATUS__MAX)
		return err_set(e, ERR_INVALID, "status", "unknown status");
	if (old != NULL && old->status == MEAS_ISSUED)
		return err_set(e, ERR_CONFLICT, "status", "the measure is issued already");
	if (m->title[0] == '\0')
		return err_set(e, ERR_INVALID, "title", "'title' is required");
	if (old != NULL && !step_allowed(measure_steps, sizeof(measure_steps) / sizeof(measure_steps[0]),
					  old->status, m->status))
		return err_set(e, ERR_CONFLICT, "status", "a measure cannot go back from %s to %s",
			       measure_status_names[old->status], measure_status_names[m->status]);
	if (m->status != MEAS_ISSUED) {
		if (m->issued_on[0] != '\0')
			return err_set(e, ERR_INVALID, "issued_on", "only an issued measure has 'issued_on'");
		return 0;
	}
	if (m->doc_number[0] == '\0')
		return err_set(e, ERR_INVALID, "doc_number",
			       "an issued measure needs the number of its document (文号)");
	return check_date(m->issued_on, "issued_on", 1, today, &issued, e);
}

void
notice_code(enum notice_kind kind, int year, int64_t seq, char *out, size_t n)
{
	snprintf(out, n, "%s〔%04d〕%lld号", notice_kind_words[(int)kind < 0 || kind >= NOTICE_KIND__MAX ? 0 : kind],
		 year, (long long)seq);
}
