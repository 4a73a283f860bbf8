// 督办通报: notices (督办, 通报, 约谈, 曝光, 表扬) the office issues to orgs,
// citing tasks and hazards. BASE lists those the user sees (kind filter in
// the query, ?kind=), BASE/new is the issue form (office and admin), BASE/ID
// a notice with what it cites, its targets and their replies (未回复
// highlighted, 逾期未回复 for a 督办 past its reply deadline) and the reply
// form of a target org that has not replied yet (once).

import { api, getAll } from '../api.js';
import { NOTICE_KINDS } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { session } from '../state.js';
import { formatTime, todayShanghai } from '../forms.js';
import Pager from '../components/pager.js';
import OrgSelect from '../components/org-select.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const PAGE_SIZE = 30;
const ISSUERS = ['office', 'admin'];
const TEXT_MAX = 3000;
const bytes = (s) => new TextEncoder().encode(s || '').length;

const NoticeList = {
  components: { Pager },
  props: { base: String },
  setup(props) {
    const items = ref([]);
    const next = ref(null);
    const cursors = ref([null]);
    const loading = ref(false);
    const failed = ref('');
    const kind = computed({
      get: () => route.query.kind || '',
      set: (v) => { cursors.value = [null]; navigate(route.path, { ...route.query, kind: v }, { replace: true }); },
    });

    async function load() {
      loading.value = true;
      failed.value = '';
      try {
        const page = await api.get('/notices', { limit: PAGE_SIZE, kind: kind.value || undefined,
          cursor: cursors.value[cursors.value.length - 1] });
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
    watch(kind, load);
    function nextPage() { if (next.value) { cursors.value.push(next.value); load(); } }
    function prevPage() { if (cursors.value.length > 1) { cursors.value.pop(); load(); } }
    const unreplied = (n) => n.targets_count - n.replied_count;
    return { items, next, cursors, loading, failed, kind, nextPage, prevPage, unreplied, href, base: props.base,
      canIssue: ISSUERS.includes(session.user.role), NOTICE_KINDS };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">督办通报</h1>
        <div class="page-actions">
          <a v-if="canIssue" class="btn btn-primary" :href="href(base + '/new')">发布督办通报</a>
        </div>
      </div>
      <div class="panel">
        <div class="field notice-kind-filter">
          <label for="notice-kind">类别</label>
          <select id="notice-kind" v-model="kind">
            <option value="">全部</option>
            <option v-for="(l, k) in NOTICE_KINDS" :key="k" :value="k">{{ l }}</option>
          </select>
        </div>
        <p v-if="loading && !items.length" class="loading">正在加载…</p>
        <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
        <div v-else-if="!items.length" class="empty"><p>暂无督办通报</p></div>
        <div v-else class="table-wrap">
          <table class="table cards notice-table">
            <thead><tr><th>文号</th><th>标题</th><th>发文单位</th><th>发文日期</th><th>回复期限</th><th>回复情况</th></tr></thead>
            <tbody>
              <tr v-for="n in items" :key="n.id" :data-notice="n.id"
                  :class="{ 'row-missing': n.my_reply === 'pending' || (n.overdue && unreplied(n) > 0) }">
                <td data-label="文号"><span class="badge" :class="'notice-' + n.kind">{{ NOTICE_KINDS[n.kind] }}</span> {{ n.code }}</td>
                <td data-label="标题" class="cell-title"><a :href="href(base + '/' + n.id)">{{ n.title }}</a></td>
                <td data-label="发文单位">{{ n.issuer_name }}</td>
                <td data-label="发文日期">{{ n.issued_on }}</td>
                <td data-label="回复期限">{{ n.due_on || '—' }}</td>
                <td data-label="回复情况">
                  <span v-if="n.my_reply === 'pending'" class="badge badge-missing">本单位未回复</span>
                  <span v-else-if="n.my_reply === 'replied'" class="badge badge-reported">本单位已回复</span>
                  <span v-if="n.my_reply === null">
                    已回复 {{ n.replied_count }}/{{ n.targets_count }}
                    <span v-if="n.overdue && unreplied(n) > 0" class="badge badge-missing">{{ unreplied(n) }} 家逾期未回复</span>
                  </span>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <Pager v-if="items.length || cursors.length > 1" :page="cursors.length" :has-next="!!next" :busy="loading"
               @prev="prevPage" @next="nextPage" />
      </div>
    </section>`,
};

const NoticeForm = {
  components: { OrgSelect },
  props: { base: String },
  setup(props) {
    const isAdmin = session.user.role === 'admin';
    const form = reactive({ kind: 'supervise', title: '', body: '', plan_id: route.query.plan || '', issued_on: todayShanghai(),
      due_on: '', hazards: '', issuer: null });
    const targets = ref([]);          // [{ id, name }]
    const pick = ref(null);
    const pickName = ref('');
    const plans = ref([]);
    const tasks = ref([]);
    const chosenTasks = ref(route.query.task ? [Number(route.query.task)] : []);
    const errors = reactive({});
    const saving = ref(false);

    onMounted(async () => {
      try { plans.value = (await getAll('/plans', { limit: 500 }, 5)).filter((p) => p.status === 'published'); } catch (e) { plans.value = []; }
      if (route.query.org) {
        try { const o = await api.get('/orgs/' + route.query.org); targets.value.push({ id: o.id, name: o.name }); } catch (e) { /* not seen */ }
      }
    });
    watch(() => form.plan_id, async (id) => {
      tasks.value = [];
      if (!id) { chosenTasks.value = []; return; }
      try { tasks.value = await getAll('/tasks', { plan: id, limit: 500 }, 20); } catch (e) { tasks.value = []; }
      chosenTasks.value = chosenTasks.value.filter((t) => tasks.value.some((x) => x.id === t));
    }, { immediate: true });

    function addTarget(o) {
      if (o && !targets.value.some((t) => t.id === o.id)) targets.value.push({ id: o.id, name: o.name });
      pick.value = null;
      pickName.value = '';
      delete errors.targets;
    }
    function removeTarget(id) { targets.value = targets.value.filter((t) => t.id !== id); }

    function check() {
      for (const k of Object.keys(errors)) delete errors[k];
      if (!form.title.trim()) errors.title = '请填写标题';
      if (!form.body.trim()) errors.body = '请填写正文';
      else if (bytes(form.body) > TEXT_MAX) errors.body = `正文过长（最多 ${TEXT_MAX} 字节）`;
      if (!targets.value.length) errors.targets = '请至少选择一个对象单位';
      if (!form.issued_on) errors.issued_on = '请填写发文日期';
      if (form.kind === 'supervise' && !form.due_on) errors.due_on = '督办须填写回复期限';
      else if (form.due_on && form.due_on < form.issued_on) errors.due_on = '回复期限不能早于发文日期';
      if (form.hazards.trim() && !/^\s*\d+(\s*[,，、\s]\s*\d+)*\s*$/.test(form.hazards)) errors.hazards = '隐患编号为数字，多个用逗号分隔';
      if (isAdmin && !form.issuer && !session.user.org_id) errors.issuer_org_id = '请选择发文单位（安委办）';
      return !Object.keys(errors).length;
    }

    async function submit() {
      if (!check()) return;
      const body = { kind: form.kind, title: form.title.trim(), body: form.body.trim(), targets: targets.value.map((t) => t.id),
        issued_on: form.issued_on };
      if (form.due_on) body.due_on = form.due_on;
      if (form.plan_id) body.plan_id = Number(form.plan_id);
      if (chosenTasks.value.length) body.tasks = chosenTasks.value.map(Number);
      const hz = form.hazards.split(/[,，、\s]+/).filter(Boolean).map(Number);
      if (hz.length) body.hazards = hz;
      if (isAdmin && form.issuer) body.issuer_org_id = form.issuer;
      saving.value = true;
      try {
        const n = await api.post('/notices', body);
        navigate(props.base + '/' + n.id);
      } catch (e) {
        const fields = ['kind', 'title', 'body', 'targets', 'tasks', 'hazards', 'plan_id', 'issued_on', 'due_on', 'issuer_org_id'];
        if (e.field && fields.includes(e.field)) errors[e.field] = e.message;
        else errors.form = e.status === 403 ? '只有安委办可以发布督办通报。' : e.message;
      } finally {
        saving.value = false;
      }
    }
    return { form, targets, pick, pickName, plans, tasks, chosenTasks, errors, saving, isAdmin, addTarget, removeTarget,
      submit, href, base: props.base, NOTICE_KINDS };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">发布督办通报</h1>
        <div class="page-actions"><a class="btn" :href="href(base)">返回列表</a></div>
      </div>
      <form class="panel form notice-form" novalidate @submit.prevent="submit">
        <div class="grid">
          <div class="field required" data-field="kind">
            <label for="n-kind">类别</label>
            <select id="n-kind" v-model="form.kind">
              <option v-for="(l, k) in NOTICE_KINDS" :key="k" :value="k">{{ l }}</option>
            </select>
          </div>
          <div v-if="isAdmin" class="field" :class="{ 'has-error': errors.issuer_org_id }" data-field="issuer_org_id">
            <label for="n-issuer">发文单位</label>
            <OrgSelect id="n-issuer" v-model="form.issuer" kind="office" placeholder="输入安委办名称搜索" />
            <p v-if="errors.issuer_org_id" class="field-error" role="alert">{{ errors.issuer_org_id }}</p>
          </div>
          <div class="field required wide" :class="{ 'has-error': errors.title }" data-field="title">
            <label for="n-title">标题</label>
            <input id="n-title" v-model="form.title">
            <p v-if="errors.title" class="field-error" role="alert">{{ errors.title }}</p>
          </div>
          <div class="field required wide" :class="{ 'has-error': errors.body }" data-field="body">
            <label for="n-body">正文</label>
            <textarea id="n-body" v-model="form.body" rows="5"></textarea>
            <p v-if="errors.body" class="field-error" role="alert">{{ errors.body }}</p>
          </div>
          <div class="field required wide" :class="{ 'has-error': errors.targets }" data-field="targets">
            <label for="n-target">对象单位</label>
            <OrgSelect id="n-target" v-model="pick" :name="pickName" placeholder="输入单位名称搜索后选择" @picked="addTarget" />
            <ul v-if="targets.length" class="chips">
              <li v-for="t in targets" :key="t.id" class="chip">{{ t.name }}
                <button type="button" class="link-button" :aria-label="'移除 ' + t.name" @click="removeTarget(t.id)">×</button></li>
            </ul>
            <p v-if="errors.targets" class="field-error" role="alert">{{ errors.targets }}</p>
          </div>
          <div class="field" :class="{ 'has-error': errors.plan_id }" data-field="plan_id">
            <label for="n-plan">所属方案</label>
            <select id="n-plan" v-model="form.plan_id">
              <option value="">（不指定）</option>
              <option v-for="p in plans" :key="p.id" :value="String(p.id)">{{ p.title }}</option>
            </select>
            <p v-if="errors.plan_id" class="field-error" role="alert">{{ errors.plan_id }}</p>
          </div>
          <div v-if="tasks.length" class="field wide" :class="{ 'has-error': errors.tasks }" data-field="tasks">
            <span class="label">引用任务</span>
            <div class="check-list">
              <label v-for="t in tasks" :key="t.id" class="check"><input type="checkbox" :value="t.id" v-model="chosenTasks"> {{ t.title }}（{{ t.org_name }}）</label>
            </div>
            <p v-if="errors.tasks" class="field-error" role="alert">{{ errors.tasks }}</p>
          </div>
          <div class="field" :class="{ 'has-error': errors.hazards }" data-field="hazards">
            <label for="n-hazards">引用隐患编号</label>
            <input id="n-hazards" v-model="form.hazards" placeholder="多个用逗号分隔">
            <p v-if="errors.hazards" class="field-error" role="alert">{{ errors.hazards }}</p>
          </div>
          <div class="field required" :class="{ 'has-error': errors.issued_on }" data-field="issued_on">
            <label for="n-issued">发文日期</label>
            <input id="n-issued" type="date" v-model="form.issued_on">
            <p v-if="errors.issued_on" class="field-error" role="alert">{{ errors.issued_on }}</p>
          </div>
          <div class="field" :class="{ required: form.kind === 'supervise', 'has-error': errors.due_on }" data-field="due_on">
            <label for="n-due">回复期限</label>
            <input id="n-due" type="date" v-model="form.due_on">
            <p v-if="errors.due_on" class="field-error" role="alert">{{ errors.due_on }}</p>
            <p v-else class="field-hint">督办必填：对象单位须在此日期前回复整改情况</p>
          </div>
        </div>
        <p v-if="errors.form" class="form-error" role="alert">{{ errors.form }}</p>
        <div class="action-buttons">
          <button type="submit" class="btn btn-primary" :disabled="saving">{{ saving ? '正在发布…' : '发布' }}</button>
          <a class="btn" :href="href(base)">取消</a>
        </div>
      </form>
    </section>`,
};

const NoticeDetail = {
  props: { base: String, id: Number },
  setup(props) {
    const n = ref(null);
    const failed = ref('');
    const text = ref('');
    const errors = reactive({});
    const saving = ref(false);

    async function load() {
      failed.value = '';
      try {
        n.value = await api.get('/notices/' + props.id);
      } catch (e) {
        failed.value = e.status === 404 ? '督办通报不存在或不在您的管辖范围内。' : e.message;
      }
    }
    onMounted(load);

    async function reply() {
      for (const k of Object.keys(errors)) delete errors[k];
      if (!text.value.trim()) errors.text = '请填写回复内容';
      else if (bytes(text.value) > TEXT_MAX) errors.text = `回复内容过长（最多 ${TEXT_MAX} 字节）`;
      if (errors.text) return;
      saving.value = true;
      try {
        n.value = await api.post(`/notices/${props.id}/replies`, { text: text.value.trim() });
        text.value = '';
      } catch (e) {
        if (e.code === 'conflict') { errors.form = '本单位已回复，每个单位只能回复一次。'; await load(); }
        else if (e.status === 403) errors.form = '只有对象单位可以回复。';
        else if (e.field === 'text') errors.text = e.message;
        else errors.form = e.message;
      } finally {
        saving.value = false;
      }
    }
    const unreplied = computed(() => (n.value ? n.value.targets.filter((t) => !t.replied) : []));
    const citeHref = (c) => (c.kind === 'hazard' ? href('/hazards/' + c.id)
      : n.value && n.value.plan_id ? href('/plans/' + n.value.plan_id, { task: c.id }) : null);
    return { n, failed, text, errors, saving, reply, unreplied, citeHref, href, formatTime, base: props.base, NOTICE_KINDS };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">{{ n ? n.code : '督办通报' }}</h1>
        <div class="page-actions"><a class="btn" :href="href(base)">返回列表</a></div>
      </div>
      <div v-if="failed" class="panel empty"><p>{{ failed }}</p></div>
      <p v-else-if="!n" class="loading">正在加载…</p>
      <template v-else>
        <div class="panel notice-detail">
          <div class="panel-head"><h2><span class="badge" :class="'notice-' + n.kind">{{ NOTICE_KINDS[n.kind] }}</span> {{ n.title }}</h2></div>
          <dl class="details">
            <div><dt>文号</dt><dd>{{ n.code }}</dd></div>
            <div><dt>发文单位</dt><dd>{{ n.issuer_name }}</dd></div>
            <div><dt>发文日期</dt><dd>{{ n.issued_on }}</dd></div>
            <div><dt>回复期限</dt><dd :class="{ 'text-danger': n.overdue }">{{ n.due_on || '—' }}<template v-if="n.overdue">（已过期）</template></dd></div>
            <div><dt>回复情况</dt><dd>已回复 {{ n.replied_count }}/{{ n.targets_count }}</dd></div>
          </dl>
          <p class="notice-body">{{ n.body }}</p>
          <template v-if="n.cites.length">
            <h3>引用</h3>
            <ul class="cite-list">
              <li v-for="c in n.cites" :key="c.kind + c.id">
                <span class="badge">{{ c.kind === 'task' ? '任务' : '隐患' }}</span>
                <a v-if="citeHref(c)" :href="citeHref(c)">{{ c.code ? c.code + ' ' : '' }}{{ c.title }}</a>
                <span v-else>{{ c.title }}</span>
              </li>
            </ul>
          </template>
        </div>
        <div v-if="n.my_reply === 'pending'" class="panel">
          <div class="panel-head"><h2>本单位回复</h2></div>
          <form class="reply-form" novalidate @submit.prevent="reply">
            <div class="field required wide" :class="{ 'has-error': errors.text }" data-field="text">
              <label for="reply-text">回复内容</label>
              <textarea id="reply-text" v-model="text" rows="4" placeholder="整改落实情况，或“收悉”"></textarea>
              <p v-if="errors.text" class="field-error" role="alert">{{ errors.text }}</p>
            </div>
            <p v-if="errors.form" class="form-error" role="alert">{{ errors.form }}</p>
            <div class="action-buttons">
              <button type="submit" class="btn btn-primary" :disabled="saving">{{ saving ? '正在提交…' : '提交回复' }}</button>
            </div>
          </form>
        </div>
        <div class="panel">
          <div class="panel-head"><h2>对象单位（{{ n.targets.length }}）</h2>
            <span v-if="unreplied.length" class="muted small">未回复 {{ unreplied.length }} 家</span></div>
          <table class="table cards target-table">
            <thead><tr><th>单位</th><th>状态</th><th>回复</th><th>回复时间</th></tr></thead>
            <tbody>
              <tr v-for="t in n.targets" :key="t.org_id" :data-org="t.org_id" :class="{ 'row-missing': !t.replied }">
                <td data-label="单位">{{ t.org_name }}</td>
                <td data-label="状态">
                  <span v-if="t.replied" class="badge badge-reported">已回复</span>
                  <span v-else class="badge badge-missing">{{ n.overdue ? '逾期未回复' : '未回复' }}</span>
                </td>
                <td data-label="回复" class="reply-text">{{ t.reply || '—' }}</td>
                <td data-label="回复时间">{{ t.replied ? formatTime(t.replied_at) + (t.replied_by ? ' ' + t.replied_by : '') : '—' }}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </template>
    </section>`,
};

export default {
  components: { NoticeList, NoticeForm, NoticeDetail },
  props: { base: String },
  setup(props) {
    const view = computed(() => {
      const sub = route.path.slice(props.base.length);
      let m;
      if (sub === '' || sub === '/') return { name: 'list' };
      if (sub === '/new' && ISSUERS.includes(session.user.role)) return { name: 'new' };
      if ((m = /^\/(\d+)$/.exec(sub))) return { name: 'detail', id: Number(m[1]) };
      return { name: 'missing' };
    });
    return { view };
  },
  template: `
    <NoticeList v-if="view.name === 'list'" :base="base" />
    <NoticeForm v-else-if="view.name === 'new'" :base="base" />
    <NoticeDetail v-else-if="view.name === 'detail'" :key="'notice' + view.id" :base="base" :id="view.id" />
    <section v-else class="page"><div class="panel empty"><p>页面不存在。</p><p><a :href="'#' + base">返回列表</a></p></div></section>`,
};
