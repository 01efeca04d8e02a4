// DESIGN.md section 4: the crypto core is pure and stands alone. It imports Node's crypto and
// the three crypto packages, its own modules and the message envelope, and nothing else.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const ALLOWED = new Set(['node:crypto', 'node:os', 'node:worker_threads', '@node-rs/argon2', '@hpke/core', '@hpke/dhkem-x25519', '../messages/envelope']);

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const patterns = [/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]/gm, /^\s*import\s+['"]([^'"]+)['"]/gm, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1] as string));
}

describe('crypto core boundaries', () => {
  const dir = path.join(root, 'common', 'crypto');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it('common/crypto imports only node:crypto, the crypto packages, itself and the envelope', () => {
    assert.ok(files.length > 5);
    for (const file of files) {
      for (const spec of importsOf(path.join(dir, file))) {
        // The worker's own source string requires node:worker_threads and node:crypto.
        assert.ok(spec.startsWith('./') || ALLOWED.has(spec), `${file} imports ${spec}`);
      }
    }
  });

  it('the message envelope imports nothing but the error classes and its own parts (file, diff, origin, diagnostic, discussion), which import only them', () => {
    const imports = [...new Set(importsOf(path.join(root, 'common', 'messages', 'envelope.ts')))].sort();
    const parts = imports.filter((spec) => spec.startsWith('./'));
    assert.deepEqual(imports.filter((spec) => !spec.startsWith('./')), ['../crypto/errors']);
    assert.ok(parts.includes('./file-attachment') && parts.includes('./snippet-origin'), parts.join(', '));
    for (const part of parts) assert.deepEqual(importsOf(path.join(root, 'common', 'messages', `${part.slice(2)}.ts`)), ['../crypto/errors'], part);
  });
});
