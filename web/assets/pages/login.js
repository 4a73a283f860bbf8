// 登录: the only page shown without a session.

import { api } from '../api.js';
import { PRODUCT_NAME } from '../labels.js';
import { session } from '../state.js';

const { ref, onMounted } = Vue;

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
