/*
 * normalize.c — UTF-8 validation and NFKC through utf8proc, one line at a
 * time: NFKC never adds or removes a line break, and normalising per line
 * keeps memory bounded by the longest line.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/normalize.h"

int
text_utf8_check(const char *in, size_t len, struct error *e)
{
	size_t i = 0, line = 1;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (in[i] == '\0')
			return err_set(e, ERR_INVALID, "text",
				       "nul byte at offset %zu (line %zu): "
				       "binary data, not text",
				       i, line);
		if ((unsigned char)in[i] < 0x80) {
			if (in[i] == '\n')
				line++;
			i++;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)in + i,
				     (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0)
			return err_set(e, ERR_INVALID, "text",
				       "invalid utf-8 at offset %zu (line %zu)",
				       i, line);
		i += (size_t)n;
	}
	return 0;
}

/* Circled numbers ① … ⑳ (U+2460–U+2473): outline labels that NFKC would
 * turn into bare digits. */
static int
circled_at(const char *s, size_t len, size_t i)
{
	return len - i >= 3 && (unsigned char)s[i] == 0xe2 &&
	       (unsigned char)s[i + 1] == 0x91 &&
	       (unsigned char)s[i + 2] >= 0xa0 && (unsigned char)s[i + 2] <= 0xb3;
}

/*
 * NFKC of one line into a malloc'd buffer, circled numbers kept as they
 * are. The length, or a negative utf8proc error.
 */
static utf8proc_ssize_t
nfkc_line(const char *s, size_t len, utf8proc_option_t opts,
	  utf8proc_uint8_t **out)
{
	utf8proc_uint8_t *buf = NULL, *part;
	size_t used = 0, i = 0;
	utf8proc_ssize_t rc = 0;

	while (i < len) {
		size_t j = i, n;
		utf8proc_ssize_t pn;

		while (j < len && !circled_at(s, len, j))
			j++;
		if (j > i) {
			pn = utf8proc_map((const utf8proc_uint8_t *)s + i,
					  (utf8proc_ssize_t)(j - i), &part, opts);
			if (pn < 0) {
				rc = pn;
				goto out;
			}
			n = (size_t)pn;
		} else {
			part = NULL;
			n = 0;
		}
		if (j < len)
			n += 3;
		{
			utf8proc_uint8_t *grown = realloc(buf, used + n + 1);

			if (grown == NULL) {
				free(part);
				rc = UTF8PROC_ERROR_NOMEM;
				goto out;
			}
			buf = grown;
		}
		if (part != NULL)
			memcpy(buf + used, part, n - (j < len ? 3 : 0));
		used += n - (j < len ? 3 : 0);
		free(part);
		if (j < len) {
			memcpy(buf + used, s + j, 3);
			used += 3;
			j += 3;
		}
		i = j;
	}
	if (buf == NULL)
		buf = calloc(1, 1);
	if (buf == NULL) {
		rc = UTF8PROC_ERROR_NOMEM;
		goto out;
	}
	buf[used] = '\0';
	*out = buf;
	buf = NULL;
	rc = (utf8proc_ssize_t)used;
out:
	free(buf);
	return rc;
}

char *
text_nfkc_new(const char *in, size_t len, size_t *outlen, struct error *e)
{
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
				       UTF8PROC_COMPAT;
	char *out = NULL;
	size_t cap = len + len / 8 + 16, used = 0, i = 0;

	if (text_utf8_check(in, len, e) != 0)
		goto fail;
	/* a byte-order mark is not text */
	if (len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	out = malloc(cap);
	if (out == NULL) {
		err_set(e, ERR_INTERNAL, "text", "out of memory");
		goto fail;
	}
	while (i < len) {
		const char *nl = memchr(in + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - in) : len, ll;
		utf8proc_uint8_t *norm = NULL;
		utf8proc_ssize_t nn;

		if (end > i) {
			nn = nfkc_line(in + i, end - i, opts, &norm);
			if (nn < 0) {
				err_set(e, ERR_INVALID, "text",
					"cannot normalise the text near offset "
					"%zu: %s",
					i, utf8proc_errmsg(nn));
				goto fail;
			}
			ll = (size_t)nn;
		} else
			ll = 0;
		if (used + ll + 2 > cap) {
			char *grown;

			while (used + ll + 2 > cap)
				cap *= 2;
			grown = realloc(out, cap);
			if (grown == NULL) {
				free(norm);
				err_set(e, ERR_INTERNAL, "text", "out of memory");
				goto fail;
			}
			out = grown;
		}
		if (ll > 0)
			memcpy(out + used, norm, ll);
		free(norm);
		used += ll;
		if (nl == NULL)
			break;
		out[used++] = '\n';
		i = end + 1;
	}
	out[used] = '\0';
	if (outlen != NULL)
		*outlen = used;
	return out;
fail:
	free(out);
	return NULL;
}
