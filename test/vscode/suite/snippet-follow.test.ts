// Snippets that follow the code (docs/code-aware-chat.md), in a real VS Code: bob (client core)
// shares lines with their origin, and alice's VS Code finds them in her own copies of the code,
// which the test makes as git repositories in temporary folders and opens with the git API:
// after lines were inserted above (found through git at the moved lines), after the lines
// changed (marked changed, the diff editor opens), and in a clone without the commit (by text).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { repositoryIdentity, snippetTextHash } from '../../../client/code/code-hashes';
import type { CodeSnippet } from '../../../common/messages/envelope';
import { gitApi } from '../../../extension/git/git-api';
import { PASSPHRASE, eventually, startWorld, stopWorld, type World } from './teamchat-world';
import { canProbeWebview, probeWebview } from './webview-probe';

const FOLLOW_URL = 'https://github.com/teamchat-test/follow.git';
const UNITS_URL = 'https://github.com/teamchat-test/units';
const STATS = [
  'export function mean(xs: number[]): number {',
  '  return xs.reduce((a, b) => a + b, 0) / xs.length;',
  '}',
  '',
  'export function variance(xs: number[]): number {',
  '  const m = mean(xs);',
  '  return mean(xs.map((x) => (x - m) ** 2));',
  '}',
  '',
  'export function stddev(xs: number[]): number {',
  '  return Math.sqrt(variance(xs));',
  '}',
];
const UNITS = ['export const KiB = 1024;', 'export function kib(bytes: number): string {', '  return `${(bytes / KiB).toFixed(1)} KiB`;', '}', ''];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();
}

function repoWith(dir: string, file: string, lines: string[], remote: string): string {
  mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(dir, file), lines.join('\n') + '\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'first');
  git(dir, 'remote', 'add', 'origin', remote);
  return git(dir, 'rev-parse', 'HEAD');
}

describe('Snippets that follow the code (git repositories in VS Code)', function () {
  let w: World;
  let groupId: string;
  let tmp: string;
  let followCommit: string;
  let unitsCommit: string;
  let readerCopy: string;
  let statsUri: vscode.Uri;
  let movedMsgId: string;

  before(async function () {
    this.timeout(240_000);
    w = await startWorld();
    const username = await vscode.commands.executeCommand('teamchat.signUp', { serverUrl: w.server.url, username: w.alice, passphrase: PASSPHRASE, remember: false, showRecoveryKey: false, code: '' });
    assert.equal(username, w.alice, `sign-up failed: ${w.app.lastError}`);
    groupId = (await vscode.commands.executeCommand<string>('teamchat.createGroup', { name: 'follow the code', members: [] })) ?? '';
    await vscode.commands.executeCommand('teamchat.addMember', { groupId, username: w.bob.username });
    await eventually('bob to see the group', () => w.bob.groups().find((g) => g.id === groupId));

    tmp = mkdtempSync(path.join(os.tmpdir(), 'teamchat-follow-'));
    // Bob's repository, and alice's clone of it, whose origin is the same repository under another URL form.
    const upstream = path.join(tmp, 'bob-follow');
    followCommit = repoWith(upstream, 'src/stats.ts', STATS, FOLLOW_URL);
    readerCopy = path.join(tmp, 'alice-follow');
    git(tmp, 'clone', '-q', upstream, readerCopy);
    git(readerCopy, 'remote', 'set-url', 'origin', 'git@github.com:teamchat-test/follow.git');
    // Bob's other repository, and alice's copy of it with another history: the same file, three lines on, and no commit of bob's.
    unitsCommit = repoWith(path.join(tmp, 'bob-units'), 'src/units.ts', UNITS, UNITS_URL);
    repoWith(path.join(tmp, 'alice-units'), 'src/units.ts', ['// Sizes.', '// In KiB.', '', ...UNITS], 'ssh://git@github.com/teamchat-test/units.git');

    const api = await gitApi();
    assert.ok(api, 'VS Code\'s git extension is enabled in the test profile');
    for (const dir of [readerCopy, path.join(tmp, 'alice-units')]) assert.ok(await api.openRepository(vscode.Uri.file(dir)), `git opens ${dir}`);
    statsUri = vscode.Uri.file(path.join(readerCopy, 'src', 'stats.ts'));
  });

  after(async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopWorld(w);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function bobShares(snippet: Omit<CodeSnippet, 'origin' | 'language'>, commit: string, remote: string): Promise<string> {
    const origin = { repo: repositoryIdentity(remote)!, commit, textHash: snippetTextHash(snippet.code), dirty: false };
    const sent = await w.bob.sendSnippet(groupId, { ...snippet, language: 'typescript', origin }, 'look here');
    await eventually('alice to receive the snippet', () => w.app.requireSession().client.messages(groupId).find((m) => m.msgId === sent.msgId));
    return sent.msgId;
  }

  /**
   * Alice's copy changes on disk as another program (or git) would change it, and VS Code sees it.
   * Through VS Code's file system, not a save: a slow save participant on a loaded machine can abort a save.
   */
  async function aliceRewrites(lines: string[]): Promise<void> {
    const text = lines.join('\n') + '\n';
    await vscode.workspace.fs.writeFile(statsUri, Buffer.from(text, 'utf8'));
    await eventually('VS Code to read the file as written', async () => {
      const doc = await vscode.workspace.openTextDocument(statsUri);
      return doc.getText() === text && !doc.isDirty;
    });
  }

  /** Clicks the snippet's link in alice's chat and waits for what the extension made of it. */
  async function aliceOpens(msgId: string, screenshot: string) {
    w.app.lastOpenedSnippet = undefined;
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    const link = `.message[data-msg-id="${msgId}"] .snippet-link`;
    await probeWebview({ selector: link, action: { kind: 'click', selector: link } });
    const opened = await eventually('the snippet to open', () => w.app.lastOpenedSnippet);
    const editor = await eventually('the file in an editor', () => (vscode.window.activeTextEditor?.document.uri.fsPath === opened.location.uri?.fsPath ? vscode.window.activeTextEditor : undefined));
    // The whole workbench: the editor at the selected lines and the notification saying what happened to them
    // (in the notification list, which holds it whether or not VS Code showed it as a toast: here it did not).
    await vscode.commands.executeCommand('notifications.showList');
    await probeWebview({ page: true, selector: '.notifications-center', contains: opened.said.slice(0, 30), screenshot }, 20_000).catch(async (error: unknown) => {
      console.log(`[snippet-follow] the notification list did not show "${opened.said}" (${String(error).slice(0, 200)})`);
      await probeWebview({ page: true, selector: '.monaco-workbench', screenshot });
    });
    return { opened, editor };
  }

  it('shows the origin on the snippet, and opens it at the moved lines after alice inserted lines above (through git)', async function () {
    if (!canProbeWebview()) return this.skip();
    movedMsgId = await bobShares({ path: 'src/stats.ts', startLine: 5, endLine: 8, code: STATS.slice(4, 8).join('\n') }, followCommit, FOLLOW_URL);
    const shown = await probeWebview({ selector: `.message[data-msg-id="${movedMsgId}"] .snippet-origin`, contains: `at ${followCommit.slice(0, 7)}` });
    assert.equal(shown?.text, `at ${followCommit.slice(0, 7)}`);
    await aliceRewrites(['// Statistics helpers.', '// Pure functions.', '', ...STATS]);

    const { opened, editor } = await aliceOpens(movedMsgId, 'snippet-moved.png');
    assert.deepEqual({ ...opened.location, uri: undefined }, { status: 'moved', startLine: 8, endLine: 11, how: 'git', uri: undefined });
    assert.equal(opened.location.uri?.fsPath, statsUri.fsPath);
    assert.match(opened.said, /moved to lines 8-11/);
    assert.deepEqual([editor.selection.start.line, editor.selection.end.line], [7, 10]);
  });

  it('marks the lines changed after alice edited them, and "Show Difference" opens the diff editor', async function () {
    if (!canProbeWebview()) return this.skip();
    const edited = STATS.map((l) => l.replace('(x - m) ** 2', '(x - m) * (x - m)'));
    assert.notDeepEqual(edited, STATS);
    await aliceRewrites(['// Statistics helpers.', '// Pure functions.', '', ...edited]);

    const { opened, editor } = await aliceOpens(movedMsgId, 'snippet-changed.png');
    assert.deepEqual({ status: opened.location.status, startLine: opened.location.startLine, endLine: opened.location.endLine, how: opened.location.how }, { status: 'changed', startLine: 8, endLine: 11, how: 'git' });
    assert.match(opened.said, /changed since it was shared/);
    assert.deepEqual([editor.selection.start.line, editor.selection.end.line], [7, 10]);

    await probeWebview({
      page: true,
      selector: '.notifications-center',
      contains: 'changed since it was shared',
      action: { kind: 'click', selector: '.notifications-center .monaco-button:has-text("Show Difference")' },
    }, 20_000).catch(async (error: unknown) => {
      // The button's own action, when the notification's button could not be clicked in this VS Code.
      console.log(`[snippet-follow] clicking Show Difference failed (${String(error).slice(0, 200)}); running its action`);
      await opened.showDifference?.();
    });
    const diff = await eventually('the diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input.original.scheme === 'teamchat-snippet' ? input : undefined;
    });
    assert.equal((await vscode.workspace.openTextDocument(diff.original)).getText(), STATS.slice(4, 8).join('\n'));
    assert.match((await vscode.workspace.openTextDocument(diff.modified)).getText(), /\(x - m\) \* \(x - m\)/);
    await probeWebview({ page: true, selector: '.monaco-workbench .monaco-diff-editor', screenshot: 'snippet-diff.png' });
  });

  it('finds the lines by their text in a clone that lacks the snippet\'s commit', async function () {
    if (!canProbeWebview()) return this.skip();
    const msgId = await bobShares({ path: 'src/units.ts', startLine: 2, endLine: 4, code: UNITS.slice(1, 4).join('\n') }, unitsCommit, UNITS_URL);
    const { opened, editor } = await aliceOpens(msgId, 'snippet-by-text.png');
    assert.deepEqual({ status: opened.location.status, startLine: opened.location.startLine, endLine: opened.location.endLine, how: opened.location.how }, { status: 'moved', startLine: 5, endLine: 7, how: 'text' });
    assert.equal(opened.location.uri?.fsPath, path.join(tmp, 'alice-units', 'src', 'units.ts'));
    assert.deepEqual([editor.selection.start.line, editor.selection.end.line], [4, 6]);
  });

  it('Share Selection records the origin: the commit, the repository hash, and which lines have uncommitted changes', async () => {
    const doc = await vscode.workspace.openTextDocument(statsUri);
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    // Lines 14-15 (the end of stddev) are untouched: at lines 11-12 in the commit. Lines 1-2 exist only in the working tree.
    editor.selection = new vscode.Selection(13, 0, 14, doc.lineAt(14).text.length);
    const clean = await vscode.commands.executeCommand<string>('teamchat.shareSelection', { groupId, comment: 'clean' });
    editor.selection = new vscode.Selection(0, 0, 1, doc.lineAt(1).text.length);
    const dirty = await vscode.commands.executeCommand<string>('teamchat.shareSelection', { groupId, comment: 'dirty' });
    const got = (id: string | undefined) => eventually('bob to receive the share', () => w.bobInbox.find((m) => m.msgId === id)?.snippet);
    const cleanSnippet = await got(clean);
    const head = git(readerCopy, 'rev-parse', 'HEAD');
    assert.equal(cleanSnippet.path, 'src/stats.ts');
    assert.deepEqual(cleanSnippet.origin, {
      repo: repositoryIdentity(FOLLOW_URL), commit: head, textHash: snippetTextHash(STATS.slice(10, 12).join('\n')), dirty: false, commitLines: { startLine: 11, endLine: 12 },
    });
    const dirtySnippet = await got(dirty);
    assert.equal(dirtySnippet.origin?.dirty, true);
    assert.equal(dirtySnippet.origin?.commitLines, undefined);
    assert.ok(!JSON.stringify(dirtySnippet).includes('github.com'), 'the remote URL itself never travels');
  });
});
