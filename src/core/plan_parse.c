/*
 * plan_parse.c — a plan document into a struct plan_doc.
 *
 * One pass over the lines builds the outline: web-page chrome, the
 * signature, the document number and the attachment index are set aside;
 * 附件N headings and unmarked sub-plan titles open plan nodes under the
 * root; block labels (一、 (一) 1. (1)) open nodes through a stack ranked by
 * style; unlabelled paragraphs go to the nearest heading-only node; inline
 * labels (一是 一要 1. (1)) open item nodes inside their paragraph, and the
 * responsibility parentheticals of the paragraph go to the item they close.
 * A second pass, once the period and the context year are known, gives
 * every node its dates, recurrences, durations and targets from its own
 * text, resolves the effective units (own; carried back to the items of a
 * paragraph that have none; rolled up when all children agree; inherited
 * from the parent; inherited through 下同), and reads the phases of every
 * plan from its schedule section.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/data.h"
#include "core/plan_int.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define STACK_MAX 16
#define INDEX_MAX 100
#define NONE (-1)

/* ---------------------------------------------------------------- types */

struct seg {
	size_t b, e;
};

/* Units by role. */
struct rset {
	struct plan_units role[PLAN_ROLE__MAX];
	size_t cap[PLAN_ROLE__MAX];
};

enum line_class {
	LINE_TEXT,
	LINE_BLANK,
	LINE_CHROME,    /* web page furniture */
	LINE_META,      /* document number, signature, header lines */
	LINE_INDEX,     /* the list of attachments after 附件： */
	LINE__MAX
};

struct line {
	size_t b, e;            /* content, trimmed */
	enum line_class cls;
};

struct wnode {
	enum plan_kind kind;
	enum plan_category cat;
	int parent;             /* index; NONE for the root */
	int first_child, last_child, next_sib;
	int plan;               /* index of the plan node it belongs to */
	enum plan_label_style style;
	int value;
	int epoch;              /* numbering context */
	int is_item;
	int heading_only;
	size_t label_b, label_e;
	size_t item_e;          /* items: end of the span */
	int line, column;
	const char *label, *title;
	struct seg *paras;      /* its text: paragraphs, or the item span */
	size_t nparas, cparas;
	struct seg *own;        /* the part of it that is not its children */
	size_t nown, cown;
	struct rset own_r, eff_r, over_r, prose_r;
	int has_own, has_over;
	size_t para;            /* items: start of their paragraph */
	struct plan_deadline *dl;
	size_t ndl;
	struct plan_target *tg;
	size_t ntg;
	struct plan_recurrence *rc;
	size_t nrc;
	struct plan_duration *du;
	size_t ndu;
};

struct marker {
	int node;
	struct rset r;
};

struct parser {
	const char *t;
	size_t len;
	struct plan_arena *a;
	const struct plan_aliases *al;
	struct line *lines;
	size_t *starts;         /* raw line starts, for positions */
	size_t nlines;
	struct wnode *nodes;
	size_t nnodes, cnodes;
	struct plan_diag *diags;
	size_t ndiags, cdiags;
	struct seg *masks;      /* responsibility parentheticals: not text */
	size_t nmasks, cmasks;
	struct marker *markers;
	size_t nmarkers, cmarkers;
	struct year_at {
		size_t off;
		int year;
	} *years;               /* explicit years, for dates without one */
	size_t nyears;
	const char *index_titles[INDEX_MAX];
	size_t index_line;
	int nindex;
	/* metadata */
	const char *title, *issuer, *doc_number;
	struct plan_ymd issued;
	int issued_strength;    /* 2: a signature dated 年月日 */
	size_t title_line;
	int have_title;
	int ctx_year;
	struct plan_ymd period_s, period_e;
	/* outline state */
	int stack[STACK_MAX];
	int nstack;
	int cur_plan;
	int epoch;
};

/* ------------------------------------------------------------- helpers */

static void
pos_of(const struct parser *p, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = p->nlines;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (p->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)u8_count(p->t + p->starts[lo], off - p->starts[lo]) + 1;
}

static void diag(struct parser *p, size_t off, enum plan_severity sev,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
diag(struct parser *p, size_t off, enum plan_severity sev, const char *fmt,
     ...)
{
	struct plan_diag *d = PLAN_PUSH(p->a, p->diags, p->ndiags, p->cdiags);
	va_list ap;
	char buf[512];

	pos_of(p, off, &d->line, &d->column);
	d->severity = sev;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	d->message = plan_arena_strndup(p->a, buf, strlen(buf));
}

static char *
dup_span(struct parser *p, size_t b, size_t e)
{
	trim_span(p->t, &b, &e);
	return plan_arena_strndup(p->a, p->t + b, e - b);
}

static void
add_seg(struct parser *p, struct seg **v, size_t *n, size_t *cap, size_t b,
	size_t e)
{
	struct seg *s;

	if (e <= b)
		return;
	s = PLAN_PUSH(p->a, *v, *n, *cap);
	s->b = b;
	s->e = e;
}

static void
rset_add(struct parser *p, struct rset *r, int role, const char *u)
{
	struct plan_units *pu = &r->role[role];
	size_t k;

	for (k = 0; k < pu->n; k++)
		if (strcmp(pu->v[k], u) == 0)
			return;
	*PLAN_PUSH(p->a, pu->v, pu->n, r->cap[role]) = u;
}

static void
rset_merge(struct parser *p, struct rset *dst, const struct rset *src)
{
	int role;
	size_t k;

	for (role = 0; role < PLAN_ROLE__MAX; role++)
		for (k = 0; k < src->role[role].n; k++)
			rset_add(p, dst, role, src->role[role].v[k]);
}

static void
rset_from_resp(struct parser *p, struct rset *dst, const struct plan_resp *r)
{
	int role;
	size_t k;

	for (role = 0; role < PLAN_ROLE__MAX; role++)
		for (k = 0; k < r->role[role].n; k++)
			rset_add(p, dst, role, r->role[role].v[k]);
}

/* The units an inheritance marker (下同) carries on. */
static void
rset_from_carry(struct parser *p, struct rset *dst, const struct plan_resp *r)
{
	int role;
	size_t k;

	for (role = 0; role < PLAN_ROLE__MAX; role++)
		for (k = 0; k < r->carry[role].n; k++)
			rset_add(p, dst, role, r->carry[role].v[k]);
}

static int
rset_equal(const struct rset *a, const struct rset *b)
{
	int role;
	size_t k;

	for (role = 0; role < PLAN_ROLE__MAX; role++) {
		if (a->role[role].n != b->role[role].n)
			return 0;
		for (k = 0; k < a->role[role].n; k++)
			if (strcmp(a->role[role].v[k], b->role[role].v[k]) != 0)
				return 0;
	}
	return 1;
}

static int
rset_empty(const struct rset *r)
{
	int role;

	for (role = 0; role < PLAN_ROLE__MAX; role++)
		if (r->role[role].n > 0)
			return 0;
	return 1;
}

/* Copy (sharing the names, which live in the arena). */
static void
rset_copy(struct parser *p, struct rset *dst, const struct rset *src)
{
	memset(dst, 0, sizeof(*dst));
	rset_merge(p, dst, src);
}

/* Fill each empty role of dst from src. */
static void
rset_fill(struct parser *p, struct rset *dst, const struct rset *src)
{
	int role;
	size_t k;

	for (role = 0; role < PLAN_ROLE__MAX; role++)
		if (dst->role[role].n == 0)
			for (k = 0; k < src->role[role].n; k++)
				rset_add(p, dst, role, src->role[role].v[k]);
}

/* --------------------------------------------------------------- lines */

static void
split_lines(struct parser *p)
{
	size_t i = 0, n = 0, cap = 0, scap = 0, ns = 0, k;
	struct line *l;

	for (;;) {
		size_t e = i;

		while (e < p->len && p->t[e] != '\n')
			e++;
		l = PLAN_PUSH(p->a, p->lines, n, cap);
		l->b = i;
		l->e = e;
		*PLAN_PUSH(p->a, p->starts, ns, scap) = i;
		if (e >= p->len)
			break;
		i = e + 1;
	}
	p->nlines = n;
	for (k = 0; k < n; k++) {
		l = &p->lines[k];
		trim_span(p->t, &l->b, &l->e);
		l->cls = l->e > l->b ? LINE_TEXT : LINE_BLANK;
	}
}

/* Web page furniture: lines that start with these are not the plan's. */
static const char *const chrome_starts[] = {
	"登 录", "登录", "注 册", "无障碍", "当前位置", "您当前的位置",
	"您的位置", "发布时间", "发布日期", "来源:", "来源 :", "信息来源",
	"访问量", "浏览量", "浏览次数", "点击数", "【打印", "打印本页",
	"分享到", "责任编辑", "编辑:", "审核:", "扫一扫", "相关新闻",
	"相关链接", "相关文件", "字体:", "字号:", "【字体", "【大】",
	"关闭 打印", "关闭窗口", "【关闭", "转载地址", "主动公开", "依申请公开",
	"索引号", "公开方式", "上一篇", "下一篇", "联 系 人", "联系人:",
	"联系电话", "版权所有", "网站标识码", "主办单位:", "附件下载",
};

/* Whether the line is chrome: a known start, or an alphanumeric code. */
static int
is_chrome(const char *s, size_t len)
{
	size_t k, alnum = 0;

	for (k = 0; k < ARRAY_LEN(chrome_starts); k++)
		if (at(s, len, 0, chrome_starts[k]))
			return 1;
	for (k = 0; k < len; k++) {
		char c = s[k];

		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') || c == '-')
			alnum++;
		else
			return 0;
	}
	/* QE520800020240001: an index code; 2024 alone is not one */
	return alnum >= 8;
}

/* A line that is only a date: 2020年9月17日, 2024.04.16. */
static int
date_line(const char *s, size_t len, struct plan_ymd *d)
{
	size_t k = 0, used;
	int y, m, dd;

	/* 2020年9月17日, 2024.04.16, 二〇二〇年九月十七日 */
	y = any_number(s, len, k, &used);
	if (y < 1949 || y > 2100)
		return 0;
	k += used;
	if (at(s, len, k, "年"))
		k += strlen("年");
	else if (k < len && (s[k] == '.' || s[k] == '-'))
		k++;
	else
		return 0;
	if ((m = any_number(s, len, k, &used)) < 1 || m > 12)
		return 0;
	k += used;
	if (at(s, len, k, "月"))
		k += strlen("月");
	else if (k < len && (s[k] == '.' || s[k] == '-'))
		k++;
	else
		return 0;
	if ((dd = any_number(s, len, k, &used)) < 1 ||
	    dd > ymd_days_in_month(y, m))
		return 0;
	k += used;
	if (at(s, len, k, "日"))
		k += strlen("日");
	if (k != len)
		return 0;
	d->y = y;
	d->m = m;
	d->d = dd;
	return 1;
}

/* A document number: 青徐府〔2024〕11号, 藏安委[2020]5号. */
static int
doc_number_line(const char *s, size_t len)
{
	static const char *const open[] = {"〔", "[", "(", "【"};
	static const char *const close[] = {"〕", "]", ")", "】"};
	size_t k = 0, adv, ol, used;
	int o, y, n = 0;

	while (k < len && is_cjk(u8_at(s, len, k, &adv)) && n < 10) {
		k += adv;
		n++;
	}
	if (n == 0 || (o = at_any(s, len, k, open, 4, &ol)) < 0)
		return 0;
	k += ol;
	y = ascii_number(s, len, k, &used);
	if (y < 1949 || used != 4 || !at(s, len, k + used, close[o]))
		return 0;
	k += used + strlen(close[o]);
	if (at(s, len, k, "第"))
		k += strlen("第");
	if (ascii_number(s, len, k, &used) < 0)
		return 0;
	k += used;
	return at(s, len, k, "号") && k + strlen("号") == len;
}

/* Unit-name endings of a signature line. */
static const char *const signer_ends[] = {
	"委员会", "人民政府", "政府", "办公室", "办公厅", "指挥部", "领导小组",
	"管委会", "委员会办公室", "局", "厅", "委", "会", "中心",
};

static int
signer_line(const char *s, size_t len)
{
	size_t k, adv;
	int n = 0;

	for (k = 0; k < len; k += adv) {
		uint32_t c = u8_at(s, len, k, &adv);

		if (!is_cjk(c) && c != '(' && c != ')')
			return 0;
		n++;
	}
	if (n < 4 || n > 30)
		return 0;
	for (k = 0; k < ARRAY_LEN(signer_ends); k++)
		if (ends_at(s, len, signer_ends[k]))
			return 1;
	return 0;
}

/* ------------------------------------------------------------- titles */

/* Endings of a plan title line. */
static const char *const title_ends[] = {
	"方案", "计划", "规划", "意见", "要点", "办法", "细则", "主要内容",
	"通知", "清单", "任务书",
};

/* The title of a title-like line without its decorations: 关于…, …主要内容,
 * 关于印发《X》的通知 → X. Returns 0 when the line is not title-like. */
static int
title_like(const char *s, size_t len, size_t *tb, size_t *te)
{
	size_t k, adv, e = len, b = 0, ob = 0, oe = 0;
	int books = 0, n = 0, found = 0;

	if (len == 0)
		return 0;
	for (k = 0; k < len; k += adv) {
		uint32_t c = u8_at(s, len, k, &adv);

		if (c == 0x3002 || c == ';' || c == ',' || c == ':' || c == '!' ||
		    c == '?')
			return 0;
		if (c == 0x300a) {
			if (books++ == 0)
				ob = k + adv;
		} else if (c == 0x300b && oe == 0)
			oe = k;
		n++;
	}
	if (n < 6 || n > 80 || books > 1)
		return 0;
	/* a trailing year range: …方案(2024—2026年) */
	while (e > 0 && s[e - 1] == ')') {
		size_t q = e - 1;

		while (q > 0 && s[q] != '(')
			q--;
		if (s[q] != '(' || q == 0)
			break;
		e = q;
	}
	trim_span(s, &b, &e);
	for (k = 0; k < ARRAY_LEN(title_ends); k++)
		if (ends_at(s, e, title_ends[k])) {
			found = 1;
			break;
		}
	if (!found)
		return 0;
	e = len;
	if (books == 1 && oe > ob && ends_at(s, len, "通知")) {
		*tb = ob;
		*te = oe;
		return 1;
	}
	if (ends_at(s, e, "主要内容"))
		e -= strlen("主要内容");
	/* 关于印发X的通知 without 《》 */
	if (at(s, len, 0, "关于印发") && ends_at(s, len, "的通知") &&
	    len > strlen("关于印发的通知") + 6) {
		b = strlen("关于印发");
		e = len - strlen("的通知");
	}
	if (at(s, len, 0, "关于") && !ends_at(s, len, "通知") &&
	    !ends_at(s, len, "意见"))
		b += strlen("关于");
	trim_span(s, &b, &e);
	*tb = b;
	*te = e;
	return 1;
}

/* --------------------------------------------------------------- nodes */

static int
new_node(struct parser *p, enum plan_kind kind, int parent, size_t label_b,
	 size_t label_e, size_t pos)
{
	struct wnode *n;
	int id;

	/* outside the arena: a large array that grows in place */
	if (p->nnodes == p->cnodes) {
		p->cnodes = p->cnodes ? p->cnodes * 2 : 256;
		p->nodes = plan_xrealloc(p->nodes,
					 p->cnodes * sizeof(*p->nodes));
	}
	id = (int)p->nnodes++;
	n = &p->nodes[id];
	memset(n, 0, sizeof(*n));
	n->first_child = n->last_child = n->next_sib = NONE;
	if (parent != NONE) {
		struct wnode *pa = &p->nodes[parent];

		if (pa->last_child != NONE)
			p->nodes[pa->last_child].next_sib = id;
		else
			pa->first_child = id;
		pa->last_child = id;
	}

	n->kind = kind;
	n->parent = parent;
	n->plan = kind == PLAN_KIND_PLAN ? id : p->cur_plan;
	n->label_b = label_b;
	n->label_e = label_e;
	n->label = label_e > label_b ? dup_span(p, label_b, label_e) : NULL;
	n->epoch = p->epoch;
	pos_of(p, pos, &n->line, &n->column);
	return id;
}

/* Block label styles ranked: a lower rank holds a higher one. */
static int
rank_of(enum plan_label_style s)
{
	static const int ranks[PLAN_LABEL__MAX] = {
		[PLAN_LABEL_NONE] = 0,      [PLAN_LABEL_CN] = 1,
		[PLAN_LABEL_PAREN_CN] = 2,  [PLAN_LABEL_NUM] = 3,
		[PLAN_LABEL_PAREN_NUM] = 4, [PLAN_LABEL_SHI] = 1,
		[PLAN_LABEL_YAO] = 2,       [PLAN_LABEL_CIRCLED] = 5,
	};

	return ranks[s];
}

/* Inline labels rank after their own kinds: 一是 > 一要 > 1. > (1). */
static int
inline_rank_of(enum plan_label_style s)
{
	static const int ranks[PLAN_LABEL__MAX] = {
		[PLAN_LABEL_SHI] = 1,       [PLAN_LABEL_YAO] = 2,
		[PLAN_LABEL_NUM] = 3,       [PLAN_LABEL_PAREN_NUM] = 4,
		[PLAN_LABEL_CIRCLED] = 5,   [PLAN_LABEL_CN] = 0,
		[PLAN_LABEL_PAREN_CN] = 0,
	};

	return ranks[s];
}

/* The last labelled child of parent in the same numbering context and
 * family (items or blocks) before node `before`. */
static int
prev_sibling(const struct parser *p, int parent, int before, int is_item,
	     int epoch)
{
	int k;

	for (k = before - 1; k >= 0 && k > parent; k--) {
		const struct wnode *n = &p->nodes[k];

		if (n->parent == parent && n->is_item == is_item &&
		    n->epoch == epoch && n->style != PLAN_LABEL_NONE)
			return k;
	}
	return NONE;
}

static int
first_sibling(const struct parser *p, int parent, int before, int is_item,
	      int epoch)
{
	int k, first = NONE;

	for (k = before - 1; k >= 0 && k > parent; k--) {
		const struct wnode *n = &p->nodes[k];

		if (n->parent == parent && n->is_item == is_item &&
		    n->epoch == epoch && n->style != PLAN_LABEL_NONE)
			first = k;
	}
	return first;
}

/* Whether a label numbered value in style continues the numbering of the
 * previous group of the same plan: 1–5 under (一), 6–8 under (二). */
static int
continues(const struct parser *p, int before, enum plan_label_style style,
	  int value, int is_item)
{
	int k;

	for (k = before - 1; k > p->cur_plan; k--) {
		const struct wnode *q = &p->nodes[k];

		if (q->style == style && q->is_item == is_item &&
		    q->epoch == p->epoch)
			return q->value == value - 1;
	}
	return 0;
}

/* Numbering faults: skips, repeats, going back, mixed styles. */
static void
check_numbering(struct parser *p, int id)
{
	struct wnode *n = &p->nodes[id];
	int prev = prev_sibling(p, n->parent, id, n->is_item, n->epoch);
	int first = first_sibling(p, n->parent, id, n->is_item, n->epoch);

	if (prev == NONE) {
		if (n->value != 1 &&
		    !continues(p, id, n->style, n->value, n->is_item))
			diag(p, n->label_b, PLAN_SEV_WARNING,
			     "numbering starts at '%s'", n->label);
		return;
	}
	if (first != NONE && p->nodes[first].style != n->style)
		diag(p, n->label_b, PLAN_SEV_WARNING,
		     "numbering style changes: '%s' follows '%s'", n->label,
		     p->nodes[prev].label);
	if (n->value == p->nodes[prev].value)
		diag(p, n->label_b, PLAN_SEV_WARNING,
		     "numbering repeats '%s'", n->label);
	else if (n->value > p->nodes[prev].value + 1)
		diag(p, n->label_b, PLAN_SEV_WARNING,
		     "numbering skips from '%s' to '%s'", p->nodes[prev].label,
		     n->label);
	else if (n->value < p->nodes[prev].value)
		diag(p, n->label_b, PLAN_SEV_WARNING,
		     "numbering goes back from '%s' to '%s'",
		     p->nodes[prev].label, n->label);
}

/* Where a new labelled node goes: pop the stack (of node indices) while
 * its top ranks at or below the new label. A label numbered v != 1 right
 * under a differently-styled top numbered v-1 is that top's sibling written
 * in the wrong style: (一) then (2). */
static int
place(struct parser *p, int *stack, int *nstack, enum plan_label_style style,
      int value, int (*rank)(enum plan_label_style), int base)
{
	int r = rank(style);

	while (*nstack > 0 && rank(p->nodes[stack[*nstack - 1]].style) >= r)
		(*nstack)--;
	if (*nstack > 0 && value != 1) {
		int t = stack[*nstack - 1];
		struct wnode *top = &p->nodes[t];

		if (top->style != style && top->value == value - 1 &&
		    prev_sibling(p, t, (int)p->nnodes, top->is_item,
				 p->epoch) == NONE &&
		    !continues(p, (int)p->nnodes, style, value, top->is_item))
			(*nstack)--;
	}
	return *nstack > 0 ? stack[*nstack - 1] : base;
}

/* ------------------------------------------------------- paragraphs */

/* A matched pair of brackets in a paragraph. */
struct pair {
	size_t o, c;
};

/*
 * The top-level "(…)" pairs of s[b..e) into pairs (at most max), and the
 * 《…》 spans into books; report brackets that do not balance.
 */
static size_t
scan_brackets(struct parser *p, size_t b, size_t e, struct pair *pairs,
	      size_t max, struct pair *books, size_t *nbooks, size_t bmax)
{
	static const struct {
		const char *o, *c;
	} kinds[] = {
		{"(", ")"}, {"《", "》"}, {"[", "]"}, {"【", "】"}, {"〔", "〕"},
	};
	size_t stack[64], sk[64], ns = 0, np = 0, i, adv;
	size_t k;

	*nbooks = 0;
	for (i = b; i < e; i += adv) {
		u8_at(p->t, e, i, &adv);
		for (k = 0; k < ARRAY_LEN(kinds); k++) {
			if (at(p->t, e, i, kinds[k].o)) {
				if (ns < ARRAY_LEN(stack)) {
					stack[ns] = i;
					sk[ns++] = k;
				}
				break;
			}
			if (at(p->t, e, i, kinds[k].c)) {
				size_t q = ns;

				/* close the nearest open of this kind; opens
				 * above it were never closed */
				while (q > 0 && sk[q - 1] != k)
					q--;
				if (q == 0) {
					diag(p, i, PLAN_SEV_WARNING,
					     "unbalanced '%s': nothing to close",
					     kinds[k].c);
					break;
				}
				while (ns > q) {
					ns--;
					diag(p, stack[ns], PLAN_SEV_WARNING,
					     "unbalanced '%s': not closed",
					     kinds[sk[ns]].o);
				}
				ns--;
				if (k == 0 && np < max) {
					/* top level: no "(" left below it */
					size_t q2, inner = 0;

					for (q2 = 0; q2 < ns; q2++)
						if (sk[q2] == 0)
							inner = 1;
					if (!inner) {
						pairs[np].o = stack[ns];
						pairs[np].c = i;
						np++;
					}
				} else if (k == 1 && *nbooks < bmax) {
					books[*nbooks].o = stack[ns];
					books[*nbooks].c = i;
					(*nbooks)++;
				}
				break;
			}
		}
	}
	while (ns > 0) {
		ns--;
		diag(p, stack[ns], PLAN_SEV_WARNING, "unbalanced '%s': not closed",
		     kinds[sk[ns]].o);
	}
	/* pairs close in order of their ")"; put them in order of "(" */
	for (i = 1; i < np; i++) {
		struct pair t = pairs[i];

		for (k = i; k > 0 && pairs[k - 1].o > t.o; k--)
			pairs[k] = pairs[k - 1];
		pairs[k] = t;
	}
	return np;
}

static int
inside(const struct pair *v, size_t n, size_t off)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (off > v[k].o && off < v[k].c)
			return 1;
	return 0;
}

/* The title of a node: its text up to the first sentence end, inline label
 * or responsibility parenthetical. */
static const char *
title_of(struct parser *p, size_t b, size_t e, const struct pair *resp,
	 size_t nresp)
{
	size_t i, adv, stop = e;
	int depth = 0;

	for (i = b; i < e && stop == e; i += adv) {
		uint32_t c = u8_at(p->t, e, i, &adv);
		size_t k;

		for (k = 0; k < nresp; k++)
			if (resp[k].o == i)
				stop = i;
		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		else if (depth == 0 &&
			 (c == 0x3002 || c == ';' || c == '!' || c == '?'))
			stop = i;
	}
	return dup_span(p, b, stop);
}

/* Whether a paragraph (after its label) is a heading alone. */
static int
heading_only(struct parser *p, size_t b, size_t e)
{
	size_t i, adv;
	int n = 0, stops = 0;

	for (i = b; i < e; i += adv) {
		uint32_t c = u8_at(p->t, e, i, &adv);

		if (c == 0x3002 || c == ';') {
			stops++;
			if (i + adv < e)
				return 0;
		}
		n++;
	}
	return stops == 0 ? n <= 60 : n <= 30;
}

static void
add_mask(struct parser *p, size_t b, size_t e)
{
	struct seg *s = PLAN_PUSH(p->a, p->masks, p->nmasks, p->cmasks);

	s->b = b;
	s->e = e;
}

#define ITEMS_MAX 128

/*
 * One paragraph s[b..e) of owner: its inline items, its parentheticals
 * and the text each of them owns. first: the paragraph that carries the
 * owner's label (its title comes from it).
 */
static void
paragraph(struct parser *p, int owner, size_t b, size_t e, int first)
{
	struct pair pairs[128], books[64], resp[128];
	size_t npairs, nbooks, nresp = 0, k, from = b;
	int items[ITEMS_MAX], nitems = 0, stack[STACK_MAX], nstack = 0;
	struct plan_label lab;
	struct plan_resp *rs[128];
	int rowner[128];
	struct wnode *o = &p->nodes[owner];

	add_seg(p, &o->paras, &o->nparas, &o->cparas, b, e);
	npairs = scan_brackets(p, b, e, pairs, ARRAY_LEN(pairs), books, &nbooks,
			       ARRAY_LEN(books));
	/* inline items */
	while (nitems < ITEMS_MAX &&
	       plan_label_inline_next(p->t, e, from, &lab)) {
		int parent, id;
		struct wnode *n;

		from = lab.end;
		if (lab.begin < b || inside(pairs, npairs, lab.begin) ||
		    inside(books, nbooks, lab.begin))
			continue;
		parent = place(p, stack, &nstack, lab.style, lab.value,
			       inline_rank_of, owner);
		id = new_node(p, PLAN_KIND_ITEM, parent, lab.begin, lab.end,
			      lab.begin);
		o = &p->nodes[owner];
		n = &p->nodes[id];
		n->is_item = 1;
		n->para = b;
		n->style = lab.style;
		n->value = lab.value;
		n->item_e = e;
		check_numbering(p, id);
		if (nstack < STACK_MAX)
			stack[nstack++] = id;
		items[nitems++] = id;
	}
	/* an item ends where the next item that is not inside it begins */
	for (k = 0; k < (size_t)nitems; k++) {
		size_t j;
		int d = items[k];

		for (j = k + 1; j < (size_t)nitems; j++) {
			int q = items[j], anc = p->nodes[q].parent;

			while (anc != NONE && anc != d && anc != owner)
				anc = p->nodes[anc].parent;
			if (anc != d) {
				p->nodes[d].item_e = p->nodes[q].label_b;
				break;
			}
		}
	}
	/* responsibility parentheticals, and the item each one closes */
	for (k = 0; k < npairs && nresp < ARRAY_LEN(resp); k++) {
		struct plan_resp *r = plan_arena_alloc(p->a, sizeof(*r));
		size_t j;
		int who = owner;

		plan_resp_parse_into(p->a, p->t + pairs[k].o + 1,
				     pairs[k].c - pairs[k].o - 1, p->al, r);
		if (!r->is_resp)
			continue;
		for (j = 0; j < r->nnotes; j++)
			diag(p, pairs[k].o + 1 + r->notes[j].offset,
			     PLAN_SEV_WARNING, "%s", r->notes[j].message);
		add_mask(p, pairs[k].o, pairs[k].c + 1);
		/* the innermost item holding it */
		for (j = (size_t)nitems; j-- > 0;) {
			struct wnode *n = &p->nodes[items[j]];

			if (pairs[k].o >= n->label_b && pairs[k].o < n->item_e) {
				who = items[j];
				break;
			}
		}
		if (r->item > 0) {
			/* 第七项内容由…: the item numbered so, under the owner */
			for (j = 0; j < (size_t)nitems; j++) {
				struct wnode *n = &p->nodes[items[j]];

				if (n->parent == owner && n->value == r->item)
					break;
			}
			if (j < (size_t)nitems) {
				who = items[j];
				r->item = -1;   /* an override, applied below */
			} else
				diag(p, pairs[k].o, PLAN_SEV_WARNING,
				     "no item %d for this responsibility clause",
				     r->item);
		}
		resp[nresp] = pairs[k];
		rs[nresp] = r;
		rowner[nresp++] = who;
	}
	/* "以下均需各乡镇人民政府负责，不再列出。" written as a sentence */
	{
		size_t sb = b, i, adv = 1;

		for (i = b; i <= e; i += adv) {
			uint32_t c = 0x3002;

			adv = 1;
			if (i < e)
				c = u8_at(p->t, e, i, &adv);
			if (c != 0x3002 || inside(pairs, npairs, i))
				continue;
			if (memmem(p->t + sb, i - sb, "不再列出", strlen("不再列出")) &&
			    memmem(p->t + sb, i - sb, "以下", strlen("以下"))) {
				struct plan_resp *r = plan_arena_alloc(p->a,
								       sizeof(*r));
				size_t j;
				int who = owner;

				plan_resp_parse_into(p->a, p->t + sb, i - sb,
						     p->al, r);
				for (j = (size_t)nitems; j-- > 0;) {
					struct wnode *n = &p->nodes[items[j]];

					if (sb >= n->label_b && sb < n->item_e) {
						who = items[j];
						break;
					}
				}
				if (r->is_resp && r->inherit) {
					struct marker *m = PLAN_PUSH(
						p->a, p->markers, p->nmarkers,
						p->cmarkers);

					m->node = who;
					memset(&m->r, 0, sizeof(m->r));
					rset_from_carry(p, &m->r, r);
				}
			}
			sb = i + adv;
		}
	}
	/* one clause at the very end of a paragraph whose items have none of
	 * their own belongs to all of them: give it to the owner */
	if (nitems > 0) {
		size_t last = nresp, general = 0, i, adv;
		int cjk = 0;

		for (k = 0; k < nresp; k++)
			if (rs[k]->item >= 0) {
				general++;
				last = k;
			}
		if (general == 1 && rowner[last] != owner) {
			for (i = resp[last].c + 1; i < e; i += adv) {
				size_t q;

				for (q = 0; q < nresp; q++)
					if (i == resp[q].o)
						i = resp[q].c;
				if (is_cjk(u8_at(p->t, e, i, &adv)))
					cjk++;
			}
			if (cjk < 2)
				rowner[last] = owner;
		}
	}
	for (k = 0; k < nresp; k++) {
		struct wnode *n = &p->nodes[rowner[k]];

		if (rs[k]->item < 0) {
			rset_from_resp(p, &n->over_r, rs[k]);
			n->has_over = 1;
			rowner[k] = NONE;
			continue;
		}
		rset_from_resp(p, &n->own_r, rs[k]);
		n->has_own = 1;
		if (rs[k]->inherit) {
			struct marker *m = PLAN_PUSH(p->a, p->markers,
						     p->nmarkers, p->cmarkers);

			m->node = rowner[k];
			memset(&m->r, 0, sizeof(m->r));
			rset_from_carry(p, &m->r, rs[k]);
		}
	}
	o = &p->nodes[owner];
	/* text after the last parenthetical of the last item is the owner's:
	 * "四是…（…牵头）2020年底前分类制定三年计划" */
	if (nresp > 0 && nitems > 0 && rowner[nresp - 1] != owner &&
	    rowner[nresp - 1] != NONE) {
		size_t tail = resp[nresp - 1].c + 1, i, adv;
		int cjk = 0;

		for (i = tail; i < e; i += adv)
			if (is_cjk(u8_at(p->t, e, i, &adv)))
				cjk++;
		if (cjk >= 2) {
			for (k = 0; k < (size_t)nitems; k++) {
				struct wnode *n = &p->nodes[items[k]];

				if (n->item_e == e && n->label_b < tail)
					n->item_e = tail;
			}
			add_seg(p, &o->own, &o->nown, &o->cown, tail, e);
		}
	}
	/* own text: the owner's before its first item; each item's before
	 * its first child */
	if (nitems == 0) {
		add_seg(p, &o->own, &o->nown, &o->cown, b, e);
	} else {
		add_seg(p, &o->own, &o->nown, &o->cown, b,
			p->nodes[items[0]].label_b);
		for (k = 0; k < (size_t)nitems; k++) {
			struct wnode *n = &p->nodes[items[k]];
			size_t end = n->item_e, j;

			for (j = k + 1; j < (size_t)nitems; j++)
				if (p->nodes[items[j]].parent == items[k]) {
					end = p->nodes[items[j]].label_b;
					break;
				}
			add_seg(p, &n->own, &n->nown, &n->cown, n->label_e, end);
			add_seg(p, &n->paras, &n->nparas, &n->cparas,
				n->label_e, n->item_e);
			n->title = title_of(p, n->label_e, end, resp, nresp);
		}
	}
	if (first) {
		size_t stop = nitems > 0 ? p->nodes[items[0]].label_b : e;

		o->title = title_of(p, b, stop, resp, nresp);
		o->heading_only = nitems == 0 && heading_only(p, b, e);
	}
}

/* Labels of the lines of a task list: who and until when. */
static const char *const field_labels[] = {
	"牵头单位", "责任单位", "配合单位", "协办单位", "参与单位", "主责单位",
	"牵头部门", "责任部门", "配合部门", "协办部门", "主责部门",
	"县直牵头部门", "县直责任部门", "完成时限", "完成时间", "时间节点",
	"时限要求", "责任领导",
};

/* Whether a line is "label: value" of a task list. */
static int
field_line(const char *s, size_t len)
{
	size_t k, fl;

	for (k = 0; k < ARRAY_LEN(field_labels); k++) {
		fl = strlen(field_labels[k]);
		if (at(s, len, 0, field_labels[k]) &&
		    (at(s, len, fl, ":") || at(s, len, fl, " :")))
			return 1;
	}
	return 0;
}

/* A "牵头单位:X" or "完成时限:…" line of node id: units or its text. */
static void
field_paragraph(struct parser *p, int id, size_t b, size_t e)
{
	struct plan_resp *r = plan_arena_alloc(p->a, sizeof(*r));
	struct wnode *n = &p->nodes[id];
	size_t j;

	add_seg(p, &n->paras, &n->nparas, &n->cparas, b, e);
	plan_resp_parse_into(p->a, p->t + b, e - b, p->al, r);
	if (!r->is_resp) {
		add_seg(p, &n->own, &n->nown, &n->cown, b, e);
		return;
	}
	for (j = 0; j < r->nnotes; j++)
		diag(p, b + r->notes[j].offset, PLAN_SEV_WARNING, "%s",
		     r->notes[j].message);
	rset_from_resp(p, &n->own_r, r);
	n->has_own = 1;
	add_mask(p, b, e);
}

/* ------------------------------------------------------------ structure */

/* 附件3: / 附件 3 / 附件三 at the start of a line: its number (0 when the
 * heading has none), the title's start in *tb. -1 when not a heading. */
static int
attachment_heading(const char *s, size_t len, size_t *tb, size_t *lend,
		   int *listed)
{
	size_t k = 0, used, adv;
	int n = 0;

	*listed = 0;
	if (!at(s, len, 0, "附件"))
		return -1;
	k = strlen("附件");
	while (k < len && s[k] == ' ')
		k++;
	if ((n = any_number(s, len, k, &used)) > 0)
		k += used;
	else
		n = 0;
	*lend = k;
	while (k < len) {
		uint32_t c = u8_at(s, len, k, &adv);

		if (c != ':' && c != ' ' && c != 0x3001 && c != '.')
			break;
		k += adv;
	}
	*tb = k;
	if (n == 0 && k < len) {
		/* 附件: 1.xxx — the list of attachments */
		struct plan_label lab;

		if (plan_label_block(s + k, len - k, &lab) &&
		    lab.style == PLAN_LABEL_NUM)
			*listed = 1;
	}
	if (n == 0 && k == strlen("附件") && k < len)
		return -1;      /* 附件下载, 附件是… */
	return n;
}

/* Read the attachment index starting at line li: "附件: 1.xxx" then "2.xxx"
 * lines. Marks them LINE_INDEX. */
static void
read_index(struct parser *p, size_t li, size_t tb)
{
	size_t k;

	p->index_line = li;
	for (k = li; k < p->nlines; k++) {
		struct line *l = &p->lines[k];
		const char *s = p->t + l->b;
		size_t len = l->e - l->b, off = k == li ? tb : 0;
		struct plan_label lab;

		if (l->cls == LINE_BLANK)
			continue;
		if (l->cls != LINE_TEXT)
			break;
		if (!plan_label_block(s + off, len - off, &lab) ||
		    lab.style != PLAN_LABEL_NUM)
			break;
		if (lab.value > 0 && lab.value < INDEX_MAX) {
			size_t b = l->b + off + lab.end, e = l->e;

			trim_span(p->t, &b, &e);
			p->index_titles[lab.value] = plan_arena_strndup(p->a,
									p->t + b,
									e - b);
			if (lab.value > p->nindex)
				p->nindex = lab.value;
		}
		l->cls = LINE_INDEX;
	}
}

/* The category of a sub-plan from its title. */
static enum plan_category
category_of(const char *title)
{
	if (title == NULL)
		return PLAN_CAT_NONE;
	if (strstr(title, "专题") != NULL)
		return PLAN_CAT_TOPIC;
	if (strstr(title, "方案") != NULL || strstr(title, "计划") != NULL ||
	    strstr(title, "规划") != NULL || strstr(title, "要点") != NULL ||
	    strstr(title, "专项") != NULL)
		return PLAN_CAT_SPECIAL;
	return PLAN_CAT_NONE;
}

static void
reset_outline(struct parser *p, int plan)
{
	p->nstack = 0;
	p->cur_plan = plan;
	p->epoch++;
}

static void
open_plan(struct parser *p, size_t label_b, size_t label_e, size_t tb,
	  size_t te, size_t pos)
{
	int id;
	struct wnode *n;

	p->cur_plan = 0;
	id = new_node(p, PLAN_KIND_PLAN, 0, label_b, label_e, pos);
	n = &p->nodes[id];
	n->title = te > tb ? dup_span(p, tb, te) : NULL;
	n->heading_only = 1;
	reset_outline(p, id);
}

/* The next non-blank text line after li, or nlines. */
static size_t
next_text(const struct parser *p, size_t li)
{
	size_t k;

	for (k = li + 1; k < p->nlines; k++)
		if (p->lines[k].cls == LINE_TEXT)
			return k;
	return p->nlines;
}

/* Whether an outline restarting at 1 follows line li within a few lines. */
static int
restart_follows(const struct parser *p, size_t li)
{
	size_t k = li;
	int seen;

	for (seen = 0; seen < 4; seen++) {
		struct plan_label lab;
		const struct line *l;

		k = next_text(p, k);
		if (k >= p->nlines)
			return 0;
		l = &p->lines[k];
		if (plan_label_block(p->t + l->b, l->e - l->b, &lab))
			return lab.value == 1;
	}
	return 0;
}

/* Where an unlabelled paragraph goes: the nearest heading-only node. */
static int
container(struct parser *p)
{
	int k;

	for (k = p->nstack; k-- > 0;)
		if (p->nodes[p->stack[k]].heading_only)
			return p->stack[k];
	return p->cur_plan;
}

static void
build(struct parser *p)
{
	size_t li;
	int seen_label = 0;

	for (li = 0; li < p->nlines; li++) {
		struct line *l = &p->lines[li];
		const char *s = p->t + l->b;
		size_t len = l->e - l->b, tb, te, lb_end;
		struct plan_label lab;
		int num, listed;

		if (l->cls != LINE_TEXT)
			continue;
		/* 附件N */
		num = attachment_heading(s, len, &tb, &lb_end, &listed);
		if (num >= 0 && listed) {
			read_index(p, li, tb);
			continue;
		}
		if (num >= 0) {
			size_t title_b = l->b + tb, title_e = l->e, tl = li;
			const char *omitted = NULL;
			struct wnode *n;

			if (title_b >= title_e) {
				/* the title on the next line */
				tl = next_text(p, li);
				if (tl < p->nlines &&
				    !plan_label_block(p->t + p->lines[tl].b,
						      p->lines[tl].e -
							      p->lines[tl].b,
						      &lab)) {
					title_b = p->lines[tl].b;
					title_e = p->lines[tl].e;
					p->lines[tl].cls = LINE_META;
				} else
					tl = li;
			}
			if (title_e - title_b == strlen("略") &&
			    at(p->t, title_e, title_b, "略"))
				omitted = "略";
			open_plan(p, l->b, l->b + lb_end, title_b, title_e, l->b);
			n = &p->nodes[p->cur_plan];
			if (omitted != NULL) {
				n->title = num > 0 && num < INDEX_MAX
						   ? p->index_titles[num]
						   : NULL;
				add_seg(p, &n->paras, &n->nparas, &n->cparas,
					title_b, title_e);
				diag(p, title_b, PLAN_SEV_WARNING,
				     "attachment '%s' is omitted ('略')",
				     n->label);
			}
			n->value = num;
			n->cat = category_of(n->title);
			seen_label = 1;
			continue;
		}
		/* a title line: the root's own (reset the outline), or an
		 * unmarked sub-plan */
		if (!plan_label_block(s, len, &lab) &&
		    title_like(s, len, &tb, &te) &&
		    p->title != NULL && strlen(p->title) == te - tb &&
		    memcmp(p->title, s + tb, te - tb) == 0) {
			/* the plan's own title after its cover notice */
			if (seen_label)
				reset_outline(p, 0);
			continue;
		}
		if (!plan_label_block(s, len, &lab) &&
		    title_like(s, len, &tb, &te) && seen_label &&
		    restart_follows(p, li)) {
			open_plan(p, 0, 0, l->b + tb, l->b + te, l->b);
			p->nodes[p->cur_plan].cat =
				category_of(p->nodes[p->cur_plan].title);
			continue;
		}
		if (plan_label_block(s, len, &lab)) {
			int parent, id;
			struct wnode *n;

			seen_label = 1;
			parent = place(p, p->stack, &p->nstack, lab.style,
				       lab.value, rank_of, p->cur_plan);
			id = new_node(p,
				      lab.style == PLAN_LABEL_CN
					      ? PLAN_KIND_SECTION
					      : PLAN_KIND_TASK,
				      parent, l->b + lab.begin, l->b + lab.end,
				      l->b + lab.begin);
			n = &p->nodes[id];
			n->style = lab.style;
			n->value = lab.value;
			check_numbering(p, id);
			if (p->nstack < STACK_MAX)
				p->stack[p->nstack++] = id;
			paragraph(p, id, l->b + lab.end, l->e, 1);
			continue;
		}
		if (li == p->title_line && p->have_title)
			continue;
		/* "牵头单位:X" / "完成时限:…" on a line of its own: the last
		 * node's; "一是…" opening a paragraph: the current node's */
		if (field_line(s, len) && (int)p->nnodes - 1 > p->cur_plan &&
		    p->nodes[p->nnodes - 1].plan == p->cur_plan) {
			field_paragraph(p, (int)p->nnodes - 1, l->b, l->e);
			continue;
		}
		if (plan_label_inline_next(s, len, 0, &lab) &&
		    lab.begin == 0) {
			paragraph(p, p->nstack > 0 ? p->stack[p->nstack - 1]
						   : p->cur_plan,
				  l->b, l->e, 0);
			continue;
		}
		paragraph(p, container(p), l->b, l->e, 0);
	}
}

/* ------------------------------------------------------------ metadata */

/* Lines before the outline: chrome, the title, the document number; and
 * the signature anywhere. */
static void
metadata(struct parser *p)
{
	size_t li;
	int before_outline = 1;

	for (li = 0; li < p->nlines; li++) {
		struct line *l = &p->lines[li];
		const char *s = p->t + l->b;
		size_t len = l->e - l->b, tb, te, nl;
		struct plan_label lab;
		struct plan_ymd d;

		if (l->cls != LINE_TEXT)
			continue;
		if (is_chrome(s, len)) {
			l->cls = LINE_CHROME;
			continue;
		}
		if (plan_label_block(s, len, &lab) || at(s, len, 0, "附件"))
			before_outline = 0;
		if (before_outline && doc_number_line(s, len)) {
			if (p->doc_number == NULL)
				p->doc_number = dup_span(p, l->b, l->e);
			l->cls = LINE_META;
			continue;
		}
		if (before_outline && date_line(s, len, &d)) {
			l->cls = LINE_META;     /* publication date in a header */
			continue;
		}
		/* signature: a unit, then a date alone on the next line */
		nl = next_text(p, li);
		if (signer_line(s, len) && nl < p->nlines &&
		    date_line(p->t + p->lines[nl].b,
			      p->lines[nl].e - p->lines[nl].b, &d) &&
		    (!before_outline || p->have_title)) {
			{
				/* a signature dated 2020年9月17日 beats a
				 * header dated 2024.04.16 */
				int strength = memchr(p->t + p->lines[nl].b, '.',
						      p->lines[nl].e -
							      p->lines[nl].b) ==
						       NULL
						       ? 2
						       : 1;

				if (strength > p->issued_strength) {
					p->issuer = dup_span(p, l->b, l->e);
					p->issued = d;
					p->issued_strength = strength;
				}
			}
			l->cls = LINE_META;
			p->lines[nl].cls = LINE_META;
			li = nl;
			continue;
		}
		if (before_outline && !p->have_title &&
		    title_like(s, len, &tb, &te)) {
			p->title = dup_span(p, l->b + tb, l->b + te);
			p->title_line = li;
			p->have_title = 1;
			continue;
		}
		/* a header line naming the issuer: 上海市…人民政府 */
		if (before_outline && p->have_title && signer_line(s, len)) {
			l->cls = LINE_META;
			continue;
		}
	}
	/* issuer from "X印发了《…》" in the preamble */
	if (p->issuer == NULL)
		for (li = 0; li < p->nlines; li++) {
			struct line *l = &p->lines[li];
			size_t k, st = l->b;
			struct plan_label lab;

			if (l->cls != LINE_TEXT)
				continue;
			if (plan_label_block(p->t + l->b, l->e - l->b, &lab))
				break;
			for (k = l->b; k < l->e; k++) {
				uint32_t c;
				size_t adv;

				if (at(p->t, l->e, k, "印发") && k > st) {
					size_t bb = st, ee = k;

					trim_span(p->t, &bb, &ee);
					if (signer_line(p->t + bb, ee - bb)) {
						p->issuer = dup_span(p, bb, ee);
						break;
					}
				}
				c = u8_at(p->t, l->e, k, &adv);
				if (!is_cjk(c))
					st = k + adv;
				k += adv - 1;
			}
			if (p->issuer != NULL)
				break;
		}
}

/* ------------------------------------------------------------ semantics */

/* A copy of the document with the responsibility parentheticals blanked,
 * so that their dates and numbers are not read as the node's. */
static char *
masked_text(struct parser *p)
{
	char *m = plan_xrealloc(NULL, p->len + 1);
	size_t k;

	memcpy(m, p->t, p->len);
	m[p->len] = '\0';
	for (k = 0; k < p->nmasks; k++)
		memset(m + p->masks[k].b, ' ', p->masks[k].e - p->masks[k].b);
	return m;
}

/* Every year written "YYYY年" in m that is not a baseline, in order. */
static void
index_years(struct parser *p, const char *m)
{
	size_t k, cap = 0;

	for (k = 4; k + strlen("年") <= p->len; k++) {
		size_t used;
		int y;

		if (!at(m, p->len, k, "年") || !is_digit((unsigned char)m[k - 1]))
			continue;
		y = ascii_number(m, p->len, k - 4, &used);
		if (used == 4 && y >= 1949 && y <= 2100 &&
		    (k == 4 || !is_digit((unsigned char)m[k - 5])) &&
		    !plan_year_is_baseline(m, p->len, k - 4)) {
			struct year_at *ya = PLAN_PUSH(p->a, p->years,
						       p->nyears, cap);

			ya->off = k - 4;
			ya->year = y;
		}
	}
}

/* The last year written before off on its line, for dates without one. */
static int
year_before(const struct parser *p, size_t off)
{
	size_t lo = 0, hi = p->nlines, ylo = 0, yhi = p->nyears, lb;

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (p->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	lb = p->starts[lo];
	/* the first year at or after off */
	while (ylo < yhi) {
		size_t mid = (ylo + yhi) / 2;

		if (p->years[mid].off < off)
			ylo = mid + 1;
		else
			yhi = mid;
	}
	if (ylo > 0 && p->years[ylo - 1].off >= lb)
		return p->years[ylo - 1].year;
	return 0;
}

/* Whether a date is history rather than something the plan asks for. */
static int
historical(const struct parser *p, const struct plan_deadline *d)
{
	if (p->period_s.y == 0 || d->date.y == 0)
		return 0;
	if (ymd_cmp(&d->date, &p->period_s) < 0)
		return 1;
	return d->kind == PLAN_DATE_RANGE && d->start.y < p->period_s.y;
}

static void
node_semantics(struct parser *p, int id, const char *m)
{
	struct wnode *n = &p->nodes[id];
	size_t k, j;

	for (k = 0; k < n->nown; k++) {
		size_t b = n->own[k].b, e = n->own[k].e, first_dl = n->ndl;
		struct plan_date_ctx ctx;
		int y = year_before(p, b);

		memset(&ctx, 0, sizeof(ctx));
		ctx.year = y ? y : p->ctx_year;
		if (!y)
			ctx.not_before = p->issued;
		plan_dates_scan_into(p->a, m + b, e - b, &ctx, &n->dl, &n->ndl);
		/* drop history, report faults, make offsets absolute */
		for (j = first_dl; j < n->ndl;) {
			struct plan_deadline *d = &n->dl[j];

			d->begin += b;
			d->end += b;
			if (d->faults & PLAN_DATE_FAULT_BARE_YEAR)
				diag(p, d->begin, PLAN_SEV_WARNING,
				     "year written without '年' in '%s'",
				     d->phrase);
			if (d->faults & PLAN_DATE_FAULT_INVALID)
				diag(p, d->begin, PLAN_SEV_WARNING,
				     "no such date: '%s'", d->phrase);
			if ((d->faults & PLAN_DATE_FAULT_INVALID) ||
			    historical(p, d)) {
				memmove(d, d + 1, (n->ndl - j - 1) * sizeof(*d));
				n->ndl--;
				continue;
			}
			j++;
		}
		first_dl = n->nrc;
		plan_recurrences_scan_into(p->a, m + b, e - b, &n->rc, &n->nrc);
		for (j = first_dl; j < n->nrc; j++) {
			n->rc[j].begin += b;
			n->rc[j].end += b;
		}
		first_dl = n->ndu;
		plan_durations_scan_into(p->a, m + b, e - b, &n->du, &n->ndu);
		for (j = first_dl; j < n->ndu; j++) {
			n->du[j].begin += b;
			n->du[j].end += b;
		}
		first_dl = n->ntg;
		plan_targets_scan_into(p->a, m + b, e - b, &ctx, &n->tg, &n->ntg);
		for (j = first_dl; j < n->ntg; j++) {
			n->tg[j].begin += b;
			n->tg[j].end += b;
		}
	}
}

/* The end of the clause that starts at i: the next 。 ; , : or e. */
static size_t
clause_end_at(const char *m, size_t i, size_t e)
{
	size_t adv;

	while (i < e) {
		uint32_t c = u8_at(m, e, i, &adv);

		if (c == 0x3002 || c == ';' || c == ',' || c == ':')
			break;
		i += adv;
	}
	return i;
}

/*
 * Units named in the prose of the node's own text, at the start of a
 * clause: "由X负责…", "X牵头…", "镇安委办负责…" (X a unit name), and the
 * clause after a lead that ends in 配合/参与/协助 ("由X牵头，A、B配合").
 */
static void
prose_units(struct parser *p, int id, const char *m)
{
	static const char *const verbs[] = {"负责", "牵头"};
	static const char *const ends[] = {"局", "厅", "委", "办", "部", "队",
					   "会", "府", "中心", "室", "所", "站",
					   "公司"};
	struct wnode *n = &p->nodes[id];
	size_t k;

	for (k = 0; k < n->nown; k++) {
		size_t b = n->own[k].b, e = n->own[k].e, i = b, adv;

		while (i < e) {
			size_t cs, ce, q, vl, z;
			int ncp = 0, v = -1;

			while (i < e && is_blank(u8_at(m, e, i, &adv)))
				i += adv;
			ce = clause_end_at(m, i, e);
			cs = at(m, ce, i, "由") ? i + strlen("由") : i;
			for (q = cs; q < ce && ncp <= 16; q += adv) {
				uint32_t c = u8_at(m, ce, q, &adv);

				if ((v = at_any(m, ce, q, verbs, 2, &vl)) >= 0)
					break;
				if (!is_cjk(c) && c != '(' && c != ')')
					break;
				ncp++;
			}
			for (z = 0; v >= 0 && z < ARRAY_LEN(ends); z++)
				if (ends_at(m, q, ends[z]))
					break;
			if (v >= 0 && ncp >= 2 && !at(m, ce, q + vl, "人") &&
			    z < ARRAY_LEN(ends)) {
				char canon[256];
				size_t ub = cs, ue = q;
				int role;

				trim_span(m, &ub, &ue);
				plan_alias_canonical(p->al, m + ub, ue - ub, canon,
						     sizeof(canon));
				role = plan_unit_is_overseer(m + ub, ue - ub)
					       ? PLAN_ROLE_OVERSEER
				       : plan_unit_is_territorial(m + ub, ue - ub)
					       ? PLAN_ROLE_LOCALITY
					       : PLAN_ROLE_LEAD;
				rset_add(p, &n->prose_r, role,
					 plan_arena_strndup(p->a, canon,
							    strlen(canon)));
				/* 由X牵头,A、B配合 */
				if (v == 1 && ce < e && m[ce] == ',') {
					size_t nb = ce + 1,
					       ne = clause_end_at(m, nb, e);

					if (ends_at(m, ne, "配合") ||
					    ends_at(m, ne, "参与") ||
					    ends_at(m, ne, "协助")) {
						struct plan_resp r;
						size_t j;

						plan_resp_parse_into(p->a, m + nb,
								     ne - nb, p->al,
								     &r);
						for (j = 0;
						     j < r.role[PLAN_ROLE_CO].n; j++)
							rset_add(p, &n->prose_r,
								 PLAN_ROLE_CO,
								 r.role[PLAN_ROLE_CO]
									 .v[j]);
					}
				}
			}
			i = ce < e ? ce + 1 : e;
			while (i < e && ((unsigned char)m[i] & 0xc0) == 0x80)
				i++;
		}
	}
}

/* Whether a node takes units at all: plans and sections do not. */
static int
takes_units(const struct wnode *n)
{
	return n->kind != PLAN_KIND_PLAN && n->kind != PLAN_KIND_SECTION;
}

static void
resolve_units(struct parser *p)
{
	int k, j;
	int nn = (int)p->nnodes;

	/* carry back: an item without its own clause takes the one of the
	 * next sibling item of its paragraph that has one */
	for (k = nn; k-- > 0;) {
		struct wnode *n = &p->nodes[k];

		if (!n->is_item || n->has_own)
			continue;
		for (j = k + 1; j < nn; j++) {
			struct wnode *s = &p->nodes[j];

			if (!s->is_item || s->para != n->para)
				break;
			if (s->parent != n->parent)
				continue;
			if (s->has_own) {
				rset_copy(p, &n->own_r, &s->own_r);
				n->has_own = 1;
			}
			break;
		}
	}
	for (k = 0; k < nn; k++)
		if (p->nodes[k].has_own)
			rset_copy(p, &p->nodes[k].eff_r, &p->nodes[k].own_r);
	/* roll up: a node without units whose children all agree */
	for (k = nn; k-- > 0;) {
		struct wnode *n = &p->nodes[k];
		const struct rset *agree = NULL;
		int nchild = 0, ok = 1;

		if (!takes_units(n) || !rset_empty(&n->eff_r))
			continue;
		for (j = n->first_child; j != NONE && ok; j = p->nodes[j].next_sib) {
			struct wnode *c = &p->nodes[j];

			nchild++;
			if (rset_empty(&c->eff_r))
				ok = 0;
			else if (agree == NULL)
				agree = &c->eff_r;
			else if (!rset_equal(agree, &c->eff_r))
				ok = 0;
		}
		if (ok && nchild > 0 && agree != NULL)
			rset_copy(p, &n->eff_r, agree);
	}
	/* 第七项内容由X牵头 */
	for (k = 0; k < nn; k++)
		if (p->nodes[k].has_over)
			rset_copy(p, &p->nodes[k].eff_r, &p->nodes[k].over_r);
	/* inherit from the parent */
	for (k = 0; k < nn; k++) {
		struct wnode *n = &p->nodes[k];

		if (!takes_units(n) || n->parent == NONE ||
		    !rset_empty(&n->eff_r) ||
		    !takes_units(&p->nodes[n->parent]))
			continue;
		rset_copy(p, &n->eff_r, &p->nodes[n->parent].eff_r);
	}
	/* units named in the prose fill what is missing */
	for (k = 0; k < nn; k++)
		if (takes_units(&p->nodes[k]))
			rset_fill(p, &p->nodes[k].eff_r, &p->nodes[k].prose_r);
	/* 下同: every later node of the same plan */
	for (k = 0; k < (int)p->nmarkers; k++) {
		struct marker *mk = &p->markers[k];
		int plan = p->nodes[mk->node].plan;

		for (j = mk->node + 1; j < nn; j++) {
			struct wnode *n = &p->nodes[j];

			if (n->plan != plan)
				break;
			if (takes_units(n))
				rset_fill(p, &n->eff_r, &mk->r);
		}
	}
}

/* Kinds from titles: 专题 topics, 专项整治 specials. */
static void
refine_kinds(struct parser *p)
{
	static const char *const special_ends[] = {"专项整治", "安全整治"};
	size_t k, q;

	for (k = 0; k < p->nnodes; k++) {
		struct wnode *n = &p->nodes[k];
		const char *t = n->title;
		size_t tl;

		if (n->kind != PLAN_KIND_TASK || t == NULL)
			continue;
		tl = strlen(t);
		if (ends_at(t, tl, "专题"))
			n->kind = PLAN_KIND_TOPIC;
		for (q = 0; q < ARRAY_LEN(special_ends); q++)
			if (ends_at(t, tl, special_ends[q]))
				n->kind = PLAN_KIND_SPECIAL;
	}
	/* a special that holds specials is a group of them */
	for (k = 0; k < p->nnodes; k++)
		if (p->nodes[k].kind == PLAN_KIND_SPECIAL &&
		    p->nodes[k].parent != NONE &&
		    p->nodes[p->nodes[k].parent].kind == PLAN_KIND_SPECIAL)
			p->nodes[p->nodes[k].parent].kind = PLAN_KIND_TASK;
}

/* Whether a section title names the schedule. */
static int
schedule_title(const char *t)
{
	static const char *const words[] = {
		"进度安排", "时间安排", "实施步骤", "步骤安排", "阶段安排",
		"工作步骤", "时间步骤", "推进步骤", "方法步骤", "进度要求",
		"时间进度", "实施阶段",
	};
	size_t k;

	if (t == NULL)
		return 0;
	for (k = 0; k < ARRAY_LEN(words); k++)
		if (strstr(t, words[k]) != NULL)
			return 1;
	return 0;
}

/* The first range date in a node's own text. */
static const struct plan_deadline *
first_range(const struct wnode *n)
{
	size_t k;

	for (k = 0; k < n->ndl; k++)
		if (n->dl[k].kind == PLAN_DATE_RANGE)
			return &n->dl[k];
	return NULL;
}

/* The period: the root's schedule, else a range in its title. */
static void
find_period(struct parser *p)
{
	size_t k, j;
	struct plan_date_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.year = p->ctx_year;
	for (k = 1; k < p->nnodes; k++) {
		struct wnode *n = &p->nodes[k];

		if (n->plan != 0 || n->kind != PLAN_KIND_SECTION ||
		    !schedule_title(n->title))
			continue;
		for (j = 0; j < n->nown; j++) {
			struct plan_dates *d = plan_dates_scan_new(
				p->t + n->own[j].b, n->own[j].e - n->own[j].b,
				&ctx);
			size_t q;

			for (q = 0; q < d->n; q++)
				if (d->v[q].kind == PLAN_DATE_RANGE &&
				    d->v[q].date.y) {
					p->period_s = d->v[q].start;
					p->period_e = d->v[q].date;
					break;
				}
			plan_dates_free(d);
			if (p->period_s.y)
				return;
		}
	}
	if (p->title != NULL) {
		struct plan_dates *d = plan_dates_scan_new(p->title,
							   strlen(p->title),
							   &ctx);

		for (k = 0; k < d->n; k++)
			if (d->v[k].kind == PLAN_DATE_RANGE && d->v[k].date.y) {
				p->period_s = d->v[k].start;
				p->period_e = d->v[k].date;
				break;
			}
		plan_dates_free(d);
	}
}

/* The context year for dates written without one. */
static void
find_ctx_year(struct parser *p)
{
	size_t k;

	if (p->issued.y) {
		p->ctx_year = p->issued.y;
		return;
	}
	/* the first explicit year of the document */
	for (k = 0; k + 4 < p->len; k++) {
		size_t used;
		int y;

		if (!is_digit((unsigned char)p->t[k]) ||
		    (k > 0 && is_digit((unsigned char)p->t[k - 1])))
			continue;
		y = ascii_number(p->t, p->len, k, &used);
		if (used == 4 && y >= 1949 && y <= 2100 &&
		    at(p->t, p->len, k + 4, "年")) {
			p->ctx_year = y;
			return;
		}
	}
}

static struct plan_ymd
next_day(struct plan_ymd d)
{
	if (++d.d > ymd_days_in_month(d.y, d.m)) {
		d.d = 1;
		if (++d.m > 12) {
			d.m = 1;
			d.y++;
		}
	}
	return d;
}

/* Phases: the tasks of each plan's schedule section, named by their title
 * before its date, dated by it. */
static void
phases(struct parser *p, struct plan_doc *doc)
{
	size_t k, j, cap = 0;

	for (k = 0; k < p->nnodes; k++) {
		struct wnode *sec = &p->nodes[k];
		const struct plan_deadline *range;
		struct plan_ymd prev_end = {0, 0, 0};
		int first = 1;

		if (sec->kind != PLAN_KIND_SECTION || !schedule_title(sec->title))
			continue;
		range = first_range(sec);
		for (j = k + 1; j < p->nnodes; j++) {
			struct wnode *n = &p->nodes[j];
			struct plan_phase *ph;
			struct plan_dates *d;
			struct plan_date_ctx ctx;
			const char *t = n->title;
			size_t tl, nb;

			if (n->parent != (int)k || n->is_item || t == NULL)
				continue;
			memset(&ctx, 0, sizeof(ctx));
			ctx.year = prev_end.y ? prev_end.y
				   : range     ? range->start.y
					       : p->ctx_year;
			tl = strlen(t);
			d = plan_dates_scan_new(t, tl, &ctx);
			if (d->n == 0 || d->v[0].date.y == 0) {
				plan_dates_free(d);
				continue;
			}
			ph = PLAN_PUSH(p->a, doc->phases, doc->nphases, cap);
			ph->plan = n->plan + 1;
			ph->node = (int)j + 1;
			/* the name: the title before its date */
			nb = d->v[0].begin;
			while (nb > 0 && (t[nb - 1] == '(' || t[nb - 1] == ' '))
				nb--;
			if (nb == 0)
				ph->name = plan_arena_strndup(p->a, t, d->v[0].end);
			else {
				size_t ne = nb;

				if (ends_at(t, ne, "阶段"))
					ne -= strlen("阶段");
				ph->name = plan_arena_strndup(p->a, t, ne);
			}
			switch (d->v[0].kind) {
			case PLAN_DATE_RANGE:
			case PLAN_DATE_DURING:
				ph->start = d->v[0].start;
				ph->end = d->v[0].date;
				break;
			case PLAN_DATE_FROM:
				ph->start = d->v[0].date;
				break;
			default:
				ph->end = d->v[0].date;
				if (prev_end.y)
					ph->start = next_day(prev_end);
				else if (first && range != NULL)
					ph->start = range->start;
				if (ph->start.y && ymd_cmp(&ph->start, &ph->end) > 0)
					memset(&ph->start, 0, sizeof(ph->start));
				break;
			}
			if (ph->end.y)
				prev_end = ph->end;
			first = 0;
			plan_dates_free(d);
		}
	}
}

/* ---------------------------------------------------------------- output */

static const char *
node_text(struct parser *p, const struct wnode *n)
{
	size_t k, total = 0, off = 0;
	char *s;

	for (k = 0; k < n->nparas; k++)
		total += n->paras[k].e - n->paras[k].b + 1;
	s = plan_arena_alloc_raw(p->a, total + 1);
	for (k = 0; k < n->nparas; k++) {
		size_t b = n->paras[k].b, e = n->paras[k].e;

		trim_span(p->t, &b, &e);
		/* an item's separator is not its text: "…工作;2.由…" */
		while (n->is_item && e > b &&
		       (p->t[e - 1] == ';' || p->t[e - 1] == ','))
			e--;
		if (off > 0)
			s[off++] = '\n';
		memcpy(s + off, p->t + b, e - b);
		off += e - b;
	}
	s[off] = '\0';
	return s;
}

/* Remove from u, in place, the names that are in of. */
static void
unit_drop(struct plan_units *u, const struct plan_units *of)
{
	size_t k, j, w = 0;

	for (k = 0; k < u->n; k++) {
		for (j = 0; j < of->n; j++)
			if (strcmp(u->v[k], of->v[j]) == 0)
				break;
		if (j == of->n)
			u->v[w++] = u->v[k];
	}
	u->n = w;
}

static int
diag_cmp(const void *pa, const void *pb)
{
	const struct plan_diag *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return strcmp(a->message, b->message);
}

static void
finish(struct parser *p, struct plan_doc *doc)
{
	size_t k;
	int role;

	doc->title = p->title;
	doc->issuer = p->issuer;
	doc->doc_number = p->doc_number;
	doc->issued_on = p->issued;
	doc->period_start = p->period_s;
	doc->period_end = p->period_e;
	doc->nodes = plan_arena_alloc(p->a, p->nnodes * sizeof(*doc->nodes));
	doc->nnodes = p->nnodes;
	for (k = 0; k < p->nnodes; k++) {
		struct wnode *n = &p->nodes[k];
		struct plan_node *o = &doc->nodes[k];
		size_t j;

		o->id = (int)k + 1;
		o->parent = n->parent + 1;
		o->kind = n->kind;
		o->category = n->cat;
		o->label = n->label;
		o->title = n->title != NULL ? n->title : "";
		o->text = node_text(p, n);
		o->line = n->line;
		o->column = n->column;
		for (role = 0; role < PLAN_ROLE__MAX; role++)
			o->role[role] = n->eff_r.role[role];
		/* a lead named again among the cooperating units (two
		 * clauses on one node) leads, it does not cooperate */
		unit_drop(&o->role[PLAN_ROLE_CO], &o->role[PLAN_ROLE_LEAD]);
		o->deadlines = n->dl;
		o->ndeadlines = n->ndl;
		o->targets = n->tg;
		o->ntargets = n->ntg;
		o->recurrences = n->rc;
		o->nrecurrences = n->nrc;
		o->durations = n->du;
		o->ndurations = n->ndu;
		/* the reporting day: the first monthly deadline to report */
		for (j = 0; j < n->nrc && doc->report_day == 0; j++)
			if (n->rc[j].every == PLAN_EVERY_MONTH && n->rc[j].day > 0 &&
			    n->rc[j].by)
				doc->report_day = n->rc[j].day;
	}
}

struct plan_doc *
plan_parse(const char *text, size_t len, const struct plan_opts *opts,
	   struct error *e)
{
	struct parser p;
	struct plan_doc *doc = NULL;
	struct plan_aliases *own_aliases = NULL;
	char *m = NULL;
	size_t k;
	int blank = 1;

	memset(&p, 0, sizeof(p));
	for (k = 0; k < len && blank; k++)
		if (!is_blank((unsigned char)text[k]) && text[k] != '\n')
			blank = 0;
	if (blank) {
		err_set(e, ERR_INVALID, "text", "the plan is empty");
		goto out;
	}
	if (opts == NULL || opts->aliases == NULL) {
		own_aliases = plan_aliases_default_new(e);
		if (own_aliases == NULL)
			goto out;
		p.al = own_aliases;
	} else
		p.al = opts->aliases;
	doc = calloc(1, sizeof(*doc));
	if (doc == NULL)
		abort();
	doc->arena = p.a = plan_arena_new();
	p.t = text;
	p.len = len;
	split_lines(&p);
	metadata(&p);
	/* the root */
	p.cur_plan = 0;
	{
		size_t pos = p.have_title ? p.lines[p.title_line].b : 0;
		int id = new_node(&p, PLAN_KIND_PLAN, NONE, 0, 0, pos);

		p.nodes[id].title = p.title;
		p.nodes[id].heading_only = 1;
	}
	build(&p);
	find_ctx_year(&p);
	find_period(&p);
	if (p.ctx_year == 0 && p.period_s.y)
		p.ctx_year = p.period_s.y;
	m = masked_text(&p);
	index_years(&p, m);
	for (k = 0; k < p.nnodes; k++) {
		node_semantics(&p, (int)k, m);
		prose_units(&p, (int)k, m);
	}
	refine_kinds(&p);
	resolve_units(&p);
	finish(&p, doc);
	phases(&p, doc);
	/* attachments listed but not there */
	for (k = 1; k < INDEX_MAX && (int)k <= p.nindex; k++) {
		size_t j;
		int found = 0;

		if (p.index_titles[k] == NULL)
			continue;
		for (j = 0; j < p.nnodes; j++)
			if (p.nodes[j].kind == PLAN_KIND_PLAN &&
			    p.nodes[j].value == (int)k && p.nodes[j].label != NULL)
				found = 1;
		if (!found)
			diag(&p, p.lines[p.index_line].b, PLAN_SEV_WARNING,
			     "attachment %zu '%s' is listed but not attached", k,
			     p.index_titles[k]);
	}
	if (p.ndiags > 1)
		qsort(p.diags, p.ndiags, sizeof(p.diags[0]), diag_cmp);
	doc->diags = p.diags;
	doc->ndiags = p.ndiags;
out:
	free(m);
	free(p.nodes);
	plan_aliases_free(own_aliases);
	return doc;
}

void
plan_doc_free(struct plan_doc *doc)
{
	if (doc == NULL)
		return;
	plan_arena_free(doc->arena);
	free(doc);
}

struct plan_aliases *
plan_aliases_default_new(struct error *e)
{
	size_t len;
	const char *tsv = hn_data("unit-aliases.tsv", &len);

	if (tsv == NULL) {
		err_set(e, ERR_INTERNAL, "aliases",
			"the shipped unit-aliases.tsv is missing");
		return NULL;
	}
	return plan_aliases_new(tsv, len, e);
}
