// Files through the host's ChatService over real clients and a real server (issue 16): what
// alice's panel sends (bytes, thumbnail, comment) arrives in bob's panel as a file card's view,
// with the thumbnail and without the file's key, hash or id; bob's panel gets the text of a small
// text file and opens an image through the host, which decrypts the very bytes alice sent.
import * as assert from 'node:assert/strict';
import type { ChatServiceEvent } from '../../../extension/chat-service';
import { ClientChatService } from '../../../extension/client-chat-service';
import { NO_FILE_UI } from '../../../extension/files/file-ui';
import { NotificationSettings } from '../../../extension/notification-settings';
import type { ChatMessageView, FileProgressView } from '../../../common/webview-protocol';
import { keptStateInMemory } from '../support/kept-state';
import { eventually, startTwoUsers, type TwoUsers } from '../support/two-users';

const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('host file messages over a real client and server', function () {
  this.timeout(120_000);
  let world: TwoUsers;
  let alice: ClientChatService;
  let bob: ClientChatService;
  const aliceEvents: ChatServiceEvent[] = [];
  const bobEvents: ChatServiceEvent[] = [];
  const shown: { name: string; bytes: Uint8Array }[] = [];
  let groupId: string;

  before(async () => {
    world = await startTwoUsers('hostfiles');
    const settings = (u: string) => new NotificationSettings(keptStateInMemory(), world.server.url, u);
    alice = new ClientChatService(world.alice, settings(world.alice.username), () => undefined);
    bob = new ClientChatService(world.bob, settings(world.bob.username), () => undefined);
    bob.files.useUi({ ...NO_FILE_UI, show: async (name, bytes) => void shown.push({ name, bytes }) });
    alice.onEvent((e) => aliceEvents.push(e));
    bob.onEvent((e) => bobEvents.push(e));
    const created = await alice.createGroup({ name: 'files', members: [world.bob.username] });
    assert.ok('groupId' in created);
    groupId = created.groupId;
    await eventually('bob to see the group', () => world.bob.groups().find((g) => g.id === groupId));
    await bob.openGroup({ groupId });
  });

  after(async () => {
    alice?.dispose();
    bob?.dispose();
    await world?.stop();
  });

  const arrivedAtBob = (name: string) => eventually(`bob to get ${name}`, () => bobEvents.flatMap((e) => (e.type === 'message' && e.message.file?.name === name ? [e.message] : []))[0]);
  const aliceProgress = (transferId: string) => aliceEvents.flatMap((e) => (e.type === 'file-progress' && e.progress.transferId === transferId ? [e.progress] : []));

  it('sends a pasted image with its thumbnail and comment; bob sees the card, never the key, and opens the same bytes', async () => {
    const bytes = new Uint8Array(Buffer.from(PNG_B64, 'base64'));
    assert.deepEqual(await alice.fileLimits(), { maxFileBytes: 25 * 1024 * 1024 });
    await alice.sendFile({ groupId, transferId: 'up1', name: 'shot.png', type: 'image/png', bytes, comment: 'the bug', thumbnail: { type: 'image/png', dataB64: PNG_B64, width: 1, height: 1 } });
    const view: ChatMessageView = await arrivedAtBob('shot.png');
    assert.deepEqual(view.file, { name: 'shot.png', type: 'image/png', size: bytes.length, thumbnail: { type: 'image/png', dataB64: PNG_B64, width: 1, height: 1 } });
    assert.equal(view.body, 'the bug');
    const done: FileProgressView = await eventually('alice\'s upload to finish', () => aliceProgress('up1').find((p) => p.state === 'done'));
    assert.equal(done.msgId, view.msgId, 'the upload reports the message it made');
    const sent = world.alice.messages(groupId).find((m) => m.msgId === view.msgId)!;
    const json = JSON.stringify(view);
    for (const secret of [sent.file!.key, sent.file!.sha256, sent.file!.id]) assert.ok(!json.includes(secret), 'the view carries no key, hash or file id');

    await bob.openFile({ groupId, msgId: view.msgId, transferId: 'down1' });
    await eventually('the image to open', () => shown[0]);
    assert.equal(shown[0]!.name, 'shot.png');
    assert.deepEqual([...shown[0]!.bytes], [...bytes]);
  });

  it('gives bob the text of a small text file alice dropped', async () => {
    const text = 'export const answer = 42;\n';
    await alice.sendFile({ groupId, transferId: 'up2', name: 'answer.ts', type: 'text/plain', bytes: new TextEncoder().encode(text) });
    const view = await arrivedAtBob('answer.ts');
    assert.deepEqual(await bob.fileText({ groupId, msgId: view.msgId }), { text });
  });
});
