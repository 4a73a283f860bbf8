// The assessment of a risk point: the method (LEC or the LS matrix), a
// picker per factor offering only the method's table values with what each
// means, and the score and level shown live as the server will grade them
// (the bands come from /risk-methods; the server computes again on save and
// its answer is what is kept). v-model: { method, l, e, c, s }.

import { api } from '../api.js';
import { RISK_METHODS, RISK_LEVELS, RISK_LEVEL_COLOUR, RISK_COLOURS, LEC_MEANINGS, LS_MEANINGS } from '../labels.js';

const { ref, computed, onMounted } = Vue;

const FACTORS = {
  lec: { l: 'L 事故发生的可能性', e: 'E 暴露于危险环境的频繁程度', c: 'C 发生事故产生的后果' },
  ls: { l: 'L 可能性', s: 'S 严重程度' },
};

let methodsPromise = null;
export function loadRiskMethods() {
  if (!methodsPromise) methodsPromise = api.get('/risk-methods').catch((e) => { methodsPromise = null; throw e; });
  return methodsPromise;
}

// Whole tenths, so that 0.1 × 0.5 never drifts: the server's arithmetic.
const tenths = (v) => Math.round(Number(v) * 10);

// { score, text, level } for a complete assessment under the bands, else null.
export function gradeOf(a, methods) {
  if (!methods || !a || !a.method) return null;
  let score100;
  let bands;
  let text;
  if (a.method === 'lec') {
    if (a.l === '' || a.e === '' || a.c === '' || a.l == null || a.e == null || a.c == null) return null;
    score100 = tenths(a.l) * tenths(a.e) * Number(a.c);
    bands = methods.lec.bands;
    text = `D = L × E × C = ${a.l} × ${a.e} × ${a.c}`;
  } else {
    if (a.l === '' || a.s === '' || a.l == null || a.s == null) return null;
    score100 = Number(a.l) * Number(a.s) * 100;
    bands = methods.ls.bands;
    text = `R = L × S = ${a.l} × ${a.s}`;
  }
  const level = score100 >= bands.red * 100 ? 'major' : score100 >= bands.orange * 100 ? 'larger'
    : score100 >= bands.yellow * 100 ? 'general' : 'low';
  return { score: score100 / 100, text, level };
}

export default {
  props: {
    modelValue: { type: Object, required: true },
    errors: { type: Object, default: () => ({}) },
    idPrefix: { type: String, default: 'ra' },
  },
  emits: ['update:modelValue'],
  setup(props, { emit }) {
    const methods = ref(null);
    const failed = ref('');
    onMounted(() => loadRiskMethods().then((m) => { methods.value = m; }).catch((e) => { failed.value = e.message; }));
    const set = (k, v) => emit('update:modelValue', { ...props.modelValue, [k]: v });
    const grade = computed(() => gradeOf(props.modelValue, methods.value));
    const bandsText = computed(() => {
      const m = methods.value;
      if (!m) return '';
      const b = props.modelValue.method === 'ls' ? m.ls.bands : m.lec.bands;
      const v = props.modelValue.method === 'ls' ? 'R' : 'D';
      return `${v} ≥ ${b.red} 重大（红）；${b.orange} ≤ ${v} < ${b.red} 较大（橙）；${b.yellow} ≤ ${v} < ${b.orange} 一般（黄）；${v} < ${b.yellow} 低（蓝）`;
    });
    const err = (k) => props.errors['assessment.' + k] || '';
    return { methods, failed, set, grade, bandsText, err, FACTORS, RISK_METHODS, RISK_LEVELS, RISK_LEVEL_COLOUR, RISK_COLOURS,
      LEC_MEANINGS, LS_MEANINGS };
  },
  template: `
    <div class="risk-assessment">
      <div class="field" :class="{ 'has-error': err('method') }" data-field="assessment.method">
        <span class="label">评价方法</span>
        <div class="radios" role="radiogroup" aria-label="评价方法">
          <label v-for="(label, k) in RISK_METHODS" :key="k">
            <input type="radio" :name="idPrefix + '-method'" :value="k" :checked="modelValue.method === k"
                   @change="$emit('update:modelValue', { method: k, l: '', e: '', c: '', s: '' })"> {{ label }}
          </label>
        </div>
        <p v-if="err('method')" class="field-error" role="alert">{{ err('method') }}</p>
      </div>
      <p v-if="failed" class="field-error">评价方法加载失败：{{ failed }}</p>
      <div v-else-if="methods" class="grid">
        <template v-if="modelValue.method === 'lec'">
          <div v-for="f in ['l', 'e', 'c']" :key="f" class="field required" :class="{ 'has-error': err(f) }" :data-field="'assessment.' + f">
            <label :for="idPrefix + '-' + f">{{ FACTORS.lec[f] }}</label>
            <select :id="idPrefix + '-' + f" :value="modelValue[f]" @change="set(f, $event.target.value)">
              <option value="">请选择</option>
              <option v-for="v in methods.lec[f]" :key="v" :value="String(v)">{{ v }} — {{ LEC_MEANINGS[f][v] }}</option>
            </select>
            <p v-if="err(f)" class="field-error" role="alert">{{ err(f) }}</p>
          </div>
        </template>
        <template v-else>
          <div v-for="f in ['l', 's']" :key="f" class="field required" :class="{ 'has-error': err(f) }" :data-field="'assessment.' + f">
            <label :for="idPrefix + '-' + f">{{ FACTORS.ls[f] }}</label>
            <select :id="idPrefix + '-' + f" :value="modelValue[f]" @change="set(f, $event.target.value)">
              <option value="">请选择</option>
              <option v-for="v in methods.ls[f]" :key="v" :value="String(v)">{{ v }} — {{ LS_MEANINGS[f][v] }}</option>
            </select>
            <p v-if="err(f)" class="field-error" role="alert">{{ err(f) }}</p>
          </div>
        </template>
      </div>
      <div class="risk-preview" aria-live="polite" data-test="risk-preview">
        <template v-if="grade">
          <span>{{ grade.text }} = <strong class="mono">{{ grade.score }}</strong></span>
          <span class="badge" :class="'risk-' + RISK_LEVEL_COLOUR[grade.level]">{{ RISK_LEVELS[grade.level] }}（{{ RISK_COLOURS[RISK_LEVEL_COLOUR[grade.level]] }}）</span>
          <span class="muted small">以保存后系统计算结果为准</span>
        </template>
        <span v-else class="muted">选择各项取值后显示风险值和风险等级</span>
      </div>
      <p v-if="bandsText" class="field-hint">分级标准：{{ bandsText }}</p>
    </div>`,
};

// The API body of an assessment picked here: numbers, only the method's factors.
export function assessmentPayload(a) {
  return a.method === 'lec'
    ? { method: 'lec', l: Number(a.l), e: Number(a.e), c: Number(a.c) }
    : { method: 'ls', l: Number(a.l), s: Number(a.s) };
}

// Which factor is still missing (the field name), or ''.
export function assessmentMissing(a) {
  const need = a.method === 'lec' ? ['l', 'e', 'c'] : ['l', 's'];
  const f = need.find((k) => a[k] === '' || a[k] == null);
  return f ? 'assessment.' + f : '';
}
