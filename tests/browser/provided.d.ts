/** Values the browser project's global setup provides to tests (tests/browser/global-setup.ts). */
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    hubUrl: string;
  }
}
