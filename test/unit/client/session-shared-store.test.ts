// Two processes (a `teamchat watch` beside a `send`) or two VS Code windows on one stored
// sign-in: when one refreshes, the other must take the new tokens from the store instead of
// presenting the spent refresh token, which the server treats as theft and ends the sign-in.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemorySecretStore, ProfileFileSecretStore, type SecretStore } from '../../../client';
import { ApiClient } from '../../../client/api/api-client';
import { SECRET_KEYS } from '../../../client/secrets/secret-store';
import { Session, type StoredSession } from '../../../client/session/session';
import { newKdfParams } from '../../../common/crypto';

/** Refresh tokens that work once, and a second use that ends the sign-in (reuse detection). */
class RotatingServer {
  private live = 'r'.repeat(43);
  private readonly spent = new Set<string>();
  private issued = 0;
  reused = false;
  validAccess = 'access-0';
  refreshes = 0;

  get firstRefreshToken(): string {
    return this.live;
  }

  fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
    if (url.pathname === '/api/auth/refresh') {
      this.refreshes += 1;
      const { refreshToken } = JSON.parse(String(init?.body)) as { refreshToken: string };
      if (this.spent.has(refreshToken)) {
        this.reused = true;
        return json(401, { error: 'refresh_token_reused', message: 'Used twice.' });
      }
      if (refreshToken !== this.live) return json(401, { error: 'invalid_refresh_token', message: 'Unknown.' });
      this.spent.add(refreshToken);
      this.issued += 1;
      this.live = String.fromCharCode(97 + this.issued).repeat(43);
      this.validAccess = `access-${this.issued}`;
      return json(200, { accessToken: this.validAccess, refreshToken: this.live, expiresIn: 900 });
    }
    if (new Headers(init?.headers).get('authorization') !== `Bearer ${this.validAccess}`) return json(401, { error: 'token_expired', message: 'Expired.' });
    return json(200, { groups: [] });
  }) as typeof fetch;
}

function sessionOn(server: RotatingServer, store: SecretStore, state: StoredSession) {
  const api = new ApiClient('https://chat.example.com', server.fetch);
  const session = new Session(api, store, state, undefined);
  api.useTokens(session);
  return { api, session };
}

async function bothRefresh(storeA: SecretStore, storeB: SecretStore): Promise<RotatingServer> {
  const server = new RotatingServer();
  const state: StoredSession = { server: 'https://chat.example.com', username: 'alice', accessToken: 'access-0', refreshToken: server.firstRefreshToken, accessExpiresAt: Date.now() + 5_000 };
  const a = sessionOn(server, storeA, { ...state });
  const b = sessionOn(server, storeB, { ...state });
  await a.session.save();
  await a.api.groups();
  await b.api.groups();
  return server;
}

describe('one sign-in shared by two processes', () => {
  it('the second takes the tokens the first refreshed, and the sign-in lives on (one store)', async () => {
    const store = new MemorySecretStore();
    const server = await bothRefresh(store, store);
    assert.equal(server.reused, false, 'no spent refresh token was presented again');
    assert.equal(server.refreshes, 1);
  });

  it('the same through the CLI profile file, opened by two processes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'teamchat-profile-'));
    try {
      const key = new Uint8Array(32).fill(7);
      const header = { server: 'https://chat.example.com', username: 'alice', kdf: newKdfParams() };
      await ProfileFileSecretStore.create(dir, header, key);
      const first = await ProfileFileSecretStore.open(dir, key);
      const second = await ProfileFileSecretStore.open(dir, key);
      assert.ok(first && second);
      const server = await bothRefresh(first, second);
      assert.equal(server.reused, false);
      assert.equal(JSON.parse((await second.get(SECRET_KEYS.session)) as string).refreshToken, JSON.parse((await first.get(SECRET_KEYS.session)) as string).refreshToken);
      await second.set('other', 'x');
      assert.equal(await first.get('other'), 'x', 'a write by one process is seen by the other, and keeps its keys');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
