// Bundles the extension (dist/) and the integration suite (out/vscode-suite/index.js) that a
// VS Code extension host loads as extensionTestsPath. Shared by both runners.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const suiteEntry = path.join(root, 'out', 'vscode-suite', 'index.js');

export async function buildForVsCode() {
  const bundle = spawnSync(process.execPath, [path.join(root, 'scripts/bundle.mjs'), 'extension', 'webview'], { stdio: 'inherit' });
  if (bundle.status !== 0) throw new Error('bundling the extension failed');
  await build({
    entryPoints: [path.join(root, 'test/vscode/suite/index.ts')],
    outfile: suiteEntry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    // The suite runs from this checkout, so its packages load from node_modules.
    packages: 'external',
    external: ['vscode'],
    logLevel: 'warning',
  });
}
