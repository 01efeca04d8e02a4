// What every server process keeps in memory of ended sign-ins: refused by account or by
// sign-in, forgotten after the token lifetime, and reloads that never lose a request.
import assert from 'node:assert/strict';
import { EndedSignIns, type AccountChange } from '../../../server/auth/ended-sign-ins';
import { ApiHttpError } from '../../../server/http/errors';
import type { EndedSnapshot } from '../../../server/store/ended-sign-ins';

describe('ended sign-ins in memory', () => {
  it('refuses an inactive account (account_deactivated) and an ended sign-in (session_ended), and nothing else', async () => {
    const ended = new EndedSignIns(async () => ({ inactive: [{ username: 'bob', status: 'deactivated' }], families: [{ familyId: 'f-1', forgetAtMs: Date.now() + 60_000 }] }), new Set());
    assert.equal(ended.refusal({ username: 'bob' }), undefined, 'nothing is known before the first load');
    await ended.reload();
    assert.equal(ended.refusal({ username: 'bob', signIn: 'f-2' }), 'account_deactivated');
    assert.equal(ended.refusal({ username: 'bob' }), 'account_deactivated', 'a token without sid too');
    assert.equal(ended.refusal({ username: 'alice', signIn: 'f-1' }), 'session_ended');
    assert.equal(ended.refusal({ username: 'alice', signIn: 'f-3' }), undefined);
    assert.equal(ended.refusal({ username: 'alice' }), undefined);
    assert.throws(() => ended.check({ username: 'alice', signIn: 'f-1' }), (e: unknown) => e instanceof ApiHttpError && e.statusCode === 401 && e.code === 'session_ended');
    assert.throws(() => ended.check({ username: 'bob' }), (e: unknown) => e instanceof ApiHttpError && e.statusCode === 401 && e.code === 'account_deactivated');
  });

  it('forgets an ended sign-in once every token of it has expired (with a margin for the clocks)', async () => {
    const ended = new EndedSignIns(async () => ({ inactive: [], families: [{ familyId: 'old', forgetAtMs: Date.now() - 61_000 }, { familyId: 'near', forgetAtMs: Date.now() - 30_000 }] }), new Set());
    await ended.reload();
    assert.equal(ended.refusal({ username: 'a', signIn: 'old' }), undefined);
    assert.equal(ended.refusal({ username: 'a', signIn: 'near' }), 'session_ended');
  });

  it('a reload asked for during one runs again after it, and listeners hear of every reload', async () => {
    let loads = 0;
    let release: (() => void) | undefined;
    const snapshots: EndedSnapshot[] = [{ inactive: [], families: [] }, { inactive: [{ username: 'carol', status: 'deleted' }], families: [] }];
    const heard: [number, AccountChange[]][] = [];
    const ended = new EndedSignIns(async () => {
      const snapshot = snapshots[Math.min(loads, 1)]!;
      loads += 1;
      if (loads === 1) await new Promise<void>((resolve) => (release = resolve));
      return snapshot;
    }, new Set([(changes: AccountChange[]) => heard.push([loads, changes])]));
    const first = ended.reload();
    await new Promise((resolve) => setImmediate(resolve));
    // A change committed while the first load reads: the first may have read before it.
    const second = ended.reload();
    release!();
    await Promise.all([first, second]);
    assert.equal(loads, 2);
    assert.deepEqual(heard, [[1, []], [2, [{ username: 'carol', status: 'deleted' }]]], 'the first load tells no change; the second, carol');
    assert.equal(ended.refusal({ username: 'carol' }), 'account_deactivated');
  });

  it('tells which accounts changed status since the previous reload: deactivated, deleted, back to active', async () => {
    let inactive: EndedSnapshot['inactive'] = [];
    const heard: AccountChange[][] = [];
    const ended = new EndedSignIns(async () => ({ inactive, families: [] }), new Set([(changes: AccountChange[]) => heard.push(changes)]));
    await ended.reload();
    inactive = [{ username: 'bob', status: 'deactivated' }, { username: 'dave', status: 'deactivated' }];
    await ended.reload();
    inactive = [{ username: 'dave', status: 'deleted' }];
    await ended.reload();
    await ended.reload();
    assert.deepEqual(heard, [
      [],
      [{ username: 'bob', status: 'deactivated' }, { username: 'dave', status: 'deactivated' }],
      [{ username: 'dave', status: 'deleted' }, { username: 'bob', status: 'active' }],
      [],
    ]);
  });
});
