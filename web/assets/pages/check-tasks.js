// 排查任务: the check tasks the scheduler made of the check items (this
// period's, the missed ones, the done ones), and the record form: each item
// answered 正常 / 不适用 / 发现隐患; a hazard answer reports the hazard in
// the hazard network (隐患) at once, linked to the risk point and the check.

import { api } from '../api.js';
import { CADENCES, CHECK_RESULTS, CHECK_TASK_STATUS, HAZARD_CATEGORIES, HAZARD_GRADES } from '../labels.js';
import { route, navigate, href } from '../router.js';
import { session, toast } from '../state.js';
import { showError, formatTime } from '../forms.js';
import Field from '../components/field.js';
import Pager from '../components/pager.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const PAGE_SIZE = 30;
const PASS = ['risk', 'item', 'enterprise'];
const SHOW_TABS = { pending: '待排查', missed: '已逾期未排查', done: '已排查', all: '全部' };
const RECORD_FIELDS = ['result', 'note', 'hazard.title', 'hazard.category', 'hazard.grade', 'hazard.basis', 'hazard.location'];

export default {
  components: { Field, Pager },
  props: { base: String },
  setup(props) {
    const role = session.user.role;
    const canRecord = role === 'enterprise' || role === 'admin';
    const items = ref([]);
    const total = ref(null);
    const next = ref(null);
    const cursors = ref([null]);
    const loading = ref(false);
    const failed = ref('');
    const open = ref(null);   // the task being recorded
    const rec = reactive({ result: 'ok', note: '', title: '', category: '', grade: 'general', basis: '', location: '' });
    const errors = reactive({});
    const busy = ref(false);
    const reported = ref(null);

    const show = computed(() => route.query.show || 'pending');

    function apiQuery() {
      const q = {};
      for (const k of PASS) if (route.query[k]) q[k] = route.query[k];
      if (show.value === 'missed') q.missed = 'true';
      else if (show.value !== 'all') q.status = show.value;
      return q;
    }

    async function load() {
      loading.value = true;
      failed.value = '';
      try {
        const page = await api.get('/check-tasks', { ...apiQuery(), limit: PAGE_SIZE, cursor: cursors.value[cursors.value.length - 1] });
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
    function restart() { cursors.value = [null]; open.value = null; load(); }
    function setShow(v) { navigate(props.base, { ...route.query, show: v === 'pending' ? '' : v }); }
    function nextPage() { if (next.value) { cursors.value.push(next.value); load(); } }
    function prevPage() { if (cursors.value.length > 1) { cursors.value.pop(); load(); } }
    onMounted(restart);
    watch(() => route.query, restart);

    function startRecord(t) {
      open.value = t.id;
      reported.value = null;
      Object.assign(rec, { result: 'ok', note: '', title: '', category: '', grade: 'general', basis: '', location: '' });
      for (const k of Object.keys(errors)) delete errors[k];
    }

    async function submit(t) {
      for (const k of Object.keys(errors)) delete errors[k];
      const body = { result: rec.result };
      if (rec.note.trim()) body.note = rec.note.trim();
      if (rec.result === 'hazard') {
        if (!rec.category) errors['hazard.category'] = '请选择隐患类别';
        if (rec.grade === 'major' && !rec.basis.trim()) errors['hazard.basis'] = '重大隐患须填写判定依据';
        if (Object.keys(errors).length) return;
        body.hazard = { category: rec.category, grade: rec.grade };
        if (rec.title.trim()) body.hazard.title = rec.title.trim();
        if (rec.basis.trim()) body.hazard.basis = rec.basis.trim();
        if (rec.location.trim()) body.hazard.location = rec.location.trim();
      }
      busy.value = true;
      try {
        const done = await api.post(`/check-tasks/${t.id}/records`, body);
        open.value = null;
        if (done.record && done.record.hazard_id) {
          reported.value = { id: done.record.hazard_id, what: t.what };
          toast('已记录排查结果，隐患已上报', 'ok');
        } else {
          toast('已记录排查结果', 'ok');
        }
        await load();
      } catch (e) {
        showError(e, errors, RECORD_FIELDS);
      } finally {
        busy.value = false;
      }
    }

    const filtered = computed(() => PASS.some((k) => route.query[k]));
    return { role, canRecord, items, total, next, cursors, loading, failed, open, rec, errors, busy, reported, show, filtered,
      setShow, nextPage, prevPage, startRecord, submit, href, formatTime, base: props.base,
      SHOW_TABS, CADENCES, CHECK_RESULTS, CHECK_TASK_STATUS, HAZARD_CATEGORIES, HAZARD_GRADES };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">排查任务</h1>
        <div class="page-actions"><a class="btn" href="#/risks">风险分级管控</a></div>
      </div>
      <div class="panel">
        <div class="tabs" role="tablist" aria-label="任务范围">
          <button v-for="(label, k) in SHOW_TABS" :key="k" type="button"
                  role="tab" class="btn btn-small" :class="{ 'btn-primary': show === k }" :aria-selected="show === k ? 'true' : 'false'"
                  @click="setShow(k)">{{ label }}</button>
        </div>
        <p v-if="filtered" class="notice"><span>仅显示所选风险点或排查项的任务。</span><a :href="href(base)">查看全部</a></p>
        <p v-if="reported" class="notice" role="status">
          <span>排查发现的隐患已上报：{{ reported.what }}。</span><a :href="'#/hazards/' + reported.id">查看隐患</a>
        </p>
        <p v-if="loading && !items.length" class="loading">正在加载…</p>
        <div v-else-if="failed" class="empty"><p>加载失败：{{ failed }}</p></div>
        <div v-else-if="!items.length" class="empty"><p>暂无排查任务</p></div>
        <div v-else class="table-wrap">
          <table class="table cards">
            <thead><tr><th>排查内容</th><th>风险点</th><th v-if="role !== 'enterprise'">企业</th><th>周期</th><th>截止日期</th><th>状态</th><th>结果</th><th><span class="sr-only">操作</span></th></tr></thead>
            <tbody>
              <template v-for="t in items" :key="t.id">
                <tr :class="{ 'row-overdue': t.missed }">
                  <td data-label="排查内容" class="cell-title">{{ t.what }}<span v-if="t.how" class="sub">{{ t.how }}</span></td>
                  <td data-label="风险点"><a :href="'#/risks/' + t.risk_id">{{ t.risk_name }}</a></td>
                  <td v-if="role !== 'enterprise'" data-label="企业">{{ t.enterprise_name }}</td>
                  <td data-label="周期">{{ CADENCES[t.cadence] }}<span class="sub mono">{{ t.period }}</span></td>
                  <td data-label="截止日期" :class="{ 'text-danger': t.missed }">{{ t.due }}</td>
                  <td data-label="状态">
                    <span v-if="t.missed" class="badge hz-overdue">已逾期</span>
                    <span v-else class="badge">{{ CHECK_TASK_STATUS[t.status] }}</span>
                  </td>
                  <td data-label="结果">
                    <template v-if="t.record">{{ CHECK_RESULTS[t.record.result] }}<template v-if="t.record.late">（补录）</template>
                      <span v-if="t.record.note" class="sub">{{ t.record.note }}</span>
                      <a v-if="t.record.hazard_id" class="sub" :href="'#/hazards/' + t.record.hazard_id">查看隐患</a></template>
                    <span v-else class="muted">—</span>
                  </td>
                  <td class="cell-actions">
                    <button v-if="canRecord && t.status === 'pending' && open !== t.id" type="button" class="btn btn-small" @click="startRecord(t)">记录</button>
                  </td>
                </tr>
                <tr v-if="open === t.id" class="record-row">
                  <td colspan="8">
                    <form class="form record-form" @submit.prevent="submit(t)" novalidate :aria-label="'记录排查结果：' + t.what">
                      <Field label="排查结果" name="result" required>
                        <div class="radios" role="radiogroup" aria-label="排查结果">
                          <label v-for="(label, k) in CHECK_RESULTS" :key="k"><input type="radio" name="rec-result" :value="k" v-model="rec.result"> {{ label }}</label>
                        </div>
                      </Field>
                      <Field label="排查情况" name="note" for="rec-note" :error="errors.note" wide>
                        <textarea id="rec-note" v-model="rec.note" rows="2" maxlength="250"></textarea>
                      </Field>
                      <div v-if="rec.result === 'hazard'" class="grid">
                        <Field label="隐患名称" name="hazard.title" for="rec-title" :error="errors['hazard.title']" hint="不填则以排查内容为名称" wide>
                          <input id="rec-title" v-model="rec.title" maxlength="120">
                        </Field>
                        <Field label="隐患类别" name="hazard.category" for="rec-category" :error="errors['hazard.category']" required>
                          <select id="rec-category" v-model="rec.category">
                            <option value="">请选择</option>
                            <option v-for="(label, k) in HAZARD_CATEGORIES" :key="k" :value="k">{{ label }}</option>
                          </select>
                        </Field>
                        <Field label="隐患等级" name="hazard.grade" :error="errors['hazard.grade']" required>
                          <div class="radios" role="radiogroup" aria-label="隐患等级">
                            <label v-for="(label, k) in HAZARD_GRADES" :key="k"><input type="radio" name="rec-grade" :value="k" v-model="rec.grade"> {{ label }}</label>
                          </div>
                        </Field>
                        <Field v-if="rec.grade === 'major'" label="判定依据" name="hazard.basis" for="rec-basis" :error="errors['hazard.basis']" required wide>
                          <input id="rec-basis" v-model="rec.basis" maxlength="250">
                        </Field>
                        <Field label="隐患部位" name="hazard.location" for="rec-location" :error="errors['hazard.location']">
                          <input id="rec-location" v-model="rec.location" maxlength="250">
                        </Field>
                      </div>
                      <div class="form-buttons">
                        <button type="submit" class="btn btn-primary" :disabled="busy">{{ rec.result === 'hazard' ? '保存并上报隐患' : '保存排查结果' }}</button>
                        <button type="button" class="btn" @click="open = null">取消</button>
                      </div>
                    </form>
                  </td>
                </tr>
              </template>
            </tbody>
          </table>
        </div>
        <Pager v-if="items.length || cursors.length > 1" :total="total" :page="cursors.length" :has-next="!!next" :busy="loading"
               @prev="prevPage" @next="nextPage" />
      </div>
    </section>`,
};
