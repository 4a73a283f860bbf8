/*
 * store_blob.c — attachment files, named by the SHA-256 of their content,
 * written to a temporary file, fsynced and renamed into place so that a
 * crash leaves either the whole file or none; and their records: of
 * hazards, and of tasks' progress reports.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/date.h"
#include "store/store_int.h"

static int
is_hex64(const char *s)
{
	if (s == NULL || strlen(s) != 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

int
store_blob_path(const char *data_dir, const char *sha, char *buf, size_t n)
{
	if (!is_hex64(sha))
		return -1;
	snprintf(buf, n, "%s/attachments/%.2s/%s", data_dir, sha, sha);
	return 0;
}

int
store_blob_put(const char *data_dir, const void *bytes, size_t n, char sha[65], struct error *e)
{
	char dir[1200], path[1300], tmp[1400];
	const char *p = bytes;
	size_t done = 0;
	int fd, dfd;

	st_sha256_hex(bytes, n, sha);
	/* With PostgreSQL nothing else creates the data directory. */
	snprintf(dir, sizeof(dir), "%s/attachments/%.2s", data_dir, sha);
	if (st_mkdir_p(dir, e) != 0)
		return -1;
	store_blob_path(data_dir, sha, path, sizeof(path));
	if (access(path, F_OK) == 0)
		return 0;
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640)) < 0)
		return err_set(e, ERR_IO, NULL, "cannot create '%s': %s", tmp, strerror(errno));
	while (done < n) {
		ssize_t w = write(fd, p + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			err_set(e, ERR_IO, NULL, "cannot write '%s': %s", tmp, strerror(errno));
			goto out_unlink;
		}
		done += (size_t)w;
	}
	if (fsync(fd) != 0) {
		err_set(e, ERR_IO, NULL, "cannot sync '%s': %s", tmp, strerror(errno));
		goto out_unlink;
	}
	close(fd);
	fd = -1;
	if (rename(tmp, path) != 0) {
		err_set(e, ERR_IO, NULL, "cannot rename '%s': %s", tmp, strerror(errno));
		goto out_unlink;
	}
	/* The rename is durable once the directory is. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
out_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

static void
read_attachment(struct store *st, struct db_stmt *s, struct attachment *a)
{
	memset(a, 0, sizeof(*a));
	st_col_copy(st, s, 0, a->sha256, sizeof(a->sha256));
	st_col_copy(st, s, 1, a->kind, sizeof(a->kind));
	st_col_copy(st, s, 2, a->mime, sizeof(a->mime));
	a->size = st->db->ops->col_int(s, 3);
	st_col_copy(st, s, 4, a->name, sizeof(a->name));
	a->uploaded_by = st->db->ops->col_int(s, 5);
	st_col_copy(st, s, 6, a->at, sizeof(a->at));
}

int
store_attachment_add(struct store *st, const struct actor *ac, const struct scope *sc,
		     int64_t hazard_id, const struct attachment *a, struct error *e)
{
	struct hazard *h = malloc(sizeof(*h));
	struct db_stmt *s;
	struct sbuf b = { 0 };
	char now[TIME_LEN], oid[32], chain[3];

	if (h == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (st_begin(st, e) != 0)
		goto out_free;
	if (store_hazard_get(st, sc, hazard_id, h, e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_ATTACHMENT_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "itttitit", hazard_id, a->sha256, a->kind, a->mime, a->size, a->name,
		     a->uploaded_by, now) != 0)
		goto out_rollback;
	if (st->db->ops->step(s, e) == DB_ERROR) {
		st->db->ops->reset(s);
		goto out_rollback;
	}
	if (st->db->ops->changes(s) == 0) { /* the same file, again: nothing new */
		st->db->ops->reset(s);
		free(h);
		return st_commit(st, e);
	}
	st->db->ops->reset(s);
	sbuf_kv(&b, "sha256", a->sha256);
	sbuf_kv(&b, "kind", a->kind);
	sbuf_kv(&b, "mime", a->mime);
	sbuf_kvi(&b, "size", a->size);
	sbuf_kv(&b, "name", a->name);
	snprintf(oid, sizeof(oid), "%lld", (long long)hazard_id);
	st_chain_of(h->region_code, chain);
	if (st_audit(st, ac, chain, "hazard.attach", "attachment", oid, sbuf_str(&b), e) != 0)
		goto out_rollback;
	sbuf_free(&b);
	free(h);
	return st_commit(st, e);
out_rollback:
	sbuf_free(&b);
	st_rollback(st);
out_free:
	free(h);
	return -1;
}

int
store_attachment_list(struct store *st, const struct scope *sc, int64_t hazard_id,
		      int (*cb)(const struct attachment *, void *), void *arg, struct error *e)
{
	struct hazard *h = malloc(sizeof(*h));
	struct attachment a;
	struct db_stmt *s;
	enum db_step r = DB_ERROR;

	if (h == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_hazard_get(st, sc, hazard_id, h, e) != 0) {
		free(h);
		return -1;
	}
	free(h);
	if ((s = st_stmt(st, STMT_ATTACHMENT_LIST, e)) == NULL ||
	    st_bindf(st, s, e, "i", hazard_id) != 0)
		return -1;
	while ((r = st->db->ops->step(s, e)) == DB_ROW) {
		read_attachment(st, s, &a);
		if (cb(&a, arg) != 0)
			break;
	}
	st->db->ops->reset(s);
	return r == DB_ERROR ? -1 : 0;
}

int
store_attachment_get(struct store *st, const struct scope *sc, int64_t hazard_id, const char *sha,
		     const char *kind, struct attachment *out, struct error *e)
{
	struct hazard *h = malloc(sizeof(*h));
	struct db_stmt *s;
	enum db_step r;

	if (h == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_hazard_get(st, sc, hazard_id, h, e) != 0) {
		free(h);
		return -1;
	}
	free(h);
	if (kind != NULL) {
		if ((s = st_stmt(st, STMT_ATTACHMENT_GET_KIND, e)) == NULL ||
		    st_bindf(st, s, e, "itt", hazard_id, sha, kind) != 0)
			return -1;
	} else if ((s = st_stmt(st, STMT_ATTACHMENT_GET, e)) == NULL ||
		   st_bindf(st, s, e, "it", hazard_id, sha) != 0) {
		return -1;
	}
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_attachment(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "sha256", "no such attachment");
	return 0;
}

/* ---- files of tasks' progress reports ---- */

static void
read_task_file(struct store *st, struct db_stmt *s, struct attachment *a)
{
	memset(a, 0, sizeof(*a));
	st_col_copy(st, s, 0, a->sha256, sizeof(a->sha256));
	st_col_copy(st, s, 1, a->mime, sizeof(a->mime));
	a->size = st->db->ops->col_int(s, 2);
	st_col_copy(st, s, 3, a->name, sizeof(a->name));
	a->uploaded_by = st->db->ops->col_int(s, 4);
	st_col_copy(st, s, 5, a->at, sizeof(a->at));
}

/* The task of progress report id, if s sees it (else ERR_NOT_FOUND); its
 * filing instant into at when at is not NULL. */
static int
report_task(struct store *st, const struct scope *sc, int64_t id, struct task_rec *t,
	    char at[TIME_LEN], struct error *e)
{
	struct db_stmt *s;
	enum db_step r;
	int64_t task_id = 0;

	if ((s = st_stmt(st, STMT_TASK_REPORT_OF, e)) == NULL || st_bindf(st, s, e, "i", id) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW) {
		task_id = st->db->ops->col_int(s, 0);
		if (at != NULL)
			st_col_copy(st, s, 2, at, TIME_LEN);
	}
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE || store_task_get(st, sc, task_id, t, NULL) != 0)
		return err_set(e, ERR_NOT_FOUND, "id", "no progress report %lld", (long long)id);
	return 0;
}

/* May user_org attach a file to progress report id today (see
 * store_task_attachment_add)? The report's task into t. */
static int
task_file_allowed(struct store *st, const struct scope *sc, int64_t report_id, int64_t user_org,
		  int32_t today, struct task_rec *t, struct error *e)
{
	struct db_stmt *s;
	char filed[TIME_LEN];
	int32_t on;
	int64_t n = 0;

	if (report_task(st, sc, report_id, t, filed, e) != 0)
		return -1;
	if (user_org != t->org_id)
		return err_set(e, ERR_FORBIDDEN, NULL, "only %s attaches files to its own reports",
			       t->org_name);
	if (date_of_instant(filed, &on) != 0 || today > on + TASK_REPORT_FILES_DAYS)
		return err_set(e, ERR_CONFLICT, "id",
			       "files are attached within %d days of filing the report",
			       TASK_REPORT_FILES_DAYS);
	if ((s = st_stmt(st, STMT_TASK_ATTACHMENT_COUNT, e)) == NULL ||
	    st_bindf(st, s, e, "i", report_id) != 0 || st_count(st, s, &n, e) != 0)
		return -1;
	if (n >= TASK_REPORT_FILES_MAX)
		return err_set(e, ERR_CONFLICT, "file", "a report holds at most %d files",
			       TASK_REPORT_FILES_MAX);
	return 0;
}

int
store_task_attachment_check(struct store *st, const struct scope *sc, int64_t report_id,
			    int64_t user_org, int32_t today, struct error *e)
{
	struct task_rec t;

	return task_file_allowed(st, sc, report_id, user_org, today, &t, e);
}

int
store_task_attachment_add(struct store *st, const struct actor *ac, const struct scope *sc,
			  int64_t report_id, int64_t user_org, int32_t today,
			  const struct attachment *a, struct error *e)
{
	struct task_rec t;
	struct db_stmt *s;
	struct sbuf b = { 0 };
	char now[TIME_LEN];

	if (st_begin(st, e) != 0)
		return -1;
	if (task_file_allowed(st, sc, report_id, user_org, today, &t, e) != 0)
		goto out_rollback;
	store_now(now, sizeof(now));
	if ((s = st_stmt(st, STMT_TASK_ATTACHMENT_INSERT, e)) == NULL ||
	    st_bindf(st, s, e, "ittitit", report_id, a->sha256, a->mime, a->size, a->name,
		     a->uploaded_by, now) != 0)
		goto out_rollback;
	if (st->db->ops->step(s, e) == DB_ERROR) {
		st->db->ops->reset(s);
		goto out_rollback;
	}
	if (st->db->ops->changes(s) == 0) { /* the same file, again: nothing new */
		st->db->ops->reset(s);
		return st_commit(st, e);
	}
	st->db->ops->reset(s);
	sbuf_kvi(&b, "task_id", t.id);
	sbuf_kv(&b, "sha256", a->sha256);
	sbuf_kv(&b, "mime", a->mime);
	sbuf_kvi(&b, "size", a->size);
	sbuf_kv(&b, "name", a->name);
	if (st_audit_snap(st, ac, t.region_code, "task_report.attach", "task_report_file",
			  report_id, &b, e) != 0)
		goto out_rollback;
	return st_commit(st, e);
out_rollback:
	sbuf_free(&b);
	st_rollback(st);
	return -1;
}

int
store_task_attachment_get(struct store *st, const struct scope *sc, int64_t report_id,
			  const char *sha, struct attachment *out, struct error *e)
{
	struct task_rec t;
	struct db_stmt *s;
	enum db_step r;

	if (report_task(st, sc, report_id, &t, NULL, e) != 0)
		return -1;
	if ((s = st_stmt(st, STMT_TASK_ATTACHMENT_GET, e)) == NULL ||
	    st_bindf(st, s, e, "it", report_id, sha) != 0)
		return -1;
	if ((r = st->db->ops->step(s, e)) == DB_ROW)
		read_task_file(st, s, out);
	st->db->ops->reset(s);
	if (r == DB_ERROR)
		return -1;
	if (r == DB_DONE)
		return err_set(e, ERR_NOT_FOUND, "sha256", "no such attachment");
	return 0;
}

int
st_task_report_files(struct store *st, struct task_report *r, struct error *e)
{
	struct db_stmt *s;
	enum db_step step;

	r->nfiles = 0;
	if ((s = st_stmt(st, STMT_TASK_ATTACHMENT_LIST, e)) == NULL ||
	    st_bindf(st, s, e, "i", r->id) != 0)
		return -1;
	while ((step = st->db->ops->step(s, e)) == DB_ROW && r->nfiles < TASK_REPORT_FILES_MAX)
		read_task_file(st, s, &r->files[r->nfiles++]);
	st->db->ops->reset(s);
	return step == DB_ERROR ? -1 : 0;
}
