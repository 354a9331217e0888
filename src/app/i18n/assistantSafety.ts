/** The assistant's moderation of its own answers and of imported conversations (src/shared/answer-moderation.ts). */
import type { ModerationCategory } from '../../shared/moderation.ts';
import type { PluralForms } from './format.ts';

export const assistantSafetyEn = {
  withheld: (p: { parts: string; why: string }) => `I left out ${p.parts} of this answer: the shop's text there did not pass the content check (${p.why}).`,
  parts: { one: '# part', other: '# parts' } as PluralForms,
  unchecked: 'This answer is not shown: the content check could not run on this device, and nothing is shown unchecked. Try again in a moment.',
  categories: { toxic: 'offensive wording', hate: 'hateful wording', spam: 'spam or a scam', 'personal-data': 'personal details', links: 'links', incentivised: 'paid-for praise', prohibited: 'items not allowed' } satisfies Record<ModerationCategory, string>,
  heldOnImport: (p: { why: string }) => `Held when imported: this message did not pass the content check (${p.why}). It is kept, not shown.`,
  notChecked: 'not checked yet',
  importHeld: (p: { n: string }) => `${p.n} conversation messages held: they failed the content check (Your data marks them)`,
};

export const assistantSafetyZh: typeof assistantSafetyEn = {
  withheld: (p) => `这条回答中有 ${p.parts} 未显示：店铺在那里的文字没有通过内容检查（${p.why}）。`,
  parts: { other: '# 处内容' } as PluralForms,
  unchecked: '这条回答未显示：本设备上的内容检查无法运行，未经检查的内容不会显示。请稍后再试。',
  categories: { toxic: '冒犯性用语', hate: '仇恨言论', spam: '垃圾信息或诈骗', 'personal-data': '个人信息', links: '链接', incentivised: '有偿好评', prohibited: '违禁商品' },
  heldOnImport: (p) => `导入时已暂扣：这条消息没有通过内容检查（${p.why}）。消息已保留，但不显示。`,
  notChecked: '尚未检查',
  importHeld: (p) => `${p.n} 条对话消息已暂扣：它们没有通过内容检查（“您的数据”中已标注）`,
};
