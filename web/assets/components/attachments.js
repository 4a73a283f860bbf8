// A hazard's attachments: photos before and after rectification (shown as
// thumbnails of the attachment URLs) and report files, with an upload form.

import { api, apiUrl } from '../api.js';
import { ATTACHMENT_KINDS } from '../labels.js';
import { formatTime, formatSize, uploadProblem } from '../forms.js';
import { toast } from '../state.js';
import FilePick from './file-pick.js';

const { ref, computed, watch, onMounted } = Vue;

// Uploads one file as an attachment of kind "before", "after" or "report";
// returns the attachment. Errors come back worded for an upload.
export async function uploadAttachment(hazardId, kind, file) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  try {
    const a = await api.upload(`/hazards/${hazardId}/attachments`, form);
    // The same bytes are stored once per hazard: the server answers with
    // the attachment it already has, of the kind it was first given.
    if (a && a.kind && a.kind !== kind) {
      toast(`“${file.name}”此前已作为${ATTACHMENT_KINDS[a.kind] || ''}附件上传过，未重复保存`, 'error', 8000);
    }
    return a;
  } catch (e) {
    if (e.code === 'too_large') e.message = `“${file.name}”超过 10 MB，未上传`;
    else if (e.code === 'unsupported_media_type' || (e.code === 'invalid' && e.field === 'file')) e.message = `“${file.name}”不是 JPEG、PNG 图片或 PDF 文件，未上传`;
    else e.message = `“${file.name}”上传失败：${e.message}`;
    throw e;
  }
}

export function attachmentUrl(hazardId, a) {
  return apiUrl(`/hazards/${hazardId}/attachments/${a.sha256}`);
}

export default {
  components: { FilePick },
  props: {
    hazardId: { type: Number, required: true },
    canUpload: { type: Boolean, default: false },
    refresh: { type: Number, default: 0 },   // bump to reload the list
  },
  setup(props) {
    const items = ref([]);
    const loading = ref(true);
    const failed = ref('');
    const kind = ref('before');
    const files = ref([]);
    const error = ref('');
    const busy = ref(false);

    async function load() {
      failed.value = '';
      try {
        const data = await api.get(`/hazards/${props.hazardId}/attachments`);
        items.value = data.items || [];
      } catch (e) {
        failed.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);
    watch(() => props.refresh, load);

    const groups = computed(() => Object.keys(ATTACHMENT_KINDS)
      .map((k) => ({ kind: k, label: ATTACHMENT_KINDS[k], items: items.value.filter((a) => a.kind === k) }))
      .filter((g) => g.items.length));

    watch(files, (f) => { error.value = f.length ? uploadProblem(f[0]) : ''; });

    async function upload() {
      const file = files.value[0];
      if (!file) { error.value = '请选择要上传的文件'; return; }
      if ((error.value = uploadProblem(file))) return;
      busy.value = true;
      try {
        await uploadAttachment(props.hazardId, kind.value, file);
        toast(`已上传：${file.name}`, 'ok');
        files.value = [];
        await load();
      } catch (e) {
        error.value = e.message;
      } finally {
        busy.value = false;
      }
    }

    const isImage = (a) => /^image\//.test(a.mime || '');
    const url = (a) => attachmentUrl(props.hazardId, a);

    return { items, loading, failed, groups, kind, files, error, busy, upload, isImage, url,
      formatTime, formatSize, ATTACHMENT_KINDS };
  },
  template: `
    <div class="attachments">
      <p v-if="loading" class="loading">正在加载…</p>
      <p v-else-if="failed" class="muted">附件加载失败：{{ failed }}</p>
      <p v-else-if="!items.length" class="muted">暂无照片或附件</p>
      <div v-for="g in groups" :key="g.kind" class="attach-group">
        <h3>{{ g.label }}</h3>
        <ul class="thumbs">
          <li v-for="a in g.items" :key="a.sha256">
            <a :href="url(a)" target="_blank" rel="noopener" :title="a.name">
              <img v-if="isImage(a)" :src="url(a)" :alt="g.label + '照片：' + a.name" loading="lazy">
              <span v-else class="thumb-file">PDF</span>
            </a>
            <span class="thumb-caption small muted">{{ a.name }}<br>{{ formatSize(a.size) }} · {{ formatTime(a.at) }}</span>
          </li>
        </ul>
      </div>
      <form v-if="canUpload" class="upload" @submit.prevent="upload" novalidate>
        <div class="field">
          <label for="att-kind">附件类型</label>
          <select id="att-kind" v-model="kind">
            <option v-for="(label, k) in ATTACHMENT_KINDS" :key="k" :value="k">{{ label }}{{ k === 'report' ? '' : '照片' }}</option>
          </select>
        </div>
        <div class="field" :class="{ 'has-error': error }" data-field="file">
          <label for="att-file">上传文件</label>
          <FilePick id="att-file" v-model="files" accept="image/jpeg,image/png,application/pdf" />
          <p v-if="error" class="field-error" role="alert">{{ error }}</p>
          <p v-else class="field-hint">JPEG、PNG 图片或 PDF 文件，不超过 10 MB</p>
        </div>
        <div class="field field-button">
          <button type="submit" class="btn" :disabled="busy">{{ busy ? '正在上传…' : '上传' }}</button>
        </div>
      </form>
    </div>`,
};
