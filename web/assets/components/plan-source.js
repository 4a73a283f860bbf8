// The original text of a plan document, line by line with line numbers:
// the lines of the selected node highlighted, each diagnostic marked at
// its line and column (columns count code points, as the parser does) with
// its message below the line. scrollTo(line) brings a line into view inside
// the pane's own scroll area.

import { planDiagnostic, PLAN_SEVERITIES } from '../labels.js';

const { ref, computed } = Vue;

// One line; re-rendered only when its highlight changes.
const SrcLine = {
  props: { line: { type: Object, required: true }, selected: { type: Boolean, default: false } },
  setup() { return { planDiagnostic, PLAN_SEVERITIES }; },
  template: `
    <div class="src-line" :data-line="line.no" :class="{ 'src-selected': selected, 'src-diag': line.diags.length }">
      <span class="src-no" aria-hidden="true">{{ line.no }}</span>
      <span class="src-text"><template v-for="(p, i) in line.parts" :key="i"><mark v-if="p.mark" class="src-mark">{{ p.text }}</mark><template v-else>{{ p.text }}</template></template><template v-if="line.parts.length === 1 && !line.parts[0].text">&#8203;</template></span>
      <span v-for="(d, i) in line.diags" :key="i" class="src-note" :class="'sev-' + d.severity">
        {{ PLAN_SEVERITIES[d.severity] || '提示' }}：第 {{ d.line }} 行第 {{ d.column }} 列，{{ planDiagnostic(d.message) }}
      </span>
    </div>`,
};

export default {
  components: { SrcLine },
  props: {
    text: { type: String, required: true },
    diagnostics: { type: Array, default: () => [] },
    from: { type: Number, default: 0 },   // first and last line highlighted
    to: { type: Number, default: 0 },
  },
  setup(props, { expose }) {
    const pane = ref(null);

    const lines = computed(() => {
      const byLine = new Map();
      for (const d of props.diagnostics) {
        if (!byLine.has(d.line)) byLine.set(d.line, []);
        byLine.get(d.line).push(d);
      }
      return props.text.split('\n').map((raw, i) => {
        const no = i + 1;
        const diags = (byLine.get(no) || []).slice().sort((a, b) => a.column - b.column);
        if (!diags.length) return { no, parts: [{ text: raw, mark: false }], diags };
        // Split the line at each diagnostic's column: the code point there
        // is marked.
        const cps = Array.from(raw);
        const parts = [];
        let at = 0;
        for (const d of diags) {
          const c = Math.max(0, Math.min(cps.length, (d.column || 1) - 1));
          if (c < at) continue;
          if (c > at) parts.push({ text: cps.slice(at, c).join(''), mark: false });
          parts.push({ text: cps[c] || ' ', mark: true });
          at = c + 1;
        }
        if (at < cps.length) parts.push({ text: cps.slice(at).join(''), mark: false });
        return { no, parts, diags };
      });
    });

    function scrollTo(line) {
      const el = pane.value && pane.value.querySelector(`[data-line="${line}"]`);
      if (!el) return;
      pane.value.scrollTop = Math.max(0, el.offsetTop - 24);
    }
    expose({ scrollTo });

    const inRange = (no) => props.from > 0 && no >= props.from && no <= Math.max(props.from, props.to);
    return { pane, lines, inRange, scrollTo };
  },
  template: `
    <div class="source" ref="pane" tabindex="0" aria-label="方案原文">
      <SrcLine v-for="l in lines" :key="l.no" :line="l" :selected="inRange(l.no)" />
    </div>`,
};
