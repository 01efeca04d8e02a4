// Trust on first use through the user directory: the HTTP answers come from a stub fetch
// (the server is not what is tested here), the pins, safety numbers and refusals are real.

import assert from 'node:assert/strict';
import { createIdentity, toBase64, type Identity } from '../../../common/crypto';
import { KeyChangedError, MemorySecretStore } from '../../../client';
import { ApiClient } from '../../../client/api/api-client';
import { GroupKeyRing } from '../../../client/keys/group-key-ring';
import { GroupOperations } from '../../../client/groups/group-operations';
import { GroupLogKeeper } from '../../../client/groups/group-log-keeper';
import { LogHeadStore } from '../../../client/trust/log-head-store';
import { PinStore } from '../../../client/trust/pin-store';
import { UserDirectory } from '../../../client/trust/user-directory';

function view(username: string, identity: Identity) {
  return { username, encryptionPublicKeyB64: toBase64(identity.encryptionPublicKey), signingPublicKeyB64: toBase64(identity.signingPublicKey) };
}

describe('a person whose keys changed', () => {
  const me = { username: 'alice', identity: createIdentity() };
  const bobBefore = createIdentity();
  const bobAfter = createIdentity();
  let served = bobBefore;
  const posted: string[] = [];
  const fetchStub = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    if (init?.method === 'POST') posted.push(url.pathname);
    if (url.pathname === '/api/users/bob') return new Response(JSON.stringify(view('bob', served)), { status: 200 });
    return new Response(JSON.stringify({ error: 'not_found', message: 'Not found.' }), { status: 404 });
  }) as typeof fetch;

  let users: UserDirectory;
  let warnings: KeyChangedError[];
  let api: ApiClient;

  before(async () => {
    api = new ApiClient('https://chat.example.com', fetchStub);
    api.useTokens({ accessToken: async () => 'token', refreshAfterRejection: async () => 'token' });
    warnings = [];
    const pins = new PinStore(new MemorySecretStore(), api.server);
    served = bobBefore;
    await new UserDirectory(api, pins, me).keysOf('bob');
    // A later session: the server now answers other keys for bob.
    served = bobAfter;
    users = new UserDirectory(api, pins, me, (w) => warnings.push(w));
  });

  it('is refused for sealing, with both safety numbers to compare', async () => {
    const error = await users.keysOf('bob').then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof KeyChangedError);
    assert.notEqual(error.pinnedSafetyNumber, error.newSafetyNumber);
    assert.match(error.newSafetyNumber, /^(\d{5} ){11}\d{5}$/);
    assert.equal(warnings.length, 1);
  });

  it('is verified with the pinned keys, so a swapped key cannot vouch for a forgery', async () => {
    const keys = await users.verificationKeysOf('bob');
    assert.deepEqual(keys.signingPublicKey, bobBefore.signingPublicKey);
  });

  it('gets no group key: adding them stops before anything is sent', async () => {
    const sealers = { sealerKey: async (_groupId: string, _generation: number, sealer: string) => (await users.verificationKeysOf(sealer)).signingPublicKey };
    const logs = new GroupLogKeeper(api, new LogHeadStore(new MemorySecretStore(), 'http://localhost'), users, me);
    const operations = new GroupOperations(api, me, users, new GroupKeyRing(me, sealers), logs);
    const group = { id: '00000000-0000-4000-8000-000000000000', name: 'team', generation: 1, keys: [], members: [], verification: { state: 'unverifiable' } } as never;
    await assert.rejects(operations.addMember(group, 'bob', { shareHistory: false }), KeyChangedError);
    assert.deepEqual(posted, []);
  });

  it('is not accepted with keys other than the ones behind the number the user compared', async () => {
    const compared = (await users.check('bob')).safetyNumber;
    served = createIdentity();
    await assert.rejects(users.accept('bob', compared), KeyChangedError);
    served = bobAfter;
    assert.equal(await users.trust('bob'), 'changed', 'nothing was pinned');
  });

  it('is trusted again once the user accepts the new keys', async () => {
    const check = await users.check('bob');
    assert.equal(check.status, 'changed');
    const accepted = await users.accept('bob', check.safetyNumber);
    assert.equal(accepted.status, 'pinned');
    assert.equal(accepted.safetyNumber, check.safetyNumber);
    assert.deepEqual((await users.keysOf('bob')).signingPublicKey, bobAfter.signingPublicKey);
  });
});
