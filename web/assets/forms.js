// Form helpers shared by the create/edit pages.

import { toast } from './state.js';

// Puts an ApiError next to its field when the form shows that field,
// otherwise raises it as a toast. Returns true when it landed on a field.
export function showError(err, errors, fields) {
  for (const k of Object.keys(errors)) delete errors[k];
  if (err.code === 'stale_version') {
    toast('该记录已被他人修改，您的修改未保存。请重新加载最新内容后再修改。', 'error', 10000);
    return false;
  }
  if (err.field && fields.includes(err.field)) {
    errors[err.field] = err.message;
    requestAnimationFrame(() => {
      const el = document.querySelector(`[data-field="${err.field}"] input, [data-field="${err.field}"] select, [data-field="${err.field}"] textarea`);
      if (el) el.focus();
    });
    return true;
  }
  toast(err.message);
  return false;
}

// The fields of `now` that differ from `before` (shallow; arrays by value).
export function changedFields(before, now) {
  const out = {};
  for (const [k, v] of Object.entries(now)) {
    const a = before[k];
    const same = Array.isArray(v) ? Array.isArray(a) && a.length === v.length && v.every((x, i) => x === a[i]) : a === v;
    if (!same) out[k] = v;
  }
  return out;
}

// Date-time from the API (UTC instant) shown in Beijing time.
export function formatTime(s) {
  if (!s) return '';
  const d = new Date(s);
  if (isNaN(d)) return s;
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

// Today's date in Beijing as YYYY-MM-DD (deadlines are Asia/Shanghai dates).
export function todayShanghai() {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

// A rate from the API (0–1, or null when there was nothing to divide by) as
// a percentage; null shows as "—", never as a made-up 0%.
export function formatRate(r) {
  if (r === null || r === undefined || Number.isNaN(r)) return '—';
  return (Math.round(r * 1000) / 10).toFixed(1) + '%';
}

// Money in yuan: "12,500 元".
export function formatYuan(n) {
  if (n === null || n === undefined || n === '') return '—';
  return Number(n).toLocaleString('zh-CN', { maximumFractionDigits: 2 }) + ' 元';
}

// Files a user picked for upload, checked before anything is sent: the
// server accepts JPEG, PNG and PDF (checked by content) up to 10 MiB.
export const UPLOAD_MAX = 10 * 1024 * 1024;
export function uploadProblem(file, { imagesOnly = false } = {}) {
  const types = imagesOnly ? ['image/jpeg', 'image/png'] : ['image/jpeg', 'image/png', 'application/pdf'];
  if (file.type && !types.includes(file.type)) return imagesOnly ? `“${file.name}”不是 JPEG 或 PNG 图片` : `“${file.name}”不是 JPEG、PNG 图片或 PDF 文件`;
  if (file.size > UPLOAD_MAX) return `“${file.name}”超过 10 MB`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  return '';
}

// File size for people: "356 KB", "2.4 MB".
// A hazard's deadline, or why it has none: fixed on the spot (closed
// without a plan), voided before one, or not planned yet.
export function deadlineText(h) {
  if (h.deadline) return h.deadline;
  if (h.status === 'closed') return '立查立改';
  return h.status === 'void' ? '—' : '未定';
}

export function formatSize(n) {
  if (!(n >= 0)) return '';
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return Math.round(n / 1024) + ' KB';
  return (n / 1024 / 1024).toFixed(1) + ' MB';
}
