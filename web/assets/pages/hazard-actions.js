// The actions on one hazard: a button for each event the server lists in
// `allowed` (and no other), each opening its own small form with exactly the
// fields that event takes. Every transition sends the version it was shown.

import { api } from '../api.js';
import { HAZARD_EVENTS, LISTING_LEVELS } from '../labels.js';
import { session, toast } from '../state.js';
import { showError, todayShanghai, uploadProblem } from '../forms.js';
import Field from '../components/field.js';
import PlanFields, { blankPlan, planPayload, checkPlan, PLAN_FIELDS } from '../components/plan-fields.js';
import { uploadAttachment } from '../components/attachments.js';
import FilePick from '../components/file-pick.js';

const { ref, reactive, computed, watch } = Vue;

// Display order of the buttons; 作废 last, away from the everyday ones.
const ORDER = ['plan', 'fix_now', 'submit', 'accept', 'reject', 'extend', 'list', 'delist', 'void'];

// The fields each event's form sends, as the API names them.
const EVENT_FIELDS = {
  plan: PLAN_FIELDS,
  fix_now: ['evidence'],
  submit: ['evidence'],
  accept: ['comment'],
  reject: ['reason'],
  extend: ['deadline', 'reason'],
  void: ['reason'],
  list: ['level', 'listing_deadline'],
  delist: [],
};

const HINTS = {
  plan: '制定整改方案后，隐患进入“整改中”。',
  fix_now: '立查立改：现场已整改完毕的隐患，说明整改情况后直接销号。',
  submit: '整改完成后提交验收。请说明整改情况，可同时上传整改后照片。',
  accept: '确认隐患已整改到位，验收通过后销号。',
  reject: '整改不到位的，说明原因后退回继续整改。',
  extend: '确因客观原因不能按期完成整改的，可以延期。',
  void: '作废仅用于错报、重复上报等情形。作废的隐患保留记录，不能恢复。',
  list: '对重大事故隐患实行挂牌督办。',
  delist: '隐患已验收销号，解除挂牌督办。',
};

function blankForm() {
  return { evidence: '', comment: '', reason: '', deadline: '', level: '', listing_deadline: '' };
}

export default {
  components: { Field, PlanFields, FilePick },
  props: { hazard: { type: Object, required: true } },
  emits: ['done', 'reload'],
  setup(props, { emit }) {
    const open = ref('');
    const form = reactive(blankForm());
    const plan = reactive(blankPlan());
    const photos = ref([]);
    const photoError = ref('');
    const errors = reactive({});
    const busy = ref('');

    const events = computed(() => ORDER.filter((e) => (props.hazard.allowed || []).includes(e)));
    // A form whose event is no longer allowed (the hazard moved on) closes.
    watch(events, (list) => { if (open.value && !list.includes(open.value)) open.value = ''; });

    function clearErrors() { for (const k of Object.keys(errors)) delete errors[k]; }

    function start(ev) {
      clearErrors();
      if (open.value === ev) { open.value = ''; return; }
      Object.assign(form, blankForm());
      Object.assign(plan, blankPlan());
      const p = props.hazard.plan;
      if (ev === 'plan' && p) {
        Object.assign(plan, { responsible: p.responsible || '', measures: p.measures || '', deadline: p.deadline || '',
          contingency: p.contingency || '', funds: p.funds === null || p.funds === undefined ? '' : String(p.funds) });
      }
      photos.value = [];
      photoError.value = '';
      open.value = ev;
      requestAnimationFrame(() => {
        const el = document.querySelector('.action-form input, .action-form select, .action-form textarea');
        if (el) el.focus();
      });
    }

    watch(photos, (files) => {
      const bad = files.map((f) => uploadProblem(f, { imagesOnly: true })).filter(Boolean);
      if (files.length) photoError.value = bad.join('；');
      if (bad.length) photos.value = [];
    });

    function check(ev) {
      const h = props.hazard;
      const e = {};
      if (ev === 'plan') Object.assign(e, checkPlan(plan, h.grade === 'major', h.found_at));
      if ((ev === 'fix_now' || ev === 'submit') && !form.evidence.trim()) e.evidence = '请说明整改情况';
      if (['reject', 'extend', 'void'].includes(ev) && !form.reason.trim()) {
        e.reason = { reject: '请填写退回原因', extend: '请填写延期原因', void: '请填写作废原因' }[ev];
      }
      if (ev === 'extend') {
        if (!form.deadline) e.deadline = '请选择新的整改期限';
        else if (h.deadline && form.deadline <= h.deadline) e.deadline = `新的整改期限须晚于当前期限 ${h.deadline}`;
      }
      if (ev === 'list' && !form.level) e.level = '请选择督办级别';
      return e;
    }

    function body(ev) {
      const b = { event: ev, version: props.hazard.version };
      if (ev === 'plan') b.plan = planPayload(plan);
      if (ev === 'fix_now' || ev === 'submit') b.evidence = form.evidence.trim();
      if (ev === 'accept' && form.comment.trim()) b.comment = form.comment.trim();
      if (['reject', 'extend', 'void'].includes(ev)) b.reason = form.reason.trim();
      if (ev === 'extend') b.deadline = form.deadline;
      if (ev === 'list') {
        b.level = form.level;
        if (form.listing_deadline) b.listing_deadline = form.listing_deadline;
      }
      return b;
    }

    async function send() {
      const ev = open.value;
      clearErrors();
      const bad = check(ev);
      if (Object.keys(bad).length) { Object.assign(errors, bad); return; }
      const label = HAZARD_EVENTS[ev];
      // Photos of the rectification go first: a transition without its
      // evidence would be worse than photos without a transition.
      for (let i = 0; i < photos.value.length; i++) {
        busy.value = `正在上传照片（${i + 1}/${photos.value.length}）…`;
        try {
          await uploadAttachment(props.hazard.id, 'after', photos.value[i]);
        } catch (e) {
          photoError.value = e.message;
          busy.value = '';
          return;
        }
      }
      photos.value = [];
      busy.value = '正在提交…';
      try {
        const h = await api.post(`/hazards/${props.hazard.id}/transitions`, body(ev));
        open.value = '';
        toast(`已${label}`, 'ok');
        emit('done', h);
      } catch (e) {
        if (e.code === 'stale_version') {
          toast('该隐患刚被他人修改，已为您重新加载最新内容，请确认后重新操作。', 'error', 10000);
          emit('reload');
        } else if (e.code === 'conflict' && (!e.field || e.field === 'event')) {
          toast(e.message, 'error', 8000);
          emit('reload');
        } else {
          showError(e, errors, EVENT_FIELDS[ev]);
        }
      } finally {
        busy.value = '';
      }
    }

    // Why there is nothing to do, when there is nothing to do.
    const idle = computed(() => {
      const h = props.hazard;
      if (events.value.length) return '';
      if (session.user.role === 'leader') return '您的角色为只读，可以查看隐患但不能办理。';
      if (h.status === 'closed') return '该隐患已验收销号。';
      if (h.status === 'void') return '该隐患已作废。';
      if (h.status === 'pending_acceptance' && h.grade === 'major' && session.user.role === 'enterprise') {
        return '重大事故隐患须由负有监管职责的部门审核验收销号，请等待验收。';
      }
      if (h.status === 'pending_acceptance') return '该隐患正在等待验收。';
      return '当前没有您可以办理的操作。';
    });

    const major = computed(() => props.hazard.grade === 'major');

    return { open, form, plan, photos, photoError, errors, busy, events, idle, major, start, send,
      today: todayShanghai(), HAZARD_EVENTS, LISTING_LEVELS, HINTS };
  },
  template: `
    <div class="actions">
      <p v-if="idle" class="muted">{{ idle }}</p>
      <div v-else class="action-buttons">
        <button v-for="ev in events" :key="ev" type="button" class="btn"
                :class="{ 'btn-primary': open === ev, 'btn-danger-quiet': ev === 'void' }"
                :aria-expanded="open === ev ? 'true' : 'false'" @click="start(ev)">{{ HAZARD_EVENTS[ev] }}</button>
      </div>
      <form v-if="open" class="action-form" @submit.prevent="send" novalidate :aria-label="HAZARD_EVENTS[open]">
        <h3>{{ HAZARD_EVENTS[open] }}</h3>
        <p class="muted small">{{ HINTS[open] }}</p>

        <PlanFields v-if="open === 'plan'" :plan="plan" :errors="errors" :major="major" :min-date="hazard.found_at" id-prefix="act-plan" />

        <template v-if="open === 'fix_now' || open === 'submit'">
          <Field label="整改情况" name="evidence" for="act-evidence" :error="errors.evidence" required wide>
            <textarea id="act-evidence" v-model="form.evidence" rows="3" maxlength="1000" placeholder="采取了哪些措施、整改结果如何"></textarea>
          </Field>
          <div class="field" :class="{ 'has-error': photoError }" data-field="photos">
            <label for="act-photos">整改后照片</label>
            <FilePick id="act-photos" v-model="photos" accept="image/jpeg,image/png" multiple button="选择照片" />
            <p v-if="photoError" class="field-error" role="alert">{{ photoError }}</p>
            <p v-else class="field-hint">可选，JPEG 或 PNG，每张不超过 10 MB</p>
          </div>
        </template>

        <Field v-if="open === 'accept'" label="验收意见" name="comment" for="act-comment" :error="errors.comment" wide>
          <textarea id="act-comment" v-model="form.comment" rows="2" maxlength="250" placeholder="可选"></textarea>
        </Field>

        <Field v-if="open === 'extend'" label="新的整改期限" name="deadline" for="act-deadline" :error="errors.deadline" required
               :hint="hazard.deadline ? '当前期限 ' + hazard.deadline : ''">
          <input id="act-deadline" v-model="form.deadline" type="date" :min="hazard.deadline || today">
        </Field>

        <Field v-if="open === 'reject' || open === 'extend' || open === 'void'" name="reason" for="act-reason" :error="errors.reason" required wide
               :label="{ reject: '退回原因', extend: '延期原因', void: '作废原因' }[open]">
          <textarea id="act-reason" v-model="form.reason" rows="2" maxlength="250"></textarea>
        </Field>

        <div v-if="open === 'list'" class="grid">
          <Field label="督办级别" name="level" for="act-level" :error="errors.level" required>
            <select id="act-level" v-model="form.level">
              <option value="">请选择</option>
              <option v-for="(label, k) in LISTING_LEVELS" :key="k" :value="k">{{ label }}挂牌督办</option>
            </select>
          </Field>
          <Field label="督办期限" name="listing_deadline" for="act-listing-deadline" :error="errors.listing_deadline"
                 hint="不填则与整改期限相同">
            <input id="act-listing-deadline" v-model="form.listing_deadline" type="date" :min="today">
          </Field>
        </div>

        <div class="form-buttons">
          <button type="submit" class="btn" :class="open === 'void' ? 'btn-danger' : 'btn-primary'" :disabled="!!busy">
            {{ busy || '确认' + HAZARD_EVENTS[open] }}
          </button>
          <button type="button" class="btn" @click="open = ''">取消</button>
        </div>
      </form>
    </div>`,
};
