// The group's name and topic as the log decides them: only an admin at the previous link may
// change either, a topic is one line of plain text, and both links have one canonical encoding.
import assert from 'node:assert/strict';
import { canonicalJson, GroupLogError, parseLink, verifyGroupLog, type GroupLogProblem } from '../../../common/group-log';
import { MAX_GROUP_TOPIC_CHARS } from '../../../common/api';
import { LogBuilder, person } from './log-builder';

async function refused(promise: Promise<unknown>, problem: GroupLogProblem, seq: number): Promise<GroupLogError> {
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

describe('group log: rename and topic', () => {
  const [alice, bob] = [person('alice'), person('bob')] as const;
  /** alice creates "launch" and adds bob (not an admin): link 2 is the head. */
  const base = () => new LogBuilder().add(alice, 'create', { name: 'launch', member: alice.keys }).add(alice, 'add', { member: bob.keys, generations: [1] });

  it('an admin renames the group and sets, changes and clears its topic; the state and history follow the log', async () => {
    const log = base()
      .add(alice, 'topic', { topic: 'Ship it by Friday' })
      .add(alice, 'rename', { name: 'launch v2' })
      .add(alice, 'topic', { topic: 'Ship 🚀, then rest' });
    const state = await verifyGroupLog(log.groupId, log.texts);
    assert.equal(state.name, 'launch v2');
    assert.equal(state.topic, 'Ship 🚀, then rest');
    assert.deepEqual(state.entries.slice(2).map((e) => [e.type, e.signer, e.name ?? e.topic]), [
      ['topic', 'alice', 'Ship it by Friday'], ['rename', 'alice', 'launch v2'], ['topic', 'alice', 'Ship 🚀, then rest'],
    ]);
    const cleared = await verifyGroupLog(log.groupId, log.add(alice, 'topic', { topic: '' }).texts);
    assert.equal(cleared.topic, '');
  });

  it('a group starts with no topic', async () => {
    const log = base();
    assert.equal((await verifyGroupLog(log.groupId, log.texts)).topic, '');
  });

  for (const [what, change] of [
    ['rename', (b: LogBuilder) => b.add(bob, 'rename', { name: 'bob was here' })],
    ['topic', (b: LogBuilder) => b.add(bob, 'topic', { topic: 'bob was here' })],
  ] as const) {
    it(`refuses a ${what} by a member who is not an admin, naming the link`, async () => {
      const log = change(base());
      const error = await refused(verifyGroupLog(log.groupId, log.texts), 'not-allowed', 3);
      assert.match(error.message, /only an admin/);
    });
  }

  it('refuses a rename or topic by someone who is not a member, and one signed by another key', async () => {
    const mallory = person('mallory');
    const stranger = base().add(mallory, 'rename', { name: 'mine now' });
    await refused(verifyGroupLog(stranger.groupId, stranger.texts), 'not-allowed', 3);
    // The server (or anyone) writing "alice" as the signer of a link it signed itself.
    const forged = base().add({ ...mallory, username: 'alice' }, 'topic', { topic: 'trust me' });
    await refused(verifyGroupLog(forged.groupId, forged.texts), 'bad-signature', 3);
  });

  it('an admin made by promote may rename; one demoted may not any more', async () => {
    const promoted = base().add(alice, 'promote', { username: 'bob' }).add(bob, 'rename', { name: 'bobs' });
    assert.equal((await verifyGroupLog(promoted.groupId, promoted.texts)).name, 'bobs');
    const demoted = base().add(alice, 'promote', { username: 'bob' }).add(alice, 'demote', { username: 'bob' }).add(bob, 'topic', { topic: 'late' });
    await refused(verifyGroupLog(demoted.groupId, demoted.texts), 'not-allowed', 5);
  });

  it('refuses a change that changes nothing, and any change while a removal waits for its rotation', async () => {
    const same = base().add(alice, 'rename', { name: 'launch' });
    await refused(verifyGroupLog(same.groupId, same.texts), 'not-allowed', 3);
    const noTopic = base().add(alice, 'topic', { topic: '' });
    await refused(verifyGroupLog(noTopic.groupId, noTopic.texts), 'not-allowed', 3);
    const pending = base().add(alice, 'remove', { username: 'bob' }).add(alice, 'rename', { name: 'alone' });
    await refused(verifyGroupLog(pending.groupId, pending.texts), 'not-allowed', 4);
  });

  it('refuses a topic with control, bidi or line separator characters, or too long, as a malformed link', async () => {
    for (const topic of [
      'line one\nline two', 'tab\there', 'bell\u0007', 'nul\u0000', 'del\u007f', 'c1\u0085', 'csi\u009b[2J', 'esc\u001b]52;c;aGk=\u0007',
      'abc\u202egpj.exe', 'isolate\u2066x\u2069', 'mark\u200f', 'arabic mark\u061c', 'line\u2028separator', 'para\u2029', 'lone \ud800 surrogate',
      'x'.repeat(MAX_GROUP_TOPIC_CHARS + 1),
    ]) {
      const log = base().add(alice, 'topic', { topic });
      await refused(verifyGroupLog(log.groupId, log.texts), 'malformed', 3);
    }
    const longest = base().add(alice, 'topic', { topic: 'é'.repeat(MAX_GROUP_TOPIC_CHARS) });
    assert.equal((await verifyGroupLog(longest.groupId, longest.texts)).topic.length, MAX_GROUP_TOPIC_CHARS);
  });

  it('refuses a rename to an empty, invisible or disguised name, as create does', async () => {
    for (const name of ['', '   ', 'a\u202eb', 'new\nline', 'x'.repeat(101)]) {
      const log = base().add(alice, 'rename', { name });
      await refused(verifyGroupLog(log.groupId, log.texts), 'malformed', 3);
    }
  });

  it('refuses a body with a missing, extra or mistyped field', () => {
    const log = base().add(alice, 'rename', { name: 'ok' }).add(alice, 'topic', { topic: 'ok' });
    for (const [index, body] of [[2, {}], [2, { name: 'ok', topic: 'x' }], [2, { name: 7 }], [3, { topic: null }], [3, { topic: ['x'] }], [3, { name: 'ok' }]] as const) {
      const link = JSON.parse(log.texts[index] as string) as Record<string, unknown>;
      assert.throws(() => parseLink(JSON.stringify({ ...link, body })), (e: unknown) => e instanceof GroupLogError && e.problem === 'malformed', JSON.stringify(body));
    }
  });

  it('round-trips canonically: a parsed rename or topic link encodes back to the same bytes, and no other encoding is taken', () => {
    const log = base().add(alice, 'rename', { name: 'Ünïcode 名前' }).add(alice, 'topic', { topic: 'quotes " and \\ backslash, emoji 👍' });
    for (const text of log.texts.slice(2)) {
      const link = parseLink(text);
      assert.equal(canonicalJson(link), text);
      assert.throws(() => parseLink(JSON.stringify(link, null, 1)), (e: unknown) => e instanceof GroupLogError && e.problem === 'malformed');
    }
    const topic = parseLink(log.texts[3] as string);
    assert.ok(topic.type === 'topic' && topic.body.topic === 'quotes " and \\ backslash, emoji 👍');
  });
});
