// 风险分级管控: the risk points with their colour chips and the four-colour
// summary; under the same path the form (BASE/new), a risk point's page
// (BASE/ID) with its assessments, re-assessment and check items, and the
// yearly risk reports (BASE/reports, risk-reports.js).

import { api, apiUrl } from '../api.js';
import { RISK_LEVELS, RISK_LEVEL_COLOUR, RISK_KINDS, CONTROL_TIERS, RISK_COLOURS } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { session } from '../state.js';
import Pager from '../components/pager.js';
import { RiskLevelBadge } from '../components/badges.js';
import RiskForm from './risk-form.js';
import RiskDetail from './risk-detail.js';
import RiskMap from '../components/risk-map.js';
import RiskReports from './risk-reports.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const PAGE_SIZE = 30;
const FILTERS = ['level', 'kind', 'q', 'enterprise'];
// Who keeps risk points: an enterprise its own, the admin any (the server's rule).
export const RISK_WRITERS = ['enterprise', 'admin'];

const RiskList = {
  components: { Pager, RiskLevelBadge, RiskMap },
  props: { base: String },
  setup(props) {
    const role = session.user.role;
    const filters = reactive({ level: '', kind: '', q: '' });
    const items = ref([]);
    const total = ref(null);
    const next = ref(null);
    const cursors = ref([null]);
    const loading = ref(false);
    const failed = ref('');
    const colours = ref(null);

    function apiQuery() {
      const q = {};
      for (const k of FILTERS) if (route.query[k]) q[k] = route.query[k];
      return q;
    }

    async function load() {
      loading.value = true;
      failed.value = '';
      try {
        const page = await api.get('/risks', { ...apiQuery(), limit: PAGE_SIZE, cursor: cursors.value[cursors.value.length - 1] });
        items.value = page.items || [];
        total.value = typeof page.total === 'number' ? page.total : null;
        next.value = page.next || null;
      } catch (e) {
        items.value = [];
        failed.value = e.message;
      } finally {
        loading.value = false;
      }
    }

    async function loadColours() {
      try {
        colours.value = (await api.get('/stats/risks')).total;
      } catch (e) {
        colours.value = null;
      }
    }

    function restart() {
      for (const k of ['level', 'kind', 'q']) filters[k] = route.query[k] || '';
      cursors.value = [null];
      load();
    }

    function search() {
      navigate(props.base, { level: filters.level, kind: filters.kind, q: filters.q.trim(), enterprise: route.query.enterprise });
    }
    function reset() { navigate(props.base, {}); }
    function nextPage() { if (next.value) { cursors.value.push(next.value); load(); window.scrollTo(0, 0); } }
    function prevPage() { if (cursors.value.length > 1) { cursors.value.pop(); load(); window.scrollTo(0, 0); } }

    onMounted(() => { restart(); loadColours(); });
    watch(() => route.query, restart);

    const canWrite = RISK_WRITERS.includes(role);
    const showEnterprise = role !== 'enterprise';
    // 一企一清单: an enterprise's own, or the one the list is filtered to.
    const exportUrl = computed(() => {
      if (role === 'enterprise') return apiUrl('/exports/risks.xlsx');
      return route.query.enterprise ? apiUrl('/exports/risks.xlsx', { enterprise: route.query.enterprise }) : '';
    });
    // 岗位风险告知卡: the same enterprise's cards, one a page.
    const cardsUrl = computed(() => {
      if (role === 'enterprise') return apiUrl('/exports/risk-cards.pdf');
      return route.query.enterprise ? apiUrl('/exports/risk-cards.pdf', { enterprise: route.query.enterprise }) : '';
    });
    const colourOrder = ['red', 'orange', 'yellow', 'blue'];

    return { filters, items, total, next, cursors, loading, failed, colours, colourOrder, canWrite, showEnterprise,
      exportUrl, cardsUrl, search, reset, nextPage, prevPage, href, base: props.base, route,
      RISK_LEVELS, RISK_LEVEL_COLOUR, RISK_KINDS, CONTROL_TIERS, RISK_COLOURS };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">风险分级管控</h1>
        <div class="page-actions">
          <a class="btn" :href="'#/check-tasks'">排查任务</a>
          <a class="btn" :href="href(base + '/reports')">年度风险报告</a>
          <a v-if="exportUrl" class="btn" :href="exportUrl" download>导出风险清单</a>
          <a v-if="cardsUrl" class="btn" :href="cardsUrl" download>下载告知卡</a>
          <a v-if="canWrite" class="btn btn-primary" :href="href(base + '/new')">新增风险点</a>
        </div>
      </div>
      <div v-if="colours" class="panel colour-summary" aria-label="四色分布">
        <div v-for="c in colourOrder" :key="c" class="colour-count">
          <span class="badge" :class="'risk-' + c">{{ RISK_COLOURS[c] }}</span>
          <span><strong>{{ colours.risks[c] }}</strong> 个风险点</span>
          <span v-if="showEnterprise" class="muted small">{{ colours.enterprises[c] }} 家企业</span>
        </div>
      </div>
      <div v-if="showEnterprise" class="panel map-panel">
        <div class="panel-head"><h2>企业风险四色图</h2><span class="muted small">点击圆点查看企业</span></div>
        <RiskMap :height="360" />
      </div>
      <form class="panel filters open" @submit.prevent="search" role="search">
        <div class="field">
          <label for="rf-q">风险点名称</label>
          <input id="rf-q" v-model="filters.q" type="search" maxlength="100">
        </div>
        <div class="field">
          <label for="rf-level">风险等级</label>
          <select id="rf-level" v-model="filters.level">
            <option value="">全部等级</option>
            <option v-for="(label, k) in RISK_LEVELS" :key="k" :value="k">{{ label }}</option>
          </select>
        </div>
        <div class="field">
          <label for="rf-kind">类型</label>
          <select id="rf-kind" v-model="filters.kind">
            <option value="">全部类型</option>
            <option v-for="(label, k) in RISK_KINDS" :key="k" :value="k">{{ label }}</option>
          </select>
        </div>
        <div class="filter-buttons">
          <button type="submit" class="btn btn-primary">查询</button>
          <button type="button" class="btn" @click="reset">重置</button>
        </div>
      </form>
      <div class="panel">
        <p v-if="route.query.enterprise" class="notice">
          <span>仅显示一家企业的风险点。</span>
          <a :href="href(base)">查看全部</a>
        </p>
        <p v-if="loading && !items.length" class="loading">正在加载…</p>
        <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
        <div v-else-if="!items.length" class="empty"><p>暂无风险点</p></div>
        <div v-else class="table-wrap">
          <table class="table cards" :aria-busy="loading ? 'true' : 'false'">
            <thead>
              <tr><th>风险点</th><th v-if="showEnterprise">企业</th><th>风险等级</th><th>风险值</th><th>类型</th><th>管控层级</th><th>责任人</th><th>下次评审</th></tr>
            </thead>
            <tbody>
              <tr v-for="r in items" :key="r.id">
                <td data-label="风险点" class="cell-title"><a :href="href(base + '/' + r.id)">{{ r.name }}</a>
                  <span v-if="r.location" class="sub">{{ r.location }}</span></td>
                <td v-if="showEnterprise" data-label="企业">
                  <a :href="href(base, { enterprise: r.enterprise_id })">{{ r.enterprise_name }}</a></td>
                <td data-label="风险等级"><RiskLevelBadge :level="r.level" /></td>
                <td data-label="风险值" class="mono">{{ r.score_text }}</td>
                <td data-label="类型">{{ RISK_KINDS[r.kind] }}</td>
                <td data-label="管控层级">{{ CONTROL_TIERS[r.tier] }}</td>
                <td data-label="责任人">{{ r.responsible }}</td>
                <td data-label="下次评审">{{ r.review_on || '—' }}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <Pager v-if="items.length || cursors.length > 1" :total="total" :page="cursors.length" :has-next="!!next" :busy="loading"
               @prev="prevPage" @next="nextPage" />
      </div>
    </section>`,
};

export default {
  components: { RiskList, RiskForm, RiskDetail, RiskReports },
  props: { base: String },
  setup(props) {
    const view = computed(() => {
      const sub = route.path.slice(props.base.length);
      let m;
      if (sub === '' || sub === '/') return { name: 'list' };
      if (sub === '/new' && RISK_WRITERS.includes(session.user.role)) return { name: 'new' };
      if (sub === '/reports') return { name: 'reports' };
      if ((m = /^\/(\d+)$/.exec(sub))) return { name: 'detail', id: Number(m[1]) };
      return { name: 'missing' };
    });
    return { view };
  },
  template: `
    <RiskList v-if="view.name === 'list'" :base="base" />
    <RiskForm v-else-if="view.name === 'new'" :base="base" />
    <RiskReports v-else-if="view.name === 'reports'" :base="base" />
    <RiskDetail v-else-if="view.name === 'detail'" :key="'risk' + view.id" :base="base" :id="view.id" />
    <section v-else class="page"><div class="panel empty"><p>页面不存在。</p><p><a :href="'#' + base">返回列表</a></p></div></section>`,
};
