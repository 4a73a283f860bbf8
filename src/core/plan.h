/*
 * plan.h — the plan-document parser (DESIGN §5 "plan parse", §3.3).
 *
 * Input: a UTF-8 buffer that has already been validated and NFKC-normalised
 * (text/normalize.h), so full-width （）：；１２３ are ASCII. Output: a
 * struct plan_doc with the outline tree of the plan and of every attached
 * sub-plan (附件), the responsible units of each node, its dates, targets and
 * recurrences, the plan's phases, and diagnostics for the faults found in
 * the text. Parsing never fails on content: faults become diagnostics.
 *
 * Everything here is pure C over memory: no I/O, no global mutable state,
 * every function is reentrant. Columns are counted in code points, lines
 * from 1. Memory exhaustion aborts the process (as git's xmalloc does):
 * inputs are bounded by the callers (20 MB at the CLI and the API).
 *
 * The lower-level recognisers (dates, recurrences, durations, targets,
 * responsibility parentheticals, outline labels) are exposed with their own
 * result types so that they can be tested and reused one by one.
 */
#ifndef HN_PLAN_H
#define HN_PLAN_H

#include <stddef.h>

#include "core/error.h"

/* ---------------------------------------------------------------- values */

/* A calendar date; y == 0 means "none". */
struct plan_ymd {
	int y, m, d;
};

enum plan_kind {
	PLAN_KIND_PLAN,     /* the document, or an attached sub-plan (附件) */
	PLAN_KIND_SECTION,  /* 一、 */
	PLAN_KIND_TOPIC,    /* a 专题 */
	PLAN_KIND_SPECIAL,  /* a 专项 (整治) */
	PLAN_KIND_TASK,     /* （一） 1. （1） */
	PLAN_KIND_ITEM,     /* 一是 / 一要 / inline 1. (1) */
	PLAN_KIND__MAX
};

/* What a sub-plan is, from its title. */
enum plan_category {
	PLAN_CAT_NONE,
	PLAN_CAT_TOPIC,     /* 专题实施方案 */
	PLAN_CAT_SPECIAL,   /* 专项整治实施方案, and any other sub-plan */
	PLAN_CAT__MAX
};

enum plan_date_kind {
	PLAN_DATE_BY,       /* 2022年底前, 到2022年底, 力争…, 于…前 */
	PLAN_DATE_ON,       /* a day or an end point: 2020年底, 2020年9月17日 */
	PLAN_DATE_DURING,   /* a period: 2021全年, 2020年上半年, 2020年内, 10月中旬 */
	PLAN_DATE_FROM,     /* 自2020年5月起 */
	PLAN_DATE_RANGE,    /* 2021年至2022年 */
	PLAN_DATE__MAX
};

enum plan_every {
	PLAN_EVERY_DAY,
	PLAN_EVERY_WEEK,
	PLAN_EVERY_MONTH,
	PLAN_EVERY_QUARTER,
	PLAN_EVERY_HALF_YEAR,
	PLAN_EVERY_YEAR,
	PLAN_EVERY__MAX
};

enum plan_cmp {
	PLAN_CMP_GE,        /* 达到, 不低于, 以上, and a bare value */
	PLAN_CMP_LE,        /* 不超过, 以下, 以内, 控制在 */
	PLAN_CMP_GT,        /* 超过, 高于 */
	PLAN_CMP_LT,        /* 低于, 少于 */
	PLAN_CMP_DECREASE,  /* 下降, 减少, 降低 */
	PLAN_CMP_INCREASE,  /* 增长, 提高, 提升 */
	PLAN_CMP__MAX
};

enum plan_dur_unit {
	PLAN_DUR_DAY,
	PLAN_DUR_WEEK,
	PLAN_DUR_MONTH,
	PLAN_DUR_YEAR,
	PLAN_DUR__MAX
};

enum plan_severity {
	PLAN_SEV_WARNING,
	PLAN_SEV_NOTE,
	PLAN_SEV__MAX
};

/* The stable names used in JSON: "plan", "by", "month", ">=", "year" … */
const char *plan_kind_name(enum plan_kind k);
const char *plan_category_name(enum plan_category c);   /* NULL for NONE */
const char *plan_date_kind_name(enum plan_date_kind k);
const char *plan_every_name(enum plan_every e);
const char *plan_cmp_name(enum plan_cmp c);
const char *plan_dur_unit_name(enum plan_dur_unit u);
const char *plan_severity_name(enum plan_severity s);

/* The ISO form "YYYY-MM-DD" of d into buf (11 bytes); "" when d is none. */
void plan_ymd_format(const struct plan_ymd *d, char buf[11]);

/* --------------------------------------------------------------- pieces */

/* A date phrase. date is the date that matters (the end of the period named,
 * or its start for PLAN_DATE_FROM); start is the first day of the period. */
struct plan_deadline {
	struct plan_ymd date;
	struct plan_ymd start;
	enum plan_date_kind kind;
	const char *phrase;     /* as written (after NFKC) */
	size_t begin, end;      /* byte offsets of the phrase in the scanned text */
	unsigned faults;        /* PLAN_DATE_FAULT_* */
};

/* Faults of a date phrase, reported by the parser as diagnostics. */
#define PLAN_DATE_FAULT_BARE_YEAR 0x1   /* a year without 年: "2020制定" */
#define PLAN_DATE_FAULT_INVALID 0x2     /* no such day: "2月30日" (date none) */

struct plan_recurrence {
	enum plan_every every;
	int interval;           /* 每两年 → 2; otherwise 1 */
	int month, week, day;   /* 每年12月20日 → 12, 0, 20; 每月第三周 → 0, 3, 0 */
	int by;                 /* "前": the day is a deadline */
	const char *phrase;
	size_t begin, end;
};

struct plan_duration {
	int value;
	enum plan_dur_unit unit;
	const char *phrase;
	size_t begin, end;
};

struct plan_target {
	const char *text;       /* the clause that states it */
	double value;
	const char *unit;       /* "%", "家", "个月" …; "" when none */
	enum plan_cmp cmp;
	struct plan_ymd deadline;
	int baseline_year;      /* 较2019年下降10% → 2019; 0 when none */
	size_t begin, end;      /* of the number and its unit */
};

/* A list of canonical unit names. */
struct plan_units {
	const char **v;
	size_t n;
};

/* Context for resolving dates written without a year. */
struct plan_date_ctx {
	int year;                   /* year for "10月10日前"; 0: leave unresolved */
	struct plan_ymd not_before; /* a "by" date before this moves a year on */
};

/* Dates found in a text, in order; phrases owned by the list. */
struct plan_dates {
	struct plan_deadline *v;
	size_t n;
	struct plan_arena *arena;
};

/*
 * Every date phrase in s[0..len) (DESIGN §5 "Dates"): explicit, relative to
 * ctx->year, ranges, staged lists ("2020年、2021年、2022年底前") which give one
 * date each. Recurrences (每月25日前) and baselines (较2019年) are not dates.
 * Returns a list the caller frees with plan_dates_free(); never NULL.
 */
struct plan_dates *plan_dates_scan_new(const char *s, size_t len,
				       const struct plan_date_ctx *ctx);
void plan_dates_free(struct plan_dates *d);

struct plan_recurrences {
	struct plan_recurrence *v;
	size_t n;
	struct plan_arena *arena;
};

/* Every recurrence ("每月25日前", "每季度", "每半年", "每年12月20日前",
 * "每月第三周") in s; caller frees with plan_recurrences_free(). */
struct plan_recurrences *plan_recurrences_scan_new(const char *s, size_t len);
void plan_recurrences_free(struct plan_recurrences *r);

struct plan_durations {
	struct plan_duration *v;
	size_t n;
	struct plan_arena *arena;
};

/* Every duration ("利用三年时间", "通过3年时间", "1年以内") in s; caller frees
 * with plan_durations_free(). */
struct plan_durations *plan_durations_scan_new(const char *s, size_t len);
void plan_durations_free(struct plan_durations *d);

struct plan_targets {
	struct plan_target *v;
	size_t n;
	struct plan_arena *arena;
};

/*
 * Every numeric target in s: a percentage, or a number with a unit and a
 * comparator ("不少于3个月"). Each takes the deadline of the last date phrase
 * before it in the same clause group (up to ；or 。), so staged targets get
 * their own years. Caller frees with plan_targets_free().
 */
struct plan_targets *plan_targets_scan_new(const char *s, size_t len,
					   const struct plan_date_ctx *ctx);
void plan_targets_free(struct plan_targets *t);

/* ----------------------------------------------------------- unit aliases */

struct plan_aliases;

/*
 * A new alias table loaded from TSV text ("alias<TAB>canonical[<TAB>typo]"
 * per line, '#' comments, blank lines ignored). tsv may be NULL for an
 * empty table. NULL with e filled (ERR_INVALID, line number) when a line is
 * malformed. The caller frees it with plan_aliases_free().
 */
struct plan_aliases *plan_aliases_new(const char *tsv, size_t len,
				      struct error *e);

/* The shipped table (data/unit-aliases.tsv); NULL with e filled when the
 * embedded file is missing or malformed. */
struct plan_aliases *plan_aliases_default_new(struct error *e);

/* Add the lines of tsv to a (later lines win). 0, or -1 with e filled. */
int plan_aliases_load(struct plan_aliases *a, const char *tsv, size_t len,
		      struct error *e);

void plan_aliases_free(struct plan_aliases *a);

/*
 * The canonical name of unit name[0..len) into out (size outsz, always
 * NUL-terminated): the table entry for the whole name, else for the name
 * without its administrative prefix (市, 县, 自治区 …) with the prefix kept.
 * Returns 1 when an alias applied, 2 when it was marked as a typo, 0 when
 * the name is unchanged.
 */
int plan_alias_canonical(const struct plan_aliases *a, const char *name,
			 size_t len, char *out, size_t outsz);

/* ------------------------------------------------- responsibility clauses */

enum plan_role {
	PLAN_ROLE_LEAD,
	PLAN_ROLE_CO,
	PLAN_ROLE_LOCALITY,
	PLAN_ROLE_OVERSEER,
	PLAN_ROLE__MAX
};

const char *plan_role_name(enum plan_role r);   /* "lead", "co", … */

/* A problem found inside a clause, at a byte offset of the clause. */
struct plan_resp_note {
	size_t offset;
	const char *message;
};

struct plan_resp {
	int is_resp;            /* 0: not a responsibility parenthetical */
	struct plan_units role[PLAN_ROLE__MAX];
	int inherit;            /* 下同 / 以下均需…不再列出 */
	struct plan_units carry[PLAN_ROLE__MAX];  /* what the marker carries on:
						   * the units of its clause */
	int item;               /* 第七项内容由… → 7; 0 otherwise */
	struct plan_resp_note *notes;
	size_t nnotes;
	struct plan_arena *arena;
};

/*
 * Parse the inside of one parenthetical (without its brackets) as a
 * responsibility clause: every form of DESIGN §5 "Responsibility". Unit
 * names are split, stripped of 等部门/按职责分工…, and canonicalised through
 * a (may be NULL). A parenthetical that names no role (含尾矿库, 下同 after a
 * definition, dates) gives is_resp == 0. Caller frees with plan_resp_free().
 */
struct plan_resp *plan_resp_parse_new(const char *s, size_t len,
				      const struct plan_aliases *a);
void plan_resp_free(struct plan_resp *r);

/* ------------------------------------------------------- outline labels */

enum plan_label_style {
	PLAN_LABEL_NONE,
	PLAN_LABEL_CN,          /* 一、 */
	PLAN_LABEL_PAREN_CN,    /* (一) */
	PLAN_LABEL_NUM,         /* 1. 1、 */
	PLAN_LABEL_PAREN_NUM,   /* (1) */
	PLAN_LABEL_SHI,         /* 一是 (inline) */
	PLAN_LABEL_YAO,         /* 一要 (inline) */
	PLAN_LABEL_CIRCLED,     /* ① … ⑳ (kept by text/normalize.c) */
	PLAN_LABEL__MAX
};

struct plan_label {
	enum plan_label_style style;
	int value;              /* 1-based */
	size_t begin, end;      /* byte offsets: the label, its delimiter included */
};

/*
 * Classify the label at the start of a paragraph (leading blanks skipped):
 * 一、 (一) 1. (1) ①. Returns 1 and fills out, or 0 when the paragraph does
 * not start with a label ("2024.04.16", "2020年" are not labels).
 */
int plan_label_block(const char *s, size_t len, struct plan_label *out);

/*
 * The next inline label in s at or after byte offset from: 一是…十几是,
 * 一要, and 1. / (1) / ① after a sentence boundary. Returns 1 and fills out, or
 * 0 when there is none.
 */
int plan_label_inline_next(const char *s, size_t len, size_t from,
			   struct plan_label *out);

/* ------------------------------------------------------------- documents */

struct plan_node {
	int id;                 /* 1-based, document order */
	int parent;             /* 0 for the root */
	enum plan_kind kind;
	enum plan_category category;    /* plan nodes only */
	const char *label;      /* as written; NULL when none */
	const char *title;
	const char *text;
	int line, column;       /* of the label (or of the title) */
	struct plan_units role[PLAN_ROLE__MAX];   /* effective units */
	struct plan_deadline *deadlines;
	size_t ndeadlines;
	struct plan_target *targets;
	size_t ntargets;
	struct plan_recurrence *recurrences;
	size_t nrecurrences;
	struct plan_duration *durations;
	size_t ndurations;
};

struct plan_phase {
	const char *name;
	struct plan_ymd start, end;
	int plan;               /* id of the plan node it belongs to */
	int node;               /* id of the node that states it */
};

struct plan_diag {
	int line, column;
	enum plan_severity severity;
	const char *message;
};

struct plan_doc {
	const char *title;      /* NULL when not found */
	const char *issuer;
	const char *doc_number;
	struct plan_ymd issued_on;
	struct plan_ymd period_start, period_end;
	int report_day;         /* 每月25日前 → 25; 0 when none */
	struct plan_node *nodes;
	size_t nnodes;
	struct plan_phase *phases;
	size_t nphases;
	struct plan_diag *diags;
	size_t ndiags;
	struct plan_arena *arena;
};

struct plan_opts {
	const struct plan_aliases *aliases;  /* NULL: the shipped table */
};

/*
 * Parse the NFKC-normalised UTF-8 text[0..len) (no NUL bytes). The result
 * is owned by the caller and freed with plan_doc_free(). Returns NULL with
 * e filled only when the input is not usable at all (ERR_INVALID: empty or
 * blank) or the shipped alias table cannot be loaded (ERR_INTERNAL).
 */
struct plan_doc *plan_parse(const char *text, size_t len,
			    const struct plan_opts *opts, struct error *e);

void plan_doc_free(struct plan_doc *doc);

#endif
