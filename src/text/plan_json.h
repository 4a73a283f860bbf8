/*
 * plan_json.h — a parsed plan as JSON (DESIGN §5 "plan parse --json"): the
 * one place that shape is produced, for the CLI and for
 * POST /api/v1/plans/parse.
 */
#ifndef HN_PLAN_JSON_H
#define HN_PLAN_JSON_H

#include <jansson.h>

#include "core/plan.h"

/*
 * The JSON object for doc: title, issuer, doc_number, issued_on, period,
 * report_day, phases, nodes (with their units, deadlines, targets,
 * recurrence and durations) and diagnostics. A new reference owned by the
 * caller (json_decref); NULL only when memory runs out.
 */
json_t *plan_doc_to_json(const struct plan_doc *doc);

#endif
