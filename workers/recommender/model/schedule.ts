/**
 * Letting the event loop run between training steps, so a worker answers messages (progress reads, a cooperative
 * cancel) while it trains. A macrotask is needed (awaiting a resolved promise only runs microtasks); MessageChannel
 * is not clamped to 4 ms as nested setTimeout is. In Node, setImmediate does the same.
 */
type Resolver = () => void;

let channel: MessageChannel | null = null;
const queue: Resolver[] = [];

export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    return new Promise((resolve) => g.setImmediate!(resolve));
  }
  if (typeof MessageChannel === 'function') {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => queue.shift()?.();
    }
    return new Promise((resolve) => {
      queue.push(resolve);
      channel!.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
