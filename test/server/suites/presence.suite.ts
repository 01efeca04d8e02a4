import assert from 'node:assert/strict';
import type { GroupView, ServerFrame } from '../../../common/api';
import { addMember, call, createGroup, send, signUp, type Session } from '../support/api';
import type { Backend } from '../support/backends';
import { EventClient } from '../support/events';

type Frame = ServerFrame;

/** The first frame from `from` on (frames already recorded before it do not count). */
function nextFrom(client: EventClient, from: number, match: (f: Frame) => boolean): Promise<Frame> {
  return client.next((f) => client.frames.indexOf(f) >= from && match(f));
}

const typingIn = (groupId: string, username?: string) => (f: Frame) =>
  f.type === 'typing' && f.groupId === groupId && (username === undefined || f.username === username);
const presenceOf = (username: string, presence?: string) => (f: Frame) =>
  f.type === 'presence' && f.username === username && (presence === undefined || f.presence === presence);

/** Every frame the server wrote to this socket before it answers this ping has arrived. */
async function drained(client: EventClient): Promise<void> {
  const from = client.frames.length;
  client.send({ type: 'ping' });
  await nextFrom(client, from, (f) => f.type === 'pong');
}

/** Asks for the group's presence, as the open chat does: from then on the socket hears its members' changes. */
async function watch(client: EventClient, groupId: string): Promise<Frame> {
  const from = client.frames.length;
  client.send({ type: 'presence-query', groupId });
  return nextFrom(client, from, (f) => f.type === 'presence-snapshot' && f.groupId === groupId);
}

/** A digest of every row of every table: equal before and after means nothing was written. */
async function databaseDigest(backend: Backend): Promise<string> {
  const knex = backend.app.orm.em.fork().getKnex();
  const tables: { tablename: string }[] = (await knex.raw(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows;
  const parts: string[] = [];
  for (const { tablename } of tables) {
    const row = (await knex.raw(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`)).rows[0];
    parts.push(`${tablename}:${row.n}:${row.h}`);
  }
  return parts.join('\n');
}

export function presenceSuite(backend: () => Backend): void {
  const app = () => backend().app;
  const eventsUrl = () => `${backend().url.replace('http', 'ws')}/api/events`;
  const clients: EventClient[] = [];
  const connect = async (who: Session) => {
    const client = await EventClient.connect(eventsUrl(), who.token);
    clients.push(client);
    return client;
  };

  /** Alice and Bob in one group; Carol in another one with Bob only. */
  async function threeUsers() {
    const [alice, bob, carol] = [await signUp(app()), await signUp(app()), await signUp(app())];
    const group = await createGroup(app(), alice);
    await addMember(app(), alice, group.id, bob.username);
    const other = await createGroup(app(), carol);
    await addMember(app(), carol, other.id, bob.username);
    return { alice, bob, carol, group, other };
  }

  describe('typing, presence and read positions', () => {
    afterEach(() => {
      for (const client of clients.splice(0)) client.close();
    });

    it("sends Bob's typing to Alice and not to Carol, under the name Bob signed in with", async () => {
      const { alice, bob, carol, group, other } = await threeUsers();
      const [atAlice, atBob, atCarol] = [await connect(alice), await connect(bob), await connect(carol)];
      atBob.send({ type: 'typing', groupId: other.id, typing: true });
      await atCarol.next(typingIn(other.id, bob.username));
      atBob.send({ type: 'typing', groupId: group.id, typing: true });
      assert.deepEqual(await atAlice.next(typingIn(group.id)), { type: 'typing', groupId: group.id, username: bob.username, typing: true });
      const from = atAlice.frames.length;
      atBob.send({ type: 'typing', groupId: group.id, typing: false });
      assert.deepEqual(await nextFrom(atAlice, from, typingIn(group.id)), { type: 'typing', groupId: group.id, username: bob.username, typing: false });
      // A later frame for Carol's group reaches her after the ones for Alice's would have.
      const carolFrom = atCarol.frames.length;
      atBob.send({ type: 'typing', groupId: other.id, typing: false });
      await nextFrom(atCarol, carolFrom, typingIn(other.id));
      await drained(atCarol);
      assert.equal(atCarol.frames.some(typingIn(group.id)), false);
      assert.equal(atBob.frames.some((f) => f.type === 'typing'), false, 'the typer does not hear himself');
      // A name in the frame is an extra field: the frame is dropped, not sent under that name.
      atBob.send({ type: 'typing', groupId: group.id, typing: true, username: carol.username });
      await drained(atBob);
      await drained(atAlice);
      assert.equal(atAlice.frames.filter(typingIn(group.id)).length, 2);
    });

    it('drops a typing frame for a group the sender is not in: nobody hears it', async () => {
      const { alice, bob, carol, group, other } = await threeUsers();
      const [atAlice, atBob, atCarol] = [await connect(alice), await connect(bob), await connect(carol)];
      atCarol.send({ type: 'typing', groupId: group.id, typing: true });
      atCarol.send({ type: 'typing', groupId: other.id, typing: true });
      await atBob.next(typingIn(other.id, carol.username));
      await drained(atAlice);
      await drained(atBob);
      assert.equal(atAlice.frames.some((f) => f.type === 'typing'), false);
      assert.equal(atBob.frames.some(typingIn(group.id)), false);
      // Nor one for a group that does not exist.
      atCarol.send({ type: 'typing', groupId: '00000000-0000-4000-8000-000000000000', typing: true });
      await drained(atCarol);
      assert.equal(atCarol.frames.some((f) => f.type === 'typing'), false);
    });

    it('stores nothing for typing or presence: every table is the same before and after', async () => {
      const { alice, bob, group } = await threeUsers();
      const atAlice = await connect(alice);
      await watch(atAlice, group.id);
      const before = await databaseDigest(backend());
      const atBob = await connect(bob);
      await atAlice.next(presenceOf(bob.username, 'online'));
      for (const typing of [true, false, true]) {
        const from = atAlice.frames.length;
        atBob.send({ type: 'typing', groupId: group.id, typing });
        await nextFrom(atAlice, from, typingIn(group.id, bob.username));
      }
      atBob.send({ type: 'presence', state: 'away' });
      await atAlice.next(presenceOf(bob.username, 'away'));
      atBob.close();
      await atAlice.next(presenceOf(bob.username, 'offline'));
      assert.equal(await databaseDigest(backend()), before);
    });

    it('drops malformed and hostile frames without effect and keeps the socket open', async () => {
      const { alice, bob, group } = await threeUsers();
      const atAlice = await connect(alice);
      await watch(atAlice, group.id);
      const atBob = await connect(bob);
      await atAlice.next(presenceOf(bob.username, 'online'));
      const hostile: unknown[] = [
        'not json', '[]', 'null', '42', '"typing"',
        { type: 'shout', groupId: group.id },
        { type: 'typing', groupId: group.id },
        { type: 'typing', groupId: group.id, typing: 'yes' },
        { type: 'typing', groupId: group.id.toUpperCase(), typing: true },
        { type: 'typing', groupId: `${group.id}\u202e`, typing: true },
        { type: 'typing', groupId: 'x'.repeat(15_000), typing: true },
        { type: 'typing', groupId: { toString: group.id }, typing: true },
        { type: 'presence', state: 'offline' },
        { type: 'presence', state: 'away', username: alice.username },
        { type: 'presence-query', groupId: [group.id] },
      ];
      for (const frame of hostile) atBob.send(frame);
      for (const text of [
        `{"type":"typing","groupId":"${group.id}","typing":true,"__proto__":{"typing":true}}`,
        `{"__proto__":{"type":"typing"},"groupId":"${group.id}","typing":true}`,
        `{"constructor":{"prototype":{"polluted":true}},"type":"presence","state":"away"}`,
      ]) atBob.socket.send(text);
      await drained(atBob);
      await drained(atAlice);
      assert.equal(atAlice.frames.some((f) => f.type === 'typing' || (f.type === 'presence' && f.presence !== 'online')), false, JSON.stringify(atAlice.frames));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      // The socket still works for an honest frame.
      atBob.send({ type: 'typing', groupId: group.id, typing: true });
      await atAlice.next(typingIn(group.id, bob.username));
    });

    it('limits how many typing frames one socket may send, and not the others', async () => {
      const { alice, bob, group } = await threeUsers();
      const [atAlice, flooding, honest] = [await connect(alice), await connect(bob), await connect(bob)];
      const started = Date.now();
      const sent = 300;
      for (let i = 0; i < sent; i++) flooding.send({ type: 'typing', groupId: group.id, typing: i % 2 === 0 });
      await drained(flooding);
      const seconds = (Date.now() - started) / 1000;
      // The honest socket's frame goes through, after every flooded one that was let through.
      honest.send({ type: 'presence', state: 'away' });
      honest.send({ type: 'presence', state: 'active' });
      const from = atAlice.frames.length;
      honest.send({ type: 'typing', groupId: group.id, typing: true });
      await nextFrom(atAlice, from, typingIn(group.id));
      await drained(atAlice);
      const heard = atAlice.frames.filter(typingIn(group.id)).length - 1;
      assert.ok(heard >= 1, 'some of the flood got through');
      assert.ok(heard <= 20 + Math.ceil(seconds * 2) + 1, `${heard} of ${sent} typing frames in ${seconds} s got through`);
    });

    it("tells the group's members when someone comes online, goes away and goes offline, and answers who is there", async () => {
      const { alice, bob, carol, group, other } = await threeUsers();
      const atAlice = await connect(alice);
      const atCarol = await connect(carol);
      assert.deepEqual(await watch(atAlice, group.id), { type: 'presence-snapshot', groupId: group.id, members: [] });
      // Carol is in no group with Alice: she is told nothing of Alice's group, and hears nothing of her.
      atCarol.send({ type: 'presence-query', groupId: group.id });
      await drained(atCarol);
      assert.equal(atCarol.frames.some((f) => f.type === 'presence-snapshot'), false);
      await watch(atCarol, other.id);
      const atBob = await connect(bob);
      await atAlice.next(presenceOf(bob.username, 'online'));
      await atCarol.next(presenceOf(bob.username, 'online'));
      assert.deepEqual(await watch(atAlice, group.id), { type: 'presence-snapshot', groupId: group.id, members: [{ username: bob.username, presence: 'online' }] });
      assert.equal(atCarol.frames.some(presenceOf(alice.username)), false);
      // A socket that watches no group hears no presence at all (what the message fan-out bench's sockets do).
      const idle = await connect(alice);

      // Two sockets: away only when both say so, offline when the last one closes.
      const second = await connect(bob);
      atBob.send({ type: 'presence', state: 'away' });
      await drained(atBob);
      await drained(atAlice);
      assert.equal(atAlice.frames.some(presenceOf(bob.username, 'away')), false);
      second.send({ type: 'presence', state: 'away' });
      await atAlice.next(presenceOf(bob.username, 'away'));
      second.close();
      await drained(atAlice);
      assert.equal(atAlice.frames.some(presenceOf(bob.username, 'offline')), false);
      atBob.close();
      await atAlice.next(presenceOf(bob.username, 'offline'));
      await drained(idle);
      assert.equal(idle.frames.some((f) => f.type === 'presence'), false);
    });

    it('shows a hidden user as offline, and tells a hidden socket nobody', async () => {
      const { alice, bob, group } = await threeUsers();
      const atAlice = await connect(alice);
      await watch(atAlice, group.id);
      const atBob = await connect(bob);
      await atAlice.next(presenceOf(bob.username, 'online'));
      atBob.send({ type: 'presence', state: 'hidden' });
      await atAlice.next(presenceOf(bob.username, 'offline'));
      atBob.send({ type: 'presence-query', groupId: group.id });
      assert.deepEqual(await atBob.next((f) => f.type === 'presence-snapshot'), { type: 'presence-snapshot', groupId: group.id, members: [] });
      // Typing is a setting of its own: a hidden user's typing still goes to the group.
      atBob.send({ type: 'typing', groupId: group.id, typing: true });
      await atAlice.next(typingIn(group.id, bob.username));
    });

    it('shows members each other\'s read positions, live in a small group, and withholds them both ways when one opts out', async () => {
      const { alice, bob, carol, group } = await threeUsers();
      await addMember(app(), alice, group.id, carol.username);
      const messages = [await send(app(), alice, group.id), await send(app(), alice, group.id)];
      const read = (who: Session, seq: number, share?: boolean) =>
        call(app(), 'PUT', `/api/groups/${group.id}/read`, { token: who.token, body: share === undefined ? { seq } : { seq, share } });
      const readsSeenBy = async (who: Session) => {
        const view = (await call<GroupView>(app(), 'GET', `/api/groups/${group.id}`, { token: who.token })).json;
        return Object.fromEntries(view.members.filter((m) => m.readSeq !== undefined).map((m) => [m.username, m.readSeq]));
      };
      assert.equal((await read(alice, messages[1]!.seq)).status, 204);
      const [atAlice, atCarol] = [await connect(alice), await connect(carol)];
      // A claim past the last message is held at the last message.
      assert.equal((await read(bob, 1_000_000)).status, 204);
      assert.deepEqual(await atAlice.next((f) => f.type === 'read'), { type: 'read', groupId: group.id, username: bob.username, seq: messages[1]!.seq });
      assert.deepEqual(await readsSeenBy(alice), { [alice.username]: messages[1]!.seq, [bob.username]: messages[1]!.seq });
      // Carol has not shared hers yet: she sees nobody's, and heard no live one.
      assert.deepEqual(await readsSeenBy(carol), {});
      assert.equal(atCarol.frames.some((f) => f.type === 'read'), false);

      // Bob turns read receipts off: his position still counts for his unread, but nobody sees it, and he sees nobody's.
      const third = await send(app(), alice, group.id);
      assert.equal((await read(bob, third.seq, false)).status, 204);
      assert.deepEqual(await readsSeenBy(alice), { [alice.username]: messages[1]!.seq });
      assert.deepEqual(await readsSeenBy(bob), {});
      const bobsView = (await call<GroupView>(app(), 'GET', `/api/groups/${group.id}`, { token: bob.token })).json;
      assert.equal(bobsView.readSeq, third.seq);
      assert.equal(bobsView.unread, 0);
      await drained(atAlice);
      assert.equal(atAlice.frames.filter((f) => f.type === 'read').length, 1);
      // A non-member's read is refused and tells nobody anything.
      const stranger = await signUp(app());
      assert.equal((await read(stranger, 1)).status, 404);
    });
  });
}
