// 工作台: my to-dos, the counters the server offers for my role, and for
// the users of a government org that plans assign tasks to (安委办,
// departments) the tasks of their org (我的任务); notices (督办通报) aimed at
// the user's org, 未回复 highlighted.

import { api } from '../api.js';
import { COUNT_LABELS, SEVERITIES, ROLES, NOTICE_KINDS } from '../labels.js';
import { session } from '../state.js';
import { href } from '../router.js';
import MyTasks from '../components/my-tasks.js';

const { ref, computed, onMounted } = Vue;

// Roles whose org receives tasks from published plans.
const TASK_ROLES_SHOWN = ['office', 'regulator', 'inspector'];

// A to-do link from the server may be "#/x", "/x" or a full same-origin URL.
function todoHref(link) {
  if (!link) return null;
  if (link.startsWith('#')) return link;
  if (link.startsWith('/') && !link.startsWith('//')) return '#' + link;
  return null;
}

function dueState(due) {
  if (!due) return '';
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return '';
}

export default {
  components: { MyTasks },
  setup() {
    const todos = ref([]);
    const perKind = ref(0);
    const notices = ref([]);
    const counts = ref({});
    const loading = ref(true);
    const failed = ref('');

    async function load() {
      loading.value = true;
      failed.value = '';
      try {
        const data = await api.get('/workbench');
        todos.value = data.todos || [];
        perKind.value = data.todos_per_kind || 0;
        notices.value = data.notices || [];
        counts.value = data.counts || {};
      } catch (e) {
        failed.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    // Hazard counters open the hazard list with the matching filter; the
    // enterprises due for inspection open the due list.
    const COUNT_LINKS = {
      hazards_open: href('/hazards'),
      hazards_overdue: href('/hazards', { overdue: 'true' }),
      hazards_pending: href('/hazards', { status: 'pending_acceptance' }),
      inspections_due: href('/inspections', { tab: 'due' }),
    };
    const countList = computed(() => Object.entries(counts.value)
      .filter(([k, v]) => COUNT_LABELS[k] && typeof v === 'number')
      .map(([k, v]) => ({ key: k, label: COUNT_LABELS[k], value: v, link: COUNT_LINKS[k] || null,
        danger: k === 'hazards_overdue' && v > 0 })));

    // The server lists at most todos_per_kind to-dos of each hazard kind:
    // where a kind has more, a line says how many there are and opens them.
    const more = computed(() => {
      const shown = (kind) => todos.value.filter((t) => t.kind === kind).length;
      const full = (kind) => perKind.value > 0 && shown(kind) >= perKind.value;
      const c = counts.value;
      const out = [];
      if (typeof c.hazards_overdue === 'number' && c.hazards_overdue > shown('overdue')) {
        out.push({ key: 'overdue', text: `逾期未整改隐患共 ${c.hazards_overdue} 条，以上列出 ${shown('overdue')} 条`,
          link: href('/hazards', { overdue: 'true' }) });
      }
      if (full('due_soon')) {
        out.push({ key: 'due_soon', text: `3日内到期的隐患超过 ${perKind.value} 条`,
          link: href('/hazards', { status: 'rectifying', sort: 'deadline' }) });
      }
      if (full('pending_acceptance')) {
        out.push({ key: 'pending_acceptance', text: `待验收隐患共 ${c.hazards_pending} 条，以上列出待您验收的 ${perKind.value} 条`,
          link: href('/hazards', { status: 'pending_acceptance' }) });
      }
      return out;
    });

    const greeting = computed(() => {
      const u = session.user;
      return `${u.name || u.login}，您好`;
    });
    const roleLabel = computed(() => ROLES[session.user.role] || '');

    const showTasks = TASK_ROLES_SHOWN.includes(session.user.role) && !!session.user.org_id;

    return { todos, more, notices, NOTICE_KINDS, countList, loading, failed, load, todoHref, dueState, SEVERITIES, greeting, roleLabel, showTasks, user: session.user };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">工作台</h1>
        <span class="muted">{{ greeting }}（{{ user.org_name ? user.org_name + ' · ' : '' }}{{ roleLabel }}）</span>
      </div>
      <div v-if="countList.length" class="stats">
        <component :is="c.link ? 'a' : 'div'" v-for="c in countList" :key="c.key" class="stat"
                   :class="{ 'stat-danger': c.danger }" :href="c.link">
          <span class="stat-value">{{ c.value }}</span>
          <span class="stat-label">{{ c.label }}</span>
        </component>
      </div>
      <div class="panel">
        <div class="panel-head">
          <h2>我的待办</h2>
          <button type="button" class="btn btn-quiet" @click="load" :disabled="loading">刷新</button>
        </div>
        <p v-if="loading" class="loading">正在加载…</p>
        <div v-else-if="failed" class="empty">
          <p>待办加载失败：{{ failed }}</p>
        </div>
        <div v-else-if="!todos.length" class="empty">
          <p>暂无待办</p>
          <p class="muted small">需要您处理的隐患、任务、报告等事项会显示在这里。</p>
        </div>
        <ul v-else class="todo-list">
          <li v-for="(t, i) in todos" :key="i" class="todo" :class="'sev-' + (t.severity || 'normal')">
            <span v-if="t.severity && SEVERITIES[t.severity]" class="badge" :class="'sev-badge-' + t.severity">{{ SEVERITIES[t.severity] }}</span>
            <a v-if="todoHref(t.link)" :href="todoHref(t.link)" class="todo-title">{{ t.title }}</a>
            <span v-else class="todo-title">{{ t.title }}</span>
            <span v-if="t.due" class="todo-due" :class="dueState(t.due)">
              {{ dueState(t.due) === 'overdue' ? '已逾期 · ' : dueState(t.due) === 'today' ? '今日到期 · ' : '' }}期限 {{ t.due }}
            </span>
          </li>
        </ul>
        <ul v-if="!loading && !failed && more.length" class="todo-more">
          <li v-for="m in more" :key="m.key" :data-more="m.key">
            <span class="muted">{{ m.text }}</span>
            <a :href="m.link" :aria-label="m.text + '，查看全部'">查看全部</a>
          </li>
        </ul>
      </div>
      <div v-if="notices.length" class="panel panel-notices">
        <div class="panel-head">
          <h2>督办通报</h2>
          <a class="btn btn-quiet" href="#/notices">全部</a>
        </div>
        <ul class="notice-list">
          <li v-for="n in notices" :key="n.id" class="notice-item" :data-notice="n.id" :class="{ 'notice-pending': n.my_reply === 'pending' }">
            <span class="badge" :class="'notice-' + n.kind">{{ NOTICE_KINDS[n.kind] || n.kind }}</span>
            <a :href="'#/notices/' + n.id" class="todo-title">{{ n.code }} {{ n.title }}</a>
            <span class="muted small">{{ n.issuer_name }}</span>
            <span v-if="n.my_reply === 'pending'" class="badge badge-missing">{{ n.overdue ? '逾期未回复' : '未回复' }}</span>
            <span v-else class="badge badge-reported">已回复</span>
            <span v-if="n.due_on" class="todo-due" :class="n.my_reply === 'pending' ? dueState(n.due_on) : ''">回复期限 {{ n.due_on }}</span>
          </li>
        </ul>
      </div>
      <MyTasks v-if="showTasks" />
    </section>`,
};
