/**
 * A load that runs once and is kept when it succeeds, and is forgotten when it fails so that the next call tries
 * again (a flaky first model load must not disable a feature for the whole session).
 */
export function retryableOnce<T>(load: () => Promise<T>): { load(): Promise<T>; reset(): void } {
  let pending: Promise<T> | undefined;
  return {
    load() {
      pending ??= load().catch((err: unknown) => {
        pending = undefined;
        throw err;
      });
      return pending;
    },
    reset() {
      pending = undefined;
    },
  };
}
