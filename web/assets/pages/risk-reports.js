// 年度风险报告 (风险清单及年度风险分析) under 风险分级管控 (BASE/reports):
// an enterprise drafts its report of a year (the counts by colour are its
// live ones), writes the analysis and the principal who confirms it, and
// submits it, which freezes the list; it sees its past reports and whether
// they were late. Regulators, the office, leaders and the admin see the
// reports of a year and the 未报送 board, overdue ones in red. The year is
// in the query (?year=), the view of the overseers too (?tab=reports|missing).

import { api, apiUrl } from '../api.js';
import { RISK_COLOURS, RISK_LEVELS, RISK_KINDS, CONTROL_TIERS } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { session, toast } from '../state.js';
import { showError, formatTime, todayShanghai } from '../forms.js';
import { RiskLevelBadge } from '../components/badges.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const COLOURS = ['red', 'orange', 'yellow', 'blue'];
const PAST_YEARS = 5;
const BOARD_LIMIT = 200;

const thisYear = () => Number(todayShanghai().slice(0, 4));
const yearOf = () => {
  const y = Number(route.query.year);
  return Number.isInteger(y) && y >= 2000 && y <= thisYear() ? y : thisYear();
};

// The four-colour counts of a report, one chip each, and the total.
const ReportCounts = {
  props: { counts: Object },
  setup() { return { COLOURS, RISK_COLOURS }; },
  template: `
    <span class="report-counts">
      <span v-for="c in COLOURS" :key="c" class="colour-count">
        <span class="badge" :class="'risk-' + c">{{ RISK_COLOURS[c] }}</span><strong>{{ counts[c] }}</strong>
      </span>
      <span class="muted small">合计 {{ counts.total }}</span>
    </span>`,
};

// The status of a report as the regulator reads it.
const ReportStatus = {
  props: { report: Object },
  template: `
    <span v-if="report.status === 'draft'" class="badge" :class="report.overdue ? 'badge-missing' : ''">{{ report.overdue ? '草稿（已逾期）' : '草稿' }}</span>
    <span v-else-if="report.late" class="badge badge-late">逾期报送</span>
    <span v-else class="badge badge-reported">按时报送</span>`,
};

// The enterprise's own report of the year, and its past ones.
const OwnReport = {
  components: { ReportCounts, ReportStatus, RiskLevelBadge },
  props: { year: Number },
  setup(props) {
    const report = ref(null);
    const loaded = ref(false);
    const failed = ref('');
    const past = ref([]);
    const saving = ref(false);
    const form = reactive({ analysis: '', principal: '' });
    const errors = reactive({});

    async function load() {
      loaded.value = false;
      failed.value = '';
      try {
        const page = await api.get('/risk-reports', { year: props.year });
        const mine = (page.items || [])[0];
        report.value = mine ? await api.get(`/risk-reports/${mine.id}`) : null;
        if (report.value) {
          form.analysis = report.value.analysis;
          form.principal = report.value.principal;
        }
      } catch (e) {
        failed.value = e.message;
      } finally {
        loaded.value = true;
      }
      loadPast();
    }

    async function loadPast() {
      const years = [];
      for (let y = thisYear(); y > thisYear() - PAST_YEARS; y--) years.push(y);
      try {
        const pages = await Promise.all(years.map((y) => api.get('/risk-reports', { year: y })));
        past.value = pages.flatMap((p) => p.items || []);
      } catch (e) {
        past.value = [];
      }
    }

    async function create() {
      saving.value = true;
      try {
        report.value = await api.post('/risk-reports', { year: props.year, analysis: form.analysis, principal: form.principal });
        toast(`已起草 ${props.year} 年度风险报告`, 'ok');
        loadPast();
      } catch (e) {
        showError(e, errors, ['analysis', 'principal', 'year']);
      } finally {
        saving.value = false;
      }
    }

    async function save() {
      saving.value = true;
      try {
        report.value = await api.patch(`/risk-reports/${report.value.id}`,
          { version: report.value.version, analysis: form.analysis, principal: form.principal });
        for (const k of Object.keys(errors)) delete errors[k];
        toast('草稿已保存', 'ok');
      } catch (e) {
        showError(e, errors, ['analysis', 'principal']);
      } finally {
        saving.value = false;
      }
    }

    async function submit() {
      if (!form.analysis.trim()) { errors.analysis = '请填写年度风险分析'; return; }
      if (!form.principal.trim()) { errors.principal = '请填写确认报告的主要负责人'; return; }
      if (!window.confirm(`报送后风险清单将按当前内容锁定，不能再修改。确认报送 ${props.year} 年度风险报告？`)) return;
      saving.value = true;
      try {
        // the texts first (one version), then the submit with the version they gave
        const saved = await api.patch(`/risk-reports/${report.value.id}`,
          { version: report.value.version, analysis: form.analysis, principal: form.principal });
        report.value = await api.post(`/risk-reports/${saved.id}/submit`, { version: saved.version });
        for (const k of Object.keys(errors)) delete errors[k];
        toast(report.value.late ? '已报送（逾期报送）' : '已报送', 'ok');
        loadPast();
      } catch (e) {
        showError(e, errors, ['analysis', 'principal']);
        load();
      } finally {
        saving.value = false;
      }
    }

    const xlsx = (r) => apiUrl(`/exports/risk-reports/${r.id}.xlsx`);
    onMounted(load);
    watch(() => props.year, load);
    return { report, loaded, failed, past, form, errors, saving, create, save, submit, xlsx, formatTime,
      RISK_KINDS, CONTROL_TIERS, RISK_LEVELS, href };
  },
  template: `
    <div class="panel own-risk-report">
      <p v-if="!loaded" class="loading">正在加载…</p>
      <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
      <template v-else-if="!report">
        <h2>{{ year }} 年度风险报告</h2>
        <p class="muted">尚未起草。起草后可预览按风险等级统计的风险点数量，填写年度风险分析和主要负责人后报送。</p>
        <div class="action-buttons">
          <button type="button" class="btn btn-primary" :disabled="saving" @click="create">起草 {{ year }} 年度报告</button>
        </div>
      </template>
      <template v-else>
        <h2>{{ year }} 年度风险报告 <ReportStatus :report="report" /></h2>
        <p class="muted small">报送期限 {{ report.due }}<template v-if="report.submitted_at">，报送时间 {{ formatTime(report.submitted_at) }}</template></p>
        <p><ReportCounts :counts="report.counts" /></p>
        <form v-if="report.status === 'draft'" class="list-form" novalidate @submit.prevent="submit">
          <div class="field required wide" :class="{ 'has-error': errors.analysis }" data-field="analysis">
            <label for="rr-analysis">年度风险分析</label>
            <textarea id="rr-analysis" v-model="form.analysis" rows="6" maxlength="5000"
              placeholder="本年度风险辨识评估情况、重大和较大风险管控措施落实情况、存在问题和下步打算"></textarea>
            <p v-if="errors.analysis" class="field-error" role="alert">{{ errors.analysis }}</p>
          </div>
          <div class="field required" :class="{ 'has-error': errors.principal }" data-field="principal">
            <label for="rr-principal">主要负责人（确认人）</label>
            <input id="rr-principal" v-model="form.principal" maxlength="40">
            <p v-if="errors.principal" class="field-error" role="alert">{{ errors.principal }}</p>
          </div>
          <div class="action-buttons">
            <button type="button" class="btn" :disabled="saving" @click="save">保存草稿</button>
            <button type="submit" class="btn btn-primary" :disabled="saving">{{ saving ? '正在报送…' : '确认报送' }}</button>
          </div>
        </form>
        <template v-else>
          <dl class="details">
            <div><dt>主要负责人</dt><dd>{{ report.principal }}</dd></div>
          </dl>
          <h3>年度风险分析</h3>
          <p class="notice-body">{{ report.analysis }}</p>
          <p><a class="btn" :href="xlsx(report)" download>下载报告（Excel）</a></p>
          <h3>报送的风险清单</h3>
          <div class="table-wrap">
            <table class="table cards report-items">
              <thead><tr><th>风险点</th><th>风险等级</th><th>风险值</th><th>类型</th><th>管控层级</th><th>责任人</th></tr></thead>
              <tbody>
                <tr v-for="it in report.items" :key="it.risk_id">
                  <td data-label="风险点">{{ it.name }}</td>
                  <td data-label="风险等级"><RiskLevelBadge :level="it.level" /></td>
                  <td data-label="风险值" class="mono">{{ it.score_text }}</td>
                  <td data-label="类型">{{ RISK_KINDS[it.kind] }}</td>
                  <td data-label="管控层级">{{ CONTROL_TIERS[it.tier] }}</td>
                  <td data-label="责任人">{{ it.responsible }}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </template>
      </template>
    </div>
    <div class="panel">
      <h2>历年报告</h2>
      <p v-if="!past.length" class="muted">近 5 年没有报告。</p>
      <table v-else class="table cards past-reports">
        <thead><tr><th>年度</th><th>状态</th><th>风险点</th><th>报送时间</th><th></th></tr></thead>
        <tbody>
          <tr v-for="r in past" :key="r.id" :data-year="r.year">
            <td data-label="年度"><a :href="href('/risks/reports', { year: r.year })">{{ r.year }} 年度</a></td>
            <td data-label="状态"><ReportStatus :report="r" /></td>
            <td data-label="风险点">{{ r.counts.total }}</td>
            <td data-label="报送时间">{{ r.submitted_at ? formatTime(r.submitted_at) : '—' }}</td>
            <td><a v-if="r.status === 'submitted'" :href="xlsx(r)" download>Excel</a></td>
          </tr>
        </tbody>
      </table>
    </div>`,
};

// The reports of a year in scope and the board of those that have not reported.
const Oversight = {
  components: { ReportCounts, ReportStatus },
  props: { year: Number },
  setup(props) {
    const tab = computed(() => (route.query.tab === 'missing' ? 'missing' : 'reports'));
    const reports = ref(null);
    const board = ref(null);
    const failed = ref('');

    async function load() {
      failed.value = '';
      reports.value = null;
      board.value = null;
      try {
        const [r, m] = await Promise.all([
          api.get('/risk-reports', { year: props.year, limit: BOARD_LIMIT }),
          api.get('/risk-reports/missing', { year: props.year, limit: BOARD_LIMIT }),
        ]);
        reports.value = r;
        board.value = m;
      } catch (e) {
        failed.value = e.message;
      }
    }
    function setTab(k) { navigate(route.path, { ...route.query, tab: k }, { replace: true }); }
    const submitted = computed(() => (reports.value ? reports.value.items.filter((r) => r.status === 'submitted').length : 0));
    const xlsx = (r) => apiUrl(`/exports/risk-reports/${r.id}.xlsx`);
    onMounted(load);
    watch(() => props.year, load);
    return { tab, reports, board, failed, submitted, setTab, xlsx, formatTime, BOARD_LIMIT };
  },
  template: `
    <div class="panel">
      <p v-if="failed" class="empty">加载失败：{{ failed }}</p>
      <p v-else-if="!reports || !board" class="loading">正在加载…</p>
      <template v-else>
        <p class="report-summary">{{ year }} 年度报送期限 {{ board.due }}：已报送 {{ submitted }} 家，
          <span :class="{ 'text-danger': board.overdue && board.total }">未报送 {{ board.total }} 家</span><span v-if="board.overdue && board.total" class="text-danger">（已逾期）</span></p>
        <div class="tabs" role="tablist">
          <button type="button" role="tab" class="tab" :class="{ active: tab === 'reports' }" :aria-selected="tab === 'reports'" @click="setTab('reports')">报告（{{ reports.total }}）</button>
          <button type="button" role="tab" class="tab" :class="{ active: tab === 'missing' }" :aria-selected="tab === 'missing'" @click="setTab('missing')">未报送（{{ board.total }}）</button>
        </div>
        <template v-if="tab === 'reports'">
          <p v-if="!reports.items.length" class="muted">暂无报告</p>
          <div v-else class="table-wrap">
            <table class="table cards risk-report-list">
              <thead><tr><th>企业</th><th>状态</th><th>风险点</th><th>主要负责人</th><th>报送时间</th><th></th></tr></thead>
              <tbody>
                <tr v-for="r in reports.items" :key="r.id" :data-enterprise="r.enterprise_id">
                  <td data-label="企业">{{ r.enterprise_name }}</td>
                  <td data-label="状态"><ReportStatus :report="r" /></td>
                  <td data-label="风险点"><ReportCounts :counts="r.counts" /></td>
                  <td data-label="主要负责人">{{ r.principal || '—' }}</td>
                  <td data-label="报送时间">{{ r.submitted_at ? formatTime(r.submitted_at) : '—' }}</td>
                  <td><a v-if="r.status === 'submitted'" :href="xlsx(r)" download>下载 Excel</a></td>
                </tr>
              </tbody>
            </table>
          </div>
          <p v-if="reports.next" class="muted small">仅显示前 {{ BOARD_LIMIT }} 份。</p>
        </template>
        <template v-else>
          <p v-if="!board.items.length" class="muted">全部已报送</p>
          <div v-else class="table-wrap">
            <table class="table cards report-board risk-report-board">
              <thead><tr><th>企业</th><th>区划代码</th><th>状态</th></tr></thead>
              <tbody>
                <tr v-for="m in board.items" :key="m.enterprise_id" :class="{ 'row-missing': m.overdue }" :data-enterprise="m.enterprise_id">
                  <td data-label="企业">{{ m.name }}</td>
                  <td data-label="区划代码" class="mono">{{ m.region_code }}</td>
                  <td data-label="状态">
                    <span v-if="m.overdue" class="badge badge-missing">逾期未报送</span>
                    <span v-else class="badge">未报送</span>
                    <span v-if="m.draft_id" class="muted small">已起草</span>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          <p v-if="board.next" class="muted small">仅显示前 {{ BOARD_LIMIT }} 家。</p>
        </template>
      </template>
    </div>`,
};

export default {
  components: { OwnReport, Oversight },
  props: { base: String },
  setup(props) {
    const year = computed(yearOf);
    const years = computed(() => {
      const out = [];
      for (let y = thisYear(); y > thisYear() - PAST_YEARS; y--) out.push(y);
      if (!out.includes(year.value)) out.push(year.value);
      return out;
    });
    const own = session.user.role === 'enterprise';
    function setYear(e) { navigate(route.path, { ...route.query, year: e.target.value }, { replace: true }); }
    return { year, years, own, setYear, href, base: props.base };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">年度风险报告</h1>
        <div class="page-actions">
          <a class="btn" :href="href(base)">返回风险点</a>
        </div>
      </div>
      <p class="muted">企业每年向负有安全监管职责的部门报送风险清单及年度风险分析；逾期报送的予以标注。</p>
      <div class="panel filters open">
        <div class="field">
          <label for="rr-year">年度</label>
          <select id="rr-year" :value="year" @change="setYear">
            <option v-for="y in years" :key="y" :value="y">{{ y }} 年度</option>
          </select>
        </div>
      </div>
      <OwnReport v-if="own" :year="year" />
      <Oversight v-else :year="year" />
    </section>`,
};
