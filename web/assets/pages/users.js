// 用户管理 (admin): the user list (/users), create (/users/new) and edit
// (/users/ID). Rows seen in the list are kept so an edit opens at once.

import { api } from '../api.js';
import { ROLES } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { toast } from '../state.js';
import { showError, changedFields, formatTime } from '../forms.js';
import Field from '../components/field.js';
import Pager from '../components/pager.js';
import OrgSelect from '../components/org-select.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const PAGE_SIZE = 50;
const seen = new Map();   // id → user, from the last lists shown

// The org kind that suits each role, to narrow the org search.
const ROLE_ORG_KIND = { office: 'office', regulator: 'department', inspector: 'department', enterprise: 'enterprise' };

const UserList = {
  components: { Pager, OrgSelect },
  props: { base: String },
  setup(props) {
    const filters = reactive({ org: null, orgName: '', role: '', q: '' });
    const items = ref([]);
    const total = ref(null);
    const next = ref(null);
    const cursors = ref([null]);
    const loading = ref(false);
    const failed = ref('');
    const filtersOpen = ref(false);

    async function load() {
      loading.value = true;
      failed.value = '';
      try {
        const page = await api.get('/users', {
          org: route.query.org, role: route.query.role, q: route.query.q, limit: PAGE_SIZE,
          cursor: cursors.value[cursors.value.length - 1],
        });
        items.value = page.items || [];
        for (const u of items.value) seen.set(u.id, u);
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
      filters.org = route.query.org ? Number(route.query.org) : null;
      filters.orgName = route.query.org_name || '';
      filters.role = route.query.role || '';
      filters.q = route.query.q || '';
      cursors.value = [null];
      load();
    }

    function search() {
      navigate(props.base, { org: filters.org, org_name: filters.org ? filters.orgName : '', role: filters.role, q: filters.q.trim() });
      filtersOpen.value = false;
    }

    function onOrgPicked(o) { filters.orgName = o.name; }
    function nextPage() { if (next.value) { cursors.value.push(next.value); load(); } }
    function prevPage() { if (cursors.value.length > 1) { cursors.value.pop(); load(); } }

    onMounted(restart);
    watch(() => route.query, restart);

    const active = computed(() => ['org', 'role', 'q'].some((k) => route.query[k]));

    return { filters, items, total, next, cursors, loading, failed, filtersOpen, active, search, onOrgPicked,
      nextPage, prevPage, reset: () => navigate(props.base, {}), href, formatTime, ROLES, base: props.base };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">用户管理</h1>
        <div class="page-actions">
          <button type="button" class="btn filters-toggle" :aria-expanded="filtersOpen ? 'true' : 'false'" @click="filtersOpen = !filtersOpen">
            筛选<span v-if="active" class="dot" aria-label="已设置筛选条件"></span>
          </button>
          <a class="btn btn-primary" :href="href(base + '/new')">新增用户</a>
        </div>
      </div>
      <form class="panel filters" :class="{ open: filtersOpen }" @submit.prevent="search" role="search">
        <div class="field">
          <label for="uf-org">所属单位</label>
          <OrgSelect id="uf-org" v-model="filters.org" :name="filters.orgName" @picked="onOrgPicked" />
        </div>
        <div class="field">
          <label for="uf-role">角色</label>
          <select id="uf-role" v-model="filters.role">
            <option value="">全部角色</option>
            <option v-for="(label, k) in ROLES" :key="k" :value="k">{{ label }}</option>
          </select>
        </div>
        <div class="field">
          <label for="uf-q">账号、姓名或手机号</label>
          <input id="uf-q" v-model="filters.q" type="search" placeholder="输入关键字">
        </div>
        <div class="filter-buttons">
          <button type="submit" class="btn btn-primary">查询</button>
          <button type="button" class="btn" @click="reset">重置</button>
        </div>
      </form>
      <div class="panel">
        <p v-if="loading && !items.length" class="loading">正在加载…</p>
        <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
        <div v-else-if="!items.length" class="empty"><p>{{ active ? '没有符合条件的用户' : '暂无用户' }}</p></div>
        <div v-else class="table-wrap">
          <table class="table cards">
            <thead><tr><th>账号</th><th>姓名</th><th>所属单位</th><th>角色</th><th>手机号</th><th>状态</th><th>创建时间</th><th><span class="sr-only">操作</span></th></tr></thead>
            <tbody>
              <tr v-for="u in items" :key="u.id">
                <td data-label="账号" class="cell-title mono">{{ u.login }}</td>
                <td data-label="姓名">{{ u.name }}</td>
                <td data-label="所属单位">{{ u.org_name || '—' }}</td>
                <td data-label="角色">{{ ROLES[u.role] || '' }}</td>
                <td data-label="手机号">{{ u.phone || '—' }}</td>
                <td data-label="状态">
                  <span class="badge" :class="u.active ? 'status-operating' : 'status-closed'">{{ u.active ? '启用' : '停用' }}</span>
                  <span v-if="u.locked" class="badge status-suspended">已锁定</span>
                </td>
                <td data-label="创建时间">{{ formatTime(u.created_at) }}</td>
                <td class="cell-actions"><a :href="href(base + '/' + u.id)">编辑</a></td>
              </tr>
            </tbody>
          </table>
        </div>
        <Pager v-if="items.length || cursors.length > 1" :total="total" :page="cursors.length" :has-next="!!next" :busy="loading"
               @prev="prevPage" @next="nextPage" />
      </div>
    </section>`,
};

const FIELDS = ['login', 'name', 'phone', 'role', 'org_id', 'password', 'active'];

const UserForm = {
  components: { Field, OrgSelect },
  props: { base: String, id: { type: Number, default: null } },
  setup(props) {
    const isEdit = props.id !== null;
    const form = reactive({ login: '', name: '', phone: '', role: '', org_id: null, password: '', active: true });
    const orgName = ref('');
    const errors = reactive({});
    const original = ref(null);
    const busy = ref(false);
    const loadFailed = ref('');
    const stale = ref(false);

    // Always read the user afresh (its version may have moved on); the row
    // from the list is a fallback for a server without GET /users/ID.
    async function load() {
      let u;
      stale.value = false;
      try {
        u = await api.get('/users/' + props.id);
      } catch (e) {
        u = e.status === 405 || e.status === 404 ? seen.get(props.id) : null;
        if (!u) {
          loadFailed.value = e.status === 404 ? '用户不存在。' : e.message;
          return;
        }
      }
      original.value = u;
      Object.assign(form, { login: u.login, name: u.name || '', phone: u.phone || '', role: u.role, org_id: u.org_id || null, password: '', active: !!u.active });
      orgName.value = u.org_name || '';
    }
    onMounted(() => { if (isEdit) load(); });

    const orgKind = computed(() => ROLE_ORG_KIND[form.role] || '');
    const needsOrg = computed(() => form.role && form.role !== 'admin');

    function check() {
      const e = {};
      if (!isEdit && !form.login.trim()) e.login = '请填写账号';
      if (!form.name.trim()) e.name = '请填写姓名';
      if (!form.role) e.role = '请选择角色';
      if (needsOrg.value && !form.org_id) e.org_id = '请从搜索结果中选择所属单位';
      if (!isEdit && !form.password) e.password = '请设置初始密码';
      return e;
    }

    async function submit() {
      for (const k of Object.keys(errors)) delete errors[k];
      const bad = check();
      if (Object.keys(bad).length) { Object.assign(errors, bad); return; }
      busy.value = true;
      try {
        if (!isEdit) {
          const body = { login: form.login.trim(), name: form.name.trim(), phone: form.phone.trim(), password: form.password, role: form.role };
          if (form.org_id) body.org_id = form.org_id;
          const u = await api.post('/users', body);
          toast(`已创建用户：${u.login}`, 'ok');
        } else {
          const o = original.value;
          const changed = changedFields(
            { name: o.name || '', phone: o.phone || '', role: o.role, org_id: o.org_id || null, active: !!o.active },
            { name: form.name.trim(), phone: form.phone.trim(), role: form.role, org_id: form.org_id, active: form.active });
          if (form.password) changed.password = form.password;
          if (!Object.keys(changed).length) { toast('没有需要保存的修改', 'ok'); return; }
          if (o.version !== undefined) changed.version = o.version;
          const u = await api.patch('/users/' + props.id, changed);
          seen.set(u.id, u);
          toast('已保存', 'ok');
        }
        form.password = '';
        navigate(props.base);
      } catch (e) {
        if (e.code === 'stale_version') stale.value = true;
        showError(e, errors, FIELDS);
      } finally {
        busy.value = false;
      }
    }

    return { isEdit, form, orgName, errors, original, busy, loadFailed, stale, load, orgKind, needsOrg, submit, href, ROLES };
  },
  template: `
    <section class="page">
      <div class="page-head"><h1 class="page-title">{{ isEdit ? '编辑用户' : '新增用户' }}</h1></div>
      <div v-if="loadFailed" class="panel empty"><p>{{ loadFailed }}</p><p><a :href="href(base)">返回用户列表</a></p></div>
      <p v-else-if="isEdit && !original" class="loading">正在加载…</p>
      <form v-else class="panel form" @submit.prevent="submit" novalidate>
        <div v-if="stale" class="notice" role="alert">
          <span>该用户已被他人修改，您的修改未保存。请重新加载最新内容后再修改。</span>
          <button type="button" class="btn" @click="load">重新加载</button>
        </div>
        <p v-if="original && original.locked" class="notice">该账号因多次输错密码已被锁定。设置新密码并保存即可解锁，否则到期后自动解锁。</p>
        <div class="grid">
          <Field label="账号" name="login" for="u-login" :error="errors.login" :required="!isEdit" :hint="isEdit ? '账号创建后不可修改' : '用于登录，建议使用字母和数字'">
            <input id="u-login" v-model="form.login" :disabled="isEdit" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="64">
          </Field>
          <Field label="姓名" name="name" for="u-name" :error="errors.name" required>
            <input id="u-name" v-model="form.name" maxlength="40" autocomplete="off">
          </Field>
          <Field label="手机号" name="phone" for="u-phone" :error="errors.phone">
            <input id="u-phone" v-model="form.phone" inputmode="tel" maxlength="20" autocomplete="off">
          </Field>
          <Field label="角色" name="role" for="u-role" :error="errors.role" required>
            <select id="u-role" v-model="form.role">
              <option value="">请选择角色</option>
              <option v-for="(label, k) in ROLES" :key="k" :value="k">{{ label }}</option>
            </select>
          </Field>
          <Field label="所属单位" name="org_id" for="u-org" :error="errors.org_id" :required="needsOrg" wide
                 hint="输入单位名称的一部分，从列表中选择">
            <OrgSelect id="u-org" v-model="form.org_id" :name="orgName" :kind="orgKind" />
          </Field>
          <Field :label="isEdit ? '新密码' : '初始密码'" name="password" for="u-password" :error="errors.password" :required="!isEdit"
                 :hint="isEdit ? '不修改请留空' : '请告知用户首次登录后修改'">
            <input id="u-password" type="password" v-model="form.password" autocomplete="new-password">
          </Field>
          <Field v-if="isEdit" label="账号状态" name="active" :error="errors.active">
            <label class="check"><input type="checkbox" v-model="form.active"> 启用（取消勾选即停用，停用后无法登录）</label>
          </Field>
        </div>
        <div class="form-buttons">
          <button type="submit" class="btn btn-primary" :disabled="busy">{{ busy ? '正在保存…' : '保存' }}</button>
          <a class="btn" :href="href(base)">取消</a>
        </div>
      </form>
    </section>`,
};

export default {
  components: { UserList, UserForm },
  props: { base: String },
  setup(props) {
    const view = computed(() => {
      const sub = route.path.slice(props.base.length);
      const m = /^\/(\d+)$/.exec(sub);
      if (sub === '') return { name: 'list' };
      if (sub === '/new') return { name: 'new' };
      if (m) return { name: 'edit', id: Number(m[1]) };
      return { name: 'missing' };
    });
    return { view };
  },
  template: `
    <UserList v-if="view.name === 'list'" :base="base" />
    <UserForm v-else-if="view.name === 'new'" key="new" :base="base" />
    <UserForm v-else-if="view.name === 'edit'" :key="'edit' + view.id" :base="base" :id="view.id" />
    <section v-else class="page"><div class="panel empty"><p>页面不存在。</p></div></section>`,
};
