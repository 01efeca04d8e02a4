import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CLOSE_ACCOUNT_DEACTIVATED, CLOSE_RECONNECT, CLOSE_UNAUTHORIZED, type LoginAnswer } from '../../common/api';
import { deactivateAccount } from '../../server/store/account-status';
import { eventually } from '../support/eventually';
import { createTempDataDir, createTestDatabase, type TempDataDir, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { b64, blob, kdf, newGroupId, registerBody, sealedKey, signUp, uniqueName } from './support/api';
import { teamchatServer } from './support/server-command';
import { startBackend, type Backend } from './support/backends';
import { EventClient } from './support/events';

async function http(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: { error?: string } & Record<string, unknown> }> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

async function signUpOver(base: string): Promise<{ username: string; token: string; authKeyB64: string }> {
  const body = registerBody(uniqueName('dx'));
  assert.equal((await http(base, 'POST', '/api/auth/register', undefined, body)).status, 201);
  const login = await http(base, 'POST', '/api/auth/login', undefined, { username: body.username, authKeyB64: body.authKeyB64 });
  return { username: body.username, token: (login.json as unknown as LoginAnswer).accessToken, authKeyB64: body.authKeyB64 };
}

describe('deactivation across server processes on one PostgreSQL', function () {
  this.timeout(120_000);
  let database: TestDatabase | undefined;
  let dataDir: TempDataDir | undefined;
  const servers: ServerProcess[] = [];

  before(async () => {
    database = await createTestDatabase('deact');
    dataDir = createTempDataDir('deact');
    servers.push(await startServerProcess({ databaseUrl: database.url, dataDir: dataDir.dir }));
    servers.push(await startServerProcess({ databaseUrl: database.url, dataDir: dataDir.dir }));
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    dataDir?.remove();
  });

  it('a deactivation served by one process closes the socket held by the other within a second, and refuses its next request there', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const boss = await signUpOver(a.url);
    const bob = await signUpOver(b.url);
    const sql = new pg.Client({ connectionString: database!.url });
    await sql.connect();
    await sql.query('UPDATE users SET server_admin = true WHERE username = $1', [boss.username]).finally(() => sql.end());
    const alice = await signUpOver(a.url);
    const groupId = newGroupId();
    assert.equal((await http(a.url, 'POST', '/api/groups/create', alice.token, { id: groupId, name: 'crew', encryptedGroupKeyB64: sealedKey() })).status, 201);
    assert.equal((await http(a.url, 'POST', `/api/groups/${groupId}/members`, alice.token, { username: bob.username, keys: [{ generation: 1, encryptedGroupKeyB64: sealedKey() }] })).status, 201);
    const bobOnB = await EventClient.connect(b.eventsUrl, bob.token);
    const aliceOnB = await EventClient.connect(b.eventsUrl, alice.token);
    assert.equal((await http(b.url, 'GET', '/api/groups', bob.token)).status, 200);

    const started = Date.now();
    const res = await http(a.url, 'POST', `/api/admin/users/${bob.username}/deactivate`, boss.token);
    // The socket's close proves that process has reloaded; the request after it must be refused there.
    assert.equal(res.status, 200);
    const closed = await bobOnB.closed;
    const tookMs = Date.now() - started;
    assert.equal(closed.code, CLOSE_ACCOUNT_DEACTIVATED);
    assert.ok(tookMs < 1000, `closed ${tookMs} ms after the request`);
    const refused = await http(b.url, 'GET', '/api/groups', bob.token);
    assert.equal(refused.status, 401);
    assert.equal(refused.json.error, 'account_deactivated');
    // His co-members on the other process are told, once, by that process.
    await aliceOnB.next((f) => f.type === 'member' && f.action === 'deactivated' && f.username === bob.username && f.groupId === groupId);
    await http(a.url, 'POST', `/api/groups/${groupId}/messages`, alice.token, { msgId: randomBytes(16).toString('hex'), generation: 1, encryptedBlobB64: blob() });
    await aliceOnB.next((f) => f.type === 'message' && f.groupId === groupId);
    assert.equal(aliceOnB.frames.filter((f) => f.type === 'member' && f.action === 'deactivated').length, 1);
    aliceOnB.close();
  });

  it('`teamchat-server admin deactivate` on the server host cuts the live session on every running process, and reactivate lets him back', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const bob = await signUpOver(a.url);
    const onA = await EventClient.connect(a.eventsUrl, bob.token);
    const onB = await EventClient.connect(b.eventsUrl, bob.token);
    const url = ['--database-url', database!.url, '--data-dir', dataDir!.dir];
    const done = await teamchatServer(['admin', 'deactivate', bob.username, ...url]);
    assert.equal(done.code, 0, done.stderr);
    assert.equal(done.stdout, `${bob.username} is deactivated: signed out everywhere.\n`);
    const started = Date.now();
    assert.deepEqual([(await onA.closed).code, (await onB.closed).code], [CLOSE_ACCOUNT_DEACTIVATED, CLOSE_ACCOUNT_DEACTIVATED]);
    assert.ok(Date.now() - started < 1000);
    for (const server of [a, b]) assert.equal((await http(server.url, 'GET', '/api/groups', bob.token)).json.error, 'account_deactivated');
    assert.match((await teamchatServer(['admin', 'users', ...url])).stdout, new RegExp(`\n${bob.username} +\\S+ \\S+ UTC +no  \\(deactivated\\)\n`));
    assert.equal((await teamchatServer(['admin', 'reactivate', bob.username, ...url])).code, 0);
    const login = await http(b.url, 'POST', '/api/auth/login', undefined, { username: bob.username, authKeyB64: bob.authKeyB64 });
    assert.equal(login.status, 200);
    const missing = await teamchatServer(['admin', 'deactivate', 'nobody-here', ...url]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no account "nobody-here"/);
  });

  it('a passphrase change served by one process refuses the other devices\' access tokens on the other at once, and closes their sockets', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const me = await signUpOver(a.url);
    const laptop = await http(b.url, 'POST', '/api/auth/login', undefined, { username: me.username, authKeyB64: me.authKeyB64 });
    const laptopToken = (laptop.json as unknown as LoginAnswer).accessToken;
    const laptopSocket = await EventClient.connect(b.eventsUrl, laptopToken);
    const changed = await http(a.url, 'PUT', '/api/account/passphrase', me.token,
      { currentAuthKeyB64: me.authKeyB64, kdf: kdf(), authKeyB64: b64(32), keyVaultB64: b64(120) });
    assert.equal(changed.status, 200);
    // The other process hears of it by NOTIFY: within a second, not at the token's expiry 15 minutes on.
    const started = Date.now();
    assert.equal((await laptopSocket.closed).code, CLOSE_UNAUTHORIZED);
    assert.ok(Date.now() - started < 1000, `closed ${Date.now() - started} ms after the answer`);
    const refused = await http(b.url, 'GET', '/api/groups', laptopToken);
    assert.equal(refused.status, 401);
    assert.equal(refused.json.error, 'session_ended');
    assert.equal((await http(b.url, 'GET', '/api/groups', changed.json.accessToken as string)).status, 200, 'the caller\'s new sign-in works there');
  });
});

describe('deactivation while a process is not listening', function () {
  this.timeout(60_000);
  let backend: Backend | undefined;
  before(async () => { backend = await startBackend('postgresql'); });
  after(async () => { await backend?.close(); });

  it('is learnt when the listener comes back: the process reads the database again, as a notice sent meanwhile is lost', async () => {
    const { app, url, databaseUrl } = backend!;
    const bob = await signUp(app);
    const socket = await EventClient.connect(`${url.replace('http', 'ws')}/api/events`, bob.token);
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`);
      await eventually('the LISTEN connection to be gone', async () => (await admin.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`)).rowCount === 0);
      // As a command on the server host would: the store function, no route, so no reload in this process but by notice.
      const change = await deactivateAccount(app.orm.em.fork().getKnex(), bob.username);
      assert.equal(change.outcome, 'changed');
    } finally {
      await admin.end();
    }
    assert.equal((await app.inject({ method: 'GET', url: '/api/groups', headers: { authorization: `Bearer ${bob.token}` } })).statusCode, 200,
      'the notice was missed: the process does not know yet');
    assert.equal((await socket.closed).code, CLOSE_RECONNECT);
    await eventually('the deactivation to be learnt', async () =>
      (await app.inject({ method: 'GET', url: '/api/groups', headers: { authorization: `Bearer ${bob.token}` } })).statusCode === 401);
    const again = await EventClient.open(`${url.replace('http', 'ws')}/api/events`, { type: 'auth', token: bob.token });
    assert.equal((await again.closed).code, CLOSE_ACCOUNT_DEACTIVATED);
  });
});
