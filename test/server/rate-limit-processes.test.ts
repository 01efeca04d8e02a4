import assert from 'node:assert/strict';
import { createTempDataDir, createTestDatabase, type TempDataDir, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { registerBody, uniqueName } from './support/api';

async function postJson(base: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

describe('auth rate limit across two server processes on one PostgreSQL', function () {
  this.timeout(120_000);
  const LIMIT = 4;
  let database: TestDatabase | undefined;
  let dataDir: TempDataDir | undefined;
  const servers: ServerProcess[] = [];

  before(async () => {
    database = await createTestDatabase('ratelimit');
    // One data folder: the processes share the secret the counters' keys are made with.
    dataDir = createTempDataDir('ratelimit');
    servers.push(...await Promise.all([
      startServerProcess({ databaseUrl: database.url, dataDir: dataDir.dir, authRateLimit: LIMIT }),
      startServerProcess({ databaseUrl: database.url, dataDir: dataDir.dir, authRateLimit: LIMIT }),
    ]));
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    dataDir?.remove();
  });

  it('shares one count: attempts split across both, the next one on either gets 429', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const login = { username: uniqueName('rlp'), authKeyB64: Buffer.alloc(32).toString('base64') };
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push(await postJson(i % 2 ? b.url : a.url, '/api/auth/login', login));
    assert.deepEqual(statuses, [401, 401, 401, 401], 'each process alone has seen only half the limit');
    assert.equal(await postJson(a.url, '/api/auth/login', login), 429);
    assert.equal(await postJson(b.url, '/api/auth/login', login), 429);
    assert.equal(await postJson(b.url, '/api/auth/register', registerBody(uniqueName('rlp'))), 201, 'another route has its own count');
  });

  it('counts concurrent attempts on both processes without losing one', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const prelogins = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      const res = await fetch(`${i % 2 ? b.url : a.url}/api/auth/prelogin?username=${uniqueName('c')}`);
      await res.arrayBuffer();
      return res.status;
    }));
    assert.equal(prelogins.filter((s) => s === 200).length, LIMIT, 'exactly the limit got through');
    assert.equal(prelogins.filter((s) => s === 429).length, 10 - LIMIT);
  });
});
