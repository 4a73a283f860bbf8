// 监督检查: the enterprises due for inspection this period by colour (待检查企业:
// red quarterly, orange half-yearly, yellow yearly, blue by random draw only,
// as the server is configured), the inspections recorded (检查记录) with
// their detail, and for inspectors and regulators the form 登记检查 (an
// enterprise they supervise, the date, the type, at least two inspectors of
// their own department, what was found).

import { api } from '../api.js';
import { INSPECTION_TYPES, RISK_COLOURS, inspectionFrequency } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { session, loadIndustries, toast } from '../state.js';
import { showError, formatTime, todayShanghai } from '../forms.js';
import Field from '../components/field.js';
import Pager from '../components/pager.js';
import OrgSelect from '../components/org-select.js';
import RegionPicker from '../components/region-picker.js';
import { RiskBadge } from '../components/badges.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const PAGE_SIZE = 30;
const INSPECTORS = ['inspector', 'regulator'];
const COLOUR_ORDER = ['red', 'orange', 'yellow', 'blue'];
const TABS = { due: '待检查企业', records: '检查记录' };

// An enterprise's page for the roles that have one ('' for the leader).
function enterpriseHref(id) {
  const role = session.user.role;
  if (role === 'admin' || role === 'office') return href(`/orgs/${id}`);
  if (INSPECTORS.includes(role)) return href(`/enterprises/${id}`);
  return '';
}

// One list of the server's (cursor pages, filters in the query).
function useList(path, query) {
  const items = ref([]);
  const page = ref(null);
  const cursors = ref([null]);
  const loading = ref(false);
  const failed = ref('');
  async function load() {
    loading.value = true;
    failed.value = '';
    try {
      page.value = await api.get(path, { ...query(), limit: PAGE_SIZE, cursor: cursors.value[cursors.value.length - 1] });
      items.value = page.value.items || [];
    } catch (e) {
      items.value = [];
      page.value = null;
      failed.value = e.message;
    } finally {
      loading.value = false;
    }
  }
  function restart() { cursors.value = [null]; load(); }
  function next() { if (page.value && page.value.next) { cursors.value.push(page.value.next); load(); } }
  function prev() { if (cursors.value.length > 1) { cursors.value.pop(); load(); } }
  return { items, page, cursors, loading, failed, load, restart, next, prev };
}

const DueList = {
  components: { Pager, RegionPicker, RiskBadge },
  props: { base: String },
  setup(props) {
    const filters = reactive({ region: '', industry: '' });
    const industries = ref([]);
    const colour = computed(() => route.query.colour || '');
    const list = useList('/inspections/due', () => {
      const q = {};
      for (const k of ['region', 'industry', 'colour']) if (route.query[k]) q[k] = route.query[k];
      return q;
    });
    function readQuery() { filters.region = route.query.region || ''; filters.industry = route.query.industry || ''; }
    function go(extra) { navigate(props.base, { tab: 'due', region: filters.region, industry: filters.industry, colour: colour.value, ...extra }); }
    function setColour(c) { go({ colour: colour.value === c ? '' : c }); }
    onMounted(() => {
      readQuery();
      list.restart();
      loadIndustries().then((l) => { industries.value = l; }).catch((e) => toast('行业列表加载失败：' + e.message));
    });
    watch(() => route.query, () => { readQuery(); list.restart(); });
    const canRecord = INSPECTORS.includes(session.user.role);
    return { ...list, filters, industries, colour, setColour, go, enterpriseHref, canRecord, href, base: props.base,
      COLOUR_ORDER, RISK_COLOURS, inspectionFrequency };
  },
  template: `
    <div>
      <div class="stats" role="group" aria-label="按风险颜色统计待检查企业">
        <button v-for="c in COLOUR_ORDER" :key="c" type="button" class="stat colour-chip" :class="{ 'chip-on': colour === c }"
                :aria-pressed="colour === c ? 'true' : 'false'" :data-colour="c" @click="setColour(c)">
          <span class="stat-value">{{ page ? page.counts[c] : '—' }}</span>
          <span class="stat-label"><span class="badge" :class="'risk-' + c">{{ RISK_COLOURS[c] }}</span>
            {{ page ? inspectionFrequency(page.months[c]) : '' }}</span>
        </button>
      </div>
      <form class="filters open" @submit.prevent="go({})" role="search">
        <div class="field field-region">
          <span class="label">所在地区</span>
          <RegionPicker v-model="filters.region" depth="county" id-prefix="due-region" label="按地区筛选" any />
        </div>
        <div class="field">
          <label for="due-industry">行业</label>
          <select id="due-industry" v-model="filters.industry">
            <option value="">全部行业</option>
            <option v-for="i in industries" :key="i.id" :value="String(i.id)">{{ i.name }}</option>
          </select>
        </div>
        <div class="form-buttons">
          <button type="submit" class="btn btn-primary">筛选</button>
          <a class="btn" :href="href(base, { tab: 'due' })">清除</a>
        </div>
      </form>
      <p v-if="page" class="muted">统计日期 {{ page.today }}：本周期内尚未检查的企业，红色优先，上次检查最早的在前。</p>
      <p v-if="loading && !items.length" class="loading">正在加载…</p>
      <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
      <div v-else-if="!items.length" class="empty"><p>本周期没有待检查的企业</p></div>
      <div v-else class="table-wrap">
        <table class="table cards" aria-label="待检查企业">
          <thead><tr><th>企业</th><th>风险等级</th><th>地区</th><th>行业</th><th>上次检查</th><th>本周期</th><th>应检查日期</th><th><span class="sr-only">操作</span></th></tr></thead>
          <tbody>
            <tr v-for="x in items" :key="x.id" :data-id="x.id">
              <td data-label="企业" class="cell-title"><a v-if="enterpriseHref(x.id)" :href="enterpriseHref(x.id)">{{ x.name }}</a><template v-else>{{ x.name }}</template></td>
              <td data-label="风险等级"><RiskBadge :colour="x.colour" /></td>
              <td data-label="地区">{{ x.region_name }}</td>
              <td data-label="行业">{{ x.industry_name || '—' }}</td>
              <td data-label="上次检查">{{ x.last_inspected_on || '从未检查' }}</td>
              <td data-label="本周期" class="mono">{{ x.period_start }} 起</td>
              <td data-label="应检查日期" class="due-by">{{ x.due_by }} 前</td>
              <td class="cell-actions">
                <a v-if="canRecord" class="btn btn-small" :href="href(base + '/new', { enterprise: x.id, name: x.name })">登记检查</a>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <Pager v-if="items.length || cursors.length > 1" :total="page ? page.total : null" :page="cursors.length"
             :has-next="!!(page && page.next)" :busy="loading" @prev="prev" @next="next" />
    </div>`,
};

const RecordList = {
  components: { Pager },
  props: { base: String },
  setup(props) {
    const filters = reactive({ type: '', from: '', to: '' });
    const list = useList('/inspections', () => {
      const q = {};
      for (const k of ['enterprise', 'type', 'from', 'to']) if (route.query[k]) q[k] = route.query[k];
      return q;
    });
    function readQuery() { for (const k of ['type', 'from', 'to']) filters[k] = route.query[k] || ''; }
    function search() { navigate(props.base, { tab: 'records', enterprise: route.query.enterprise, ...filters }); }
    onMounted(() => { readQuery(); list.restart(); });
    watch(() => route.query, () => { readQuery(); list.restart(); });
    return { ...list, filters, search, href, base: props.base, route, INSPECTION_TYPES };
  },
  template: `
    <div>
      <form class="filters open" @submit.prevent="search" role="search">
        <div class="field">
          <label for="rec-type">检查类型</label>
          <select id="rec-type" v-model="filters.type">
            <option value="">全部类型</option>
            <option v-for="(label, k) in INSPECTION_TYPES" :key="k" :value="k">{{ label }}</option>
          </select>
        </div>
        <div class="field"><label for="rec-from">检查日期自</label><input id="rec-from" type="date" v-model="filters.from"></div>
        <div class="field"><label for="rec-to">至</label><input id="rec-to" type="date" v-model="filters.to"></div>
        <div class="form-buttons">
          <button type="submit" class="btn btn-primary">筛选</button>
          <a class="btn" :href="href(base, { tab: 'records' })">清除</a>
        </div>
      </form>
      <p v-if="route.query.enterprise" class="notice"><span>仅显示所选企业的检查记录。</span><a :href="href(base, { tab: 'records' })">查看全部</a></p>
      <p v-if="loading && !items.length" class="loading">正在加载…</p>
      <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
      <div v-else-if="!items.length" class="empty"><p>暂无检查记录</p></div>
      <div v-else class="table-wrap">
        <table class="table cards" aria-label="检查记录">
          <thead><tr><th>编号</th><th>企业</th><th>检查日期</th><th>检查类型</th><th>检查单位</th><th>检查情况</th></tr></thead>
          <tbody>
            <tr v-for="x in items" :key="x.id">
              <td data-label="编号" class="mono"><a :href="href(base + '/' + x.id)">{{ x.code }}</a></td>
              <td data-label="企业">{{ x.enterprise_name }}</td>
              <td data-label="检查日期">{{ x.date }}</td>
              <td data-label="检查类型">{{ INSPECTION_TYPES[x.type] || x.type }}</td>
              <td data-label="检查单位">{{ x.org_name }}</td>
              <td data-label="检查情况" class="cell-title">{{ x.summary.length > 60 ? x.summary.slice(0, 60) + '…' : x.summary }}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <Pager v-if="items.length || cursors.length > 1" :total="page ? page.total : null" :page="cursors.length"
             :has-next="!!(page && page.next)" :busy="loading" @prev="prev" @next="next" />
    </div>`,
};

const InspectionList = {
  components: { DueList, RecordList },
  props: { base: String },
  setup(props) {
    const tab = computed(() => (route.query.tab === 'records' ? 'records' : 'due'));
    const canRecord = INSPECTORS.includes(session.user.role);
    function setTab(t) { navigate(props.base, { tab: t }); }
    return { tab, setTab, canRecord, href, base: props.base, TABS };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">监督检查</h1>
        <div class="page-actions"><a v-if="canRecord" class="btn btn-primary" :href="href(base + '/new')">登记检查</a></div>
      </div>
      <div class="panel">
        <div class="tabs" role="tablist" aria-label="监督检查">
          <button v-for="(label, k) in TABS" :key="k" type="button" role="tab" class="btn btn-small"
                  :class="{ 'btn-primary': tab === k }" :aria-selected="tab === k ? 'true' : 'false'" @click="setTab(k)">{{ label }}</button>
        </div>
        <DueList v-if="tab === 'due'" :base="base" />
        <RecordList v-else :base="base" />
      </div>
    </section>`,
};

const InspectionForm = {
  components: { Field, OrgSelect },
  props: { base: String },
  setup(props) {
    const f = reactive({ enterprise: null, name: '', date: todayShanghai(), type: 'routine', inspectors: [], summary: '' });
    const errors = reactive({});
    const people = ref([]);
    const busy = ref(false);
    const me = session.user.id;
    if (route.query.enterprise) {
      f.enterprise = Number(route.query.enterprise);
      f.name = route.query.name || '';
    }
    onMounted(async () => {
      try {
        people.value = (await api.get('/inspections/inspectors')).items || [];
        if (people.value.some((p) => p.id === me)) f.inspectors = [me];
      } catch (e) {
        toast('检查人员加载失败：' + e.message);
      }
    });
    async function submit() {
      for (const k of Object.keys(errors)) delete errors[k];
      if (!f.enterprise) errors.enterprise_id = '请选择被检查企业';
      if (!f.date) errors.date = '请填写检查日期';
      else if (f.date > todayShanghai()) errors.date = '检查日期不能晚于今天';
      if (f.inspectors.length < 2) errors.inspector_ids = '请至少选择两名检查人员';
      if (!f.summary.trim()) errors.summary = '请填写检查情况';
      if (Object.keys(errors).length) return;
      busy.value = true;
      try {
        const done = await api.post('/inspections', {
          enterprise_id: f.enterprise, date: f.date, type: f.type, inspector_ids: f.inspectors, summary: f.summary.trim(),
        });
        toast(`已登记检查 ${done.code}`, 'ok');
        navigate(`${props.base}/${done.id}`);
      } catch (e) {
        showError(e, errors, ['enterprise_id', 'date', 'type', 'inspector_ids', 'summary']);
      } finally {
        busy.value = false;
      }
    }
    return { f, errors, people, busy, submit, href, base: props.base, INSPECTION_TYPES, ROLE_NAMES: { inspector: '执法人员', regulator: '监管人员' } };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">登记检查</h1>
        <div class="page-actions"><a class="btn" :href="href(base)">返回</a></div>
      </div>
      <form class="panel form" @submit.prevent="submit" novalidate aria-label="登记检查">
        <div class="grid">
          <Field label="被检查企业" name="enterprise_id" for="insp-enterprise" :error="errors.enterprise_id" required wide>
            <OrgSelect id="insp-enterprise" v-model="f.enterprise" :name="f.name" kind="enterprise" placeholder="输入企业名称搜索" />
          </Field>
          <Field label="检查日期" name="date" for="insp-date" :error="errors.date" required>
            <input id="insp-date" type="date" v-model="f.date">
          </Field>
          <Field label="检查类型" name="type" for="insp-type" :error="errors.type" required>
            <select id="insp-type" v-model="f.type">
              <option v-for="(label, k) in INSPECTION_TYPES" :key="k" :value="k">{{ label }}</option>
            </select>
          </Field>
          <Field label="检查人员（至少两人）" name="inspector_ids" :error="errors.inspector_ids" required wide>
            <div class="checks" role="group" aria-label="检查人员">
              <label v-for="p in people" :key="p.id"><input type="checkbox" :value="p.id" v-model="f.inspectors"> {{ p.name }}<span class="muted">（{{ ROLE_NAMES[p.role] || p.role }}）</span></label>
              <span v-if="!people.length" class="muted">本单位暂无执法或监管人员</span>
            </div>
          </Field>
          <Field label="检查情况" name="summary" for="insp-summary" :error="errors.summary" required wide>
            <textarea id="insp-summary" v-model="f.summary" rows="5" maxlength="1300" placeholder="检查内容、发现的问题和处理意见"></textarea>
          </Field>
        </div>
        <div class="form-buttons">
          <button type="submit" class="btn btn-primary" :disabled="busy">保存</button>
          <a class="btn" :href="href(base)">取消</a>
        </div>
      </form>
    </section>`,
};

const InspectionDetail = {
  props: { base: String, id: Number },
  setup(props) {
    const x = ref(null);
    const failed = ref('');
    onMounted(async () => {
      try {
        x.value = await api.get('/inspections/' + props.id);
      } catch (e) {
        failed.value = e.status === 404 ? '检查记录不存在或不在您的管辖范围内。' : e.message;
      }
    });
    const entHref = computed(() => (x.value ? enterpriseHref(x.value.enterprise_id) : ''));
    return { x, failed, entHref, href, formatTime, base: props.base, INSPECTION_TYPES };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">检查记录{{ x ? ' ' + x.code : '' }}</h1>
        <div class="page-actions"><a class="btn" :href="href(base, { tab: 'records' })">返回列表</a></div>
      </div>
      <div v-if="failed" class="panel empty"><p>{{ failed }}</p></div>
      <p v-else-if="!x" class="loading">正在加载…</p>
      <div v-else class="panel">
        <dl class="details">
          <div><dt>编号</dt><dd class="mono">{{ x.code }}</dd></div>
          <div><dt>被检查企业</dt><dd><a v-if="entHref" :href="entHref">{{ x.enterprise_name }}</a><template v-else>{{ x.enterprise_name }}</template></dd></div>
          <div><dt>检查日期</dt><dd>{{ x.date }}</dd></div>
          <div><dt>检查类型</dt><dd>{{ INSPECTION_TYPES[x.type] || x.type }}</dd></div>
          <div><dt>检查单位</dt><dd>{{ x.org_name }}</dd></div>
          <div><dt>检查人员</dt><dd class="inspectors">{{ x.inspectors.map((p) => p.name).join('、') }}</dd></div>
          <div class="wide"><dt>检查情况</dt><dd class="pre">{{ x.summary }}</dd></div>
          <div><dt>登记时间</dt><dd>{{ formatTime(x.created_at) }}</dd></div>
        </dl>
      </div>
    </section>`,
};

export default {
  components: { InspectionList, InspectionForm, InspectionDetail },
  props: { base: String },
  setup(props) {
    const view = computed(() => {
      const sub = route.path.slice(props.base.length);
      let m;
      if (sub === '' || sub === '/') return { name: 'list' };
      if (sub === '/new' && INSPECTORS.includes(session.user.role)) return { name: 'new' };
      if ((m = /^\/(\d+)$/.exec(sub))) return { name: 'detail', id: Number(m[1]) };
      return { name: 'missing' };
    });
    return { view };
  },
  template: `
    <InspectionList v-if="view.name === 'list'" :base="base" />
    <InspectionForm v-else-if="view.name === 'new'" :base="base" />
    <InspectionDetail v-else-if="view.name === 'detail'" :key="'insp' + view.id" :base="base" :id="view.id" />
    <section v-else class="page"><div class="panel empty"><p>页面不存在</p></div></section>`,
};
