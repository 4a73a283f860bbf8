/*
 * risk.h — dual prevention (双重预防, DESIGN §3.2) as pure logic: the two
 * assessment methods with their own value tables (LEC and the LS matrix),
 * the four levels and colours, the bands that map a score to a level (from
 * the configuration), GB 6441's twenty accident types, and the check
 * scheduler that says which period a check item's task covers on a day.
 *
 * Scores are integers so that band edges never depend on floating point:
 * LEC's L and E have fractional table values (0.5, 0.2, 0.1), so L and E
 * are carried in tenths and D in hundredths (D × 100 = L10 × E10 × C).
 */
#ifndef HN_RISK_H
#define HN_RISK_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

enum risk_method { RM_LEC, RM_LS, RM__MAX };

/* Lowest first, so that the highest of several levels is their maximum. */
enum risk_level { RL_LOW, RL_GENERAL, RL_LARGER, RL_MAJOR, RL__MAX };

enum risk_kind { RK_EQUIPMENT, RK_OPERATION, RK_PLACE, RK__MAX };

enum control_tier { CT_COMPANY, CT_WORKSHOP, CT_TEAM, CT_POST, CT__MAX };

enum measure_kind { MK_ENGINEERING, MK_MANAGEMENT, MK_TRAINING, MK_PPE, MK_EMERGENCY, MK__MAX };

enum cadence { CAD_DAILY, CAD_WEEKLY, CAD_MONTHLY, CAD_QUARTERLY, CAD_YEARLY, CAD__MAX };

enum check_result { CR_OK, CR_NA, CR_HAZARD, CR__MAX };

#define ACCIDENT_TYPES 20

/* Stable API names ("lec", "major", "red", "equipment", "team", "ppe", "weekly", "na" …). */
extern const char *const risk_method_names[RM__MAX];
extern const char *const risk_level_names[RL__MAX];    /* low, general, larger, major */
extern const char *const risk_colour_names[RL__MAX];   /* blue, yellow, orange, red */
extern const char *const risk_kind_names[RK__MAX];
extern const char *const control_tier_names[CT__MAX];
extern const char *const measure_kind_names[MK__MAX];
extern const char *const cadence_names[CAD__MAX];
extern const char *const check_result_names[CR__MAX];

/* The words people read (重大, 红, 设备设施, 班组, 个体防护, 周 …). */
extern const char *const risk_level_labels[RL__MAX];
extern const char *const risk_colour_labels[RL__MAX];
extern const char *const risk_kind_labels[RK__MAX];
extern const char *const control_tier_labels[CT__MAX];
extern const char *const measure_kind_labels[MK__MAX];
extern const char *const cadence_labels[CAD__MAX];

/* GB 6441-86's twenty accident types, in the standard's order (code = index + 1). */
extern const char *const accident_type_names[ACCIDENT_TYPES];

/*
 * Lower limits of the three upper bands of each method: a score at or above
 * red is 重大, at or above orange 较大, at or above yellow 一般, below it 低.
 * LEC limits are whole D values; LS limits whole R values.
 */
struct risk_bands {
	int lec_red, lec_orange, lec_yellow;
	int ls_red, ls_orange, ls_yellow;
};

/* DESIGN's defaults: LEC 320 / 160 / 70, LS 20 / 15 / 9. */
void risk_bands_default(struct risk_bands *b);

/*
 * Check that each method's limits rise strictly from yellow to red and are
 * positive (LS: at most 25). 0, or -1 with ERR_INVALID naming the key.
 */
int risk_bands_check(const struct risk_bands *b, struct error *e);

/* An assessment's inputs: LEC uses l10, e10 (tenths) and c; LS uses l and s. */
struct risk_input {
	enum risk_method method;
	int l10, e10, c;   /* LEC */
	int l, s;          /* LS */
};

struct risk_score {
	int64_t score100;        /* LEC: D × 100; LS: R × 100 */
	enum risk_level level;
};

/*
 * Score in and grade it against b. Every input must be one of its method's
 * table values (LEC L: 10 6 3 1 0.5 0.2 0.1, E: 10 6 3 2 1 0.5, C: 100 40 15
 * 7 3 1; LS L and S: 1–5); otherwise ERR_INVALID naming the field ("l",
 * "e", "c", "s", "method").
 */
int risk_assess(const struct risk_input *in, const struct risk_bands *b, struct risk_score *out,
		struct error *e);

/*
 * A decimal value of a table as tenths: 0.5 → 5, 10 → 100. -1 when v is
 * not a whole number of tenths (within 1e-9) or out of 0–1000.
 */
int risk_tenths(double v);

/* "360", "0.05", "12.6": score100 as an exact decimal (buf ≥ 24). */
void risk_score_text(int64_t score100, char *buf, size_t n);

/* Bit i set for accident type i; -1 when name is not one of the twenty. */
int accident_type_index(const char *name);

/* The period of a check item's task that holds a day (Asia/Shanghai). */
struct check_period {
	char key[12];      /* "2026-11-22", "2026-W47", "2026-11", "2026-Q4", "2026" */
	int32_t start;     /* first day of the period */
	int32_t due;       /* its last day: the task is missed after it */
};

/*
 * The period of cadence c that holds `day`: the day itself, its ISO week
 * (Monday to Sunday; the key names the ISO week-year, so 2027-01-01 is in
 * "2026-W53"), its month, quarter or year.
 */
void check_period_of(enum cadence c, int32_t day, struct check_period *out);

#endif
