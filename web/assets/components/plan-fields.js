// The rectification plan (整改方案). A major hazard needs all five points
// (五落实: 责任人, 措施, 资金, 期限, 应急预案); a general one the responsible
// person and the deadline. `plan` is a reactive object the parent owns (see
// blankPlan); errors are keyed as the API names them ("plan.deadline").

import Field from './field.js';

export function blankPlan() {
  return { responsible: '', measures: '', funds: '', deadline: '', contingency: '' };
}

// The plan as the API wants it.
export function planPayload(p) {
  const funds = String(p.funds).trim();
  return {
    responsible: p.responsible.trim(),
    measures: p.measures.trim(),
    funds: funds === '' ? null : Number(funds),
    deadline: p.deadline,
    contingency: p.contingency.trim(),
  };
}

// Client-side checks; returns {"plan.x": message}. foundAt: the date the
// hazard was found (the deadline may not be before it).
export function checkPlan(p, major, foundAt) {
  const e = {};
  const funds = String(p.funds).trim();
  if (!p.responsible.trim()) e['plan.responsible'] = '请填写整改责任人';
  if (!p.deadline) e['plan.deadline'] = '请选择整改期限';
  else if (foundAt && p.deadline < foundAt) e['plan.deadline'] = '整改期限不能早于发现日期';
  if (funds !== '' && !(Number(funds) >= 0)) e['plan.funds'] = '整改资金应为不小于 0 的数字';
  if (major) {
    if (!p.measures.trim()) e['plan.measures'] = '重大隐患须填写整改措施';
    if (funds === '' && !e['plan.funds']) e['plan.funds'] = '重大隐患须落实整改资金（可填 0）';
    if (!p.contingency.trim()) e['plan.contingency'] = '重大隐患须制定应急预案';
  }
  return e;
}

export const PLAN_FIELDS = ['plan', 'plan.responsible', 'plan.measures', 'plan.funds', 'plan.deadline', 'plan.contingency'];

export default {
  components: { Field },
  props: {
    plan: { type: Object, required: true },
    errors: { type: Object, required: true },
    major: { type: Boolean, default: false },
    minDate: { type: String, default: '' },
    idPrefix: { type: String, default: 'plan' },
  },
  template: `
    <div class="grid">
      <Field label="整改责任人" name="plan.responsible" :for="idPrefix + '-responsible'" :error="errors['plan.responsible']" required>
        <input :id="idPrefix + '-responsible'" v-model="plan.responsible" maxlength="40" autocomplete="name">
      </Field>
      <Field label="整改期限" name="plan.deadline" :for="idPrefix + '-deadline'" :error="errors['plan.deadline']" required>
        <input :id="idPrefix + '-deadline'" v-model="plan.deadline" type="date" :min="minDate || null">
      </Field>
      <Field label="整改资金（元）" name="plan.funds" :for="idPrefix + '-funds'" :error="errors['plan.funds']" :required="major"
             :hint="major ? '无需资金的请填 0' : ''">
        <input :id="idPrefix + '-funds'" v-model="plan.funds" type="number" min="0" step="0.01" inputmode="decimal">
      </Field>
      <Field label="整改措施" name="plan.measures" :for="idPrefix + '-measures'" :error="errors['plan.measures']" :required="major" wide>
        <textarea :id="idPrefix + '-measures'" v-model="plan.measures" rows="3" maxlength="1000"></textarea>
      </Field>
      <Field label="应急预案" name="plan.contingency" :for="idPrefix + '-contingency'" :error="errors['plan.contingency']" :required="major" wide
             hint="整改完成前的安全防范和应急处置措施">
        <textarea :id="idPrefix + '-contingency'" v-model="plan.contingency" rows="2" maxlength="250"></textarea>
      </Field>
    </div>`,
};
