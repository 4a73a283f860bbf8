/*
 * cli.h — the command table (git's builtin.h): one cmd_<name>.c per command.
 *
 * main() strips the global options (--data, --pg, --config, accepted anywhere
 * on the line) into struct cli, loads the configuration, then calls the
 * command with the remaining arguments; argv[0] is the command name.
 * Commands return the process exit status: 0 success, 1 failure, 2 usage.
 */
#ifndef HN_CLI_H
#define HN_CLI_H

#include <stdio.h>

#include "core/config.h"

struct cli {
	struct config cfg;     /* after file, environment and global flags */
	const char *argv0;
};

/* Flags in struct cmd: what main() sets up before calling the command. */
#define CMD_NEED_STORE 0x1     /* open (and migrate-check) the store */

struct store;

struct cmd {
	const char *name;
	int (*fn)(struct cli *cli, struct store *st, int argc, char **argv);
	unsigned flags;
	const char *summary;  /* one line for `hazardnet help` */
	const char *usage;    /* full text for `hazardnet help CMD` / --help */
};

/* The table, in cli/commands.c. */
extern const struct cmd cli_commands[];
extern const size_t cli_ncommands;

/* Look up a command by name; NULL when there is none. */
const struct cmd *cli_find(const char *name);

/* Print a command's usage to f. */
void cli_usage(FILE *f, const struct cmd *c);

/*
 * Print "hazardnet: <message>" to stderr; returns 1 so a command can
 * `return cli_fail(...)`.
 */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* As cli_fail, for usage errors: prints the command's usage line, returns 2. */
int cli_usage_error(const struct cmd *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* True when any of argv[1..] is --help or -h. */
int cli_wants_help(int argc, char **argv);

#define CMD_DECL(n) int cmd_##n(struct cli *, struct store *, int, char **)
CMD_DECL(init);
CMD_DECL(serve);
CMD_DECL(demo);
CMD_DECL(plan);
CMD_DECL(region);
CMD_DECL(user);
CMD_DECL(backup);
CMD_DECL(restore);
CMD_DECL(audit);
CMD_DECL(jobs);
CMD_DECL(gen);
CMD_DECL(help);
CMD_DECL(version);
#undef CMD_DECL

#endif
