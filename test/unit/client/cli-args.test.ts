import assert from 'node:assert/strict';
import { checkOptions, lineRange, parseCommandLine, positiveInteger } from '../../../client/cli/args';
import { UsageError } from '../../../client/cli/cli-errors';
import { expirySeconds } from '../../../client/cli/commands/admin-invites';
import { exitCodeFor, EXIT } from '../../../client/cli/exit-codes';
import { GroupNotFoundError, KeyChangedError, ServerError, ServerUnreachableError } from '../../../client';
import { ProfileLockedError } from '../../../client/secrets/profile-file-secret-store';

describe('CLI arguments', () => {
  it('takes global options before or after the command', () => {
    const a = parseCommandLine(['--server', 'http://localhost:8800', 'send', 'team', 'hi', 'there', '--json']);
    assert.equal(a.command, 'send');
    assert.deepEqual(a.positionals, ['team', 'hi', 'there']);
    assert.equal(a.options.server, 'http://localhost:8800');
    assert.equal(a.options.json, true);
  });

  it('rejects unknown options and options the command does not take', () => {
    assert.throws(() => parseCommandLine(['groups', '--frobnicate']), UsageError);
    assert.throws(() => checkOptions(parseCommandLine(['groups', '--limit', '3']), []), /--limit does not apply to "groups"/);
    checkOptions(parseCommandLine(['read', 'team', '--limit', '3', '--json']), ['limit']);
  });

  it('reads line ranges and counts strictly', () => {
    assert.deepEqual(lineRange('12-20'), [12, 20]);
    assert.deepEqual(lineRange('7'), [7, 7]);
    assert.throws(() => lineRange('20-12'), UsageError);
    assert.throws(() => lineRange('0'), UsageError);
    assert.equal(positiveInteger('15', 'limit'), 15);
    assert.equal(positiveInteger(undefined, 'limit'), undefined);
    assert.throws(() => positiveInteger('-1', 'limit'), UsageError);
    assert.throws(() => positiveInteger('1e3', 'limit'), UsageError);
  });

  it('maps each kind of failure to its documented exit code', () => {
    assert.equal(exitCodeFor(new UsageError('x')), EXIT.usage);
    assert.equal(exitCodeFor(new ProfileLockedError()), EXIT.auth);
    assert.equal(exitCodeFor(new GroupNotFoundError('team')), EXIT.notFound);
    assert.equal(exitCodeFor(new ServerError(404, 'user_not_found', 'x')), EXIT.notFound);
    assert.equal(exitCodeFor(new ServerError(409, 'already_member', 'x')), EXIT.refused);
    assert.equal(exitCodeFor(new ServerError(403, 'not_admin', 'x')), EXIT.refused);
    assert.equal(exitCodeFor(new KeyChangedError('bob', '1', '2')), EXIT.keyChanged);
    assert.equal(exitCodeFor(new ServerUnreachableError('http://localhost:1')), EXIT.unreachable);
    assert.equal(exitCodeFor(new Error('boom')), EXIT.failure);
  });
});

describe('teamchat admin invite create --expires', () => {
  it('reads 30m, 12h and 7d, from one minute to 90 days', () => {
    assert.equal(expirySeconds(undefined), undefined);
    assert.equal(expirySeconds('30m'), 1800);
    assert.equal(expirySeconds('12h'), 43_200);
    assert.equal(expirySeconds('7d'), 604_800);
    assert.equal(expirySeconds('90d'), 7_776_000);
    for (const bad of ['0m', '91d', '7', '7w', 'soon', '-1d', true]) assert.throws(() => expirySeconds(bad), UsageError, String(bad));
  });
});
