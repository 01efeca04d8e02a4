// `npm run bench:crypto`: what each step of the protocol costs on this machine, as a
// Markdown table. Every figure is the median of several timed rounds after a warm-up.

import { createDecipheriv } from 'node:crypto';
import os from 'node:os';
import {
  closeVerifyPool,
  createIdentity,
  decryptGroupMessage,
  decryptGroupMessages,
  decryptGroupMessagesInParallel,
  deriveAccountKeys,
  encryptGroupMessage,
  generateGroupKey,
  newKdfParams,
  newMsgId,
  openGroupKey,
  sealGroupKeyFor,
  type MessageContext,
  type MessageEnvelope,
} from '../common/crypto';
import { fromBase64 } from '../common/crypto/bytes';

interface Row {
  operation: string;
  microsPerOp: number;
  note?: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** CPU time of the last measure() call, all threads of the process, µs per operation (median). */
let lastCpuMicros = 0;

async function measure(rounds: number, opsPerRound: number, op: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(opsPerRound, 50); i++) await op(i);
  const perOp: number[] = [];
  const cpuPerOp: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < opsPerRound; i++) await op(i);
    perOp.push(Number(process.hrtime.bigint() - start) / 1000 / opsPerRound);
    const used = process.cpuUsage(cpu);
    cpuPerOp.push((used.user + used.system) / opsPerRound);
  }
  lastCpuMicros = median(cpuPerOp);
  return median(perOp);
}

/** Same as measure, for synchronous work: no await between operations. */
function measureSync(rounds: number, opsPerRound: number, op: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(opsPerRound, 200); i++) op(i);
  const perOp: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < opsPerRound; i++) op(i);
    perOp.push(Number(process.hrtime.bigint() - start) / 1000 / opsPerRound);
  }
  return median(perOp);
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const alice = createIdentity();
  const bob = createIdentity();
  const groupKey = generateGroupKey();
  const groupId = '3b241101-e2bb-4255-8caf-4136c566a962';

  const kdf = newKdfParams();
  rows.push({
    operation: 'Argon2id + HKDF: derive authKey and kek (once per sign-in)',
    microsPerOp: await measure(5, 1, () => deriveAccountKeys('correct horse battery staple', kdf)),
    note: `t=${kdf.iterations}, m=${kdf.memoryKiB / 1024} MiB, p=${kdf.parallelism}`,
  });

  const sealCtx = { groupId, generation: 1 };
  const member = { username: 'bob', encryptionPublicKey: bob.encryptionPublicKey };
  rows.push({
    operation: 'seal a group key for one member (HPKE + Ed25519 sign)',
    microsPerOp: await measure(7, 40, () => sealGroupKeyFor(member, groupKey, sealCtx, alice.signingPrivateKey)),
  });
  const sealed = await sealGroupKeyFor(member, groupKey, sealCtx, alice.signingPrivateKey);
  rows.push({
    operation: 'open a sealed group key (Ed25519 verify + HPKE)',
    microsPerOp: await measure(7, 40, () => openGroupKey(sealed, { ...sealCtx, username: 'bob' }, bob, alice.signingPublicKey)),
  });

  const envelope: MessageEnvelope = { v: 1, kind: 'text', body: 'x'.repeat(1024), sentAt: new Date().toISOString() };
  const ctx: MessageContext = { groupId, generation: 1, sender: 'alice', msgId: newMsgId() };
  rows.push({
    operation: 'encrypt + sign a 1 KiB message',
    microsPerOp: measureSync(9, 2000, () => encryptGroupMessage(envelope, ctx, groupKey, alice.signingPrivateKey)),
  });
  const blob = encryptGroupMessage(envelope, ctx, groupKey, alice.signingPrivateKey);
  const decryptMicros = measureSync(9, 2000, () => decryptGroupMessage(blob, ctx, groupKey, alice.signingPublicKey));
  rows.push({ operation: 'verify + decrypt a 1 KiB message', microsPerOp: decryptMicros });

  const bytes = fromBase64(blob, 'blob');
  const nonce = bytes.subarray(1, 13);
  const sealedBody = bytes.subarray(13, bytes.byteLength - 64 - 16);
  const tag = bytes.subarray(bytes.byteLength - 64 - 16, bytes.byteLength - 64);
  const aad = Buffer.from(`teamchat/v1/msg|${ctx.groupId}|${ctx.generation}|${ctx.sender}|${ctx.msgId}`);
  const rawMicros = measureSync(9, 5000, () => {
    const decipher = createDecipheriv('aes-256-gcm', groupKey, nonce);
    decipher.setAuthTag(tag);
    decipher.setAAD(aad);
    decipher.update(sealedBody);
    return decipher.final();
  });
  rows.push({ operation: 'baseline: raw AES-256-GCM decrypt of the same bytes', microsPerOp: rawMicros });

  const history = Array.from({ length: 10_000 }, () => {
    const c = { ...ctx, msgId: newMsgId() };
    return { encryptedBlobB64: encryptGroupMessage(envelope, c, groupKey, alice.signingPrivateKey), ctx: c, groupKey, senderSigningPublicKey: alice.signingPublicKey };
  });
  const batchMicros = await measure(3, 1, () => decryptGroupMessages(history));
  rows.push({
    operation: 'decryptGroupMessages: 10,000 × 1 KiB messages, one thread',
    microsPerOp: batchMicros,
    note: `${(batchMicros / 1000).toFixed(0)} ms for the page (CPU ${(lastCpuMicros / 1000).toFixed(0)} ms)`,
  });
  const threads = os.availableParallelism();
  const parallelMicros = await measure(5, 1, () => decryptGroupMessagesInParallel(history, { threads }));
  rows.push({
    operation: `decryptGroupMessagesInParallel: 10,000 × 1 KiB messages, ${threads} verify workers`,
    microsPerOp: parallelMicros,
    note: `${(parallelMicros / 1000).toFixed(0)} ms for the page (CPU ${(lastCpuMicros / 1000).toFixed(0)} ms, all threads)`,
  });
  await closeVerifyPool();

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`## TeamChat crypto costs\n`);
  console.log(`Node ${process.version}, ${os.cpus().length} × ${cpu}, load average ${load} at the end. Median of several rounds.\n`);
  console.log('| operation | µs/op | ops/s | × raw AES-GCM | note |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const row of rows) {
    const ops = 1e6 / row.microsPerOp;
    const ratio = (row.microsPerOp / rawMicros).toFixed(1);
    console.log(`| ${row.operation} | ${row.microsPerOp.toFixed(1)} | ${ops >= 100 ? ops.toFixed(0) : ops.toFixed(2)} | ${ratio} | ${row.note ?? ''} |`);
  }
  console.log(`\nverify + decrypt costs ${(decryptMicros / rawMicros).toFixed(1)}× raw AES-256-GCM on the same bytes (the Ed25519 verification is most of it).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
