// 行业管理 (admin): the industry taxonomy. Industries are never deleted, only
// disabled (停用), because orgs and hazards keep pointing at them.

import { api } from '../api.js';
import { loadIndustries, toast } from '../state.js';
import { showError } from '../forms.js';
import Field from '../components/field.js';

const { ref, reactive, onMounted } = Vue;

export default {
  components: { Field },
  setup() {
    const items = ref([]);
    const loading = ref(true);
    const failed = ref('');
    const draft = reactive({ name: '', code: '' });
    const draftErrors = reactive({});
    const editing = ref(null);           // id of the row being edited
    const edit = reactive({ name: '', active: true });
    const editErrors = reactive({});
    const busy = ref(false);

    async function load(fresh) {
      loading.value = true;
      failed.value = '';
      try {
        items.value = await loadIndustries(fresh);
      } catch (e) {
        failed.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    onMounted(() => load(true));

    async function add() {
      for (const k of Object.keys(draftErrors)) delete draftErrors[k];
      if (!draft.name.trim()) draftErrors.name = '请填写行业名称';
      if (!draft.code.trim()) draftErrors.code = '请填写行业代码';
      if (Object.keys(draftErrors).length) return;
      busy.value = true;
      try {
        const i = await api.post('/industries', { name: draft.name.trim(), code: draft.code.trim() });
        toast(`已添加行业：${i.name}`, 'ok');
        draft.name = '';
        draft.code = '';
        await load(true);
      } catch (e) {
        if (e.code === 'conflict') e.message = { code: '行业代码已存在', name: '行业名称已存在' }[e.field] || '行业名称或代码已存在';
        showError(e, draftErrors, ['name', 'code']);
      } finally {
        busy.value = false;
      }
    }

    function startEdit(i) {
      editing.value = i.id;
      edit.name = i.name;
      edit.active = !!i.active;
      for (const k of Object.keys(editErrors)) delete editErrors[k];
    }

    async function save(i) {
      for (const k of Object.keys(editErrors)) delete editErrors[k];
      if (!edit.name.trim()) { editErrors.name = '请填写行业名称'; return; }
      const body = {};
      if (edit.name.trim() !== i.name) body.name = edit.name.trim();
      if (edit.active !== !!i.active) body.active = edit.active;
      if (!Object.keys(body).length) { editing.value = null; return; }
      busy.value = true;
      try {
        await api.patch('/industries/' + i.id, body);
        toast('已保存', 'ok');
        editing.value = null;
        await load(true);
      } catch (e) {
        if (e.code === 'conflict' && e.field === 'name') e.message = '行业名称已存在';
        showError(e, editErrors, ['name', 'active']);
      } finally {
        busy.value = false;
      }
    }

    return { items, loading, failed, draft, draftErrors, editing, edit, editErrors, busy, add, startEdit, save };
  },
  template: `
    <section class="page">
      <div class="page-head"><h1 class="page-title">行业管理</h1></div>
      <form class="panel form form-inline" @submit.prevent="add" novalidate>
        <h2>新增行业</h2>
        <div class="grid">
          <Field label="行业名称" name="name" for="ind-name" :error="draftErrors.name" required>
            <input id="ind-name" v-model="draft.name" maxlength="40" placeholder="例如：危险化学品">
          </Field>
          <Field label="行业代码" name="code" for="ind-code" :error="draftErrors.code" required hint="字母、数字或下划线，保存后不可修改">
            <input id="ind-code" v-model="draft.code" maxlength="32" class="mono" placeholder="例如：hazchem" autocapitalize="off" spellcheck="false">
          </Field>
          <div class="field field-button"><button type="submit" class="btn btn-primary" :disabled="busy">添加</button></div>
        </div>
      </form>
      <div class="panel">
        <p v-if="loading && !items.length" class="loading">正在加载…</p>
        <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
        <div v-else-if="!items.length" class="empty"><p>暂无行业</p></div>
        <div v-else class="table-wrap">
          <table class="table cards">
            <thead><tr><th>行业名称</th><th>行业代码</th><th>状态</th><th><span class="sr-only">操作</span></th></tr></thead>
            <tbody>
              <tr v-for="i in items" :key="i.id" :class="{ editing: editing === i.id }">
                <template v-if="editing === i.id">
                  <td data-label="行业名称">
                    <div class="field" data-field="name" :class="{ 'has-error': editErrors.name }">
                      <input v-model="edit.name" aria-label="行业名称" maxlength="40">
                      <p v-if="editErrors.name" class="field-error" role="alert">{{ editErrors.name }}</p>
                    </div>
                  </td>
                  <td data-label="行业代码" class="mono">{{ i.code }}</td>
                  <td data-label="状态"><label class="check"><input type="checkbox" v-model="edit.active"> 启用</label></td>
                  <td class="cell-actions">
                    <button type="button" class="btn btn-primary btn-small" :disabled="busy" @click="save(i)">保存</button>
                    <button type="button" class="btn btn-small" @click="editing = null">取消</button>
                  </td>
                </template>
                <template v-else>
                  <td data-label="行业名称" class="cell-title">{{ i.name }}</td>
                  <td data-label="行业代码" class="mono">{{ i.code }}</td>
                  <td data-label="状态"><span class="badge" :class="i.active ? 'status-operating' : 'status-closed'">{{ i.active ? '启用' : '停用' }}</span></td>
                  <td class="cell-actions"><button type="button" class="btn btn-small" @click="startEdit(i)">编辑</button></td>
                </template>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
    </section>`,
};
