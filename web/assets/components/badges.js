// Small read-only badges.

import { RISK_COLOURS, ORG_STATUS } from '../labels.js';

export const RiskBadge = {
  props: { colour: { type: String, default: null } },
  setup(props) { return { RISK_COLOURS }; },
  template: `
    <span v-if="colour && RISK_COLOURS[colour]" class="badge" :class="'risk-' + colour">{{ RISK_COLOURS[colour] }}</span>
    <span v-else class="muted">未评定</span>`,
};

export const StatusBadge = {
  props: { status: { type: String, default: '' } },
  setup() { return { ORG_STATUS }; },
  template: `<span v-if="status" class="badge" :class="'status-' + status">{{ ORG_STATUS[status] || '未知' }}</span>`,
};
