// Verifying a group's signed log: from nothing (a new device, or the CLI's first run in a
// profile) and incrementally (a client that knows a verified head checks only new links).
// The ceiling is the same signatures checked bare on the same thread pool: the cost no
// verifier can go under with Node's Ed25519.

import { randomUUID, verify } from 'node:crypto';
import { createIdentity, toBase64, type Identity } from '../../common/crypto';
import { signingPublicKeyObject } from '../../common/crypto/ed25519';
import { makeLink, parseLink, signedBytes, unsigned, verifyGroupLog, type LinkBodies, type LinkType, type LogHead } from '../../common/group-log';
import { fmt, type SectionResult } from '../support/report';
import { median, percentile, ratio, round } from '../support/stats';

const LINKS = 1000;
const RUNS = 30;
const GOAL_MS = 50;

interface Person { username: string; identity: Identity }

function keysOf(p: Person) {
  return { username: p.username, encryptionKey: toBase64(p.identity.encryptionPublicKey), signingKey: toBase64(p.identity.signingPublicKey) };
}

/** A realistic long log: people come and go, each departure rotated, admins change. */
function buildLog(): { groupId: string; texts: string[] } {
  const groupId = randomUUID();
  const alice: Person = { username: 'alice', identity: createIdentity() };
  const bob: Person = { username: 'bob', identity: createIdentity() };
  const visitors: Person[] = Array.from({ length: 8 }, (_, i) => ({ username: `visitor-${i}`, identity: createIdentity() }));
  const texts: string[] = [];
  let head: LogHead | undefined;
  let generation = 1;
  const members = new Set<string>(['alice']);
  const add = <T extends LinkType>(signer: Person, type: T, body: LinkBodies[T]) => {
    const signed = makeLink(groupId, head, type, body, { username: signer.username, signingPrivateKey: signer.identity.signingPrivateKey });
    texts.push(signed.text);
    head = { seq: signed.link.seq, hash: signed.hash };
  };
  add(alice, 'create', { name: 'long-lived', member: keysOf(alice) });
  add(alice, 'add', { member: keysOf(bob), generations: [1] });
  members.add('bob');
  add(alice, 'promote', { username: 'bob' });
  for (let i = 0; texts.length + 3 <= LINKS; i++) {
    const visitor = visitors[i % visitors.length] as Person;
    const admin = i % 2 === 0 ? alice : bob;
    add(admin, 'add', { member: keysOf(visitor), generations: [generation] });
    members.add(visitor.username);
    add(admin, 'remove', { username: visitor.username });
    members.delete(visitor.username);
    generation += 1;
    add(admin, 'rotate', { generation, sealedTo: [...members].sort() });
  }
  for (let bobIsAdmin = true; texts.length < LINKS; bobIsAdmin = !bobIsAdmin) {
    add(alice, bobIsAdmin ? 'demote' : 'promote', { username: 'bob' });
  }
  return { groupId, texts };
}

/** Signing keys by username, from the verified log. */
const keyBySigner = new Map<string, string>();

function timed(samples: number[], started: number): void {
  samples.push(performance.now() - started);
}

async function bareSignatures(texts: string[]): Promise<void> {
  const links = texts.map(parseLink);
  await Promise.all(links.map((link) => new Promise<boolean>((resolve) => {
    const key = signingPublicKeyObject(Buffer.from(keyBySigner.get(link.signer) ?? '', 'base64'));
    verify(null, signedBytes(unsigned(link)), key, Buffer.from(link.signature, 'base64'), (error, ok) => resolve(!error && ok));
  })));
}

export async function runGroupLogBench(): Promise<SectionResult> {
  const { groupId, texts } = buildLog();
  const full = await verifyGroupLog(groupId, texts);
  for (const [name, keys] of full.everyone) keyBySigner.set(name, keys.signingKey);
  const before = await verifyGroupLog(groupId, texts.slice(0, -1));
  const last = texts.slice(-1);
  const scratch: number[] = [];
  const bare: number[] = [];
  const incremental: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Interleaved, so the machine's load falls on both alike.
    let started = performance.now();
    await verifyGroupLog(groupId, texts);
    timed(scratch, started);
    started = performance.now();
    await bareSignatures(texts);
    timed(bare, started);
    started = performance.now();
    await verifyGroupLog(groupId, last, before);
    timed(incremental, started);
  }
  const p50 = median(scratch);
  const ceiling = median(bare);
  return {
    figures: {
      group_log: {
        links: LINKS,
        from_scratch_ms: { p50: round(p50), p99: round(percentile(scratch, 99)) },
        bare_signatures_ms: { p50: round(ceiling) },
        ratio_to_bare_signatures: ratio(p50, ceiling),
        incremental_one_link_ms: { p50: round(median(incremental), 3), p99: round(percentile(incremental, 99), 3) },
      },
    },
    rows: [
      {
        figure: `Group log of ${LINKS} links verified from scratch, p50`,
        teamchat: fmt.ms(p50),
        ceiling: `${fmt.ms(ceiling)} (the same ${LINKS} Ed25519 signatures, bare, same thread pool)`,
        ratio: fmt.ratio(ratio(p50, ceiling), p50 <= ceiling * 1.5),
        goal: `< ${GOAL_MS} ms ${p50 < GOAL_MS ? '✅' : '❌'}; ratio <= 1.5`,
      },
      {
        figure: 'Group log: one new link on a verified head, p50',
        teamchat: fmt.ms(median(incremental)),
        ceiling: `${fmt.ms(ceiling / LINKS)} (one bare signature)`,
        ratio: fmt.ratio(ratio(median(incremental), ceiling / LINKS)),
        goal: 'checks only the new link',
      },
    ],
  };
}
