// Encrypted file attachments: a 25 MiB file sent and fetched through the real server
// (client encryption and hashing, HTTP, the server's checks, PostgreSQL) beside raw `pg`
// writes and reads of the same sealed chunks into a table of the same shape, in the same
// database, in the same run, interleaved so neither gets a quieter machine.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MemorySecretStore, TeamChatClient } from '../../client';
import { DEFAULT_FILE_CHUNK_SIZE, newFileId, newFileKey, sealFileChunk } from '../../common/crypto';
import type { BenchOptions } from '../support/args';
import { createFreshDatabase } from '../support/database';
import { fmt, type SectionResult } from '../support/report';
import { median, ratio, round } from '../support/stats';
import { newJwtSecret, startTeamChatServer } from '../support/teamchat-server';

const FILE_BYTES = 25 * 1024 * 1024;
const RUNS = 5;
const GOAL = 0.25;
/** Not a secret: a bench account on a throw-away database. */
const PASSPHRASE = 'bench files: correct horse battery staple';

const mibPerS = (bytes: number, ms: number) => bytes / 1024 / 1024 / (ms / 1000);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function runFilesBench(options: BenchOptions): Promise<SectionResult> {
  const db = await createFreshDatabase(options.databaseUrl, 'files');
  const server = await startTeamChatServer({ databaseUrl: db.url, jwtSecret: newJwtSecret() }).catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  const raw = new pg.Client({ connectionString: db.url });
  let client: TeamChatClient | undefined;
  try {
    await raw.connect();
    await raw.query('CREATE TABLE bench_file_chunks (file_id varchar(32) NOT NULL, idx int NOT NULL, data bytea NOT NULL, PRIMARY KEY (file_id, idx))');
    await raw.query('ALTER TABLE bench_file_chunks ALTER COLUMN data SET STORAGE EXTERNAL');
    client = await TeamChatClient.signUp(server.baseUrl, 'filer', PASSPHRASE, new MemorySecretStore());
    const group = await client.createGroup('files bench');
    const bytes = new Uint8Array(randomBytes(FILE_BYTES));
    // The raw peer writes what the server stores: the same chunks, sealed once up front.
    const fileId = newFileId();
    const key = newFileKey();
    const chunks: Uint8Array[] = [];
    for (let at = 0, i = 0; at < FILE_BYTES; at += DEFAULT_FILE_CHUNK_SIZE, i++) {
      chunks.push(sealFileChunk(key, fileId, i, at + DEFAULT_FILE_CHUNK_SIZE >= FILE_BYTES, bytes.subarray(at, at + DEFAULT_FILE_CHUNK_SIZE)));
    }
    const samples = { up: [] as number[], down: [] as number[], rawUp: [] as number[], rawDown: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      await raw.query('TRUNCATE bench_file_chunks');
      samples.rawUp.push(await timed(async () => {
        for (const [i, chunk] of chunks.entries()) await raw.query('INSERT INTO bench_file_chunks (file_id, idx, data) VALUES ($1, $2, $3)', [fileId, i, chunk]);
      }));
      samples.rawDown.push(await timed(async () => {
        for (let i = 0; i < chunks.length; i++) await raw.query('SELECT data FROM bench_file_chunks WHERE file_id = $1 AND idx = $2', [fileId, i]);
      }));
      let msgId = '';
      samples.up.push(await timed(async () => {
        msgId = (await client!.files.send(group.id, { name: 'bench.bin', type: 'application/octet-stream', bytes })).msgId;
      }));
      samples.down.push(await timed(() => client!.files.download(group.id, msgId)));
      // Deleting the message frees the quota for the next run.
      await client.deleteMessage(group.id, msgId);
    }
    const figure = (ms: number[]) => round(mibPerS(FILE_BYTES, median(ms)));
    const up = figure(samples.up);
    const down = figure(samples.down);
    const rawUp = figure(samples.rawUp);
    const rawDown = figure(samples.rawDown);
    const upRatio = ratio(up, rawUp);
    const downRatio = ratio(down, rawDown);
    return {
      figures: {
        files: {
          file_mib: FILE_BYTES / 1024 / 1024, chunk_kib: DEFAULT_FILE_CHUNK_SIZE / 1024, runs: RUNS,
          upload_mib_s: up, download_mib_s: down, raw_pg_write_mib_s: rawUp, raw_pg_read_mib_s: rawDown,
          upload_ratio_vs_raw_pg: upRatio, download_ratio_vs_raw_pg: downRatio,
        },
      },
      rows: [
        { figure: 'File upload, 25 MiB (encrypt, HTTP, store): MiB/s', teamchat: `${up} MiB/s`, ceiling: `raw pg INSERT of the chunks ${rawUp} MiB/s`, ratio: fmt.ratio(upRatio, upRatio >= GOAL), goal: `≥ ${GOAL}` },
        { figure: 'File download, 25 MiB (stream, check, decrypt): MiB/s', teamchat: `${down} MiB/s`, ceiling: `raw pg SELECT of the chunks ${rawDown} MiB/s`, ratio: fmt.ratio(downRatio, downRatio >= GOAL), goal: `≥ ${GOAL}` },
      ],
      notes: [`Files: median of ${RUNS} interleaved runs of one 25 MiB file in ${chunks.length} chunks of ${DEFAULT_FILE_CHUNK_SIZE / 1024} KiB, one chunk at a time on both sides; TeamChat's figure includes the client's AES-GCM and SHA-256 and the message that carries the file.`],
    };
  } finally {
    await client?.disconnect();
    await raw.end().catch(() => undefined);
    await server.stop();
    await db.drop();
  }
}
