import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  GroupLogError, admins, assertExtends, canonicalJson, checkMessagePosition, holds, memberAt, parseLink, verifyGroupLog, type GroupLogProblem,
} from '../../../common/group-log';
import { LogBuilder, person, sampleLog } from './log-builder';

async function refused(promise: Promise<unknown>, problem?: GroupLogProblem, seq?: number): Promise<GroupLogError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GroupLogError, `expected a GroupLogError, got ${String(error)}`);
    if (problem) assert.equal(error.problem, problem, error.message);
    if (seq !== undefined) assert.equal(error.seq, seq, error.message);
    return error;
  }
  assert.fail('the log was accepted');
}

describe('group log: verification', () => {
  const { log, alice, bob, carol, dave } = sampleLog();

  it('an honest log gives members, admins, generation and holders from the links alone', async () => {
    const state = await verifyGroupLog(log.groupId, log.texts);
    assert.deepEqual([...state.members.keys()].sort(), ['alice', 'bob', 'dave']);
    assert.deepEqual(admins(state), ['alice', 'bob']);
    assert.equal(state.generation, 2);
    assert.equal(state.pendingRotation, false);
    assert.equal(state.head.seq, 7);
    assert.equal(state.head.hash, log.head?.hash);
    assert.ok(holds(state, 'dave', 1) && holds(state, 'dave', 2));
    assert.ok(holds(state, 'carol', 1) && !holds(state, 'carol', 2));
    assert.ok(memberAt(state, 'carol', 4) && !memberAt(state, 'carol', 5));
    assert.equal(state.members.get('dave')?.signingKey, dave.keys.signingKey);
    assert.deepEqual(state.entries.map((e) => e.type), ['create', 'add', 'add', 'promote', 'remove', 'rotate', 'add']);
  });

  it('verifies incrementally from a verified state, leaving that state untouched', async () => {
    const first = await verifyGroupLog(log.groupId, log.texts.slice(0, 4));
    const rest = await verifyGroupLog(log.groupId, log.texts.slice(4), first);
    assert.equal(first.head.seq, 4);
    assert.equal(rest.head.seq, 7);
    assert.ok(first.members.has('carol') && !rest.members.has('carol'));
    await refused(verifyGroupLog(log.groupId, log.texts.slice(5), first), 'bad-seq', 6);
  });

  it('refuses a log of another group', async () => {
    await refused(verifyGroupLog('00000000-0000-4000-8000-000000000000', log.texts), 'wrong-group', 1);
  });

  it('any single-byte change to any link is caught', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: log.texts.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (index, at, delta) => {
        const text = log.texts[index] as string;
        const bytes = Buffer.from(text, 'utf8');
        const i = at % bytes.length;
        bytes[i] = (bytes[i] as number + delta) % 256;
        const texts = [...log.texts];
        texts[index] = bytes.toString('utf8');
        if (texts[index] === text) return; // an invalid UTF-8 byte decoded back to the same text
        await refused(verifyGroupLog(log.groupId, texts));
      }),
      { numRuns: 150 },
    );
  });

  it('any reordering is caught', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(log.texts.map((_, i) => i), { minLength: log.texts.length }), async (order) => {
        if (order.every((v, i) => v === i)) return;
        await refused(verifyGroupLog(log.groupId, order.map((i) => log.texts[i] as string)));
      }),
      { numRuns: 100 },
    );
  });

  it('any dropped link is caught, and any truncation below a verified head is a rollback', async () => {
    const full = await verifyGroupLog(log.groupId, log.texts);
    for (let drop = 0; drop < log.texts.length - 1; drop++) {
      await refused(verifyGroupLog(log.groupId, log.texts.filter((_, i) => i !== drop)));
    }
    for (let keep = 1; keep < log.texts.length; keep++) {
      const truncated = await verifyGroupLog(log.groupId, log.texts.slice(0, keep));
      assert.throws(() => assertExtends(truncated, full.head), (e: unknown) => e instanceof GroupLogError && e.problem === 'rollback');
    }
    assertExtends(full, full.head);
  });

  it('a rewritten history with the same length is a fork of the verified head', async () => {
    const full = await verifyGroupLog(log.groupId, log.texts);
    const rewritten = new LogBuilder(log.groupId)
      .add(alice, 'create', { name: 'launch', member: alice.keys })
      .add(alice, 'add', { member: bob.keys, generations: [1] })
      .add(alice, 'add', { member: carol.keys, generations: [1] })
      .add(alice, 'promote', { username: 'carol' })
      .add(alice, 'promote', { username: 'bob' })
      .add(alice, 'demote', { username: 'alice' })
      .add(bob, 'add', { member: dave.keys, generations: [1] });
    const other = await verifyGroupLog(log.groupId, rewritten.texts);
    assert.throws(() => assertExtends(other, full.head), (e: unknown) => e instanceof GroupLogError && e.problem === 'fork');
  });

  it('a link signed with another key is a bad signature', async () => {
    const mallory = person('mallory');
    const forged = new LogBuilder(log.groupId);
    forged.texts.push(...log.texts);
    forged.head = log.head;
    // mallory signs as alice: the signer field says alice, the key is mallory's.
    forged.add({ ...mallory, username: 'alice' }, 'add', { member: mallory.keys, generations: [2] });
    await refused(verifyGroupLog(log.groupId, forged.texts), 'bad-signature', 8);
  });

  describe('rights', () => {
    const cases: Array<[string, (b: LogBuilder) => LogBuilder, number]> = [
      ['a non-member adds someone (a ghost)', (b) => b.add(person('ghost'), 'add', { member: person('ghost').keys, generations: [2] }), 8],
      ['a member who is not admin adds someone', (b) => b.add(dave, 'add', { member: carol.keys, generations: [2] }), 8],
      ['a non-admin removes someone', (b) => b.add(dave, 'remove', { username: 'bob' }), 8],
      ['a non-admin promotes themselves', (b) => b.add(dave, 'promote', { username: 'dave' }), 8],
      ['a removed member rotates the key', (b) => b.add(carol, 'rotate', { generation: 3, sealedTo: ['alice', 'bob', 'carol', 'dave'] }), 8],
      ['a rotation skips a generation', (b) => b.add(alice, 'rotate', { generation: 4, sealedTo: ['alice', 'bob', 'dave'] }), 8],
      ['a rotation seals to a ghost too', (b) => b.add(alice, 'rotate', { generation: 3, sealedTo: ['alice', 'bob', 'dave', 'ghost'] }), 8],
      ['a rotation leaves a member out', (b) => b.add(alice, 'rotate', { generation: 3, sealedTo: ['alice', 'bob'] }), 8],
      ['a removal is not followed by a rotation', (b) => b.add(alice, 'remove', { username: 'dave' }).add(alice, 'promote', { username: 'dave' }), 9],
      ['an add shares a generation its signer never held', (b) => b.add(alice, 'rotate', { generation: 3, sealedTo: ['alice', 'bob', 'dave'] }).add(dave, 'leave', {}).add(alice, 'rotate', { generation: 4, sealedTo: ['alice', 'bob'] }).add(bob, 'add', { member: carol.keys, generations: [4, 5] }), 11],
      ['the last admins demote themselves', (b) => b.add(alice, 'demote', { username: 'bob' }).add(alice, 'demote', { username: 'alice' }), 9],
      ['a second create', (b) => b.add(alice, 'create', { name: 'again', member: alice.keys }), 8],
      ['anything after delete', (b) => b.add(alice, 'delete', {}).add(alice, 'promote', { username: 'dave' }), 9],
    ];
    for (const [what, extend, seq] of cases) {
      it(`refuses: ${what}`, async () => {
        const b = new LogBuilder(log.groupId);
        b.texts.push(...log.texts);
        b.head = log.head;
        await refused(verifyGroupLog(log.groupId, extend(b).texts), 'not-allowed', seq);
      });
    }

    it('a log must begin with create or start, by its signer', async () => {
      const b = new LogBuilder().add(alice, 'create', { name: 'x', member: bob.keys });
      await refused(verifyGroupLog(b.groupId, b.texts), 'not-allowed', 1);
      const s = new LogBuilder().add(dave, 'start', { name: 'x', generation: 3, members: [{ ...alice.keys, admin: true }, { ...dave.keys, admin: false }] });
      await refused(verifyGroupLog(s.groupId, s.texts), 'not-allowed', 1);
    });

    it('leave needs no admin, and a start keeps the generation it names', async () => {
      const s = new LogBuilder()
        .add(alice, 'start', { name: 'old', generation: 3, members: [{ ...alice.keys, admin: true }, { ...bob.keys, admin: false }] })
        .add(bob, 'leave', {})
        .add(alice, 'rotate', { generation: 4, sealedTo: ['alice'] });
      const state = await verifyGroupLog(s.groupId, s.texts);
      assert.equal(state.origin, 'start');
      assert.equal(state.generation, 4);
      assert.deepEqual([...state.members.keys()], ['alice']);
    });
  });

  describe('links', () => {
    it('are one canonical encoding: the same link re-encoded another way is refused', () => {
      const text = log.texts[1] as string;
      const spaced = JSON.stringify(JSON.parse(text), null, 1);
      assert.throws(() => parseLink(spaced), (e: unknown) => e instanceof GroupLogError && e.problem === 'malformed');
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const reordered = JSON.stringify({ signature: parsed.signature, ...parsed });
      assert.notEqual(reordered, text);
      assert.throws(() => parseLink(reordered), GroupLogError);
      assert.equal(canonicalJson(parseLink(text)), text);
    });

    it('base64 is one spelling too: a signature or key whose spare bits are set decodes to the same bytes and is refused', () => {
      const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      // The same bytes, spelled with the spare bits of the last character set (Node decodes both alike).
      const respell = (b64: string, spareBits: number) => {
        const at = b64.search(/=*$/) - 1;
        const other = B64[B64.indexOf(b64[at] as string) | ((1 << spareBits) - 1)] as string;
        assert.deepEqual(Buffer.from(b64.slice(0, at) + other + b64.slice(at + 1), 'base64'), Buffer.from(b64, 'base64'));
        return b64.slice(0, at) + other + b64.slice(at + 1);
      };
      const parsed = JSON.parse(log.texts[1] as string) as { signature: string; body: { member: { signingKey: string } } };
      const signature = respell(parsed.signature, 4);
      assert.throws(() => parseLink(canonicalJson({ ...parsed, signature })), (e: unknown) => e instanceof GroupLogError && e.problem === 'malformed');
      const member = { ...parsed.body.member, signingKey: respell(parsed.body.member.signingKey, 2) };
      assert.throws(() => parseLink(canonicalJson({ ...parsed, body: { ...parsed.body, member } })), (e: unknown) => e instanceof GroupLogError && e.problem === 'malformed');
    });

    it('an unknown field, a null or a float is refused', () => {
      const parsed = JSON.parse(log.texts[1] as string) as Record<string, unknown>;
      assert.throws(() => parseLink(canonicalJson({ ...parsed, extra: 'x' })), GroupLogError);
      assert.throws(() => parseLink(JSON.stringify({ ...parsed, seq: null })), GroupLogError);
      assert.throws(() => parseLink(JSON.stringify({ ...parsed, seq: 2.5 })), GroupLogError);
      assert.throws(() => parseLink(canonicalJson({ ...parsed, v: 2 })), (e: unknown) => e instanceof GroupLogError && e.problem === 'unsupported-version');
    });

    it('a group name with control or bidi characters is refused, as the server refuses it', async () => {
      for (const name of ['launch\u202Egnp.exe', 'a\nb', '\u0000', ' ']) {
        const b = new LogBuilder().add(alice, 'create', { name, member: alice.keys });
        await refused(verifyGroupLog(b.groupId, b.texts), 'malformed', 1);
      }
    });

    it('prototype keys in a link are data, not a way in', () => {
      const hostile = `{"__proto__":{"admin":true},${(log.texts[1] as string).slice(1)}`;
      assert.throws(() => parseLink(hostile), GroupLogError);
      assert.equal(({} as Record<string, unknown>).admin, undefined);
    });
  });

  describe('message positions', () => {
    it('a message naming a position in our log, by a member, under that generation, is fine', async () => {
      const state = await verifyGroupLog(log.groupId, log.texts);
      assert.equal(checkMessagePosition(state, { sender: 'dave', generation: 2, log: state.head }), undefined);
      assert.equal(checkMessagePosition(state, { sender: 'carol', generation: 1, log: { seq: 4, hash: state.hashes[3] as string } }), undefined);
    });

    it('names the problem otherwise', async () => {
      const state = await verifyGroupLog(log.groupId, log.texts);
      const at = (seq: number) => ({ seq, hash: state.hashes[seq - 1] as string });
      assert.equal(checkMessagePosition(state, { sender: 'carol', generation: 2, log: at(6) })?.problem, 'not-a-member');
      assert.equal(checkMessagePosition(state, { sender: 'alice', generation: 1, log: at(6) })?.problem, 'wrong-generation');
      assert.equal(checkMessagePosition(state, { sender: 'alice', generation: 1, log: at(5) })?.problem, 'unrotated');
      assert.equal(checkMessagePosition(state, { sender: 'alice', generation: 2, log: { seq: 6, hash: 'f'.repeat(64) } })?.problem, 'fork');
      assert.equal(checkMessagePosition(state, { sender: 'alice', generation: 2, log: { seq: 9, hash: 'f'.repeat(64) } })?.problem, 'fork');
      assert.equal(checkMessagePosition(state, { sender: 'alice', generation: 2 })?.problem, 'unbound');
    });
  });
});
