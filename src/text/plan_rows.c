/* plan_rows.c — plan text → parser JSON → store rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "text/normalize.h"
#include "text/plan_json.h"
#include "text/plan_rows.h"

json_t *
plan_text_to_json(const char *text, size_t len, struct error *e)
{
	struct plan_doc *doc;
	size_t n = 0;
	char *norm;
	json_t *j;

	if ((norm = text_nfkc_new(text, len, &n, e)) == NULL)
		return NULL;
	doc = plan_parse(norm, n, NULL, e);
	free(norm);
	if (doc == NULL)
		return NULL;
	j = plan_doc_to_json(doc);
	plan_doc_free(doc);
	if (j == NULL)
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
	return j;
}

static void
copy_str(const json_t *o, const char *k, char *buf, size_t n)
{
	const char *s = json_string_value(json_object_get(o, k));

	snprintf(buf, n, "%s", s ? s : "");
}

/* Join a JSON array of strings with "、" (truncated at a name boundary). */
static void
join_units(const json_t *arr, char *buf, size_t n)
{
	size_t i, used = 0;
	json_t *v;

	buf[0] = '\0';
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		size_t need = strlen(s ? s : "") + (used ? strlen("、") : 0);

		if (s == NULL || *s == '\0' || used + need + 1 > n)
			continue;
		used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? "、" : "", s);
	}
}

int
plan_rows_from_json(const json_t *doc, struct plan_rows *rows, struct error *e)
{
	const json_t *nodes = json_object_get(doc, "nodes"), *period = json_object_get(doc, "period");
	json_t *nd;
	size_t i;

	memset(rows, 0, sizeof(*rows));
	copy_str(doc, "title", rows->plan.title, sizeof(rows->plan.title));
	copy_str(doc, "issuer", rows->plan.issuer, sizeof(rows->plan.issuer));
	copy_str(doc, "doc_number", rows->plan.doc_number, sizeof(rows->plan.doc_number));
	copy_str(doc, "issued_on", rows->plan.issued_on, sizeof(rows->plan.issued_on));
	copy_str(period, "start", rows->plan.period_start, sizeof(rows->plan.period_start));
	copy_str(period, "end", rows->plan.period_end, sizeof(rows->plan.period_end));
	rows->plan.report_day = (int)json_integer_value(json_object_get(doc, "report_day"));
	if (rows->plan.title[0] == '\0')
		snprintf(rows->plan.title, sizeof(rows->plan.title), "未命名方案");
	if (!json_is_array(nodes) || json_array_size(nodes) == 0)
		return err_set(e, ERR_INVALID, "text", "no outline found in the text");
	rows->n = json_array_size(nodes);
	rows->nodes = calloc(rows->n, sizeof(*rows->nodes));
	rows->details = calloc(rows->n, sizeof(*rows->details));
	if (rows->nodes == NULL || rows->details == NULL) {
		plan_rows_free(rows);
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	}
	json_array_foreach(nodes, i, nd) {
		struct plan_node_row *r = &rows->nodes[i];
		const json_t *dl = json_array_get(json_object_get(nd, "deadlines"), 0);

		r->seq = (int)json_integer_value(json_object_get(nd, "id"));
		r->parent = (int)json_integer_value(json_object_get(nd, "parent"));
		r->line = (int)json_integer_value(json_object_get(nd, "line"));
		copy_str(nd, "kind", r->kind, sizeof(r->kind));
		copy_str(nd, "label", r->label, sizeof(r->label));
		copy_str(nd, "title", r->title, sizeof(r->title));
		if (dl != NULL)
			copy_str(dl, "date", r->deadline, sizeof(r->deadline));
		join_units(json_object_get(nd, "lead"), r->lead, sizeof(r->lead));
		join_units(json_object_get(nd, "co"), r->co, sizeof(r->co));
		join_units(json_object_get(nd, "localities"), r->localities, sizeof(r->localities));
		if ((rows->details[i] = json_dumps(nd, JSON_COMPACT)) == NULL) {
			plan_rows_free(rows);
			return err_set(e, ERR_INTERNAL, NULL, "out of memory");
		}
		r->detail = rows->details[i];
	}
	return 0;
}

void
plan_rows_free(struct plan_rows *rows)
{
	for (size_t i = 0; rows->details && i < rows->n; i++)
		free(rows->details[i]);
	free(rows->details);
	free(rows->nodes);
	rows->details = NULL;
	rows->nodes = NULL;
	rows->n = 0;
}
