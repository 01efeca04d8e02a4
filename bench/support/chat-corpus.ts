// A deterministic corpus of team-chat messages for the search bench: a Zipf-like vocabulary
// (a few words everywhere, most rare), 40 senders, 20 groups, a year of timestamps, one
// message in ten a code snippet and one in twenty with a fenced block in its body.

import type { ChatMessage } from '../../client';

const COMMON = (
  'the a to is it and of in for on that this we i you be with can have not are was will do at so if but just ' +
  'deploy build test fix bug review merge branch release staging prod server client api error log config issue ' +
  'meeting today tomorrow yesterday lunch team update please thanks ok sure looks good done ready wait check ' +
  'database query index cache timeout retry latency memory cpu disk network docker kubernetes cluster node pod ' +
  'frontend backend webview extension panel button layout style color font theme dark light mobile desktop'
).split(' ');
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'so', 'ti', 'va', 'ze', 'po', 'qui', 'dra', 'fen', 'gor', 'hul', 'jin', 'bex', 'cyr', 'wam', 'yst'];
const CODE_LINES = [
  'const result = await client.search(query);',
  'if (!response.ok) throw new Error(`status ${response.status}`);',
  'for (const row of rows) total += row.amount;',
  'export function retry<T>(work: () => Promise<T>, times = 3) {',
  'SELECT id, name FROM users WHERE active = true ORDER BY name;',
  'kubectl rollout restart deployment/api -n staging',
  'git rebase --onto main feature~3 feature',
];

export const CORPUS_SENDERS = Array.from({ length: 40 }, (_, i) => `user${i}`);
export const CORPUS_GROUPS = Array.from({ length: 20 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `team-${i}` }));

/** mulberry32: the same corpus on every run and machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 20,000 made-up words beside the common ones: names, jargon, typos. */
function vocabulary(next: () => number): string[] {
  const words = [...COMMON];
  while (words.length < 20_000) {
    const parts = 2 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.push(word);
  }
  return words;
}

export function chatCorpus(count: number, seed = 16): ChatMessage[] {
  const next = random(seed);
  const words = vocabulary(next);
  // Zipf-like: the word at rank r is picked with weight ~ 1/r.
  const pick = () => words[Math.min(words.length - 1, Math.floor(Math.exp(next() * Math.log(words.length)) - 1))] as string;
  const start = Date.UTC(2025, 11, 1);
  const seqs = new Map<string, number>();
  const messages: ChatMessage[] = [];
  for (let i = 0; i < count; i++) {
    const group = CORPUS_GROUPS[Math.floor(next() * CORPUS_GROUPS.length)]!;
    const seq = (seqs.get(group.id) ?? 0) + 1;
    seqs.set(group.id, seq);
    const length = 3 + Math.floor(next() * next() * 40);
    let body = Array.from({ length }, pick).join(' ');
    const roll = next();
    const code = CODE_LINES[Math.floor(next() * CODE_LINES.length)]!;
    if (roll < 0.05) body += `\n\`\`\`ts\n${code}\n\`\`\``;
    messages.push({
      groupId: group.id,
      seq,
      msgId: i.toString(16).padStart(32, '0'),
      sender: CORPUS_SENDERS[Math.floor(next() * CORPUS_SENDERS.length)]!,
      generation: 1,
      createdAt: new Date(start + Math.floor((i / count) * 365 * 86_400_000)).toISOString(),
      status: 'ok',
      ...(roll > 0.9
        ? { kind: 'snippet' as const, body, snippet: { path: `src/${pick()}.ts`, startLine: 1, endLine: 1, language: 'typescript', code } }
        : { kind: 'text' as const, body }),
    });
  }
  return messages;
}
