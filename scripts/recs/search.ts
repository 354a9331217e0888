/**
 * The small search on validation for the learning rate and dropout (the recipe's third part): short trial runs, one
 * coordinate at a time: the learning rate at {½×, 1×, 2×} the default with the default dropout, then the dropout at
 * {0.2, 0.3, 0.5} with the best rate. Each trial is the recipe's run cut to `TRIAL_EPOCHS` epochs (and a share of the
 * time budget, when there is one), validated on at most `TRIAL_VALIDATION_USERS` users; the best validation NDCG@10
 * wins. Only the validation items decide: the test items are never looked at. Whether it pays is measured in
 * MODEL.md (`eval:recs -- --recipe --search`). Node only.
 */
import type { TrainOptions, TrainReport } from '../../src/shared/training.ts';

export const TRIAL_EPOCHS = 5;
export const TRIAL_VALIDATION_USERS = 5000;
/** Share of the run's time budget each trial may use. */
export const TRIAL_BUDGET_SHARE = 0.08;
export const LR_FACTORS = [0.5, 1, 2] as const;
export const DROPOUTS = [0.2, 0.3, 0.5] as const;

export const SEARCH_HELP = `  --search               with --recipe: choose the learning rate (½×, 1×, 2× the default) and then the dropout
                         (0.2, 0.3, 0.5) by short trial runs on the validation items before the real run
`;

export interface Trial {
  learningRate: number;
  dropout: number;
  train: Partial<TrainOptions>;
}

export interface SearchResult {
  best: { learningRate: number; dropout: number; ndcg10: number };
  trials: Array<{ lr: number; dropout: number; 'valid_ndcg@10': number; s: number }>;
  seconds: number;
}

export async function searchLrDropout(
  start: { learningRate: number; dropout: number; budgetS: number; fixed: { lr: boolean; dropout: boolean } },
  runTrial: (t: Trial) => Promise<TrainReport>,
  log?: (line: string) => void,
): Promise<SearchResult> {
  const t0 = performance.now();
  const train: Partial<TrainOptions> = {
    epochs: TRIAL_EPOCHS,
    maxEpochs: TRIAL_EPOCHS, // the adaptive schedule may not move a trial's end out
    validationUsers: TRIAL_VALIDATION_USERS,
    testEachValidation: false,
    ...(start.budgetS > 0 ? { timeBudgetS: start.budgetS * TRIAL_BUDGET_SHARE } : {}),
  };
  const trials: SearchResult['trials'] = [];
  const tried = new Map<string, number>();
  const score = async (learningRate: number, dropout: number): Promise<number> => {
    const key = `${learningRate}/${dropout}`;
    const known = tried.get(key);
    if (known !== undefined) return known;
    const ts = performance.now();
    const report = await runTrial({ learningRate, dropout, train });
    const ndcg10 = report.best?.ndcg10 ?? 0;
    const s = (performance.now() - ts) / 1000;
    tried.set(key, ndcg10);
    trials.push({ lr: learningRate, dropout, 'valid_ndcg@10': Math.round(ndcg10 * 1e5) / 1e5, s: Math.round(s) });
    log?.(`lr ${learningRate} dropout ${dropout}: valid NDCG@10 ${ndcg10.toFixed(4)} (${report.epochsRun.toFixed(1)} epochs, ${s.toFixed(0)} s)`);
    return ndcg10;
  };
  let best = { learningRate: start.learningRate, dropout: start.dropout, ndcg10: -1 };
  const consider = async (learningRate: number, dropout: number) => {
    const ndcg10 = await score(learningRate, dropout);
    if (ndcg10 > best.ndcg10) best = { learningRate, dropout, ndcg10 };
  };
  for (const f of start.fixed.lr ? [1] : LR_FACTORS) await consider(start.learningRate * f, start.dropout);
  const lr = best.learningRate;
  for (const d of start.fixed.dropout ? [start.dropout] : DROPOUTS) await consider(lr, d);
  const seconds = (performance.now() - t0) / 1000;
  log?.(`chose lr ${best.learningRate}, dropout ${best.dropout} (${trials.length} trials, ${seconds.toFixed(0)} s)`);
  return { best, trials, seconds };
}
