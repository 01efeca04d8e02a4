import assert from 'node:assert/strict';
import { ApiClient } from '../../../client/api/api-client';
import { signUp } from '../../../client/keys/account';
import { MIN_PASSPHRASE_CHARS, newPassphraseProblem, WeakPassphraseError } from '../../../client/keys/passphrase-rule';
import { exitCodeFor, EXIT } from '../../../client/cli/exit-codes';

describe('the rule for a new passphrase (CLI register and extension Sign Up)', () => {
  it('wants 12 characters, counted as characters, not UTF-16 units', () => {
    assert.equal(MIN_PASSPHRASE_CHARS, 12);
    assert.match(newPassphraseProblem('x') ?? '', /at least 12 characters \(this one has 1\)/);
    assert.ok(newPassphraseProblem('🔑'.repeat(11)), 'eleven emoji are 22 UTF-16 units but eleven characters');
    assert.equal(newPassphraseProblem('correct horse'), undefined);
  });

  it('is enforced by signUp itself, before any key is derived or the server is asked', async () => {
    const unreachable = new ApiClient('http://127.0.0.1:1');
    await assert.rejects(signUp(unreachable, 'alice', 'x'), (error: unknown) => {
      assert.ok(error instanceof WeakPassphraseError);
      assert.equal(exitCodeFor(error), EXIT.usage);
      return true;
    });
  });
});
