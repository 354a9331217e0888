/** Turns a caller's ModerationConfigInput into a complete, validated configuration (ConfigError on bad values). */
import { ConfigError } from '../../../src/shared/errors.ts';
import {
  isModerationCategory,
  MODERATION_CATEGORIES,
  type CategoryThresholds,
  type ModerationCategory,
  type ModerationConfigInput,
} from '../../../src/shared/moderation.ts';
import { DEFAULT_PROHIBITED, DEFAULT_THRESHOLDS, MAX_TEXT_CHARS } from './constants.ts';
import { compileProhibited, type CompiledProhibited } from './prohibited.ts';

export interface ResolvedModerationConfig {
  thresholds: Record<ModerationCategory, CategoryThresholds>;
  enabled: ModerationCategory[];
  prohibited: CompiledProhibited;
  maxChars: number;
}

const cache = new WeakMap<ModerationConfigInput, ResolvedModerationConfig>();
let defaultConfig: ResolvedModerationConfig | undefined;

export function resolveModerationConfig(input?: ModerationConfigInput): ResolvedModerationConfig {
  if (!input) return (defaultConfig ??= build({}));
  let resolved = cache.get(input);
  if (!resolved) {
    resolved = build(input);
    cache.set(input, resolved);
  }
  return resolved;
}

function build(input: ModerationConfigInput): ResolvedModerationConfig {
  const thresholds = {} as Record<ModerationCategory, CategoryThresholds>;
  for (const key of Object.keys(input.thresholds ?? {})) {
    if (!isModerationCategory(key)) {
      throw new ConfigError(`Unknown moderation category "${key}" in thresholds. Use one of: ${MODERATION_CATEGORIES.join(', ')}.`);
    }
  }
  for (const category of MODERATION_CATEGORIES) {
    const given = input.thresholds?.[category] ?? {};
    const t = { ...DEFAULT_THRESHOLDS[category], ...given };
    for (const k of ['flag', 'block'] as const) {
      if (typeof t[k] !== 'number' || !Number.isFinite(t[k]) || t[k] < 0 || t[k] > 1) {
        throw new ConfigError(`The ${k} threshold for "${category}" must be a number from 0 to 1, not ${JSON.stringify(t[k])}.`);
      }
    }
    if (t.flag > t.block) {
      throw new ConfigError(
        `The flag threshold for "${category}" (${t.flag}) is above its block threshold (${t.block}). Flag must be at most block.`,
      );
    }
    thresholds[category] = t;
  }
  const disabled = input.disabled ?? [];
  for (const c of disabled) {
    if (!isModerationCategory(c)) throw new ConfigError(`Unknown moderation category "${c}" in disabled. Use one of: ${MODERATION_CATEGORIES.join(', ')}.`);
  }
  const maxChars = input.maxChars ?? MAX_TEXT_CHARS;
  if (!Number.isInteger(maxChars) || maxChars < 1) {
    throw new ConfigError(`maxChars must be a whole number of characters, 1 or more, not ${JSON.stringify(input.maxChars)}.`);
  }
  const list = [...(input.prohibited ?? DEFAULT_PROHIBITED), ...(input.extraProhibited ?? [])];
  return {
    thresholds,
    enabled: MODERATION_CATEGORIES.filter((c) => !disabled.includes(c)),
    prohibited: compileProhibited(list),
    maxChars,
  };
}
