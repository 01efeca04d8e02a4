import type { Command } from '../command';

export const members: Command = {
  name: 'members',
  usage: 'members <group>',
  summary: 'list the members of a group',
  arity: [1, 1],
  async run(ctx) {
    const client = await ctx.client();
    const group = await client.group(ctx.args.positionals[0] as string);
    const fresh = (await client.refreshGroup(group.id)) ?? group;
    ctx.out.result(
      fresh.members,
      fresh.members.map((m) => `${m.username}${m.isAdmin ? ' (admin)' : ''}`),
    );
  },
};
