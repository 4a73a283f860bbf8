// Small read-only badges.

import { RISK_COLOURS, ORG_STATUS, HAZARD_STATUS, HAZARD_GRADES, LISTING_LEVELS, RISK_LEVELS, RISK_LEVEL_COLOUR } from '../labels.js';

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

// A hazard's state at a glance: status, grade, overdue and 挂牌督办, each a
// badge. `hazard` is the API's hazard object (list item or detail).
export const HazardBadges = {
  props: { hazard: { type: Object, required: true }, grade: { type: Boolean, default: true } },
  setup() { return { HAZARD_STATUS, HAZARD_GRADES, LISTING_LEVELS }; },
  template: `
    <span class="badges">
      <span v-if="grade && hazard.grade === 'major'" class="badge grade-major">{{ HAZARD_GRADES.major }}</span>
      <span class="badge" :class="'hz-' + hazard.status">{{ HAZARD_STATUS[hazard.status] || '未知' }}</span>
      <span v-if="hazard.overdue" class="badge hz-overdue">已逾期</span>
      <span v-if="hazard.listing && hazard.listing.active" class="badge hz-listed">{{ LISTING_LEVELS[hazard.listing.level] || '' }}挂牌督办</span>
    </span>`,
};

// A risk point's level as its colour chip: 重大风险 on red, … 低风险 on blue.
export const RiskLevelBadge = {
  props: { level: { type: String, default: '' } },
  setup() { return { RISK_LEVELS, RISK_LEVEL_COLOUR }; },
  template: `<span v-if="RISK_LEVELS[level]" class="badge" :class="'risk-' + RISK_LEVEL_COLOUR[level]">{{ RISK_LEVELS[level] }}</span>`,
};
