// Opening an invite link asks first whenever it would leave an account or replace the server.
import * as assert from 'node:assert/strict';
import { inviteConfirmation } from '../../../extension/invite-confirmation';

const invite = { server: 'https://chat.example.com', code: 'Ab3_-xYz0123456789abcdefghijklmn' };

describe('opening an invite link', () => {
  it('asks nothing when signed out with no server, or with the same one configured', () => {
    assert.equal(inviteConfirmation(invite, { state: 'signed-out' }, undefined), undefined);
    assert.equal(inviteConfirmation(invite, { state: 'signed-out' }, 'https://chat.example.com'), undefined);
  });

  it('asks before replacing another configured server', () => {
    const question = inviteConfirmation(invite, { state: 'signed-out' }, 'https://other.example.org');
    assert.match(question?.message ?? '', /for chat\.example\.com; TeamChat now uses other\.example\.org/);
    assert.equal(question?.action, 'Use chat.example.com');
  });

  it('asks before signing out of an account signed in or locked, even on the same server', () => {
    for (const state of ['online', 'locked'] as const) {
      const question = inviteConfirmation(invite, { state, username: 'alice', serverUrl: 'https://chat.example.com' }, 'https://chat.example.com');
      assert.match(question?.message ?? '', /Sign out of alice on chat\.example\.com/, state);
      assert.equal(question?.action, 'Sign Out and Sign Up');
    }
  });
});
