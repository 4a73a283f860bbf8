/*
 * openapi.c — /api/v1/openapi.json generated from the route table and its
 * field tables, so that it describes exactly the routes that exist.
 */
#include <stdio.h>
#include <string.h>

#include "http/http_int.h"

static const char *const json_types[] = {
	[F_STRING] = "string", [F_INT] = "integer", [F_NUMBER] = "number", [F_BOOL] = "boolean",
	[F_ENUM] = "string", [F_ID_LIST] = "array", [F_REGION] = "string", [F_ID] = "integer",
	[F_DATE] = "string", [F_OBJECT] = "object", [F_OBJECT_LIST] = "array", [F_ENUM_LIST] = "array",
};

static json_t *body_schema(const struct field *spec);

static json_t *
field_schema(const struct field *f)
{
	json_t *s = json_pack("{s:s}", "type", json_types[f->type]);

	if (f->doc)
		json_object_set_new(s, "description", json_string(f->doc));
	if (f->type == F_ENUM) {
		json_t *v = json_array();

		for (int i = 0; i < f->nvalues; i++)
			if (f->values[i] && f->values[i][0])
				json_array_append_new(v, json_string(f->values[i]));
		json_object_set_new(s, "enum", v);
	}
	if (f->type == F_DATE)
		json_object_set_new(s, "format", json_string("date"));
	if (f->type == F_OBJECT && f->sub != NULL) {
		json_decref(s);
		s = body_schema(f->sub);
	}
	if (f->type == F_REGION)
		json_object_set_new(s, "pattern", json_string("^[0-9]{12}$"));
	if (f->type == F_STRING && f->max > 0)
		json_object_set_new(s, "maxLength", json_integer(f->max));
	if (f->type == F_ID_LIST)
		json_object_set_new(s, "items", json_pack("{s:s}", "type", "integer"));
	if (f->type == F_OBJECT_LIST && f->sub != NULL)
		json_object_set_new(s, "items", body_schema(f->sub));
	if (f->type == F_ENUM_LIST) {
		json_t *v = json_array();

		for (int i = 0; i < f->nvalues; i++)
			json_array_append_new(v, json_string(f->values[i]));
		json_object_set_new(s, "items", json_pack("{s:s,s:o}", "type", "string", "enum", v));
	}
	if (f->flags & F_NULLABLE)
		json_object_set_new(s, "nullable", json_true());
	return s;
}

static json_t *
body_schema(const struct field *spec)
{
	json_t *props = json_object(), *req = json_array();

	for (const struct field *f = spec; f->name; f++) {
		json_object_set_new(props, f->name, field_schema(f));
		if (f->flags & F_REQUIRED)
			json_array_append_new(req, json_string(f->name));
	}
	return json_pack("{s:s,s:o,s:o,s:b}", "type", "object", "properties", props, "required", req,
			 "additionalProperties", 0);
}

json_t *
openapi_document(void)
{
	json_t *paths = json_object();
	json_t *err = json_pack("{s:s,s:{s:{s:s,s:{s:{s:s},s:{s:s},s:{s:s,s:b}}}}}",
				"type", "object", "properties", "error", "type", "object",
				"properties", "code", "type", "string", "message", "type", "string",
				"field", "type", "string", "nullable", 1);

	for (size_t i = 0; i < nroutes; i++) {
		const struct route *rt = &routes[i];
		char path[256], lower[16];
		json_t *item = json_object_get(paths, rt->pattern), *op, *params = json_array();
		size_t k;

		snprintf(path, sizeof(path), "%s", rt->pattern);
		if (item == NULL) {
			item = json_object();
			json_object_set_new(paths, path, item);
		}
		for (k = 0; http_method_names[rt->method][k] && k + 1 < sizeof(lower); k++)
			lower[k] = (char)(http_method_names[rt->method][k] | 0x20);
		lower[k] = '\0';
		op = json_pack("{s:s,s:{s:{s:s},s:{s:s,s:{s:{s:O}}}}}", "summary", rt->summary,
			       "responses", "200", "description", "success", "default",
			       "description", "error", "content", "application/json", "schema", err);
		if (strstr(rt->pattern, "{id}"))
			json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:{s:s}}", "name", "id",
								"in", "path", "required", 1,
								"schema", "type", "integer"));
		for (const struct field *f = rt->query; f && f->name; f++)
			json_array_append_new(params, json_pack("{s:s,s:s,s:o}", "name", f->name, "in",
								"query", "schema", field_schema(f)));
		if (strstr(rt->pattern, "{sha}"))
			json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:{s:s}}", "name", "sha",
								"in", "path", "required", 1,
								"schema", "type", "string"));
		if (json_array_size(params) > 0)
			json_object_set_new(op, "parameters", params);
		else
			json_decref(params);
		if (rt->body)
			json_object_set_new(op, "requestBody",
					    json_pack("{s:b,s:{s:{s:o}}}", "required", 1, "content",
						      "application/json", "schema", body_schema(rt->body)));
		if (!(rt->flags & R_PUBLIC))
			json_object_set_new(op, "security", json_pack("[{s:[]},{s:[]}]", "bearer", "cookie"));
		json_object_set_new(item, lower, op);
	}
	json_t *doc = json_pack("{s:s,s:{s:s,s:s},s:o,s:{s:{s:{s:s,s:s},s:{s:s,s:s,s:s}}}}",
				"openapi", "3.0.3", "info", "title", "hazardnet API", "version", "1",
				"paths", paths, "components", "securitySchemes", "bearer", "type",
				"http", "scheme", "bearer", "cookie", "type", "apiKey", "in",
				"cookie", "name", "hn_session");
	json_decref(err);
	return doc;
}
