import type { Command } from '../command';
import { formatGroup, groupSummary } from '../output';

export const groups: Command = {
  name: 'groups',
  usage: 'groups',
  summary: 'list your groups',
  arity: [0, 0],
  async run(ctx) {
    const list = await (await ctx.client()).refreshGroups();
    ctx.out.result(list.map(groupSummary), list.length ? list.map(formatGroup) : 'You are in no group yet; create one with "teamchat create <name>".');
  },
};
