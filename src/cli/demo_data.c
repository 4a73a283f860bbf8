/*
 * demo_data.c — the demo data set: 拉萨市 with its counties, the committee
 * and its office, departments with the industries they supervise, 200
 * enterprises with valid credit codes, one user per role, the risk points of
 * a few enterprises with their check items (双重预防), and a published
 * three-year plan with months of progress reports (demo_plan.c).
 * Deterministic: the same names and codes every time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "core/date.h"
#include "core/inspect.h"
#include "cli/cli_int.h"

#define DEMO_CITY "540100000000"
#define DEMO_ENTERPRISES 200
#define DEMO_PASSWORD "hazardnet-demo"
#define DEMO_HAZARDS 2000              /* over three years, in every state */

/* Departments and the industries (by name) each supervises. */
static const struct {
	const char *name;
	const char *industries[4];
} demo_departments[] = {
	{ "拉萨市应急管理局", { "危险化学品", "非煤矿山", "工贸", NULL } },
	{ "拉萨市住房和城乡建设局", { "建筑施工", "城市建设", "燃气", NULL } },
	{ "拉萨市交通运输局", { "道路运输", "水上交通", NULL } },
	{ "拉萨市消防救援支队", { "消防", NULL } },
	{ "拉萨市市场监督管理局", { "特种设备", NULL } },
	{ "拉萨市教育局", { "校园", NULL } },
	{ "拉萨市文化和旅游局", { "旅游", NULL } },
	{ "拉萨市农业农村局", { "渔业船舶", "农牧区", NULL } },
	{ "拉萨市生态环境局", { "危险废物", NULL } },
	{ "拉萨市发展和改革委员会", { "电力", NULL } },
	{ "拉萨市体育局", { "体育高危项目", NULL } },
	{ "拉萨市经济和信息化局", { "工业园区", NULL } },
	{ "拉萨市林业和草原局", { "森林草原防火", NULL } },
};

/* Enterprise industries and how their names end. */
static const struct {
	const char *industry, *suffix;
} demo_kinds[] = {
	{ "危险化学品", "化工有限公司" }, { "危险化学品", "石油加油站" },
	{ "非煤矿山", "矿业有限公司" }, { "工贸", "实业有限公司" },
	{ "建筑施工", "建筑工程有限公司" }, { "燃气", "燃气有限公司" },
	{ "道路运输", "运输有限公司" }, { "消防", "酒店管理有限公司" },
	{ "特种设备", "电梯工程有限公司" }, { "旅游", "旅游开发有限公司" },
	{ "危险废物", "环保科技有限公司" }, { "电力", "电力工程有限公司" },
};

static const char *const demo_prefixes[] = {
	"雪域", "高原", "圣城", "拉萨河", "纳金", "吉日", "德庆", "甘丹", "仁布", "羊八井",
	"念青", "雅江", "格桑", "扎西", "卓玛", "达孜", "柳梧", "北京路", "金珠", "当雄",
};

struct ind_map {
	struct industry v[64];
	int n;
};

static int
collect_industry(const struct industry *i, void *arg)
{
	struct ind_map *m = arg;

	if (m->n < 64)
		m->v[m->n++] = *i;
	return 0;
}

static int64_t
industry_id(const struct ind_map *m, const char *name)
{
	for (int i = 0; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			return m->v[i].id;
	return 0;
}

struct counties {
	struct region v[32];
	int n;
};

static int
collect_county(const struct region *r, void *arg)
{
	struct counties *c = arg;

	if (c->n < 32)
		c->v[c->n++] = *r;
	return 0;
}

/* A valid unified social credit code: 91 + county + 9 characters + check. */
static void
demo_credit_code(const char *county, int seq, char out[CREDIT_CODE_LEN + 1])
{
	static const char alpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	unsigned x = (unsigned)seq * 2654435761u + 12345u;

	memcpy(out, "91", 2);
	memcpy(out + 2, county, 6);
	out[8] = 'M';
	out[9] = 'A';
	for (int i = 10; i < 17; i++) {
		out[i] = alpha[x % 31];
		x = x / 31 + (unsigned)seq * 7919u + (unsigned)i;
	}
	out[17] = credit_code_check_char(out);
	out[18] = '\0';
}

static int
add_org(struct store *st, const struct actor *a, struct org *o, struct error *e)
{
	o->status = ORG_OPERATING;
	return store_org_create(st, a, o, e);
}

static int
add_user(struct cli *cli, struct store *st, const struct actor *a, const char *login,
	 const char *name, enum role role, int64_t org, struct error *e)
{
	struct user u = { 0 };

	snprintf(u.login, sizeof(u.login), "%s", login);
	snprintf(u.name, sizeof(u.name), "%s", name);
	u.role = role;
	u.org_id = org;
	u.active = 1;
	if (auth_password_hash(DEMO_PASSWORD, cli->cfg.password_cost, u.pw_hash, e) != 0)
		return -1;
	return store_user_create(st, a, &u, e);
}

/* Risk points of the demo's first enterprises: name, kind, LEC or LS
 * inputs (l10, e10, c / l, s), the check item it implies and its cadence. */
static const struct {
	const char *name;
	enum risk_kind kind;
	enum risk_method method;
	int a, b, c;
	const char *factors, *engineering, *emergency, *what, *how;
	enum cadence cadence;
} demo_risks[] = {
	{ "液氯储罐区", RK_PLACE, RM_LEC, 30, 60, 40, "液氯泄漏、容器超压",
	  "泄漏检测报警与紧急切断联锁，碱液吸收装置", "佩戴正压式空气呼吸器，启动碱液喷淋，疏散下风向人员",
	  "氯气泄漏报警器完好有效", "现场试验报警并查看联锁记录", CAD_DAILY },
	{ "动火作业", RK_OPERATION, RM_LEC, 30, 30, 15, "作业点附近可燃物、可燃气体",
	  "作业前气体检测，配备灭火器材", "立即停止作业，使用灭火器扑救初起火灾",
	  "动火作业票证与气体检测记录齐全", "抽查当周动火作业票", CAD_WEEKLY },
	{ "配电室", RK_EQUIPMENT, RM_LS, 2, 3, 0, "带电部位裸露、绝缘老化",
	  "设置绝缘垫、防护遮栏，定期预防性试验", "切断电源后施救，拨打120",
	  "配电室门窗、挡鼠板、绝缘垫完好", "现场查看", CAD_MONTHLY },
	{ "叉车作业", RK_OPERATION, RM_LS, 2, 2, 0, "厂内机动车辆行驶、装卸",
	  "限速标识与行车通道划线", "停车熄火，救护伤员",
	  "叉车年检合格、司机持证上岗", "查看检验报告与操作证", CAD_QUARTERLY },
};

#define DEMO_RISK_ENTERPRISES 12

/* The risk points and check items of enterprise ent (its i-th in the demo). */
static int
add_risks(struct cli *cli, struct store *st, const struct actor *a, int64_t ent, int i,
	  struct error *e)
{
	struct risk_point *rp = calloc(1, sizeof(*rp));
	struct check_item it;
	struct risk_score sc;
	struct scope all;
	int32_t today = date_shanghai(time(NULL));
	int rc = -1;

	if (rp == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	store_scope_all(&all);
	for (size_t k = 0; k < sizeof(demo_risks) / sizeof(demo_risks[0]); k++) {
		/* Not every enterprise has every point: (i + k) decides. */
		if ((i + (int)k) % 3 == 2)
			continue;
		memset(rp, 0, sizeof(*rp));
		rp->enterprise_id = ent;
		snprintf(rp->name, sizeof(rp->name), "%s", demo_risks[k].name);
		rp->kind = demo_risks[k].kind;
		snprintf(rp->hazard_factors, sizeof(rp->hazard_factors), "%s", demo_risks[k].factors);
		rp->accident_types = k == 0 ? (1u << 18) | (1u << 16) : k == 1 ? 1u << 7 : k == 2 ? 1u << 4 : 1u << 1;
		rp->input.method = demo_risks[k].method;
		if (rp->input.method == RM_LEC) {
			/* A lower exposure for odd enterprises: not every one is red. */
			rp->input.l10 = demo_risks[k].a;
			rp->input.e10 = i % 2 ? 10 : demo_risks[k].b;
			rp->input.c = demo_risks[k].c;
		} else {
			rp->input.l = demo_risks[k].a + i % 3;
			rp->input.s = demo_risks[k].b;
		}
		if (risk_assess(&rp->input, &cli->cfg.risk, &sc, e) != 0)
			goto out_free;
		rp->score100 = sc.score100;
		rp->level = sc.level;
		snprintf(rp->measures[MK_ENGINEERING], sizeof(rp->measures[0]), "%s", demo_risks[k].engineering);
		snprintf(rp->measures[MK_MANAGEMENT], sizeof(rp->measures[0]), "岗位安全操作规程，班前安全讲话");
		snprintf(rp->measures[MK_TRAINING], sizeof(rp->measures[0]), "岗位人员每年安全培训不少于20学时");
		snprintf(rp->measures[MK_PPE], sizeof(rp->measures[0]), "按岗位配备劳动防护用品");
		snprintf(rp->measures[MK_EMERGENCY], sizeof(rp->measures[0]), "%s", demo_risks[k].emergency);
		rp->tier = k == 0 ? CT_COMPANY : k == 1 ? CT_WORKSHOP : CT_TEAM;
		snprintf(rp->responsible, sizeof(rp->responsible), "安全负责人%03d", i + 1);
		rp->active = 1;
		if (store_risk_create(st, a, &all, rp, "年度风险辨识评估", e) != 0)
			goto out_free;
		memset(&it, 0, sizeof(it));
		it.risk_id = rp->id;
		it.measure = MK_ENGINEERING;
		snprintf(it.what, sizeof(it.what), "%s", demo_risks[k].what);
		snprintf(it.how, sizeof(it.how), "%s", demo_risks[k].how);
		it.cadence = demo_risks[k].cadence;
		it.tier = CT_TEAM;
		snprintf(it.responsible, sizeof(it.responsible), "班组长");
		if (store_check_item_create(st, a, &all, &it, today, e) != 0)
			goto out_free;
	}
	rc = 0;
out_free:
	free(rp);
	return rc;
}

/* Past inspections by the first department of the demo's first
 * enterprises (those with risk points), so that the due lists show
 * enterprises inspected last quarter or last year beside the never
 * inspected, and some that are not due at all. */
static const struct {
	int enterprise;              /* index among the demo's enterprises */
	int days_before;             /* before the current quarter starts; < 0: yesterday (today on its first day) */
	enum inspection_type type;
	const char *summary;
} demo_inspections[] = {
	{ 0, 20, IT_UNANNOUNCED, "四不两直检查液氯储罐区：紧急切断阀联锁测试记录不全，责令限期补齐。" },
	{ 0, 200, IT_ROUTINE, "日常检查：安全管理台账基本齐全，动火作业票证填写不规范。" },
	{ 1, -1, IT_SPECIAL, "危险化学品专项检查：加油站卸油作业规范，静电接地完好。" },
	{ 2, 400, IT_ROUTINE, "日常检查：矿区边坡监测记录完整，未发现重大事故隐患。" },
};

static int
add_inspections(struct store *st, const struct actor *a, const int64_t *ents, int64_t dept,
		int64_t regulator, int64_t inspector, struct error *e)
{
	struct inspection *in = calloc(1, sizeof(*in));
	struct scope all;
	int32_t today = date_shanghai(time(NULL)), qs, qe, d;
	int rc = -1;

	if (in == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	store_scope_all(&all);
	if (inspect_period(3, today, &qs, &qe) != 0) {
		err_set(e, ERR_INTERNAL, NULL, "no quarter");
		goto out_free;
	}
	for (size_t k = 0; k < sizeof(demo_inspections) / sizeof(demo_inspections[0]); k++) {
		if (ents[demo_inspections[k].enterprise] == 0)
			continue;
		d = demo_inspections[k].days_before < 0 ? (qs > today - 1 ? today : today - 1)
							: qs - demo_inspections[k].days_before;
		memset(in, 0, sizeof(*in));
		in->enterprise_id = ents[demo_inspections[k].enterprise];
		in->org_id = dept;
		date_format(d, in->date);
		in->type = demo_inspections[k].type;
		snprintf(in->summary, sizeof(in->summary), "%s", demo_inspections[k].summary);
		in->inspectors[0].id = regulator;
		in->inspectors[1].id = inspector;
		in->ninspectors = 2;
		if (store_inspection_create(st, a, &all, in, e) != 0)
			goto out_free;
	}
	rc = 0;
out_free:
	free(in);
	return rc;
}

static void
print_logins(FILE *out)
{
	fprintf(out, "\nDemo logins (password for all: %s)\n", DEMO_PASSWORD);
	fprintf(out, "  %-12s %s\n", "admin", "系统管理员 (all regions)");
	fprintf(out, "  %-12s %s\n", "office", "拉萨市安委办 (安委办)");
	fprintf(out, "  %-12s %s\n", "regulator", "拉萨市应急管理局 (监管部门)");
	fprintf(out, "  %-12s %s\n", "inspector", "拉萨市应急管理局 (执法人员)");
	fprintf(out, "  %-12s %s\n", "enterprise", "an enterprise of 拉萨市 (企业)");
	fprintf(out, "  %-12s %s\n", "leader", "拉萨市安全生产委员会 (领导, read only)");
	fflush(out);
}

int
cli_demo_load(struct cli *cli, struct store *st, FILE *out, struct error *e)
{
	struct ind_map im = { .n = 0 };
	struct counties cs = { .n = 0 };
	struct org o, committee, office, dept[sizeof(demo_departments) / sizeof(demo_departments[0])];
	struct user probe;
	struct demo_plan_orgs po = { 0 };
	struct actor a;
	int64_t first_enterprise = 0, risk_ents[DEMO_RISK_ENTERPRISES] = { 0 }, inspector_id;
	int live;

	if (store_user_by_login(st, "office", &probe, e) == 0) {
		fprintf(out, "demo data already loaded\n");
		print_logins(out);
		return 0;
	}
	if (e->code != ERR_NOT_FOUND)
		return -1;
	cli_actor(&a);
	snprintf(a.login, sizeof(a.login), "demo");
	if (store_industry_list(st, collect_industry, &im, e) != 0 ||
	    store_region_children(st, DEMO_CITY, collect_county, &cs, e) != 0)
		return -1;
	if (cs.n == 0)
		return err_set(e, ERR_INVALID, "region", "region %s has no counties; import regions first",
			       DEMO_CITY);
	memset(&committee, 0, sizeof(committee));
	committee.kind = ORG_COMMITTEE;
	snprintf(committee.name, sizeof(committee.name), "拉萨市安全生产委员会");
	snprintf(committee.region_code, sizeof(committee.region_code), DEMO_CITY);
	office = committee;
	office.kind = ORG_OFFICE;
	snprintf(office.name, sizeof(office.name), "拉萨市安全生产委员会办公室");
	if (add_org(st, &a, &committee, e) != 0 || add_org(st, &a, &office, e) != 0)
		return -1;
	for (size_t d = 0; d < sizeof(demo_departments) / sizeof(demo_departments[0]); d++) {
		memset(&dept[d], 0, sizeof(dept[d]));
		dept[d].kind = ORG_DEPARTMENT;
		snprintf(dept[d].name, sizeof(dept[d].name), "%s", demo_departments[d].name);
		snprintf(dept[d].region_code, sizeof(dept[d].region_code), DEMO_CITY);
		for (int k = 0; k < 4 && demo_departments[d].industries[k]; k++) {
			int64_t id = industry_id(&im, demo_departments[d].industries[k]);

			if (id != 0)
				dept[d].industries[dept[d].nindustries++] = id;
		}
		if (add_org(st, &a, &dept[d], e) != 0)
			return -1;
	}
	for (int i = 0; i < DEMO_ENTERPRISES; i++) {
		const struct region *county = &cs.v[i % cs.n];
		size_t k = (size_t)i % (sizeof(demo_kinds) / sizeof(demo_kinds[0]));
		const char *pfx = demo_prefixes[(i / 3) % (sizeof(demo_prefixes) / sizeof(demo_prefixes[0]))];

		memset(&o, 0, sizeof(o));
		o.kind = ORG_ENTERPRISE;
		snprintf(o.name, sizeof(o.name), "拉萨%s%s%s%d", pfx, demo_kinds[k].suffix,
			 i >= 60 ? "分公司" : "", i >= 60 ? i / 60 : 0);
		if (i < 60)
			snprintf(o.name, sizeof(o.name), "拉萨%s%s", pfx, demo_kinds[k].suffix);
		snprintf(o.region_code, sizeof(o.region_code), "%s", county->code);
		demo_credit_code(county->code, i + 1, o.credit_code);
		o.industry_id = industry_id(&im, demo_kinds[k].industry);
		o.scale = i % 3 == 0 ? SCALE_ABOVE : SCALE_BELOW;
		o.major_hazard_level = k <= 1 && i % 4 == 0 ? 1 + i % 4 : 0;
		o.standard_grade = i % 5 == 0 ? 2 : (i % 5 == 1 ? 3 : 0);
		snprintf(o.address, sizeof(o.address), "%s%s路%d号", county->name, pfx, 10 + i);
		snprintf(o.safety_director, sizeof(o.safety_director), "安全负责人%03d", i + 1);
		snprintf(o.phone, sizeof(o.phone), "0891-6%06d", 100000 + i * 37);
		o.has_coord = 1;
		o.lat = 29.60 + 0.01 * (double)((i * 7) % 25) + 0.05 * (double)(i % cs.n) / cs.n;
		o.lon = 90.95 + 0.015 * (double)((i * 11) % 30);
		if (o.industry_id == 0)
			continue;
		if (add_org(st, &a, &o, e) != 0)
			return -1;
		if (first_enterprise == 0 && strcmp(demo_kinds[k].industry, "危险化学品") == 0)
			first_enterprise = o.id;
		if (i < DEMO_RISK_ENTERPRISES && add_risks(cli, st, &a, o.id, i, e) != 0)
			return -1;
		if (i < DEMO_RISK_ENTERPRISES)
			risk_ents[i] = o.id;
	}
	if (store_user_by_login(st, "admin", &probe, e) != 0) {
		if (add_user(cli, st, &a, "admin", "系统管理员", ROLE_ADMIN, 0, e) != 0)
			return -1;
	} else {
		fprintf(out, "note: 'admin' existed before the demo data; its password is unchanged\n");
	}
	if (add_user(cli, st, &a, "office", "安委办 张敏", ROLE_OFFICE, office.id, e) != 0 ||
	    add_user(cli, st, &a, "regulator", "应急管理局 李强", ROLE_REGULATOR, dept[0].id, e) != 0 ||
	    add_user(cli, st, &a, "inspector", "应急管理局 执法员 王磊", ROLE_INSPECTOR, dept[0].id, e) != 0 ||
	    add_user(cli, st, &a, "enterprise", "企业安全员 次仁", ROLE_ENTERPRISE, first_enterprise, e) != 0 ||
	    add_user(cli, st, &a, "leader", "分管副市长", ROLE_LEADER, committee.id, e) != 0)
		return -1;
	if (store_user_by_login(st, "office", &probe, e) != 0)
		return -1;
	po.office_user = probe.id;
	if (store_user_by_login(st, "regulator", &probe, e) != 0)
		return -1;
	po.regulator_user = probe.id;
	if (store_user_by_login(st, "inspector", &probe, e) != 0)
		return -1;
	inspector_id = probe.id;
	if (add_inspections(st, &a, risk_ents, dept[0].id, po.regulator_user, inspector_id, e) != 0)
		return -1;
	/* Three years of the hazard network, so that its lists, workbench,
	 * ledger and dashboard have something to show; then a few of today
	 * moved by the demo's users. */
	if (cli_gen_hazards(st, &a, DEMO_CITY, DEMO_HAZARDS, 1, e) != 0 ||
	    (live = cli_demo_live_hazards(st, "enterprise", "regulator", e)) < 0)
		return -1;
	po.region = DEMO_CITY;
	po.committee = committee.id;
	po.office = office.id;
	po.dept = dept;
	po.ndept = sizeof(dept) / sizeof(dept[0]);
	if (cli_demo_plan(st, &a, &po, out, e) != 0)
		return -1;
	fprintf(out, "demo data loaded: 1 committee, 1 office, %zu departments, %d enterprises, "
		"%d hazards over three years and %d of today\n",
		sizeof(demo_departments) / sizeof(demo_departments[0]), DEMO_ENTERPRISES, DEMO_HAZARDS,
		live);
	print_logins(out);
	return 0;
}
