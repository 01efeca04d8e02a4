import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { HistoryPage, MessageView } from '../../../common/api';
import { addMember, call, createGroup, errorCode, post, send, signUp } from '../support/api';
import type { Backend } from '../support/backends';

const newTag = () => randomBytes(32).toString('hex');

export function threadsSuite(backend: () => Backend): void {
  const app = () => backend().app;

  describe('threads', () => {
    it('stores a reply\'s thread tag and pages one thread by it, like history', async () => {
      const [alice, bob] = [await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const [tag, otherTag] = [newTag(), newTag()];
      const root = await send(app(), alice, group.id);
      const replies: MessageView[] = [];
      for (let i = 0; i < 5; i++) {
        await send(app(), alice, group.id);
        const res = await post<MessageView>(app(), i % 2 ? alice : bob, group.id, 1, { threadTag: tag });
        assert.equal(res.status, 201);
        replies.push(res.json);
        await post(app(), bob, group.id, 1, { threadTag: otherTag });
      }
      const url = `/api/groups/${group.id}/messages?thread=${tag}`;
      const seqs = (res: { json: HistoryPage }) => res.json.messages.map((m) => m.seq);
      const all = await call<HistoryPage>(app(), 'GET', url, { token: bob.token });
      assert.equal(all.status, 200);
      assert.deepEqual(seqs(all), replies.map((r) => r.seq));
      assert.deepEqual(all.json.messages, replies, 'the view carries no tag: the client knows the thread it asked for');
      assert.ok(!seqs(all).includes(root.seq), 'the root carries no tag');
      const newest = await call<HistoryPage>(app(), 'GET', `${url}&limit=2`, { token: bob.token });
      assert.deepEqual(seqs(newest), replies.slice(3).map((r) => r.seq));
      assert.equal(newest.json.hasMore, true);
      const older = await call<HistoryPage>(app(), 'GET', `${url}&limit=2&before=${replies[3]!.seq}`, { token: bob.token });
      assert.deepEqual(seqs(older), replies.slice(1, 3).map((r) => r.seq));
      const after = await call<HistoryPage>(app(), 'GET', `${url}&after=${replies[2]!.seq}`, { token: bob.token });
      assert.deepEqual(seqs(after), replies.slice(3).map((r) => r.seq));
      assert.equal(after.json.hasMore, false);
      const unknown = await call<HistoryPage>(app(), 'GET', `/api/groups/${group.id}/messages?thread=${newTag()}`, { token: bob.token });
      assert.deepEqual(unknown.json, { messages: [], hasMore: false });
    });

    it('tags an edit or delete of a reply (the slow path) so the thread pages its changes too', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      const tag = newTag();
      const reply = (await post<MessageView>(app(), alice, group.id, 1, { threadTag: tag })).json;
      const edit = await post<MessageView>(app(), alice, group.id, 1, { threadTag: tag, editOf: reply.msgId });
      assert.equal(edit.status, 201);
      const page = await call<HistoryPage>(app(), 'GET', `/api/groups/${group.id}/messages?thread=${tag}`, { token: alice.token });
      assert.deepEqual(page.json.messages.map((m) => m.msgId), [reply.msgId, edit.json.msgId]);
      const knex = app().orm.em.fork().getKnex();
      const rows = await knex('group_messages').select('thread_tag').where({ group_id: group.id }).orderBy('seq');
      assert.deepEqual(rows.map((r: { thread_tag: string }) => r.thread_tag), [tag, tag]);
    });

    it('refuses a malformed tag (400) on send and on read, storing nothing; strangers get 404', async () => {
      const [alice, eve] = [await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      for (const threadTag of ['', 'abc', newTag().toUpperCase(), `${newTag()}0`, newTag().slice(1), 42, null, { $ne: null }]) {
        const res = await post(app(), alice, group.id, 1, { threadTag });
        assert.equal(res.status, 400, JSON.stringify(threadTag));
        assert.equal(errorCode(res), 'invalid_request');
      }
      const history = await call<HistoryPage>(app(), 'GET', `/api/groups/${group.id}/messages`, { token: alice.token });
      assert.equal(history.json.messages.length, 0, 'a refused send stores nothing');
      for (const query of ['thread=', 'thread=xyz', `thread=${newTag().toUpperCase()}`, `thread=${newTag()}%27--`, `thread=${newTag()}&thread=${newTag()}`]) {
        const res = await call(app(), 'GET', `/api/groups/${group.id}/messages?${query}`, { token: alice.token });
        assert.equal(res.status, 400, query);
        assert.equal(errorCode(res), 'invalid_request');
      }
      const stranger = await call(app(), 'GET', `/api/groups/${group.id}/messages?thread=${newTag()}`, { token: eve.token });
      assert.equal(stranger.status, 404);
    });
  });
}
