import assert from 'node:assert/strict';
import type { GroupList, LoginAnswer, MessageView } from '../../common/api';
import { createTempDataDir, createTestDatabase, type TempDataDir, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { newGroupId, newMsgId, registerBody, sealedKey, blob, uniqueName } from './support/api';
import { EventClient, isMessageIn } from './support/events';

/** One request over the network; `T` is the answer expected, unchecked, as with `call`. */
async function http<T = unknown>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: T }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

async function signUpOver(base: string): Promise<{ username: string; token: string }> {
  const body = registerBody(uniqueName('mp'));
  assert.equal((await http(base, 'POST', '/api/auth/register', body)).status, 201);
  const login = await http<LoginAnswer>(base, 'POST', '/api/auth/login', { username: body.username, authKeyB64: body.authKeyB64 });
  assert.equal(login.status, 200);
  return { username: body.username, token: login.json.accessToken };
}

describe('two server processes on one PostgreSQL', function () {
  this.timeout(120_000);
  let database: TestDatabase | undefined;
  let dataDir: TempDataDir | undefined;
  const servers: ServerProcess[] = [];
  const clients: EventClient[] = [];

  before(async () => {
    database = await createTestDatabase('multi');
    // One data folder, so one token secret file. Started together, so both race to migrate
    // the empty database and to make the secret file.
    dataDir = createTempDataDir('multi');
    servers.push(...await Promise.all([
      startServerProcess({ databaseUrl: database.url, dataDir: dataDir.dir }),
      startServerProcess({ databaseUrl: database.url, dataDir: dataDir.dir }),
    ]));
  });

  after(async () => {
    for (const client of clients) client.close();
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    dataDir?.remove();
  });

  it('delivers a message posted through one to a WebSocket subscriber of the other, and to no stranger', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const alice = await signUpOver(a.url);
    const bob = await signUpOver(a.url);
    const eve = await signUpOver(b.url);

    // Tokens from one process are good on the other: they share the signing secret file.
    const bobEvents = await EventClient.connect(b.eventsUrl, bob.token);
    const eveEvents = await EventClient.connect(b.eventsUrl, eve.token);
    clients.push(bobEvents, eveEvents);

    const groupId = newGroupId();
    assert.equal((await http(a.url, 'POST', '/api/groups/create', { id: groupId, name: 'scale-out', encryptedGroupKeyB64: sealedKey() }, alice.token)).status, 201);
    assert.equal((await http(a.url, 'POST', `/api/groups/${groupId}/members`, { username: bob.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }] }, alice.token)).status, 201);
    await bobEvents.next((f) => f.type === 'member' && f.action === 'added' && f.groupId === groupId);

    // Far past NOTIFY's 8000-byte limit: the other process must fetch the row itself.
    const posted = await http<MessageView>(a.url, 'POST', `/api/groups/${groupId}/messages`, { msgId: newMsgId(), generation: 1, encryptedBlobB64: blob(60_000) }, alice.token);
    assert.equal(posted.status, 201);
    const message = posted.json;
    const atBob = await bobEvents.next(isMessageIn(groupId, message.msgId));
    assert.deepEqual(atBob, { type: 'message', groupId, message });

    const evesGroup = newGroupId();
    await http(b.url, 'POST', '/api/groups/create', { id: evesGroup, name: 'eve', encryptedGroupKeyB64: sealedKey() }, eve.token);
    await http(a.url, 'POST', `/api/groups/${evesGroup}/messages`, { msgId: newMsgId(), generation: 1, encryptedBlobB64: blob() }, eve.token);
    await eveEvents.next(isMessageIn(evesGroup));
    assert.equal(eveEvents.frames.some((f) => 'groupId' in f && f.groupId === groupId), false);

    const fromB = await http<GroupList>(b.url, 'GET', '/api/groups', undefined, bob.token);
    assert.deepEqual(fromB.json.groups.map((g) => g.id), [groupId]);
  });
});
