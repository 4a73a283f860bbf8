// hazardnet web UI: boot, the frame (header, navigation, page area) and the
// one navigation table. Pages are ES modules loaded on first use.

import { api, onUnauthorized } from './api.js';
import { PRODUCT_NAME, ROLES } from './labels.js';
import { route, navigate } from './router.js';
import { session, toasts, toast, dismissToast, signOut } from './state.js';
import LoginPage from './pages/login.js';

const { createApp, computed, ref, watch, defineAsyncComponent, h } = Vue;

const ALL = ['admin', 'office', 'regulator', 'inspector', 'enterprise', 'leader'];
const STAFF = ['admin', 'office', 'regulator', 'inspector'];

// The navigation, in display order. One line per page: a path (which also
// owns every sub-path, e.g. /orgs/12/edit), the label, the roles that see
// it, the page module (null = not built yet: the slot stays hidden), and
// props passed to the page. A page receives `base` (its path) as well.
export const NAV = [
  { path: '/workbench', label: '工作台', roles: ALL, page: () => import('./pages/workbench.js') },
  { path: '/orgs', label: '单位管理', roles: ['admin', 'office'], page: () => import('./pages/orgs.js') },
  { path: '/enterprises', label: '企业', roles: ['regulator', 'inspector'], page: () => import('./pages/orgs.js'), props: { fixedKind: 'enterprise', readonly: true } },
  { path: '/own', label: '本单位', roles: ['enterprise'], page: () => import('./pages/own.js') },
  { path: '/hazards', label: '隐患', roles: ALL, page: () => import('./pages/hazards.js') },
  { path: '/risks', label: '风险分级管控', roles: [...STAFF, 'enterprise', 'leader'], page: () => import('./pages/risks.js') },
  { path: '/check-tasks', label: '排查任务', roles: [...STAFF, 'enterprise', 'leader'], page: () => import('./pages/check-tasks.js') },
  { path: '/plans', label: '行动计划', roles: ['admin', 'office', 'regulator', 'inspector', 'leader'], page: () => import('./pages/plans.js') },
  { path: '/notices', label: '督办通报', roles: ALL, page: () => import('./pages/notices.js') },
  { path: '/inspections', label: '监督检查', roles: ['admin', 'office', 'regulator', 'inspector', 'leader'], page: () => import('./pages/inspections.js') },
  { path: '/enforcement', label: '执法', roles: ['admin', 'regulator', 'inspector'], page: null },
  { path: '/tipoffs', label: '举报', roles: STAFF, page: null },
  { path: '/accidents', label: '事故', roles: STAFF, page: null },
  { path: '/map', label: '一张图', roles: ['admin', 'office', 'regulator', 'inspector', 'leader'], page: () => import('./pages/dashboard.js') },
  { path: '/users', label: '用户管理', roles: ['admin'], page: () => import('./pages/users.js') },
  { path: '/industries', label: '行业管理', roles: ['admin'], page: () => import('./pages/industries.js') },
];

const HOME = '/workbench';

const Message = {
  props: { title: String, text: String },
  template: `
    <section class="page">
      <div class="page-head"><h1 class="page-title">{{ title }}</h1></div>
      <div class="panel empty">
        <p>{{ text }}</p>
        <p><a href="#/workbench" class="btn">返回工作台</a></p>
      </div>
    </section>`,
};

const LoadFailed = {
  template: `
    <section class="page"><div class="panel empty">
      <p>页面加载失败，请检查网络后刷新重试。</p>
    </div></section>`,
};

const components = new Map();

function pageComponent(entry) {
  if (!components.has(entry.path)) {
    components.set(entry.path, defineAsyncComponent({
      loader: () => entry.page().then((m) => m.default),
      errorComponent: LoadFailed,
      delay: 150,
      loadingComponent: { template: '<p class="loading">正在加载…</p>' },
    }));
  }
  return components.get(entry.path);
}

function ownsPath(entry, path) {
  return path === entry.path || path.startsWith(entry.path + '/');
}

const Frame = {
  setup() {
    const navOpen = ref(false);
    const user = computed(() => session.user);
    const roleLabel = computed(() => ROLES[user.value.role] || '');
    const nav = computed(() => NAV.filter((e) => e.page && e.roles.includes(user.value.role)));

    // What the current path shows: the entry that owns it, or a message.
    const current = computed(() => {
      const entry = NAV.find((e) => ownsPath(e, route.path));
      if (!entry || !entry.page) {
        return { key: 'missing', title: '页面不存在', component: Message, props: { title: '页面不存在', text: '您访问的页面不存在或尚未开放。' } };
      }
      if (!entry.roles.includes(user.value.role)) {
        return { key: 'denied', title: '无权访问', component: Message, props: { title: '无权访问', text: '您的角色无权访问该页面。' } };
      }
      return { key: entry.path, title: entry.label, component: pageComponent(entry), props: { ...(entry.props || {}), base: entry.path } };
    });

    watch(() => route.path, () => { navOpen.value = false; });
    watch(() => current.value.title, (t) => { document.title = `${t} - ${PRODUCT_NAME}`; }, { immediate: true });

    const isActive = (e) => ownsPath(e, route.path);

    async function logout() {
      await signOut();
      navigate('/login', null, { replace: true });
    }

    return { navOpen, user, roleLabel, nav, current, isActive, logout, PRODUCT_NAME };
  },
  template: `
    <div class="frame" :class="{ 'nav-open': navOpen }">
      <header class="topbar">
        <button type="button" class="nav-toggle" :aria-expanded="navOpen ? 'true' : 'false'"
                aria-controls="nav" @click="navOpen = !navOpen">
          <span class="burger" aria-hidden="true"></span><span class="sr-only">菜单</span>
        </button>
        <a class="brand" href="#/workbench">
          <span class="brand-name">{{ PRODUCT_NAME }}</span>
          <span class="brand-sub">hazardnet</span>
        </a>
        <div class="who">
          <span class="who-name">{{ user.name || user.login }}</span>
          <span class="who-detail">{{ user.org_name || '' }}<template v-if="user.org_name"> · </template>{{ roleLabel }}</span>
        </div>
        <button type="button" class="btn btn-quiet logout" @click="logout">退出</button>
      </header>
      <nav id="nav" class="nav" aria-label="主导航">
        <div class="nav-who">
          <strong>{{ user.name || user.login }}</strong>
          <span>{{ user.org_name || '' }}</span>
          <span>{{ roleLabel }}</span>
        </div>
        <a v-for="e in nav" :key="e.path" :href="'#' + e.path"
           :class="{ active: isActive(e) }" :aria-current="isActive(e) ? 'page' : null">{{ e.label }}</a>
      </nav>
      <div class="nav-scrim" @click="navOpen = false"></div>
      <main class="main">
        <component :is="current.component" :key="current.key" v-bind="current.props" />
      </main>
    </div>`,
};

const Toasts = {
  setup() { return { toasts, dismissToast }; },
  template: `
    <div class="toasts" aria-live="assertive">
      <div v-for="t in toasts" :key="t.id" class="toast" :class="'toast-' + t.kind" role="alert">
        <span>{{ t.message }}</span>
        <button type="button" class="toast-close" @click="dismissToast(t.id)" aria-label="关闭">×</button>
      </div>
    </div>`,
};

const Root = {
  setup() {
    // Signed in and on a path that is not a page of the frame: go home.
    watch(() => [session.user, route.path], () => {
      if (session.user && (route.path === '/' || route.path === '/login')) {
        navigate(route.query.next || HOME, null, { replace: true });
      }
    }, { immediate: true });
    return { session };
  },
  render() {
    let body;
    if (!session.checked) body = h('p', { class: 'boot' }, '正在加载…');
    else if (!session.user) body = h(LoginPage);
    else body = h(Frame);
    return [body, h(Toasts)];
  },
};

onUnauthorized(() => {
  if (session.user) toast('登录已失效，请重新登录');
  session.user = null;
});

async function boot() {
  try {
    const data = await api.get('/session', null, { expect401: true });
    session.user = data.user;
  } catch (e) {
    session.user = null;
    if (e.status !== 401) toast(e.message);
  }
  session.checked = true;
}

createApp(Root).mount('#app');
boot();
