/* api_misc.c — health, metrics, OpenAPI, regions, industries, workbench. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"

const struct field region_query[] = {
	{ "parent", F_REGION, 0, 0, 0, NULL, 0, "12-digit code; absent: provinces", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field industry_create_fields[] = {
	{ "name", F_STRING, F_REQUIRED, 1, 120, NULL, 0, "name (unique)", NULL },
	{ "code", F_STRING, F_REQUIRED, 1, 31, NULL, 0, "short code (unique)", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

const struct field industry_update_fields[] = {
	{ "name", F_STRING, 0, 1, 120, NULL, 0, "name (unique)", NULL },
	{ "active", F_BOOL, 0, 0, 0, NULL, 0, "offered for new records", NULL },
	{ NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL },
};

int
api_healthz(struct req *r, struct error *e)
{
	int v;

	if (store_schema_version(r->st, &v, e) != 0)
		return -1;
	r->out = json_pack("{s:s,s:s,s:i}", "status", "ok", "store", store_backend(r->st),
			   "schema", v);
	return 0;
}

int
api_metrics(struct req *r, struct error *e)
{
	/* Route names and latencies are for the operator's scraper on this
	 * host unless the configuration opens them. */
	if (!r->cfg->metrics_public && !http_ip_loopback(r->ip))
		return err_set(e, ERR_NOT_FOUND, NULL, "no such resource");
	if ((r->text = metrics_render()) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	r->text_type = "text/plain; version=0.0.4; charset=utf-8";
	return 0;
}

int
api_openapi(struct req *r, struct error *e)
{
	(void)e;
	r->out = openapi_document();
	return 0;
}

struct jcollect {
	json_t *items;
	int64_t n;
};

static int
add_region(const struct region *g, void *arg)
{
	struct jcollect *c = arg;

	json_array_append_new(c->items, json_region(g));
	c->n++;
	return 0;
}

int
api_regions_list(struct req *r, struct error *e)
{
	struct jcollect c = { json_array(), 0 };
	const char *parent = http_query(r, "parent");

	if (store_region_children(r->st, parent ? parent : "", add_region, &c, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	r->out = json_pack("{s:o,s:n,s:I}", "items", c.items, "next", "total", (json_int_t)c.n);
	return 0;
}

int
api_regions_get(struct req *r, struct error *e)
{
	struct region g;
	char code[32];

	snprintf(code, sizeof(code), "%012lld", (long long)r->id);
	if (store_region_get(r->st, code, &g, e) != 0)
		return -1;
	r->out = json_region(&g);
	return 0;
}

static int
add_industry(const struct industry *i, void *arg)
{
	struct jcollect *c = arg;

	json_array_append_new(c->items, json_industry(i));
	c->n++;
	return 0;
}

int
api_industries_list(struct req *r, struct error *e)
{
	struct jcollect c = { json_array(), 0 };

	if (store_industry_list(r->st, add_industry, &c, e) != 0) {
		json_decref(c.items);
		return -1;
	}
	r->out = json_pack("{s:o,s:n,s:I}", "items", c.items, "next", "total", (json_int_t)c.n);
	return 0;
}

int
api_industries_create(struct req *r, struct error *e)
{
	struct industry i = { 0 };

	in_copy(r->json, "name", i.name, sizeof(i.name));
	in_copy(r->json, "code", i.code, sizeof(i.code));
	if (store_industry_create(r->st, &r->actor, &i, e) != 0)
		return -1;
	r->out = json_industry(&i);
	r->status = 201;
	return 0;
}

int
api_industries_update(struct req *r, struct error *e)
{
	struct industry i;

	if (store_industry_get(r->st, r->id, &i, e) != 0)
		return -1;
	in_copy(r->json, "name", i.name, sizeof(i.name));
	if (in_has(r->json, "active"))
		i.active = (int)in_int(r->json, "active", 1);
	if (store_industry_update(r->st, &r->actor, &i, e) != 0 ||
	    store_industry_get(r->st, r->id, &i, e) != 0)
		return -1;
	r->out = json_industry(&i);
	return 0;
}
