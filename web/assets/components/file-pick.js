// A file chooser that reads in Chinese whatever the browser's language: the
// native input stays (focusable, for keyboards and screen readers) but is
// hidden behind a "选择文件" button and the names of the chosen files.
// v-model is the array of chosen File objects; setting it to [] clears it.

const { ref, watch } = Vue;

export default {
  props: {
    modelValue: { type: Array, default: () => [] },
    id: { type: String, required: true },
    accept: { type: String, default: '' },
    multiple: { type: Boolean, default: false },
    button: { type: String, default: '选择文件' },
  },
  emits: ['update:modelValue'],
  setup(props, { emit }) {
    const input = ref(null);
    function change(ev) {
      emit('update:modelValue', [...ev.target.files]);
    }
    watch(() => props.modelValue, (v) => { if ((!v || !v.length) && input.value) input.value.value = ''; });
    return { input, change };
  },
  template: `
    <span class="file-pick">
      <input :id="id" ref="input" type="file" class="file-input" :accept="accept || null" :multiple="multiple" @change="change">
      <label :for="id" class="btn btn-small" aria-hidden="true">{{ button }}</label>
      <span class="file-names small" :class="{ muted: !modelValue.length }">{{ modelValue.length ? modelValue.map((f) => f.name).join('、') : '未选择文件' }}</span>
    </span>`,
};
