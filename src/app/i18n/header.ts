/** The header: navigation, the cart, and the privacy line under it. */
export const headerEn = {
  shop: 'Shop',
  yourData: 'Your data',
  cart: (p: { items: string }) => `Cart, ${p.items}`,
  privateTitle: 'Private by design.',
  privateText: 'Aisle learns what you like on this device only. Nothing about you is sent anywhere.',
  offTitle: 'Personalisation is off.',
  offText: 'Nothing you do is being recorded; everyone sees the same shelves.',
  seeData: 'See what this device knows',
};

export const headerZh: typeof headerEn = {
  shop: '商店',
  yourData: '我的数据',
  cart: (p) => `购物车，${p.items}`,
  privateTitle: '隐私优先。',
  privateText: 'Aisle 只在这台设备上了解你的喜好，关于你的任何信息都不会被发送出去。',
  offTitle: '个性化已关闭。',
  offText: '你的操作不会被记录；每个人看到的推荐都一样。',
  seeData: '查看这台设备知道什么',
};
