// A risk point: what it is, its assessment and the history of its
// assessments (level before and after, why), the enterprise's colour, a
// re-assessment form, and its check items (排查项) with the form to add one.

import { api, apiUrl } from '../api.js';
import {
  RISK_KINDS, CONTROL_TIERS, MEASURE_KINDS, CADENCES, RISK_LEVELS,
} from '../labels.js';
import { href } from '../router.js';
import { session, toast } from '../state.js';
import { showError, formatTime } from '../forms.js';
import Field from '../components/field.js';
import { RiskBadge, RiskLevelBadge } from '../components/badges.js';
import RiskAssessment, { assessmentPayload, assessmentMissing } from '../components/risk-assessment.js';
import { RISK_WRITERS } from './risks.js';

const { ref, reactive, computed, onMounted } = Vue;

const ITEM_FIELDS = ['measure', 'what', 'how', 'cadence', 'tier', 'responsible'];
const ASSESS_FIELDS = ['reason', 'review_on', 'assessment.method', 'assessment.l', 'assessment.e', 'assessment.c', 'assessment.s'];

export default {
  components: { Field, RiskBadge, RiskLevelBadge, RiskAssessment },
  props: { base: String, id: Number },
  setup(props) {
    const canWrite = RISK_WRITERS.includes(session.user.role);
    const risk = ref(null);
    const org = ref(null);
    const history = ref([]);
    const items = ref([]);
    const failed = ref('');
    const assessing = ref(false);
    const assessment = ref({ method: 'lec', l: '', e: '', c: '', s: '' });
    const assessForm = reactive({ reason: '', review_on: '' });
    const assessErrors = reactive({});
    const adding = ref(false);
    const item = reactive({ measure: '', what: '', how: '', cadence: '', tier: '', responsible: '' });
    const itemErrors = reactive({});
    const busy = ref(false);

    async function load() {
      failed.value = '';
      try {
        risk.value = await api.get('/risks/' + props.id);
        const [h, its] = await Promise.all([
          api.get(`/risks/${props.id}/assessments`),
          api.get('/check-items', { risk: props.id, inactive: 'true', limit: 500 }),
        ]);
        history.value = h.items || [];
        items.value = its.items || [];
        org.value = await api.get('/orgs/' + risk.value.enterprise_id).catch(() => null);
      } catch (e) {
        failed.value = e.status === 404 ? '风险点不存在或不在您的管辖范围内。' : e.message;
      }
    }
    onMounted(load);

    async function reassess() {
      for (const k of Object.keys(assessErrors)) delete assessErrors[k];
      const miss = assessmentMissing(assessment.value);
      if (miss) assessErrors[miss] = '请选择取值';
      if (!assessForm.reason.trim()) assessErrors.reason = '请说明复评原因';
      if (Object.keys(assessErrors).length) return;
      busy.value = true;
      try {
        const body = { version: risk.value.version, reason: assessForm.reason.trim(), assessment: assessmentPayload(assessment.value) };
        if (assessForm.review_on) body.review_on = assessForm.review_on;
        await api.post(`/risks/${props.id}/assessments`, body);
        toast('已重新评价', 'ok');
        assessing.value = false;
        assessForm.reason = '';
        await load();
      } catch (e) {
        showError(e, assessErrors, ASSESS_FIELDS);
      } finally {
        busy.value = false;
      }
    }

    async function addItem() {
      for (const k of Object.keys(itemErrors)) delete itemErrors[k];
      for (const k of ['measure', 'what', 'cadence', 'tier', 'responsible']) if (!String(item[k]).trim()) itemErrors[k] = '请填写';
      if (Object.keys(itemErrors).length) return;
      busy.value = true;
      try {
        await api.post('/check-items', { risk_id: props.id, ...item, what: item.what.trim(), responsible: item.responsible.trim() });
        toast('已添加排查项，本期排查任务已生成', 'ok');
        adding.value = false;
        Object.assign(item, { measure: '', what: '', how: '', cadence: '', tier: '', responsible: '' });
        await load();
      } catch (e) {
        showError(e, itemErrors, ITEM_FIELDS);
      } finally {
        busy.value = false;
      }
    }

    async function retire(it) {
      if (!window.confirm(`停用排查项“${it.what}”？停用后不再生成排查任务，已有记录保留。`)) return;
      try {
        await api.del('/check-items/' + it.id);
        await load();
      } catch (e) {
        toast(e.message);
      }
    }

    const accidentText = computed(() => (risk.value && risk.value.accident_types.length ? risk.value.accident_types.join('、') : '—'));
    const inputsText = (a) => (a.method === 'lec' ? `LEC：L=${a.l}，E=${a.e}，C=${a.c}` : `LS：L=${a.l}，S=${a.s}`);

    return { apiUrl, canWrite, risk, org, history, items, failed, assessing, assessment, assessForm, assessErrors, adding, item, itemErrors,
      busy, reassess, addItem, retire, accidentText, inputsText, href, formatTime, base: props.base,
      RISK_KINDS, CONTROL_TIERS, MEASURE_KINDS, CADENCES, RISK_LEVELS };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">{{ risk ? risk.name : '风险点' }}</h1>
        <div class="page-actions">
          <a class="btn" :href="href(base)">返回列表</a>
          <a v-if="risk" class="btn" :href="href('/check-tasks', { risk: risk.id })">排查任务</a>
          <a v-if="risk" class="btn" :href="apiUrl('/exports/risks/' + risk.id + '/card.pdf')" download>下载告知卡</a>
          <button v-if="risk && canWrite && risk.active" type="button" class="btn btn-primary" @click="assessing = !assessing">重新评价</button>
        </div>
      </div>
      <div v-if="failed" class="panel empty"><p>{{ failed }}</p></div>
      <p v-else-if="!risk" class="loading">正在加载…</p>
      <template v-else>
        <div class="panel">
          <dl class="details">
            <div><dt>风险等级</dt><dd><RiskLevelBadge :level="risk.level" /><span v-if="!risk.active" class="muted">（已停用）</span></dd></div>
            <div><dt>风险值</dt><dd class="mono">{{ risk.score_text }}</dd></div>
            <div><dt>评价</dt><dd>{{ inputsText(risk.assessment) }}</dd></div>
            <div><dt>企业</dt><dd>{{ risk.enterprise_name }}</dd></div>
            <div><dt>企业风险等级</dt><dd><RiskBadge :colour="org && org.risk_colour" /></dd></div>
            <div><dt>类型</dt><dd>{{ RISK_KINDS[risk.kind] }}</dd></div>
            <div><dt>所在位置</dt><dd>{{ risk.location || '—' }}</dd></div>
            <div><dt>管控层级</dt><dd>{{ CONTROL_TIERS[risk.tier] }}</dd></div>
            <div><dt>责任人</dt><dd>{{ risk.responsible }}</dd></div>
            <div><dt>下次评审日期</dt><dd>{{ risk.review_on || '—' }}</dd></div>
            <div class="wide"><dt>危险有害因素</dt><dd class="pre">{{ risk.hazard_factors || '—' }}</dd></div>
            <div class="wide"><dt>可能导致的事故类型</dt><dd>{{ accidentText }}</dd></div>
            <div v-for="(label, k) in MEASURE_KINDS" :key="k" class="wide"><dt>{{ label }}</dt><dd class="pre">{{ risk.measures[k] || '—' }}</dd></div>
          </dl>
        </div>

        <form v-if="assessing" class="panel form" @submit.prevent="reassess" novalidate aria-label="重新评价">
          <div class="panel-head"><h2>重新评价</h2></div>
          <RiskAssessment v-model="assessment" :errors="assessErrors" id-prefix="ra" />
          <div class="grid">
            <Field label="复评原因" name="reason" for="ra-reason" :error="assessErrors.reason" required wide>
              <input id="ra-reason" v-model="assessForm.reason" maxlength="250" placeholder="例如：增设紧急切断装置后复评">
            </Field>
            <Field label="下次评审日期" name="review_on" for="ra-review" :error="assessErrors.review_on">
              <input id="ra-review" v-model="assessForm.review_on" type="date">
            </Field>
          </div>
          <div class="form-buttons">
            <button type="submit" class="btn btn-primary" :disabled="busy">保存评价</button>
            <button type="button" class="btn" @click="assessing = false">取消</button>
          </div>
        </form>

        <div class="panel">
          <div class="panel-head"><h2>评价记录</h2></div>
          <div class="table-wrap">
            <table class="table cards">
              <thead><tr><th>时间</th><th>评价</th><th>风险值</th><th>评价前</th><th>评价后</th><th>原因</th><th>评价人</th></tr></thead>
              <tbody>
                <tr v-for="a in history" :key="a.id">
                  <td data-label="时间">{{ formatTime(a.at) }}</td>
                  <td data-label="评价">{{ inputsText(a.assessment) }}</td>
                  <td data-label="风险值" class="mono">{{ a.assessment.score_text }}</td>
                  <td data-label="评价前"><RiskLevelBadge v-if="a.level_before" :level="a.level_before" /><span v-else class="muted">首次评价</span></td>
                  <td data-label="评价后"><RiskLevelBadge :level="a.level_after" /></td>
                  <td data-label="原因">{{ a.reason || '—' }}</td>
                  <td data-label="评价人">{{ a.actor }}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </div>

        <div class="panel">
          <div class="panel-head">
            <h2>排查项</h2>
            <button v-if="canWrite && risk.active" type="button" class="btn btn-small" @click="adding = !adding">添加排查项</button>
          </div>
          <form v-if="adding" class="form subform" @submit.prevent="addItem" novalidate aria-label="添加排查项">
            <div class="grid">
              <Field label="对应措施" name="measure" for="ci-measure" :error="itemErrors.measure" required>
                <select id="ci-measure" v-model="item.measure">
                  <option value="">请选择</option>
                  <option v-for="(label, k) in MEASURE_KINDS" :key="k" :value="k">{{ label }}</option>
                </select>
              </Field>
              <Field label="排查周期" name="cadence" for="ci-cadence" :error="itemErrors.cadence" required>
                <select id="ci-cadence" v-model="item.cadence">
                  <option value="">请选择</option>
                  <option v-for="(label, k) in CADENCES" :key="k" :value="k">{{ label }}</option>
                </select>
              </Field>
              <Field label="排查内容" name="what" for="ci-what" :error="itemErrors.what" required wide>
                <input id="ci-what" v-model="item.what" maxlength="500" placeholder="查什么，例如：可燃气体报警器完好有效">
              </Field>
              <Field label="排查方法" name="how" for="ci-how" :error="itemErrors.how" wide>
                <input id="ci-how" v-model="item.how" maxlength="500" placeholder="怎么查，例如：现场试验报警并查看记录">
              </Field>
              <Field label="排查层级" name="tier" for="ci-tier" :error="itemErrors.tier" required>
                <select id="ci-tier" v-model="item.tier">
                  <option value="">请选择</option>
                  <option v-for="(label, k) in CONTROL_TIERS" :key="k" :value="k">{{ label }}</option>
                </select>
              </Field>
              <Field label="责任人" name="responsible" for="ci-responsible" :error="itemErrors.responsible" required>
                <input id="ci-responsible" v-model="item.responsible" maxlength="40">
              </Field>
            </div>
            <div class="form-buttons">
              <button type="submit" class="btn btn-primary" :disabled="busy">保存排查项</button>
              <button type="button" class="btn" @click="adding = false">取消</button>
            </div>
          </form>
          <div v-if="!items.length" class="empty"><p>暂无排查项</p></div>
          <div v-else class="table-wrap">
            <table class="table cards">
              <thead><tr><th>排查内容</th><th>排查方法</th><th>对应措施</th><th>周期</th><th>层级</th><th>责任人</th><th><span class="sr-only">操作</span></th></tr></thead>
              <tbody>
                <tr v-for="it in items" :key="it.id" :class="{ muted: !it.active }">
                  <td data-label="排查内容">{{ it.what }}<span v-if="!it.active" class="muted">（已停用）</span></td>
                  <td data-label="排查方法">{{ it.how || '—' }}</td>
                  <td data-label="对应措施">{{ MEASURE_KINDS[it.measure] }}</td>
                  <td data-label="周期">{{ CADENCES[it.cadence] }}</td>
                  <td data-label="层级">{{ CONTROL_TIERS[it.tier] }}</td>
                  <td data-label="责任人">{{ it.responsible }}</td>
                  <td class="cell-actions">
                    <a :href="href('/check-tasks', { item: it.id })">任务</a>
                    <button v-if="canWrite && it.active" type="button" class="link-button" @click="retire(it)">停用</button>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </div>
      </template>
    </section>`,
};
