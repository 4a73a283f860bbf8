// 上报隐患: report a hazard. An enterprise reports its own (no enterprise to
// pick, its own checks as the source); staff search the enterprise. A major
// hazard needs its 判定依据 and the five-point plan (五落实); a general one
// may come with a plan. Photos (整改前) are uploaded once the hazard exists.

import { api } from '../api.js';
import { HAZARD_CATEGORIES, HAZARD_GRADES, HAZARD_SOURCES, ENTERPRISE_SOURCES } from '../labels.js';
import { navigate, href } from '../router.js';
import { session, toast } from '../state.js';
import { showError, todayShanghai, uploadProblem } from '../forms.js';
import Field from '../components/field.js';
import OrgSelect from '../components/org-select.js';
import PlanFields, { blankPlan, planPayload, checkPlan, PLAN_FIELDS } from '../components/plan-fields.js';
import { uploadAttachment } from '../components/attachments.js';
import FilePick from '../components/file-pick.js';

const { ref, reactive, computed, watch } = Vue;

const FIELDS = ['enterprise_id', 'title', 'description', 'location', 'category', 'grade', 'basis', 'source', 'found_at', ...PLAN_FIELDS];

export default {
  components: { Field, OrgSelect, PlanFields, FilePick },
  props: { base: String },
  setup(props) {
    const user = session.user;
    const isEnterprise = user.role === 'enterprise';
    const today = todayShanghai();
    const form = reactive({
      enterprise_id: null, title: '', description: '', location: '', category: '', grade: 'general', basis: '',
      source: isEnterprise ? 'self_check' : 'inspection', found_at: today,
    });
    const withPlan = ref(false);
    const plan = reactive(blankPlan());
    const photos = ref([]);
    const photoError = ref('');
    const errors = reactive({});
    const busy = ref('');

    const major = computed(() => form.grade === 'major');
    const planShown = computed(() => major.value || withPlan.value);
    const sources = Object.entries(HAZARD_SOURCES)
      .filter(([k]) => !isEnterprise || ENTERPRISE_SOURCES.includes(k))
      .map(([key, label]) => ({ key, label }));

    watch(photos, (files) => {
      const bad = files.map((f) => uploadProblem(f, { imagesOnly: true })).filter(Boolean);
      if (files.length) photoError.value = bad.join('；');
      if (bad.length) photos.value = [];
    });

    function check() {
      const e = {};
      if (!isEnterprise && !form.enterprise_id) e.enterprise_id = '请搜索并选择隐患所在企业';
      if (!form.title.trim()) e.title = '请填写隐患名称';
      if (!form.category) e.category = '请选择隐患类别';
      if (!form.found_at) e.found_at = '请选择发现日期';
      else if (form.found_at > today) e.found_at = '发现日期不能晚于今天';
      if (major.value && !form.basis.trim()) e.basis = '重大隐患须填写判定依据';
      if (planShown.value) Object.assign(e, checkPlan(plan, major.value, form.found_at));
      return e;
    }

    async function submit() {
      for (const k of Object.keys(errors)) delete errors[k];
      const bad = check();
      if (Object.keys(bad).length) {
        Object.assign(errors, bad);
        const first = FIELDS.find((f) => bad[f]);
        requestAnimationFrame(() => {
          const el = document.querySelector(`[data-field="${first}"] input, [data-field="${first}"] select, [data-field="${first}"] textarea`);
          if (el) el.focus();
        });
        return;
      }
      const body = {
        title: form.title.trim(), category: form.category, grade: form.grade, source: form.source, found_at: form.found_at,
      };
      if (!isEnterprise) body.enterprise_id = form.enterprise_id;
      if (form.description.trim()) body.description = form.description.trim();
      if (form.location.trim()) body.location = form.location.trim();
      if (major.value) body.basis = form.basis.trim();
      if (planShown.value) body.plan = planPayload(plan);
      busy.value = '正在上报…';
      let h;
      try {
        h = await api.post('/hazards', body);
      } catch (e) {
        busy.value = '';
        showError(e, errors, FIELDS);
        return;
      }
      // The hazard exists now: its photos follow. A failed upload does not
      // undo the report; the hazard's page offers the upload again.
      let failed = 0;
      for (let i = 0; i < photos.value.length; i++) {
        busy.value = `正在上传照片（${i + 1}/${photos.value.length}）…`;
        try {
          await uploadAttachment(h.id, 'before', photos.value[i]);
        } catch (e) {
          failed++;
          toast(e.message + '。可在隐患详情页重新上传。', 'error', 10000);
        }
      }
      busy.value = '';
      toast(`已上报：${h.code}${failed ? `（${failed} 张照片未上传）` : ''}`, failed ? 'error' : 'ok');
      navigate(`${props.base}/${h.id}`);
    }

    return { user, isEnterprise, today, form, withPlan, plan, photos, photoError, errors, busy, major, planShown, sources,
      submit, href, base: props.base, HAZARD_CATEGORIES, HAZARD_GRADES };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">上报隐患</h1>
      </div>
      <form class="panel form" @submit.prevent="submit" novalidate>
        <div class="grid">
          <Field v-if="isEnterprise" label="企业" name="enterprise_id">
            <div class="static">{{ user.org_name || '本单位' }}</div>
          </Field>
          <Field v-else label="企业" name="enterprise_id" for="h-enterprise" :error="errors.enterprise_id" required
                 hint="输入企业名称搜索，从列表中选择">
            <OrgSelect id="h-enterprise" v-model="form.enterprise_id" kind="enterprise" placeholder="输入企业名称搜索" />
          </Field>
          <Field label="隐患名称" name="title" for="h-title" :error="errors.title" required wide>
            <input id="h-title" v-model="form.title" maxlength="120" placeholder="简要说明是什么隐患，例如：储罐区可燃气体报警器失效">
          </Field>
          <Field label="隐患等级" name="grade" :error="errors.grade" required>
            <div class="radios" role="radiogroup" aria-label="隐患等级">
              <label v-for="(label, k) in HAZARD_GRADES" :key="k"><input type="radio" name="h-grade" :value="k" v-model="form.grade"> {{ label }}</label>
            </div>
          </Field>
          <Field label="隐患类别" name="category" for="h-category" :error="errors.category" required>
            <select id="h-category" v-model="form.category">
              <option value="">请选择</option>
              <option v-for="(label, k) in HAZARD_CATEGORIES" :key="k" :value="k">{{ label }}</option>
            </select>
          </Field>
          <Field v-if="major" label="判定依据" name="basis" for="h-basis" :error="errors.basis" required wide
                 hint="判定为重大事故隐患所依据的判定标准条款，例如：《危险化学品企业重大事故隐患判定标准》第X条">
            <input id="h-basis" v-model="form.basis" maxlength="250">
          </Field>
          <Field label="隐患来源" name="source" for="h-source" :error="errors.source" required>
            <select id="h-source" v-model="form.source">
              <option v-for="s in sources" :key="s.key" :value="s.key">{{ s.label }}</option>
            </select>
          </Field>
          <Field label="发现日期" name="found_at" for="h-found" :error="errors.found_at" required>
            <input id="h-found" v-model="form.found_at" type="date" :max="today">
          </Field>
          <Field label="隐患部位" name="location" for="h-location" :error="errors.location">
            <input id="h-location" v-model="form.location" maxlength="250" placeholder="例如：一号储罐区东侧">
          </Field>
          <Field label="隐患描述" name="description" for="h-description" :error="errors.description" wide>
            <textarea id="h-description" v-model="form.description" rows="3" maxlength="1000"></textarea>
          </Field>
        </div>

        <fieldset class="subform">
          <legend>整改方案<template v-if="major">（五落实）</template></legend>
          <p v-if="major" class="notice">重大隐患须同时落实整改责任人、整改措施、整改资金、整改期限和应急预案（五落实），上报后由负有监管职责的部门审核销号。</p>
          <label v-else class="check"><input type="checkbox" v-model="withPlan"> 现在制定整改方案（也可以上报后再制定）</label>
          <PlanFields v-if="planShown" :plan="plan" :errors="errors" :major="major" :min-date="form.found_at" id-prefix="h-plan" />
        </fieldset>

        <fieldset class="subform">
          <legend>照片</legend>
          <div class="field" :class="{ 'has-error': photoError }" data-field="photos">
            <label for="h-photos">隐患照片（整改前）</label>
            <FilePick id="h-photos" v-model="photos" accept="image/jpeg,image/png" multiple button="选择照片" />
            <p v-if="photoError" class="field-error" role="alert">{{ photoError }}</p>
            <p v-else class="field-hint">可选，JPEG 或 PNG，每张不超过 10 MB，上报后自动上传</p>
          </div>
        </fieldset>

        <div class="form-buttons">
          <button type="submit" class="btn btn-primary" :disabled="!!busy">{{ busy || '上报' }}</button>
          <a class="btn" :href="href(base)">取消</a>
        </div>
      </form>
    </section>`,
};
