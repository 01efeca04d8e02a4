import assert from 'node:assert/strict';
import { joinNotice } from '../../server/join-notice';

describe('what the server prints about who may join', () => {
  const expiresAt = new Date('2026-12-02T10:00:00.000Z');

  it('says the mode, and prints a setup code it made (and only then)', () => {
    const made = joinNotice('invite', { kind: 'created', code: 'setup-abc', expiresAt });
    assert.match(made[0]!, /^Registration: invite \(/);
    assert.ok(made.includes('Setup code (one use, until 2026-12-02T10:00:00.000Z): setup-abc'));
    const live = joinNotice('open', { kind: 'live', createdAt: new Date('2026-12-01T10:00:00.000Z'), expiresAt }).join('\n');
    assert.match(live, /printed by another process/);
    assert.doesNotMatch(live, /setup-/);
    assert.deepEqual(joinNotice('closed', { kind: 'not_needed' }), ['Registration: closed (no new accounts).']);
  });
});
