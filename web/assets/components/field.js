// A labelled form field with its hint and its error. The wrapper carries
// data-field so an error from the server lands next to the input it names.

export default {
  props: {
    label: { type: String, required: true },
    name: { type: String, required: true },
    for: { type: String, default: '' },     // id of the input the label names
    error: { type: String, default: '' },
    hint: { type: String, default: '' },
    warn: { type: String, default: '' },    // a non-blocking client-side check
    required: { type: Boolean, default: false },
    wide: { type: Boolean, default: false },
  },
  template: `
    <div class="field" :class="{ 'has-error': error, wide, required }" :data-field="name">
      <label v-if="$props.for" :for="$props.for">{{ label }}</label>
      <span v-else class="label">{{ label }}</span>
      <slot />
      <p v-if="error" class="field-error" role="alert">{{ error }}</p>
      <p v-else-if="warn" class="field-warn">{{ warn }}</p>
      <p v-if="hint" class="field-hint">{{ hint }}</p>
    </div>`,
};
