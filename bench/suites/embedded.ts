import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchOptions } from '../support/args';
import { addMembers, createGroup, registerUser, registerUsers } from '../support/api';
import { startRawEmbeddedServer } from '../support/baseline-servers';
import { encryptedPost, seedMessages } from '../support/seed';
import { newJwtSecret, startTeamChatServer } from '../support/teamchat-server';
import { benchHistory } from '../sections/history';
import { benchSend } from '../sections/send';
import { RAW_SENDER } from '../baselines/raw-embedded-database';
import type { Recorder } from '../run';
import { profileArgs } from './postgres';

const SEND_LISTENERS = 4;
/** Seeding goes through the API at the embedded database's pace; a page's cost does not depend on the total. */
const EMBEDDED_HISTORY_MAX = 2000;

/**
 * Send and history on the embedded database (no DATABASE_URL: PGlite in the server's data
 * folder), beside the same raw route on an embedded database of its own.
 */
export async function runEmbeddedSuite(options: BenchOptions, record: Recorder): Promise<void> {
  const server = await startTeamChatServer({ jwtSecret: newJwtSecret(), nodeArgs: profileArgs('server-embedded') });
  const rawDir = mkdtempSync(path.join(os.tmpdir(), 'teamchat-bench-raw-'));
  const stops: (() => Promise<void>)[] = [() => server.stop(), async () => rmSync(rawDir, { recursive: true, force: true })];
  try {
    process.stderr.write('bench: registering users on the embedded database...\n');
    const owner = await registerUser(server.baseUrl, 'owner');
    const users = await registerUsers(server.baseUrl, 'user', options.concurrency + SEND_LISTENERS, 2);
    const blobB64 = encryptedPost({ id: randomUUID(), key: new Uint8Array(32), generation: 1 }, owner, 0).encryptedBlobB64;
    const messageCount = Math.min(options.historySize, EMBEDDED_HISTORY_MAX);
    const rawGroupId = randomUUID();
    const raw = await startRawEmbeddedServer(rawDir, rawGroupId, messageCount, Buffer.from(blobB64, 'base64').byteLength, profileArgs('raw-embedded'));
    stops.unshift(() => raw.child.stop());

    await record('embedded history', async () => {
      const group = await createGroup(server.baseUrl, owner, 'history bench');
      const senders = users.slice(0, 4);
      await addMembers(server.baseUrl, owner, group, senders);
      process.stderr.write(`bench: seeding ${messageCount} messages on the embedded database...\n`);
      await seedMessages(server.baseUrl, group, senders, messageCount);
      const result = await benchHistory({
        options, baseUrl: server.baseUrl, rawBaseUrl: raw.baseUrl, reader: owner, group, rawGroupId, messageCount, label: 'embedded', goalRatio: 0.5,
      });
      return { ...result, figures: { embedded: result.figures } };
    });
    await record('embedded send', async () => {
      const senders = users.slice(0, options.concurrency);
      const listeners = users.slice(options.concurrency, options.concurrency + SEND_LISTENERS);
      const group = await createGroup(server.baseUrl, owner, 'send bench');
      await addMembers(server.baseUrl, owner, group, [...senders, ...listeners]);
      const result = await benchSend({
        options, baseUrl: server.baseUrl, rawBaseUrl: raw.baseUrl, senders, listeners, group, rawGroupId, rawSender: RAW_SENDER,
        blobB64, withPgbench: false, label: 'embedded', goalRatio: 0.5,
      });
      return { ...result, figures: { embedded: result.figures } };
    });
  } finally {
    for (const stop of stops) await stop().catch((error: unknown) => process.stderr.write(`bench: cleanup: ${String(error)}\n`));
  }
}
