// Create or edit an org. Which fields appear follows the kind: enterprises
// have credit code, industry, scale, hazard and standardisation levels and
// status; departments the industries they supervise. An edit sends only the
// changed fields with the version it started from.

import { api } from '../api.js';
import { ORG_KINDS, ORG_STATUS, SCALES, HAZARD_LEVELS, STANDARD_GRADES } from '../labels.js';
import { navigate, href } from '../router.js';
import { session, loadIndustries, toast } from '../state.js';
import { showError, changedFields } from '../forms.js';
import { creditCodeWarning } from '../credit-code.js';
import Field from '../components/field.js';
import RegionPicker from '../components/region-picker.js';
import { RiskBadge } from '../components/badges.js';

const { ref, reactive, computed, onMounted } = Vue;

const COMMON = ['name', 'region_code', 'address', 'lat', 'lon', 'safety_director', 'phone'];
const ENTERPRISE = ['credit_code', 'industry', 'scale', 'major_hazard_level', 'standard_grade', 'status'];
const DEPARTMENT = ['industries'];
// What an enterprise user may not change on its own record (the server
// refuses these too).
const OWN_LOCKED = ['kind', 'region_code', 'credit_code', 'industry', 'industries'];

function blank(kind) {
  return {
    kind: kind || 'enterprise', name: '', region_code: (session.user && session.user.region_code) || '',
    credit_code: '', industry: '', scale: '', major_hazard_level: 0, standard_grade: 0, status: 'operating',
    industries: [], address: '', lat: '', lon: '', safety_director: '', phone: '',
  };
}

function fromOrg(o) {
  return {
    kind: o.kind, name: o.name || '', region_code: o.region_code || '',
    credit_code: o.credit_code || '', industry: o.industry ? String(o.industry) : '', scale: o.scale || '',
    major_hazard_level: o.major_hazard_level || 0, standard_grade: o.standard_grade || 0, status: o.status || 'operating',
    industries: [...(o.industries || [])], address: o.address || '',
    lat: o.lat === null || o.lat === undefined ? '' : String(o.lat),
    lon: o.lon === null || o.lon === undefined ? '' : String(o.lon),
    safety_director: o.safety_director || '', phone: o.phone || '',
  };
}

export default {
  components: { Field, RegionPicker, RiskBadge },
  props: {
    base: String,
    id: { type: Number, default: null },     // null: create
    kind: { type: String, default: '' },     // fixed kind for a create
    own: { type: Boolean, default: false },  // an enterprise editing itself
    doneHref: { type: String, default: '' },
  },
  setup(props) {
    const form = reactive(blank(props.kind));
    const errors = reactive({});
    const original = ref(null);        // the org as loaded (edit)
    const industries = ref([]);
    const busy = ref(false);
    const loadFailed = ref('');
    const stale = ref(false);
    const ready = ref(props.id === null);

    const isEdit = computed(() => props.id !== null);
    const isEnterprise = computed(() => form.kind === 'enterprise');
    const isDepartment = computed(() => form.kind === 'department');
    const fields = computed(() => [...COMMON, ...(isEnterprise.value ? ENTERPRISE : []), ...(isDepartment.value ? DEPARTMENT : []), 'kind']);
    const locked = (f) => props.own && OWN_LOCKED.includes(f);
    const creditWarn = computed(() => (errors.credit_code ? '' : creditCodeWarning(form.credit_code)));
    const activeIndustries = computed(() => industries.value.filter((i) => i.active
      || String(i.id) === form.industry || form.industries.includes(i.id)));
    const title = computed(() => (isEdit.value ? (props.own ? '编辑本单位信息' : '编辑单位') : '新增单位'));
    const cancelHref = computed(() => props.doneHref || href(isEdit.value ? `${props.base}/${props.id}` : props.base));

    async function load() {
      loadFailed.value = '';
      stale.value = false;
      try {
        const o = await api.get('/orgs/' + props.id);
        original.value = o;
        Object.assign(form, fromOrg(o));
        for (const k of Object.keys(errors)) delete errors[k];
        ready.value = true;
      } catch (e) {
        loadFailed.value = e.status === 404 ? '单位不存在或不在您的管辖范围内。' : e.message;
      }
    }

    onMounted(() => {
      loadIndustries().then((l) => { industries.value = l; }).catch((e) => toast('行业列表加载失败：' + e.message));
      if (isEdit.value) load();
    });

    function onCreditInput(ev) {
      form.credit_code = ev.target.value.toUpperCase().replace(/\s+/g, '');
      delete errors.credit_code;
    }

    // The values to send for the current kind, typed as the API wants them.
    function payload() {
      const num = (s) => (String(s).trim() === '' ? null : Number(s));
      const p = {
        name: form.name.trim(), region_code: form.region_code, address: form.address.trim(),
        lat: num(form.lat), lon: num(form.lon), safety_director: form.safety_director.trim(), phone: form.phone.trim(),
      };
      if (isEnterprise.value) {
        Object.assign(p, {
          credit_code: form.credit_code.trim(), industry: form.industry ? Number(form.industry) : null,
          scale: form.scale || null, major_hazard_level: Number(form.major_hazard_level),
          standard_grade: Number(form.standard_grade), status: form.status,
        });
      }
      if (isDepartment.value) p.industries = [...form.industries];
      return p;
    }

    // Client-side checks that need no server: required fields and numbers.
    function check(p) {
      const e = {};
      if (!p.name) e.name = '请填写单位名称';
      if (!p.region_code) e.region_code = '请选择所在地区';
      if (isEnterprise.value && !p.credit_code) e.credit_code = '请填写统一社会信用代码';
      if (isEnterprise.value && !p.industry) e.industry = '请选择行业';
      if (p.lat !== null && !(p.lat >= -90 && p.lat <= 90)) e.lat = '纬度应为 -90 至 90 之间的数字';
      if (p.lon !== null && !(p.lon >= -180 && p.lon <= 180)) e.lon = '经度应为 -180 至 180 之间的数字';
      return e;
    }

    async function submit() {
      for (const k of Object.keys(errors)) delete errors[k];
      const p = payload();
      const bad = check(p);
      if (Object.keys(bad).length) {
        Object.assign(errors, bad);
        return;
      }
      busy.value = true;
      try {
        if (!isEdit.value) {
          const body = { kind: form.kind };
          for (const [k, v] of Object.entries(p)) {
            if (v !== null && v !== '' && !(Array.isArray(v) && !v.length && form.kind !== 'department')) body[k] = v;
          }
          const o = await api.post('/orgs', body);
          toast(`已创建：${o.name}`, 'ok');
          navigate(`${props.base}/${o.id}`);
        } else {
          const before = fromOrgPayload(original.value);
          let changed = changedFields(before, p);
          if (props.own) changed = Object.fromEntries(Object.entries(changed).filter(([k]) => !OWN_LOCKED.includes(k)));
          if (!Object.keys(changed).length) {
            toast('没有需要保存的修改', 'ok');
            return;
          }
          const o = await api.patch('/orgs/' + props.id, { version: original.value.version, ...changed });
          original.value = o;
          toast('已保存', 'ok');
          if (props.doneHref) location.hash = props.doneHref;
          else navigate(`${props.base}/${props.id}`);
        }
      } catch (e) {
        if (e.code === 'stale_version') stale.value = true;
        showError(e, errors, fields.value);
      } finally {
        busy.value = false;
      }
    }

    // The loaded org in payload form, to diff against.
    function fromOrgPayload(o) {
      const f = fromOrg(o);
      const num = (s) => (String(s).trim() === '' ? null : Number(s));
      return {
        name: f.name, region_code: f.region_code, address: f.address, lat: num(f.lat), lon: num(f.lon),
        safety_director: f.safety_director, phone: f.phone, credit_code: f.credit_code,
        industry: f.industry ? Number(f.industry) : null, scale: f.scale || null,
        major_hazard_level: Number(f.major_hazard_level), standard_grade: Number(f.standard_grade), status: f.status,
        industries: f.industries,
      };
    }

    return { form, errors, original, busy, loadFailed, stale, ready, isEdit, isEnterprise, isDepartment, locked,
      creditWarn, activeIndustries, title, cancelHref, load, submit, onCreditInput,
      ORG_KINDS, ORG_STATUS, SCALES, HAZARD_LEVELS, STANDARD_GRADES };
  },
  template: `
    <section class="page">
      <div class="page-head">
        <h1 class="page-title">{{ title }}</h1>
      </div>
      <div v-if="loadFailed" class="panel empty"><p>{{ loadFailed }}</p><p><a :href="cancelHref">返回</a></p></div>
      <p v-else-if="!ready" class="loading">正在加载…</p>
      <form v-else class="panel form" @submit.prevent="submit" novalidate>
        <div v-if="stale" class="notice" role="alert">
          <span>该单位已被他人修改，您的修改未保存。请重新加载最新内容后再修改。</span>
          <button type="button" class="btn" @click="load">重新加载</button>
        </div>
        <div class="grid">
          <Field label="单位类型" name="kind" for="o-kind" :error="errors.kind" required>
            <select id="o-kind" v-model="form.kind" :disabled="isEdit || !!kind">
              <option v-for="(label, k) in ORG_KINDS" :key="k" :value="k">{{ label }}</option>
            </select>
          </Field>
          <Field label="单位名称" name="name" for="o-name" :error="errors.name" required>
            <input id="o-name" v-model="form.name" maxlength="120" :disabled="locked('name')" autocomplete="organization">
          </Field>
          <Field label="所在地区" name="region_code" :error="errors.region_code" required wide
                 hint="依次选择省、市、县（区），可选到乡镇（街道）">
            <RegionPicker v-model="form.region_code" id-prefix="o-region" label="所在地区" :disabled="locked('region_code')" />
          </Field>
          <template v-if="isEnterprise">
            <Field label="统一社会信用代码" name="credit_code" for="o-credit" :error="errors.credit_code" :warn="creditWarn" required
                   hint="18位，由数字和大写英文字母组成">
              <input id="o-credit" class="mono" :value="form.credit_code" @input="onCreditInput" maxlength="18"
                     autocomplete="off" spellcheck="false" :disabled="locked('credit_code')">
            </Field>
            <Field label="行业" name="industry" for="o-industry" :error="errors.industry" required>
              <select id="o-industry" v-model="form.industry" :disabled="locked('industry')">
                <option value="">请选择行业</option>
                <option v-for="i in activeIndustries" :key="i.id" :value="String(i.id)">{{ i.name }}{{ i.active ? '' : '（已停用）' }}</option>
              </select>
            </Field>
            <Field label="规模" name="scale" :error="errors.scale">
              <div class="radios" role="radiogroup" aria-label="规模">
                <label v-for="(label, k) in SCALES" :key="k"><input type="radio" name="o-scale" :value="k" v-model="form.scale" :disabled="locked('scale')"> {{ label }}</label>
              </div>
            </Field>
            <Field label="经营状态" name="status" for="o-status" :error="errors.status">
              <select id="o-status" v-model="form.status" :disabled="locked('status')">
                <option v-for="(label, k) in ORG_STATUS" :key="k" :value="k">{{ label }}</option>
              </select>
            </Field>
            <Field label="重大危险源等级" name="major_hazard_level" for="o-mhl" :error="errors.major_hazard_level">
              <select id="o-mhl" v-model.number="form.major_hazard_level" :disabled="locked('major_hazard_level')">
                <option v-for="(label, n) in HAZARD_LEVELS" :key="n" :value="n">{{ label }}</option>
              </select>
            </Field>
            <Field label="安全生产标准化等级" name="standard_grade" for="o-grade" :error="errors.standard_grade">
              <select id="o-grade" v-model.number="form.standard_grade" :disabled="locked('standard_grade')">
                <option v-for="(label, n) in STANDARD_GRADES" :key="n" :value="n">{{ label }}</option>
              </select>
            </Field>
            <Field v-if="isEdit" label="风险等级" name="risk_colour" hint="由风险点评估和重大隐患自动确定">
              <div class="static"><RiskBadge :colour="original && original.risk_colour" /></div>
            </Field>
          </template>
          <Field v-if="isDepartment" label="监管行业" name="industries" :error="errors.industries" wide
                 hint="管行业必须管安全：勾选本部门负责监管的行业">
            <div class="checks">
              <label v-for="i in activeIndustries" :key="i.id">
                <input type="checkbox" :value="i.id" v-model="form.industries"> {{ i.name }}{{ i.active ? '' : '（已停用）' }}
              </label>
              <span v-if="!activeIndustries.length" class="muted">暂无行业</span>
            </div>
          </Field>
          <Field label="地址" name="address" for="o-address" :error="errors.address" wide>
            <input id="o-address" v-model="form.address" maxlength="200" autocomplete="street-address">
          </Field>
          <Field label="经度" name="lon" for="o-lon" :error="errors.lon" hint="例如 91.1322">
            <input id="o-lon" v-model="form.lon" inputmode="decimal">
          </Field>
          <Field label="纬度" name="lat" for="o-lat" :error="errors.lat" hint="例如 29.6604">
            <input id="o-lat" v-model="form.lat" inputmode="decimal">
          </Field>
          <Field label="安全负责人" name="safety_director" for="o-director" :error="errors.safety_director">
            <input id="o-director" v-model="form.safety_director" maxlength="40">
          </Field>
          <Field label="联系电话" name="phone" for="o-phone" :error="errors.phone">
            <input id="o-phone" v-model="form.phone" inputmode="tel" maxlength="40" autocomplete="tel">
          </Field>
        </div>
        <div class="form-buttons">
          <button type="submit" class="btn btn-primary" :disabled="busy">{{ busy ? '正在保存…' : '保存' }}</button>
          <a class="btn" :href="cancelHref">取消</a>
        </div>
      </form>
    </section>`,
};
