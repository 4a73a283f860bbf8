/*
 * api_bulletin.c — documents generated from a plan's data: the half-yearly
 * bulletin (半年通报: completion, lateness of reports, the overdue tasks by
 * name, the assessment's ranking) as PDF or XLSX, and the monthly
 * statistics table (月度统计表) the office sends upward, as XLSX. Both read
 * one assessment run (assess_run.c), the same numbers the ranking shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/export.h"
#include "export/export_pdf.h"
#include "http/assess_run.h"
#include "http/http_int.h"

const struct field bulletin_query[] = {
	{ "half", F_STRING, 0, 7, 7, NULL, 0, "the half-year, 2026-H1 or 2026-H2 (default: this one)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field statistics_query[] = {
	{ "month", F_STRING, 0, 7, 7, NULL, 0, "the month, YYYY-MM (default: this one)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

/* "87.5%" of num/den, or "—" when nothing was due. */
static void
pct(char *buf, size_t n, int64_t num, int64_t den)
{
	if (den <= 0)
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "%.1f%%", 100.0 * (double)num / (double)den);
}

static void
num(char *buf, size_t n, int64_t v)
{
	snprintf(buf, n, "%lld", (long long)v);
}

struct totals {
	int64_t tasks, done, in_progress, not_started, overdue;
	int64_t due, on_time, late;
};

static void
sum_totals(const struct assess_run *run, struct totals *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < run->norgs; i++) {
		const struct run_org *o = &run->orgs[i];

		t->tasks += o->tasks;
		t->done += o->done;
		t->in_progress += o->in_progress;
		t->not_started += o->not_started;
		t->overdue += o->overdue;
		t->due += o->in.den[AI_REPORT_ON_TIME];
		t->on_time += o->in.num[AI_REPORT_ON_TIME];
		t->late += o->in.late_reports;
	}
}

static const char *
half_name(const char *period)
{
	return period[6] == '1' ? "上半年" : "下半年";
}

static void
vetoes_zh(const struct run_org *o, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int v = 0; v < AV__MAX; v++)
		if (o->res.vetoed_by & (1u << v))
			snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", buf[0] ? "；" : "",
				 assess_veto_zh[v]);
}

static const char *const rank_cols[] = { "名次", "责任单位", "按时报送率", "任务完成率", "目标达成率",
	"重大隐患整改率", "隐患未逾期率", "总分", "等级", "否决事项" };
static const double rank_widths[] = { 0.6, 2.6, 1, 1, 1, 1.1, 1, 0.8, 0.8, 1.8 };
#define RANK_COLS 10

/* The cells of one org's ranking row (bufs of 64 bytes each). */
static void
rank_cells(const struct run_org *o, char bufs[RANK_COLS][64], const char *cells[RANK_COLS])
{
	if (o->res.rank)
		num(bufs[0], 64, o->res.rank);
	else
		snprintf(bufs[0], 64, "—");
	cells[0] = bufs[0];
	cells[1] = o->name;
	for (int i = 0; i < AI__MAX; i++) {
		if (o->res.value[i] == AI_NA)
			snprintf(bufs[2 + i], 64, "—");
		else
			snprintf(bufs[2 + i], 64, "%.1f%%", 100.0 * o->res.value[i]);
		cells[2 + i] = bufs[2 + i];
	}
	if (o->res.assessed)
		snprintf(bufs[7], 64, "%.1f", o->res.total);
	else
		snprintf(bufs[7], 64, "未考核");
	cells[7] = bufs[7];
	cells[8] = o->res.assessed ? assess_grade_zh[o->res.grade] : "—";
	vetoes_zh(o, bufs[9], 64);
	cells[9] = bufs[9];
}

static int
bulletin_pdf(const struct assess_run *run, const char *path, struct error *e)
{
	struct pdf_doc *d = pdf_open(path, PDF_A4_LANDSCAPE, e);
	struct totals t;
	char text[2048], a[32], b[32], c[32];
	char bufs[RANK_COLS][64];
	const char *cells[RANK_COLS];
	struct pdf_fill warn = { { 1.0, 0.92, 0.9 } };
	int year = atoi(run->period), rc = 0, any = 0;

	if (d == NULL)
		return -1;
	sum_totals(run, &t);
	snprintf(text, sizeof(text), "%s\n%d年%s工作情况通报", run->plan.title, year,
		 half_name(run->period));
	rc |= pdf_title(d, text);
	pct(a, sizeof(a), t.done, t.tasks);
	pct(b, sizeof(b), t.on_time, t.due);
	snprintf(text, sizeof(text),
		 "根据%s部署，现将%d年%s（%s至%s，数据截至%s）各责任单位任务推进、进度报送和考核情况通报如下。",
		 run->plan.title, year, half_name(run->period), run->dfrom, run->dto, run->das_of);
	rc |= pdf_paragraph(d, text);
	rc |= pdf_heading(d, "一、总体情况");
	snprintf(text, sizeof(text),
		 "本期共有责任单位%zu个、任务%lld项，其中已完成%lld项（完成率%s），推进中%lld项，"
		 "未启动%lld项，逾期未完成%lld项。应报送月度进展%lld次，按时报送%lld次，逾期报送%lld次，"
		 "未报送%lld次，按时报送率%s。",
		 run->norgs, (long long)t.tasks, (long long)t.done, a, (long long)t.in_progress,
		 (long long)t.not_started, (long long)t.overdue, (long long)t.due,
		 (long long)t.on_time, (long long)t.late, (long long)(t.due - t.on_time - t.late), b);
	rc |= pdf_paragraph(d, text);

	rc |= pdf_heading(d, "二、进度报送情况");
	{
		static const char *const cols[] = { "责任单位", "任务数", "已完成", "完成率", "应报送",
			"按时报送", "逾期报送", "未报送", "按时报送率" };
		static const double w[] = { 3, 1, 1, 1, 1, 1, 1, 1, 1.2 };

		rc |= pdf_table_begin(d, cols, w, 9, 0);
		for (size_t i = 0; i < run->norgs; i++) {
			const struct run_org *o = &run->orgs[i];
			char n1[24], n2[24], n3[24], n4[24], n5[24], n6[24];
			int64_t missing = o->in.den[AI_REPORT_ON_TIME] - o->in.num[AI_REPORT_ON_TIME] -
					  o->in.late_reports;
			const char *row[9];

			num(n1, sizeof(n1), o->tasks);
			num(n2, sizeof(n2), o->done);
			pct(a, sizeof(a), o->done, o->tasks);
			num(n3, sizeof(n3), o->in.den[AI_REPORT_ON_TIME]);
			num(n4, sizeof(n4), o->in.num[AI_REPORT_ON_TIME]);
			num(n5, sizeof(n5), o->in.late_reports);
			num(n6, sizeof(n6), missing);
			pct(c, sizeof(c), o->in.num[AI_REPORT_ON_TIME], o->in.den[AI_REPORT_ON_TIME]);
			row[0] = o->name; row[1] = n1; row[2] = n2; row[3] = a; row[4] = n3;
			row[5] = n4; row[6] = n5; row[7] = n6; row[8] = c;
			rc |= pdf_table_row(d, row, o->in.late_reports + missing > 0 ? &warn : NULL);
		}
		rc |= pdf_table_end(d);
	}

	rc |= pdf_heading(d, "三、逾期未完成任务");
	for (size_t i = 0; i < run->ntasks; i++)
		any |= run->tasks[i].overdue;
	if (!any) {
		rc |= pdf_paragraph(d, "本期无逾期未完成任务。");
	} else {
		static const char *const cols[] = { "责任单位", "任务", "完成时限", "逾期天数", "当前进度" };
		static const double w[] = { 2.2, 6, 1.2, 1, 1 };

		rc |= pdf_table_begin(d, cols, w, 5, 0);
		for (size_t i = 0; i < run->ntasks; i++) {
			const struct run_task *tk = &run->tasks[i];
			const char *row[5];

			if (!tk->overdue)
				continue;
			num(a, sizeof(a), tk->overdue_days);
			snprintf(b, sizeof(b), "%d%%", tk->row.percent);
			row[0] = tk->row.org_name; row[1] = tk->row.title; row[2] = tk->row.deadline;
			row[3] = a; row[4] = b;
			rc |= pdf_table_row(d, row, NULL);
		}
		rc |= pdf_table_end(d);
	}

	rc |= pdf_heading(d, "四、考核排名");
	snprintf(text, sizeof(text),
		 "考核指标及权重：按时报送率%d分、任务完成率%d分、目标达成率%d分、重大隐患整改率%d分、"
		 "隐患未逾期率%d分；无应考内容的指标不计，其权重按比例分配给其余指标。总分%d分及以上为优秀，"
		 "%d分及以上为良好，%d分及以上为合格。存在否决事项的单位最高评为%s。",
		 run->cfg.c.weight[0], run->cfg.c.weight[1], run->cfg.c.weight[2], run->cfg.c.weight[3],
		 run->cfg.c.weight[4], run->cfg.c.band[0], run->cfg.c.band[1], run->cfg.c.band[2],
		 assess_grade_zh[run->cfg.c.veto_cap]);
	rc |= pdf_paragraph(d, text);
	rc |= pdf_table_begin(d, rank_cols, rank_widths, RANK_COLS, 9);
	for (size_t i = 0; i < run->norgs; i++) {
		rank_cells(&run->orgs[i], bufs, cells);
		rc |= pdf_table_row(d, cells, run->orgs[i].res.vetoed_by ? &warn : NULL);
	}
	rc |= pdf_table_end(d);
	rc |= pdf_paragraph(d, "请各责任单位对照通报问题，认真分析原因，逐项抓好整改落实，按时报送工作进展。");
	{
		struct pdf_style right = { .size = 11, .align = PDF_RIGHT };

		snprintf(text, sizeof(text), "%s\n%s", run->plan.issuer[0] ? run->plan.issuer : "安委会办公室",
			 run->das_of);
		rc |= pdf_text(d, text, &right);
	}
	if (pdf_close(d, e) != 0 || rc != 0)
		return err_set(e, ERR_IO, NULL, "cannot write the bulletin");
	return 0;
}

static int
bulletin_xlsx(const struct assess_run *run, const char *path, struct error *e)
{
	static const char *const kv_cols[] = { "项目", "数值" };
	static const int kv_w[] = { 24, 60 };
	struct exporter *x;
	struct totals t;
	char title[64], a[32];
	int rc = 0;

	snprintf(title, sizeof(title), "总体情况");
	if ((x = export_open(EXPORT_XLSX, path, title, e)) == NULL)
		return -1;
	sum_totals(run, &t);
	rc |= export_header(x, kv_cols, kv_w, 2);
	{
		char period[64];

		snprintf(period, sizeof(period), "%.4s年%s（%s至%s）", run->period, half_name(run->period),
			 run->dfrom, run->dto);
		rc |= export_text(x, "计划") | export_text(x, run->plan.title) | export_end_row(x);
		rc |= export_text(x, "通报期间") | export_text(x, period) | export_end_row(x);
		rc |= export_text(x, "数据截至") | export_text(x, run->das_of) | export_end_row(x);
	}
	rc |= export_text(x, "责任单位数") | export_number(x, (double)run->norgs) | export_end_row(x);
	rc |= export_text(x, "任务数") | export_number(x, (double)t.tasks) | export_end_row(x);
	rc |= export_text(x, "已完成") | export_number(x, (double)t.done) | export_end_row(x);
	pct(a, sizeof(a), t.done, t.tasks);
	rc |= export_text(x, "完成率") | export_text(x, a) | export_end_row(x);
	rc |= export_text(x, "推进中") | export_number(x, (double)t.in_progress) | export_end_row(x);
	rc |= export_text(x, "未启动") | export_number(x, (double)t.not_started) | export_end_row(x);
	rc |= export_text(x, "逾期未完成") | export_number(x, (double)t.overdue) | export_end_row(x);
	rc |= export_text(x, "应报送") | export_number(x, (double)t.due) | export_end_row(x);
	rc |= export_text(x, "按时报送") | export_number(x, (double)t.on_time) | export_end_row(x);
	rc |= export_text(x, "逾期报送") | export_number(x, (double)t.late) | export_end_row(x);
	rc |= export_text(x, "未报送") | export_number(x, (double)(t.due - t.on_time - t.late)) |
	      export_end_row(x);

	{
		static const char *const cols[] = { "责任单位", "任务数", "已完成", "逾期未完成", "应报送",
			"按时报送", "逾期报送", "未报送" };
		static const int w[] = { 30, 10, 10, 12, 10, 10, 10, 10 };

		rc |= export_sheet(x, "报送情况") | export_header(x, cols, w, 8);
		for (size_t i = 0; i < run->norgs; i++) {
			const struct run_org *o = &run->orgs[i];

			rc |= export_text(x, o->name) | export_number(x, (double)o->tasks) |
			      export_number(x, (double)o->done) | export_number(x, (double)o->overdue) |
			      export_number(x, (double)o->in.den[AI_REPORT_ON_TIME]) |
			      export_number(x, (double)o->in.num[AI_REPORT_ON_TIME]) |
			      export_number(x, (double)o->in.late_reports) |
			      export_number(x, (double)(o->in.den[AI_REPORT_ON_TIME] -
							o->in.num[AI_REPORT_ON_TIME] - o->in.late_reports)) |
			      export_end_row(x);
		}
	}
	{
		static const char *const cols[] = { "责任单位", "任务", "完成时限", "逾期天数", "当前进度(%)" };
		static const int w[] = { 30, 60, 12, 10, 12 };

		rc |= export_sheet(x, "逾期任务") | export_header(x, cols, w, 5);
		for (size_t i = 0; i < run->ntasks; i++) {
			const struct run_task *tk = &run->tasks[i];

			if (!tk->overdue)
				continue;
			rc |= export_text(x, tk->row.org_name) | export_text(x, tk->row.title) |
			      export_text(x, tk->row.deadline) | export_number(x, tk->overdue_days) |
			      export_number(x, tk->row.percent) | export_end_row(x);
		}
	}
	{
		static const int w[] = { 6, 30, 12, 12, 12, 14, 12, 8, 8, 30 };
		char bufs[RANK_COLS][64];
		const char *cells[RANK_COLS];

		rc |= export_sheet(x, "考核排名") | export_header(x, rank_cols, w, RANK_COLS);
		for (size_t i = 0; i < run->norgs; i++) {
			const struct run_org *o = &run->orgs[i];

			rank_cells(o, bufs, cells);
			rc |= o->res.rank ? export_number(x, o->res.rank) : export_text(x, "—");
			rc |= export_text(x, o->name);
			for (int k = 0; k < AI__MAX; k++)
				rc |= o->res.value[k] == AI_NA ? export_text(x, "—")
							       : export_number(x, 100.0 * o->res.value[k]);
			rc |= o->res.assessed ? export_number(x, o->res.total) : export_text(x, "未考核");
			rc |= export_text(x, cells[8]) | export_text(x, cells[9]) | export_end_row(x);
		}
	}
	if (export_close(x, e) != 0 || rc != 0)
		return err_set(e, ERR_IO, NULL, "cannot write the bulletin");
	return 0;
}

/* Send the file at path as name; it goes once open. */
static void
send_file(struct req *r, const char *path, const char *type, const char *name)
{
	snprintf(r->file_path, sizeof(r->file_path), "%s", path);
	snprintf(r->file_type, sizeof(r->file_type), "%s", type);
	snprintf(r->file_name, sizeof(r->file_name), "%s", name);
	r->file_unlink = 1;
}

int
api_export_bulletin(struct req *r, struct error *e)
{
	struct assess_run run;
	const char *half = http_query(r, "half");
	char this_half[8], path[EXPORT_PATH_MAX], name[64];
	size_t plen = strlen(r->path);
	int pdf = plen > 4 && strcmp(r->path + plen - 4, ".pdf") == 0, rc;

	if (assess_may_read(r, e) != 0)
		return -1;
	assess_this_half(this_half);
	if (half == NULL)
		half = this_half;
	if (strlen(half) != 7 || half[5] != 'H')
		return err_set(e, ERR_INVALID, "half", "'%.20s' is not a half-year (2026-H1 or 2026-H2)",
			       half);
	if (assess_run(r->st, &r->scope, r->id, half, "half", http_today(), &run, e) != 0) {
		assess_run_free(&run);
		return -1;
	}
	if (export_tmp(path, e) != 0) {
		assess_run_free(&run);
		return -1;
	}
	rc = pdf ? bulletin_pdf(&run, path, e) : bulletin_xlsx(&run, path, e);
	assess_run_free(&run);
	if (rc != 0) {
		unlink(path);
		return -1;
	}
	snprintf(name, sizeof(name), "bulletin-%lld-%s.%s", (long long)r->id, half, pdf ? "pdf" : "xlsx");
	send_file(r, path, pdf ? "application/pdf" : export_mime(EXPORT_XLSX), name);
	return 0;
}

static int
statistics_xlsx(const struct assess_run *run, const char *path, struct error *e)
{
	static const char *const cols[] = { "责任单位", "任务总数", "已完成", "推进中", "未启动", "逾期",
		"本月应报", "已报送", "逾期报送", "未报送" };
	static const int w[] = { 30, 10, 10, 10, 10, 10, 10, 10, 10, 10 };
	static const char *const tcols[] = { "责任单位", "任务", "目标", "目标值", "单位", "要求", "期限",
		"实际值", "是否达成" };
	static const int tw[] = { 30, 50, 50, 10, 8, 10, 12, 10, 10 };
	struct exporter *x;
	struct totals t = { 0 };
	int64_t filed = 0, late = 0;
	char title[64];
	int rc = 0;

	snprintf(title, sizeof(title), "%s月度统计表", run->period);
	if ((x = export_open(EXPORT_XLSX, path, title, e)) == NULL)
		return -1;
	rc |= export_header(x, cols, w, 10);
	for (size_t i = 0; i < run->norgs; i++) {
		const struct run_org *o = &run->orgs[i];

		rc |= export_text(x, o->name) | export_number(x, (double)o->tasks) |
		      export_number(x, (double)o->done) | export_number(x, (double)o->in_progress) |
		      export_number(x, (double)o->not_started) | export_number(x, (double)o->overdue) |
		      export_number(x, (double)o->month_due) | export_number(x, (double)o->month_filed) |
		      export_number(x, (double)o->month_late) |
		      export_number(x, (double)(o->month_due - o->month_filed)) | export_end_row(x);
		t.tasks += o->tasks;
		t.done += o->done;
		t.in_progress += o->in_progress;
		t.not_started += o->not_started;
		t.overdue += o->overdue;
		t.due += o->month_due;
		filed += o->month_filed;
		late += o->month_late;
	}
	rc |= export_text(x, "合计") | export_number(x, (double)t.tasks) | export_number(x, (double)t.done) |
	      export_number(x, (double)t.in_progress) | export_number(x, (double)t.not_started) |
	      export_number(x, (double)t.overdue) | export_number(x, (double)t.due) |
	      export_number(x, (double)filed) | export_number(x, (double)late) |
	      export_number(x, (double)(t.due - filed)) | export_end_row(x);
	rc |= export_sheet(x, "目标完成情况") | export_header(x, tcols, tw, 9);
	for (size_t i = 0; i < run->ntasks; i++) {
		const struct run_task *tk = &run->tasks[i];

		for (size_t k = 0; k < tk->ntargets; k++) {
			const struct run_target *g = &tk->targets[k];

			rc |= export_text(x, tk->row.org_name) | export_text(x, tk->row.title) |
			      export_text(x, g->text) | export_number(x, g->t.value) |
			      export_text(x, g->unit) | export_text(x, g->t.comparator) |
			      export_text(x, g->deadline) |
			      (g->t.has_actual ? export_number(x, g->t.actual) : export_text(x, "未报")) |
			      export_text(x, g->t.has_actual ? (g->met ? "是" : "否") : "—") |
			      export_end_row(x);
		}
	}
	if (export_close(x, e) != 0 || rc != 0)
		return err_set(e, ERR_IO, NULL, "cannot write the statistics table");
	return 0;
}

int
api_export_statistics(struct req *r, struct error *e)
{
	struct assess_run run;
	const char *month = http_query(r, "month");
	char this_month[DATE_LEN], path[EXPORT_PATH_MAX], name[64];

	if (assess_may_read(r, e) != 0)
		return -1;
	date_format(http_today(), this_month);
	this_month[7] = '\0';
	if (month == NULL)
		month = this_month;
	if (strlen(month) != 7 || month[4] != '-' || month[5] == 'H')
		return err_set(e, ERR_INVALID, "month", "'%.20s' is not a month (YYYY-MM)", month);
	if (assess_run(r->st, &r->scope, r->id, month, "month", http_today(), &run, e) != 0) {
		assess_run_free(&run);
		return -1;
	}
	if (export_tmp(path, e) != 0) {
		assess_run_free(&run);
		return -1;
	}
	if (statistics_xlsx(&run, path, e) != 0) {
		assess_run_free(&run);
		unlink(path);
		return -1;
	}
	assess_run_free(&run);
	snprintf(name, sizeof(name), "statistics-%lld-%s.xlsx", (long long)r->id, month);
	send_file(r, path, export_mime(EXPORT_XLSX), name);
	return 0;
}
