/**
 * What every bridge does (squoosh's worker-bridge): start the worker lazily on the first call, cancel by
 * terminating it (the only way to stop a tight loop such as a TF.js training step), reject every call in flight when
 * it stops, and let it go after an idle timeout. The subclasses are the only code that calls comlink.wrap().
 */
import { releaseProxy, wrap, type Remote } from 'comlink';
import { abortError, throwIfAborted } from '../../shared/errors.ts';

export interface BridgeOptions<Api> {
  /** Terminate the worker after this long without calls (model workers: long, since warm-up is costly). */
  idleMs: number;
  /** Runs once per worker start, before the first call (e.g. hand over the catalog again). */
  onStart?: (remote: Remote<Api>) => Promise<void>;
}

export class WorkerBridge<Api> {
  #worker: Worker | null = null;
  #remote: Remote<Api> | null = null;
  #ready: Promise<Remote<Api>> | null = null;
  #idle: ReturnType<typeof setTimeout> | null = null;
  #inFlight = new Set<(err: unknown) => void>();
  #starts = 0;

  constructor(
    private readonly create: () => Worker,
    private readonly options: BridgeOptions<Api>,
  ) {}

  /** How many times a worker was started (for status displays and tests). */
  get starts(): number {
    return this.#starts;
  }

  get running(): boolean {
    return this.#worker !== null;
  }

  #start(): Promise<Remote<Api>> {
    if (this.#ready) return this.#ready;
    const worker = this.create();
    this.#starts++;
    this.#worker = worker;
    const remote = wrap<Api>(worker);
    this.#remote = remote;
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.#fail(new Error(`The background worker stopped: ${e.message || 'it could not start'}. Reload the page to try again.`));
    });
    const ready = (async () => {
      await this.options.onStart?.(remote);
      return remote;
    })();
    this.#ready = ready;
    ready.catch(() => this.terminate());
    return ready;
  }

  /**
   * Calls into the worker. On abort the call rejects with an AbortError at once, and
   * - `'terminate'` (the default, for long calls such as training): the worker is terminated, which is the only way
   *   to stop it mid-loop; every other call in flight rejects too, and the next call starts a fresh worker;
   * - `'ignore'` (for quick queries such as a shelf or a search): the worker finishes the call and its result is
   *   dropped, so that a superseded query does not kill the worker under the other queries.
   */
  protected async call<T>(signal: AbortSignal | undefined, fn: (remote: Remote<Api>) => Promise<T>, onAbort: 'terminate' | 'ignore' = 'terminate'): Promise<T> {
    throwIfAborted(signal);
    if (this.#idle) clearTimeout(this.#idle);
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        this.#inFlight.delete(reject);
        signal?.removeEventListener('abort', aborted);
        if (this.#inFlight.size === 0) this.#scheduleIdle();
      };
      const aborted = () => {
        settle();
        reject(abortError());
        if (onAbort === 'terminate') this.terminate();
      };
      signal?.addEventListener('abort', aborted, { once: true });
      this.#inFlight.add(reject);
      this.#start()
        .then(fn)
        .then(
          (v) => {
            settle();
            resolve(v);
          },
          (err: unknown) => {
            settle();
            reject(err);
          },
        );
    });
  }

  #scheduleIdle(): void {
    if (this.#idle) clearTimeout(this.#idle);
    if (!this.#worker) return;
    this.#idle = setTimeout(() => {
      if (this.#inFlight.size === 0) this.terminate();
    }, this.options.idleMs);
  }

  #fail(err: unknown): void {
    const rejects = [...this.#inFlight];
    this.terminate();
    for (const r of rejects) r(err);
  }

  /** Stops the worker now. Calls in flight reject with AbortError; the next call starts a fresh worker. */
  terminate(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    this.#remote?.[releaseProxy]();
    this.#worker?.terminate();
    this.#worker = null;
    this.#remote = null;
    this.#ready = null;
    const rejects = [...this.#inFlight];
    this.#inFlight.clear();
    for (const r of rejects) r(abortError('The background worker was stopped.'));
  }
}
