// A child process that posts messages at a steady rate, round-robin over groups, as one
// member who is in all of them. A post that fails (the server is down, restarting, or
// answers 5xx) is retried with the same msgId until the server acknowledges it (201, or 200
// for a msgId it stored already): only an acknowledged message counts as sent.
import http from 'node:http';
import { clockedMsgId } from './msg-clock';

export interface PostCommand {
  type: 'post';
  /** Base URLs; post n goes to urls[n % urls.length]. */
  urls: string[];
  token: string;
  groups: string[];
  perSecond: number;
  seconds: number;
  tag: string;
  blobB64: string;
}

export interface PostReport {
  type: 'posted';
  acknowledged: number;
  retries: number;
  /** Posts the run gave up on (none while retrying: it waits for them). */
  lost: number;
  /** Per group, the highest seq the server acknowledged. */
  heads: Record<string, number>;
  /** Post answer times (ms), acknowledged ones only. */
  answerMs: number[];
}

const MAX_IN_FLIGHT = 512;
const RETRY_MS = 250;
// A restart on a loaded machine took 95 to 177 s here; a sender keeps trying longer than that.
const GIVE_UP_MS = 600_000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let counter = 0;

function postOnce(base: string, path: string, token: string, body: string): Promise<{ status: number; seq?: number }> {
  const url = new URL(base);
  return new Promise((resolve) => {
    const req = http.request({
      agent, host: url.hostname, port: url.port, method: 'POST', path,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let seq: number | undefined;
        try {
          seq = (JSON.parse(Buffer.concat(chunks).toString()) as { seq?: number }).seq;
        } catch {
          // not JSON: a proxy's or a dying server's answer
        }
        resolve({ status: res.statusCode ?? 0, seq });
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve({ status: 0 }));
    req.end(body);
  });
}

async function run(command: PostCommand): Promise<PostReport> {
  const report: PostReport = { type: 'posted', acknowledged: 0, retries: 0, lost: 0, heads: {}, answerMs: [] };
  const total = Math.round(command.perSecond * command.seconds);
  const intervalMs = 1000 / command.perSecond;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let n = 0; n < total; n++) {
    const dueAt = started + n * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const group = command.groups[n % command.groups.length] as string;
    const base = command.urls[n % command.urls.length] as string;
    const body = JSON.stringify({ msgId: clockedMsgId(command.tag, counter++), generation: 1, encryptedBlobB64: command.blobB64 });
    const firstAt = performance.now();
    const job = (async () => {
      for (;;) {
        const t0 = performance.now();
        const { status, seq } = await postOnce(base, `/api/groups/${group}/messages`, command.token, body);
        if ((status === 201 || status === 200) && typeof seq === 'number') {
          report.acknowledged += 1;
          report.answerMs.push(Math.round((performance.now() - t0) * 100) / 100);
          report.heads[group] = Math.max(report.heads[group] ?? 0, seq);
          return;
        }
        if (performance.now() - firstAt > GIVE_UP_MS) {
          report.lost += 1;
          return;
        }
        report.retries += 1;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    })();
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  }
  await Promise.all(inFlight);
  return report;
}

process.on('message', (command: PostCommand) => {
  void run(command).then((report) => process.send?.(report));
});
process.on('disconnect', () => process.exit(0));
