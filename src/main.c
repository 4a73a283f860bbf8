/*
 * main.c — hazardnet's entry point: strip the global options, load the
 * configuration, find the command, set up what its flags ask for, run it.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli_int.h"

int
main(int argc, char **argv)
{
	struct cli cli = { .argv0 = "hazardnet" };
	struct global_opts g;
	struct store_opts so;
	struct store *st = NULL;
	struct error e = { 0 };
	const struct cmd *c;
	char err[512];
	int version, rc;

	if (cli_strip_globals(&argc, argv, &g, err, sizeof(err)) != 0) {
		fprintf(stderr, "hazardnet: %s\n", err);
		return 2;
	}
	if (argc < 2) {
		char *help[] = { "help", NULL };
		cmd_help(&cli, NULL, 1, help);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		argv[1] = "help";
	if (strcmp(argv[1], "--version") == 0)
		argv[1] = "version";
	if ((c = cli_find(argv[1])) == NULL) {
		fprintf(stderr, "hazardnet: '%s' is not a hazardnet command; see 'hazardnet help'\n",
			argv[1]);
		return 2;
	}
	if (cli_wants_help(argc - 1, argv + 1)) {
		cli_usage(stdout, c);
		return 0;
	}
	if (cli_config_load(&cli.cfg, &g, err, sizeof(err)) != 0) {
		fprintf(stderr, "hazardnet: %s\n", err);
		return 1;
	}
	if (c->flags & CMD_NEED_STORE) {
		cli_store_opts(&cli, &so);
		if ((st = store_open(&so, &e)) == NULL)
			return cli_fail("%s", e.message);
		if (store_schema_version(st, &version, &e) != 0) {
			store_close(st);
			return cli_fail("%s", e.message);
		}
		if (version == 0) {
			store_close(st);
			return cli_fail("no hazardnet database here; run 'hazardnet init' first");
		}
		if (version < store_schema_latest()) {
			store_close(st);
			return cli_fail("the database schema is out of date; run 'hazardnet init' to migrate it");
		}
	}
	rc = c->fn(&cli, st, argc - 1, argv + 1);
	store_close(st);
	return rc;
}
