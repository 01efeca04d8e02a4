// The index's documents as the sealed file holds them: one array per message, so the keys are
// not written 100,000 times. Read back with every field checked: the file opened under this
// account's key, so it is this client's own writing, but a file from a buggy or older client
// must fail here, as "damaged", and not later inside the index.

import type { SearchDocument } from './search-fields';

export const SAVED_FORMAT = 2;

type Row = [groupId: string, msgId: string, seq: number, sender: string, time: number, body: string, code: string, flags: number, editedAt: number, threadRoot?: string];

const CODE = 1;
const FILE = 2;

export function saveDocuments(docs: readonly SearchDocument[]): string {
  const rows = docs.map((d): Row => {
    const row: Row = [d.groupId, d.msgId, d.seq, d.sender, d.time, d.body, d.code, (d.hasCode ? CODE : 0) | (d.hasFile ? FILE : 0), d.editedAt];
    if (d.threadRoot) row.push(d.threadRoot);
    return row;
  });
  return JSON.stringify({ v: SAVED_FORMAT, docs: rows });
}

/** The documents of a saved index; throws on anything but what saveDocuments wrote. */
export function readDocuments(json: unknown): SearchDocument[] {
  const held = json as { v?: unknown; docs?: unknown };
  if (typeof held !== 'object' || held === null || held.v !== SAVED_FORMAT || !Array.isArray(held.docs)) throw new Error('not a saved search index');
  const seen = new Set<string>();
  const docs: SearchDocument[] = [];
  for (const row of held.docs as unknown[]) {
    if (!isRow(row)) throw new Error('a damaged row');
    const [groupId, msgId, seq, sender, time, body, code, flags, editedAt, threadRoot] = row;
    const id = `${groupId}/${msgId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    docs.push({ id, groupId, msgId, seq, sender, time, body, code, hasCode: (flags & CODE) !== 0, hasFile: (flags & FILE) !== 0, editedAt, ...(threadRoot ? { threadRoot } : {}) });
  }
  return docs;
}

function isRow(row: unknown): row is Row {
  if (!Array.isArray(row) || row.length < 9 || row.length > 10) return false;
  const [groupId, msgId, seq, sender, time, body, code, flags, editedAt, threadRoot] = row as unknown[];
  return (
    typeof groupId === 'string' && typeof msgId === 'string' && typeof sender === 'string' && typeof body === 'string' && typeof code === 'string' &&
    Number.isSafeInteger(seq) && Number.isFinite(time) && Number.isSafeInteger(flags) && Number.isFinite(editedAt) &&
    (threadRoot === undefined || typeof threadRoot === 'string')
  );
}
