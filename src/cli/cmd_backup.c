/* cmd_backup.c — `hazardnet backup FILE` and `hazardnet restore FILE`. */
#include <stdio.h>

#include "cli/cli_int.h"

int
cmd_backup(struct cli *cli, struct store *st, int argc, char **argv)
{
	const struct cmd *c = cli_find("backup");
	struct error e = { 0 };

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(c, "backup takes one FILE");
	if (store_backup(st, argv[1], &e) != 0)
		return cli_fail("backup failed: %s", e.message);
	printf("backed up the %s database to %s\n", store_backend(st), argv[1]);
	return 0;
}

int
cmd_restore(struct cli *cli, struct store *unused, int argc, char **argv)
{
	const struct cmd *c = cli_find("restore");
	struct store_opts so;
	struct store *st;
	struct error e = { 0 };
	int64_t events = 0, problems = 0;
	int rc = 1;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(c, "restore takes one FILE");
	cli_store_opts(cli, &so);
	if (store_restore(&so, argv[1], &e) != 0)
		return cli_fail("restore failed: %s", e.message);
	if ((st = store_open(&so, &e)) == NULL)
		return cli_fail("%s", e.message);
	if (store_audit_verify(st, NULL, NULL, &events, &problems, &e) != 0) {
		cli_fail("restored, but cannot verify: %s", e.message);
		goto out_close;
	}
	printf("restored %s; audit chain: %lld events, %lld problems\n", argv[1],
	       (long long)events, (long long)problems);
	rc = problems > 0;
out_close:
	store_close(st);
	return rc;
}
