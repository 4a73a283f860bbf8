/*
 * hazard.c — the hazard state machine as a table (Kore's http_state
 * tables): each row names the states it leaves from, the event, the state it
 * goes to (or stays), the roles that may fire it, and a rule that checks the
 * input and applies the row's effect.
 */
#include <stdio.h>
#include <string.h>

#include "core/hazard.h"

const char *const hazard_status_names[HZ_STATUS__MAX] = {
	[HZ_OPEN] = "open",
	[HZ_RECTIFYING] = "rectifying",
	[HZ_PENDING_ACCEPTANCE] = "pending_acceptance",
	[HZ_CLOSED] = "closed",
	[HZ_VOID] = "void",
};

const char *const hazard_event_names[HE__MAX] = {
	[HE_PLAN] = "plan", [HE_FIX_NOW] = "fix_now", [HE_SUBMIT] = "submit",
	[HE_ACCEPT] = "accept", [HE_REJECT] = "reject", [HE_EXTEND] = "extend",
	[HE_VOID] = "void", [HE_LIST] = "list", [HE_DELIST] = "delist",
};

const char *const hazard_grade_names[HG__MAX] = { [HG_GENERAL] = "general", [HG_MAJOR] = "major" };

const char *const hazard_source_names[HS__MAX] = {
	[HS_SELF_CHECK] = "self_check", [HS_INSPECTION] = "inspection",
	[HS_SUPERVISION] = "supervision", [HS_TIP_OFF] = "tip_off", [HS_OTHER] = "other",
};

const char *const hazard_category_names[HC__MAX] = {
	[HC_UNSAFE_ACT] = "unsafe_act", [HC_UNSAFE_CONDITION] = "unsafe_condition",
	[HC_ENVIRONMENT] = "environment", [HC_MANAGEMENT] = "management",
};

const char *const listing_level_names[LIST__MAX] = {
	[LIST_NONE] = "", [LIST_PROVINCE] = "province", [LIST_CITY] = "city", [LIST_COUNTY] = "county",
};

#define S(x) (1u << (x))
#define R(x) (1u << (x))
#define ENT R(ROLE_ENTERPRISE)
#define REG (R(ROLE_REGULATOR) | R(ROLE_INSPECTOR))
#define OFF R(ROLE_OFFICE)
#define ADM R(ROLE_ADMIN)
#define SAME (-1)
#define LIVE (S(HZ_OPEN) | S(HZ_RECTIFYING) | S(HZ_PENDING_ACCEPTANCE))

typedef int (*rule_fn)(struct hazard *h, const struct hazard_tx *tx,
		       const struct hazard_actor *who, int32_t today, struct error *e);

struct hazard_row {
	unsigned from;          /* states, as bits */
	enum hazard_event event;
	int to;                 /* enum hazard_status, or SAME */
	unsigned roles;         /* roles, as bits */
	rule_fn rule;
};

static int
filled(const char *s)
{
	if (s == NULL)
		return 0;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 1;
	return 0;
}

static int
need_text(const char *v, const char *field, const char *what, struct error *e)
{
	return filled(v) ? 0 : err_set(e, ERR_INVALID, field, "%s is required", what);
}

static int
need_date(const char *v, const char *field, int32_t *out, struct error *e)
{
	if (v == NULL || v[0] == '\0')
		return err_set(e, ERR_INVALID, field, "%s is required", field);
	if (date_parse(v, out) != 0)
		return err_set(e, ERR_INVALID, field, "'%s' is not a date (YYYY-MM-DD)", v);
	return 0;
}

static void
close_now(struct hazard *h, int32_t today)
{
	int32_t dl;

	date_format(today, h->closed_on);
	h->closed_on_time = h->deadline[0] == '\0' ||
			    (date_parse(h->deadline, &dl) == 0 && today <= dl);
}

/* Both plan forms: at report time (hazard_check_new) and by the plan event. */
static int
check_plan_fields(const struct hazard *h, const struct hazard_tx *tx, struct error *e)
{
	int32_t found, dl;

	if (!tx->has_plan)
		return err_set(e, ERR_INVALID, "plan", "the rectification plan is required");
	if (need_text(tx->responsible, "plan.responsible", "the responsible person", e) != 0 ||
	    need_date(tx->deadline, "plan.deadline", &dl, e) != 0)
		return -1;
	if (date_parse(h->found_at, &found) == 0 && dl < found)
		return err_set(e, ERR_INVALID, "plan.deadline", "the deadline is before the hazard was found");
	if (h->grade != HG_MAJOR)
		return 0;
	/* 五落实: a major hazard's plan needs all five points. */
	if (need_text(tx->measures, "plan.measures", "the measures", e) != 0)
		return -1;
	if (!tx->has_funds)
		return err_set(e, ERR_INVALID, "plan.funds", "the funds are required for a major hazard");
	if (tx->funds < 0)
		return err_set(e, ERR_INVALID, "plan.funds", "the funds cannot be negative");
	return need_text(tx->contingency, "plan.contingency", "the contingency plan", e);
}

static void
copy_plan(struct hazard *h, const struct hazard_tx *tx)
{
	snprintf(h->responsible, sizeof(h->responsible), "%s", tx->responsible ? tx->responsible : "");
	snprintf(h->measures, sizeof(h->measures), "%s", tx->measures ? tx->measures : "");
	snprintf(h->contingency, sizeof(h->contingency), "%s", tx->contingency ? tx->contingency : "");
	h->has_funds = tx->has_funds;
	h->funds = tx->has_funds ? tx->funds : 0;
	snprintf(h->deadline, sizeof(h->deadline), "%s", tx->deadline);
	if (h->original_deadline[0] == '\0')
		snprintf(h->original_deadline, sizeof(h->original_deadline), "%s", tx->deadline);
}

static int
rule_plan(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	  int32_t today, struct error *e)
{
	if (check_plan_fields(h, tx, e) != 0)
		return -1;
	copy_plan(h, tx);
	return 0;
}

static int
rule_fix_now(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	     int32_t today, struct error *e)
{
	if (who->role == ROLE_ENTERPRISE && h->grade == HG_MAJOR)
		return err_set(e, ERR_FORBIDDEN, "event",
			       "a major hazard cannot be fixed on the spot by the enterprise");
	if (need_text(tx->evidence, "evidence", "evidence of the rectification", e) != 0)
		return -1;
	snprintf(h->evidence, sizeof(h->evidence), "%s", tx->evidence);
	close_now(h, today);
	return 0;
}

static int
rule_submit(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	    int32_t today, struct error *e)
{
	if (need_text(tx->evidence, "evidence", "evidence of the rectification", e) != 0)
		return -1;
	snprintf(h->evidence, sizeof(h->evidence), "%s", tx->evidence);
	return 0;
}

/* 审核把关销号: a major hazard is signed off by its supervising department only. */
static int
may_accept(const struct hazard *h, const struct hazard_actor *who, struct error *e)
{
	if (h->grade == HG_MAJOR &&
	    !((who->role == ROLE_REGULATOR || who->role == ROLE_INSPECTOR) && who->supervises))
		return err_set(e, ERR_FORBIDDEN, "event",
			       "only a regulator of a supervising department signs off a major hazard");
	return 0;
}

static int
rule_accept(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	    int32_t today, struct error *e)
{
	if (may_accept(h, who, e) != 0)
		return -1;
	close_now(h, today);
	return 0;
}

static int
rule_reject(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	    int32_t today, struct error *e)
{
	if (may_accept(h, who, e) != 0 || need_text(tx->reason, "reason", "the reason", e) != 0)
		return -1;
	h->rejections++;
	return 0;
}

static int
rule_extend(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	    int32_t today, struct error *e)
{
	int32_t cur, dl;

	if (need_date(tx->new_deadline, "deadline", &dl, e) != 0 ||
	    need_text(tx->reason, "reason", "the reason", e) != 0)
		return -1;
	if (date_parse(h->deadline, &cur) == 0 && dl <= cur)
		return err_set(e, ERR_INVALID, "deadline", "the new deadline must be after %s", h->deadline);
	snprintf(h->deadline, sizeof(h->deadline), "%s", tx->new_deadline);
	h->extensions++;
	return 0;
}

static int
rule_void(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	  int32_t today, struct error *e)
{
	return need_text(tx->reason, "reason", "the reason (recorded in error because …)", e);
}

static int
listed_now(const struct hazard *h)
{
	return h->listing_level != LIST_NONE && h->delisted_on[0] == '\0';
}

static int
rule_list(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	  int32_t today, struct error *e)
{
	int32_t dl;

	if (h->grade != HG_MAJOR)
		return err_set(e, ERR_CONFLICT, "event", "only major hazards are listed for supervision");
	if (listed_now(h))
		return err_set(e, ERR_CONFLICT, "event", "the hazard is already listed");
	if (tx->level <= LIST_NONE || tx->level >= LIST__MAX)
		return err_set(e, ERR_INVALID, "level", "the listing level (province, city, county) is required");
	if (tx->listing_deadline != NULL && tx->listing_deadline[0] != '\0' &&
	    date_parse(tx->listing_deadline, &dl) != 0)
		return err_set(e, ERR_INVALID, "listing_deadline", "'%s' is not a date",
			       tx->listing_deadline);
	h->listing_level = tx->level;
	h->listing_org = tx->listing_org;
	date_format(today, h->listed_on);
	snprintf(h->listing_deadline, sizeof(h->listing_deadline), "%s",
		 tx->listing_deadline && tx->listing_deadline[0] ? tx->listing_deadline : h->deadline);
	h->delisted_on[0] = '\0';
	return 0;
}

static int
rule_delist(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	    int32_t today, struct error *e)
{
	if (!listed_now(h))
		return err_set(e, ERR_CONFLICT, "event", "the hazard is not listed");
	date_format(today, h->delisted_on);
	return 0;
}

static const struct hazard_row rows[] = {
	{ S(HZ_OPEN), HE_PLAN, HZ_RECTIFYING, ENT | REG | ADM, rule_plan },
	{ S(HZ_OPEN) | S(HZ_RECTIFYING), HE_FIX_NOW, HZ_CLOSED, ENT | REG | ADM, rule_fix_now },
	{ S(HZ_RECTIFYING), HE_SUBMIT, HZ_PENDING_ACCEPTANCE, ENT | REG | ADM, rule_submit },
	{ S(HZ_PENDING_ACCEPTANCE), HE_ACCEPT, HZ_CLOSED, ENT | REG | ADM, rule_accept },
	{ S(HZ_PENDING_ACCEPTANCE), HE_REJECT, HZ_RECTIFYING, ENT | REG | ADM, rule_reject },
	{ S(HZ_RECTIFYING), HE_EXTEND, SAME, REG | ADM, rule_extend },
	{ LIVE, HE_VOID, HZ_VOID, REG | OFF | ADM, rule_void },
	{ LIVE, HE_LIST, SAME, REG | OFF | ADM, rule_list },
	{ S(HZ_CLOSED), HE_DELIST, SAME, REG | OFF | ADM, rule_delist },
};

static const struct hazard_row *
find_row(enum hazard_status st, enum hazard_event ev, int *event_exists)
{
	*event_exists = 0;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].event != ev)
			continue;
		*event_exists = 1;
		if (rows[i].from & S(st))
			return &rows[i];
	}
	return NULL;
}

int
hazard_apply(struct hazard *h, const struct hazard_tx *tx, const struct hazard_actor *who,
	     int32_t today, struct error *e)
{
	const struct hazard_row *row;
	struct hazard next;
	int exists;

	if ((int)tx->event < 0 || tx->event >= HE__MAX)
		return err_set(e, ERR_INVALID, "event", "unknown event");
	if ((row = find_row(h->status, tx->event, &exists)) == NULL)
		return err_set(e, ERR_CONFLICT, "event", "a %s hazard cannot be '%s'",
			       hazard_status_names[h->status], hazard_event_names[tx->event]);
	if (!(row->roles & R(who->role)))
		return err_set(e, ERR_FORBIDDEN, "event", "a %s may not '%s' a hazard",
			       role_names[who->role], hazard_event_names[tx->event]);
	next = *h;
	if (row->rule(&next, tx, who, today, e) != 0)
		return -1;
	if (row->to != SAME)
		next.status = (enum hazard_status)row->to;
	*h = next;
	return 0;
}

int
hazard_check_new(const struct hazard *h, const struct hazard_actor *who, int32_t today,
		 struct error *e)
{
	int32_t found;

	if (!(R(who->role) & (ENT | REG | ADM)))
		return err_set(e, ERR_FORBIDDEN, NULL, "a %s may not report hazards", role_names[who->role]);
	if (!filled(h->title))
		return err_set(e, ERR_INVALID, "title", "the title is required");
	if (need_date(h->found_at, "found_at", &found, e) != 0)
		return -1;
	if (found > today)
		return err_set(e, ERR_INVALID, "found_at", "the hazard cannot be found in the future");
	if (h->grade == HG_MAJOR && !filled(h->basis))
		return err_set(e, ERR_INVALID, "basis",
			       "a major hazard needs the clause of the 判定标准 that makes it major");
	if (who->role == ROLE_ENTERPRISE && h->source != HS_SELF_CHECK && h->source != HS_OTHER)
		return err_set(e, ERR_INVALID, "source", "an enterprise reports its own checks (self_check)");
	return 0;
}

int
hazard_overdue(const struct hazard *h, int32_t today)
{
	int32_t dl;

	if (h->status == HZ_CLOSED || h->status == HZ_VOID || h->deadline[0] == '\0')
		return 0;
	return date_parse(h->deadline, &dl) == 0 && today > dl;
}

unsigned
hazard_allowed(const struct hazard *h, const struct hazard_actor *who)
{
	unsigned bits = 0;
	int exists;

	for (int ev = 0; ev < HE__MAX; ev++) {
		const struct hazard_row *row = find_row(h->status, (enum hazard_event)ev, &exists);

		if (row == NULL || !(row->roles & R(who->role)))
			continue;
		if ((ev == HE_ACCEPT || ev == HE_REJECT) && may_accept(h, who, NULL) != 0)
			continue;
		if (ev == HE_FIX_NOW && who->role == ROLE_ENTERPRISE && h->grade == HG_MAJOR)
			continue;
		if (ev == HE_LIST && (h->grade != HG_MAJOR || listed_now(h)))
			continue;
		if (ev == HE_DELIST && !listed_now(h))
			continue;
		bits |= 1u << ev;
	}
	return bits;
}

void
hazard_code(const char *region_code, int year, int64_t seq, char *buf, size_t n)
{
	snprintf(buf, n, "YH-%.6s-%04d-%06lld", region_code, year, (long long)seq);
}

int
report_period(const char *period, int32_t *from, int32_t *to, int32_t *due)
{
	int y = 0, q = 0;
	size_t n = period ? strlen(period) : 0;

	if (n != 4 && n != 7)
		return -1;
	for (int i = 0; i < 4; i++) {
		if (period[i] < '0' || period[i] > '9')
			return -1;
		y = y * 10 + (period[i] - '0');
	}
	if (y < 2000 || y > 2100)
		return -1;
	if (n == 4) {
		*from = date_from_ymd(y, 1, 1);
		*to = date_from_ymd(y, 12, 31);
		*due = date_from_ymd(y + 1, 1, 31);
		return 0;
	}
	if (period[4] != '-' || period[5] != 'Q' || period[6] < '1' || period[6] > '4')
		return -1;
	q = period[6] - '0';
	*from = date_from_ymd(y, 3 * q - 2, 1);
	*to = date_from_ymd(y, 3 * q, date_month_days(y, 3 * q));
	*due = q == 4 ? date_from_ymd(y + 1, 1, 15) : date_from_ymd(y, 3 * q + 1, 15);
	return 0;
}
