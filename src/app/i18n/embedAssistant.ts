/** The merchant embed's `<aisle-assistant>` frame (src/embed/EmbedAssistant.svelte); the chat itself speaks the assistant group. */
export const embedAssistantEn = {
  title: 'Ask the store’s assistant',
  privateNote: 'Answered on your device from this store’s catalog and policies. Nothing you write leaves it.',
};

export const embedAssistantZh: typeof embedAssistantEn = {
  title: '问问本店的购物助手',
  privateNote: '回答在你的设备上根据本店的商品目录和政策生成，你写的任何内容都不会离开它。',
};
