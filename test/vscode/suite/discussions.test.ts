// Discussions on lines of code, in the real VS Code (docs/code-aware-chat.md): alice is the
// extension, bob a client-core user. A discussion started in alice's editor reaches bob's chat
// as a snippet; replies go both ways between the comment thread and the chat thread; bob's
// snippet becomes a comment thread on those lines; resolve on one side shows on the other.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatMessage } from '../../../client';
import { PASSPHRASE, eventually, startWorld, stopWorld, type World } from './teamchat-world';
import { canProbeWebview, probeWebview } from './webview-probe';

describe('TeamChat discussions on lines of code in VS Code', function () {
  let w: World;
  let groupId: string;
  let retry: vscode.Uri;
  let rootId: string;
  let thread: vscode.CommentThread;

  const why = () => (w.app.lastError ? ` (the extension said: ${w.app.lastError})` : '');
  const bodies = (t: vscode.CommentThread) => t.comments.map((c) => `${c.author.name}: ${typeof c.body === 'string' ? c.body : c.body.value}`);

  before(async function () {
    this.timeout(180_000);
    w = await startWorld();
    const username = await vscode.commands.executeCommand('teamchat.signUp', { serverUrl: w.server.url, username: w.alice, passphrase: PASSPHRASE, remember: false, showRecoveryKey: false, code: '' });
    assert.equal(username, w.alice, `sign-up failed${why()}`);
    groupId = (await vscode.commands.executeCommand<string>('teamchat.createGroup', { name: 'code talk', members: [] })) ?? '';
    assert.ok(groupId, `create failed${why()}`);
    await vscode.commands.executeCommand('teamchat.addMember', { groupId, username: w.bob.username });
    await eventually('bob to see the group', () => w.bob.groups().find((g) => g.id === groupId));
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    retry = vscode.Uri.joinPath(folder.uri, 'src', 'retry.ts');
  });
  after(async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await stopWorld(w);
  });

  it('starts a discussion from the gutter\'s comment widget: bob gets it in chat as a snippet, and alice\'s editor shows its thread', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(retry), vscode.ViewColumn.One);
    // What the gutter's "+" makes: an empty draft thread of the controller on the lines; its submit runs the command with the text.
    const draft = w.app.discussions.controller.createCommentThread(retry, new vscode.Range(2, 0, 3, 0), []);
    rootId = (await vscode.commands.executeCommand<string>('teamchat.startDiscussionFromComment', { thread: draft, text: 'Why does this retry without any backoff?', groupId })) ?? '';
    assert.ok(rootId, `start failed${why()}`);
    const got = await eventually('bob to receive the discussion', () => w.bobInbox.find((m) => m.msgId === rootId));
    assert.equal(got.kind, 'snippet');
    assert.equal(got.sender, w.alice);
    assert.equal(got.body, 'Why does this retry without any backoff?');
    assert.deepEqual({ ...got.snippet, code: undefined }, { path: 'src/retry.ts', startLine: 3, endLine: 4, language: 'typescript', code: undefined });
    assert.equal(got.snippet?.code, '    try {\n      return await fn();');

    thread = await eventually('the discussion\'s thread in alice\'s editor', () => w.app.discussions.threadOf(groupId, rootId));
    assert.equal(thread.uri.toString(), retry.toString());
    assert.deepEqual([thread.range.start.line, thread.range.end.line], [2, 3]);
    assert.deepEqual(bodies(thread), [`${w.alice}: Why does this retry without any backoff?`]);
    assert.equal(thread.label, 'code talk');
    assert.equal(thread.state, vscode.CommentThreadState.Unresolved);
    assert.equal(thread.contextValue, 'teamchat-discussion-unresolved');
    assert.equal(thread.canReply, true);
    assert.equal(thread.collapsibleState, vscode.CommentThreadCollapsibleState.Expanded, 'the one alice started opens');
  });

  it('replies both ways: bob\'s chat reply shows in the comment thread, and alice\'s reply there reaches bob\'s chat thread', async () => {
    await w.bob.threads.reply(groupId, rootId, 'Three tries and then it gives up, but yes: no backoff.');
    await eventually('bob\'s reply in the comment thread', () => (thread.comments.length === 2 ? true : undefined));
    assert.equal(bodies(thread)[1], `${w.bob.username}: Three tries and then it gives up, but yes: no backoff.`);

    const replyId = await vscode.commands.executeCommand<string>('teamchat.replyInDiscussion', { thread, text: 'Let us add exponential backoff, capped at 2 s.' });
    assert.ok(replyId, `reply failed${why()}`);
    const reply = await eventually('bob to receive alice\'s reply', () => w.bobInbox.find((m) => m.msgId === replyId));
    assert.equal(reply.threadRoot, rootId, 'a reply in the chat thread of the snippet');
    assert.equal(reply.body, 'Let us add exponential backoff, capped at 2 s.');
    assert.deepEqual(w.bob.threads.replies(groupId, rootId).map((m) => m.sender), [w.bob.username, w.alice]);
    await eventually('alice\'s reply in her comment thread', () => (thread.comments.length === 3 ? true : undefined));

    if (!canProbeWebview()) return;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(retry), vscode.ViewColumn.One);
    await probeWebview({ page: true, selector: '.monaco-editor .review-widget', contains: 'capped at 2 s', screenshot: 'discussion-editor.png' });
  });

  it('shows bob\'s snippet as a comment thread on those lines, member text as plain text, and never follows a path out of the workspace', async () => {
    const hostile = '[run me](command:workbench.action.quit) <img src=x onerror=alert(1)> **bold**';
    const fromBob = await w.bob.sendSnippet(groupId, { path: 'src/retry.ts', startLine: 6, endLine: 6, language: 'typescript', code: '      if (i >= times) throw e;' }, hostile);
    const outside = await w.bob.sendSnippet(groupId, { path: '../../../etc/hosts', startLine: 1, endLine: 1, language: 'plaintext', code: 'x' }, 'outside');
    const bobs = await eventually('a thread for bob\'s snippet', () => w.app.discussions.threadOf(groupId, fromBob.msgId));
    assert.equal(bobs.uri.toString(), retry.toString());
    assert.deepEqual([bobs.range.start.line, bobs.range.end.line], [5, 5]);
    const first = bobs.comments[0] as vscode.Comment;
    assert.equal(first.author.name, w.bob.username);
    assert.equal(typeof first.body, 'string', 'a plain string: VS Code shows it as text, no markdown, no command link');
    assert.equal(first.body, hostile);
    assert.equal(w.app.discussions.threadOf(groupId, outside.msgId), undefined);

    if (!canProbeWebview()) return;
    bobs.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    await probeWebview({ page: true, selector: '.monaco-editor', contains: 'onerror=alert(1)', screenshot: 'discussion-bob-snippet.png' });
    await vscode.commands.executeCommand('workbench.action.focusCommentsPanel').then(undefined, () => vscode.commands.executeCommand('workbench.panel.comments.focus'));
    await probeWebview({ page: true, selector: '.comments-panel', contains: 'backoff', screenshot: 'discussion-comments-panel.png' }).catch(() => undefined);
  });

  it('resolves from the editor and bob\'s chat shows it; bob reopens and resolves again, and alice\'s thread follows', async () => {
    const resolved = await vscode.commands.executeCommand<boolean>('teamchat.resolveDiscussion', thread);
    assert.equal(resolved, true, `resolve failed${why()}`);
    assert.equal(thread.state, vscode.CommentThreadState.Resolved);
    assert.equal(thread.contextValue, 'teamchat-discussion-resolved');
    const rootAtBob = () => w.bob.messages(groupId).find((m) => m.msgId === rootId) as ChatMessage;
    await eventually('bob to see it resolved', () => (rootAtBob().discussion?.resolved ? true : undefined));
    assert.equal(rootAtBob().discussion?.by, w.alice);

    await w.bob.threads.resolve(groupId, rootId, false);
    await eventually('alice\'s thread to reopen', () => (thread.state === vscode.CommentThreadState.Unresolved ? true : undefined));
    assert.equal(thread.contextValue, 'teamchat-discussion-unresolved');
    assert.match(thread.label ?? '', /reopened by bob-/);

    await w.bob.threads.resolve(groupId, rootId, true);
    await eventually('alice\'s thread to resolve', () => (thread.state === vscode.CommentThreadState.Resolved ? true : undefined));
    assert.match(thread.label ?? '', /resolved by bob-/);
    assert.equal(thread.collapsibleState, vscode.CommentThreadCollapsibleState.Collapsed, 'folded away once resolved');

    if (!canProbeWebview()) return;
    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    await probeWebview({ selector: `.message[data-msg-id="${rootId}"]`, contains: 'Resolved', screenshot: 'discussion-chat.png' });
  });
});
