// 考核 of a published plan (BASE/ID/assessment; office, admin, leader):
// the period (?period=2026-H1, a half-year by default; also years and
// months), the ranking the server computes with every indicator's rate and
// score, the total, the grade and what vetoed it (一票否优), the downloads
// (半年通报 PDF/Excel, 月度统计表), and for office and admin the
// configuration form: indicator weights (adding up to 100), grade bands and
// the veto, saved with the version read.

import { api, apiUrl } from '../api.js';
import { ASSESS_INDICATORS, ASSESS_GRADES, ASSESS_VETOES } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { session, toast } from '../state.js';
import { todayShanghai, formatTime, showError } from '../forms.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const MANAGERS = ['office', 'admin'];
const KEYS = Object.keys(ASSESS_INDICATORS);
const BANDS = [['excellent', '优秀'], ['good', '良好'], ['pass', '合格']];

// Half-years, years and months from the plan's start (or two years back) to now, newest first.
export function periodsSince(start) {
  const today = todayShanghai();
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const from = /^\d{4}/.test(start || '') ? Math.max(Number(start.slice(0, 4)), y - 5) : y - 2;
  const halves = [];
  const years = [];
  const months = [];
  for (let yy = y; yy >= from; yy--) {
    if (yy < y || m >= 7) halves.push(`${yy}-H2`);
    halves.push(`${yy}-H1`);
    years.push(String(yy));
  }
  for (let i = 0, yy = y, mm = m; i < 24; i++) {
    months.push(`${yy}-${String(mm).padStart(2, '0')}`);
    if (--mm === 0) { mm = 12; yy--; }
    if (yy < from) break;
  }
  return { halves, years, months };
}

export function periodLabel(p) {
  let m;
  if ((m = /^(\d{4})-H([12])$/.exec(p))) return `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(p))) return `${m[1]}年${Number(m[2])}月`;
  if (/^\d{4}$/.test(p)) return `${p}年度`;
  return p;
}

const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

export default {
  props: { base: String, id: Number },
  setup(props) {
    const plan = ref(null);
    const result = ref(null);
    const failed = ref('');
    const loading = ref(false);
    const cfg = ref(null);
    const form = reactive({ weights: {}, bands: {}, veto: { major_hazard_overdue: true, task_overdue_days: 30, cap: 'good' } });
    const errors = reactive({});
    const saving = ref(false);
    const canConfigure = MANAGERS.includes(session.user.role);

    const choices = computed(() => periodsSince(plan.value && plan.value.period && plan.value.period.start));
    const period = computed({
      get: () => route.query.period || choices.value.halves[0],
      set: (v) => navigate(route.path, { ...route.query, period: v }, { replace: true }),
    });
    const half = computed(() => (/^\d{4}-H[12]$/.test(period.value) ? period.value : choices.value.halves[0]));
    const month = computed(() => (/^\d{4}-\d{2}$/.test(period.value) && !/H/.test(period.value) ? period.value : todayShanghai().slice(0, 7)));
    const downloads = computed(() => [
      { label: `${periodLabel(half.value)}通报（PDF）`, url: apiUrl(`/exports/plans/${props.id}/bulletin.pdf`, { half: half.value }), cls: 'dl-bulletin-pdf' },
      { label: `${periodLabel(half.value)}通报（Excel）`, url: apiUrl(`/exports/plans/${props.id}/bulletin.xlsx`, { half: half.value }), cls: 'dl-bulletin-xlsx' },
      { label: `${periodLabel(month.value)}统计表（Excel）`, url: apiUrl(`/exports/plans/${props.id}/statistics.xlsx`, { month: month.value }), cls: 'dl-statistics' },
    ]);

    function fillForm(c) {
      cfg.value = c;
      for (const k of KEYS) form.weights[k] = c.weights[k];
      for (const [k] of BANDS) form.bands[k] = c.bands[k];
      form.veto.major_hazard_overdue = c.veto.major_hazard_overdue;
      form.veto.task_overdue_days = c.veto.task_overdue_days;
      form.veto.cap = c.veto.cap;
    }
    const weightSum = computed(() => KEYS.reduce((a, k) => a + (Number(form.weights[k]) || 0), 0));

    let seq = 0;
    async function load() {
      const mine = ++seq;
      loading.value = true;
      failed.value = '';
      try {
        const r = await api.get(`/plans/${props.id}/assessment`, { period: period.value });
        if (mine !== seq) return;
        result.value = r;
        if (!cfg.value || cfg.value.version !== r.config.version) fillForm(r.config);
      } catch (e) {
        if (mine !== seq) return;
        result.value = null;
        failed.value = e.message;
      } finally {
        if (mine === seq) loading.value = false;
      }
    }
    onMounted(async () => {
      try {
        plan.value = await api.get(`/plans/${props.id}`);
      } catch (e) {
        failed.value = e.message;
        return;
      }
      load();
    });
    watch(period, load);

    async function save() {
      for (const k of Object.keys(errors)) delete errors[k];
      const body = {
        weights: Object.fromEntries(KEYS.map((k) => [k, Number(form.weights[k])])),
        bands: Object.fromEntries(BANDS.map(([k]) => [k, Number(form.bands[k])])),
        veto: { major_hazard_overdue: !!form.veto.major_hazard_overdue, task_overdue_days: Number(form.veto.task_overdue_days), cap: form.veto.cap },
        version: cfg.value.version,
      };
      if (weightSum.value !== 100) {
        errors.weights = `各项权重合计为 ${weightSum.value}，应为 100`;
        return;
      }
      saving.value = true;
      try {
        fillForm(await api.put(`/plans/${props.id}/assessment-config`, body));
        toast('考核设置已保存，排名已按新设置重新计算', 'ok');
        await load();
      } catch (e) {
        const field = e.field && e.field.startsWith('weights.') ? 'weights' : e.field;
        showError({ ...e, message: e.message, field }, errors, ['weights', 'bands', 'veto.task_overdue_days', 'veto.cap']);
      } finally {
        saving.value = false;
      }
    }

    const ind = (row, k) => row.indicators.find((i) => i.key === k) || {};
    const vetoText = (row) => row.vetoed_by.map((v) => ASSESS_VETOES[v] || v).join('；');

    return { plan, result, failed, loading, period, choices, periodLabel, downloads, canConfigure, form, errors, saving,
      weightSum, save, cfg, ind, vetoText, pct, href, formatTime, base: props.base, id: props.id,
      KEYS, BANDS, ASSESS_INDICATORS, ASSESS_GRADES };
  },
  template: `
    <section class="page page-assessment">
      <div class="page-head">
        <h1 class="page-title">考核<template v-if="plan"> · {{ plan.title }}</template></h1>
        <div class="page-actions"><a class="btn" :href="href(base + '/' + id)">返回方案</a></div>
      </div>
      <div v-if="failed && !result" class="panel empty"><p>{{ failed }}</p></div>
      <template v-else>
        <div class="panel">
          <div class="panel-head">
            <h2>考核排名</h2>
            <div class="field inline">
              <label for="assess-period">考核期间</label>
              <select id="assess-period" v-model="period">
                <optgroup label="半年"><option v-for="p in choices.halves" :key="p" :value="p">{{ periodLabel(p) }}</option></optgroup>
                <optgroup label="年度"><option v-for="p in choices.years" :key="p" :value="p">{{ periodLabel(p) }}</option></optgroup>
                <optgroup label="月度"><option v-for="p in choices.months" :key="p" :value="p">{{ periodLabel(p) }}</option></optgroup>
              </select>
            </div>
          </div>
          <div class="action-buttons downloads">
            <a v-for="d in downloads" :key="d.cls" class="btn" :class="d.cls" :href="d.url" download>{{ d.label }}</a>
          </div>
          <p v-if="result" class="muted small">{{ result.from }} 至 {{ result.to }}，数据截至 {{ result.as_of }}。
            分数由系统根据任务、月度报送和隐患数据自动计算；无应考内容的指标不计分，其权重按比例分配给其余指标。</p>
          <p v-if="loading && !result" class="loading">正在加载…</p>
          <p v-else-if="failed" class="muted">加载失败：{{ failed }}</p>
          <p v-else-if="result && !result.items.length" class="empty">该方案尚无责任单位任务</p>
          <div v-else-if="result" class="table-wrap">
            <table class="table cards assess-table" :aria-busy="loading ? 'true' : 'false'">
              <thead>
                <tr><th>名次</th><th>责任单位</th>
                  <th v-for="k in KEYS" :key="k">{{ ASSESS_INDICATORS[k] }}<span class="sub">权重 {{ result.config.weights[k] }}</span></th>
                  <th>总分</th><th>等级</th><th>否决事项</th></tr>
              </thead>
              <tbody>
                <tr v-for="row in result.items" :key="row.org.id" :data-org="row.org.id" :class="{ 'row-vetoed': row.vetoed_by.length }">
                  <td data-label="名次" class="cell-rank">{{ row.rank || '—' }}</td>
                  <td data-label="责任单位" class="cell-title">{{ row.org.name }}</td>
                  <td v-for="k in KEYS" :key="k" :data-label="ASSESS_INDICATORS[k]" :data-ind="k">
                    <template v-if="ind(row, k).value === null">—</template>
                    <template v-else>{{ pct(ind(row, k).value) }}<span class="sub">{{ ind(row, k).num }}/{{ ind(row, k).den }} · {{ ind(row, k).score.toFixed(1) }} 分</span></template>
                  </td>
                  <td data-label="总分" class="cell-total">{{ row.total === null ? '未考核' : row.total.toFixed(1) }}</td>
                  <td data-label="等级"><span v-if="row.grade" class="badge" :class="'grade-' + row.grade">{{ ASSESS_GRADES[row.grade] }}</span><span v-else class="muted">—</span></td>
                  <td data-label="否决事项" class="cell-veto"><span v-if="row.vetoed_by.length" class="text-danger">{{ vetoText(row) }}</span><span v-else class="muted">无</span></td>
                </tr>
              </tbody>
            </table>
          </div>
        </div>

        <div v-if="canConfigure && cfg" class="panel panel-assess-config">
          <div class="panel-head">
            <h2>考核设置</h2>
            <span class="muted small">{{ cfg.default ? '当前为默认设置' : '最后修改 ' + formatTime(cfg.updated_at) }}</span>
          </div>
          <form class="form" @submit.prevent="save" novalidate>
            <fieldset data-field="weights">
              <legend>指标权重（合计须为 100）</legend>
              <div class="form-grid">
                <div v-for="k in KEYS" :key="k" class="field">
                  <label :for="'w-' + k">{{ ASSESS_INDICATORS[k] }}</label>
                  <input :id="'w-' + k" type="number" min="0" max="100" step="1" v-model.number="form.weights[k]">
                </div>
              </div>
              <p class="small" :class="weightSum === 100 ? 'muted' : 'text-danger'">合计 {{ weightSum }}</p>
              <p v-if="errors.weights" class="form-error" role="alert">{{ errors.weights }}</p>
            </fieldset>
            <fieldset data-field="bands">
              <legend>等级分数线</legend>
              <div class="form-grid">
                <div v-for="[k, label] in BANDS" :key="k" class="field">
                  <label :for="'b-' + k">{{ label }}（不低于）</label>
                  <input :id="'b-' + k" type="number" min="0" max="100" step="1" v-model.number="form.bands[k]">
                </div>
              </div>
              <p class="muted small">低于“合格”分数线为不合格。</p>
              <p v-if="errors.bands" class="form-error" role="alert">{{ errors.bands }}</p>
            </fieldset>
            <fieldset>
              <legend>一票否优</legend>
              <label class="check"><input type="checkbox" id="veto-major" v-model="form.veto.major_hazard_overdue"> 辖区内存在逾期未整改重大隐患</label>
              <div class="form-grid">
                <div class="field" data-field="veto.task_overdue_days">
                  <label for="veto-days">任务逾期超过（天，0 为不启用）</label>
                  <input id="veto-days" type="number" min="0" max="3650" step="1" v-model.number="form.veto.task_overdue_days">
                  <p v-if="errors['veto.task_overdue_days']" class="form-error" role="alert">{{ errors['veto.task_overdue_days'] }}</p>
                </div>
                <div class="field" data-field="veto.cap">
                  <label for="veto-cap">否决后最高等级</label>
                  <select id="veto-cap" v-model="form.veto.cap">
                    <option v-for="(label, g) in ASSESS_GRADES" :key="g" :value="g">{{ label }}</option>
                  </select>
                </div>
              </div>
            </fieldset>
            <div class="action-buttons">
              <button type="submit" class="btn btn-primary" :disabled="saving">{{ saving ? '正在保存…' : '保存设置' }}</button>
            </div>
          </form>
        </div>
      </template>
    </section>`,
};
