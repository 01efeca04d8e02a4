// Reads a group's stored history backwards. A long read decodes in batches of several pages
// on the verify workers while the next pages download; the first page is decoded on its
// own, so the newest messages show first.

import { HISTORY_PAGE_MAX, type MessageView } from '../../common/api';
import type { ApiClient } from '../api/api-client';
import type { LiveSync } from '../sync/live-sync';
import type { ChatMessage } from './chat-message';
import type { MessageReader } from './message-reader';

/** Pages gathered before a decode, enough for the verify workers to pay off (they start at 512). */
const PARALLEL_DECODE_BATCH = 1000;

export class HistoryReader {
  constructor(
    private readonly api: ApiClient,
    private readonly reader: MessageReader,
    private readonly sync: LiveSync,
    private readonly deliver: (groupId: string, messages: ChatMessage[]) => void,
  ) {}

  /** Pages back from `before` (newest when undefined) until `limit` stored messages are read; answers whether more remain. */
  async readBack(groupId: string, limit: number, before: number | undefined): Promise<boolean> {
    let remaining = limit;
    let hasMore = true;
    let batch: MessageView[] = [];
    let first = true;
    const decoding: Promise<void>[] = [];
    const flush = () => {
      const views = batch;
      batch = [];
      const delivered = this.reader.read(groupId, views).then((messages) => this.sync.enqueue(groupId, async () => this.deliver(groupId, messages)));
      // Awaited below with the others; until then a failure must not count as unhandled.
      delivered.catch(() => undefined);
      decoding.push(delivered);
    };
    while (remaining > 0 && hasMore) {
      const page = await this.api.history(groupId, { limit: Math.min(remaining, HISTORY_PAGE_MAX), ...(before !== undefined ? { before } : {}) });
      hasMore = page.hasMore;
      if (page.messages.length === 0) break;
      batch.push(...page.messages);
      if (first || batch.length >= PARALLEL_DECODE_BATCH) flush();
      first = false;
      remaining -= page.messages.length;
      before = page.messages[0]!.seq;
    }
    if (batch.length > 0) flush();
    await Promise.all(decoding);
    return hasMore;
  }
}
