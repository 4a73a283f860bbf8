/* inspect.c — inspection frequency by colour: calendar periods of N months. */
#include <stddef.h>

#include "core/date.h"
#include "core/inspect.h"

const char *const inspection_type_names[IT__MAX] = {
	[IT_ROUTINE] = "routine",
	[IT_RANDOM] = "random",
	[IT_SPECIAL] = "special",
	[IT_UNANNOUNCED] = "unannounced",
	[IT_CROSS_REGION] = "cross_region",
	[IT_EXPERT] = "expert",
};

const char *const inspection_type_labels[IT__MAX] = {
	[IT_ROUTINE] = "日常检查",
	[IT_RANDOM] = "双随机抽查",
	[IT_SPECIAL] = "专项检查",
	[IT_UNANNOUNCED] = "四不两直",
	[IT_CROSS_REGION] = "异地交叉检查",
	[IT_EXPERT] = "专家检查",
};

void
inspect_freq_default(struct inspect_freq *f)
{
	f->months[RL_MAJOR] = 3;
	f->months[RL_LARGER] = 6;
	f->months[RL_GENERAL] = 12;
	f->months[RL_LOW] = 0;
}

int
inspect_months_valid(int months)
{
	return months == 0 || (months > 0 && months <= 12 && 12 % months == 0);
}

int
inspect_period(int months, int32_t today, int32_t *start, int32_t *end)
{
	int y, m, d, first, last;

	if (months <= 0 || !inspect_months_valid(months))
		return -1;
	date_to_ymd(today, &y, &m, &d);
	first = (m - 1) / months * months + 1;
	last = first + months - 1;
	*start = date_from_ymd(y, first, 1);
	*end = date_from_ymd(y, last, date_month_days(y, last));
	return 0;
}

int
inspect_next_due(const struct inspect_freq *f, int level, int32_t last, int32_t today,
		 int32_t *start, int32_t *due)
{
	int32_t ps, pe;

	if (level < 0 || level >= RL__MAX || inspect_period(f->months[level], today, &ps, &pe) != 0)
		return -1;
	/* Inspected in this period already: the next period is the one due. */
	if (last >= ps && inspect_period(f->months[level], pe + 1, &ps, &pe) != 0)
		return -1;
	if (start != NULL)
		*start = ps;
	*due = pe;
	return 0;
}
