/*
 * export_pdf.c — the flow layout of export_pdf.h on cairo's PDF surface,
 * text shaped by pango (which finds the CJK glyphs through fontconfig:
 * Noto Serif/Sans CJK SC from fonts-noto-cjk).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "export/export_pdf.h"

#define PDF_COLS_MAX 16
#define MM (72.0 / 25.4)

static const struct {
	double w, h;
} page_sizes[PDF_PAGE__MAX] = {
	[PDF_A4_PORTRAIT] = { 595.28, 841.89 },
	[PDF_A4_LANDSCAPE] = { 841.89, 595.28 },
	[PDF_A5_PORTRAIT] = { 419.53, 595.28 },
};

static const char *const family_names[] = {
	[PDF_SERIF] = "Noto Serif CJK SC", [PDF_SANS] = "Noto Sans CJK SC",
};

struct pdf_doc {
	cairo_surface_t *surface;
	cairo_t *cr;
	double w, h, margin, y;         /* y: where the next block goes */
	int page, failed;
	/* the open table */
	int ncols;
	double col_w[PDF_COLS_MAX];
	char *header[PDF_COLS_MAX];
	double tsize;
};

static double
bottom(const struct pdf_doc *d)
{
	return d->h - d->margin - 8 * MM;   /* room for the footer */
}

double
pdf_room(const struct pdf_doc *d)
{
	return bottom(d) - d->y;
}

/* A layout of text in the style at width (points); the caller unrefs it. */
static PangoLayout *
layout_new(struct pdf_doc *d, const char *text, const struct pdf_style *st, double width)
{
	PangoLayout *l = pango_cairo_create_layout(d->cr);
	PangoFontDescription *fd = pango_font_description_new();
	double size = st && st->size > 0 ? st->size : 11;

	pango_font_description_set_family(fd, family_names[st ? st->family : PDF_SERIF]);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, st && st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, !st || st->align == PDF_LEFT ? PANGO_ALIGN_LEFT
				   : st->align == PDF_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT);
	if (st && st->indent > 0)
		pango_layout_set_indent(l, (int)(st->indent * size * PANGO_SCALE));
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double
layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void
footer(struct pdf_doc *d)
{
	struct pdf_style st = { .size = 9, .align = PDF_CENTER };
	char text[48];
	PangoLayout *l;

	snprintf(text, sizeof(text), "第 %d 页", d->page);
	l = layout_new(d, text, &st, d->w - 2 * d->margin);
	cairo_set_source_rgb(d->cr, 0.3, 0.3, 0.3);
	cairo_move_to(d->cr, d->margin, d->h - d->margin);
	pango_cairo_show_layout(d->cr, l);
	g_object_unref(l);
}

int
pdf_page_break(struct pdf_doc *d)
{
	footer(d);
	cairo_show_page(d->cr);
	d->page++;
	d->y = d->margin;
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
		return d->failed = -1;
	return 0;
}

void
pdf_space(struct pdf_doc *d, double points)
{
	d->y += points;
}

struct pdf_doc *
pdf_open(const char *path, enum pdf_page page, struct error *e)
{
	struct pdf_doc *d = calloc(1, sizeof(*d));

	if (d == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	if (page < 0 || page >= PDF_PAGE__MAX)
		page = PDF_A4_PORTRAIT;
	d->w = page_sizes[page].w;
	d->h = page_sizes[page].h;
	d->margin = 20 * MM;
	d->y = d->margin;
	d->page = 1;
	d->surface = cairo_pdf_surface_create(path, d->w, d->h);
	if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(d->surface);
		free(d);
		err_set(e, ERR_IO, NULL, "cannot create the PDF '%s'", path);
		return NULL;
	}
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "hazardnet");
	d->cr = cairo_create(d->surface);
	return d;
}

int
pdf_text(struct pdf_doc *d, const char *text, const struct pdf_style *st)
{
	double width = d->w - 2 * d->margin, size = st && st->size > 0 ? st->size : 11;
	PangoLayout *l = layout_new(d, text, st, width);
	PangoLayoutIter *it;
	double h = layout_height(l);

	if (d->y + h > bottom(d) && h <= bottom(d) - d->margin && pdf_page_break(d) != 0) {
		g_object_unref(l);
		return -1;
	}
	if (d->y + h <= bottom(d)) {
		cairo_set_source_rgb(d->cr, st ? st->rgb[0] : 0, st ? st->rgb[1] : 0, st ? st->rgb[2] : 0);
		cairo_move_to(d->cr, d->margin, d->y);
		pango_cairo_show_layout(d->cr, l);
		d->y += h;
	} else {
		/* Longer than a page: line by line, breaking where needed. */
		it = pango_layout_get_iter(l);
		do {
			PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
			PangoRectangle logical;
			int baseline = pango_layout_iter_get_baseline(it);
			int y0, y1;

			pango_layout_iter_get_line_yrange(it, &y0, &y1);
			pango_layout_iter_get_line_extents(it, NULL, &logical);
			if (d->y + (double)(y1 - y0) / PANGO_SCALE > bottom(d) && pdf_page_break(d) != 0)
				break;
			cairo_set_source_rgb(d->cr, st ? st->rgb[0] : 0, st ? st->rgb[1] : 0,
					     st ? st->rgb[2] : 0);
			cairo_move_to(d->cr, d->margin + (double)logical.x / PANGO_SCALE,
				      d->y + (double)(baseline - y0) / PANGO_SCALE);
			pango_cairo_show_layout_line(d->cr, line);
			d->y += (double)(y1 - y0) / PANGO_SCALE;
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
	}
	d->y += st && st->space_after > 0 ? st->space_after : size * 0.6;
	g_object_unref(l);
	return cairo_status(d->cr) == CAIRO_STATUS_SUCCESS ? d->failed : (d->failed = -1);
}

int
pdf_title(struct pdf_doc *d, const char *text)
{
	struct pdf_style st = { .size = 18, .bold = 1, .family = PDF_SANS, .align = PDF_CENTER,
				.space_after = 14 };

	return pdf_text(d, text, &st);
}

int
pdf_heading(struct pdf_doc *d, const char *text)
{
	struct pdf_style st = { .size = 13, .bold = 1, .family = PDF_SANS, .space_after = 6 };

	if (pdf_room(d) < 60 && pdf_page_break(d) != 0)   /* never a heading alone at the foot */
		return -1;
	return pdf_text(d, text, &st);
}

int
pdf_paragraph(struct pdf_doc *d, const char *text)
{
	struct pdf_style st = { .size = 11, .indent = 2, .space_after = 6 };

	return pdf_text(d, text, &st);
}

int
pdf_band(struct pdf_doc *d, const char *text, const struct pdf_fill *fill,
	 const struct pdf_style *st, double padding)
{
	double width = d->w - 2 * d->margin, size = st && st->size > 0 ? st->size : 11;
	PangoLayout *l = layout_new(d, text, st, width - 2 * padding);
	double h = layout_height(l) + 2 * padding;

	if (d->y + h > bottom(d) && pdf_page_break(d) != 0) {
		g_object_unref(l);
		return -1;
	}
	cairo_set_source_rgb(d->cr, fill ? fill->rgb[0] : 0.92, fill ? fill->rgb[1] : 0.92,
			     fill ? fill->rgb[2] : 0.92);
	cairo_rectangle(d->cr, d->margin, d->y, width, h);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, st ? st->rgb[0] : 0, st ? st->rgb[1] : 0, st ? st->rgb[2] : 0);
	cairo_move_to(d->cr, d->margin + padding, d->y + padding);
	pango_cairo_show_layout(d->cr, l);
	g_object_unref(l);
	d->y += h + (st && st->space_after > 0 ? st->space_after : size * 0.6);
	return cairo_status(d->cr) == CAIRO_STATUS_SUCCESS ? d->failed : (d->failed = -1);
}

/* Draw one row of cells at d->y (which the caller made room for). */
static double
row_height(struct pdf_doc *d, const char *const *cells, int bold)
{
	struct pdf_style st = { .size = d->tsize, .bold = bold, .family = bold ? PDF_SANS : PDF_SERIF };
	double h = 0;

	for (int i = 0; i < d->ncols; i++) {
		PangoLayout *l = layout_new(d, cells[i], &st, d->col_w[i] - 6);
		double ch = layout_height(l);

		if (ch > h)
			h = ch;
		g_object_unref(l);
	}
	return h + 6;
}

static void
draw_row(struct pdf_doc *d, const char *const *cells, int bold, const struct pdf_fill *fill,
	 double h)
{
	struct pdf_style st = { .size = d->tsize, .bold = bold, .family = bold ? PDF_SANS : PDF_SERIF };
	double x = d->margin;

	for (int i = 0; i < d->ncols; i++) {
		PangoLayout *l = layout_new(d, cells[i], &st, d->col_w[i] - 6);

		if (fill != NULL || bold) {
			if (fill != NULL)
				cairo_set_source_rgb(d->cr, fill->rgb[0], fill->rgb[1], fill->rgb[2]);
			else
				cairo_set_source_rgb(d->cr, 0.92, 0.92, 0.92);
			cairo_rectangle(d->cr, x, d->y, d->col_w[i], h);
			cairo_fill(d->cr);
		}
		cairo_set_source_rgb(d->cr, 0, 0, 0);
		cairo_set_line_width(d->cr, 0.5);
		cairo_rectangle(d->cr, x, d->y, d->col_w[i], h);
		cairo_stroke(d->cr);
		cairo_move_to(d->cr, x + 3, d->y + 3);
		pango_cairo_show_layout(d->cr, l);
		g_object_unref(l);
		x += d->col_w[i];
	}
	d->y += h;
}

static int
header_row(struct pdf_doc *d)
{
	double h = row_height(d, (const char *const *)d->header, 1);

	if (d->y + h > bottom(d) && pdf_page_break(d) != 0)
		return -1;
	draw_row(d, (const char *const *)d->header, 1, NULL, h);
	return 0;
}

int
pdf_table_begin(struct pdf_doc *d, const char *const *header, const double *widths, int n,
		double size)
{
	double sum = 0, avail = d->w - 2 * d->margin;

	if (n < 1 || n > PDF_COLS_MAX || d->ncols != 0)
		return d->failed = -1;
	d->ncols = n;
	d->tsize = size > 0 ? size : 9.5;
	for (int i = 0; i < n; i++)
		sum += widths ? widths[i] : 1;
	for (int i = 0; i < n; i++) {
		d->col_w[i] = avail * (widths ? widths[i] : 1) / sum;
		if ((d->header[i] = strdup(header[i] ? header[i] : "")) == NULL)
			return d->failed = -1;
	}
	/* the header and at least one row together */
	if (pdf_room(d) < 3 * d->tsize * 2.2 && pdf_page_break(d) != 0)
		return -1;
	return header_row(d);
}

int
pdf_table_row(struct pdf_doc *d, const char *const *cells, const struct pdf_fill *fill)
{
	double h;

	if (d->ncols == 0)
		return d->failed = -1;
	h = row_height(d, cells, 0);
	if (d->y + h > bottom(d) && (pdf_page_break(d) != 0 || header_row(d) != 0))
		return -1;
	draw_row(d, cells, 0, fill, h);
	return cairo_status(d->cr) == CAIRO_STATUS_SUCCESS ? d->failed : (d->failed = -1);
}

int
pdf_table_end(struct pdf_doc *d)
{
	for (int i = 0; i < d->ncols; i++) {
		free(d->header[i]);
		d->header[i] = NULL;
	}
	d->ncols = 0;
	d->y += 10;
	return d->failed;
}

int
pdf_close(struct pdf_doc *d, struct error *e)
{
	int rc;

	pdf_table_end(d);
	footer(d);
	cairo_show_page(d->cr);
	rc = d->failed;
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
		rc = -1;
	cairo_destroy(d->cr);
	cairo_surface_finish(d->surface);
	if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS)
		rc = -1;
	cairo_surface_destroy(d->surface);
	free(d);
	if (rc != 0)
		return err_set(e, ERR_IO, NULL, "cannot write the PDF");
	return 0;
}

void
pdf_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();

}
