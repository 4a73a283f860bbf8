/*
 * fuzz_plan_parse.c — libFuzzer driver for the plan-document parser: any
 * bytes through normalisation (UTF-8 check, NFKC), the parser and the
 * JSON writer, as `hazardnet plan parse --json` and POST /api/v1/plans/parse
 * do. A crash, a sanitizer report or a leak is a bug.
 */
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "core/plan.h"
#include "text/normalize.h"
#include "text/plan_json.h"

/* Loaded once: the table is read-only afterwards. */
static struct plan_aliases *aliases;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct error e;

	(void)argc;
	(void)argv;
	aliases = plan_aliases_default_new(&e);
	if (aliases == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan_opts opts = {aliases};
	struct plan_doc *doc;
	struct error e;
	size_t len;
	char *text, *out;
	json_t *json;

	text = text_nfkc_new((const char *)data, size, &len, &e);
	if (text == NULL)
		return 0;
	doc = plan_parse(text, len, &opts, &e);
	if (doc != NULL) {
		json = plan_doc_to_json(doc);
		if (json == NULL)
			abort();
		out = json_dumps(json, JSON_INDENT(2));
		if (out == NULL)
			abort();
		free(out);
		json_decref(json);
		plan_doc_free(doc);
	}
	free(text);
	return 0;
}
