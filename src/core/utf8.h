/*
 * utf8.h — the little UTF-8 arithmetic the server needs: never cut a
 * character in half when shortening Chinese text, count characters, and
 * check text that did not come through the JSON parser (file names).
 */
#ifndef HN_UTF8_H
#define HN_UTF8_H

#include <stddef.h>

/* The byte length of the longest prefix of s that is at most max bytes and
 * ends on a character boundary. Use as printf("%.*s", (int)n, s). */
size_t utf8_prefix(const char *s, size_t max);

/* Characters (code points) in a valid UTF-8 string. */
size_t utf8_chars(const char *s);

/* True when s is valid UTF-8 without control characters. */
int utf8_clean(const char *s);

#endif
