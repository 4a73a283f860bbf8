// 导入方案: paste a plan document or read a .txt file, preview what the
// parser makes of it (POST /plans/parse, nothing stored) as the outline
// beside the original text, then save it as a draft (POST /plans).

import { api } from '../api.js';
import { planDiagnostic, PLAN_SEVERITIES } from '../labels.js';
import { navigate, href } from '../router.js';
import { session, toast } from '../state.js';
import Field from '../components/field.js';
import FilePick from '../components/file-pick.js';
import RegionPicker from '../components/region-picker.js';
import PlanOutline from '../components/plan-outline.js';
import PlanSource from '../components/plan-source.js';

const { ref, reactive, computed, watch, nextTick } = Vue;

// The server takes a request body of up to 1 MiB; the text field itself
// up to 1,000,000 bytes of UTF-8.
const TEXT_MAX = 1000 * 1000;

// Government text files are UTF-8 or GB18030 (GBK); try UTF-8 strictly
// first. Line ends become \n and a byte-order mark is dropped, so the
// parser's line numbers are the lines shown here.
export async function readPlanFile(file) {
  const buf = await file.arrayBuffer();
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch (e) {
    text = new TextDecoder('gb18030').decode(buf);
  }
  return normalise(text);
}

function normalise(text) {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const utf8Bytes = (s) => new TextEncoder().encode(s).length;

// The server refuses a text that is empty, too long or holds control
// characters (a binary file read as text).
function textError(e) {
  if (e.code === 'invalid') return '方案全文不正确：不能为空、不能超过 1 MB，也不能含有控制字符（请确认上传的是文本文件）';
  if (e.code === 'too_large') return '方案全文超过 1 MB，无法导入';
  return e.message;
}

export default {
  components: { Field, FilePick, RegionPicker, PlanOutline, PlanSource },
  props: { base: String },
  setup(props) {
    const text = ref('');
    const files = ref([]);
    const region = ref(session.user.region_code || '');
    const errors = reactive({});
    const parsing = ref(false);
    const saving = ref(false);
    const result = ref(null);       // the parser's answer
    const parsedText = ref('');     // the text that answer is of
    const selected = ref(0);
    const unit = ref('');
    const light = ref('');
    const tab = ref('outline');     // narrow screens: one pane at a time
    const needRegion = !session.user.region_code;
    const source = ref(null);

    watch(files, async (list) => {
      if (!list.length) return;
      const f = list[0];
      if (f.size > TEXT_MAX * 2) { toast(`“${f.name}”过大，方案全文不能超过 1 MB`); files.value = []; return; }
      try {
        text.value = await readPlanFile(f);
        errors.text = '';
      } catch (e) {
        toast(`无法读取“${f.name}”，请确认是文本文件（.txt）`);
      }
    });

    const stale = computed(() => result.value && normalise(text.value) !== parsedText.value);

    function check() {
      for (const k of Object.keys(errors)) delete errors[k];
      const t = normalise(text.value);
      if (!t.trim()) errors.text = '请粘贴方案全文或上传文本文件';
      else if (utf8Bytes(t) > TEXT_MAX) errors.text = '方案全文超过 1 MB，无法导入';
      return !errors.text;
    }

    async function preview() {
      if (!check()) return;
      const t = normalise(text.value);
      parsing.value = true;
      try {
        result.value = await api.post('/plans/parse', { text: t });
        parsedText.value = t;
        selected.value = 0;
        unit.value = '';
        light.value = '';
        tab.value = 'outline';
        await nextTick();
        const el = document.querySelector('.import-preview');
        if (el) el.scrollIntoView({ block: 'start', behavior: 'smooth' });
      } catch (e) {
        if (e.field === 'text') errors.text = textError(e);
        else toast(e.message);
      } finally {
        parsing.value = false;
      }
    }

    // A field error shows next to its field, which may be far above the
    // preview the user is reading.
    function revealError(field) {
      nextTick(() => {
        const el = document.querySelector(`[data-field="${field}"]`);
        if (el) el.scrollIntoView({ block: 'center' });
      });
    }

    async function save() {
      if (!check()) { revealError('text'); return; }
      if (needRegion && !region.value) { errors.region_code = '请选择方案所属地区'; revealError('region_code'); return; }
      saving.value = true;
      try {
        // A user of an org: the plan is of the org's region (the server's
        // default). An admin without one chooses it.
        const body = { text: normalise(text.value) };
        if (needRegion) body.region_code = region.value;
        const plan = await api.post('/plans', body);
        toast(`已保存为草稿：${plan.title}`, 'ok');
        navigate(`${props.base}/${plan.id}`);
      } catch (e) {
        if (e.field === 'text' || e.field === 'region_code') {
          errors[e.field] = e.field === 'text' ? textError(e) : e.message;
          revealError(e.field);
        }
        else toast(e.message);
      } finally {
        saving.value = false;
      }
    }

    // The first line of each node and the line where the next one starts:
    // a node's own lines are highlighted in the text.
    const nextLine = computed(() => {
      const m = new Map();
      if (!result.value) return m;
      const lines = [...new Set(result.value.nodes.map((n) => n.line))].sort((a, b) => a - b);
      for (const n of result.value.nodes) {
        const after = lines.find((l) => l > n.line);
        m.set(n.id, after ? after - 1 : n.line);
      }
      return m;
    });
    const range = computed(() => {
      const n = result.value && result.value.nodes.find((x) => x.id === selected.value);
      if (!n) return { from: 0, to: 0 };
      return { from: n.line, to: Math.min(nextLine.value.get(n.id) || n.line, n.line + 40) };
    });

    const narrow = () => window.matchMedia('(max-width: 1100px)').matches;

    async function showLine(line) {
      tab.value = 'text';
      await nextTick();
      if (source.value) source.value.scrollTo(line);
      if (narrow()) {
        const el = document.querySelector('.pane-text');
        if (el) el.scrollIntoView({ block: 'start' });
      }
    }

    function pick(n) {
      selected.value = n.id;
      showLine(n.line);
    }

    function backToOutline() {
      tab.value = 'outline';
      nextTick(() => {
        const el = document.querySelector(`.outline [data-node="${selected.value}"]`);
        if (el) el.scrollIntoView({ block: 'center' });
      });
    }

    const summary = computed(() => {
      const r = result.value;
      if (!r) return [];
      const period = r.period && (r.period.start || r.period.end) ? `${r.period.start || '—'} 至 ${r.period.end || '—'}` : '';
      return [
        ['方案名称', r.title || '（未识别）'],
        ['发文单位', r.issuer || '—'],
        ['文号', r.doc_number || '—'],
        ['发文日期', r.issued_on || '—'],
        ['实施期限', period || '—'],
        ['每月报送日', r.report_day ? `每月 ${r.report_day} 日前` : '—'],
      ];
    });
    const counts = computed(() => {
      const r = result.value;
      if (!r) return {};
      const c = { nodes: r.nodes.length, tasks: 0, deadlines: 0, targets: 0, units: new Set() };
      for (const n of r.nodes) {
        if (n.kind === 'task' || n.kind === 'item') c.tasks++;
        c.deadlines += n.deadlines.length;
        c.targets += n.targets.length;
        for (const u of n.lead) c.units.add(u);
      }
      c.leads = c.units.size;
      return c;
    });
    // Phases by the plan they belong to: the main plan's first, then each
    // attachment's (附件N) under its label.
    const phaseGroups = computed(() => {
      const r = result.value;
      if (!r || !r.phases || !r.phases.length) return [];
      const nodes = new Map(r.nodes.map((n) => [n.id, n]));
      const root = r.nodes.find((n) => !n.parent);
      const groups = new Map();
      for (const p of r.phases) {
        const key = p.plan || (root && root.id) || 0;
        if (!groups.has(key)) {
          const n = nodes.get(key);
          const main = !n || n === root;
          groups.set(key, { plan: key, main, label: main ? '' : `${n.label || ''} ${n.title || ''}`.trim(), phases: [] });
        }
        groups.get(key).phases.push(p);
      }
      return [...groups.values()].sort((a, b) => b.main - a.main);
    });
    const phaseDates = (p) => (p.start && p.end ? `${p.start} 至 ${p.end}` : p.end ? `${p.end} 前` : p.start ? `${p.start} 起` : '—');
    const diagnostics = computed(() => (result.value ? [...result.value.diagnostics].sort((a, b) => a.line - b.line || a.column - b.column) : []));
    const canSave = computed(() => !!result.value && !stale.value && !saving.value);

    return { text, files, region, errors, parsing, saving, result, parsedText, selected, unit, light, tab, source,
      stale, preview, save, pick, showLine, backToOutline, range, summary, counts, phaseGroups, phaseDates, diagnostics, canSave, needRegion,
      planDiagnostic, PLAN_SEVERITIES, href, base: props.base };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">导入方案</h1>
        <div class="page-actions"><a class="btn" :href="href(base)">返回列表</a></div>
      </div>
      <form class="panel" @submit.prevent="preview" novalidate>
        <p class="muted small import-hint">粘贴方案全文，或上传方案的文本文件（.txt，UTF-8 或 GBK 编码）。系统会识别方案的层级大纲、牵头和配合单位、完成时限和量化目标，请先预览核对，再保存为草稿。</p>
        <Field label="上传文本文件" name="file" for="plan-file">
          <FilePick id="plan-file" v-model="files" accept=".txt,text/plain" button="选择 .txt 文件" />
        </Field>
        <Field label="方案全文" name="text" for="plan-text" :error="errors.text" required wide>
          <textarea id="plan-text" v-model="text" rows="10" class="import-text" spellcheck="false"
                    placeholder="例如：一、总体要求 ……（一）……（市应急管理局牵头，市公安局配合）"></textarea>
        </Field>
        <Field v-if="needRegion" label="所属地区" name="region_code" :error="errors.region_code" required>
          <RegionPicker v-model="region" depth="county" id-prefix="plan-region" label="方案所属地区" />
        </Field>
        <div class="form-buttons">
          <button type="submit" class="btn btn-primary" :disabled="parsing">{{ parsing ? '正在解析…' : '解析预览' }}</button>
          <button type="button" class="btn" :disabled="!canSave" @click="save">{{ saving ? '正在保存…' : '保存为草稿' }}</button>
        </div>
        <p v-if="!result" class="field-hint">先“解析预览”，核对无误后再保存为草稿。</p>
        <p v-else-if="stale" class="field-warn">原文已修改，请重新解析预览后再保存。</p>
      </form>

      <template v-if="result">
        <div class="panel import-preview">
          <div class="panel-head"><h2>解析结果</h2></div>
          <dl class="details">
            <div v-for="[k, v] in summary" :key="k"><dt>{{ k }}</dt><dd>{{ v }}</dd></div>
            <div class="wide">
              <dt>识别内容</dt>
              <dd>大纲节点 {{ counts.nodes }} 个，任务和事项 {{ counts.tasks }} 项，牵头单位 {{ counts.leads }} 个，完成时限 {{ counts.deadlines }} 处，量化目标 {{ counts.targets }} 个</dd>
            </div>
            <div v-if="phaseGroups.length" class="wide">
              <dt>实施阶段</dt>
              <dd>
                <p v-if="phaseGroups[0].main" class="phase-line">
                  <span v-for="(p, i) in phaseGroups[0].phases" :key="i" class="phase">{{ p.name }}（{{ phaseDates(p) }}）</span>
                </p>
                <details v-if="phaseGroups.some((g) => !g.main)" class="phase-more">
                  <summary>各附件的实施阶段（{{ phaseGroups.filter((g) => !g.main).length }} 个附件）</summary>
                  <p v-for="g in phaseGroups.filter((g) => !g.main)" :key="g.plan" class="phase-line">
                    <strong>{{ g.label }}</strong>
                    <span v-for="(p, i) in g.phases" :key="i" class="phase">{{ p.name }}（{{ phaseDates(p) }}）</span>
                  </p>
                </details>
              </dd>
            </div>
          </dl>
        </div>

        <div class="panel diagnostics">
          <div class="panel-head"><h2>格式问题（{{ diagnostics.length }}）</h2></div>
          <p v-if="!diagnostics.length" class="muted">未发现格式问题。</p>
          <ul v-else class="diag-list">
            <li v-for="(d, i) in diagnostics" :key="i">
              <button type="button" class="link-button" @click="showLine(d.line)">第 {{ d.line }} 行第 {{ d.column }} 列</button>
              <span class="badge" :class="'sev-badge-' + d.severity">{{ PLAN_SEVERITIES[d.severity] || '提示' }}</span>
              <span>{{ planDiagnostic(d.message) }}</span>
            </li>
          </ul>
        </div>

        <div class="pane-tabs" role="tablist" aria-label="预览内容">
          <button type="button" role="tab" class="btn" :class="{ 'btn-primary': tab === 'outline' }" :aria-selected="tab === 'outline' ? 'true' : 'false'" @click="tab = 'outline'">大纲</button>
          <button type="button" role="tab" class="btn" :class="{ 'btn-primary': tab === 'text' }" :aria-selected="tab === 'text' ? 'true' : 'false'" @click="tab = 'text'">原文</button>
        </div>
        <div class="split" :class="'show-' + tab">
          <div class="panel pane pane-outline">
            <div class="panel-head"><h2>方案大纲</h2><span class="muted small">点击节点查看原文</span></div>
            <div class="pane-scroll">
              <PlanOutline :nodes="result.nodes" :selected="selected" v-model:unit="unit" v-model:light="light"
                           show-line id-prefix="import-outline" @select="pick" />
            </div>
          </div>
          <div class="panel pane pane-text">
            <div class="panel-head">
              <h2>方案原文</h2>
              <button type="button" class="btn btn-small back-outline" @click="backToOutline">返回大纲</button>
            </div>
            <PlanSource ref="source" :text="parsedText" :diagnostics="result.diagnostics" :from="range.from" :to="range.to" />
          </div>
        </div>
      </template>
    </section>`,
};
