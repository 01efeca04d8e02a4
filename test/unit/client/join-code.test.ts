import assert from 'node:assert/strict';
import { admissionFromCode, joinCodeProblem, joinQuestion } from '../../../client/admin/join-code';

const CODE = 'Ab3_-xYz0123456789abcdefghijklmn';

describe('the join code sign-up asks for', () => {
  const rules = (registration: 'open' | 'invite' | 'closed', setupPending: boolean) => ({ registration, setupPending, memberInvites: false });

  it('asks nothing on an open server with an admin, an optional setup code while it has none, and an invite where invites are needed', () => {
    assert.deepEqual(joinQuestion(rules('open', false), 'h'), { kind: 'none' });
    const optional = joinQuestion(rules('open', true), 'h');
    assert.equal(optional.kind === 'code' && optional.required, false);
    const invite = joinQuestion(rules('invite', false), 'h');
    assert.deepEqual(invite.kind === 'code' && [invite.required, invite.title], [true, 'Invite code']);
    const either = joinQuestion(rules('invite', true), 'h');
    assert.equal(either.kind === 'code' && either.title, 'Invite or setup code');
    assert.equal(joinQuestion(rules('closed', false), 'h').kind, 'refused');
    const setupOnly = joinQuestion(rules('closed', true), 'h');
    assert.equal(setupOnly.kind === 'code' && setupOnly.title, 'Setup code');
  });

  it('tells a setup code from an invite code, and says what is wrong with a typed one', () => {
    const setup = `setup-${CODE}`;
    assert.deepEqual(admissionFromCode(` ${setup} `), { setupCode: setup });
    assert.deepEqual(admissionFromCode(CODE), { inviteCode: CODE });
    assert.deepEqual(admissionFromCode('  '), {});
    assert.deepEqual(admissionFromCode(undefined), {});
    const required = joinQuestion(rules('invite', false), 'h');
    const optional = joinQuestion(rules('open', true), 'h');
    assert.equal(joinCodeProblem(CODE, required), undefined);
    assert.equal(joinCodeProblem(setup, required), undefined);
    assert.match(joinCodeProblem('', required) ?? '', /needs a code/);
    assert.equal(joinCodeProblem('', optional), undefined);
    assert.match(joinCodeProblem(CODE.slice(1), required) ?? '', /copied whole/);
    assert.match(joinCodeProblem(`-${CODE.slice(1)}`, required) ?? '', /copied whole/);
  });
});
