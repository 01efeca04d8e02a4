// Discussions end to end (docs/code-aware-chat.md, "Discussions on lines of code"): real
// clients over HTTP and WebSocket against a real server process. A resolve is one more signed,
// encrypted message: it round-trips between members, the latest wins, and a server (or a
// lying proxy in front of it) can drop or reorder it but not forge one; a non-member's is refused.

import assert from 'node:assert/strict';
import { MemorySecretStore, TeamChatClient, type ChatMessage, type Group } from '../../client';
import { isServerError } from '../../client/errors';
import type { HistoryPage, MessageView } from '../../common/api';
import { createIdentity, encryptGroupMessage, generateGroupKey, newMsgId } from '../../common/crypto';
import { LyingProxy } from '../reliability/support/lying-proxy';
import { BACKENDS, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';
import { aliceAndBobIn } from './support/two-members';

const PASSPHRASES = { alice: 'alice: discussion tests, long enough', bob: 'bob: discussion tests, long enough too' };
const SNIPPET = { path: 'src/retry.ts', startLine: 3, endLine: 5, language: 'typescript', code: 'export async function retry() {}' };

/** The next 'message-updated' of `msgId` that matches. */
function updated(client: TeamChatClient, msgId: string, matches: (m: ChatMessage) => boolean): Promise<ChatMessage> {
  return new Promise((resolve) => {
    const off = client.on('message-updated', (m) => {
      if (m.msgId === msgId && matches(m)) {
        off();
        resolve(m);
      }
    });
  });
}

for (const backend of BACKENDS) {
  describe(`discussions on the ${backend} database (e2e)`, function () {
    this.timeout(180_000);
    let world: ServerWorld;
    let alice: TeamChatClient;
    let bob: TeamChatClient;
    let group: Group;
    let root: ChatMessage;
    const others: TeamChatClient[] = [];
    const proxies: LyingProxy[] = [];

    before(async () => {
      world = await ServerWorld.start(backend);
      ({ alice, bob, group } = await aliceAndBobIn(world, 'discussions', PASSPHRASES));
    });
    after(async () => {
      for (const proxy of proxies) await proxy.close();
      for (const client of [alice, bob, ...others]) await client?.disconnect();
      await world?.close();
    });

    const bobElsewhere = async (server: string) => {
      const client = await TeamChatClient.signIn(server, 'bob', PASSPHRASES.bob, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      others.push(client);
      await client.refreshGroups();
      return client;
    };

    it('a resolve by one member reaches the other, a reopen comes back, and a new device reads the latest', async () => {
      const bobSees = new Promise<void>((resolve) => bob.on('message', (m) => m.msgId === root?.msgId && resolve()));
      root = await alice.sendSnippet(group.id, SNIPPET, 'Should this retry forever?');
      await bobSees;
      await bob.threads.reply(group.id, root.msgId, 'No: three times, then give up');
      const aliceSeesResolved = updated(alice, root.msgId, (m) => m.discussion?.resolved === true);
      const resolved = await bob.threads.resolve(group.id, root.msgId, true);
      assert.equal(resolved.discussion?.resolved, true);
      assert.deepEqual({ ...(await aliceSeesResolved).discussion, at: undefined }, { resolved: true, by: 'bob', at: undefined });
      assert.ok(!alice.messages(group.id).some((m) => m.kind === 'resolve'), 'a change, not a line of its own');

      const bobSeesReopened = updated(bob, root.msgId, (m) => m.discussion?.resolved === false);
      await alice.threads.resolve(group.id, root.msgId, false);
      assert.equal((await bobSeesReopened).discussion?.by, 'alice');

      const laptop = await bobElsewhere(world.url);
      const held = (await laptop.history(group.id)).find((m) => m.msgId === root.msgId);
      assert.deepEqual({ ...held?.discussion, at: undefined }, { resolved: false, by: 'alice', at: undefined });
    });

    it('resolving a thread reply resolves its root: threads do not nest', async () => {
      const reply = bob.threads.replies(group.id, root.msgId)[0] as ChatMessage;
      const aliceSees = updated(alice, root.msgId, (m) => m.discussion?.resolved === true);
      const answer = await bob.threads.resolve(group.id, reply.msgId, true);
      assert.equal(answer.msgId, root.msgId);
      assert.equal((await aliceSees).discussion?.by, 'bob');
    });

    it('refuses a resolve from someone outside the group, and nothing changes', async () => {
      const carol = await TeamChatClient.signUp(world.url, 'carol', 'carol: discussion tests, long enough', new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      others.push(carol);
      const msgId = newMsgId();
      // Carol has no group key: the best she can do is seal a resolve under a key of her own.
      const blob = encryptGroupMessage({ v: 1, kind: 'resolve', body: '', target: root.msgId, resolved: false, sentAt: new Date().toISOString() },
        { groupId: group.id, generation: group.generation, sender: 'carol', msgId }, generateGroupKey(), createIdentity().signingPrivateKey);
      await assert.rejects(carol.api.postMessage(group.id, { msgId, generation: group.generation, encryptedBlobB64: blob }), (error: unknown) => isServerError(error) && (error.status === 403 || error.status === 404));
      const laptop = await bobElsewhere(world.url);
      const held = (await laptop.history(group.id)).find((m) => m.msgId === root.msgId);
      assert.equal(held?.discussion?.resolved, true);
      assert.equal(held?.discussion?.by, 'bob');
    });

    it('a lying server can reorder or drop resolves, never forge one: a resolve it says is from another member is not folded', async () => {
      const proxy = new LyingProxy(world.url);
      proxies.push(proxy);
      await proxy.listen();
      const second = await alice.sendSnippet(group.id, SNIPPET, 'And the backoff?');
      await bob.threads.resolve(group.id, second.msgId, true);
      await bob.threads.resolve(group.id, second.msgId, false);
      // The two changes as stored: the newest two messages of the group.
      const [resolve, reopen] = (await bob.api.history(group.id, { limit: 2 })).messages as [MessageView, MessageView];
      const pageOf = (answer: { json: unknown }) => answer.json as HistoryPage;
      const isHistory = (request: { method: string; url: string }) => request.method === 'GET' && request.url.includes(`/groups/${group.id}/messages`);

      // Reordering: the server swaps the two changes' places, so the reopen reads as the older.
      proxy.rewrite = (request, answer) => {
        if (!isHistory(request)) return undefined;
        const page = pageOf(answer);
        const seqOf = (id: string) => page.messages.find((m) => m.msgId === id)?.seq ?? 0;
        const [a, b] = [seqOf(resolve.msgId), seqOf(reopen.msgId)];
        const swapped = page.messages.map((m): MessageView => (m.msgId === resolve.msgId ? { ...m, seq: b } : m.msgId === reopen.msgId ? { ...m, seq: a } : m));
        return { ...page, messages: swapped.sort((x, y) => x.seq - y.seq) };
      };
      const reordered = (await (await bobElsewhere(proxy.url)).history(group.id)).find((m) => m.msgId === second.msgId);
      assert.equal(reordered?.discussion?.resolved, true, 'the order is the server\'s to give: that is its power');

      // Dropping: the server withholds both changes; the discussion reads as never resolved.
      proxy.rewrite = (request, answer) => {
        if (!isHistory(request)) return undefined;
        const page = pageOf(answer);
        return { ...page, messages: page.messages.filter((m) => m.msgId !== resolve.msgId && m.msgId !== reopen.msgId) };
      };
      const dropped = (await (await bobElsewhere(proxy.url)).history(group.id)).find((m) => m.msgId === second.msgId);
      assert.equal(dropped?.discussion, undefined);

      // Forging: bob's reopen filed as alice's, and bob's resolve as alice's on the first root.
      proxy.rewrite = (request, answer) => {
        if (!isHistory(request)) return undefined;
        const page = pageOf(answer);
        return { ...page, messages: page.messages.filter((m) => m.msgId !== resolve.msgId).map((m) => (m.msgId === reopen.msgId ? { ...m, sender: 'alice' } : m)) };
      };
      const forgedView = await (await bobElsewhere(proxy.url)).history(group.id);
      const forged = forgedView.find((m) => m.msgId === reopen.msgId);
      assert.equal(forged?.status, 'bad-signature', 'shown as a forgery');
      assert.equal(forgedView.find((m) => m.msgId === second.msgId)?.discussion, undefined, 'and never folded into the discussion');
    });
  });
}
