// The verifier over arbitrary logs: fast-check draws a sequence of changes (adds, removals
// with their rotations, leaves, promotions, demotions, rotations) that an honest client could
// make, builds the signed log, and checks that the honest log verifies to the membership the
// changes describe, and that any single-byte change, any reordering and any truncation below
// a verified head is caught.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertExtends, GroupLogError, verifyGroupLog } from '../../../common/group-log';
import { LogBuilder, person, type Person } from './log-builder';

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map(person);

interface Built {
  log: LogBuilder;
  members: Map<string, boolean>;
  generation: number;
}

/** Applies the drawn choices as an honest client would, skipping what the rules forbid. */
function build(choices: Array<[number, number, number]>): Built {
  const alice = PEOPLE[0] as Person;
  const log = new LogBuilder().add(alice, 'create', { name: 'drawn', member: alice.keys });
  const members = new Map<string, boolean>([['alice', true]]);
  let generation = 1;
  const byName = (name: string) => PEOPLE.find((p) => p.username === name) as Person;
  const sealedTo = () => [...members.keys()].sort();
  for (const [op, a, b] of choices) {
    const names = [...members.keys()];
    const admins = names.filter((n) => members.get(n));
    const actor = byName(admins[a % admins.length] as string);
    const outsiders = PEOPLE.filter((p) => !members.has(p.username));
    const target = names[b % names.length] as string;
    switch (op % 5) {
      case 0:
        if (outsiders.length === 0) break;
        {
          const joiner = outsiders[b % outsiders.length] as Person;
          log.add(actor, 'add', { member: joiner.keys, generations: [generation] });
          members.set(joiner.username, false);
        }
        break;
      case 1:
        if (target === actor.username || (members.get(target) && admins.length === 1)) break;
        log.add(actor, 'remove', { username: target });
        members.delete(target);
        generation += 1;
        log.add(actor, 'rotate', { generation, sealedTo: sealedTo() });
        break;
      case 2:
        if (members.get(target)) {
          if (admins.length === 1) break;
          log.add(actor, 'demote', { username: target });
          members.set(target, false);
        } else {
          log.add(actor, 'promote', { username: target });
          members.set(target, true);
        }
        break;
      case 3: {
        const leaver = byName(target);
        if (members.size === 1 || (members.get(target) && admins.length === 1)) break;
        log.add(leaver, 'leave', {});
        members.delete(target);
        generation += 1;
        log.add(byName([...members.keys()][0] as string), 'rotate', { generation, sealedTo: sealedTo() });
        break;
      }
      default:
        generation += 1;
        log.add(byName(target), 'rotate', { generation, sealedTo: sealedTo() });
    }
  }
  return { log, members, generation };
}

const changes = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 14 });

async function refused(texts: string[], groupId: string): Promise<void> {
  await assert.rejects(verifyGroupLog(groupId, texts), GroupLogError);
}

describe('group log: arbitrary logs', () => {
  it('an honest log verifies to exactly the members, admins and generation its changes made', async () => {
    await fc.assert(fc.asyncProperty(changes, async (drawn) => {
      const { log, members, generation } = build(drawn);
      const state = await verifyGroupLog(log.groupId, log.texts);
      assert.deepEqual(new Map([...state.members].map(([name, m]) => [name, m.admin])), members);
      assert.equal(state.generation, generation);
      assert.equal(state.head.hash, log.head?.hash);
    }), { numRuns: 60 });
  });

  it('any single-byte change anywhere is caught', async () => {
    await fc.assert(fc.asyncProperty(changes, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (drawn, which, at, delta) => {
      const { log } = build(drawn);
      const texts = [...log.texts];
      const index = which % texts.length;
      const bytes = Buffer.from(texts[index] as string, 'utf8');
      const i = at % bytes.length;
      bytes[i] = ((bytes[i] as number) + delta) % 256;
      const changed = bytes.toString('utf8');
      fc.pre(changed !== texts[index]);
      texts[index] = changed;
      await refused(texts, log.groupId);
    }), { numRuns: 120 });
  });

  it('any reordering is caught', async () => {
    await fc.assert(fc.asyncProperty(changes.filter((c) => c.length >= 2), fc.nat(), fc.nat(), async (drawn, x, y) => {
      const { log } = build(drawn);
      fc.pre(log.texts.length >= 2);
      const i = x % log.texts.length;
      const j = y % log.texts.length;
      fc.pre(i !== j);
      const texts = [...log.texts];
      [texts[i], texts[j]] = [texts[j] as string, texts[i] as string];
      await refused(texts, log.groupId);
    }), { numRuns: 80 });
  });

  it('any truncation below a verified head is a rollback, and any dropped link breaks the chain', async () => {
    await fc.assert(fc.asyncProperty(changes, fc.nat(), async (drawn, cut) => {
      const { log } = build(drawn);
      fc.pre(log.texts.length >= 2);
      const full = await verifyGroupLog(log.groupId, log.texts);
      const keep = 1 + (cut % (log.texts.length - 1));
      const truncated = await verifyGroupLog(log.groupId, log.texts.slice(0, keep));
      assert.throws(() => assertExtends(truncated, full.head), (e: unknown) => e instanceof GroupLogError && e.problem === 'rollback');
      await refused(log.texts.filter((_, i) => i !== keep - 1), log.groupId);
    }), { numRuns: 80 });
  });
});
