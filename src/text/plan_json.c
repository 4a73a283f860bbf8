/*
 * plan_json.c — struct plan_doc to JSON with jansson. Missing values are
 * null, lists are always present (possibly empty), so that clients see one
 * shape.
 */
#include <math.h>

#include "text/plan_json.h"

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
date_or_null(const struct plan_ymd *d)
{
	char buf[11];

	if (d->y == 0)
		return json_null();
	plan_ymd_format(d, buf);
	return json_string(buf);
}

static json_t *
int_or_null(int v)
{
	return v != 0 ? json_integer(v) : json_null();
}

static json_t *
number(double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *
units(const struct plan_units *u)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; a != NULL && k < u->n; k++)
		json_array_append_new(a, json_string(u->v[k]));
	return a;
}

static json_t *
deadlines(const struct plan_node *n)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; a != NULL && k < n->ndeadlines; k++) {
		const struct plan_deadline *d = &n->deadlines[k];

		json_array_append_new(
			a, json_pack("{s:o, s:o, s:s, s:s}", "date",
				     date_or_null(&d->date), "start",
				     date_or_null(&d->start), "phrase", d->phrase,
				     "kind", plan_date_kind_name(d->kind)));
	}
	return a;
}

static json_t *
targets(const struct plan_node *n)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; a != NULL && k < n->ntargets; k++) {
		const struct plan_target *t = &n->targets[k];

		json_array_append_new(
			a, json_pack("{s:s, s:o, s:s, s:s, s:o, s:o}", "text",
				     t->text, "value", number(t->value), "unit",
				     t->unit, "comparator", plan_cmp_name(t->cmp),
				     "deadline", date_or_null(&t->deadline),
				     "baseline_year",
				     int_or_null(t->baseline_year)));
	}
	return a;
}

static json_t *
recurrences(const struct plan_node *n)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; a != NULL && k < n->nrecurrences; k++) {
		const struct plan_recurrence *r = &n->recurrences[k];

		json_array_append_new(
			a, json_pack("{s:s, s:i, s:o, s:o, s:o, s:b, s:s}",
				     "every", plan_every_name(r->every),
				     "interval", r->interval, "month",
				     int_or_null(r->month), "week",
				     int_or_null(r->week), "day",
				     int_or_null(r->day), "by", r->by, "phrase",
				     r->phrase));
	}
	return a;
}

static json_t *
durations(const struct plan_node *n)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; a != NULL && k < n->ndurations; k++) {
		const struct plan_duration *d = &n->durations[k];

		json_array_append_new(
			a, json_pack("{s:i, s:s, s:s}", "value", d->value, "unit",
				     plan_dur_unit_name(d->unit), "phrase",
				     d->phrase));
	}
	return a;
}

static json_t *
node(const struct plan_node *n)
{
	const char *cat = plan_category_name(n->category);

	return json_pack(
		"{s:i, s:i, s:s, s:o, s:o, s:s, s:s, s:i, s:i, s:o, s:o, s:o,"
		" s:o, s:o, s:o, s:o, s:o}",
		"id", n->id, "parent", n->parent, "kind", plan_kind_name(n->kind),
		"category", str_or_null(cat), "label", str_or_null(n->label),
		"title", n->title, "text", n->text, "line", n->line, "column",
		n->column, "lead", units(&n->role[PLAN_ROLE_LEAD]), "co",
		units(&n->role[PLAN_ROLE_CO]), "localities",
		units(&n->role[PLAN_ROLE_LOCALITY]), "overseer",
		units(&n->role[PLAN_ROLE_OVERSEER]), "deadlines", deadlines(n),
		"targets", targets(n), "recurrence", recurrences(n), "durations",
		durations(n));
}

json_t *
plan_doc_to_json(const struct plan_doc *doc)
{
	json_t *root, *nodes, *phases, *diags, *period;
	size_t k;

	nodes = json_array();
	phases = json_array();
	diags = json_array();
	if (doc->period_start.y || doc->period_end.y)
		period = json_pack("{s:o, s:o}", "start",
				   date_or_null(&doc->period_start), "end",
				   date_or_null(&doc->period_end));
	else
		period = json_null();
	for (k = 0; nodes != NULL && k < doc->nnodes; k++)
		json_array_append_new(nodes, node(&doc->nodes[k]));
	for (k = 0; phases != NULL && k < doc->nphases; k++) {
		const struct plan_phase *ph = &doc->phases[k];

		json_array_append_new(
			phases, json_pack("{s:s, s:o, s:o, s:i, s:i}", "name",
					  ph->name, "start",
					  date_or_null(&ph->start), "end",
					  date_or_null(&ph->end), "plan",
					  ph->plan, "node", ph->node));
	}
	for (k = 0; diags != NULL && k < doc->ndiags; k++) {
		const struct plan_diag *d = &doc->diags[k];

		json_array_append_new(
			diags, json_pack("{s:i, s:i, s:s, s:s}", "line", d->line,
					 "column", d->column, "severity",
					 plan_severity_name(d->severity),
					 "message", d->message));
	}
	root = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "title", str_or_null(doc->title), "issuer",
			 str_or_null(doc->issuer), "doc_number",
			 str_or_null(doc->doc_number), "issued_on",
			 date_or_null(&doc->issued_on), "period", period,
			 "report_day", int_or_null(doc->report_day), "phases",
			 phases, "nodes", nodes, "diagnostics", diags);
	return root;
}
