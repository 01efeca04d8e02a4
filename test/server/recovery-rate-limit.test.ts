import assert from 'node:assert/strict';
import { b64, call, errorCode, kdf, signUp, uniqueName } from './support/api';
import { startBackend, type Backend } from './support/backends';

describe('recovery routes rate limit', function () {
  this.timeout(60_000);
  let backend: Backend | undefined;
  before(async () => { backend = await startBackend('postgresql', { authRateLimit: 3 }); });
  after(async () => { await backend?.close(); });

  it('answers 429 rate_limited past the limit on the recovery routes, as on sign-in', async () => {
    const app = backend!.app;
    const guess = () => ({ username: uniqueName('rl'), recoveryAuthKeyB64: b64(32) });
    const tries = async (route: string, body: () => object) => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(app, 'POST', route, { body: body() })).status);
      return statuses;
    };
    assert.deepEqual(await tries('/api/auth/recovery/vault', guess), [401, 401, 401, 429]);
    const limited = await call(app, 'POST', '/api/auth/recovery/vault', { body: guess() });
    assert.equal(errorCode(limited), 'rate_limited');
    const reset = () => ({ ...guess(), kdf: kdf(), authKeyB64: b64(32), keyVaultB64: b64(145) });
    assert.deepEqual(await tries('/api/auth/recovery/reset', reset), [401, 401, 401, 429], 'each route counts on its own');
    const me = await signUp(app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const body = { currentAuthKeyB64: b64(32), recoveryAuthKeyB64: b64(32), recoveryVaultB64: b64(145) };
      statuses.push((await call(app, 'PUT', '/api/account/recovery', { token: me.token, body })).status);
    }
    assert.deepEqual(statuses, [403, 403, 403, 429], 'a stolen access token cannot try passphrases fast either');
  });
});
