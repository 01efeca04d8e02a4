// Three people, each a real client (the client core) over real HTTP and WebSocket, against
// a real server process; once on the embedded database and once on PostgreSQL.

import assert from 'node:assert/strict';
import {
  createIdentity,
  decryptGroupMessage,
  encryptGroupMessage,
  generateGroupKey,
  newMsgId,
  openGroupKey,
  type MessageEnvelope,
} from '../../common/crypto';
import type { GroupView, MessageView } from '../../common/api';
import { GroupNotFoundError, isServerError, MemorySecretStore, TeamChatClient, type ChatMessage } from '../../client';
import { base64Strings, type DatabaseDump } from './support/database-dump';
import { findSecrets, type Secret } from './support/secret-scan';
import {
  BACKENDS,
  connectionBecomes,
  groupAppears,
  groupDisappears,
  Inbox,
  ServerWorld,
  TEST_CLIENT_OPTIONS,
} from './support/chat-world';

const PASSPHRASES = { alice: 'alice: correct horse battery staple', bob: 'bob: tr0ub4dor&3 but longer', carol: 'carol: my voice is my passport' };

// Plaintexts distinctive enough that finding one in a dump cannot be chance.
const TEXT = {
  hello: 'Hello team, the launch code is OSPREY-7731',
  reply: 'Bob here: OSPREY-7731 confirmed, moving to staging',
  edited: 'Hello team, the launch code is now HERON-2208',
  snippet: 'const vaultPassword = "zebra-quartz-1184";',
  beforeRemoval: 'Carol can still read this: PELICAN-5150',
  afterRemoval: 'Only Alice and Bob may read this: CORMORANT-9090',
  beforeRestart: 'Said before the restart: GANNET-4401',
  duringRestart: 'Said while Bob was reconnecting: PUFFIN-3117',
  afterRestart: 'Said after everyone was back: TERN-6262',
  afterLeave: 'Carol left the side channel: SKUA-8008',
};

function envelope(body: string): MessageEnvelope {
  return { v: 1, kind: 'text', body, sentAt: new Date().toISOString() };
}

for (const backend of BACKENDS) {
  describe(`three users on the ${backend} database`, function () {
    this.timeout(180_000);

    let world: ServerWorld;
    let alice: TeamChatClient;
    let bob: TeamChatClient;
    let carol: TeamChatClient;
    let bobLaptop: TeamChatClient | undefined;
    let inbox: { alice: Inbox; bob: Inbox; carol: Inbox };
    let group: GroupView;
    const sentAfterRemoval: ChatMessage[] = [];
    /** The sealed copies Carol held while she was a member. */
    let carolsCopies: GroupView['keys'] = [];

    before(async () => {
      world = await ServerWorld.start(backend);
      // Argon2id is the expensive step: each person signs up once for the whole suite.
      alice = await TeamChatClient.signUp(world.url, 'alice', PASSPHRASES.alice, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      bob = await TeamChatClient.signUp(world.url, 'bob', PASSPHRASES.bob, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      carol = await TeamChatClient.signUp(world.url, 'carol', PASSPHRASES.carol, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      inbox = { alice: new Inbox(alice), bob: new Inbox(bob), carol: new Inbox(carol) };
      await Promise.all([alice.connect(), bob.connect(), carol.connect()]);
    });

    after(async () => {
      await Promise.all([alice, bob, carol, bobLaptop].map(async (client) => client?.disconnect()));
      await world?.close();
    });

    it('A creates a group and adds B and C, knowing only their usernames', async () => {
      group = await alice.createGroup('launch');
      const bobSees = groupAppears(bob, group.id);
      const carolSees = groupAppears(carol, group.id);
      await alice.addMember(group.id, 'bob');
      await alice.addMember(group.id, 'carol');
      await Promise.all([bobSees, carolSees]);
      const asBob = await bob.group(group.id);
      assert.equal(asBob.generation, 1);
      assert.deepEqual(asBob.keys.map((k) => [k.generation, k.sealedBy]), [[1, 'alice']]);
      const members = (await alice.refreshGroup(group.id))!.members.map((m) => m.username).sort();
      assert.deepEqual(members, ['alice', 'bob', 'carol']);
    });

    it('messages, replies, snippets, edits and reactions arrive live to every member, each once', async () => {
      const bobGets = inbox.bob.next((m) => m.body === TEXT.hello);
      const carolGets = inbox.carol.next((m) => m.body === TEXT.hello);
      const hello = await alice.sendText(group.id, TEXT.hello);
      for (const got of await Promise.all([bobGets, carolGets])) {
        assert.equal(got.status, 'ok');
        assert.equal(got.sender, 'alice');
        assert.equal(got.msgId, hello.msgId);
      }

      const aliceGetsReply = inbox.alice.next((m) => m.body === TEXT.reply);
      const reply = await bob.sendText(group.id, TEXT.reply, { replyTo: hello.msgId });
      const replySeen = await aliceGetsReply;
      assert.equal(replySeen.replyTo, hello.msgId);
      assert.equal(replySeen.sender, 'bob');
      assert.equal((await inbox.carol.next((m) => m.msgId === reply.msgId)).status, 'ok');

      const snippet = { path: 'src/vault.ts', startLine: 3, endLine: 3, language: 'typescript', code: TEXT.snippet };
      const carolGetsSnippet = inbox.carol.next((m) => m.kind === 'snippet');
      await alice.sendSnippet(group.id, snippet, 'careful with this one');
      assert.deepEqual((await carolGetsSnippet).snippet, snippet);

      const bobSeesEdit = new Promise<ChatMessage>((resolve) => {
        const off = bob.on('message-updated', (m) => {
          if (m.msgId === hello.msgId) {
            off();
            resolve(m);
          }
        });
      });
      await alice.editMessage(group.id, hello.msgId, TEXT.edited);
      const edited = await bobSeesEdit;
      assert.equal(edited.body, TEXT.edited);
      assert.ok(edited.editedAt);

      // A reaction shows on its target for everyone; the same reaction again takes it back.
      const aliceSees = (check: (m: ChatMessage) => boolean) => new Promise<ChatMessage>((resolve) => {
        const off = alice.on('message-updated', (m) => {
          if (m.msgId === hello.msgId && check(m)) {
            off();
            resolve(m);
          }
        });
      });
      const reacted = aliceSees((m) => m.reactions?.['🎉']?.includes('carol') === true);
      await carol.react(group.id, hello.msgId, '🎉');
      assert.deepEqual((await reacted).reactions, { '🎉': ['carol'] });
      assert.equal((await reacted).body, TEXT.edited, 'the edit stays applied');
      const takenBack = aliceSees((m) => m.reactions === undefined);
      await carol.react(group.id, hello.msgId, '🎉');
      await takenBack;

      for (const who of Object.values(inbox)) {
        for (const message of who.arrived) assert.equal(who.count(message.msgId), 1, `${message.msgId} delivered more than once`);
      }
    });

    it('a second device reads the history with the passphrase alone', async () => {
      bobLaptop = await TeamChatClient.signIn(world.url, 'bob', PASSPHRASES.bob, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      const history = await bobLaptop.history(group.id);
      assert.deepEqual(history.map((m) => m.status), ['ok', 'ok', 'ok']);
      assert.deepEqual(history.map((m) => m.body), [TEXT.edited, TEXT.reply, 'careful with this one']);
      assert.equal(history[2]!.snippet?.code, TEXT.snippet);
      assert.equal(new Set(history.map((m) => m.seq)).size, history.length);
    });

    it('A removes C after C has read some; C gets nothing sent after the removal', async () => {
      await alice.sendText(group.id, TEXT.beforeRemoval);
      const carolRead = await carol.history(group.id);
      assert.ok(carolRead.some((m) => m.body === TEXT.beforeRemoval && m.status === 'ok'));
      carolsCopies = (await carol.refreshGroup(group.id))!.keys;

      const carolRemoved = groupDisappears(carol, group.id);
      const removal = await alice.removeMember(group.id, 'carol');
      assert.deepEqual(removal, { generation: 2, needsRotation: false });
      await carolRemoved;

      const bobGets = inbox.bob.next((m) => m.body === TEXT.afterRemoval);
      sentAfterRemoval.push(await alice.sendText(group.id, TEXT.afterRemoval));
      const seen = await bobGets;
      assert.equal(seen.status, 'ok');
      assert.equal(seen.generation, 2);

      await assert.rejects(carol.history(group.id), GroupNotFoundError);
      await assert.rejects(carol.api.history(group.id), (error: unknown) => isServerError(error) && error.status === 404);
      assert.ok(!inbox.carol.arrived.some((m) => m.generation >= 2), 'carol received a message of a generation she does not hold');
    });

    it('A and B still read the old history, and the new messages', async () => {
      for (const reader of [alice, bobLaptop!]) {
        const history = await reader.history(group.id);
        const bodies = history.map((m) => m.body);
        assert.ok(history.every((m) => m.status === 'ok'), `${reader.username} saw a message that is not ok`);
        for (const text of [TEXT.edited, TEXT.reply, TEXT.beforeRemoval, TEXT.afterRemoval]) assert.ok(bodies.includes(text), `${reader.username} misses "${text}"`);
      }
    });

    it('flags a message whose signature is not its sender\'s, and one that does not decrypt', async () => {
      const stored = (await bob.api.history(group.id)).messages;
      const aliceMessage = stored.find((m) => m.sender === 'alice' && m.generation === 2) as MessageView;
      const current = await bob.group(group.id);
      const sealed = current.keys.find((k) => k.generation === 2)!;
      const groupKey = await openGroupKey(
        sealed.encryptedGroupKeyB64,
        { groupId: group.id, generation: 2, username: 'bob' },
        bob.account.identity,
        alice.account.identity.signingPublicKey,
      );

      // 1. Bob posts Alice's blob as his own: it names Alice's msgId and sender, so it no longer verifies.
      const replayed = { msgId: newMsgId(), generation: 2, encryptedBlobB64: aliceMessage.encryptedBlobB64 };
      // 2. A blob under the right group key, but signed by a key that is not Bob's.
      const forgedId = newMsgId();
      const forged = {
        msgId: forgedId,
        generation: 2,
        encryptedBlobB64: encryptGroupMessage(envelope('I am totally Bob'), { groupId: group.id, generation: 2, sender: 'bob', msgId: forgedId }, groupKey, createIdentity().signingPrivateKey),
      };
      // 3. Signed by Bob, but under a key that is not the group's.
      const garbledId = newMsgId();
      const garbled = {
        msgId: garbledId,
        generation: 2,
        encryptedBlobB64: encryptGroupMessage(envelope('noise'), { groupId: group.id, generation: 2, sender: 'bob', msgId: garbledId }, generateGroupKey(), bob.account.identity.signingPrivateKey),
      };
      const aliceSeesGarbled = inbox.alice.next((m) => m.msgId === garbledId);
      for (const body of [replayed, forged, garbled]) await bob.api.postMessage(group.id, body);

      const live = await aliceSeesGarbled;
      assert.equal(live.status, 'could-not-decrypt');
      const history = await bobLaptop!.history(group.id);
      const byId = new Map(history.map((m) => [m.msgId, m]));
      for (const id of [replayed.msgId, forgedId]) {
        const message = byId.get(id);
        assert.equal(message?.status, 'bad-signature');
        assert.equal(message?.body, undefined, 'a message with a bad signature must not show its text');
      }
      assert.equal(byId.get(garbledId)?.status, 'could-not-decrypt');
      assert.equal(byId.get(aliceMessage.msgId)?.status, 'ok');
    });

    it('a server restart mid-conversation loses nothing and the clients catch up', async () => {
      const before = await alice.sendText(group.id, TEXT.beforeRestart);
      await inbox.bob.next((m) => m.msgId === before.msgId);

      const bobNoticed = connectionBecomes(bob, 'reconnecting');
      await world.killServer();
      await bobNoticed;
      await world.startServer();

      // Sent as soon as the server is back, whether or not Bob's socket is.
      const during = await alice.sendText(group.id, TEXT.duringRestart);
      const bobCaughtUp = await inbox.bob.next((m) => m.msgId === during.msgId);
      assert.equal(bobCaughtUp.body, TEXT.duringRestart);
      await connectionBecomes(bob, 'connected');
      await connectionBecomes(alice, 'connected');

      const bobGetsLive = inbox.bob.next((m) => m.body === TEXT.afterRestart);
      await alice.sendText(group.id, TEXT.afterRestart);
      await bobGetsLive;

      for (const message of inbox.bob.arrived) assert.equal(inbox.bob.count(message.msgId), 1, `bob got ${message.msgId} more than once`);
      const timeline = bob.messages(group.id).map((m) => m.seq);
      assert.deepEqual(timeline, [...new Set(timeline)].sort((a, b) => a - b));
      const history = (await bobLaptop!.history(group.id)).map((m) => m.body);
      for (const text of [TEXT.edited, TEXT.beforeRestart, TEXT.duringRestart, TEXT.afterRestart]) assert.ok(history.includes(text), `history lost "${text}"`);
    });

    it('a device that was offline catches up on connecting: every missed message once, in order', async () => {
      const laptop = bobLaptop!;
      await laptop.connect();
      await laptop.disconnect();
      const laptopInbox = new Inbox(laptop);
      const missed = [];
      for (const n of [1, 2, 3]) missed.push(await alice.sendText(group.id, `missed while offline ${n}`));
      await laptop.connect();
      assert.deepEqual(laptopInbox.arrived.map((m) => [m.msgId, m.status]), missed.map((m) => [m.msgId, 'ok']));
      await laptop.disconnect();
    });

    it('a member leaves; the next sender rotates first; any member rotates; the admin deletes', async () => {
      const side = await alice.createGroup('side channel');
      const carolSees = groupAppears(carol, side.id);
      await alice.addMember(side.id, 'bob');
      await alice.addMember(side.id, 'carol');
      await carolSees;

      const aliceSeesNeed = new Promise<void>((resolve) => {
        const off = alice.on('groups-changed', (groups) => {
          if (groups.find((g) => g.id === side.id)?.needsRotation) {
            off();
            resolve();
          }
        });
      });
      await carol.leave(side.id);
      await aliceSeesNeed;
      assert.equal(carol.groups().some((g) => g.id === side.id), false);

      // Bob's client sees the group needs rotation and makes generation 2 before sending.
      const aliceGets = inbox.alice.next((m) => m.body === TEXT.afterLeave);
      const sent = await bob.sendText(side.id, TEXT.afterLeave);
      assert.equal(sent.generation, 2);
      assert.equal((await aliceGets).status, 'ok');
      assert.deepEqual((await bob.group(side.id)).keys.map((k) => k.generation).sort(), [1, 2]);

      assert.deepEqual(await bob.rotate(side.id), { generation: 3 });
      const afterRotate = await alice.sendText(side.id, 'generation three');
      assert.equal(afterRotate.generation, 3);
      assert.equal((await inbox.bob.next((m) => m.msgId === afterRotate.msgId)).status, 'ok');

      const bobSeesDeletion = groupDisappears(bob, side.id);
      await alice.deleteGroup(side.id);
      await bobSeesDeletion;
      await assert.rejects(bob.api.group(side.id), (error: unknown) => isServerError(error) && error.status === 404);
    });

    describe('given a copy of the database', () => {
      let dump: DatabaseDump;
      let groupKeys: Map<number, Uint8Array>;

      before(async () => {
        // Alice's own copies give every generation's key, to look for them in the dump.
        const latest = (await alice.refreshGroup(group.id))!;
        groupKeys = new Map();
        for (const sealed of latest.keys) {
          const sealer = sealed.sealedBy === 'alice' ? alice : bob;
          groupKeys.set(sealed.generation, await openGroupKey(
            sealed.encryptedGroupKeyB64,
            { groupId: group.id, generation: sealed.generation, username: 'alice' },
            alice.account.identity,
            sealer.account.identity.signingPublicKey,
          ));
        }
        await Promise.all([alice.disconnect(), bob.disconnect(), carol.disconnect(), bobLaptop?.disconnect()]);
        dump = await world.dump();
        assert.ok(dump.rows.includes(sentAfterRemoval[0]!.msgId), 'the dump holds the messages');
        if (backend === 'postgresql') assert.ok(dump.extraText.includes('COPY public.group_messages'), 'pg_dump ran');
      });

      it('C cannot read anything sent after the removal with her keys', async () => {
        const people = [alice, bob, carol];
        const carolsKeys = new Map<number, Uint8Array>();
        for (const copy of carolsCopies) {
          carolsKeys.set(copy.generation, await openGroupKey(copy.encryptedGroupKeyB64, { groupId: group.id, generation: copy.generation, username: 'carol' }, carol.account.identity, alice.account.identity.signingPublicKey));
        }
        // Every sealed key in the dump, tried as a copy for Carol, for every generation and sealer.
        for (const candidate of base64Strings(dump)) {
          for (const generation of groupKeys.keys()) {
            for (const sealer of people) {
              try {
                carolsKeys.set(generation, await openGroupKey(candidate, { groupId: group.id, generation, username: 'carol' }, carol.account.identity, sealer.account.identity.signingPublicKey));
              } catch {
                // Not Carol's copy of this generation: expected for every generation after 1.
              }
            }
          }
        }
        assert.deepEqual([...carolsKeys.keys()], [1], 'Carol holds generation 1 only, from before and from the dump');
        const message = sentAfterRemoval[0]!;
        const blob = base64Strings(dump).find((candidate) => {
          try {
            decryptGroupMessage(candidate, { groupId: group.id, generation: 2, sender: 'alice', msgId: message.msgId }, groupKeys.get(2)!, alice.account.identity.signingPublicKey);
            return true;
          } catch {
            return false;
          }
        });
        assert.ok(blob, 'the message after the removal is in the dump');
        for (const key of carolsKeys.values()) {
          for (const generation of [1, 2]) {
            assert.throws(() => decryptGroupMessage(blob, { groupId: group.id, generation, sender: 'alice', msgId: message.msgId }, key, alice.account.identity.signingPublicKey));
          }
        }
      });

      it('holds none of the plaintexts and no key in the clear', () => {
        const secrets: Secret[] = [
          ...Object.entries(TEXT).map(([label, text]) => ({ label: `plaintext ${label}`, text })),
          { label: 'snippet comment', text: 'careful with this one' },
          ...[...groupKeys].map(([generation, bytes]) => ({ label: `group key generation ${generation}`, bytes })),
        ];
        for (const person of [alice, bob, carol]) {
          const { identity, authKey, kek } = person.account;
          secrets.push(
            { label: `${person.username} passphrase`, text: PASSPHRASES[person.username as keyof typeof PASSPHRASES] },
            { label: `${person.username} X25519 private key`, bytes: identity.encryptionPrivateKey },
            { label: `${person.username} Ed25519 private key`, bytes: identity.signingPrivateKey },
            { label: `${person.username} authKey`, bytes: authKey },
            { label: `${person.username} kek`, bytes: kek },
          );
        }
        // The scan does find what is there: public keys are stored, in base64.
        assert.deepEqual(findSecrets(dump, [{ label: 'public key', bytes: alice.account.identity.encryptionPublicKey }]), ['public key']);
        assert.deepEqual(findSecrets(dump, secrets), []);
      });
    });
  });
}
