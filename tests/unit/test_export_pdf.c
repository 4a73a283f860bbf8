/* test_export_pdf.c — the PDF flow layout: Chinese text comes back out of
 * the file (pdftotext), tables repeat their header on every page they run
 * onto, a block longer than a page is broken, pages are numbered, and a
 * file that cannot be written is an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "export/export_pdf.h"

/* The text of the PDF at path (caller frees), by pdftotext. */
static char *
pdf_text_of(const char *path)
{
	char cmd[512], *buf = NULL;
	size_t len = 0, cap = 0, n;
	char chunk[4096];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' - 2>/dev/null", path);
	if ((p = popen(cmd, "r")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		memcpy(buf + len, chunk, n);
		len += n;
	}
	pclose(p);
	if (buf == NULL)
		return calloc(1, 1);
	buf[len] = '\0';
	/* pdftotext spaces CJK glyphs unevenly: compare without white space */
	n = 0;
	for (size_t i = 0; i < len; i++)
		if (buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\t' && buf[i] != '\f')
			buf[n++] = buf[i];
	buf[n] = '\0';
	return buf;
}

/* How many numbered pages the text shows ("第N页" footers). */
static int
pages(const char *text)
{
	char footer[32];
	int n = 0;

	for (;;) {
		snprintf(footer, sizeof(footer), "第%d页", n + 1);
		if (strstr(text, footer) == NULL)
			return n;
		n++;
	}
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void
tmp_path(char *buf, size_t n)
{
	const char *t = getenv("HN_TMP");

	snprintf(buf, n, "%s/hn-pdf-%ld-%d.pdf", t && *t ? t : "/tmp", (long)getpid(), rand());
}

static void
test_pdf_chinese_text_comes_back(void **state)
{
	char path[256], *text;
	struct error e;
	struct pdf_doc *d;
	const char *cols[] = { "责任单位", "任务", "进度" };
	const char *row[] = { "拉萨市应急管理局", "危险化学品安全整治", "80%" };
	struct pdf_style red = { .size = 12, .bold = 1, .rgb = { 0.8, 0, 0 }, .align = PDF_RIGHT };

	(void)state;
	tmp_path(path, sizeof(path));
	assert_non_null(d = pdf_open(path, PDF_A4_PORTRAIT, &e));
	assert_int_equal(pdf_title(d, "关于安全生产专项整治的通报"), 0);
	assert_int_equal(pdf_heading(d, "一、总体情况"), 0);
	assert_int_equal(pdf_paragraph(d, "各责任单位认真落实三年行动部署，重大隐患整改率稳步提升。"), 0);
	assert_int_equal(pdf_text(d, "红色右对齐警示", &red), 0);
	assert_int_equal(pdf_table_begin(d, cols, NULL, 3, 0), 0);
	assert_int_equal(pdf_table_row(d, row, NULL), 0);
	assert_int_equal(pdf_table_end(d), 0);
	assert_int_equal(pdf_close(d, &e), 0);
	assert_non_null(text = pdf_text_of(path));
	for (const char *s = "关于安全生产专项整治的通报\0一、总体情况\0重大隐患整改率稳步提升\0"
			     "红色右对齐警示\0责任单位\0拉萨市应急管理局\0危险化学品安全整治\0";
	     *s; s += strlen(s) + 1)
		if (strstr(text, s) == NULL)
			fail_msg("'%s' is not in the PDF's text:\n%s", s, text);
	assert_int_equal(pages(text), 1);
	free(text);
	unlink(path);
}

static void
test_pdf_long_table_breaks_pages_and_repeats_header(void **state)
{
	char path[256], *text, cell[64], name[64];
	struct error e;
	struct pdf_doc *d;
	const char *cols[] = { "序号", "单位名称" };
	const double widths[] = { 1, 4 };
	const struct pdf_fill fill = { { 1, 0.9, 0.9 } };

	(void)state;
	tmp_path(path, sizeof(path));
	assert_non_null(d = pdf_open(path, PDF_A4_LANDSCAPE, &e));
	assert_int_equal(pdf_table_begin(d, cols, widths, 2, 10), 0);
	for (int i = 1; i <= 120; i++) {
		const char *row[2] = { cell, name };

		snprintf(cell, sizeof(cell), "%d", i);
		snprintf(name, sizeof(name), "第%d责任单位", i);
		assert_int_equal(pdf_table_row(d, row, i % 7 == 0 ? &fill : NULL), 0);
	}
	assert_int_equal(pdf_table_end(d), 0);
	assert_int_equal(pdf_page_break(d), 0);
	assert_int_equal(pdf_heading(d, "新的一页"), 0);
	assert_int_equal(pdf_close(d, &e), 0);
	assert_non_null(text = pdf_text_of(path));
	assert_true(strstr(text, "第120责任单位") != NULL);
	assert_true(pages(text) >= 4);
	/* the header on every page the table runs onto (not the last one) */
	assert_true(count(text, "单位名称") >= 3);
	assert_int_equal(count(text, "单位名称"), pages(text) - 1);
	free(text);
	unlink(path);
}

static void
test_pdf_paragraph_longer_than_a_page_is_broken(void **state)
{
	char path[256], *text, *para;
	struct error e;
	struct pdf_doc *d;
	size_t n = 0;

	(void)state;
	assert_non_null(para = malloc(60000));
	para[0] = '\0';
	for (int i = 0; i < 800; i++)
		n += (size_t)snprintf(para + n, 60000 - n, "第%d句整改。", i);
	tmp_path(path, sizeof(path));
	assert_non_null(d = pdf_open(path, PDF_A5_PORTRAIT, &e));
	assert_int_equal(pdf_paragraph(d, para), 0);
	assert_int_equal(pdf_close(d, &e), 0);
	assert_non_null(text = pdf_text_of(path));
	assert_true(strstr(text, "第0句") != NULL);
	assert_true(strstr(text, "第799句") != NULL);
	assert_true(pages(text) >= 3);
	free(text);
	free(para);
	unlink(path);
}

/* The RGB of pixel (x, y) of page 1 rendered at 36 dpi (half a point a pixel). */
static void
pixel_at(const char *path, int x, int y, int rgb[3])
{
	char cmd[512];
	int w, h, max;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "pdftoppm -r 36 -f 1 -l 1 '%s' 2>/dev/null", path);
	assert_non_null(p = popen(cmd, "r"));
	assert_int_equal(fscanf(p, "P6 %d %d %d", &w, &h, &max), 3);
	fgetc(p);   /* the one white space before the pixels */
	assert_true(x < w && y < h);
	for (long i = 0; i < ((long)y * w + x) * 3; i++)
		assert_int_not_equal(fgetc(p), EOF);
	for (int i = 0; i < 3; i++)
		rgb[i] = fgetc(p);
	pclose(p);
}

static void
test_pdf_band_is_filled_and_moves_whole(void **state)
{
	char path[256], *text, line[64];
	struct error e;
	struct pdf_doc *d;
	const struct pdf_fill red = { { 1, 0, 0 } };
	struct pdf_style white = { .size = 14, .bold = 1, .family = PDF_SANS, .align = PDF_CENTER,
				   .rgb = { 1, 1, 1 } };
	int rgb[3];

	(void)state;
	tmp_path(path, sizeof(path));
	assert_non_null(d = pdf_open(path, PDF_A5_PORTRAIT, &e));
	assert_int_equal(pdf_band(d, "重大风险　红色", &red, &white, 10), 0);
	/* bands of three lines each until well past the first page */
	for (int i = 0; i < 12; i++) {
		snprintf(line, sizeof(line), "第%d条甲\n第%d条乙\n第%d条丙", i, i, i);
		assert_int_equal(pdf_band(d, line, NULL, NULL, 6), 0);
	}
	assert_int_equal(pdf_close(d, &e), 0);
	/* 20 mm margin = 56.7 pt: (60 pt, 60 pt) lies in the band's padding */
	pixel_at(path, 30, 30, rgb);
	assert_true(rgb[0] > 240 && rgb[1] < 20 && rgb[2] < 20);
	pixel_at(path, 10, 10, rgb);
	assert_true(rgb[0] > 240 && rgb[1] > 240 && rgb[2] > 240);   /* the margin stays white */
	assert_non_null(text = pdf_text_of(path));
	assert_true(strstr(text, "重大风险") != NULL);
	assert_true(pages(text) >= 2);
	/* no band is split across pages: each one's three lines follow one another */
	for (int i = 0; i < 12; i++) {
		snprintf(line, sizeof(line), "第%d条甲第%d条乙第%d条丙", i, i, i);
		if (strstr(text, line) == NULL)
			fail_msg("band %d is split or missing:\n%s", i, text);
	}
	free(text);
	unlink(path);
}

static void
test_pdf_unwritable_path_refused(void **state)
{
	struct error e = { 0 };
	struct pdf_doc *d;

	(void)state;
	d = pdf_open("/nonexistent-dir/x/y.pdf", PDF_A4_PORTRAIT, &e);
	if (d != NULL) {
		/* cairo may defer the error to the first write */
		pdf_paragraph(d, "文字");
		assert_int_equal(pdf_close(d, &e), -1);
	}
	assert_int_equal(e.code, ERR_IO);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_chinese_text_comes_back),
		cmocka_unit_test(test_pdf_long_table_breaks_pages_and_repeats_header),
		cmocka_unit_test(test_pdf_paragraph_longer_than_a_page_is_broken),
		cmocka_unit_test(test_pdf_band_is_filled_and_moves_whole),
		cmocka_unit_test(test_pdf_unwritable_path_refused),
	};

	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	pdf_shutdown();
	return rc;
}
