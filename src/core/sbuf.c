/* sbuf.c — growable strings and the canonical key=value form. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"

static int
sbuf_grow(struct sbuf *b, size_t need)
{
	size_t cap;
	char *p;

	if (b->oom)
		return -1;
	if (b->len + need + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1)
		cap *= 2;
	if ((p = realloc(b->buf, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->buf = p;
	b->cap = cap;
	return 0;
}

void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (sbuf_grow(b, n) != 0)
		return;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void
sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void
sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || sbuf_grow(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
sbuf_kv(struct sbuf *b, const char *key, const char *value)
{
	sbuf_adds(b, key);
	sbuf_add(b, "=", 1);
	for (const char *p = value ? value : ""; *p != '\0'; p++) {
		if (*p == '\\')
			sbuf_add(b, "\\\\", 2);
		else if (*p == '\n')
			sbuf_add(b, "\\n", 2);
		else
			sbuf_add(b, p, 1);
	}
	sbuf_add(b, "\n", 1);
}

void
sbuf_kvi(struct sbuf *b, const char *key, int64_t value)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", (long long)value);
	sbuf_kv(b, key, num);
}

const char *
sbuf_str(const struct sbuf *b)
{
	return b->buf ? b->buf : "";
}

void
sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->buf)
		b->buf[0] = '\0';
}

void
sbuf_free(struct sbuf *b)
{
	free(b->buf);
	memset(b, 0, sizeof(*b));
}
