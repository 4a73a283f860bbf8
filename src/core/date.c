/* date.c — civil dates (Howard Hinnant's days-from-civil algorithms). */
#include <stdio.h>
#include <string.h>

#include "core/date.h"

#define SHANGHAI_OFFSET (8 * 3600)

int32_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void
date_to_ymd(int32_t days, int *y, int *m, int *d)
{
	int32_t z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = (int)(z - era * 146097);
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
date_month_days(int y, int m)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return mdays[m - 1] + (m == 2 && leap);
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
date_month_day_parse(const char *s, int *m, int *d)
{
	int mm, dd;

	if (s == NULL || strlen(s) != 5 || s[2] != '-' || digits(s, 2, &mm) || digits(s + 3, 2, &dd))
		return -1;
	/* 2001 is not a leap year: 02-29 would have no due day most years */
	if (mm < 1 || mm > 12 || dd < 1 || dd > date_month_days(2001, mm))
		return -1;
	*m = mm;
	*d = dd;
	return 0;
}

int
date_parse(const char *s, int32_t *days)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > date_month_days(y, m))
		return -1;
	*days = date_from_ymd(y, m, d);
	return 0;
}

void
date_format(int32_t days, char out[DATE_LEN])
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	snprintf(out, DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 13u,
		 (unsigned)d % 32u);
}

int32_t
date_shanghai(time_t t)
{
	long long s = (long long)t + SHANGHAI_OFFSET;

	return (int32_t)(s >= 0 ? s / 86400 : (s - 86399) / 86400);
}

int
date_of_instant(const char *iso, int32_t *days)
{
	int32_t day;
	int hh, mm, ss;
	char date[DATE_LEN];

	if (iso == NULL || strlen(iso) != 20 || iso[10] != 'T' || iso[13] != ':' ||
	    iso[16] != ':' || iso[19] != 'Z')
		return -1;
	memcpy(date, iso, 10);
	date[10] = '\0';
	if (date_parse(date, &day) != 0 || digits(iso + 11, 2, &hh) || digits(iso + 14, 2, &mm) ||
	    digits(iso + 17, 2, &ss) || hh > 23 || mm > 59 || ss > 60)
		return -1;
	*days = day + ((hh * 3600 + mm * 60 + ss) + SHANGHAI_OFFSET) / 86400;
	return 0;
}

int32_t
date_month_end(int32_t days)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	return date_from_ymd(y, m, date_month_days(y, m));
}

int
date_quarter(int32_t days)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	return (m - 1) / 3 + 1;
}
