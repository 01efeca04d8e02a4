import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { diffLines } from '../../../client/cli/diff-text';
import { createOutput } from '../../../client/cli/output';
import type { SharedDiff } from '../../../common/messages/shared-diff';

const diff: SharedDiff = {
  source: 'working', label: 'working tree of x.ts', files: [{ path: 'x.ts', status: 'modified', added: 1, removed: 1 }],
  patch: '--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-old\n+new \x1b[2J\n',
};

function printed(tty: boolean, lines: string[]): string {
  const out = Object.assign(new PassThrough(), { isTTY: tty });
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  createOutput(false, out, new PassThrough()).result(null, lines);
  return text;
}

describe('CLI: a shared diff as printed', () => {
  const saved = process.env.NO_COLOR;
  beforeEach(() => delete process.env.NO_COLOR);
  after(() => (saved === undefined ? delete process.env.NO_COLOR : (process.env.NO_COLOR = saved)));

  it('a header with label and summary, then the lines; no colour when stdout is not a terminal', () => {
    const text = printed(false, diffLines(diff, '  '));
    assert.equal(text, '  --- diff: working tree of x.ts: 1 file, +1 -1\n  --- a/x.ts\n  +++ b/x.ts\n  @@ -1 +1 @@\n  -old\n  +new \\x1b[2J\n');
  });

  it('+ green, - red, @@ cyan on a terminal; the member\'s escape stays escaped', () => {
    const text = printed(true, diffLines(diff, '  '));
    assert.ok(text.includes('\x1b[32m  +new \\x1b[2J\x1b[0m'), JSON.stringify(text));
    assert.ok(text.includes('\x1b[31m  -old\x1b[0m'));
    assert.ok(text.includes('\x1b[36m  @@ -1 +1 @@\x1b[0m'));
    assert.equal(text.split('\x1b[').length - 1, 12, 'only the CLI\'s own colour codes, two a line');
  });

  it('NO_COLOR turns colour off on a terminal too', () => {
    process.env.NO_COLOR = '1';
    assert.ok(!printed(true, diffLines(diff, '  ')).includes('\x1b[3'));
  });

  it('a member cannot fake a colour mark: a NUL in their text is shown as \\x00', () => {
    const hostile = { ...diff, patch: '--- a/x.ts\n+++ b/x.ts\n@@ -1 +1 @@\n-a\n+\u0000+fake\n' };
    const text = printed(true, diffLines(hostile, '  '));
    assert.ok(text.includes('+\\x00+fake'), JSON.stringify(text));
  });
});
