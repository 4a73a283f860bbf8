// Pick one org by typing part of its name: searches /api/v1/orgs?q=.
// v-model is the org id (number) or null; `name` shows the current choice.

import { api } from '../api.js';
import { ORG_KINDS } from '../labels.js';

const { ref, watch } = Vue;

export default {
  props: {
    modelValue: { type: Number, default: null },
    name: { type: String, default: '' },
    id: { type: String, default: 'org-select' },
    placeholder: { type: String, default: '输入单位名称搜索' },
    kind: { type: String, default: '' },
  },
  emits: ['update:modelValue', 'picked'],
  setup(props, { emit }) {
    const text = ref(props.name || '');
    const items = ref([]);
    const open = ref(false);
    const active = ref(-1);
    let timer = null;
    let seq = 0;

    watch(() => props.name, (v) => { text.value = v || ''; });

    async function search() {
      const my = ++seq;
      try {
        const page = await api.get('/orgs', { q: text.value.trim(), kind: props.kind, limit: 10 });
        if (my === seq) { items.value = page.items || []; open.value = true; active.value = -1; }
      } catch (e) {
        if (my === seq) items.value = [];
      }
    }

    function onInput() {
      if (props.modelValue !== null) emit('update:modelValue', null);
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    }

    function choose(o) {
      text.value = o.name;
      open.value = false;
      emit('update:modelValue', o.id);
      emit('picked', o);
    }

    function onKey(ev) {
      if (!open.value || !items.value.length) return;
      if (ev.key === 'ArrowDown') { active.value = (active.value + 1) % items.value.length; ev.preventDefault(); }
      else if (ev.key === 'ArrowUp') { active.value = (active.value - 1 + items.value.length) % items.value.length; ev.preventDefault(); }
      else if (ev.key === 'Enter' && active.value >= 0) { choose(items.value[active.value]); ev.preventDefault(); }
      else if (ev.key === 'Escape') { open.value = false; }
    }

    function onBlur() { setTimeout(() => { open.value = false; }, 200); }

    return { text, items, open, active, onInput, choose, onKey, onBlur, search, ORG_KINDS };
  },
  template: `
    <div class="combo">
      <input :id="id" v-model="text" :placeholder="placeholder" autocomplete="off" role="combobox"
             :aria-expanded="open ? 'true' : 'false'" :aria-controls="id + '-list'"
             @input="onInput" @focus="search" @keydown="onKey" @blur="onBlur">
      <ul v-if="open" :id="id + '-list'" class="combo-list" role="listbox">
        <li v-if="!items.length" class="muted">没有匹配的单位</li>
        <li v-for="(o, i) in items" :key="o.id" role="option" :aria-selected="i === active ? 'true' : 'false'"
            :class="{ active: i === active }" @mousedown.prevent="choose(o)">
          {{ o.name }} <span class="muted small">{{ ORG_KINDS[o.kind] }} · {{ o.region_name }}</span>
        </li>
      </ul>
    </div>`,
};
