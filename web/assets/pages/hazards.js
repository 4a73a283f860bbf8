// 隐患: the hazard list with its filters and exports, and under the same
// path the report form (BASE/new) and a hazard's page (BASE/ID).

import { api, apiUrl } from '../api.js';
import { HAZARD_STATUS, HAZARD_GRADES, HAZARD_SOURCES } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { session, loadIndustries, toast } from '../state.js';
import RegionPicker from '../components/region-picker.js';
import Pager from '../components/pager.js';
import { HazardBadges } from '../components/badges.js';
import { deadlineText } from '../forms.js';
import HazardForm from './hazard-form.js';
import HazardDetail from './hazard-detail.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const PAGE_SIZE = 30;
// The list's filters: the query of the page is the query of the API.
const FILTERS = ['status', 'grade', 'source', 'industry', 'region', 'enterprise', 'overdue', 'listed', 'q', 'sort'];
// Who may report a hazard (the server's rule).
const REPORTERS = ['enterprise', 'regulator', 'inspector', 'admin'];

const HazardList = {
  components: { RegionPicker, Pager, HazardBadges },
  props: { base: String },
  setup(props) {
    const role = session.user.role;
    const filters = reactive({ status: '', grade: '', source: '', industry: '', region: '', overdue: false, listed: false, q: '', sort: '' });
    const industries = ref([]);
    const items = ref([]);
    const total = ref(null);
    const next = ref(null);
    const cursors = ref([null]);
    const loading = ref(false);
    const failed = ref('');
    const filtersOpen = ref(false);

    function apiQuery() {
      const q = {};
      for (const k of FILTERS) if (route.query[k]) q[k] = route.query[k];
      return q;
    }

    function readQuery() {
      const q = route.query;
      for (const k of ['status', 'grade', 'source', 'industry', 'region', 'q', 'sort']) filters[k] = q[k] || '';
      filters.overdue = q.overdue === 'true';
      filters.listed = q.listed === 'true';
    }

    async function load() {
      loading.value = true;
      failed.value = '';
      try {
        const page = await api.get('/hazards', { ...apiQuery(), limit: PAGE_SIZE, cursor: cursors.value[cursors.value.length - 1] });
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

    function restart() {
      readQuery();
      cursors.value = [null];
      load();
    }

    function search() {
      navigate(props.base, {
        status: filters.status, grade: filters.grade, source: filters.source, industry: filters.industry,
        region: filters.region, enterprise: route.query.enterprise, overdue: filters.overdue ? 'true' : '',
        listed: filters.listed ? 'true' : '', q: filters.q.trim(), sort: filters.sort,
      });
      filtersOpen.value = false;
    }

    function reset() { navigate(props.base, {}); }

    function nextPage() { if (next.value) { cursors.value.push(next.value); load(); window.scrollTo(0, 0); } }
    function prevPage() { if (cursors.value.length > 1) { cursors.value.pop(); load(); window.scrollTo(0, 0); } }

    onMounted(() => {
      restart();
      loadIndustries().then((l) => { industries.value = l; }).catch((e) => toast('行业列表加载失败：' + e.message));
    });
    watch(() => route.query, restart);

    const active = computed(() => FILTERS.some((k) => k !== 'sort' && route.query[k]));
    const exports = computed(() => {
      const q = apiQuery();
      delete q.sort;
      const list = [
        { label: '导出 CSV', url: apiUrl('/exports/hazards.csv', q) },
        { label: '导出 Excel', url: apiUrl('/exports/hazards.xlsx', q) },
      ];
      if (role !== 'enterprise') {
        list.push({ label: '重大事故隐患台账', url: apiUrl('/exports/major-ledger.xlsx', { region: q.region, industry: q.industry }) });
        list.push({ label: '挂牌督办清单', url: apiUrl('/exports/listed.xlsx', { region: q.region, industry: q.industry }) });
      }
      return list;
    });
    const canReport = REPORTERS.includes(role);
    const showEnterprise = role !== 'enterprise';

    return { filters, industries, items, total, next, cursors, loading, failed, filtersOpen, active, exports, canReport,
      showEnterprise, search, reset, nextPage, prevPage, href, base: props.base, route,
      HAZARD_STATUS, HAZARD_GRADES, HAZARD_SOURCES, deadlineText };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">隐患</h1>
        <div class="page-actions">
          <button type="button" class="btn filters-toggle" :aria-expanded="filtersOpen ? 'true' : 'false'" @click="filtersOpen = !filtersOpen">
            筛选<span v-if="active" class="dot" aria-label="已设置筛选条件"></span>
          </button>
          <a v-if="canReport" class="btn btn-primary" :href="href(base + '/new')">上报隐患</a>
        </div>
      </div>
      <form class="panel filters" :class="{ open: filtersOpen }" @submit.prevent="search" role="search">
        <div class="field">
          <label for="f-q">关键字</label>
          <input id="f-q" v-model="filters.q" type="search" placeholder="隐患名称、描述" maxlength="100">
        </div>
        <div class="field">
          <label for="f-status">状态</label>
          <select id="f-status" v-model="filters.status">
            <option value="">全部状态</option>
            <option v-for="(label, k) in HAZARD_STATUS" :key="k" :value="k">{{ label }}</option>
          </select>
        </div>
        <div class="field">
          <label for="f-grade">等级</label>
          <select id="f-grade" v-model="filters.grade">
            <option value="">全部等级</option>
            <option v-for="(label, k) in HAZARD_GRADES" :key="k" :value="k">{{ label }}</option>
          </select>
        </div>
        <div class="field">
          <label for="f-source">来源</label>
          <select id="f-source" v-model="filters.source">
            <option value="">全部来源</option>
            <option v-for="(label, k) in HAZARD_SOURCES" :key="k" :value="k">{{ label }}</option>
          </select>
        </div>
        <div v-if="showEnterprise" class="field">
          <label for="f-industry">行业</label>
          <select id="f-industry" v-model="filters.industry">
            <option value="">全部行业</option>
            <option v-for="i in industries" :key="i.id" :value="String(i.id)">{{ i.name }}{{ i.active ? '' : '（已停用）' }}</option>
          </select>
        </div>
        <div v-if="showEnterprise" class="field field-region">
          <span class="label">所在地区</span>
          <RegionPicker v-model="filters.region" depth="county" id-prefix="f-region" label="按地区筛选" any />
        </div>
        <div class="field">
          <label for="f-sort">排序</label>
          <select id="f-sort" v-model="filters.sort">
            <option value="">最新上报在前</option>
            <option value="deadline">整改期限最近在前</option>
          </select>
        </div>
        <div class="field">
          <span class="label">仅看</span>
          <div class="checks">
            <label><input type="checkbox" v-model="filters.overdue"> 已逾期</label>
            <label><input type="checkbox" v-model="filters.listed"> 挂牌督办</label>
          </div>
        </div>
        <div class="filter-buttons">
          <button type="submit" class="btn btn-primary">查询</button>
          <button type="button" class="btn" @click="reset">重置</button>
        </div>
      </form>
      <div class="panel">
        <div class="exports">
          <span class="muted small">导出（按当前筛选条件）：</span>
          <a v-for="x in exports" :key="x.label" class="btn btn-small" :href="x.url" download>{{ x.label }}</a>
        </div>
        <p v-if="route.query.enterprise" class="notice">
          <span>仅显示一家企业的隐患。</span>
          <a :href="href(base, { ...route.query, enterprise: '' })">查看全部企业</a>
        </p>
        <p v-if="loading && !items.length" class="loading">正在加载…</p>
        <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
        <div v-else-if="!items.length" class="empty">
          <p>{{ active ? '没有符合条件的隐患' : '暂无隐患' }}</p>
          <p v-if="route.query.q && route.query.q.length < 3" class="muted small">关键字至少输入 3 个字效果更好。</p>
        </div>
        <div v-else class="table-wrap">
          <table class="table cards hazard-table" :aria-busy="loading ? 'true' : 'false'">
            <thead>
              <tr><th>隐患</th><th v-if="showEnterprise">企业</th><th>等级与状态</th><th>整改期限</th><th>发现日期</th><th>来源</th><th><span class="sr-only">操作</span></th></tr>
            </thead>
            <tbody>
              <tr v-for="h in items" :key="h.id" :class="{ 'row-overdue': h.overdue }">
                <td data-label="隐患" class="cell-title">
                  <a :href="href(base + '/' + h.id)">{{ h.title }}</a>
                  <span class="sub mono">{{ h.code }}</span>
                </td>
                <td v-if="showEnterprise" data-label="企业">{{ h.enterprise_name }}</td>
                <td data-label="等级与状态"><HazardBadges :hazard="h" /></td>
                <td data-label="整改期限" :class="{ 'text-danger': h.overdue }">
                  <template v-if="h.deadline">{{ h.deadline }}<template v-if="h.overdue">（已逾期）</template></template>
                  <span v-else class="muted">{{ deadlineText(h) }}</span>
                </td>
                <td data-label="发现日期">{{ h.found_at }}</td>
                <td data-label="来源">{{ HAZARD_SOURCES[h.source] || '—' }}</td>
                <td class="cell-actions"><a :href="href(base + '/' + h.id)">查看</a></td>
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
  components: { HazardList, HazardForm, HazardDetail },
  props: { base: String },
  setup(props) {
    const view = computed(() => {
      const sub = route.path.slice(props.base.length);
      let m;
      if (sub === '' || sub === '/') return { name: 'list' };
      if (sub === '/new' && REPORTERS.includes(session.user.role)) return { name: 'new' };
      if ((m = /^\/(\d+)$/.exec(sub))) return { name: 'detail', id: Number(m[1]) };
      return { name: 'missing' };
    });
    return { view };
  },
  template: `
    <HazardList v-if="view.name === 'list'" :base="base" />
    <HazardForm v-else-if="view.name === 'new'" :base="base" />
    <HazardDetail v-else-if="view.name === 'detail'" :key="'detail' + view.id" :base="base" :id="view.id" />
    <section v-else class="page"><div class="panel empty"><p>页面不存在。</p><p><a :href="'#' + base">返回列表</a></p></div></section>`,
};
