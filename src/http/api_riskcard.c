/*
 * api_riskcard.c — 岗位风险告知卡 (DESIGN §3.2): a risk point's notice
 * card as PDF, one card a page — the level on a band of its colour (红 橙
 * 黄 蓝), the hazard factors, the accidents they may cause, the control
 * measures by kind, the emergency measures, the control tier and the
 * responsible person, the enterprise and the date. One card of a risk
 * point, or the cards of all current risk points of an enterprise. Whoever
 * may read a risk point may have its card; outside the scope it is not
 * found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/risk.h"
#include "export/export_pdf.h"
#include "http/http_int.h"

const struct field risk_cards_query[] = {
	{ "enterprise", F_ID, 0, 0, 0, NULL, 0,
	  "the enterprise (required, except for an enterprise user: their own)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

/* The band of each level: its fill and the text colour that reads on it. */
static const struct {
	struct pdf_fill fill;
	double text[3];
} level_band[RL__MAX] = {
	[RL_LOW] = { { { 0.12, 0.38, 0.80 } }, { 1, 1, 1 } },
	[RL_GENERAL] = { { { 1.00, 0.85, 0.10 } }, { 0, 0, 0 } },
	[RL_LARGER] = { { { 0.96, 0.52, 0.10 } }, { 1, 1, 1 } },
	[RL_MAJOR] = { { { 0.85, 0.10, 0.10 } }, { 1, 1, 1 } },
};

/* Draw rp's card from the top of the current page; the date is `today`. */
static int
card(struct pdf_doc *d, const struct risk_point *rp, const char *today)
{
	static const char *const cols[] = { "项目", "内容" };
	static const double widths[] = { 1, 3.2 };
	static const char *const kind_cols[] = { "措施类别", "管控措施" };
	struct pdf_style band = { .size = 16, .bold = 1, .family = PDF_SANS, .align = PDF_CENTER,
				  .space_after = 10 };
	struct pdf_style right = { .size = 11, .align = PDF_RIGHT };
	char text[512], score[24], types[512] = "";
	size_t k = 0;
	int rc = 0, any = 0;

	for (int i = 0; i < ACCIDENT_TYPES; i++)
		if (rp->accident_types & (1u << i))
			k += (size_t)snprintf(types + k, k < sizeof(types) ? sizeof(types) - k : 0, "%s%s",
					      k ? "、" : "", accident_type_names[i]);
	memcpy(band.rgb, level_band[rp->level].text, sizeof(band.rgb));
	risk_score_text(rp->score100, score, sizeof(score));

	rc |= pdf_title(d, "岗位风险告知卡");
	snprintf(text, sizeof(text), "风险等级：%s（%s色）%s", risk_level_labels[rp->level],
		 risk_colour_labels[rp->level], rp->active ? "" : "　已停用");
	rc |= pdf_band(d, text, &level_band[rp->level].fill, &band, 12);
	rc |= pdf_table_begin(d, cols, widths, 2, 11);
	{
		char method[64];
		const char *rows[][2] = {
			{ "企业名称", rp->enterprise_name },
			{ "风险点（岗位）", rp->name },
			{ "类型", risk_kind_labels[rp->kind] },
			{ "所在位置", rp->location },
			{ "风险评价", method },
			{ "管控层级", control_tier_labels[rp->tier] },
			{ "责任人", rp->responsible },
		};

		snprintf(method, sizeof(method), "%s法，风险值 %s", rp->input.method == RM_LEC ? "LEC" : "LS",
			 score);
		for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
			rc |= pdf_table_row(d, rows[i], NULL);
	}
	rc |= pdf_table_end(d);

	rc |= pdf_heading(d, "危险有害因素");
	rc |= pdf_paragraph(d, rp->hazard_factors[0] ? rp->hazard_factors : "无");
	rc |= pdf_heading(d, "可能导致的事故类型");
	rc |= pdf_paragraph(d, types[0] ? types : "无");

	rc |= pdf_heading(d, "管控措施");
	for (int m = 0; m < MK__MAX; m++) {
		const char *row[2] = { measure_kind_labels[m], rp->measures[m] };

		if (m == MK_EMERGENCY || !rp->measures[m][0])
			continue;
		if (!any++)
			rc |= pdf_table_begin(d, kind_cols, widths, 2, 11);
		rc |= pdf_table_row(d, row, NULL);
	}
	if (any)
		rc |= pdf_table_end(d);
	else
		rc |= pdf_paragraph(d, "无");

	rc |= pdf_heading(d, "应急处置措施");
	rc |= pdf_paragraph(d, rp->measures[MK_EMERGENCY][0] ? rp->measures[MK_EMERGENCY] : "无");

	pdf_space(d, 12);
	snprintf(text, sizeof(text), "告知单位：%s", rp->enterprise_name);
	rc |= pdf_text(d, text, &right);
	snprintf(text, sizeof(text), "告知日期：%s", today);
	rc |= pdf_text(d, text, &right);
	return rc;
}

/* Send the PDF at path as name; it goes once sent. */
static void
send_pdf(struct req *r, const char *path, const char *name)
{
	snprintf(r->file_path, sizeof(r->file_path), "%s", path);
	snprintf(r->file_type, sizeof(r->file_type), "application/pdf");
	snprintf(r->file_name, sizeof(r->file_name), "%s", name);
	r->file_unlink = 1;
}

/* GET /exports/risks/{id}/card.pdf: the card of a risk point the scope sees (else 404). */
int
api_export_risk_card(struct req *r, struct error *e)
{
	struct risk_point *rp = malloc(sizeof(*rp));
	struct pdf_doc *d;
	char path[EXPORT_PATH_MAX], today[DATE_LEN], name[64];
	int rc = -1;

	if (rp == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_risk_get(r->st, &r->scope, r->id, rp, e) != 0 || export_tmp(path, e) != 0)
		goto out;
	date_format(http_today(), today);
	if ((d = pdf_open(path, PDF_A4_PORTRAIT, e)) == NULL) {
		unlink(path);
		goto out;
	}
	if ((card(d, rp, today) | pdf_close(d, e)) != 0) {
		err_set(e, ERR_IO, NULL, "cannot write the card");
		unlink(path);
		goto out;
	}
	snprintf(name, sizeof(name), "risk-card-%lld.pdf", (long long)rp->id);
	send_pdf(r, path, name);
	rc = 0;
out:
	free(rp);
	return rc;
}

struct cards {
	struct pdf_doc *d;
	const char *today;
	int64_t n, last_id;
	int failed;
};

static int
add_card(const struct risk_point *rp, void *arg)
{
	struct cards *c = arg;

	if (c->n++ > 0 && pdf_page_break(c->d) != 0)
		c->failed = 1;
	if (!c->failed && card(c->d, rp, c->today) != 0)
		c->failed = 1;
	c->last_id = rp->id;
	return c->failed;
}

/*
 * GET /exports/risk-cards.pdf?enterprise=: the cards of the enterprise's
 * current risk points in id order, one a page; the enterprise user's own
 * by default, 422 without one otherwise, 404 when the scope does not see it.
 */
int
api_export_risk_cards(struct req *r, struct error *e)
{
	struct risk_filter f;
	struct cards c = { 0 };
	struct org ent;
	char path[EXPORT_PATH_MAX], today[DATE_LEN], name[64];
	const char *v = http_query(r, "enterprise");
	int more = 1;

	memset(&f, 0, sizeof(f));
	f.level = f.kind = -1;
	f.limit = 100;
	f.enterprise_id = v ? strtoll(v, NULL, 10) : 0;
	if (f.enterprise_id == 0 && r->user.role == ROLE_ENTERPRISE)
		f.enterprise_id = r->user.org_id;
	if (f.enterprise_id == 0)
		return err_set(e, ERR_INVALID, "enterprise", "enterprise is required");
	/* An enterprise outside the scope is not found. */
	if (store_org_get(r->st, &r->scope, f.enterprise_id, &ent, e) != 0 || ent.kind != ORG_ENTERPRISE)
		return err_set(e, ERR_NOT_FOUND, "enterprise", "no enterprise %lld",
			       (long long)f.enterprise_id);
	if (export_tmp(path, e) != 0)
		return -1;
	date_format(http_today(), today);
	c.today = today;
	if ((c.d = pdf_open(path, PDF_A4_PORTRAIT, e)) == NULL) {
		unlink(path);
		return -1;
	}
	while (more) {
		if (store_risk_list(r->st, &r->scope, &f, add_card, &c, NULL, &more, e) != 0 || c.failed) {
			if (c.failed)
				err_set(e, ERR_IO, NULL, "cannot write the cards");
			pdf_close(c.d, NULL);
			unlink(path);
			return -1;
		}
		f.after_id = c.last_id;
	}
	if (c.n == 0) {
		char text[NAME_MAX_BYTES + 64];

		snprintf(text, sizeof(text), "%s暂无在用的风险点。", ent.name);
		pdf_title(c.d, "岗位风险告知卡");
		pdf_paragraph(c.d, text);
	}
	if (pdf_close(c.d, e) != 0) {
		unlink(path);
		return -1;
	}
	snprintf(name, sizeof(name), "risk-cards-%lld.pdf", (long long)f.enterprise_id);
	send_pdf(r, path, name);
	return 0;
}
