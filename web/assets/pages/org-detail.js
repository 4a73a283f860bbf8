// One org, read only, with the way to its edit form.

import { api } from '../api.js';
import { ORG_KINDS, SCALES, HAZARD_LEVELS, STANDARD_GRADES } from '../labels.js';
import { href } from '../router.js';
import { loadIndustries } from '../state.js';
import { formatTime } from '../forms.js';
import { RiskBadge, StatusBadge } from '../components/badges.js';
import { RegionPath } from '../components/region-picker.js';

const { ref, computed, onMounted } = Vue;

export default {
  components: { RiskBadge, StatusBadge, RegionPath },
  props: {
    base: String,
    id: Number,
    readonly: Boolean,
    editHref: { type: String, default: '' },  // overrides BASE/ID/edit
    listHref: { type: String, default: '' },  // '' = BASE; 'none' = no link
    title: { type: String, default: '' },
  },
  setup(props) {
    const org = ref(null);
    const failed = ref('');
    const industryNames = ref([]);

    async function load() {
      failed.value = '';
      try {
        org.value = await api.get('/orgs/' + props.id);
        if (org.value.kind === 'department' && (org.value.industries || []).length) {
          const all = await loadIndustries().catch(() => []);
          const byId = new Map(all.map((i) => [i.id, i.name]));
          industryNames.value = org.value.industries.map((id) => byId.get(id) || '未知行业');
        }
      } catch (e) {
        failed.value = e.status === 404 ? '单位不存在或不在您的管辖范围内。' : e.message;
      }
    }
    onMounted(load);

    const isEnterprise = computed(() => org.value && org.value.kind === 'enterprise');
    const coords = computed(() => {
      const o = org.value;
      return o && o.lat !== null && o.lat !== undefined && o.lon !== null && o.lon !== undefined ? `经度 ${o.lon}，纬度 ${o.lat}` : '';
    });
    const editLink = computed(() => props.editHref || href(`${props.base}/${props.id}/edit`));
    const backLink = computed(() => (props.listHref === 'none' ? '' : props.listHref || href(props.base)));

    return { org, failed, industryNames, isEnterprise, coords, editLink, backLink, formatTime,
      ORG_KINDS, SCALES, HAZARD_LEVELS, STANDARD_GRADES };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">{{ title || (org ? org.name : '单位详情') }}</h1>
        <div class="page-actions">
          <a v-if="backLink" class="btn" :href="backLink">返回列表</a>
          <a v-if="org && !readonly" class="btn btn-primary" :href="editLink">编辑</a>
        </div>
      </div>
      <div v-if="failed" class="panel empty"><p>{{ failed }}</p></div>
      <p v-else-if="!org" class="loading">正在加载…</p>
      <div v-else class="panel">
        <dl class="details">
          <div><dt>单位名称</dt><dd>{{ org.name }}</dd></div>
          <div><dt>单位类型</dt><dd>{{ ORG_KINDS[org.kind] || '' }}</dd></div>
          <div><dt>所在地区</dt><dd><RegionPath :code="org.region_code" :fallback="org.region_name" /></dd></div>
          <template v-if="isEnterprise">
            <div><dt>统一社会信用代码</dt><dd class="mono">{{ org.credit_code || '—' }}</dd></div>
            <div><dt>行业</dt><dd>{{ org.industry_name || '—' }}</dd></div>
            <div><dt>规模</dt><dd>{{ SCALES[org.scale] || '—' }}</dd></div>
            <div><dt>重大危险源</dt><dd>{{ HAZARD_LEVELS[org.major_hazard_level] || '—' }}</dd></div>
            <div><dt>安全生产标准化</dt><dd>{{ STANDARD_GRADES[org.standard_grade] || '—' }}</dd></div>
            <div><dt>风险等级</dt><dd><RiskBadge :colour="org.risk_colour" /></dd></div>
            <div><dt>经营状态</dt><dd><StatusBadge :status="org.status" /></dd></div>
          </template>
          <div v-if="org.kind === 'department'" class="wide"><dt>监管行业</dt><dd>{{ industryNames.length ? industryNames.join('、') : '—' }}</dd></div>
          <div class="wide"><dt>地址</dt><dd>{{ org.address || '—' }}</dd></div>
          <div><dt>坐标</dt><dd>{{ coords || '—' }}</dd></div>
          <div><dt>安全负责人</dt><dd>{{ org.safety_director || '—' }}</dd></div>
          <div><dt>联系电话</dt><dd>{{ org.phone || '—' }}</dd></div>
          <div><dt>登记时间</dt><dd>{{ formatTime(org.created_at) }}</dd></div>
          <div><dt>更新时间</dt><dd>{{ formatTime(org.updated_at) }}</dd></div>
        </dl>
      </div>
    </section>`,
};
