/*
 * sbuf.h — a growable byte string (Redis sds, reduced), and the canonical
 * "key=value\n" form the audit chain hashes: values escape '\\' and '\n' so
 * the form is unambiguous.
 */
#ifndef HN_SBUF_H
#define HN_SBUF_H

#include <stddef.h>
#include <stdint.h>

struct sbuf {
	char *buf;     /* NUL-terminated; owned; NULL until first append */
	size_t len;
	size_t cap;
	int oom;       /* set when an allocation failed; appends then do nothing */
};

/* Append n bytes / a C string / printf output. On allocation failure sets oom. */
void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Canonical key=value lines. */
void sbuf_kv(struct sbuf *b, const char *key, const char *value);
void sbuf_kvi(struct sbuf *b, const char *key, int64_t value);

/* The text so far ("" when empty); borrowed until the next append or free. */
const char *sbuf_str(const struct sbuf *b);

/* Forget the content, keep the memory. */
void sbuf_reset(struct sbuf *b);

/* Release the memory; b may be reused after. */
void sbuf_free(struct sbuf *b);

#endif
