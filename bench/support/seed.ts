import http from 'node:http';
import { encryptGroupMessage, newMsgId } from '../../common/crypto';
import { inLanes, SetupError, type BenchGroup, type BenchUser } from './api';

/** A text about as long as a typical chat line, so blobs have a realistic size. */
export function sampleText(n: number): string {
  return `Message ${n}: the build on main is green again; the flaky test was the clock in the retry helper.`;
}

/** A real encrypted and signed message, as the client would post it. */
export function encryptedPost(group: BenchGroup, sender: BenchUser, n: number): { msgId: string; generation: number; encryptedBlobB64: string } {
  const msgId = newMsgId();
  const encryptedBlobB64 = encryptGroupMessage(
    { v: 1, kind: 'text', body: sampleText(n), sentAt: new Date().toISOString() },
    { groupId: group.id, generation: group.generation, sender: sender.username, msgId },
    group.key, sender.identity.signingPrivateKey,
  );
  return { msgId, generation: group.generation, encryptedBlobB64 };
}

/** Fills a group with `count` real messages through the API, senders taking turns; `extra` adds fields to message n's body (a thread tag). */
export async function seedMessages(
  baseUrl: string, group: BenchGroup, senders: readonly BenchUser[], count: number, width = 8, extra: (n: number) => Record<string, unknown> = () => ({}),
): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: width });
  const url = new URL(baseUrl);
  try {
    await inLanes(Array.from({ length: count }, (_, i) => i), width, (n) => new Promise<void>((resolve, reject) => {
      const sender = senders[n % senders.length] as BenchUser;
      const body = JSON.stringify({ ...encryptedPost(group, sender, n), ...extra(n) });
      const req = http.request({
        agent, host: url.hostname, port: url.port, method: 'POST', path: `/api/groups/${group.id}/messages`,
        headers: { authorization: `Bearer ${sender.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new SetupError(`Seeding message ${n} answered ${res.statusCode}.`))));
      });
      req.on('error', reject);
      req.end(body);
    }));
  } finally {
    agent.destroy();
  }
}
