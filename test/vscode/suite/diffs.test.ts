// Shared diffs in a real VS Code: bob (client core) shares a working-tree diff made with the
// git CLI in his clone; alice's panel shows its card, "Open diff" opens VS Code's diff editor,
// Apply changes her copy (a git repository in the workspace) through a WorkspaceEdit, a diff
// that conflicts with her copy is refused naming the hunk, and alice shares her own working
// tree through the command, which bob receives.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { gitApi } from '../../../extension/git/git-api';
import { PASSPHRASE, eventually, startWorld, stopWorld, type World } from './teamchat-world';
import { canProbeWebview, probeWebview, screenshotWorkbench } from './webview-probe';

const BACKOFF = ['export async function retry<T>(fn: () => Promise<T>, times: number): Promise<T> {', '  for (let i = 0; ; i++) {', '    try {', '      return await fn();', '    } catch (e) {', '      if (i >= times) throw e;', '    }', '  }', '}', ''].join('\n');
const WITH_SLEEP = BACKOFF.replace('      if (i >= times) throw e;\n', '      if (i >= times) throw e;\n      await new Promise((r) => setTimeout(r, 2 ** i * 100)); // back off\n');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.test', ...args], { cwd, encoding: 'utf8' });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Shared diffs in VS Code with a real server', function () {
  let w: World;
  let groupId: string;
  /** alice's copy: a git repository inside the workspace. */
  let mine: string;
  /** bob's clone of the same history, outside it. */
  let bobs: string;
  const file = () => vscode.Uri.file(path.join(mine, 'lib', 'backoff.ts'));
  const why = () => (w.app.lastError ? ` (the extension said: ${w.app.lastError})` : '');

  before(async function () {
    this.timeout(180_000);
    w = await startWorld();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the test workspace is open');
    mine = path.join(workspace.uri.fsPath, 'diffs-repo');
    mkdirSync(path.join(mine, 'lib'), { recursive: true });
    git(mine, 'init', '-q');
    writeFileSync(path.join(mine, 'lib', 'backoff.ts'), BACKOFF);
    git(mine, 'add', '.');
    git(mine, 'commit', '-qm', 'retry');
    bobs = path.join(mkdtempSync(path.join(os.tmpdir(), 'teamchat-bob-')), 'repo');
    git(os.tmpdir(), 'clone', '-q', mine, bobs);
    // The git extension finds repositories when asked (auto detection is off in the suite).
    assert.ok(await (await gitApi())?.openRepository(vscode.Uri.file(mine)), 'the git extension opens alice\'s repository');
    const username = await vscode.commands.executeCommand('teamchat.signUp', { serverUrl: w.server.url, username: w.alice, passphrase: PASSPHRASE, remember: false, showRecoveryKey: false, code: '' });
    assert.equal(username, w.alice, `sign-up failed${why()}`);
    groupId = (await vscode.commands.executeCommand<string>('teamchat.createGroup', { name: 'diff review', members: [] })) ?? '';
    assert.ok(groupId, `create failed${why()}`);
    await vscode.commands.executeCommand('teamchat.addMember', { groupId, username: w.bob.username });
    await eventually('bob to see the group', () => w.bob.groups().find((g) => g.id === groupId));
  });
  after(async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopWorld(w);
  });

  let shared = '';

  it('bob shares a working-tree diff: alice\'s panel shows it as a diff card, and "Open diff" opens the diff editor', async function () {
    writeFileSync(path.join(bobs, 'lib', 'backoff.ts'), WITH_SLEEP);
    const patch = git(bobs, 'diff');
    const sent = await w.bob.sendDiff(groupId, { source: 'working', path: 'lib/backoff.ts', label: 'working tree of lib/backoff.ts', patch }, 'back off between tries?');
    shared = sent.msgId;
    await eventually('alice to receive the diff', () => w.app.requireSession().client.messages(groupId).find((m) => m.msgId === shared));
    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    if (canProbeWebview()) {
      const card = `.message[data-msg-id="${shared}"] .diff-card`;
      const seen = await probeWebview({ selector: card, contains: 'working tree of lib/backoff.ts', screenshot: 'diff-card.png' });
      assert.match(seen!.text, /1 file\+1−0/);
      assert.ok(seen!.text.includes('await new Promise((r) => setTimeout(r, 2 ** i * 100)); // back off'), 'the added line is shown');
      await probeWebview({ selector: `${card} .diff-open`, action: { kind: 'click', selector: `${card} .diff-open` } });
    } else {
      await vscode.commands.executeCommand('teamchat.openSharedDiff', { groupId, msgId: shared });
    }
    const tab = await eventually('a diff editor to open', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.scheme, 'teamchat-diff');
    const [before, after] = await Promise.all([vscode.workspace.openTextDocument(tab.original), vscode.workspace.openTextDocument(tab.modified)]);
    assert.equal(before.getText(), BACKOFF, 'the left side is alice\'s file');
    assert.equal(after.getText(), WITH_SLEEP, 'the right side is her file with the diff applied');
    if (canProbeWebview()) {
      await sleep(1500);
      await screenshotWorkbench('diff-editor.png');
    }
  });

  it('"Apply" checks the diff against alice\'s copy and, confirmed, applies it cleanly as an edit she can undo', async () => {
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; files: string[]; failed: string[] }>('teamchat.applySharedDiff', { groupId, msgId: shared, confirm: true });
    assert.deepEqual(outcome, { applied: true, files: ['lib/backoff.ts'], failed: [] }, `apply failed${why()}`);
    const doc = await vscode.workspace.openTextDocument(file());
    assert.equal(doc.getText(), WITH_SLEEP, 'the file text changed');
    assert.equal(doc.isDirty, true, 'left unsaved for alice to review');
    await doc.save();
  });

  it('a diff that conflicts with alice\'s copy is refused, naming the hunk that did not apply, and changes nothing', async function () {
    // Bob changes the same line alice now has differently.
    writeFileSync(path.join(bobs, 'lib', 'backoff.ts'), BACKOFF.replace('if (i >= times) throw e;', 'if (i >= times - 1) throw e;'));
    const patch = git(bobs, 'diff', 'HEAD');
    const header = /^@@ [^@]+ @@/m.exec(patch)?.[0];
    assert.ok(header);
    const sent = await w.bob.sendDiff(groupId, { source: 'working', label: 'working tree of lib/backoff.ts', patch }, 'off by one');
    await eventually('alice to receive it', () => w.app.requireSession().client.messages(groupId).find((m) => m.msgId === sent.msgId));
    const before = (await vscode.workspace.openTextDocument(file())).getText();
    const outcome = await vscode.commands.executeCommand<{ applied: boolean; failed: string[] }>('teamchat.applySharedDiff', { groupId, msgId: sent.msgId, confirm: true });
    assert.equal(outcome?.applied, false, `expected a refusal${why()}`);
    assert.equal(outcome.failed.length, 1);
    assert.ok(outcome.failed[0]!.startsWith(`lib/backoff.ts ${header}`), outcome.failed[0]);
    assert.equal((await vscode.workspace.openTextDocument(file())).getText(), before, 'nothing applied');
    if (canProbeWebview()) {
      // The refusal, opened in the notification list so the screenshot shows its whole text.
      await vscode.commands.executeCommand('notifications.showList');
      await sleep(500);
      await vscode.commands.executeCommand('notification.expand').then(undefined, () => undefined);
      await sleep(1000);
      await screenshotWorkbench('diff-conflict.png');
    }
  });

  it('alice shares her working tree through "Share Changes…" and bob receives the diff', async () => {
    writeFileSync(path.join(mine, 'lib', 'backoff.ts'), WITH_SLEEP.replace('// back off', '// back off, doubling'));
    const msgId = await vscode.commands.executeCommand<string>('teamchat.shareChanges', { groupId, source: 'working', scope: 'repository', repository: mine, comment: 'doubling, see?' });
    assert.ok(msgId, `share failed${why()}`);
    const got = await eventually('bob to receive alice\'s diff', () => w.bobInbox.find((m) => m.msgId === msgId));
    assert.equal(got.kind, 'diff');
    assert.equal(got.body, 'doubling, see?');
    assert.equal(got.diff?.label, 'working tree of diffs-repo');
    assert.deepEqual(got.diff?.files, [{ path: 'lib/backoff.ts', status: 'modified', added: 1, removed: 0 }]);
    assert.ok(got.diff?.patch?.includes('+      await new Promise((r) => setTimeout(r, 2 ** i * 100)); // back off, doubling'), got.diff?.patch);
  });
});
