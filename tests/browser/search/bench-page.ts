/**
 * Benchmark page for `npm run bench:search`: encoder throughput in the real language worker, per device. Benchmark
 * harness only (the app reaches the worker through the same bridge).
 */
import { LanguageBridge } from '../../../src/app/bridges/language.ts';
import { DEFAULT_ENCODER } from '../../../src/shared/models.ts';

export interface EncoderThroughput {
  device: string;
  deviceReason: string;
  loadMs: number;
  texts: number;
  batch: number;
  textsPerSecond: number;
  /** Per-query latency (one text at a time), ms. */
  queryP50: number;
  queryP95: number;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

async function throughput(device: 'wasm' | 'webgpu', texts: string[], queries: string[]): Promise<EncoderThroughput> {
  const bridge = new LanguageBridge(new URL('/models/', location.href).href, () => device);
  try {
    const info = await bridge.loadEncoder(undefined, DEFAULT_ENCODER);
    await bridge.embed(undefined, texts.slice(0, 32));
    const t0 = performance.now();
    await bridge.embed(undefined, texts);
    const seconds = (performance.now() - t0) / 1000;
    const latencies: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      await bridge.embed(undefined, [q]);
      latencies.push(performance.now() - t);
    }
    return {
      device: info.device,
      deviceReason: info.deviceReason,
      loadMs: info.loadMs,
      texts: texts.length,
      batch: 32,
      textsPerSecond: texts.length / seconds,
      queryP50: percentile(latencies, 50),
      queryP95: percentile(latencies, 95),
    };
  } finally {
    bridge.terminate();
  }
}

const bench = { throughput };
export type SearchBench = typeof bench;
(window as unknown as { searchBench: SearchBench }).searchBench = bench;
