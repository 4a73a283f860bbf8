/*
 * plan_outline.c — outline labels: the block labels that start a paragraph
 * (一、 (一) 1. (1)) and the inline ones inside it (一是 … 十几是, 一要, and
 * 1. / (1) after a sentence boundary).
 */
#include "core/plan_int.h"

#define LABEL_MAX_VALUE 99

/* The delimiters after a numeral that make it a label: 、 . (．→. by NFKC) */
static int
label_delim(const char *s, size_t len, size_t i, size_t *adv)
{
	uint32_t c = u8_at(s, len, i, adv);

	return c == 0x3001 /* 、 */ || c == '.';
}

/* Whether a year (four digits and 年) starts at s[i]: "4.2024年底前完成". */
static int
year_follows(const char *s, size_t len, size_t i)
{
	size_t used;
	int y = ascii_number(s, len, i, &used);

	while (y > 0 && i + used < len && s[i + used] == ' ')
		used++;
	return y >= 1949 && y <= 2100 && at(s, len, i + used, "年");
}

/* Whether what follows a label looks like the start of its text. */
static int
label_text_follows(const char *s, size_t len, size_t i)
{
	size_t adv;
	uint32_t c;

	while (i < len && is_blank(u8_at(s, len, i, &adv)))
		i += adv;
	if (i >= len)
		return 0;
	c = u8_at(s, len, i, &adv);
	return is_cjk(c) || c == 0x201c /* “ */ || c == 0x300a /* 《 */ ||
	       c == '"' || c == '(' || year_follows(s, len, i);
}

/* A circled number ① … ⑳ at s[i]: its value, or 0. */
static int
circled(const char *s, size_t len, size_t i)
{
	size_t adv;
	uint32_t c = i < len ? u8_at(s, len, i, &adv) : 0;

	return c >= 0x2460 && c <= 0x2473 ? (int)(c - 0x2460 + 1) : 0;
}

int
plan_label_block(const char *s, size_t len, struct plan_label *out)
{
	size_t i = 0, adv, used, k;
	uint32_t c;
	int v;

	while (i < len && is_blank(u8_at(s, len, i, &adv)))
		i += adv;
	if (i >= len)
		return 0;
	out->begin = i;
	c = u8_at(s, len, i, &adv);
	if ((v = circled(s, len, i)) > 0) {
		out->style = PLAN_LABEL_CIRCLED;
		out->value = v;
		out->end = i + adv;
		return 1;
	}
	if (c == '(') {
		k = i + 1;
		if ((v = ascii_number(s, len, k, &used)) > 0) {
			out->style = PLAN_LABEL_PAREN_NUM;
		} else if ((v = cn_number(s, len, k, &used)) > 0) {
			out->style = PLAN_LABEL_PAREN_CN;
		} else
			return 0;
		k += used;
		if (k >= len || s[k] != ')' || v > LABEL_MAX_VALUE)
			return 0;
		out->value = v;
		out->end = k + 1;
		return 1;
	}
	if ((v = ascii_number(s, len, i, &used)) > 0) {
		k = i + used;
		if (v > LABEL_MAX_VALUE || k >= len || !label_delim(s, len, k, &adv))
			return 0;
		/* 2.5 and 2024.04.16 are numbers, not labels; 4.2024年底前
		 * is item 4 */
		if (k + adv < len && is_digit((unsigned char)s[k + adv]) &&
		    !year_follows(s, len, k + adv))
			return 0;
		out->style = PLAN_LABEL_NUM;
		out->value = v;
		out->end = k + adv;
		return 1;
	}
	if ((v = cn_number(s, len, i, &used)) > 0) {
		k = i + used;
		if (v > LABEL_MAX_VALUE || k >= len ||
		    u8_at(s, len, k, &adv) != 0x3001 /* 、 */)
			return 0;
		out->style = PLAN_LABEL_CN;
		out->value = v;
		out->end = k + adv;
		return 1;
	}
	return 0;
}

/* Whether an inline label may start at s[i]: after a clause boundary. */
static int
inline_boundary(const char *s, size_t len, size_t i)
{
	uint32_t c = u8_before(s, len, i);

	return c == 0 || c == 0x3002 /* 。 */ || c == ';' || c == ':' ||
	       c == ',' || c == ')' || c == '!' || c == '?' || is_blank(c) ||
	       c == '\n';
}

#define CP_SHI_VERB 0x662f  /* 是 */
#define CP_YAO 0x8981       /* 要 */

/* An inline label at exactly s[i]; 1 and out filled when there is one. */
static int
inline_label_at(const char *s, size_t len, size_t i, struct plan_label *out)
{
	size_t used, adv, k;
	uint32_t c;
	int v;

	c = u8_at(s, len, i, &adv);
	if (!(c == '(' || is_digit(c) || is_cn_numeral(c) ||
	      (c >= 0x2460 && c <= 0x2473)) ||
	    !inline_boundary(s, len, i))
		return 0;
	if ((v = circled(s, len, i)) > 0) {
		if (!label_text_follows(s, len, i + adv))
			return 0;
		out->style = PLAN_LABEL_CIRCLED;
		out->value = v;
		out->begin = i;
		out->end = i + adv;
		return 1;
	}
	if (c == '(') {
		if ((v = ascii_number(s, len, i + 1, &used)) <= 0 ||
		    v > LABEL_MAX_VALUE)
			return 0;
		k = i + 1 + used;
		if (k >= len || s[k] != ')' || !label_text_follows(s, len, k + 1))
			return 0;
		out->style = PLAN_LABEL_PAREN_NUM;
		out->value = v;
		out->begin = i;
		out->end = k + 1;
		return 1;
	}
	if (is_digit(c)) {
		if ((v = ascii_number(s, len, i, &used)) <= 0 ||
		    v > LABEL_MAX_VALUE)
			return 0;
		k = i + used;
		if (k >= len || !label_delim(s, len, k, &adv) ||
		    !label_text_follows(s, len, k + adv))
			return 0;
		out->style = PLAN_LABEL_NUM;
		out->value = v;
		out->begin = i;
		out->end = k + adv;
		return 1;
	}
	if ((v = cn_number(s, len, i, &used)) <= 0 || v > 29)
		return 0;
	k = i + used;
	if (k >= len)
		return 0;
	c = u8_at(s, len, k, &adv);
	if (c != CP_SHI_VERB && c != CP_YAO)
		return 0;
	/* 一是否 is a question, not a label */
	if (at(s, len, k + adv, "否"))
		return 0;
	out->style = c == CP_SHI_VERB ? PLAN_LABEL_SHI : PLAN_LABEL_YAO;
	out->value = v;
	out->begin = i;
	out->end = k + adv;
	return 1;
}

int
plan_label_inline_next(const char *s, size_t len, size_t from,
		       struct plan_label *out)
{
	size_t i, adv;

	for (i = from; i < len; i += adv) {
		u8_at(s, len, i, &adv);
		if (inline_label_at(s, len, i, out))
			return 1;
	}
	return 0;
}
