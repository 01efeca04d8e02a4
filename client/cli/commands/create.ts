import { GroupNameTakenError } from '../../groups/group-creation';
import { UsageError } from '../cli-errors';
import type { Command } from '../command';
import { groupSummary } from '../output';

export const create: Command = {
  name: 'create',
  usage: 'create <name> [--members a,b] [--again]',
  summary: 'create a group (you are its admin) with its first members, all or nothing; --again makes a second group of a name you have',
  arity: [1, 1],
  options: ['members', 'again'],
  async run(ctx) {
    const name = ctx.args.positionals[0] as string;
    const listed = ctx.args.options.members;
    const members = typeof listed === 'string' ? listed.split(/[\s,]+/).map((m) => m.replace(/^@/, '')).filter(Boolean) : [];
    const client = await ctx.client();
    try {
      const group = await client.createGroup(name, { members, allowSameName: ctx.args.options.again === true });
      const others = group.members.filter((m) => m.username !== client.username).map((m) => m.username);
      ctx.out.result(groupSummary(group), `Created "${group.name}" (${group.id})${others.length ? ` with ${others.join(', ')}` : ''}.`);
    } catch (error) {
      if (error instanceof GroupNameTakenError) {
        throw new UsageError(`You already have a group named "${error.groupName}"; add --again to create a second one.`);
      }
      throw error;
    }
  },
};
