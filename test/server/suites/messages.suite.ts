import assert from 'node:assert/strict';
import pg from 'pg';
import type { HistoryPage, MessageView } from '../../../common/api';
import { addMember, b64, blob, call, createGroup, errorCode, newMsgId, post, send, signUp } from '../support/api';
import type { Backend } from '../support/backends';

export function messagesSuite(backend: () => Backend): void {
  const app = () => backend().app;

  describe('messages', () => {
    it('stores a message (201) with the next seq, and a retry of the same send answers 200 with the stored one', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      const body = { msgId: newMsgId(), generation: 1, encryptedBlobB64: blob() };
      const first = await call<MessageView>(app(), 'POST', `/api/groups/${group.id}/messages`, { token: alice.token, body });
      assert.equal(first.status, 201);
      const stored = first.json;
      assert.deepEqual([stored.seq, stored.msgId, stored.sender, stored.generation, stored.encryptedBlobB64], [1, body.msgId, alice.username, 1, body.encryptedBlobB64]);
      const retry = await call<MessageView>(app(), 'POST', `/api/groups/${group.id}/messages`, { token: alice.token, body });
      assert.equal(retry.status, 200);
      assert.deepEqual(retry.json, stored);
      const second = await send(app(), alice, group.id);
      assert.equal(second.seq, 2, 'a retry does not use up a seq');
    });

    it('refuses the same msgId with another blob or from another sender (409 msgid_conflict)', async () => {
      const [alice, bob] = [await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const msgId = newMsgId();
      await call(app(), 'POST', `/api/groups/${group.id}/messages`, { token: alice.token, body: { msgId, generation: 1, encryptedBlobB64: blob() } });
      const otherBlob = await call(app(), 'POST', `/api/groups/${group.id}/messages`, { token: alice.token, body: { msgId, generation: 1, encryptedBlobB64: blob() } });
      assert.equal(otherBlob.status, 409);
      assert.equal(errorCode(otherBlob), 'msgid_conflict');
      const otherSender = await call(app(), 'POST', `/api/groups/${group.id}/messages`, { token: bob.token, body: { msgId, generation: 1, encryptedBlobB64: blob() } });
      assert.equal(errorCode(otherSender), 'msgid_conflict');
    });

    it('refuses an old or future generation (409 generation_stale), strangers (404) and bad bodies (400)', async () => {
      const [alice, eve] = [await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      const future = await post(app(), alice, group.id, 2);
      assert.equal(future.status, 409);
      assert.equal(errorCode(future), 'generation_stale');
      await call(app(), 'POST', `/api/groups/${group.id}/rotate`, { token: alice.token, body: { generation: 2, keys: [{ username: alice.username, encryptedGroupKeyB64: b64(150) }] } });
      const old = await post(app(), alice, group.id, 1);
      assert.equal(errorCode(old), 'generation_stale');
      const stranger = await post(app(), eve, group.id, 2);
      assert.equal(stranger.status, 404);
      assert.equal(errorCode(stranger), 'group_not_found');
      for (const body of [
        { msgId: 'short', generation: 2, encryptedBlobB64: blob() },
        { msgId: newMsgId(), generation: 0, encryptedBlobB64: blob() },
        { msgId: newMsgId(), generation: 2, encryptedBlobB64: '***' },
        { msgId: newMsgId(), generation: 2 },
      ]) {
        const res = await call(app(), 'POST', `/api/groups/${group.id}/messages`, { token: alice.token, body });
        assert.equal(res.status, 400, JSON.stringify(body));
      }
    });

    it('refuses a blob over 64 KiB and a body over the route limit with 413', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      const atLimit = await call(app(), 'POST', `/api/groups/${group.id}/messages`, { token: alice.token, body: { msgId: newMsgId(), generation: 1, encryptedBlobB64: b64(64 * 1024) } });
      assert.equal(atLimit.status, 201);
      const over = await call(app(), 'POST', `/api/groups/${group.id}/messages`, { token: alice.token, body: { msgId: newMsgId(), generation: 1, encryptedBlobB64: b64(64 * 1024 + 1) } });
      assert.equal(over.status, 413);
      assert.equal(errorCode(over), 'payload_too_large');
      const huge = await call(app(), 'POST', `/api/groups/${group.id}/messages`, { token: alice.token, body: { msgId: newMsgId(), generation: 1, encryptedBlobB64: b64(200 * 1024) } });
      assert.equal(huge.status, 413);
      assert.equal(errorCode(huge), 'payload_too_large');
    });

    it('pages history by keyset: newest page, before, after, limits and hasMore', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      const sent: MessageView[] = [];
      for (let i = 0; i < 7; i++) sent.push(await send(app(), alice, group.id));
      const url = `/api/groups/${group.id}/messages`;
      const seqs = (res: { json: HistoryPage }) => res.json.messages.map((m) => m.seq);

      const newest = await call<HistoryPage>(app(), 'GET', `${url}?limit=3`, { token: alice.token });
      assert.equal(newest.status, 200);
      assert.deepEqual(seqs(newest), [5, 6, 7]);
      assert.equal(newest.json.hasMore, true);
      const older = await call<HistoryPage>(app(), 'GET', `${url}?before=5&limit=3`, { token: alice.token });
      assert.deepEqual(seqs(older), [2, 3, 4]);
      assert.equal(older.json.hasMore, true);
      const oldest = await call<HistoryPage>(app(), 'GET', `${url}?before=2&limit=3`, { token: alice.token });
      assert.deepEqual(seqs(oldest), [1]);
      assert.equal(oldest.json.hasMore, false);
      const catchUp = await call<HistoryPage>(app(), 'GET', `${url}?after=4`, { token: alice.token });
      assert.deepEqual(seqs(catchUp), [5, 6, 7]);
      assert.equal(catchUp.json.hasMore, false);
      const catchUpPaged = await call<HistoryPage>(app(), 'GET', `${url}?after=0&limit=2`, { token: alice.token });
      assert.deepEqual(seqs(catchUpPaged), [1, 2]);
      assert.equal(catchUpPaged.json.hasMore, true);
      assert.deepEqual(newest.json.messages[2], sent[6]);

      for (const query of ['?limit=0', '?limit=201', '?before=3&after=1', '?after=-1', '?before=abc']) {
        const res = await call(app(), 'GET', `${url}${query}`, { token: alice.token });
        assert.equal(res.status, 400, query);
        assert.equal(errorCode(res), 'invalid_request');
      }
      const eve = await signUp(app());
      assert.equal((await call(app(), 'GET', url, { token: eve.token })).status, 404);
      assert.equal((await call(app(), 'GET', url)).status, 401);
    });

    it('marks an edited or deleted message; only its sender may, and only an existing one', async () => {
      const [alice, bob] = [await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const original = await send(app(), alice, group.id);
      const edit = await post<MessageView>(app(), alice, group.id, 1, { editOf: original.msgId });
      assert.equal(edit.status, 201);
      assert.equal(edit.json.editOf, original.msgId);
      const byOther = await post(app(), bob, group.id, 1, { deleteOf: original.msgId });
      assert.equal(byOther.status, 403);
      assert.equal(errorCode(byOther), 'not_sender');
      const missing = await post(app(), alice, group.id, 1, { deleteOf: newMsgId() });
      assert.equal(missing.status, 404);
      assert.equal(errorCode(missing), 'message_not_found');
      const both = await post(app(), alice, group.id, 1, { editOf: original.msgId, deleteOf: original.msgId });
      assert.equal(both.status, 400);
      const del = await post(app(), alice, group.id, 1, { deleteOf: original.msgId });
      assert.equal(del.status, 201);
      const page = await call<HistoryPage>(app(), 'GET', `/api/groups/${group.id}/messages?after=0`, { token: bob.token });
      const stored = page.json.messages.find((m) => m.msgId === original.msgId) as MessageView;
      assert.ok(stored.editedAt && stored.deletedAt);
      assert.equal(page.json.messages.length, 3);
    });

    it('hands out gap-free seqs to concurrent senders', async () => {
      const [alice, bob] = [await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post<MessageView>(app(), i % 2 ? alice : bob, group.id)));
      assert.ok(results.every((r) => r.status === 201));
      assert.deepEqual(results.map((r) => r.json.seq).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('a plain send is one SQL statement (and a NOTIFY on PostgreSQL), a history page one', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      await send(app(), alice, group.id);
      const sent = await statementsDuring(() => send(app(), alice, group.id));
      const notices = sent.filter((text) => text.includes('pg_notify'));
      assert.equal(sent.length - notices.length, 1, sent.join('\n'));
      assert.equal(notices.length, backend().name === 'postgresql' ? 1 : 0, sent.join('\n'));
      const read = await statementsDuring(() => call(app(), 'GET', `/api/groups/${group.id}/messages?before=3&limit=50`, { token: alice.token }));
      assert.deepEqual(read.length, 1, read.join('\n'));
    });

    it('sends and reads again on a new pooled connection, whose named statements start afresh', async () => {
      const alice = await signUp(app());
      const group = await createGroup(app(), alice);
      await send(app(), alice, group.id);
      const client = app().orm.em.getKnex().client as { acquireConnection(): Promise<pg.Client>; releaseConnection(c: pg.Client): Promise<unknown> };
      const connection = await client.acquireConnection();
      await connection.end();
      await client.releaseConnection(connection);
      assert.equal((await send(app(), alice, group.id)).seq, 2);
      const page = await call<HistoryPage>(app(), 'GET', `/api/groups/${group.id}/messages`, { token: alice.token });
      assert.deepEqual(page.json.messages.map((m) => m.seq), [1, 2]);
    });
  });
}

/** The SQL text of every statement the server's pg clients send while `work` runs, but the once-a-minute rate-limit cleanup. */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function query(this: unknown, ...args: unknown[]) {
    const first = args[0];
    texts.push(typeof first === 'string' ? first : String((first as { text?: unknown }).text));
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return texts.filter((text) => !text.includes('rate_limits'));
}
