// Reading a long history is dominated by Ed25519 verification (OpenSSL: ~100 µs each on a
// small server core, against ~4 µs for the AES-GCM). This spreads the verifications over
// worker threads while this thread decodes and decrypts. The worker only needs node:crypto,
// so it runs from a source string: no bundler entry and no TypeScript loader to set up.
// It sees public keys, signatures and ciphertexts only; group keys never leave this thread.

import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ED25519_KEY_BYTES, ED25519_SIGNATURE_BYTES } from './ed25519';
import {
  decryptGroupMessages,
  decryptVerifiedBlob,
  failed,
  notSignedBy,
  readBlob,
  type GroupMessageItem,
  type GroupMessageResult,
  type ReadBlob,
} from './message';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map();
function keyFor(raw) {
  const id = raw.toString('latin1');
  if (keys.has(id)) return keys.get(id);
  let key = null;
  try { key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }); } catch {}
  if (keys.size >= 1024) keys.clear();
  keys.set(id, key);
  return key;
}
parentPort.on('message', ({ id, packed, count }) => {
  const bytes = Buffer.from(packed);
  const ok = new Uint8Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const key = keyFor(bytes.subarray(at, at + 32));
    const signature = bytes.subarray(at + 32, at + 96);
    const length = bytes.readUInt32BE(at + 96);
    const signed = bytes.subarray(at + 100, at + 100 + length);
    at += 100 + length;
    try { ok[i] = key !== null && verify(null, signed, key, signature) ? 1 : 0; } catch { ok[i] = 0; }
  }
  parentPort.postMessage({ id, ok }, [ok.buffer]);
});
`;

const CHUNK = 256;
/** Below this, starting the work on other threads costs more than it saves. */
const MIN_PARALLEL_ITEMS = 512;

type Pending = { resolve: (ok: Uint8Array) => void; reject: (error: unknown) => void; worker: number };

class VerifyPool {
  private readonly workers: Worker[] = [];
  private readonly busy: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(readonly size: number) {
    for (let w = 0; w < size; w++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      // Idle workers must not keep the extension host or a CLI alive.
      worker.unref();
      worker.on('message', ({ id, ok }: { id: number; ok: Uint8Array }) => this.settle(id, (p) => p.resolve(ok)));
      worker.on('error', (error) => this.failWorker(w, error));
      worker.on('exit', (code) => this.failWorker(w, new Error(`verification worker exited with code ${code}`)));
      this.workers.push(worker);
      this.busy.push(0);
    }
  }

  verify(w: number, packed: ArrayBuffer, count: number): Promise<Uint8Array> {
    const id = this.nextId++;
    const worker = this.workers[w] as Worker;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: w });
      if (this.busy[w]!++ === 0) worker.ref();
      worker.postMessage({ id, packed, count }, [packed]);
    });
  }

  private settle(id: number, action: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (--this.busy[p.worker]! === 0) this.workers[p.worker]?.unref();
    action(p);
  }

  private failWorker(w: number, error: unknown): void {
    if (pool === this) pool = undefined;
    for (const [id, p] of this.pending) if (p.worker === w) this.settle(id, (q) => q.reject(error));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

let pool: VerifyPool | undefined;

function poolOf(size: number): VerifyPool {
  if (!pool || pool.size !== size) {
    void pool?.close();
    pool = new VerifyPool(size);
  }
  return pool;
}

/** Stops the verification workers (they are also unref'd, so they never hold a process open). */
export async function closeVerifyPool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.close();
}

function pack(jobs: { publicKey: Uint8Array; blob: ReadBlob }[]): ArrayBuffer {
  let size = 0;
  for (const job of jobs) size += 100 + job.blob.signed.byteLength;
  const packed = new Uint8Array(size);
  const view = new DataView(packed.buffer);
  let at = 0;
  for (const { publicKey, blob } of jobs) {
    packed.set(publicKey, at);
    packed.set(blob.signature, at + 32);
    view.setUint32(at + 96, blob.signed.byteLength, false);
    packed.set(blob.signed, at + 100);
    at += 100 + blob.signed.byteLength;
  }
  return packed.buffer;
}

/**
 * Same results as decryptGroupMessages (one per item, in order, failures reported in
 * place), with the signature checks spread over `threads` worker threads.
 */
export async function decryptGroupMessagesInParallel(
  items: readonly GroupMessageItem[],
  options: { threads?: number } = {},
): Promise<GroupMessageResult[]> {
  const threads = options.threads ?? os.availableParallelism();
  if (threads < 2 || items.length < MIN_PARALLEL_ITEMS) return decryptGroupMessages(items);
  const workers = poolOf(threads);
  const results: GroupMessageResult[] = new Array(items.length);
  const batches: Promise<void>[] = [];
  for (let start = 0, batch = 0; start < items.length; start += CHUNK, batch++) {
    const jobs: { index: number; publicKey: Uint8Array; blob: ReadBlob }[] = [];
    for (let index = start; index < Math.min(start + CHUNK, items.length); index++) {
      const item = items[index] as GroupMessageItem;
      try {
        const blob = readBlob(item.encryptedBlobB64, item.ctx);
        const key = item.senderSigningPublicKey;
        if (!(key instanceof Uint8Array) || key.byteLength !== ED25519_KEY_BYTES || blob.signature.byteLength !== ED25519_SIGNATURE_BYTES) {
          results[index] = decryptGroupMessages([item])[0] as GroupMessageResult;
        } else {
          jobs.push({ index, publicKey: key, blob });
        }
      } catch (error) {
        results[index] = failed(error);
      }
    }
    if (jobs.length === 0) continue;
    batches.push(
      workers.verify(batch % workers.size, pack(jobs), jobs.length).then(
        (ok) => {
          jobs.forEach(({ index, blob }, k) => {
            const item = items[index] as GroupMessageItem;
            try {
              if (ok[k] !== 1) throw notSignedBy(item.ctx.sender);
              results[index] = { ok: true, envelope: decryptVerifiedBlob(blob, item.groupKey) };
            } catch (error) {
              results[index] = failed(error);
            }
          });
        },
        // A worker that died takes no message with it: its share is checked here instead.
        () => {
          const retried = decryptGroupMessages(jobs.map(({ index }) => items[index] as GroupMessageItem));
          jobs.forEach(({ index }, k) => (results[index] = retried[k] as GroupMessageResult));
        },
      ),
    );
  }
  await Promise.all(batches);
  return results;
}
