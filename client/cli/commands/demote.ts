import type { Command } from '../command';

export const demote: Command = {
  name: 'demote',
  usage: 'demote <group> <username>',
  summary: 'take admin away from a member (refused for the last admin: promote someone first)',
  arity: [2, 2],
  async run(ctx) {
    const [groupRef, username] = ctx.args.positionals as [string, string];
    const client = await ctx.client();
    const member = await client.demote(groupRef, username);
    const group = await client.group(groupRef);
    ctx.out.result({ groupId: group.id, ...member }, `${username} is no longer an admin of "${group.name}".`);
  },
};
