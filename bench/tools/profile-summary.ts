// Summarises a V8 .cpuprofile (node --cpu-prof; BENCH_PROFILE_DIR=<dir> npm run bench makes
// them for the server processes): where the samples landed, by function and by package.
// Usage: tsx bench/tools/profile-summary.ts <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topText] = process.argv.slice(2);
if (!file) {
  console.error('Usage: tsx bench/tools/profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topText ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(url: string): string {
  if (!url) return '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1] as string;
  const own = /\/work\/(?:main|wt-[^/]+)\/(.+)$/.exec(url);
  if (own) return own[1] as string;
  return url.startsWith('node:') ? url : url.replace(/^file:\/\//, '');
}

const fnSelf = new Map<string, number>();
const pkgSelf = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id) as ProfileNode;
  const name = `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  fnSelf.set(name, (fnSelf.get(name) ?? 0) + us);
  const pkg = where(n.callFrame.url);
  pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + us);
}

// Inclusive time per package: a sample counts once for every package on its stack.
const pkgTotal = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const pkg = where((byId.get(at) as ProfileNode).callFrame.url);
    if (seen.has(pkg)) continue;
    seen.add(pkg);
    pkgTotal.set(pkg, (pkgTotal.get(pkg) ?? 0) + us);
  }
}

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${name}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
show('Self time by function', fnSelf);
show('Self time by package/file', pkgSelf);
show('Inclusive time by package/file', pkgTotal);
