// 行动计划: the plans of the user's region (drafts and published), and
// under the same path the import page (BASE/new, office and admin) and a
// plan's page (BASE/ID) and its 考核 (BASE/ID/assessment, office, admin, leader).

import { api } from '../api.js';
import { PLAN_STATUS } from '../labels.js';
import { route, href } from '../router.js';
import { session } from '../state.js';
import { formatTime } from '../forms.js';
import Pager from '../components/pager.js';
import PlanImport from './plan-import.js';
import PlanDetail from './plan-detail.js';
import PlanAssessment from './plan-assessment.js';

const { ref, computed, onMounted } = Vue;

const PAGE_SIZE = 30;
// Who may import and publish plans (the server's rule).
const MANAGERS = ['office', 'admin'];
// Who reads a plan's assessment (the server's rule).
const ASSESSORS = ['office', 'admin', 'leader'];

const PlanList = {
  components: { Pager },
  props: { base: String },
  setup(props) {
    const items = ref([]);
    const next = ref(null);
    const cursors = ref([null]);
    const loading = ref(false);
    const failed = ref('');

    async function load() {
      loading.value = true;
      failed.value = '';
      try {
        const page = await api.get('/plans', { limit: PAGE_SIZE, cursor: cursors.value[cursors.value.length - 1] });
        items.value = page.items || [];
        next.value = page.next || null;
      } catch (e) {
        items.value = [];
        failed.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    function nextPage() { if (next.value) { cursors.value.push(next.value); load(); window.scrollTo(0, 0); } }
    function prevPage() { if (cursors.value.length > 1) { cursors.value.pop(); load(); window.scrollTo(0, 0); } }

    const canImport = MANAGERS.includes(session.user.role);
    const period = (p) => (p.period && (p.period.start || p.period.end) ? `${p.period.start || '—'} 至 ${p.period.end || '—'}` : '—');

    return { items, next, cursors, loading, failed, nextPage, prevPage, canImport, period, href, formatTime,
      base: props.base, PLAN_STATUS };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">行动计划</h1>
        <div class="page-actions">
          <a v-if="canImport" class="btn btn-primary" :href="href(base + '/new')">导入方案</a>
        </div>
      </div>
      <div class="panel">
        <p v-if="loading && !items.length" class="loading">正在加载…</p>
        <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
        <div v-else-if="!items.length" class="empty">
          <p>暂无行动计划</p>
          <p v-if="canImport" class="muted small">点击“导入方案”，粘贴或上传方案全文，系统自动拆解为任务清单。</p>
        </div>
        <div v-else class="table-wrap">
          <table class="table cards plan-table" :aria-busy="loading ? 'true' : 'false'">
            <thead>
              <tr><th>方案</th><th>状态</th><th>发文单位</th><th>实施期限</th><th>节点</th><th>任务</th><th>导入时间</th><th><span class="sr-only">操作</span></th></tr>
            </thead>
            <tbody>
              <tr v-for="p in items" :key="p.id">
                <td data-label="方案" class="cell-title">
                  <a :href="href(base + '/' + p.id)">{{ p.title }}</a>
                  <span class="sub">{{ p.doc_number || '无文号' }}</span>
                </td>
                <td data-label="状态"><span class="badge" :class="'plan-' + p.status">{{ PLAN_STATUS[p.status] || '未知' }}</span></td>
                <td data-label="发文单位">{{ p.issuer || '—' }}</td>
                <td data-label="实施期限">{{ period(p) }}</td>
                <td data-label="节点">{{ p.nodes }}</td>
                <td data-label="任务">{{ p.status === 'published' ? p.tasks : '—' }}</td>
                <td data-label="导入时间">{{ formatTime(p.created_at) }}</td>
                <td class="cell-actions"><a :href="href(base + '/' + p.id)">查看</a></td>
              </tr>
            </tbody>
          </table>
        </div>
        <Pager v-if="items.length || cursors.length > 1" :page="cursors.length" :has-next="!!next" :busy="loading"
               @prev="prevPage" @next="nextPage" />
      </div>
    </section>`,
};

export default {
  components: { PlanList, PlanImport, PlanDetail, PlanAssessment },
  props: { base: String },
  setup(props) {
    const view = computed(() => {
      const sub = route.path.slice(props.base.length);
      let m;
      if (sub === '' || sub === '/') return { name: 'list' };
      if (sub === '/new' && MANAGERS.includes(session.user.role)) return { name: 'new' };
      if ((m = /^\/(\d+)$/.exec(sub))) return { name: 'detail', id: Number(m[1]) };
      if ((m = /^\/(\d+)\/assessment$/.exec(sub)) && ASSESSORS.includes(session.user.role)) return { name: 'assessment', id: Number(m[1]) };
      return { name: 'missing' };
    });
    return { view };
  },
  template: `
    <PlanList v-if="view.name === 'list'" :base="base" />
    <PlanImport v-else-if="view.name === 'new'" :base="base" />
    <PlanDetail v-else-if="view.name === 'detail'" :key="'detail' + view.id" :base="base" :id="view.id" />
    <PlanAssessment v-else-if="view.name === 'assessment'" :key="'assessment' + view.id" :base="base" :id="view.id" />
    <section v-else class="page"><div class="panel empty"><p>页面不存在。</p><p><a :href="'#' + base">返回列表</a></p></div></section>`,
};
