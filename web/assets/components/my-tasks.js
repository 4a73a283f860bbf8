// 我的任务 (workbench): the open tasks of the user's own org from the
// published plans, due soonest first, overdue ones marked; each opens its
// node in the plan's outline. Each shows its percent and whether this
// month's progress report is in (填报 opens the report form on the plan).

import { api, getAll } from '../api.js';
import { TASK_STATUS, TASK_ROLES, monthLabel } from '../labels.js';
import { href } from '../router.js';
import { session } from '../state.js';
import { taskOverdue, deadlineLight } from './plan-outline.js';
import { thisMonth } from './task-report.js';

const { ref, reactive, computed, watch, onMounted } = Vue;

const SHOWN = 10;

export default {
  setup() {
    const tasks = ref([]);
    const planTitles = ref(new Map());
    const loading = ref(true);
    const failed = ref('');
    const all = ref(false);
    const month = thisMonth();
    // task id → true (this month's report is in) / false / undefined (not known)
    const reported = reactive({});

    async function load() {
      loading.value = true;
      failed.value = '';
      try {
        tasks.value = await getAll('/tasks', { org: session.user.org_id, limit: 500 }, 10);
        if (tasks.value.length) {
          const plans = await getAll('/plans', { limit: 100 }, 10).catch(() => []);
          planTitles.value = new Map(plans.map((p) => [p.id, p.title]));
        }
      } catch (e) {
        failed.value = e.message;
      } finally {
        loading.value = false;
      }
    }
    onMounted(load);

    const open = computed(() => tasks.value.filter((t) => t.status !== 'done')
      .sort((a, b) => ((a.deadline || '9999') < (b.deadline || '9999') ? -1 : (a.deadline || '9999') > (b.deadline || '9999') ? 1 : a.id - b.id)));
    const shown = computed(() => (all.value ? open.value : open.value.slice(0, SHOWN)));
    const overdue = computed(() => open.value.filter((t) => taskOverdue(t)).length);
    const done = computed(() => tasks.value.length - open.value.length);
    // This month's report of the tasks shown: the newest report of each.
    async function loadReports(list) {
      await Promise.all(list.filter((t) => reported[t.id] === undefined).map(async (t) => {
        try {
          const page = await api.get(`/tasks/${t.id}/reports`, { limit: 1 });
          reported[t.id] = !!(page.items || []).find((r) => r.period === month);
        } catch (e) { /* leave it unknown */ }
      }));
    }
    watch(shown, (list) => { loadReports(list); });
    const reportLink = (t) => href(`/plans/${t.plan_id}`, { task: t.id });

    const link = (t) => href(`/plans/${t.plan_id}`, { node: t.node });
    const dueState = (t) => (taskOverdue(t) ? 'overdue' : deadlineLight(t.deadline) === 'yellow' ? 'today' : '');

    async function reload() {
      for (const k of Object.keys(reported)) delete reported[k];
      await load();
    }

    return { tasks, planTitles, loading, failed, all, open, shown, overdue, done, link, dueState, load: reload,
      reported, reportLink, month, monthLabel,
      taskOverdue, SHOWN, TASK_STATUS, TASK_ROLES };
  },
  template: `
    <div class="panel my-tasks">
      <div class="panel-head">
        <h2>我的任务</h2>
        <button type="button" class="btn btn-quiet" @click="load" :disabled="loading">刷新</button>
      </div>
      <p v-if="loading" class="loading">正在加载…</p>
      <div v-else-if="failed" class="empty"><p>任务加载失败：{{ failed }}</p></div>
      <div v-else-if="!open.length" class="empty">
        <p>{{ tasks.length ? '本单位的任务均已完成' : '暂无任务' }}</p>
        <p class="muted small">行动计划发布后，分配给本单位的牵头、配合和属地任务会显示在这里。</p>
      </div>
      <template v-else>
        <p class="muted small">未完成 {{ open.length }} 项<template v-if="overdue">，其中<span class="text-danger">逾期 {{ overdue }} 项</span></template><template v-if="done">；已完成 {{ done }} 项</template>。按期限先后排列。</p>
        <ul class="todo-list">
          <li v-for="t in shown" :key="t.id" class="todo task-todo" :class="{ 'task-overdue': taskOverdue(t) }">
            <span class="badge" :class="'role-' + t.role">{{ TASK_ROLES[t.role] || t.role }}</span>
            <span class="todo-title">
              <a :href="link(t)">{{ t.title }}</a>
              <span class="sub">{{ planTitles.get(t.plan_id) || '' }}</span>
            </span>
            <span class="todo-due" :class="dueState(t)">
              {{ taskOverdue(t) ? '已逾期 · ' : '' }}{{ t.deadline ? '期限 ' + t.deadline : '无期限' }} · {{ TASK_STATUS[t.status] || t.status }} · 完成 {{ t.percent || 0 }}%
            </span>
            <span v-if="reported[t.id] === true" class="todo-report in">{{ monthLabel(month) }}已报送</span>
            <a v-else-if="reported[t.id] === false" class="todo-report missing" :href="reportLink(t)">{{ monthLabel(month) }}未报送 · 去填报</a>
          </li>
        </ul>
        <p v-if="open.length > SHOWN" class="show-all">
          <button type="button" class="btn btn-small" @click="all = !all">{{ all ? '收起' : '显示全部（' + open.length + ' 项）' }}</button>
        </p>
      </template>
    </div>`,
};
