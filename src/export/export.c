/* export.c — CSV and XLSX writers behind one row-by-row interface. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "export/export.h"

struct exporter {
	enum export_format f;
	FILE *csv;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_row_t row;
	lxw_col_t col;
	int failed;
};

const char *
export_mime(enum export_format f)
{
	return f == EXPORT_CSV ? "text/csv; charset=utf-8"
			       : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

const char *
export_ext(enum export_format f)
{
	return f == EXPORT_CSV ? "csv" : "xlsx";
}

struct exporter *
export_open(enum export_format f, const char *path, const char *title, struct error *e)
{
	struct exporter *x = calloc(1, sizeof(*x));
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };

	if (x == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	x->f = f;
	if (f == EXPORT_CSV) {
		if ((x->csv = fopen(path, "w")) == NULL)
			goto out_fail;
		/* A byte order mark: Excel then reads the file as UTF-8. */
		fputs("\xef\xbb\xbf", x->csv);
		return x;
	}
	if ((x->wb = workbook_new_opt(path, &opt)) == NULL ||
	    (x->ws = workbook_add_worksheet(x->wb, title)) == NULL)
		goto out_fail;
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	return x;
out_fail:
	err_set(e, ERR_IO, NULL, "cannot create the export file '%s'", path);
	if (x->wb)
		workbook_close(x->wb);
	free(x);
	return NULL;
}

int
export_sheet(struct exporter *x, const char *title)
{
	if (x->f != EXPORT_XLSX || (x->ws = workbook_add_worksheet(x->wb, title)) == NULL)
		return x->failed = -1;
	x->row = 0;
	x->col = 0;
	return 0;
}

static void
csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != '=' && s[0] != '+' && s[0] != '-' && s[0] != '@') {
		fputs(s, f);
		return;
	}
	/* Quote, and defuse a leading formula character (CSV injection). */
	fputc('"', f);
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

int
export_text(struct exporter *x, const char *s)
{
	if (x->f == EXPORT_CSV) {
		if (x->col++ > 0)
			fputc(',', x->csv);
		csv_field(x->csv, s ? s : "");
		return ferror(x->csv) ? (x->failed = -1) : 0;
	}
	if (worksheet_write_string(x->ws, x->row, x->col++, s ? s : "", NULL) != LXW_NO_ERROR)
		return x->failed = -1;
	return 0;
}

int
export_number(struct exporter *x, double v)
{
	if (x->f == EXPORT_CSV) {
		if (x->col++ > 0)
			fputc(',', x->csv);
		fprintf(x->csv, "%.15g", v);
		return ferror(x->csv) ? (x->failed = -1) : 0;
	}
	if (worksheet_write_number(x->ws, x->row, x->col++, v, NULL) != LXW_NO_ERROR)
		return x->failed = -1;
	return 0;
}

int
export_end_row(struct exporter *x)
{
	if (x->f == EXPORT_CSV)
		fputs("\r\n", x->csv);
	x->row++;
	x->col = 0;
	return x->failed;
}

int
export_header(struct exporter *x, const char *const *names, const int *widths, int n)
{
	for (int i = 0; i < n; i++) {
		if (x->f == EXPORT_XLSX) {
			worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, widths ? widths[i] : 12,
					     NULL);
			if (worksheet_write_string(x->ws, x->row, (lxw_col_t)i, names[i], x->bold) !=
			    LXW_NO_ERROR)
				return x->failed = -1;
		} else if (export_text(x, names[i]) != 0) {
			return -1;
		}
	}
	if (x->f == EXPORT_XLSX)
		worksheet_freeze_panes(x->ws, 1, 0);
	return export_end_row(x);
}

int
export_close(struct exporter *x, struct error *e)
{
	int rc = x->failed;

	if (x->f == EXPORT_CSV) {
		if (fclose(x->csv) != 0)
			rc = -1;
	} else if (workbook_close(x->wb) != LXW_NO_ERROR) {
		rc = -1;
	}
	free(x);
	if (rc != 0)
		return err_set(e, ERR_IO, NULL, "cannot write the export");
	return 0;
}
