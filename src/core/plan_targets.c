/*
 * plan_targets.c — numeric targets (DESIGN §5 "Targets"): a percentage, or
 * a number with a unit and a comparator ("不少于3个月"), with what it
 * measures (its clause), its comparator, its baseline year (较2019年下降10%)
 * and the deadline of the date phrase that governs it, so that staged
 * targets ("2020年…60%以上；2021年…80%以上") get one deadline each.
 */
#include <stdlib.h>

#include "core/plan_int.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Comparator words written before the number, longest first where one is a
 * suffix of another. strict: only these make a plain count a target. */
static const struct {
	const char *word;
	enum plan_cmp cmp;
	int counts;     /* also makes a non-percentage number a target */
} left_words[] = {
	{"不低于", PLAN_CMP_GE, 1}, {"不少于", PLAN_CMP_GE, 1},
	{"不小于", PLAN_CMP_GE, 1}, {"不超过", PLAN_CMP_LE, 1},
	{"不高于", PLAN_CMP_LE, 1}, {"不大于", PLAN_CMP_LE, 1},
	{"控制在", PLAN_CMP_LE, 1}, {"下降到", PLAN_CMP_LE, 0},
	{"下降至", PLAN_CMP_LE, 0}, {"降低到", PLAN_CMP_LE, 0},
	{"降低至", PLAN_CMP_LE, 0}, {"减少到", PLAN_CMP_LE, 0},
	{"降至", PLAN_CMP_LE, 0}, {"降到", PLAN_CMP_LE, 0},
	{"提高到", PLAN_CMP_GE, 0}, {"提高至", PLAN_CMP_GE, 0},
	{"提升到", PLAN_CMP_GE, 0}, {"提升至", PLAN_CMP_GE, 0},
	{"增加到", PLAN_CMP_GE, 0}, {"至少", PLAN_CMP_GE, 1},
	{"达到", PLAN_CMP_GE, 1}, {"超过", PLAN_CMP_GT, 0},
	{"高于", PLAN_CMP_GT, 0}, {"大于", PLAN_CMP_GT, 0},
	{"低于", PLAN_CMP_LT, 0}, {"少于", PLAN_CMP_LT, 0},
	{"小于", PLAN_CMP_LT, 0}, {"下降", PLAN_CMP_DECREASE, 0},
	{"减少", PLAN_CMP_DECREASE, 0}, {"降低", PLAN_CMP_DECREASE, 0},
	{"压减", PLAN_CMP_DECREASE, 0}, {"增长", PLAN_CMP_INCREASE, 0},
	{"提高", PLAN_CMP_INCREASE, 0}, {"提升", PLAN_CMP_INCREASE, 0},
	{"增加", PLAN_CMP_INCREASE, 0}, {"上升", PLAN_CMP_INCREASE, 0},
	{"达", PLAN_CMP_GE, 0},
};

/* Comparator words written after the number and its unit. */
static const struct {
	const char *word;
	enum plan_cmp cmp;
} right_words[] = {
	{"及以上", PLAN_CMP_GE}, {"及以下", PLAN_CMP_LE}, {"以上", PLAN_CMP_GE},
	{"以下", PLAN_CMP_LE}, {"以内", PLAN_CMP_LE}, {"之内", PLAN_CMP_LE},
};

/* Units of counted targets, longest first. */
static const char *const count_units[] = {
	"个百分点", "个工作日", "个月", "小时", "万元", "亿元", "人次", "公里",
	"千米", "万吨", "元", "人", "家", "个", "次", "座", "处", "所", "辆",
	"台", "套", "项", "条", "米", "吨", "天", "周", "场", "期", "批", "户",
	"名", "支", "年",
};

/* Whether c ends a clause: the granularity of a target's text. */
static int
clause_end(uint32_t c)
{
	return c == 0x3002 || c == ';' || c == ',' || c == ':' || c == '!' ||
	       c == '?' || c == '\n';
}

/* Whether c ends a segment: the reach of a date over its targets. */
static int
segment_end(uint32_t c)
{
	return c == 0x3002 || c == ';' || c == '!' || c == '?' || c == '\n';
}

/* A number at s[i]: digits with an optional decimal part; *used. */
static int
parse_decimal(const char *s, size_t len, size_t i, double *val, size_t *used)
{
	size_t k = i;
	double v = 0, scale = 0.1;

	if (k >= len || !is_digit((unsigned char)s[k]))
		return 0;
	while (k < len && is_digit((unsigned char)s[k]) && k - i < 12)
		v = v * 10 + (s[k++] - '0');
	if (k + 1 < len && s[k] == '.' && is_digit((unsigned char)s[k + 1])) {
		k++;
		while (k < len && is_digit((unsigned char)s[k]) && scale > 1e-9) {
			v += (s[k++] - '0') * scale;
			scale /= 10;
		}
	}
	*val = v;
	*used = k - i;
	return 1;
}

/* The start of the clause (or segment) holding s[i]. */
static size_t
span_start(const char *s, size_t len, size_t i, int (*end)(uint32_t))
{
	size_t adv;

	while (i > 0) {
		size_t p = u8_prev(s, i);

		if (end(u8_at(s, len, p, &adv)))
			break;
		i = p;
	}
	return i;
}

static size_t
span_end(const char *s, size_t len, size_t i, int (*end)(uint32_t))
{
	size_t adv;

	while (i < len && !end(u8_at(s, len, i, &adv)))
		i += adv;
	return i;
}

/* The comparator word nearest before i, after from: its index, or -1. */
static int
left_comparator(const char *s, size_t from, size_t i, size_t *wpos)
{
	size_t k = i, w, j, q;

	while (k > from) {
		k = u8_prev(s, k);
		for (w = 0; w < ARRAY_LEN(left_words); w++)
			if (at(s, i, k, left_words[w].word))
				break;
		if (w == ARRAY_LEN(left_words))
			continue;
		/* 低于 inside 不低于, 降到 inside 下降到: the longer word wins */
		q = k;
		for (j = 0; j < 2 && q > from; j++) {
			size_t end = k + strlen(left_words[w].word), v;

			q = u8_prev(s, q);
			for (v = 0; v < ARRAY_LEN(left_words); v++)
				if (at(s, i, q, left_words[v].word) &&
				    q + strlen(left_words[v].word) >= end) {
					k = q;
					w = v;
					break;
				}
		}
		*wpos = k;
		return (int)w;
	}
	return -1;
}

/* Whether s[b..e) only joins two items of a list: 、 和 及 与 or blanks. */
static int
list_between(const char *s, size_t b, size_t e)
{
	static const char *const joins[] = {"、", "和", "及", "与", " "};
	size_t kl;

	while (b < e) {
		if (at_any(s, e, b, joins, ARRAY_LEN(joins), &kl) < 0)
			return 0;
		b += kl;
	}
	return 1;
}

/* The baseline year in s[from..i): 较2019年, 比2019年, 与2019年相比. */
static int
baseline_in(const char *s, size_t len, size_t from, size_t i)
{
	size_t k, used;
	int y;

	for (k = from; k + 4 <= i; k++) {
		if (!is_digit((unsigned char)s[k]) ||
		    (k > 0 && is_digit((unsigned char)s[k - 1])))
			continue;
		y = ascii_number(s, len, k, &used);
		if (used == 4 && y >= 1949 && y <= 2100 &&
		    plan_year_is_baseline(s, len, k))
			return y;
	}
	return 0;
}

void
plan_targets_scan_into(struct plan_arena *a, const char *s, size_t len,
		       const struct plan_date_ctx *ctx, struct plan_target **v,
		       size_t *n)
{
	struct plan_deadline *dates = NULL;
	size_t ndates = 0, cap = *n, i = 0, adv, prev_num = 0, first = *n;
	int book = 0;

	plan_dates_scan_into(a, s, len, ctx, &dates, &ndates);
	while (i < len) {
		uint32_t c = u8_at(s, len, i, &adv);
		double val;
		size_t used, k, ul = 0, cb, ce, sb, wpos = 0, d;
		int w, r, is_pct = 0, inherited;
		const char *unit = "";
		enum plan_cmp cmp = PLAN_CMP_GE;
		struct plan_target *t;

		if (c == 0x300a)
			book++;
		else if (c == 0x300b && book > 0)
			book--;
		if (book > 0) {
			i += adv;
			continue;
		}
		if (at(s, len, i, "百分之")) {
			int cv = any_number(s, len, i + strlen("百分之"), &used);

			if (cv <= 0) {
				i += adv;
				continue;
			}
			val = cv;
			k = i + strlen("百分之") + used;
			is_pct = 1;
			unit = "%";
		} else if (is_digit(c) && !is_digit(u8_before(s, len, i)) &&
			   u8_before(s, len, i) != '.' &&
			   parse_decimal(s, len, i, &val, &used)) {
			k = i + used;
			while (k < len && s[k] == ' ')
				k++;
			if (at(s, len, k, "%")) {
				is_pct = 1;
				unit = "%";
				ul = 1;
			} else if (at(s, len, k, "‰")) {
				is_pct = 1;
				unit = "‰";
				ul = strlen("‰");
			}
			k += ul;
		} else if (is_cn_numeral(c) && i > 0 &&
			   (ends_at(s, i, "不少于") || ends_at(s, i, "至少") ||
			    ends_at(s, i, "不低于")) &&
			   (w = cn_number(s, len, i, &used)) > 0) {
			val = w;
			k = i + used;
		} else {
			i += adv;
			continue;
		}
		if (!is_pct) {
			if (at(s, len, k, "-") || at(s, len, k, "—")) {
				i = k;          /* a range: 2-3家 */
				continue;
			}
			w = at_any(s, len, k, count_units, ARRAY_LEN(count_units),
				   &ul);
			if (w < 0) {
				i = k > i ? k : i + adv;
				continue;
			}
			unit = count_units[w];
			/* 2022年 is a date, not a count of years */
			if (val >= 100 && strcmp(unit, "年") == 0) {
				i = k + ul;
				continue;
			}
			k += ul;
		}
		cb = span_start(s, len, i, clause_end);
		ce = span_end(s, len, k, clause_end);
		/* the comparator: after the number, else the nearest before */
		r = -1;
		for (size_t q = 0; q < ARRAY_LEN(right_words); q++)
			if (at(s, len, k, right_words[q].word)) {
				r = (int)q;
				break;
			}
		w = left_comparator(s, prev_num > cb ? prev_num : cb, i, &wpos);
		/* 较2023年分别下降15%、10%以上: a list shares its verb */
		inherited = 0;
		if (w < 0 && *n > first && prev_num > cb &&
		    list_between(s, prev_num, i) &&
		    ((*v)[*n - 1].cmp == PLAN_CMP_DECREASE ||
		     (*v)[*n - 1].cmp == PLAN_CMP_INCREASE) &&
		    (is_pct || r >= 0)) {
			cmp = (*v)[*n - 1].cmp;
			inherited = 1;
		}
		if (inherited) {
			/* the comparator of the list */
		} else if (r >= 0) {
			size_t after = k + strlen(right_words[r].word);
			uint32_t nc = after < len ? u8_at(s, len, after, &adv) : 0;

			cmp = right_words[r].cmp;
			/* 57座以上大客车 describes, it does not require */
			if (!is_pct && (is_cjk(nc) || nc == 0x300a)) {
				i = after;
				continue;
			}
			if (w >= 0 && left_words[w].cmp == PLAN_CMP_DECREASE)
				cmp = PLAN_CMP_DECREASE;
			if (w >= 0 && left_words[w].cmp == PLAN_CMP_INCREASE)
				cmp = PLAN_CMP_INCREASE;
		} else if (w >= 0) {
			cmp = left_words[w].cmp;
			if (!is_pct && !left_words[w].counts) {
				i = k;
				continue;
			}
		} else if (!is_pct) {
			i = k;
			continue;
		}
		t = PLAN_PUSH(a, *v, *n, cap);
		t->value = val;
		t->unit = unit;
		t->cmp = cmp;
		t->begin = i;
		t->end = k;
		{
			size_t tb = cb, te = ce;

			trim_span(s, &tb, &te);
			t->text = plan_arena_strndup(a, s + tb, te - tb);
		}
		sb = span_start(s, len, i, segment_end);
		/* a baseline only measures a change: 较2019年下降10% */
		if (cmp == PLAN_CMP_DECREASE || cmp == PLAN_CMP_INCREASE)
			t->baseline_year = baseline_in(s, len, sb, i);
		/* the deadline: the last date before it in its segment, else
		 * the first after it in its clause */
		for (d = ndates; d-- > 0;) {
			if (dates[d].end <= i && dates[d].begin >= sb &&
			    dates[d].kind != PLAN_DATE_FROM && dates[d].date.y) {
				t->deadline = dates[d].date;
				break;
			}
		}
		if (t->deadline.y == 0)
			for (d = 0; d < ndates; d++)
				if (dates[d].begin >= k && dates[d].end <= ce &&
				    dates[d].kind != PLAN_DATE_FROM &&
				    dates[d].date.y) {
					t->deadline = dates[d].date;
					break;
				}
		/* else a date that is the heading of the whole text: "(五)
		 * 2022年底前。…覆盖面达100%" */
		if (t->deadline.y == 0 && ndates > 0 && dates[0].end <= i &&
		    dates[0].kind != PLAN_DATE_FROM && dates[0].date.y) {
			size_t hb = 0, he = dates[0].begin, after = dates[0].end;

			trim_span(s, &hb, &he);
			while (after < len && s[after] == ' ')
				after++;
			if (hb == he && (at(s, len, after, "。") ||
					 at(s, len, after, ":")))
				t->deadline = dates[0].date;
		}
		prev_num = k;
		i = k;
	}
}

struct plan_targets *
plan_targets_scan_new(const char *s, size_t len,
		      const struct plan_date_ctx *ctx)
{
	struct plan_targets *t = calloc(1, sizeof(*t));

	if (t == NULL)
		abort();
	t->arena = plan_arena_new();
	plan_targets_scan_into(t->arena, s, len, ctx, &t->v, &t->n);
	return t;
}

void
plan_targets_free(struct plan_targets *t)
{
	if (t == NULL)
		return;
	plan_arena_free(t->arena);
	free(t);
}
