// One hazard: every field, its plan (五落实), its 挂牌督办, the photos before
// and after, the timeline of its events, and the actions the server allows
// this user now.

import { api } from '../api.js';
import { HAZARD_STATUS, HAZARD_GRADES, HAZARD_CATEGORIES, HAZARD_SOURCES, HAZARD_EVENTS, LISTING_LEVELS } from '../labels.js';
import { href } from '../router.js';
import { session, loadIndustries } from '../state.js';
import { formatTime, formatYuan, deadlineText } from '../forms.js';
import { HazardBadges } from '../components/badges.js';
import { RegionPath } from '../components/region-picker.js';
import Attachments from '../components/attachments.js';
import HazardActions from './hazard-actions.js';

const { ref, computed, onMounted } = Vue;

export default {
  components: { HazardBadges, RegionPath, Attachments, HazardActions },
  props: { base: String, id: Number },
  setup(props) {
    const hazard = ref(null);
    const events = ref([]);
    const eventsFailed = ref('');
    const failed = ref('');
    const industryName = ref('');
    const attachRefresh = ref(0);

    async function loadEvents() {
      eventsFailed.value = '';
      try {
        const data = await api.get(`/hazards/${props.id}/events`);
        events.value = data.items || [];
      } catch (e) {
        eventsFailed.value = e.message;
      }
    }

    async function load() {
      failed.value = '';
      try {
        hazard.value = await api.get('/hazards/' + props.id);
      } catch (e) {
        failed.value = e.status === 404 ? '隐患不存在或不在您的管辖范围内。' : e.message;
        return;
      }
      loadEvents();
      if (hazard.value.industry) {
        loadIndustries().then((all) => {
          const i = all.find((x) => x.id === hazard.value.industry);
          industryName.value = i ? i.name : '';
        }).catch(() => {});
      }
    }
    onMounted(load);

    // After a transition: the hazard as the server returned it, then the
    // timeline and the photos (a submit may have brought some).
    function done(h) {
      hazard.value = h;
      loadEvents();
      attachRefresh.value++;
    }

    function reload() {
      load();
      attachRefresh.value++;
    }

    const canUpload = computed(() => session.user.role !== 'leader' && hazard.value && hazard.value.status !== 'void');
    const actionCount = computed(() => (hazard.value && hazard.value.allowed ? hazard.value.allowed.length : 0));
    function toActions() {
      const el = document.querySelector('.panel-actions');
      if (el) el.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }

    // Newest first reads best on a phone; the API lists oldest first.
    const timeline = computed(() => [...events.value].reverse());
    // Who did it, as people read it: the user's name and org; the login
    // stays in the tooltip. Commands run on the server have no user.
    const actorLabel = (ev) => {
      if (!ev.actor_id) return '系统（命令行）';
      const who = ev.actor_name || ev.actor || '—';
      return ev.actor_org ? `${who}（${ev.actor_org}）` : who;
    };

    return { hazard, events, timeline, actorLabel, eventsFailed, failed, industryName, attachRefresh, canUpload, actionCount, toActions, done, reload, href,
      formatTime, formatYuan, deadlineText, base: props.base,
      HAZARD_STATUS, HAZARD_GRADES, HAZARD_CATEGORIES, HAZARD_SOURCES, HAZARD_EVENTS, LISTING_LEVELS };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">{{ hazard ? hazard.title : '隐患详情' }}</h1>
        <div class="page-actions">
          <a class="btn" :href="href(base)">返回列表</a>
        </div>
      </div>
      <div v-if="failed" class="panel empty"><p>{{ failed }}</p></div>
      <p v-else-if="!hazard" class="loading">正在加载…</p>
      <template v-else>
        <div class="hazard-head">
          <span class="mono muted">{{ hazard.code }}</span>
          <HazardBadges :hazard="hazard" />
          <button v-if="actionCount" type="button" class="btn btn-small btn-primary to-actions" @click="toActions">去办理</button>
        </div>

        <div class="panel">
          <div class="panel-head"><h2>基本信息</h2></div>
          <dl class="details">
            <div><dt>隐患编号</dt><dd class="mono">{{ hazard.code }}</dd></div>
            <div><dt>企业</dt><dd>{{ hazard.enterprise_name || '—' }}</dd></div>
            <div><dt>所在地区</dt><dd><RegionPath :code="hazard.region_code" /></dd></div>
            <div><dt>行业</dt><dd>{{ industryName || '—' }}</dd></div>
            <div><dt>隐患等级</dt><dd :class="{ 'text-danger': hazard.grade === 'major' }">{{ HAZARD_GRADES[hazard.grade] || '—' }}</dd></div>
            <div><dt>隐患类别</dt><dd>{{ HAZARD_CATEGORIES[hazard.category] || '—' }}</dd></div>
            <div><dt>隐患来源</dt><dd>{{ HAZARD_SOURCES[hazard.source] || '—' }}</dd></div>
            <div><dt>发现日期</dt><dd>{{ hazard.found_at }}</dd></div>
            <div><dt>隐患部位</dt><dd>{{ hazard.location || '—' }}</dd></div>
            <div><dt>状态</dt><dd>{{ HAZARD_STATUS[hazard.status] || '—' }}</dd></div>
            <div>
              <dt>整改期限</dt>
              <dd :class="{ 'text-danger': hazard.overdue }">
                {{ deadlineText(hazard) }}<template v-if="hazard.overdue">（已逾期）</template>
              </dd>
            </div>
            <div v-if="hazard.original_deadline && hazard.original_deadline !== hazard.deadline">
              <dt>原定期限</dt><dd>{{ hazard.original_deadline }}（延期 {{ hazard.extensions }} 次）</dd>
            </div>
            <div v-if="hazard.rejections"><dt>验收退回</dt><dd>{{ hazard.rejections }} 次</dd></div>
            <div v-if="hazard.closed_on">
              <dt>销号日期</dt>
              <dd>{{ hazard.closed_on }}<template v-if="hazard.closed_on_time === true">（按期）</template><span v-else-if="hazard.closed_on_time === false" class="text-danger">（超期）</span></dd>
            </div>
            <div><dt>上报时间</dt><dd>{{ formatTime(hazard.created_at) }}</dd></div>
            <div><dt>更新时间</dt><dd>{{ formatTime(hazard.updated_at) }}</dd></div>
            <div v-if="hazard.grade === 'major' || hazard.basis" class="wide"><dt>判定依据</dt><dd>{{ hazard.basis || '—' }}</dd></div>
            <div class="wide"><dt>隐患描述</dt><dd class="pre">{{ hazard.description || '—' }}</dd></div>
            <div v-if="hazard.evidence" class="wide"><dt>整改情况</dt><dd class="pre">{{ hazard.evidence }}</dd></div>
          </dl>
        </div>

        <div class="panel">
          <div class="panel-head"><h2>整改方案<template v-if="hazard.grade === 'major'">（五落实）</template></h2></div>
          <p v-if="!hazard.plan" class="muted">尚未制定整改方案。</p>
          <dl v-else class="details">
            <div><dt>整改责任人</dt><dd>{{ hazard.plan.responsible || '—' }}</dd></div>
            <div><dt>整改期限</dt><dd>{{ hazard.plan.deadline || '—' }}</dd></div>
            <div><dt>整改资金</dt><dd>{{ formatYuan(hazard.plan.funds) }}</dd></div>
            <div class="wide"><dt>整改措施</dt><dd class="pre">{{ hazard.plan.measures || '—' }}</dd></div>
            <div class="wide"><dt>应急预案</dt><dd class="pre">{{ hazard.plan.contingency || '—' }}</dd></div>
          </dl>
        </div>

        <div v-if="hazard.listing" class="panel">
          <div class="panel-head"><h2>挂牌督办</h2></div>
          <dl class="details">
            <div><dt>督办级别</dt><dd>{{ LISTING_LEVELS[hazard.listing.level] || '—' }}挂牌督办</dd></div>
            <div><dt>督办状态</dt><dd>{{ hazard.listing.active ? '督办中' : '已摘牌' }}</dd></div>
            <div><dt>挂牌日期</dt><dd>{{ hazard.listing.listed_on || '—' }}</dd></div>
            <div><dt>督办期限</dt><dd>{{ hazard.listing.deadline || '—' }}</dd></div>
            <div v-if="hazard.listing.delisted_on"><dt>摘牌日期</dt><dd>{{ hazard.listing.delisted_on }}</dd></div>
          </dl>
        </div>

        <div class="panel">
          <div class="panel-head"><h2>照片和附件</h2></div>
          <Attachments :hazard-id="hazard.id" :can-upload="canUpload" :refresh="attachRefresh" />
        </div>

        <div class="panel panel-actions">
          <div class="panel-head"><h2>办理</h2></div>
          <HazardActions :hazard="hazard" @done="done" @reload="reload" />
        </div>

        <div class="panel">
          <div class="panel-head"><h2>办理记录</h2></div>
          <p v-if="eventsFailed" class="muted">办理记录加载失败：{{ eventsFailed }}</p>
          <p v-else-if="!events.length" class="muted">暂无记录</p>
          <ol v-else class="timeline">
            <li v-for="ev in timeline" :key="ev.id" :class="'tl-' + ev.event">
              <div class="tl-head">
                <strong>{{ HAZARD_EVENTS[ev.event] || ev.event }}</strong>
                <span v-if="ev.event === 'import'" class="muted small">导入时状态：{{ HAZARD_STATUS[ev.to] }}</span>
                <span v-else-if="ev.event !== 'report' && ev.from !== ev.to" class="muted small">{{ HAZARD_STATUS[ev.from] }} → {{ HAZARD_STATUS[ev.to] }}</span>
              </div>
              <div class="tl-meta small muted">{{ formatTime(ev.at) }} · <span :title="ev.actor">{{ actorLabel(ev) }}</span></div>
              <p v-if="ev.deadline" class="tl-line">{{ ev.event === 'extend' ? '延期至' : ev.event === 'list' ? '督办期限' : '整改期限' }}：{{ ev.deadline }}</p>
              <p v-if="ev.evidence" class="tl-line pre">整改情况：{{ ev.evidence }}</p>
              <p v-if="ev.reason" class="tl-line pre">原因：{{ ev.reason }}</p>
              <p v-if="ev.comment" class="tl-line pre">意见：{{ ev.comment }}</p>
            </li>
          </ol>
        </div>
      </template>
    </section>`,
};
