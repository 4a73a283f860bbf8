/* cmd_init.c — `hazardnet init`: create or migrate; the first admin. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli_int.h"

static int
count_user(const struct user *u, void *arg)
{
	(void)u;
	++*(int *)arg;
	return 1;
}

/* Create the first admin when there is no user at all. */
static int
first_admin(struct cli *cli, struct store *st, const char *login, int pw_stdin,
	    struct error *e)
{
	struct user_filter f = { .role = -1, .limit = 1 };
	struct user u = { 0 };
	struct actor a;
	char pw[AUTH_PASSWORD_MAX + 2];
	int n = 0, generated = 0;

	if (store_user_list(st, &f, count_user, &n, NULL, NULL, e) != 0)
		return -1;
	if (n > 0)
		return 0;
	if (pw_stdin) {
		if (cli_read_secret(pw, sizeof(pw)) != 0)
			return err_set(e, ERR_INVALID, "password", "cannot read the password from stdin");
	} else {
		auth_random_password(pw, 17);
		generated = 1;
	}
	if (auth_password_acceptable(pw, e) != 0 ||
	    auth_password_hash(pw, cli->cfg.password_cost, u.pw_hash, e) != 0)
		return -1;
	snprintf(u.login, sizeof(u.login), "%s", login);
	snprintf(u.name, sizeof(u.name), "系统管理员");
	u.role = ROLE_ADMIN;
	u.active = 1;
	cli_actor(&a);
	if (store_user_create(st, &a, &u, e) != 0)
		return -1;
	if (generated)
		printf("created admin '%s' with password: %s\n(shown once; change it with 'hazardnet user passwd %s --password-stdin')\n",
		       login, pw, login);
	else
		printf("created admin '%s'\n", login);
	return 0;
}

int
cmd_init(struct cli *cli, struct store *unused, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "admin", required_argument, NULL, 'a' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *c = cli_find("init");
	struct store_opts so;
	struct store *st;
	struct error e = { 0 };
	const char *admin = "admin";
	int ch, pw_stdin = 0, applied = 0, version = 0, rc = 1;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'a')
			admin = optarg;
		else if (ch == 'p')
			pw_stdin = 1;
		else
			return cli_usage_error(c, "unknown option '%s'", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if (auth_init(&e) != 0)
		return cli_fail("%s", e.message);
	cli_store_opts(cli, &so);
	if ((st = store_open(&so, &e)) == NULL)
		return cli_fail("%s", e.message);
	if (store_migrate(st, &applied, &e) != 0 || store_schema_version(st, &version, &e) != 0 ||
	    first_admin(cli, st, admin, pw_stdin, &e) != 0) {
		cli_fail("init failed: %s", e.message);
		goto out_close;
	}
	printf("%s database ready at schema %d (%d migration%s applied)\n", store_backend(st),
	       version, applied, applied == 1 ? "" : "s");
	rc = 0;
out_close:
	store_close(st);
	return rc;
}
