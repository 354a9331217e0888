/** Categories of misses that the fresh holdout (tests/fixtures/moderation/fresh-*.jsonl) found, fixed as categories. */
import { describe, expect, it } from 'vitest';
import { findRuleFindings } from '../../../workers/language/moderation/moderate.ts';
import { normaliseViews } from '../../../workers/language/moderation/normalise.ts';
import { resolveModerationConfig } from '../../../workers/language/moderation/config.ts';
import { maskBenignIdioms } from '../../../workers/language/moderation/idioms.ts';

describe('categories found by the fresh holdout', () => {
  const kinds = (t: string) => findRuleFindings(normaliseViews(t), resolveModerationConfig()).map((f) => `${f.category}:${f.kind}`);
  it('a "www" name with commas or spaces for dots is a link', () => {
    expect(kinds('www,cheapmugs,com').some((k) => k.startsWith('links:'))).toBe(true);
    expect(kinds('www cheap-mugs com for less').some((k) => k.startsWith('links:'))).toBe(true);
    expect(kinds('the www, the web, is big').some((k) => k.startsWith('links:'))).toBe(false);
  });
  it('the masked middle of a profanity is profanity; a hole is not', () => {
    expect(kinds('u r an a-hole')).toContain('toxic:insult');
    expect(kinds('what an a**hole')).toContain('toxic:profanity');
    expect(kinds('there is a hole in the sole')).toEqual([]);
  });
  it('easy money with inflected verbs, parcel-fee and share-to-get scams are spam cues', () => {
    expect(kinds('working from home, make $500 a day')).toContain('spam:easy-money');
    expect(kinds('Your parcel is on hold, pay the fee')).toContain('spam:parcel-scam');
    expect(kinds('my parcel was on hold for a week at customs')).toEqual([]);
    expect(kinds('免费领取iPhone，只需转发朋友圈')).toContain('spam:zh-share');
  });
  it('shop idioms are masked for the classifier\'s second reading, insults beside them are not', () => {
    expect(maskBenignIdioms('Idiot-proof, and a beast of a phone with a killer battery')).toBe('easy to use, and a great phone with a great battery');
    expect(maskBenignIdioms('you idiot')).toBe('you idiot');
  });
  it('shop idioms that praise are not insults', () => {
    expect(kinds('idiot-proof setup, stupidly comfortable')).toEqual([]);
    expect(kinds('you idiot, it is idiot-proof')).toContain('toxic:insult');
  });
});
