import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One line of the Markdown table: a figure beside its ceiling from the same run. */
export interface Row {
  figure: string;
  teamchat: string;
  ceiling: string;
  ratio: string;
  goal: string;
}

export type Figures = Record<string, unknown>;

export interface SectionResult {
  /** Nested figures, merged into the JSON under the section's key(s). */
  figures: Figures;
  rows: Row[];
  notes?: string[];
}

export const fmt = {
  rps: (n: number) => `${Math.round(n).toLocaleString('en-US')} req/s`,
  ms: (n: number) => (n >= 100 ? `${Math.round(n).toLocaleString('en-US')} ms` : `${n.toFixed(n >= 10 ? 1 : 2)} ms`),
  ratio: (n: number, met?: boolean) => (Number.isFinite(n) ? `${n.toFixed(2)}${met === undefined ? '' : met ? ' ✅' : ' ❌'}` : 'n/a'),
};

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| Figure | TeamChat | Ceiling, same run | Ratio | Goal |', '| --- | ---: | --- | ---: | --- |'];
  for (const r of rows) lines.push(`| ${r.figure} | ${r.teamchat} | ${r.ceiling} | ${r.ratio} | ${r.goal} |`);
  return lines.join('\n');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge(target: Figures, source: Figures): Figures {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return target;
}

/** Every leaf as a dotted key ("send.rps"), for tools that want one flat map. */
export function flatten(figures: Figures, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(figures)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) flatten(value, name, out);
    else out[name] = value;
  }
  return out;
}

/** The figures nested by section, and the same leaves again as flat dotted keys under "flat". */
export function writeJson(file: string, figures: Figures): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...figures, flat: flatten(figures) }, null, 2)}\n`);
}
