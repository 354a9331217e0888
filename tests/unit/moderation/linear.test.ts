/**
 * Every moderation rule runs in linear time: a hostile 50,000-character text (a long run of what a pattern looks
 * for, ending in a character that makes a backtracking pattern fail at the last moment) must finish well inside
 * the per-test timeout. Nothing is timed here: the timeout is the guard. Before the rules were made linear,
 * repeated "a." took 5.9 s at 20,000 characters (quadratic: about 35 s at 50,000), repeated "1" 2.3 s.
 */
import { describe, expect, it } from 'vitest';
import { normaliseViews, unreadLetters } from '../../../workers/language/moderation/normalise.ts';
import { chunkForClassifier, findRuleFindings, maskNumbers } from '../../../workers/language/moderation/moderate.ts';
import { asksForAction } from '../../../workers/language/moderation/spam.ts';
import { resolveModerationConfig } from '../../../workers/language/moderation/config.ts';
import { HOSTILE_UNITS, hostileText } from '../../../scripts/moderation/hostile-inputs.ts';

const LENGTH = 50_000;
const config = resolveModerationConfig({ maxChars: LENGTH });

describe('the rules are linear on hostile text', () => {
  for (const [unit, end] of HOSTILE_UNITS) {
    it(`${JSON.stringify(unit)} repeated to ${LENGTH.toLocaleString('en')} characters, then ${JSON.stringify(end)}`, { timeout: 15_000 }, () => {
      const text = hostileText(unit, end, LENGTH);
      expect(text.length).toBe(LENGTH);
      const views = normaliseViews(text);
      const findings = findRuleFindings(views, config);
      asksForAction(views);
      maskNumbers(text);
      unreadLetters(views.canonical.text);
      const chunks = chunkForClassifier(text);
      expect(Array.isArray(findings)).toBe(true);
      expect(chunks.map((c) => c.text).join('').length).toBeGreaterThan(0);
    });
  }

  it('the bounded patterns still find what they are for', () => {
    const found = (t: string) => findRuleFindings(normaliseViews(t), config).map((f) => f.kind);
    expect(found('visit deals4u dot shop dot com today')).toContain('obfuscated-link');
    expect(found('mail john.doe at gmail dot com')).toContain('email');
    expect(found('call me on 98765 4321O')).toContain('phone');
    expect(found('call nine eight seven six five four three two one zero')).toContain('phone');
    expect(found('1000 followers for just Rs 99, buy instagram followers')).toContain('followers');
    expect(found('calls cost 150p / min')).toContain('premium-call');
  });
});
