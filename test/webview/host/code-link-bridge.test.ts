// The host side of a code link click: the bridge checks the target the panel sent again
// (common/code/code-links.ts) and hands the host only a clean copy; anything else is dropped.
import * as assert from 'node:assert/strict';
import type { CodeLinkTarget } from '../../../common/code/code-links';
import { PanelBridge } from '../../../extension/panel/panel-bridge';

describe('host code link clicks', () => {
  it('opens a checked target, and drops paths out of the workspace, refs that are no hash and shapes it does not know', async () => {
    const opened: CodeLinkTarget[] = [];
    const bridge = new PanelBridge({
      post: () => undefined,
      runAction: () => undefined,
      openSnippet: () => undefined,
      openCodeLink: (t) => opened.push(t),
      copyMessageLink: () => undefined,
      sessionWithoutChat: () => ({ state: 'locked' }),
      warn: () => undefined,
    });
    const send = (params: unknown) => bridge.receive({ method: 'code/openLink', params });
    await send({ target: { kind: 'path', path: 'src/retry.ts', line: 4, endLine: 6, extra: '<b>' } });
    await send({ target: { kind: 'commit', hash: 'a1b2c3d4' } });
    await send({ target: { kind: 'issue', number: 12 } });
    for (const bad of [
      undefined, null, 'src/a.ts:1', { target: null }, { target: { kind: 'path', path: '../../.ssh/id_ed25519', line: 1 } }, { target: { kind: 'path', path: '/etc/passwd', line: 1 } },
      { target: { kind: 'path', path: 'src/*.ts', line: 1 } }, { target: { kind: 'commit', hash: '--output=/tmp/x' } }, { target: { kind: 'commit', hash: 'HEAD' } },
      { target: { kind: 'issue', number: '12' } }, { target: { kind: 'issue', number: 0 } }, { target: { kind: 'url', url: 'https://evil.example' } }, JSON.parse('{"__proto__": {"kind": "issue", "number": 1}}'),
    ]) {
      await send(bad);
    }
    assert.deepEqual(opened, [
      { kind: 'path', path: 'src/retry.ts', line: 4, endLine: 6 },
      { kind: 'commit', hash: 'a1b2c3d4' },
      { kind: 'issue', number: 12 },
    ]);
  });
});
