// 本单位: an enterprise user's own record (/own) and its contact details
// form (/own/edit).

import { route, href } from '../router.js';
import { session } from '../state.js';
import OrgDetail from './org-detail.js';
import OrgForm from './org-form.js';

const { computed } = Vue;

export default {
  components: { OrgDetail, OrgForm },
  props: { base: String },
  setup(props) {
    const orgId = computed(() => session.user.org_id || null);
    const editing = computed(() => route.path === props.base + '/edit');
    return { orgId, editing, href };
  },
  template: `
    <section v-if="!orgId" class="page">
      <h1 class="page-title">本单位</h1>
      <div class="panel empty"><p>您的账号尚未关联单位，请联系系统管理员。</p></div>
    </section>
    <OrgForm v-else-if="editing" :base="base" :id="orgId" own :done-href="href(base)" />
    <OrgDetail v-else :base="base" :id="orgId" list-href="none" :edit-href="href(base + '/edit')" title="本单位" />`,
};
