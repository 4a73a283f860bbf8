/*
 * demo_hazards.c — a few hazards of the demo that go through the hazard
 * network the way users move them (DESIGN §3.1), by the demo's enterprise
 * user and regulator, so that their pages show a real history: who did
 * what, the five-point plan, 挂牌督办, a rejection, 立查立改. The bulk of the
 * demo's hazards (cli_gen_hazards) are recorded as imported.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli_int.h"
#include "core/date.h"

/* A demo user as the store and the rules see it. */
struct demo_user {
	struct user u;
	struct org org;
	struct actor a;
	struct scope sc;
	struct hazard_actor who;
};

static int
demo_user(struct store *st, const char *login, struct demo_user *d, struct error *e)
{
	struct scope all;

	store_scope_all(&all);
	memset(d, 0, sizeof(*d));
	if (store_user_by_login(st, login, &d->u, e) != 0 ||
	    store_org_get(st, &all, d->u.org_id, &d->org, e) != 0)
		return -1;
	if (scope_for_user(&d->u, &d->org, &d->sc) != 0)
		return err_set(e, ERR_INTERNAL, NULL, "no scope for demo user %s", login);
	d->a.user_id = d->u.id;
	snprintf(d->a.login, sizeof(d->a.login), "%s", d->u.login);
	d->who.role = d->u.role;
	d->who.supervises = d->sc.by_industry &&
			    (d->u.role == ROLE_REGULATOR || d->u.role == ROLE_INSPECTOR);
	return 0;
}

static void
day(int32_t today, int delta, char out[DATE_LEN])
{
	date_format(today + delta, out);
}

/* A hazard of the enterprise of ent, found days_ago, as reported by by. */
static int
report(struct store *st, const struct demo_user *by, const struct demo_user *ent, int32_t today,
       int days_ago, enum hazard_grade grade, enum hazard_source source, const char *title,
       const char *description, const char *location, const char *basis,
       const struct hazard_tx *plan, struct hazard *h, struct error *e)
{
	memset(h, 0, sizeof(*h));
	h->enterprise_id = ent->org.id;
	h->grade = grade;
	h->source = source;
	h->category = HC_UNSAFE_CONDITION;
	h->found_by = by->u.id;
	snprintf(h->title, sizeof(h->title), "%s", title);
	snprintf(h->description, sizeof(h->description), "%s", description);
	snprintf(h->location, sizeof(h->location), "%s", location);
	snprintf(h->basis, sizeof(h->basis), "%s", basis);
	day(today, -days_ago, h->found_at);
	return store_hazard_create(st, &by->a, &by->sc, &by->who, today, h, plan, e);
}

static int
move(struct store *st, const struct demo_user *by, int32_t today, const struct hazard_tx *tx,
     struct hazard *h, struct error *e)
{
	return store_hazard_transition(st, &by->a, &by->sc, h->id, h->version, tx, &by->who, today, h,
				       e);
}

int
cli_demo_live_hazards(struct store *st, const char *enterprise_login, const char *regulator_login,
		      struct error *e)
{
	struct demo_user ent, reg;
	struct hazard h;
	int32_t today = date_shanghai(time(NULL));
	char dl[DATE_LEN];
	struct hazard_tx plan = { .event = HE_PLAN, .has_plan = 1, .responsible = "次仁多吉（设备部经理）",
		.measures = "更换失效的可燃气体报警探头，报警信号接入中控室并与紧急切断阀联锁；"
			    "整改完成前储罐区停止装卸作业",
		.contingency = "储罐区设置警戒区，配备便携式检测仪，每两小时人工巡检一次",
		.has_funds = 1, .funds = 186000, .deadline = dl };
	struct hazard_tx tx;

	if (demo_user(st, enterprise_login, &ent, e) != 0 || demo_user(st, regulator_login, &reg, e) != 0)
		return -1;

	/* 1. A major hazard with its five-point plan, listed by the city,
	 *    rectified and now waiting for the regulator's sign-off. */
	day(today, 25, dl);
	if (report(st, &ent, &ent, today, 12, HG_MAJOR, HS_SELF_CHECK, "储罐区可燃气体报警器失效",
		   "2号储罐区4个可燃气体报警探头中2个无响应，报警信号未接入中控室，紧急切断阀未与报警联锁。",
		   "2号储罐区", "《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》第十一条",
		   &plan, &h, e) != 0)
		return -1;
	/* the supervision deadline: the plan's */
	tx = (struct hazard_tx){ .event = HE_LIST, .level = LIST_CITY, .listing_org = reg.org.id,
		.comment = "重大事故隐患，市级挂牌督办，按期报送整改进展。" };
	if (move(st, &reg, today, &tx, &h, e) != 0)
		return -1;
	tx = (struct hazard_tx){ .event = HE_SUBMIT,
		.evidence = "已更换4个报警探头并完成标定，报警信号接入中控室，与紧急切断阀联锁测试3次均正常动作。" };
	if (move(st, &ent, today, &tx, &h, e) != 0)
		return -1;

	/* 2. A general hazard found by the regulator, rectified, sent back
	 *    once, rectifying again. */
	day(today, 6, dl);
	plan.responsible = "格桑（仓库主管）";
	plan.measures = "清理占用消防通道的货物，划设禁停标线，设置“消防通道 禁止占用”标识";
	plan.contingency = NULL;
	plan.has_funds = 1;
	plan.funds = 3500;
	if (report(st, &reg, &ent, today, 4, HG_GENERAL, HS_INSPECTION, "成品仓库消防通道被货物占用",
		   "成品仓库东侧消防通道堆放托盘和成品货物，通道净宽不足1.5米。", "成品仓库东侧", "",
		   &plan, &h, e) != 0)
		return -1;
	tx = (struct hazard_tx){ .event = HE_SUBMIT, .evidence = "已将货物移至货架区。" };
	if (move(st, &ent, today, &tx, &h, e) != 0)
		return -1;
	tx = (struct hazard_tx){ .event = HE_REJECT,
		.reason = "现场复查：通道已清理，但未划设禁停标线、未设置标识，整改不到位。" };
	if (move(st, &reg, today, &tx, &h, e) != 0)
		return -1;

	/* 3. Fixed on the spot (立查立改). */
	if (report(st, &ent, &ent, today, 1, HG_GENERAL, HS_SELF_CHECK, "配电室灭火器压力不足",
		   "配电室2具二氧化碳灭火器压力表指针处于红区。", "配电室", "", NULL, &h, e) != 0)
		return -1;
	tx = (struct hazard_tx){ .event = HE_FIX_NOW, .evidence = "当场更换为2具检验合格的灭火器，并登记台账。" };
	if (move(st, &ent, today, &tx, &h, e) != 0)
		return -1;

	/* 4. Just reported, no plan yet. */
	if (report(st, &ent, &ent, today, 0, HG_GENERAL, HS_SELF_CHECK, "装卸区防静电接地夹损坏",
		   "槽车装卸区防静电接地夹弹簧断裂，无法可靠夹紧。", "槽车装卸区", "", NULL, &h, e) != 0)
		return -1;
	return 4;
}
