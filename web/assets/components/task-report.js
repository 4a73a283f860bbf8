// 填报进度 of one task (plan page, tasks of the user's own org): its percent
// and status, the form for this month's report (text + percent, one report
// per task and month; with the actual values reached for the numeric
// targets of the task's node, when it has some: `targets`, in the node's
// order), optional files (JPEG, PNG or PDF, as hazards take them) uploaded
// to the report once it is filed, and the reports so far, newest first,
// each with its files as download links. Emits `updated` with the task as
// the server has it after a report.

import { api, apiUrl } from '../api.js';
import { TASK_STATUS, monthLabel } from '../labels.js';
import { formatTime, formatSize, todayShanghai, uploadProblem } from '../forms.js';
import FilePick from './file-pick.js';

const { ref, reactive, computed, onMounted } = Vue;

const TEXT_MAX = 3000;   // bytes of UTF-8, as the server counts
const FILES_MAX = 8;     // files on one report, as the server counts

// Uploads one file to progress report reportId; errors come back worded for an upload.
async function uploadReportFile(reportId, file) {
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    return await api.upload(`/task-reports/${reportId}/attachments`, form);
  } catch (e) {
    if (e.code === 'too_large') e.message = `“${file.name}”超过 10 MB，未上传`;
    else if (e.code === 'unsupported_media_type' || (e.code === 'invalid' && e.field === 'file')) e.message = `“${file.name}”不是 JPEG、PNG 图片或 PDF 文件，未上传`;
    else e.message = `“${file.name}”上传失败：${e.message}`;
    throw e;
  }
}

export const reportFileUrl = (reportId, a) => apiUrl(`/task-reports/${reportId}/attachments/${a.sha256}`);

export const thisMonth = () => todayShanghai().slice(0, 7);

export default {
  components: { FilePick },
  props: { task: { type: Object, required: true }, canReport: Boolean, targets: { type: Array, default: () => [] } },
  emits: ['updated'],
  setup(props, { emit }) {
    const reports = ref(null);
    const total = ref(0);
    const failed = ref('');
    const form = reactive({ text: '', percent: props.task.percent || 0, actuals: {}, files: [] });
    // The numeric targets, by their index in the node's list (what the server keys actual values on).
    const numericTargets = computed(() => (props.targets || []).map((t, i) => ({ ...t, index: i }))
      .filter((t) => typeof t.value === 'number').slice(0, 16));
    const targetLabel = (i) => {
      const t = (props.targets || [])[i];
      return t ? `${t.text || '目标'}（目标值 ${t.value}${t.unit || ''}）` : `目标 ${i + 1}`;
    };
    const errors = reactive({});
    const saving = ref(false);
    const fileWarning = ref('');   // files that failed after the report was filed
    const period = thisMonth();
    const uid = `tr-${props.task.id}`;

    async function load() {
      failed.value = '';
      try {
        const page = await api.get(`/tasks/${props.task.id}/reports`, { limit: 50 });
        reports.value = page.items || [];
        total.value = page.total != null ? page.total : reports.value.length;
      } catch (e) {
        failed.value = e.message;
        reports.value = [];
      }
    }
    onMounted(load);

    const reportedNow = computed(() => (reports.value || []).some((r) => r.period === period));
    const bytes = computed(() => new TextEncoder().encode(form.text).length);

    function check() {
      for (const k of Object.keys(errors)) delete errors[k];
      if (!form.text.trim()) errors.text = '请填写本月进展情况';
      else if (bytes.value > TEXT_MAX) errors.text = `进展情况过长（${bytes.value} 字节，最多 ${TEXT_MAX} 字节，约 1000 个汉字）`;
      const p = Number(form.percent);
      if (form.percent === '' || !Number.isInteger(p) || p < 0 || p > 100) errors.percent = '完成进度应为 0 到 100 之间的整数';
      for (const t of numericTargets.value) {
        const v = form.actuals[t.index];
        if (v !== undefined && v !== '' && !Number.isFinite(Number(v))) errors.actuals = '实际值应为数字';
      }
      if (form.files.length > FILES_MAX) errors.files = `每次报送最多附 ${FILES_MAX} 个文件`;
      else for (const f of form.files) if (!errors.files && uploadProblem(f)) errors.files = uploadProblem(f);
      return !Object.keys(errors).length;
    }

    async function submit() {
      if (!check()) return;
      saving.value = true;
      try {
        const actuals = numericTargets.value.filter((t) => form.actuals[t.index] !== undefined && form.actuals[t.index] !== '')
          .map((t) => ({ target: t.index, value: Number(form.actuals[t.index]) }));
        const rep = await api.post(`/tasks/${props.task.id}/reports`, { period, text: form.text.trim(), percent: Number(form.percent), ...(actuals.length ? { actuals } : {}) });
        const files = form.files;
        form.text = '';
        form.actuals = {};
        form.files = [];
        // The report is in; a file that fails is said so, the others still go.
        const failedFiles = [];
        for (const f of files) {
          try { await uploadReportFile(rep.id, f); } catch (e) { failedFiles.push(e.message); }
        }
        fileWarning.value = failedFiles.length ? `进度已报送，但附件未全部上传：${failedFiles.join('；')}` : '';
        await load();
        try {
          emit('updated', await api.get(`/tasks/${props.task.id}`));
        } catch (e) { /* the list still shows the old figures until reloaded */ }
      } catch (e) {
        if (e.code === 'conflict') {
          errors.form = '该任务本月已报送进度，同一月份只能报送一次。';
          await load();
        } else if (e.status === 403) {
          errors.form = '只有本任务责任单位的用户可以填报进度。';
        } else if (e.field === 'text' || e.field === 'percent') {
          errors[e.field] = e.message;
        } else if (e.field && e.field.startsWith('actuals')) {
          errors.actuals = '实际值填写不正确';
        } else {
          errors.form = e.message;
        }
      } finally {
        saving.value = false;
      }
    }

    return { reports, total, failed, form, errors, saving, fileWarning, period, uid, reportedNow, bytes, submit, numericTargets, targetLabel,
      formatTime, formatSize, monthLabel, reportFileUrl, TASK_STATUS, TEXT_MAX, FILES_MAX };
  },
  template: `
    <div class="task-report">
      <p class="task-progress">
        <progress class="progress" max="100" :value="task.percent || 0" :aria-label="'完成进度 ' + (task.percent || 0) + '%'"></progress>
        <span class="progress-figure">完成 {{ task.percent || 0 }}%</span>
        <span class="badge" :class="'task-' + task.status">{{ TASK_STATUS[task.status] || task.status }}</span>
      </p>
      <template v-if="canReport && reports">
        <p v-if="reportedNow" class="report-done">{{ monthLabel(period) }}进度已报送。</p>
        <form v-else class="report-form" novalidate @submit.prevent="submit">
          <h4>填报{{ monthLabel(period) }}进度</h4>
          <div class="field required" :class="{ 'has-error': errors.text }" data-field="text">
            <label :for="uid + '-text'">进展情况</label>
            <textarea :id="uid + '-text'" v-model="form.text" rows="3" placeholder="本月工作开展情况、存在问题和下步打算"></textarea>
            <p v-if="errors.text" class="field-error">{{ errors.text }}</p>
            <p v-else class="field-hint">{{ bytes }} / {{ TEXT_MAX }} 字节</p>
          </div>
          <div class="field required report-percent" :class="{ 'has-error': errors.percent }" data-field="percent">
            <label :for="uid + '-percent'">完成进度（%）</label>
            <input :id="uid + '-percent'" v-model="form.percent" type="number" min="0" max="100" step="1" inputmode="numeric">
            <p v-if="errors.percent" class="field-error">{{ errors.percent }}</p>
            <p v-else class="field-hint">填 100 表示任务已完成</p>
          </div>
          <fieldset v-if="numericTargets.length" class="report-actuals" data-field="actuals">
            <legend>目标实际值（选填）</legend>
            <div v-for="t in numericTargets" :key="t.index" class="field">
              <label :for="uid + '-actual-' + t.index">{{ targetLabel(t.index) }}</label>
              <input :id="uid + '-actual-' + t.index" v-model="form.actuals[t.index]" type="number" step="any" inputmode="decimal">
            </div>
            <p v-if="errors.actuals" class="field-error">{{ errors.actuals }}</p>
          </fieldset>
          <div class="field report-files" :class="{ 'has-error': errors.files }" data-field="files">
            <label :for="uid + '-files'">附件（选填）</label>
            <FilePick :id="uid + '-files'" v-model="form.files" multiple accept="image/jpeg,image/png,application/pdf" />
            <p v-if="errors.files" class="field-error" role="alert">{{ errors.files }}</p>
            <p v-else class="field-hint">现场照片或佐证材料：JPEG、PNG 图片或 PDF 文件，每个不超过 10 MB，最多 {{ FILES_MAX }} 个</p>
          </div>
          <p v-if="errors.form" class="form-error" role="alert">{{ errors.form }}</p>
          <div class="action-buttons">
            <button type="submit" class="btn btn-primary" :disabled="saving">{{ saving ? '正在提交…' : '提交进度' }}</button>
          </div>
        </form>
        <p v-if="fileWarning" class="form-error" role="alert">{{ fileWarning }}</p>
      </template>
      <h4 class="report-history-head">报送记录<template v-if="reports">（{{ total }}）</template></h4>
      <p v-if="!reports" class="loading">正在加载…</p>
      <p v-else-if="failed" class="muted">报送记录加载失败：{{ failed }}</p>
      <p v-else-if="!reports.length" class="muted small">尚无报送记录</p>
      <ul v-else class="timeline report-history">
        <li v-for="r in reports" :key="r.id" :class="{ 'report-late': r.late }">
          <div class="report-line">
            <strong>{{ monthLabel(r.period) }}</strong>
            <span>完成 {{ r.percent }}%</span>
            <span v-if="r.late" class="badge badge-late">逾期报送</span>
            <span class="muted small">{{ r.reporter || '' }} {{ formatTime(r.submitted_at) }}<template v-if="r.due">（截止 {{ r.due }}）</template></span>
          </div>
          <p class="report-text">{{ r.text }}</p>
          <p v-for="a in (r.actuals || [])" :key="a.target" class="report-actual muted small">{{ targetLabel(a.target) }}：实际 {{ a.value }}</p>
          <p v-for="a in (r.attachments || [])" :key="a.sha256" class="report-file small">
            <a :href="reportFileUrl(r.id, a)" target="_blank" rel="noopener" download>附件：{{ a.name }}</a>
            <span class="muted">（{{ formatSize(a.size) }}）</span>
          </p>
        </li>
      </ul>
    </div>`,
};
