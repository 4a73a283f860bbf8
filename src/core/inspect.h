/*
 * inspect.h — how often an enterprise is due for inspection (DESIGN §3.2:
 * the enterprise colour drives inspection frequency — red quarterly,
 * orange half-yearly, yellow yearly, blue random draw only — configurable)
 * and the inspection types of §3.4. Pure calendar arithmetic on day numbers
 * (core/date.h): periods are calendar periods of N months counted from
 * 1 January, as dates in Asia/Shanghai.
 */
#ifndef HN_INSPECT_H
#define HN_INSPECT_H

#include <stdint.h>

#include "core/risk.h"

/* The types of an inspection (DESIGN §3.4). */
enum inspection_type {
	IT_ROUTINE, IT_RANDOM, IT_SPECIAL, IT_UNANNOUNCED, IT_CROSS_REGION, IT_EXPERT, IT__MAX
};

/* "routine", "random", "special", "unannounced", "cross_region", "expert". */
extern const char *const inspection_type_names[IT__MAX];
/* 日常检查, 双随机抽查, 专项检查, 四不两直, 异地交叉, 专家检查. */
extern const char *const inspection_type_labels[IT__MAX];

/*
 * Months between inspections by colour, indexed by risk level (the colour
 * of an enterprise is the level of its highest risk: RL_MAJOR red … RL_LOW
 * blue). 0: never due by frequency (random draw only).
 */
struct inspect_freq {
	int months[RL__MAX];
};

/* Red 3, orange 6, yellow 12, blue 0. */
void inspect_freq_default(struct inspect_freq *f);

/* True when months is 0 or divides 12 (1, 2, 3, 4, 6, 12). */
int inspect_months_valid(int months);

/*
 * The calendar period of `months` months that holds today: *start is the
 * first day of the period (periods start on 1 January), *end its last day.
 * Returns 0, or -1 when months is 0 (no period: never due) or invalid.
 */
int inspect_period(int months, int32_t today, int32_t *start, int32_t *end);

/*
 * When the enterprise of colour level is next due: the end of the current
 * period when it has not been inspected since the period began (last is
 * the day of its last inspection, -1 for never), else the end of the next
 * period. *start (may be NULL) gets the first day of that period. Returns
 * 0, or -1 when the colour is never due by frequency (months 0, or level
 * outside the table: an enterprise without a colour).
 */
int inspect_next_due(const struct inspect_freq *f, int level, int32_t last, int32_t today,
		     int32_t *start, int32_t *due);

#endif
