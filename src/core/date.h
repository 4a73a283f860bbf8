/*
 * date.h — calendar dates as day numbers (days since 1970-01-01), the
 * Asia/Shanghai civil date of an instant (UTC+8 all year: China has had no
 * daylight saving since 1991), quarters and month ends. Pure arithmetic.
 */
#ifndef HN_DATE_H
#define HN_DATE_H

#include <stdint.h>
#include <time.h>

#define DATE_LEN 11   /* "YYYY-MM-DD" + NUL */

/* Parse a strict "YYYY-MM-DD" (years 1900–9999, a real day) into *days; 0 or -1. */
int date_parse(const char *s, int32_t *days);

/* Format a day number as "YYYY-MM-DD". */
void date_format(int32_t days, char out[DATE_LEN]);

/* Day number of a civil date (month 1–12, day 1–31; not range checked). */
int32_t date_from_ymd(int y, int m, int d);

/* The civil date of a day number. */
void date_to_ymd(int32_t days, int *y, int *m, int *d);

/* The Asia/Shanghai date at instant t. */
int32_t date_shanghai(time_t t);

/*
 * The Asia/Shanghai date of a UTC instant "YYYY-MM-DDTHH:MM:SSZ"; 0 or -1
 * for anything else.
 */
int date_of_instant(const char *iso, int32_t *days);

/*
 * Parse a strict "MM-DD" that names a day of every year (so not 02-29):
 * a yearly due day such as 12-20. 0, or -1 for anything else.
 */
int date_month_day_parse(const char *s, int *m, int *d);

/* Days in month m of year y. */
int date_month_days(int y, int m);

/* The last day of the month that holds `days`. */
int32_t date_month_end(int32_t days);

/* 1–4: the quarter that holds `days`. */
int date_quarter(int32_t days);

#endif
