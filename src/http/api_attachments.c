/*
 * api_attachments.c — photos before/after and reports of a hazard: JPEG,
 * PNG or PDF, recognised by their content (never by their name), stored by
 * content hash and served only to those who see the hazard; and the same
 * files on tasks' monthly progress reports, served to those who see the task.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/http_int.h"

static const char *const attachment_kinds[] = { "before", "after", "report" };

static const struct {
	const char *mime;
	const unsigned char *magic;
	size_t n;
} sniff[] = {
	{ "image/jpeg", (const unsigned char *)"\xff\xd8\xff", 3 },
	{ "image/png", (const unsigned char *)"\x89PNG\r\n\x1a\n", 8 },
	{ "application/pdf", (const unsigned char *)"%PDF-", 5 },
};

static json_t *
json_attachment(const struct attachment *a)
{
	return json_pack("{s:s,s:s,s:s,s:I,s:o,s:I,s:s}", "sha256", a->sha256, "kind", a->kind,
			 "mime", a->mime, "size", (json_int_t)a->size, "name", jstr(a->name),
			 "uploaded_by", (json_int_t)a->uploaded_by, "at", a->at);
}

/*
 * Check the uploaded part file (present, not empty, JPEG, PNG or PDF by its
 * content, a clean UTF-8 name) and fill a's mime, name, size and uploader;
 * the file's sha256 is left to store_blob_put.
 */
int
http_attachment_part(const struct req *r, const struct http_part *file, struct attachment *a,
		     struct error *e)
{
	const char *mime = NULL, *fname;

	if (file == NULL || file->len == 0)
		return err_set(e, ERR_INVALID, "file", "the file is missing or empty");
	for (size_t i = 0; i < sizeof(sniff) / sizeof(sniff[0]); i++)
		if (file->len >= sniff[i].n && memcmp(file->data, sniff[i].magic, sniff[i].n) == 0)
			mime = sniff[i].mime;
	if (mime == NULL)
		return err_set(e, ERR_MEDIA_TYPE, "file", "only JPEG, PNG and PDF files are accepted");
	if (file->filename[0] != '\0' && !utf8_clean(file->filename))
		return err_set(e, ERR_INVALID, "file", "the file name is not clean UTF-8");
	memset(a, 0, sizeof(*a));
	snprintf(a->mime, sizeof(a->mime), "%s", mime);
	fname = file->filename[0] ? file->filename : "file";
	snprintf(a->name, sizeof(a->name), "%.*s", (int)utf8_prefix(fname, sizeof(a->name) - 1),
		 fname);
	a->size = (int64_t)file->len;
	a->uploaded_by = r->user.id;
	return 0;
}

int
api_attachments_create(struct req *r, struct error *e)
{
	struct http_part parts[HTTP_PARTS_MAX];
	const struct http_part *kind = NULL, *file = NULL;
	struct attachment a;
	struct hazard *h;
	int n = 0, rc = -1, found;

	/* Scope first: an out-of-scope hazard is a 404 before any file is kept. */
	if ((h = malloc(sizeof(*h))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	found = store_hazard_get(r->st, &r->scope, r->id, h, e);
	free(h);
	if (found != 0 || http_multipart(r, parts, &n, e) != 0)
		goto out_free;
	for (int i = 0; i < n; i++) {
		if (strcmp(parts[i].name, "kind") == 0 && parts[i].filename[0] == '\0' && kind == NULL)
			kind = &parts[i];
		else if (strcmp(parts[i].name, "file") == 0 && file == NULL)
			file = &parts[i];
		else {
			err_set(e, ERR_INVALID, parts[i].name, "unexpected field '%.60s'", parts[i].name);
			goto out_free;
		}
	}
	if (kind == NULL || model_lookup(attachment_kinds, 3, kind->data) < 0) {
		err_set(e, ERR_INVALID, "kind", "kind is before, after or report");
		goto out_free;
	}
	if (http_attachment_part(r, file, &a, e) != 0)
		goto out_free;
	snprintf(a.kind, sizeof(a.kind), "%s", kind->data);
	if (store_blob_put(r->cfg->data_dir, file->data, file->len, a.sha256, e) != 0 ||
	    store_attachment_add(r->st, &r->actor, &r->scope, r->id, &a, e) != 0 ||
	    store_attachment_get(r->st, &r->scope, r->id, a.sha256, a.kind, &a, e) != 0)
		goto out_free;
	r->out = json_attachment(&a);
	r->status = 201;
	rc = 0;
out_free:
	http_parts_free(parts, n);
	return rc;
}

static int
add_attachment(const struct attachment *a, void *arg)
{
	json_array_append_new((json_t *)arg, json_attachment(a));
	return 0;
}

int
api_attachments_list(struct req *r, struct error *e)
{
	json_t *items = json_array();

	if (store_attachment_list(r->st, &r->scope, r->id, add_attachment, items, e) != 0) {
		json_decref(items);
		return -1;
	}
	r->out = json_pack("{s:o,s:n,s:I}", "items", items, "next", "total",
			   (json_int_t)json_array_size(items));
	return 0;
}

int
api_attachments_get(struct req *r, struct error *e)
{
	struct attachment a;

	if (store_attachment_get(r->st, &r->scope, r->id, r->sha, NULL, &a, e) != 0)
		return -1;
	if (store_blob_path(r->cfg->data_dir, a.sha256, r->file_path, sizeof(r->file_path)) != 0)
		return err_set(e, ERR_NOT_FOUND, "sha256", "no such attachment");
	snprintf(r->file_type, sizeof(r->file_type), "%s", a.mime);
	return 0;
}

/* ---- files of a task's progress report ---- */

json_t *
json_task_report_files(const struct task_report *rep)
{
	json_t *list = json_array();

	for (int i = 0; i < rep->nfiles; i++)
		json_array_append_new(list, json_pack("{s:s,s:o,s:s,s:I}", "sha256",
			rep->files[i].sha256, "name", jstr(rep->files[i].name), "mime",
			rep->files[i].mime, "size", (json_int_t)rep->files[i].size));
	return list;
}

int
api_task_attachments_create(struct req *r, struct error *e)
{
	struct http_part parts[HTTP_PARTS_MAX];
	const struct http_part *file = NULL;
	struct attachment a;
	int n = 0, rc = -1;

	if (http_multipart(r, parts, &n, e) != 0)
		goto out_free;
	for (int i = 0; i < n; i++) {
		if (strcmp(parts[i].name, "file") == 0 && file == NULL)
			file = &parts[i];
		else {
			err_set(e, ERR_INVALID, parts[i].name, "unexpected field '%.60s'", parts[i].name);
			goto out_free;
		}
	}
	if (http_attachment_part(r, file, &a, e) != 0)
		goto out_free;
	/* Scope, org and window judged before any file is kept, again when recorded. */
	if (store_task_attachment_check(r->st, &r->scope, r->id, r->user.org_id, http_today(),
					e) != 0 ||
	    store_blob_put(r->cfg->data_dir, file->data, file->len, a.sha256, e) != 0 ||
	    store_task_attachment_add(r->st, &r->actor, &r->scope, r->id, r->user.org_id,
				      http_today(), &a, e) != 0 ||
	    store_task_attachment_get(r->st, &r->scope, r->id, a.sha256, &a, e) != 0)
		goto out_free;
	r->out = json_pack("{s:s,s:o,s:s,s:I}", "sha256", a.sha256, "name", jstr(a.name), "mime",
			   a.mime, "size", (json_int_t)a.size);
	r->status = 201;
	rc = 0;
out_free:
	http_parts_free(parts, n);
	return rc;
}

int
api_task_attachments_get(struct req *r, struct error *e)
{
	struct attachment a;

	if (store_task_attachment_get(r->st, &r->scope, r->id, r->sha, &a, e) != 0)
		return -1;
	if (store_blob_path(r->cfg->data_dir, a.sha256, r->file_path, sizeof(r->file_path)) != 0)
		return err_set(e, ERR_NOT_FOUND, "sha256", "no such attachment");
	snprintf(r->file_type, sizeof(r->file_type), "%s", a.mime);
	return 0;
}
