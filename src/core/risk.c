/* risk.c — LEC and LS assessment, bands, accident types, check periods. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/risk.h"

const char *const risk_method_names[RM__MAX] = { [RM_LEC] = "lec", [RM_LS] = "ls" };
const char *const risk_level_names[RL__MAX] = {
	[RL_LOW] = "low", [RL_GENERAL] = "general", [RL_LARGER] = "larger", [RL_MAJOR] = "major",
};
const char *const risk_colour_names[RL__MAX] = {
	[RL_LOW] = "blue", [RL_GENERAL] = "yellow", [RL_LARGER] = "orange", [RL_MAJOR] = "red",
};
const char *const risk_kind_names[RK__MAX] = {
	[RK_EQUIPMENT] = "equipment", [RK_OPERATION] = "operation", [RK_PLACE] = "place",
};
const char *const control_tier_names[CT__MAX] = {
	[CT_COMPANY] = "company", [CT_WORKSHOP] = "workshop", [CT_TEAM] = "team", [CT_POST] = "post",
};
const char *const measure_kind_names[MK__MAX] = {
	[MK_ENGINEERING] = "engineering", [MK_MANAGEMENT] = "management", [MK_TRAINING] = "training",
	[MK_PPE] = "ppe", [MK_EMERGENCY] = "emergency",
};
const char *const cadence_names[CAD__MAX] = {
	[CAD_DAILY] = "daily", [CAD_WEEKLY] = "weekly", [CAD_MONTHLY] = "monthly",
	[CAD_QUARTERLY] = "quarterly", [CAD_YEARLY] = "yearly",
};
const char *const check_result_names[CR__MAX] = { [CR_OK] = "ok", [CR_NA] = "na", [CR_HAZARD] = "hazard" };

const char *const risk_level_labels[RL__MAX] = {
	[RL_LOW] = "低风险", [RL_GENERAL] = "一般风险", [RL_LARGER] = "较大风险", [RL_MAJOR] = "重大风险",
};
const char *const risk_colour_labels[RL__MAX] = {
	[RL_LOW] = "蓝", [RL_GENERAL] = "黄", [RL_LARGER] = "橙", [RL_MAJOR] = "红",
};
const char *const risk_kind_labels[RK__MAX] = {
	[RK_EQUIPMENT] = "设备设施", [RK_OPERATION] = "作业活动", [RK_PLACE] = "场所区域",
};
const char *const control_tier_labels[CT__MAX] = {
	[CT_COMPANY] = "公司", [CT_WORKSHOP] = "车间", [CT_TEAM] = "班组", [CT_POST] = "岗位",
};
const char *const measure_kind_labels[MK__MAX] = {
	[MK_ENGINEERING] = "工程技术", [MK_MANAGEMENT] = "管理", [MK_TRAINING] = "培训教育",
	[MK_PPE] = "个体防护", [MK_EMERGENCY] = "应急处置",
};
const char *const cadence_labels[CAD__MAX] = {
	[CAD_DAILY] = "每日", [CAD_WEEKLY] = "每周", [CAD_MONTHLY] = "每月",
	[CAD_QUARTERLY] = "每季度", [CAD_YEARLY] = "每年",
};

const char *const accident_type_names[ACCIDENT_TYPES] = {
	"物体打击", "车辆伤害", "机械伤害", "起重伤害", "触电", "淹溺", "灼烫", "火灾", "高处坠落", "坍塌",
	"冒顶片帮", "透水", "放炮", "火药爆炸", "瓦斯爆炸", "锅炉爆炸", "容器爆炸", "其它爆炸",
	"中毒和窒息", "其它伤害",
};

/* The method's own tables (LEC in tenths for L and E). */
static const int lec_l10[] = { 100, 60, 30, 10, 5, 2, 1 };
static const int lec_e10[] = { 100, 60, 30, 20, 10, 5 };
static const int lec_c[] = { 100, 40, 15, 7, 3, 1 };

static int
in_table(const int *t, size_t n, int v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i] == v)
			return 1;
	return 0;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void
risk_bands_default(struct risk_bands *b)
{
	b->lec_red = 320;
	b->lec_orange = 160;
	b->lec_yellow = 70;
	b->ls_red = 20;
	b->ls_orange = 15;
	b->ls_yellow = 9;
}

int
risk_bands_check(const struct risk_bands *b, struct error *e)
{
	if (b->lec_yellow < 1)
		return err_set(e, ERR_INVALID, "risk.lec_yellow", "'risk.lec_yellow' must be at least 1");
	if (b->lec_orange <= b->lec_yellow)
		return err_set(e, ERR_INVALID, "risk.lec_orange",
			       "'risk.lec_orange' (%d) must be above 'risk.lec_yellow' (%d)",
			       b->lec_orange, b->lec_yellow);
	if (b->lec_red <= b->lec_orange)
		return err_set(e, ERR_INVALID, "risk.lec_red",
			       "'risk.lec_red' (%d) must be above 'risk.lec_orange' (%d)",
			       b->lec_red, b->lec_orange);
	if (b->ls_yellow < 2)
		return err_set(e, ERR_INVALID, "risk.ls_yellow", "'risk.ls_yellow' must be at least 2");
	if (b->ls_orange <= b->ls_yellow)
		return err_set(e, ERR_INVALID, "risk.ls_orange",
			       "'risk.ls_orange' (%d) must be above 'risk.ls_yellow' (%d)",
			       b->ls_orange, b->ls_yellow);
	if (b->ls_red <= b->ls_orange || b->ls_red > 25)
		return err_set(e, ERR_INVALID, "risk.ls_red",
			       "'risk.ls_red' (%d) must be above 'risk.ls_orange' (%d) and at most 25",
			       b->ls_red, b->ls_orange);
	return 0;
}

static enum risk_level
band(int64_t score100, int red, int orange, int yellow)
{
	if (score100 >= (int64_t)red * 100)
		return RL_MAJOR;
	if (score100 >= (int64_t)orange * 100)
		return RL_LARGER;
	if (score100 >= (int64_t)yellow * 100)
		return RL_GENERAL;
	return RL_LOW;
}

int
risk_assess(const struct risk_input *in, const struct risk_bands *b, struct risk_score *out,
	    struct error *e)
{
	switch (in->method) {
	case RM_LEC:
		if (!in_table(lec_l10, NELEM(lec_l10), in->l10))
			return err_set(e, ERR_INVALID, "l",
				       "LEC 'l' must be one of 10, 6, 3, 1, 0.5, 0.2, 0.1");
		if (!in_table(lec_e10, NELEM(lec_e10), in->e10))
			return err_set(e, ERR_INVALID, "e", "LEC 'e' must be one of 10, 6, 3, 2, 1, 0.5");
		if (!in_table(lec_c, NELEM(lec_c), in->c))
			return err_set(e, ERR_INVALID, "c", "LEC 'c' must be one of 100, 40, 15, 7, 3, 1");
		/* L10 × E10 = L × E × 100, so this is D × 100 exactly. */
		out->score100 = (int64_t)in->l10 * in->e10 * in->c;
		out->level = band(out->score100, b->lec_red, b->lec_orange, b->lec_yellow);
		return 0;
	case RM_LS:
		if (in->l < 1 || in->l > 5)
			return err_set(e, ERR_INVALID, "l", "LS 'l' must be a whole number from 1 to 5");
		if (in->s < 1 || in->s > 5)
			return err_set(e, ERR_INVALID, "s", "LS 's' must be a whole number from 1 to 5");
		out->score100 = (int64_t)in->l * in->s * 100;
		out->level = band(out->score100, b->ls_red, b->ls_orange, b->ls_yellow);
		return 0;
	case RM__MAX:
		break;
	}
	return err_set(e, ERR_INVALID, "method", "the method must be lec or ls");
}

int
risk_tenths(double v)
{
	double t;

	if (!isfinite(v) || v < 0 || v > 1000)
		return -1;
	t = round(v * 10);
	if (fabs(v * 10 - t) > 1e-9)
		return -1;
	return (int)t;
}

void
risk_score_text(int64_t score100, char *buf, size_t n)
{
	long long whole = score100 / 100, frac = score100 % 100;

	if (frac == 0)
		snprintf(buf, n, "%lld", whole);
	else if (frac % 10 == 0)
		snprintf(buf, n, "%lld.%lld", whole, frac / 10);
	else
		snprintf(buf, n, "%lld.%02lld", whole, frac);
}

int
accident_type_index(const char *name)
{
	for (int i = 0; i < ACCIDENT_TYPES; i++)
		if (name != NULL && strcmp(accident_type_names[i], name) == 0)
			return i;
	return -1;
}

/* ISO 8601 weekday, 1 Monday … 7 Sunday (1970-01-01 was a Thursday). */
static int
iso_weekday(int32_t day)
{
	int r = (int)((day % 7 + 7 + 3) % 7);

	return r + 1;
}

void
check_period_of(enum cadence c, int32_t day, struct check_period *out)
{
	int y, m, d, q, wd;
	int32_t thursday, week1;

	date_to_ymd(day, &y, &m, &d);
	switch (c) {
	case CAD_WEEKLY:
		/* The ISO week-year is the year of the week's Thursday. */
		wd = iso_weekday(day);
		out->start = day - (wd - 1);
		out->due = out->start + 6;
		thursday = out->start + 3;
		date_to_ymd(thursday, &y, &m, &d);
		week1 = date_from_ymd(y, 1, 4);
		week1 -= iso_weekday(week1) - 1;
		snprintf(out->key, sizeof(out->key), "%04u-W%02u", (unsigned)y % 10000u,
			 (unsigned)((out->start - week1) / 7 + 1) % 100u);
		return;
	case CAD_MONTHLY:
		out->start = date_from_ymd(y, m, 1);
		out->due = date_month_end(day);
		snprintf(out->key, sizeof(out->key), "%04u-%02u", (unsigned)y % 10000u,
			 (unsigned)m % 100u);
		return;
	case CAD_QUARTERLY:
		q = (m - 1) / 3;
		out->start = date_from_ymd(y, q * 3 + 1, 1);
		out->due = date_from_ymd(y, q * 3 + 3, date_month_days(y, q * 3 + 3));
		snprintf(out->key, sizeof(out->key), "%04u-Q%u", (unsigned)y % 10000u,
			 (unsigned)(q + 1) % 10u);
		return;
	case CAD_YEARLY:
		out->start = date_from_ymd(y, 1, 1);
		out->due = date_from_ymd(y, 12, 31);
		snprintf(out->key, sizeof(out->key), "%04u", (unsigned)y % 10000u);
		return;
	case CAD_DAILY:
	case CAD__MAX:
		break;
	}
	out->start = out->due = day;
	date_format(day, out->key);
}
