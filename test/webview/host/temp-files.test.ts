// The private folder of decrypted files opened in VS Code: each file in its own random folder,
// readable by the user only, never overwriting another; gone when the extension stops; a
// folder left by a window that crashed swept three days later, another live window's kept.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync, utimesSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TempFiles } from '../../../extension/files/temp-files';

describe('host temporary files for opened attachments', () => {
  let root: string;
  beforeEach(async () => (root = join(await mkdtemp(join(tmpdir(), 'tc-temp-')), 'opened-files')));
  afterEach(() => rm(dirname(root), { recursive: true, force: true }));

  it('writes each file under a fresh random folder, private to the user, and removes them all on dispose', async () => {
    const temp = new TempFiles(root);
    const a = await temp.write('photo.png', new Uint8Array([1, 2]));
    const b = await temp.write('photo.png', new Uint8Array([3]));
    assert.notEqual(dirname(a), dirname(b), 'the same name twice: two files, neither overwritten');
    assert.deepEqual([...(await readFile(a))], [1, 2]);
    assert.ok(a.startsWith(temp.dir));
    if (process.platform !== 'win32') {
      assert.equal(statSync(a).mode & 0o777, 0o600);
      assert.equal(statSync(dirname(a)).mode & 0o777, 0o700);
    }
    temp.dispose();
    assert.equal(existsSync(temp.dir), false);
    assert.equal(existsSync(root), true, 'other windows\' folders stay');
  });

  it('sweeps a crashed window\'s folder after three days, and leaves a younger one', () => {
    mkdirSync(join(root, 'w-old', 'x'), { recursive: true });
    mkdirSync(join(root, 'w-live'), { recursive: true });
    const fourDaysAgo = (Date.now() - 4 * 24 * 3600 * 1000) / 1000;
    utimesSync(join(root, 'w-old'), fourDaysAgo, fourDaysAgo);
    new TempFiles(root).dispose();
    assert.equal(existsSync(join(root, 'w-old')), false);
    assert.equal(existsSync(join(root, 'w-live')), true);
  });
});
