/**
 * The moderation benchmark page: the real language worker (the bundled classifier and the rules, through the same
 * verified model store the app uses) and the real vision worker, through their bridges, timed per item.
 */
import { LanguageBridge } from '../../../src/app/bridges/language.ts';
import { VisionBridge } from '../../../src/app/bridges/vision.ts';

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface BrowserBenchResult {
  text: { loadMs: number; perReview: Stats; decisions: Record<string, number> };
  image: { backend: string; loadMs: number; perImage: Stats };
}

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return { n: s.length, p50: at(50), p95: at(95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

function syntheticImage(i: number): ImageData {
  const canvas = new OffscreenCanvas(320, 240);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = `hsl(${(i * 47) % 360} 40% 85%)`;
  ctx.fillRect(0, 0, 320, 240);
  ctx.fillStyle = `hsl(${(i * 91) % 360} 60% 40%)`;
  ctx.fillRect(60 + (i % 5) * 10, 50, 180, 140);
  return ctx.getImageData(0, 0, 320, 240);
}

async function run(reviews: string[], images: number): Promise<BrowserBenchResult> {
  const language = new LanguageBridge(new URL('/models/', location.href).href, () => 'wasm');
  const started = performance.now();
  await language.loadModeration();
  const loadMs = performance.now() - started;
  await language.moderate(undefined, reviews.slice(0, 5));
  const textTimes: number[] = [];
  const decisions: Record<string, number> = {};
  for (const r of reviews) {
    const t = performance.now();
    const [result] = await language.moderate(undefined, [r]);
    textTimes.push(performance.now() - t);
    decisions[result.decision] = (decisions[result.decision] ?? 0) + 1;
    if (result.decision === 'hold') throw new Error(`held: ${result.held?.cause}`);
  }
  language.terminate();

  const vision = new VisionBridge();
  const load = await vision.load();
  const times: number[] = [];
  for (let i = 0; i < images; i++) {
    const t = performance.now();
    const bitmap = await createImageBitmap(syntheticImage(i));
    const r = await vision.classify(undefined, bitmap);
    times.push(performance.now() - t);
    if (r.decision === 'hold') throw new Error(`image held: ${r.held?.cause}`);
  }
  vision.terminate();
  return {
    text: { loadMs, perReview: stats(textTimes), decisions },
    image: { backend: load.backend, loadMs: load.loadMs, perImage: stats(times.slice(1)) },
  };
}

declare global {
  interface Window {
    runModerationBench?: (reviews: string[], images: number) => Promise<BrowserBenchResult>;
  }
}

window.runModerationBench = async (reviews, images) => {
  const out = document.getElementById('out')!;
  out.textContent = `running ${reviews.length} reviews and ${images} images...`;
  const result = await run(reviews, images);
  out.textContent = JSON.stringify(result, null, 2);
  return result;
};
document.getElementById('out')!.textContent = 'ready';
