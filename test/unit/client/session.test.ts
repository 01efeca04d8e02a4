// Tokens: refreshed before they expire, once for concurrent callers, and replaced by a new
// sign-in with the kept authKey when the refresh token is spent. The HTTP answers come from
// a stub fetch; the session and the API client's retry are what is tested.

import assert from 'node:assert/strict';
import { AccountDeactivatedError, MemorySecretStore, SignedOutError } from '../../../client';
import { ApiClient } from '../../../client/api/api-client';
import { SECRET_KEYS } from '../../../client/secrets/secret-store';
import { Session, type StoredSession } from '../../../client/session/session';

const REFRESH = 'r'.repeat(43);

class StubServer {
  calls: string[] = [];
  refreshWorks = true;
  refreshReused = false;
  deactivated = false;
  validToken = 'access-2';
  issued = 1;

  fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const auth = new Headers(init?.headers).get('authorization');
    this.calls.push(`${init?.method} ${url.pathname}`);
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
    if (this.deactivated && url.pathname.startsWith('/api/auth/')) return json(403, { error: 'account_deactivated', message: 'Deactivated.' });
    if (this.deactivated) return json(401, { error: 'account_deactivated', message: 'Deactivated.' });
    if (url.pathname === '/api/auth/refresh') {
      if (this.refreshReused) return json(401, { error: 'refresh_token_reused', message: 'Used twice.' });
      if (!this.refreshWorks) return json(401, { error: 'invalid_refresh_token', message: 'The session ended.' });
      this.issued += 1;
      this.validToken = `access-${this.issued}`;
      return json(200, { accessToken: this.validToken, refreshToken: REFRESH, expiresIn: 900 });
    }
    if (url.pathname === '/api/auth/login') {
      this.issued += 1;
      this.validToken = `access-${this.issued}`;
      return json(200, {
        accessToken: this.validToken, refreshToken: REFRESH, expiresIn: 900,
        user: { username: 'alice', encryptionPublicKeyB64: KEY_B64, signingPublicKeyB64: KEY_B64, keyVaultB64: 'AAAA' },
      });
    }
    if (auth !== `Bearer ${this.validToken}`) return json(401, { error: 'token_expired', message: 'Expired.' });
    return json(200, { groups: [] });
  }) as typeof fetch;
}

/** A well-formed answer: the client checks every answer against the server's schema. */
const KEY_B64 = Buffer.alloc(32).toString('base64');

function stored(accessToken: string, expiresInMs: number): StoredSession {
  return { server: 'https://chat.example.com', username: 'alice', accessToken, refreshToken: REFRESH, accessExpiresAt: Date.now() + expiresInMs };
}

function setup(state: StoredSession, authKey?: Uint8Array) {
  const stub = new StubServer();
  const api = new ApiClient('https://chat.example.com', stub.fetch);
  const store = new MemorySecretStore();
  const session = new Session(api, store, state, authKey);
  api.useTokens(session);
  return { stub, api, store, session };
}

describe('session tokens', () => {
  it('refreshes a token about to expire before using it, and saves the new pair', async () => {
    const { stub, api, store } = setup(stored('access-1', 5_000));
    await api.groups();
    assert.deepEqual(stub.calls, ['POST /api/auth/refresh', 'GET /api/groups']);
    assert.equal(JSON.parse((await store.get(SECRET_KEYS.session))!).accessToken, 'access-2');
  });

  it('retries once with a fresh token when the server rejects one, refreshing once for concurrent requests', async () => {
    const { stub, api } = setup(stored('access-1', 600_000));
    stub.validToken = 'access-0';
    await Promise.all([api.groups(), api.groups(), api.groups()]);
    assert.equal(stub.calls.filter((c) => c === 'POST /api/auth/refresh').length, 1);
  });

  it('signs in again with the kept authKey when the refresh token no longer works', async () => {
    const { stub, api } = setup(stored('access-1', 0), new Uint8Array(32));
    stub.refreshWorks = false;
    await api.groups();
    assert.deepEqual(stub.calls, ['POST /api/auth/refresh', 'POST /api/auth/login', 'GET /api/groups']);
  });

  it('reports the user signed out when there is no way to renew', async () => {
    const { stub, api } = setup(stored('access-1', 0));
    stub.refreshWorks = false;
    await assert.rejects(api.groups(), SignedOutError);
  });

  it('never signs in again unasked when the server says the refresh token was used twice: it ends the session once', async () => {
    const { stub, api, store, session } = setup(stored('access-1', 0), new Uint8Array(32));
    await session.save();
    const ended: SignedOutError[] = [];
    session.onSignedOut((error) => ended.push(error));
    stub.refreshReused = true;
    await assert.rejects(api.groups(), (error: unknown) => error instanceof SignedOutError && /used twice/.test(error.message));
    await assert.rejects(api.groups(), SignedOutError);
    assert.deepEqual(stub.calls, ['POST /api/auth/refresh'], 'no sign-in with the kept authKey, and no second refresh');
    assert.equal(ended.length, 1);
    assert.equal(await store.get(SECRET_KEYS.session), undefined, 'the dead tokens are forgotten');
  });

  it('ends the session once, with the reason, when a server admin deactivated the account: no sign-in again with the kept authKey', async () => {
    const { stub, api, store, session } = setup(stored('access-2', 60_000), new Uint8Array(32));
    await session.save();
    const ended: SignedOutError[] = [];
    session.onSignedOut((error) => ended.push(error));
    stub.deactivated = true;
    await assert.rejects(api.groups(), AccountDeactivatedError);
    await assert.rejects(api.groups(), AccountDeactivatedError);
    assert.deepEqual(stub.calls, ['GET /api/groups', 'POST /api/auth/refresh']);
    assert.equal(ended.length, 1);
    assert.match(ended[0]!.message, /deactivated by a server admin/);
    assert.equal(await store.get(SECRET_KEYS.session), undefined);
  });
});
