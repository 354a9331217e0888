/** The merchant console's messages (#/console/…): English first, Simplified Chinese with the same shape. */

export const consoleEn = {
  title: 'Merchant console',
  lead: 'Your files are read on this device. Nothing you open here is uploaded anywhere.',
  tabsLabel: 'Console sections',
  tabs: { catalog: 'Catalog', train: 'Train', evaluate: 'Evaluate', listings: 'Listings', pricing: 'Pricing' },
  opening: 'Opening…',
  noSection: 'This section is not in this build of the console.',
  loadFailed: 'This section could not be loaded. Check the connection and reload.',
  listings: {
    intro: (p: { name: string }) => `Checks the products of ${p.name}: the catalog you imported, else the one the shop uses now.`,
    none: 'No catalog is open yet. Import one in the Catalog section, or wait for the shop to open.',
  },
};

export const consoleZh: typeof consoleEn = {
  title: '商家控制台',
  lead: '你的文件只在这台设备上读取，在这里打开的任何内容都不会上传。',
  tabsLabel: '控制台栏目',
  tabs: { catalog: '商品目录', train: '训练', evaluate: '评估', listings: '商品审核', pricing: '定价' },
  opening: '正在打开…',
  noSection: '这个版本的控制台没有这个栏目。',
  loadFailed: '这个栏目无法加载。请检查网络连接后重新加载。',
  listings: {
    intro: (p: { name: string }) => `检查 ${p.name} 的商品：你导入的目录，若没有则是商店当前使用的目录。`,
    none: '还没有打开任何目录。请在“商品目录”栏目导入一个，或等待商店打开。',
  },
};
