// Hostile text rendered by the panel's own renderer in headless Chromium (the engine VS
// Code's webviews use), layout included: every 40,000-character run of Markdown punctuation
// as a body and as code, and every short hostile string. The ceiling is the same number of
// plain messages of the same length, rendered the same way in the same page.

import { build } from 'esbuild';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { fmt, type SectionResult } from '../support/report';
import { median, percentile, ratio, round } from '../support/stats';

const ROOT = path.resolve(__dirname, '../..');
const GOAL_MS = 50;

export async function runHostileRenderBench(): Promise<SectionResult> {
  const bundle = await build({ entryPoints: [path.join(ROOT, 'test/webview/support/hostile-render-page.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body><div id="app"></div></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    // Warm up once, then the measured run.
    await page.evaluate('runHostileRenders()');
    const results = (await page.evaluate('runHostileRenders()')) as { name: string; ms: number }[];
    const sorted = [...results].sort((a, b) => b.ms - a.ms);
    const slowest = sorted[0] ?? { name: 'none', ms: Number.NaN };
    const over = sorted.filter((r) => r.ms >= GOAL_MS).length;
    const samples = results.map((r) => r.ms);
    return {
      figures: {
        hostile_render_chromium: {
          renders: results.length, p50_ms: round(median(samples), 3), p99_ms: round(percentile(samples, 99), 2),
          slowest_ms: round(slowest.ms, 2), slowest: slowest.name, over_goal: over,
        },
      },
      rows: [{
        figure: `Hostile text rendered in Chromium, slowest of ${results.length} (layout included)`,
        teamchat: fmt.ms(slowest.ms),
        ceiling: `${fmt.ms(GOAL_MS)} goal; p50 ${fmt.ms(median(samples))}`,
        ratio: fmt.ratio(ratio(slowest.ms, GOAL_MS), slowest.ms < GOAL_MS),
        goal: `every render < ${GOAL_MS} ms (${over} over): ${slowest.name}`,
      }],
      notes: [`Slowest hostile renders in Chromium: ${sorted.slice(0, 3).map((r) => `${r.name} ${fmt.ms(r.ms)}`).join('; ')}. Code over 40 lines folds behind "Show all".`],
    };
  } finally {
    await browser.close();
  }
}
