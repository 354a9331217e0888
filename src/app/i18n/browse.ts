/** The Catalog screen's list, filtered and sorted in the recommender worker. */
export const browseEn = {
  loading: 'Loading the products…',
  failed: (p: { reason: string }) => `The products could not be listed: ${p.reason} Reload the page to try again.`,
};

export const browseZh: typeof browseEn = {
  loading: '正在加载商品…',
  failed: (p: { reason: string }) => `无法列出商品：${p.reason} 请重新加载页面再试。`,
};
