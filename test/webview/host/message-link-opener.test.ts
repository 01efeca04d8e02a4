// Opening a message link with the real ChatService over a real client and server; VS Code is
// stood in for by what the opener asks of it (show the chat, tell the user), and the chat's
// bridge is the real one, so what the webview would be told is checked too.
import * as assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { MemorySecretStore, TeamChatClient } from '../../../client';
import { ClientChatService } from '../../../extension/client-chat-service';
import { openMessageLink } from '../../../extension/message-link-opener';
import type { MessageRef } from '../../../extension/message-links';
import { PanelBridge } from '../../../extension/panel/panel-bridge';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { NotificationSettings } from '../../../extension/notification-settings';
import { keptStateInMemory } from '../support/kept-state';

const PASSPHRASE = 'correct horse battery staple';

/** VS Code as the opener sees it: the chat's bridge (ready, as an open webview's is) and the notifications shown. */
function standInVsCode() {
  const posted: { method: string; params?: unknown }[] = [];
  const bridge = new PanelBridge({
    post: (m) => posted.push(m as (typeof posted)[number]),
    runAction: () => undefined,
    openSnippet: () => undefined,
    copyMessageLink: () => undefined,
    sessionWithoutChat: () => ({ state: 'signed-out' }),
    warn: () => undefined,
  });
  const shown: MessageRef[] = [];
  const told: string[] = [];
  const host = {
    show: async (ref: MessageRef) => {
      shown.push(ref);
      bridge.focusGroup(ref.groupId, ref.msgId);
    },
    inform: (text: string) => told.push(text),
  };
  return { bridge, posted, shown, told, host, focused: () => posted.filter((m) => m.method === 'groups/didFocus').map((m) => m.params) };
}

describe('host message link opener over a real client and server', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let server: ServerProcess;
  let alice: TeamChatClient;
  let bob: TeamChatClient;
  let reader: ClientChatService;
  let groupId: string;
  let first: string;
  let deleted: string;

  before(async () => {
    database = await createTestDatabase('msglink');
    server = await startServerProcess({ databaseUrl: database.url });
    const suffix = randomBytes(3).toString('hex');
    [alice, bob] = await Promise.all([
      TeamChatClient.signUp(server.url, `alice-${suffix}`, PASSPHRASE, new MemorySecretStore()),
      TeamChatClient.signUp(server.url, `bob-${suffix}`, PASSPHRASE, new MemorySecretStore()),
    ]);
    groupId = (await alice.createGroup('links', { members: [bob.username] })).id;
    first = (await alice.sendText(groupId, 'the first message, linked to later')).msgId;
    deleted = (await alice.sendText(groupId, 'a message that will be deleted')).msgId;
    await alice.deleteMessage(groupId, deleted);
    // More than two pages (of 50) after it: the link must load older pages to reach it.
    for (let i = 0; i < 110; i++) await alice.sendText(groupId, `later ${i}`);
    // Bob's chat, fresh from a sign-in: it holds nothing of the group's history yet.
    await bob.refreshGroups();
    reader = new ClientChatService(bob, new NotificationSettings(keptStateInMemory(), server.url, bob.username), () => undefined);
  });

  after(async () => {
    reader?.dispose();
    await alice?.signOut().catch(() => undefined);
    await bob?.signOut().catch(() => undefined);
    await server?.stop();
    await database?.drop();
  });

  it('loads older pages until the message is there, then has the chat open the group at it', async () => {
    const vscode = standInVsCode();
    assert.equal(reader.client.messages(groupId).some((m) => m.msgId === first), false, 'not held before the link is opened');
    await vscode.bridge.receive({ method: 'webview/ready' });
    const opened = await openMessageLink(reader, { groupId, msgId: first }, vscode.host);
    assert.deepEqual(opened, { groupId, msgId: first, groupName: 'links', deleted: false });
    assert.deepEqual(vscode.shown, [{ groupId, msgId: first }]);
    assert.deepEqual(vscode.focused(), [{ groupId, msgId: first }]);
    assert.deepEqual(vscode.told, []);
    // The page the webview then asks for holds the message, so it can scroll to it.
    const page = await reader.openGroup({ groupId });
    assert.ok(page.messages.some((m) => m.msgId === first));
  });

  it('opens a deleted message where it was, and says it was deleted', async () => {
    const vscode = standInVsCode();
    const opened = await openMessageLink(reader, { groupId, msgId: deleted }, vscode.host);
    assert.equal(opened.deleted, true);
    assert.deepEqual(vscode.shown, [{ groupId, msgId: deleted }]);
    assert.deepEqual(vscode.told, ['The message this link points to in links was deleted; the chat shows where it was.']);
  });

  it('says so, and opens nothing, for a message that is not in the group', async () => {
    const vscode = standInVsCode();
    await assert.rejects(openMessageLink(reader, { groupId, msgId: randomBytes(16).toString('hex') }, vscode.host), /is not in links: the link may be from another TeamChat server/);
    assert.deepEqual(vscode.shown, []);
  });

  it('stops looking after a bounded number of pages, and says the message is further back', async () => {
    const vscode = standInVsCode();
    const fresh = new ClientChatService(await TeamChatClient.signIn(server.url, bob.username, PASSPHRASE, new MemorySecretStore()), new NotificationSettings(keptStateInMemory(), server.url, bob.username), () => undefined);
    try {
      await fresh.client.refreshGroups();
      await assert.rejects(openMessageLink(fresh, { groupId, msgId: first }, vscode.host, 1), /older than the last 100 messages of links; scroll up/);
      assert.deepEqual(vscode.shown, []);
    } finally {
      fresh.dispose();
      await fresh.client.disconnect();
    }
  });

  it('says so, and opens nothing, for a link to a group you are not in', async () => {
    const vscode = standInVsCode();
    const theirs = (await alice.createGroup('not for bob', { members: [] })).id;
    const message = (await alice.sendText(theirs, 'private')).msgId;
    await bob.refreshGroups();
    for (const ref of [{ groupId: theirs, msgId: message }, { groupId: randomUUID(), msgId: message }]) {
      await assert.rejects(openMessageLink(reader, ref, vscode.host), /a group you are not in: ask one of its members to add you/);
    }
    assert.deepEqual(vscode.shown, []);
    assert.deepEqual(vscode.focused(), []);
  });
});
