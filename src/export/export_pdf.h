/*
 * export_pdf.h — documents as PDF (cairo + pango, a CJK font from
 * fonts-noto-cjk): a small flow layout for notices, bulletins and cards.
 * Content runs down the page from the top margin; whatever does not fit
 * moves to a new page (tables repeat their header there); every page gets
 * its number in the footer. All text is UTF-8 and may be Chinese.
 *
 *   struct pdf_doc *d = pdf_open(path, PDF_A4_PORTRAIT, &e);
 *   pdf_title(d, "关于……的通报");
 *   pdf_paragraph(d, "……");
 *   pdf_table_begin(d, cols, widths, 3);
 *   pdf_table_row(d, cells, NULL);
 *   pdf_table_end(d);
 *   pdf_close(d, &e);
 */
#ifndef HN_EXPORT_PDF_H
#define HN_EXPORT_PDF_H

#include "core/error.h"

enum pdf_page { PDF_A4_PORTRAIT, PDF_A4_LANDSCAPE, PDF_A5_PORTRAIT, PDF_PAGE__MAX };
enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };
enum pdf_family { PDF_SERIF, PDF_SANS };   /* 宋体-like body, 黑体-like headings */

/* How a block of text looks. */
struct pdf_style {
	double size;            /* points; 0: 11 */
	int bold;
	enum pdf_family family;
	enum pdf_align align;
	int indent;             /* first-line indent in characters (公文: 2) */
	double space_after;     /* points below the block; 0: half a line */
	double rgb[3];          /* text colour, 0–1 each; all 0: black */
};

/* A cell fill, for rows that should stand out (NULL: none). */
struct pdf_fill {
	double rgb[3];
};

struct pdf_doc;

/* Start a document at path on pages of the given size; NULL with e filled. */
struct pdf_doc *pdf_open(const char *path, enum pdf_page page, struct error *e);

/* Text blocks; each wraps to the width between the margins. 0 or -1. */
int pdf_text(struct pdf_doc *d, const char *text, const struct pdf_style *st);
int pdf_title(struct pdf_doc *d, const char *text);        /* 18 pt bold, centred */
int pdf_heading(struct pdf_doc *d, const char *text);      /* 13 pt bold sans */
int pdf_paragraph(struct pdf_doc *d, const char *text);    /* 11 pt, indented two characters */

/*
 * A band across the width between the margins, filled with fill, with text
 * on it in st (its colour; white reads on dark fills) and padding points of
 * room around the text; it moves to a new page whole when it does not fit.
 * For a risk level's colour, a warning strip. 0 or -1.
 */
int pdf_band(struct pdf_doc *d, const char *text, const struct pdf_fill *fill,
	     const struct pdf_style *st, double padding);

/* Vertical space in points; a new page from here on. */
void pdf_space(struct pdf_doc *d, double points);
int pdf_page_break(struct pdf_doc *d);

/*
 * A table of n columns (at most 16) whose widths are relative weights
 * (NULL: equal). Each row's cells wrap; a row that does not fit starts a
 * new page, where the header is drawn again. fill (may be NULL) shades the
 * row. size is the table's font size (0: 9.5).
 */
int pdf_table_begin(struct pdf_doc *d, const char *const *header, const double *widths, int n,
		    double size);
int pdf_table_row(struct pdf_doc *d, const char *const *cells, const struct pdf_fill *fill);
int pdf_table_end(struct pdf_doc *d);

/* How much room is left on the page, in points (to keep blocks together). */
double pdf_room(const struct pdf_doc *d);

/* Finish the file and free d (also after a failure); 0 or -1. */
int pdf_close(struct pdf_doc *d, struct error *e);

/*
 * Release the font caches pango, cairo and fontconfig keep for the life of
 * the process (call once at exit, with no document open), so that leak
 * checkers see only real leaks.
 */
void pdf_shutdown(void);

#endif
