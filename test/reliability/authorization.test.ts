import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { authorizationMatrix, CALLERS, type MatrixCaller, type MatrixRow } from './cases/authorization.matrix';
import { createAccount, type Account } from './support/accounts';
import { call, expectStatus, isJsonError } from './support/api';
import { forgeTokens } from './support/forged-tokens';
import { fill } from './support/placeholders';
import { startServerUnderTest, type ServerUnderTest } from './support/server-under-test';
import { EventListener } from './support/event-listener';
import { tryEventStream } from './support/websocket-auth';

// The server never opens sealed keys, so the matrix's groups use stand-in bytes: what is
// under test is who may do what, not the crypto.
const SEALED = Buffer.alloc(120, 5).toString('base64');

describe('reliability: authorization matrix', function () {
  this.timeout(60_000);
  let server: ServerUnderTest;
  let people: Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin' | 'frank', Account>;
  let tokens: Record<MatrixCaller, string | undefined>;
  let names: Record<MatrixCaller, string>;

  before(async function () {
    this.timeout(180_000);
    server = await startServerUnderTest('authz');
    const accounts = await Promise.all(['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map((n) => createAccount(server.baseUrl, n)));
    people = Object.fromEntries(accounts.map((a) => [a.username, a])) as typeof people;
    const forged = forgeTokens(server.jwtSecret, people.bob.username);
    tokens = {
      none: undefined, expired: forged.expired, otherKey: forged.otherKey, algNone: forged.algNone,
      outsider: people.carol.token, member: people.bob.token, admin: people.alice.token, removed: people.dave.token,
    };
    names = { none: 'bob', expired: 'bob', otherKey: 'bob', algNone: 'bob', outsider: 'carol', member: 'bob', admin: 'alice', removed: 'dave' };
  });

  after(async function () {
    await server?.stop();
  });

  /** alice and erin admins, bob a member, dave added then removed with a rotation to generation 2. */
  async function freshGroup(): Promise<string> {
    const id = randomUUID();
    const as = (who: Account) => ({ token: who.token });
    const steps: [string, Parameters<typeof call>[1], string, object | undefined, number][] = [
      // Every matrix cell starts from a fresh group of the same name: allowSameName says that is meant.
      ['create', 'POST', '/api/groups/create', { id, name: 'matrix', encryptedGroupKeyB64: SEALED, allowSameName: true }, 201],
      ['add bob', 'POST', `/api/groups/${id}/members`, { username: 'bob', keys: [{ generation: 1, encryptedGroupKeyB64: SEALED }] }, 201],
      ['add erin', 'POST', `/api/groups/${id}/members`, { username: 'erin', keys: [{ generation: 1, encryptedGroupKeyB64: SEALED }] }, 201],
      ['add dave', 'POST', `/api/groups/${id}/members`, { username: 'dave', keys: [{ generation: 1, encryptedGroupKeyB64: SEALED }] }, 201],
      ['promote erin', 'POST', `/api/groups/${id}/admins/erin`, undefined, 200],
      ['remove dave', 'DELETE', `/api/groups/${id}/members/dave`, { rotation: { generation: 2, keys: ['alice', 'bob', 'erin'].map((username) => ({ username, encryptedGroupKeyB64: SEALED })) } }, 200],
    ];
    for (const [what, method, path, body, status] of steps) {
      const answer = await call(server.baseUrl, method, path, { ...as(people.alice), ...(body ? { body } : {}) });
      expectStatus(answer, status, `matrix setup: ${what}`);
    }
    return id;
  }

  it('keeps one expected status for every route and caller', function () {
    for (const row of authorizationMatrix) assert.equal(row.expect.length, CALLERS.length, `${row.method} ${row.path}`);
  });

  for (const row of authorizationMatrix) {
    describe(`${row.method} ${row.path}`, function () {
      CALLERS.forEach((caller, column) => {
        const expected = row.expect[column]!;
        it(`${caller} -> ${expected}`, async function () {
          await checkCell(row, caller, expected);
        });
      });
    });
  }

  it('a removed member is told of the removal, then of nothing more in that group', async function () {
    const group = await freshGroup();
    const sentinel = randomUUID();
    const alice = { token: people.alice.token };
    expectStatus(await call(server.baseUrl, 'POST', '/api/groups/create', { ...alice, body: { id: sentinel, name: 'sentinel', encryptedGroupKeyB64: SEALED } }), 201, 'sentinel group');
    expectStatus(await call(server.baseUrl, 'POST', `/api/groups/${sentinel}/members`, { ...alice, body: { username: 'bob', keys: [{ generation: 1, encryptedGroupKeyB64: SEALED }] } }), 201, 'bob joins the sentinel');
    const bob = await EventListener.open(`${server.baseUrl.replace(/^http/, 'ws')}/api/events`, people.bob.token);
    try {
      const removal = await call(server.baseUrl, 'DELETE', `/api/groups/${group}/members/bob`, {
        ...alice, body: { rotation: { generation: 3, keys: ['alice', 'erin'].map((username) => ({ username, encryptedGroupKeyB64: SEALED })) } },
      });
      expectStatus(removal, 200, 'remove bob');
      await bob.next((f) => f.type === 'member' && f.groupId === group && f.action === 'removed' && f.username === 'bob');
      const secret = await call(server.baseUrl, 'POST', `/api/groups/${group}/messages`, { ...alice, body: { msgId: 'c'.repeat(32), generation: 3, encryptedBlobB64: SEALED } });
      expectStatus(secret, 201, 'post after the removal');
      const marker = await call(server.baseUrl, 'POST', `/api/groups/${sentinel}/messages`, { ...alice, body: { msgId: 'd'.repeat(32), generation: 1, encryptedBlobB64: SEALED } });
      expectStatus(marker, 201, 'post to the sentinel');
      // Events leave in order: once the later sentinel message is in, the earlier one would be too.
      await bob.next((f) => f.type === 'message' && f.groupId === sentinel);
      const removedAt = bob.frames.findIndex((f) => f.type === 'member' && f.groupId === group && f.action === 'removed');
      assert.deepEqual(bob.frames.slice(removedAt + 1).filter((f) => f.groupId === group), [], 'events of the group after the removal');
    } finally {
      bob.close();
    }
  });

  async function checkCell(row: MatrixRow, caller: MatrixCaller, expected: number): Promise<void> {
    const needsGroup = row.path.includes('{{group}}');
    const values = {
      group: needsGroup ? await freshGroup() : '',
      admin: 'alice', coadmin: 'erin', member: 'bob', removed: 'dave', outsider: 'carol', target: 'frank', self: names[caller],
    };
    const token = tokens[caller];
    if (row.method === 'WS') {
      const wsUrl = `${server.baseUrl.replace(/^http/, 'ws')}${row.path}`;
      assert.equal(await tryEventStream(wsUrl, token ?? ''), expected);
      return;
    }
    const answer = await call(server.baseUrl, row.method, fill(row.path, values), {
      ...(token !== undefined ? { token } : {}),
      ...(row.body !== undefined ? { rawBody: fill(JSON.stringify(row.body), values) } : {}),
    });
    expectStatus(answer, expected, `${caller} ${row.method} ${row.path}`);
    if (expected >= 400) assert.ok(isJsonError(answer.json), `not a JSON {error, message}: ${answer.text.slice(0, 200)}`);
    // An expired token must be told apart from a forged one: the client refreshes the first.
    if (expected === 401 && !row.path.startsWith('/api/auth/')) assert.equal((answer.json as { error: string }).error, caller === 'expired' ? 'token_expired' : 'unauthorized');
  }
});
