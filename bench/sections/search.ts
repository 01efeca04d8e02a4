// Search over 100,000 messages on one device: indexing them as history pages arrive, the
// sealed index's size, saving and loading it, and queries of several shapes. The peer is bare
// MiniSearch on the same texts in the same run (default tokenizer, no stored fields, no
// filters, no excerpts, no encryption): what TeamChat adds on top of the library it uses.

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { Timelines } from '../../client/messages/timelines';
import { MessageSearch } from '../../client/search/message-search';
import { chatCorpus, CORPUS_GROUPS, CORPUS_SENDERS } from '../support/chat-corpus';
import { fmt, type Row, type SectionResult } from '../support/report';
import { median, percentile, ratio, round } from '../support/stats';

const MESSAGES = 100_000;
const PAGE = 200;
const QUERIES_PER_SHAPE = 150;
const GOAL_MS = 100;
const OWNER = { server: 'http://bench.invalid', username: 'bench', identity: { signingPrivateKey: new Uint8Array(32).fill(7) } };

interface Shape {
  name: string;
  /** TeamChat's query text, and the words bare MiniSearch gets. */
  make(word: string, other: string, i: number): { ours: string; bare: string; prefix?: boolean };
}

const SHAPES: Shape[] = [
  { name: 'one word', make: (w) => ({ ours: `${w} `, bare: w }) },
  { name: 'two words', make: (w, o) => ({ ours: `${w} ${o} `, bare: `${w} ${o}` }) },
  { name: 'from: + word', make: (w, _o, i) => ({ ours: `from:${CORPUS_SENDERS[i % CORPUS_SENDERS.length]} ${w} `, bare: w }) },
  { name: 'prefix (typing)', make: (w) => ({ ours: w.slice(0, Math.max(4, w.length - 2)), bare: w.slice(0, Math.max(4, w.length - 2)), prefix: true }) },
  { name: 'in: + has:code + word', make: (w, _o, i) => ({ ours: `in:${CORPUS_GROUPS[i % CORPUS_GROUPS.length]!.name} has:code ${w} `, bare: w }) },
];

function ms(started: number): number {
  return performance.now() - started;
}

export async function runSearchBench(): Promise<SectionResult> {
  const messages = chatCorpus(MESSAGES);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'teamchat-bench-search-'));
  try {
    // TeamChat: the timelines take history pages, newest first, and the index takes what they take.
    const search = new MessageSearch(OWNER, () => CORPUS_GROUPS, (error) => { throw error; });
    const timelines = new Timelines({ added: () => undefined, updated: () => undefined, delivered: (...d) => search.take(...d) });
    const byGroup = new Map<string, typeof messages>();
    for (const m of messages) byGroup.set(m.groupId, [...(byGroup.get(m.groupId) ?? []), m]);
    let started = performance.now();
    for (const [groupId, list] of byGroup) {
      for (let end = list.length; end > 0; end -= PAGE) timelines.deliver(groupId, list.slice(Math.max(0, end - PAGE), end), false);
    }
    const indexMs = ms(started);
    started = performance.now();
    const bare = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
    bare.addAll(messages.map((m) => ({ id: `${m.groupId}/${m.msgId}`, text: m.snippet ? `${m.body}\n${m.snippet.path}\n${m.snippet.code}` : m.body ?? '' })));
    const bareIndexMs = ms(started);

    const file = path.join(dir, 'search-index.bin');
    await search.persistTo(file);
    started = performance.now();
    await search.flush();
    const saveMs = ms(started);
    const size = (await stat(file)).size;
    const plainFile = path.join(dir, 'bare.json');
    started = performance.now();
    await writeFile(plainFile, JSON.stringify(bare));
    const bareSaveMs = ms(started);
    const textBytes = messages.reduce((n, m) => n + Buffer.byteLength(m.body ?? '') + Buffer.byteLength(m.snippet?.code ?? ''), 0);

    started = performance.now();
    const loaded = new MessageSearch(OWNER, () => CORPUS_GROUPS, (error) => { throw error; });
    const outcome = await loaded.persistTo(file);
    const loadMs = ms(started);
    if (outcome !== 'loaded' || loaded.size !== search.size) throw new Error(`the saved index did not load (${outcome}, ${loaded.size} of ${search.size})`);
    started = performance.now();
    MiniSearch.loadJSON(await readFile(plainFile, 'utf8'), { fields: ['text'] });
    const bareLoadMs = ms(started);

    // Query words from every frequency band: common, middling and rare.
    const words = [...new Set(messages.slice(0, 3000).flatMap((m) => (m.body ?? '').split(/\s+/)).filter((w) => /^[a-z]{4,}$/.test(w)))];
    const rows: Row[] = [];
    const figures: Record<string, unknown> = {};
    let worstP99 = 0;
    let worstShape = '';
    for (const shape of SHAPES) {
      const ours: number[] = [];
      const peer: number[] = [];
      let found = 0;
      for (let i = 0; i < QUERIES_PER_SHAPE; i++) {
        const q = shape.make(words[(i * 7919) % words.length]!, words[(i * 104729 + 13) % words.length]!, i);
        // Interleaved, so the machine's load falls on both alike.
        let t = performance.now();
        if (loaded.search(q.ours).length) found += 1;
        ours.push(ms(t));
        t = performance.now();
        bare.search(q.bare, { combineWith: 'AND', prefix: q.prefix === true });
        peer.push(ms(t));
      }
      const p50 = median(ours);
      const p99 = percentile(ours, 99);
      if (p99 > worstP99) [worstP99, worstShape] = [p99, shape.name];
      figures[shape.name.replace(/[^a-z]+/g, '_').replace(/^_|_$/g, '')] = { p50_ms: round(p50, 3), p99_ms: round(p99, 3), bare_p50_ms: round(median(peer), 3), queries_with_results: found };
      rows.push({
        figure: `Search ${MESSAGES.toLocaleString('en-US')} messages, ${shape.name}: p50 / p99 (top 50 with excerpts)`,
        teamchat: `${fmt.ms(p50)} / ${fmt.ms(p99)}`,
        ceiling: `${fmt.ms(median(peer))} / ${fmt.ms(percentile(peer, 99))} (bare MiniSearch, same words)`,
        ratio: fmt.ratio(ratio(p50, median(peer))),
        goal: `first result < ${GOAL_MS} ms ${p99 < GOAL_MS ? '✅' : '❌'} (p99)`,
      });
    }
    const rate = (MESSAGES / indexMs) * 1000;
    return {
      figures: {
        search: {
          messages: MESSAGES,
          index_ms: round(indexMs),
          index_msgs_per_s: Math.round(rate),
          bare_index_ms: round(bareIndexMs),
          sealed_bytes: size,
          text_bytes: textBytes,
          save_ms: round(saveMs),
          bare_save_ms: round(bareSaveMs),
          load_ms: round(loadMs),
          bare_load_ms: round(bareLoadMs),
          worst_query_p99_ms: round(worstP99, 3),
          queries: figures,
        },
      },
      rows: [
        {
          figure: `Search: index ${MESSAGES.toLocaleString('en-US')} messages as history pages arrive`,
          teamchat: `${fmt.ms(indexMs)} (${Math.round(rate).toLocaleString('en-US')} msgs/s)`,
          ceiling: `${fmt.ms(bareIndexMs)} (bare MiniSearch addAll, no timeline, no stored fields)`,
          ratio: fmt.ratio(ratio(indexMs, bareIndexMs)),
          goal: 'incremental, off the send path',
        },
        {
          figure: 'Search: index saved (its documents serialized, sealed AES-256-GCM, written, renamed)',
          teamchat: `${fmt.ms(saveMs)}, ${(size / 1048576).toFixed(1)} MiB`,
          ceiling: `${fmt.ms(bareSaveMs)} (bare MiniSearch's own JSON, plain); message text ${(textBytes / 1048576).toFixed(1)} MiB`,
          ratio: fmt.ratio(ratio(saveMs, bareSaveMs)),
          goal: 'after a change, spaced to <= 5% of the time; never per message',
        },
        {
          figure: 'Search: index loaded (read, opened, checked, indexed again a chunk at a time)',
          teamchat: fmt.ms(loadMs),
          ceiling: `${fmt.ms(bareLoadMs)} (bare MiniSearch.loadJSON of plain JSON)`,
          ratio: fmt.ratio(ratio(loadMs, bareLoadMs)),
          goal: 'once per unlock',
        },
        ...rows,
      ],
      notes: [`Search: the slowest query shape at p99 is "${worstShape}" (${fmt.ms(worstP99)}); goal: the first result in under ${GOAL_MS} ms on a ${MESSAGES.toLocaleString('en-US')}-message index ${worstP99 < GOAL_MS ? '✅' : '❌'}.`],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
