import type { Command } from '../command';

export const promote: Command = {
  name: 'promote',
  usage: 'promote <group> <username>',
  summary: 'make a member an admin (admins add, remove and promote members)',
  arity: [2, 2],
  async run(ctx) {
    const [groupRef, username] = ctx.args.positionals as [string, string];
    const client = await ctx.client();
    const member = await client.promote(groupRef, username);
    const group = await client.group(groupRef);
    ctx.out.result({ groupId: group.id, ...member }, `${username} is now an admin of "${group.name}".`);
  },
};
