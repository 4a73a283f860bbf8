/*
 * plan_dates.c — date phrases, recurrences and durations (DESIGN §5
 * "Dates"). Each recogniser walks the text once; a phrase is a year part
 * (2022年, 2021全年, 二〇二二年), a month part (10月, 10月中旬, 10月10日) or
 * both, with the prefixes and suffixes that give its kind (到…, 力争…,
 * …前, 自…起), joined into ranges (…至…) and staged lists (2020年、2021年、
 * 2022年底前). Dates without a day resolve to the last day of the period.
 */
#include <stdlib.h>

#include "core/plan_int.h"

/* The part of the period a phrase names, after its year or month. */
enum part {
	PART_WHOLE,     /* 2022年, 10月 */
	PART_END,       /* 底, 末, 年底 */
	PART_H1,        /* 上半年 */
	PART_H2,        /* 下半年 */
	PART_Q1, PART_Q2, PART_Q3, PART_Q4,
	PART_X1,        /* 上旬, 初 */
	PART_X2,        /* 中旬 */
	PART_X3,        /* 下旬 */
	PART_EARLY,     /* 年初 */
	PART_MIDYEAR,   /* 年中 */
	PART_ALL,       /* 全年, 年内, 内, 年度 */
	PART__MAX
};

/* Year-level part words, longest first. */
static const struct {
	const char *word;
	enum part part;
} year_parts[] = {
	{"年底", PART_END}, {"年末", PART_END}, {"上半年", PART_H1},
	{"下半年", PART_H2}, {"全年", PART_ALL}, {"年内", PART_ALL},
	{"年初", PART_EARLY}, {"年中", PART_MIDYEAR},
	{"第一季度", PART_Q1}, {"第二季度", PART_Q2}, {"第三季度", PART_Q3},
	{"第四季度", PART_Q4}, {"一季度", PART_Q1}, {"二季度", PART_Q2},
	{"三季度", PART_Q3}, {"四季度", PART_Q4}, {"第1季度", PART_Q1},
	{"第2季度", PART_Q2}, {"第3季度", PART_Q3}, {"第4季度", PART_Q4},
	{"底", PART_END}, {"末", PART_END}, {"内", PART_ALL}, {"度", PART_ALL},
	{"初", PART_EARLY},
};

/* Month-level part words. */
static const struct {
	const char *word;
	enum part part;
} month_parts[] = {
	{"上旬", PART_X1}, {"中旬", PART_X2}, {"下旬", PART_X3},
	{"底", PART_END}, {"末", PART_END}, {"初", PART_X1},
};

/* Prefixes and suffixes, and the kind they give. */
enum marker {
	MARK_BY,
	MARK_FROM,
	MARK_AT,
	MARK__MAX
};

static const struct {
	const char *word;
	enum marker mark;
} prefixes[] = {
	{"截止到", MARK_BY}, {"力争", MARK_BY}, {"争取", MARK_BY},
	{"截至", MARK_BY}, {"截止", MARK_BY}, {"到", MARK_BY},
	{"于", MARK_AT}, {"自", MARK_FROM}, {"从", MARK_FROM},
};

static const struct {
	const char *word;
	enum marker mark;
} suffixes[] = {
	{"之前", MARK_BY}, {"以前", MARK_BY}, {"为止", MARK_BY},
	{"前", MARK_BY}, {"开始", MARK_FROM}, {"以来", MARK_FROM},
	{"以后", MARK_FROM}, {"起", MARK_FROM},
};

/* Connectors of a range. */
static const char *const range_words[] = {"至", "到", "-", "—", "–", "~"};

/* Characters after a bare number that make it a quantity, not a year. */
static const char *const quantity_chars[] = {
	"万", "亿", "元", "米", "吨", "人", "个", "家", "台", "辆", "次", "座",
	"处", "户", "项", "件", "名", "千", "百", "余", "多", "公", "平", "立",
	"条", "所", "栋", "套", "起", "年", "号", "届", "期", "批", "倍", "分",
	"小", "天", "日", "周", "月", "%",
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* One time expression: a year and/or a month, with its part. */
struct tpoint {
	int y, m, d;
	enum part part;
	int year_explicit;
	int bare;               /* year written without 年 */
	size_t begin, end;
};

static int
valid_year(int y)
{
	return y >= 1949 && y <= 2100;
}

/* The first byte at or after i that is not a space: "2022 年" is a year. */
static size_t
skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/* Whether s[i] may start a number (not inside 50779-2012, GB/T 2019 …). */
static int
number_may_start(const char *s, size_t len, size_t i)
{
	uint32_t c = u8_before(s, len, i);

	return !(is_digit(c) || (c >= 'A' && c <= 'Z') ||
		 (c >= 'a' && c <= 'z') || c == '-' || c == '/' || c == '.' ||
		 c == '_');
}

/* A year at s[i]: 2022年, 二〇二二年, or a bare 2021 in the contexts where
 * plans write it (2021全年, 2020、2021、2022年底, 2024—2026年, 2020制定). */
static int
parse_year(const char *s, size_t len, size_t i, int joined, struct tpoint *tp,
	   size_t *next)
{
	size_t used, adv, k;
	int y;
	uint32_t c;

	if (i < len && is_digit((unsigned char)s[i])) {
		if (!joined && !number_may_start(s, len, i))
			return 0;
		y = ascii_number(s, len, i, &used);
		if (used != 4 || !valid_year(y))
			return 0;
	} else {
		y = cn_number(s, len, i, &used);
		/* only digit-by-digit years: 二〇二二年 */
		if (y < 0 || !valid_year(y) || used != 12)
			return 0;
	}
	k = i + used;
	tp->y = y;
	tp->year_explicit = 1;
	if (at(s, len, skip_spaces(s, len, k), "年")) {
		*next = skip_spaces(s, len, k) + strlen("年");
		return 1;
	}
	if (k >= len)
		return 0;
	/* a bare year */
	if (at(s, len, k, "全年") || at(s, len, k, "上半年") ||
	    at(s, len, k, "下半年") || at(s, len, k, "底") ||
	    at(s, len, k, "、") || at_any(s, len, k, range_words,
					 ARRAY_LEN(range_words), NULL) >= 0) {
		tp->bare = !at(s, len, k, "全年") && !at(s, len, k, "、") &&
			   at_any(s, len, k, range_words, ARRAY_LEN(range_words),
				  NULL) < 0;
		*next = k;
		return 1;
	}
	c = u8_at(s, len, k, &adv);
	if (is_cjk(c) && at_any(s, len, k, quantity_chars,
				ARRAY_LEN(quantity_chars), NULL) < 0) {
		tp->bare = 1;
		*next = k;
		return 1;
	}
	return 0;
}

/* A month (and day or part) at s[i]. */
static int
parse_month(const char *s, size_t len, size_t i, int joined,
	    struct tpoint *tp, size_t *next)
{
	size_t used, k, p;
	int m, d;

	if (!joined && i < len && is_digit((unsigned char)s[i]) &&
	    !number_may_start(s, len, i))
		return 0;
	i = skip_spaces(s, len, i);
	m = any_number(s, len, i, &used);
	if (m < 1 || m > 12)
		return 0;
	k = skip_spaces(s, len, i + used);
	if (!at(s, len, k, "月"))
		return 0;
	k += strlen("月");
	if (at(s, len, k, "份"))
		k += strlen("份");
	tp->m = m;
	tp->part = PART_WHOLE;
	{
		size_t dk = skip_spaces(s, len, k), de;

		d = any_number(s, len, dk, &used);
		if (d >= 1 && d <= 31) {
			de = skip_spaces(s, len, dk + used);
			if (at(s, len, de, "日") || at(s, len, de, "号")) {
				tp->d = d;
				*next = de + strlen("日");
				return 1;
			}
		}
	}
	for (p = 0; p < ARRAY_LEN(month_parts); p++)
		if (at(s, len, k, month_parts[p].word)) {
			tp->part = month_parts[p].part;
			k += strlen(month_parts[p].word);
			break;
		}
	*next = k;
	return 1;
}

/*
 * A time expression at s[i]: year [month [day|part]] | year part | month …
 * (year from ctx). joined: right after a range connector, where "-" does
 * not mean a standard number. Returns 1 with *tp and its end in tp->end.
 */
static int
parse_tpoint(const char *s, size_t len, size_t i, int ctx_year, int joined,
	     struct tpoint *tp)
{
	size_t k = i, p;

	memset(tp, 0, sizeof(*tp));
	tp->begin = i;
	if (parse_year(s, len, i, joined, tp, &k)) {
		struct tpoint mt = *tp;
		size_t mk;

		if (!tp->bare && parse_month(s, len, k, 1, &mt, &mk)) {
			*tp = mt;
			k = mk;
		} else {
			for (p = 0; p < ARRAY_LEN(year_parts); p++)
				if (at(s, len, k, year_parts[p].word)) {
					tp->part = year_parts[p].part;
					k += strlen(year_parts[p].word);
					break;
				}
		}
		tp->end = k;
		return 1;
	}
	if (parse_month(s, len, i, joined, tp, &k)) {
		tp->y = ctx_year;
		tp->year_explicit = 0;
		tp->end = k;
		return 1;
	}
	return 0;
}

/* The first and last day of the period tp names; 0 when it names none. */
static int
tpoint_period(const struct tpoint *tp, struct plan_ymd *start,
	      struct plan_ymd *end)
{
	int y = tp->y, m = tp->m, last;

	if (y == 0)
		return 0;
	start->y = end->y = y;
	if (m == 0) {
		static const int span[PART__MAX][4] = {
			[PART_WHOLE] = {1, 1, 12, 31},
			[PART_END] = {12, 1, 12, 31},
			[PART_H1] = {1, 1, 6, 30},
			[PART_H2] = {7, 1, 12, 31},
			[PART_Q1] = {1, 1, 3, 31},
			[PART_Q2] = {4, 1, 6, 30},
			[PART_Q3] = {7, 1, 9, 30},
			[PART_Q4] = {10, 1, 12, 31},
			[PART_X1] = {1, 1, 1, 31},
			[PART_X2] = {1, 1, 1, 31},
			[PART_X3] = {1, 1, 1, 31},
			[PART_EARLY] = {1, 1, 1, 31},
			[PART_MIDYEAR] = {6, 1, 6, 30},
			[PART_ALL] = {1, 1, 12, 31},
		};
		start->m = span[tp->part][0];
		start->d = span[tp->part][1];
		end->m = span[tp->part][2];
		end->d = span[tp->part][3];
		return 1;
	}
	last = ymd_days_in_month(y, m);
	start->m = end->m = m;
	if (tp->d > 0) {
		if (tp->d > last)
			return 0;
		start->d = end->d = tp->d;
		return 1;
	}
	switch (tp->part) {
	case PART_X1:
		start->d = 1;
		end->d = 10;
		break;
	case PART_X2:
		start->d = 11;
		end->d = 20;
		break;
	case PART_X3:
		start->d = 21;
		end->d = last;
		break;
	default:
		start->d = 1;
		end->d = last;
		break;
	}
	return 1;
}

/* Whether tp names a period rather than a day or an end point. */
static int
tpoint_is_period(const struct tpoint *tp)
{
	return tp->d == 0 && tp->part != PART_END;
}

/* The prefix marker ending at s[i], its start in *pb; -1 when none. */
static int
prefix_before(const char *s, size_t i, size_t *pb)
{
	size_t k;

	for (k = 0; k < ARRAY_LEN(prefixes); k++)
		if (ends_at(s, i, prefixes[k].word)) {
			*pb = i - strlen(prefixes[k].word);
			return (int)prefixes[k].mark;
		}
	return -1;
}

/* The suffix marker at s[i], its length in *sl; -1 when none. */
static int
suffix_at(const char *s, size_t len, size_t i, size_t *sl)
{
	size_t k;

	for (k = 0; k < ARRAY_LEN(suffixes); k++)
		if (at(s, len, i, suffixes[k].word)) {
			*sl = strlen(suffixes[k].word);
			return (int)suffixes[k].mark;
		}
	return -1;
}

/* Whether a time expression at s[i] belongs to a recurrence (每年12月20日). */
static int
in_recurrence(const char *s, size_t i)
{
	return ends_at(s, i, "每年") || ends_at(s, i, "每月") ||
	       ends_at(s, i, "每个月") || ends_at(s, i, "每");
}

int
plan_year_is_baseline(const char *s, size_t len, size_t i)
{
	static const char *const before[] = {"较", "比", "对比", "相较",
					     "相较于", "较之"};
	size_t k, end = i + 16 < len ? i + 16 : len;

	for (k = 0; k < ARRAY_LEN(before); k++)
		if (ends_at(s, i, before[k]))
			return 1;
	if (ends_at(s, i, "与") || ends_at(s, i, "同")) {
		for (k = i; k + 6 <= end; k++)
			if (at(s, len, k, "相比") || at(s, len, k, "同期"))
				return 1;
	}
	if (ends_at(s, i, "以")) {
		for (k = i; k + 6 <= end; k++)
			if (at(s, len, k, "为基"))
				return 1;
	}
	return 0;
}

static void
emit(struct plan_arena *a, const char *s, struct plan_deadline **v, size_t *n,
     size_t *cap, size_t pb, size_t pe, enum plan_date_kind kind,
     const struct plan_ymd *start, const struct plan_ymd *end,
     unsigned faults)
{
	struct plan_deadline *d = PLAN_PUSH(a, *v, *n, *cap);

	d->kind = kind;
	d->begin = pb;
	d->end = pe;
	d->phrase = plan_arena_strndup(a, s + pb, pe - pb);
	d->faults = faults;
	if (start != NULL && end != NULL) {
		d->start = *start;
		d->date = kind == PLAN_DATE_FROM ? *start : *end;
	}
}

/* A "by" date resolved from context that falls before ctx->not_before moves
 * to the next year: "3月底前" written in September means next March. */
static void
bump_year(struct tpoint *tp, enum plan_date_kind kind,
	  const struct plan_date_ctx *ctx, struct plan_ymd *st,
	  struct plan_ymd *en)
{
	if (tp->year_explicit || kind != PLAN_DATE_BY || ctx == NULL ||
	    ctx->not_before.y == 0 || ymd_cmp(en, &ctx->not_before) >= 0)
		return;
	tp->y++;
	tpoint_period(tp, st, en);
}

void
plan_dates_scan_into(struct plan_arena *a, const char *s, size_t len,
		     const struct plan_date_ctx *ctx, struct plan_deadline **v,
		     size_t *n)
{
	size_t cap = *n, i = 0, adv;
	int book = 0, ctx_year = ctx != NULL ? ctx->year : 0;

	while (i < len) {
		struct tpoint t1, t2, stage[8];
		size_t nstage = 0, k, pb, sl;
		int pre, suf, is_range = 0;
		uint32_t c = u8_at(s, len, i, &adv);
		struct plan_ymd st, en, st2, en2;
		enum plan_date_kind kind;
		unsigned faults = 0;

		if (c == 0x300a /* 《 */)
			book++;
		else if (c == 0x300b /* 》 */ && book > 0)
			book--;
		if (book > 0 || !(is_digit(c) || is_cn_numeral(c)) ||
		    !parse_tpoint(s, len, i, ctx_year, 0, &t1) ||
		    in_recurrence(s, i) ||
		    (t1.year_explicit && plan_year_is_baseline(s, len, i))) {
			i += adv;
			continue;
		}
		k = t1.end;
		/* staged: 2020年、2021年、2022年底前 */
		if (t1.m == 0 && t1.part == PART_WHOLE && at(s, len, k, "、")) {
			struct tpoint tn;

			stage[nstage++] = t1;
			while (nstage < ARRAY_LEN(stage) && at(s, len, k, "、") &&
			       parse_tpoint(s, len, k + strlen("、"), ctx_year,
					    0, &tn) &&
			       tn.year_explicit && tn.m == 0) {
				stage[nstage++] = tn;
				k = tn.end;
				if (tn.part != PART_WHOLE || !tn.bare)
					if (!at(s, len, k, "、"))
						break;
			}
			if (nstage < 2)
				nstage = 0;
		}
		if (nstage == 0) {
			size_t rl;

			if (at_any(s, len, k, range_words, ARRAY_LEN(range_words),
				   &rl) >= 0 &&
			    parse_tpoint(s, len, k + rl, t1.y, 1, &t2)) {
				/* 2024—2026年: the first year borrows its 年 */
				if (t1.bare && t2.year_explicit && t1.m == 0)
					t1.bare = 0;
				if (!t2.year_explicit && t1.y == 0)
					t2.y = 0;
				is_range = 1;
				k = t2.end;
			}
		}
		suf = suffix_at(s, len, k, &sl);
		if (suf < 0)
			sl = 0;
		pre = prefix_before(s, i, &pb);
		if (pre < 0 || (pre == MARK_FROM && !is_range &&
				suf != MARK_FROM && suf >= 0))
			pb = i;
		if (nstage > 0) {
			struct tpoint *last = &stage[nstage - 1];
			size_t j;

			kind = suf == MARK_BY || pre == MARK_BY ? PLAN_DATE_BY
								 : PLAN_DATE_ON;
			for (j = 0; j < nstage; j++) {
				struct tpoint tj = stage[j];
				size_t b = j == 0 ? pb : tj.begin;
				size_t e = j + 1 == nstage ? k + sl : tj.end;
				enum plan_date_kind kj = kind;

				tj.part = last->part;
				if (tj.part == PART_WHOLE && kj == PLAN_DATE_ON)
					kj = PLAN_DATE_DURING;
				faults = tj.bare && j + 1 == nstage
						 ? PLAN_DATE_FAULT_BARE_YEAR
						 : 0;
				if (tpoint_period(&tj, &st, &en))
					emit(a, s, v, n, &cap, b, e, kj, &st, &en,
					     faults);
			}
			i = k + sl;
			continue;
		}
		if (t1.y == 0) {        /* no year in context: unresolvable */
			i = k + sl;
			continue;
		}
		if (t1.bare)
			faults |= PLAN_DATE_FAULT_BARE_YEAR;
		if (is_range)
			kind = PLAN_DATE_RANGE;
		else if (suf == MARK_BY || pre == MARK_BY)
			kind = PLAN_DATE_BY;
		else if (suf == MARK_FROM || pre == MARK_FROM)
			kind = PLAN_DATE_FROM;
		else if (tpoint_is_period(&t1))
			kind = PLAN_DATE_DURING;
		else
			kind = PLAN_DATE_ON;
		if (!tpoint_period(&t1, &st, &en)) {
			emit(a, s, v, n, &cap, pb, k + sl, kind, NULL, NULL,
			     faults | PLAN_DATE_FAULT_INVALID);
			i = k + sl;
			continue;
		}
		bump_year(&t1, kind, ctx, &st, &en);
		if (is_range) {
			if (t2.y == 0 || !tpoint_period(&t2, &st2, &en2)) {
				emit(a, s, v, n, &cap, pb, k + sl, kind, NULL,
				     NULL, faults | PLAN_DATE_FAULT_INVALID);
				i = k + sl;
				continue;
			}
			en = en2;
		}
		emit(a, s, v, n, &cap, pb, k + sl, kind, &st, &en, faults);
		if (t1.year_explicit)
			ctx_year = t1.y;
		if (is_range && t2.year_explicit)
			ctx_year = t2.y;
		i = k + sl;
	}
}

struct plan_dates *
plan_dates_scan_new(const char *s, size_t len, const struct plan_date_ctx *ctx)
{
	struct plan_dates *d = calloc(1, sizeof(*d));

	if (d == NULL)
		abort();
	d->arena = plan_arena_new();
	plan_dates_scan_into(d->arena, s, len, ctx, &d->v, &d->n);
	return d;
}

void
plan_dates_free(struct plan_dates *d)
{
	if (d == NULL)
		return;
	plan_arena_free(d->arena);
	free(d);
}

/* ------------------------------------------------------------ recurrence */

static const struct {
	const char *word;
	enum plan_every every;
} every_units[] = {
	{"半年", PLAN_EVERY_HALF_YEAR}, {"季度", PLAN_EVERY_QUARTER},
	{"年度", PLAN_EVERY_YEAR}, {"星期", PLAN_EVERY_WEEK},
	{"年", PLAN_EVERY_YEAR}, {"月", PLAN_EVERY_MONTH},
	{"季", PLAN_EVERY_QUARTER}, {"周", PLAN_EVERY_WEEK},
	{"日", PLAN_EVERY_DAY}, {"天", PLAN_EVERY_DAY},
};

void
plan_recurrences_scan_into(struct plan_arena *a, const char *s, size_t len,
			   struct plan_recurrence **v, size_t *n)
{
	size_t cap = *n, i = 0, adv;

	while (i < len) {
		struct plan_recurrence r;
		size_t k, used, u, sl;
		int num;

		if (!at(s, len, i, "每")) {
			u8_at(s, len, i, &adv);
			i += adv;
			continue;
		}
		memset(&r, 0, sizeof(r));
		r.interval = 1;
		k = i + strlen("每");
		num = any_number(s, len, k, &used);
		if (num > 1 && num < 100 && !at(s, len, k + used, "月") &&
		    !at(s, len, k + used, "日")) {
			r.interval = num;
			k += used;
		}
		if (at(s, len, k, "个"))
			k += strlen("个");
		for (u = 0; u < ARRAY_LEN(every_units); u++)
			if (at(s, len, k, every_units[u].word))
				break;
		if (u == ARRAY_LEN(every_units)) {
			i += strlen("每");
			continue;
		}
		r.every = every_units[u].every;
		k += strlen(every_units[u].word);
		if (r.every == PLAN_EVERY_YEAR) {
			struct tpoint tp;
			size_t mk;

			memset(&tp, 0, sizeof(tp));
			if (parse_month(s, len, k, 1, &tp, &mk)) {
				r.month = tp.m;
				r.day = tp.d > 0 ? tp.d
						 : tp.part == PART_END
							   ? ymd_days_in_month(2001, tp.m)
							   : 0;
				k = mk;
			} else if (at(s, len, k, "年底") || at(s, len, k, "年末")) {
				r.month = 12;
				r.day = 31;
				k += strlen("年底");
			} else if (at(s, len, k, "底") || at(s, len, k, "末")) {
				r.month = 12;
				r.day = 31;
				k += strlen("底");
			}
		} else if (r.every == PLAN_EVERY_MONTH) {
			int w, d;

			if (at(s, len, k, "第") &&
			    (w = any_number(s, len, k + strlen("第"), &used)) >= 1 &&
			    w <= 5 && at(s, len, k + strlen("第") + used, "周")) {
				r.week = w;
				k += strlen("第") + used + strlen("周");
			} else if ((d = any_number(s, len, k, &used)) >= 1 &&
				   d <= 31 &&
				   (at(s, len, k + used, "日") ||
				    at(s, len, k + used, "号"))) {
				r.day = d;
				k += used + strlen("日");
			} else if (at(s, len, k, "底") || at(s, len, k, "末")) {
				r.day = 31;
				k += strlen("底");
			}
		}
		if (suffix_at(s, len, k, &sl) == MARK_BY &&
		    (r.day > 0 || r.month > 0)) {
			r.by = 1;
			k += sl;
		}
		r.begin = i;
		r.end = k;
		r.phrase = plan_arena_strndup(a, s + i, k - i);
		*PLAN_PUSH(a, *v, *n, cap) = r;
		i = k;
	}
}

struct plan_recurrences *
plan_recurrences_scan_new(const char *s, size_t len)
{
	struct plan_recurrences *r = calloc(1, sizeof(*r));

	if (r == NULL)
		abort();
	r->arena = plan_arena_new();
	plan_recurrences_scan_into(r->arena, s, len, &r->v, &r->n);
	return r;
}

void
plan_recurrences_free(struct plan_recurrences *r)
{
	if (r == NULL)
		return;
	plan_arena_free(r->arena);
	free(r);
}

/* ------------------------------------------------------------- durations */

static const char *const dur_prefixes[] = {"利用", "通过", "经过", "历时",
					   "用", "花"};
static const char *const dur_suffixes[] = {"左右时间", "时间", "以内", "之内",
					   "内"};
static const struct {
	const char *word;
	enum plan_dur_unit unit;
} dur_units[] = {
	{"个月", PLAN_DUR_MONTH}, {"年", PLAN_DUR_YEAR}, {"周", PLAN_DUR_WEEK},
	{"天", PLAN_DUR_DAY}, {"个工作日", PLAN_DUR_DAY},
};

void
plan_durations_scan_into(struct plan_arena *a, const char *s, size_t len,
			 struct plan_duration **v, size_t *n)
{
	size_t cap = *n, i = 0, adv;

	while (i < len) {
		size_t used, k, u, sl, pb = i;
		int num;
		uint32_t c = u8_at(s, len, i, &adv);
		struct plan_duration *d;

		if (!(is_digit(c) || is_cn_numeral(c)) ||
		    !number_may_start(s, len, i) ||
		    (num = any_number(s, len, i, &used)) <= 0 || num > 100) {
			i += adv;
			continue;
		}
		k = i + used;
		for (u = 0; u < ARRAY_LEN(dur_units); u++)
			if (at(s, len, k, dur_units[u].word))
				break;
		if (u == ARRAY_LEN(dur_units)) {
			i += adv;
			continue;
		}
		k += strlen(dur_units[u].word);
		if (at_any(s, len, k, dur_suffixes, ARRAY_LEN(dur_suffixes),
			   &sl) < 0) {
			i += adv;
			continue;
		}
		k += sl;
		for (u = 0; u < ARRAY_LEN(dur_prefixes); u++)
			if (ends_at(s, i, dur_prefixes[u])) {
				pb = i - strlen(dur_prefixes[u]);
				break;
			}
		d = PLAN_PUSH(a, *v, *n, cap);
		d->value = num;
		for (u = 0; u < ARRAY_LEN(dur_units); u++)
			if (at(s, len, i + used, dur_units[u].word))
				break;
		d->unit = dur_units[u].unit;
		d->begin = pb;
		d->end = k;
		d->phrase = plan_arena_strndup(a, s + pb, k - pb);
		i = k;
	}
}

struct plan_durations *
plan_durations_scan_new(const char *s, size_t len)
{
	struct plan_durations *d = calloc(1, sizeof(*d));

	if (d == NULL)
		abort();
	d->arena = plan_arena_new();
	plan_durations_scan_into(d->arena, s, len, &d->v, &d->n);
	return d;
}

void
plan_durations_free(struct plan_durations *d)
{
	if (d == NULL)
		return;
	plan_arena_free(d->arena);
	free(d);
}
