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
