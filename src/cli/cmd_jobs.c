/* cmd_jobs.c — `hazardnet jobs run [--today YYYY-MM-DD]`: the daily jobs
 * now, e.g. from cron when no server runs, or for a drill on a given day. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli_int.h"
#include "core/date.h"
#include "jobs/jobs.h"

static void
print_line(const char *line)
{
	printf("%s\n", line);
}

int
cmd_jobs(struct cli *cli, struct store *st, int argc, char **argv)
{
	const struct cmd *c = cli_find("jobs");
	struct error e = { 0 };
	int32_t today = date_shanghai(time(NULL));

	if (argc < 2 || strcmp(argv[1], "run") != 0)
		return cli_usage_error(c, argc < 2 ? "missing subcommand" : "unknown subcommand");
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--today") == 0 && i + 1 < argc) {
			if (date_parse(argv[++i], &today) != 0)
				return cli_usage_error(c, "--today takes a date YYYY-MM-DD, not '%s'", argv[i]);
		} else {
			return cli_usage_error(c, "unexpected argument '%s'", argv[i]);
		}
	}
	if (jobs_run_daily(st, &cli->cfg, today, print_line, &e) != 0)
		return cli_fail("jobs failed: %s", e.message);
	return 0;
}
