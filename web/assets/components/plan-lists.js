// 两个清单 and the yearly/final reports of a published plan, as tabs on its
// page (?list=problems|measures|reports): 问题隐患清单 (problems found, or
// hazards of the hazard network linked), 制度措施清单 (rules, standards,
// mechanisms: planned → drafting → issued with the issuing document), and
// 年度/总结报告 (each org with tasks files one a year by the plan's yearly
// day, and a final one; the board shows who has not). Users of an org with
// tasks keep its lists; office, admin and leader read every org's (filter
// ?org=), other roles their own org's.

import { api, getAll } from '../api.js';
import { PROBLEM_STATUS, PLAN_MEASURE_KINDS, MEASURE_STATUS, planReportLabel } from '../labels.js';
import { route, navigate } from '../router.js';
import { formatTime, todayShanghai } from '../forms.js';
import { session } from '../state.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const TEXT_MAX = 3000;
const bytes = (s) => new TextEncoder().encode(s || '').length;
const PROBLEM_ORDER = ['open', 'rectifying', 'closed'];
const MEASURE_ORDER = ['planned', 'drafting', 'issued'];
export const LIST_TABS = { problems: '问题隐患清单', measures: '制度措施清单', reports: '年度/总结报告' };

// The server's refusal in words for this form: its field, else a message.
function landError(e, errors, fields) {
  for (const k of Object.keys(errors)) delete errors[k];
  if (e.code === 'stale_version') errors.form = '该条目已被他人修改，已重新加载，请核对后再保存。';
  else if (e.status === 403) errors.form = '只有在本方案中承担任务的单位可以维护本单位的清单。';
  else if (e.field && fields.includes(e.field)) errors[e.field] = e.message;
  else errors.form = e.message;
}

const blankProblem = () => ({ mode: 'free', hazard_id: '', task_id: '', description: '', found_on: todayShanghai(),
  measures: '', responsible: '', deadline: '', status: 'open', closed_on: '' });
const blankMeasure = () => ({ kind: 'rule', title: '', description: '', task_id: '', status: 'planned', doc_number: '', issued_on: '' });

function checkProblem(f, errors, linked) {
  const today = todayShanghai();
  if (f.mode === 'hazard' && !linked) {
    if (!/^\d+$/.test(String(f.hazard_id).trim()) || Number(f.hazard_id) <= 0) errors.hazard_id = '请填写隐患编号（隐患详情页地址中的数字）';
    return;
  }
  if (linked) return;
  if (!f.description.trim()) errors.description = '请填写问题描述';
  else if (bytes(f.description) > TEXT_MAX) errors.description = `问题描述过长（最多 ${TEXT_MAX} 字节）`;
  if (!f.found_on) errors.found_on = '请填写发现日期';
  else if (f.found_on > today) errors.found_on = '发现日期不能晚于今天';
  if (!f.responsible.trim()) errors.responsible = '请填写整改责任人';
  if (!f.deadline) errors.deadline = '请填写整改期限';
  else if (f.found_on && f.deadline < f.found_on) errors.deadline = '整改期限不能早于发现日期';
  if (bytes(f.measures) > TEXT_MAX) errors.measures = `整改措施过长（最多 ${TEXT_MAX} 字节）`;
  if (f.status === 'closed') {
    if (!f.closed_on) errors.closed_on = '已销号的问题须填写销号日期';
    else if (f.closed_on > today) errors.closed_on = '销号日期不能晚于今天';
    else if (f.found_on && f.closed_on < f.found_on) errors.closed_on = '销号日期不能早于发现日期';
  }
}

function checkMeasure(f, errors) {
  if (!f.title.trim()) errors.title = '请填写制度措施名称';
  if (bytes(f.description) > TEXT_MAX) errors.description = `内容过长（最多 ${TEXT_MAX} 字节）`;
  if (f.status === 'issued') {
    if (!f.doc_number.trim()) errors.doc_number = '已出台的制度措施须填写发文文号';
    if (!f.issued_on) errors.issued_on = '已出台的制度措施须填写出台日期';
    else if (f.issued_on > todayShanghai()) errors.issued_on = '出台日期不能晚于今天';
  }
}

export default {
  props: {
    plan: { type: Object, required: true },
    tasks: { type: Array, default: () => [] },
  },
  setup(props) {
    return useLists(props);
  },
  template: `
    <div class="panel panel-lists">
      <div class="panel-head">
        <h2>清单与报告</h2>
        <div class="tabs" role="tablist">
          <button v-for="(label, k) in LIST_TABS" :key="k" type="button" role="tab" class="tab"
                  :class="{ active: tab === k }" :aria-selected="tab === k ? 'true' : 'false'" @click="setTab(k)">{{ label }}</button>
        </div>
      </div>
      <div v-if="overseer && tab !== 'reports'" class="field list-org-filter">
        <label for="list-org">单位</label>
        <select id="list-org" v-model="orgFilter">
          <option value="">全部单位</option>
          <option v-for="o in taskOrgs" :key="o.id" :value="String(o.id)">{{ o.name }}</option>
        </select>
      </div>

      <template v-if="tab === 'problems'">
        <p class="muted small">记录推进任务中发现的问题和隐患：可关联隐患排查治理“一张网”中的隐患，也可登记独立问题及其整改措施、责任人和期限。</p>
        <div v-if="canWrite" class="action-buttons">
          <button v-if="!adding" type="button" class="btn btn-primary" @click="startAdd">新增问题隐患</button>
        </div>
        <form v-if="adding" class="list-form" novalidate @submit.prevent="saveProblem">
          <h3>新增问题隐患</h3>
          <div class="field">
            <span class="label">类型</span>
            <label class="check"><input type="radio" value="free" v-model="pform.mode"> 独立问题</label>
            <label class="check"><input type="radio" value="hazard" v-model="pform.mode"> 关联已上报的隐患</label>
          </div>
          <div v-if="pform.mode === 'hazard'" class="field required" :class="{ 'has-error': perr.hazard_id }" data-field="hazard_id">
            <label for="p-hazard">隐患编号</label>
            <input id="p-hazard" v-model="pform.hazard_id" inputmode="numeric" placeholder="隐患详情页地址 #/hazards/ 后的数字">
            <p v-if="perr.hazard_id" class="field-error" role="alert">{{ perr.hazard_id }}</p>
          </div>
          <template v-else>
            <div class="field required wide" :class="{ 'has-error': perr.description }" data-field="description">
              <label for="p-desc">问题描述</label>
              <textarea id="p-desc" v-model="pform.description" rows="2"></textarea>
              <p v-if="perr.description" class="field-error" role="alert">{{ perr.description }}</p>
            </div>
            <div class="field required" :class="{ 'has-error': perr.found_on }" data-field="found_on">
              <label for="p-found">发现日期</label>
              <input id="p-found" type="date" v-model="pform.found_on">
              <p v-if="perr.found_on" class="field-error" role="alert">{{ perr.found_on }}</p>
            </div>
            <div class="field wide" :class="{ 'has-error': perr.measures }" data-field="measures">
              <label for="p-measures">整改措施</label>
              <textarea id="p-measures" v-model="pform.measures" rows="2"></textarea>
              <p v-if="perr.measures" class="field-error" role="alert">{{ perr.measures }}</p>
            </div>
            <div class="field required" :class="{ 'has-error': perr.responsible }" data-field="responsible">
              <label for="p-resp">整改责任人</label>
              <input id="p-resp" v-model="pform.responsible">
              <p v-if="perr.responsible" class="field-error" role="alert">{{ perr.responsible }}</p>
            </div>
            <div class="field required" :class="{ 'has-error': perr.deadline }" data-field="deadline">
              <label for="p-deadline">整改期限</label>
              <input id="p-deadline" type="date" v-model="pform.deadline">
              <p v-if="perr.deadline" class="field-error" role="alert">{{ perr.deadline }}</p>
            </div>
            <div class="field" data-field="status">
              <label for="p-status">状态</label>
              <select id="p-status" v-model="pform.status">
                <option v-for="(l, k) in PROBLEM_STATUS" :key="k" :value="k">{{ l }}</option>
              </select>
            </div>
            <div v-if="pform.status === 'closed'" class="field required" :class="{ 'has-error': perr.closed_on }" data-field="closed_on">
              <label for="p-closed">销号日期</label>
              <input id="p-closed" type="date" v-model="pform.closed_on">
              <p v-if="perr.closed_on" class="field-error" role="alert">{{ perr.closed_on }}</p>
            </div>
          </template>
          <div class="field" :class="{ 'has-error': perr.task_id }" data-field="task_id">
            <label for="p-task">所属任务</label>
            <select id="p-task" v-model="pform.task_id">
              <option value="">（不指定）</option>
              <option v-for="t in myTasks" :key="t.id" :value="String(t.id)">{{ t.title }}</option>
            </select>
            <p v-if="perr.task_id" class="field-error" role="alert">{{ perr.task_id }}</p>
          </div>
          <p v-if="perr.form" class="form-error" role="alert">{{ perr.form }}</p>
          <div class="action-buttons">
            <button type="submit" class="btn btn-primary" :disabled="saving">{{ saving ? '正在保存…' : '保存' }}</button>
            <button type="button" class="btn" @click="adding = false">取消</button>
          </div>
        </form>
        <p v-if="problems === null" class="loading">正在加载…</p>
        <p v-else-if="loadFailed" class="muted">加载失败：{{ loadFailed }}</p>
        <p v-else-if="!problems.length" class="empty">暂无问题隐患</p>
        <ul v-else class="list-entries problem-list">
          <li v-for="p in problems" :key="p.id" class="list-entry" :data-entry="p.id" :class="'entry-' + p.status">
            <div class="entry-line">
              <span class="badge" :class="'problem-' + p.status">{{ PROBLEM_STATUS[p.status] }}</span>
              <a v-if="p.hazard" :href="'#/hazards/' + p.hazard.id" class="entry-title">{{ p.hazard.code }} {{ p.hazard.title }}</a>
              <span v-else class="entry-title">{{ p.description }}</span>
              <span class="muted small">{{ p.org_name }}</span>
            </div>
            <div v-if="!p.hazard" class="entry-meta muted small">
              发现 {{ p.found_on || '—' }} · 责任人 {{ p.responsible || '—' }} · 期限 {{ p.deadline || '—' }}<template v-if="p.closed_on"> · 销号 {{ p.closed_on }}</template>
            </div>
            <p v-if="p.measures" class="entry-text">整改措施：{{ p.measures }}</p>
            <template v-if="mine(p) && !p.hazard && p.status !== 'closed'">
              <button v-if="editing !== p.id" type="button" class="btn btn-small" @click="startEdit(p)">更新状态</button>
              <form v-else class="list-form" novalidate @submit.prevent="updateProblem(p)">
                <div class="field" data-field="status">
                  <label :for="'pe-status-' + p.id">状态</label>
                  <select :id="'pe-status-' + p.id" v-model="eform.status">
                    <option v-for="k in forward(PROBLEM_ORDER, p.status)" :key="k" :value="k">{{ PROBLEM_STATUS[k] }}</option>
                  </select>
                </div>
                <div v-if="eform.status === 'closed'" class="field required" :class="{ 'has-error': eerr.closed_on }" data-field="closed_on">
                  <label :for="'pe-closed-' + p.id">销号日期</label>
                  <input :id="'pe-closed-' + p.id" type="date" v-model="eform.closed_on">
                  <p v-if="eerr.closed_on" class="field-error" role="alert">{{ eerr.closed_on }}</p>
                </div>
                <div class="field wide" :class="{ 'has-error': eerr.measures }" data-field="measures">
                  <label :for="'pe-measures-' + p.id">整改措施</label>
                  <textarea :id="'pe-measures-' + p.id" v-model="eform.measures" rows="2"></textarea>
                  <p v-if="eerr.measures" class="field-error" role="alert">{{ eerr.measures }}</p>
                </div>
                <p v-if="eerr.form" class="form-error" role="alert">{{ eerr.form }}</p>
                <div class="action-buttons">
                  <button type="submit" class="btn btn-primary btn-small" :disabled="saving">保存</button>
                  <button type="button" class="btn btn-small" @click="editing = 0">取消</button>
                </div>
              </form>
            </template>
          </li>
        </ul>
      </template>

      <template v-else-if="tab === 'measures'">
        <p class="muted small">梳理需建立健全、补充完善的制度、标准和机制，跟踪从计划制定、起草到正式出台（须填写发文文号和出台日期）。</p>
        <div v-if="canWrite" class="action-buttons">
          <button v-if="!adding" type="button" class="btn btn-primary" @click="startAdd">新增制度措施</button>
        </div>
        <form v-if="adding" class="list-form" novalidate @submit.prevent="saveMeasure">
          <h3>新增制度措施</h3>
          <div class="field required" data-field="kind">
            <label for="m-kind">类别</label>
            <select id="m-kind" v-model="mform.kind">
              <option v-for="(l, k) in PLAN_MEASURE_KINDS" :key="k" :value="k">{{ l }}</option>
            </select>
          </div>
          <div class="field required wide" :class="{ 'has-error': merr.title }" data-field="title">
            <label for="m-title">名称</label>
            <input id="m-title" v-model="mform.title">
            <p v-if="merr.title" class="field-error" role="alert">{{ merr.title }}</p>
          </div>
          <div class="field wide" :class="{ 'has-error': merr.description }" data-field="description">
            <label for="m-desc">主要内容</label>
            <textarea id="m-desc" v-model="mform.description" rows="2"></textarea>
            <p v-if="merr.description" class="field-error" role="alert">{{ merr.description }}</p>
          </div>
          <div class="field" data-field="status">
            <label for="m-status">状态</label>
            <select id="m-status" v-model="mform.status">
              <option v-for="(l, k) in MEASURE_STATUS" :key="k" :value="k">{{ l }}</option>
            </select>
          </div>
          <template v-if="mform.status === 'issued'">
            <div class="field required" :class="{ 'has-error': merr.doc_number }" data-field="doc_number">
              <label for="m-doc">发文文号</label>
              <input id="m-doc" v-model="mform.doc_number" placeholder="如 拉应急发〔2026〕12号">
              <p v-if="merr.doc_number" class="field-error" role="alert">{{ merr.doc_number }}</p>
            </div>
            <div class="field required" :class="{ 'has-error': merr.issued_on }" data-field="issued_on">
              <label for="m-issued">出台日期</label>
              <input id="m-issued" type="date" v-model="mform.issued_on">
              <p v-if="merr.issued_on" class="field-error" role="alert">{{ merr.issued_on }}</p>
            </div>
          </template>
          <div class="field" :class="{ 'has-error': merr.task_id }" data-field="task_id">
            <label for="m-task">所属任务</label>
            <select id="m-task" v-model="mform.task_id">
              <option value="">（不指定）</option>
              <option v-for="t in myTasks" :key="t.id" :value="String(t.id)">{{ t.title }}</option>
            </select>
            <p v-if="merr.task_id" class="field-error" role="alert">{{ merr.task_id }}</p>
          </div>
          <p v-if="merr.form" class="form-error" role="alert">{{ merr.form }}</p>
          <div class="action-buttons">
            <button type="submit" class="btn btn-primary" :disabled="saving">{{ saving ? '正在保存…' : '保存' }}</button>
            <button type="button" class="btn" @click="adding = false">取消</button>
          </div>
        </form>
        <p v-if="measures === null" class="loading">正在加载…</p>
        <p v-else-if="loadFailed" class="muted">加载失败：{{ loadFailed }}</p>
        <p v-else-if="!measures.length" class="empty">暂无制度措施</p>
        <ul v-else class="list-entries measure-list">
          <li v-for="m in measures" :key="m.id" class="list-entry" :data-entry="m.id" :class="'entry-' + m.status">
            <div class="entry-line">
              <span class="badge" :class="'measure-' + m.status">{{ MEASURE_STATUS[m.status] }}</span>
              <span class="badge">{{ PLAN_MEASURE_KINDS[m.kind] }}</span>
              <span class="entry-title">{{ m.title }}</span>
              <span class="muted small">{{ m.org_name }}</span>
            </div>
            <div v-if="m.status === 'issued'" class="entry-meta small">{{ m.doc_number }} · {{ m.issued_on }} 出台</div>
            <p v-if="m.description" class="entry-text">{{ m.description }}</p>
            <template v-if="mine(m) && m.status !== 'issued'">
              <button v-if="editing !== m.id" type="button" class="btn btn-small" @click="startEdit(m)">更新状态</button>
              <form v-else class="list-form" novalidate @submit.prevent="updateMeasure(m)">
                <div class="field" data-field="status">
                  <label :for="'me-status-' + m.id">状态</label>
                  <select :id="'me-status-' + m.id" v-model="eform.status">
                    <option v-for="k in forward(MEASURE_ORDER, m.status)" :key="k" :value="k">{{ MEASURE_STATUS[k] }}</option>
                  </select>
                </div>
                <template v-if="eform.status === 'issued'">
                  <div class="field required" :class="{ 'has-error': eerr.doc_number }" data-field="doc_number">
                    <label :for="'me-doc-' + m.id">发文文号</label>
                    <input :id="'me-doc-' + m.id" v-model="eform.doc_number">
                    <p v-if="eerr.doc_number" class="field-error" role="alert">{{ eerr.doc_number }}</p>
                  </div>
                  <div class="field required" :class="{ 'has-error': eerr.issued_on }" data-field="issued_on">
                    <label :for="'me-issued-' + m.id">出台日期</label>
                    <input :id="'me-issued-' + m.id" type="date" v-model="eform.issued_on">
                    <p v-if="eerr.issued_on" class="field-error" role="alert">{{ eerr.issued_on }}</p>
                  </div>
                </template>
                <p v-if="eerr.form" class="form-error" role="alert">{{ eerr.form }}</p>
                <div class="action-buttons">
                  <button type="submit" class="btn btn-primary btn-small" :disabled="saving">保存</button>
                  <button type="button" class="btn btn-small" @click="editing = 0">取消</button>
                </div>
              </form>
            </template>
          </li>
        </ul>
      </template>

      <template v-else>
        <p class="muted small">每年 {{ yearDayLabel }} 前报送当年开展情况（年度报告），方案期满时报送总结报告；逾期报送的予以标注。</p>
        <form v-if="canManage" class="inline-form year-day-form" novalidate @submit.prevent="saveYearDay">
          <div class="field" :class="{ 'has-error': dayErr }" data-field="year_report_day">
            <label for="year-day">年度报告截止日（月-日）</label>
            <input id="year-day" v-model="yearDay" placeholder="12-20" maxlength="5">
            <p v-if="dayErr" class="field-error" role="alert">{{ dayErr }}</p>
          </div>
          <button type="submit" class="btn btn-small" :disabled="saving">保存截止日</button>
        </form>
        <div class="field">
          <label for="rep-period">报告</label>
          <select id="rep-period" v-model="period">
            <option v-for="p in periods" :key="p" :value="p">{{ planReportLabel(p) }}</option>
          </select>
        </div>
        <p v-if="board === null" class="loading">正在加载…</p>
        <p v-else-if="boardFailed" class="muted">{{ boardFailed }}</p>
        <template v-else>
          <p class="report-summary">截止 {{ board.due }}：应报 {{ board.total }} 家，已报 {{ board.reported }} 家，<span :class="{ 'text-danger': board.missing }">未报 {{ board.missing }} 家</span></p>
          <form v-if="canWrite && !ownFiled" class="list-form" novalidate @submit.prevent="fileReport">
            <h3>报送本单位{{ planReportLabel(period) }}</h3>
            <div class="field required wide" :class="{ 'has-error': rerr.text }" data-field="text">
              <label for="rep-text">报告内容</label>
              <textarea id="rep-text" v-model="rtext" rows="4" placeholder="当年工作开展情况、取得成效、存在问题和下步打算"></textarea>
              <p v-if="rerr.text" class="field-error" role="alert">{{ rerr.text }}</p>
            </div>
            <p v-if="rerr.form" class="form-error" role="alert">{{ rerr.form }}</p>
            <div class="action-buttons">
              <button type="submit" class="btn btn-primary" :disabled="saving">{{ saving ? '正在报送…' : '报送' }}</button>
            </div>
          </form>
          <table class="table cards report-board">
            <thead><tr><th>单位</th><th>状态</th><th>报送时间</th></tr></thead>
            <tbody>
              <tr v-for="r in boardRows" :key="r.org_id" :class="{ 'row-missing': !r.reported }" :data-org="r.org_id">
                <td data-label="单位">{{ r.org_name }}</td>
                <td data-label="状态">
                  <span v-if="!r.reported" class="badge badge-missing">未报送</span>
                  <span v-else-if="r.late" class="badge badge-late">逾期报送</span>
                  <span v-else class="badge badge-reported">已报送</span>
                </td>
                <td data-label="报送时间">{{ r.reported ? formatTime(r.submitted_at) : '—' }}</td>
              </tr>
            </tbody>
          </table>
        </template>
      </template>
    </div>`,
};

function useLists(props) {
  const role = session.user.role;
  const overseer = ['office', 'admin', 'leader'].includes(role);
  const myTasks = computed(() => props.tasks.filter((t) => t.org_id === session.user.org_id));
  const canWrite = computed(() => role !== 'leader' && myTasks.value.length > 0);
  const taskOrgs = computed(() => {
    const m = new Map();
    for (const t of props.tasks) m.set(t.org_id, { id: t.org_id, name: t.org_name });
    return [...m.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  });

  const setQuery = (k, v) => navigate(route.path, { ...route.query, [k]: v }, { replace: true });
  const tab = computed(() => (LIST_TABS[route.query.list] ? route.query.list : 'problems'));
  const orgFilter = computed({ get: () => route.query.org || '', set: (v) => setQuery('org', v) });
  function setTab(k) { adding.value = false; editing.value = 0; setQuery('list', k); }

  const problems = ref(null);
  const measures = ref(null);
  const loadFailed = ref('');
  const adding = ref(false);
  const editing = ref(0);
  const saving = ref(false);
  const pform = reactive(blankProblem());
  const mform = reactive(blankMeasure());
  const eform = reactive({});
  const perr = reactive({});
  const merr = reactive({});
  const eerr = reactive({});

  async function loadList() {
    loadFailed.value = '';
    const kind = tab.value;
    if (kind === 'reports') return;
    const target = kind === 'problems' ? problems : measures;
    target.value = null;
    try {
      target.value = await getAll(`/plans/${props.plan.id}/${kind}`, { limit: 500, org: orgFilter.value || undefined }, 20);
    } catch (e) {
      loadFailed.value = e.message;
      target.value = [];
    }
  }

  const mine = (x) => x.org_id === session.user.org_id && role !== 'leader';
  const forward = (order, from) => order.slice(order.indexOf(from));

  function startAdd() {
    Object.assign(pform, blankProblem());
    Object.assign(mform, blankMeasure());
    for (const e of [perr, merr]) for (const k of Object.keys(e)) delete e[k];
    adding.value = true;
  }
  function startEdit(x) {
    for (const k of Object.keys(eform)) delete eform[k];
    for (const k of Object.keys(eerr)) delete eerr[k];
    Object.assign(eform, { status: x.status, closed_on: x.closed_on || '', measures: x.measures || '',
      doc_number: x.doc_number || '', issued_on: x.issued_on || '' });
    editing.value = x.id;
  }

  async function saveProblem() {
    for (const k of Object.keys(perr)) delete perr[k];
    checkProblem(pform, perr, false);
    if (Object.keys(perr).length) return;
    const body = pform.mode === 'hazard' ? { hazard_id: Number(pform.hazard_id) } : {
      description: pform.description.trim(), found_on: pform.found_on, measures: pform.measures.trim(),
      responsible: pform.responsible.trim(), deadline: pform.deadline, status: pform.status,
    };
    if (pform.mode !== 'hazard' && pform.status === 'closed') body.closed_on = pform.closed_on;
    if (pform.task_id) body.task_id = Number(pform.task_id);
    saving.value = true;
    try {
      await api.post(`/plans/${props.plan.id}/problems`, body);
      adding.value = false;
      await loadList();
    } catch (e) {
      landError(e, perr, ['hazard_id', 'task_id', 'description', 'found_on', 'measures', 'responsible', 'deadline', 'closed_on']);
    } finally {
      saving.value = false;
    }
  }

  async function updateProblem(p) {
    for (const k of Object.keys(eerr)) delete eerr[k];
    checkProblem({ ...p, ...eform, mode: 'free' }, eerr, false);
    if (Object.keys(eerr).length) return;
    const body = { version: p.version, status: eform.status, measures: eform.measures.trim() };
    if (eform.status === 'closed') body.closed_on = eform.closed_on;
    saving.value = true;
    try {
      await api.patch(`/plan-problems/${p.id}`, body);
      editing.value = 0;
      await loadList();
    } catch (e) {
      landError(e, eerr, ['closed_on', 'measures']);
      if (e.code === 'stale_version' || e.code === 'conflict') await loadList();
    } finally {
      saving.value = false;
    }
  }

  async function saveMeasure() {
    for (const k of Object.keys(merr)) delete merr[k];
    checkMeasure(mform, merr);
    if (Object.keys(merr).length) return;
    const body = { kind: mform.kind, title: mform.title.trim(), description: mform.description.trim(), status: mform.status };
    if (mform.status === 'issued') Object.assign(body, { doc_number: mform.doc_number.trim(), issued_on: mform.issued_on });
    if (mform.task_id) body.task_id = Number(mform.task_id);
    saving.value = true;
    try {
      await api.post(`/plans/${props.plan.id}/measures`, body);
      adding.value = false;
      await loadList();
    } catch (e) {
      landError(e, merr, ['title', 'description', 'task_id', 'doc_number', 'issued_on']);
    } finally {
      saving.value = false;
    }
  }

  async function updateMeasure(m) {
    for (const k of Object.keys(eerr)) delete eerr[k];
    checkMeasure({ ...m, ...eform }, eerr);
    if (Object.keys(eerr).length) return;
    const body = { version: m.version, status: eform.status };
    if (eform.status === 'issued') Object.assign(body, { doc_number: eform.doc_number.trim(), issued_on: eform.issued_on });
    saving.value = true;
    try {
      await api.patch(`/plan-measures/${m.id}`, body);
      editing.value = 0;
      await loadList();
    } catch (e) {
      landError(e, eerr, ['doc_number', 'issued_on']);
      if (e.code === 'stale_version' || e.code === 'conflict') await loadList();
    } finally {
      saving.value = false;
    }
  }

  // ---- yearly and final reports ----
  const yearDayLabel = computed(() => {
    const [m, d] = (props.plan.year_report_day || '12-20').split('-').map(Number);
    return `${m}月${d}日`;
  });
  const periods = computed(() => {
    const now = Number(todayShanghai().slice(0, 4));
    const start = props.plan.period && props.plan.period.start ? Number(props.plan.period.start.slice(0, 4)) : now - 2;
    const end = props.plan.period && props.plan.period.end ? Number(props.plan.period.end.slice(0, 4)) : now;
    const out = [];
    for (let y = Math.min(end, now); y >= start && out.length < 10; y--) out.push(String(y));
    if (!out.length) out.push(String(end));
    if (props.plan.period && props.plan.period.end) out.unshift('final');
    return out;
  });
  const period = ref('');
  const board = ref(null);
  const boardFailed = ref('');
  const rtext = ref('');
  const rerr = reactive({});
  const canManage = ['office', 'admin'].includes(role);
  const yearDay = ref(props.plan.year_report_day || '12-20');
  const dayErr = ref('');
  async function saveYearDay() {
    dayErr.value = '';
    const m = /^(\d{2})-(\d{2})$/.exec(yearDay.value.trim());
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 12 || Number(m[2]) < 1
        || Number(m[2]) > new Date(Date.UTC(2001, Number(m[1]), 0)).getUTCDate()) {
      dayErr.value = '请按“月-日”填写，如 12-20';
      return;
    }
    saving.value = true;
    try {
      const r = await api.patch(`/plans/${props.plan.id}`, { version: props.plan.version, year_report_day: yearDay.value.trim() });
      props.plan.version = r.version;
      props.plan.year_report_day = r.year_report_day;
      await loadBoard();
    } catch (e) {
      dayErr.value = e.code === 'stale_version' ? '方案已被他人修改，请刷新页面后再试。' : e.message;
    } finally {
      saving.value = false;
    }
  }
  async function loadBoard() {
    if (!period.value) period.value = periods.value.find((p) => p !== 'final') || periods.value[0];
    board.value = null;
    boardFailed.value = '';
    try {
      const page = await api.get(`/plans/${props.plan.id}/reports`, { period: period.value, limit: 500 });
      board.value = page;
    } catch (e) {
      boardFailed.value = e.field === 'period' ? '该报告期不在方案实施期限内（或方案未写明期满日期）。' : e.message;
    }
  }
  const boardRows = computed(() => [...((board.value && board.value.items) || [])]
    .sort((a, b) => (a.reported - b.reported) || a.org_name.localeCompare(b.org_name, 'zh-CN')));
  const ownFiled = computed(() => boardRows.value.some((r) => r.org_id === session.user.org_id && r.reported));
  async function fileReport() {
    for (const k of Object.keys(rerr)) delete rerr[k];
    if (!rtext.value.trim()) rerr.text = '请填写报告内容';
    else if (bytes(rtext.value) > TEXT_MAX) rerr.text = `报告内容过长（最多 ${TEXT_MAX} 字节）`;
    if (Object.keys(rerr).length) return;
    saving.value = true;
    try {
      await api.post(`/plans/${props.plan.id}/reports`, { period: period.value, text: rtext.value.trim() });
      rtext.value = '';
      await loadBoard();
    } catch (e) {
      if (e.code === 'conflict') { rerr.form = '本单位该期报告已报送，每期只能报送一次。'; await loadBoard(); } else landError(e, rerr, ['text']);
    } finally {
      saving.value = false;
    }
  }

  function loadTab() {
    if (tab.value === 'reports') loadBoard();
    else loadList();
  }
  onMounted(loadTab);
  watch([tab, orgFilter], loadTab);
  watch(period, (v, old) => { if (old) loadBoard(); });

  return { LIST_TABS, PROBLEM_STATUS, PLAN_MEASURE_KINDS, MEASURE_STATUS, PROBLEM_ORDER, MEASURE_ORDER, planReportLabel,
    overseer, myTasks, canWrite, taskOrgs, tab, setTab, orgFilter, problems, measures, loadFailed, adding, editing,
    saving, pform, mform, eform, perr, merr, eerr, mine, forward, startAdd, startEdit, saveProblem, updateProblem,
    saveMeasure, updateMeasure, yearDayLabel, periods, period, board, boardFailed, boardRows, ownFiled, rtext, rerr,
    fileReport, formatTime, canManage, yearDay, dayErr, saveYearDay };
}
