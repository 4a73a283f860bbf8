/* cmd_audit.c — `hazardnet audit verify`. */
#include <stdio.h>
#include <string.h>

#include "cli/cli_int.h"

static int
print_problem(const struct audit_problem *p, void *arg)
{
	(void)arg;
	if (p->seq > 0)
		printf("chain %s event %lld (%s %s): %s\n", p->chain, (long long)p->seq,
		       p->object_type, p->object_id, p->what);
	else
		printf("%s %s: %s\n", p->object_type, p->object_id, p->what);
	return 0;
}

int
cmd_audit(struct cli *cli, struct store *st, int argc, char **argv)
{
	const struct cmd *c = cli_find("audit");
	struct error e = { 0 };
	int64_t events = 0, problems = 0, counts = 0;

	if (argc != 2 || strcmp(argv[1], "verify") != 0)
		return cli_usage_error(c, argc < 2 ? "missing subcommand" : "unknown subcommand or argument");
	if (store_audit_verify(st, print_problem, NULL, &events, &problems, &e) != 0)
		return cli_fail("cannot verify: %s", e.message);
	/* The maintained hazard counts are derived, not audited: they must
	 * agree with a recount of the hazards. */
	if (store_hazard_counts_check(st, &counts, &e) != 0)
		return cli_fail("cannot recount the hazards: %s", e.message);
	if (counts > 0) {
		printf("hazard counts: %lld count row%s disagree with a recount of the hazards\n",
		       (long long)counts, counts == 1 ? "" : "s");
		problems++;
	}
	if (problems > 0) {
		printf("audit chain BROKEN: %lld problem%s in %lld events\n", (long long)problems,
		       problems == 1 ? "" : "s", (long long)events);
		return 1;
	}
	printf("audit chain intact: %lld events verified\n", (long long)events);
	return 0;
}
