// 登录: the only page shown without a session.

import { api } from '../api.js';
import { PRODUCT_NAME } from '../labels.js';
import { session } from '../state.js';

const { ref, onMounted } = Vue;

// The server may say until when an account is locked ("… until
// 2026-11-22T09:24:07Z …" or "… for 15 minutes …"); say it in Chinese.
function lockedMessage(e) {
  const raw = (e.raw && e.raw.message) || '';
  const until = /until (\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?Z)/.exec(raw);
  if (until) {
    const t = new Date(until[1]).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' });
    return `连续输错密码次数过多，账号已被锁定，请于 ${t} 后再试或联系系统管理员`;
  }
  const mins = /for (\d+) minutes?/.exec(raw);
  if (mins) return `连续输错密码次数过多，账号已被锁定 ${mins[1]} 分钟，请稍后再试或联系系统管理员`;
  return e.message;
}

export default {
  setup() {
    const login = ref('');
    const password = ref('');
    const error = ref('');
    const busy = ref(false);
    const loginInput = ref(null);

    onMounted(() => { document.title = `登录 - ${PRODUCT_NAME}`; loginInput.value && loginInput.value.focus(); });

    async function submit() {
      error.value = '';
      if (!login.value.trim() || !password.value) {
        error.value = '请输入账号和密码';
        return;
      }
      busy.value = true;
      try {
        const data = await api.post('/session', { login: login.value.trim(), password: password.value }, { expect401: true });
        password.value = '';
        session.user = data.user;
      } catch (e) {
        if (e.code === 'rate_limited' && e.retryAfter && /^\d+$/.test(e.retryAfter)) {
          const s = Number(e.retryAfter);
          error.value = `登录尝试过于频繁，请 ${s >= 60 ? Math.ceil(s / 60) + ' 分钟' : s + ' 秒'}后再试`;
        } else if (e.code === 'rate_limited') {
          error.value = '登录尝试过于频繁，请稍后再试';
        } else if (e.code === 'account_locked') {
          error.value = lockedMessage(e);
        } else {
          error.value = e.message;
        }
      } finally {
        busy.value = false;
      }
    }

    return { login, password, error, busy, submit, loginInput, PRODUCT_NAME };
  },
  template: `
    <div class="login-wrap">
      <form class="login panel" @submit.prevent="submit" novalidate>
        <div class="login-head">
          <img src="/assets/favicon.svg" alt="" width="40" height="40">
          <div>
            <h1>{{ PRODUCT_NAME }}</h1>
            <p class="muted">安全生产隐患排查治理信息系统 · hazardnet</p>
          </div>
        </div>
        <div class="field">
          <label for="login-name">账号</label>
          <input id="login-name" ref="loginInput" v-model="login" autocomplete="username" autocapitalize="off" spellcheck="false">
        </div>
        <div class="field">
          <label for="login-password">密码</label>
          <input id="login-password" type="password" v-model="password" autocomplete="current-password">
        </div>
        <p v-if="error" class="form-error" role="alert">{{ error }}</p>
        <button type="submit" class="btn btn-primary btn-block" :disabled="busy">{{ busy ? '正在登录…' : '登录' }}</button>
        <p class="muted small">连续输错密码将暂时锁定账号。忘记密码请联系系统管理员。</p>
      </form>
    </div>`,
};
