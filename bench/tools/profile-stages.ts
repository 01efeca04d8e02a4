// Where a request's CPU went, by stage of the request (JWT, validation, SQL, fan-out...), from a
// V8 .cpuprofile of a server process (BENCH_PROFILE_DIR). A sample counts for the stage of the
// frame nearest its leaf outside native code and Node's core, so a socket write lands in the
// stage that wrote (pg, ws, the reply).
// Usage: tsx bench/tools/profile-stages.ts <file.cpuprofile> [from-s to-s] [requests]
//   from-s, to-s: the seconds of the profile to read (see --timeline); requests: how many the
//   server answered in them, to print CPU per request.
//    or: tsx bench/tools/profile-stages.ts <file.cpuprofile> --timeline   (busy % per second)
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** First match wins, so the more specific stages come first. */
const STAGES: [stage: string, matches: RegExp][] = [
  ['JWT verify', /server\/auth\/tokens\.ts|node_modules\/(jsonwebtoken|jws|jwa)\//],
  ['security headers (helmet)', /node_modules\/(helmet|@fastify\/helmet)\/|server\/http\/security-headers\.ts/],
  ['validation (TypeBox)', /node_modules\/typebox\/|fastify\/lib\/validation\.js|server\/http\/validator-compiler\.ts/],
  ['ORM request context (em.fork)', /node_modules\/@mikro-orm\/core\//],
  ['NOTIFY publish', /server\/realtime\/event-bus\.ts/],
  ['fan-out to sockets', /server\/realtime\/hub\.ts|node_modules\/ws\//],
  ['answer: build, serialise, write', /server\/store\/(time|messages)\.ts|node_modules\/fast-json-stringify\/|fastify\/lib\/reply\.js/],
  ['SQL: knex, pg driver (send, read rows)', /node_modules\/(knex|tarn|pg|pg-protocol|pg-types|postgres-bytea|postgres-array|@mikro-orm\/knex|@mikro-orm\/postgresql)\/|server\/db\/statements\.ts|server\/store\//],
  ['HTTP parsing, routing, hooks (node, Fastify)', /./],
];

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('Usage: tsx bench/tools/profile-stages.ts <file.cpuprofile> [from-s to-s] [requests] | --timeline');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const at: number[] = [];
let clock = 0;
for (const delta of profile.timeDeltas) at.push((clock += delta));
const idle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';

if (rest[0] === '--timeline') {
  const busy = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (!idle(id)) busy.set(Math.floor(at[i]! / 1e6), (busy.get(Math.floor(at[i]! / 1e6)) ?? 0) + profile.timeDeltas[i]!);
  });
  const last = Math.floor(clock / 1e6);
  for (let s = 0; s <= last; s++) console.log(`${String(s).padStart(5)} s ${String(Math.round((busy.get(s) ?? 0) / 1e4)).padStart(3)}%`);
  process.exit(0);
}

const from = rest[0] ? Number(rest[0]) * 1e6 : 0;
const to = rest[1] ? Number(rest[1]) * 1e6 : Infinity;
const requests = rest[2] ? Number(rest[2]) : 0;
const OTHER = 'other (native, program)';
/** Native code and Node's core (sockets, streams, timers) do the work of whoever called them. */
const transparent = (url: string) => !url || /^node:(?!_http)/.test(url);
const stageOf = new Map<number, string>();
/** The stage of the frame nearest the leaf that is not native or Node's core. */
function stage(id: number): string {
  const known = stageOf.get(id);
  if (known) return known;
  const { functionName, url } = byId.get(id)!.callFrame;
  let found: string;
  if (functionName === '(garbage collector)') found = 'garbage collection';
  else if (transparent(url)) {
    const above = parent.get(id);
    found = above !== undefined ? stage(above) : OTHER;
  } else found = STAGES.find(([, matches]) => matches.test(url))?.[0] ?? STAGES[STAGES.length - 1]![0];
  stageOf.set(id, found);
  return found;
}

const totals = new Map<string, number>();
let busyUs = 0;
profile.samples.forEach((id, i) => {
  if (at[i]! < from || at[i]! > to || idle(id)) return;
  const us = profile.timeDeltas[i]!;
  busyUs += us;
  totals.set(stage(id), (totals.get(stage(id)) ?? 0) + us);
});
console.log(`${file}: ${(busyUs / 1e6).toFixed(2)} s busy${requests ? `, ${requests} requests: ${(busyUs / requests).toFixed(0)} µs each` : ''}`);
for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1])) {
  const share = `${((100 * us) / busyUs).toFixed(1).padStart(5)}%`;
  console.log(`${share}  ${requests ? `${(us / requests).toFixed(0).padStart(5)} µs  ` : ''}${name}`);
}
