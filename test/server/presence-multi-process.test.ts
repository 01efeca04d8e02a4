import assert from 'node:assert/strict';
import type { LoginAnswer, ServerFrame } from '../../common/api';
import { createTempDataDir, createTestDatabase, type TempDataDir, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { newGroupId, registerBody, sealedKey, uniqueName } from './support/api';
import { EventClient } from './support/events';

async function http(base: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function signUpOver(base: string): Promise<{ username: string; token: string }> {
  const body = registerBody(uniqueName('pr'));
  assert.equal((await http(base, 'POST', '/api/auth/register', body)).status, 201);
  const login = await http(base, 'POST', '/api/auth/login', { username: body.username, authKeyB64: body.authKeyB64 });
  return { username: body.username, token: (login.json as LoginAnswer).accessToken };
}

const presenceOf = (username: string, presence: string) => (f: ServerFrame) => f.type === 'presence' && f.username === username && f.presence === presence;

describe('typing and presence across two server processes on one PostgreSQL', function () {
  this.timeout(120_000);
  let database: TestDatabase | undefined;
  let dataDir: TempDataDir | undefined;
  const servers: ServerProcess[] = [];
  const clients: EventClient[] = [];
  const connect = async (server: ServerProcess, token: string) => {
    const client = await EventClient.connect(server.eventsUrl, token);
    clients.push(client);
    return client;
  };

  before(async () => {
    database = await createTestDatabase('presence');
    dataDir = createTempDataDir('presence');
    servers.push(await startServerProcess({ databaseUrl: database.url, dataDir: dataDir.dir }));
    servers.push(await startServerProcess({ databaseUrl: database.url, dataDir: dataDir.dir }));
  });

  after(async () => {
    for (const client of clients) client.close();
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    dataDir?.remove();
  });

  it("carries Bob's typing and presence from one process to Alice on the other, and to no stranger", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const [alice, bob, carol] = [await signUpOver(a.url), await signUpOver(a.url), await signUpOver(a.url)];
    const groupId = newGroupId();
    assert.equal((await http(a.url, 'POST', '/api/groups/create', { id: groupId, name: 'presence', encryptedGroupKeyB64: sealedKey() }, alice.token)).status, 201);
    assert.equal((await http(a.url, 'POST', `/api/groups/${groupId}/members`, { username: bob.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }] }, alice.token)).status, 201);

    const atAlice = await connect(a, alice.token);
    const atCarol = await connect(a, carol.token);
    atAlice.send({ type: 'presence-query', groupId });
    await atAlice.next((f) => f.type === 'presence-snapshot');
    const atBob = await connect(b, bob.token);
    await atAlice.next(presenceOf(bob.username, 'online'));
    const from = atAlice.frames.length;
    atAlice.send({ type: 'presence-query', groupId });
    assert.deepEqual(await atAlice.next((f) => atAlice.frames.indexOf(f) >= from && f.type === 'presence-snapshot'),
      { type: 'presence-snapshot', groupId, members: [{ username: bob.username, presence: 'online' }] });

    atBob.send({ type: 'typing', groupId, typing: true });
    assert.deepEqual(await atAlice.next((f) => f.type === 'typing'), { type: 'typing', groupId, username: bob.username, typing: true });
    // Carol shares no group with Bob and is not in this one: a frame she sends for it goes nowhere.
    atCarol.send({ type: 'typing', groupId, typing: true });

    atBob.send({ type: 'presence', state: 'away' });
    await atAlice.next(presenceOf(bob.username, 'away'));
    // A second socket of Bob's on the first process, active: online again; it closes: away again.
    const bobOnA = await connect(a, bob.token);
    await atAlice.next(presenceOf(bob.username, 'online'));
    const beforeClose = atAlice.frames.length;
    bobOnA.close();
    await atAlice.next((f) => atAlice.frames.indexOf(f) >= beforeClose && presenceOf(bob.username, 'away')(f));
    atBob.close();
    await atAlice.next(presenceOf(bob.username, 'offline'));
    assert.equal(atCarol.frames.some((f) => f.type === 'typing' || f.type === 'presence'), false, JSON.stringify(atCarol.frames));
    assert.equal(atAlice.frames.filter((f) => f.type === 'typing').length, 1, JSON.stringify(atAlice.frames));
  });

  it('a process started later learns who is online on the others', async () => {
    const [a] = servers as [ServerProcess];
    const [alice, bob] = [await signUpOver(a.url), await signUpOver(a.url)];
    const groupId = newGroupId();
    await http(a.url, 'POST', '/api/groups/create', { id: groupId, name: 'late', encryptedGroupKeyB64: sealedKey() }, alice.token);
    await http(a.url, 'POST', `/api/groups/${groupId}/members`, { username: bob.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }] }, alice.token);
    const atBob = await connect(a, bob.token);
    atBob.send({ type: 'presence', state: 'away' });
    atBob.send({ type: 'ping' });
    await atBob.next((f) => f.type === 'pong');
    const late = await startServerProcess({ databaseUrl: database!.url, dataDir: dataDir!.dir });
    servers.push(late);
    const atAlice = await connect(late, alice.token);
    // The late process asked the others when it started; their answer may still be on its way.
    let snapshot: ServerFrame | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      const from = atAlice.frames.length;
      atAlice.send({ type: 'presence-query', groupId });
      snapshot = await atAlice.next((f) => atAlice.frames.indexOf(f) >= from && f.type === 'presence-snapshot');
      if (snapshot.type === 'presence-snapshot' && snapshot.members.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(snapshot, { type: 'presence-snapshot', groupId, members: [{ username: bob.username, presence: 'away' }] });
  });
});
