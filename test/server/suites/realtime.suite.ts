import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { CLOSE_UNAUTHORIZED, type ApiError, type ServerFrame } from '../../../common/api';
import { addMember, call, createGroup, sealedKey, send, signUp } from '../support/api';
import type { Backend } from '../support/backends';
import { EventClient, isMessageIn } from '../support/events';

export function realtimeSuite(backend: () => Backend): void {
  const app = () => backend().app;
  const eventsUrl = () => `${backend().url.replace('http', 'ws')}/api/events`;
  const clients: EventClient[] = [];
  const connect = async (token: string) => {
    const client = await EventClient.connect(eventsUrl(), token);
    clients.push(client);
    return client;
  };
  describe('realtime events', () => {
    afterEach(() => {
      for (const client of clients.splice(0)) client.close();
    });

    it('closes with 4401 for a missing, invalid or expired token, and says ready for a good one', async () => {
      const alice = await signUp(app());
      const expired = jwt.sign({}, app().serverKeys.jwtKey, { algorithm: 'HS256', subject: alice.username, issuer: 'teamchat', expiresIn: -5 });
      for (const first of [{ type: 'ping' }, { type: 'auth', token: 'nope' }, { type: 'auth', token: expired }, 'not json', 'null', '[1]']) {
        const client = await EventClient.open(eventsUrl(), first);
        const { code } = await client.closed;
        assert.equal(code, CLOSE_UNAUTHORIZED, JSON.stringify(first));
      }
      const client = await connect(alice.token);
      assert.deepEqual(client.frames[0], { type: 'ready', username: alice.username });
      client.send({ type: 'ping' });
      assert.deepEqual(await client.next((f) => f.type === 'pong'), { type: 'pong' });
    });

    it('closes a signed-in socket with 4401 when its token expires, and only that socket', async () => {
      const alice = await signUp(app());
      const shortLived = jwt.sign({}, app().serverKeys.jwtKey, { algorithm: 'HS256', subject: alice.username, issuer: 'teamchat', expiresIn: 2 });
      const expiring = await connect(shortLived);
      const lasting = await connect(alice.token);
      assert.deepEqual(expiring.frames[0], { type: 'ready', username: alice.username });
      const { code, reason } = await expiring.closed;
      assert.equal(code, CLOSE_UNAUTHORIZED);
      assert.equal(reason, 'token expired');
      lasting.send({ type: 'ping' });
      assert.deepEqual(await lasting.next((f) => f.type === 'pong'), { type: 'pong' });
    });

    it('drops a socket that sends an oversized frame and stays up for the others', async () => {
      const alice = await signUp(app());
      const bigFrame = JSON.stringify({ type: 'auth', token: 'x'.repeat(64 * 1024) });
      const client = await EventClient.open(eventsUrl(), bigFrame);
      const { code } = await client.closed;
      assert.notEqual(code, 1000);
      const after = await connect(alice.token);
      assert.equal(after.frames[0]?.type, 'ready');
    });

    it('answers a plain HTTP request to the event stream with a JSON 426', async () => {
      const res = await call<ApiError>(app(), 'GET', '/api/events');
      assert.equal(res.status, 426);
      assert.equal(res.json.error, 'upgrade_required');
    });

    it('sends a message to every member and to nobody else', async () => {
      const [alice, bob, eve] = [await signUp(app()), await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      await addMember(app(), alice, group.id, bob.username);
      const evesGroup = await createGroup(app(), eve);
      const [aliceEvents, bobEvents, eveEvents] = [await connect(alice.token), await connect(bob.token), await connect(eve.token)];

      const message = await send(app(), alice, group.id);
      // Deliveries go out in commit order, so once Eve has her own later message she would
      // already have had the first one, had it been sent to her.
      const marker = await send(app(), eve, evesGroup.id);
      const atBob = await bobEvents.next(isMessageIn(group.id));
      assert.deepEqual(atBob, { type: 'message', groupId: group.id, message });
      await aliceEvents.next(isMessageIn(group.id, message.msgId));
      await eveEvents.next(isMessageIn(evesGroup.id, marker.msgId));
      assert.equal(eveEvents.frames.filter((f) => 'groupId' in f && f.groupId === group.id).length, 0);
    });

    it('tells members about joins, rotations, admin changes and deletion; a removed member gets its removal, then nothing', async () => {
      const [alice, bob, carol] = [await signUp(app()), await signUp(app()), await signUp(app())];
      const group = await createGroup(app(), alice);
      const carolsGroup = await createGroup(app(), carol);
      const [aliceEvents, bobEvents, carolEvents] = [await connect(alice.token), await connect(bob.token), await connect(carol.token)];

      await addMember(app(), alice, group.id, bob.username);
      await addMember(app(), alice, group.id, carol.username);
      const added = (f: ServerFrame) => f.type === 'member' && f.action === 'added' && f.username === carol.username;
      await bobEvents.next(added);
      await carolEvents.next(added);

      await call(app(), 'POST', `/api/groups/${group.id}/admins/${bob.username}`, { token: alice.token });
      await carolEvents.next((f) => f.type === 'member' && f.action === 'promoted' && f.username === bob.username);

      const removal = await call(app(), 'DELETE', `/api/groups/${group.id}/members/${carol.username}`, {
        token: alice.token,
        body: { rotation: { generation: 2, keys: [alice, bob].map((m) => ({ username: m.username, encryptedGroupKeyB64: sealedKey() })) } },
      });
      assert.equal(removal.status, 200);
      await carolEvents.next((f) => f.type === 'member' && f.action === 'removed' && f.username === carol.username);
      await bobEvents.next((f) => f.type === 'member' && f.action === 'removed');
      assert.deepEqual(await bobEvents.next((f) => f.type === 'key'), { type: 'key', groupId: group.id, generation: 2 });

      const afterRemoval = await send(app(), alice, group.id, 2);
      const marker = await send(app(), carol, carolsGroup.id);
      await carolEvents.next(isMessageIn(carolsGroup.id, marker.msgId));
      assert.equal(carolEvents.frames.some(isMessageIn(group.id, afterRemoval.msgId)), false);
      assert.equal(carolEvents.frames.some((f) => f.type === 'key'), false);

      await call(app(), 'DELETE', `/api/groups/${group.id}/members/${bob.username}`, { token: bob.token });
      await aliceEvents.next((f) => f.type === 'group' && f.action === 'needs-rotation' && f.groupId === group.id);
      await aliceEvents.next((f) => f.type === 'member' && f.action === 'left' && f.username === bob.username);

      const deleted = await call(app(), 'DELETE', `/api/groups/${group.id}`, { token: alice.token });
      assert.equal(deleted.status, 204);
      await aliceEvents.next((f) => f.type === 'group' && f.action === 'deleted' && f.groupId === group.id);
    });
  });
}
