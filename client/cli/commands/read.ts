import { positiveInteger } from '../args';
import type { Command } from '../command';
import { formatMessage, messageJson } from '../output';
import { threadSummaryLine } from '../thread-text';
import { withFetchedPatches } from '../diff-text';

export const read: Command = {
  name: 'read',
  usage: 'read <group> [--limit n] [--thread <msgId>]',
  summary: 'show the history, decrypted and checked (default: the newest 200 stored messages), or one thread; files show name, size, type and msgId',
  arity: [1, 1],
  options: ['limit', 'thread'],
  async run(ctx) {
    const client = await ctx.client();
    const group = await client.group(ctx.args.positionals[0] as string);
    const limit = positiveInteger(ctx.args.options.limit, 'limit');
    const thread = ctx.args.options.thread;
    if (typeof thread === 'string') {
      const page = await client.threads.open(group, thread, limit);
      client.threads.markRead(group.id, page.root.msgId);
      if (page.dropped) ctx.out.note(`${page.dropped} message(s) the server gave for this thread are not part of it and were left out.`);
      const lines = [...formatMessage(page.root), ...page.replies.flatMap((m) => formatMessage(m).map((line) => `  ${line}`))];
      ctx.out.result({ ...page, root: messageJson(page.root), replies: page.replies.map(messageJson) }, page.replies.length ? lines : [...lines, '  No replies in this thread yet.']);
      return;
    }
    const messages = await client.history(group, limit ? { limit } : {});
    const shown = await withFetchedPatches(messages, (m) => client.diffs.patchOf(m), (line) => ctx.out.note(line));
    const newest = messages.at(-1);
    if (newest) await client.markRead(group, newest.seq);
    const lines = shown.flatMap((m) => {
      const summary = m.threadRoot === undefined ? client.threads.summary(group.id, m.msgId) : undefined;
      return summary ? [...formatMessage(m), threadSummaryLine(summary)] : formatMessage(m);
    });
    ctx.out.result(messages.map(messageJson), messages.length ? lines : `No messages in "${group.name}" yet.`);
  },
};
