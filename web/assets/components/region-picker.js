// Cascading region picker 省 → 市 → 县（区） → 乡镇（街道）. v-model is the
// 12-digit code of the deepest level chosen ('' for none). Children are
// loaded from /api/v1/regions?parent=CODE and cached for the session.

import { getAll } from '../api.js';
import { REGION_LEVELS } from '../labels.js';
import { toast } from '../state.js';

const { ref, reactive, watch, onMounted } = Vue;

const LEVELS = ['province', 'city', 'county', 'town'];
const PREFIX = [2, 4, 6, 9];   // digits that identify a region at each level
const cache = new Map();

export function regionChildren(parent) {
  const key = parent || '';
  if (!cache.has(key)) {
    const p = getAll('/regions', parent ? { parent } : {}).catch((e) => {
      cache.delete(key);
      throw e;
    });
    cache.set(key, p);
  }
  return cache.get(key);
}

// The codes of code's ancestors and itself, province first.
export function regionChain(code) {
  const out = [];
  if (!/^\d{12}$/.test(code || '')) return out;
  for (let i = 0; i < PREFIX.length; i++) {
    const own = code.slice(PREFIX[i - 1] || 0, PREFIX[i]);
    if (/^0+$/.test(own)) break;
    out.push(code.slice(0, PREFIX[i]).padEnd(12, '0'));
  }
  return out;
}

export default {
  props: {
    modelValue: { type: String, default: '' },
    depth: { type: String, default: 'town' },    // deepest level offered
    idPrefix: { type: String, default: 'region' },
    label: { type: String, default: '所在地区' },
    any: { type: Boolean, default: false },      // filter use: "全部" options
    disabled: { type: Boolean, default: false },
  },
  emits: ['update:modelValue'],
  setup(props, { emit }) {
    const n = LEVELS.indexOf(props.depth) + 1 || LEVELS.length;
    const levels = LEVELS.slice(0, n);
    const lists = reactive(levels.map(() => []));
    const sel = reactive(levels.map(() => ''));
    const loading = ref(false);
    let emitted = null;
    let generation = 0;   // a newer init() makes an older one stop

    async function load(i, parent, my) {
      let items = [];
      try {
        items = await regionChildren(parent);
      } catch (e) {
        toast('地区列表加载失败：' + e.message);
      }
      if (my === generation) lists[i] = items;
      return my === generation;
    }

    async function init(code) {
      const my = ++generation;
      emitted = code || '';
      loading.value = true;
      const chain = regionChain(code).slice(0, n);
      for (let i = 0; i < n; i++) { sel[i] = ''; if (i > 0) lists[i] = []; }
      if (!(await load(0, '', my))) return;
      for (let i = 0; i < chain.length; i++) {
        sel[i] = chain[i];
        if (i + 1 < n && !(await load(i + 1, chain[i], my))) return;
      }
      loading.value = false;
    }

    async function pick(i, value) {
      const my = ++generation;
      loading.value = false;
      sel[i] = value;
      for (let j = i + 1; j < n; j++) { sel[j] = ''; lists[j] = []; }
      let code = value;
      for (let j = i - 1; !code && j >= 0; j--) code = sel[j];
      emitted = code || '';
      emit('update:modelValue', emitted);
      if (value && i + 1 < n) await load(i + 1, value, my);
    }

    const visible = (i) => i === 0 || (sel[i - 1] && lists[i].length > 0);
    const placeholder = (i) => (props.any ? '全部' : '请选择') + REGION_LEVELS[levels[i]].replace(/（.*）/, '');

    onMounted(() => init(props.modelValue));
    watch(() => props.modelValue, (v) => { if ((v || '') !== emitted) init(v); });

    return { levels, lists, sel, loading, visible, placeholder, pick, REGION_LEVELS };
  },
  template: `
    <div class="region-picker" role="group" :aria-label="label" :aria-busy="loading ? 'true' : 'false'">
      <template v-for="(level, i) in levels" :key="level">
        <select v-if="visible(i)" :id="idPrefix + '-' + level" :aria-label="REGION_LEVELS[level]"
                :value="sel[i]" :disabled="disabled" @change="pick(i, $event.target.value)">
          <option value="">{{ placeholder(i) }}</option>
          <option v-for="r in lists[i]" :key="r.code" :value="r.code">{{ r.name }}</option>
        </select>
      </template>
    </div>`,
};

// The names from province down to code ("西藏自治区", "拉萨市", "城关区"),
// resolved through the cached child lists; [] when it cannot be resolved.
export async function regionPathNames(code) {
  const names = [];
  let parent = '';
  for (const c of regionChain(code)) {
    const list = await regionChildren(parent);
    const r = list.find((x) => x.code === c);
    if (!r) break;
    names.push(r.name);
    parent = c;
  }
  return names;
}

// Shows a region as its full path; shows `fallback` until (or unless) the
// path is known.
export const RegionPath = {
  props: { code: { type: String, default: '' }, fallback: { type: String, default: '' } },
  setup(props) {
    const path = ref('');
    const load = () => {
      path.value = '';
      if (props.code) regionPathNames(props.code).then((n) => { path.value = n.join(' '); }).catch(() => {});
    };
    onMounted(load);
    watch(() => props.code, load);
    return { path };
  },
  template: `<span>{{ path || fallback || '—' }}</span>`,
};
