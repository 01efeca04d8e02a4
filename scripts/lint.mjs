#!/usr/bin/env node
// `npm run lint` and the lint test phase: typescript-eslint's type-aware rules (eslint.config.mjs)
// over every TypeScript file. Each file is one test: it passes with no finding.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });
const results = await eslint.lintFiles(['.']);
const output = (await eslint.loadFormatter('stylish')).format(results);
if (output) console.log(output);
const failed = results.filter((r) => r.errorCount + r.warningCount + r.fatalErrorCount > 0).length;
console.log(`lint: ${results.length} files, ${failed} with findings`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
