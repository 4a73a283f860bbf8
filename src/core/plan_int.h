/*
 * plan_int.h — private declarations shared by the plan_*.c files: the
 * arena every result is allocated from, UTF-8 helpers and the small
 * recognisers the parts have in common.
 */
#ifndef HN_PLAN_INT_H
#define HN_PLAN_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/plan.h"

/* ------------------------------------------------------------------ arena */

/* A bump allocator; freed as a whole. Allocation failure aborts. */
struct plan_arena *plan_arena_new(void);
void plan_arena_free(struct plan_arena *a);
void *plan_arena_alloc(struct plan_arena *a, size_t size);     /* zeroed */
void *plan_arena_alloc_raw(struct plan_arena *a, size_t size); /* not */
char *plan_arena_strndup(struct plan_arena *a, const char *s, size_t len);
char *plan_arena_printf(struct plan_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Make room for one more element in the array *v of *n elements of size
 * elsz, capacity *cap, reallocating from the arena; returns the slot.
 */
void *plan_arena_push(struct plan_arena *a, void *vp, size_t *n, size_t *cap,
		      size_t elsz);
#define PLAN_PUSH(a, arr, n, cap) \
	((__typeof__(arr))plan_arena_push((a), &(arr), &(n), &(cap), sizeof(*(arr))))

/* malloc/realloc that abort on failure (working buffers outside arenas). */
void *plan_xrealloc(void *p, size_t size);

/* ------------------------------------------------------------------- utf-8 */

/* The code point at s[i] (s valid UTF-8); its byte length in *adv. */
static inline uint32_t
u8_at(const char *s, size_t len, size_t i, size_t *adv)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t rest = len - i;

	if (p[0] < 0x80 || rest < 2) {
		*adv = 1;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0) {
		*adv = 2;
		return ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
	}
	if ((p[0] & 0xf0) == 0xe0 && rest >= 3) {
		*adv = 3;
		return ((uint32_t)(p[0] & 0x0f) << 12) |
		       ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
	}
	if ((p[0] & 0xf8) == 0xf0 && rest >= 4) {
		*adv = 4;
		return ((uint32_t)(p[0] & 0x07) << 18) |
		       ((uint32_t)(p[1] & 0x3f) << 12) |
		       ((uint32_t)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
	}
	*adv = 1;
	return p[0];
}

/* The start of the code point before byte offset i (i > 0). */
static inline size_t
u8_prev(const char *s, size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80);
	return i;
}

/* The code point before byte offset i, or 0 at the start. */
static inline uint32_t
u8_before(const char *s, size_t len, size_t i)
{
	size_t adv;

	if (i == 0)
		return 0;
	return u8_at(s, len, u8_prev(s, i), &adv);
}

/* Code points in s[0..len). */
size_t u8_count(const char *s, size_t len);

static inline int
is_cjk(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
}

static inline int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static inline int
is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0x3000 ||
	       c == 0xa0 || c == 0xfeff;
}

/* Sentence-ending or clause-separating punctuation after NFKC. */
static inline int
is_clause_punct(uint32_t c)
{
	return c == 0x3002 /* 。 */ || c == ';' || c == ',' || c == ':' ||
	       c == 0x3001 /* 、 */ || c == '!' || c == '?' || c == '.';
}

/* True when s[i..len) starts with the NUL-terminated kw. */
static inline int
at(const char *s, size_t len, size_t i, const char *kw)
{
	size_t k;

	/* most calls fail on the first two bytes: test them before strlen */
	if (i >= len || s[i] != kw[0])
		return 0;
	if (kw[1] != '\0' && (i + 1 >= len || s[i + 1] != kw[1]))
		return 0;
	k = strlen(kw);
	return len - i >= k && memcmp(s + i, kw, k) == 0;
}

/* True when s[0..i) ends with kw. */
static inline int
ends_at(const char *s, size_t i, const char *kw)
{
	size_t k = strlen(kw);

	return i >= k && s[i - 1] == kw[k - 1] && memcmp(s + i - k, kw, k) == 0;
}

/* Whether c may start a number written in Chinese: 〇 零 一 … 九 两 十 百 千. */
static inline int
is_cn_numeral(uint32_t c)
{
	switch (c) {
	case 0x3007: case 0x96f6: case 0x4e00: case 0x4e8c: case 0x4e24:
	case 0x4e09: case 0x56db: case 0x4e94: case 0x516d: case 0x4e03:
	case 0x516b: case 0x4e5d: case 0x5341: case 0x767e: case 0x5343:
		return 1;
	default:
		return 0;
	}
}

/* The first of the NUL-terminated keywords kws[] at s[i]: its index, or -1. */
int at_any(const char *s, size_t len, size_t i, const char *const *kws,
	   size_t n, size_t *klen);

/* Trim blanks at both ends of s[*b..*e). */
void trim_span(const char *s, size_t *b, size_t *e);

/* -------------------------------------------------------------- numerals */

/*
 * A number written in Chinese at s[i]: 一 … 九十九, 两, 〇/零, 百, 千; also
 * digit-by-digit years such as 二〇二二. Returns the value (> 0) and its byte
 * length in *used, or -1.
 */
int cn_number(const char *s, size_t len, size_t i, size_t *used);

/* ASCII digits at s[i] (at most 9): the value and *used, or -1. */
int ascii_number(const char *s, size_t len, size_t i, size_t *used);

/* Either of the above. */
int any_number(const char *s, size_t len, size_t i, size_t *used);

/* Days in month m of year y. */
int ymd_days_in_month(int y, int m);

/* <0, 0, >0 as a is before, equal, after b; "none" sorts first. */
int ymd_cmp(const struct plan_ymd *a, const struct plan_ymd *b);

/* ------------------------------------------------------------ internals */

/*
 * The scanners, writing into an arena: used by the public *_scan_new()
 * wrappers and by the document parser, which keeps everything in the
 * document's arena.
 */
void plan_dates_scan_into(struct plan_arena *a, const char *s, size_t len,
			  const struct plan_date_ctx *ctx,
			  struct plan_deadline **v, size_t *n);
void plan_recurrences_scan_into(struct plan_arena *a, const char *s,
				size_t len, struct plan_recurrence **v,
				size_t *n);
void plan_durations_scan_into(struct plan_arena *a, const char *s, size_t len,
			      struct plan_duration **v, size_t *n);
void plan_targets_scan_into(struct plan_arena *a, const char *s, size_t len,
			    const struct plan_date_ctx *ctx,
			    struct plan_target **v, size_t *n);
void plan_resp_parse_into(struct plan_arena *a, const char *s, size_t len,
			  const struct plan_aliases *al, struct plan_resp *r);

/*
 * A baseline year written just before s[i] or around the number at s[i]
 * ("较2019年", "比2019年", "与2019年相比", "以2019年为基数"): whether the year
 * that starts at i is a baseline (not a date).
 */
int plan_year_is_baseline(const char *s, size_t len, size_t i);

/* True when s[i] starts a matched "(" … ")" pair; *close = its ")" offset. */
int plan_paren_match(const char *s, size_t len, size_t i, size_t *close);

/* Whether the unit name is territorial (人民政府, 党委和政府, 各乡镇 …). */
int plan_unit_is_territorial(const char *s, size_t len);

/* Whether the unit name is an overseeing office (安委办, 督查室 …). */
int plan_unit_is_overseer(const char *s, size_t len);

#endif
