/*
 * api_exports.c — hazard lists as CSV or XLSX: any filtered list, the major
 * hazard ledger (重大事故隐患台账) and the supervision list (挂牌督办清单).
 * Rows are written page by page to a temporary file that is sent and then
 * gone; memory stays flat however many rows there are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/hazard.h"
#include "export/export.h"
#include "http/http_int.h"

/* What people read in the sheets. */
static const char *const status_zh[HZ_STATUS__MAX] = {
	[HZ_OPEN] = "待整改", [HZ_RECTIFYING] = "整改中", [HZ_PENDING_ACCEPTANCE] = "待验收",
	[HZ_CLOSED] = "已销号", [HZ_VOID] = "已作废",
};
static const char *const grade_zh[HG__MAX] = { [HG_GENERAL] = "一般隐患", [HG_MAJOR] = "重大隐患" };
static const char *const source_zh[HS__MAX] = {
	[HS_SELF_CHECK] = "企业自查", [HS_INSPECTION] = "执法检查", [HS_SUPERVISION] = "督导检查",
	[HS_TIP_OFF] = "群众举报", [HS_OTHER] = "其他",
};
static const char *const category_zh[HC__MAX] = {
	[HC_UNSAFE_ACT] = "人的不安全行为", [HC_UNSAFE_CONDITION] = "物的不安全状态",
	[HC_ENVIRONMENT] = "环境因素", [HC_MANAGEMENT] = "管理缺陷",
};
static const char *const listing_zh[LIST__MAX] = {
	[LIST_NONE] = "", [LIST_PROVINCE] = "省级挂牌", [LIST_CITY] = "市级挂牌", [LIST_COUNTY] = "县级挂牌",
};

enum sheet { SHEET_LIST, SHEET_LEDGER, SHEET_LISTED, SHEET__MAX };

/* A new empty temporary file for an export; its path in path (the
 * XXXXXX is mkstemp's template, filled in by it). */
int
export_tmp(char path[EXPORT_PATH_MAX], struct error *e)
{
	int fd;

	snprintf(path, EXPORT_PATH_MAX, "/tmp/hazardnet-export-%s", "XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		return err_set(e, ERR_IO, NULL, "cannot create a temporary file");
	close(fd);
	return 0;
}

static const char *const list_cols[] = { "隐患编号", "企业", "区划代码", "隐患名称", "类别", "等级",
	"来源", "发现日期", "状态", "整改期限", "是否逾期", "销号日期", "按期销号" };
static const int list_widths[] = { 24, 30, 14, 36, 14, 10, 10, 12, 8, 12, 8, 12, 8 };
static const char *const ledger_cols[] = { "隐患编号", "企业", "区划代码", "隐患名称", "判定依据",
	"发现日期", "整改责任人", "整改措施", "整改资金(元)", "整改期限", "原定期限", "延期次数",
	"应急预案", "状态", "挂牌督办", "销号日期" };
static const int ledger_widths[] = { 24, 30, 14, 36, 36, 12, 12, 40, 12, 12, 12, 8, 30, 8, 10, 12 };
static const char *const listed_cols[] = { "隐患编号", "企业", "区划代码", "隐患名称", "挂牌级别",
	"挂牌日期", "督办期限", "整改期限", "状态", "是否逾期", "摘牌日期" };
static const int listed_widths[] = { 24, 30, 14, 36, 10, 12, 12, 12, 8, 8, 12 };

static const struct {
	const char *title, *file;
	const char *const *cols;
	const int *widths;
	int ncols;
} sheets[SHEET__MAX] = {
	[SHEET_LIST] = { "隐患清单", "hazards", list_cols, list_widths, 13 },
	[SHEET_LEDGER] = { "重大事故隐患台账", "major-ledger", ledger_cols, ledger_widths, 16 },
	[SHEET_LISTED] = { "挂牌督办清单", "listed", listed_cols, listed_widths, 11 },
};

struct xrow {
	struct exporter *x;
	enum sheet sheet;
	int32_t today;
	int64_t last_id, rows;
};

static int
write_row(const struct hazard *h, void *arg)
{
	struct xrow *c = arg;
	struct exporter *x = c->x;
	int overdue = hazard_overdue(h, c->today), rc = 0;

	c->last_id = h->id;
	c->rows++;
	switch (c->sheet) {
	case SHEET_LIST:
		rc = export_text(x, h->code) | export_text(x, h->enterprise_name) |
		     export_text(x, h->region_code) | export_text(x, h->title) |
		     export_text(x, category_zh[h->category]) | export_text(x, grade_zh[h->grade]) |
		     export_text(x, source_zh[h->source]) | export_text(x, h->found_at) |
		     export_text(x, status_zh[h->status]) | export_text(x, h->deadline) |
		     export_text(x, overdue ? "是" : "否") | export_text(x, h->closed_on) |
		     export_text(x, h->status == HZ_CLOSED ? (h->closed_on_time ? "是" : "否") : "");
		break;
	case SHEET_LEDGER:
		rc = export_text(x, h->code) | export_text(x, h->enterprise_name) |
		     export_text(x, h->region_code) | export_text(x, h->title) |
		     export_text(x, h->basis) | export_text(x, h->found_at) |
		     export_text(x, h->responsible) | export_text(x, h->measures) |
		     (h->has_funds ? export_number(x, h->funds) : export_text(x, "")) |
		     export_text(x, h->deadline) | export_text(x, h->original_deadline) |
		     export_number(x, h->extensions) | export_text(x, h->contingency) |
		     export_text(x, status_zh[h->status]) | export_text(x, listing_zh[h->listing_level]) |
		     export_text(x, h->closed_on);
		break;
	case SHEET_LISTED:
	case SHEET__MAX:
		rc = export_text(x, h->code) | export_text(x, h->enterprise_name) |
		     export_text(x, h->region_code) | export_text(x, h->title) |
		     export_text(x, listing_zh[h->listing_level]) | export_text(x, h->listed_on) |
		     export_text(x, h->listing_deadline) | export_text(x, h->deadline) |
		     export_text(x, status_zh[h->status]) | export_text(x, overdue ? "是" : "否") |
		     export_text(x, h->delisted_on);
		break;
	}
	return rc | export_end_row(x) ? -1 : 0;
}

static int
export_hazards(struct req *r, enum sheet sheet, struct error *e)
{
	struct hazard_filter f;
	struct xrow c = { .sheet = sheet, .today = http_today() };
	enum export_format fmt;
	size_t plen = strlen(r->path);
	char path[EXPORT_PATH_MAX];
	int more = 1;

	fmt = plen > 5 && strcmp(r->path + plen - 5, ".xlsx") == 0 ? EXPORT_XLSX : EXPORT_CSV;
	if (http_hazard_filter(r, &f, e) != 0)
		return -1;
	if (sheet == SHEET_LEDGER)
		f.grade = HG_MAJOR;
	if (sheet == SHEET_LISTED) {
		f.grade = HG_MAJOR;
		f.listed_only = 1;
	}
	f.by_due = 0;
	f.limit = 500;
	f.after_id = 0;
	if (export_tmp(path, e) != 0)
		return -1;
	if ((c.x = export_open(fmt, path, sheets[sheet].title, e)) == NULL)
		goto out_unlink;
	if (export_header(c.x, sheets[sheet].cols, sheets[sheet].widths, sheets[sheet].ncols) != 0) {
		export_close(c.x, e);
		goto out_unlink;
	}
	while (more) {
		if (store_hazard_list(r->st, &r->scope, &f, write_row, &c, NULL, &more, e) != 0) {
			export_close(c.x, e);
			goto out_unlink;
		}
		f.after_id = c.last_id;
	}
	if (export_close(c.x, e) != 0)
		goto out_unlink;
	snprintf(r->file_path, sizeof(r->file_path), "%s", path);
	snprintf(r->file_type, sizeof(r->file_type), "%s", export_mime(fmt));
	snprintf(r->file_name, sizeof(r->file_name), "%s.%s", sheets[sheet].file, export_ext(fmt));
	r->file_unlink = 1;
	return 0;
out_unlink:
	unlink(path);
	return -1;
}

int
api_export_hazards(struct req *r, struct error *e)
{
	return export_hazards(r, SHEET_LIST, e);
}

int
api_export_ledger(struct req *r, struct error *e)
{
	return export_hazards(r, SHEET_LEDGER, e);
}

int
api_export_listed(struct req *r, struct error *e)
{
	return export_hazards(r, SHEET_LISTED, e);
}

const struct field stats_export_query[] = {
	{ "region", F_REGION, 0, 0, 0, NULL, 0, "region subtree (default: yours)", NULL },
	{ "industry", F_ID, 0, 0, 0, NULL, 0, "industry id", NULL },
	{ "period", F_STRING, 0, 4, 7, NULL, 0, "2026-Q3 (a quarter) or 2026 (a year)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

struct srow {
	struct req *r;
	struct exporter *x;
	int rc;
	int totals;      /* total rows written */
};

static void
stats_cells(struct exporter *x, const struct hazard_stats_row *s, int *rc)
{
	*rc |= export_number(x, (double)s->found) | export_number(x, (double)s->major) |
	       export_number(x, (double)s->closed) | export_number(x, (double)s->open) |
	       export_number(x, (double)s->overdue) | export_number(x, (double)s->extended);
	if (s->found > 0)
		*rc |= export_number(x, 100.0 * (double)s->closed / (double)s->found);
	else
		*rc |= export_text(x, "—");
	if (s->closed > 0)
		*rc |= export_number(x, 100.0 * (double)s->closed_on_time / (double)s->closed) |
		       export_number(x, s->days_to_close / (double)s->closed);
	else
		*rc |= export_text(x, "—") | export_text(x, "—");
	*rc |= export_end_row(x);
}

static int
stats_region_row(const struct hazard_stats_row *s, void *arg)
{
	struct srow *c = arg;
	struct region reg;
	struct error e;
	char code[48];

	snprintf(code, sizeof(code), "%s000000000000", s->key);
	code[REGION_CODE_LEN] = '\0';
	c->rc |= export_text(c->x, store_region_get(c->r->st, code, &reg, &e) == 0 ? reg.name : code);
	stats_cells(c->x, s, &c->rc);
	return 0;
}

static int
stats_total_row(const struct hazard_stats_row *s, void *arg)
{
	struct srow *c = arg;

	c->rc |= export_text(c->x, "合计");
	stats_cells(c->x, s, &c->rc);
	c->totals++;
	return 0;
}

/* 隐患排查治理统计表: one row per child region and a total, for a quarter or a year. */
int
api_export_stats(struct req *r, struct error *e)
{
	static const char *const cols[] = { "区域", "排查隐患", "其中重大", "已整改销号", "未整改",
		"逾期未整改", "延期", "整改率(%)", "按期整改率(%)", "平均整改天数" };
	static const int widths[] = { 20, 10, 10, 12, 10, 12, 8, 12, 14, 14 };
	const char *period = http_query(r, "period"), *region = http_query(r, "region"), *v;
	char from[DATE_LEN], to[DATE_LEN], today[DATE_LEN], title[64], path[EXPORT_PATH_MAX];
	int32_t f, t, due;
	int64_t industry = 0;
	size_t plen = strlen(r->path);
	enum export_format fmt = plen > 5 && strcmp(r->path + plen - 5, ".xlsx") == 0 ? EXPORT_XLSX : EXPORT_CSV;
	struct srow c = { .r = r };

	if (period == NULL || report_period(period, &f, &t, &due) != 0)
		return err_set(e, ERR_INVALID, "period", "period is required: 2026-Q3 or 2026");
	if (region != NULL && region_level_of(region) < 0)
		return err_set(e, ERR_INVALID, "region", "region must be a 12-digit code");
	if ((v = http_query(r, "industry")) != NULL && (industry = strtoll(v, NULL, 10)) <= 0)
		return err_set(e, ERR_INVALID, "industry", "industry must be an id");
	date_format(f, from);
	date_format(t, to);
	date_format(http_today(), today);
	snprintf(title, sizeof(title), "隐患统计 %s", period);
	if (export_tmp(path, e) != 0)
		return -1;
	if ((c.x = export_open(fmt, path, title, e)) == NULL)
		goto out_unlink;
	if (export_header(c.x, cols, widths, 10) != 0 ||
	    store_read_begin(r->st, e) != 0) {     /* the regions add up to the total */
		export_close(c.x, e);
		goto out_unlink;
	}
	if (store_hazard_stats(r->st, &r->scope, region, industry, from, to, today, SG_CHILD_REGION,
			       stats_region_row, &c, e) != 0 ||
	    store_hazard_stats(r->st, &r->scope, region, industry, from, to, today, SG_TOTAL,
			       stats_total_row, &c, e) != 0 ||
	    /* no hazard at all still has a total: zero */
	    (c.totals == 0 && stats_total_row(&(struct hazard_stats_row){ .key = "" }, &c) != 0) ||
	    c.rc != 0) {
		store_tx_rollback(r->st);
		export_close(c.x, e);
		if (c.rc != 0)
			err_set(e, ERR_IO, NULL, "cannot write the export");
		goto out_unlink;
	}
	store_tx_rollback(r->st);       /* read only: nothing to keep */
	if (export_close(c.x, e) != 0)
		goto out_unlink;
	snprintf(r->file_path, sizeof(r->file_path), "%s", path);
	snprintf(r->file_type, sizeof(r->file_type), "%s", export_mime(fmt));
	snprintf(r->file_name, sizeof(r->file_name), "hazard-stats-%s.%s", period, export_ext(fmt));
	r->file_unlink = 1;
	return 0;
out_unlink:
	unlink(path);
	return -1;
}
