/* cmd_user.c — `hazardnet user add|passwd|list`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "cli/cli_int.h"

static int
read_password(struct cli *cli, char *hash, struct error *e)
{
	char pw[AUTH_PASSWORD_MAX + 2];
	int rc;

	if (cli_read_secret(pw, sizeof(pw)) != 0)
		return err_set(e, ERR_INVALID, "password", "cannot read the password from stdin");
	rc = auth_password_acceptable(pw, e) == 0 &&
	     auth_password_hash(pw, cli->cfg.password_cost, hash, e) == 0 ? 0 : -1;
	memset(pw, 0, sizeof(pw));
	return rc;
}

static int
user_add(struct cli *cli, struct store *st, const struct cmd *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "org", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'P' },
		{ "password-stdin", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	struct user u = { 0 };
	struct actor a;
	struct error e = { 0 };
	const char *role = NULL, *name = NULL;
	char *end;
	int ch, pw_stdin = 0, r;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'r': role = optarg; break;
		case 'n': name = optarg; break;
		case 'P': snprintf(u.phone, sizeof(u.phone), "%s", optarg); break;
		case 'p': pw_stdin = 1; break;
		case 'o':
			u.org_id = strtoll(optarg, &end, 10);
			if (*end != '\0' || u.org_id <= 0)
				return cli_usage_error(c, "--org takes an org id, not '%s'", optarg);
			break;
		default:
			return cli_usage_error(c, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(c, "user add takes one LOGIN");
	if (role == NULL || (r = model_lookup(role_names, ROLE__MAX, role)) < 0)
		return cli_usage_error(c, "--role must be one of admin, office, regulator, inspector, enterprise, leader");
	if (!pw_stdin)
		return cli_usage_error(c, "give the password on standard input with --password-stdin");
	if (strlen(argv[optind]) == 0 || strlen(argv[optind]) >= sizeof(u.login))
		return cli_fail("login must have 1 to %zu bytes", sizeof(u.login) - 1);
	u.role = (enum role)r;
	if (u.role != ROLE_ADMIN && u.org_id == 0)
		return cli_fail("a %s user needs --org", role);
	snprintf(u.login, sizeof(u.login), "%s", argv[optind]);
	snprintf(u.name, sizeof(u.name), "%s", name ? name : argv[optind]);
	u.active = 1;
	if (auth_init(&e) != 0 || read_password(cli, u.pw_hash, &e) != 0)
		return cli_fail("%s", e.message);
	cli_actor(&a);
	if (store_user_create(st, &a, &u, &e) != 0)
		return cli_fail("cannot add user '%s': %s", u.login, e.message);
	printf("added user '%s' (id %lld, role %s)\n", u.login, (long long)u.id, role);
	return 0;
}

static int
user_passwd(struct cli *cli, struct store *st, const struct cmd *c, int argc, char **argv)
{
	struct user u;
	struct actor a;
	struct error e = { 0 };
	int pw_stdin = 0;
	const char *login = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--password-stdin") == 0)
			pw_stdin = 1;
		else if (argv[i][0] == '-')
			return cli_usage_error(c, "unknown option '%s'", argv[i]);
		else if (login == NULL)
			login = argv[i];
		else
			return cli_usage_error(c, "unexpected argument '%s'", argv[i]);
	}
	if (login == NULL || !pw_stdin)
		return cli_usage_error(c, "user passwd takes LOGIN and --password-stdin");
	if (store_user_by_login(st, login, &u, &e) != 0)
		return cli_fail("no user '%s'", login);
	if (auth_init(&e) != 0 || read_password(cli, u.pw_hash, &e) != 0)
		return cli_fail("%s", e.message);
	u.failed_logins = 0;
	u.locked_until[0] = '\0';
	cli_actor(&a);
	if (store_user_update(st, &a, &u, &e) != 0)
		return cli_fail("cannot change the password of '%s': %s", login, e.message);
	printf("password of '%s' changed\n", login);
	return 0;
}

struct list_ctx {
	int64_t last;
};

static int
print_user(const struct user *u, void *arg)
{
	((struct list_ctx *)arg)->last = u->id;
	printf("%-6lld %-20s %-10s %-8s %s\n", (long long)u->id, u->login, role_names[u->role],
	       u->active ? (u->locked_until[0] ? "locked" : "active") : "disabled", u->org_name);
	return 0;
}

static int
user_list(struct store *st, const struct cmd *c, int argc)
{
	struct user_filter f = { .role = -1, .limit = 500 };
	struct list_ctx lc = { 0 };
	struct error e = { 0 };
	int more = 1;

	if (argc > 1)
		return cli_usage_error(c, "user list takes no arguments");
	printf("%-6s %-20s %-10s %-8s %s\n", "ID", "LOGIN", "ROLE", "STATE", "ORG");
	for (; more; f.after_id = lc.last)
		if (store_user_list(st, &f, print_user, &lc, NULL, &more, &e) != 0)
			return cli_fail("%s", e.message);
	return 0;
}

int
cmd_user(struct cli *cli, struct store *st, int argc, char **argv)
{
	const struct cmd *c = cli_find("user");

	if (argc < 2)
		return cli_usage_error(c, "missing subcommand");
	if (strcmp(argv[1], "add") == 0)
		return user_add(cli, st, c, argc - 1, argv + 1);
	if (strcmp(argv[1], "passwd") == 0)
		return user_passwd(cli, st, c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return user_list(st, c, argc - 1);
	return cli_usage_error(c, "unknown subcommand '%s'", argv[1]);
}
