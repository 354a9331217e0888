/** 简体中文: the same messages as en.ts (the type `Messages` makes a missing or extra key a type error). */
import type { Messages } from './en.ts';
import { assistantZh } from './assistant.ts';

export const zh: Messages = {
  app: {
    name: 'Aisle',
    skipToContent: '跳到正文',
    home: 'Aisle 首页',
    language: '语言',
  },
  header: {
    shop: '商店',
    yourData: '我的数据',
    cart: (p) => `购物车，${p.items}`,
    privateTitle: '隐私优先。',
    privateText: 'Aisle 只在这台设备上了解你的喜好，关于你的任何信息都不会被发送出去。',
    offTitle: '个性化已关闭。',
    offText: '你的操作不会被记录；每个人看到的推荐都一样。',
    seeData: '查看这台设备知道什么',
  },
  assistant: assistantZh,
  units: {
    item: { other: '# 件商品' },
  },
};
