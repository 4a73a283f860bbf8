// Cursor pagination: the list keeps a stack of the cursors it came through,
// so 上一页 is a pop and 下一页 a push of the server's `next`.

export default {
  props: {
    total: { type: Number, default: null },
    shown: { type: Number, default: 0 },
    page: { type: Number, default: 1 },
    hasNext: { type: Boolean, default: false },
    busy: { type: Boolean, default: false },
  },
  emits: ['prev', 'next'],
  template: `
    <div class="pager">
      <span class="muted">
        <template v-if="total !== null">共 {{ total }} 条，</template>第 {{ page }} 页
      </span>
      <span class="pager-buttons">
        <button type="button" class="btn" :disabled="busy || page <= 1" @click="$emit('prev')">上一页</button>
        <button type="button" class="btn" :disabled="busy || !hasNext" @click="$emit('next')">下一页</button>
      </span>
    </div>`,
};
