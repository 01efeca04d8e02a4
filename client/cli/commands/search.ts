import path from 'node:path';
import { positiveInteger } from '../args';
import type { Command } from '../command';
import type { SearchResult } from '../../search/message-search';

/** The index beside the profile it belongs to; sealed under the account's keys like the profile. */
export function searchIndexFile(profileDir: string): string {
  return path.join(profileDir, 'search-index.bin');
}

export const search: Command = {
  name: 'search',
  usage: 'search <query> [--limit n] [--no-history]',
  summary: 'search your groups\' messages on this device: words, "a phrase", from:bob, in:group, has:code, has:file, before:/after:/on:YYYY-MM-DD',
  arity: [1, 64],
  options: ['limit', 'no-history'],
  async run(ctx) {
    const client = await ctx.client();
    await client.search.persistTo(searchIndexFile(ctx.profileDir));
    try {
      // Only the groups the user is in now are searched. Their newest messages are read
      // first, so what arrived since the last search is found too.
      const groups = await client.refreshGroups();
      if (ctx.args.options['no-history'] !== true) for (const group of groups) await client.history(group);
      const limit = positiveInteger(ctx.args.options.limit, 'limit') ?? 20;
      const results = client.search.search(queryText(ctx.args.positionals), { limit });
      ctx.out.result(results, results.length ? results.map(formatResult) : 'No message matches.');
    } finally {
      await client.search.close();
    }
  },
};

/** A word the shell kept together with spaces in it ("build failed") was a phrase. */
export function queryText(words: string[]): string {
  return words
    .map((w) => {
      if (!/\s/.test(w) || w.includes('"')) return w;
      const filter = /^([a-z]+):(.*)$/is.exec(w);
      return filter ? `${filter[1]}:"${filter[2]}"` : `"${w}"`;
    })
    .join(' ');
}

/** "General #12 2026-11-25 21:34 bob: …the «deploy» failed…"; the caller makes the line safe for a terminal. */
export function formatResult(r: SearchResult): string {
  const time = r.time.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, '');
  let text = '';
  let at = 0;
  for (const range of r.excerpt.ranges) {
    text += `${r.excerpt.text.slice(at, range.start)}«${r.excerpt.text.slice(range.start, range.end)}»`;
    at = range.end;
  }
  text += r.excerpt.text.slice(at);
  return `${r.groupName} #${r.seq} ${time} ${r.sender}: ${text}`;
}
