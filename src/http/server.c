/*
 * server.c — libmicrohttpd glue: body collection with a size limit, route
 * matching, the session and scope (decided once per request, here), the
 * checks route flags ask for, error responses, security headers, static
 * files of the UI. The only file of http/ that includes microhttpd.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "auth/auth.h"
#include "core/utf8.h"
#include "http/http.h"
#include "http/http_int.h"

#define COOKIE_NAME "hn_session"

const char *const http_method_names[M__MAX] = {
	[M_GET] = "GET", [M_POST] = "POST", [M_PATCH] = "PATCH", [M_PUT] = "PUT",
	[M_DELETE] = "DELETE",
};

/* The one table from error codes to HTTP statuses. */
static const int err_status[ERR__MAX] = {
	[ERR_NONE] = 200, [ERR_MALFORMED] = 400, [ERR_UNAUTHORIZED] = 401, [ERR_LOCKED] = 401,
	[ERR_FORBIDDEN] = 403, [ERR_NOT_FOUND] = 404, [ERR_METHOD] = 405, [ERR_CONFLICT] = 409,
	[ERR_STALE] = 409, [ERR_TOO_LARGE] = 413, [ERR_MEDIA_TYPE] = 415, [ERR_INVALID] = 422,
	[ERR_RATE_LIMITED] = 429, [ERR_IO] = 500, [ERR_STORE] = 500, [ERR_INTERNAL] = 500,
};

struct server {
	struct MHD_Daemon *d;
	const struct config *cfg;
	struct store_pool *pool;
	char web_root[1024];
};

/* Per-connection request state, from the first callback to completion. */
struct conn_ctx {
	char *body;
	size_t len, cap;
	int too_large;
	size_t limit;               /* body_limit, or upload_limit for R_UPLOAD */
	int route;                  /* index in routes[], or -1 */
	int path_matched;           /* some route has this path (405 vs 404) */
	int64_t id;
	char sha[65];
	struct timespec start;
};

static double
elapsed(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
add_security_headers(struct MHD_Response *resp, int api)
{
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; script-src 'self' 'unsafe-eval'; "
				"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
				"frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
	if (api)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static enum MHD_Result
send_json(struct MHD_Connection *c, int status, json_t *body, const char *cookie)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	struct MHD_Response *resp;
	enum MHD_Result rc;

	if (status == 204) {
		free(text);
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	} else {
		if (text == NULL)
			text = strdup("{}");
		resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
		MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	}
	add_security_headers(resp, 1);
	if (cookie != NULL && cookie[0] != '\0')
		MHD_add_response_header(resp, "Set-Cookie", cookie);
	if (status == 429)
		MHD_add_response_header(resp, "Retry-After", "60");
	rc = MHD_queue_response(c, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static json_t *
error_body(const struct error *e)
{
	json_t *err = json_object();

	json_object_set_new(err, "code", json_string(err_code_name(e->code)));
	json_object_set_new(err, "message", jstr(e->message[0] ? e->message : err_code_name(e->code)));
	json_object_set_new(err, "field", e->field[0] ? jstr(e->field) : json_null());
	return json_pack("{s:o}", "error", err);
}

static int
status_of(const struct error *e)
{
	return e->code > 0 && e->code < ERR__MAX ? err_status[e->code] : 500;
}

/* A server-side failure goes to the log; the client learns only that it
 * happened (no SQL, paths or library text). */
static void
hide_internal(struct error *e, const char *method, const char *url)
{
	if (status_of(e) < 500)
		return;
	fprintf(stderr, "hazardnet: %s %s: %s: %s\n", method, url, err_code_name(e->code), e->message);
	snprintf(e->message, sizeof(e->message), "internal error; the server log has the details");
	e->field[0] = '\0';
}

/* ---- query strings ---- */

const char *
http_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)r->conn,
					   MHD_GET_ARGUMENT_KIND, name);
}

struct qcheck {
	const struct field *spec;
	struct error *e;
	int bad;
};

static enum MHD_Result
check_query_key(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct qcheck *q = cls;

	(void)kind;
	for (const struct field *f = q->spec; f && f->name; f++)
		if (strcmp(f->name, key) == 0) {
			if (http_check_query_value(f, value ? value : "", q->e) != 0) {
				q->bad = 1;
				return MHD_NO;
			}
			return MHD_YES;
		}
	if (strcmp(key, "limit") == 0 || strcmp(key, "cursor") == 0)
		return MHD_YES;
	err_set(q->e, ERR_INVALID, key, "unknown query parameter '%s'", key);
	q->bad = 1;
	return MHD_NO;
}

int
http_validate_query(struct req *r, const struct field *spec, struct error *e)
{
	struct qcheck q = { spec, e, 0 };

	MHD_get_connection_values((struct MHD_Connection *)r->conn, MHD_GET_ARGUMENT_KIND,
				  check_query_key, &q);
	return q.bad ? -1 : 0;
}

/* ---- routing ---- */

/*
 * Match path against pattern; a "{id}" segment takes a positive decimal
 * id (anything else does not match, so /orgs/abc is a 404).
 */
static int
route_match(const char *pattern, const char *path, int64_t *id, char sha[65])
{
	const char *p = pattern, *s = path;

	while (*p && *s) {
		if (strncmp(p, "{sha}", 5) == 0) {
			size_t n = strspn(s, "0123456789abcdef");

			if (n != 64)
				return 0;
			memcpy(sha, s, 64);
			sha[64] = '\0';
			s += 64;
			p += 5;
			continue;
		}
		if (strncmp(p, "{id}", 4) == 0) {
			char *end;
			long long v;

			if (*s < '1' || *s > '9')
				return 0;
			errno = 0;
			v = strtoll(s, &end, 10);
			if (errno != 0 || v <= 0 || (end - s) > 18)
				return 0;
			*id = v;
			s = end;
			p += 4;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *p == '\0' && (*s == '\0' || (*s == '/' && s[1] == '\0'));
}

/* ---- sessions ---- */

static const char *
session_token(struct MHD_Connection *c, int *by_cookie)
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");

	*by_cookie = 0;
	if (auth != NULL && strncmp(auth, "Bearer ", 7) == 0)
		return auth + 7;
	*by_cookie = 1;
	return MHD_lookup_connection_value(c, MHD_COOKIE_KIND, COOKIE_NAME);
}

/* Resolve the session and decide the scope, once, for this request. */
static int
resolve_session(struct req *r, struct MHD_Connection *c, struct error *e)
{
	const char *token = session_token(c, &r->by_cookie);
	struct scope all;

	if (token == NULL || strlen(token) != AUTH_TOKEN_LEN)
		return err_set(e, ERR_UNAUTHORIZED, NULL, "sign in first");
	auth_token_hash(token, r->token_hash);
	if (store_session_user(r->st, r->token_hash, &r->user, e) != 0)
		return e->code == ERR_UNAUTHORIZED
			   ? err_set(e, ERR_UNAUTHORIZED, NULL, "the session has ended; sign in again")
			   : -1;
	memset(&r->org, 0, sizeof(r->org));
	if (r->user.org_id != 0) {
		store_scope_all(&all);
		if (store_org_get(r->st, &all, r->user.org_id, &r->org, e) != 0)
			return -1;
	}
	if (scope_for_user(&r->user, r->user.org_id ? &r->org : NULL, &r->scope) != 0)
		return err_set(e, ERR_FORBIDDEN, NULL, "this account's org does not fit its role");
	r->authed = 1;
	r->actor.user_id = r->user.id;
	snprintf(r->actor.login, sizeof(r->actor.login), "%s", r->user.login);
	return 0;
}

/* ---- static files ---- */

static const struct { const char *ext, *type; } mime[] = {
	{ ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json" }, { ".svg", "image/svg+xml" }, { ".png", "image/png" },
	{ ".ico", "image/x-icon" }, { ".woff2", "font/woff2" }, { ".geojson", "application/json" },
};

/* Public paths served from node_modules of the UI (no bundler). */
static const struct { const char *url, *file; } vendor[] = {
	{ "/vendor/vue.js", "node_modules/vue/dist/vue.global.prod.js" },
	{ "/vendor/echarts.js", "node_modules/echarts/dist/echarts.min.js" },
	{ "/vendor/leaflet.js", "node_modules/leaflet/dist/leaflet.js" },
	{ "/vendor/leaflet.css", "node_modules/leaflet/dist/leaflet.css" },
};

static int
safe_static_path(const char *url)
{
	if (strncmp(url, "/assets/", 8) != 0 && strcmp(url, "/index.html") != 0 &&
	    strcmp(url, "/favicon.svg") != 0)
		return 0;
	if (strstr(url, "..") != NULL || strstr(url, "//") != NULL)
		return 0;
	for (const char *p = url; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("/._-", *p)))
			return 0;
	return 1;
}

static enum MHD_Result
serve_static(struct server *s, struct MHD_Connection *c, const char *url, int *status)
{
	char path[2048];
	const char *rel = NULL, *type = "application/octet-stream";
	struct MHD_Response *resp;
	struct stat sb;
	enum MHD_Result rc;
	int fd;

	if (strcmp(url, "/") == 0)
		url = "/index.html";
	for (size_t i = 0; i < sizeof(vendor) / sizeof(vendor[0]); i++)
		if (strcmp(url, vendor[i].url) == 0)
			rel = vendor[i].file;
	if (rel == NULL && safe_static_path(url))
		rel = url + 1;
	if (rel == NULL || s->web_root[0] == '\0')
		goto out_not_found;
	snprintf(path, sizeof(path), "%s/%s", s->web_root, rel);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		goto out_not_found;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		goto out_not_found;
	}
	for (size_t i = 0; i < sizeof(mime) / sizeof(mime[0]); i++) {
		size_t n = strlen(rel), m = strlen(mime[i].ext);

		if (n > m && strcmp(rel + n - m, mime[i].ext) == 0)
			type = mime[i].type;
	}
	resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", strncmp(url, "/vendor/", 8) == 0
				? "public, max-age=86400" : "no-cache");
	add_security_headers(resp, 0);
	*status = 200;
	rc = MHD_queue_response(c, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return rc;
out_not_found:
	{
		struct error e;

		err_set(&e, ERR_NOT_FOUND, NULL, "no such page");
		json_t *b = error_body(&e);
		*status = 404;
		rc = send_json(c, 404, b, NULL);
		json_decref(b);
		return rc;
	}
}

/* Send r->file_path (an attachment or an export) with its type. */
static enum MHD_Result
send_file(struct MHD_Connection *c, struct req *r, int *status)
{
	struct MHD_Response *resp;
	struct stat sb;
	enum MHD_Result rc;
	char disp[400];
	int fd = open(r->file_path, O_RDONLY | O_CLOEXEC);

	if (r->file_unlink)
		unlink(r->file_path);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		struct error e;
		json_t *b;

		if (fd >= 0)
			close(fd);
		err_set(&e, ERR_IO, NULL, "the file is missing");
		b = error_body(&e);
		*status = 500;
		rc = send_json(c, 500, b, NULL);
		json_decref(b);
		return rc;
	}
	resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	MHD_add_response_header(resp, "Content-Type", r->file_type);
	if (r->file_name[0] != '\0') {
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", r->file_name);
		MHD_add_response_header(resp, "Content-Disposition", disp);
	}
	add_security_headers(resp, 1);
	*status = 200;
	rc = MHD_queue_response(c, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return rc;
}

/* ---- multipart ---- */

struct mp_ctx {
	struct http_part *p;
	int n;
	int too_many, oom;
};

static enum MHD_Result
mp_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
	const char *content_type, const char *encoding, const char *data, uint64_t off, size_t size)
{
	struct mp_ctx *m = cls;
	struct http_part *f;
	char *nd;

	(void)kind;
	(void)encoding;
	/* Each part's first chunk comes at offset 0. */
	if (m->n == 0 || off == 0) {
		if (m->n == HTTP_PARTS_MAX) {
			m->too_many = 1;
			return MHD_NO;
		}
		f = &m->p[m->n++];
		memset(f, 0, sizeof(*f));
		snprintf(f->name, sizeof(f->name), "%s", key);
		if (filename != NULL)
			snprintf(f->filename, sizeof(f->filename), "%.*s",
				 (int)utf8_prefix(filename, sizeof(f->filename) - 1), filename);
		snprintf(f->type, sizeof(f->type), "%s", content_type ? content_type : "");
	}
	f = &m->p[m->n - 1];
	if ((nd = realloc(f->data, f->len + size + 1)) == NULL) {
		m->oom = 1;
		return MHD_NO;
	}
	f->data = nd;
	memcpy(f->data + f->len, data, size);
	f->len += size;
	f->data[f->len] = '\0';
	return MHD_YES;
}

int
http_multipart(struct req *r, struct http_part *parts, int *n, struct error *e)
{
	struct MHD_Connection *c = r->conn;
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	struct mp_ctx m = { .p = parts };
	struct MHD_PostProcessor *pp;
	int rc = 0;

	*n = 0;
	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return err_set(e, ERR_MEDIA_TYPE, NULL, "send multipart/form-data");
	if ((pp = MHD_create_post_processor(c, 64 * 1024, mp_iter, &m)) == NULL)
		return err_set(e, ERR_MALFORMED, NULL, "malformed multipart body");
	if (MHD_post_process(pp, r->body, r->body_len) != MHD_YES || m.too_many)
		rc = err_set(e, ERR_MALFORMED, NULL, "malformed multipart body");
	else if (m.oom)
		rc = err_set(e, ERR_INTERNAL, NULL, "out of memory");
	MHD_destroy_post_processor(pp);
	*n = m.n;
	return rc;
}

void
http_parts_free(struct http_part *parts, int n)
{
	for (int i = 0; i < n; i++) {
		free(parts[i].data);
		parts[i].data = NULL;
	}
}

/* ---- dispatch ---- */

static int
method_of(const char *m)
{
	for (int i = 0; i < M__MAX; i++)
		if (strcmp(m, http_method_names[i]) == 0)
			return i;
	return -1;
}

static void
client_ip(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, n, "unknown");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)n);
}

/* No Origin (not a browser, or same-origin GET), or one naming our Host. */
static int
same_origin(struct MHD_Connection *c)
{
	const char *o = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	const char *p;

	if (o == NULL)
		return 1;
	if (h == NULL || (p = strstr(o, "://")) == NULL)
		return 0;
	return strcmp(p + 3, h) == 0;
}

static int
is_json_request(struct MHD_Connection *c)
{
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");

	return ct != NULL && strncasecmp(ct, "application/json", 16) == 0;
}

/* Run the matched route: checks by flags, then the handler. */
static int
run_route(struct server *s, struct MHD_Connection *c, const struct route *rt, struct req *r,
	  struct conn_ctx *cc, struct error *e)
{
	json_error_t je;

	if (!(rt->flags & R_PUBLIC)) {
		if (resolve_session(r, c, e) != 0)
			return -1;
		if ((rt->flags & R_ADMIN) && r->user.role != ROLE_ADMIN)
			return err_set(e, ERR_FORBIDDEN, NULL, "only an administrator may do this");
		if ((rt->flags & R_WRITE) && r->scope.read_only)
			return err_set(e, ERR_FORBIDDEN, NULL, "this account may only read");
		/* Cookies are SameSite=Strict; a browser that still sends one from
		 * another origin is refused by its Origin header. */
		if (r->by_cookie && r->method != M_GET && !same_origin(c))
			return err_set(e, ERR_FORBIDDEN, NULL, "cross-origin request refused");
		if (r->by_cookie && r->method != M_GET && cc->len > 0 && !(rt->flags & R_UPLOAD) &&
		    !is_json_request(c))
			return err_set(e, ERR_MEDIA_TYPE, NULL, "send JSON (application/json)");
	}
	if (!(rt->flags & R_UPLOAD) &&
	    (rt->body != NULL || (r->method != M_GET && r->method != M_DELETE && cc->len > 0))) {
		if (cc->len > 0 && !is_json_request(c))
			return err_set(e, ERR_MEDIA_TYPE, NULL, "send JSON (application/json)");
		if ((r->json = json_loadb(cc->body ? cc->body : "", cc->len,
				       JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je)) == NULL)
			return err_set(e, ERR_MALFORMED, NULL, "malformed JSON at line %d column %d: %s",
				       je.line, je.column, je.text);
		if (rt->body != NULL && http_validate(r->json, rt->body, e) != 0)
			return -1;
	}
	if (rt->query != NULL && http_validate_query(r, rt->query, e) != 0)
		return -1;
	(void)s;
	if ((rt->flags & R_WRITE) && !(rt->flags & (R_SOLO | R_UPLOAD)))
		return http_group_run(r, rt->fn, e);
	return rt->fn(r, e);
}

static enum MHD_Result
dispatch(struct server *s, struct MHD_Connection *c, const char *url, const char *method,
	 struct conn_ctx *cc)
{
	struct req *r;
	struct error e = { 0 };
	const struct route *rt = NULL;
	int ri = -1, m = method_of(method), status, rc;
	int64_t id = 0;
	enum MHD_Result res;

	if (cc->too_large) {
		err_set(&e, ERR_TOO_LARGE, NULL, "the request body is larger than %zu bytes", cc->limit);
		goto out_error_nostate;
	}
	if (strncmp(url, "/api/", 5) != 0 && strcmp(url, "/healthz") != 0 &&
	    strcmp(url, "/metrics") != 0) {
		if (m != M_GET && strcmp(method, "HEAD") != 0) {
			err_set(&e, ERR_METHOD, NULL, "only GET is served here");
			goto out_error_nostate;
		}
		res = serve_static(s, c, url, &status);
		metrics_observe(-1, status, elapsed(&cc->start));
		return res;
	}
	if (cc->route < 0) {
		if (cc->path_matched)
			err_set(&e, ERR_METHOD, NULL, "%s is not allowed here", method);
		else
			err_set(&e, ERR_NOT_FOUND, NULL, "no such resource");
		goto out_error_nostate;
	}
	ri = cc->route;
	rt = &routes[ri];
	id = cc->id;
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		err_set(&e, ERR_INTERNAL, NULL, "out of memory");
		goto out_error_nostate;
	}
	r->method = (enum http_method)m;
	r->path = url;
	r->body = cc->body ? cc->body : "";
	r->body_len = cc->len;
	r->id = id;
	memcpy(r->sha, cc->sha, sizeof(r->sha));
	r->conn = c;
	r->cfg = s->cfg;
	client_ip(c, r->ip, sizeof(r->ip));
	r->st = store_pool_get(s->pool);
	r->writer = store_pool_writer(s->pool);
	rc = run_route(s, c, rt, r, cc, &e);
	store_pool_put(s->pool, r->st);
	if (rc != 0) {
		json_t *b;

		hide_internal(&e, method, url);
		b = error_body(&e);

		status = status_of(&e);
		if (e.code == ERR_LOCKED && r->locked_until[0] != '\0')
			json_object_set_new(json_object_get(b, "error"), "locked_until",
					    json_string(r->locked_until));
		res = send_json(c, status, b, r->set_cookie);
		json_decref(b);
	} else if (r->file_path[0] != '\0') {
		res = send_file(c, r, &status);
	} else if (r->text != NULL) {
		struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(r->text), r->text,
									   MHD_RESPMEM_MUST_FREE);

		r->text = NULL;
		MHD_add_response_header(resp, "Content-Type", r->text_type);
		add_security_headers(resp, 1);
		status = r->status ? r->status : 200;
		res = MHD_queue_response(c, (unsigned)status, resp);
		MHD_destroy_response(resp);
	} else {
		status = r->status ? r->status : 200;
		res = send_json(c, status, r->out, r->set_cookie);
	}
	metrics_observe(ri, status, elapsed(&cc->start));
	json_decref(r->out);
	json_decref(r->json);
	free(r->text);
	memset(r, 0, sizeof(*r));
	free(r);
	return res;
out_error_nostate:
	{
		json_t *b;

		hide_internal(&e, method, url);
		b = error_body(&e);

		status = status_of(&e);
		res = send_json(c, status, b, NULL);
		json_decref(b);
		metrics_observe(ri, status, elapsed(&cc->start));
		return res;
	}
}

/* Match the route once, when the headers arrive. */
static void
find_route(struct conn_ctx *cc, const char *url, const char *method)
{
	int m = method_of(method);

	cc->route = -1;
	for (size_t i = 0; i < nroutes; i++) {
		int64_t rid = 0;
		char sha[65] = "";

		if (!route_match(routes[i].pattern, url, &rid, sha))
			continue;
		cc->path_matched = 1;
		if ((int)routes[i].method == m) {
			cc->route = (int)i;
			cc->id = rid;
			memcpy(cc->sha, sha, sizeof(cc->sha));
			return;
		}
	}
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
	   const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct conn_ctx *cc = *con_cls;

	(void)version;
	if (cc == NULL) {
		/* First call: headers only. Answer on a later call, so that the
		 * connection stays alive (see DESIGN §7). */
		if ((cc = calloc(1, sizeof(*cc))) == NULL)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &cc->start);
		find_route(cc, url, method);
		cc->limit = cc->route >= 0 && (routes[cc->route].flags & R_UPLOAD)
				    ? s->cfg->upload_limit : s->cfg->body_limit;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl != NULL && strtoull(cl, NULL, 10) > cc->limit)
			cc->too_large = 1;
		*con_cls = cc;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (!cc->too_large) {
			if (cc->len + *upload_size > cc->limit) {
				cc->too_large = 1;
				free(cc->body);
				cc->body = NULL;
				cc->len = cc->cap = 0;
			} else {
				if (cc->len + *upload_size + 1 > cc->cap) {
					size_t cap = (cc->len + *upload_size + 1) * 2;
					char *nb = realloc(cc->body, cap);

					if (nb == NULL)
						return MHD_NO;
					cc->body = nb;
					cc->cap = cap;
				}
				memcpy(cc->body + cc->len, upload, *upload_size);
				cc->len += *upload_size;
				cc->body[cc->len] = '\0';
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return dispatch(s, c, url, method, cc);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
	     enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *cc = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (cc == NULL)
		return;
	free(cc->body);
	free(cc);
	*con_cls = NULL;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Percent-decoding of paths and query values, except that %00 stays as
 * written: a decoded NUL would end the C string early and /orgs/1%00/x
 * would read as /orgs/1.
 */
static size_t
unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *r = s, *w = s;

	(void)cls;
	(void)c;
	while (*r) {
		int hi, lo;

		if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0 &&
		    (hi | lo) != 0) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

static int
parse_listen(const char *listen, struct sockaddr_in *sa, struct error *e)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	if (colon == NULL || (size_t)(colon - listen) >= sizeof(host))
		return err_set(e, ERR_INVALID, "listen", "listen address must be ADDR:PORT, not '%s'", listen);
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port < 1 || port > 65535)
		return err_set(e, ERR_INVALID, "listen", "bad port in '%s'", listen);
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (host[0] == '\0' || strcmp(host, "*") == 0)
		sa->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (strcmp(host, "localhost") == 0)
		sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return err_set(e, ERR_INVALID, "listen", "bad address in '%s'", listen);
	return 0;
}

struct server *
server_start(const struct config *cfg, const char *web_root, struct store_pool *pool,
	     struct error *e)
{
	struct server *s = calloc(1, sizeof(*s));
	struct sockaddr_in sa;

	if (s == NULL) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		return NULL;
	}
	if (auth_init(e) != 0 || parse_listen(cfg->listen, &sa, e) != 0) {
		free(s);
		return NULL;
	}
	s->cfg = cfg;
	s->pool = pool;
	snprintf(s->web_root, sizeof(s->web_root), "%s", web_root ? web_root : "");
	/* A thread per connection: a request waiting for its group commit
	 * (or for a database connection of the pool) holds up only its own
	 * connection. With a thread pool it held up every connection that
	 * shared its thread, so fewer writes met in one commit (16 clients
	 * making hazards: 1.6 writes a commit, against 8 now). How many
	 * requests run at once is bounded by the store pool (threads + 2). */
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
				MHD_USE_POLL | MHD_USE_ERROR_LOG,
				0, NULL, NULL, on_request, s,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned int)1000,
				MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned int)1,
				MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
				MHD_OPTION_END);
	if (s->d == NULL) {
		err_set(e, ERR_IO, "listen", "cannot listen on '%s' (in use, or not this machine's)",
			cfg->listen);
		free(s);
		return NULL;
	}
	return s;
}

void
server_stop(struct server *s)
{
	if (s == NULL)
		return;
	MHD_stop_daemon(s->d);
	free(s);
}
