/*
 * config_load.c — where configuration values come from, in order: the
 * built-in defaults, an INI file (--config FILE, else $HAZARDNET_CONFIG,
 * else DATA/hazardnet.ini when present), HAZARDNET_<SECTION>_<KEY>
 * environment variables (HAZARDNET_DATA and HAZARDNET_PG for short), and
 * the global flags.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "cli/cli_int.h"

struct ini_ctx {
	struct config *cfg;
	const char *file;
	char err[300];
};

static int
on_ini_line(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *c = user;
	char key[128], msg[256];

	snprintf(key, sizeof(key), "%s.%s", section, name);
	if (config_set(c->cfg, key, value, msg, sizeof(msg)) != 0) {
		if (c->err[0] == '\0')
			snprintf(c->err, sizeof(c->err), "%s: %s", c->file, msg);
		return 0;
	}
	return 1;
}

static int
load_file(struct config *cfg, const char *file, char *err, size_t errlen)
{
	struct ini_ctx c = { .cfg = cfg, .file = file };
	int rc = ini_parse(file, on_ini_line, &c);

	if (rc < 0) {
		snprintf(err, errlen, "cannot read configuration '%s'", file);
		return -1;
	}
	if (c.err[0] != '\0') {
		snprintf(err, errlen, "%s", c.err);
		return -1;
	}
	if (rc > 0) {
		snprintf(err, errlen, "%s:%d: not a configuration line", file, rc);
		return -1;
	}
	snprintf(cfg->config_file, sizeof(cfg->config_file), "%s", file);
	return 0;
}

static int
load_env(struct config *cfg, char *err, size_t errlen)
{
	const char *name, *v;
	char env[128];

	for (size_t i = 0; (name = config_key_name(i)) != NULL; i++) {
		size_t k = 0;

		k += (size_t)snprintf(env, sizeof(env), "HAZARDNET_");
		for (const char *p = name; *p && k + 1 < sizeof(env); p++)
			env[k++] = *p == '.' ? '_' : (char)toupper((unsigned char)*p);
		env[k] = '\0';
		if ((v = getenv(env)) != NULL && config_set(cfg, name, v, err, errlen) != 0)
			return -1;
	}
	if ((v = getenv("HAZARDNET_DATA")) != NULL && config_set(cfg, "store.data", v, err, errlen) != 0)
		return -1;
	if ((v = getenv("HAZARDNET_PG")) != NULL && config_set(cfg, "store.pg", v, err, errlen) != 0)
		return -1;
	return 0;
}

int
cli_config_load(struct config *cfg, const struct global_opts *g, char *err, size_t errlen)
{
	char path[CFG_PATH_MAX + 32];
	const char *file = g->config ? g->config : getenv("HAZARDNET_CONFIG");

	config_defaults(cfg);
	if (file != NULL && file[0] != '\0') {
		if (load_file(cfg, file, err, errlen) != 0)
			return -1;
	} else {
		const char *data = g->data ? g->data : getenv("HAZARDNET_DATA");

		snprintf(path, sizeof(path), "%s/hazardnet.ini", data ? data : cfg->data_dir);
		if (access(path, R_OK) == 0 && load_file(cfg, path, err, errlen) != 0)
			return -1;
	}
	if (load_env(cfg, err, errlen) != 0)
		return -1;
	if (g->data != NULL && config_set(cfg, "store.data", g->data, err, errlen) != 0)
		return -1;
	if (g->pg != NULL && config_set(cfg, "store.pg", g->pg, err, errlen) != 0)
		return -1;
	if (cfg->pool_size == 0)
		cfg->pool_size = cfg->threads + 2;
	return config_check(cfg, err, errlen);
}

/* Is arg the global option name (as "--name" or "--name=value")? */
static const char *
match_opt(const char *arg, const char *name, int *inline_value)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '\0') {
		*inline_value = 0;
		return arg + n;
	}
	if (arg[n] == '=') {
		*inline_value = 1;
		return arg + n + 1;
	}
	return NULL;
}

int
cli_strip_globals(int *argc, char **argv, struct global_opts *g, char *err, size_t errlen)
{
	static const char *const names[] = { "--data", "--pg", "--config" };
	int out = 1;

	memset(g, 0, sizeof(*g));
	for (int i = 1; i < *argc; i++) {
		const char *v = NULL;
		int inl = 0, which = -1;

		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		for (int k = 0; k < 3 && which < 0; k++)
			if ((v = match_opt(argv[i], names[k], &inl)) != NULL)
				which = k;
		if (which < 0) {
			argv[out++] = argv[i];
			continue;
		}
		if (!inl) {
			if (i + 1 >= *argc) {
				snprintf(err, errlen, "option '%s' needs a value", names[which]);
				return -1;
			}
			v = argv[++i];
		}
		if (which == 0)
			g->data = v;
		else if (which == 1)
			g->pg = v;
		else
			g->config = v;
	}
	argv[out] = NULL;
	*argc = out;
	return 0;
}
