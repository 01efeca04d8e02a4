import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { deleteExpiredRateLimits } from '../../server/store/rate-limits';
import { errorCode, call, registerBody, uniqueName } from './support/api';
import { startBackend, type Backend, type BackendName } from './support/backends';

const knexOf = (app: FastifyInstance) => app.orm.em.getConnection().getKnex();

/** One failed sign-in from `forwardedFor` (an X-Forwarded-For header) when given. */
async function attempt(app: FastifyInstance, forwardedFor?: string): Promise<number> {
  const body = { username: 'nobody-here', authKeyB64: Buffer.alloc(32).toString('base64') };
  const headers = forwardedFor ? { 'x-forwarded-for': forwardedFor } : undefined;
  return (await call(app, 'POST', '/api/auth/login', { body, ...(headers ? { headers } : {}) })).status;
}

for (const name of ['postgresql', 'embedded'] as BackendName[]) {
  describe(`auth rate limit (${name})`, function () {
    this.timeout(120_000);
    let backend: Backend | undefined;
    before(async () => { backend = await startBackend(name, { authRateLimit: 3 }); });
    after(async () => { await backend?.close(); });

    it('answers 429 rate_limited past the limit on an auth route, and leaves other routes alone', async () => {
      const app = backend!.app;
      const body = registerBody(uniqueName('rl'));
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(app, 'POST', '/api/auth/login', { body: { username: body.username, authKeyB64: body.authKeyB64 } })).status);
      assert.deepEqual(statuses, [401, 401, 401]);
      const limited = await call(app, 'POST', '/api/auth/login', { body: { username: body.username, authKeyB64: body.authKeyB64 } });
      assert.equal(limited.status, 429);
      assert.equal(errorCode(limited), 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0 && Number(limited.headers['retry-after']) <= 60, 'it says how long to wait');
      assert.equal((await call(app, 'GET', '/api/health')).status, 200);
      assert.equal((await call(app, 'POST', '/api/auth/register', { body })).status, 201, 'each auth route counts on its own');
    });

    it('keeps the counts in the rate_limits table under keyed hashes, never the address or a plain hash of it', async () => {
      const rows: { key: string; count: number }[] = await knexOf(backend!.app)('rate_limits').select('key', 'count');
      assert.ok(rows.length >= 2, 'one row per route and address');
      const login = rows.find((row) => row.count === 4);
      assert.ok(login, 'the login counter holds the four attempts');
      // A reader of the database who hashes guesses of (route, address) finds nothing: the key needs the server secret.
      const guesses = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].flatMap((ip) => [ip, `POST /api/auth/login\n${ip}`])
        .map((text) => createHash('sha256').update(text).digest('hex'));
      for (const row of rows) {
        assert.match(row.key, /^[0-9a-f]{64}$/);
        assert.equal(guesses.includes(row.key), false);
      }
      assert.equal(JSON.stringify(rows).includes('127.0.0.1'), false);
    });

    it('starts again when the window has passed, and forgets ended windows', async () => {
      const knex = knexOf(backend!.app);
      assert.equal(await attempt(backend!.app), 429);
      // The minute passes (moved in the database, whose clock the counter uses).
      await knex('rate_limits').update({ reset_at: knex.raw(`now() - interval '1 second'`) });
      assert.equal(await attempt(backend!.app), 401);
      const [fresh] = await knex('rate_limits').where('reset_at', '>', knex.raw('now()')).select('count', 'reset_at');
      assert.equal(fresh?.count, 1, 'a new window with one attempt');
      assert.ok(new Date(fresh.reset_at as string).getTime() > Date.now() + 50_000, 'the new window lasts a minute');
      const before = Number((await knex('rate_limits').count({ n: '*' }))[0]!.n);
      assert.equal(await deleteExpiredRateLimits(knex), before - 1, 'every ended window goes, the fresh one stays');
      assert.equal(Number((await knex('rate_limits').count({ n: '*' }))[0]!.n), 1);
    });
  });
}

describe('auth rate limit by address', function () {
  this.timeout(60_000);
  const backends: Backend[] = [];
  after(async () => { await Promise.all(backends.map((b) => b.close())); });

  it('behind a trusted proxy counts each client address from X-Forwarded-For', async () => {
    const backend = await startBackend('postgresql', { authRateLimit: 2, trustProxy: '127.0.0.1' });
    backends.push(backend);
    assert.deepEqual([await attempt(backend.app, '203.0.113.7'), await attempt(backend.app, '203.0.113.7')], [401, 401]);
    assert.equal(await attempt(backend.app, '203.0.113.7'), 429);
    assert.equal(await attempt(backend.app, '203.0.113.8'), 401, 'another client has its own count');
  });

  it('without TEAMCHAT_TRUST_PROXY ignores X-Forwarded-For, so a forged one does not reset the count', async () => {
    const backend = await startBackend('postgresql', { authRateLimit: 2 });
    backends.push(backend);
    assert.deepEqual([await attempt(backend.app, '198.51.100.1'), await attempt(backend.app, '198.51.100.2')], [401, 401]);
    assert.equal(await attempt(backend.app, '198.51.100.3'), 429);
  });
});
