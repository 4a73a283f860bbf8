// One org, read only, with the way to its edit form.

import { api } from '../api.js';
import { ORG_KINDS, SCALES, HAZARD_LEVELS, STANDARD_GRADES, INSPECTION_TYPES } from '../labels.js';
import { href } from '../router.js';
import { loadIndustries, session } from '../state.js';
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
    const inspections = ref(null);   // the enterprise's inspections, newest first

    async function load() {
      failed.value = '';
      try {
        org.value = await api.get('/orgs/' + props.id);
        if (org.value.kind === 'department' && (org.value.industries || []).length) {
          const all = await loadIndustries().catch(() => []);
          const byId = new Map(all.map((i) => [i.id, i.name]));
          industryNames.value = org.value.industries.map((id) => byId.get(id) || '未知行业');
        }
        if (org.value.kind === 'enterprise') {
          api.get('/inspections', { enterprise: props.id, limit: 20 })
            .then((page) => { inspections.value = page; })
            .catch(() => { inspections.value = { items: [], total: 0, failed: true }; });
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

    // Inspection records have a page for the roles that have 监督检查.
    const inspectionLinks = session.user && session.user.role !== 'enterprise';

    return { org, failed, industryNames, isEnterprise, coords, editLink, backLink, formatTime, inspections, inspectionLinks,
      ORG_KINDS, SCALES, HAZARD_LEVELS, STANDARD_GRADES, INSPECTION_TYPES };
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
            <div><dt>上次监督检查</dt><dd class="last-inspected">{{ org.last_inspected_on || '从未检查' }}</dd></div>
            <div><dt>下次应检查日期</dt><dd class="next-inspection">{{ org.next_inspection_due ? org.next_inspection_due + ' 前' : '按随机抽查安排' }}</dd></div>
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
      <div v-if="org && isEnterprise" class="panel" aria-label="监督检查记录">
        <div class="panel-head"><h2>监督检查记录</h2></div>
        <p v-if="!inspections" class="loading">正在加载…</p>
        <p v-else-if="inspections.failed" class="empty">检查记录加载失败</p>
        <p v-else-if="!inspections.items.length" class="empty">暂无检查记录</p>
        <div v-else class="table-wrap">
          <table class="table cards" aria-label="本企业的检查记录">
            <thead><tr><th>编号</th><th>检查日期</th><th>检查类型</th><th>检查单位</th><th>检查情况</th></tr></thead>
            <tbody>
              <tr v-for="x in inspections.items" :key="x.id">
                <td data-label="编号" class="mono"><a v-if="inspectionLinks" :href="'#/inspections/' + x.id">{{ x.code }}</a><template v-else>{{ x.code }}</template></td>
                <td data-label="检查日期">{{ x.date }}</td>
                <td data-label="检查类型">{{ INSPECTION_TYPES[x.type] || x.type }}</td>
                <td data-label="检查单位">{{ x.org_name }}</td>
                <td data-label="检查情况" class="pre">{{ x.summary }}</td>
              </tr>
            </tbody>
          </table>
          <p v-if="inspections.total > inspections.items.length" class="muted">共 {{ inspections.total }} 次，显示最近 {{ inspections.items.length }} 次。
            <a v-if="inspectionLinks" :href="'#/inspections?tab=records&enterprise=' + org.id">查看全部</a></p>
        </div>
      </div>
    </section>`,
};
