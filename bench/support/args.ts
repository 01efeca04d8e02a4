import { parseArgs } from 'node:util';

export const SECTIONS = ['send', 'history', 'fanout', 'client', 'signin', 'embedded', 'grouplog', 'render', 'files', 'threads', 'search', 'peers', 'scale'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** Where to write the figures as JSON, besides the Markdown table on stdout. */
  jsonFile?: string;
  durationS: number;
  warmupS: number;
  /** TeamChat and its ceilings take turns in slices this long (seconds). */
  sliceS: number;
  concurrency: number;
  subscribers: number;
  fanoutMessages: number;
  historySize: number;
  /** Peer section: ejabberd/TeamChat pairs, and the signed-in ejabberd sessions whose memory is measured. */
  peerPairs: number;
  peerClients: number;
  /** Signed-in event sockets in the scale section. */
  scaleClients: number;
  sections: Set<Section>;
  databaseUrl: string;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: npm run bench -- [options]

  --json <file>          also write the figures as JSON to <file>
  --duration <s>         seconds per load run (default 15)
  --warmup <s>           seconds of load before measuring (default 2)
  --slice <s>            TeamChat and its ceiling take turns in slices this long (default 1)
  --concurrency <n>      concurrent senders/readers (default 32)
  --subscribers <n>      WebSocket subscribers in the fan-out group (default 200)
  --fanout-messages <n>  messages timed in the fan-out runs (default 500)
  --history-size <n>     messages in the group the client opens (default 10000)
  --peer-pairs <n>       peers: ejabberd/TeamChat pairs, alternated (default 5); --duration is split over them
  --peer-clients <n>     peers: signed-in ejabberd sessions for memory per client (default 2000; the issue's 10000)
  --scale-clients <n>    signed-in event sockets in the scale section (default 10000)
  --only <a,b,...>       run only these sections: ${SECTIONS.join(', ')}
  --skip <a,b,...>       skip these sections

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
names the PostgreSQL on which a fresh database is made and dropped for each run.`;

function positive(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${what} must be a positive number, not "${text}".`);
  return value;
}

function sectionList(text: string, flag: string): Section[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(SECTIONS as readonly string[]).includes(name)) throw new UsageError(`--${flag}: unknown section "${name}"; the sections are ${SECTIONS.join(', ')}.`);
  }
  return names as Section[];
}

/** Returns null when --help was asked for. */
export function readBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'string' }, duration: { type: 'string' }, warmup: { type: 'string' }, slice: { type: 'string' },
        concurrency: { type: 'string' }, subscribers: { type: 'string' }, 'fanout-messages': { type: 'string' },
        'history-size': { type: 'string' }, 'peer-pairs': { type: 'string' }, 'peer-clients': { type: 'string' }, 'scale-clients': { type: 'string' }, only: { type: 'string' }, skip: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; run with --help for the options.`);
  }
  if (values.help) return null;
  const sections = new Set<Section>(values.only ? sectionList(values.only, 'only') : SECTIONS);
  if (values.skip) for (const name of sectionList(values.skip, 'skip')) sections.delete(name);
  return {
    jsonFile: values.json,
    durationS: positive(values.duration, 15, 'duration'),
    warmupS: values.warmup === '0' ? 0 : positive(values.warmup, 2, 'warmup'),
    sliceS: positive(values.slice, 1, 'slice'),
    concurrency: Math.round(positive(values.concurrency, 32, 'concurrency')),
    subscribers: Math.round(positive(values.subscribers, 200, 'subscribers')),
    fanoutMessages: Math.round(positive(values['fanout-messages'], 500, 'fanout-messages')),
    historySize: Math.round(positive(values['history-size'], 10_000, 'history-size')),
    peerPairs: Math.round(positive(values['peer-pairs'], 5, 'peer-pairs')),
    peerClients: Math.round(positive(values['peer-clients'], 2000, 'peer-clients')),
    scaleClients: Math.round(positive(values['scale-clients'], 10_000, 'scale-clients')),
    sections,
    databaseUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}
