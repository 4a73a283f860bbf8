/* model.c — names, region codes, scope, and the credit-code checksum. */
#include <stdio.h>
#include <string.h>

#include "core/model.h"

const char *const role_names[ROLE__MAX] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_OFFICE] = "office",
	[ROLE_REGULATOR] = "regulator",
	[ROLE_INSPECTOR] = "inspector",
	[ROLE_ENTERPRISE] = "enterprise",
	[ROLE_LEADER] = "leader",
};

const char *const org_kind_names[ORG_KIND__MAX] = {
	[ORG_COMMITTEE] = "committee",
	[ORG_OFFICE] = "office",
	[ORG_DEPARTMENT] = "department",
	[ORG_ENTERPRISE] = "enterprise",
	[ORG_AGENCY] = "agency",
};

const char *const org_status_names[ORG_STATUS__MAX] = {
	[ORG_OPERATING] = "operating",
	[ORG_SUSPENDED] = "suspended",
	[ORG_CLOSED] = "closed",
};

const char *const org_scale_names[SCALE__MAX] = {
	[SCALE_NONE] = "",
	[SCALE_ABOVE] = "above",
	[SCALE_BELOW] = "below",
};

const char *const region_level_names[REGION_LEVEL__MAX] = {
	[REGION_PROVINCE] = "province",
	[REGION_CITY] = "city",
	[REGION_COUNTY] = "county",
	[REGION_TOWN] = "town",
	[REGION_VILLAGE] = "village",
};

int
model_lookup(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

/* Prefix lengths of the five levels, and the zero run each level leaves. */
static const int level_prefix[REGION_LEVEL__MAX] = { 2, 4, 6, 9, 12 };

int
region_prefix_len(const char *code)
{
	int level = region_level_of(code);

	return level < 0 ? -1 : level_prefix[level];
}

int
region_level_of(const char *code)
{
	size_t n;
	int last = -1;

	if (code == NULL || (n = strlen(code)) != REGION_CODE_LEN)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (code[i] < '0' || code[i] > '9')
			return -1;
		if (code[i] != '0')
			last = (int)i;
	}
	if (last < 0 || memcmp(code, "00", 2) == 0)
		return -1;
	for (int l = 0; l < REGION_LEVEL__MAX; l++)
		if (last < level_prefix[l])
			return l;
	return -1;
}

int
region_range(const char *code, char *lo, char *hi)
{
	int p = region_prefix_len(code);

	if (p < 0)
		return -1;
	memcpy(lo, code, (size_t)p);
	memcpy(hi, code, (size_t)p);
	memset(lo + p, '0', (size_t)(REGION_CODE_LEN - p));
	memset(hi + p, '9', (size_t)(REGION_CODE_LEN - p));
	lo[REGION_CODE_LEN] = hi[REGION_CODE_LEN] = '\0';
	return 0;
}

int
scope_for_user(const struct user *u, const struct org *org, struct scope *s)
{
	memset(s, 0, sizeof(*s));
	s->role = u->role;
	s->user_id = u->id;
	s->org_id = u->org_id;
	if (u->role == ROLE_ADMIN && org == NULL) {
		s->all = 1;
		snprintf(s->region_lo, sizeof(s->region_lo), "000000000000");
		snprintf(s->region_hi, sizeof(s->region_hi), "999999999999");
		return 0;
	}
	if (org == NULL || region_range(org->region_code, s->region_lo, s->region_hi) != 0)
		return -1;
	switch (u->role) {
	case ROLE_ADMIN:
		s->all = 1;
		snprintf(s->region_lo, sizeof(s->region_lo), "000000000000");
		snprintf(s->region_hi, sizeof(s->region_hi), "999999999999");
		break;
	case ROLE_REGULATOR:
	case ROLE_INSPECTOR:
		if (org->kind != ORG_DEPARTMENT)
			return -1;
		s->by_industry = 1;
		break;
	case ROLE_ENTERPRISE:
		if (org->kind != ORG_ENTERPRISE)
			return -1;
		s->own_org_only = 1;
		break;
	case ROLE_LEADER:
		s->read_only = 1;
		break;
	case ROLE_OFFICE:
	case ROLE__MAX:
		break;
	}
	return 0;
}

/* GB 32100-2015: the 31-character alphabet (no I, O, S, V, Z) and weights. */
static const char cc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int cc_weights[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

static int
cc_value(char c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(cc_alphabet, c);
	return p == NULL ? -1 : (int)(p - cc_alphabet);
}

char
credit_code_check_char(const char *code17)
{
	int sum = 0, v;

	for (int i = 0; i < 17; i++) {
		if ((v = cc_value(code17[i])) < 0)
			return 0;
		sum += v * cc_weights[i];
	}
	return cc_alphabet[(31 - sum % 31) % 31];
}

int
credit_code_valid(const char *code)
{
	char c;

	if (code == NULL || strlen(code) != CREDIT_CODE_LEN)
		return 0;
	if ((c = credit_code_check_char(code)) == 0)
		return 0;
	return code[17] == c;
}
