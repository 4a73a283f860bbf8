/*
 * plan_rows.h — from a plan document's text to what the API shows and the
 * store keeps: normalise (NFKC), parse, the parser's JSON, and the plan's
 * record with one row per outline node.
 */
#ifndef HN_PLAN_ROWS_H
#define HN_PLAN_ROWS_H

#include <jansson.h>

#include "store/store.h"

/* Parse text[0..len) into the parser's JSON (DESIGN §5); NULL with e filled. */
json_t *plan_text_to_json(const char *text, size_t len, struct error *e);

struct plan_rows {
	struct plan_rec plan;
	struct plan_node_row *nodes;   /* owned */
	char **details;                /* owned: each node's JSON text */
	size_t n;
};

/* Fill rows from the parser's JSON (borrowed). 0, or -1 with e filled. */
int plan_rows_from_json(const json_t *doc, struct plan_rows *rows, struct error *e);

/* Release what plan_rows_from_json allocated. */
void plan_rows_free(struct plan_rows *rows);

#endif
