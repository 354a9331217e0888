/** The app's frame: its name, the skip link, the home link, the language switch. */
export const appEn = {
  name: 'Aisle',
  skipToContent: 'Skip to content',
  home: 'Aisle home',
  language: 'Language',
};

export const appZh: typeof appEn = {
  name: 'Aisle',
  skipToContent: '跳到正文',
  home: 'Aisle 首页',
  language: '语言',
};
