// Code-aware chat in a real VS Code: bob's "src/retry.ts:4" and commit hash become links in
// alice's panel that her own VS Code resolves in her own workspace and repository (the file at
// the line, the commit's changes); "Ask the team" shares a problem VS Code reports, with its lines.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { gitApi } from '../../../extension/git/git-api';
import { PASSPHRASE, eventually, startWorld, stopWorld, type World } from './teamchat-world';
import { canProbeWebview, probeWebview } from './webview-probe';

const BEFORE = ['export function backoff(attempt: number): number {', '  return 100;', '}', ''].join('\n');
const AFTER = ['export function backoff(attempt: number): number {', '  return Math.min(30_000, 100 * 2 ** attemptDoubled(attempt));', '}', ''].join('\n');

describe('code links and Ask the team in VS Code', function () {
  let w: World;
  let groupId: string;
  let repo: string;
  let hash: string;
  let subject: string;
  const why = () => (w.app.lastError ? ` (the extension said: ${w.app.lastError})` : '');
  const workspace = () => vscode.workspace.workspaceFolders![0]!;

  before(async function () {
    this.timeout(180_000);
    w = await startWorld();
    const username = await vscode.commands.executeCommand('teamchat.signUp', { serverUrl: w.server.url, username: w.alice, passphrase: PASSPHRASE, remember: false, showRecoveryKey: false, code: '' });
    assert.equal(username, w.alice, `sign-up failed${why()}`);
    groupId = (await vscode.commands.executeCommand<string>('teamchat.createGroup', { name: 'code review', members: [] })) ?? '';
    assert.ok(groupId, `create failed${why()}`);
    await vscode.commands.executeCommand('teamchat.addMember', { groupId, username: w.bob.username });
    await eventually('bob to see the group', () => w.bob.groups().find((g) => g.id === groupId));

    // A repository of alice's own, in her workspace, made with the git CLI: two commits of lib/backoff.ts.
    repo = path.join(workspace().uri.fsPath, 'links-fixture');
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(path.join(repo, 'lib'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Alice', '-c', 'user.email=alice@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' }).trim();
    git('init', '-q');
    writeFileSync(path.join(repo, 'lib', 'backoff.ts'), BEFORE);
    git('add', '.');
    git('commit', '-q', '-m', 'Fixed backoff');
    writeFileSync(path.join(repo, 'lib', 'backoff.ts'), AFTER);
    subject = 'Exponential backoff, capped at 30 s';
    git('commit', '-q', '-am', subject);
    hash = git('rev-parse', 'HEAD');
    // With git.autoRepositoryDetection on (VS Code's default) the git extension finds it in the
    // workspace by itself; the test profile turns detection off, so the test opens it as that would.
    const api = await gitApi();
    assert.ok(api, "VS Code's git extension is enabled in the test profile");
    assert.ok(await api.openRepository(vscode.Uri.file(repo)), 'the git extension opened the fixture repository');
  });

  after(async function () {
    this.timeout(60_000);
    await stopWorld(w);
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('shows bob\'s path:line and commit hash as two links, and a click opens src/retry.ts at line 4 and the commit\'s changes, resolved locally', async function () {
    const sent = await w.bob.sendText(groupId, `see src/retry.ts:4 and ${hash.slice(0, 10)}`);
    await eventually('alice to receive it', () => w.app.requireSession().client.messages(groupId).find((m) => m.msgId === sent.msgId));
    if (!canProbeWebview()) return this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    const article = `.message[data-msg-id="${sent.msgId}"]`;
    await probeWebview({ selector: `${article} .code-link-commit`, contains: hash.slice(0, 10), screenshot: 'code-links.png' });
    await probeWebview({ selector: `${article} .code-link-path[title="Open src/retry.ts at line 4 in your workspace"]`, contains: 'src/retry.ts:4', action: { kind: 'click', selector: `${article} .code-link-path` } });
    const opened = await eventually('the path link to open src/retry.ts', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === path.join(workspace().uri.fsPath, 'src', 'retry.ts') ? e : undefined;
    });
    assert.deepEqual([opened.selection.start.line, opened.selection.end.line], [3, 3], 'line 4 is selected');

    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    await probeWebview({ selector: `${article} .code-link-commit`, contains: hash.slice(0, 10), action: { kind: 'click', selector: `${article} .code-link-commit` } });
    const title = `${hash.slice(0, 7)} ${subject}`;
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    // VS Code adds the count to the title: "a1b2c3d Subject (1 file)".
    const tab = await eventually('the commit\'s changes to open', () => tabs().find((t) => t.label.startsWith(title))).catch((error: unknown) => {
      throw new Error(`${String(error)} Tabs: ${JSON.stringify(tabs().map((t) => t.label))}`);
    });
    const diffs = (tab.input as { textDiffs?: vscode.TabInputTextDiff[] }).textDiffs;
    assert.ok(Array.isArray(diffs), `a multi-diff editor: ${tab.input?.constructor.name}`);
    assert.deepEqual(diffs.map((d) => [d.original.scheme, d.modified.scheme, path.basename(d.modified.path)]), [['git', 'git', 'backoff.ts']], 'the file at the parent against the file at the commit, from the git extension');
    await probeWebview({ selector: '.monaco-workbench', contains: 'attemptDoubled', screenshot: 'code-links-commit.png' });
  });

  it('says a commit is not in the reader\'s repositories instead of looking it up anywhere', async () => {
    const missing = 'f00dfeed1234';
    const before = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    const { openCommitLink } = await import('../../../extension/code-links/open-commit-link');
    assert.equal(await openCommitLink({ kind: 'commit', hash: missing }), undefined);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, before, 'nothing opened');
  });

  it('offers "Ask the team about this error" on a problem, and the quick fix and the command share its lines and diagnostic with bob', async function () {
    const uri = vscode.Uri.joinPath(workspace().uri, 'src', 'retry.ts');
    const diagnostics = vscode.languages.createDiagnosticCollection('teamchat-test');
    try {
      const range = new vscode.Range(3, 6, 3, 24);
      const problem = new vscode.Diagnostic(range, "Type 'string' is not assignable to type 'number'.", vscode.DiagnosticSeverity.Error);
      problem.source = 'ts';
      problem.code = 2322;
      diagnostics.set(uri, [problem]);
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
      const ask = actions.find((a) => a.title === 'Ask the team about this error');
      assert.ok(ask?.command, `offered among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(ask.command.command, 'teamchat.askTheTeam');
      assert.equal(ask.kind?.value, vscode.CodeActionKind.QuickFix.value);

      const fromFix = await vscode.commands.executeCommand<string>(ask.command.command, { ...(ask.command.arguments?.[0] as object), groupId, comment: 'why does this fail?' });
      assert.ok(fromFix, `the quick fix failed${why()}`);
      const got = await eventually('bob to receive the problem', () => w.bobInbox.find((m) => m.msgId === fromFix));
      assert.equal(got.body, 'why does this fail?');
      assert.deepEqual({ ...got.snippet, code: got.snippet?.code.split('\n') }, {
        path: 'src/retry.ts', startLine: 1, endLine: 7, language: 'typescript', code: editor.document.getText(new vscode.Range(0, 0, 6, 1000)).split('\n'),
        diagnostic: { severity: 'error', message: "Type 'string' is not assignable to type 'number'.", source: 'ts', code: '2322', line: 4, column: 7 },
      });

      editor.selection = new vscode.Selection(3, 10, 3, 10);
      const fromPalette = await vscode.commands.executeCommand<string>('teamchat.askTheTeam', { groupId, comment: '' });
      assert.ok(fromPalette, `the command failed${why()}`);
      const again = await eventually('bob to receive it again', () => w.bobInbox.find((m) => m.msgId === fromPalette));
      assert.equal(again.snippet?.diagnostic?.line, 4, 'the problem at the cursor');

      if (!canProbeWebview()) return;
      await vscode.commands.executeCommand('teamchat.openChat', { groupId });
      await probeWebview({ selector: `.message[data-msg-id="${fromFix}"] .snippet-diagnostic`, contains: "ts 2322: Type 'string' is not assignable", screenshot: 'ask-the-team.png' });
    } finally {
      diagnostics.dispose();
    }
  });
});
