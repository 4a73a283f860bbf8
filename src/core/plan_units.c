/*
 * plan_units.c — responsible units: the alias table that canonicalises
 * unit names (data/unit-aliases.tsv), and the parser of responsibility
 * parentheticals in all the forms of DESIGN §5 "Responsibility":
 *
 *   X牵头，A、B等部门按职责分工负责 / X负总责 / X、Y分别牵头 / …等部门配合 /
 *   A、B等部门按各自职责分工落实 (no lead) / 牵头单位：X。责任单位：A、B /
 *   责任单位：各乡镇人民政府；县直牵头部门：X；县直责任部门：A /
 *   …；各县（区）人民政府负责 (territorial) / 县安委办负责 (overseer) /
 *   下同, 以下均需…负责，不再列出 (inheritance) / 第七项内容由X牵头.
 *
 * A clause is split at ；and 。 into clauses and at ，into parts; each part
 * gets its role from its verb (or from its clause's "X单位：" label), its
 * units are split at 、 (and at 及/和 between two unit names) and cut before
 * the first role word (等部门, 按职责分工负责 …).
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/plan_int.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define UNIT_MAX 256    /* bytes of one unit name */

/* ------------------------------------------------------------ aliases */

struct alias {
	const char *from, *to;
	int typo;
	size_t seq;             /* later definitions win */
};

struct plan_aliases {
	struct alias *v;
	size_t n, cap, seq;
	struct plan_arena *arena;
};

static int
alias_cmp(const void *pa, const void *pb)
{
	const struct alias *a = pa, *b = pb;
	int c = strcmp(a->from, b->from);

	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Sort by name and keep the latest definition of each. */
static void
aliases_settle(struct plan_aliases *a)
{
	size_t i, w = 0;

	if (a->n == 0)
		return;
	qsort(a->v, a->n, sizeof(a->v[0]), alias_cmp);
	for (i = 0; i < a->n; i++) {
		if (i + 1 < a->n && strcmp(a->v[i].from, a->v[i + 1].from) == 0)
			continue;
		a->v[w++] = a->v[i];
	}
	a->n = w;
}

int
plan_aliases_load(struct plan_aliases *a, const char *tsv, size_t len,
		  struct error *e)
{
	size_t i = 0, line = 0;
	int rc = 0;

	while (i < len) {
		size_t eol = i, tab1, tab2, fe;

		while (eol < len && tsv[eol] != '\n')
			eol++;
		line++;
		fe = eol;
		if (fe > i && tsv[fe - 1] == '\r')
			fe--;
		if (fe > i && tsv[i] != '#') {
			struct alias *al;

			for (tab1 = i; tab1 < fe && tsv[tab1] != '\t'; tab1++)
				;
			for (tab2 = tab1 + 1; tab2 < fe && tsv[tab2] != '\t'; tab2++)
				;
			if (tab1 == i || tab1 >= fe || tab2 == tab1 + 1 ||
			    (tab2 < fe && (fe - tab2 - 1 != 4 ||
					   memcmp(tsv + tab2 + 1, "typo", 4) != 0))) {
				rc = err_set(e, ERR_INVALID, "aliases",
					     "malformed alias at line %zu: want "
					     "'alias<TAB>canonical[<TAB>typo]'",
					     line);
				goto out;
			}
			al = PLAN_PUSH(a->arena, a->v, a->n, a->cap);
			al->from = plan_arena_strndup(a->arena, tsv + i, tab1 - i);
			al->to = plan_arena_strndup(a->arena, tsv + tab1 + 1,
						    tab2 - tab1 - 1);
			al->typo = tab2 < fe;
			al->seq = a->seq++;
		}
		i = eol + 1;
	}
out:
	aliases_settle(a);
	return rc;
}

struct plan_aliases *
plan_aliases_new(const char *tsv, size_t len, struct error *e)
{
	struct plan_aliases *a = calloc(1, sizeof(*a));

	if (a == NULL)
		abort();
	a->arena = plan_arena_new();
	if (tsv != NULL && plan_aliases_load(a, tsv, len, e) != 0) {
		plan_aliases_free(a);
		return NULL;
	}
	return a;
}

void
plan_aliases_free(struct plan_aliases *a)
{
	if (a == NULL)
		return;
	plan_arena_free(a->arena);
	free(a);
}

static const struct alias *
alias_find(const struct plan_aliases *a, const char *name, size_t len)
{
	size_t lo = 0, hi;

	if (a == NULL)
		return NULL;
	hi = a->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(a->v[mid].from, name, len);

		if (c == 0 && a->v[mid].from[len] != '\0')
			c = 1;
		if (c == 0)
			return &a->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Administrative prefixes kept in front of a canonical name, longest first. */
static const char *const admin_prefixes[] = {
	"自治区", "自治州", "地区", "街道", "省", "市", "州", "盟", "县",
	"区", "旗", "镇", "乡",
};

static int
canonical_plain(const struct plan_aliases *a, const char *name, size_t len,
		char *out, size_t outsz)
{
	const struct alias *al = alias_find(a, name, len);
	size_t p;

	if (al != NULL) {
		snprintf(out, outsz, "%s", al->to);
		return al->typo ? 2 : 1;
	}
	for (p = 0; p < ARRAY_LEN(admin_prefixes); p++) {
		size_t pl = strlen(admin_prefixes[p]);

		if (len > pl + 3 && memcmp(name, admin_prefixes[p], pl) == 0 &&
		    (al = alias_find(a, name + pl, len - pl)) != NULL) {
			snprintf(out, outsz, "%s%s", admin_prefixes[p], al->to);
			return al->typo ? 2 : 1;
		}
	}
	snprintf(out, outsz, "%.*s", (int)len, name);
	return 0;
}

int
plan_alias_canonical(const struct plan_aliases *a, const char *name,
		     size_t len, char *out, size_t outsz)
{
	size_t p;
	int rc;

	if (outsz == 0)
		return 0;
	/* 发改委(能源局): the name before its note, the note kept */
	for (p = 0; p < len && name[p] != '('; p++)
		;
	if (p > 0 && p < len && (rc = canonical_plain(a, name, p, out, outsz))) {
		size_t ol = strlen(out);

		snprintf(out + ol, outsz - ol, "%.*s", (int)(len - p), name + p);
		return rc;
	}
	return canonical_plain(a, name, len, out, outsz);
}

/* --------------------------------------------------------- unit classes */

/* s without a trailing "(…)" note: 各县(区)人民政府(管委会) → …人民政府 */
static size_t
strip_note(const char *s, size_t len)
{
	while (len > 0 && s[len - 1] == ')') {
		size_t k = len - 1, depth = 0;

		while (k-- > 0) {
			if (s[k] == ')')
				depth++;
			else if (s[k] == '(') {
				if (depth == 0)
					break;
				depth--;
			}
		}
		if (k == (size_t)-1 || k == 0)
			break;
		/* 各县(区): the note is part of the name, keep it */
		if (len - k <= strlen("(区)"))
			break;
		len = k;
	}
	return len;
}

int
plan_unit_is_territorial(const char *s, size_t len)
{
	static const char *const ends[] = {
		"人民政府", "政府", "党委", "管委会", "街道办事处", "街道",
		"乡镇", "村居", "村委会", "居委会", "各县(区)", "各县区",
		"各地(州、市)", "各地(市)", "各地", "各区", "各县",
	};
	size_t k;

	len = strip_note(s, len);
	for (k = 0; k < ARRAY_LEN(ends); k++)
		if (ends_at(s, len, ends[k]))
			return 1;
	return 0;
}

int
plan_unit_is_overseer(const char *s, size_t len)
{
	static const char *const marks[] = {"安委办", "安委会办公室",
					    "安全生产委员会办公室", "督查室",
					    "效能办"};
	size_t k, i;

	for (k = 0; k < ARRAY_LEN(marks); k++)
		for (i = 0; i + strlen(marks[k]) <= len; i++)
			if (at(s, len, i, marks[k]))
				return 1;
	return 0;
}

/* -------------------------------------------------------- the clauses */

/* Words of a part, and the role they give. ROLE_NONE: no verb. */
#define ROLE_NONE PLAN_ROLE__MAX
#define ROLE_PLAIN (PLAN_ROLE__MAX + 1)     /* "X负责": decided later */

static const struct {
	const char *word;
	int role;
} verbs[] = {
	{"负总责", PLAN_ROLE_LEAD},
	{"牵头", PLAN_ROLE_LEAD},
	{"分工负责", PLAN_ROLE_CO},
	{"职责负责", PLAN_ROLE_CO},
	{"分工落实", PLAN_ROLE_CO},
	{"职责落实", PLAN_ROLE_CO},
	{"配合", PLAN_ROLE_CO},
	{"协助", PLAN_ROLE_CO},
	{"参与", PLAN_ROLE_CO},
	{"协同", PLAN_ROLE_CO},
	{"负责", ROLE_PLAIN},
};

/* Where a unit list stops: the first of these in a piece. */
static const char *const cut_words[] = {
	"等有关部门", "等相关部门", "等部门", "等单位", "按", "分别", "负总责",
	"牵头", "负责", "配合", "参与", "协助", "协同", "分工", "共同", "具体",
	"等",
};

/* Suffixes of unit names: where 及/和/与 may separate two units. */
static const char *const unit_suffixes[] = {
	"局", "厅", "委", "办", "部", "队", "院", "会", "府", "司", "所", "站",
	"中心", "处", "室", "署", "社", "行", "团", "馆", "台", "校", "联",
};

/* Fragments of role words left on a unit by a garbled clause. */
static const char *const garble_tails[] = {"按职", "按照", "责", "职", "按",
					   "照", "的", "等"};

static int
role_of_part(const char *s, size_t len)
{
	size_t i, v;

	for (i = 0; i < len; i++)
		for (v = 0; v < ARRAY_LEN(verbs); v++)
			if (at(s, len, i, verbs[v].word)) {
				size_t e = i + strlen(verbs[v].word);

				/* 负责人 is a person, not a role */
				if (verbs[v].role == ROLE_PLAIN &&
				    at(s, len, e, "人"))
					continue;
				/* every verb but the last decides only if it
				 * is the strongest: 牵头负责 is a lead */
				if (verbs[v].role == ROLE_PLAIN) {
					size_t j;

					for (j = i; j < len; j++)
						if (at(s, len, j, "分工") ||
						    at(s, len, j, "职责"))
							return PLAN_ROLE_CO;
				}
				return verbs[v].role;
			}
	return ROLE_NONE;
}

/* The role named by a clause label "牵头单位", "县直责任部门" …; ROLE_NONE. */
static int
role_of_label(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (at(s, len, i, "牵头") || at(s, len, i, "主办") ||
		    at(s, len, i, "主责"))
			return PLAN_ROLE_LEAD;
		if (at(s, len, i, "属地"))
			return PLAN_ROLE_LOCALITY;
		if (at(s, len, i, "督"))
			return PLAN_ROLE_OVERSEER;
	}
	for (i = 0; i < len; i++)
		if (at(s, len, i, "责任") || at(s, len, i, "配合") ||
		    at(s, len, i, "参与") || at(s, len, i, "协办") ||
		    at(s, len, i, "协助"))
			return PLAN_ROLE_CO;
	return ROLE_NONE;
}

static void
note(struct plan_arena *a, struct plan_resp *r, size_t *cap, size_t off,
     const char *msg)
{
	struct plan_resp_note *n = PLAN_PUSH(a, r->notes, r->nnotes, *cap);

	n->offset = off;
	n->message = msg;
}

/* Add a unit (already canonical) to a role unless it is there. */
static void
add_unit(struct plan_arena *a, struct plan_units *u, size_t *cap,
	 const char *name)
{
	size_t k;

	for (k = 0; k < u->n; k++)
		if (strcmp(u->v[k], name) == 0)
			return;
	*PLAN_PUSH(a, u->v, u->n, *cap) = plan_arena_strndup(a, name,
							     strlen(name));
}

/* State of one parse. */
struct rparse {
	struct plan_arena *a;
	const struct plan_aliases *al;
	struct plan_resp *r;
	size_t cap[PLAN_ROLE__MAX];
	size_t notecap;
	const char *base;       /* the whole clause, for note offsets */
};

/* The top-level separators of s: the next of seps at depth 0, or len. */
static size_t
next_sep(const char *s, size_t len, size_t i, const char *const *seps,
	 size_t nseps, size_t *sl)
{
	int depth = 0;

	for (; i < len; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && depth > 0)
			depth--;
		else if (depth == 0 && at_any(s, len, i, seps, nseps, sl) >= 0)
			return i;
	}
	*sl = 0;
	return len;
}

/* Whether s[0..len) ends with a unit suffix. */
static int
ends_with_unit(const char *s, size_t len)
{
	size_t k;

	len = strip_note(s, len);
	for (k = 0; k < ARRAY_LEN(unit_suffixes); k++)
		if (ends_at(s, len, unit_suffixes[k]))
			return 1;
	return 0;
}

/*
 * Emit one unit name s[b..e) (a piece cut from a list) into role. A unit of
 * a plain "X负责" part oversees when it is an office, is the locality when
 * it is a government, and takes plain_as otherwise; a government in a
 * cooperating list is a locality.
 */
static void
emit_unit(struct rparse *p, const char *s, size_t b, size_t e, int role,
	  int plain_as)
{
	char buf[UNIT_MAX], canon[UNIT_MAX];
	size_t bl = 0, k, adv;

	/* drop blanks inside the name */
	for (k = b; k < e && bl + 4 < sizeof(buf); k += adv) {
		uint32_t c = u8_at(s, e, k, &adv);

		if (!is_blank(c)) {
			memcpy(buf + bl, s + k, adv);
			bl += adv;
		}
	}
	buf[bl] = '\0';
	if (bl == 0)
		return;
	if (role == ROLE_PLAIN)
		role = plan_unit_is_overseer(buf, bl) ? PLAN_ROLE_OVERSEER
		       : plan_unit_is_territorial(buf, bl) ? PLAN_ROLE_LOCALITY
							   : plain_as;
	else if (role == PLAN_ROLE_CO && plan_unit_is_territorial(buf, bl))
		role = PLAN_ROLE_LOCALITY;
	if (plan_alias_canonical(p->al, buf, bl, canon, sizeof(canon)) == 2)
		note(p->a, p->r, &p->notecap, (size_t)(s + b - p->base),
		     plan_arena_printf(p->a, "unit name '%s' read as '%s'",
				       buf, canon));
	add_unit(p->a, &p->r->role[role], &p->cap[role], canon);
}

/* Whether 等 at s[k] ends a list (等部门, 等按…), not 等级 or 中等. */
static int
deng_ends_list(const char *s, size_t len, size_t k)
{
	static const char *const after[] = {"按", "负", "配", "参", "有", "相",
					    "单", "部", "分", "协", "共"};
	size_t n = k + strlen("等");

	return n >= len || at_any(s, len, n, after, ARRAY_LEN(after), NULL) >= 0;
}

/* One unit name in a list: where it is, once cut from its role words. */
struct piece {
	size_t b, e;
};

/*
 * The units of one part s[b..e) into role: split at 、 (depth 0), cut each
 * piece before its role words, rejoin 党委、政府, split 及/和/与 between two
 * unit names.
 */
static void
part_units(struct rparse *p, const char *s, size_t b, size_t e, int role,
	   int plain_as)
{
	static const char *const seps[] = {"、"};
	static const char *const joins[] = {"以及", "及", "和", "与"};
	struct piece pieces[64];
	size_t np = 0, i = b, sl, k, q, adv;
	int noted = 0;

	while (i < e && np < ARRAY_LEN(pieces)) {
		size_t pe = next_sep(s, e, i, seps, 1, &sl), cb = i, ce = pe;
		size_t cut = pe, cw;
		int garbled = 0;

		for (k = cb; k < ce && cut == pe; k += adv) {
			u8_at(s, ce, k, &adv);
			if (at_any(s, ce, k, cut_words, ARRAY_LEN(cut_words),
				   &cw) >= 0 &&
			    (!at(s, ce, k, "等") || deng_ends_list(s, ce, k)))
				cut = k;
		}
		if (cut < pe && pe < e)
			garbled = 1;    /* role words before a later unit */
		ce = cut;
		if (at(s, ce, cb, "由"))
			cb += strlen("由");
		trim_span(s, &cb, &ce);
		/* 大数据局部门: the unit, not its kind */
		if (ends_at(s, ce, "部门") &&
		    ends_with_unit(s + cb, ce - strlen("部门") - cb))
			ce -= strlen("部门");
		/* fragments of role words: 体育局按职、消防救援支队责分工负责 */
		for (k = 0; k < ARRAY_LEN(garble_tails); k++)
			if (ce - cb > strlen(garble_tails[k]) + 3 &&
			    ends_at(s, ce, garble_tails[k]) &&
			    !ends_with_unit(s + cb, ce - cb)) {
				ce -= strlen(garble_tails[k]);
				garbled = 1;
				break;
			}
		if (garbled && !noted++)
			note(p->a, p->r, &p->notecap, (size_t)(s + i - p->base),
			     "garbled responsibility clause: role words inside "
			     "a list of units");
		if (ce > cb) {
			/* 党委、政府 is one unit: extend the previous piece */
			if (np > 0 &&
			    (ce - cb == strlen("政府") || ce - cb == strlen("人民政府")) &&
			    (at(s, ce, cb, "政府") || at(s, ce, cb, "人民政府")) &&
			    ends_at(s, pieces[np - 1].e, "党委") &&
			    pieces[np - 1].e + strlen("、") == cb)
				pieces[np - 1].e = ce;
			else {
				pieces[np].b = cb;
				pieces[np].e = ce;
				np++;
			}
		}
		i = pe + sl;
	}
	for (q = 0; q < np; q++) {
		size_t cb = pieces[q].b, ce = pieces[q].e, jl = 0, jb = 0;
		int j = -1;

		/* 经信局及移动拉萨分公司: two units */
		for (k = cb; k < ce && j < 0; k += adv) {
			u8_at(s, ce, k, &adv);
			j = at_any(s, ce, k, joins, ARRAY_LEN(joins), &jl);
			if (j >= 0) {
				if (!ends_with_unit(s + cb, k - cb) ||
				    ce - (k + jl) < 6 ||
				    at(s, ce, k + jl, "政府") ||
				    at(s, ce, k + jl, "人民政府"))
					j = -1;
				else
					jb = k;
			}
		}
		if (j >= 0) {
			emit_unit(p, s, cb, jb, role, plain_as);
			emit_unit(p, s, jb + jl, ce, role, plain_as);
		} else
			emit_unit(p, s, cb, ce, role, plain_as);
	}
}

/* Parts of one clause and their roles. */
struct part {
	size_t b, e;
	int role;
	size_t clause;
};

void
plan_resp_parse_into(struct plan_arena *a, const char *s, size_t len,
		     const struct plan_aliases *al, struct plan_resp *r)
{
	static const char *const clause_seps[] = {";", "。"};
	static const char *const part_seps[] = {","};
	struct rparse p;
	struct part parts[64];
	size_t np = 0, i = 0, sl, k, nclause = 0, marker = (size_t)-1;
	int any_verb = 0;

	memset(r, 0, sizeof(*r));
	memset(&p, 0, sizeof(p));
	p.a = a;
	p.al = al;
	p.r = r;
	p.base = s;
	/* 下同 / 以下均需…不再列出 */
	for (k = 0; k < len; k++)
		if (at(s, len, k, "下同") || at(s, len, k, "不再列出") ||
		    at(s, len, k, "以下均"))
			r->inherit = 1;
	/* 第七项内容由X牵头 */
	if (at(s, len, 0, "第")) {
		size_t used;
		int n = any_number(s, len, strlen("第"), &used);

		if (n > 0 && at(s, len, strlen("第") + used, "项"))
			r->item = n;
	}
	/* clauses and their parts */
	while (i < len && np < ARRAY_LEN(parts)) {
		size_t ce = next_sep(s, len, i, clause_seps, 2, &sl), csl = sl;
		size_t lb = i, colon, cs = i;
		int label_role = ROLE_NONE, nparts_clause = 0;

		/* the clause that says 下同 is the one carried on */
		for (k = i; k < ce && marker == (size_t)-1; k++)
			if (at(s, ce, k, "下同") || at(s, ce, k, "不再列出") ||
			    at(s, ce, k, "以下均"))
				marker = nclause;
		/* a label "牵头单位:" applies to the whole clause */
		colon = next_sep(s, ce, i, (const char *const[]){":"}, 1, &sl);
		if (colon < ce) {
			label_role = role_of_label(s + lb, colon - lb);
			if (label_role != ROLE_NONE)
				cs = colon + sl;
		}
		while (cs < ce && np < ARRAY_LEN(parts)) {
			size_t pe = next_sep(s, ce, cs, part_seps, 1, &sl);
			size_t pb = cs, pee = pe;
			struct part *pt;

			trim_span(s, &pb, &pee);
			/* markers are not units: 以下(各项任务)均需… */
			if (at(s, pee, pb, "以下")) {
				static const char *const marks[] = {
					"均需", "均由", "需由", "均"};
				size_t q, ml;

				for (q = pb; q < pee; q++)
					if (at_any(s, pee, q, marks, 4, &ml) >= 0) {
						pb = q + ml;
						break;
					}
			}
			if (r->item > 0 && nparts_clause == 0 && np == 0) {
				size_t q;

				for (q = pb; q < pee; q++)
					if (at(s, pee, q, "由")) {
						pb = q + strlen("由");
						break;
					}
			}
			if (pee > pb && !(pee - pb == strlen("下同") &&
					  at(s, pee, pb, "下同")) &&
			    !at(s, pee, pb, "不再列出")) {
				pt = &parts[np++];
				pt->b = pb;
				pt->e = pee;
				pt->clause = nclause;
				pt->role = role_of_part(s + pb, pee - pb);
				if (pt->role != ROLE_NONE)
					any_verb = 1;
				if (label_role != ROLE_NONE) {
					/* 牵头单位:X,A、B → X leads, A、B co */
					if (label_role == PLAN_ROLE_LEAD &&
					    nparts_clause > 0) {
						pt->role = PLAN_ROLE_CO;
						if (nparts_clause == 1)
							note(a, r, &p.notecap, pb,
							     "units after ',' in a lead "
							     "list taken as cooperating");
					} else
						pt->role = label_role;
					any_verb = 1;
				}
				nparts_clause++;
			}
			cs = pe + sl;
		}
		i = ce + csl;
		nclause++;
	}
	if (!any_verb)
		return;
	r->is_resp = 1;
	/* a part without a verb is in the list of the next (or last) one */
	for (k = 0; k < np; k++) {
		size_t q;

		if (parts[k].role != ROLE_NONE)
			continue;
		for (q = k + 1; q < np && parts[q].role == ROLE_NONE; q++)
			;
		if (q < np)
			parts[k].role = parts[q].role;
		else
			for (q = k; q-- > 0;)
				if (parts[q].role != ROLE_NONE) {
					parts[k].role = parts[q].role;
					break;
				}
		if (parts[k].role == ROLE_NONE)
			parts[k].role = PLAN_ROLE_CO;
	}
	/* "X负责": an office oversees, a government is the locality, another
	 * unit leads when it is the first part and nothing else leads */
	{
		int lead_elsewhere = 0;

		for (k = 0; k < np; k++)
			if (parts[k].role == PLAN_ROLE_LEAD)
				lead_elsewhere = 1;
		for (k = 0; k < np; k++)
			part_units(&p, s, parts[k].b, parts[k].e, parts[k].role,
				   k == 0 && !lead_elsewhere ? PLAN_ROLE_LEAD
							     : PLAN_ROLE_CO);
		/* what 下同 carries on: the units of its clause ("…;县安委办
		 * 负责督促,下同" carries the overseer only), or all of them
		 * when that clause names none */
		if (r->inherit) {
			struct plan_resp scratch;
			struct rparse q = p;
			int in_marker = 0;

			memset(&scratch, 0, sizeof(scratch));
			memset(q.cap, 0, sizeof(q.cap));
			q.notecap = 0;  /* its notes repeat the first pass's */
			q.r = &scratch;
			for (k = 0; k < np; k++)
				if (parts[k].clause == marker)
					in_marker = 1;
			for (k = 0; k < np; k++)
				if (!in_marker || parts[k].clause == marker)
					part_units(&q, s, parts[k].b, parts[k].e,
						   parts[k].role,
						   k == 0 && !lead_elsewhere
							   ? PLAN_ROLE_LEAD
							   : PLAN_ROLE_CO);
			memcpy(r->carry, scratch.role, sizeof(r->carry));
		}
	}
}

struct plan_resp *
plan_resp_parse_new(const char *s, size_t len, const struct plan_aliases *a)
{
	struct plan_arena *ar = plan_arena_new();
	struct plan_resp tmp, *r;

	plan_resp_parse_into(ar, s, len, a, &tmp);
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		abort();
	*r = tmp;
	r->arena = ar;
	return r;
}

void
plan_resp_free(struct plan_resp *r)
{
	if (r == NULL)
		return;
	plan_arena_free(r->arena);
	free(r);
}
