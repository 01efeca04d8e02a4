import type { Command } from '../command';
import { groupSummary } from '../output';

export const create: Command = {
  name: 'create',
  usage: 'create <name>',
  summary: 'create a group (you are its admin)',
  arity: [1, 1],
  async run(ctx) {
    const group = await (await ctx.client()).createGroup(ctx.args.positionals[0] as string);
    ctx.out.result(groupSummary(group), `Created "${group.name}" (${group.id}).`);
  },
};
