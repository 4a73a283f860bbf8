// 一张图: the hazard statistics of a region, industry and year — key figures,
// the monthly trend, the state of rectification, hazards by industry and by
// child region, and the 动态清零 of major hazards — and the enterprises'
// four-colour map (today's colours: the year does not apply). Filters live
// in the query.

import { api } from '../api.js';
import { route, navigate, href } from '../router.js';
import { session, loadIndustries, toast } from '../state.js';
import { formatRate } from '../forms.js';
import RegionPicker from '../components/region-picker.js';
import Chart from '../components/chart.js';
import RiskMap from '../components/risk-map.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const BLUE = '#27508f';
const GREEN = '#2e7d32';
const RED = '#c62828';
const ORANGE = '#e06c00';
const GREY = '#90a4ae';
const FIRST_YEAR = 2020;

function thisYear() {
  return Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
}

const num = (v) => (typeof v === 'number' ? v : 0);

// Bars of found and closed per group (industry or region), largest first.
function groupBars(rows, title) {
  const list = [...rows].sort((a, b) => num(b.found) - num(a.found));
  const names = list.map((r) => r.name || '未知');
  return {
    color: [BLUE, GREEN],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 96, overflow: 'truncate' } },
    series: [
      { name: '发现', type: 'bar', barMaxWidth: 16, data: list.map((r) => ({ value: num(r.found), key: r.key })) },
      { name: '销号', type: 'bar', barMaxWidth: 16, data: list.map((r) => ({ value: num(r.closed), key: r.key })) },
    ],
    aria: { enabled: true, label: { description: title } },
  };
}

export default {
  components: { RegionPicker, Chart, RiskMap },
  props: { base: String },
  setup(props) {
    const user = session.user;
    const current = thisYear();
    const filters = reactive({ year: String(current), region: '', industry: '' });
    const industries = ref([]);
    const stats = ref(null);
    const loading = ref(false);
    const failed = ref('');

    function readQuery() {
      filters.year = route.query.year || String(current);
      filters.region = route.query.region || user.region_code || '';
      filters.industry = route.query.industry || '';
    }

    async function load() {
      readQuery();
      loading.value = true;
      failed.value = '';
      try {
        stats.value = await api.get('/stats/hazards', { year: filters.year, region: route.query.region, industry: filters.industry });
      } catch (e) {
        stats.value = null;
        failed.value = e.message;
      } finally {
        loading.value = false;
      }
    }

    function apply() {
      navigate(props.base, {
        year: filters.year === String(current) ? '' : filters.year,
        region: filters.region && filters.region !== user.region_code ? filters.region : '',
        industry: filters.industry,
      });
    }

    onMounted(() => {
      load();
      loadIndustries().then((l) => { industries.value = l; }).catch((e) => toast('行业列表加载失败：' + e.message));
    });
    watch(() => route.query, load);

    const years = computed(() => {
      const out = [];
      for (let y = current; y >= FIRST_YEAR; y--) out.push(String(y));
      if (!out.includes(filters.year)) out.push(filters.year);
      return out;
    });

    const total = computed(() => (stats.value && stats.value.total) || {});
    // The hazard list with the dashboard's region and industry, for the cards.
    const listHref = (extra) => href('/hazards', { region: route.query.region, industry: filters.industry, ...extra });

    const cards = computed(() => {
      const t = total.value;
      const n = (v) => (typeof v === 'number' ? String(v) : '—');
      const days = typeof t.mean_days_to_close === 'number' ? t.mean_days_to_close.toFixed(1) : '—';
      return [
        { key: 'found', label: '发现隐患', value: n(t.found) },
        { key: 'closed', label: '已销号', value: n(t.closed) },
        { key: 'open', label: '未销号', value: n(t.open) },
        { key: 'overdue', label: '逾期未整改', value: n(t.overdue), danger: num(t.overdue) > 0, link: listHref({ overdue: 'true' }) },
        { key: 'major', label: '重大隐患', value: n(t.major), link: listHref({ grade: 'major' }) },
        { key: 'closure_rate', label: '整改销号率', value: formatRate(t.closure_rate) },
        { key: 'on_time_rate', label: '按期整改率', value: formatRate(t.on_time_rate) },
        { key: 'mean_days', label: '平均整改天数', value: days },
      ];
    });

    // Months after the statistics' day have not happened: no bar, no
    // point (a 0 there would read as a month without hazards).
    const trend = computed(() => {
      const months = (stats.value && stats.value.by_month) || [];
      const upTo = String((stats.value && stats.value.as_of) || '9999-12').slice(0, 7);
      const value = (m, k) => (String(m.month) > upTo ? null : num(m[k]));
      return {
        color: [BLUE, GREEN],
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: months.map((m) => Number(String(m.month).slice(5, 7)) + '月') },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '发现', type: 'bar', barMaxWidth: 24, data: months.map((m) => value(m, 'found')) },
          { name: '销号', type: 'line', smooth: true, data: months.map((m) => value(m, 'closed')) },
        ],
      };
    });

    const status = computed(() => {
      const t = total.value;
      const overdue = num(t.overdue);
      const data = [
        { name: '已销号', value: num(t.closed), itemStyle: { color: GREEN } },
        { name: '整改中（未逾期）', value: Math.max(0, num(t.open) - overdue), itemStyle: { color: BLUE } },
        { name: '逾期未整改', value: overdue, itemStyle: { color: RED } },
      ];
      return {
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['38%', '65%'], center: ['50%', '45%'], label: { formatter: '{c}' }, data }],
      };
    });

    const byIndustry = computed(() => groupBars((stats.value && stats.value.by_industry) || [], '按行业统计的隐患数'));
    const byRegion = computed(() => groupBars((stats.value && stats.value.by_region) || [], '按地区统计的隐患数'));
    const industryRows = computed(() => ((stats.value && stats.value.by_industry) || []).length);
    const regionRows = computed(() => ((stats.value && stats.value.by_region) || []).length);
    const barHeight = (n) => Math.max(200, 60 + n * 44);

    // 动态清零: of the major hazards to clear this year (carried in + found),
    // the share closed. Nothing to clear: no percentage at all.
    const zero = computed(() => (stats.value && stats.value.zero_clearance) || null);
    const zeroRate = computed(() => {
      const z = zero.value;
      if (!z) return null;
      const due = num(z.carried_in) + num(z.found);
      return due > 0 ? num(z.closed) / due : null;
    });
    const gauge = computed(() => ({
      series: [{
        type: 'gauge', min: 0, max: 100, radius: '95%', center: ['50%', '58%'],
        progress: { show: true, width: 14, itemStyle: { color: zeroRate.value >= 1 ? GREEN : ORANGE } },
        axisLine: { lineStyle: { width: 14, color: [[1, '#e6ebf1']] } },
        axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false }, pointer: { show: false },
        anchor: { show: false }, title: { offsetCenter: [0, '30%'], fontSize: 13, color: GREY },
        detail: { offsetCenter: [0, '-5%'], fontSize: 26, fontWeight: 600, color: '#1f2733', formatter: (v) => v.toFixed(1) + '%' },
        data: [{ value: Math.round((zeroRate.value || 0) * 1000) / 10, name: '清零进度' }],
      }],
    }));

    function pickIndustry(p) {
      const key = p && p.data && p.data.key;
      if (key) navigate(props.base, { ...route.query, industry: String(key) });
    }
    function pickRegion(p) {
      const key = p && p.data && p.data.key;
      if (key) navigate(props.base, { ...route.query, region: key });
    }

    return { user, filters, industries, stats, loading, failed, years, cards, trend, status, byIndustry, byRegion,
      industryRows, regionRows, barHeight, zero, zeroRate, gauge, apply, pickIndustry, pickRegion, route };
  },
  template: `
    <section class="page page-wide">
      <div class="page-head">
        <h1 class="page-title">一张图</h1>
        <span v-if="stats" class="muted small">{{ stats.year }} 年度 · 数据截至 {{ stats.as_of }}</span>
      </div>
      <form class="panel dash-filters" @submit.prevent="apply" role="search" aria-label="统计范围">
        <div class="field">
          <label for="d-year">年度</label>
          <select id="d-year" v-model="filters.year" @change="apply">
            <option v-for="y in years" :key="y" :value="y">{{ y }} 年</option>
          </select>
        </div>
        <div class="field field-region">
          <span class="label">地区</span>
          <RegionPicker v-model="filters.region" depth="county" id-prefix="d-region" label="统计地区" any />
        </div>
        <div class="field">
          <label for="d-industry">行业</label>
          <select id="d-industry" v-model="filters.industry">
            <option value="">全部行业</option>
            <option v-for="i in industries" :key="i.id" :value="String(i.id)">{{ i.name }}</option>
          </select>
        </div>
        <div class="filter-buttons">
          <button type="submit" class="btn btn-primary">统计</button>
        </div>
      </form>

      <p v-if="loading && !stats" class="loading">正在加载…</p>
      <div v-else-if="failed" class="panel empty"><p>统计数据加载失败：{{ failed }}</p></div>
      <template v-else-if="stats">
        <div class="stats dash-stats" :aria-busy="loading ? 'true' : 'false'">
          <component :is="c.link ? 'a' : 'div'" v-for="c in cards" :key="c.key" class="stat" :class="{ 'stat-danger': c.danger }"
                     :href="c.link || null" :data-stat="c.key">
            <span class="stat-value">{{ c.value }}</span>
            <span class="stat-label">{{ c.label }}</span>
          </component>
        </div>
        <div class="panel map-panel">
          <div class="panel-head"><h2>企业风险四色图</h2><span class="muted small">当前风险颜色 · 点击圆点查看企业</span></div>
          <RiskMap :region="route.query.region || ''" :industry="route.query.industry || ''" />
        </div>
        <div class="dash-grid">
          <div class="panel">
            <div class="panel-head"><h2>月度趋势</h2><span class="muted small">按发现、销号月份</span></div>
            <Chart :option="trend" label="各月发现和销号的隐患数" />
          </div>
          <div class="panel">
            <div class="panel-head"><h2>整改状态</h2><span class="muted small">本年度发现的隐患</span></div>
            <p v-if="!stats.total.found" class="empty">本年度暂无隐患</p>
            <Chart v-else :option="status" label="已销号、整改中和逾期的隐患数" />
          </div>
          <div class="panel">
            <div class="panel-head"><h2>动态清零</h2><span class="muted small">重大事故隐患</span></div>
            <template v-if="zero">
              <Chart v-if="zeroRate !== null" :option="gauge" :height="200" label="重大事故隐患动态清零进度" />
              <p v-else class="empty">本年度没有需要清零的重大事故隐患</p>
              <dl class="zero">
                <div><dt>存量（往年结转）</dt><dd>{{ zero.carried_in }}</dd></div>
                <div><dt>增量（本年发现）</dt><dd>{{ zero.found }}</dd></div>
                <div><dt>本年销号</dt><dd class="text-ok">{{ zero.closed }}</dd></div>
                <div><dt>尚未销号</dt><dd :class="{ 'text-danger': zero.still_open > 0 }">{{ zero.still_open }}</dd></div>
              </dl>
            </template>
            <p v-else class="muted">暂无数据</p>
          </div>
          <div class="panel">
            <div class="panel-head"><h2>按地区</h2><span class="muted small">点击查看下级地区</span></div>
            <p v-if="!regionRows" class="empty">暂无数据</p>
            <Chart v-else :option="byRegion" :height="barHeight(regionRows)" label="各下级地区发现和销号的隐患数" @pick="pickRegion" />
          </div>
          <div class="panel">
            <div class="panel-head"><h2>按行业</h2><span class="muted small">点击只看该行业</span></div>
            <p v-if="!industryRows" class="empty">暂无数据</p>
            <Chart v-else :option="byIndustry" :height="barHeight(industryRows)" label="各行业发现和销号的隐患数" @pick="pickIndustry" />
          </div>
        </div>
      </template>
    </section>`,
};
