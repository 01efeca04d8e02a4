import assert from 'node:assert/strict';
import { errorCode, call, registerBody, uniqueName } from './support/api';
import { startBackend, type Backend } from './support/backends';

describe('auth rate limit', function () {
  this.timeout(60_000);
  let backend: Backend | undefined;
  before(async () => { backend = await startBackend('postgresql', { authRateLimit: 3 }); });
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
    assert.equal((await call(app, 'GET', '/api/health')).status, 200);
    assert.equal((await call(app, 'POST', '/api/auth/register', { body })).status, 201, 'each auth route counts on its own');
  });
});
