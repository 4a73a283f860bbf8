-- create.lua — POST /api/v1/hazards with varied bodies: an enterprise drawn
-- from $BENCH_IDS (one id a line, all in the caller's scope), a title made
-- of place + object + defect, every category, grade general, found today
-- ($BENCH_TODAY, Asia/Shanghai). Counts 201s and everything else.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local places = { "一号车间", "二号车间", "成品仓库", "原料库房", "配电室", "锅炉房", "办公楼",
	"员工宿舍", "厨房", "装卸区", "生产现场", "楼梯间", "机修间", "停车场" }
local objects = { "灭火器", "消火栓", "配电箱", "应急照明灯", "安全出口指示标志", "电气线路",
	"防护栏杆", "砂轮机", "有限空间", "储罐", "叉车", "压力容器" }
local defects = { "损坏", "缺失", "超期未检验", "锈蚀严重", "防护装置缺失", "压力不足",
	"接地不良", "老化破损", "被遮挡", "存在泄漏" }
local categories = { "unsafe_condition", "unsafe_condition", "unsafe_act", "environment", "management" }
local sources = { "inspection", "supervision", "tip_off", "other" }

local ids = {}
local today = assert(os.getenv("BENCH_TODAY"), "BENCH_TODAY")
local n = 0

wrk.method = "POST"
wrk.path = "/api/v1/hazards"
wrk.headers["Content-Type"] = "application/json"

function init(args)
	local path = assert(os.getenv("BENCH_IDS"), "BENCH_IDS")
	for line in io.lines(path) do
		ids[#ids + 1] = tonumber(line)
	end
	assert(#ids > 0, "no enterprise ids in " .. path)
	math.randomseed(os.time() + (id or 0) * 7919)
end

local function pick(t)
	return t[math.random(#t)]
end

function request()
	n = n + 1
	local place, object, defect = pick(places), pick(objects), pick(defects)
	local body = string.format(
		'{"enterprise_id":%d,"title":"%s%s%s","description":"压测：%s的%s%s，需限期整改（%d）",' ..
		'"location":"%s","category":"%s","grade":"general","source":"%s","found_at":"%s"}',
		pick(ids), place, object, defect, place, object, defect, n, place, pick(categories),
		pick(sources), today)
	return wrk.format(nil, nil, nil, body)
end

common.install("create", 201)
