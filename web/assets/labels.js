// Every word the user reads lives here or in the page templates: the server
// speaks machine names ("enterprise", "operating") and English diagnostics,
// and this module turns them into Simplified Chinese.

export const PRODUCT_NAME = '隐患排查治理“一张网”';

export const ROLES = {
  admin: '系统管理员',
  office: '安委办',
  regulator: '监管部门',
  inspector: '执法人员',
  enterprise: '企业',
  leader: '领导',
};

export const ORG_KINDS = {
  committee: '安委会',
  office: '安委办',
  department: '部门',
  enterprise: '生产经营单位',
  agency: '技术服务机构',
};

export const ORG_STATUS = { operating: '在营', suspended: '停产', closed: '关闭' };

export const SCALES = { above: '规上', below: '规下' };

export const HAZARD_LEVELS = ['无重大危险源', '一级', '二级', '三级', '四级'];

export const STANDARD_GRADES = ['无', '一级', '二级', '三级'];

export const RISK_COLOURS = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };

// 双重预防 (DESIGN §3.2): the API's names → what people read.
export const RISK_LEVELS = { major: '重大风险', larger: '较大风险', general: '一般风险', low: '低风险' };
export const RISK_LEVEL_COLOUR = { major: 'red', larger: 'orange', general: 'yellow', low: 'blue' };
export const RISK_KINDS = { equipment: '设备设施', operation: '作业活动', place: '场所区域' };
export const CONTROL_TIERS = { company: '公司', workshop: '车间', team: '班组', post: '岗位' };
export const MEASURE_KINDS = {
  engineering: '工程技术措施', management: '管理措施', training: '培训教育措施', ppe: '个体防护措施', emergency: '应急处置措施',
};
export const CADENCES = { daily: '每日', weekly: '每周', monthly: '每月', quarterly: '每季度', yearly: '每年' };
export const CHECK_RESULTS = { ok: '正常', na: '不适用', hazard: '发现隐患' };
export const CHECK_TASK_STATUS = { pending: '待排查', done: '已排查' };
export const INSPECTION_TYPES = {
  routine: '日常检查', random: '双随机抽查', special: '专项检查', unannounced: '四不两直',
  cross_region: '异地交叉检查', expert: '专家检查',
};
// How often each colour is due (months from the server's configuration).
export function inspectionFrequency(months) {
  if (!months) return '仅随机抽查';
  return { 1: '每月', 2: '每两个月', 3: '每季度', 4: '每四个月', 6: '每半年', 12: '每年' }[months] || `每 ${months} 个月`;
}
export const RISK_METHODS = { lec: '作业条件危险性分析法（LEC）', ls: '风险矩阵法（LS）' };
// What each value of the methods' tables means (the tables themselves come from /risk-methods).
export const LEC_MEANINGS = {
  l: { 10: '完全可以预料', 6: '相当可能', 3: '可能，但不经常', 1: '可能性小，完全意外', 0.5: '很不可能，可以设想', 0.2: '极不可能', 0.1: '实际不可能' },
  e: { 10: '连续暴露', 6: '每天工作时间内暴露', 3: '每周一次或偶然暴露', 2: '每月一次暴露', 1: '每年几次暴露', 0.5: '非常罕见地暴露' },
  c: { 100: '大灾难，许多人死亡', 40: '灾难，数人死亡', 15: '非常严重，一人死亡', 7: '严重，重伤', 3: '重大，致残', 1: '引人注目，需要救护' },
};
export const LS_MEANINGS = {
  l: { 5: '极有可能', 4: '很可能', 3: '可能', 2: '较不可能', 1: '基本不可能' },
  s: { 5: '特别重大', 4: '重大', 3: '较大', 2: '一般', 1: '轻微' },
};

export const REGION_LEVELS = {
  province: '省',
  city: '市',
  county: '县（区）',
  town: '乡镇（街道）',
  village: '村（社区）',
};

export const SEVERITIES = {
  high: '紧急', major: '重大', medium: '一般', normal: '一般', low: '提示', info: '提示',
  danger: '紧急', warning: '提醒',
};

// Hazards (隐患): the enums of the hazard API, in display order.
export const HAZARD_STATUS = {
  open: '待整改',
  rectifying: '整改中',
  pending_acceptance: '待验收',
  closed: '已销号',
  void: '已作废',
};

export const HAZARD_GRADES = { general: '一般隐患', major: '重大隐患' };

export const HAZARD_CATEGORIES = {
  unsafe_act: '人的不安全行为',
  unsafe_condition: '物的不安全状态',
  environment: '环境因素',
  management: '管理缺陷',
};

export const HAZARD_SOURCES = {
  self_check: '企业自查',
  inspection: '执法检查',
  supervision: '督导检查',
  tip_off: '群众举报',
  other: '其他',
};

// Sources an enterprise may report (its own checks).
export const ENTERPRISE_SOURCES = ['self_check', 'other'];

export const LISTING_LEVELS = { province: '省级', city: '市级', county: '县级' };

// Transition events: the verb on the button, and the line in the timeline.
export const HAZARD_EVENTS = {
  report: '上报隐患',
  plan: '制定整改方案',
  fix_now: '立查立改',
  submit: '提交验收',
  accept: '验收销号',
  reject: '退回整改',
  extend: '延期',
  void: '作废',
  list: '挂牌督办',
  delist: '摘牌',
  import: '导入历史记录',   // recorded in its state by `hazardnet gen` or an import
};

export const ATTACHMENT_KINDS = { before: '整改前', after: '整改后', report: '报告文件' };

// Plans (行动计划): the parsed outline, the units it names, the tasks of a
// published plan.
export const PLAN_STATUS = { draft: '草稿', published: '已发布' };

export const PLAN_NODE_KINDS = {
  plan: '方案',
  section: '章节',
  topic: '专题',
  special: '专项',
  task: '任务',
  item: '事项',
};

// A sub-plan (附件) is a 专题 or a 专项 plan.
export const PLAN_CATEGORIES = { topic: '专题方案', special: '专项方案' };

// The roles a unit plays in a node (the parser's field names).
export const PLAN_UNIT_ROLES = { lead: '牵头', co: '配合', localities: '属地', overseer: '督导' };

export const TASK_STATUS = { not_started: '未开始', in_progress: '进行中', done: '已完成' };

export const TASK_ROLES = { lead: '牵头', co: '配合', locality: '属地' };

// Monthly progress reports (填报进度) and the office's board (报送情况).
export const REPORT_STATES = { reported: '已报送', missing: '未报送', late: '逾期报送' };

// The two lists (两个清单) and notices (督办通报).
export const PROBLEM_STATUS = { open: '待整改', rectifying: '整改中', closed: '已销号' };
export const PLAN_MEASURE_KINDS = { rule: '制度', standard: '标准', mechanism: '机制' };
export const MEASURE_STATUS = { planned: '计划制定', drafting: '起草中', issued: '已出台' };
export const NOTICE_KINDS = { supervise: '督办', bulletin: '通报', interview: '约谈', expose: '曝光', praise: '表扬' };

// "2026" → "2026年度报告", "final" → "总结报告".
export function planReportLabel(period) {
  return period === 'final' ? '总结报告' : `${period}年度报告`;
}

// "2026-11" → "2026年11月".
export function monthLabel(period) {
  const m = /^(\d{4})-(\d{2})$/.exec(period || '');
  return m ? `${m[1]}年${Number(m[2])}月` : (period || '');
}

// The assessment (考核): its indicators, grades and vetoes.
export const ASSESS_INDICATORS = {
  report_on_time: '按时报送率', task_completion: '任务完成率', target_attainment: '目标达成率',
  major_closure: '重大隐患整改率', hazard_overdue: '隐患未逾期率',
};
export const ASSESS_GRADES = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };
export const ASSESS_VETOES = { major_hazard_overdue: '存在逾期未整改重大隐患', task_overdue: '任务逾期超过规定天数' };

// 亮灯: red overdue, yellow due within 30 days, green on track.
export const PLAN_LIGHTS = { red: '逾期', yellow: '临期', green: '正常' };

export const TARGET_COMPARATORS = {
  '>=': '不低于', '<=': '不高于', '>': '高于', '<': '低于', decrease: '下降', increase: '提高',
};

export const RECURRENCE_EVERY = {
  day: '每日', week: '每周', month: '每月', quarter: '每季度', half_year: '每半年', year: '每年',
};

export const PLAN_SEVERITIES = { warning: '警告', note: '提示' };

// The parser's diagnostics are English; each known form gets its Chinese
// sentence, with the quoted parts of the original kept.
const PLAN_DIAGNOSTICS = [
  [/^numbering starts at '(.*)'$/, (m) => `编号从“${m[1]}”开始`],
  [/^numbering style changes: '(.*)' follows '(.*)'$/, (m) => `编号样式不一致：“${m[1]}”接在“${m[2]}”之后`],
  [/^numbering repeats '(.*)'$/, (m) => `编号“${m[1]}”重复`],
  [/^numbering skips from '(.*)' to '(.*)'$/, (m) => `编号从“${m[1]}”跳到“${m[2]}”，中间有缺号`],
  [/^numbering goes back from '(.*)' to '(.*)'$/, (m) => `编号从“${m[1]}”倒退到“${m[2]}”`],
  [/^unbalanced '(.*)': nothing to close$/, (m) => `括号不配对：“${m[1]}”前面没有对应的左括号`],
  [/^unbalanced '(.*)': not closed$/, (m) => `括号不配对：“${m[1]}”没有闭合`],
  [/^no item (\d+) for this responsibility clause$/, (m) => `责任分工所指的第 ${m[1]} 项不存在`],
  [/^attachment '(.*)' is omitted \('略'\)$/, (m) => `“${m[1]}”标注为“略”，正文未收录`],
  [/^attachment (\d+) '(.*)' is listed but not attached$/, (m) => `附件${m[1]}“${m[2]}”已列出，但正文中没有`],
  [/^year written without '年' in '(.*)'$/, (m) => `“${m[1]}”中的年份缺少“年”字`],
  [/^no such date: '(.*)'$/, (m) => `日期不存在：“${m[1]}”`],
  [/^unit name '(.*)' read as '(.*)'$/, (m) => `单位名称“${m[1]}”按“${m[2]}”识别`],
  [/^garbled responsibility clause/, () => '责任分工表述有误：单位名单中夹有职责用语'],
  [/^units after ',' in a lead list taken as cooperating$/, () => '牵头单位名单中逗号后的单位按配合单位处理'],
];

export function planDiagnostic(message) {
  for (const [re, f] of PLAN_DIAGNOSTICS) {
    const m = re.exec(message || '');
    if (m) return f(m);
  }
  if (message && CJK.test(message) && !/[a-z]{3}/i.test(message)) return message;
  return '此处格式可能有误，请核对原文';
}

// Workbench counters the UI knows how to name; unknown keys are not shown
// rather than shown in English.
export const COUNT_LABELS = {
  orgs: '单位',
  enterprises: '企业',
  users: '用户',
  industries: '行业',
  todos: '待办',
  hazards: '隐患',
  hazards_open: '未闭环隐患',
  hazards_overdue: '逾期隐患',
  hazards_pending: '待验收隐患',
  inspections_due: '待检查企业',
  major_hazards: '重大隐患',
  major_hazards_open: '未销号重大隐患',
  risks: '风险点',
  tasks: '任务',
  tasks_overdue: '逾期任务',
  plans: '行动计划',
  inspections: '执法检查',
  tipoffs: '举报',
  accidents: '事故',
};

// Field names as the API spells them → what a person calls them. Used to
// word field errors when the server's message is not Chinese.
export const FIELD_LABELS = {
  login: '账号',
  password: '密码',
  name: '名称',
  phone: '联系电话',
  role: '角色',
  org_id: '所属单位',
  active: '状态',
  kind: '单位类型',
  region_code: '所在地区',
  credit_code: '统一社会信用代码',
  industry: '行业',
  industries: '监管行业',
  scale: '规模',
  major_hazard_level: '重大危险源等级',
  standard_grade: '安全生产标准化等级',
  status: '经营状态',
  address: '地址',
  lat: '纬度',
  lon: '经度',
  safety_director: '安全负责人',
  code: '代码',
  version: '版本',
  enterprise_id: '企业',
  title: '隐患名称',
  description: '隐患描述',
  location: '隐患部位',
  category: '隐患类别',
  grade: '隐患等级',
  basis: '判定依据',
  source: '隐患来源',
  found_at: '发现日期',
  plan: '整改方案',
  'plan.responsible': '整改责任人',
  'plan.measures': '整改措施',
  'plan.funds': '整改资金',
  'plan.deadline': '整改期限',
  'plan.contingency': '应急预案',
  event: '操作',
  comment: '备注',
  evidence: '整改情况',
  reason: '原因',
  deadline: '整改期限',
  level: '督办级别',
  listing_deadline: '督办期限',
  file: '文件',
  year: '年度',
  q: '搜索内容',
  hazard_factors: '危险有害因素',
  accident_types: '可能导致的事故类型',
  assessment: '风险评价',
  'assessment.method': '评价方法',
  'assessment.l': 'L 值',
  'assessment.e': 'E 值',
  'assessment.c': 'C 值',
  'assessment.s': 'S 值',
  measures: '管控措施',
  tier: '管控层级',
  responsible: '责任人',
  review_on: '下次评审日期',
  risk_id: '风险点',
  measure: '对应措施',
  what: '排查内容',
  how: '排查方法',
  cadence: '排查周期',
  result: '排查结果',
  note: '排查情况',
  hazard: '隐患信息',
  'hazard.category': '隐患类别',
  'hazard.grade': '隐患等级',
  'hazard.basis': '判定依据',
};

const CODE_MESSAGES = {
  network: '无法连接服务器，请检查网络后重试',
  malformed: '请求格式有误',
  unauthorized: '账号或密码错误',
  account_locked: '账号已被锁定，请稍后再试或联系系统管理员',
  forbidden: '您没有执行此操作的权限',
  not_found: '记录不存在或不在您的管辖范围内',
  method_not_allowed: '不支持该操作',
  conflict: '与已有记录冲突',
  stale_version: '该记录已被他人修改，请重新加载后再保存',
  too_large: '提交的内容过大',
  unsupported_media_type: '不支持的内容类型',
  invalid: '填写的内容不正确',
  rate_limited: '操作过于频繁，请稍后再试',
  io_error: '服务器文件读写出错，请稍后再试',
  store_error: '服务器数据库出错，请稍后再试',
  internal: '服务器内部错误，请稍后再试',
};

// Field errors whose meaning is clear from the field alone (the form has
// already checked that required values are there).
const FIELD_MESSAGES = {
  'invalid found_at': '发现日期不正确（不能晚于今天）',
  'invalid basis': '重大隐患须填写判定依据',
  'invalid source': '企业只能上报自查发现（或其他来源）的隐患',
  'invalid plan': '请填写整改方案',
  'invalid plan.deadline': '整改期限不正确（不能早于发现日期）',
  'invalid plan.funds': '重大隐患须填写整改资金，且不能为负数',
  'conflict event': '该隐患当前的状态不允许此操作，请刷新后查看',
  'forbidden event': '您的角色不能执行此操作',
  'conflict period': '该任务本月已报送进度，同一月份只能报送一次',
  'invalid period': '报送月份不正确',
  'invalid percent': '完成进度应为 0 到 100 之间的整数',
  'invalid text': '请填写进展情况（不超过 3000 字节，约 1000 个汉字）',
  'invalid found_on': '发现日期不正确（不能晚于今天）',
  'invalid closed_on': '销号日期不正确：已销号的问题须填写销号日期，且不早于发现日期、不晚于今天',
  'invalid responsible': '请填写整改责任人',
  'invalid hazard_id': '该隐患不存在或不在您的管辖范围内',
  'invalid task_id': '请选择本单位在该方案中的任务',
  'invalid doc_number': '已出台的制度措施须填写发文文号',
  'invalid issued_on': '已出台的制度措施须填写出台日期（不能晚于今天）',
  'conflict status': '状态只能向前推进，已销号或已出台的条目不能再修改',
  'invalid targets': '请选择督办通报对象（须为您管辖范围内的单位）',
  'invalid tasks': '所引用的任务不存在或不在您的管辖范围内',
  'invalid hazards': '所引用的隐患不存在或不在您的管辖范围内',
  'invalid due_on': '督办须填写回复期限，且不早于发文日期',
  'invalid plan_id': '所选方案不存在或不在您的管辖范围内',
  'invalid issuer_org_id': '请选择发文单位（安委办或安委会）',
  'invalid year_report_day': '年度报告日期应为“月-日”，如 12-20',
  'invalid weights': '各项指标权重须为 0 到 100 的整数，且合计为 100',
  'invalid bands': '等级分数线须在 0 到 100 之间，且优秀 > 良好 > 合格',
  'invalid veto.task_overdue_days': '逾期天数须为 0 到 3650 之间的整数（0 表示不启用）',
  'invalid veto.cap': '请选择否决后的最高等级',
  'invalid half': '通报期间应为某年上半年或下半年',
  'invalid month': '统计月份不正确',
  'invalid inspector_ids': '检查人员须为本单位至少两名不同的执法人员或监管人员',
  'invalid date': '检查日期不正确（不能晚于今天）',
  'invalid summary': '请填写检查情况（不超过 4000 字节，约 1300 个汉字）',
  'invalid type': '请选择检查类型',
  'not_found enterprise_id': '该企业不存在或不在您的监管范围内',
};

const CJK = /[\u3400-\u9fff]/;

// Fields whose conflict (409) means "that value is taken".
const UNIQUE_FIELDS = ['login', 'credit_code', 'code', 'name'];

// The Chinese sentence to show for an API error. A server message that is
// already Chinese is shown as it is; otherwise the wording comes from the
// error code and the field it names.
export function errorMessage(code, message, field, status) {
  // A plan cannot be published while a lead unit has no org: the server
  // names the first such unit ("map the lead unit 'X' to an org …").
  if (code === 'conflict' && field === 'units') {
    const m = /'([^']+)'/.exec(message || '');
    return m ? `牵头单位“${m[1]}”尚未对应到系统中的单位，请先在“单位对应”中为其选择单位后再发布`
      : '还有牵头单位尚未对应到系统中的单位，请先完成单位对应后再发布';
  }
  if (field && FIELD_MESSAGES[`${code} ${field}`]) return FIELD_MESSAGES[`${code} ${field}`];
  if (message && CJK.test(message)) return message;
  const label = field && FIELD_LABELS[field];
  if (label) {
    if (code === 'invalid' && field === 'credit_code') return '统一社会信用代码不正确（格式或校验位有误）';
    if (code === 'invalid' && field === 'password') return '密码不符合要求（至少8位）';
    if (code === 'invalid') return `${label}填写不正确`;
    if (code === 'conflict' && UNIQUE_FIELDS.includes(field)) return `${label}已存在`;
    if (code === 'conflict' && (field === 'active' || field === 'role')) return '不能停用自己的账号或取消自己的管理员角色';
  }
  if (code && CODE_MESSAGES[code]) return CODE_MESSAGES[code];
  if (status >= 500) return CODE_MESSAGES.internal;
  return status ? `操作失败（错误代码 ${status}）` : '操作失败';
}
