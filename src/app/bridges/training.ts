/**
 * The page's handle on the training worker (workers/training.worker.ts): the merchant console trains the preference
 * model on a log, exports and reads the pre-trained model file, and evaluates the log against the baselines. Imports
 * only the worker's API type. Cancelling a training is cooperative (`cancelTraining`: the run saves a checkpoint and
 * resolves as cancelled, so it can resume); an aborted signal terminates the worker (the checkpoint saved last stays).
 */
import { proxy } from 'comlink';
import type { TrainingApi } from '../../../workers/training.worker.ts';
import type { DatasetFormat, TrainCatalog, TrainProgress, TrainRequest, TrainResult, BackendPreference } from '../../shared/training.ts';
import { WorkerBridge } from './worker-bridge.ts';

type Api = TrainingApi;
export type LogInspection = Awaited<ReturnType<Api['inspectLog']>>;
export type LogEvaluation = Awaited<ReturnType<Api['evaluateLog']>>;
export type ImportedModel = Awaited<ReturnType<Api['importModel']>>;
export type CheckpointInfo = Awaited<ReturnType<Api['checkpointInfo']>>;

export class TrainingBridge extends WorkerBridge<Api> {
  constructor(idleMs = 5 * 60_000) {
    super(() => new Worker(new URL('../../../workers/training.worker.ts', import.meta.url), { type: 'module', name: 'training' }), { idleMs });
  }

  inspectLog(signal: AbortSignal | undefined, name: string, text: string, format: DatasetFormat, catalog?: { name: string; productIds: string[] } | null): Promise<LogInspection> {
    return this.call<LogInspection>(signal, (r) => r.inspectLog(name, text, format, catalog) as Promise<LogInspection>);
  }

  checkpointInfo(checkpointId: string): Promise<CheckpointInfo> {
    return this.call(undefined, (r) => r.checkpointInfo(checkpointId));
  }

  train(signal: AbortSignal | undefined, request: TrainRequest, onProgress: (p: TrainProgress) => void): Promise<TrainResult> {
    return this.call(signal, (r) => r.train(request, proxy(onProgress)));
  }

  /** Asks the running training to stop after its current step; it saves a checkpoint and resolves as cancelled. */
  cancelTraining(): Promise<void> {
    return this.call(undefined, async (r) => r.cancelTraining(), 'ignore');
  }

  exportModel(signal: AbortSignal | undefined, checkpointId: string, extra?: Record<string, unknown>) {
    return this.call(signal, (r) => r.exportModel(checkpointId, extra));
  }

  importModel(signal: AbortSignal | undefined, checkpointId: string, data: unknown, backend?: BackendPreference, catalog?: TrainCatalog | null): Promise<ImportedModel> {
    return this.call(signal, (r) => r.importModel(checkpointId, data, backend, catalog));
  }

  evaluateLog(signal: AbortSignal | undefined, log: { name: string; text: string; format: DatasetFormat }, options: { checkpointId?: string | null; maxUsers?: number; backend?: BackendPreference; catalog?: TrainCatalog | null }, onModel?: (name: string, index: number, total: number) => void): Promise<LogEvaluation> {
    return this.call(signal, (r) => r.evaluateLog(log, options, onModel ? proxy(onModel) : undefined));
  }

  dispose(): void {
    this.terminate();
  }
}
