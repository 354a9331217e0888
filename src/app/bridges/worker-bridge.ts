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
  /**
   * While this says true the idle timeout lets the worker be (one whose start is costly: the recommender worker holds
   * the catalog and its indexes, and a restart re-sends and re-indexes every product).
   */
  keepAlive?: () => boolean;
  /** Runs once per worker start, before the first call (e.g. hand over the catalog again). */
  onStart?: (remote: Remote<Api>) => Promise<void>;
}

export class WorkerBridge<Api> {
  #worker: Worker | null = null;
  #remote: Remote<Api> | null = null;
  #ready: Promise<Remote<Api>> | null = null;
  #idle: ReturnType<typeof setTimeout> | null = null;
  /** How to fail each call in flight: detaches it from its signal and rejects it. */
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
      this.terminate(new Error(`The background worker stopped: ${e.message || 'it could not start'}. Reload the page to try again.`));
    });
    const ready = (async () => {
      await this.options.onStart?.(remote);
      return remote;
    })();
    this.#ready = ready;
    ready.catch((err: unknown) => this.terminate(err));
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
        this.#inFlight.delete(fail);
        signal?.removeEventListener('abort', aborted);
        if (this.#inFlight.size === 0) this.#scheduleIdle();
      };
      const fail = (err: unknown) => {
        settle();
        reject(err);
      };
      const aborted = () => {
        fail(abortError());
        if (onAbort === 'terminate') this.terminate();
      };
      signal?.addEventListener('abort', aborted, { once: true });
      this.#inFlight.add(fail);
      this.#start()
        .then(fn)
        .then((v) => {
          settle();
          resolve(v);
        }, fail);
    });
  }

  #scheduleIdle(): void {
    if (this.#idle) clearTimeout(this.#idle);
    if (!this.#worker || this.options.keepAlive?.()) return;
    this.#idle = setTimeout(() => {
      if (this.#inFlight.size === 0) this.terminate();
    }, this.options.idleMs);
  }

  /**
   * Stops the worker now. Calls in flight reject with `reason` (an AbortError unless the worker failed); the next call
   * starts a fresh worker.
   */
  terminate(reason: unknown = abortError('The background worker was stopped.')): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    this.#remote?.[releaseProxy]();
    this.#worker?.terminate();
    this.#worker = null;
    this.#remote = null;
    this.#ready = null;
    const fails = [...this.#inFlight];
    this.#inFlight.clear();
    for (const f of fails) f(reason);
  }
}
