/*
 * export.h — tabular exports (统计表 and lists people send upward) as CSV or
 * XLSX, written row by row to a file: XLSX in libxlsxwriter's constant
 * memory mode, so 100,000 rows need little memory.
 */
#ifndef HN_EXPORT_H
#define HN_EXPORT_H

#include <stddef.h>

#include "core/error.h"

enum export_format { EXPORT_CSV, EXPORT_XLSX, EXPORT__MAX };

struct exporter;

/* Start writing format to path with a sheet title; NULL with e filled. */
struct exporter *export_open(enum export_format f, const char *path, const char *title,
			     struct error *e);

/* A bold header row of n column names, with column widths in characters. */
int export_header(struct exporter *x, const char *const *names, const int *widths, int n);

/*
 * XLSX only: go on in a new worksheet of that title (the rows written so
 * far stay in the previous one). -1 for CSV or a failure.
 */
int export_sheet(struct exporter *x, const char *title);

/* Cells of the current row, left to right; export_end_row moves to the next. */
int export_text(struct exporter *x, const char *s);
int export_number(struct exporter *x, double v);
int export_end_row(struct exporter *x);

/* Finish the file and free x (also after a failure); 0 or -1. */
int export_close(struct exporter *x, struct error *e);

/* "text/csv; charset=utf-8" or the XLSX type, and the file extension. */
const char *export_mime(enum export_format f);
const char *export_ext(enum export_format f);

#endif
