// 企业风险四色图: the enterprises of /stats/risks/map as circle markers in
// their colour (orgs.risk_colour, the colour every other view shows) on a
// plain background — no tiles, no outlines (we ship none), nothing fetched
// from outside; each child region is a label at the centroid of its
// enterprises, so the dots have names to go by. Leaflet
// (/vendor/leaflet.js) is loaded the first time a map is shown; the canvas
// renderer keeps a city's 20,000 markers fast. The legend counts what the
// server sent and what is drawn (data-count, data-drawn: the browser test
// compares them), and filters by colour; a click on a marker opens the
// enterprise's name and a link to its page.

import { api } from '../api.js';
import { href } from '../router.js';
import { session } from '../state.js';
import { RISK_COLOURS } from '../labels.js';

const { ref, shallowRef, reactive, computed, watch, onMounted, onBeforeUnmount } = Vue;

// Most severe first, as the server orders them.
const ORDER = ['red', 'orange', 'yellow', 'blue'];

let leafletLoading = null;

// Leaflet's script and stylesheet, once per page (CSP: 'self' only).
function loadLeaflet() {
  if (typeof L !== 'undefined') return Promise.resolve();
  if (leafletLoading) return leafletLoading;
  leafletLoading = new Promise((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/vendor/leaflet.css';
    document.head.appendChild(css);
    const s = document.createElement('script');
    s.src = '/vendor/leaflet.js';
    s.onload = () => resolve();
    s.onerror = () => { leafletLoading = null; reject(new Error('地图组件加载失败')); };
    document.head.appendChild(s);
  });
  return leafletLoading;
}

// The fill of each colour: the stylesheet's --risk-* (the badges' colours).
function fills() {
  const css = getComputedStyle(document.documentElement);
  return Object.fromEntries(ORDER.map((c) => [c, css.getPropertyValue('--risk-' + c).trim() || c]));
}

// Where an enterprise's page is for this role.
function enterpriseHref(id) {
  switch (session.user.role) {
    case 'admin': case 'office': return href('/orgs/' + id);
    case 'regulator': case 'inspector': return href('/enterprises/' + id);
    case 'enterprise': return href('/own');
    default: return href('/risks', { enterprise: id });
  }
}

export default {
  props: {
    region: { type: String, default: '' },    // a region code, '' the user's scope
    industry: { type: String, default: '' },  // an industry id, '' any
    height: { type: Number, default: 420 },
  },
  setup(props) {
    const el = ref(null);
    const loading = ref(false);
    const failed = ref('');
    const data = shallowRef(null);   // 20,000 rows: no deep proxies
    const shown = reactive({ red: true, orange: true, yellow: true, blue: true });
    const drawn = reactive({ red: 0, orange: 0, yellow: 0, blue: 0 });
    const showLabels = ref(true);
    // Leaflet objects stay outside Vue's reactivity.
    let map = null;
    let groups = null;
    let labels = null;
    let observer = null;
    let seq = 0;

    const counts = computed(() => {
      const n = { red: 0, orange: 0, yellow: 0, blue: 0 };
      for (const e of (data.value && data.value.enterprises) || []) if (e[3] in n) n[e[3]]++;
      return n;
    });
    const total = computed(() => ORDER.reduce((s, c) => s + counts.value[c], 0));

    // Count the markers on the map itself, by colour.
    function recount() {
      const n = { red: 0, orange: 0, yellow: 0, blue: 0 };
      if (map) map.eachLayer((l) => { if (l instanceof L.CircleMarker && l.options.riskColour in n) n[l.options.riskColour]++; });
      Object.assign(drawn, n);
    }

    function popupFor(id, name) {
      const box = document.createElement('div');
      box.className = 'map-popup';
      const strong = document.createElement('strong');
      strong.textContent = name;
      const a = document.createElement('a');
      a.href = enterpriseHref(id);
      a.textContent = '查看企业';
      box.append(strong, document.createElement('br'), a);
      return box;
    }

    function ensureMap() {
      if (map) return;
      map = L.map(el.value, { preferCanvas: true, attributionControl: false, zoomSnap: 0.5, minZoom: 3, maxZoom: 18 });
      groups = Object.fromEntries(ORDER.map((c) => [c, L.layerGroup()]));
      labels = L.layerGroup();
      map.on('zoomend', declutter);
      observer = new ResizeObserver(() => { if (map) map.invalidateSize(); });
      observer.observe(el.value);
    }

    // Take every marker off (a reload, or nothing to show).
    function clear() {
      if (!map) return;
      for (const c of ORDER) { groups[c].clearLayers(); map.removeLayer(groups[c]); }
      labels.clearLayers();
      map.removeLayer(labels);
    }

    // A child region's name and count at the centroid of its enterprises
    // (text nodes only; not clickable, so the markers under it still are).
    function regionLabel([code, name, lat, lon, n]) {
      const box = document.createElement('span');
      box.className = 'map-region-label-text';
      box.textContent = `${name || code} ${n}`;
      const icon = L.divIcon({ html: box, className: 'map-region-label', iconSize: null });
      return L.marker([lat, lon], { icon, interactive: false, keyboard: false, regionCount: n });
    }

    // Labels of regions close together overlap at a small zoom: keep the
    // regions with the most enterprises and hide the labels that would
    // cover one of them, until zooming in makes room (hidden labels keep
    // their place, so the boxes measured are where they would be).
    function declutter() {
      if (!map) return;
      el.value.dataset.zoom = String(map.getZoom());   // for the browser test: the zoom it was done at
      if (!showLabels.value) return;
      const items = [];
      labels.eachLayer((m) => {
        const box = m.getElement() && m.getElement().querySelector('.map-region-label-text');
        if (box) items.push({ n: m.options.regionCount, box, r: box.getBoundingClientRect() });
      });
      items.sort((a, b) => b.n - a.n);
      const kept = [];
      for (const { box, r } of items) {
        const covers = kept.some((k) => r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom);
        box.classList.toggle('map-label-hidden', covers);
        if (!covers) kept.push(r);
      }
    }

    function draw() {
      const d = data.value;
      ensureMap();
      const fill = fills();
      clear();
      for (const [id, lat, lon, colour, name] of d.enterprises) {
        if (!groups[colour]) continue;
        const m = L.circleMarker([lat, lon], {
          radius: 5, weight: 1, color: '#ffffff', fillColor: fill[colour], fillOpacity: 0.9, riskColour: colour,
        });
        m.bindPopup(() => popupFor(id, name));
        groups[colour].addLayer(m);
      }
      // The view first: markers added after it are projected once.
      map.fitBounds(d.bounds, { padding: [16, 16], maxZoom: 13, animate: false });
      // Blue first, red last: on a canvas what comes last is on top.
      for (const c of [...ORDER].reverse()) if (shown[c]) groups[c].addTo(map);
      for (const g of d.regions || []) labels.addLayer(regionLabel(g));
      if (showLabels.value) labels.addTo(map);
      declutter();
      recount();
    }

    async function load() {
      const mine = ++seq;
      loading.value = true;
      failed.value = '';
      try {
        const [d] = await Promise.all([
          api.get('/stats/risks/map', { region: props.region, industry: props.industry }),
          loadLeaflet(),
        ]);
        if (mine !== seq) return;
        data.value = d;
        loading.value = false;
        await Vue.nextTick();   // the map's box is in the page now
        if (d.enterprises.length) draw();
        else clear();
        recount();
      } catch (e) {
        if (mine !== seq) return;
        data.value = null;
        failed.value = e.message;
        clear();
        recount();
      } finally {
        if (mine === seq) loading.value = false;
      }
    }

    function toggle(c) {
      shown[c] = !shown[c];
      if (!map) return;
      if (shown[c]) {
        groups[c].addTo(map);
        // keep the more severe on top
        for (const above of ORDER.slice(0, ORDER.indexOf(c)).reverse()) {
          if (shown[above]) { map.removeLayer(groups[above]); groups[above].addTo(map); }
        }
      } else {
        map.removeLayer(groups[c]);
      }
      recount();
    }

    function toggleLabels() {
      showLabels.value = !showLabels.value;
      if (!map) return;
      if (showLabels.value) {
        labels.addTo(map);
        declutter();
      } else {
        map.removeLayer(labels);
      }
    }

    onMounted(load);
    watch(() => [props.region, props.industry], load);
    onBeforeUnmount(() => {
      seq++;
      if (observer) observer.disconnect();
      if (map) map.remove();
      map = null;
      groups = null;
      labels = null;
    });

    return { el, loading, failed, data, shown, drawn, showLabels, counts, total, toggle, toggleLabels, ORDER, RISK_COLOURS };
  },
  template: `
    <div class="risk-map" :aria-busy="loading ? 'true' : 'false'">
      <div class="map-legend" role="group" aria-label="按风险颜色筛选">
        <button v-for="c in ORDER" :key="c" type="button" class="map-legend-item" :class="{ off: !shown[c] }"
                :data-colour="c" :data-count="counts[c]" :data-drawn="drawn[c]" :aria-pressed="shown[c] ? 'true' : 'false'"
                :title="(shown[c] ? '隐藏' : '显示') + RISK_COLOURS[c] + '色企业'" @click="toggle(c)">
          <span class="map-dot" :class="'risk-' + c"></span>
          <span>{{ RISK_COLOURS[c] }}</span>
          <strong>{{ counts[c] }}</strong>
        </button>
        <button v-if="data && data.regions && data.regions.length" type="button" class="map-labels-toggle"
                :class="{ off: !showLabels }" :aria-pressed="showLabels ? 'true' : 'false'" @click="toggleLabels">地区标注</button>
        <span v-if="data" class="muted small map-note">
          共 {{ total }} 家<template v-if="data.without_coordinates">；另有 <strong class="map-unplaced">{{ data.without_coordinates }}</strong> 家企业未标注坐标，未在图上显示</template>
        </span>
      </div>
      <p v-if="data && data.truncated" class="notice small">企业过多，图上只显示风险最高的 {{ total }} 家。请缩小地区范围。</p>
      <p v-if="loading && !data" class="loading">正在加载…</p>
      <p v-else-if="failed" class="empty">地图加载失败：{{ failed }}</p>
      <p v-else-if="data && !data.enterprises.length" class="empty">暂无带坐标的已评级企业</p>
      <div v-show="data && data.enterprises.length" ref="el" class="map-box" :style="{ height: height + 'px' }"
           role="img" aria-label="企业风险四色分布图" :data-markers="drawn.red + drawn.orange + drawn.yellow + drawn.blue"></div>
    </div>`,
};
