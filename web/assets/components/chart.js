// One ECharts chart (the global `echarts` of /vendor/echarts.js). Follows
// its box's size; `option` replaces the whole chart when it changes; a click
// on a data item is emitted as `pick` with ECharts' event parameters.

const { ref, watch, onMounted, onBeforeUnmount } = Vue;

export default {
  props: {
    option: { type: Object, required: true },
    height: { type: Number, default: 280 },
    label: { type: String, default: '' },   // what the chart shows, for screen readers
  },
  emits: ['pick'],
  setup(props, { emit }) {
    const el = ref(null);
    const missing = ref(false);
    let chart = null;
    let observer = null;

    onMounted(() => {
      if (typeof echarts === 'undefined') { missing.value = true; return; }
      chart = echarts.init(el.value, null, { renderer: 'canvas', locale: 'ZH' });
      chart.setOption({ aria: { enabled: true }, ...props.option }, true);
      chart.on('click', (p) => emit('pick', p));
      observer = new ResizeObserver(() => { if (chart) chart.resize(); });
      observer.observe(el.value);
    });
    watch(() => props.option, (o) => { if (chart) chart.setOption({ aria: { enabled: true }, ...o }, true); });
    onBeforeUnmount(() => {
      if (observer) observer.disconnect();
      if (chart) chart.dispose();
      chart = null;
    });

    return { el, missing };
  },
  template: `
    <div class="chart-box">
      <p v-if="missing" class="muted">图表组件加载失败，请刷新重试。</p>
      <div v-else ref="el" class="chart" :style="{ height: height + 'px' }" :aria-label="label || null"></div>
    </div>`,
};
