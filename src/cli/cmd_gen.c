/*
 * cmd_gen.c — `hazardnet gen`: synthetic but plausible data for benchmarks.
 *
 * Into an initialised store with regions, for one region (default 拉萨市):
 * the supervising departments and the office if missing, N enterprises
 * (valid credit codes, spread over the region's towns, weighted industries)
 * and M hazards recorded in their final state through store_hazard_import,
 * found over the three years up to today, every state, source and category,
 * with fields that agree with each other (DESIGN §3.1). Everything is drawn
 * from a seeded generator: the same seed, day and store give the same data.
 * Writes are grouped in transactions of a few thousand (the store's nested
 * calls become savepoints), which is what makes a million hazards take
 * minutes, not hours.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli_int.h"
#include "core/date.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define GEN_DAYS 1095               /* three years of found dates */
#define GEN_BATCH 2000              /* writes per transaction */
#define GEN_MAX_ENTERPRISES 2000000
#define GEN_MAX_HAZARDS 100000000LL
#define GEN_MAX_INDUSTRIES 64

/* ---- a small deterministic generator (splitmix64) ---- */

struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Two independent streams of one seed: enterprises and hazards. */
static void
rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	r->s = seed * 0xD1B54A32D192ED03ULL + stream;
	(void)rng_next(r);
}

/* Uniform in [0, n); n > 0. */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)((rng_next(r) >> 32) * n >> 32);
}

/* Uniform in [lo, hi]. */
static int32_t
rng_range(struct rng *r, int32_t lo, int32_t hi)
{
	return hi <= lo ? lo : lo + (int32_t)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* Uniform in [0, 1). */
static double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* True with probability p/1000. */
static int
rng_permille(struct rng *r, int p)
{
	return (int)rng_below(r, 1000) < p;
}

/* An index drawn from weights w[0..n). */
static int
rng_weighted(struct rng *r, const int *w, int n)
{
	int sum = 0, x;

	for (int i = 0; i < n; i++)
		sum += w[i];
	x = (int)rng_below(r, (uint32_t)sum);
	for (int i = 0; i < n; i++)
		if ((x -= w[i]) < 0)
			return i;
	return n - 1;
}

#define PICK(r, a) ((a)[rng_below((r), (uint32_t)NELEM(a))])

/* ---- what is generated: tables ---- */

/*
 * Per industry (by the seeded taxonomy's code): how common its enterprises
 * are, how their names end, what there is to find wrong there, and the
 * standard that makes a hazard major. Industries an admin added later fall
 * back on the generic profile.
 */
struct profile {
	const char *code;
	int weight;
	int major_installations;      /* may be a 重大危险源 */
	const char *suffixes[4];
	const char *objects[8];
	const char *standard;
};

static const struct profile profiles[] = {
	{ "hazchem", 50, 1, { "化工有限公司", "石油加油站", "化学试剂有限公司", "气体有限公司" },
	  { "储罐", "反应釜", "可燃气体报警器", "静电接地装置", "安全阀", "紧急切断阀", "防爆电气设备", "罐区围堰" },
	  "《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》" },
	{ "coal", 4, 1, { "煤业有限公司", "煤矿", NULL, NULL },
	  { "瓦斯监测探头", "局部通风机", "井下电缆", "防爆开关", "采空区密闭墙", "提升绞车", NULL, NULL },
	  "《煤矿重大事故隐患判定标准》" },
	{ "noncoal", 25, 1, { "矿业有限公司", "砂石料场", "采石场", NULL },
	  { "尾矿库排洪设施", "采场边坡", "炸药库", "提升机", "井下通风设施", "排土场", NULL, NULL },
	  "《金属非金属矿山重大事故隐患判定标准》" },
	{ "fire", 150, 0, { "酒店管理有限公司", "商贸有限公司", "餐饮管理有限公司", "购物中心" },
	  { "消火栓", "灭火器", "应急照明灯", "疏散指示标志", "火灾自动报警系统", "自动喷水灭火系统", "常闭式防火门", "消防控制室" },
	  "《重大火灾隐患判定方法》（GB 35181）" },
	{ "road", 80, 0, { "运输有限公司", "物流有限公司", "客运有限公司", "汽车客运站" },
	  { "营运客车", "危险货物运输车辆", "卫星定位装置", "车辆制动系统", "车辆轮胎", "安全锤", NULL, NULL },
	  "《道路运输企业和城市客运企业安全生产重大事故隐患判定标准（试行）》" },
	{ "construction", 120, 0, { "建筑工程有限公司", "建设集团有限公司", "路桥工程有限公司", NULL },
	  { "脚手架", "塔式起重机", "施工升降机", "临边防护栏杆", "深基坑支护", "高大模板支撑体系", "临时用电配电箱", NULL },
	  "《房屋市政工程生产安全重大事故隐患判定标准（2022版）》" },
	{ "urban", 30, 0, { "市政工程有限公司", "物业管理有限公司", "广告传媒有限公司", NULL },
	  { "窨井盖", "户外广告牌", "路灯杆", "人行天桥护栏", "排水管网", "老旧建筑外墙", NULL, NULL },
	  "《城市市政设施重大事故隐患判定标准》" },
	{ "industry_trade", 200, 0, { "实业有限公司", "机械制造有限公司", "食品有限公司", "建材有限公司" },
	  { "冲压机", "砂轮机", "粉尘除尘系统", "有限空间", "桥式起重机", "液压机防护罩", "涉氨制冷设备", "传动皮带防护罩" },
	  "《工贸企业重大事故隐患判定标准》" },
	{ "special_equipment", 50, 0, { "电梯工程有限公司", "锅炉安装有限公司", "起重设备有限公司", NULL },
	  { "电梯", "压力容器", "锅炉", "起重机械", "叉车", "压力管道", "气瓶", NULL },
	  "《特种设备重大事故隐患判定准则》（GB 45067）" },
	{ "gas", 40, 1, { "燃气有限公司", "液化气站", "天然气有限公司", NULL },
	  { "燃气管道", "调压箱", "液化石油气钢瓶", "燃气泄漏报警器", "燃气阀门", "燃气软管", NULL, NULL },
	  "《城镇燃气经营安全重大隐患判定标准》" },
	{ "campus", 30, 0, { "中学", "小学", "幼儿园", "职业技术学校" },
	  { "教学楼楼梯扶手", "食堂燃气灶具", "实验室危险化学品柜", "宿舍电气线路", "校车", "校园围墙", NULL, NULL },
	  "《中小学（幼儿园）安全工作重大事故隐患判定标准》" },
	{ "tourism", 60, 0, { "旅游开发有限公司", "景区管理有限公司", "民宿", "旅行社有限公司" },
	  { "游船", "观光步道护栏", "客运索道", "大型游乐设施", "景区停车场", "玻璃栈道", NULL, NULL },
	  "《旅游景区重大事故隐患判定标准》" },
	{ "forest_fire", 8, 0, { "林场", "草场管理站", NULL, NULL },
	  { "防火隔离带", "瞭望塔", "扑火工具库", "林区用火点", NULL, NULL, NULL, NULL },
	  "《森林草原防火重大隐患判定标准》" },
	{ "aviation", 3, 0, { "航空服务有限公司", "机场服务有限公司", NULL, NULL },
	  { "航油储罐", "登机桥", "行李传送带", NULL, NULL, NULL, NULL, NULL },
	  "《民航安全重大事故隐患判定标准》" },
	{ "railway", 3, 0, { "铁路物流有限公司", NULL, NULL, NULL },
	  { "道口栏杆", "接触网", "站台安全线", NULL, NULL, NULL, NULL, NULL },
	  "《铁路安全重大事故隐患判定标准》" },
	{ "postal", 15, 0, { "快递有限公司", "速递服务有限公司", NULL, NULL },
	  { "快递分拣线", "寄递车辆", "安检机", NULL, NULL, NULL, NULL, NULL },
	  "《寄递企业重大事故隐患判定标准》" },
	{ "waterway", 5, 0, { "航运有限公司", "渡口", NULL, NULL },
	  { "渡船", "救生衣", "码头系缆桩", "航标", NULL, NULL, NULL, NULL },
	  "《水上交通重大事故隐患判定标准》" },
	{ "fishing", 3, 0, { "渔业合作社", NULL, NULL, NULL },
	  { "渔船救生筏", "渔船消防泵", "渔船通导设备", NULL, NULL, NULL, NULL, NULL },
	  "《渔业船舶重大事故隐患判定标准》" },
	{ "industrial_park", 10, 0, { "园区管理有限公司", "产业园运营有限公司", NULL, NULL },
	  { "园区消防通道", "公共管廊", "园区应急事故池", NULL, NULL, NULL, NULL, NULL },
	  "《化工园区安全风险排查治理导则》" },
	{ "hazwaste", 12, 1, { "环保科技有限公司", "固废处置有限公司", NULL, NULL },
	  { "危险废物暂存间", "危废包装容器", "渗滤液收集池", NULL, NULL, NULL, NULL, NULL },
	  "《危险废物经营单位重大事故隐患判定标准》" },
	{ "power", 20, 0, { "电力工程有限公司", "水电站", "光伏发电有限公司", NULL },
	  { "变压器", "高压开关柜", "输电线路", "配电房", NULL, NULL, NULL, NULL },
	  "《电力安全隐患治理监督管理规定》" },
	{ "sports", 8, 0, { "体育文化有限公司", "游泳馆", "攀岩俱乐部", NULL },
	  { "攀岩墙保护装置", "游泳池救生设施", "滑雪道防护网", NULL, NULL, NULL, NULL, NULL },
	  "《体育场所开放条件与技术要求》" },
	{ "pastoral", 20, 0, { "农牧专业合作社", "牧业有限公司", NULL, NULL },
	  { "农用机械", "沼气池", "畜棚电气线路", NULL, NULL, NULL, NULL, NULL },
	  "《农业生产安全重大事故隐患判定标准》" },
};

static const struct profile generic_profile = {
	"", 5, 0, { "有限公司", "有限责任公司", NULL, NULL },
	{ "灭火器", "消火栓", "配电箱", "应急照明灯", "电气线路", NULL, NULL, NULL },
	"《重大事故隐患判定标准》",
};

/* Things found wrong in any workplace, besides the industry's own. */
static const char *const common_objects[] = {
	"灭火器", "消火栓", "配电箱", "应急照明灯", "安全出口指示标志", "电气线路", "防护栏杆", "警示标志",
};

static const char *const defects[] = {
	"损坏", "缺失", "超期未检验", "锈蚀严重", "防护装置缺失", "压力不足", "接地不良", "老化破损",
	"指示失效", "存在泄漏", "被遮挡", "未设置警示标识", "固定不牢", "带病运行",
};

static const char *const unsafe_acts[] = {
	"作业人员未佩戴安全帽", "高处作业未系安全带", "动火作业未办理审批手续", "特种作业人员无证上岗",
	"违章指挥冒险作业", "叉车司机超速行驶", "检修作业未执行挂牌上锁", "进入有限空间未先检测气体",
	"作业人员在禁烟区吸烟", "操作人员未按规程操作", "交叉作业无专人监护", "私拉乱接电线",
};

static const char *const environment_faults[] = {
	"作业场所照明不足", "通道堆放杂物", "地面湿滑未设警示", "通风不良", "粉尘浓度超标",
	"噪声超标", "安全出口被占用", "疏散通道堵塞", "边坡存在滑坡迹象", "低洼处积水",
	"可燃物堆放距热源过近", "冬季取暖设施靠近易燃物",
};

static const char *const management_faults[] = {
	"未建立全员安全生产责任制", "安全教育培训记录不全", "应急预案未按期演练",
	"隐患排查治理台账不完善", "特种设备安全技术档案缺失", "未开展安全风险辨识评估",
	"外包单位安全管理协议未签订", "安全生产投入不足", "安全操作规程未及时修订",
	"值班值守制度不落实", "主要负责人未履行安全生产职责", "劳动防护用品发放记录缺失",
};

static const char *const places[] = {
	"一号车间", "二号车间", "成品仓库", "原料库房", "配电室", "锅炉房", "办公楼", "员工宿舍",
	"厨房", "地下车库", "装卸区", "生产现场", "营业大厅", "楼梯间", "屋顶平台", "机修间",
	"停车场", "门卫室", "控制室", "作业区",
};

static const char *const sides[] = { "", "东侧", "西侧", "南侧", "北侧", "一层", "二层", "三层", "入口处", "西北角" };

static const char *const accident_types[] = {
	"火灾", "触电", "机械伤害", "高处坠落", "物体打击", "中毒和窒息", "容器爆炸", "其他爆炸",
	"坍塌", "车辆伤害", "起重伤害", "淹溺", "灼烫", "坠落",
};

static const char *const found_how[HS__MAX] = {
	[HS_SELF_CHECK] = "企业日常自查时", [HS_INSPECTION] = "执法检查中",
	[HS_SUPERVISION] = "督导检查中", [HS_TIP_OFF] = "根据群众举报核查时", [HS_OTHER] = "专项检查中",
};

static const char *const measure_texts[HC__MAX][4] = {
	[HC_UNSAFE_ACT] = { "对相关人员进行安全教育并考核上岗", "完善作业审批和现场监护制度",
			    "落实班前安全讲话并加强现场巡查", "对违章人员按制度处理并通报" },
	[HC_UNSAFE_CONDITION] = { "立即停用并更换损坏部件", "委托有资质单位检测维修",
				  "增设防护装置并纳入日常点检", "更新设备并建立维护保养台账" },
	[HC_ENVIRONMENT] = { "清理现场并划定通道标线", "增设照明和通风设施",
			     "设置警示标识并安排专人巡查", "对作业环境进行检测并治理" },
	[HC_MANAGEMENT] = { "修订完善相关制度并组织学习", "补齐台账记录并明确专人负责",
			    "组织专项培训和应急演练", "落实安全投入并纳入年度计划" },
};

static const char *const contingencies[] = {
	"整改期间设置警戒区域，安排专人值守，配备应急器材",
	"制定专项应急处置方案，整改期间停止相关作业",
	"整改期间加密巡查频次，发现异常立即撤离人员并报告",
	"落实临时安全措施，与属地应急救援力量建立联动",
};

static const char *const surnames[] = {
	"张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
};
static const char *const given_names[] = {
	"伟", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建华", "志强", "海燕",
};
static const char *const tibetan_names[] = {
	"次仁", "扎西", "卓玛", "格桑", "达瓦", "尼玛", "平措", "央金", "索朗", "旺堆", "德吉", "拉巴",
	"次旦", "白玛", "普布", "洛桑",
};

static const char *const brand_a[] = {
	"雪域", "高原", "圣城", "拉萨河", "纳金", "吉日", "德庆", "甘丹", "仁布", "羊八井", "念青", "雅江",
	"格桑", "扎西", "卓玛", "达孜", "柳梧", "金珠", "当雄", "日光", "天路", "珠峰", "神山", "宏达",
	"鑫源", "恒通", "华建", "中天", "安泰", "吉祥",
};
static const char *const brand_b[] = {
	"", "德吉", "兴业", "宏远", "顺达", "新", "昌盛", "永安", "华泰", "隆鑫", "天成", "瑞丰",
};

static const char *const roads[] = {
	"北京中路", "江苏路", "金珠西路", "林廓北路", "宇拓路", "色拉路", "纳金路", "八一路", "民族路", "夺底路",
};

static const char *const cn_numbers[] = {
	"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
	"十六", "十七", "十八", "十九", "二十",
};

/* How often each source and category occurs (weights). */
static const int source_weights[HS__MAX] = {
	[HS_SELF_CHECK] = 55, [HS_INSPECTION] = 20, [HS_SUPERVISION] = 12, [HS_TIP_OFF] = 5,
	[HS_OTHER] = 8,
};
static const int category_weights[HC__MAX] = {
	[HC_UNSAFE_ACT] = 20, [HC_UNSAFE_CONDITION] = 45, [HC_ENVIRONMENT] = 10, [HC_MANAGEMENT] = 25,
};

/*
 * The state a hazard is in by how long ago it was found (permille each):
 * recent ones are still being dealt with, old ones mostly closed, a few
 * left behind; about 2% of all were recorded in error (void).
 */
static const struct {
	int max_age;
	int mix[HZ_STATUS__MAX];
} status_by_age[] = {
	{ 7, { 350, 430, 50, 150, 20 } },
	{ 30, { 80, 450, 120, 330, 20 } },
	{ 90, { 30, 220, 80, 650, 20 } },
	{ 365, { 5, 40, 15, 920, 20 } },
	{ GEN_DAYS + 1, { 2, 15, 5, 958, 20 } },
};

/* Departments and the industries (by code) each supervises; names by the
 * level of the region: province, city, county. */
static const struct {
	const char *name[3];
	const char *codes[6];
} departments[] = {
	{ { "应急管理厅", "应急管理局", "应急管理局" }, { "hazchem", "coal", "noncoal", "industry_trade", NULL } },
	{ { "住房和城乡建设厅", "住房和城乡建设局", "住房和城乡建设局" }, { "construction", "urban", "gas", NULL } },
	{ { "交通运输厅", "交通运输局", "交通运输局" }, { "road", "waterway", "aviation", "railway", NULL } },
	{ { "消防救援总队", "消防救援支队", "消防救援大队" }, { "fire", NULL } },
	{ { "市场监督管理局", "市场监督管理局", "市场监督管理局" }, { "special_equipment", NULL } },
	{ { "教育厅", "教育局", "教育局" }, { "campus", NULL } },
	{ { "文化和旅游厅", "文化和旅游局", "文化和旅游局" }, { "tourism", NULL } },
	{ { "农业农村厅", "农业农村局", "农业农村局" }, { "fishing", "pastoral", NULL } },
	{ { "生态环境厅", "生态环境局", "生态环境局" }, { "hazwaste", NULL } },
	{ { "发展和改革委员会", "发展和改革委员会", "发展和改革委员会" }, { "power", NULL } },
	{ { "体育局", "体育局", "体育局" }, { "sports", NULL } },
	{ { "经济和信息化厅", "经济和信息化局", "经济和信息化局" }, { "industrial_park", NULL } },
	{ { "林业和草原局", "林业和草原局", "林业和草原局" }, { "forest_fire", NULL } },
	{ { "邮政管理局", "邮政管理局", "邮政管理局" }, { "postal", NULL } },
};

/* Approximate centres of the provinces (by the first two digits), for
 * coordinates near the region; anything else falls back on 拉萨. */
static const struct {
	const char *prov;
	double lat, lon;
} centres[] = {
	{ "11", 39.90, 116.40 }, { "12", 39.13, 117.20 }, { "13", 38.04, 114.51 },
	{ "14", 37.87, 112.55 }, { "15", 40.84, 111.75 }, { "21", 41.80, 123.43 },
	{ "22", 43.82, 125.32 }, { "23", 45.80, 126.53 }, { "31", 31.23, 121.47 },
	{ "32", 32.06, 118.80 }, { "33", 30.27, 120.15 }, { "34", 31.82, 117.23 },
	{ "35", 26.07, 119.30 }, { "36", 28.68, 115.86 }, { "37", 36.65, 117.12 },
	{ "41", 34.75, 113.63 }, { "42", 30.59, 114.31 }, { "43", 28.23, 112.94 },
	{ "44", 23.13, 113.26 }, { "45", 22.82, 108.37 }, { "46", 20.04, 110.34 },
	{ "50", 29.56, 106.55 }, { "51", 30.57, 104.07 }, { "52", 26.65, 106.63 },
	{ "53", 25.04, 102.71 }, { "54", 29.65, 91.12 }, { "61", 34.34, 108.94 },
	{ "62", 36.06, 103.83 }, { "63", 36.62, 101.78 }, { "64", 38.49, 106.23 },
	{ "65", 43.83, 87.62 },
};

/* ---- the run ---- */

struct leaf {                       /* a town (or a county without towns) */
	char code[REGION_CODE_LEN + 1];
	char county[TEXT_SMALL];
	char name[TEXT_SMALL];
	int weight;
};

struct gind {
	int64_t id;
	char name[TEXT_SMALL];
	const struct profile *p;
	int64_t dept;                   /* a department of the region supervising it; 0 none */
};

struct gent {
	int64_t id;
	int ind;                        /* index into gen.inds; -1 none */
};

struct gen {
	struct store *st;
	struct actor a;
	struct rng re, rh;
	struct region reg;
	int32_t today;
	int batch;
	struct leaf *leaves;
	size_t nleaves, capleaves;
	struct gind inds[GEN_MAX_INDUSTRIES];
	int ninds;
	struct gent *ents;
	size_t nents, capents;
	int64_t office_id;
	int depts_created, depts_updated;
	int64_t status_count[HZ_STATUS__MAX], major, listed, extended;
};

struct region_list {
	struct region *v;
	size_t n, cap;
	int oom;
};

static int
collect_region(const struct region *r, void *arg)
{
	struct region_list *l = arg;
	struct region *nv;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		if ((nv = realloc(l->v, l->cap * sizeof(*nv))) == NULL) {
			l->oom = 1;
			return 1;
		}
		l->v = nv;
	}
	l->v[l->n++] = *r;
	return 0;
}

static int
add_leaf(struct gen *g, const struct region *r, const char *county)
{
	struct leaf *nv, *l;
	size_t n = strlen(r->name);

	if (g->nleaves == g->capleaves) {
		g->capleaves = g->capleaves ? g->capleaves * 2 : 64;
		if ((nv = realloc(g->leaves, g->capleaves * sizeof(*nv))) == NULL)
			return -1;
		g->leaves = nv;
	}
	l = &g->leaves[g->nleaves++];
	memset(l, 0, sizeof(*l));
	snprintf(l->code, sizeof(l->code), "%s", r->code);
	snprintf(l->county, sizeof(l->county), "%s", county);
	snprintf(l->name, sizeof(l->name), "%s", r->name);
	/* Enterprises cluster in towns' urban sub-districts. */
	l->weight = n >= 6 && strcmp(r->name + n - 6, "街道") == 0 ? 6
		    : n >= 3 && strcmp(r->name + n - 3, "镇") == 0 ? 3 : 1;
	return 0;
}

/*
 * Collect the towns under code (counties without towns count as one):
 * where the enterprises go. Children are read into a list before going
 * deeper, so that no statement is stepped while another call resets it.
 */
static int
walk_regions(struct gen *g, const struct region *r, const char *county, struct error *e)
{
	struct region_list kids = { 0 };
	int rc = -1;

	if (r->level >= REGION_TOWN)
		return add_leaf(g, r, county) == 0 ? 0 : err_set(e, ERR_INTERNAL, NULL, "out of memory");
	if (store_region_children(g->st, r->code, collect_region, &kids, e) != 0)
		goto out_free;
	if (kids.oom) {
		err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	if (kids.n == 0 && r->level == REGION_COUNTY) {
		rc = add_leaf(g, r, r->name) == 0 ? 0 : err_set(e, ERR_INTERNAL, NULL, "out of memory");
		goto out_free;
	}
	for (size_t i = 0; i < kids.n; i++)
		if (walk_regions(g, &kids.v[i], r->level == REGION_COUNTY ? r->name : kids.v[i].name,
				 e) != 0)
			goto out_free;
	rc = 0;
out_free:
	free(kids.v);
	return rc;
}

static int
collect_industry(const struct industry *in, void *arg)
{
	struct gen *g = arg;
	struct gind *gi;

	if (!in->active || g->ninds >= GEN_MAX_INDUSTRIES)
		return 0;
	gi = &g->inds[g->ninds++];
	memset(gi, 0, sizeof(*gi));
	gi->id = in->id;
	snprintf(gi->name, sizeof(gi->name), "%s", in->name);
	gi->p = &generic_profile;
	for (size_t i = 0; i < NELEM(profiles); i++)
		if (strcmp(profiles[i].code, in->code) == 0)
			gi->p = &profiles[i];
	return 0;
}

static int
ind_index(const struct gen *g, int64_t id)
{
	for (int i = 0; i < g->ninds; i++)
		if (g->inds[i].id == id)
			return i;
	return -1;
}

/* ---- departments and the office ---- */

struct org_found {
	struct gen *g;
	int kind;
	const char *name;               /* find by name; NULL: note departments */
	struct org o;                   /* the one found */
	int found;
	int64_t last_id;                /* the cursor of the scan */
};

static int
match_org(const struct org *o, void *arg)
{
	struct org_found *f = arg;
	struct gen *g = f->g;

	f->last_id = o->id;
	if (strcmp(o->region_code, g->reg.code) != 0 || (int)o->kind != f->kind)
		return 0;
	if (f->kind == ORG_DEPARTMENT && f->name == NULL) {
		/* Note which industries the region's departments already cover. */
		for (int i = 0; i < o->nindustries; i++) {
			int k = ind_index(g, o->industries[i]);

			if (k >= 0 && g->inds[k].dept == 0)
				g->inds[k].dept = o->id;
		}
		return 0;
	}
	if (f->name != NULL && strcmp(o->name, f->name) != 0)
		return 0;
	f->o = *o;
	f->found = 1;
	return 1;
}

/* Page through the orgs of f->kind in the region subtree (with f->name:
 * those whose name contains it) until f is satisfied. */
static int
scan_orgs(struct gen *g, struct org_found *f, struct error *e)
{
	struct org_filter of;
	struct scope all;
	int more = 1;

	store_scope_all(&all);
	memset(&of, 0, sizeof(of));
	of.kind = f->kind;
	of.limit = 500;
	snprintf(of.region, sizeof(of.region), "%s", g->reg.code);
	if (f->name != NULL)
		snprintf(of.q, sizeof(of.q), "%s", f->name);
	while (more && !f->found) {
		if (store_org_list(g->st, &all, &of, match_org, f, NULL, &more, e) != 0)
			return -1;
		of.after_id = f->last_id;
	}
	return 0;
}

static int
ensure_office(struct gen *g, struct error *e)
{
	struct org_found f = { .g = g, .kind = ORG_OFFICE };
	struct org o;

	if (scan_orgs(g, &f, e) != 0)
		return -1;
	if (f.found) {
		g->office_id = f.o.id;
		return 0;
	}
	memset(&o, 0, sizeof(o));
	o.kind = ORG_OFFICE;
	o.status = ORG_OPERATING;
	snprintf(o.name, sizeof(o.name), "%s安全生产委员会办公室", g->reg.name);
	snprintf(o.region_code, sizeof(o.region_code), "%s", g->reg.code);
	if (store_org_create(g->st, &g->a, &o, e) != 0)
		return -1;
	g->office_id = o.id;
	return 0;
}

static int
ensure_departments(struct gen *g, struct error *e)
{
	struct org_found f = { .g = g, .kind = ORG_DEPARTMENT };
	struct scope all;
	int lvl = g->reg.level <= REGION_COUNTY ? (int)g->reg.level : 2;

	/* The four municipalities' departments are 局, like a city's. */
	if (g->reg.level == REGION_PROVINCE && (strncmp(g->reg.code, "11", 2) == 0 ||
						strncmp(g->reg.code, "12", 2) == 0 ||
						strncmp(g->reg.code, "31", 2) == 0 ||
						strncmp(g->reg.code, "50", 2) == 0))
		lvl = REGION_CITY;

	if (g->reg.level > REGION_COUNTY)
		return 0; /* towns have no departments of their own */
	if (scan_orgs(g, &f, e) != 0)
		return -1;
	for (size_t d = 0; d < NELEM(departments); d++) {
		int64_t missing[ORG_INDUSTRIES_MAX];
		int nmissing = 0;
		struct org_found byname = { .g = g, .kind = ORG_DEPARTMENT };
		struct org o;
		char name[NAME_MAX_BYTES];

		for (int i = 0; i < g->ninds; i++) {
			int mine = 0;

			for (int k = 0; k < 6 && departments[d].codes[k] != NULL; k++)
				mine |= g->inds[i].p->code[0] != '\0' &&
					strcmp(g->inds[i].p->code, departments[d].codes[k]) == 0;
			/* Industries outside the taxonomy go to 应急管理 (d == 0). */
			mine |= d == 0 && g->inds[i].p == &generic_profile;
			if (mine && g->inds[i].dept == 0 && nmissing < ORG_INDUSTRIES_MAX)
				missing[nmissing++] = g->inds[i].id;
		}
		if (nmissing == 0)
			continue;
		snprintf(name, sizeof(name), "%s%s", g->reg.name, departments[d].name[lvl]);
		byname.name = name;
		if (scan_orgs(g, &byname, e) != 0)
			return -1;
		if (byname.found) {
			o = byname.o;
			for (int i = 0; i < nmissing && o.nindustries < ORG_INDUSTRIES_MAX; i++)
				o.industries[o.nindustries++] = missing[i];
			store_scope_all(&all);
			if (store_org_update(g->st, &g->a, &all, &o, e) != 0)
				return -1;
			g->depts_updated++;
		} else {
			memset(&o, 0, sizeof(o));
			o.kind = ORG_DEPARTMENT;
			o.status = ORG_OPERATING;
			snprintf(o.name, sizeof(o.name), "%s", name);
			snprintf(o.region_code, sizeof(o.region_code), "%s", g->reg.code);
			memcpy(o.industries, missing, sizeof(int64_t) * (size_t)nmissing);
			o.nindustries = nmissing;
			if (store_org_create(g->st, &g->a, &o, e) != 0)
				return -1;
			g->depts_created++;
		}
		for (int i = 0; i < nmissing; i++)
			g->inds[ind_index(g, missing[i])].dept = o.id;
	}
	return 0;
}

/* ---- enterprises ---- */

/*
 * A valid unified social credit code: 9 (market regulation) 1 (enterprise),
 * the county, "MA" and seven characters that are a bijection of the serial
 * over 31^7 (so two serials never share a code), then the check character.
 */
static void
credit_code(const char *county, uint64_t serial, uint64_t salt, char out[CREDIT_CODE_LEN + 1])
{
	static const char alpha[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	const uint64_t m = 27512614111ULL; /* 31^7 */
	uint64_t x = (serial + salt) % m;

	x = (x * 48271 + 12345) % m;     /* both multipliers are prime to 31 */
	x = (x * 69621 + salt % 7919) % m;
	memcpy(out, "91", 2);
	memcpy(out + 2, county, 6);
	out[8] = 'M';
	out[9] = 'A';
	for (int i = 16; i >= 10; i--) {
		out[i] = alpha[x % 31];
		x /= 31;
	}
	out[17] = credit_code_check_char(out);
	out[CREDIT_CODE_LEN] = '\0';
}

static void
person_name(const struct gen *g, struct rng *r, char *out, size_t n)
{
	if (strncmp(g->reg.code, "54", 2) == 0 && rng_permille(r, 450))
		snprintf(out, n, "%s%s", PICK(r, tibetan_names), PICK(r, tibetan_names));
	else
		snprintf(out, n, "%s%s", PICK(r, surnames), PICK(r, given_names));
}

/* A deterministic offset in [-span, span] from a region code. */
static double
code_offset(const char *code, int salt, double span)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)salt;

	for (const char *p = code; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return ((double)(h % 20001) / 10000.0 - 1.0) * span;
}

/* The short form of the region's name for enterprise names: 拉萨市 → 拉萨. */
static void
short_name(const char *name, char *out, size_t n)
{
	static const char *const tails[] = { "自治区", "地区", "街道", "市", "省", "区", "县", "镇", "乡" };
	size_t len = strlen(name);

	snprintf(out, n, "%s", name);
	for (size_t i = 0; i < NELEM(tails); i++) {
		size_t t = strlen(tails[i]);

		if (len > t + 3 && strcmp(name + len - t, tails[i]) == 0) {
			out[len - t < n ? len - t : n - 1] = '\0';
			return;
		}
	}
}

static void
make_enterprise(struct gen *g, uint64_t serial, uint64_t salt, struct org *o, int *ind)
{
	struct rng *r = &g->re;
	int w[GEN_MAX_INDUSTRIES], lw, nsuf = 0;
	const struct leaf *l = NULL;
	const struct profile *p;
	double lat = 29.65, lon = 91.12;
	char city[TEXT_SMALL], town[TEXT_SMALL];
	int64_t lsum = 0, x;

	for (int i = 0; i < g->ninds; i++)
		w[i] = g->inds[i].p->weight;
	*ind = rng_weighted(r, w, g->ninds);
	p = g->inds[*ind].p;
	for (size_t i = 0; i < g->nleaves; i++)
		lsum += g->leaves[i].weight;
	x = (int64_t)(rng_unit(r) * (double)lsum);
	for (size_t i = 0; i < g->nleaves && l == NULL; i++)
		if ((x -= g->leaves[i].weight) < 0)
			l = &g->leaves[i];
	if (l == NULL)
		l = &g->leaves[g->nleaves - 1];
	while (nsuf < 4 && p->suffixes[nsuf] != NULL)
		nsuf++;

	memset(o, 0, sizeof(*o));
	o->kind = ORG_ENTERPRISE;
	short_name(g->reg.name, city, sizeof(city));
	short_name(l->name, town, sizeof(town));
	lw = (int)rng_below(r, 10);
	snprintf(o->name, sizeof(o->name), "%s%s%s%s", lw < 2 ? town : city, PICK(r, brand_a),
		 PICK(r, brand_b), p->suffixes[rng_below(r, (uint32_t)nsuf)]);
	snprintf(o->region_code, sizeof(o->region_code), "%s", l->code);
	credit_code(l->code, serial, salt, o->credit_code);
	o->industry_id = g->inds[*ind].id;
	o->scale = rng_permille(r, 300) ? SCALE_ABOVE : SCALE_BELOW;
	if (p->major_installations && rng_permille(r, 250))
		o->major_hazard_level = 1 + rng_weighted(r, (const int[]){ 1, 2, 3, 4 }, 4);
	lw = (int)rng_below(r, 1000);
	o->standard_grade = lw < 30 ? 1 : lw < 180 ? 2 : lw < 430 ? 3 : 0;
	lw = (int)rng_below(r, 1000);
	o->status = lw < 950 ? ORG_OPERATING : lw < 980 ? ORG_SUSPENDED : ORG_CLOSED;
	snprintf(o->address, sizeof(o->address), "%s%s%s%d号", strcmp(l->county, l->name) ? l->county : "",
		 l->name, PICK(r, roads), rng_range(r, 1, 399));
	for (size_t i = 0; i < NELEM(centres); i++)
		if (strncmp(centres[i].prov, g->reg.code, 2) == 0) {
			lat = centres[i].lat;
			lon = centres[i].lon;
		}
	o->has_coord = 1;
	o->lat = lat + code_offset(g->reg.code, 1, 0.05) + code_offset(l->code, 2, 0.25) +
		 (rng_unit(r) - 0.5) * 0.03;
	o->lon = lon + code_offset(g->reg.code, 3, 0.05) + code_offset(l->code, 4, 0.3) +
		 (rng_unit(r) - 0.5) * 0.03;
	person_name(g, r, o->safety_director, sizeof(o->safety_director));
	snprintf(o->phone, sizeof(o->phone), "1%d%d%08u", 3 + (int)rng_below(r, 6), (int)rng_below(r, 10),
		 rng_below(r, 100000000));
}

static int
add_ent(struct gen *g, int64_t id, int64_t industry)
{
	struct gent *nv;

	if (g->nents == g->capents) {
		g->capents = g->capents ? g->capents * 2 : 1024;
		if ((nv = realloc(g->ents, g->capents * sizeof(*nv))) == NULL)
			return -1;
		g->ents = nv;
	}
	g->ents[g->nents].id = id;
	g->ents[g->nents].ind = ind_index(g, industry);
	g->nents++;
	return 0;
}

struct ent_scan {
	struct gen *g;
	int64_t last_id;
	int oom;
};

static int
collect_ent(const struct org *o, void *arg)
{
	struct ent_scan *s = arg;

	s->last_id = o->id;
	if (add_ent(s->g, o->id, o->industry_id) != 0) {
		s->oom = 1;
		return 1;
	}
	return 0;
}

/* The enterprises already in the region: hazards go to them too. */
static int
load_enterprises(struct gen *g, struct error *e)
{
	struct ent_scan s = { g, 0, 0 };
	struct org_filter of;
	struct scope all;
	int more = 1;

	store_scope_all(&all);
	memset(&of, 0, sizeof(of));
	of.kind = ORG_ENTERPRISE;
	of.limit = 500;
	snprintf(of.region, sizeof(of.region), "%s", g->reg.code);
	while (more) {
		if (store_org_list(g->st, &all, &of, collect_ent, &s, NULL, &more, e) != 0)
			return -1;
		if (s.oom)
			return err_set(e, ERR_INTERNAL, NULL, "out of memory");
		of.after_id = s.last_id;
	}
	return 0;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int
stop_at_first(const struct org *o, void *arg)
{
	(void)o;
	(void)arg;
	return 1;
}

static int
create_enterprises(struct gen *g, int64_t n, uint64_t seed, struct error *e)
{
	struct org_filter of;
	struct scope all;
	struct org o;
	struct timespec t0;
	int64_t existing = 0, made = 0;
	uint64_t serial, salt = seed * 2654435761ULL;
	int ind, in_tx = 0;

	if (n == 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Serials continue after every enterprise already stored. */
	store_scope_all(&all);
	memset(&of, 0, sizeof(of));
	of.kind = ORG_ENTERPRISE;
	of.limit = 1;
	if (store_org_list(g->st, &all, &of, stop_at_first, NULL, &existing, NULL, e) != 0)
		return -1;
	serial = (uint64_t)existing;
	for (made = 0; made < n; made++) {
		if (!in_tx) {
			if (store_tx_begin(g->st, e) != 0)
				return -1;
			in_tx = 1;
		}
		make_enterprise(g, serial++, salt, &o, &ind);
		for (int tries = 0; store_org_create(g->st, &g->a, &o, e) != 0; tries++) {
			if (e->code != ERR_CONFLICT || strcmp(e->field, "credit_code") != 0 || tries > 8)
				goto out_rollback;
			/* A code someone else issued: take one from far beyond. */
			credit_code(o.region_code, serial + (uint64_t)(tries + 1) * 1000003ULL * 1009ULL, salt,
				    o.credit_code);
		}
		if (add_ent(g, o.id, o.industry_id) != 0) {
			err_set(e, ERR_INTERNAL, NULL, "out of memory");
			goto out_rollback;
		}
		if ((made + 1) % g->batch == 0 || made + 1 == n) {
			if (store_tx_commit(g->st, e) != 0)
				return -1; /* a failed commit has ended the transaction */
			in_tx = 0;
		}
	}
	printf("gen: %lld enterprises in %.1f s\n", (long long)n, seconds_since(&t0));
	fflush(stdout);
	return 0;
out_rollback:
	store_tx_rollback(g->st);
	return -1;
}

/* ---- hazards ---- */

static void
day_text(int32_t d, char out[DATE_LEN])
{
	date_format(d, out);
}

static int32_t
min32(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

/* Title, description, location and (for a major one) basis. */
static void
hazard_text(struct gen *g, const struct gind *gi, struct hazard *h)
{
	struct rng *r = &g->rh;
	const struct profile *p = gi ? gi->p : &generic_profile;
	const char *place = PICK(r, places), *side = PICK(r, sides), *accident = PICK(r, accident_types);
	char thing[192];
	int nobj = 0;

	while (nobj < 8 && p->objects[nobj] != NULL)
		nobj++;
	switch (h->category) {
	case HC_UNSAFE_CONDITION:
		snprintf(thing, sizeof(thing), "%s%s",
			 nobj > 0 && rng_permille(r, 650) ? p->objects[rng_below(r, (uint32_t)nobj)]
							  : PICK(r, common_objects),
			 PICK(r, defects));
		break;
	case HC_UNSAFE_ACT:
		snprintf(thing, sizeof(thing), "%s", PICK(r, unsafe_acts));
		break;
	case HC_ENVIRONMENT:
		snprintf(thing, sizeof(thing), "%s", PICK(r, environment_faults));
		break;
	case HC_MANAGEMENT:
	case HC__MAX:
		snprintf(thing, sizeof(thing), "%s", PICK(r, management_faults));
		break;
	}
	if (h->category == HC_MANAGEMENT) {
		snprintf(h->title, sizeof(h->title), "%s", thing);
		snprintf(h->location, sizeof(h->location), "安全管理");
	} else {
		snprintf(h->title, sizeof(h->title), "%s%s%s", place, side, thing);
		snprintf(h->location, sizeof(h->location), "%s%s", place, side);
	}
	snprintf(h->description, sizeof(h->description),
		 "%s发现%s（%s），可能导致%s事故，不符合%s及企业安全管理制度的要求，需按规定限期整改。",
		 found_how[h->source], h->title, gi ? gi->name : "未分类", accident, p->standard);
	if (h->grade == HG_MAJOR)
		snprintf(h->basis, sizeof(h->basis), "%s第%s条第（%s）项：%s", p->standard,
			 PICK(r, cn_numbers), cn_numbers[rng_below(r, 6)], thing);
}

/* The five-point plan; returns the deadline (a day number). */
static int32_t
hazard_plan(struct gen *g, struct hazard *h, int32_t found)
{
	struct rng *r = &g->rh;
	int major = h->grade == HG_MAJOR;
	int32_t dl = found + (major ? rng_range(r, 30, 180)
				    : rng_permille(r, 600) ? rng_range(r, 3, 15) : rng_range(r, 16, 60));

	person_name(g, r, h->responsible, sizeof(h->responsible));
	if (major || rng_permille(r, 700)) {
		/* two different measures of the four of its category */
		uint32_t m1 = rng_below(r, 4), m2 = (m1 + 1 + rng_below(r, 3)) % 4;

		snprintf(h->measures, sizeof(h->measures), "%s；%s", measure_texts[h->category][m1],
			 measure_texts[h->category][m2]);
	}
	if (major) {
		h->has_funds = 1;
		h->funds = 1000.0 * rng_range(r, 50, 5000);
	} else if (rng_permille(r, 600)) {
		h->has_funds = 1;
		h->funds = 100.0 * rng_range(r, 2, 500);
	}
	if (major || rng_permille(r, 150))
		snprintf(h->contingency, sizeof(h->contingency), "%s", PICK(r, contingencies));
	day_text(dl, h->deadline);
	day_text(dl, h->original_deadline);
	/* Some are extended once or twice (by a regulator, with a reason). */
	if (rng_permille(r, major ? 250 : 80)) {
		h->extensions = rng_permille(r, 850) ? 1 : 2;
		for (int i = 0; i < h->extensions; i++)
			dl += rng_range(r, 15, 60);
		day_text(dl, h->deadline);
		g->extended++;
	}
	return dl;
}

static void
hazard_evidence(struct gen *g, struct hazard *h, const char *prefix)
{
	snprintf(h->evidence, sizeof(h->evidence), "%s已%s，经复查符合要求，整改前后照片已存档。", prefix,
		 measure_texts[h->category][rng_below(&g->rh, 4)]);
}

/*
 * The i-th of n hazards in its final state: found within the last three
 * years, a state that fits its age, and every field that state implies.
 */
static void
make_hazard(struct gen *g, struct hazard *h, int64_t i, int64_t n)
{
	struct rng *r = &g->rh;
	const struct gent *ent;
	const struct gind *gi;
	int32_t age, found, dl = 0, closed = 0, end;
	int mix_row = 0, on_time;
	int cw[HC__MAX], sw[HS__MAX];

	memset(h, 0, sizeof(*h));

	/* Some enterprises have many hazards, most a few. */
	ent = &g->ents[(size_t)((double)g->nents * pow(rng_unit(r), 1.5)) % g->nents];
	gi = ent->ind >= 0 ? &g->inds[ent->ind] : NULL;
	h->enterprise_id = ent->id;
	/* More of them recently: the network has been filling up. The i-th
	 * is drawn from the i-th of n slices of that distribution, oldest
	 * first, so that hazards are recorded (and their codes issued) in the
	 * order they were found, as they would have been. */
	age = (int32_t)(GEN_DAYS * pow(1.0 - ((double)i + rng_unit(r)) / (double)n, 1.2));
	found = g->today - (age < GEN_DAYS ? age : GEN_DAYS - 1);
	day_text(found, h->found_at);
	h->grade = rng_permille(r, 50) ? HG_MAJOR : HG_GENERAL;
	memcpy(cw, category_weights, sizeof(cw));
	memcpy(sw, source_weights, sizeof(sw));
	h->category = (enum hazard_category)rng_weighted(r, cw, HC__MAX);
	h->source = (enum hazard_source)rng_weighted(r, sw, HS__MAX);
	hazard_text(g, gi, h);
	while (age > status_by_age[mix_row].max_age)
		mix_row++;
	h->status = (enum hazard_status)rng_weighted(r, status_by_age[mix_row].mix, HZ_STATUS__MAX);

	switch (h->status) {
	case HZ_OPEN:
		break;
	case HZ_RECTIFYING:
		dl = hazard_plan(g, h, found);
		if (rng_permille(r, 50)) { /* submitted once and sent back */
			h->rejections = 1;
			hazard_evidence(g, h, "");
		}
		break;
	case HZ_PENDING_ACCEPTANCE:
		dl = hazard_plan(g, h, found);
		h->rejections = rng_permille(r, 60) ? 1 : 0;
		hazard_evidence(g, h, "");
		break;
	case HZ_CLOSED:
		if (h->grade == HG_GENERAL && rng_permille(r, 450)) {
			/* 立查立改: fixed on the spot, no plan, on time by definition. */
			closed = min32(found + (rng_permille(r, 700) ? 0 : rng_range(r, 1, 3)), g->today);
			h->closed_on_time = 1;
			hazard_evidence(g, h, "立查立改：");
		} else {
			dl = hazard_plan(g, h, found);
			on_time = rng_permille(r, h->grade == HG_MAJOR ? 750 : 860);
			if (on_time || dl >= g->today) {
				end = min32(dl, g->today);
				closed = rng_range(r, found + 1 <= end ? found + 1 : found, end);
			} else {
				closed = rng_range(r, dl + 1, min32(dl + 90, g->today));
			}
			h->closed_on_time = closed <= dl;
			h->rejections = rng_permille(r, 60) ? 1 : 0;
			hazard_evidence(g, h, "");
		}
		day_text(closed, h->closed_on);
		break;
	case HZ_VOID:
	case HZ_STATUS__MAX:
		if (rng_permille(r, 500))
			dl = hazard_plan(g, h, found);
		break;
	}
	/* 挂牌督办: half the major ones under way or closed; delisted on closing. */
	if (h->grade == HG_MAJOR && h->status != HZ_OPEN && h->status != HZ_VOID &&
	    rng_permille(r, 500)) {
		int lv = (int)rng_below(r, 100);

		h->listing_level = lv < 55 ? LIST_COUNTY : lv < 90 ? LIST_CITY : LIST_PROVINCE;
		h->listing_org = gi && gi->dept ? gi->dept : g->office_id;
		end = h->status == HZ_CLOSED ? closed : g->today;
		day_text(found + rng_range(r, 0, min32(10, end - found)), h->listed_on);
		snprintf(h->listing_deadline, sizeof(h->listing_deadline), "%s", h->original_deadline);
		if (h->status == HZ_CLOSED)
			day_text(closed + rng_range(r, 0, min32(5, g->today - closed)), h->delisted_on);
		g->listed++;
	}
	g->status_count[h->status]++;
	g->major += h->grade == HG_MAJOR;
}

/* n hazards; with log, progress every two seconds. */
static int
create_hazards(struct gen *g, int64_t n, FILE *log, struct error *e)
{
	struct hazard *h;
	struct timespec t0;
	double last = 0, now;
	int in_tx = 0, rc = -1;

	if (n == 0)
		return 0;
	if (g->nents == 0)
		return err_set(e, ERR_INVALID, NULL,
			       "region %s has no enterprises for the hazards; pass --enterprises N",
			       g->reg.code);
	if ((h = malloc(sizeof(*h))) == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int64_t i = 0; i < n; i++) {
		if (!in_tx) {
			if (store_tx_begin(g->st, e) != 0)
				goto out_free;
			in_tx = 1;
		}
		make_hazard(g, h, i, n);
		if (store_hazard_import(g->st, &g->a, h, e) != 0) {
			store_tx_rollback(g->st);
			goto out_free;
		}
		if ((i + 1) % g->batch != 0 && i + 1 != n)
			continue;
		in_tx = 0;
		if (store_tx_commit(g->st, e) != 0)
			goto out_free;
		now = seconds_since(&t0);
		if (log != NULL && (now - last >= 2.0 || i + 1 == n)) {
			fprintf(log, "gen: hazards %lld/%lld (%.0f%%), %.0f/s\n", (long long)(i + 1),
				(long long)n, 100.0 * (double)(i + 1) / (double)n,
				(double)(i + 1) / (now > 0 ? now : 1));
			fflush(log);
			last = now;
		}
	}
	if (log != NULL)
		fprintf(log, "gen: %lld hazards in %.1f s\n", (long long)n, seconds_since(&t0));
	rc = 0;
out_free:
	free(h);
	return rc;
}

/* ---- the demo's hazards ---- */

int
cli_gen_hazards(struct store *st, const struct actor *a, const char *region, long long n,
		uint64_t seed, struct error *e)
{
	struct gen *g = calloc(1, sizeof(*g));
	struct org_found depts = { .kind = ORG_DEPARTMENT }, office = { .kind = ORG_OFFICE };
	int rc = -1;

	if (g == NULL)
		return err_set(e, ERR_INTERNAL, NULL, "out of memory");
	g->st = st;
	g->a = *a;
	g->batch = GEN_BATCH;
	g->today = date_shanghai(time(NULL));
	rng_seed(&g->rh, seed, 2);
	depts.g = office.g = g;
	/* Which department lists which industry's hazards: the scan without a
	 * name notes the departments there are, and changes none. */
	if (store_region_get(st, region, &g->reg, e) != 0 ||
	    store_industry_list(st, collect_industry, g, e) != 0 || load_enterprises(g, e) != 0 ||
	    scan_orgs(g, &depts, e) != 0 || scan_orgs(g, &office, e) != 0)
		goto out_free;
	if (!office.found) {
		err_set(e, ERR_INVALID, "region", "region %s has no office to list hazards", region);
		goto out_free;
	}
	g->office_id = office.o.id;
	rc = create_hazards(g, n, NULL, e);
out_free:
	free(g->ents);
	free(g);
	return rc;
}

/* ---- the command ---- */

static int
parse_count(const char *s, long long max, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno != 0 || end == s || *end != '\0' || *out < 0 || *out > max ? -1 : 0;
}

/*
 * `hazardnet gen`: parse and check the options (usage errors return 2), then
 * departments and office, enterprises and hazards, each step's writes in
 * transactions of --batch. Returns 0, or 1 when the store refuses something
 * (what was committed before stays: rerun with another seed to add more).
 */
int
cmd_gen(struct cli *cli, struct store *st, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "enterprises", required_argument, NULL, 'e' },
		{ "hazards", required_argument, NULL, 'm' },
		{ "seed", required_argument, NULL, 's' },
		{ "region", required_argument, NULL, 'r' },
		{ "today", required_argument, NULL, 't' },
		{ "batch", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cmd *c = cli_find("gen");
	struct gen *g;
	struct error e = { 0 };
	struct timespec t0;
	const char *region = "540100000000", *today = NULL;
	long long nent = -1, nhaz = -1, batch = GEN_BATCH;
	unsigned long long seed = 1;
	char *end, daybuf[DATE_LEN];
	int32_t day = 0;
	int ch, rc = 1;

	(void)cli;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			if (parse_count(optarg, GEN_MAX_ENTERPRISES, &nent) != 0)
				return cli_usage_error(c, "--enterprises takes a count from 0 to %d, not '%s'",
						       GEN_MAX_ENTERPRISES, optarg);
			break;
		case 'm':
			if (parse_count(optarg, GEN_MAX_HAZARDS, &nhaz) != 0)
				return cli_usage_error(c, "--hazards takes a count from 0 to %lld, not '%s'",
						       GEN_MAX_HAZARDS, optarg);
			break;
		case 's':
			errno = 0;
			seed = strtoull(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' || optarg[0] == '-')
				return cli_usage_error(c, "--seed takes a non-negative integer, not '%s'", optarg);
			break;
		case 'r':
			if (region_level_of(optarg) < 0)
				return cli_usage_error(c, "--region takes a 12-digit region code, not '%s'", optarg);
			region = optarg;
			break;
		case 't':
			today = optarg;
			break;
		case 'b':
			if (parse_count(optarg, 100000, &batch) != 0 || batch < 1)
				return cli_usage_error(c, "--batch takes a count from 1 to 100000, not '%s'", optarg);
			break;
		default:
			return cli_usage_error(c, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
	if (nent < 0 || nhaz < 0)
		return cli_usage_error(c, "%s is required", nent < 0 ? "--enterprises" : "--hazards");
	if (today != NULL && date_parse(today, &day) != 0)
		return cli_usage_error(c, "--today takes a date YYYY-MM-DD, not '%s'", today);
	if ((g = calloc(1, sizeof(*g))) == NULL)
		return cli_fail("out of memory");
	g->st = st;
	g->batch = (int)batch;
	g->today = today != NULL ? day : date_shanghai(time(NULL));
	cli_actor(&g->a);
	snprintf(g->a.login, sizeof(g->a.login), "gen");
	rng_seed(&g->re, seed, 1);
	rng_seed(&g->rh, seed, 2);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	if (store_region_get(st, region, &g->reg, &e) != 0) {
		rc = e.code == ERR_NOT_FOUND
			     ? cli_usage_error(c, "region '%s' is not in the store; run 'hazardnet region "
						  "import' first", region)
			     : cli_fail("cannot read region '%s': %s", region, e.message);
		goto out_free;
	}
	if (store_industry_list(st, collect_industry, g, &e) != 0) {
		rc = cli_fail("cannot read the industries: %s", e.message);
		goto out_free;
	}
	if (g->ninds == 0) {
		rc = cli_fail("there are no active industries; run 'hazardnet init' first");
		goto out_free;
	}
	if (walk_regions(g, &g->reg, g->reg.level == REGION_COUNTY ? g->reg.name : "", &e) != 0) {
		rc = cli_fail("cannot walk region '%s': %s", region, e.message);
		goto out_free;
	}
	/* A region whose subdivisions were not imported holds the enterprises itself. */
	if (g->nleaves == 0 && add_leaf(g, &g->reg, g->reg.name) != 0) {
		rc = cli_fail("out of memory");
		goto out_free;
	}
	day_text(g->today, daybuf);
	printf("gen: region %s %s: %zu towns, %d industries, seed %llu, today %s\n", g->reg.code,
	       g->reg.name, g->nleaves, g->ninds, seed, daybuf);
	if (load_enterprises(g, &e) != 0) {
		rc = cli_fail("cannot read the enterprises: %s", e.message);
		goto out_free;
	}
	if (nhaz > 0 && nent == 0 && g->nents == 0) {
		rc = cli_usage_error(c, "region %s has no enterprises for the hazards; pass --enterprises N",
				     g->reg.code);
		goto out_free;
	}
	if (store_tx_begin(st, &e) != 0 || ensure_departments(g, &e) != 0 || ensure_office(g, &e) != 0 ||
	    store_tx_commit(st, &e) != 0) {
		store_tx_rollback(st);
		rc = cli_fail("cannot set up the departments: %s", e.message);
		goto out_free;
	}
	printf("gen: departments: %d created, %d given more industries; office id %lld\n",
	       g->depts_created, g->depts_updated, (long long)g->office_id);
	if (create_enterprises(g, nent, seed, &e) != 0) {
		rc = cli_fail("cannot create enterprises: %s", e.message);
		goto out_free;
	}
	if (create_hazards(g, nhaz, stdout, &e) != 0) {
		rc = cli_fail("cannot create hazards: %s%s%s%s", e.message, e.field[0] ? " (field " : "",
			      e.field, e.field[0] ? ")" : "");
		goto out_free;
	}
	printf("gen: done in %.1f s: %zu enterprises in the region; %lld hazards: open %lld, "
	       "rectifying %lld, pending_acceptance %lld, closed %lld, void %lld; major %lld, "
	       "listed %lld, extended %lld\n",
	       seconds_since(&t0), g->nents, nhaz, (long long)g->status_count[HZ_OPEN],
	       (long long)g->status_count[HZ_RECTIFYING],
	       (long long)g->status_count[HZ_PENDING_ACCEPTANCE], (long long)g->status_count[HZ_CLOSED],
	       (long long)g->status_count[HZ_VOID], (long long)g->major, (long long)g->listed,
	       (long long)g->extended);
	rc = 0;
out_free:
	free(g->leaves);
	free(g->ents);
	free(g);
	return rc;
}
