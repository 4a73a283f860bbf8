// One plan: what it is, the units it names and the orgs they are (单位对应),
// 发布 for a draft, the outline with its lights and filters (kept in the
// query: ?unit=&light=&node=), and once published the tasks grouped by org,
// 填报进度 for the tasks of the user's own org (?task= opens one) and for
// office, admin and leader the monthly 报送情况 (?period=) and 考核与通报 (the
// link to the plan's 考核 page, the bulletin and the statistics table); the two
// lists and the yearly/final reports as tabs (?list=, components/plan-lists.js).

import { api, apiUrl, getAll } from '../api.js';
import { PLAN_STATUS, TASK_STATUS, TASK_ROLES } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { session, toast } from '../state.js';
import { formatTime, todayShanghai } from '../forms.js';
import { RegionPath } from '../components/region-picker.js';
import OrgSelect from '../components/org-select.js';
import PlanOutline, { taskOverdue, deadlineLight } from '../components/plan-outline.js';
import TaskReport from '../components/task-report.js';
import PlanReporting from '../components/plan-reporting.js';
import PlanLists from '../components/plan-lists.js';

const { ref, reactive, computed, watch, onMounted, nextTick } = Vue;

const MANAGERS = ['office', 'admin'];
// Users of these roles report the progress of their own org's tasks.
const REPORTERS = ['office', 'regulator', 'inspector'];
// Who sees the monthly board of a plan.
const BOARD_READERS = ['office', 'admin', 'leader'];

export default {
  components: { RegionPath, OrgSelect, PlanOutline, TaskReport, PlanReporting, PlanLists },
  props: { base: String, id: Number },
  setup(props) {
    const plan = ref(null);
    const tasks = ref(null);
    const failed = ref('');
    const tasksFailed = ref('');
    const picks = reactive({});         // unit name → { org: id|null, editing }
    const mapping = ref('');            // the unit being saved
    const confirming = ref(false);
    const publishing = ref(false);
    const publishError = ref('');
    const refusedUnit = ref('');
    const onlyOverdue = ref(false);
    const canManage = MANAGERS.includes(session.user.role);
    const canReport = REPORTERS.includes(session.user.role) && !!session.user.org_id;
    const canBoard = BOARD_READERS.includes(session.user.role);

    async function loadTasks() {
      tasksFailed.value = '';
      try {
        tasks.value = await getAll('/tasks', { plan: props.id, limit: 500 }, 40);
      } catch (e) {
        tasksFailed.value = e.message;
        tasks.value = [];
      }
    }

    async function load() {
      failed.value = '';
      try {
        const p = await api.get('/plans/' + props.id);
        for (const u of p.units || []) {
          if (!picks[u.name]) picks[u.name] = { org: null, editing: false };
          picks[u.name].org = null;
          picks[u.name].editing = false;
        }
        plan.value = p;
      } catch (e) {
        failed.value = e.status === 404 ? '方案不存在或不在您的管辖范围内。' : e.message;
        return;
      }
      if (plan.value.status === 'published') await loadTasks();
      else tasks.value = null;
    }
    onMounted(load);

    const published = computed(() => plan.value && plan.value.status === 'published');

    // Unmapped lead units first (they stop the publication), then by how
    // often a unit leads, then cooperates.
    const units = computed(() => {
      const list = [...((plan.value && plan.value.units) || [])];
      const rank = (u) => (u.lead > 0 && !u.org_id ? 0 : 1);
      list.sort((a, b) => rank(a) - rank(b) || b.lead - a.lead || b.co - a.co || b.locality - a.locality
        || a.name.localeCompare(b.name, 'zh-CN'));
      return list;
    });
    const unmappedLeads = computed(() => units.value.filter((u) => u.lead > 0 && !u.org_id));
    const unmappedOthers = computed(() => units.value.filter((u) => u.lead === 0 && !u.org_id));
    // A plan may name a hundred units: the table can keep to some of them.
    const unitView = ref('');
    const UNIT_VIEWS = {
      lead: (u) => u.lead > 0,
      unmapped_lead: (u) => u.lead > 0 && !u.org_id,
      unmapped: (u) => !u.org_id,
      mapped: (u) => !!u.org_id,
    };
    const unitViewCount = (k) => units.value.filter(UNIT_VIEWS[k]).length;
    const shownUnits = computed(() => (UNIT_VIEWS[unitView.value] ? units.value.filter(UNIT_VIEWS[unitView.value]) : units.value));

    async function mapUnit(u) {
      const p = picks[u.name];
      if (!p || !p.org) { toast(`请先为“${u.name}”选择单位`); return; }
      mapping.value = u.name;
      try {
        await api.post(`/plans/${props.id}/units`, { name: u.name, org_id: p.org });
        if (refusedUnit.value === u.name) { refusedUnit.value = ''; publishError.value = ''; }
        await load();
        const now = plan.value.units.find((x) => x.name === u.name);
        toast(`已将“${u.name}”对应为“${(now && now.org_name) || '所选单位'}”`, 'ok');
      } catch (e) {
        toast(e.status === 404 && e.field === 'org_id' ? '所选单位不存在或不在您的管辖范围内' : e.message);
      } finally {
        mapping.value = '';
      }
    }

    async function goToUnit(name) {
      if (!shownUnits.value.some((u) => u.name === name)) unitView.value = '';
      await nextTick();
      const row = document.querySelector(`tr[data-unit="${CSS.escape(name)}"]`);
      if (!row) return;
      row.scrollIntoView({ block: 'center', behavior: 'smooth' });
      const input = row.querySelector('input');
      if (input) input.focus({ preventScroll: true });
    }

    async function publish() {
      publishing.value = true;
      publishError.value = '';
      refusedUnit.value = '';
      try {
        const p = await api.post(`/plans/${props.id}/publish`, { version: plan.value.version });
        confirming.value = false;
        const r = p.published || {};
        toast(`方案已发布，生成任务 ${r.tasks || 0} 项` + (r.skipped_units ? `；${r.skipped_units} 处配合或属地单位未对应，未生成任务` : ''), 'ok', 8000);
        await load();
      } catch (e) {
        confirming.value = false;
        if (e.code === 'conflict' && e.field === 'units') {
          const m = /'([^']+)'/.exec((e.raw && e.raw.message) || '');
          refusedUnit.value = m ? m[1] : '';
          publishError.value = e.message;
          if (refusedUnit.value) goToUnit(refusedUnit.value);
        } else if (e.code === 'conflict' && e.field === 'status') {
          publishError.value = '该方案已经发布，无需重复发布。';
          await load();
        } else if (e.code === 'stale_version') {
          publishError.value = '方案已被他人修改，已重新加载，请核对后再发布。';
          await load();
        } else {
          publishError.value = e.message;
        }
      } finally {
        publishing.value = false;
      }
    }

    // Filters of the outline live in the query.
    const setQuery = (k, v) => navigate(route.path, { ...route.query, [k]: v }, { replace: true });
    const unitFilter = computed({ get: () => route.query.unit || '', set: (v) => setQuery('unit', v) });
    const lightFilter = computed({ get: () => route.query.light || '', set: (v) => setQuery('light', v) });
    const selected = computed(() => Number(route.query.node) || 0);
    function selectNode(n) { setQuery('node', selected.value === n.id ? '' : n.id); }
    async function showNode(nodeId) {
      setQuery('node', nodeId);
      await nextTick();
      const el = document.querySelector(`.outline [data-node="${nodeId}"]`);
      if (el) el.scrollIntoView({ block: 'center' });
    }

    // Tasks by org: each org's tasks due soonest first; orgs with overdue
    // tasks first.
    const groups = computed(() => {
      const m = new Map();
      for (const t of tasks.value || []) {
        if (onlyOverdue.value && !taskOverdue(t)) continue;
        if (!m.has(t.org_id)) m.set(t.org_id, { id: t.org_id, name: t.org_name, items: [], overdue: 0, done: 0 });
        const g = m.get(t.org_id);
        g.items.push(t);
        if (taskOverdue(t)) g.overdue++;
        if (t.status === 'done') g.done++;
      }
      const byDue = (a, b) => (a.deadline || '9999') < (b.deadline || '9999') ? -1 : (a.deadline || '9999') > (b.deadline || '9999') ? 1 : a.id - b.id;
      const list = [...m.values()];
      for (const g of list) g.items.sort(byDue);
      list.sort((a, b) => (b.overdue > 0) - (a.overdue > 0) || a.name.localeCompare(b.name, 'zh-CN'));
      return list;
    });
    const taskTotals = computed(() => {
      const all = tasks.value || [];
      return { all: all.length, overdue: all.filter((t) => taskOverdue(t)).length, done: all.filter((t) => t.status === 'done').length };
    });
    // 填报进度: the tasks of the user's own org, soonest first.
    const myTasks = computed(() => (canReport ? (tasks.value || []).filter((t) => t.org_id === session.user.org_id) : [])
      .sort((a, b) => ((a.deadline || '9999') < (b.deadline || '9999') ? -1 : (a.deadline || '9999') > (b.deadline || '9999') ? 1 : a.id - b.id)));
    const openTask = computed(() => Number(route.query.task) || 0);
    function toggleTask(t) { setQuery('task', openTask.value === t.id ? '' : t.id); }
    function taskUpdated(t) {
      if (!t || !tasks.value) return;
      const i = tasks.value.findIndex((x) => x.id === t.id);
      if (i >= 0) tasks.value.splice(i, 1, { ...tasks.value[i], ...t });
    }
    watch(() => myTasks.value.length, async (n) => {
      if (!n || !openTask.value) return;
      await nextTick();
      const el = document.querySelector(`.panel-my-reports [data-task="${openTask.value}"]`);
      if (el) el.scrollIntoView({ block: 'start' });
    });
    const reportStart = computed(() => (plan.value && ((plan.value.period && plan.value.period.start)
      || plan.value.published_at || plan.value.created_at)) || '');

    // The numeric targets of a task's node (the report form asks for their actual values).
    const targetsOf = (nodeId) => ((plan.value && plan.value.nodes) || []).find((n) => n.id === nodeId)?.targets || [];

    // 考核与通报: the links and downloads of office, admin and leader.
    const today = todayShanghai();
    const thisHalf = `${today.slice(0, 4)}-H${Number(today.slice(5, 7)) <= 6 ? 1 : 2}`;
    const halfLabel = `${today.slice(0, 4)}年${thisHalf.endsWith('1') ? '上' : '下'}半年`;
    const exports = computed(() => [
      { cls: 'dl-bulletin-pdf', label: `${halfLabel}通报（PDF）`, url: apiUrl(`/exports/plans/${props.id}/bulletin.pdf`, { half: thisHalf }) },
      { cls: 'dl-bulletin-xlsx', label: `${halfLabel}通报（Excel）`, url: apiUrl(`/exports/plans/${props.id}/bulletin.xlsx`, { half: thisHalf }) },
      { cls: 'dl-statistics', label: `${Number(today.slice(5, 7))}月统计表（Excel）`, url: apiUrl(`/exports/plans/${props.id}/statistics.xlsx`, { month: today.slice(0, 7) }) },
    ]);

    const dueClass = (t) => (taskOverdue(t) ? 'text-danger' : t.status !== 'done' && deadlineLight(t.deadline) === 'yellow' ? 'text-warn' : '');

    return { plan, tasks, failed, tasksFailed, picks, mapping, confirming, publishing, publishError, refusedUnit,
      onlyOverdue, canManage, canReport, canBoard, myTasks, openTask, toggleTask, taskUpdated, reportStart, published, units, unmappedLeads, unmappedOthers, unitView, unitViewCount, shownUnits,
      mapUnit, publish, goToUnit,
      unitFilter, lightFilter, selected, selectNode, showNode, groups, taskTotals, dueClass, taskOverdue,
      exports, targetsOf, href, formatTime, base: props.base, PLAN_STATUS, TASK_STATUS, TASK_ROLES };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">{{ plan ? plan.title : '方案详情' }}</h1>
        <div class="page-actions"><a class="btn" :href="href(base)">返回列表</a></div>
      </div>
      <div v-if="failed" class="panel empty"><p>{{ failed }}</p></div>
      <p v-else-if="!plan" class="loading">正在加载…</p>
      <template v-else>
        <div class="hazard-head">
          <span class="badge" :class="'plan-' + plan.status">{{ PLAN_STATUS[plan.status] || '未知' }}</span>
          <span class="muted">{{ plan.doc_number || '无文号' }}</span>
        </div>
        <div class="panel">
          <div class="panel-head"><h2>基本信息</h2></div>
          <dl class="details">
            <div><dt>发文单位</dt><dd>{{ plan.issuer || '—' }}</dd></div>
            <div><dt>文号</dt><dd>{{ plan.doc_number || '—' }}</dd></div>
            <div><dt>发文日期</dt><dd>{{ plan.issued_on || '—' }}</dd></div>
            <div><dt>实施期限</dt><dd>{{ plan.period && (plan.period.start || plan.period.end) ? (plan.period.start || '—') + ' 至 ' + (plan.period.end || '—') : '—' }}</dd></div>
            <div><dt>每月报送日</dt><dd>{{ plan.report_day ? '每月 ' + plan.report_day + ' 日前' : '—' }}</dd></div>
            <div><dt>所属地区</dt><dd><RegionPath :code="plan.region_code" /></dd></div>
            <div><dt>大纲节点</dt><dd>{{ plan.nodes.length }} 个</dd></div>
            <div><dt>任务</dt><dd>{{ plan.tasks }} 项</dd></div>
            <div><dt>导入时间</dt><dd>{{ formatTime(plan.created_at) }}</dd></div>
          </dl>
        </div>

        <div v-if="!published && canManage" class="panel panel-publish">
          <div class="panel-head"><h2>发布</h2></div>
          <p v-if="unmappedLeads.length" class="notice">
            <span>还有 {{ unmappedLeads.length }} 个牵头单位未对应到系统中的单位：</span>
            <span class="badges">
              <button v-for="u in unmappedLeads" :key="u.name" type="button" class="badge badge-unmapped" @click="goToUnit(u.name)">{{ u.name }}</button>
            </span>
          </p>
          <p v-else class="muted">牵头单位均已对应。<template v-if="unmappedOthers.length">{{ unmappedOthers.length }} 个配合或属地单位未对应，发布时不为其生成任务。</template></p>
          <p class="muted small">发布后，按单位对应关系为每个节点的牵头、配合和属地单位生成任务；方案发布后不能再修改。</p>
          <p v-if="publishError" class="form-error publish-error" role="alert">
            {{ publishError }}
            <button v-if="refusedUnit" type="button" class="link-button" @click="goToUnit(refusedUnit)">去对应</button>
          </p>
          <div v-if="!confirming" class="action-buttons">
            <button type="button" class="btn btn-primary" @click="confirming = true">发布</button>
          </div>
          <div v-else class="action-form">
            <h3>确认发布“{{ plan.title }}”？</h3>
            <p class="muted">将生成任务并通知各责任单位，发布后不能撤回。</p>
            <div class="action-buttons">
              <button type="button" class="btn btn-primary" :disabled="publishing" @click="publish">{{ publishing ? '正在发布…' : '确认发布' }}</button>
              <button type="button" class="btn" :disabled="publishing" @click="confirming = false">取消</button>
            </div>
          </div>
        </div>

        <div v-if="published && myTasks.length" class="panel panel-my-reports">
          <div class="panel-head"><h2>填报进度</h2><span class="muted small">本单位任务 {{ myTasks.length }} 项，每月报送一次</span></div>
          <ul class="task-list my-report-list">
            <li v-for="t in myTasks" :key="t.id" class="task my-report" :data-task="t.id" :class="{ 'task-overdue': taskOverdue(t) }">
              <span class="badge" :class="'role-' + t.role">{{ TASK_ROLES[t.role] || t.role }}</span>
              <span class="task-title">{{ t.title }}</span>
              <span class="task-meta">
                <span :class="dueClass(t)">{{ t.deadline ? '期限 ' + t.deadline : '无期限' }}<template v-if="taskOverdue(t)">（已逾期）</template></span>
                <span>完成 {{ t.percent || 0 }}%</span>
                <span class="badge" :class="'task-' + t.status">{{ TASK_STATUS[t.status] || t.status }}</span>
                <button type="button" class="btn btn-small" :aria-expanded="openTask === t.id ? 'true' : 'false'" @click="toggleTask(t)">{{ openTask === t.id ? '收起' : '填报进度' }}</button>
              </span>
              <TaskReport v-if="openTask === t.id" :task="t" :targets="targetsOf(t.node)" can-report @updated="taskUpdated" />
            </li>
          </ul>
        </div>

        <div v-if="published && canBoard" class="panel panel-assess">
          <div class="panel-head"><h2>考核与通报</h2>
            <a class="btn btn-primary" :href="href(base + '/' + plan.id + '/assessment')">{{ canManage ? '考核排名与设置' : '考核排名' }}</a></div>
          <p class="muted small">考核分数由系统根据任务完成、月度报送、目标达成和隐患整改数据自动计算。</p>
          <div class="action-buttons downloads">
            <a v-for="d in exports" :key="d.cls" class="btn" :class="d.cls" :href="d.url" download>{{ d.label }}</a>
          </div>
        </div>

        <PlanReporting v-if="published && canBoard" :plan-id="plan.id" :start="reportStart" :report-day="plan.report_day || 0" />

        <PlanLists v-if="published && tasks" :plan="plan" :tasks="tasks" />

        <div v-if="published" class="panel panel-tasks">
          <div class="panel-head">
            <h2>任务（{{ taskTotals.all }}）</h2>
            <label class="check"><input type="checkbox" v-model="onlyOverdue"> 仅看逾期</label>
          </div>
          <p class="muted small">共 {{ taskTotals.all }} 项，逾期 {{ taskTotals.overdue }} 项，已完成 {{ taskTotals.done }} 项。</p>
          <p v-if="tasks === null" class="loading">正在加载…</p>
          <p v-else-if="tasksFailed" class="muted">任务加载失败：{{ tasksFailed }}</p>
          <p v-else-if="!groups.length" class="empty">{{ onlyOverdue ? '没有逾期任务' : '没有生成任务（方案中没有已对应单位的节点）' }}</p>
          <div v-for="g in groups" :key="g.id" class="task-group" :data-org="g.id">
            <h3>{{ g.name }} <span class="muted small">{{ g.items.length }} 项<template v-if="g.overdue">，<span class="text-danger">逾期 {{ g.overdue }} 项</span></template></span></h3>
            <ul class="task-list">
              <li v-for="t in g.items" :key="t.id" class="task" :class="{ 'task-overdue': taskOverdue(t) }">
                <span class="badge" :class="'role-' + t.role">{{ TASK_ROLES[t.role] || t.role }}</span>
                <button type="button" class="link-button task-title" @click="showNode(t.node)">{{ t.title }}</button>
                <span class="task-meta">
                  <span :class="dueClass(t)">{{ t.deadline ? '期限 ' + t.deadline : '无期限' }}<template v-if="taskOverdue(t)">（已逾期）</template></span>
                  <span v-if="t.percent" class="muted">完成 {{ t.percent }}%</span>
                  <span class="badge" :class="'task-' + t.status">{{ TASK_STATUS[t.status] || t.status }}</span>
                  <a v-if="canManage" class="btn btn-small btn-quiet task-notice" :href="href('/notices/new', { plan: plan.id, task: t.id, org: t.org_id })">督办</a>
                </span>
              </li>
            </ul>
          </div>
        </div>

        <div class="panel panel-units">
          <div class="panel-head"><h2>单位对应（{{ units.length }}）</h2></div>
          <p class="muted small">方案中的单位名称需对应到系统中的单位才能生成任务。对应关系按地区保存，以后导入的方案自动沿用。</p>
          <p v-if="!units.length" class="empty">方案中没有识别出牵头、配合或属地单位。</p>
          <div v-if="units.length > 8" class="field unit-view">
            <label for="unit-view">显示</label>
            <select id="unit-view" v-model="unitView">
              <option value="">全部单位（{{ units.length }}）</option>
              <option value="lead">牵头单位（{{ unitViewCount('lead') }}）</option>
              <option value="unmapped_lead">未对应的牵头单位（{{ unitViewCount('unmapped_lead') }}）</option>
              <option value="unmapped">未对应的单位（{{ unitViewCount('unmapped') }}）</option>
              <option value="mapped">已对应的单位（{{ unitViewCount('mapped') }}）</option>
            </select>
          </div>
          <p v-if="units.length && !shownUnits.length" class="empty">没有符合条件的单位</p>
          <div v-else-if="units.length" class="table-wrap unclipped">
            <table class="table cards unit-table">
              <thead><tr><th>方案中的单位</th><th>牵头</th><th>配合</th><th>属地</th><th>系统中的单位</th></tr></thead>
              <tbody>
                <tr v-for="(u, i) in shownUnits" :key="u.name" :data-unit="u.name"
                    :class="{ 'row-unmapped': u.lead > 0 && !u.org_id, 'row-refused': u.name === refusedUnit }">
                  <td data-label="单位" class="cell-title">
                    {{ u.name }}
                    <span v-if="u.lead > 0 && !u.org_id" class="badge badge-unmapped">牵头单位未对应</span>
                  </td>
                  <td data-label="牵头">{{ u.lead }}</td>
                  <td data-label="配合">{{ u.co }}</td>
                  <td data-label="属地">{{ u.locality }}</td>
                  <td data-label="系统中的单位" class="cell-map">
                    <template v-if="u.org_id && !(picks[u.name] && picks[u.name].editing)">
                      <span class="mapped">{{ u.org_name }}</span>
                      <button v-if="canManage && !published" type="button" class="btn btn-small btn-quiet" @click="picks[u.name].editing = true">更改</button>
                    </template>
                    <div v-else-if="canManage && !published && picks[u.name]" class="map-form">
                      <label :for="'unit-org-' + i" class="sr-only">“{{ u.name }}”对应的单位</label>
                      <OrgSelect :id="'unit-org-' + i" v-model="picks[u.name].org" :name="u.org_name || ''" placeholder="输入单位名称搜索" />
                      <button type="button" class="btn btn-small btn-primary" :disabled="mapping === u.name || !picks[u.name].org" @click="mapUnit(u)">{{ mapping === u.name ? '正在保存…' : '保存对应' }}</button>
                      <button v-if="u.org_id" type="button" class="btn btn-small btn-quiet" @click="picks[u.name].editing = false">取消</button>
                    </div>
                    <span v-else class="muted">未对应{{ u.lead > 0 ? '' : '（不生成任务）' }}</span>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </div>

        <div class="panel panel-outline">
          <div class="panel-head"><h2>方案大纲</h2><span class="muted small">点击节点查看全文</span></div>
          <PlanOutline :nodes="plan.nodes" :tasks="published ? (tasks || []) : null" :selected="selected"
                       v-model:unit="unitFilter" v-model:light="lightFilter" show-text id-prefix="plan-outline" @select="selectNode" />
        </div>
      </template>
    </section>`,
};
