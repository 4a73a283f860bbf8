/*
 * cmd_plan.c — hazardnet plan SUBCOMMAND: plan documents. Subcommands are a
 * table like the commands themselves; `plan parse FILE [--json]` outlines a
 * document without a database (DESIGN §5).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli_int.h"
#include "core/plan.h"
#include "text/normalize.h"
#include "text/plan_json.h"
#include "text/plan_rows.h"

/* Plans are documents, not data sets: anything bigger is refused. */
#define PLAN_FILE_MAX (20u * 1024 * 1024)

struct plan_sub {
	const char *name;
	int (*fn)(struct cli *cli, struct store *st, int argc, char **argv);
};

static int plan_parse_cmd(struct cli *cli, struct store *st, int argc,
			  char **argv);
static int plan_import_cmd(struct cli *cli, struct store *st, int argc,
			   char **argv);

static const struct plan_sub subs[] = {
	{"parse", plan_parse_cmd},
	{"import", plan_import_cmd},
};

/* Lowercase first letter of strerror(): "no such file or directory". */
static const char *
reason(int err, char *buf, size_t n)
{
	snprintf(buf, n, "%s", strerror(err));
	if (buf[0] >= 'A' && buf[0] <= 'Z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/*
 * Read all of path (or standard input for "-") into a malloc'd buffer, at most
 * max bytes. 0 with *out and *len set, or -1 with a message in msg: too_big is set
 * when the file is larger than max.
 */
static int
read_all(const char *path, size_t max, char **out, size_t *len, int *too_big,
	 char *msg, size_t msgn)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 64 * 1024, n = 0;
	struct stat sb;
	int rc = -1;
	char rb[128];

	*too_big = 0;
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL) {
		snprintf(msg, msgn, "cannot open '%s': %s", path,
			 reason(errno, rb, sizeof(rb)));
		return -1;
	}
	if (fstat(fileno(f), &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			snprintf(msg, msgn, "cannot read '%s': is a directory",
				 path);
			goto out_close;
		}
		if (S_ISREG(sb.st_mode) && (size_t)sb.st_size > max) {
			*too_big = 1;
			goto out_close;
		}
	}
	buf = malloc(cap + 1);
	if (buf == NULL) {
		snprintf(msg, msgn, "cannot read '%s': out of memory", path);
		goto out_close;
	}
	for (;;) {
		size_t r;

		if (n == cap) {
			char *grown;

			if (cap > max) {
				*too_big = 1;
				goto out_free;
			}
			cap *= 2;
			grown = realloc(buf, cap + 1);
			if (grown == NULL) {
				snprintf(msg, msgn, "cannot read '%s': out of memory",
					 path);
				goto out_free;
			}
			buf = grown;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (n > max) {
			*too_big = 1;
			goto out_free;
		}
		if (r == 0) {
			if (ferror(f)) {
				snprintf(msg, msgn, "cannot read '%s': %s", path,
					 reason(errno, rb, sizeof(rb)));
				goto out_free;
			}
			break;
		}
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
	rc = 0;
out_free:
	free(buf);
out_close:
	if (f != stdin)
		fclose(f);
	return rc;
}

/* ------------------------------------------------------------- outline */

static void
print_units(FILE *o, int depth, const char *what, const struct plan_units *u)
{
	size_t k;

	if (u->n == 0)
		return;
	fprintf(o, "%*s%s: ", depth * 2 + 4, "", what);
	for (k = 0; k < u->n; k++)
		fprintf(o, "%s%s", k ? "、" : "", u->v[k]);
	fputc('\n', o);
}

static void
print_node(FILE *o, const struct plan_node *n, int depth)
{
	static const char *const role_label[PLAN_ROLE__MAX] = {
		[PLAN_ROLE_LEAD] = "lead",
		[PLAN_ROLE_CO] = "co",
		[PLAN_ROLE_LOCALITY] = "localities",
		[PLAN_ROLE_OVERSEER] = "overseer",
	};
	char b1[11], b2[11];
	size_t k;
	int r;

	fprintf(o, "%*s%s%s%s  [%s%s%s] (line %d)\n", depth * 2, "",
		n->label ? n->label : "", n->label ? " " : "", n->title,
		plan_kind_name(n->kind), n->category ? ", " : "",
		n->category ? plan_category_name(n->category) : "", n->line);
	for (r = 0; r < PLAN_ROLE__MAX; r++)
		print_units(o, depth, role_label[r], &n->role[r]);
	for (k = 0; k < n->ndeadlines; k++) {
		plan_ymd_format(&n->deadlines[k].date, b1);
		fprintf(o, "%*sdeadline: %s %s (%s)\n", depth * 2 + 4, "",
			plan_date_kind_name(n->deadlines[k].kind), b1,
			n->deadlines[k].phrase);
	}
	for (k = 0; k < n->nrecurrences; k++)
		fprintf(o, "%*severy %s: %s\n", depth * 2 + 4, "",
			plan_every_name(n->recurrences[k].every),
			n->recurrences[k].phrase);
	for (k = 0; k < n->ntargets; k++) {
		const struct plan_target *t = &n->targets[k];

		plan_ymd_format(&t->deadline, b2);
		fprintf(o, "%*starget: %s %g%s%s%s\n", depth * 2 + 4, "",
			plan_cmp_name(t->cmp), t->value, t->unit,
			t->deadline.y ? " by " : "", b2);
	}
}

static void
print_outline(FILE *o, const struct plan_doc *doc)
{
	int *depth = calloc(doc->nnodes + 1, sizeof(*depth));
	char b1[11], b2[11];
	size_t k;

	plan_ymd_format(&doc->issued_on, b1);
	fprintf(o, "%s\n", doc->title ? doc->title : "(untitled plan)");
	fprintf(o, "  issuer: %s  document: %s  issued: %s\n",
		doc->issuer ? doc->issuer : "-",
		doc->doc_number ? doc->doc_number : "-", b1[0] ? b1 : "-");
	plan_ymd_format(&doc->period_start, b1);
	plan_ymd_format(&doc->period_end, b2);
	fprintf(o, "  period: %s .. %s", b1[0] ? b1 : "?", b2[0] ? b2 : "?");
	if (doc->report_day)
		fprintf(o, "  monthly report: day %d", doc->report_day);
	fputc('\n', o);
	for (k = 0; k < doc->nphases; k++) {
		plan_ymd_format(&doc->phases[k].start, b1);
		plan_ymd_format(&doc->phases[k].end, b2);
		fprintf(o, "  phase: %s %s .. %s (plan %d)\n", doc->phases[k].name,
			b1[0] ? b1 : "?", b2[0] ? b2 : "?", doc->phases[k].plan);
	}
	fputc('\n', o);
	for (k = 0; k < doc->nnodes; k++) {
		const struct plan_node *n = &doc->nodes[k];
		int d = 0;

		if (depth != NULL && n->parent > 0 && (size_t)n->parent <= doc->nnodes)
			d = depth[n->parent] + 1;
		if (depth != NULL)
			depth[n->id] = d;
		print_node(o, n, d);
	}
	free(depth);
}

/* --------------------------------------------------------------- parse */

static int
plan_parse_cmd(struct cli *cli, struct store *st, int argc, char **argv)
{
	const struct cmd *self = cli_find("plan");
	const char *file = NULL, *aliases_file = NULL, *name;
	char *raw = NULL, *text = NULL, *extra = NULL, *norm = NULL, msg[512];
	size_t rawlen = 0, textlen = 0, extralen = 0, normlen = 0;
	struct plan_aliases *aliases = NULL;
	struct plan_doc *doc = NULL;
	struct plan_opts opts;
	struct error e;
	json_t *json = NULL;
	int json_out = 0, too_big, rc = 1, i;
	size_t k;

	(void)cli;
	(void)st;
	err_clear(&e);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			if (self != NULL)
				cli_usage(stdout, self);
			return 0;
		}
		if (strcmp(argv[i], "--json") == 0)
			json_out = 1;
		else if (strcmp(argv[i], "--aliases") == 0 && i + 1 < argc)
			aliases_file = argv[++i];
		else if (strcmp(argv[i], "--aliases") == 0)
			goto usage_aliases;
		else if (strncmp(argv[i], "--aliases=", 10) == 0)
			aliases_file = argv[i] + 10;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			goto usage_option;
		else if (file == NULL)
			file = argv[i];
		else
			goto usage_extra;
	}
	if (file == NULL)
		goto usage_missing;
	name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	if (read_all(file, PLAN_FILE_MAX, &raw, &rawlen, &too_big, msg,
		     sizeof(msg)) != 0) {
		if (too_big)
			rc = cli_fail("cannot parse '%s': larger than %u MB",
				      name, PLAN_FILE_MAX / (1024 * 1024));
		else
			rc = cli_fail("%s", msg);
		goto out;
	}
	for (k = 0; k < rawlen; k++)
		if (raw[k] != ' ' && raw[k] != '\n' && raw[k] != '\r' &&
		    raw[k] != '\t')
			break;
	if (k == rawlen) {
		rc = cli_fail("cannot parse '%s': the file is empty", name);
		goto out;
	}
	text = text_nfkc_new(raw, rawlen, &textlen, &e);
	if (text == NULL) {
		rc = cli_fail("cannot parse '%s': %s", name, e.message);
		goto out;
	}
	aliases = plan_aliases_default_new(&e);
	if (aliases == NULL) {
		rc = cli_fail("cannot load the unit aliases: %s", e.message);
		goto out;
	}
	if (aliases_file != NULL) {
		if (read_all(aliases_file, PLAN_FILE_MAX, &extra, &extralen,
			     &too_big, msg, sizeof(msg)) != 0) {
			rc = too_big ? cli_fail("cannot read '%s': too large",
						aliases_file)
				     : cli_fail("%s", msg);
			goto out;
		}
		/* the names must match the normalised text: （区） is (区) */
		norm = text_nfkc_new(extra, extralen, &normlen, &e);
		if (norm == NULL ||
		    plan_aliases_load(aliases, norm, normlen, &e) != 0) {
			rc = cli_fail("cannot read '%s': %s", aliases_file,
				      e.message);
			goto out;
		}
	}
	memset(&opts, 0, sizeof(opts));
	opts.aliases = aliases;
	doc = plan_parse(text, textlen, &opts, &e);
	if (doc == NULL) {
		rc = cli_fail("cannot parse '%s': %s", name, e.message);
		goto out;
	}
	if (json_out) {
		json = plan_doc_to_json(doc);
		if (json == NULL ||
		    json_dumpf(json, stdout, JSON_INDENT(2)) != 0) {
			rc = cli_fail("cannot write the json of '%s'", name);
			goto out;
		}
		fputc('\n', stdout);
	} else {
		print_outline(stdout, doc);
		for (k = 0; k < doc->ndiags; k++)
			fprintf(stderr, "%s:%d:%d: %s: %s\n", name,
				doc->diags[k].line, doc->diags[k].column,
				plan_severity_name(doc->diags[k].severity),
				doc->diags[k].message);
	}
	if (fflush(stdout) != 0) {
		rc = cli_fail("cannot write the output: %s",
			      reason(errno, msg, sizeof(msg)));
		goto out;
	}
	rc = 0;
out:
	json_decref(json);
	plan_doc_free(doc);
	plan_aliases_free(aliases);
	free(norm);
	free(extra);
	free(text);
	free(raw);
	return rc;
usage_option:
	return self ? cli_usage_error(self, "unknown option '%s'", argv[i]) : 2;
usage_extra:
	return self ? cli_usage_error(self, "unexpected argument '%s'", argv[i])
		    : 2;
usage_aliases:
	return self ? cli_usage_error(self, "--aliases needs a FILE") : 2;
usage_missing:
	return self ? cli_usage_error(self, "plan parse needs a FILE ('-' for "
					    "standard input)")
		    : 2;
}

int
cmd_plan(struct cli *cli, struct store *st, int argc, char **argv)
{
	const struct cmd *self = cli_find("plan");
	size_t k;

	if (argc < 2)
		return self ? cli_usage_error(self, "which subcommand?") : 2;
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (self != NULL)
			cli_usage(stdout, self);
		return 0;
	}
	for (k = 0; k < sizeof(subs) / sizeof(subs[0]); k++)
		if (strcmp(subs[k].name, argv[1]) == 0)
			return subs[k].fn(cli, st, argc - 1, argv + 1);
	return self ? cli_usage_error(self, "unknown subcommand '%s'", argv[1])
		    : 2;
}

/*
 * `hazardnet plan import FILE --region CODE`: parse FILE and keep it as a
 * draft plan of region CODE (the office then maps its units and publishes it
 * in the web UI). Prints the new plan's id.
 */
static int
plan_import_cmd(struct cli *cli, struct store *unused, int argc, char **argv)
{
	const struct cmd *self = cli_find("plan");
	const char *file = NULL, *region = NULL;
	struct store_opts so;
	struct store *st = NULL;
	struct plan_rows rows = { 0 };
	struct scope all;
	struct actor a;
	struct error e = { 0 };
	json_t *doc = NULL;
	char *text = NULL, msg[512];
	size_t len = 0;
	int too_big = 0, version = 0, rc = 1;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--region") == 0 && i + 1 < argc)
			region = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error(self, "unknown option '%s'", argv[i]);
		else if (file == NULL)
			file = argv[i];
		else
			return cli_usage_error(self, "unexpected argument '%s'", argv[i]);
	}
	if (file == NULL || region == NULL)
		return cli_usage_error(self, "plan import takes FILE and --region CODE");
	if (region_level_of(region) < 0)
		return cli_usage_error(self, "--region takes a 12-digit region code, not '%s'", region);
	if (read_all(file, PLAN_FILE_MAX, &text, &len, &too_big, msg, sizeof(msg)) != 0)
		return too_big ? cli_fail("cannot import '%s': larger than %u bytes", file, PLAN_FILE_MAX)
			       : cli_fail("%s", msg);
	if ((doc = plan_text_to_json(text, len, &e)) == NULL ||
	    plan_rows_from_json(doc, &rows, &e) != 0) {
		cli_fail("cannot import '%s': %s", file, e.message);
		goto out_free;
	}
	snprintf(rows.plan.region_code, sizeof(rows.plan.region_code), "%s", region);
	cli_store_opts(cli, &so);
	if ((st = store_open(&so, &e)) == NULL || store_schema_version(st, &version, &e) != 0) {
		cli_fail("%s", e.message);
		goto out_free;
	}
	if (version < store_schema_latest()) {
		cli_fail("the database is missing or out of date; run 'hazardnet init' first");
		goto out_free;
	}
	store_scope_all(&all);
	cli_actor(&a);
	if (store_plan_create(st, &a, &all, &rows.plan, text, rows.nodes, rows.n, &e) != 0) {
		cli_fail("cannot import '%s': %s", file, e.message);
		goto out_free;
	}
	printf("imported plan %lld: %s (%lld nodes, draft)\n", (long long)rows.plan.id,
	       rows.plan.title, (long long)rows.plan.nodes);
	rc = 0;
out_free:
	store_close(st);
	plan_rows_free(&rows);
	json_decref(doc);
	free(text);
	return rc;
}
