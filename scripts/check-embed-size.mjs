#!/usr/bin/env node
/**
 * The embed loader's size budget: dist/embed/aisle.js, the one file a merchant's page loads up front, must stay under
 * 10 KB gzipped (plausible's "track script size on every pull request"). Run after `npm run build`; npm test runs it.
 * Prints the size; exits 1 over the budget or when the file is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const FILE = process.argv[2] ?? 'dist/embed/aisle.js';
const BUDGET = 10 * 1024;
if (!existsSync(FILE)) {
  console.error(`${FILE} is missing: run npm run build first (it builds the app and dist/embed).`);
  process.exit(1);
}
const raw = readFileSync(FILE);
const gz = gzipSync(raw, { level: 9 }).length;
const line = `embed loader ${FILE}: ${raw.length} bytes, ${gz} bytes gzipped (budget ${BUDGET})`;
if (gz > BUDGET) {
  console.error(`${line}: over the budget by ${gz - BUDGET} bytes. Move code from src/embed/loader.ts into the lazily loaded runtime.`);
  process.exit(1);
}
console.log(`${line}: ok`);
