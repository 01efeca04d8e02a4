// Search end to end: real clients and the real CLI against a real server process. Each
// member's index is built on their own device from what they decrypted; a message another
// member sent is found, a delete takes it out of every index that holds it, a removed member's
// words stay in the others' indexes, and an index file holds none of the words it finds.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChatMessage, Group, TeamChatClient } from '../../client';
import { searchIndexFile } from '../../client/cli/commands/search';
import { createTempDataDir, type TempDataDir } from '../support/database';
import { runTeamchat as cli } from './support/cli-run';
import { BACKENDS, groupDisappears, Inbox, ServerWorld } from './support/chat-world';
import { aliceAndBobIn } from './support/two-members';

const PASSPHRASES = { alice: 'alice: a search passphrase', bob: 'bob: a search passphrase', carol: 'carol: a long CLI search passphrase' };

function updated(client: TeamChatClient, matches: (m: ChatMessage) => boolean): Promise<ChatMessage> {
  return new Promise((resolve) => {
    const off = client.on('message-updated', (m) => {
      if (matches(m)) {
        off();
        resolve(m);
      }
    });
  });
}

for (const backend of BACKENDS) {
  describe(`search on the ${backend} database`, function () {
    this.timeout(180_000);
    let world: ServerWorld;
    let alice: TeamChatClient;
    let bob: TeamChatClient;
    let group: Group;
    let folder: TempDataDir;
    let env: Record<string, string>;
    let aliceFile: string;
    let secret: ChatMessage;
    let kept: ChatMessage;

    before(async () => {
      world = await ServerWorld.start(backend);
      ({ alice, bob, group } = await aliceAndBobIn(world, 'ops', PASSPHRASES));
      folder = createTempDataDir('search');
      aliceFile = path.join(folder.dir, 'alice-search.bin');
      assert.equal(await alice.search.persistTo(aliceFile), 'missing');
      env = { TEAMCHAT_PROFILE: path.join(folder.dir, 'carol'), TEAMCHAT_PASSPHRASE: PASSPHRASES.carol, TEAMCHAT_SERVER: world.url };
      assert.equal((await cli(['register', 'carol'], env)).code, 0);
      await alice.addMember(group.id, 'carol');
    });

    after(async () => {
      await Promise.all([alice, bob].map((client) => client?.disconnect()));
      await world?.close();
      folder?.remove();
    });

    it('finds, live, a message another member sent, by word, sender and group, with the match marked', async () => {
      const inbox = new Inbox(alice);
      secret = await bob.sendText(group.id, 'The zanzibar rollout is green on staging');
      kept = await bob.sendSnippet(group.id, { path: 'deploy/quokka.sh', startLine: 1, endLine: 1, language: 'sh', code: 'kubectl rollout restart quokka' }, 'restart script');
      await inbox.next((m) => m.msgId === kept.msgId);
      const [hit, ...rest] = alice.search.search('zanzibar from:bob in:ops');
      assert.deepEqual(rest, []);
      assert.equal(hit?.msgId, secret.msgId);
      assert.equal(hit.groupId, group.id);
      assert.equal(hit.groupName, 'ops');
      assert.equal(hit.sender, 'bob');
      assert.equal(hit.seq, secret.seq);
      assert.deepEqual(hit.excerpt.ranges.map((r) => hit.excerpt.text.slice(r.start, r.end)), ['zanzibar']);
      assert.deepEqual(alice.search.search('quokka has:code').map((r) => r.msgId), [kept.msgId]);
      assert.deepEqual(alice.search.search('zanzibar from:alice'), []);
    });

    it('the CLI reads the history into its own index and finds the same message', async () => {
      const found = await cli(['search', 'zanzibar', 'staging'], env);
      assert.equal(found.code, 0, found.stderr);
      assert.match(found.stdout, new RegExp(`^ops #${secret.seq} \\S+ \\S+ bob: The «zanzibar» rollout is green on «staging»\\n$`));
      const json = await cli(['search', 'quokka', '--json', '--no-history'], env);
      assert.equal(json.code, 0, json.stderr);
      assert.deepEqual((JSON.parse(json.stdout) as { msgId: string }[]).map((r) => r.msgId), [kept.msgId]);
    });

    it('a deleted message leaves every index that holds it: a live one and the CLI\'s saved one', async () => {
      const aliceSees = updated(alice, (m) => m.msgId === secret.msgId && m.deleted === true);
      await bob.deleteMessage(group.id, secret.msgId);
      await aliceSees;
      assert.deepEqual(alice.search.search('zanzibar'), []);
      const after = await cli(['search', 'zanzibar'], env);
      assert.equal(after.code, 0, after.stderr);
      assert.equal(after.stdout, 'No message matches.\n');
    });

    it('removing a member keeps their messages in the others\' indexes; the one removed drops the group', async () => {
      const bobOut = groupDisappears(bob, group.id);
      assert.equal(bob.search.search('quokka').length, 1);
      await alice.removeMember(group.id, 'bob');
      await bobOut;
      assert.deepEqual(bob.search.search('quokka'), []);
      assert.deepEqual(alice.search.search('quokka').map((r) => r.msgId), [kept.msgId]);
    });

    it('no index file holds a word of the messages, a name or an id', async () => {
      await alice.search.flush();
      const files = [aliceFile, searchIndexFile(env.TEAMCHAT_PROFILE!)];
      for (const file of files) {
        const bytes = await readFile(file);
        assert.ok(bytes.length > 100, `${file} was written`);
        for (const word of ['zanzibar', 'rollout', 'staging', 'quokka', 'kubectl', 'restart', group.id, kept.msgId]) {
          assert.equal(bytes.includes(Buffer.from(word)), false, `"${word}" is in ${path.basename(file)}`);
        }
      }
    });

    it('teamchat logout deletes the CLI\'s index with the sign-in', async () => {
      assert.equal((await cli(['logout'], env)).code, 0);
      await assert.rejects(readFile(searchIndexFile(env.TEAMCHAT_PROFILE!)), { code: 'ENOENT' });
    });
  });
}
