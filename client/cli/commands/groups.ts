import type { Command } from '../command';
import { formatDirectMessage, formatGroup, groupSummary } from '../output';

export const groups: Command = {
  name: 'groups',
  usage: 'groups',
  summary: 'list your groups, and apart from them your direct messages',
  arity: [0, 0],
  async run(ctx) {
    const list = await (await ctx.client()).refreshGroups();
    const rooms = list.filter((g) => !g.dm);
    const dms = list.filter((g) => g.dm);
    const text = [
      ...(rooms.length ? rooms.map(formatGroup) : ['You are in no group yet; create one with "teamchat create <name>".']),
      ...(dms.length ? ['', 'Direct messages:', ...dms.map((g) => `  ${formatDirectMessage(g)}`)] : []),
    ];
    ctx.out.result(list.map(groupSummary), text);
  },
};
