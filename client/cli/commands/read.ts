import { positiveInteger } from '../args';
import type { Command } from '../command';
import { formatMessage, messageJson } from '../output';

export const read: Command = {
  name: 'read',
  usage: 'read <group> [--limit n]',
  summary: 'show the history, decrypted and checked (default: the newest 200 stored messages); files show name, size, type and msgId',
  arity: [1, 1],
  options: ['limit'],
  async run(ctx) {
    const client = await ctx.client();
    const group = await client.group(ctx.args.positionals[0] as string);
    const limit = positiveInteger(ctx.args.options.limit, 'limit');
    const messages = await client.history(group, limit ? { limit } : {});
    const newest = messages.at(-1);
    if (newest) await client.markRead(group, newest.seq);
    ctx.out.result(messages.map(messageJson), messages.length ? messages.flatMap(formatMessage) : `No messages in "${group.name}" yet.`);
  },
};
