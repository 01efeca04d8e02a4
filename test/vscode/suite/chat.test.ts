// The extension inside a real VS Code against a real TeamChat server: alice is the extension,
// bob is a second client on the client core. Through the commands and the chat webview.
import * as assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import * as vscode from 'vscode';
import { SECRET_KEYS } from '../../../client/secrets/secret-store';
import { REMEMBERED_KEY } from '../../../extension/remembered-keys';
import { PASSPHRASE, eventually, startWorld, stopWorld, type World } from './teamchat-world';
import { canProbeWebview, probeWebview } from './webview-probe';

describe('TeamChat in VS Code with a real server', function () {
  let w: World;
  let groupId: string;

  before(async function () {
    this.timeout(180_000);
    w = await startWorld();
  });
  after(async function () {
    this.timeout(60_000);
    await stopWorld(w);
  });

  const why = () => (w.app.lastError ? ` (the extension said: ${w.app.lastError})` : '');

  it('signs up through the command and keeps the token in SecretStorage, not in settings', async () => {
    const username = await vscode.commands.executeCommand('teamchat.signUp', { serverUrl: w.server.url, username: w.alice, passphrase: PASSPHRASE, remember: false, showRecoveryKey: false, code: '' });
    assert.equal(username, w.alice, `sign-up failed${why()}`);
    const stored = JSON.parse((await w.app.secrets.get(SECRET_KEYS.session)) ?? '{}') as { username?: string; refreshToken?: string; accessToken?: string };
    assert.equal(stored.username, w.alice);
    assert.ok(stored.refreshToken && stored.accessToken);
    assert.equal(await w.app.secrets.get(REMEMBERED_KEY), undefined, 'no key material kept without "remember"');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('teamchat'));
    assert.ok(!settings.includes(stored.refreshToken) && !settings.includes(stored.accessToken) && !settings.includes(PASSPHRASE));
    assert.equal(vscode.workspace.getConfiguration('teamchat').get('username'), w.alice);
  });

  it('round-trips values through VS Code SecretStorage', async () => {
    const key = 'teamchat.test.roundtrip';
    await w.app.secrets.set(key, 'sealed ✓ value');
    assert.equal(await w.app.secrets.get(key), 'sealed ✓ value');
    await w.app.secrets.delete(key);
    assert.equal(await w.app.secrets.get(key), undefined);
  });

  it('creates a group from the webview form, adds bob by command, and bob receives it and its key', async () => {
    if (canProbeWebview()) {
      await vscode.commands.executeCommand('teamchat.openChat');
      await probeWebview({ selector: '.groups-heading vscode-button[title="Create a group"]', contains: 'New group', action: { kind: 'click', selector: '.groups-heading vscode-button[title="Create a group"]' } });
      await probeWebview({ selector: '.part-create', action: { kind: 'type', selector: '#create-name input', text: 'design review' } });
      await probeWebview({ selector: '.part-create', screenshot: 'create-form.png', action: { kind: 'type', selector: '#create-members input', text: '', keys: ['Enter'] } });
      groupId = (await eventually('the group made in the webview', () => w.app.requireSession().client.groups().find((g) => g.name === 'design review'))).id;
    } else {
      groupId = (await vscode.commands.executeCommand<string>('teamchat.createGroup', { name: 'design review', members: [] })) ?? '';
    }
    assert.ok(groupId, `create failed${why()}`);
    const added = await vscode.commands.executeCommand<string[]>('teamchat.addMember', { groupId, username: w.bob.username });
    assert.deepEqual(added, [w.bob.username], `add failed${why()}`);
    const seen = await eventually('bob to see the group', () => w.bob.groups().find((g) => g.id === groupId));
    assert.equal(seen.name, 'design review');
    assert.deepEqual(seen.members.map((m) => m.username).sort(), [w.alice, w.bob.username].sort());
  });

  it('sends from the chat webview (Enter) and bob decrypts it', async function () {
    const text = `Hello @${w.bob.username}, the **build** is green`;
    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    if (canProbeWebview()) {
      await probeWebview({ selector: '.chat-title', contains: 'design review', action: { kind: 'type', selector: '#send-box textarea', text, keys: ['Enter'] } });
    } else {
      await w.app.requireSession().send({ groupId, body: text });
    }
    const got = await eventually('bob to receive the message', () => w.bobInbox.find((m) => m.body === text));
    assert.equal(got.status, 'ok');
    assert.equal(got.sender, w.alice);
  });

  it('sends "one⏎two⏎three" typed without pause: all three arrive, in order, and none is left pending', async function () {
    if (!canProbeWebview()) return this.skip();
    const words = ['one', 'two', 'three'];
    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    // Playwright types "\n" as Enter, with no delay between keys: faster than any send.
    await probeWebview({ selector: '.chat-title', contains: 'design review', action: { kind: 'type', selector: '#send-box textarea', text: words.join('\n'), keys: ['Enter'] } });
    const got = await eventually('bob to receive all three', () => {
      const seen = w.bobInbox.filter((m) => words.includes(m.body ?? ''));
      return seen.length >= words.length ? seen : undefined;
    });
    assert.deepEqual(got.map((m) => m.body), words);
    assert.deepEqual(got.map((m) => m.seq), [...got.map((m) => m.seq)].sort((a, b) => a - b), 'sent in the order typed');
    const seen = await probeWebview({ selector: '.history:not(:has(.pending-message)) .message-log', contains: 'three', screenshot: 'chat-typed-quickly.png' });
    const times = words.map((word) => seen!.messages.filter((m) => m.text.includes(word)).length);
    assert.deepEqual(times, [1, 1, 1], `each message shown once: ${JSON.stringify(seen!.messages)}`);
  });

  it('shows bob\'s reply, decrypted, in the chat webview', async function () {
    const reply = await w.bob.sendText(groupId, `Thanks @${w.alice}! Ship it:\n\`\`\`ts\nawait deploy();\n\`\`\``);
    await eventually('alice to receive the reply', () => w.app.requireSession().client.messages(groupId).find((m) => m.msgId === reply.msgId));
    if (!canProbeWebview()) return this.skip();
    const seen = await probeWebview({ selector: `.message[data-msg-id="${reply.msgId}"]`, contains: 'Ship it', screenshot: 'chat-panel.png' });
    assert.ok(seen);
    assert.match(seen.text, new RegExp(`${w.bob.username}.*Thanks @${w.alice}! Ship it:.*await deploy\\(\\);`, 's'));
    assert.ok(seen.messages.some((m) => m.text.includes('the build is green')), 'alice\'s own message is in the history too');
    assert.ok(seen.messages.every((m) => !m.classes.includes('broken')), 'no message is marked as failed');
  });

  it('marks a message that cannot be decrypted instead of hiding it or showing garbage', async function () {
    const group = await w.bob.group(groupId);
    const msgId = randomBytes(16).toString('hex');
    // Bob's client misbehaves: a blob that is not a valid encryption under the group key.
    await w.bob.api.postMessage(groupId, { msgId, generation: group.generation, encryptedBlobB64: randomBytes(120).toString('base64') });
    const got = await eventually('alice to receive the broken message', () => w.app.requireSession().client.messages(groupId).find((m) => m.msgId === msgId));
    assert.equal(got.status, 'could-not-decrypt');
    if (!canProbeWebview()) return;
    const seen = await probeWebview({ selector: `.message[data-msg-id="${msgId}"] .integrity`, contains: 'Could not decrypt', screenshot: 'chat-could-not-decrypt.png' });
    assert.ok(seen?.messages.some((m) => m.classes.includes('broken')));
  });

  it('shares the selected code with its path and lines, and the reader\'s link opens it there', async function () {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the test workspace is open');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspace.uri, 'src', 'retry.ts'));
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(1, 0, 4, 0);
    const msgId = await vscode.commands.executeCommand<string>('teamchat.shareSelection', { groupId, comment: 'no backoff here?' });
    assert.ok(msgId, `share failed${why()}`);
    const got = await eventually('bob to receive the snippet', () => w.bobInbox.find((m) => m.msgId === msgId));
    assert.deepEqual(
      { ...got.snippet, code: got.snippet?.code.split('\n').length },
      { path: 'src/retry.ts', startLine: 2, endLine: 4, language: 'typescript', code: 3 },
    );
    assert.equal(got.body, 'no backoff here?');

    const fromBob = await w.bob.sendSnippet(groupId, { path: 'src/retry.ts', startLine: 6, endLine: 6, language: 'typescript', code: '      if (i >= times) throw e;' }, 'this line');
    if (!canProbeWebview()) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    await probeWebview({
      selector: `.message[data-msg-id="${fromBob.msgId}"] .snippet-link`,
      contains: 'src/retry.ts:6',
      screenshot: 'chat-snippet.png',
      action: { kind: 'click', selector: `.message[data-msg-id="${fromBob.msgId}"] .snippet-link` },
    });
    const opened = await eventually('the snippet link to open the file', () => {
      const e = vscode.window.activeTextEditor;
      return e && path.basename(e.document.uri.path) === 'retry.ts' ? e : undefined;
    });
    assert.equal(opened.selection.start.line, 5);
    assert.equal(opened.selection.end.line, 5);
  });

  it('notifies alice of a mention while the panel is hidden', async () => {
    const workspace = vscode.workspace.workspaceFolders![0]!;
    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    await eventually('the panel to be visible', () => w.app.chat.tab.visible || undefined);
    // Another editor in the panel's column hides it.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspace.uri, 'src', 'retry.ts'));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
    await eventually('the panel to be hidden', () => (!w.app.chat.tab.visible ? true : undefined));
    const ping = await w.bob.sendText(groupId, `@${w.alice} can you review?`);
    const shown = await eventually('a mention notification', () => (w.app.notifier.lastShown?.msgId === ping.msgId ? w.app.notifier.lastShown : undefined));
    assert.equal(shown.groupId, groupId);
    await eventually('the mention to count as unread while unseen', () => (w.app.requireSession().unreadCount().messages >= 1 ? true : undefined));
    assert.match(w.app.statusBar.text, /TeamChat \d+$/, 'the status bar shows the unread total');
  });

  it('mutes the group by command: a mention then neither notifies nor counts, and unmuting counts again', async () => {
    const session = w.app.requireSession();
    const before = session.unreadCount().messages;
    const own = session.groups().find((g) => g.id === groupId)?.unread ?? 0;
    const muted = await vscode.commands.executeCommand('teamchat.notificationSettings', { groupId, level: 'muted' });
    assert.equal(muted, 'muted', `notification settings failed${why()}`);
    assert.equal(session.groups().find((g) => g.id === groupId)?.notify, 'muted');
    assert.equal(session.unreadCount().messages, before - own, 'a muted group is not counted');
    const quiet = await w.bob.sendText(groupId, `@${w.alice} muted ping`);
    await eventually('the muted mention to arrive', () => session.client.messages(groupId).find((m) => m.msgId === quiet.msgId));
    assert.notEqual(w.app.notifier.lastShown?.msgId, quiet.msgId, 'no notification from a muted group');
    assert.equal(session.unreadCount().messages, before - own);
    await vscode.commands.executeCommand('teamchat.notificationSettings', { groupId, level: 'all' });
    assert.ok(session.unreadCount().messages > before, 'counted again once unmuted, the muted mention too');
  });

  it('opens the chat in the side view beside the code: live alongside the tab, and it marks what it shows as read', async function () {
    await vscode.commands.executeCommand('teamchat.openChatView', { groupId });
    assert.equal(w.app.lastError, undefined, `open in the side view failed${why()}`);
    await eventually('the side view to be visible', () => w.app.chat.view.visible || undefined);
    if (!canProbeWebview()) return this.skip();
    await probeWebview({ selector: 'body[data-surface="view"] .chat-title', contains: 'design review', screenshot: 'chat-side-view.png' });
    await eventually('the side view to mark the group read', () => (w.app.requireSession().unreadCount().messages === 0 ? true : undefined));
    const live = await w.bob.sendText(groupId, 'seen in both places');
    for (const surface of ['view', 'tab']) {
      await probeWebview({ selector: `body[data-surface="${surface}"] .message[data-msg-id="${live.msgId}"]`, contains: 'seen in both places' });
    }
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await eventually('the side view to be hidden', () => (!w.app.chat.view.visible ? true : undefined));
  });

  it('opens a message link through the command: the chat shows the message, highlighted; a bad link is refused in words', async function () {
    const target = w.app.requireSession().client.messages(groupId).find((m) => m.body?.includes('the **build** is green'));
    assert.ok(target, 'the first message of the group');
    const link = `vscode://teamchat.teamchat/message?group=${groupId}&msg=${target.msgId}`;
    const opened = await vscode.commands.executeCommand<{ groupId: string; msgId: string }>('teamchat.openMessageLink', link);
    assert.deepEqual([opened?.groupId, opened?.msgId], [groupId, target.msgId], `open link failed${why()}`);
    if (canProbeWebview()) {
      await probeWebview({ selector: `.message.flash[data-msg-id="${target.msgId}"]`, contains: 'build is green', screenshot: 'chat-message-link.png' });
    }
    assert.equal(await vscode.commands.executeCommand('teamchat.openMessageLink', link.replace(groupId, '../../settings')), undefined);
    assert.match(w.app.lastError ?? '', /names no valid group/);
    assert.equal(await vscode.commands.executeCommand('teamchat.openMessageLink', link.replace(groupId, randomUUID())), undefined);
    assert.match(w.app.lastError ?? '', /a group you are not in/);
  });

  it('opens bob\'s image full size in VS Code from a private temporary folder, and Attach File sends a file bob decrypts', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const sent = await w.bob.files.send(groupId, { name: 'diagram.png', type: 'image/png', bytes: new Uint8Array(png) }, { comment: 'the new flow' });
    await eventually('alice to hold the image', () => w.app.requireSession().client.messages(groupId).find((m) => m.msgId === sent.msgId));
    await w.app.requireSession().openFile({ groupId, msgId: sent.msgId, transferId: 'vscode-open-1' });
    const tab = await eventually('the image to open in an editor', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => {
      const input = t.input as { uri?: vscode.Uri } | undefined;
      return input?.uri?.path.endsWith('/diagram.png') ? t : undefined;
    }));
    const uri = (tab.input as { uri: vscode.Uri }).uri;
    const storage = w.app.context.globalStorageUri.fsPath;
    assert.ok(uri.fsPath.startsWith(path.join(storage, 'opened-files') + path.sep), `written under the extension's global storage: ${uri.fsPath}`);
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(uri)), png, 'the decrypted bytes bob sent');
    assert.ok(tab.input instanceof vscode.TabInputCustom, 'shown in the image preview, not as text');
    await vscode.window.tabGroups.close(tab);

    const file = vscode.Uri.joinPath(w.app.context.globalStorageUri, `notes-${randomBytes(4).toString('hex')}.txt`);
    await vscode.workspace.fs.writeFile(file, Buffer.from('meeting at 3\n'));
    const msgIds = await vscode.commands.executeCommand<string[]>('teamchat.attachFile', { groupId, paths: [file.fsPath] });
    assert.equal(msgIds?.length, 1, `attach failed${why()}`);
    const got = await eventually('bob to get the file', () => w.bobInbox.find((m) => m.msgId === msgIds![0]));
    assert.equal(got.file?.name, path.basename(file.fsPath));
    assert.equal(Buffer.from((await w.bob.files.download(groupId, got.msgId))!).toString(), 'meeting at 3\n');
  });

  it('verifies bob: both sides compute the same safety number, and the member list says so', async () => {
    const check = await vscode.commands.executeCommand<{ safetyNumber: string; status: string }>('teamchat.verifyMember', { groupId, username: w.bob.username, confirm: true });
    assert.ok(check, `verify failed${why()}`);
    const bobsView = await w.bob.checkKeys(w.alice);
    assert.equal(check.safetyNumber, bobsView.safetyNumber);
    assert.match(check.safetyNumber.replace(/\s/g, ''), /^\d{60}$/);
    assert.equal(await w.app.requireSession().client.keyTrust(w.bob.username), 'verified', 'the client core records the comparison');
    if (!canProbeWebview()) return;
    await vscode.commands.executeCommand('teamchat.openChat', { groupId });
    await probeWebview({ selector: `.member[data-username="${w.bob.username}"]`, contains: 'verified by safety number' });
    await probeWebview({ selector: '.chat-header .verification-mark', contains: '✓ verified' });
  });

  it('removes bob with a key rotation: he loses the group and cannot read what follows', async () => {
    const before = (await w.app.requireSession().client.group(groupId)).generation;
    const removed = await vscode.commands.executeCommand('teamchat.removeMember', { groupId, username: w.bob.username, confirm: true });
    assert.equal(removed, w.bob.username, `remove failed${why()}`);
    const group = await w.app.requireSession().client.group(groupId);
    assert.equal(group.generation, before + 1);
    assert.deepEqual(group.members.map((m) => m.username), [w.alice]);
    await eventually('bob to lose the group', () => (w.bob.groups().some((g) => g.id === groupId) ? undefined : true));
    const inboxBefore = w.bobInbox.length;
    const secret = await w.app.requireSession().send({ groupId, body: 'after bob left' });
    await assert.rejects(w.bob.api.history(groupId), /not|404/i);
    assert.equal(w.bobInbox.length, inboxBefore);
    assert.ok(w.app.requireSession().client.messages(groupId).some((m) => m.msgId === secret.msgId));
    if (canProbeWebview()) await probeWebview({ selector: '.members h3', contains: '(1)' });
  });

  it('locks: forgets keys and tokens, then unlocks with the passphrase and remembers only when asked', async () => {
    const stored = JSON.parse((await w.app.secrets.get(SECRET_KEYS.session))!) as { refreshToken: string };
    await vscode.commands.executeCommand('teamchat.lock');
    assert.equal(w.app.accounts.session, undefined);
    assert.equal(w.app.accounts.sessionView().state, 'locked');
    assert.equal(await w.app.secrets.get(SECRET_KEYS.session), undefined);
    const refreshed = await fetch(`${w.server.url}/api/auth/refresh`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: stored.refreshToken }),
    });
    assert.equal(refreshed.status, 401, 'Lock revoked the refresh token on the server: a copy taken from this device is worth nothing');

    const again = await vscode.commands.executeCommand('teamchat.signIn', { serverUrl: w.server.url, username: w.alice, passphrase: PASSPHRASE, remember: true });
    assert.equal(again, w.alice, `sign-in failed${why()}`);
    assert.ok(await w.app.secrets.get(REMEMBERED_KEY), 'remembered on this device');
    // A new VS Code session: the remembered keys unlock without the passphrase.
    await w.app.accounts.restore({ serverUrl: undefined, username: '' });
    const session = await eventually('the session to be restored', () => w.app.accounts.session);
    assert.equal(session.username, w.alice);
    assert.ok(session.client.groups().some((g) => g.id === groupId));

    await vscode.commands.executeCommand('teamchat.lock');
    assert.equal(await w.app.secrets.get(REMEMBERED_KEY), undefined, 'Lock forgets the remembered keys');
  });

  it('deletes the group for everyone', async () => {
    await vscode.commands.executeCommand('teamchat.signIn', { serverUrl: w.server.url, username: w.alice, passphrase: PASSPHRASE, remember: false });
    const deleted = await vscode.commands.executeCommand('teamchat.deleteGroup', { groupId, confirm: true });
    assert.equal(deleted, groupId, `delete failed${why()}`);
    assert.ok(!w.app.requireSession().client.groups().some((g) => g.id === groupId));
    await assert.rejects(w.app.requireSession().client.api.group(groupId), /404|not/i);
  });
});
