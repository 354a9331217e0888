/**
 * The bundled Chinese → English shop lexicon (src/shared/text/lexicon/zh-en.json: CC-CEDICT, MDBG, CC BY-SA 4.0;
 * built by scripts/build-lexicon.ts). It is part of the worker's own bundle (about 50 KB gzipped), so it works
 * offline with the worker; it is parsed once, on the first search.
 */
import type { LexiconFile } from '../../src/shared/text/query.ts';
import file from '../../src/shared/text/lexicon/zh-en.json';

export function bundledLexicon(): LexiconFile {
  return file as LexiconFile;
}
