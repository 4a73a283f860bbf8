// 报送情况 of a published plan (office, admin, leader): for one month (kept
// in the plan page's query as ?period=YYYY-MM) how many tasks have their
// monthly report in, how many do not (未报送, listed first and highlighted)
// and which came in after the due day (逾期报送).

import { api } from '../api.js';
import { REPORT_STATES, monthLabel } from '../labels.js';
import { route, navigate } from '../router.js';
import { formatTime, todayShanghai } from '../forms.js';

const { ref, computed, watch } = Vue;

const MAX_MONTHS = 60;

// The months from `start` (YYYY-MM-DD or YYYY-MM) to this month, newest first.
export function monthsSince(start) {
  const now = todayShanghai().slice(0, 7);
  let [y, m] = now.split('-').map(Number);
  const first = /^\d{4}-\d{2}/.test(start || '') ? start.slice(0, 7) : null;
  const out = [];
  for (let i = 0; i < MAX_MONTHS; i++) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    out.push(p);
    if (!first || p <= first) break;
    if (--m === 0) { m = 12; y--; }
  }
  return out;
}

// The due day of a month's report: the plan's report day of that month, or
// its last day (what the server computes; used when its board leaves it out).
export function reportDue(period, reportDay) {
  const m = /^(\d{4})-(\d{2})$/.exec(period || '');
  if (!m) return '';
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  const d = reportDay > 0 ? Math.min(reportDay, last) : last;
  return `${period}-${String(d).padStart(2, '0')}`;
}

export default {
  props: { planId: { type: Number, required: true }, start: String, reportDay: Number },
  setup(props) {
    const board = ref(null);
    const items = ref([]);
    const failed = ref('');
    const loading = ref(false);
    const view = ref('');

    const months = computed(() => {
      const list = monthsSince(props.start);
      const q = route.query.period;
      if (q && /^\d{4}-\d{2}$/.test(q) && !list.includes(q)) list.push(q);
      return list;
    });
    const period = computed({
      get: () => (/^\d{4}-\d{2}$/.test(route.query.period || '') ? route.query.period : months.value[0]),
      set: (v) => navigate(route.path, { ...route.query, period: v === months.value[0] ? '' : v }, { replace: true }),
    });

    let seq = 0;
    async function load() {
      const mine = ++seq;
      loading.value = true;
      failed.value = '';
      try {
        const got = [];
        let cursor = null;
        let first = null;
        for (let i = 0; i < 20; i++) {
          const page = await api.get(`/plans/${props.planId}/reporting`, { period: period.value, limit: 500, cursor });
          if (!first) first = page;
          got.push(...(page.items || []));
          if (!page.next) break;
          cursor = page.next;
        }
        if (mine !== seq) return;
        board.value = first;
        items.value = got;
      } catch (e) {
        if (mine !== seq) return;
        failed.value = e.status === 403 ? '您的角色无权查看报送情况。' : e.message;
        board.value = null;
        items.value = [];
      } finally {
        if (mine === seq) loading.value = false;
      }
    }
    watch(period, load, { immediate: true });

    const late = computed(() => items.value.filter((t) => t.reported && t.late).length);
    const counts = computed(() => {
      const b = board.value || {};
      const reported = typeof b.reported === 'number' ? b.reported : items.value.filter((t) => t.reported).length;
      const missing = typeof b.missing === 'number' ? b.missing : items.value.filter((t) => !t.reported).length;
      return { total: typeof b.total === 'number' ? b.total : items.value.length, reported, missing, late: late.value };
    });
    const due = computed(() => (board.value && (board.value.due || reportDue(board.value.period || period.value, props.reportDay))) || '');
    const overdue = computed(() => !!(due.value && todayShanghai() > due.value));

    // Not reported first, then late, then on time; by org and deadline.
    const rank = (t) => (!t.reported ? 0 : t.late ? 1 : 2);
    const shown = computed(() => {
      const f = view.value;
      const list = items.value.filter((t) => (f === 'missing' ? !t.reported : f === 'late' ? t.reported && t.late : f === 'reported' ? t.reported : true));
      return list.sort((a, b) => rank(a) - rank(b) || (a.org_name || '').localeCompare(b.org_name || '', 'zh-CN')
        || ((a.deadline || '9999') < (b.deadline || '9999') ? -1 : (a.deadline || '9999') > (b.deadline || '9999') ? 1 : a.task_id - b.task_id));
    });

    return { board, items, failed, loading, view, months, period, counts, due, overdue, shown, load,
      monthLabel, formatTime, REPORT_STATES };
  },
  template: `
    <div class="panel panel-reporting">
      <div class="panel-head">
        <h2>报送情况</h2>
        <button type="button" class="btn btn-quiet" :disabled="loading" @click="load">刷新</button>
      </div>
      <div class="reporting-filters">
        <div class="field">
          <label for="reporting-period">报送月份</label>
          <select id="reporting-period" v-model="period">
            <option v-for="m in months" :key="m" :value="m">{{ monthLabel(m) }}</option>
          </select>
        </div>
        <div class="field">
          <label for="reporting-view">显示</label>
          <select id="reporting-view" v-model="view">
            <option value="">全部任务</option>
            <option value="missing">未报送</option>
            <option value="late">逾期报送</option>
            <option value="reported">已报送</option>
          </select>
        </div>
      </div>
      <p v-if="failed" class="muted">报送情况加载失败：{{ failed }}</p>
      <p v-else-if="!board" class="loading">正在加载…</p>
      <template v-else>
        <p class="muted small">{{ monthLabel(board.period || period) }}进度应于 {{ due || '—' }} 前报送<template v-if="overdue">，已过截止日</template>。</p>
        <div class="stats reporting-stats">
          <div class="stat stat-reported"><span class="stat-value">{{ counts.reported }}</span><span class="stat-label">已报送</span></div>
          <div class="stat stat-missing" :class="{ 'stat-danger': counts.missing > 0 }"><span class="stat-value">{{ counts.missing }}</span><span class="stat-label">未报送</span></div>
          <div class="stat stat-late" :class="{ 'stat-danger': counts.late > 0 }"><span class="stat-value">{{ counts.late }}</span><span class="stat-label">逾期报送</span></div>
        </div>
        <p v-if="!items.length" class="empty">本月没有需要报送的任务</p>
        <p v-else-if="!shown.length" class="empty">没有符合条件的任务</p>
        <div v-else class="table-wrap">
          <table class="table cards reporting-table">
            <thead><tr><th>任务</th><th>责任单位</th><th>期限</th><th>报送</th><th>进度</th><th>报送时间</th></tr></thead>
            <tbody>
              <tr v-for="t in shown" :key="t.task_id" :data-task="t.task_id"
                  :class="{ 'row-missing': !t.reported, 'row-late': t.reported && t.late }">
                <td data-label="任务" class="cell-title">{{ t.title }}</td>
                <td data-label="责任单位">{{ t.org_name }}</td>
                <td data-label="期限">{{ t.deadline || '无期限' }}</td>
                <td data-label="报送">
                  <span v-if="!t.reported" class="badge badge-missing">{{ REPORT_STATES.missing }}</span>
                  <span v-else-if="t.late" class="badge badge-late">{{ REPORT_STATES.late }}</span>
                  <span v-else class="badge badge-reported">{{ REPORT_STATES.reported }}</span>
                </td>
                <td data-label="进度">{{ t.percent == null ? '—' : t.percent + '%' }}</td>
                <td data-label="报送时间">{{ t.submitted_at ? formatTime(t.submitted_at) : '—' }}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </template>
    </div>`,
};
