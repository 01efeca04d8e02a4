// `npm run bench [-- --json <file>]`: TeamChat's figures beside ceilings measured in the
// same run on the same machine, printed as a Markdown table. See --help.
import os from 'node:os';
import path from 'node:path';
import { readBenchOptions, UsageError, USAGE, type BenchOptions, type Section } from './support/args';
import { deepMerge, markdownTable, writeJson, type Figures, type Row, type SectionResult } from './support/report';
import { stopAllChildren } from './support/processes';
import { runPostgresSuite } from './suites/postgres';
import { runEmbeddedSuite } from './suites/embedded';
import { runGroupLogBench } from './sections/group-log';
import { runHostileRenderBench } from './sections/hostile-render';
import { runFilesBench } from './sections/files';
import { runSearchBench } from './sections/search';
import { runPeersBench } from './sections/peers';
import { runScaleBench } from './sections/scale';

interface Collected {
  figures: Figures;
  rows: Row[];
  notes: string[];
  failures: string[];
}

export type Recorder = (section: string, work: () => Promise<SectionResult>) => Promise<void>;

function recorder(collected: Collected): Recorder {
  return async (section, work) => {
    const started = Date.now();
    process.stderr.write(`bench: ${section}...\n`);
    try {
      const result = await work();
      deepMerge(collected.figures, result.figures);
      collected.rows.push(...result.rows);
      collected.notes.push(...(result.notes ?? []));
      process.stderr.write(`bench: ${section} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      collected.failures.push(`${section}: ${message.split('\n').slice(0, 3).join(' / ')}`);
      process.stderr.write(`bench: ${section} FAILED: ${message}\n`);
    }
  };
}

function machine(options: BenchOptions) {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    load_average_at_start: os.loadavg().map((n) => Math.round(n * 100) / 100),
    duration_s: options.durationS,
    warmup_s: options.warmupS,
    slice_s: options.sliceS,
    concurrency: options.concurrency,
    started_at: new Date().toISOString(),
  };
}

async function main(): Promise<number> {
  let options: BenchOptions | null;
  try {
    options = readBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  const collected: Collected = { figures: { meta: machine(options) }, rows: [], notes: [], failures: [] };
  const record = recorder(collected);
  const { sections } = options;
  // A suite that cannot start (a server that never answers) is reported with the others' figures.
  const suite = async (name: string, run: () => Promise<void>) => {
    await run().catch((error: unknown) => {
      collected.failures.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      process.stderr.write(`bench: ${name} FAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    });
  };
  if (['send', 'history', 'fanout', 'client', 'signin', 'threads'].some((name) => sections.has(name as Section))) await suite('postgres', () => runPostgresSuite(options, record));
  if (sections.has('embedded')) await suite('embedded', () => runEmbeddedSuite(options, record));
  if (sections.has('grouplog')) await record('grouplog', runGroupLogBench);
  if (sections.has('render')) await record('render', runHostileRenderBench);
  if (sections.has('files')) await record('files', () => runFilesBench(options));
  if (sections.has('search')) await record('search', runSearchBench);
  if (sections.has('peers')) await record('peers', () => runPeersBench(options));
  if (sections.has('scale')) await record('scale', () => runScaleBench(options));

  const meta = collected.figures.meta as Record<string, unknown>;
  meta.load_average_at_end = os.loadavg().map((n) => Math.round(n * 100) / 100);
  meta.finished_at = new Date().toISOString();
  const lines = [markdownTable(collected.rows)];
  if (collected.notes.length) lines.push('', ...collected.notes.map((n) => `- ${n}`));
  if (collected.failures.length) lines.push('', 'Sections that failed:', ...collected.failures.map((f) => `- ${f}`));
  console.log(lines.join('\n'));
  if (options.jsonFile) {
    if (collected.failures.length) collected.figures.failures = collected.failures;
    writeJson(path.resolve(options.jsonFile), collected.figures);
    process.stderr.write(`bench: figures written to ${options.jsonFile}\n`);
  }
  return collected.failures.length ? 1 : 0;
}

const stopOnSignal = () => {
  void stopAllChildren().finally(() => process.exit(130));
};
process.on('SIGINT', stopOnSignal);
process.on('SIGTERM', stopOnSignal);

main().then(
  async (code) => {
    await stopAllChildren();
    process.exit(code);
  },
  async (error: unknown) => {
    console.error(error);
    await stopAllChildren();
    process.exit(1);
  },
);
