/** Line icons (24×24, stroke) for the generated product placeholders and the UI. Drawn for Aisle. */
export const CATEGORY_ICONS: Record<string, string> = {
  clothing: 'M8 3 3 6l2 4 3-1v12h8V9l3 1 2-4-5-3a4 4 0 0 1-8 0Z',
  footwear: 'M3 17v-7h4l1 3h2l3-1 4 2 4 1v2H3Zm0 3h18',
  jewellery: 'M6 4h12l3 5-9 11L3 9l3-5Zm-3 5h18M9 4l3 16M15 4l-3 16',
  watches: 'M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10Zm0 2v3l2 1.5M9 7l1-4h4l1 4M9 17l1 4h4l1-4',
  kitchen: 'M5 7h11v8a5 5 0 0 1-5 5h-1a5 5 0 0 1-5-5V7Zm11 2h2a3 3 0 0 1 0 6h-2M8 3v2M11 3v2M14 3v2',
  home: 'M3 11 12 4l9 7v9H3v-9Zm6 9v-6h6v6',
  furniture: 'M4 11V8a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v3M2 11h20v6H2v-6Zm2 6v3m16-3v3',
  mobiles: 'M8 2h8a1 1 0 0 1 1 1v18a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1Zm3 16h2',
  sports: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM3.5 9.5c5 1 12 1 17 0M3.5 14.5c5-1 12-1 17 0M12 3c-3 5-3 13 0 18M12 3c3 5 3 13 0 18',
  stationery: 'm4 20 4-1 11-11-3-3L5 16l-1 4Zm10-14 3 3',
  beauty: 'M10 2h4v4h-4V2ZM8 6h8v14a2 2 0 0 1-2 2h-4a2 2 0 0 1-2-2V6Zm0 5h8',
  bags: 'M5 8h14l-1 13H6L5 8Zm4 0V6a3 3 0 0 1 6 0v2',
  baby: 'M12 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8ZM6 21a6 6 0 0 1 12 0M10 8h.01M14 8h.01',
  pets: 'M12 13c-3 0-5 3-5 5a2 2 0 0 0 2 2c1 0 2-1 3-1s2 1 3 1a2 2 0 0 0 2-2c0-2-2-5-5-5ZM6 9.5a1.5 2 0 1 0 0 .1M18 9.5a1.5 2 0 1 0 0 .1M9.5 6a1.5 2 0 1 0 0 .1M14.5 6a1.5 2 0 1 0 0 .1',
  toys: 'M12 3l2.5 5 5.5.8-4 3.9.9 5.5L12 15.6 7.1 18.2 8 12.7 4 8.8l5.5-.8L12 3Z',
  automotive: 'M3 15v-3l2-5h14l2 5v3H3Zm0 0v3h3v-3m12 0v3h3v-3M6 12h12',
  tools: 'M14 6a4 4 0 0 0 5 5l-9 9a2 2 0 0 1-3-3l9-9a4 4 0 0 0-2-2Z',
  food: 'M12 21c-4 0-7-3-7-7 0-3 2-6 5-6 1 0 1.5.5 2 .5s1-.5 2-.5c3 0 5 3 5 6 0 4-3 7-7 7ZM12 8c0-2 1-4 3-5',
  computers: 'M3 5h18v11H3V5Zm5 15h8m-4-4v4',
  tag: 'M3 12V3h9l9 9-9 9-9-9Zm4.5-4.5h.01',
};

/** Maps a top-level category name to an icon and a hue. */
export function categoryLook(top: string | undefined): { icon: string; hue: number } {
  const t = (top ?? '').toLowerCase();
  const table: Array<[RegExp, keyof typeof CATEGORY_ICONS, number]> = [
    [/foot|shoe/, 'footwear', 25],
    [/cloth|apparel|fashion|wear/, 'clothing', 340],
    [/jewel|ring/, 'jewellery', 45],
    [/watch/, 'watches', 210],
    [/kitchen|dining/, 'kitchen', 15],
    [/furniture/, 'furniture', 30],
    [/home|decor|furnish/, 'home', 160],
    [/mobile|phone/, 'mobiles', 230],
    [/sport|fitness/, 'sports', 120],
    [/pen|station|office/, 'stationery', 260],
    [/beauty|personal|care/, 'beauty', 300],
    [/bag|wallet|belt|luggage/, 'bags', 20],
    [/baby|infant/, 'baby', 190],
    [/pet/, 'pets', 35],
    [/toy|game/, 'toys', 50],
    [/auto|car/, 'automotive', 200],
    [/tool|hardware/, 'tools', 180],
    [/food|nutrition|grocer/, 'food', 95],
    [/computer|laptop|electronic/, 'computers', 220],
  ];
  for (const [re, icon, hue] of table) if (re.test(t)) return { icon: CATEGORY_ICONS[icon], hue };
  let h = 0;
  for (const ch of t) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return { icon: CATEGORY_ICONS.tag, hue: h };
}
