// Threads end to end (docs/threads.md): real clients over HTTP and WebSocket against a real
// server process, on the embedded database and on PostgreSQL. A reply stays out of the
// group timeline unless also sent to it; a fresh device pages a thread by its tag alone; and
// a server that moves tags (by SQL) or mixes a thread page (a lying proxy) can withhold or
// mix messages, never put one in a thread it was not sent to.

import assert from 'node:assert/strict';
import pg from 'pg';
import { MemorySecretStore, TeamChatClient, type ChatMessage, type Group } from '../../client';
import type { HistoryPage } from '../../common/api';
import { uniqueName } from '../server/support/api';
import { createTempDataDir, type TempDataDir } from '../support/database';
import { LyingProxy } from '../reliability/support/lying-proxy';
import { BACKENDS, Inbox, ServerWorld, TEST_CLIENT_OPTIONS } from './support/chat-world';
import { runTeamchat } from './support/cli-run';
import { aliceAndBobIn } from './support/two-members';

const PASSPHRASES = { alice: 'alice: thread tests, long enough', bob: 'bob: thread tests, long enough too' };

for (const backend of BACKENDS) {
  describe(`threads on the ${backend} database (e2e)`, function () {
    this.timeout(180_000);
    let world: ServerWorld;
    let alice: TeamChatClient;
    let bob: TeamChatClient;
    let group: Group;
    let root: ChatMessage;
    let reply: ChatMessage;
    let aliceInbox: Inbox;
    let bobInbox: Inbox;
    const others: TeamChatClient[] = [];
    const proxies: LyingProxy[] = [];

    before(async () => {
      world = await ServerWorld.start(backend);
      ({ alice, bob, group } = await aliceAndBobIn(world, 'threads', PASSPHRASES));
      aliceInbox = new Inbox(alice);
      bobInbox = new Inbox(bob);
    });
    after(async () => {
      for (const proxy of proxies) await proxy.close();
      for (const client of [alice, bob, ...others]) await client?.disconnect();
      await world?.close();
    });

    /** Bob on a new device: nothing held, so a thread can only come by its tag. */
    const bobElsewhere = async (server = world.url) => {
      const client = await TeamChatClient.signIn(server, 'bob', PASSPHRASES.bob, new MemorySecretStore(), TEST_CLIENT_OPTIONS);
      others.push(client);
      await client.refreshGroups();
      return client;
    };

    it('keeps a reply out of the group timeline, counts it on the root and notifies the root\'s author', async () => {
      root = await alice.sendText(group.id, 'Shall we ship on Friday?');
      await bobInbox.next((m) => m.msgId === root.msgId);
      reply = await bob.threads.reply(group.id, root.msgId, 'Friday works, after the freeze');
      assert.equal(reply.threadRoot, root.msgId);
      const arrived = await aliceInbox.next((m) => m.msgId === reply.msgId);
      assert.equal(arrived.threadRoot, root.msgId);
      assert.ok(alice.threads.notifies(arrived), 'the root\'s author hears of a reply without a mention');
      assert.ok(!alice.messages(group.id).some((m) => m.msgId === reply.msgId), 'not in the group timeline');
      const summary = alice.threads.summary(group.id, root.msgId);
      assert.deepEqual({ ...summary, lastReplyAt: undefined }, { replies: 1, lastRepliers: ['bob'], unread: 1, lastReplyAt: undefined });
      alice.threads.markRead(group.id, root.msgId);
      assert.equal(alice.threads.unread(group.id, root.msgId), 0);
    });

    it('shows a reply "also sent to the group" in the timeline and in the thread; a reply to a reply goes to the root\'s thread', async () => {
      const also = await bob.threads.reply(group.id, root.msgId, 'Posting this to everyone too', { alsoToGroup: true });
      await aliceInbox.next((m) => m.msgId === also.msgId);
      assert.ok(alice.messages(group.id).some((m) => m.msgId === also.msgId && m.alsoToGroup === true));
      const nested = await alice.threads.reply(group.id, reply.msgId, 'Replying to the reply');
      assert.equal(nested.threadRoot, root.msgId, 'threads do not nest');
      await bobInbox.next((m) => m.msgId === nested.msgId);
      assert.deepEqual(bob.threads.replies(group.id, root.msgId).map((m) => m.body), ['Friday works, after the freeze', 'Posting this to everyone too', 'Replying to the reply']);
      assert.ok(bob.threads.notifies(bobInbox.arrived.find((m) => m.msgId === nested.msgId)!), 'a replier hears of later replies');
      assert.deepEqual(alice.threads.summary(group.id, root.msgId)?.lastRepliers, ['alice', 'bob']);
    });

    it('edits, deletes and reactions inside a thread reach a new device that pages the thread by its tag alone', async () => {
      const edit = await bob.editMessage(group.id, reply.msgId, 'Friday works, after the code freeze');
      const reaction = await alice.react(group.id, reply.msgId, '🚀');
      const doomed = await alice.threads.reply(group.id, root.msgId, 'typo, ignore');
      await alice.deleteMessage(group.id, doomed.msgId);
      await bobInbox.next((m) => m.msgId === doomed.msgId);
      assert.equal(edit.threadRoot, root.msgId, 'the edit names the thread, so the thread page carries it');
      assert.equal(reaction.threadRoot, root.msgId);

      const laptop = await bobElsewhere();
      // Only the root in the group timeline: the replies must come by tag.
      await laptop.history(group.id, { limit: 1 });
      assert.equal(laptop.messages(group.id).length, 0);
      const page = await laptop.threads.open(group.id, root.msgId);
      assert.equal(page.root.msgId, root.msgId);
      assert.equal(page.dropped, 0);
      const held = page.replies.filter((m) => !m.deleted);
      assert.deepEqual(held.map((m) => m.body), ['Friday works, after the code freeze', 'Posting this to everyone too', 'Replying to the reply']);
      assert.ok(held[0]?.editedAt);
      assert.deepEqual(held[0]?.reactions, { '🚀': ['alice'] });
      assert.equal(page.replies.find((m) => m.msgId === doomed.msgId)?.deleted, true);
    });

    it('pages a long thread back by its tag, not through the group\'s history', async () => {
      for (let i = 0; i < 7; i++) await alice.threads.reply(group.id, root.msgId, `paging ${i}`);
      for (let i = 0; i < 5; i++) await alice.sendText(group.id, `top level ${i}`);
      const laptop = await bobElsewhere();
      const first = await laptop.threads.open(group.id, root.msgId, 4);
      assert.equal(first.hasMore, true);
      let page = first;
      while (page.hasMore) page = await laptop.threads.loadOlder(group.id, root.msgId, 4);
      const bodies = page.replies.filter((m) => !m.deleted).map((m) => m.body);
      assert.deepEqual(bodies.slice(-7), Array.from({ length: 7 }, (_, i) => `paging ${i}`));
      assert.equal(bodies.length, 10);
      // The root was looked for in the newest page of history; the replies came by tag alone.
      assert.ok(!laptop.messages(group.id).some((m) => m.body?.startsWith('paging')));
    });

    it('a lying server that mixes other messages into a thread page gets them left out and counted', async () => {
      const proxy = new LyingProxy(world.url);
      proxies.push(proxy);
      await proxy.listen();
      const topLevel = await alice.sendText(group.id, 'not part of any thread');
      const elsewhere = await alice.sendText(group.id, 'another root');
      const otherThread = await alice.threads.reply(group.id, elsewhere.msgId, 'a reply in another thread');
      const threaded = (await bob.api.history(group.id, { after: 0, limit: 200 })).messages.filter((m) => m.msgId === otherThread.msgId || m.msgId === topLevel.msgId);
      proxy.rewrite = (request, answer) => {
        if (request.method !== 'GET' || !request.url.includes('thread=')) return undefined;
        const page = answer.json as HistoryPage;
        return { ...page, messages: [...page.messages, ...threaded].sort((a, b) => a.seq - b.seq) };
      };
      const laptop = await bobElsewhere(proxy.url);
      const page = await laptop.threads.open(group.id, root.msgId);
      assert.equal(page.dropped, 2);
      assert.ok(!page.replies.some((m) => m.msgId === topLevel.msgId || m.msgId === otherThread.msgId));
    });

    if (backend === 'postgresql') {
      it('a tag moved by SQL brings nothing into the thread, and a tag taken away only withholds from the tag page', async () => {
        const db = new pg.Client({ connectionString: world.databaseUrl });
        await db.connect();
        try {
          const [{ thread_tag: tag }] = (await db.query<{ thread_tag: string }>('SELECT thread_tag FROM group_messages WHERE group_id = $1 AND msg_id = $2', [group.id, reply.msgId])).rows as [{ thread_tag: string }];
          assert.match(tag, /^[0-9a-f]{64}$/);
          assert.equal((await db.query('SELECT 1 FROM group_messages WHERE thread_tag LIKE $1', [`%${root.msgId}%`])).rowCount, 0, 'the root\'s id is not in any tag');
          assert.equal((await db.query('SELECT 1 FROM group_messages WHERE group_id = $1 AND msg_id = $2 AND thread_tag IS NOT NULL', [group.id, root.msgId])).rowCount, 0, 'the root carries no tag');
          const moved = await alice.sendText(group.id, 'a top-level message the server moves into the thread');
          const moveResult = await db.query('UPDATE group_messages SET thread_tag = $3 WHERE group_id = $1 AND msg_id = $2', [group.id, moved.msgId, tag]);
          assert.equal(moveResult.rowCount, 1);
          await db.query('UPDATE group_messages SET thread_tag = NULL WHERE group_id = $1 AND msg_id = $2', [group.id, reply.msgId]);
          const laptop = await bobElsewhere();
          const page = await laptop.threads.open(group.id, root.msgId, 200);
          assert.equal(page.dropped, 1);
          assert.ok(!page.replies.some((m) => m.msgId === moved.msgId), 'moved in by SQL, kept out');
          const tagged = await laptop.api.history(group.id, { thread: tag, limit: 200 });
          assert.ok(!tagged.messages.some((m) => m.msgId === reply.msgId), 'withheld from the tag page: the server can do that');
          assert.ok(page.replies.some((m) => m.msgId === reply.msgId), 'yet it came with the group history read to find the root, and joined its thread by its own envelope');
          await db.query('UPDATE group_messages SET thread_tag = $3 WHERE group_id = $1 AND msg_id = $2', [group.id, reply.msgId, tag]);
        } finally {
          await db.end();
        }
      });

      it('the CLI replies in a thread, reads it, and shows "N replies" under the root', async () => {
        const profiles: TempDataDir[] = [];
        const account = async (name: string) => {
          const profile = createTempDataDir(`cli-${name}`);
          profiles.push(profile);
          const username = uniqueName(name);
          const env = { TEAMCHAT_PROFILE: profile.dir, TEAMCHAT_SERVER: world.url, TEAMCHAT_PASSPHRASE: `the passphrase of ${name}, long enough` };
          assert.equal((await runTeamchat(['register', username], env)).code, 0);
          return { username, run: (...argv: string[]) => runTeamchat(argv, env) };
        };
        try {
          const [carol, dave] = [await account('carol'), await account('dave')];
          assert.equal((await carol.run('create', 'cli-threads')).code, 0);
          assert.equal((await carol.run('add', 'cli-threads', dave.username)).code, 0);
          const sent = await carol.run('--json', 'send', 'cli-threads', 'Root from the CLI');
          const rootId = (JSON.parse(sent.stdout) as ChatMessage).msgId;
          const replied = await dave.run('send', 'cli-threads', '--thread', rootId, 'Reply from the CLI');
          assert.equal(replied.code, 0, replied.stderr);
          assert.match(replied.stdout, /\(in thread [0-9a-f]{8}\)/);
          assert.equal((await dave.run('send', 'cli-threads', '--also-to-group', 'x')).code, 2, '--also-to-group needs --thread');
          assert.equal((await dave.run('send', 'cli-threads', '--thread', rootId, '--also-to-group', 'Said to everyone too')).code, 0);
          const read = await carol.run('read', 'cli-threads');
          assert.equal(read.code, 0, read.stderr);
          assert.match(read.stdout, /Root from the CLI\n {2}↳ 2 replies · [^\n]*dave/);
          assert.ok(!read.stdout.includes('Reply from the CLI'), 'a thread-only reply is not in the timeline');
          assert.ok(read.stdout.includes('Said to everyone too'));
          const thread = await carol.run('read', 'cli-threads', '--thread', rootId);
          assert.equal(thread.code, 0, thread.stderr);
          assert.match(thread.stdout, /Root from the CLI[^\n]*\n {2}#\d+ [^\n]*Reply from the CLI[^\n]*\n {2}#\d+ [^\n]*Said to everyone too/);
          const missing = await carol.run('read', 'cli-threads', '--thread', 'f'.repeat(32));
          assert.notEqual(missing.code, 0);
          assert.match(missing.stderr, /not among the last/);
        } finally {
          for (const profile of profiles) profile.remove();
        }
      });
    }
  });
}
