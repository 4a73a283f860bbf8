// 单位管理 / 企业: the org list with its filters, and the detail and form
// pages under the same path (BASE, BASE/new, BASE/ID, BASE/ID/edit).

import { api } from '../api.js';
import { ORG_KINDS } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { loadIndustries, toast } from '../state.js';
import RegionPicker from '../components/region-picker.js';
import Pager from '../components/pager.js';
import { RiskBadge, StatusBadge } from '../components/badges.js';
import OrgDetail from './org-detail.js';
import OrgForm from './org-form.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const PAGE_SIZE = 50;

const OrgList = {
  components: { RegionPicker, Pager, RiskBadge, StatusBadge },
  props: { base: String, fixedKind: String, readonly: Boolean },
  setup(props) {
    const filters = reactive({ kind: '', region: '', industry: '', q: '' });
    const industries = ref([]);
    const items = ref([]);
    const total = ref(null);
    const next = ref(null);
    const cursors = ref([null]);   // cursor of each page visited; last = current
    const loading = ref(false);
    const failed = ref('');
    const filtersOpen = ref(false);

    function readQuery() {
      filters.kind = props.fixedKind || route.query.kind || '';
      filters.region = route.query.region || '';
      filters.industry = route.query.industry || '';
      filters.q = route.query.q || '';
    }

    async function load() {
      loading.value = true;
      failed.value = '';
      try {
        const page = await api.get('/orgs', {
          kind: props.fixedKind || route.query.kind,
          region: route.query.region,
          industry: route.query.industry,
          q: route.query.q,
          limit: PAGE_SIZE,
          cursor: cursors.value[cursors.value.length - 1],
        });
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
      const q = { region: filters.region, industry: filters.industry, q: filters.q.trim() };
      if (!props.fixedKind) q.kind = filters.kind;
      navigate(props.base, q);
      filtersOpen.value = false;
    }

    function reset() {
      navigate(props.base, {});
    }

    function nextPage() { if (next.value) { cursors.value.push(next.value); load(); window.scrollTo(0, 0); } }
    function prevPage() { if (cursors.value.length > 1) { cursors.value.pop(); load(); window.scrollTo(0, 0); } }

    onMounted(() => {
      restart();
      loadIndustries().then((list) => { industries.value = list; }).catch((e) => toast('行业列表加载失败：' + e.message));
    });
    watch(() => route.query, restart);

    const active = computed(() => ['region', 'industry', 'q'].some((k) => route.query[k]) || (!props.fixedKind && !!route.query.kind));
    const title = computed(() => (props.fixedKind === 'enterprise' ? '企业' : '单位管理'));
    const showKind = computed(() => !props.fixedKind);

    return { filters, industries, items, total, next, cursors, loading, failed, filtersOpen, active, title, showKind,
      search, reset, nextPage, prevPage, ORG_KINDS, href, base: props.base };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">{{ title }}</h1>
        <div class="page-actions">
          <button type="button" class="btn filters-toggle" :aria-expanded="filtersOpen ? 'true' : 'false'" @click="filtersOpen = !filtersOpen">
            筛选<span v-if="active" class="dot" aria-label="已设置筛选条件"></span>
          </button>
          <a v-if="!readonly" class="btn btn-primary" :href="href(base + '/new')">新增单位</a>
        </div>
      </div>
      <form class="panel filters" :class="{ open: filtersOpen }" @submit.prevent="search" role="search">
        <div v-if="showKind" class="field">
          <label for="f-kind">单位类型</label>
          <select id="f-kind" v-model="filters.kind">
            <option value="">全部类型</option>
            <option v-for="(label, k) in ORG_KINDS" :key="k" :value="k">{{ label }}</option>
          </select>
        </div>
        <div class="field field-region">
          <span class="label">所在地区</span>
          <RegionPicker v-model="filters.region" depth="county" id-prefix="f-region" label="按地区筛选" any />
        </div>
        <div class="field">
          <label for="f-industry">行业</label>
          <select id="f-industry" v-model="filters.industry">
            <option value="">全部行业</option>
            <option v-for="i in industries" :key="i.id" :value="String(i.id)">{{ i.name }}{{ i.active ? '' : '（已停用）' }}</option>
          </select>
        </div>
        <div class="field">
          <label for="f-q">名称或信用代码</label>
          <input id="f-q" v-model="filters.q" type="search" placeholder="输入关键字">
        </div>
        <div class="filter-buttons">
          <button type="submit" class="btn btn-primary">查询</button>
          <button type="button" class="btn" @click="reset">重置</button>
        </div>
      </form>
      <div class="panel">
        <p v-if="loading && !items.length" class="loading">正在加载…</p>
        <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
        <div v-else-if="!items.length" class="empty">
          <p>{{ active ? '没有符合条件的单位' : '暂无单位' }}</p>
        </div>
        <div v-else class="table-wrap">
          <table class="table cards" :aria-busy="loading ? 'true' : 'false'">
            <thead>
              <tr><th>名称</th><th v-if="showKind">类型</th><th>所在地区</th><th>行业</th><th>统一社会信用代码</th><th>风险等级</th><th>状态</th><th><span class="sr-only">操作</span></th></tr>
            </thead>
            <tbody>
              <tr v-for="o in items" :key="o.id">
                <td data-label="名称" class="cell-title"><a :href="href(base + '/' + o.id)">{{ o.name }}</a></td>
                <td v-if="showKind" data-label="类型">{{ ORG_KINDS[o.kind] || '' }}</td>
                <td data-label="所在地区">{{ o.region_name }}</td>
                <td data-label="行业">{{ o.industry_name || '—' }}</td>
                <td data-label="信用代码" class="mono">{{ o.credit_code || '—' }}</td>
                <td data-label="风险等级"><template v-if="o.kind === 'enterprise'"><RiskBadge :colour="o.risk_colour" /></template><template v-else>—</template></td>
                <td data-label="状态"><StatusBadge v-if="o.kind === 'enterprise'" :status="o.status" /><template v-else>—</template></td>
                <td class="cell-actions">
                  <a :href="href(base + '/' + o.id)">查看</a>
                  <a v-if="!readonly" :href="href(base + '/' + o.id + '/edit')">编辑</a>
                </td>
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
  components: { OrgList, OrgDetail, OrgForm },
  props: { base: String, fixedKind: { type: String, default: '' }, readonly: Boolean },
  setup(props) {
    const view = computed(() => {
      const sub = route.path.slice(props.base.length);
      let m;
      if (sub === '' || sub === '/') return { name: 'list' };
      if (sub === '/new' && !props.readonly) return { name: 'new' };
      if ((m = /^\/(\d+)$/.exec(sub))) return { name: 'detail', id: Number(m[1]) };
      if ((m = /^\/(\d+)\/edit$/.exec(sub)) && !props.readonly) return { name: 'edit', id: Number(m[1]) };
      return { name: 'missing' };
    });
    return { view };
  },
  template: `
    <OrgList v-if="view.name === 'list'" :base="base" :fixed-kind="fixedKind" :readonly="readonly" />
    <OrgForm v-else-if="view.name === 'new'" :key="'new'" :base="base" :kind="fixedKind" />
    <OrgForm v-else-if="view.name === 'edit'" :key="'edit' + view.id" :base="base" :id="view.id" />
    <OrgDetail v-else-if="view.name === 'detail'" :key="'detail' + view.id" :base="base" :id="view.id" :readonly="readonly" />
    <section v-else class="page"><div class="panel empty"><p>页面不存在。</p><p><a :href="'#' + base">返回列表</a></p></div></section>`,
};
