// A direct message's log: link 1 `dm` names exactly two different people with their keys,
// neither is admin, and nothing but rotate and leave may ever follow, so neither the server
// nor either member can turn it into a group or add a third reader.
import assert from 'node:assert/strict';
import { canonicalJson, checkMessagePosition, GroupLogError, makeLink, parseLink, verifyGroupLog, type GroupLogProblem } from '../../../common/group-log';
import { LogBuilder, person } from './log-builder';

async function refused(promise: Promise<unknown>, problem: GroupLogProblem, seq: number | undefined): Promise<GroupLogError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GroupLogError, `expected a GroupLogError, got ${String(error)}`);
    assert.equal(error.problem, problem, error.message);
    assert.equal(error.seq, seq, error.message);
    return error;
  }
  assert.fail('the log was accepted');
}

/** The canonical text of link 1 with `body`, signed by alice: what a hostile client or server could store. */
function dmWithBody(groupId: string, body: unknown): string {
  const link = makeLink(groupId, undefined, 'dm', body as never, { username: alice.username, signingPrivateKey: alice.identity.signingPrivateKey });
  return link.text;
}

const [alice, bob, carol] = [person('alice'), person('bob'), person('carol')] as const;
const dm = (signer = alice) => new LogBuilder().add(signer, 'dm', { members: [alice.keys, bob.keys] });

describe('group log: direct messages', () => {
  it('a dm link makes a two-person conversation: both members, neither admin, both holding generation 1', async () => {
    for (const signer of [alice, bob]) {
      const log = dm(signer);
      const state = await verifyGroupLog(log.groupId, log.texts);
      assert.equal(state.kind, 'dm');
      assert.deepEqual(state.pair, ['alice', 'bob']);
      assert.deepEqual([...state.members.keys()].sort(), ['alice', 'bob']);
      assert.ok([...state.members.values()].every((m) => !m.admin));
      assert.deepEqual([...(state.holders.get(1) ?? [])].sort(), ['alice', 'bob']);
      assert.equal(state.members.get('bob')?.signingKey, bob.keys.signingKey);
      assert.equal(state.name, '');
      assert.equal(state.entries[0]?.signer, signer.username);
    }
  });

  it('a group made with create is a group, not a direct message', async () => {
    const log = new LogBuilder().add(alice, 'create', { name: 'launch', member: alice.keys });
    const state = await verifyGroupLog(log.groupId, log.texts);
    assert.equal(state.kind, 'group');
    assert.deepEqual(state.pair, []);
  });

  it('either member may rotate, sealing to exactly the two', async () => {
    const log = dm().add(bob, 'rotate', { generation: 2, sealedTo: ['alice', 'bob'] }).add(alice, 'rotate', { generation: 3, sealedTo: ['alice', 'bob'] });
    const state = await verifyGroupLog(log.groupId, log.texts);
    assert.equal(state.generation, 3);
    const third = dm().add(alice, 'rotate', { generation: 2, sealedTo: ['alice', 'bob', 'carol'] });
    await refused(verifyGroupLog(third.groupId, third.texts), 'not-allowed', 2);
  });

  const changes = [
    ['add', (b: LogBuilder, by = alice) => b.add(by, 'add', { member: carol.keys, generations: [1] })],
    ['remove', (b: LogBuilder, by = alice) => b.add(by, 'remove', { username: by === alice ? 'bob' : 'alice' })],
    ['promote', (b: LogBuilder, by = alice) => b.add(by, 'promote', { username: by.username })],
    ['demote', (b: LogBuilder, by = alice) => b.add(by, 'demote', { username: 'bob' })],
    ['rename', (b: LogBuilder, by = alice) => b.add(by, 'rename', { name: 'not a dm any more' })],
    ['topic', (b: LogBuilder, by = alice) => b.add(by, 'topic', { topic: 'a topic' })],
    ['delete', (b: LogBuilder, by = alice) => b.add(by, 'delete', {})],
    ['create', (b: LogBuilder, by = alice) => b.add(by, 'create', { name: 'again', member: by.keys })],
    ['dm', (b: LogBuilder, by = alice) => b.add(by, 'dm', { members: [alice.keys, bob.keys] })],
  ] as const;
  for (const [type, change] of changes) {
    it(`refuses ${type} after a dm link, signed by either member`, async () => {
      for (const by of [alice, bob]) {
        const log = change(dm(), by);
        const error = await refused(verifyGroupLog(log.groupId, log.texts), 'not-allowed', 2);
        assert.match(error.message, /direct message/);
      }
    });
  }

  it('refuses a third reader added later, even after a rotation and by whoever signs', async () => {
    const log = dm().add(alice, 'rotate', { generation: 2, sealedTo: ['alice', 'bob'] }).add(bob, 'add', { member: carol.keys, generations: [2] });
    await refused(verifyGroupLog(log.groupId, log.texts), 'not-allowed', 3);
    // The server writing the add as carol's own: she is not a member, so not even a signer.
    const sneaked = dm().add(carol, 'add', { member: carol.keys, generations: [1] });
    await refused(verifyGroupLog(sneaked.groupId, sneaked.texts), 'not-allowed', 2);
  });

  it('refuses a dm link naming a third member, one member, the same user twice, or yourself alone', async () => {
    const id = new LogBuilder().groupId;
    const bodies = [
      { members: [alice.keys, bob.keys, carol.keys] },
      { members: [alice.keys] },
      { members: [] },
      { members: [alice.keys, alice.keys] },
      // The same name with two different keys: still one person named twice.
      { members: [alice.keys, { ...bob.keys, username: 'alice' }] },
      { members: [bob.keys, alice.keys] },
      { members: [{ ...alice.keys, admin: true }, bob.keys] },
      { members: [alice.keys, bob.keys], name: 'a dm' },
      { members: { 0: alice.keys, 1: bob.keys } },
    ];
    for (const body of bodies) {
      const error = await refused(verifyGroupLog(id, [dmWithBody(id, body)]), 'malformed', 1);
      assert.doesNotMatch(error.message, /undefined/);
    }
  });

  it('refuses a dm link signed by someone who is not one of its two people', async () => {
    const log = new LogBuilder().add(carol, 'dm', { members: [alice.keys, bob.keys] });
    const error = await refused(verifyGroupLog(log.groupId, log.texts), 'not-allowed', 1);
    assert.match(error.message, /one of its two members/);
  });

  it("refuses a dm link whose signer's signature is not under the key it names for them (a server's forgery)", async () => {
    // The server makes the dm in alice's name, naming its own key as hers: alice's client
    // catches it by its own key check; here the link names alice's real key but the server signed.
    const log = new LogBuilder();
    const forged = makeLink(log.groupId, undefined, 'dm', { members: [alice.keys, bob.keys] }, { username: 'alice', signingPrivateKey: carol.identity.signingPrivateKey });
    await refused(verifyGroupLog(log.groupId, [forged.text]), 'bad-signature', 1);
  });

  it('refuses a dm link after the first link of a group: a group never turns into a direct message', async () => {
    const log = new LogBuilder().add(alice, 'create', { name: 'launch', member: alice.keys }).add(alice, 'add', { member: bob.keys, generations: [1] })
      .add(alice, 'dm', { members: [alice.keys, bob.keys] });
    await refused(verifyGroupLog(log.groupId, log.texts), 'not-allowed', 3);
  });

  it('a leave ends it: the other stays, holds the history, may not rotate or send, and may only leave too', async () => {
    const log = dm().add(alice, 'leave', {});
    const ended = await verifyGroupLog(log.groupId, log.texts);
    assert.deepEqual([...ended.members.keys()], ['bob']);
    assert.equal(ended.pendingRotation, true);
    assert.equal(ended.deleted, false);
    assert.deepEqual(ended.pair, ['alice', 'bob']);
    // A message bob sends after the leave is one alice may read: a reader marks it.
    const after = checkMessagePosition(ended, { sender: 'bob', generation: 1, log: ended.head });
    assert.equal(after?.problem, 'unrotated');
    const before = checkMessagePosition(ended, { sender: 'bob', generation: 1, log: { seq: 1, hash: ended.hashes[0] as string } });
    assert.equal(before, undefined);

    for (const [what, next] of [
      ['rotate', (b: LogBuilder) => b.add(bob, 'rotate', { generation: 2, sealedTo: ['bob'] })],
      ['an add of alice again', (b: LogBuilder) => b.add(bob, 'add', { member: alice.keys, generations: [1] })],
      ['a link by the one who left', (b: LogBuilder) => b.add(alice, 'leave', {})],
    ] as const) {
      const copy = new LogBuilder(log.groupId);
      for (const text of log.texts) copy.texts.push(text);
      copy.head = log.head;
      await refused(verifyGroupLog(copy.groupId, next(copy).texts), 'not-allowed', 3).catch((error: unknown) => assert.fail(`${what}: ${String(error)}`));
    }

    const gone = await verifyGroupLog(log.groupId, log.add(bob, 'leave', {}).texts);
    assert.equal(gone.deleted, true);
    assert.equal(gone.members.size, 0);
  });

  it('a rotation before the leave is fine, and after it the leaver held only the generations before', async () => {
    const log = dm().add(alice, 'rotate', { generation: 2, sealedTo: ['alice', 'bob'] }).add(bob, 'leave', {});
    const state = await verifyGroupLog(log.groupId, log.texts);
    assert.deepEqual([...state.members.keys()], ['alice']);
    assert.equal(state.generation, 2);
  });

  it('parses a dm link to one canonical text and refuses any other spelling', () => {
    const text = dm().texts[0] as string;
    const link = parseLink(text);
    assert.equal(canonicalJson(link), text);
    assert.equal(link.type, 'dm');
    const spaced = text.replace('"members":', '"members": ');
    assert.throws(() => parseLink(spaced), (e: unknown) => e instanceof GroupLogError && e.problem === 'malformed');
  });

  it('hostile names in a dm link are refused as any username is', async () => {
    const id = new LogBuilder().groupId;
    for (const username of ['__proto__', 'bob\u202e', 'Bob', '']) {
      await refused(verifyGroupLog(id, [dmWithBody(id, { members: [alice.keys, { ...bob.keys, username }].sort((a, b) => (a.username < b.username ? -1 : 1)) })]), 'malformed', 1);
    }
  });
});
