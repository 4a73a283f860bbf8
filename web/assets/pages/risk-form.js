// 新增风险点: identify a risk point and assess it. The score and the level
// are computed by the server from the method's inputs; the form shows them
// live as the server will grade them, and never sends them.

import { api } from '../api.js';
import { RISK_KINDS, CONTROL_TIERS, MEASURE_KINDS } from '../labels.js';
import { navigate, href } from '../router.js';
import { session, toast } from '../state.js';
import { showError } from '../forms.js';
import Field from '../components/field.js';
import OrgSelect from '../components/org-select.js';
import RiskAssessment, { loadRiskMethods, assessmentPayload, assessmentMissing } from '../components/risk-assessment.js';

const { ref, reactive, onMounted } = Vue;

const FIELDS = ['enterprise_id', 'name', 'kind', 'location', 'hazard_factors', 'accident_types', 'tier', 'responsible',
  'review_on', 'reason', 'assessment.method', 'assessment.l', 'assessment.e', 'assessment.c', 'assessment.s',
  ...Object.keys(MEASURE_KINDS).map((k) => 'measures.' + k)];

export default {
  components: { Field, OrgSelect, RiskAssessment },
  props: { base: String },
  setup(props) {
    const user = session.user;
    const isEnterprise = user.role === 'enterprise';
    const form = reactive({ enterprise_id: null, name: '', kind: '', location: '', hazard_factors: '', tier: '', responsible: '', review_on: '', reason: '' });
    const types = ref([]);
    const accidentTypes = ref([]);
    const measures = reactive(Object.fromEntries(Object.keys(MEASURE_KINDS).map((k) => [k, ''])));
    const assessment = ref({ method: 'lec', l: '', e: '', c: '', s: '' });
    const errors = reactive({});
    const busy = ref(false);

    onMounted(() => loadRiskMethods().then((m) => { accidentTypes.value = m.accident_types; }).catch(() => {}));

    function check() {
      for (const k of Object.keys(errors)) delete errors[k];
      if (!isEnterprise && !form.enterprise_id) errors.enterprise_id = '请选择企业';
      if (!form.name.trim()) errors.name = '请填写风险点名称';
      if (!form.kind) errors.kind = '请选择类型';
      if (!form.tier) errors.tier = '请选择管控层级';
      if (!form.responsible.trim()) errors.responsible = '请填写责任人';
      const miss = assessmentMissing(assessment.value);
      if (miss) errors[miss] = '请选择取值';
      return Object.keys(errors).length === 0;
    }

    async function submit() {
      if (!check()) return;
      busy.value = true;
      const body = {
        name: form.name.trim(), kind: form.kind, location: form.location, hazard_factors: form.hazard_factors,
        accident_types: types.value, measures: { ...measures }, tier: form.tier, responsible: form.responsible.trim(),
        assessment: assessmentPayload(assessment.value),
      };
      if (!isEnterprise) body.enterprise_id = form.enterprise_id;
      if (form.review_on) body.review_on = form.review_on;
      if (form.reason.trim()) body.reason = form.reason.trim();
      try {
        const r = await api.post('/risks', body);
        toast(`已保存：${r.name}，评定为${{ major: '重大风险', larger: '较大风险', general: '一般风险', low: '低风险' }[r.level]}`, 'ok');
        navigate(props.base + '/' + r.id);
      } catch (e) {
        showError(e, errors, FIELDS);
      } finally {
        busy.value = false;
      }
    }

    return { user, isEnterprise, form, types, accidentTypes, measures, assessment, errors, busy, submit, href,
      base: props.base, RISK_KINDS, CONTROL_TIERS, MEASURE_KINDS };
  },
  template: `
    <section class="page">
      <div class="page-head"><h1 class="page-title">新增风险点</h1></div>
      <form class="panel form" @submit.prevent="submit" novalidate>
        <div class="grid">
          <Field v-if="isEnterprise" label="企业" name="enterprise_id"><div class="static">{{ user.org_name || '本单位' }}</div></Field>
          <Field v-else label="企业" name="enterprise_id" for="r-enterprise" :error="errors.enterprise_id" required>
            <OrgSelect id="r-enterprise" v-model="form.enterprise_id" kind="enterprise" placeholder="输入企业名称搜索" />
          </Field>
          <Field label="风险点名称" name="name" for="r-name" :error="errors.name" required wide>
            <input id="r-name" v-model="form.name" maxlength="120" placeholder="例如：液氨储罐区、受限空间作业">
          </Field>
          <Field label="类型" name="kind" for="r-kind" :error="errors.kind" required>
            <select id="r-kind" v-model="form.kind">
              <option value="">请选择</option>
              <option v-for="(label, k) in RISK_KINDS" :key="k" :value="k">{{ label }}</option>
            </select>
          </Field>
          <Field label="所在位置" name="location" for="r-location" :error="errors.location">
            <input id="r-location" v-model="form.location" maxlength="250">
          </Field>
          <Field label="危险有害因素" name="hazard_factors" for="r-factors" :error="errors.hazard_factors" wide>
            <textarea id="r-factors" v-model="form.hazard_factors" rows="2" maxlength="1000"></textarea>
          </Field>
          <Field label="可能导致的事故类型" name="accident_types" :error="errors.accident_types" wide hint="依据 GB 6441，可多选">
            <div class="checks accident-types">
              <label v-for="t in accidentTypes" :key="t"><input type="checkbox" :value="t" v-model="types"> {{ t }}</label>
            </div>
          </Field>
        </div>

        <fieldset class="subform">
          <legend>风险评价</legend>
          <RiskAssessment v-model="assessment" :errors="errors" id-prefix="r-a" />
          <div class="grid">
            <Field label="评价说明" name="reason" for="r-reason" :error="errors.reason" wide>
              <input id="r-reason" v-model="form.reason" maxlength="250" placeholder="可选，例如：年度风险辨识评估">
            </Field>
          </div>
        </fieldset>

        <fieldset class="subform">
          <legend>管控措施</legend>
          <div class="grid">
            <Field v-for="(label, k) in MEASURE_KINDS" :key="k" :label="label" :name="'measures.' + k" :for="'r-m-' + k" :error="errors['measures.' + k]" wide>
              <textarea :id="'r-m-' + k" v-model="measures[k]" rows="2" maxlength="680"></textarea>
            </Field>
          </div>
        </fieldset>

        <div class="grid">
          <Field label="管控层级" name="tier" for="r-tier" :error="errors.tier" required>
            <select id="r-tier" v-model="form.tier">
              <option value="">请选择</option>
              <option v-for="(label, k) in CONTROL_TIERS" :key="k" :value="k">{{ label }}</option>
            </select>
          </Field>
          <Field label="责任人" name="responsible" for="r-responsible" :error="errors.responsible" required>
            <input id="r-responsible" v-model="form.responsible" maxlength="40">
          </Field>
          <Field label="下次评审日期" name="review_on" for="r-review" :error="errors.review_on">
            <input id="r-review" v-model="form.review_on" type="date">
          </Field>
        </div>
        <div class="form-buttons">
          <button type="submit" class="btn btn-primary" :disabled="busy">{{ busy ? '正在保存…' : '保存' }}</button>
          <a class="btn" :href="href(base)">取消</a>
        </div>
      </form>
    </section>`,
};
