/*
 * normalize.h — outside text into what the parsers read: valid UTF-8 without
 * NUL bytes, NFKC-normalised (full-width （）：；１２３ become ASCII), line by
 * line so that line numbers stay those of the input.
 */
#ifndef HN_NORMALIZE_H
#define HN_NORMALIZE_H

#include <stddef.h>

#include "core/error.h"

/*
 * Validate in[0..len) as UTF-8 and return its NFKC form, NUL-terminated,
 * its length in *outlen; a leading byte-order mark is dropped, line breaks
 * (\n, \r\n) are kept as they are. The caller frees the result with free().
 * NULL with e filled (ERR_INVALID, field "text") when the input holds a NUL
 * byte or is not UTF-8: the message gives the byte offset and the line.
 */
char *text_nfkc_new(const char *in, size_t len, size_t *outlen,
		    struct error *e);

/*
 * The first problem that would make text_nfkc_new() refuse in[0..len):
 * 0 when there is none, else -1 with e filled as text_nfkc_new() would.
 */
int text_utf8_check(const char *in, size_t len, struct error *e);

#endif
