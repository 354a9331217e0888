/** The home screen: the welcome, the shelves, the categories. */
export const homeEn = {
  title: 'Good finds, chosen on your device.',
  intro:
    'Aisle learns what you like from what you browse and buy, right here in your browser. No account, no tracking, nothing about you leaves this device. You can see, export or delete everything it knows at any time.',
  browse: 'Browse the store',
  whatItKnows: 'What this device knows',
  forYou: 'Picked for you',
  forYouSub: 'Based on what you viewed and bought on this device',
  forYouEmpty: 'Nothing to pick yet: view or buy a few things and your picks appear here.',
  recent: 'Recently viewed',
  recentEmpty: 'Products you look at appear here.',
  popular: 'Popular now',
  popularSub: 'Well rated and well priced in this shop',
  categories: 'Categories',
  byCategory: 'Shop by category',
};

export const homeZh: typeof homeEn = {
  title: '好物，在你的设备上挑选。',
  intro: 'Aisle 就在你的浏览器里，从你浏览和购买的商品中了解你的喜好。无需账号，没有追踪，关于你的任何信息都不会离开这台设备。你随时可以查看、导出或删除它知道的一切。',
  browse: '逛逛商店',
  whatItKnows: '这台设备知道什么',
  forYou: '为你精选',
  forYouSub: '根据你在这台设备上浏览和购买的商品',
  forYouEmpty: '暂时还没有可推荐的：浏览或购买几件商品后，你的精选就会出现在这里。',
  recent: '最近浏览',
  recentEmpty: '你看过的商品会出现在这里。',
  popular: '当下热门',
  popularSub: '本店评分高、价格好的商品',
  categories: '分类',
  byCategory: '按分类选购',
};
