/*
 * plan_util.c — the arena, the name tables of the plan enums, numerals and
 * small text helpers shared by the plan parser.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan_int.h"

/* ------------------------------------------------------------- names */

static const char *const kind_names[PLAN_KIND__MAX] = {
	[PLAN_KIND_PLAN] = "plan",
	[PLAN_KIND_SECTION] = "section",
	[PLAN_KIND_TOPIC] = "topic",
	[PLAN_KIND_SPECIAL] = "special",
	[PLAN_KIND_TASK] = "task",
	[PLAN_KIND_ITEM] = "item",
};

static const char *const category_names[PLAN_CAT__MAX] = {
	[PLAN_CAT_NONE] = NULL,
	[PLAN_CAT_TOPIC] = "topic",
	[PLAN_CAT_SPECIAL] = "special",
};

static const char *const date_kind_names[PLAN_DATE__MAX] = {
	[PLAN_DATE_BY] = "by",
	[PLAN_DATE_ON] = "on",
	[PLAN_DATE_DURING] = "during",
	[PLAN_DATE_FROM] = "from",
	[PLAN_DATE_RANGE] = "range",
};

static const char *const every_names[PLAN_EVERY__MAX] = {
	[PLAN_EVERY_DAY] = "day",
	[PLAN_EVERY_WEEK] = "week",
	[PLAN_EVERY_MONTH] = "month",
	[PLAN_EVERY_QUARTER] = "quarter",
	[PLAN_EVERY_HALF_YEAR] = "half_year",
	[PLAN_EVERY_YEAR] = "year",
};

static const char *const cmp_names[PLAN_CMP__MAX] = {
	[PLAN_CMP_GE] = ">=",
	[PLAN_CMP_LE] = "<=",
	[PLAN_CMP_GT] = ">",
	[PLAN_CMP_LT] = "<",
	[PLAN_CMP_DECREASE] = "decrease",
	[PLAN_CMP_INCREASE] = "increase",
};

static const char *const dur_names[PLAN_DUR__MAX] = {
	[PLAN_DUR_DAY] = "day",
	[PLAN_DUR_WEEK] = "week",
	[PLAN_DUR_MONTH] = "month",
	[PLAN_DUR_YEAR] = "year",
};

static const char *const severity_names[PLAN_SEV__MAX] = {
	[PLAN_SEV_WARNING] = "warning",
	[PLAN_SEV_NOTE] = "note",
};

static const char *const role_names[PLAN_ROLE__MAX] = {
	[PLAN_ROLE_LEAD] = "lead",
	[PLAN_ROLE_CO] = "co",
	[PLAN_ROLE_LOCALITY] = "localities",
	[PLAN_ROLE_OVERSEER] = "overseer",
};

#define NAME_OF(table, max, v) \
	((int)(v) >= 0 && (v) < (max) ? (table)[(v)] : NULL)

const char *
plan_kind_name(enum plan_kind k)
{
	return NAME_OF(kind_names, PLAN_KIND__MAX, k);
}

const char *
plan_category_name(enum plan_category c)
{
	return NAME_OF(category_names, PLAN_CAT__MAX, c);
}

const char *
plan_date_kind_name(enum plan_date_kind k)
{
	return NAME_OF(date_kind_names, PLAN_DATE__MAX, k);
}

const char *
plan_every_name(enum plan_every e)
{
	return NAME_OF(every_names, PLAN_EVERY__MAX, e);
}

const char *
plan_cmp_name(enum plan_cmp c)
{
	return NAME_OF(cmp_names, PLAN_CMP__MAX, c);
}

const char *
plan_dur_unit_name(enum plan_dur_unit u)
{
	return NAME_OF(dur_names, PLAN_DUR__MAX, u);
}

const char *
plan_severity_name(enum plan_severity s)
{
	return NAME_OF(severity_names, PLAN_SEV__MAX, s);
}

const char *
plan_role_name(enum plan_role r)
{
	return NAME_OF(role_names, PLAN_ROLE__MAX, r);
}

void
plan_ymd_format(const struct plan_ymd *d, char buf[11])
{
	if (d == NULL || d->y == 0) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d->y % 10000u,
		 (unsigned)d->m % 100u, (unsigned)d->d % 100u);
}

/* ------------------------------------------------------------- arena */

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

struct plan_arena {
	struct arena_block *head;
};

#define ARENA_BLOCK (64 * 1024)

static void *
xmalloc(size_t size)
{
	void *p = malloc(size);

	if (p == NULL) {
		fputs("hazardnet: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
plan_xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (q == NULL) {
		fputs("hazardnet: out of memory\n", stderr);
		abort();
	}
	return q;
}

struct plan_arena *
plan_arena_new(void)
{
	struct plan_arena *a = xmalloc(sizeof(*a));

	a->head = NULL;
	return a;
}

void
plan_arena_free(struct plan_arena *a)
{
	struct arena_block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
plan_arena_alloc(struct plan_arena *a, size_t size)
{
	void *p = plan_arena_alloc_raw(a, size);

	memset(p, 0, size);
	return p;
}

void *
plan_arena_alloc_raw(struct plan_arena *a, size_t size)
{
	struct arena_block *b = a->head;
	size_t align = sizeof(max_align_t);
	void *p;

	size = (size + align - 1) / align * align;
	if (size == 0)
		size = align;
	if (b == NULL || b->size - b->used < size) {
		size_t want = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + want);
		b->used = 0;
		b->size = want;
		/* Big blocks go behind the current one so its room is kept. */
		if (a->head != NULL && want != ARENA_BLOCK) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += size;
	return p;
}

char *
plan_arena_strndup(struct plan_arena *a, const char *s, size_t len)
{
	char *p = plan_arena_alloc(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
plan_arena_printf(struct plan_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	p = plan_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
plan_arena_push(struct plan_arena *a, void *vp, size_t *n, size_t *cap,
		size_t elsz)
{
	char *v;

	memcpy(&v, vp, sizeof(v));
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		char *nv = plan_arena_alloc_raw(a, ncap * elsz);

		if (*n > 0)
			memcpy(nv, v, *n * elsz);
		memset(nv + *n * elsz, 0, (ncap - *n) * elsz);
		v = nv;
		*cap = ncap;
		memcpy(vp, &v, sizeof(v));
	}
	(*n)++;
	return v + (*n - 1) * elsz;
}

/* ------------------------------------------------------------- text */

size_t
u8_count(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

int
at_any(const char *s, size_t len, size_t i, const char *const *kws, size_t n,
       size_t *klen)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (at(s, len, i, kws[k])) {
			if (klen != NULL)
				*klen = strlen(kws[k]);
			return (int)k;
		}
	return -1;
}

void
trim_span(const char *s, size_t *b, size_t *e)
{
	size_t adv;

	while (*b < *e && is_blank(u8_at(s, *e, *b, &adv)))
		*b += adv;
	while (*e > *b) {
		size_t p = u8_prev(s, *e);

		if (!is_blank(u8_at(s, *e, p, &adv)))
			break;
		*e = p;
	}
}

int
plan_paren_match(const char *s, size_t len, size_t i, size_t *close)
{
	size_t depth = 0, k;

	if (i >= len || s[i] != '(')
		return 0;
	for (k = i; k < len; k++) {
		if (s[k] == '(')
			depth++;
		else if (s[k] == ')' && --depth == 0) {
			*close = k;
			return 1;
		} else if (s[k] == '\n')
			break;
	}
	return 0;
}

/* ------------------------------------------------------------- numerals */

/* 一 … 九 by code point; 0 when c is not one. */
static int
cn_digit(uint32_t c)
{
	static const struct {
		uint32_t cp;
		int v;
	} digits[] = {
		{0x3007, 0}, {0x96f6, 0}, {0x4e00, 1}, {0x4e8c, 2}, {0x4e24, 2},
		{0x4e09, 3}, {0x56db, 4}, {0x4e94, 5}, {0x516d, 6}, {0x4e03, 7},
		{0x516b, 8}, {0x4e5d, 9},
	};
	size_t k;

	for (k = 0; k < sizeof(digits) / sizeof(digits[0]); k++)
		if (digits[k].cp == c)
			return digits[k].v;
	return -1;
}

#define CP_SHI 0x5341   /* 十 */
#define CP_BAI 0x767e   /* 百 */
#define CP_QIAN 0x5343  /* 千 */

int
cn_number(const char *s, size_t len, size_t i, size_t *used)
{
	int dv[8];
	size_t n = 0, k = i, adv, j;
	int total = 0, cur = -1, has_unit = 0;

	while (k < len && n < 8) {
		uint32_t c = u8_at(s, len, k, &adv);
		int d = cn_digit(c);

		if (d < 0) {
			if (c == CP_SHI)
				d = -10;
			else if (c == CP_BAI)
				d = -100;
			else if (c == CP_QIAN)
				d = -1000;
			else
				break;
			has_unit = 1;
		}
		dv[n++] = d;
		k += adv;
	}
	if (n == 0)
		return -1;
	if (!has_unit) {
		/* 三, or digit by digit: 二〇二二 */
		if (n > 4)
			return -1;
		for (j = 0; j < n; j++)
			total = total * 10 + dv[j];
	} else {
		for (j = 0; j < n; j++) {
			if (dv[j] >= 0) {
				if (cur >= 0)
					return -1;
				cur = dv[j];
			} else {
				if (cur == 0)
					return -1;
				total += (cur < 0 ? 1 : cur) * -dv[j];
				cur = -1;
			}
		}
		if (cur > 0)
			total += cur;
	}
	if (total <= 0)
		return -1;
	*used = k - i;
	return total;
}

int
ascii_number(const char *s, size_t len, size_t i, size_t *used)
{
	size_t k = i;
	int v = 0;

	while (k < len && s[k] >= '0' && s[k] <= '9' && k - i < 9)
		v = v * 10 + (s[k++] - '0');
	if (k == i || (k < len && s[k] >= '0' && s[k] <= '9'))
		return -1;
	*used = k - i;
	return v;
}

int
any_number(const char *s, size_t len, size_t i, size_t *used)
{
	int v = ascii_number(s, len, i, used);

	return v >= 0 ? v : cn_number(s, len, i, used);
}

int
ymd_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
ymd_cmp(const struct plan_ymd *a, const struct plan_ymd *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}
