// The outline of a plan document: the parser's nodes as a tree, each with
// its kind, label, title, the units it names (牵头/配合/属地/督导), its
// deadlines, targets and recurrences, and a light (亮灯):
//   red    overdue,
//   yellow due within 30 days,
//   green  on track;
// for a draft from the node's first deadline against today, for a published
// plan from the node's tasks (the open ones and their deadlines).
// Filters by unit and by light keep the matching nodes and, for context,
// their ancestors. v-model:unit and v-model:light carry the filters so that
// a page may keep them in its query.

import { PLAN_NODE_KINDS, PLAN_CATEGORIES, PLAN_UNIT_ROLES, PLAN_LIGHTS, TARGET_COMPARATORS } from '../labels.js';
import { todayShanghai } from '../forms.js';

const { ref, reactive, computed, watch, nextTick } = Vue;

export const SOON_DAYS = 30;
const ROLES = ['lead', 'co', 'localities', 'overseer'];

// date (YYYY-MM-DD) plus n days.
export function addDays(date, n) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// The light of one deadline (null when there is none).
export function deadlineLight(date, today = todayShanghai()) {
  if (!date) return null;
  if (date < today) return 'red';
  if (date <= addDays(today, SOON_DAYS)) return 'yellow';
  return 'green';
}

export function taskOverdue(t, today = todayShanghai()) {
  return t.status !== 'done' && !!t.deadline && t.deadline < today;
}

// The light of each node, by id. `tasks` null: a draft (first deadline);
// an array: a published plan (the node's tasks; none → no light).
export function nodeLights(nodes, tasks) {
  const today = todayShanghai();
  const out = new Map();
  if (!tasks) {
    for (const n of nodes) out.set(n.id, deadlineLight(n.deadlines && n.deadlines[0] && n.deadlines[0].date, today));
    return out;
  }
  const byNode = new Map();
  for (const t of tasks) {
    if (!byNode.has(t.node)) byNode.set(t.node, []);
    byNode.get(t.node).push(t);
  }
  for (const n of nodes) {
    const ts = byNode.get(n.id);
    if (!ts) { out.set(n.id, null); continue; }
    const open = ts.filter((t) => t.status !== 'done');
    let light = 'green';
    for (const t of open) {
      const l = deadlineLight(t.deadline, today);
      if (l === 'red') { light = 'red'; break; }
      if (l === 'yellow') light = 'yellow';
    }
    out.set(n.id, light);
  }
  return out;
}

// Every unit name the outline uses, in any role, sorted.
export function unitNames(nodes) {
  const set = new Set();
  for (const n of nodes) for (const r of ROLES) for (const u of n[r] || []) set.add(u);
  return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

// "2022-12-31 前", "2020-09-01 至 2022-12-31", …
export function deadlineText(d) {
  switch (d.kind) {
    case 'by': return `${d.date} 前`;
    case 'on': return d.date;
    case 'from': return `${d.start || d.date} 起`;
    case 'during':
    case 'range': return d.start && d.start !== d.date ? `${d.start} 至 ${d.date}` : d.date;
    default: return d.date || '';
  }
}

// "不低于 75%", "较2019年下降 10%".
export function targetText(t) {
  const value = t.value === null || t.value === undefined ? '' : `${t.value}${t.unit || ''}`;
  const cmp = TARGET_COMPARATORS[t.comparator] || '';
  const base = t.baseline_year ? `较${t.baseline_year}年` : '';
  return `${base}${cmp}${cmp && value ? ' ' : ''}${value}`;
}

// One node of the outline. Its props change only when what it shows
// changes, so selecting a node or filtering re-renders the few rows
// concerned, not the whole tree (plans run to several hundred nodes). No
// directive (v-show) on the component itself: Vue re-renders every child
// that carries one.
const OutlineNode = {
  props: {
    node: { type: Object, required: true },
    depth: { type: Number, default: 0 },
    hasChildren: { type: Boolean, default: false },
    hidden: { type: Boolean, default: false },     // folded away or filtered out
    folded: { type: Boolean, default: false },
    selected: { type: Boolean, default: false },
    context: { type: Boolean, default: false },  // shown only as an ancestor of a match
    light: { type: String, default: null },
    unitHit: { type: String, default: '' },
    tasks: { type: Number, default: 0 },
    showLine: { type: Boolean, default: false },
    showText: { type: Boolean, default: false },
  },
  emits: ['toggle', 'select'],
  setup(props) {
    const kindLabel = computed(() => {
      const n = props.node;
      return (n.kind === 'plan' && n.category ? PLAN_CATEGORIES[n.category] : PLAN_NODE_KINDS[n.kind]) || '节点';
    });
    const groups = computed(() => ROLES.filter((r) => (props.node[r] || []).length)
      .map((r) => ({ role: r, label: PLAN_UNIT_ROLES[r], names: props.node[r] })));
    const lightTitle = computed(() => (props.light ? `${PLAN_LIGHTS[props.light]}${props.light === 'yellow' ? `（${SOON_DAYS}天内到期）` : ''}` : ''));
    const hasFacts = computed(() => props.node.deadlines.length || props.node.targets.length || (props.node.recurrence || []).length || props.tasks);
    return { kindLabel, groups, lightTitle, hasFacts, indent: `${Math.min(props.depth, 8) * 14}px`, deadlineText, targetText };
  },
  template: `
    <li v-show="!hidden" role="treeitem" :data-node="node.id" :aria-level="depth + 1" :aria-selected="selected ? 'true' : 'false'"
        :aria-expanded="hasChildren ? (folded ? 'false' : 'true') : null"
        class="on" :class="['on-' + node.kind, { selected, 'on-context': context }]" :style="{ paddingLeft: indent }">
      <button v-if="hasChildren" type="button" class="on-toggle" @click="$emit('toggle', node)"
              :aria-label="folded ? '展开' : '收起'">{{ folded ? '▸' : '▾' }}</button>
      <span v-else class="on-toggle" aria-hidden="true"></span>
      <div class="on-body">
        <button type="button" class="on-head" @click="$emit('select', node)">
          <span v-if="light" class="light" :class="'light-' + light" :title="lightTitle"><span class="sr-only">{{ lightTitle }}</span></span>
          <span class="badge" :class="'kind-' + node.kind">{{ kindLabel }}</span>
          <span v-if="node.label" class="on-label">{{ node.label }}</span>
          <span class="on-title">{{ node.title || '（无标题）' }}</span>
          <span v-if="showLine" class="on-line">第 {{ node.line }} 行</span>
        </button>
        <template v-if="!context">
          <div v-if="groups.length" class="chips">
            <span v-for="g in groups" :key="g.role" class="chip-group">
              <span class="chip-role">{{ g.label }}</span>
              <span v-for="u in g.names" :key="u" class="chip" :class="['chip-' + g.role, { 'chip-hit': u === unitHit }]">{{ u }}</span>
            </span>
          </div>
          <ul v-if="hasFacts" class="facts">
            <li v-for="(d, i) in node.deadlines" :key="'d' + i">
              <span class="fact-key">期限</span>{{ deadlineText(d) }}<span class="muted">（{{ d.phrase }}）</span>
            </li>
            <li v-for="(t, i) in node.targets" :key="'t' + i">
              <span class="fact-key">目标</span><strong>{{ targetText(t) }}</strong>
              <template v-if="t.deadline">（{{ t.deadline }} 前）</template>
              <span class="muted fact-text">{{ t.text }}</span>
            </li>
            <li v-for="(x, i) in node.recurrence || []" :key="'r' + i"><span class="fact-key">周期</span>{{ x.phrase }}</li>
            <li v-if="tasks"><span class="fact-key">任务</span>{{ tasks }} 项</li>
          </ul>
          <p v-if="showText && selected && node.text" class="on-text pre">{{ node.text }}</p>
        </template>
      </div>
    </li>`,
};

export default {
  components: { OutlineNode },
  props: {
    nodes: { type: Array, required: true },
    tasks: { type: Array, default: null },      // published plan: its tasks
    selected: { type: Number, default: 0 },
    unit: { type: String, default: '' },
    light: { type: String, default: '' },
    showLine: { type: Boolean, default: false }, // "第 N 行" on each node
    showText: { type: Boolean, default: false }, // the selected node's text below it
    idPrefix: { type: String, default: 'outline' },
  },
  emits: ['select', 'update:unit', 'update:light'],
  setup(props, { emit }) {
    const collapsed = reactive(new Set());
    const root = ref(null);

    const byId = computed(() => new Map(props.nodes.map((n) => [n.id, n])));
    // Every node in document order (a depth-first walk) with its depth and
    // the ids of its ancestors.
    const order = computed(() => {
      const kids = new Map();
      for (const n of props.nodes) {
        const p = byId.value.has(n.parent) && n.parent !== n.id ? n.parent : 0;
        if (!kids.has(p)) kids.set(p, []);
        kids.get(p).push(n);
      }
      const out = [];
      const walk = (parent, depth, up) => {
        for (const n of kids.get(parent) || []) {
          const has = (kids.get(n.id) || []).length > 0;
          out.push({ node: n, depth, hasChildren: has, up });
          if (has) walk(n.id, depth + 1, [...up, n.id]);
        }
      };
      walk(0, 0, []);
      return out;
    });
    const lights = computed(() => nodeLights(props.nodes, props.tasks));
    const units = computed(() => unitNames(props.nodes));
    const taskCount = computed(() => {
      const m = new Map();
      for (const t of props.tasks || []) m.set(t.node, (m.get(t.node) || 0) + 1);
      return m;
    });

    const lightCounts = computed(() => {
      const c = { red: 0, yellow: 0, green: 0, none: 0 };
      for (const n of props.nodes) c[lights.value.get(n.id) || 'none']++;
      return c;
    });

    const hasUnit = (n, u) => ROLES.some((r) => (n[r] || []).includes(u));
    const filtering = computed(() => !!(props.unit || props.light));
    const matchSet = computed(() => {
      const s = new Set();
      if (!filtering.value) return s;
      for (const n of props.nodes) {
        if (props.unit && !hasUnit(n, props.unit)) continue;
        if (props.light && (lights.value.get(n.id) || 'none') !== props.light) continue;
        s.add(n.id);
      }
      return s;
    });
    // The rows shown: while a filter is set, the matches and their
    // ancestors whatever is folded; otherwise all but the folded away.
    const shown = computed(() => {
      const s = new Set();
      for (const r of order.value) {
        if (filtering.value) {
          if (matchSet.value.has(r.node.id)) { s.add(r.node.id); for (const a of r.up) s.add(a); }
        } else if (!r.up.some((a) => collapsed.has(a))) {
          s.add(r.node.id);
        }
      }
      return s;
    });
    const matchCount = computed(() => (filtering.value ? matchSet.value.size : props.nodes.length));

    function toggle(n) {
      if (collapsed.has(n.id)) collapsed.delete(n.id);
      else collapsed.add(n.id);
    }
    function expandAll() { collapsed.clear(); }
    function collapseAll() {
      // Keep the top two levels open: the plan and its sections or 附件.
      for (const r of order.value) if (r.hasChildren && r.depth >= 1) collapsed.add(r.node.id);
    }

    // An outside selection (a task's link, the workbench): unfold its
    // ancestors and bring it into view.
    watch(() => props.selected, async (id) => {
      if (!id) return;
      const r = order.value.find((x) => x.node.id === id);
      if (r) for (const a of r.up) collapsed.delete(a);
      await nextTick();
      const el = root.value && root.value.querySelector(`[data-node="${id}"]`);
      if (el) el.scrollIntoView({ block: 'nearest' });
    }, { immediate: true });

    const unitHit = (n) => (props.unit && hasUnit(n, props.unit) ? props.unit : '');

    return { root, order, shown, units, lights, lightCounts, matchSet, matchCount, filtering, collapsed, taskCount,
      toggle, expandAll, collapseAll, unitHit,
      setUnit: (v) => emit('update:unit', v), setLight: (v) => emit('update:light', v),
      select: (n) => emit('select', n), SOON_DAYS };
  },
  template: `
    <div class="outline" :class="{ filtering }" ref="root">
      <div class="outline-tools">
        <div class="field">
          <label :for="idPrefix + '-unit'">责任单位</label>
          <select :id="idPrefix + '-unit'" :value="unit" @change="setUnit($event.target.value)">
            <option value="">全部单位</option>
            <option v-for="u in units" :key="u" :value="u">{{ u }}</option>
          </select>
        </div>
        <div class="field">
          <label :for="idPrefix + '-light'">亮灯</label>
          <select :id="idPrefix + '-light'" :value="light" @change="setLight($event.target.value)">
            <option value="">全部（{{ nodes.length }}）</option>
            <option value="red">红灯：已逾期（{{ lightCounts.red }}）</option>
            <option value="yellow">黄灯：{{ SOON_DAYS }}天内到期（{{ lightCounts.yellow }}）</option>
            <option value="green">绿灯：正常推进（{{ lightCounts.green }}）</option>
            <option value="none">未亮灯：{{ tasks ? '无任务' : '无期限' }}（{{ lightCounts.none }}）</option>
          </select>
        </div>
        <div class="outline-buttons">
          <button type="button" class="btn btn-small" :disabled="filtering" @click="expandAll">全部展开</button>
          <button type="button" class="btn btn-small" :disabled="filtering" @click="collapseAll">全部收起</button>
        </div>
      </div>
      <p class="outline-legend small muted">
        <span><span class="light light-red" aria-hidden="true"></span>逾期 {{ lightCounts.red }}</span>
        <span><span class="light light-yellow" aria-hidden="true"></span>临期 {{ lightCounts.yellow }}</span>
        <span><span class="light light-green" aria-hidden="true"></span>正常 {{ lightCounts.green }}</span>
        <span>{{ tasks ? '按各节点任务的完成情况和期限亮灯' : '按各节点的第一个期限与今天比较亮灯' }}</span>
        <span v-if="filtering">· 符合条件 {{ matchCount }} 个节点</span>
      </p>
      <p v-if="filtering && !matchCount" class="empty">没有符合条件的节点</p>
      <ul class="outline-tree" role="tree" aria-label="方案大纲">
        <OutlineNode v-for="r in order" :key="r.node.id" :hidden="!shown.has(r.node.id)"
                     :node="r.node" :depth="r.depth" :has-children="r.hasChildren" :folded="collapsed.has(r.node.id)"
                     :selected="r.node.id === selected" :context="filtering && !matchSet.has(r.node.id)"
                     :light="lights.get(r.node.id) || null" :unit-hit="unitHit(r.node)" :tasks="taskCount.get(r.node.id) || 0"
                     :show-line="showLine" :show-text="showText" @toggle="toggle" @select="select" />
      </ul>
    </div>`,
};
