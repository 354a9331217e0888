/** "Good price?" on a product page: where the price sits among its category's other products. */
export const priceHintEn = {
  label: 'Good price?',
  low: (p: { category: string; share: string; peers: string }) => `A low price for ${p.category}: below ${p.share} of ${p.peers} other products there.`,
  high: (p: { category: string; share: string; peers: string }) => `A high price for ${p.category}: above ${p.share} of ${p.peers} other products there.`,
  typical: (p: { category: string; q1: string; q3: string; peers: string }) => `A typical price for ${p.category}: the middle half of ${p.peers} other products there cost ${p.q1} to ${p.q3}.`,
  unknown: (p: { category: string }) => (p.category ? `Too few other products in ${p.category} to say whether this price is high or low.` : 'This product has no category or price to compare.'),
  all: 'all',
};

export const priceHintZh: typeof priceHintEn = {
  label: '价格划算吗？',
  low: (p) => `在“${p.category}”中价格偏低：比那里 ${p.peers} 个其他商品中的 ${p.share} 便宜。`,
  high: (p) => `在“${p.category}”中价格偏高：比那里 ${p.peers} 个其他商品中的 ${p.share} 贵。`,
  typical: (p) => `在“${p.category}”中价格适中：那里 ${p.peers} 个其他商品中间一半的价格为 ${p.q1} 至 ${p.q3}。`,
  unknown: (p) => (p.category ? `“${p.category}”中的其他商品太少，无法判断这个价格偏高还是偏低。` : '这个商品没有可比较的类别或价格。'),
  all: '全部',
};
