/** The baselines behind one interface, by name. */
import { ItemKnn } from './item-knn.ts';
import { LastItemMarkov } from './markov.ts';
import { ArticleMlp } from './mlp.ts';
import { MostPopular } from './popular.ts';
import type { SequentialModel } from './types.ts';

export { ArticleMlp, ItemKnn, LastItemMarkov, MostPopular };
export type { FitContext, SequentialModel } from './types.ts';

export const BASELINES = ['popular', 'markov', 'knn', 'mlp'] as const;
export type BaselineName = (typeof BASELINES)[number];

export function createBaseline(name: BaselineName): SequentialModel {
  switch (name) {
    case 'popular':
      return new MostPopular();
    case 'markov':
      return new LastItemMarkov();
    case 'knn':
      return new ItemKnn();
    case 'mlp':
      return new ArticleMlp();
    default: {
      const never: never = name;
      throw new Error(`Unknown baseline ${String(never)}`);
    }
  }
}
