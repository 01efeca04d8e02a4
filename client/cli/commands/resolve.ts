import type { Command } from '../command';
import { formatMessage, messageJson } from '../output';

export const resolve: Command = {
  name: 'resolve',
  usage: 'resolve <group> <msgId> [--reopen]',
  summary: 'mark the discussion on a message (or the thread a reply is in) resolved, or --reopen it; any member may',
  arity: [2, 2],
  options: ['reopen'],
  async run(ctx) {
    const [groupRef, msgId] = ctx.args.positionals as [string, string];
    const client = await ctx.client();
    const group = await client.group(groupRef);
    const root = await client.threads.resolve(group, msgId, ctx.args.options.reopen !== true);
    ctx.out.result(messageJson(root), formatMessage(root));
  },
};
