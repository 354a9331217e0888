/** What the loader (src/embed/loader.ts) and the runtime (src/embed/runtime.ts) say to each other. Types only. */
import type { Command, EmbedConfig, ShelfAttributes } from './config.ts';

/** What an element shows: its reserved space while loading and shown; hidden when empty or failed. */
export type WidgetState = 'loading' | 'shown' | 'empty' | 'failed';

export interface Runtime {
  mountShelf(root: ShadowRoot, attrs: ShelfAttributes, report: (s: WidgetState) => void): () => void;
  mountSearch(root: ShadowRoot, report: (s: WidgetState) => void): () => void;
  mountAssistant(root: ShadowRoot, report: (s: WidgetState) => void): () => void;
  run(command: Command): void;
}

export interface RuntimeModule {
  start(config: EmbedConfig, error: (message: string) => void): Promise<Runtime>;
}
